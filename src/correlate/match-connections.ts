// Which connection of one capture is which of the other: candidates from shared invariants, scored by alignment.

import type { FlowDir } from '../model';
import { alignConnections, type Alignment, type SegmentPairing } from './align-segments';
import type { ConnectionSegments } from './connection-segments';
import type { ClockEstimate, MatchEvidence } from './pair-report';
import { isQuiet } from './limits';
import { ipIdOf, isnOf, tsOf } from './segment-keys';

/** Per-connection tokens that survive NAT: ISNs, TS vals (RFC 7323, per-connection offsets on Linux ≥ 4.10), seqs, IP IDs. */
const TOKENS_PER_DIR = 16;

export function invariantTokens(c: ConnectionSegments): string[] {
  const out = new Set<string>();
  for (const d of ['c2s', 's2c'] as FlowDir[]) {
    let n = 0;
    for (const s of c.byDir[d]) {
      if (n >= TOKENS_PER_DIR) break;
      n++;
      const isn = isnOf(s);
      if (isn !== null) out.add(`isn:${isn}`);
      const ts = tsOf(s);
      if (ts) out.add(`ts:${ts.val}`);
      // Small values (`seq 0` of a RST answering a SYN) are shared by many connections: not an invariant.
      if (s.a.absSeq !== null && s.a.absSeq > 0xffff && s.a.printedRelative === false) out.add(`seq:${s.a.absSeq}`);
      const id = ipIdOf(s);
      if (id !== null && id !== 0) out.add(`id:${id}`);
    }
  }
  return [...out];
}

/** Evidence for combines as independent odds, 1 − Π(1 − weight); evidence against scales the result by Π(1 + weight). */
export function confidenceOf(evidence: readonly MatchEvidence[]): number {
  let miss = 1;
  let against = 1;
  for (const e of evidence) {
    if (e.weight >= 0) miss *= 1 - e.weight;
    else against *= 1 + e.weight;
  }
  return Math.round((1 - miss) * against * 1000) / 1000;
}

/**
 * The evidence an alignment gives that the two connections are one. Weights are judgement, ordered by how
 * unlikely a coincidence is: a 32-bit ISN or TS val repeated by chance (2^-32) beats an IP ID (2^-16),
 * which beats segment sizes in order, which beat timing and ports (NAT often keeps the port).
 */
export function matchEvidence(client: ConnectionSegments, server: ConnectionSegments, al: Alignment): MatchEvidence[] {
  const ev: MatchEvidence[] = [];
  let paired = 0;
  for (const d of ['c2s', 's2c'] as FlowDir[]) {
    const a = al.dirs[d];
    paired += a.pairs.length;
    if (a.pairs.length === 0) continue;
    // Two ISNs always give "an offset" and line up the handshake by construction: a rewritten sequence space
    // counts only when data segments of equal sizes then line up too.
    const dataPairs = a.pairs.filter((p) => (p.c.rec.len ?? 0) > 0).length;
    if (a.offsetSource === 'isn' && a.seqOffset === 0) ev.push({ kind: 'isn', dir: d, count: 1, weight: 0.9 });
    else if (a.seqOffset === 0 && absolutePairs(a.pairs) > 0) {
      // Without the handshake, equal absolute sequence numbers (random 32-bit, RFC 9293 §3.4.1) are as telling.
      const n = absolutePairs(a.pairs);
      ev.push({ kind: 'seq', dir: d, count: n, weight: n >= 3 ? 0.9 : 0.8 });
    } else if (a.seqOffset !== null && a.seqOffset !== 0 && dataPairs >= 3) ev.push({ kind: 'seq-offset', dir: d, count: dataPairs, weight: 0.6 });
    // Linux and BSD echo TS values unchanged end to end; like segments that never share one are different connections.
    if (a.tsConflict) ev.push({ kind: 'ts-conflict', dir: d, count: 0, weight: -0.9 });
    if (a.identity.ts > 0) ev.push({ kind: 'ts', dir: d, count: a.identity.ts, weight: a.identity.ts >= 3 ? 0.97 : 0.9 });
    if (a.identity.ipId > 0) ev.push({ kind: 'ip-id', dir: d, count: a.identity.ipId, weight: a.identity.ipId >= 3 ? 0.8 : 0.5 });
  }
  if (paired === 0) return [];
  const total = client.all.length + server.all.length;
  const fraction = (2 * paired) / total;
  ev.push({ kind: 'shape', dir: null, count: paired, weight: Math.round(0.7 * fraction * Math.min(1, paired / 3) * 1000) / 1000 });
  if (al.clock && al.clock.source === 'pair' && al.clock.rtt >= 0) ev.push({ kind: 'timing', dir: null, count: paired, weight: 0.3 });
  // QUIET: sizes and times only, no numbers to confirm them: a match is less sure than its shape suggests.
  if (isQuiet(client) || isQuiet(server)) ev.push({ kind: 'quiet', dir: null, count: 0, weight: -0.15 });
  const cv = client.verdict;
  const sv = server.verdict;
  const sClientPort = al.flipped ? sv.server.port : sv.client.port;
  const sServerPort = al.flipped ? sv.client.port : sv.server.port;
  const ports = (cv.client.port !== null && cv.client.port === sClientPort ? 1 : 0) + (cv.server.port !== null && cv.server.port === sServerPort ? 1 : 0);
  if (ports > 0) ev.push({ kind: 'port', dir: null, count: ports, weight: ports === 2 ? 0.3 : 0.15 });
  return ev;
}

/** Segment pairs whose sequence number is a known absolute value past 2^16, i.e. not a small relative one. */
function absolutePairs(pairs: readonly SegmentPairing[]): number {
  let n = 0;
  for (const p of pairs) {
    const v = p.c.a.absSeq;
    if (v !== null && v > 0xffff && (p.c.a.printedRelative === false || p.c.a.isnSender !== null)) n++;
  }
  return n;
}

export interface ScoredMatch {
  ci: number;
  si: number;
  alignment: Alignment;
  evidence: MatchEvidence[];
  confidence: number;
}

/** Above this many connections on the other side, a connection with no shared token is not compared with all of them. */
const BRUTE_FORCE_LIMIT = 64;

/**
 * Scores every plausible (client, server) connection pair and keeps the best one-to-one assignment, greedily by
 * confidence. Orientation is tried both ways when either capture guessed the roles from ports.
 */
export function matchConnections(
  clients: readonly ConnectionSegments[],
  servers: readonly ConnectionSegments[],
  hint: ClockEstimate | null,
): { matches: ScoredMatch[]; best: Map<string, ScoredMatch> } {
  const index = new Map<string, number[]>();
  servers.forEach((s, si) => {
    for (const t of invariantTokens(s)) {
      const list = index.get(t);
      if (list) list.push(si);
      else index.set(t, [si]);
    }
  });
  const scored: ScoredMatch[] = [];
  clients.forEach((c, ci) => {
    const cand = new Set<number>();
    for (const t of invariantTokens(c)) for (const si of index.get(t) ?? []) cand.add(si);
    if (cand.size === 0) {
      servers.forEach((s, si) => {
        if (servers.length <= BRUTE_FORCE_LIMIT || s.verdict.server.port === c.verdict.server.port || s.verdict.client.port === c.verdict.client.port) cand.add(si);
      });
    }
    for (const si of cand) {
      const s = servers[si];
      const flips = c.verdict.roleGuessed || s.verdict.roleGuessed ? [false, true] : [false];
      let best: ScoredMatch | null = null;
      for (const flipped of flips) {
        const alignment = alignConnections(c, s, flipped, hint);
        const evidence = matchEvidence(c, s, alignment);
        const confidence = confidenceOf(evidence);
        if (!best || confidence > best.confidence) best = { ci, si, alignment, evidence, confidence };
      }
      if (best && best.confidence > 0) scored.push(best);
    }
  });
  scored.sort((a, b) => b.confidence - a.confidence || a.ci - b.ci || a.si - b.si);
  const usedC = new Set<number>();
  const usedS = new Set<number>();
  const matches: ScoredMatch[] = [];
  /** Best candidate per connection (`c:i`, `s:i`), to tell the user what came closest for an unpaired one. */
  const best = new Map<string, ScoredMatch>();
  for (const m of scored) {
    if (!best.has(`c:${m.ci}`)) best.set(`c:${m.ci}`, m);
    if (!best.has(`s:${m.si}`)) best.set(`s:${m.si}`, m);
    if (usedC.has(m.ci) || usedS.has(m.si)) continue;
    usedC.add(m.ci);
    usedS.add(m.si);
    matches.push(m);
  }
  return { matches, best };
}
