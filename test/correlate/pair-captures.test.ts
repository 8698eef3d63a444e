// pairCaptures on real two-point captures: seed 004 (pasted blog sections) and the samples/nat-* scenarios.

import { describe, expect, it } from 'vitest';
import { pairCaptures, type ConnectionPair, type CorrFinding } from '../../src/correlate';
import { sampleText, seed004, viewOf } from './helpers';

const pairOf = (client: string, server: string) => pairCaptures(viewOf(client), viewOf(server));
const codes = (p: ConnectionPair): string[] => p.findings.map((f) => f.code);
const only = <C extends CorrFinding['code']>(p: ConnectionPair, code: C) =>
  p.findings.filter((f): f is Extract<CorrFinding, { code: C }> => f.code === code);

describe('seed 004: the same connection captured at the client and behind the NAT at the server', () => {
  const s = seed004();
  const report = pairOf(`${s.handshake.client}\n${s.data.client}`, `${s.handshake.server}\n${s.data.server}`);

  it('pairs port 48096 into one connection with the NAT map and the server name ↔ address equivalence', () => {
    expect(report.pairs).toHaveLength(1);
    expect(report.unpaired).toEqual([]);
    const p = report.pairs[0];
    expect(p.nat).toEqual([
      {
        side: 'client',
        original: '10.23.185.135:48096',
        translated: '120.132.11.203:48096',
        kind: 'address',
        printed: { client: '10.23.185.135.48096', server: '120.132.11.203.48096' },
      },
      {
        side: 'server',
        original: '106.53.211.6:8888',
        translated: 'VM_0_9_centos:8888',
        kind: 'name',
        printed: { client: '106.53.211.6.8888', server: 'VM_0_9_centos.ddi-tcp-1' },
      },
    ]);
    expect(p.server.server.service).toBe('ddi-tcp-1');
    expect(p.seqOffset).toEqual({ c2s: 0, s2c: 0 });
    expect(p.confidence).toBeGreaterThanOrEqual(0.99);
    expect(p.evidence.filter((e) => e.kind === 'isn').map((e) => e.dir)).toEqual(['c2s', 's2c']);
    expect(p.evidence.filter((e) => e.kind === 'ts').map((e) => [e.dir, e.count])).toEqual([
      ['c2s', 3],
      ['s2c', 2],
    ]);
  });

  it('reports the MSS clamp both ways: 1414 → 1412 to the server, the SYN-ACK 1460 → 1412 to the client', () => {
    const p = report.pairs[0];
    expect(p.rewrites).toEqual([
      { field: 'mss', dir: 'c2s', client: 1414, server: 1412, line: 8 },
      { field: 'mss', dir: 's2c', client: 1412, server: 1460, line: 10 },
    ]);
    expect(only(p, 'corr.mss_rewritten')).toEqual([
      { code: 'corr.mss_rewritten', dir: 'c2s', from: 1414, to: 1412 },
      { code: 'corr.mss_rewritten', dir: 's2c', from: 1460, to: 1412 },
    ]);
    expect(p.verdict.code).toBe('corr.mss-clamped');
    expect(p.onlyClient).toEqual([]);
    expect(p.onlyServer).toEqual([]);
  });

  it('recovers the clock offset NTP style from the minimum delays both ways', () => {
    const p = report.pairs[0];
    // c2s minimum: the handshake ACK, 17.848272 − 17.830139; s2c minimum: the SYN-ACK, 17.830081 − 17.816395.
    expect(p.clock?.offset).toBeCloseTo((0.018133 - 0.013686) / 2, 9);
    expect(p.clock?.rtt).toBeCloseTo(0.018133 + 0.013686, 9);
    expect(p.clock?.source).toBe('pair');
    // One-way delays corrected by the offset, in µs: e.g. the SYN, 18848 µs on the two clocks − 2223.5 µs offset.
    const delays = p.timeline.map((e) => [e.kind, e.dir, e.client?.rec.line, e.server?.rec.line, Math.round((e.delay ?? NaN) * 1e7) / 10]);
    expect(delays).toEqual([
      ['both', 'c2s', 8, 8, 16624.5],
      ['both', 's2c', 10, 10, 15909.5],
      ['both', 'c2s', 12, 12, 15909.5],
      ['both', 'c2s', 15, 15, 16660.5],
      ['both', 's2c', 17, 17, 16080.5],
    ]);
  });

  it('pairs the 48206 close sections on their TS values alone (no handshake in them)', () => {
    const r = pairOf(s.close.client, s.close.server);
    expect(r.pairs).toHaveLength(1);
    const p = r.pairs[0];
    expect(p.nat[0]).toMatchObject({ side: 'client', original: '10.23.185.135:48206', translated: '120.132.11.203:48206', kind: 'address' });
    expect(p.evidence.filter((e) => e.kind === 'ts').map((e) => e.dir)).toEqual(['c2s', 's2c']);
    expect(p.evidence.some((e) => e.kind === 'isn')).toBe(false);
    expect(p.confidence).toBeGreaterThan(0.9);
    expect(p.verdict.code).toBe('corr.nat');
    expect(p.timeline.map((e) => [e.kind, e.client?.rec.line, e.server?.rec.line])).toEqual([
      ['both', 2, 2],
      ['both', 4, 4],
    ]);
  });

  it('keeps 48096 and 48206 apart when both are in the same captures', () => {
    const r = pairOf(`${s.handshake.client}\n${s.data.client}\n${s.close.client}`, `${s.handshake.server}\n${s.data.server}\n${s.close.server}`);
    expect(r.pairs.map((p) => [p.client.client.port, p.server.client.port])).toEqual([
      [48096, 48096],
      [48206, 48206],
    ]);
  });
});

describe('samples/nat-*: client before a SNAT router, server after it', () => {
  it('nat-basic: address and port translated, nothing else', () => {
    const r = pairOf(sampleText('nat-basic', 'client'), sampleText('nat-basic', 'server'));
    expect(r.pairs).toHaveLength(1);
    const p = r.pairs[0];
    expect(p.nat).toEqual([
      { side: 'client', original: '192.0.2.2:40014', translated: '198.51.100.1:61068', kind: 'address+port', printed: { client: '192.0.2.2.40014', server: '198.51.100.1.61068' } },
    ]);
    expect(p.rewrites).toEqual([]);
    expect(p.onlyClient).toEqual([]);
    expect(p.onlyServer).toEqual([]);
    expect(codes(p)).toEqual(['corr.nat']);
    expect(p.verdict.code).toBe('corr.nat');
    expect(p.timeline).toHaveLength(11);
    expect(p.timeline.every((e) => e.kind === 'both')).toBe(true);
  });

  it('nat-mss-clamp: TCPMSS --set-mss 1200 seen as a rewrite each way', () => {
    const r = pairOf(sampleText('nat-mss-clamp', 'client'), sampleText('nat-mss-clamp', 'server'));
    const p = r.pairs[0];
    expect(p.rewrites).toEqual([
      { field: 'mss', dir: 'c2s', client: 1460, server: 1200, line: 1 },
      { field: 'mss', dir: 's2c', client: 1200, server: 1460, line: 2 },
    ]);
    expect(p.verdict.code).toBe('corr.mss-clamped');
    expect(p.onlyClient).toEqual([]);
    expect(p.onlyServer).toEqual([]);
  });

  it('nat-forged-rst: the RST the server got was never sent by the client, and the evidence says why', () => {
    const r = pairOf(sampleText('nat-forged-rst', 'client'), sampleText('nat-forged-rst', 'server'));
    const p = r.pairs[0];
    expect(p.verdict.code).toBe('corr.rst-injected');
    expect(p.verdict.dir).toBe('c2s');
    expect(p.onlyClient).toEqual([]);
    expect(p.onlyServer).toEqual([16, 23]);
    expect(only(p, 'corr.rst_not_sent_by_peer')).toEqual([
      {
        code: 'corr.rst_not_sent_by_peer',
        dir: 'c2s',
        line: 23,
        evidence: {
          ttl: { seen: 64, peer: 63, seenHops: 0, peerHops: 1 },
          ipId: null,
          tsMissing: null, // N4: a RST's missing TSopt is weakRst.tsMissing only (TSopt is a SHOULD on a RST)
          weakRst: { ipIdZero: true, tsMissing: true, ownLike: 27 },
          fasterThanRtt: null,
        },
      },
    ]);
    // The answer the router rejected never reached the client.
    expect(only(p, 'corr.lost_in_path')).toEqual([{ code: 'corr.lost_in_path', dir: 's2c', count: 1, role: 'data', position: 'middle', lines: [16] }]);
  });

  it('nat-drops: every first transmission the router dropped is client-only (26, not its retransmission 49)', () => {
    const r = pairOf(sampleText('nat-drops', 'client'), sampleText('nat-drops', 'server'));
    const p = r.pairs[0];
    expect(p.verdict.code).toBe('corr.lost-in-path');
    expect(p.onlyClient).toEqual([7, 26, 48, 63, 81]);
    expect(p.onlyServer).toEqual([]);
    expect(only(p, 'corr.lost_in_path').map((f) => [f.dir, f.count, f.role, f.position])).toEqual([
      ['c2s', 1, 'data', 'middle'],
      ['c2s', 1, 'data', 'middle'],
      ['c2s', 1, 'data', 'middle'],
      ['c2s', 1, 'data', 'middle'],
      ['c2s', 1, 'data', 'middle'],
    ]);
    expect(p.verdict.count).toBe(5);
  });

  it('nat-keepalive-cut: the last 3 keep-alive replies never reached the client', () => {
    const r = pairOf(sampleText('nat-keepalive-cut', 'client'), sampleText('nat-keepalive-cut', 'server'));
    const p = r.pairs[0];
    expect(p.verdict.code).toBe('corr.lost-in-path');
    expect(p.verdict.finding).toEqual({ code: 'corr.lost_in_path', dir: 's2c', count: 3, role: 'keep-alive-ack', position: 'end', lines: [31, 35, 39] });
    expect(p.onlyServer).toEqual([31, 35, 39]);
    expect(p.onlyClient).toEqual([]);
  });

  it('two captures of different connections pair nothing: each is reported on its side only', () => {
    const r = pairOf(sampleText('nat-basic', 'client'), sampleText('nat-drops', 'server'));
    expect(r.pairs).toEqual([]);
    expect(r.unpaired.map((u) => [u.side, u.conn.client.port])).toEqual([
      ['client', 40014],
      ['server', 61037],
    ]);
    expect(r.clock).toBeNull();
  });

  it('several connections in each capture pair one to one on invariants, not on order', () => {
    const client = `${sampleText('nat-basic', 'client')}\n${sampleText('nat-mss-clamp', 'client')}`;
    const server = `${sampleText('nat-mss-clamp', 'server')}\n${sampleText('nat-basic', 'server')}`;
    const r = pairOf(client, server);
    expect(r.pairs.map((p) => [p.client.client.port, p.server.client.port, p.verdict.code])).toEqual([
      [40014, 61068, 'corr.nat'],
      [40015, 61035, 'corr.mss-clamped'],
    ]);
    expect(r.unpaired).toEqual([]);
  });
});

describe('timing as evidence of a forged segment', () => {
  it('a RST that arrives sooner after the receiver’s own segment than the round trip allows', () => {
    // The router's RST moved to 2 µs after the server's rejected answer (it came 52 µs after it in the capture).
    const server = sampleText('nat-forged-rst', 'server').replace('11:22:50.062836 IP (tos 0x0, ttl 64, id 0,', '11:22:50.062786 IP (tos 0x0, ttl 64, id 0,');
    const p = pairOf(sampleText('nat-forged-rst', 'client'), server).pairs[0];
    const f = only(p, 'corr.rst_not_sent_by_peer')[0];
    expect(f.evidence.fasterThanRtt?.seconds).toBeCloseTo(0.000002, 7);
    expect(f.evidence.fasterThanRtt?.rtt).toBeCloseTo(p.clock!.rtt, 12);
    expect(p.clock!.rtt).toBeGreaterThan(0.000002);
  });
});
