// The handout goldens (test/report/golden/*): Markdown handouts and SVG diagrams, what they are made from, and
// `npx tsx test/report/handout-golden.ts` (part of npm run golden:update) rewrites them.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { pairCaptures, captureView } from '../../src/correlate';
import { recordsFromText } from '../../src/input';
import { parseRecords } from '../../grammar';
import { formatMarkdown } from '../../src/report/format-markdown';
import { formatPairSvg } from '../../src/report/format-pair-svg';
import { formatSvg } from '../../src/report/format-svg';
import { sliceLadder } from '../../src/report/ladder';
import { laddersFromItems } from '../../src/report/ladders-from-items';
import { annotateText } from '../../src/report/render';

type Lang = 'en' | 'zh-CN';

export const HANDOUT_GOLDENS: Array<{ file: string; input: string; lang: Lang }> = [
  { file: 'server-abort.en.md', input: 'server-abort/client.txt', lang: 'en' },
  { file: 'server-abort.zh-CN.md', input: 'server-abort/client.txt', lang: 'zh-CN' },
];

/**
 * SVG goldens: the three-way close whole (one segment moves each end through two states), the zero-window close as a
 * range with a title (the client's end moves FIN_WAIT_2 → TIME_WAIT on line 84), the three-way close and the idle
 * reset with time running down (`--slant`), and the forged-RST pair.
 */
export const SVG_GOLDENS: Array<{ file: string; input: string; lang: Lang; rows?: { from: number; to: number }; title?: string; pair?: string; slant?: boolean }> = [
  { file: 'three-way-close.en.svg', input: 'three-way-close/client.txt', lang: 'en' },
  { file: 'three-way-close.zh-CN.svg', input: 'three-way-close/client.txt', lang: 'zh-CN' },
  { file: 'zero-window-close.en.svg', input: 'zero-window/client.txt', lang: 'en', rows: { from: 81, to: 85 }, title: 'zero-window: the close' },
  { file: 'three-way-close.slant.en.svg', input: 'three-way-close/client.txt', lang: 'en', slant: true },
  { file: 'idle-reset.slant.zh-CN.svg', input: 'idle-reset/client.txt', lang: 'zh-CN', slant: true },
  { file: 'nat-forged-rst.pair.en.svg', input: 'nat-forged-rst/client.txt', pair: 'nat-forged-rst/server.txt', lang: 'en' },
  { file: 'nat-forged-rst.pair.zh-CN.svg', input: 'nat-forged-rst/client.txt', pair: 'nat-forged-rst/server.txt', lang: 'zh-CN' },
];

const sample = (input: string): string => readFileSync(new URL(`../../samples/${input}`, import.meta.url), 'utf8');

export function renderHandout(input: string, lang: Lang): string {
  return formatMarkdown(annotateText(sample(input), { lang }), { lang, title: `samples/${input}` });
}

export function renderSvgGolden(g: (typeof SVG_GOLDENS)[number]): string {
  if (g.pair) {
    const [c, s] = [g.input, g.pair].map((f) => captureView(parseRecords(recordsFromText(sample(f)))));
    return formatPairSvg(pairCaptures(c, s).pairs[0], g.lang, { title: g.title });
  }
  const [ladder] = laddersFromItems(annotateText(sample(g.input), { lang: g.lang }), 'relative');
  return formatSvg(g.rows ? sliceLadder(ladder, g.rows)! : ladder, { lang: g.lang, title: g.title, slant: g.slant });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const g of HANDOUT_GOLDENS) {
    writeFileSync(new URL(`golden/${g.file}`, import.meta.url), renderHandout(g.input, g.lang));
    process.stdout.write(`wrote test/report/golden/${g.file}; review with git diff\n`);
  }
  for (const g of SVG_GOLDENS) {
    writeFileSync(new URL(`golden/${g.file}`, import.meta.url), renderSvgGolden(g));
    process.stdout.write(`wrote test/report/golden/${g.file}; review with git diff\n`);
  }
}
