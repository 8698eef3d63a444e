// Keep-alive heuristics: the probe one byte before the next sequence number, and the peer's ACK of it.

import { seqAdd } from '../seq32';
import { FIN, RST, SYN } from '../../model/tcp-flags';
import { A_KEEP_ALIVE, A_KEEP_ALIVE_ACK } from '../connection';
import type { SegmentContext } from '../segment-context';
import { roundSeconds } from '../timestamp';
import { repeatsPreviousAck } from './ack';

const SFR = SYN | FIN | RST;

/**
 * Without `-vv`, tcpdump prints no `seq` on a zero-length segment, so a keep-alive (seq = next − 1) looks exactly like a
 * repeated ACK. We call such a segment a keep-alive when everything the peer sent is already acknowledged and the
 * connection was quiet for at least this long (keep-alive timers are seconds to hours; dup ACKs follow data closely),
 * or when the peer's window is 0: Linux probes a zero window the same way (tcp_probe_timer → tcp_xmit_probe_skb sends
 * seq = snd_una − 1, no payload).
 */
const UNPRINTED_SEQ_IDLE = 1;

/**
 * KEEP ALIVE
 * 0 or 1 byte starting one byte before the sender's next expected sequence number (RFC 9293 §3.8.4: "an old sequence
 * number"), not SYN/FIN/RST. When the seq was not printed: a repeated pure ACK with nothing outstanding from the
 * peer, after a quiet spell or against a zero window.
 */
export function keepAlive(ctx: SegmentContext): void {
  const { S, R } = ctx;
  if (ctx.len > 1 || (ctx.bits & SFR) !== 0 || S.nextSeq < 0) return;
  let hit = false;
  if (ctx.seqPrinted) {
    hit = ctx.seq >= 0 && ctx.seq === seqAdd(S.nextSeq, -1);
  } else {
    hit =
      ctx.len === 0 &&
      (roundSeconds(ctx.gap) >= UNPRINTED_SEQ_IDLE || R.window === 0) &&
      ctx.ack >= 0 &&
      ctx.ack === S.lastAck &&
      ctx.win === S.window &&
      R.nextSeq >= 0 &&
      ctx.ack === R.nextSeq;
    if (hit) ctx.seq = seqAdd(S.nextSeq, -1);
  }
  if (hit) {
    const idle = roundSeconds(ctx.gap);
    ctx.aflags |= A_KEEP_ALIVE;
    ctx.findings.push({ code: 'tcp.keep_alive', idleSeconds: Number.isNaN(idle) ? null : idle });
  }
}

/**
 * KEEP ALIVE ACK
 * No payload, same non-zero window, seq/ack repeated, and the peer's last segment was a keep-alive.
 */
export function keepAliveAck(ctx: SegmentContext): boolean {
  if ((ctx.R.lastSegmentFlags & A_KEEP_ALIVE) !== 0 && repeatsPreviousAck(ctx)) {
    ctx.aflags |= A_KEEP_ALIVE_ACK;
    ctx.findings.push({ code: 'tcp.keep_alive_ack' });
    return true;
  }
  return false;
}
