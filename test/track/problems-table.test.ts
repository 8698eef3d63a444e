// The contributions table on its own: findings fed segment by segment into one connection, the problems built from them.

import { describe, expect, it } from 'vitest';
import type { Finding, Side } from '../../src/model/findings';
import { newConnection, type Connection } from '../../src/track/connection';
import { buildProblems, connectionSeverity, noteSegment } from '../../src/track/problems';

function conn(): Connection {
  const c = newConnection('c1', { host: '192.0.2.2', port: 40001, service: null }, { host: '198.51.100.2', port: 80, service: null }, false, 1, 0);
  c.hs.complete = true;
  c.hs.rtt = 0.001;
  return c;
}

/** One segment: `findings` on line `line` at `time`, from `sender`, data ending at `end`, acking `ack`, window `win`. */
function seg(c: Connection, line: number, time: number, sender: Side, findings: Finding[], end = -1, ack = -1, win = 100): void {
  (sender === 'client' ? c.c : c.s).packets++;
  c.lastTime = time;
  noteSegment(c, sender, findings, line, time, end, ack, win);
}

describe('contributions', () => {
  it('a retransmission of bytes already acknowledged is no loss: notice, not warn', () => {
    const c = conn();
    seg(c, 1, 0, 'client', []);
    seg(c, 2, 0.01, 'client', [{ code: 'tcp.spurious_retransmission', originalLine: 1, sincePrevious: 0.01, probe: false }], 1000);
    const problems = buildProblems(c);
    expect(problems).toEqual([
      { code: 'loss', sender: 'client', retransmitted: 1, fast: 0, timeout: 0, tlp: 0, timeoutOrTlp: 0, other: 1, spurious: 1, lost: 0, notCaptured: 0, dupAcks: 0, sack: false, sackTimer: 0, spuriousLine: 2, dsackLine: 0, upstream: null, repairSeconds: null, repaired: true, lines: [2] },
    ]);
    expect(connectionSeverity('normal-close', problems)).toBe('notice');
  });

  it('duplicate ACKs alone (reordering, nothing resent) are no problem', () => {
    const c = conn();
    seg(c, 1, 0, 'client', [], 1000);
    seg(c, 2, 0.001, 'server', [{ code: 'tcp.dup_ack', n: 1, originalLine: 1, sackFrom: null, sackTo: null, need: null, holes: [], held: [], windowGrew: false }], -1, 500);
    seg(c, 3, 0.002, 'server', [], -1, 1000);
    expect(buildProblems(c)).toEqual([]);
  });

  it('a fast retransmission is repaired when the ACK covers it; the time runs from the first duplicate ACK', () => {
    const c = conn();
    seg(c, 1, 0, 'client', [], 2000);
    seg(c, 2, 0.001, 'server', [{ code: 'tcp.dup_ack', n: 1, originalLine: 1, sackFrom: null, sackTo: null, need: null, holes: [], held: [], windowGrew: false }], -1, 1000);
    seg(c, 3, 0.002, 'server', [{ code: 'tcp.dup_ack', n: 2, originalLine: 1, sackFrom: null, sackTo: null, need: null, holes: [], held: [], windowGrew: false }], -1, 1000);
    seg(c, 4, 0.003, 'client', [{ code: 'tcp.fast_retransmission', originalLine: 1, dupAcks: 2, sack: false, trigger: 'dup-acks', afterAck: null }], 1500);
    seg(c, 5, 0.0045, 'server', [], -1, 1400); // partial ACK: not yet
    seg(c, 6, 0.005, 'server', [], -1, 2000);
    expect(buildProblems(c)).toEqual([
      expect.objectContaining({ code: 'loss', retransmitted: 1, fast: 1, lost: 1, dupAcks: 2, repairSeconds: 0.004, repaired: true, lines: [2, 4] }),
    ]);
  });

  it('a zero window still closed at the end is timed to the last segment and says so', () => {
    const c = conn();
    seg(c, 1, 0, 'client', [], 1000);
    seg(c, 2, 0.5, 'server', [{ code: 'tcp.zero_window' }], -1, 1000, 0);
    seg(c, 3, 1.5, 'client', [{ code: 'tcp.zero_window_probe', n: 1, sinceZeroWindow: 1, form: 'old-seq', sinceAnswer: null }], -1, -1, 100);
    seg(c, 4, 1.5001, 'server', [{ code: 'tcp.zero_window_probe_ack' }, { code: 'tcp.zero_window' }], -1, 1000, 0);
    const problems = buildProblems(c);
    expect(problems).toEqual([{ code: 'zero-window', by: 'server', seconds: 1.0001, stalls: 1, probes: 1, reopened: false, maxWindow: null, mss: null, wscale: null, segment: null, lines: [2] }]);
    expect(connectionSeverity('open', problems)).toBe('warn');
  });

  it('silence: 2 s is notable after a 1 ms handshake, not after a 100 ms one', () => {
    for (const [rtt, want] of [
      [0.001, 1],
      [0.1, 0],
    ] as const) {
      const c = conn();
      c.hs.rtt = rtt;
      seg(c, 1, 0, 'client', []);
      seg(c, 2, 2, 'server', []);
      expect(buildProblems(c).filter((p) => p.code === 'silence')).toHaveLength(want);
    }
  });
});
