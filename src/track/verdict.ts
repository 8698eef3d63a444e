// A connection's outcome: verdict code, close kind, Zeek conn_state and history, counts and times.

import type { ConnectionVerdict, VerdictCode, ZeekConnState } from '../model/verdict';
import { flowBytes, type Connection } from './connection';
import { roundSeconds } from './timestamp';

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

/** `origin`: seconds the capture clock subtracted from epoch/date readings (added back to start/end). */
export function buildVerdict(conn: Connection, origin = 0): ConnectionVerdict {
  const { c, s } = conn;
  const verdict = verdictCode(conn);
  const start = num(conn.firstTime + origin);
  const end = num(conn.lastTime + origin);
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
    duration: Number.isNaN(conn.lastTime - conn.firstTime) ? null : roundSeconds(conn.lastTime - conn.firstTime),
    packets: { c2s: c.packets, s2c: s.packets },
    bytes: { c2s: flowBytes(c, s), s2c: flowBytes(s, c) },
    synRetransmissions: c.synCount > 1 ? c.synCount - 1 : 0,
    handshakeRtt: conn.hs.rttAt !== null ? { at: conn.hs.rttAt, seconds: conn.hs.rtt } : null,
  };
  if (conn.evictedAt !== null) v.evictedAt = conn.evictedAt;
  return v;
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
