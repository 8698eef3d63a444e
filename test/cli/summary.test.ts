// `tcplain summary` on real captures (every column, every format), the selection options of summary and explain,
// and --fail-on's exit status. Numbers are cross-checked with the samples' expected.jsonl verdicts.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { runCliCaptured, Sink } from '../helpers/cli';
import { runCli } from '../../src/cli/run';
import { connLabel } from '../../src/report/conn-id';
import { formatSummaryText } from '../../src/report/format-summary';
import { SummaryCollector } from '../../src/report/summary';
import { createTracker } from '../../src/track';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import stringWidth from 'string-width';
import { spawnSync } from 'node:child_process';

const hasTcpdump = spawnSync('sh', ['-c', 'command -v tcpdump'], { encoding: 'utf8' }).status === 0;

const ZW = 'samples/zero-window/client.txt';
const FR = 'samples/fast-retransmit/client.txt';
const REFUSED = 'samples/refused/server.txt';
const CONC = 'samples/concurrent/client.txt';

const run = (args: string[]) => runCliCaptured(args);

/** In-process like runCliCaptured, with PATH so that a pcap is read through tcpdump. */
async function runWithPath(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdin = Object.assign(Readable.from([]), { isTTY: false });
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await runCli(args, { stdin, stdout, stderr, env: { PATH: process.env.PATH ?? '' } });
  return { code, out: stdout.text, err: stderr.text };
}
const rows = (out: string): string[] => out.split('\n').filter((l) => /^\S*c\d+ /.test(l));
const ids = (out: string): string[] => rows(out).map((l) => l.split(/\s+/)[0]);

describe('tcplain summary: one row per connection', () => {
  it('text: every column of the zero-window capture, then the expert info (piped: nothing cut)', async () => {
    const r = await run(['summary', ZW]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        '1 connection (1 warning), by start time',
        'id  client → server                    start         dur s  pkts →/←  bytes →/←  rtt ms  retx  lost  dupack  zwin s  verdict       sev      state  history',
        'c1  192.0.2.2:40007 → 198.51.100.2:80  11:20:48.757  3.103     55/30   65608/78   0.134     1     0       0   2.856  normal-close  warning  SF     ShADaTwdFf',
        '',
        'Expert info: 37 findings of 10 kinds',
        'severity  count  finding                                                 first lines (connection:line)',
        'warning      23  tcp.window_full (window full)                           c1:7',
        'warning       3  tcp.zero_window (zero window)                           c1:11',
        'warning       1  tcp.retransmission (retransmission)                     c1:8',
        'warning       1  tcp.zero_window_stall (zero-window stall)               c1:17',
        'note          3  tcp.zero_window_probe (zero-window probe)               c1:12',
        'note          2  tcp.zero_window_probe_ack (ACK of a zero-window probe)  c1:13',
        'note          1  tcp.dsack (D-SACK: the receiver got data twice)         c1:9',
        'info          1  tcp.window_update (window update)                       c1:17',
        'info          1  tcp.handshake_rtt (handshake round trip)                c1:3',
        'info          1  tcp.options_negotiated (handshake options)              c1:2',
        '',
      ].join('\n'),
    );
  });

  it('json: one record per connection with every field (fast retransmit: 12 lost, 99 duplicate ACKs), one per finding kind', async () => {
    const r = await run(['summary', '--format', 'json', FR]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      v: 1,
      kind: 'summary-connection',
      id: 'c1',
      file: FR,
      conn: 'c1',
      client: '192.0.2.2:40006',
      server: '198.51.100.2:80',
      roleGuessed: false,
      start: 1795260126.40034,
      duration: 0.233022,
      packets: { c2s: 225, s2c: 189 },
      bytes: { c2s: 300073, s2c: 78 },
      handshakeRtt: 0.000059,
      retransmissions: 12,
      lost: 12,
      dupAcks: 99,
      zeroWindowStalls: 0,
      zeroWindowSeconds: 0,
      verdict: 'normal-close',
      severity: 'warn',
      connState: 'SF',
      history: 'ShADaTTdFf',
      firstLine: 1,
      lastLine: 414,
      findingCounts: { 'tcp.fast_retransmission': 12, 'tcp.dup_ack': 99, 'tcp.window_update': 20, 'tcp.handshake_rtt': 1, 'tcp.options_negotiated': 1 },
    });
    expect(lines.slice(1)).toEqual([
      { v: 1, kind: 'summary-finding', code: 'tcp.fast_retransmission', severity: 'warning', count: 12, connections: 1, first: [{ id: 'c1', file: FR, line: 61 }] },
      { v: 1, kind: 'summary-finding', code: 'tcp.dup_ack', severity: 'note', count: 99, connections: 1, first: [{ id: 'c1', file: FR, line: 31 }] },
      { v: 1, kind: 'summary-finding', code: 'tcp.window_update', severity: 'info', count: 20, connections: 1, first: [{ id: 'c1', file: FR, line: 340 }] },
      { v: 1, kind: 'summary-finding', code: 'tcp.handshake_rtt', severity: 'info', count: 1, connections: 1, first: [{ id: 'c1', file: FR, line: 3 }] },
      { v: 1, kind: 'summary-finding', code: 'tcp.options_negotiated', severity: 'info', count: 1, connections: 1, first: [{ id: 'c1', file: FR, line: 2 }] },
    ]);
    // The same numbers as the explain verdict of this capture (no second computation).
    const verdict = readFileSync('samples/fast-retransmit/expected.jsonl', 'utf8')
      .split('\n')
      .filter((l) => l.includes('"kind":"connection"'))
      .map((l) => JSON.parse(l))[0];
    expect([verdict.duration, verdict.packets, verdict.bytes, verdict.handshakeRtt.seconds, verdict.connState, verdict.history]).toEqual([
      lines[0].duration,
      lines[0].packets,
      lines[0].bytes,
      lines[0].handshakeRtt,
      lines[0].connState,
      lines[0].history,
    ]);
  });

  it('csv: several files, ids <basename>#cN and a file column; a refusal lasts 16 µs and has no handshake RTT', async () => {
    const r = await run(['summary', '--format', 'csv', CONC, REFUSED]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'id,file,client,server,start,duration,packets_c2s,packets_s2c,bytes_c2s,bytes_s2c,handshake_rtt,retransmissions,lost,dup_acks,zero_window_stalls,zero_window_seconds,verdict,severity,conn_state,history,first_line,last_line,findings',
        'server.txt#c1,samples/refused/server.txt,192.0.2.2:40003,198.51.100.2:81,2026-11-21 11:19:42.921857,0.000016,1,1,0,0,,0,0,0,0,0,refused,error,REJ,Sr,1,2,tcp.rst=1',
        'client.txt#c1,samples/concurrent/client.txt,192.0.2.2:40022,198.51.100.2:80,2026-11-21 11:27:39.595773,0.501047,6,5,86,78,0.000048,0,0,0,0,0,normal-close,ok,SF,ShADadFf,1,29,tcp.handshake_rtt=1;tcp.options_negotiated=1',
        'client.txt#c2,samples/concurrent/client.txt,192.0.2.2:40122,198.51.100.2:80,2026-11-21 11:27:39.617783,0.481352,6,5,86,78,0.000047,0,0,0,0,0,normal-close,ok,SF,ShADadFf,4,31,tcp.handshake_rtt=1;tcp.options_negotiated=1',
        'client.txt#c3,samples/concurrent/client.txt,192.0.2.2:40222,198.51.100.2:80,2026-11-21 11:27:39.645767,0.461344,6,5,86,78,0.000047,0,0,0,0,0,normal-close,ok,SF,ShADadFf,7,33,tcp.handshake_rtt=1;tcp.options_negotiated=1',
        '',
      ].join('\r\n'),
    );
  });

  it('markdown in Chinese: headers, severities and finding titles from the zh-CN catalog', async () => {
    const r = await run(['summary', '--format', 'markdown', '--lang', 'zh', REFUSED]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        '## 连接',
        '',
        '1 个连接（错误 1），按开始时间排序',
        '',
        '| 编号 | 客户端 → 服务端 | 开始 | 时长 秒 | 报文 →/← | 字节 →/← | RTT 毫秒 | 重传 | 丢失 | 重复 ACK | 零窗口 秒 | 结论 | 严重度 | 状态 | 历史 |',
        '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|',
        '| c1 | 192.0.2.2:40003 → 198.51.100.2:81 | 11:19:42.921 | <0.001 | 1/1 | 0/0 | - | 0 | 0 | 0 | - | refused | 错误 | REJ | Sr |',
        '',
        '## 专家信息',
        '',
        '专家信息：1 类共 1 个发现',
        '',
        '| 严重度 | 次数 | 发现 | 最早出现的行（如 c1:16） |',
        '|---|---:|---|---|',
        '| 错误 | 1 | tcp.rst（RST） | c1:2 |',
        '',
      ].join('\n'),
    );
  });

  it('--sort severity, bytes, duration (stable; ties by start), default start', async () => {
    const files = [CONC, REFUSED, 'samples/zero-window/server.txt'];
    expect(ids((await run(['summary', ...files])).out)).toEqual(['refused/server.txt#c1', 'zero-window/server.txt#c1', 'client.txt#c1', 'client.txt#c2', 'client.txt#c3']);
    const bySev = (await run(['summary', '--format', 'csv', '--sort', 'severity', ...files])).out.split('\r\n').slice(1, -1);
    expect(bySev.map((l) => l.split(',').slice(0, 2).join(' '))).toEqual([
      'refused/server.txt#c1 samples/refused/server.txt',
      'zero-window/server.txt#c1 samples/zero-window/server.txt',
      'client.txt#c1 samples/concurrent/client.txt',
      'client.txt#c2 samples/concurrent/client.txt',
      'client.txt#c3 samples/concurrent/client.txt',
    ]);
    const byBytes = (await run(['summary', '--format', 'csv', '--sort', 'bytes', ...files])).out.split('\r\n').slice(1, -1);
    expect(byBytes.map((l) => l.split(',').slice(1, 2)[0] + ' ' + l.split(',')[0])).toEqual([
      'samples/zero-window/server.txt zero-window/server.txt#c1',
      'samples/concurrent/client.txt client.txt#c1',
      'samples/concurrent/client.txt client.txt#c2',
      'samples/concurrent/client.txt client.txt#c3',
      'samples/refused/server.txt refused/server.txt#c1',
    ]);
    const byDur = (await run(['summary', '--format', 'csv', '--sort', 'duration', ...files])).out.split('\r\n').slice(1, -1);
    expect(byDur.map((l) => `${l.split(',')[0]} ${l.split(',')[5]}`)).toEqual([
      'zero-window/server.txt#c1 3.103159',
      'client.txt#c1 0.501047',
      'client.txt#c2 0.481352',
      'client.txt#c3 0.461344',
      'refused/server.txt#c1 0.000016',
    ]);
  });

  it('fits a terminal: columns left out in a fixed order, said below the table; CJK headers measured by width', () => {
    const collector = new SummaryCollector(false);
    const tracker = createTracker();
    for (const rec of parseRecords(recordsFromText(readFileSync(ZW, 'utf8')))) for (const v of tracker.push(rec).closed) collector.add(v, ZW);
    for (const v of tracker.finishEach()) collector.add(v, ZW);
    const data = collector.result('start');
    const en = formatSummaryText(data, { lang: 'en', width: 80, terminal: true }).split('\n');
    for (const l of en.slice(1, 3)) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    expect(en.slice(1, 4)).toEqual([
      'id  client → server                    bytes →/←  retx  verdict       sev',
      'c1  192.0.2.2:40007 → 198.51.100.2:80   65608/78     1  normal-close  warning',
      '(not shown, to fit 80 columns: history, rtt ms, start, zwin s, dupack, state, dur s, pkts →/←, lost; --format csv has every column)',
    ]);
    const zh = formatSummaryText(data, { lang: 'zh-CN', width: 60, terminal: true }).split('\n');
    for (const l of zh.slice(1, 3)) expect(stringWidth(l)).toBeLessThanOrEqual(60);
    expect(zh.slice(1, 4)).toEqual([
      '编号  客户端 → 服务端                   结论          严重度',
      'c1    192.0.2.2:40007 → 198.51.100.2:…  normal-close  警告',
      '（为适应 60 列宽未显示：历史、RTT 毫秒、开始、零窗口 秒、重复 ACK、状态、时长 秒、报文 →/←、丢失、重传、字节 →/←；--format csv 含全部列）',
    ]);
  });

  it.skipIf(!hasTcpdump)('a pcap is read as explain reads it (tcpdump -r ... -v: two lines a packet): the same row as its text', async () => {
    const pcap = await runWithPath(['summary', '--format', 'csv', 'samples/zero-window/client.pcap']);
    const text = await run(['summary', '--format', 'csv', ZW]);
    const cols = (out: string): string[] => out.split('\r\n')[1].split(',');
    // Every column but the file and the last line (tcpdump -v prints each packet on two lines).
    expect(cols(pcap.out).slice(2, 20)).toEqual(cols(text.out).slice(2, 20));
    expect(cols(pcap.out)[21]).toBe('178');
    expect(pcap.err).toBe("tcplain: 'samples/zero-window/client.pcap' is a pcap capture file; reading it with: tcpdump -r samples/zero-window/client.pcap -nn -tttt -v -S\n");
    const five = await runWithPath(['summary', '--format', 'csv', '-c', '5', 'samples/zero-window/client.pcap']);
    expect(cols(five.out).slice(6, 10)).toEqual(['3', '2', '1448', '0']);
  });

  it('no connection: said, and the expert block says no finding', async () => {
    const r = await runCliCaptured(['summary', '-'], '12:00:00.000000 ARP, Request who-has 192.0.2.1 tell 192.0.2.2, length 28\n');
    expect(r.code).toBe(0);
    expect(r.out).toBe('no TCP connection\n\nExpert info: no findings\n');
  });
});

describe('selection: --conn, --host, --port, --verdict, --severity, --only, --from, --to, -c', () => {
  it('summary: each filter alone and combined', async () => {
    expect(ids((await run(['summary', '--conn', 'c2', CONC])).out)).toEqual(['c2']);
    expect(ids((await run(['summary', '--conn', 'client.txt#c3,server.txt#c1', CONC, REFUSED])).out)).toEqual(['server.txt#c1', 'client.txt#c3']);
    expect(ids((await run(['summary', '--port', '81', CONC, REFUSED])).out)).toEqual(['server.txt#c1']);
    expect(ids((await run(['summary', '--host', '192.0.2.2', '--port', '40122', CONC])).out)).toEqual(['c2']);
    expect(ids((await run(['summary', '--host', '203.0.113.9', CONC])).out)).toEqual([]);
    expect(ids((await run(['summary', '--verdict', 'refused,normal-close', CONC, REFUSED])).out)).toEqual(['server.txt#c1', 'client.txt#c1', 'client.txt#c2', 'client.txt#c3']);
    expect(ids((await run(['summary', '--severity', 'warn+', CONC, REFUSED, ZW])).out)).toEqual(['server.txt#c1', 'zero-window/client.txt#c1']);
    expect(ids((await run(['summary', '--severity', 'error', '--port', '80', CONC, REFUSED, ZW])).out)).toEqual([]);
    expect(ids((await run(['summary', '--only', 'problems', CONC, ZW])).out)).toEqual(['zero-window/client.txt#c1']);
    // --from/--to show connections with a packet in the window; ids and verdicts are those of the whole capture.
    const win = await run(['summary', '--format', 'csv', '--from', '11:27:39.600', '--to', '11:27:39.640', CONC]);
    expect(win.out.split('\r\n')[1].split(',').slice(0, 1).concat(win.out.split('\r\n')[1].split(',').slice(16, 20))).toEqual(['c2', 'normal-close', 'ok', 'SF', 'ShADadFf']);
    expect(win.out.split('\r\n').length).toBe(3);
    // c1 and c2 still talk after c3 starts (concurrent): all three have packets after 11:27:39.640.
    expect(ids((await run(['summary', '--from', '2026-11-21 11:27:39.640', CONC])).out)).toEqual(['c1', 'c2', 'c3']);
    expect(ids((await run(['summary', '--to', '2026-11-21 11:27:39.600', CONC])).out)).toEqual(['c1']);
    expect(ids((await run(['summary', '--to', '2026-11-21T11:27:39.600', '--from', '11:00:00', CONC])).out)).toEqual(['c1']);
    // -c 4 on text: 4 packets read, c1's handshake and c2's SYN, judged as tcpdump -c 4 | tcplain would be.
    const c4 = await run(['summary', '--format', 'csv', '-c', '4', CONC]);
    expect(c4.out.split('\r\n').slice(1, -1).map((l) => l.split(',').slice(0, 1).concat(l.split(',').slice(6, 8), l.split(',').slice(16, 20)).join(' '))).toEqual([
      'c1 2 1 open ok S1 ShA',
      'c2 1 0 no-answer error S0 S',
    ]);
  });

  it('bad values: a clear error and exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['--verdict', 'bogus'], "tcplain: unknown verdict 'bogus' (one of: normal-close, refused, no-answer, reset-by-server, reset-by-client, idle-reset, keepalive-timeout, reset-no-connection, reset-forged, half-closed, open, incomplete)"],
      [['--severity', 'bad+'], "tcplain: unknown severity 'bad+' (one of: ok, notice, warn, error, each with an optional +; warning = warn, note = notice)"],
      [['--port', '70000'], "tcplain: --port takes port numbers from 0 to 65535, not '70000'"],
      [['--port', 'http'], "tcplain: --port takes port numbers from 0 to 65535, not 'http'"],
      [['--only', 'errors'], "tcplain: --only takes 'problems', not 'errors'"],
      [['--from', 'noon'], `tcplain: --from takes a time as tcpdump prints it: HH:MM:SS[.frac] or "YYYY-MM-DD HH:MM:SS[.frac]", not 'noon'`],
      [['--from', '12:00:00', '--to', '11:00:00'], 'tcplain: --from 12:00:00 is after --to 11:00:00: no packet can be in between'],
      [['--conn', '3'], "tcplain: --conn takes a connection id such as c3 (or NAME#c3 with several files), not '3'"],
      [['--host', ''], 'tcplain: --host takes an address or a host name'],
      [['-c', '0'], 'tcplain: --count takes a whole number above 0'],
    ];
    for (const [args, message] of cases) {
      for (const cmd of [['summary'], ['--format', 'text']]) {
        const r = await run([...cmd, ...args, CONC]);
        expect(r.code, args.join(' ')).toBe(2);
        expect(r.out).toBe('');
        expect(r.err.split('\n')[0]).toBe(message);
      }
    }
    const zh = await run(['summary', '--lang', 'zh', '--verdict', 'x', CONC]);
    expect(zh.err.split('\n')[0]).toBe(
      'tcplain: 未知的结论“x”（可选：normal-close、refused、no-answer、reset-by-server、reset-by-client、idle-reset、keepalive-timeout、reset-no-connection、reset-forged、half-closed、open、incomplete）',
    );
    const failOn = await run(['summary', '--fail-on', 'notice', CONC]);
    expect(failOn.code).toBe(2);
    const sort = await run(['summary', '--sort', 'size', CONC]);
    expect(sort.code).toBe(2);
  });

  it('explain --conn: only that connection\'s lines and verdict (--conn no longer ignored outside --step)', async () => {
    const r = await run(['--format', 'json', '--conn', 'c2', CONC]);
    const recs = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((x) => (x.kind === 'connection' ? `verdict ${x.conn}` : `line ${x.line}`))).toEqual([
      'line 4', 'line 5', 'line 6', 'line 14', 'line 15', 'line 16', 'line 17', 'line 23', 'line 26', 'line 30', 'line 31', 'verdict c2',
    ]);
  });

  it('explain --only problems: the lines with a note-or-worse finding, and every verdict', async () => {
    const r = await run(['--format', 'json', '--only', 'problems', ZW]);
    const recs = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    const lines = recs.filter((x) => x.kind === 'tcp').map((x) => x.line);
    // The packet lines whose findings in expected.jsonl include one of severity note or above.
    expect(lines.length).toBe(31);
    expect(lines.slice(0, 8)).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
    expect(recs.at(-1).kind).toBe('connection');
    expect(recs.filter((x) => x.kind === 'connection').length).toBe(1);
  });

  it('explain --verdict/--severity: a connection\'s lines are held until its verdict, then printed with it', async () => {
    const r = await run(['--format', 'json', '--severity', 'error', CONC, REFUSED]);
    const recs = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((x) => (x.kind === 'connection' ? `verdict ${x.verdict}` : `line ${x.line}`))).toEqual(['line 1', 'line 2', 'verdict refused']);
    const none = await run(['--format', 'json', '--verdict', 'reset-by-server', CONC]);
    expect(none.out).toBe('');
  });

  it('explain --from/--to and -c on text: hidden packets are still tracked (same ids), -c stops reading', async () => {
    const r = await run(['--format', 'json', '--from', '11:27:39.600', '--to', '11:27:39.640', CONC]);
    const recs = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(recs.map((x) => (x.kind === 'connection' ? `verdict ${x.conn}` : `line ${x.line} ${x.conn}`))).toEqual(['line 4 c2', 'line 5 c2', 'line 6 c2', 'verdict c2']);
    const c3 = await run(['--format', 'json', '-c', '3', CONC]);
    const out = c3.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(out.map((x) => (x.kind === 'connection' ? `verdict ${x.conn} ${x.verdict}` : `line ${x.line}`))).toEqual(['line 1', 'line 2', 'line 3', 'verdict c1 open']);
  });

  it('explain --step refuses the output filters', async () => {
    const r = await run(['--step', '--format', 'text', '--port', '80', CONC]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('tcplain: --host, --port, --verdict, --severity, --only, --from, --to, --where and --fail-on apply to the explanation and the summary, not to --step or --quiz');
  });
});

describe('--fail-on: exit 1 when a connection shown reaches the severity', () => {
  it('summary and explain, warn and error, with filters; 2 stays for unreadable input', async () => {
    const code = async (args: string[]): Promise<number> => (await run(args)).code;
    expect(await code(['summary', '--fail-on', 'error', REFUSED])).toBe(1);
    expect(await code(['summary', '--fail-on', 'error', ZW])).toBe(0);
    expect(await code(['summary', '--fail-on', 'warn', ZW])).toBe(1);
    expect(await code(['summary', '--fail-on', 'warn', CONC])).toBe(0);
    expect(await code(['summary', '--fail-on', 'error', '--port', '80', REFUSED, CONC])).toBe(0);
    expect(await code(['--format', 'text', '--fail-on', 'error', REFUSED])).toBe(1);
    expect(await code(['--format', 'json', '--fail-on', 'warn', FR])).toBe(1);
    expect(await code(['--format', 'json', '--fail-on', 'error', FR])).toBe(0);
    expect(await code(['summary', REFUSED])).toBe(0);
    const missing = await run(['summary', '--fail-on', 'error', REFUSED, 'samples/none.txt']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe("tcplain: cannot read 'samples/none.txt': no such file\n");
    expect(ids(missing.out)).toEqual(['server.txt#c1']);
  });
});

describe('connLabel (shared with the JSON output)', () => {
  it('c3 with one input; <basename>#c3 with several; - for stdin', () => {
    expect(connLabel('dir/a.txt', 'c3', false)).toBe('c3');
    expect(connLabel('dir/a.txt', 'c3', true)).toBe('a.txt#c3');
    expect(connLabel('/abs/b.pcap', 'c12', true)).toBe('b.pcap#c12');
    expect(connLabel('-', 'c1', true)).toBe('-#c1');
    expect(connLabel(null, 'c1', true)).toBe('-#c1');
  });
});

describe('an empty selection and the severity words (review 6: M1, W3)', () => {
  it('summary: a selection that leaves none says so, with the connections read (not "no TCP connection")', async () => {
    // concurrent 3 + refused 1 + zero-window 1 connections; every handshake RTT is far below 1 s.
    const en = await run(['summary', '--where', 'rtt > 1s', CONC, REFUSED, ZW]);
    expect(en.code).toBe(0);
    expect(en.out).toBe('no connection matches the selection (5 connections read)\n\nExpert info: no findings\n');
    const one = await run(['summary', '--port', '1', REFUSED]);
    expect(one.out.split('\n')[0]).toBe('no connection matches the selection (1 connection read)');
    const zh = await run(['summary', '--lang', 'zh-CN', '--where', 'rtt > 1s', CONC, REFUSED, ZW]);
    expect(zh.out.split('\n')[0]).toBe('没有连接符合筛选条件（共读取 5 个连接）');
    const md = await run(['summary', '--format', 'markdown', '--host', '203.0.113.9', CONC]);
    expect(md.out.split('\n')[2]).toBe('no connection matches the selection (3 connections read)');
    // JSON and CSV: stdout keeps its shape (no record; the CSV header), the sentence goes to stderr.
    const json = await run(['summary', '--format', 'json', '--where', 'rtt > 1s', CONC]);
    expect([json.out, json.err]).toEqual(['', 'tcplain: no connection matches the selection (3 connections read)\n']);
    const csv = await run(['summary', '--format', 'csv', '--where', 'rtt > 1s', CONC]);
    expect(csv.out.split('\r\n')[0].startsWith('id,')).toBe(true);
    expect(csv.err).toBe('tcplain: no connection matches the selection (3 connections read)\n');
    // Nothing read at all: still "no TCP connection".
    const none = await run(['summary', 'samples/MANIFEST']);
    expect(none.out.split('\n')[0]).toBe('no TCP connection');
  });

  it('explain: the same line on stderr, stdout unchanged (empty)', async () => {
    const en = await run(['--format', 'json', '--where', 'rtt > 1s', CONC, REFUSED]);
    expect(en.code).toBe(0);
    expect(en.out).toBe('');
    expect(en.err).toBe('tcplain: no connection matches the selection (4 connections read)\n');
    const zh = await run(['--lang', 'zh-CN', '--format', 'text', '--verdict', 'refused', CONC]);
    expect(zh.err).toBe('tcplain: 没有连接符合筛选条件（共读取 3 个连接）\n');
    // Something shown: nothing said.
    expect((await run(['--format', 'json', '--verdict', 'refused', CONC, REFUSED])).err).toBe('');
  });

  it('warning = warn and note = notice, as the English table prints them, in --severity and --where', async () => {
    const warn = ids((await run(['summary', '--severity', 'warn+', CONC, REFUSED, ZW])).out);
    expect(warn).toEqual(['server.txt#c1', 'zero-window/client.txt#c1']);
    expect(ids((await run(['summary', '--severity', 'warning+', CONC, REFUSED, ZW])).out)).toEqual(warn);
    expect(ids((await run(['summary', '--where', 'severity >= warning', CONC, REFUSED, ZW])).out)).toEqual(warn);
    expect(ids((await run(['summary', '--severity', 'note', CONC, REFUSED, ZW])).out)).toEqual(ids((await run(['summary', '--severity', 'notice', CONC, REFUSED, ZW])).out));
    const head = (await run(['summary', CONC, REFUSED, ZW])).out.split('\n')[0];
    expect(head).toBe('5 connections (1 error, 1 warning, 3 ok), by start time');
  });
});
