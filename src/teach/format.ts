// Plain renderings of a lesson: the steps as text (no terminal needed), and a quiz as Markdown or text with its answer key.

import { explainSegmentNotes, explainVerdictText, type Lang } from '../explain';
import type { LessonId, LessonMessages, LessonQuestion } from '../explain/locales/lesson-en';
import { lessonEn } from '../explain/locales/lesson-en';
import { lessonZhCN } from '../explain/locales/lesson-zh-CN';
import { PAIR_CATALOGS } from '../report/format-pair';
import { ladderLabel } from '../report/ladder';
import type { QuizQuestion } from './quiz';
import { stateDiagramText } from './state-diagram';
import { explainOptionsOf, statesAt, type Step, type StepModel } from './steps';

export const LESSON_CATALOGS: Record<Lang, LessonMessages> = { en: lessonEn, 'zh-CN': lessonZhCN };

export const lessonWords = (lang: Lang): LessonMessages => LESSON_CATALOGS[lang];

/** The lesson's questions as `[question, answer]` pairs in `lang`. */
export function questionTexts(questions: readonly LessonQuestion[], lang: Lang): Array<[string, string]> {
  const w = lessonWords(lang);
  return questions.map((q) => {
    const m = w.questions[q.code] as { q: (p: LessonQuestion) => string; a: (p: LessonQuestion) => string };
    return [m.q(q), m.a(q)];
  });
}

/** `client ──S. seq 0 ack 1 win 65160──► server` in the reader's language, from the step's ladder row. */
export function arrowLine(model: StepModel, step: Step, lang: Lang): string {
  const row = model.ladders[step.part].get(step.analysis.conn)?.rows[step.row];
  const w = lessonWords(lang);
  if (!row) return '';
  const label = ladderLabel(row);
  return row.from === 'client' ? `${w.side.client} ── ${label} ──► ${w.side.server}` : `${w.side.client} ◄── ${label} ── ${w.side.server}`;
}

/** Everything one step says: the explanation of the segment, then the lesson's own points. */
export function stepTexts(step: Step, lang: Lang, numbering: StepModel['numbering']): { notes: string[]; points: string[] } {
  const w = lessonWords(lang);
  const notes = explainSegmentNotes(step.rec, step.analysis, lang, explainOptionsOf(step, numbering)).map((n) => n.text);
  const points = step.points.map((p) => (w.points[p.code] as (x: typeof p) => string)(p));
  return { notes, points };
}

/** The state lines of a step: `client: SYN_SENT ──► ESTABLISHED` per end that moved, or "no state change". */
export function transitionTexts(step: Step, lang: Lang): string[] {
  const w = lessonWords(lang);
  const ts = step.analysis.transitions;
  if (ts.length === 0) return [w.ui.noChange];
  return ts.map((t) => w.ui.transition({ end: t.end, from: t.from, to: t.to }));
}

/**
 * The verdicts a lesson ends on: the pair's when it has two captures (only both captures together tell a forged or
 * lost segment), else one per connection whose last segment was stepped through (a lesson that stops early has not
 * seen the end).
 */
export function endVerdicts(model: StepModel, lang: Lang): Array<{ headline: string; summary: string }> {
  if (model.pair) {
    const v = PAIR_CATALOGS[lang].verdicts[model.pair.verdict.code](model.pair.verdict, model.pair);
    return [{ headline: v.headline, summary: v.where }];
  }
  const lastStepped = new Map<string, number>();
  for (const s of model.steps) lastStepped.set(`${s.part}/${s.analysis.conn}`, s.rec.line);
  const out: Array<{ headline: string; summary: string }> = [];
  model.verdicts.forEach((vs, part) => {
    for (const v of vs) {
      const last = lastStepped.get(`${part}/${v.conn}`);
      if (last === undefined || last < v.lastLine) continue;
      out.push(explainVerdictText(v, lang));
    }
  });
  return out;
}

export interface StepsTextOptions {
  lang: Lang;
  lesson?: LessonId | null;
  questions?: readonly LessonQuestion[];
  /** A teacher's lesson: its title, story and goals (instead of a built-in lesson's). */
  intro?: { title: string; story: string; goals: readonly string[] } | null;
  /** A teacher's own points, by step index. */
  notes?: ReadonlyMap<number, readonly string[]>;
  /** A teacher's own questions with their answers, after the computed ones. */
  ownQuestions?: ReadonlyArray<readonly [string, string]>;
}

/** The whole lesson (or any capture) as text, one block per step: what a terminal-less reader or a script gets. */
export function formatStepsText(model: StepModel, opts: StepsTextOptions): string {
  const { lang } = opts;
  const w = lessonWords(lang);
  const out: string[] = [];
  const l = opts.intro ?? (opts.lesson ? w.lessons[opts.lesson] : null);
  if (l) {
    out.push(`# ${l.title}`, '');
    if (l.story !== '') out.push(l.story, '');
    if (l.goals.length > 0) out.push(`${w.ui.goals}${w.ui.colon.trimEnd()}`, ...l.goals.map((g) => `  - ${g}`), '');
  }
  let part = -1;
  for (const step of model.steps) {
    if (step.part !== part) {
      part = step.part;
      const src = model.sources[part];
      const where = src.capture ? `${w.ui.capture[src.capture]}${w.ui.colon}` : '';
      out.push(`== ${where}${src.source} ==`, '');
    }
    out.push(`── ${w.ui.step({ n: step.index + 1, total: model.steps.length })} · ${w.ui.line(step.rec.line)} ──`);
    out.push(step.rec.raw);
    out.push(`  ${arrowLine(model, step, lang)}`);
    const { notes, points } = stepTexts(step, lang, model.numbering);
    for (const n of notes) out.push(`  ${n}`);
    for (const p of points) out.push(`  * ${p}`);
    for (const p of opts.notes?.get(step.index) ?? []) out.push(`  * ${p}`);
    for (const t of transitionTexts(step, lang)) out.push(`  ${w.ui.statesLine(t)}`);
    if (step.analysis.transitions.length > 0) {
      for (const d of stateDiagramText(statesAt(model, step.index), step.analysis.transitions)) out.push(`    ${d}`);
      out.push(`    (${w.ui.legend})`);
    }
    out.push('');
  }
  for (const t of endVerdicts(model, lang)) out.push(`${t.headline}`, `  ${t.summary}`);
  const qs = [...questionTexts(opts.questions ?? [], lang), ...(opts.ownQuestions ?? [])];
  if (qs.length > 0) {
    out.push('', `${w.ui.questions}${w.ui.colon.trimEnd()}`);
    qs.forEach(([q, a], i) => out.push(`  ${i + 1}. ${q}`, `     ${w.ui.answer}${w.ui.colon}${a}`));
  }
  return out.join('\n') + '\n';
}

/**
 * The explanation of a quiz answer: the "why" sentence, then for flags the segment's own role note.
 * `key`: for an answer key that already shows the flags, a flags answer is the role note alone.
 */
export function quizWhyText(q: QuizQuestion, model: StepModel, lang: Lang, key = false): string {
  const w = lessonWords(lang);
  const why = (w.why[q.why.code] as (p: typeof q.why) => string)(q.why);
  if (q.why.code !== 'flags') return why;
  const step = model.steps[q.step];
  const role = explainSegmentNotes(step.rec, step.analysis, lang, explainOptionsOf(step, model.numbering)).find((n) => n.kind === 'role');
  if (!role) return why;
  return key ? role.text : w.quiz.because({ why, role: role.text });
}

/** The question's prompt: who sends the next segment, and what to predict. */
export function quizPrompt(q: QuizQuestion, lang: Lang): string {
  const w = lessonWords(lang);
  const ask = q.kind === 'state' ? w.quiz.ask.state(q.end ?? q.from) : w.quiz.ask[q.kind];
  return w.quiz.prompt({ intro: w.quiz.intro({ from: q.from, to: q.to }), ask });
}

const LETTERS = ['a', 'b', 'c', 'd'];

/**
 * The lines of a record that show the packet: its line, or with `-v` the IP header line and the TCP line under it
 * (the first line alone, `IP (tos 0x0, ttl 63, …)`, has no ports, flags or numbers). Hex dump lines are left out.
 */
export function packetLines(raw: string): string[] {
  const lines = raw.split('\n');
  return lines[0].includes(' > ') || lines.length === 1 ? [lines[0]] : lines.slice(0, 2);
}

/** The quiz as a Markdown handout: questions with their options, then the answer key with the reasons. */
export function formatQuizMarkdown(quiz: readonly QuizQuestion[], model: StepModel, opts: { lang: Lang; title: string }): string {
  const { lang } = opts;
  const w = lessonWords(lang);
  const out: string[] = [`# ${w.quiz.title(opts.title)}`, ''];
  quiz.forEach((q, i) => {
    const step = model.steps[q.step];
    // The segments before the one to predict, so the question can be answered on paper.
    const context = model.steps.filter((s) => s.part === step.part && s.index < q.step && s.index >= q.step - 3);
    out.push(`## ${i + 1}. ${w.quiz.stepOf({ step: q.step + 1, line: q.line })}`, '');
    if (context.length > 0) out.push('```', ...context.flatMap((s) => packetLines(s.rec.raw)), '```', '');
    out.push(quizPrompt(q, lang), '');
    if (q.options) q.options.forEach((o, k) => out.push(`- ${LETTERS[k]}) \`${o}\``));
    else out.push(`- ${w.quiz.typeNumber}${w.ui.colon}____`);
    out.push('');
  });
  out.push(`## ${w.quiz.answerKey}`, '');
  quiz.forEach((q, i) => {
    const letter = q.answerIndex !== null ? `${LETTERS[q.answerIndex]}) ` : '';
    out.push(`${i + 1}. ${letter}\`${q.answer}\`${w.ui.colon}${quizWhyText(q, model, lang, true)}`);
  });
  return out.join('\n') + '\n';
}
