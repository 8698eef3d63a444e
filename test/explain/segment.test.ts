// Notes under TCP segments from real captures: flags in context, seq/ack arithmetic, window, options, states, findings.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { RecordView } from '../../src/report';
import type { Lang } from '../../src/explain';
import { explainSegment } from '../../src/explain';
import { corpusText, seedText } from '../helpers/fixtures';

const sample = (path: string) => readFileSync(new URL(`../../samples/${path}`, import.meta.url), 'utf8');

/** Notes of the first record whose raw text contains `needle`. */
function notesOf(text: string, needle: string, lang: Lang, seq?: 'relative' | 'absolute'): string[] {
  const view = annotateText(text, { lang, seq }).find((i): i is RecordView => i.kind === 'record' && i.rec.raw.includes(needle));
  if (!view) throw new Error(`no record with ${needle}`);
  return view.notes.map((n) => n.text);
}

describe('seed 003 (tcpdump -n -S): the handshake', () => {
  const text = seedText('003');
  const synAck = 'Flags [S.], seq 1166385092, ack 467889659';

  it('explains the SYN-ACK in English', () => {
    expect(notesOf(text, synAck, 'en')).toEqual([
      'SYN-ACK: the server accepts and opens its own direction (three-way handshake, step 2 of 3).',
      "seq 1166385092 is the server's ISN (initial sequence number, chosen at random); the SYN itself uses one sequence number, so the server's data starts at 1166385093.",
      "ack 467889659 = the client's ISN 467889658 + 1: a SYN uses one sequence number.",
      'win 65535: the server can receive 65535 bytes for now (a window in a SYN is never scaled).',
      "Options: MSS 1460 as seen here: the client may send at most 1460 payload bytes per segment if the option reaches it unchanged (a router on the path may lower it: MSS clamping; RFC 9293 §3.7.1), counting TCP data only; a sender using TCP options subtracts them; window scale 2 (×4): the server's later window values are multiplied by 4; end of option list.",
      'Server: LISTEN → SYN_RECEIVED (got a SYN and answered SYN-ACK, waiting for the final ACK).',
      'Client: SYN_SENT → ESTABLISHED (the connection is open: data can flow both ways).',
      '[info] Handshake options: MSS as seen here: client 1460 / server 1460 (each caps the payload per segment the other end may send; announced, not negotiated); window scaling on (client shift 7 = ×128, server shift 2 = ×4); SACK off; timestamps off.',
      '[note] The server did not offer SACK: after a loss the receiver cannot say which later blocks arrived, so recovery is slower.',
      '[note] The server did not offer timestamps: RTT is then sampled only from ACKs of data sent once (Karn, RFC 6298 §3), spurious retransmissions cannot be detected from timestamps (RFC 3522), and there is no PAWS protection (RFC 7323 §5).',
    ]);
  });

  it('explains the SYN-ACK in Chinese', () => {
    expect(notesOf(text, synAck, 'zh-CN')).toEqual([
      'SYN-ACK：服务端同意连接，并打开自己这个方向（三次握手第 2 步）。',
      'seq 1166385092 是服务端的初始序列号（ISN，随机选取）；SYN 本身占用一个序列号，所以服务端的数据从 1166385093 开始。',
      'ack 467889659 = 客户端的初始序列号 467889658 + 1：SYN 占用一个序列号。',
      'win 65535：服务端暂时可以接收 65535 字节（SYN 中的窗口从不缩放）。',
      '选项：此处看到的 MSS 为 1460：如果这个选项原样到达客户端，客户端每个报文段最多可发送 1460 字节载荷（途中的路由器可能把它改小：MSS 钳制；RFC 9293 §3.7.1），只算 TCP 数据；发送方若使用 TCP 选项须从中扣除；窗口缩放 2（×4）：服务端之后通告的窗口值要乘以 4；选项列表结束。',
      '服务端：LISTEN → SYN_RECEIVED（收到 SYN 并已回复 SYN-ACK，等待最后一个 ACK）。',
      '客户端：SYN_SENT → ESTABLISHED（连接已建立，双方可以互相发送数据）。',
      '[信息] 握手选项：此处看到的 MSS：客户端 1460 / 服务端 1460（各自限定对端每个报文段可发送的载荷字节数；是通告的，不是协商出来的）；启用窗口缩放（客户端移位 7 = ×128，服务端移位 2 = ×4）；未启用 SACK；未启用时间戳。',
      '[提示] 服务端没有提供 SACK 选项：丢包后接收方无法告知哪些后续数据块已经收到，恢复更慢。',
      '[提示] 服务端没有提供时间戳选项：此后只能从未重传过的数据的确认中取 RTT 样本（Karn 算法，RFC 6298 §3），无法借时间戳识别虚假重传（RFC 3522），也没有 PAWS 保护（RFC 7323 §5）。',
    ]);
  });

  it('the third ACK acknowledges the server ISN + 1 and scales the window by 128', () => {
    const notes = notesOf(text, 'Flags [.], ack 1166385093, win 502', 'en');
    expect(notes.slice(0, 3)).toEqual([
      'ACK: the client confirms the SYN-ACK; the three-way handshake is complete (step 3 of 3).',
      "ack 1166385093 = the server's ISN 1166385092 + 1: a SYN uses one sequence number.",
      'win 502 × 128 = 64256 bytes: how much more the client can receive now (window scale 7 from the handshake).',
    ]);
  });

  it('translates -S absolute numbers into stream bytes (relative by default) or keeps them (--seq absolute)', () => {
    const line = 'Flags [P.], seq 467889659:467889974, ack 1166385093';
    expect(notesOf(text, line, 'en').slice(1, 3)).toEqual([
      "seq 467889659:467889974: bytes 1–315 of the client's stream (315 bytes).",
      'ack 1166385093 (relative 1): no data from the server yet (only its SYN); the client expects its byte 1 next.',
    ]);
    expect(notesOf(text, line, 'en', 'absolute')[1]).toBe(
      "seq 467889659:467889974: 315 bytes of the client's stream, sequence numbers 467889659–467889973 (bytes 1–315 counted from the ISN).",
    );
    expect(notesOf(text, 'Flags [.], ack 467889974, win 65535', 'en')[1]).toBe(
      "ack 467889974 (relative 316): the server has received the client's bytes 1–315; next expected byte 316.",
    );
    expect(notesOf(text, 'Flags [.], ack 467889974, win 65535', 'en', 'absolute')[1]).toBe(
      "ack 467889974: the server has received the client's stream up to 467889973 (bytes 1–315) and expects 467889974 next.",
    );
  });
});

describe('seed 000 (wrapped lines, relative numbers)', () => {
  const text = seedText('000');
  it('ack 217: the client bytes 1–216 arrived', () => {
    expect(notesOf(text, 'Flags [P.], seq 1:217, ack 1, win 115', 'en').slice(0, 2)).toEqual([
      'Data (PSH+ACK): the client sends 216 bytes to the server; PSH marks the end of what the sender had queued (on Linux, the end of a write); receivers such as Linux deliver in-order data at once anyway (RFC 9293 §3.9.1).',
      "seq 1:217: bytes 1–216 of the client's stream (216 bytes).",
    ]);
    expect(notesOf(text, 'Flags [.], ack 217, win 4560', 'en').slice(1)).toEqual([
      "ack 217: the server has received the client's bytes 1–216; next expected byte 217.",
      'win 4560: the server can receive 4560 more bytes now (×1, not scaled).',
      // The server's first timestamped segment after its SYN-ACK echoes 0: the client's TSvals never reached it.
      "[note] Timestamps were negotiated in the SYN and SYN-ACK, but the client's later segments carry none and the server echoes 0, so it really receives none (RFC 7323 §3.2: once negotiated, TSopt MUST be sent on every segment but a RST, and a receiver SHOULD drop a segment without it). The client's stack does not send them, or something between it and this capture point removes them (in a capture taken on the client: its own host, e.g. a netfilter or tc rule); a trimmed paste could hide the client's options, but not the server's echo 0.",
    ]);
    expect(notesOf(text, 'Flags [.], ack 217, win 4560', 'zh-CN')[1]).toBe('ack 217：服务端已收到客户端的第 1–216 字节，期待的下一个字节是第 217 字节。');
  });
  it('the ACK after the handshake quotes the server ISN behind the relative 1', () => {
    expect(notesOf(text, 'Flags [.], ack 1, win 115, length 0', 'en')[1]).toBe(
      "ack 1 (absolute 4207730005) = the server's ISN 4207730004 + 1: a SYN uses one sequence number.",
    );
    expect(notesOf(text, 'Flags [.], ack 1, win 115, length 0', 'zh-CN')[1]).toBe(
      'ack 1（绝对值 4207730005） = 服务端的初始序列号 4207730004 + 1：SYN 占用一个序列号。',
    );
  });
});

describe('samples/handshake-close: the four-way close', () => {
  const text = sample('handshake-close/client.txt');
  it('FIN, its ACK, the second FIN and the last ACK', () => {
    expect(notesOf(text, 'Flags [F.], seq 87, ack 79', 'en')).toEqual([
      // The first FIN names no close shape yet: four-way, three-way or simultaneous shows only in what follows.
      'FIN: the client has finished sending and starts closing; it can still receive.',
      'seq 87: the FIN takes sequence number 87 (one number, no data); the client sent 86 bytes in all.',
      "ack 79: the client has received the server's bytes 1–78; next expected byte 79.",
      'win 63 × 1024 = 64512 bytes: how much more the client can receive now (window scale 10 from the handshake).',
      'Client: ESTABLISHED → FIN_WAIT_1 (sent its FIN (active close), waiting for it to be acknowledged).',
    ]);
    expect(notesOf(text, 'Flags [F.], seq 87, ack 79', 'zh-CN')[0]).toBe('FIN：客户端的数据已发完，开始关闭连接；它仍然可以接收数据。');
    expect(notesOf(text, 'Flags [.], ack 88, win 64', 'en')).toEqual([
      "ACK of the client's FIN (four-way close, step 2 of 4): that direction is now closed.",
      "ack 88 = the client's FIN (seq 87) + 1: a FIN uses one sequence number, like a SYN; all 86 bytes of its data arrived.",
      'win 64 × 1024 = 65536 bytes: how much more the server can receive now (window scale 10 from the handshake).',
      'Server: ESTABLISHED → CLOSE_WAIT (the peer closed its direction; waiting for the local application to call close()).',
      'Client: FIN_WAIT_1 → FIN_WAIT_2 (its FIN was acknowledged: it sends no more, but still receives until the peer sends FIN (half-closed)).',
    ]);
    expect(notesOf(text, 'Flags [F.], seq 79, ack 88', 'zh-CN').slice(0, 3)).toEqual([
      'FIN：服务端也关闭自己的方向（四次挥手第 3 步）。',
      'seq 79：FIN 占用序列号 79（占一个序列号，不带数据）；服务端一共发送了 78 字节。',
      'ack 88 = 客户端的 FIN（seq 87）+ 1：和 SYN 一样，FIN 也占用一个序列号；它的 86 字节数据已全部收到。',
    ]);
    expect(notesOf(text, 'Flags [.], ack 80, win 63', 'en')[0]).toBe("ACK of the server's FIN: the last step of the close; both directions are closed.");
  });
  it('tcpdump -nn -S numbers give the same byte positions', () => {
    const abs = sample('handshake-close/nn-S.txt');
    const data = annotateText(abs, { lang: 'en' }).filter((i): i is RecordView => i.kind === 'record' && i.rec.kind === 'tcp');
    expect(data[3].notes[1].text).toMatch(/^seq \d+:\d+: bytes 1–86 of the client's stream \(86 bytes\)\.$/);
    const fin = data.find((v) => v.rec.kind === 'tcp' && v.rec.flags === 'F.');
    expect(fin?.notes[1].text).toMatch(/^seq \d{6,} \(relative 87\): the FIN takes sequence number 87 \(one number, no data\); the client sent 86 bytes in all\.$/);
  });
});

describe('samples/three-way-close and refused', () => {
  it("the client's FIN rides on the ACK of the server's FIN", () => {
    const views = annotateText(sample('three-way-close/client.txt'), { lang: 'en' }).filter(
      (i): i is RecordView => i.kind === 'record' && i.rec.kind === 'tcp' && i.rec.flags === 'F.',
    );
    expect(views.map((v) => v.notes[0].text)).toEqual([
      'FIN: the server has finished sending and starts closing; it can still receive.',
      "FIN+ACK: the client acknowledges the server's FIN and closes its own direction in the same segment (three-way close).",
    ]);
  });
  it('the RST answering a SYN acknowledges the SYN', () => {
    const notes = notesOf(sample('refused/client.txt'), 'Flags [R.]', 'en');
    // In SYN_SENT there is no data to drop: the attempt ends.
    expect(notes[0]).toBe("RST: a reset from the server's address answering the client's SYN: its connection attempt ends at once (no connection was ever open).");
    expect(notesOf(sample('refused/client.txt'), 'Flags [R.]', 'zh-CN')[0]).toBe('RST：一个带着服务端地址的复位报文，回应客户端的 SYN：它的连接尝试立即结束（连接从未建立过）。');
    expect(notes[2]).toBe("ack 1035895436 = the client's ISN 1035895435 + 1: a SYN uses one sequence number.");
    expect(notes.at(-1)).toMatch(/^\[error\] Connection refused: RST\+ACK answering the client's SYN with ack = its ISN \+ 1 \(RFC 9293 §3\.10\.7\.1\)/);
    expect(notes).toContain('Client: SYN_SENT → CLOSED (no connection).');
    expect(notes.join('\n')).not.toContain('LISTEN →');
  });
});

describe('a RST with text (tcpdump test corpus tcp_rst_data-v.out)', () => {
  it('quotes the reason and does not count it as stream bytes', () => {
    const text = corpusText('tcp_rst_data-v.out');
    const notes = notesOf(text, '[RST+ BIG-IP: [0x11c5672:3045] {peer]', 'en');
    expect(notes).toContain(
      'The RST carries text, often the reason from the device that sent it (load balancers such as BIG-IP do this): [RST+ BIG-IP: [0x11c5672:3045] {peer]',
    );
    expect(notes.some((n) => n.includes('stream'))).toBe(false);
  });
});

describe('robustness', () => {
  it('a finding code, option kind or state newer than the catalogs is named, never thrown on', () => {
    const view = annotateText(sample('handshake-close/client.txt'), { lang: 'en' }).find(
      (i): i is RecordView => i.kind === 'record' && i.rec.kind === 'tcp' && i.rec.flags === 'S.',
    );
    if (!view || view.rec.kind !== 'tcp' || !view.analysis) throw new Error('no SYN-ACK');
    const rec = { ...view.rec, options: [{ kind: 'future-opt' }] } as unknown as typeof view.rec;
    const analysis = {
      ...view.analysis,
      findings: [{ code: 'tcp.future_finding' }],
      transitions: [{ end: 'server', from: 'LISTEN', to: 'FUTURE_STATE' }],
    } as unknown as typeof view.analysis;
    const notes = explainSegment(rec, analysis, 'zh-CN');
    expect(notes).toContain('选项：future-opt。');
    expect(notes).toContain('服务端：LISTEN → FUTURE_STATE（FUTURE_STATE）。');
    expect(notes).toContain('[提示] tcp.future_finding');
  });
});
