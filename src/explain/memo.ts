// A small bounded memo keyed by a number, for notes and texts: the same sentence recurs for every segment with the same values.

/**
 * Direct-mapped: a key lands in one slot, and a newer key in that slot replaces the older one. So a miss costs two
 * array reads and a write, memory stays bounded (at most `slots` strings kept alive), and there is no eviction
 * bookkeeping. Keys are integers below 2^53 built by the caller from every value the text depends on; a caller that
 * cannot build such a key (a value out of range) does not use the memo.
 *
 * Why: on a real 300k-line capture most notes repeat exactly (the same window, role, state change, ack of the same
 * request size in thousands of similar connections); building a sentence costs 0.1-0.5 µs of string concatenation and
 * number printing, a hit about 10 ns. A cached string is also flat after its first use, which makes every later
 * JSON.stringify or write of it cheaper than of a fresh concatenation.
 */
export class Memo<T> {
  private readonly keys: Float64Array;
  private readonly values: Array<T | undefined>;
  private readonly mask: number;

  constructor(bits: number) {
    const slots = 1 << bits;
    this.keys = new Float64Array(slots).fill(-1);
    this.values = new Array<T | undefined>(slots).fill(undefined);
    this.mask = slots - 1;
  }

  /** The slot of `key`: low bits mixed with the high ones, since callers pack small fields into the low bits. */
  private slot(key: number): number {
    const lo = key | 0;
    const hi = (key / 4294967296) | 0;
    return (Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 16) & this.mask;
  }

  /** The value memoised under `key`, or undefined. */
  get(key: number): T | undefined {
    const i = this.slot(key);
    return this.keys[i] === key ? this.values[i] : undefined;
  }

  /** Memoises `value` under `key` and returns it. */
  set(key: number, value: T): T {
    const i = this.slot(key);
    this.keys[i] = key;
    this.values[i] = value;
    return value;
  }
}
