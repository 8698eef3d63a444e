// A tracked connection: two directed flows (Wireshark's fwd/rev) holding numbers only, plus its lifecycle facts.

import type { Endpoint } from '../model/endpoint';
import type { CapturePoint, ResetClass, ResetConfidence, ResetEvidence, ResetPhase, Side, SynStack } from '../model/findings';
import type { EndStates, TcpState } from '../model/tcp-state';
import type { RoutedConnection } from '../model/verdict';
import { seqDiff, seqLe, seqLt } from './seq32';
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
  /** TSval of this sender's first bare SYN, or of its first SYN-ACK when it sent no SYN (-1 none): a SYN-ACK echoing a SYN's answers that first SYN (RFC 7323 §3). */
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
  /** The ack this sender carried on its latest data segment (-1 none): what of the peer's data it had when it last sent. */
  dataAck: number;
  /** Input line where `maxAck` last rose (0 none). */
  maxAckLine: number;
  /** Time of the sender's latest data segment (NaN none) and whether it carried PSH (the end of a write). */
  dataTime: number;
  dataPsh: boolean;
  /** This end's SYN had Linux's option layout (heuristics/linux-syn.ts LINUX SYN LAYOUT). */
  linuxSyn: boolean;
  /** This end's SYN had FreeBSD's or macOS's option layout (heuristics/linux-syn.ts BSD SYN LAYOUTS), else null. */
  bsdSyn: Exclude<SynStack, 'linux'> | null;
  /** This end's SYN-ACK had Linux's, FreeBSD's or macOS's option layout (heuristics/linux-syn.ts), else null. */
  synAckStack: SynStack | null;
  /** Time this end last answered a zero-window probe (NaN none): Linux rate-limits such answers (tcp_oow_rate_limited). */
  zwAckTime: number;
  /** Largest receive window this end advertised, in bytes (scaled; -1 none known). */
  maxWinBytes: number;
  /**
   * SEGMENTS BELOW THE ANNOUNCED MSS (heuristics/segment-size.ts): the largest new-data segment this sender sent, how
   * many segments of exactly that size had more new data right behind them (-1 once reported), the line of the first
   * of them, and the time of the sender's previous new-data segment when it had that size (NaN otherwise) and its line.
   */
  segMax: number;
  segRun: number;
  segLine: number;
  segPrevTime: number;
  segPrevLine: number;
  /**
   * ACK CLOCK (heuristics/retransmission.ts): the TS val of the peer's first ACK that covered everything this sender
   * had sent as far as this capture shows (-1 none since it last sent new data); the end of this sender's latest
   * new-data segment below the MSS (Linux snd_sml; -1 none) and its line; the TS val and line of the peer's first ACK
   * covering that end (-1 / 0 none) and the ack it carried (-1 none).
   */
  ackedAllTs: number;
  smlEnd: number;
  smlLine: number;
  smlAckTs: number;
  smlAckLine: number;
  smlAck: number;
  /** Ring of recent data segments: [seq, end, line, time] entries (allocated on the first data segment). */
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
  /** Seconds from this end's last data before its FIN to that FIN (NaN unknown): how long it sat after its answer. */
  finAfterData: number;
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
  /** The line of the first copy of the bytes that retransmission resent (0 unknown). */
  rtxFirstLine: number;
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
  /**
   * The handshake's round trip is a reported value (verdict `handshakeRtt`, summary rtt): the capture point was known
   * when the handshake completed, and not both the SYN and the SYN-ACK were resent (RFC 6298 §3 Karn).
   */
  rttKnown: boolean;
  /** The SYN and the SYN-ACK were both sent more than once: which SYN-ACK answers which SYN is ambiguous (Karn). */
  resentBoth: boolean;
  /** Line of the first SYN-ACK captured and of the first SYN resent (0 none). */
  synAckFirstLine: number;
  synResentLine: number;
  /** Line of the client's latest SYN (0 none). */
  synLastLine: number;
  /** SYN-ACK resends captured (first 4): line, and the line of the resent SYN it answers (0: the server's timer). */
  synAckResends: { line: number; answers: number }[] | null;
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
  /** The receiver's state before it: restored if a later segment of the receiver shows it did not take it (RST NOT TAKEN). */
  receiverState: TcpState | null;
  /** It had the ACK bit (RST+ACK), and its ack field (-1 without the ACK bit). */
  withAck: boolean;
  ack: number;
  cls: ResetClass;
  confidence: ResetConfidence;
  evidence: ResetEvidence[];
  /** Later RSTs claiming the same sender with another sequence number. */
  burst: number;
  /** The claimed sender was seen sending after it (the verdict's class is then `suspect`, `certain`). */
  contradicted: boolean;
  /**
   * After a server's RST to an unanswered request (tracker.ts RETRY AFTER RESET): the id of a new connection the same
   * client opened to the same server during the reset's grace period, null when none did; absent when not watched.
   */
  retry?: string | null;
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
  /** The tcpdump run (tracker.ts TCPDUMP RUNS) that printed this connection's latest segment. */
  lastRun: number;
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
  /**
   * Its verdict is out and none can be built again (tracker.ts `close`, `release`): what only the verdict reads
   * (`problems`) is dropped, and later segments no longer feed it.
   */
  settled: boolean;
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

/**
 * A connection's numbers that do not fit V8's small integers: sequence numbers (32-bit unsigned, half of them above
 * 2^31), TS values, and times (seconds with a fraction, NaN unknown). As object fields each was a separate 16 B heap
 * number (V8 boxes every field that ever held a non-small-integer, in every object of that shape, NaN and -1
 * included); in one packed-double array per connection they are 8 B each, unboxed, written in place. Layout: the
 * client flow's D_* fields from 0, the server flow's from FLOW_DOUBLES, the handshake's H_* fields, the connection's
 * C_* fields. Flow indexes, added to the flow's offset `o`:
 */
const D_ISN = 0;
const D_TD_BASE = 1;
const D_START_SEQ = 2;
const D_NEXT_SEQ = 3;
const D_NEXT_SEQ_TIME = 4;
const D_MAX_SEQ_TO_BE_ACKED = 5;
const D_LAST_ACK = 6;
const D_LAST_ACK_TIME = 7;
const D_MAX_ACK = 8;
const D_FIRST_SYN_TIME = 9;
const D_LAST_SYN_TIME = 10;
const D_SYN_TS_VAL = 11;
const D_FIN_SEQ = 12;
const D_TS_VAL = 13;
const D_LAST_DATA_SEQ = 14;
const D_DATA_TIME = 15;
const FLOW_DOUBLES = 16;
/** Handshake times (Handshake's numbers), from HS_BASE. */
const HS_BASE = 2 * FLOW_DOUBLES;
const H_SYN_TIME = HS_BASE;
const H_SYN_ACK_TIME = HS_BASE + 1;
const H_ACK_TIME = HS_BASE + 2;
const H_RTT = HS_BASE + 3;
const H_IRTT = HS_BASE + 4;
const H_FORWARD_SYN = HS_BASE + 5;
const H_FORWARD_SYN_ACK = HS_BASE + 6;
/** The connection's own. */
const C_FIRST_TIME = HS_BASE + 7;
const C_LAST_TIME = HS_BASE + 8;
const C_ZW_STALL_SECONDS = HS_BASE + 9;
const C_ZW_LONGEST = HS_BASE + 10;

/**
 * A new connection's double array: -1 and NaN where each field starts (first and last time set by newConnection).
 * Built once as a packed-double array; `slice` copies it in one allocation, doubles from the start.
 */
const CONNECTION_DOUBLES: readonly number[] = (() => {
  const flow = [-1, -1, -1, -1, NaN, -1, -1, NaN, -1, NaN, NaN, -1, -1, -1, -1, NaN];
  return [...flow, ...flow, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, NaN, 0, 0];
})();

/** Booleans of a flow, as bits of `FlowState.bools` (one field instead of nine). */
const B_SACK_OK = 0x1;
const B_TS_OK = 0x2;
const B_SYN_SEEN = 0x4;
const B_FIN_SEEN = 0x8;
const B_FIN_ACKED = 0x10;
const B_FIN_ARRIVED = 0x20;
const B_PASSIVE_OPEN = 0x40;
const B_WINDOW_FROM_SYN = 0x80;
const B_DATA_PSH = 0x100;
const B_LINUX_SYN = 0x200;
const B_FREEBSD_SYN = 0x400;
const B_MACOS_SYN = 0x800;
const B_LINUX_SYNACK = 0x1000;
const B_FREEBSD_SYNACK = 0x2000;
const B_MACOS_SYNACK = 0x4000;
/** Where `histMask` starts in the same field. */
const HIST_SHIFT = 16;

/**
 * What most flows never have: keep-alive bookkeeping (heuristics/keepalive.ts), a zero-window stall and probe answers
 * (heuristics/window.ts), the last retransmission, SACK edge and Zeek's repeat counters. Allocated on a flow's first
 * such fact.
 */
class FlowRareFacts {
  finAfterData = NaN;
  kaSent = 0;
  kaLine = 0;
  kaPending = false;
  kaRun = 0;
  kaRunLine = 0;
  kaAnswered = 0;
  kaUnanswered = 0;
  kaAnswersLost = 0;
  kaLastTime = NaN;
  kaEvery = 0;
  kaAckTsVal = -1;
  kaAckLine = 0;
  zwLine = 0;
  zwTime = NaN;
  zwProbes = 0;
  zwAckTime = NaN;
  rtxSeq = -1;
  rtxEnd = -1;
  rtxLine = 0;
  rtxFirstLine = 0;
  rtxCount = 0;
  rtxSpurious = false;
  sackHigh = -1;
  retransCount = 0;
  zeroWinCount = 0;
  badSumCount = 0;
  gapCount = 0;
}

/** What `-v` and `-i any` printed of the sender's IP header and direction, allocated when a capture prints it. */
class IpFacts {
  ttl = -1;
  ipId = -1;
  ipIdUp = 0;
  df = -1;
  firstTtl = -1;
  dirs = 0;
}

/**
 * The Flow of a connection. Small: a held connection is mostly two of these (docs/performance.md), and under churn
 * most held connections are a bare SYN whose server flow never changes. So the numbers that would be boxed live in
 * one double array (`d`), the booleans in one bit field, and the facts only some flows ever have (keep-alives, zero
 * windows, retransmissions, `-v` IP headers) in objects allocated by the first write of a value other than the
 * default. Reading an absent group gives the defaults, so every heuristic reads and writes `S.field` as before.
 */
class FlowState implements Flow {
  endpoint: Endpoint;
  coord: Coord = COORD_UNKNOWN;
  nextSeqLine = 0;
  window = -1;
  winScale = -1;
  wsOffered = -1;
  mss = -1;
  dupAckNum = 0;
  lastNonDupAckLine = 0;
  lastSegmentFlags = 0;
  synCount = 0;
  synAckCount = 0;
  packets = 0;
  state: TcpState | null = null;
  lastLine = 0;
  lastBits = 0;
  lastNth = 0;
  lastLen = 0;
  lastDataCopies = 0;
  lastDataLine = 0;
  dataAck = -1;
  maxAckLine = 0;
  maxWinBytes = -1;
  segMax = 0;
  segRun = 0;
  segLine = 0;
  segPrevTime = NaN;
  segPrevLine = 0;
  ackedAllTs = -1;
  smlEnd = -1;
  smlLine = 0;
  smlAckTs = -1;
  smlAckLine = 0;
  smlAck = -1;
  ring: number[] | null = null;
  ringPos = 0;
  bools = 0;
  /** The connection's double array, and where this flow's D_* fields start in it. */
  d: number[];
  o: number;
  rare: FlowRareFacts | null = null;
  ip: IpFacts | null = null;

  constructor(endpoint: Endpoint, d: number[], o: number) {
    this.endpoint = endpoint;
    this.d = d;
    this.o = o;
  }

  get isn(): number { return this.d[this.o + D_ISN]; }
  set isn(v: number) { this.d[this.o + D_ISN] = v; }
  get tdBase(): number { return this.d[this.o + D_TD_BASE]; }
  set tdBase(v: number) { this.d[this.o + D_TD_BASE] = v; }
  get startSeq(): number { return this.d[this.o + D_START_SEQ]; }
  set startSeq(v: number) { this.d[this.o + D_START_SEQ] = v; }
  get nextSeq(): number { return this.d[this.o + D_NEXT_SEQ]; }
  set nextSeq(v: number) { this.d[this.o + D_NEXT_SEQ] = v; }
  get nextSeqTime(): number { return this.d[this.o + D_NEXT_SEQ_TIME]; }
  set nextSeqTime(v: number) { this.d[this.o + D_NEXT_SEQ_TIME] = v; }
  get maxSeqToBeAcked(): number { return this.d[this.o + D_MAX_SEQ_TO_BE_ACKED]; }
  set maxSeqToBeAcked(v: number) { this.d[this.o + D_MAX_SEQ_TO_BE_ACKED] = v; }
  get lastAck(): number { return this.d[this.o + D_LAST_ACK]; }
  set lastAck(v: number) { this.d[this.o + D_LAST_ACK] = v; }
  get lastAckTime(): number { return this.d[this.o + D_LAST_ACK_TIME]; }
  set lastAckTime(v: number) { this.d[this.o + D_LAST_ACK_TIME] = v; }
  get maxAck(): number { return this.d[this.o + D_MAX_ACK]; }
  set maxAck(v: number) { this.d[this.o + D_MAX_ACK] = v; }
  get firstSynTime(): number { return this.d[this.o + D_FIRST_SYN_TIME]; }
  set firstSynTime(v: number) { this.d[this.o + D_FIRST_SYN_TIME] = v; }
  get lastSynTime(): number { return this.d[this.o + D_LAST_SYN_TIME]; }
  set lastSynTime(v: number) { this.d[this.o + D_LAST_SYN_TIME] = v; }
  get synTsVal(): number { return this.d[this.o + D_SYN_TS_VAL]; }
  set synTsVal(v: number) { this.d[this.o + D_SYN_TS_VAL] = v; }
  get finSeq(): number { return this.d[this.o + D_FIN_SEQ]; }
  set finSeq(v: number) { this.d[this.o + D_FIN_SEQ] = v; }
  get tsVal(): number { return this.d[this.o + D_TS_VAL]; }
  set tsVal(v: number) { this.d[this.o + D_TS_VAL] = v; }
  get lastDataSeq(): number { return this.d[this.o + D_LAST_DATA_SEQ]; }
  set lastDataSeq(v: number) { this.d[this.o + D_LAST_DATA_SEQ] = v; }
  get dataTime(): number { return this.d[this.o + D_DATA_TIME]; }
  set dataTime(v: number) { this.d[this.o + D_DATA_TIME] = v; }

  private bit(b: number, v: boolean): void {
    this.bools = v ? this.bools | b : this.bools & ~b;
  }
  /** Zeek history bits (verdict.ts HIST, 6 bits) above the booleans. */
  get histMask(): number { return this.bools >>> HIST_SHIFT; }
  set histMask(v: number) { this.bools = (this.bools & ((1 << HIST_SHIFT) - 1)) | (v << HIST_SHIFT); }
  get sackOk(): boolean { return (this.bools & B_SACK_OK) !== 0; }
  set sackOk(v: boolean) { this.bit(B_SACK_OK, v); }
  get tsOk(): boolean { return (this.bools & B_TS_OK) !== 0; }
  set tsOk(v: boolean) { this.bit(B_TS_OK, v); }
  get synSeen(): boolean { return (this.bools & B_SYN_SEEN) !== 0; }
  set synSeen(v: boolean) { this.bit(B_SYN_SEEN, v); }
  get finSeen(): boolean { return (this.bools & B_FIN_SEEN) !== 0; }
  set finSeen(v: boolean) { this.bit(B_FIN_SEEN, v); }
  get finAcked(): boolean { return (this.bools & B_FIN_ACKED) !== 0; }
  set finAcked(v: boolean) { this.bit(B_FIN_ACKED, v); }
  get finArrived(): boolean { return (this.bools & B_FIN_ARRIVED) !== 0; }
  set finArrived(v: boolean) { this.bit(B_FIN_ARRIVED, v); }
  get passiveOpen(): boolean { return (this.bools & B_PASSIVE_OPEN) !== 0; }
  set passiveOpen(v: boolean) { this.bit(B_PASSIVE_OPEN, v); }
  get windowFromSyn(): boolean { return (this.bools & B_WINDOW_FROM_SYN) !== 0; }
  set windowFromSyn(v: boolean) { this.bit(B_WINDOW_FROM_SYN, v); }
  get dataPsh(): boolean { return (this.bools & B_DATA_PSH) !== 0; }
  set dataPsh(v: boolean) { this.bit(B_DATA_PSH, v); }
  get linuxSyn(): boolean { return (this.bools & B_LINUX_SYN) !== 0; }
  set linuxSyn(v: boolean) { this.bit(B_LINUX_SYN, v); }
  get bsdSyn(): Exclude<SynStack, 'linux'> | null { return (this.bools & B_FREEBSD_SYN) !== 0 ? 'freebsd' : (this.bools & B_MACOS_SYN) !== 0 ? 'macos' : null; }
  set bsdSyn(v: Exclude<SynStack, 'linux'> | null) {
    this.bit(B_FREEBSD_SYN, v === 'freebsd');
    this.bit(B_MACOS_SYN, v === 'macos');
  }
  get synAckStack(): SynStack | null {
    const b = this.bools;
    return (b & B_LINUX_SYNACK) !== 0 ? 'linux' : (b & B_FREEBSD_SYNACK) !== 0 ? 'freebsd' : (b & B_MACOS_SYNACK) !== 0 ? 'macos' : null;
  }
  set synAckStack(v: SynStack | null) {
    this.bit(B_LINUX_SYNACK, v === 'linux');
    this.bit(B_FREEBSD_SYNACK, v === 'freebsd');
    this.bit(B_MACOS_SYNACK, v === 'macos');
  }

  // Keep-alive facts: defaults until the first write of another value.
  private rareFacts(): FlowRareFacts { return (this.rare ??= new FlowRareFacts()); }
  get finAfterData(): number { return this.rare === null ? NaN : this.rare.finAfterData; }
  set finAfterData(v: number) { if (this.rare !== null || !Number.isNaN(v)) this.rareFacts().finAfterData = v; }
  get kaSent(): number { return this.rare === null ? 0 : this.rare.kaSent; }
  set kaSent(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().kaSent = v; }
  get kaLine(): number { return this.rare === null ? 0 : this.rare.kaLine; }
  set kaLine(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().kaLine = v; }
  get kaPending(): boolean { return this.rare === null ? false : this.rare.kaPending; }
  set kaPending(v: boolean) { if (this.rare !== null || v) this.rareFacts().kaPending = v; }
  get kaRun(): number { return this.rare === null ? 0 : this.rare.kaRun; }
  set kaRun(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().kaRun = v; }
  get kaRunLine(): number { return this.rare === null ? 0 : this.rare.kaRunLine; }
  set kaRunLine(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().kaRunLine = v; }
  get kaAnswered(): number { return this.rare === null ? 0 : this.rare.kaAnswered; }
  set kaAnswered(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().kaAnswered = v; }
  get kaUnanswered(): number { return this.rare === null ? 0 : this.rare.kaUnanswered; }
  set kaUnanswered(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().kaUnanswered = v; }
  get kaAnswersLost(): number { return this.rare === null ? 0 : this.rare.kaAnswersLost; }
  set kaAnswersLost(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().kaAnswersLost = v; }
  get kaLastTime(): number { return this.rare === null ? NaN : this.rare.kaLastTime; }
  set kaLastTime(v: number) { if (this.rare !== null || !Number.isNaN(v)) this.rareFacts().kaLastTime = v; }
  get kaEvery(): number { return this.rare === null ? 0 : this.rare.kaEvery; }
  set kaEvery(v: number) { if (this.rare !== null || !Object.is(v, 0)) this.rareFacts().kaEvery = v; }
  get kaAckTsVal(): number { return this.rare === null ? -1 : this.rare.kaAckTsVal; }
  set kaAckTsVal(v: number) { if (this.rare !== null || v !== -1) this.rareFacts().kaAckTsVal = v; }
  get kaAckLine(): number { return this.rare === null ? 0 : this.rare.kaAckLine; }
  set kaAckLine(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().kaAckLine = v; }

  // Zero-window facts.
  get zwLine(): number { return this.rare === null ? 0 : this.rare.zwLine; }
  set zwLine(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().zwLine = v; }
  get zwTime(): number { return this.rare === null ? NaN : this.rare.zwTime; }
  set zwTime(v: number) { if (this.rare !== null || !Number.isNaN(v)) this.rareFacts().zwTime = v; }
  get zwProbes(): number { return this.rare === null ? 0 : this.rare.zwProbes; }
  set zwProbes(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().zwProbes = v; }
  get zwAckTime(): number { return this.rare === null ? NaN : this.rare.zwAckTime; }
  set zwAckTime(v: number) { if (this.rare !== null || !Number.isNaN(v)) this.rareFacts().zwAckTime = v; }

  // Retransmission, SACK and history-repeat facts.
  get rtxSeq(): number { return this.rare === null ? -1 : this.rare.rtxSeq; }
  set rtxSeq(v: number) { if (this.rare !== null || v !== -1) this.rareFacts().rtxSeq = v; }
  get rtxEnd(): number { return this.rare === null ? -1 : this.rare.rtxEnd; }
  set rtxEnd(v: number) { if (this.rare !== null || v !== -1) this.rareFacts().rtxEnd = v; }
  get rtxLine(): number { return this.rare === null ? 0 : this.rare.rtxLine; }
  set rtxLine(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().rtxLine = v; }
  get rtxFirstLine(): number { return this.rare === null ? 0 : this.rare.rtxFirstLine; }
  set rtxFirstLine(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().rtxFirstLine = v; }
  get rtxCount(): number { return this.rare === null ? 0 : this.rare.rtxCount; }
  set rtxCount(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().rtxCount = v; }
  get rtxSpurious(): boolean { return this.rare === null ? false : this.rare.rtxSpurious; }
  set rtxSpurious(v: boolean) { if (this.rare !== null || v) this.rareFacts().rtxSpurious = v; }
  get sackHigh(): number { return this.rare === null ? -1 : this.rare.sackHigh; }
  set sackHigh(v: number) { if (this.rare !== null || v !== -1) this.rareFacts().sackHigh = v; }
  get retransCount(): number { return this.rare === null ? 0 : this.rare.retransCount; }
  set retransCount(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().retransCount = v; }
  get zeroWinCount(): number { return this.rare === null ? 0 : this.rare.zeroWinCount; }
  set zeroWinCount(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().zeroWinCount = v; }
  get badSumCount(): number { return this.rare === null ? 0 : this.rare.badSumCount; }
  set badSumCount(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().badSumCount = v; }
  get gapCount(): number { return this.rare === null ? 0 : this.rare.gapCount; }
  set gapCount(v: number) { if (this.rare !== null || v !== 0) this.rareFacts().gapCount = v; }

  // IP header and direction facts.
  private ipFacts(): IpFacts { return (this.ip ??= new IpFacts()); }
  get ttl(): number { return this.ip === null ? -1 : this.ip.ttl; }
  set ttl(v: number) { if (this.ip !== null || v !== -1) this.ipFacts().ttl = v; }
  get ipId(): number { return this.ip === null ? -1 : this.ip.ipId; }
  set ipId(v: number) { if (this.ip !== null || v !== -1) this.ipFacts().ipId = v; }
  get ipIdUp(): number { return this.ip === null ? 0 : this.ip.ipIdUp; }
  set ipIdUp(v: number) { if (this.ip !== null || v !== 0) this.ipFacts().ipIdUp = v; }
  get df(): number { return this.ip === null ? -1 : this.ip.df; }
  set df(v: number) { if (this.ip !== null || v !== -1) this.ipFacts().df = v; }
  get firstTtl(): number { return this.ip === null ? -1 : this.ip.firstTtl; }
  set firstTtl(v: number) { if (this.ip !== null || v !== -1) this.ipFacts().firstTtl = v; }
  get dirs(): number { return this.ip === null ? 0 : this.ip.dirs; }
  set dirs(v: number) { if (this.ip !== null || v !== 0) this.ipFacts().dirs = v; }
}

/**
 * Host texts already held, so that the connections of one host share one string (under churn most connections share
 * their server's, and a client's address recurs): bounded, emptied when full.
 */
const HOSTS = new Map<string, string>();
const MAX_HOSTS = 8192;

function hostText(host: string): string {
  const known = HOSTS.get(host);
  if (known !== undefined) return known;
  if (HOSTS.size >= MAX_HOSTS) HOSTS.clear();
  const own = detach(host);
  HOSTS.set(own, own);
  return own;
}

function endpointOf(e: Endpoint): Endpoint {
  return { host: hostText(e.host), port: e.port, service: e.service === null ? null : detach(e.service) };
}

/** Booleans of a handshake, as bits of `HandshakeState.bools`. */
const HB_COMPLETE = 0x1;
const HB_OPTIONS_REPORTED = 0x2;
const HB_OPTIONS_DEFERRED = 0x4;
const HB_SYN_ACK_LOST = 0x8;
const HB_FIRST_SYN_ACK_RESENT = 0x10;
const HB_RTT_KNOWN = 0x20;
const HB_RESENT_BOTH = 0x40;

/**
 * A connection's handshake facts; its times live in the connection's double array (H_* indexes), the rest in fields.
 */
class HandshakeState implements Handshake {
  rttAt: Side | null = null;
  timingAt: CapturePoint | null = null;
  synLine = 0;
  synAckLine = 0;
  synAckCopyLine = 0;
  synAckFirstLine = 0;
  synResentLine = 0;
  synLastLine = 0;
  synAckResends: { line: number; answers: number }[] | null = null;
  /** The booleans, as HB_* bits. */
  bools = 0;
  d: number[];

  constructor(d: number[]) {
    this.d = d;
  }

  private bit(b: number, v: boolean): void {
    this.bools = v ? this.bools | b : this.bools & ~b;
  }
  get complete(): boolean { return (this.bools & HB_COMPLETE) !== 0; }
  set complete(v: boolean) { this.bit(HB_COMPLETE, v); }
  get optionsReported(): boolean { return (this.bools & HB_OPTIONS_REPORTED) !== 0; }
  set optionsReported(v: boolean) { this.bit(HB_OPTIONS_REPORTED, v); }
  get optionsDeferred(): boolean { return (this.bools & HB_OPTIONS_DEFERRED) !== 0; }
  set optionsDeferred(v: boolean) { this.bit(HB_OPTIONS_DEFERRED, v); }
  get synAckLost(): boolean { return (this.bools & HB_SYN_ACK_LOST) !== 0; }
  set synAckLost(v: boolean) { this.bit(HB_SYN_ACK_LOST, v); }
  get firstSynAckResent(): boolean { return (this.bools & HB_FIRST_SYN_ACK_RESENT) !== 0; }
  set firstSynAckResent(v: boolean) { this.bit(HB_FIRST_SYN_ACK_RESENT, v); }
  get rttKnown(): boolean { return (this.bools & HB_RTT_KNOWN) !== 0; }
  set rttKnown(v: boolean) { this.bit(HB_RTT_KNOWN, v); }
  get resentBoth(): boolean { return (this.bools & HB_RESENT_BOTH) !== 0; }
  set resentBoth(v: boolean) { this.bit(HB_RESENT_BOTH, v); }

  get synTime(): number { return this.d[H_SYN_TIME]; }
  set synTime(v: number) { this.d[H_SYN_TIME] = v; }
  get synAckTime(): number { return this.d[H_SYN_ACK_TIME]; }
  set synAckTime(v: number) { this.d[H_SYN_ACK_TIME] = v; }
  get ackTime(): number { return this.d[H_ACK_TIME]; }
  set ackTime(v: number) { this.d[H_ACK_TIME] = v; }
  get rtt(): number { return this.d[H_RTT]; }
  set rtt(v: number) { this.d[H_RTT] = v; }
  get irtt(): number { return this.d[H_IRTT]; }
  set irtt(v: number) { this.d[H_IRTT] = v; }
  get forwardSyn(): number { return this.d[H_FORWARD_SYN]; }
  set forwardSyn(v: number) { this.d[H_FORWARD_SYN] = v; }
  get forwardSynAck(): number { return this.d[H_FORWARD_SYN_ACK]; }
  set forwardSynAck(v: number) { this.d[H_FORWARD_SYN_ACK] = v; }
}

/**
 * What most connections never have: zero-window stalls, keep-alive timeouts and retransmission tallies, a RST and its
 * challenge, port reuse, a forwarding host, eviction. Allocated on the first write of a value other than the default.
 */
class ConnectionTallies {
  synDirection: 'In' | 'Out' | null = null;
  routed: RoutedConnection | null = null;
  proseBreaksAtFirst = 0;
  lastRun = 0;
  closeKind: '4-way' | '3-way' | 'simultaneous' | null = null;
  sawClosing = false;
  firstFinAckedAlone = false;
  reset: ResetFact | null = null;
  challengeFrom: Side | null = null;
  challengeLine = 0;
  evictedAt: number | null = null;
  previous: string | null = null;
  zwStalls = 0;
  zwProbes = 0;
  kaTimeoutBy: Side | null = null;
  kaTimeoutProbes = 0;
  kaReturnBroken = false;
  rtxRto = 0;
  rtxFast = 0;
  rtxTlp = 0;
  rtxRtoOrTlp = 0;
  rtxOther = 0;
  rtxSpurious = 0;
}

/** Booleans of a connection, as bits of `ConnectionState.bools`. */
const CB_ROLE_GUESSED = 0x1;
const CB_PAST_SYN = 0x2;
const CB_FIRST_UNTIMED = 0x4;
const CB_LAST_UNTIMED = 0x8;
const CB_TD_INIT = 0x10;
const CB_CLOSED = 0x20;
const CB_SETTLED = 0x40;
const MODE_SHIFT = 8;
const TEXT_SHIFT = 10;

/**
 * A Connection: its times in its double array (C_* indexes, shared with its flows and handshake), the tallies most
 * connections never have in a group allocated by the first write of a value other than the default (reading an absent
 * group gives the defaults), everything else in fields initialised here, in one order (one V8 shape).
 */
class ConnectionState implements Connection {
  id: string;
  c: Flow;
  s: Flow;
  firstLine: number;
  lastLine: number;
  timed = 0;
  /** The booleans as CB_* bits, `mode` (2 bits) from MODE_SHIFT, `textBits` (2 bits) from TEXT_SHIFT. */
  bools = 0;
  hs: Handshake;
  firstFin: Side | null = null;
  queuedLine: number;
  queueSlot = -1;
  history = '';
  states: EndStates = endStates(null, null);
  problems: ProblemState | null = null;
  tallies: ConnectionTallies | null = null;
  d: number[];

  constructor(id: string, client: Endpoint, server: Endpoint, roleGuessed: boolean, line: number, time: number) {
    const d = CONNECTION_DOUBLES.slice();
    this.d = d;
    this.id = id;
    this.c = new FlowState(endpointOf(client), d, 0);
    this.s = new FlowState(endpointOf(server), d, FLOW_DOUBLES);
    this.firstLine = line;
    this.lastLine = line;
    d[C_FIRST_TIME] = time;
    d[C_LAST_TIME] = time;
    this.bools = (roleGuessed ? CB_ROLE_GUESSED : 0) | (Number.isNaN(time) ? CB_FIRST_UNTIMED | CB_LAST_UNTIMED : 0);
    this.hs = new HandshakeState(d);
    this.queuedLine = line;
  }

  private bit(b: number, v: boolean): void {
    this.bools = v ? this.bools | b : this.bools & ~b;
  }
  get mode(): number { return (this.bools >>> MODE_SHIFT) & 3; }
  set mode(v: number) { this.bools = (this.bools & ~(3 << MODE_SHIFT)) | ((v & 3) << MODE_SHIFT); }
  get textBits(): number { return (this.bools >>> TEXT_SHIFT) & 3; }
  set textBits(v: number) { this.bools = (this.bools & ~(3 << TEXT_SHIFT)) | ((v & 3) << TEXT_SHIFT); }
  get roleGuessed(): boolean { return (this.bools & CB_ROLE_GUESSED) !== 0; }
  set roleGuessed(v: boolean) { this.bit(CB_ROLE_GUESSED, v); }
  get pastSyn(): boolean { return (this.bools & CB_PAST_SYN) !== 0; }
  set pastSyn(v: boolean) { this.bit(CB_PAST_SYN, v); }
  get firstUntimed(): boolean { return (this.bools & CB_FIRST_UNTIMED) !== 0; }
  set firstUntimed(v: boolean) { this.bit(CB_FIRST_UNTIMED, v); }
  get lastUntimed(): boolean { return (this.bools & CB_LAST_UNTIMED) !== 0; }
  set lastUntimed(v: boolean) { this.bit(CB_LAST_UNTIMED, v); }
  get tdInit(): boolean { return (this.bools & CB_TD_INIT) !== 0; }
  set tdInit(v: boolean) { this.bit(CB_TD_INIT, v); }
  get closed(): boolean { return (this.bools & CB_CLOSED) !== 0; }
  set closed(v: boolean) { this.bit(CB_CLOSED, v); }
  get settled(): boolean { return (this.bools & CB_SETTLED) !== 0; }
  set settled(v: boolean) { this.bit(CB_SETTLED, v); }

  get firstTime(): number { return this.d[C_FIRST_TIME]; }
  set firstTime(v: number) { this.d[C_FIRST_TIME] = v; }
  get lastTime(): number { return this.d[C_LAST_TIME]; }
  set lastTime(v: number) { this.d[C_LAST_TIME] = v; }
  get zwStallSeconds(): number { return this.d[C_ZW_STALL_SECONDS]; }
  set zwStallSeconds(v: number) { this.d[C_ZW_STALL_SECONDS] = v; }
  get zwLongest(): number { return this.d[C_ZW_LONGEST]; }
  set zwLongest(v: number) { this.d[C_ZW_LONGEST] = v; }

  private tally(): ConnectionTallies { return (this.tallies ??= new ConnectionTallies()); }
  get synDirection(): 'In' | 'Out' | null { return this.tallies === null ? null : this.tallies.synDirection; }
  set synDirection(v: 'In' | 'Out' | null) { if (this.tallies !== null || v !== null) this.tally().synDirection = v; }
  get routed(): RoutedConnection | null { return this.tallies === null ? null : this.tallies.routed; }
  set routed(v: RoutedConnection | null) { if (this.tallies !== null || v !== null) this.tally().routed = v; }
  get proseBreaksAtFirst(): number { return this.tallies === null ? 0 : this.tallies.proseBreaksAtFirst; }
  set proseBreaksAtFirst(v: number) { if (this.tallies !== null || v !== 0) this.tally().proseBreaksAtFirst = v; }
  get lastRun(): number { return this.tallies === null ? 0 : this.tallies.lastRun; }
  set lastRun(v: number) { if (this.tallies !== null || v !== 0) this.tally().lastRun = v; }
  get closeKind(): '4-way' | '3-way' | 'simultaneous' | null { return this.tallies === null ? null : this.tallies.closeKind; }
  set closeKind(v: '4-way' | '3-way' | 'simultaneous' | null) { if (this.tallies !== null || v !== null) this.tally().closeKind = v; }
  get sawClosing(): boolean { return this.tallies === null ? false : this.tallies.sawClosing; }
  set sawClosing(v: boolean) { if (this.tallies !== null || v) this.tally().sawClosing = v; }
  get firstFinAckedAlone(): boolean { return this.tallies === null ? false : this.tallies.firstFinAckedAlone; }
  set firstFinAckedAlone(v: boolean) { if (this.tallies !== null || v) this.tally().firstFinAckedAlone = v; }
  get reset(): ResetFact | null { return this.tallies === null ? null : this.tallies.reset; }
  set reset(v: ResetFact | null) { if (this.tallies !== null || v !== null) this.tally().reset = v; }
  get challengeFrom(): Side | null { return this.tallies === null ? null : this.tallies.challengeFrom; }
  set challengeFrom(v: Side | null) { if (this.tallies !== null || v !== null) this.tally().challengeFrom = v; }
  get challengeLine(): number { return this.tallies === null ? 0 : this.tallies.challengeLine; }
  set challengeLine(v: number) { if (this.tallies !== null || v !== 0) this.tally().challengeLine = v; }
  get evictedAt(): number | null { return this.tallies === null ? null : this.tallies.evictedAt; }
  set evictedAt(v: number | null) { if (this.tallies !== null || v !== null) this.tally().evictedAt = v; }
  get previous(): string | null { return this.tallies === null ? null : this.tallies.previous; }
  set previous(v: string | null) { if (this.tallies !== null || v !== null) this.tally().previous = v; }
  get zwStalls(): number { return this.tallies === null ? 0 : this.tallies.zwStalls; }
  set zwStalls(v: number) { if (this.tallies !== null || v !== 0) this.tally().zwStalls = v; }
  get zwProbes(): number { return this.tallies === null ? 0 : this.tallies.zwProbes; }
  set zwProbes(v: number) { if (this.tallies !== null || v !== 0) this.tally().zwProbes = v; }
  get kaTimeoutBy(): Side | null { return this.tallies === null ? null : this.tallies.kaTimeoutBy; }
  set kaTimeoutBy(v: Side | null) { if (this.tallies !== null || v !== null) this.tally().kaTimeoutBy = v; }
  get kaTimeoutProbes(): number { return this.tallies === null ? 0 : this.tallies.kaTimeoutProbes; }
  set kaTimeoutProbes(v: number) { if (this.tallies !== null || v !== 0) this.tally().kaTimeoutProbes = v; }
  get kaReturnBroken(): boolean { return this.tallies === null ? false : this.tallies.kaReturnBroken; }
  set kaReturnBroken(v: boolean) { if (this.tallies !== null || v) this.tally().kaReturnBroken = v; }
  get rtxRto(): number { return this.tallies === null ? 0 : this.tallies.rtxRto; }
  set rtxRto(v: number) { if (this.tallies !== null || v !== 0) this.tally().rtxRto = v; }
  get rtxFast(): number { return this.tallies === null ? 0 : this.tallies.rtxFast; }
  set rtxFast(v: number) { if (this.tallies !== null || v !== 0) this.tally().rtxFast = v; }
  get rtxTlp(): number { return this.tallies === null ? 0 : this.tallies.rtxTlp; }
  set rtxTlp(v: number) { if (this.tallies !== null || v !== 0) this.tally().rtxTlp = v; }
  get rtxRtoOrTlp(): number { return this.tallies === null ? 0 : this.tallies.rtxRtoOrTlp; }
  set rtxRtoOrTlp(v: number) { if (this.tallies !== null || v !== 0) this.tally().rtxRtoOrTlp = v; }
  get rtxOther(): number { return this.tallies === null ? 0 : this.tallies.rtxOther; }
  set rtxOther(v: number) { if (this.tallies !== null || v !== 0) this.tally().rtxOther = v; }
  get rtxSpurious(): number { return this.tallies === null ? 0 : this.tallies.rtxSpurious; }
  set rtxSpurious(v: number) { if (this.tallies !== null || v !== 0) this.tally().rtxSpurious = v; }
}

/** A lone flow with its own double array (tests and the tracker's scratch context). */
export function newFlow(e: Endpoint): Flow {
  return new FlowState(endpointOf(e), CONNECTION_DOUBLES.slice(0, FLOW_DOUBLES), 0);
}

export function newConnection(id: string, client: Endpoint, server: Endpoint, roleGuessed: boolean, line: number, time: number): Connection {
  return new ConnectionState(id, client, server, roleGuessed, line, time);
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

/**
 * Ring slots allocated at a flow's first data segment: most flows send a few data segments, and a ring of all RING
 * entries (64 doubles, ~560 B) was the largest part of a closed connection. It grows to RING entries when the ring
 * first needs more; slots beyond its length read as empty.
 */
const RING_FIRST = 4;
/** Doubles per ring entry: seq, end (seq + length), line, time. */
const RING_STRIDE = 4;

/** Remember a data segment for retransmission look-ups: where it starts and ends, its line and time. */
export function ringPush(f: Flow, seq: number, end: number, line: number, time: number): void {
  // A plain packed-double array: far cheaper to allocate than a typed array.
  let ring = (f.ring ??= new Array<number>(RING_FIRST * RING_STRIDE).fill(-1));
  const i = f.ringPos * RING_STRIDE;
  if (i >= ring.length) {
    // Only before the first wrap: the positions are written in order from 0.
    const grown = new Array<number>(RING * RING_STRIDE).fill(-1);
    for (let k = 0; k < ring.length; k++) grown[k] = ring[k];
    ring = f.ring = grown;
  }
  ring[i] = seq;
  ring[i + 1] = end;
  ring[i + 2] = line;
  ring[i + 3] = time;
  f.ringPos = (f.ringPos + 1) % RING;
}

/**
 * FIRST COPY OF RESENT BYTES
 * Slot index (into the ring) of the most recent remembered segment that holds byte `seq` (start ≤ seq < end), or -1.
 * A resend need not start where a segment did: a tail loss probe resends the last MSS of the flight (RFC 8985 §7.3,
 * Linux tcp_send_loss_probe), which at a sender with TSO/GSO is the end of one large segment the capture printed whole
 * (samples/offload-on/client.txt line 30 resends 65161:65609 of line 29's 50681:65609).
 */
function ringSlot(f: Flow, seq: number): number {
  const ring = f.ring;
  if (ring === null) return -1;
  for (let k = 0; k < RING; k++) {
    const i = ((f.ringPos - 1 - k + RING) % RING) * RING_STRIDE;
    if (i >= ring.length || ring[i] < 0) continue;
    if (seqLe(ring[i], seq) && seqLt(seq, ring[i + 1])) return i;
  }
  return -1;
}

/** The line of the remembered segment that holds byte `seq`, or null. */
export function ringFind(f: Flow, seq: number): number | null {
  const i = ringSlot(f, seq);
  return i < 0 ? null : (f.ring as number[])[i + 2];
}

/** When the remembered segment that holds byte `seq` was sent (NaN when unknown). */
export function ringTime(f: Flow, seq: number): number {
  const i = ringSlot(f, seq);
  return i < 0 ? NaN : (f.ring as number[])[i + 3];
}

/** Where the remembered segment that holds byte `seq` starts and ends, or null. */
export function ringSpan(f: Flow, seq: number): [number, number] | null {
  const i = ringSlot(f, seq);
  if (i < 0) return null;
  const ring = f.ring as number[];
  return [ring[i], ring[i + 1]];
}
