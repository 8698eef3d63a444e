// RFC 9293 §3.3.2 endpoint states of both ends, advanced by each observed segment as one observation point allows.

import type { Side } from '../model/findings';
import { TCP_STATES, type EndStates, type TcpState } from '../model/tcp-state';
import { ACK, FIN, RST, SYN } from '../model/tcp-flags';
import type { Connection, Flow } from './connection';

export type Transition = { end: Side; from: TcpState | null; to: TcpState };

/**
 * Inputs the state machine needs beyond the flags: whether this segment's ACK covers the receiver's SYN or FIN, and
 * whether its FIN is new (a retransmitted FIN changes nothing). One object reused for every segment (the tracker runs
 * one segment at a time), so the per-segment call allocates nothing.
 */
export interface StateInput {
  bits: number;
  acksPeerSyn: boolean;
  acksPeerFin: boolean;
  newFin: boolean;
}

function move(out: Transition[], end: Side, f: Flow, to: TcpState): void {
  if (f.state === to) return;
  out.push({ end, from: f.state, to });
  f.state = to;
}

/**
 * Apply one segment sent by `sender` to both ends, assuming it reaches the receiver as observed (the usual reading of a
 * single capture; RFC 9293 §3.10.7). The sender moves on sending, the receiver on arrival:
 * - SYN: sender CLOSED → SYN_SENT; receiver (unknown) → LISTEN, or SYN_SENT → SYN_RECEIVED (simultaneous open).
 * - SYN-ACK: sender → SYN_RECEIVED; receiver SYN_SENT → ESTABLISHED (it acknowledges our SYN).
 * - ACK of a SYN: SYN_RECEIVED → ESTABLISHED. ACK of a FIN: FIN_WAIT_1 → FIN_WAIT_2, CLOSING → TIME_WAIT, LAST_ACK → CLOSED.
 * - FIN: sender ESTABLISHED/SYN_RECEIVED → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK (→ CLOSING when its FIN does not ack
 *   the peer's: they crossed); receiver ESTABLISHED → CLOSE_WAIT,
 *   FIN_WAIT_1 → CLOSING (simultaneous close), FIN_WAIT_2 → TIME_WAIT. A FIN that also acks the receiver's FIN takes
 *   it FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT (the 3-packet close).
 * - RST: both ends → CLOSED.
 * A segment that is not a SYN, seen with no earlier state, means the capture started mid-connection: both ends are
 * taken as ESTABLISHED before it.
 */
export function advanceStates(conn: Connection, sender: Side, input: StateInput, out: Transition[]): void {
  const start = out.length;
  const unknownClient = conn.c.state === null;
  const unknownServer = conn.s.state === null;
  applySegment(conn, sender, input, out);
  if (out.length === start) return;
  // An end seen for the first time has no observed history: one transition from "unknown" to where it is now.
  if (unknownClient) collapse(out, start, 'client');
  if (unknownServer) collapse(out, start, 'server');
  conn.states = endStates(conn.c.state, conn.s.state);
}

const STATE_LIST: ReadonlyArray<TcpState | null> = [null, ...TCP_STATES];

/** Every pair of end states as one frozen object, made once (Object.freeze per change cost ~60 ns, a look-up ~5 ns). */
const END_STATES: readonly EndStates[] = STATE_LIST.flatMap((client) => STATE_LIST.map((server) => Object.freeze({ client, server })));

/** The shared EndStates object for a pair of states. */
export function endStates(client: TcpState | null, server: TcpState | null): EndStates {
  return END_STATES[STATE_LIST.indexOf(client) * STATE_LIST.length + STATE_LIST.indexOf(server)];
}

function collapse(out: Transition[], start: number, end: Side): void {
  let first = -1;
  for (let i = start; i < out.length; i++) {
    if (out[i].end !== end) continue;
    if (first < 0) first = i;
    else {
      out[first] = { end, from: null, to: out[i].to };
      out.splice(i, 1);
      i--;
    }
  }
}

function applySegment(conn: Connection, sender: Side, input: StateInput, out: Transition[]): void {
  const X = sender === 'client' ? conn.c : conn.s;
  const Y = sender === 'client' ? conn.s : conn.c;
  const receiver: Side = sender === 'client' ? 'server' : 'client';
  const { bits } = input;

  if (bits & RST) {
    move(out, sender, X, 'CLOSED');
    move(out, receiver, Y, 'CLOSED');
    return;
  }

  if (bits & SYN) {
    if (bits & ACK) {
      if (X.state === null || X.state === 'LISTEN' || X.state === 'CLOSED' || X.state === 'SYN_SENT') move(out, sender, X, 'SYN_RECEIVED');
      if (Y.state === null || Y.state === 'SYN_SENT' || Y.state === 'SYN_RECEIVED' || Y.state === 'CLOSED') move(out, receiver, Y, 'ESTABLISHED');
    } else {
      // A LISTEN end that sends its own SYN is opening actively too (RFC 9293 §3.10.2 SEND in LISTEN).
      if (X.state === null || X.state === 'CLOSED' || X.state === 'TIME_WAIT' || X.state === 'LISTEN') move(out, sender, X, 'SYN_SENT');
      if (Y.state === null || Y.state === 'CLOSED' || Y.state === 'TIME_WAIT') move(out, receiver, Y, 'LISTEN');
      else if (Y.state === 'SYN_SENT') move(out, receiver, Y, 'SYN_RECEIVED');
    }
    if (bits & FIN) applyFin(out, sender, X, receiver, Y, input);
    return;
  }

  // Mid-connection start: whatever was before this segment, both ends were synchronised.
  if (X.state === null) move(out, sender, X, 'ESTABLISHED');
  if (Y.state === null) move(out, receiver, Y, 'ESTABLISHED');

  if (bits & ACK) {
    // The sender acknowledging its peer's SYN completes its own side of the handshake too (a lost SYN-ACK view).
    if (X.state === 'SYN_SENT' || X.state === 'SYN_RECEIVED') move(out, sender, X, 'ESTABLISHED');
    if (input.acksPeerSyn && Y.state === 'SYN_RECEIVED') move(out, receiver, Y, 'ESTABLISHED');
    if (input.acksPeerFin) {
      if (Y.state === 'FIN_WAIT_1') move(out, receiver, Y, 'FIN_WAIT_2');
      else if (Y.state === 'CLOSING') move(out, receiver, Y, 'TIME_WAIT');
      else if (Y.state === 'LAST_ACK') move(out, receiver, Y, 'CLOSED');
    }
  }
  if (bits & FIN) applyFin(out, sender, X, receiver, Y, input);
}

function applyFin(out: Transition[], sender: Side, X: Flow, receiver: Side, Y: Flow, input: StateInput): void {
  if (!input.newFin) return;
  if (X.state === 'ESTABLISHED' || X.state === 'SYN_RECEIVED' || X.state === 'SYN_SENT') move(out, sender, X, 'FIN_WAIT_1');
  else if (X.state === 'CLOSE_WAIT') {
    // A FIN that does not acknowledge the peer's FIN was sent before that FIN arrived: the FINs crossed
    // (simultaneous close, RFC 9293 Figure 13), so this end goes FIN_WAIT_1 → CLOSING, not to LAST_ACK.
    if (Y.finSeen && !Y.finAcked) move(out, sender, X, 'CLOSING');
    else move(out, sender, X, 'LAST_ACK');
  }
  if (Y.state === 'ESTABLISHED' || Y.state === 'SYN_RECEIVED' || Y.state === 'LISTEN') move(out, receiver, Y, 'CLOSE_WAIT');
  else if (Y.state === 'FIN_WAIT_1') move(out, receiver, Y, 'CLOSING');
  else if (Y.state === 'FIN_WAIT_2') move(out, receiver, Y, 'TIME_WAIT');
}
