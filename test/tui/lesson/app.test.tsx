// The lesson viewer in ink-testing-library on real lessons: goals first, the ladder growing step by step, the state diagram, a quiz answered.
import { describe, expect, test } from 'vitest';
import React from 'react';
import * as ink from 'ink';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { createLessonApp } from '../../../src/tui/lesson/app';
import type { LessonContent } from '../../../src/tui/lesson/screen';
import type { LessonUiState } from '../../../src/tui/lesson/state';
import { generateQuiz, lessonQuestions } from '../../../src/teach';
import { lesson, lessonModel } from '../../teach/helpers';

const LessonApp = createLessonApp({ ink, React });

const wait = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Renders the app at 110x40 with `content`; `press` sends a key and waits until the app has drawn its result. */
function mountContent(content: LessonContent) {
  let last: LessonUiState | null = null;
  let frames = 0;
  const r = render(
    <LessonApp
      {...content}
      size={{ width: 110, height: 40 }}
      onState={(s) => {
        last = s;
        frames++;
      }}
    />,
  );
  /** Loaded machines are slow: wait for the frame the key leads to rather than a fixed time. */
  const press = async (k: string) => {
    const before = frames;
    r.stdin.write(k);
    for (let i = 0; i < 200 && frames === before; i++) await wait(10);
    await wait(10);
  };
  return { ...r, press, state: () => last!, lines: () => (r.lastFrame() ?? '').split('\n') };
}

function mount(id: string, opts: { quiz?: boolean; lang?: 'en' | 'zh-CN' } = {}) {
  const model = lessonModel(id);
  const quiz = opts.quiz ? generateQuiz(model, { seed: 1 }) : [];
  const app = mountContent({ model, quiz, lesson: lesson(id).id, questions: lessonQuestions(model, lesson(id).questions), lang: opts.lang ?? 'en', source: id });
  return { ...app, model, quiz };
}

const RIGHT = '\u001b[C';
const LEFT = '\u001b[D';

describe('step mode', () => {
  test('handshake: goals before the first step, then one segment per key with the ladder and the diagram', async () => {
    const app = mount('handshake');
    let lines = app.lines();
    expect(lines).toHaveLength(40);
    expect(lines[0]).toContain('The three-way handshake · step 0/4');
    expect(lines.some((l) => l.includes('Goals:'))).toBe(true);
    expect(lines.at(-1)).toContain('→/l/space next  ←/h back  q quit');
    await app.press(RIGHT);
    lines = app.lines();
    expect(lines[0]).toContain('step 1/4');
    expect(lines.some((l) => l.includes('─ S seq 0 win 64240'))).toBe(true);
    expect(lines.some((l) => l.includes('* Lesson: 3201954478 is the client\'s ISN'))).toBe(true);
    // The diagram marks the client in SYN_SENT and the server in LISTEN.
    expect(lines.some((l) => l.includes('[LISTEN]S') && l.includes('C[SYN_SENT]'))).toBe(true);
    await app.press('l');
    await app.press(' ');
    lines = app.lines();
    expect(lines[0]).toContain('step 3/4');
    expect(lines.some((l) => l.includes('C[ESTABLISHED]S'))).toBe(true);
    expect(lines.some((l) => l.includes('(SYN_RECEIVED)s'))).toBe(true);
    expect(lines.some((l) => l.includes('States: server: SYN_RECEIVED ──► ESTABLISHED'))).toBe(true);
    // The ladder holds three arrows now, the SYN-ACK among them.
    expect(lines.slice(1, 17).filter((l) => /[►◄]/.test(l.slice(0, 68))).length).toBe(3);
    await app.press(LEFT);
    expect(app.state().cursor).toBe(1);
    await app.press('h');
    await app.press('p');
    await app.press('p');
    expect(app.state().cursor).toBe(-1);
    for (let i = 0; i < 5; i++) await app.press('n');
    lines = app.lines();
    expect(app.state().phase).toBe('end');
    expect(lines.some((l) => l.includes('end of the lesson'))).toBe(true);
    expect(lines.some((l) => l.includes('answer: 3201954478'))).toBe(true);
    await app.press('q');
    expect(app.state().quit).toBe(true);
    app.unmount();
  });

  test('zh-CN four-way close: Chinese words, no line wider than the screen', async () => {
    const app = mount('four-way-close', { lang: 'zh-CN' });
    for (let i = 0; i < 4; i++) await app.press(RIGHT);
    const lines = app.lines();
    expect(lines[0]).toContain('四次挥手与 TIME_WAIT · 第 4/5 步');
    expect(lines.some((l) => l.includes('要点：客户端先关闭，所以进入 TIME_WAIT'))).toBe(true);
    expect(lines.some((l) => l.includes('C[TIME_WAIT]'))).toBe(true);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(110);
    app.unmount();
  });
});

describe('quiz', () => {
  test('four-way close: each step is asked before it is shown; a right and a wrong answer; the score', async () => {
    const app = mount('four-way-close', { quiz: true });
    expect(app.quiz.map((q) => q.line)).toEqual([8, 9, 10, 11]);
    await app.press(RIGHT); // line 7: no question
    expect(app.state().cursor).toBe(0);
    await app.press(RIGHT); // line 8 is asked about first
    expect(app.state().phase).toBe('asking');
    let lines = app.lines();
    expect(lines.some((l) => l.includes('Predict the next segment (client → server). Which flags will it carry?'))).toBe(true);
    expect(lines.some((l) => l.includes('3) F.'))).toBe(true);
    expect(lines.some((l) => l.includes('F. seq 87'))).toBe(false);
    await app.press('3');
    lines = app.lines();
    expect(app.state().cursor).toBe(1);
    expect(lines.some((l) => l.includes('Correct.'))).toBe(true);
    expect(lines.some((l) => l.includes('F. seq 87'))).toBe(true);
    await app.press(RIGHT); // line 9: state of the client; answer 1 (FIN_WAIT_1) is wrong
    expect(app.state().phase).toBe('asking');
    await app.press('a');
    lines = app.lines();
    expect(lines.some((l) => l.includes('Not quite: the answer is FIN_WAIT_2.'))).toBe(true);
    expect(lines.some((l) => l.includes('Client: FIN_WAIT_1 → FIN_WAIT_2'))).toBe(true);
    expect(lines[0]).toContain('Score: 1 of 4.');
    app.unmount();
  });

  test('typed numbers: digits, backspace, Enter', async () => {
    const model = lessonModel('data-acks');
    const quiz = generateQuiz(model, { seed: 1, max: 12 });
    const typed = quiz.find((q) => q.options === null)!;
    expect(typed).toBeDefined();
    const app = mountContent({ model, quiz: [typed], lesson: 'data-acks', questions: [], lang: 'en', source: 'x' });
    const { press } = app;
    for (let i = 0; i < typed.step; i++) await press(RIGHT);
    await press(RIGHT);
    expect(app.state().phase).toBe('asking');
    expect(app.lastFrame()).toContain(`What (relative) ${typed.kind} will it carry?`);
    await press('9');
    await press('\u007f');
    await press(typed.answer);
    expect(app.lastFrame()).toContain(`> ${typed.answer}`);
    await press('\r');
    expect(app.state().results[0]).toEqual({ right: true, given: typed.answer });
    expect(app.lastFrame()).toContain('Correct.');
    app.unmount();
  });
});
