// Per-connection outcome: a stable verdict code plus Zeek-compatible conn_state and history.

import type { Endpoint } from './endpoint';
import type { FindingCode, ResetPhase, Severity, Side } from './findings';
import type { EndStates } from './tcp-state';

export const VERDICT_CODES = [
  'normal-close',
  'refused',
  'no-answer',
  'reset-by-server',
  'reset-by-client',
  'idle-reset',
  'half-closed',
  'open',
  'incomplete',
] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

/** Zeek conn.log `conn_state` values (base/protocols/conn/main.zeek). */
export const ZEEK_CONN_STATES = ['S0', 'S1', 'SF', 'REJ', 'S2', 'S3', 'RSTO', 'RSTR', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH'] as const;
export type ZeekConnState = (typeof ZEEK_CONN_STATES)[number];

/** How much trouble a connection had, for sorting: the worst of its close outcome and its problems. */
export const CONNECTION_SEVERITIES = ['ok', 'notice', 'warn', 'error'] as const;
export type ConnectionSeverity = (typeof CONNECTION_SEVERITIES)[number];

/**
 * What went wrong on the way, whatever the close outcome: one entry per kind (loss per sending side), dominant
 * first. Numbers are exact counts from the findings; `lines` are the first input lines that show it.
 */
export type Problem =
  | {
      /** Segments the `sender` had to send again, and how the loss was repaired. */
      code: 'loss';
      sender: Side;
      /** Retransmissions seen, by kind: fast (after duplicate ACKs), timeout (RTO), tail-loss probe, not classified. */
      retransmitted: number;
      fast: number;
      timeout: number;
      tlp: number;
      other: number;
      /** Retransmissions that proved unnecessary (bytes already acknowledged, or a D-SACK said so): not losses. */
      spurious: number;
      /** Segments lost: retransmissions that were needed, or more when this capture saw more holes. */
      lost: number;
      /** Holes before a segment (`tcp.previous_segment_not_captured`): lost before this capture point, or by it. */
      notCaptured: number;
      /** Duplicate ACKs the receiver sent while waiting for the missing bytes. */
      dupAcks: number;
      /** Both ends offered SACK (RFC 2018), so the receiver could say which later blocks arrived. */
      sack: boolean;
      /**
       * Time the repairs took, summed over episodes: from the first sign of the loss (a duplicate ACK, a hole, or
       * for a timer's retransmission the connection's last segment before it) to the ACK that covered every byte
       * retransmitted meanwhile; null when unknown (no timestamps, or nothing acknowledged in the capture) or when
       * there was nothing to repair (only unnecessary retransmissions).
       */
      repairSeconds: number | null;
      /** False when a retransmission was still not acknowledged at the end. */
      repaired: boolean;
      lines: number[];
    }
  | {
      /** The `by` end advertised a zero window: its peer had to stop sending. */
      code: 'zero-window';
      by: Side;
      /** Stalled time (from the first zero window to the window opening, or to the end of the capture), summed. */
      seconds: number | null;
      stalls: number;
      /** Window probes the peer sent while stalled (RFC 9293 §3.8.6.1). */
      probes: number;
      /** False when the window was still zero at the end. */
      reopened: boolean;
      lines: number[];
    }
  | {
      /** SYN or SYN-ACK sent again before the handshake completed (or unanswered). */
      code: 'handshake-retry';
      syn: number;
      synAck: number;
      /** Time the retries added before the handshake could complete (first SYN to the last retry before it did). */
      seconds: number | null;
      lines: number[];
    }
  | {
      /** The longest time nothing but keep-alives was sent, when long (≥ 1 s and ≥ 100 RTTs). */
      code: 'silence';
      seconds: number;
      /** Keep-alive probes sent inside that silence. */
      keepAlives: number;
      /** The last segment before the silence and the one that ended it. */
      lines: number[];
    }
  | {
      /** ACKs covered bytes this capture never showed: the capture missed segments (not the network). */
      code: 'capture-missed';
      segments: number;
      bytes: number;
      lines: number[];
    };
export type ProblemCode = Problem['code'];

/**
 * The one severity table: close outcome → severity, and problem → severity. A connection's severity is the worst
 * of its verdict's and its problems' (track/problems `connectionSeverity`). A new verdict code or problem code must
 * get its entry here (the types require it).
 */
export const SEVERITY: {
  verdict: Record<VerdictCode, ConnectionSeverity>;
  problem: { [P in ProblemCode]: (p: Extract<Problem, { code: P }>) => ConnectionSeverity };
} = {
  verdict: {
    'normal-close': 'ok',
    open: 'ok',
    incomplete: 'notice',
    'half-closed': 'notice',
    'reset-by-client': 'error',
    'reset-by-server': 'error',
    'idle-reset': 'error',
    refused: 'error',
    'no-answer': 'error',
  },
  problem: {
    // A segment lost and resent: warn; only unnecessary retransmissions: notice.
    loss: (p) => (p.lost > 0 ? 'warn' : 'notice'),
    'zero-window': () => 'warn',
    'handshake-retry': () => 'warn',
    silence: () => 'notice',
    'capture-missed': () => 'notice',
  },
};

export const problemSeverity = (p: Problem): ConnectionSeverity => (SEVERITY.problem[p.code] as (p: Problem) => ConnectionSeverity)(p);

export const severityRank = (s: ConnectionSeverity): number => CONNECTION_SEVERITIES.indexOf(s);

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
  /** The end whose FIN came first (the active closer); its peer is the one whose read() returned 0 (EOF). */
  firstFin: Side | null;
  /** The worst of the close outcome (`verdict`) and the problems. */
  severity: ConnectionSeverity;
  /** What went wrong on the way, dominant first (empty when nothing did). */
  problems: Problem[];
  /** Findings on this connection's segments, counted by code (codes never seen are absent). */
  findingCounts: Partial<Record<FindingCode, number>>;
  findingsBySeverity: Record<Severity, number>;
  /**
   * Only when the tracker let the connection go before it ended, to keep its memory bounded (more connections
   * open at once than it holds; this one had been idle longest): the input line at which it did.
   */
  evictedAt?: number;
}
