// Writes JSON Lines text straight from the view models, byte for byte what JSON.stringify(recordJson/connectionJson) gives.

import type { Endpoint } from '../model/endpoint';
import type { TcpRecord } from '../model/line-result';
import type { SegmentAnalysis, SegmentCopy } from '../model/segment';
import type { TcpOption } from '../model/tcp-options';
import { TCP_STATES } from '../model/tcp-state';
import type { EndStates } from '../model/tcp-state';
import type { ConnectionVerdict } from '../model/verdict';
import type { Note } from '../explain';
import type { ConnectionView, RecordView } from './annotate';

/*
 * Why not JSON.stringify: it walks every object generically (property enumeration, type dispatch, a table lookup per
 * character), 11-16 µs per TCP record (~1.5 KB). Here the shapes are known, so the text is built by string
 * concatenation from constant fragments. Each `+` of a long string allocates a rope node that the final write has to
 * walk, so the fields that are almost always null or empty are folded into one constant per group, and string values
 * are spliced between quotes that belong to the neighbouring constants. Objects whose shape the writer does not own
 * (link, ip, cksum, findingDetails, rare options, non-TCP records) still go through JSON.stringify, so they cannot drift.
 * Measured on 100k real `tcpdump -n` lines (2-core VM, CPU time, interleaved A/B on fresh items): 12.4 -> 6.8 µs per
 * item in English, 10.8 -> 7.0 in Chinese; with the CLI's batch concatenation and UTF-8 encoding, 22.6 -> 14.6 µs.
 * Collecting parts for one Array.join instead (a flat line, no rope) measured slower or no faster in every mode.
 *
 * Invariant kept by test/report/format-json.test.ts: the line equals JSON.stringify(recordJson or connectionJson) + '\n'
 * for every sample and corpus record and for hostile strings.
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

const str = (s: string | null): string => (s === null ? 'null' : `"${body(s)}"`);

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

const obj = (o: object | null): string => (o === null ? 'null' : JSON.stringify(o));

function stringArray(a: readonly string[]): string {
  const n = a.length;
  if (n === 0) return '[]';
  let out = `["${body(a[0])}`;
  for (let i = 1; i < n; i++) out += `","${body(a[i])}`;
  return `${out}"]`;
}

function recurringArray(a: readonly string[]): string {
  const n = a.length;
  if (n === 0) return '[]';
  let out = `["${recurringBody(a[0])}`;
  for (let i = 1; i < n; i++) out += `","${recurringBody(a[i])}`;
  return `${out}"]`;
}

function notesArray(notes: readonly Note[]): string {
  const n = notes.length;
  if (n === 0) return '[]';
  let out = `["${recurringBody(notes[0].text)}`;
  for (let i = 1; i < n; i++) out += `","${recurringBody(notes[i].text)}`;
  return `${out}"]`;
}

/** Endpoints are built `{ host, port, service }` by grammar/fields.ts and track/connection.ts. */
function endpoint(e: Endpoint): string {
  return e.service === null
    ? `{"host":"${recurringBody(e.host)}","port":${num(e.port)},"service":null}`
    : `{"host":"${recurringBody(e.host)}","port":${num(e.port)},"service":"${recurringBody(e.service)}"}`;
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
 * that port pair (direct-mapped, 256 slots) costs less than the ten joins and two number printings of writing them.
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

/** `{"client":…,"server":…}` for every pair of states, so a segment's states cost two lookups instead of six joins. */
const STATE_INDEX: Partial<Record<string, number>> = Object.fromEntries(TCP_STATES.map((s, i) => [s, i]));
const NULL_STATE = TCP_STATES.length;
const STATE_PAIRS: string[] = [];
for (let c = 0; c <= NULL_STATE; c++) {
  for (let s = 0; s <= NULL_STATE; s++) STATE_PAIRS.push(`{"client":${word(TCP_STATES[c] ?? null)},"server":${word(TCP_STATES[s] ?? null)}}`);
}

function states(s: EndStates): string {
  const c = s.client === null ? NULL_STATE : (STATE_INDEX[s.client] ?? NaN);
  const v = s.server === null ? NULL_STATE : (STATE_INDEX[s.server] ?? NaN);
  // A name outside TCP_STATES gives an undefined index, hence NaN, hence no table entry.
  const pair = STATE_PAIRS[c * (NULL_STATE + 1) + v] as string | undefined;
  return pair ?? `{"client":${word(s.client)},"server":${word(s.server)}}`;
}

/**
 * The options tcpdump prints on almost every SYN and data segment, in the key order grammar/options.ts builds them;
 * anything else (and any option carrying `lenMismatch`, which the grammar adds last) is stringified as it is.
 */
function option(o: TcpOption): string {
  if ('lenMismatch' in o && o.lenMismatch !== undefined) return JSON.stringify(o);
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
      return JSON.stringify(o);
  }
}

function options(opts: readonly TcpOption[] | null): string {
  if (opts === null) return 'null';
  const n = opts.length;
  if (n === 0) return '[]';
  let out = `[${option(opts[0])}`;
  for (let i = 1; i < n; i++) out += `,${option(opts[i])}`;
  return `${out}]`;
}

function transitions(t: SegmentAnalysis['transitions']): string {
  let out = '[';
  for (let i = 0; i < t.length; i++) {
    const x = t[i];
    out += `${i === 0 ? '' : ','}{"end":${word(x.end)},"from":${word(x.from)},"to":${word(x.to)}}`;
  }
  return `${out}]`;
}

function findingCodes(f: SegmentAnalysis['findings']): string {
  let out = `["${f[0].code}"`;
  for (let i = 1; i < f.length; i++) out += `,"${f[i].code}"`;
  return `${out}]`;
}

/**
 * From `"num"` to `"ip"`: without -#, -i any and -e/-v (the usual capture) all of it but the time is constant. The
 * time is nearly always the start of the raw line, and a piece of a clean string is clean: `includes` (a memchr-like
 * search) replaces a second escape scan.
 */
function packetPrefix(r: TcpRecord, rawClean: boolean): string {
  const time = r.time;
  if (r.num === null && time !== null && r.iface === null && r.direction === null && r.link === null && r.ip === null) {
    return `,"num":null,"time":"${rawClean && r.raw.includes(time) ? time : body(time)}","iface":null,"direction":null,"link":null,"ip":null`;
  }
  return `,"num":${num(r.num)},"time":${str(time)},"iface":${str(r.iface)},"direction":${str(r.direction)},"link":${obj(r.link)},"ip":${obj(r.ip)}`;
}

/** From `"cksum"` to `"dump"`: one constant for the usual segment without -v, payload text, warnings or dump. */
function segmentTail(r: TcpRecord): string {
  if (r.cksum === null && r.payload === null && !r.truncated && r.warnings.length === 0 && r.details.length === 0 && r.dump.length === 0) {
    return ',"cksum":null,"payload":null,"truncated":false,"warnings":[],"details":[],"dump":[]';
  }
  return `,"cksum":${obj(r.cksum)},"payload":${str(r.payload)},"truncated":${r.truncated ? 'true' : 'false'},"warnings":${stringArray(r.warnings)},"details":${stringArray(r.details)},"dump":${stringArray(r.dump)}`;
}

/**
 * What the tracker concluded, from `"conn"` to `"findingDetails"`. A number equal to one already printed for the
 * record (relSeq is the printed seq without -S, absSeq with it; winBytes is win before scaling) reuses its text.
 */
function analysisFields(a: SegmentAnalysis, r: TcpRecord, seqText: string, ackText: string, winText: string): string {
  const dir = a.dir === 'c2s' ? '","dir":"c2s","absSeq":' : a.dir === 's2c' ? '","dir":"s2c","absSeq":' : `","dir":${word(a.dir)},"absSeq":`;
  const f = a.findings;
  return (
    `,"conn":"${recurringBody(a.conn)}${dir}${a.absSeq === r.seq ? seqText : num(a.absSeq)},"absAck":${a.absAck === r.ack ? ackText : num(a.absAck)}` +
    `,"relSeq":${a.relSeq === r.seq ? seqText : num(a.relSeq)},"relAck":${a.relAck === r.ack ? ackText : num(a.relAck)}` +
    `,"winBytes":${a.winBytes === r.win ? winText : num(a.winBytes)},"states":${states(a.states)}` +
    (a.transitions.length === 0 ? ',"transitions":[]' : `,"transitions":${transitions(a.transitions)}`) +
    (f.length === 0 ? ',"findings":[],"findingDetails":[]' : `,"findings":${findingCodes(f)},"findingDetails":${JSON.stringify(f)}`)
  );
}

/** `{"v":1,"kind":"tcp","line":N,"endLine":N,"col":1,"raw":"`, folded for the usual one-line record at column 1. */
function recordHead(r: TcpRecord): string {
  const line = num(r.line);
  if (r.v === 1 && r.endLine === r.line && r.col === 1) return `{"v":1,"kind":"tcp","line":${line},"endLine":${line},"col":1,"raw":"`;
  return `{"v":${num(r.v)},"kind":"tcp","line":${line},"endLine":${num(r.endLine)},"col":${num(r.col)},"raw":"`;
}

/** A TCP record in recordJson's key order; the analysis keys are left out when the tracker gave none. */
function tcpRecordLine(r: TcpRecord, a: SegmentAnalysis | null, notes: readonly Note[], quotes?: number, copy?: SegmentCopy): string {
  const rawClean = CLEAN.test(r.raw);
  const seqText = num(r.seq);
  const ackText = num(r.ack);
  const winText = num(r.win);
  return (
    recordHead(r) +
    (rawClean ? r.raw : body(r.raw)) +
    (r.comments === undefined ? '"' : `","comments":${stringArray(r.comments)}`) +
    packetPrefix(r, rawClean) +
    (r.style === 'new' ? ',"style":"new"' : `,"style":"${r.style}"`) +
    `${endpointPair(r.src, r.dst)},"flags":"${recurringBody(r.flags)}","seq":${seqText}` +
    (r.end === null ? ',"end":null,"ack":' : `,"end":${num(r.end)},"ack":`) +
    `${ackText},"win":${winText}` +
    (r.urg === null ? ',"urg":null,"len":' : `,"urg":${num(r.urg)},"len":`) +
    `${num(r.len)},"options":${options(r.options)}` +
    segmentTail(r) +
    (a === null ? '' : analysisFields(a, r, seqText, ackText, winText)) +
    (quotes === undefined ? '' : `,"quotes":${num(quotes)}`) +
    (copy === undefined ? '' : `,"copyOf":${JSON.stringify(copy)}`) +
    `,"notes":${notesArray(notes)}}\n`
  );
}

/**
 * Non-TCP records are `{ ...rec, notes }`: the record's own keys in its own order, then notes. Stringifying the
 * record and splicing the notes in before its closing brace gives the same text without the spread copy.
 */
function otherRecordLine(v: RecordView): string {
  const own = JSON.stringify(v.rec);
  return `${own.slice(0, -1)}${own.length > 2 ? ',' : ''}"notes":${notesArray(v.notes)}}\n`;
}

/** One record as a JSON line (with its newline). */
export function recordLine(v: RecordView): string {
  return v.rec.kind === 'tcp' ? tcpRecordLine(v.rec, v.analysis, v.notes, v.quotes, v.copy) : otherRecordLine(v);
}

const counts = (c: { c2s: number; s2c: number }): string => `{"c2s":${num(c.c2s)},"s2c":${num(c.s2c)}}`;

/** One ended connection as a JSON line, in connectionJson's key order. */
export function connectionLine(v: ConnectionView): string {
  const c: ConnectionVerdict = v.verdict;
  const t = v.text;
  const rtt = c.handshakeRtt === null ? 'null' : `{"at":${word(c.handshakeRtt.at)},"seconds":${num(c.handshakeRtt.seconds)}}`;
  return (
    `{"v":1,"kind":"connection","conn":"${body(c.conn)}","client":${endpoint(c.client)},"server":${endpoint(c.server)}` +
    `,"roleGuessed":${c.roleGuessed ? 'true' : 'false'},"verdict":${word(c.verdict)},"phase":${word(c.phase)},"resetBy":${word(c.resetBy)}` +
    `,"resetClass":${word(c.resetClass)},"resetConfidence":${word(c.resetConfidence)},"resetEvidence":${c.resetEvidence.length === 0 ? '[]' : JSON.stringify(c.resetEvidence)}` +
    `,"closeKind":${word(c.closeKind)},"connState":${word(c.connState)},"history":"${body(c.history)}","states":${states(c.states)}` +
    `,"firstLine":${num(c.firstLine)},"lastLine":${num(c.lastLine)},"start":${num(c.start)},"end":${num(c.end)},"duration":${num(c.duration)}` +
    `,"bytes":${counts(c.bytes)},"packets":${counts(c.packets)},"synRetransmissions":${num(c.synRetransmissions)},"handshakeRtt":${rtt}` +
    `,"firstFin":${word(c.firstFin)},"severity":${word(c.severity)},"problems":${c.problems.length === 0 ? '[]' : JSON.stringify(c.problems)}` +
    `,"findingCounts":${JSON.stringify(c.findingCounts)},"findingsBySeverity":${JSON.stringify(c.findingsBySeverity)}` +
    // Once per connection, small and all numbers/words: JSON.stringify is fine here.
    `,"capturePoint":${word(c.capturePoint)},"capturePointEvidence":${JSON.stringify(c.capturePointEvidence)}` +
    `,"retransmissions":${JSON.stringify(c.retransmissions)},"zeroWindow":${JSON.stringify(c.zeroWindow)}` +
    `,"keepAlive":${JSON.stringify(c.keepAlive)},"limits":${JSON.stringify(c.limits)}` +
    (c.evictedAt === undefined ? '' : `,"evictedAt":${num(c.evictedAt)}`) +
    (c.routed === undefined ? '' : `,"routed":${JSON.stringify(c.routed)}`) +
    `,"headline":"${recurringBody(t.headline)}","summary":"${recurringBody(t.summary)}","nextStep":"${recurringBody(t.nextStep)}","appSaw":${recurringArray(t.appSaw)}}\n`
  );
}
