// Parsed records in a compact form for moving them between threads (src/cli/parse-thread.ts): numbers in one
// Float64Array (transferred, not copied) and the records' text in one string, instead of a structured clone.
//
// Why: a structured clone of the LineRecords of 240k lines cost the receiving thread 590 ms (V8's deserializer builds
// every object, endpoint and option one property at a time), about as much as lexing and parsing them there (measured:
// docs in the commit). The everyday TCP record (no -v/-e header, no checksum, no warning, no detail or dump lines,
// everyday options) is sent as ~20 numbers and rebuilt by the same constructor as the parser's; anything else (other
// protocols, banners, prose, unparsed lines, rarer TCP fields) is sent as it is, structured-cloned, in its place.

import type { Endpoint, LineRecord, TcpOption, TcpRecord } from '../src/model';
import { Draft } from './draft';
import { own } from './fields';
import { EOL, NOP, SACK_OK } from './options';
import { TcpRecordData } from './tcp-record';

/** One batch of records as it crosses threads. */
export interface WireBatch {
  /** The records' numbers (see `encode`), `n` of them in use. */
  nums: Float64Array<ArrayBuffer>;
  n: number;
  /** The compact records' `raw` texts, one after the other. */
  text: string;
  /** Records sent as they are, in order, for the entries marked EXTRA. */
  extras: LineRecord[];
  /** Endpoint pairs first used in this batch, in id order (ids continue from the previous batch). */
  pairs: Endpoint[];
  /** The pair ids start again from 0 at this batch (the sender's table was full). */
  pairsReset: boolean;
}

const COMPACT = 0;
const EXTRA = 1;

/** Flags printed on nearly every line; any other set goes as an extra record. */
const FLAGS = ['.', 'S', 'S.', 'P.', 'F.', 'R', 'R.', 'FP.', 'none'];
const STYLES: TcpRecord['style'][] = ['new', 'old', 'quiet'];
const OPT_NOP = 0;
const OPT_MSS = 1;
const OPT_WSCALE = 2;
const OPT_SACK_OK = 3;
const OPT_TS = 4;
const OPT_EOL = 5;
const OPT_SACK = 6;

/** Pair ids a sender hands out before starting again at the next batch (bounds both sides' tables whatever the input). */
const MAX_PAIRS = 16384;

/** A number field: null as NaN (a parsed number is never NaN: the lexer matched its digits, `encodable` checks). */
const nn = (x: number | null): number => (x === null ? NaN : x);
const un = (x: number): number | null => (x === x ? x : null);

export interface WireEncoder {
  /** The records of one batch, in order, in wire form. */
  encode(records: readonly LineRecord[]): WireBatch;
}

export function createWireEncoder(): WireEncoder {
  /** Pair ids by the source endpoint object the grammar shares among all records of one direction (index.ts). */
  const pairIds = new Map<Endpoint, number>();
  const pairDst: Endpoint[] = [];
  /**
   * The numbers are written here and leave as an exact-size copy: a fresh array per batch, sized by guess and grown
   * by doubling (most batches outgrew 24 numbers a record), cost more than the copy: the doubled buffer passed
   * glibc's 128 KiB mmap threshold, so each batch paid a mapping and its page faults (profile: the allocations
   * were ~15 % of encode).
   */
  let nums: Float64Array<ArrayBuffer> = new Float64Array(1 << 14);
  /** The previous record's source endpoint and pair id: one Map lookup fewer on runs of one direction. */
  let lastSrc: Endpoint | null = null;
  let lastId = -1;
  return {
    encode(records) {
      let n = 0;
      const texts: string[] = [];
      const extras: LineRecord[] = [];
      const pairs: Endpoint[] = [];
      // A full table starts again between batches (a batch adds at most its own length to it).
      const pairsReset = pairDst.length >= MAX_PAIRS;
      if (pairsReset) {
        pairIds.clear();
        pairDst.length = 0;
        lastSrc = null;
      }
      for (const rec of records) {
        // Room for the fixed fields and three numbers per option; a sack option asks for more in putOption's caller.
        const opts = rec.kind === 'tcp' ? rec.options : null;
        const need = 21 + (opts === null ? 0 : 3 * opts.length);
        if (nums.length < n + need) nums = grow(nums, n + need);
        const flags = rec.kind === 'tcp' ? FLAGS.indexOf(rec.flags) : -1;
        const style = rec.kind === 'tcp' ? STYLES.indexOf(rec.style) : -1;
        if (rec.kind !== 'tcp' || flags < 0 || style < 0 || !encodableFields(rec)) {
          nums[n++] = EXTRA;
          extras.push(rec);
          continue;
        }
        let id = rec.src === lastSrc ? lastId : pairIds.get(rec.src);
        if (id === undefined || pairDst[id] !== rec.dst) {
          if (!okEndpoint(rec.src) || !okEndpoint(rec.dst)) {
            nums[n++] = EXTRA;
            extras.push(rec);
            continue;
          }
          id = pairDst.length;
          pairIds.set(rec.src, id);
          pairDst.push(rec.dst);
          pairs.push(rec.src, rec.dst);
        }
        lastSrc = rec.src;
        lastId = id;
        // One pass over the options both checks and writes them (they were walked three times: check, size,
        // write; encode+encodable were ~8 % of the parse thread): an option that cannot be sent rolls the record
        // back to an EXTRA entry.
        const at = n;
        nums[n++] = COMPACT;
        nums[n++] = rec.line;
        nums[n++] = rec.endLine;
        nums[n++] = rec.col;
        nums[n++] = rec.raw.length;
        nums[n++] = nn(rec.num);
        nums[n++] = rec.time === null ? -1 : rec.time.length;
        nums[n++] = flags;
        nums[n++] = style;
        nums[n++] = id;
        nums[n++] = nn(rec.seq);
        nums[n++] = nn(rec.end);
        nums[n++] = nn(rec.ack);
        nums[n++] = nn(rec.win);
        nums[n++] = nn(rec.urg);
        nums[n++] = nn(rec.len);
        nums[n++] = rec.payload === null ? -1 : rec.payload.length;
        nums[n++] = rec.truncated ? 1 : 0;
        if (opts === null) nums[n++] = -1;
        else {
          nums[n++] = opts.length;
          for (const o of opts) {
            if (o.kind === 'sack' && nums.length < n + 2 + 2 * o.blocks.length) nums = grow(nums, n + 2 + 2 * o.blocks.length + 3 * opts.length);
            n = putOption(nums, n, o);
            if (n < 0) break;
          }
          if (n < 0) {
            n = at;
            nums[n++] = EXTRA;
            extras.push(rec);
            continue;
          }
        }
        texts.push(rec.raw);
      }
      return { nums: nums.slice(0, n), n, text: texts.join(''), extras, pairs, pairsReset };
    },
  };
}

function grow(a: Float64Array, atLeast = 0): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(a.length * 2, atLeast + 64));
  b.set(a);
  return b;
}

/**
 * Whether `rec`'s fields other than flags, style and options (checked by `encode` as it writes them) can be rebuilt
 * exactly from its wire numbers and its raw text (see the file's header).
 */
function encodableFields(rec: TcpRecord): boolean {
  if (rec.comments !== undefined || rec.iface !== null || rec.direction !== null || rec.link !== null || rec.ip !== null) return false;
  if (rec.cksum !== null || rec.warnings.length > 0 || rec.details.length > 0 || rec.dump.length > 0) return false;
  // The time and the payload are read back as the start and the end of `raw`.
  // Compared char by char: `startsWith` between two sliced strings was the encoder's costliest line (profile).
  if (rec.time !== null && !sameAt(rec.raw, 0, rec.time)) return false;
  if (rec.payload !== null && !sameAt(rec.raw, rec.raw.length - rec.payload.length, rec.payload)) return false;
  return okNum(rec.num) && okNum(rec.seq) && okNum(rec.end) && okNum(rec.ack) && okNum(rec.win) && okNum(rec.urg) && okNum(rec.len);
}

/** Whether `part` occurs in `s` at `at`. */
function sameAt(s: string, at: number, part: string): boolean {
  if (at < 0 || at + part.length > s.length) return false;
  for (let i = 0; i < part.length; i++) if (s.charCodeAt(at + i) !== part.charCodeAt(i)) return false;
  return true;
}

const okNum = (x: number | null): boolean => x === null || Number.isFinite(x);

/** An endpoint with exactly the grammar's three properties (asked once per new pair, not per record). */
function okEndpoint(e: Endpoint): boolean {
  return Object.keys(e).length === 3;
}

/**
 * Writes an everyday option at `at` and returns the index after it, or -1 when the option cannot be sent in wire
 * form: another kind, a non-finite number, or tcpdump's `[len N]` mark (`lenMismatch`, the one property an option
 * may have beyond its kind's: src/model/tcp-options.ts). The shared NOP/SACK_OK/EOL constants are frozen, so they
 * never carry the mark: an identity test settles the most frequent items.
 */
function putOption(nums: Float64Array, at: number, o: TcpOption): number {
  if (o === NOP) {
    nums[at] = OPT_NOP;
    return at + 1;
  }
  if ((o as { lenMismatch?: number }).lenMismatch !== undefined) return -1;
  let n = at;
  switch (o.kind) {
    case 'nop':
      nums[n++] = OPT_NOP;
      break;
    case 'eol':
      nums[n++] = OPT_EOL;
      break;
    case 'sackOK':
      nums[n++] = OPT_SACK_OK;
      break;
    case 'mss':
      if (!Number.isFinite(o.value)) return -1;
      nums[n++] = OPT_MSS;
      nums[n++] = o.value;
      break;
    case 'wscale':
      if (!Number.isFinite(o.value)) return -1;
      nums[n++] = OPT_WSCALE;
      nums[n++] = o.value;
      break;
    case 'ts':
      if (!Number.isFinite(o.val) || !Number.isFinite(o.ecr)) return -1;
      nums[n++] = OPT_TS;
      nums[n++] = o.val;
      nums[n++] = o.ecr;
      break;
    case 'sack':
      nums[n++] = OPT_SACK;
      nums[n++] = o.blocks.length;
      for (const b of o.blocks) {
        if (b.length !== 2 || !Number.isFinite(b[0]) || !Number.isFinite(b[1])) return -1;
        nums[n++] = b[0];
        nums[n++] = b[1];
      }
      break;
    default:
      return -1;
  }
  return n;
}

export interface WireDecoder {
  /** The records of one batch, in order, as the sender's grammar made them (same properties, same order). */
  decode(batch: WireBatch): LineRecord[];
}

/** Empty lists shared by every decoded record (the grammar's records share the reassembler's the same way). */
const NONE: string[] = Object.freeze([]) as unknown as string[];

export interface WireDecoderOptions {
  /**
   * The records are dropped before the next batch is decoded, and no string of theirs is kept longer (`summary`: the
   * tracker keeps numbers and its own copies of host texts). Their texts may then be slices of the batch's text
   * instead of copies: the copy (`own`) was ~250 of the ~790 bytes decoding allocated per record on the bench
   * capture (sampled heap profile), its parts young garbage the main thread's collector scavenges.
   */
  transient?: boolean;
}

export function createWireDecoder(opts: WireDecoderOptions = {}): WireDecoder {
  const copy = opts.transient !== true;
  const pairs: Endpoint[] = [];
  /** Scratch inputs of the TcpRecordData constructor, reused for every record. */
  const d = new Draft();
  const raw = { line: 0, endLine: 0, col: 0, raw: '', details: NONE, dump: NONE, comments: NONE };
  return {
    decode(batch) {
      if (batch.pairsReset) pairs.length = 0;
      for (const e of batch.pairs) pairs.push(e);
      const { nums, n, text, extras } = batch;
      const out: LineRecord[] = [];
      let x = 0;
      let at = 0;
      let i = 0;
      while (i < n) {
        if (nums[i++] === EXTRA) {
          out.push(extras[x++]);
          continue;
        }
        raw.line = nums[i++];
        raw.endLine = nums[i++];
        raw.col = nums[i++];
        const len = nums[i++];
        // A copy, not a slice, unless `transient`: a slice keeps the whole batch text alive for as long as any record
        // of it is kept (peak RSS of `explain --format text` on 240k lines: 225-247 MB with copies, 255-262 MB with
        // slices).
        const s = copy ? own(text.slice(at, at + len)) : text.slice(at, at + len);
        at += len;
        raw.raw = s;
        d.num = un(nums[i++]);
        const timeLen = nums[i++];
        d.time = timeLen < 0 ? null : s.slice(0, timeLen);
        d.flags = FLAGS[nums[i++]];
        d.body = STYLES[nums[i++]];
        const id = nums[i++] * 2;
        d.seq = un(nums[i++]);
        d.end = un(nums[i++]);
        d.ack = un(nums[i++]);
        d.win = un(nums[i++]);
        d.urg = un(nums[i++]);
        d.len = un(nums[i++]);
        const payloadLen = nums[i++];
        d.payload = payloadLen < 0 ? null : s.slice(s.length - payloadLen);
        d.truncated = nums[i++] === 1;
        const count = nums[i++];
        if (count < 0) d.options = null;
        else {
          const opts: TcpOption[] = new Array(count);
          for (let k = 0; k < count; k++) {
            const kind = nums[i++];
            if (kind === OPT_NOP) opts[k] = NOP;
            else if (kind === OPT_TS) {
              const val = nums[i++];
              opts[k] = { kind: 'ts', val, ecr: nums[i++] };
            } else if (kind === OPT_MSS) opts[k] = { kind: 'mss', value: nums[i++] };
            else if (kind === OPT_WSCALE) opts[k] = { kind: 'wscale', value: nums[i++] };
            else if (kind === OPT_SACK_OK) opts[k] = SACK_OK;
            else if (kind === OPT_EOL) opts[k] = EOL;
            else {
              const blocks: Array<[number, number]> = new Array(nums[i++]);
              for (let b = 0; b < blocks.length; b++) {
                const left = nums[i++];
                blocks[b] = [left, nums[i++]];
              }
              opts[k] = { kind: 'sack', blocks };
            }
          }
          d.options = opts;
        }
        out.push(new TcpRecordData(d, raw, pairs[id], pairs[id + 1]));
      }
      return out;
    },
  };
}
