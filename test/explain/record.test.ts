// Notes under records that are not TCP segments: tcpdump's banners, statistics and command line, ICMP, ARP, prose, unparsed lines.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { RecordView } from '../../src/report';
import type { Lang } from '../../src/explain';
import { corpusText, seedText } from '../helpers/fixtures';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');

function views(text: string, lang: Lang): RecordView[] {
  return annotateText(text, { lang }).filter((i): i is RecordView => i.kind === 'record');
}
function notesOf(text: string, needle: string, lang: Lang): string[] {
  const v = views(text, lang).find((r) => r.rec.raw.includes(needle));
  if (!v) throw new Error(`no record with ${needle}`);
  return v.notes.map((n) => n.text);
}

describe("tcpdump's own lines (samples/live-banner/live.txt, seed 003)", () => {
  const live = read('../../samples/live-banner/live.txt');
  it('banner and statistics', () => {
    expect(notesOf(live, 'verbose output suppressed', 'en')).toEqual([
      'tcpdump prints one summary line per packet; -v or -vv would add IP header fields, checksums and more protocol detail.',
    ]);
    expect(notesOf(live, 'listening on eth0', 'en')).toEqual([
      'tcpdump captures live on eth0, link type EN10MB (Ethernet), keeping up to 262144 bytes of each packet (snapshot length).',
    ]);
    expect(notesOf(live, 'listening on eth0', 'zh-CN')).toEqual(['tcpdump 正在 eth0 上实时抓包，链路类型 EN10MB (Ethernet)，每个报文最多保留 262144 字节（快照长度）。']);
    expect(notesOf(live, '11 packets captured', 'en')).toEqual(['11 packets printed by tcpdump.']);
    expect(notesOf(live, '11 packets received by filter', 'en')).toEqual(['11 packets matched the filter.']);
    expect(notesOf(live, '0 packets dropped by kernel', 'en')).toEqual([
      'No packet dropped by the kernel, and every packet the filter matched was captured: the capture is complete.',
    ]);
    expect(notesOf(live, '0 packets dropped by kernel', 'zh-CN')).toEqual(['内核没有丢弃报文，过滤条件匹配的每个报文都被抓到了：抓包是完整的。']);
  });

  it('seed 003: 26 captured, 30 received by filter, 0 dropped by kernel: the last 4 were still buffered, never "complete"', () => {
    const text = seedText('003');
    expect(notesOf(text, '0 packets dropped by kernel', 'en')).toEqual([
      'No packet dropped by the kernel, but the filter matched 30 packets and 26 were captured: the last 4 packets matched but were still in the kernel buffer when tcpdump stopped and were not written to the file. The file lacks them at its end, not in the middle.',
    ]);
    expect(notesOf(text, '0 packets dropped by kernel', 'zh-CN')).toEqual([
      '内核没有丢弃报文，但过滤条件匹配了 30 个报文，只抓到了 26 个：最后 4 个报文已匹配，但 tcpdump 停止时还在内核缓冲区里，没有写入文件。文件缺的是末尾这几个，而不是中间的。',
    ]);
    // These statistics close the `-w baidu.pcap` run, which printed no packet: no connection of the text (the quoted
    // session, the read-back of baidu4.pcap) carries them (tracker.ts TCPDUMP RUNS; review 8 M3).
    const verdicts = annotateText(text, { lang: 'en' }).filter((i) => i.kind === 'connection');
    expect(verdicts).toHaveLength(3);
    expect(verdicts.some((v) => v.verdict.limits.includes('unprinted-at-end') || v.verdict.limits.includes('incomplete-capture'))).toBe(false);
    // A statistics line alone (no counts before it) claims nothing about completeness.
    expect(notesOf('0 packets dropped by kernel', '0 packets dropped by kernel', 'en')).toEqual(['No packet dropped by the kernel.']);
  });

  it('errors, ^C and drops (wording from docs/tcpdump-output.md §9)', () => {
    const text = [
      "tcpdump: eth0: You don't have permission to capture on that device (socket: Operation not permitted)",
      '^C',
      '3 packets dropped by kernel',
    ].join('\n');
    expect(views(text, 'en').map((v) => v.notes.map((n) => n.text))).toEqual([
      [
        "tcpdump error: eth0: You don't have permission to capture on that device (socket: Operation not permitted). Capturing needs root or the CAP_NET_RAW capability (sudo tcpdump ...).",
      ],
      ['^C: the capture was stopped with Ctrl-C; tcpdump prints its counters next.'],
      ["3 packets dropped by the kernel: the capture could not keep up, so gaps in this capture may be the capture's fault, not the network's."],
    ]);
  });

  it('a pasted tcpdump command: each option and the filter', () => {
    const text = seedText('003');
    expect(notesOf(text, '~ # tcpdump -n -S -i eth0 host www.baidu.com', 'en')).toEqual([
      'The tcpdump command that made this capture: tcpdump -n -S -i eth0 host www.baidu.com.',
      '-n: addresses and ports as numbers (no DNS or service names)',
      '-S: absolute sequence numbers (no relative numbering)',
      '-i eth0: capture on this interface',
      'Filter: only packets matching "host www.baidu.com".',
    ]);
    expect(notesOf(text, '~ # tcpdump -n -S -i eth0 host www.baidu.com', 'zh-CN')[2]).toBe('-S：显示绝对序列号（不使用相对序列号）');
  });

  it('prose around the capture gets no notes', () => {
    const text = seedText('003');
    const prose = views(text, 'en').filter((v) => v.rec.kind === 'text');
    expect(prose.length).toBeGreaterThan(20);
    expect(prose.every((v) => v.notes.length === 0)).toBe(true);
  });
});

describe('other protocols (tcpdump test corpus)', () => {
  it('ICMP port unreachable: that port is closed on that host', () => {
    const text = corpusText('local499_synthetic-edgecases.out');
    expect(notesOf(text, 'ICMP 10.0.0.2 tcp port 81 unreachable, length 36', 'en')).toEqual([
      'ICMP port unreachable from 10.0.0.2: nothing listens on TCP port 81 at 10.0.0.2, that port is closed on that host.',
    ]);
    expect(notesOf(text, 'ICMP 10.0.0.2 tcp port 81 unreachable, length 36', 'zh-CN')).toEqual([
      '来自 10.0.0.2 的 ICMP 端口不可达：10.0.0.2 的 TCP 81 端口上没有程序在监听，该端口在那台主机上是关闭的。',
    ]);
  });
  it('a TCP packet tcpdump could not decode', () => {
    const text = corpusText('local499_synthetic-edgecases.out');
    expect(notesOf(text, 'tcp 4 [bad hdr length 16 - too short, < 20]', 'en')).toEqual([
      'A TCP packet tcpdump could not decode as a segment (tcp 4 [bad hdr length 16 - too short, < 20]): no flags or numbers to follow.',
    ]);
  });
  it('DNS question and ping', () => {
    const text = corpusText('arcnet-rfc1051-arp-icmp-http-e.out');
    expect(notesOf(text, '54328+ A? tcpdump.org. (29)', 'en')).toEqual(['DNS query from 10.80.131.1:1024 to 10.80.3.254:53: asks for the A record of tcpdump.org.']);
    expect(notesOf(text, '54328+ A? tcpdump.org. (29)', 'zh-CN')).toEqual(['从 10.80.131.1:1024 到 10.80.3.254:53 的 DNS 查询：查询 tcpdump.org 的 A 记录。']);
    expect(notesOf(text, 'ICMP echo reply, id 58112, seq 0', 'en')).toEqual(['Ping reply: 10.80.131.254 answers 10.80.131.1 (ICMP echo reply): the host is up.']);
  });

  it('ARP request', () => {
    const text = corpusText('bgp-4byte-asn.out');
    expect(notesOf(text, 'Request who-has 1.0.2.1 tell 1.0.2.2', 'en')).toEqual([
      'ARP: 1.0.2.2 asks who has 1.0.2.1, looking up its MAC address on the local network.',
    ]);
  });
});

describe('unparsed records', () => {
  it('every unparsed record is kept as written and says why', () => {
    // Seed 004 pastes a packet line into a sentence, cut before `win`.
    const text = seedText('004');
    for (const lang of ['en', 'zh-CN'] as const) {
      const unparsed = views(text, lang).filter((r) => r.rec.kind === 'unparsed');
      expect(unparsed.length).toBeGreaterThanOrEqual(1);
      for (const v of unparsed) {
        expect(v.rec.raw).toContain('IP 120.132.11.203.48096 > VM_0_9_centos.ddi-tcp-1');
        const rec = v.rec as Extract<typeof v.rec, { kind: 'unparsed' }>;
        expect(v.notes.map((n) => n.text)).toEqual([
          lang === 'en' ? `Not understood, shown as written: ${rec.reason}.` : `无法解析，按原样显示：${rec.reason}。`,
        ]);
      }
    }
  });
});
