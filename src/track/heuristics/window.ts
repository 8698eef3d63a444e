// Window heuristics: zero window, zero-window probe and its ACK, window full, window update (packet-tcp.c order).

import { seqAdd } from '../seq32';
import { FIN, RST, SYN } from '../../model/tcp-flags';
import { A_WINDOW_FULL, A_WINDOW_UPDATE, A_ZERO_WINDOW, A_ZERO_WINDOW_PROBE, A_ZERO_WINDOW_PROBE_ACK } from '../connection';
import type { SegmentContext } from '../segment-context';
import { sackDupBlock } from './ack';
import { roundSeconds } from '../timestamp';

const SFR = SYN | FIN | RST;

/**
 * 2^shift for the window-scale shifts RFC 7323 allows (0–14): `2 ** n` with a variable n is a Math.pow call, which was
 * most of windowFull's time. Exact powers of two, so `w * scaleOf(n)` equals `w * 2 ** n` for any w.
 */
const POW2 = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];
export const scaleOf = (n: number): number => (n >= 0 && n <= 14 ? POW2[n] : 2 ** n);

/**
 * ZERO WINDOW PROBE
 * While the peer's last advertised window is 0, the sender's persist timer probes it (RFC 9293 §3.8.6.1) and the
 * answer carries the current window. Two shapes, never SYN/FIN/RST:
 * - `new-byte`: exactly one byte at the sender's next expected sequence number (the RFC's probe; Wireshark's rule);
 * - `old-seq`: no new data at seq = snd_una − 1, an already-acknowledged number (Linux tcp_probe_timer →
 *   tcp_xmit_probe_skb), 0 bytes or 1. Without `-vv` tcpdump prints no seq on it, so it reads as a repeated pure ACK
 *   that acknowledges everything the peer sent. Against a zero window this is a window probe, never a keep-alive:
 *   it is sent on the persist (probe0) timer, interval RTO·2^backoff (Linux tcp_probe0_when), not after the
 *   keep-alive idle time.
 * `sinceAnswer`: time since the peer last answered a probe. Both forms lie outside the peer's window, and Linux answers
 * such segments at most once per net.ipv4.tcp_invalid_ratelimit (500 ms, tcp_oow_rate_limited): a probe sooner than
 * that after the last answer likely gets none.
 */
export function zeroWindowProbe(ctx: SegmentContext): boolean {
  const { S, R } = ctx;
  if (R.window !== 0 || (ctx.bits & SFR) !== 0 || S.nextSeq < 0 || ctx.len > 1) return false;
  let form: 'old-seq' | 'new-byte' | null = null;
  // snd_una in the sender's numbers: the peer's last ack, else the sender's next seq.
  const una = R.lastAck >= 0 ? R.lastAck : S.nextSeq;
  if (ctx.seqPrinted) {
    if (ctx.seq < 0) return false;
    if (ctx.len === 1 && ctx.seq === S.nextSeq) form = 'new-byte';
    else if (ctx.seq === seqAdd(una, -1)) form = 'old-seq';
  } else if (
    ctx.len === 0 &&
    ctx.win === S.window &&
    ctx.ack >= 0 &&
    ctx.ack === S.lastAck &&
    R.nextSeq >= 0 &&
    ctx.ack === R.nextSeq
  ) {
    form = 'old-seq';
    ctx.seq = seqAdd(una, -1);
  }
  if (form === null) return false;
  R.zwProbes++;
  ctx.conn.zwProbes++;
  const since = ctx.time - R.zwTime;
  ctx.aflags |= A_ZERO_WINDOW_PROBE;
  const sinceAnswer = ctx.time - R.zwAckTime;
  ctx.findings.push({
    code: 'tcp.zero_window_probe',
    n: R.zwProbes,
    sinceZeroWindow: Number.isNaN(since) ? null : roundSeconds(since),
    form,
    sinceAnswer: Number.isNaN(sinceAnswer) ? null : roundSeconds(sinceAnswer),
  });
  return true;
}

/**
 * ZERO WINDOW STALL
 * A flow's receive window goes to 0 (not on SYN/FIN/RST) and later opens again: the peer could send nothing in
 * between. Reported on the segment that reopens it, with the stall's length and the probes the peer sent meanwhile;
 * the connection keeps the count, total and longest stall for its verdict.
 */
export function zeroWindowStall(ctx: SegmentContext): void {
  const { S } = ctx;
  if (ctx.win < 0) return;
  if (ctx.win === 0) {
    if (S.zwLine === 0 && (ctx.bits & SFR) === 0) {
      S.zwLine = ctx.line;
      S.zwTime = ctx.time;
      S.zwProbes = 0;
    }
    return;
  }
  if (S.zwLine === 0 || (ctx.bits & SYN) !== 0) return;
  const conn = ctx.conn;
  const d = ctx.time - S.zwTime;
  const seconds = Number.isNaN(d) ? null : roundSeconds(d);
  ctx.findings.push({ code: 'tcp.zero_window_stall', seconds, probes: S.zwProbes, fromLine: S.zwLine });
  conn.zwStalls++;
  if (seconds !== null) {
    conn.zwStallSeconds = roundSeconds(conn.zwStallSeconds + seconds);
    if (seconds > conn.zwLongest) conn.zwLongest = seconds;
  }
  S.zwLine = 0;
  S.zwTime = NaN;
  S.zwProbes = 0;
}

/**
 * ZERO WINDOW
 * The window field is 0 and none of SYN/FIN/RST is set: the sender's receive buffer is full.
 */
export function zeroWindow(ctx: SegmentContext): void {
  if (ctx.win === 0 && (ctx.bits & SFR) === 0) {
    ctx.aflags |= A_ZERO_WINDOW;
    ctx.findings.push({ code: 'tcp.zero_window' });
  }
}

/**
 * WINDOW UPDATE
 * No payload, a new non-zero window, and seq/ack unchanged from the sender's previous segment: the only news is the
 * window (RFC 9293 §3.8.6.2.2). Not when it carries new SACK information: that is a duplicate ACK (RFC 6675 §2).
 */
export function windowUpdate(ctx: SegmentContext): void {
  const { S } = ctx;
  if (
    ctx.len === 0 &&
    ctx.win > 0 &&
    S.window >= 0 &&
    ctx.win !== S.window &&
    ctx.seq >= 0 &&
    ctx.seq === S.nextSeq &&
    ctx.ack >= 0 &&
    ctx.ack === S.lastAck &&
    (ctx.bits & SFR) === 0 &&
    sackDupBlock(ctx) === null
  ) {
    ctx.aflags |= A_WINDOW_UPDATE;
    const scale = S.winScale > 0 ? S.winScale : 0;
    // The window of a SYN is never scaled (RFC 7323 §2.2): the previous window may be one.
    const from = S.windowFromSyn ? S.window : S.window * scaleOf(scale);
    ctx.findings.push({ code: 'tcp.window_update', from, to: ctx.win * scaleOf(scale) });
  }
}

/**
 * WINDOW FULL
 * A data segment that ends exactly at the right edge of the window the peer last advertised (its last ack plus its
 * scaled window), once the peer's scaling is known. SYN/FIN/RST segments are never window-full.
 */
export function windowFull(ctx: SegmentContext): void {
  const { R } = ctx;
  if (ctx.len <= 0 || ctx.seq < 0 || R.winScale < 0 || R.lastAck < 0 || R.window < 0 || (ctx.bits & SFR) !== 0) return;
  // The peer's last window may be its SYN's, which is never scaled (RFC 7323 §2.2).
  const inFlight = R.windowFromSyn ? R.window : R.window * scaleOf(R.winScale);
  const edge = seqAdd(R.lastAck, inFlight);
  if (seqAdd(ctx.seq, ctx.len) === edge) {
    ctx.aflags |= A_WINDOW_FULL;
    ctx.findings.push({ code: 'tcp.window_full', inFlight });
  }
}

/**
 * ZERO WINDOW PROBE ACK
 * The answer to a zero-window probe: no payload, still a zero window, seq/ack repeated, and the peer's last segment was
 * a probe.
 */
export function zeroWindowProbeAck(ctx: SegmentContext): boolean {
  const { S, R } = ctx;
  if (
    ctx.len === 0 &&
    ctx.win === 0 &&
    S.window === 0 &&
    ctx.seq >= 0 &&
    ctx.seq === S.nextSeq &&
    ctx.ack >= 0 &&
    ctx.ack === S.lastAck &&
    (R.lastSegmentFlags & A_ZERO_WINDOW_PROBE) !== 0 &&
    (ctx.bits & SFR) === 0
  ) {
    ctx.aflags |= A_ZERO_WINDOW_PROBE_ACK;
    S.zwAckTime = ctx.time;
    ctx.findings.push({ code: 'tcp.zero_window_probe_ack' });
    return true;
  }
  return false;
}
