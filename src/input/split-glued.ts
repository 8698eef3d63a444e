// Cuts one physical line that a copy-paste glued together (banner + packets + dumps + commentary) into tiled pieces.

import { dumpOffsetEnd, endsWithLength, interfaceColumnsEnd, stampEnd, stampedStart } from './line-shape';

export type PieceKind =
  /** A packet header (starts with a number/timestamp). */
  | 'head'
  /** The second half of an IPv4 `-v` header, glued on after four spaces. */
  | 'vcont'
  /** A hex dump line (`0xOOOO:  HHHH ...  ascii`), its leading whitespace included. */
  | 'dump'
  /** Reader commentary between glued pieces (`//第一个包...`). */
  | 'comment'
  /** A tcpdump banner (`tcpdump: listening on ...`). */
  | 'meta'
  /** Anything else, e.g. the shell command the paste started with. */
  | 'text';

/** One piece of a glued line: pieces tile the line exactly (`end` of one is `start` of the next). */
export interface Piece {
  kind: PieceKind;
  start: number;
  end: number;
  /** End of the piece's own text: for a dump piece, before the spaces that precede a comment or the next piece. */
  textEnd: number;
}

const SPACE = 32;
const TAB = 9;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isBlank = (c: number): boolean => c === SPACE || c === TAB;

/** `s.indexOf(needle, from)`; the splitter passes a memoized one so a long line is scanned once per needle. */
export type IndexOf = (needle: string, from: number) => number;

/**
 * An indexOf over `s` that remembers its last hit per needle: cutting a long line into many pieces asks for the
 * "next" occurrence again and again with growing `from`, and a needle that never occurs would rescan the whole
 * rest of the line each time (quadratic on a hostile line).
 */
function memoIndexOf(s: string): IndexOf {
  const last = new Map<string, { from: number; at: number }>();
  return (needle, from) => {
    const hit = last.get(needle);
    if (hit !== undefined && from >= hit.from && (hit.at === -1 || hit.at >= from)) return hit.at;
    const at = s.indexOf(needle, from);
    last.set(needle, { from, at });
    return at;
  };
}

/** print-ascii.c `hex_and_ascii_print_with_offset`: ` %02x%02x` per two bytes, ` %02x` for an odd last byte. */
const HEX_GROUPS_RE = /(?: [0-9a-fA-F]{4})*(?: [0-9a-fA-F]{2})?/y;
/** The ASCII column: printable characters, `.` for the rest. */
const PRINTABLE_RE = /[!-~]*/y;

/** print-ascii.c: `HEXDUMP_HEXSTUFF_PER_LINE` columns of hex, then two spaces, then the ASCII column. */
const HEXSTUFF_PER_LINE = 40;

/**
 * Start of the next packet glued into the middle of `s` at or after `from` (its number and `-tttt` date included),
 * or -1. tcpdump prints hours as two digits, so a glued `bytes09:24:36.947082 ` splits before `09`.
 */
export function nextGluedStamp(s: string, from: number, idx?: IndexOf): number {
  // No default closure: this runs on every plain header line.
  let c = idx === undefined ? s.indexOf(':', from + 2) : idx(':', from + 2);
  while (c >= 0) {
    const h = c - 2;
    if (s.charCodeAt(c + 3) === 58 && isDigit(s.charCodeAt(h)) && isDigit(s.charCodeAt(h + 1)) && stampEnd(s, h) > 0) {
      let p = h;
      if (p - 11 >= from && stampEnd(s, p - 11) > 0) p -= 11;
      if (s.charCodeAt(p - 1) === SPACE && s.charCodeAt(p - 2) === SPACE && isDigit(s.charCodeAt(p - 3))) {
        let q = p - 3;
        while (q - 1 >= from && isDigit(s.charCodeAt(q - 1))) q--;
        p = q;
      }
      if (p > from) return p;
    }
    c = idx === undefined ? s.indexOf(':', c + 1) : idx(':', c + 1);
  }
  return -1;
}

const META_AFTER_PREFIX = /^tcpdump: (?:listening on |verbose output |reading from |data link type |\d+ packets? )/;

/** Start of a tcpdump banner glued into `s` after `from` (`...host 1.2.3.4tcpdump: listening on ...`), or -1. */
export function nextGluedMeta(s: string, from: number, idx: IndexOf = (n, f) => s.indexOf(n, f)): number {
  // Only banner, command and glued lines get here; the default closure costs nothing that matters.
  let best = -1;
  let k = idx('tcpdump: ', from);
  while (k >= 0) {
    if (k > from && META_AFTER_PREFIX.test(s.slice(k, k + 40))) {
      best = k;
      break;
    }
    k = idx('tcpdump: ', k + 1);
  }
  for (const word of ['listening on ', 'reading from file ']) {
    let w = idx(word, from);
    while (w >= 0 && (w <= from || s.startsWith('tcpdump: ', w - 9)) && (best < 0 || w < best)) w = idx(word, w + 1);
    if (w > from && (best < 0 || w < best)) best = w;
  }
  return best;
}

/**
 * End of a hex dump line's own text starting at `start` (leading blanks, `0xOOOO:`, hex groups, and the `-X`
 * ASCII column). The number of hex bytes says exactly how many ASCII characters follow, so text glued right after
 * the column (`8...........09:24:36.991519`) is not taken as part of it.
 */
export function dumpTextEnd(s: string, start: number): number {
  let i = start;
  while (isBlank(s.charCodeAt(i))) i++;
  const j = dumpOffsetEnd(s, i);
  return j < 0 ? start : dumpColumnsEnd(s, j);
}

/** `dumpTextEnd` for a dump line whose `0xOOOO:` ends at `j`. */
export function dumpColumnsEnd(s: string, j: number): number {
  const len = s.length;
  let k = j;
  if (s.charCodeAt(k) === SPACE) k++;
  const hexStart = k;
  // ` HHHH` groups, then at most one ` HH`: 5 and 3 characters, so the run's length says how many bytes it holds.
  // Two sticky regexes instead of charCodeAt loops: ~180-230 ns per dump line instead of ~300-410.
  HEX_GROUPS_RE.lastIndex = k;
  HEX_GROUPS_RE.test(s);
  const run = HEX_GROUPS_RE.lastIndex - k;
  const odd = run % 5 === 3 ? 1 : 0;
  const n = ((run - 3 * odd) / 5) * 2 + odd;
  k += run;
  let g = 0;
  while (s.charCodeAt(k + g) === SPACE) g++;
  if (n === 0 || g < 2 || k + g + n > len) return k;
  const a = k + g;
  PRINTABLE_RE.lastIndex = a;
  PRINTABLE_RE.test(s);
  if (PRINTABLE_RE.lastIndex - a < n) return k;
  const after = a + n;
  const expectedGap = HEXSTUFF_PER_LINE - (k - hexStart) + 2;
  if (g === expectedGap || after === len || isBlank(s.charCodeAt(after)) || stampEnd(s, after) > 0) return after;
  return k;
}

/** First index >= from whose character is not a blank. */
function skipBlanks(s: string, from: number): number {
  let i = from;
  while (isBlank(s.charCodeAt(i))) i++;
  return i;
}

/** Start of the blank run that ends just before `i`. */
function blankRunStart(s: string, i: number, floor: number): number {
  let r = i;
  while (r > floor && isBlank(s.charCodeAt(r - 1))) r--;
  return r;
}

/** Start of a dump line glued into a comment (`...ack 2466954208        0x0020:  8012 ...`), at its blank run; or -1. */
function nextGluedDump(s: string, from: number, idx: IndexOf): number {
  let k = idx('0x', from);
  while (k >= 0) {
    if (k > from && isBlank(s.charCodeAt(k - 1)) && dumpOffsetEnd(s, k) >= 0 && s.charCodeAt(dumpOffsetEnd(s, k)) === SPACE) {
      return blankRunStart(s, k, from);
    }
    k = idx('0x', k + 2);
  }
  return -1;
}

/** What a piece that starts with a blank run at `r` is, judged by what follows the blanks. */
function kindAfterBlanks(s: string, r: number, prev: PieceKind): PieceKind | null {
  const w = skipBlanks(s, r);
  if (w >= s.length) return null;
  if (dumpOffsetEnd(s, w) >= 0) return 'dump';
  if (s.startsWith('//', w)) return 'comment';
  return prev === 'head' ? 'vcont' : prev === 'vcont' ? 'vcont' : 'comment';
}

interface Boundary {
  at: number;
  kind: PieceKind;
}

function minBoundary(a: Boundary | null, b: Boundary | null): Boundary | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.at < a.at ? b : a;
}

type Search = (s: string, from: number, idx: IndexOf) => number;

/**
 * Remembers a "next X after `from`" answer: it stays right for any later `from` up to the hit, so cutting a line
 * into pieces walks each candidate (every `:` for timestamps) once, not once per piece.
 */
function memoNext(find: Search): Search {
  let lastFrom = -1;
  let lastAt = -2;
  return (s, from, idx) => {
    if (lastAt !== -2 && from >= lastFrom && (lastAt === -1 || lastAt > from)) return lastAt;
    lastFrom = from;
    lastAt = find(s, from, idx);
    return lastAt;
  };
}

interface Finders {
  idx: IndexOf;
  stamp: Search;
  dump: Search;
  meta: Search;
}

/** A line cut into more pieces than this is hostile; its rest stays one piece. */
const MAX_PIECES = 4096;

/** The next piece boundary after a head, vcont, comment, meta or text piece whose content starts at `from`. */
function nextBoundary(s: string, from: number, kind: PieceKind, f: Finders): Boundary | null {
  const idx = f.idx;
  const stamp = f.stamp(s, from, idx);
  let best: Boundary | null = stamp >= 0 ? { at: stamp, kind: 'head' } : null;
  if (kind === 'head' || kind === 'vcont') {
    const limit = best === null ? s.length : best.at;
    // tcpdump never prints four blanks inside a header line; a paste that lost its newlines leaves them.
    let r = idx('    ', from);
    while (r >= 0 && r < limit) {
      const k = kindAfterBlanks(s, r, kind);
      if (k !== null) {
        best = minBoundary(best, { at: r, kind: k });
        break;
      }
      r = idx('    ', skipBlanks(s, r));
    }
    let c = idx('//', from);
    while (c > from + 1 && !(isBlank(s.charCodeAt(c - 1)) && isBlank(s.charCodeAt(c - 2))) && (best === null || c < best.at)) {
      c = idx('//', c + 2);
    }
    if (c > from + 1 && isBlank(s.charCodeAt(c - 1)) && isBlank(s.charCodeAt(c - 2))) {
      best = minBoundary(best, { at: blankRunStart(s, c, from), kind: 'comment' });
    }
  } else if (kind === 'comment') {
    const d = f.dump(s, from, idx);
    if (d >= 0) best = minBoundary(best, { at: d, kind: 'dump' });
  } else {
    const m = f.meta(s, from, idx);
    if (m >= 0) best = minBoundary(best, { at: m, kind: 'meta' });
  }
  return best;
}

/** Where the content of a piece starting at `at` begins (past its own stamp or leading blanks). */
function contentStart(s: string, at: number, kind: PieceKind): number {
  if (kind === 'head') {
    const st = stampedStart(s, at);
    return st >= 0 ? interfaceColumnsEnd(s, st >> 2) : at + 1;
  }
  if (kind === 'meta' || kind === 'text') return at + 1;
  return skipBlanks(s, at) + 1;
}

/**
 * Splits `s` into tiled pieces when a paste glued several tcpdump lines into it, else returns null.
 * `first` is what the line starts with; `from` is where its content starts (past its own timestamp).
 */
export function splitGlued(s: string, first: PieceKind, from: number): Piece[] | null {
  const pieces: Piece[] = [];
  const len = s.length;
  let kind = first;
  let start = 0;
  let scan = from;
  const finders: Finders = {
    idx: memoIndexOf(s),
    stamp: memoNext(nextGluedStamp),
    dump: memoNext(nextGluedDump),
    meta: memoNext(nextGluedMeta),
  };
  for (let guard = 0; guard < len + 1; guard++) {
    if (pieces.length >= MAX_PIECES) {
      pieces.push({ kind, start, end: len, textEnd: len });
      break;
    }
    if (kind === 'dump') {
      const textEnd = dumpTextEnd(s, start);
      const w = skipBlanks(s, textEnd);
      if (w >= len) {
        pieces.push({ kind, start, end: len, textEnd });
        break;
      }
      let next: Boundary;
      const stamp = stampedStart(s, w);
      if (stamp >= 0 && (stamp & 2) !== 0) next = { at: w, kind: 'head' };
      else if (w === textEnd) next = { at: textEnd, kind: 'comment' };
      else next = { at: textEnd, kind: kindAfterBlanks(s, textEnd, 'dump') ?? 'comment' };
      if (next.at === start) next = { at: w, kind: 'comment' };
      pieces.push({ kind, start, end: next.at, textEnd });
      kind = next.kind;
      start = next.at;
      scan = contentStart(s, start, kind);
      continue;
    }
    const b = nextBoundary(s, scan, kind, finders);
    if (b === null || b.at <= start) {
      pieces.push({ kind, start, end: len, textEnd: len });
      break;
    }
    pieces.push({ kind, start, end: b.at, textEnd: b.at });
    kind = b.kind;
    start = b.at;
    scan = contentStart(s, start, kind);
  }
  return pieces.length > 1 ? pieces : null;
}

/**
 * An atom regex finds four spaces ~3x faster than `indexOf('    ')` on header lines (~60 vs ~180 ns): indexOf
 * stops at every single space, and a header line has about 25 of them.
 */
const FOUR_SPACES_RE = /    /g;

/** `s.indexOf('    ', from) >= 0`. */
function hasFourBlanks(s: string, from: number): boolean {
  FOUR_SPACES_RE.lastIndex = from;
  return FOUR_SPACES_RE.test(s);
}

/** Whether a packet header line may have something glued to it (cheap pre-check before `splitGlued`). */
export function headMayBeGlued(s: string, body: number): boolean {
  // Fast path for plain one-line output: what follows a glued -v header, dump or comment would not end in
  // `length N`, and an IPv4 -v header contains `(`; only two glued plain lines remain, found by their timestamp.
  if (endsWithLength(s) && s.indexOf('(', body) < 0) return nextGluedStamp(s, body) >= 0;
  // The first line of a -v IPv4 packet ends with the header's `)`: anything glued after it (addresses, dump,
  // comment) would end the line instead, and a glued `-v` second half would bring a ` > `.
  if (s.charCodeAt(s.length - 1) === 41 && s.indexOf(' > ', body) < 0 && s.indexOf('//', body) < 0) {
    return nextGluedStamp(s, body) >= 0;
  }
  // The SLL2 interface columns (`eth0  In  `, padded with blanks) are skipped only when there are four blanks at all.
  if (hasFourBlanks(s, body) && hasFourBlanks(s, interfaceColumnsEnd(s, body))) return true;
  const c = s.indexOf('//', body);
  if (c > body + 1 && isBlank(s.charCodeAt(c - 1)) && isBlank(s.charCodeAt(c - 2))) return true;
  return nextGluedStamp(s, body) >= 0;
}

/** Whether a banner or command line has a banner or packet glued to it. */
export function metaMayBeGlued(s: string): boolean {
  return nextGluedMeta(s, 0) > 0 || nextGluedStamp(s, 0) > 0;
}
