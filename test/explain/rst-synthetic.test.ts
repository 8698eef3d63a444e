// The words of RSTs in the SYNTHETIC captures of review 8, recheck 4 and 5 (test/helpers/synthetic-rst.ts: hand-written,
// since a kernel will not inject RSTs or race a challenge ACK on demand), en and zh-CN, sentence by sentence.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/explain';
import { annotateText } from '../../src/report';
import { CHAL, CLIENT_ABORT, CROSS_AT_CLIENT, GFW, GFW_NOV, IGN, SERVER_ACK } from '../helpers/synthetic-rst';

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
      "Its own RST on line 8 had already closed its end: this answers a segment of the server's that crossed that RST (a RST+ACK and then a bare RST are a usual pair when the second answers a segment that crossed the first). The RST may also not be the client's: a NAT or firewall whose state for this connection expired, or a device forging resets, can send one in this same form; with tcpdump -v, a TTL unlike the client's other packets would show it. The server's end is already CLOSED: there is nothing left to reset, the RST is discarded (RFC 9293 §3.10.7.1).",
    );
    expect(notesAt(CROSS_AT_CLIENT, 10, 'zh-CN')).toContain(
      '它自己在第 8 行的 RST 已经关闭了它这一端：这个 RST 回应的是与那个 RST 擦肩而过的服务端报文段（当后一个 RST 回应的是与前一个擦肩而过的报文段时，先 RST+ACK、再一个不带 ACK 的 RST 是常见的一对）。',
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

// Review 9 (W2, M1, M4, I2, I3, I4, I5, N1, N4, N6): the SYNTHETIC captures of test/helpers/synthetic-rst.ts, en and zh-CN.
describe('gfw without -v (GFW_NOV): a RST+ACK without the negotiated timestamps and a bare RST answering nothing (review 9 W2, M1, I2, N4)', () => {
  it('line 5: no timestamps, but only the SYN-ACK shows a Linux layout: a supporting clue, not "possibly" alone (recheck 9 R1, R4)', () => {
    const en = notesAt(GFW_NOV, 5, 'en');
    expect(en).toContain("It carries no timestamps, although both SYNs negotiated them and the server's SYN-ACK carried them; a Linux or FreeBSD stack's abort carries them (tcp_send_active_reset; FreeBSD tcp_output), and the server's SYN-ACK has Linux's option layout; but a SYN proxy in front of another stack can write that SYN-ACK, and macOS, iOS and OpenBSD send every RST without timestamps (RFC 7323 §3.2: SHOULD, not MUST), so this alone proves little. The client accepts it");
    expect(en).toContain('[error] Abort by the server after the request, before any reply (RST+ACK with seq = ');
    expect(en).not.toContain('Possibly not sent by the server');
    expect(en).not.toContain('a Linux or BSD stack');
    const zh = notesAt(GFW_NOV, 5, 'zh-CN');
    expect(zh).toContain('它没有时间戳，而双方的 SYN 都协商了时间戳，服务端的 SYN-ACK 也带着时间戳；Linux 或 FreeBSD 协议栈中止连接时会带上（tcp_send_active_reset；FreeBSD 的 tcp_output），而服务端 SYN-ACK 的选项排列是 Linux 的；但这个 SYN-ACK 也可能是另一种协议栈前面的 SYN 代理写的，而且 macOS、iOS 和 OpenBSD 发出的 RST 一律不带时间戳（RFC 7323 §3.2 只是 SHOULD，不是 MUST），所以单凭这一点说明不了多少。客户端接受它');
    expect(zh).not.toContain('可能不是服务端发出的');
  });

  it('line 6: the client\'s last segment (line 4) is covered by the RST+ACK\'s ack 1087 and nothing follows: it answers nothing, not "a segment that crossed that RST"', () => {
    const en = notesAt(GFW_NOV, 6, 'en');
    expect(en).toContain("[error] Possibly not sent by the server: this RST carries the server's address, but it answers no segment this capture shows: the client's last segment (line 4) is already acknowledged by the RST+ACK on line 5 (ack 1087) and nothing from the client follows; a host without the connection sends a bare RST only in reply to an arriving segment (RFC 9293 §3.10.7.1). A RST+ACK and a bare RST 0.1 ms apart with the same seq is the pattern of an injecting device. A device on the path (firewall, IPS, NAT, load balancer) may have sent it in the server's name; a capture on the server with -v would show whether it ever left the server. The client's end is already CLOSED: there is nothing left to reset, the RST is discarded (RFC 9293 §3.10.7.1).");
    expect(en).not.toContain('crossed that RST');
    const zh = notesAt(GFW_NOV, 6, 'zh-CN');
    expect(zh).toContain("[错误] 可能不是服务端发出的：这个 RST 带着服务端的地址，但它回应的不是本抓包中的任何报文段：客户端的最后一个报文段（第 4 行）已被第 5 行的 RST+ACK 确认（ack 1087），此后客户端没有再发任何报文段；没有这个连接的主机只会在收到报文段时才回一个不带 ACK 的 RST（RFC 9293 §3.10.7.1）。相隔 0.1 毫秒、序列号相同的一个 RST+ACK 加一个不带 ACK 的 RST，是注入设备的典型做法。路径上的某个设备（防火墙、IPS、NAT、负载均衡）可能以服务端的名义发出了它；在服务端上用 -v 抓包，就能看出它是否从服务端发出过。客户端这一端已经是 CLOSED：没有什么可以复位的，这个 RST 被丢弃（RFC 9293 §3.10.7.1）。");
    expect(zh).not.toContain('擦肩而过');
  });

  it('the verdict: possibly forged, in the server\'s name, after the client\'s request (not "the request reached the server")', () => {
    const [en] = annotateText(GFW_NOV, { lang: 'en' }).filter((i) => i.kind === 'connection');
    const [zh] = annotateText(GFW_NOV, { lang: 'zh-CN' }).filter((i) => i.kind === 'connection');
    if (en.kind !== 'connection' || zh.kind !== 'connection') throw new Error('no verdict');
    expect(en.text.headline).toBe("Reset (possibly forged) in the name of the server after the request, before any reply");
    // Recheck 9 R2: the summary says what the RST claims, not that the server ended the connection.
    // Recheck 9b P2: the weight-1 clue (no timestamps, layout known only from the SYN-ACK) comes last, after "also".
    expect(en.text.summary).toContain("A RST in the name of the server 198.51.100.2:80 ended the connection after the request, before any reply, after 86 bytes from the client and 0 bytes from the server in 15.1 ms. Possibly not the server's own: 0.1 ms later a bare RST in its name (line 6) answered no segment, and a RST+ACK followed by a bare RST is the pattern of an injecting device; it also carries no timestamps, although both SYNs negotiated them and the server's SYN-ACK carried them (a weak clue alone: a Linux or FreeBSD stack's abort carries them and that SYN-ACK has Linux's option layout, but a SYN proxy in front of another stack can write that SYN-ACK, and macOS, iOS and OpenBSD send every RST without timestamps; RFC 7323 §3.2: SHOULD, not MUST).");
    expect(en.text.summary).not.toContain('The server 198.51.100.2:80 ended');
    expect(en.text.summary).not.toContain('The request reached the server');
    expect(zh.text.headline).toBe("一个以服务端名义发出的 RST（可能是伪造的）在客户端发出请求之后、收到回复之前复位了连接");
    expect(zh.text.summary).toContain("一个以服务端 198.51.100.2:80 名义发出的 RST 在客户端发出请求之后、收到回复之前结束了连接，此前客户端发送了 86 字节、服务端发送了 0 字节，历时 15.1 毫秒。它可能不是服务端自己发的：0.1 毫秒之后，又有一个以它的名义发出的不带 ACK 的 RST（第 6 行），它不回应任何报文段；先 RST+ACK、再一个不带 ACK 的 RST，是注入设备的典型做法；此外它没有时间戳，而双方的 SYN 都协商了时间戳，服务端的 SYN-ACK 也带着时间戳（单凭这一点是弱线索：Linux 或 FreeBSD 协议栈中止连接时会带上，而那个 SYN-ACK 的选项排列是 Linux 的；但它也可能是另一种协议栈前面的 SYN 代理写的，而且 macOS、iOS 和 OpenBSD 发出的 RST 一律不带时间戳；RFC 7323 §3.2 只是 SHOULD，不是 MUST）。");
    expect(zh.text.summary).not.toContain('在收到请求之后');
  });
});

describe('gfw -v: "most likely never sent it", "would be missing", "next read or write" (review 9 M4, I3)', () => {
  it('what the application saw and the next step hedge a likely (not certain) forgery, en and zh-CN', () => {
    const [en] = annotateText(GFW, { lang: 'en' }).filter((i) => i.kind === 'connection');
    const [zh] = annotateText(GFW, { lang: 'zh-CN' }).filter((i) => i.kind === 'connection');
    if (en.kind !== 'connection' || zh.kind !== 'connection') throw new Error('no verdict');
    expect(en.text.appSaw).toEqual(["The client sees an ordinary reset, although the server most likely never sent it: curl: (56) Recv failure: Connection reset by peer (older curl such as 7.19.7: (56) Failure when receiving data from the peer); Node.js: Error: read ECONNRESET; Python: ConnectionResetError: [Errno 104] Connection reset by peer; Java: java.net.SocketException: Connection reset", "Some injecting devices (IPS) reset both ends; if the server was reset too, its next read or write fails with ECONNRESET (no further segment from the server appears in this capture)"]);
    expect(en.text.nextStep).toBe("Find the device: capture on both ends with -v and compare TTL and IP id of the RST with the server's packets (on the server's own capture the RST would be missing); then check the firewalls, IPS, NAT and load balancers between them (TCP reset rules, rejected replies, idle timeouts).");
    expect(zh.text.appSaw).toEqual(["客户端看到的是一个普通的复位，尽管服务端很可能从未发出它：curl: (56) Recv failure: Connection reset by peer（旧版 curl，如 7.19.7：(56) Failure when receiving data from the peer）；Node.js：Error: read ECONNRESET；Python：ConnectionResetError: [Errno 104] Connection reset by peer；Java：java.net.SocketException: Connection reset", "有些注入设备（IPS）会同时复位两端；如果服务端也被复位了，它的下一次读或写会以 ECONNRESET 失败（本次抓包里没有再出现服务端的报文段）"]);
    expect(zh.text.nextStep).toBe("找出这个设备：在两端都用 -v 抓包，把这个 RST 的 TTL 和 IP id 与服务端的报文比较（服务端自己的抓包里应当没有这个 RST）；然后检查两端之间的防火墙、IPS、NAT 和负载均衡（TCP 复位规则、被拒绝的回包、空闲超时）。");
  });
});

describe('ign: the RST+ACK on line 8 continues the client\'s timestamps (review 9 I4, N6)', () => {
  it('line 8 names the continuing timestamps as evidence it is the client\'s own', () => {
    expect(notesAt(IGN, 8, 'en')).toContain(" Against that, it continues the client's timestamps (TS val 121 after 120), which the client's own TCP writes and a device would have to copy: evidence that it is the client's own.");
    expect(notesAt(IGN, 8, 'zh-CN')).toContain("不过，它延续了客户端的时间戳（TS val 121，此前是 120），这是客户端自己的 TCP 写入的，设备得照抄才行：这是它出自客户端自己的证据。");
  });

  it('what the application saw and the next step: the client dropped the connection by its own abort on line 8, or lost it', () => {
    const [en] = annotateText(IGN, { lang: 'en' }).filter((i) => i.kind === 'connection');
    const [zh] = annotateText(IGN, { lang: 'zh-CN' }).filter((i) => i.kind === 'connection');
    if (en.kind !== 'connection' || zh.kind !== 'connection') throw new Error('no verdict');
    expect(en.text.appSaw).toEqual(["The server application's next read or write on this socket fails with ECONNRESET / \"Connection reset by peer\"; the client had already dropped the connection before this RST (by its own abort on line 8, or by losing it)."]);
    expect(en.text.nextStep.startsWith("If the RST on line 8 left the client (capture there with -v), the client aborted then and this is its no-connection reply; if not, find what made it lose the connection: capture on the client's side with -v (an earlier RST arriving there, and whether its TTL is the server's; a forged one differs), look for a restart of the client host or process, and for NAT, conntrack or firewall idle timeouts on the path.")).toBe(true);
    expect(zh.text.appSaw).toEqual(["服务端应用在这个套接字上的下一次读写以 ECONNRESET / \"Connection reset by peer\" 失败；在这个 RST 之前客户端就已经不再有这个连接（因为第 8 行它自己的中止，或者连接丢失）。"]);
    expect(zh.text.nextStep.startsWith("如果第 8 行的 RST 确实是从客户端发出的（在客户端用 -v 抓包确认），客户端那时就已中止，这个 RST 是它无连接时的回应；否则再查是什么让它丢失了连接：在客户端一侧用 -v 抓包（是否有更早的 RST 到达那里，它的 TTL 是否与服务端的相同；伪造的会不同），检查客户端主机或进程是否重启过，以及路径上 NAT、conntrack 或防火墙的空闲超时。")).toBe(true);
  });
});

describe('chal, timed at the client (review 9 I5, N1)', () => {
  it('the handshake places the capture at the client, so "line 7 had not arrived" agrees with it', () => {
    expect(notesAt(CHAL, 3, 'en')).toContain("[info] Handshake round trip seen from the client: 10 ms (SYN → SYN-ACK); a baseline for judging later delays.");
    const [v] = annotateText(CHAL, { lang: 'en' }).filter((i) => i.kind === 'connection');
    if (v.kind !== 'connection') throw new Error('no verdict');
    expect(v.text.summary).toContain("Likely captured at the client or near it: the SYN-ACK came a round trip after the SYN (10 ms), and the ACK followed it at once (0.05 ms): the client's own stack answered.");
    expect(v.text.summary).not.toContain('captured at the server');
  });

  it('the client aborted after its request, before the reply: not "in the middle of the transfer"', () => {
    const [en] = annotateText(CHAL, { lang: 'en' }).filter((i) => i.kind === 'connection');
    const [zh] = annotateText(CHAL, { lang: 'zh-CN' }).filter((i) => i.kind === 'connection');
    if (en.kind !== 'connection' || zh.kind !== 'connection') throw new Error('no verdict');
    expect(en.text.headline).toBe("Aborted by the client (RST) after its request, before the reply");
    expect(en.text.summary.startsWith("The client 192.0.2.2:40100 ended the connection with RST after its request, before the reply, 31.2 ms after it started")).toBe(true);
    expect(zh.text.headline).toBe("客户端在发出请求之后、收到回复之前中止了连接（RST）");
    expect(notesAt(CHAL, 8, 'en')).toContain("[error] Abort by the client after its request, before the reply");
    expect(notesAt(CHAL, 8, 'zh-CN')).toContain("[错误] 客户端在发出请求之后、收到回复之前中止了连接");
  });
});
