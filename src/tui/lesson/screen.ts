// Draws one frame of the lesson viewer as styled lines: title, growing ladder beside the state diagram, the step's words or the quiz question, keys.

import { explainVerdictText, type Lang } from '../../explain';
import type { LessonId, LessonQuestion } from '../../explain/locales/lesson-en';
import {
  arrowLine,
  ladderAt,
  lessonWords,
  questionTexts,
  quizPrompt,
  quizWhyText,
  stateDiagram,
  statesAt,
  stepTexts,
  transitionTexts,
  type QuizQuestion,
  type StepModel,
} from '../../teach';
import { ladderLines } from '../components/ladder-lines';
import { label } from '../labels';
import { fitLine, wrap, type Line, type Span } from '../text';
import { THEME } from '../theme';
import { score, type LessonUiState } from './state';

/** What a lesson run shows, whoever opens it (the CLI, the Ink app, one frame). */
export interface LessonContent {
  model: StepModel;
  /** Questions to ask before steps (empty: plain step mode). */
  quiz: readonly QuizQuestion[];
  lesson: LessonId | null;
  questions: readonly LessonQuestion[];
  lang: Lang;
  /** Title when there is no lesson (the teacher's file name). */
  source: string;
}

export interface LessonScreen extends LessonContent {
  width: number;
  height: number;
}

const DIAGRAM_WIDTH = 42;
const TOP = 16;

const blank = (width: number): Line => [{ text: ' '.repeat(width) }];

/** The state diagram after the revealed step, ends coloured like the ladder's lanes, the states just left dimmed. */
function diagramLines(s: LessonScreen, state: LessonUiState): Line[] {
  const w = lessonWords(s.lang);
  const step = state.cursor >= 0 ? s.model.steps[state.cursor] : null;
  const states = statesAt(s.model, step ? state.cursor : -1);
  const rows = stateDiagram(states, step ? step.analysis.transitions : []);
  const out: Line[] = [fitLine([{ text: w.ui.diagram, color: THEME.title, bold: true }], DIAGRAM_WIDTH)];
  for (const cells of rows) {
    const spans: Span[] = cells.map((c) => {
      if (c.kind === 'text') return { text: c.text, color: THEME.border };
      if (c.now.length === 2) return { text: c.text, color: THEME.state, bold: true, inverse: true };
      if (c.now.length === 1) return { text: c.text, color: c.now[0] === 'client' ? THEME.client : THEME.server, bold: true, inverse: true };
      if (c.left.length > 0) return { text: c.text, color: THEME.dim, underline: true };
      return { text: c.text, color: THEME.dim };
    });
    out.push(fitLine(spans, DIAGRAM_WIDTH));
  }
  out.push(fitLine([{ text: w.ui.legend, color: THEME.dim }], DIAGRAM_WIDTH));
  return out;
}

function wrapped(text: string, width: number, style: Omit<Span, 'text'> = {}, indent = ''): Line[] {
  return wrap(text, Math.max(10, width - indent.length)).map((t, i) => fitLine([{ text: (i === 0 ? indent : ' '.repeat(indent.length)) + t, ...style }], width));
}

/** The words under the ladder: goals before the first step, the step's explanation, the question being asked, or the end. */
function bodyLines(s: LessonScreen, state: LessonUiState, width: number): Line[] {
  const w = lessonWords(s.lang);
  const out: Line[] = [];
  if (state.phase === 'asking' && state.question !== null) {
    const q = s.quiz[state.question];
    out.push(...wrapped(quizPrompt(q, s.lang), width, { bold: true, color: THEME.title }));
    if (q.options) {
      q.options.forEach((o, i) => out.push(fitLine([{ text: `  ${i + 1}) `, color: THEME.dim }, { text: o, bold: true }], width)));
      out.push(fitLine([{ text: `  ${w.quiz.chooseOption}`, color: THEME.dim }], width));
    } else {
      out.push(fitLine([{ text: '  > ', color: THEME.dim }, { text: state.typed, bold: true }, { text: '▏' }], width));
      out.push(fitLine([{ text: `  ${w.quiz.typeNumber}`, color: THEME.dim }], width));
    }
    return out;
  }
  if (state.phase === 'end') {
    out.push(fitLine([{ text: w.ui.end, bold: true, color: THEME.title }], width));
    if (s.quiz.length > 0) {
      const { right } = score(state);
      out.push(fitLine([{ text: w.quiz.score({ right, total: s.quiz.length }), bold: true }], width));
    }
    const shown = new Set(s.model.steps.map((st) => `${st.part}/${st.analysis.conn}`));
    s.model.verdicts.forEach((vs, part) => {
      for (const v of vs) if (shown.has(`${part}/${v.conn}`) && v.lastLine <= (s.model.steps.filter((x) => x.part === part).at(-1)?.rec.line ?? 0)) out.push(...wrapped(explainVerdictText(v, s.lang).headline, width, { bold: true }));
    });
    if (s.questions.length > 0) {
      out.push(fitLine([{ text: `${w.ui.questions}:`, bold: true }], width));
      questionTexts(s.questions, s.lang).forEach(([q, a], i) => {
        out.push(...wrapped(`${i + 1}. ${q}`, width, {}, '  '));
        out.push(...wrapped(`${w.ui.answer}: ${a}`, width, { color: THEME.dim }, '     '));
      });
    }
    return out;
  }
  if (state.cursor < 0) {
    if (s.lesson) {
      const l = w.lessons[s.lesson];
      out.push(...wrapped(l.story, width));
      out.push(fitLine([{ text: `${w.ui.goals}:`, bold: true }], width));
      for (const g of l.goals) out.push(...wrapped(g, width, {}, '  • '));
    }
    out.push(fitLine([{ text: w.ui.start, color: THEME.dim }], width));
    return out;
  }
  const step = s.model.steps[state.cursor];
  if (state.feedback !== null) {
    const q = s.quiz[state.feedback];
    const r = state.results[state.feedback];
    if (q && r) {
      out.push(...wrapped(r.right ? w.quiz.correct : w.quiz.wrong(q.answer), width, { bold: true, color: r.right ? 'green' : 'red' }));
      out.push(...wrapped(quizWhyText(q, s.model, s.lang), width, { color: THEME.title }));
    }
  }
  for (const raw of step.rec.raw.split('\n')) out.push(fitLine([{ text: raw, color: THEME.dim }], width));
  out.push(fitLine([{ text: arrowLine(s.model, step, s.lang), bold: true }], width));
  const { notes, points } = stepTexts(step, s.lang, s.model.numbering);
  for (const p of points) out.push(...wrapped(p, width, { color: 'yellow' }, '* '));
  for (const n of notes) out.push(...wrapped(n, width, {}, '  '));
  for (const t of transitionTexts(step, s.lang)) out.push(fitLine([{ text: `${w.ui.states}: ${t}`, color: THEME.state }], width));
  return out;
}

export function renderLessonScreen(s: LessonScreen, state: LessonUiState): Line[] {
  const { width, height, lang } = s;
  const w = lessonWords(lang);
  const title = s.lesson ? w.lessons[s.lesson].title : s.source;
  const step = state.cursor >= 0 ? s.model.steps[state.cursor] : null;
  const src = s.model.sources[step?.part ?? 0];
  const where = src?.capture ? ` · ${w.ui.capture[src.capture]}` : '';
  const progress = w.ui.step({ n: state.cursor + 1, total: s.model.steps.length });
  const quizPart = s.quiz.length > 0 ? ` · ${w.quiz.score({ right: score(state).right, total: s.quiz.length })}` : '';
  const out: Line[] = [
    fitLine(
      [
        { text: ' tcplain ', color: THEME.title, bold: true, inverse: true },
        { text: ` ${title}`, bold: true },
        { text: ` · ${progress}${where}${quizPart}`, color: THEME.dim },
      ],
      width,
    ),
  ];

  // Top: the ladder grows on the left, the state diagram stands on the right.
  const ladderWidth = Math.max(20, width - DIAGRAM_WIDTH - 1);
  const ladder = step ? ladderAt(s.model, step.index) : null;
  const verdict = ladder?.verdict ? explainVerdictText(ladder.verdict, lang).headline : null;
  const left = ladderLines(ladder, {
    width: ladderWidth,
    height: TOP,
    selectedLine: step?.rec.line ?? null,
    label: (k) => (k === 'ladder.none' ? w.ui.start : label(lang, k)),
    verdictHeadline: verdict,
  });
  const right = diagramLines(s, state);
  for (let i = 0; i < TOP; i++) out.push([...left[i], { text: ' ' }, ...(right[i] ?? blank(DIAGRAM_WIDTH))]);

  const room = Math.max(1, height - out.length - 1);
  const body = bodyLines(s, state, width);
  // Keep the head of the body: the answer feedback, the segment and the lesson points come first.
  for (const l of body.slice(0, room)) out.push(l);
  while (out.length < height - 1) out.push(blank(width));
  out.push(fitLine([{ text: ` ${state.phase === 'asking' ? w.ui.quizKeys : w.ui.keys}`, color: THEME.dim }], width));
  return out.slice(0, height);
}
