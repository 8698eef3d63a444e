// A tracked connection: two directed flows (Wireshark's fwd/rev) holding numbers only, plus its lifecycle facts.

import type { Endpoint } from '../model/endpoint';
import type { ResetClass, ResetConfidence, ResetEvidence, ResetPhase, Side } from '../model/findings';
import type { EndStates, TcpState } from '../model/tcp-state';
import { seqDiff, seqLt } from './seq32';
import { endStates } from './state-machine';

/** How a flow's sequence numbers are held: not yet placed, absolute, or relative to a base we never saw. */
export const COORD_UNKNOWN = 0;
export const COORD_ABS = 1;
export const COORD_REL = 2;
export type Coord = typeof COORD_UNKNOWN | typeof COORD_ABS | typeof COORD_REL;

/** Per-segment analysis bits remembered as the flow's `lastSegmentFlags` (packet-tcp.c TCP_A_*). */
export const A_RETRANSMISSION = 0x1;
export const A_LOST_PACKET = 0x2;
export const A_ACK_LOST_PACKET = 0x4;
export const A_KEEP_ALIVE = 0x8;
export const A_DUPLICATE_ACK = 0x10;
export const A_ZERO_WINDOW = 0x20;
export const A_ZERO_WINDOW_PROBE = 0x40;
export const A_ZERO_WINDOW_PROBE_ACK = 0x80;
export const A_KEEP_ALIVE_ACK = 0x100;
export const A_OUT_OF_ORDER = 0x200;
export const A_FAST_RETRANSMISSION = 0x400;
export const A_WINDOW_UPDATE = 0x800;
export const A_WINDOW_FULL = 0x1000;
export const A_SPURIOUS_RETRANSMISSION = 0x2000;

/** Recent data segments kept per flow to name the original of a retransmission. */
export const RING = 16;

/**
 * One direction of a connection, named after its sender. Sequence values are in the flow's coordinates (absolute when
 * `coord` is COORD_ABS, tcpdump-relative when COORD_REL); -1 means unknown. Times are seconds, NaN when unknown.
 */
export interface Flow {
  endpoint: Endpoint;
  coord: Coord;
  /** The sender's ISN (absolute) when its SYN was seen. */
  isn: number;
  /** The base tcpdump subtracts for this sender (print-tcp.c: seq of the initialising segment, or peer ack − 1). */
  tdBase: number;
  /** First sequence number of data: ISN + 1, or the first seq seen. */
  startSeq: number;
  nextSeq: number;
  nextSeqTime: number;
  nextSeqLine: number;
  maxSeqToBeAcked: number;
  /** Last ack this sender sent (in the peer flow's coordinates), when, and the highest it ever sent. */
  lastAck: number;
  lastAckTime: number;
  maxAck: number;
  /** Last raw window field, and the shift to apply (-1 unknown). */
  window: number;
  winScale: number;
  /** What this sender offered in its SYN: -1 when absent or unseen. */
  wsOffered: number;
  mss: number;
  sackOk: boolean;
  tsOk: boolean;
  synSeen: boolean;
  dupAckNum: number;
  lastNonDupAckLine: number;
  lastSegmentFlags: number;
  /** Bare SYNs and SYN-ACKs sent (kept apart: in a simultaneous open one end sends both with the same ISN). */
  synCount: number;
  synAckCount: number;
  firstSynTime: number;
  lastSynTime: number;
  /** A FIN was seen from this sender; its sequence number (-1 unknown), whether the peer acked it. */
  finSeen: boolean;
  finSeq: number;
  finAcked: boolean;
  packets: number;
  state: TcpState | null;
  /** Zeek history letters already recorded for this direction, and repeat counters (t, w, c, g). */
  histMask: number;
  retransCount: number;
  zeroWinCount: number;
  badSumCount: number;
  gapCount: number;
  /** Input line and time of this sender's last segment (0 / NaN before the first). */
  lastLine: number;
  /** `-v` IP header of the sender's last packet: TTL or hop limit, IPv4 id (-1 unknown). */
  ttl: number;
  ipId: number;
  /** How many times its IP id went up by a small step: a sender that counts its ids (Linux per socket, Windows globally). */
  ipIdUp: number;
  /** IPv4 Don't Fragment on its last packet: 1 set, 0 clear, -1 unknown. */
  df: number;
  /** Highest TS val this sender put on a non-SYN segment (-1 none): RFC 7323 timestamps in use by this end. */
  tsVal: number;
  /** Start of the sender's latest data segment and how many times it was sent (retransmissions of it included). */
  lastDataSeq: number;
  lastDataCopies: number;
  /** Ring of recent data segments: [seq, line] pairs (allocated on the first data segment). */
  ring: number[] | null;
  ringPos: number;
}

export interface Handshake {
  synTime: number;
  synAckTime: number;
  ackTime: number;
  rtt: number;
  rttAt: Side | null;
  /** SYN → completing ACK, Wireshark's iRTT: the out-of-order threshold. */
  irtt: number;
  complete: boolean;
  optionsReported: boolean;
}

export interface ResetFact {
  /** The end the RST claims to come from (its source address). */
  by: Side;
  phase: ResetPhase;
  refused: boolean;
  idle: boolean;
  /** Where and when it came, its sequence number (-1 unknown), and what the claimed sender had sent before it. */
  line: number;
  time: number;
  seq: number;
  senderTsVal: number;
  senderIpId: number;
  /** The claimed sender's state before it: restored if that end turns out to keep talking. */
  senderState: TcpState | null;
  cls: ResetClass;
  confidence: ResetConfidence;
  evidence: ResetEvidence[];
  /** Later RSTs claiming the same sender with another sequence number. */
  burst: number;
  /** The claimed sender was seen sending after it (the verdict's class is then `suspect`, `certain`). */
  contradicted: boolean;
}

export interface Connection {
  id: string;
  /** Packet direction (`-i any`) of the client's SYN, when printed. */
  synDirection: 'In' | 'Out' | null;
  /** A segment without SYN was seen (the connection is past its opening). */
  pastSyn: boolean;
  /** Client's flow (c2s) and server's flow (s2c). */
  c: Flow;
  s: Flow;
  roleGuessed: boolean;
  firstLine: number;
  lastLine: number;
  firstTime: number;
  lastTime: number;
  /** tcpdump has a relative-numbering entry for this 4-tuple (an ACK-bearing segment was seen). */
  tdInit: boolean;
  /** Last numbering decision: 0 none, 1 absolute, 2 relative. */
  mode: number;
  hs: Handshake;
  /** Side whose FIN came first, and how the close went. */
  firstFin: Side | null;
  closeKind: '4-way' | '3-way' | 'simultaneous' | null;
  sawClosing: boolean;
  firstFinAckedAlone: boolean;
  reset: ResetFact | null;
  /** An end's RST that its receiver would not accept (RFC 5961 §3.2): the line, waiting for the challenge ACK. */
  challengeFrom: Side | null;
  challengeLine: number;
  closed: boolean;
  /** `lastLine` when the connection last entered the open-connection queue (conn-table: idlest first out). */
  queuedLine: number;
  /** The input line at which the tracker let it go, open, to bound its memory (TrackerOptions.maxOpen). */
  evictedAt: number | null;
  history: string;
  /** The connection this one reused the 4-tuple of. */
  previous: string | null;
  /**
   * `{ client: c.state, server: s.state }` as a shared frozen object (state-machine `endStates`), replaced when a state
   * changes: every segment's analysis carries two EndStates, and sharing them saves two allocations per segment
   * (consumers only read them).
   */
  states: EndStates;
}

/** V8 keeps a substring's parent alive; copy host strings before they live as long as a connection. */
function detach(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}

export function newFlow(e: Endpoint): Flow {
  return {
    endpoint: { host: detach(e.host), port: e.port, service: e.service === null ? null : detach(e.service) },
    coord: COORD_UNKNOWN,
    isn: -1,
    tdBase: -1,
    startSeq: -1,
    nextSeq: -1,
    nextSeqTime: NaN,
    nextSeqLine: 0,
    maxSeqToBeAcked: -1,
    lastAck: -1,
    lastAckTime: NaN,
    maxAck: -1,
    window: -1,
    winScale: -1,
    wsOffered: -1,
    mss: -1,
    sackOk: false,
    tsOk: false,
    synSeen: false,
    dupAckNum: 0,
    lastNonDupAckLine: 0,
    lastSegmentFlags: 0,
    synCount: 0,
    synAckCount: 0,
    firstSynTime: NaN,
    lastSynTime: NaN,
    finSeen: false,
    finSeq: -1,
    finAcked: false,
    packets: 0,
    state: null,
    histMask: 0,
    retransCount: 0,
    zeroWinCount: 0,
    badSumCount: 0,
    gapCount: 0,
    lastLine: 0,
    ttl: -1,
    ipId: -1,
    ipIdUp: 0,
    df: -1,
    tsVal: -1,
    lastDataSeq: -1,
    lastDataCopies: 0,
    ring: null,
    ringPos: 0,
  };
}

export function newConnection(id: string, client: Endpoint, server: Endpoint, roleGuessed: boolean, line: number, time: number): Connection {
  return {
    id,
    synDirection: null,
    pastSyn: false,
    c: newFlow(client),
    s: newFlow(server),
    roleGuessed,
    firstLine: line,
    lastLine: line,
    firstTime: time,
    lastTime: time,
    tdInit: false,
    mode: 0,
    hs: { synTime: NaN, synAckTime: NaN, ackTime: NaN, rtt: NaN, rttAt: null, irtt: NaN, complete: false, optionsReported: false },
    firstFin: null,
    closeKind: null,
    sawClosing: false,
    firstFinAckedAlone: false,
    reset: null,
    challengeFrom: null,
    challengeLine: 0,
    closed: false,
    queuedLine: line,
    evictedAt: null,
    history: '',
    previous: null,
    states: endStates(null, null),
  };
}

/** Payload bytes a flow covered: from its first data byte to the highest seq sent or acked, SYN/FIN excluded. */
export function flowBytes(f: Flow, peer: Flow): number {
  if (f.startSeq < 0) return 0;
  let hi = f.nextSeq;
  if (peer.maxAck >= 0 && (hi < 0 || seqLt(hi, peer.maxAck))) hi = peer.maxAck;
  if (hi < 0) return 0;
  let n = seqDiff(f.startSeq, hi);
  if (n <= 0) return 0;
  if (f.finSeq >= 0 && seqDiff(f.finSeq, hi) >= 1 && seqDiff(f.startSeq, f.finSeq) >= 0) n -= 1;
  return n;
}

/** Remember a data segment for retransmission look-ups. */
export function ringPush(f: Flow, seq: number, line: number): void {
  // A plain packed-double array: far cheaper to allocate than a typed array for 32 slots.
  const ring = (f.ring ??= new Array<number>(RING * 2).fill(-1));
  const i = f.ringPos * 2;
  ring[i] = seq;
  ring[i + 1] = line;
  f.ringPos = (f.ringPos + 1) % RING;
}

/** The line of a remembered segment that started at `seq`, or null. */
export function ringFind(f: Flow, seq: number): number | null {
  const ring = f.ring;
  if (ring === null) return null;
  for (let k = 0; k < RING; k++) {
    const i = ((f.ringPos - 1 - k + RING) % RING) * 2;
    if (ring[i] === seq) return ring[i + 1];
  }
  return null;
}
