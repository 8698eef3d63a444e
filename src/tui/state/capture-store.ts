// The viewer's bounded history: analysed records by arrival id, per-connection summaries, counters and the views the reducer walks.

import {
  FINDINGS,
  type FindingCode,
  type ConnectionVerdict,
  type Endpoint,
  type LineRecord,
  type SegmentAnalysis,
  type SegmentCopy,
  type Severity,
} from '../../model';
import type { ListView } from './reducer';

/** One input record as the viewer keeps it. */
export interface Entry {
  /** Arrival number, 0-based and never reused, so the UI can hold on to a record across evictions. */
  id: number;
  rec: LineRecord;
  analysis: SegmentAnalysis | null;
  /** Worst finding severity on the record, null when it has none. */
  severity: Severity | null;
  /** Explanation lines computed on first display, keyed by language and numbering (see annotate.ts). */
  notes?: { key: string; lines: string[] };
  /** The earlier line this packet line repeats exactly (a quotation, not a segment: no analysis). */
  quotes?: number;
  /** The outgoing copy of an earlier line, forwarded by the capturing host (track/copies.ts). */
  copy?: SegmentCopy;
}

export interface ConnSummary {
  conn: string;
  client: Endpoint;
  server: Endpoint;
  /** Records of this connection seen, and payload bytes each way as printed (`length N`). */
  packets: number;
  bytes: { c2s: number; s2c: number };
  firstTime: string | null;
  lastTime: string | null;
  /** Seconds from the first to the latest segment (the tracker's sinceStart), when timestamps allow. */
  elapsed: number | null;
  /** Findings of severity note or worse. */
  findings: number;
  worst: Severity | null;
  verdict: ConnectionVerdict | null;
  /** Ids of this connection's records still in the history, oldest first, from `head` on. */
  ids: number[];
  head: number;
}

export interface StoreStats {
  /** Records received, packets among them (tcp + other), tcp segments. */
  records: number;
  packets: number;
  segments: number;
  connections: number;
  open: number;
  findings: number;
  /** Records evicted from the bounded history. */
  dropped: number;
  ended: boolean;
}

export interface StoreOptions {
  /** History bound in records (the `--max-lines` option). */
  maxLines?: number;
  /** Bound on connection summaries kept once their records have left the history. */
  maxConnections?: number;
  now?: () => number;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, note: 1, warning: 2, error: 3 };

/** Severity at or above which a finding counts in the status bar and `n`/`N` stop on it (info findings are shown, not counted). */
export function isNotable(s: Severity | null): boolean {
  return s !== null && SEVERITY_RANK[s] >= SEVERITY_RANK.note;
}

export class CaptureStore {
  readonly maxLines: number;
  readonly maxConnections: number;
  private readonly now: () => number;
  /** Ring buffer of entries: `ring[(start + i) % cap]` is id `firstId + i`. */
  private ring: Array<Entry | undefined>;
  private start = 0;
  private count = 0;
  private firstId = 0;
  private readonly conns = new Map<string, ConnSummary>();
  private readonly samples: Array<[time: number, records: number]> = [];
  readonly stats: StoreStats = { records: 0, packets: 0, segments: 0, connections: 0, open: 0, findings: 0, dropped: 0, ended: false };
  /** Findings of every severity by code since the input began (the findings pane's tally). */
  readonly findingCounts = new Map<FindingCode, number>();
  /** Bumped on every change, so a renderer polls one number to know whether to draw. */
  version = 0;

  constructor(opts: StoreOptions = {}) {
    this.maxLines = Math.max(1, opts.maxLines ?? 50_000);
    this.maxConnections = Math.max(1, opts.maxConnections ?? 10_000);
    this.now = opts.now ?? Date.now;
    this.ring = new Array(Math.min(this.maxLines, 1024));
  }

  get size(): number {
    return this.count;
  }

  get nextId(): number {
    return this.firstId + this.count;
  }

  get oldestId(): number {
    return this.firstId;
  }

  get(id: number): Entry | undefined {
    const i = id - this.firstId;
    if (i < 0 || i >= this.count) return undefined;
    return this.ring[(this.start + i) % this.ring.length];
  }

  /** Adds one analysed record and the verdicts of connections that ended with it. */
  push(rec: LineRecord, analysis: SegmentAnalysis | null, closed: readonly ConnectionVerdict[] = [], quotes?: number, copy?: SegmentCopy): Entry {
    let severity: Severity | null = null;
    if (analysis) {
      for (const f of analysis.findings) {
        const s = FINDINGS[f.code].severity;
        if (severity === null || SEVERITY_RANK[s] > SEVERITY_RANK[severity]) severity = s;
        if (isNotable(s)) this.stats.findings++;
        this.findingCounts.set(f.code, (this.findingCounts.get(f.code) ?? 0) + 1);
      }
    }
    const entry: Entry = { id: this.nextId, rec, analysis, severity };
    if (quotes !== undefined) entry.quotes = quotes;
    if (copy !== undefined) entry.copy = copy;
    this.append(entry);
    this.stats.records++;
    if (rec.kind === 'tcp' || rec.kind === 'other') this.stats.packets++;
    if (rec.kind === 'tcp' && analysis) {
      this.stats.segments++;
      this.noteSegment(entry, rec, analysis);
    }
    this.addVerdicts(closed);
    this.sample();
    this.version++;
    return entry;
  }

  /** Verdicts that came with a line the viewer does not show (a selection hid it). */
  addClosed(verdicts: readonly ConnectionVerdict[]): void {
    if (verdicts.length === 0) return;
    this.addVerdicts(verdicts);
    this.version++;
  }

  /** Verdicts of connections still open when the input ended (tracker.finish()). */
  finish(verdicts: readonly ConnectionVerdict[]): void {
    this.addVerdicts(verdicts);
    this.stats.ended = true;
    this.version++;
  }

  private addVerdicts(verdicts: readonly ConnectionVerdict[]): void {
    for (const v of verdicts) {
      const c = this.conns.get(v.conn);
      if (!c) continue;
      if (c.verdict === null) this.stats.open--;
      c.verdict = v;
      this.maybeForget(c);
    }
  }

  private noteSegment(entry: Entry, rec: Extract<LineRecord, { kind: 'tcp' }>, a: SegmentAnalysis): void {
    let c = this.conns.get(a.conn);
    if (!c) {
      const clientIsSrc = a.dir === 'c2s';
      c = {
        conn: a.conn,
        client: clientIsSrc ? rec.src : rec.dst,
        server: clientIsSrc ? rec.dst : rec.src,
        packets: 0,
        bytes: { c2s: 0, s2c: 0 },
        firstTime: rec.time,
        lastTime: rec.time,
        elapsed: null,
        findings: 0,
        worst: null,
        verdict: null,
        ids: [],
        head: 0,
      };
      this.conns.set(a.conn, c);
      this.stats.connections++;
      this.stats.open++;
      this.trimConnections();
    }
    c.packets++;
    c.bytes[a.dir] += rec.len ?? 0;
    c.lastTime = rec.time;
    if (a.sinceStart !== null) c.elapsed = a.sinceStart;
    for (const f of a.findings) if (isNotable(FINDINGS[f.code].severity)) c.findings++;
    if (entry.severity !== null && (c.worst === null || SEVERITY_RANK[entry.severity] > SEVERITY_RANK[c.worst])) c.worst = entry.severity;
    c.ids.push(entry.id);
  }

  private append(entry: Entry): void {
    if (this.count === this.maxLines) this.evictOldest();
    if (this.count === this.ring.length) this.grow();
    this.ring[(this.start + this.count) % this.ring.length] = entry;
    this.count++;
  }

  /** Doubles the ring up to maxLines, so a short capture never allocates the whole bound. */
  private grow(): void {
    const cap = Math.min(this.maxLines, this.ring.length * 2);
    const next: Array<Entry | undefined> = new Array(cap);
    for (let i = 0; i < this.count; i++) next[i] = this.ring[(this.start + i) % this.ring.length];
    this.ring = next;
    this.start = 0;
  }

  private evictOldest(): void {
    const old = this.ring[this.start];
    this.ring[this.start] = undefined;
    this.start = (this.start + 1) % this.ring.length;
    this.count--;
    this.firstId++;
    this.stats.dropped++;
    const conn = old?.analysis?.conn;
    if (conn === undefined) return;
    const c = this.conns.get(conn);
    if (!c) return;
    if (c.ids[c.head] === old!.id) c.head++;
    if (c.head > 256 && c.head * 2 > c.ids.length) {
      c.ids = c.ids.slice(c.head);
      c.head = 0;
    }
    this.maybeForget(c);
  }

  /** A connection that ended and has no record left in the history is forgotten: nothing on screen refers to it. */
  private maybeForget(c: ConnSummary): void {
    if (c.verdict !== null && c.head >= c.ids.length && c.ids.length > 0) this.conns.delete(c.conn);
  }

  /** Keeps the summary table bounded when connections arrive faster than the history evicts them (port scans, SYN floods). */
  private trimConnections(): void {
    if (this.conns.size <= this.maxConnections) return;
    for (const c of this.conns.values()) {
      if (this.conns.size <= this.maxConnections) break;
      if (c.head >= c.ids.length || c.verdict !== null) {
        if (c.verdict === null) this.stats.open--;
        this.conns.delete(c.conn);
      }
    }
  }

  private sample(): void {
    const t = this.now();
    const last = this.samples[this.samples.length - 1];
    if (last && t - last[0] < 250) return;
    this.samples.push([t, this.stats.records]);
    while (this.samples.length > 2 && t - this.samples[0][0] > 3000) this.samples.shift();
  }

  /** Records per second over the last few seconds; 0 once input has been silent for 3 s. */
  rate(): number {
    const t = this.now();
    const first = this.samples[0];
    if (!first) return 0;
    const span = (t - first[0]) / 1000;
    if (span <= 0 || t - this.samples[this.samples.length - 1][0] > 3000) return 0;
    return Math.round((this.stats.records - first[1]) / span);
  }

  connection(conn: string): ConnSummary | undefined {
    return this.conns.get(conn);
  }

  /** Connection summaries in order of first appearance. */
  connections(): ConnSummary[] {
    return [...this.conns.values()];
  }

  /** Ids of a connection's records still in the history. */
  connectionIds(conn: string): number[] {
    const c = this.conns.get(conn);
    if (!c) return [];
    return c.ids.slice(c.head).filter((id) => id >= this.firstId);
  }

  /**
   * The list the viewer walks: all records, or one connection's, up to `upto` when paused.
   * `text` gives the searchable text of an entry (its raw record and its note in the current language).
   */
  view(opts: { conn: string | null; upto: number | null; text: (e: Entry) => string }): ListView {
    const upto = opts.upto ?? Number.MAX_SAFE_INTEGER;
    if (opts.conn === null) {
      const first = this.firstId;
      const length = Math.max(0, Math.min(this.count, upto - first + 1));
      return this.makeView(length, (i) => first + i, (id) => Math.max(0, Math.min(length, id - first)), opts.text);
    }
    const ids = this.connectionIds(opts.conn);
    let length = ids.length;
    while (length > 0 && ids[length - 1] > upto) length--;
    return this.makeView(length, (i) => ids[i], (id) => lowerBound(ids, length, id), opts.text);
  }

  private makeView(length: number, idAt: (i: number) => number, lb: (id: number) => number, text: (e: Entry) => string): ListView {
    const scan = (fromId: number, dir: 1 | -1, test: (e: Entry) => boolean, wrap: boolean): number | null => {
      if (length === 0) return null;
      let i = dir === 1 ? lb(fromId + 1) : lb(fromId) - 1;
      for (let k = 0; k < length; k++) {
        if (i >= length || i < 0) {
          if (!wrap) return null;
          i = dir === 1 ? 0 : length - 1;
        }
        const e = this.get(idAt(i));
        if (e && test(e)) return e.id;
        i += dir;
      }
      return null;
    };
    return {
      length,
      idAt,
      lowerBound: lb,
      nextFinding: (fromId, dir) => scan(fromId, dir, (e) => isNotable(e.severity), false),
      nextMatch: (fromId, query, dir) => {
        const q = query.toLowerCase();
        return scan(fromId, dir, (e) => text(e).toLowerCase().includes(q), true);
      },
      nextWithCode: (fromId, code) => scan(fromId, 1, (e) => e.analysis?.findings.some((f) => f.code === code) ?? false, false),
    };
  }
}

function lowerBound(ids: readonly number[], length: number, id: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
