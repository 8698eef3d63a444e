// RFC 9293 endpoint states after each segment, from real captures (samples, seed 004 client and server views).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedText } from '../helpers/fixtures';
import { sample, section, track } from './helpers';

const states = (text: string) => track(text).segments.map((s) => `${s.a.states.client}/${s.a.states.server}`);

describe('endpoint states', () => {
  it('handshake, data, 4-way close (client closes first)', () => {
    expect(states(sample('handshake-close/n.txt'))).toEqual([
      'SYN_SENT/null',
      'ESTABLISHED/SYN_RECEIVED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      // The server's CLOSE_WAIT shows when it acknowledges the FIN: until then the FIN could still cross its own.
      'FIN_WAIT_1/ESTABLISHED',
      'FIN_WAIT_2/CLOSE_WAIT',
      'TIME_WAIT/LAST_ACK',
      'TIME_WAIT/CLOSED',
    ]);
  });

  it('3-packet close: the FIN that acks the first FIN takes its sender FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT', () => {
    const { segments } = track(sample('three-way-close/n.txt'));
    // Captured at the client (handshake timing): the server's FIN on line 8 is seen arriving there, so the client is
    // CLOSE_WAIT from that line, 104 µs before its FIN+ACK on line 9.
    expect(segments.map((s) => `${s.a.states.client}/${s.a.states.server}`).slice(7)).toEqual([
      'CLOSE_WAIT/FIN_WAIT_1',
      'LAST_ACK/TIME_WAIT',
      'CLOSED/TIME_WAIT',
    ]);
    expect(segments[7].rec.line).toBe(8);
    expect(segments[7].a.transitions).toEqual([
      { end: 'server', from: 'ESTABLISHED', to: 'FIN_WAIT_1' },
      { end: 'client', from: 'ESTABLISHED', to: 'CLOSE_WAIT' },
    ]);
    // The client's FIN+ACK acknowledges the server's FIN and closes its own direction in one segment.
    expect(segments[8].a.transitions).toEqual([
      { end: 'server', from: 'FIN_WAIT_1', to: 'FIN_WAIT_2' },
      { end: 'client', from: 'CLOSE_WAIT', to: 'LAST_ACK' },
      { end: 'server', from: 'FIN_WAIT_2', to: 'TIME_WAIT' },
    ]);
    expect(segments[8].a.statesBefore).toEqual({ client: 'CLOSE_WAIT', server: 'FIN_WAIT_1' });
  });

  it('3-packet close with no clue to the capture point: the FIN takes effect at the receiver\'s ACK of it', () => {
    // Lines 4-10 only (no handshake, no -v, no -i any): nothing tells where the capture was, so the FIN may still be
    // on its way to the client at line 8 (FINs could cross) and the client's CLOSE_WAIT shows on its FIN+ACK.
    const text = sample('three-way-close/n.txt').split('\n').slice(3).join('\n');
    const { segments } = track(text);
    expect(segments.map((s) => `${s.rec.line}:${s.a.states.client}/${s.a.states.server}`).slice(-3)).toEqual([
      '5:ESTABLISHED/FIN_WAIT_1',
      '6:LAST_ACK/TIME_WAIT',
      '7:CLOSED/TIME_WAIT',
    ]);
    expect(segments[segments.length - 2].a.transitions[0]).toEqual({ end: 'client', from: 'ESTABLISHED', to: 'CLOSE_WAIT' });
  });

  it('refused: SYN answered by RST,ACK closes both ends', () => {
    // Before its answer the server's state is unknown: LISTEN had it answered with a SYN-ACK, CLOSED with a RST.
    expect(states(sample('refused/n.txt'))).toEqual(['SYN_SENT/null', 'CLOSED/CLOSED']);
  });

  it('no answer: the client stays in SYN_SENT through its retransmissions', () => {
    expect(states(sample('no-answer/n.txt'))).toEqual(['SYN_SENT/null', 'SYN_SENT/null', 'SYN_SENT/null', 'SYN_SENT/null']);
  });

  it('half-closed: client FIN_WAIT_2, server CLOSE_WAIT at the end', () => {
    const s = states(sample('half-closed/n.txt'));
    expect(s[s.length - 1]).toBe('FIN_WAIT_2/CLOSE_WAIT');
  });

  for (const [view, from, to] of [
    ['client', '18:08:10.116986', '服务端抓包：'],
    ['server', '18:08:10.138686', '挥手小结：'],
  ] as const) {
    it(`seed 004 ${view} view: connection 48206 seen from its FIN is half-closed`, () => {
      const { segments, verdicts } = track(section(seedText('004'), from, to));
      expect(segments).toHaveLength(2);
      expect(segments[0].a.statesBefore).toEqual({ client: null, server: null });
      // First seen at its FIN: both ends were synchronised; the server's CLOSE_WAIT shows at its ACK of the FIN.
      expect(segments[0].a.transitions).toEqual([
        { end: 'client', from: null, to: 'FIN_WAIT_1' },
        { end: 'server', from: null, to: 'ESTABLISHED' },
      ]);
      expect(segments[1].a.transitions).toEqual([
        { end: 'server', from: 'ESTABLISHED', to: 'CLOSE_WAIT' },
        { end: 'client', from: 'FIN_WAIT_1', to: 'FIN_WAIT_2' },
      ]);
      expect(segments[1].a.states).toEqual({ client: 'FIN_WAIT_2', server: 'CLOSE_WAIT' });
      expect(verdicts).toHaveLength(1);
      expect(verdicts[0]).toMatchObject({ verdict: 'half-closed', roleGuessed: true, client: { port: 48206 }, server: { port: 8888 }, states: { client: 'FIN_WAIT_2', server: 'CLOSE_WAIT' } });
    });
  }

  it('seed 004: client and server views of 48096 keep apart and stay established', () => {
    const { verdicts } = track(seedText('004'));
    const v48096 = verdicts.filter((v) => v.client.port === 48096);
    expect(v48096.map((v) => [v.client.host, v.verdict, v.connState, v.states.client, v.states.server])).toEqual([
      ['120.132.11.203', 'open', 'S1', 'ESTABLISHED', 'ESTABLISHED'],
      ['10.23.185.135', 'open', 'S1', 'ESTABLISHED', 'ESTABLISHED'],
    ]);
    // The server sees SYN→SYN-ACK at once and waits a round trip for the ACK; the client the other way round.
    expect(v48096.map((v) => v.handshakeRtt)).toEqual([
      { at: 'server', seconds: 0.031877 },
      { at: 'client', seconds: 0.032708 },
    ]);
  });
});

describe('simultaneous open and close (RFC 9293 Figures 8 and 13)', () => {
  // tcpdump -n text of a pcap built frame by frame (test/track/fixtures/make-simultaneous.py).
  const text = readFileSync(new URL('./fixtures/simultaneous.txt', import.meta.url), 'utf8');

  it('both ends pass through SYN_RECEIVED and CLOSING, and end in TIME_WAIT', () => {
    expect(states(text)).toEqual([
      'SYN_SENT/null',
      'SYN_RECEIVED/SYN_SENT',
      'SYN_RECEIVED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'FIN_WAIT_1/ESTABLISHED',
      'CLOSING/CLOSING',
      'CLOSING/TIME_WAIT',
      'TIME_WAIT/TIME_WAIT',
    ]);
  });

  it('is one connection, closed simultaneously', () => {
    const { verdicts, closedAt } = track(text);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ verdict: 'normal-close', closeKind: 'simultaneous', connState: 'SF', synRetransmissions: 0, bytes: { c2s: 5, s2c: 0 } });
    expect(closedAt.map((c) => c.line)).toEqual([10]);
  });
});
