// Turns tcpdump's printed timestamps (default, -tt, -ttt, -tttt, -ttttt) into one monotone seconds scale per capture.

/** How a capture's timestamps were printed, which decides how its times relate to another capture's. */
export type ClockKind = 'epoch' | 'date' | 'time-of-day' | 'delta' | 'since-first' | 'none';

const TIME_OF_DAY = /^(\d+):(\d\d):(\d\d(?:\.\d+)?)$/;
const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d) (\d+):(\d\d):(\d\d(?:\.\d+)?)$/;
const EPOCH = /^(\d+(?:\.\d+)?)$/;

/**
 * Seconds of one printed timestamp, or null. `-tttt` dates are read as UTC: only differences matter, and any
 * zone difference between the two captures ends up in the clock offset like any other clock error.
 */
export function timestampSeconds(text: string | null): { kind: ClockKind; seconds: number } | null {
  if (text === null) return null;
  const s = text.trim();
  let m = DATE_TIME.exec(s);
  if (m) {
    const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], 0);
    return { kind: 'date', seconds: ms / 1000 + Number(m[6]) };
  }
  m = TIME_OF_DAY.exec(s);
  if (m) return { kind: 'time-of-day', seconds: +m[1] * 3600 + +m[2] * 60 + Number(m[3]) };
  m = EPOCH.exec(s);
  if (m) return { kind: 'epoch', seconds: Number(m[1]) };
  return null;
}

/**
 * A stateful reader for one capture: `-ttt` deltas are summed, `-ttttt` and epoch/date times are taken as they
 * are, and a time of day that jumps back by more than 12 hours crossed midnight (the default format has no date).
 */
export interface CaptureClock {
  readonly kind: ClockKind;
  /** Seconds on this capture's monotone scale, or null when the record has no usable timestamp. */
  read(text: string | null): number | null;
}

export function createCaptureClock(format: 'absolute' | 'delta' | 'since-first' = 'absolute'): CaptureClock {
  let kind: ClockKind = 'none';
  let dayBase = 0;
  let last: number | null = null;
  let sum = 0;
  return {
    get kind() {
      return kind;
    },
    read(text) {
      const ts = timestampSeconds(text);
      if (ts === null) return null;
      if (format === 'delta' && ts.kind === 'time-of-day') {
        kind = 'delta';
        sum += ts.seconds;
        return sum;
      }
      if (format === 'since-first' && ts.kind === 'time-of-day') {
        kind = 'since-first';
        return ts.seconds;
      }
      if (kind === 'none' || kind === 'delta' || kind === 'since-first') kind = ts.kind;
      let t = ts.seconds;
      if (ts.kind === 'time-of-day') {
        t += dayBase;
        if (last !== null && t < last - 43_200) {
          dayBase += 86_400;
          t += 86_400;
        }
      }
      last = t;
      return t;
    },
  };
}
