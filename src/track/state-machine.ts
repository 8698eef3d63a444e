// RFC 9293 §3.3.2 endpoint states of both ends, advanced by each observed segment as one observation point allows.

import type { Side } from '../model/findings';
import { TCP_STATES, type EndStates, type TcpState } from '../model/tcp-state';
import { ACK, FIN, RST, SYN } from '../model/tcp-flags';
import type { Connection, Flow } from './connection';
import { capturePointOf } from './heuristics/capture-point';

export type Transition = { end: Side; from: TcpState | null; to: TcpState };

/**
 * Inputs the state machine needs beyond the flags: whether this segment's ACK covers the receiver's SYN, data beyond
 * it, or its FIN, and whether its FIN is new (a retransmitted FIN changes nothing). One object reused for every segment
 * (the tracker runs one segment at a time), so the per-segment call allocates nothing.
 */
export interface StateInput {
  bits: number;
  acksPeerSyn: boolean;
  /** The ack covers bytes of the receiver's beyond its SYN: the sender accepted data (it is past its handshake). */
  acksPeerData: boolean;
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
/** Transitions establishBeforeRst recorded for the segment advanceStates is about to apply. */
let carried = 0;

/** What a segment without a state change carries: one frozen empty list (consumers only read it). */
export const NO_TRANSITIONS: Transition[] = Object.freeze([]) as unknown as Transition[];

function move(end: Side, f: Flow, to: TcpState): void {
  if (f.state === to) return;
  pending[count++] = transition(end, f.state, to);
  f.state = to;
}

/**
 * Apply one segment sent by `sender` to both ends. Every change is an edge of RFC 9293 Figure 5 or of its RST and abort
 * rules (model/tcp-state TCP_EDGES). The sender moves on sending; the receiver on arrival, assumed to follow capture
 * order, except for a FIN (see FIN ARRIVAL):
 * - SYN: sender CLOSED → SYN_SENT (LISTEN → SYN_SENT); receiver SYN_SENT → SYN_RECEIVED (simultaneous open). A
 *   receiver not seen before stays unknown: it is LISTEN if it answers with a SYN-ACK, CLOSED if it answers with RST.
 * - SYN-ACK: sender LISTEN → SYN_RECEIVED (SYN_SENT → SYN_RECEIVED in a simultaneous open); receiver SYN_SENT →
 *   ESTABLISHED (rcv SYN,ACK / snd ACK).
 * - ACK of a SYN: SYN_RECEIVED → ESTABLISHED. ACK of a FIN: FIN_WAIT_1 → FIN_WAIT_2, CLOSING → TIME_WAIT,
 *   LAST_ACK → CLOSED. A sender in SYN_SENT or SYN_RECEIVED that sends an ACK without SYN is ESTABLISHED.
 * - FIN: sender ESTABLISHED/SYN_RECEIVED → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK; receiver see FIN ARRIVAL. A FIN that
 *   also acks the receiver's FIN takes it FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT (the three-segment close).
 * - RST: sender → CLOSED (ABORT); receiver → CLOSED, or SYN_RECEIVED → LISTEN after a passive open (§3.10.7.4),
 *   LISTEN unchanged (§3.10.7.2). A RST whose ACK covers the receiver's data comes from an ESTABLISHED sender: one that
 *   accepted data had received the ACK of its SYN-ACK, captured or not. Only the receiver moves when the RST is shown
 *   not to come from its claimed sender; neither end when the receiver would not accept it (RFC 5961 §3.2). A sender
 *   that had no connection (refusal, no-connection RST) is set CLOSED by the tracker before this, without a
 *   transition: it was CLOSED all along.
 * A segment that is not a SYN, seen with no earlier state, means the capture started mid-connection: both ends are
 * taken as ESTABLISHED before it.
 */
export function advanceStates(conn: Connection, sender: Side, input: StateInput): Transition[] {
  const before = carried;
  carried = 0;
  // Most segments: both ends ESTABLISHED, no SYN/FIN/RST, no FIN acknowledged or pending; no rule below can fire.
  if (
    (input.bits & (SYN | FIN | RST)) === 0 &&
    !input.acksPeerFin &&
    conn.c.state === 'ESTABLISHED' &&
    conn.s.state === 'ESTABLISHED' &&
    !conn.c.finSeen &&
    !conn.s.finSeen
  ) {
    return NO_TRANSITIONS;
  }
  const unknownClient = conn.c.state === null;
  const unknownServer = conn.s.state === null;
  count = before;
  applySegment(conn, sender, input);
  if (count === 0) return NO_TRANSITIONS;
  // An end seen for the first time mid-connection has no observed history: one transition from "unknown" to where it is now.
  if (unknownClient) collapse('client');
  if (unknownServer) collapse('server');
  conn.states = endStates(conn.c.state, conn.s.state);
  return pending.slice(0, count);
}

/**
 * The states a new connection starts from, known from its first segment (RFC 9293 §3.5): before its SYN the client
 * is CLOSED; a capture that starts at the SYN-ACK shows a server that was LISTEN and a client that had sent its SYN
 * (SYN_SENT). Otherwise nothing is known yet.
 */
export function initialStates(conn: Connection, bits: number): void {
  if (bits < 0 || (bits & SYN) === 0 || (bits & RST) !== 0) return;
  if ((bits & ACK) === 0) conn.c.state = 'CLOSED';
  else {
    conn.c.state = 'SYN_SENT';
    conn.s.state = 'LISTEN';
  }
  conn.states = endStates(conn.c.state, conn.s.state);
}

/**
 * ESTABLISHED BEFORE A RST
 * A RST whose ACK covers data of the receiver beyond its SYN comes from an end that accepted that data: it was
 * ESTABLISHED, so the ACK of its SYN-ACK had arrived even if the capture missed it (RFC 9293 §3.10.7.4: data is only
 * accepted in a synchronised state). Seed 000: `[R.], seq 1, ack 558` after a captured SYN-ACK and nothing else.
 * Called before the RST's finding is made, so that the finding names the state the sender really was in; the
 * transition is printed on the RST's line, before its move to CLOSED.
 */
export function establishBeforeRst(conn: Connection, sender: Side, input: StateInput): void {
  count = 0;
  carried = 0;
  const X = sender === 'client' ? conn.c : conn.s;
  if ((input.bits & (RST | ACK)) === (RST | ACK) && input.acksPeerData && (X.state === 'SYN_RECEIVED' || X.state === 'SYN_SENT')) {
    move(sender, X, 'ESTABLISHED');
    conn.states = endStates(conn.c.state, conn.s.state);
  }
  carried = count;
}

/**
 * FIN ARRIVAL
 * A FIN to an end that has sent its own FIN takes effect on arrival. A FIN to an end that has not may cross that
 * end's own FIN, so its effect waits for evidence: it reaches its receiver before anything its sender sends after it
 * (in-order delivery), and the receiver's own segments tell when it had it: an ack covering the FIN was sent after it
 * arrived; a FIN of its own that does not cover it was sent before (the FINs crossed: RFC 9293 Figure 13,
 * FIN_WAIT_1 → CLOSING). Until then the receiver's state does not change, so a simultaneous close never shows a
 * CLOSE_WAIT it never had.
 * Receiving a FIN (§3.10.7.4): ESTABLISHED → CLOSE_WAIT; FIN_WAIT_1 → CLOSING (its own FIN not yet acknowledged);
 * FIN_WAIT_2 → TIME_WAIT; SYN_RECEIVED first takes the ACK the FIN carries (→ ESTABLISHED).
 */
function finArrives(end: Side, Y: Flow, finSender: Flow, ownFinAcked: boolean): void {
  finSender.finArrived = true;
  if (Y.state === 'SYN_RECEIVED') move(end, Y, 'ESTABLISHED');
  if (Y.state === 'ESTABLISHED') move(end, Y, 'CLOSE_WAIT');
  else if (Y.state === 'FIN_WAIT_1') {
    if (ownFinAcked) move(end, Y, 'FIN_WAIT_2');
    else move(end, Y, 'CLOSING');
  }
  if (Y.state === 'FIN_WAIT_2') move(end, Y, 'TIME_WAIT');
}

/** At the end of input: FINs still on their way are taken as arrived (what a verdict's states assume). */
export function settlePendingFins(conn: Connection): void {
  count = 0;
  if (conn.c.finSeen && !conn.c.finArrived) finArrives('server', conn.s, conn.c, conn.s.finAcked);
  if (conn.s.finSeen && !conn.s.finArrived) finArrives('client', conn.c, conn.s, conn.c.finAcked);
  if (count > 0) conn.states = endStates(conn.c.state, conn.s.state);
  count = 0;
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

/** Fold an end's transitions into one, from "unknown" to its last state (only when the first is from "unknown"). */
function collapse(end: Side): void {
  let first = -1;
  for (let i = 0; i < count; i++) {
    if (pending[i].end !== end) continue;
    if (first < 0) {
      if (pending[i].from !== null) return;
      first = i;
    } else {
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

  // In-order delivery: the sender's earlier FIN reached the receiver before this segment (and before this segment's
  // ack of the receiver's own FIN, which the tracker has already recorded).
  if (X.finSeen && !X.finArrived && !input.newFin) finArrives(receiver, Y, X, Y.finAcked && !input.acksPeerFin);
  // The sender had the receiver's FIN when it sent an ack covering it.
  if (Y.finSeen && !Y.finArrived && input.acksPeerFin) finArrives(sender, X, Y, X.finAcked);

  if (bits & RST) {
    if (input.rstIgnored) return;
    if (!input.rstReceiverOnly && X.state !== 'LISTEN') move(sender, X, 'CLOSED');
    if (Y.state === 'SYN_RECEIVED' && Y.passiveOpen) move(receiver, Y, 'LISTEN');
    else if (Y.state !== 'LISTEN') move(receiver, Y, 'CLOSED');
    return;
  }

  if (bits & SYN) {
    if (bits & ACK) {
      if (X.state === null) X.state = 'LISTEN';
      if (X.state === 'LISTEN') {
        X.passiveOpen = true;
        move(sender, X, 'SYN_RECEIVED');
      } else if (X.state === 'SYN_SENT') move(sender, X, 'SYN_RECEIVED');
      if (Y.state === null) Y.state = 'SYN_SENT';
      if (Y.state === 'SYN_SENT' || Y.state === 'SYN_RECEIVED') move(receiver, Y, 'ESTABLISHED');
    } else {
      // A LISTEN end that sends its own SYN is opening actively too (RFC 9293 §3.10.2 SEND in LISTEN).
      if (X.state === null) X.state = 'CLOSED';
      if (X.state === 'CLOSED' || X.state === 'LISTEN') move(sender, X, 'SYN_SENT');
      if (Y.state === 'SYN_SENT') move(receiver, Y, 'SYN_RECEIVED');
    }
    if (bits & FIN) applyFin(conn, sender, X, receiver, Y, input);
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
  if (bits & FIN) applyFin(conn, sender, X, receiver, Y, input);
}

/**
 * FIN ARRIVAL AT THE CAPTURE POINT
 * A capture taken at the FIN's receiver (capture-point.ts: -i any direction, TTL, handshake timing) sees the FIN as it
 * arrives there: whatever the receiver sends later was sent after it had the FIN, and a FIN of its own sent before
 * would already be in the capture. So the FIN takes effect on its own line (ESTABLISHED → CLOSE_WAIT, RFC 9293
 * §3.10.7.4) instead of waiting for the receiver's ACK of it (seed 003's three-way close seen from the client).
 */
function arrivesHere(conn: Connection, receiver: Side): boolean {
  return capturePointOf(conn).point === receiver;
}

function applyFin(conn: Connection, sender: Side, X: Flow, receiver: Side, Y: Flow, input: StateInput): void {
  if (!input.newFin) return;
  if (X.state === 'ESTABLISHED' || X.state === 'SYN_RECEIVED') move(sender, X, 'FIN_WAIT_1');
  else if (X.state === 'CLOSE_WAIT') move(sender, X, 'LAST_ACK');
  if (!Y.finSeen) {
    if (arrivesHere(conn, receiver)) finArrives(receiver, Y, X, Y.finAcked);
    return;
  }
  // The receiver's FIN is still on its way and this FIN does not cover it: the FINs crossed, and it arrives now.
  if (!Y.finArrived && !input.acksPeerFin) finArrives(sender, X, Y, false);
  // A receiver that has sent its own FIN cannot cross this one: it takes effect on arrival (after the ACK it carries).
  finArrives(receiver, Y, X, Y.finAcked);
}
