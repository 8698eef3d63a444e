// Sequence heuristics: gaps (previous segment not captured), and the kind of a segment that does not advance seq.

import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from '../seq32';
import type { RetransmissionKind } from '../../model/findings';
import { findOption } from '../../model/tcp-options';
import { ACK, FIN, PSH, RST, SYN } from '../../model/tcp-flags';
import type { TcpOption } from '../../model/tcp-options';
import { scaleOf } from './window';
import {
  A_FAST_RETRANSMISSION,
  A_KEEP_ALIVE,
  A_LOST_PACKET,
  A_OUT_OF_ORDER,
  A_RETRANSMISSION,
  A_SPURIOUS_RETRANSMISSION,
  ringFind,
  ringSpan,
  ringTime,
} from '../connection';
import { capturePointAt } from './capture-point';
import { tsValOf } from './reset';
import type { SegmentContext } from '../segment-context';
import { roundSeconds } from '../timestamp';

/** packet-tcp.c: a fast retransmission follows the peer's last duplicate ACK within 20 ms. */
const FAST_RETRANSMISSION_WINDOW = 0.02;
/** packet-tcp.c: without a handshake RTT, a segment within 3 ms of the highest one is out of order, not resent. */
const DEFAULT_OOO_THRESHOLD = 0.003;

/**
 * PREVIOUS SEGMENT NOT CAPTURED
 * The segment starts beyond the sender's next expected sequence number: bytes in between were sent but not captured
 * (or are still to come, out of order). RST segments are not checked.
 */
export function lostSegment(ctx: SegmentContext): void {
  const { S } = ctx;
  if (S.nextSeq < 0 || ctx.seq < 0 || (ctx.bits & RST) !== 0 || !ctx.seqPrinted) return;
  if (seqGt(ctx.seq, S.nextSeq)) {
    ctx.aflags |= A_LOST_PACKET;
    ctx.findings.push({ code: 'tcp.previous_segment_not_captured', missingBytes: seqDiff(S.nextSeq, ctx.seq) });
  }
}

/**
 * SYN / SYN-ACK RETRANSMISSION
 * A SYN (or SYN-ACK) carrying the same ISN as an earlier SYN (SYN-ACK) from this sender: the first was not answered
 * in time (RFC 6298 §5 / RFC 9293 §3.8.1: initial RTO 1 s, doubling). `attempt` is the transmission number (2 = first
 * resend), counted from the first one captured. A SYN-ACK after the same end's bare SYN is a simultaneous open, not a
 * resend.
 * The first SYN-ACK captured is itself a resend when the client had already sent its SYN again and the SYN-ACK echoes
 * the first SYN's TSval (RFC 7323 §3.2; Linux keeps it in req->ts_recent): the server got that SYN and answered it at
 * once (tcp_conn_request → send_synack), yet that answer never reached this capture point. It is then attempt 2 and
 * every later one counts one more (`firstUnseen`). Returns whether the segment repeats an ISN already recorded.
 */
export function synRetransmission(ctx: SegmentContext): boolean {
  const { S } = ctx;
  const synAck = (ctx.bits & ACK) !== 0;
  const sent = synAck ? S.synAckCount : S.synCount;
  if ((ctx.bits & SYN) === 0 || ctx.seq < 0) return false;
  const firstUnseen = synAck && (sent === 0 ? originalSynAckUnseen(ctx) : ctx.conn.hs.firstSynAckResent);
  const repeat = S.isn >= 0 && sent >= 1 && ctx.seq === S.isn;
  if (!repeat && !(sent === 0 && firstUnseen)) return false;
  const attempt = sent + 1 + (firstUnseen ? 1 : 0);
  const sinceFirst = Number.isNaN(ctx.time) || Number.isNaN(S.firstSynTime) ? null : roundSeconds(ctx.time - S.firstSynTime);
  // The first SYN-ACK captured is the responder's first in Zeek's history ('h', not 't'): only the finding says more.
  if (repeat) ctx.aflags |= A_RETRANSMISSION;
  if (synAck) {
    const sincePrevious = Number.isNaN(ctx.time) || Number.isNaN(S.lastSynTime) ? null : roundSeconds(ctx.time - S.lastSynTime);
    ctx.findings.push({
      code: 'tcp.synack_retransmission',
      attempt,
      firstUnseen,
      sinceFirst,
      sincePrevious,
      synResent: ctx.R.synCount >= 2,
      answersResentSyn: ctx.R.synCount >= 2 && ctx.R.lastSynTime > S.lastSynTime,
      echoesFirstSyn: synAckEchoesFirstSyn(ctx),
    });
  } else ctx.findings.push({ code: 'tcp.syn_retransmission', attempt, sinceFirst });
  return repeat;
}

/** The first SYN-ACK captured answers the client's first SYN although the client had already sent it again. */
function originalSynAckUnseen(ctx: SegmentContext): boolean {
  return ctx.R.synCount >= 2 && synAckEchoesFirstSyn(ctx) === true;
}

/**
 * WHICH SYN A SYN-ACK ANSWERS
 * A SYN-ACK's TS ecr is the TSval of the SYN the server holds in its request socket (RFC 7323 §3.2; Linux keeps the
 * first SYN's in req->ts_recent, both for a resend answering a repeated SYN, tcp_check_req → inet_rtx_syn_ack, and for
 * its own timer, reqsk_timer_handler). An echo of the client's first SYN proves that SYN reached the server. Null when
 * the SYN-ACK or the first SYN carries no timestamp.
 */
export function synAckEchoesFirstSyn(ctx: SegmentContext): boolean | null {
  const ts = findOption(ctx.options, 'ts');
  if (ts === undefined || ctx.R.synTsVal < 0) return null;
  return ts.ecr === ctx.R.synTsVal;
}

/** Linux TCP_RTO_MIN (include/net/tcp.h): no retransmission timeout fires sooner than 200 ms after a transmission. */
const RTO_MIN = 0.2;
/**
 * The smallest addition to a tail-loss probe's 2·SRTT with more than one segment in flight (tcp_schedule_loss_probe):
 * TCP_TIMEOUT_MIN_US, 2 ms, since Linux 6.6 (commit 1c2709cfff1d); before, TCP_TIMEOUT_MIN, 2 jiffies (2 ms at HZ=1000,
 * 8 ms at HZ=250). 2 ms is therefore the lowest it can be on any kernel. A send
 * this long and ≥ TIMER_RTT_FACTOR handshake round trips after the last thing that could prompt it came from a timer.
 */
const TIMER_MIN = 0.002;
const TIMER_RTT_FACTOR = 10;

/** The capture point itself sent this segment: nothing can overtake a segment where it is sent. */
function sentHere(ctx: SegmentContext): boolean {
  return capturePointAt(ctx.conn) === ctx.sender;
}

/** Count a resend of the same bytes (attempt 2 = first resend) and remember it for a later D-SACK. */
function noteResend(ctx: SegmentContext): number {
  const { S } = ctx;
  if (S.rtxSeq === ctx.seq) S.rtxCount++;
  else S.rtxCount = 2;
  S.rtxSeq = ctx.seq;
  S.rtxEnd = seqAdd(ctx.seq, ctx.len);
  S.rtxLine = ctx.line;
  S.rtxSpurious = false;
  return S.rtxCount;
}

/**
 * RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER / SPURIOUS RETRANSMISSION
 * Payload (or SYN/FIN) whose seq is below the sender's next expected sequence number, and not a keep-alive, is one of:
 * - fast retransmission: the peer sent ≥ 2 duplicate ACKs asking for exactly this seq, the last one < 20 ms ago
 *   (RFC 5681 §3.2), or the peer's SACK blocks lie above it while its ACK is below (a hole: RFC 6675 loss recovery);
 * - out-of-order: it carries payload, came less than one handshake RTT (3 ms when unknown) after the highest segment
 *   and does not just end at it — reordering on the path, not a resend. Never for a segment the capture point itself
 *   sent: nothing can overtake it there, so it is a retransmission;
 * - spurious retransmission: every byte of it was already acknowledged by the peer;
 * - retransmission otherwise, with its kind from the time since the previous copy: ≥ 200 ms (Linux TCP_RTO_MIN;
 *   RFC 6298 §2.4 asks ≥ 1 s) a timeout (`rto`), or `rto-or-tlp` when it is the last segment and alone in flight
 *   (Linux arms the tail loss probe at 2·SRTT + 200 ms then, RFC 8985 §7.2, capped by the RTO: the same moment on a
 *   short path); sooner and the sender's last segment a tail loss probe (`tlp`, RFC 8985 §7: about two round trips
 *   after the last send); sooner otherwise `unknown` (RACK, RFC 8985 §6.2, or unseen SACKs).
 */
export function retransmission(ctx: SegmentContext, handshakeRtt: number): void {
  const { S, R } = ctx;
  const conn = ctx.conn;
  if (ctx.seq < 0 || S.nextSeq < 0 || !ctx.seqPrinted) return;
  if (!(ctx.len > 0 || (ctx.bits & (SYN | FIN)) !== 0)) return;
  if (!seqLt(ctx.seq, S.nextSeq)) return;
  if (ctx.aflags & A_KEEP_ALIVE) return;
  if ((ctx.bits & SYN) !== 0 && (ctx.aflags & A_RETRANSMISSION) !== 0) return; // already a SYN retransmission
  const original = ringFind(S, ctx.seq);

  const sinceDup = ctx.time - R.lastAckTime;
  const dupTriggered = R.dupAckNum >= 2 && R.lastAck === ctx.seq && (Number.isNaN(sinceDup) || sinceDup < FAST_RETRANSMISSION_WINDOW);
  const sackHole = S.sackHigh >= 0 && R.lastAck >= 0 && seqLe(R.lastAck, ctx.seq) && seqLt(ctx.seq, S.sackHigh);
  if (dupTriggered || (sackHole && ctx.len > 0)) {
    ctx.aflags |= A_FAST_RETRANSMISSION | A_RETRANSMISSION;
    noteResend(ctx);
    conn.rtxFast++;
    const afterAck = Number.isNaN(sinceDup) ? null : roundSeconds(sinceDup);
    let trigger: 'dup-acks' | 'sack' | 'rack' | 'timer' = 'dup-acks';
    // With SACK holes, fewer than DupThresh (3) duplicates cannot be the trigger (RFC 6675 §5): the scoreboard is.
    if (sackHole && ctx.len > 0 && !(dupTriggered && R.dupAckNum >= 3)) {
      if (handshakeRtt > 0 && afterAck !== null && sinceDup > Math.max(TIMER_MIN, TIMER_RTT_FACTOR * handshakeRtt)) trigger = 'timer';
      else trigger = seqDiff(seqAdd(ctx.seq, ctx.len), S.sackHigh) < 2 * ctx.len ? 'rack' : 'sack';
    }
    ctx.findings.push({ code: 'tcp.fast_retransmission', originalLine: original, dupAcks: R.dupAckNum, sack: conn.c.sackOk && conn.s.sackOk, trigger, afterAck });
    if (ctx.S.rtxLine === ctx.line) ctx.S.rtxFirstLine = original ?? 0;
    return;
  }

  const threshold = handshakeRtt > 0 ? handshakeRtt : DEFAULT_OOO_THRESHOLD;
  const sinceHighest = ctx.time - S.nextSeqTime;
  // Only payload can be out of order: a FIN or SYN resent within the threshold is still a retransmission (tshark).
  if (
    ctx.len > 0 &&
    !Number.isNaN(sinceHighest) &&
    sinceHighest < threshold &&
    S.nextSeq !== seqAdd(ctx.seq, ctx.len) &&
    !sentHere(ctx)
  ) {
    ctx.aflags |= A_OUT_OF_ORDER;
    ctx.findings.push({ code: 'tcp.out_of_order' });
    return;
  }

  const prev = ringTime(S, ctx.seq);
  const d = ctx.time - prev;
  const sincePrevious = Number.isNaN(d) || prev < 0 ? null : roundSeconds(d);
  const tail = ctx.len > 0 && seqAdd(ctx.seq, ctx.len) === S.nextSeq;
  // The first copy was part of a larger segment (a TSO/GSO send printed whole, or several segments merged by GRO).
  const span = original === null ? null : ringSpan(S, ctx.seq);
  const part =
    span !== null && ctx.len > 0 && seqDiff(span[0], span[1]) > ctx.len
      ? { bytes: ctx.len, of: seqDiff(span[0], span[1]), tail: seqAdd(ctx.seq, ctx.len) === span[1] }
      : null;

  if (ctx.len > 0 && R.lastAck >= 0 && seqLe(seqAdd(ctx.seq, ctx.len), R.lastAck)) {
    ctx.aflags |= A_SPURIOUS_RETRANSMISSION;
    noteResend(ctx);
    S.rtxSpurious = true;
    conn.rtxSpurious++;
    // Counted among the retransmissions too (their kind is not told on arrival): verdict.retransmissions.other.
    conn.rtxOther++;
    // Already acknowledged when it came: only a tail resent soon after is told apart, as a tail loss probe.
    const probe = tail && sincePrevious !== null && sincePrevious < RTO_MIN;
    ctx.findings.push({ code: 'tcp.spurious_retransmission', originalLine: original, sincePrevious, probe });
    return;
  }

  let kind: RetransmissionKind = 'unknown';
  if (sincePrevious !== null) {
    // Alone in flight: the peer has acknowledged everything before it.
    const alone = tail && R.lastAck === ctx.seq;
    if (sincePrevious >= RTO_MIN) kind = alone ? 'rto-or-tlp' : 'rto';
    else if (tail) kind = 'tlp';
  }
  if (kind === 'rto') conn.rtxRto++;
  else if (kind === 'tlp') conn.rtxTlp++;
  else if (kind === 'rto-or-tlp') conn.rtxRtoOrTlp++;
  else conn.rtxOther++;
  ctx.aflags |= A_RETRANSMISSION;
  const attempt = noteResend(ctx);
  ctx.findings.push({ code: 'tcp.retransmission', originalLine: original, kind, sincePrevious, attempt, part });
  if (ctx.S.rtxLine === ctx.line) ctx.S.rtxFirstLine = original ?? 0;
}

/**
 * SACK SCOREBOARD / D-SACK
 * On an ACK with SACK blocks (edges printed in the ack's numbering: print-tcp.c), remember the highest SACKed edge
 * (bytes between the ACK and it that are not SACKed are holes: RFC 6675). The first block reports a duplicate
 * (D-SACK, RFC 2883 §4) when it lies at or below the ACK, or inside the second block: the receiver got those bytes
 * twice. When the peer's last retransmission covers it, that retransmission was unnecessary (RFC 3708) and is named.
 */
export function sackBlocks(ctx: SegmentContext): void {
  const { R } = ctx;
  if (ctx.ack < 0 || ctx.printedAck === null || ctx.options === null) return;
  const sack = findOption(ctx.options, 'sack');
  if (sack === undefined || sack.blocks.length === 0) {
    if (R.sackHigh >= 0 && seqGe(ctx.ack, R.sackHigh)) R.sackHigh = -1;
    return;
  }
  const delta = seqDiff(ctx.printedAck, ctx.ack);
  const at = (v: number): number => seqAdd(v, delta);
  const [l1, r1] = sack.blocks[0];
  const a1 = at(l1);
  const b1 = at(r1);
  const below = seqLe(b1, ctx.ack);
  let dsack = below;
  if (!dsack && sack.blocks.length >= 2) {
    const a2 = at(sack.blocks[1][0]);
    const b2 = at(sack.blocks[1][1]);
    dsack = seqLe(a2, a1) && seqLe(b1, b2);
  }
  for (let i = dsack ? 1 : 0; i < sack.blocks.length; i++) {
    const b = at(sack.blocks[i][1]);
    if (seqGt(b, ctx.ack) && (R.sackHigh < 0 || seqGt(b, R.sackHigh))) R.sackHigh = b;
  }
  if (R.sackHigh >= 0 && seqGe(ctx.ack, R.sackHigh)) R.sackHigh = -1;
  if (!dsack) return;
  let retransLine: number | null = null;
  if (R.rtxLine > 0 && seqLe(R.rtxSeq, a1) && seqLe(b1, R.rtxEnd)) {
    retransLine = R.rtxLine;
    if (!R.rtxSpurious) ctx.conn.rtxSpurious++;
    R.rtxLine = 0;
  }
  ctx.findings.push({ code: 'tcp.dsack', from: l1, to: r1, where: below ? 'below-ack' : 'inside-block', retransLine });
}

/**
 * UPSTREAM RETRANSMISSION (first copy lost before this capture point)
 * Seen where the data arrives, a timer's retransmission of bytes whose first copy never got here looks like new data.
 * Bytes never seen before are new data unless something shows the sender had sent more than this capture saw: a
 * retransmission timer or tail loss probe runs only while data is unacknowledged (RFC 6298 §5.1, RFC 8985 §7.2). So
 * with timestamps the sender must already have known that everything captured from it was acknowledged: its TS ecr
 * (RFC 7323 §4.3: the TS val of the latest in-sequence segment it received) is at least the TS val of the peer's
 * first ACK that covered all of it. An older echo means it sent these bytes while data it had sent was still
 * unacknowledged in its own view, and an ACK may have released them (Nagle's algorithm, the congestion window): a
 * queue between it and the capture point then stretches the silence here (samples/nagle-writes server.txt, line 18).
 * It shows itself when a data segment starting at or beyond the sender's next expected byte
 * - follows the sender's previous data segment, which had no PSH (Linux marks PSH on the last segment of each write,
 *   tcp_mark_push: more of the same write was already queued), with no new data from the peer since that could have
 *   prompted it,
 * - after a silence of the whole connection ≥ 2 ms (Linux TCP_TIMEOUT_MIN) and ≥ 10 handshake round trips: no ACK
 *   clocked it out, a timer did,
 * - and, with timestamps (RFC 7323), carries a TS val above every earlier one from the sender: it was sent that much
 *   later, not delayed on the way (a queued copy keeps its old TS val).
 * ≥ 200 ms after the previous one (Linux TCP_RTO_MIN) it is an RTO or a tail loss probe (with one segment in flight
 * the probe waits 2·SRTT + 200 ms and Linux caps it at the RTO, RFC 8985 §7.2); sooner, a tail loss probe (RFC 8985
 * §7: 2·SRTT + 2 ms, TCP_TIMEOUT_MIN_US, with more than one segment in flight, Linux tcp_schedule_loss_probe). After a
 * hole (bytes before it missing here too) it is the probe and its own first copy was lost as well. Not where the sender
 * itself captured.
 */
export function upstreamRetransmission(ctx: SegmentContext, handshakeRtt: number): void {
  const { S, R } = ctx;
  if (ctx.len <= 0 || ctx.seq < 0 || !ctx.seqPrinted || S.nextSeq < 0 || (ctx.bits & (SYN | FIN | RST)) !== 0) return;
  if (seqLt(ctx.seq, S.nextSeq) || S.dataPsh || Number.isNaN(S.dataTime) || !(handshakeRtt > 0)) return;
  if ((ctx.aflags & (A_RETRANSMISSION | A_KEEP_ALIVE)) !== 0 || sentHere(ctx)) return;
  if (!Number.isNaN(R.nextSeqTime) && R.nextSeqTime > S.dataTime) return;
  const silence = ctx.gap;
  if (Number.isNaN(silence) || silence < TIMER_MIN || silence < TIMER_RTT_FACTOR * handshakeRtt) return;
  const ts = tsValOf(ctx.options);
  const timed = ts >= 0 && S.tsVal >= 0;
  if (timed && !seqGt(ts, S.tsVal)) return;
  // The sender's own view: it had not yet heard that all it sent was acknowledged (see the rule above).
  const ecr = tsEcrOf(ctx.options);
  if (timed && ecr >= 0 && R.tsVal >= 0 && (S.ackedAllTs < 0 || seqLt(ecr, S.ackedAllTs))) return;
  const sinceSent = roundSeconds(ctx.time - S.dataTime);
  if (sinceSent >= RTO_MIN) ctx.conn.rtxRtoOrTlp++;
  else ctx.conn.rtxTlp++;
  ctx.findings.push({
    code: 'tcp.upstream_retransmission',
    bytes: ctx.len,
    sinceSent,
    tsFrom: timed ? S.tsVal : null,
    tsTo: timed ? ts : null,
    timer: sinceSent >= RTO_MIN ? 'rto-or-tlp' : 'tlp',
    afterHole: seqGt(ctx.seq, S.nextSeq),
  });
}

/** The TS ecr of a segment's timestamps option, -1 without one. */
function tsEcrOf(options: readonly TcpOption[] | null): number {
  const ts = options === null ? undefined : findOption(options, 'ts');
  return ts === undefined ? -1 : ts.ecr;
}

/** nop, nop, timestamps (RFC 7323 §3.2): the option bytes on every data segment once timestamps are on. */
const TS_OPTION_BYTES = 12;
/** Linux's initial congestion window, 10 segments (RFC 6928): below it the window cannot hold a segment back. */
const INITIAL_WINDOW = 10;

/**
 * NAGLE HOLD (new data released by an ACK, not resent)
 * A sender holds a segment below the MSS while an earlier small segment is unacknowledged (Nagle's algorithm, RFC 896,
 * RFC 1122 §4.2.3.4; Linux tcp_nagle_check with Minshall's rule, tcp_minshall_check: only the latest small segment
 * sent counts, snd_sml) and sends it when the ACK of that small segment arrives. It shows itself on a new-data segment
 * - below the MSS the sender may use (the peer's MSS option less 12 bytes of timestamps) and with PSH: the tail of a
 *   write,
 * - whose previous data segment had no PSH (Linux marks the last segment of each write, tcp_mark_push): these bytes
 *   were already queued when that segment left, so something held them,
 * - with a TS val above that segment's (it left later) and a TS ecr equal to the TS val of the peer's first ACK that
 *   covered the sender's latest earlier small segment: the sender sent it when that ACK arrived (RFC 7323 §4.3: the
 *   echo is the latest segment it had received),
 * - with no retransmission by the sender before and its data in flight then (all it sent before this segment beyond
 *   that ACK, plus this one) within Linux's initial window of 10 segments and the peer's window: the congestion and
 *   receive windows cannot have been what held it,
 * - and not judged an UPSTREAM RETRANSMISSION (an echo of an ACK that covered everything fits a timer too).
 */
export function nagleHold(ctx: SegmentContext): void {
  const { S, R } = ctx;
  if (ctx.len <= 0 || ctx.seq < 0 || !ctx.seqPrinted || S.nextSeq < 0 || ctx.seq !== S.nextSeq) return;
  if (ctx.bits < 0 || (ctx.bits & (SYN | RST)) !== 0 || (ctx.bits & PSH) === 0 || S.dataPsh || Number.isNaN(S.dataTime)) return;
  if ((ctx.aflags & (A_RETRANSMISSION | A_KEEP_ALIVE)) !== 0 || S.retransCount > 0 || S.smlAckTs < 0) return;
  if (ctx.findings.some((f) => f.code === 'tcp.upstream_retransmission')) return;
  const limit = R.mss > 0 ? R.mss - (S.tsOk && R.tsOk ? TS_OPTION_BYTES : 0) : -1;
  if (limit <= 0 || ctx.len >= limit) return;
  const ts = tsValOf(ctx.options);
  const ecr = tsEcrOf(ctx.options);
  if (ts < 0 || S.tsVal < 0 || !seqGt(ts, S.tsVal) || ecr !== S.smlAckTs) return;
  // In flight once the sender had that ACK: everything it sent before this segment beyond what the ACK covered.
  const flight = (seqGt(S.nextSeq, S.smlAck) ? seqDiff(S.smlAck, S.nextSeq) : 0) + ctx.len;
  const winBytes = R.window >= 0 && R.winScale >= 0 ? R.window * scaleOf(R.winScale) : -1;
  if (flight > INITIAL_WINDOW * limit || winBytes < flight) return;
  const prevLen = S.lastDataSeq >= 0 ? seqDiff(S.lastDataSeq, S.nextSeq) : 0;
  ctx.findings.push({
    code: 'tcp.nagle_hold',
    bytes: ctx.len,
    tsFrom: S.tsVal,
    tsTo: ts,
    afterFull: prevLen >= limit,
    echoed: ecr,
    ackLine: S.smlAckLine,
    smallLine: S.smlLine,
  });
}

/**
 * ACK CLOCK bookkeeping for UPSTREAM RETRANSMISSION and NAGLE HOLD, after a segment's findings (O(1)): new data
 * clears "everything acknowledged" and, below the MSS, becomes the sender's latest small segment; an ACK with
 * timestamps records its TS val as the first to cover all of the peer's data, or the peer's latest small segment.
 */
export function ackClock(ctx: SegmentContext): void {
  const { S, R } = ctx;
  if ((ctx.bits & RST) !== 0) return;
  if (ctx.len > 0 && ctx.seq >= 0 && S.nextSeq >= 0 && seqGt(seqAdd(ctx.seq, ctx.len), S.nextSeq)) {
    S.ackedAllTs = -1;
    const limit = R.mss > 0 ? R.mss - (S.tsOk && R.tsOk ? TS_OPTION_BYTES : 0) : -1;
    if (limit > 0 && ctx.len < limit) {
      S.smlEnd = seqAdd(ctx.seq, ctx.len);
      S.smlLine = ctx.line;
      S.smlAckTs = -1;
      S.smlAckLine = 0;
      S.smlAck = -1;
    }
  }
  if (ctx.ack < 0) return;
  const ts = tsValOf(ctx.options);
  if (ts < 0) return;
  if (R.nextSeq >= 0 && R.ackedAllTs < 0 && seqGe(ctx.ack, R.nextSeq)) R.ackedAllTs = ts;
  if (R.smlEnd >= 0 && R.smlAckTs < 0 && seqGe(ctx.ack, R.smlEnd)) {
    R.smlAckTs = ts;
    R.smlAckLine = ctx.line;
    R.smlAck = ctx.ack;
  }
}
