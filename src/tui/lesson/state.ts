// Step-mode and quiz state of the lesson viewer, and the pure reducer that moves it on key actions.

import { checkAnswer, type QuizQuestion } from '../../teach';

export type LessonPhase = 'browse' | 'asking' | 'end';

export interface LessonUiState {
  /** Index of the last revealed step; -1 before the first (the lesson's goals are shown). */
  cursor: number;
  phase: LessonPhase;
  /** The question being asked or last answered (index into the quiz). */
  question: number | null;
  /** Digits typed so far for a numeric answer. */
  typed: string;
  /** Results of answered questions, by question index. */
  results: Array<{ right: boolean; given: string } | undefined>;
  /** The question whose feedback is shown next to the step it revealed. */
  feedback: number | null;
  quit: boolean;
}

export type LessonAction =
  | { kind: 'next' }
  | { kind: 'back' }
  | { kind: 'quit' }
  | { kind: 'choose'; option: number }
  | { kind: 'digit'; digit: string }
  | { kind: 'erase' }
  | { kind: 'submit' };

export interface LessonContext {
  steps: number;
  quiz: readonly QuizQuestion[];
}

export function initialLessonState(): LessonUiState {
  return { cursor: -1, phase: 'browse', question: null, typed: '', results: [], feedback: null, quit: false };
}

function answer(state: LessonUiState, q: QuizQuestion, index: number, given: string, right: boolean): LessonUiState {
  const results = state.results.slice();
  results[index] = { right, given };
  // Answering reveals the segment that was predicted, with the verdict on the answer beside it.
  return { ...state, phase: 'browse', cursor: q.step, question: null, typed: '', results, feedback: index };
}

export function reduceLesson(state: LessonUiState, action: LessonAction, ctx: LessonContext): LessonUiState {
  if (action.kind === 'quit') return { ...state, quit: true };
  if (state.phase === 'asking' && state.question !== null) {
    const q = ctx.quiz[state.question];
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
      const target = state.cursor + 1;
      if (target >= ctx.steps) return { ...state, phase: 'end', feedback: null };
      // In a quiz, a step with an unanswered question is asked about before it is shown.
      const qi = ctx.quiz.findIndex((q) => q.step === target);
      if (qi >= 0 && state.results[qi] === undefined) return { ...state, phase: 'asking', question: qi, typed: '', feedback: null };
      return { ...state, cursor: target, feedback: null };
    }
    case 'back':
      if (state.phase === 'end') return { ...state, phase: 'browse' };
      return { ...state, cursor: Math.max(-1, state.cursor - 1), feedback: null };
    default:
      return state;
  }
}

/** Right answers and questions answered so far. */
export function score(state: LessonUiState): { right: number; answered: number } {
  let right = 0;
  let answered = 0;
  for (const r of state.results) {
    if (!r) continue;
    answered++;
    if (r.right) right++;
  }
  return { right, answered };
}

/** The action of a key: arrows, vi keys, space and n/p to move; 1-4 or a-d to choose; digits, Backspace and Enter to type. */
export function lessonKeyAction(
  input: string,
  key: { leftArrow?: boolean; rightArrow?: boolean; return?: boolean; backspace?: boolean; delete?: boolean; ctrl?: boolean },
  state: LessonUiState,
  quiz: readonly QuizQuestion[],
): LessonAction | null {
  if (input === 'q' || (key.ctrl && input === 'c')) return { kind: 'quit' };
  if (key.rightArrow) return { kind: 'next' };
  if (key.leftArrow) return { kind: 'back' };
  if (state.phase === 'asking' && state.question !== null) {
    const q = quiz[state.question];
    if (q.options) {
      const n = '1234'.indexOf(input) >= 0 ? '1234'.indexOf(input) : 'abcd'.indexOf(input);
      if (input.length === 1 && n >= 0) return { kind: 'choose', option: n };
      return null;
    }
    if (/^\d$/.test(input)) return { kind: 'digit', digit: input };
    if (key.backspace || key.delete) return { kind: 'erase' };
    if (key.return) return { kind: 'submit' };
    return null;
  }
  if (input === 'l' || input === ' ' || input === 'n' || key.return) return { kind: 'next' };
  if (input === 'h' || input === 'p') return { kind: 'back' };
  return null;
}
