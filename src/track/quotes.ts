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
   * Key (32-bit hash, a small integer V8 keeps unboxed) → ring slot. Built only once a line's time text is not above
   * every earlier one (`indexed`): until then no line can repeat an earlier one, and the ring alone is kept.
   */
  private readonly slots = new Map<number, number>();
  private indexed = false;
  /** The greatest time text remembered so far (string order), '' before the first. */
  private maxTime = '';
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
    if (time === null || time.indexOf('.') < 0) return null;
    if (!rec.raw.startsWith(time) && signColumn(rec.raw, time) !== null) return null;
    const key = hashText(rec.direction, hashText(rec.iface, hashText(rec.flags, hashText(time, 0x811c9dc5))));
    const rest = restOf(rec);
    // A capture's times only go up: a time text above every one remembered cannot repeat any of them, so the common
    // line needs no look-up, and until the first that is not above them no Map is kept at all (a Map get, set and
    // delete per line were 4 % of `explain`'s time, the tracker's largest frame after `track`).
    const fresh = time > this.maxTime;
    if (fresh) this.maxTime = time;
    else if (!this.indexed) this.index();
    if (!fresh) {
      const slot = this.slots.get(key);
      if (slot !== undefined && this.rest[slot] === rest) {
        const line = this.lines[slot];
        return line === previous ? null : line;
      }
    }
    const at = this.next;
    if (this.filled === this.capacity) {
      if (this.indexed) {
        const old = this.keys[at];
        if (this.slots.get(old) === at) this.slots.delete(old);
      }
    } else this.filled++;
    this.keys[at] = key;
    this.rest[at] = rest;
    this.lines[at] = rec.line;
    if (this.indexed) this.slots.set(key, at);
    this.next = at + 1 === this.capacity ? 0 : at + 1;
    return null;
  }

  /** Key → latest slot for every line in the ring, oldest first (what the Map would hold had it been kept all along). */
  private index(): void {
    this.indexed = true;
    const start = this.filled === this.capacity ? this.next : 0;
    for (let n = 0; n < this.filled; n++) {
      const at = (start + n) % this.capacity;
      this.slots.set(this.keys[at], at);
    }
  }
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
