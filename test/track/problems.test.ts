// The verdict carries what went wrong on the way (problems, severity, finding counts), and its headline names the
// dominant problem: exact values on real captures, key words in English and Chinese.

import { describe, expect, it } from 'vitest';
import { explainVerdictText } from '../../src/explain';
import type { ConnectionVerdict } from '../../src/model/verdict';
import { sample, track } from './helpers';

function verdictOf(file: string): ConnectionVerdict {
  const { verdicts } = track(sample(file));
  expect(verdicts).toHaveLength(1);
  return verdicts[0];
}

const headline = (v: ConnectionVerdict, lang: 'en' | 'zh-CN') => explainVerdictText(v, lang).headline;

describe('loss', () => {
  it('nat-drops, client side: 5 retransmissions (4 fast, 1 by a timer into a SACK hole), 28 duplicate ACKs (3 with new SACK blocks and a new window), repair 12 ms', () => {
    const v = verdictOf('nat-drops/client.txt');
    expect(v.verdict).toBe('normal-close');
    expect(v.severity).toBe('warn');
    expect(v.problems).toEqual([
      {
        code: 'loss',
        sender: 'client',
        retransmitted: 5,
        fast: 4,
        timeout: 0,
        tlp: 0,
        timeoutOrTlp: 0,
        other: 1,
        spurious: 0,
        lost: 5,
        notCaptured: 0,
        dupAcks: 28,
        sack: true,
        sackTimer: 1,
        spuriousLine: 0,
        dsackLine: 0,
        upstream: null,
        repairSeconds: 0.011951,
        repaired: true,
        lines: [12, 34, 85],
      },
    ]);
    expect(v.findingCounts).toEqual({
      'tcp.fast_retransmission': 5,
      'tcp.dup_ack': 28,
      'tcp.handshake_rtt': 1,
      'tcp.options_negotiated': 1,
    });
    expect(v.findingsBySeverity).toEqual({ info: 2, note: 28, warning: 5, error: 0 });
    expect(headline(v, 'en')).toBe(
      'Closed normally after recovering from loss: 5 segments retransmitted by the client (4 fast retransmissions with SACK, 1 resent by a timer after the SACK blocks showed the hole; 28 duplicate ACKs; repair took 12 ms)',
    );
    expect(headline(v, 'zh-CN')).toBe(
      '正常关闭，期间从丢包中恢复：客户端重传了 5 个报文段（启用 SACK 的快速重传 4 个、SACK 块已表明缺口后由定时器重发 1 个；重复确认 28 个；修复耗时 12 毫秒）',
    );
    const summary = explainVerdictText(v, 'en').summary;
    expect(summary).toContain('(four-way close)');
    expect(summary).not.toContain('Nothing went wrong');
    expect(summary).toContain('the server sent 28 duplicate ACKs while waiting, with SACK on; repair took 12 ms (lines 12, 34, 85).');
  });

  it('nat-drops, server side: the same 5 retransmissions, and the 5 holes the server saw before them', () => {
    const v = verdictOf('nat-drops/server.txt');
    expect(v.severity).toBe('warn');
    expect(v.problems).toHaveLength(1);
    expect(v.problems[0]).toMatchObject({ code: 'loss', sender: 'client', retransmitted: 5, fast: 4, other: 1, sackTimer: 1, lost: 5, notCaptured: 5, dupAcks: 28, repairSeconds: 0.011969, lines: [23, 25, 67, 163] });
    expect(v.findingCounts['tcp.previous_segment_not_captured']).toBe(5);
    expect(explainVerdictText(v, 'en').summary).toContain('5 holes before segments seen here: the missing data never passed this capture point');
    expect(explainVerdictText(v, 'zh-CN').summary).toContain('这里看到的报文段之前有 5 处缺口');
    expect(explainVerdictText(v, 'en').nextStep).toMatch(/^Segments were lost before this capture point/);
  });

  it('fast-retransmit: 12 retransmissions (12 fast: 2 after dup ACKs, 10 into SACK holes), 99 duplicate ACKs (every ACK with new SACK blocks, RFC 6675 §2)', () => {
    const v = verdictOf('fast-retransmit/client.txt');
    expect(v.severity).toBe('warn');
    expect(v.problems).toEqual([
      expect.objectContaining({ code: 'loss', sender: 'client', retransmitted: 12, fast: 12, other: 0, lost: 12, dupAcks: 99, sack: true, repairSeconds: 0.002092, repaired: true, lines: [31, 61] }),
    ]);
    expect(headline(v, 'en')).toBe(
      'Closed normally after recovering from loss: 12 segments retransmitted by the client (12 fast retransmissions with SACK; 99 duplicate ACKs; repair took 2.092 ms)',
    );
  });

  it('retransmission: one timer retransmission; the repair counts from the last segment before the timer fired', () => {
    const v = verdictOf('retransmission/client.txt');
    expect(v.problems).toEqual([
      { code: 'loss', sender: 'client', retransmitted: 1, fast: 0, timeout: 0, tlp: 0, timeoutOrTlp: 1, other: 0, spurious: 0, lost: 1, notCaptured: 0, dupAcks: 0, sack: true, sackTimer: 0, spuriousLine: 0, dsackLine: 0, upstream: null, repairSeconds: 0.206434, repaired: true, lines: [5] },
    ]);
    expect(headline(v, 'en')).toBe('Closed normally after recovering from loss: 1 segment retransmitted by the client (1 resent after ≥ 200 ms, a timeout or a tail-loss probe; repair took 206.4 ms)');
    expect(headline(v, 'zh-CN')).toBe('正常关闭，期间从丢包中恢复：客户端重传了 1 个报文段（≥ 200 毫秒后重发 1 个，属于超时重传或尾部丢失探测；修复耗时 206.4 毫秒）');
  });

  it('middlebox-reset: a retransmission never acknowledged; the RST decides the verdict and the severity', () => {
    const v = verdictOf('middlebox-reset/client.txt');
    // Without -v the bare RST reads as the server's no-connection reply (its form); -v shows it forged (test/track/reset).
    expect(v.verdict).toBe('reset-no-connection');
    expect(v.severity).toBe('error');
    expect(v.problems).toEqual([expect.objectContaining({ code: 'loss', retransmitted: 1, repairSeconds: null, repaired: false, lines: [5] })]);
    expect(explainVerdictText(v, 'en').summary).toContain('Loss: the client retransmitted 1 segment (1 resent after ≥ 200 ms, a timeout or a tail-loss probe); not all acknowledged by the end of the capture (line 5).');
  });
});

describe('zero window', () => {
  it('zero-window: a 2.856 s stall with 3 probes dominates the retransmission', () => {
    const v = verdictOf('zero-window/client.txt');
    expect(v.severity).toBe('warn');
    expect(v.problems.map((p) => p.code)).toEqual(['zero-window', 'loss']);
    // The server never offered more than 2896 bytes (wscale 0): 2 segments per round trip for the whole upload.
    expect(v.problems[0]).toEqual({ code: 'zero-window', by: 'server', seconds: 2.856411, stalls: 1, probes: 3, reopened: true, maxWindow: 2896, mss: 1460, wscale: 0, segment: { bytes: 1448, timestamps: true }, lines: [11, 17] });
    expect(headline(v, 'en')).toBe("Closed normally, but the server's zero window stalled the transfer for 2.856 s (3 window probes)");
    expect(headline(v, 'zh-CN')).toBe('正常关闭，但服务端的零窗口让传输停顿了 2.856 秒（零窗口探测 3 个）');
    expect(explainVerdictText(v, 'en').nextStep).toMatch(/^Look at the server application: it reads its socket too slowly/);
    expect(explainVerdictText(v, 'en').nextStep).toContain(
      'Also, the server never advertised more than 2896 bytes (exactly 2 full segments: 2 × 1448 bytes with timestamps; window scale 0), so the whole transfer was capped at that much per round trip, before the stall too: the fix is on the server',
    );
    expect(explainVerdictText(v, 'zh-CN').nextStep).toContain('服务端通告的窗口从未超过 2896 字节（正好 2 个满长报文段：带时间戳时 2 × 1448 字节；窗口缩放 0）');
    // The tail loss probe on line 8 was answered by a D-SACK on line 9: no loss, no repair time, a notice.
    expect(v.problems[1]).toMatchObject({ code: 'loss', retransmitted: 1, tlp: 1, spurious: 1, lost: 0, spuriousLine: 8, dsackLine: 9, repairSeconds: null });
    expect(explainVerdictText(v, 'en').summary).toContain(
      'No loss: the client sent 1 spurious tail-loss probe (line 8), but the D-SACK on line 9 shows the first copy had arrived; nothing was lost and nothing needed repair (lines 8, 9).',
    );
    expect(explainVerdictText(v, 'zh-CN').summary).toContain('没有丢包：客户端发出了 1 次虚假的尾部丢失探测（第 8 行），但第 9 行的 D-SACK 表明第一次发送的数据已经到达');
  });

  it('tail-loss client: the 300 bytes on line 14 left the server 205 ms late (TS val jump): a timer repaired a loss upstream', () => {
    const v = verdictOf('tail-loss/client.txt');
    expect(v.severity).toBe('warn');
    expect(v.problems).toEqual([
      expect.objectContaining({
        code: 'loss',
        retransmitted: 1,
        timeoutOrTlp: 1,
        lost: 1,
        upstream: { line: 14, bytes: 300, seconds: 0.20444, tsFrom: 252947232, tsTo: 252947437, timer: 'rto-or-tlp', afterHole: false },
        repairSeconds: 0.204477,
      }),
    ]);
    expect(headline(v, 'en')).toBe(
      'Closed normally, but the 300 bytes on line 14 arrived 204.4 ms late: the server sent them that much after the rest (TS val 252947232 → 252947437, +205, milliseconds on Linux), so their first copy was lost before this capture point and repaired by a timer (RTO or tail-loss probe)',
    );
    expect(headline(v, 'zh-CN')).toContain('但第 14 行的 300 字节晚到了 204.4 毫秒');
  });

  it('tail-loss-two client: the probe on line 12 (its original lost too) and the hole resent by RACK on line 14', () => {
    const v = verdictOf('tail-loss-two/client.txt');
    expect(v.problems).toEqual([
      expect.objectContaining({ code: 'loss', retransmitted: 2, fast: 1, tlp: 1, lost: 2, notCaptured: 1, dupAcks: 1, repairSeconds: 0.009247 }),
    ]);
    expect(headline(v, 'en')).toBe(
      'Closed normally after losing 2 segments: a tail-loss probe 9.205 ms later (line 12, TS val 4219722608 → 4219722616, +8, milliseconds on Linux) drew a SACK, and the other was resent at once; the data arrived 9.247 ms late',
    );
    expect(headline(v, 'zh-CN')).toBe(
      '正常关闭，期间丢了 2 个报文段：9.205 毫秒后的一次尾部丢失探测（第 12 行，TS val 4219722608 → 4219722616，+8，Linux 以毫秒计）引来了 SACK，其余 1 个随即被重发；数据晚到了 9.247 毫秒',
    );
  });
});

describe('handshake retries', () => {
  it('synack-lost, client side: 1 SYN and 2 SYN-ACKs sent again (the original SYN-ACK never arrived; both captured ones are resends), the connection delayed by 1.023 s', () => {
    const v = verdictOf('synack-lost/client.txt');
    expect(v.severity).toBe('warn');
    // Both SYN-ACKs echo TS ecr 1971338512, the first SYN's TSval: that SYN arrived, its SYN-ACK never reached the client.
    // Lines name what the sentence says: the SYN-ACK resends (3, 5) and the resent SYN (2).
    expect(v.problems).toEqual([
      {
        code: 'handshake-retry',
        syn: 1,
        synAck: 2,
        seconds: 1.023387,
        synAckLost: true,
        originalSynAckUnseen: true,
        lines: [2, 3, 5],
        synAckLines: { original: null, resends: [{ line: 3, answers: 0 }, { line: 5, answers: 0 }], synResent: 2 },
      },
    ]);
    expect(headline(v, 'en')).toBe('Closed normally after handshake retries that delayed the connection by 1.023 s (1 SYN and 2 SYN-ACKs sent again)');
    expect(headline(v, 'zh-CN')).toBe('正常关闭，但握手需要重传（SYN 重发 1 次、SYN-ACK 重发 2 次），连接因此推迟了 1.023 秒');
    // The ACK answering the duplicate SYN-ACK (RFC 9293 §3.10.7.4) is no duplicate ACK: the server had nothing outstanding.
    expect(v.findingCounts['tcp.dup_ack']).toBeUndefined();
    expect(v.problems.some((p) => p.code === 'loss')).toBe(false);
    const en = explainVerdictText(v, 'en');
    expect(en.summary).toContain("The server answered the client's first SYN (its SYN-ACK echoes that SYN's TSval), but no SYN-ACK reached the client before it sent its SYN again: the first SYN-ACK was lost on the way back, so every SYN-ACK in this capture is a resend (lines 3, 5; the SYN resent on line 2).");
    expect(en.nextStep).toMatch(/^The first SYN-ACK was lost on the server→client path \(the SYN-ACK echoes the first SYN's TSval/);
    expect(en.nextStep).not.toContain('ListenOverflows');
    const zh = explainVerdictText(v, 'zh-CN');
    expect(zh.summary).toContain('第一个 SYN-ACK 在返回途中丢失了，所以这次抓包里的 SYN-ACK 都是重发的（第 3、5 行；第 2 行是重发的 SYN）。');
    expect(zh.nextStep).toMatch(/^第一个 SYN-ACK 在服务端→客户端的路径上丢失了/);
  });

  it('synack-lost, server side: two SYN-ACK retransmissions before the final ACK', () => {
    const v = verdictOf('synack-lost/server.txt');
    // The original SYN-ACK (line 2) is here; line 3 is the server's timer, line 5 answers the SYN resent on line 4.
    expect(v.problems).toEqual([
      {
        code: 'handshake-retry',
        syn: 1,
        synAck: 2,
        seconds: 1.023435,
        synAckLost: true,
        originalSynAckUnseen: false,
        lines: [2, 3, 4, 5],
        synAckLines: { original: 2, resends: [{ line: 3, answers: 0 }, { line: 5, answers: 4 }], synResent: 4 },
      },
    ]);
    expect(explainVerdictText(v, 'en').summary).toContain(
      'the first SYN-ACK (line 2) was lost on the way back; the server resent it on line 3 (timer) and line 5 (answer to the SYN resent on line 4). ',
    );
    expect(explainVerdictText(v, 'zh-CN').summary).toContain('第一个 SYN-ACK（第 2 行）在返回途中丢失了；服务端在第 3 行（定时器）和第 5 行（回应第 4 行重发的 SYN）又发了两次。');
    // Karn (RFC 6298 §3): the SYN and SYN-ACK were both resent, so no handshake round trip and no summary rtt.
    expect(v.handshakeRtt).toBeNull();
    expect(v.handshakeResent).toBe(true);
    expect(explainVerdictText(v, 'en').summary).toContain(
      "The handshake's timing cannot place the capture: the SYN and SYN-ACK were both sent more than once, so which SYN-ACK answers which SYN is ambiguous and the handshake gives no round-trip time (RFC 6298 §3).",
    );
    expect(explainVerdictText(v, 'zh-CN').summary).toContain('握手的时序无法确定抓包位置：SYN 和 SYN-ACK 都发了不止一次，无法判断哪个 SYN-ACK 回应哪个 SYN，所以握手给不出往返时间（RFC 6298 §3）。');
  });

  it('no-answer: the retries are the verdict (error); the summary does not repeat them', () => {
    const v = verdictOf('no-answer/client.txt');
    expect(v.verdict).toBe('no-answer');
    expect(v.severity).toBe('error');
    expect(v.problems).toEqual([{ code: 'handshake-retry', syn: 3, synAck: 0, seconds: 7.26105, synAckLost: false, originalSynAckUnseen: false, lines: [2] }]);
    expect(explainVerdictText(v, 'en').summary).not.toContain('Handshake retries');
    expect(v.findingsBySeverity).toEqual({ info: 0, note: 0, warning: 3, error: 0 });
  });
});

describe('silence', () => {
  it('keepalive: 3.5 s idle filled by 3 answered keep-alive probes is no problem (severity ok)', () => {
    const v = verdictOf('keepalive/client.txt');
    expect(v.severity).toBe('ok');
    expect(v.problems).toEqual([
      { code: 'silence', seconds: 3.500276, keepAlives: 3, answered: 3, probeEvery: 1.02403, prober: 'client', closedBy: 'client', lines: [7, 14] },
    ]);
    expect(headline(v, 'en')).toBe('Closed normally after 3.5 s idle, kept alive by 3 answered keep-alive probes');
    expect(headline(v, 'zh-CN')).toBe('正常关闭，空闲了 3.5 秒，其间 3 个保活探测都得到了回应，连接一直保活');
    expect(explainVerdictText(v, 'en').nextStep).toBe("Nothing failed; the client's keep-alives (at most 1.024 s apart) kept the path state fresh.");
    expect(explainVerdictText(v, 'zh-CN').nextStep).toBe('没有出错：客户端的保活探测（间隔最多 1.024 秒）让路径上的连接状态一直保持新鲜。');
  });

  it("idle-timeout: the server's FIN after 2.002 s of silence is its idle timeout; a client pool must keep idle connections shorter", () => {
    const v = verdictOf('idle-timeout/client.txt');
    expect(v.severity).toBe('notice');
    expect(v.problems).toEqual([
      { code: 'silence', seconds: 2.001646, keepAlives: 0, answered: 0, probeEvery: null, prober: null, closedBy: 'server', lines: [7, 8] },
    ]);
    expect(headline(v, 'en')).toBe('Closed normally by the server after 2.002 s idle');
    expect(headline(v, 'zh-CN')).toBe('正常关闭，服务端在空闲 2.002 秒后关闭');
    expect(explainVerdictText(v, 'en').nextStep).toBe(
      "The server closed the connection after 2.002 s idle (most likely its idle timeout). A client pool must keep idle connections for less than that, or a reused connection races the server's FIN (EOF / 'socket hang up' / curl (52) Empty reply from server).",
    );
    expect(explainVerdictText(v, 'zh-CN').nextStep).toMatch(/^服务端在连接空闲 2\.002 秒后关闭了它（很可能是它的空闲超时）。客户端连接池保留空闲连接的时间必须短于这个值/);
  });

  it('idle-reset: the 3 s silence is in the problems, the verdict already tells it', () => {
    const v = verdictOf('idle-reset/client.txt');
    expect(v.severity).toBe('error');
    expect(v.problems).toEqual([{ code: 'silence', seconds: 3.000341, keepAlives: 0, answered: 0, probeEvery: null, prober: null, closedBy: null, lines: [7, 8] }]);
    expect(explainVerdictText(v, 'en').summary).not.toContain('Silence:');
  });

  it('handshake-close: the server FIN 0.2 s after the client FIN is no silence (below 1 s)', () => {
    const v = verdictOf('handshake-close/client.txt');
    expect(v.severity).toBe('ok');
    expect(v.problems).toEqual([]);
    expect(v.firstFin).toBe('client');
    expect(headline(v, 'en')).toBe('Closed normally (four-way close)');
    expect(headline(v, 'zh-CN')).toBe('正常关闭（四次挥手）');
    expect(explainVerdictText(v, 'en').summary).toContain('Nothing went wrong at the TCP level.');
    expect(explainVerdictText(v, 'en').appSaw).toEqual(["No socket error: the client closed first; the server's read() returned 0 (EOF) and it closed too."]);
    expect(explainVerdictText(v, 'zh-CN').appSaw).toEqual(['没有套接字错误：客户端先关闭；服务端的 read() 返回 0（EOF），随后它也关闭了连接。']);
  });
});

describe('every connection judged on its own', () => {
  it('concurrent: three clean connections, each ok with its own counts', () => {
    const { verdicts } = track(sample('concurrent/client.txt'));
    expect(verdicts.map((v) => [v.conn, v.client.port, v.severity, v.problems.length, v.findingCounts])).toEqual([
      ['c1', 40022, 'ok', 0, { 'tcp.handshake_rtt': 1, 'tcp.options_negotiated': 1 }],
      ['c2', 40122, 'ok', 0, { 'tcp.handshake_rtt': 1, 'tcp.options_negotiated': 1 }],
      ['c3', 40222, 'ok', 0, { 'tcp.handshake_rtt': 1, 'tcp.options_negotiated': 1 }],
    ]);
  });

  it('a bare SYN (refused) keeps no counters beyond its verdict', () => {
    const v = verdictOf('refused/n.txt');
    expect(v.severity).toBe('error');
    expect(v.problems).toEqual([]);
    expect(v.findingsBySeverity).toEqual({ info: 0, note: 0, warning: 0, error: 1 });
  });
});

describe('what the application saw follows the real cause', () => {
  it('half-closed: the client closed after the answer; the server reads EOF', () => {
    const v = verdictOf('half-closed/client.txt');
    expect(v.severity).toBe('notice');
    expect(explainVerdictText(v, 'en').appSaw).toEqual([
      "No error yet on the client: after receiving 78 bytes it either shut down its sending side (shutdown(SHUT_WR)) and still reads, or closed the socket; in that case its kernel keeps that end about 60 s in FIN_WAIT_2 (tcp_fin_timeout) and answers later data from the server, or a FIN after that time, with a RST (a FIN cannot tell the two apart). The server's next read() returns 0 (EOF).",
    ]);
  });

  it('nat-forged-rst: the client closed first without a byte of response; the RST after its FIN changes nothing for it', () => {
    const v = verdictOf('nat-forged-rst/client.txt');
    expect([v.verdict, v.phase, v.firstFin, v.bytes.s2c]).toEqual(['reset-no-connection', 'after-close', 'client', 0]);
    expect(v.problems).toEqual([{ code: 'silence', seconds: 2.002218, keepAlives: 0, answered: 0, probeEvery: null, prober: null, closedBy: 'client', lines: [5, 6] }]);
    expect(explainVerdictText(v, 'en').appSaw).toEqual([
      'Nothing from this reset: the client had already closed (its FIN came first), without a byte of response: what made it give up, likely its own timeout, is what it reported; a client that only shut down its sending side and still reads gets ECONNRESET.',
    ]);
    expect(explainVerdictText(v, 'zh-CN').appSaw[0]).toMatch(/^这个复位对客户端没有影响：客户端已经先关闭了（它的 FIN 在前）/);
  });

  it('a server FIN before any response byte is curl (52) Empty reply from server', () => {
    const v = { ...verdictOf('handshake-close/client.txt'), firstFin: 'server' as const, bytes: { c2s: 86, s2c: 0 } };
    expect(explainVerdictText(v, 'en').appSaw[0]).toBe('curl: (52) Empty reply from server: the server closed with FIN before sending a single byte');
    expect(explainVerdictText(v, 'zh-CN').appSaw[0]).toBe('curl: (52) Empty reply from server：服务端还没发送任何字节就用 FIN 关闭了连接');
  });
});
