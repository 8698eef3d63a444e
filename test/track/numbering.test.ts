// Relative/absolute detection and ISN recovery on real tcpdump text (samples rendered both ways, seeds 003/004).

import { describe, expect, it } from 'vitest';
import { seedText } from '../helpers/fixtures';
import { codes, sample, section, track } from './helpers';

/** Scenarios whose client pcap was rendered both with `-n` (relative) and `-nn -S` (absolute). */
const BOTH_WAYS = ['handshake-close', 'three-way-close', 'retransmission', 'fast-retransmit', 'zero-window', 'keepalive', 'client-reset', 'idle-reset', 'half-closed', 'ipv6', 'server-abort', 'refused', 'no-answer'];

describe('relative vs absolute numbering', () => {
  for (const sc of BOTH_WAYS) {
    it(`${sc}: -n and -nn -S renders give the same absolute and relative numbers`, () => {
      const rel = track(sample(`${sc}/n.txt`)).segments;
      const abs = track(sample(`${sc}/nn-S.txt`)).segments;
      expect(rel.length).toBe(abs.length);
      expect(rel.length).toBeGreaterThan(1);
      const pick = (s: (typeof rel)[number]) => [s.a.absSeq, s.a.absEnd, s.a.absAck, s.a.relSeq, s.a.relEnd, s.a.relAck, s.a.isnSender, s.a.isnReceiver];
      expect(rel.map(pick)).toEqual(abs.map(pick));
      // -S text is absolute everywhere; -n text is relative on every ACK-bearing segment after the SYN-ACK.
      expect(abs.every((s) => s.a.printedRelative !== true)).toBe(true);
      // tcpdump prints raw: segments without ACK, any SYN, and the first ACK-bearing segment of the 4-tuple.
      let tableEntry = false;
      for (const s of rel) {
        const flags = s.rec.flags;
        const hasAck = flags.includes('.');
        const raw = flags.includes('S') || !hasAck || !tableEntry;
        if (hasAck) tableEntry = true;
        expect(s.a.printedRelative).toBe(raw ? false : true);
      }
    });
  }

  it('handshake-close: ISNs and the first data segment in both numberings', () => {
    const segs = track(sample('handshake-close/n.txt')).segments;
    expect(segs[0].a).toMatchObject({ absSeq: 3201954478, relSeq: 0, isnSender: 3201954478, isnReceiver: null });
    expect(segs[1].a).toMatchObject({ absSeq: 245189806, absAck: 3201954479, relAck: 1, isnSender: 245189806, isnReceiver: 3201954478 });
    expect(segs[2].a).toMatchObject({ printedRelative: true, absSeq: 3201954479, absAck: 245189807, relSeq: 1, relAck: 1 });
  });

  it('seed 003: the -S capture is recognised from its numbers (huge acks after the handshake)', () => {
    const text = section(seedText('003'), '09:07:00.881609', '# 第二次抓包');
    const { segments, verdicts } = track(text);
    expect(segments).toHaveLength(27);
    expect(segments[2].a).toMatchObject({ printedRelative: false, absAck: 1166385093, relAck: 1 });
    expect(segments[3].a).toMatchObject({ printedRelative: false, absSeq: 467889659, absEnd: 467889974, relSeq: 1, relEnd: 316 });
    expect(segments.slice(2).every((s) => s.a.printedRelative === false)).toBe(true);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ verdict: 'normal-close', closeKind: '4-way', connState: 'SF', bytes: { c2s: 546, s2c: 8119 } });
    expect(verdicts[0].handshakeRtt).toEqual({ at: 'client', seconds: 0.040726 });
  });

  it('seed 003: the same with the -S command line as a hint', () => {
    const text = section(seedText('003'), '~ # tcpdump -n -S -i eth0 host www.baidu.com', '# 第二次抓包');
    const { segments } = track(text);
    expect(segments[2].a).toMatchObject({ printedRelative: false, absAck: 1166385093 });
  });

  it('seed 003: the relative `tcpdump -r baidu.pcap` capture recovers absolute numbers', () => {
    const text = section(seedText('003'), '~ # tcpdump -r baidu.pcap', 'Wireshark 小结');
    const { segments, verdicts } = track(text);
    expect(segments).toHaveLength(27);
    expect(segments[3].a).toMatchObject({ printedRelative: true, absSeq: 309865410, absEnd: 309865725, absAck: 1579115951, relSeq: 1, relEnd: 316 });
    expect(segments[26].a).toMatchObject({ printedRelative: true, absSeq: 309865957, absAck: 1579124071, relAck: 8121 });
    expect(verdicts[0]).toMatchObject({ verdict: 'normal-close', closeKind: '4-way', bytes: { c2s: 546, s2c: 8119 } });
    expect(verdicts[0].handshakeRtt).toEqual({ at: 'client', seconds: 0.027728 });
  });

  it('seed 003: a capture starting mid-connection with raw numbers is absolute, based on the first segment', () => {
    const text = section(seedText('003'), '08:00:59.849398', '# 其余过程同上');
    const { segments, verdicts } = track(text);
    expect(segments).toHaveLength(4);
    expect(segments[0].a).toMatchObject({ printedRelative: false, absSeq: 1031088720, absEnd: 1031089035, absAck: 1276690385, isnSender: null });
    expect(segments[2].a).toMatchObject({ printedRelative: false, absSeq: 1276690385, absEnd: 1276691845, relSeq: 1, relEnd: 1461 });
    expect(verdicts[0]).toMatchObject({ verdict: 'incomplete', roleGuessed: true, connState: 'OTH', server: { port: 443 } });
  });

  it('seed 004: a relative capture whose handshake is not in the paste keeps relative numbers, absolute unknown', () => {
    const text = section(seedText('004'), '18:08:10.116986', '18:08:10.138686');
    const { segments } = track(text);
    expect(segments).toHaveLength(2);
    expect(segments[0].a).toMatchObject({ printedRelative: true, absSeq: null, absAck: null, relSeq: 1, relAck: 1, isnSender: null });
    expect(segments[1].a).toMatchObject({ printedRelative: true, relSeq: 1, relAck: 2 });
  });

  it('seed 001: a bare RST is raw even after relative segments', () => {
    const { segments } = track(section(seedText('001'), '[root@Cwg ~]# tcpdump -vvXe', '客户端抓包小结'));
    const rst = segments[segments.length - 1];
    expect(rst.rec.flags).toBe('R');
    expect(rst.a).toMatchObject({ printedRelative: false, absSeq: 1671696167, relSeq: 1, absAck: null });
    expect(codes(rst.a)).toContain('tcp.rst');
  });
});
