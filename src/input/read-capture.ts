// Reads tcpdump text from a string or a stream chunk by chunk and yields RawRecord batches in input order.

import { StringDecoder } from 'node:string_decoder';
import type { RawRecord } from '../model/raw-record';
import { createLineSplitter } from './line-source';
import { createReassembler } from './reassemble';

export interface ReadRecordsOptions {
  /** Silence after which a record that could still get continuation lines is emitted (default 150 ms). */
  idleMs?: number;
  /** Largest slice of input turned into one batch (default 64 KiB, the batch size the grammar is fastest with). */
  batchBytes?: number;
}

/** All records of a whole text (a paste, a small file). */
export function recordsFromText(text: string): RawRecord[] {
  const r = createReassembler();
  const out: RawRecord[] = [];
  const split = createLineSplitter();
  const onLine = (line: string): void => r.feed(line, out);
  r.observe(text);
  split.write(text, onLine);
  split.end(onLine);
  r.flushInto(out);
  return out;
}

export type Chunk = string | Buffer | Uint8Array;

/**
 * Streams `input` as record batches. Reads one chunk at a time (never the whole input); a record is yielded as soon
 * as the line after it arrives, or after `idleMs` without input when it could still take continuation lines (a live
 * `tcpdump -l | tcplain` pipe). Batches are never empty.
 */
export async function* readRecords(
  input: NodeJS.ReadableStream | AsyncIterable<Chunk>,
  opts: ReadRecordsOptions = {},
): AsyncIterable<RawRecord[]> {
  const idleMs = opts.idleMs ?? 150;
  const batchBytes = Math.max(1024, opts.batchBytes ?? 65536);
  const r = createReassembler();
  const split = createLineSplitter();
  let decoder: StringDecoder | null = null;
  let out: RawRecord[] = [];
  const onLine = (line: string): void => r.feed(line, out);
  const it = (input as AsyncIterable<Chunk>)[Symbol.asyncIterator]();
  let finished = false;
  let first = true;
  let next: Promise<IteratorResult<Chunk>> = it.next();
  try {
    for (;;) {
      let res: IteratorResult<Chunk>;
      if (r.hasPending && Number.isFinite(idleMs)) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const idle = new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), idleMs);
        });
        const won = await Promise.race([next, idle]);
        clearTimeout(timer);
        if (won === null) {
          r.flushInto(out);
          if (out.length > 0) {
            const batch = out;
            out = [];
            yield batch;
          }
          continue;
        }
        res = won;
      } else {
        res = await next;
      }
      if (res.done) break;
      const chunk = res.value;
      let text: string;
      if (typeof chunk === 'string') text = chunk;
      else {
        // PowerShell's `>` writes UTF-16LE with a BOM (FF FE); everything else tcpdump users save is UTF-8.
        decoder ??= new StringDecoder(chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16le' : 'utf8');
        text = decoder.write(chunk as Buffer);
      }
      next = it.next();
      // The first chunk tells whether a terminal hard-wrapped the text (a live pipe's first chunk is a line or two: none).
      if (first) {
        first = false;
        r.observe(text);
      }
      // Large chunks are cut at line ends into batchBytes slices so one batch stays small.
      let from = 0;
      while (from < text.length) {
        let to = text.length;
        if (to - from > batchBytes) {
          const nl = text.indexOf('\n', from + batchBytes);
          to = nl < 0 ? text.length : nl + 1;
        }
        split.write(from === 0 && to === text.length ? text : text.slice(from, to), onLine);
        from = to;
        if (out.length > 0) {
          const batch = out;
          out = [];
          yield batch;
        }
      }
    }
    finished = true;
    const tail = decoder?.end() ?? '';
    if (tail) split.write(tail, onLine);
    split.end(onLine);
    r.flushInto(out);
    if (out.length > 0) yield out;
  } finally {
    if (!finished) {
      // The consumer stopped early: drop the chunk read ahead and release the stream.
      next.catch(() => undefined);
      await it.return?.();
    }
  }
}
