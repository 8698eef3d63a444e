// Per-segment findings on real captures: the same frames tshark flags (scripts/tshark-check.ts), with their values.

import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/findings';
import { seedText } from '../helpers/fixtures';
import { codes, sample, section, track } from './helpers';

function count(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of track(text).segments) for (const c of codes(s.a)) out[c] = (out[c] ?? 0) + 1;
  return out;
}

function findingAt(text: string, line: number, code: Finding['code']): Finding | undefined {
  const seg = track(text).segments.find((s) => s.rec.line === line);
  return seg?.a.findings.find((f) => f.code === code);
}

describe('findings', () => {
  it('retransmission: the resent request names its original line', () => {
    const t = sample('retransmission/n.txt');
    expect(findingAt(t, 5, 'tcp.retransmission')).toEqual({ code: 'tcp.retransmission', originalLine: 4, kind: 'rto-or-tlp', sincePrevious: 0.20633, attempt: 2, part: null });
    expect(count(t)['tcp.retransmission']).toBe(1);
  });

  it('no-answer: SYN retransmissions with attempt number and time since the first SYN', () => {
    const syns = track(sample('no-answer/n.txt')).segments.flatMap((s) => s.a.findings.filter((f) => f.code === 'tcp.syn_retransmission'));
    expect(syns).toEqual([
      { code: 'tcp.syn_retransmission', attempt: 2, sinceFirst: 1.016827 },
      { code: 'tcp.syn_retransmission', attempt: 3, sinceFirst: 3.032845 },
      { code: 'tcp.syn_retransmission', attempt: 4, sinceFirst: 7.26105 },
    ]);
  });

  it('fast-retransmit: dup ACKs (tshark 18, RFC 6675 §2 more), fast retransmissions and window updates', () => {
    const c = count(sample('fast-retransmit/n.txt'));
    // tshark counts 18 (same window only); an ACK with new SACK blocks is a duplicate whatever its window (RFC 6675 §2).
    expect(c['tcp.dup_ack']).toBe(99);
    // tshark: 2 fast retransmissions + 10 retransmissions; the 10 fill holes the SACK blocks show (RFC 6675 recovery),
    // so tcplain calls them fast retransmissions too (trigger 'sack'), never timer resends.
    expect(c['tcp.fast_retransmission']).toBe(12);
    expect(c['tcp.retransmission']).toBeUndefined();
    // tshark 101: the 81 that also carry new SACK blocks are duplicate ACKs here.
    expect(c['tcp.window_update']).toBe(20);
  });

  it('fast-retransmit server side: the dropped segments are not captured', () => {
    const c = count(sample('fast-retransmit/server.txt'));
    expect(c['tcp.previous_segment_not_captured']).toBe(12);
  });

  it('zero-window: zero windows, window probes (keep-alive shaped, seq not printed, never keep-alives), window full', () => {
    const c = count(sample('zero-window/n.txt'));
    expect(c).toMatchObject({ 'tcp.zero_window': 3, 'tcp.zero_window_probe': 3, 'tcp.zero_window_probe_ack': 2, 'tcp.window_full': 23, 'tcp.window_update': 1, 'tcp.retransmission': 1 });
    expect(c['tcp.keep_alive']).toBeUndefined();
    expect(c['tcp.dup_ack']).toBeUndefined();
  });

  it('keepalive: probes after 1 s of idle and their ACKs', () => {
    const segs = track(sample('keepalive/n.txt')).segments;
    const probe = segs.filter((s) => codes(s.a).includes('tcp.keep_alive')).map((s) => s.rec.line);
    const acks = segs.filter((s) => codes(s.a).includes('tcp.keep_alive_ack')).map((s) => s.rec.line);
    expect(probe).toEqual([8, 10, 12]);
    expect(acks).toEqual([9, 11, 13]);
    expect(segs[7].a.findings[0]).toEqual({ code: 'tcp.keep_alive', idleSeconds: 1.00143, withByte: false });
    // seq is not printed on a zero-length probe: it is one byte before the next expected.
    expect(segs[7].a.relSeq).toBe(86);
  });

  it('window scaling: wscale 10 both ways scales `win 63` to 64512; a SYN window is never scaled', () => {
    const segs = track(sample('keepalive/n.txt')).segments;
    expect(segs[0].a).toMatchObject({ winBytes: 64240, winScale: 0 });
    expect(segs[2].a).toMatchObject({ winBytes: 64512, winScale: 10 });
  });

  it('seed 003: negotiated options and the options the server did not offer', () => {
    const segs = track(section(seedText('003'), '09:07:00.881609', '# 第二次抓包')).segments;
    expect(segs[1].a.findings).toEqual([
      { code: 'tcp.options_negotiated', mss: { client: 1460, server: 1460 }, wscale: { client: 7, server: 2 }, sack: false, timestamps: false, inferred: null },
      { code: 'tcp.option_not_offered', option: 'sackOK', side: 'server' },
      { code: 'tcp.option_not_offered', option: 'ts', side: 'server' },
    ]);
    expect(segs[2].a.findings).toEqual([{ code: 'tcp.handshake_rtt', at: 'client', seconds: 0.040726, capture: 'client' }]);
    expect(segs[4].a).toMatchObject({ winBytes: 262140, winScale: 2 });
  });

  it('seed 001: the request is retransmitted, then the server resets', () => {
    const segs = track(section(seedText('001'), '[root@Cwg ~]# tcpdump -vvXe', '客户端抓包小结')).segments;
    expect(segs.map((s) => codes(s.a))).toEqual([
      [],
      ['tcp.options_negotiated', 'tcp.option_not_offered'],
      ['tcp.handshake_rtt'],
      [],
      ['tcp.retransmission'],
      ['tcp.rst'],
    ]);
    // The bare RST (no ACK bit, seq = the ack field of the retransmitted request) is the no-connection form.
    expect(segs[5].a.findings[0]).toMatchObject({
      code: 'tcp.rst',
      by: 'server',
      state: 'CLOSED',
      phase: 'after-request',
      idleSeconds: 0.043216,
      bytesFromClient: 171,
      bytesFromServer: 0,
      class: 'no-connection',
      confidence: 'likely',
      acceptance: 'reset',
    });
  });

  it('offload-on -v: checksums of outgoing segments computed by the NIC are marked', () => {
    expect(findingAt(sample('offload-on/v.txt'), 1, 'tcp.checksum_incorrect')).toEqual({ code: 'tcp.checksum_incorrect', expected: 0xbc62 });
  });

  it('port-reuse: the second connection on the same 4-tuple names the first', () => {
    const segs = track(sample('port-reuse/n.txt')).segments;
    expect(segs[10].a.conn).toBe('c2');
    expect(segs[10].a.findings[0]).toEqual({ code: 'tcp.port_reuse', previousConn: 'c1', newIsn: true, timeWait: { side: 'server', seconds: 0.300339, tsNewer: { val: 1873228931, last: 1873228630 } } });
  });

  it('RST: the receiver\'s data sent and not acknowledged when it arrives (lost with the reset, RFC 9293 §3.10.7.4)', () => {
    const unacked = (text: string, line: number) => {
      const f = findingAt(text, line, 'tcp.rst');
      return f?.code === 'tcp.rst' ? f.receiverUnacked : 'no rst';
    };
    // The forged RST reaches the server while its 78-byte answer (line 16) is unacknowledged.
    expect(unacked(sample('nat-forged-rst/server.txt'), 23)).toEqual({ bytes: 78, line: 16 });
    // The request, sent on line 4 and again on line 5, is never acknowledged: the latest copy is named.
    expect(unacked(sample('middlebox-reset/n.txt'), 6)).toEqual({ bytes: 86, line: 5 });
    // The client had acknowledged all 78 bytes (line 7) before the server's RST: nothing in flight.
    expect(unacked(sample('idle-reset/n.txt'), 8)).toBeNull();
  });

  it('idle-reset: the RST after 3 s of silence', () => {
    const rst = track(sample('idle-reset/n.txt')).segments.at(-1)!;
    expect(rst.a.findings).toEqual([
      {
        code: 'tcp.rst',
        by: 'server',
        state: 'ESTABLISHED',
        phase: 'idle',
        idleSeconds: 3.000341,
        bytesFromClient: 86,
        bytesFromServer: 78,
        class: 'abort',
        confidence: 'likely',
        evidence: [
          { code: 'seq-is-next', seq: 1634461531 },
          { code: 'window-usual', win: 64 },
          { code: 'timestamps-continue', val: 2557816931, last: 2557813930, inSyn: false },
        ],
        acceptance: 'reset',
        receiverState: 'ESTABLISHED',
        afterLine: null,
        receiverUnacked: null,
        capture: 'client',
        // Placed by the handshake's timing alone: not enough to say "this host's own TCP" outright.
        captureSure: false,
      },
    ]);
  });
});
