// How each capture's times are read for comparison: the tracker's clock (every -t format), on an absolute scale.

import { createCaptureClock as createTrackClock, type TimestampFormat } from '../track';
import type { LineRecord } from '../model';

/** How a capture printed its time; `none` until a timestamp is seen (or with -t). */
export type ClockKind = TimestampFormat | 'none';

/**
 * One capture's clock for the correlator. The tracker's clock keeps epoch and date readings relative to an
 * origin (for µs/ns precision inside one capture); two captures have different origins, so every reading is
 * put on one scale here (seconds since CLOCK_BASE): offsets between captures are plain differences, across
 * dates too.
 */
export interface CaptureClock {
  readonly kind: ClockKind;
  /** Seconds for a packet record, or null without a usable timestamp; a meta record only informs the clock. */
  read(rec: LineRecord): number | null;
  /**
   * For a relative clock (`-ttt`/`-ttttt`), the last reading as both interpretations: the printed value (time since
   * the first packet) and the running sum (deltas). The tracker reads a sign-column clock as `-ttttt` until a value
   * goes backwards; the correlator re-reads earlier segments once the format is settled (see capture-view).
   */
  readonly relative: { printed: number; sum: number } | null;
}

/**
 * Epoch and date times are kept as seconds since this instant (2020-09-13 00:00 UTC), not since 1970: a double
 * then still resolves ~30 ns in the 2020s instead of ~0.24 µs, which matters for µs-level path delays on a LAN.
 * A whole number of days, so a time modulo 86400 is still the UTC time of day. Add it back to print or export
 * an epoch time (`epochSeconds`).
 */
export const CLOCK_BASE = 18_518 * 86_400;

/** Seconds since 1970 of a correlator time of an epoch/date clock; other clocks' times are returned as they are. */
export const epochSeconds = (t: number, kind: ClockKind): number => (kind === 'epoch' || kind === 'date' ? t + CLOCK_BASE : t);

export function createCaptureClock(): CaptureClock {
  const clock = createTrackClock();
  let sawPacket = false;
  let sum = 0;
  let relative: { printed: number; sum: number } | null = null;
  return {
    get kind() {
      return clock.format ?? 'none';
    },
    get relative() {
      return relative;
    },
    read(rec) {
      relative = null;
      if (rec.kind === 'meta') {
        // A pasted `tcpdump -ttt ...` line names the format; a banner after packets starts another capture.
        if (rec.meta === 'command') clock.command(rec.options);
        else if ((rec.meta === 'listening' || rec.meta === 'reading') && sawPacket) clock.restart();
        if (rec.meta === 'command' || ((rec.meta === 'listening' || rec.meta === 'reading') && sawPacket)) sum = 0;
        return null;
      }
      if (rec.kind !== 'tcp' && rec.kind !== 'other') return null;
      sawPacket = true;
      const t = clock.observe(rec);
      if (t === null) return null;
      if (clock.format === 'since-first' || clock.format === 'delta') {
        // The tracker's clock sums every relative value all along: in delta mode it returns that sum.
        const printed = clock.format === 'since-first' ? t : t - sum;
        sum += printed;
        relative = { printed, sum };
      }
      // origin and CLOCK_BASE are whole seconds, so their difference is exact; only then is the fraction added.
      return clock.origin > 0 ? clock.origin - CLOCK_BASE + t : t;
    },
  };
}
