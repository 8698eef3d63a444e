// Draws one frame of the lesson viewer as styled lines, laid out for a projector: the ladder on top, the step's words
// under it (scrolled when they do not fit), the state diagram beside them on a wide screen or on `d` on a narrow one.

import { catalogFor, explainSegmentNotes, type Lang } from '../../explain';
import type { LessonId, LessonQuestion } from '../../explain/locales/lesson-en';
import { endpointKey } from '../../model';
import { ladderLabel, type LadderRow } from '../../report/ladder';
import {
  endVerdicts,
  explainOptionsOf,
  ladderAt,
  lessonWords,
  questionTexts,
  quizPrompt,
  quizWhyText,
  stateDiagram,
  statesAt,
  stepTexts,
  type QuizQuestion,
  type Step,
  type StepModel,
} from '../../teach';
import { fit, fitLine, padStart, truncate, width as cols, wrap, type Line, type Span } from '../text';
import { KIND_COLOR, THEME } from '../theme';
import { FULL, score, type LessonUiState } from './state';

/** A lesson's framing when it is not a built-in one (a teacher's file): title, story, goals. */
export interface LessonIntro {
  title: string;
  story: string;
  goals: string[];
}

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
  /** A teacher's lesson: its own title, story and goals (instead of a built-in lesson's). */
  intro?: LessonIntro | null;
  /** A teacher's own points, by step index, shown after the computed ones. */
  notes?: ReadonlyMap<number, readonly string[]>;
  /** A teacher's own end-of-lesson questions with their answers, after the computed ones. */
  ownQuestions?: ReadonlyArray<readonly [string, string]>;
  /** Class vote: the quiz's options are shown to the room and the answer revealed on a key. */
  vote?: boolean;
}

export interface LessonScreen extends LessonContent {
  width: number;
  height: number;
}

/** One frame, and where its explanation is scrolled to (the app feeds it back to the reducer). */
export interface LessonFrame {
  lines: Line[];
  scroll: { offset: number; max: number; page: number };
}

const DIAGRAM_WIDTH = 42;
/** Diagram title, 13 drawing rows, 2 legend rows. */
const DIAGRAM_HEIGHT = 16;
/** From this width the diagram stands beside the explanation; below it, `d` shows it in the explanation's place. */
const WIDE = 104;

const blank = (width: number): Line => [{ text: ' '.repeat(width) }];

export function introOf(s: LessonContent): LessonIntro | null {
  if (s.intro) return s.intro;
  return s.lesson ? lessonWords(s.lang).lessons[s.lesson] : null;
}

/** An option or answer as shown: flags as tcpdump prints them, in brackets (`[F.]`, never `F..` before a period). */
export function shownAnswer(q: QuizQuestion, value: string): string {
  return q.kind === 'flags' ? `[${value}]` : value;
}

/** What a quiz choice would have meant: a flag set's role, a state's meaning. */
function choiceMeaning(q: QuizQuestion, option: string, lang: Lang): string | null {
  const w = lessonWords(lang);
  if (q.kind === 'flags') return (w.quiz.flagMeaning as Record<string, string>)[option] ?? null;
  if (q.kind === 'state') return catalogFor(lang).states[option as keyof ReturnType<typeof catalogFor>['states']]?.meaning ?? null;
  return null;
}

/** The state diagram after the revealed step (before it while its states are not revealed yet), with a two-line legend. */
function diagramLines(s: LessonScreen, state: LessonUiState): Line[] {
  const w = lessonWords(s.lang);
  const step = state.cursor >= 0 ? s.model.steps[state.cursor] : null;
  const shown = step !== null && (state.reveal >= 2 || state.phase !== 'browse');
  const states = statesAt(s.model, step ? (shown ? state.cursor : state.cursor - 1) : -1);
  const rows = stateDiagram(states, shown && step ? step.analysis.transitions : []);
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
  for (const l of w.ui.legendLines) out.push(fitLine([{ text: l, color: THEME.dim }], DIAGRAM_WIDTH));
  return out;
}

function wrapped(text: string, width: number, style: Omit<Span, 'text'> = {}, indent = ''): Line[] {
  return wrap(text, Math.max(10, width - cols(indent))).map((t, i) => fitLine([{ text: (i === 0 ? indent : ' '.repeat(cols(indent))) + t, ...style }], width));
}

function timeText(row: LadderRow): string {
  if (row.sinceStart !== null) return row.sinceStart < 100 ? row.sinceStart.toFixed(6) : row.sinceStart.toFixed(3);
  if (row.time !== null) return row.time.length > 8 ? row.time.slice(-8) : row.time;
  return '';
}

/** The last state an end reached on this row (a segment can move it through two: FIN_WAIT_2 then TIME_WAIT). */
function laneState(row: LadderRow, lane: 'client' | 'server'): string {
  const c = row.changes.filter((x) => x.lane === lane);
  return c.length === 0 ? '' : c[c.length - 1].to;
}

/**
 * The ladder of the step's connection up to the step, sized for a projector: full state names (12 columns each),
 * the time when there is room, the labels cut last. The current row shows only what the reveal stage allows.
 */
function ladderBlock(s: LessonScreen, state: LessonUiState, width: number, height: number): Line[] {
  const w = lessonWords(s.lang);
  const out: Line[] = [];
  if (height <= 0) return out;
  const step = state.cursor >= 0 ? s.model.steps[state.cursor] : null;
  const ladder = step ? ladderAt(s.model, step.index) : null;
  if (!ladder) return out;
  const time = width >= 72 ? 10 : 0;
  const st = 12;
  const arrow = Math.max(8, width - time - 2 * st - 2);
  const client = `${w.side.client} ${endpointKey(ladder.client)}`;
  const server = `${w.side.server} ${endpointKey(ladder.server)}`;
  const gap = Math.max(1, width - cols(client) - cols(server) - cols(ladder.conn) - 2);
  out.push(
    fitLine(
      [
        { text: `${ladder.conn} `, color: THEME.dim },
        { text: client, color: THEME.client, bold: true },
        { text: ' '.repeat(gap) },
        { text: server, color: THEME.server, bold: true },
      ],
      width,
    ),
  );
  out.push(
    fitLine(
      [
        { text: ' '.repeat(time) },
        { text: padStart(ladder.initial.client ?? '', st), color: THEME.state },
        { text: '│', color: THEME.client },
        { text: ' '.repeat(arrow) },
        { text: '│', color: THEME.server },
        { text: ladder.initial.server ?? '', color: THEME.state },
      ],
      width,
    ),
  );
  const room = Math.max(1, height - out.length);
  const first = Math.max(0, ladder.rows.length - room);
  ladder.rows.slice(first).forEach((row, k) => {
    const current = first + k === ladder.rows.length - 1;
    const numbers = !current || state.reveal >= 1 || state.phase === 'asking';
    const states = !current || state.reveal >= 2 || state.phase === 'asking';
    const label = truncate(numbers ? ladderLabel(row) : row.flags, Math.max(1, arrow - 5));
    const shaft = '─'.repeat(Math.max(1, arrow - cols(label) - 4));
    const text = row.from === 'client' ? `─ ${label} ${shaft}►` : `◄${shaft} ${label} ─`;
    const spans: Span[] = [];
    if (time > 0) spans.push({ text: (current ? '▸' : ' ') + padStart(timeText(row), time - 2) + ' ', color: current ? THEME.borderFocus : THEME.dim });
    spans.push(
      { text: padStart(states ? laneState(row, 'client') : '', st), color: THEME.state },
      { text: '│', color: THEME.client },
      { text: fit(text, arrow), color: KIND_COLOR[row.kind], bold: row.kind !== 'ack' || current },
      { text: '│', color: THEME.server },
      { text: fit(states ? laneState(row, 'server') : '', st), color: THEME.state },
    );
    const line = fitLine(spans, width);
    out.push(current && time === 0 ? line.map((x) => ({ ...x, inverse: true })) : line);
  });
  while (out.length < height) out.push(blank(width));
  return out.slice(0, height);
}

/** The quiz feedback shown with the revealed segment: right or wrong (and what the wrong choice meant), or the class vote's answer with every other option explained. */
function feedbackLines(s: LessonScreen, state: LessonUiState, width: number): Line[] {
  if (state.feedback === null) return [];
  const w = lessonWords(s.lang);
  const q = s.quiz[state.feedback];
  const r = state.results[state.feedback];
  if (!q || !r) return [];
  const out: Line[] = [];
  const answer = shownAnswer(q, q.answer);
  if (r.right === null) {
    out.push(...wrapped(w.quiz.answerIs(answer), width, { bold: true, color: 'green' }));
    out.push(...wrapped(quizWhyText(q, s.model, s.lang), width, { color: THEME.title }));
    for (const o of q.options ?? []) {
      if (o === q.answer) continue;
      const meaning = choiceMeaning(q, o, s.lang);
      if (meaning) out.push(...wrapped(w.quiz.notThis({ option: shownAnswer(q, o), meaning }), width, { color: THEME.dim }, '  '));
    }
    out.push(fitLine([{ text: w.quiz.revealed({ shown: score(state).revealed, total: s.quiz.length }), color: THEME.dim }], width));
    return out;
  }
  out.push(...wrapped(r.right ? w.quiz.correct : w.quiz.wrong(answer), width, { bold: true, color: r.right ? 'green' : 'red' }));
  if (!r.right && q.options) {
    const meaning = choiceMeaning(q, r.given, s.lang);
    if (meaning) out.push(...wrapped(w.quiz.youChose({ given: shownAnswer(q, r.given), meaning }), width, { color: 'red' }));
  }
  out.push(...wrapped(quizWhyText(q, s.model, s.lang), width, { color: THEME.title }));
  const sc = score(state);
  out.push(fitLine([{ text: w.quiz.score({ right: sc.right, answered: sc.answered, total: s.quiz.length }), bold: true }], width));
  return out;
}

const NUMBER_NOTES = new Set(['seq', 'ack', 'window', 'options', 'payload', 'warning', 'record']);

/**
 * The words of a revealed step, stage by stage (arrow: what the segment does; numbers: the tcpdump line and its
 * seq/ack/window; states: the state changes; point: findings and the lesson's points), each said once. `anchor` is
 * where the newest revealed stage starts.
 */
function stepBody(s: LessonScreen, state: LessonUiState, step: Step, width: number): { lines: Line[]; anchor: number } {
  const w = lessonWords(s.lang);
  const out: Line[] = [...feedbackLines(s, state, width)];
  let anchor = 0;
  const reveal = state.reveal;
  // What the answer's explanation already said is not said again: the segment's role (flags questions) or its state change.
  const q = state.feedback !== null ? s.quiz[state.feedback] : null;
  const why = q?.why ?? null;
  const notes = explainSegmentNotes(step.rec, step.analysis, s.lang, explainOptionsOf(step, s.model.numbering)).filter((n) => {
    if (why?.code === 'flags' && n.kind === 'role') return false;
    if (why?.code === 'state-change' && n.kind === 'state' && n.text.includes(why.from !== null ? `${why.from} → ${why.to}` : `→ ${why.to}`)) return false;
    return true;
  });
  const stage = (n: number): void => {
    if (reveal === n && n > 0) anchor = out.length;
  };
  for (const n of notes) if (n.kind === 'role' || n.kind === 'flag') out.push(...wrapped(n.text, width, { bold: true }));
  if (reveal >= 1) {
    stage(1);
    for (const raw of step.rec.raw.split('\n')) out.push(...wrapped(raw, width, { color: THEME.dim }));
    for (const n of notes) if (NUMBER_NOTES.has(n.kind)) out.push(...wrapped(n.text, width, {}, '  '));
  }
  if (reveal >= 2) {
    stage(2);
    const stateNotes = notes.filter((n) => n.kind === 'state');
    for (const n of stateNotes) out.push(...wrapped(n.text, width, { color: THEME.state }, '  '));
    // A transition the explanation already named (`SYN_SENT → ESTABLISHED`) is not said again.
    const told = (from: string | null, to: string): boolean => stateNotes.some((n) => n.text.includes(from !== null ? `${from} → ${to}` : `→ ${to}`));
    const ts = step.analysis.transitions.filter((t) => !told(t.from, t.to));
    if (step.analysis.transitions.length === 0) out.push(fitLine([{ text: w.ui.statesLine(w.ui.noChange), color: THEME.state }], width));
    for (const t of ts) out.push(fitLine([{ text: w.ui.statesLine(w.ui.transition({ end: t.end, from: t.from, to: t.to })), color: THEME.state }], width));
  }
  if (reveal >= 3) {
    stage(3);
    for (const n of notes) if (n.kind === 'finding') out.push(...wrapped(n.text, width, {}, '  '));
    const { points } = stepTexts(step, s.lang, s.model.numbering);
    for (const p of points) out.push(...wrapped(p, width, { color: 'yellow' }, '* '));
    for (const p of s.notes?.get(step.index) ?? []) out.push(...wrapped(p, width, { color: 'yellow', bold: true }, '* '));
  }
  if (reveal < FULL) out.push(fitLine([{ text: w.ui.nextStage((['numbers', 'states', 'point'] as const)[reveal]), color: THEME.dim }], width));
  return { lines: out, anchor };
}

/** The words under the ladder: goals before the first step, the step's explanation, the question being asked, or the end. */
function bodyLines(s: LessonScreen, state: LessonUiState, width: number): { lines: Line[]; anchor: number } {
  const w = lessonWords(s.lang);
  const out: Line[] = [];
  if (state.phase === 'asking' && state.question !== null) {
    const q = s.quiz[state.question];
    out.push(...wrapped(quizPrompt(q, s.lang), width, { bold: true, color: THEME.title }));
    if (q.options) {
      q.options.forEach((o, i) => out.push(fitLine([{ text: `  ${i + 1}) `, color: THEME.dim }, { text: shownAnswer(q, o), bold: true }], width)));
      out.push(...wrapped(s.vote ? w.quiz.vote : w.quiz.chooseOption, width, { color: THEME.dim }, '  '));
    } else if (s.vote) {
      out.push(...wrapped(w.quiz.vote, width, { color: THEME.dim }, '  '));
    } else {
      out.push(fitLine([{ text: '  > ', color: THEME.dim }, { text: state.typed, bold: true }, { text: '▏' }], width));
      out.push(fitLine([{ text: `  ${w.quiz.typeNumber}`, color: THEME.dim }], width));
    }
    return { lines: out, anchor: 0 };
  }
  if (state.phase === 'end') {
    out.push(fitLine([{ text: w.ui.end, bold: true, color: THEME.title }], width));
    if (s.quiz.length > 0) {
      const sc = score(state);
      const text = s.vote ? w.quiz.revealed({ shown: sc.revealed, total: s.quiz.length }) : w.quiz.score({ right: sc.right, answered: sc.answered, total: s.quiz.length });
      out.push(fitLine([{ text, bold: true }], width));
    }
    for (const v of endVerdicts(s.model, s.lang)) {
      out.push(...wrapped(v.headline, width, { bold: true }));
      out.push(...wrapped(v.summary, width, {}, '  '));
    }
    const qs = [...questionTexts(s.questions, s.lang), ...(s.ownQuestions ?? [])];
    if (qs.length > 0) {
      out.push(fitLine([{ text: `${w.ui.questions}${w.ui.colon.trimEnd()}`, bold: true }], width));
      qs.forEach(([q, a], i) => {
        out.push(...wrapped(`${i + 1}. ${q}`, width, {}, '  '));
        if (state.answersShown) out.push(...wrapped(`${w.ui.answer}${w.ui.colon}${a}`, width, { color: 'green' }, '     '));
      });
      if (!state.answersShown) out.push(fitLine([{ text: w.ui.answersHidden, color: THEME.dim }], width));
    }
    return { lines: out, anchor: 0 };
  }
  if (state.cursor < 0) {
    const intro = introOf(s);
    if (intro) {
      out.push(...wrapped(intro.story, width));
      out.push(fitLine([{ text: `${w.ui.goals}${w.ui.colon.trimEnd()}`, bold: true }], width));
      for (const g of intro.goals) out.push(...wrapped(g, width, {}, '  • '));
    }
    out.push(fitLine([{ text: w.ui.start, color: THEME.dim }], width));
    return { lines: out, anchor: 0 };
  }
  return stepBody(s, state, s.model.steps[state.cursor], width);
}

export function lessonFrame(s: LessonScreen, state: LessonUiState): LessonFrame {
  const { width, height, lang } = s;
  const w = lessonWords(lang);
  const title = introOf(s)?.title ?? s.source;
  const step = state.cursor >= 0 ? s.model.steps[state.cursor] : null;
  const src = s.model.sources[step?.part ?? 0];
  const where = src?.capture ? ` · ${w.ui.capture[src.capture]}` : '';
  const progress = w.ui.step({ n: state.cursor + 1, total: s.model.steps.length });
  const head: Span[] = [
    { text: ' tcplain ', color: THEME.title, bold: true, inverse: true },
    { text: ` ${title}`, bold: true },
    { text: ` · ${progress}${where}`, color: THEME.dim },
  ];
  if (state.progressive) head.push({ text: ` · ${w.ui.stepByStep}`, color: 'yellow' });
  if (s.quiz.length > 0) {
    const sc = score(state);
    const text = s.vote ? w.quiz.revealed({ shown: sc.revealed, total: s.quiz.length }) : w.quiz.score({ right: sc.right, answered: sc.answered, total: s.quiz.length });
    // The score rides in the title bar only when it fits: it is also under each answer and at the end.
    if (head.reduce((n, x) => n + cols(x.text), 0) + cols(text) + 3 <= width) head.push({ text: ` · ${text}`, color: THEME.dim });
  }
  const out: Line[] = [fitLine(head, width)];

  const avail = Math.max(1, height - 2);
  const wide = width >= WIDE;
  const showDiagram = state.phase !== 'end' && state.cursor >= 0 && (wide || state.diagram);
  const ladderNeed = step ? Math.min(ladderAt(s.model, step.index)?.rows.length ?? 0, 999) + 2 : 0;
  let ladderH = step ? Math.min(ladderNeed, Math.max(4, Math.floor(avail * 0.4))) : 0;
  // The diagram needs its 16 rows under the ladder: the ladder gives way, keeping its two head lines and one row.
  if (showDiagram) ladderH = Math.min(ladderH, Math.max(3, avail - DIAGRAM_HEIGHT));
  out.push(...ladderBlock(s, state, width, ladderH));
  const bodyH = Math.max(1, avail - ladderH);

  const bodyW = showDiagram && wide ? width - DIAGRAM_WIDTH - 1 : width;
  let left: Line[];
  let scroll = { offset: 0, max: 0, page: Math.max(1, bodyH - 2) };
  if (showDiagram && !wide) {
    left = [...diagramLines(s, state), fitLine([{ text: w.ui.diagramKey, color: THEME.dim }], width)].map((l) => fitLine(l, width));
  } else {
    const body = bodyLines(s, state, bodyW);
    const total = body.lines.length;
    if (total <= bodyH) left = body.lines;
    else {
      // One row tells where the explanation is and that ↑↓ scroll it.
      const rows = bodyH - 1;
      const max = Math.max(0, total - rows);
      const auto = state.progressive ? Math.min(body.anchor, max) : 0;
      const offset = Math.max(0, Math.min(max, state.scroll ?? auto));
      scroll = { offset, max, page: Math.max(1, rows - 1) };
      left = [...body.lines.slice(offset, offset + rows), fitLine([{ text: w.ui.scrolled({ from: offset + 1, to: Math.min(total, offset + rows), total }), color: THEME.borderFocus }], bodyW)];
    }
  }
  const right = showDiagram && wide ? diagramLines(s, state) : [];
  for (let i = 0; i < bodyH; i++) {
    const l = left[i] ?? blank(bodyW);
    out.push(right.length > 0 ? [...fitLine(l, bodyW), { text: ' ' }, ...(right[i] ?? blank(DIAGRAM_WIDTH))] : fitLine(l, width));
  }
  while (out.length < height - 1) out.push(blank(width));
  const keys =
    state.typed !== '' && state.phase !== 'asking'
      ? w.ui.goTo(state.typed)
      : state.phase === 'asking'
        ? s.vote
          ? w.ui.voteKeys
          : w.ui.quizKeys
        : w.ui.keys;
  out.push(fitLine([{ text: ` ${keys}`, color: state.typed !== '' && state.phase !== 'asking' ? 'yellow' : THEME.dim }], width));
  return { lines: out.slice(0, height), scroll };
}

export function renderLessonScreen(s: LessonScreen, state: LessonUiState): Line[] {
  return lessonFrame(s, state).lines;
}
