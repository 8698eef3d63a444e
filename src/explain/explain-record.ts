// Notes under the records that are not TCP segments: ICMP/UDP/ARP packets, tcpdump's own messages, unparsed lines.

import type { LineRecord, MetaRecord, OtherRecord } from '../model/line-result';
import { endpointKey } from '../model/endpoint';
import { MAX_PARSED_LINE_CHARS } from '../model/raw-record';
import type { Catalog, Lang } from './catalog';
import { catalogFor } from './catalogs';
import { noteText } from './explain-segment';
import type { Note } from './explain-segment';

/** The word after `key` in a tcpdump summary (`length 36` → "36"), split on spaces and commas. */
function wordAfter(words: readonly string[], key: string): string | null {
  const i = words.indexOf(key);
  return i >= 0 && i + 1 < words.length ? words[i + 1] : null;
}

/** JS `\s` (WhiteSpace and LineTerminator) or a comma: what `split(/[\s,]+/)` splits on. */
function isSeparator(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c === 0x2c) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * The words of a summary: `text.split(/[\s,]+/).filter(Boolean)`, by hand. Runs for every ICMP/UDP/ARP/DNS record, and
 * a regex split plus filter cost more than the note built from it.
 */
function words(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isSeparator(text.charCodeAt(i))) {
      if (start >= 0) out.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

function hostOf(e: OtherRecord['src']): string {
  return e ? endpointKey(e) : '?';
}

/** ICMP: print-icmp.c wording (`echo request`, `tcp port 81 unreachable`, `time exceeded in-transit`). */
function icmpNote(cat: Catalog, rec: OtherRecord): string {
  const s = rec.summary;
  const reporter = rec.src ? rec.src.host : '?';
  if (rec.quoted && rec.quoted.port !== null) {
    const host = rec.quoted.dst?.host ?? rec.dst?.host ?? '?';
    return cat.record.icmpPortUnreachable({ host, proto: rec.quoted.proto, port: rec.quoted.port, reporter });
  }
  const w = words(s);
  const portAt = w.indexOf('port');
  if (portAt >= 2 && w.includes('unreachable')) {
    const port = Number(w[portAt + 1]);
    if (Number.isInteger(port)) return cat.record.icmpPortUnreachable({ host: w[portAt - 2], proto: w[portAt - 1], port, reporter });
  }
  if (s.includes('echo request')) return cat.record.icmpEchoRequest({ from: hostOf(rec.src), to: hostOf(rec.dst) });
  if (s.includes('echo reply')) return cat.record.icmpEchoReply({ from: hostOf(rec.src), to: hostOf(rec.dst) });
  if (s.includes('unreachable')) return cat.record.icmpHostUnreachable({ reporter });
  if (s.includes('time exceeded')) return cat.record.icmpTimeExceeded({ reporter });
  return cat.record.icmpOther({ summary: s.replace(/^ICMP6?,?\s*/, '').replace(/,\s*length \d+$/, '') });
}

function otherNote(cat: Catalog, rec: OtherRecord): string {
  const proto = rec.proto.toUpperCase();
  if (proto === 'ICMP' || proto === 'ICMP6') return icmpNote(cat, rec);
  if (proto === 'ARP') {
    const w = words(rec.summary);
    const who = wordAfter(w, 'who-has');
    if (who) return cat.record.arpRequest({ target: who, asker: wordAfter(w, 'tell') ?? '?' });
    const mac = wordAfter(w, 'is-at');
    if (mac) return cat.record.arpReply({ target: w[w.indexOf('is-at') - 1] ?? '?', mac });
    return cat.record.other({ proto: rec.proto });
  }
  if (proto === 'DNS') {
    // print-domain.c prints a question as `TYPE? NAME` (`A? tcpdump.org.`).
    const w = words(rec.summary);
    const at = w.findIndex((x) => x.length > 1 && x.endsWith('?'));
    return cat.record.dns({
      from: hostOf(rec.src),
      to: hostOf(rec.dst),
      query: at >= 0,
      qtype: at >= 0 ? w[at].slice(0, -1) : null,
      name: at >= 0 && at + 1 < w.length ? w[at + 1].replace(/\.$/, '') : null,
    });
  }
  if (proto === 'UDP') {
    const len = Number(wordAfter(words(rec.summary), 'length'));
    return cat.record.udp({ from: hostOf(rec.src), to: hostOf(rec.dst), len: Number.isFinite(len) ? len : null });
  }
  if (proto === 'TCP') return cat.record.otherTcp({ summary: rec.summary.trim() });
  return cat.record.other({ proto: rec.proto });
}

/** tcpdump's command line: one note for the command, one per option it knows, then the filter. */
function commandNotes(cat: Catalog, rec: MetaRecord): string[] {
  const out = [cat.record.meta.command(rec)];
  const w = rec.options?.['w'];
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(rec.options ?? {})) {
    const fn = Object.hasOwn(cat.record.commandOption, name) ? cat.record.commandOption[name] : undefined;
    if (fn) out.push(fn(value));
    else unknown.push(name);
  }
  if (unknown.length > 0) out.push(cat.record.commandUnknownOptions(unknown));
  if (rec.filter) out.push(cat.record.commandFilter(rec.filter));
  // A file written with -w (not `-w -`, stdout): cmd's hint to read it back as text.
  if (typeof w === 'string' && w !== '-') out.push(cat.record.commandReadBack(w));
  return out;
}

/**
 * tcpdump's counters of the current run, told with its statistics lines (-1 until printed), and whether that run
 * printed its packets or wrote them to a file (-w); null when unknown.
 */
export interface RunStats {
  received: number;
  captured: number;
  mode: 'print' | 'write' | null;
}

/** Notes for a record that is not a TCP segment (a TCP record returns none here: see explainSegment). */
export function explainRecordNotes(rec: LineRecord, lang: Lang, stats?: RunStats): Note[] {
  const cat = catalogFor(lang);
  switch (rec.kind) {
    case 'text':
      return rec.dumpOf !== undefined ? [{ kind: 'record', text: cat.record.lateDump(rec.dumpOf) }] : [];
    case 'tcp':
      return [];
    case 'unparsed':
      if (rec.tooLong !== undefined) return [{ kind: 'warning', text: cat.record.tooLong(rec.tooLong, MAX_PARSED_LINE_CHARS) }];
      if (rec.wrapCut !== undefined) return [{ kind: 'warning', text: cat.record.wrapCut(rec.wrapCut.line, rec.wrapCut.width) }];
      return [{ kind: 'warning', text: cat.record.unparsed(rec.reason) }];
    case 'meta':
      // tcpdump prints "captured", "received by filter", then "dropped by kernel": the last is told with the two others.
      if (rec.meta === 'stats' && rec.stat === 'dropped-kernel' && rec.count === 0 && stats !== undefined)
        return [{ kind: 'record', text: cat.record.noKernelDrops(stats.received, stats.captured, stats.mode === 'write') }];
      if (rec.meta === 'stats' && rec.stat === 'captured' && rec.count !== null && stats !== undefined)
        return [{ kind: 'record', text: cat.record.capturedCount(rec.count, stats.mode) }];
      if (rec.meta === 'command') return commandNotes(cat, rec).map((text) => ({ kind: 'record', text }));
      return cat.record.meta[rec.meta] ? [{ kind: 'record', text: cat.record.meta[rec.meta](rec) }] : [];
    case 'other':
      return [{ kind: 'record', text: otherNote(cat, rec) }];
  }
}

export function explainRecord(rec: LineRecord, lang: Lang): string[] {
  return explainRecordNotes(rec, lang).map(noteText);
}
