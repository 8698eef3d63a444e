// Decides per segment whether tcpdump printed seq/ack relative or absolute, recovers ISNs and places both numbers.

import { seq32, seqAdd, seqDiff } from './seq32';
import { ACK, SYN } from '../model/tcp-flags';
import { COORD_ABS, COORD_REL, COORD_UNKNOWN, type Connection, type Flow } from './connection';
import type { SegmentContext } from './segment-context';

/** A value farther than this from every expectation counts as "no evidence". */
const BIG = 0x1_0000_0000;

/**
 * Without any expectation, a first ACK-bearing segment is read as relative when its numbers are small: tcpdump prints
 * relative values counted from 0 while a raw ISN is uniform over 2^32, so two values both under 2^27 (or one under
 * 2^24) are raw with probability ≤ 1/1024 (1/256).
 */
const SMALL_PAIR = 2 ** 27;
const SMALL_ONE = 2 ** 24;

/** Where the sender's next seq should be, in absolute numbers (-1 when the flow is not absolute or nothing is known). */
function expectSeq(f: Flow, peer: Flow): number {
  if (f.coord !== COORD_ABS) return -1;
  if (f.nextSeq >= 0) return f.nextSeq;
  if (peer.lastAck >= 0) return peer.lastAck;
  if (f.isn >= 0) return seqAdd(f.isn, 1);
  return -1;
}

/** The base tcpdump subtracts for this flow when printing relative numbers. */
function relBase(f: Flow): number {
  return f.tdBase >= 0 ? f.tdBase : f.isn;
}

const dist = (expected: number, v: number): number => Math.abs(seqDiff(expected, v));

/**
 * Place one segment's printed seq/ack (print-tcp.c `tcp_print`, tcpdump-output.md §4.4):
 * - a segment without ACK, and any SYN, is printed raw (tcpdump's table only takes ACK-bearing segments and a SYN
 *   re-initialises it, printing the initialising segment raw);
 * - a later ACK-bearing segment is relative unless `-S`; which of the two the text holds is decided by which reading
 *   lands nearer to what each flow expects (the sender's next seq, the receiver's next seq), so a `-S` paste is
 *   recognised from its numbers alone; the `-S` hint only breaks ties;
 * - with no expectation at all (first segment of a capture that starts mid-connection), small numbers are relative
 *   to a handshake we did not see, large ones are the raw initialising segment.
 */
export function placeNumbers(
  ctx: SegmentContext,
  pseq: number | null,
  pack: number | null,
  absoluteHint: boolean,
): void {
  const { conn, S, R, bits } = ctx;
  const hasAck = (bits & ACK) !== 0;
  if (!hasAck) pack = null;
  ctx.seq = -1;
  ctx.ack = -1;
  ctx.seqPrinted = pseq !== null;

  if (!hasAck || (bits & SYN) !== 0) {
    ctx.printedRelative = pseq === null && pack === null ? null : false;
    placeRawNumbers(ctx, S, R, pseq, pack);
    if (hasAck && pseq !== null && pack !== null) initTcpdumpBases(conn, S, R, pseq, pack);
    if (ctx.printedRelative !== null) conn.mode = 1;
    fillMissingSeq(ctx);
    return;
  }

  // ACK-bearing, no SYN.
  const expS = expectSeq(S, R);
  const expA = expectSeq(R, S);
  let dAbs = 0;
  let dRel = 0;
  let parts = 0;
  if (pseq !== null && expS >= 0) {
    const b = relBase(S);
    dAbs += dist(expS, pseq);
    dRel += b >= 0 ? dist(expS, seqAdd(b, pseq)) : BIG;
    parts++;
  }
  if (pack !== null && expA >= 0) {
    const b = relBase(R);
    dAbs += dist(expA, pack);
    dRel += b >= 0 ? dist(expA, seqAdd(b, pack)) : BIG;
    parts++;
  }
  let rel: boolean;
  if (S.coord === COORD_REL || R.coord === COORD_REL) {
    // Numbers already held relative to a base we never saw: stay in that space.
    rel = true;
  } else if (parts > 0) {
    const preferRel = conn.mode !== 0 ? conn.mode === 2 : !absoluteHint;
    rel = dRel < dAbs || (dRel === dAbs && preferRel);
  } else if (absoluteHint || conn.mode === 1) {
    rel = false;
  } else {
    const limit = pseq !== null && pack !== null ? SMALL_PAIR : SMALL_ONE;
    rel = (pseq === null || pseq < limit) && (pack === null || pack < limit);
  }

  ctx.printedRelative = rel;
  conn.mode = rel ? 2 : 1;
  if (rel) {
    if (pseq !== null) ctx.seq = placeRelative(S, pseq);
    if (pack !== null) ctx.ack = placeRelative(R, pack);
    conn.tdInit = true;
  } else {
    if (!conn.tdInit && pseq !== null && pack !== null) initTcpdumpBases(conn, S, R, pseq, pack);
    placeRawNumbers(ctx, S, R, pseq, pack);
  }
  fillMissingSeq(ctx);
}

/**
 * A flow whose numbering is still unknown takes raw values as absolute; a flow already known to be absolute (a `-S`
 * capture, or one tcpdump never rebased) gets the printed numbers as they are.
 */
function placeRawNumbers(ctx: SegmentContext, S: Flow, R: Flow, pseq: number | null, pack: number | null): void {
  if (pseq !== null) {
    if (S.coord === COORD_UNKNOWN) S.coord = COORD_ABS;
    if (S.coord === COORD_ABS) ctx.seq = pseq;
  }
  if (pack !== null) {
    if (R.coord === COORD_UNKNOWN) R.coord = COORD_ABS;
    if (R.coord === COORD_ABS) ctx.ack = pack;
  }
}

function placeRelative(f: Flow, v: number): number {
  if (f.coord === COORD_UNKNOWN) f.coord = COORD_REL;
  if (f.coord === COORD_REL) return v;
  const b = relBase(f);
  return b >= 0 ? seqAdd(b, v) : -1;
}

/** tcpdump's table initialisation: base(sender) = seq, base(receiver) = ack − 1 (print-tcp.c). */
function initTcpdumpBases(conn: Connection, S: Flow, R: Flow, seq: number, ack: number): void {
  S.tdBase = seq;
  R.tdBase = seq32(ack - 1);
  conn.tdInit = true;
}

/** A pure ACK printed without `seq` (no -vv) carries the sender's next sequence number. */
function fillMissingSeq(ctx: SegmentContext): void {
  if (ctx.seq >= 0 || ctx.seqPrinted) return;
  const { S, R } = ctx;
  if (S.nextSeq >= 0) ctx.seq = S.nextSeq;
  else if (R.lastAck >= 0) ctx.seq = R.lastAck;
}

/** Absolute and relative readings of a value held in a flow's coordinates. */
export function absOf(f: Flow, v: number): number | null {
  return v >= 0 && f.coord === COORD_ABS ? v : null;
}

export function relOf(f: Flow, v: number): number | null {
  if (v < 0) return null;
  if (f.coord === COORD_REL) return v;
  if (f.coord !== COORD_ABS) return null;
  if (f.isn >= 0) return seq32(v - f.isn);
  if (f.tdBase >= 0) return seq32(v - f.tdBase);
  return null;
}
