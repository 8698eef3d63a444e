// ORDER ONLY and HOLES FILLED on real captures: samples/nat-drops (the NAT drops client seq 4345, 18825, 31857, 44889,
// 57921 = client.txt lines 7, 26, 48, 63, 81) and nat-drops-down (it drops server seq 4345 and 18825), printed -q on
// the sender's side and -t on the receiver's: same-length segments are never paired by guess, the difference is
// counted, and the receiver's own sequence numbers (holes filled later by a retransmission) tell what happened.

import { describe, expect, it } from 'vitest';
import { pairCaptures } from '../../src/correlate';
import { formatPairText } from '../../src/report/format-pair';
import { readText, repoPath, viewOf } from './helpers';

const text = (scenario: string, f: string): string => readText(repoPath(`samples/${scenario}/${f}.txt`));
const pair = (scenario: string, c: string, s: string) => pairCaptures(viewOf(text(scenario, c)), viewOf(text(scenario, s))).pairs[0];

describe('nat-drops: client -q against server -t', () => {
  const p = pair('nat-drops', 'client-q', 'server-t');
  const en = formatPairText(p, 'en').split('\n');
  const zh = formatPairText(p, 'zh-CN').split('\n');

  it('matched on what the renderings have: no sequence offset from a -q capture', () => {
    expect(p.evidence.map((e) => e.kind)).toEqual(['shape', 'quiet', 'port', 'order-only']);
    expect(en[0]).toBe('Connection c1 (client capture) = c1 (server capture), confidence 0.433 — matched on segment sizes and order, ports');
    expect(zh[0]).toBe('连接 c1（客户端抓包）= c1（服务端抓包），置信度 0.433 — 匹配依据：报文大小和顺序、端口');
  });

  it('the -q limit says size and order, since the server capture has no times', () => {
    expect(en).toContain(
      '  - The client capture has no flags, sequence or acknowledgment numbers (tcpdump -q): forged or rewritten segments cannot be seen; segments are matched by size and order only; no row is judged lost or forged on its own: losses are counted from the other capture\'s sequence numbers.',
    );
    expect(zh).toContain(
      '  - 客户端抓包没有标志位、序列号和确认号（tcpdump -q）：看不出伪造或被改写的报文段；报文段只能按长度和顺序匹配；不会单独判定某一行丢失或伪造，丢失只能根据另一份抓包的序列号计数。',
    );
  });

  it("the 1448-byte segments (46 in the client capture, 41 in the server's) are not paired by guess; the ACKs are, with the client time", () => {
    const rows = p.timeline.map((e) => [e.status, e.client?.rec.line ?? null, e.server?.rec.line ?? null]);
    expect(rows.slice(0, 12)).toEqual([
      ['matched', 1, 1],
      ['matched', 2, 2],
      ['matched', 3, 3],
      ['unordered', null, 4], // seq 1:1449 as the server got it
      ['unordered', 4, null],
      ['unordered', 5, null],
      ['unordered', 6, null],
      ['unordered', 7, null], // the first lost one (seq 4345): not singled out
      ['unordered', 8, null],
      ['matched', 9, 5], // ack 1449, before the data it acknowledges in neither capture
      ['unordered', null, 6],
      ['matched', 10, 7],
    ]);
    expect(p.timeline.filter((e) => e.status === 'unordered' && e.client).length).toBe(46);
    expect(p.timeline.filter((e) => e.status === 'unordered' && e.server).length).toBe(41);
    expect(p.uneven).toEqual([{ dir: 'c2s', len: 1448, more: 'client', count: 5 }]);
    expect(p.onlyClient).toEqual([]);
    expect(p.onlyServer).toEqual([]);
    expect(en).toContain('  time             seen by  direction        segment                                        delay  lines');
    expect(en).toContain('  11:22:54.445729  both     server → client  len 0                                                 client 9, server 5');
    expect(en).toContain('  11:22:54.445614  client   client → server  len 1448                                              client 7');
    expect(en).toContain('  -                server   client → server  [.] seq 1:1449 ack 1 win 64512 len 1448               server 4');
    expect(en.filter((l) => l.includes('‹'))).toEqual([]);
    expect(en).toContain("  5 more 1448-byte segments in the client capture than in the server's; which ones cannot be told from -q.");
    expect(zh).toContain('  时间             出现于  方向             报文段                                         时延  行');
    expect(zh).toContain('  11:22:54.445729  双方    服务端 → 客户端  len 0                                                客户端 9，服务端 5');
    expect(zh).toContain('  客户端抓包比服务端多 5 个 1448 字节的报文段；-q 输出无法确定是哪几个。');
  });

  it('verdict: 5 holes in the server sequence space, each filled by a retransmission (server lines 32, 46, 71, 78, 80)', () => {
    expect(p.verdict).toMatchObject({ code: 'corr.lost-counted', dir: 'c2s', count: 5 });
    expect(en).toContain(
      "Verdict: 5 client segments did not reach the server's capture point: the server's own sequence numbers show 5 holes, each filled later by a retransmission. They were lost between the two capture points (on the path through the NAT; the address translation shows one lies there).",
    );
    expect(en).toContain(
      "  Which of the client's rows they were cannot be told from its -q capture: print it without -q (tcpdump -n) to see their sequence numbers.",
    );
    expect(zh).toContain(
      '结论：有 5 个客户端报文段没有到达服务端抓包点：服务端抓包中的序列号显示 5 个缺口，之后都由重传补上；它们是在两个抓包点之间（经过 NAT 的那段路径上；地址转换说明 NAT 就在其间）丢失的。',
    );
    expect(zh).toContain('  客户端的 -q 抓包无法确定是哪几行；去掉 -q 重新输出（tcpdump -n）即可看到它们的序列号。');
  });

  it('zh pair wording says 序列号, never 序号', () => {
    for (const [c, s] of [['client-q', 'server-t'], ['client-q', 'server-q'], ['client', 'server']]) {
      expect(formatPairText(pair('nat-drops', c, s), 'zh-CN')).not.toMatch(/序号/);
    }
  });
});

describe('nat-drops-down: client -t against server -q (the server is the sender)', () => {
  const p = pair('nat-drops-down', 'client-t', 'server-q');

  it('2 more server segments; the client capture shows 2 holes filled later (client lines 34 and 46)', () => {
    expect(p.uneven).toEqual([{ dir: 's2c', len: 1448, more: 'server', count: 2 }]);
    expect(p.verdict).toMatchObject({ code: 'corr.lost-counted', dir: 's2c', count: 2 });
    const en = formatPairText(p, 'en').split('\n');
    expect(en).toContain("  2 more 1448-byte segments in the server capture than in the client's; which ones cannot be told from -q.");
    expect(en).toContain(
      "Verdict: 2 server segments did not reach the client's capture point: the client's own sequence numbers show 2 holes, each filled later by a retransmission. They were lost between the two capture points (on the path through the NAT; the address translation shows one lies there).",
    );
    const zh = formatPairText(p, 'zh-CN').split('\n');
    expect(zh).toContain('  服务端抓包比客户端多 2 个 1448 字节的报文段；-q 输出无法确定是哪几个。');
    expect(zh).toContain(
      '结论：有 2 个服务端报文段没有到达客户端抓包点：客户端抓包中的序列号显示 2 个缺口，之后都由重传补上；它们是在两个抓包点之间（经过 NAT 的那段路径上；地址转换说明 NAT 就在其间）丢失的。',
    );
  });

  it('-q on both sides has no sequence numbers to count holes with: not judged', () => {
    expect(pair('nat-drops-down', 'client-q', 'server-t').verdict.code).toBe('corr.not-judged');
    expect(pair('nat-drops', 'client-q', 'server-q').verdict.code).toBe('corr.not-judged');
  });

  it('-q on both sides: the -q limit does not promise losses counted from the other capture', () => {
    const both = pair('nat-drops', 'client-q', 'server-q');
    expect(formatPairText(both, 'en').split('\n')).toContain(
      '  - The server capture has no flags, sequence or acknowledgment numbers (tcpdump -q): forged or rewritten segments cannot be seen; segments are matched by size and time only; no row is judged lost or forged on its own.',
    );
    expect(formatPairText(both, 'zh-CN').split('\n')).toContain(
      '  - 服务端抓包没有标志位、序列号和确认号（tcpdump -q）：看不出伪造或被改写的报文段；报文段只能按长度和时间匹配；不会单独判定某一行丢失或伪造。',
    );
  });
});
