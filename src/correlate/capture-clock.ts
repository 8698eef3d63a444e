// How each capture's times are read for comparison: the tracker's clock (every -t format), on an absolute scale.

import { createCaptureClock as createTrackClock, type TimestampFormat } from '../track';
import type { LineRecord } from '../model';

/** How a capture printed its time; `none` until a timestamp is seen (or with -t). */
export type ClockKind = TimestampFormat | 'none';

/**
 * One capture's clock for the correlator. The tracker's clock keeps epoch and date readings relative to an
 * origin (for µs/ns precision inside one capture); two captures have different origins, so the origin is
 * added back here: offsets between captures are then plain differences, across dates too.
 */
export interface CaptureClock {
  readonly kind: ClockKind;
  /** Seconds for a packet record, or null without a usable timestamp; a meta record only informs the clock. */
  read(rec: LineRecord): number | null;
}

export function createCaptureClock(): CaptureClock {
  const clock = createTrackClock();
  let sawPacket = false;
  return {
    get kind() {
      return clock.format ?? 'none';
    },
    read(rec) {
      if (rec.kind === 'meta') {
        // A pasted `tcpdump -ttt ...` line names the format; a banner after packets starts another capture.
        if (rec.meta === 'command') clock.command(rec.options);
        else if ((rec.meta === 'listening' || rec.meta === 'reading') && sawPacket) clock.restart();
        return null;
      }
      if (rec.kind !== 'tcp' && rec.kind !== 'other') return null;
      sawPacket = true;
      const t = clock.observe(rec);
      return t === null ? null : t + clock.origin;
    },
  };
}
