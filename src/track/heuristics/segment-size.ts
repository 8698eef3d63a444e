// Segment size heuristics: full data segments that stay below what the peer's MSS option allows.

import { FIN, PSH, RST, SYN } from '../../model/tcp-flags';
import type { SegmentContext } from '../segment-context';
import { scaleOf } from './window';

/** nop, nop, timestamps (RFC 7323 §3.2): the option bytes Linux puts on every data segment once timestamps are on. */
const TS_OPTION_BYTES = 12;
/** Segments of the largest size, each with more new data right behind it, before the size counts as the sender's limit. */
const FULL_RUN = 3;
/** "Right behind": within one handshake round trip of it, and never less than this (a burst, not paced writes). */
const BURST_MIN = 0.001;

/**
 * SEGMENTS BELOW THE ANNOUNCED MSS
 * A sender puts at most the receiver's MSS minus its own TCP options in a segment (RFC 9293 §3.7.1, RFC 6691 §2;
 * Linux tcp_current_mss). When a sender's largest new-data segments stay at one size below that limit although it had
 * more to send (FULL_RUN segments of exactly that size, each without PSH and followed by more new data within a round
 * trip, while the receiver's window held at least two such limits: not Linux's half-window bound,
 * tcp_bound_to_half_wnd), the MSS it works with is smaller than the option printed here: the option was lowered on the
 * path (MSS clamping, iptables TCPMSS / xt_TCPMSS, which only ever lowers it), or the sender's own path MTU limits it
 * (an interface or route MTU, path-MTU discovery: RFC 1191, RFC 4821).
 * PSH tells a segment cut at the size limit from one an application write ended: a sender sets PSH on the last
 * segment of what it has queued (RFC 9293 §3.9.1.2, MUST-61); Linux marks the last segment of every write
 * (tcp_push → tcp_mark_push, unless MSG_MORE/TCP_CORK) and, when it cuts a write at the MSS, leaves PSH only on the
 * second part (tcp_fragment); BSD sets it when a segment empties the send buffer (tcp_output). An application that
 * writes equal small chunks with TCP_NODELAY, faster than a round trip, puts each write on the wire at once as its own
 * segment: a run of equal segments right behind each other, every one with PSH (samples/nodelay-writes). That is its
 * write size, not a limit of the path, and with Nagle's algorithm (RFC 1122 §4.2.3.4; Linux tcp_nagle_check, Minshall's
 * variant) the kernel joins such writes into full segments while a small one is unacknowledged
 * (samples/nagle-writes). So a segment with PSH never starts or extends a run, and without printed flags (-q) none is judged.
 * Decided on the segment that completes the run (O(1) per segment), reported once per sender. Segment offload (TSO/GSO)
 * makes captured segments larger than the MSS, never smaller: it does not trigger this. Not in a capture taken in a
 * host that forwards the connection: its In/Out copies show any rewrite of the option outright (copies.ts).
 */
export function segmentsBelowMss(ctx: SegmentContext): void {
  const { S, R } = ctx;
  const len = ctx.len;
  if (len <= 0 || (ctx.bits & (SYN | RST)) !== 0 || ctx.seq < 0 || S.nextSeq < 0 || ctx.seq !== S.nextSeq) return;
  // Captured in a host that forwards the connection: it shows the MSS rewrite itself (copies.ts), nothing to infer.
  if (ctx.conn.routed !== null) return;
  const time = ctx.time;
  const rtt = ctx.conn.hs.rtt;
  const burst = Number.isNaN(rtt) ? BURST_MIN : Math.max(rtt, BURST_MIN);
  const limit = R.mss > 0 ? R.mss - (S.tsOk && R.tsOk ? TS_OPTION_BYTES : 0) : -1;
  const winBytes = R.window >= 0 && R.winScale >= 0 ? R.window * scaleOf(R.winScale) : -1;
  // The previous new-data segment had the largest size and this one followed it closely, with the window wide open.
  if (S.segRun >= 0 && !Number.isNaN(S.segPrevTime) && !Number.isNaN(time) && time - S.segPrevTime <= burst && winBytes >= 2 * limit) {
    if (S.segRun === 0) S.segLine = S.segPrevLine;
    S.segRun++;
  }
  if (len > S.segMax && S.segRun >= 0) {
    S.segMax = len;
    S.segRun = 0;
  }
  // Only a segment cut with more queued behind it (no PSH: not the end of a write, nor of what was queued) can start or
  // extend a run (flags not printed, bits -1, returned above).
  S.segPrevTime = len === S.segMax && (ctx.bits & (FIN | PSH)) === 0 ? time : NaN;
  S.segPrevLine = ctx.line;
  if (S.segRun >= FULL_RUN && limit > 0 && S.segMax < limit) {
    ctx.findings.push({
      code: 'tcp.segments_below_mss',
      size: S.segMax,
      count: S.segRun,
      fromLine: S.segLine,
      mss: R.mss,
      optionBytes: limit === R.mss ? 0 : TS_OPTION_BYTES,
      ownMss: S.mss > 0 ? S.mss : null,
    });
    S.segRun = -1;
  }
}
