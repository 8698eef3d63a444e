// Issue 16 item 8: in a live pipe, -X hex dump lines that arrive after their packet was handed on (the reader's idle
// flush) belong to that packet by their form: never prose between packets, so the connection is not judged as a
// pasted excerpt. The capture is the real samples/handshake-close/X.txt; only the timing of its delivery is made here.

import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { readRecords, recordsFromText } from '../../src/input';
import type { LineRecord } from '../../src/model';
import { createAnnotator, formatText, type ReportItem } from '../../src/report';

const X = readFileSync(fileURLToPath(new URL('../../samples/handshake-close/X.txt', import.meta.url)), 'utf8');

/** The capture as a live pipe would deliver it late: each packet's header, then (after a pause) its dump lines. */
function lateStream(text: string, pauseMs: number): Readable {
  const lines = text.split('\n');
  const chunks: string[] = [];
  for (const l of lines.slice(0, -1)) {
    if (l.startsWith('\t') && chunks.length > 0 && !chunks[chunks.length - 1].startsWith('\t')) chunks.push(`${l}\n`);
    else if (l.startsWith('\t')) chunks[chunks.length - 1] += `${l}\n`;
    else chunks.push(`${l}\n`);
  }
  async function* gen(): AsyncGenerator<string> {
    for (const c of chunks) {
      // The header alone, then its dump after a silence longer than the reader's idle time.
      if (c.startsWith('\t')) await new Promise((r) => setTimeout(r, pauseMs));
      yield c;
    }
  }
  return Readable.from(gen());
}

async function liveRecords(idleMs: number, pauseMs: number): Promise<LineRecord[]> {
  const out: LineRecord[] = [];
  for await (const batch of readRecords(lateStream(X, pauseMs), { idleMs })) out.push(...parseRecords(batch));
  return out;
}

function items(recs: LineRecord[], lang: 'en' | 'zh-CN'): ReportItem[] {
  const a = createAnnotator({ lang });
  const out: ReportItem[] = [];
  for (const r of recs) out.push(...a.push(r));
  out.push(...a.finish());
  return out;
}

describe('late -X dump lines in a live pipe (attached by form, not by timing)', () => {
  it('each packet is handed on alone, its dump follows as one record marked with the packet line, never prose', async () => {
    const recs = await liveRecords(10, 60);
    const whole = parseRecords(recordsFromText(X));
    const packets = whole.filter((r) => r.kind === 'tcp');
    expect(packets).toHaveLength(11);
    // Every packet record of the live read is the header alone; its dump lines are the next record, dumpOf = its line.
    const tcp = recs.filter((r) => r.kind === 'tcp');
    expect(tcp.map((r) => [r.line, r.endLine])).toEqual(packets.map((p) => [p.line, p.line]));
    const late = recs.filter((r) => r.kind === 'text');
    expect(late.map((r) => (r.kind === 'text' ? [r.dumpOf, r.line, r.endLine] : null))).toEqual(packets.map((p) => [p.line, p.line + 1, p.endLine]));
    // Every input line is in exactly one record.
    expect(recs.map((r) => r.raw).join('\n')).toBe(X.replace(/\n$/, ''));
  });

  it('the verdict is the one of the file read at once: closed normally, not an excerpt of a post', async () => {
    const live = items(await liveRecords(10, 60), 'en').filter((i) => i.kind === 'connection');
    const file = items(parseRecords(recordsFromText(X)), 'en').filter((i) => i.kind === 'connection');
    expect(live).toHaveLength(1);
    const v = (i: ReportItem) => (i.kind === 'connection' ? { code: i.verdict.verdict, excerpts: i.verdict.excerpts ?? false, packets: i.verdict.packets, limits: i.verdict.limits } : null);
    expect(v(live[0])).toEqual(v(file[0]));
    expect(v(live[0])?.code).toBe('normal-close');
  });

  it('the text output gives the input back under the README filter, with one note per late dump, en and zh-CN', async () => {
    const recs = await liveRecords(10, 60);
    for (const [lang, note] of [
      ['en', '  │ The hex dump (-x/-X) of the packet on line 1, which reached tcplain after that packet was shown: part of it, not text between packets.'],
      ['zh-CN', '  │ 第 1 行报文的十六进制转储（-x/-X），在该报文显示之后才到达 tcplain：它属于该报文，不是报文之间的文字。'],
    ] as const) {
      const out = items(recs, lang).map((i) => formatText(i, { lang, color: false })).join('');
      expect(out.split('\n').filter((l) => !l.startsWith('  │') && !l.startsWith('──▶')).join('\n')).toBe(X);
      expect(out.split('\n').filter((l) => l === note)).toHaveLength(1);
      expect(out.split('\n').filter((l) => l.includes('-x/-X'))).toHaveLength(11);
    }
  });

  it('a column-0 line after a handed-on packet is still its own record (only the hex form attaches late)', async () => {
    const stream = Readable.from(
      (async function* () {
        yield `${X.split('\n')[0]}\n`;
        await new Promise((r) => setTimeout(r, 60));
        yield 'some prose\n\t0x0000:  4500 003c 0b1b 4000 4006 4369 c000 0202  E..<..@.@.Ci....\n';
      })(),
    );
    const recs: LineRecord[] = [];
    for await (const b of readRecords(stream, { idleMs: 10 })) recs.push(...parseRecords(b));
    expect(recs.map((r) => [r.kind, r.line, r.endLine, r.kind === 'text' ? (r.dumpOf ?? null) : null])).toEqual([
      ['tcp', 1, 1, null],
      ['text', 2, 2, null],
      ['text', 3, 3, null],
    ]);
  });
});
