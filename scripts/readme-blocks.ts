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
