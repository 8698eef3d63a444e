// The tracker: routes each TCP record to its connection, runs numbering, heuristics and states once, emits verdicts.

import type { CapturePoint, Finding, Side } from '../model/findings';
import type { ConnectionVerdict } from '../model/verdict';
import type { Endpoint } from '../model/endpoint';
import type { LineRecord, MetaRecord, TcpRecord } from '../model/line-result';
import type { SegmentAnalysis, SegmentCopy } from '../model/segment';
import type { EndStates } from '../model/tcp-state';
import { findOption } from '../model/tcp-options';
import { seqAdd, seqDiff, seqGe, seqGt } from './seq32';
import { ACK, AE, CWR, ECE, FIN, PSH, RST, SYN, URG, flagBitsFromOldStyle } from '../model/tcp-flags';
import {
  A_FAST_RETRANSMISSION,
  A_LOST_PACKET,
  A_RETRANSMISSION,
  A_SPURIOUS_RETRANSMISSION,
  A_ZERO_WINDOW,
  A_ZERO_WINDOW_PROBE,
  TEXT_CUT,
  TEXT_IP,
  type Connection,
  newConnection,
  type Flow,
  ringPush,
} from './connection';
import { ackedUnseen, dupAck, endDupAckRun } from './heuristics/ack';
import { bsdSynLayout, linuxSynLayout } from './heuristics/linux-syn';
import { deferOptions, handshakeRtt, noteHandshakeLines, noteHandshakeTimes, recordSynOptions, reportOptions, settleWindowScale, timestampsMissing } from './heuristics/handshake';
import { keepAlive, keepAliveAck, keepAliveOutcome } from './heuristics/keepalive';
import { noteCaptureEvidence, settledCapturePoint } from './heuristics/capture-point';
import { checksum } from './heuristics/lifecycle';
import { challengeAck, checkAfterReset, classifyReset, noteSenderFacts, resetFact, rstNotTaken, tsValOf, type BeforeRst } from './heuristics/reset';
import { ackClock, lostSegment, nagleHold, retransmission, sackBlocks, synAckEchoesFirstSyn, synRetransmission, upstreamRetransmission } from './heuristics/retransmission';
import { segmentsBelowMss } from './heuristics/segment-size';
import { scaleOf, windowFull, windowUpdate, zeroWindow, zeroWindowProbe, zeroWindowProbeAck, zeroWindowStall } from './heuristics/window';
import { absOf, placeNumbers, relOf } from './numbering';
import { ConnectionTable, sameEndpoint } from './conn-table';
import { noteSegment } from './problems';
import { createContext, type SegmentContext } from './segment-context';
import { NO_TRANSITIONS, advanceStates, endStates, establishBeforeRst, initialStates, settlePendingFins, type StateInput } from './state-machine';
import { QuoteMemory } from './quotes';
import { CopyMemory } from './copies';
import { createCaptureClock, roundSeconds } from './timestamp';
import { HIST, buildVerdict, type CaptureFacts } from './verdict';

/**
 * Open connections held by default. A held connection is ~1.5 KB of live heap under churn (connection.ts: one double
 * array per connection, bits for booleans, rare facts allocated on first use; it was ~3.4 KB with every number that
 * is not a small integer boxed by V8), and V8's heap sizing turns it into ~3.4 KB of peak RSS: under the bench's
 * churn (docs/performance.md, "Memory under churn") the peak was 159 MB with 10,000, 142 MB with 5,000 and 139 MB with
 * 2,500 (the bundle; Node's own ~50 MB, its 16 MB young generation and the closed connections remembered come on
 * top). 5,000 is the largest of these under 150 MB.
 */
export const DEFAULT_MAX_OPEN = 5_000;

/**
 * Closed connections remembered by default, for late segments (a retransmitted final ACK or FIN, a second RST) and port
 * reuse; reset connections waiting for their grace count among them (ONE BUDGET FOR CLOSED CONNECTIONS). A remembered
 * connection is kept whole, which makes them the largest part of the live heap under churn: the bench's churn stage
 * with half the connections reset peaked at 159 MB with 4096 and 138 MB with 2048 (5,000 open; 40 s, load 3-6;
 * docs/performance.md "Session 9"). 2048 is still about 0.3 s of closes at 6,000 closes a second, longer than a
 * late segment's usual delay (one retransmission timeout), and far more than any paste holds.
 */
export const DEFAULT_CLOSED_MEMORY = 2048;

/**
 * How far the capture clock may step back before the text is taken to go on with another capture (CLOCK JUMPS BACK):
 * far above the reordering of one capture (`-i any` merges interfaces' queues: micro- to milliseconds), far below the
 * span of a capture worth replaying.
 */
const JUMP_BACK_SECONDS = 1;

export interface TrackerOptions {
  /** Numbers are known to be absolute (`tcpdump -S`); otherwise decided per segment. */
  absolute?: boolean;
  /** How many closed connections to remember for port-reuse detection and late segments (DEFAULT_CLOSED_MEMORY). */
  closedMemory?: number;
  /**
   * How many connections may be open at once (default 5,000, ~17 MB of peak RSS; docs/tracking.md
   * "Memory"): beyond it the one idle longest is let go
   * with its verdict as it stands (`evictedAt`), so a scan or a flood in a live pipe cannot exhaust memory.
   */
  maxOpen?: number;
  /**
   * Capture seconds a reset connection's verdict waits for later evidence (default 5): the end a RST claimed to come
   * from may keep talking, which proves the RST forged. Without timestamps the wait is `resetGraceLines` records.
   */
  resetGraceSeconds?: number;
  resetGraceLines?: number;
  /**
   * Build each segment's SegmentAnalysis (default true). `summary` reads only verdicts: without analyses `push`
   * returns `analysis: null` for every record and allocates nothing per segment beyond what the connection keeps (an
   * analysis object and a result object per record were ~200 of the ~1,500 bytes the main thread allocated per line
   * of the bench capture, sampled heap profile), and a segment's findings are counted, then dropped.
   */
  analyses?: boolean;
}

export interface TrackResult {
  analysis: SegmentAnalysis | null;
  /** Verdicts of connections that ended on or before this record, each emitted once. */
  closed: ConnectionVerdict[];
  /**
   * The line of the earlier packet line this one repeats exactly (quotes.ts QUOTED AGAIN): then `analysis` is null,
   * since the line is a quotation, not a new segment. Absent otherwise.
   */
  quotes?: number;
  /**
   * This line is the outgoing copy of an earlier incoming line, forwarded by the capturing host (copies.ts SAME
   * PACKET, FORWARDED): then `analysis` is null, the packet was analysed on its first line. Absent otherwise.
   */
  copy?: SegmentCopy;
}

export interface Tracker {
  push(rec: LineRecord): TrackResult;
  /** Verdicts of every connection still open at the end of input. */
  finish(): ConnectionVerdict[];
  /**
   * The same verdicts one at a time, each built when it is asked for: after a scan, tens of thousands of
   * connections are still open at the end, and their verdicts all at once would double the memory they hold.
   */
  finishEach(): Iterable<ConnectionVerdict>;
  /** How many connections are held: open ones, and closed ones remembered for late segments and port reuse. */
  size(): { open: number; closed: number };
}

/** onReset's answer bits. */
const RESET_NOW = 1;
const RESET_CLOSED_SENDER = 2;
/** The RST was judged not sent by its claimed sender: its IP header and timestamps are no baseline of that end's. */
const RESET_NOT_FROM_SENDER = 4;

const NONE: ConnectionVerdict[] = Object.freeze([]) as unknown as ConnectionVerdict[];
const NO_RESULT: TrackResult = Object.freeze({ analysis: null, closed: NONE }) as TrackResult;
/**
 * The `findings` of the many segments that have none: one frozen empty list instead of a fresh array per segment
 * (every consumer only reads them; frozen, a write would throw instead of leaking).
 */
const NO_FINDINGS: Finding[] = Object.freeze([]) as unknown as Finding[];

/**
 * Bits of a 4.x bracket text: the same answers as model/tcp-flags `flagBitsFromBracket`, read from char codes. Every
 * record's flag text is a fresh string, so a Map keyed by it (or of its chars) hashed it on every segment.
 */
function bracketBits(text: string): number {
  const n = text.length;
  if (n === 0) return -1;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    let bit: number;
    switch (text.charCodeAt(i)) {
      case 70: bit = FIN; break; // F
      case 83: bit = SYN; break; // S
      case 82: bit = RST; break; // R
      case 80: bit = PSH; break; // P
      case 46: bit = ACK; break; // .
      case 85: bit = URG; break; // U
      case 69: bit = ECE; break; // E
      case 87: bit = CWR; break; // W
      case 101: bit = AE; break; // e
      default: return text === 'none' ? 0 : -1;
    }
    if ((bits & bit) !== 0) return -1;
    bits |= bit;
  }
  return bits;
}

/** Control bits of a record (-1 when it printed none: `-q`, or flag text that is not a flag set). */
function flagBits(rec: TcpRecord): number {
  if (rec.style === 'quiet') return -1;
  if (rec.style === 'old') return flagBitsFromOldStyle(rec.flags, rec.ack !== null, rec.urg !== null);
  return bracketBits(rec.flags);
}

/** Ports below 1024 are services (IANA system ports); otherwise the lower port is the server's. */
function serverIsDst(rec: TcpRecord): boolean {
  const sp = rec.src.port;
  const dp = rec.dst.port;
  if (sp === null || dp === null) return true;
  if (dp < 1024 && sp >= 1024) return true;
  if (sp < 1024 && dp >= 1024) return false;
  return dp <= sp;
}

export function createTracker(opts: TrackerOptions = {}): Tracker {
  const table = new ConnectionTable(opts.closedMemory ?? DEFAULT_CLOSED_MEMORY);
  const maxOpen = opts.maxOpen ?? DEFAULT_MAX_OPEN;
  const analyses = opts.analyses !== false;
  const clock = createCaptureClock();
  let absoluteHint = opts.absolute === true;
  let counter = 0;
  const ctx: SegmentContext = createContext(newConnection('', { host: '', port: null, service: null }, { host: '', port: null, service: null }, false, 0, NaN));
  let scratchFindings: Finding[] = [];
  // Which TCP packet of its input line a record is (a paste can glue several onto one line: seed 001's line 42).
  let ordinalLine = -1;
  let ordinal = 0;
  /** Hand the scratch list to the segment and start a new one. */
  function keepFindings(): Finding[] {
    const kept = scratchFindings;
    scratchFindings = [];
    return kept;
  }
  const quotes = new QuoteMemory();
  const copies = new CopyMemory();
  const stateInput: StateInput = { bits: 0, acksPeerSyn: false, acksPeerData: false, acksPeerFin: false, newFin: false, rstIgnored: false, rstReceiverOnly: false };

  /**
   * TCPDUMP RUNS
   * tcpdump's statistics lines (captured, received by filter, dropped) end one run of tcpdump and count only what that
   * run saw. A text can hold several runs (a post quoting a `-w` capture, then a `-r` read-back of another file, then
   * lines of a third session): the statistics apply only to connections whose packets that same run printed, between
   * its banner (command line, `listening on`, `reading from file`) and its statistics. A run starts at a banner that
   * follows packets or statistics, or at a packet after statistics; a `-w` run prints no packet, so its statistics
   * apply to no connection. Kept per run in `runStats` (one entry per statistics block).
   */
  let run = 0;
  let runHasPackets = false;
  let runEnded = false;
  const runStats = new Map<number, { captured: number; received: number; dropped: number }>();
  function nextRun(): void {
    run++;
    runHasPackets = false;
    runEnded = false;
  }
  const facts: CaptureFacts = { format: null, incomplete: false, unprintedAtEnd: false, tFlag: false, proseBreaks: 0 };
  /**
   * PASTED EXCERPTS
   * A capture tcpdump writes is packet lines only, its header and statistics at the ends. Text between packet lines
   * (an author's prose, a heading, another pasted `tcpdump` command or `listening on` header) means the input is a post
   * quoting parts of one or more captures: a gap between two packets shown is then only a gap in what was quoted, not
   * proof that nothing was sent, and the last packet shown need not be the capture's last. Each such break counts once,
   * at the packet line after it; a connection whose first segment came before a break is judged as excerpted. Prose
   * after the last packet of a text already known as a post (one break before) counts as a break too: the quoting
   * stopped there, so a connection still open at the end may continue beyond the lines shown.
   */
  let proseSeen = false;
  let packetSeen = false;
  function captureFacts(conn: Connection): CaptureFacts {
    facts.format = clock.format;
    const st = runStats.get(conn.lastRun);
    const captured = st === undefined ? -1 : st.captured;
    const received = st === undefined ? -1 : st.received;
    const dropped = st === undefined ? -1 : st.dropped;
    const differ = captured >= 0 && received >= 0 && received !== captured;
    facts.incomplete = dropped > 0 || (dropped < 0 && differ);
    facts.unprintedAtEnd = dropped === 0 && differ;
    return facts;
  }
  /** Each host's TTL (hop limit) on its latest packet, any connection (-v): refusals are compared with it. */
  const hostTtl = new Map<string, number>();
  const graceSeconds = opts.resetGraceSeconds ?? 5;
  const graceLines = opts.resetGraceLines ?? 1000;
  const maxPending = Math.max(1, opts.closedMemory ?? DEFAULT_CLOSED_MEMORY);
  /**
   * Reset connections whose verdict waits for later evidence (FIFO by RST time, read from `pendingHead`; entries
   * already emitted are skipped). Bounded: the oldest is emitted early when more than `maxPending` wait.
   *
   * ONE BUDGET FOR CLOSED CONNECTIONS
   * A waiting connection is also a closed one the table remembers (`retire`), and it is let go early as soon as the
   * table forgets it: `closedMemory` newer connections have closed since its RST. So the closed connections held,
   * waiting or not, are at most `closedMemory`, whatever the mix of closes. Before, a stream where half the
   * connections ended in a RST held up to as many waiting ones beside those remembered (4096 each then): the bench's
   * churn stage with `--churn-resets 0.5` peaked at 159-162 MB against 143-149 MB without resets. Only a stream closing more than
   * `closedMemory` connections within the grace (5 s of capture time) cuts a wait short, and then the RST's verdict
   * says what it knows by that line (as at the end of input).
   */
  let pending: Connection[] = [];
  let pendingHead = 0;
  /** The latest record time seen on the capture clock (NaN before the first timed record): CLOCK JUMPS BACK. */
  let clockHigh = NaN;
  /** This record stepped the clock back while resets were waiting: `releaseDue` lets them all go, once. */
  let clockJumped = false;
  const waiting = new Set<Connection>();

  function close(conn: Connection): ConnectionVerdict {
    conn.closed = true;
    settlePendingFins(conn);
    table.retire(conn);
    return settled(conn, buildVerdict(conn, clock.origin, captureFacts(conn)));
  }

  /**
   * SETTLED CONNECTIONS
   * A connection whose verdict is out stays in the table, whole, for late segments and port reuse (conn-table.ts),
   * `closedMemory` of them (DEFAULT_CLOSED_MEMORY): under churn most held connections are such. No verdict can be built for it again
   * (`close` needs it open, `release` waiting, `finishEach` open), and its problem counters (problems.ts, ~0.5 KB
   * with their finding counts) are read only by `buildVerdict`: they are dropped, and its later segments are no longer
   * counted into them. Nothing printed changes; the closed connections' live heap shrinks by about a fifth.
   */
  function settled(conn: Connection, v: ConnectionVerdict): ConnectionVerdict {
    conn.settled = true;
    conn.problems = null;
    return v;
  }

  /**
   * RETRY AFTER RESET
   * A client whose reused keep-alive connection the server reset with a request unanswered (UNANSWERED REQUEST,
   * heuristics/reset.ts) may resend it on a fresh connection at once (curl's Curl_retry_request). While the reset's
   * verdict waits, a new connection from the same client address to the same server address and port is noted as its
   * likely retry; none by the end of the wait (grace period or end of input) means this capture shows no retry. A verdict
   * let go early to bound memory says nothing. One map entry per waiting reset of this kind: O(1) per new connection.
   */
  const awaitingRetry = new Map<string, Connection>();
  const retryKey = (client: Endpoint, server: Endpoint): string => `${client.host}>${server.host}.${server.port ?? ''}`;

  /** A connection ended by a RST: out of the open table at once, its verdict after the grace period. */
  function closeLater(conn: Connection): void {
    const r = conn.reset;
    if (r !== null && r.by === 'server' && r.evidence.some((e) => e.code === 'unanswered-data')) {
      r.retry = null;
      awaitingRetry.set(retryKey(conn.c.endpoint, conn.s.endpoint), conn);
    }
    conn.closed = true;
    table.retire(conn);
    waiting.add(conn);
    pending.push(conn);
  }

  /** The verdict of a waiting connection, now (its grace is over, it was superseded, or input ended). */
  function release(conn: Connection, early = false): ConnectionVerdict | null {
    if (!waiting.delete(conn)) return null;
    if (conn.reset !== null && conn.reset.retry !== undefined) {
      const key = retryKey(conn.c.endpoint, conn.s.endpoint);
      if (awaitingRetry.get(key) === conn) awaitingRetry.delete(key);
      if (early && conn.reset.retry === null) conn.reset.retry = undefined;
    }
    return settled(conn, buildVerdict(conn, clock.origin, captureFacts(conn)));
  }

  /**
   * Verdicts of waiting connections whose grace is over at this record (capture time, or lines without times).
   *
   * CLOCK JUMPS BACK
   * The capture clock stepping back by more than JUMP_BACK_SECONDS below the latest time seen ends every wait at once:
   * the text goes on with another capture (files concatenated, `cat a.txt b.txt | tcplain`, a capture repeated, a
   * paste of several runs), whose clock no longer measures the time since any RST still waiting. Without this the
   * wait of every reset connection of the earlier capture would last until the queue's cap or the end of input, and
   * its verdict would be printed far from its lines; a capture shorter than the grace, replayed, kept each pass's
   * last resets waiting on the next pass's times (they never fall a grace apart) up to the cap of `closedMemory`
   * connections: ~10 MB of live heap on the bench's capture (7 s long) repeated 4 times. Reordering within one
   * capture (`-i any` merges interfaces' queues) is micro- to milliseconds, far below a second.
   */
  function releaseDue(time: number, line: number, out: ConnectionVerdict[] | null): ConnectionVerdict[] | null {
    const jumped = clockJumped;
    clockJumped = false;
    while (pendingHead < pending.length) {
      const conn = pending[pendingHead];
      const r = conn.reset;
      const forgotten = !table.remembers(conn);
      if (!jumped && waiting.has(conn) && r !== null && waiting.size <= maxPending && !forgotten) {
        const due = !Number.isNaN(time) && !Number.isNaN(r.time) ? time - r.time >= graceSeconds : line - r.line >= graceLines;
        if (!due) break;
      }
      pending[pendingHead++] = undefined as unknown as Connection;
      const v = release(conn, waiting.size > maxPending || forgotten);
      if (v !== null) (out ??= []).push(v);
    }
    if (pendingHead > 1024 && pendingHead * 2 > pending.length) {
      pending = pending.slice(pendingHead);
      pendingHead = 0;
    }
    return out;
  }

  function onMeta(rec: MetaRecord): void {
    if ((rec.meta === 'command' || rec.meta === 'listening' || rec.meta === 'reading') && (runHasPackets || runEnded)) nextRun();
    if (rec.meta === 'command') {
      const o = rec.options;
      absoluteHint = opts.absolute === true || (o !== null && o['S'] !== undefined) || (rec.argv?.includes('-S') ?? false);
      clock.command(o);
      // The grammar lists every prefix of a repeated letter (-tt → t, tt): -t alone has t without tt.
      facts.tFlag = (o !== null && o['t'] !== undefined && o['tt'] === undefined) || (rec.argv?.includes('-t') ?? false);
    } else if (rec.meta === 'listening' || rec.meta === 'reading') {
      clock.restart();
    } else if (rec.meta === 'stats' && rec.count !== null) {
      let st = runStats.get(run);
      if (st === undefined) runStats.set(run, (st = { captured: -1, received: -1, dropped: -1 }));
      if (rec.stat === 'captured') st.captured = rec.count;
      else if (rec.stat === 'received') st.received = rec.count;
      else if (rec.stat === 'dropped-kernel' || rec.stat === 'dropped-interface') st.dropped = Math.max(st.dropped, 0) + rec.count;
      runEnded = true;
    }
  }

  /** A SYN that cannot belong to this connection: another ISN, or a SYN after the connection was under way. */
  function startsNew(conn: Connection, X: Flow, bits: number, seq: number | null): boolean {
    if ((bits & SYN) === 0 || seq === null) return false;
    if (X.isn >= 0) return seq !== X.isn;
    if (conn.closed) return true;
    return conn.pastSyn;
  }

  function push(rec: LineRecord): TrackResult {
    if (rec.kind === 'tcp' || rec.kind === 'other') {
      if (runEnded) nextRun();
      runHasPackets = true;
      if (proseSeen) facts.proseBreaks++;
      proseSeen = false;
      packetSeen = true;
    } else if (packetSeen && isProse(rec)) proseSeen = true;
    if (rec.kind !== 'tcp') {
      quotes.other(rec.line);
      if (rec.kind === 'meta') onMeta(rec);
      return NO_RESULT;
    }
    const quoted = quotes.check(rec);
    if (quoted !== null) return { analysis: null, closed: NONE, quotes: quoted };
    return track(rec);
  }

  /**
   * A RST of the segment in `ctx` (RFC 9293 §3.10.7, RFC 5961 §3.2): its class, acceptance and the connection's reset
   * fact. RESET_NOW when it ends the connection now; RESET_CLOSED_SENDER when its sender is found to have had no
   * connection (the states before the segment are then `conn.states`); RESET_NOT_FROM_SENDER when it is judged not
   * the claimed sender's.
   */
  function onReset(rec: TcpRecord, fromClient: boolean, beforeNextSeq: number, beforeWindow: number, statesBefore: EndStates): number {
    const { conn, S, sender, findings } = ctx;
    let out = 0;
    const before: BeforeRst = { nextSeq: beforeNextSeq, window: beforeWindow };
    const first = conn.reset === null;
    // A RST+ACK that acknowledges the peer's data comes from an end that was ESTABLISHED (captured ACK or not).
    if (first) establishBeforeRst(conn, sender, stateInput);
    const senderState = S.state;
    const receiverState = statesBefore[fromClient ? 'server' : 'client'];
    const r = classifyReset(ctx, rec, before, hostTtl, receiverState, senderState);
    if (r.notFromSender) out |= RESET_NOT_FROM_SENDER;
    const earlier = conn.reset;
    if (earlier !== null && earlier.by === sender) {
      // More RSTs in the same end's name with other sequence numbers: the verdict's RST is suspect too.
      const burst = r.evidence.find((e) => e.code === 'rst-burst');
      if (burst !== undefined) {
        if (earlier.confidence !== 'certain') earlier.confidence = 'likely';
        earlier.cls = 'suspect';
        earlier.evidence = [...earlier.evidence.filter((e) => e.code !== 'rst-burst'), burst];
      }
    }
    if (r.acceptance !== 'reset') {
      stateInput.rstIgnored = true;
      if (r.acceptance === 'challenge') {
        conn.challengeFrom = sender;
        conn.challengeLine = rec.line;
      }
    } else {
      if (r.senderWasClosed && S.state !== 'CLOSED') {
        // It had no connection: CLOSED before and after this RST (RFC 9293 §3.10.7.1), no transition of its own.
        S.state = 'CLOSED';
        conn.states = endStates(conn.c.state, conn.s.state);
        out |= RESET_CLOSED_SENDER;
      }
      stateInput.rstReceiverOnly = r.notFromSender;
      if (first) {
        const f = findings[findings.length - 1] as Extract<Finding, { code: 'tcp.rst' }>;
        conn.reset = resetFact(ctx, r, f, senderState, receiverState, { tsVal: S.tsVal, ipId: S.ipId });
        if (!conn.closed) out |= RESET_NOW;
      }
    }
    return out;
  }

  /** The outgoing copy of an earlier incoming packet, forwarded by the capturing host (copies.ts): no new segment. */
  function forwardedCopy(printed: TcpRecord, orig: NonNullable<ReturnType<CopyMemory['match']>>, time: number): TrackResult {
    const fromClient = sameEndpoint(copies.translate(orig.rec).src, orig.conn.c.endpoint);
    const copy = copies.learn(orig, printed, fromClient ? 'client' : 'server');
    // The host's forwarding time of the handshake's SYN and SYN-ACK: part of the round trip it measures.
    const hs = orig.conn.hs;
    if (!hs.complete && printed.flags.includes('S') && !Number.isNaN(time) && !Number.isNaN(orig.time)) {
      if (fromClient && Number.isNaN(hs.forwardSyn)) hs.forwardSyn = time - orig.time;
      else if (!fromClient && Number.isNaN(hs.forwardSynAck)) {
        hs.forwardSynAck = time - orig.time;
        hs.synAckCopyLine = printed.line;
      }
    }
    const closed = waiting.size > 0 ? (releaseDue(time, printed.line, null) ?? NONE) : NONE;
    return { analysis: null, closed, copy };
  }

  /**
   * The connection of a record whose 4-tuple has none, or of a SYN (which may start a new one on it): the record's
   * flow state is left to `track`. Verdicts of connections it ends go to `routedClosed`; the connection it supersedes
   * to `routedPrevious` (with `routedNewIsn`).
   */
  function route(rec: TcpRecord, bits: number, time: number, found: Connection | undefined): Connection {
    let conn = found;
    let closed = routedClosed;
    let previous: string | null = null;
    if (conn !== undefined && bits > 0 && (bits & SYN) !== 0) {
      const X = sameEndpoint(rec.src, conn.c.endpoint) ? conn.c : conn.s;
      if (startsNew(conn, X, bits, rec.seq)) {
        previous = conn.id;
        routedNewIsn = X.isn >= 0;
        /*
         * PORT REUSE INTO TIME_WAIT — a SYN on the 4-tuple of a connection whose other end is in TIME_WAIT is accepted
         * when its timestamp is newer than the last one seen there (RFC 6191 §2; Linux tcp_timewait_state_process
         * returns TCP_TW_SYN), or its ISN beyond the old RCV.NXT (RFC 1122 §4.2.2.13). Recorded for the port-reuse words.
         */
        const O = X === conn.c ? conn.s : conn.c;
        // Only with ports printed: an address pair alone may be another socket's.
        if (O.state === 'TIME_WAIT' && rec.src.port !== null) {
          const ts = tsValOf(rec.options);
          const gap = time - conn.lastTime;
          routedTimeWait = {
            side: O === conn.s ? 'server' : 'client',
            seconds: Number.isFinite(gap) ? roundSeconds(gap) : null,
            tsNewer: ts >= 0 && X.tsVal >= 0 && seqGt(ts, X.tsVal) ? { val: ts, last: X.tsVal } : null,
          };
        }
        if (!conn.closed) closed = [...closed, close(conn)];
        else {
          // Superseded by a new connection on its 4-tuple: nothing more can come for it.
          const v = release(conn);
          if (v !== null) closed = [...closed, v];
        }
        conn = undefined;
      }
    }
    if (conn === undefined) {
      let clientIsSrc: boolean;
      let guessed = false;
      if (bits > 0 && (bits & SYN) !== 0) clientIsSrc = (bits & ACK) === 0;
      else {
        clientIsSrc = serverIsDst(rec);
        guessed = true;
      }
      const client = clientIsSrc ? rec.src : rec.dst;
      const server = clientIsSrc ? rec.dst : rec.src;
      if (table.openConnections >= maxOpen) {
        const idle = table.idlest();
        if (idle !== undefined) {
          idle.evictedAt = rec.line;
          const v = close(idle);
          closed = closed === NONE ? [v] : [...closed, v];
        }
      }
      conn = newConnection(`c${++counter}`, client, server, guessed, rec.line, time);
      if (!guessed && (bits & ACK) === 0 && awaitingRetry.size > 0) {
        const key = retryKey(client, server);
        const reset = awaitingRetry.get(key);
        if (reset !== undefined && reset.reset !== null) {
          reset.reset.retry = conn.id;
          awaitingRetry.delete(key);
        }
      }
      conn.proseBreaksAtFirst = facts.proseBreaks;
      initialStates(conn, bits);
      conn.previous = previous;
      // Keyed by the connection's own endpoints (the same pair): the record's host texts are slices that keep their
      // line's text alive as long as the table holds them.
      table.add(conn.c.endpoint, conn.s.endpoint, conn);
    }
    routedClosed = closed;
    routedPrevious = previous;
    return conn;
  }

  /** What `route` hands back beside the connection (closure fields: `route` runs for a record's first of a 4-tuple). */
  let routedClosed: ConnectionVerdict[] = NONE;
  let routedPrevious: string | null = null;
  let routedNewIsn = false;
  let routedTimeWait: { side: Side; seconds: number | null; tsNewer: { val: number; last: number } | null } | null = null;

  function track(printed: TcpRecord): TrackResult {
    const t = clock.observe(printed);
    const time = t === null ? NaN : t;
    if (time < clockHigh - JUMP_BACK_SECONDS) {
      clockHigh = time;
      clockJumped = waiting.size > 0;
    } else if (time > clockHigh || (Number.isNaN(clockHigh) && !Number.isNaN(time))) clockHigh = time;
    let rec = printed;
    if (printed.direction !== null && printed.iface !== null) {
      const orig = copies.match(printed, time);
      if (orig !== null) return forwardedCopy(printed, orig, time);
      if (copies.active) rec = copies.translate(printed);
    }
    const bits = flagBits(rec);
    let closed = NONE;
    if (waiting.size > 0) {
      const due = releaseDue(time, rec.line, null);
      if (due !== null) closed = due;
    }
    routedClosed = closed;
    let conn = table.get(rec.src, rec.dst);
    // A new connection, or one that supersedes the 4-tuple's: verdicts of those it ends in routedClosed.
    if (conn === undefined || (bits > 0 && (bits & SYN) !== 0)) conn = route(rec, bits, time, conn);
    closed = routedClosed;
    routedClosed = NONE;
    const previous = routedPrevious;
    const newIsn = routedNewIsn;
    const timeWait = routedTimeWait;
    routedPrevious = null;
    routedNewIsn = false;
    routedTimeWait = null;

    const fromClient = sameEndpoint(rec.src, conn.c.endpoint);
    const sender: Side = fromClient ? 'client' : 'server';
    const S = fromClient ? conn.c : conn.s;
    const R = fromClient ? conn.s : conn.c;
    // Rounded only where a heuristic reads it (keep-alive, RST): most segments never need it.
    const gap = time - conn.lastTime;
    if (Number.isNaN(conn.firstTime)) conn.firstTime = time;
    conn.lastLine = rec.line;
    conn.lastRun = run;
    conn.lastUntimed = Number.isNaN(time);
    if (!conn.lastUntimed) {
      conn.lastTime = time;
      conn.timed++;
    }
    S.packets++;

    // Findings collect in a scratch list that a segment keeps only when it has some (most segments have none): an
    // empty one is reused as it is, a kept one is replaced by a fresh list.
    const findings = scratchFindings;
    // The table keys on the addresses and ports printed: without ports, only the address pair matched (no port reuse).
    if (previous !== null)
      findings.push(rec.src.port !== null ? { code: 'tcp.port_reuse', previousConn: previous, newIsn, timeWait } : { code: 'tcp.new_connection', previousConn: previous, newIsn });
    if (conn.reset !== null && bits >= 0) {
      // The end a RST claimed to come from, talking again: that RST was not its own; its state is what it was before.
      const contra = checkAfterReset(conn, sender, rec, bits, time);
      if (contra !== null) {
        findings.push(contra);
        const r = conn.reset;
        if (S.state === 'CLOSED' && r.senderState !== null && r.senderState !== 'CLOSED') {
          S.state = r.senderState;
          conn.states = endStates(conn.c.state, conn.s.state);
        }
      }
    }
    let statesBefore = conn.states;
    const dir = fromClient ? 'c2s' : 's2c';

    if (bits < 0) {
      // `-q` or unreadable flags: the segment is counted, nothing else can be said.
      checksum(findings, rec);
      if (!conn.settled) noteSegment(conn, sender, findings, rec.line, time, -1, -1, -1);
      if (printed.direction === 'In') copies.remember(printed, time, conn);
      if (!analyses) return resultOf(closed);
      return {
        analysis: emptyAnalysis(conn, dir, statesBefore, findings.length === 0 ? NO_FINDINGS : keepFindings(), time),
        closed,
      };
    }

    ctx.conn = conn;
    ctx.S = S;
    ctx.R = R;
    ctx.sender = sender;
    ctx.line = rec.line;
    ctx.time = time;
    ctx.gap = gap;
    ctx.bits = bits;
    ctx.aflags = 0;
    ctx.findings = findings;
    ctx.win = rec.win ?? -1;
    ctx.len = rec.len ?? (rec.end !== null && rec.seq !== null ? Math.max(0, seqDiff(rec.seq, rec.end)) : 0);
    ctx.printedAck = rec.ack;
    ctx.options = rec.options;

    placeNumbers(ctx, rec.seq, rec.ack, absoluteHint);
    noteCaptureEvidence(ctx, rec);
    if (rec.ip !== null) conn.textBits |= TEXT_IP;
    if (rec.truncated && findOption(rec.options, 'bad-opt') === undefined) conn.textBits |= TEXT_CUT;
    let challenge = conn.challengeFrom !== null && challengeAck(ctx);
    if (conn.reset !== null && S.state === 'CLOSED') {
      // The receiver of a RST taken as accepted, still sending with an ack short of its seq: it had not taken it.
      const notTaken = rstNotTaken(conn, sender, bits, ctx.len, ctx.ack, S.state);
      if (notTaken !== null && notTaken.code === 'tcp.rst_not_taken') {
        findings.push(notTaken);
        S.state = notTaken.state;
        conn.states = endStates(conn.c.state, conn.s.state);
        statesBefore = conn.states;
        if (notTaken.what === 'ack') challenge = true;
      }
    }

    // Opening bookkeeping: ISNs, SYN options, window scaling.
    const synRetrans = (bits & SYN) !== 0 ? opening(ctx, rec, fromClient) : notOpening(ctx);

    // Findings, in packet-tcp.c's order (tcp_analyze_sequence_number).
    analyzeSequence(ctx, rec, synRetrans, challenge);
    timestampsMissing(ctx);

    // What the sender had sent before this segment, for a RST's form (its own numbers are applied below).
    const beforeNextSeq = S.nextSeq;
    const beforeWindow = S.window;

    // Flow state after the segment (what the next one is compared with).
    const seq = ctx.seq;
    const ack = ctx.ack;
    const len = ctx.len;
    flowAfter(ctx, S, bits, seq, ack, len, time, rec.line);

    // FIN and the ACKs that close it (RFC 9293 §3.6).
    let newFin = false;
    if ((bits & FIN) !== 0 && !S.finSeen) {
      newFin = true;
      S.finSeen = true;
      if (seq >= 0) S.finSeq = seqAdd(seq, len);
      if (!Number.isNaN(time) && !Number.isNaN(S.dataTime) && time >= S.dataTime) S.finAfterData = time - S.dataTime;
    }
    const acksPeerFin =
      ack >= 0 && R.finSeen && !R.finAcked && (R.finSeq >= 0 ? seqGe(ack, seqAdd(R.finSeq, 1)) : R.nextSeq >= 0 && seqGe(ack, R.nextSeq));
    const acksPeerSyn = ack >= 0 && R.isn >= 0 && seqGe(ack, seqAdd(R.isn, 1));
    if (newFin && R.finSeen && acksPeerFin) conn.closeKind = '3-way';
    if (acksPeerFin) R.finAcked = true;
    if (newFin && conn.firstFin === null) conn.firstFin = sender;

    stateInput.bits = bits;
    stateInput.acksPeerSyn = acksPeerSyn;
    stateInput.acksPeerData = ack >= 0 && R.isn >= 0 && seqGt(ack, seqAdd(R.isn, 1));
    stateInput.acksPeerFin = acksPeerFin;
    stateInput.newFin = newFin;

    stateInput.rstIgnored = false;
    stateInput.rstReceiverOnly = false;
    let resetNow = false;
    let forged = false;
    if ((bits & RST) !== 0 && (conn.reset !== null || !conn.closed)) {
      const rst = onReset(rec, fromClient, beforeNextSeq, beforeWindow, statesBefore);
      resetNow = (rst & RESET_NOW) !== 0;
      forged = (rst & RESET_NOT_FROM_SENDER) !== 0;
      if ((rst & RESET_CLOSED_SENDER) !== 0) statesBefore = conn.states;
    }
    ordinal = rec.line === ordinalLine ? ordinal + 1 : 1;
    ordinalLine = rec.line;
    noteSent(S, rec, hostTtl, bits, seq, time, ctx.len, ordinal, forged);

    const transitions = advanceStates(conn, sender, stateInput);
    for (let i = 0; i < transitions.length; i++) if (transitions[i].to === 'CLOSING') conn.sawClosing = true;

    handshakeRtt(ctx, conn.synDirection);
    if ((bits & (SYN | ACK)) === (SYN | ACK) && !synRetrans) {
      if (!deferOptions(conn)) reportOptions(ctx, rec.options);
    } else if (conn.hs.optionsDeferred && (bits & SYN) === 0) reportOptions(ctx, null);
    recordHistory(conn, S, fromClient, bits, len, ctx.aflags, rec, seq >= 0 && len > 0 && beforeNextSeq >= 0 ? !seqGt(seqAdd(seq, len), beforeNextSeq) : null);
    if (!conn.settled) noteSegment(conn, sender, findings, rec.line, time, seq >= 0 && len > 0 ? seqAdd(seq, len) : -1, ack, ctx.win, newFin && !R.finSeen);
    if (!analyses) {
      closed = settle(conn, resetNow, time, rec.line, closed);
      if (printed.direction === 'In') copies.remember(printed, time, conn);
      return resultOf(closed);
    }

    // Built before the connection's end is settled: closing it settles pending FINs, which may change its states.
    const analysis: SegmentAnalysis = new Analysis(
      conn.id,
      dir,
      ctx.printedRelative,
      absOf(S, seq),
      seq >= 0 ? absOf(S, seqAdd(seq, len)) : null,
      absOf(R, ack),
      relOf(S, seq),
      seq >= 0 ? relOf(S, seqAdd(seq, len)) : null,
      relOf(R, ack),
      windowBytes(S, bits, ctx.win),
      (bits & SYN) !== 0 ? 0 : S.winScale >= 0 ? S.winScale : null,
      S.isn >= 0 ? S.isn : null,
      R.isn >= 0 ? R.isn : null,
      statesBefore,
      conn.states,
      transitions,
      findings.length === 0 ? NO_FINDINGS : keepFindings(),
      sinceStart(conn, time),
      (bits & SYN) !== 0 ? settledCapturePoint(conn) : null,
    );

    // ACK MISSING DATA: an ack of the peer's ISN + 1 only, more than a round trip (2 × handshake RTT, at least 200 ms;
    // 1 s when unknown) after the peer sent data: that data never reached this end (RFC 9293 §3.4: ACK = next
    // byte expected).
    if (ack >= 0 && (bits & (ACK | RST)) === ACK && R.isn >= 0 && ack === seqAdd(R.isn, 1) && R.nextSeq >= 0 && R.nextSeqLine > 0) {
      let bytes = seqDiff(ack, R.nextSeq);
      if (R.finSeen && R.finSeq >= 0 && seqDiff(R.finSeq, R.nextSeq) >= 1) bytes--;
      const rtt = conn.hs.rtt;
      const wait = Number.isNaN(rtt) ? 1 : Math.max(2 * rtt, 0.2);
      if (bytes > 0 && time - R.nextSeqTime > wait) analysis.ackMissing = { bytes, line: R.nextSeqLine };
    }
    closed = settle(conn, resetNow, time, rec.line, closed);
    if (printed.direction === 'In') copies.remember(printed, time, conn);
    return { analysis, closed };
  }

  /** The connection's end at this segment: at once, after a reset's grace, or not yet; `closed` with its verdicts. */
  function settle(conn: Connection, resetNow: boolean, time: number, line: number, closed: ConnectionVerdict[]): ConnectionVerdict[] {
    if (resetNow && graceSeconds <= 0) {
      const v = close(conn);
      return closed === NONE ? [v] : [...closed, v];
    }
    if (resetNow) {
      closeLater(conn);
      if (waiting.size > maxPending) {
        const out = releaseDue(time, line, null);
        if (out !== null) return [...closed, ...out];
      }
      return closed;
    }
    if (!conn.closed && conn.reset === null && conn.c.finAcked && conn.s.finAcked) {
      const v = close(conn);
      return closed === NONE ? [v] : [...closed, v];
    }
    return closed;
  }

  /**
   * The result of a segment without analysis (TrackerOptions.analyses false): its findings were counted by
   * noteSegment and nothing keeps them, so the scratch list is emptied for the next segment instead of handed over.
   */
  function resultOf(closed: ConnectionVerdict[]): TrackResult {
    if (scratchFindings.length > 0) scratchFindings.length = 0;
    return closed === NONE ? NO_RESULT : { analysis: null, closed };
  }

  function* finishEach(): Generator<ConnectionVerdict> {
    // Reset connections still waiting for later evidence: input ended, nothing more can come.
    for (let i = pendingHead; i < pending.length; i++) {
      const v = release(pending[i]);
      if (v !== null) yield v;
    }
    pending = [];
    pendingHead = 0;
    if (proseSeen && facts.proseBreaks > 0) {
      facts.proseBreaks++;
      proseSeen = false;
    }
    for (const conn of table.open()) {
      conn.closed = true;
      settlePendingFins(conn);
      yield buildVerdict(conn, clock.origin, captureFacts(conn));
    }
    table.clear();
  }

  return { push, finish: () => Array.from(finishEach()), finishEach, size: () => table.size() };
}

/*
 * The per-segment steps of `track`, each its own small function. One function of ~350 lines took V8 230-290 ms of
 * background compile time (--trace-opt, 240k-line slice, load ~5), and its first optimized version was thrown away
 * ("dependency change") before it was installed: the first ~0.6 s of a run tracked in baseline code, a quarter of
 * `track`'s samples in a perf profile of the main thread. Small functions are optimized on their own, sooner, and
 * recompiled at less cost; their accessors on Flow and Connection stay inlined (--trace-turbo-inlining).
 */

/** A SYN's bookkeeping: ISNs, SYN counts and times, options, window scaling. Whether it is a SYN retransmission. */
function opening(ctx: SegmentContext, rec: TcpRecord, fromClient: boolean): boolean {
  const { conn, S, R, bits, time } = ctx;
  const synRetrans = synRetransmission(ctx);
  if (!synRetrans && ctx.seq >= 0) {
    S.isn = ctx.seq;
    S.startSeq = seqAdd(ctx.seq, 1);
  }
  noteHandshakeLines(ctx, synRetrans);
  if (bits & ACK) {
    // Its first SYN-ACK's TS val (a SYN-ACK sender sent no SYN of its own): what its later RST's timestamps continue.
    if (S.synAckCount === 0 && S.synCount === 0) S.synTsVal = findOption(rec.options, 'ts')?.val ?? -1;
    S.synAckCount++;
    // The first SYN reached the server, yet the client resent it: that SYN's SYN-ACK never reached the client.
    if (R.synCount >= 2 && synAckEchoesFirstSyn(ctx) === true) {
      conn.hs.synAckLost = true;
      // Captured only after the resent SYN yet answering the first: the original SYN-ACK never got here.
      if (S.synAckCount === 1) conn.hs.firstSynAckResent = true;
    }
  } else {
    if (S.synCount === 0) S.synTsVal = findOption(rec.options, 'ts')?.val ?? -1;
    S.synCount++;
  }
  if (Number.isNaN(S.firstSynTime)) S.firstSynTime = time;
  S.lastSynTime = time;
  if (!synRetrans) {
    recordSynOptions(S, rec.options);
    if ((bits & ACK) === 0) {
      S.linuxSyn = linuxSynLayout(rec.options);
      S.bsdSyn = S.linuxSyn ? null : bsdSynLayout(rec.options);
    } else S.synAckStack = linuxSynLayout(rec.options) ? 'linux' : bsdSynLayout(rec.options);
  }
  if ((bits & ACK) !== 0 && ctx.ack >= 0 && R.isn < 0) {
    R.isn = seqAdd(ctx.ack, -1);
    if (R.startSeq < 0) R.startSeq = ctx.ack;
  }
  if (fromClient && (bits & ACK) === 0 && rec.direction !== null) {
    conn.synDirection = rec.direction === 'Out' ? 'Out' : rec.direction === 'In' ? 'In' : null;
  }
  settleWindowScale(conn);
  noteHandshakeTimes(ctx);
  return synRetrans;
}

/** A segment without SYN: the connection is past its opening; data starts here when no SYN was seen. */
function notOpening(ctx: SegmentContext): boolean {
  ctx.conn.pastSyn = true;
  const S = ctx.S;
  if (S.startSeq < 0 && ctx.seq >= 0) S.startSeq = ctx.seq;
  return false;
}

/** The findings of a segment's numbers, in packet-tcp.c's order (tcp_analyze_sequence_number). */
function analyzeSequence(ctx: SegmentContext, rec: TcpRecord, synRetrans: boolean, challenge: boolean): void {
  checksum(ctx.findings, rec);
  if (!synRetrans) {
    if (!zeroWindowProbe(ctx)) {
      zeroWindow(ctx);
      lostSegment(ctx);
      keepAlive(ctx);
      windowUpdate(ctx);
      windowFull(ctx);
      if (!challenge && !keepAliveAck(ctx) && !zeroWindowProbeAck(ctx)) dupAck(ctx);
    }
  }
  if (!synRetrans) zeroWindowStall(ctx);
  endDupAckRun(ctx);
  ackedUnseen(ctx);
  sackBlocks(ctx);
  if (!synRetrans) {
    retransmission(ctx, ctx.conn.hs.irtt);
    upstreamRetransmission(ctx, ctx.conn.hs.irtt);
    nagleHold(ctx);
    segmentsBelowMss(ctx);
  }
  ackClock(ctx);
  if ((ctx.bits & RST) !== 0) keepAliveOutcome(ctx, true);
  // Any segment from this sender answers the peer's pending keep-alive.
  ctx.R.kaPending = false;
}

/** The sender's flow after the segment (what the next one is compared with): next seq, window, acks. */
function flowAfter(ctx: SegmentContext, S: Flow, bits: number, seq: number, ack: number, len: number, time: number, line: number): void {
  const zwp = (ctx.aflags & A_ZERO_WINDOW_PROBE) !== 0;
  if (seq >= 0) {
    const segEnd = seqAdd(seq, len + ((bits & SYN) !== 0 ? 1 : 0) + ((bits & FIN) !== 0 ? 1 : 0));
    if (len > 0) ringPush(S, seq, seqAdd(seq, len), line, time);
    // A RST occupies no sequence space and never tells of data sent before it: its seq moves nothing once the sender's
    // next seq is known (an out-of-window or forged RST's seq would otherwise become what the peer's acks are read
    // against).
    if (!zwp && (S.nextSeq < 0 || ((bits & RST) === 0 && seqGt(segEnd, S.nextSeq)))) {
      S.nextSeq = segEnd;
      S.nextSeqTime = time;
      S.nextSeqLine = line;
    }
    if (!zwp && (S.maxSeqToBeAcked < 0 || seq === S.maxSeqToBeAcked)) S.maxSeqToBeAcked = S.nextSeq;
  }
  if (ctx.win >= 0) {
    // A SYN's window is never scaled (RFC 7323 §2.2); later ones only once the scaling is known. (`2 ** shift` was a
    // Math.pow call per segment: 15 % of this function's own time.)
    const winBytes = (bits & SYN) !== 0 ? ctx.win : S.winScale >= 0 ? ctx.win * scaleOf(S.winScale) : -1;
    if (winBytes > S.maxWinBytes) S.maxWinBytes = winBytes;
    S.window = ctx.win;
    S.windowFromSyn = (bits & SYN) !== 0;
  }
  if (ack >= 0) {
    S.lastAck = ack;
    S.lastAckTime = time;
    if (S.maxAck < 0 || seqGt(ack, S.maxAck)) {
      S.maxAck = ack;
      S.maxAckLine = line;
    }
    if (len > 0) S.dataAck = ack;
  }
  S.lastSegmentFlags = ctx.aflags;
}

/** What the sender's latest segment was: its data, IP header facts, line and position on it, flags and length. */
function noteSent(S: Flow, rec: TcpRecord, hostTtl: Map<string, number>, bits: number, seq: number, time: number, len: number, nth: number, forged: boolean): void {
  if (len > 0 && seq >= 0) {
    S.dataTime = time;
    S.dataPsh = (bits & PSH) !== 0;
    if (seq === S.lastDataSeq) S.lastDataCopies++;
    else {
      S.lastDataSeq = seq;
      S.lastDataCopies = 1;
    }
    S.lastDataLine = rec.line;
  }
  // A RST judged not the sender's leaves its TTL, DF, IP id and TS val baseline alone: later RSTs are compared with
  // the end's own packets, not the forger's.
  if (!forged) noteSenderFacts(S, rec, hostTtl, bits);
  S.lastLine = rec.line;
  S.lastNth = nth;
  S.lastBits = bits < 0 ? 0 : bits;
  S.lastLen = len;
}

/**
 * A SegmentAnalysis built by a constructor, not an object literal: with the 19-field literal, a capture of one bulk
 * transfer ran at 6.8 µs per segment instead of 1.4 µs (V8's literal path keeps allocation-site feedback a class
 * instance does not have). Arguments in SegmentAnalysis field order.
 */
class Analysis implements SegmentAnalysis {
  constructor(
    public conn: string,
    public dir: 'c2s' | 's2c',
    public printedRelative: boolean | null,
    public absSeq: number | null,
    public absEnd: number | null,
    public absAck: number | null,
    public relSeq: number | null,
    public relEnd: number | null,
    public relAck: number | null,
    public winBytes: number | null,
    public winScale: number | null,
    public isnSender: number | null,
    public isnReceiver: number | null,
    public statesBefore: SegmentAnalysis['statesBefore'],
    public states: SegmentAnalysis['states'],
    public transitions: SegmentAnalysis['transitions'],
    public findings: SegmentAnalysis['findings'],
    public sinceStart: number | null,
    public synCapture: CapturePoint | null,
  ) {}
}

/** Seconds since the connection's first segment: unknown when this segment or the first printed no time. */
function sinceStart(conn: Connection, time: number): number | null {
  return Number.isNaN(time) || conn.firstUntimed ? null : roundSeconds(time - conn.firstTime);
}

/** RFC 7323 §2.3: a SYN's window is never scaled; other windows are scaled once the shift is known. */
function windowBytes(S: Flow, bits: number, win: number): number | null {
  if (win < 0) return null;
  if ((bits & SYN) !== 0 || win === 0) return win;
  if (S.winScale < 0) return null;
  return win << S.winScale; // ≤ 65535 << 14 < 2^31
}

function emptyAnalysis(
  conn: Connection,
  dir: 'c2s' | 's2c',
  statesBefore: SegmentAnalysis['statesBefore'],
  findings: SegmentAnalysis['findings'],
  time: number,
): SegmentAnalysis {
  return {
    conn: conn.id,
    dir,
    printedRelative: null,
    absSeq: null,
    absEnd: null,
    absAck: null,
    relSeq: null,
    relEnd: null,
    relAck: null,
    winBytes: null,
    winScale: null,
    isnSender: null,
    isnReceiver: null,
    statesBefore,
    states: conn.states,
    transitions: NO_TRANSITIONS,
    findings,
    sinceStart: sinceStart(conn, time),
    synCapture: null,
  };
}

/** Record a Zeek history letter once per direction (upper case for the client). */
function once(conn: Connection, S: Flow, up: boolean, mask: number, letter: string): void {
  if ((S.histMask & mask) !== 0) return;
  S.histMask |= mask;
  conn.history += up ? letter : letter.toLowerCase();
}

/** Zeek's exponential repeat: a counted letter is recorded again at the 10th, 100th, 1000th... occurrence. */
function counted(conn: Connection, up: boolean, n: number, letter: string): void {
  if (n === 1 || n === 10 || n === 100 || n === 1000 || n === 10000 || n === 100000) conn.history += up ? letter : letter.toLowerCase();
}

/**
 * Zeek history letters (base/protocols/conn/main.zeek): S SYN, H SYN-ACK, A pure ACK, D payload, F FIN, R RST, once
 * per direction; C bad checksum, T retransmission, W zero window, G content gap, repeated at 10×; upper case for the
 * client (originator), lower case for the server.
 *
 * ZEEK RETRANSMISSION LETTER
 * Zeek writes T/t exactly where TCP_Endpoint::DidRxmit() is called: update_last_seq() (analyzer/protocol/tcp/TCP.cc)
 * calls it for a segment with payload (`len > 0`) whose end does not pass the highest end seen from that sender
 * (`delta_last <= 0`), whatever the cause (a resend, a reordered or duplicated copy, a keep-alive's garbage byte). A
 * resent SYN or SYN-ACK carries no payload: no T, and no second S or H (update_history adds them once per direction).
 * `zeekRxmit` is that test (null when the text printed no seq: then a tracked data retransmission stands for it).
 */
function recordHistory(conn: Connection, S: Flow, up: boolean, bits: number, len: number, aflags: number, rec: TcpRecord, zeekRxmit: boolean | null): void {
  if (bits & SYN) {
    if (bits & ACK) once(conn, S, up, HIST.synAck, 'H');
    else once(conn, S, up, HIST.syn, 'S');
  }
  if (len > 0) once(conn, S, up, HIST.data, 'D');
  if (bits & FIN) once(conn, S, up, HIST.fin, 'F');
  if (bits & RST) once(conn, S, up, HIST.rst, 'R');
  if ((bits & (SYN | FIN | RST)) === 0 && (bits & ACK) !== 0 && len === 0) once(conn, S, up, HIST.ack, 'A');
  if (rec.cksum !== null && !rec.cksum.correct) counted(conn, up, ++S.badSumCount, 'C');
  if (zeekRxmit ?? (len > 0 && (aflags & (A_RETRANSMISSION | A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION)) !== 0)) counted(conn, up, ++S.retransCount, 'T');
  if (aflags & A_ZERO_WINDOW) counted(conn, up, ++S.zeroWinCount, 'W');
  if (aflags & A_LOST_PACKET) counted(conn, up, ++S.gapCount, 'G');
}

/** A line no capture prints between its packets (tracker PASTED EXCERPTS): prose, or another capture's header. */
function isProse(rec: LineRecord): boolean {
  // A packet's hex dump that arrived late in a live pipe is part of that packet, not text between packets.
  if (rec.kind === 'text') return rec.dumpOf === undefined && rec.raw.trim() !== '';
  return rec.kind === 'meta' && (rec.meta === 'command' || rec.meta === 'listening' || rec.meta === 'reading');
}
