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

/** A range of printed sequence numbers, `to` exclusive. */
export interface SeqRange {
  from: number;
  to: number;
}

/**
 * HOLES AND HELD BLOCKS
 * What a SACK ACK says the receiver holds and still needs (RFC 2018 §3, RFC 6675 §2 "hole"): every block above the
 * cumulative ack, merged where they overlap or touch (a D-SACK block, RFC 2883 §4, lies at or below the ack or inside
 * another block and so adds nothing), in sequence order; the holes are the gaps from the ack to the first block and
 * between blocks. Nothing is said above the highest block: the receiver cannot know what was sent there. SACK carries
 * at most 4 blocks (3 with timestamps), so both lists are bounded. Printed edges, as the line shows them.
 */
export function sackHolesHeld(ack: number, printedAck: number, blocks: readonly (readonly [number, number])[]): { holes: SeqRange[]; held: SeqRange[] } {
  const delta = seqDiff(printedAck, ack);
  // Offsets from the ack, so the sort and the merge do not depend on wrap-around.
  const above: [number, number][] = [];
  for (const [l, r] of blocks) {
    const lo = seqDiff(ack, seqAdd(l, delta));
    const hi = seqDiff(ack, seqAdd(r, delta));
    if (lo > 0 && hi > lo) above.push([lo, hi]);
  }
  above.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const b of above) {
    const last = merged[merged.length - 1];
    if (last !== undefined && b[0] <= last[1]) last[1] = Math.max(last[1], b[1]);
    else merged.push([b[0], b[1]]);
  }
  const holes: SeqRange[] = [];
  const held: SeqRange[] = [];
  let need = 0;
  for (const [lo, hi] of merged) {
    holes.push({ from: seqAdd(printedAck, need), to: seqAdd(printedAck, lo) });
    held.push({ from: seqAdd(printedAck, lo), to: seqAdd(printedAck, hi) });
    need = hi;
  }
  return { holes, held };
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
 *
 * WINDOW GROWTH DURING A HOLE (`windowGrew`)
 * A SACK duplicate ACK whose window is larger than the sender's previous one. Its ack did not move and a block above
 * it is held, so a hole is outstanding: the application cannot read past the hole. Two causes widen the offer then,
 * and the capture cannot tell them apart: a Linux receiver grows it as out-of-order data arrives (tcp_data_queue_ofo()
 * calls tcp_grow_window() for each out-of-order segment on SACK connections only: "For non sack flows, do not grow
 * window to force DUPACK and trigger fast retransmit", net/ipv4/tcp_input.c, raising rcv_ssthresh by 2·advmss at a
 * time), and any receiver's window grows when its application reads bytes below the ack that still sat in the receive
 * queue (Linux offers min(free space, rcv_ssthresh), __tcp_select_window). The wording names both, hedged.
 */
export function dupAck(ctx: SegmentContext): void {
  const { S, R } = ctx;
  const block = sackDupBlock(ctx);
  if (block !== null || (repeatsPreviousAck(ctx) && (R.nextSeq < 0 || seqGt(R.nextSeq, ctx.ack)))) {
    S.dupAckNum++;
    ctx.aflags |= A_DUPLICATE_ACK;
    const sack = block === null || ctx.printedAck === null ? null : findOption(ctx.options ?? [], 'sack');
    const map = sack === null || sack === undefined || ctx.printedAck === null ? null : sackHolesHeld(ctx.ack, ctx.printedAck, sack.blocks);
    ctx.findings.push({
      code: 'tcp.dup_ack',
      n: S.dupAckNum,
      originalLine: S.lastNonDupAckLine,
      sackFrom: block === null ? null : block[0],
      sackTo: block === null ? null : block[1],
      need: block === null ? null : ctx.printedAck,
      holes: map === null ? [] : map.holes,
      held: map === null ? [] : map.held,
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
