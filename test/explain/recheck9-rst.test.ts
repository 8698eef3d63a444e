// Recheck 9 (R1, R4, R7, R8, N-c): what a RST+ACK without timestamps is worth, by the sender's SYN/SYN-ACK option
// layout; the timestamp delta against a SYN-ACK's TS val; the capture-point hedge in the abort next step. en and zh-CN.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/findings';
import { track } from '../track/helpers';
import { CHAL, CLIENT_ABORT_NOTS, CROSS_HEAD, GFW, GFW_NOV, PUREACK } from '../helpers/synthetic-rst';
import { findingsAt, verdictText } from '../helpers/views';

type Rst = Extract<Finding, { code: 'tcp.rst' }>;
const rstAt = (text: string, line: number): Rst => track(text).segments[line - 1].a.findings.find((f) => f.code === 'tcp.rst') as Rst;
const RFC = 'RFC 7323 §3.2';
const sample = (p: string): string => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');

/** SYNTHETIC: samples/server-abort/client.txt with the options removed from the RST+ACK (line 6), as an XNU or OpenBSD server's abort looks. */
const serverAbortNoTs = (): string => {
  const text = sample('server-abort/client.txt');
  const out = text.replace(', options [nop,nop,TS val 3598809819 ecr 2103459757]', '');
  expect(out).not.toBe(text);
  return out;
};

describe('TIMESTAMPS MISSING: evidence by the sender\'s option layout (recheck 9 R1, R4)', () => {
  it('server-abort without TS on the RST+ACK: only the SYN-ACK shows a Linux layout, weight 1: the server\'s own abort, with the hedged clue', () => {
    const text = serverAbortNoTs();
    const rst = rstAt(text, 6);
    expect([rst.class, rst.confidence]).toEqual(['abort', 'likely']);
    expect(rst.evidence.find((e) => e.code === 'timestamps-missing')).toEqual({ code: 'timestamps-missing', last: 3598809769, stack: 'linux', fromSynAck: true });
    expect(verdictText(text, 'en').headline).toBe('Reset by the server after the request, before any reply');
    const en = findingsAt(text, 6, 'en').join('\n');
    expect(en).toContain(
      `It carries no timestamps, although both SYNs negotiated them and the server's segments before it carried them (last TS val 3598809769); a Linux or FreeBSD stack's abort carries them (tcp_send_active_reset; FreeBSD tcp_output), and the server's SYN-ACK has Linux's option layout; but a SYN proxy in front of another stack can write that SYN-ACK, and macOS, iOS and OpenBSD send every RST without timestamps (${RFC}: SHOULD, not MUST), so this alone proves little.`,
    );
    expect(en).not.toContain('Possibly not sent by the server');
    const zh = findingsAt(text, 6, 'zh-CN').join('\n');
    expect(zh).toContain(
      `它没有时间戳，而双方的 SYN 都协商了时间戳，服务端在它之前的报文段也带着时间戳（最后一个 TS val 为 3598809769）；Linux 或 FreeBSD 协议栈中止连接时会带上（tcp_send_active_reset；FreeBSD 的 tcp_output），而服务端 SYN-ACK 的选项排列是 Linux 的；但这个 SYN-ACK 也可能是另一种协议栈前面的 SYN 代理写的，而且 macOS、iOS 和 OpenBSD 发出的 RST 一律不带时间戳（${RFC} 只是 SHOULD，不是 MUST），所以单凭这一点说明不了多少。`,
    );
    expect(verdictText(text, 'zh-CN').headline).toBe('服务端在收到请求之后、回复之前复位了连接');
    // The real capture (TS on the RST+ACK) gets no such clue.
    expect(rstAt(sample('server-abort/client.txt'), 6).evidence.map((e) => e.code)).not.toContain('timestamps-missing');
  });

  it('the client\'s RST+ACK without TS under its own Linux SYN layout: weight 2, possibly not the client\'s (SYNTHETIC)', () => {
    const rst = rstAt(CLIENT_ABORT_NOTS, 8);
    expect([rst.class, rst.confidence]).toEqual(['suspect', 'possible']);
    expect(rst.evidence.find((e) => e.code === 'timestamps-missing')).toEqual({ code: 'timestamps-missing', last: 120, stack: 'linux', fromSynAck: false });
    expect(findingsAt(CLIENT_ABORT_NOTS, 8, 'en').join('\n')).toContain(
      `[error] Possibly not sent by the client: this RST carries the client's address, but it carries no timestamps, although both SYNs negotiated them and the client's segments before it carried them (last TS val 120); a Linux or FreeBSD stack's abort carries them (tcp_send_active_reset; FreeBSD tcp_output), and the client's SYN has Linux's option layout (macOS, iOS and OpenBSD, which send every RST without timestamps as ${RFC} allows, a SHOULD there and not a MUST, lay out their SYN's options otherwise). A device on the path`,
    );
    expect(findingsAt(CLIENT_ABORT_NOTS, 8, 'zh-CN').join('\n')).toContain(
      `[错误] 可能不是客户端发出的：这个 RST 带着客户端的地址，但它没有时间戳，而双方的 SYN 都协商了时间戳，客户端在它之前的报文段也带着时间戳（最后一个 TS val 为 120）；Linux 或 FreeBSD 协议栈中止连接时会带上（tcp_send_active_reset；FreeBSD 的 tcp_output），而客户端 SYN 的选项排列是 Linux 的（macOS、iOS 和 OpenBSD 发出的 RST 一律不带时间戳，${RFC} 对 RST 只是 SHOULD，不是 MUST；而它们 SYN 的选项排列与此不同）。`,
    );
  });

  it('an OpenBSD-like SYN layout: no Linux or FreeBSD layout, weight 1; a macOS layout: no clue at all (SYNTHETIC)', () => {
    const obsd = CLIENT_ABORT_NOTS.replace('mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7', 'mss 1460,nop,nop,sackOK,nop,wscale 7,nop,nop,TS val 100 ecr 0');
    expect(obsd).not.toBe(CLIENT_ABORT_NOTS);
    const rst = rstAt(obsd, 8);
    expect([rst.class, rst.confidence]).toEqual(['abort', 'likely']);
    expect(rst.evidence.find((e) => e.code === 'timestamps-missing')).toEqual({ code: 'timestamps-missing', last: 120, stack: null, fromSynAck: false });
    expect(findingsAt(obsd, 8, 'en').join('\n')).toContain(
      `It carries no timestamps, although both SYNs negotiated them and the client's segments before it carried them (last TS val 120); a Linux or FreeBSD stack's abort carries them (tcp_send_active_reset; FreeBSD tcp_output), but macOS, iOS and OpenBSD send every RST without timestamps (${RFC}: SHOULD, not MUST), and nothing here shows the client to be Linux or FreeBSD (by its SYN's option layout), so this alone proves little.`,
    );
    expect(findingsAt(obsd, 8, 'zh-CN').join('\n')).toContain(
      `它没有时间戳，而双方的 SYN 都协商了时间戳，客户端在它之前的报文段也带着时间戳（最后一个 TS val 为 120）；Linux 或 FreeBSD 协议栈中止连接时会带上（tcp_send_active_reset；FreeBSD 的 tcp_output），但 macOS、iOS 和 OpenBSD 发出的 RST 一律不带时间戳（${RFC} 只是 SHOULD，不是 MUST），而这里没有任何迹象表明客户端是 Linux 或 FreeBSD（从它 SYN 的选项排列看），所以单凭这一点说明不了多少。`,
    );
    expect(verdictText(obsd, 'en').headline).toBe('Aborted by the client (RST) after its request, before the reply');
    const macos = CLIENT_ABORT_NOTS.replace('mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7', 'mss 1460,nop,wscale 7,nop,nop,TS val 100 ecr 0,sackOK,eol');
    expect(macos).not.toBe(CLIENT_ABORT_NOTS);
    expect(rstAt(macos, 8).evidence.map((e) => e.code)).toEqual(['seq-is-next', 'window-usual', 'abort-timing']);
    expect(findingsAt(macos, 8, 'en').join('\n')).not.toContain('timestamps');
  });
});

describe('the timestamps of a RST+ACK continue the SYN-ACK\'s TS val (recheck 9 R8, SYNTHETIC pureack.txt)', () => {
  it('TS val 905 after 900 in its SYN-ACK, not +906', () => {
    expect(rstAt(PUREACK, 6).evidence.find((e) => e.code === 'timestamps-continue')).toEqual({ code: 'timestamps-continue', val: 905, last: 900, inSyn: true });
    const en = findingsAt(PUREACK, 6, 'en').join('\n');
    expect(en).toContain("RST+ACK with seq = the server's next sequence number, its timestamps continuing (TS val 905 after 900 in its SYN-ACK), which a firewall's REJECT reset");
    expect(en).not.toContain('+906');
    expect(findingsAt(PUREACK, 6, 'zh-CN').join('\n')).toContain('时间戳连续（TS val 905，此前它在 SYN-ACK 中是 900），而防火墙 REJECT 生成的复位不带任何 TCP 选项');
    // The bare RST after the client's pure ACK (line 5) that crossed the RST+ACK answers that ACK.
    expect(rstAt(PUREACK, 7).evidence.map((e) => e.code)).not.toContain('pair-answers-nothing');
  });
});

describe('next steps: the capture point as likely, the forgery check first (recheck 9 R7, N-c)', () => {
  it('CHAL (placed at the client by handshake timing only): "If this capture was taken on the client host, the RST left that host" (recheck 9b P1)', () => {
    expect(verdictText(CHAL, 'en').nextStep).toContain(
      "Check the client application's logs and whether its process exited. If this capture was taken on the client host, the RST left that host: one forged on the path in the client's name travels toward the server and would not appear here; with -v, an initial TTL (64/128/255, as on the client's other packets) confirms it.",
    );
    expect(verdictText(CHAL, 'en').nextStep).not.toContain('This capture was taken on the client host');
    expect(verdictText(CHAL, 'zh-CN').nextStep).toContain('请查看客户端应用程序的日志，并检查它的进程是否退出。如果本抓包是在客户端主机上抓的，这个 RST 就是从该主机发出的：路径上以客户端名义伪造的 RST 是发往服务端的，不会出现在这里；加 -v 时，初始 TTL（64/128/255，与客户端的其他报文相同）可以证实这一点。');
  });

  it('CLIENT_ABORT_NOTS (possibly forged in the client\'s name): capture on the client host first, then the logs (recheck 9b P3)', () => {
    expect(verdictText(CLIENT_ABORT_NOTS, 'en').nextStep).toBe(
      "Capture on the client host itself with -v (unless this capture was taken there): if the RST is not there, a device on the path forged it; if it is, it is the client's own abort: check the client application's logs and timeouts and whether its process exited. If this capture was taken on the client host, the RST left that host: one forged on the path in the client's name travels toward the server and would not appear here; with -v, an initial TTL (64/128/255, as on the client's other packets) confirms it. This text cannot show who really sent the RST (tcpdump -v prints the TTL and IP id of each packet).",
    );
    expect(verdictText(CLIENT_ABORT_NOTS, 'zh-CN').nextStep).toBe(
      '在客户端主机本身用 -v 抓包（除非本抓包就是在那里抓的）：如果那里没有这个 RST，就是路径上的某个设备伪造的；如果有，就是客户端自己中止了连接：查看客户端应用的日志和超时设置，并检查它的进程是否退出。如果本抓包是在客户端主机上抓的，这个 RST 就是从该主机发出的：路径上以客户端名义伪造的 RST 是发往服务端的，不会出现在这里；加 -v 时，初始 TTL（64/128/255，与客户端的其他报文相同）可以证实这一点。这份文本无法显示究竟是谁发送了 RST（tcpdump -v 会打印每个报文的 TTL 和 IP id）。',
    );
    expect(verdictText(CLIENT_ABORT_NOTS, 'en').nextStep).not.toContain("Compare the client's timeouts");
  });

  it('SYNTHETIC (GFW\'s -v handshake and request, then the client\'s own RST+ACK, TTL 64): "This capture was taken on the client host, so the RST left that host" (recheck 9b P1)', () => {
    const sure = [
      ...GFW.split('\n').slice(0, 4),
      '2026-12-06 12:00:00.015000 IP (tos 0x0, ttl 64, id 103, offset 0, flags [DF], proto TCP (6), length 52) 192.0.2.2.40100 > 198.51.100.2.80: Flags [R.], seq 1087, ack 5001, win 502, options [nop,nop,TS val 115 ecr 900], length 0',
    ].join('\n');
    expect(verdictText(sure, 'en').nextStep).toContain(
      "Check the client application's logs and whether its process exited. This capture was taken on the client host, so the RST left that host: one forged on the path in the client's name travels toward the server and would not appear here; with -v, an initial TTL (64/128/255, as on the client's other packets) confirms it.",
    );
    expect(verdictText(sure, 'zh-CN').nextStep).toContain(
      '请查看客户端应用程序的日志，并检查它的进程是否退出。本抓包是在客户端主机上抓的，所以这个 RST 就是从该主机发出的：路径上以客户端名义伪造的 RST 是发往服务端的，不会出现在这里；加 -v 时，初始 TTL（64/128/255，与客户端的其他报文相同）可以证实这一点。',
    );
  });

  it('GFW_NOV (possibly forged): capture on the server first, then the logs', () => {
    expect(verdictText(GFW_NOV, 'en').nextStep).toBe(
      "Capture on the server too with -v: if the RST is not there, or leaves with another TTL, a device forged it; if it is there, look at the server application's and any proxy's logs at that time (crash, timeout, size limit, a close() with unread data). This text cannot show who really sent the RST (tcpdump -v prints the TTL and IP id of each packet).",
    );
    expect(verdictText(GFW_NOV, 'zh-CN').nextStep).toBe(
      '也在服务端用 -v 抓包：如果那里没有这个 RST，或者它的 TTL 不同，就是某个设备伪造的；如果有，再查看服务端应用和代理在该时间点的日志（崩溃、超时、大小限制、带着未读数据的 close()）。这份文本无法显示究竟是谁发送了 RST（tcpdump -v 会打印每个报文的 TTL 和 IP id）。',
    );
  });
});

describe('forgery reasons: the weak clue last, after "also" (recheck 9b P2)', () => {
  it('GFW (SYNTHETIC, -v) line 5: TTL and DF first, then "it also carries no timestamps" as a weak clue', () => {
    expect(findingsAt(GFW, 5, 'en').join('\n')).toContain(
      "Likely not sent by the server: this RST carries the server's address, but its TTL is 120 while the server's other packets arrive with TTL 50 (another sender, another number of hops away); it lacks the Don't Fragment flag that the server's other packets carry; it also carries no timestamps, although both SYNs negotiated them and the server's SYN-ACK carried them (a weak clue alone: a Linux or FreeBSD stack's abort carries them and that SYN-ACK has Linux's option layout, but a SYN proxy in front of another stack can write that SYN-ACK, and macOS, iOS and OpenBSD send every RST without timestamps; RFC 7323 §3.2: SHOULD, not MUST).",
    );
    expect(findingsAt(GFW, 5, 'zh-CN').join('\n')).toContain(
      '很可能不是服务端发出的：这个 RST 带着服务端的地址，但它的 TTL 是 120，而服务端的其他报文到达时 TTL 是 50（另一个发送者，跳数不同）；它没有 DF（不分片）标志，而服务端的其他报文都带有；此外它没有时间戳，而双方的 SYN 都协商了时间戳，服务端的 SYN-ACK 也带着时间戳（单凭这一点是弱线索：Linux 或 FreeBSD 协议栈中止连接时会带上，而那个 SYN-ACK 的选项排列是 Linux 的；但它也可能是另一种协议栈前面的 SYN 代理写的，而且 macOS、iOS 和 OpenBSD 发出的 RST 一律不带时间戳；RFC 7323 §3.2 只是 SHOULD，不是 MUST）。',
    );
    expect(findingsAt(GFW, 5, 'en').join('\n')).not.toContain('proves little');
  });
});

describe('a server abort captured at the server: the RST left that host (recheck 9b P1, the server side)', () => {
  it('SYNTHETIC: CROSS_HEAD (20 µs SYN → SYN-ACK, so likely at the server) and the server\'s RST+ACK after its 1000 bytes', () => {
    const rst = '2026-12-06 12:00:00.010400 IP 198.51.100.2.80 > 192.0.2.2.40100: Flags [R.], seq 6001, ack 1087, win 509, options [nop,nop,TS val 911 ecr 110], length 0';
    const text = [...CROSS_HEAD.slice(0, 6), rst].join('\n');
    expect(verdictText(text, 'en').nextStep).toBe(
      "Look at the server application's and any proxy's logs at that time (crash, timeout, size limit, a close() with unread data). If this capture was taken on the server host, the RST left that host: one forged on the path in the server's name travels toward the client and would not appear here; with -v, an initial TTL (64/128/255, as on the server's other packets) confirms it.",
    );
    expect(verdictText(text, 'zh-CN').nextStep).toBe(
      '查看服务端应用和代理在该时间点的日志（崩溃、超时、大小限制、带着未读数据的 close()）。如果本抓包是在服务端主机上抓的，这个 RST 就是从该主机发出的：路径上以服务端名义伪造的 RST 是发往客户端的，不会出现在这里；加 -v 时，初始 TTL（64/128/255，与服务端的其他报文相同）可以证实这一点。',
    );
  });
});
