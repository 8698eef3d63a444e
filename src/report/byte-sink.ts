// Output encoded to UTF-8 as it is formatted, into one buffer per write: no output string is kept until the write.

/**
 * Why bytes rather than strings: `explain` prints ~4 bytes per input byte. Built as one string per record (the line
 * and its notes joined) and encoded at the write, every record cost a rope, its flattening into a fresh two-byte
 * string as soon as one `│` was in it (2 bytes per character), and a slow-path UTF-8 encode of that copy; the
 * strings of a batch (~400 records, ~300 KB) also lived until the batch's write, so each young-generation scavenge
 * copied them. The CPU profile of `explain --format text` (240k lines) had Buffer `write` at 13 % and the garbage
 * collector at 19 %. Here each piece (the raw line, a note's words) is encoded once, straight into the buffer, and
 * nothing is left behind but the buffer itself.
 *
 * A call into Buffer's encoder costs ~50-60 ns whatever the length (measured on Node 20), so constant pieces are
 * written byte by byte (`ascii`, `byte`) or copied from a pre-encoded array (`bytes`, ~20 ns), not encoded again.
 */
const EMPTY = Buffer.alloc(0);

export class ByteSink {
  private buf: Buffer;
  private n = 0;

  /** `initial` bytes to start each buffer with: it grows (doubling) when a piece does not fit. */
  constructor(private readonly initial = 1 << 18) {
    this.buf = Buffer.allocUnsafeSlow(initial);
  }

  /** Bytes gathered since the last take(). */
  get size(): number {
    return this.n;
  }

  private grow(extra: number): void {
    let len = this.buf.length * 2;
    while (len < this.n + extra) len *= 2;
    const bigger = Buffer.allocUnsafeSlow(len);
    this.buf.copy(bigger, 0, 0, this.n);
    this.buf = bigger;
  }

  /** A string as UTF-8 (a UTF-16 code unit is at most 3 bytes: a surrogate pair is 4 bytes for 2 units). */
  text(s: string): void {
    if (this.n + s.length * 3 > this.buf.length) this.grow(s.length * 3);
    this.n += this.buf.write(s, this.n);
  }

  /** Pre-encoded bytes. */
  bytes(b: Uint8Array): void {
    if (this.n + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }

  /** One byte (below 0x80 for text: one ASCII character). */
  byte(c: number): void {
    if (this.n >= this.buf.length) this.grow(1);
    this.buf[this.n++] = c;
  }

  /** The bytes gathered so far, and a fresh buffer for the next ones (a pipe may still hold these). */
  take(): Buffer {
    if (this.n === 0) return EMPTY;
    const out = this.buf.subarray(0, this.n);
    this.buf = Buffer.allocUnsafeSlow(Math.max(this.initial, this.n < this.buf.length >> 1 ? this.buf.length >> 1 : this.buf.length));
    this.n = 0;
    return out;
  }
}
