// QuoteMemory's own table (quotes.ts QUOTED AGAIN): a repeat is found after its key's neighbours were forgotten and
// after the ring wrapped, and a forgotten line is no longer found.

import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import type { TcpRecord } from '../../src/model/line-result';
import { QuoteMemory } from '../../src/track/quotes';

/** Synthetic packet lines, one per microsecond: distinct times, so each is a new line until repeated. */
function lines(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `12:00:00.${String(100000 + i).padStart(6, '0')} IP 192.0.2.2.40000 > 198.51.100.2.80: Flags [.], ack ${i + 1}, win 502, length 0`);
}

function tcp(text: string): TcpRecord[] {
  return parseRecords(recordsFromText(text)).filter((r): r is TcpRecord => r.kind === 'tcp');
}

describe('QuoteMemory', () => {
  it('finds a repeated line while it is remembered, not once the ring has forgotten it', () => {
    const all = lines(20);
    // Capacity 8: the table has 16 entries, so keys collide into shared probe runs and removals must keep them whole.
    const q = new QuoteMemory(8);
    const recs = tcp([...all, all[14], all[2]].join('\n'));
    const quoted = recs.map((r) => q.check(r));
    expect(quoted.slice(0, 20)).toEqual(Array(20).fill(null));
    // Line 15 is among the last 8 remembered (13-20); line 3 was forgotten when line 11 came.
    expect(quoted.slice(20)).toEqual([15, null]);
  });

  it('keeps finding lines across many wraps of the ring (every removal leaves the probe runs intact)', () => {
    const all = lines(3000);
    const text: string[] = [];
    for (let i = 0; i < all.length; i++) {
      text.push(all[i]);
      // Every 50 lines, a quote of the line 40 back (still remembered) and of the one 99 back (forgotten: capacity 64).
      if (i % 50 === 49 && i >= 99) text.push(all[i - 40], all[i - 99]);
    }
    const q = new QuoteMemory(64);
    const got = tcp(text.join('\n')).map((r) => q.check(r));
    // The model: the last 64 lines remembered (a line found as a quote is not remembered again), the newest match wins.
    const ring: Array<{ text: string; line: number }> = [];
    const want = text.map((t, k) => {
      for (let j = ring.length - 1; j >= 0; j--) if (ring[j].text === t) return ring[j].line;
      ring.push({ text: t, line: k + 1 });
      if (ring.length > 64) ring.shift();
      return null;
    });
    expect(got).toEqual(want);
    expect(got.filter((x) => x !== null).length).toBe(59);
  });
});
