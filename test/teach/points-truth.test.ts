// Every lesson point is true of its capture: each one is checked against the segments themselves (flags, numbers,
// states, the packets of the close it names), on every built-in lesson's capture(s), the teacher sample and more samples.
import { describe, expect, test } from 'vitest';
import { ACK, FIN, RST, SYN, findOption, has } from '../../src/model';
import { recordFlagBits } from '../../src/report/ladder';
import { LESSONS, buildSteps, formatStepsText, lessonQuestions, type Step, type StepModel, type TeachPoint } from '../../src/teach';
import { lessonModel, sampleText } from './helpers';

const bits = (s: Step): number => recordFlagBits(s.rec) ?? 0;
const sideOf = (s: Step): 'client' | 'server' => (s.analysis.dir === 'c2s' ? 'client' : 'server');

/** The reason `p` is false of step `i` of `m` (whole captures, every segment a step), or null when it holds. */
function falsity(m: StepModel, i: number, p: TeachPoint): string | null {
  const s = m.steps[i];
  const a = s.analysis;
  const conn = m.steps.filter((x) => x.part === s.part && x.analysis.conn === a.conn);
  const before = conn.filter((x) => x.index < s.index);
  const upTo = conn.filter((x) => x.index <= s.index);
  const firstFin = (side?: 'client' | 'server') => conn.find((x) => has(bits(x), FIN) && (side === undefined || sideOf(x) === side)) ?? null;
  switch (p.code) {
    case 'isn':
      return has(bits(s), SYN) && a.absSeq === p.isn && sideOf(s) === p.side ? null : 'not a SYN with that seq';
    case 'ack-of-syn':
      return has(bits(s), ACK) && a.absAck === p.ack && p.ack === p.isn + 1 && a.isnReceiver === p.isn ? null : 'ack is not ISN + 1';
    case 'handshake-done': {
      const syn = conn.findIndex((x) => has(bits(x), SYN) && !has(bits(x), ACK));
      const count = upTo.length - syn;
      if (!a.transitions.some((t) => t.from === 'SYN_RECEIVED' && t.to === 'ESTABLISHED')) return 'no ESTABLISHED';
      return syn >= 0 && count === p.packets ? null : `handshake took ${count} packets, not ${p.packets}`;
    }
    case 'mss':
      return findOption(s.rec.options, 'mss')?.value === p.mss && has(bits(s), SYN) ? null : 'no such MSS option';
    case 'data-range':
      return s.rec.len === p.len && a.relSeq === p.from && p.to - p.from === p.len && sideOf(s) === p.side ? null : 'not that range';
    case 'ack-advance': {
      if (!(has(bits(s), ACK) && a.relAck !== null && p.ack <= a.relAck && p.bytes > 0)) return 'ack does not reach that far';
      // The peer's latest data segment before this ACK, and this end's previous ack.
      const peerData = before.filter((x) => sideOf(x) !== p.side && (x.rec.len ?? 0) > 0).pop();
      const prevAck = p.ack - p.bytes;
      const retx = peerData?.analysis.findings.some((f) => f.code === 'tcp.retransmission' || f.code === 'tcp.fast_retransmission') ?? false;
      const r = peerData?.analysis;
      const fills = retx && r!.relSeq !== null && r!.relEnd !== null && r!.relSeq <= prevAck && r!.relEnd > prevAck && p.ack > r!.relEnd;
      // RFC 5681 §4.2: an ACK right after a retransmission that fills the hole is an immediate ACK, never told as a delayed one.
      if (p.filled === null) return fills ? 'a retransmission filled the hole: not a delayed ACK' : null;
      if (!fills || r!.relSeq !== p.filled.from || r!.relEnd !== p.filled.to) return 'no retransmission filling that hole just before';
      if (p.filled.sacked) {
        // This end's latest SACK blocks before this ACK cover the bytes jumped over (printed in the ack's numbering).
        const last = before.filter((x) => sideOf(x) === p.side && has(bits(x), ACK)).pop();
        const blocks = last ? findOption(last.rec.options, 'sack')?.blocks ?? [] : [];
        const shift = last && last.rec.ack !== null && last.analysis.relAck !== null ? last.analysis.relAck - last.rec.ack : 0;
        if (!blocks.some(([x, y]) => x + shift <= p.filled!.to && y + shift >= p.ack)) return 'those bytes were not SACKed';
      }
      if (p.filled.last && findOption(s.rec.options, 'sack')) return 'SACK blocks remain: not the last hole';
      return null;
    }
    case 'window':
      return s.rec.win === p.printed && p.bytes === p.printed * 2 ** p.scale && a.winBytes === p.bytes ? null : 'window arithmetic';
    case 'fin': {
      if (!has(bits(s), FIN) || (a.relEnd ?? a.relSeq) !== p.seq || sideOf(s) !== p.side) return 'not this FIN';
      const peerFin = before.find((x) => has(bits(x), FIN) && sideOf(x) !== p.side) ?? null;
      if (p.first !== (peerFin === null)) return 'first is wrong';
      const peerFinSeq = peerFin ? (peerFin.analysis.relEnd ?? peerFin.analysis.relSeq)! : null;
      const acks = peerFinSeq !== null && has(bits(s), ACK) && a.relAck === peerFinSeq + 1;
      const earlier = before.find((x) => sideOf(x) === p.side && peerFinSeq !== null && x.index > peerFin!.index && has(bits(x), ACK) && x.analysis.relAck === peerFinSeq + 1);
      if (p.acksFin === null) return acks ? 'it does ACK the peer FIN' : null;
      if (!acks) return 'it does not ACK the peer FIN';
      if (p.acksFin === 'new') return earlier === undefined ? null : `the peer FIN was already ACKed on line ${earlier.rec.line}`;
      return earlier !== undefined && earlier.rec.line === p.ackedOn ? null : 'no earlier ACK on that line';
    }
    case 'ack-of-fin': {
      const fin = before.find((x) => has(bits(x), FIN) && sideOf(x) !== p.side && (x.analysis.relEnd ?? x.analysis.relSeq) === p.fin);
      return fin && a.relAck === p.ack && p.ack === p.fin + 1 ? null : 'no FIN with that seq before';
    }
    case 'time-wait':
      // "closed first": the end in TIME_WAIT sent the connection's first FIN.
      return a.transitions.some((t) => t.end === p.side && t.to === 'TIME_WAIT') && firstFin() !== null && sideOf(firstFin()!) === p.side ? null : 'not the first closer';
    case 'last-ack-done': {
      const f = firstFin();
      if (!f || !a.transitions.some((t) => t.end === p.side && t.from === 'LAST_ACK' && t.to === 'CLOSED')) return 'no LAST_ACK → CLOSED';
      const close = upTo.filter((x) => x.index >= f.index);
      if (close.length !== p.packets) return `the close took ${close.length} packets, not ${p.packets}`;
      return p.flags.length === 0 || p.flags.join(' ') === close.map((x) => x.rec.flags).join(' ') ? null : 'flags differ';
    }
    case 'rst': {
      const forged = s.allPoints.some((x) => x.code === 'pair-forged');
      return has(bits(s), RST) && p.withAck === has(bits(s), ACK) && p.forged === forged ? null : 'RST facts';
    }
    case 'dup-ack':
      return a.relAck === p.ack && before.some((x) => sideOf(x) === p.side && x.analysis.relAck === p.ack) ? null : 'not a repeat';
    case 'sack': {
      const sack = findOption(s.rec.options, 'sack');
      return sack && JSON.stringify(sack.blocks) === JSON.stringify(p.blocks) ? null : 'no such SACK blocks';
    }
    case 'retransmission': {
      // Bytes from p.from were sent before, by a segment that covered them (the resend may be cut differently).
      const orig = before.find((x) => sideOf(x) === p.side && x.analysis.relSeq !== null && x.analysis.relEnd !== null && x.analysis.relSeq <= p.from && p.from < x.analysis.relEnd);
      // Or, with no original in this capture (lost before the capture point), bytes below what the sender already sent.
      const beyond = before.some((x) => sideOf(x) === p.side && x.analysis.relEnd !== null && x.analysis.relEnd > p.from);
      if ((!orig && !(p.originalLine === null && beyond)) || a.relSeq !== p.from) return 'nothing sent there before';
      return p.originalLine === null || before.some((x) => x.rec.line === p.originalLine && sideOf(x) === p.side && x.analysis.relSeq !== null && x.analysis.relSeq <= p.from) ? null : 'wrong original line';
    }
    case 'zero-window':
      return a.winBytes === 0 ? null : 'window is not 0';
    case 'window-probe':
      return (s.rec.len ?? 0) === 0 && a.relSeq === p.seq ? null : 'not a probe';
    case 'window-reopened':
      return a.winBytes === p.bytes && p.bytes > 0 ? null : 'window not reopened';
    case 'pair-seen':
    case 'pair-lost':
    case 'pair-forged':
    case 'mss-rewritten':
      // Told from the pair analysis (src/correlate), tested in lessons.test.ts with exact values.
      return null;
  }
}

function checkAll(m: StepModel, label: string): number {
  let n = 0;
  for (const s of m.steps) {
    for (const p of s.allPoints) {
      expect(falsity(m, s.index, p), `${label} line ${s.rec.line}: ${JSON.stringify(p)}`).toBeNull();
      n++;
    }
  }
  return n;
}

describe('every lesson point is true of its capture', () => {
  for (const l of LESSONS) {
    test(l.id, () => {
      // Every segment of the captures, so that "before" and "the whole close" are the capture's, not the lesson's range.
      const whole = buildSteps(l.parts.map((p) => ({ text: sampleText(p.file), source: p.file, capture: p.capture, lines: null })));
      expect(checkAll(whole, l.id)).toBeGreaterThan(0);
      // The lesson's own steps carry the same points as the whole capture on the same lines.
      const m = lessonModel(l.id);
      for (const s of m.steps) {
        const same = whole.steps.find((x) => x.part === s.part && x.rec.line === s.rec.line)!;
        expect(s.allPoints, `${l.id} line ${s.rec.line}`).toEqual(same.allPoints);
      }
    });
  }
  for (const file of ['half-closed/n.txt', 'rst-both/n.txt', 'sack-recovery/n.txt', 'tail-loss/n.txt', 'concurrent/n.txt', 'keepalive/n.txt', 'port-reuse/n.txt']) {
    test(file, () => {
      const m = buildSteps([{ text: sampleText(file), source: file, capture: null, lines: null }]);
      checkAll(m, file);
    });
  }
});

describe('fast-retransmit: an ACK after the retransmission that fills a hole jumps (RFC 5681 §4.2), it is no delayed ACK', () => {
  test('ack 18825 and ack 46337, exact values, both languages', () => {
    const m = lessonModel('fast-retransmit');
    const jumps = m.steps.flatMap((s) => s.points.filter((p) => p.code === 'ack-advance' && p.filled !== null).map((p) => ({ line: s.rec.line, p })));
    expect(jumps).toEqual([
      { line: 63, p: { code: 'ack-advance', side: 'server', ack: 18825, bytes: 4344, segments: 3, delayMs: 0.351, filled: { from: 14481, to: 15929, sacked: true, last: false } } },
      { line: 65, p: { code: 'ack-advance', side: 'server', ack: 46337, bytes: 27512, segments: 19, delayMs: 0.123, filled: { from: 18825, to: 20273, sacked: true, last: true } } },
    ]);
    const en = formatStepsText(m, { lang: 'en', lesson: 'fast-retransmit' });
    const zh = formatStepsText(m, { lang: 'zh-CN', lesson: 'fast-retransmit' });
    expect(en).toContain(
      '  * Lesson: ack 46337: the retransmission 18825:20273 filled the last hole, so the cumulative ACK jumps 27512 bytes (19 segments): the 26064 bytes after the retransmission had already arrived and been SACKed. A receiver ACKs at once when a segment fills a gap (RFC 5681 §4.2): this is not a delayed ACK.',
    );
    expect(en).toContain(
      '  * Lesson: ack 18825: the retransmission 14481:15929 filled the hole at 14481, so the cumulative ACK jumps 4344 bytes (3 segments): the 2896 bytes after the retransmission had already arrived and been SACKed.',
    );
    expect(zh).toContain(
      '  * 要点：ack 46337：重传的 18825:20273 填上了最后一个缺口，累计确认一下子前进 27512 字节（19 个报文段）：重传之后的 26064 字节此前已经到达并被 SACK 确认。报文段填补缺口时接收方会立即确认（RFC 5681 §4.2）：这不是延迟确认。',
    );
    expect(zh).toContain('  * 要点：ack 18825：重传的 14481:15929 填上了 14481 处的缺口，累计确认一下子前进 4344 字节（3 个报文段）');
    expect(en).not.toContain('one ACK for several segments');
    expect(zh).not.toContain('一个 ACK 确认了多个报文段');
  });
});

describe('the close lessons say the number of packets their capture holds', () => {
  for (const [id, count, flags] of [
    ['four-way-close', 4, ['F.', '.', 'F.', '.']],
    ['three-way-close', 3, ['F.', 'F.', '.']],
  ] as const) {
    test(`${id}: ${count} packets, in the points, the end question and both languages`, () => {
      const m = lessonModel(id);
      const done = m.steps.flatMap((s) => s.points).find((p) => p.code === 'last-ack-done');
      expect(done).toMatchObject({ packets: count, flags });
      const q = lessonQuestions(m, ['close-packets'])[0];
      expect(q).toEqual({ code: 'close-packets', count });
      const en = formatStepsText(m, { lang: 'en', lesson: id });
      const zh = formatStepsText(m, { lang: 'zh-CN', lesson: id });
      expect(en).toContain(`the close took ${count} packets (${flags.map((f) => `[${f}]`).join(' ')})`);
      expect(zh).toContain(`这次关闭用了 ${count} 个报文`);
      // The passive closer receiving the last ACK is a conditional: the capture shows it sent, not received.
      const passive = count === 4 ? 'server' : 'client';
      expect(en).toContain(`  * Lesson: once the ${passive} gets this ACK it forgets the connection: the passive closer never waits in TIME_WAIT. From the first FIN`);
      expect(zh).toContain(`  * 要点：${passive === 'server' ? '服务端' : '客户端'}收到这个 ACK 后即忘掉这个连接：被动关闭方从不在 TIME_WAIT 等待。`);
      expect(en).not.toContain('got the last ACK');
      // State-diagram legend: the mixed markers (one end just left X, the other is in it) are defined.
      expect(en).toContain('    (C[X] / [X]S: client / server is in X now · c(X) / (X)s: the state it just left · c[X]S / C[X]s: one end just left X, the other is in it now)');
      expect(zh).toContain('    (C[X] / [X]S：客户端 / 服务端当前在 X · c(X) / (X)s：刚离开的状态 · c[X]S / C[X]s：一端刚离开 X，另一端当前在 X)');
      // The old fixed sentence said "three packets" of every FIN that ACKed the peer's FIN.
      if (count === 4) {
        // TIME_WAIT holds the four-tuple; Linux's 60 s is a fixed TCP_TIMEWAIT_LEN, not 2×MSL (review6 I8).
      expect(en).toContain("keeps the connection's four-tuple for 2×MSL (Linux: a fixed 60 s), so that a lost last ACK can be sent again");
      expect(zh).toContain('将该连接的四元组保留 2×MSL（Linux 固定为 60 秒），以便最后的 ACK 丢失时能重发');
      expect(en).not.toContain('port pair');
      expect(en).not.toMatch(/three packets|one packet fewer/);
        expect(zh).not.toMatch(/三个报文|少一个报文/);
        expect(en).toContain('Its ack repeats the ACK of the peer\'s FIN it already sent on line 9: that ACK and this FIN went as two packets.');
      } else {
        expect(en).toContain('this FIN also acknowledges the peer\'s FIN: ACK and FIN in one segment, so the peer\'s FIN gets no separate ACK and the close takes one packet fewer than FIN, ACK, FIN, ACK.');
      }
    });
  }

  test('forged-rst: the RST the client never sent is told as forged, and the lesson ends on the pair\'s verdict', () => {
    const m = lessonModel('forged-rst');
    const rsts = m.steps.flatMap((s) => s.points.filter((p) => p.code === 'rst').map((p) => ({ part: s.part, line: s.rec.line, p })));
    expect(rsts.map((r) => [r.part, r.line, r.p.code === 'rst' && r.p.by, r.p.code === 'rst' && r.p.forged])).toEqual([
      [0, 7, 'server', false],
      [1, 23, 'client', true],
      [1, 27, 'server', false],
    ]);
    const questions = lessonQuestions(m, LESSONS.find((l) => l.id === 'forged-rst')!.questions);
    const en = formatStepsText(m, { lang: 'en', lesson: 'forged-rst', questions });
    expect(en).toContain(
      '  * Lesson: a RST carrying the client\'s address in the middle of the transfer. No ACK of it, no FIN, no TIME_WAIT: the server that accepts it drops the connection at once, while the client still has its end open.\n' +
        '  * Lesson: the client never sent this RST: it is not in the client\'s capture. It arrived with TTL 64 while the client\'s real packets arrive with TTL 63. It carries no TCP timestamps, unlike the client\'s other segments. That is weak evidence on its own: a kernel\'s no-connection RST, like the server\'s on line 27, has none either.',
    );
    // The server's own no-connection RST on line 27 carries no TS option either (Linux tcp_v4_send_reset adds none).
    expect(m.steps.find((s) => s.part === 1 && s.rec.line === 27)!.rec.options ?? []).toEqual([]);
    expect(en).toContain('Goals:\n');
    expect(en).toContain('  - Explain the RST the client receives at the end: the server had already forgotten the connection\n');
    expect(en).toContain('     answer: it is missing from the client\'s capture; TTL 64 instead of 63; no TCP timestamps option (weak on its own: a kernel\'s no-connection RST has none either)');
    // Step 7 (client capture, line 7): from the client's capture alone the sender is unproven; the client was FIN_WAIT_1.
    expect(en).toContain(
      'RST without ACK whose seq is the ack field of the client\'s segment on line 6: the reply of a host that has no connection for these addresses and ports (RFC 9293 §3.10.7.1). If the server sent it, its end was already CLOSED (no connection) then.',
    );
    const finWait1 =
      'The client accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once: if the application still holds the socket (e.g. it used shutdown() and is reading), its next call fails with ECONNRESET; after close() nothing is reported.';
    expect(en.split(finWait1)).toHaveLength(3); // lines 7 (client capture) and 27 (server capture)
    // The server, ESTABLISHED when the forged RST reached it, keeps the plain sentence.
    // It loses the 78 bytes of line 16 it had sent and the client never acknowledged, not only unsent data.
    expect(en).toContain('The server accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once: its unsent and unacknowledged data (here the 78 bytes of line 16) is discarded and its application\'s next call fails with ECONNRESET.');
    expect(en).not.toContain('The client accepts it (seq = the next byte it expects, RFC 5961 §3.2) and drops the connection at once: its unsent');
    expect(en).toContain('  - Use TTL as evidence of forgery, and see why IP ID 0 and missing TCP timestamps are only weak evidence (the server\'s own no-connection RST has both)\n');
    // Step 7: the server lost its connection (restart, earlier RST, expired state), or the RST is not the server's at all.
    expect(en).toContain(
      'Its last segment before, its ACK on line 5, shows it still had the connection then, so it lost it in between: it restarted, an earlier RST reached it (possibly a forged one), or its connection state expired. That earlier event is what to look for. The RST may also not be the server\'s: a NAT or firewall whose state for this connection expired, or a device forging resets, can send one in this same form; with tcpdump -v, a TTL unlike the server\'s other packets would show it.',
    );
    expect(en).not.toContain("(or a NAT's or firewall's)");
    expect(en).toContain("and on RCV.NXT − 1 after the peer's FIN (CLOSE_WAIT, CLOSING, LAST_ACK; tcp_reset_check);");
    const zh = formatStepsText(m, { lang: 'zh-CN', lesson: 'forged-rst', questions });
    expect(zh).toContain(
      '  * 要点：客户端从未发送这个 RST：客户端的抓包里没有它。它到达时 TTL 为 64，而客户端真实报文到达时 TTL 为 63。它不带 TCP 时间戳，而客户端的其他报文段都带；但单凭这一点证据不足：内核为不存在的连接发出的 RST（如第 27 行服务端的 RST）同样不带时间戳。',
    );
    expect(zh).toContain('目标：\n');
    expect(zh).toContain('== 客户端抓包：samples/nat-forged-rst/client.txt ==');
    expect(zh).toContain('\n问题：\n');
    expect(zh).toContain('     答案：客户端的抓包里没有它；TTL 是 64 而不是 63；没有 TCP 时间戳选项（单凭这一点证据不足：内核为不存在的连接发出的 RST 同样不带时间戳）');
    expect(zh).toContain('如果是服务端发出的，它这一端当时已经是 CLOSED（没有连接）。');
    expect(zh).toContain(
      '所以是在这之间丢失的：它重启了、更早有一个 RST 到达了它（可能是伪造的），或者它的连接状态过期了。要找的正是那个更早的事件。这个 RST 也可能不是服务端发的：对这个连接的状态已过期的 NAT 或防火墙，或伪造 RST 的设备，都能发出同样形式的 RST；用 tcpdump -v 抓包时，TTL 与服务端其他报文不同就能看出来。',
    );
    expect(zh).toContain('  - 用 TTL 作为伪造的证据，并理解为什么 IP ID 为 0 和缺失 TCP 时间戳只是弱证据（服务端在没有连接时自己发出的 RST 两者皆是）\n');
    expect(zh).toContain('服务端接受它（序列号正是它期望的下一个字节，RFC 5961 §3.2）并立即丢弃连接：未发送和未被确认的数据（这里是第 16 行的 78 字节）被丢弃，应用程序的下一次调用以 ECONNRESET 失败。');
    expect(zh).toContain('以及收到对方 FIN 之后（CLOSE_WAIT、CLOSING、LAST_ACK 状态）的 RCV.NXT − 1（tcp_reset_check）；');
    expect(zh).toContain(
      '客户端接受它（序列号正是它期望的下一个字节，RFC 5961 §3.2）并立即丢弃连接：若应用程序仍持有该套接字（例如用 shutdown() 后仍在读），下一次调用以 ECONNRESET 失败；若已调用 close()，则不会报告任何错误。',
    );
    expect(zh).not.toMatch(/目标:|问题:|答案:|抓包:|序号/);
    expect(en).not.toContain('the end that really sent it has none left either.\n  * Lesson: the client never sent');
    expect(en).not.toContain('Aborted by the client');
    expect(en).toContain('The RST the server got was forged on the path: the client never sent it.');
    expect(en).not.toContain('Forged reset: the client did not send it');
  });

  test('the first SYN moves the client from CLOSED, in both languages', () => {
    const m = lessonModel('handshake');
    expect(formatStepsText(m, { lang: 'en', lesson: 'handshake' })).toContain('  States: client: CLOSED ──► SYN_SENT');
    expect(formatStepsText(m, { lang: 'zh-CN', lesson: 'handshake' })).toContain('  状态：客户端：CLOSED ──► SYN_SENT');
  });
});

describe('three-way close seen from the client (three-way-close/n.txt)', () => {
  test('the client is CLOSE_WAIT from the server FIN it sees arrive (line 8); the server goes FIN_WAIT_1 → TIME_WAIT on line 9', () => {
    const m = lessonModel('three-way-close');
    const at = (line: number) => m.steps.find((s) => s.rec.line === line)!;
    expect(at(8).analysis.transitions).toEqual([
      { end: 'server', from: 'ESTABLISHED', to: 'FIN_WAIT_1' },
      { end: 'client', from: 'ESTABLISHED', to: 'CLOSE_WAIT' },
    ]);
    const en = formatStepsText(m, { lang: 'en', lesson: 'three-way-close' });
    const zh = formatStepsText(m, { lang: 'zh-CN', lesson: 'three-way-close' });
    const step = (text: string, n: number) => text.split(/\n── /).find((b) => b.includes(`/5 · `) && b.startsWith(n === 3 ? 'step 3/5' : 'step 4/5'))!;
    expect(step(en, 3)).toContain('  Client: ESTABLISHED → CLOSE_WAIT (the peer closed its direction; waiting for the local application to call close()).');
    expect(step(en, 4)).not.toContain('Client: ESTABLISHED → CLOSE_WAIT');
    expect(step(en, 4)).toContain(
      '  Server: FIN_WAIT_1 → TIME_WAIT (FIN and ACK of its FIN in one segment, RFC 9293 §3.10.7.4; Linux passes through FIN_WAIT_2 for an instant).\n  Client: CLOSE_WAIT → LAST_ACK',
    );
    expect(en).not.toContain('Server: FIN_WAIT_1 → FIN_WAIT_2 (');
    expect(zh).toContain('  服务端：FIN_WAIT_1 → TIME_WAIT（对方的 FIN 和对自己 FIN 的确认在同一报文段中，RFC 9293 §3.10.7.4；Linux 内部会瞬间经过 FIN_WAIT_2）。');
    // The state diagram after line 8: the client in CLOSE_WAIT, having left ESTABLISHED, which the server left too.
    expect(step(en, 3)).toContain('            c(ESTABLISHED)s');
    expect(step(en, 3)).toContain('[FIN_WAIT_1]S       C[CLOSE_WAIT]');
  });
});
