import { readFileSync } from 'node:fs';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { formatMarkdown, mdEscape } from '../../src/report/format-markdown';
import { annotateText } from '../../src/report/render';
import { HANDOUT_GOLDENS, renderHandout } from './handout-golden';

describe('Markdown handout goldens (regenerate: npx tsx test/report/handout-golden.ts)', () => {
  for (const g of HANDOUT_GOLDENS) {
    it(g.file, () => {
      expect(renderHandout(g.input, g.lang)).toBe(readFileSync(new URL(`golden/${g.file}`, import.meta.url), 'utf8'));
    });
  }
});

describe('handout structure', () => {
  const md = renderHandout('server-abort/client.txt', 'en');
  it('has the verdict, a mermaid block mermaid accepts, and every packet line', async () => {
    expect(md).toContain('**Verdict:** ');
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(md)![1];
    await expect(mermaid.parse(block)).resolves.toMatchObject({ diagramType: 'sequence' });
    const input = readFileSync(new URL('../../samples/server-abort/client.txt', import.meta.url), 'utf8').trimEnd().split('\n');
    for (const [i, line] of input.entries()) expect(md).toContain(`**${i + 1}** \`${line}\``);
  });
  it('escapes Markdown in notes; wraps backticks in longer fences', () => {
    expect(mdEscape('SYN_SENT [info] a*b <x>')).toBe('SYN\\_SENT \\[info\\] a\\*b \\<x\\>');
    const items = annotateText('12:00:00.000000 IP 10.0.0.1.1 > 10.0.0.2.80: Flags [P.], seq 1:2, ack 1, win 10, length 1: `x`\n', { lang: 'en' });
    expect(formatMarkdown(items, { lang: 'en', title: 't' })).toContain('**1** `` 12:00:00.000000 IP 10.0.0.1.1 > 10.0.0.2.80: Flags [P.], seq 1:2, ack 1, win 10, length 1: `x` ``');
  });
});
