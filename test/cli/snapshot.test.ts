// The startup snapshot (scripts/snapshot.mjs, bin/tcplain): a run started from dist/tcplain.blob prints the same
// bytes, on stdout and stderr, with the same exit status, as the ES-module bundle; the launcher takes the
// snapshot only when it is safe (the Node that wrote it, under the same V8 heap flags, no viewer possible) and falls
// back otherwise; and Node gets bin/tcplain's V8 heap flags on both paths.

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const blob = path.join(repo, 'dist/tcplain.blob');
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C' };
/** bin/tcplain's V8 heap flags (its `heap='...'` line): the blob is made under them and refused by V8 without them. */
const heap = /^heap='([^']*)'$/m.exec(readFileSync(path.join(repo, 'bin/tcplain'), 'utf8'))?.[1] ?? '';

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo });
}, 120_000);

interface Run {
  code: number | null;
  out: string;
  err: string;
}
function viaSnapshot(args: string[], input = ''): Run {
  const r = spawnSync(process.execPath, [...heap.split(' '), '--snapshot-blob', blob, '--', ...args], { cwd: repo, env, input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
function viaBundle(args: string[], input = ''): Run {
  const r = spawnSync(process.execPath, ['dist/tcplain.js', ...args], { cwd: repo, env, input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const CASES: { name: string; args: string[]; stdin?: string }[] = [
  { name: '--version', args: ['--version'] },
  { name: '--help', args: ['--help'] },
  { name: '--help in Chinese', args: ['--lang', 'zh', '--help'] },
  { name: 'explain text', args: ['--format', 'text', 'samples/server-abort/n.txt'] },
  { name: 'explain text, Chinese', args: ['--lang', 'zh', '--format', 'text', 'samples/nat-forged-rst/server-v.txt'] },
  { name: 'explain json', args: ['--format', 'json', 'samples/rst-to-server/n.txt'] },
  { name: 'explain markdown', args: ['--format', 'markdown', 'samples/handshake-close/n.txt'] },
  { name: 'two files, one missing', args: ['--format', 'text', 'samples/refused/n.txt', 'samples/no-such-file.txt'] },
  { name: 'stdin', args: ['--format', 'text', '-'], stdin: readFileSync(path.join(repo, 'samples/zero-window/n.txt'), 'utf8') },
  { name: 'redact', args: ['--format', 'text', '--redact', 'samples/ipv6/n.txt'] },
  { name: 'pair', args: ['pair', '--format', 'text', 'samples/nat-forged-rst/client-n.txt', 'samples/nat-forged-rst/server-n.txt'] },
  { name: 'diagram svg', args: ['diagram', '--format', 'svg', 'samples/three-way-close/n.txt'] },
  { name: 'cmd', args: ['cmd', '--', 'tcpdump', '-i', 'any', '-nn', 'host 192.0.2.1 and (port 80 or port 443)'] },
  { name: 'lesson list', args: ['lesson', '--format', 'text'] },
  { name: 'a usage error', args: ['--format', 'yaml', 'samples/refused/n.txt'] },
];

describe.skipIf(!existsSync(blob))('a run from the snapshot prints what the bundle prints', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const a = viaSnapshot(c.args, c.stdin);
      const b = viaBundle(c.args, c.stdin);
      expect(a.out.length + a.err.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
    });
  }

  it('a pcap read through tcpdump', () => {
    const args = ['--format', 'text', 'samples/handshake-close/client.pcap'];
    const a = viaSnapshot(args);
    expect(a).toEqual(viaBundle(args));
    expect(a.out).toContain('Flags [S]');
  });
});

// The launcher's choice, in a copy of bin/ and dist/ whose `node` is a stand-in that writes down how it was started.
describe.skipIf(!existsSync(blob))('bin/tcplain takes the snapshot only when it is safe', () => {
  let home = '';
  let shim = '';
  let log = '';
  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'tcplain-launch-'));
    cpSync(path.join(repo, 'bin'), path.join(home, 'bin'), { recursive: true });
    cpSync(path.join(repo, 'dist'), path.join(home, 'dist'), { recursive: true });
    cpSync(path.join(repo, 'dist/tcplain.blob'), path.join(home, 'dist/tcplain.blob'));
    const shimDir = path.join(home, 'shim');
    execFileSync('mkdir', ['-p', shimDir]);
    shim = path.join(shimDir, 'node');
    log = path.join(home, 'node.log');
    writeFileSync(shim, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n`);
    chmodSync(shim, 0o755);
    writeFileSync(path.join(home, 'dist/tcplain.blob.node'), `${shim}\n${heap}\n`);
    // The blob is newer than the Node that wrote it.
    const old = new Date(Date.now() - 3600_000);
    utimesSync(shim, old, old);
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  /** `stdin`: 'pipe' (spawnSync's default: standard input is a pipe) or 'ignore' (/dev/null). */
  const launch = (args: string[], extra: Record<string, string> = {}, tty = false, stdin: 'pipe' | 'ignore' = 'pipe'): string => {
    rmSync(log, { force: true });
    const e = { ...env, PATH: `${path.dirname(shim)}:${env.PATH}`, TERM: 'xterm', ...extra };
    if (tty) spawnSync('script', ['-qec', [path.join(home, 'bin/tcplain'), ...args].map((a) => `'${a}'`).join(' '), '/dev/null'], { env: e, encoding: 'utf8' });
    else spawnSync(path.join(home, 'bin/tcplain'), args, { env: e, encoding: 'utf8', stdio: [stdin, 'pipe', 'pipe'] });
    return readFileSync(log, 'utf8').trim();
  };
  const snap = (args: string) => `${heap} --snapshot-blob ${home}/dist/tcplain.blob -- ${args}`;
  const bundle = (args: string) => `${heap} ${home}/bin/tcplain.js ${args}`;

  it('the heap flags are V8 flags that size the young and the old generation', () => {
    expect(heap.split(' ')).toEqual([expect.stringMatching(/^--max-semi-space-size=\d+$/), expect.stringMatching(/^--heap-growing-percent=\d+$/)]);
  });
  it('output to a pipe: the snapshot', () => {
    expect(launch(['x.txt'], {}, false, 'ignore')).toBe(snap('x.txt'));
  });
  it('input from a pipe (no argument names a file): the bundle, whose peak RSS on an endless stream is ~20 MB lower', () => {
    const small = path.join(home, 'small.txt');
    writeFileSync(small, 'x\n');
    expect(launch(['--format', 'text'])).toBe(bundle('--format text'));
    expect(launch(['summary', '-'])).toBe(bundle('summary -'));
    expect(launch(['x.txt'])).toBe(bundle('x.txt'));
    // A file named, or a command that reads no input: the snapshot, pipe or not.
    expect(launch(['--format', 'text', small])).toBe(snap(`--format text ${small}`));
    expect(launch(['--version'])).toBe(snap('--version'));
    expect(launch(['lesson', '--list'])).toBe(snap('lesson --list'));
    expect(launch(['--format', 'text'], {}, false, 'ignore')).toBe(snap('--format text'));
  });
  it('an input file over 4 MiB: the bundle (the snapshot would hold ~30 MB more for the whole run)', () => {
    const big = path.join(home, 'big.txt');
    const small = path.join(home, 'small.txt');
    writeFileSync(small, 'x\n');
    execFileSync('truncate', ['-s', String(4 * 1024 * 1024 + 1), big]);
    expect(launch(['--format', 'text', small, big])).toBe(bundle(`--format text ${small} ${big}`));
    execFileSync('truncate', ['-s', String(4 * 1024 * 1024), big]);
    expect(launch(['--format', 'text', small, big])).toBe(snap(`--format text ${small} ${big}`));
  });
  it('TCPLAIN_SNAPSHOT=0: the bundle', () => {
    expect(launch(['x.txt'], { TCPLAIN_SNAPSHOT: '0' })).toBe(bundle('x.txt'));
  });
  it('followed through a symlink, as npm links it into PATH', () => {
    const link = path.join(home, 'tcplain-link');
    execFileSync('ln', ['-sf', path.join(home, 'bin/tcplain'), link]);
    rmSync(log, { force: true });
    spawnSync(link, ['--version'], { env: { ...env, PATH: `${path.dirname(shim)}:${env.PATH}` } });
    expect(readFileSync(log, 'utf8').trim()).toBe(snap('--version'));
  });
  it.skipIf(spawnSync('script', ['--version']).status !== 0)('on a terminal: the bundle (the viewer may open), unless the arguments ask for text', () => {
    expect(launch(['x.txt'], {}, true)).toBe(bundle('x.txt'));
    expect(launch(['--format', 'text', 'x.txt'], {}, true)).toBe(snap('--format text x.txt'));
    expect(launch(['--version'], {}, true)).toBe(snap('--version'));
    expect(launch(['x.txt'], { TERM: 'dumb' }, true)).toBe(snap('x.txt'));
  });
  it('another Node on PATH than the one that wrote the blob: the bundle', () => {
    writeFileSync(path.join(home, 'dist/tcplain.blob.node'), '/opt/other/bin/node\n');
    try {
      expect(launch(['x.txt'])).toBe(bundle('x.txt'));
    } finally {
      writeFileSync(path.join(home, 'dist/tcplain.blob.node'), `${shim}\n${heap}\n`);
    }
  });
  it('a blob made under other heap flags (V8 would refuse it), or before they were written down: the bundle', () => {
    try {
      writeFileSync(path.join(home, 'dist/tcplain.blob.node'), `${shim}\n--max-semi-space-size=1\n`);
      expect(launch(['x.txt'])).toBe(bundle('x.txt'));
      writeFileSync(path.join(home, 'dist/tcplain.blob.node'), `${shim}\n`);
      expect(launch(['x.txt'])).toBe(bundle('x.txt'));
    } finally {
      writeFileSync(path.join(home, 'dist/tcplain.blob.node'), `${shim}\n${heap}\n`);
    }
  });
  it('a Node newer than the blob (upgraded in place): the bundle', () => {
    const now = new Date(Date.now() + 3600_000);
    utimesSync(shim, now, now);
    try {
      expect(launch(['x.txt'])).toBe(bundle('x.txt'));
    } finally {
      const old = new Date(Date.now() - 3600_000);
      utimesSync(shim, old, old);
    }
  });
  it('no blob: the bundle', () => {
    rmSync(path.join(home, 'dist/tcplain.blob'));
    expect(launch(['x.txt'])).toBe(bundle('x.txt'));
  });
});

// The real launcher with the real Node: TCPLAIN_DEBUG=heap says on stderr which path ran and with which Node flags.
describe.skipIf(!existsSync(blob))('bin/tcplain starts Node with its V8 heap flags on both paths', () => {
  const run = (extra: Record<string, string>): { out: string; debug: string } => {
    const r = spawnSync(path.join(repo, 'bin/tcplain'), ['--format', 'text', 'samples/refused/n.txt'], { cwd: repo, env: { ...env, TCPLAIN_DEBUG: 'heap', ...extra }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    return { out: r.stdout, debug: r.stderr.replace(/peak RSS \d+ MB/, 'peak RSS N MB') };
  };
  it('the startup snapshot (a blob V8 accepts only under the flags it was made with)', () => {
    expect(readFileSync(`${blob}.node`, 'utf8').split('\n')[1]).toBe(heap);
    expect(run({}).debug).toBe(`tcplain: debug: snapshot; node flags: ${heap}; peak RSS N MB\n`);
  });
  it('the ES-module bundle, with the same output', () => {
    const b = run({ TCPLAIN_SNAPSHOT: '0' });
    expect(b.debug).toBe(`tcplain: debug: bundle; node flags: ${heap}; peak RSS N MB\n`);
    expect(b.out).toBe(run({}).out);
  });
});
