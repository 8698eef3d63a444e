// One capture in a NAT router (`-i any`): each forwarded packet printed twice, eth0 In and eth1 Out, recognised as one
// packet (track/copies.ts) on samples/nat-router, a real capture (issue 12, "One capture, both sides of a router").

import { describe, expect, it } from 'vitest';
import { sample, track } from './helpers';
import { views } from '../helpers/views';

/** Every even line copies the odd line before it: 17 packets, each In then Out. */
const PAIRS_N = Array.from({ length: 17 }, (_, i): [number, number] => [2 * i + 2, 2 * i + 1]);

const ROUTED = {
  clientSide: {
    iface: 'eth0',
    client: { host: '192.0.2.2', port: 40036, service: null },
    server: { host: '198.51.100.2', port: 80, service: null },
  },
  serverSide: {
    iface: 'eth1',
    client: { host: '198.51.100.1', port: 61023, service: null },
    server: { host: '198.51.100.2', port: 80, service: null },
  },
  firstPair: [1, 2],
  mss: [
    { sender: 'client', from: 1460, to: 1200 },
    { sender: 'server', from: 1460, to: 1200 },
  ],
  ttlDrop: null,
};

/** What identifies a segment whatever the capture point: flags, relative seq/ack, length. */
const shape = (t: ReturnType<typeof track>) => t.segments.map((s) => [s.a.dir, s.rec.flags, s.a.relSeq, s.a.relAck, s.rec.len].join(' ')).sort();


describe('nat-router/router.txt: the router captured with -i any (-n)', () => {
  const t = track(sample('nat-router/router.txt'));

  it('pairs each eth1/eth0 Out line with the In line before it: 17 copies, none analysed', () => {
    expect(t.copies).toEqual(PAIRS_N);
    expect(t.segments.map((s) => s.rec.line)).toEqual(PAIRS_N.map(([, of]) => of));
  });

  it('is one connection with both sides and the NAT mapping, the MSS clamp both ways, and no retransmission', () => {
    expect(t.verdicts).toHaveLength(1);
    const v = t.verdicts[0];
    expect(v.client).toEqual({ host: '192.0.2.2', port: 40036, service: null });
    expect(v.routed).toEqual(ROUTED);
    expect(v.packets).toEqual({ c2s: 9, s2c: 8 });
    expect(v.verdict).toBe('normal-close');
    expect(v.history).toBe('ShADadFf');
    expect(v.findingCounts).toEqual({ 'tcp.handshake_rtt': 1, 'tcp.options_negotiated': 1 });
    expect(v.retransmissions).toEqual({ rto: 0, fast: 0, tlp: 0, rtoOrTlp: 0, other: 0, spurious: 0 });
    expect(v.capturePoint).toBe('between');
    expect(v.capturePointEvidence).toEqual(['forwarded-copies']);
    expect(t.segments.flatMap((s) => s.a.findings.map((f) => f.code)).filter((c) => c !== 'tcp.handshake_rtt' && c !== 'tcp.options_negotiated')).toEqual([]);
  });

  it('analyses the same 17 segments the client captured, each once (direction, flags, relative seq/ack, length; the client saw some in another order)', () => {
    expect(shape(t)).toEqual(shape(track(sample('nat-router/client.txt'))));
  });
});

describe('nat-router/router-v.txt (-v -n): the same, with the TTL one lower on every copy', () => {
  const t = track(sample('nat-router/router-v.txt'));
  it('17 copies, the TTL drop, the same mapping', () => {
    expect(t.copies).toHaveLength(17);
    expect(t.copies.slice(0, 4)).toEqual([
      [3, 1],
      [7, 5],
      [11, 9],
      [20, 13],
    ]);
    expect(t.verdicts).toHaveLength(1);
    expect(t.verdicts[0].routed).toEqual({ ...ROUTED, firstPair: [1, 3], ttlDrop: 1 });
    expect(t.verdicts[0].retransmissions.rto + t.verdicts[0].retransmissions.other).toBe(0);
  });
});

describe('a client capture on -i any is not a router: Out and In on one eth0 are two packets', () => {
  it('handshake-close/any.txt has no copies', () => {
    const t = track(sample('handshake-close/any.txt'));
    expect(t.copies).toEqual([]);
    expect(t.verdicts[0].routed).toBeUndefined();
  });
});

describe('words for the copies and the routed connection', () => {
  it('en', () => {
    const { records, connections } = views(sample('nat-router/router-v.txt'), 'en');
    expect(records.find((r) => r.rec.line === 3)?.notes.map((n) => n.text)).toEqual([
      "Line 1's packet again, going out on eth1 after coming in on eth0: this host forwarded it; NAT rewrote the source 192.0.2.2:40036 → 198.51.100.1:61023; this host rewrote its MSS option from 1460 to 1200 while forwarding (MSS clamping), so the server will send at most 1200 payload bytes per segment, not 1460 (RFC 9293 §3.7.1). TTL 64 → 63 (this host lowered it by 1 while forwarding). The same transmission printed twice, not a new segment: no retransmission, no duplicate ACK, no state change.",
    ]);
    expect(records.find((r) => r.rec.line === 7)?.notes[0].text).toBe(
      "Line 5's packet again, going out on eth0 after coming in on eth1: this host forwarded it; NAT rewrote the destination 198.51.100.1:61023 → 192.0.2.2:40036; this host rewrote its MSS option from 1460 to 1200 while forwarding (MSS clamping), so the client will send at most 1200 payload bytes per segment, not 1460 (RFC 9293 §3.7.1). TTL 64 → 63 (this host lowered it by 1 while forwarding). The same transmission printed twice, not a new segment: no retransmission, no duplicate ACK, no state change.",
    );
    expect(connections).toHaveLength(1);
    expect(connections[0].text.summary).toContain(
      'Captured on a host that forwards this connection (-i any): each packet shows twice, coming in on one interface and going out on the other; the outgoing copies (e.g. line 3, the forwarded copy of line 1) are not analysed again, so no copy counts as a retransmission. On eth0 the client is 192.0.2.2:40036 and the server 198.51.100.2:80; on eth1 they are 198.51.100.1:61023 and 198.51.100.2:80 (source NAT maps the client 192.0.2.2:40036 to 198.51.100.1:61023). MSS clamping: the client\'s SYN left with MSS 1200 instead of 1460; the server\'s SYN-ACK left with MSS 1200 instead of 1460. Each copy left with a TTL 1 lower (-v).',
    );
  });

  it('zh-CN', () => {
    const { records, connections } = views(sample('nat-router/router-v.txt'), 'zh-CN');
    expect(records.find((r) => r.rec.line === 3)?.notes[0].text).toBe(
      '第 1 行那个包经本机转发后的副本：从 eth0 进来、从 eth1 出去，NAT 把源地址 192.0.2.2:40036 改写为 198.51.100.1:61023。本机转发时把 MSS 选项从 1460 改成了 1200（MSS 钳制），所以服务端每个报文段最多发送 1200 字节载荷，而不是 1460（RFC 9293 §3.7.1）。TTL 64 → 63（经本机转发，TTL 减 1）。同一次发送被打印了两次，不是新的报文段：不算重传，不算重复 ACK，不改变任何状态。',
    );
    expect(connections[0].text.summary).toContain(
      '抓包位于转发这个连接的主机上（-i any）：每个包出现两次，先从一个网卡进来，再从另一个网卡出去；转发出去的副本（例如第 3 行，是第 1 行经本机转发后的副本）不再重复分析，所以没有副本被算作重传。在 eth0 上客户端是 192.0.2.2:40036，服务端是 198.51.100.2:80；在 eth1 上分别是 198.51.100.1:61023 和 198.51.100.2:80（源地址转换把客户端 192.0.2.2:40036 映射为 198.51.100.1:61023）。MSS 钳制：客户端的 SYN 出去时 MSS 为 1200，原为 1460；服务端的 SYN-ACK 出去时 MSS 为 1200，原为 1460。每个副本出去时 TTL 低 1（-v）。',
    );
    expect(connections[0].text.summary).not.toContain('服务器');
  });
});
