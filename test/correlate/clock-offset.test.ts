// Clock offset between captures: known shifts of one side's timestamps are recovered within the path delay.

import { describe, expect, it } from 'vitest';
import { CLOCK_BASE, estimateClock, pairCaptures } from '../../src/correlate';
import { corpusText } from '../helpers/fixtures';
import { readText, repoPath, sampleText, seed004, viewOf } from './helpers';

/** Rewrites every `-tttt` timestamp at a line start by `shift` seconds (UTC arithmetic, µs kept exact). */
function shiftDates(text: string, shift: number): string {
  return text.replace(/^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{6})/gm, (_m, y, mo, d, h, mi, s, us) => {
    const micros = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) * 1000 + Number(us) + Math.round(shift * 1e6);
    const t = new Date(Math.floor(micros / 1000));
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${t.getUTCFullYear()}-${p(t.getUTCMonth() + 1)}-${p(t.getUTCDate())} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())}.${p(micros % 1_000_000, 6)}`;
  });
}

/** Rewrites every default-format time of day at a line start by `shift` seconds (no midnight crossing). */
function shiftTimes(text: string, shift: number): string {
  return text.replace(/^(\d\d):(\d\d):(\d\d)\.(\d{6})/gm, (_m, h, mi, s, us) => {
    const micros = ((+h * 60 + +mi) * 60 + +s) * 1e6 + Number(us) + Math.round(shift * 1e6);
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    const sec = Math.floor(micros / 1e6);
    return `${p(Math.floor(sec / 3600))}:${p(Math.floor(sec / 60) % 60)}:${p(sec % 60)}.${p(micros % 1e6, 6)}`;
  });
}

describe('estimateClock', () => {
  it('estimates offset and delay from the minimum delays (NTP: ((t2−t1)+(t3−t4))/2)', () => {
    // Server clock 5 s ahead, 10 ms each way, queueing on some samples.
    const c = estimateClock([5.01, 5.03, 5.012], [-4.99, -4.97], 'pair');
    expect(c?.offset).toBeCloseTo(5, 9);
    expect(c?.rtt).toBeCloseTo(0.02, 9);
    expect(c?.delay.c2s).toBeCloseTo(0.01, 9);
    expect(estimateClock([1], [], 'pair')).toBeNull();
  });
});

describe('recovering a known clock shift', () => {
  it('-tttt on both sides: a server clock 1 day 2 h 3.25 s ahead is found across dates', () => {
    const shift = 86_400 + 2 * 3600 + 3.25;
    const base = pairCaptures(viewOf(sampleText('nat-basic', 'client')), viewOf(sampleText('nat-basic', 'server')));
    const moved = pairCaptures(viewOf(sampleText('nat-basic', 'client')), viewOf(shiftDates(sampleText('nat-basic', 'server'), shift)));
    const c = moved.pairs[0].clock!;
    expect(Math.abs(c.offset - shift)).toBeLessThanOrEqual(c.rtt / 2);
    expect(c.offset - shift).toBeCloseTo(base.pairs[0].clock!.offset, 5);
    expect(c.rtt).toBeCloseTo(base.pairs[0].clock!.rtt, 5);
    // The corrected timeline is unchanged: same order, same one-way delays.
    expect(moved.pairs[0].timeline.map((e) => [e.client?.rec.line, Math.round(e.delay! * 1e6)])).toEqual(
      base.pairs[0].timeline.map((e) => [e.client?.rec.line, Math.round(e.delay! * 1e6)]),
    );
  });

  it('default time of day: seed 004 with the client clock 3 h 25 min 10.5 s behind', () => {
    const s = seed004();
    const shift = -(3 * 3600 + 25 * 60 + 10.5);
    const r = pairCaptures(viewOf(shiftTimes(s.handshake.client, shift)), viewOf(s.handshake.server));
    const c = r.pairs[0].clock!;
    // Server − client = 2.2235 ms + 3 h 25 min 10.5 s, exact to ± rtt/2.
    expect(Math.abs(c.offset - (-shift + 0.0022235))).toBeLessThan(1e-6);
    expect(Math.abs(c.offset + shift)).toBeLessThanOrEqual(c.rtt / 2);
  });
});

describe('samples/nat-clock-skew: the server pcap shifted 3.217 s behind, then printed in another time zone', () => {
  it('recovers −3.217 s, exact to half the round trip', () => {
    const r = pairCaptures(viewOf(sampleText('nat-clock-skew', 'client')), viewOf(sampleText('nat-clock-skew', 'server')));
    const c = r.pairs[0].clock!;
    expect(Math.abs(c.offset - -3.217)).toBeLessThanOrEqual(c.rtt / 2);
    expect(r.pairs[0].verdict.code).toBe('corr.nat');
    // Every segment was seen by both, in order, with a positive one-way delay on the corrected timeline.
    expect(r.pairs[0].timeline.every((e) => e.kind === 'both' && e.delay! >= 0)).toBe(true);
  });

  it('with TZ=Asia/Shanghai on the server side the offset is 8 h − 3.217 s', () => {
    const r = pairCaptures(viewOf(sampleText('nat-clock-skew', 'client')), viewOf(readText(repoPath('samples/nat-clock-skew/server-shanghai.txt'))));
    const c = r.pairs[0].clock!;
    expect(Math.abs(c.offset - (8 * 3600 - 3.217))).toBeLessThanOrEqual(c.rtt / 2);
  });
});

describe('one pcap printed with different -t options (corpus tcp-handshake-*)', () => {
  const corpus = (f: string) => viewOf(corpusText(f));

  it('default time of day vs -tttt dates: the offset is that day’s midnight (TZ=GMT0), the path 0', () => {
    const r = pairCaptures(corpus('tcp-handshake-micro.out'), corpus('tcp-handshake-micro-tttt.out'));
    expect(r.pairs.map((p) => p.verdict.code)).toEqual(['corr.clean']);
    // Dates are kept as seconds since CLOCK_BASE (sub-µs precision in a double); times of day since midnight.
    expect(r.clock?.offset).toBeCloseTo(Date.UTC(2014, 11, 9) / 1000 - CLOCK_BASE, 6);
    expect(r.clock?.rtt).toBeCloseTo(0, 6);
  });

  it('-tt epoch vs -ttttt nanoseconds since the first packet: the offset is minus the first packet’s epoch time', () => {
    const r = pairCaptures(corpus('tcp-handshake-micro-tt.out'), corpus('tcp-handshake-nano-ttttt.out'));
    expect(r.pairs).toHaveLength(1);
    expect(r.clock?.offset).toBeCloseTo(-(1418145369.924505 - CLOCK_BASE), 6);
    // Internally the timeline is right; no offset is reported, and the limit says why.
    expect(r.offset).toBeNull();
    expect(r.pairs[0].limits).toEqual([
      { code: 'relative-clock', side: 'server', kind: 'since-first' },
      { code: 'quiet', side: 'client', timed: true, otherNumbered: false },
      { code: 'quiet', side: 'server', timed: true, otherNumbered: false },
    ]);
  });

  it('-t (no timestamps) still pairs, without a clock', () => {
    const r = pairCaptures(corpus('tcp-handshake-micro.out'), corpus('tcp-handshake-micro-t.out'));
    expect(r.pairs.map((p) => [p.verdict.code, p.clock, p.timeline.length])).toEqual([['corr.clean', null, 3]]);
    expect(r.clock).toBeNull();
  });
});

describe('-ttt read as deltas from the first packet on', () => {
  it('samples/nat-drops server-ttt: every time is the -tttt time since the first packet, the first three included', () => {
    const ttt = viewOf(readText(repoPath('samples/nat-drops/server-ttt.txt')));
    const tttt = viewOf(readText(repoPath('samples/nat-drops/server-tttt.txt')));
    expect(ttt.clock).toBe('delta');
    expect(ttt.segments).toHaveLength(tttt.segments.length);
    const t0 = tttt.segments[0].t as number;
    const off = ttt.segments.map((s, i) => Math.round(((s.t as number) - ((tttt.segments[i].t as number) - t0)) * 1e6));
    expect(off.filter((x) => x !== 0)).toEqual([]);
  });
});
