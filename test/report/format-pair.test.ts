// Text and JSON renderings of a pair: seed 004 (client behind NAT, server printed by name) in en and zh-CN.

import { describe, expect, it } from 'vitest';
import { CLOCK_BASE, pairCaptures } from '../../src/correlate';
import { formatClientTime, formatPairReportJson, formatPairReportText, formatPairText, pairJson } from '../../src/report/format-pair';
import { seed004, viewOf } from '../correlate/helpers';

const s = seed004();
const report = pairCaptures(viewOf(`${s.handshake.client}\n${s.data.client}`), viewOf(`${s.handshake.server}\n${s.data.server}`));

describe('formatPairText', () => {
  it('en: addresses, clock, rewrites, one timeline with delays, verdict', () => {
    const rows = formatPairText(report.pairs[0], 'en').split('\n');
    expect(rows.slice(1, 9)).toEqual([
      '  10.23.185.135:48096 → 106.53.211.6:8888  ⇄  120.132.11.203:48096 → VM_0_9_centos:8888',
      'Addresses:',
      '  client  10.23.185.135:48096 → 120.132.11.203:48096  (address translated)',
      "  server  106.53.211.6:8888 → VM_0_9_centos:8888 [VM_0_9_centos.ddi-tcp-1]  (a host name, not an address, on one side: if it stands for a private address, this end is translated too, e.g. a cloud's 1:1 NAT; tcpdump -n shows it)",
      'Clocks: the server capture runs 2.224 ms ahead of the client capture; path delay ≈ 15.9 ms each way (round trip 31.8 ms).',
      'Rewritten on the path:',
      '  MSS client → server: sent 1414 (client capture), arrived 1412 (server capture)',
      '  MSS server → client: sent 1460 (server capture), arrived 1412 (client capture)',
    ]);
    expect(rows[10]).toBe('  time             seen by  direction        segment                                                  delay    lines');
    expect(rows[11]).toBe('  17:38:17.797373  both     client → server  [S] seq 0 win 65044 len 0 mss 1414→1412 wscale 7         16.6 ms  client 8, server 8');
    expect(rows[12]).toBe('  17:38:17.814171  both     server → client  [S.] seq 0 ack 1 win 28960 len 0 mss 1460→1412 wscale 7  15.9 ms  client 10, server 10');
    expect(rows.at(-2)).toBe(
      'Verdict: The same connection on both sides, with the MSS lowered on the path: 1414 → 1412 toward the server, 1460 → 1412 toward the client.',
    );
  });

  it('zh-CN: the same facts in Chinese', () => {
    const rows = formatPairText(report.pairs[0], 'zh-CN').split('\n');
    expect(rows).toContain('  服务端  106.53.211.6:8888 → VM_0_9_centos:8888 [VM_0_9_centos.ddi-tcp-1]  （一侧显示的是主机名而不是地址：如果它对应的是私网地址，这一端也做了地址转换，例如云平台的 1:1 NAT；用 tcpdump -n 可以看到）');
    expect(rows).toContain('时钟：服务端抓包的时钟比客户端抓包快 2.224 毫秒；路径单向时延约 15.9 毫秒（往返 31.8 毫秒）。');
    expect(rows).toContain('结论：两边抓到的是同一条连接，MSS 在途中被调低：发往服务端方向 1414 → 1412，发往客户端方向 1460 → 1412。');
  });

  it('prints client-clock times in the client capture’s own format', () => {
    expect(formatClientTime(63497.797373, 'time-of-day')).toBe('17:38:17.797373');
    // Epoch and date times come on the correlator's scale, seconds since CLOCK_BASE.
    expect(formatClientTime(Date.UTC(2026, 10, 21, 11, 22, 46) / 1000 - CLOCK_BASE + 0.071084, 'date')).toBe('2026-11-21 11:22:46.071084');
    expect(formatClientTime(1418145369 - CLOCK_BASE + 0.924505, 'epoch')).toBe('1418145369.924505');
    expect(formatClientTime(null)).toBe('-');
  });
});

describe('JSON Lines', () => {
  it('one kind:"pair" record per connection with the agreed fields', () => {
    const j = pairJson(report.pairs[0], 'en');
    expect({ ...j, details: undefined, evidence: undefined, segments: undefined, where: undefined }).toEqual({
      v: 1,
      kind: 'pair',
      client: 'c1',
      server: 'c1',
      confidence: 1,
      endpoints: {
        client: { client: '10.23.185.135:48096', server: '106.53.211.6:8888' },
        server: { client: '120.132.11.203:48096', server: 'VM_0_9_centos:8888' },
      },
      nat: [
        {
          original: '10.23.185.135:48096',
          translated: '120.132.11.203:48096',
          side: 'client',
          kind: 'address',
          printed: { client: '10.23.185.135.48096', server: '120.132.11.203.48096' },
        },
        {
          original: '106.53.211.6:8888',
          translated: 'VM_0_9_centos:8888',
          side: 'server',
          kind: 'name',
          printed: { client: '106.53.211.6.8888', server: 'VM_0_9_centos.ddi-tcp-1' },
        },
      ],
      clockOffset: 0.0022235,
      delay: 0.0159095,
      rtt: 0.031819,
      seqOffset: { c2s: 0, s2c: 0 },
      onlyClient: [],
      onlyServer: [],
      limits: [],
      rewrites: [
        { field: 'mss', client: 1414, server: 1412, dir: 'c2s', line: 8 },
        { field: 'mss', client: 1412, server: 1460, dir: 's2c', line: 10 },
      ],
      findings: ['corr.nat', 'corr.mss_rewritten'],
      details: undefined,
      evidence: undefined,
      segments: undefined,
      verdict: 'corr.mss-clamped',
      // What --fail-on compares: corr.mss-clamped is a notice, and so is each side's connection verdict here.
      severity: { verdict: 'notice', client: 'notice', server: 'notice' },
      summary: 'The same connection on both sides, with the MSS lowered on the path: 1414 → 1412 toward the server, 1460 → 1412 toward the client.',
      where: undefined,
    });
    expect(j.segments[0]).toEqual({ dir: 'c2s', seen: 'both', status: 'matched', client: 8, server: 8, t: 63497.797373, delay: 0.0166245 });
  });

  it('the report is JSON Lines: pairs, then unpaired connections', () => {
    const lines = formatPairReportJson(report, 'en').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).kind)).toEqual(['pair']);
    expect(formatPairReportText(report, 'en').endsWith('Server capture clock: 2.224 ms ahead of the client capture clock (± 15.9 ms).\n')).toBe(true);
  });
});

describe('verdict wording from the findings', () => {
  it('several lost runs are summed up, one run keeps its own sentence', async () => {
    const { sampleText } = await import('../correlate/helpers');
    const drops = pairCaptures(viewOf(sampleText('nat-drops', 'client')), viewOf(sampleText('nat-drops', 'server')));
    const rows = formatPairText(drops.pairs[0], 'en').split('\n');
    expect(rows.at(-2)).toBe('Verdict: 5 segments sent by the client never reached the server, in 5 places (lines 7, 26, 48, 63, 81).');
    expect(formatPairText(drops.pairs[0], 'zh-CN').split('\n').at(-2)).toBe('结论：客户端发出的 5 个报文段没有到达服务端，共 5 处（第 7、26、48、63、81 行）。');
    const cut = pairCaptures(viewOf(sampleText('nat-keepalive-cut', 'client')), viewOf(sampleText('nat-keepalive-cut', 'server')));
    const v = formatPairText(cut.pairs[0], 'en').split('\n').slice(-2);
    expect(v[0]).toBe('Verdict: The last 3 keep-alive replies sent by the server never reached the client (lines 31, 35, 39 of the server capture).');
    // The client's probes and RST still reached the server: a one-way loss of the replies, not a forgotten NAT entry.
    expect(v[1]).toMatch(/^ {2}Only the server → client direction failed, and it began while the connection sat idle: /);
  });
});

describe('review 8 I9: a host name on one side cannot show the end is the same (a cloud 1:1 NAT is likely)', () => {
  it('the corr.nat finding of kind name, in both languages', async () => {
    const { pairEn } = await import('../../src/explain/locales/pair-en');
    const { pairZhCN } = await import('../../src/explain/locales/pair-zh-CN');
    const f = report.pairs[0].findings.find((x) => x.code === 'corr.nat' && x.kind === 'name');
    expect(f).toBeDefined();
    const nat = f as Extract<typeof f, { code: 'corr.nat' }>;
    expect(pairEn.findings['corr.nat'](nat)).toBe(
      "The server 106.53.211.6:8888 appears in the server capture as VM_0_9_centos:8888: a host name is not an address, so whether this end is translated too (a private address behind a cloud's 1:1 NAT) cannot be told; tcpdump -n shows it.",
    );
    expect(pairZhCN.findings['corr.nat'](nat)).toBe(
      '服务端 106.53.211.6:8888 在服务端抓包中显示为 VM_0_9_centos:8888：主机名不是地址，无法判断这一端是否也做了地址转换（例如云平台 1:1 NAT 后面的私网地址）；用 tcpdump -n 可以看到。',
    );
  });
});
