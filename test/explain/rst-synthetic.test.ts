// The words of RSTs in the SYNTHETIC captures of review 8, recheck 4 and 5 (test/helpers/synthetic-rst.ts: hand-written,
// since a kernel will not inject RSTs or race a challenge ACK on demand), en and zh-CN, sentence by sentence.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/explain';
import { annotateText } from '../../src/report';
import { CHAL, CLIENT_ABORT, CROSS_AT_CLIENT, GFW, IGN, SERVER_ACK } from '../helpers/synthetic-rst';

/** The notes of the TCP record on `line`. */
function notesAt(text: string, line: number, lang: Lang): string {
  for (const i of annotateText(text, { lang })) {
    if (i.kind === 'record' && i.rec.line === line && i.rec.kind === 'tcp') return i.notes.map((n) => n.text).join('\n');
  }
  throw new Error(`no tcp record on line ${line}`);
}

describe('an injected RST+ACK and bare RST (gfw.txt, -v; recheck 5 E1)', () => {
  it('line 6 is compared with the server\'s real packets (TTL 50, DF) and follows the forged RST of line 5', () => {
    const en = notesAt(GFW, 6, 'en');
    expect(en).toContain(
      "[error] Likely not sent by the server: this RST carries the server's address, but its TTL is 120 while the server's other packets arrive with TTL 50 (another sender, another number of hops away); it lacks the Don't Fragment flag that the server's other packets carry. A device on the path (firewall, IPS, NAT, load balancer) most likely sent it in the server's name; a capture on the server with -v would show whether it ever left the server. It follows the RST on line 5, which was likely not the server's either, within 0.1 ms and in the other RST form: injecting devices often send a RST+ACK and a bare RST together, so the same device most likely sent both. The client's end is already CLOSED: there is nothing left to reset, the RST is discarded (RFC 9293 §3.10.7.1).",
    );
    expect(en).not.toContain('its ACK on line 5');
    expect(en).not.toContain("as on the server's other packets");
    const zh = notesAt(GFW, 6, 'zh-CN');
    expect(zh).toContain(
      '[错误] 很可能不是服务端发出的：这个 RST 带着服务端的地址，但它的 TTL 是 120，而服务端的其他报文到达时 TTL 是 50（另一个发送者，跳数不同）；它没有 DF（不分片）标志，而服务端的其他报文都带有。路径上的某个设备（防火墙、IPS、NAT、负载均衡）很可能以服务端的名义发出了它；在服务端上用 -v 抓包，就能看出它是否从服务端发出过。它紧跟在第 5 行那个同样很可能不是服务端发出的 RST 之后（相隔 0.1 毫秒），形式却是另一种：注入设备常常同时发出一个 RST+ACK 和一个不带 ACK 的 RST，所以两者很可能出自同一台设备。客户端这一端已经是 CLOSED：没有什么可以复位的，这个 RST 被丢弃（RFC 9293 §3.10.7.1）。',
    );
    expect(zh).not.toContain('它的 ACK（第 5 行）');
  });

  it('the same pair a second apart names the gap only, not "together" (the same device is no longer implied)', () => {
    const late = GFW.replace('12:00:00.015100', '12:00:01.015100');
    expect(notesAt(late, 6, 'en')).toContain(" It follows the RST on line 5, which was likely not the server's either, 1 s later. The client's end");
    expect(notesAt(late, 6, 'zh-CN')).toContain('它出现在第 5 行那个同样很可能不是服务端发出的 RST 之后（相隔 1 秒）。客户端这一端');
  });
});

describe('a RST+ACK the server did not take (chal.txt; recheck 5 E2)', () => {
  it('line 8: its seq is right after data the server has not acknowledged yet, so it resets only if that data arrived', () => {
    expect(notesAt(CHAL, 8, 'en')).toContain(
      "Its seq is the byte right after the client's data on line 7, which the server has not acknowledged yet. If that data has reached the server, it accepts the RST and drops the connection at once: its unsent and unacknowledged data is discarded and its application's next call fails with ECONNRESET; if not, the seq is inside its window but not the next byte it expects, and it answers with a challenge ACK instead (RFC 5961 §3.2).",
    );
    expect(notesAt(CHAL, 8, 'zh-CN')).toContain(
      '它的序列号是客户端第 7 行的数据之后的下一个字节，而服务端还没有确认这些数据。如果这些数据已经到达服务端，服务端就接受这个 RST，立即丢弃连接：未发送和未被确认的数据被丢弃，应用程序的下一次调用以 ECONNRESET 失败；如果还没有到达，这个序列号在它的窗口之内却不是它期望的下一个字节，它会回一个挑战 ACK（RFC 5961 §3.2）。',
    );
    // The same RST where the server had acknowledged line 7 first (SERVER_ACK before it, at the server): no hedge.
    const acked = CHAL.split('\n').slice(0, 7).concat(SERVER_ACK, CLIENT_ABORT.replace('021000', '021100')).join('\n');
    expect(notesAt(acked, 9, 'en')).toContain('The server accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once');
  });

  it('line 9: the challenge ACK (ack 87 < the RST\'s seq 173) shows the server still has the connection, and says so', () => {
    expect(notesAt(CHAL, 9, 'en')).toContain(
      "[note] The server still had the connection when it sent this: this ACK expects byte 87 (relative), short of the seq 173 of the client's RST on line 8, so that RST had not reset it. Either this ACK crossed the RST, or the server did not take the RST (its seq was not the next byte it expected, since line 7 had not arrived) and this is its challenge ACK (RFC 5961 §3.2). The server's end is therefore shown as ESTABLISHED again, not CLOSED as on line 8.",
    );
    expect(notesAt(CHAL, 9, 'en')).not.toContain('Duplicate ACK');
    expect(notesAt(CHAL, 9, 'zh-CN')).toContain(
      '[提示] 服务端发出这个报文段时仍然有这个连接：这个 ACK 期望的是第 87 字节（相对值），小于客户端第 8 行那个 RST 的序列号 173，所以那个 RST 并没有让它复位。要么这个 ACK 与那个 RST 擦肩而过，要么服务端没有接受那个 RST（第 7 行没有到达，RST 的序列号不是它期望的下一个字节），这就是它回的挑战 ACK（RFC 5961 §3.2）。因此这里服务端这一端重新显示为 ESTABLISHED，而不是第 8 行所示的 CLOSED。',
    );
  });

  it('line 10: the client\'s bare RST at exactly 1087 is the reply RFC 5961 intends and resets the server', () => {
    const en = notesAt(CHAL, 10, 'en');
    expect(en).toContain('Server: ESTABLISHED → CLOSED (no connection).');
    expect(en).toContain(
      "If the client sent it, its end was already CLOSED (no connection) then. Its own RST on line 8 had already closed its end. The server's ACK on line 9 still expects byte 87 (relative), short of that RST's seq 173: either it crossed the RST, or the server did not take the RST (its seq was not the next byte it expected, since line 7 had not arrived) and answered it with a challenge ACK (RFC 5961 §3.2); this RST, at exactly the seq it expects, is the reply RFC 5961 intends, and it resets the server.",
    );
    expect(en).toContain('The server accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once');
    expect(en).not.toContain('its ACK on line 8');
    expect(en).not.toContain("The server's end is already CLOSED");
    const zh = notesAt(CHAL, 10, 'zh-CN');
    expect(zh).toContain(
      '它自己在第 8 行的 RST 已经关闭了它这一端。服务端第 9 行的 ACK 仍在等待第 87 字节（相对值），小于那个 RST 的序列号 173：要么它与那个 RST 擦肩而过，要么服务端没有接受那个 RST（第 7 行没有到达，RST 的序列号不是它期望的下一个字节），回了一个挑战 ACK（RFC 5961 §3.2）；这个 RST 的序列号正好是它期望的值，正是 RFC 5961 预期的回应，会让服务端复位。',
    );
    expect(zh).not.toContain('服务端这一端已经是 CLOSED');
  });

  it('the crossing (the server\'s ACK of exactly 1173) keeps its words (CROSS_AT_CLIENT line 10)', () => {
    expect(notesAt(CROSS_AT_CLIENT, 10, 'en')).toContain(
      "Its own RST on line 8 had already closed its end: this answers a segment of the server's that crossed that RST (the usual pair of a RST+ACK and then a bare RST). The RST may also not be the client's: a NAT or firewall whose state for this connection expired, or a device forging resets, can send one in this same form; with tcpdump -v, a TTL unlike the client's other packets would show it. The server's end is already CLOSED: there is nothing left to reset, the RST is discarded (RFC 9293 §3.10.7.1).",
    );
    expect(notesAt(CROSS_AT_CLIENT, 10, 'zh-CN')).toContain(
      '它自己在第 8 行的 RST 已经关闭了它这一端：这个 RST 回应的是与那个 RST 擦肩而过的服务端报文段（先 RST+ACK、再一个不带 ACK 的 RST，这是常见的一对）。',
    );
  });
});

describe('a RST is never "its ACK" (ign.txt line 11; recheck 4 Y6)', () => {
  it('the sender\'s last segment was its own RST+ACK, outside the window: either it closed its end then, or it lost the connection', () => {
    const en = notesAt(IGN, 11, 'en');
    expect(en).toContain(
      "Its last segment before was its RST on line 8: if that RST was its own, it closed its end then (whether or not the server took it), and this answers the server's segment on line 10; if not, it lost the connection in between: it restarted, an earlier RST reached it (possibly a forged one), or its connection state expired.",
    );
    expect(en).toContain('The server accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once: its unsent and unacknowledged data (here the 1000 bytes of line 10) is discarded');
    expect(en).not.toContain('its ACK on line 8');
    expect(notesAt(IGN, 9, 'en')).not.toContain('never appeared in the capture');
    expect(notesAt(IGN, 11, 'zh-CN')).toContain(
      '它在此之前的最后一个报文段是它第 8 行的 RST：如果那个 RST 是它自己发的，它那时就关闭了自己这一端（无论服务端是否接受了那个 RST），这个 RST 回应的是服务端第 10 行的报文段；如果不是，它就是在这之间丢失了连接：它重启了、更早有一个 RST 到达了它（可能是伪造的），或者它的连接状态过期了。',
    );
  });
});

describe('ANSWERS NOTHING from a macOS or FreeBSD client (rst-both/server.txt with the client SYN\'s options reordered: SYNTHETIC; recheck 4 Y4)', () => {
  const text = readFileSync(new URL('../../samples/rst-both/server.txt', import.meta.url), 'utf8');
  const syn = /options \[mss 1460,sackOK,TS val (\d+) ecr 0,nop,wscale 10\]/;
  it('names the stack by its SYN layout and its RST+ACK abort (tcp_drop), en and zh-CN', () => {
    const macos = text.replace(syn, 'options [mss 1460,nop,wscale 10,nop,nop,TS val $1 ecr 0,sackOK,eol]');
    expect(notesAt(macos, 14, 'en')).toContain(
      "nor is it an abortive close, which the client's stack (macOS or iOS, by its SYN's option layout) sends with ACK (tcp_drop: tcp_output in CLOSED sends RST+ACK). A device on the path",
    );
    expect(notesAt(macos, 14, 'en')).not.toContain('its ACK on line 13, shows it still had the connection');
    expect(notesAt(macos, 14, 'zh-CN')).toContain('它也不是中止关闭：客户端的协议栈（从 SYN 的选项排列看是 macOS 或 iOS）中止连接时发的是带 ACK 的 RST（tcp_drop：tcp_output 在 CLOSED 状态下发出 RST+ACK）。');
    const freebsd = text.replace(syn, 'options [mss 1460,nop,wscale 10,sackOK,TS val $1 ecr 0]');
    expect(notesAt(freebsd, 14, 'en')).toContain("which the client's stack (FreeBSD, by its SYN's option layout) sends with ACK (tcp_drop: tcp_output in CLOSED sends RST+ACK).");
    expect(notesAt(freebsd, 14, 'zh-CN')).toContain('（从 SYN 的选项排列看是 FreeBSD）中止连接时发的是带 ACK 的 RST（tcp_drop：tcp_output 在 CLOSED 状态下发出 RST+ACK）');
  });
});
