// What a teacher takes away from a lesson: the steps as a Markdown handout (a heading and fenced blocks per step)
// and as Marp slides (one step a slide, with the ladder so far as an inline SVG).

import type { Lang } from '../explain';
import { CMD_CATALOGS } from '../explain/command';
import type { LessonId, LessonQuestion } from '../explain/locales/lesson-en';
import { formatMermaid } from '../report/format-mermaid';
import { mdEscape } from '../report/format-markdown';
import { formatSvg } from '../report/format-svg';
import { sliceLadder, type Ladder } from '../report/ladder';
import { arrowLine, endVerdicts, lessonWords, questionTexts, stepTexts, transitionTexts } from './format';
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

/** An SVG as a Markdown image: a data URI, which Marp, reveal.js and any CommonMark renderer show (raw `<svg>` HTML Marp strips). */
function svgImage(svg: string, alt: string): string {
  return `![${alt}](data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')})`;
}

/**
 * The lesson as Marp slides (`marp: true`; slides separated by `---`, each with a blank line before it so no line
 * above turns into a setext heading): a title slide, one slide per step with the tcpdump line, the ladder so far
 * as an inline SVG beside the explanation, and a closing slide with the verdicts and the questions.
 */
export function formatSlides(model: StepModel, opts: HandoutOptions): string {
  const { lang } = opts;
  const w = lessonWords(lang);
  const h = header(opts);
  const slides: string[][] = [];
  const first = [`# ${mdEscape(h.title)}`, ''];
  if (h.story) first.push(mdEscape(h.story), '');
  if (h.goals.length > 0) first.push(`## ${mdEscape(w.ui.goals)}`, '', ...h.goals.map((g) => `- ${mdEscape(g)}`), '');
  slides.push(first);
  for (const step of model.steps) {
    const s: string[] = [`## ${mdEscape(`${w.ui.step({ n: step.index + 1, total: model.steps.length })} · ${w.ui.line(step.rec.line)}`)}`, ''];
    const ladder = slideLadder(model, step.index);
    // Marp's split background: the ladder on the right half, the words on the left (elsewhere, an image in the flow).
    if (ladder) s.push(svgImage(formatSvg(ladder, { lang, legend: false }), 'bg right:50% contain'), '');
    s.push(code(step.rec.raw.split('\n')[0]), '');
    // On the slide: what the segment is (the first note), the lesson's points and the state changes; the rest of the
    // explanation goes to the presenter notes (an HTML comment, Marp's notes; `--` would end the comment early).
    const { notes, points } = stepTexts(step, lang, model.numbering);
    if (notes.length > 0) s.push(`- ${mdEscape(notes[0])}`);
    for (const p of points) s.push(`- **${mdEscape(p)}**`);
    for (const t of transitionTexts(step, lang)) s.push(`- ${mdEscape(w.ui.states)}${CMD_CATALOGS[lang].report.sep}${mdEscape(t)}`);
    if (notes.length > 1) s.push('', '<!--', ...notes.slice(1).map((n) => n.replace(/--/g, '- -')), '-->');
    s.push('');
    slides.push(s);
  }
  const end = closing(model, opts, '##');
  if (end.length > 0) slides.push(end);
  const front = ['---', 'marp: true', 'paginate: true', `title: ${JSON.stringify(h.title)}`, 'style: |', '  section { font-size: 22px; }', '  code { font-size: 0.8em; }', '---', ''];
  const body = slides.map((s) => s.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()).join('\n\n---\n\n');
  return `${front.join('\n')}\n${body}\n`;
}
