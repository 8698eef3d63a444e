// Replaces addresses, host names, MACs and payload in tcpdump text with consistent stand-ins, keeping the TCP analysis intact.

import { isIPv6 } from 'node:net';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../input';
import type { LineRecord } from '../model';

export type RedactKind = 'ipv4' | 'ipv6' | 'name' | 'mac' | 'email' | 'path';

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
  /**
   * The same redaction of a text given as consecutive pieces (see splitForRedaction), none of which need hold the
   * whole: what redactText gives for their concatenation, piece by piece. Reads `pieces` three times and empties
   * each entry once its redacted copy is yielded, so no string ever holds the whole input (V8's limit is 512 MiB).
   */
  redactPieces(pieces: string[]): Generator<string>;
  /** Every replacement made so far, in order of first appearance. */
  readonly mapping: readonly RedactMapping[];
}

const IPV4 = /(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?!\d)/g;
/** MACs with colons (tcpdump) or dashes (Windows), and Cisco's dotted `aabb.ccdd.eeff`. */
const MAC = /(?<![0-9A-Fa-f:-])([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![0-9A-Fa-f:-])/g;
/**
 * IPv6 candidates in any textual form (RFC 4291 §2.2: full, `::`-compressed, IPv4-suffixed), optionally in brackets,
 * with a zone id (RFC 6874 `%eth0`) or tcpdump's `.port`; each is checked with net.isIPv6 before it is replaced.
 */
const IPV6 = /(?<![\w:.%])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,4})(%[\w.-]+)?/g;
const EMAIL = /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** Absolute or home-relative paths with at least one directory (`/home/NAME/x.pcap`, `~/x`, `C:\Users\NAME\x`). */
const PATH = /(?<![\w.:/\\])(?:(?:~|\/)(?:[^\s/,;:'"()]+\/)+[^\s/,;:'"()]*|[A-Za-z]:\\(?:[^\s\\,;'"()]+\\)*[^\s\\,;'"()]*)/g;
/**
 * A DNS name anywhere (DNS summaries `A? example.org.`, ICMPv6 targets, prose): two or more labels, the last one
 * alphabetic and 2+ characters, and one label before it with a letter (so `192.0.2.1.http`, an address and a
 * port, is not one; nor are `e.g.` and the flags `[S.EW]`).
 */
const FQDN = /(?<![\w.@[-])((?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9])\.?(?![\w-])/g;
/**
 * Endpoints of an address pair on any line, parsed or not (a cut line's `carol-pc.51000 > dave-srv.http: ...`, or
 * one cut right after the arrow: `carol-pc.51000 > `).
 */
const PAIR = /(?:^|\s)([^\s>]+) >(?: ([^\s,]+?))?(?::|,|\s|$)/g;
const HEX_DIGIT = /[0-9a-fA-F]/;
const DUMP_LINE = /^(\s*0x[0-9a-fA-F]{4,}:\s+)(.*)$/;
const KEEP = new Set(['0.0.0.0', '255.255.255.255', '127.0.0.1', '::', '::1', 'ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00']);

/** Lower-case, fully expanded IPv6 text (`2001:0db8:0000:...`), the key that makes every form of one address one host. */
function canonicalIpv6(addr: string): string {
  let a = addr.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) {
    const b = v4.slice(1).map(Number);
    a = a.slice(0, v4.index) + `${((b[0] << 8) | b[1]).toString(16)}:${((b[2] << 8) | b[3]).toString(16)}`;
  }
  const [head, tail] = a.includes('::') ? a.split('::') : [a, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === null ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const full = groups.map((g) => g.padStart(4, '0')).join(':');
  return full === '0000:0000:0000:0000:0000:0000:0000:0000' ? '::' : full === '0000:0000:0000:0000:0000:0000:0000:0001' ? '::1' : full;
}

const isIpv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split('.').every((p) => Number(p) <= 255);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A hex dump line keeps its offsets and layout; every byte reads 00 and the ASCII column dots (tcpdump print-ascii.c layout). */
function zeroDump(line: string): string {
  const m = DUMP_LINE.exec(line);
  if (!m) return line;
  const [, head, rest] = m;
  // Hex groups are 4 digits separated by one space; the ASCII column follows two or more spaces.
  const split = /^((?:[0-9a-fA-F]{2,4}\s)*[0-9a-fA-F]{2,4})(\s{2,})(.*)$/.exec(rest);
  // Not the usual form (-x without an ASCII column, or a mangled line): hex digits become 0 and every other visible
  // character a dot, so no text (a path, a name) survives inside it.
  if (!split) return head + rest.replace(/\S/g, (c) => (HEX_DIGIT.test(c) ? '0' : '.'));
  return head + split[1].replace(/[0-9a-fA-F]/g, '0') + split[2] + split[3].replace(/./g, '.');
}

export function createRedactor(): Redactor {
  const mapping: RedactMapping[] = [];
  const byOriginal = new Map<string, string>();
  const counters: Record<RedactKind, number> = { ipv4: 0, ipv6: 0, name: 0, mac: 0, email: 0, path: 0 };

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
              : kind === 'email'
                ? `user-${n}@example.com`
                : kind === 'path'
                  ? `/redacted/path-${n}`
                  : original.includes('.') ? `host-${n}.example` : `host-${n}`;
    } while (byOriginal.has(s) && byOriginal.get(s) !== s);
    byOriginal.set(original, s);
    standIns.add(s);
    mapping.push({ kind, original, standIn: s });
    return s;
  }

  function register(host: string | null | undefined): void {
    if (!host) return;
    if (host.includes(':')) {
      if (isIPv6(host)) ipv6(host);
      return;
    }
    if (isIpv4(host)) standIn('ipv4', host);
    // A word of digits alone is a port the parser took for a host (tcpdump prints `SPORT > DPORT:` alone after an
    // IPv6 hop-by-hop jumbo header): not a name, and nothing to hide.
    else if (/[A-Za-z]/.test(host)) standIn('name', host);
  }

  /** One stand-in per IPv6 address whatever its textual form (`2001:DB8:0::1` and `2001:db8::1` are one host). */
  function ipv6(addr: string): string {
    const key = canonicalIpv6(addr);
    return KEEP.has(key) ? addr : standIn('ipv6', key);
  }

  /** A host name seen anywhere; a stand-in or a known name followed by a port word is left to the name pass. */
  function registerName(name: string, fqdn = false): void {
    const n = name.endsWith('.') ? name.slice(0, -1) : name;
    if (fqdn && !/[A-Za-z]/.test(n.slice(0, n.lastIndexOf('.')))) return;
    if (n === '' || isIpv4(n) || !/[A-Za-z]/.test(n) || standIns.has(n) || /^host-\d+(?:\.example)?(?:\.|$)/.test(n)) return;
    const dot = n.lastIndexOf('.');
    if (dot > 0 && byOriginal.has(n.slice(0, dot))) return;
    standIn('name', n);
  }

  /** The IPv6 address in an IPV6 match (without tcpdump's `.port`), or null when it is none. */
  function ipv6Part(m: string): string | null {
    if (isIPv6(m)) return m;
    // The colon that ends an address pair (`> ff02::1:ff00:5:`).
    if (m.endsWith(':') && !m.endsWith('::') && isIPv6(m.slice(0, -1))) return m.slice(0, -1);
    const dot = m.lastIndexOf('.');
    if (dot > 0 && /^\.\d+$/.test(m.slice(dot)) && isIPv6(m.slice(0, dot))) return m.slice(0, dot);
    return null;
  }

  const standIns = new Set<string>();

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

  /** Pass 1 of 3: the hosts of the parsed records, which take the first stand-ins. */
  function collectAll(records: readonly LineRecord[]): void {
    for (const rec of records) collect(rec);
  }

  /** Pass 2 of 3: payload removed per record, then every line's e-mails, paths, IPv6 and names (registered here). */
  function lineways(text: string, records: readonly LineRecord[]): string[] {
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

    // Every byte of every line: e-mail addresses and paths first (they contain names), then IPv6 in any form (some
    // end in an IPv4 address), then names seen anywhere, MACs, IPv4.
    for (let i = 0; i < lines.length; i++) {
      // A dump line the record pass did not reach (a repeated or mutated copy of another: that pass replaces the first
      // occurrence of each dump text) is payload all the same: its hex and ASCII columns go whole. Idempotent.
      let l = DUMP_LINE.test(lines[i]) ? zeroDump(lines[i]) : lines[i];
      l = l.replace(EMAIL, (s) => standIn('email', s.toLowerCase()));
      l = l.replace(PATH, (s) => standIn('path', s));
      l = l.replace(IPV6, (s, addr: string, zone: string | undefined) => {
        const a = ipv6Part(addr);
        if (a === null) return s;
        return ipv6(a) + addr.slice(a.length) + (zone ? `%${standIn('name', zone.slice(1))}` : '');
      });
      for (const m of l.matchAll(PAIR)) {
        for (const side of [m[1], m[2]]) {
          if (side === undefined) continue;
          // IPv6 sides were replaced above; a bare hex word is the head of one (`ff02` of `ff02::1:`), not a name.
          if (side.includes(':') || side.includes('@') || /^[0-9A-Fa-f]+$/.test(side)) continue;
          const dot = side.lastIndexOf('.');
          registerName(dot > 0 ? side.slice(0, dot) : side);
        }
      }
      for (const m of l.matchAll(FQDN)) registerName(m[1], true);
      lines[i] = l;
    }
    return lines;
  }

  /** Pass 3 of 3: every name registered anywhere, then MACs and IPv4, replaced on each line. */
  function finalPass(lines: readonly string[], namesRe: RegExp | null): string {
    return lines
      .map((line) => {
        let l = namesRe ? line.replace(namesRe, (s) => byOriginal.get(s) ?? s) : line;
        l = l.replace(MAC, (s) => standIn('mac', s.toLowerCase().replace(/-/g, ':')));
        l = l.replace(IPV4, (s) => (isIpv4(s) ? standIn('ipv4', s) : s));
        return l;
      })
      .join('\n');
  }

  function namesRegex(): RegExp | null {
    const names = mapping.filter((m) => m.kind === 'name').sort((a, b) => b.original.length - a.original.length);
    return names.length > 0 ? new RegExp(`(?<![\\w.:-])(${names.map((m) => escapeRe(m.original)).join('|')})(?![\\w-]|:[0-9a-fA-F])`, 'g') : null;
  }

  function redactText(text: string): string {
    const records = parseRecords(recordsFromText(text));
    collectAll(records);
    const lines = lineways(text, records);
    return finalPass(lines, namesRegex());
  }

  function* redactPieces(pieces: string[]): Generator<string> {
    // Each piece ends with '\n' but perhaps the last, so the pieces' lines are the whole text's lines.
    for (const p of pieces) collectAll(parseRecords(recordsFromText(p)));
    const middle: string[][] = pieces.map((p) => lineways(p, parseRecords(recordsFromText(p))));
    for (let i = 0; i < pieces.length; i++) pieces[i] = '';
    const namesRe = namesRegex();
    for (let i = 0; i < middle.length; i++) {
      const out = finalPass(middle[i], namesRe);
      middle[i] = [];
      yield out;
    }
  }

  return { redactText, redactPieces, mapping };
}

/** A line that starts a packet record (a timestamp in any of tcpdump's -t forms): a safe place to cut a text. */
const RECORD_START = /^(?:\d{4}-\d\d-\d\d \d|\d\d:\d\d:\d\d\.\d|\d{9,}\.\d{6} )/;

/**
 * Splits text arriving in chunks into pieces of about `size` characters, each cut before a line that starts a
 * packet record (so no record, with its -v continuation or hex dump lines, is split); without such lines, before any
 * line after 2 × size, and anywhere after 4 × size. Every piece but the last ends with '\n'.
 */
export function createPieceSplitter(size: number): { push(text: string): string[]; end(): string[] } {
  let buf = '';
  let from = 0;
  /** Where the search for the next cut resumes (every line end before it was judged not a cut). */
  let scan = 0;
  const take = (): string[] => {
    const out: string[] = [];
    for (;;) {
      if (buf.length - from <= size) break;
      let at = -1;
      let i = buf.indexOf('\n', Math.max(scan, from + size - 1));
      while (i >= 0 && i + 40 < buf.length) {
        const span = i + 1 - from;
        const next = buf.slice(i + 1, i + 40);
        if (RECORD_START.test(next) || (span > 2 * size && /^\S/.test(next)) || span > 4 * size) {
          at = i + 1;
          break;
        }
        i = buf.indexOf('\n', i + 1);
      }
      // A line longer than 4 × size (never tcpdump's): cut inside it rather than hold it whole.
      if (at < 0 && i < 0 && buf.length - from > 4 * size) at = from + 4 * size;
      if (at < 0) {
        scan = i >= 0 ? i : buf.length;
        break;
      }
      out.push(buf.slice(from, at));
      from = at;
      scan = at;
    }
    if (from > size) {
      buf = buf.slice(from);
      scan -= from;
      from = 0;
    }
    return out;
  };
  return {
    push(text) {
      buf += text;
      return take();
    },
    end() {
      const out = take();
      const rest = buf.slice(from);
      if (rest !== '') out.push(rest);
      buf = '';
      return out;
    },
  };
}
