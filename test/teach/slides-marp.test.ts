// Issue 15: `lesson NAME --format slides` rendered by Marp itself (Marp Core, the engine of marp-cli and the VS Code
// extension), not by a Markdown parser that merely looks like it: the exact slide count, each step slide's ladder
// present as an image Marp really draws (a data: URI in Markdown image syntax Marp refuses and prints as text), a
// well-formed SVG with the ladder so far, and no text box of it over another.
// The screenshots are scripts/slides-png.mjs (Chromium; not in npm test).

import { Marp } from '@marp-team/marp-core';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { formatSlides, lessonQuestions, SLIDE_ROWS, type StepModel } from '../../src/teach';
import { linesThroughTexts, marksOnTexts, outsideTexts, overlappingTexts, svgGeometry } from '../helpers/svg-boxes';
import { lesson, lessonModel } from './helpers';

interface Rendered {
  /** Each slide's HTML (a `<svg data-marpit-svg>` holding its `<section>`). */
  html: string[];
  /** Each slide's presenter notes (Marp takes every comment that is not a directive). */
  comments: string[][];
}

function render(id: string, lang: 'en' | 'zh-CN'): { model: StepModel; deck: Rendered } {
  const model = lessonModel(id);
  const md = formatSlides(model, { lang, lesson: id as never, questions: lessonQuestions(model, lesson(id).questions), title: '' });
  const r = new Marp().render(md, { htmlAsArray: true }) as unknown as Rendered;
  return { model, deck: r };
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** The section's opening tag. */
const sectionTag = (html: string) => /<section\b[^>]*>/.exec(html)![0];
/** The SVG drawn as the slide's background image, decoded; null when none. */
function ladderSvg(html: string): string | null {
  const m = /background-image:url\(&quot;data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)&quot;\)/.exec(sectionTag(html));
  return m ? Buffer.from(m[1], 'base64').toString('utf8') : null;
}
const h2 = (html: string) => unescape(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(html)?.[1] ?? '');
const classes = (html: string) => (/ class="([^"]*)"/.exec(sectionTag(html))?.[1] ?? '').split(' ').filter(Boolean);

function layoutFaults(svg: string): string[] {
  const g = svgGeometry(svg);
  return [...overlappingTexts(g.boxes), ...linesThroughTexts(g.lines, g.boxes), ...marksOnTexts(g.lines, g.boxes), ...outsideTexts(g)];
}

/** Slides of a lesson: the title, one per step, and the closing one (verdicts, questions). */
const CASES = [
  { id: 'three-way-close', slides: 7, steps: 5 },
  { id: 'four-way-close', slides: 7, steps: 5 },
  { id: 'forged-rst', slides: 18, steps: 16 },
  { id: 'data-acks', slides: 18, steps: 16 },
] as const;

describe('lesson --format slides, rendered by Marp', () => {
  for (const c of CASES) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`${c.id} ${lang}: ${c.slides} slides, each step's ladder drawn by Marp as a well-formed SVG`, () => {
        const { model, deck } = render(c.id, lang);
        expect(model.steps).toHaveLength(c.steps);
        expect(deck.html).toHaveLength(c.slides);
        // Nothing of an image is left as text on any slide (the base64 Marp printed when it refused the image).
        for (const h of deck.html) expect(h).not.toMatch(/!\[|base64,[^&]*<\/p>|data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/);
        const stepWord = lang === 'en' ? (n: number, l: number) => `step ${n}/${c.steps} · line ${l}` : (n: number, l: number) => `第 ${n}/${c.steps} 步 · 第 ${l} 行`;
        model.steps.forEach((step, i) => {
          const html = deck.html[i + 1];
          expect(h2(html), `slide ${i + 2}`).toBe(stepWord(i + 1, step.rec.line));
          expect(classes(html)).toContain('ladder');
          const svg = ladderSvg(html);
          expect(svg, `slide ${i + 2}`).not.toBeNull();
          expect(XMLValidator.validate(svg!)).toBe(true);
          // The ladder so far of this step's capture and connection: its rows up to this step, the last SLIDE_ROWS.
          const sofar = model.steps.filter((s) => s.part === step.part && s.analysis.conn === step.analysis.conn && s.index <= i);
          expect(svg!.match(/<g class="row"/g), `slide ${i + 2}`).toHaveLength(Math.min(sofar.length, SLIDE_ROWS));
          expect(svg).toContain(`data-line="${step.rec.line}"`);
          expect(layoutFaults(svg!), `slide ${i + 2}`).toEqual([]);
          // The background is sized to its box in px (never `contain`, which fills the whole slide under the text).
          expect(sectionTag(html)).toMatch(/background-size:\d+px \d+px;/);
        });
        // Title and closing slides carry no ladder.
        expect(ladderSvg(deck.html[0])).toBeNull();
        expect(ladderSvg(deck.html[c.slides - 1])).toBeNull();
      });
    }
  }

  it('three-way-close en: the title, the tcpdump line, and the teardown slide whose text moved a point to the notes', () => {
    const { deck } = render('three-way-close', 'en');
    expect(unescape(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(deck.html[0])![1])).toBe('The three-packet close');
    const teardown = deck.html[4];
    expect(h2(teardown)).toBe('step 4/5 · line 9');
    expect(teardown).toContain('<code>11:19:40.962587 IP 192.0.2.2.40002 &gt; 198.51.100.2.80: Flags [F.], seq 87, ack 80, win 63,');
    // Too long for the slide at 18 px: the segment's first note and the TIME_WAIT point went to the presenter notes.
    expect(classes(teardown)).toEqual(['ladder', 'f20']);
    expect(teardown).toContain('<em>one more point in the presenter notes</em>');
    expect(deck.comments[4]).toHaveLength(1);
    expect(deck.comments[4][0]).toContain('FIN+ACK: the client acknowledges the server\'s FIN');
    expect(deck.comments[4][0]).toContain('the server closed first, so it enters TIME_WAIT');
    const states = svgGeometry(ladderSvg(teardown)!).boxes.filter((b) => b.cls === 'state').map((b) => b.text);
    expect(states).toEqual(['ESTABLISHED', 'ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_1', 'LAST_ACK', 'FIN_WAIT_2', 'TIME_WAIT']);
    expect(h2(deck.html[6])).toBe('Verdict');
  });

  it('forged-rst en: a -v capture shows the IP header line and the TCP line, both', () => {
    const { deck } = render('forged-rst', 'en');
    const last = deck.html[16];
    expect(h2(last)).toBe('step 16/16 · line 27');
    const codes = [...last.matchAll(/<code>([^<]*)<\/code>/g)].map((m) => unescape(m[1]));
    expect(codes).toEqual([
      '2026-11-21 11:22:52.064929 IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 40)',
      '198.51.100.2.80 > 198.51.100.1.61006: Flags [R], cksum 0x2153 (correct), seq 4081211457, win 0, length 0',
    ]);
  });
});
