// RST forensics on real captures: class, confidence, evidence codes, acceptance, states and verdict of every RST
// (src/track/heuristics/reset.ts), including forged RSTs seen from both ends and seed 001.

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/findings';
import { seedText } from '../helpers/fixtures';
import { CHAL, CLIENT_ABORT, CLIENT_REPLY, CROSS_AT_CLIENT, CROSS_HEAD, GFW, GFW_NOV, IGN, SERVER_ACK } from '../helpers/synthetic-rst';
import { sample, track } from './helpers';

type Rst = Extract<Finding, { code: 'tcp.rst' }>;

/** Every RST finding as [line, by, class, confidence, acceptance, evidence codes, states before, states after]. */
function rsts(text: string): unknown[] {
  const out: unknown[] = [];
  for (const { rec, a } of track(text).segments) {
    for (const f of a.findings) {
      if (f.code === 'tcp.rst') {
        const r = f as Rst;
        out.push([rec.line, r.by, r.class, r.confidence, r.acceptance, r.evidence.map((e) => e.code), `${a.statesBefore.client}/${a.statesBefore.server}`, `${a.states.client}/${a.states.server}`]);
      } else if (f.code === 'tcp.rst_contradicted') out.push([rec.line, 'contradicted', f.rstLine, f.what, f.timestamps]);
    }
  }
  return out;
}

/** The one verdict: [code, resetBy, resetClass, resetConfidence, evidence codes, end states]. */
function verdictOf(text: string): unknown[] {
  const { verdicts } = track(text);
  expect(verdicts).toHaveLength(1);
  const v = verdicts[0];
  return [v.verdict, v.resetBy, v.resetClass, v.resetConfidence, v.resetEvidence.map((e) => e.code), `${v.states.client}/${v.states.server}`];
}

const ABORT = ['seq-is-next', 'window-usual', 'timestamps-continue'];

describe('RST classes on the samples', () => {
  it('refused: RST+ACK answering the SYN (seq 0, ack = ISN + 1): refusal, certain; the server end CLOSED throughout', () => {
    for (const file of ['refused/n.txt', 'refused/server.txt', 'firewall-reject/n.txt']) {
      expect(rsts(sample(file)), file).toEqual([[2, 'server', 'refusal', 'certain', 'reset', ['answers-syn', 'answer-delay'], 'SYN_SENT/CLOSED', 'CLOSED/CLOSED']]);
      expect(verdictOf(sample(file)), file).toEqual(['refused', 'server', 'refusal', 'certain', ['answers-syn', 'answer-delay'], 'CLOSED/CLOSED']);
    }
    // The server end never gets a LISTEN → CLOSED transition: only the client moves.
    const rst = track(sample('refused/n.txt')).segments[1].a;
    expect(rst.transitions).toEqual([{ end: 'client', from: 'SYN_SENT', to: 'CLOSED' }]);
  });

  it('-v: closed port (TTL 63, one router away) vs the router\'s REJECT (TTL 64, an initial value no router decremented)', () => {
    const closed = track(sample('refused/v.txt')).segments[1].a.findings[0] as Rst;
    // SYN .921825, RST .921878 at the client: 53 µs (the round trip to the host that refused it).
    expect(closed.evidence).toEqual([{ code: 'answers-syn' }, { code: 'answer-delay', seconds: expect.closeTo(0.000053, 9) }, { code: 'host-unseen' }]);
    const reject = track(sample('firewall-reject/v.txt')).segments[1].a.findings[0] as Rst;
    expect(reject.evidence).toEqual([{ code: 'answers-syn' }, { code: 'answer-delay', seconds: expect.closeTo(0.000024, 9) }, { code: 'host-unseen' }, { code: 'ttl-initial', ttl: 64 }]);
  });

  it('-v: a host seen on another connection gives its TTL to compare a refusal with', () => {
    // The server's packets of middlebox-reset (TTL 63), then the refusal from the router's REJECT (TTL 64) to that host.
    const v = sample('middlebox-reset/v.txt').split('\n').slice(0, 4).join('\n');
    const reject = sample('firewall-reject/v.txt');
    const f = track(`${v}\n${reject}`).segments.at(-1)!.a.findings[0] as Rst;
    expect([f.class, f.evidence]).toEqual(['refusal', [{ code: 'answers-syn' }, { code: 'answer-delay', seconds: expect.closeTo(0.000024, 9) }, { code: 'ttl-unlike-host', ttl: 64, usual: 63 }, { code: 'ttl-initial', ttl: 64 }]]);
    const closedPort = track(`${v}\n${sample('refused/v.txt')}`).segments.at(-1)!.a.findings[0] as Rst;
    expect(closedPort.evidence).toEqual([{ code: 'answers-syn' }, { code: 'answer-delay', seconds: expect.closeTo(0.000053, 9) }, { code: 'ttl-as-host', ttl: 63 }]);
  });

  it('abort: RST+ACK at the next seq with the usual window and timestamps (server-abort, unread-close, client-reset, idle-reset, keep-alive gave up)', () => {
    const cases: Array<[string, number, string, string]> = [
      ['server-abort/n.txt', 6, 'server', 'reset-by-server'],
      ['server-abort/server.txt', 6, 'server', 'reset-by-server'],
      ['unread-close/n.txt', 10, 'server', 'reset-by-server'],
      ['unread-close/server.txt', 10, 'server', 'reset-by-server'],
      ['client-reset/n.txt', 16, 'client', 'reset-by-client'],
      ['client-reset/server.txt', 16, 'client', 'reset-by-client'],
      ['idle-reset/n.txt', 8, 'server', 'idle-reset'],
      ['idle-reset/server.txt', 8, 'server', 'idle-reset'],
    ];
    for (const [file, line, by, code] of cases) {
      // unread-close: the server's kernel ACKed the second request (line 9) that its application never answered.
      // client-reset: the client's own abort, timed from its request (ABORT TIMING).
      const ev = file.startsWith('unread-close') ? [...ABORT, 'unanswered-data'] : file.startsWith('client-reset') ? [...ABORT, 'abort-timing'] : ABORT;
      expect(rsts(sample(file)), file).toEqual([[line, by, 'abort', 'likely', 'reset', ev, 'ESTABLISHED/ESTABLISHED', 'CLOSED/CLOSED']]);
      expect(verdictOf(sample(file)), file).toEqual([code, by, 'abort', 'likely', ev, 'CLOSED/CLOSED']);
    }
    // ABORT TIMING: the client reset 181.723 ms after its request (line 4) and 30.359 ms after the server's last data
    // (line 14; at the server 181.714 / 30.406 ms): neither 1 s nor near a multiple of 100 or 250 ms, nor is the
    // connection's age (232 ms): not timeout-like (the capture script's client read 3000 bytes, slept 80 ms, SO_LINGER 0).
    expect(track(sample('client-reset/n.txt')).verdicts[0].resetEvidence.at(-1)).toEqual({ code: 'abort-timing', line: 4, seconds: 0.181723, peerLine: 14, peerSeconds: 0.030359, timeoutLike: false, synSeconds: 0.232022 });
    expect(track(sample('client-reset/server.txt')).verdicts[0].resetEvidence.at(-1)).toEqual({ code: 'abort-timing', line: 4, seconds: 0.181714, peerLine: 14, peerSeconds: 0.030406, timeoutLike: false, synSeconds: 0.232014 });
    // Keep-alive gave up: the client's kernel (tcp_keepalive_timer) sent it, after 3 unanswered probes from line 10.
    const ka = [...ABORT, 'keepalive-gave-up'];
    expect(rsts(sample('nat-keepalive-cut/client.txt'))).toEqual([[13, 'client', 'abort', 'likely', 'reset', ka, 'ESTABLISHED/ESTABLISHED', 'CLOSED/CLOSED']]);
    expect(verdictOf(sample('nat-keepalive-cut/client.txt'))).toEqual(['keepalive-timeout', 'client', 'abort', 'likely', ka, 'CLOSED/CLOSED']);
    expect(track(sample('nat-keepalive-cut/client.txt')).verdicts[0].resetEvidence.at(-1)).toEqual({ code: 'keepalive-gave-up', probes: 3, fromLine: 10, answersLost: false });
    // At the server the same 3 probes (from line 29) were answered (lines 31, 35, 39), but the client's TS ecr never
    // echoed those answers: they were lost on the way back, not unanswered.
    expect(track(sample('nat-keepalive-cut/server.txt')).verdicts[0].resetEvidence.at(-1)).toEqual({ code: 'keepalive-gave-up', probes: 3, fromLine: 29, answersLost: true });
    // -v: the socket's own RST keeps its TTL and IP id counter (server-abort id 30034 → 30035).
    const f = track(sample('server-abort/v.txt')).segments.at(-1)!.a.findings[0] as Rst;
    expect(f.evidence.slice(3)).toEqual([
      { code: 'ttl-same', ttl: 63 },
      { code: 'ip-id-follows', id: 30035, last: 30034 },
    ]);
  });

  it('middlebox-reset, client side: a bare RST with seq = the ack of the retransmitted request: no-connection, likely; -v shows the TTL of another sender', () => {
    expect(rsts(sample('middlebox-reset/n.txt'))).toEqual([[6, 'server', 'no-connection', 'likely', 'reset', ['seq-is-peer-ack', 'data-unacked', 'had-connection'], 'ESTABLISHED/CLOSED', 'CLOSED/CLOSED']]);
    const f = track(sample('middlebox-reset/n.txt')).segments[5].a.findings[0] as Rst;
    expect(f.evidence).toEqual([
      { code: 'seq-is-peer-ack', seq: 1345414349, line: 5 },
      { code: 'data-unacked', copies: 2 },
      { code: 'had-connection', line: 2, what: 'syn-ack', nth: null },
    ]);
    expect(verdictOf(sample('middlebox-reset/n.txt'))).toEqual([
      'reset-no-connection', 'server', 'no-connection', 'likely', ['seq-is-peer-ack', 'data-unacked', 'had-connection'], 'CLOSED/CLOSED',
    ]);
    // With -v: TTL 64 where the server's packets arrive with 63: likely forged; the server's state is left alone.
    expect(rsts(sample('middlebox-reset/v.txt'))).toEqual([
      [21, 'server', 'suspect', 'likely', 'reset', ['seq-is-peer-ack', 'ttl-differs', 'data-unacked', 'had-connection', 'reject-form'], 'ESTABLISHED/ESTABLISHED', 'CLOSED/ESTABLISHED'],
    ]);
    expect(verdictOf(sample('middlebox-reset/v.txt'))).toEqual([
      'reset-forged', 'server', 'suspect', 'likely', ['seq-is-peer-ack', 'ttl-differs', 'data-unacked', 'had-connection', 'reject-form'], 'CLOSED/ESTABLISHED',
    ]);
    // nf_send_reset's shape: no ACK bit, seq = the request's ack, IP id 0, DF, TTL 64 (an initial value).
    expect(track(sample('middlebox-reset/v.txt')).verdicts[0].resetEvidence.at(-1)).toEqual({ code: 'reject-form', line: 14, what: 'data', df: true, ttl: 64, firstCopy: 7 });
    // The server never saw a RST: its connection is still open.
    expect(verdictOf(sample('middlebox-reset/server.txt'))).toEqual(['open', null, null, null, [], 'ESTABLISHED/ESTABLISHED']);
  });

  it('nat-forged-rst, server side (-v): the forged RST (TTL 64 vs 63), the client keeps talking (FIN, newer TS), the server answers with a no-connection RST', () => {
    expect(rsts(sample('nat-forged-rst/server.txt'))).toEqual([
      [23, 'client', 'suspect', 'likely', 'reset', ['seq-is-peer-ack', 'ttl-differs', 'data-unacked', 'had-connection', 'reject-form'], 'ESTABLISHED/ESTABLISHED', 'ESTABLISHED/CLOSED'],
      [25, 'contradicted', 23, 'fin', true],
      [27, 'server', 'no-connection', 'likely', 'reset', ['seq-is-peer-ack', 'ttl-same', 'had-connection', 'earlier-rst'], 'FIN_WAIT_1/CLOSED', 'CLOSED/CLOSED'],
    ]);
    const { verdicts, segments } = track(sample('nat-forged-rst/server.txt'));
    expect(segments[7].a.findings[0]).toEqual({ code: 'tcp.rst_contradicted', rstLine: 23, what: 'fin', seconds: 2.002056, timestamps: true });
    expect(segments[7].a.transitions).toEqual([{ end: 'client', from: 'ESTABLISHED', to: 'FIN_WAIT_1' }]);
    expect(verdicts.map((v) => [v.verdict, v.resetBy, v.resetClass, v.resetConfidence])).toEqual([['reset-forged', 'client', 'suspect', 'certain']]);
    expect(verdicts[0].resetEvidence).toContainEqual({ code: 'ttl-differs', ttl: 64, usual: 63 });
    expect(verdicts[0].resetEvidence).toContainEqual({ code: 'reject-form', line: 16, what: 'data', df: true, ttl: 64, firstCopy: null });
    // The client's FIN acknowledges none of the server's 78 bytes: they never reached it.
    expect(verdicts[0].resetEvidence.at(-1)).toEqual({ code: 'keeps-talking', line: 25, what: 'fin', seconds: 2.002056, unreceived: 78 });
    expect(segments[7].a.ackMissing).toEqual({ bytes: 78, line: 16 });
  });

  it('nat-forged-rst, client side: the server\'s RST to the FIN is the no-connection form (it had the connection on line 5)', () => {
    expect(rsts(sample('nat-forged-rst/client.txt'))).toEqual([[7, 'server', 'no-connection', 'likely', 'reset', ['seq-is-peer-ack', 'had-connection'], 'FIN_WAIT_1/CLOSED', 'CLOSED/CLOSED']]);
    const f = track(sample('nat-forged-rst/client.txt')).segments[6].a.findings[0] as Rst;
    expect(f.evidence).toEqual([
      { code: 'seq-is-peer-ack', seq: 4081211457, line: 6 },
      { code: 'had-connection', line: 5, what: 'ack', nth: null },
    ]);
    expect(verdictOf(sample('nat-forged-rst/client.txt'))[0]).toBe('reset-no-connection');
  });

  it('rst-to-server: the server\'s no-connection RST on the client side; the forged RST toward the server, proved by the retransmitted request', () => {
    for (const file of ['rst-to-server/n.txt', 'rst-to-server/nn-S.txt', 'rst-to-server/client.txt']) {
      expect(rsts(sample(file)), file).toEqual([[6, 'server', 'no-connection', 'likely', 'reset', ['seq-is-peer-ack', 'data-unacked', 'had-connection'], 'ESTABLISHED/CLOSED', 'CLOSED/CLOSED']]);
    }
    // -v on the client: the server's real RST has the server's TTL (63) and id 0 (Linux sends it without a socket).
    expect(rsts(sample('rst-to-server/v.txt'))).toEqual([
      [21, 'server', 'no-connection', 'likely', 'reset', ['seq-is-peer-ack', 'ttl-same', 'data-unacked', 'had-connection'], 'ESTABLISHED/CLOSED', 'CLOSED/CLOSED'],
    ]);
    expect(verdictOf(sample('rst-to-server/v.txt'))).toEqual([
      'reset-no-connection', 'server', 'no-connection', 'likely', ['seq-is-peer-ack', 'ttl-same', 'data-unacked', 'had-connection'], 'CLOSED/CLOSED',
    ]);
    // Server side without -v: the RST has the client's no-connection form, but it answers nothing (the client had
    // acknowledged the SYN-ACK on line 3 and the server sent nothing since): likely forged at once, certain when the
    // client sends again.
    expect(rsts(sample('rst-to-server/server.txt'))).toEqual([
      [4, 'client', 'suspect', 'likely', 'reset', ['seq-is-peer-ack', 'answers-nothing'], 'ESTABLISHED/ESTABLISHED', 'ESTABLISHED/CLOSED'],
      [5, 'contradicted', 4, 'data', true],
      [6, 'server', 'no-connection', 'likely', 'reset', ['seq-is-peer-ack', 'data-unacked', 'had-connection', 'earlier-rst'], 'ESTABLISHED/CLOSED', 'CLOSED/CLOSED'],
    ]);
    expect(verdictOf(sample('rst-to-server/server.txt'))).toEqual([
      'reset-forged', 'client', 'suspect', 'certain', ['seq-is-peer-ack', 'answers-nothing', 'keeps-talking'], 'CLOSED/CLOSED',
    ]);
    // Server side with -v: TTL 64 vs 63, IP id 3164 off the client's run (43187), no DF where the client sets it.
    const forged = track(sample('rst-to-server/server-v.txt')).segments[3].a.findings[0] as Rst;
    expect([forged.class, forged.confidence]).toEqual(['suspect', 'likely']);
    expect(forged.evidence.slice(1, 5)).toEqual([
      { code: 'answers-nothing', line: 3, ackLine: 5, stack: 'linux' },
      { code: 'ttl-differs', ttl: 64, usual: 63 },
      { code: 'ip-id-out-of-sequence', id: 3164, last: 43187 },
      { code: 'df-differs', df: false },
    ]);
    expect(verdictOf(sample('rst-to-server/server-v.txt')).slice(0, 4)).toEqual(['reset-forged', 'client', 'suspect', 'certain']);
  });

  it('rst-both: each end gets a RST forged in the other\'s name; -v tells on both sides; without -v the server side shows a RST that answers nothing', () => {
    // Client side: the server's RST answers the client's ACK on line 13, as a no-connection reply would.
    expect(rsts(sample('rst-both/n.txt'))).toEqual([[14, 'server', 'no-connection', 'likely', 'reset', ['seq-is-peer-ack', 'had-connection'], 'ESTABLISHED/CLOSED', 'CLOSED/CLOSED']]);
    // Server side: the client's bare RST comes after its own ACK (line 13) of the server's last segment (line 12), and
    // the server sent nothing since: no segment for a no-connection reply to answer (ANSWERS NOTHING).
    expect(rsts(sample('rst-both/server.txt'))).toEqual([[14, 'client', 'suspect', 'likely', 'reset', ['seq-is-peer-ack', 'answers-nothing'], 'ESTABLISHED/ESTABLISHED', 'ESTABLISHED/CLOSED']]);
    const rst = track(sample('rst-both/server.txt')).segments[13].a.findings[0] as Rst;
    expect(rst.evidence[1]).toEqual({ code: 'answers-nothing', line: 12, ackLine: 13, stack: 'linux' });
    const forged = ['seq-is-peer-ack', 'ttl-differs', 'ip-id-out-of-sequence', 'df-differs', 'had-connection'];
    expect(verdictOf(sample('rst-both/v.txt'))).toEqual(['reset-forged', 'server', 'suspect', 'likely', forged, 'CLOSED/ESTABLISHED']);
    expect(verdictOf(sample('rst-both/server-v.txt'))).toEqual([
      'reset-forged', 'client', 'suspect', 'likely', ['seq-is-peer-ack', 'answers-nothing', 'ttl-differs', 'ip-id-out-of-sequence', 'df-differs'], 'ESTABLISHED/CLOSED',
    ]);
  });
});

describe('seed 001 (client side, tcpdump -vvXe)', () => {
  it('the final bare [R] is the no-connection form, with the server\'s own TTL and IP id', () => {
    const { segments, verdicts } = track(seedText('001'));
    const f = segments.at(-1)!.a.findings[0] as Rst;
    expect([f.class, f.confidence, f.acceptance, f.state]).toEqual(['no-connection', 'likely', 'reset', 'CLOSED']);
    expect(f.evidence).toEqual([
      { code: 'seq-is-peer-ack', seq: 1671696167, line: 42 },
      { code: 'ttl-same', ttl: 52 },
      { code: 'ip-id-follows', id: 1223, last: 1216 },
      { code: 'data-unacked', copies: 2 },
      { code: 'had-connection', line: 42, what: 'syn-ack', nth: 2 },
    ]);
    expect(verdicts.map((v) => [v.verdict, v.resetClass, v.resetConfidence, v.states.client, v.states.server])).toEqual([
      ['reset-no-connection', 'no-connection', 'likely', 'CLOSED', 'CLOSED'],
    ]);
  });
});

describe('RST acceptance (RFC 9293 §3.10.7.3, RFC 5961 §3.2)', () => {
  it('in SYN-SENT a RST without an ACK of the SYN is dropped: the connection is not closed', () => {
    const [syn, rst] = sample('refused/n.txt').split('\n');
    // The same RST without its ACK bit: seq 0, no ack field.
    const bare = rst.replace('Flags [R.], seq 0, ack 1035895436,', 'Flags [R], seq 0,');
    const { segments, verdicts } = track(`${syn}\n${bare}\n`);
    const f = segments[1].a.findings[0] as Rst;
    expect([f.acceptance, f.receiverState]).toEqual(['ignored', 'SYN_SENT']);
    expect(segments[1].a.transitions).toEqual([]);
    expect(verdicts.map((v) => [v.verdict, v.states.client])).toEqual([['no-answer', 'SYN_SENT']]);
  });

  it('an in-window RST whose seq is not RCV.NXT draws a challenge ACK and leaves the connection open', () => {
    const lines = sample('unread-close/n.txt').split('\n');
    // The server's RST moved 10 bytes into the client's window (seq 89 instead of 79), then the client's ACK of 79.
    const rst = lines[9].replace('seq 79, ack 179', 'seq 89, ack 179');
    const challenge = '11:27:43.405800 IP 192.0.2.2.40023 > 198.51.100.2.80: Flags [.], ack 79, win 63, options [nop,nop,TS val 2546953396 ecr 2833660142], length 0';
    const { segments, verdicts } = track([...lines.slice(0, 9), rst, challenge].join('\n'));
    const f = segments[9].a.findings.find((x) => x.code === 'tcp.rst') as Rst;
    expect([f.acceptance, f.class, f.confidence]).toEqual(['challenge', 'suspect', 'possible']);
    expect(f.evidence[0]).toEqual({ code: 'seq-unlike', seq: 4036380565, expected: 4036380555 });
    expect(segments[9].a.transitions).toEqual([]);
    expect(segments[10].a.findings).toEqual([{ code: 'tcp.challenge_ack', rstLine: 10 }]);
    expect(verdicts.map((v) => [v.verdict, v.states.client, v.states.server])).toEqual([['open', 'ESTABLISHED', 'ESTABLISHED']]);
  });

  it('an out-of-window RST is dropped', () => {
    const lines = sample('unread-close/n.txt').split('\n');
    const rst = lines[9].replace('seq 79, ack 179', 'seq 900000, ack 179');
    const { segments } = track([...lines.slice(0, 9), rst].join('\n'));
    const f = segments[9].a.findings.find((x) => x.code === 'tcp.rst') as Rst;
    expect(f.acceptance).toBe('ignored');
    expect(segments[9].a.states).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });
});

describe('a burst of RSTs in one end\'s name', () => {
  it('a second RST "from the server" with another seq (middlebox-reset plus a copy 1 ms later, seq + 1000): suspect, likely', () => {
    const text = sample('middlebox-reset/n.txt');
    const last = text.trimEnd().split('\n').at(-1)!;
    const second = last.replace('11:27:27.821794', '11:27:27.822794').replace('seq 1345414349', 'seq 1345415349');
    const { segments, verdicts } = track(`${text}${second}\n`);
    const f = segments.at(-1)!.a.findings[0] as Rst;
    expect([f.class, f.confidence, f.acceptance, f.afterLine]).toEqual(['suspect', 'likely', 'ignored', 6]);
    expect(f.evidence.find((e) => e.code === 'rst-burst')).toEqual({ code: 'rst-burst', count: 2 });
    expect(verdicts.map((v) => [v.verdict, v.resetClass, v.resetConfidence, v.resetEvidence.at(-1)])).toEqual([
      ['reset-forged', 'suspect', 'likely', { code: 'rst-burst', count: 2 }],
    ]);
  });
});

describe('data after close', () => {
  it('half-closed plus data from the server after the client\'s FIN, answered by a bare RST: abort, data-after-close (Linux TCPAbortOnData)', () => {
    const more = [
      '11:21:13.300000 IP 198.51.100.2.80 > 192.0.2.2.40011: Flags [P.], seq 79:179, ack 88, win 64, options [nop,nop,TS val 3029087533 ecr 2049720033], length 100: HTTP',
      '11:21:13.300050 IP 192.0.2.2.40011 > 198.51.100.2.80: Flags [R], seq 2359097573, win 0, length 0',
    ];
    const text = `${sample('half-closed/n.txt')}${more.join('\n')}\n`;
    expect(rsts(text)).toEqual([[11, 'client', 'abort', 'likely', 'reset', ['seq-is-peer-ack', 'data-after-close', 'data-unacked'], 'FIN_WAIT_2/CLOSE_WAIT', 'CLOSED/CLOSED']]);
    expect(verdictOf(text).slice(0, 4)).toEqual(['reset-by-client', 'client', 'abort', 'likely']);
  });
});

// SYNTHETIC captures (test/helpers/synthetic-rst.ts says why): a Linux client aborts with RST+ACK (line 9) while the
// server's pure ACK of its second request (line 8) is on the way; that ACK reaches a socket that no longer exists and
// draws the client's bare no-connection reply (line 10). Taken at the server, then at the client (CROSS_AT_CLIENT).
describe('ANSWERS NOTHING: a bare RST that answers no segment, and what it must not catch', () => {
  it('a RST+ACK, then a bare reply to the pure ACK that crossed it: an abort and its reply, neither forged (at the server and at the client)', () => {
    const atServer = [...CROSS_HEAD, SERVER_ACK, CLIENT_ABORT, CLIENT_REPLY].join('\n');
    expect(rsts(atServer).map((r) => (r as unknown[]).slice(0, 6))).toEqual([
      [9, 'client', 'abort', 'likely', 'reset', ['seq-is-next', 'window-usual', 'timestamps-continue', 'abort-timing']],
      [10, 'client', 'no-connection', 'likely', 'ignored', ['seq-is-peer-ack', 'own-earlier-rst']],
    ]);
    const own = track(CROSS_AT_CLIENT).segments[9].a.findings.find((f) => f.code === 'tcp.rst') as Rst;
    expect([own.class, own.evidence]).toEqual(['no-connection', [{ code: 'seq-is-peer-ack', seq: 1173, line: 9 }, { code: 'own-earlier-rst', line: 8 }]]);
  });

  it('rst-both/server.txt with the client SYN\'s options in an order no stack known to abort with RST+ACK uses: a bare abort cannot be ruled out, so it stays the no-connection reading (SYNTHETIC reordering)', () => {
    // Neither Linux's, FreeBSD's nor macOS's layout (RFC 9293 §3.10.4's ABORT and Solaris/illumos send a bare RST).
    const other = sample('rst-both/server.txt').replace(/options \[mss 1460,sackOK,TS val (\d+) ecr 0,nop,wscale 10\]/, 'options [nop,wscale 10,nop,nop,TS val $1 ecr 0,nop,nop,sackOK,mss 1460]');
    expect(other).not.toBe(sample('rst-both/server.txt'));
    expect(rsts(other)).toEqual([[14, 'client', 'no-connection', 'likely', 'reset', ['seq-is-peer-ack', 'had-connection'], 'CLOSED/ESTABLISHED', 'CLOSED/CLOSED']]);
  });

  it('BSD SYN LAYOUTS: a FreeBSD or macOS client aborts with RST+ACK too (tcp_drop → tcp_output in CLOSED), so its bare RST that answers nothing is likely forged (SYNTHETIC reordering of rst-both/server.txt, recheck 4 Y4)', () => {
    const text = sample('rst-both/server.txt');
    const syn = /options \[mss 1460,sackOK,TS val (\d+) ecr 0,nop,wscale 10\]/;
    const freebsd = text.replace(syn, 'options [mss 1460,nop,wscale 10,sackOK,TS val $1 ecr 0]');
    const macos = text.replace(syn, 'options [mss 1460,nop,wscale 10,nop,nop,TS val $1 ecr 0,sackOK,eol]');
    for (const [t, stack] of [[freebsd, 'freebsd'], [macos, 'macos']] as const) {
      expect(t).not.toBe(text);
      expect(rsts(t), stack).toEqual([[14, 'client', 'suspect', 'likely', 'reset', ['seq-is-peer-ack', 'answers-nothing'], 'ESTABLISHED/ESTABLISHED', 'ESTABLISHED/CLOSED']]);
      const rst = track(t).segments[13].a.findings[0] as Rst;
      expect(rst.evidence[1], stack).toEqual({ code: 'answers-nothing', line: 12, ackLine: 13, stack });
    }
    // Windows' layout (mss,nop,wscale,nop,nop,sackOK) is not admitted: no source shows every abort path adds ACK.
    const windows = text.replace(syn, 'options [mss 1460,nop,wscale 8,nop,nop,sackOK]');
    expect(rsts(windows).map((r) => (r as unknown[])[2])).toEqual(['no-connection']);
  });
  it('PAIR ANSWERING NOTHING (gfw without -v, SYNTHETIC, review 9 W2/M1): the RST+ACK lacks the negotiated timestamps, and the bare RST answers nothing: the client\'s last segment (line 4) is covered by the RST+ACK\'s ack 1087', () => {
    expect(rsts(GFW_NOV)).toEqual([
      // Missing timestamps alone (weight 1: only the SYN-ACK shows a Linux layout) leave line 5 an abort (recheck 9 R1).
      [5, 'server', 'abort', 'likely', 'reset', ['seq-is-next', 'timestamps-missing'], 'ESTABLISHED/ESTABLISHED', 'CLOSED/CLOSED'],
      [6, 'server', 'suspect', 'possible', 'ignored', ['seq-is-peer-ack', 'pair-answers-nothing'], 'CLOSED/CLOSED', 'CLOSED/CLOSED'],
    ]);
    const second = track(GFW_NOV).segments[5].a.findings.find((f) => f.code === 'tcp.rst') as Rst;
    expect(second.evidence[1]).toEqual({ code: 'pair-answers-nothing', line: 4, rstLine: 5, ack: 1087, seconds: 0.0001, sameSeq: true });
    expect(verdictOf(GFW_NOV)).toEqual(['reset-by-server', 'server', 'suspect', 'possible', ['seq-is-next', 'timestamps-missing', 'followed-by-bare-rst'], 'CLOSED/CLOSED']);
    // A segment of the client's after the RST+ACK, or one its ack does not cover, is what a bare RST answers: not caught.
    const later = GFW_NOV.split('\n');
    later.splice(5, 0, '2026-12-06 12:00:00.015050 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [.], ack 5001, win 502, options [nop,nop,TS val 115 ecr 900], length 0');
    expect(rsts(later.join('\n')).map((r) => (r as unknown[])[5])).toEqual([['seq-is-next', 'timestamps-missing'], ['seq-is-peer-ack', 'own-earlier-rst']]);
  });

  it('an injected RST+ACK and bare RST (gfw, -v): the forged first RST is no baseline, so the second is compared with the server\'s TTL 50 and DF (SYNTHETIC, review 8 recheck 5 E1)', () => {
    const { segments, verdicts } = track(GFW);
    const first = segments[4].a.findings.find((f) => f.code === 'tcp.rst') as Rst;
    expect([first.class, first.confidence, first.acceptance, first.evidence]).toEqual([
      'suspect',
      'likely',
      'reset',
      [{ code: 'seq-is-next', seq: 5001 }, { code: 'timestamps-missing', last: -1, stack: 'linux', fromSynAck: true }, { code: 'ttl-differs', ttl: 120, usual: 50 }, { code: 'df-differs', df: false }],
    ]);
    const second = segments[5].a.findings.find((f) => f.code === 'tcp.rst') as Rst;
    // Not "TTL 120, as on the server's other packets" (the forger's own RST as the baseline), nor own-earlier-rst.
    expect([second.class, second.confidence, second.acceptance, second.receiverState, second.afterLine, second.evidence]).toEqual([
      'suspect',
      'likely',
      'ignored',
      'CLOSED',
      5,
      [
        { code: 'seq-is-peer-ack', seq: 5001, line: 4 },
        { code: 'ttl-differs', ttl: 120, usual: 50 },
        { code: 'df-differs', df: false },
        { code: 'had-connection', line: 5, what: 'rst', nth: null },
        { code: 'after-forged-rst', line: 5, seconds: 0.0001, otherForm: true, certain: false },
      ],
    ]);
    expect(segments[5].a.states).toEqual({ client: 'CLOSED', server: 'ESTABLISHED' });
    expect(verdicts.map((v) => [v.verdict, v.resetBy, v.resetClass, v.resetConfidence])).toEqual([['reset-forged', 'server', 'suspect', 'likely']]);
  });

  it('RST NOT TAKEN (chal): the server\'s ACK 1087 after the client\'s RST+ACK at 1173 restores its ESTABLISHED; the bare RST at 1087 then resets it (SYNTHETIC, recheck 5 E2)', () => {
    const { segments, verdicts } = track(CHAL);
    expect(rsts(CHAL)).toEqual([
      [8, 'client', 'abort', 'likely', 'reset', [...ABORT, 'abort-timing'], 'ESTABLISHED/ESTABLISHED', 'CLOSED/CLOSED'],
      [10, 'client', 'no-connection', 'likely', 'reset', ['seq-is-peer-ack', 'own-rst-not-taken'], 'CLOSED/ESTABLISHED', 'CLOSED/CLOSED'],
    ]);
    // ABORT TIMING: line 8 came 0.6 ms after the client's request (line 7) and 0.7 ms after the server's last data
    // (line 6; CLIENT_SIDE_HEAD times), 21 ms into the connection: no timeout is that short.
    expect((segments[7].a.findings.find((f) => f.code === 'tcp.rst') as Rst).evidence.at(-1)).toEqual({ code: 'abort-timing', line: 7, seconds: 0.0006, peerLine: 6, peerSeconds: 0.0007, timeoutLike: false, synSeconds: 0.021 });
    // Line 8 is taken as accepted (seq = the client's next seq), but the server had acknowledged only up to 1087: the
    // 86 bytes of line 7 lie between (ACCEPTED BEYOND THE LAST ACK).
    expect((segments[7].a.findings.find((f) => f.code === 'tcp.rst') as Rst).beyondAck).toEqual({ bytes: 86, line: 7 });
    // Line 9: no state change printed (the server is ESTABLISHED before and after), no duplicate ACK: the RST was not taken.
    const nine = segments[8].a;
    expect([nine.statesBefore, nine.states, nine.transitions]).toEqual([{ client: 'CLOSED', server: 'ESTABLISHED' }, { client: 'CLOSED', server: 'ESTABLISHED' }, []]);
    expect(nine.findings).toEqual([{ code: 'tcp.rst_not_taken', rstLine: 8, by: 'client', what: 'ack', expects: 87, rstSeq: 173, relative: true, missingLine: 7, state: 'ESTABLISHED' }]);
    const ten = segments[9].a;
    expect(ten.transitions).toEqual([{ end: 'server', from: 'ESTABLISHED', to: 'CLOSED' }]);
    expect((ten.findings.find((f) => f.code === 'tcp.rst') as Rst).evidence).toEqual([
      { code: 'seq-is-peer-ack', seq: 1087, line: 9 },
      { code: 'own-rst-not-taken', line: 8, peerLine: 9, peerWhat: 'ack', expects: 87, rstSeq: 173, relative: true, missingLine: 7 },
    ]);
    expect(verdicts.map((v) => [v.verdict, v.resetBy, v.resetClass, `${v.states.client}/${v.states.server}`])).toEqual([['reset-by-client', 'client', 'abort', 'CLOSED/CLOSED']]);
    // Without line 10 the server stays open to the end.
    const noReply = CHAL.split('\n').slice(0, 9).join('\n');
    expect(track(noReply).verdicts.map((v) => `${v.states.client}/${v.states.server}`)).toEqual(['CLOSED/ESTABLISHED']);
  });

  it('the crossing is kept: an ACK of exactly the RST\'s seq (1173) after it restores nothing (CROSS_AT_CLIENT)', () => {
    const { segments } = track(CROSS_AT_CLIENT);
    expect(segments[8].a.findings).toEqual([]);
    expect(segments[8].a.states).toEqual({ client: 'CLOSED', server: 'CLOSED' });
  });

  it('a RST+ACK outside the window (ign): its seq 901173 moves no next seq, so the server\'s later acks read 173 and the bare RST at 1173 resets it; the sender\'s last segment is its RST (SYNTHETIC, recheck 4 Y6)', () => {
    const { segments } = track(IGN);
    expect(segments[7].a.findings.map((f) => (f.code === 'tcp.rst' ? [f.class, f.confidence, f.acceptance] : f.code))).toEqual([['suspect', 'possible', 'ignored']]);
    // Line 9: ack 1173 is relative 173, the end of line 7: no "ACK covers bytes never captured".
    expect([segments[8].a.relAck, segments[8].a.findings]).toEqual([173, []]);
    const last = segments[10].a.findings.find((f) => f.code === 'tcp.rst') as Rst;
    expect([last.class, last.acceptance, last.receiverState, last.evidence]).toEqual([
      'no-connection',
      'reset',
      'ESTABLISHED',
      [{ code: 'seq-is-peer-ack', seq: 1173, line: 10 }, { code: 'data-unacked', copies: 1 }, { code: 'had-connection', line: 8, what: 'rst', nth: null }],
    ]);
  });
});
