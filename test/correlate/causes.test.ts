// Where the fault is: a one-way loss that began while idle (samples/nat-keepalive-cut) and SYNs that never
// reached the server capture point (samples/no-answer against an empty server capture).

import { describe, expect, it } from 'vitest';
import { pairCaptures } from '../../src/correlate';
import { PAIR_CATALOGS, formatPairReportJson, formatPairReportText, unpairedJson } from '../../src/report/format-pair';
import { sampleText, viewOf } from './helpers';

describe('nat-keepalive-cut: the return path died while idle; the NAT mapping still carried the probes', () => {
  const p = pairCaptures(viewOf(sampleText('nat-keepalive-cut', 'client')), viewOf(sampleText('nat-keepalive-cut', 'server'))).pairs[0];

  it('the client’s 3 later segments (2 probes, the RST) still reached the server; the RST is the client’s own', () => {
    expect(p.verdict.code).toBe('corr.lost-in-path');
    expect(p.verdict.dir).toBe('s2c');
    expect(p.verdict.otherWay).toEqual({ delivered: 3, rst: { client: 13, server: 41, sameTs: true } });
    expect(p.findings.filter((f) => f.code === 'corr.rst_not_sent_by_peer' || f.code === 'corr.injected')).toEqual([]);
  });

  it('says one-way loss, not a NAT that forgot the connection (en, zh-CN)', () => {
    const en = PAIR_CATALOGS.en.verdicts['corr.lost-in-path'](p.verdict, p);
    expect(en.where).toBe(
      'Only the server → client direction failed, and it began while the connection sat idle: the client’s 3 later segments still reached the server through the same addresses and ports, so no NAT or firewall forgot the connection. Look at what carries server → client traffic (a route, a firewall rule or a NAT entry dropping that direction only). The client’s RST (client line 13, server line 41) arrived unchanged, with its own TCP timestamp: the client itself gave up; it was not forged.'.replace(/’/g, "'"),
    );
    const zh = PAIR_CATALOGS['zh-CN'].verdicts['corr.lost-in-path'](p.verdict, p);
    expect(zh.where).toBe(
      '只有服务端到客户端这个方向出了问题，而且是在连接空闲期间开始的：客户端之后的 3 个报文段仍经由同样的地址和端口到达了服务端，所以并不是 NAT 或防火墙忘记了这条连接。请检查承载服务端到客户端方向流量的环节（只丢弃这个方向的路由、防火墙规则或 NAT 表项）。客户端的 RST（客户端第 13 行，服务端第 41 行）原样到达，带着它自己的 TCP 时间戳：是客户端自己放弃了连接，不是伪造的。',
    );
    expect(en.where).not.toContain('forgot the connection (its state timeout');
  });
});

describe('no-answer: the client’s SYNs against an empty server capture', () => {
  const r = pairCaptures(viewOf(sampleText('no-answer', 'client')), viewOf(''));

  it('diagnoses the 4 SYNs as never having reached the server capture point', () => {
    expect(r.pairs).toEqual([]);
    expect(r.unpaired).toHaveLength(1);
    expect(r.unpaired[0].diagnosis).toEqual({ code: 'syn-never-arrived', syns: 4, lines: [1, 2, 3, 4], port: 80 });
    expect(unpairedJson(r.unpaired[0]).diagnosis).toEqual({ code: 'syn-never-arrived', syns: 4, lines: [1, 2, 3, 4], port: 80 });
  });

  it('says so with the next step (en, zh-CN)', () => {
    expect(formatPairReportText(r, 'en').split('\n').slice(0, 2)).toEqual([
      'Only in the client capture: c1 192.0.2.2:40009 → 198.51.100.2:80 (client 1–4).',
      "  The client's 4 SYNs (lines 1, 2, 3, 4) never reached the server capture point and nothing answered them: a filter or route between the two capture points dropped them. Next: check the firewall rules, ACLs or security groups on the path for port 80, and that the server capture was taken on the interface the SYNs arrive on, at the same time.",
    ]);
    expect(formatPairReportText(r, 'zh-CN').split('\n')[1]).toBe(
      '  客户端的 4 个 SYN（第 1、2、3、4 行）从未到达服务端抓包点，也没有任何应答：两个抓包点之间的过滤规则或路由丢弃了它们。下一步：检查路径上针对端口 80 的防火墙规则、ACL 或安全组，并确认服务端抓包是在 SYN 应到达的网卡上、同一时间段内抓的。',
    );
  });

  it('a connection that was answered gets no such diagnosis', () => {
    const other = pairCaptures(viewOf(sampleText('nat-basic', 'client')), viewOf(''));
    expect(other.unpaired.map((u) => u.diagnosis)).toEqual([null]);
  });
});

describe('review6 M3: captures that do not overlap in time say so, not "dropped" (no-answer client.txt × nat-basic server.txt)', () => {
  // The client's SYNs are at 11:22:08–11:22:15; the nat-basic server capture runs 11:22:46.071334–11:22:46.423929.
  const r = pairCaptures(viewOf(sampleText('no-answer', 'client')), viewOf(sampleText('nat-basic', 'server')));

  it('diagnoses the SYNs as outside the server capture, with the times of each, in JSON as printed (epoch seconds)', () => {
    const u = r.unpaired.find((x) => x.side === 'client')!;
    expect(u.diagnosis).toMatchObject({ code: 'outside-other-capture', syns: 4, lines: [1, 2, 3, 4], port: 80, clocks: { client: 'date', server: 'date' } });
    expect(unpairedJson(u).diagnosis).toEqual({
      code: 'outside-other-capture',
      syns: 4,
      lines: [1, 2, 3, 4],
      port: 80,
      sent: { first: 1795260128.720879, last: 1795260135.981929 },
      other: { first: 1795260166.071334, last: 1795260166.423929 },
    });
  });

  it('says that the server capture does not cover that time and cannot tell (en, zh-CN)', () => {
    expect(formatPairReportText(r, 'en').split('\n').slice(0, 2)).toEqual([
      'Only in the client capture: c1 192.0.2.2:40009 → 198.51.100.2:80 (client 1–4).',
      "  The server capture does not cover the time of the client's 4 SYNs (lines 1, 2, 3, 4, 2026-11-21 11:22:08.720879 to 2026-11-21 11:22:15.981929): if the two capture clocks agree (no connection could be paired to check them), it starts at 2026-11-21 11:22:46.071334, so it cannot tell whether they reached the server. Next: capture both sides at the same time.",
    ]);
    expect(formatPairReportText(r, 'zh-CN').split('\n')[1]).toBe(
      '  服务端抓包没有覆盖客户端 4 个 SYN 的时间（第 1、2、3、4 行，2026-11-21 11:22:08.720879 至 2026-11-21 11:22:15.981929）：如果两份抓包的时钟一致（没有可配对的连接来核对），它从 2026-11-21 11:22:46.071334 才开始，无法判断这些 SYN 是否到达了服务端。下一步：在两端同时抓包。',
    );
    expect(formatPairReportText(r, 'en')).not.toMatch(/dropped/);
  });

  it('the other way round: SYNs after the server capture ended (no-answer client.txt × refused server.txt, 11:19:42)', () => {
    const late = pairCaptures(viewOf(sampleText('no-answer', 'client')), viewOf(sampleText('refused', 'server')));
    expect(formatPairReportText(late, 'en').split('\n')[1]).toBe(
      "  The server capture does not cover the time of the client's 4 SYNs (lines 1, 2, 3, 4, 2026-11-21 11:22:08.720879 to 2026-11-21 11:22:15.981929): if the two capture clocks agree (no connection could be paired to check them), it ends at 2026-11-21 11:19:42.921873, so it cannot tell whether they reached the server. Next: capture both sides at the same time.",
    );
    expect(formatPairReportText(late, 'zh-CN').split('\n')[1]).toContain('：如果两份抓包的时钟一致（没有可配对的连接来核对），它在 2026-11-21 11:19:42.921873 就已结束，无法判断这些 SYN 是否到达了服务端。');
  });
});

describe('review6 M3: a paired server capture cut short (nat-drops server.txt, its first lines only)', () => {
  const client = viewOf(sampleText('nat-drops', 'client'));
  const cut = (n: number) => sampleText('nat-drops', 'server').split('\n').slice(0, n).join('\n');
  const status = (p: ReturnType<typeof pairCaptures>['pairs'][0], line: number) => p.timeline.find((e) => e.client?.rec.line === line && e.kind !== 'both')?.status;

  it('first 60 lines (30 packets, to 11:22:54.445892): client lines 7 and 26 lost; 28 (sent 30 µs before the end) and the copies the client got twice not judged', () => {
    const p = pairCaptures(client, viewOf(cut(60))).pairs[0];
    expect(p.findings.filter((f) => f.code === 'corr.lost_in_path').flatMap((f) => (f.code === 'corr.lost_in_path' ? f.lines : []))).toEqual([7, 26]);
    expect([status(p, 7), status(p, 26), status(p, 28), status(p, 32), status(p, 33)]).toEqual(['lost', 'lost', 'not-captured', 'not-captured', 'not-captured']);
    expect(p.findings.filter((f) => f.code === 'corr.duplicated_in_path')).toEqual([]);
    expect(p.verdict.code).toBe('corr.lost-in-path');
    expect(PAIR_CATALOGS.en.verdicts['corr.lost-in-path'](p.verdict, p).headline).toBe('2 segments sent by the client never reached the server, in 2 places (lines 7, 26).');
  });

  it('first 20 lines (10 packets): the drop of line 7 comes after the last segment the server capture saw: nothing is called lost', () => {
    const p = pairCaptures(client, viewOf(cut(20))).pairs[0];
    expect(p.timeline.filter((e) => e.status === 'lost')).toEqual([]);
    expect(status(p, 7)).toBe('not-captured');
    expect(p.verdict.code).toBe('corr.nat');
    const json = JSON.parse(formatPairReportJson({ pairs: [p], unpaired: [], clock: null, offset: null }, 'en').split('\n')[0]);
    expect(json.segments.filter((s: { status: string }) => s.status === 'lost')).toEqual([]);
    expect(json.severity.verdict).not.toBe('warn');
    const nc = p.findings.find((f) => f.code === 'corr.not_captured' && f.dir === 'c2s')!;
    expect(PAIR_CATALOGS.en.findings['corr.not_captured'](nc as never)).toBe(
      "47 segments toward the server fell outside the server capture's time span or too near its start or end to be sure it was running when they passed: not judged (neither lost nor forged).",
    );
    expect(PAIR_CATALOGS['zh-CN'].findings['corr.not_captured'](nc as never)).toBe(
      '发往服务端方向有 47 个报文段落在服务端抓包的时间范围之外，或离它的开头、结尾太近，无法确定它们经过时那份抓包是否在运行：不作判断（既不算丢失，也不算伪造）。',
    );
  });
});
