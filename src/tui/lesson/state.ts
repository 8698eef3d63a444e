// Step-mode and quiz state of the lesson viewer, and the pure reducer that moves it on key actions.

import { checkAnswer, type QuizQuestion } from '../../teach';

export type LessonPhase = 'browse' | 'asking' | 'end';

/** Progressive reveal inside a step: the arrow, then its numbers, then the states, then the explanation. */
export const STAGES = ['arrow', 'numbers', 'states', 'point'] as const;
export type Stage = (typeof STAGES)[number];
export const FULL = STAGES.length - 1;

export interface LessonUiState {
  /** Index of the last revealed step; -1 before the first (the lesson's goals are shown). */
  cursor: number;
  phase: LessonPhase;
  /** The question being asked or last answered (index into the quiz). */
  question: number | null;
  /** Digits typed so far: a numeric answer while asking, a step number to go to otherwise. */
  typed: string;
  /** Results of answered questions, by question index; `right` is null for an answer revealed to a class vote. */
  results: Array<{ right: boolean | null; given: string } | undefined>;
  /** The question whose feedback is shown next to the step it revealed. */
  feedback: number | null;
  /** How much of the current step is shown (index into STAGES); FULL unless progressive reveal is on. */
  reveal: number;
  /** Whether → reveals a step stage by stage before moving on. */
  progressive: boolean;
  /** First shown line of the explanation; null lets the screen choose (the top, or the stage just revealed). */
  scroll: number | null;
  /** Whether the end-of-lesson answers are shown. */
  answersShown: boolean;
  /** Whether the state diagram takes the explanation's place (narrow screens). */
  diagram: boolean;
  quit: boolean;
}

export type LessonAction =
  | { kind: 'next' }
  | { kind: 'back' }
  | { kind: 'quit' }
  | { kind: 'choose'; option: number }
  | { kind: 'digit'; digit: string }
  | { kind: 'erase' }
  | { kind: 'submit' }
  | { kind: 'first' }
  | { kind: 'last' }
  | { kind: 'scroll'; by: number }
  | { kind: 'toggleReveal' }
  | { kind: 'toggleDiagram' }
  | { kind: 'showAnswers' };

export interface LessonContext {
  steps: number;
  quiz: readonly QuizQuestion[];
  /** Class vote: options are shown to the room and the answer is revealed on a key, nobody answers. */
  vote?: boolean;
  /** The explanation's scroll position and limit as last drawn (the reducer cannot measure text). */
  view?: { offset: number; max: number };
}

export function initialLessonState(): LessonUiState {
  return { cursor: -1, phase: 'browse', question: null, typed: '', results: [], feedback: null, reveal: FULL, progressive: false, scroll: null, answersShown: false, diagram: false, quit: false };
}

function answer(state: LessonUiState, q: QuizQuestion, index: number, given: string, right: boolean | null): LessonUiState {
  const results = state.results.slice();
  results[index] = { right, given };
  // Answering reveals the segment that was predicted, whole, with the verdict on the answer beside it.
  return { ...state, phase: 'browse', cursor: q.step, question: null, typed: '', results, feedback: index, reveal: FULL, scroll: null };
}

/** Shows step `target` (0-based), or asks its question first when the quiz has one not yet answered. */
function goTo(state: LessonUiState, target: number, ctx: LessonContext): LessonUiState {
  const t = Math.max(0, Math.min(ctx.steps - 1, target));
  const base = { ...state, typed: '', feedback: null, scroll: null };
  const qi = ctx.quiz.findIndex((q) => q.step === t);
  // The segment to predict stays hidden: the ladder shows the steps before it while the question is asked.
  if (qi >= 0 && state.results[qi] === undefined) return { ...base, phase: 'asking', cursor: t - 1, question: qi, reveal: FULL };
  return { ...base, phase: 'browse', cursor: t, question: null, reveal: state.progressive ? 0 : FULL };
}

function scrollBy(state: LessonUiState, by: number, ctx: LessonContext): LessonUiState {
  const view = ctx.view ?? { offset: state.scroll ?? 0, max: Number.MAX_SAFE_INTEGER };
  const from = state.scroll ?? view.offset;
  return { ...state, scroll: Math.max(0, Math.min(view.max, from + by)) };
}

export function reduceLesson(state: LessonUiState, action: LessonAction, ctx: LessonContext): LessonUiState {
  if (action.kind === 'quit') return { ...state, quit: true };
  if (action.kind === 'scroll') return scrollBy(state, action.by, ctx);
  if (action.kind === 'toggleDiagram') return { ...state, diagram: !state.diagram };
  if (state.phase === 'asking' && state.question !== null) {
    const q = ctx.quiz[state.question];
    if (ctx.vote) {
      // A class vote: the room answers aloud; any confirming key reveals the answer and explains every option.
      if (action.kind === 'next' || action.kind === 'submit') return answer(state, q, state.question, '', null);
      if (action.kind === 'back') return { ...state, phase: 'browse', question: null, typed: '' };
      return state;
    }
    switch (action.kind) {
      case 'choose':
        if (!q.options || action.option < 0 || action.option >= q.options.length) return state;
        return answer(state, q, state.question, q.options[action.option], checkAnswer(q, action.option));
      case 'digit':
        return q.options ? state : { ...state, typed: (state.typed + action.digit).slice(0, 12) };
      case 'erase':
        return { ...state, typed: state.typed.slice(0, -1) };
      case 'submit':
        if (q.options || state.typed === '') return state;
        return answer(state, q, state.question, state.typed, checkAnswer(q, state.typed));
      case 'back':
        return { ...state, phase: 'browse', question: null, typed: '' };
      default:
        return state;
    }
  }
  switch (action.kind) {
    case 'next': {
      if (state.phase === 'end') return state;
      // Progressive reveal: the rest of this step first, one stage per key.
      if (state.cursor >= 0 && state.reveal < FULL) return { ...state, reveal: state.reveal + 1, scroll: null, typed: '' };
      const target = state.cursor + 1;
      if (target >= ctx.steps) return { ...state, phase: 'end', feedback: null, typed: '', scroll: null };
      return goTo(state, target, ctx);
    }
    case 'back':
      if (state.phase === 'end') return { ...state, phase: 'browse', scroll: null, reveal: FULL };
      return { ...state, cursor: Math.max(-1, state.cursor - 1), feedback: null, typed: '', reveal: FULL, scroll: null };
    case 'first':
      return goTo({ ...state, phase: 'browse' }, 0, ctx);
    case 'last':
      return goTo({ ...state, phase: 'browse' }, ctx.steps - 1, ctx);
    case 'digit':
      return { ...state, typed: (state.typed + action.digit).slice(0, 6) };
    case 'erase':
      return { ...state, typed: state.typed.slice(0, -1) };
    case 'submit':
      // Enter after digits goes to that step (1-based, as the title bar counts); Enter alone moves on.
      if (state.typed === '') return reduceLesson(state, { kind: 'next' }, ctx);
      return goTo({ ...state, phase: 'browse' }, Number(state.typed) - 1, ctx);
    case 'toggleReveal':
      return { ...state, progressive: !state.progressive, reveal: FULL };
    case 'showAnswers':
      return state.phase === 'end' ? { ...state, answersShown: true } : state;
    default:
      return state;
  }
}

/** Right answers, questions answered by the learner, and answers revealed to a class vote. */
export function score(state: LessonUiState): { right: number; answered: number; revealed: number } {
  let right = 0;
  let answered = 0;
  let revealed = 0;
  for (const r of state.results) {
    if (!r) continue;
    revealed++;
    if (r.right === null) continue;
    answered++;
    if (r.right) right++;
  }
  return { right, answered, revealed };
}

export interface LessonKey {
  leftArrow?: boolean;
  rightArrow?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
}

/**
 * The action of a key: arrows, vi keys, space and n/p to move; ↑↓ (j/k, PgUp/PgDn) to scroll; digits then Enter to
 * go to a step; g/G (Home/End) first and last step; r progressive reveal; d the state diagram; a the answers at the
 * end; 1-4 or a-d to choose, digits, Backspace and Enter to type an answer.
 */
export function lessonKeyAction(input: string, key: LessonKey, state: LessonUiState, quiz: readonly QuizQuestion[], page = 5): LessonAction | null {
  if (input === 'q' || (key.ctrl && input === 'c')) return { kind: 'quit' };
  if (key.rightArrow) return { kind: 'next' };
  if (key.leftArrow) return { kind: 'back' };
  if (key.upArrow || input === 'k') return { kind: 'scroll', by: -1 };
  if (key.downArrow || input === 'j') return { kind: 'scroll', by: 1 };
  if (key.pageUp) return { kind: 'scroll', by: -page };
  if (key.pageDown) return { kind: 'scroll', by: page };
  if (state.phase === 'asking' && state.question !== null) {
    const q = quiz[state.question];
    if (key.return || input === ' ') return { kind: 'submit' };
    if (q.options) {
      const n = '1234'.indexOf(input) >= 0 ? '1234'.indexOf(input) : 'abcd'.indexOf(input);
      if (input.length === 1 && n >= 0) return { kind: 'choose', option: n };
      return null;
    }
    if (/^\d$/.test(input)) return { kind: 'digit', digit: input };
    if (key.backspace || key.delete) return { kind: 'erase' };
    return null;
  }
  if (/^\d$/.test(input)) return { kind: 'digit', digit: input };
  if ((key.backspace || key.delete) && state.typed !== '') return { kind: 'erase' };
  if (key.return) return { kind: 'submit' };
  if (input === 'l' || input === ' ' || input === 'n') return { kind: 'next' };
  if (input === 'h' || input === 'p') return { kind: 'back' };
  if (input === 'g' || key.home) return { kind: 'first' };
  if (input === 'G' || key.end) return { kind: 'last' };
  if (input === 'r') return { kind: 'toggleReveal' };
  if (input === 'd') return { kind: 'toggleDiagram' };
  if (input === 'a') return { kind: 'showAnswers' };
  return null;
}
