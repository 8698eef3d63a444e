// What a teacher takes away from a lesson: the steps as a Markdown handout (a heading and fenced blocks per step)
// and as Marp slides (one step a slide, with the ladder so far as an inline SVG: the slide's background image).

import type { Lang } from '../explain';
import { CMD_CATALOGS } from '../explain/command';
import type { LessonId, LessonQuestion } from '../explain/locales/lesson-en';
import { formatMermaid } from '../report/format-mermaid';
import { mdEscape } from '../report/format-markdown';
import { formatSvg } from '../report/format-svg';
import { sliceLadder, type Ladder } from '../report/ladder';
import { arrowLine, endVerdicts, lessonWords, packetLines, questionTexts, stepTexts, transitionTexts } from './format';
import { stateDiagramText } from './state-diagram';
import { ladderAt, statesAt, type Step, type StepModel } from './steps';

export interface HandoutOptions {
  lang: Lang;
  /** The built-in lesson (its title, story, goals), or null for a capture of the teacher's own. */
  lesson?: LessonId | null;
  questions?: readonly LessonQuestion[];
  /** Heading when there is no lesson: the capture's file name (never a path). */
  title: string;
}

/** A fenced code block (CommonMark §4.5) whose fence is longer than any backtick run inside. */
function fenced(text: string, info = ''): string[] {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${info}`, text, fence];
}

/** Inline code (CommonMark §6.1) for one line, padded when it starts or ends with a backtick. */
function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** The lesson's title, story and goals, or the file's name for a capture of one's own. */
function header(opts: HandoutOptions): { title: string; story: string | null; goals: string[] } {
  if (!opts.lesson) return { title: baseName(opts.title), story: null, goals: [] };
  const l = lessonWords(opts.lang).lessons[opts.lesson];
  return { title: l.title, story: l.story, goals: l.goals };
}

/** A file's base name: a handout never shows the directories of the machine it was made on. */
export const baseName = (path: string): string => path.replace(/^.*[\\/]/, '') || path;

/**
 * `samples/handshake-close/n.txt` (a bundled capture, named as in the repository), the base name of a capture of
 * one's own, and `client capture: …` in a two-capture lesson.
 */
function partName(model: StepModel, part: number, lang: Lang): string {
  const src = model.sources[part];
  const name = src.source.startsWith('samples/') ? src.source : baseName(src.source);
  return src.capture ? `${lessonWords(lang).ui.capture[src.capture]}${CMD_CATALOGS[lang].report.sep}${name}` : name;
}

/** One step's explanation lines: the segment's notes, the lesson's points (bold) and the state changes. */
function stepBullets(model: StepModel, step: Step, lang: Lang): string[] {
  const w = lessonWords(lang);
  const { notes, points } = stepTexts(step, lang, model.numbering);
  const out = notes.map((n) => `- ${mdEscape(n)}`);
  for (const p of points) out.push(`- **${mdEscape(p)}**`);
  for (const t of transitionTexts(step, lang)) out.push(`- ${mdEscape(w.ui.states)}${CMD_CATALOGS[lang].report.sep}${mdEscape(t)}`);
  return out;
}

/** Markdown's end: the verdicts of the connections seen to their end, then the lesson's questions with answers. */
function closing(model: StepModel, opts: HandoutOptions, level: string): string[] {
  const { lang } = opts;
  const w = lessonWords(lang);
  const words = CMD_CATALOGS[lang].report;
  const out: string[] = [];
  const verdicts = endVerdicts(model, lang);
  if (verdicts.length > 0) {
    out.push(`${level} ${mdEscape(words.verdict)}`, '');
    for (const v of verdicts) out.push(`- **${mdEscape(v.headline)}** ${mdEscape(v.summary)}`);
    out.push('');
  }
  if (opts.questions && opts.questions.length > 0) {
    out.push(`${level} ${mdEscape(w.ui.questions)}`, '');
    questionTexts(opts.questions, lang).forEach(([q, a], i) => out.push(`${i + 1}. ${mdEscape(q)}`, `   - *${mdEscape(w.ui.answer)}${words.sep.trim()}* ${mdEscape(a)}`));
    out.push('');
  }
  return out;
}

/**
 * The lesson as a Markdown handout: title, story and goals; a heading per capture and per step with the tcpdump
 * line and the state diagram in fenced blocks and the explanation as a list; the ladder of each connection as a
 * Mermaid block; the verdicts and the questions with their answers.
 */
export function formatStepsMarkdown(model: StepModel, opts: HandoutOptions): string {
  const { lang } = opts;
  const w = lessonWords(lang);
  const words = CMD_CATALOGS[lang].report;
  const h = header(opts);
  const out: string[] = [`# ${mdEscape(h.title)}`, ''];
  if (h.story) out.push(mdEscape(h.story), '');
  if (h.goals.length > 0) out.push(`## ${mdEscape(w.ui.goals)}`, '', ...h.goals.map((g) => `- ${mdEscape(g)}`), '');
  let part = -1;
  for (const step of model.steps) {
    if (step.part !== part) {
      part = step.part;
      out.push(`## ${mdEscape(partName(model, part, lang))}`, '');
    }
    out.push(`### ${mdEscape(`${w.ui.step({ n: step.index + 1, total: model.steps.length })} · ${w.ui.line(step.rec.line)}`)}`, '');
    out.push(...fenced(step.rec.raw, 'text'), '');
    out.push(code(arrowLine(model, step, lang)), '');
    out.push(...stepBullets(model, step, lang), '');
    if (step.analysis.transitions.length > 0) {
      out.push(...fenced(stateDiagramText(statesAt(model, step.index), step.analysis.transitions).join('\n'), 'text'), '');
      out.push(`*${mdEscape(w.ui.legend)}*`, '');
    }
  }
  model.ladders.forEach((ladders, p) => {
    for (const ladder of ladders.values()) {
      if (ladder.rows.length === 0) continue;
      out.push(`## ${mdEscape(`${words.diagram}${words.sep}${partName(model, p, lang)} ${ladder.conn}`)}`, '');
      out.push(...fenced(formatMermaid(ladder, { lang }).trimEnd(), 'mermaid'), '');
    }
  });
  out.push(...closing(model, opts, '##'));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Rows of the ladder so far a slide shows: the last few, so the drawing stays readable at slide size. */
export const SLIDE_ROWS = 6;

/** The ladder up to a step, its last SLIDE_ROWS rows (the earlier ones counted in a note). */
export function slideLadder(model: StepModel, index: number): Ladder | null {
  const ladder = ladderAt(model, index);
  if (!ladder) return null;
  const n = ladder.rows.length;
  return n > SLIDE_ROWS ? sliceLadder(ladder, { from: ladder.rows[n - SLIDE_ROWS].line, to: Number.MAX_SAFE_INTEGER }) : ladder;
}

/** Where a slide's ladder goes: a box on the right of the 1280x720 slide, the text padded clear of it. */
export const SLIDE_LADDER_BOX = { width: 620, height: 600, right: 24 } as const;

/**
 * An SVG as the slide's background image, through Marp's local directives (`_class`, `_backgroundImage`, ...): Marp
 * (markdown-it) refuses a `data:image/svg+xml` URI in Markdown image syntax (the slide then shows the base64 text)
 * and strips raw `<svg>` or `<img src>` HTML, but a directive's CSS value reaches the slide as it is. The size is the
 * SVG's own, scaled to fit SLIDE_LADDER_BOX (CSS `contain` would fit the whole slide, under the text); the slide's
 * class `ladder` keeps the text clear of it.
 */
export function slideBackground(svg: string): string[] {
  const m = /<svg [^>]*width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  const [w, h] = m ? [Number(m[1]), Number(m[2])] : [SLIDE_LADDER_BOX.width, SLIDE_LADDER_BOX.height];
  const scale = Math.min(SLIDE_LADDER_BOX.width / w, SLIDE_LADDER_BOX.height / h);
  const px = (n: number) => `${Math.floor(n * scale)}px`;
  return [
    `<!-- _backgroundImage: url("data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}") -->`,
    `<!-- _backgroundSize: ${px(w)} ${px(h)} -->`,
    `<!-- _backgroundPosition: right ${SLIDE_LADDER_BOX.right}px center -->`,
  ];
}

/** Font sizes (px) of a slide's text, largest first: a slide takes the largest at which its text fits (SLIDE_FIT). */
export const SLIDE_FONTS = [22, 20, 18] as const;

/** One block of a slide's text, as Marp's default theme lays it out. */
interface SlideBlock {
  kind: 'h1' | 'h2' | 'p' | 'code' | 'li';
  text: string;
  bold?: boolean;
}

const WIDE_CHAR = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Width of `text` in em: a CJK or full-width character 1, any other `narrow`. */
function ems(text: string, narrow: number): number {
  let w = 0;
  for (const ch of text) w += WIDE_CHAR.test(ch) ? 1 : narrow;
  return w;
}

/**
 * How a 1280x720 slide's text fits Marp's default theme (section padding 78.5 px on every side, content centred,
 * line height 1.5, h1 1.6 em, h2 1.3 em, lists indented 2 em, code 0.8 em monospace). Word wrapping is
 * estimated, with a margin: a wrapped line holds about 10% less than its width. scripts/slides-png.mjs measures
 * the real layout in Chromium (`--measure`); every slide of every lesson fits there, in both languages.
 */
export const SLIDE_FIT = { width: 1280, height: 720, side: 78.5, top: 78.5, bottom: 78.5, wrap: 0.9 } as const;

/** The estimated height in px of `blocks` at font size `f` in a column `width` px wide. */
function slideTextHeight(blocks: readonly SlideBlock[], f: number, width: number): number {
  const lines = (text: string, em: number, w: number) => Math.max(1, Math.ceil((em * f) / (w * SLIDE_FIT.wrap)));
  let h = 0;
  let prev: SlideBlock['kind'] | null = null;
  for (const b of blocks) {
    switch (b.kind) {
      case 'h1':
        h += lines(b.text, ems(b.text, 0.58) * 1.6, width) * 1.6 * f * 1.25 + 1.6 * f * 0.97;
        break;
      case 'h2':
        h += lines(b.text, ems(b.text, 0.58) * 1.3, width) * 1.3 * f * 1.25 + 1.3 * f * 0.3 + (prev === null ? 16 : 40);
        break;
      case 'p':
        h += lines(b.text, ems(b.text, 0.5), width) * 1.5 * f + 16;
        break;
      case 'code':
        h += lines(b.text, ems(b.text, 0.6) * 0.8 + 0.4, width) * 1.5 * f + 16;
        break;
      case 'li':
        h += lines(b.text, ems(b.text, b.bold ? 0.55 : 0.5), width - 2 * f) * 1.5 * f + (prev === 'li' ? 0.25 * f : 16);
        break;
    }
    prev = b.kind;
  }
  return h;
}

/** A slide's Markdown (as formatSlides writes it) as blocks: headings, list items, code lines, paragraphs; comments left out. */
function slideBlocks(lines: readonly string[]): SlideBlock[] {
  const out: SlideBlock[] = [];
  let comment = false;
  const plain = (t: string) => t.replace(/\*\*|(?<!\\)\*|\\(?=[\\`*_{}[\]()#+\-.!|<>~])/g, '');
  for (const l of lines) {
    if (comment) {
      if (l.includes('-->')) comment = false;
      continue;
    }
    if (l.startsWith('<!--')) {
      comment = !l.includes('-->');
      continue;
    }
    if (l.trim() === '') continue;
    const m = /^(#{1,2}) (.*)$/.exec(l);
    if (m) out.push({ kind: m[1] === '#' ? 'h1' : 'h2', text: plain(m[2]) });
    else if (/^\s*(?:[-*]|\d+\.) /.test(l)) out.push({ kind: 'li', text: plain(l.replace(/^\s*(?:[-*]|\d+\.) /, '')), bold: /^\s*- \*\*/.test(l) });
    else if (l.startsWith('`')) out.push({ kind: 'code', text: l.replace(/^`+ ?| ?`+$/g, '') });
    else out.push({ kind: 'p', text: plain(l) });
  }
  return out;
}

/** The largest of SLIDE_FONTS at which a slide's Markdown fits, or null when it does not fit at the smallest. */
export function slideFont(lines: readonly string[], ladder: boolean): number | null {
  const blocks = slideBlocks(lines);
  const right = ladder ? SLIDE_LADDER_BOX.width + SLIDE_LADDER_BOX.right + 16 : SLIDE_FIT.side;
  const width = SLIDE_FIT.width - SLIDE_FIT.side - right;
  const room = SLIDE_FIT.height - SLIDE_FIT.top - SLIDE_FIT.bottom;
  return SLIDE_FONTS.find((f) => slideTextHeight(blocks, f, width) <= room) ?? null;
}

/**
 * The lesson as Marp slides (`marp: true`; slides separated by `---`, each with a blank line before it so no line
 * above turns into a setext heading): a title slide, one slide per step with the tcpdump line, the ladder so far
 * as an inline SVG (the slide's background, on the right) beside the explanation, and a closing slide with the verdicts and the questions.
 */
export function formatSlides(model: StepModel, opts: HandoutOptions): string {
  const { lang } = opts;
  const w = lessonWords(lang);
  const h = header(opts);
  const slides: Array<{ lines: string[]; ladder: boolean }> = [];
  const first = [`# ${mdEscape(h.title)}`, ''];
  if (h.story) first.push(mdEscape(h.story), '');
  if (h.goals.length > 0) first.push(`## ${mdEscape(w.ui.goals)}`, '', ...h.goals.map((g) => `- ${mdEscape(g)}`), '');
  slides.push({ lines: first, ladder: false });
  for (const step of model.steps) {
    const s: string[] = [];
    const ladder = slideLadder(model, step.index);
    // The ladder on the right, the words on the left.
    if (ladder) s.push(...slideBackground(formatSvg(ladder, { lang, legend: false, compact: true })), '');
    s.push(`## ${mdEscape(`${w.ui.step({ n: step.index + 1, total: model.steps.length })} · ${w.ui.line(step.rec.line)}`)}`, '');
    // The packet as tcpdump printed it (with -v, its IP header line and its TCP line), one code span a line.
    s.push(...packetLines(step.rec.raw).flatMap((l) => [code(l.trim()), '']));
    // On the slide: what the segment is (the first note), the lesson's points and the state changes; the rest of the
    // explanation goes to the presenter notes (an HTML comment, Marp's notes; `--` would end the comment early). A
    // slide whose text would not fit at the smallest font gives its first note to the notes, then its last points
    // (a line says how many).
    const { notes, points } = stepTexts(step, lang, model.numbering);
    const states = transitionTexts(step, lang).map((t) => `- ${mdEscape(w.ui.states)}${CMD_CATALOGS[lang].report.sep}${mdEscape(t)}`);
    const variant = (first: boolean, kept: number): { shown: string[]; noted: string[] } => {
      const shown = [...(first && notes.length > 0 ? [`- ${mdEscape(notes[0])}`] : []), ...points.slice(0, kept).map((p) => `- **${mdEscape(p)}**`)];
      if (kept < points.length) shown.push(`- *${mdEscape(w.ui.slideMore(points.length - kept))}*`);
      shown.push(...states);
      const noted = [...(first ? [] : notes.slice(0, 1)), ...points.slice(kept), ...notes.slice(1)];
      return { shown, noted };
    };
    let chosen = variant(true, points.length);
    const fits = (v: { shown: string[] }) => slideFont([...s, ...v.shown], ladder !== null) !== null;
    if (!fits(chosen)) {
      chosen = variant(false, points.length);
      for (let kept = points.length - 1; kept >= 0 && !fits(chosen); kept--) chosen = variant(false, kept);
    }
    s.push(...chosen.shown);
    if (chosen.noted.length > 0) s.push('', '<!--', ...chosen.noted.map((n) => n.replace(/--/g, '- -')), '-->');
    s.push('');
    slides.push({ lines: s, ladder: ladder !== null });
  }
  const end = closing(model, opts, '##');
  if (end.length > 0) slides.push({ lines: end, ladder: false });
  const front = [
    '---',
    'marp: true',
    'paginate: true',
    `title: ${JSON.stringify(h.title)}`,
    'style: |',
    '  section { font-size: 22px; }',
    '  code { font-size: 0.8em; }',
    `  section.ladder { padding-right: ${SLIDE_LADDER_BOX.width + SLIDE_LADDER_BOX.right + 16}px; background-repeat: no-repeat; }`,
    ...SLIDE_FONTS.slice(1).map((f) => `  section.f${f} { font-size: ${f}px; }`),
    '---',
    '',
  ];
  // Each slide's class: `ladder` when it has one, and a smaller font when its text would not fit at 22 px.
  const body = slides
    .map(({ lines, ladder }) => {
      const f = slideFont(lines, ladder) ?? SLIDE_FONTS[SLIDE_FONTS.length - 1];
      const cls = [...(ladder ? ['ladder'] : []), ...(f !== SLIDE_FONTS[0] ? [`f${f}`] : [])];
      return (cls.length > 0 ? [`<!-- _class: ${cls.join(' ')} -->`, ...lines] : lines).join('\n').replace(/\n{3,}/g, '\n\n').trimEnd();
    })
    .join('\n\n---\n\n');
  return `${front.join('\n')}\n${body}\n`;
}
