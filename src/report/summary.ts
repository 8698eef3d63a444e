// `tcplain summary`: one row per connection from the tracker's verdicts (no per-line explanation is built), and an
// expert-info block: every finding kind with its count, severity and first lines.

import { endpointKey } from '../model/endpoint';
import { FINDINGS, type FindingCode, type Severity } from '../model/findings';
import type { ConnectionSeverity, ConnectionVerdict, VerdictCode, ZeekConnState } from '../model/verdict';
import { CONNECTION_SEVERITIES, severityRank } from '../model/verdict';
import { connLabel } from './conn-id';

export const SUMMARY_SORTS = ['start', 'severity', 'bytes', 'duration'] as const;
export type SummarySort = (typeof SUMMARY_SORTS)[number];

/** One connection's row: every number is the tracker's own (ConnectionVerdict), none is computed again here. */
export interface SummaryRow {
  /** The connection's label: `c3`, or `<basename>#c3` with several inputs (conn-id.ts). */
  id: string;
  /** The tracker's id within its input. */
  conn: string;
  /** The input's name as given (`-`: stdin). */
  file: string;
  client: string;
  server: string;
  roleGuessed: boolean;
  /** Seconds (since the epoch for dated or -tt captures, since midnight for times of day); null without a time. */
  start: number | null;
  duration: number | null;
  packets: { c2s: number; s2c: number };
  bytes: { c2s: number; s2c: number };
  /** Handshake round trip in seconds, as the capture point saw it (null: no complete timed handshake). */
  handshakeRtt: number | null;
  /** Data retransmissions of both ends, every kind (verdict.retransmissions; SYN retries are in `history`/findings). */
  retransmissions: number;
  /** Segments lost, both senders (the loss problems' `lost`). */
  lost: number;
  dupAcks: number;
  /** Zero-window stalls and their total time (null: a stall whose time the text cannot tell). */
  zeroWindowStalls: number;
  zeroWindowSeconds: number | null;
  verdict: VerdictCode;
  severity: ConnectionSeverity;
  connState: ZeekConnState;
  history: string;
  firstLine: number;
  lastLine: number;
  findingCounts: Partial<Record<FindingCode, number>>;
  /** Order of the input and of arrival, for a stable sort. */
  order: number;
}

/** A finding kind over every connection shown: count, severity, and the first line of it in each of the first connections. */
export interface ExpertRow {
  code: FindingCode;
  severity: Severity;
  count: number;
  connections: number;
  first: Array<{ id: string; file: string; line: number }>;
}

/** How many first lines each finding kind keeps. */
export const EXPERT_FIRST_LINES = 3;

export function summaryRow(v: ConnectionVerdict, file: string, multi: boolean, order: number, inputs: readonly string[] = []): SummaryRow {
  const r = v.retransmissions;
  let lost = 0;
  for (const p of v.problems) if (p.code === 'loss') lost += p.lost;
  return {
    id: connLabel(file, v.conn, multi, inputs),
    conn: v.conn,
    file,
    client: endpointKey(v.client),
    server: endpointKey(v.server),
    roleGuessed: v.roleGuessed,
    start: v.start,
    duration: v.duration,
    packets: { c2s: v.packets.c2s, s2c: v.packets.s2c },
    bytes: { c2s: v.bytes.c2s, s2c: v.bytes.s2c },
    handshakeRtt: v.handshakeRtt ? v.handshakeRtt.seconds : null,
    retransmissions: r.rto + r.fast + r.tlp + r.rtoOrTlp + r.other,
    lost,
    dupAcks: v.findingCounts['tcp.dup_ack'] ?? 0,
    zeroWindowStalls: v.zeroWindow ? v.zeroWindow.stalls : 0,
    zeroWindowSeconds: v.zeroWindow ? v.zeroWindow.seconds : 0,
    verdict: v.verdict,
    severity: v.severity,
    connState: v.connState,
    history: v.history,
    firstLine: v.firstLine,
    lastLine: v.lastLine,
    findingCounts: v.findingCounts,
    order,
  };
}

export interface SummaryData {
  rows: SummaryRow[];
  expert: ExpertRow[];
  sort: SummarySort;
  multi: boolean;
  /** Connections read from the inputs before the selection: an empty table then says the selection left none. */
  read: number;
}

/** Collects rows and finding kinds as verdicts arrive; each verdict is reduced to its row at once. */
export class SummaryCollector {
  private readonly rows: SummaryRow[] = [];
  private readonly expert = new Map<FindingCode, ExpertRow>();
  /** Inputs in the order they were read: an earlier input's lines come first in `first`. */
  private readonly files = new Map<string, number>();
  /** Connections read, selected or not. */
  private readCount = 0;

  constructor(
    private readonly multi: boolean,
    private readonly inputs: readonly string[] = [],
  ) {}

  /** One connection read (call for every verdict, before the selection decides whether it is added). */
  seen(): void {
    this.readCount++;
  }

  add(v: ConnectionVerdict, file: string): SummaryRow {
    const row = summaryRow(v, file, this.multi, this.rows.length, this.inputs);
    this.rows.push(row);
    if (!this.files.has(file)) this.files.set(file, this.files.size);
    for (const code of Object.keys(v.findingCounts) as FindingCode[]) {
      const n = v.findingCounts[code] ?? 0;
      let e = this.expert.get(code);
      if (!e) this.expert.set(code, (e = { code, severity: FINDINGS[code].severity, count: 0, connections: 0, first: [] }));
      e.count += n;
      e.connections++;
      const line = v.findingFirstLines[code];
      if (line !== undefined) this.keepFirst(e.first, { id: row.id, file, line });
    }
    return row;
  }

  /** Keeps the EXPERT_FIRST_LINES earliest lines: by input, then line. */
  private keepFirst(list: ExpertRow['first'], item: ExpertRow['first'][number]): void {
    const at = (f: string): number => this.files.get(f) ?? 0;
    list.push(item);
    list.sort((a, b) => at(a.file) - at(b.file) || a.line - b.line);
    if (list.length > EXPERT_FIRST_LINES) list.length = EXPERT_FIRST_LINES;
  }

  /** The rows sorted (stable), and the finding kinds worst first, then most frequent. */
  result(sort: SummarySort): SummaryData {
    return { rows: sortRows(this.rows, sort), expert: sortExpert([...this.expert.values()]), sort, multi: this.multi, read: Math.max(this.readCount, this.rows.length) };
  }
}

const byOrder = (a: SummaryRow, b: SummaryRow): number => a.order - b.order;
/** Unknown values (null) go last. */
const nullsLast = (a: number | null, b: number | null): number => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : 0);

/** Starts at or above this many seconds are Unix times (dated or -tt captures), below it times of day. */
export const EPOCH_SCALE = 1e8;

/**
 * By start (connections without a time last, in input order), or the worst / largest / longest first, ties by start.
 * Inputs with dates and inputs with times of day only are compared by time of day (UTC, as -tttt is read).
 */
export function sortRows(rows: readonly SummaryRow[], sort: SummarySort): SummaryRow[] {
  let dated = false;
  let clock = false;
  for (const r of rows) if (r.start !== null) (r.start >= EPOCH_SCALE ? (dated = true) : (clock = true));
  const key = (s: number): number => (dated && clock ? s % 86400 : s);
  const byStart = (a: SummaryRow, b: SummaryRow): number =>
    nullsLast(a.start, b.start) || (a.start !== null && b.start !== null ? key(a.start) - key(b.start) : 0) || byOrder(a, b);
  const out = [...rows];
  switch (sort) {
    case 'start':
      return out.sort(byStart);
    case 'severity':
      return out.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || byStart(a, b));
    case 'bytes':
      return out.sort((a, b) => b.bytes.c2s + b.bytes.s2c - (a.bytes.c2s + a.bytes.s2c) || byStart(a, b));
    case 'duration':
      return out.sort((a, b) => nullsLast(a.duration, b.duration) || (b.duration ?? 0) - (a.duration ?? 0) || byStart(a, b));
  }
}

const FINDING_SEVERITIES: readonly Severity[] = ['info', 'note', 'warning', 'error'];
const FINDING_ORDER = new Map((Object.keys(FINDINGS) as FindingCode[]).map((c, i) => [c, i]));

export function sortExpert(rows: ExpertRow[]): ExpertRow[] {
  return rows.sort(
    (a, b) =>
      FINDING_SEVERITIES.indexOf(b.severity) - FINDING_SEVERITIES.indexOf(a.severity) ||
      b.count - a.count ||
      (FINDING_ORDER.get(a.code) ?? 0) - (FINDING_ORDER.get(b.code) ?? 0),
  );
}

/** Connections counted by severity, worst first, zero counts left out. */
export function severityCounts(rows: readonly SummaryRow[]): Array<[ConnectionSeverity, number]> {
  const out: Array<[ConnectionSeverity, number]> = [];
  for (const s of [...CONNECTION_SEVERITIES].reverse()) {
    const n = rows.reduce((k, r) => k + (r.severity === s ? 1 : 0), 0);
    if (n > 0) out.push([s, n]);
  }
  return out;
}
