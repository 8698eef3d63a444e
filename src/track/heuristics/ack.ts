// ACK heuristics: duplicate ACKs (counted per flow) and ACKs of data the capture never showed.

import { seqDiff, seqGt } from '../seq32';
import { ACK, FIN, RST, SYN } from '../../model/tcp-flags';
import { A_ACK_LOST_PACKET, A_DUPLICATE_ACK } from '../connection';
import type { SegmentContext } from '../segment-context';

const SFR = SYN | FIN | RST;

/**
 * REPEATED ACK
 * No payload, the same non-zero window, the sender's next seq and the same ack as its previous segment, not SYN/FIN/RST:
 * the shape packet-tcp.c tests for both a duplicate ACK and a keep-alive ACK.
 */
export function repeatsPreviousAck(ctx: SegmentContext): boolean {
  const { S } = ctx;
  return (
    ctx.len === 0 &&
    ctx.win > 0 &&
    ctx.win === S.window &&
    ctx.seq >= 0 &&
    ctx.seq === S.nextSeq &&
    ctx.ack >= 0 &&
    ctx.ack === S.lastAck &&
    (ctx.bits & SFR) === 0
  );
}

/**
 * DUPLICATE ACK
 * No payload, the same non-zero window, the sender's next seq and the same ack as its previous segment, not SYN/FIN/RST
 * (packet-tcp.c's shape), and the peer has data outstanding: sequence space beyond this ack was seen from it (RFC 5681
 * §2 "duplicate acknowledgment", condition (a) "the receiver of the ACK has outstanding data"). Wireshark leaves (a)
 * out; we keep it, so the ACK an established end sends for a duplicate SYN-ACK (RFC 9293 §3.10.7.4; Linux
 * tcp_send_dupack) or any other repeated ACK with nothing outstanding is not a duplicate ACK. When the peer's next
 * sequence number is unknown (it never sent in this capture), Wireshark's rule applies. Numbered per flow, pointing
 * at the last segment that was not a duplicate.
 */
export function dupAck(ctx: SegmentContext): void {
  const { S, R } = ctx;
  if (repeatsPreviousAck(ctx) && (R.nextSeq < 0 || seqGt(R.nextSeq, ctx.ack))) {
    S.dupAckNum++;
    ctx.aflags |= A_DUPLICATE_ACK;
    ctx.findings.push({ code: 'tcp.dup_ack', n: S.dupAckNum, originalLine: S.lastNonDupAckLine });
  }
}

/**
 * A new ack value ends a run of duplicates (packet-tcp.c since 3.x: "if the ack number changed we must reset the
 * dupack counters"); a window update with the same ack does not, so the peer's fast retransmission still counts it.
 */
export function endDupAckRun(ctx: SegmentContext): void {
  if ((ctx.aflags & A_DUPLICATE_ACK) === 0 && ctx.ack !== ctx.S.lastAck) {
    ctx.S.lastNonDupAckLine = ctx.line;
    ctx.S.dupAckNum = 0;
  }
}

/**
 * ACKED UNSEEN SEGMENT
 * The ACK covers sequence space beyond the highest contiguous data the peer was seen sending: the capture missed a
 * segment going the other way. Reported once per gap (the mark then moves to the peer's next seq).
 */
export function ackedUnseen(ctx: SegmentContext): void {
  const { R } = ctx;
  if ((ctx.bits & ACK) === 0 || ctx.ack < 0 || R.maxSeqToBeAcked < 0) return;
  if (seqGt(ctx.ack, R.maxSeqToBeAcked)) {
    ctx.aflags |= A_ACK_LOST_PACKET;
    const unseen = seqDiff(R.maxSeqToBeAcked, ctx.ack);
    ctx.findings.push({ code: 'tcp.acked_unseen_segment', unseenBytes: unseen });
    if (R.nextSeq >= 0) R.maxSeqToBeAcked = R.nextSeq;
  }
}
