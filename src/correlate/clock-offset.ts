// Clock offset between two captures and path delay, NTP style from the minimum one-way delays both ways (RFC 5905 §8).

import type { ClockEstimate } from './pair-report';

/**
 * `c2s`: server receive time − client send time of segments both saw (server clock − client clock);
 * `s2c`: client receive time − server send time. Each is true delay ± the clock offset, so with
 * dC = min(c2s) and dS = min(s2c): offset = (dC − dS)/2 = ((t2−t1)+(t3−t4))/2 and rtt = dC + dS.
 * The minimum is taken because queueing only ever adds delay; the two one-way delays cannot be told
 * apart without a common clock, so each is reported as half the round trip.
 */
/** Two printed µs roundings, the coarsest resolution tcpdump prints. */
const RESOLUTION = 2e-6;

export function estimateClock(c2s: readonly number[], s2c: readonly number[], source: ClockEstimate['source']): ClockEstimate | null {
  if (c2s.length === 0 || s2c.length === 0) return null;
  let dC = Infinity;
  let dS = Infinity;
  for (const d of c2s) if (d < dC) dC = d;
  for (const d of s2c) if (d < dS) dS = d;
  const offset = (dC - dS) / 2;
  // A negative round trip cannot be: the pairs behind it are wrong, or the two time scales are not comparable.
  // Down to −2 µs it is rounding (one side printed µs, the other ns): the path is then simply too short to see.
  if (dC + dS < -RESOLUTION) return null;
  const rtt = Math.max(0, dC + dS);
  const oneWay = Math.max(0, rtt / 2);
  return { offset, rtt, delay: { c2s: oneWay, s2c: oneWay }, source };
}
