// Every printed timestamp format → seconds (src/track/timestamp.ts), checked on samples rendered with each -t option.

import { describe, expect, it } from 'vitest';
import { createCaptureClock, parseTimestamp } from '../../src/track';
import { sample, track } from './helpers';

describe('parseTimestamp', () => {
  it('reads time of day, epoch, date, nano and 3.x deltas', () => {
    expect(parseTimestamp('11:19:38.763609')?.seconds).toBeCloseTo(40778.763609, 9);
    expect(parseTimestamp('11:19:38.763609000')).toMatchObject({ whole: 40778, shape: 'clock' });
    expect(parseTimestamp('1418145369.924505')).toMatchObject({ whole: 1418145369, shape: 'epoch' });
    expect(parseTimestamp('1418145369.924505')?.frac).toBeCloseTo(0.924505, 12);
    expect(parseTimestamp('2005-07-06 03:57:35.938066')).toMatchObject({ whole: Date.UTC(2005, 6, 6, 3, 57, 35) / 1000, shape: 'date' });
    expect(parseTimestamp('00:00:00.000052')?.seconds).toBeCloseTo(0.000052, 12);
    expect(parseTimestamp('17:16:10.1000000')?.seconds).toBeCloseTo(62171, 9); // 4.99.3 out-of-range µs field
    expect(parseTimestamp('2. 000123')?.seconds).toBeCloseTo(2.000123, 12);
    expect(parseTimestamp('[timestamp overflow]')).toBeNull();
  });

  it('wraps a time of day at midnight', () => {
    const clock = createCaptureClock();
    expect(clock.observe({ time: '23:59:59.900000', raw: '23:59:59.900000 IP a.1 > b.2: Flags [S]' })).toBeCloseTo(86399.9, 6);
    expect(clock.observe({ time: '00:00:00.100000', raw: '00:00:00.100000 IP a.1 > b.2: Flags [S]' })).toBeCloseTo(86400.1, 6);
  });

  it('sums -ttt deltas (sign column) and reads -ttttt as since-first', () => {
    const ttt = createCaptureClock();
    const t = [' 00:00:00.000000', ' 00:00:00.000052', ' 00:00:00.000015'].map((s) => ttt.observe({ time: s.trim(), raw: s + ' IP x' }));
    expect(t[2]).toBeCloseTo(0.000067, 12);
    expect(ttt.format).toBe('delta');
  });

  it('a -ttt command line makes even increasing values deltas; -tttt (listed with its prefixes) does not', () => {
    const line = (v: string) => ({ time: v, raw: ` ${v} IP 10.0.0.1.1 > 10.0.0.2.2: Flags [.], ack 1, win 1, length 0` });
    const ttt = createCaptureClock();
    ttt.command({ t: true, tt: true, ttt: true, n: true });
    expect([ttt.observe(line('00:00:01.000000')), ttt.observe(line('00:00:02.000000'))]).toEqual([1, 3]);
    const tttt = createCaptureClock();
    tttt.command({ t: true, tt: true, ttt: true, tttt: true });
    expect([tttt.observe(line('00:00:00.500000')), tttt.observe(line('00:00:02.000000'))]).toEqual([0.5, 2]);
  });

  it('takes the -t option of a pasted command line as the format', () => {
    const { verdicts } = track('$ tcpdump -ttt -n -r x.pcap\n' + sample('handshake-close/ttt.txt'));
    expect(verdicts[0]).toMatchObject({ duration: 0.351678, handshakeRtt: { at: 'client', seconds: 0.000052 } });
    const dated = track('$ tcpdump -tttt -n -r x.pcap\n' + sample('handshake-close/tttt.txt'));
    expect(dated.verdicts[0].duration).toBe(0.351678);
  });
});

describe('the same capture under every -t option gives the same durations', () => {
  const files = ['n.txt', 'tt.txt', 'ttt.txt', 'tttt.txt', 'ttttt.txt', 'nano.txt', 'any.txt', 'number.txt'];
  for (const f of files) {
    it(`handshake-close/${f}`, () => {
      const { verdicts, segments } = track(sample(`handshake-close/${f}`));
      expect(verdicts).toHaveLength(1);
      const v = verdicts[0];
      if (f === 'any.txt') {
        // -i any sees each segment a few µs earlier on the way out.
        expect(v.duration).toBe(0.351693);
        expect(v.handshakeRtt).toEqual({ at: 'client', seconds: 0.000068 });
      } else {
        expect(v.duration).toBe(0.351678);
        expect(v.handshakeRtt).toEqual({ at: 'client', seconds: 0.000052 });
      }
      expect(segments[0].a.sinceStart).toBe(0);
    });
  }

  it('-tttt keeps the wall clock in start/end', () => {
    const v = track(sample('handshake-close/tttt.txt')).verdicts[0];
    expect(v.start).toBeCloseTo(Date.UTC(2026, 10, 21, 11, 19, 38) / 1000 + 0.763609, 5);
  });

  it('-t (no timestamps): no times at all', () => {
    const v = track(sample('handshake-close/t.txt')).verdicts[0];
    expect(v).toMatchObject({ start: null, end: null, duration: null, handshakeRtt: null, verdict: 'normal-close' });
  });
});
