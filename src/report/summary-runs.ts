// `tcplain summary`'s rows past its memory budget: sorted runs of encoded rows in a store (the CLI's temporary file,
// src/cli/summary-store.ts), merged back in the display order when the table is printed. Pure: the store is given.

import { FINDINGS, type FindingCode } from '../model/findings';
import { CONNECTION_SEVERITIES, type ConnectionSeverity, type VerdictCode, type ZeekConnState } from '../model/verdict';
import type { SummaryRow } from './summary';
import { summaryOrder, type OrderKeys, type SummarySort } from './summary-order';

/** Where sorted runs are kept: bytes appended one after the other, read back by position. */
export interface RunStore {
  /** Bytes appended so far: where the next append lands. */
  readonly size: number;
  /** Appends `bytes`; false when it cannot (no temporary file, disk full): the caller keeps its rows in memory. */
  append(bytes: Uint8Array): boolean;
  /** Reads into `into` from `pos`: the count of bytes read (fewer only past the end). */
  read(pos: number, into: Uint8Array): number;
}

/** A sorted run: `len` bytes at `pos` in the store, or its bytes in memory (the store failed while it was re-sorted). */
export type RunSource = { pos: number; len: number } | { bytes: Buffer };

const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];
const FINDING_INDEX = new Map(FINDING_CODES.map((c, i) => [c, i]));

/**
 * ROW RECORD
 * One row as bytes, everything a formatter prints in it (strings included: a run must not need a table of strings
 * kept in the heap, which would grow with every new host, port and id). Little-endian:
 *   u32 length of the rest of the record
 *   15 f64 at fixed offsets (R_*): the numbers, null as NaN (no column otherwise holds NaN), and the arrival index
 *   u8 severity (index in CONNECTION_SEVERITIES), u8 flags (bit 0: roleGuessed), u16 count of finding kinds
 *   8 strings: id, conn, file, client, server, verdict, connState, history
 *   per finding kind, in the row's key order (JSON and CSV print them in it): u16 index in FINDINGS, f64 count
 * A string is a u32 `2 × length + wide` then its UTF-16 code units: one byte each when all are below 256 (hosts, ids,
 * codes), two (little-endian) otherwise. Code units, not UTF-8, so that any JavaScript string (a file name or a
 * service in any script, even a lone surrogate) comes back exactly as it went in.
 * The sort keys are at fixed offsets, so a run can be re-sorted from its bytes without decoding it (resortRun).
 */
const R_START = 0;
const R_DURATION = 1;
const R_PKT_C2S = 2;
const R_PKT_S2C = 3;
const R_BYTES_C2S = 4;
const R_BYTES_S2C = 5;
const R_RTT = 6;
const R_RETRANS = 7;
const R_LOST = 8;
const R_DUPACKS = 9;
const R_ZW_STALLS = 10;
const R_ZW_SECONDS = 11;
const R_FIRST_LINE = 12;
const R_LAST_LINE = 13;
const R_ORDER = 14;
const R_NUMS = 15;
/** Offsets from a record's start (its length field). */
const NUMS_AT = 4;
const SEVERITY_AT = NUMS_AT + 8 * R_NUMS;
const FLAGS_AT = SEVERITY_AT + 1;
const KINDS_AT = FLAGS_AT + 1;
const STRINGS_AT = KINDS_AT + 2;

const nullable = (x: number | null): number => (x === null ? NaN : x);
const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** Encoded records gathered in one growing buffer. */
export class RecordWriter {
  private buf: Buffer;
  private dv: DataView;
  private n = 0;

  constructor(initial = 1 << 16) {
    this.buf = Buffer.allocUnsafeSlow(initial);
    this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  get size(): number {
    return this.n;
  }

  /** The bytes written since the last reset (a view: valid until the next write). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.n);
  }

  reset(): void {
    this.n = 0;
  }

  private room(extra: number): void {
    if (this.n + extra <= this.buf.length) return;
    let len = this.buf.length * 2;
    while (len < this.n + extra) len *= 2;
    const bigger = Buffer.allocUnsafeSlow(len);
    this.buf.copy(bigger, 0, 0, this.n);
    this.buf = bigger;
    this.dv = new DataView(bigger.buffer, bigger.byteOffset, bigger.length);
  }

  /** Bytes copied as they are (a record read from a run). */
  raw(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }

  /** One row as a record (ROW RECORD). */
  row(r: SummaryRow): void {
    const start = this.n;
    this.room(STRINGS_AT);
    const dv = this.dv;
    const f = start + NUMS_AT;
    dv.setFloat64(f + 8 * R_START, nullable(r.start), true);
    dv.setFloat64(f + 8 * R_DURATION, nullable(r.duration), true);
    dv.setFloat64(f + 8 * R_PKT_C2S, r.packets.c2s, true);
    dv.setFloat64(f + 8 * R_PKT_S2C, r.packets.s2c, true);
    dv.setFloat64(f + 8 * R_BYTES_C2S, r.bytes.c2s, true);
    dv.setFloat64(f + 8 * R_BYTES_S2C, r.bytes.s2c, true);
    dv.setFloat64(f + 8 * R_RTT, nullable(r.handshakeRtt), true);
    dv.setFloat64(f + 8 * R_RETRANS, r.retransmissions, true);
    dv.setFloat64(f + 8 * R_LOST, r.lost, true);
    dv.setFloat64(f + 8 * R_DUPACKS, r.dupAcks, true);
    dv.setFloat64(f + 8 * R_ZW_STALLS, r.zeroWindowStalls, true);
    dv.setFloat64(f + 8 * R_ZW_SECONDS, nullable(r.zeroWindowSeconds), true);
    dv.setFloat64(f + 8 * R_FIRST_LINE, r.firstLine, true);
    dv.setFloat64(f + 8 * R_LAST_LINE, r.lastLine, true);
    dv.setFloat64(f + 8 * R_ORDER, r.order, true);
    this.buf[start + SEVERITY_AT] = CONNECTION_SEVERITIES.indexOf(r.severity);
    this.buf[start + FLAGS_AT] = r.roleGuessed ? 1 : 0;
    const codes = Object.keys(r.findingCounts) as FindingCode[];
    dv.setUint16(start + KINDS_AT, codes.length, true);
    this.n = start + STRINGS_AT;
    this.str(r.id);
    this.str(r.conn);
    this.str(r.file);
    this.str(r.client);
    this.str(r.server);
    this.str(r.verdict);
    this.str(r.connState);
    this.str(r.history);
    this.room(codes.length * 10);
    for (const c of codes) {
      this.dv.setUint16(this.n, FINDING_INDEX.get(c) as number, true);
      this.dv.setFloat64(this.n + 2, r.findingCounts[c] ?? 0, true);
      this.n += 10;
    }
    this.dv.setUint32(start, this.n - start - 4, true);
  }

  private str(s: string): void {
    const len = s.length;
    let wide = 0;
    for (let i = 0; i < len; i++) {
      if (s.charCodeAt(i) > 0xff) {
        wide = 1;
        break;
      }
    }
    this.room(4 + len * (1 + wide));
    this.dv.setUint32(this.n, 2 * len + wide, true);
    let at = this.n + 4;
    const buf = this.buf;
    // Strings of a row are short (hosts, ids, codes): a loop costs less than a call into an encoder.
    if (wide === 0) for (let i = 0; i < len; i++) buf[at++] = s.charCodeAt(i);
    else
      for (let i = 0; i < len; i++, at += 2) {
        const c = s.charCodeAt(i);
        buf[at] = c & 0xff;
        buf[at + 1] = c >> 8;
      }
    this.n = at;
  }
}

/** Length in bytes of the record at `at`, its length field included. */
export const recordLength = (dv: DataView, at: number): number => 4 + dv.getUint32(at, true);

/** The row of the record at `at` of `buf` (`dv`: a DataView of the same bytes). */
export function decodeRow(buf: Buffer, dv: DataView, at: number): SummaryRow {
  const f = at + NUMS_AT;
  const num = (k: number): number => dv.getFloat64(f + 8 * k, true);
  let p = at + STRINGS_AT;
  const str = (): string => {
    const head = dv.getUint32(p, true);
    const len = head >>> 1;
    const from = p + 4;
    if ((head & 1) === 0) {
      p = from + len;
      return buf.toString('latin1', from, p);
    }
    p = from + 2 * len;
    return buf.toString('utf16le', from, p);
  };
  const id = str();
  const conn = str();
  const file = str();
  const client = str();
  const server = str();
  const verdict = str() as VerdictCode;
  const connState = str() as ZeekConnState;
  const history = str();
  const findingCounts: Partial<Record<FindingCode, number>> = {};
  const kinds = dv.getUint16(at + KINDS_AT, true);
  for (let i = 0; i < kinds; i++, p += 10) findingCounts[FINDING_CODES[dv.getUint16(p, true)]] = dv.getFloat64(p + 2, true);
  return {
    id,
    conn,
    file,
    client,
    server,
    roleGuessed: (buf[at + FLAGS_AT] & 1) === 1,
    start: orNull(num(R_START)),
    duration: orNull(num(R_DURATION)),
    packets: { c2s: num(R_PKT_C2S), s2c: num(R_PKT_S2C) },
    bytes: { c2s: num(R_BYTES_C2S), s2c: num(R_BYTES_S2C) },
    handshakeRtt: orNull(num(R_RTT)),
    retransmissions: num(R_RETRANS),
    lost: num(R_LOST),
    dupAcks: num(R_DUPACKS),
    zeroWindowStalls: num(R_ZW_STALLS),
    zeroWindowSeconds: orNull(num(R_ZW_SECONDS)),
    verdict,
    severity: CONNECTION_SEVERITIES[buf[at + SEVERITY_AT]] as ConnectionSeverity,
    connState,
    history,
    firstLine: num(R_FIRST_LINE),
    lastLine: num(R_LAST_LINE),
    findingCounts,
    order: num(R_ORDER),
  };
}

/** The order's keys read from a decoded row. */
export const ROW_KEYS: OrderKeys<SummaryRow> = {
  start: (r) => r.start,
  rank: (r) => CONNECTION_SEVERITIES.indexOf(r.severity),
  bytes: (r) => r.bytes.c2s + r.bytes.s2c,
  duration: (r) => r.duration,
  order: (r) => r.order,
};

/** The order's keys read from a record's fixed offsets (`at`: the record's start in `dv`). */
export function recordKeys(buf: Uint8Array, dv: DataView): OrderKeys<number> {
  const num = (at: number, k: number): number => dv.getFloat64(at + NUMS_AT + 8 * k, true);
  return {
    start: (at) => orNull(num(at, R_START)),
    rank: (at) => buf[at + SEVERITY_AT],
    bytes: (at) => num(at, R_BYTES_C2S) + num(at, R_BYTES_S2C),
    duration: (at) => orNull(num(at, R_DURATION)),
    order: (at) => num(at, R_ORDER),
  };
}

/**
 * The rows of several sorted sources as one sorted sequence (a k-way merge on a binary heap: log k comparisons a
 * row). `cmp` must be a total order on the rows (summaryOrder ends on the arrival index); with ties, the earlier source
 * wins.
 */
export function* mergeSorted<T>(sources: Iterable<Iterator<T>>, cmp: (a: T, b: T) => number): Generator<T> {
  const heads: T[] = [];
  const from: Array<Iterator<T>> = [];
  const rank: number[] = [];
  const before = (i: number, j: number): boolean => {
    const c = cmp(heads[i], heads[j]);
    return c < 0 || (c === 0 && rank[i] < rank[j]);
  };
  const swap = (i: number, j: number): void => {
    [heads[i], heads[j]] = [heads[j], heads[i]];
    [from[i], from[j]] = [from[j], from[i]];
    [rank[i], rank[j]] = [rank[j], rank[i]];
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heads.length) return;
      const m = l + 1 < heads.length && before(l + 1, l) ? l + 1 : l;
      if (!before(m, i)) return;
      swap(i, m);
      i = m;
    }
  };
  let k = 0;
  for (const it of sources) {
    const first = it.next();
    k++;
    if (first.done) continue;
    heads.push(first.value);
    from.push(it);
    rank.push(k);
    for (let i = heads.length - 1; i > 0 && before(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
  }
  while (heads.length > 0) {
    yield heads[0];
    const next = from[0].next();
    if (next.done) {
      const last = heads.length - 1;
      swap(0, last);
      heads.pop();
      from.pop();
      rank.pop();
    } else heads[0] = next.value;
    down(0);
  }
}

/** Bytes of read buffer for all runs of a merge together, and for one run at least (a record longer grows it). */
const MERGE_BUFFER = 1 << 20;
const MIN_RUN_BUFFER = 16 << 10;

/** Reads a run's records one by one through a buffer of `size` bytes. */
class RunCursor implements Iterator<SummaryRow> {
  private buf: Buffer;
  private dv: DataView;
  /** The buffer's unread bytes: [at, end). */
  private at = 0;
  private end = 0;
  /** Bytes of the run not read into the buffer yet, and where they start in the store. */
  private left: number;
  private pos: number;

  constructor(
    private readonly store: RunStore | null,
    run: RunSource,
    size: number,
  ) {
    if ('bytes' in run) {
      this.buf = run.bytes;
      this.end = run.bytes.length;
      this.left = 0;
      this.pos = 0;
    } else {
      this.buf = Buffer.allocUnsafe(Math.min(size, run.len));
      this.left = run.len;
      this.pos = run.pos;
    }
    this.dv = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  /** At least `k` unread bytes in the buffer (the rest moved to its front, the buffer grown for a long record). */
  private want(k: number): void {
    if (this.end - this.at >= k) return;
    const rest = this.end - this.at;
    if (k > this.buf.length) {
      const bigger = Buffer.allocUnsafe(k);
      this.buf.copy(bigger, 0, this.at, this.end);
      this.buf = bigger;
      this.dv = new DataView(bigger.buffer, bigger.byteOffset, bigger.length);
    } else this.buf.copy(this.buf, 0, this.at, this.end);
    this.at = 0;
    this.end = rest;
    while (this.end < k) {
      const room = Math.min(this.buf.length - this.end, this.left);
      const got = room <= 0 || this.store === null ? 0 : this.store.read(this.pos, this.buf.subarray(this.end, this.end + room));
      if (got <= 0) throw new Error(`summary: a sorted run ended early (${this.left} bytes missing at ${this.pos})`);
      this.end += got;
      this.pos += got;
      this.left -= got;
    }
  }

  next(): IteratorResult<SummaryRow> {
    if (this.at === this.end && this.left === 0) return { done: true, value: undefined };
    this.want(4);
    const len = recordLength(this.dv, this.at);
    this.want(len);
    const row = decodeRow(this.buf, this.dv, this.at);
    this.at += len;
    return { done: false, value: row };
  }
}

/** Rows in memory as a sorted source (SummaryRows: sorted, then row(i) in display order). */
export interface RowsInMemory {
  readonly length: number;
  row(i: number): SummaryRow;
  unordered(): Iterable<SummaryRow>;
}

function* inMemory(rows: RowsInMemory): Generator<SummaryRow> {
  for (let i = 0; i < rows.length; i++) yield rows.row(i);
}

/**
 * Every row of a table whose older rows are in sorted runs and whose newest are in memory: iterated in the display
 * order through a merge, as often as a formatter needs (each iteration reads the runs again).
 */
export class MergedRows {
  constructor(
    private readonly store: RunStore | null,
    private readonly runs: readonly RunSource[],
    private readonly memory: RowsInMemory,
    private readonly cmp: (a: SummaryRow, b: SummaryRow) => number,
    readonly length: number,
  ) {}

  private cursors(): RunCursor[] {
    const size = Math.max(MIN_RUN_BUFFER, Math.floor(MERGE_BUFFER / Math.max(1, this.runs.length)));
    return this.runs.map((r) => new RunCursor(this.store, r, size));
  }

  [Symbol.iterator](): Iterator<SummaryRow> {
    return mergeSorted<SummaryRow>([...this.cursors(), inMemory(this.memory)], this.cmp);
  }

  /** Every row in no particular order (a column's width needs none): the runs read one after the other, no merge. */
  *unordered(): Generator<SummaryRow> {
    const size = MERGE_BUFFER;
    for (const run of this.runs) {
      const c = new RunCursor(this.store, run, size);
      for (let r = c.next(); !r.done; r = c.next()) yield r.value;
    }
    yield* this.memory.unordered();
  }
}

/**
 * A run's records in another order (`sort`, `dayTime`): the run was sorted before the table's order was known (the
 * first time of day after dated rows makes every comparison by time of day). Its bytes are read whole — a run is at
 * most the memory budget's rows — sorted by their keys in place, and appended to the store as a new run; if the store
 * fails, the sorted bytes stay in memory.
 */
export function resortRun(store: RunStore, run: RunSource, sort: SummarySort, dayTime: boolean, writer: RecordWriter): RunSource {
  let bytes: Buffer;
  if ('bytes' in run) bytes = run.bytes;
  else {
    bytes = Buffer.allocUnsafe(run.len);
    for (let done = 0; done < run.len; ) {
      const got = store.read(run.pos + done, bytes.subarray(done));
      if (got <= 0) throw new Error(`summary: a sorted run ended early (${run.len - done} bytes missing at ${run.pos + done})`);
      done += got;
    }
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const starts: number[] = [];
  for (let at = 0; at < bytes.length; at += recordLength(dv, at)) starts.push(at);
  starts.sort(summaryOrder(sort, dayTime, recordKeys(bytes, dv)));
  const pos = store.size;
  writer.reset();
  let stored = true;
  for (const at of starts) {
    writer.raw(bytes.subarray(at, at + recordLength(dv, at)));
    if (writer.size >= PIECE_BYTES) {
      stored &&= store.append(writer.bytes());
      writer.reset();
    }
  }
  if (writer.size > 0) stored &&= store.append(writer.bytes());
  writer.reset();
  if (stored) return { pos, len: bytes.length };
  // The store failed: the sorted records stay in memory.
  const sorted = Buffer.allocUnsafe(bytes.length);
  let at = 0;
  for (const s of starts) at += bytes.copy(sorted, at, s, s + recordLength(dv, s));
  return { bytes: sorted };
}

/** A run is appended in pieces of this size (the writer's buffer stays this small). */
export const PIECE_BYTES = 1 << 18;
