// One private tmux server per test file: run tmux commands, start detached sessions that record their exit status,
// and wait for a screen to show something (the terminal end-to-end tests of the CLI, the viewer and the lessons).

import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export interface TmuxServer {
  /** One tmux command on this server's socket; its stdout. */
  run(...args: string[]): string;
  /** The visible pane of a session. */
  screen(session: string): string;
  /**
   * Runs `cmd` in a detached session in `cwd`; once it returns the shell writes `exit=N` to the returned file (whole:
   * written beside it, then renamed, so a test that sees the file reads the status).
   */
  start(name: string, cmd: string): string;
  /** Polls `ok` every 100 ms; on time-out, throws with the last started session's screen. */
  until(what: string, ok: () => boolean, ms?: number): Promise<void>;
}

export function tmuxServer(opts: {
  socket: string;
  cwd: string;
  /** The test's scratch folder (made in beforeAll, so read when a session starts). */
  scratch: () => string;
  size?: { x: number; y: number };
  timeoutMs?: number;
}): TmuxServer {
  const size = opts.size ?? { x: 120, y: 40 };
  let last = '';
  const run = (...args: string[]): string => execFileSync('tmux', ['-L', opts.socket, ...args], { encoding: 'utf8' });
  const screen = (s: string): string => run('capture-pane', '-p', '-t', s);
  return {
    run,
    screen,
    start(name, cmd) {
      last = name;
      const status = path.join(opts.scratch(), `${name}.status`);
      run('new-session', '-d', '-x', String(size.x), '-y', String(size.y), '-s', name, '-c', opts.cwd, `${cmd}; echo "exit=$?" > ${status}.part; mv ${status}.part ${status}; sleep 60`);
      return status;
    },
    async until(what, ok, ms = opts.timeoutMs ?? 30_000) {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        if (ok()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      let shown = '';
      try {
        shown = last ? `; screen:\n${screen(last)}` : '';
      } catch {
        // the session may be gone already
      }
      throw new Error(`timed out waiting for ${what}${shown}`);
    },
  };
}
