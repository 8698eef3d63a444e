// Two views in one paste (issue 12): seed 004 pastes the server's lines and the client's lines of one connection
// (and of a second one, at the close); `explain` on the whole post says they are one connection seen at both ends
// through NAT, names the mapping and gives the commands for `tcplain pair` (correlate/same-post.ts).

import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { sedLines } from '../../src/correlate';
import { createAnnotator, type ReportItem, type TwinsView } from '../../src/report/annotate';
import { seedText } from '../helpers/fixtures';
import { readText, repoPath } from './helpers';

function items(text: string, lang: 'en' | 'zh-CN', source?: string): ReportItem[] {
  const an = createAnnotator({ lang, source });
  const out = parseRecords(recordsFromText(text)).flatMap((r) => an.push(r));
  out.push(...an.finish());
  return out;
}

const twinsOf = (all: ReportItem[]): TwinsView[] => all.filter((i): i is TwinsView => i.kind === 'twins');

const CLIENT_1 = { host: '10.23.185.135', port: 48096, service: null };
const SERVER_C = { host: '106.53.211.6', port: 8888, service: null };
const CLIENT_S = { host: '120.132.11.203', port: 48096, service: null };
const SERVER_S = { host: 'VM_0_9_centos', port: 8888, service: 'ddi-tcp-1' };

describe('seed 004: the client capture and the server capture pasted in one post', () => {
  const all = items(seedText('004'), 'en', 'post.txt');
  const twins = twinsOf(all);

  it('is told once, after every verdict: c3 (client, 168–190) = c2 (server, 154–196), c4 (204–206) = c5 (210–212)', () => {
    expect(twins).toHaveLength(1);
    expect(all.at(-1)).toBe(twins[0]);
    expect(twins[0].report.twins).toEqual([
      {
        clientView: { conn: 'c3', client: CLIENT_1, server: SERVER_C, firstLine: 168, lastLine: 190 },
        serverView: { conn: 'c2', client: CLIENT_S, server: SERVER_S, firstLine: 154, lastLine: 196 },
        sidesKnown: true,
        isns: [734888645, 1632166146],
        sameTs: 5,
        gap: 0.018848,
        // The SYN left the client with MSS 1414 and reached the server with 1412; the SYN-ACK left with 1460, arrived with 1412.
        mss: { syn: { sent: 1414, received: 1412 }, synAck: { sent: 1460, received: 1412 } },
      },
      {
        clientView: { conn: 'c4', client: { ...CLIENT_1, port: 48206 }, server: SERVER_C, firstLine: 204, lastLine: 206 },
        serverView: { conn: 'c5', client: { ...CLIENT_S, port: 48206 }, server: SERVER_S, firstLine: 210, lastLine: 212 },
        sidesKnown: true,
        isns: [],
        sameTs: 2,
        gap: 0.0217,
        mss: { syn: null, synAck: null },
      },
    ]);
  });

  it('lists the packet lines of each side (the quoted line 180 in the author\'s prose is not a packet of either)', () => {
    expect(twins[0].report.clientLines).toEqual([168, 170, 172, 188, 190, 204, 206]);
    expect(twins[0].report.serverLines).toEqual([154, 156, 158, 194, 196, 210, 212]);
    expect(twins[0].commands).toBe(
      "sed -n '168p;170p;172p;188p;190p;204p;206p' post.txt > client.txt; sed -n '154p;156p;158p;194p;196p;210p;212p' post.txt > server.txt; tcplain pair client.txt server.txt",
    );
  });

  it('en words: evidence, sides, mapping, and the commands on their own line', () => {
    expect(twins[0].text).toEqual([
      "Connections c3 (lines 168–190) and c2 (lines 154–196) are one connection seen at both ends through NAT, not two connections: the same ISNs both ways (734888645 and 1632166146); 5 segments with the same TS val and echo, flags and length; the first of them from the client shows in the server's capture 18.8 ms later than in the client's (the two clocks' offset plus the one-way delay). c3 was captured at the client, c2 at the server. Mapping: the client 10.23.185.135:48096 appears as 120.132.11.203:48096 at the server; the server the client reached as 106.53.211.6:8888 is VM_0_9_centos:8888 in the server's own capture. MSS rewritten on the path (SYN 1414→1412, SYN-ACK 1460→1412): a middlebox clamps MSS.",
      "Connections c4 (lines 204–206) and c5 (lines 210–212) are one connection seen at both ends through NAT, not two connections: 2 segments with the same TS val and echo, flags and length; the first of them from the client shows in the server's capture 21.7 ms later than in the client's (the two clocks' offset plus the one-way delay). c4 was captured at the client, c5 at the server. Mapping: the client 10.23.185.135:48206 appears as 120.132.11.203:48206 at the server; the server the client reached as 106.53.211.6:8888 is VM_0_9_centos:8888 in the server's own capture.",
      'To see both views side by side, split the input into the two captures and pair them with these commands:',
      twins[0].commands,
    ]);
  });

  it('zh-CN words', () => {
    const zh = twinsOf(items(seedText('004'), 'zh-CN'))[0];
    expect(zh.text[0]).toBe(
      '连接 c3（第 168–190 行）和 c2（第 154–196 行）是同一个连接经过 NAT 在两端被抓到的两份记录，不是两个连接：两个方向的初始序列号（ISN）都相同（734888645 和 1632166146）；5 个报文段的 TS val、ecr、标志和长度都相同；其中客户端发出的第一个在服务端抓包里比在客户端抓包里晚 18.8 毫秒（两台机器的时钟差加上单程时延）。c3 抓自客户端，c2 抓自服务端。地址映射：客户端 10.23.185.135:48096 在服务端一侧显示为 120.132.11.203:48096；客户端访问的 106.53.211.6:8888 在服务端自己的抓包里是 VM_0_9_centos:8888。路径上改写了 MSS（SYN 1414→1412，SYN-ACK 1460→1412）：有中间设备做 MSS 钳制。',
    );
    expect(zh.text[2]).toBe('要把两份记录对照着看，用下面的命令把输入拆成两份抓包再配对：');
    // A paste read from stdin has no name: the commands call it post.txt.
    expect(zh.commands).toContain("' post.txt > client.txt");
    expect(zh.text.join('')).not.toContain('服务器');
  });
});

describe('no twins where there are none', () => {
  it('one capture of three concurrent connections, and a router capture whose copies are merged', () => {
    expect(twinsOf(items(readText(repoPath('samples/concurrent/n.txt')), 'en'))).toEqual([]);
    expect(twinsOf(items(readText(repoPath('samples/nat-router/router.txt')), 'en'))).toEqual([]);
  });

  it('the client and server captures of nat-basic pasted one after the other are twins', () => {
    const both = `${readText(repoPath('samples/nat-basic/client.txt'))}${readText(repoPath('samples/nat-basic/server.txt'))}`;
    const t = twinsOf(items(both, 'en'));
    expect(t).toHaveLength(1);
    expect(t[0].report.twins.map((x) => [x.clientView.conn, x.serverView.conn, x.isns.length])).toEqual([['c1', 'c2', 2]]);
  });
});

describe('sedLines', () => {
  it('runs of consecutive lines become ranges', () => {
    expect(sedLines([1, 2, 3, 5, 7, 8])).toBe('1,3p;5p;7,8p');
    expect(sedLines([])).toBe('');
  });
});
