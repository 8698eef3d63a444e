// `tcplain lesson` and runStep/runQuiz through yargs with injected streams (no terminal): the list, text steps, Markdown quizzes, errors.
import { describe, expect, test } from 'vitest';
import { PassThrough } from 'node:stream';
import yargs from 'yargs';
import { lessonCommand, runQuiz, runStep } from '../../../src/cli/commands/lesson';
import { CliError, type CliIO } from '../../../src/cli/io';
import { sampleText } from '../../teach/helpers';

function fakeIO(env: Record<string, string> = { LANG: 'C' }, stdinText?: string): { io: CliIO; out: () => string } {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (c) => (text += c.toString()));
  const stdin = new PassThrough();
  if (stdinText !== undefined) stdin.end(stdinText);
  return { io: { stdin, stdout, stderr: new PassThrough(), env }, out: () => text };
}

async function lesson(args: string[], env?: Record<string, string>): Promise<string> {
  const { io, out } = fakeIO(env);
  await yargs().command(lessonCommand).strict().exitProcess(false).fail((m, e) => { throw e ?? new Error(m); }).parseAsync(args, { io });
  return out();
}

const file = (rel: string) => new URL(`../../../samples/${rel}`, import.meta.url).pathname;

describe('tcplain lesson', () => {
  test('no name: the twelve lessons with their titles, in the environment\'s language', async () => {
    const en = (await lesson(['lesson'])).split('\n');
    expect(en[0]).toBe('Lessons:');
    expect(en[1]).toBe('  handshake        The three-way handshake');
    expect(en.filter((l) => l.startsWith('  '))).toHaveLength(12);
    const zh = await lesson(['lesson'], { LANG: 'zh_CN.UTF-8' });
    expect(zh).toContain('  zero-window      零窗口与窗口探测');
  });

  test('a lesson without a terminal prints its steps as text, ending with the questions and answers', async () => {
    const text = await lesson(['lesson', 'idle-reset', '--lang', 'en']);
    expect(text.startsWith('# A reset after idling\n')).toBe(true);
    expect(text).toContain('== samples/idle-reset/n.txt ==');
    expect(text).toContain("  * Lesson: a RST from the server's address after the connection had been idle (3 s of silence before it).");
    expect(text.trimEnd().endsWith('     answer: 3 s')).toBe(true);
  });

  test('--quiz --format markdown: the questions and the answer key, equal to the capture\'s values', async () => {
    const md = await lesson(['lesson', 'three-way-close', '--quiz', '--format', 'markdown', '--lang', 'en']);
    expect(md.split('\n')[0]).toBe('# Quiz: The three-packet close');
    const key = md.slice(md.indexOf('## Answer key'));
    // Line 9 of samples/three-way-close/n.txt is the client's F. that also ACKs the server's FIN.
    expect(md).toContain('## 3. before line 9 (step 4)');
    expect(key).toMatch(/\n3\. [a-d]\) `(F\.|LAST_ACK|TIME_WAIT)`: /);
  });

  test('--vote without --quiz: a clear error, with or without a lesson name', async () => {
    await expect(lesson(['lesson', 'four-way-close', '--vote', '--lang', 'en'])).rejects.toThrow('--vote needs --quiz (it runs the quiz as a class vote)');
    await expect(lesson(['lesson', '--vote', '--lang', 'en'])).rejects.toThrow('--vote needs --quiz (it runs the quiz as a class vote)');
    await expect(lesson(['lesson', '--vote', '--lang', 'zh-CN'])).rejects.toThrow('--vote 需要与 --quiz 一起使用（以全班投票的方式进行测验）');
  });

  test('--format markdown: the steps as a handout, --format slides as a Marp deck; a quiz has no slides', async () => {
    const md = await lesson(['lesson', 'three-way-close', '--format', 'markdown', '--lang', 'en']);
    expect(md.split('\n')[0]).toBe('# The three-packet close');
    expect(md.match(/^### step \d\/5 · line \d+$/gm)).toEqual(['### step 1/5 · line 6', '### step 2/5 · line 7', '### step 3/5 · line 8', '### step 4/5 · line 9', '### step 5/5 · line 10']);
    const slides = await lesson(['lesson', 'three-way-close', '--format', 'slides', '--lang', 'zh']);
    expect(slides.split('\n').slice(0, 3)).toEqual(['---', 'marp: true', 'paginate: true']);
    expect(slides.match(/^## 第 \d\/5 步 · 第 \d+ 行$/gm)).toHaveLength(5);
    await expect(lesson(['lesson', 'three-way-close', '--quiz', '--format', 'slides', '--lang', 'en'])).rejects.toThrow(
      'a quiz has no slides form; use --format markdown (the questions with the answer key)',
    );
  });

  test('runStep --format markdown on a teacher\'s file: titled with its base name', async () => {
    const { io, out } = fakeIO();
    await runStep({ file: file('half-closed/n.txt'), io, format: 'markdown' });
    const md = out();
    expect(md.split('\n')[0]).toBe('# n.txt');
    expect(md).not.toContain('/samples/');
  });

  test('an unknown lesson (neither a built-in one nor a lesson file) is an error naming the lessons', async () => {
    await expect(lesson(['lesson', 'nope'])).rejects.toThrow("no lesson 'nope' (there are: handshake, data-acks, four-way-close, three-way-close, refused, server-reset, idle-reset, forged-rst, mss-clamp, retransmission, fast-retransmit, zero-window)");
  });
});

describe('runStep and runQuiz on any capture', () => {
  test('runStep on a file: text steps of every segment (no terminal)', async () => {
    const { io, out } = fakeIO();
    await runStep({ file: file('half-closed/n.txt'), io, format: 'auto' });
    const text = out();
    expect(text.startsWith('== ')).toBe(true);
    expect(text).toContain('── step 1/9 · line 1 ──');
    expect(text).toContain('── step 9/9 · line 9 ──');
    expect(text).toContain('  States: server: ESTABLISHED ──► CLOSE_WAIT');
  });

  test('runStep on stdin, one connection of three', async () => {
    const { io, out } = fakeIO({ LANG: 'C' }, sampleText('concurrent/n.txt'));
    await runStep({ file: '-', io, conn: 'c2', format: 'text' });
    const text = out();
    expect(text).toContain('== stdin ==');
    expect(text).toContain('192.0.2.2.40122');
    expect(text).not.toContain('192.0.2.2.40022 >');
  });

  test('runQuiz --format markdown in Chinese on a teacher\'s file', async () => {
    const { io, out } = fakeIO();
    await runQuiz({ file: file('retransmission/n.txt'), io, format: 'markdown', lang: 'zh-CN', seed: 3 });
    const md = out();
    // A handout's title is the file's base name, never the path of the machine it was made on.
    expect(md.split('\n')[0]).toBe('# 测验：n.txt');
    expect(md).toContain('## 答案');
  });

  test('errors: a missing file, a capture without TCP', async () => {
    const { io } = fakeIO();
    await expect(runStep({ file: '/nonexistent/x.txt', io })).rejects.toBeInstanceOf(CliError);
    const empty = fakeIO({ LANG: 'C' }, 'listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n');
    await expect(runQuiz({ file: '-', io: empty.io })).rejects.toThrow(/no question can be asked/);
  });
});
