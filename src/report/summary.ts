// `tcplain summary`: one row per connection from the tracker's verdicts (no per-line explanation is built), and an
// expert-info block: every finding kind with its count, severity and first lines.

import { endpointKey } from '../model/endpoint';
import { FINDINGS, type FindingCode, type Severity } from '../model/findings';
import type { ConnectionSeverity, ConnectionVerdict, VerdictCode, ZeekConnState } from '../model/verdict';
import { CONNECTION_SEVERITIES, severityRank } from '../model/verdict';
import { connLabel } from './conn-id';
import { EPOCH_SCALE, summaryOrder, type SummarySort } from './summary-order';
import { MergedRows, PIECE_BYTES, RecordWriter, resortRun, ROW_KEYS, type RunSource, type RunStore } from './summary-runs';

export { EPOCH_SCALE, SUMMARY_SORTS, type SummarySort } from './summary-order';

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

/** The rows of a table as the formatters read them, in memory (SummaryRows) or merged from sorted runs (MergedRows). */
export interface SummaryRowList extends Iterable<SummaryRow> {
  readonly length: number;
  /** Every row in no particular order (a column's width needs none): cheaper than the display order for a merge. */
  unordered(): Iterable<SummaryRow>;
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

/** Strings stored once, each row holding its index (hosts, histories, verdict codes, finding-code lists). */
class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  /**
   * Heap bytes the table holds, roughly: a string's characters (two bytes each at worst) and ~80 bytes for its
   * header, its Map entry and its array slot. Only for the memory budget (SummaryCollector).
   */
  bytes = 0;

  id(s: string): number {
    let k = this.ids.get(s);
    if (k === undefined) {
      k = this.values.length;
      this.ids.set(s, k);
      this.values.push(s);
      this.bytes += 2 * s.length + 80;
    }
    return k;
  }

  clear(): void {
    this.ids.clear();
    this.values.length = 0;
    this.bytes = 0;
  }
}

/** A Float64Array twice as long, the old values copied. */
function grow64(a: Float64Array, size: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}
function grow32(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

/** Number columns of a row, one Float64Array slot each (null: NaN, which no column otherwise holds). */
const F_START = 0;
const F_DURATION = 1;
const F_PKT_C2S = 2;
const F_PKT_S2C = 3;
const F_BYTES_C2S = 4;
const F_BYTES_S2C = 5;
const F_RTT = 6;
const F_RETRANS = 7;
const F_LOST = 8;
const F_DUPACKS = 9;
const F_ZW_STALLS = 10;
const F_ZW_SECONDS = 11;
const F_FIRST_LINE = 12;
const F_LAST_LINE = 13;
/** The connection's number n when its id is `c<n>` (the tracker's own form), else NaN (the id is in `oddConns`). */
const F_CONN = 14;
const NUMS = 15;

/** Index columns of a row, one Int32Array slot each. */
const I_FILE = 0;
const I_CLIENT_HOST = 1;
const I_CLIENT_PORT = 2;
const I_CLIENT_SERVICE = 3;
const I_SERVER_HOST = 4;
const I_SERVER_PORT = 5;
const I_SERVER_SERVICE = 6;
const I_VERDICT = 7;
const I_SEVERITY = 8;
const I_STATE = 9;
const I_HISTORY = 10;
/** Bit 0: roleGuessed. */
const I_FLAGS = 11;
/** The row's finding codes in their order (an interned `code,code` list) and where its counts start in `counts`. */
const I_FINDING_CODES = 12;
const I_FINDING_AT = 13;
const INTS = 14;

const nullable = (x: number | null): number => (x === null ? NaN : x);
const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/**
 * SUMMARY ROWS, COLUMNAR
 * Every connection of a run is a row until the table is printed, so a capture of a million connections holds a million
 * rows. As objects (a SummaryRow: 4 nested objects, 5 strings, the verdict's findingCounts kept alive) a row was ~1.1 KB
 * of heap, which V8's growing factor then multiplied (summary's peak RSS 189 MB on the 32k-connection bench capture).
 * Here a row is 15 doubles and 14 int32 in shared typed arrays (176 bytes, no per-row object, nothing for the
 * collector to trace); hosts, services, histories, codes and finding-code lists are interned, and only an id not of the
 * tracker's `c<n>` form is kept as a string. `row(i)` rebuilds the SummaryRow of the i-th row, in the sorted order, for
 * the formatters, which use it and drop it. With a store (SummaryCollector, SUMMARY ROWS PAST A BUDGET) it holds only
 * the rows since the last run was written: clear() keeps the arrays and drops the strings.
 */
export class SummaryRows implements SummaryRowList {
  private nums = new Float64Array(NUMS * 1024);
  private ints = new Int32Array(INTS * 1024);
  private capacity = 1024;
  private count = 0;
  /** Finding counts of all rows, each row's after the other (most rows have none). */
  private counts = new Float64Array(1024);
  private countsUsed = 0;
  private readonly strings = new Interner();
  private readonly oddConns = new Map<number, string>();
  /** Display order: row indexes, set by sort(); null while rows are in arrival order. */
  private order: Int32Array | null = null;
  /** Rows before these, written elsewhere (sorted runs): the arrival index of row i is base + i. */
  private base = 0;

  constructor(
    private readonly multi: boolean,
    private readonly inputs: readonly string[],
  ) {}

  get length(): number {
    return this.count;
  }

  /** Heap bytes of the rows, roughly (the memory budget): their columns, finding counts and strings. */
  get bytes(): number {
    return this.count * (8 * NUMS + 4 * INTS) + 8 * this.countsUsed + this.strings.bytes + 80 * this.oddConns.size;
  }

  /** Forgets every row (they were written elsewhere); the arrays are kept for the next rows, the strings not. */
  clear(): void {
    this.base += this.count;
    this.count = 0;
    this.countsUsed = 0;
    this.strings.clear();
    this.oddConns.clear();
    this.order = null;
  }

  add(v: ConnectionVerdict, file: string): void {
    this.order = null;
    if (this.count === this.capacity) {
      this.capacity *= 2;
      this.nums = grow64(this.nums, NUMS * this.capacity);
      this.ints = grow32(this.ints, INTS * this.capacity);
    }
    const i = this.count++;
    const f = i * NUMS;
    const n = this.nums;
    const r = v.retransmissions;
    let lost = 0;
    for (const p of v.problems) if (p.code === 'loss') lost += p.lost;
    n[f + F_START] = nullable(v.start);
    n[f + F_DURATION] = nullable(v.duration);
    n[f + F_PKT_C2S] = v.packets.c2s;
    n[f + F_PKT_S2C] = v.packets.s2c;
    n[f + F_BYTES_C2S] = v.bytes.c2s;
    n[f + F_BYTES_S2C] = v.bytes.s2c;
    n[f + F_RTT] = v.handshakeRtt ? v.handshakeRtt.seconds : NaN;
    n[f + F_RETRANS] = r.rto + r.fast + r.tlp + r.rtoOrTlp + r.other;
    n[f + F_LOST] = lost;
    n[f + F_DUPACKS] = v.findingCounts['tcp.dup_ack'] ?? 0;
    n[f + F_ZW_STALLS] = v.zeroWindow ? v.zeroWindow.stalls : 0;
    n[f + F_ZW_SECONDS] = v.zeroWindow ? nullable(v.zeroWindow.seconds) : 0;
    n[f + F_FIRST_LINE] = v.firstLine;
    n[f + F_LAST_LINE] = v.lastLine;
    const num = /^c[1-9][0-9]{0,14}$/.test(v.conn) ? Number(v.conn.slice(1)) : NaN;
    n[f + F_CONN] = num;
    if (Number.isNaN(num)) this.oddConns.set(i, v.conn);
    const k = i * INTS;
    const t = this.ints;
    const s = this.strings;
    t[k + I_FILE] = s.id(file);
    t[k + I_CLIENT_HOST] = s.id(v.client.host);
    t[k + I_CLIENT_PORT] = v.client.port ?? -1;
    t[k + I_CLIENT_SERVICE] = v.client.service === null ? -1 : s.id(v.client.service);
    t[k + I_SERVER_HOST] = s.id(v.server.host);
    t[k + I_SERVER_PORT] = v.server.port ?? -1;
    t[k + I_SERVER_SERVICE] = v.server.service === null ? -1 : s.id(v.server.service);
    t[k + I_VERDICT] = s.id(v.verdict);
    t[k + I_SEVERITY] = s.id(v.severity);
    t[k + I_STATE] = s.id(v.connState);
    t[k + I_HISTORY] = s.id(v.history);
    t[k + I_FLAGS] = v.roleGuessed ? 1 : 0;
    // Codes in the object's own key order: JSON and CSV print them in it.
    const codes = Object.keys(v.findingCounts) as FindingCode[];
    t[k + I_FINDING_CODES] = s.id(codes.join(','));
    t[k + I_FINDING_AT] = this.countsUsed;
    if (this.countsUsed + codes.length > this.counts.length) this.counts = grow64(this.counts, Math.max(2 * this.counts.length, this.countsUsed + codes.length));
    for (const c of codes) this.counts[this.countsUsed++] = v.findingCounts[c] ?? 0;
  }

  private str(k: number): string {
    return this.strings.values[k];
  }

  private endpoint(k: number): string {
    const t = this.ints;
    const service = t[k + 2];
    return endpointKey({ host: this.str(t[k]), port: t[k + 1] === -1 ? null : t[k + 1], service: service === -1 ? null : this.str(service) });
  }

  /** Row `i` in arrival order. */
  private build(i: number): SummaryRow {
    const f = i * NUMS;
    const n = this.nums;
    const k = i * INTS;
    const t = this.ints;
    const num = n[f + F_CONN];
    const conn = Number.isNaN(num) ? (this.oddConns.get(i) as string) : `c${num}`;
    const file = this.str(t[k + I_FILE]);
    const list = this.str(t[k + I_FINDING_CODES]);
    const findingCounts: Partial<Record<FindingCode, number>> = {};
    if (list !== '') {
      let at = t[k + I_FINDING_AT];
      for (const c of list.split(',') as FindingCode[]) findingCounts[c] = this.counts[at++];
    }
    return {
      id: connLabel(file, conn, this.multi, this.inputs),
      conn,
      file,
      client: this.endpoint(k + I_CLIENT_HOST),
      server: this.endpoint(k + I_SERVER_HOST),
      roleGuessed: (t[k + I_FLAGS] & 1) === 1,
      start: orNull(n[f + F_START]),
      duration: orNull(n[f + F_DURATION]),
      packets: { c2s: n[f + F_PKT_C2S], s2c: n[f + F_PKT_S2C] },
      bytes: { c2s: n[f + F_BYTES_C2S], s2c: n[f + F_BYTES_S2C] },
      handshakeRtt: orNull(n[f + F_RTT]),
      retransmissions: n[f + F_RETRANS],
      lost: n[f + F_LOST],
      dupAcks: n[f + F_DUPACKS],
      zeroWindowStalls: n[f + F_ZW_STALLS],
      zeroWindowSeconds: orNull(n[f + F_ZW_SECONDS]),
      verdict: this.str(t[k + I_VERDICT]) as VerdictCode,
      severity: this.str(t[k + I_SEVERITY]) as ConnectionSeverity,
      connState: this.str(t[k + I_STATE]) as ZeekConnState,
      history: this.str(t[k + I_HISTORY]),
      firstLine: n[f + F_FIRST_LINE],
      lastLine: n[f + F_LAST_LINE],
      findingCounts,
      order: this.base + i,
    };
  }

  /** The i-th row shown (sorted order once sort() ran): a fresh object, for the caller to use and drop. */
  row(i: number): SummaryRow {
    return this.build(this.order === null ? i : this.order[i]);
  }

  *[Symbol.iterator](): IterableIterator<SummaryRow> {
    for (let i = 0; i < this.count; i++) yield this.row(i);
  }

  *unordered(): IterableIterator<SummaryRow> {
    for (let i = 0; i < this.count; i++) yield this.build(i);
  }

  private severity(i: number): ConnectionSeverity {
    return this.str(this.ints[i * INTS + I_SEVERITY]) as ConnectionSeverity;
  }

  /** Sets the display order (summary-order.ts), reading the columns; `dayTime` as summaryOrder takes it. */
  sort(sort: SummarySort, dayTime: boolean): void {
    const n = this.nums;
    const cmp = summaryOrder<number>(sort, dayTime, {
      start: (i) => orNull(n[i * NUMS + F_START]),
      rank: (i) => severityRank(this.severity(i)),
      bytes: (i) => n[i * NUMS + F_BYTES_C2S] + n[i * NUMS + F_BYTES_S2C],
      duration: (i) => orNull(n[i * NUMS + F_DURATION]),
      order: (i) => i,
    });
    const order = Array.from({ length: this.count }, (_, i) => i).sort(cmp);
    this.order = Int32Array.from(order);
  }
}

export interface SummaryData {
  rows: SummaryRowList;
  /** Connections by severity, worst first, zero counts left out. */
  bySeverity: Array<[ConnectionSeverity, number]>;
  /** The dated rows span more than one UTC day: the text table's start column then carries the date. */
  spansDays: boolean;
  expert: ExpertRow[];
  sort: SummarySort;
  multi: boolean;
  /** Connections read from the inputs before the selection: an empty table then says the selection left none. */
  read: number;
}

/**
 * Where the rows go past a memory budget (src/cli/summary-store.ts gives the store: an unnamed temporary file).
 * Without it every row stays in memory.
 */
export interface SummarySpill {
  store: RunStore;
  /** Bytes of rows (SummaryRows.bytes) kept in memory before they are sorted and written as one run. */
  budget: number;
  /** The order the runs are sorted in: the one result() will be asked for (another costs a re-sort of every run). */
  sort: SummarySort;
}

/** A run written to the store, and the order it was sorted in. */
interface Run {
  source: RunSource;
  rows: number;
  sort: SummarySort;
  dayTime: boolean;
}

/**
 * SUMMARY ROWS PAST A BUDGET
 * Every connection is a row until the table is printed, and the table is sorted, so a table kept whole in memory grows
 * with the input: 176 bytes a row plus its strings (hosts, ports and ids are nearly unique per connection, so the
 * string table grows too), which V8's growing factor multiplies (summary's peak was 176 MB with the 1M-line bench
 * capture 4× through stdin, 128k connections, against 140 MB for the capture once). With a store, the rows in memory
 * are sorted and written as one run of encoded records (summary-runs.ts ROW RECORD: strings included) each time they
 * pass the budget, and the memory's columns and strings start again; the table is then a k-way merge of the runs and
 * the last rows still in memory, in the same order (summary-order.ts: one definition, total), so the output is the
 * same bytes. What the formatters need of the whole table (counts by severity, whether it spans days) is counted as
 * rows arrive. If the store fails (no temporary file, disk full), the rows stay in memory from then on, as without
 * a store.
 */
export class SummaryCollector {
  private readonly rows: SummaryRows;
  private readonly expert = new Map<FindingCode, ExpertRow>();
  /** Inputs in the order they were read: an earlier input's lines come first in `first`. */
  private readonly files = new Map<string, number>();
  /** Connections read, selected or not. */
  private readCount = 0;
  /** Rows by severity rank (CONNECTION_SEVERITIES). */
  private readonly bySeverity = CONNECTION_SEVERITIES.map(() => 0);
  /** Some row's start is a Unix time / a time of day (summaryOrder's `dayTime` when both). */
  private dated = false;
  private clock = false;
  /** The UTC day of the first dated row, and whether another day was seen. */
  private day: number | null = null;
  private spans = false;
  private readonly runs: Run[] = [];
  private spilled = 0;
  private spillFailed = false;
  private writer: RecordWriter | null = null;

  constructor(
    private readonly multi: boolean,
    private readonly inputs: readonly string[] = [],
    private readonly spill: SummarySpill | null = null,
  ) {
    this.rows = new SummaryRows(multi, inputs);
  }

  /** One connection read (call for every verdict, before the selection decides whether it is added). */
  seen(): void {
    this.readCount++;
  }

  /** Runs written to the store so far (tests). */
  get runCount(): number {
    return this.runs.length;
  }

  add(v: ConnectionVerdict, file: string): void {
    this.rows.add(v, file);
    this.bySeverity[severityRank(v.severity)]++;
    const start = v.start;
    if (start !== null) {
      if (start >= EPOCH_SCALE) {
        this.dated = true;
        const d = Math.floor(start / 86400);
        if (this.day === null) this.day = d;
        else if (d !== this.day) this.spans = true;
      } else this.clock = true;
    }
    if (!this.files.has(file)) this.files.set(file, this.files.size);
    let id: string | null = null;
    for (const code of Object.keys(v.findingCounts) as FindingCode[]) {
      const n = v.findingCounts[code] ?? 0;
      let e = this.expert.get(code);
      if (!e) this.expert.set(code, (e = { code, severity: FINDINGS[code].severity, count: 0, connections: 0, first: [] }));
      e.count += n;
      e.connections++;
      const line = v.findingFirstLines[code];
      if (line !== undefined) this.keepFirst(e.first, { id: (id ??= connLabel(file, v.conn, this.multi, this.inputs)), file, line });
    }
    if (this.spill !== null && !this.spillFailed && this.rows.bytes > this.spill.budget) this.writeRun(this.spill);
  }

  /** The rows in memory, sorted, appended to the store as one run; then forgotten (kept if the store fails). */
  private writeRun(spill: SummarySpill): void {
    const dayTime = this.dated && this.clock;
    const rows = this.rows;
    rows.sort(spill.sort, dayTime);
    const w = (this.writer ??= new RecordWriter());
    const pos = spill.store.size;
    let ok = true;
    w.reset();
    for (let i = 0; i < rows.length && ok; i++) {
      w.row(rows.row(i));
      if (w.size >= PIECE_BYTES) {
        ok = spill.store.append(w.bytes());
        w.reset();
      }
    }
    if (ok && w.size > 0) ok = spill.store.append(w.bytes());
    w.reset();
    if (!ok) {
      this.spillFailed = true;
      return;
    }
    this.runs.push({ source: { pos, len: spill.store.size - pos }, rows: rows.length, sort: spill.sort, dayTime });
    this.spilled += rows.length;
    rows.clear();
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
    const dayTime = this.dated && this.clock;
    this.rows.sort(sort, dayTime);
    let rows: SummaryRowList = this.rows;
    if (this.runs.length > 0 && this.spill !== null) {
      const store = this.spill.store;
      const w = (this.writer ??= new RecordWriter());
      // A run sorted before the table's order was known (a time of day after dated rows) is sorted again.
      const sources = this.runs.map((r) => (r.sort === sort && r.dayTime === dayTime ? r.source : resortRun(store, r.source, sort, dayTime, w)));
      rows = new MergedRows(store, sources, this.rows, summaryOrder(sort, dayTime, ROW_KEYS), this.spilled + this.rows.length);
    }
    const bySeverity: Array<[ConnectionSeverity, number]> = [];
    for (let k = CONNECTION_SEVERITIES.length - 1; k >= 0; k--) if (this.bySeverity[k] > 0) bySeverity.push([CONNECTION_SEVERITIES[k], this.bySeverity[k]]);
    return {
      rows,
      bySeverity,
      spansDays: this.spans,
      expert: sortExpert([...this.expert.values()]),
      sort,
      multi: this.multi,
      read: Math.max(this.readCount, rows.length),
    };
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
