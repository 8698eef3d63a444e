// Pairs the segments of one connection as two captures saw it, direction by direction, and estimates the clock offset.

import { seq32, type FlowDir } from '../model';
import type { CaptureSegment } from './capture-view';
import type { ConnectionSegments } from './connection-segments';
import { isQuiet } from './limits';
import { estimateClock } from './clock-offset';
import type { ClockEstimate } from './pair-report';
import { ackOf, coreFlags, flagBits, ipIdOf, isnOf, lenOf, reverse, seqOf, tsOf } from './segment-keys';

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
 * (a segment and its retransmissions, or repeated keep-alives) the sure pairs come first (SURE PAIRS), the clock
 * is estimated from them, and the rest of each group gets the assignment that fits best (BEST ASSIGNMENT): TS,
 * IP ID and flags as hard constraints, then the delay closest to the path delay (DELAY FIT), or without a clock
 * the captures' own order (CAUSALITY, FIFO).
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

  // QUIET (-q on either side): no flags, seq or ack to group by, only the payload length.
  const quiet = isQuiet(client) || isQuiet(server);
  const groups = {} as Record<FlowDir, Map<string, Group>>;
  for (const d of dirs) {
    const map = new Map<string, Group>();
    const keyOf = (x: CaptureSegment, server: boolean): string => {
      if (quiet) return `q|${lenOf(x)}`;
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
  const trust = {} as Record<FlowDir, { ts: boolean; ipId: boolean; flags: boolean }>;
  const tsConflict: Record<FlowDir, boolean> = { c2s: false, s2c: false };
  for (const d of dirs) {
    let tsBoth = 0;
    let tsEq = 0;
    let idBoth = 0;
    let idEq = 0;
    let flagsEq = 0;
    let flagsNe = 0;
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
      // PSH (and ECN bits) may be changed on the path: the printed flags count only when every lone pair kept them.
      if (g.c.length === 1 && g.s.length === 1 && flagBits(g.c[0]) >= 0 && flagBits(g.s[0]) >= 0) {
        if (flagBits(g.c[0]) === flagBits(g.s[0])) flagsEq++;
        else flagsNe++;
      }
    }
    trust[d] = { ts: tsBoth > 0 && tsEq > 0, ipId: idBoth > 0 && idEq > 0, flags: flagsEq > 0 && flagsNe === 0 };
    tsConflict[d] = tsBoth > 0 && tsEq === 0;
  }
  /** Same transmission by TS val/ecr and IP ID where trusted and printed: any disagreement says different. */
  const same = (d: FlowDir, a: CaptureSegment, b: CaptureSegment): Same => {
    let equal = false;
    if (trust[d].ts) {
      const ta = tsOf(a);
      const tb = tsOf(b);
      if (ta && tb) {
        if (ta.val !== tb.val || ta.ecr !== tb.ecr) return 'different';
        equal = true;
      }
    }
    if (trust[d].ipId) {
      const ia = ipIdOf(a);
      const ib = ipIdOf(b);
      if (ia !== null && ib !== null) {
        if (ia !== ib) return 'different';
        equal = true;
      }
    }
    return equal ? 'same' : 'unknown';
  };
  /** Hard constraints: identity (TS, IP ID) and, where the path keeps them, the printed flags (PSH included). */
  const compatible = (d: FlowDir, c: CaptureSegment, s: CaptureSegment): boolean =>
    same(d, c, s) !== 'different' && (!trust[d].flags || flagBits(c) === flagBits(s));

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

  // SURE PAIRS: inside a group, a copy with exactly one compatible copy on the other side that has no other
  // compatible copy either (a lone pair, or the one whose TS/IP ID/flags agree) is the same transmission.
  // Nothing else is decided before the clock is known: two compatible candidates are told apart by timing.
  for (const d of dirs) {
    for (const g of groups[d].values()) {
      // Bounded: a group of hundreds of copies (dup ACKs of a long stall) goes straight to the assignment.
      if (g.c.length === 0 || g.s.length === 0 || g.c.length * g.s.length > SURE_LIMIT) continue;
      let changed = true;
      while (changed) {
        changed = false;
        for (const c of g.c) {
          if (used.has(c)) continue;
          const cand = g.s.filter((x) => !used.has(x) && compatible(d, c, x));
          if (cand.length !== 1) continue;
          const s = cand[0];
          if (g.c.filter((x) => !used.has(x) && compatible(d, x, s)).length !== 1) continue;
          add(d, c, s, same(d, c, s) === 'same' ? 'identity' : 'unique');
          changed = true;
        }
      }
    }
  }

  // (estimateClock gives no clock for a negative round trip: scales that cannot be compared, or wrong pairs.)
  const known = clockFrom(pairs) ?? hint;
  const clock = known ?? oneWayClock(pairs);
  const anchors = anchorsOf(pairs);
  for (const d of dirs) {
    for (const g of groups[d].values()) {
      const fc = g.c.filter((x) => !used.has(x));
      const fs = g.s.filter((x) => !used.has(x));
      if (fc.length === 0 || fs.length === 0) continue;
      const senderIsServer = d === 's2c';
      const sender = senderIsServer ? fs : fc;
      const receiver = senderIsServer ? fc : fs;
      const timed = clock !== null && fc.every((x) => x.t !== null) && fs.every((x) => x.t !== null);
      const cost = (snd: CaptureSegment, rcv: CaptureSegment): number | null => {
        const cSide = senderIsServer ? rcv : snd;
        const sSide = senderIsServer ? snd : rcv;
        if (!compatible(d, cSide, sSide)) return null;
        const order = anchors.violations(d, cSide, sSide);
        if (timed && clock) {
          const tSnd = senderIsServer ? (snd.t as number) - clock.offset : (snd.t as number);
          const tRcv = senderIsServer ? (rcv.t as number) : (rcv.t as number) - clock.offset;
          const k = delayCost(tRcv - tSnd, clock);
          return k === null ? null : k + CAUSALITY_COST * order.causal;
        }
        return CAUSALITY_COST * order.causal + order.fifo;
      };
      for (const [snd, rcv] of assignGroup(sender, receiver, cost, !timed)) {
        const c = senderIsServer ? rcv : snd;
        const s = senderIsServer ? snd : rcv;
        add(d, c, s, timed ? 'time' : 'order');
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
  return { flipped, dirs: result, clock: clockFrom(pairs) ?? known };
}

/** Above this many candidate pairs in one group, no sure pair is looked for there (the search is quadratic per pass). */
const SURE_LIMIT = 4096;

/** Cost, in seconds, of a causality violation (a copy received before it was sent, by the captures' own order). */
const CAUSALITY_COST = 10;

/**
 * DELAY FIT: how far a candidate's one-way delay (receive − send, offset-corrected) is from the path delay the
 * clock estimate gives. Queueing only adds delay (RFC 5905 §8), so a delay below the estimate can only be the
 * estimate's error (± rtt/2) and costs ten times more; one more negative than that error is impossible.
 */
function delayCost(delay: number, clock: ClockEstimate): number | null {
  const expected = Math.max(0, clock.rtt / 2);
  const tol = expected + 0.0001;
  if (delay < -tol) return null;
  return delay >= expected ? delay - expected : 10 * (expected - delay);
}

/**
 * The sure pairs as ordering evidence without clocks. CAUSALITY: a copy cannot be received before the receiver's
 * own capture order allows: if the receiver sent something (later in its capture than this copy's arrival) that
 * the sender received before sending this copy, the copy would have arrived before it left. FIFO: a path does
 * not usually reorder one direction, so a copy received after a sure pair's receipt was likely sent after it.
 */
function anchorsOf(pairs: Record<FlowDir, SegmentPairing[]>): {
  violations: (d: FlowDir, c: CaptureSegment, s: CaptureSegment) => { causal: number; fifo: number };
} {
  // Per direction, (sender line, receiver line) sorted by sender line, with prefix max and suffix min of the receiver line.
  type Line = { snd: number[]; preMax: number[]; sufMin: number[] };
  const build = (d: FlowDir): Line => {
    const pts = pairs[d]
      .map((p) => (d === 'c2s' ? [p.c.rec.line, p.s.rec.line] : [p.s.rec.line, p.c.rec.line]))
      .sort((a, b) => a[0] - b[0]);
    const snd = pts.map((p) => p[0]);
    const preMax: number[] = [];
    const sufMin: number[] = new Array(pts.length);
    pts.forEach((p, i) => preMax.push(Math.max(p[1], i > 0 ? preMax[i - 1] : -Infinity)));
    for (let i = pts.length - 1; i >= 0; i--) sufMin[i] = Math.min(pts[i][1], i + 1 < pts.length ? sufMin[i + 1] : Infinity);
    return { snd, preMax, sufMin };
  };
  const lines: Record<FlowDir, Line> = { c2s: build('c2s'), s2c: build('s2c') };
  /** Index of the first sender line ≥ x. */
  const lower = (a: number[], x: number): number => {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (a[m] < x) lo = m + 1;
      else hi = m;
    }
    return lo;
  };
  return {
    violations(d, c, s) {
      const sndLine = d === 'c2s' ? c.rec.line : s.rec.line;
      const rcvLine = d === 'c2s' ? s.rec.line : c.rec.line;
      // Reverse direction: sent by our receiver, received by our sender; its "sender" lines are in our receiver's capture.
      const rev = lines[reverse(d)];
      // A reverse pair received (in our sender's capture) before sndLine and sent (in our receiver's capture) after rcvLine.
      // For the reverse pairs, snd = our receiver's line, preMax/sufMin = our sender's line: look at those sent after rcvLine.
      const k = lower(rev.snd, rcvLine + 1);
      const causal = k < rev.snd.length && rev.sufMin[k] < sndLine ? 1 : 0;
      const same = lines[d];
      const i = lower(same.snd, sndLine);
      const before = i > 0 && same.preMax[i - 1] > rcvLine ? 1 : 0;
      const j = lower(same.snd, sndLine + 1);
      const after = j < same.snd.length && same.sufMin[j] < rcvLine ? 1 : 0;
      return { causal, fifo: before + after };
    },
  };
}

/** Above this many candidate pairs in one group, copies are assigned greedily in time order instead. */
const ASSIGN_LIMIT = 250_000;

/**
 * BEST ASSIGNMENT of the copies of one group (a segment and its retransmissions, or repeated keep-alives): an
 * order-preserving matching of sender copies to receiver copies with the most pairs, then the least total cost
 * (dynamic programming, like a sequence alignment). `cost` null forbids a pair. Without a clock, ties go to the
 * later transmission: a segment sent twice and received once was most likely lost the first time (that loss is
 * why it was sent again).
 */
function assignGroup(
  sender: readonly CaptureSegment[],
  receiver: readonly CaptureSegment[],
  cost: (snd: CaptureSegment, rcv: CaptureSegment) => number | null,
  preferLater: boolean,
): Array<[CaptureSegment, CaptureSegment]> {
  const n = sender.length;
  const m = receiver.length;
  if (n * m > ASSIGN_LIMIT) {
    const out: Array<[CaptureSegment, CaptureSegment]> = [];
    let j = 0;
    for (const r of receiver) {
      while (j < n && cost(sender[j], r) === null) j++;
      if (j >= n) break;
      out.push([sender[j++], r]);
    }
    return out;
  }
  const tie = (i: number): number => (preferLater ? (n - 1 - i) * 1e-9 : 0);
  // best[i][j]: most pairs, then least cost, using the first i sender and j receiver copies.
  const pairsAt = new Int32Array((n + 1) * (m + 1));
  const costAt = new Float64Array((n + 1) * (m + 1));
  const move = new Uint8Array((n + 1) * (m + 1)); // 1 skip sender, 2 skip receiver, 3 pair
  const at = (i: number, j: number): number => i * (m + 1) + j;
  const better = (p: number, c: number, bp: number, bc: number): boolean => p > bp || (p === bp && c < bc - 1e-12);
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      let bp = -1;
      let bc = Infinity;
      let mv = 0;
      if (i > 0 && better(pairsAt[at(i - 1, j)], costAt[at(i - 1, j)], bp, bc)) {
        bp = pairsAt[at(i - 1, j)];
        bc = costAt[at(i - 1, j)];
        mv = 1;
      }
      if (j > 0 && better(pairsAt[at(i, j - 1)], costAt[at(i, j - 1)], bp, bc)) {
        bp = pairsAt[at(i, j - 1)];
        bc = costAt[at(i, j - 1)];
        mv = 2;
      }
      if (i > 0 && j > 0) {
        const k = cost(sender[i - 1], receiver[j - 1]);
        if (k !== null) {
          const p = pairsAt[at(i - 1, j - 1)] + 1;
          const c = costAt[at(i - 1, j - 1)] + k + tie(i - 1);
          if (better(p, c, bp, bc)) {
            bp = p;
            bc = c;
            mv = 3;
          }
        }
      }
      pairsAt[at(i, j)] = bp;
      costAt[at(i, j)] = bc;
      move[at(i, j)] = mv;
    }
  }
  const out: Array<[CaptureSegment, CaptureSegment]> = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const mv = move[at(i, j)];
    if (mv === 3) {
      out.push([sender[i - 1], receiver[j - 1]]);
      i--;
      j--;
    } else if (mv === 1) i--;
    else j--;
  }
  return out.reverse();
}

/**
 * ONE-WAY CLOCK: sure pairs in one direction only give offset + delay, not the two apart. For telling copies apart
 * (never reported) the offset is taken as if that delay were zero: corrected delays are then still ≥ 0 in that
 * direction and the sum of both one-way delays in the other, close enough to rank candidates microseconds apart
 * from candidates milliseconds apart.
 */
function oneWayClock(pairs: Record<FlowDir, SegmentPairing[]>): ClockEstimate | null {
  const c2s: number[] = [];
  const s2c: number[] = [];
  for (const p of pairs.c2s) if (p.c.t !== null && p.s.t !== null) c2s.push(p.s.t - p.c.t);
  for (const p of pairs.s2c) if (p.c.t !== null && p.s.t !== null) s2c.push(p.c.t - p.s.t);
  if (c2s.length > 0 && s2c.length === 0) return { offset: Math.min(...c2s), rtt: 0, delay: { c2s: 0, s2c: 0 }, source: 'pair' };
  if (s2c.length > 0 && c2s.length === 0) return { offset: -Math.min(...s2c), rtt: 0, delay: { c2s: 0, s2c: 0 }, source: 'pair' };
  return null;
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
