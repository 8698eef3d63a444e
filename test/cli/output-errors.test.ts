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

describe.skipIf(!existsSync('/dev/full'))('every command on a full disk (issue 16 item 8)', () => {
  const S = 'samples/nat-forged-rst';
  const commands = [
    ['--format', 'json', `${S}/client.txt`],
    ['--format', 'markdown', `${S}/client.txt`],
    ['--redact', '--format', 'text', `${S}/client.txt`],
    ['summary', `${S}/client.txt`],
    ['pair', '--format', 'text', `${S}/client.txt`, `${S}/server.txt`],
    ['pair', '--format', 'json', `${S}/client.txt`, `${S}/server.txt`],
    ['diagram', '--format', 'svg', `${S}/client.txt`],
    ['cmd', 'tcpdump -nn port 80'],
    ['lesson', 'handshake', '--format', 'markdown'],
    ['completion'],
    ['--help'],
    ['--version'],
  ];
  it.each(commands.map((c) => [c.join(' '), c]))('%s: exit 1, one line, no stack trace', (_name, args) => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, ['bin/tcplain.js', ...(args as string[])], { cwd: repo, env: { ...baseEnv, LANG: 'C' }, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([1, 'tcplain: cannot write the output: ENOSPC; what was explained is lost\n']);
    } finally {
      closeSync(full);
    }
  });
});

describe('stdout closed (`>&-`, issue 16 item 8): bin/tcplain says so and exits 1', () => {
  const run = (redirect: string, lang = 'C', extra = '') =>
    spawnSync('sh', ['-c', `${extra} bin/tcplain --format text samples/handshake-close/n.txt ${redirect}`], { cwd: repo, env: { ...baseEnv, LANG: lang }, encoding: 'utf8' });

  it('en and zh-CN, from the startup snapshot and from the bundle', () => {
    for (const extra of ['', 'TCPLAIN_SNAPSHOT=0']) {
      const en = run('>&-', 'C', extra);
      expect([en.status, en.stderr]).toEqual([1, 'tcplain: standard output is closed (EBADF), so the output would be lost: redirect it to a file or a pipe (> /dev/null to discard it)\n']);
      const zh = run('>&-', 'zh_CN.UTF-8', extra);
      expect([zh.status, zh.stderr]).toEqual([1, 'tcplain: 标准输出已关闭（EBADF），输出将会丢失：请把它重定向到文件或管道（丢弃输出请用 > /dev/null）\n']);
    }
  });

  it('> /dev/null and a pipe are not a closed stdout', () => {
    const devNull = run('> /dev/null');
    expect([devNull.status, devNull.stderr]).toEqual([0, '']);
    const piped = run('| wc -l');
    expect([piped.status, piped.stderr, Number(piped.stdout.trim())]).toEqual([0, '', 71]);
  });
});
