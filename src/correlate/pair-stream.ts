// Pairs two captures as their records arrive, holding closed unpaired connections for a bounded capture-time window.

import type { ConnectionVerdict, LineRecord } from '../model';
import { alignConnections, delaySamples } from './align-segments';
import type { ClockKind } from './capture-clock';
import { createCaptureViewBuilder, type CaptureSegment, type CaptureViewBuilder } from './capture-view';
import { estimateClock } from './clock-offset';
import type { ConnectionSegments } from './connection-segments';
import { MATCH_BOUNDS, confidenceOf, invariantTokens, matchConnections, matchEvidence, type ScoredMatch } from './match-connections';
import { BEST_SHOWN, DEFAULT_MIN_CONFIDENCE, pairOf } from './pair-captures';
import { diagnoseUnpaired, type OtherCapture } from './limits';
import type { ClockEstimate, ConnectionPair, GaveUp, PairOptions, UnpairedConnection } from './pair-report';

export interface PairStreamOptions extends PairOptions {
  /**
   * Seconds of its own capture's time a closed connection waits for late segments (a FIN after a RST, the
   * last ACK, retransmissions in TIME_WAIT) before it is paired (default 2).
   */
  settleSeconds?: number;
  /**
   * Seconds of the other capture's time a settled connection waits for its twin there (default 300);
   * applied only once a clock offset is known, since before that the clocks cannot be compared.
   */
  windowSeconds?: number;
  /** Closed, unpaired connections held per side at most (default 5000); past it the oldest is reported unpaired. */
  maxPending?: number;
}

export type PairStreamEvent = { kind: 'pair'; pair: ConnectionPair } | { kind: 'unpaired'; unpaired: UnpairedConnection };

export interface PairStream {
  push(side: 'client' | 'server', rec: LineRecord): PairStreamEvent[];
  /** End of both inputs: everything still held is paired in one batch, the rest reported unpaired. */
  finish(): PairStreamEvent[];
  /** Capture-wide clock estimate from the pairs so far. */
  readonly clock: ClockEstimate | null;
  /** How each capture printed its time, as far as seen. */
  readonly clocks: { client: ClockKind; server: ClockKind };
  /** Alignments computed so far: bounded by 2 × MATCH_BOUNDS.candidates per settled connection (and the final batch). */
  readonly alignments: number;
}

type SideName = 'client' | 'server';

interface Pending {
  cs: ConnectionSegments;
  /** Invariant tokens, then the port keys (`sp:`, `cp:`) used only to rank a crowd. */
  tokens: string[];
  ports: string[];
  /** Its last search for a twin was cut short (see CANDIDATE BOUNDS in match-connections.ts). */
  gaveUp: GaveUp | null;
  /** Capture time of its last segment, own clock. */
  lastT: number | null;
  /** Its own capture has moved settleSeconds past its last segment: no more late segments expected. */
  settled: boolean;
}

interface SideState {
  builder: CaptureViewBuilder;
  open: Map<string, CaptureSegment[]>;
  /** Held connections in the order they closed (a Set: removal from the middle is O(1)). */
  pending: Set<Pending>;
  byConn: Map<string, Pending>;
  index: Map<string, Set<Pending>>;
  lastCheck: number;
}

const other = (s: SideName): SideName => (s === 'client' ? 'server' : 'client');

/** Candidates are looked up by shared tokens; with few held connections all of them are tried. */
const SCAN_ALL_BELOW = 64;
/** Settling is checked when a capture's time has moved this far since the last check, not on every record. */
const CHECK_EVERY = 0.25;

function segmentsOf(verdict: ConnectionSegments['verdict'], all: CaptureSegment[]): ConnectionSegments {
  const cs: ConnectionSegments = { verdict, all, byDir: { c2s: [], s2c: [] } };
  for (const x of all) cs.byDir[x.a.dir].push(x);
  return cs;
}

/**
 * What is bounded: open connections are held until the tracker closes them (or the input ends); a closed one
 * is held until its twin is found, until the other capture's clock is `windowSeconds` past it, or until
 * `maxPending` newer ones are held on its side. A pair is made once both twins have settled, so pairing on a
 * live pipe lags each connection's end by `settleSeconds` of capture time.
 */
export function createPairStream(opts: PairStreamOptions = {}): PairStream {
  const minConfidence = opts.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const settleSeconds = opts.settleSeconds ?? 2;
  const windowSeconds = opts.windowSeconds ?? 300;
  const maxPending = opts.maxPending ?? 5000;
  const newSide = (): SideState => ({ builder: createCaptureViewBuilder(), open: new Map(), pending: new Set(), byConn: new Map(), index: new Map(), lastCheck: -Infinity });
  const sides: Record<SideName, SideState> = { client: newSide(), server: newSide() };
  let minC2s = Infinity;
  let minS2c = Infinity;
  let clock: ClockEstimate | null = null;
  let alignments = 0;

  const spans = () => ({ client: sides.client.builder.span, server: sides.server.builder.span });
  /** The server capture so far, for an unpaired client connection's diagnosis (limits.ts OUTSIDE THE OTHER CAPTURE). */
  const otherCapture = (): OtherCapture => ({
    span: sides.server.builder.span,
    offset: clock?.offset ?? null,
    rtt: clock?.rtt ?? null,
    clocks: { client: sides.client.builder.clock, server: sides.server.builder.clock },
  });

  const remove = (st: SideState, p: Pending): void => {
    st.pending.delete(p);
    if (st.byConn.get(p.cs.verdict.conn) === p) st.byConn.delete(p.cs.verdict.conn);
    for (const t of p.tokens) st.index.get(t)?.delete(p);
    for (const t of p.ports) st.index.get(t)?.delete(p);
  };

  const learnClock = (m: Pick<ScoredMatch, 'alignment'>): void => {
    const d = delaySamples(m.alignment);
    for (const x of d.c2s) if (x < minC2s) minC2s = x;
    for (const x of d.s2c) if (x < minS2c) minS2c = x;
    if (minC2s < Infinity && minS2c < Infinity) clock = estimateClock([minC2s], [minS2c], 'capture');
  };

  const emitPair = (c: ConnectionSegments, s: ConnectionSegments, m: Pick<ScoredMatch, 'alignment' | 'evidence' | 'confidence'>): PairStreamEvent => {
    learnClock(m);
    return { kind: 'pair', pair: pairOf(c, s, m, spans(), clock, { client: sides.client.builder.clock, server: sides.server.builder.clock }) };
  };

  /**
   * CANDIDATE BOUNDS (match-connections.ts) on a live stream: the settled connections of the other side sharing
   * the most rare tokens; else, with few held, all of them; else the ones nearest in time among those sharing a
   * crowded token or a port. At most MATCH_BOUNDS.candidates; a cut-short search is remembered on `mine`.
   */
  const candidatesIn = (there: SideState, mine: Pending): Pending[] => {
    const { tokenShare, candidates: k } = MATCH_BOUNDS;
    const shared = new Map<Pending, number>();
    let crowd = 0;
    const crowded: Set<Pending>[] = [];
    for (const t of mine.tokens) {
      const set = there.index.get(t);
      if (!set) continue;
      if (set.size > tokenShare) {
        crowd = Math.max(crowd, set.size);
        crowded.push(set);
        continue;
      }
      for (const p of set) if (p.settled) shared.set(p, (shared.get(p) ?? 0) + 1);
    }
    // On the other capture's clock when the offset is known; else (offset unknown) the raw times still order them.
    const at = mine.lastT === null ? null : clock === null ? mine.lastT : mine.lastT + (there === sides.server ? clock.offset : -clock.offset);
    const dist = (p: Pending): number => (at === null || p.lastT === null ? Infinity : Math.abs(p.lastT - at));
    if (shared.size > 0) {
      const ranked = [...shared].sort((a, b) => b[1] - a[1] || dist(a[0]) - dist(b[0])).map((e) => e[0]);
      mine.gaveUp = ranked.length > k ? { alike: ranked.length, compared: k } : null;
      return ranked.slice(0, k);
    }
    if (there.pending.size < SCAN_ALL_BELOW) {
      mine.gaveUp = null;
      return [...there.pending].filter((p) => p.settled);
    }
    for (const t of mine.ports) {
      const set = there.index.get(t);
      if (set) {
        crowd = Math.max(crowd, set.size);
        crowded.push(set);
      }
    }
    const near = new Set<Pending>();
    for (const set of crowded) for (const p of set) if (p.settled) near.add(p);
    const cand = [...near].sort((a, b) => dist(a) - dist(b)).slice(0, k);
    mine.gaveUp = crowd > k ? { alike: crowd, compared: cand.length } : null;
    return cand;
  };

  /** Matches a newly settled connection against the other side's settled ones. */
  const tryPair = (side: SideName, mine: Pending): PairStreamEvent | null => {
    const there = sides[other(side)];
    const cand = candidatesIn(there, mine);
    const cs = mine.cs;
    let best: { p: Pending; m: Pick<ScoredMatch, 'alignment' | 'evidence' | 'confidence'> } | null = null;
    for (const p of cand) {
      if (!p.settled) continue;
      const c = side === 'client' ? cs : p.cs;
      const s = side === 'client' ? p.cs : cs;
      const flips = c.verdict.roleGuessed || s.verdict.roleGuessed ? [false, true] : [false];
      for (const flipped of flips) {
        alignments++;
        const alignment = alignConnections(c, s, flipped, clock);
        const evidence = matchEvidence(c, s, alignment);
        const confidence = confidenceOf(evidence);
        if (confidence >= minConfidence && (!best || confidence > best.m.confidence)) best = { p, m: { alignment, evidence, confidence } };
      }
    }
    if (!best) return null;
    remove(there, best.p);
    remove(sides[side], mine);
    return side === 'client' ? emitPair(cs, best.p.cs, best.m) : emitPair(best.p.cs, cs, best.m);
  };

  const hold = (side: SideName, cs: ConnectionSegments): PairStreamEvent[] => {
    const st = sides[side];
    const last = cs.all[cs.all.length - 1];
    const ports = [
      ...(cs.verdict.server.port !== null ? [`sp:${cs.verdict.server.port}`] : []),
      ...(cs.verdict.client.port !== null ? [`cp:${cs.verdict.client.port}`] : []),
    ];
    const p: Pending = { cs, tokens: invariantTokens(cs), ports, gaveUp: null, lastT: last?.t ?? null, settled: false };
    st.pending.add(p);
    st.byConn.set(cs.verdict.conn, p);
    for (const t of [...p.tokens, ...p.ports]) {
      let set = st.index.get(t);
      if (!set) st.index.set(t, (set = new Set()));
      set.add(p);
    }
    const out: PairStreamEvent[] = [];
    while (st.pending.size > maxPending) {
      const old = st.pending.values().next().value as Pending;
      remove(st, old);
      out.push({ kind: 'unpaired', unpaired: { side, conn: old.cs.verdict, diagnosis: diagnoseUnpaired(side, old.cs, otherCapture()), best: null, gaveUp: old.gaveUp } });
    }
    return out;
  };

  /** Held connections whose twin would have shown up by now on the other capture's clock. */
  const expire = (): PairStreamEvent[] => {
    if (clock === null) return [];
    const out: PairStreamEvent[] = [];
    for (const side of ['client', 'server'] as SideName[]) {
      const st = sides[side];
      const otherSpan = sides[other(side)].builder.span;
      if (otherSpan === null) continue;
      // The other side's latest time on this side's clock (offset = server − client).
      const otherNow = side === 'client' ? otherSpan.last - clock.offset : otherSpan.last + clock.offset;
      for (const p of [...st.pending]) {
        if (p.settled && p.lastT !== null && otherNow - p.lastT > windowSeconds) {
          remove(st, p);
          out.push({ kind: 'unpaired', unpaired: { side, conn: p.cs.verdict, diagnosis: diagnoseUnpaired(side, p.cs, otherCapture()), best: null, gaveUp: p.gaveUp } });
        }
      }
    }
    return out;
  };

  /**
   * Settles this side's held connections its clock has moved past, pairing each with a settled twin, then
   * expires what waited too long. Runs when the side's clock has moved CHECK_EVERY, not per record.
   */
  const settle = (side: SideName): PairStreamEvent[] => {
    const st = sides[side];
    const now = st.builder.span?.last;
    if (now === undefined || now - st.lastCheck < CHECK_EVERY) return [];
    st.lastCheck = now;
    const out: PairStreamEvent[] = [];
    for (const p of [...st.pending]) {
      if (p.settled || p.lastT === null || now - p.lastT < settleSeconds) continue;
      p.settled = true;
      const ev = tryPair(side, p);
      if (ev) out.push(ev);
    }
    out.push(...expire());
    return out;
  };

  /**
   * A connection of one capture got its verdict: its segments go to the held set (to wait for the twin); one already
   * held (a late verdict after the settle) only gets the verdict attached.
   */
  function closeConnection(side: SideName, v: ConnectionVerdict): PairStreamEvent[] {
    const st = sides[side];
    const o = st.open.get(v.conn);
    if (o) {
      st.open.delete(v.conn);
      return hold(side, segmentsOf(v, o));
    }
    const held = st.byConn.get(v.conn);
    if (held) held.cs.verdict = v;
    return [];
  }

  return {
    get clock() {
      return clock;
    },
    get alignments() {
      return alignments;
    },
    get clocks() {
      return { client: sides.client.builder.clock, server: sides.server.builder.clock };
    },
    push(side, rec) {
      const st = sides[side];
      const r = st.builder.push(rec);
      if (r.segment) {
        const conn = r.segment.a.conn;
        const held = st.byConn.get(conn);
        if (held && !st.open.has(conn)) {
          // A late segment of a connection the tracker already closed (FIN after RST, last ACK): keep it with it.
          held.cs.all.push(r.segment);
          held.cs.byDir[r.segment.a.dir].push(r.segment);
          if (r.segment.t !== null) held.lastT = r.segment.t;
        } else {
          let o = st.open.get(conn);
          if (!o) st.open.set(conn, (o = []));
          o.push(r.segment);
        }
      }
      const out: PairStreamEvent[] = [];
      for (const v of r.closed) out.push(...closeConnection(side, v));
      out.push(...settle(side));
      return out;
    },
    finish() {
      const out: PairStreamEvent[] = [];
      for (const side of ['client', 'server'] as SideName[]) {
        const st = sides[side];
        for (const v of st.builder.finish()) out.push(...closeConnection(side, v));
      }
      const cs = [...sides.client.pending].map((p) => p.cs);
      const ss = [...sides.server.pending].map((p) => p.cs);
      const held = { client: [...sides.client.pending], server: [...sides.server.pending] };
      const { matches, best, gaveUp, alignments: n } = matchConnections(cs, ss, clock);
      alignments += n;
      const cut = (side: SideName, i: number): GaveUp | null => gaveUp.get(`${side === 'client' ? 'c' : 's'}:${i}`) ?? held[side][i].gaveUp;
      const accepted = matches.filter((m) => m.confidence >= minConfidence);
      for (const m of accepted) learnClock(m);
      for (const m of accepted) out.push(emitPair(cs[m.ci], ss[m.si], m));
      const pc = new Set(accepted.map((m) => m.ci));
      const ps = new Set(accepted.map((m) => m.si));
      cs.forEach((c, i) => {
        if (pc.has(i)) return;
        const b = best.get(`c:${i}`);
        out.push({ kind: 'unpaired', unpaired: { side: 'client', conn: c.verdict, diagnosis: diagnoseUnpaired('client', c, otherCapture()), best: b && b.confidence >= BEST_SHOWN ? { conn: ss[b.si].verdict.conn, confidence: b.confidence } : null, gaveUp: cut('client', i) } });
      });
      ss.forEach((s, i) => {
        if (ps.has(i)) return;
        const b = best.get(`s:${i}`);
        out.push({ kind: 'unpaired', unpaired: { side: 'server', conn: s.verdict, diagnosis: null, best: b && b.confidence >= BEST_SHOWN ? { conn: cs[b.ci].verdict.conn, confidence: b.confidence } : null, gaveUp: cut('server', i) } });
      });
      for (const side of ['client', 'server'] as SideName[]) {
        sides[side].pending.clear();
        sides[side].byConn.clear();
        sides[side].index.clear();
      }
      return out;
    },
  };
}
