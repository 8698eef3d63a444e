// Pairs two whole captures: match connections, then align, diff and judge each pair.

import { alignConnections, delaySamples } from './align-segments';
import type { CaptureView } from './capture-view';
import { estimateClock } from './clock-offset';
import { connectionsOf, type ConnectionSegments } from './connection-segments';
import { diffPair } from './diff';
import { confidenceOf, matchConnections, type ScoredMatch } from './match-connections';
import type { PairVerdict } from './findings';
import type { ClockEstimate, ConnectionPair, PairOptions, PairReport, TimelineEntry, Uneven, UnpairedConnection } from './pair-report';
import { lenOf, reverse, roleOf, seqOf, tsOf } from './segment-keys';
import { seqAdd, seqDiff, type FlowDir } from '../model';
import { clockLimits, diagnoseUnpaired, isQuiet, ORDER_ONLY_WEIGHT, orderOnly, reportableOffset, type Clocks } from './limits';
import { pairVerdict } from './verdict';

type Span = { first: number; last: number } | null;

export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** Below this a "closest candidate" is noise (no shared invariant), not worth naming. */
export const BEST_SHOWN = 0.1;

/**
 * Pairs the connections of a client-side and a server-side capture. Addresses are not trusted (NAT, names vs
 * numbers); connections are matched on ISNs, TS values, IP IDs, segment sizes and timing, and each pair gets
 * its NAT map, clock offset, segment timeline, rewritten fields, cross-side findings and a verdict.
 */
export function pairCaptures(client: CaptureView, server: CaptureView, opts: PairOptions = {}): PairReport {
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const cs = connectionsOf(client);
  const ss = connectionsOf(server);
  const { matches, best, gaveUp } = matchConnections(cs, ss, null);
  const accepted = matches.filter((m) => m.confidence >= minConfidence);

  const c2s: number[] = [];
  const s2c: number[] = [];
  for (const m of accepted) {
    const d = delaySamples(m.alignment);
    // Loops, not push(...d.c2s): one argument per segment overflows the call stack on a huge connection.
    for (const x of d.c2s) c2s.push(x);
    for (const x of d.s2c) s2c.push(x);
  }
  const clock = estimateClock(c2s, s2c, 'capture');

  const clocks: Clocks = { client: client.clock, server: server.clock };
  const pairs = accepted.map((m) => pairOf(cs[m.ci], ss[m.si], m, { client: client.span, server: server.span }, clock, clocks));
  pairs.sort((a, b) => a.client.firstLine - b.client.firstLine);

  const pairedC = new Set(accepted.map((m) => m.ci));
  const pairedS = new Set(accepted.map((m) => m.si));
  const unpaired: UnpairedConnection[] = [];
  const bestOf = (key: string, side: 'client' | 'server'): UnpairedConnection['best'] => {
    const m = best.get(key);
    if (!m || m.confidence < BEST_SHOWN) return null;
    return { conn: side === 'client' ? ss[m.si].verdict.conn : cs[m.ci].verdict.conn, confidence: m.confidence };
  };
  const otherCapture = { span: server.span, offset: clock?.offset ?? null, rtt: clock?.rtt ?? null, clocks };
  cs.forEach((c, i) => {
    if (!pairedC.has(i)) unpaired.push({ side: 'client', conn: c.verdict, diagnosis: diagnoseUnpaired('client', c, otherCapture), best: bestOf(`c:${i}`, 'client'), gaveUp: gaveUp.get(`c:${i}`) ?? null });
  });
  ss.forEach((s, i) => {
    if (!pairedS.has(i)) unpaired.push({ side: 'server', conn: s.verdict, diagnosis: null, best: bestOf(`s:${i}`, 'server'), gaveUp: gaveUp.get(`s:${i}`) ?? null });
  });
  return { pairs, unpaired, clock, offset: reportableOffset(clock?.offset, clocks) };
}

/**
 * The full report of one matched pair. A connection seen one way only cannot date itself, so its alignment is
 * redone with the capture-wide clock when one is known.
 */
export function pairOf(
  c: ConnectionSegments,
  s: ConnectionSegments,
  m: Pick<ScoredMatch, 'alignment' | 'evidence' | 'confidence'>,
  spans: { client: Span; server: Span },
  clock: ClockEstimate | null,
  clocks: Clocks,
): ConnectionPair {
  const al = m.alignment.clock?.source === 'pair' || clock === null ? m.alignment : alignConnections(c, s, m.alignment.flipped, clock);
  const limits: ConnectionPair['limits'] = clockLimits(clocks);
  const quiet = isQuiet(c) || isQuiet(s);
  const byOrder = orderOnly(quiet, clocks);
  if (isQuiet(c)) limits.push({ code: 'quiet', side: 'client', timed: !byOrder, otherNumbered: !isQuiet(s) });
  if (isQuiet(s)) limits.push({ code: 'quiet', side: 'server', timed: !byOrder, otherNumbered: !isQuiet(c) });
  let evidence = m.evidence;
  let confidence = m.confidence;
  if (byOrder) {
    limits.push({ code: 'order-only' });
    evidence = [...evidence, { kind: 'order-only', dir: null, count: 0, weight: ORDER_ONLY_WEIGHT }];
    confidence = confidenceOf(evidence);
  }
  const diff = diffPair(c, s, al, spans, quiet, byOrder);
  const unjudged = diff.timeline.filter((e) => e.status === 'unjudged').length;
  return {
    client: c.verdict,
    server: s.verdict,
    flipped: al.flipped,
    confidence,
    evidence,
    nat: diff.nat,
    seqOffset: { c2s: al.dirs.c2s.seqOffset, s2c: al.dirs.s2c.seqOffset },
    clock: al.clock,
    offset: reportableOffset(al.clock?.offset, clocks),
    limits,
    timeline: diff.timeline,
    uneven: diff.uneven,
    onlyClient: diff.onlyClient,
    onlyServer: diff.onlyServer,
    rewrites: diff.rewrites,
    findings: diff.findings,
    verdict: unevenVerdict(withOtherWay(pairVerdict(diff.findings, unjudged), diff.timeline), diff.uneven, c, s, al.flipped),
  };
}

/**
 * HOLES FILLED (RFC 9293 §3.10.7.4 segment arrival, RFC 6675 loss recovery): when the sender's capture (-q) holds
 * N more segments going one way than the receiver's, and the receiver's own capture (with sequence numbers) shows
 * exactly N segments arriving below the highest byte already received (each a hole filled later by a
 * retransmission), N segments the sender put on the wire never reached the receiver's capture point. A segment in
 * the sender's own capture cannot have been forged on the path, so they were lost between the two capture points.
 * Which of the sender's rows they were stays unknown: -q prints no numbers to tell same-length segments apart.
 */
function unevenVerdict(v: ConnectionPair['verdict'], uneven: readonly Uneven[], c: ConnectionSegments, s: ConnectionSegments, flipped: boolean): ConnectionPair['verdict'] {
  if (uneven.length === 0 || !(['corr.nat', 'corr.clean', 'corr.not-judged'] as string[]).includes(v.code)) return v;
  const extra = uneven.reduce((n, u) => n + u.count, 0);
  const dirs = new Set(uneven.map((u) => u.dir));
  const d = uneven[0].dir;
  const sender = d === 'c2s' ? 'client' : 'server';
  const unjudged = v.code === 'corr.not-judged' ? v.count : 0;
  const notJudged = { code: 'corr.not-judged' as const, dir: null, count: extra + unjudged, finding: null };
  if (unjudged > 0 || dirs.size > 1 || uneven.some((u) => u.more !== sender)) return notJudged;
  const received = d === 'c2s' ? s.byDir[flipped ? reverse(d) : d] : c.byDir[d];
  let high: number | null = null;
  let fills = 0;
  for (const x of received) {
    const len = lenOf(x);
    if (len === 0) continue;
    const seq = seqOf(x);
    if (seq === null) return notJudged;
    const end = seqAdd(seq, len);
    if (high !== null && seqDiff(seq, high) > 0) fills++;
    if (high === null || seqDiff(high, end) > 0) high = end;
  }
  return fills === extra ? { code: 'corr.lost-counted', dir: d as FlowDir, count: extra, finding: null } : notJudged;
}

/**
 * ONE-WAY LOSS: after the first segment lost in the verdict's direction, does the other direction still deliver?
 * If it does, the path and any NAT mapping on it still work that way: only one direction failed.
 */
function withOtherWay(v: PairVerdict, timeline: readonly TimelineEntry[]): PairVerdict {
  if (v.code !== 'corr.lost-in-path' || v.dir === null) return v;
  const first = timeline.findIndex((e) => e.dir === v.dir && e.status === 'lost');
  if (first < 0) return v;
  const later = timeline.slice(first + 1).filter((e) => e.dir !== v.dir && e.status === 'matched' && e.client && e.server);
  const last = later.at(-1);
  let rst: NonNullable<PairVerdict['otherWay']>['rst'] = null;
  if (last && last.client && last.server && roleOf(last.client) === 'rst') {
    const a = tsOf(last.client);
    const b = tsOf(last.server);
    rst = { client: last.client.rec.line, server: last.server.rec.line, sameTs: a !== null && b !== null && a.val === b.val && a.ecr === b.ecr };
  }
  return { ...v, otherWay: { delivered: later.length, rst } };
}
