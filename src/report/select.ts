// What a run shows of its input: a packet window (--from/--to, -c) applied before the tracker, connection filters
// (--conn, --host, --port, --verdict, --severity, --where) and line filters (--only problems) applied to its output.

import type { WhereNode, WhereTest } from '../../grammar/where';
import { addressBytes } from '../../grammar/where/to-ast';
import type { Endpoint } from '../model/endpoint';
import { FINDINGS } from '../model/findings';
import type { LineRecord } from '../model/line-result';
import type { ConnectionSeverity, ConnectionVerdict, VerdictCode } from '../model/verdict';
import { severityRank } from '../model/verdict';
import { parseTimestamp } from '../track';
import type { ReportItem } from './annotate';
import { connLabel } from './conn-id';

/** A bound of --from/--to: seconds since the epoch (a date was given), or since midnight (a time of day alone). */
export interface TimeBound {
  seconds: number;
  timeOfDay: boolean;
}

export interface Selection {
  /** Connection ids: `c3` (in any input) or `<basename>#c3` (conn-id.ts). */
  conns: readonly string[] | null;
  /** Addresses or host names exactly as tcpdump printed them (either end). */
  hosts: readonly string[] | null;
  ports: readonly number[] | null;
  verdicts: readonly VerdictCode[] | null;
  /** Only connections at or above this severity. */
  minSeverity: ConnectionSeverity | null;
  /** explain: only lines with a finding of severity note or above, and the verdicts; summary: connections above ok. */
  onlyProblems: boolean;
  from: TimeBound | null;
  to: TimeBound | null;
  /** Stop after this many packets (inside the time window). */
  count: number | null;
  /** --where: the parsed expression (grammar/where), ANDed with the other filters. */
  where: WhereNode | null;
}

export const SELECT_ALL: Selection = { conns: null, hosts: null, ports: null, verdicts: null, minSeverity: null, onlyProblems: false, from: null, to: null, count: null, where: null };

/** Filters that pick connections (a line of a connection is shown when its connection is). */
export const picksConnections = (s: Selection): boolean =>
  s.conns !== null || s.hosts !== null || s.ports !== null || s.verdicts !== null || s.minSeverity !== null || s.where !== null;

/** Filters that need a connection's verdict, so its lines wait for it: --verdict, --severity, a --where on its fields. */
export const needsVerdict = (s: Selection): boolean => s.verdicts !== null || s.minSeverity !== null || (s.where !== null && whereNeedsVerdict(s.where));

/** Anything that hides part of the output. */
export const selects = (s: Selection): boolean => picksConnections(s) || s.onlyProblems || s.from !== null || s.to !== null || s.count !== null;

const DAY = 86400;

/** The record's time on the bound's scale, or null when it printed none that can be placed (`-ttt` deltas). */
function recordSeconds(time: string, timeOfDay: boolean): number | null {
  const p = parseTimestamp(time);
  if (p === null || p.shape === 'micros') return null;
  if (p.shape === 'clock') return timeOfDay ? p.seconds % DAY : null;
  // -tttt dates are read as UTC (track/timestamp.ts), -tt is Unix time: their time of day is UTC too.
  return timeOfDay ? ((p.seconds % DAY) + DAY) % DAY : p.seconds;
}

/**
 * PACKET WINDOW
 * -c N stops reading after N packets, as tcpdump -c counts packets, not lines (a pcap's tcpdump is given -c N too).
 * --from/--to show the packets printed at or after FROM and at or before TO: the tracker still sees every packet read,
 * so connection ids, states and verdicts are those of the whole capture, and a connection is shown when one of its
 * packets is. Only packet lines count: tcp and other protocols' records. A packet whose time cannot be placed (no
 * time printed, a -ttt delta, or a time of day against a date bound) is shown. Other lines are never hidden by time.
 */
export interface PacketWindow {
  /** `show` the record, `hide` it (outside --from/--to, still tracked), or `stop`: N packets read, nothing more is. */
  take(rec: LineRecord): 'show' | 'hide' | 'stop';
  /** True when --from/--to hide packets: a connection is shown only if one of its packets was. */
  readonly timed: boolean;
}

export function packetWindow(sel: Selection): PacketWindow | null {
  const { from, to, count } = sel;
  if (from === null && to === null && count === null) return null;
  let read = 0;
  return {
    timed: from !== null || to !== null,
    take(rec) {
      if (rec.kind !== 'tcp' && rec.kind !== 'other') return 'show';
      if (count !== null && read >= count) return 'stop';
      read++;
      if (rec.time !== null) {
        if (from !== null) {
          const t = recordSeconds(rec.time, from.timeOfDay);
          if (t !== null && t < from.seconds) return 'hide';
        }
        if (to !== null) {
          const t = recordSeconds(rec.time, to.timeOfDay);
          if (t !== null && t > to.seconds) return 'hide';
        }
      }
      return 'show';
    },
  };
}

const hostMatch = (hosts: readonly string[], e: Endpoint): boolean => {
  const h = e.host.toLowerCase();
  return hosts.some((x) => x.toLowerCase() === h);
};

/** What a --where expression is evaluated on: a connection's id and ends, and its verdict once it has one. */
export interface WhereFacts {
  /** The tracker's id (`c3`), or already `name#c3` (the annotator's, with several inputs). */
  id: string;
  file: string | null;
  inputs: readonly string[];
  client: Endpoint;
  server: Endpoint;
  /** null while the connection is open: tests on verdict fields are then unknown. */
  verdict: ConnectionVerdict | null;
}

/** Whether connection `id` of input `file` is the one --conn or `conn` names: `c3` (any input's) or `name#c3`. */
const connIs = (want: string, id: string, file: string | null, inputs: readonly string[]): boolean => {
  const own = id.slice(id.lastIndexOf('#') + 1);
  return want === own || want === connLabel(file, own, true, inputs);
};

/** The same address: IPv6 in any spelling (`2001:db8::1` = `2001:DB8:0::1`), else the text tcpdump printed, any case. */
function sameHost(want: string, printed: string): boolean {
  if (want.toLowerCase() === printed.toLowerCase()) return true;
  if (!want.includes(':') || !printed.includes(':')) return false;
  const a = addressBytes(want);
  const b = addressBytes(printed);
  return a !== null && b !== null && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** An address inside a network: the first `bits` bits equal (an IPv4-mapped IPv6 address is not an IPv4 one). */
function inNetwork(prefix: { bits: number; addr: number[] }, printed: string): boolean {
  const b = addressBytes(printed);
  if (b === null || b.length !== prefix.addr.length) return false;
  for (let i = 0; i < prefix.bits; i++) {
    const bit = 7 - (i % 8);
    if (((b[i >> 3] >> bit) & 1) !== ((prefix.addr[i >> 3] >> bit) & 1)) return false;
  }
  return true;
}

const compare = (a: number, op: WhereTest['op'], b: number): boolean => {
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
};

const ns = (seconds: number): number => Math.round(seconds * 1e9);

/** The ends a sided test looks at. */
const sideEnds = (side: 'client' | 'server' | 'either', f: WhereFacts): Endpoint[] => (side === 'client' ? [f.client] : side === 'server' ? [f.server] : [f.client, f.server]);

/** The fields known from a connection's first segment; every other one needs its verdict. */
const ENDS_FIELDS: ReadonlySet<WhereTest['field']> = new Set(['host', 'port', 'conn']);

/** Whether an expression tests a field only the verdict has (then explain holds a connection's lines until it). */
export function whereNeedsVerdict(n: WhereNode): boolean {
  switch (n.kind) {
    case 'and':
    case 'or':
      return n.operands.some(whereNeedsVerdict);
    case 'not':
      return whereNeedsVerdict(n.operand);
    case 'test':
      return !ENDS_FIELDS.has(n.test.field);
  }
}

/**
 * WHERE EVALUATION
 * One test against one connection: true, false, or null (unknown: a verdict field while the connection is open).
 * `!=` is the negation of `=` (`port != 443`: neither end on 443, as `not port 443`); `<`, `>`... on an either-end
 * port hold when one end's does. A number the capture cannot give (duration or rtt without timestamps, no complete
 * handshake) makes every comparison on it false, and `not` of that true: `not rtt > 100` includes them.
 */
function testValue(t: WhereTest, f: WhereFacts): boolean | null {
  switch (t.field) {
    case 'host': {
      const hit = sideEnds(t.side, f).some((e) => (t.prefix ? inNetwork(t.prefix, e.host) : sameHost(t.host, e.host)));
      return t.op === '=' ? hit : !hit;
    }
    case 'port': {
      if (t.op === '!=') return !sideEnds(t.side, f).some((e) => e.port === t.value);
      return sideEnds(t.side, f).some((e) => e.port !== null && compare(e.port, t.op, t.value));
    }
    case 'conn': {
      const hit = connIs(t.id, f.id, f.file, f.inputs);
      return t.op === '=' ? hit : !hit;
    }
  }
  const v = f.verdict;
  if (v === null) return null;
  switch (t.field) {
    case 'verdict':
      return (v.verdict === t.value) === (t.op === '=');
    case 'state':
      return (v.connState === t.value) === (t.op === '=');
    case 'severity':
      return compare(severityRank(v.severity), t.op, severityRank(t.value));
    case 'finding':
      return compare(v.findingCounts[t.code] ?? 0, t.op, t.value);
    case 'bytes':
    case 'packets': {
      const x = t.field === 'bytes' ? v.bytes : v.packets;
      const n = t.side === 'client' ? x.c2s : t.side === 'server' ? x.s2c : x.c2s + x.s2c;
      return compare(n, t.op, t.value);
    }
    case 'retrans': {
      // The data retransmissions of both ends, every kind: summary's `retrans` column (report/summary.ts).
      const r = v.retransmissions;
      return compare(r.rto + r.fast + r.tlp + r.rtoOrTlp + r.other, t.op, t.value);
    }
    // Times compared in whole nanoseconds: `rtt >= 0.1ms` holds for a 100 µs handshake whatever the float rounding.
    case 'duration':
      return v.duration === null ? false : compare(ns(v.duration), t.op, ns(t.value));
    case 'rtt':
      return v.handshakeRtt === null ? false : compare(ns(v.handshakeRtt.seconds), t.op, ns(t.value));
  }
}

/** An expression against a connection, in Kleene's three-valued logic: null when it depends on the verdict still to come. */
export function evaluateWhere(n: WhereNode, f: WhereFacts): boolean | null {
  switch (n.kind) {
    case 'test':
      return testValue(n.test, f);
    case 'not': {
      const x = evaluateWhere(n.operand, f);
      return x === null ? null : !x;
    }
    case 'and':
    case 'or': {
      // Kleene logic: one false decides an `and`, one true an `or`; otherwise an unknown operand leaves it unknown.
      const decisive = n.kind === 'or';
      let unknown = false;
      for (const o of n.operands) {
        const x = evaluateWhere(o, f);
        if (x === decisive) return decisive;
        if (x === null) unknown = true;
      }
      return unknown ? null : !decisive;
    }
  }
}

/**
 * A connection's id and ends against --conn, --host and --port (all known from its first segment on), and --where as
 * far as they decide it. `file`: its input's name: `--conn c3` picks c3 of every input, `--conn a.txt#c3` only
 * a.txt's (conn-id.ts). `verdict`: the connection's, once it has one (then --where is decided); without it a --where
 * that depends on the verdict passes (the caller holds the lines until it comes).
 */
export function endsMatch(
  sel: Selection,
  id: string,
  file: string | null,
  client: Endpoint,
  server: Endpoint,
  inputs: readonly string[] = [],
  verdict: ConnectionVerdict | null = null,
): boolean {
  return endsDecide(sel, id, file, client, server, inputs, verdict) !== false;
}

/** endsMatch in three values: null when only the verdict can decide --where. */
export function endsDecide(
  sel: Selection,
  id: string,
  file: string | null,
  client: Endpoint,
  server: Endpoint,
  inputs: readonly string[] = [],
  verdict: ConnectionVerdict | null = null,
): boolean | null {
  // With several inputs the annotator already shows ids as `name#c3`: `c3` (each input's) and `name#c3` both pick it.
  if (sel.conns !== null && !sel.conns.some((c) => connIs(c, id, file, inputs))) return false;
  if (sel.hosts !== null && !hostMatch(sel.hosts, client) && !hostMatch(sel.hosts, server)) return false;
  if (sel.ports !== null && !sel.ports.some((p) => p === client.port || p === server.port)) return false;
  if (sel.where === null) return true;
  return evaluateWhere(sel.where, { id, file, inputs, client, server, verdict });
}

/** A verdict against --verdict and --severity (and, for summary, --only problems: anything above ok). */
export function verdictMatch(sel: Selection, v: ConnectionVerdict, summary: boolean): boolean {
  if (sel.verdicts !== null && !sel.verdicts.includes(v.verdict)) return false;
  if (sel.minSeverity !== null && severityRank(v.severity) < severityRank(sel.minSeverity)) return false;
  if (summary && sel.onlyProblems && v.severity === 'ok') return false;
  return true;
}

/** A segment shown by --only problems: one with a finding of severity note or above (info findings only explain). */
function hasProblem(item: ReportItem): boolean {
  if (item.kind !== 'record' || item.analysis === null) return false;
  for (const f of item.analysis.findings) if (FINDINGS[f.code].severity !== 'info') return true;
  return false;
}

export interface ItemFilter {
  /**
   * The items to print now, in order: lines of a connection whose verdict decides are held until it comes. `hidden`:
   * the record is outside --from/--to (tracked, not shown).
   */
  push(item: ReportItem, hidden?: boolean): ReportItem[];
}

/**
 * Where the selection sends the lines a connection's verdict must decide (ItemRouter): the router says which to
 * keep, and which connection's kept lines to print or forget; the keeper decides how (in memory, or on disk past a
 * budget: src/cli).
 */
export interface HeldLines {
  /** Keep `item` after the items already kept for `conn`. */
  hold(conn: string, item: ReportItem): void;
  /** Print everything kept for `conn`, in the order kept, and forget it. */
  release(conn: string): void;
  /** Forget everything kept for `conn`. */
  drop(conn: string): void;
}

export interface ItemRouter {
  /**
   * Calls `show` for each item to print now, in order; lines of a connection whose verdict decides go to `held`, and
   * when the verdict comes it releases them (before showing the verdict) or drops them. `hidden`: outside --from/--to.
   */
  push(item: ReportItem, hidden: boolean, show: (item: ReportItem) => void): void;
}

/**
 * The explain output under a selection, held lines in memory: createItemRouter with a Map of the held items.
 */
export function createItemFilter(sel: Selection, file: string | null, inputs: readonly string[] = []): ItemFilter {
  const held = new Map<string, ReportItem[]>();
  let out: ReportItem[] = [];
  const keeper: HeldLines = {
    hold(conn, item) {
      const list = held.get(conn);
      if (list) list.push(item);
      else held.set(conn, [item]);
    },
    release(conn) {
      const list = held.get(conn);
      held.delete(conn);
      if (list) for (const it of list) out.push(it);
    },
    drop(conn) {
      held.delete(conn);
    },
  };
  const router = createItemRouter(sel, file, inputs, keeper);
  const show = (it: ReportItem): void => {
    out.push(it);
  };
  return {
    push(item, hidden = false) {
      out = [];
      router.push(item, hidden, show);
      return out;
    },
  };
}

/**
 * The explain output under a selection. Lines of other connections, and lines of no connection (banners, other
 * protocols, quoted lines), go when a filter picks connections or --only problems is on; an unparsed line is always
 * shown (it might be a packet of the chosen connection). With --verdict or --severity a connection's lines are held
 * until its verdict is known, then printed together with it (or dropped): output order is by connection end. So are
 * they with a --where on verdict fields, unless the connection's ends decide it: `port 443 and verdict refused` drops
 * other ports' lines at once, `port 443 or verdict refused` prints port 443's at once and holds the others'.
 */
export function createItemRouter(sel: Selection, file: string | null, inputs: readonly string[], held: HeldLines): ItemRouter {
  const picks = picksConnections(sel);
  const waits = needsVerdict(sel);
  /** Only --where waits, and it may be decided by a connection's ends alone (`port 443 or verdict refused`). */
  const whereAlone = sel.verdicts === null && sel.minSeverity === null;
  /** Connections with lines held (the keeper is told only about these). */
  const holding = new Set<string>();
  const timed = sel.from !== null || sel.to !== null;
  /** With --from/--to: connections with a packet inside the window (their verdicts are shown). */
  const inWindow = new Set<string>();
  return {
    push(item, hidden, show) {
      if (item.kind === 'connection') {
        const v = item.verdict;
        const had = holding.delete(v.conn);
        const seen = inWindow.delete(v.conn);
        const chosen = (!timed || seen) && endsMatch(sel, v.conn, file, v.client, v.server, inputs, v) && verdictMatch(sel, v, false);
        if (had) {
          if (chosen) held.release(v.conn);
          else held.drop(v.conn);
        }
        if (chosen) show(item);
        return;
      }
      // Two connections found to be one seen at both ends (end of input): shown unless connections are picked.
      if (item.kind === 'twins') {
        if (!(picks || sel.onlyProblems || waits)) show(item);
        return;
      }
      const rec = item.rec;
      if (rec.kind === 'unparsed') return show(item);
      if (hidden) return;
      if (timed && item.analysis !== null) inWindow.add(item.analysis.conn);
      if (!picks && !sel.onlyProblems) return show(item);
      if (rec.kind !== 'tcp' || item.analysis === null) return;
      const a = item.analysis;
      const [client, server] = a.dir === 'c2s' ? [rec.src, rec.dst] : [rec.dst, rec.src];
      const decided = endsDecide(sel, a.conn, file, client, server, inputs);
      if (decided === false) return;
      if (sel.onlyProblems && !hasProblem(item)) return;
      // Decided by the ends alone: shown at once, as without a verdict filter (the verdict agrees when it comes).
      if (!waits || (decided === true && whereAlone)) return show(item);
      holding.add(a.conn);
      held.hold(a.conn, item);
    },
  };
}
