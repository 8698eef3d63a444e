// Language-neutral number formatting shared by the locale catalogs (durations, powers of two, byte ranges).

/** Seconds → `{value, unit}` with a unit fit for reading: ms below one second, s above. */
export function splitSeconds(s: number): { value: string; unit: 'ms' | 's' } {
  if (Math.abs(s) < 1) return { value: trimNumber(s * 1000, s * 1000 < 10 ? 3 : 1), unit: 'ms' };
  return { value: trimNumber(s, 3), unit: 's' };
}

/** A number with at most `digits` decimals and no trailing zeros (`40.7`, `1`, `0.012`). */
export function trimNumber(n: number, digits: number): string {
  return trimNumberFast(n, digits) ?? trimNumberExact(n, digits);
}

/** The definition of trimNumber: `toFixed` (exact decimal rounding of the double), trailing zeros removed; never `-0`. */
export function trimNumberExact(n: number, digits: number): string {
  const fixed = n.toFixed(digits);
  if (/^-0(\.0*)?$/.test(fixed)) return '0';
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/**
 * trimNumber in integer arithmetic, or null when it cannot be sure to match toFixed (then the caller uses it).
 * Why: toFixed plus a regex cost about 0.5 µs, paid for every duration in findings and verdicts. Safe because below
 * 2^31 the product n·10^d is within 2.4e-7 of the exact one, so unless it lies within 1e-6 of a half its rounding is
 * the one toFixed makes on the exact value. Negative numbers (toFixed keeps `-0`) and NaN go the exact way.
 */
function trimNumberFast(n: number, digits: number): string | null {
  if (!(n >= 0) || digits > 6) return null;
  const scale = POW10[digits];
  const scaled = n * scale;
  if (scaled >= 2147483648) return null;
  const whole = Math.floor(scaled);
  const frac = scaled - whole;
  if (frac > 0.499999 && frac < 0.500001) return null;
  let k = frac < 0.5 ? whole : whole + 1;
  const int = Math.floor(k / scale);
  k -= int * scale;
  if (k === 0) return String(int);
  let d = digits;
  while (k % 10 === 0) {
    k /= 10;
    d--;
  }
  const decimals = String(k);
  return `${int}.${decimals.length < d ? '0'.repeat(d - decimals.length) + decimals : decimals}`;
}

/** 2^0 … 2^63, exact in a double. */
const POW2: readonly number[] = Array.from({ length: 64 }, (_, i) => 2 ** i);

/**
 * 2^shift as the multiplier a window-scale option means (RFC 7323 §2.2: shift count, at most 14). From a table for
 * whole shifts: V8 calls Math.pow for `2 ** shift` with a variable shift, a visible cost on every SYN's options.
 */
export const scaleFactor = (shift: number): number => (shift >>> 0 === shift && shift < 64 ? POW2[shift] : 2 ** shift);

/** `0x1a2b` for checksum values. */
export const hex = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;
