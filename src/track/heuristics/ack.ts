// ACK heuristics: duplicate ACKs (counted per flow) and ACKs of data the capture never showed.

import { seqAdd, seqDiff, seqGt, seqLt } from '../seq32';
import { findOption } from '../../model/tcp-options';
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
 * SACK DUPLICATE ACK
 * No payload, the sender's next seq, the same ack as its previous segment while the peer has data outstanding beyond
 * it, not SYN/FIN/RST, and a SACK block whose right edge lies above every block the peer was told of before: new SACK
 * information. RFC 6675 §2 counts it a duplicate acknowledgment even when the window changed (RFC 5681's definition
 * asks for the same window only because it has no SACK). Returns the new block's printed edges, or null.
 */
export function sackDupBlock(ctx: SegmentContext): [number, number] | null {
  const { S, R } = ctx;
  if (ctx.len !== 0 || ctx.win <= 0 || ctx.seq < 0 || ctx.seq !== S.nextSeq || ctx.ack < 0 || ctx.ack !== S.lastAck) return null;
  if ((ctx.bits & SFR) !== 0 || R.nextSeq < 0 || !seqLt(ctx.ack, R.nextSeq) || ctx.printedAck === null || ctx.options === null) return null;
  const sack = findOption(ctx.options, 'sack');
  if (sack === undefined) return null;
  const delta = seqDiff(ctx.printedAck, ctx.ack);
  for (const [l, r] of sack.blocks) {
    const right = seqAdd(r, delta);
    if (seqGt(right, ctx.ack) && seqGt(seqAdd(l, delta), ctx.ack) && (R.sackHigh < 0 || seqGt(right, R.sackHigh))) return [l, r];
  }
  return null;
}

/**
 * DUPLICATE ACK
 * No payload, the same non-zero window, the sender's next seq and the same ack as its previous segment, not SYN/FIN/RST
 * (RFC 5681 §2 "duplicate acknowledgment"), or the same ack with new SACK information whatever the window (SACK
 * DUPLICATE ACK above, RFC 6675 §2). A repeated ACK also needs the peer to have data outstanding: sequence space beyond
 * this ack was seen from it (RFC 5681 §2, condition (a) "the receiver of the ACK has outstanding data"). Wireshark
 * leaves (a) out; we keep it, so the ACK an established end sends for a duplicate SYN-ACK (RFC 9293 §3.10.7.4; Linux
 * tcp_send_dupack) or any other repeated ACK with nothing outstanding is not a duplicate ACK. When the peer's next
 * sequence number is unknown (it never sent in this capture), Wireshark's rule applies. Numbered per flow, pointing
 * at the last segment that was not a duplicate.
 */
export function dupAck(ctx: SegmentContext): void {
  const { S, R } = ctx;
  const block = sackDupBlock(ctx);
  if (block !== null || (repeatsPreviousAck(ctx) && (R.nextSeq < 0 || seqGt(R.nextSeq, ctx.ack)))) {
    S.dupAckNum++;
    ctx.aflags |= A_DUPLICATE_ACK;
    ctx.findings.push({
      code: 'tcp.dup_ack',
      n: S.dupAckNum,
      originalLine: S.lastNonDupAckLine,
      sackFrom: block === null ? null : block[0],
      sackTo: block === null ? null : block[1],
      need: block === null ? null : ctx.printedAck,
      windowGrew: block !== null && S.window >= 0 && ctx.win > S.window,
    });
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
