// Review 8 (tracker and heuristic items): exact sentences (en and zh-CN) and values on the real captures named.
// W1/I13 SACK duplicate ACKs, M1 RST window 0 (test/explain/reset.test.ts), M2 unread-close, M4/I5 offload-on's tail
// loss probe, W3 Zeek history, I11 timestamps missing after negotiation.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { ConnectionView, RecordView } from '../../src/report';
import type { Lang } from '../../src/explain';
import path from 'node:path';
import { sampleFiles as allSampleFiles, SAMPLES_DIR, seedText } from '../helpers/fixtures';
import { runCliCaptured } from '../helpers/cli';
import { track } from '../track/helpers';

const sample = (p: string) => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');
/** Every sample render, as `scenario/file.txt`. */
const sampleFiles = (): string[] => allSampleFiles().map((f) => path.relative(SAMPLES_DIR, f).split(path.sep).join('/'));

function findingsIn(text: string, line: number, lang: Lang): string[] {
  const view = annotateText(text, { lang }).find((i): i is RecordView => i.kind === 'record' && i.rec.line === line);
  if (!view) throw new Error(`no record on line ${line}`);
  return view.notes.filter((n) => n.kind === 'finding').map((n) => n.text);
}
const findingsAt = (file: string, line: number, lang: Lang) => findingsIn(sample(file), line, lang);
const verdictText = (text: string, lang: Lang) => annotateText(text, { lang }).filter((i): i is ConnectionView => i.kind === 'connection')[0].text;
const verdicts = (text: string) => track(text).verdicts;

describe('W1/I13: SACK duplicate ACKs name every hole and every held block; window growth during a hole is tcp_grow_window', () => {
  it('fast-retransmit/client.txt line 33 (sack 2 {20273:21721}{15929:18825}): two holes, two held blocks', () => {
    expect(findingsAt('fast-retransmit/client.txt', 33, 'en')).toEqual([
      '[note] Duplicate ACK #3 with the new SACK block {20273:21721} (same ack as line 23): the server still needs bytes 14481–15928 and 18825–20272; it already holds bytes 15929–18824 and 20273–21720. With SACK, an ACK that brings new SACK information counts as a duplicate ACK (RFC 6675 §2).',
    ]);
    expect(findingsAt('fast-retransmit/client.txt', 33, 'zh-CN')).toEqual([
      '[提示] 重复确认 #3，带新的 SACK 块 {20273:21721}（与第 23 行的确认号相同）：服务端仍缺字节 14481–15928 和 18825–20272，而 15929–18824 和 20273–21720 已经收到。启用 SACK 时，带来新 SACK 信息的确认算作重复确认（RFC 6675 §2）。',
    ]);
    const f = track(sample('fast-retransmit/client.txt')).segments.find((s) => s.rec.line === 33)!.a.findings[0];
    expect(f).toMatchObject({
      code: 'tcp.dup_ack',
      holes: [{ from: 14481, to: 15929 }, { from: 18825, to: 20273 }],
      held: [{ from: 15929, to: 18825 }, { from: 20273, to: 21721 }],
      windowGrew: false,
    });
  });

  it('fast-retransmit/client.txt line 169: the ack stays at the hole (124529) while the window grows: out-of-order growth, not a read', () => {
    expect(findingsAt('fast-retransmit/client.txt', 169, 'en')).toEqual([
      '[note] Duplicate ACK #1 with the new SACK block {125977:127425} (same ack as line 168): the server still needs bytes 124529–125976; it already holds bytes 125977–127424 (the window also grew while the hole is open: a Linux receiver widens its offer as out-of-order data arrives on a SACK connection (tcp_grow_window), and any receiver does as its application reads data before the hole; it cannot read past the hole). With SACK, an ACK that brings new SACK information counts as a duplicate ACK (RFC 6675 §2).',
    ]);
    expect(findingsAt('fast-retransmit/client.txt', 169, 'zh-CN')).toEqual([
      '[提示] 重复确认 #1，带新的 SACK 块 {125977:127425}（与第 168 行的确认号相同）：服务端仍缺字节 124529–125976，而 125977–127424 已经收到（缺口未补上时窗口也变大了：Linux 接收端在 SACK 连接上收到乱序数据时会放大通告窗口（tcp_grow_window），任何接收端在应用程序读走缺口之前的数据时也会放大窗口；缺口之后的数据应用程序还读不到）。启用 SACK 时，带来新 SACK 信息的确认算作重复确认（RFC 6675 §2）。',
    ]);
  });

  it('no sample says a duplicate ACK grew the window because the application read data', () => {
    for (const f of sampleFiles()) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const notes = annotateText(sample(f), { lang }).flatMap((i) => (i.kind === 'record' ? i.notes.map((n) => n.text) : []));
        expect(notes.filter((t) => t.includes('its application read data') || t.includes('它的应用程序读走了数据')), `${f} ${lang}`).toEqual([]);
      }
    }
  });
});

describe('M4/I5: offload-on line 30 resends the tail of line 29\'s TSO segment: a tail loss probe', () => {
  it('client.txt line 30: the first copy is found inside line 29 (seq 50681:65609), 4.12 ms earlier', () => {
    const f = track(sample('offload-on/client.txt')).segments.find((s) => s.rec.line === 30)!.a.findings;
    expect(f).toEqual([{ code: 'tcp.retransmission', originalLine: 29, kind: 'tlp', sincePrevious: 0.00412, attempt: 2, part: { bytes: 448, of: 14928, tail: true } }]);
    expect(findingsAt('offload-on/client.txt', 30, 'en')).toEqual([
      "[warning] Retransmission: the client sends bytes it already sent (the last 448 bytes of line 29's 14928-byte segment) 4.12 ms after the previous copy. Too soon for a retransmission timeout (Linux waits at least 200 ms, RFC 6298 §2.4 asks 1 s), and it repeats the end of the sender's last segment, the tail of the flight (a probe resends at most one MSS from the end, Linux tcp_send_loss_probe; line 29 printed all 14928 bytes as one segment: segmentation offload, TSO/GSO where they are sent, GRO where they arrive): likely a tail loss probe (RFC 8985 §7), sent when no ACK came within the probe timeout (Linux tcp_schedule_loss_probe: 2·SRTT + 2 ms (TCP_TIMEOUT_MIN_US; 2 jiffies before Linux 6.6) with more than one segment in flight, 2·SRTT + the minimum RTO (200 ms by default) with one, RFC 8985 §7.2; never later than the RTO would fire), so that a lost tail is repaired by SACK recovery instead of a timeout. A D-SACK in answer would show it was unnecessary.",
    ]);
    expect(findingsAt('offload-on/client.txt', 30, 'zh-CN')).toEqual([
      '[警告] 重传：客户端再次发送已经发过的数据（第 29 行 14928 字节报文段中的最后 448 字节），距上一次发送 4.12 毫秒。对超时重传来说太早了（Linux 至少等待 200 毫秒，RFC 6298 §2.4 要求 1 秒），而且重发的是发送方最后一个报文段的末尾，即飞行中数据的尾部（探测最多从末尾重发一个 MSS，Linux tcp_send_loss_probe；第 29 行把 14928 字节打印成一个报文段：这是分段卸载，发送端的 TSO/GSO 或接收端的 GRO）：很可能是尾部丢失探测（TLP，RFC 8985 §7）：在探测超时内没有收到确认，就重发尾部（Linux tcp_schedule_loss_probe：多于一个报文段在途时为 2·SRTT + 2 毫秒（TCP_TIMEOUT_MIN_US；Linux 6.6 之前为 2 个 jiffy），只有一个时为 2·SRTT + 最小 RTO（默认 200 毫秒），RFC 8985 §7.2；不会晚于 RTO 到期），让丢失的尾部通过 SACK 恢复修复，而不必等超时。如果对方随后回复 D-SACK，说明这次重发是多余的。',
    ]);
  });

  it('server.txt line 89: already acknowledged when it came, the last bytes sent 8.071 ms after their first copy: a probe', () => {
    expect(findingsAt('offload-on/server.txt', 89, 'en')).toEqual([
      '[note] Spurious retransmission: the client resends bytes that were already acknowledged (first on line 70); the resend was unnecessary (the ACK was late or the timer too short). They are the last bytes it sent, 8.071 ms after the previous copy, too soon for a retransmission timeout (Linux waits at least 200 ms): likely a tail loss probe (RFC 8985 §7) that crossed the ACK.',
    ]);
    expect(findingsAt('offload-on/server.txt', 89, 'zh-CN')).toEqual([
      '[提示] 虚假重传：客户端重发的数据其实已经被确认过（第一次在第 70 行），这次重传是多余的（确认来得太晚，或定时器太短）。它们是发送方发出的最后一段数据，距上一次发送 8.071 毫秒，对超时重传来说太早了（Linux 至少等待 200 毫秒）：很可能是与确认擦肩而过的尾部丢失探测（RFC 8985 §7）。',
    ]);
  });

  it('every offload-on render: the Next step names TcpExtTCPLossProbes, never TcpExtTCPSpuriousRTOs', () => {
    const en =
      "Nothing to repair: the client's tail loss probe timer (about 2·SRTT, RFC 8985 §7.2) fired before the ACK came, so it resent the last bytes of the flight. Probes are cheap and common on bursty traffic; many unnecessary ones waste a little bandwidth (on Linux, nstat: TcpExtTCPLossProbes counts the probes, TcpExtTCPLossProbeRecovery those that did repair a loss, TcpExtTCPDSACKRecv all D-SACKs received (a probe's among them)).";
    const zh =
      '没有需要修复的：客户端的尾部丢失探测定时器（约 2·SRTT，RFC 8985 §7.2）在确认到来之前就到期了，于是重发了飞行中的最后一段数据。探测开销很小，突发流量中很常见；多余的探测太多会浪费少量带宽（Linux 上的 nstat：TcpExtTCPLossProbes 统计探测次数，TcpExtTCPLossProbeRecovery 统计真正修复了丢失的探测，TcpExtTCPDSACKRecv 统计收到的全部 D-SACK（包括表明探测多余的那些））。';
    const files = sampleFiles().filter((f) => f.startsWith('offload-on/'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const t = verdictText(sample(f), 'en');
      expect(t.nextStep.startsWith(en), f).toBe(true);
      expect(t.nextStep, f).not.toContain('TcpExtTCPSpuriousRTOs');
      expect(verdictText(sample(f), 'zh-CN').nextStep.startsWith(zh), f).toBe(true);
      expect(t.headline, f).toMatch(/^Closed normally after 1 spurious tail-loss probe \(line \d+\): nothing was lost$/);
    }
  });

  it('summary: the same resend counts retx 1 at both ends (docs/summary.md: both ends, every kind)', async () => {
    const r = await runCliCaptured(['summary', '--format', 'json', 'samples/offload-on/client.txt', 'samples/offload-on/server.txt']);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l)).filter((o) => o.kind === 'summary-connection');
    expect(rows.map((o) => [o.file, o.retransmissions, o.lost, o.history])).toEqual([
      ['samples/offload-on/client.txt', 1, 0, 'ShADaTdFf'],
      ['samples/offload-on/server.txt', 1, 0, 'ShADadTFf'],
    ]);
  });
});

describe('M2: unread-close: the server ACKed a second request it never answered, then RST', () => {
  it('every render: phase after-next-request, evidence unanswered-data (line 8, ACK on line 9, 92 bytes)', () => {
    for (const f of sampleFiles().filter((x) => x.startsWith('unread-close/') && !x.endsWith('q.txt'))) {
      const [v] = verdicts(sample(f));
      expect(v.phase, f).toBe('after-next-request');
      // The request sat about 200 ms (line 8 → RST) on a path of tens of µs: not a close racing the reuse (NOT A RACE).
      expect(v.resetEvidence.find((e) => e.code === 'unanswered-data'), f).toMatchObject({ code: 'unanswered-data', line: 8, ackLine: 9, bytes: 92, unread: true });
      // No new connection follows the RST in any of these captures.
      expect(v.retryAfterReset, f).toBeNull();
    }
    // client.txt: line 8 at .205692, the RST at .405747.
    const [c] = verdicts(sample('unread-close/client.txt'));
    // The second request left 100.271 ms after the server's answer (line 6 at .105421).
    expect(c.resetEvidence.find((e) => e.code === 'unanswered-data')).toEqual({ code: 'unanswered-data', line: 8, ackLine: 9, bytes: 92, seconds: 0.200055, unread: true, sinceAnswer: 0.100271 });
  });

  it('synthetic (unread-close/client.txt plus a SYN from a new client port 2 ms after the RST): the new connection is named as the likely retry', () => {
    const lines = sample('unread-close/client.txt').trim().split('\n');
    const syn = lines[0].replace('11:27:43.054192', '11:27:43.407747').replace('.40023 >', '.40024 >');
    const text = [...lines, syn].join('\n');
    const [v] = verdicts(text);
    expect(v.retryAfterReset).toBe('c2');
    expect(verdictText(text, 'en').appSaw[0]).toBe('The client opened a new connection to the same server right after the RST (c2): likely its retry of the request.');
    expect(verdictText(text, 'zh-CN').appSaw[0]).toBe('RST 之后客户端随即向同一服务端开了新连接（c2）：很可能是它在重试这个请求。');
  });

  it('client.txt: verdict, next step and what the application saw, en and zh-CN', () => {
    const en = verdictText(sample('unread-close/client.txt'), 'en');
    expect(en.headline).toBe('Reset by the server after a further request, before its reply');
    expect(en.summary).toContain(
      "The server 198.51.100.2:80 ended the connection with RST after a further request, before its reply, after 178 bytes from the client and 78 bytes from the server in 351.6 ms. Its kernel acknowledged the 92 bytes the client sent after the server's last data (line 8; ACK on line 9), but no reply came: closing a socket with that request still unread sends RST, not FIN (RFC 9293 §3.6.1, RFC 2525 §2.17; SO_LINGER 0 would too). The request sat unread for 200.1 ms before the RST, so the server application was not reading: it serves one request per connection or had already decided to close (its keep-alive limit or idle timer) and closed without draining what had arrived. A close racing the client's reuse would put the RST within moments of the request; a close before the request arrived would have sent a FIN, and the request would then have drawn a RST without ACK.",
    );
    expect(en.summary).not.toContain('in the middle');
    expect(en.nextStep).toBe(
      // review 9 M3: the server closed 300.3 ms after its answer (line 6 → 10): no idle timer; what closes it after a
      // request is what to check.
      "Check what makes the server close after a request (its requests-per-connection limit: nginx keepalive_requests, Apache MaxKeepAliveRequests, Node.js server.maxRequestsPerSocket; one request per connection; a reload or restart) and that such a last answer says Connection: close (RFC 9112 §9.6); the client should retry an idempotent request (RFC 9110 §9.2.2) on a fresh connection (RFC 9112 §9.3.1).",
    );
    expect(en.appSaw).toEqual([
      'This capture shows no new connection after the RST: this client did not retry on a new connection (it may have used another open one, or the capture ended).',
      'curl: no error if its retry works: a reused connection that dies before any byte of the response makes it resend the request on a fresh connection (Curl_retry_request; with -v "Connection died, retrying a fresh connect"); (56) Recv failure: Connection reset by peer only if the retries fail too',
      'Clients that do not retry: Node.js: Error: read ECONNRESET, or Error: socket hang up (code ECONNRESET) (req.reusedSocket is true when the request went out on a kept-alive socket: an idempotent request can be retried)',
      "Python requests: requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
      'Java: java.net.SocketException: Connection reset',
    ]);
    const zh = verdictText(sample('unread-close/client.txt'), 'zh-CN');
    expect(zh.headline).toBe('服务端在收到后续请求之后、回复之前复位了连接');
    expect(zh.summary).toContain(
      '服务端 198.51.100.2:80 在收到后续请求之后、回复之前用 RST 结束了连接，此前客户端发送了 178 字节、服务端发送了 78 字节，历时 351.6 毫秒。它的内核确认了客户端在服务端最后一次发送数据之后发来的 92 字节（第 8 行；确认在第 9 行），回复却没有到来：带着未读的请求关闭套接字会发 RST 而不是 FIN（RFC 9293 §3.6.1，RFC 2525 §2.17；SO_LINGER 0 也会如此）。这个请求在 RST 之前已经搁置了 200.1 毫秒，无人读取，说明服务端应用程序根本没有在读：它每个连接只处理一个请求，或者已经决定关闭（长连接上限或空闲计时），关闭时没有先读完已到达的数据。若是关闭与客户端复用恰好撞上，RST 会在请求之后立刻出现；若关闭发生在请求到达之前，服务端会先发 FIN，请求随后换来一个不带 ACK 的 RST。',
    );
    expect(zh.appSaw[0]).toBe('本抓包在 RST 之后没有新的连接：这个客户端没有用新连接重试（也可能用了另一条已打开的连接，或者抓包已经结束）。');
    expect(zh.appSaw[2]).toBe('不重试的客户端：Node.js：Error: read ECONNRESET，或 Error: socket hang up（code ECONNRESET）（请求走的是复用的长连接时 req.reusedSocket 为 true：幂等请求可以重试）');
    expect(zh.appSaw[1]).toBe(
      'curl：只要重试成功就不报错：复用的连接在收到任何响应字节之前断开，curl 会在新连接上重发这个请求（Curl_retry_request；加 -v 可见 "Connection died, retrying a fresh connect"）；重试也失败时才报 (56) Recv failure: Connection reset by peer',
    );
  });

  it('server-abort keeps "after the request, before any reply"; a reset after the reply with nothing further asked stays mid-transfer', () => {
    const sa = verdictText(sample('server-abort/client.txt'), 'en');
    expect(sa.headline).toBe('Reset by the server after the request, before any reply');
    expect(sa.appSaw[0]).toBe('curl: (56) Recv failure: Connection reset by peer');
    // Synthetic, from unread-close/client.txt: lines 1-7 (request answered), then the server's RST acking only that
    // request: not the keep-alive race, nothing further was asked.
    const lines = sample('unread-close/client.txt').trim().split('\n');
    const rst = lines[9];
    const answered = [...lines.slice(0, 7), rst.replace('ack 179', 'ack 87')].join('\n');
    const [v] = verdicts(answered);
    expect(v.phase).toBe('mid-transfer');
    expect(v.resetEvidence.some((e) => e.code === 'unanswered-data')).toBe(false);
    expect(verdictText(answered, 'en').headline).toBe('Reset by the server in the middle of the transfer');
    expect(verdictText(answered, 'en').appSaw[0]).toBe('curl: (56) Recv failure: Connection reset by peer');
    // Lines 1-8 then the RST (no ACK of the second request before it): the RST's own ack 179 shows the server's TCP
    // had it, as in the real capture reuse-before-close (a close before the delayed ACK).
    const unacked = [...lines.slice(0, 8), rst].join('\n');
    const [u] = verdicts(unacked);
    expect(u.phase).toBe('after-next-request');
    expect(u.resetEvidence.find((e) => e.code === 'unanswered-data')).toEqual({ code: 'unanswered-data', line: 8, ackLine: null, bytes: 92, seconds: 0.200055, unread: true, sinceAnswer: 0.100271 });
  });
});

describe('W3: Zeek history as Zeek writes it (T/t only for a segment with payload)', () => {
  it('no-answer S; synack-lost ShADadFf at both ends; retransmission ShADTadFf', () => {
    const hist = (f: string) => verdicts(sample(f)).map((v) => v.history);
    expect(hist('no-answer/client.txt')).toEqual(['S']);
    expect(hist('synack-lost/client.txt')).toEqual(['ShADadFf']);
    expect(hist('synack-lost/server.txt')).toEqual(['ShADadFf']);
    expect(hist('retransmission/client.txt')).toEqual(['ShADTadFf']);
    expect(hist('offload-on/v.txt')).toEqual(['SChADaTdcCFf']);
  });
});

describe('I11: timestamps negotiated, then missing: a [note] on seed 000 c1 only', () => {
  it('seed 000: on the server\'s first timestamped segment after the handshake (ecr 0), en and zh-CN', () => {
    const text = seedText('000');
    const t = track(text);
    const at = t.segments.filter((s) => s.a.findings.some((f) => f.code === 'tcp.timestamps_missing'));
    expect(at.map((s) => [s.rec.line, s.a.conn, s.a.findings.find((f) => f.code === 'tcp.timestamps_missing')])).toEqual([
      [15, 'c1', { code: 'tcp.timestamps_missing', by: 'client' }],
    ]);
    expect(findingsIn(text, 15, 'en')).toContain(
      "[note] Timestamps were negotiated in the SYN and SYN-ACK, but the client's later segments carry none and the server echoes 0, so it really receives none (RFC 7323 §3.2: once negotiated, TSopt MUST be sent on every segment but a RST, and a receiver SHOULD drop a segment without it). The client's stack does not send them, or something between it and this capture point removes them (in a capture taken on the client: its own host, e.g. a netfilter or tc rule); a trimmed paste could hide the client's options, but not the server's echo 0.",
    );
    expect(findingsIn(text, 15, 'zh-CN')).toContain(
      '[提示] 时间戳已在 SYN 和 SYN-ACK 中协商，但客户端之后的报文段都不带时间戳，服务端回显为 0，说明它确实没收到（RFC 7323 §3.2：协商之后，除 RST 外的每个报文段都必须带 TSopt，接收方应丢弃不带它的报文段）。要么客户端的协议栈没有发送，要么客户端与本抓包点之间的某个环节去掉了它（若在客户端上抓包，就是客户端主机自身，例如 netfilter 或 tc 规则）；删减过的文本可以藏起客户端的选项，却解释不了服务端回显的 0。',
    );
  });

  it('never on the samples', () => {
    for (const f of sampleFiles()) {
      const found = track(sample(f)).segments.some((s) => s.a.findings.some((x) => x.code === 'tcp.timestamps_missing'));
      expect(found, f).toBe(false);
    }
  });
});
