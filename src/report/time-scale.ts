// The vertical time axis of `diagram --slant`: rows spaced by capture time at a round scale, long quiet gaps shortened.

import { splitSeconds } from '../explain/numbers';

/** Pixels one scale unit takes. */
export const SLANT_UNIT_PX = 40;
/** Gaps longer than this many units are drawn shortened, with their duration written in (a break, `⋯`). */
export const SLANT_MAX_UNITS = 5;

export interface TimeScale {
  /** Seconds one unit stands for: a round 1, 2 or 5 × 10^k (timeScale). */
  unit: number;
  pxPerSecond: number;
  /** The longest gap drawn to scale, in px. */
  maxGap: number;
}

/** At most this share of the gaps between rows is shortened. */
const SHORTENED_SHARE = 0.1;

/**
 * The scale of a drawing whose rows are at `times` (seconds, null for a row without one): the smallest round unit
 * (1, 2 or 5 × 10^k s, from 1 µs) at which at most a tenth of the gaps between consecutive timed rows are longer than
 * SLANT_MAX_UNITS (those are shortened) and the gaps drawn to scale add up to at most one unit a row on average (so a
 * 60-row drawing stays a few thousand px). Both only ease as the unit grows, so the smallest unit meeting them gives
 * the most detail. A burst's sub-millisecond gaps then sit at the rows' minimum spacing, and the pauses that matter
 * (a delayed ACK, an RTO, an idle minute) are drawn to scale or, the longest few, shortened with their time written
 * in. Null when no gap is positive.
 */
export function timeScale(times: readonly (number | null)[]): TimeScale | null {
  const gaps: number[] = [];
  let prev: number | null = null;
  for (const t of times) {
    if (t === null) continue;
    if (prev !== null && t > prev) gaps.push(t - prev);
    prev = t;
  }
  if (gaps.length === 0) return null;
  const allowed = Math.floor(gaps.length * SHORTENED_SHARE);
  const maxGap = SLANT_MAX_UNITS * SLANT_UNIT_PX;
  for (let exp = -6; exp <= 6; exp++) {
    for (const m of [1, 2, 5]) {
      const unit = Number(`${m}e${exp}`);
      const pxPerSecond = SLANT_UNIT_PX / unit;
      let shortened = 0;
      let drawn = 0;
      for (const g of gaps) {
        const px = g * pxPerSecond;
        if (px > maxGap) shortened++;
        else drawn += px;
      }
      if (shortened <= allowed && drawn <= SLANT_UNIT_PX * times.length) return { unit, pxPerSecond, maxGap };
    }
  }
  const unit = 5e6;
  return { unit, pxPerSecond: SLANT_UNIT_PX / unit, maxGap };
}

/** A duration for a diagram: `20 ms`, `0.2 ms`, `2.002 s`. */
export function durationText(seconds: number): string {
  const d = splitSeconds(seconds);
  return `${d.value} ${d.unit}`;
}
