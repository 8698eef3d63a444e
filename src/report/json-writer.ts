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
import { compact, connectionJson, findingJson, recordJson } from './json-shape';
import type { JsonOptions } from './json-shape';

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


/** '0'…'9999', and the same zero-padded to four digits. */
const DIGITS: string[] = [];
const PAD4: string[] = [];
for (let i = 0; i < 10000; i++) {
  DIGITS.push(`${i}`);
  PAD4.push(`${i}`.padStart(4, '0'));
}

/**
 * JSON's number text: NaN and ±Infinity become null, like JSON.stringify; null stays null. Whole numbers below 10^12
 * (ports, windows, line numbers, 32-bit sequence numbers and timestamps) are put together from 4-digit pieces: V8
 * prints a number above 2^30 (a heap number: most absolute seq/ack and TS values) in 100-250 ns on this class of
 * machine, the pieces take about half that, and a number below 10^4 is one array read.
 */
function num(n: number | null): string {
  if (n === null) return 'null';
  if (n >= 0 && n < 1e12 && Math.floor(n) === n) {
    if (n < 1e4) return DIGITS[n];
    if (n < 1e8) {
      const hi = Math.floor(n / 1e4);
      return DIGITS[hi] + PAD4[n - hi * 1e4];
    }
    const top = Math.floor(n / 1e8);
    const low = n - top * 1e8;
    const mid = Math.floor(low / 1e4);
    return DIGITS[top] + PAD4[mid] + PAD4[low - mid * 1e4];
  }
  return n - n === 0 ? `${n}` : 'null';
}

/** Strings the tracker picks from fixed unions (states, sides, verdict codes): never escaped. */
const word = (s: string | null): string => (s === null ? 'null' : `"${s}"`);





/** JSON text of a value under the v2 rule (compact): '' when nothing is left to write. */
function rare(name: string, value: unknown): string {
  const c = compact(value);
  return c === undefined ? '' : `,"${name}":${JSON.stringify(c)}`;
}

/** `,"name":N`, or nothing for null and the numbers JSON cannot write. */
function optNum(name: string, n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? '' : `,"${name}":${num(n)}`;
}

/** `,"name":"s"`, or nothing for null. */
function optStr(name: string, s: string | null | undefined): string {
  return s === null || s === undefined ? '' : `,"${name}":"${body(s)}"`;
}

/** Endpoints are built `{ host, port, service }` by grammar/fields.ts and track/connection.ts; null port/service left out. */
function endpoint(e: Endpoint): string {
  const port = e.port === null || !Number.isFinite(e.port) ? '' : `,"port":${num(e.port)}`;
  return e.service === null
    ? `{"host":"${recurringBody(e.host)}"${port}}`
    : `{"host":"${recurringBody(e.host)}"${port},"service":"${recurringBody(e.service)}"}`;
}

/** `{"src":…,"dst":…}`'s text for one direction of one connection, with the values it was written from. */
class EndpointPairText {
  constructor(
    readonly srcHost: string,
    readonly srcPort: number | null,
    readonly srcService: string | null,
    readonly dstHost: string,
    readonly dstPort: number | null,
    readonly dstService: string | null,
    readonly text: string,
  ) {}
}

/*
 * Every segment of a connection repeats the same two endpoints. Comparing six fields with the last text written for
 * that port pair (direct-mapped, 256 slots) costs less than the joins and two number printings of writing them.
 */
const PAIR_MASK = 255;
const pairTexts: Array<EndpointPairText | undefined> = new Array<EndpointPairText | undefined>(PAIR_MASK + 1).fill(undefined);

function endpointPair(src: Endpoint, dst: Endpoint): string {
  const slot = (((src.port ?? 0) * 31) ^ (dst.port ?? 0)) & PAIR_MASK;
  const p = pairTexts[slot];
  if (
    p !== undefined &&
    p.srcPort === src.port &&
    p.dstPort === dst.port &&
    p.srcHost === src.host &&
    p.dstHost === dst.host &&
    p.srcService === src.service &&
    p.dstService === dst.service
  ) {
    return p.text;
  }
  const text = `,"src":${endpoint(src)},"dst":${endpoint(dst)}`;
  pairTexts[slot] = new EndpointPairText(src.host, src.port, src.service, dst.host, dst.port, dst.service, text);
  return text;
}

/**
 * `,"states":{"client":…,"server":…}` for every pair of states (a null end left out, both null: nothing), so a
 * segment's states cost two lookups instead of six joins.
 */
const STATE_INDEX: Partial<Record<string, number>> = Object.fromEntries(TCP_STATES.map((s, i) => [s, i]));
const NULL_STATE = TCP_STATES.length;

function statesText(client: string | null, server: string | null): string {
  if (client === null && server === null) return '';
  if (client === null) return `,"states":{"server":"${server}"}`;
  if (server === null) return `,"states":{"client":"${client}"}`;
  return `,"states":{"client":"${client}","server":"${server}"}`;
}

const STATE_PAIRS: string[] = [];
for (let c = 0; c <= NULL_STATE; c++) {
  for (let s = 0; s <= NULL_STATE; s++) STATE_PAIRS.push(statesText(TCP_STATES[c] ?? null, TCP_STATES[s] ?? null));
}

function states(s: EndStates): string {
  const c = s.client === null ? NULL_STATE : (STATE_INDEX[s.client] ?? NaN);
  const v = s.server === null ? NULL_STATE : (STATE_INDEX[s.server] ?? NaN);
  // A name outside TCP_STATES gives an undefined index, hence NaN, hence no table entry.
  const pair = STATE_PAIRS[c * (NULL_STATE + 1) + v] as string | undefined;
  return pair ?? rare('states', s);
}

/**
 * The options tcpdump prints on almost every SYN and data segment, in the key order grammar/options.ts builds them;
 * anything else (and any option carrying `lenMismatch`, which the grammar adds last) goes through compact().
 */
function option(o: TcpOption): string {
  if ('lenMismatch' in o && o.lenMismatch !== undefined) return JSON.stringify(compact(o));
  switch (o.kind) {
    case 'nop':
      return '{"kind":"nop"}';
    case 'sackOK':
      return '{"kind":"sackOK"}';
    case 'eol':
      return '{"kind":"eol"}';
    case 'mss':
      return `{"kind":"mss","value":${num(o.value)}}`;
    case 'wscale':
      return `{"kind":"wscale","value":${num(o.value)}}`;
    case 'ts':
      return `{"kind":"ts","val":${num(o.val)},"ecr":${num(o.ecr)}}`;
    default:
      return JSON.stringify(compact(o));
  }
}

function options(opts: readonly TcpOption[] | null): string {
  if (opts === null) return '';
  const n = opts.length;
  if (n === 0) return '';
  let out = `,"options":[${option(opts[0])}`;
  for (let i = 1; i < n; i++) out += `,${option(opts[i])}`;
  return `${out}]`;
}

function transitions(t: SegmentAnalysis['transitions']): string {
  if (t.length === 0) return '';
  let out = ',"transitions":[';
  for (let i = 0; i < t.length; i++) {
    const x = t[i];
    out += `${i === 0 ? '' : ','}{"end":${word(x.end)},${x.from === null ? '' : `"from":${word(x.from)},`}"to":${word(x.to)}}`;
  }
  return `${out}]`;
}

function stringArrayField(name: string, a: readonly string[] | undefined): string {
  if (a === undefined || a.length === 0) return '';
  let out = `,"${name}":["${body(a[0])}`;
  for (let i = 1; i < a.length; i++) out += `","${body(a[i])}`;
  return `${out}"]`;
}

function notesField(notes: readonly Note[]): string {
  const n = notes.length;
  if (n === 0) return '';
  let out = `,"notes":["${recurringBody(notes[0].text)}`;
  for (let i = 1; i < n; i++) out += `","${recurringBody(notes[i].text)}`;
  return `${out}"]`;
}

/**
 * From `"num"` to `"ip"`: without -#, -i any and -e/-v (the usual capture) only the time is written. The time is
 * nearly always the start of the raw line, and a piece of a clean string is clean: `includes` (a memchr-like search)
 * replaces a second escape scan.
 */
function packetPrefix(r: TcpRecord, rawClean: boolean): string {
  const time = r.time;
  if (r.num === null && time !== null && r.iface === null && r.direction === null && r.link === null && r.ip === null) {
    return `,"time":"${rawClean && r.raw.includes(time) ? time : body(time)}"`;
  }
  return optNum('num', r.num) + optStr('time', time) + optStr('iface', r.iface) + optStr('direction', r.direction) + rare('link', r.link) + rare('ip', r.ip);
}

/** From `"cksum"` to `"dump"`: nothing for the usual segment without -v, payload text, warnings or dump. */
function segmentTail(r: TcpRecord): string {
  if (r.cksum === null && r.payload === null && !r.truncated && r.warnings.length === 0 && r.details.length === 0 && r.dump.length === 0) return '';
  return (
    rare('cksum', r.cksum) +
    optStr('payload', r.payload) +
    (r.truncated ? ',"truncated":true' : '') +
    stringArrayField('warnings', r.warnings) +
    stringArrayField('details', r.details) +
    stringArrayField('dump', r.dump)
  );
}

/**
 * What the tracker concluded, from `"conn"` to `"findings"`. A number equal to one already printed for the record
 * (relSeq is the printed seq without -S, absSeq with it; winBytes is win before scaling) reuses its text.
 */
function analysisFields(a: SegmentAnalysis, r: TcpRecord, seqText: string, ackText: string, winText: string): string {
  const f = a.findings;
  return (
    `,"conn":"${recurringBody(a.conn)}","dir":${word(a.dir)}` +
    (a.absSeq === r.seq && seqText !== '' ? `,"absSeq":${seqText}` : optNum('absSeq', a.absSeq)) +
    (a.absAck === r.ack && ackText !== '' ? `,"absAck":${ackText}` : optNum('absAck', a.absAck)) +
    (a.relSeq === r.seq && seqText !== '' ? `,"relSeq":${seqText}` : optNum('relSeq', a.relSeq)) +
    (a.relAck === r.ack && ackText !== '' ? `,"relAck":${ackText}` : optNum('relAck', a.relAck)) +
    (a.winBytes === r.win && winText !== '' ? `,"winBytes":${winText}` : optNum('winBytes', a.winBytes)) +
    states(a.states) +
    transitions(a.transitions) +
    (f.length === 0 ? '' : rare('findings', f.map(findingJson)))
  );
}

/** A number's text for a field that may be null: '' when nothing is written. */
const numText = (n: number | null): string => (n === null || !Number.isFinite(n) ? '' : num(n));

/** A TCP record in recordJson's key order; the analysis keys are left out when the tracker gave none. */
function tcpRecordLine(r: TcpRecord, a: SegmentAnalysis | null, notes: readonly Note[] | null, quotes: number | undefined, copy: SegmentCopy | undefined, file: string | null): string {
  const rawClean = CLEAN.test(r.raw);
  const seqText = numText(r.seq);
  const ackText = numText(r.ack);
  const winText = numText(r.win);
  const line = num(r.line);
  const head =
    r.v === 2 && file === null && r.endLine === r.line && r.col === 1
      ? `{"v":2,"kind":"tcp","line":${line},"endLine":${line},"col":1,"raw":"`
      : `{"v":${num(r.v)},"kind":"tcp"${file === null ? '' : `,"file":"${recurringBody(file)}"`},"line":${line},"endLine":${num(r.endLine)},"col":${num(r.col)},"raw":"`;
  return (
    head +
    (rawClean ? r.raw : body(r.raw)) +
    (r.comments === undefined || r.comments.length === 0 ? '"' : `"${stringArrayField('comments', r.comments)}`) +
    packetPrefix(r, rawClean) +
    (r.style === 'new' ? ',"style":"new"' : `,"style":"${r.style}"`) +
    `${endpointPair(r.src, r.dst)},"flags":"${recurringBody(r.flags)}"` +
    (seqText === '' ? '' : `,"seq":${seqText}`) +
    optNum('end', r.end) +
    (ackText === '' ? '' : `,"ack":${ackText}`) +
    (winText === '' ? '' : `,"win":${winText}`) +
    optNum('urg', r.urg) +
    optNum('len', r.len) +
    options(r.options) +
    segmentTail(r) +
    (a === null ? '' : analysisFields(a, r, seqText, ackText, winText)) +
    optNum('quotes', quotes) +
    (copy === undefined ? '' : `,"copyOf":${JSON.stringify(compact(copy))}`) +
    (notes === null ? '' : notesField(notes)) +
    '}\n'
  );
}

/** One record as a JSON line (with its newline). Records other than TCP are rarer: written from their definition. */
export function recordLine(v: RecordView, opts: JsonOptions): string {
  if (v.rec.kind !== 'tcp') return `${JSON.stringify(recordJson(v, opts))}\n`;
  return tcpRecordLine(v.rec, v.analysis, opts.notes === true ? v.notes : null, v.quotes, v.copy, opts.file ?? null);
}

/** One ended connection as a JSON line: once per connection, so written from its definition. */
export function connectionLine(v: ConnectionView, opts: JsonOptions): string {
  return `${JSON.stringify(connectionJson(v, opts))}\n`;
}
