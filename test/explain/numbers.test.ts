// Number formatting shared by the catalogs: the integer fast path of trimNumber must print exactly what toFixed does.

import { describe, expect, it } from 'vitest';
import { hex, scaleFactor, splitSeconds, trimNumber, trimNumberExact } from '../../src/explain/numbers';

/** A fixed pseudo-random sequence (LCG), so a failure names the same value on every run. */
function* lcg(seed: number, count: number): Generator<number> {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    yield x / 4294967296;
  }
}

describe('trimNumber', () => {
  it('prints the documented examples', () => {
    expect(trimNumber(40.7, 1)).toBe('40.7');
    expect(trimNumber(1, 3)).toBe('1');
    expect(trimNumber(0.012, 3)).toBe('0.012');
    expect(trimNumber(0, 3)).toBe('0');
    expect(trimNumber(10, 3)).toBe('10');
    expect(trimNumber(100, 0)).toBe('100');
    expect(trimNumber(0.0001, 3)).toBe('0');
    expect(trimNumber(2.5, 0)).toBe('3');
    expect(trimNumber(1.0005, 3)).toBe('1'); // 1.0005 is 1.000499999… as a double: toFixed rounds down
    expect(trimNumber(1.005, 2)).toBe('1'); // 1.00499999…
    expect(trimNumber(0.0405, 3)).toBe('0.041'); // 0.04050000000000000266…
    expect(trimNumber(-0.0001, 3)).toBe('0'); // never `-0`: a tiny negative difference rounds to 0
    expect(splitSeconds(-0.0000001)).toEqual({ value: '0', unit: 'ms' });
    expect(trimNumber(-1.25, 1)).toBe('-1.3');
    expect(trimNumber(Number.NaN, 3)).toBe('NaN');
    expect(trimNumber(1e21, 3)).toBe('1e+21');
    expect(trimNumber(3000000000.25, 1)).toBe('3000000000.3');
  });

  it('equals toFixed with trailing zeros removed, for durations as the tracker rounds them and for arbitrary doubles', () => {
    const mismatches: string[] = [];
    const check = (n: number, digits: number): void => {
      const got = trimNumber(n, digits);
      const want = trimNumberExact(n, digits);
      if (got !== want) mismatches.push(`${n} (${digits}): ${got} != ${want}`);
    };
    // Microsecond-rounded durations (what tcpdump timestamps give), as seconds and as milliseconds.
    for (let us = 0; us < 200000; us += 7) {
      const s = us / 1e6;
      for (const d of [0, 1, 3]) {
        check(s, d);
        check(s * 1000, d);
      }
    }
    // Halves and near-halves at every digit count, where rounding is decided by the exact binary value.
    for (let i = 0; i < 20000; i++) {
      for (const d of [1, 2, 3]) {
        const half = (i + 0.5) / 10 ** d;
        check(half, d);
        check(half + Number.EPSILON * half, d);
        check(half - Number.EPSILON * half, d);
      }
    }
    for (const r of lcg(42, 200000)) {
      check(r * 100, 3);
      check(r * 1e6, 1);
      check(r * 3e9, 3);
      check(r, 6);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});

describe('splitSeconds', () => {
  it('picks ms below one second with 3 decimals under 10 ms, else 1; s above with 3', () => {
    expect(splitSeconds(0.000008)).toEqual({ value: '0.008', unit: 'ms' });
    expect(splitSeconds(0.0407)).toEqual({ value: '40.7', unit: 'ms' });
    expect(splitSeconds(0.00123456)).toEqual({ value: '1.235', unit: 'ms' });
    expect(splitSeconds(2.0004)).toEqual({ value: '2', unit: 's' });
    expect(splitSeconds(63.25)).toEqual({ value: '63.25', unit: 's' });
  });
});

describe('scaleFactor and hex', () => {
  it('gives 2^shift for every shift, from the table and beyond it', () => {
    for (let shift = 0; shift <= 14; shift++) expect(scaleFactor(shift)).toBe(2 ** shift);
    expect(scaleFactor(63)).toBe(9223372036854775808);
    expect(scaleFactor(64)).toBe(18446744073709551616);
    expect(scaleFactor(255)).toBe(2 ** 255);
  });
  it('prints checksums as four hex digits at least', () => {
    expect(hex(0x1a2b)).toBe('0x1a2b');
    expect(hex(0xf)).toBe('0x000f');
    expect(hex(0x12345)).toBe('0x12345');
  });
});
