// A teacher's lesson file (docs/lessons.md): parsed exactly, run like a built-in lesson on its capture, its errors told.
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import yargs from 'yargs';
import { lessonCommand } from '../../src/cli/commands/lesson';
import type { CliIO } from '../../src/cli/io';
import { parseTeacherLesson } from '../../src/teach';

const sample = new URL('../../samples/handshake-close/close-lesson.md', import.meta.url).pathname;

async function run(args: string[]): Promise<string> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c) => (text += c.toString()));
  const io: CliIO = { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: { LANG: 'C' } };
  await yargs().command(lessonCommand).strict().exitProcess(false).fail((m, e) => { throw e ?? new Error(m); }).parseAsync(args, { io });
  return text;
}

describe('teacher lesson files', () => {
  test('the shipped sample parses into its title, capture, lines, points, notes and questions', () => {
    const r = parseTeacherLesson(readFileSync(sample, 'utf8'), 'close-lesson.md', 'en');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lesson).toMatchObject({
      title: 'Closing our web request',
      capture: 'n.txt',
      lines: { from: 7, to: 11 },
      points: ['fin', 'ack-of-fin', 'time-wait', 'last-ack-done'],
      goals: ['Count the packets of the close in this capture', 'Name the state of each end after every segment', 'Find the end that waits in TIME_WAIT'],
    });
    expect(r.lesson.story).toBe('The client has its answer and closes the connection. Watch who sends which FIN, which ACK answers it, and which end is left waiting.');
    expect(r.lesson.notes.map((n) => [n.line, n.at])).toEqual([
      [8, 18],
      [9, 19],
    ]);
    expect(r.lesson.questions).toEqual([
      { code: 'close-packets' },
      { code: 'time-wait-end' },
      { q: 'Why does the server\'s FIN on line 10 carry ack 88, the same ack as line 9?', a: 'Nothing new arrived from the client after its FIN (seq 87), so the server still expects byte 88.' },
    ]);
  });

  test('`tcplain lesson FILE.md` runs it like a built-in lesson: its framing, the computed points and answers, the teacher\'s points on their lines', async () => {
    const text = await run(['lesson', sample, '--format', 'text']);
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['# Closing our web request', '', 'The client has its answer and closes the connection. Watch who sends which FIN, which ACK answers it, and which end is left waiting.']);
    expect(lines.filter((l) => l.startsWith('── step '))).toEqual(['── step 1/5 · line 7 ──', '── step 2/5 · line 8 ──', '── step 3/5 · line 9 ──', '── step 4/5 · line 10 ──', '── step 5/5 · line 11 ──']);
    const step3 = text.slice(text.indexOf('── step 3/5'), text.indexOf('── step 4/5'));
    expect(step3).toContain('  * Lesson: ack 88 = FIN 87 + 1: the FIN used one sequence number, just like a SYN.');
    expect(step3).toContain('  * The server ACKs the client\'s FIN at once, but its own FIN (line 10) comes 0.153 s later: its application had not closed yet.');
    // Only the points the file asks for: no data-range or window points.
    expect(text).not.toContain('Lesson: win ');
    expect(text).toContain('From the first FIN to this ACK the close took 4 packets ([F.] [.] [F.] [.]).');
    expect(lines.slice(lines.indexOf('Questions:'))).toEqual([
      'Questions:',
      '  1. How many packets did closing the connection take?',
      '     answer: 4',
      '  2. Which end is left in TIME_WAIT, and why that one?',
      '     answer: the client: it sent the first FIN (active close)',
      '  3. Why does the server\'s FIN on line 10 carry ack 88, the same ack as line 9?',
      '     answer: Nothing new arrived from the client after its FIN (seq 87), so the server still expects byte 88.',
      '',
    ]);
  });

  test('the same file as a quiz handout', async () => {
    const md = await run(['lesson', sample, '--quiz', '--format', 'markdown']);
    expect(md.split('\n')[0]).toBe('# Quiz: Closing our web request');
    expect(md).toContain('## Answer key');
  });

  test('mistakes are told with the file and line, in the reader\'s language', () => {
    const bad = (text: string, lang: 'en' | 'zh-CN' = 'en') => {
      const r = parseTeacherLesson(text, 'x.md', lang);
      return r.ok ? null : r.error;
    };
    expect(bad('capture: a.txt\n')).toBe('x.md: no "# Title" line');
    expect(bad('# T\n')).toBe('x.md: no "capture:" line naming the capture file');
    expect(bad('# T\ncapture: a.txt\nlines: 9-3\n')).toBe('x.md:3: cannot read "lines: 9-3" (expected e.g. "lines: 7-11")');
    expect(bad('# T\ncapture: a.txt\npoints: fin, three-packets\n')).toMatch(/^x\.md:3: no lesson point 'three-packets' \(there are: isn, /);
    expect(bad('# T\ncapture: a.txt\n## Questions\n- close-count\n')).toMatch(/^x\.md:4: no question 'close-count' \(there are: client-isn, /);
    expect(bad('# T\ncapture: a.txt\n## Questions\n- Why?\n')).toBe('x.md:4: the question has no "answer:" line');
    expect(bad('# T\ncapture: a.txt\n## Points\n- the FIN\n')).toBe('x.md:4: cannot read "- the FIN" (expected e.g. "lines: 7-11")');
    expect(bad('# T\n', 'zh-CN')).toBe('x.md：缺少指明抓包文件的 "capture:" 行');
  });

  test('a point on a line the lesson does not step through is an error, not dropped', async () => {
    const { mkdtempSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/tcplain-teacher-`);
    copyFileSync(new URL('../../samples/handshake-close/n.txt', import.meta.url), `${dir}/n.txt`);
    writeFileSync(`${dir}/l.md`, '# T\ncapture: n.txt\nlines: 7-11\n## Points\n- line 3: the handshake ACK\n');
    await expect(run(['lesson', `${dir}/l.md`, '--format', 'text'])).rejects.toThrow(`${dir}/l.md:5: input line 3 is not one of the lesson's steps`);
  });
});
