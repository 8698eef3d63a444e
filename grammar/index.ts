// Public entry of the grammar: RawRecord(s) → LineRecord(s), lexed and parsed in ~64 KB batches; never throws.

import type { ILexingError, IToken } from 'chevrotain';
import {
  MAX_PARSED_LINE_CHARS,
  type Endpoint,
  type LineRecord,
  type MetaKind,
  type MetaRecord,
  type OtherRecord,
  type RawRecord,
  type TcpRecord,
  type TextRecord,
} from '../src/model';
import type { Draft } from './draft';
import { endpoint, endpointPair, numAt, own } from './fields';
import { lexer } from './lexer';
import { TcpdumpParser } from './parser';
import { TcpRecordData } from './tcp-record';

export { formatSegment } from './format-segment';
export { servicePort } from './services';

const BATCH_CHARS = 64 * 1024;

let parserInstance: TcpdumpParser | null = null;
/** The one parser instance (chevrotain parsers are expensive to build and meant to be reused). */
function parser(): TcpdumpParser {
  return (parserInstance ??= new TcpdumpParser({ skipValidations: true }));
}

/** Parses one record. Same result as `parseRecords([raw])[0]`. */
export function parseRecord(raw: RawRecord): LineRecord {
  return parseRecords([raw])[0];
}

/** Parses records in input order, many per lexer/parser call. One LineRecord per RawRecord; never throws. */
export function parseRecords(raws: readonly RawRecord[]): LineRecord[] {
  const out: LineRecord[] = new Array(raws.length);
  let i = 0;
  while (i < raws.length) {
    const batch: number[] = [];
    let size = 0;
    while (i < raws.length && (size < BATCH_CHARS || batch.length === 0)) {
      const text = raws[i].text;
      if (text.length > MAX_PARSED_LINE_CHARS) out[i] = tooLongRecord(raws[i]);
      else if (isBlank(text)) out[i] = textRecord(raws[i]);
      else if (raws[i].foreign === 'tshark') out[i] = foreignRecord(raws[i]);
      else if (raws[i].wrapCut !== undefined) out[i] = wrapCutRecord(raws[i]);
      else {
        batch.push(i);
        size += text.length + 1;
      }
      i++;
    }
    if (batch.length > 0) parseBatch(raws, batch, out);
  }
  return out;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

interface BatchContext {
  raws: readonly RawRecord[];
  index: number[];
  text: string;
  starts: number[];
  out: LineRecord[];
  /** Position in `index` of the record being parsed. */
  k: number;
  quoted: number[];
}

function parseBatch(raws: readonly RawRecord[], index: number[], out: LineRecord[]): void {
  // One more (empty) part so that the join itself ends the text with a newline: `join() + '\n'` made a cons string
  // the lexer's first regex run flattened, a second copy of the ~64 KB batch text.
  const parts: string[] = new Array(index.length + 1);
  const starts: number[] = new Array(index.length + 1);
  let offset = 0;
  for (let j = 0; j < index.length; j++) {
    let t = raws[index[j]].text;
    // A record's header is one logical line; a stray newline inside would shift every later record.
    if (t.includes('\n')) t = t.replace(/\n/g, ' ');
    starts[j] = offset;
    parts[j] = t;
    offset += t.length + 1;
  }
  starts[index.length] = offset;
  parts[index.length] = '';
  const text = parts.join('\n');
  const lexed = lexer.tokenize(text);
  const tokens = lexed.tokens;
  const lexErrors = lexErrorsByRecord(lexed.errors, starts);
  const ctx: BatchContext = { raws, index, text, starts, out, k: 0, quoted: [] };
  const p = parser();
  p.sink = (d) => {
    const j = ctx.k++;
    const raw = raws[index[j]];
    const reason = lexErrors?.get(j);
    const rec = reason ? unparsed(raw, reason) : fromDraft(d, raw, ctx, j);
    out[index[j]] = rec;
    if (rec.kind === 'other' && rec.details.length > 0) ctx.quoted.push(index[j]);
  };
  let from = 0;
  try {
    while (ctx.k < index.length) {
      p.input = from === 0 ? tokens : tokens.slice(from);
      p.batch();
      if (p.errors.length === 0) break;
      // The record being parsed did not fit the grammar: mark it, then resume after its Newline.
      const j = ctx.k++;
      const raw = raws[index[j]];
      const err = p.errors[0];
      out[index[j]] = failed(p.draft, raw, err.token, err.message, starts[j]);
      from = firstTokenAfter(tokens, starts[j + 1] - 1);
    }
  } catch (e) {
    // Not an input problem but a grammar bug; the grammar still never throws on input, it marks.
    for (let j = ctx.k; j < index.length; j++) out[index[j]] = unparsed(raws[index[j]], `internal grammar error: ${String(e).slice(0, 120)}`);
  }
  for (let j = ctx.k; j < index.length; j++) {
    out[index[j]] ??= unparsed(raws[index[j]], 'the grammar stopped before this record');
  }
  for (const n of ctx.quoted) out[n] = withInnerPacket(out[n] as OtherRecord);
}

/** Index of the first token starting after `newlineOffset` (tokens are sorted by offset). */
function firstTokenAfter(tokens: IToken[], newlineOffset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid].startOffset <= newlineOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lexErrorsByRecord(errors: ILexingError[], starts: number[]): Map<number, string> | null {
  if (errors.length === 0) return null;
  const m = new Map<number, string>();
  for (const e of errors) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi - 1) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] <= e.offset) lo = mid;
      else hi = mid;
    }
    if (!m.has(lo)) m.set(lo, `unexpected character at column ${e.offset - starts[lo] + 1}`);
  }
  return m;
}

// ---- record construction --------------------------------------------------------------------------------

function base<K extends LineRecord['kind']>(kind: K, raw: RawRecord) {
  const b = { v: 2 as const, kind, line: raw.line, endLine: raw.endLine, col: raw.col, raw: raw.raw } as {
    v: 2;
    kind: K;
    line: number;
    endLine: number;
    col: number;
    raw: string;
    comments?: string[];
  };
  if (raw.comments.length > 0) b.comments = raw.comments;
  return b;
}

function textRecord(raw: RawRecord): LineRecord {
  const rec: TextRecord = base('text', raw);
  if (raw.lateDumpOf !== undefined) rec.dumpOf = raw.lateDumpOf;
  return rec;
}

/** A line longer than tcpdump ever prints: kept as written, never lexed (lexing megabytes is a denial of service). */
function tooLongRecord(raw: RawRecord): LineRecord {
  const n = raw.text.length;
  return {
    ...base('unparsed', raw),
    reason: `line too long (${n} characters, over the ${MAX_PARSED_LINE_CHARS} tcplain parses): not parsed`,
    tooLong: n,
  };
}

/** A terminal-wrapped header whose break can be rejoined two ways: no field is read rather than a wrong one. */
function wrapCutRecord(raw: RawRecord): LineRecord {
  const cut = raw.wrapCut ?? { line: raw.endLine, width: 0 };
  return {
    ...base('unparsed', raw),
    reason: `a terminal wrapped this line before line ${cut.line} between two digits, so one number may have been cut in two: not parsed`,
    wrapCut: { line: cut.line, width: cut.width },
  };
}

function unparsed(raw: RawRecord, reason: string): LineRecord {
  return { ...base('unparsed', raw), reason };
}

/** A packet-looking record: it has a `-#` number, a timestamp, an IP/IP6 word, a -v header or a link header. */
function looksLikePacket(d: Draft): boolean {
  return d.num !== null || d.time !== null || d.netWord !== null || d.ip !== null || d.link !== null;
}

function fromDraft(d: Draft, raw: RawRecord, ctx: BatchContext, j: number): LineRecord {
  if (d.meta) return metaRecord(d.meta, raw);
  const body = d.body;
  if (body === 'new' || body === 'old' || body === 'quiet' || body === 'trunc') {
    const missing = missingField(d);
    if (missing) return unparsed(raw, missing);
    return tcpRecord(d, raw);
  }
  const recEnd = ctx.starts[j + 1] - 1;
  if (d.pair && (body === 'bad-header' || looksLikePacket(d))) return otherRecord(d, raw, ctx.text, recEnd);
  // Without an address pair, only a numbered or timestamped line is a packet (STP, LLC, ARP with a time).
  if (!d.pair && (d.num !== null || d.time !== null) && d.firstWord) return otherRecord(d, raw, ctx.text, recEnd);
  if (!d.pair && d.firstWord && d.firstWord.startOffset === d.firstTokenOffset && /^(?:ARP|RARP),?$/.test(d.firstWord.image)) {
    return otherRecord(d, raw, ctx.text, recEnd);
  }
  return textRecord(raw);
}

/** A TCP body that ended early without one of tcpdump's own stop markers is not a whole tcpdump line. */
function missingField(d: Draft): string | null {
  if (d.body === 'quiet' || d.body === 'trunc' || d.truncated || d.stopped) return null;
  if (d.win === null) return "TCP segment without a 'win' field (line cut or not tcpdump output)";
  if (d.body === 'new' && d.len === null) return "TCP segment without a 'length' field (line cut or not tcpdump output)";
  return null;
}

interface EndpointPair {
  src: Endpoint;
  dst: Endpoint;
}

/**
 * `SRC > DST:` text → its two endpoints, shared by every record of that direction of a connection (records are
 * never mutated downstream). One map lookup instead of two scans, two objects and two host copies per line; the
 * keys are copies, so no batch text is pinned. Cleared when full: bounded memory whatever the input.
 */
const pairCache = new Map<string, EndpointPair>();
const PAIR_CACHE_MAX = 8192;

function tcpRecord(d: Draft, raw: RawRecord): TcpRecord {
  const img = d.pair!;
  const key = d.pairFrom === 0 ? img : img.slice(d.pairFrom);
  let pair = pairCache.get(key);
  if (pair === undefined) {
    const gt = img.indexOf(' > ', d.pairFrom);
    pair = { src: endpoint(img, d.pairFrom, gt, true), dst: endpoint(img, gt + 3, img.length - 1, true) };
    if (pairCache.size >= PAIR_CACHE_MAX) pairCache.clear();
    pairCache.set(own(key), pair);
  }
  return new TcpRecordData(d, raw, pair.src, pair.dst);
}

const QUOTED_RE = /\b(tcp|udp|sctp|dccp) port (\S+) unreachable/;

function otherRecord(d: Draft, raw: RawRecord, text: string, recEnd: number): OtherRecord {
  let src = null;
  let dst = null;
  let summaryFrom: number;
  let proto: string;
  if (d.pair) {
    [src, dst] = endpointPair(d.pair, d.pairFrom, false);
    summaryFrom = d.pairEnd;
    proto = '';
  } else {
    const w = d.firstWord!;
    summaryFrom = w.startOffset + w.image.length;
    proto = stripPunct(w.image);
  }
  let summary = text.slice(summaryFrom, recEnd).trim();
  if (summary.startsWith(',')) summary = summary.slice(1).trim();
  if (d.pair) proto = d.body === 'bad-header' ? 'TCP' : protoOf(d, summary, src!.port, dst!.port);
  let quoted: OtherRecord['quoted'] = null;
  if (proto.startsWith('ICMP')) {
    const m = QUOTED_RE.exec(summary);
    if (m) {
      const port = m[2];
      const icmpWord = summary.indexOf('ICMP ');
      const hostStart = icmpWord < 0 ? -1 : icmpWord + 5;
      const hostEnd = hostStart < 0 ? -1 : summary.indexOf(' ', hostStart);
      const qdst = hostEnd > hostStart ? endpoint(summary, hostStart, hostEnd, false) : null;
      const portNum = /^\d+$/.test(port) ? Number(port) : null;
      if (qdst) {
        qdst.port = portNum;
        qdst.service = portNum === null ? own(port) : null;
      }
      quoted = { proto: m[1], src: null, dst: qdst, port: portNum };
    }
  }
  return {
    ...base('other', raw),
    num: d.num,
    time: d.time,
    iface: d.iface,
    direction: d.direction,
    link: d.link,
    ip: d.ip,
    proto,
    src,
    dst,
    summary: own(summary),
    quoted,
    details: raw.details,
    dump: raw.dump,
  };
}

function stripPunct(w: string): string {
  let end = w.length;
  while (end > 0 && (w[end - 1] === ',' || w[end - 1] === ':')) end--;
  return own(w.slice(0, end));
}

const PROTO_WORD = /^(?:\[[^\]]*\]\s*)*([A-Za-z][A-Za-z0-9-]*)[,:]?(?:\s|$)/;

/**
 * The payload printer's first word (`ICMP`, `UDP`, `ICMP6`, `NTPv4`), after checksum notes such as
 * `[icmp6 sum ok]` / `[udp sum ok]`; DNS (which starts with its query id) by port; else the network word.
 */
function protoOf(d: Draft, summary: string, sport: number | null, dport: number | null): string {
  const m = PROTO_WORD.exec(summary);
  if (m && m[1] !== 'tcp' && !m[1].startsWith('ip-proto-')) return own(m[1]);
  if (m) return 'IP-fragment';
  if (sport === 53 || dport === 53) return 'DNS';
  return d.netWord ?? 'unknown';
}

/**
 * A record whose tokens broke the grammar: TCP-looking and packet-looking ones are `unparsed`, with a reason in
 * plain words (what was found where, the column counted in the record's text, and what tcpdump would have printed
 * there, from the expected token types Chevrotain lists); anything else is prose (`text`).
 */
function failed(d: Draft, raw: RawRecord, token: IToken, message: string, recordStart: number): LineRecord {
  const tcpish = d.body === 'new' || d.body === 'old' || d.body === 'quiet' || d.body === 'trunc';
  if (!tcpish && !looksLikePacket(d)) return textRecord(raw);
  const eof = token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset);
  const column = eof ? null : token.startOffset - recordStart + 1;
  const found =
    column === null ? 'the line ends' : token.image === '\n' ? `the line ends at column ${column}` : `unexpected '${printable(token.image)}' at column ${column}`;
  const expected = expectedText(message);
  return unparsed(raw, `${tcpish ? 'TCP segment' : 'packet line'}: ${found}${expected ? `, expected ${expected}` : ''}`);
}

/** What a token type stands for in tcpdump's text, for failure reasons. */
const TOKEN_WORDS: Record<string, string> = {
  Newline: 'the end of the line',
  LineNewline: 'the end of the line',
  PopNewline: 'the end of the line',
  AddrPair: "'SRC > DST:'",
  PacketHead: "'SRC > DST:'",
  LineAddrPair: "'SRC > DST:'",
  SegmentLine: "'Flags [..]'",
  TcpFlags: "'Flags [..]'",
  OldFlags: 'a flag word (S, F, R, P or .)',
  SegFields: "'seq', 'ack' or 'win'",
  Cksum: "'cksum 0x..'",
  Seq: "'seq N'",
  Ack: "'ack N'",
  Win: "'win N'",
  Urg: "'urg N'",
  OldRange: "'first:last(len)'",
  OptionsOpen: "'options ['",
  SimpleOptions: "'options [..]'",
  SimpleOptionsLength: "'options [..], length N'",
  OldOptionsOpen: "'<'",
  OptClose: "']'",
  OptCloseLength: "'], length N'",
  OldOptClose: "'>'",
  OptItem: 'an option',
  Length: "'length N'",
  Quiet: "'tcp N'",
  Truncation: "'[|tcp]'",
};

/** The expected token types named in a Chevrotain error message, in words, without repeats. */
function expectedText(message: string): string {
  const names = new Set<string>();
  const single = /--> (\w+) <--/.exec(message);
  if (single) names.add(single[1]);
  for (const m of message.matchAll(/\[(\w+)/g)) names.add(m[1]);
  const words: string[] = [];
  for (const n of names) {
    const w = TOKEN_WORDS[n] ?? (n.startsWith('Opt') ? 'an option' : null);
    if (w !== null && !words.includes(w)) words.push(w);
  }
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** A token image for a message: control characters as spaces, at most 40 characters. */
function printable(image: string): string {
  // eslint-disable-next-line no-control-regex
  const s = image.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

// ---- meta lines -----------------------------------------------------------------------------------------

function metaKind(t: IToken): MetaKind {
  switch (t.tokenType.name) {
    case 'CommandLine':
      return 'command';
    case 'Listening':
      return 'listening';
    case 'Reading':
      return 'reading';
    case 'Suppressed':
      return 'suppressed';
    case 'Stats':
      return 'stats';
    case 'WarningLine':
      return 'warning';
    case 'Interrupt':
      return 'interrupt';
    default:
      return 'error';
  }
}

/** A meta record of `kind` with none of its details filled in yet. */
function emptyMeta(raw: RawRecord, meta: MetaRecord['meta']): MetaRecord {
  return {
    ...base('meta', raw),
    meta,
    iface: null,
    linkType: null,
    snaplen: null,
    savefile: null,
    stat: null,
    count: null,
    argv: null,
    options: null,
    filter: null,
  };
}

/** A line src/input recognised as another tool's output (tshark's summary): kept as a `meta` record, never lexed. */
function foreignRecord(raw: RawRecord): MetaRecord {
  return emptyMeta(raw, 'tshark');
}

/** tcpdump.c option letters that take an argument (`-i eth0`, `-w file`, `-c 10`, ...). */
const ARG_OPTIONS = new Set('BcCDEfFGiIjmMQrsTVwWyzZ'.split(''));

function metaRecord(t: IToken, raw: RawRecord): MetaRecord {
  const image = own(t.image.trim());
  const meta = metaKind(t);
  const rec = emptyMeta(raw, meta);
  if (meta === 'listening') {
    const m = /listening on (\S+?),? link-type (.+?)(?:, (?:snapshot length|capture size) (\d+) bytes)?$/.exec(image);
    if (m) {
      rec.iface = m[1];
      rec.linkType = m[2];
      rec.snaplen = m[3] ? Number(m[3]) : null;
    }
  } else if (meta === 'reading') {
    const m = /reading from file (.+?), link-type (.+?)(?:, snapshot length (\d+))?$/.exec(image);
    if (m) {
      rec.savefile = m[1];
      rec.linkType = m[2];
      rec.snaplen = m[3] ? Number(m[3]) : null;
    }
  } else if (meta === 'stats') {
    const m = /(\d+) packets? (captured|received by filter|dropped by kernel|dropped by interface)/.exec(image);
    if (m) {
      rec.count = Number(m[1]);
      rec.stat = { captured: 'captured', 'received by filter': 'received', 'dropped by kernel': 'dropped-kernel', 'dropped by interface': 'dropped-interface' }[m[2]] ?? null;
    }
  } else if (meta === 'command') {
    commandLine(image, rec);
  }
  return rec;
}

/** Splits `tcpdump -nn -i eth0 -w x.pcap host a and port 80` into options and the filter expression. */
function commandLine(image: string, rec: MetaRecord): void {
  const at = image.search(/\btcpdump(?=\s|$)/);
  const words = image.slice(at + 7).trim().split(/\s+/).filter((w) => w.length > 0);
  const options: Record<string, string | true> = {};
  const filter: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      if (eq > 0) options[w.slice(2, eq)] = w.slice(eq + 1);
      else options[w.slice(2)] = true;
    } else if (w.startsWith('-') && w.length > 1) {
      // GNU getopt permutes: `host a -w x.pcap` still sets -w (tcpdump on Linux).
      const letters = w.slice(1);
      for (let k = 0; k < letters.length; k++) {
        const c = letters[k];
        if (ARG_OPTIONS.has(c)) {
          const rest = letters.slice(k + 1);
          options[c] = rest.length > 0 ? rest : (words[++i] ?? true);
          break;
        }
        // Repeated letters count (`-vv`, `-tttt`, `-nn`): record every level seen, so `-vv` gives v and vv.
        let run = 1;
        while (letters[k + run] === c) run++;
        for (let r = 1; r <= run; r++) options[c.repeat(r)] = true;
        k += run - 1;
      }
    } else filter.push(w);
  }
  rec.argv = words;
  rec.options = options;
  rec.filter = filter.length > 0 ? filter.join(' ') : null;
}

// ---- packets printed in detail lines ------------------------------------------------------------------

const INNER_IP = /(?:^|\s)(IP6? (?:\(|\S+ > ))/;

/**
 * A TCP header printed in the detail lines under another packet: a TAB `IP (...)` line and the 4-space address
 * line under it. Under an ICMP error it is the quoted offending packet (print-icmp.c) and goes to `quotedTcp`;
 * under MPLS, GRE/WCCP or Geneve -v it is the carried segment itself, so the record becomes that tcp record
 * (outer number, time and link header; inner IP header).
 */
function withInnerPacket(rec: OtherRecord): LineRecord {
  const details = rec.details;
  for (let i = 0; i < details.length; i++) {
    const m = INNER_IP.exec(details[i]);
    if (!m) continue;
    let text = details[i].slice(m.index + m[0].length - m[1].length).trim();
    if (!text.includes(' > ') && i + 1 < details.length) text += ' ' + details[i + 1].trim();
    const sub: RawRecord = { line: rec.line, endLine: rec.endLine, col: 1, raw: text, text, details: [], dump: [], comments: [] };
    const q = parseRecords([sub])[0];
    if (q.kind !== 'tcp') return rec;
    if (rec.proto.startsWith('ICMP')) {
      rec.quotedTcp = q;
      if (rec.quoted) {
        rec.quoted.src = q.src;
        rec.quoted.dst = q.dst;
      } else rec.quoted = { proto: 'tcp', src: q.src, dst: q.dst, port: q.dst.port };
      return rec;
    }
    const outer = { v: rec.v, kind: 'tcp' as const, line: rec.line, endLine: rec.endLine, col: rec.col, raw: rec.raw };
    return {
      ...outer,
      ...(rec.comments ? { comments: rec.comments } : {}),
      num: rec.num,
      time: rec.time,
      iface: rec.iface,
      direction: rec.direction,
      link: rec.link,
      ip: q.ip,
      style: q.style,
      src: q.src,
      dst: q.dst,
      flags: q.flags,
      seq: q.seq,
      end: q.end,
      ack: q.ack,
      win: q.win,
      urg: q.urg,
      len: q.len,
      options: q.options,
      cksum: q.cksum,
      payload: q.payload,
      truncated: q.truncated,
      warnings: q.warnings,
      details: rec.details,
      dump: rec.dump,
    };
  }
  return rec;
}

export { createWireDecoder, createWireEncoder, type WireBatch, type WireDecoder, type WireDecoderOptions, type WireEncoder } from './wire';
