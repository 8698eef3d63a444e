// A connection's outcome: verdict code, close kind, Zeek conn_state and history, counts and times.

import type { CaptureLimit, ConnectionVerdict, VerdictCode, ZeekConnState } from '../model/verdict';
import type { ResetEvidence } from '../model/findings';
import { buildProblems, connectionSeverity, findingCounts, findingFirstLines, findingsBySeverity } from './problems';
import { COORD_REL, TEXT_CUT, TEXT_IP, flowBytes, type Connection } from './connection';
import type { TimestampFormat } from './timestamp';
import { roundSeconds } from './timestamp';
import { capturePointOf } from './heuristics/capture-point';

/**
 * Zeek conn_state (base/protocols/conn/main.zeek), from what this capture saw: the client's SYN, the server's SYN-ACK,
 * FINs, and who reset.
 */
export function zeekConnState(conn: Connection): ZeekConnState {
  const { c, s } = conn;
  const syn = c.synSeen;
  const synAck = s.synSeen;
  const r = conn.reset;
  if (r) {
    if (r.by === 'client') return syn && !synAck ? 'RSTOS0' : 'RSTO';
    if (syn && !synAck) return 'REJ';
    if (!syn && synAck && !conn.hs.complete) return 'RSTRH';
    return 'RSTR';
  }
  const cf = c.finSeen;
  const sf = s.finSeen;
  if (cf && sf) return 'SF';
  if (cf) return syn && !synAck ? 'SH' : syn || synAck ? 'S2' : 'OTH';
  if (sf) return !syn && synAck ? 'SHR' : syn || synAck ? 'S3' : 'OTH';
  if (syn && !synAck) return 'S0';
  if (syn && synAck) return 'S1';
  return 'OTH';
}

/** Zeek history letters, in the order first seen (upper case = client/originator). */
export const HIST = {
  syn: 0x1,
  synAck: 0x2,
  ack: 0x4,
  data: 0x8,
  fin: 0x10,
  rst: 0x20,
} as const;

/**
 * Verdict code, read in this order: a RST decides by its class (heuristics/reset.ts): refused (refusal), reset-forged
 * (suspect, likely or certain: not sent by the end it claims), reset-no-connection (its sender had lost the
 * connection), idle-reset after a long silence, else reset by its sender; then an unanswered SYN (no-answer); then FINs (both: normal-close, one:
 * half-closed); then still established: open, or incomplete when the capture never saw the start.
 */
export function verdictCode(conn: Connection): VerdictCode {
  const { c, s } = conn;
  const r = conn.reset;
  if (r) {
    if (r.refused) return 'refused';
    if (r.cls === 'suspect' && r.confidence !== 'possible') return 'reset-forged';
    if (r.cls === 'no-connection') return 'reset-no-connection';
    // The RST came from a side whose keep-alives went unanswered: its kernel gave up (tcp_keepalive_timer).
    if (conn.kaTimeoutBy !== null && conn.kaTimeoutBy === r.by) return 'keepalive-timeout';
    if (r.idle) return 'idle-reset';
    return r.by === 'server' ? 'reset-by-server' : 'reset-by-client';
  }
  if (c.synSeen && !s.synSeen) return 'no-answer';
  const cf = c.finSeen;
  const sf = s.finSeen;
  if (cf && sf) return 'normal-close';
  if (cf || sf) return 'half-closed';
  if (!c.synSeen && !s.synSeen) return 'incomplete';
  return 'open';
}

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** What the tracker knows about the whole capture when a verdict is made. */
export interface CaptureFacts {
  /** The timestamp format read last (null: none printed). */
  format: TimestampFormat | null;
  /**
   * tcpdump's statistics lines said packets were dropped by the kernel (or received by the filter ≠ captured with no
   * kernel count): gaps anywhere may be the capture's.
   */
  incomplete: boolean;
  /**
   * Received by the filter > captured with 0 kernel drops: on Linux the difference is packets still buffered when
   * tcpdump stopped, so only the end may be missing, not segments in the middle.
   */
  unprintedAtEnd: boolean;
  /** The input's tcpdump command line had -t (no timestamps printed). */
  tFlag: boolean;
  /** Prose breaks so far (tracker.ts PASTED EXCERPTS): text lines between packet lines, each counted at the next packet. */
  proseBreaks: number;
}

const NO_FACTS: CaptureFacts = { format: null, incomplete: false, unprintedAtEnd: false, tFlag: false, proseBreaks: 0 };

/** Verdicts for which a wall-clock date would matter: matching the event with application or device logs. */
const NEEDS_DATE = new Set<VerdictCode>(['reset-by-server', 'reset-by-client', 'reset-no-connection', 'reset-forged', 'idle-reset', 'keepalive-timeout', 'no-answer', 'refused']);

/**
 * CAPTURE LIMITS
 * What the text could not support, and the tcpdump option that would: an RST's origin needs TTL/IP id (`-v`); without
 * the handshake, relative numbers hide the absolute ones (`-S`); without timestamps (`-t`) no timing can be judged; a time of day without a date cannot be matched with
 * logs (`-tttt`), said only for verdicts that send the reader to logs; `[|tcp]` cut headers (`-s 0`); tcpdump's own
 * statistics showing kernel drops make the capture incomplete; received > captured with no kernel drops means only
 * the last packets are missing (still buffered when tcpdump stopped); `-t` on the input's command line is named.
 */
function captureLimits(conn: Connection, verdict: VerdictCode, facts: CaptureFacts): CaptureLimit[] {
  const out: CaptureLimit[] = [];
  // Not when other evidence already names the sender: its timestamps continue on the RST (a middlebox's RST carries
  // none of the end's TCP options), or its own kernel reset after its keep-alives went unanswered.
  if (conn.reset !== null && (conn.textBits & TEXT_IP) === 0 && !(conn.reset.cls === 'abort' && attributed(conn.reset.evidence))) out.push('no-ttl');
  if (conn.c.coord === COORD_REL || conn.s.coord === COORD_REL) out.push('relative-only');
  if (Number.isNaN(conn.firstTime)) out.push(facts.tFlag ? 'no-time-flag' : 'no-time');
  else if (facts.format === 'time-of-day' && NEEDS_DATE.has(verdict)) out.push('no-date');
  if ((conn.textBits & TEXT_CUT) !== 0) out.push('snaplen');
  if (facts.incomplete) out.push('incomplete-capture');
  else if (facts.unprintedAtEnd) out.push('unprinted-at-end');
  return out;
}

/** A RST whose sender other evidence than TTL/IP id already shows: the claimed end's own TCP sent it. */
function attributed(ev: readonly ResetEvidence[]): boolean {
  for (let i = 0; i < ev.length; i++) if (ev[i].code === 'timestamps-continue' || ev[i].code === 'keepalive-gave-up') return true;
  return false;
}

/** The completed handshake's SYN→SYN-ACK and SYN-ACK→ACK gaps, or null when a time is missing. */
function handshakeGaps(conn: Connection): ConnectionVerdict['handshakeGaps'] {
  const { synTime, synAckTime, ackTime, complete } = conn.hs;
  if (!complete || Number.isNaN(synTime) || Number.isNaN(synAckTime) || Number.isNaN(ackTime)) return null;
  const g1 = synAckTime - synTime;
  const g2 = ackTime - synAckTime;
  return g1 < 0 || g2 < 0 ? null : { synToSynAck: roundSeconds(g1), synAckToAck: roundSeconds(g2) };
}

/** `origin`: seconds the capture clock subtracted from epoch/date readings (added back to start/end). */
export function buildVerdict(conn: Connection, origin = 0, facts: CaptureFacts = NO_FACTS): ConnectionVerdict {
  const { c, s } = conn;
  const verdict = verdictCode(conn);
  const problems = buildProblems(conn);
  const at = capturePointOf(conn);
  // The time of the first and the latest segment: unknown when that segment printed none, or printed only a time
  // relative to other packets (-ttt: since the previous one; -ttttt: since the first), which is no time of day.
  const relative = facts.format === 'delta' || facts.format === 'since-first';
  const start = conn.firstUntimed || relative ? null : num(conn.firstTime + origin);
  const end = conn.lastUntimed || relative ? null : num(conn.lastTime + origin);
  const v: ConnectionVerdict = {
    conn: conn.id,
    client: { ...c.endpoint },
    server: { ...s.endpoint },
    roleGuessed: conn.roleGuessed,
    verdict,
    phase: conn.reset ? conn.reset.phase : null,
    resetBy: conn.reset ? conn.reset.by : null,
    resetClass: conn.reset ? conn.reset.cls : null,
    resetConfidence: conn.reset ? conn.reset.confidence : null,
    resetEvidence: conn.reset ? conn.reset.evidence : [],
    closeKind: verdict === 'normal-close' ? closeKind(conn) : null,
    connState: zeekConnState(conn),
    history: conn.history,
    states: { client: c.state, server: s.state },
    firstLine: conn.firstLine,
    lastLine: conn.lastLine,
    start,
    end,
    duration: durationOf(conn),
    packets: { c2s: c.packets, s2c: s.packets },
    bytes: { c2s: flowBytes(c, s), s2c: flowBytes(s, c) },
    synRetransmissions: c.synCount > 1 ? c.synCount - 1 : 0,
    handshakeRtt: conn.hs.rttAt !== null && conn.hs.rttKnown ? { at: conn.hs.rttAt, seconds: conn.hs.rtt } : null,
    firstFin: conn.firstFin,
    severity: connectionSeverity(verdict, problems),
    problems,
    findingCounts: findingCounts(conn),
    findingFirstLines: findingFirstLines(conn),
    findingsBySeverity: findingsBySeverity(conn),
    capturePoint: at.point,
    capturePointEvidence: at.evidence,
    handshakeGaps: handshakeGaps(conn),
    retransmissions: { rto: conn.rtxRto, fast: conn.rtxFast, tlp: conn.rtxTlp, rtoOrTlp: conn.rtxRtoOrTlp, other: conn.rtxOther, spurious: conn.rtxSpurious },
    zeroWindow: zeroWindowFacts(conn),
    limits: captureLimits(conn, verdict, facts),
    keepAlive:
      c.kaSent + s.kaSent === 0
        ? null
        : {
            probes: c.kaSent + s.kaSent,
            answered: c.kaAnswered + s.kaAnswered,
            unanswered: c.kaUnanswered + s.kaUnanswered + (c.kaPending ? 1 : 0) + (s.kaPending ? 1 : 0),
            answersLost: c.kaAnswersLost + s.kaAnswersLost,
            gaveUpBy: conn.kaTimeoutBy,
            gaveUpAfter: conn.kaTimeoutProbes,
            returnPathBroken: conn.kaReturnBroken,
            probeEvery: probeStep(conn.kaTimeoutBy === 'server' || (conn.kaTimeoutBy === null && s.kaSent > c.kaSent) ? s : c),
          },
  };
  if (conn.evictedAt !== null) v.evictedAt = conn.evictedAt;
  if (conn.hs.resentBoth) v.handshakeResent = true;
  if (conn.reset !== null && conn.reset.retry !== undefined) v.retryAfterReset = conn.reset.retry;
  if (facts.proseBreaks > conn.proseBreaksAtFirst) v.excerpts = true;
  if (c.linuxSyn) v.clientLinuxSyn = true;
  if (conn.routed !== null) {
    const r = conn.routed;
    v.routed = { ...r, firstPair: [r.firstPair[0], r.firstPair[1]], mss: r.mss.map((m) => ({ ...m })) };
  }
  return v;
}

/** The longest step between two keep-alives of one end, rounded (null: fewer than two, or no timestamps). */
function probeStep(f: Connection['c']): number | null {
  return f.kaSent < 2 || Number.isNaN(f.kaEvery) ? null : roundSeconds(f.kaEvery);
}

/** Zero-window stalls so far; one still open counts up to the connection's last segment. */
function zeroWindowFacts(conn: Connection): ConnectionVerdict['zeroWindow'] {
  const open = conn.c.zwLine !== 0 ? conn.c : conn.s.zwLine !== 0 ? conn.s : null;
  if (conn.zwStalls === 0 && open === null) return null;
  let seconds = conn.zwStallSeconds;
  let longest = conn.zwLongest;
  let probes = conn.zwProbes;
  if (open !== null) {
    const d = conn.lastTime - open.zwTime;
    if (!Number.isNaN(d)) {
      const r = roundSeconds(d);
      seconds = roundSeconds(seconds + r);
      if (r > longest) longest = r;
    }
  }
  return { stalls: conn.zwStalls + (open !== null ? 1 : 0), seconds, longest, probes, openSince: open !== null ? open.zwLine : null };
}

/**
 * From the first segment to the latest, when both printed a time and they are two different segments: a paste whose
 * first or last line has no time has no known duration (seed 000: one timed line among 14 is not "0 ms").
 */
function durationOf(conn: Connection): number | null {
  if (conn.firstUntimed || conn.lastUntimed || conn.timed < 2) return null;
  return roundSeconds(conn.lastTime - conn.firstTime);
}

/**
 * Close kind: simultaneous when an end passed through CLOSING (both FINs crossed); 3-way when the second FIN carried
 * the only ACK of the first (seed 003's "three-packet close"); 4-way otherwise.
 */
function closeKind(conn: Connection): '4-way' | '3-way' | 'simultaneous' {
  if (conn.sawClosing) return 'simultaneous';
  if (conn.closeKind === '3-way') return '3-way';
  return '4-way';
}
