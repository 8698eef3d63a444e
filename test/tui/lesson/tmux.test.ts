// End to end in a real terminal (tmux) at a projector's 80x24 and at 120x40: a full lesson with progressive reveal and
// jumps, the class-vote quiz (a lesson's, and `explain FILE --quiz --vote` on any capture), a scored quiz, step mode
// on a piped capture; q exits 0 and restores the terminal.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasTmux, tmuxServer, type TmuxServer } from '../../helpers/tmux';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import stringWidth from 'string-width';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
// The lesson command module runs through a small entry script under tsx (no build needed).
const driver = 'npx tsx test/tui/lesson/fixtures/lesson-driver.ts';
let scratch = '';

const SIZES = [
  { x: 80, y: 24 },
  { x: 120, y: 40 },
] as const;
const servers = new Map<number, { socket: string; server: TmuxServer }>();
for (const size of SIZES) {
  const socket = `tcplain-lesson-${size.x}-${process.pid}`;
  servers.set(size.x, { socket, server: tmuxServer({ socket, cwd: repoRoot, scratch: () => scratch, size, timeoutMs: 40_000 }) });
}

/** The screen's words as one paragraph (wrapped sentences read whole; at 120 columns without the diagram beside them). */
function words(screen: string, width: number): string {
  return screen
    .split('\n')
    .map((l) => (width >= 104 ? l.slice(0, width - 43) : l).trim())
    .join(' ');
}

/** Every line of the screen fits the terminal. */
function fits(screen: string, width: number): void {
  for (const l of screen.split('\n')) expect(stringWidth(l), l).toBeLessThanOrEqual(width);
}

describe.skipIf(!hasTmux)('lessons in tmux', () => {
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'tcplain-lesson-'));
  });
  afterAll(() => {
    for (const { socket } of servers.values()) spawnSync('tmux', ['-L', socket, 'kill-server']);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const size of SIZES) {
    test(`${size.x}x${size.y}: the four-way close in full, with progressive reveal, a jump, first/last, scrolling and the answers on a key`, async () => {
      const { server } = servers.get(size.x)!;
      const { screen, until, start, run: tmux } = server;
      const name = `full${size.x}`;
      const status = start(name, `${driver} lesson four-way-close --lang en`);
      const s = (): string => screen(name);
      await until('the goals', () => s().includes('The four-way close and TIME_WAIT · step 0/5') && s().includes('Goals:'));
      expect(tmux('display', '-p', '-t', name, '#{alternate_on}').trim()).toBe('1');
      fits(s(), size.x);
      // Progressive reveal: the first step comes as its arrow only.
      tmux('send-keys', '-t', name, 'r');
      await until('step by step', () => s().includes('step 0/5 · step by step'));
      tmux('send-keys', '-t', name, 'Right');
      await until('step 1, arrow only', () => s().includes('step 1/5') && s().includes('→ shows the numbers'));
      expect(s()).toMatch(/▸0\.050928 +│─ \. ─+►│/);
      expect(s()).not.toContain('seq 87 ack 79');
      tmux('send-keys', '-t', name, 'Right');
      await until('the numbers', () => s().includes('→ shows the states'));
      expect(s()).toMatch(/▸0\.050928 +│─ \. seq 87 ack 79 win 64512 ─+►│/);
      tmux('send-keys', '-t', name, 'Right');
      await until('the states', () => s().includes('→ shows the explanation'));
      tmux('send-keys', '-t', name, 'Right');
      await until('the whole step', () => !s().includes('→ shows'));
      // Jump to step 4: the server's FIN, with whole state names on the ladder and the point true of this capture.
      tmux('send-keys', '-t', name, 'r');
      await until('reveal off', () => !s().includes('step by step'));
      tmux('send-keys', '-t', name, '4');
      await until('typed 4', () => s().includes('go to step 4: press Enter'));
      tmux('send-keys', '-t', name, 'Enter');
      await until('step 4', () => s().includes('step 4/5'));
      let shown = s();
      fits(shown, size.x);
      expect(shown).toMatch(/ 0\.198193 +FIN_WAIT_2│◄─+ \. seq 79 ack 88 win 65536 ─│CLOSE_WAIT/);
      expect(shown).toMatch(/▸0\.351657 +TIME_WAIT│◄─+ F\. seq 79 ack 88 win 65536 ─│LAST_ACK/);
      expect(shown).not.toContain('FIN_WAI…');
      if (size.x === 80) {
        // The explanation does not fit under the ladder at 80x24: it scrolls.
        expect(shown).toContain('lines 1-15 of 20  ↑↓ scroll');
        tmux('send-keys', '-t', name, 'PageDown');
        await until('scrolled', () => s().includes('lines 6-20 of 20  ↑↓ scroll'));
        shown = s();
      } else {
        // At 120 columns the state diagram stands beside the explanation, its legend whole.
        expect(shown).toContain('C[TIME_WAIT]');
        expect(shown).toContain('C[X] / [X]S: client / server is in X now');
        expect(shown).toContain('c/s: just left X: c(X), (X)s, c[X]S, C[X]s');
      }
      const text = words(shown, size.x);
      expect(text).toContain('Its ack repeats the ACK of the peer\'s FIN it already sent on line 9: that ACK and this FIN went as two packets.');
      expect(text).not.toContain('three packets');
      // First and last.
      tmux('send-keys', '-t', name, 'g');
      await until('step 1', () => s().includes('step 1/5'));
      tmux('send-keys', '-t', name, 'G');
      await until('step 5', () => s().includes('step 5/5'));
      tmux('send-keys', '-t', name, 'Right');
      await until('the end', () => s().includes('end of the lesson'));
      expect(s()).toContain('1. How many packets did closing the connection take?');
      expect(s()).toContain('answers hidden: press a to show them');
      expect(s()).not.toContain('answer: 4');
      tmux('send-keys', '-t', name, 'a');
      await until('the answers', () => s().includes('answer: 4'));
      expect(s()).toContain('answer: the client: it sent the first FIN (active close)');
      fits(s(), size.x);
      tmux('send-keys', '-t', name, 'q');
      await until('exit status', () => existsSync(status));
      expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
      expect(tmux('display', '-p', '-t', name, '#{alternate_on}').trim()).toBe('0');
    }, 120_000);

    test(`${size.x}x${size.y}: the class-vote quiz: options for the room, Enter reveals the answer and explains the wrong ones`, async () => {
      const { server } = servers.get(size.x)!;
      const { screen, until, start, run: tmux } = server;
      const name = `vote${size.x}`;
      const status = start(name, `${driver} lesson four-way-close --quiz --vote --lang en`);
      const s = (): string => screen(name);
      await until('the lesson', () => s().includes('The four-way close and TIME_WAIT · step 0/5'));
      tmux('send-keys', '-t', name, 'Right');
      await until('step 1', () => s().includes('step 1/5'));
      tmux('send-keys', '-t', name, 'Right');
      await until('the first vote', () => words(s(), size.x).includes('Which flags will it carry?') && words(s(), size.x).includes('Class vote: discuss, then press Enter to reveal the answer.'));
      // Line 8 (the client's FIN) stays hidden until the answer is revealed; the options are in tcpdump's brackets.
      expect(s()).not.toContain('F. seq 87');
      expect(s()).toMatch(/\d\) \[F\.\]/);
      expect(s()).toContain('Enter: reveal the answer');
      fits(s(), size.x);
      tmux('send-keys', '-t', name, 'Enter');
      await until('the answer', () => s().includes('Answer: [F.].'));
      let shown = s();
      expect(shown).toContain('F. seq 87');
      expect(shown.match(/Not \[[A-Z.]+\]:/g)?.length).toBe(3);
      expect(shown).toContain('1 of 4 answers revealed');
      expect(shown).not.toMatch(/F\.\./);
      fits(shown, size.x);
      tmux('send-keys', '-t', name, 'Space');
      await until('the second vote', () => words(s(), size.x).includes('What state will the client be in after it?'));
      tmux('send-keys', '-t', name, 'Enter');
      await until('the second answer', () => s().includes('Answer: FIN_WAIT_2.'));
      shown = s();
      expect(words(shown, size.x)).toContain('Not FIN_WAIT_1: sent its FIN (active close), waiting for it to be acknowledged.');
      expect(shown).toContain('2 of 4 answers revealed');
      tmux('send-keys', '-t', name, 'q');
      await until('exit status', () => existsSync(status));
      expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    }, 120_000);
  }

  for (const size of SIZES) {
    test(`${size.x}x${size.y}: explain FILE --quiz --vote, a class vote on any capture: options for the room, digits do not answer, Enter reveals and explains every wrong option`, async () => {
      const { server } = servers.get(size.x)!;
      const { screen, until, start, run: tmux } = server;
      const name = `evote${size.x}`;
      const status = start(name, `${driver} explain samples/handshake-close/n.txt --quiz --vote --lang en`);
      const s = (): string => screen(name);
      await until('the capture', () => s().includes('samples/handshake-close/n.txt · step 0/11 · 0 of 8 answers revealed'));
      tmux('send-keys', '-t', name, 'Right');
      await until('step 1', () => s().includes('step 1/11'));
      tmux('send-keys', '-t', name, 'Right');
      await until('the first vote', () => words(s(), size.x).includes('Which flags will it carry?') && words(s(), size.x).includes('Class vote: discuss, then press Enter to reveal the answer.'));
      // Line 2 (the SYN-ACK) is not on the ladder yet; the four options are, in tcpdump's brackets.
      let shown = s();
      expect(shown).not.toContain('S. seq 0 ack 1');
      expect(shown.match(/^ *[1-4]\) \[[A-Z.]+\]/gm)).toHaveLength(4);
      expect(shown).toContain('Enter: reveal the answer');
      fits(shown, size.x);
      // A digit is nobody's answer in a class vote.
      tmux('send-keys', '-t', name, '2');
      await new Promise((r) => setTimeout(r, 400));
      expect(s()).not.toContain('Answer:');
      tmux('send-keys', '-t', name, 'Enter');
      await until('the answer', () => s().includes('Answer: [S.].'));
      shown = s();
      expect(shown).toMatch(/S\. seq 0 ack 1 win 65160/);
      expect(words(shown, size.x)).toContain('Not [R.]: a reset with the ACK bit: the connection is aborted at once.');
      expect(words(shown, size.x)).toContain('Not [.]: a bare ACK acknowledges what arrived and carries no data.');
      expect(words(shown, size.x)).toContain('Not [S]: a SYN opens a connection (the first packet of a handshake).');
      expect(shown).toContain('1 of 8 answers revealed');
      expect(shown).not.toContain('Score:');
      fits(shown, size.x);
      tmux('send-keys', '-t', name, 'q');
      await until('exit status', () => existsSync(status));
      expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
      // A vote has no score: nobody answered at the keyboard.
      expect(s()).not.toContain('Score:');
    }, 120_000);
  }

  test('80x24: a scored quiz, a right and a wrong answer (explained), q prints the score of answered questions', async () => {
    const { server } = servers.get(80)!;
    const { screen, until, start, run: tmux } = server;
    const status = start('quiz', `${driver} lesson four-way-close --quiz --lang en`);
    const s = (): string => screen('quiz');
    await until('the lesson', () => s().includes('step 0/5'));
    tmux('send-keys', '-t', 'quiz', 'Right');
    await until('step 1', () => s().includes('step 1/5'));
    tmux('send-keys', '-t', 'quiz', 'Right');
    await until('the first question', () => words(s(), 80).includes('Which flags will it carry?'));
    expect(s()).toContain('3) [F.]');
    tmux('send-keys', '-t', 'quiz', '3');
    await until('the answer checked', () => s().includes('Correct.'));
    expect(s()).toContain('Score: 1 right of 1 answered (4 questions).');
    tmux('send-keys', '-t', 'quiz', 'Space');
    await until('the second question', () => words(s(), 80).includes('What state will the client be in after it?'));
    tmux('send-keys', '-t', 'quiz', '1');
    await until('the wrong answer', () => s().includes('Not quite: the answer is FIN_WAIT_2.'));
    expect(words(s(), 80)).toContain('You chose FIN_WAIT_1: sent its FIN (active close), waiting for it to be acknowledged.');
    expect(s()).toContain('Score: 1 right of 2 answered (4 questions).');
    tmux('send-keys', '-t', 'quiz', 'q');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    expect(s()).toContain('Score: 1 right of 2 answered (4 questions).');
  }, 90_000);

  test('120x40: step mode on a piped capture (keys from the terminal): the ladder grows, ← goes back, q exits 0', async () => {
    const { server } = servers.get(120)!;
    const { screen, until, start, run: tmux } = server;
    const status = start('piped', `cat samples/handshake-close/n.txt | ${driver} step -`);
    await until('the viewer', () => screen('piped').includes('stdin · step 0/11'));
    tmux('send-keys', '-t', 'piped', 'Right', 'l', 'n');
    await until('step 3', () => screen('piped').includes('stdin · step 3/11'));
    const sc = screen('piped');
    expect(sc).toContain('C[ESTABLISHED]S');
    expect(sc).toContain('Server: SYN_RECEIVED → ESTABLISHED');
    tmux('send-keys', '-t', 'piped', 'Left');
    await until('back to step 2', () => screen('piped').includes('stdin · step 2/11'));
    tmux('send-keys', '-t', 'piped', 'q');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
  }, 90_000);
});
