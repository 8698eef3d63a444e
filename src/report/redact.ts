// Replaces addresses, host names, MACs and payload in tcpdump text with consistent stand-ins, keeping the TCP analysis intact.

import { parseRecords } from '../../grammar';
import { recordsFromText } from '../input';
import type { LineRecord } from '../model';

export type RedactKind = 'ipv4' | 'ipv6' | 'name' | 'mac';

export interface RedactMapping {
  kind: RedactKind;
  original: string;
  standIn: string;
}

export interface Redactor {
  /**
   * A redacted copy of one capture text. Call it again with the other side of a pair: the same original always
   * gets the same stand-in, so connections still match across the two captures.
   */
  redactText(text: string): string;
  /** Every replacement made so far, in order of first appearance. */
  readonly mapping: readonly RedactMapping[];
}

const IPV4 = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?!\d)/g;
const MAC = /(?<![0-9A-Fa-f:])([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5})(?![0-9A-Fa-f:])/g;
const DUMP_LINE = /^(\s*0x[0-9a-fA-F]{4,}:\s+)(.*)$/;
const KEEP = new Set(['0.0.0.0', '255.255.255.255', '127.0.0.1', '::', '::1', 'ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00']);

const isIpv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split('.').every((p) => Number(p) <= 255);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A hex dump line keeps its offsets and layout; every byte reads 00 and the ASCII column dots (tcpdump print-ascii.c layout). */
function zeroDump(line: string): string {
  const m = DUMP_LINE.exec(line);
  if (!m) return line;
  const [, head, rest] = m;
  // Hex groups are 4 digits separated by one space; the ASCII column follows two or more spaces.
  const split = /^((?:[0-9a-fA-F]{2,4}\s)*[0-9a-fA-F]{2,4})(\s{2,})(.*)$/.exec(rest);
  if (!split) return head + rest.replace(/[0-9a-fA-F]/g, '0');
  return head + split[1].replace(/[0-9a-fA-F]/g, '0') + split[2] + split[3].replace(/./g, '.');
}

export function createRedactor(): Redactor {
  const mapping: RedactMapping[] = [];
  const byOriginal = new Map<string, string>();
  const counters: Record<RedactKind, number> = { ipv4: 0, ipv6: 0, name: 0, mac: 0 };

  function standIn(kind: RedactKind, original: string): string {
    const known = byOriginal.get(original);
    if (known !== undefined) return known;
    if (KEEP.has(original.toLowerCase())) return original;
    let s: string;
    do {
      const n = ++counters[kind];
      s =
        kind === 'ipv4'
          ? `198.18.${Math.floor(n / 254)}.${(n % 254) + 1}` // RFC 2544 benchmarking range: never a real host
          : kind === 'ipv6'
            ? `2001:db8:ffff::${n.toString(16)}` // RFC 3849 documentation prefix
            : kind === 'mac'
              ? `02:00:00:00:${((n >> 8) & 0xff).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}` // locally administered
              : original.includes('.') ? `host-${n}.example` : `host-${n}`;
    } while (byOriginal.has(s) && byOriginal.get(s) !== s);
    byOriginal.set(original, s);
    mapping.push({ kind, original, standIn: s });
    return s;
  }

  function register(host: string | null | undefined): void {
    if (!host) return;
    standIn(isIpv4(host) ? 'ipv4' : host.includes(':') ? 'ipv6' : 'name', host);
  }

  function collect(rec: LineRecord): void {
    if (rec.kind === 'tcp' || rec.kind === 'other') {
      register(rec.src?.host);
      register(rec.dst?.host);
      if (rec.kind === 'other' && rec.quoted) {
        register(rec.quoted.src?.host);
        register(rec.quoted.dst?.host);
      }
      if (rec.link?.srcMac) standIn('mac', rec.link.srcMac.toLowerCase());
      if (rec.link?.dstMac) standIn('mac', rec.link.dstMac.toLowerCase());
    }
  }

  function redactText(text: string): string {
    const records = parseRecords(recordsFromText(text));
    for (const rec of records) collect(rec);
    const lines = text.split('\n');

    // Payload first, while the record's own text is still findable on its lines (glued pastes put several on one line).
    for (const rec of records) {
      if (rec.kind !== 'tcp' && rec.kind !== 'other') continue;
      const from = rec.line - 1;
      const to = Math.min(rec.endLine, lines.length);
      const replaceIn = (needle: string, by: string, last = false): boolean => {
        for (let i = from; i < to; i++) {
          const at = last ? lines[i].lastIndexOf(needle) : lines[i].indexOf(needle);
          if (at < 0) continue;
          lines[i] = lines[i].slice(0, at) + by + lines[i].slice(at + needle.length);
          return true;
        }
        return false;
      };
      if (rec.kind === 'tcp' && rec.payload && rec.payload.trim() !== '') replaceIn(rec.payload, ': [redacted]', true);
      for (const d of rec.dump) {
        const t = d.trim();
        if (t !== '') replaceIn(t, DUMP_LINE.test(t) ? zeroDump(t) : '[redacted]');
      }
      for (const d of rec.details) {
        const t = d.trim();
        if (t !== '') replaceIn(t, '[redacted]');
      }
    }

    const names = mapping.filter((m) => m.kind === 'name' || m.kind === 'ipv6').sort((a, b) => b.original.length - a.original.length);
    const namesRe = names.length > 0 ? new RegExp(`(?<![\\w.:-])(${names.map((m) => escapeRe(m.original)).join('|')})(?![\\w-]|:[0-9a-fA-F])`, 'g') : null;
    return lines
      .map((line) => {
        let l = namesRe ? line.replace(namesRe, (s) => byOriginal.get(s) ?? s) : line;
        l = l.replace(MAC, (s) => standIn('mac', s.toLowerCase()));
        l = l.replace(IPV4, (s) => (isIpv4(s) ? standIn('ipv4', s) : s));
        return l;
      })
      .join('\n');
  }

  return { redactText, mapping };
}
