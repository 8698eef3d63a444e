// What went wrong on a connection, from its findings as they pass: counters per finding code, loss repair episodes,
// zero-window stalls, handshake retries and the longest silence. O(1) per segment, numbers only.

import { FINDINGS, FINDING_CODES, type Finding, type FindingCode, type Severity, type Side } from '../model/findings';
import { problemSeverity, severityRank, SEVERITY, type ConnectionSeverity, type Problem, type VerdictCode } from '../model/verdict';
import type { Connection } from './connection';
import { seqGe, seqGt } from './seq32';
import { roundSeconds } from './timestamp';

/** Index of each finding code in the counter arrays. */
const CODE_INDEX = new Map<FindingCode, number>(FINDING_CODES.map((c, i) => [c, i]));
/** Severity of each finding code, by code index (a keyed look-up into FINDINGS per code was a frame of its own). */
const CODE_SEVERITY: readonly Severity[] = FINDING_CODES.map((c) => FINDINGS[c].severity);

/** Where code index `k` sits in `counts` (a multiple of 3), or -1. */
function countAt(st: ProblemState, k: number): number {
  const a = st.counts;
  for (let i = 0; i < a.length; i += 3) if (a[i] === k) return i;
  return -1;
}

/** How many findings of code index `k` the connection had. */
function countOf(st: ProblemState, k: number): number {
  const i = countAt(st, k);
  return i < 0 ? 0 : st.counts[i + 1];
}

/** The line of the first finding of code index `k` (0 none). */
function firstLineOf(st: ProblemState, k: number): number {
  const i = countAt(st, k);
  return i < 0 ? 0 : st.counts[i + 2];
}

/** One more finding of code index `k` on `line`; a code seen for the first time is inserted in code order. */
function addCount(st: ProblemState, k: number, line: number): void {
  const a = st.counts;
  const i = countAt(st, k);
  if (i >= 0) {
    a[i + 1]++;
    if (a[i + 2] === 0) a[i + 2] = line;
    return;
  }
  let at = a.length;
  while (at > 0 && a[at - 3] > k) at -= 3;
  a.splice(at, 0, k, 1, line);
}

/** Retransmission kinds, as counted in `LossState.kinds`. */
const K_FAST = 0;
const K_TIMEOUT = 1;
const K_TLP = 2;
/** The last segment alone in flight resent ≥ 200 ms later: an RTO and a TLP fire at the same moment (RFC 8985 §7.2). */
const K_RTO_OR_TLP = 3;
const K_OTHER = 4;
/** Signs whose first line a loss reports: the retransmission kinds, then these. */
const F_SPURIOUS = 5;
const F_GAP = 6;
const F_DUP = 7;

/** Loss and its repair in one direction of data, named after the data's sender. */
interface LossState {
  kinds: [number, number, number, number, number];
  /** Line of the latest retransmission counted unnecessary on arrival: a D-SACK naming it must not count it twice. */
  spuriousLine: number;
  spurious: number;
  notCaptured: number;
  dupAcks: number;
  firstLine: number;
  /** First line of each sign in this direction: F_* indexes. */
  firsts: number[];
  /** Highest ACK the data's receiver sent so far (-1 none): an ACK beyond it with nothing to repair ends an episode. */
  rcvAck: number;
  /** Current repair episode: when its first sign came (NaN: none open), the end of the highest retransmitted byte. */
  episodeStart: number;
  high: number;
  pending: boolean;
  repairSeconds: number;
  /** Repair episodes that ended with an ACK. */
  repairs: number;
  repairUnknown: boolean;
  /** SACK-hole resends a timer sent (fast retransmission trigger `timer`), counted among `kinds[K_OTHER]`. */
  sackTimer: number;
  /** Line of the D-SACK that proved the latest unnecessary retransmission (0 none). */
  dsackLine: number;
  /** The first timer retransmission whose first copy was lost before this capture point (tcp.upstream_retransmission). */
  upstream: Extract<Finding, { code: 'tcp.upstream_retransmission' }> | null;
  upstreamLine: number;
}

/** Per-connection counters: allocated on the connection's second segment or first finding. */
export interface ProblemState {
  /**
   * The finding codes seen, in code order, as triples: code index (CODE_INDEX), count, first line (0 = none). A
   * connection sees a few codes of the ~60: an Int32Array of two counters per code was ~270 B per connection and a
   * typed-array allocation (off-heap backing store) on every connection's second segment.
   */
  counts: number[];
  loss: { client: LossState | null; server: LossState | null };
  sack: boolean;
  unseenBytes: number;
  zwBy: Side | null;
  zwStart: number;
  zwSeconds: number;
  zwStalls: number;
  zwProbes: number;
  zwOpen: boolean;
  zwUnknown: boolean;
  /** First zero window and the first segment that opened it again. */
  zwLine: number;
  zwEndLine: number;
  hsSyn: number;
  hsSynAck: number;
  hsDelay: number;
  /** Last segment that was not a keep-alive (time, line), keep-alives since, and the longest such silence. */
  activeTime: number;
  activeLine: number;
  kaSince: number;
  /** Keep-alive answers since the last active segment; the last probe's (or activity's) time; the longest step. */
  kaAnswered: number;
  kaLast: number;
  kaEvery: number;
  kaBy: Side | null;
  gapSeconds: number;
  gapFrom: number;
  gapTo: number;
  gapKeepAlives: number;
  gapAnswered: number;
  gapEvery: number;
  gapProber: Side | null;
  /** The end whose FIN, the connection's first, ended the longest silence (null: something else ended it). */
  gapClosedBy: Side | null;
}

/** One segment as the contributions see it. */
export interface SegmentEvent {
  conn: Connection;
  st: ProblemState;
  sender: Side;
  line: number;
  time: number;
  /** End of the segment's data in the sender's sequence space (-1 unknown or no data). */
  dataEnd: number;
  /** Acknowledgment number in the receiver's sequence space (-1 none). */
  ack: number;
  /** Raw window field (-1 absent). */
  win: number;
  /** Marks set by this segment's contributions. */
  keepAlive: boolean;
  retransmission: boolean;
}

const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

function newLoss(): LossState {
  return { kinds: [0, 0, 0, 0, 0], spuriousLine: 0, spurious: 0, notCaptured: 0, dupAcks: 0, firstLine: 0, firsts: [0, 0, 0, 0, 0, 0, 0, 0], rcvAck: -1, episodeStart: NaN, high: -1, pending: false, repairSeconds: 0, repairs: 0, repairUnknown: false, sackTimer: 0, dsackLine: 0, upstream: null, upstreamLine: 0 };
}

function lossOf(st: ProblemState, dataSender: Side): LossState {
  return (st.loss[dataSender] ??= newLoss());
}

/** The first sign of a loss opens a repair episode for that direction of data; `sign` is an F_* or K_* index. */
function lossSign(l: LossState, e: SegmentEvent, sign: number): void {
  if (Number.isNaN(l.episodeStart) && !l.pending) l.episodeStart = e.time;
  if (l.firstLine === 0) l.firstLine = e.line;
  if (l.firsts[sign] === 0) l.firsts[sign] = e.line;
}

function retransmitted(e: SegmentEvent, kind: number): void {
  const l = lossOf(e.st, e.sender);
  l.kinds[kind]++;
  // With no earlier sign (no duplicate ACK, no hole) a timer fired: the repair began when the connection went quiet.
  if (Number.isNaN(l.episodeStart) && !l.pending) l.episodeStart = e.st.activeTime;
  lossSign(l, e, kind);
  e.retransmission = true;
  if (Number.isNaN(e.time)) l.repairUnknown = true;
  if (e.dataEnd >= 0 && (l.high < 0 || seqGe(e.dataEnd, l.high))) l.high = e.dataEnd;
  l.pending = true;
}

/**
 * CONTRIBUTIONS
 * Finding code → what it adds to the connection's problems; codes absent here are only counted (findingCounts).
 * A new finding code joins with one entry:
 * - a retransmission kind on the retransmitted segment: `(e) => retransmitted(e, K_TIMEOUT)` (or K_FAST, K_TLP,
 *   K_RTO_OR_TLP, K_OTHER), so it counts once, by kind, and opens or extends a repair episode;
 * - a retransmission proved unnecessary later, on the ACK carrying the D-SACK (RFC 2883 §4): add 1 to
 *   `lossOf(e.st, other(e.sender)).spurious` (it stays a retransmission; it is no longer a loss);
 * - a zero-window stall figure: the stall is already timed here from `tcp.zero_window` to the window opening.
 */
export const CONTRIBUTIONS: Partial<{ [C in FindingCode]: (e: SegmentEvent, f: Extract<Finding, { code: C }>) => void }> = {
  'tcp.fast_retransmission': (e, f) => {
    // A SACK hole resent long after the ACK that showed it: a timer's resend (RACK reordering timer or a probe).
    if (f.trigger === 'timer') lossOf(e.st, e.sender).sackTimer++;
    retransmitted(e, f.trigger === 'timer' ? K_OTHER : K_FAST);
  },
  // New data seen here first, sent by a timer: a retransmission whose first copy was lost before this capture point.
  'tcp.upstream_retransmission': (e, f) => {
    const l = lossOf(e.st, e.sender);
    if (l.upstream === null) {
      l.upstream = f;
      l.upstreamLine = e.line;
    }
    // The data was due when the sender's previous segment came: the delay counts from there, not from the hole.
    const due = e.time - f.sinceSent;
    if (!l.pending && !Number.isNaN(due) && (Number.isNaN(l.episodeStart) || due < l.episodeStart)) l.episodeStart = due;
    retransmitted(e, f.timer === 'tlp' ? K_TLP : K_RTO_OR_TLP);
  },
  // The kind judged on arrival from its timing (heuristics/retransmission.ts RETRANSMISSION KIND).
  'tcp.retransmission': (e, f) =>
    retransmitted(e, f.kind === 'rto' ? K_TIMEOUT : f.kind === 'tlp' ? K_TLP : f.kind === 'rto-or-tlp' ? K_RTO_OR_TLP : K_OTHER),
  'tcp.spurious_retransmission': (e, f) => {
    // Resends bytes the peer had already acknowledged: a retransmission, but no loss and no repair to wait for.
    const l = lossOf(e.st, e.sender);
    l.kinds[f.probe ? K_TLP : K_OTHER]++;
    l.spurious++;
    l.spuriousLine = e.line;
    if (l.firstLine === 0) l.firstLine = e.line;
    if (l.firsts[F_SPURIOUS] === 0) l.firsts[F_SPURIOUS] = e.line;
    e.retransmission = true;
  },
  // RFC 2883 §4 / RFC 3708: the data receiver got that retransmission's bytes twice, so it was not needed.
  'tcp.dsack': (e, f) => {
    if (f.retransLine === null) return;
    const l = lossOf(e.st, other(e.sender));
    if (l.spuriousLine === f.retransLine) return;
    l.spurious++;
    l.spuriousLine = f.retransLine;
    l.dsackLine = e.line;
    if (l.firsts[F_SPURIOUS] === 0) l.firsts[F_SPURIOUS] = e.line;
  },
  'tcp.previous_segment_not_captured': (e) => {
    const l = lossOf(e.st, e.sender);
    l.notCaptured++;
    lossSign(l, e, F_GAP);
  },
  'tcp.dup_ack': (e) => {
    const l = lossOf(e.st, other(e.sender));
    l.dupAcks++;
    lossSign(l, e, F_DUP);
  },
  'tcp.acked_unseen_segment': (e, f) => {
    e.st.unseenBytes += f.unseenBytes;
  },
  'tcp.options_negotiated': (e, f) => {
    e.st.sack = f.sack;
  },
  'tcp.zero_window': (e) => {
    const st = e.st;
    if (st.zwOpen) return;
    if (st.zwBy === null) st.zwBy = e.sender;
    else if (st.zwBy !== e.sender) return;
    st.zwOpen = true;
    st.zwStart = e.time;
    st.zwStalls++;
    if (st.zwLine === 0) st.zwLine = e.line;
  },
  'tcp.zero_window_probe': (e) => {
    if (e.st.zwOpen && e.sender !== e.st.zwBy) e.st.zwProbes++;
    e.keepAlive = true;
  },
  'tcp.zero_window_probe_ack': (e) => {
    e.keepAlive = true;
  },
  'tcp.keep_alive': (e) => {
    // Against a zero window Linux probes exactly like a keep-alive (tcp_probe_timer → tcp_xmit_probe_skb).
    if (e.st.zwOpen && e.sender !== e.st.zwBy) e.st.zwProbes++;
    else {
      const st = e.st;
      st.kaSince++;
      st.kaBy = e.sender;
      if (Number.isNaN(e.time) || Number.isNaN(st.kaLast)) st.kaEvery = NaN;
      else if (e.time - st.kaLast > st.kaEvery) st.kaEvery = e.time - st.kaLast;
      st.kaLast = e.time;
    }
    e.keepAlive = true;
  },
  'tcp.keep_alive_ack': (e) => {
    e.st.kaAnswered++;
    e.keepAlive = true;
  },
  'tcp.keep_alive_unanswered': (e, f) => {
    // An answer captured but never received by the prober (its TS echo stayed old) did not keep anything alive.
    if (f.answerLine !== null && e.st.kaAnswered > 0) e.st.kaAnswered--;
  },
  'tcp.syn_retransmission': (e, f) => {
    e.st.hsSyn++;
    if (!e.conn.hs.complete && f.sinceFirst !== null && f.sinceFirst > e.st.hsDelay) e.st.hsDelay = f.sinceFirst;
    e.retransmission = true;
  },
  'tcp.synack_retransmission': (e, f) => {
    e.st.hsSynAck++;
    if (!e.conn.hs.complete && f.sinceFirst !== null && f.sinceFirst > e.st.hsDelay) e.st.hsDelay = f.sinceFirst;
    e.retransmission = true;
  },
};

function newState(conn: Connection): ProblemState {
  return {
    counts: [],
    loss: { client: null, server: null },
    sack: false,
    unseenBytes: 0,
    zwBy: null,
    zwStart: NaN,
    zwSeconds: 0,
    zwStalls: 0,
    zwProbes: 0,
    zwOpen: false,
    zwUnknown: false,
    zwLine: 0,
    zwEndLine: 0,
    hsSyn: 0,
    hsSynAck: 0,
    hsDelay: 0,
    activeTime: conn.firstTime,
    activeLine: conn.firstLine,
    kaSince: 0,
    kaAnswered: 0,
    kaLast: conn.firstTime,
    kaEvery: 0,
    kaBy: null,
    gapSeconds: 0,
    gapFrom: 0,
    gapTo: 0,
    gapKeepAlives: 0,
    gapAnswered: 0,
    gapEvery: 0,
    gapProber: null,
    gapClosedBy: null,
  };
}

const event: SegmentEvent = {
  conn: undefined as unknown as Connection,
  st: undefined as unknown as ProblemState,
  sender: 'client',
  line: 0,
  time: NaN,
  dataEnd: -1,
  ack: -1,
  win: -1,
  keepAlive: false,
  retransmission: false,
};

/**
 * Called by the tracker once per segment, after its findings: counts them, runs their contributions, and follows
 * the repair episodes, the zero-window stall and the silences. `time` NaN when the capture has no timestamps.
 */
export function noteSegment(
  conn: Connection,
  sender: Side,
  findings: readonly Finding[],
  line: number,
  time: number,
  dataEnd: number,
  ack: number,
  win: number,
  firstFin = false,
): void {
  let st = conn.problems;
  if (st === null) {
    // The connection's first segment alone (a bare SYN of a scan) needs nothing remembered.
    if (findings.length === 0 && conn.c.packets + conn.s.packets < 2) return;
    st = conn.problems = newState(conn);
  }
  const zwWasOpen = st.zwOpen;
  let keepAlive = false;
  let retransmission = false;
  if (findings.length > 0) {
    // Most segments have no finding: the event is filled only for those that do.
    const e = event;
    e.conn = conn;
    e.st = st;
    e.sender = sender;
    e.line = line;
    e.time = time;
    e.dataEnd = dataEnd;
    e.ack = ack;
    e.win = win;
    e.keepAlive = false;
    e.retransmission = false;
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      const k = CODE_INDEX.get(f.code);
      if (k !== undefined) addCount(st, k, line);
      const contribute = CONTRIBUTIONS[f.code] as ((e: SegmentEvent, f: Finding) => void) | undefined;
      if (contribute !== undefined) contribute(e, f);
    }
    keepAlive = e.keepAlive;
    retransmission = e.retransmission;
  }

  // REPAIR DONE: an ACK that covers the highest retransmitted byte ends the episode (RFC 6675 §5 "RecoveryPoint").
  const l = sender === 'client' ? st.loss.server : st.loss.client;
  if (l !== null && ack >= 0) {
    if (l.pending && l.high >= 0 && seqGe(ack, l.high)) {
      if (Number.isNaN(time) || Number.isNaN(l.episodeStart)) l.repairUnknown = true;
      else l.repairSeconds += time - l.episodeStart;
      l.repairs++;
      l.pending = false;
      l.episodeStart = NaN;
      l.high = -1;
    } else if (!l.pending && !Number.isNaN(l.episodeStart) && l.rcvAck >= 0 && seqGt(ack, l.rcvAck)) {
      // Duplicate ACKs or a hole that needed no retransmission (reordering): the ACK moved on, nothing to time.
      l.episodeStart = NaN;
    }
    if (l.rcvAck < 0 || seqGt(ack, l.rcvAck)) l.rcvAck = ack;
  }

  // ZERO-WINDOW STALL ENDS when the end that closed its window announces a non-zero one (RFC 9293 §3.8.6.1).
  if (st.zwOpen && sender === st.zwBy && win > 0) {
    if (Number.isNaN(time) || Number.isNaN(st.zwStart)) st.zwUnknown = true;
    else st.zwSeconds += time - st.zwStart;
    st.zwOpen = false;
    if (st.zwEndLine === 0) st.zwEndLine = line;
  }

  // SILENCE: time between segments that are not keep-alives; a gap inside a stall or ended by a retransmission is
  // the stall's or the loss's time, not a silence.
  if (!keepAlive) {
    const gap = time - st.activeTime;
    if (!zwWasOpen && !retransmission && gap > st.gapSeconds) {
      st.gapSeconds = gap;
      st.gapFrom = st.activeLine;
      st.gapTo = line;
      st.gapKeepAlives = st.kaSince;
      st.gapAnswered = st.kaAnswered;
      st.gapEvery = st.kaEvery;
      st.gapProber = st.kaSince > 0 ? st.kaBy : null;
      st.gapClosedBy = firstFin ? sender : null;
    }
    if (!Number.isNaN(time)) st.activeTime = time;
    st.activeLine = line;
    st.kaSince = 0;
    st.kaAnswered = 0;
    st.kaLast = time;
    st.kaEvery = 0;
  }
}

/**
 * NOTABLE SILENCE
 * A silence is worth a problem when it lasts at least 1 s (RFC 6298 §2.4: the smallest retransmission timeout, so a
 * shorter gap can be a single timer) and at least 100 handshake round trips (think time measured against the path).
 */
const SILENCE_MIN_SECONDS = 1;
const SILENCE_RTT_FACTOR = 100;

/** First lines of the given codes, sorted, without zeros. */
function firstLines(st: ProblemState, codes: readonly FindingCode[]): number[] {
  const out: number[] = [];
  for (const c of codes) {
    const k = CODE_INDEX.get(c);
    if (k === undefined) continue;
    const line = firstLineOf(st, k);
    if (line > 0 && !out.includes(line)) out.push(line);
  }
  return out.sort((a, b) => a - b);
}

/**
 * The lines a handshake retry names. With a lost SYN-ACK (hs.synAckLost) the sentence names the original SYN-ACK (when
 * captured), each SYN-ACK resend and the client's resent SYN (handshake.ts HANDSHAKE LINES), and `lines` lists exactly
 * those; otherwise the first SYN and SYN-ACK retransmissions.
 */
function synAckLostLines(conn: Connection, st: ProblemState): Pick<Extract<Problem, { code: 'handshake-retry' }>, 'lines' | 'synAckLines'> {
  const hs = conn.hs;
  const resends = hs.synAckResends;
  if (!hs.synAckLost || resends === null) return { lines: firstLines(st, ['tcp.syn_retransmission', 'tcp.synack_retransmission']) };
  const original = hs.firstSynAckResent || hs.synAckFirstLine === 0 ? null : hs.synAckFirstLine;
  const lines = resends.map((r) => r.line);
  if (original !== null) lines.push(original);
  if (hs.synResentLine > 0) lines.push(hs.synResentLine);
  for (const r of resends) if (original !== null && r.answers > 0 && !lines.includes(r.answers)) lines.push(r.answers);
  return {
    lines: lines.sort((a, b) => a - b),
    synAckLines: { original, resends: resends.map((r) => ({ line: r.line, answers: original === null ? 0 : r.answers })), synResent: hs.synResentLine },
  };
}

/** Seconds a problem cost, for ordering (0 when unknown). */
function cost(p: Problem): number {
  switch (p.code) {
    case 'loss':
      return p.repairSeconds ?? 0;
    case 'zero-window':
    case 'handshake-retry':
      return p.seconds ?? 0;
    case 'silence':
      return p.seconds;
    case 'capture-missed':
      return 0;
  }
}

/** The connection's problems, dominant first: by severity, then by the time they cost. */
export function buildProblems(conn: Connection): Problem[] {
  const st = conn.problems;
  if (st === null) return [];
  const out: Problem[] = [];
  for (const sender of ['client', 'server'] as const) {
    const l = st.loss[sender];
    if (l === null) continue;
    const retransmitted = l.kinds[K_FAST] + l.kinds[K_TIMEOUT] + l.kinds[K_TLP] + l.kinds[K_RTO_OR_TLP] + l.kinds[K_OTHER];
    if (retransmitted === 0 && l.notCaptured === 0) continue; // duplicate ACKs alone: no segment was missing
    const lines = l.firsts.filter((line, i) => line > 0 && l.firsts.indexOf(line) === i).sort((a, b) => a - b);
    const lost = Math.max(retransmitted - l.spurious, l.notCaptured);
    const up = l.upstream;
    out.push({
      code: 'loss',
      sender,
      retransmitted,
      fast: l.kinds[K_FAST],
      timeout: l.kinds[K_TIMEOUT],
      tlp: l.kinds[K_TLP],
      timeoutOrTlp: l.kinds[K_RTO_OR_TLP],
      other: l.kinds[K_OTHER],
      spurious: l.spurious,
      lost,
      notCaptured: l.notCaptured,
      dupAcks: l.dupAcks,
      sack: st.sack,
      sackTimer: l.sackTimer,
      spuriousLine: l.spuriousLine,
      dsackLine: l.dsackLine,
      upstream:
        up === null
          ? null
          : { line: l.upstreamLine, bytes: up.bytes, seconds: up.sinceSent, tsFrom: up.tsFrom, tsTo: up.tsTo, timer: up.timer, afterHole: up.afterHole },
      // Nothing was lost (every retransmission proved unnecessary): nothing was repaired, whatever the ACK timing.
      repairSeconds: lost === 0 || l.repairUnknown || l.repairs === 0 ? null : roundSeconds(l.repairSeconds),
      repaired: !l.pending,
      lines,
    });
  }
  if (st.zwStalls > 0 && st.zwBy !== null) {
    const zwFlow = st.zwBy === 'client' ? conn.c : conn.s;
    const sender = st.zwBy === 'client' ? conn.s : conn.c;
    const ts = conn.c.tsOk && conn.s.tsOk;
    const segMss = zwFlow.mss > 0 ? (sender.mss > 0 ? Math.min(zwFlow.mss, sender.mss) : zwFlow.mss) : -1;
    let seconds: number | null = st.zwSeconds;
    if (st.zwOpen) {
      if (Number.isNaN(conn.lastTime) || Number.isNaN(st.zwStart)) st.zwUnknown = true;
      else seconds += conn.lastTime - st.zwStart;
    }
    out.push({
      code: 'zero-window',
      by: st.zwBy,
      seconds: st.zwUnknown ? null : roundSeconds(seconds),
      stalls: st.zwStalls,
      probes: st.zwProbes,
      reopened: !st.zwOpen,
      maxWindow: zwFlow.maxWinBytes >= 0 ? zwFlow.maxWinBytes : null,
      mss: zwFlow.mss > 0 ? zwFlow.mss : null,
      wscale: zwFlow.winScale >= 0 ? zwFlow.winScale : null,
      segment: segMss > 0 ? { bytes: segMss - (ts ? 12 : 0), timestamps: ts } : null,
      lines: st.zwEndLine > 0 ? [st.zwLine, st.zwEndLine] : [st.zwLine],
    });
  }
  if (st.hsSyn + st.hsSynAck > 0) {
    out.push({
      code: 'handshake-retry',
      syn: st.hsSyn,
      // The original SYN-ACK lost before this capture point: every SYN-ACK captured here was a resend (each has its finding).
      synAck: st.hsSynAck,
      originalSynAckUnseen: conn.hs.firstSynAckResent,
      seconds: st.hsDelay > 0 ? roundSeconds(st.hsDelay) : conn.hs.complete ? 0 : null,
      synAckLost: conn.hs.synAckLost,
      ...synAckLostLines(conn, st),
    });
  }
  const rtt = Number.isNaN(conn.hs.rtt) ? 0 : conn.hs.rtt;
  if (st.gapSeconds >= SILENCE_MIN_SECONDS && st.gapSeconds >= SILENCE_RTT_FACTOR * rtt) {
    out.push({
      code: 'silence',
      seconds: roundSeconds(st.gapSeconds),
      keepAlives: st.gapKeepAlives,
      answered: st.gapAnswered,
      probeEvery: st.gapKeepAlives > 0 && !Number.isNaN(st.gapEvery) ? roundSeconds(st.gapEvery) : null,
      prober: st.gapProber,
      closedBy: st.gapClosedBy,
      lines: [st.gapFrom, st.gapTo],
    });
  }
  const unseen = CODE_INDEX.get('tcp.acked_unseen_segment');
  if (unseen !== undefined && countOf(st, unseen) > 0) {
    out.push({ code: 'capture-missed', segments: countOf(st, unseen), bytes: st.unseenBytes, lines: [firstLineOf(st, unseen)] });
  }
  return out.sort((a, b) => severityRank(problemSeverity(b)) - severityRank(problemSeverity(a)) || cost(b) - cost(a));
}

/** The connection's severity: the worst of its close outcome and its problems. */
export function connectionSeverity(verdict: VerdictCode, problems: readonly Problem[]): ConnectionSeverity {
  let s = SEVERITY.verdict[verdict];
  for (const p of problems) {
    const ps = problemSeverity(p);
    if (severityRank(ps) > severityRank(s)) s = ps;
  }
  return s;
}

/** Findings counted by code, in the findings table's order. */
export function findingCounts(conn: Connection): Partial<Record<FindingCode, number>> {
  const out: Partial<Record<FindingCode, number>> = {};
  const st = conn.problems;
  if (st === null) return out;
  const a = st.counts;
  for (let i = 0; i < a.length; i += 3) if (a[i + 1] > 0) out[FINDING_CODES[a[i]]] = a[i + 1];
  return out;
}

/** The first line of each finding code seen on the connection, in the findings table's order. */
export function findingFirstLines(conn: Connection): Partial<Record<FindingCode, number>> {
  const out: Partial<Record<FindingCode, number>> = {};
  const st = conn.problems;
  if (st === null) return out;
  const a = st.counts;
  for (let i = 0; i < a.length; i += 3) if (a[i + 1] > 0) out[FINDING_CODES[a[i]]] = a[i + 2];
  return out;
}

/** Findings counted by their severity (model/findings FINDINGS). */
export function findingsBySeverity(conn: Connection): Record<Severity, number> {
  const out: Record<Severity, number> = { info: 0, note: 0, warning: 0, error: 0 };
  const st = conn.problems;
  if (st === null) return out;
  const a = st.counts;
  for (let i = 0; i < a.length; i += 3) out[CODE_SEVERITY[a[i]]] += a[i + 1];
  return out;
}
