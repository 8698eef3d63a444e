// Language-neutral number formatting shared by the locale catalogs (durations, powers of two, byte ranges).

/** Seconds → `{value, unit}` with a unit fit for reading: ms below one second, s above. */
export function splitSeconds(s: number): { value: string; unit: 'ms' | 's' } {
  if (Math.abs(s) < 1) return { value: trimNumber(s * 1000, s * 1000 < 10 ? 3 : 1), unit: 'ms' };
  return { value: trimNumber(s, 3), unit: 's' };
}

/** A number with at most `digits` decimals and no trailing zeros (`40.7`, `1`, `0.012`). */
export function trimNumber(n: number, digits: number): string {
  const fixed = n.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** 2^shift as the multiplier a window-scale option means (RFC 7323 §2.2: shift count, at most 14). */
export const scaleFactor = (shift: number): number => 2 ** shift;

/** `0x1a2b` for checksum values. */
export const hex = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;
