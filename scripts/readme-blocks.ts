// The README's quoted output blocks and how to regenerate them: shared by scripts/readme-update.ts (rewrites them
// from the built CLI) and test/readme.test.ts (checks them against it).
//
// A quoted output block is a fenced block right after a directive comment (invisible on GitHub):
//   <!-- readme-output: ARGS | from PREFIX | until PREFIX -->
// The block is the output of `node bin/tcplain.js ARGS` (ARGS split on spaces; English, stdout a pipe), from its
// first line starting with PREFIX (`from`) up to, not including, the next line starting with `until` (or the end).

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface OutputBlock {
  /** The directive's text, as written. */
  directive: string;
  args: string[];
  from: string;
  until: string | undefined;
  /** The block's lines in the README (without the fences). */
  lines: string[];
  /** Index in the README's lines of the block's first line (after the opening fence). */
  start: number;
}

const DIRECTIVE = /^<!-- readme-output: (.+?) -->$/;

/** Every quoted output block of the README text, in order. */
export function outputBlocks(readme: string): OutputBlock[] {
  const all = readme.split('\n');
  const blocks: OutputBlock[] = [];
  for (let i = 0; i < all.length; i++) {
    const m = DIRECTIVE.exec(all[i]);
    if (!m) continue;
    const parts = m[1].split(' | ').map((p) => p.trim());
    const from = parts.find((p) => p.startsWith('from '))?.slice(5);
    const until = parts.find((p) => p.startsWith('until '))?.slice(6);
    if (!from || all[i + 1] !== '```') throw new Error(`README line ${i + 1}: a readme-output directive needs "from PREFIX" and a fenced block right after it`);
    const end = all.indexOf('```', i + 2);
    blocks.push({ directive: m[1], args: parts[0].split(/\s+/), from, until, lines: all.slice(i + 2, end), start: i + 2 });
  }
  return blocks;
}

/** The environment the blocks are made in: English, no colour forced, whatever the caller's locale. */
export function englishEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'en_US.UTF-8', LANG: 'en_US.UTF-8' };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.LC_MESSAGES;
  return env;
}

/** The built CLI's output for `args` (stdout a pipe), and its exit status. */
export function runBuilt(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/tcplain.js'), ...args], { cwd: ROOT, env: englishEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines of `output` a block quotes: from its `from` line to its `until` line (excluded) or the end. */
export function excerpt(output: string, block: Pick<OutputBlock, 'from' | 'until'>): string[] {
  const lines = output.replace(/\n$/, '').split('\n');
  const first = lines.findIndex((l) => l.startsWith(block.from));
  if (first < 0) return [];
  const stop = block.until === undefined ? -1 : lines.findIndex((l, i) => i > first && l.startsWith(block.until!));
  return lines.slice(first, stop < 0 ? lines.length : stop);
}

/**
 * A quoted viewer screen: a fenced block right after
 *   <!-- readme-screen: ARGS | COLSxROWS | keys K1 K2 ... -->
 * is the screen of `node bin/tcplain.js ARGS` in a COLSxROWS tmux pane after the keys are typed (tmux send-keys
 * names), as `tmux capture-pane -p` shows it.
 */
export interface ScreenBlock {
  args: string[];
  cols: number;
  rows: number;
  keys: string[];
  lines: string[];
  start: number;
}

const SCREEN = /^<!-- readme-screen: (.+?) \| (\d+)x(\d+) \| keys (.+?) -->$/;

export function screenBlocks(readme: string): ScreenBlock[] {
  const all = readme.split('\n');
  const blocks: ScreenBlock[] = [];
  for (let i = 0; i < all.length; i++) {
    const m = SCREEN.exec(all[i]);
    if (!m) continue;
    if (all[i + 1] !== '```') throw new Error(`README line ${i + 1}: a readme-screen directive needs a fenced block right after it`);
    const end = all.indexOf('```', i + 2);
    blocks.push({ args: m[1].split(/\s+/), cols: Number(m[2]), rows: Number(m[3]), keys: m[4].split(/\s+/), lines: all.slice(i + 2, end), start: i + 2 });
  }
  return blocks;
}

/** The viewer's screen for a block, from a real terminal (tmux); waits for the first frame and for the keys' effect. */
export async function captureScreen(block: Pick<ScreenBlock, 'args' | 'cols' | 'rows' | 'keys'>): Promise<string[]> {
  const socket = `tcplain-readme-${process.pid}`;
  const tmux = (...a: string[]) => spawnSync('tmux', ['-L', socket, ...a], { cwd: ROOT, encoding: 'utf8', env: englishEnv() });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const command = [process.execPath, path.join(ROOT, 'bin/tcplain.js'), ...block.args].map((w) => `'${w}'`).join(' ');
  try {
    const started = tmux('new-session', '-d', '-x', String(block.cols), '-y', String(block.rows), '-e', 'LANG=en_US.UTF-8', '-e', 'LC_ALL=en_US.UTF-8', '-e', 'TERM=xterm-256color', `${command}; sleep 60`);
    if (started.status !== 0) throw new Error(`tmux: ${started.stderr}`);
    const screen = () => tmux('capture-pane', '-p').stdout;
    const settle = async () => {
      let last = '';
      for (let t = 0; t < 150; t++) {
        await sleep(200);
        const now = screen();
        if (now === last && now.includes(' q quit')) return now;
        last = now;
      }
      throw new Error(`the viewer did not settle: ${last}`);
    };
    await settle();
    for (const k of block.keys) {
      tmux('send-keys', k);
      await sleep(100);
    }
    await sleep(300);
    return (await settle()).replace(/\n+$/, '').split('\n');
  } finally {
    tmux('kill-server');
  }
}
