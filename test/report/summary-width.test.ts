// The summary table's column width of a cell: its fast path (printable ASCII and `→`) must agree with string-width,
// which every other cell still asks.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { width } from '../../src/report/format-summary';

describe('summary cell width', () => {
  it('counts printable ASCII and → one column each, as string-width does', () => {
    for (const s of ['', 'c1', '192.0.2.2:33658 → 198.51.100.2:81', '[2001:db8::1].443 → [2001:db8::2].80', ' ~!@#$%^&*()_+{}|:"<>?`-=[]\\;\',./ ', '→→', 'a→b']) {
      expect(width(s)).toBe(s.length);
      expect(width(s)).toBe(stringWidth(s));
    }
  });

  it('asks string-width for anything else: wide, combining, control, emoji', () => {
    const cases: Array<[string, number]> = [
      ['服务端', 6],
      ['错误', 4],
      ['e\u0301', 1],
      ['a\x1bb', 2],
      ['1\ufe0f\u20e3', 2],
      ['host\u2026', 5],
      ['a \u2190 b', 5],
    ];
    for (const [s, n] of cases) {
      expect(width(s)).toBe(n);
      expect(width(s)).toBe(stringWidth(s));
    }
  });
});
