// Pastes and quotes (issue 11): a capture pasted from its SYN-ACK (seed 000), a post quoting its own capture (seed
// 003), a simultaneous close (synthetic fixture), and the first SYN from CLOSED (samples/handshake-close).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderText, annotateText, type RecordView } from '../../src/report';
import { seedText } from '../helpers/fixtures';
import { sample, track } from './helpers';

const views = (text: string, lang: 'en' | 'zh-CN') =>
  annotateText(text, { lang }).filter((i): i is RecordView => i.kind === 'record' && i.rec.kind === 'tcp');
const notesAt = (text: string, line: number, lang: 'en' | 'zh-CN') => views(text, lang).find((v) => v.rec.line === line)!.notes.map((n) => n.text);

describe('seed 000: the second paste starts at the SYN-ACK', () => {
  const text = seedText('000');

  it('infers what the client\'s SYN offered from the SYN-ACK: wscale, SACK and timestamps, TSval = the echo', () => {
    const { segments } = track(text);
    const synAck = segments.find((s) => s.rec.line === 31)!;
    expect(synAck.a.findings.find((f) => f.code === 'tcp.options_negotiated')).toEqual({
      code: 'tcp.options_negotiated',
      mss: { client: null, server: 1448 },
      wscale: { client: null, server: 0 },
      sack: true,
      timestamps: true,
      inferred: { wscale: true, sack: true, timestamps: true, synTsVal: 1897638408 },
    });
    // The opening seen from the SYN-ACK: the server was LISTEN, the client had sent its SYN (SYN_SENT).
    expect(synAck.a.statesBefore).toEqual({ client: 'SYN_SENT', server: 'LISTEN' });
    expect(synAck.a.transitions).toEqual([
      { end: 'server', from: 'LISTEN', to: 'SYN_RECEIVED' },
      { end: 'client', from: 'SYN_SENT', to: 'ESTABLISHED' },
    ]);
    const en = notesAt(text, 31, 'en').find((n) => n.startsWith('[info] Handshake options'));
    expect(en).toBe(
      "[info] Handshake options: MSS as seen here: client – / server 1448 (each caps the payload per segment the other end may send; announced, not negotiated); window scaling on (client shift unknown, server shift 0 = ×1); SACK on; timestamps on. The client's SYN is not in this capture: its window scaling, SACK, timestamps are inferred from this SYN-ACK, which may carry them only if the SYN offered them (RFC 7323 §2.2, §3.2; RFC 2018 §2); the SYN's TSval was 1897638408 (the SYN-ACK echoes it).",
    );
    const zh = notesAt(text, 31, 'zh-CN').find((n) => n.includes('握手选项'));
    expect(zh).toContain('启用窗口缩放（客户端移位未知，服务端移位 0 = ×1）；启用 SACK；启用时间戳。');
    expect(zh).toContain('是从这个 SYN-ACK 推断的');
    expect(zh).toContain('SYN 的 TSval 为 1897638408');
  });

  it('the server that acks 557 request bytes in its RST was ESTABLISHED, not SYN_RECEIVED', () => {
    const { segments, verdicts } = track(text);
    const rst = segments.find((s) => s.rec.line === 34)!;
    expect(rst.a.transitions).toEqual([
      { end: 'server', from: 'SYN_RECEIVED', to: 'ESTABLISHED' },
      { end: 'server', from: 'ESTABLISHED', to: 'CLOSED' },
      { end: 'client', from: 'ESTABLISHED', to: 'CLOSED' },
    ]);
    expect(rst.a.findings).toHaveLength(1);
    expect(rst.a.findings[0]).toMatchObject({ code: 'tcp.rst', by: 'server', state: 'ESTABLISHED', phase: 'after-request', idleSeconds: null, bytesFromClient: 557, bytesFromServer: 0, class: 'abort', acceptance: 'reset' });
    expect(notesAt(text, 34, 'en')).toContain(
      "Inferred: the server was ESTABLISHED before this RST, since it acknowledges 557 bytes of the client's data, which only a synchronised end accepts (RFC 9293 §3.10.7.4); the client's ACK of the SYN-ACK arrived even though this capture does not show it.",
    );
    expect(notesAt(text, 34, 'zh-CN')).toContain(
      '推断：发出这个 RST 之前服务端已处于 ESTABLISHED，因为它确认了客户端的 557 字节数据，而只有已同步的一端才会接收数据（RFC 9293 §3.10.7.4）；客户端对 SYN-ACK 的 ACK 已经到达，只是这次抓包里没有。',
    );
    expect(notesAt(text, 34, 'en').at(-1)).toMatch(/^\[error\] Abort by the server after the request, before any reply \(RST\+ACK with seq = the server's next sequence number/);
    expect(notesAt(text, 34, 'zh-CN').at(-1)).toContain('服务端在收到请求之后、回复之前中止了连接（RST+ACK，序列号 = 服务端的下一个序列号');
    expect(verdicts.find((v) => v.conn === 'c2')).toMatchObject({ verdict: 'reset-by-server', firstLine: 31, lastLine: 34, duration: null });
  });

  it('a block with one timed line has no duration: null and "duration unknown", not 0 ms', () => {
    const { verdicts } = track(text);
    // c1's first (line 8) and last (line 29) segments print no time: its start and end are unknown too.
    expect(verdicts.map((v) => [v.conn, v.firstLine, v.lastLine, v.start, v.end, v.duration])).toEqual([
      ['c1', 8, 29, null, null, null],
      ['c2', 31, 34, null, null, null],
    ]);
    const en = renderText(text, { lang: 'en', format: 'text' });
    expect(en).toContain('  │ 14 packets (8 →, 6 ←), 616 bytes → / 904 bytes ←, duration unknown; Zeek conn_state SF, history ShADadFf');
    expect(en).not.toContain('0 ms');
    expect(renderText(text, { lang: 'zh-CN', format: 'text' })).toContain('→ 616 字节 / ← 904 字节，时长未知；');
    const json = renderText(text, { lang: 'en', format: 'json' }).trim().split('\n').map((l) => JSON.parse(l));
    expect(json.filter((o) => o.kind === 'connection').map((o) => o.duration)).toEqual([undefined, undefined]);
  });
});

describe('seed 003: packet lines the post quotes again are quotations, not segments', () => {
  const text = seedText('003');

  it('which lines quote which', () => {
    const { quotes } = track(text);
    expect(quotes).toEqual([
      [114, 45], [115, 46], [116, 47], [118, 45], [125, 46], [133, 47],
      ...Array.from({ length: 20 }, (_, i) => [148 + i, 48 + i]),
      [174, 68], [175, 69], [176, 70], [177, 71],
    ]);
  });

  it('no state change, no finding, no new connection from a quote; the real connections are untouched', () => {
    const { segments, verdicts } = track(text);
    expect(segments.some((s) => s.rec.line >= 114 && s.rec.line <= 177 && s.rec.time?.startsWith('09:07'))).toBe(false);
    const all = segments.flatMap((s) => s.a.transitions.map((t) => `${t.from} → ${t.to}`));
    expect(all).not.toContain('TIME_WAIT → SYN_SENT');
    const codes = new Set(segments.flatMap((s) => s.a.findings.map((f) => f.code)));
    for (const c of ['tcp.syn_retransmission', 'tcp.synack_retransmission', 'tcp.out_of_order', 'tcp.retransmission', 'tcp.port_reuse'] as const) expect(codes.has(c)).toBe(false);
    expect(verdicts.map((v) => [v.conn, v.verdict, v.closeKind, v.firstLine, v.lastLine, v.packets.c2s + v.packets.s2c, v.synRetransmissions])).toEqual([
      ['c1', 'normal-close', '4-way', 45, 71, 27, 0],
      ['c3', 'normal-close', '4-way', 197, 223, 27, 0],
      ['c2', 'incomplete', null, 140, 146, 4, 0],
    ]);
  });

  it('says so in both languages and marks it in JSON', () => {
    expect(notesAt(text, 118, 'en')).toEqual([
      'Quoted again from line 45: the same text, timestamp and numbers included, so this is that packet printed a second time (the author quoting it), not a new segment; it changes no state and raises no finding.',
    ]);
    expect(notesAt(text, 118, 'zh-CN')).toEqual([
      '再次引用第 45 行：文字完全相同（时间戳和各个数字都一样），是同一个包被再打印了一次（作者重复引用），不是新的报文段；不改变任何状态，也不产生任何提示或警告。',
    ]);
    const json = renderText(text, { lang: 'en', format: 'json' }).trim().split('\n').map((l) => JSON.parse(l));
    const q = json.find((o) => o.line === 118);
    expect(q.quotes).toBe(45);
    expect(q.conn).toBeUndefined();
    expect(q.transitions).toBeUndefined();
    expect(json.find((o) => o.line === 45).quotes).toBeUndefined();
  });

  it('a real capture never becomes a quote: untimed repeats, -ttt deltas and the repeat of the line just before stay segments', () => {
    const syn = '09:07:00.881609 IP 172.17.0.2.56878 > 180.101.49.12.443: Flags [S], seq 467889658, win 64240, options [mss 1460,sackOK,TS val 2060837270 ecr 0,nop,wscale 7], length 0';
    const ack = 'IP 172.17.0.2.56878 > 180.101.49.12.443: Flags [.], ack 1, win 502, length 0';
    const delta = ' 00:00:00.000012 IP 172.17.0.2.56878 > 180.101.49.12.443: Flags [.], ack 1, win 502, length 0';
    expect(track([syn, syn].join('\n')).quotes).toEqual([]);
    expect(track([ack, 'text', ack].join('\n')).quotes).toEqual([]);
    expect(track([delta, 'text', delta].join('\n')).quotes).toEqual([]);
    expect(track([syn, 'text', 'more text', syn].join('\n')).quotes).toEqual([[4, 1]]);
    // The same microsecond with another seq is another packet.
    expect(track([syn, 'text', syn.replace('seq 467889658', 'seq 467889659')].join('\n')).quotes).toEqual([]);
  });

  it('remembers the last 4096 timed lines: an older one repeated is no longer recognised', () => {
    const line = (i: number) =>
      `10:00:00.${String(i).padStart(6, '0')} IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack ${i + 1}, win 502, length 0`;
    const lines = Array.from({ length: 4100 }, (_, i) => line(i));
    const { quotes } = track([...lines, 'text', line(3), line(5), line(4099)].join('\n'));
    // Lines 1-4 (i = 0-3) were forgotten once 4096 later lines came in; i = 5 and i = 4099 are still remembered.
    expect(quotes).toEqual([[4103, 6], [4104, 4100]]);
  });
});

describe('simultaneous close (test/fixtures/synthetic/simultaneous-close.txt, hand-written)', () => {
  const text = readFileSync(new URL('../fixtures/synthetic/simultaneous-close.txt', import.meta.url), 'utf8');

  it('both ends go FIN_WAIT_1 → CLOSING → TIME_WAIT; the close kind is simultaneous', () => {
    const { segments, verdicts } = track(text);
    const changes = (end: 'client' | 'server') =>
      segments.flatMap((s) => s.a.transitions.filter((t) => t.end === end).map((t) => `${s.rec.line}:${t.from}→${t.to}`));
    expect(changes('client')).toEqual(['2:CLOSED→SYN_SENT', '3:SYN_SENT→ESTABLISHED', '9:ESTABLISHED→FIN_WAIT_1', '10:FIN_WAIT_1→CLOSING', '12:CLOSING→TIME_WAIT']);
    expect(changes('server')).toEqual([
      '3:LISTEN→SYN_RECEIVED',
      '4:SYN_RECEIVED→ESTABLISHED',
      '10:ESTABLISHED→FIN_WAIT_1',
      '10:FIN_WAIT_1→CLOSING',
      '11:CLOSING→TIME_WAIT',
    ]);
    expect(segments.flatMap((s) => s.a.transitions).some((t) => t.to === 'CLOSE_WAIT')).toBe(false);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ verdict: 'normal-close', closeKind: 'simultaneous', connState: 'SF', states: { client: 'TIME_WAIT', server: 'TIME_WAIT' } });
  });

  it('names the crossing FIN, in both languages', () => {
    expect(notesAt(text, 10, 'en')[0]).toBe("FIN: the server closes while the client's FIN is still on the way (simultaneous close).");
    expect(notesAt(text, 10, 'zh-CN')[0]).toBe('FIN：服务端在客户端的 FIN 还在路上时也发起了关闭（同时关闭）。');
    expect(notesAt(text, 9, 'en')[0]).toBe('FIN: the client has finished sending and starts closing; it can still receive.');
    expect(renderText(text, { lang: 'en', format: 'text' })).toContain('Closed normally (simultaneous close: both sent FIN at once)');
  });
});

describe('samples/handshake-close: the first SYN leaves CLOSED', () => {
  const text = sample('handshake-close/n.txt');

  it('CLOSED → SYN_SENT in the analysis, the text and the JSON; the server has no state until it answers', () => {
    const first = track(text).segments[0];
    expect(first.a.statesBefore).toEqual({ client: 'CLOSED', server: null });
    expect(first.a.transitions).toEqual([{ end: 'client', from: 'CLOSED', to: 'SYN_SENT' }]);
    expect(notesAt(text, 1, 'en')).toContain('Client: CLOSED → SYN_SENT (sent a SYN, waiting for the SYN-ACK).');
    expect(notesAt(text, 1, 'zh-CN').some((n) => n.startsWith('客户端：CLOSED → SYN_SENT'))).toBe(true);
    const json = JSON.parse(renderText(text, { lang: 'en', format: 'json' }).split('\n')[0]);
    expect(json.transitions).toEqual([{ end: 'client', from: 'CLOSED', to: 'SYN_SENT' }]);
    expect(json.states).toEqual({ client: 'SYN_SENT' });
    const out = renderText(text, { lang: 'en', format: 'text' });
    expect(out).not.toMatch(/now SYN_SENT|unknown → |\? → /);
  });
});

describe("a SYN's window is never scaled (RFC 7323 §2.2)", () => {
  it('a window update right after the SYN-ACK starts from the SYN-ACK window as it is, not times the shift', () => {
    // samples/handshake-close lines 1-2, then a server ACK with a new window (win 70 × 1024 = 71680).
    const [syn, synAck] = sample('handshake-close/n.txt').split('\n');
    const ack = '11:19:38.763700 IP 198.51.100.2.80 > 192.0.2.2.40001: Flags [.], ack 1, win 70, options [nop,nop,TS val 3195439507 ecr 1842952086], length 0';
    const { segments } = track([syn, synAck, ack].join('\n'));
    // Before the fix: from 65160 × 1024 = 66723840.
    expect(segments[2].a.findings).toContainEqual({ code: 'tcp.window_update', from: 65160, to: 71680 });
  });
});
