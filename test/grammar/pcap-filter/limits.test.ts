// Issue 16 item 8: filters past tcplain's own limits are refused with a clear issue before any recursion, and a
// long word is measured in linear time. Work is asserted by outcome, never by a timer.

import { describe, expect, it } from 'vitest';
import { FILTER_LIMITS, formatFilter, parseFilter } from '../../../grammar/pcap-filter/index';
import { scanWord } from '../../../grammar/pcap-filter/scan-word';
import { explainCommand, formatCommandText } from '../../../src/explain/command';
import { runCliCaptured } from '../../helpers/cli';

const andChain = (n: number): string => Array.from({ length: n }, (_, i) => `port ${i + 1}`).join(' and ');
const sum = (n: number): string => `len > ${Array.from({ length: n }, (_, i) => String(i + 1)).join(' + ')}`;

describe('filter limits', () => {
  it('the largest chain and nesting tcplain reads parse, print and explain without overflowing the stack', () => {
    const chain = andChain(FILTER_LIMITS.operators + 1);
    const r = parseFilter(chain);
    expect(r.errors).toEqual([]);
    expect(formatFilter(r.ast!)).toBe(chain);
    expect(explainCommand(`tcpdump '${sum(FILTER_LIMITS.operators)}'`, 'en').filter!.errors).toEqual([]);
    const deep = `${'('.repeat(FILTER_LIMITS.depth)}tcp${')'.repeat(FILTER_LIMITS.depth)}`;
    expect(parseFilter(deep).errors).toEqual([]);
    expect(parseFilter(`${'not '.repeat(FILTER_LIMITS.depth)}tcp`).errors).toEqual([]);
  });

  it('one past them is a too-complex issue at the token that crossed, in both languages', () => {
    const chain = andChain(FILTER_LIMITS.operators + 2);
    const r = parseFilter(chain);
    expect(r.ast).toBeNull();
    const at = chain.indexOf(' and port 1002') + 1;
    expect(r.errors).toEqual([{ code: 'too-complex', severity: 'error', start: at, end: at + 3, token: 'and', message: 'the filter has more than 1000 operators', detail: 'operators:1000' }]);
    const deep = parseFilter(`${'('.repeat(101)}tcp${')'.repeat(101)}`).errors[0];
    expect([deep.code, deep.start, deep.message]).toEqual(['too-complex', 100, 'the filter nests more than 100 levels deep']);
    expect(explainCommand(`tcpdump '${'not '.repeat(101)}tcp'`, 'en').filter!.errors[0].text).toBe(
      'tcplain reads filters nested at most 100 levels deep (parentheses, brackets, not); this one goes deeper here, so it is not explained. tcpdump itself may accept it.',
    );
    expect(explainCommand(`tcpdump '${sum(6000)}'`, 'zh-CN').filter!.errors[0].text).toBe(
      'tcplain 只读运算符不超过 1000 个的过滤表达式（and、or、算术运算）；这个表达式更多，因此不作解释。tcpdump 本身可能接受它。',
    );
  });

  it('the reported inputs (6,000-term sum, 10,000-term and chain, 5,000 parentheses) exit 2 with one line on stderr, no stack trace', async () => {
    for (const f of [sum(6000), andChain(10000), `${'('.repeat(5000)}tcp${')'.repeat(5000)}`, `${'not '.repeat(10000)}tcp`]) {
      const r = await runCliCaptured(['cmd', '-'], `tcpdump -n '${f}'\n`);
      expect(r.code).toBe(2);
      expect(r.err).toBe("tcplain: the filter expression is past what tcplain reads (shown above); it was not checked\n");
      expect(r.out).not.toMatch(/\n\s+at /);
    }
  });

  it('an 80,000-character host word is explained, its caret as wide as the word', () => {
    const word = 'a'.repeat(80_000);
    const text = formatCommandText(explainCommand(`tcpdump 'host ${word} and port 99999'`, 'en'));
    const lines = text.split('\n');
    const caret = lines.findIndex((l) => l.trimStart().startsWith('^'));
    // Only the lengths are compared, to keep a failure readable.
    expect(lines[caret].length).toBe(2 + 'host '.length + word.length + ' and port '.length + 5);
    expect(lines[caret].endsWith(' ^~~~~')).toBe(true);
    expect(lines[caret + 1]).toBe('  ✗ 99999: ports go up to 65535');
  });
});

describe('IPv6-like words scan in linear time (fuzz seeds 7594 and 66147)', () => {
  // The longest valid IPv6 text never passes a ninth colon or a five-digit hex group: a 20,000-character word gives
  // the same match as its first 60 characters (it took 4.5 s on 3,000 characters when every prefix was tried).
  it.each([
    ['2001:db8::db8::', 'db8::'],
    ['aa:bb:cc:dd', 'aa:bb:cc:dd'],
    ['1:2:3:4:5:6:7:8', '9'],
  ])('%s + %s repeated', (head, piece) => {
    const short = head + piece.repeat(Math.ceil(60 / piece.length));
    const long = head + piece.repeat(Math.ceil(20_000 / piece.length));
    expect(scanWord(long, 0)).toEqual(scanWord(short, 0));
  });

  it('exact matches: an address stops before a second ::, a MAC-like run at its sixth group', () => {
    expect(scanWord('2001:db8::db8::db8', 0)).toEqual({ kind: 'hid6', length: 13 });
    expect(scanWord('::1.2.3.4444', 0)).toEqual({ kind: 'hid6', length: 12 });
    // A dotted tail's last number takes every digit, as flex's longest match does: found at the first try.
    expect(scanWord(`::1.2.3.${'4'.repeat(20_000)}`, 0)).toEqual({ kind: 'hid6', length: 20_008 });
    // One dot only: no dotted tail, the address ends before it.
    expect(scanWord(`::1.${'2'.repeat(20_000)}`, 0)).toEqual({ kind: 'hid6', length: 3 });
    expect(explainCommand(`tcpdump 'ip6 host 2001:db8::${'db8::'.repeat(4000)}1'`, 'en').filter!.errors[0].code).toBe('syntax');
  });
});
