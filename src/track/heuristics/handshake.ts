// Handshake heuristics: SYN options remembered per side, negotiated options, window scaling, and the handshake RTT.

import type { Finding, Side } from '../../model/findings';
import { findOption, type TcpOption } from '../../model/tcp-options';
import { ACK, RST, SYN } from '../../model/tcp-flags';
import type { Connection, Flow } from '../connection';
import type { SegmentContext } from '../segment-context';
import { capturePointOf } from './capture-point';
import { synAckEchoesFirstSyn } from './retransmission';
import { roundSeconds } from '../timestamp';

/** Remember what a SYN or SYN-ACK offered (RFC 9293 §3.7.1 MSS, RFC 7323 §2/§3 wscale and TS, RFC 2018 SACK-permitted). */
export function recordSynOptions(f: Flow, options: readonly TcpOption[] | null): void {
  f.synSeen = true;
  f.wsOffered = -1;
  f.mss = -1;
  f.sackOk = false;
  f.tsOk = false;
  if (!options) return;
  for (const o of options) {
    switch (o.kind) {
      case 'mss': f.mss = o.value; break;
      case 'wscale': f.wsOffered = o.value > 14 ? 14 : o.value; break; // RFC 7323 §2.3: shifts above 14 are used as 14
      case 'sackOK': f.sackOk = true; break;
      case 'ts': f.tsOk = true; break;
      default: break;
    }
  }
}

/**
 * WINDOW SCALING
 * Scaling is in effect only when both SYNs carried the option; each side then shifts its own windows by the count it
 * offered, and never a SYN's window (RFC 7323 §2.2–2.3). A SYN-ACK with wscale implies the client offered it too;
 * a SYN-ACK without it means no scaling either way.
 */
export function settleWindowScale(conn: Connection): void {
  const { c, s } = conn;
  if (c.synSeen && s.synSeen) {
    const on = c.wsOffered >= 0 && s.wsOffered >= 0;
    c.winScale = on ? c.wsOffered : 0;
    s.winScale = on ? s.wsOffered : 0;
  } else if (s.synSeen) {
    if (s.wsOffered < 0) {
      c.winScale = 0;
      s.winScale = 0;
    } else s.winScale = s.wsOffered;
  } else if (c.synSeen && c.wsOffered < 0) {
    c.winScale = 0;
    s.winScale = 0;
  }
}

/**
 * NEGOTIATED OPTIONS / OPTION NOT OFFERED / OPTIONS INFERRED FROM THE SYN-ACK
 * At the SYN-ACK, what both SYNs agreed on: MSS each way, window-scale shifts, SACK and timestamps (each needs both
 * sides, RFC 2018 §2, RFC 7323 §3.2). A side that did not offer an option its peer offered gets `option_not_offered`.
 * When the capture starts at the SYN-ACK, the client's SYN is inferred from it: a SYN-ACK carries window scaling,
 * SACK-permitted and timestamps only when the SYN offered them (RFC 7323 §2.2: "only if ... received in the initial
 * <SYN>"; §3.2; RFC 2018 §2), so each present option was offered by the client too, and its TS echo is the SYN's TSval.
 * The client's shift and MSS stay unknown.
 */
export function reportOptions(ctx: SegmentContext, options: readonly TcpOption[] | null): void {
  const { conn } = ctx;
  const { c, s } = conn;
  if (conn.hs.optionsReported || !s.synSeen) return;
  conn.hs.optionsReported = true;
  conn.hs.optionsDeferred = false;
  const both = c.synSeen;
  let inferred: { wscale: boolean; sack: boolean; timestamps: boolean; synTsVal: number | null } | null = null;
  if (!both) {
    let synTsVal: number | null = null;
    if (options) for (const o of options) if (o.kind === 'ts') synTsVal = o.ecr;
    inferred = { wscale: s.wsOffered >= 0, sack: s.sackOk, timestamps: s.tsOk, synTsVal: s.tsOk ? synTsVal : null };
  }
  const clamped = clampedMss(conn);
  const found: Extract<Finding, { code: 'tcp.options_negotiated' }> = {
    code: 'tcp.options_negotiated',
    mss: { client: both && c.mss >= 0 ? c.mss : null, server: s.mss >= 0 ? s.mss : null },
    wscale: { client: both && c.wsOffered >= 0 ? c.wsOffered : null, server: s.wsOffered >= 0 ? s.wsOffered : null },
    sack: both ? c.sackOk && s.sackOk : s.sackOk,
    timestamps: both ? c.tsOk && s.tsOk : s.tsOk,
    inferred,
  };
  // Added last, as the spread `...(clamped ? { clamped } : {})` did (same key order); the spread went through V8's
  // generic object-clone path: 2.5 % of the tracker's profile, once per handshake.
  if (clamped !== null) found.clamped = clamped;
  ctx.findings.push(found);
  if (!both) return;
  notOffered(ctx, 'mss', c.mss >= 0, s.mss >= 0);
  notOffered(ctx, 'wscale', c.wsOffered >= 0, s.wsOffered >= 0);
  notOffered(ctx, 'sackOK', c.sackOk, s.sackOk);
  notOffered(ctx, 'ts', c.tsOk, s.tsOk);
}

/**
 * OPTIONS AFTER MSS CLAMPING
 * On a host that forwards the connection (track/copies.ts SAME PACKET, FORWARDED) and rewrote the SYN's MSS option, the
 * SYN-ACK's own copy (µs after it) tells what the client received: the options finding waits for the connection's next
 * analysed segment (the handshake's ACK, after that copy), so it can say what each end was announced and what it
 * received. Streaming: one flag, no lookahead.
 */
export function deferOptions(conn: Connection): boolean {
  if (conn.routed === null || conn.routed.mss.length === 0 || !conn.c.synSeen) return false;
  conn.hs.optionsDeferred = true;
  return true;
}

/** What each end received after this host's MSS rewrite; null without a rewrite or when an end announced none. */
function clampedMss(conn: Connection): { client: number; server: number } | null {
  const r = conn.routed;
  if (r === null || r.mss.length === 0 || conn.c.mss < 0 || conn.s.mss < 0) return null;
  let client = conn.s.mss;
  let server = conn.c.mss;
  for (const m of r.mss) {
    if (m.sender === 'client') server = m.to;
    else client = m.to;
  }
  return { client, server };
}

function notOffered(ctx: SegmentContext, option: 'mss' | 'wscale' | 'sackOK' | 'ts', client: boolean, server: boolean): void {
  if (client && !server) ctx.findings.push({ code: 'tcp.option_not_offered', option, side: 'server' });
  else if (server && !client) ctx.findings.push({ code: 'tcp.option_not_offered', option, side: 'client' });
}

/**
 * Remember handshake times: the last SYN-ACK, and the last SYN before it (after a lost SYN or SYN-ACK, the round trip
 * that completed is the last one; RFC 6298 §3 Karn: never time a retransmitted exchange against its first copy).
 */
export function noteHandshakeTimes(ctx: SegmentContext): void {
  const hs = ctx.conn.hs;
  if ((ctx.bits & SYN) === 0 || hs.complete || Number.isNaN(ctx.time)) return;
  if (ctx.bits & ACK) {
    if (ctx.sender === 'server') {
      hs.synAckTime = ctx.time;
      hs.synAckLine = ctx.line;
    }
  } else if (ctx.sender === 'client') {
    hs.synTime = ctx.time;
    hs.synLine = ctx.line;
    hs.synAckTime = NaN;
  }
}

/**
 * HANDSHAKE LINES
 * Which lines the handshake's retries are, for the verdict to name them (problems.ts handshake-retry): the first
 * SYN-ACK captured, the client's first resent SYN, and each SYN-ACK resend with the resent SYN it answers (the client's
 * latest SYN came after the server's previous SYN-ACK, as `answersResentSyn` in retransmission.ts) or 0 for the
 * server's own SYN-ACK timer (reqsk_timer_handler). Called before the SYN counts and times take this segment.
 * `resend`: the segment repeats an ISN already seen (synRetransmission).
 */
export function noteHandshakeLines(ctx: SegmentContext, resend: boolean): void {
  const { S, R } = ctx;
  const hs = ctx.conn.hs;
  if ((ctx.bits & ACK) === 0) {
    if (ctx.sender !== 'client') return;
    if (resend && hs.synResentLine === 0) hs.synResentLine = ctx.line;
    hs.synLastLine = ctx.line;
    return;
  }
  if (ctx.sender !== 'server') return;
  const firstUnseen = S.synAckCount === 0 && R.synCount >= 2 && synAckEchoesFirstSyn(ctx) === true;
  if (S.synAckCount === 0) hs.synAckFirstLine = ctx.line;
  if (!resend && !firstUnseen) return;
  const answers = R.synCount >= 2 && R.lastSynTime > S.lastSynTime ? hs.synLastLine : 0;
  const list = (hs.synAckResends ??= []);
  if (list.length < 4) list.push({ line: ctx.line, answers });
}

/**
 * Between two ends, both gaps are network crossings: when the smaller is at least this share of the larger (and above
 * BETWEEN_MIN), the capture point is on the path.
 */
const BETWEEN_RATIO = 0.25;
/** A host's own turnaround (SYN → SYN-ACK at the server, SYN-ACK → ACK at the client) stays well below this. */
const BETWEEN_MIN = 0.001;
/**
 * CLEAR HANDSHAKE TIMING
 * One host's own turnaround (a SYN-ACK after a SYN at the server, an ACK after a SYN-ACK at the client) is not a
 * fixed delay: softirq scheduling moves it by tens of µs. On the samples' veth links (no path delay to speak of) the
 * server's turnaround alone ranges 8–28 µs and the client's 11–36 µs, so two gaps of 24 and 26 µs (idle-reset/
 * server.txt) are two turnarounds, not a round trip and a turnaround. A gap names the capture point only when it is
 * at least CLEAR_RATIO times the other AND longer by CLEAR_MIN: a round trip that holds the path and the far host's
 * turnaround is then plainly the larger one (client captures here: 45–312 µs against 11–36 µs).
 */
const CLEAR_RATIO = 2;
const CLEAR_MIN = 0.00002;

/** The larger gap is clearly the round trip: CLEAR_RATIO times the smaller and CLEAR_MIN longer. */
export function clearlyLarger(big: number, small: number): boolean {
  return big >= CLEAR_RATIO * small && big - small >= CLEAR_MIN;
}

/**
 * CAPTURE POINT FROM HANDSHAKE TIMING
 * g1 = SYN→SYN-ACK, g2 = SYN-ACK→ACK. At the client g2 is its own stack answering (µs) and g1 holds the path and the
 * server's turnaround; at the server g1 is its own turnaround and g2 holds the path and the client's turnaround. Only
 * a clear difference (CLEAR HANDSHAKE TIMING) names an end. A tap between them sees each gap as a round trip to one
 * side: both ≥ 1 ms and of a similar size. Anything else (two turnarounds of a similar size on a µs path) tells nothing.
 */
function timingPoint(g1: number, g2: number): 'client' | 'server' | 'between' | null {
  if (Number.isNaN(g1) || Number.isNaN(g2) || g1 < 0 || g2 < 0) return null;
  const lo = Math.min(g1, g2);
  const hi = Math.max(g1, g2);
  if (lo >= BETWEEN_MIN && lo >= BETWEEN_RATIO * hi) return 'between';
  if (clearlyLarger(g1, g2)) return 'client';
  if (clearlyLarger(g2, g1)) return 'server';
  return null;
}

/**
 * HANDSHAKE RTT
 * At the ACK that completes the handshake: at the client the SYN→SYN-ACK gap is the network round trip and the
 * SYN-ACK→ACK gap is local; at the server it is the other way round. Where the capture point is known (an `-i any`
 * direction, -v TTLs, a clear timing difference: CAPTURE POINT FROM HANDSHAKE TIMING), its gap is the round trip.
 * Unknown, either gap may be the round trip: the finding gives both (`gaps`) and no single value is reported
 * (`rttKnown` false: the summary prints "-"); `hs.rtt` keeps the larger, an upper bound, for the heuristics' thresholds.
 * KARN: when the SYN and the SYN-ACK were both sent more than once, which SYN-ACK answers which SYN (and which the ACK
 * acknowledges) is ambiguous, so no round trip is taken from the handshake (RFC 6298 §3); no finding, and the verdict
 * says why. The placement by timing stands (the ACK right after a SYN-ACK is the client's own stack answering).
 */
export function handshakeRtt(ctx: SegmentContext, synDirection: 'In' | 'Out' | null): void {
  const { conn } = ctx;
  const hs = conn.hs;
  if (hs.complete || ctx.sender !== 'client' || (ctx.bits & (SYN | ACK)) !== ACK) return;
  if (Number.isNaN(hs.synAckTime) || conn.s.isn < 0 || ctx.ack !== (conn.s.isn + 1) % 0x1_0000_0000) return;
  hs.complete = true;
  hs.ackTime = ctx.time;
  if (Number.isNaN(ctx.time)) return;
  const g2 = ctx.time - hs.synAckTime;
  const g1 = Number.isNaN(hs.synTime) ? NaN : hs.synAckTime - hs.synTime;
  if (!Number.isNaN(hs.synTime)) hs.irtt = roundSeconds(ctx.time - hs.synTime);
  let at: Side;
  if (synDirection === 'Out') at = 'client';
  else if (synDirection === 'In') at = 'server';
  else if (Number.isNaN(g1)) at = 'server';
  else at = g1 >= g2 ? 'client' : 'server';
  hs.timingAt = timingPoint(g1, g2);
  // Every clue known now (-i any directions, -v TTLs, this timing), as the verdict will weigh them.
  const capture = capturePointOf(conn).point;
  hs.resentBoth = conn.c.synCount >= 2 && (conn.s.synAckCount >= 2 || hs.firstSynAckResent);
  // Where the capture point is known, its own gap is the round trip (at the server, SYN → SYN-ACK is local).
  if (capture === 'client' && !Number.isNaN(g1)) at = 'client';
  else if (capture === 'server') at = 'server';
  const seconds = roundSeconds(capture === 'between' ? g1 + g2 : at === 'client' ? g1 : g2);
  if (Number.isNaN(seconds)) return;
  hs.rtt = seconds;
  hs.rttAt = at;
  hs.rttKnown = capture !== null && !hs.resentBoth;
  if (hs.resentBoth) return;
  // On a forwarding host the round trip between the ends includes this host's own forwarding of the SYN and SYN-ACK.
  const fwd = capture === 'between' && conn.routed !== null && !Number.isNaN(hs.forwardSyn) && !Number.isNaN(hs.forwardSynAck);
  ctx.findings.push(
    fwd
      ? {
          code: 'tcp.handshake_rtt',
          at,
          seconds,
          capture,
          forwarding: {
            syn: roundSeconds(hs.forwardSyn),
            synAck: roundSeconds(hs.forwardSynAck),
            serverSide: roundSeconds(g1),
            clientSide: roundSeconds(g2 - hs.forwardSynAck),
            lines: { syn: hs.synLine, synAck: hs.synAckLine, synAckCopy: hs.synAckCopyLine, ack: ctx.line },
          },
        }
      : capture === null && !Number.isNaN(g1)
        ? { code: 'tcp.handshake_rtt', at, seconds, capture, gaps: { synToSynAck: roundSeconds(g1), synAckToAck: roundSeconds(g2) } }
        : { code: 'tcp.handshake_rtt', at, seconds, capture },
  );
}

/**
 * TIMESTAMPS MISSING
 * Once both SYNs carried TSopt, RFC 7323 §3.2 says it MUST be sent on every non-RST segment (and a receiver SHOULD drop
 * one without it). A segment with TSopt whose TS ecr is 0, the sender's first timestamped segment after its SYN, while
 * the peer has sent segments after its own SYN and none carried TSopt: the peer's TSvals never reached the echoing end
 * (an echo of 0 says it holds none: seed 000 c1, the server echoing `ecr 0` to a client whose segments show no
 * options). Either a device on the path strips or rewrites the options, or the paste was trimmed. Reported once per
 * end: the echoing end's later segments are no longer its first timestamped one.
 */
export function timestampsMissing(ctx: SegmentContext): void {
  const { S, R, conn } = ctx;
  if ((ctx.bits & (SYN | RST)) !== 0 || !conn.c.synSeen || !conn.s.synSeen || !conn.c.tsOk || !conn.s.tsOk) return;
  if (S.tsVal >= 0 || R.tsVal >= 0 || R.lastLine === 0 || (R.lastBits & SYN) !== 0) return;
  const ts = findOption(ctx.options, 'ts');
  if (ts === undefined || ts.ecr !== 0) return;
  ctx.findings.push({ code: 'tcp.timestamps_missing', by: ctx.sender === 'client' ? 'server' : 'client' });
}
