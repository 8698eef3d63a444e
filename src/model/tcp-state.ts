// RFC 9293 §3.3.2 connection states, as one observation point can infer them for each end.

export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
] as const;

export type TcpState = (typeof TCP_STATES)[number];

/** Both ends' states after a segment; `null` when nothing is known yet (capture started mid-connection). */
export interface EndStates {
  client: TcpState | null;
  server: TcpState | null;
}

/** Why an end may move from one state to another: RFC 9293 Figure 5, or the RST/abort rules of §3.10.4 and §3.10.7. */
export type EdgeSource = 'figure-5' | 'rst-or-abort' | 'combined';

export interface StateEdge {
  from: TcpState;
  to: TcpState;
  /** The event as Figure 5 labels it (`rcv SYN,ACK / snd ACK`). */
  event: string;
  source: EdgeSource;
}

/**
 * Every state change tcplain may print (RFC 9293 §3.3.2 Figure 5, plus §3.10): a transition that is not in this list
 * is a bug. `TIME_WAIT → CLOSED` (2 MSL timeout) is an edge but is never printed: a text capture has no timer.
 */
export const TCP_EDGES: readonly StateEdge[] = [
  // Figure 5.
  { from: 'CLOSED', to: 'LISTEN', event: 'passive OPEN', source: 'figure-5' },
  { from: 'CLOSED', to: 'SYN_SENT', event: 'active OPEN / snd SYN', source: 'figure-5' },
  { from: 'LISTEN', to: 'SYN_RECEIVED', event: 'rcv SYN / snd SYN,ACK', source: 'figure-5' },
  { from: 'LISTEN', to: 'SYN_SENT', event: 'SEND / snd SYN', source: 'figure-5' },
  { from: 'LISTEN', to: 'CLOSED', event: 'CLOSE', source: 'figure-5' },
  { from: 'SYN_SENT', to: 'SYN_RECEIVED', event: 'rcv SYN / snd ACK', source: 'figure-5' },
  { from: 'SYN_SENT', to: 'ESTABLISHED', event: 'rcv SYN,ACK / snd ACK', source: 'figure-5' },
  { from: 'SYN_SENT', to: 'CLOSED', event: 'CLOSE; also rcv RST with an acceptable ACK (§3.10.7.3)', source: 'figure-5' },
  { from: 'SYN_RECEIVED', to: 'ESTABLISHED', event: 'rcv ACK of SYN', source: 'figure-5' },
  { from: 'SYN_RECEIVED', to: 'FIN_WAIT_1', event: 'CLOSE / snd FIN', source: 'figure-5' },
  { from: 'SYN_RECEIVED', to: 'LISTEN', event: 'rcv RST (passive open)', source: 'figure-5' },
  { from: 'ESTABLISHED', to: 'FIN_WAIT_1', event: 'CLOSE / snd FIN', source: 'figure-5' },
  { from: 'ESTABLISHED', to: 'CLOSE_WAIT', event: 'rcv FIN / snd ACK', source: 'figure-5' },
  { from: 'FIN_WAIT_1', to: 'FIN_WAIT_2', event: 'rcv ACK of FIN', source: 'figure-5' },
  { from: 'FIN_WAIT_1', to: 'CLOSING', event: 'rcv FIN / snd ACK', source: 'figure-5' },
  { from: 'FIN_WAIT_2', to: 'TIME_WAIT', event: 'rcv FIN / snd ACK', source: 'figure-5' },
  { from: 'CLOSING', to: 'TIME_WAIT', event: 'rcv ACK of FIN', source: 'figure-5' },
  { from: 'CLOSE_WAIT', to: 'LAST_ACK', event: 'CLOSE / snd FIN', source: 'figure-5' },
  { from: 'LAST_ACK', to: 'CLOSED', event: 'rcv ACK of FIN', source: 'figure-5' },
  { from: 'TIME_WAIT', to: 'CLOSED', event: 'timeout = 2 MSL', source: 'figure-5' },
  // §3.10.7.3: RST with an acceptable ACK in SYN-SENT; §3.10.4 ABORT and §3.10.7.4 rcv RST in the other states.
  { from: 'SYN_RECEIVED', to: 'CLOSED', event: 'ABORT / snd RST, or rcv RST (active open)', source: 'rst-or-abort' },
  { from: 'ESTABLISHED', to: 'CLOSED', event: 'rcv RST, or ABORT / snd RST', source: 'rst-or-abort' },
  { from: 'FIN_WAIT_1', to: 'CLOSED', event: 'rcv RST, or ABORT / snd RST', source: 'rst-or-abort' },
  { from: 'FIN_WAIT_2', to: 'CLOSED', event: 'rcv RST, or ABORT / snd RST', source: 'rst-or-abort' },
  { from: 'CLOSE_WAIT', to: 'CLOSED', event: 'rcv RST, or ABORT / snd RST', source: 'rst-or-abort' },
  { from: 'CLOSING', to: 'CLOSED', event: 'rcv RST', source: 'rst-or-abort' },
  { from: 'LAST_ACK', to: 'CLOSED', event: 'rcv RST', source: 'rst-or-abort' },
  { from: 'TIME_WAIT', to: 'CLOSED', event: 'rcv RST (RFC 1337 aside)', source: 'rst-or-abort' },
  // §3.10.7.4 FIN-WAIT-1: a FIN that also acknowledges our FIN goes straight to TIME-WAIT. tcplain prints it as the
  // two Figure 5 steps FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT; the combined edge is listed for completeness.
  { from: 'FIN_WAIT_1', to: 'TIME_WAIT', event: 'rcv FIN + ACK of FIN', source: 'combined' },
];

/** Whether `from → to` is an edge of RFC 9293's state machine (TCP_EDGES). */
export function isTcpEdge(from: TcpState, to: TcpState): boolean {
  for (const e of TCP_EDGES) if (e.from === from && e.to === to) return true;
  return false;
}

/**
 * States a transition from "unknown" may land in: an end first seen mid-connection (the capture started after its
 * opening) is in a synchronised state, or CLOSED after a RST. An opening state is never entered from "unknown": before
 * its first SYN an end is CLOSED, and an end answering a SYN with a SYN-ACK was LISTEN (RFC 9293 §3.5).
 */
export const FIRST_SEEN_STATES: readonly TcpState[] = ['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT', 'CLOSING', 'LAST_ACK', 'TIME_WAIT', 'CLOSED'];
