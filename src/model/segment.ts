// What the tracker concludes about one TCP segment: connection, direction, both numberings, states, findings.

import type { Finding } from './findings';
import type { EndStates, TcpState } from './tcp-state';

export type FlowDir = 'c2s' | 's2c';

export interface SegmentAnalysis {
  /** Connection id (`c1`, ...). */
  conn: string;
  dir: FlowDir;
  /** Whether tcpdump printed this line's seq/ack relative (true), absolute (false), or unknowable (null). */
  printedRelative: boolean | null;
  absSeq: number | null;
  absEnd: number | null;
  absAck: number | null;
  relSeq: number | null;
  relEnd: number | null;
  relAck: number | null;
  /** The advertised window in bytes, scaled by the sender's window-scale shift once known (RFC 7323 §2.3). */
  winBytes: number | null;
  /** The shift applied to `win` (null when scaling is unknown, e.g. handshake not captured). */
  winScale: number | null;
  /** Sender's ISN and receiver's ISN when known (absolute). */
  isnSender: number | null;
  isnReceiver: number | null;
  statesBefore: EndStates;
  states: EndStates;
  /** The end whose state changed on this segment, with its transition. */
  transitions: Array<{ end: 'client' | 'server'; from: TcpState | null; to: TcpState }>;
  findings: Finding[];
  /** Seconds since this connection's first segment, when timestamps allow. */
  sinceStart: number | null;
  /**
   * An ack that acknowledges none of the receiver's data although the receiver sent `bytes` (last on `line`) longer
   * ago than a round trip: the sender never got them. Absent otherwise.
   */
  ackMissing?: { bytes: number; line: number };
}
