// Cheap character tests that tell what one input line is (packet start, dump, continuation, banner) without parsing it; the grammar does the real parsing.

const SPACE = 32;
const TAB = 9;
const COLON = 58;
const DOT = 46;
const DASH = 45;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** What kind of physical line this is, as far as re-assembly cares. */
export const Shape = {
  /** Empty, or spaces only. */
  Empty: 0,
  /** Starts with a packet number and/or a timestamp (tcpdump.c `ts_print`, `-#`): certainly a new packet. */
  Stamped: 1,
  /** No number/timestamp, but shaped like a packet header (`-t` output, blog excerpts): `IP ...`, `a > b: ...`. */
  Weak: 2,
  /** stderr banners and statistics (tcpdump.c): `tcpdump: ...`, `listening on ...`, `N packets captured`, `^C`. */
  Meta: 3,
  /** A `-x`/`-X` hex dump line (print-ascii.c `hex_and_ascii_print_with_offset`): TAB (or pasted spaces) + `0xOOOO:`. */
  Dump: 4,
  /** TAB-led detail line (application decode, ICMP-quoted IP header, BGP detail, a lone TAB). */
  Tab: 5,
  /** Exactly four spaces then text: the second half of an IPv4 `-v` header, or an ICMP-quoted packet's addresses (print-ip.c). */
  Four: 6,
  /** Five or more spaces then text: a detail line whose TAB a paste turned into spaces. */
  Deep: 7,
  /** Anything else in column 0 (prose, prompts, wrapped header pieces, -A payload, SMB detail). */
  Other: 8,
  /** tshark's one-line packet summary (`    1 0.000000 192.0.2.2 → 198.51.100.2 TCP 74 ...`): not tcpdump's text. */
  Tshark: 9,
} as const;
export type Shape = (typeof Shape)[keyof typeof Shape];

/** Which prefix a stamped packet line carries; a dump may only be ended by a header of the same kind. */
export const STAMP_NUMBER = 1;
export const STAMP_TIME = 2;

/**
 * Index just past a timestamp that starts at `i`, or -1. Accepts the shapes of tcpdump's `ts_print`:
 * `H:MM:SS.frac` (1-3 hour digits for `-ttt` deltas), `YYYY-MM-DD HH:MM:SS.frac` (`-tttt`), `S.frac` (`-tt`, >= 9 digits);
 * the fraction has at least 6 digits (µs, ns, or the invalid 7+ digit forms). It must be followed by a space.
 */
export function stampEnd(s: string, i: number): number {
  let j = i;
  while (isDigit(s.charCodeAt(j))) j++;
  const n = j - i;
  if (n === 4 && s.charCodeAt(j) === DASH) {
    // -tttt: YYYY-MM-DD HH:MM:SS.frac
    if (!isDigit(s.charCodeAt(j + 1)) || !isDigit(s.charCodeAt(j + 2)) || s.charCodeAt(j + 3) !== DASH) return -1;
    if (!isDigit(s.charCodeAt(j + 4)) || !isDigit(s.charCodeAt(j + 5)) || s.charCodeAt(j + 6) !== SPACE) return -1;
    return timeEnd(s, j + 7, 2);
  }
  if (n >= 1 && n <= 3 && s.charCodeAt(j) === COLON) return timeEnd(s, i, n);
  if (n >= 9 && n <= 10 && s.charCodeAt(j) === DOT) return fractionEnd(s, j + 1);
  return -1;
}

function timeEnd(s: string, i: number, hourDigits: number): number {
  const j = i + hourDigits;
  if (s.charCodeAt(j) !== COLON || !isDigit(s.charCodeAt(j + 1)) || !isDigit(s.charCodeAt(j + 2))) return -1;
  if (s.charCodeAt(j + 3) !== COLON || !isDigit(s.charCodeAt(j + 4)) || !isDigit(s.charCodeAt(j + 5))) return -1;
  if (s.charCodeAt(j + 6) !== DOT) return -1;
  return fractionEnd(s, j + 7);
}

function fractionEnd(s: string, i: number): number {
  let j = i;
  while (isDigit(s.charCodeAt(j))) j++;
  if (j - i < 6 || s.charCodeAt(j) !== SPACE) return -1;
  return j;
}

/** `HH:MM:SS.ffffff ` and its space at lastIndex: what `timeEnd(s, i, 2)` accepts (second hour digit unchecked). */
const DEFAULT_STAMP_RE = /\d[^]:\d\d:\d\d\.\d{6,} /y;

/**
 * For a line whose first non-space character is a digit or `-`: the packet body's start index times 4 plus the
 * STAMP_* bits, or -1 when the line does not start with a packet number (`%5u  `, print.c) and/or a timestamp.
 * A bare number counts only when followed by two spaces and a non-space, non-digit character (`-# -t`).
 */
export function stampedStart(s: string, from: number): number {
  let i = from;
  // Fast path for the default `HH:MM:SS.ffffff ` timestamp: one sticky regex test costs ~45 ns per line here, the
  // same ~18 charCodeAt tests ~90 ns.
  DEFAULT_STAMP_RE.lastIndex = i;
  if (DEFAULT_STAMP_RE.test(s)) {
    const body = DEFAULT_STAMP_RE.lastIndex;
    return body < s.length ? body * 4 + STAMP_TIME : -1;
  }
  let kind = 0;
  let j = i;
  while (isDigit(s.charCodeAt(j))) j++;
  if (j > i && s.charCodeAt(j) === SPACE && s.charCodeAt(j + 1) === SPACE) {
    kind = STAMP_NUMBER;
    i = j + 2;
    // master `--lengths`: `caplen N len N ` between the number and the timestamp.
    if (s.startsWith('caplen ', i)) {
      const m = /^caplen \d+ len \d+ /.exec(s.slice(i, i + 40));
      if (m) i += m[0].length;
    }
  }
  // `-ttt`/`-ttttt` print a sign column: a space, or `-` for a packet older than its reference.
  let c = s.charCodeAt(i);
  let t = -1;
  if (isDigit(c)) t = stampEnd(s, i);
  else if ((c === SPACE || c === DASH) && isDigit(s.charCodeAt(i + 1))) t = stampEnd(s, i + 1);
  if (t >= 0) {
    if (t + 1 >= s.length) return -1;
    return (t + 1) * 4 + (kind | STAMP_TIME);
  }
  if (kind === 0) return -1;
  c = s.charCodeAt(i);
  if (Number.isNaN(c) || c === SPACE || c === TAB || isDigit(c)) return -1;
  return i * 4 + kind;
}

/** Linux cooked v2 (`-i any`, 4.99+): interface name padded to 5 columns, then the direction padded to 3 (print-sll.c). */
const SLL2_RE = /\S{1,64} +(?:In|Out|B|M|P|\?) +(?=\S)/y;

/** Index past the SLL2 interface and direction columns at `body`, whose padding can hold 4+ blanks; else `body`. */
export function interfaceColumnsEnd(s: string, body: number): number {
  // Most lines go straight on with the network word (`IP `, `IP6 `).
  if (s.charCodeAt(body) === 73 && s.charCodeAt(body + 1) === 80) {
    const c = s.charCodeAt(body + 2);
    if (c === SPACE || (c === 54 && s.charCodeAt(body + 3) === SPACE)) return body;
  }
  SLL2_RE.lastIndex = body;
  return SLL2_RE.test(s) ? SLL2_RE.lastIndex : body;
}

const MAC_RE = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5} /;

/**
 * A column-0 line that opens an encapsulated frame under `-v` (VXLAN, Geneve, OpenFlow print the inner frame on
 * its own line): its IP header (`IP (`, `IP6 (`) or, with `-e`, its Ethernet header (`aa:bb:.. > ..`).
 */
export function isInnerFrameStart(s: string): boolean {
  return s.startsWith('IP (') || s.startsWith('IP6 (') || MAC_RE.test(s);
}

/** A column-0 line shaped like a packet header without number/timestamp (`-t`, or trimmed by a blog author). */
export function isWeakStart(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 73 /* I */ && (s.startsWith('IP ') || s.startsWith('IP6 '))) return true;
  if (c === 65 /* A */ && s.startsWith('ARP, ')) return true;
  if (isHex(c) && MAC_RE.test(s)) return true;
  // `-t -i any` (SLL2): `lo    Out IP ...`.
  const afterIface = interfaceColumnsEnd(s, 0);
  if (afterIface > 0 && (s.startsWith('IP', afterIface) || s.startsWith('ARP', afterIface))) return true;
  // Generic `SRC > DST: ...` with space-free endpoints (names like `local_IP`, `VM_0_9_centos.ddi-tcp-1`).
  const gt = s.indexOf(' > ');
  if (gt <= 0 || gt > 200) return false;
  const sp = s.indexOf(' ');
  if (sp !== gt) return false;
  const colon = s.indexOf(': ', gt + 3);
  if (colon < 0) return false;
  const sp2 = s.indexOf(' ', gt + 3);
  return sp2 === colon + 1;
}

const STATS_RE = /^\d+ packets? (?:captured|received by filter|dropped by (?:kernel|interface))/;

/** tcpdump's stderr lines (§9 of docs/tcpdump-output.md), pasted along with the packets. */
export function isMetaLine(s: string): boolean {
  const c = s.charCodeAt(0);
  switch (c) {
    case 116: // t
      return s.startsWith('tcpdump: ');
    case 108: // l
      return s.startsWith('listening on ');
    case 114: // r
      return s.startsWith('reading from file ');
    case 87: // W
      return s.startsWith('Warning: ');
    case 94: // ^
      return s.startsWith('^C');
    default:
      return isDigit(c) && STATS_RE.test(s);
  }
}

/**
 * tshark's default summary line (`tshark -r FILE`, `tshark -i IF`; columns from its default `gui.column.format`):
 * frame number, time (relative `0.000052`, `-t a` `11:19:38.763661`, `-t ad` with the date, `-t e` epoch, delta),
 * source, `→` (`->` where the locale is not UTF-8), destination, protocol name, frame length, info. tcpdump never
 * prints an arrow right after a bare number and time, so the shape cannot be a tcpdump line.
 */
const TSHARK_RE = /^ *\d+ +(?:\d{4}-\d\d-\d\d )?-?\d[\d:.]* +\S+ (?:\u2192|->) \S+ +[A-Za-z][\w.\-/+]* +\d+(?: |$)/;

/** A line shaped like tshark's summary (asked only for digit-led lines that are not tcpdump-stamped). */
export function isTsharkSummary(s: string): boolean {
  // The frame number is followed by a space: this turns away the `-v` address lines (`    192.0.2.2.40001 > ...`)
  // after a few character tests, before any whole-line search.
  let i = 0;
  while (s.charCodeAt(i) === SPACE) i++;
  const digits = i;
  while (isDigit(s.charCodeAt(i))) i++;
  if (i === digits || s.charCodeAt(i) !== SPACE) return false;
  return (s.indexOf('\u2192', i) > 0 || s.indexOf('->', i) > 0) && TSHARK_RE.test(s);
}

/**
 * Index of `0x` when a dump line starts at `i` with `0xOOOO:` (offset of 4+ hex digits), else -1.
 * print-ascii.c prints `\n\t0x%04x: ` followed by ` %02x%02x` groups.
 */
export function dumpOffsetEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== 48 || s.charCodeAt(i + 1) !== 120) return -1;
  let j = i + 2;
  while (isHex(s.charCodeAt(j))) j++;
  if (j - i - 2 < 4 || s.charCodeAt(j) !== COLON) return -1;
  return j + 1;
}

/**
 * Shape of a cleaned line, plus in `shapeInfo`: for Stamped lines the body index and stamp kind, for Dump lines
 * (in `body`) the index just past `0xOOOO:`, so the glue check does not read the offset again.
 */
export const shapeInfo = { body: 0, stamp: 0 };

export function lineShape(s: string): Shape {
  const len = s.length;
  if (len === 0) return Shape.Empty;
  const c0 = s.charCodeAt(0);
  if (c0 === TAB) {
    const j = dumpOffsetEnd(s, 1);
    if (j < 0) return Shape.Tab;
    shapeInfo.body = j;
    return Shape.Dump;
  }
  if (c0 === SPACE) {
    let n = 1;
    while (s.charCodeAt(n) === SPACE) n++;
    if (n === len) return Shape.Empty;
    const c = s.charCodeAt(n);
    if (isDigit(c) || c === DASH) {
      const st = stampedStart(s, n);
      if (st >= 0) {
        shapeInfo.body = st >> 2;
        shapeInfo.stamp = st & 3;
        return Shape.Stamped;
      }
      if (isTsharkSummary(s)) return Shape.Tshark;
    }
    if (c === 48 && n <= 8) {
      const j = dumpOffsetEnd(s, n);
      if (j >= 0) {
        shapeInfo.body = j;
        return Shape.Dump;
      }
    }
    if (c === TAB) return Shape.Deep;
    if (n === 4) return Shape.Four;
    if (n > 4) return Shape.Deep;
    // A header indented by one to three blanks (a blog's or a mail's indentation) still starts a packet.
    if (isMetaLine(s.slice(n))) return Shape.Meta;
    return isWeakStart(s.slice(n)) ? Shape.Weak : Shape.Other;
  }
  if (isDigit(c0) || (c0 === DASH && isDigit(s.charCodeAt(1)))) {
    const st = stampedStart(s, 0);
    if (st >= 0) {
      shapeInfo.body = st >> 2;
      shapeInfo.stamp = st & 3;
      return Shape.Stamped;
    }
    if (isDigit(c0) && isTsharkSummary(s)) return Shape.Tshark;
  }
  if (isMetaLine(s)) return Shape.Meta;
  if (isWeakStart(s)) return Shape.Weak;
  return Shape.Other;
}

/**
 * Whether a TCP header (new `Flags [..]` or old 3.x style) has not reached its end yet, so the next column-0 line
 * is the rest of a wrapped line: no `length N` after `Flags [`, no truncation mark, or an open `<...` option list.
 */
export function isOpenTcpHeader(text: string): boolean {
  if (endsWithLength(text)) return false;
  const first = text.indexOf(': Flags [');
  if (first >= 0) {
    // Usual case: a `length N` after the first `Flags [` and no later `Flags [`, so it is also after the last one.
    // Answered with forward indexOf calls; lastIndexOf is a runtime call, ~4x slower here (0.2 µs per line).
    const len = lengthFieldAt(text, first + 9);
    if (len >= 0 && text.indexOf(': Flags [', len) < 0) return false;
    const f = text.lastIndexOf(': Flags [');
    let k = f;
    for (;;) {
      k = text.indexOf('length ', k + 9);
      if (k < 0) break;
      if (isDigit(text.charCodeAt(k + 7))) return false;
    }
    // print-tcp.c stops without `length` after a truncated header or option list.
    return text.indexOf('[|', f) < 0 && text.indexOf('[bad ', f) < 0;
  }
  if (text.indexOf(' > ') < 0) return false;
  const m = OLD_STYLE_RE.exec(text);
  if (m === null) return false;
  const tail = text.charCodeAt(text.length - 1);
  if (tail === 44 /* , */) return true;
  let depth = 0;
  for (let i = m.index + m[0].length; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 60) depth++;
    else if (c === 62 && depth > 0) depth--;
  }
  return depth > 0;
}

/** Index of the first `length ` followed by a digit at or after `from` (hops like the loop below), or -1. */
function lengthFieldAt(text: string, from: number): number {
  let k = text.indexOf('length ', from);
  while (k >= 0 && !isDigit(text.charCodeAt(k + 7))) k = text.indexOf('length ', k + 9);
  return k;
}

/** Whether a line ends with `length N` (plus trailing blanks): how most TCP and UDP lines end (print-tcp.c). */
export function endsWithLength(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && s.charCodeAt(i) === SPACE) i--;
  const last = i;
  while (i >= 0 && isDigit(s.charCodeAt(i))) i--;
  // `length` spelled out by char codes: startsWith is a builtin call on the hottest path.
  return (
    i < last &&
    i >= 6 &&
    s.charCodeAt(i) === SPACE &&
    s.charCodeAt(i - 1) === 104 &&
    s.charCodeAt(i - 2) === 116 &&
    s.charCodeAt(i - 3) === 103 &&
    s.charCodeAt(i - 4) === 110 &&
    s.charCodeAt(i - 5) === 101 &&
    s.charCodeAt(i - 6) === 108
  );
}

/** tcpdump 3.x: `SRC > DST: S 1:1(0) win ...`, `: . ack 1 win ...`, `: P 1:203(202) ack ...`. */
const OLD_STYLE_RE = / > \S+: [FSRPWEU.]+ (?:\d+:\d+\(\d+\)|ack |win )/;

/**
 * Whether a column-0 line can be the rest of a wrapped TCP header: it starts like a header field or option
 * (`,sackOK`, `options [`, `win 4960`, `val 615225519`, `2745901398,`, `TS val`), not like prose or a prompt.
 */
export function isWrapPiece(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c >= 97 && c <= 122) || isDigit(c)) return true; // a-z, 0-9
  switch (c) {
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 60: // <
    case 62: // >
    case 58: // :
      return true;
    case 84: // T of `TS val`
      return s.startsWith('TS ');
    default:
      return false;
  }
}

/**
 * A column-0 line that opens an `-A`/`-AA` ASCII dump (print-ascii.c `ascii_print`): the IP header bytes come first,
 * mostly non-printable and shown as `.`, e.g. `E..<.h@.@.!R.........p` or `..............E..<`.
 */
export function looksLikeAsciiDumpStart(s: string): boolean {
  const n = Math.min(s.length, 20);
  if (n < 8) return false;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === DOT) dots++;
    else if (c > 126) return false;
  }
  // Header bytes are mostly non-printable: at least half of the first 20 characters are dots.
  if (dots < 10) return false;
  // The IP version/IHL byte opens the network header: `E`..`O` (IPv4), `` ` ``..`o` (IPv6); -AA puts the link header
  // first (loopback 4 bytes, Ethernet 14, SLL 16, 802.1Q 18).
  for (const at of IP_HEADER_OFFSETS) if (isIpVersionByte(s.charCodeAt(at))) return true;
  return false;
}

const IP_HEADER_OFFSETS = [0, 4, 14, 16, 18];
const isIpVersionByte = (c: number): boolean => (c >= 69 && c <= 79) || (c >= 96 && c <= 111);
