// tcplain on a real terminal (tmux): a paste read up to Ctrl-D after a one-line hint, then explained; TERM=dumb
// never opens the viewer. Skipped when tmux is missing (.ci/run installs it).

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTmux, tmuxServer } from '../helpers/tmux';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const socket = `tcplain-cli-test-${process.pid}`;
let scratch = '';

const server = tmuxServer({ socket, cwd: repo, scratch: () => scratch, timeoutMs: 20_000 });
const tmux = server.run;
const { until, start } = server;

/** The whole pane with its history, wrapped lines joined. */
const pane = (s: string): string => tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', s);

const status = (file: string): string | null => (existsSync(file) ? readFileSync(file, 'utf8').trim() : null);

const HINT = 'tcplain: paste tcpdump output, then press Ctrl-D on an empty line (Ctrl-C to cancel)';
const VERDICT = '──▶ Connection c1 192.0.2.2:40001 → 198.51.100.2:80: Closed normally (four-way close)';
const capture = readFileSync(path.join(repo, 'samples/handshake-close/client.txt'), 'utf8').trimEnd().split('\n');

describe.skipIf(!hasTmux)('tcplain on a terminal (tmux)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo });
    scratch = mkdtempSync(path.join(tmpdir(), 'tcplain-cli-tmux-'));
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('no file on a terminal: the hint, then the paste up to Ctrl-D is explained', async () => {
    const done = start('paste', `env LANG=C NO_COLOR=1 node bin/tcplain.js --format text`);
    await until('the hint', () => pane('paste').includes(HINT));
    for (const line of capture) {
      tmux('send-keys', '-t', 'paste', '-l', line);
      tmux('send-keys', '-t', 'paste', 'Enter');
    }
    tmux('send-keys', '-t', 'paste', 'C-d');
    await until('exit', () => status(done) !== null);
    expect(status(done)).toBe('exit=0');
    const text = pane('paste');
    expect(text).toContain(VERDICT);
    // The hint comes before the paste, the explanation after it: the last pasted line, then its notes.
    expect(text.indexOf(HINT)).toBeLessThan(text.indexOf(capture[0]));
    expect(text.lastIndexOf(capture.at(-1)!)).toBeLessThan(text.indexOf(VERDICT));
  });

  it('no file and no --format on a terminal: after the paste the viewer opens, keys from the terminal, q quits', async () => {
    const done = start('viewer', 'env LANG=C node bin/tcplain.js');
    await until('the hint', () => pane('viewer').includes(HINT));
    for (const line of capture) {
      tmux('send-keys', '-t', 'viewer', '-l', line);
      tmux('send-keys', '-t', 'viewer', 'Enter');
    }
    tmux('send-keys', '-t', 'viewer', 'C-d');
    await until('the viewer', () => tmux('display', '-p', '-t', 'viewer', '#{alternate_on}').trim() === '1' && pane('viewer').includes(' tcplain  stdin'));
    await until('the last packet in the viewer', () => pane('viewer').includes('11 packets'));
    tmux('send-keys', '-t', 'viewer', 'q');
    await until('exit', () => status(done) !== null);
    expect(status(done)).toBe('exit=0');
  });

  it('Ctrl-C during the paste cancels at once: exit 130, nothing explained', async () => {
    const done = start('cancel', 'env LANG=C node bin/tcplain.js --format text');
    await until('the hint', () => pane('cancel').includes(HINT));
    tmux('send-keys', '-t', 'cancel', '-l', capture[0]);
    tmux('send-keys', '-t', 'cancel', 'Enter');
    tmux('send-keys', '-t', 'cancel', 'C-c');
    await until('exit', () => status(done) !== null);
    expect(status(done)).toBe('exit=130');
    expect(pane('cancel')).not.toContain('  │ SYN:');
  });

  it('TERM=dumb on a terminal: annotated text, never the viewer', async () => {
    const done = start('dumb', 'env LANG=C TERM=dumb node bin/tcplain.js samples/handshake-close/client.txt');
    await until('exit', () => status(done) !== null);
    expect(status(done)).toBe('exit=0');
    const text = pane('dumb');
    expect(text).toContain(VERDICT);
    expect(text).toContain('  │ SYN: the client asks the server to open a connection (three-way handshake, step 1 of 3).');
  });
});
