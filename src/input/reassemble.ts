// Turns input lines into RawRecords: re-joins wrapped and `-v` lines, attaches details and dumps, splits glued pastes.

import { MAX_PARSED_LINE_CHARS, type RawRecord } from '../model/raw-record';
import { cleanLine } from './clean-line';
import {
  Shape,
  endsWithLength,
  isOpenTcpHeader,
  interfaceColumnsEnd,
  isInnerFrameStart,
  isWrapPiece,
  lineShape,
  looksLikeAsciiDumpStart,
  shapeInfo,
  stampedStart,
} from './line-shape';
import { dumpColumnsEnd, headMayBeGlued, metaMayBeGlued, splitGlued, type Piece } from './split-glued';

export interface Reassembler {
  /** Feed one input line (without its `\n`), in order; returns the records this line completed. */
  push(line: string): RawRecord[];
  /** End of input or idle timeout: returns the record still waiting for continuation lines, if any. */
  flush(): RawRecord[];
  /** A packet record is open and could still take continuation lines. */
  readonly hasPending: boolean;
}

/** The allocation-free form used by the stream reader: completed records are appended to `out`. */
export interface ReassemblerCore extends Reassembler {
  feed(line: string, out: RawRecord[]): void;
  flushInto(out: RawRecord[]): void;
  /**
   * Looks at text about to be fed (a whole paste, or a stream's first chunk) for a terminal's hard-wrap width
   * (`detectWrapWidth`); the first call that finds one sets it.
   */
  observe(text: string): void;
}

/** Shortest terminal width considered: narrower rows are prose or a blog's own wrapping. */
const MIN_WRAP_WIDTH = 40;
/** Longest terminal width considered (the histogram's size). */
const MAX_WRAP_WIDTH = 1024;

/**
 * TERMINAL HARD WRAP — the width a terminal cut the paste's lines at, or 0.
 * Rule: a terminal (tmux `capture-pane` without -J, a selection copied from an xterm) cuts every line longer than
 * its width W into rows of exactly W characters (the last row shorter; a row ending in a blank may lose it when
 * trailing blanks are trimmed). So in such a paste no line is longer than W, W is the most common length among
 * long lines (>= MIN_WRAP_WIDTH, seen at least twice), and at least one row of W characters is visibly cut: it
 * does not end with `length N` and the next line does not start like a record (a capture whose longest lines all
 * have one length, each a whole packet line, does not qualify).
 */
export function detectWrapWidth(text: string): number {
  const counts = new Int32Array(MAX_WRAP_WIDTH + 1);
  const cuts = new Int32Array(MAX_WRAP_WIDTH + 1);
  let from = 0;
  let max = 0;
  let prev = '';
  while (from < text.length) {
    let nl = text.indexOf('\n', from);
    if (nl < 0) nl = text.length;
    let end = nl;
    if (end > from && text.charCodeAt(end - 1) === 13) end--;
    const len = end - from;
    if (len > MAX_WRAP_WIDTH) return 0;
    if (prev.length >= MIN_WRAP_WIDTH && len > 0 && !endsWithLength(prev)) {
      if (lineShape(cleanLine(text.slice(from, end))) === Shape.Other) cuts[prev.length]++;
    }
    if (len >= MIN_WRAP_WIDTH) {
      counts[len]++;
      if (len > max) max = len;
      prev = text.slice(from, end);
    } else prev = '';
    from = nl + 1;
  }
  if (max < MIN_WRAP_WIDTH || counts[max] < 2 || cuts[max] === 0) return 0;
  for (let len = MIN_WRAP_WIDTH; len < max; len++) if (counts[len] > counts[max]) return 0;
  return max;
}

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** More `(` than `)`: a `-v` IP header `(tos ..., length 60)` cut before its end. */
function parenOpen(text: string): boolean {
  let depth = 0;
  for (let i = text.indexOf('('); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41) depth--;
  }
  return depth > 0;
}

/** A wrapped header is at most a few terminal rows; more "wrapped" lines means prose after a cut header. */
const MAX_WRAPS = 4;
/** Bounds one record (an `-A` dump with prose after it must not grow without end). */
const MAX_RECORD_LINES = 16384;
const MAX_RECORD_CHARS = 1 << 20;

const BLOCK_NONE = 0;
/** `-A`/`-AA` payload printed from column 0 (print-ascii.c `ascii_print`). */
const BLOCK_ASCII = 1;
/** Column-0 decoder detail (SMB `-vv`: `SMB PACKET: ...`). */
const BLOCK_DETAIL = 2;

/**
 * Most records have no detail, dump or comment line: they all share this frozen empty list, and a record gets its
 * own list with its first such line (three allocations fewer per packet line, less for the scavenger; a stray push
 * into the shared list throws instead of leaking into every record).
 */
const NONE: string[] = Object.freeze([]) as unknown as string[];

function newRecord(line: number, col: number, raw: string, text: string): RawRecord {
  return { line, endLine: line, col, raw, text, details: NONE, dump: NONE, comments: NONE };
}

function addDetail(rec: RawRecord, s: string): void {
  if (rec.details === NONE) rec.details = [s];
  else rec.details.push(s);
}
function addDump(rec: RawRecord, s: string): void {
  if (rec.dump === NONE) rec.dump = [s];
  else rec.dump.push(s);
}
function addComment(rec: RawRecord, s: string): void {
  if (rec.comments === NONE) rec.comments = [s];
  else rec.comments.push(s);
}

const endsWithParen = (text: string): boolean => text.charCodeAt(text.length - 1) === 41;

/** The line without trailing blanks (tcpdump leaves one after some SMB/NBT headers); no copy when there are none. */
function trimEnd(s: string): string {
  const c = s.charCodeAt(s.length - 1);
  return c === 32 || c === 9 || c > 127 ? s.trimEnd() : s;
}

/**
 * Join rule for a wrapped header: one space, but none before a leading `,`/`]`, after a trailing `[`, or after a
 * trailing `,` inside the option list (tcpdump separates options with a bare comma, fields with ", ").
 */
function joinWrapped(text: string, piece: string): string {
  const first = piece.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  if (first === 44 || first === 93 || last === 91) return text + piece;
  if (last === 44 && insideOptionList(text)) return text + piece;
  return text + ' ' + piece;
}

/** Whether `text` ends inside `options [...]` (4.x) or `<...>` (3.x) of its TCP header. */
function insideOptionList(text: string): boolean {
  const f = text.lastIndexOf(': Flags [');
  const from = f >= 0 ? f + 9 : text.indexOf(': ') + 2;
  let square = f >= 0 ? 1 : 0;
  let angle = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) square++;
    else if (c === 93) square--;
    else if (c === 60) angle++;
    else if (c === 62 && angle > 0) angle--;
  }
  return square > 0 || angle > 0;
}

export function createReassembler(): ReassemblerCore {
  let lineNo = 0;
  /** The open packet record, if any, and what it may still take. */
  let p: RawRecord | null = null;
  let pStamp = 0;
  let pJoinedV = false;
  let pWraps = 0;
  let pConts = 0;
  let pBlock = BLOCK_NONE;
  let pQuoted = false;
  let pLines = 0;
  let pChars = 0;
  /** An `-A` dump was seen: later packets' column-0 lines are payload too. */
  let asciiSeen = false;
  /** The open record's last physical row (its length tells whether a terminal cut it), '' after glued pieces. */
  let pLast = '';
  /**
   * LATE DUMP LINES
   * Rule: a hex dump line (-x/-X, `\t0x0010:  4500 ...`) belongs to the packet record before it, whenever it comes.
   * In a live pipe the reader hands a packet on after a silence (read-capture.ts idleMs), and a dump line can arrive
   * later (a slow link between tcpdump and tcplain). Such lines are known by their form: they open a record of their
   * own marked `lateDumpOf` (the first line of the packet handed on), which the grammar keeps as that packet's dump
   * (`dumpOf`), never as prose. Any other line ends the packet's turn.
   * `lateOf`: the first line of the packet record handed on by the last flush, 0 when none can take dump lines now.
   */
  let lateOf = 0;
  /** Terminal width given by `observe` (0: none, rows are never joined as terminal cuts). */
  let hintWidth = 0;
  const wrapWidth = (): number => hintWidth;

  function open(line: number, col: number, raw: string, text: string, stamp: number): void {
    p = newRecord(line, col, raw, text);
    pStamp = stamp;
    pJoinedV = false;
    pWraps = 0;
    pConts = 0;
    pBlock = BLOCK_NONE;
    pQuoted = false;
    pLines = 1;
    pChars = raw.length;
    pLast = col === 1 ? raw : '';
  }

  function close(out: RawRecord[]): void {
    if (p !== null) {
      out.push(p);
      p = null;
    }
  }

  function addLine(rec: RawRecord, s: string): void {
    rec.raw += '\n' + s;
    rec.endLine = lineNo;
    pLines++;
    pChars += s.length;
    pConts++;
    pLast = s;
  }

  /**
   * TERMINAL HARD WRAP — rejoining a row cut at width W (see detectWrapWidth).
   * Rule: after a row of exactly W characters, a column-0 line of at most W characters that does not start like a
   * record continues it with nothing in between (a terminal cuts anywhere, mid-number or mid-word; blanks the row
   * ended with are kept). After a row of W-1 characters (a trimmed trailing blank) it continues with one blank when
   * the header is still open (TCP header before `length N`, `-v` `(...)` unclosed) or a summary follows
   * `length N` (a line of W-1 characters that really ended there is complete); digits on both sides there cannot be told apart (a number cut in two, or two
   * numbers), so the record is marked `wrapCut` and the grammar reads none of it rather than a wrong number.
   * Returns false when the rule does not apply.
   */
  function joinCut(rec: RawRecord, s: string): boolean {
    const w = wrapWidth();
    if (w === 0 || pLast === '' || s.length > w) return false;
    const rowLen = pLast.length;
    if (rowLen !== w && rowLen !== w - 1) return false;
    const text = rec.text;
    const last = pLast.charCodeAt(rowLen - 1);
    const rowLines = pConts;
    if (rowLen === w) {
      // Blanks the cut row ended with were trimmed from `text`: put them back before the rest.
      const blanks = pLast.slice(pLast.trimEnd().length);
      addLine(rec, s);
      rec.text = text + blanks + trimEnd(s);
    } else {
      // An open header, or an application summary after `length N` (`: HTTP: GET / HTTP/1.1`) cut at a blank.
      if (last === 32 || !(isOpenTcpHeader(text) || parenOpen(text) || !endsWithLength(text))) return false;
      addLine(rec, s);
      rec.text = text + ' ' + trimEnd(s);
      if (isDigitCode(last) && isDigitCode(s.charCodeAt(0))) rec.wrapCut = { line: lineNo, width: w };
    }
    // The rows are one logical line: they do not count as continuation lines (`-v` joins look at that count).
    pConts = rowLines;
    return true;
  }

  /** The -v IPv4 header wraps after its `)` (print-ip.c prints "\n    " before the addresses since 4.0). */
  function joinV(rec: RawRecord, piece: string): void {
    rec.text = rec.text + ' ' + piece.trim();
    pJoinedV = true;
  }

  /** Tries to take whole line `s` into the open packet record; false when it starts something new. */
  function attach(rec: RawRecord, s: string, shape: Shape): boolean {
    if (pLines >= MAX_RECORD_LINES || pChars + s.length > MAX_RECORD_CHARS) return false;
    switch (shape) {
      case Shape.Stamped:
        // Inside a dump only a header with the same number/timestamp shape is a plausible new packet.
        if (pBlock !== BLOCK_NONE && pStamp !== 0 && shapeInfo.stamp !== pStamp) break;
        return false;
      case Shape.Tshark:
        return false;
      case Shape.Meta:
        // `Warning: ` is also an HTTP header, which an -A dump prints from column 0.
        if (pBlock !== BLOCK_NONE && s.startsWith('Warning: ')) break;
        return false;
      case Shape.Dump:
        addLine(rec, s);
        addDump(rec, s);
        return true;
      case Shape.Empty:
        if (pBlock !== BLOCK_NONE) break;
        return false;
      case Shape.Tab:
        if (pBlock === BLOCK_ASCII) break;
        addLine(rec, s);
        addDetail(rec, s);
        // print-icmp.c / tunnels: a TAB `IP (` line heads a quoted packet whose 4-space line follows.
        // `I` first: decoders print thousands of TAB lines per packet (BGP -v), two startsWith calls each cost more.
        pQuoted = s.charCodeAt(1) === 73 && (s.startsWith('\tIP (') || s.startsWith('\tIP6 ('));
        return true;
      case Shape.Four:
        if (pBlock !== BLOCK_NONE) break;
        addLine(rec, s);
        if (pQuoted) {
          addDetail(rec, s);
          pQuoted = false;
        } else if (!pJoinedV && pConts === 1 && endsWithParen(rec.text)) {
          joinV(rec, s);
        } else {
          addDetail(rec, s);
        }
        return true;
      case Shape.Deep:
        if (pBlock !== BLOCK_NONE) break;
        addLine(rec, s);
        addDetail(rec, s);
        return true;
      case Shape.Weak:
        if (pBlock !== BLOCK_NONE) {
          if (pStamp !== 0) break;
          return false;
        }
        // A -v IPv4 header whose four-space second line lost its indent (HTML pastes collapse leading blanks).
        if (pConts === 0 && !pJoinedV && endsWithParen(rec.text) && rec.text.includes('(tos ') && !s.startsWith('IP')) {
          addLine(rec, s);
          joinV(rec, s);
          return true;
        }
        // VXLAN/tunnel inner frames under `-v` start in column 0 without a timestamp (docs/tcpdump-output.md §6).
        if (pStamp !== 0 && isInnerFrameStart(s)) {
          addLine(rec, s);
          addDetail(rec, s);
          pQuoted = true;
          return true;
        }
        return false;
      default: {
        if (pBlock !== BLOCK_NONE) break;
        if (s.startsWith('[|')) {
          addLine(rec, s);
          addDetail(rec, s);
          return true;
        }
        if (s.startsWith('SMB PACKET: ')) {
          addLine(rec, s);
          addDetail(rec, s);
          pBlock = BLOCK_DETAIL;
          return true;
        }
        if (rec.dump.length === 0 && (looksLikeAsciiDumpStart(s) || (asciiSeen && pStamp !== 0))) {
          addLine(rec, s);
          addDump(rec, s);
          pBlock = BLOCK_ASCII;
          asciiSeen = true;
          return true;
        }
        if (joinCut(rec, s)) return true;
        // Asked only here, not when the packet opens: most packets never see a column-0 line after them, and the
        // test costs ~80 ns per header line.
        if (pWraps < MAX_WRAPS && isWrapPiece(s) && isOpenTcpHeader(rec.text)) {
          const piece = s.trim();
          // A TCP header never prints two numbers with only a blank between them: digits on both sides of the
          // break are one number cut in two, or two numbers; either way not a number to read (see joinCut).
          if (isDigitCode(rec.text.charCodeAt(rec.text.length - 1)) && isDigitCode(piece.charCodeAt(0)))
            rec.wrapCut = { line: lineNo, width: wrapWidth() };
          addLine(rec, s);
          rec.text = joinWrapped(rec.text, piece);
          pWraps++;
          return true;
        }
        return false;
      }
    }
    // A line inside a column-0 block (`-A` payload or SMB detail).
    addLine(rec, s);
    if (pBlock === BLOCK_ASCII) addDump(rec, s);
    else addDetail(rec, s);
    return true;
  }

  /** Starts whatever whole line `s` begins: an open packet record, or a complete one-line record. */
  function start(s: string, shape: Shape, out: RawRecord[]): void {
    if (shape === Shape.Stamped || shape === Shape.Weak) {
      open(lineNo, 1, s, trimEnd(s), shape === Shape.Stamped ? shapeInfo.stamp : 0);
    } else {
      const rec = newRecord(lineNo, 1, s, trimEnd(s));
      if (shape === Shape.Tshark) rec.foreign = 'tshark';
      out.push(rec);
    }
  }

  /** Adds the pieces of a glued line: continuation pieces join the open packet, the rest start records. */
  function feedPieces(s: string, pieces: Piece[], out: RawRecord[]): void {
    for (let i = 0; i < pieces.length; i++) {
      const pc = pieces[i];
      const slice = s.slice(pc.start, pc.end);
      const col = pc.start + 1;
      const rec: RawRecord | null = p;
      if (pc.kind === 'head' || pc.kind === 'meta' || pc.kind === 'text') {
        close(out);
        const text = i === 0 ? slice.trimEnd() : slice.trim();
        if (pc.kind === 'head') {
          let k = pc.start;
          while (s.charCodeAt(k) === 32) k++;
          const st = stampedStart(s, k);
          open(lineNo, col, slice, text, st >= 0 ? st & 3 : 0);
        } else {
          out.push(newRecord(lineNo, col, slice, text));
        }
        continue;
      }
      if (rec === null) {
        // A continuation piece with nothing open to continue: keep it as its own record.
        const orphan = newRecord(lineNo, col, slice, pc.kind === 'comment' ? '' : slice.trim());
        if (pc.kind === 'comment') addComment(orphan, slice.trim());
        else if (pc.kind === 'dump') addDump(orphan, s.slice(pc.start, pc.textEnd));
        out.push(orphan);
        continue;
      }
      pLast = '';
      if (i === 0) {
        addLine(rec, slice);
        pLast = '';
      } else {
        rec.raw += slice;
        pChars += slice.length;
        pConts++;
      }
      if (pc.kind === 'dump') addDump(rec, s.slice(pc.start, pc.textEnd));
      else if (pc.kind === 'comment') addComment(rec, slice.trim());
      else if (!pJoinedV && pConts === 1 && endsWithParen(rec.text)) joinV(rec, slice);
      else addDetail(rec, slice);
    }
  }

  /** The pieces of `s` when a paste glued several records into it, else null. */
  function glued(s: string, shape: Shape): Piece[] | null {
    switch (shape) {
      case Shape.Stamped: {
        const body = shapeInfo.body;
        if (!headMayBeGlued(s, body)) return null;
        return splitGlued(s, 'head', interfaceColumnsEnd(s, body));
      }
      case Shape.Dump: {
        const end = dumpColumnsEnd(s, shapeInfo.body);
        return end < s.length && s.slice(end).trim() !== '' ? splitGlued(s, 'dump', 0) : null;
      }
      case Shape.Meta:
        return metaMayBeGlued(s) ? splitGlued(s, 'meta', 1) : null;
      case Shape.Other:
        return s.indexOf('tcpdump') >= 0 && metaMayBeGlued(s) ? splitGlued(s, 'text', 1) : null;
      default:
        return null;
    }
  }

  function feed(line: string, out: RawRecord[]): void {
    lineNo++;
    const s = cleanLine(line);
    // Longer than tcpdump ever prints: a record of its own, never joined, split or shape-tested (each of those
    // looks at the line's characters; the grammar marks it too long without lexing it).
    if (s.length > MAX_PARSED_LINE_CHARS) {
      close(out);
      out.push(newRecord(lineNo, 1, s, s));
      return;
    }
    const shape = lineShape(s);
    if (p === null && lateOf !== 0) {
      if (shape === Shape.Dump) {
        open(lineNo, 1, s, '', 0);
        const rec = p as unknown as RawRecord;
        addDump(rec, s);
        rec.lateDumpOf = lateOf;
        return;
      }
      lateOf = 0;
    } else if (p !== null) lateOf = 0;
    // The everyday line: a plain stamped header outside a column-0 block closes the open packet (attach would say
    // no) and opens its own. A line that may be glued takes the general path below, which asks again.
    if (shape === Shape.Stamped && pBlock === BLOCK_NONE && !headMayBeGlued(s, shapeInfo.body)) {
      close(out);
      open(lineNo, 1, s, trimEnd(s), shapeInfo.stamp);
      return;
    }
    // Inside an -A dump or SMB block, payload text is never glue, except a header that can end the block.
    if (
      p === null ||
      pBlock === BLOCK_NONE ||
      shape === Shape.Meta ||
      (shape === Shape.Stamped && (pStamp === 0 || shapeInfo.stamp === pStamp))
    ) {
      const pieces = glued(s, shape);
      if (pieces !== null) {
        feedPieces(s, pieces, out);
        return;
      }
    }
    if (p !== null) {
      if (attach(p, s, shape)) return;
      close(out);
    }
    start(s, shape, out);
  }

  function flushInto(out: RawRecord[]): void {
    // A packet handed on before its end is known: hex dump lines may still come for it (LATE DUMP LINES).
    if (p !== null) lateOf = p.lateDumpOf ?? p.line;
    close(out);
  }

  return {
    feed,
    flushInto,
    observe(text: string): void {
      if (hintWidth === 0) hintWidth = detectWrapWidth(text);
    },
    push(line: string): RawRecord[] {
      const out: RawRecord[] = [];
      feed(line, out);
      return out;
    },
    flush(): RawRecord[] {
      const out: RawRecord[] = [];
      close(out);
      return out;
    },
    get hasPending(): boolean {
      return p !== null;
    },
  };
}
