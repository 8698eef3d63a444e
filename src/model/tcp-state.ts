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
