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

/**
 * Buffer's own UTF-8 encoder, which Buffer#write calls after checking its arguments (offset, length, encoding name):
 * called directly, ~15 ns less per piece, and `explain` writes ~6 pieces per input line. Not in Node's documented
 * API (present in every Node since 0.x): if a Node ever drops it, Buffer#write is used.
 */
type Utf8Write = (this: Buffer, s: string, offset: number) => number;
const utf8Write: Utf8Write | null = typeof (Buffer.prototype as { utf8Write?: unknown }).utf8Write === 'function' ? (Buffer.prototype as unknown as { utf8Write: Utf8Write }).utf8Write : null;

/** Strings up to this length are copied by chars()/jsonPlain() in JS (see chars). */
const SHORT = 40;

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
    this.n += utf8Write === null ? this.buf.write(s, this.n) : utf8Write.call(this.buf, s, this.n);
  }

  /** Pre-encoded bytes. */
  bytes(b: Uint8Array): void {
    const len = b.length;
    if (this.n + len > this.buf.length) this.grow(len);
    const buf = this.buf;
    const at = this.n;
    // TypedArray#set costs ~25 ns of fixed overhead: a JSON fragment (`,"seq":`) is copied faster by a loop.
    if (len > 16) buf.set(b, at);
    else for (let i = 0; i < len; i++) buf[at + i] = b[i];
    this.n = at + len;
  }

  /**
   * `s` as UTF-8, as text() writes it, but copied by a JS loop when it is short and ASCII: below ~40 characters the
   * loop costs less than the call into the encoder. Any other character sends the whole string to text().
   */
  chars(s: string): void {
    const len = s.length;
    if (len > SHORT) return this.text(s);
    if (this.n + len > this.buf.length) this.grow(len);
    const buf = this.buf;
    const start = this.n;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return this.text(s);
      buf[start + i] = c;
    }
    this.n = start + len;
  }

  /**
   * `s` copied as it is when it is short and every character is printable ASCII other than `"` and `\`: then it is
   * its own JSON string body. False, with nothing written, otherwise (the caller escapes it).
   */
  jsonPlain(s: string): boolean {
    const len = s.length;
    if (len > SHORT) return false;
    if (this.n + len > this.buf.length) this.grow(len);
    const buf = this.buf;
    const start = this.n;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) return false;
      buf[start + i] = c;
    }
    this.n = start + len;
    return true;
  }

  /**
   * A whole number 0 <= n < 2^53 in decimal, as String(n) prints it, without making the string (V8 prints a number
   * above 2^30, a heap number, in 100-250 ns: most sequence numbers and timestamps).
   */
  digits(n: number): void {
    if (n >= 1e8) {
      // Above 10^8 (sequence numbers, timestamps): the high part, then the low 8 digits zero-padded, both in 32-bit
      // integer arithmetic (Math.floor(n / 1e8) is exact below 2^53: the quotient is below 2^27).
      const hi = Math.floor(n / 1e8);
      this.digits(hi);
      this.pad8(n - hi * 1e8);
      return;
    }
    let width = 1;
    for (let p = 10; p <= n; p *= 10) width++;
    if (this.n + width > this.buf.length) this.grow(width);
    const buf = this.buf;
    let i = this.n + width;
    this.n = i;
    let k = n | 0;
    while (k >= 10) {
      const q = (k / 10) | 0;
      buf[--i] = 0x30 + (k - q * 10);
      k = q;
    }
    buf[--i] = 0x30 + k;
  }

  /** 0 <= n < 10^8 as exactly 8 digits. */
  private pad8(n: number): void {
    if (this.n + 8 > this.buf.length) this.grow(8);
    const buf = this.buf;
    let k = n | 0;
    for (let i = this.n + 7; i >= this.n; i--) {
      const q = (k / 10) | 0;
      buf[i] = 0x30 + (k - q * 10);
      k = q;
    }
    this.n += 8;
  }

  /** The bytes gathered since the last take() decoded back to a string, and a new batch (for APIs that return text). */
  takeString(): string {
    const s = this.buf.toString('utf8', 0, this.n);
    this.n = 0;
    return s;
  }

  /** A copy of the bytes gathered from offset `from` (a `size` read earlier) to now. */
  copyFrom(from: number): Uint8Array {
    // Not Buffer#slice: that is a view, which would keep the whole buffer alive.
    const copy = new Uint8Array(this.n - from);
    copy.set(this.buf.subarray(from, this.n));
    return copy;
  }

  /** Drops the bytes gathered after offset `at` (a `size` read earlier). */
  truncate(at: number): void {
    if (at < this.n) this.n = at;
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
