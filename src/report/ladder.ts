// Renderer-neutral ladder (sequence-diagram) model of one connection: one row per segment between a client lane and a server lane.

import {
  ACK,
  CWR,
  ECE,
  FIN,
  FINDINGS,
  PSH,
  RST,
  SYN,
  URG,
  flagBitsFromBracket,
  flagBitsFromOldStyle,
  has,
  type ConnectionVerdict,
  type Endpoint,
  type EndStates,
  type Finding,
  type FindingCode,
  type SegmentAnalysis,
  type Severity,
  type Side,
  type TcpRecord,
  type TcpState,
} from '../model';

/**
 * What a segment mainly does, in the order a reader cares: a RST ends everything, SYN and FIN change the
 * connection's life, data carries payload, a pure ACK only acknowledges (RFC 9293 §3.1 control bits).
 */
export type SegmentKind = 'rst' | 'syn' | 'synack' | 'fin' | 'data' | 'ack' | 'other';

/** Control bits of a record in any of tcpdump's three styles; null when the style prints none (`-q`) or the text is not a flag set. */
export function recordFlagBits(rec: TcpRecord): number | null {
  if (rec.style === 'quiet') return null;
  const bits = rec.style === 'new' ? flagBitsFromBracket(rec.flags) : flagBitsFromOldStyle(rec.flags, rec.ack !== null, rec.urg !== null);
  return bits < 0 ? null : bits;
}

export function segmentKind(rec: TcpRecord): SegmentKind {
  const bits = recordFlagBits(rec);
  const len = rec.len ?? 0;
  if (bits === null) return len > 0 ? 'data' : 'other';
  if (has(bits, RST)) return 'rst';
  if (has(bits, SYN)) return has(bits, ACK) ? 'synack' : 'syn';
  if (has(bits, FIN)) return 'fin';
  if (len > 0) return 'data';
  if (has(bits, ACK)) return 'ack';
  return 'other';
}

/** Flag names in tcpdump's print order, for renderers that spell them out (`SYN ACK`). */
export function flagNames(bits: number): string[] {
  const names: string[] = [];
  const table: Array<[number, string]> = [
    [FIN, 'FIN'],
    [SYN, 'SYN'],
    [RST, 'RST'],
    [PSH, 'PSH'],
    [ACK, 'ACK'],
    [URG, 'URG'],
    [ECE, 'ECE'],
    [CWR, 'CWR'],
  ];
  for (const [bit, name] of table) if (has(bits, bit)) names.push(name);
  return names;
}

export type Numbering = 'relative' | 'absolute';

export interface LadderStateChange {
  lane: Side;
  from: TcpState | null;
  to: TcpState;
}

export interface LadderFinding {
  code: FindingCode;
  severity: Severity;
  finding: Finding;
}

export interface LadderRow {
  /** Input line of the record (the key renderers use to sync the ladder with a list of records). */
  line: number;
  /** Timestamp as printed, and seconds since the connection's first segment when timestamps allow. */
  time: string | null;
  sinceStart: number | null;
  from: Side;
  to: Side;
  kind: SegmentKind;
  /** Flag text as tcpdump printed it (`S.`, `FP.`), empty for `-q` lines. */
  flags: string;
  /** Sequence range and ack in the chosen numbering; null when the line carried none or the numbering is unknowable. */
  seq: number | null;
  end: number | null;
  ack: number | null;
  len: number;
  /** Advertised window in bytes (scaled when the shift is known), else as printed. */
  win: number | null;
  /** State changes this segment caused, client lane first. */
  changes: LadderStateChange[];
  findings: LadderFinding[];
}

export interface Ladder {
  conn: string;
  client: Endpoint;
  server: Endpoint;
  numbering: Numbering;
  /** Both ends' states before the first row (null when the capture started mid-connection). */
  initial: EndStates;
  rows: LadderRow[];
  /** The connection's outcome once it ended, else null. */
  verdict: ConnectionVerdict | null;
  /** Rows left out because the history no longer holds them (bounded viewers), so renderers can say so. */
  omittedBefore: number;
  /** Rows cut out of a huge connection's middle (capLadder): they were between `rows[after - 1]` and `rows[after]`. */
  omittedMiddle: { after: number; count: number } | null;
  /** Rows after the last one drawn, left out by a chosen range (sliceLadder), so renderers can say so. */
  omittedAfter?: number;
}

export interface LadderSegment {
  rec: TcpRecord;
  analysis: SegmentAnalysis;
}

export interface LadderOptions {
  numbering: Numbering;
  verdict?: ConnectionVerdict | null;
  omittedBefore?: number;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, note: 1, info: 0 };

/** The worst severity among findings, or null for none. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) {
    const s = FINDINGS[f.code].severity;
    if (worst === null || SEVERITY_RANK[s] > SEVERITY_RANK[worst]) worst = s;
  }
  return worst;
}

/**
 * Both ends' states before the first row, as RFC 9293 §3.5 tells them from the whole connection: what the tracker
 * knew before the first segment (the client is CLOSED before its SYN), else where an end's first change came from
 * (a server answering the SYN with a SYN-ACK was LISTEN). A server that answered the SYN with a RST had no listener:
 * CLOSED. Null when the capture started mid-connection.
 */
function initialStatesOf(segments: readonly LadderSegment[], conn: string): EndStates {
  const first = segments[0].analysis;
  const initial: { client: TcpState | null; server: TcpState | null } = { ...first.statesBefore };
  for (const end of ['client', 'server'] as const) {
    if (initial[end] !== null) continue;
    for (const { analysis: a } of segments) {
      if (a.conn !== conn) continue;
      const t = a.transitions.find((x) => x.end === end);
      if (t === undefined) continue;
      if (t.from !== null) initial[end] = t.from;
      else if (t.to === 'CLOSED' && first.statesBefore.client === 'CLOSED' && a.states.client === 'CLOSED') initial[end] = 'CLOSED';
      break;
    }
  }
  return initial;
}

/**
 * Lays out one connection's segments (all with the same `analysis.conn`, in capture order) as ladder rows.
 * Segments of other connections are skipped rather than trusted, so a caller's filter mistake cannot mix lanes.
 */
export function buildLadder(segments: readonly LadderSegment[], opts: LadderOptions): Ladder | null {
  const first = segments[0];
  if (!first) return null;
  const conn = first.analysis.conn;
  const clientIsSrc = first.analysis.dir === 'c2s';
  const client = clientIsSrc ? first.rec.src : first.rec.dst;
  const server = clientIsSrc ? first.rec.dst : first.rec.src;
  const rows: LadderRow[] = [];
  for (const { rec, analysis: a } of segments) {
    if (a.conn !== conn) continue;
    const from: Side = a.dir === 'c2s' ? 'client' : 'server';
    const rel = opts.numbering === 'relative';
    const changes = a.transitions
      .map((t) => ({ lane: t.end, from: t.from, to: t.to }))
      .sort((x, y) => (x.lane === y.lane ? 0 : x.lane === 'client' ? -1 : 1));
    rows.push({
      line: rec.line,
      time: rec.time,
      sinceStart: a.sinceStart,
      from,
      to: from === 'client' ? 'server' : 'client',
      kind: segmentKind(rec),
      flags: rec.flags,
      seq: rel ? a.relSeq : a.absSeq,
      end: rel ? a.relEnd : a.absEnd,
      ack: rel ? a.relAck : a.absAck,
      len: rec.len ?? 0,
      win: a.winBytes ?? rec.win,
      changes,
      findings: a.findings.map((f) => ({ code: f.code, severity: FINDINGS[f.code].severity, finding: f })),
    });
  }
  return {
    conn,
    client,
    server,
    numbering: opts.numbering,
    initial: initialStatesOf(segments, conn),
    rows,
    verdict: opts.verdict ?? null,
    omittedBefore: opts.omittedBefore ?? 0,
    omittedMiddle: null,
  };
}

/**
 * Most rows a diagram draws. A ladder of 100 000 arrows is unreadable and megabytes of SVG; beyond this, the first
 * and last half are drawn with a note where the rest was cut (renderers never recurse or spread over rows, so this
 * is about size, not stack depth).
 */
export const MAX_DIAGRAM_ROWS = 2000;

/** The ladder with at most `max` rows: its first `max/2` and last `max/2`, the cut recorded in `omittedMiddle`. */
export function capLadder(ladder: Ladder, max = MAX_DIAGRAM_ROWS): Ladder {
  const n = ladder.rows.length;
  if (n <= max) return ladder;
  const head = Math.ceil(max / 2);
  const tail = max - head;
  const rows = ladder.rows.slice(0, head).concat(ladder.rows.slice(n - tail));
  return { ...ladder, rows, omittedMiddle: { after: head, count: n - head - tail } };
}

/**
 * Most rows a drawn diagram (SVG, Mermaid) shows unless told otherwise: a 414-segment upload drawn whole was a
 * 13 888 px tall SVG nobody reads. Beyond this the first and last half are drawn with a note where the rest was
 * cut (capLadder), and `--rows A..B` draws any other range (up to MAX_DIAGRAM_ROWS).
 */
export const DEFAULT_DRAWN_ROWS = 60;

/** Input line numbers `A..B`, `A..`, `..B` or `A` (both ends included); null when the text is none of those. */
export function parseRowRange(text: string): { from: number; to: number } | null {
  const m = /^\s*(\d*)\s*(?:(\.\.|-)\s*(\d*))?\s*$/.exec(text);
  if (!m || (m[1] === '' && (m[3] ?? '') === '')) return null;
  const from = m[1] === '' ? 1 : Number(m[1]);
  const to = m[2] === undefined ? from : m[3] === '' ? Number.MAX_SAFE_INTEGER : Number(m[3]);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || to < from) return null;
  return { from, to };
}

/**
 * The rows whose input line is in `from..to`, with the states both ends were in before the first of them (the
 * ladder's initial states moved through every change of the rows left out) and the rows left out before and after
 * counted. Null when no row of the connection is in the range.
 */
export function sliceLadder(ladder: Ladder, range: { from: number; to: number }): Ladder | null {
  const first = ladder.rows.findIndex((r) => r.line >= range.from);
  if (first < 0 || ladder.rows[first].line > range.to) return null;
  let end = first;
  while (end < ladder.rows.length && ladder.rows[end].line <= range.to) end++;
  const initial = { ...ladder.initial };
  for (let i = 0; i < first; i++) for (const c of ladder.rows[i].changes) initial[c.lane] = c.to;
  // A range after a capped middle keeps no middle note: the cut is then before or after it.
  const m = ladder.omittedMiddle;
  const middle = m && m.after > first && m.after < end ? { after: m.after - first, count: m.count } : null;
  const cutBefore = m !== null && m.after <= first ? m.count : 0;
  const cutAfter = m !== null && m.after >= end ? m.count : 0;
  return {
    ...ladder,
    initial,
    rows: ladder.rows.slice(first, end),
    omittedBefore: ladder.omittedBefore + first + cutBefore,
    omittedMiddle: middle,
    omittedAfter: (ladder.omittedAfter ?? 0) + ladder.rows.length - end + cutAfter,
  };
}

/** The note for a capped ladder's cut (`first N and last M segments shown, K omitted here`). */
export function middleNote(ladder: Ladder): { first: number; last: number; omitted: number } | null {
  const m = ladder.omittedMiddle;
  return m ? { first: m.after, last: ladder.rows.length - m.after, omitted: m.count } : null;
}

/**
 * The arrow's label in tcpdump's own vocabulary (`S. seq 0 ack 1 win 65160`), so it reads the same in every
 * language; `seq A:B` only when the segment occupies sequence space beyond its first number.
 */
export function ladderLabel(row: LadderRow, opts: { win?: boolean } = {}): string {
  const parts: string[] = [];
  if (row.flags !== '') parts.push(row.flags);
  if (row.seq !== null) parts.push(row.end !== null && row.end !== row.seq && row.len > 0 ? `seq ${row.seq}:${row.end}` : `seq ${row.seq}`);
  if (row.ack !== null) parts.push(`ack ${row.ack}`);
  if (opts.win !== false && row.win !== null) parts.push(`win ${row.win}`);
  if (row.len > 0) parts.push(`len ${row.len}`);
  return parts.join(' ');
}
