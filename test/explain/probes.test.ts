// Words for window probes, stalls, keep-alive outcomes, retransmission kinds, D-SACK, capture point and limits, in
// English and Chinese, on real captures.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { ConnectionView, RecordView } from '../../src/report';
import type { Lang } from '../../src/explain';

const sample = (p: string) => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');

/** Finding notes of input line `line`. */
function findingsAt(file: string, line: number, lang: Lang): string[] {
  const view = annotateText(sample(file), { lang }).find((i): i is RecordView => i.kind === 'record' && i.rec.line === line);
  if (!view) throw new Error(`no record on line ${line}`);
  return view.notes.filter((n) => n.kind === 'finding').map((n) => n.text);
}

const verdictOf = (file: string, lang: Lang) => annotateText(sample(file), { lang }).filter((i): i is ConnectionView => i.kind === 'connection')[0].text;

describe('zero-window', () => {
  it('line 8: a tail loss probe 6.38 ms after the original, never "the retransmission timer fired"', () => {
    const [, en] = findingsAt('zero-window/n.txt', 8, 'en');
    expect(en).toContain('6.38 ms after the previous copy');
    expect(en).toContain('likely a tail loss probe (RFC 8985 §7)');
    expect(en).not.toMatch(/timer (fired|expired)/);
    const [, zh] = findingsAt('zero-window/n.txt', 8, 'zh-CN');
    expect(zh).toContain('距上一次发送 6.38 毫秒');
    expect(zh).toContain('尾部丢失探测（TLP，RFC 8985 §7）');
  });

  it('line 9: the D-SACK names line 8 as unnecessary', () => {
    expect(findingsAt('zero-window/n.txt', 9, 'en')).toEqual([
      '[note] D-SACK: the first SACK block {2897:4345} lies at or below the ACK (RFC 2883 §4), so the server reports bytes it received twice, not new data. The retransmission on line 8 was therefore unnecessary (spurious, RFC 3708): the first copy had arrived.',
    ]);
    expect(findingsAt('zero-window/n.txt', 9, 'zh-CN')[0]).toContain('因此第 8 行的重传是多余的（虚假重传，RFC 3708）');
  });

  it('line 12: a window probe, not a keep-alive; line 17: the stall', () => {
    const [probe] = findingsAt('zero-window/n.txt', 12, 'en');
    expect(probe).toMatch(/^\[note\] Zero-window probe, 215\.9 ms after the peer's window went to 0: the client has data waiting/);
    expect(probe).toContain('against a zero window it is a window probe');
    expect(probe).not.toMatch(/^\[info\] Keep-alive/);
    expect(findingsAt('zero-window/n.txt', 12, 'zh-CN')[0]).toMatch(/^\[提示\] 零窗口探测（对方窗口变为 0 之后 215\.9 毫秒）/);
    expect(findingsAt('zero-window/n.txt', 17, 'en')[1]).toBe(
      "[warning] Stall over: the server's window was 0 for 2.856 s (since line 11), with 3 zero-window probes from the peer meanwhile. The transfer stood still that long because the server's application did not read its receive buffer; the peer may send again now.",
    );
    expect(findingsAt('zero-window/n.txt', 17, 'zh-CN')[1]).toBe(
      '[警告] 停滞结束：服务端的窗口在 2.856 秒内一直为 0（从第 11 行起），期间对方发送了 3 个零窗口探测。传输停顿了这么久，是因为服务端的应用程序没有读取接收缓冲区；现在对方可以继续发送了。',
    );
  });
});

describe('nat-keepalive-cut', () => {
  it('client: the RST ends 3 unanswered probes; the verdict is a keep-alive timeout with ETIMEDOUT', () => {
    expect(findingsAt('nat-keepalive-cut/client.txt', 13, 'en')[0]).toBe(
      '[warning] 3 keep-alives in a row (from line 10) got no answer the client received. No answer was captured: the peer is gone, or the probes or their answers are lost on the way (a path that broke, or a NAT or firewall that dropped the connection\'s state). The client\'s kernel gave up and reset the connection (Linux tcp_keepalive_timer after tcp_keepalive_probes: tcp_send_active_reset, tcp_write_err): its application\'s next call on the socket fails with ETIMEDOUT "Connection timed out".',
    );
    const en = verdictOf('nat-keepalive-cut/client.txt', 'en');
    expect(en.headline).toBe("Keep-alive timeout: the client's kernel gave up on a silent connection");
    expect(en.nextStep).toMatch(/^Capture at the server at the same time \(tcplain pair\)/);
    expect(en.appSaw[0]).toBe(
      "The client's application: ETIMEDOUT on its next call on the socket (not a timeout of its own): curl: (56) Recv failure: Connection timed out; Node.js: Error: read ETIMEDOUT; Python: TimeoutError: [Errno 110] Connection timed out; Java: java.net.SocketException: Connection timed out",
    );
    expect(en.appSaw.join(' ')).not.toMatch(/\(28\)|SocketTimeoutException|gave up \(its own timeout\)/);
    const zh = verdictOf('nat-keepalive-cut/client.txt', 'zh-CN');
    expect(zh.headline).toBe('保活超时：客户端的内核放弃了一个没有回应的连接');
    expect(zh.appSaw[0]).toMatch(/^客户端的应用程序：下一次对该套接字的调用得到 ETIMEDOUT/);
  });

  it('server: the answers were sent, the frozen TS echo shows they never arrived: the return path is broken', () => {
    expect(findingsAt('nat-keepalive-cut/server.txt', 41, 'en')[0]).toContain(
      "The peer did answer (line 39), but the client's TS echo still carries an older timestamp, so that answer never reached it: the return path is broken",
    );
    expect(findingsAt('nat-keepalive-cut/server.txt', 41, 'zh-CN')[0]).toContain('说明那个回应没有到达：返回路径已断');
    const en = verdictOf('nat-keepalive-cut/server.txt', 'en');
    expect(en.summary).toContain("This capture shows the server did answer, but the client's timestamp echo stayed frozen, so the answers never arrived: the return path is broken");
    expect(en.summary).toMatch(/Captured at the server: its packets carry an initial TTL \(64\/128\/255\) and the client's arrive lower \(-v\)\.$/);
    // One answer got through 1 s before the cut and the probes came every ~1 s: no idle timeout, a sudden change.
    expect(en.summary).toContain(
      'An earlier answer did arrive and the probes came at most 1.033 s apart, so no idle timeout forgot the connection: the path changed suddenly (a route change, a conntrack/NAT flush or a one-way filter).',
    );
    expect(en.nextStep).toBe(
      'The server→client direction broke suddenly while keep-alives ran at most 1.033 s apart: look for a route change, a conntrack/NAT flush or a one-way filter.',
    );
    expect(en.summary).not.toContain('kept alive');
    const zh = verdictOf('nat-keepalive-cut/server.txt', 'zh-CN');
    expect(zh.summary).toMatch(/返回路径已断.*抓包位于服务端：/);
    expect(zh.nextStep).toBe('服务端→客户端方向在保活探测间隔最多 1.033 秒的情况下突然中断：检查路由变化、conntrack/NAT 表被清空或单向过滤。');
  });
});

describe('retransmission kinds and capture-point advice', () => {
  it('retransmission: 206.3 ms, alone in flight: RTO or tail loss probe, the text cannot tell', () => {
    expect(findingsAt('retransmission/n.txt', 5, 'en')[0]).toBe(
      "[warning] Retransmission: the client sends bytes it already sent (first on line 4) 206.3 ms after the previous copy. It is the sender's last segment and nothing else was in flight, so two timers fit: the retransmission timer (RTO, RFC 6298; Linux waits at least 200 ms) or a tail loss probe (RFC 8985 §7.2: with one segment in flight Linux waits 2·SRTT + the minimum RTO, 200 ms by default); Linux caps the probe at the RTO, so with one segment in flight the probe replaces the RTO at about the same time; the text cannot tell them apart (on the sender, nstat's TcpExtTCPLossProbes and TcpExtTCPTimeouts can). Either way the first copy or its ACK was lost.",
    );
    expect(findingsAt('retransmission/n.txt', 5, 'zh-CN')[0]).toContain('距上一次发送 206.3 毫秒。它是发送方最后一个报文段');
  });

  it('fast-retransmit line 64: SACK recovery (RFC 6675), not a timer', () => {
    expect(findingsAt('fast-retransmit/n.txt', 64, 'en')).toEqual([
      "[warning] Fast retransmission: the client resends missing bytes at once: the peer's SACK blocks show segments above this hole arrived and this part did not (the SACK scoreboard: RFC 6675 §4, RACK RFC 8985), so it does not wait for its timer.",
    ]);
  });

  it('server-abort: "Capture on the server too" unless the capture is known to be taken there; -v and -tttt named', () => {
    const client = verdictOf('server-abort/n.txt', 'en');
    expect(client.nextStep).toContain('capture on the server too with -v');
    // The RST continues the server's window and timestamps: its own TCP sent it, so -v is not named for its origin.
    expect(client.nextStep).toMatch(/This text cannot show the date, to match the event with logs \(tcpdump -tttt prints it\)\.$/);
    expect(client.nextStep).not.toContain('who really sent the RST');
    // server.txt: SYN→SYN-ACK 16 µs, SYN-ACK→ACK 20 µs: two turnarounds, the timing cannot place the capture (review7
    // recheck3 item 1), so the advice stays the one for a capture taken elsewhere.
    const server = verdictOf('server-abort/server.txt', 'en');
    expect(server.nextStep).toContain('To rule out a forged RST, capture on the server too with -v');
    expect(server.nextStep).not.toContain('This capture was taken at the server');
    expect(verdictOf('server-abort/server.txt', 'zh-CN').nextStep).not.toContain('本次抓包就在服务端');
    expect(verdictOf('server-abort/n.txt', 'zh-CN').nextStep).toMatch(/这份文本无法显示日期，无法与日志对照（tcpdump -tttt 会打印日期）。$/);
  });
});

describe('handshake round trip and where it was seen', () => {
  it('sack-recovery server.txt: gaps of 27 and 19 µs tell nothing about the capture point, and the words say so', () => {
    expect(findingsAt('sack-recovery/server.txt', 3, 'en')).toEqual([
      "[info] Handshake round trip: 0.019–0.027 ms, depending on which gap is the round trip (SYN → SYN-ACK 0.027 ms, SYN-ACK → ACK 0.019 ms); the other is one host's own turnaround, and the timing does not tell which. A baseline for judging later delays.",
    ]);
    expect(findingsAt('sack-recovery/server.txt', 3, 'zh-CN')).toEqual([
      '[信息] 握手往返时间（RTT）：0.019–0.027 毫秒，取决于哪个间隔是往返时间（SYN → SYN-ACK 0.027 毫秒，SYN-ACK → ACK 0.019 毫秒）；另一个只是某一端自身的响应时间，握手时序分辨不出是哪一个。可作为判断后续延迟的基准。',
    ]);
    // With -v the TTLs put the capture at the server: its round trip is SYN-ACK → ACK.
    expect(findingsAt('sack-recovery/server-v.txt', 5, 'en')).toEqual([
      '[info] Handshake round trip seen from the server: 0.019 ms (SYN-ACK → ACK); a baseline for judging later delays.',
    ]);
    expect(findingsAt('zero-window/n.txt', 3, 'en')).toEqual([
      '[info] Handshake round trip seen from the client: 0.134 ms (SYN → SYN-ACK); a baseline for judging later delays.',
    ]);
  });

  it('capture point unknown: the range and both gaps, never the longer gap alone (ipv6/server.txt 53/31 µs, unread-close/server.txt 18/18 µs); summary rtt "-"', () => {
    expect(findingsAt('ipv6/server.txt', 3, 'en')).toEqual([
      "[info] Handshake round trip: 0.031–0.053 ms, depending on which gap is the round trip (SYN → SYN-ACK 0.053 ms, SYN-ACK → ACK 0.031 ms); the other is one host's own turnaround, and the timing does not tell which. A baseline for judging later delays.",
    ]);
    expect(findingsAt('ipv6/server.txt', 3, 'zh-CN')).toEqual([
      '[信息] 握手往返时间（RTT）：0.031–0.053 毫秒，取决于哪个间隔是往返时间（SYN → SYN-ACK 0.053 毫秒，SYN-ACK → ACK 0.031 毫秒）；另一个只是某一端自身的响应时间，握手时序分辨不出是哪一个。可作为判断后续延迟的基准。',
    ]);
    expect(findingsAt('unread-close/server.txt', 3, 'en')).toEqual([
      "[info] Handshake round trip: 0.018 ms (SYN → SYN-ACK and SYN-ACK → ACK both took 0.018 ms: whichever gap is the round trip, the other is one host's own turnaround). A baseline for judging later delays.",
    ]);
    expect(findingsAt('unread-close/server.txt', 3, 'zh-CN')).toEqual([
      '[信息] 握手往返时间（RTT）：0.018 毫秒（SYN → SYN-ACK 和 SYN-ACK → ACK 都是 0.018 毫秒：无论哪个间隔是往返时间，另一个都只是某一端自身的响应时间）。可作为判断后续延迟的基准。',
    ]);
    for (const f of ['ipv6/server.txt', 'sack-recovery/server.txt', 'unread-close/server.txt']) {
      const v = annotateText(sample(f), { lang: 'en' }).filter((i): i is ConnectionView => i.kind === 'connection')[0].verdict;
      expect(v.handshakeRtt, f).toBeNull();
    }
  });
});

describe('capture point in the verdict summary', () => {
  it('-i any: the client host; -v TTL: the server', () => {
    expect(verdictOf('handshake-close/any.txt', 'en').summary).toMatch(/ Captured on the client host: -i any marks its own segments Out and the server's In\.$/);
    expect(verdictOf('handshake-close/any.txt', 'zh-CN').summary).toMatch(/。抓包位于客户端主机上：-i any 把它自己的报文标为 Out，把服务端的报文标为 In。$/);
    expect(verdictOf('nat-basic/server.txt', 'en').summary).toMatch(/ Captured at the server: its packets carry an initial TTL \(64\/128\/255\) and the client's arrive lower \(-v\)\.$/);
    // Handshake gaps of 18 µs each: no sentence at all.
    expect(verdictOf('unread-close/server.txt', 'en').summary).not.toMatch(/[Cc]aptured/);
  });
});

describe('review fixes: SACK duplicate ACKs, RACK and timer resends, upstream timer retransmissions, probe answers', () => {
  it('tail-loss-two line 13: a SACK-bearing ACK that also grew the window is duplicate ACK #1 (RFC 6675 §2), not a window update', () => {
    expect(findingsAt('tail-loss-two/n.txt', 13, 'en')).toEqual(["[note] Duplicate ACK #1 with the new SACK block {5793:6093} (same ack as line 11): the client still needs bytes 4345–5792; it already holds bytes 5793–6092 (the window also grew while the hole is open: a Linux receiver widens its offer as out-of-order data arrives on a SACK connection (tcp_grow_window), and any receiver does as its application reads data before the hole; it cannot read past the hole). With SACK, an ACK that brings new SACK information counts as a duplicate ACK (RFC 6675 §2)."]);
    expect(findingsAt('tail-loss-two/n.txt', 13, 'zh-CN')).toEqual(["[提示] 重复确认 #1，带新的 SACK 块 {5793:6093}（与第 11 行的确认号相同）：客户端仍缺字节 4345–5792，而 5793–6092 已经收到（缺口未补上时窗口也变大了：Linux 接收端在 SACK 连接上收到乱序数据时会放大通告窗口（tcp_grow_window），任何接收端在应用程序读走缺口之前的数据时也会放大窗口；缺口之后的数据应用程序还读不到）。启用 SACK 时，带来新 SACK 信息的确认算作重复确认（RFC 6675 §2）。"]);
  });

  it('tail-loss-two line 14: resent once the probe was SACKed: RACK, not RFC 6675 (one segment SACKed above the hole)', () => {
    expect(findingsAt('tail-loss-two/n.txt', 14, 'en')).toEqual(["[warning] Fast retransmission: the server resends missing bytes once later data was SACKed: too little lies SACKed above them for RFC 6675's rule (3 segments), so RACK (RFC 8985 §6.2: a segment sent before one that was delivered counts as lost) marked them lost; it does not wait for its timer."]);
    expect(findingsAt('tail-loss-two/n.txt', 14, 'zh-CN')).toEqual(["[警告] 快速重传：后面的数据被 SACK 确认后，服务端重发缺失的数据：缺口之上被 SACK 的数据太少，不满足 RFC 6675 的规则（3 个报文段），是 RACK（RFC 8985 §6.2：比已送达的报文段更早发出的报文段视为丢失）判定它丢失的；不等定时器超时。"]);
  });

  it('tail-loss client line 14: new data 204.4 ms late with a TS val jump of 205: a timer resend of a copy lost upstream', () => {
    expect(findingsAt('tail-loss/n.txt', 14, 'en')).toEqual(["[warning] Resent by a timer: the server sent these 300 bytes 204.4 ms after its previous data segment, which had no PSH (more of the same write was already queued), and nothing from the peer prompted them; its TS val jumps from 252947232 to 252947437 (+205; Linux counts it in milliseconds), so the bytes left the sender that much later and were not held up on the way. No ACK clocked them out, so a timer did: the retransmission timer (RTO, RFC 6298; Linux waits at least 200 ms) or a tail loss probe (with one segment in flight 2·SRTT + the minimum RTO, 200 ms by default, RFC 8985 §7.2; Linux caps the probe at the RTO, so with one segment in flight the probe replaces the RTO at about the same time). Their first copy never arrived here: it was lost before this capture point."]);
    expect(findingsAt('tail-loss/n.txt', 14, 'zh-CN')).toEqual(["[警告] 由定时器重发：服务端在上一个数据报文段之后 204.4 毫秒才发出这 300 字节；上一个报文段没有 PSH（同一次写入的更多数据已在排队），对方也没有发来任何促使它发送的东西；它的 TS val 从 252947232 跳到 252947437（+205；Linux 以毫秒计），所以这些字节是晚了这么久才从发送方发出的，并不是在途中被耽搁。没有确认促使它们发出，所以是定时器发出的：重传定时器（RTO，RFC 6298；Linux 至少等待 200 毫秒）或尾部丢失探测（只有一个报文段在途时为 2·SRTT + 最小 RTO，默认 200 毫秒，RFC 8985 §7.2；Linux 把探测时间限制在 RTO 之内，所以只有一个报文段在途时，探测几乎在 RTO 到期的同一时刻代替了 RTO）。它们的第一次发送从未到达这里：在本抓包点之前丢失了。"]);
  });

  it('nat-drops client 83: the SACK scoreboard triggered it (only 2 duplicate ACKs); 85: a timer 7.87 ms after the ACK', () => {
    expect(findingsAt('nat-drops/client.txt', 83, 'en')).toEqual(["[warning] Fast retransmission: the client resends missing bytes (first sent on line 63) at once: the peer's SACK blocks show segments above this hole arrived and this part did not (the SACK scoreboard: RFC 6675 §4, RACK RFC 8985), so it does not wait for its timer."]);
    expect(findingsAt('nat-drops/client.txt', 85, 'en')).toEqual(["[warning] Retransmission by a timer: the client resends missing bytes (first sent on line 81) 7.87 ms after the peer's last ACK, not at once although the peer's SACK blocks already showed the hole: far more than a round trip, so a timer sent it (RACK reordering timer, RFC 8985 §6.2, Linux tcp_rack_reo_timeout, or a tail loss probe)."]);
    expect(findingsAt('nat-drops/client.txt', 85, 'zh-CN')).toEqual(["[警告] 由定时器重传：客户端重发缺失的数据（第一次在第 81 行），距对方上一个确认 7.87 毫秒，虽然对方的 SACK 块早已表明这个缺口，却没有立即重发：远超一个往返时间，因此是定时器发出的（RACK 重排序定时器，RFC 8985 §6.2，Linux tcp_rack_reo_timeout，或尾部丢失探测）。"]);
  });

  it('zero-window line 14: a probe 427.9 ms after the last answer likely gets none (Linux tcp_oow_rate_limited, 500 ms)', () => {
    expect(findingsAt('zero-window/n.txt', 14, 'en')).toEqual(["[note] Zero-window probe #2, 643.9 ms after the peer's window went to 0: the client has data waiting and its persist timer asks whether the window has opened again (RFC 9293 §3.8.6.1); the answer is an ACK carrying the current window. It carries no new data and uses the already-acknowledged sequence number one below the next (Linux tcp_xmit_probe_skb), which is why it looks like a keep-alive; against a zero window it is a window probe, sent on the persist (probe0) timer, interval RTO·2^backoff (Linux tcp_probe0_when). The peer answered a probe only 427.9 ms ago, and Linux answers segments outside its window at most once per 500 ms (tcp_oow_rate_limited, net.ipv4.tcp_invalid_ratelimit), so this probe likely gets no answer."]);
    expect(findingsAt('zero-window/n.txt', 14, 'zh-CN')).toEqual(["[提示] 零窗口探测 #2（对方窗口变为 0 之后 643.9 毫秒）：客户端还有数据要发，它的坚持定时器（persist timer）询问对方窗口是否已重新打开（RFC 9293 §3.8.6.1）；回应是一个携带当前窗口的 ACK。它不带新数据，使用比下一个序列号小 1 的、已被确认过的序列号（Linux tcp_xmit_probe_skb），所以看起来像保活报文；但在零窗口期间它是窗口探测，由坚持定时器（probe0）发送，间隔为 RTO·2^backoff（Linux tcp_probe0_when）。对方上次回应探测才过去 427.9 毫秒，而 Linux 对窗口之外的报文段每 500 毫秒最多回应一次（tcp_oow_rate_limited，net.ipv4.tcp_invalid_ratelimit），所以这次探测很可能得不到回应。"]);
    // Probe #3 came 1.292 s after the answer: nothing to say, and it was answered (line 16).
    expect(findingsAt('zero-window/n.txt', 15, 'en')[0]).not.toContain('no answer');
  });
});
