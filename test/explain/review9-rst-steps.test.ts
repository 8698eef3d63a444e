// Review 9 (M2, M3, I6, I7, I9, I10): exact sentences (en and zh-CN) of the RST verdicts and next steps on the real
// captures (client-reset, reuse-before-close, reuse-after-close, unread-close) and on the SYNTHETIC captures of
// test/helpers/synthetic-rst.ts (CHAL, CROSS_AT_CLIENT: what a kernel will not produce on demand).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingsAt, verdictText } from '../helpers/views';
import { CHAL, CLIENT_ABORT, CROSS_AT_CLIENT, CROSS_HEAD } from '../helpers/synthetic-rst';

const sample = (p: string) => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');

// Recheck 9 R7: placed at the client by handshake timing only ("likely"), so the step is conditional. Recheck 9b P1: on the
// client host the test is whether the RST is there at all (one forged in the client's name travels toward the server).
const AT_CLIENT_EN =
  "If this capture was taken on the client host, the RST left that host: one forged on the path in the client's name travels toward the server and would not appear here; with -v, an initial TTL (64/128/255, as on the client's other packets) confirms it.";
const AT_CLIENT_ZH = '如果本抓包是在客户端主机上抓的，这个 RST 就是从该主机发出的：路径上以客户端名义伪造的 RST 是发往服务端的，不会出现在这里；加 -v 时，初始 TTL（64/128/255，与客户端的其他报文相同）可以证实这一点。';
const ON_CLIENT_EN = "To rule out a forged RST, capture on the client with -v: the RST must be there, leaving with the client's TTL.";
const ON_CLIENT_ZH = '要排除伪造的 RST，在客户端用 -v 抓包：这个 RST 必须出现在那里，并带着客户端的 TTL。';

describe('M2: a client abort\'s next step is timed from its request, not from the connection\'s start', () => {
  it('client-reset/client.txt and server.txt: 181.7 ms after the request (line 4), 30.4 ms after the server\'s last data (line 14): not a timeout\'s length', () => {
    const tail = (at: string) =>
      `: none is seconds long or near a round value (a multiple of 100 or 250 ms), as configured timeouts usually are; unless a deadline started earlier than this capture shows, its application most likely aborted on its own: a cancelled request, a crash or exit of the process, or a close() with unread data or SO_LINGER 0. Check the client application's logs and whether its process exited. ${at}`;
    expect(verdictText(sample('client-reset/client.txt'), 'en').nextStep).toBe(
      // Recheck 9 R5: the connection's age (232 ms since the SYN) is checked too, and the conclusion is hedged.
      `The client reset 181.7 ms after its request on line 4, 30.4 ms after the server's last data (line 14) and 232 ms after its SYN${tail(AT_CLIENT_EN)}`,
    );
    expect(verdictText(sample('client-reset/client.txt'), 'zh-CN').nextStep).toBe(
      `客户端在第 4 行发出请求后 181.7 毫秒、在服务端最后一次发送数据（第 14 行）后 30.4 毫秒、在它的 SYN 之后 232 毫秒复位了连接：没有一个达到秒级，也没有一个接近 100 毫秒或 250 毫秒的整数倍，不像通常配置的超时；除非某个超时的起点早于本抓包所见，否则很可能是它的应用程序自己中止了连接：取消了请求、进程崩溃或退出，或者带着未读数据 close()、设置了 SO_LINGER 0。请查看客户端应用程序的日志，并检查它的进程是否退出。${AT_CLIENT_ZH}`,
    );
    // At the server the request arrives 9 µs later and the data leaves 47 µs earlier: the same reading.
    expect(verdictText(sample('client-reset/server.txt'), 'en').nextStep).toBe(
      `The client reset 181.7 ms after its request on line 4, 30.4 ms after the server's last data (line 14) and 232 ms after its SYN${tail(ON_CLIENT_EN)}`,
    );
    for (const f of ['client-reset/client.txt', 'client-reset/server.txt']) {
      expect(verdictText(sample(f), 'en').nextStep, f).not.toContain('how long the server took');
      expect(verdictText(sample(f), 'zh-CN').nextStep, f).not.toContain('服务端的处理时间');
    }
  });

  it('chal and CROSS_AT_CLIENT (SYNTHETIC): 0.6 ms after the request on line 7, before any answer: too soon for a timeout', () => {
    const en = (peer: string) =>
      `The client reset 0.6 ms after its request on line 7 and ${peer} ms after the server's last data (line 6), before any data answered that request: too soon for a timeout; its application most likely aborted on its own right after sending: a cancelled request, a crash or exit of the process, or a close() with unread data or SO_LINGER 0. Check the client application's logs and whether its process exited.`;
    const zh = (peer: string) =>
      `客户端在第 7 行发出请求后 0.6 毫秒、在服务端最后一次发送数据（第 6 行）后 ${peer} 毫秒就复位了连接，那时还没有任何数据回应这个请求：对超时来说太早了；很可能是它的应用程序刚发完请求就自己中止了连接：取消了请求、进程崩溃或退出，或者带着未读数据 close()、设置了 SO_LINGER 0。请查看客户端应用程序的日志，并检查它的进程是否退出。`;
    // chal and CROSS_AT_CLIENT have the client's timing (CLIENT_SIDE_HEAD: the reply 0.1 ms before the request) and are
    // placed at the client (recheck 9 R6); CROSS_HEAD's server-side timing puts the reply 10.1 ms before it.
    for (const text of [CHAL, CROSS_AT_CLIENT]) {
      expect(verdictText(text, 'en').nextStep).toBe(`${en('0.7')} ${AT_CLIENT_EN}`);
      expect(verdictText(text, 'zh-CN').nextStep).toBe(`${zh('0.7')}${AT_CLIENT_ZH}`);
    }
    const atServer = [...CROSS_HEAD, CLIENT_ABORT].join('\n');
    // Placed at the server, the 10.7 ms from the server's data include the round trip (recheck 9 R6).
    expect(verdictText(atServer, 'en').nextStep).toBe(`${en('10.7').replace('(line 6)', '(line 6; as seen at the server, this includes one round trip, 9.98 ms in the handshake)')} ${ON_CLIENT_EN}`);
    expect(verdictText(atServer, 'zh-CN').nextStep).toBe(`${zh('10.7').replace('10.7 毫秒', '10.7 毫秒（这是在服务端看到的时间，包含一个往返时间，握手时为 9.98 毫秒）')}${ON_CLIENT_ZH}`);
    expect(verdictText(CHAL, 'en').nextStep).not.toContain('as seen at the server');
  });

  it('SYNTHETIC: the same abort 1.5 s, or 500.3 ms (a round 500 ms), after the request may be the client\'s timeout', () => {
    // CROSS_HEAD is placed at the server: the figure from the server's data includes a round trip (recheck 9 R6).
    const late = (t: string) => [...CROSS_HEAD, CLIENT_ABORT.replace('12:00:00.021000', t)].join('\n');
    expect(verdictText(late('12:00:01.520400'), 'en').nextStep).toBe(
      `The client reset 1.5 s after its request on line 7, 1.51 s after the server's last data (line 6; as seen at the server, this includes one round trip, 9.98 ms in the handshake) and 1.52 s after its SYN, before any data answered that request: that may be its own timeout: compare it with the client's timeouts (for the whole request, and between reads); check also whether the client process exited. ${ON_CLIENT_EN}`,
    );
    expect(verdictText(late('12:00:01.520400'), 'zh-CN').nextStep).toBe(
      `客户端在第 7 行发出请求后 1.5 秒、在服务端最后一次发送数据（第 6 行）后 1.51 秒（这是在服务端看到的时间，包含一个往返时间，握手时为 9.98 毫秒）、在它的 SYN 之后 1.52 秒复位了连接，那时还没有任何数据回应这个请求：这可能是它自己的超时：请与客户端的超时设置（整个请求的超时，以及两次读取之间的超时）作比较；同时检查客户端进程是否退出。${ON_CLIENT_ZH}`,
    );
    expect(verdictText(late('12:00:00.520700'), 'en').nextStep).toBe(
      `The client reset 500.3 ms after its request on line 7, 510.4 ms after the server's last data (line 6; as seen at the server, this includes one round trip, 9.98 ms in the handshake) and 520.7 ms after its SYN, before any data answered that request: that may be its own timeout: compare it with the client's timeouts (for the whole request, and between reads); check also whether the client process exited. ${ON_CLIENT_EN}`,
    );
    // 310 ms: neither a second nor within 5 ms of a multiple of 100 or 250 ms (nor are 320.1 ms and 330.4 ms of age).
    expect(verdictText(late('12:00:00.330400'), 'en').nextStep).toMatch(/^The client reset 310 ms after its request on line 7, 320.1 ms after the server's last data \(line 6; as seen at the server, this includes one round trip, 9.98 ms in the handshake\) and 330.4 ms after its SYN, before any data answered that request: none is seconds long or near a round value/);
  });
});

describe('I10: the client abort verdict: the kernel resets on its own mostly when keep-alive gives up', () => {
  it('client-reset/client.txt summary, en and zh-CN', () => {
    expect(verdictText(sample('client-reset/client.txt'), 'en').summary).toContain(
      'Its kernel sends such a RST on its own mostly when keep-alive gives up after unanswered probes (tcp_keepalive_timer; with TCP_USER_TIMEOUT set, once that time has passed); also on a socket its application has already closed (orphaned), with too many orphans or too little memory (tcp_out_of_resources); when retransmissions give up, Linux sends none (tcp_write_err).',
    );
    expect(verdictText(sample('client-reset/client.txt'), 'zh-CN').summary).toContain(
      '内核自己发这种 RST 主要是在保活探测无人应答、保活放弃时（tcp_keepalive_timer；设置了 TCP_USER_TIMEOUT 时，是在超过这个时间之后）；此外，对应用程序已经关闭的（孤儿）套接字，孤儿套接字过多或内存不足时内核也会发出（tcp_out_of_resources）；重传超时放弃时 Linux 不发 RST（tcp_write_err）。',
    );
  });
});

const M3_EN =
  'Check what makes the server close after a request (its requests-per-connection limit: nginx keepalive_requests, Apache MaxKeepAliveRequests, Node.js server.maxRequestsPerSocket; one request per connection; a reload or restart) and that such a last answer says Connection: close (RFC 9112 §9.6); the client should retry an idempotent request (RFC 9110 §9.2.2) on a fresh connection (RFC 9112 §9.3.1).';
const M3_ZH =
  '检查是什么让服务端在一次请求之后关闭连接（每个连接的请求数上限：nginx 的 keepalive_requests、Apache 的 MaxKeepAliveRequests、Node.js 的 server.maxRequestsPerSocket；每个连接只处理一个请求；重新加载或重启），以及这样的最后一个回复是否带有 Connection: close（RFC 9112 §9.6）；客户端应在新连接上（RFC 9112 §9.3.1）重试幂等请求（RFC 9110 §9.2.2）。';

describe('I7 and M3: reuse-before-close: the server reset 5.2 ms after its answer: no idle timer, and the next step says so', () => {
  it('client.txt and server.txt: the interval is the server\'s answer (line 6) → its RST (line 9)', () => {
    const idle = { 'client.txt': '5.209', 'server.txt': '5.213' } as const;
    for (const [f, ms] of Object.entries(idle)) {
      const en = verdictText(sample(`reuse-before-close/${f}`), 'en');
      expect(en.summary, f).toContain(
        `The server reset ${ms} ms after its answer, far sooner than the usual keep-alive idle timeouts (nginx keepalive_timeout 75 s, Apache KeepAliveTimeout 5 s, Node.js server.keepAliveTimeout 5 s by default): not an idle timer: the server closes after a number of requests (its keep-alive limit, e.g. nginx keepalive_requests, or one request per connection), or it was shutting down (a reload or restart closes idle keep-alive connections). With Connection: close in its answer (RFC 9112 §9.6) the client would not have reused the connection.`,
      );
      expect(en.summary, f).not.toContain("The client sent it");
      expect(en.nextStep, f).toBe(M3_EN);
      const zh = verdictText(sample(`reuse-before-close/${f}`), 'zh-CN');
      expect(zh.summary, f).toContain(
        `服务端在回复之后 ${ms} 毫秒就复位了连接，远早于常见的长连接空闲超时（默认值：nginx 的 keepalive_timeout 75 秒，Apache 的 KeepAliveTimeout 5 秒，Node.js 的 server.keepAliveTimeout 5 秒）：不是空闲计时，而是服务端处理一定数量的请求后就关闭`,
      );
      expect(zh.nextStep, f).toBe(M3_ZH);
      expect(zh.nextStep, f).not.toContain('更早放弃空闲连接');
    }
  });

  it('unread-close/client.txt: the server reset 300.3 ms after its answer with the request unread: the same next step', () => {
    expect(verdictText(sample('unread-close/client.txt'), 'en').nextStep).toBe(M3_EN);
    expect(verdictText(sample('unread-close/client.txt'), 'zh-CN').nextStep).toBe(M3_ZH);
  });
});

describe('I6: req.reusedSocket: an idempotent request can be retried, the same in en and zh-CN everywhere', () => {
  it('reuse-after-close, reuse-before-close, unread-close', () => {
    const after = 'Node.js: Error: socket hang up (code ECONNRESET; req.reusedSocket is true: an idempotent request can be retried)';
    const afterZh = 'Node.js：Error: socket hang up（code ECONNRESET；req.reusedSocket 为 true：幂等请求可以重试）';
    expect(verdictText(sample('reuse-after-close/n.txt'), 'en').appSaw).toContain(after);
    expect(verdictText(sample('reuse-after-close/n.txt'), 'zh-CN').appSaw).toContain(afterZh);
    const next =
      'Clients that do not retry: Node.js: Error: read ECONNRESET, or Error: socket hang up (code ECONNRESET) (req.reusedSocket is true when the request went out on a kept-alive socket: an idempotent request can be retried)';
    const nextZh = '不重试的客户端：Node.js：Error: read ECONNRESET，或 Error: socket hang up（code ECONNRESET）（请求走的是复用的长连接时 req.reusedSocket 为 true：幂等请求可以重试）';
    for (const f of ['reuse-before-close/client.txt', 'reuse-before-close/server.txt', 'unread-close/client.txt']) {
      expect(verdictText(sample(f), 'en').appSaw, f).toContain(next);
      expect(verdictText(sample(f), 'zh-CN').appSaw, f).toContain(nextZh);
    }
    for (const f of ['reuse-after-close/n.txt', 'reuse-before-close/client.txt', 'unread-close/client.txt']) {
      expect(verdictText(sample(f), 'en').appSaw.join('\n'), f).not.toContain('safe to retry');
      expect(verdictText(sample(f), 'zh-CN').appSaw.join('\n'), f).not.toMatch(/安全重试|可据此重试/);
    }
  });
});

describe('I9: data after close resets once the application stopped receiving (RCV_SHUTDOWN), not only after close()', () => {
  it('reuse-after-close/client.txt line 10, en and zh-CN', () => {
    const [en] = findingsAt(sample('reuse-after-close/client.txt'), 10, 'en');
    expect(en).toContain(
      "(RFC 9293 §3.6.1; Linux counts TCPAbortOnData, and resets only once its application has stopped receiving (close(), or shutdown with SHUT_RD/SHUT_RDWR); after shutdown(SHUT_WR) alone it would accept the data).",
    );
    const [zh] = findingsAt(sample('reuse-after-close/client.txt'), 10, 'zh-CN');
    expect(zh).toContain('（RFC 9293 §3.6.1；Linux 计入 TCPAbortOnData，而且只在应用程序已停止接收（close()，或 shutdown 带 SHUT_RD/SHUT_RDWR）之后才复位；只 shutdown(SHUT_WR) 时它仍会接收这些数据）。');
  });
});
