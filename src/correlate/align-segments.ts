// Pairs the segments of one connection as two captures saw it, direction by direction, and estimates the clock offset.

import { seq32, type FlowDir } from '../model';
import type { CaptureSegment } from './capture-view';
import type { ConnectionSegments } from './connection-segments';
import { estimateClock } from './clock-offset';
import type { ClockEstimate } from './pair-report';
import { ackOf, coreFlags, ipIdOf, isnOf, lenOf, reverse, seqOf, tsOf } from './segment-keys';

export type PairedBy = 'identity' | 'unique' | 'time' | 'order';

export interface SegmentPairing {
  c: CaptureSegment;
  s: CaptureSegment;
  by: PairedBy;
}

export interface DirAlignment {
  dir: FlowDir;
  /** Server-capture seq − client-capture seq (mod 2^32) of the bytes flowing this way; null when nothing told. */
  seqOffset: number | null;
  offsetSource: 'isn' | 'vote' | 'none';
  /** For `isn`: whether both ISNs were seen; for `vote`: how many segment pairs agreed on the offset. */
  offsetVotes: number;
  pairs: SegmentPairing[];
  onlyClient: CaptureSegment[];
  onlyServer: CaptureSegment[];
  /** Pairs whose TS val/ecr, or IP ID, were equal on both sides. */
  identity: { ts: number; ipId: number };
  /** Both sides carried TS options on like segments and no value ever agreed: not the same connection, or TS rewritten. */
  tsConflict: boolean;
}

export interface Alignment {
  flipped: boolean;
  dirs: Record<FlowDir, DirAlignment>;
  /** From this connection's own segments, else the hint passed in. */
  clock: ClockEstimate | null;
}

/** How many segments each side contributes to the offset vote: enough to outvote chance, bounded for long flows. */
const VOTE_WINDOW = 128;

function firstIsn(list: readonly CaptureSegment[]): number | null {
  for (const s of list) {
    const isn = isnOf(s);
    if (isn !== null) return isn;
  }
  return null;
}

/**
 * The seq offset of one direction. Both ISNs known: their difference (a middlebox that rewrites sequence
 * numbers shifts the whole space by a constant, as Cisco ASA "sequence number randomization" does).
 * Otherwise a vote over segment pairs of the same length and flags (and TS val when both have one),
 * plus the acks of the reverse direction, which carry the same offset.
 */
function seqOffset(
  cSeg: readonly CaptureSegment[],
  sSeg: readonly CaptureSegment[],
  cRev: readonly CaptureSegment[],
  sRev: readonly CaptureSegment[],
): { offset: number | null; source: DirAlignment['offsetSource']; votes: number } {
  const ci = firstIsn(cSeg);
  const si = firstIsn(sSeg);
  if (ci !== null && si !== null) return { offset: seq32(si - ci), source: 'isn', votes: 2 };
  const votes = new Map<number, number>();
  const vote = (a: CaptureSegment, b: CaptureSegment, av: number | null, bv: number | null): void => {
    if (av === null || bv === null) return;
    if (coreFlags(a) !== coreFlags(b) || lenOf(a) !== lenOf(b)) return;
    const ta = tsOf(a);
    const tb = tsOf(b);
    if (ta && tb && (ta.val !== tb.val || ta.ecr !== tb.ecr)) return;
    const d = seq32(bv - av);
    votes.set(d, (votes.get(d) ?? 0) + 1);
  };
  const cs = cSeg.slice(0, VOTE_WINDOW);
  const ss = sSeg.slice(0, VOTE_WINDOW);
  for (const a of cs) for (const b of ss) vote(a, b, seqOf(a), seqOf(b));
  const cr = cRev.slice(0, VOTE_WINDOW);
  const sr = sRev.slice(0, VOTE_WINDOW);
  for (const a of cr) for (const b of sr) vote(a, b, ackOf(a), ackOf(b));
  let best: number | null = null;
  let bestVotes = 0;
  for (const [d, n] of votes) {
    if (n > bestVotes || (n === bestVotes && d === 0)) {
      best = d;
      bestVotes = n;
    }
  }
  return best === null ? { offset: null, source: 'none', votes: 0 } : { offset: best, source: 'vote', votes: bestVotes };
}

type Same = 'same' | 'different' | 'unknown';

interface Group {
  c: CaptureSegment[];
  s: CaptureSegment[];
}

/**
 * Aligns one connection seen by both captures. `flipped`: the server capture's c2s is the client capture's s2c.
 * Segments are grouped by (flags, seq, length, ack) in the client capture's numbering; inside a group
 * (a segment and its retransmissions, or repeated keep-alives) equal TS val/ecr or IP ID pair first, then a
 * lone pair, then the time order: a receiver copy belongs to the latest transmission sent before it arrived.
 */
export function alignConnections(
  client: ConnectionSegments,
  server: ConnectionSegments,
  flipped: boolean,
  hint: ClockEstimate | null,
): Alignment {
  const sDir = (d: FlowDir): FlowDir => (flipped ? reverse(d) : d);
  const dirs: FlowDir[] = ['c2s', 's2c'];
  const offsets = {} as Record<FlowDir, ReturnType<typeof seqOffset>>;
  for (const d of dirs) {
    offsets[d] = seqOffset(client.byDir[d], server.byDir[sDir(d)], client.byDir[reverse(d)], server.byDir[sDir(reverse(d))]);
  }
  const off = (d: FlowDir): number => offsets[d].offset ?? 0;

  const groups = {} as Record<FlowDir, Map<string, Group>>;
  for (const d of dirs) {
    const map = new Map<string, Group>();
    const keyOf = (x: CaptureSegment, server: boolean): string => {
      const seq = seqOf(x);
      const ack = ackOf(x);
      const sq = seq === null ? 'n' : String(server ? seq32(seq - off(d)) : seq);
      const ak = ack === null ? 'n' : String(server ? seq32(ack - off(reverse(d))) : ack);
      return `${coreFlags(x)}|${sq}|${lenOf(x)}|${ak}`;
    };
    for (const x of client.byDir[d]) {
      const k = keyOf(x, false);
      let g = map.get(k);
      if (!g) map.set(k, (g = { c: [], s: [] }));
      g.c.push(x);
    }
    for (const x of server.byDir[sDir(d)]) {
      const k = keyOf(x, true);
      let g = map.get(k);
      if (!g) map.set(k, (g = { c: [], s: [] }));
      g.s.push(x);
    }
    groups[d] = map;
  }

  // TS or IP ID can themselves be rewritten on the path; trust a kind of identity only when it agrees somewhere.
  const trust = {} as Record<FlowDir, { ts: boolean; ipId: boolean }>;
  const tsConflict: Record<FlowDir, boolean> = { c2s: false, s2c: false };
  for (const d of dirs) {
    let tsBoth = 0;
    let tsEq = 0;
    let idBoth = 0;
    let idEq = 0;
    for (const g of groups[d].values()) {
      for (const a of g.c) {
        for (const b of g.s) {
          const ta = tsOf(a);
          const tb = tsOf(b);
          if (ta && tb) {
            tsBoth++;
            if (ta.val === tb.val && ta.ecr === tb.ecr) tsEq++;
          }
          const ia = ipIdOf(a);
          const ib = ipIdOf(b);
          if (ia !== null && ib !== null) {
            idBoth++;
            if (ia === ib) idEq++;
          }
        }
      }
    }
    trust[d] = { ts: tsBoth > 0 && tsEq > 0, ipId: idBoth > 0 && idEq > 0 };
    tsConflict[d] = tsBoth > 0 && tsEq === 0;
  }
  const same = (d: FlowDir, a: CaptureSegment, b: CaptureSegment): Same => {
    if (trust[d].ts) {
      const ta = tsOf(a);
      const tb = tsOf(b);
      if (ta && tb) return ta.val === tb.val && ta.ecr === tb.ecr ? 'same' : 'different';
    }
    if (trust[d].ipId) {
      const ia = ipIdOf(a);
      const ib = ipIdOf(b);
      if (ia !== null && ib !== null) return ia === ib ? 'same' : 'different';
    }
    return 'unknown';
  };

  const pairs: Record<FlowDir, SegmentPairing[]> = { c2s: [], s2c: [] };
  const used = new Set<CaptureSegment>();
  const identity: Record<FlowDir, { ts: number; ipId: number }> = { c2s: { ts: 0, ipId: 0 }, s2c: { ts: 0, ipId: 0 } };
  const add = (d: FlowDir, c: CaptureSegment, s: CaptureSegment, by: PairedBy): void => {
    used.add(c);
    used.add(s);
    pairs[d].push({ c, s, by });
    const tc = tsOf(c);
    const ts = tsOf(s);
    if (tc && ts && tc.val === ts.val && tc.ecr === ts.ecr) identity[d].ts++;
    const ic = ipIdOf(c);
    if (ic !== null && ic === ipIdOf(s)) identity[d].ipId++;
  };

  for (const d of dirs) {
    for (const g of groups[d].values()) {
      if (g.c.length === 0 || g.s.length === 0) continue;
      for (const c of g.c) {
        const s = g.s.find((x) => !used.has(x) && same(d, c, x) === 'same');
        if (s) add(d, c, s, 'identity');
      }
      const fc = g.c.filter((x) => !used.has(x));
      const fs = g.s.filter((x) => !used.has(x));
      if (fc.length === 1 && fs.length === 1 && same(d, fc[0], fs[0]) !== 'different') add(d, fc[0], fs[0], 'unique');
    }
  }

  const own = clockFrom(pairs);
  const clock = own ?? hint;
  for (const d of dirs) {
    for (const g of groups[d].values()) {
      const fc = g.c.filter((x) => !used.has(x));
      const fs = g.s.filter((x) => !used.has(x));
      if (fc.length === 0 || fs.length === 0) continue;
      const timed = clock !== null && fc.every((x) => x.t !== null) && fs.every((x) => x.t !== null);
      if (timed) {
        // Receiver copy → the latest unpaired transmission sent before it arrived (within the offset's error).
        const tol = Math.max(0, clock.rtt / 2) + 0.001;
        const sender = d === 'c2s' ? fc : fs;
        const receiver = d === 'c2s' ? fs : fc;
        const onClientClock = (x: CaptureSegment, isServer: boolean): number => (isServer ? (x.t as number) - clock.offset : (x.t as number));
        const senderIsServer = d === 's2c';
        for (const r of receiver) {
          const tr = onClientClock(r, !senderIsServer);
          let pick: CaptureSegment | null = null;
          for (const s of sender) {
            if (used.has(s)) continue;
            const cSide = senderIsServer ? r : s;
            const sSide = senderIsServer ? s : r;
            if (same(d, cSide, sSide) === 'different') continue;
            if (onClientClock(s, senderIsServer) <= tr + tol) pick = s;
          }
          if (pick) add(d, senderIsServer ? r : pick, senderIsServer ? pick : r, 'time');
        }
      } else {
        let j = 0;
        for (const c of fc) {
          while (j < fs.length && same(d, c, fs[j]) === 'different') j++;
          if (j >= fs.length) break;
          add(d, c, fs[j++], 'order');
        }
      }
    }
  }

  const result = {} as Record<FlowDir, DirAlignment>;
  for (const d of dirs) {
    const byLine = (a: SegmentPairing, b: SegmentPairing): number => a.c.rec.line - b.c.rec.line;
    result[d] = {
      dir: d,
      seqOffset: offsets[d].offset,
      offsetSource: offsets[d].source,
      offsetVotes: offsets[d].votes,
      pairs: pairs[d].sort(byLine),
      onlyClient: client.byDir[d].filter((x) => !used.has(x)),
      onlyServer: server.byDir[sDir(d)].filter((x) => !used.has(x)),
      identity: identity[d],
      tsConflict: tsConflict[d],
    };
  }
  return { flipped, dirs: result, clock: clockFrom(pairs) ?? hint };
}

/** Minimum-delay clock estimate from segment pairs (see clock-offset). */
function clockFrom(pairs: Record<FlowDir, SegmentPairing[]>): ClockEstimate | null {
  const c2s: number[] = [];
  const s2c: number[] = [];
  for (const p of pairs.c2s) if (p.c.t !== null && p.s.t !== null) c2s.push(p.s.t - p.c.t);
  for (const p of pairs.s2c) if (p.c.t !== null && p.s.t !== null) s2c.push(p.c.t - p.s.t);
  return estimateClock(c2s, s2c, 'pair');
}

/** Delay samples of an alignment, for a capture-wide clock estimate. */
export function delaySamples(al: Alignment): { c2s: number[]; s2c: number[] } {
  const c2s: number[] = [];
  const s2c: number[] = [];
  for (const p of al.dirs.c2s.pairs) if (p.c.t !== null && p.s.t !== null) c2s.push(p.s.t - p.c.t);
  for (const p of al.dirs.s2c.pairs) if (p.c.t !== null && p.s.t !== null) s2c.push(p.c.t - p.s.t);
  return { c2s, s2c };
}
