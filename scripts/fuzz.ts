// `npm run fuzz [-- --inputs N] [--seed S] [--huge K]`: the long fuzz run (issue 16). Seeds S, S+1, ... S+N-1, each
// one mutated input through explain (text and JSON), pair, diagram or cmd (test/fuzz/harness.ts), plus K inputs
// with a 1 MB line, plus one CLI run per 1,000 inputs for the exit code and stack-trace invariants. Every failure
// prints its seed and input; the exit status is 1 when any invariant broke.

import { fuzzOne, hugeLine, loadCorpus, mutatedText, prng, reproducer, TRACE, type FuzzFailure } from '../test/fuzz/harness';
import { runCli } from '../src/cli/run';
import { Readable, Writable } from 'node:stream';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _e: BufferEncoding, cb: () => void): void {
    if (this.text.length < 1_000_000) this.text += chunk.toString();
    cb();
  }
}

/** The whole CLI in-process (`explain -` on the input as stdin): exit 0 and no stack trace on either stream. */
export async function cliOnce(seed: number, input: string, args: string[]): Promise<FuzzFailure | null> {
  const stdin = Readable.from([input]);
  (stdin as { isTTY?: boolean }).isTTY = false;
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runCli(args, { stdin, stdout, stderr, env: {} });
  if (code !== 0 || TRACE.test(stderr.text) || /^\s+at /m.test(stderr.text)) {
    return { seed, target: `cli ${args.join(' ')}`, message: `exit ${code}; stderr ${JSON.stringify(stderr.text.slice(0, 2000))}`, input };
  }
  return null;
}

async function main(): Promise<void> {
  const inputs = arg('inputs', 100_000);
  const first = arg('seed', 1);
  const huge = arg('huge', Math.max(1, Math.floor(inputs / 5000)));
  const corpus = loadCorpus();
  const started = Date.now();
  const cpu0 = process.cpuUsage();
  const failures: FuzzFailure[] = [];
  const byTarget = new Map<string, number>();
  const report = (f: FuzzFailure | null): void => {
    if (!f) return;
    failures.push(f);
    if (failures.length <= 20) console.error(`${reproducer(f)}\n`);
  };
  for (let k = 0; k < inputs; k++) {
    const seed = first + k;
    const f = fuzzOne(seed, corpus);
    report(f);
    if (k % 1000 === 999) {
      const r = prng(seed);
      report(await cliOnce(seed, mutatedText(r, corpus), ['explain', r() < 0.5 ? '--format=json' : '--format=text', '-']));
    }
    if (k % 20_000 === 19_999) console.log(`${k + 1} inputs, ${failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const t = f?.target;
    if (t) byTarget.set(t, (byTarget.get(t) ?? 0) + 1);
  }
  for (let k = 0; k < huge; k++) report(fuzzOne(first + k, corpus, { huge: true }));
  report(await cliOnce(first, hugeLine(prng(first), corpus), ['explain', '-']));
  const d = process.cpuUsage(cpu0);
  console.log(
    `fuzz: ${inputs} inputs from seed ${first} + ${huge} with a 1 MB line; ${failures.length} failures; ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s wall, ${((d.user + d.system) / 1e6).toFixed(1)} s CPU`,
  );
  if (failures.length > 0) {
    console.log(`failures by target: ${JSON.stringify(Object.fromEntries(byTarget))}`);
    process.exitCode = 1;
  }
}

await main();
