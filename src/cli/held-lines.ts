// The lines explain holds until a connection's verdict decides them (--verdict, --severity, --where on verdict
// fields: src/report/select.ts createItemRouter), kept as their formatted output: in memory up to a budget, then in
// an unnamed temporary file, so that holding a connection of a million segments costs disk, not heap.

import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync, writevSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ByteSink, type ReportItem } from '../report';
import type { HeldLines } from '../report/select';
import { writeOut } from './io';

/**
 * Bytes of held output kept in memory before they go to the temporary file. Each held line is kept as its UTF-8
 * bytes, not as the string: a formatted line is a tree of concatenated pieces several times its length, and V8's heap
 * sizing multiplies what the heap holds (a 16 MiB budget of strings had cost ~55 MB of peak RSS); bytes in Buffers
 * are outside that heap. TCPLAIN_HOLD_BYTES sets it (tests).
 */
export const HOLD_BYTES = 4 << 20;

/** Bytes read back from the file per write. */
const READ_BYTES = 1 << 20;

/** A part of the file: `len` bytes at `pos`. */
interface Range {
  pos: number;
  len: number;
}

/** What is held for one connection: the older part on disk, the newer in memory (in this order). */
interface Held {
  ranges: Range[];
  lines: Buffer[];
}

/**
 * HELD OUTPUT
 * The output of one input under a selection: the lines shown now (`add`), and the held lines of each connection
 * (HeldLines) formatted as they arrive, exactly as they would be formatted when their verdict comes (formatting is a
 * pure function of the item), and kept as UTF-8 bytes. Past `budget` bytes in memory, every connection's held lines
 * are appended to the file and remembered as byte ranges; a release prints the ranges, then the lines still in
 * memory. The file is written from its start again whenever nothing on it is held any more, and compacted (the held
 * ranges copied to a fresh file) when it is more than half dead and over 64 MiB, so its size stays within about twice
 * what is held. If no temporary file can be made or written, the lines stay in memory (as before this file existed).
 */
export class HeldOutput implements HeldLines {
  /** The lines shown now, encoded as they are formatted. */
  private batch = new ByteSink();
  /** Where a held item is formatted before its bytes are copied out. */
  private scratch = new ByteSink(1 << 12);
  /** What to write before the batch, in order: earlier batches, released lines and file ranges. */
  private queue: Array<Buffer | Range> = [];
  /** Some of `queue` is on the file: it must be written before the file changes (the next hold). */
  private queuedRanges = false;
  private readonly held = new Map<string, Held>();
  private memBytes = 0;
  private fd: number | null = null;
  private diskFailed = false;
  private fileEnd = 0;
  /** Bytes of the file still held by some connection. */
  private liveBytes = 0;
  /** Bytes ever written to the file, and compactions (tests, docs/performance.md). */
  spilled = 0;
  compactions = 0;

  /** `compactAt`: the file size past which a file more than half dead is compacted (64 MiB; tests set less). */
  constructor(
    private readonly format: (item: ReportItem, out: ByteSink) => void,
    private readonly budget: number = HOLD_BYTES,
    private readonly compactAt: number = 64 * 2 ** 20,
  ) {}

  /** An item shown now. */
  show(item: ReportItem): void {
    this.format(item, this.batch);
  }

  /** Bytes gathered in the batch since the last write. */
  get size(): number {
    return this.batch.size;
  }

  /** True when a release put file ranges in line: write() them before anything else is held. */
  get queued(): boolean {
    return this.queuedRanges;
  }

  hold(conn: string, item: ReportItem): void {
    this.format(item, this.scratch);
    // Its own memory, exactly its length: a view of the sink's buffer would keep the whole buffer alive.
    const bytes = Buffer.from(this.scratch.copyFrom(0).buffer);
    this.scratch.truncate(0);
    let h = this.held.get(conn);
    if (!h) this.held.set(conn, (h = { ranges: [], lines: [] }));
    h.lines.push(bytes);
    this.memBytes += bytes.length;
    if (this.memBytes > this.budget) this.spill();
  }

  release(conn: string): void {
    const h = this.held.get(conn);
    if (!h) return;
    this.held.delete(conn);
    // The lines shown so far go first: copied out (not take(), which would start a fresh 256 KB buffer per release).
    if (this.batch.size > 0) {
      this.queue.push(Buffer.from(this.batch.copyFrom(0).buffer));
      this.batch.truncate(0);
    }
    for (const r of h.ranges) {
      this.queue.push(r);
      this.liveBytes -= r.len;
      this.queuedRanges = true;
    }
    for (const b of h.lines) {
      this.queue.push(b);
      this.memBytes -= b.length;
    }
  }

  drop(conn: string): void {
    const h = this.held.get(conn);
    if (!h) return;
    this.held.delete(conn);
    for (const r of h.ranges) this.liveBytes -= r.len;
    for (const b of h.lines) this.memBytes -= b.length;
  }

  /** Writes what is queued and the batch, in order, waiting for the reader (backpressure). */
  async write(stream: NodeJS.WritableStream): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    this.queuedRanges = false;
    queue.push(this.batch.take());
    // Lines in memory go out together (one write, not one per line).
    let run: Buffer[] = [];
    const flush = async (): Promise<void> => {
      if (run.length === 0) return;
      const bytes = run.length === 1 ? run[0] : Buffer.concat(run);
      run = [];
      await writeOut(stream, bytes);
    };
    for (const part of queue) {
      if (Buffer.isBuffer(part)) {
        if (part.length > 0) run.push(part);
        continue;
      }
      await flush();
      // One buffer read into again only once the stream has taken the previous piece (its callback): fresh 1 MB
      // buffers per piece were garbage outside the heap that V8 collected late (25 MB at the end of a 700 MB release).
      const buf = Buffer.allocUnsafeSlow(Math.min(READ_BYTES, part.len));
      for (let done = 0; done < part.len; ) {
        const n = Math.min(buf.length, part.len - done);
        const got = readSync(this.fd as number, buf, 0, n, part.pos + done);
        if (got <= 0) throw new Error(`held output: read ${got} of ${n} bytes at ${part.pos + done}`);
        await written(stream, buf.subarray(0, got));
        done += got;
      }
    }
    await flush();
  }

  /** Closes the temporary file (it has no name: its space is freed now). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Every connection's lines in memory go to the end of the file. */
  private spill(): void {
    if (this.diskFailed || this.queuedRanges) return;
    try {
      if (this.fd === null) this.fd = openUnnamed();
      // Nothing on the file is held any more: it is written from its start again.
      if (this.liveBytes === 0) this.fileEnd = 0;
      else if (this.fileEnd > this.compactAt && this.liveBytes * 2 < this.fileEnd) this.compact();
      for (const h of this.held.values()) {
        if (h.lines.length === 0) continue;
        let len = 0;
        for (const b of h.lines) len += b.length;
        let done = 0;
        while (done < len) done += writevSync(this.fd, done === 0 ? h.lines : [Buffer.concat(h.lines).subarray(done)], this.fileEnd + done);
        h.ranges.push({ pos: this.fileEnd, len });
        this.fileEnd += len;
        this.liveBytes += len;
        this.spilled += len;
        this.memBytes -= len;
        h.lines = [];
      }
    } catch {
      // No temporary file (read-only, full, or no /tmp): the lines stay in memory.
      this.diskFailed = true;
    }
  }

  /** The held ranges copied to a fresh file, in order: the dead bytes between them are given back. */
  private compact(): void {
    const from = this.fd as number;
    const to = openUnnamed();
    let end = 0;
    const buf = Buffer.allocUnsafe(READ_BYTES);
    // New ranges are put in place only once every byte is copied: a failure leaves the old file as it was.
    const moved = new Map<Held, Range[]>();
    try {
      for (const h of this.held.values()) {
        const list: Range[] = [];
        for (const r of h.ranges) {
          for (let done = 0; done < r.len; ) {
            const got = readSync(from, buf, 0, Math.min(READ_BYTES, r.len - done), r.pos + done);
            if (got <= 0) throw new Error('held output: short read while compacting');
            writeSync(to, buf, 0, got, end + done);
            done += got;
          }
          list.push({ pos: end, len: r.len });
          end += r.len;
        }
        moved.set(h, list);
      }
    } catch (err) {
      closeSync(to);
      throw err;
    }
    for (const [h, list] of moved) h.ranges = list;
    closeSync(from);
    this.fd = to;
    this.fileEnd = end;
    this.compactions++;
  }
}

/** Writes `bytes` and waits until the stream is done with them (they may be overwritten then). */
function written(stream: NodeJS.WritableStream, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(bytes, (err) => (err ? reject(err) : resolve()));
  });
}

/** A read-write file in the temporary directory whose name is removed at once (nothing is left behind, even on a crash). */
export function openUnnamed(): number {
  const dir = mkdtempSync(join(tmpdir(), 'tcplain-'));
  const path = join(dir, 'held');
  try {
    const fd = openSync(path, 'w+', 0o600);
    unlinkSync(path);
    return fd;
  } finally {
    rmdirSync(dir);
  }
}
