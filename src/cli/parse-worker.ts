// Entry of the parse thread (src/cli/read-parse.ts; built as dist/parse-worker.js by scripts/build.mjs): reads a
// saved text file, reassembles, lexes and parses it, and sends the records to the main thread in input order, batch
// by batch, in wire form (grammar/wire.ts), never more than CREDITS + creditStep - 1 batches ahead of what the main
// thread took.

import { readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createWireEncoder, parseRecords } from '../../grammar';
import { readRecords } from '../input';

/** Batches sent and not yet taken by the main thread: bounds the memory held in messages (~150 KB each). */
const CREDITS = 4;
/**
 * Input per batch: 64 KiB (~430 lines of `tcpdump -n`), the stream reader's size. 256 KiB batches cost the same
 * CPU on both threads but raised `explain --format text`'s peak RSS by ~100 MB on 240k lines (measured).
 */
const CHUNK_BYTES = 1 << 16;

export interface ParseWorkerData {
  /** The file, opened by the main thread (threads share the process's descriptors); read from offset 0. */
  fd: number;
  /**
   * How many credits the main thread hands back at once (each message carries the number): the worker then runs at
   * most CREDITS + creditStep - 1 batches ahead, so that it never waits for a credit the main thread still owes.
   */
  creditStep: number;
}

export type ParseWorkerMessage =
  | { type: 'batch'; batch: import('../../grammar').WireBatch }
  | { type: 'end' }
  | { type: 'error'; message: string; code: string | null };

/** The file's bytes in chunks, read at explicit positions (the main thread's own handle keeps its offset). */
async function* chunks(fd: number): AsyncGenerator<Buffer> {
  let pos = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    const n = readSync(fd, buf, 0, CHUNK_BYTES, pos);
    if (n === 0) return;
    pos += n;
    yield n === CHUNK_BYTES ? buf : buf.subarray(0, n);
  }
}

async function run(port: NonNullable<typeof parentPort>, data: ParseWorkerData): Promise<void> {
  let credits = CREDITS + Math.max(1, data.creditStep) - 1;
  let wake: (() => void) | null = null;
  port.on('message', (n: unknown) => {
    credits += typeof n === 'number' ? n : 1;
    wake?.();
    wake = null;
  });
  const post = (m: ParseWorkerMessage, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer);
  try {
    const encoder = createWireEncoder();
    // A saved file has no live writer to wait for: no idle flush (idleMs Infinity), records end where the text says.
    for await (const raws of readRecords(chunks(data.fd), { idleMs: Infinity, batchBytes: CHUNK_BYTES })) {
      const batch = encoder.encode(parseRecords(raws));
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      post({ type: 'batch', batch }, [batch.nums.buffer as ArrayBuffer]);
    }
    post({ type: 'end' });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    post({ type: 'error', message: String(e?.message ?? err), code: typeof e?.code === 'string' ? e.code : null });
  }
}

if (parentPort) void run(parentPort, workerData as ParseWorkerData);
