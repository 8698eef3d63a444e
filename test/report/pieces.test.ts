// Issue 16 item 8: --redact and --format markdown never hold the input or the output as one string (V8 stops at
// 512 MiB). The piece path is exercised here with small pieces (TCPLAIN_PIECE_CHARS) on real captures and the seed
// pastes: it must give exactly what the whole-text path gives.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPieceSplitter, createRedactor } from '../../src/report/redact';
import { formatMarkdown, formatMarkdownPieces } from '../../src/report/format-markdown';
import { annotateText, renderText } from '../../src/report/render';
import { runCliCaptured } from '../helpers/cli';
import { seedFiles, seedText } from '../helpers/fixtures';

const samples = new URL('../../samples/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, samples), 'utf8');

function pieces(text: string, size: number, chunk = 997): string[] {
  const split = createPieceSplitter(size);
  const out: string[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...split.push(text.slice(i, i + chunk)));
  out.push(...split.end());
  return out;
}

// Real captures of several renderings (-v continuation lines, hex dumps, IPv6, names) and the seed pastes.
const texts = [
  read('nat-basic/client.txt') + read('nat-basic/server.txt'),
  read('ipv6/client.txt'),
  read('handshake-close/client.txt'),
  ...seedFiles().map((f) => seedText(f)),
].join('\n');

describe('pieces', () => {
  it('the splitter cuts before a packet line (in long prose, any line), and the pieces make the text again', () => {
    const p = pieces(texts, 2000);
    expect(p.length).toBeGreaterThan(10);
    expect(p.join('')).toBe(texts);
    // Before a packet line; in prose without one, only once the piece passed 2 × size.
    for (let i = 1; i < p.length; i++) {
      if (!/^(?:\d{4}-\d\d-\d\d \d|\d\d:\d\d:\d\d\.\d|\d{9,}\.\d{6} )/.test(p[i])) expect(p[i - 1].length).toBeGreaterThan(4000);
    }
  });

  it('a line longer than 4 × the piece size is cut inside (never held whole)', () => {
    const p = pieces(`${'x'.repeat(10_000)}\nshort\n`, 1000);
    expect(p.map((x) => x.length)).toEqual([4000, 4000, 2007]);
  });

  it('redacting piece by piece gives exactly the whole-text redaction and mapping', () => {
    const whole = createRedactor();
    const expected = whole.redactText(texts);
    const byPieces = createRedactor();
    expect([...byPieces.redactPieces(pieces(texts, 3000))].join('')).toBe(expected);
    expect(byPieces.mapping).toEqual(whole.mapping);
  });

  it('the Markdown handout in pieces joins to the whole handout; no piece holds it all', () => {
    const items = annotateText(texts, { lang: 'en' });
    const all = [...formatMarkdownPieces(items, { lang: 'en', title: 'x' })];
    expect(all.length).toBeGreaterThan(2);
    expect(all.join('')).toBe(formatMarkdown(items, { lang: 'en', title: 'x' }));
    expect(Math.max(...all.map((p) => p.length))).toBeLessThan(all.join('').length / 2);
  });

  it('the CLI with small pieces (TCPLAIN_PIECE_CHARS) prints what the whole-text functions give: --redact text, JSON, markdown', async () => {
    const redacted = createRedactor().redactText(texts);
    const md = (t: string, redacted: boolean) => formatMarkdown(annotateText(t, { lang: 'en' }), { lang: 'en', title: 'tcpdump', numbering: 'relative', redacted });
    const cases: Array<[string[], string]> = [
      [['--redact', '--format', 'text'], renderText(redacted, { lang: 'en', format: 'text' })],
      [['--redact', '--format', 'json'], renderText(redacted, { lang: 'en', format: 'json' })],
      [['--redact', '--format', 'markdown'], md(redacted, true)],
      [['--format', 'markdown'], md(texts, false)],
    ];
    for (const [args, expected] of cases) {
      const r = await runCliCaptured(['explain', '--lang', 'en', '--no-color', ...args, '-'], texts, { TCPLAIN_PIECE_CHARS: '1500' });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out, args.join(' ')).toBe(expected);
    }
  });
});

describe('--format markdown past its input limit', () => {
  it('stops with one clear line on stderr and exit 2 (TCPLAIN_MARKDOWN_CHARS sets the limit for the test)', async () => {
    const r = await runCliCaptured(['explain', '--lang', 'en', '--format', 'markdown', '-'], texts, { TCPLAIN_MARKDOWN_CHARS: String(2 << 20) });
    expect(r.code).toBe(0);
    const small = await runCliCaptured(['explain', '--lang', 'en', '--format', 'markdown', '-'], texts, { TCPLAIN_MARKDOWN_CHARS: '4096' });
    expect(small.code).toBe(2);
    expect(small.out).toBe('');
    expect(small.err).toBe(
      'tcplain: --format markdown holds every record to write the connections first, and stops past 4 KiB of input (this one is larger); --format text and json stream any size, or cut the capture first (tcpdump -r FILE -c N)\n',
    );
    // A text file past the limit is refused by its size, before it is read; under the limit it is written as before.
    const file = join(mkdtempSync(join(tmpdir(), 'tcplain-md-')), 'big.txt');
    writeFileSync(file, texts);
    const byFile = await runCliCaptured(['explain', '--lang', 'en', '--format', 'markdown', file], '', { TCPLAIN_MARKDOWN_CHARS: '4096' });
    expect([byFile.code, byFile.out, byFile.err]).toEqual([2, '', small.err]);
    const fits = await runCliCaptured(['explain', '--lang', 'en', '--format', 'markdown', file], '', { TCPLAIN_MARKDOWN_CHARS: String(2 << 20) });
    // The same handout as from stdin but for its title and the commands that split it, which name the file.
    expect([fits.code, fits.out.split('\n').slice(1).join('\n').replaceAll(file, 'post.txt')]).toEqual([0, r.out.split('\n').slice(1).join('\n')]);
    const zh = await runCliCaptured(['explain', '--lang', 'zh-CN', '--format', 'markdown', '-'], texts, { TCPLAIN_MARKDOWN_CHARS: '4096' });
    expect(zh.err).toBe(
      'tcplain: --format markdown 要先保留全部记录才能先写出各条连接，输入超过 4 KiB 就停止（这份输入更大）；--format text 和 json 可以流式处理任意大小，或者先截取抓包（tcpdump -r FILE -c N）\n',
    );
  });
});
