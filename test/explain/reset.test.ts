// The words of RST findings on real captures, en and zh-CN: refusal, no-connection (seed 001), abort, forged, the
// claimed sender talking again, acceptance.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { Lang } from '../../src/explain';
import type { Finding } from '../../src/model/findings';
import { describeFinding } from '../../src/explain';
import { seedText } from '../helpers/fixtures';

const sample = (p: string) => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');

/** The notes of the (last) TCP record on `line`: seed 001's paste glues all its packets onto line 42. */
function notesAt(text: string, line: number, lang: Lang): string[] {
  let notes: string[] | null = null;
  for (const i of annotateText(text, { lang })) {
    if (i.kind === 'record' && i.rec.line === line && i.rec.kind === 'tcp') notes = i.notes.map((n) => n.text);
  }
  if (notes === null) throw new Error(`no tcp record on line ${line}`);
  return notes;
}

type Rst = Extract<Finding, { code: 'tcp.rst' }>;

const finding = (notes: string[], prefix: string) => notes.find((n) => n.startsWith(prefix)) ?? '';

describe('RST findings in words', () => {
  it('seed 001: the no-connection RST, not "reset after the request reached the server", not suspected of forgery', () => {
    const en = finding(notesAt(seedText('001'), 42, 'en'), '[error]');
    expect(en).toMatch(/^\[error\] RST without ACK whose seq is the ack field of the client's segment on line 42: the reply of a host that has no connection for these addresses and ports \(RFC 9293 §3\.10\.7\.1\)\. If the server sent it, its end was already CLOSED \(no connection\) then\./);
    expect(en).toContain('an earlier RST reached it (possibly a forged one)');
    expect(en).toContain("The client's data it answers was never acknowledged (sent 2 times).");
    expect(en).toContain('The client accepts it (seq = the next byte it expects, RFC 5961 §3.2)');
    expect(en).not.toContain('the request reached the server');
    const zh = finding(notesAt(seedText('001'), 42, 'zh-CN'), '[错误]');
    expect(zh).toContain('不带 ACK 的 RST，序列号等于客户端第 42 行报文段的确认号：这是没有这个连接（这组地址和端口）的主机发出的回应（RFC 9293 §3.10.7.1）。');
    expect(zh).toContain('如果是服务端发出的，它这一端当时已经是 CLOSED（没有连接）。');
    expect(zh).toContain('TTL 52，与服务端的其他报文相同；IP id 1223 接在它的计数之后（之前是 1216）');
  });

  it('refused: the RST says no socket took the SYN (closed port, or a device answering for it); ECONNREFUSED', () => {
    const en = finding(notesAt(sample('refused/n.txt'), 2, 'en'), '[error]');
    expect(en).toContain(
      "The RST says no socket took the SYN: either the port is closed on the server (no LISTEN there), or a device in between answered for it (a firewall's REJECT with a reset) and the server never saw the SYN.",
    );
    expect(en).not.toContain('CLOSED throughout');
    expect(en).toContain('The client accepts it (its ACK acknowledges the SYN, RFC 9293 §3.10.7.3): connect() fails with ECONNREFUSED.');
    expect(en).not.toContain('(the server was in LISTEN)');
    const syn = notesAt(sample('refused/n.txt'), 1, 'en');
    // Nothing is said of the server's state at the SYN: only its answer tells LISTEN (SYN-ACK) from CLOSED (RST).
    expect(syn.some((n) => n.includes('LISTEN'))).toBe(false);
    const zh = finding(notesAt(sample('refused/n.txt'), 2, 'zh-CN'), '[错误]');
    expect(zh).toContain('这个 RST 表明没有套接字接收这个 SYN：要么服务端上这个端口是关闭的（没有 LISTEN），要么中间的某个设备替它作了回答（防火墙用复位 REJECT），服务端根本没有看到这个 SYN。');
    expect(zh).not.toContain('自始至终');
    expect(zh).toContain('connect() 以 ECONNREFUSED 失败');
  });

  it('server-abort: the abort of the TCP endpoint at the server\'s address (seq = its next sequence number, its timestamps; the window is no evidence)', () => {
    const en = finding(notesAt(sample('server-abort/n.txt'), 6, 'en'), '[error]');
    expect(en).toBe(
      "[error] Abort by the server after the request, before any reply (RST+ACK with seq = the server's next sequence number, its timestamps continuing (TS val +50), which a firewall's REJECT reset, with no TCP options, would not carry: sent by the TCP endpoint at the server's address, the server itself or a proxy/load balancer that terminates TCP in front of it): its application closed the socket with unread data (RFC 9293 §3.6.1, RFC 2525 §2.17; also what a crash or exit does while data is unread) or with SO_LINGER 0 (often on its own timeout). Not a kernel timeout: Linux resets when keep-alive gives up only after unanswered probes, which this capture does not show, and sends no RST when retransmissions give up (tcp_write_err). The client accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once: its unsent and unacknowledged data is discarded and its application's next call fails with ECONNRESET.",
    );
    expect(en).not.toContain('usual window');
    expect(en).not.toContain('retransmission timeout)');
    const zh = finding(notesAt(sample('server-abort/n.txt'), 6, 'zh-CN'), '[错误]');
    expect(zh).toContain('服务端在收到请求之后、回复之前中止了连接（RST+ACK，序列号 = 服务端的下一个序列号，时间戳连续（TS val +50），而防火墙 REJECT 生成的复位不带任何 TCP 选项，不会这样：是服务端地址上的 TCP 端点发出的，可能是服务端本身，也可能是它前面终结 TCP 的代理或负载均衡器）：它的应用程序在还有未读数据时关闭了套接字（RFC 9293 §3.6.1，RFC 2525 §2.17；进程在数据未读时崩溃或退出也是如此），或设置了 SO_LINGER 0（常见于它自己的超时）。不是内核超时：Linux 只有在保活探测无人应答之后才会因保活放弃而发 RST，本抓包中看不到这样的探测；重传超时放弃时不发 RST（tcp_write_err）。');
  });

  it('nat-forged-rst server side: "Likely not sent by the client" (TTL), then the client\'s FIN proves it', () => {
    const text = sample('nat-forged-rst/server.txt');
    const forged = finding(notesAt(text, 23, 'en'), '[error]');
    expect(forged).toBe(
      "[error] Likely not sent by the client: this RST carries the client's address, but its TTL is 64 while the client's other packets arrive with TTL 63 (another sender, another number of hops away). A device on the path (firewall, IPS, NAT, load balancer) most likely sent it in the client's name; a capture on the client with -v would show whether it ever left the client. Its fields (no ACK bit, seq = the ack field of the server's data segment on line 16, IP id 0, DF) are those of any stack's no-connection RST, a Linux host's own (tcp_v4_send_reset) as well as a firewall's REJECT with a TCP reset (iptables REJECT --reject-with tcp-reset, netfilter nf_send_reset); what sets it apart is the TTL, 64 against the client's 63 (64: an initial value, so sent from this capture's own link): most likely a REJECT rule next to this capture point answered that segment and dropped it, so it never reached the client. The server accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once: its unsent and unacknowledged data (here the 78 bytes of line 16) is discarded and its application's next call fails with ECONNRESET.",
    );
    // The client's FIN 2 s later acknowledges none of the server's answer: it never arrived.
    expect(notesAt(text, 25, 'en')).toContain("ack 4081211457 (relative 1): the client never received the server's 78 bytes (sent by line 16, more than a round trip ago); it still expects byte 1.");
    expect(notesAt(text, 25, 'zh-CN')).toContain('ack 4081211457（相对值 1）：客户端没有收到服务端的 78 字节（最后一段在第 16 行发出，已超过一个往返时间）；它期待的下一个字节仍是第 1 字节。');
    const fin = finding(notesAt(text, 25, 'en'), '[error]');
    expect(fin).toBe(
      "[error] The client sends a FIN with newer timestamps 2.002 s after the RST on line 23 that claimed to come from it: an end that reset has no connection left to send on, so that RST was not the client's. Its peer had accepted that RST and has no connection left: it answers such segments with a RST (RFC 9293 §3.10.7.1).",
    );
    expect(notesAt(text, 25, 'en')).toContain('Client: ESTABLISHED → FIN_WAIT_1 (sent its FIN (active close), waiting for it to be acknowledged).');
    const answer = finding(notesAt(text, 27, 'en'), '[error]');
    expect(answer).toContain('The RST on line 23, which claimed to come from the client, had closed the server\'s end: this is its answer to the client\'s next segment.');
    const zh = finding(notesAt(text, 25, 'zh-CN'), '[错误]');
    expect(zh).toBe(
      '[错误] 客户端在第 23 行那个声称来自它的 RST 之后 2.002 秒又发出了 FIN（时间戳更新）：已经复位的一端没有连接可以再发送，所以那个 RST 不是客户端发的。对方已经接受了那个 RST，不再有这个连接：它会用 RST 回应这类报文段（RFC 9293 §3.10.7.1）。',
    );
    expect(finding(notesAt(text, 23, 'zh-CN'), '[错误]')).toContain('很可能不是客户端发出的：这个 RST 带着客户端的地址，但它的 TTL 是 64，而客户端的其他报文到达时 TTL 是 63');
  });

  it('acceptance words: challenge ACK and dropped RSTs (RFC 5961 §3.2, RFC 9293 §3.10.7.3)', () => {
    const base: Omit<Rst, 'acceptance' | 'receiverState'> = {
      code: 'tcp.rst',
      by: 'server',
      state: 'ESTABLISHED',
      phase: 'mid-transfer',
      idleSeconds: null,
      bytesFromClient: 1,
      bytesFromServer: 1,
      class: 'suspect',
      confidence: 'possible',
      evidence: [{ code: 'seq-unlike', seq: 89, expected: 79 }],
      afterLine: null,
      receiverUnacked: null,
    };
    const challenge = describeFinding({ ...base, acceptance: 'challenge', receiverState: 'ESTABLISHED' }, 'en', 'server');
    expect(challenge).toContain("Its seq is inside the client's receive window but not the exact next byte it expects: the client does not reset; it answers with a challenge ACK and keeps the connection (RFC 5961 §3.2).");
    expect(challenge).toMatch(/^Possibly not sent by the server: this RST carries the server's address, but its seq is neither the server's next sequence number nor the ack field of the client's last segment/);
    // Unacknowledged bytes over more than one segment: the count without a line (synthetic finding, wording only).
    const spread = { ...base, acceptance: 'reset', receiverState: 'ESTABLISHED', receiverUnacked: { bytes: 2896, line: null } } as const;
    expect(describeFinding(spread, 'en', 'server')).toContain("drops the connection at once: its unsent and unacknowledged data (here 2896 bytes) is discarded and its application's next call fails with ECONNRESET.");
    expect(describeFinding(spread, 'zh-CN', 'server')).toContain('并立即丢弃连接：未发送和未被确认的数据（这里是 2896 字节）被丢弃，应用程序的下一次调用以 ECONNRESET 失败。');
    const synSent = describeFinding({ ...base, acceptance: 'ignored', receiverState: 'SYN_SENT' }, 'zh-CN', 'server');
    expect(synSent).toContain('客户端处于 SYN_SENT，而这个 RST 没有确认它的 SYN：它被丢弃，连接没有关闭（RFC 9293 §3.10.7.3）。');
    expect(describeFinding({ code: 'tcp.challenge_ack', rstLine: 10 }, 'en', 'client')).toBe(
      'Challenge ACK: the client answers the in-window RST on line 10 with an ACK of what it expects instead of resetting (RFC 5961 §3.2); the connection stays open. A genuine sender whose RST this was would answer it with a RST carrying exactly that seq.',
    );
  });

  it('data after close: the client had closed, the server still sent data; the client\'s TCP reset (en, zh-CN)', () => {
    const more = [
      '11:21:13.300000 IP 198.51.100.2.80 > 192.0.2.2.40011: Flags [P.], seq 79:179, ack 88, win 64, options [nop,nop,TS val 3029087533 ecr 2049720033], length 100: HTTP',
      '11:21:13.300050 IP 192.0.2.2.40011 > 198.51.100.2.80: Flags [R], seq 2359097573, win 0, length 0',
    ];
    const text = `${sample('half-closed/n.txt')}${more.join('\n')}\n`;
    expect(finding(notesAt(text, 11, 'en'), '[error]')).toMatch(
      /^\[error\] Abort: the client had already closed \(its FIN was sent\) and the server still sent data, so the client's TCP reset the connection to show that data was lost \(RFC 9293 §3\.6\.1; Linux counts TCPAbortOnData, and resets only once its application has stopped receiving \(close\(\), or shutdown with SHUT_RD\/SHUT_RDWR\); after shutdown\(SHUT_WR\) alone it would accept the data\)\. This form has no ACK bit and seq = the ack field of the segment it answers\. That data's ack covers the client's FIN: the server's TCP had received the FIN before the data left/,
    );
    expect(finding(notesAt(text, 11, 'zh-CN'), '[错误]')).toContain('中止：客户端已经关闭（发出了 FIN），服务端却还在发送数据，于是客户端的 TCP 复位连接，表示这些数据丢失了');
    const [c] = annotateText(text, { lang: 'en' }).filter((i) => i.kind === 'connection');
    expect(c.kind === 'connection' && c.text.appSaw).toEqual([
      'The client application had already closed the socket: it sees nothing',
      "The server application, if it still reads or writes: reads return 0 (the client's FIN came first) and, on Linux, a write fails with EPIPE (Broken pipe; SIGPIPE unless ignored)",
    ]);
  });

  it('idle-reset: the server\'s own TCP (window and TS val continue) closed abortively on its idle timeout; no "who sent it" limit', () => {
    const text = sample('idle-reset/n.txt');
    expect(finding(notesAt(text, 8, 'en'), '[error]')).toBe(
      "[error] Abort by the server after a long silence (RST+ACK with seq = the server's next sequence number, its timestamps continuing (TS val +3001), which a firewall's REJECT reset, with no TCP options, would not carry: sent by the TCP endpoint at the server's address, the server itself or a proxy/load balancer that terminates TCP in front of it), 3 s after the last segment: its application's idle timeout closed the connection abortively (SO_LINGER 0, or close() with unread data, RFC 9293 §3.6.1); a plain close() would have sent a FIN. The client accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once: its unsent and unacknowledged data is discarded and its application's next call fails with ECONNRESET.",
    );
    expect(finding(notesAt(text, 8, 'zh-CN'), '[错误]')).toContain('距上一个报文段 3 秒：它的应用程序的空闲超时以中止方式关闭了连接（SO_LINGER 0，或在还有未读数据时 close()，RFC 9293 §3.6.1）；普通的 close() 会发出 FIN。');
    const [c] = annotateText(text, { lang: 'en' }).filter((i) => i.kind === 'connection');
    if (c.kind !== 'connection') throw new Error('no verdict');
    expect(c.text.summary).toContain(
      "sat idle and was then reset by the TCP endpoint at the server's address (its RST continues that endpoint's timestamps, which a firewall's REJECT reset, with no TCP options, would not carry): the server itself or a proxy/load balancer that terminates TCP in front of it; only a capture at the server (with -v) proves which. Its application's idle timeout closed the connection abortively",
    );
    const [z] = annotateText(text, { lang: 'zh-CN' }).filter((i) => i.kind === 'connection');
    expect(z.kind === 'connection' && z.text.summary).toContain(
      '随后被服务端地址上的 TCP 端点复位（这个 RST 延续了该端点的时间戳，而防火墙 REJECT 生成的复位不带任何 TCP 选项）：可能是服务端本身，也可能是它前面终结 TCP 的代理或负载均衡器；只有在服务端一侧用 -v 抓包才能确定。',
    );
    expect(c.text.summary).not.toContain('load balancer, NAT or firewall dropped it');
    expect(c.text.nextStep).not.toContain('who really sent the RST');
  });

  it('nat-keepalive-cut client: the RST is the kernel\'s keep-alive give-up, not an application abort mid-transfer', () => {
    const text = sample('nat-keepalive-cut/client.txt');
    const en = finding(notesAt(text, 13, 'en'), '[error]');
    expect(en).toMatch(
      /^\[error\] RST sent by the client's kernel when keep-alive gave up after 3 unanswered probes from line 10 \(Linux tcp_keepalive_timer → tcp_send_active_reset\), not by its application; no data had moved since before line 10\./,
    );
    expect(en).not.toContain('in the middle of the transfer');
    expect(en).not.toContain('unread data');
    expect(finding(notesAt(text, 13, 'zh-CN'), '[错误]')).toMatch(/^\[错误\] 这个 RST 是客户端的内核在保活放弃时发出的：从第 10 行起连续 3 个保活探测没有得到回应/);
  });

  it('seed 000 c2: an exact seq alone does not prove the server\'s own TCP; its window 0 is no evidence either way (review 8 M1)', () => {
    const en = finding(notesAt(seedText('000'), 34, 'en'), '[error]');
    expect(en).toContain(
      "(RST+ACK with seq = the server's next sequence number, which a stateful device on the path can also produce: likely the server's own TCP)",
    );
    expect(en).not.toContain('window 0');
    expect(finding(notesAt(seedText('000'), 34, 'zh-CN'), '[错误]')).toContain('（RST+ACK，序列号 = 服务端的下一个序列号，而路径上的有状态设备也能给出这个序列号：很可能是服务端自己的 TCP 发出的）');
    const c2 = annotateText(seedText('000'), { lang: 'en' }).filter((i) => i.kind === 'connection')[1];
    if (c2.kind !== 'connection') throw new Error('no verdict');
    expect(c2.verdict.verdict).toBe('reset-by-server');
    // Windows/BSD tcp_respond() and Linux's no-socket reply send every RST with window 0: not evidence (JSON too).
    expect(c2.verdict.resetEvidence).toEqual([{ code: 'seq-is-next', seq: 292384098 }]);
    expect(c2.text.summary).toContain(
      "That reading assumes the RST is the server's own: its seq is exact, which a stateful device on the path can also produce; its window 0 proves nothing (Windows and BSD stacks send every RST with window 0). With -v, a TTL unlike the server's packets would show a device resetting in its name.",
    );
    const zh2 = annotateText(seedText('000'), { lang: 'zh-CN' }).filter((i) => i.kind === 'connection')[1];
    expect(zh2.kind === 'connection' && zh2.text.summary).toContain(
      '这个解读以 RST 是服务端自己发的为前提：它的序列号吻合，而路径上的有状态设备也能给出这个序列号；窗口为 0 说明不了什么（Windows 和 BSD 协议栈发出的 RST 窗口一律为 0）。加 -v 时，若 TTL 与服务端报文不同，就说明是某个设备以它的名义复位。',
    );
    // server-abort's RST continues the server's window and timestamps: no such caveat.
    const [sa] = annotateText(sample('server-abort/n.txt'), { lang: 'en' }).filter((i) => i.kind === 'connection');
    expect(sa.kind === 'connection' && sa.text.summary).not.toContain('That reading assumes');
  });

  it('the seq note of every RST: exact resets, in-window draws a challenge ACK, outside is dropped (RFC 5961 §3.2)', () => {
    const notes = notesAt(sample('idle-reset/n.txt'), 8, 'en');
    expect(notes).toContain(
      'seq 79: in a synchronized connection a RST resets only if its seq is exactly the next one the receiver expects; another seq inside the receive window draws a challenge ACK and the connection stays open, one outside it is dropped (RFC 5961 §3.2). Linux (tcp_validate_incoming) also resets on the right edge of its highest SACK block, and on RCV.NXT − 1 after the peer\'s FIN (CLOSE_WAIT, CLOSING, LAST_ACK; tcp_reset_check); otherwise it sends the challenge ACK (tcp_send_challenge_ack). Answering a SYN, its ACK counts instead (RFC 9293 §3.10.7.3).',
    );
    expect(notesAt(sample('idle-reset/n.txt'), 8, 'zh-CN').some((n) => n.includes('以及收到对方 FIN 之后（CLOSE_WAIT、CLOSING、LAST_ACK 状态）的 RCV.NXT − 1（tcp_reset_check）；'))).toBe(true);
    expect(notesAt(sample('idle-reset/n.txt'), 8, 'zh-CN').some((n) => n.includes('序列号在接收窗口内但不相等时，接收方回一个挑战 ACK，连接保持打开；在窗口之外则被丢弃（RFC 5961 §3.2）'))).toBe(true);
  });

  it('rst-both/server.txt (no -v): the client\'s bare RST answers nothing, so it is named likely forged at once (ANSWERS NOTHING)', () => {
    const verdictOf = (lang: Lang) => {
      const [c] = annotateText(sample('rst-both/server.txt'), { lang }).filter((i) => i.kind === 'connection');
      if (c.kind !== 'connection') throw new Error('no verdict');
      return c.text;
    };
    const en = verdictOf('en');
    expect(en.headline).toBe('Reset likely forged: probably not sent by the client');
    expect(en.summary).toContain(
      'but it answers no segment this capture shows: nothing from the server appears after line 12, which the client had acknowledged on line 13 (a segment sent after it would appear before the RST wherever the capture sits on the path, unless the capture missed it: tcpdump\'s "packets dropped by kernel" count, a mirror port that drops, or a reply on another route or interface), and a RST without ACK from a host that lost the connection is a reply to an arriving segment (RFC 9293 §3.10.7.1); nor is it an abortive close, which the client\'s stack (Linux, by its SYN\'s option layout) sends with ACK (tcp_send_active_reset). A device on the path (firewall, IPS, NAT, load balancer) most likely sent it in the client\'s name.',
    );
    expect(verdictOf('zh-CN').summary).toContain(
      '但它没有回应本抓包中的任何报文段：第 12 行之后再没有服务端的报文，而客户端已在第 13 行确认了第 12 行的报文段（此后发出的报文段，无论在路径上哪里抓包，都会先于这个 RST 出现，除非抓包漏掉了它：tcpdump 的“packets dropped by kernel”计数、会丢包的镜像端口，或者走了别的路由或网卡的回包）；已经没有连接的主机发出的不带 ACK 的 RST，是对到达报文段的回复（RFC 9293 §3.10.7.1）；它也不是中止关闭：客户端的协议栈（从 SYN 的选项排列看是 Linux）中止连接时发的是带 ACK 的 RST（tcp_send_active_reset）。',
    );
  });

  it('rst-both -v: no further segment from the server, no REJECT form: "some injecting devices reset both ends", not "it still has the connection"', () => {
    const [c] = annotateText(sample('rst-both/v.txt'), { lang: 'en' }).filter((i) => i.kind === 'connection');
    if (c.kind !== 'connection') throw new Error('no verdict');
    expect(c.text.appSaw).toEqual([
      'The client sees an ordinary reset, although the server most likely never sent it: curl: (56) Recv failure: Connection reset by peer (older curl such as 7.19.7: (56) Failure when receiving data from the peer); Node.js: Error: read ECONNRESET; Python: ConnectionResetError: [Errno 104] Connection reset by peer; Java: java.net.SocketException: Connection reset',
      'Some injecting devices (IPS) reset both ends; if the server was reset too, its next read or write fails with ECONNRESET (no further segment from the server appears in this capture)',
    ]);
  });
});
