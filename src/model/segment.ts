// What the tracker concludes about one TCP segment: connection, direction, both numberings, states, findings.

import type { Endpoint } from './endpoint';
import type { CapturePoint, Finding } from './findings';
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
  /**
   * On a SYN or SYN-ACK: where the capture was taken, as far as clues from both ends already tell when it is seen
   * (track/heuristics/capture-point.ts `settledCapturePoint`); null when they do not (yet), and on other segments.
   */
  synCapture: CapturePoint | null;
}

/**
 * A packet line that is the outgoing copy of an earlier incoming line, printed by a capture in a host that forwarded
 * it (`-i any` on a router; track/copies.ts). Not a new segment: the packet was analysed on its first line.
 */
export interface SegmentCopy {
  /** The line of the packet as it came in. */
  of: number;
  conn: string;
  sender: 'client' | 'server';
  inIface: string;
  outIface: string;
  /** Addresses or ports differ between the two lines (NAT). */
  translated: boolean;
  from: { src: Endpoint; dst: Endpoint };
  to: { src: Endpoint; dst: Endpoint };
  /** The MSS option rewritten on the way (a SYN; MSS clamping), else null. */
  mss: { from: number; to: number } | null;
  /** TTL (IPv6: hop limit) coming in and going out (`-v`), else null. */
  ttl: { from: number; to: number; v6: boolean } | null;
}
