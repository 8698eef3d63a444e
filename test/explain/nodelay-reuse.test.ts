// Two diagnoses checked against real captures made for them (samples/README.md): equal application writes with
// TCP_NODELAY are not "segments below the MSS" (nodelay-writes, nagle-writes), and a server's close crossing the
// client's reuse of a kept-alive connection, before (reuse-before-close) and after (reuse-after-close) the request
// arrived. Exact values and sentences, in English and Chinese.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { RecordView } from '../../src/report';
import { findingsAt, verdictText } from '../helpers/views';
import type { Lang } from '../../src/explain';
import { sampleFiles, track } from '../track/helpers';

const sample = (p: string) => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');

/** Microseconds of a `-n` time of day (HH:MM:SS.ffffff). */
function micros(time: string | null): number {
  const m = /^(\d\d):(\d\d):(\d\d)\.(\d{6})$/.exec(time ?? '');
  if (!m) throw new Error(`not a time of day: ${time}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1e6 + Number(m[4]);
}

const belowMss = (text: string) =>
  track(text).segments.flatMap((s) => s.a.findings.filter((f) => f.code === 'tcp.segments_below_mss').map((f) => [s.rec.line, f]));

describe('tcp.segments_below_mss: equal writes are the application\'s, not a limit of the path', () => {
  it('nodelay-writes/n.txt: seven 1000-byte PSH segments in flight together, below the 1448 the MSS allows, and no finding', () => {
    const t = track(sample('nodelay-writes/n.txt'));
    const writes = t.segments.filter((s) => s.rec.line >= 8 && s.rec.line <= 14);
    expect(writes.map((s) => [s.rec.line, s.rec.flags, s.rec.len])).toEqual([8, 9, 10, 11, 12, 13, 14].map((l) => [l, 'P.', 1000]));
    // All seven left within 0.313 ms, before the first of their ACKs (line 15, 4.5 ms after line 14).
    expect(micros(writes[6].rec.time) - micros(writes[0].rec.time)).toBe(313);
    expect(t.segments.find((s) => s.rec.line === 15)!.rec.ack).toBe(2072);
    expect(belowMss(sample('nodelay-writes/n.txt'))).toEqual([]);
  });

  it('absent in every render of nodelay-writes and nagle-writes, in any language', () => {
    const files = [...sampleFiles('nodelay-writes').map((f) => `nodelay-writes/${f}`), ...sampleFiles('nagle-writes').map((f) => `nagle-writes/${f}`)];
    expect(files.length).toBe(10);
    for (const f of files) {
      expect(belowMss(sample(f)), f).toEqual([]);
      for (const lang of ['en', 'zh-CN'] as const) {
        const notes = annotateText(sample(f), { lang }).flatMap((i) => (i.kind === 'record' ? i.notes.map((n) => n.text) : []));
        expect(notes.filter((n) => n.includes('1448') && (n.includes('stay at') || n.includes('满载'))), f).toEqual([]);
      }
    }
  });

  it('nagle-writes/n.txt: Nagle joins writes 3-8 into four full 1448-byte segments without PSH; the 208-byte tail waits for the ACK of line 8', () => {
    const t = track(sample('nagle-writes/n.txt'));
    const seg = (l: number) => t.segments.find((s) => s.rec.line === l)!.rec;
    expect([6, 8, 9, 10, 11, 12, 14].map((l) => [l, seg(l).flags, seg(l).len])).toEqual([
      [6, 'P.', 1000],
      [8, 'P.', 1000],
      [9, '.', 1448],
      [10, '.', 1448],
      [11, '.', 1448],
      [12, '.', 1448],
      [14, 'P.', 208],
    ]);
    expect(seg(13).ack).toBe(2072);
    expect(micros(seg(14).time) - micros(seg(13).time)).toBe(17);
  });

  it('synthetic (nodelay-writes/n.txt with PSH taken off lines 8-14): the same sizes cut with more queued do count', () => {
    const lines = sample('nodelay-writes/n.txt').split('\n');
    for (let i = 7; i <= 13; i++) lines[i] = lines[i].replace('Flags [P.]', 'Flags [.]');
    expect(belowMss(lines.join('\n'))).toEqual([[11, { code: 'tcp.segments_below_mss', size: 1000, count: 3, fromLine: 8, mss: 1460, optionBytes: 12, ownMss: 1460 }]]);
  });
});

describe('reuse-before-close: the request arrived 0.086 ms after the answer and sat 5.1 ms unread before the close', () => {
  it('every render: phase after-next-request, unanswered-data with no ACK before the RST (its own ack 179 covers the request)', () => {
    const files = sampleFiles('reuse-before-close').map((f) => `reuse-before-close/${f}`);
    expect(files.length).toBe(6);
    for (const f of files) {
      const [v] = track(sample(f)).verdicts;
      expect(v.phase, f).toBe('after-next-request');
      expect(v.resetClass, f).toBe('abort');
      expect(v.resetEvidence.find((e) => e.code === 'unanswered-data'), f).toMatchObject({ code: 'unanswered-data', ackLine: null, bytes: 92, unread: false });
    }
    expect(track(sample('reuse-before-close/n.txt')).verdicts[0].resetEvidence.find((e) => e.code === 'unanswered-data')).toEqual({
      code: 'unanswered-data',
      line: 8,
      ackLine: null,
      bytes: 92,
      seconds: 0.005123,
      unread: false,
      sinceAnswer: 0.000086,
    });
    // At the server the request comes in 7 µs later and the RST leaves 22 µs earlier; the answer left 26 µs earlier.
    expect(track(sample('reuse-before-close/server.txt')).verdicts[0].resetEvidence.find((e) => e.code === 'unanswered-data')).toEqual({
      code: 'unanswered-data',
      line: 8,
      ackLine: null,
      bytes: 92,
      seconds: 0.005094,
      unread: false,
      sinceAnswer: 0.000119,
    });
  });

  it('n.txt: verdict in English and Chinese', () => {
    const en = verdictText(sample('reuse-before-close/n.txt'), 'en');
    expect(en.headline).toBe('Reset by the server after a further request, before its reply');
    expect(en.summary).toContain(
      "Its TCP had received the 92 bytes the client sent after the server's last data (line 8): the RST's own ack covers them (a RST+ACK from a socket acknowledges all it has received; no ACK of them came before it). No reply came: closing a socket with that request still unread sends RST, not FIN (RFC 9293 §3.6.1, RFC 2525 §2.17; SO_LINGER 0 would too). The RST came 5.123 ms after the request, within moments: the server was closing the connection just as the client reused it, and the request arrived just before the close (a little later it would have met the server's FIN and drawn a RST without ACK). The server reset 5.209 ms after its answer, far sooner than the usual keep-alive idle timeouts (nginx keepalive_timeout 75 s, Apache KeepAliveTimeout 5 s, Node.js server.keepAliveTimeout 5 s by default): not an idle timer: the server closes after a number of requests (its keep-alive limit, e.g. nginx keepalive_requests, or one request per connection), or it was shutting down (a reload or restart closes idle keep-alive connections). With Connection: close in its answer (RFC 9112 §9.6) the client would not have reused the connection.",
    );
    expect(en.summary).not.toContain('in the middle');
    expect(en.appSaw[3]).toBe("Python requests: requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))");
    const zh = verdictText(sample('reuse-before-close/n.txt'), 'zh-CN');
    expect(zh.headline).toBe('服务端在收到后续请求之后、回复之前复位了连接');
    expect(zh.summary).toContain(
      '它的 TCP 已经收到了客户端在服务端最后一次发送数据之后发来的 92 字节（第 8 行）：RST 自己的确认号覆盖了它们（套接字发出的 RST+ACK 确认它收到的全部数据；在此之前没有单独确认它们的 ACK）。回复没有到来：带着未读的请求关闭套接字会发 RST 而不是 FIN（RFC 9293 §3.6.1，RFC 2525 §2.17；SO_LINGER 0 也会如此）。RST 在请求之后 5.123 毫秒就到了，几乎紧随其后：服务端正要关闭连接时客户端复用了它，请求恰好在关闭前一刻到达（再晚一点，它就会遇上服务端的 FIN，换来一个不带 ACK 的 RST）。服务端在回复之后 5.209 毫秒就复位了连接，远早于常见的长连接空闲超时（默认值：nginx 的 keepalive_timeout 75 秒，Apache 的 KeepAliveTimeout 5 秒，Node.js 的 server.keepAliveTimeout 5 秒）：不是空闲计时，而是服务端处理一定数量的请求后就关闭（长连接上限，例如 nginx 的 keepalive_requests，或者每个连接只处理一个请求），或者它正在停止（重新加载或重启会关闭空闲的长连接）。如果它的回复带有 Connection: close（RFC 9112 §9.6），客户端就不会复用这个连接。',
    );
  });

  it('n.txt line 9: the RST+ACK is the server\'s abort after a further request; the client\'s next call fails with ECONNRESET (as its recv() did)', () => {
    const [en] = findingsAt(sample('reuse-before-close/n.txt'), 9, 'en');
    expect(en).toMatch(/^\[error\] Abort by the server after a further request, before its reply \(RST\+ACK with seq = the server's next sequence number, its timestamps continuing \(TS val \+5\),/);
    expect(en).toMatch(/The client accepts it \(seq = the next byte it expects, RFC 5961 §3\.2\) and drops the connection at once: its unsent and unacknowledged data is discarded and its application's next call fails with ECONNRESET\.$/);
    const [zh] = findingsAt(sample('reuse-before-close/n.txt'), 9, 'zh-CN');
    expect(zh).toMatch(/^\[错误\] 服务端在收到后续请求之后、回复之前中止了连接（RST\+ACK，序列号 = 服务端的下一个序列号，时间戳连续（TS val \+5）/);
    expect(zh).toMatch(/应用程序的下一次调用以 ECONNRESET 失败。$/);
  });
});

describe('reuse-after-close: the server close()d at once (FIN), the client sent its next request 20.1 ms later', () => {
  const AFTER_CLOSE_EN =
    "That data's ack covers the server's FIN: the client's TCP had received the FIN before the data left, so most likely its application wrote on a connection the server had already closed (as an HTTP client does that reuses a kept-alive connection without first checking it for end of file).";
  const AFTER_CLOSE_ZH =
    '这些数据的确认号覆盖了服务端的 FIN：这些数据发出时客户端的 TCP 已经收到了 FIN，所以很可能是它的应用程序在服务端已经关闭的连接上继续写入（例如 HTTP 客户端复用长连接之前没有先检查它是否已读到文件结束）。';

  it('every render: an abort after close (bare RST, seq = the ack field of the request), the request did not cross the FIN', () => {
    const files = sampleFiles('reuse-after-close').map((f) => `reuse-after-close/${f}`);
    expect(files.length).toBe(6);
    for (const f of files) {
      const [v] = track(sample(f)).verdicts;
      expect(v.phase, f).toBe('after-close');
      // server-v.txt: the RST leaves with IP id 0 after the server's 7827-7829, like any Linux RST without ACK: no
      // evidence against the server (it used to make this RST "possibly not sent by the server").
      expect(v.resetClass, f).toBe('abort');
      expect(v.resetEvidence.filter((e) => e.code !== 'ttl-same' && e.code !== 'ip-id-follows'), f).toEqual([
        { code: 'seq-is-peer-ack', seq: 2682557679, line: f.endsWith('v.txt') ? 27 : 9 },
        // The server's FIN left 0.088 ms after its answer at the client (0.092 ms at the server): recheck 9 R3.
        { code: 'data-after-close', crossed: false, finAfterData: f.includes('server') ? 0.000092 : 0.000088 },
        { code: 'data-unacked', copies: 1 },
      ]);
    }
  });

  it('n.txt line 10: the RST in English and Chinese; the client in CLOSE_WAIT reads EOF and gets EPIPE (its capture log: recv EOF, send EPIPE)', () => {
    expect(findingsAt(sample('reuse-after-close/n.txt'), 10, 'en')).toEqual([
      `[error] Abort: the server had already closed (its FIN was sent) and the client still sent data, so the server's TCP reset the connection to show that data was lost (RFC 9293 §3.6.1; Linux counts TCPAbortOnData, and resets only once its application has stopped receiving (close(), or shutdown with SHUT_RD/SHUT_RDWR); after shutdown(SHUT_WR) alone it would accept the data). This form has no ACK bit and seq = the ack field of the segment it answers. ${AFTER_CLOSE_EN} The client accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once: its unsent and unacknowledged data (here the 92 bytes of line 9) is discarded; its application's reads return what is left and then 0 (end of file: the FIN came first), and its next write fails with EPIPE (Linux tcp_reset in CLOSE_WAIT).`,
    ]);
    expect(findingsAt(sample('reuse-after-close/n.txt'), 10, 'zh-CN')).toEqual([
      `[错误] 中止：服务端已经关闭（发出了 FIN），客户端却还在发送数据，于是服务端的 TCP 复位连接，表示这些数据丢失了（RFC 9293 §3.6.1；Linux 计入 TCPAbortOnData，而且只在应用程序已停止接收（close()，或 shutdown 带 SHUT_RD/SHUT_RDWR）之后才复位；只 shutdown(SHUT_WR) 时它仍会接收这些数据）。这种形式不带 ACK 位，序列号等于它所回应报文段的确认号。${AFTER_CLOSE_ZH}客户端接受它（序列号正是它期望的下一个字节，RFC 5961 §3.2）并立即丢弃连接：未发送和未被确认的数据（这里是第 9 行的 92 字节）被丢弃；应用程序的读取先返回剩下的数据，然后返回 0（文件结束：FIN 先到），下一次写入以 EPIPE 失败（Linux tcp_reset 在 CLOSE_WAIT 中的处理）。`,
    ]);
  });

  it('n.txt line 9: the request that also acknowledges the FIN is read as data, not as step 2 of a four-way close', () => {
    const roleOf = (lang: Lang) => {
      const view = annotateText(sample('reuse-after-close/n.txt'), { lang }).find((i): i is RecordView => i.kind === 'record' && i.rec.line === 9);
      return view!.notes.map((n) => n.text).slice(0, 3);
    };
    expect(roleOf('en')).toEqual([
      'Data (PSH+ACK): the client sends 92 bytes to the server; PSH marks the end of what the sender had queued (on Linux, the end of a write); receivers such as Linux deliver in-order data at once anyway (RFC 9293 §3.9.1).',
      'seq 87:179: bytes 87–178 of the client\'s stream (92 bytes).',
      'ack 80 = the server\'s FIN (seq 79) + 1: a FIN uses one sequence number, like a SYN; all 78 bytes of its data arrived.',
    ]);
    expect(roleOf('zh-CN')[0]).toBe('数据（PSH+ACK）：客户端向服务端发送 92 字节；PSH 标记发送方这批数据到此为止（在 Linux 上即一次写入的末尾）；Linux 等接收方无论有无 PSH 都会立即交付按序到达的数据（RFC 9293 §3.9.1）。');
  });

  it('n.txt: verdict, next step and what the application saw, en and zh-CN', () => {
    const en = verdictText(sample('reuse-after-close/n.txt'), 'en');
    expect(en.headline).toBe('Reset by the server while the connection was already closing');
    expect(en.summary).toContain(
      `The server had closed (sent its FIN) and the client still sent data: its TCP reset the connection to show that data was lost (RFC 9293 §3.6.1). ${AFTER_CLOSE_EN}`,
    );
    // Recheck 9 R3: the FIN left 0.088 ms after the answer (lines 6 and 8), so no idle timer: the requests-per-connection limit.
    expect(en.nextStep).toBe(
      'The server closed the connection 0.088 ms after its answer, so not on an idle timer: check what makes it close after a request (its requests-per-connection limit: nginx keepalive_requests, Apache MaxKeepAliveRequests, Node.js server.maxRequestsPerSocket; one request per connection; a reload or restart) and that such a last answer says Connection: close (RFC 9112 §9.6); the client should check a pooled connection for end of file before reusing it, and retry an idempotent request (RFC 9110 §9.2.2) on a fresh connection (RFC 9112 §9.3.1). This text cannot show who really sent the RST (tcpdump -v prints the TTL and IP id of each packet); nor the date, to match the event with logs (tcpdump -tttt prints it).',
    );
    expect(en.nextStep).not.toContain('idle timeout');
    expect(en.appSaw).toEqual([
      "The client's read() returns 0 (EOF) from the server's FIN on; on Linux it still does after the reset, and a write after it fails with EPIPE (Broken pipe; SIGPIPE unless ignored).",
      'An HTTP client whose request went out on such a connection gets no answer, only the end of file: curl checks a cached connection before reusing it, and when one dies before any byte of the answer it resends the request on a fresh connection (Curl_retry_request), reporting (52) Empty reply from server only if that fails too',
      'Node.js: Error: socket hang up (code ECONNRESET; req.reusedSocket is true: an idempotent request can be retried)',
      "Python requests: requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
    ]);
    const zh = verdictText(sample('reuse-after-close/n.txt'), 'zh-CN');
    expect(zh.headline).toBe('服务端在连接已经开始关闭时复位了连接');
    expect(zh.summary).toContain(`服务端已经关闭（发出了 FIN），客户端却还在发送数据：服务端的 TCP 复位连接，表示这些数据丢失了（RFC 9293 §3.6.1）。${AFTER_CLOSE_ZH}`);
    expect(zh.appSaw[0]).toBe('从服务端的 FIN 起，客户端的 read() 返回 0（EOF）；在 Linux 上复位之后仍是如此，而复位之后的写入以 EPIPE 失败（Broken pipe；没有忽略 SIGPIPE 时还会收到这个信号）。');
    expect(zh.appSaw[2]).toBe('Node.js：Error: socket hang up（code ECONNRESET；req.reusedSocket 为 true：幂等请求可以重试）');
    expect(zh.nextStep.startsWith('服务端在回复之后 0.088 毫秒就关闭了连接，不是空闲计时：检查是什么让它在一次请求之后关闭连接（每个连接的请求数上限：nginx 的 keepalive_requests、Apache 的 MaxKeepAliveRequests、Node.js 的 server.maxRequestsPerSocket；每个连接只处理一个请求；重新加载或重启），以及这样的最后一个回复是否带有 Connection: close（RFC 9112 §9.6）；客户端在复用连接池里的连接之前应先检查它是否已读到文件结束，并在新连接上（RFC 9112 §9.3.1）重试幂等请求（RFC 9110 §9.2.2）。')).toBe(true);
    expect(zh.nextStep).not.toContain('空闲超时');
  });

  it('a FIN 2 s after the answer (SYNTHETIC timing from n.txt): the idle-timeout advice stays (recheck 9 R3)', () => {
    // Lines 8 on (the server's FIN and everything after it) moved 2 s later: the server sat idle 2 s after its answer.
    const lines = sample('reuse-after-close/n.txt').split('\n');
    const shifted = lines.map((l, i) => (i < 7 ? l : l.replace(/^(\d\d:\d\d:)(\d\d)\./, (_m, hm: string, sec: string) => `${hm}${String(Number(sec) + 2).padStart(2, '0')}.`)));
    const text = shifted.join('\n');
    expect(text).not.toBe(lines.join('\n'));
    expect(verdictText(text, 'en').nextStep).toBe(
      'The server closed the connection on its own 2 s after its answer while the client still meant to use it: check when the server closes a kept-alive connection (idle timeout and requests per connection: nginx keepalive_timeout and keepalive_requests, Apache KeepAliveTimeout and MaxKeepAliveRequests, Node.js server.keepAliveTimeout and server.maxRequestsPerSocket) and that its last answer says Connection: close (RFC 9112 §9.6); the client should check a pooled connection for end of file before reusing it, and retry an idempotent request (RFC 9110 §9.2.2) on a fresh connection (RFC 9112 §9.3.1). This text cannot show who really sent the RST (tcpdump -v prints the TTL and IP id of each packet); nor the date, to match the event with logs (tcpdump -tttt prints it).',
    );
    expect(verdictText(text, 'zh-CN').nextStep.startsWith('服务端在回复之后 2 秒主动关闭了连接，而客户端还打算继续使用它：检查服务端在什么时候关闭长连接（空闲超时和每个连接的请求数：nginx 的 keepalive_timeout 和 keepalive_requests，Apache 的 KeepAliveTimeout 和 MaxKeepAliveRequests，Node.js 的 server.keepAliveTimeout 和 server.maxRequestsPerSocket），以及它的最后一个回复是否带有 Connection: close（RFC 9112 §9.6）；客户端在复用连接池里的连接之前应先检查它是否已读到文件结束，并在新连接上（RFC 9112 §9.3.1）重试幂等请求（RFC 9110 §9.2.2）。')).toBe(true);
  });

  it('synthetic (server.txt with the request acking 2682557678, not the FIN, and the RST answering that): the request crossed the FIN', () => {
    const lines = sample('reuse-after-close/server.txt').split('\n');
    lines[8] = lines[8].replace('ack 2682557679', 'ack 2682557678');
    lines[9] = lines[9].replace('seq 2682557679', 'seq 2682557678');
    const text = lines.join('\n');
    const [v] = track(text).verdicts;
    expect(v.resetEvidence.find((e) => e.code === 'data-after-close')).toEqual({ code: 'data-after-close', crossed: true, finAfterData: 0.000092 });
    expect(verdictText(text, 'en').summary).toContain(
      "That data's ack does not cover the server's FIN: the two crossed on the wire, the server's close racing the client's next write.",
    );
    expect(verdictText(text, 'zh-CN').summary).toContain('这些数据的确认号没有覆盖服务端的 FIN：两者在线路上交错而过，服务端的关闭恰好撞上客户端的下一次写入。');
  });
});
