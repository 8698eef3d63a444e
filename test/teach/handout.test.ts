// Issue 15, what a teacher takes away: `lesson NAME --format markdown` (a handout, a heading per step) and
// `--format slides` (Marp), read back by a real Markdown parser (marked, CommonMark + GFM) on real captures.

import { XMLValidator } from 'fast-xml-parser';
import { Lexer, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { buildSteps, formatSlides, formatStepsMarkdown, lessonQuestions, SLIDE_ROWS } from '../../src/teach';
import { linesThroughTexts, marksOnTexts, outsideTexts, overlappingTexts, svgGeometry } from '../helpers/svg-boxes';
import { lesson, lessonModel, sampleText } from './helpers';

const lex = (md: string): Token[] => new Lexer({ gfm: true }).lex(md);

/** Marp's reading of a deck: the front matter between the first two `---`, then slides split on `---` (hr tokens). */
function slidesOf(md: string): { front: string; slides: Token[][] } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
  if (!m) throw new Error('no front matter');
  const slides: Token[][] = [[]];
  for (const t of lex(md.slice(m[0].length))) {
    if (t.type === 'hr') slides.push([]);
    else slides[slides.length - 1].push(t);
  }
  return { front: m[1], slides };
}

const headings = (tokens: Token[], depth: number) => tokens.filter((t): t is Tokens.Heading => t.type === 'heading' && t.depth === depth).map((t) => t.text);

/** The SVG of a slide's background image (a data URI in Marp's `_backgroundImage` directive, an HTML comment). */
function slideSvg(tokens: Token[]): string | null {
  for (const t of tokens) {
    const m = t.type === 'html' ? /<!-- _backgroundImage: url\("data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"\) -->/.exec(t.raw) : null;
    if (m) return Buffer.from(m[1], 'base64').toString('utf8');
  }
  return null;
}

describe('lesson --format slides', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: three-way-close is a Marp deck of 7 slides: title, one per step (5) with its ladder, verdict and questions`, () => {
      const model = lessonModel('three-way-close');
      const spec = lesson('three-way-close');
      const md = formatSlides(model, { lang, lesson: 'three-way-close', questions: lessonQuestions(model, spec.questions), title: 'ignored for a lesson' });
      const { front, slides } = slidesOf(md);
      expect(front.split('\n').slice(0, 2)).toEqual(['marp: true', 'paginate: true']);
      expect(slides).toHaveLength(7);
      expect(headings(slides[0], 1)).toEqual([lang === 'en' ? 'The three-packet close' : '三个报文的关闭']);
      const steps = slides.slice(1, 6);
      const stepWord = lang === 'en' ? (n: number, l: number) => `step ${n}/5 · line ${l}` : (n: number, l: number) => `第 ${n}/5 步 · 第 ${l} 行`;
      expect(steps.map((s) => headings(s, 2)[0])).toEqual([6, 7, 8, 9, 10].map((l, i) => stepWord(i + 1, l)));
      steps.forEach((s, i) => {
        const svg = slideSvg(s);
        expect(svg, `slide ${i + 2}`).not.toBeNull();
        expect(XMLValidator.validate(svg!)).toBe(true);
        // The ladder so far: one arrow per step up to this one, at most SLIDE_ROWS.
        expect(svg!.match(/<g class="row"/g)).toHaveLength(Math.min(i + 1, SLIDE_ROWS));
        const g = svgGeometry(svg!);
        expect([...overlappingTexts(g.boxes), ...linesThroughTexts(g.lines, g.boxes), ...marksOnTexts(g.lines, g.boxes), ...outsideTexts(g)]).toEqual([]);
      });
      // The teardown slide (line 9): the client's CLOSE_WAIT beside the server's FIN_WAIT_1 under line 8 (captured at
      // the client, where the server's FIN arrives); LAST_ACK beside FIN_WAIT_2 over TIME_WAIT under line 9.
      const states = svgGeometry(slideSvg(steps[3])!).boxes.filter((b) => b.cls === 'state');
      expect(states.map((b) => b.text)).toEqual(['ESTABLISHED', 'ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_1', 'LAST_ACK', 'FIN_WAIT_2', 'TIME_WAIT']);
      const y = (t: string) => states.find((b) => b.text === t)!.y1;
      expect([y('FIN_WAIT_1') - y('CLOSE_WAIT'), y('TIME_WAIT') - y('FIN_WAIT_2'), y('FIN_WAIT_2') - y('LAST_ACK')]).toEqual([0, 14, 0]);
      expect(y('LAST_ACK')).toBeGreaterThan(y('CLOSE_WAIT'));
      const last = slides[6];
      expect(headings(last, 2)).toEqual(lang === 'en' ? ['Verdict', 'Questions'] : ['结论', '问题']);
      expect(last.filter((t) => t.type === 'list')).toHaveLength(2);
    });
  }

  it('a long lesson keeps each slide\'s ladder to the last 6 rows, the earlier ones counted', () => {
    const model = lessonModel('data-acks');
    const md = formatSlides(model, { lang: 'en', lesson: 'data-acks', questions: [], title: '' });
    const { slides } = slidesOf(md);
    // 16 steps (client-reset lines 4-15, three-way-close lines 4-7); neither connection is stepped to its end and
    // there are no questions: no closing slide.
    expect(model.steps).toHaveLength(16);
    expect(slides).toHaveLength(1 + 16);
    const tenth = slideSvg(slides[10])!;
    expect(tenth.match(/<g class="row"/g)).toHaveLength(6);
    expect(tenth).toContain('>… 4 earlier segments not shown<');
  });

  it('no line above a separator turns into a setext heading: every --- is preceded by a blank line', () => {
    const md = formatSlides(lessonModel('forged-rst'), { lang: 'en', lesson: 'forged-rst', questions: [], title: '' });
    const lines = md.split('\n');
    const frontEnd = lines.indexOf('---', 1);
    expect(frontEnd).toBeGreaterThan(0);
    lines.forEach((l, i) => {
      if (l === '---' && i > frontEnd) expect(lines[i - 1], `line ${i + 1}`).toBe('');
    });
  });
});

describe('lesson --format markdown', () => {
  it('en: three-way-close is a handout: title, goals, a heading and a fenced tcpdump line per step, a Mermaid ladder, verdict, questions', () => {
    const model = lessonModel('three-way-close');
    const spec = lesson('three-way-close');
    const tokens = lex(formatStepsMarkdown(model, { lang: 'en', lesson: 'three-way-close', questions: lessonQuestions(model, spec.questions), title: '' }));
    expect(headings(tokens, 1)).toEqual(['The three-packet close']);
    expect(headings(tokens, 2)).toEqual(['Goals', 'samples/three-way-close/n.txt', 'Ladder diagram: samples/three-way-close/n.txt c1', 'Verdict', 'Questions']);
    expect(headings(tokens, 3)).toEqual(['step 1/5 · line 6', 'step 2/5 · line 7', 'step 3/5 · line 8', 'step 4/5 · line 9', 'step 5/5 · line 10']);
    const code = tokens.filter((t): t is Tokens.Code => t.type === 'code');
    const raw = sampleText('three-way-close/n.txt').split('\n');
    expect(code.filter((c) => c.lang === 'text' && !c.text.includes('─')).map((c) => c.text)).toEqual(raw.slice(5, 10));
    const mermaid = code.filter((c) => c.lang === 'mermaid');
    expect(mermaid).toHaveLength(1);
    expect(mermaid[0].text).toContain('    Note over S: FIN_WAIT_2\n    Note over S: TIME_WAIT');
  });

  it('a teacher\'s own capture: the title and section are the file\'s base name, never its path', () => {
    const model = buildSteps([{ text: sampleText('three-way-close/n.txt'), source: '/home/teacher/class/close.txt', capture: null, lines: null }]);
    const tokens = lex(formatStepsMarkdown(model, { lang: 'en', title: '/home/teacher/class/close.txt' }));
    expect(headings(tokens, 1)).toEqual(['close.txt']);
    expect(headings(tokens, 2)[0]).toBe('close.txt');
    expect(JSON.stringify(tokens)).not.toContain('/home/teacher');
  });
});
