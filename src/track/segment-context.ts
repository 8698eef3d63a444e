// The per-segment working set every heuristic reads: numbers already placed in flow coordinates, plus the findings list.

import type { Finding, Side } from '../model/findings';
import type { TcpOption } from '../model/tcp-options';
import type { Connection, Flow } from './connection';

export interface SegmentContext {
  conn: Connection;
  /** Sender's and receiver's flows. */
  S: Flow;
  R: Flow;
  sender: Side;
  line: number;
  /** Seconds (NaN without a timestamp). */
  time: number;
  /** Seconds since the connection's previous segment, unrounded (NaN when unknown; see `idleSeconds`). */
  gap: number;
  /** TCP control bits (model/tcp-flags). */
  bits: number;
  /** Sequence number in S's coordinates (-1 unknown); `seqPrinted` false when inferred for a pure ACK. */
  seq: number;
  seqPrinted: boolean;
  /** Acknowledgment number in R's coordinates (-1 when no ACK flag or unknown). */
  ack: number;
  /** The ack as printed (null when absent): SACK edges are printed in the same numbering (print-tcp.c). */
  printedAck: number | null;
  /** The record's TCP options as parsed (null when none printed). */
  options: readonly TcpOption[] | null;
  /** Payload length. */
  len: number;
  /** Raw window field (-1 absent). */
  win: number;
  printedRelative: boolean | null;
  /** packet-tcp.c TCP_A_* bits found so far. */
  aflags: number;
  findings: Finding[];
}

export function createContext(conn: Connection): SegmentContext {
  return {
    conn,
    S: conn.c,
    R: conn.s,
    sender: 'client',
    line: 0,
    time: NaN,
    gap: NaN,
    bits: 0,
    seq: -1,
    seqPrinted: false,
    ack: -1,
    printedAck: null,
    options: null,
    len: 0,
    win: -1,
    printedRelative: null,
    aflags: 0,
    findings: [],
  };
}
