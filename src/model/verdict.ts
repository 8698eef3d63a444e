// Per-connection outcome: a stable verdict code plus Zeek-compatible conn_state and history.

import type { Endpoint } from './endpoint';
import type { ResetClass, ResetConfidence, ResetEvidence, ResetPhase, Side } from './findings';
import type { EndStates } from './tcp-state';

export const VERDICT_CODES = [
  'normal-close',
  'refused',
  'no-answer',
  'reset-by-server',
  'reset-by-client',
  'idle-reset',
  'reset-no-connection',
  'reset-forged',
  'half-closed',
  'open',
  'incomplete',
] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

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
  /** For resets: what the RST that ended the connection was, how sure, and why (model/findings ResetClass). */
  resetClass: ResetClass | null;
  resetConfidence: ResetConfidence | null;
  resetEvidence: ResetEvidence[];
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
   * Only when the tracker let the connection go before it ended, to keep its memory bounded (more connections
   * open at once than it holds; this one had been idle longest): the input line at which it did.
   */
  evictedAt?: number;
}
