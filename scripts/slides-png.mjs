#!/usr/bin/env node
// Renders a lesson's slides the way a teacher's Marp would and photographs each one: `tcplain lesson NAME --format
// slides` (the built CLI), Marp Core (the engine of marp-cli and the VS Code extension) to HTML, then one page per
// slide at 1280x720 screenshotted by `chromium --headless`. For looking at the deck; not part of npm test (CI has no
// browser). docs/lessons.md tells how to run it.
//
//   npm run build && node scripts/slides-png.mjs three-way-close [--lang zh] [--out DIR] [--slides 1,4] [--measure]
//
// No network: the deck's images are data URIs, Marp's themes load no fonts, and Chromium's host resolver is told to
// find nothing. Each screenshot is bounded (30 s); a Chromium that hangs is killed.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marp } from '@marp-team/marp-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const lang = option('--lang', 'en');
const out = path.resolve(option('--out', path.join(root, 'slides-png')));
const only = option('--slides', null);
// --measure: only the cut-text check, no screenshots (every slide's margin printed).
const measureOnly = args.includes('--measure') ? (args.splice(args.indexOf('--measure'), 1), true) : false;
const lesson = args[0];
if (!lesson) {
  process.stderr.write('usage: node scripts/slides-png.mjs LESSON|LESSON-FILE.md [--lang en|zh] [--out DIR] [--slides 1,4] [--measure]\n');
  process.exit(2);
}
const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((c) => spawnSync('sh', ['-c', `command -v ${c}`]).status === 0);
if (!chromium) {
  process.stderr.write('slides-png: no chromium on PATH (apt-get install chromium)\n');
  process.exit(1);
}

const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND', '--window-size=1280,720'];
/** In the page: the bottom of the slide's lowest child, less the bottom of its content box (> 0: cut). */
const MEASURE = `addEventListener('load', () => {
  const s = document.querySelector('section');
  const box = s.getBoundingClientRect();
  const limit = box.bottom - parseFloat(getComputedStyle(s).paddingBottom);
  let low = -Infinity;
  for (const c of s.children) low = Math.max(low, c.getBoundingClientRect().bottom - parseFloat(getComputedStyle(c).marginBottom));
  document.body.setAttribute('data-overflow', String(Math.round(low - limit)));
});`;
let overflowing = 0;

const deck = execFileSync(process.execPath, [path.join(root, 'bin/tcplain.js'), 'lesson', lesson, '--format', 'slides', '--lang', lang], { encoding: 'utf8' });
const marp = new Marp();
const { html, css } = marp.render(deck, { htmlAsArray: true });
mkdirSync(out, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), 'slides-png-'));
const wanted = only ? new Set(only.split(',').map(Number)) : null;
const base = path.basename(lesson).replace(/\.md$/, '');
try {
  html.forEach((slide, i) => {
    const n = i + 1;
    if (wanted && !wanted.has(n)) return;
    // One page per slide, exactly the slide's size: Marp's <svg viewBox="0 0 1280 720"> scaled to the window.
    const page = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><style>${css}
html,body{margin:0;padding:0;width:1280px;height:720px;overflow:hidden;background:#fff}
div.marpit>svg{display:block;width:1280px;height:720px}</style></head><body><div class="marpit">${slide}</div>
<script>${MEASURE}</script></body></html>`;
    const file = path.join(work, `slide-${n}.html`);
    writeFileSync(file, page);
    // Cut text, as the browser laid it out: how far the slide's content reaches past its padding box.
    const dom = spawnSync(chromium, [...CHROMIUM_FLAGS, `--user-data-dir=${path.join(work, 'profile')}`, '--dump-dom', `file://${file}`], { timeout: 30_000, encoding: 'utf8' });
    const over = /data-overflow="(-?\d+)"/.exec(dom.stdout ?? '');
    if (!over) {
      process.stderr.write(`slides-png: slide ${n}: could not measure (${dom.error ? dom.error.message : `chromium exited ${dom.status}`})\n`);
      process.exitCode = 1;
    } else if (measureOnly) {
      process.stdout.write(`slide ${n}: ${-Number(over[1])} px to spare\n`);
      if (Number(over[1]) > 0) overflowing++;
      return;
    } else if (Number(over[1]) > 0) {
      process.stderr.write(`slides-png: slide ${n}: its text reaches ${over[1]} px past the slide's bottom padding (cut)\n`);
      overflowing++;
    }
    const png = path.join(out, `${base}.${lang}.${String(n).padStart(2, '0')}.png`);
    const r = spawnSync(chromium, [...CHROMIUM_FLAGS, `--user-data-dir=${path.join(work, 'profile')}`, `--screenshot=${png}`, `file://${file}`], { timeout: 30_000, encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      process.stderr.write(`slides-png: slide ${n}: chromium ${r.error ? r.error.message : `exited ${r.status}`}\n${r.stderr ?? ''}`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${path.relative(process.cwd(), png)} (${Math.round(statSync(png).size / 1024)} KB)\n`);
  });
  process.stdout.write(`${html.length} slides in the deck${overflowing ? `, ${overflowing} with cut text` : ''}\n`);
  if (overflowing) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
