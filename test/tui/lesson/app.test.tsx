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
function mountContent(content: LessonContent, size = { width: 110, height: 40 }) {
  let last: LessonUiState | null = null;
  let frames = 0;
  const r = render(
    <LessonApp
      {...content}
      size={size}
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
  const lines = () => (r.lastFrame() ?? '').split('\n');
  /** The screen as one paragraph: wrapped sentences read whole (the explanation wraps beside the diagram). */
  const text = () => lines().map((l) => l.slice(0, size.width >= 104 ? size.width - 43 : size.width).trim()).join(' ');
  return { ...r, press, state: () => last!, lines, text };
}

function mount(id: string, opts: { quiz?: boolean; lang?: 'en' | 'zh-CN'; vote?: boolean; size?: { width: number; height: number } } = {}) {
  const model = lessonModel(id);
  const quiz = opts.quiz ? generateQuiz(model, { seed: 1 }) : [];
  const app = mountContent({ model, quiz, lesson: lesson(id).id, questions: lessonQuestions(model, lesson(id).questions), lang: opts.lang ?? 'en', source: id, vote: opts.vote }, opts.size);
  return { ...app, model, quiz };
}

const RIGHT = '\u001b[C';
const LEFT = '\u001b[D';

describe('step mode', () => {
  test('handshake at 110x40: goals before the first step, then one segment per key, the ladder above, the diagram beside the words', async () => {
    const app = mount('handshake');
    let lines = app.lines();
    expect(lines).toHaveLength(40);
    expect(lines[0]).toContain('The three-way handshake · step 0/4');
    expect(lines.some((l) => l.includes('Goals:'))).toBe(true);
    expect(lines.at(-1)).toContain('→ next ← back ↑↓ scroll N⏎ go to step g/G first/last r reveal d states q quit');
    await app.press(RIGHT);
    lines = app.lines();
    expect(lines[0]).toContain('step 1/4');
    // The ladder is on top: client and server, their initial states, the SYN's row selected.
    expect(lines[1]).toMatch(/^c1 client 192\.0\.2\.2:40001 +server 198\.51\.100\.2:80 *$/);
    expect(lines[2]).toMatch(/^ +CLOSED│ +│LISTEN/);
    expect(lines[3]).toMatch(/^▸0\.000000 +SYN_SENT│─ S seq 0 win 64240 ─+►│ *$/);
    expect(app.text()).toContain('* Lesson: 3201954478 is the client\'s ISN');
    // The diagram marks the client in SYN_SENT and the server in LISTEN, the legend in two whole lines.
    expect(lines.some((l) => l.includes('[LISTEN]S') && l.includes('C[SYN_SENT]'))).toBe(true);
    expect(lines.some((l) => l.endsWith('C[X] / [X]S: client / server is in X now'))).toBe(true);
    expect(lines.some((l) => l.endsWith('c/s: just left X: c(X), (X)s, c[X]S, C[X]s'))).toBe(true);
    await app.press('l');
    await app.press(' ');
    lines = app.lines();
    expect(lines[0]).toContain('step 3/4');
    expect(lines.some((l) => l.includes('C[ESTABLISHED]S'))).toBe(true);
    expect(lines.some((l) => l.includes('(SYN_RECEIVED)s'))).toBe(true);
    // Said once: the explanation names SYN_RECEIVED → ESTABLISHED, so no "States:" line repeats it.
    expect(app.text()).toContain('Server: SYN_RECEIVED → ESTABLISHED');
    expect(app.text()).not.toContain('States: server: SYN_RECEIVED ──► ESTABLISHED');
    expect(lines.slice(1, 8).filter((l) => /[►◄]/.test(l)).length).toBe(3);
    await app.press(LEFT);
    expect(app.state().cursor).toBe(1);
    await app.press('h');
    await app.press('p');
    await app.press('p');
    expect(app.state().cursor).toBe(-1);
    for (let i = 0; i < 5; i++) await app.press('n');
    expect(app.state().phase).toBe('end');
    // The answers are hidden until `a`.
    expect(app.text()).toContain('end of the lesson');
    expect(app.text()).toContain('1. What is the client\'s ISN (absolute)?');
    expect(app.text()).not.toContain('answer: 3201954478');
    expect(app.text()).toContain('answers hidden: press a to show them');
    await app.press('a');
    expect(app.text()).toContain('answer: 3201954478');
    await app.press('q');
    expect(app.state().quit).toBe(true);
    app.unmount();
  });

  test('four-way close at 80x24: ladder with whole state names, step 4 true of its capture, scrolling, the diagram on d', async () => {
    const app = mount('four-way-close', { size: { width: 80, height: 24 } });
    await app.press('4');
    expect(app.lines().at(-1)).toContain('go to step 4: press Enter');
    await app.press('\r');
    let lines = app.lines();
    expect(lines).toHaveLength(24);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    expect(lines[0]).toContain('step 4/5');
    expect(lines.slice(1, 7)).toEqual([
      'c1 client 192.0.2.2:40001                                server 198.51.100.2:80',
      '           ESTABLISHED│                                            │ESTABLISHED',
      ' 0.050928             │─ . seq 87 ack 79 win 64512 ───────────────►│',
      ' 0.151296   FIN_WAIT_1│─ F. seq 87 ack 79 win 64512 ──────────────►│',
      ' 0.198193   FIN_WAIT_2│◄─────────────── . seq 79 ack 88 win 65536 ─│CLOSE_WAIT',
      '▸0.351657    TIME_WAIT│◄────────────── F. seq 79 ack 88 win 65536 ─│LAST_ACK',
    ]);
    // The explanation does not fit: it scrolls, and says where it is.
    expect(lines[22].trim()).toBe('lines 1-15 of 20  ↑↓ scroll');
    expect(app.text()).not.toContain('three packets');
    for (let i = 0; i < 5; i++) await app.press('\u001b[B');
    lines = app.lines();
    expect(lines[22].trim()).toBe('lines 6-20 of 20  ↑↓ scroll');
    expect(app.text()).toContain('* Lesson: now the server closes its direction too; its FIN is number 79. Its ack repeats the ACK of the peer\'s FIN it already sent on line 9: that ACK and this FIN went as two packets.');
    await app.press('\u001b[A');
    expect(app.lines()[22].trim()).toBe('lines 5-19 of 20  ↑↓ scroll');
    await app.press('d');
    lines = app.lines();
    expect(lines.some((l) => l.includes('C[TIME_WAIT]'))).toBe(true);
    expect(lines.some((l) => l.trim() === 'C[X] / [X]S: client / server is in X now')).toBe(true);
    expect(lines.some((l) => l.trim() === 'c/s: just left X: c(X), (X)s, c[X]S, C[X]s')).toBe(true);
    await app.press('d');
    await app.press('G');
    expect(app.state().cursor).toBe(4);
    for (let i = 0; i < 3; i++) await app.press('\u001b[6~');
    expect(app.text()).toContain('From the first FIN to this ACK the close took 4 packets ([F.] [.] [F.] [.]).');
    await app.press('g');
    expect(app.state().cursor).toBe(0);
    app.unmount();
  });

  test('progressive reveal (r): arrow, then numbers, then states, then the point, one stage per →', async () => {
    const app = mount('four-way-close', { size: { width: 80, height: 24 } });
    await app.press('r');
    await app.press(RIGHT);
    expect(app.state()).toMatchObject({ cursor: 0, reveal: 0 });
    // Three more keys reveal the rest of step 1; the next one moves to step 2.
    for (let i = 0; i < 4; i++) await app.press(RIGHT);
    let lines = app.lines();
    expect(lines[0]).toContain('step 2/5 · step by step');
    // Stage 1: the arrow with its flags only, the state columns empty, what the segment does.
    expect(lines[4]).toMatch(/^▸0\.151296 +│─ F\. ─+►│ *$/);
    expect(app.text()).toContain('FIN: the client has finished sending and starts closing; it can still receive.');
    expect(app.text()).not.toContain('11:19:38.914905');
    expect(app.text()).toContain('→ shows the numbers');
    await app.press(RIGHT);
    lines = app.lines();
    expect(lines[4]).toMatch(/^▸0\.151296 +│─ F\. seq 87 ack 79 win 64512 ─+►│ *$/);
    expect(app.text()).toContain('11:19:38.914905 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [F.], seq 87');
    expect(app.text()).not.toContain('ESTABLISHED → FIN_WAIT_1');
    await app.press(RIGHT);
    expect(app.lines()[4]).toMatch(/^▸0\.151296 +FIN_WAIT_1│─ F\. seq 87/);
    expect(app.text()).toContain('Client: ESTABLISHED → FIN_WAIT_1');
    expect(app.text()).not.toContain('* Lesson:');
    await app.press(RIGHT);
    expect(app.text()).toContain('* Lesson: the client closes first (active close). Its FIN uses sequence number 87, so the ACK of it must say 88.');
    expect(app.text()).not.toContain('→ shows');
    await app.press(RIGHT);
    expect(app.state()).toMatchObject({ cursor: 2, reveal: 0 });
    await app.press(LEFT);
    expect(app.state()).toMatchObject({ cursor: 1, reveal: 3 });
    app.unmount();
  });

  test('60x20: the ladder stays (no time column), every line fits', async () => {
    const app = mount('four-way-close', { size: { width: 60, height: 20 } });
    for (let i = 0; i < 4; i++) await app.press(RIGHT);
    const lines = app.lines();
    expect(lines).toHaveLength(20);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(60);
    expect(lines.slice(1, 7)).toEqual([
      'c1 client 192.0.2.2:40001            server 198.51.100.2:80',
      ' ESTABLISHED│                                  │ESTABLISHED',
      '            │─ . seq 87 ack 79 win 64512 ─────►│',
      '  FIN_WAIT_1│─ F. seq 87 ack 79 win 64512 ────►│',
      '  FIN_WAIT_2│◄───── . seq 79 ack 88 win 65536 ─│CLOSE_WAIT',
      '   TIME_WAIT│◄──── F. seq 79 ack 88 win 65536 ─│LAST_ACK',
    ]);
    app.unmount();
  });

  test('zh-CN four-way close: Chinese words, no line wider than the screen', async () => {
    const app = mount('four-way-close', { lang: 'zh-CN', size: { width: 80, height: 24 } });
    for (let i = 0; i < 4; i++) await app.press(RIGHT);
    for (let i = 0; i < 12; i++) await app.press('\u001b[B');
    const lines = app.lines();
    expect(lines[0]).toContain('四次挥手与 TIME_WAIT · 第 4/5 步');
    expect(app.text().replace(/ /g, '')).toContain('要点：客户端先关闭，所以进入TIME_WAIT');
    expect(app.text()).not.toContain('只要三个报文');
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    app.unmount();
  });
});

describe('quiz', () => {
  test('four-way close: each step is asked before it is shown; a right answer, a wrong one explained; the score counts answered of asked', async () => {
    const app = mount('four-way-close', { quiz: true });
    expect(app.quiz.map((q) => q.line)).toEqual([8, 9, 10, 11]);
    await app.press(RIGHT); // line 7: no question
    expect(app.state().cursor).toBe(0);
    await app.press(RIGHT); // line 8 is asked about first
    expect(app.state().phase).toBe('asking');
    let lines = app.lines();
    expect(app.text()).toContain('Predict the next segment (client → server). Which flags will it carry?');
    expect(lines.some((l) => l.includes('3) [F.]'))).toBe(true);
    expect(lines.some((l) => l.includes('F. seq 87'))).toBe(false);
    await app.press('3');
    lines = app.lines();
    expect(app.state().cursor).toBe(1);
    expect(app.text()).toContain('Correct.');
    expect(app.text()).toContain('Score: 1 right of 1 answered (4 questions).');
    expect(lines.some((l) => l.includes('F. seq 87'))).toBe(true);
    await app.press(RIGHT); // line 9: state of the client; answer 1 (FIN_WAIT_1) is wrong
    expect(app.state().phase).toBe('asking');
    await app.press('a');
    expect(app.text()).toContain('Not quite: the answer is FIN_WAIT_2.');
    expect(app.text()).toContain('You chose FIN_WAIT_1: sent its FIN (active close), waiting for it to be acknowledged.');
    expect(app.text()).toContain('Client: FIN_WAIT_1 → FIN_WAIT_2');
    expect(app.text()).toContain('Score: 1 right of 2 answered (4 questions).');
    expect(app.lines()[0]).toContain('Score: 1 right of 2 answered (4 questions).');
    expect(app.text()).not.toMatch(/F\.\./);
    app.unmount();
  });

  test('class vote at 80x24: the options for the room, Enter reveals the answer and explains every wrong option', async () => {
    const app = mount('four-way-close', { quiz: true, vote: true, size: { width: 80, height: 24 } });
    await app.press(RIGHT);
    await app.press(RIGHT);
    expect(app.state().phase).toBe('asking');
    expect(app.text()).toContain('Class vote: discuss, then press Enter to reveal the answer.');
    expect(app.lines().at(-1)).toContain('Enter: reveal the answer');
    // Digits do not answer in a class vote.
    await app.press('1');
    expect(app.state().phase).toBe('asking');
    await app.press('\r');
    expect(app.state().results[0]).toEqual({ right: null, given: '' });
    const t = app.text();
    expect(t).toContain('Answer: [F.].');
    for (const o of app.quiz[0].options!.filter((o) => o !== 'F.')) expect(t).toContain(`Not [${o}]:`);
    expect(t).toContain('1 of 4 answers revealed');
    for (const l of app.lines()) expect(stringWidth(l)).toBeLessThanOrEqual(80);
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
    expect(app.text()).toContain(`What (relative) ${typed.kind} will it carry?`);
    await press('9');
    await press('\u007f');
    await press(typed.answer);
    expect(app.lastFrame()).toContain(`> ${typed.answer}`);
    await press('\r');
    expect(app.state().results[0]).toEqual({ right: true, given: typed.answer });
    expect(app.text()).toContain('Correct.');
    app.unmount();
  });
});
