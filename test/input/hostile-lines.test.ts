// Issue 16, hostile input: lexing stays linear on any line, overlong lines (over 512 KiB) are kept whole (exact
// line numbers), marked too long and never lexed. Every input is generated here.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { explainRecordNotes } from '../../src/explain/explain-record';
import { readRecords, recordsFromText } from '../../src/input';
import { createLineSplitter } from '../../src/input/line-source';
import { MAX_PARSED_LINE_CHARS, type LineRecord, type RawRecord } from '../../src/model';

const HEAD = '12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: ';
const SEG = `${HEAD}Flags [S], seq 1, win 1`;
const ACK = `${HEAD}Flags [.], ack 1, win 502, length 0`;

/** Line shapes that made a pattern rescan the rest of its run at every token start (quadratic before issue 16). */
const SHAPES: Record<string, (n: number) => string> = {
  commas: (n) => '12:00:00.000000 ' + 'a,'.repeat(n / 2),
  'options nop list': (n) => `${SEG}, options [` + 'nop,'.repeat(n / 4),
  'option item with open brackets': (n) => `${SEG}, options [` + 'a[b'.repeat(n / 3),
  'truncation marks': (n) => `${SEG} ` + '[| '.repeat(n / 3),
  'prompt brackets': (n) => '[ '.repeat(n / 2),
  'interface words': (n) => 'a,'.repeat(n / 2) + ' In',
  'body commas': (n) => HEAD + 'a,'.repeat(n / 2),
  'address pairs': (n) => HEAD + 'a > b,'.repeat(n / 6),
  'oui and AF': (n) => '(oui AF a,'.repeat(n / 10),
  'glued segments': (n) => ACK.repeat(Math.floor(n / ACK.length)),
};

function parseText(text: string): LineRecord[] {
  return parseRecords(recordsFromText(text));
}

/** Best of three wall-clock runs in ms (the machine running the tests may be busy). */
function best(f: () => void): number {
  let min = Infinity;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    f();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

describe('hostile lines: linear time', () => {
  parseText(`${ACK}\n`); // build the lexer and parser before any timing

  for (const [name, make] of Object.entries(SHAPES)) {
    it(`${name}: a 1 MB line is kept, marked too long and handled in well under 3 s; 100 KB → 1 MB grows linearly`, () => {
      const big = make(1_000_000);
      let recs: LineRecord[] = [];
      const tBig = best(() => {
        recs = parseText(`${ACK}\n${big}\n${ACK}\n`);
      });
      expect(tBig).toBeLessThan(3000);
      expect(recs.map((r) => [r.kind, r.line])).toEqual([
        ['tcp', 1],
        ['unparsed', 2],
        ['tcp', 3],
      ]);
      expect(recs[1].raw).toBe(big);
      expect(recs[1].kind === 'unparsed' && recs[1].tooLong).toBe(big.length);
      const tSmall = best(() => parseText(`${ACK}\n${make(100_000)}\n${ACK}\n`));
      expect(tBig / Math.max(tSmall, 1)).toBeLessThan(30);
    });

    it(`${name}: a line under the limit is lexed in linear time (one 200 KB line vs ten 20 KB lines)`, () => {
      const one = make(200_000);
      expect(one.length).toBeLessThanOrEqual(MAX_PARSED_LINE_CHARS);
      const ten = Array.from({ length: 10 }, () => make(20_000)).join('\n');
      const tOne = best(() => parseText(one + '\n'));
      const tTen = best(() => parseText(ten + '\n'));
      expect(tOne).toBeLessThan(3000);
      // Quadratic scanning makes the long line ~10x slower than the same characters in ten lines; linear, ~1x.
      expect(tOne).toBeLessThan(4 * tTen + 40);
    });
  }
});

describe('hostile lines: overlong lines keep exact line numbers', () => {
  const glued = ACK.repeat(Math.ceil(2_200_000 / ACK.length));
  const text = `${ACK}\n${glued}\n${ACK}\nprose after\n`;

  it('a 2.2 MB glued line is one record, neither cut nor split; later line numbers are exact', () => {
    const raws = recordsFromText(text);
    expect(raws.map((r) => [r.line, r.endLine, r.raw.length])).toEqual([
      [1, 1, ACK.length],
      [2, 2, glued.length],
      [3, 3, ACK.length],
      [4, 4, 11],
    ]);
    expect(raws[1].raw).toBe(glued);
    const recs = parseRecords(raws);
    expect(recs[1]).toMatchObject({ kind: 'unparsed', line: 2, tooLong: glued.length });
    expect(recs[2]).toMatchObject({ kind: 'tcp', line: 3 });
  });

  it('the same from a stream in 64 KiB chunks', async () => {
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 65536) chunks.push(text.slice(i, i + 65536));
    const all: RawRecord[] = [];
    for await (const batch of readRecords(Readable.from(chunks))) all.push(...batch);
    expect(all.map((r) => [r.line, r.raw.length])).toEqual([
      [1, ACK.length],
      [2, glued.length],
      [3, ACK.length],
      [4, 11],
    ]);
  });

  it('past the memory cap the rest of a line is dropped, and it still counts as one line', () => {
    const split = createLineSplitter(10);
    const lines: string[] = [];
    const on = (l: string): void => void lines.push(l);
    split.write('short\n0123456789abc', on);
    split.write('defgh', on);
    split.write('ij\nnext', on);
    split.write('\n' + 'x'.repeat(25) + '\nend', on);
    split.end(on);
    expect(lines).toEqual(['short', '0123456789', 'next', 'xxxxxxxxxx', 'end']);
  });

  it('says why in English and Chinese', () => {
    const rec = parseRecords(recordsFromText(`${glued}\n`))[0];
    const n = glued.length;
    expect(rec.kind === 'unparsed' && rec.reason).toBe(`line too long (${n} characters, over the 524288 tcplain parses): not parsed`);
    expect(explainRecordNotes(rec, 'en')).toEqual([
      {
        kind: 'warning',
        text: `Line too long (${n} characters, over the 524288 tcplain parses): far longer than any line tcpdump prints; shown as written, not parsed.`,
      },
    ]);
    expect(explainRecordNotes(rec, 'zh-CN')[0].text).toBe(
      `行过长（${n} 个字符，超过 tcplain 解析的上限 524288）：远超 tcpdump 打印的任何一行；按原样显示，未解析。`,
    );
  });
});
