// Issue 15: SVG diagrams a reader can read. No two text boxes overlap, no line strikes through a text, no arrowhead
// or cross covers one, nothing is drawn off the page: measured from the SVG itself (test/helpers/svg-boxes.ts), on
// every scenario's real capture, in both languages; the goldens are the three-way close, a 2-state row and a pair.

import { readFileSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { pairCaptures } from '../../src/correlate';
import { formatPairSvg, pairWindow } from '../../src/report/format-pair-svg';
import { formatSvg } from '../../src/report/format-svg';
import { DEFAULT_DRAWN_ROWS, capLadder, parseRowRange, sliceLadder } from '../../src/report/ladder';
import { laddersFromItems } from '../../src/report/ladders-from-items';
import { annotateText } from '../../src/report/render';
import { goldenScenarios } from '../../scripts/update-golden';
import { timeScale } from '../../src/report/time-scale';
import { sampleText, viewOf } from '../correlate/helpers';
import { linesThroughTexts, marksOnTexts, outsideTexts, overlappingTexts, svgGeometry } from '../helpers/svg-boxes';
import { SVG_GOLDENS, renderSvgGolden } from './handout-golden';

const sample = (p: string) => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');
const laddersOf = (p: string, lang: 'en' | 'zh-CN' = 'en') => laddersFromItems(annotateText(sample(p), { lang }), 'relative', Infinity);

/** Every layout fault of a document, as readable strings (empty when it is clean). */
function faults(svg: string): string[] {
  const g = svgGeometry(svg);
  return [...overlappingTexts(g.boxes), ...linesThroughTexts(g.lines, g.boxes), ...marksOnTexts(g.lines, g.boxes), ...outsideTexts(g).map((t) => `outside: ${t}`)];
}

describe('the layout checker can fail', () => {
  it('finds two state names drawn at the same x/y (the old teardown blob), a lifeline through a verdict, a cross on a label', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400">
<text x="240" y="386" text-anchor="end">CLOSE_WAIT</text><text x="240" y="386" text-anchor="end">LAST_ACK</text>
<line x1="250" y1="46" x2="250" y2="442"/><text x="200" y="300">Verdict: Closed normally</text>
<line x1="100" y1="100" x2="300" y2="100" marker-end="url(#cross)"/><text x="290" y="96">R.</text></svg>`;
    const g = svgGeometry(svg);
    expect(overlappingTexts(g.boxes)).toEqual(['"CLOSE_WAIT" × "LAST_ACK"']);
    expect(linesThroughTexts(g.lines, g.boxes)).toContain('line (250,46)-(250,442) × "Verdict: Closed normally"');
    expect(marksOnTexts(g.lines, g.boxes)).toEqual(['cross at (300,100) × "R."']);
    expect(outsideTexts(g)).toEqual([]);
  });
  it('measures CJK text twice as wide as ASCII', () => {
    const g = svgGeometry('<svg width="100" height="100"><text x="0" y="20">ab</text><text x="0" y="40">连接</text></svg>');
    const [ascii, cjk] = g.boxes.map((b) => b.x2 - b.x1);
    expect(ascii).toBeCloseTo(14.4, 9);
    expect(cjk).toBeCloseTo(28.8, 9);
  });
});

describe('SVG goldens (regenerate with npm run golden:update, read the diff)', () => {
  for (const g of SVG_GOLDENS) {
    it(g.file, () => {
      const svg = renderSvgGolden(g);
      expect(svg).toBe(readFileSync(new URL(`golden/${g.file}`, import.meta.url), 'utf8'));
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(faults(svg)).toEqual([]);
    });
  }
});

describe('a segment that moves an end through two states', () => {
  it('three-way close at the client: CLOSE_WAIT under line 8 (the server FIN arrives), line 9: LAST_ACK, and FIN_WAIT_2 over TIME_WAIT one line apart', () => {
    const g = svgGeometry(formatSvg(laddersOf('three-way-close/client.txt')[0], { lang: 'en' }));
    const at = (t: string) => g.boxes.filter((b) => b.text === t && b.cls === 'state').map((b) => ({ x1: b.x1, x2: b.x2, y: b.y2 - 2.4 }));
    // The client lane is at x 250 (states end 10 px before it), the server lane at 670 (states start 10 px after).
    expect(at('CLOSE_WAIT')).toEqual([{ x1: 240 - 72, x2: 240, y: 354 }]);
    expect(at('LAST_ACK')).toEqual([{ x1: 240 - 57.6, x2: 240, y: 386 }]);
    expect(at('FIN_WAIT_2')).toEqual([{ x1: 680, x2: 680 + 72, y: 386 }]);
    expect(at('TIME_WAIT')).toEqual([{ x1: 680, x2: 680 + 64.8, y: 400 }]);
  });
  it('zero-window close, line 84: FIN_WAIT_2 over TIME_WAIT on the client lane, CLOSE_WAIT over LAST_ACK on the server lane', () => {
    const ladder = sliceLadder(laddersOf('zero-window/client.txt')[0], { from: 84, to: 84 })!;
    expect(ladder.rows.map((r) => r.changes.map((c) => `${c.lane} ${c.to}`))).toEqual([['client FIN_WAIT_2', 'client TIME_WAIT', 'server CLOSE_WAIT', 'server LAST_ACK']]);
    const svg = formatSvg(ladder, { lang: 'zh-CN' });
    expect(faults(svg)).toEqual([]);
  });
});

describe('every scenario: no overlapping text, no line through text, no mark on text', () => {
  for (const scenario of goldenScenarios()) {
    it(scenario, () => {
      for (const lang of ['en', 'zh-CN'] as const) {
        for (const l of laddersOf(`${scenario}/client.txt`, lang)) {
          const svg = formatSvg(capLadder(l, DEFAULT_DRAWN_ROWS), { lang });
          expect(faults(svg), `${scenario} ${l.conn} ${lang}`).toEqual([]);
        }
      }
    });
  }
});

describe('pair SVG: the path lifeline never strikes a label or note through', () => {
  const pairScenarios = goldenScenarios().filter((s) => s.startsWith('nat-') || ['handshake-close', 'concurrent', 'server-abort', 'client-reset', 'fast-retransmit'].includes(s));
  for (const scenario of pairScenarios) {
    it(scenario, () => {
      const pairs = pairCaptures(viewOf(sampleText(scenario, 'client')), viewOf(sampleText(scenario, 'server'))).pairs;
      expect(pairs.length).toBeGreaterThan(0);
      for (const lang of ['en', 'zh-CN'] as const) {
        for (const p of pairs) {
          const w = pairWindow(p, null, DEFAULT_DRAWN_ROWS)!;
          const svg = formatPairSvg(w.pair, lang, w.omitted);
          expect(XMLValidator.validate(svg)).toBe(true);
          expect(faults(svg), `${scenario} ${p.client.conn} ${lang}`).toEqual([]);
        }
      }
    });
  }
  it('nat-forged-rst: the path lane is broken around each text on it, and drawn everywhere else', () => {
    const p = pairCaptures(viewOf(sampleText('nat-forged-rst', 'client')), viewOf(sampleText('nat-forged-rst', 'server'))).pairs[0];
    const g = svgGeometry(formatPairSvg(p, 'en'));
    const path = g.lines.filter((l) => l.cls === 'lifeline' && l.x1 === 545.5);
    // Nine arrows: the seven full-width labels sit on the path lane; the two half arrows (lost, forged) have their
    // label and status note in their own half. Seven gaps: eight pieces from under the lane box (y 46) to the end.
    expect(path.length).toBe(8);
    expect(path[0].y1).toBe(46);
    expect(path.at(-1)!.y2).toBe(388);
  });
});

describe('--rows: a range of input lines', () => {
  it('parses A..B, A.., ..B, A and refuses the rest', () => {
    expect(parseRowRange('8..10')).toEqual({ from: 8, to: 10 });
    expect(parseRowRange('8-10')).toEqual({ from: 8, to: 10 });
    expect(parseRowRange('8..')).toEqual({ from: 8, to: Number.MAX_SAFE_INTEGER });
    expect(parseRowRange('..3')).toEqual({ from: 1, to: 3 });
    expect(parseRowRange('9')).toEqual({ from: 9, to: 9 });
    for (const bad of ['', '..', 'x', '10..8', '0..3', '1.5', '3..4..5']) expect(parseRowRange(bad), bad).toBeNull();
  });
  it('three-way close 8..10: both ends ESTABLISHED before, 7 rows left out before and none after', () => {
    const l = sliceLadder(laddersOf('three-way-close/client.txt')[0], { from: 8, to: 10 })!;
    expect(l.initial).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(l.rows.map((r) => r.line)).toEqual([8, 9, 10]);
    expect([l.omittedBefore, l.omittedAfter]).toEqual([7, 0]);
    const one = sliceLadder(laddersOf('three-way-close/client.txt')[0], { from: 9, to: 9 })!;
    expect(one.initial).toEqual({ client: 'CLOSE_WAIT', server: 'FIN_WAIT_1' });
    expect([one.omittedBefore, one.omittedAfter]).toEqual([8, 1]);
    expect(formatSvg(one, { lang: 'en' })).toContain('>… 1 later segment not shown<');
    expect(sliceLadder(laddersOf('three-way-close/client.txt')[0], { from: 11, to: 20 })).toBeNull();
  });
});

describe('a long connection is not a 13 888 px SVG by default', () => {
  it('fast-retransmit (414 segments): the first and last 30 with the cut said, under 2600 px; --rows 1.. draws all', () => {
    const [full] = laddersOf('fast-retransmit/client.txt');
    expect(full.rows.length).toBe(414);
    const svg = formatSvg(capLadder(full, DEFAULT_DRAWN_ROWS), { lang: 'en' });
    expect(svg.match(/<g class="row"/g)?.length).toBe(60);
    expect(svg).toContain('>… first 30 and last 30 segments shown, 354 omitted here<');
    const g = svgGeometry(svg);
    expect(g.height).toBeLessThan(2600);
    expect(faults(svg)).toEqual([]);
    const all = svgGeometry(formatSvg(capLadder(sliceLadder(full, { from: 1, to: Number.MAX_SAFE_INTEGER })!), { lang: 'en' }));
    expect(all.height).toBeGreaterThan(13_888);
  });
});

describe('legend and title', () => {
  it('en: the legend names each line style and mark; --no-legend leaves it out; a title heads the drawing', () => {
    const l = laddersOf('server-abort/client.txt')[0];
    const texts = (svg: string) => svgGeometry(svg).boxes.map((b) => b.text);
    const withLegend = texts(formatSvg(l, { lang: 'en', title: 'RST from the server' }));
    expect(svgGeometry(formatSvg(l, { lang: 'en', title: 'RST from the server' })).boxes.find((b) => b.cls === 'title')).toMatchObject({ text: 'RST from the server', x1: 12, y1: 14 });
    expect(withLegend.slice(withLegend.indexOf('Legend'))).toEqual([
      'Legend',
      'data, SYN or FIN',
      'pure ACK (no data, no SYN or FIN)',
      'RST',
      'STATE',
      'state an end moved to',
      '✖',
      'error (arrow and text in red)',
      '⚠',
      'warning (arrow and text in amber)',
      '•',
      'note',
    ]);
    expect(texts(formatSvg(l, { lang: 'en', legend: false }))).not.toContain('Legend');
  });
});

describe('--slant: time runs down', () => {
  /** Each row's input line and arrow y. */
  const arrows = (svg: string) => [...svg.matchAll(/<g class="row" data-line="(\d+)"[^>]*>.*?<line x1="[\d.]+" y1="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const gapTexts = (svg: string) => svgGeometry(svg).boxes.filter((b) => b.cls === 'omitted gap').map((b) => b.text);

  it('the scale: the smallest round unit at which at most a tenth of the gaps are shortened and the rest average one unit a row', () => {
    const unit = (s: string) => timeScale(laddersOf(`${s}/client.txt`)[0].rows.map((r) => r.sinceStart))!.unit;
    expect(unit('three-way-close')).toBe(0.02);
    expect(unit('idle-reset')).toBe(1);
    expect(unit('keepalive')).toBe(0.5);
    // All 414 rows (a burst every few µs), and the 60 drawn by default (whose pauses are longer).
    expect(unit('fast-retransmit')).toBe(0.00001);
    expect(timeScale(capLadder(laddersOf('fast-retransmit/client.txt')[0], DEFAULT_DRAWN_ROWS).rows.map((r) => r.sinceStart))!.unit).toBe(0.0001);
    expect(timeScale([0, null, 0])).toBeNull();
  });

  it('three-way close: the delayed ACK (43.6 ms) and the server\'s FIN (56.7 ms later) are 87 and 113 px down at 20 ms = 40 px; the burst keeps its rows 32 px apart', () => {
    const svg = formatSvg(laddersOf('three-way-close/client.txt')[0], { lang: 'en', slant: true });
    expect(arrows(svg)).toEqual([[1, 126], [2, 158], [3, 190], [4, 222], [5, 254], [6, 286], [7, 373], [8, 486], [9, 518], [10, 564]]);
    expect(gapTexts(svg)).toEqual([]);
    expect(svgGeometry(svg).boxes.filter((b) => b.cls === 'scale legend').map((b) => b.text).join(' ')).toBe(
      'Time runs down: rows are spaced by capture time, 20 ms = 40 px (never closer than one row of text), gaps over 100 ms shortened (⋯). Arrows are drawn level at their capture time: a capture does not record when a packet reached the other end, so a slant would be invented.',
    );
    expect(faults(svg)).toEqual([]);
  });

  it('idle reset: the 3 s idle before the RST is 120 px at 1 s = 40 px', () => {
    const a = arrows(formatSvg(laddersOf('idle-reset/client.txt')[0], { lang: 'zh-CN', slant: true }));
    expect(a.map(([l]) => l)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(a[7][1] - a[6][1]).toBe(120);
  });

  it('fast retransmit (60 of 414 rows drawn): four long gaps shortened with their time written in, under 3100 px', () => {
    const svg = formatSvg(capLadder(laddersOf('fast-retransmit/client.txt')[0], DEFAULT_DRAWN_ROWS), { lang: 'en', slant: true });
    expect(gapTexts(svg)).toEqual([
      '⋯ 76.7 ms later (gap shortened) ⋯',
      '⋯ 100.3 ms later (gap shortened) ⋯',
      '⋯ 42.9 ms later (gap shortened) ⋯',
      '⋯ 7.52 ms later (gap shortened) ⋯',
    ]);
    expect(svgGeometry(svg).height).toBeLessThan(3100);
    expect(faults(svg)).toEqual([]);
  });

  for (const scenario of goldenScenarios()) {
    it(`${scenario}: no overlapping text, no line through text, in both languages`, () => {
      for (const lang of ['en', 'zh-CN'] as const) {
        for (const l of laddersOf(`${scenario}/client.txt`, lang)) {
          const svg = formatSvg(capLadder(l, DEFAULT_DRAWN_ROWS), { lang, slant: true });
          expect(XMLValidator.validate(svg)).toBe(true);
          expect(faults(svg), `${scenario} ${l.conn} ${lang}`).toEqual([]);
          // Rows only ever go down.
          const ys = arrows(svg).map(([, y]) => y);
          expect(ys.every((y, i) => i === 0 || y > ys[i - 1])).toBe(true);
        }
      }
    });
  }
});
