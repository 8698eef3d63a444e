// The quiz generator on real captures: every correct answer is the capture's own value, options are plausible and distinct, the key prints.
import { describe, expect, test } from 'vitest';
import { LESSONS, buildSteps, checkAnswer, formatQuizMarkdown, generateQuiz, quizPrompt, quizWhyText, type QuizQuestion, type StepModel } from '../../src/teach';
import { lessonModel, sampleText } from './helpers';

/** The value a question asks for, read straight from the step it predicts. */
function realValue(m: StepModel, q: QuizQuestion): string {
  const s = m.steps[q.step];
  switch (q.kind) {
    case 'flags':
      return s.rec.flags;
    case 'seq':
      return String(s.analysis.relSeq);
    case 'ack':
      return String(s.analysis.relAck);
    case 'state':
      return String(s.analysis.states[q.end!]);
  }
}

function checkAll(m: StepModel, quiz: QuizQuestion[]): void {
  for (const q of quiz) {
    expect(q.answer, `line ${q.line} ${q.kind}`).toBe(realValue(m, q));
    expect(q.line).toBe(m.steps[q.step].rec.line);
    expect(q.from).toBe(m.steps[q.step].analysis.dir === 'c2s' ? 'client' : 'server');
    if (q.options) {
      expect(q.options).toHaveLength(4);
      expect(new Set(q.options).size).toBe(4);
      expect(q.options[q.answerIndex!]).toBe(q.answer);
      expect(checkAnswer(q, q.answerIndex!)).toBe(true);
      expect(checkAnswer(q, (q.answerIndex! + 1) % 4)).toBe(false);
    } else {
      expect(checkAnswer(q, q.answer)).toBe(true);
      expect(checkAnswer(q, ` ${q.answer} `)).toBe(true);
      expect(checkAnswer(q, String(Number(q.answer) + 1))).toBe(false);
      expect(checkAnswer(q, 'seven')).toBe(false);
    }
  }
}

describe('answers are the capture\'s real values', () => {
  test.each(LESSONS.map((l) => l.id))('lesson %s, three seeds', (id) => {
    const m = lessonModel(id);
    for (const seed of [1, 2, 3]) {
      const quiz = generateQuiz(m, { seed });
      expect(quiz.length).toBeGreaterThan(0);
      expect(quiz.length).toBeLessThanOrEqual(8);
      checkAll(m, quiz);
    }
  });

  test.each(['concurrent/n.txt', 'keepalive/n.txt', 'synack-lost/n.txt', 'port-reuse/n.txt', 'handshake-close/nn-S.txt', 'ipv6/n.txt'])('any capture: %s', (file) => {
    const m = buildSteps([{ text: sampleText(file), source: file, capture: null, lines: null }]);
    const quiz = generateQuiz(m, { seed: 7, max: 20 });
    expect(quiz.length).toBeGreaterThan(3);
    checkAll(m, quiz);
  });
});

describe('the four-way close quiz, exactly (seed 1)', () => {
  const m = lessonModel('four-way-close');
  const quiz = generateQuiz(m, { seed: 1 });
  test('one question per step after the first, with the capture\'s answers and seeded options', () => {
    expect(quiz.map((q) => [q.line, q.kind, q.end, q.answer, q.options])).toEqual([
      [8, 'flags', null, 'F.', ['R.', 'FP.', 'F.', '.']],
      [9, 'state', 'client', 'FIN_WAIT_2', ['FIN_WAIT_1', 'CLOSING', 'FIN_WAIT_2', 'TIME_WAIT']],
      [10, 'flags', null, 'F.', ['.', 'R.', 'FP.', 'F.']],
      [11, 'state', 'server', 'CLOSED', ['SYN_RECEIVED', 'LAST_ACK', 'TIME_WAIT', 'CLOSED']],
    ]);
    expect(quiz[1].why).toEqual({ code: 'state-change', end: 'client', from: 'FIN_WAIT_1', to: 'FIN_WAIT_2' });
    expect(quizWhyText(quiz[0], m, 'en')).toBe('[F.]: what this segment does: FIN: the client has finished sending and starts closing; it can still receive.');
    // The answer key already shows the flags: the role note alone, no "[F.]: what this segment does:" label (review6 S6).
    expect(quizWhyText(quiz[0], m, 'en', true)).toBe('FIN: the client has finished sending and starts closing; it can still receive.');
  });
  test('the same seed gives the same quiz; the why is worded from the capture', () => {
    expect(generateQuiz(m, { seed: 1 })).toEqual(quiz);
    const ackQ = generateQuiz(m, { seed: 1, max: 4 }).concat(generateQuiz(m, { seed: 5, max: 4 })).find((q) => q.kind === 'ack' || q.kind === 'seq');
    if (ackQ) expect(quizWhyText(ackQ, m, 'en')).toMatch(/\d/);
  });
});

describe('why texts', () => {
  test('a retransmission\'s seq goes back; dup ACKs stay behind the peer (fast-retransmit lesson)', () => {
    const m = lessonModel('fast-retransmit');
    const quiz = generateQuiz(m, { seed: 1, max: 47 });
    checkAll(m, quiz);
    const retx = quiz.find((q) => q.line === 61);
    if (retx && retx.kind === 'seq') expect(retx.why).toEqual({ code: 'seq-goes-back', side: 'client', next: 46337, answer: 14481 });
    const behind = quiz.filter((q) => q.kind === 'ack' && q.why.code === 'ack-behind');
    expect(behind.length).toBeGreaterThan(0);
    for (const q of behind) {
      if (q.why.code !== 'ack-behind') continue;
      expect(Number(q.answer)).toBeLessThan(q.why.peerNext);
      if (q.line < 61) expect(q.answer).toBe('14481');
    }
  });
  test('en and zh-CN prompts and reasons for a state question on the handshake', () => {
    const m = lessonModel('handshake');
    const quiz = generateQuiz(m, { seed: 1 });
    const st = quiz.find((q) => q.kind === 'state' && q.line === 3);
    expect(st).toBeDefined();
    expect(quizPrompt(st!, 'en')).toBe('Predict the next segment (client → server). What state will the server be in after it?');
    expect(quizWhyText(st!, m, 'en')).toBe('Server: SYN_RECEIVED → ESTABLISHED: the connection is open: data can flow both ways.');
    expect(quizPrompt(st!, 'zh-CN')).toBe('预测下一个报文段（客户端 → 服务端）。它之后服务端处于什么状态？');
  });
});

describe('Markdown with an answer key', () => {
  test('refused: one question, its options and the key', () => {
    const m = lessonModel('refused');
    const quiz = generateQuiz(m, { seed: 1 });
    expect(quiz).toHaveLength(1);
    const md = formatQuizMarkdown(quiz, m, { lang: 'en', title: 'A refused connection' });
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Quiz: A refused connection');
    expect(lines).toContain('## 1. before line 2 (step 2)');
    expect(lines).toContain(sampleText('refused/n.txt').split('\n')[0]);
    expect(lines).toContain('## Answer key');
    const key = lines[lines.indexOf('## Answer key') + 2];
    expect(key.startsWith(`1. ${'abcd'[quiz[0].answerIndex ?? 0]}) \`${quiz[0].answer}\`: `) || key.startsWith(`1. \`${quiz[0].answer}\`: `)).toBe(true);
    if (quiz[0].options) for (const o of quiz[0].options) expect(md).toContain(`\`${o}\``);
  });
});
