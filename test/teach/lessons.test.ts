// Every built-in lesson against its real capture: the steps, both ends' states, the teaching points and the end-of-lesson answers, exact.
import { describe, expect, test } from 'vitest';
import { LESSONS, LESSON_IDS, formatStepsText, lessonQuestions, questionTexts, stepTexts, type TeachPoint } from '../../src/teach';
import { lesson, lessonModel, stepLines } from './helpers';

const codes = (ps: TeachPoint[]): string[] => ps.map((p) => p.code);
const states = (m: ReturnType<typeof lessonModel>): string[] => m.steps.map((s) => `${s.analysis.states.client}/${s.analysis.states.server}`);

describe('the lesson list', () => {
  test('one spec per id, each on a committed sample, every end-of-lesson question answerable from its capture', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([...LESSON_IDS]);
    for (const l of LESSONS) {
      const m = lessonModel(l.id);
      expect(m.steps.length, l.id).toBeGreaterThan(1);
      expect(lessonQuestions(m, l.questions).map((q) => q.code), l.id).toEqual([...l.questions]);
    }
  });
});

describe('handshake (handshake-close/n.txt 1-4)', () => {
  const m = lessonModel('handshake');
  test('steps, states and ISNs', () => {
    expect(stepLines(m)).toEqual(['0:1 S', '0:2 S.', '0:3 .', '0:4 P.']);
    expect(states(m)).toEqual(['SYN_SENT/null', 'ESTABLISHED/SYN_RECEIVED', 'ESTABLISHED/ESTABLISHED', 'ESTABLISHED/ESTABLISHED']);
    expect(m.steps[0].points).toEqual([
      { code: 'isn', side: 'client', isn: 3201954478 },
      { code: 'mss', side: 'client', mss: 1460, synAck: false, sent: null, received: null },
    ]);
    expect(m.steps[1].points).toContainEqual({ code: 'ack-of-syn', side: 'server', ack: 3201954479, isn: 3201954478 });
    expect(m.steps[2].points).toEqual([
      { code: 'ack-of-syn', side: 'client', ack: 245189807, isn: 245189806 },
      { code: 'handshake-done', packets: 3, rttMs: 0.052 },
    ]);
    expect(m.steps[3].points).toEqual([{ code: 'data-range', side: 'client', from: 1, to: 87, len: 86 }]);
  });
  test('questions and answers in both languages', () => {
    const qs = lessonQuestions(m, lesson('handshake').questions);
    expect(questionTexts(qs, 'en').map(([, a]) => a)).toEqual(['3201954478', '3201954479 = client ISN 3201954478 + 1 (the SYN uses one number)', '3: SYN, SYN-ACK, ACK']);
    expect(questionTexts(qs, 'zh-CN')[2]).toEqual(['建立连接用了几个报文？', '3 个：SYN、SYN-ACK、ACK']);
  });
});

describe('data and ACKs (client-reset/n.txt 4-15, three-way-close/n.txt 4-7)', () => {
  const m = lessonModel('data-acks');
  test('the delayed ACK of the second capture: 78 bytes ACKed 43.594 ms after they arrived', () => {
    expect(stepLines(m).slice(12)).toEqual(['1:4 P.', '1:5 .', '1:6 P.', '1:7 .']);
    expect(m.steps[15].points).toEqual([{ code: 'ack-advance', side: 'client', ack: 79, bytes: 78, segments: 1, delayMs: 43.594, filled: null }]);
  });
  test('every data range and every ACK advance of the stream', () => {
    const first = { ...m, steps: m.steps.filter((s) => s.part === 0) };
    expect(first.steps).toHaveLength(12);
    const ranges = first.steps.flatMap((s) => s.points.filter((p) => p.code === 'data-range')).map((p) => p.code === 'data-range' && `${p.side} ${p.from}:${p.to}`);
    expect(ranges).toEqual(['client 1:87', 'server 1:83', 'server 83:1083', 'server 1083:2083', 'server 2083:3083', 'server 3083:4083']);
    const acks = first.steps.flatMap((s) => s.points).filter((p) => p.code === 'ack-advance');
    expect(acks.map((p) => p.code === 'ack-advance' && [p.side, p.ack, p.bytes, p.segments])).toEqual([
      ['server', 87, 86, 1],
      ['client', 83, 82, 1],
      ['client', 1083, 1000, 1],
      ['client', 2083, 1000, 1],
      ['client', 3083, 1000, 1],
      ['client', 4083, 1000, 1],
    ]);
    // The client's receive window grows as it reads: 64512 → 67584 → 70656 bytes (win 66 and 69, shift 10).
    const wins = first.steps.flatMap((s) => s.points).filter((p) => p.code === 'window');
    expect(wins).toEqual([
      { code: 'window', side: 'server', printed: 64, scale: 10, bytes: 65536 },
      { code: 'window', side: 'client', printed: 66, scale: 10, bytes: 67584 },
      { code: 'window', side: 'client', printed: 69, scale: 10, bytes: 70656 },
    ]);
  });
});

describe('closes', () => {
  test('four-way close (handshake-close/n.txt 7-11): FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT, CLOSE_WAIT → LAST_ACK → CLOSED', () => {
    const m = lessonModel('four-way-close');
    expect(stepLines(m)).toEqual(['0:7 .', '0:8 F.', '0:9 .', '0:10 F.', '0:11 .']);
    expect(states(m)).toEqual(['ESTABLISHED/ESTABLISHED', 'FIN_WAIT_1/ESTABLISHED', 'FIN_WAIT_2/CLOSE_WAIT', 'TIME_WAIT/LAST_ACK', 'TIME_WAIT/CLOSED']);
    expect(m.steps.map((s) => codes(s.points))).toEqual([[], ['fin'], ['ack-of-fin'], ['fin', 'time-wait'], ['ack-of-fin', 'last-ack-done']]);
    expect(m.steps[2].points).toEqual([{ code: 'ack-of-fin', side: 'server', ack: 88, fin: 87 }]);
    expect(questionTexts(lessonQuestions(m, lesson('four-way-close').questions), 'en').map(([, a]) => a)).toEqual([
      '4',
      'the client: it sent the first FIN (active close)',
      '88 = 87 + 1',
    ]);
  });
  test('three-packet close (three-way-close/n.txt 6-10): the client FIN also ACKs the server FIN', () => {
    const m = lessonModel('three-way-close');
    expect(stepLines(m)).toEqual(['0:6 P.', '0:7 .', '0:8 F.', '0:9 F.', '0:10 .']);
    expect(states(m).slice(2)).toEqual(['CLOSE_WAIT/FIN_WAIT_1', 'LAST_ACK/TIME_WAIT', 'CLOSED/TIME_WAIT']);
    expect(m.steps[3].points).toEqual([
      { code: 'ack-of-fin', side: 'client', ack: 80, fin: 79 },
      { code: 'fin', side: 'client', seq: 87, first: false, acksFin: 'new', ackedOn: null },
      { code: 'time-wait', side: 'server' },
    ]);
    expect(lessonQuestions(m, lesson('three-way-close').questions)).toEqual([
      { code: 'close-packets', count: 3 },
      { code: 'time-wait-end', side: 'server' },
      { code: 'fin-ack-value', fin: 79, ack: 80 },
    ]);
  });
});

describe('resets', () => {
  test('refused (refused/n.txt): RST+ACK answering the SYN', () => {
    const m = lessonModel('refused');
    expect(stepLines(m)).toEqual(['0:1 S', '0:2 R.']);
    expect(states(m)).toEqual(['SYN_SENT/null', 'CLOSED/CLOSED']);
    expect(m.steps[1].points).toEqual([
      { code: 'ack-of-syn', side: 'server', ack: 1035895436, isn: 1035895435 },
      { code: 'rst', by: 'server', phase: 'handshake', idleSeconds: null, withAck: true, state: 'CLOSED', forged: false },
    ]);
    expect(lessonQuestions(m, lesson('refused').questions)).toEqual([
      { code: 'rst-sender', by: 'server', phase: 'handshake', own: false, ts: false, ip: false },
      { code: 'refused-ack', ack: 1035895436, isn: 1035895435 },
    ]);
    // ack = ISN + 1 proves that something saw the SYN, the host or a firewall in its name (review6 M5).
    const questions = lessonQuestions(m, lesson('refused').questions);
    expect(questionTexts(questions, 'en')[1][1]).toBe(
      '1035895436 = client ISN 1035895435 + 1: it answers this very SYN: something on the path or the host saw it and refused (a host with no listener, or a firewall rejecting in its name)',
    );
    expect(questionTexts(questions, 'zh-CN')[1][1]).toBe(
      '1035895436 = 客户端 ISN 1035895435 + 1：它正是对这个 SYN 的回应：主机或途中的设备收到了它并拒绝（没有监听的主机，或代主机拒绝的防火墙）',
    );
    // From the client capture alone the RST comes from the server's address; who built it is not shown (review6 recheck R3, RFC 9293 §3.10.7.1).
    expect(questionTexts(questions, 'en')[0]).toEqual([
      'Where does the RST come from, and at what point of the connection?',
      "from the server's address, in answer to the SYN: the server itself or a device on the path in its name (this capture cannot tell which; a capture at the server can)",
    ]);
    expect(questionTexts(questions, 'zh-CN')[0]).toEqual([
      'RST 来自哪里？在连接的哪个阶段？',
      '来自服务端的地址，在回应 SYN 时：可能是服务端自己发出的，也可能是途中设备以它的名义发出的（仅凭这份抓包无法区分，服务端一侧的抓包可以）',
    ]);
  });
  test('server reset (server-abort/n.txt, seed 000): the request was ACKed, then RST', () => {
    const m = lessonModel('server-reset');
    expect(stepLines(m)).toEqual(['0:1 S', '0:2 S.', '0:3 .', '0:4 P.', '0:5 .', '0:6 R.']);
    expect(m.steps[5].points).toEqual([{ code: 'rst', by: 'server', phase: 'after-request', idleSeconds: null, withAck: true, state: 'ESTABLISHED', forged: false }]);
  });
  test('idle reset (idle-reset/n.txt 4-8, seed 002): 3 s of silence before the RST', () => {
    const m = lessonModel('idle-reset');
    expect(stepLines(m)).toEqual(['0:4 P.', '0:5 .', '0:6 P.', '0:7 .', '0:8 R.']);
    expect(lessonQuestions(m, lesson('idle-reset').questions)).toEqual([
      { code: 'rst-sender', by: 'server', phase: 'idle', own: true, ts: true, ip: false },
      { code: 'idle-seconds', seconds: 3 },
    ]);
    // Its timestamps continue: a TCP endpoint at the server's address sent it (the server or a TCP-terminating proxy); the window is no evidence.
    expect(questionTexts(lessonQuestions(m, lesson('idle-reset').questions), 'en')[0][1]).toBe(
      "the TCP endpoint at the server's address, after the connection had been idle (the RST continues that endpoint's timestamps, which a firewall's REJECT reset would not): the server itself or a proxy/load balancer that terminates TCP in front of it",
    );
    expect(questionTexts(lessonQuestions(m, lesson('idle-reset').questions), 'zh-CN')[0][1]).toBe(
      '服务端地址上的 TCP 端点，在连接空闲一段时间之后（这个 RST 延续了该端点的时间戳，防火墙 REJECT 生成的复位不会这样）：可能是服务端本身，也可能是它前面终结 TCP 的代理或负载均衡器',
    );
  });
  test('forged RST (nat-forged-rst client.txt + server.txt, seed 001): lost answer, forged RST, evidence', () => {
    const m = lessonModel('forged-rst');
    expect(stepLines(m)).toEqual([
      '0:1 S', '0:2 S.', '0:3 .', '0:4 P.', '0:5 .', '0:6 F.', '0:7 R',
      '1:1 S', '1:3 S.', '1:5 .', '1:7 P.', '1:14 .', '1:16 P.', '1:23 R', '1:25 F.', '1:27 R',
    ]);
    expect(m.sources.map((s) => s.capture)).toEqual(['client', 'server']);
    const server = m.steps.filter((s) => s.part === 1);
    expect(server.find((s) => s.rec.line === 16)!.points).toContainEqual({ code: 'pair-lost', toward: 'client' });
    expect(server.find((s) => s.rec.line === 23)!.points).toContainEqual({ code: 'pair-forged', from: 'client', ttlSeen: 64, ttlPeer: 63, tsMissing: true, kernelRst: { line: 27, by: 'server' } });
    expect(m.steps[6].points).toContainEqual({ code: 'pair-seen', other: 'server', otherLine: 27 });
    expect(lessonQuestions(m, lesson('forged-rst').questions)).toEqual([{ code: 'forged-evidence', ttlSeen: 64, ttlPeer: 63, tsMissing: true, kernelRst: { line: 27, by: 'server' } }]);
  });
});

describe('options, loss and flow control', () => {
  test('MSS clamp (nat-mss-clamp, seed 004): 1460 sent, 1200 received, 1188-byte segments', () => {
    const m = lessonModel('mss-clamp');
    expect(m.steps[0].points).toEqual([
      { code: 'mss', side: 'client', mss: 1460, synAck: false, sent: null, received: 1200 },
      { code: 'pair-seen', other: 'server', otherLine: 1 },
      { code: 'mss-rewritten', from: 'client', sent: 1460, received: 1200 },
    ]);
    const serverSyn = m.steps.find((s) => s.part === 1 && s.rec.line === 1)!;
    // The server capture's SYN arrives with 1200: the point names the 1460 the client's capture shows it sent (review6 M6).
    expect(serverSyn.points).toContainEqual({ code: 'mss', side: 'client', mss: 1200, synAck: false, sent: 1460, received: null });
    const en = formatStepsText(m, { lang: 'en', lesson: 'mss-clamp' });
    const zh = formatStepsText(m, { lang: 'zh-CN', lesson: 'mss-clamp' });
    expect(en).toContain('  * Lesson: the SYN arrives with MSS 1200 (the client sent 1460: see below): the server will send segments of at most 1200 payload bytes.');
    expect(en).toContain('  * Lesson: the SYN-ACK arrives with MSS 1200 (the server sent 1460: see below): the client will send segments of at most 1200 payload bytes.');
    expect(en).not.toContain('the client announces MSS 1200');
    expect(zh).toContain('  * 要点：SYN 到达时 MSS 为 1200（客户端发出的是 1460，见下）：服务端发出的报文段载荷最多 1200 字节。');
    // Where the option leaves its sender's capture, the point says what arrived (review6 recheck R2).
    expect(en).toContain("  * Lesson: the client's SYN leaves with MSS 1460 but arrives with 1200 (see below): the server will send segments of at most 1200 payload bytes.");
    expect(en).toContain("  * Lesson: the server's SYN-ACK leaves with MSS 1460 but arrives with 1200 (see below): the client will send segments of at most 1200 payload bytes.");
    expect(zh).toContain('  * 要点：服务端的 SYN-ACK 发出时 MSS 为 1460，到达时变成 1200（见下）：客户端发出的报文段载荷最多 1200 字节。');
    // The option and handshake lines: 1200 is what arrived, never what the end that sent 1460 "accepts" (RFC 9293 §3.7.1).
    expect(en).not.toMatch(/accepts at most/);
    const notes = (part: number, line: number, lang: 'en' | 'zh-CN') =>
      stepTexts(m.steps.find((x) => x.part === part && x.rec.line === line)!, lang, m.numbering).notes;
    const opt = (part: number, line: number, lang: 'en' | 'zh-CN') => notes(part, line, lang).find((t) => t.startsWith(lang === 'en' ? 'Options:' : '选项：'))!;
    expect(opt(0, 1, 'en')).toMatch(/^Options: MSS 1460 as sent \(the server received 1200; rewritten on the path\): the server will send at most 1200 payload bytes per segment \(RFC 9293 §3\.7\.1\), minus options; SACK/);
    expect(opt(0, 2, 'en')).toMatch(
      /^Options: MSS 1200 as received \(the server sent 1460; rewritten on the path\): the client will send at most 1200 payload bytes per segment \(RFC 9293 §3\.7\.1\), minus options \(12 bytes of timestamps here → 1188\); SACK/,
    );
    expect(opt(1, 1, 'en')).toMatch(/^Options: MSS 1200 as received \(the client sent 1460; rewritten on the path\): the server will send at most 1200 payload bytes per segment/);
    expect(opt(1, 3, 'en')).toMatch(/^Options: MSS 1460 as sent \(the client received 1200; rewritten on the path\): the client will send at most 1200 payload bytes per segment \(RFC 9293 §3\.7\.1\), minus options \(12 bytes of timestamps here → 1188\)/);
    expect(opt(0, 2, 'zh-CN')).toMatch(/^选项：收到的 MSS 为 1200（服务端发出的是 1460，途中被改写）：客户端每个报文段最多发送 1200 字节载荷（RFC 9293 §3\.7\.1），还要减去选项（这里时间戳占 12 字节 → 1188）；/);
    expect(opt(1, 3, 'zh-CN')).toMatch(/^选项：发出的 MSS 为 1460（客户端收到的是 1200，途中被改写）：客户端每个报文段最多发送 1200 字节载荷/);
    const info = (part: number, line: number, lang: 'en' | 'zh-CN') => notes(part, line, lang).find((t) => t.includes(lang === 'en' ? 'Handshake options' : '握手选项'))!;
    expect(info(0, 2, 'en')).toBe(
      '[info] Handshake options: MSS as seen here: client 1460 / server 1200 (the client\'s 1460 reached the server as 1200; the server sent 1460: rewritten on the path); window scaling on (client shift 10 = ×1024, server shift 10 = ×1024); SACK on; timestamps on.',
    );
    expect(info(1, 3, 'en')).toContain('MSS as seen here: client 1200 / server 1460 (the client sent 1460; the server\'s 1460 reached the client as 1200: rewritten on the path)');
    expect(info(0, 2, 'zh-CN')).toContain('此处看到的 MSS：客户端 1460 / 服务端 1200（客户端的 1460 到达服务端时变成 1200；服务端发出的是 1460：途中被改写）');
    expect(lessonQuestions(m, lesson('mss-clamp').questions)).toEqual([{ code: 'mss-values', sent: 1460, received: 1200, segment: 1188 }]);
  });
  test('timer retransmission (retransmission/n.txt 3-7): the request again after 206.33 ms', () => {
    const m = lessonModel('retransmission');
    expect(m.steps[2].points).toEqual([{ code: 'retransmission', side: 'client', from: 1, to: 87, cause: 'timer', originalLine: 4, afterMs: 206.33 }]);
    // The ACK answers the resent copy, 0.104 ms after it: not a delayed ACK of the lost original.
    expect(m.steps[3].points).toEqual([{ code: 'ack-advance', side: 'server', ack: 87, bytes: 86, segments: 1, delayMs: 0.104, filled: null }]);
    expect(lessonQuestions(m, lesson('retransmission').questions)).toEqual([{ code: 'rto-ms', ms: 206.33 }]);
  });
  test('fast retransmission (fast-retransmit/n.txt 19-65): dup ACKs with SACK, then 61 resends 24 and 64 resends 27', () => {
    const m = lessonModel('fast-retransmit');
    const at = (line: number) => m.steps.find((s) => s.rec.line === line)!.points;
    expect(at(31)).toEqual([
      { code: 'dup-ack', side: 'server', ack: 14481, n: 1 },
      { code: 'sack', side: 'server', ack: 14481, blocks: [[15929, 17377]] },
    ]);
    expect(at(33)).toContainEqual({ code: 'sack', side: 'server', ack: 14481, blocks: [[20273, 21721], [15929, 18825]] });
    expect(at(61)).toEqual([{ code: 'retransmission', side: 'client', from: 14481, to: 15929, cause: 'fast', originalLine: 24, afterMs: 0.338 }]);
    expect(at(64)).toEqual([{ code: 'retransmission', side: 'client', from: 18825, to: 20273, cause: 'recovery', originalLine: 27, afterMs: 0.379 }]);
    expect(at(63)[0]).toEqual({ code: 'ack-advance', side: 'server', ack: 18825, bytes: 4344, segments: 3, delayMs: 0.351, filled: { from: 14481, to: 15929, sacked: true, last: false } });
    expect(lessonQuestions(m, lesson('fast-retransmit').questions)).toEqual([{ code: 'dup-acks-before', count: 15, ack: 14481 }]); // 15: one also grew the window (RFC 6675 §2)
  });
  test('zero window (zero-window/n.txt 9-18): win 0, three probes at seq 5792, the window reopens', () => {
    const m = lessonModel('zero-window');
    expect(m.steps.map((s) => `${s.rec.line} ${codes(s.points).join(',')}`)).toEqual([
      '9 ',
      '10 data-range',
      '11 zero-window',
      '12 window-probe',
      '13 zero-window',
      '14 window-probe',
      '15 window-probe',
      '16 zero-window',
      '17 window-reopened',
      '18 data-range',
    ]);
    expect(m.steps[3].points).toEqual([{ code: 'window-probe', side: 'client', seq: 5792 }]);
    expect(m.steps[8].points).toEqual([{ code: 'window-reopened', side: 'server', bytes: 2896 }]);
    expect(lessonQuestions(m, lesson('zero-window').questions)).toEqual([{ code: 'probe-count', count: 3 }]);
  });
});
