// Packet lines a post quotes again further down: remembered by a fingerprint of their exact text, in bounded memory.

import type { TcpRecord } from '../model/line-result';
import { signColumn } from './timestamp';

/** How many distinct timed packet lines are remembered (oldest forgotten first): ~100 KB whatever the input. */
export const QUOTE_MEMORY = 4096;

/**
 * QUOTED AGAIN
 * A packet line that repeats an earlier packet line, timestamp with its sub-second digits included, is the same
 * packet printed twice: a blog quoting its own capture further down (seed 003 quotes lines 45-71 again at
 * 114-177). A capture never prints two different packets with the same microsecond and the same seq, ack, window and
 * options, so such a line is a quotation: no new segment, no state change, no finding. Not applied to lines without a
 * time or without sub-second digits (`-t` captures repeat identical pure ACKs), to `-ttt`/`-ttttt` deltas (the sign
 * column before the time: a delta repeats), nor to a repeat of the record just before it (a capture on `-i any`
 * without SLL2 directions prints a loopback packet twice in a row, Out and In; that is not the author quoting it).
 * Memory: a 32-bit key and 21 more bits (see `restOf`) per line, for the last QUOTE_MEMORY lines (~100 KB).
 */
export class QuoteMemory {
  /**
   * Key (32-bit hash) → ring slot, an open-addressing table with linear probing in two typed arrays (see `find`). A Map
   * did the same with a get, a set and a delete per line: with the text comparisons below, 4 % of `explain`'s time.
   */
  private readonly tableKeys: Int32Array;
  /** Ring slot + 1 of each table entry; 0 is an empty entry. */
  private readonly tableSlots: Int32Array;
  private readonly mask: number;
  /** The ring, oldest forgotten first: each slot's key, the other 21 bits of its fingerprint, and its line. */
  private readonly keys: Int32Array;
  private readonly rest: Int32Array;
  private readonly lines: Float64Array;
  private next = 0;
  private filled = 0;
  private previousLine = -1;

  constructor(private readonly capacity = QUOTE_MEMORY) {
    this.keys = new Int32Array(capacity);
    this.rest = new Int32Array(capacity);
    this.lines = new Float64Array(capacity);
    // At most half full, so a probe sequence stays short and always reaches an empty entry.
    let size = 2;
    while (size < capacity * 2) size *= 2;
    this.tableKeys = new Int32Array(size);
    this.tableSlots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The table entry holding `key`, or the empty entry where it would go. */
  private find(key: number): number {
    const mask = this.mask;
    let i = (key ^ (key >>> 15)) & mask;
    while (this.tableSlots[i] !== 0 && this.tableKeys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  /** Remove the entry at `i`, moving later entries of its probe run back so none is cut off (Knuth's Algorithm R). */
  private removeAt(i: number): void {
    const mask = this.mask;
    const keys = this.tableKeys;
    const slots = this.tableSlots;
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (slots[j] === 0) break;
      const home = (keys[j] ^ (keys[j] >>> 15)) & mask;
      // The entry at j may move to the hole unless its home lies cyclically in (hole, j].
      if (hole <= j ? home > hole && home <= j : home > hole || home <= j) continue;
      keys[hole] = keys[j];
      slots[hole] = slots[j];
      hole = j;
    }
    slots[hole] = 0;
  }

  /** A record that is not a TCP packet line: only its position matters (what "the record just before" is). */
  other(line: number): void {
    this.previousLine = line;
  }

  /** The line this record repeats, or null (and the record is remembered when it has a fine-grained time). */
  check(rec: TcpRecord): number | null {
    const previous = this.previousLine;
    this.previousLine = rec.line;
    const time = rec.time;
    if (time === null) return null;
    // The default `HH:MM:SS.ffffff` has its '.' at 8: `indexOf` (a memchr call) only for other formats.
    if (!(time.length === 15 && time.charCodeAt(8) === 46) && time.indexOf('.') < 0) return null;
    // A sign column before the time (signColumn is null when the line starts with its time). `raw.startsWith(time)`
    // tested first cost ~140 ns per line on the record's sliced strings, a third of this check; comparing the
    // characters here does not call out of the optimized code (signColumn's `indexOf` was 1.2 % of the main thread's
    // samples in perf, memchr under this check).
    if (!startsWithText(rec.raw, time) && signColumn(rec.raw, time) !== null) return null;
    const key = hashText(rec.direction, hashText(rec.iface, hashText(rec.flags, hashText(time, 0x811c9dc5))));
    const rest = restOf(rec);
    const found = this.find(key);
    const slot = this.tableSlots[found] - 1;
    if (slot >= 0 && this.rest[slot] === rest) {
      const line = this.lines[slot];
      return line === previous ? null : line;
    }
    const at = this.next;
    if (this.filled === this.capacity) {
      const old = this.keys[at];
      const i = this.find(old);
      if (this.tableSlots[i] - 1 === at) this.removeAt(i);
    } else this.filled++;
    this.keys[at] = key;
    this.rest[at] = rest;
    this.lines[at] = rec.line;
    // Found again: the removal above may have moved the key's entry (or the empty entry it would take).
    const entry = this.find(key);
    this.tableKeys[entry] = key;
    this.tableSlots[entry] = at + 1;
    this.next = at + 1 === this.capacity ? 0 : at + 1;
    return null;
  }
}

/** `raw.startsWith(text)`, character by character (both short, often sliced strings). */
function startsWithText(raw: string, text: string): boolean {
  const n = text.length;
  if (raw.length < n) return false;
  for (let i = 0; i < n; i++) if (raw.charCodeAt(i) !== text.charCodeAt(i)) return false;
  return true;
}

/** FNV-1a of a short text (a timestamp, a flag set, an interface name). */
function hashText(text: string | null, h: number): number {
  if (text === null) return h;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The rest of a line's identity beside its key (timestamp text, flags, interface and direction): 21 bits folded from
 * its text length, ports, seq, ack, window and length. Hashing the whole text instead cost as much as the rest of the
 * tracker per line; two different packets sharing the same microsecond and all of these is not a case real captures
 * have (the one that does, `-i any` printing a packet twice, is the record just before, excluded above).
 */
function restOf(rec: TcpRecord): number {
  let n = Math.imul(rec.raw.length, 0x9e3779b1);
  n = Math.imul(n ^ (rec.src.port ?? 0), 0x85ebca6b) ^ Math.imul(rec.dst.port ?? 0, 0xc2b2ae35);
  n = Math.imul(n ^ (rec.seq ?? 0), 0x27d4eb2f) ^ (rec.end ?? 0);
  n = Math.imul(n ^ (rec.ack ?? 0), 0x165667b1) ^ Math.imul(rec.win ?? 0, 31) ^ Math.imul(rec.len ?? 0, 8191);
  n ^= n >>> 15;
  return n & 0x1fffff;
}
