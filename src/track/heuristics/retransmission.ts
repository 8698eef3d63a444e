// Sequence heuristics: gaps (previous segment not captured), and the kind of a segment that does not advance seq.

import { seqAdd, seqDiff, seqGt, seqLe, seqLt } from '../seq32';
import { ACK, FIN, RST, SYN } from '../../model/tcp-flags';
import {
  A_FAST_RETRANSMISSION,
  A_KEEP_ALIVE,
  A_LOST_PACKET,
  A_OUT_OF_ORDER,
  A_RETRANSMISSION,
  A_SPURIOUS_RETRANSMISSION,
  ringFind,
} from '../connection';
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
 * resend). A SYN-ACK after the same end's bare SYN is a simultaneous open, not a resend.
 */
export function synRetransmission(ctx: SegmentContext): boolean {
  const { S } = ctx;
  const synAck = (ctx.bits & ACK) !== 0;
  const sent = synAck ? S.synAckCount : S.synCount;
  if ((ctx.bits & SYN) === 0 || ctx.seq < 0 || S.isn < 0 || sent < 1 || ctx.seq !== S.isn) return false;
  const attempt = sent + 1;
  const sinceFirst = Number.isNaN(ctx.time) || Number.isNaN(S.firstSynTime) ? null : roundSeconds(ctx.time - S.firstSynTime);
  ctx.aflags |= A_RETRANSMISSION;
  if (synAck) ctx.findings.push({ code: 'tcp.synack_retransmission', attempt, sinceFirst });
  else ctx.findings.push({ code: 'tcp.syn_retransmission', attempt, sinceFirst });
  return true;
}

/**
 * RETRANSMISSION / FAST RETRANSMISSION / OUT-OF-ORDER / SPURIOUS RETRANSMISSION
 * Payload (or SYN/FIN) whose seq is below the sender's next expected sequence number, and not a keep-alive, is one of:
 * - fast retransmission: the peer sent ≥ 2 duplicate ACKs asking for exactly this seq, the last one < 20 ms ago
 *   (RFC 5681 §3.2);
 * - out-of-order: it carries payload, came less than one handshake RTT (3 ms when unknown) after the highest segment
 *   and does not just end at it — reordering on the path, not a resend;
 * - spurious retransmission: every byte of it was already acknowledged by the peer;
 * - retransmission otherwise (RFC 6298 timeout).
 */
export function retransmission(ctx: SegmentContext, handshakeRtt: number): void {
  const { S, R } = ctx;
  if (ctx.seq < 0 || S.nextSeq < 0 || !ctx.seqPrinted) return;
  if (!(ctx.len > 0 || (ctx.bits & (SYN | FIN)) !== 0)) return;
  if (!seqLt(ctx.seq, S.nextSeq)) return;
  if (ctx.aflags & A_KEEP_ALIVE) return;
  if ((ctx.bits & SYN) !== 0 && (ctx.aflags & A_RETRANSMISSION) !== 0) return; // already a SYN retransmission
  const original = ringFind(S, ctx.seq);

  const sinceDup = ctx.time - R.lastAckTime;
  if (R.dupAckNum >= 2 && R.lastAck === ctx.seq && (Number.isNaN(sinceDup) || sinceDup < FAST_RETRANSMISSION_WINDOW)) {
    ctx.aflags |= A_FAST_RETRANSMISSION | A_RETRANSMISSION;
    ctx.findings.push({ code: 'tcp.fast_retransmission', originalLine: original, dupAcks: R.dupAckNum });
    return;
  }

  const threshold = handshakeRtt > 0 ? handshakeRtt : DEFAULT_OOO_THRESHOLD;
  const sinceHighest = ctx.time - S.nextSeqTime;
  // Only payload can be out of order: a FIN or SYN resent within the threshold is still a retransmission (tshark).
  if (ctx.len > 0 && !Number.isNaN(sinceHighest) && sinceHighest < threshold && S.nextSeq !== seqAdd(ctx.seq, ctx.len)) {
    ctx.aflags |= A_OUT_OF_ORDER;
    ctx.findings.push({ code: 'tcp.out_of_order' });
    return;
  }

  if (ctx.len > 0 && R.lastAck >= 0 && seqLe(seqAdd(ctx.seq, ctx.len), R.lastAck)) {
    ctx.aflags |= A_SPURIOUS_RETRANSMISSION;
    ctx.findings.push({ code: 'tcp.spurious_retransmission', originalLine: original });
    return;
  }

  ctx.aflags |= A_RETRANSMISSION;
  ctx.findings.push({ code: 'tcp.retransmission', originalLine: original });
}
