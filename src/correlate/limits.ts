// What a pair of renderings cannot support: clocks that give no offset (-t, -ttt, -ttttt) and -q's missing fields.

import type { Side } from '../model';
import type { ClockKind } from './capture-clock';
import type { ConnectionSegments } from './connection-segments';
import { ACK, SYN } from '../model';
import type { PairLimit, UnpairedDiagnosis } from './pair-report';
import { flagBits } from './segment-keys';

export type Clocks = { client: ClockKind; server: ClockKind };

const DAY = 86_400;
const absolute = (k: ClockKind): boolean => k === 'epoch' || k === 'date';

/**
 * CLOCK LIMITS (tcpdump print.c ts_print): -t prints no time, so nothing about timing can be said; -ttt prints the
 * gap since the previous packet and -ttttt the time since the first, so differences within the capture are real
 * (path delays, round trip) but no instant is: no clock offset. Dates (-tttt) or epoch seconds (-tt) against a
 * time of day (default) share the time of day only: the offset is known modulo a day.
 */
export function clockLimits(clocks: Clocks): PairLimit[] {
  const out: PairLimit[] = [];
  for (const side of ['client', 'server'] as Side[]) {
    const k = clocks[side];
    if (k === 'none') out.push({ code: 'no-times', side });
    else if (k === 'delta' || k === 'since-first') out.push({ code: 'relative-clock', side, kind: k });
  }
  if (out.length === 0 && absolute(clocks.client) !== absolute(clocks.server)) {
    out.push({ code: 'scales-differ', dated: absolute(clocks.client) ? 'client' : 'server' });
  }
  return out;
}

/** The clock offset as far as the renderings define it: see ConnectionPair.offset. */
export function reportableOffset(offset: number | null | undefined, clocks: Clocks): number | null {
  if (offset === null || offset === undefined) return null;
  const limits = clockLimits(clocks);
  if (limits.some((l) => l.code === 'no-times' || l.code === 'relative-clock')) return null;
  if (limits.some((l) => l.code === 'scales-differ')) {
    // Correlator times of an epoch/date clock are whole days past CLOCK_BASE, so only the time of day remains.
    const r = ((offset % DAY) + DAY) % DAY;
    return r > DAY / 2 ? r - DAY : r;
  }
  return offset;
}

/**
 * ORDER ONLY: with -q (no flags, seq or ack: segments differ by length alone) on one side and -t (no times) on one
 * side, segments of the same length cannot be told apart: not by their numbers, not by the clock. The alignment
 * then lines them up in the order each capture printed them, which a segment lost, resent or reordered on one side
 * shifts for every later one; the pair says so, and its confidence is lowered by ORDER_ONLY_WEIGHT.
 */
export const ORDER_ONLY_WEIGHT = -0.3;

export function orderOnly(quiet: boolean, clocks: Clocks): boolean {
  return quiet && (clocks.client === 'none' || clocks.server === 'none');
}

/** QUIET (-q, print-tcp.c prints `tcp N` only): a connection with no flags, seq or ack on any segment. */
export const isQuiet = (c: ConnectionSegments): boolean => c.all.length > 0 && c.all.every((s) => s.rec.style === 'quiet');

/** What the other capture covered, for diagnoseUnpaired: its time span, the clock offset (server − client) when known. */
export interface OtherCapture {
  span: { first: number; last: number } | null;
  offset: number | null;
  /** Round trip between the capture points when known: a SYN this close to the end may still have been on its way. */
  rtt: number | null;
  clocks: Clocks;
}

/**
 * SYN NEVER ARRIVED (RFC 9293 §3.5, RFC 6298 §5.7 SYN retransmission): a client connection that is nothing but
 * SYNs, none answered, and absent from the server capture. The server capture point never saw them, so they
 * were dropped before it (a filter or route), or that capture did not look where and when they arrive.
 *
 * OUTSIDE THE OTHER CAPTURE: that holds only for SYNs the server capture was running for. Their times go onto the
 * server's clock (with the pair's clock offset when one is known, else as printed); a SYN before the server capture's
 * first packet, or within a round trip of its last or after it, may have arrived unseen. When no SYN falls inside,
 * nothing is said of a drop: the captures do not cover the same time. When some do, those are the ones that never
 * arrived. Clocks that give no instant (-t, -ttt, -ttttt) or different scales leave the first diagnosis alone.
 */
export function diagnoseUnpaired(side: Side, c: ConnectionSegments, other?: OtherCapture): UnpairedDiagnosis | null {
  if (side !== 'client' || c.byDir.s2c.length > 0 || c.byDir.c2s.length === 0) return null;
  const syns = c.byDir.c2s;
  const syn = syns.every((s) => {
    const b = flagBits(s);
    return b >= 0 && (b & SYN) !== 0 && (b & ACK) === 0;
  });
  if (!syn) return null;
  const port = c.verdict.server.port;
  const span = other?.span ?? null;
  if (other === undefined || span === null || clockLimits(other.clocks).length > 0 || syns.some((s) => s.t === null)) {
    return { code: 'syn-never-arrived', syns: syns.length, lines: syns.map((s) => s.rec.line), port };
  }
  const shift = other.offset ?? 0;
  const margin = other.rtt ?? 0;
  const inside = syns.filter((s) => {
    const t = (s.t as number) + shift;
    return t >= span.first && t + margin <= span.last;
  });
  if (inside.length > 0) return { code: 'syn-never-arrived', syns: inside.length, lines: inside.map((s) => s.rec.line), port };
  const times = syns.map((s) => s.t as number);
  return {
    code: 'outside-other-capture',
    syns: syns.length,
    lines: syns.map((s) => s.rec.line),
    port,
    sent: { first: Math.min(...times), last: Math.max(...times) },
    other: { first: span.first, last: span.last },
    clocks: other.clocks,
  };
}
