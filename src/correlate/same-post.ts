// Two views of one connection in one input: a post pasting the client's lines and the server's lines (through NAT).

import type { Endpoint } from '../model/endpoint';
import type { TcpRecord } from '../model/line-result';
import type { SegmentAnalysis } from '../model/segment';
import { findOption } from '../model/tcp-options';
import type { ConnectionVerdict, FlowDir } from '../model';
import { parseTimestamp } from '../track';

/**
 * Connections followed: a post pastes a few. An input with more is a capture of one point, not two views pasted
 * together, and is not searched (the pairwise comparison stays small).
 */
export const TWIN_CONNECTIONS = 64;
/** Segments per connection whose identity is kept, and packet lines per connection listed for the split. */
export const TWIN_SEGMENTS = 32;
export const TWIN_LINES = 400;

/** One view of the connection: the 4-tuple as that capture printed it, and its packet lines. */
export interface TwinView {
  conn: string;
  client: Endpoint;
  server: Endpoint;
  firstLine: number;
  lastLine: number;
}

/** Two connections of one input that are one connection captured at two points. */
export interface SamePostTwin {
  /** The view taken at (or nearer) the client, and the other; `sidesKnown` false when no capture point told. */
  clientView: TwinView;
  serverView: TwinView;
  sidesKnown: boolean;
  /** The ISNs both views saw (client's, server's), when equal. */
  isns: number[];
  /** Segments with the same direction, flags, length and TS val/ecr in both views. */
  sameTs: number;
  /** Seconds from the client view's time of the first shared client→server segment to the server view's (null: no times). */
  gap: number | null;
  /**
   * MSS options that differ between the views (MSS CLAMPED ON THE PATH): the SYN's as it left the client and reached
   * the server, the SYN-ACK's as it left the server and reached the client; null when equal or unknown, and only when
   * the sides are known.
   */
  mss: { syn: { sent: number; received: number } | null; synAck: { sent: number; received: number } | null };
}

/** Every twin pair of the input, and the packet lines of each side for `tcplain pair`. */
export interface SamePostReport {
  twins: SamePostTwin[];
  clientLines: number[];
  serverLines: number[];
  /** More packet lines than TWIN_LINES on a side: the line lists are cut. */
  cut: boolean;
}

interface Seg {
  dir: FlowDir;
  flags: string;
  len: number;
  tsVal: number;
  tsEcr: number;
  time: number;
}

interface Kept {
  conn: string;
  isn: { c2s: number; s2c: number };
  /** The MSS option of the first SYN each way (-1: none seen). */
  mss: { c2s: number; s2c: number };
  segs: Seg[];
  lines: number[];
  cut: boolean;
}

/**
 * SAME CONNECTION, TWO VIEWS
 * A post may paste a capture taken at the client and one taken at the server one after the other. Through NAT their
 * 4-tuples differ, so the tracker keeps two connections. Nothing on the path rewrites what each end's TCP chose: the
 * ISNs (RFC 9293 §3.4.1, random 32-bit) and the TS values (RFC 7323 §3, random per-connection offsets on Linux ≥ 4.10)
 * with the segment's flags and length. Two connections of the input with other 4-tuples are one connection seen at two
 * points when they share an ISN in the same direction, or at least two segments (same direction, flags, length, TS val
 * and ecr), and print another host for at least one end. Each connection is in one pair at most. Which view is the client's comes from the verdicts' capture points (the handshake timing, -v TTLs); views
 * printing the same hosts as one that told share its side.
 */
export class TwinFinder {
  private readonly kept = new Map<string, Kept>();
  private overflow = false;

  push(rec: TcpRecord, a: SegmentAnalysis): void {
    if (this.overflow) return;
    let k = this.kept.get(a.conn);
    if (k === undefined) {
      if (this.kept.size >= TWIN_CONNECTIONS) {
        this.overflow = true;
        this.kept.clear();
        return;
      }
      k = { conn: a.conn, isn: { c2s: -1, s2c: -1 }, mss: { c2s: -1, s2c: -1 }, segs: [], lines: [], cut: false };
      this.kept.set(a.conn, k);
    }
    // A -v record spans two lines (and a dump more): all of them go with it.
    for (let l = rec.line; l <= rec.endLine; l++) {
      if (k.lines.length < TWIN_LINES) k.lines.push(l);
      else k.cut = true;
    }
    if (a.isnSender !== null && rec.flags.includes('S')) k.isn[a.dir] = a.isnSender;
    if (rec.flags.includes('S') && k.mss[a.dir] < 0) k.mss[a.dir] = findOption(rec.options, 'mss')?.value ?? -1;
    const ts = findOption(rec.options, 'ts');
    if (ts !== undefined && k.segs.length < TWIN_SEGMENTS) {
      const t = rec.time === null ? null : parseTimestamp(rec.time);
      k.segs.push({ dir: a.dir, flags: rec.flags, len: rec.len ?? 0, tsVal: ts.val, tsEcr: ts.ecr, time: t === null ? NaN : t.seconds });
    }
  }

  /** The twins among the connections whose verdicts are given (every verdict of the input). */
  finish(verdicts: readonly ConnectionVerdict[]): SamePostReport | null {
    if (this.overflow) return null;
    const byConn = new Map(verdicts.map((v) => [v.conn, v]));
    const list = [...this.kept.values()].filter((k) => byConn.has(k.conn));
    const found: Array<{ a: Kept; b: Kept; isns: number[]; sameTs: number; gapAB: number | null }> = [];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i];
        const b = list[j];
        const va = byConn.get(a.conn) as ConnectionVerdict;
        const vb = byConn.get(b.conn) as ConnectionVerdict;
        // Two views through NAT print another address for at least one end; connections between the same two hosts
        // (concurrent ones, a port reused) are different connections even when a SYN is repeated.
        if (va.client.host === vb.client.host && va.server.host === vb.server.host) continue;
        if (va.client.host === vb.server.host && va.server.host === vb.client.host) continue;
        const isns: number[] = [];
        for (const d of ['c2s', 's2c'] as const) if (a.isn[d] >= 0 && a.isn[d] === b.isn[d]) isns.push(a.isn[d]);
        let sameTs = 0;
        let gapAB: number | null = null;
        for (const s of a.segs) {
          const t = b.segs.find((x) => x.dir === s.dir && x.tsVal === s.tsVal && x.tsEcr === s.tsEcr && x.len === s.len && x.flags === s.flags);
          if (t === undefined) continue;
          sameTs++;
          if (gapAB === null && s.dir === 'c2s' && !Number.isNaN(s.time) && !Number.isNaN(t.time)) gapAB = t.time - s.time;
        }
        if (isns.length > 0 || sameTs >= 2) found.push({ a, b, isns, sameTs, gapAB });
      }
    }
    // Each connection in one pair at most: the strongest evidence first (ISNs, then shared segments), in input order.
    found.sort((x, y) => y.isns.length - x.isns.length || y.sameTs - x.sameTs);
    const taken = new Set<string>();
    const unique = found.filter((f) => {
      if (taken.has(f.a.conn) || taken.has(f.b.conn)) return false;
      taken.add(f.a.conn);
      taken.add(f.b.conn);
      return true;
    });
    found.length = 0;
    found.push(...unique);
    if (found.length === 0) return null;
    // Sides: views printing the same hosts share a side; a capture point on any of them names it.
    const hostsOf = (v: ConnectionVerdict): string => `${v.client.host}>${v.server.host}`;
    const sideOfHosts = new Map<string, 'client' | 'server'>();
    for (const f of found) {
      for (const k of [f.a, f.b]) {
        const v = byConn.get(k.conn) as ConnectionVerdict;
        if (v.capturePoint === 'client' || v.capturePoint === 'server') sideOfHosts.set(hostsOf(v), v.capturePoint);
      }
    }
    const twins: SamePostTwin[] = [];
    const clientLines = new Set<number>();
    const serverLines = new Set<number>();
    let cut = false;
    for (const f of found) {
      const va = byConn.get(f.a.conn) as ConnectionVerdict;
      const vb = byConn.get(f.b.conn) as ConnectionVerdict;
      const sa = sideOfHosts.get(hostsOf(va));
      const sb = sideOfHosts.get(hostsOf(vb));
      // a is the client's view unless a capture point says b is (or a is the server's).
      const swap = sa === 'server' || sb === 'client';
      const sidesKnown = sa !== undefined || sb !== undefined;
      const [c, s] = swap ? [f.b, f.a] : [f.a, f.b];
      const [vc, vs] = swap ? [vb, va] : [va, vb];
      twins.push({
        clientView: viewOf(vc),
        serverView: viewOf(vs),
        sidesKnown,
        isns: f.isns,
        sameTs: f.sameTs,
        gap: f.gapAB === null ? null : Math.round((swap ? -f.gapAB : f.gapAB) * 1e6) / 1e6,
        mss: {
          syn: sidesKnown ? rewrite(c.mss.c2s, s.mss.c2s) : null,
          synAck: sidesKnown ? rewrite(s.mss.s2c, c.mss.s2c) : null,
        },
      });
      for (const l of c.lines) clientLines.add(l);
      for (const l of s.lines) serverLines.add(l);
      cut ||= c.cut || s.cut;
    }
    twins.sort((x, y) => x.clientView.firstLine - y.clientView.firstLine);
    return {
      twins,
      clientLines: [...clientLines].sort((x, y) => x - y),
      serverLines: [...serverLines].sort((x, y) => x - y),
      cut,
    };
  }
}

/**
 * MSS CLAMPED ON THE PATH
 * A middlebox may rewrite the MSS option of SYNs (MSS clamping, e.g. iptables TCPMSS --clamp-mss-to-pmtu):
 * a SYN that left one end with another MSS than the other end's capture shows was clamped on the way.
 */
function rewrite(sent: number, received: number): { sent: number; received: number } | null {
  return sent >= 0 && received >= 0 && sent !== received ? { sent, received } : null;
}

function viewOf(v: ConnectionVerdict): TwinView {
  return { conn: v.conn, client: v.client, server: v.server, firstLine: v.firstLine, lastLine: v.lastLine };
}

/** `sed -n` line selection: runs of consecutive lines as `A,Bp`, single lines as `Np`. */
export function sedLines(lines: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(j === i ? `${lines[i]}p` : `${lines[i]},${lines[j]}p`);
    i = j + 1;
  }
  return out.join(';');
}
