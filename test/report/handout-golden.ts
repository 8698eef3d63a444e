// The Markdown handout goldens (test/report/golden/*.md): what they are made from, and `npx tsx test/report/handout-golden.ts` rewrites them.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { formatMarkdown } from '../../src/report/format-markdown';
import { annotateText } from '../../src/report/render';

export const HANDOUT_GOLDENS: Array<{ file: string; input: string; lang: 'en' | 'zh-CN' }> = [
  { file: 'server-abort.en.md', input: 'server-abort/client.txt', lang: 'en' },
  { file: 'server-abort.zh-CN.md', input: 'server-abort/client.txt', lang: 'zh-CN' },
];

export function renderHandout(input: string, lang: 'en' | 'zh-CN'): string {
  const text = readFileSync(new URL(`../../samples/${input}`, import.meta.url), 'utf8');
  return formatMarkdown(annotateText(text, { lang }), { lang, title: `samples/${input}` });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const g of HANDOUT_GOLDENS) {
    writeFileSync(new URL(`golden/${g.file}`, import.meta.url), renderHandout(g.input, g.lang));
    process.stdout.write(`wrote test/report/golden/${g.file}; review with git diff\n`);
  }
}
