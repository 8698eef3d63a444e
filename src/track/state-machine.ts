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
  /** A RST its receiver drops or answers with a challenge ACK (RFC 5961 §3.2): no state changes. */
  rstIgnored: boolean;
  /** A RST shown not to come from its claimed sender (heuristics/reset.ts): only its receiver closes. */
  rstReceiverOnly: boolean;
}

/** The transitions of the segment being applied (one segment at a time), and how many there are. */
const pending: Transition[] = [];
let count = 0;

/** What a segment without a state change carries: one frozen empty list (consumers only read it). */
export const NO_TRANSITIONS: Transition[] = Object.freeze([]) as unknown as Transition[];

function move(end: Side, f: Flow, to: TcpState): void {
  if (f.state === to) return;
  pending[count++] = transition(end, f.state, to);
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
 * - RST: both ends → CLOSED; only the receiver when the RST is shown not to come from its claimed sender; neither when
 *   the receiver would not accept it (RFC 5961 §3.2). A sender that had no connection (refusal, no-connection RST) is
 *   set CLOSED by the tracker before this, without a transition: it was CLOSED all along.
 * A segment that is not a SYN, seen with no earlier state, means the capture started mid-connection: both ends are
 * taken as ESTABLISHED before it.
 */
export function advanceStates(conn: Connection, sender: Side, input: StateInput): Transition[] {
  // Most segments: both ends ESTABLISHED, no SYN/FIN/RST, no FIN acknowledged; none of the rules below can fire.
  if ((input.bits & (SYN | FIN | RST)) === 0 && !input.acksPeerFin && conn.c.state === 'ESTABLISHED' && conn.s.state === 'ESTABLISHED') {
    return NO_TRANSITIONS;
  }
  const unknownClient = conn.c.state === null;
  const unknownServer = conn.s.state === null;
  count = 0;
  applySegment(conn, sender, input);
  if (count === 0) return NO_TRANSITIONS;
  // An end seen for the first time has no observed history: one transition from "unknown" to where it is now.
  if (unknownClient) collapse('client');
  if (unknownServer) collapse('server');
  conn.states = endStates(conn.c.state, conn.s.state);
  return pending.slice(0, count);
}

const STATE_LIST: ReadonlyArray<TcpState | null> = [null, ...TCP_STATES];

/** Every pair of end states as one frozen object, made once (Object.freeze on each change cost 50–80 ns). */
const END_STATES: readonly EndStates[] = STATE_LIST.flatMap((client) => STATE_LIST.map((server) => Object.freeze({ client, server })));

/** The shared EndStates object for a pair of states. */
export function endStates(client: TcpState | null, server: TcpState | null): EndStates {
  return END_STATES[STATE_LIST.indexOf(client) * STATE_LIST.length + STATE_LIST.indexOf(server)];
}

/** Every transition as one frozen object, made once: about one segment in six changes a state. */
const TRANSITIONS: readonly Transition[] = (['client', 'server'] as const).flatMap((end) =>
  STATE_LIST.flatMap((from) => TCP_STATES.map((to) => Object.freeze({ end, from, to }))),
);

function transition(end: Side, from: TcpState | null, to: TcpState): Transition {
  return TRANSITIONS[((end === 'client' ? 0 : STATE_LIST.length) + STATE_LIST.indexOf(from)) * TCP_STATES.length + TCP_STATES.indexOf(to)];
}

/** Fold an end's transitions into one, from "unknown" to its last state. */
function collapse(end: Side): void {
  let first = -1;
  for (let i = 0; i < count; i++) {
    if (pending[i].end !== end) continue;
    if (first < 0) first = i;
    else {
      pending[first] = transition(end, null, pending[i].to);
      for (let j = i + 1; j < count; j++) pending[j - 1] = pending[j];
      count--;
      i--;
    }
  }
}

function applySegment(conn: Connection, sender: Side, input: StateInput): void {
  const X = sender === 'client' ? conn.c : conn.s;
  const Y = sender === 'client' ? conn.s : conn.c;
  const receiver: Side = sender === 'client' ? 'server' : 'client';
  const { bits } = input;

  if (bits & RST) {
    if (input.rstIgnored) return;
    if (!input.rstReceiverOnly) move(sender, X, 'CLOSED');
    move(receiver, Y, 'CLOSED');
    return;
  }

  if (bits & SYN) {
    if (bits & ACK) {
      if (X.state === null || X.state === 'LISTEN' || X.state === 'CLOSED' || X.state === 'SYN_SENT') move(sender, X, 'SYN_RECEIVED');
      if (Y.state === null || Y.state === 'SYN_SENT' || Y.state === 'SYN_RECEIVED' || Y.state === 'CLOSED') move(receiver, Y, 'ESTABLISHED');
    } else {
      // A LISTEN end that sends its own SYN is opening actively too (RFC 9293 §3.10.2 SEND in LISTEN).
      if (X.state === null || X.state === 'CLOSED' || X.state === 'TIME_WAIT' || X.state === 'LISTEN') move(sender, X, 'SYN_SENT');
      if (Y.state === null || Y.state === 'CLOSED' || Y.state === 'TIME_WAIT') move(receiver, Y, 'LISTEN');
      else if (Y.state === 'SYN_SENT') move(receiver, Y, 'SYN_RECEIVED');
    }
    if (bits & FIN) applyFin(sender, X, receiver, Y, input);
    return;
  }

  // Mid-connection start: whatever was before this segment, both ends were synchronised.
  if (X.state === null) move(sender, X, 'ESTABLISHED');
  if (Y.state === null) move(receiver, Y, 'ESTABLISHED');

  if (bits & ACK) {
    // The sender acknowledging its peer's SYN completes its own side of the handshake too (a lost SYN-ACK view).
    if (X.state === 'SYN_SENT' || X.state === 'SYN_RECEIVED') move(sender, X, 'ESTABLISHED');
    if (input.acksPeerSyn && Y.state === 'SYN_RECEIVED') move(receiver, Y, 'ESTABLISHED');
    if (input.acksPeerFin) {
      if (Y.state === 'FIN_WAIT_1') move(receiver, Y, 'FIN_WAIT_2');
      else if (Y.state === 'CLOSING') move(receiver, Y, 'TIME_WAIT');
      else if (Y.state === 'LAST_ACK') move(receiver, Y, 'CLOSED');
    }
  }
  if (bits & FIN) applyFin(sender, X, receiver, Y, input);
}

function applyFin(sender: Side, X: Flow, receiver: Side, Y: Flow, input: StateInput): void {
  if (!input.newFin) return;
  if (X.state === 'ESTABLISHED' || X.state === 'SYN_RECEIVED' || X.state === 'SYN_SENT') move(sender, X, 'FIN_WAIT_1');
  else if (X.state === 'CLOSE_WAIT') {
    // A FIN that does not acknowledge the peer's FIN was sent before that FIN arrived: the FINs crossed
    // (simultaneous close, RFC 9293 Figure 13), so this end goes FIN_WAIT_1 → CLOSING, not to LAST_ACK.
    if (Y.finSeen && !Y.finAcked) move(sender, X, 'CLOSING');
    else move(sender, X, 'LAST_ACK');
  }
  if (Y.state === 'ESTABLISHED' || Y.state === 'SYN_RECEIVED' || Y.state === 'LISTEN') move(receiver, Y, 'CLOSE_WAIT');
  else if (Y.state === 'FIN_WAIT_1') move(receiver, Y, 'CLOSING');
  else if (Y.state === 'FIN_WAIT_2') move(receiver, Y, 'TIME_WAIT');
}
