// The CLI's own output failing: a full disk is one clear line on stderr and exit 1, never a stack trace.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LC_ALL: '' };

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo });
});

describe.skipIf(!existsSync('/dev/full'))('stdout on a full disk (> /dev/full)', () => {
  const run = (lang: string) => {
    const full = openSync('/dev/full', 'w');
    try {
      return spawnSync(process.execPath, ['bin/tcplain.js', '--format', 'text', 'samples/handshake-close/n.txt'], {
        cwd: repo,
        env: { ...baseEnv, LANG: lang },
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
    } finally {
      closeSync(full);
    }
  };

  it('en: exit 1 and one line naming ENOSPC', () => {
    const r = run('C');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('tcplain: cannot write the output: ENOSPC; what was explained is lost\n');
  });

  it('zh-CN: the same line in Chinese', () => {
    const r = run('zh_CN.UTF-8');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('tcplain: 无法写出输出：ENOSPC；解释的内容已丢失\n');
  });
});
