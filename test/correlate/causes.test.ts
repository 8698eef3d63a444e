// Where the fault is: a one-way loss that began while idle (samples/nat-keepalive-cut) and SYNs that never
// reached the server capture point (samples/no-answer against an empty server capture).

import { describe, expect, it } from 'vitest';
import { pairCaptures } from '../../src/correlate';
import { PAIR_CATALOGS, formatPairReportText, unpairedJson } from '../../src/report/format-pair';
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
