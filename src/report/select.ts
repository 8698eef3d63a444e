// What a run shows of its input: a packet window (--from/--to, -c) applied before the tracker, connection filters
// (--conn, --host, --port, --verdict, --severity) and line filters (--only problems) applied to its output.

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
}

export const SELECT_ALL: Selection = { conns: null, hosts: null, ports: null, verdicts: null, minSeverity: null, onlyProblems: false, from: null, to: null, count: null };

/** Filters that pick connections (a line of a connection is shown when its connection is). */
export const picksConnections = (s: Selection): boolean =>
  s.conns !== null || s.hosts !== null || s.ports !== null || s.verdicts !== null || s.minSeverity !== null;

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

/**
 * A connection's id and ends against --conn, --host and --port (all known from its first segment on). `file`: its
 * input's name: `--conn c3` picks c3 of every input, `--conn a.txt#c3` only a.txt's (conn-id.ts).
 */
export function endsMatch(sel: Selection, id: string, file: string | null, client: Endpoint, server: Endpoint, inputs: readonly string[] = []): boolean {
  // With several inputs the annotator already shows ids as `name#c3`: `c3` (each input's) and `name#c3` both pick it.
  const own = id.slice(id.lastIndexOf('#') + 1);
  if (sel.conns !== null && !sel.conns.some((c) => c === own || c === connLabel(file, own, true, inputs))) return false;
  if (sel.hosts !== null && !hostMatch(sel.hosts, client) && !hostMatch(sel.hosts, server)) return false;
  if (sel.ports !== null && !sel.ports.some((p) => p === client.port || p === server.port)) return false;
  return true;
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
 * The explain output under a selection. Lines of other connections, and lines of no connection (banners, other
 * protocols, quoted lines), go when a filter picks connections or --only problems is on; an unparsed line is always
 * shown (it might be a packet of the chosen connection). With --verdict or --severity a connection's lines are held
 * until its verdict is known, then printed together with it (or dropped): output order is by connection end.
 */
export function createItemFilter(sel: Selection, file: string | null, inputs: readonly string[] = []): ItemFilter {
  const picks = picksConnections(sel);
  const waits = sel.verdicts !== null || sel.minSeverity !== null;
  const held = new Map<string, ReportItem[]>();
  const timed = sel.from !== null || sel.to !== null;
  /** With --from/--to: connections with a packet inside the window (their verdicts are shown). */
  const inWindow = new Set<string>();
  return {
    push(item, hidden = false) {
      if (item.kind === 'connection') {
        const v = item.verdict;
        const lines = held.get(v.conn) ?? [];
        held.delete(v.conn);
        const seen = inWindow.delete(v.conn);
        if (timed && !seen) return [];
        if (!endsMatch(sel, v.conn, file, v.client, v.server, inputs) || !verdictMatch(sel, v, false)) return [];
        lines.push(item);
        return lines;
      }
      // Two connections found to be one seen at both ends (end of input): shown unless connections are picked.
      if (item.kind === 'twins') return picks || sel.onlyProblems || waits ? [] : [item];
      const rec = item.rec;
      if (rec.kind === 'unparsed') return [item];
      if (hidden) return [];
      if (timed && item.analysis !== null) inWindow.add(item.analysis.conn);
      if (!picks && !sel.onlyProblems) return [item];
      if (rec.kind !== 'tcp' || item.analysis === null) return [];
      if (!endsMatch(sel, item.analysis.conn, file, rec.src, rec.dst, inputs)) return [];
      if (sel.onlyProblems && !hasProblem(item)) return [];
      if (!waits) return [item];
      const list = held.get(item.analysis.conn);
      if (list) list.push(item);
      else held.set(item.analysis.conn, [item]);
      return [];
    },
  };
}
