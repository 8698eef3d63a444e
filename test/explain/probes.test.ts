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
      '[warning] 3 keep-alives in a row (from line 10) got no answer the client received. No answer was captured: the peer is gone, or the probes or their answers are lost on the way (a NAT or firewall that forgot the connection). The client\'s kernel gave up and reset the connection (Linux tcp_keepalive_timer after tcp_keepalive_probes: tcp_send_active_reset, tcp_write_err): its application\'s next call on the socket fails with ETIMEDOUT "Connection timed out".',
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
    expect(en.nextStep).toMatch(/^Find the device between them whose state table forgot the connection/);
    expect(verdictOf('nat-keepalive-cut/server.txt', 'zh-CN').summary).toMatch(/返回路径已断.*抓包位于服务端：/);
  });
});

describe('retransmission kinds and capture-point advice', () => {
  it('retransmission: 206.3 ms, alone in flight: RTO or tail loss probe, the text cannot tell', () => {
    expect(findingsAt('retransmission/n.txt', 5, 'en')[0]).toBe(
      "[warning] Retransmission: the client sends bytes it already sent (first on line 4) 206.3 ms after the previous copy. It is the sender's last segment and nothing else was in flight, so two timers fit: the retransmission timer (RTO, RFC 6298; Linux waits at least 200 ms) or a tail loss probe (RFC 8985 §7.2: with one segment in flight Linux waits 2·SRTT + 200 ms); Linux caps the probe at the RTO, so with one segment in flight the probe replaces the RTO at about the same time; the text cannot tell them apart (on the sender, nstat's TcpExtTCPLossProbes and TcpExtTCPTimeouts can). Either way the first copy or its ACK was lost.",
    );
    expect(findingsAt('retransmission/n.txt', 5, 'zh-CN')[0]).toContain('距上一次发送 206.3 毫秒。它是发送方最后一个报文段');
  });

  it('fast-retransmit line 64: SACK recovery (RFC 6675), not a timer', () => {
    expect(findingsAt('fast-retransmit/n.txt', 64, 'en')).toEqual([
      "[warning] Fast retransmission: the client resends missing bytes at once: the peer's SACK blocks show segments above this hole arrived and this part did not (the SACK scoreboard: RFC 6675 §4, RACK RFC 8985), so it does not wait for its timer.",
    ]);
  });

  it('server-abort: "Capture on the server too" only when the capture was not taken there; -v and -tttt named', () => {
    const client = verdictOf('server-abort/n.txt', 'en');
    expect(client.nextStep).toContain('capture on the server too with -v');
    expect(client.nextStep).toMatch(/This text cannot show who really sent the RST \(tcpdump -v prints the TTL and IP id of each packet\); nor the date, to match the event with logs \(tcpdump -tttt prints it\)\.$/);
    const server = verdictOf('server-abort/server.txt', 'en');
    expect(server.nextStep).not.toContain('capture on the server too');
    expect(server.nextStep).toContain('This capture was taken at the server');
    expect(verdictOf('server-abort/server.txt', 'zh-CN').nextStep).toContain('本次抓包就在服务端');
    expect(verdictOf('server-abort/n.txt', 'zh-CN').nextStep).toMatch(/这份文本无法显示：究竟是谁发送了 RST（tcpdump -v 会打印每个报文的 TTL 和 IP id）；日期，无法与日志对照（tcpdump -tttt 会打印日期）。$/);
  });
});

describe('handshake round trip and where it was seen', () => {
  it('sack-recovery server.txt: gaps of 27 and 19 µs tell nothing about the capture point, and the words say so', () => {
    expect(findingsAt('sack-recovery/server.txt', 3, 'en')).toEqual([
      "[info] Handshake round trip: about 0.027 ms (the SYN → SYN-ACK gap); the handshake's timing does not tell where the capture was taken. A baseline for judging later delays.",
    ]);
    expect(findingsAt('sack-recovery/server.txt', 3, 'zh-CN')).toEqual([
      '[信息] 握手往返时间（RTT）：约 0.027 毫秒（SYN → SYN-ACK 这一段间隔）；握手的时间无法说明抓包位置。可作为判断后续延迟的基准。',
    ]);
    // With -v the TTLs put the capture at the server: its round trip is SYN-ACK → ACK.
    expect(findingsAt('sack-recovery/server-v.txt', 5, 'en')).toEqual([
      '[info] Handshake round trip seen from the server: 0.019 ms (SYN-ACK → ACK); a baseline for judging later delays.',
    ]);
    expect(findingsAt('zero-window/n.txt', 3, 'en')).toEqual([
      '[info] Handshake round trip seen from the client: 0.134 ms (SYN → SYN-ACK); a baseline for judging later delays.',
    ]);
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
