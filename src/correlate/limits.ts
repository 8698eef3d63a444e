// What a pair of renderings cannot support: clocks that give no offset (-t, -ttt, -ttttt) and -q's missing fields.

import type { Side } from '../model';
import type { ClockKind } from './capture-clock';
import type { ConnectionSegments } from './connection-segments';
import type { PairLimit } from './pair-report';

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

/** QUIET (-q, print-tcp.c prints `tcp N` only): a connection with no flags, seq or ack on any segment. */
export const isQuiet = (c: ConnectionSegments): boolean => c.all.length > 0 && c.all.every((s) => s.rec.style === 'quiet');
