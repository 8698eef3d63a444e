// The fuzz suite's short mode (issue 16): a fixed range of seeds through explain (text and JSON), pair, diagram and
// cmd in-process, one input with a 1 MB line, and a few real CLI processes for exit codes and stack traces. The long
// mode is `npm run fuzz -- --inputs 1000000` (scripts/fuzz.ts). A failure prints its seed and input.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRedact, fuzzOne, hugeLine, loadCorpus, mutatedCommand, mutatedText, prng, reproducer, TRACE, type FuzzFailure } from './harness';

const SHORT_INPUTS = 250;
const corpus = loadCorpus();

describe('fuzz (short mode)', () => {
  it(`${SHORT_INPUTS} seeded inputs keep every invariant`, () => {
    const failures: FuzzFailure[] = [];
    for (let seed = 1; seed <= SHORT_INPUTS; seed++) {
      const f = fuzzOne(seed, corpus);
      if (f) failures.push(f);
    }
    expect(failures.map(reproducer).join('\n\n')).toBe('');
  });

  it('--redact on 200 generated texts with secrets planted in their lines (every kind and form): none survives', () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const text = mutatedText(prng(seed), corpus);
      const m = checkRedact(text, prng(seed ^ 0x5eed5eed));
      if (m) failures.push(`seed ${seed}: ${m}\ninput: ${JSON.stringify(text)}`);
    }
    expect(failures.join('\n\n')).toBe('');
  });

  it('a 1 MB line is explained within the CPU budget, its text and JSON invariants kept', () => {
    const f = fuzzOne(7, corpus, { huge: true });
    expect(f ? reproducer(f) : '').toBe('');
  });

  it('the CLI as a process: exit 0 (or cmd/diagram documented codes), never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcplain-fuzz-'));
    const run = (args: string[], input = '') => spawnSync(process.execPath, ['bin/tcplain.js', ...args], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
    // Few processes (each costs a Node start-up): explain JSON, pair, diagram and cmd on one seed's inputs.
    const seed = 11;
    const r = prng(seed);
    const text = mutatedText(r, corpus);
    const p = run(['explain', '--format', 'json', '-'], text);
    expect(p.status, reproducer({ seed, target: 'cli explain json', message: p.stderr, input: text })).toBe(0);
    expect(p.stderr).not.toMatch(TRACE);
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    writeFileSync(a, mutatedText(r, corpus));
    writeFileSync(b, mutatedText(r, corpus));
    const q = run(['pair', '--format', 'json', a, b]);
    expect(q.status).toBe(0);
    expect(q.stderr).not.toMatch(TRACE);
    const d = run(['diagram', '--format', 'text', a]);
    // 0, or 2 with one line when the mutated capture has no TCP connection to draw.
    expect([0, 2]).toContain(d.status);
    expect(d.stderr.split('\n').length).toBeLessThanOrEqual(2);
    const c = run(['cmd', '-'], `${mutatedCommand(r, corpus)}\n`);
    expect([0, 1, 2]).toContain(c.status);
    expect(c.stderr).not.toMatch(TRACE);
    const huge = run(['explain', '-'], hugeLine(prng(3), corpus));
    expect(huge.status).toBe(0);
    expect(huge.stderr).toBe('');
  });
});
