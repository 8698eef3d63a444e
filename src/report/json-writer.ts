// Writes JSON Lines (schema v2) straight from the view models, byte for byte what JSON.stringify(recordJson/connectionJson) gives.

import type { Endpoint } from '../model/endpoint';
import type { TcpRecord } from '../model/line-result';
import type { SegmentAnalysis, SegmentCopy } from '../model/segment';
import type { TcpOption } from '../model/tcp-options';
import { TCP_STATES } from '../model/tcp-state';
import type { EndStates } from '../model/tcp-state';
import type { ConnectionVerdict } from '../model/verdict';
import type { Note } from '../explain';
import type { ConnectionView, RecordView } from './annotate';
import { compact, connectionFields, connectionJson, findingJson, recordJson } from './json-shape';
import type { JsonOptions } from './json-shape';
import { ByteSink } from './byte-sink';

/*
 * Why not JSON.stringify: it walks every object generically (property enumeration, type dispatch, a table lookup per
 * character), 11-16 µs per TCP record (~1.5 KB). Here the shapes are known, so the text is built by string
 * concatenation from constant fragments. Each `+` of a long string allocates a rope node that the final write has to
 * walk, so the fields that are almost always null or empty are folded into one constant per group, and string values
 * are spliced between quotes that belong to the neighbouring constants. Objects whose shape the writer does not own
 * (link, ip, cksum, findings, rare options, non-TCP records) still go through compact() and JSON.stringify, so they
 * cannot drift. Schema v2 leaves out null, empty arrays and empty objects (format-json.ts compact), so most of the
 * fields below are a test and nothing written.
 * Measured on 100k real `tcpdump -n` lines (2-core VM, CPU time, interleaved A/B on fresh items): 12.4 -> 6.8 µs per
 * item in English, 10.8 -> 7.0 in Chinese; with the CLI's batch concatenation and UTF-8 encoding, 22.6 -> 14.6 µs.
 * Collecting parts for one Array.join instead (a flat line, no rope) measured slower or no faster in every mode.
 *
 * Invariant kept by test/report/format-json.test.ts: the line equals JSON.stringify(recordJson or connectionJson) + '\n'
 * for every sample and corpus record, with and without notes and `file`, and for hostile strings.
 */

/**
 * True when JSON.stringify would copy `s` unchanged between its quotes: no `"`, `\`, C0 control or UTF-16 surrogate
 * (a lone surrogate becomes `\udxxx`; a well-formed pair is copied, but telling pairs apart costs more than sending
 * them to JSON.stringify, which keeps them). Anchored `^[^…]*$` runs as one greedy loop in irregexp, measured 1.5-2x
 * faster than searching for a bad character with `/[…]/` on 80-500 character strings. No `u` flag: code units.
 */
const CLEAN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** The text of a JSON string literal without its quotes. */
function body(s: string): string {
  return CLEAN.test(s) ? s : JSON.stringify(s).slice(1, -1);
}

/*
 * Strings already proved clean, one per slot, slot picked by length and two characters. Notes repeat (the explainer
 * memoises them, so most are the very same string object: `===` is a pointer compare) and so do host names; a hit
 * skips the scan (~80 chars at 2-4 ns). Only clean strings are stored, so a hit is a proof. Bounded: 4096 strings.
 */
const SEEN_BITS = 12;
const SEEN_MASK = (1 << SEEN_BITS) - 1;
const seenClean: string[] = new Array<string>(1 << SEEN_BITS).fill('');

/** body() for strings that recur from record to record. */
function recurringBody(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const slot = (Math.imul(n, 0x9e3779b1) ^ (s.charCodeAt(n >> 1) << 7) ^ s.charCodeAt(n - 1)) & SEEN_MASK;
  if (seenClean[slot] === s) return s;
  if (!CLEAN.test(s)) return JSON.stringify(s).slice(1, -1);
  seenClean[slot] = s;
  return s;
}



/** A JSON string's body, encoded: short plain ASCII (hosts, times, flags, ids) by a JS loop, the rest as body(). */
function str(o: ByteSink, s: string): void {
  if (!o.jsonPlain(s)) o.text(body(s));
}

/** A constant fragment of JSON text (ASCII), copied from its UTF-8 bytes rather than encoded at each use. */
const frag = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * JSON's number text, as JSON.stringify writes it: NaN and ±Infinity become null; null stays null. Whole numbers
 * (ports, windows, line numbers, sequence numbers, timestamps) as digits straight into the buffer.
 */
function num(o: ByteSink, n: number | null): void {
  if (n === null) o.bytes(NULL);
  else if (n >= 0 && n < 9007199254740992 && Math.floor(n) === n) o.digits(n);
  else o.chars(n - n === 0 ? `${n}` : 'null');
}
const NULL = frag('null');

/** `,"name":N` (the fragment `,"name":` given), or nothing for null and the numbers JSON cannot write. */
function optNum(o: ByteSink, name: Uint8Array, n: number | null | undefined): void {
  if (n === null || n === undefined || !Number.isFinite(n)) return;
  o.bytes(name);
  num(o, n);
}

/** `,"name":"s"` (the fragment `,"name":"` given), or nothing for null. */
function optStr(o: ByteSink, name: Uint8Array, s: string | null | undefined): void {
  if (s === null || s === undefined) return;
  o.bytes(name);
  str(o, s);
  o.byte(QUOTE);
}

const QUOTE = 0x22;
const COMMA = 0x2c;

/** A value writeCompact leaves to JSON.stringify(compact()) (a function, a symbol, a bigint: never in tcplain's records). */
class NotPlain extends Error {}

const TRUE = frag('true');
const FALSE = frag('false');

/**
 * JSON.stringify(compact(value)) written in one pass, without the compacted copy or the string (the v2 rule: null,
 * non-finite numbers, empty arrays and objects left out; an array element left out becomes null). False, with
 * nothing written, when nothing is left. A key is written before its value is known to be kept: if the value writes
 * nothing, the bytes go back to before the key. Key order is compact's and JSON.stringify's (for-in over own keys).
 * Why: connection lines and findings went through compact() and JSON.stringify, 9 % of json's CPU profile with
 * 12,768 connections and 25,025 records with findings in 240k lines (compact 2.9 %, connectionLine 2.6 %, rare 2.3 %).
 */
function writeCompact(o: ByteSink, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) return false;
      num(o, value);
      return true;
    case 'string':
      o.byte(QUOTE);
      str(o, value);
      o.byte(QUOTE);
      return true;
    case 'boolean':
      o.bytes(value ? TRUE : FALSE);
      return true;
    case 'object':
      break;
    default:
      throw new NotPlain();
  }
  if (Array.isArray(value)) {
    const n = value.length;
    if (n === 0) return false;
    o.byte(0x5b);
    for (let i = 0; i < n; i++) {
      if (i > 0) o.byte(COMMA);
      if (!writeCompact(o, value[i])) o.bytes(NULL);
    }
    o.byte(0x5d);
    return true;
  }
  const start = o.size;
  o.byte(0x7b);
  let empty = true;
  const obj = value as Record<string, unknown>;
  for (const k in obj) {
    if (!Object.hasOwn(obj, k)) continue;
    const mark = o.size;
    if (!empty) o.byte(COMMA);
    o.byte(QUOTE);
    str(o, k);
    o.byte(QUOTE);
    o.byte(0x3a);
    if (writeCompact(o, obj[k])) empty = false;
    else o.truncate(mark);
  }
  if (empty) {
    o.truncate(start);
    return false;
  }
  o.byte(0x7d);
  return true;
}

/** JSON text of a value under the v2 rule (compact), after `,"name":`; nothing when nothing is left to write. */
function rare(o: ByteSink, name: string, value: unknown): void {
  const mark = o.size;
  try {
    o.byte(COMMA);
    o.byte(QUOTE);
    o.chars(name);
    o.byte(QUOTE);
    o.byte(0x3a);
    if (!writeCompact(o, value)) o.truncate(mark);
  } catch (err) {
    if (!(err instanceof NotPlain)) throw err;
    o.truncate(mark);
    const c = compact(value);
    if (c !== undefined) o.text(`,"${name}":${JSON.stringify(c)}`);
  }
}

const HOST = frag('{"host":"');
const PORT = frag('","port":');
const SERVICE = frag(',"service":"');
const END_STRING_OBJECT = frag('"}');

/** Endpoints are built `{ host, port, service }` by grammar/fields.ts and track/connection.ts; null port/service left out. */
function endpoint(o: ByteSink, e: Endpoint): void {
  o.bytes(HOST);
  str(o, e.host);
  const port = e.port !== null && Number.isFinite(e.port);
  if (port) {
    o.bytes(PORT);
    num(o, e.port);
  } else o.byte(QUOTE);
  if (e.service === null) {
    o.byte(0x7d);
    return;
  }
  // With or without a port, the host's closing quote or the port is written: `,"service":"` follows.
  o.bytes(SERVICE);
  str(o, e.service);
  o.bytes(END_STRING_OBJECT);
}

const SRC = frag(',"src":');
const DST = frag(',"dst":');

/**
 * Both endpoints, written each time: keeping the bytes of recent pairs (256 slots by ports) missed on most records
 * of a busy capture and its copies cost more than they saved (measured: copyFrom 1.5 % of json's profile).
 */
function endpointPair(o: ByteSink, src: Endpoint, dst: Endpoint): void {
  o.bytes(SRC);
  endpoint(o, src);
  o.bytes(DST);
  endpoint(o, dst);
}

/**
 * `,"states":{"client":…,"server":…}` for every pair of states (a null end left out, both null: nothing), so a
 * segment's states cost two lookups and a copy.
 */
const STATE_INDEX: Partial<Record<string, number>> = Object.fromEntries(TCP_STATES.map((s, i) => [s, i]));
const NULL_STATE = TCP_STATES.length;

function statesText(client: string | null, server: string | null): string {
  if (client === null && server === null) return '';
  if (client === null) return `,"states":{"server":"${server}"}`;
  if (server === null) return `,"states":{"client":"${client}"}`;
  return `,"states":{"client":"${client}","server":"${server}"}`;
}

const STATE_PAIRS: Uint8Array[] = [];
for (let c = 0; c <= NULL_STATE; c++) {
  for (let s = 0; s <= NULL_STATE; s++) STATE_PAIRS.push(frag(statesText(TCP_STATES[c] ?? null, TCP_STATES[s] ?? null)));
}

function states(o: ByteSink, s: EndStates): void {
  const c = s.client === null ? NULL_STATE : (STATE_INDEX[s.client] ?? NaN);
  const v = s.server === null ? NULL_STATE : (STATE_INDEX[s.server] ?? NaN);
  // A name outside TCP_STATES gives an undefined index, hence NaN, hence no table entry.
  const pair = STATE_PAIRS[c * (NULL_STATE + 1) + v] as Uint8Array | undefined;
  if (pair !== undefined) o.bytes(pair);
  else rare(o, 'states', s);
}

const OPT_NOP = frag('{"kind":"nop"}');
const OPT_SACK_OK = frag('{"kind":"sackOK"}');
const OPT_EOL = frag('{"kind":"eol"}');
const OPT_MSS = frag('{"kind":"mss","value":');
const OPT_WSCALE = frag('{"kind":"wscale","value":');
const OPT_TS = frag('{"kind":"ts","val":');
const OPT_ECR = frag(',"ecr":');

/**
 * The options tcpdump prints on almost every SYN and data segment, in the key order grammar/options.ts builds them;
 * anything else (and any option carrying `lenMismatch`, which the grammar adds last) goes through compact().
 */
function option(o: ByteSink, x: TcpOption): void {
  if ('lenMismatch' in x && x.lenMismatch !== undefined) {
    o.text(JSON.stringify(compact(x)));
    return;
  }
  switch (x.kind) {
    case 'nop':
      o.bytes(OPT_NOP);
      return;
    case 'sackOK':
      o.bytes(OPT_SACK_OK);
      return;
    case 'eol':
      o.bytes(OPT_EOL);
      return;
    case 'mss':
      o.bytes(OPT_MSS);
      num(o, x.value);
      o.byte(0x7d);
      return;
    case 'wscale':
      o.bytes(OPT_WSCALE);
      num(o, x.value);
      o.byte(0x7d);
      return;
    case 'ts':
      o.bytes(OPT_TS);
      num(o, x.val);
      o.bytes(OPT_ECR);
      num(o, x.ecr);
      o.byte(0x7d);
      return;
    default:
      o.text(JSON.stringify(compact(x)));
  }
}

const OPTIONS = frag(',"options":[');

function options(o: ByteSink, opts: readonly TcpOption[] | null): void {
  if (opts === null) return;
  const n = opts.length;
  if (n === 0) return;
  o.bytes(OPTIONS);
  option(o, opts[0]);
  for (let i = 1; i < n; i++) {
    o.byte(COMMA);
    option(o, opts[i]);
  }
  o.byte(0x5d);
}

/** Strings the tracker picks from fixed unions (states, sides): written between quotes as they are. */
function word(o: ByteSink, s: string | null): void {
  if (s === null) o.bytes(NULL);
  else {
    o.byte(QUOTE);
    o.chars(s);
    o.byte(QUOTE);
  }
}

const TRANSITIONS = frag(',"transitions":[');
const END = frag('{"end":');
const FROM = frag(',"from":');
const TO = frag(',"to":');

function transitions(o: ByteSink, t: SegmentAnalysis['transitions']): void {
  if (t.length === 0) return;
  o.bytes(TRANSITIONS);
  for (let i = 0; i < t.length; i++) {
    const x = t[i];
    if (i > 0) o.byte(COMMA);
    o.bytes(END);
    word(o, x.end);
    if (x.from !== null) {
      o.bytes(FROM);
      word(o, x.from);
    }
    o.bytes(TO);
    word(o, x.to);
    o.byte(0x7d);
  }
  o.byte(0x5d);
}

const STRINGS_NEXT = frag('","');
const STRINGS_END = frag('"]');

/** `,"name":["a","b"]` (the fragment `,"name":["` given), or nothing for an absent or empty array. */
function stringArrayField(o: ByteSink, name: Uint8Array, a: readonly string[] | undefined): void {
  if (a === undefined || a.length === 0) return;
  o.bytes(name);
  str(o, a[0]);
  for (let i = 1; i < a.length; i++) {
    o.bytes(STRINGS_NEXT);
    str(o, a[i]);
  }
  o.bytes(STRINGS_END);
}

const NOTES = frag(',"notes":["');

function notesField(o: ByteSink, notes: readonly Note[]): void {
  const n = notes.length;
  if (n === 0) return;
  o.bytes(NOTES);
  o.text(recurringBody(notes[0].text));
  for (let i = 1; i < n; i++) {
    o.bytes(STRINGS_NEXT);
    o.text(recurringBody(notes[i].text));
  }
  o.bytes(STRINGS_END);
}

const NUM = frag(',"num":');
const TIME = frag(',"time":"');
const IFACE = frag(',"iface":"');
const DIRECTION = frag(',"direction":"');

/** From `"num"` to `"ip"`: without -#, -i any and -e/-v (the usual capture) only the time is written. */
function packetPrefix(o: ByteSink, r: TcpRecord): void {
  const time = r.time;
  if (r.num === null && time !== null && r.iface === null && r.direction === null && r.link === null && r.ip === null) {
    o.bytes(TIME);
    str(o, time);
    o.byte(QUOTE);
    return;
  }
  optNum(o, NUM, r.num);
  optStr(o, TIME, time);
  optStr(o, IFACE, r.iface);
  optStr(o, DIRECTION, r.direction);
  rare(o, 'link', r.link);
  rare(o, 'ip', r.ip);
}

const PAYLOAD = frag(',"payload":"');
const TRUNCATED = frag(',"truncated":true');
const WARNINGS = frag(',"warnings":["');
const DETAILS = frag(',"details":["');
const DUMP = frag(',"dump":["');
const COMMENTS = frag(',"comments":["');

/** From `"cksum"` to `"dump"`: nothing for the usual segment without -v, payload text, warnings or dump. */
function segmentTail(o: ByteSink, r: TcpRecord): void {
  if (r.cksum === null && r.payload === null && !r.truncated && r.warnings.length === 0 && r.details.length === 0 && r.dump.length === 0) return;
  rare(o, 'cksum', r.cksum);
  optStr(o, PAYLOAD, r.payload);
  if (r.truncated) o.bytes(TRUNCATED);
  stringArrayField(o, WARNINGS, r.warnings);
  stringArrayField(o, DETAILS, r.details);
  stringArrayField(o, DUMP, r.dump);
}

const CONN = frag(',"conn":"');
const DIR = frag('","dir":');
const ABS_SEQ = frag(',"absSeq":');
const ABS_ACK = frag(',"absAck":');
const REL_SEQ = frag(',"relSeq":');
const REL_ACK = frag(',"relAck":');
const WIN_BYTES = frag(',"winBytes":');

/** What the tracker concluded, from `"conn"` to `"findings"`. */
function analysisFields(o: ByteSink, a: SegmentAnalysis): void {
  const f = a.findings;
  o.bytes(CONN);
  str(o, a.conn);
  o.bytes(DIR);
  word(o, a.dir);
  optNum(o, ABS_SEQ, a.absSeq);
  optNum(o, ABS_ACK, a.absAck);
  optNum(o, REL_SEQ, a.relSeq);
  optNum(o, REL_ACK, a.relAck);
  optNum(o, WIN_BYTES, a.winBytes);
  states(o, a.states);
  transitions(o, a.transitions);
  if (f.length > 0) rare(o, 'findings', f.map(findingJson));
}

const HEAD_V2 = frag('{"v":2,"kind":"tcp","line":');
const END_LINE = frag(',"endLine":');
const COL_1_RAW = frag(',"col":1,"raw":"');
const HEAD_V = frag('{"v":');
const KIND_TCP = frag(',"kind":"tcp"');
const FILE = frag(',"file":"');
const LINE_AFTER_FILE = frag('","line":');
const LINE = frag(',"line":');
const COL = frag(',"col":');
const RAW = frag(',"raw":"');
const STYLE_NEW = frag(',"style":"new"');
const STYLE = frag(',"style":"');
const FLAGS = frag(',"flags":"');
const SEQ = frag(',"seq":');
const END_FIELD = frag(',"end":');
const ACK_FIELD = frag(',"ack":');
const WIN = frag(',"win":');
const URG = frag(',"urg":');
const LEN = frag(',"len":');
const QUOTES = frag(',"quotes":');
const COPY_OF = frag(',"copyOf":');
const LINE_END = frag('}\n');

/** A TCP record in recordJson's key order; the analysis keys are left out when the tracker gave none. */
function writeTcpRecord(o: ByteSink, r: TcpRecord, a: SegmentAnalysis | null, notes: readonly Note[] | null, quotes: number | undefined, copy: SegmentCopy | undefined, file: string | null): void {
  const rawClean = CLEAN.test(r.raw);
  if (r.v === 2 && file === null && r.endLine === r.line && r.col === 1) {
    o.bytes(HEAD_V2);
    num(o, r.line);
    o.bytes(END_LINE);
    num(o, r.line);
    o.bytes(COL_1_RAW);
  } else {
    o.bytes(HEAD_V);
    num(o, r.v);
    o.bytes(KIND_TCP);
    if (file !== null) {
      o.bytes(FILE);
      o.text(recurringBody(file));
      o.bytes(LINE_AFTER_FILE);
    } else o.bytes(LINE);
    num(o, r.line);
    o.bytes(END_LINE);
    num(o, r.endLine);
    o.bytes(COL);
    num(o, r.col);
    o.bytes(RAW);
  }
  o.text(rawClean ? r.raw : body(r.raw));
  o.byte(QUOTE);
  if (r.comments !== undefined && r.comments.length > 0) stringArrayField(o, COMMENTS, r.comments);
  packetPrefix(o, r);
  if (r.style === 'new') o.bytes(STYLE_NEW);
  else {
    o.bytes(STYLE);
    o.chars(r.style);
    o.byte(QUOTE);
  }
  endpointPair(o, r.src, r.dst);
  o.bytes(FLAGS);
  str(o, r.flags);
  o.byte(QUOTE);
  optNum(o, SEQ, r.seq);
  optNum(o, END_FIELD, r.end);
  optNum(o, ACK_FIELD, r.ack);
  optNum(o, WIN, r.win);
  optNum(o, URG, r.urg);
  optNum(o, LEN, r.len);
  options(o, r.options);
  segmentTail(o, r);
  if (a !== null) analysisFields(o, a);
  optNum(o, QUOTES, quotes);
  if (copy !== undefined) {
    o.bytes(COPY_OF);
    o.text(JSON.stringify(compact(copy)));
  }
  if (notes !== null) notesField(o, notes);
  o.bytes(LINE_END);
}

/** One record's JSON line (with its newline), encoded into `o`. Records other than TCP are rarer: written from their definition. */
export function writeRecordLine(v: RecordView, opts: JsonOptions, o: ByteSink): void {
  if (v.rec.kind !== 'tcp') o.text(`${JSON.stringify(recordJson(v, opts))}\n`);
  else writeTcpRecord(o, v.rec, v.analysis, opts.notes === true ? v.notes : null, v.quotes, v.copy, opts.file ?? null);
}

/** The sink behind the string API (recordLine): one line at a time, decoded back. */
const scratch = new ByteSink(1 << 12);

/** One record as a JSON line (with its newline). */
export function recordLine(v: RecordView, opts: JsonOptions): string {
  writeRecordLine(v, opts, scratch);
  return scratch.takeString();
}

/** One ended connection's JSON line (with its newline), encoded into `o`: its definition, compacted as it is written. */
export function writeConnectionLine(v: ConnectionView, opts: JsonOptions, o: ByteSink): void {
  const mark = o.size;
  try {
    writeCompact(o, connectionFields(v, opts));
  } catch (err) {
    if (!(err instanceof NotPlain)) throw err;
    o.truncate(mark);
    o.text(JSON.stringify(connectionJson(v, opts)));
  }
  o.byte(0x0a);
}

/** One ended connection as a JSON line. */
export function connectionLine(v: ConnectionView, opts: JsonOptions): string {
  writeConnectionLine(v, opts, scratch);
  return scratch.takeString();
}
