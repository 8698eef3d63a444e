// Review 9 (W1, I1, I8, N3) on the real captures: the 208-byte tail of nagle-writes that Nagle held back until the ACK
// of the earlier small segment is new data, not a timer's retransmission whose first copy was lost upstream; the tail
// loss probe timer's formula since Linux 6.6; PSH on data segments; a bare `HTTP` that tcpdump printed from the port.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { ConnectionView, RecordView } from '../../src/report';
import type { Lang } from '../../src/explain';
import { track } from '../track/helpers';

const sample = (p: string) => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');
const verdict = (p: string, lang: Lang) => annotateText(sample(p), { lang }).filter((i): i is ConnectionView => i.kind === 'connection')[0].text;

function notesAt(p: string, line: number, lang: Lang): RecordView['notes'] {
  const view = annotateText(sample(p), { lang }).find((i): i is RecordView => i.kind === 'record' && i.rec.line === line);
  if (!view) throw new Error(`no record on line ${line}`);
  return view.notes;
}
const findingsAt = (p: string, line: number, lang: Lang) => notesAt(p, line, lang).filter((n) => n.kind === 'finding').map((n) => n.text);
const findingObjects = (p: string, line: number) => track(sample(p)).segments.find((s) => s.rec.line === line)!.a.findings;

const NAGLE_SERVER_EN =
  "[info] Held back by Nagle's algorithm, not resent: these 208 bytes, less than one MSS, are the tail of the client's writes; they left the client 5 ms after the full segments before them (TS val 947429515 → 947429520) and echo TS val 272481637 of the server's ACK on line 9, which acknowledged the client's earlier small segment (line 8): the client's TCP sent them as soon as that ACK arrived (RFC 896, RFC 1122 §4.2.3.4; Linux tcp_nagle_check, Minshall's rule). No earlier copy of these bytes was sent.";
const NAGLE_SERVER_ZH =
  '[信息] 被 Nagle 算法暂缓发送，而不是重传：这 208 字节不足一个 MSS，是客户端写入数据的尾部；它们比前面的满长报文段晚 5 毫秒离开客户端（TS val 947429515 → 947429520），回显的 TS val 272481637 来自服务端第 9 行的 ACK，那个 ACK 确认了客户端先前的小报文段（第 8 行）：客户端的 TCP 一收到这个确认就发出了它们（RFC 896，RFC 1122 §4.2.3.4；Linux tcp_nagle_check，Minshall 规则）。这些字节此前从未发送过。';

describe('W1: nagle-writes/server.txt line 18 is the Nagle-held tail, not a timer resend of a lost segment', () => {
  it('line 18: a NAGLE HOLD echoing the ACK on line 9 (ack of the small segment on line 8), no upstream retransmission', () => {
    expect(findingObjects('nagle-writes/server.txt', 18)).toEqual([
      { code: 'tcp.nagle_hold', bytes: 208, tsFrom: 947429515, tsTo: 947429520, afterFull: true, echoed: 272481637, ackLine: 9, smallLine: 8 },
    ]);
    expect(findingsAt('nagle-writes/server.txt', 18, 'en')).toEqual([NAGLE_SERVER_EN]);
    expect(findingsAt('nagle-writes/server.txt', 18, 'zh-CN')).toEqual([NAGLE_SERVER_ZH]);
  });

  it('line 21 is the only retransmission: a spurious tail loss probe, named by the D-SACK on line 22', () => {
    expect(findingObjects('nagle-writes/server.txt', 21)).toEqual([{ code: 'tcp.spurious_retransmission', originalLine: 18, sincePrevious: 0.002174, probe: true }]);
    expect(findingObjects('nagle-writes/server.txt', 22)).toEqual([
      { code: 'tcp.dsack', from: 4014869349, to: 4014869557, where: 'below-ack', retransLine: 21 },
    ]);
  });

  it('verdict: 1 spurious tail-loss probe and nothing lost, the client-side next step (en, zh-CN)', () => {
    const en = verdict('nagle-writes/server.txt', 'en');
    expect(en.headline).toBe('Closed normally after 1 spurious tail-loss probe (line 21): nothing was lost');
    expect(en.summary).toContain(
      'No loss: the client sent 1 spurious tail-loss probe (line 21), but the peer had already acknowledged those bytes; nothing was lost and nothing needed repair (line 21).',
    );
    expect(en.summary).not.toContain('first copy never');
    expect(en.nextStep).toMatch(/^Nothing to repair: the client's tail loss probe timer \(about 2·SRTT, RFC 8985 §7\.2\) fired before the ACK came/);
    expect(en.nextStep).toBe(verdict('nagle-writes/client.txt', 'en').nextStep);
    const zh = verdict('nagle-writes/server.txt', 'zh-CN');
    expect(zh.headline).toBe('正常关闭，期间有 1 次虚假的尾部丢失探测（第 21 行）：没有丢失任何数据');
    expect(zh.summary).toContain('没有丢包：客户端发出了 1 次虚假的尾部丢失探测（第 21 行），但对方早已确认过这些字节；没有丢失任何数据，也没有需要修复的（第 21 行）。');
    expect(zh.nextStep).toMatch(/^没有需要修复的：客户端的尾部丢失探测定时器/);
    expect(zh.nextStep).toBe(verdict('nagle-writes/client.txt', 'zh-CN').nextStep);
  });

  it('client.txt line 14: the same bytes leave 17 µs after the ACK on line 13 that they echo', () => {
    expect(findingObjects('nagle-writes/client.txt', 14)).toEqual([
      { code: 'tcp.nagle_hold', bytes: 208, tsFrom: 947429515, tsTo: 947429520, afterFull: true, echoed: 272481637, ackLine: 13, smallLine: 8 },
    ]);
    expect(findingsAt('nagle-writes/client.txt', 14, 'en')).toEqual([NAGLE_SERVER_EN.replace('ACK on line 9', 'ACK on line 13')]);
    expect(verdict('nagle-writes/client.txt', 'en').headline).toBe(
      'Closed normally after 1 spurious tail-loss probe (line 15): nothing was lost',
    );
  });

  it('a real upstream loss still is one: tail-loss/client.txt line 14 echoes the ACK that covered all (line 13), 204.4 ms later', () => {
    expect(findingObjects('tail-loss/client.txt', 14)).toEqual([
      { code: 'tcp.upstream_retransmission', bytes: 300, sinceSent: 0.20444, tsFrom: 252947232, tsTo: 252947437, timer: 'rto-or-tlp', afterHole: false },
    ]);
  });
});

describe('I1: the tail loss probe timer since Linux 6.6 (commit 1c2709cfff1d)', () => {
  it('tail-loss-two/client.txt line 12: the probe after a hole, en and zh-CN', () => {
    const en = findingsAt('tail-loss-two/client.txt', 12, 'en').join('\n');
    expect(en).toContain(
      'a tail loss probe (RFC 8985 §7: with more than one segment in flight Linux arms it at 2·SRTT + 2 ms (TCP_TIMEOUT_MIN_US; 2 jiffies before Linux 6.6) after the last send, never later than the RTO, tcp_schedule_loss_probe; an RTO would wait at least 200 ms)',
    );
    const zh = findingsAt('tail-loss-two/client.txt', 12, 'zh-CN').join('\n');
    expect(zh).toContain('尾部丢失探测（RFC 8985 §7：多于一个报文段在途时，Linux 把它定在最后一次发送后 2·SRTT + 2 毫秒（TCP_TIMEOUT_MIN_US；Linux 6.6 之前为 2 个 jiffy），且不晚于 RTO，tcp_schedule_loss_probe；RTO 至少要等 200 毫秒）');
  });

  it('nagle-writes/client.txt line 15: a probe of the last segment names both timers', () => {
    expect(findingsAt('nagle-writes/client.txt', 15, 'en').join('\n')).toContain(
      'Linux tcp_schedule_loss_probe: 2·SRTT + 2 ms (TCP_TIMEOUT_MIN_US; 2 jiffies before Linux 6.6) with more than one segment in flight, 2·SRTT + the minimum RTO (200 ms by default) with one, RFC 8985 §7.2;',
    );
    expect(findingsAt('nagle-writes/client.txt', 15, 'zh-CN').join('\n')).toContain(
      'Linux tcp_schedule_loss_probe：多于一个报文段在途时为 2·SRTT + 2 毫秒（TCP_TIMEOUT_MIN_US；Linux 6.6 之前为 2 个 jiffy），只有一个时为 2·SRTT + 最小 RTO（默认 200 毫秒），RFC 8985 §7.2；',
    );
  });
});

describe('I8 and N3: PSH on data segments; a bare HTTP printed from the port', () => {
  it('nagle-writes/server.txt line 4: the request line is decoded; line 6: PSH and a body segment', () => {
    const at = (line: number, lang: Lang) => notesAt('nagle-writes/server.txt', line, lang).filter((n) => n.kind === 'role' || n.kind === 'payload').map((n) => n.text);
    expect(at(4, 'en')[1]).toBe('tcpdump decoded the payload: HTTP: POST /upload HTTP/1.1');
    expect(at(6, 'en')).toEqual([
      'Data (PSH+ACK): the client sends 1000 bytes to the server; PSH marks the end of what the sender had queued (on Linux, the end of a write); receivers such as Linux deliver in-order data at once anyway (RFC 9293 §3.9.1).',
      'tcpdump printed HTTP (port 80): no request or status line starts this segment',
    ]);
    expect(at(6, 'zh-CN')).toEqual([
      '数据（PSH+ACK）：客户端向服务端发送 1000 字节；PSH 标记发送方这批数据到此为止（在 Linux 上即一次写入的末尾）；Linux 等接收方无论有无 PSH 都会立即交付按序到达的数据（RFC 9293 §3.9.1）。',
      'tcpdump 根据 80 端口打印了 HTTP：这个报文段并不以请求行或状态行开头',
    ]);
    // Line 10: a full segment without PSH; still a body segment.
    expect(at(10, 'en')).toEqual(['Data: the client sends 1448 bytes to the server.', 'tcpdump printed HTTP (port 80): no request or status line starts this segment']);
  });
});
