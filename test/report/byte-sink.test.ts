// The byte path of `explain` (src/report/byte-sink.ts): the sink's own writes, then writeText and jsonWriter against
// the UTF-8 of formatText and formatJson, byte for byte, on every sample and on hostile lines.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ByteSink, annotateText, formatJson, formatText, jsonWriter, writeText } from '../../src/report';
import type { JsonOptions, ReportItem, TextOptions } from '../../src/report';
import { sampleFiles } from '../helpers/fixtures';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const samplesDir = path.join(repoRoot, 'samples');

/** What a sink holds after `write`, as bytes (a fresh sink of 16 bytes, so nearly every test grows it). */
function bytesOf(write: (o: ByteSink) => void): Buffer {
  const o = new ByteSink(16);
  write(o);
  return Buffer.from(o.take());
}

describe('ByteSink', () => {
  it('writes whole numbers as String(n) does, up to 2^53 - 1', () => {
    for (const n of [0, 7, 9, 10, 99, 100, 1000, 65535, 99999999, 1e8, 100000001, 123456789, 1000000007, 1073741824, 2147483647, 2147483648, 4294967295, 999999999999, 1e12, 9007199254740991]) {
      expect(bytesOf((o) => o.digits(n)).toString('latin1')).toBe(String(n));
    }
    expect(bytesOf((o) => o.digits(-0)).toString('latin1')).toBe('0');
  });

  it('writes text, chars and bytes as UTF-8, growing past its first buffer', () => {
    const s = 'ack 1: the client → 中文 pair\ud83d\ude00 lone\ud800 end';
    expect(bytesOf((o) => o.text(s))).toEqual(Buffer.from(s));
    for (const c of ['', 'c3', '17:58:40.890490', 'é', 'abc→', 'x'.repeat(40), 'x'.repeat(41), `${'y'.repeat(39)}§`]) {
      expect(bytesOf((o) => o.chars(c))).toEqual(Buffer.from(c));
    }
    const pieces = bytesOf((o) => {
      o.bytes(new Uint8Array([0x20, 0x20, 0xe2, 0x94, 0x82, 0x20]));
      o.chars('a'.repeat(20));
      o.byte(0x0a);
      o.bytes(new TextEncoder().encode('→'.repeat(30)));
    });
    expect(pieces.toString('utf8')).toBe(`  │ ${'a'.repeat(20)}\n${'→'.repeat(30)}`);
  });

  it('copies only short printable ASCII without " and \\ as a JSON string body', () => {
    const o = new ByteSink(16);
    expect(o.jsonPlain('192.0.2.2')).toBe(true);
    for (const bad of ['a"b', 'a\\b', 'tab\there', 'nul\u0000', 'del\u007f', 'é', 'x'.repeat(41)]) expect(o.jsonPlain(bad)).toBe(false);
    expect(o.takeString()).toBe('192.0.2.2');
    expect(o.size).toBe(0);
  });

  it('takes back bytes with truncate, copies with copyFrom, and starts afresh after take', () => {
    const o = new ByteSink(16);
    o.chars('keep');
    const mark = o.size;
    o.chars(',"gone":1');
    expect(Buffer.from(o.copyFrom(mark)).toString()).toBe(',"gone":1');
    o.truncate(mark);
    o.chars('!');
    const first = o.take();
    expect(first.toString()).toBe('keep!');
    expect(o.size).toBe(0);
    o.chars('next');
    // The first buffer is not written over: a pipe may still be sending it.
    expect(first.toString()).toBe('keep!');
    expect(o.take().toString()).toBe('next');
    expect(o.take().length).toBe(0);
  });
});


/**
 * The bytes the CLI writes for these items (one sink, as annotateStream fills it) against the strings' UTF-8: the
 * first differing text or JSON output, as strings, or null. (Buffer#equals: expect's deep equality on megabytes of
 * bytes is too slow.)
 */
function mismatch(items: readonly ReportItem[], text: TextOptions, json: JsonOptions): { diff: [string, string] | null; textBytes: number } {
  const { got, want } = compare(items, text, json);
  for (let i = 0; i < 2; i++) if (!got[i].equals(want[i])) return { diff: [got[i].toString('utf8'), want[i].toString('utf8')], textBytes: got[0].length };
  return { diff: null, textBytes: got[0].length };
}

function compare(items: readonly ReportItem[], text: TextOptions, json: JsonOptions): { got: Buffer[]; want: Buffer[] } {
  const o = new ByteSink(64);
  const writeJson = jsonWriter(json);
  for (const item of items) writeText(item, text, o);
  const gotText = Buffer.from(o.take());
  for (const item of items) writeJson(item, o);
  const gotJson = Buffer.from(o.take());
  const wantText = Buffer.from(items.map((i) => formatText(i, text)).join(''));
  const wantJson = Buffer.from(items.map((i) => formatJson(i, json)).join(''));
  return { got: [gotText, gotJson], want: [wantText, wantJson] };
}

describe('writeText and jsonWriter give the bytes of formatText and formatJson', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`every sample under samples/ (${lang})`, () => {
      const files = sampleFiles();
      let bytes = 0;
      for (const f of files) {
        const items = annotateText(readFileSync(f, 'utf8'), { lang });
        const json: JsonOptions = bytes % 2 === 0 ? { notes: true } : { notes: false, file: 'a "b".txt' };
        const { diff, textBytes } = mismatch(items, { lang, color: false }, json);
        expect(diff, f).toBeNull();
        bytes += textBytes;
      }
      expect(files.length).toBeGreaterThanOrEqual(100);
      expect(bytes).toBeGreaterThan(1_000_000);
    });
  }

  it('hostile lines: control characters, U+FFFD, a lone surrogate, a fake note and verdict', () => {
    const text = [
      '11:19:38.763676 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [S], seq 1, win 64240, length 0',
      '  │ a pasted "note"',
      '──▶ a pasted verdict',
      'prompt$ \u001b[31mred\u001b[0m bell\u0007 \u009b csi \ufffd replaced lone\ud800 del\u007f',
      '11:19:38.763680 IP 198.51.100.2.80 > 192.0.2.2.40001: Flags [S.], seq 9, ack 2, win 65160, length 0 \u202e',
    ].join('\n');
    for (const lang of ['en', 'zh-CN'] as const) {
      const items = annotateText(text, { lang });
      const { got, want } = compare(items, { lang, color: false }, { notes: true });
      expect(got).toEqual(want);
      expect(got[0].toString('utf8')).toContain('⟪input⟫   │ a pasted "note"\n');
      // In a pipe the input's bytes are kept (README, "Terminal safety"): BEL, the one-byte CSI, the bidi override.
      for (const kept of ['bell\u0007', '\u009b csi', '\ufffd replaced', 'length 0 \u202e\n']) expect(got[0].includes(Buffer.from(kept)), kept).toBe(true);
    }
  });
});
