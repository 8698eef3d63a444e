// A saved text file parsed in a worker thread (src/cli/read-parse.ts, dist/parse-worker.js) prints exactly what the
// same file parsed on the main thread prints: every format, prose and unparsed lines, -c and --to stopping early,
// the snapshot launcher, a dist without the worker (fallback), and Ctrl-C.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C' };

interface Run {
  code: number | null;
  out: string;
  err: string;
}
function run(args: string[], thread: '0' | '1', opts: { snapshot?: boolean; dist?: string } = {}): Run {
  const dist = opts.dist ?? path.join(repo, 'dist');
  // V8 takes a snapshot only under the heap flags it was made with (line 2 of tcplain.blob.node, as bin/tcplain reads it).
  const heap = () => (readFileSync(path.join(dist, 'tcplain.blob.node'), 'utf8').split('\n')[1] ?? '').split(' ').filter(Boolean);
  const node = opts.snapshot ? [...heap(), '--snapshot-blob', path.join(dist, 'tcplain.blob'), '--'] : [path.join(dist, 'tcplain.js')];
  const r = spawnSync(process.execPath, [...node, ...args], { cwd: repo, env: { ...base, TCPLAIN_PARSE_THREAD: thread }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let tmp = '';
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo });
  tmp = mkdtempSync(path.join(tmpdir(), 'tcplain-thread-'));
}, 120_000);
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const FILES = [
  'samples/handshake-close/n.txt',
  'samples/sack-recovery/n.txt',
  'samples/nat-forged-rst/server-v.txt',
  'samples/handshake-close/X.txt',
  // Blog pastes: prose, a prompt, tcpdump's banners and a line the grammar marks unparsed, between packets.
  'test/fixtures/seeds/004_74b3cf5121775ae1.txt',
];

describe('a text file parsed in a worker thread prints what the main thread prints', () => {
  for (const file of FILES) {
    for (const args of [['explain', '--format', 'text'], ['explain', '--format', 'json'], ['summary']]) {
      it(`${args.join(' ')} ${file}`, () => {
        const here = run([...args, file], '0');
        expect(here.out.length).toBeGreaterThan(0);
        expect(run([...args, file], '1')).toEqual(here);
      });
    }
  }

  it('an unparsed line keeps its line number and reason, prose stays prose (seed 004)', () => {
    const json = run(['explain', '--format', 'json', FILES[4]], '1').out.trim().split('\n').map((l) => JSON.parse(l));
    const unparsed = json.filter((r) => r.kind === 'unparsed');
    expect(unparsed.map((r) => [r.line, r.reason])).toEqual([[180, "TCP segment without a 'win' field (line cut or not tcpdump output)"]]);
    expect(json.filter((r) => r.kind === 'text').length).toBe(236);
    expect(json.filter((r) => r.kind === 'tcp').length).toBe(15);
  });

  it('-c 3 and --to stop early alike', () => {
    for (const args of [
      ['explain', '--format', 'text', '-c', '3', 'samples/sack-recovery/n.txt'],
      ['summary', '-c', '3', 'samples/sack-recovery/n.txt'],
      ['explain', '--format', 'json', '--to', '11:19:38.763676', 'samples/handshake-close/n.txt'],
    ]) {
      const here = run(args, '0');
      expect(here.code).toBe(0);
      expect(run(args, '1')).toEqual(here);
    }
  });

  it('from the startup snapshot', () => {
    const args = ['explain', '--format', 'text', 'samples/sack-recovery/n.txt'];
    expect(run(args, '1', { snapshot: true })).toEqual(run(args, '0'));
  });

  it('without dist/parse-worker.js the file is parsed on the main thread', () => {
    const dist = path.join(tmp, 'dist');
    cpSync(path.join(repo, 'dist'), dist, { recursive: true });
    rmSync(path.join(dist, 'parse-worker.js'));
    const args = ['summary', 'samples/sack-recovery/n.txt'];
    expect(run(args, '1', { dist })).toEqual(run(args, '0'));
  });
});

describe('Ctrl-C while a worker thread parses', () => {
  // Synthetic length: one real capture (samples/handshake-close/n.txt) repeated until the run lasts long enough to
  // be interrupted after its first output.
  it('ends the input cleanly at a batch boundary: whole JSON lines in input order, status 130', async () => {
    const lines = readFileSync(path.join(repo, 'samples/handshake-close/n.txt'), 'utf8');
    const big = path.join(tmp, 'big.txt');
    writeFileSync(big, lines.repeat(30000));
    const child = spawn(process.execPath, ['dist/tcplain.js', 'explain', '--format', 'json', big], {
      cwd: repo,
      env: { ...base, TCPLAIN_PARSE_THREAD: '1' },
    });
    let out = '';
    let err = '';
    let signalled = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (!signalled) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(signalled).toBe(true);
    expect(code).toBe(130);
    // The `stopped by Ctrl-C` note comes only with verdicts of connections still open, which depends on where the
    // input was cut; whatever it says, it is one line of tcplain's, never a stack trace.
    expect(err).not.toMatch(/Error|at .*\.js/);
    // Every line written is whole JSON; the records come in input order, from line 1, none skipped.
    const recs = out.trim().split('\n').map((l) => JSON.parse(l));
    const seen = recs.filter((r) => r.kind === 'tcp').map((r) => r.line as number);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen).toEqual(seen.map((_, i) => i + 1));
  }, 60_000);
});
