// Keep-alive heuristics: the probe one byte before the next sequence number, and the peer's ACK of it.

import { seqAdd } from '../seq32';
import { FIN, RST, SYN } from '../../model/tcp-flags';
import { findOption } from '../../model/tcp-options';
import { A_KEEP_ALIVE, A_KEEP_ALIVE_ACK } from '../connection';
import type { SegmentContext } from '../segment-context';
import { roundSeconds } from '../timestamp';
import { repeatsPreviousAck } from './ack';

const SFR = SYN | FIN | RST;

/**
 * Without `-vv`, tcpdump prints no `seq` on a zero-length segment, so a keep-alive (seq = next − 1) looks exactly like a
 * repeated ACK. We call such a segment a keep-alive when everything the peer sent is already acknowledged and the
 * connection was quiet for at least this long (keep-alive timers are seconds to hours; dup ACKs follow data closely).
 * Against a zero window the same shape is a window probe (window.ts zeroWindowProbe runs first), never a keep-alive.
 */
const UNPRINTED_SEQ_IDLE = 1;

/**
 * KEEP ALIVE
 * 0 or 1 byte starting one byte before the sender's next expected sequence number (RFC 9293 §3.8.4: "an old sequence
 * number"), not SYN/FIN/RST, and not against a zero window (that is a window probe). When the seq was not printed: a
 * repeated pure ACK with nothing outstanding from the peer, after a quiet spell.
 */
export function keepAlive(ctx: SegmentContext): void {
  const { S, R } = ctx;
  if (ctx.len > 1 || (ctx.bits & SFR) !== 0 || S.nextSeq < 0 || R.window === 0) return;
  let hit = false;
  if (ctx.seqPrinted) {
    hit = ctx.seq >= 0 && ctx.seq === seqAdd(S.nextSeq, -1);
  } else {
    hit =
      ctx.len === 0 &&
      roundSeconds(ctx.gap) >= UNPRINTED_SEQ_IDLE &&
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
    ctx.findings.push({ code: 'tcp.keep_alive', idleSeconds: Number.isNaN(idle) ? null : idle, withByte: ctx.len === 1 });
    keepAliveOutcome(ctx, false);
    S.kaSent++;
    if (S.kaSent > 1) S.kaEvery = Number.isNaN(ctx.time) || Number.isNaN(S.kaLastTime) ? NaN : Math.max(S.kaEvery, ctx.time - S.kaLastTime);
    S.kaLastTime = ctx.time;
    S.kaLine = ctx.line;
    S.kaPending = true;
    R.kaAckTsVal = -1;
    R.kaAckLine = 0;
  }
}

/** TCP timestamps compare as 32-bit serial numbers (RFC 7323 §5.2): a is older than b. */
const tsOlder = (a: number, b: number): boolean => ((a - b) | 0) < 0;

/**
 * KEEP-ALIVE UNANSWERED / KEEP-ALIVE TIMEOUT
 * Judged when the prober sends its next keep-alive, or its RST, right after a keep-alive: the previous probe got no
 * answer the prober could have received when (a) no segment from the peer was captured since it, or (b) the peer's
 * answer was captured but the prober's TS ecr still echoes an older TS val (RFC 7323 §4.3: an acceptable segment
 * updates TS.Recent), so that answer never reached it: the return path is broken. The run of such probes is counted.
 * A RST that ends such a run is the prober's kernel giving up (Linux tcp_keepalive_timer: after tcp_keepalive_probes
 * unanswered probes, tcp_send_active_reset then tcp_write_err, so the application's next call fails with ETIMEDOUT).
 */
export function keepAliveOutcome(ctx: SegmentContext, rst: boolean): void {
  const { S, R } = ctx;
  if ((S.lastSegmentFlags & A_KEEP_ALIVE) === 0 || S.kaLine === 0) return;
  let answerLine: number | null = null;
  if (!S.kaPending) {
    if (R.kaAckTsVal < 0) {
      S.kaRun = 0;
      return;
    }
    const ts = findOption(ctx.options, 'ts');
    if (ts === undefined || !tsOlder(ts.ecr, R.kaAckTsVal)) {
      S.kaRun = 0;
      return;
    }
    answerLine = R.kaAckLine;
    S.kaAnswersLost++;
    ctx.conn.kaReturnBroken = true;
  } else {
    S.kaUnanswered++;
    S.kaPending = false;
  }
  if (S.kaRun === 0) S.kaRunLine = S.kaLine;
  S.kaRun++;
  ctx.findings.push({ code: 'tcp.keep_alive_unanswered', count: S.kaRun, fromLine: S.kaRunLine, answerLine, gaveUp: rst });
  if (rst) {
    ctx.conn.kaTimeoutBy = ctx.sender;
    ctx.conn.kaTimeoutProbes = S.kaRun;
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
    ctx.R.kaAnswered++;
    const ts = findOption(ctx.options, 'ts');
    ctx.S.kaAckTsVal = ts === undefined ? -1 : ts.val;
    ctx.S.kaAckLine = ctx.line;
    return true;
  }
  return false;
}
