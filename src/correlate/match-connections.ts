// Which connection of one capture is which of the other: candidates from shared invariants, scored by alignment.

import type { FlowDir } from '../model';
import { alignConnections, type Alignment, type SegmentPairing } from './align-segments';
import type { ConnectionSegments } from './connection-segments';
import type { ClockEstimate, GaveUp, MatchEvidence } from './pair-report';
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

/** Above this many connections on the other side, a connection with no shared rare token is not compared with all of them. */
const BRUTE_FORCE_LIMIT = 64;

/**
 * CANDIDATE BOUNDS: a token shared by more than TOKEN_SHARE_LIMIT connections of the other capture (one TS value
 * on every SYN of a burst, a global TS clock before Linux 4.10 randomised it per connection, or a capture paired
 * with itself) tells nothing about which one is the twin; such a token, like a shared port, only ranks candidates
 * by how close they are in capture order. At most MAX_CANDIDATES connections are aligned with each connection, so
 * the work is linear in the number of connections whatever the traffic; a connection left unpaired after a
 * truncated search says so (`gaveUp`) rather than the search exploding.
 */
export const MATCH_BOUNDS = { tokenShare: 16, candidates: 8 } as const;

/** Index of keys → ascending connection indices: invariant tokens, and the two ports (`sp:`/`cp:`) for the fallback. */
function indexOf(conns: readonly ConnectionSegments[], tokens: readonly string[][]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  const put = (k: string, i: number): void => {
    const list = index.get(k);
    if (list) list.push(i);
    else index.set(k, [i]);
  };
  conns.forEach((c, i) => {
    for (const t of tokens[i]) put(t, i);
    for (const k of portKeys(c)) put(k, i);
  });
  return index;
}

const portKeys = (c: ConnectionSegments): string[] => [
  ...(c.verdict.server.port !== null ? [`sp:${c.verdict.server.port}`] : []),
  ...(c.verdict.client.port !== null ? [`cp:${c.verdict.client.port}`] : []),
];

/** Up to k entries of an ascending list nearest to `pos`. */
function nearest(list: readonly number[], pos: number, k: number, out: Set<number>): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (list[m] < pos) lo = m + 1;
    else hi = m;
  }
  let a = lo - 1;
  let b = lo;
  for (let n = 0; n < k && (a >= 0 || b < list.length); n++) {
    if (b >= list.length || (a >= 0 && pos - list[a] <= list[b] - pos)) out.add(list[a--]);
    else out.add(list[b++]);
  }
}

/**
 * The candidates of one connection (see CANDIDATE BOUNDS): those sharing the most rare tokens, else (no rare
 * token shared) the ones nearest its position in capture order among those sharing a common token or a port,
 * or every one when the other capture is small. `pos` is its position scaled to the other capture's count.
 */
export function candidatesOf(
  tokens: readonly string[],
  ports: readonly string[],
  index: ReadonlyMap<string, readonly number[]>,
  total: number,
  pos: number,
): { cand: number[]; gaveUp: GaveUp | null } {
  const { tokenShare, candidates: k } = MATCH_BOUNDS;
  const shared = new Map<number, number>();
  let crowd = 0;
  for (const t of tokens) {
    const list = index.get(t);
    if (!list) continue;
    if (list.length > tokenShare) {
      crowd = Math.max(crowd, list.length);
      continue;
    }
    for (const i of list) shared.set(i, (shared.get(i) ?? 0) + 1);
  }
  const dist = (i: number): number => Math.abs(i - pos);
  if (shared.size > 0) {
    const ranked = [...shared].sort((a, b) => b[1] - a[1] || dist(a[0]) - dist(b[0]) || a[0] - b[0]).map((e) => e[0]);
    const cand = ranked.slice(0, k);
    return { cand, gaveUp: ranked.length > k ? { alike: ranked.length, compared: k } : null };
  }
  if (total <= BRUTE_FORCE_LIMIT) return { cand: Array.from({ length: total }, (_, i) => i), gaveUp: null };
  const near = new Set<number>();
  for (const key of [...tokens, ...ports]) {
    const list = index.get(key);
    if (!list) continue;
    crowd = Math.max(crowd, list.length);
    nearest(list, pos, k, near);
  }
  const cand = [...near].sort((a, b) => dist(a) - dist(b) || a - b).slice(0, k);
  return { cand, gaveUp: crowd > k ? { alike: crowd, compared: cand.length } : null };
}

export interface MatchResult {
  matches: ScoredMatch[];
  best: Map<string, ScoredMatch>;
  /** Connections (`c:i`, `s:i`) whose candidate search was cut short (see CANDIDATE BOUNDS). */
  gaveUp: Map<string, GaveUp>;
  /** Alignments computed: the matcher's work, at most 2 × MATCH_BOUNDS.candidates per client connection. */
  alignments: number;
}

/**
 * Scores the plausible (client, server) connection pairs and keeps the best one-to-one assignment, greedily by
 * confidence. Orientation is tried both ways when either capture guessed the roles from ports.
 */
export function matchConnections(
  clients: readonly ConnectionSegments[],
  servers: readonly ConnectionSegments[],
  hint: ClockEstimate | null,
): MatchResult {
  const sTokens = servers.map(invariantTokens);
  const index = indexOf(servers, sTokens);
  const gaveUp = new Map<string, GaveUp>();
  let alignments = 0;
  const comparedS = new Int32Array(servers.length);
  const scored: ScoredMatch[] = [];
  const scale = clients.length > 1 ? (servers.length - 1) / (clients.length - 1) : 0;
  clients.forEach((c, ci) => {
    const found = candidatesOf(invariantTokens(c), portKeys(c), index, servers.length, ci * scale);
    if (found.gaveUp) gaveUp.set(`c:${ci}`, found.gaveUp);
    for (const si of found.cand) {
      const s = servers[si];
      comparedS[si]++;
      const flips = c.verdict.roleGuessed || s.verdict.roleGuessed ? [false, true] : [false];
      let best: ScoredMatch | null = null;
      for (const flipped of flips) {
        alignments++;
        const alignment = alignConnections(c, s, flipped, hint);
        const evidence = matchEvidence(c, s, alignment);
        const confidence = confidenceOf(evidence);
        if (!best || confidence > best.confidence) best = { ci, si, alignment, evidence, confidence };
      }
      if (best && best.confidence > 0) scored.push(best);
    }
  });
  // The server side's view of the same search: a server connection whose own candidates (rare tokens, else
  // crowded tokens and ports) would be cut short may not have been offered to its twin.
  if (servers.length > 0 && clients.length > BRUTE_FORCE_LIMIT) {
    const cIndex = indexOf(clients, clients.map(invariantTokens));
    const back = servers.length > 1 ? (clients.length - 1) / (servers.length - 1) : 0;
    servers.forEach((s, si) => {
      const g = candidatesOf(sTokens[si], portKeys(s), cIndex, clients.length, si * back).gaveUp;
      if (g) gaveUp.set(`s:${si}`, { alike: g.alike, compared: comparedS[si] });
    });
  }
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
  return { matches, best, gaveUp, alignments };
}
