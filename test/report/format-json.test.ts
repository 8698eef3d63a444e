// formatJson (src/report/json-writer.ts) against its definition, JSON.stringify(recordJson/connectionJson) + '\n': every
// record of every sample, corpus file and seed in both languages, with and without notes and `file`, then hostile
// strings, numbers and shapes field by field (schema v2: null, [] and {} left out).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/explain';
import type { LineRecord, OtherRecord, TcpRecord } from '../../src/model/line-result';
import type { SegmentAnalysis } from '../../src/model/segment';
import type { TcpOption } from '../../src/model/tcp-options';
import type { ConnectionVerdict } from '../../src/model/verdict';
import { annotateText, connectionJson, formatJson, recordJson, twinsJson } from '../../src/report';
import type { ConnectionView, JsonOptions, RecordView, ReportItem } from '../../src/report';
import { corpusOutFiles, corpusText, seedFiles, seedText, sampleFiles } from '../helpers/fixtures';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const samplesDir = path.join(repoRoot, 'samples');

/** The definition the fast writer must reproduce byte for byte. */
const reference = (item: ReportItem, opts: JsonOptions): string =>
  `${JSON.stringify(item.kind === 'record' ? recordJson(item, opts) : item.kind === 'twins' ? twinsJson(item, opts) : connectionJson(item, opts))}\n`;

/** Tests below write the notes (most hostile strings are in them) unless they say otherwise. */
const NOTES: JsonOptions = { notes: true };

/** formatJson's line, after checking it against the reference. */
function line(item: ReportItem, opts: JsonOptions = NOTES): string {
  const out = formatJson(item, opts);
  expect(out).toBe(reference(item, opts));
  return out;
}

interface Tally {
  tcp: number;
  other: number;
  connection: number;
  mismatches: string[];
}

/** Options for the n-th input: without notes, with notes, with notes and `file` (a hostile name now and then). */
const VARIANTS: JsonOptions[] = [{}, { notes: true }, { notes: true, file: 'capture.txt' }, { file: 'a "b"\\c.txt' }];

function compareAll(text: string, lang: Lang, name: string, tally: Tally): void {
  const opts = VARIANTS[tally.tcp % VARIANTS.length];
  for (const item of annotateText(text, { lang })) {
    if (item.kind === 'connection' || item.kind === 'twins') tally.connection++;
    else if (item.rec.kind === 'tcp') tally.tcp++;
    else tally.other++;
    for (const o of [{}, opts]) {
      const got = formatJson(item, o);
      const want = reference(item, o);
      if (got !== want && tally.mismatches.length < 5) tally.mismatches.push(`${name} (${lang}, ${JSON.stringify(o)}):\n${got}${want}`);
    }
  }
}


describe('formatJson equals JSON.stringify(recordJson / connectionJson) on real text', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`every sample under samples/ (${lang})`, () => {
      const tally: Tally = { tcp: 0, other: 0, connection: 0, mismatches: [] };
      const files = sampleFiles();
      for (const f of files) compareAll(readFileSync(f, 'utf8'), lang, path.relative(samplesDir, f), tally);
      expect(tally.mismatches).toEqual([]);
      expect(files.length).toBeGreaterThanOrEqual(100);
      expect(tally.tcp).toBeGreaterThan(4000);
      expect(tally.other).toBeGreaterThanOrEqual(5);
      expect(tally.connection).toBeGreaterThan(140);
    });

    it(`every tcpdump test-suite corpus file and every seed (${lang})`, () => {
      const tally: Tally = { tcp: 0, other: 0, connection: 0, mismatches: [] };
      const outs = corpusOutFiles();
      // latin1: the corpus holds raw bytes (-A dumps, odd payloads), which gives control and high characters to escape.
      for (const f of outs) compareAll(corpusText(f, 'latin1'), lang, f, tally);
      const seeds = seedFiles();
      for (const f of seeds) compareAll(seedText(f), lang, f, tally);
      expect(tally.mismatches).toEqual([]);
      expect(outs.length).toBeGreaterThan(100);
      expect(seeds.length).toBeGreaterThanOrEqual(5);
      expect(tally.tcp).toBeGreaterThan(2000);
      expect(tally.other).toBeGreaterThan(900);
      expect(tally.connection).toBeGreaterThan(300);
    });
  }
});

/*
 * Hostile text: every character class JSON.stringify treats specially. DEL (\u007f) and U+2028 are copied as they are;
 * a surrogate pair is kept; a lone surrogate is written as a lower-case \u escape.
 */
const H = 'q"b\\s\t\n\r\b\f\u0000\u0001\u001f\u007f lone-hi\ud800 lone-lo\udc00 pair\ud83d\ude00 中文 é \u2028';
const H_JSON = '"q\\"b\\\\s\\t\\n\\r\\b\\f\\u0000\\u0001\\u001f\u007f lone-hi\\ud800 lone-lo\\udc00 pair\ud83d\ude00 中文 é \u2028"';

const handshake = annotateText(readFileSync(path.join(samplesDir, 'handshake-close/n.txt'), 'utf8'), { lang: 'en' });
const firstTcp = handshake.find((i): i is RecordView => i.kind === 'record' && i.rec.kind === 'tcp' && i.analysis !== null);
const firstConnection = handshake.find((i): i is ConnectionView => i.kind === 'connection');
if (!firstTcp || !firstConnection) throw new Error('handshake-close/n.txt: expected a TCP record and a connection');

/** A copy of the first SYN of handshake-close/n.txt with some record and analysis fields replaced. */
function tcpView(rec: Partial<TcpRecord> = {}, analysis: Partial<SegmentAnalysis> | null = {}, notes?: string[]): RecordView {
  const base = firstTcp as RecordView;
  return {
    kind: 'record',
    rec: { ...(base.rec as TcpRecord), ...rec },
    analysis: analysis === null ? null : { ...(base.analysis as SegmentAnalysis), ...analysis },
    notes: notes ? notes.map((text) => ({ kind: 'state' as const, text })) : base.notes,
  };
}

function connectionView(v: Partial<ConnectionVerdict> = {}, text: Partial<ConnectionView['text']> = {}): ConnectionView {
  const base = firstConnection as ConnectionView;
  return { kind: 'connection', verdict: { ...base.verdict, ...v }, text: { ...base.text, ...text } };
}

describe('hostile strings are escaped exactly as JSON.stringify does', () => {
  it('the test string itself', () => {
    expect(JSON.stringify(H)).toBe(H_JSON);
  });

  it('in every string field of a TCP record', () => {
    expect(line(tcpView({ raw: H }))).toContain(`"raw":${H_JSON},"time":"11:19:38.763609","style":`);
    expect(line(tcpView({ time: H }))).toContain(`"time":${H_JSON},"style":`);
    expect(line(tcpView({ num: 3, time: H }))).toContain(`"num":3,"time":${H_JSON},"style":`);
    expect(line(tcpView({ iface: H }))).toContain(`"time":"11:19:38.763609","iface":${H_JSON},"style":`);
    expect(line(tcpView({ src: { host: H, port: 80, service: H } }))).toContain(`"src":{"host":${H_JSON},"port":80,"service":${H_JSON}},"dst":`);
    expect(line(tcpView({ dst: { host: 'b"h', port: null, service: 'x\\y' } }))).toContain('"dst":{"host":"b\\"h","service":"x\\\\y"},"flags":');
    expect(line(tcpView({ flags: H }))).toContain(`"flags":${H_JSON},"seq":`);
    expect(line(tcpView({ payload: H }))).toContain(`"payload":${H_JSON},"conn":"c1"`);
    expect(line(tcpView({ warnings: [H, 'ok'], details: ['\tHost: x', H], dump: [H] }))).toContain(
      `"warnings":[${H_JSON},"ok"],"details":["\\tHost: x",${H_JSON}],"dump":[${H_JSON}],"conn":"c1"`,
    );
    expect(line(tcpView({}, { conn: H }))).toContain(`"conn":${H_JSON},"dir":"c2s",`);
    expect(line(tcpView({}, {}, [H, 'plain', H]))).toMatch(new RegExp(`"notes":\\[${escapeRe(H_JSON)},"plain",${escapeRe(H_JSON)}\\]\\}\\n$`));
    expect(line(tcpView(), { file: H })).toMatch(new RegExp(`^\\{"v":2,"kind":"tcp","file":${escapeRe(H_JSON)},"line":1,"endLine":1,"col":1,"raw":`));
  });

  it('comments: written after raw when present, left out when absent or empty', () => {
    expect(line(tcpView({ comments: ['//第一个包', H] }))).toContain(`"col":1,"raw":"${(firstTcp as RecordView).rec.raw}","comments":["//第一个包",${H_JSON}],"time":`);
    expect(line(tcpView({ comments: [] }))).not.toContain('"comments"');
    const absent = line(tcpView());
    expect(absent).not.toContain('"comments"');
    expect(absent).toContain('"raw":"11:19:38.763609 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [S], ');
  });

  it('a note seen clean before does not vouch for a different note of the same length and characters at the probe positions', () => {
    // Same length, same middle and last character: the same slot in the writer's cache of proven-clean strings.
    expect(line(tcpView({}, {}, ['xbc', 'xbc', '"bc', 'xbc']))).toMatch(/"notes":\["xbc","xbc","\\"bc","xbc"\]\}\n$/);
    expect(line(tcpView({}, {}, ['a\\cd', 'abcd', 'a\\cd']))).toMatch(/"notes":\["a\\\\cd","abcd","a\\\\cd"\]\}\n$/);
    expect(line(tcpView({}, {}, ['']))).toMatch(/"notes":\[""\]\}\n$/);
    expect(line(tcpView({}, {}, []))).not.toContain('"notes"');
  });

  it('notes only when asked: none of the prose without them', () => {
    const bare = line(tcpView({}, {}, [H, 'plain']), {});
    expect(bare).not.toContain('"notes"');
    expect(bare).toMatch(/"transitions":\[\{"end":"client","from":"CLOSED","to":"SYN_SENT"\}\]\}\n$/);
    const conn = line(connectionView({}, { headline: H }), {});
    for (const k of ['headline', 'summary', 'nextStep', 'appSaw']) expect(conn).not.toContain(`"${k}"`);
  });

  it('in a connection record: endpoints and every text', () => {
    const out = line(
      connectionView(
        { conn: 'c"9', client: { host: H, port: 1, service: null }, server: { host: 's', port: null, service: H }, history: 'S\\h' },
        { headline: H, summary: 'a "quoted" word', nextStep: 'tab\there', appSaw: [H, 'Node.js: "socket hang up"'] },
      ),
    );
    expect(out).toContain(`"conn":"c\\"9","client":{"host":${H_JSON},"port":1},"server":{"host":"s","service":${H_JSON}},`);
    expect(out).toContain('"history":"S\\\\h",');
    expect(out).toContain(`"headline":${H_JSON},"summary":"a \\"quoted\\" word","nextStep":"tab\\there","appSaw":[${H_JSON},"Node.js: \\"socket hang up\\""]}\n`);
  });

  it('in non-TCP records, whose own keys keep their order, `file` after kind and notes last', () => {
    const text: LineRecord = { v: 2, kind: 'text', line: 4, endLine: 5, col: 2, raw: H };
    expect(line({ kind: 'record', rec: text, analysis: null, notes: [{ kind: 'record', text: H }] })).toBe(
      `{"v":2,"kind":"text","line":4,"endLine":5,"col":2,"raw":${H_JSON},"notes":[${H_JSON}]}\n`,
    );
    expect(line({ kind: 'record', rec: text, analysis: null, notes: [{ kind: 'record', text: H }] }, { file: 'x.txt' })).toBe(
      `{"v":2,"kind":"text","file":"x.txt","line":4,"endLine":5,"col":2,"raw":${H_JSON}}\n`,
    );
    const unparsed: LineRecord = { v: 2, kind: 'unparsed', line: 1, endLine: 1, col: 1, raw: 'x', comments: ['//c'], reason: H };
    expect(line({ kind: 'record', rec: unparsed, analysis: null, notes: [] })).toBe(
      `{"v":2,"kind":"unparsed","line":1,"endLine":1,"col":1,"raw":"x","comments":["//c"],"reason":${H_JSON}}\n`,
    );
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('numbers, nulls and nested shapes', () => {
  it('prints numbers as JSON does: integers at every table boundary, fractions, exponents, -0; NaN and Infinity left out', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [-0, '0'],
      [9, '9'],
      [9999, '9999'],
      [10000, '10000'],
      [10001, '10001'],
      [99999999, '99999999'],
      [100000000, '100000000'],
      [100000001, '100000001'],
      [1073741824, '1073741824'],
      [4294967295, '4294967295'],
      [999999999999, '999999999999'],
      [1e12, '1000000000000'],
      [2 ** 53, '9007199254740992'],
      [1e21, '1e+21'],
      [0.5, '0.5'],
      [5e-7, '5e-7'],
      [-1, '-1'],
      [-4294967295, '-4294967295'],
    ];
    for (const [n, text] of cases) {
      expect(line(tcpView({ seq: n, ack: n, win: n, len: n }))).toContain(`"seq":${text},"ack":${text},"win":${text},"len":${text},`);
      expect(line(tcpView({ end: n, urg: n, line: n }))).toContain(`"line":${text},`);
      expect(line(tcpView({}, { absSeq: n, relAck: n, winBytes: n }))).toContain(`"absSeq":${text},`);
      expect(line(connectionView({ duration: n, start: n, packets: { c2s: n, s2c: 1 } }))).toContain(`"duration":${text},"bytes":`);
    }
    for (const n of [NaN, Infinity, -Infinity]) {
      expect(line(tcpView({ seq: n, ack: n, win: n, len: n }))).toContain(',"flags":"S","options":');
      expect(line(connectionView({ duration: n, start: n }))).toContain('"lastLine":11,"end":40779.115287,"bytes":');
    }
    expect(line(tcpView({ end: 10, urg: 0 }))).toContain('"seq":3201954478,"end":10,"win":64240,"urg":0,"len":0,');
  });

  it('the packet prefix with -#, -i any, -e and -v fields (nulls inside left out), and a NaN checksum value left out', () => {
    const out = line(
      tcpView({
        num: 27,
        iface: 'eth0',
        direction: 'In',
        link: {
          type: 'ether',
          srcMac: '00:e0:4c:1c:1d:2a',
          dstMac: H,
          srcOui: 'Unknown',
          dstOui: null,
          ethertype: 'IPv4',
          ethertypeCode: 2048,
          length: 74,
          vlans: [{ id: 10, priority: 0, dei: false, ethertype: null }],
          packetType: null,
          ifindex: null,
        },
        ip: { version: 4, tos: 0, ttl: 64, id: 3092, offset: 0, ipFlags: 'DF', proto: 'TCP', protoNum: 6, length: 60, flowlabel: null, hlim: null, extras: [H] },
        cksum: { value: NaN, correct: true, expected: null },
        truncated: true,
      }),
    );
    expect(out).toContain(
      `"num":27,"time":"11:19:38.763609","iface":"eth0","direction":"In","link":{"type":"ether","srcMac":"00:e0:4c:1c:1d:2a","dstMac":${H_JSON},"srcOui":"Unknown","ethertype":"IPv4","ethertypeCode":2048,"length":74,"vlans":[{"id":10,"priority":0,"dei":false}]},"ip":{"version":4,"tos":0,"ttl":64,"id":3092,"offset":0,"ipFlags":"DF","proto":"TCP","protoNum":6,"length":60,"extras":[${H_JSON}]},"style":"new",`,
    );
    expect(out).toContain('"cksum":{"correct":true},"truncated":true,"conn":');
    expect(line(tcpView({ time: null }))).toContain('"raw":"11:19:38.763609 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [S], seq 3201954478, win 64240, options [mss 1460,sackOK,TS val 1842952086 ecr 0,nop,wscale 10], length 0","style":"new",');
    expect(line(tcpView({ style: 'old', flags: '.' }))).toContain('"style":"old","src":');
    expect(line(tcpView({ truncated: false }))).not.toContain('"truncated"');
  });

  it('every option kind, lenMismatch, an empty and an absent option list', () => {
    const all: TcpOption[] = [
      { kind: 'nop' },
      { kind: 'eol' },
      { kind: 'sackOK' },
      { kind: 'mss', value: 1460 },
      { kind: 'wscale', value: 7, lenMismatch: 4 },
      { kind: 'sack', blocks: [[100, 200], [4294967295, 5]] },
      { kind: 'ts', val: 3590340612, ecr: 0 },
      { kind: 'echo', value: 42 },
      { kind: 'uto', raw: '0x8258', seconds: null },
      { kind: 'mptcp', name: 'mptcp', text: ' 12 "capable" \\ v1' },
      { kind: 'nop', lenMismatch: 0 },
      { kind: 'bad-opt' },
      { kind: 'truncated', text: '[|tcp]>' },
    ];
    expect(line(tcpView({ options: all }))).toContain(
      '"options":[{"kind":"nop"},{"kind":"eol"},{"kind":"sackOK"},{"kind":"mss","value":1460},{"kind":"wscale","value":7,"lenMismatch":4},' +
        '{"kind":"sack","blocks":[[100,200],[4294967295,5]]},{"kind":"ts","val":3590340612,"ecr":0},{"kind":"echo","value":42},' +
        '{"kind":"uto","raw":"0x8258"},{"kind":"mptcp","name":"mptcp","text":" 12 \\"capable\\" \\\\ v1"},{"kind":"nop","lenMismatch":0},' +
        '{"kind":"bad-opt"},{"kind":"truncated","text":"[|tcp]>"}],"conn":',
    );
    expect(line(tcpView({ options: [] }))).toContain('"len":0,"conn":');
    expect(line(tcpView({ options: null }))).toContain('"len":0,"conn":');
  });

  it('analysis: left out entirely for an untracked segment; states, transitions and findings with severity, group and values', () => {
    const untracked = line(tcpView({}, null));
    expect(untracked).toMatch(/"options":\[[^\]]*\],"notes":\[/);
    expect(untracked).not.toContain('"conn"');
    const out = line(
      tcpView(
        {},
        {
          dir: 's2c',
          states: { client: null, server: 'TIME_WAIT' },
          transitions: [
            { end: 'client', from: null, to: 'ESTABLISHED' },
            { end: 'server', from: 'FIN_WAIT_2', to: 'TIME_WAIT' },
          ],
          findings: [
            { code: 'tcp.dup_ack', n: 2, originalLine: 31, sackFrom: null, sackTo: null, need: null, holes: [], held: [], windowGrew: false },
            { code: 'tcp.handshake_rtt', at: 'client', seconds: 5e-5, capture: 'client' },
          ],
        },
      ),
    );
    expect(out).toContain(
      '"dir":"s2c","absSeq":3201954478,"relSeq":0,"winBytes":64240,"states":{"server":"TIME_WAIT"},' +
        '"transitions":[{"end":"client","to":"ESTABLISHED"},{"end":"server","from":"FIN_WAIT_2","to":"TIME_WAIT"}],' +
        '"findings":[{"code":"tcp.dup_ack","severity":"note","group":"ack","n":2,"originalLine":31,"windowGrew":false},{"code":"tcp.handshake_rtt","severity":"info","group":"handshake","at":"client","seconds":0.00005,"capture":"client"}],"notes":[',
    );
    expect(line(tcpView({}, { states: { client: null, server: null } }))).toContain('"winBytes":64240,"transitions":');
    expect(line(tcpView({}, { states: { client: 'SYN_SENT', server: null } }))).toContain('"states":{"client":"SYN_SENT"},');
  });

  it('a connection: nullable fields left out, and set', () => {
    const none = line(connectionView({ phase: null, resetBy: null, closeKind: null, start: null, end: null, duration: null, handshakeRtt: null, roleGuessed: true }));
    expect(none).toContain('"roleGuessed":true,"verdict":"normal-close","connState":"SF",');
    expect(none).toContain('"lastLine":11,"bytes":');
    expect(none).toContain('"synRetransmissions":0,"firstFin":');
    expect(none).toContain('"capturePoint":"client","capturePointEvidence":["handshake-timing"],');
    expect(none).toContain('"retransmissions":{"rto":0,"fast":0,"tlp":0,"rtoOrTlp":0,"other":0,"spurious":0},"headline":');
    expect(line(connectionView({ roleGuessed: false }))).not.toContain('roleGuessed');
    const set = line(connectionView({ verdict: 'reset-by-server', phase: 'after-request', resetBy: 'server', handshakeRtt: { at: 'server', seconds: 0.000123 } }));
    expect(set).toContain('"verdict":"reset-by-server","phase":"after-request","resetBy":"server",');
    expect(set).toContain('"handshakeRtt":{"at":"server","seconds":0.000123},');
    const evicted = line(connectionView({ verdict: 'open', evictedAt: 123456 }));
    expect(evicted).toMatch(/"spurious":0\},"evictedAt":123456,"headline":/);
  });

  it('an ICMP record with its quoted endpoints, a meta command with its option object (real lines)', () => {
    const items = annotateText(
      '~ # tcpdump -n -S -i eth0 host www.baidu.com\n   27  22:13:20.027000 IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 tcp port 81 unreachable, length 36\n',
      { lang: 'en' },
    );
    const [meta, icmp] = items.map((i) => line(i));
    expect(meta).toMatch(
      /^\{"v":2,"kind":"meta","line":1,"endLine":1,"col":1,"raw":"~ # tcpdump -n -S -i eth0 host www.baidu.com","meta":"command","argv":\["-n","-S","-i","eth0","host","www.baidu.com"\],"options":\{"n":true,"S":true,"i":"eth0"\},"filter":"host www.baidu.com","notes":\[".+"\]\}\n$/,
    );
    expect((items[1] as RecordView).rec.kind).toBe('other');
    expect(icmp).toContain(
      '"proto":"ICMP","src":{"host":"10.0.0.2"},"dst":{"host":"10.0.0.1"},"summary":"ICMP 10.0.0.2 tcp port 81 unreachable, length 36","quoted":{"proto":"tcp","dst":{"host":"10.0.0.2","port":81},"port":81},"notes":[',
    );
    const other = (items[1] as RecordView).rec as OtherRecord;
    expect(line({ kind: 'record', rec: { ...other, summary: H }, analysis: null, notes: [] })).toContain(`"summary":${H_JSON},"quoted":`);
  });
});
