// Verdicts in words on real captures: headline, summary, next step, and what the client's application reported.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { ConnectionView } from '../../src/report';
import { explainVerdict } from '../../src/explain';
import type { Lang } from '../../src/explain';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { createTracker } from '../../src/track';
import { seedText } from '../helpers/fixtures';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');
const sample = (p: string) => read(`../../samples/${p}`);
const connections = (text: string, lang: Lang) => annotateText(text, { lang }).filter((i): i is ConnectionView => i.kind === 'connection');

describe('seed 001: the server no longer had the connection when the retransmitted HEAD request came', () => {
  const text = seedText('001');
  it('reset-no-connection: the bare RST is the no-connection form; curl (56) on the next read', () => {
    const [c] = connections(text, 'en');
    expect([c.verdict.verdict, c.verdict.phase, c.verdict.resetBy, c.verdict.resetClass]).toEqual(['reset-no-connection', 'after-request', 'server', 'no-connection']);
    expect(c.text.headline).toBe('Reset: the server no longer had this connection');
    expect(c.text.summary).toContain('a RST in the no-connection form (no ACK bit, seq = that segment\'s ack field, RFC 9293 §3.10.7.1): its end was already CLOSED.');
    expect(c.text.summary).toContain('TTL 52, as on the server\'s other packets; IP id 1223 following its counter (1216 before): consistent with the server itself.');
    // The wrong readings of before: the request "reached the server", and this RST suspected of being forged.
    expect(c.text.summary).not.toMatch(/(?<!never )reached the server/);
    expect(c.text.summary).not.toContain('forged RST from a middlebox');
    // All packets share line 42 in this paste: the server's sign of having the connection is named by what it was and
    // by its place on the line (the client's request is not the server's sign).
    expect(c.text.summary).toContain('Its last segment before, its SYN-ACK (packet 2 on line 42), shows it still had the connection then');
    // Two copies of the request, only the last drew the RST: the first never reached the server.
    expect(c.text.summary).toContain(
      'The first copy drew neither an ACK nor a RST: most likely it never reached the server (without the connection, the server would have answered it with a RST a round trip later, as it answered the last copy), or that answer was lost. Whatever dropped the first copy on the path is the prime suspect for what reset the server\'s end.',
    );
    expect(c.text.nextStep).toMatch(/^Find what made the server lose the connection after its SYN-ACK \(packet 2 on line 42\): capture on the server's side with -v/);
    expect(c.text.appSaw).toEqual([
      'The client\'s next read fails with ECONNRESET: curl: (56) Recv failure: Connection reset by peer (older curl such as 7.19.7: (56) Failure when receiving data from the peer)',
      'Node.js: Error: read ECONNRESET',
      'Python: ConnectionResetError: [Errno 104] Connection reset by peer',
      'Java: java.net.SocketException: Connection reset',
    ]);
    const zh = explainVerdict(c.verdict, 'zh-CN');
    expect(zh.headline).toBe('复位：服务端已经没有这个连接了');
    expect(zh.summary).toContain('用无连接形式的 RST 回应了客户端的报文段（不带 ACK 位，序列号 = 那个报文段的确认号，RFC 9293 §3.10.7.1）：它这一端已经是 CLOSED。');
    expect(zh.summary).toContain('它在此之前的最后一个报文段是它的 SYN-ACK（第 42 行第 2 个报文），表明它那时还有这个连接');
    expect(zh.summary).toContain('在路径上丢弃第一份副本的设备，正是复位服务端这一端的头号嫌疑。');
  });
});

describe('samples', () => {
  it('refused → curl (7), ECONNREFUSED, the port named; the RST says no socket took the SYN: closed port or a device answering for it', () => {
    const [c] = connections(sample('refused/client.txt'), 'en');
    expect(c.verdict.verdict).toBe('refused');
    expect(c.text.summary).toBe(
      "The client 192.0.2.2:40003 asked to connect to 198.51.100.2:81; the answer was RST+ACK with ack = its ISN + 1 (RFC 9293 §3.10.7.1). The RST says no socket took the SYN: either the port 81 is closed on the server (no program listens there), or a device in between answered for it (a firewall's REJECT with a reset) and the server never saw the SYN. A closed port and a firewall's REJECT are both possible: with tcpdump -v, a TTL unlike the host's packets on other connections would show a firewall. If this was captured on the server (SYN in, RST out), the server host itself refused it (nothing listens on that port, or a REJECT rule on the server host).",
    );
    expect(c.text.appSaw.slice(0, 2)).toEqual([
      "curl: (7) Failed to connect to 198.51.100.2 port 81 after N ms: Couldn't connect to server (older curl ends with: Connection refused)",
      'Node.js: Error: connect ECONNREFUSED 198.51.100.2:81',
    ]);
    const [zh] = connections(sample('refused/client.txt'), 'zh-CN');
    expect(zh.text.headline).toBe('连接被拒绝：SYN 得到的回应是 RST+ACK');
    expect(zh.text.summary).toContain('这个 RST 表明没有套接字接收这个 SYN：要么服务端的 81 端口是关闭的（没有程序在监听），要么中间的某个设备替它作了回答（防火墙用复位 REJECT），服务端根本没有看到这个 SYN。');
  });

  it('firewall-reject -v: TTL 64, an initial value: possibly the router\'s REJECT; the next step starts with the firewall', () => {
    const [c] = connections(sample('firewall-reject/v.txt'), 'en');
    expect(c.text.headline).toBe("Connection refused: a RST from the capture's own link answered the SYN, possibly a firewall's REJECT");
    expect(c.text.summary).toContain('TTL 64 is an initial value no router has decremented: the RST was sent on the capture\'s own link');
    expect(c.text.nextStep).toMatch(/^Look for a REJECT rule/);
    expect(c.text.appSaw[0]).toBe("curl: (7) Failed to connect to 198.51.100.2 port 80 after N ms: Couldn't connect to server (older curl ends with: Connection refused)");
    const [zh] = connections(sample('firewall-reject/v.txt'), 'zh-CN');
    expect(zh.text.headline).toBe('连接被拒绝：一个来自抓包所在链路的 RST 回应了 SYN，可能是防火墙的 REJECT');
    expect(zh.text.summary).toContain('TTL 64 是一个没有被任何路由器减过的初始值');
  });

  it('middlebox-reset: no-connection on the plain text, likely forged with -v; never "the response was complete"', () => {
    const [n] = connections(sample('middlebox-reset/n.txt'), 'en');
    expect([n.verdict.verdict, n.text.headline]).toEqual(['reset-no-connection', 'Reset: the server no longer had this connection']);
    expect(n.text.summary).toContain("The client's data it answers was never acknowledged (sent 2 times).");
    expect(n.text.summary).toContain("The RST may also not be the server's: a NAT or firewall whose state for this connection expired, or a device forging resets, can send one in this same form; with tcpdump -v, a TTL unlike the server's other packets would show it.");
    const [v] = connections(sample('middlebox-reset/v.txt'), 'en');
    expect([v.verdict.verdict, v.verdict.resetConfidence, v.text.headline]).toEqual(['reset-forged', 'likely', 'Reset likely forged: probably not sent by the server']);
    expect(v.text.summary).toContain("its TTL is 64 while the server's other packets arrive with TTL 63");
    expect(v.text.appSaw[0]).toMatch(/^The client sees an ordinary reset, although the server most likely never sent it: curl: \(56\)/);
    expect(v.text.appSaw[0]).toContain('Python: ConnectionResetError: [Errno 104] Connection reset by peer;');
    // The forged RST is REJECT-shaped (bare R, seq = the request's ack, IP id 0, DF, TTL 64): the rule matched the request.
    expect(v.text.summary).toContain('ended the connection right after the client\'s data segment on line 14, in answer to it');
    expect(v.text.summary).toContain(
      "Its fields (no ACK bit, seq = the ack field of the client's data segment on line 14, IP id 0, DF) are those of any stack's no-connection RST, a Linux host's own (tcp_v4_send_reset) as well as a firewall's REJECT with a TCP reset (iptables REJECT --reject-with tcp-reset, netfilter nf_send_reset); what sets it apart is the TTL, 64 against the server's 63 (64: an initial value, so sent from this capture's own link): a device there sent it. The first copy of that segment (line 7) drew no reset; only its retransmission (line 14) did. A REJECT rule answers every segment it matches (netfilter's nf_send_reset is not rate-limited), so line 7 was lost before it reached that device, or the device's RST to it was lost, or the device let it pass or dropped it and reset later (an IPS, or a rule with state such as -m recent, connbytes or limit). Check that device's rule counters and logs, and whether it also reset the server.",
    );
    // The first copy drew no RST (lost before the device, or a device that drops first): whether the server was reset too only its capture shows
    // (middlebox-reset/server.txt: it was not, still ESTABLISHED).
    expect(v.text.appSaw[1]).toBe(
      'The server may or may not have been reset too: a REJECT rule answers only the sender of the rejected segment, an IPS often resets both ends; a capture at the server would show it (no further segment from the server appears in this capture)',
    );
    const [zh] = connections(sample('middlebox-reset/v.txt'), 'zh-CN');
    expect(zh.text.headline).toBe('复位很可能是伪造的：多半不是服务端发出的');
    expect(zh.text.summary).toContain('是任何协议栈的无连接复位都会有的形式，Linux 主机自己发的（tcp_v4_send_reset）和防火墙用 TCP 复位拒绝的规则（iptables REJECT --reject-with tcp-reset，netfilter nf_send_reset）都一样；真正把它区分出来的是 TTL：这里是 64，而服务端的报文是 63（64 是一个初始值，所以是从本次抓包所在的链路上发出的）：是那里的某个设备发出的。那个报文段的第一份（第 7 行）没有引来复位，只有它的重传（第 14 行）被复位了。REJECT 规则对它匹配到的每个报文段都会回应（netfilter 的 nf_send_reset 不限速），所以可能是第 7 行在到达该设备之前就丢了，或者该设备对它发出的 RST 丢了，或者该设备先放行或丢弃、后来才复位（IPS，或带状态的规则，如 -m recent、connbytes、limit）。请查看该设备的规则计数和日志，并确认它是否也复位了服务端。');
    expect(zh.text.appSaw[1]).toBe('服务端可能也被复位了，也可能没有：REJECT 规则只回应被拒绝报文段的发送方，IPS 常常会复位两端；在服务端一侧抓包就能看出（本次抓包里没有再出现服务端的报文段）');
    for (const c of [n, v]) expect(c.text.appSaw.join(' ')).not.toContain('the response was complete');
  });

  it('nat-forged-rst: on the server "Forged reset: the client did not send it", never "Aborted by the client"; on the client the server had lost the connection', () => {
    const [s] = connections(sample('nat-forged-rst/server.txt'), 'en');
    expect([s.verdict.verdict, s.verdict.resetConfidence, s.text.headline]).toEqual(['reset-forged', 'certain', 'Forged reset: the client did not send it']);
    expect(s.text.summary).toContain('the client kept talking: it sent a FIN on line 25, 2.002 s later, so it never reset');
    // The client's FIN acknowledges none of the server's 78 bytes: it gave up on its own timeout; the server's later
    // RST reaches an orphaned FIN_WAIT_1 socket and reports nothing.
    expect(s.text.appSaw).toEqual([
      'The server application sees ECONNRESET / "Connection reset by peer" although the client never reset',
      "The client never received the server's 78 bytes: it saw no answer, gave up on its own timeout and closed (its FIN on line 25, 2.002 s after the RST), e.g. curl: (28) Operation timed out after N milliseconds with 0 bytes received. The server's RST then reached a socket its application had already closed (FIN_WAIT_1): nothing more is reported.",
    ]);
    expect(s.text.appSaw.join(' ')).not.toContain('(56)');
    const zh = explainVerdict(s.verdict, 'zh-CN');
    expect(zh.headline).toBe('伪造的复位：客户端并没有发出它');
    expect(zh.appSaw[1]).toContain('客户端从未收到服务端的 78 字节：它没有等到回答，在自己的超时到期后放弃并关闭了连接（第 25 行的 FIN，在 RST 之后 2.002 秒）');
    const [sv] = connections(sample('nat-forged-rst/server-v.txt'), 'en');
    expect(sv.text.summary).toContain('ended the connection right after the server\'s data segment on line 16, in answer to it');
    expect(sv.text.summary).toContain('so it never reached the client.');
    expect(zh.summary).toContain('客户端还在继续发送：第 25 行它发出了 FIN（2.002 秒之后），所以它从未复位');
    const [c] = connections(sample('nat-forged-rst/client.txt'), 'en');
    expect([c.verdict.verdict, c.text.headline]).toEqual(['reset-no-connection', 'Reset: the server no longer had this connection']);
    expect(c.text.summary).toContain('Its last segment before, its ACK on line 5, shows it still had the connection then, so it lost it in between');
    expect(c.text.appSaw.join(' ')).not.toContain('the response was complete');
  });

  it('no-answer → four SYNs, curl (28), ETIMEDOUT', () => {
    const [c] = connections(sample('no-answer/client.txt'), 'en');
    expect([c.verdict.verdict, c.verdict.synRetransmissions]).toEqual(['no-answer', 3]);
    expect(c.text.summary).toMatch(/^The client 192\.0\.2\.2:\d+ sent 4 SYNs to 198\.51\.100\.2:80 over 7\.\d+ s and got nothing back/);
    expect(c.text.appSaw[0]).toBe(
      "curl: (28) Connection timed out after N milliseconds, when curl's own --connect-timeout or -m runs out first; when the kernel gives up first (Linux: after net.ipv4.tcp_syn_retries retries, plus tcp_syn_linear_timeouts since 6.5: at the defaults 6 and 4 the last SYN leaves about 67 s after the first and connect() fails about 131 s after it, 127 s before 6.5), also exit code 28: Failed to connect to 198.51.100.2 port 80 after N ms: Couldn't connect to server",
    );
    expect(c.text.appSaw[1]).toBe('Node.js: Error: connect ETIMEDOUT 198.51.100.2:80 (the kernel gave up; Node sets no connect timeout of its own)');
  });

  it('half-closed: the client closed, the server never did (CLOSE_WAIT)', () => {
    const [c] = connections(sample('half-closed/client.txt'), 'en');
    expect(c.verdict.verdict).toBe('half-closed');
    expect(c.text.headline).toBe('Half-closed: only the client sent FIN');
    expect(c.text.nextStep).toBe('Check the server application: many CLOSE_WAIT sockets (ss -tan state close-wait) mean it forgets to close connections.');
    expect(connections(sample('half-closed/client.txt'), 'zh-CN')[0].text.headline).toBe('半关闭：只有客户端发送了 FIN');
  });

  it('idle-reset and client-reset', () => {
    expect(connections(sample('idle-reset/client.txt'), 'en')[0].text.headline).toBe('Reset after a long idle period');
    const [c] = connections(sample('client-reset/client.txt'), 'en');
    expect([c.verdict.verdict, c.text.headline]).toEqual(['reset-by-client', 'Aborted by the client (RST) in the middle of the transfer']);
  });

  it('normal close: four-way and three-way', () => {
    expect(connections(sample('handshake-close/client.txt'), 'zh-CN')[0].text.headline).toBe('正常关闭（四次挥手）');
    expect(connections(sample('three-way-close/client.txt'), 'en')[0].text.headline).toBe('Closed normally (three-way close: one FIN rode on the ACK of the other)');
  });
});

describe('a connection let go to bound memory (TrackerOptions.maxOpen)', () => {
  it('says so in the headline and summary, in both languages', () => {
    const conn = sample('handshake-close/n.txt').split('\n');
    const tracker = createTracker({ maxOpen: 1 });
    const recs = parseRecords(recordsFromText([...conn.slice(0, 3), sample('refused/n.txt').split('\n')[0]].join('\n')));
    const verdicts = recs.flatMap((r) => tracker.push(r).closed);
    expect(verdicts.map((v) => [v.conn, v.verdict, v.evictedAt])).toEqual([['c1', 'open', 4]]);
    const en = explainVerdict(verdicts[0], 'en');
    expect(en.headline).toBe('Still open when tcplain stopped following it');
    expect(en.summary).toBe(
      '0 bytes → and 0 bytes ← so far, and no FIN or RST: a long-lived connection (keep-alive, streaming), or the capture stopped early. (tcplain stopped following this connection at line 4 to keep its memory bounded: too many connections were open at once, and this one had been idle the longest) Likely captured at the client or near it: the SYN-ACK came a round trip after the SYN (0.052 ms), and the ACK followed it at once (0.015 ms): the client\'s own stack answered.',
    );
    const zh = explainVerdict(verdicts[0], 'zh-CN');
    expect(zh.headline).toBe('tcplain 停止跟踪时连接仍然打开');
    expect(zh.summary).toContain('（为了限制内存，tcplain 在第 4 行停止跟踪这个连接：同时打开的连接太多，而它空闲的时间最长）');
    expect(zh.summary.endsWith('抓包很可能位于客户端或其附近：SYN 之后经过一个往返时间才收到 SYN-ACK（0.052 毫秒），而 ACK 紧随其后（0.015 毫秒）：是客户端自己的协议栈作答。')).toBe(true);
  });
});
