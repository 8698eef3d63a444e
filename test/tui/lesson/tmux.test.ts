// End to end in a real terminal (tmux): a lesson stepped with the keyboard, a quiz question answered, step mode on a piped capture, q exits 0.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasTmux, tmuxServer } from '../../helpers/tmux';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const socket = `tcplain-lesson-${process.pid}`;
// The CLI index does not list `lesson` yet, so the command module runs through a small entry script under tsx.
const driver = 'npx tsx test/tui/lesson/fixtures/lesson-driver.ts';
let scratch = '';

const server = tmuxServer({ socket, cwd: repoRoot, scratch: () => scratch, size: { x: 120, y: 45 }, timeoutMs: 40_000 });
const tmux = server.run;
const { screen, until, start } = server;

describe.skipIf(!hasTmux)('lessons in tmux', () => {
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'tcplain-lesson-'));
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('the four-way close as a quiz: goals, a step, a right and a wrong answer, q prints the score and exits 0', async () => {
    const status = start('quiz', `${driver} lesson four-way-close --quiz --lang en`);
    await until('the lesson', () => screen('quiz').includes('The four-way close and TIME_WAIT · step 0/5'));
    expect(screen('quiz')).toContain('Goals:');
    expect(tmux('display', '-p', '-t', 'quiz', '#{alternate_on}').trim()).toBe('1');
    tmux('send-keys', '-t', 'quiz', 'Right');
    await until('step 1', () => screen('quiz').includes('step 1/5'));
    tmux('send-keys', '-t', 'quiz', 'Right');
    await until('the first question', () => screen('quiz').includes('Which flags will it carry?'));
    let s = screen('quiz');
    // Line 8 (the client's FIN) is not shown until it is answered.
    expect(s).not.toContain('F. seq 87');
    expect(s).toContain('3) F.');
    tmux('send-keys', '-t', 'quiz', '3');
    await until('the answer checked', () => screen('quiz').includes('Correct.'));
    s = screen('quiz');
    expect(s).toContain('step 2/5');
    expect(s).toContain('F. seq 87');
    expect(s).toContain('C[FIN_WAIT_1]');
    tmux('send-keys', '-t', 'quiz', 'Space');
    await until('the second question', () => screen('quiz').includes('What state will the client be in after it?'));
    tmux('send-keys', '-t', 'quiz', '1');
    await until('the wrong answer', () => screen('quiz').includes('Not quite: the answer is FIN_WAIT_2.'));
    expect(screen('quiz')).toContain('Score: 1 of 4.');
    tmux('send-keys', '-t', 'quiz', 'q');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    expect(tmux('display', '-p', '-t', 'quiz', '#{alternate_on}').trim()).toBe('0');
    expect(screen('quiz')).toContain('Score: 1 of 4.');
  }, 90_000);

  test('step mode on a piped capture (keys from the terminal): the ladder grows, ← goes back, q exits 0', async () => {
    const status = start('piped', `cat samples/handshake-close/n.txt | ${driver} step -`);
    await until('the viewer', () => screen('piped').includes('stdin · step 0/11'));
    tmux('send-keys', '-t', 'piped', 'Right', 'l', 'n');
    await until('step 3', () => screen('piped').includes('stdin · step 3/11'));
    const s = screen('piped');
    expect(s).toContain('C[ESTABLISHED]S');
    expect(s).toContain('States: server: SYN_RECEIVED ──► ESTABLISHED');
    tmux('send-keys', '-t', 'piped', 'Left');
    await until('back to step 2', () => screen('piped').includes('stdin · step 2/11'));
    tmux('send-keys', '-t', 'piped', 'q');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
  }, 90_000);
});
