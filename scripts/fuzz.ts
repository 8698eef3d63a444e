// `npm run fuzz [-- --inputs N] [--seed S] [--huge K] [--jobs J] [--max-wall SECONDS]`: the long fuzz run (issue
// 16). Seeds S, S+1, ... S+N-1, each one mutated input through explain (text and JSON), pair, diagram or cmd
// (test/fuzz/harness.ts), plus K inputs with a 1 MB line, plus one whole-CLI run (in-process, `explain -`) per 1,000
// inputs for the exit code and stack-trace invariants. The seeds are cut in chunks handed out to J worker processes
// (default: one per core), each running many inputs in-process; every seed is run exactly once whatever J is, so a
// run's findings do not depend on J. Every failure prints its seed and input; the exit status is 1 when any
// invariant broke, 3 when --max-wall stopped the run before its last input (the summary says how far it got).

import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/run';
import { fuzzOne, hugeLine, loadCorpus, mutatedText, prng, reproducer, TRACE, type Corpus, type FuzzFailure } from '../test/fuzz/harness';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return dflt;
  const v = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(v) || v < 0) {
    console.error(`fuzz: --${name} needs a whole number, got ${JSON.stringify(process.argv[i + 1] ?? '')}`);
    process.exit(2);
  }
  return v;
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

/** A piece of the run: seeds `from`..`from + count - 1` (index `k0`.. in the run), or `count` 1 MB-line inputs. */
interface Chunk {
  from: number;
  k0: number;
  count: number;
  huge: boolean;
  /** The closing whole-CLI run on a 1 MB line. */
  cliHuge?: boolean;
}

interface ChunkResult {
  inputs: number;
  huge: number;
  cliRuns: number;
  failures: FuzzFailure[];
}

/** Runs one chunk in this process. A CLI run every 1,000th input of the run (by index, so J does not change it). */
async function runChunk(ch: Chunk, corpus: Corpus): Promise<ChunkResult> {
  const res: ChunkResult = { inputs: 0, huge: 0, cliRuns: 0, failures: [] };
  const report = (f: FuzzFailure | null): void => {
    if (f) res.failures.push(f);
  };
  if (ch.cliHuge) {
    report(await cliOnce(ch.from, hugeLine(prng(ch.from), corpus), ['explain', '-']));
    res.cliRuns++;
    return res;
  }
  for (let i = 0; i < ch.count; i++) {
    const seed = ch.from + i;
    if (ch.huge) {
      report(fuzzOne(seed, corpus, { huge: true }));
      res.huge++;
      continue;
    }
    report(fuzzOne(seed, corpus));
    res.inputs++;
    if ((ch.k0 + i) % 1000 === 999) {
      const r = prng(seed);
      report(await cliOnce(seed, mutatedText(r, corpus), ['explain', r() < 0.5 ? '--format=json' : '--format=text', '-']));
      res.cliRuns++;
    }
  }
  return res;
}

/** A worker process: chunks in, results out, until the parent disconnects. */
function worker(): void {
  const corpus = loadCorpus();
  let queue = Promise.resolve();
  process.on('message', (ch: Chunk) => {
    queue = queue.then(async () => {
      const res = await runChunk(ch, corpus);
      const cpu = process.cpuUsage();
      process.send!({ res, cpu: (cpu.user + cpu.system) / 1e6 });
    });
  });
  process.on('disconnect', () => process.exit(0));
  process.send!({ ready: true });
}

async function main(): Promise<void> {
  const inputs = arg('inputs', 100_000);
  const first = arg('seed', 1);
  const huge = arg('huge', Math.max(1, Math.floor(inputs / 5000)));
  const jobs = Math.max(1, arg('jobs', availableParallelism()));
  const maxWall = arg('max-wall', 0);
  const chunkSize = Math.max(1, arg('chunk', 500));
  const started = Date.now();

  // The 1 MB-line inputs first (few, and a run stopped by --max-wall must not have skipped them), then the seeds.
  const chunks: Chunk[] = [{ from: first, k0: 0, count: 1, huge: false, cliHuge: true }];
  for (let k = 0; k < huge; k += 10) chunks.push({ from: first + k, k0: k, count: Math.min(10, huge - k), huge: true });
  for (let k = 0; k < inputs; k += chunkSize) chunks.push({ from: first + k, k0: k, count: Math.min(chunkSize, inputs - k), huge: false });

  const total: ChunkResult = { inputs: 0, huge: 0, cliRuns: 0, failures: [] };
  const byTarget = new Map<string, number>();
  let lastProgress = 0;
  let stopped = false;
  const add = (res: ChunkResult): void => {
    total.inputs += res.inputs;
    total.huge += res.huge;
    total.cliRuns += res.cliRuns;
    for (const f of res.failures) {
      total.failures.push(f);
      byTarget.set(f.target, (byTarget.get(f.target) ?? 0) + 1);
      if (total.failures.length <= 20) console.error(`${reproducer(f)}\n`);
    }
    if (total.inputs - lastProgress >= 50_000) {
      lastProgress = total.inputs - (total.inputs % 50_000);
      console.log(`${total.inputs} inputs, ${total.failures.length} failures, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  const overWall = (): boolean => maxWall > 0 && (Date.now() - started) / 1000 > maxWall;

  // Each worker takes the next chunk when it hands one back, so a slow chunk never holds the others up.
  const here = fileURLToPath(import.meta.url);
  const childCpu = new Map<ChildProcess, number>();
  await Promise.all(
    Array.from({ length: Math.min(jobs, chunks.length) }, () => {
      const child = fork(here, ['--worker'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      childCpu.set(child, 0);
      return new Promise<void>((resolve, reject) => {
        const next = (): void => {
          const ch = overWall() ? undefined : chunks.shift();
          if (ch) child.send(ch);
          else {
            if (chunks.length > 0) stopped = true;
            child.disconnect();
          }
        };
        child.on('message', (m: { ready?: boolean; res?: ChunkResult; cpu?: number }) => {
          if (m.res) add(m.res);
          if (m.cpu !== undefined) childCpu.set(child, m.cpu);
          next();
        });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`fuzz worker exited with ${code}`))));
      });
    }),
  );

  const own = process.cpuUsage();
  const cpu = (own.user + own.system) / 1e6 + [...childCpu.values()].reduce((a, b) => a + b, 0);
  const seeds = total.inputs > 0 ? `seeds ${first}..${first + total.inputs - 1}` : 'no seeds';
  console.log(
    `fuzz: ${total.inputs} inputs (${seeds}) + ${total.huge} with a 1 MB line + ${total.cliRuns} whole-CLI runs; ` +
      `${total.failures.length} failures; ${((Date.now() - started) / 1000).toFixed(1)} s wall, ${cpu.toFixed(1)} s CPU, ${jobs} jobs` +
      (stopped ? `; stopped by --max-wall ${maxWall} before ${inputs} inputs` : ''),
  );
  if (total.failures.length > 0) {
    console.log(`failures by target: ${JSON.stringify(Object.fromEntries(byTarget))}`);
    process.exitCode = 1;
  } else if (stopped) process.exitCode = 3;
}

if (process.argv.includes('--worker')) worker();
else await main();
