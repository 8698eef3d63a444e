// The line-at-a-time reassembler: when records complete, terminal debris (CRLF, BOM, ANSI), and edge shapes.

import { describe, expect, it } from 'vitest';
import { createReassembler, recordsFromText } from '../../src/input';
import { seedText } from '../helpers/fixtures';
import { linesOf, rebuild } from './text';

const SYN = '09:07:00.881609 IP 172.17.0.2.56878 > 180.101.49.12.443: Flags [S], seq 467889658, win 64240, options [mss 1460,sackOK,TS val 2060837270 ecr 0,nop,wscale 7], length 0';
const SYNACK = '09:07:00.922335 IP 180.101.49.12.443 > 172.17.0.2.56878: Flags [S.], seq 1166385092, ack 467889659, win 65535, options [mss 1460,wscale 2,eol], length 0';

describe('createReassembler', () => {
  it('completes a packet record when the next line starts something new', () => {
    const r = createReassembler();
    expect(r.push(SYN)).toEqual([]);
    expect(r.hasPending).toBe(true);
    const done = r.push(SYNACK);
    expect(done.map((x) => [x.line, x.text])).toEqual([[1, SYN]]);
    expect(r.push('26 packets captured').map((x) => x.text)).toEqual([SYNACK, '26 packets captured']);
    expect(r.hasPending).toBe(false);
    expect(r.flush()).toEqual([]);
  });

  it('emits a prose line at once, and a pending packet on flush', () => {
    const r = createReassembler();
    expect(r.push('# 窗口一：开始抓包').map((x) => x.text)).toEqual(['# 窗口一：开始抓包']);
    r.push('    1  2016-11-30 15:35:08.640523 IP (tos 0x0, ttl 128, id 376, offset 0, flags [DF], proto TCP (6), length 128)');
    expect(r.hasPending).toBe(true);
    expect(r.push('    192.168.56.55.445 > 192.168.56.119.49199: Flags [P.], seq 1:89, ack 1, win 63102, length 88')).toEqual([]);
    const [rec] = r.flush();
    expect(rec).toMatchObject({ line: 2, endLine: 3, col: 1 });
    expect(rec.text).toBe(
      '    1  2016-11-30 15:35:08.640523 IP (tos 0x0, ttl 128, id 376, offset 0, flags [DF], proto TCP (6), length 128) 192.168.56.55.445 > 192.168.56.119.49199: Flags [P.], seq 1:89, ack 1, win 63102, length 88',
    );
    expect(r.hasPending).toBe(false);
  });

  it('does not let prose after a header that never reached `length` become part of it', () => {
    const records = recordsFromText(
      [
        '09:07:01.012854 IP 180.101.49.12.443 > 172.17.0.2.56878: Flags [P.], seq 1166390319:1166390545, ack 467890100, win 65535, options [nop,nop,TS val 1 ecr 2],',
        '服务器回复了数据',
        '',
        'The server replied.',
      ].join('\n'),
    );
    expect(records.map((r) => [r.line, r.endLine])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ]);
  });

  it('does not mistake an ellipsis line after a packet for the start of an -A dump', () => {
    for (const prose of ['..........省略若干行..........', '........ and so on', '....................']) {
      const records = recordsFromText(`${SYN}\n${prose}\nThe end.\n${SYNACK}\n`);
      expect(records.map((r) => [r.line, r.endLine, r.dump.length])).toEqual([
        [1, 1, 0],
        [2, 2, 0],
        [3, 3, 0],
        [4, 4, 0],
      ]);
    }
  });

  it('keeps an HTTP `Warning:` header inside an -A dump, and ends the dump at tcpdump statistics', () => {
    const head = '09:07:00.972097 IP 180.101.49.12.443 > 172.17.0.2.56878: Flags [P.], seq 1:60, ack 1, win 65535, length 59';
    const payload = ['E..c..@.@.<..........P.p7z..7X......', 'HTTP/1.1 200 OK', 'Warning: 110 - "Response is stale"', ''];
    const records = recordsFromText([head, ...payload, '1 packet captured', ''].join('\n'));
    expect(records.map((r) => [r.line, r.endLine])).toEqual([
      [1, 5],
      [6, 6],
    ]);
    expect(records[0].dump).toEqual(payload);
  });

  it('treats an indented (markdown code block) packet line as a packet, not a -v continuation', () => {
    const records = recordsFromText(`    ${SYN}\n    ${SYNACK}\n`);
    expect(records.map((r) => r.text)).toEqual([`    ${SYN}`, `    ${SYNACK}`]);
  });

  it('does not split at the padding of the SLL2 interface column (`lo    Out`)', () => {
    const head = '11:02:20.402400 lo    Out IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)';
    const tcp = '    10.0.1.1.10000 > 10.0.3.2.54737: Flags [P.], seq 1:5, ack 1, win 510, length 4: HTTP';
    const [rec, ...rest] = recordsFromText(`${head}\n${tcp}\n`);
    expect(rest).toEqual([]);
    expect(rec.text).toBe(`${head} ${tcp.trim()}`);
    expect(rec.details).toEqual([]);
  });

  it('keeps a column-0 inner Ethernet frame (-e -v VXLAN) with its stamped packet', () => {
    const lines = [
      '    1  2025-10-03 16:30:14.343441 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 7106: (tos 0x0, ttl 61, id 12520, offset 0, flags [none], proto UDP (17), length 7092)',
      '    10.25.132.11.60345 > 10.25.132.13.4789: VXLAN, flags [I] (0x08), vni 5001',
      '0a:58:0a:f4:00:01 > 0a:58:0a:f4:00:02, ethertype IPv4 (0x0800), length 7056: (tos 0x0, ttl 64, id 10282, offset 0, flags [DF], proto TCP (6), length 7042)',
      '    192.168.1.2.37099 > 192.168.1.1.41547: Flags [P.], seq 1:6991, ack 1, win 166, length 6990',
      '    2  2025-10-03 16:30:14.343500 02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype IPv4 (0x0800), length 60: (tos 0x0, ttl 61, id 1, offset 0, flags [none], proto UDP (17), length 46)',
    ];
    const records = recordsFromText(lines.join('\n'));
    expect(records.map((r) => [r.line, r.endLine])).toEqual([
      [1, 4],
      [5, 5],
    ]);
    expect(records[0].details).toEqual([lines[2], lines[3]]);
  });

  it('reads a negative -ttt delta (`-` in the sign column) as a packet start', () => {
    const line = '-00:00:01.000000 IP 10.0.1.1.10000 > 10.0.3.2.54737: Flags [.], ack 1, win 510, length 0';
    const records = recordsFromText(`${line}\n\tGET / HTTP/1.1\n`);
    expect(records.map((r) => [r.text, r.details])).toEqual([[line, ['\tGET / HTTP/1.1']]]);
  });

  it('joins a -v second line that lost its indent, and a wrap after a comma inside the option list without a space', () => {
    const records = recordsFromText(
      [
        '09:00:00.000001 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)',
        '10.0.1.1.10000 > 10.0.3.2.54737: Flags [S], seq 1, win 510, options [mss 1460,',
        'sackOK], length 0',
        '10.0.1.1.10000 > 10.0.3.2.54737: Flags [.], ack 1, win 510, length 0',
      ].join('\n'),
    );
    expect(records.map((r) => [r.line, r.endLine, r.text])).toEqual([
      [
        1,
        3,
        '09:00:00.000001 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60) 10.0.1.1.10000 > 10.0.3.2.54737: Flags [S], seq 1, win 510, options [mss 1460,sackOK], length 0',
      ],
      [4, 4, '10.0.1.1.10000 > 10.0.3.2.54737: Flags [.], ack 1, win 510, length 0'],
    ]);
  });

  it('starts a packet at an unstamped SLL2 line (`-t -i any`) and re-joins its wrapped options', () => {
    const records = recordsFromText('lo    Out IP 10.0.1.1.10000 > 10.0.3.2.54737: Flags [.], ack 1, win 510, options [nop,nop,\nTS val 1 ecr 2], length 0\nhello world\n');
    expect(records.map((r) => [r.line, r.endLine, r.text])).toEqual([
      [1, 2, 'lo    Out IP 10.0.1.1.10000 > 10.0.3.2.54737: Flags [.], ack 1, win 510, options [nop,nop,TS val 1 ecr 2], length 0'],
      [3, 3, 'hello world'],
    ]);
  });

  it('starts a packet at a header indented by one to three blanks', () => {
    const records = recordsFromText('  local_IP > remote_mch_IP: Flags [.], ack 1, win 115, options\n[nop,nop,TS val 1 ecr 2], length 0\n');
    expect(records.map((r) => r.text)).toEqual(['  local_IP > remote_mch_IP: Flags [.], ack 1, win 115, options [nop,nop,TS val 1 ecr 2], length 0']);
  });

  it('reads a dump pasted with its TAB turned into spaces', () => {
    const records = recordsFromText(`${SYN}\n        0x0000:  4500 003c 1b68 4000 4006 2152 7f00 0001  E..<.h@.@.!R....\n`);
    expect(records).toHaveLength(1);
    expect(records[0].dump).toEqual(['        0x0000:  4500 003c 1b68 4000 4006 2152 7f00 0001  E..<.h@.@.!R....']);
  });

  it('pulls a reader comment off a header line and off a dump line', () => {
    const dump = '\t0x0000:  4500 003c 1b68 4000 4006 2152 7f00 0001  E..<.h@.@.!R....';
    const records = recordsFromText(`${SYN}   // 第一次握手 SYN\n${dump}  //IP header\n`);
    expect(records).toHaveLength(1);
    expect(records[0].text).toBe(SYN);
    expect(records[0].dump).toEqual([dump]);
    expect(records[0].comments).toEqual(['// 第一次握手 SYN', '//IP header']);
    expect(records[0].raw).toBe(`${SYN}   // 第一次握手 SYN\n${dump}  //IP header`);
  });

  it('splits two plain lines glued without a newline at the second timestamp', () => {
    const records = recordsFromText(SYN + SYNACK);
    expect(records.map((r) => [r.col, r.text])).toEqual([
      [1, SYN],
      [SYN.length + 1, SYNACK],
    ]);
  });

  it('splits a glued -v record with its hex dump, and the next line of dump joins it', () => {
    const head = '09:24:36.991639 IP (tos 0x0, ttl 64, id 3094, offset 0, flags [DF], proto TCP (6), length 211)';
    const tcp = '188.188.3.240.a3-sdunode > www.testaaa.com.http: Flags [P.], seq 1:172, ack 1, win 115, length 171';
    const d0 = '        0x0000:  4500 00d3 0c16 4000 4006 198d bcbc 03f0  E.....@.@.......';
    const d1 = '\t0x0010:  7041 e394 15e4 0050 930a bbe0 63a4 0f27  pA.....P....c..\'';
    const records = recordsFromText(`${head}    ${tcp}${d0}\n${d1}\n`);
    expect(records).toHaveLength(1);
    expect(records[0].text).toBe(`${head} ${tcp}`);
    expect(records[0].dump).toEqual([d0, d1]);
    expect([records[0].line, records[0].endLine]).toEqual([1, 2]);
  });
});

// Lines of bench-data/big-n.txt (`tcpdump -n`, HTTP on port 80): the header ends inside the line, before the
// application summary, so the `length N` end-of-line shortcut does not apply and every glue test must run.
const GET =
  '11:24:52.517610 IP 192.0.2.2.43388 > 198.51.100.2.80: Flags [P.], seq 1:51, ack 1, win 63, options [nop,nop,TS val 3425437443 ecr 3841993321], length 50: HTTP: GET /item/0 HTTP/1.1';
const OK =
  '11:24:52.518126 IP 198.51.100.2.80 > 192.0.2.2.43388: Flags [P.], seq 1:53, ack 51, win 64, options [nop,nop,TS val 3841993450 ecr 3425437443], length 52: HTTP: HTTP/1.1 200 OK';

describe('headers with an application summary after `length N`', () => {
  const summary = (text: string) => recordsFromText(text).map((r) => [r.line, r.col, r.text, r.details, r.dump, r.comments]);

  it('a field-shaped column-0 line after a complete header is not a wrapped piece of it', () => {
    expect(summary(`${GET}\nwin 5\n${OK}`)).toEqual([
      [1, 1, GET, [], [], []],
      [2, 1, 'win 5', [], [], []],
      [3, 1, OK, [], [], []],
    ]);
  });

  it('is split at a glued hex dump, a glued comment, and a glued next packet', () => {
    const dump = '    0x0000:  4500 0034 5d4f 4000 4006 0ab6 c000 0202  E..4]O@.@.......';
    expect(summary(`${GET}${dump}\n${OK}`)).toEqual([
      [1, 1, GET, [], [dump], []],
      [2, 1, OK, [], [], []],
    ]);
    expect(summary(`${GET}  // 第一个请求\n${OK}`)).toEqual([
      [1, 1, GET, [], [], ['// 第一个请求']],
      [2, 1, OK, [], [], []],
    ]);
    expect(summary(GET + OK)).toEqual([
      [1, 1, GET, [], [], []],
      [1, GET.length + 1, OK, [], [], []],
    ]);
  });

  it('trailing blanks and the padded SLL2 interface column are not glue', () => {
    expect(summary(`${GET}    \n${OK}`)).toEqual([
      [1, 1, GET, [], [], []],
      [2, 1, OK, [], [], []],
    ]);
    const sll2 = '11:24:52.517610 lo    In  IP 127.0.0.1.43388 > 127.0.0.1.80: Flags [P.], seq 1:51, ack 1, win 63, length 50: HTTP: GET / HTTP/1.1';
    expect(summary(sll2)).toEqual([[1, 1, sll2, [], [], []]]);
  });
});

describe('hex dump lines', () => {
  const head = '09:24:36.991519 IP 10.0.0.1.80 > 10.0.0.2.1234: Flags [P.], seq 1:4, ack 1, win 5, length 3';
  const next = '09:24:36.991600 IP 10.0.0.2.1234 > 10.0.0.1.80: Flags [.], ack 4, win 5, length 0';
  const full = '\t0x0000:  4500 002b 0001 4000 4006 26ca 0a00 0001  E..+..@.@.&.....';

  it('an odd last byte counts once: three bytes take three ASCII characters, the glued packet starts after them', () => {
    const last = '\t0x0020:  4745 54                                  GET';
    const records = recordsFromText(`${head}\n${full}\n${last}${next}\n`);
    expect(records.map((r) => [r.line, r.col, r.text, r.dump])).toEqual([
      [1, 1, head, [full, last]],
      [3, last.length + 1, next, []],
    ]);
  });

  it('a -x line without the ASCII column ends at its last hex group', () => {
    const records = recordsFromText(`${head}\n\t0x0020:  4745 54\n${next}\n`);
    expect(records.map((r) => [r.line, r.dump, r.comments])).toEqual([
      [1, ['\t0x0020:  4745 54'], []],
      [3, [], []],
    ]);
  });
});

describe('terminal debris', () => {
  const text = seedText('003_');
  const clean = recordsFromText(text);

  it('CRLF line ends and a BOM give the same records as the clean text', () => {
    const crlf = recordsFromText('\ufeff' + linesOf(text).join('\r\n') + '\r\n');
    expect(crlf).toEqual(clean);
  });

  it('ANSI colour codes are stripped from raw and text', () => {
    const coloured = linesOf(text)
      .map((l) => l.replace(/^(\d\d:\d\d:\d\d\.\d{6}) IP/, '\x1b[32m$1\x1b[0m IP').replace('Flags [S]', 'Flags [\x1b[1;31mS\x1b[m]'))
      .join('\n');
    expect(coloured).toContain('\x1b[32m09:07:00.881609\x1b[0m IP');
    expect(recordsFromText(coloured)).toEqual(clean);
  });

  it('a trailing space stays in raw and leaves text', () => {
    const [rec] = recordsFromText(`${SYN} \n`);
    expect(rec.raw).toBe(`${SYN} `);
    expect(rec.text).toBe(SYN);
  });

  it('loses no character of a mixed paste', () => {
    const mixed = [seedText('000_'), seedText('001_'), seedText('002_')].join('\n');
    expect(rebuild(recordsFromText(mixed))).toBe(linesOf(mixed).join('\n'));
  });
});

describe('hostile input', () => {
  // Each case used to cost tens of seconds when every piece rescanned the rest of the line; linear now.
  const cases: Array<[string, string]> = [
    ['a header followed by 200k blank runs', '09:07:00.881609 IP (tos 0x0)' + '    x'.repeat(200_000)],
    ['a dump line followed by 50k comment/dump pairs', '\t0x0000:  4500' + '  //c 0x0001:  45'.repeat(50_000)],
    ['40k glued timestamps', '09:07:00.881609 IP a > b: x'.repeat(40_000)],
    ['a command followed by 40k glued banners', '[root@x ~]# tcpdump -n' + 'tcpdump: listening on eth0, x'.repeat(40_000)],
  ];
  for (const [name, text] of cases) {
    it(`${name}: one pass, every character kept`, () => {
      const t0 = Date.now();
      const records = recordsFromText(text);
      expect(Date.now() - t0).toBeLessThan(5_000);
      expect(rebuild(records)).toBe(text);
      expect(records.length).toBeLessThanOrEqual(4097);
    });
  }

  it('bounds one record: an -A block stops taking lines after 16384', () => {
    const text = '09:07:00.881609 IP a > b: Flags [P.], length 5\nE..<.h@.@.!R.........p\n' + 'payload line\n'.repeat(20_000);
    const records = recordsFromText(text);
    expect(records[0].endLine).toBe(16384);
    expect(records[0].dump).toHaveLength(16383);
    expect(rebuild(records)).toBe(text.slice(0, -1));
  });
});
