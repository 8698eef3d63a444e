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
  return {
    encode(records) {
      let nums: Float64Array<ArrayBuffer> = new Float64Array(records.length * 24 + 16);
      let n = 0;
      const texts: string[] = [];
      const extras: LineRecord[] = [];
      const pairs: Endpoint[] = [];
      // A full table starts again between batches (a batch adds at most its own length to it).
      const pairsReset = pairDst.length >= MAX_PAIRS;
      if (pairsReset) {
        pairIds.clear();
        pairDst.length = 0;
      }
      for (const rec of records) {
        if (rec.kind !== 'tcp' || !encodable(rec)) {
          if (nums.length < n + 1) nums = grow(nums);
          nums[n++] = EXTRA;
          extras.push(rec);
          continue;
        }
        let id = pairIds.get(rec.src);
        if (id === undefined || pairDst[id] !== rec.dst) {
          if (!okEndpoint(rec.src) || !okEndpoint(rec.dst)) {
            if (nums.length < n + 1) nums = grow(nums);
            nums[n++] = EXTRA;
            extras.push(rec);
            continue;
          }
          id = pairDst.length;
          pairIds.set(rec.src, id);
          pairDst.push(rec.dst);
          pairs.push(rec.src, rec.dst);
        }
        const opts = rec.options;
        const need = 20 + (opts === null ? 0 : optionsSize(opts));
        if (nums.length < n + need) nums = grow(nums, n + need);
        nums[n++] = COMPACT;
        nums[n++] = rec.line;
        nums[n++] = rec.endLine;
        nums[n++] = rec.col;
        nums[n++] = rec.raw.length;
        texts.push(rec.raw);
        nums[n++] = nn(rec.num);
        nums[n++] = rec.time === null ? -1 : rec.time.length;
        nums[n++] = FLAGS.indexOf(rec.flags);
        nums[n++] = STYLES.indexOf(rec.style);
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
          for (const o of opts) n = putOption(nums, n, o);
        }
      }
      return { nums, n, text: texts.join(''), extras, pairs, pairsReset };
    },
  };
}

function grow(a: Float64Array, atLeast = 0): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(a.length * 2, atLeast + 64));
  b.set(a);
  return b;
}

/** Whether `rec` can be rebuilt exactly from its wire numbers and its raw text (see the file's header). */
function encodable(rec: TcpRecord): boolean {
  if (rec.comments !== undefined || rec.iface !== null || rec.direction !== null || rec.link !== null || rec.ip !== null) return false;
  if (rec.cksum !== null || rec.warnings.length > 0 || rec.details.length > 0 || rec.dump.length > 0) return false;
  if (FLAGS.indexOf(rec.flags) < 0 || STYLES.indexOf(rec.style) < 0) return false;
  // The time and the payload are read back as the start and the end of `raw`.
  if (rec.time !== null && !rec.raw.startsWith(rec.time)) return false;
  if (rec.payload !== null && !rec.raw.endsWith(rec.payload)) return false;
  if (!okNum(rec.num) || !okNum(rec.seq) || !okNum(rec.end) || !okNum(rec.ack) || !okNum(rec.win) || !okNum(rec.urg) || !okNum(rec.len)) return false;
  if (rec.options !== null) for (const o of rec.options) if (!okOption(o)) return false;
  return true;
}

const okNum = (x: number | null): boolean => x === null || Number.isFinite(x);

/** An endpoint with exactly the grammar's three properties (asked once per new pair, not per record). */
function okEndpoint(e: Endpoint): boolean {
  return Object.keys(e).length === 3;
}

/**
 * An everyday option without tcpdump's `[len N]` mark (`lenMismatch`, the one property an option may have beyond its
 * kind's: src/model/tcp-options.ts). No Object.keys here: it allocates, and this runs for every option of every line.
 */
function okOption(o: TcpOption): boolean {
  if ((o as { lenMismatch?: number }).lenMismatch !== undefined) return false;
  switch (o.kind) {
    case 'nop':
    case 'eol':
    case 'sackOK':
      return true;
    case 'mss':
    case 'wscale':
      return Number.isFinite(o.value);
    case 'ts':
      return Number.isFinite(o.val) && Number.isFinite(o.ecr);
    case 'sack':
      return o.blocks.every((b) => b.length === 2 && Number.isFinite(b[0]) && Number.isFinite(b[1]));
    default:
      return false;
  }
}

function optionsSize(opts: readonly TcpOption[]): number {
  let size = 0;
  for (const o of opts) size += o.kind === 'sack' ? 2 + 2 * o.blocks.length : 3;
  return size;
}

function putOption(nums: Float64Array, at: number, o: TcpOption): number {
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
      nums[n++] = OPT_MSS;
      nums[n++] = o.value;
      break;
    case 'wscale':
      nums[n++] = OPT_WSCALE;
      nums[n++] = o.value;
      break;
    case 'ts':
      nums[n++] = OPT_TS;
      nums[n++] = o.val;
      nums[n++] = o.ecr;
      break;
    case 'sack':
      nums[n++] = OPT_SACK;
      nums[n++] = o.blocks.length;
      for (const b of o.blocks) {
        nums[n++] = b[0];
        nums[n++] = b[1];
      }
      break;
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
