// A tracked connection: two directed flows (Wireshark's fwd/rev) holding numbers only, plus its lifecycle facts.

import type { Endpoint } from '../model/endpoint';
import type { CapturePoint, ResetClass, ResetConfidence, ResetEvidence, ResetPhase, Side } from '../model/findings';
import type { EndStates, TcpState } from '../model/tcp-state';
import type { RoutedConnection } from '../model/verdict';
import { seqDiff, seqLt } from './seq32';
import { endStates } from './state-machine';
import type { ProblemState } from './problems';

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

export const TEXT_IP = 0x1;
export const TEXT_CUT = 0x2;

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
  /** TSval of this sender's first bare SYN (-1 none): a SYN-ACK echoing it answers that first SYN (RFC 7323 §3). */
  synTsVal: number;
  /** A FIN was seen from this sender; its sequence number (-1 unknown), whether the peer acked it. */
  finSeen: boolean;
  finSeq: number;
  finAcked: boolean;
  /**
   * This sender's FIN has taken effect at the peer. A FIN reaches its receiver before anything its sender sends later,
   * and the receiver's own segments tell whether it had the FIN when it sent them (state-machine.ts).
   */
  finArrived: boolean;
  /** This end entered SYN_RECEIVED from LISTEN (a RST then takes it back to LISTEN, RFC 9293 §3.10.7.4). */
  passiveOpen: boolean;
  /** `window` came from a SYN, whose window is never scaled (RFC 7323 §2.2). */
  windowFromSyn: boolean;
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
  /** TCP flag bits and payload length of this sender's last segment (what it was: SYN-ACK, data, ACK...). */
  lastBits: number;
  /** Which TCP packet of its input line that last segment was (1 unless packets were glued onto one line). */
  lastNth: number;
  lastLen: number;
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
  /** Input line of that latest data segment's latest copy (0 none). */
  lastDataLine: number;
  /** Time of the sender's latest data segment (NaN none) and whether it carried PSH (the end of a write). */
  dataTime: number;
  dataPsh: boolean;
  /** Time this end last answered a zero-window probe (NaN none): Linux rate-limits such answers (tcp_oow_rate_limited). */
  zwAckTime: number;
  /** Largest receive window this end advertised, in bytes (scaled; -1 none known). */
  maxWinBytes: number;
  /** Ring of recent data segments: [seq, line, time] triples (allocated on the first data segment). */
  ring: number[] | null;
  ringPos: number;
  /**
   * Zero-window stall of this flow's receive window: the line and time its window went to 0 (0 / NaN while open), and
   * how many zero-window probes the peer sent since.
   */
  zwLine: number;
  zwTime: number;
  zwProbes: number;
  /**
   * Keep-alives this sender sent; a probe is waiting with no segment from the peer since (`kaPending`); the run of
   * probes in a row that got no answer the sender could have received (`kaRun`, from line `kaRunLine`); answers counted.
   */
  kaSent: number;
  kaLine: number;
  kaPending: boolean;
  kaRun: number;
  kaRunLine: number;
  kaAnswered: number;
  kaUnanswered: number;
  kaAnswersLost: number;
  /** Time of this sender's last keep-alive, and the longest step between two of its keep-alives (NaN unknown). */
  kaLastTime: number;
  kaEvery: number;
  /** This sender's last keep-alive ACK: its TS val (-1 none) and line; reset when the peer probes again. */
  kaAckTsVal: number;
  kaAckLine: number;
  /** The last retransmission from this sender: its range, line and kind (for a later D-SACK naming it). */
  rtxSeq: number;
  rtxEnd: number;
  rtxLine: number;
  rtxCount: number;
  /** That retransmission was already counted unnecessary (its bytes were acked before it was sent). */
  rtxSpurious: boolean;
  /** Highest SACK right edge the peer reported (in this flow's numbers, -1 none): bytes below it may be holes. */
  sackHigh: number;
  /** First IP TTL / hop limit seen from this sender (-1 unknown): an initial value means it was sent on the capture host. */
  firstTtl: number;
  /** `-i any` directions printed on this sender's segments: 1 `In`, 2 `Out` (both: a forwarding host). */
  dirs: number;
}

export interface Handshake {
  synTime: number;
  synAckTime: number;
  ackTime: number;
  rtt: number;
  rttAt: Side | null;
  /** SYN → completing ACK, Wireshark's iRTT: the out-of-order threshold. */
  irtt: number;
  /** Where the handshake's timing puts the capture (at an end the local turnaround is tiny next to the round trip). */
  timingAt: CapturePoint | null;
  complete: boolean;
  optionsReported: boolean;
  /** The options finding waits for the SYN-ACK's forwarded copy (handshake.ts OPTIONS AFTER MSS CLAMPING). */
  optionsDeferred: boolean;
  /** Seconds this host took to forward the SYN and the SYN-ACK (their copies, copies.ts); NaN when not seen. */
  forwardSyn: number;
  forwardSynAck: number;
  /** Lines of the SYN and SYN-ACK timed (as first printed) and of the SYN-ACK's forwarded copy; 0 when not seen. */
  synLine: number;
  synAckLine: number;
  synAckCopyLine: number;
  /**
   * A SYN-ACK echoed the client's first SYN's TSval after the client had sent its SYN again: the first SYN reached the
   * server, and no SYN-ACK reached the client before its SYN timer ran out (lost on the server→client path).
   */
  synAckLost: boolean;
  /** The first SYN-ACK this capture saw was already a resend (the original never reached this capture point). */
  firstSynAckResent: boolean;
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
  /** Seen before and after a forwarding host in one `-i any` capture (copies.ts), else null. */
  routed: RoutedConnection | null;
  /** A segment without SYN was seen (the connection is past its opening). */
  pastSyn: boolean;
  /** Client's flow (c2s) and server's flow (s2c). */
  c: Flow;
  s: Flow;
  roleGuessed: boolean;
  /** The tracker's prose-break count when this connection's first segment came (tracker.ts PASTED EXCERPTS). */
  proseBreaksAtFirst: number;
  firstLine: number;
  lastLine: number;
  firstTime: number;
  lastTime: number;
  /**
   * How many of its segments printed a time, and whether its first and its latest segment did not: a duration needs
   * both ends timed (a paste with one timed line among untimed ones has no duration, not 0).
   */
  timed: number;
  firstUntimed: boolean;
  lastUntimed: boolean;
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
  /** Its slot in the open-connection queue (conn-table: cleared when it closes). */
  queueSlot: number;
  /** The input line at which the tracker let it go, open, to bound its memory (TrackerOptions.maxOpen). */
  evictedAt: number | null;
  history: string;
  /** The connection this one reused the 4-tuple of. */
  previous: string | null;
  /** What the text showed of this connection: TEXT_IP an IP header (-v), TEXT_CUT a header cut by the snap length. */
  textBits: number;
  /** Zero-window stalls that ended (window reopened): how many, their total and longest seconds, probes during them. */
  zwStalls: number;
  zwStallSeconds: number;
  zwLongest: number;
  zwProbes: number;
  /** A side whose RST followed its own unanswered keep-alives (its kernel gave up: ETIMEDOUT), and how many. */
  kaTimeoutBy: Side | null;
  kaTimeoutProbes: number;
  /** Keep-alive answers were sent but the prober's TS echo shows they never reached it (return path broken). */
  kaReturnBroken: boolean;
  /** Retransmissions by kind as classified on arrival, and those later proven unnecessary (D-SACK, or already acked). */
  rtxRto: number;
  rtxFast: number;
  rtxTlp: number;
  rtxRtoOrTlp: number;
  rtxOther: number;
  rtxSpurious: number;
  /**
   * `{ client: c.state, server: s.state }` as a shared frozen object (state-machine `endStates`), replaced when a state
   * changes: every segment's analysis carries two EndStates, and sharing them saves two allocations per segment
   * (consumers only read them).
   */
  states: EndStates;
  /** Counters for the verdict's problems and finding counts (track/problems), from the second segment on. */
  problems: ProblemState | null;
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
    synTsVal: -1,
    finSeen: false,
    finSeq: -1,
    finAcked: false,
    finArrived: false,
    passiveOpen: false,
    windowFromSyn: false,
    packets: 0,
    state: null,
    histMask: 0,
    retransCount: 0,
    zeroWinCount: 0,
    badSumCount: 0,
    gapCount: 0,
    lastLine: 0,
    lastBits: 0,
    lastNth: 0,
    lastLen: 0,
    ttl: -1,
    ipId: -1,
    ipIdUp: 0,
    df: -1,
    tsVal: -1,
    lastDataSeq: -1,
    lastDataCopies: 0,
    lastDataLine: 0,
    dataTime: NaN,
    dataPsh: false,
    maxWinBytes: -1,
    zwAckTime: NaN,
    ring: null,
    ringPos: 0,
    zwLine: 0,
    zwTime: NaN,
    zwProbes: 0,
    kaSent: 0,
    kaLine: 0,
    kaPending: false,
    kaRun: 0,
    kaRunLine: 0,
    kaAnswered: 0,
    kaUnanswered: 0,
    kaAnswersLost: 0,
    kaLastTime: NaN,
    kaEvery: 0,
    kaAckTsVal: -1,
    kaAckLine: 0,
    rtxSeq: -1,
    rtxEnd: -1,
    rtxLine: 0,
    rtxCount: 0,
    rtxSpurious: false,
    sackHigh: -1,
    firstTtl: -1,
    dirs: 0,
  };
}

export function newConnection(id: string, client: Endpoint, server: Endpoint, roleGuessed: boolean, line: number, time: number): Connection {
  return {
    id,
    synDirection: null,
    routed: null,
    pastSyn: false,
    c: newFlow(client),
    s: newFlow(server),
    roleGuessed,
    proseBreaksAtFirst: 0,
    firstLine: line,
    lastLine: line,
    firstTime: time,
    lastTime: time,
    timed: 0,
    firstUntimed: Number.isNaN(time),
    lastUntimed: Number.isNaN(time),
    tdInit: false,
    mode: 0,
    hs: { synTime: NaN, synAckTime: NaN, ackTime: NaN, rtt: NaN, rttAt: null, irtt: NaN, timingAt: null, complete: false, optionsReported: false, optionsDeferred: false, forwardSyn: NaN, forwardSynAck: NaN, synLine: 0, synAckLine: 0, synAckCopyLine: 0, synAckLost: false, firstSynAckResent: false },
    firstFin: null,
    closeKind: null,
    sawClosing: false,
    firstFinAckedAlone: false,
    reset: null,
    challengeFrom: null,
    challengeLine: 0,
    closed: false,
    queuedLine: line,
    queueSlot: -1,
    evictedAt: null,
    history: '',
    previous: null,
    textBits: 0,
    zwStalls: 0,
    zwStallSeconds: 0,
    zwLongest: 0,
    zwProbes: 0,
    kaTimeoutBy: null,
    kaTimeoutProbes: 0,
    kaReturnBroken: false,
    rtxRto: 0,
    rtxFast: 0,
    rtxTlp: 0,
    rtxRtoOrTlp: 0,
    rtxOther: 0,
    rtxSpurious: 0,
    states: endStates(null, null),
    problems: null,
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

/** Remember a data segment for retransmission look-ups (its first transmission: a resend keeps the original's time). */
export function ringPush(f: Flow, seq: number, line: number, time: number): void {
  // A plain packed-double array: far cheaper to allocate than a typed array for 48 slots.
  const ring = (f.ring ??= new Array<number>(RING * 3).fill(-1));
  const i = f.ringPos * 3;
  ring[i] = seq;
  ring[i + 1] = line;
  ring[i + 2] = time;
  f.ringPos = (f.ringPos + 1) % RING;
}

/** Slot index (into the ring) of the most recent remembered segment that started at `seq`, or -1. */
function ringSlot(f: Flow, seq: number): number {
  const ring = f.ring;
  if (ring === null) return -1;
  for (let k = 0; k < RING; k++) {
    const i = ((f.ringPos - 1 - k + RING) % RING) * 3;
    if (ring[i] === seq) return i;
  }
  return -1;
}

/** The line of a remembered segment that started at `seq`, or null. */
export function ringFind(f: Flow, seq: number): number | null {
  const i = ringSlot(f, seq);
  return i < 0 ? null : (f.ring as number[])[i + 1];
}

/** When the remembered segment that started at `seq` was sent (NaN when unknown). */
export function ringTime(f: Flow, seq: number): number {
  const i = ringSlot(f, seq);
  return i < 0 ? NaN : (f.ring as number[])[i + 2];
}
