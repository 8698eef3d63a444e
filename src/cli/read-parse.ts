// Reads and parses one input for a command: batches of LineRecords in input order, parsed in this thread. On request
// (TCPLAIN_PARSE_THREAD, below) a saved text file is parsed in a worker thread (parse-worker.ts) while this thread
// tracks and writes; anything else (stdin, pipes, gzip, captures read through tcpdump, no worker available) is parsed here.
//
// Why a thread: reading, reassembling, lexing and parsing are ~a fifth of `summary`'s CPU time on the bench capture,
// and the second core is otherwise idle for a text file (a pcap already has tcpdump on it). What it costs: moving
// the records between threads. A structured clone of them cost this thread nearly as much as parsing them here, so
// they come in wire form (grammar/wire.ts): numbers in a transferred Float64Array and the text in one string.

import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createWireDecoder, parseRecords } from '../../grammar';
import { readRecords } from '../input';
import type { LineRecord } from '../model';
import { stoppable, type StopWatch } from './interrupt';
import type { ParseWorkerData, ParseWorkerMessage } from './parse-worker';
import type { InputSource } from './sources';

/**
 * Credits handed back to the parse thread at once (parse-worker.ts ParseWorkerData.creditStep): each message wakes
 * the worker's event loop, and the main thread's profile (parse thread on, 240k lines) put 6.7-12.6 % of its wall
 * time in postMessage, one call per batch taken.
 */
const CREDIT_STEP = 2;

/** Smallest file parsed in a thread: starting one (loading the grammar, building Chevrotain's parser) costs ~0.1 s. */
const WORKER_MIN_BYTES = 4 << 20;

export interface ParsedInput {
  /** The records, batch by batch; ends early (a clean end of input) on a stop signal. */
  batches: AsyncIterable<LineRecord[]>;
  /** Stops watching for the stop signal (after the loop, in a `finally`). */
  release(): void;
}

/**
 * A core to spare: the last minute's load average leaves at least one CPU free. The thread adds ~25 % to the
 * process's total CPU time (wire encoding and decoding, its own heap and collector, its start): it shortens the run
 * only when it gets a core of its own. On a saturated machine (measured at load 8 on 2 cores: 240k lines, summary
 * 3.6 s → 4.2 s wall; 1M lines 14.7 s → 23.8 s) it makes the run longer, so then the file is parsed here.
 */
function spareCore(): boolean {
  return loadavg()[0] + 1 <= availableParallelism();
}

export interface ReadParsedOptions {
  /**
   * The caller drops each batch's records before it takes the next and keeps none of their strings (`summary`): the
   * records from a parse thread may then share their batch's text (grammar/wire.ts `transient`).
   */
  transient?: boolean;
}

/**
 * The records of `src`. Unset (or `TCPLAIN_PARSE_THREAD=0`), every input is parsed in this thread. `=1` uses a thread
 * for any regular text file whatever its size and load (tests); `=auto` uses one from WORKER_MIN_BYTES on when a
 * core is free (spareCore).
 *
 * PARSE THREAD OFF BY DEFAULT
 * The thread is a second V8 isolate with its own young generation and old space, plus the wire batches in flight:
 * on the 1M-line bench capture it raised the peak RSS from 128 / 129 / 124 MB (summary / explain text / json, main
 * thread) to 167 / 167 / 164 MB (measured back to back, load ~7.5), past the 150 MB bound of issue 14, while saving
 * at most the main thread's parse (~a fifth of its CPU) when a core is free and lengthening the run when none is.
 * Bounded memory is the promise for any input; the thread is an opt-in for a user with a core and memory to spare.
 */
export function readParsed(
  src: InputSource,
  stop: StopWatch | null,
  env: Readonly<Record<string, string | undefined>>,
  opts: ReadParsedOptions = {},
): ParsedInput {
  const mode = env.TCPLAIN_PARSE_THREAD;
  const wanted = mode === '1' || (mode === 'auto' && src.file !== null && src.file.size >= WORKER_MIN_BYTES && spareCore());
  const script = src.file && wanted ? workerScript() : null;
  if (script === null || src.file === null) return inThread(src.stream, stop);
  const fd = src.file.fd;
  let fallback: ParsedInput | null = null;
  return {
    batches: {
      [Symbol.asyncIterator]: () =>
        viaWorker(script, fd, stop, opts.transient === true, () => {
          fallback = inThread(src.stream, stop);
          return fallback.batches;
        })[Symbol.asyncIterator](),
    },
    release: () => fallback?.release(),
  };
}

/** The records of a text stream, parsed in this thread batch by batch. */
export async function* parseStream(stream: NodeJS.ReadableStream): AsyncGenerator<LineRecord[]> {
  for await (const raws of readRecords(stream)) yield parseRecords(raws);
}

function inThread(stream: NodeJS.ReadableStream, stop: StopWatch | null): ParsedInput {
  const input = stoppable(stream, stop);
  return { batches: parseStream(input.stream), release: input.release };
}

/**
 * dist/parse-worker.js beside the bundle this code runs in (dist/tcplain.js or dist/chunks/*.js; the snapshot's
 * import.meta.url is dist/tcplain.js, scripts/snapshot.mjs), or null (run from the sources: tests, tsx).
 */
function workerScript(): string | null {
  try {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    if (path.basename(dir) === 'chunks') dir = path.dirname(dir);
    const file = path.join(dir, 'parse-worker.js');
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/**
 * The worker's batches in order. Batches taken give the worker credits back, CREDIT_STEP at a time (it runs at most
 * a few batches ahead: backpressure). A stop signal ends the records at a batch boundary, a clean end of input as when a stream is
 * ended early. A worker that fails before its first batch (it cannot start, its script cannot load) hands over to
 * `fallback`: the same input parsed in this thread, from its start.
 */
async function* viaWorker(
  script: string,
  fd: number,
  stop: StopWatch | null,
  transient: boolean,
  fallback: () => AsyncIterable<LineRecord[]>,
): AsyncGenerator<LineRecord[]> {
  let worker: Worker;
  try {
    // No resourceLimits: a smaller young generation for the worker cost ~0.6 s of CPU on 240k lines for no steady
    // RSS gain (measured), and an old-generation cap could kill it on one huge (up to 64 Mi characters) line.
    worker = new Worker(script, { workerData: { fd, creditStep: CREDIT_STEP } satisfies ParseWorkerData, stdout: false, stderr: false });
  } catch {
    yield* fallback();
    return;
  }
  const queue: ParseWorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let stopped = false;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (m: ParseWorkerMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (err) => {
    failure = err;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  const unwatch = stop?.watch(() => {
    stopped = true;
    notify();
  });
  const decoder = createWireDecoder({ transient });
  let started = false;
  let handOver = false;
  /** Batches taken whose credit is not yet handed back. */
  let owed = 0;
  try {
    for (;;) {
      while (queue.length === 0 && failure === null && !exited && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      if (stopped) return;
      const m = queue.shift();
      if (m === undefined) {
        if (!started) {
          handOver = true;
          break;
        }
        throw failure ?? new Error('the parse thread stopped before the end of the input');
      }
      if (m.type === 'end') return;
      if (m.type === 'error') throw Object.assign(new Error(m.message), m.code ? { code: m.code } : {});
      started = true;
      if (++owed === CREDIT_STEP) {
        worker.postMessage(owed);
        owed = 0;
      }
      yield decoder.decode(m.batch);
    }
  } finally {
    unwatch?.();
    await worker.terminate();
  }
  if (handOver) yield* fallback();
}
