// The pasted seeds as users paste them: wrapped lines re-joined, the glued line split, prose kept line by line.

import { describe, expect, it } from 'vitest';
import { recordsFromText } from '../../src/input';
import { seedText } from '../helpers/fixtures';
import { linesOf, rebuild } from './text';

const isTcpText = (text: string): boolean => text.includes(': Flags [');

describe('seed 000: a blog that wrapped its tcpdump lines', () => {
  const text = seedText('000_');
  const records = recordsFromText(text);
  const packets = records.filter((r) => isTcpText(r.text));

  it('yields 16 TCP records: 14 of the normal exchange and 2 of the failing one', () => {
    expect(packets).toHaveLength(16);
    expect(packets.filter((r) => r.line < 30)).toHaveLength(14);
    expect(packets.filter((r) => r.line > 30).map((r) => [r.line, r.endLine])).toEqual([
      [31, 33],
      [34, 34],
    ]);
  });

  it('re-joins a line wrapped before ",sackOK" without a space', () => {
    const syn = packets[0];
    expect([syn.line, syn.endLine, syn.col]).toEqual([8, 9, 1]);
    expect(syn.text).toBe(
      'local_IP > remote_mch_IP: Flags [S], seq 3477165558, win 14600, options [mss 1460,sackOK,TS val 2745901398 ecr 0,nop,wscale 7], length 0',
    );
    expect(syn.raw).toBe(
      'local_IP > remote_mch_IP: Flags [S], seq 3477165558, win 14600, options [mss 1460\n,sackOK,TS val 2745901398 ecr 0,nop,wscale 7], length 0',
    );
  });

  it('re-joins a line wrapped twice (after a trailing comma and inside the option list)', () => {
    const synAck = packets[1];
    expect([synAck.line, synAck.endLine]).toEqual([10, 12]);
    expect(synAck.text).toBe(
      'remote_mch_IP > local_IP: Flags [S.], seq 4207730004, ack 3477165559, win 4344, options [mss 1448,nop,wscale 0,nop,nop,TS val 615225318 ecr 2745901398, sackOK,eol], length 0',
    );
  });

  it('re-joins "options" / "[nop,...]", "TS" / "val ...", and a timestamped wrapped line', () => {
    expect(packets[4].text).toBe(
      'remote_mch_IP > local_IP: Flags [.], ack 217, win 4560, options [nop,nop,TS val 615225423 ecr 0], length 0',
    );
    expect(packets[6].text).toBe(
      '17:31:57.351655 IP remote_mch_IP > local_IP: Flags [P.], seq 1:900, ack 617, win 4960, options [nop,nop,TS val 615225514 ecr 0], length 899',
    );
    expect(packets[11].text).toBe(
      'remote_mch_IP > local_IP: Flags [.], ack 618, win 4960, options [nop,nop,TS val 615225519 ecr 0], length 0',
    );
    expect(packets[14].text).toBe(
      'remote_mch_IP > local_IP: Flags [S.], seq 292384097, ack 3465124193, win 4344, options [mss 1448,nop,wscale 0,nop,nop,TS val 1517140641 ecr 1897638408,sackOK,eol], length 0',
    );
  });

  it('keeps complete lines alone and every TCP record ends at its length field', () => {
    expect(packets[2]).toEqual({
      line: 13,
      endLine: 13,
      col: 1,
      raw: 'local_IP > remote_mch_IP: Flags [.], ack 1, win 115, length 0',
      text: 'local_IP > remote_mch_IP: Flags [.], ack 1, win 115, length 0',
      details: [],
      dump: [],
      comments: [],
    });
    for (const p of packets) expect(p.text).toMatch(/, length \d+$/);
  });

  it('keeps each prose line as its own record', () => {
    const prose = records.find((r) => r.line === 30);
    expect(prose).toMatchObject({ line: 30, endLine: 30, raw: '出问题时的抓包：', text: '出问题时的抓包：' });
    // A prose line that starts like the `[nop,...]` continuation of line 16 is still prose.
    const flags = records.find((r) => r.line === 41);
    expect(flags).toMatchObject({ line: 41, endLine: 41, text: '[.] 代表只置了 ACK 位' });
    // 44 input lines; 10 are continuations of wrapped records (lines 9, 11, 12, 16, 19, 22, 26, 28, 32, 33).
    expect(records).toHaveLength(44 - 10);
  });

  it('loses no character', () => {
    expect(rebuild(records)).toBe(linesOf(text).join('\n'));
  });
});

describe('seed 001: a glued -vvXe paste with inline commentary', () => {
  const text = seedText('001_');
  const glued = linesOf(text).find((l) => l.startsWith('[root@Cwg ~]# tcpdump -vvXe'));
  const records = recordsFromText(text);
  const lineNo = linesOf(text).indexOf(glued ?? '') + 1;
  const onLine = records.filter((r) => r.line === lineNo);
  const packets = onLine.slice(2);

  it('splits the line into the command, the banner and 6 packets', () => {
    expect(lineNo).toBe(42);
    expect(onLine).toHaveLength(8);
    expect(onLine[0]).toMatchObject({ col: 1, text: '[root@Cwg ~]# tcpdump -vvXe host 112.65.X.X', dump: [] });
    expect(onLine[1]).toMatchObject({
      col: 44,
      text: 'tcpdump: listening on eth0, link-type EN10MB (Ethernet), capture size 65535 bytes',
    });
    for (const r of onLine) expect([r.line, r.endLine]).toEqual([42, 42]);
  });

  it('starts each packet at its timestamp column', () => {
    const line = glued ?? '';
    const stamps = ['09:24:36.947082', '09:24:36.991519', '09:24:36.991570', '09:24:36.991639', '09:24:37.236117', '09:24:37.279333'];
    expect(packets.map((r) => r.col)).toEqual(stamps.map((s) => line.indexOf(s) + 1));
    expect(packets.map((r) => r.text.slice(0, 15))).toEqual(stamps);
  });

  it('joins the -v header with its four-space continuation', () => {
    expect(packets[0].text).toBe(
      '09:24:36.947082 00:e0:4c:1c:1d:2a (oui Unknown) > 38:22:d6:a1:78:66 (oui Unknown), ethertype IPv4 (0x0800), length 74: ' +
        '(tos 0x0, ttl 64, id 3092, offset 0, flags [DF], proto TCP (6), length 60) ' +
        '188.188.3.240.a3-sdunode > www.testaaa.com.http: Flags [S], cksum 0xa4f2 (correct), seq 2466954207, win 14600, ' +
        'options [mss 1460,sackOK,TS val 949598155 ecr 0,nop,wscale 7], length 0',
    );
    expect(packets[5].text).toBe(
      '09:24:37.279333 38:22:d6:a1:78:66 (oui Unknown) > 00:e0:4c:1c:1d:2a (oui Unknown), ethertype IPv4 (0x0800), length 60: ' +
        '(tos 0x0, ttl 52, id 1223, offset 0, flags [none], proto TCP (6), length 40) ' +
        'www.testaaa.com.http > 188.188.3.240.a3-sdunode: Flags [R], cksum 0x9f93 (correct), seq 1671696167, win 0, length 0',
    );
  });

  it('gives each packet its own dump lines, cut by the hex byte count', () => {
    expect(packets.map((r) => r.dump.length)).toEqual([4, 4, 3, 14, 14, 3]);
    expect(packets[0].dump[0]).toBe('        0x0000:  4500 003c 0c14 4000 4006 1a26 bcbc 03f0  E..<..@.@..&....');
    expect(packets[0].dump[3]).toBe('        0x0030:  3899 b7cb 0000 0000 0103 0307            8...........');
    expect(packets[1].dump[3]).toBe('        0x0030:  0101 0402                                ....');
    expect(packets[3].dump[13]).toBe('        0x00d0:  0a0d 0a                                  ...');
    expect(packets[5].dump[2]).toBe('        0x0020:  5004 0000 9f93 0000 0000 0000 0000       P.............');
    for (const p of packets) expect(p.dump.map((d) => d.trim().slice(0, 6))).toEqual(p.dump.map((_, i) => `0x00${i.toString(16)}0`));
  });

  it('pulls out the inline commentary, four-space gaps inside it included', () => {
    expect(packets.map((r) => r.comments)).toEqual([
      ['//改写：第一个报文，客户端发出的 SYN'],
      ['//改写：第二个报文，服务端回 SYN+ACK，ack 2466954208'],
      ['//改写：客户端回 ACK，握手完成'],
      ['//改写：P 表示推送数据'],
      ['//改写：请求又发了一次'],
      ['//改写：R 表示复位    客户端一侧只看到这一个 RST'],
    ]);
    expect(packets[0].raw).toContain('//改写：第一个报文');
  });

  it('tiles the glued line exactly with the records raw text', () => {
    expect(onLine.map((r) => r.raw).join('')).toBe(glued);
    expect(rebuild(records)).toBe(linesOf(text).join('\n'));
  });

  it('keeps the prose and the curl lines as their own records', () => {
    expect(records.find((r) => r.line === 34)?.text).toBe('[root@Cwg ~]# curl --head http://www.testaaa.com/');
    expect(records.find((r) => r.line === 35)?.text).toBe('curl: (56) Recv failure: Connection reset by peer');
    expect(records.filter((r) => r.line !== lineNo).every((r) => r.line === r.endLine && r.col === 1)).toBe(true);
  });
});

describe('seeds 002-004: blog posts with prose, prompts, fences and tcpdump lines', () => {
  const STAMPED = /^\d\d:\d\d:\d\d\.\d{6} IP /;

  for (const prefix of ['002_', '003_', '004_']) {
    it(`seed ${prefix} gives one record per line and loses nothing`, () => {
      const text = seedText(prefix);
      const lines = linesOf(text);
      const records = recordsFromText(text);
      expect(records).toHaveLength(lines.length);
      records.forEach((r, i) => {
        expect([r.line, r.endLine, r.col, r.raw]).toEqual([i + 1, i + 1, 1, lines[i]]);
        expect(r.text).toBe(lines[i].trimEnd());
      });
      expect(rebuild(records)).toBe(lines.join('\n'));
    });
  }

  it('seed 003: every tcpdump line, banner and stats line is its own record', () => {
    const records = recordsFromText(seedText('003_'));
    const tcp = records.filter((r) => STAMPED.test(r.text));
    expect(tcp).toHaveLength(88);
    expect(tcp[0].text).toBe(
      '09:07:00.881609 IP 172.17.0.2.56878 > 180.101.49.12.443: Flags [S], seq 467889658, win 64240, options [mss 1460,sackOK,TS val 2060837270 ecr 0,nop,wscale 7], length 0',
    );
    expect(records[42].text).toBe('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode');
    expect(records[43].text).toBe('listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes');
    expect(records.map((r) => r.text)).toContain('26 packets captured');
  });

  it('seed 004: a packet quoted inside prose stays one prose record', () => {
    const records = recordsFromText(seedText('004_'));
    expect(records.filter((r) => STAMPED.test(r.text))).toHaveLength(15);
    const quoted = records.find((r) => r.text.startsWith('3.客户端在17:38:17.830139回 ACK'));
    expect(quoted?.text).toContain('17:38:17.848272 IP 120.132.11.203.48096 > VM_0_9_centos.ddi-tcp-1: Flags [.], ack 1');
    expect([quoted?.line, quoted?.col]).toEqual([180, 1]);
  });
});
