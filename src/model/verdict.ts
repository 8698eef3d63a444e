// Per-connection outcome: a stable verdict code plus Zeek-compatible conn_state and history.

import type { Endpoint } from './endpoint';
import type { CapturePoint, ResetPhase, Side } from './findings';
import type { EndStates } from './tcp-state';

export const VERDICT_CODES = [
  'normal-close',
  'refused',
  'no-answer',
  'reset-by-server',
  'reset-by-client',
  'idle-reset',
  'keepalive-timeout',
  'half-closed',
  'open',
  'incomplete',
] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

/**
 * Checks the capture's text could not support, each with the tcpdump option that would: `no-ttl` (a RST but no IP
 * header: `-v` shows TTL and IP id, who really sent it), `relative-only` (handshake unseen, numbers relative: `-S`),
 * `no-time` (no timestamps, `-t`: no RTO/TLP, stall or idle timing), `no-date` (time of day only: `-tttt` to match logs), `snaplen` (headers cut `[|tcp]`: `-s 0`), `incomplete-capture`
 * (tcpdump's statistics: packets dropped by the kernel, or received by the filter ≠ captured: a "lost" segment may only
 * be unseen).
 */
export const CAPTURE_LIMITS = ['no-ttl', 'relative-only', 'no-time', 'no-date', 'snaplen', 'incomplete-capture'] as const;
export type CaptureLimit = (typeof CAPTURE_LIMITS)[number];

/** Zeek conn.log `conn_state` values (base/protocols/conn/main.zeek). */
export const ZEEK_CONN_STATES = ['S0', 'S1', 'SF', 'REJ', 'S2', 'S3', 'RSTO', 'RSTR', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH'] as const;
export type ZeekConnState = (typeof ZEEK_CONN_STATES)[number];

export interface ConnectionVerdict {
  /** Connection id, stable within one input (`c1`, `c2`, ...). */
  conn: string;
  client: Endpoint;
  server: Endpoint;
  /** True when no SYN was seen and roles were decided from the ports. */
  roleGuessed: boolean;
  verdict: VerdictCode;
  /** For resets: when in the connection's life it came. */
  phase: ResetPhase | null;
  /** Who sent the RST (for reset verdicts). */
  resetBy: Side | null;
  /** normal-close: `4-way`, `3-way` (FIN piggybacked on the ACK of the peer's FIN) or `simultaneous`. */
  closeKind: '4-way' | '3-way' | 'simultaneous' | null;
  connState: ZeekConnState;
  /** Zeek history letters (upper case = originator/client, lower case = responder/server). */
  history: string;
  states: EndStates;
  firstLine: number;
  lastLine: number;
  /** Seconds since the epoch or since midnight, as the timestamps allow; null without timestamps. */
  start: number | null;
  end: number | null;
  duration: number | null;
  packets: { c2s: number; s2c: number };
  /** Payload bytes each way (sequence space covered, retransmissions counted once). */
  bytes: { c2s: number; s2c: number };
  /** SYN retransmissions before an answer (or before giving up). */
  synRetransmissions: number;
  handshakeRtt: { at: Side; seconds: number } | null;
  /**
   * Where the capture was taken, and the clues that agree (`interface-direction`: `-i any` In/Out; `ttl`: `-v` TTLs,
   * initial on locally sent packets; `handshake-timing`: SYN→SYN-ACK vs SYN-ACK→ACK). null when nothing tells.
   */
  capturePoint: CapturePoint | null;
  capturePointEvidence: Array<'interface-direction' | 'ttl' | 'handshake-timing'>;
  /**
   * Retransmissions by kind as classified on arrival (RetransmissionKind; `fast` includes SACK recovery, `other` the
   * `unknown` kind); `spurious`: resent bytes already acked, or proven unnecessary by a D-SACK.
   */
  retransmissions: { rto: number; fast: number; tlp: number; rtoOrTlp: number; other: number; spurious: number };
  /**
   * Zero-window stalls (a receive window at 0 until it reopened): how many, total and longest seconds, zero-window
   * probes sent meanwhile; `openSince`: the line where a stall began that had not ended when the verdict was made.
   * null when no window went to 0.
   */
  zeroWindow: { stalls: number; seconds: number; longest: number; probes: number; openSince: number | null } | null;
  /**
   * Keep-alives (both directions): sent, answers seen, probes with no answer captured, answers captured that the
   * prober's TS echo shows never arrived; `gaveUpBy`: the side whose RST followed its unanswered probes (its kernel
   * gave up: ETIMEDOUT); `returnPathBroken` when answers were lost. null when no keep-alive was seen.
   */
  /** What this capture's text could not show about the connection (see CAPTURE_LIMITS); empty when nothing. */
  limits: CaptureLimit[];
  keepAlive: {
    probes: number;
    answered: number;
    unanswered: number;
    answersLost: number;
    gaveUpBy: Side | null;
    gaveUpAfter: number;
    returnPathBroken: boolean;
  } | null;
  /**
   * Only when the tracker let the connection go before it ended, to keep its memory bounded (more connections
   * open at once than it holds; this one had been idle longest): the input line at which it did.
   */
  evictedAt?: number;
}
