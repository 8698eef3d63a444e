// Packet lines a post quotes again further down: remembered by a fingerprint of their exact text, in bounded memory.

import type { TcpRecord } from '../model/line-result';
import { signColumn } from './timestamp';

/** How many distinct timed packet lines are remembered (oldest forgotten first): ~100 KB whatever the input. */
export const QUOTE_MEMORY = 4096;

/**
 * QUOTED AGAIN
 * A packet line whose text repeats an earlier packet line exactly, timestamp with its sub-second digits included, is
 * the same packet printed twice: a blog quoting its own capture further down (seed 003 quotes lines 45-71 again at
 * 114-177). A capture never prints two different packets with the same microsecond and the same seq, ack, window and
 * options, so such a line is a quotation: no new segment, no state change, no finding. Not applied to lines without a
 * time or without sub-second digits (`-t` captures repeat identical pure ACKs), to `-ttt`/`-ttttt` deltas (the sign
 * column before the time: a delta repeats), nor to a repeat of the record just before it (a capture on `-i any`
 * without SLL2 directions prints a loopback packet twice in a row, Out and In; that is not the author quoting it).
 * Memory: one 53-bit fingerprint (two 32-bit string hashes) per line, the last QUOTE_MEMORY distinct lines.
 */
export class QuoteMemory {
  private readonly seen = new Map<number, number>();
  private previousLine = -1;

  constructor(private readonly capacity = QUOTE_MEMORY) {}

  /** A record that is not a TCP packet line: only its position matters (what "the record just before" is). */
  other(line: number): void {
    this.previousLine = line;
  }

  /** The line this record repeats, or null (and the record is remembered when it has a fine-grained time). */
  check(rec: TcpRecord): number | null {
    const previous = this.previousLine;
    this.previousLine = rec.line;
    const time = rec.time;
    if (time === null || time.indexOf('.') < 0 || signColumn(rec.raw, time) !== null) return null;
    const fp = fingerprint(rec.raw);
    const line = this.seen.get(fp);
    if (line !== undefined) return line === previous ? null : line;
    if (this.seen.size >= this.capacity) this.seen.delete(this.seen.keys().next().value as number);
    this.seen.set(fp, rec.line);
    return null;
  }
}

/** FNV-1a and a second multiplicative hash of the text, folded into one exact double (53 bits). */
function fingerprint(text: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}
