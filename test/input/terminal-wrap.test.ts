// Terminal hard wraps (issue 13 item 4): pastes whose lines a terminal cut at 80/100/120 columns read exactly like
// the unwrapped capture; a break that can be rejoined two ways is marked, never read as a wrong number.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { detectWrapWidth, readRecords, recordsFromText } from '../../src/input';
import type { LineRecord } from '../../src/model/line-result';
import { explainRecordNotes } from '../../src/explain/explain-record';
import { sample, track } from '../track/helpers';

/** What a terminal shows: every line longer than `w` cut into rows of exactly `w` characters (`fold -w` without -s). */
function hardWrap(text: string, w: number): string {
  const rows: string[] = [];
  for (const line of text.split('\n')) {
    if (line.length <= w) rows.push(line);
    else for (let i = 0; i < line.length; i += w) rows.push(line.slice(i, i + w));
  }
  return rows.join('\n');
}

/** The parsed fields of every record, without where it sat in the input. */
function fields(records: LineRecord[]): unknown[] {
  return records.map((r) => {
    const { line: _l, endLine: _e, raw: _r, col: _c, ...rest } = r;
    return rest;
  });
}

const SAMPLES = ['server-abort/n.txt', 'handshake-close/v.txt', 'handshake-close/client.txt'];

describe('terminal hard wraps', () => {
  for (const file of SAMPLES) {
    for (const w of [80, 100, 120]) {
      it(`${file} cut at ${w} columns reads exactly like the unwrapped file`, () => {
        const text = sample(file);
        const wrapped = hardWrap(text, w);
        expect(wrapped.split('\n').length).toBeGreaterThan(text.split('\n').length);
        expect(detectWrapWidth(wrapped)).toBe(w);
        const want = parseRecords(recordsFromText(text));
        const got = parseRecords(recordsFromText(wrapped));
        expect(got.filter((r) => r.kind === 'unparsed')).toEqual([]);
        expect(fields(got)).toEqual(fields(want));
        expect(track(wrapped).verdicts.map((v) => v.verdict)).toEqual(track(text).verdicts.map((v) => v.verdict));
      });
    }
  }

  it('server-abort at 80 columns: ecr cut mid-number is rejoined, and the verdict stays "reset by the server"', () => {
    const wrapped = hardWrap(sample('server-abort/n.txt'), 80);
    const tcp = parseRecords(recordsFromText(wrapped)).filter((r) => r.kind === 'tcp');
    expect(tcp.length).toBe(6);
    expect(tcp.map((r) => (r.kind === 'tcp' ? [r.seq, r.ack, r.win, r.len] : null))).toEqual(
      parseRecords(recordsFromText(sample('server-abort/n.txt')))
        .filter((r) => r.kind === 'tcp')
        .map((r) => (r.kind === 'tcp' ? [r.seq, r.ack, r.win, r.len] : null)),
    );
    expect(track(wrapped).verdicts.map((v) => v.verdict)).toEqual(['reset-by-server']);
  });

  it('the stream reader learns the width from its first chunk', async () => {
    const text = sample('server-abort/n.txt');
    const wrapped = hardWrap(text, 100);
    const batches: Awaited<ReturnType<typeof recordsFromText>>[] = [];
    for await (const b of readRecords(Readable.from([Buffer.from(wrapped)]))) batches.push(b);
    expect(fields(parseRecords(batches.flat()))).toEqual(fields(parseRecords(recordsFromText(text))));
  });

  it('a cut that falls on a blank: kept by the next row, or trimmed from the row, still joins right', () => {
    const text = sample('server-abort/n.txt');
    const lines = text.split('\n').filter((l) => l !== '');
    // Find a width that puts a blank at column w of the first line (the last character of its first row).
    const first = lines[0];
    const w = [...first.slice(60, 130)].findIndex((c) => c === ' ') + 61;
    expect(first[w - 1]).toBe(' ');
    const want = fields(parseRecords(recordsFromText(text)));
    // fold: the row keeps its trailing blank.
    expect(fields(parseRecords(recordsFromText(hardWrap(text, w))))).toEqual(want);
    // A copy that trims trailing blanks: the row is w-1 long.
    const trimmed = hardWrap(text, w)
      .split('\n')
      .map((r) => r.trimEnd())
      .join('\n');
    const got = parseRecords(recordsFromText(trimmed));
    got.forEach((r, i) => {
      if (r.kind === 'unparsed') expect(r.wrapCut).toBeDefined();
      else expect(fields([r])).toEqual([want[i]]);
    });
    // The cut lands before a blank: the next row starts with it.
    const w2 = w - 1;
    expect(first[w2]).toBe(' ');
    expect(fields(parseRecords(recordsFromText(hardWrap(text, w2))))).toEqual(want);
  });

  it('a break between two digits after a trimmed blank is marked, never read as a number (en and zh-CN)', () => {
    const SYN =
      '11:19:38.763690 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [.], ack 1, win 63, options [nop,nop,TS val 1842952086 ecr 2103';
    const text = `${SYN}\n459706], length 0\n`;
    const [rec] = parseRecords(recordsFromText(text));
    expect(rec.kind).toBe('unparsed');
    if (rec.kind !== 'unparsed') return;
    expect(rec.wrapCut).toEqual({ line: 2, width: 0 });
    expect(explainRecordNotes(rec, 'en')[0].text).toContain('a terminal wrapped this line between two digits before line 2');
    expect(explainRecordNotes(rec, 'zh-CN')[0].text).toContain('在第 2 行之前的两个数字之间折行');
  });

  it('real tmux pane at 80 columns (capture-pane without -J)', () => {
    try {
      execFileSync('tmux', ['-V']);
    } catch {
      return; // no tmux on this machine
    }
    const dir = mkdtempSync(join(tmpdir(), 'tcplain-wrap-'));
    const file = join(dir, 'n.txt');
    const text = sample('server-abort/n.txt');
    writeFileSync(file, text);
    const sock = join(dir, 'sock');
    try {
      execFileSync('tmux', ['-S', sock, '-f', '/dev/null', 'new-session', '-d', '-x', '80', '-y', '50', `cat ${file}; sleep 5`]);
      let pane = '';
      for (let i = 0; i < 40 && !pane.includes('length 0') ; i++) {
        execFileSync('sleep', ['0.1']);
        pane = execFileSync('tmux', ['-S', sock, 'capture-pane', '-p'], { encoding: 'utf8' });
      }
      const rows = pane.replace(/\n+$/, '\n');
      expect(rows.split('\n').some((r) => r.length === 80)).toBe(true);
      expect(fields(parseRecords(recordsFromText(rows)))).toEqual(fields(parseRecords(recordsFromText(text))));
      expect(track(rows).verdicts.map((v) => v.verdict)).toEqual(['reset-by-server']);
    } finally {
      try {
        execFileSync('tmux', ['-S', sock, 'kill-server']);
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
