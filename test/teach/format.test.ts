// The plain renderings: the RFC 9293 state diagram with both ends marked, and a whole lesson as text in en and zh-CN.
import { describe, expect, test } from 'vitest';
import stringWidth from 'string-width';
import { formatStepsText, lessonQuestions, stateDiagram, stateDiagramText } from '../../src/teach';
import { lesson, lessonModel } from './helpers';

describe('state diagram', () => {
  test('after the server FIN of handshake-close (line 10): client in TIME_WAIT having left FIN_WAIT_2, server in LAST_ACK having left CLOSE_WAIT', () => {
    const m = lessonModel('four-way-close');
    const step = m.steps.find((s) => s.rec.line === 10)!;
    expect(stateDiagramText(step.analysis.states, step.analysis.transitions)).toEqual([
      '                  CLOSED',
      '          ┌─────────┴─────────┐',
      '        LISTEN            SYN_SENT',
      '          │                   │',
      '     SYN_RECEIVED             │',
      '          └─────────┬─────────┘',
      '               ESTABLISHED',
      '          ┌─────────┴──────────┐',
      '      FIN_WAIT_1          (CLOSE_WAIT)s',
      '       ┌──┴─────────┐          │',
      'c(FIN_WAIT_2)    CLOSING   [LAST_ACK]S',
      '       └──────┬─────┘',
      '        C[TIME_WAIT]',
    ]);
  });
  test('every state appears once, and every line keeps its width whatever is marked', () => {
    const plain = stateDiagram({ client: null, server: null });
    const marked = stateDiagram({ client: 'CLOSING', server: 'CLOSING' }, [{ end: 'client', from: 'FIN_WAIT_1', to: 'CLOSING' }]);
    const states = plain.flat().filter((c) => c.kind === 'state').map((c) => c.kind === 'state' && c.state);
    expect(new Set(states).size).toBe(11);
    expect(marked.map((l) => stringWidth(l.map((c) => c.text).join('')))).toEqual(plain.map((l) => stringWidth(l.map((c) => c.text).join(''))));
    const closing = marked.flat().find((c) => c.kind === 'state' && c.state === 'CLOSING');
    expect(closing).toEqual({ kind: 'state', state: 'CLOSING', text: 'C[CLOSING]S', now: ['client', 'server'], left: [] });
  });
});

describe('lesson as text', () => {
  test('three-packet close in English: goals, each step, the lesson points, the verdict, questions with answers', () => {
    const m = lessonModel('three-way-close');
    const text = formatStepsText(m, { lang: 'en', lesson: 'three-way-close', questions: lessonQuestions(m, lesson('three-way-close').questions) });
    const lines = text.split('\n');
    expect(lines[0]).toBe('# The three-packet close');
    expect(lines).toContain('Goals:');
    expect(lines).toContain('== samples/three-way-close/n.txt ==');
    expect(lines).toContain('── step 4/5 · line 9 ──');
    expect(lines).toContain('  client ── F. seq 87 ack 80 win 64512 ──► server');
    expect(lines).toContain('  * Lesson: ack 80 = FIN 79 + 1: the FIN used one sequence number, just like a SYN.');
    expect(lines).toContain('  * Lesson: this FIN also acknowledges the peer\'s FIN: ACK and FIN in one segment, so the peer\'s FIN gets no separate ACK and the close takes one packet fewer than FIN, ACK, FIN, ACK.');
    expect(lines).toContain('  States: client: CLOSE_WAIT ──► LAST_ACK');
    expect(lines.some((l) => l.startsWith('Closed normally'))).toBe(true);
    expect(lines.slice(-8)).toEqual([
      'Questions:',
      '  1. How many packets did closing the connection take?',
      '     answer: 3',
      '  2. Which end is left in TIME_WAIT, and why that one?',
      '     answer: the server: it sent the first FIN (active close)',
      '  3. A FIN has seq 79. What ack acknowledges it?',
      '     answer: 80 = 79 + 1',
      '',
    ]);
  });
  test('zh-CN: the same lesson with Chinese framing, and no verdict for a lesson that stops before the end', () => {
    const m = lessonModel('handshake');
    const text = formatStepsText(m, { lang: 'zh-CN', lesson: 'handshake' });
    expect(text.split('\n')[0]).toBe('# 三次握手');
    expect(text).toContain('  * 要点：ack 3201954479 = 客户端的 ISN 3201954478 + 1：“收到你的 SYN 了，我期望的下一个序列号是 3201954479”。');
    expect(text).toContain('── 第 3/4 步 · 第 3 行 ──');
    expect(text).not.toContain('四次挥手');
  });
});
