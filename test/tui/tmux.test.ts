// End to end in a real terminal (tmux): piped capture, keys from /dev/tty, live arrival, the ladder, q restoring the terminal.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasTmux, tmuxServer } from '../helpers/tmux';
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import stringWidth from 'string-width';
import { repoRoot } from './capture';

const socket = `tcplain-test-${process.pid}`;
const driver = path.join(repoRoot, 'dist', 'tui-driver.test.mjs');
let scratch = '';

const server = tmuxServer({ socket, cwd: repoRoot, scratch: () => scratch });
const tmux = server.run;
const { screen, until, start } = server;

describe.skipIf(!hasTmux)('terminal UI in tmux', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'tcplain-tmux-'));
    // The same bundling as scripts/build.mjs, for a driver that calls runTui directly.
    await build({
      entryPoints: [path.join(repoRoot, 'test/tui/fixtures/tui-driver.ts')],
      outfile: driver,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      external: ['ink', 'react', 'react/*', 'yargs', 'yargs/*', 'ink-*'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'warning',
    });
  }, 60_000);

  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    rmSync(driver, { force: true });
  });

  test('a piped sample: annotations, keys move the cursor, the ladder, q exits 0 and restores the screen', async () => {
    const status = start('piped', `cat samples/handshake-close/n.txt | node ${driver} handshake-close/n.txt`);
    await until('input ended', () => screen('piped').includes('input ended'));
    let s = screen('piped');
    expect(s).toContain(' tcplain  handshake-close/n.txt');
    expect(s).toContain('   ACK of the server\'s FIN: the last step of the close; both directions are closed.');
    expect(s).toContain(' FOLLOW  11 packets · 1 connections · 0 findings · input ended');
    expect(tmux('display', '-p', '-t', 'piped', '#{alternate_on}').trim()).toBe('1');
    // Keys come from the terminal although stdin is the pipe.
    tmux('send-keys', '-t', 'piped', 'g');
    await until('first line selected', () => screen('piped').includes('line 1  [S]  Connection c1'));
    tmux('send-keys', '-t', 'piped', 'j', 'j');
    await until('third line selected', () => screen('piped').includes('line 3  [.]  Connection c1'));
    expect(screen('piped')).not.toContain('FOLLOW');
    tmux('send-keys', '-t', 'piped', 'd');
    await until('ladder', () => screen('piped').includes('── Ladder '));
    s = screen('piped');
    expect(s).toContain('client 192.0.2.2:40001');
    expect(s).toContain('  0.351657    TIME_WAIT│◄');
    expect(s).toContain('verdict: Closed normally (four-way close)');
    // Resizing re-lays out: at 80 columns every line fits and the lanes move in.
    tmux('resize-window', '-t', 'piped', '-x', '80', '-y', '30');
    await until('80-column layout', () => screen('piped').split('\n')[0].length <= 80 && screen('piped').includes('192.0.2.2:40001  198.51.100.2:80'));
    s = screen('piped');
    for (const l of s.split('\n')) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    expect(s).toContain('   ACK: the client confirms the SYN-ACK; the three-way handshake is complete (s…');
    expect(s.split('\n')[29]).toContain('11 packets · 1 connections · 0 findings · input ended');
    tmux('send-keys', '-t', 'piped', 'q');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    expect(tmux('display', '-p', '-t', 'piped', '#{alternate_on}').trim()).toBe('0');
    expect(tmux('display', '-p', '-t', 'piped', '#{cursor_flag}').trim()).toBe('1');
  });

  test('a live pipe: lines appear as they arrive, follow keeps the newest selected, the viewer stays open after input ends', async () => {
    // The capture comes through a FIFO the test writes, so lines arrive only once the viewer is up, like `tcpdump -l |`.
    const fifo = path.join(scratch, 'live.fifo');
    execFileSync('mkfifo', [fifo]);
    const status = start('live', `node ${driver} live < ${fifo}`);
    const writer = createWriteStream(fifo);
    const lines = readFileSync(path.join(repoRoot, 'samples/server-abort/n.txt'), 'utf8').trimEnd().split('\n');
    await until('empty viewer', () => screen('live').includes('waiting for tcpdump lines…'));
    writer.write(`${lines[0]}\n${lines[1]}\n`);
    await until('two packets', () => /FOLLOW {2}2 packets · 1 connections \(1 open\) · 0 findings · \d+\/s/.test(screen('live')));
    const early = screen('live');
    expect(early).not.toContain('input ended');
    expect(early).toContain('line 2  [S.]  Connection c1');
    for (const l of lines.slice(2)) {
      writer.write(`${l}\n`);
      await new Promise((r) => setTimeout(r, 150));
    }
    writer.end();
    await until('all six packets', () => screen('live').includes('6 packets · 1 connections · 1 findings · input ended'));
    const s = screen('live');
    expect(s).toContain('■▸11:19:44.968369 198.51.100.2:80 → 192.0.2.2:40004 [R.] seq 1 ack 87 len 0  RST');
    expect(s).toContain('line 6  [R.]  Connection c1');
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(status)).toBe(false);
    tmux('send-keys', '-t', 'live', 'C-c');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    expect(tmux('display', '-p', '-t', 'live', '#{alternate_on}').trim()).toBe('0');
  });

  test('a burst of 22,000 lines into a 5,000-line history: every line counted, old ones dropped and said so, keys still answer', async () => {
    const base = readFileSync(path.join(repoRoot, 'samples/handshake-close/n.txt'), 'utf8');
    let text = '';
    for (let i = 0; i < 2000; i++) text += base.replaceAll('192.0.2.2.40001', `192.0.2.2.${1024 + i}`);
    const file = path.join(scratch, 'burst.txt');
    writeFileSync(file, text);
    const status = start('burst', `cat ${file} | TCPLAIN_MAX_LINES=5000 node ${driver} burst`);
    await until('input ended', () => screen('burst').includes('input ended'), 120_000);
    const s = screen('burst');
    // The dropped lines are a message: it comes before the counters.
    expect(s).toContain(' FOLLOW  17,000 older lines dropped  22,000 packets · 2,000 connections · 0 findings · input ended');
    expect(s).toContain(' ▸11:19:39.115287 192.0.2.2:3023 → 198.51.100.2:80 [.] seq 88 ack 80 len 0');
    tmux('send-keys', '-t', 'burst', 'g');
    await until('oldest kept line selected', () => screen('burst').includes('line 17001  [P.]'));
    tmux('send-keys', '-t', 'burst', 'q');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
  }, 180_000);

  test('without a controlling terminal for keys (setsid) runTui says so and the caller falls back to text', async () => {
    const err = path.join(scratch, 'notty.err');
    const status = start('notty', `setsid -w node ${driver} x < samples/refused/n.txt 2> ${err}`);
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=3');
    expect(readFileSync(err, 'utf8')).toMatch(/^tcplain: no controlling terminal for keys \(E[A-Z]+\); showing text instead\n$/);
    expect(tmux('display', '-p', '-t', 'notty', '#{alternate_on}').trim()).toBe('0');
  });

  test('SIGTERM while the viewer is open: the terminal is restored and the status says death by signal (143)', async () => {
    const status = start('term', `cat samples/refused/n.txt | node ${driver} term`);
    await until('input ended', () => screen('term').includes('input ended'));
    const shell = tmux('display', '-p', '-t', 'term', '#{pane_pid}').trim();
    const node = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', shell], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .find(([, comm]) => comm === 'node');
    expect(node).toBeDefined();
    process.kill(Number(node![0]), 'SIGTERM');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=143');
    expect(tmux('display', '-p', '-t', 'term', '#{alternate_on}').trim()).toBe('0');
    expect(tmux('display', '-p', '-t', 'term', '#{cursor_flag}').trim()).toBe('1');
  });

  test('the pair view on two files: the forged RST starts mid-path, G and k move the selection, q exits 0', async () => {
    const status = start('pair', `node ${driver} pair samples/nat-forged-rst/client.txt samples/nat-forged-rst/server.txt`);
    await until('pairing done', () => screen('pair').includes('input ended'));
    let s = screen('pair');
    expect(s).toContain('verdict: The RST the server got was forged on the path: the client never sent it.');
    expect(s).toMatch(/ 11:22:50\.062836 │ {39}◆ R seq 87 win 0 ─+►│ never sent by the peer/);
    expect(s).toContain(' 1 pair · 0 unpaired · rel · en');
    tmux('send-keys', '-t', 'pair', 'G');
    await until('last row selected', () => /▸11:22:52\.06493\d │◄/.test(screen('pair')));
    tmux('send-keys', '-t', 'pair', 'k');
    await until('row above selected', () => /▸11:22:52\.06485\d │─ F\./.test(screen('pair')));
    s = screen('pair');
    expect(s).toContain('client → server · both · received');
    tmux('send-keys', '-t', 'pair', 'q');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    expect(tmux('display', '-p', '-t', 'pair', '#{alternate_on}').trim()).toBe('0');
  });

  test('the real CLI: `cat sample | node bin/tcplain.js` opens the viewer on a terminal and q exits 0', async () => {
    // The CLI bundle as users run it (npm run build), built from this tree.
    execFileSync('node', ['scripts/build.mjs'], { cwd: repoRoot });
    const status = start('cli', 'cat samples/three-way-close/n.txt | node bin/tcplain.js');
    await until('input ended', () => screen('cli').includes('input ended'));
    const s = screen('cli');
    expect(s).toContain(' tcplain  stdin');
    expect(s).toContain(' FOLLOW  10 packets · 1 connections · 0 findings · input ended');
    tmux('send-keys', '-t', 'cli', 'd');
    await until('ladder', () => screen('cli').includes('verdict: Closed normally (three-way close'));
    tmux('send-keys', '-t', 'cli', 'q');
    await until('exit status', () => existsSync(status));
    expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    expect(tmux('display', '-p', '-t', 'cli', '#{alternate_on}').trim()).toBe('0');
  }, 120_000);
});
