// Bounded state: closed connections are evicted to a fixed-size memory, open ones stay until finish (finishEach
// hands their verdicts over one at a time).

import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import type { ConnectionVerdict } from '../../src/model/verdict';
import { createTracker } from '../../src/track';
import { sample, track } from './helpers';

/** The refused sample's two lines, repeated with client ports 10000.. (each a separate refused connection). */
function manyRefused(n: number): string {
  const [syn, rst] = sample('refused/n.txt').split('\n');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const port = String(10000 + i);
    out.push(syn.replace('.40003 ', `.${port} `), rst.replace('.40003:', `.${port}:`));
  }
  return out.join('\n') + '\n';
}

describe('memory', () => {
  it('keeps at most `closedMemory` closed connections and no open ones after RSTs', () => {
    const tracker = createTracker({ closedMemory: 1000 });
    let verdicts = 0;
    for (const rec of parseRecords(recordsFromText(manyRefused(3000)))) verdicts += tracker.push(rec).closed.length;
    // All 3000 RSTs share one timestamp: no grace period ends, so at most `closedMemory` verdicts wait for later
    // evidence and the oldest go out early; the last 1000 come at the end of input.
    expect(verdicts).toBe(2000);
    expect(tracker.size()).toEqual({ open: 0, closed: 1000 });
    expect(tracker.finish().map((v) => v.verdict)).toEqual(Array(1000).fill('refused'));
    expect(tracker.size()).toEqual({ open: 0, closed: 0 });
  });

  it('a 4-tuple reused 500 times: each connection closes once, the closed memory holds only the latest', () => {
    const [syn, rst] = sample('refused/n.txt').split('\n');
    const isn = /seq (\d+)/.exec(syn)![1];
    const lines: string[] = [];
    for (let i = 0; i < 500; i++) {
      // A new ISN makes each SYN a new connection on the same 4-tuple (port reuse); the RST acks it.
      lines.push(syn.replace(`seq ${isn}`, `seq ${1000 + i * 100}`), rst.replace(/ack \d+/, `ack ${1001 + i * 100}`));
    }
    const tracker = createTracker({ closedMemory: 8 });
    const recs = parseRecords(recordsFromText(lines.join('\n')));
    let verdicts = 0;
    const reuse: string[] = [];
    for (const rec of recs) {
      const { analysis, closed } = tracker.push(rec);
      verdicts += closed.length;
      for (const f of analysis?.findings ?? []) if (f.code === 'tcp.port_reuse') reuse.push(f.previousConn);
    }
    // Each new SYN on the 4-tuple ends the wait of the previous reset connection's verdict; the last one waits for input's end.
    expect(verdicts).toBe(499);
    expect(tracker.finish()).toHaveLength(1);
    expect(reuse.length).toBe(499);
    expect(reuse[498]).toBe('c499');
    expect(tracker.size()).toEqual({ open: 0, closed: 0 });
  });

  it('finishEach gives the verdicts of finish() one at a time, each built when asked for', () => {
    const [syn] = sample('refused/n.txt').split('\n');
    const scan = Array.from({ length: 300 }, (_, i) => syn.replace('.40003 ', `.${20000 + i} `)).join('\n');
    const trackers = [createTracker(), createTracker()];
    for (const t of trackers) for (const rec of parseRecords(recordsFromText(scan))) t.push(rec);
    expect(trackers[0].size()).toEqual({ open: 300, closed: 0 });
    const all = trackers[0].finish();
    const lazy = trackers[1].finishEach()[Symbol.iterator]();
    const first = lazy.next();
    expect(first.done).toBe(false);
    expect(first.value).toEqual(all[0]);
    const rest = [...{ [Symbol.iterator]: () => lazy }];
    expect([first.value, ...rest]).toEqual(all);
    expect(all.map((v) => v.verdict)).toEqual(Array(300).fill('no-answer'));
    expect(all.map((v) => v.conn).slice(0, 3)).toEqual(['c1', 'c2', 'c3']);
    expect(trackers[1].size()).toEqual({ open: 0, closed: 0 });
  });

  it('at most `maxOpen` open connections: the idlest is let go with its verdict, an active one is kept', () => {
    // A real connection (handshake, request, reply, close) interleaved with a scan of 300 unanswered SYNs: one of
    // its segments after every 50 SYNs, its close at the end.
    const conn = sample('handshake-close/n.txt').trimEnd().split('\n');
    const [syn] = sample('refused/n.txt').split('\n');
    const lines = conn.slice(0, 3);
    for (let i = 0; i < 300; i++) {
      lines.push(syn.replace('.40003 ', `.${20000 + i} `));
      if (i % 50 === 49) lines.push(conn[3 + Math.floor(i / 50)]);
    }
    lines.push(...conn.slice(9));
    const tracker = createTracker({ maxOpen: 100 });
    const emitted: Array<{ line: number; v: ConnectionVerdict }> = [];
    let maxSeen = 0;
    for (const rec of parseRecords(recordsFromText(lines.join('\n')))) {
      for (const v of tracker.push(rec).closed) emitted.push({ line: rec.line, v });
      maxSeen = Math.max(maxSeen, tracker.size().open);
    }
    expect(maxSeen).toBe(100);
    const evicted = emitted.filter((e) => e.v.evictedAt !== undefined);
    // 301 connections, 100 may stay open: the 201 oldest scan connections went, oldest first.
    expect(evicted.map((e) => e.v.conn)).toEqual(Array.from({ length: 201 }, (_, i) => `c${i + 2}`));
    expect(evicted.every((e) => e.v.evictedAt === e.line && e.v.verdict === 'no-answer')).toBe(true);
    const real = emitted.filter((e) => e.v.conn === 'c1');
    expect(real.map((e) => [e.v.verdict, e.v.closeKind, e.v.evictedAt])).toEqual([['normal-close', '4-way', undefined]]);
    expect(tracker.size().open).toBe(99);
    // A let-go connection stays in the closed memory: its SYN sent again is analysed in it, without a second verdict.
    // (a second later: the same line with the same time would be a quotation of the first, track/quotes.ts)
    const [again] = parseRecords(recordsFromText(syn.replace('.40003 ', '.20000 ').replace(/^(\d\d:\d\d:)(\d\d)/, (_m, hm: string, sec: string) => `${hm}${String((Number(sec) + 1) % 60).padStart(2, '0')}`)));
    const late = tracker.push(again);
    expect([late.analysis?.conn, late.closed.length, late.analysis?.findings.map((f) => f.code)]).toEqual(['c2', 0, ['tcp.syn_retransmission']]);
    const rest = tracker.finish();
    expect(rest.length).toBe(99);
    expect(rest.some((v) => v.evictedAt !== undefined)).toBe(false);
  });

  it('a late segment of a closed connection is analysed in it without a second verdict', () => {
    const [syn, rst] = sample('refused/n.txt').split('\n');
    const tracker = createTracker();
    // The repeated RST 1 µs later each time: the same line with the same time would be a quotation (track/quotes.ts).
    const later = (line: string, us: number): string => line.replace(/^(\S+\.)(\d{6})/, (_m, head: string, frac: string) => `${head}${String(Number(frac) + us).padStart(6, '0')}`);
    const recs = parseRecords(recordsFromText([syn, rst, later(rst, 1), later(rst, 2)].join('\n')));
    const closed = recs.slice(0, 3).map((r) => tracker.push(r).closed.length);
    // The RST's verdict waits for later evidence (RST grace period): the lines are microseconds apart.
    expect(closed).toEqual([0, 0, 0]);
    const late = tracker.push(recs[3]).analysis;
    expect(late).toMatchObject({ conn: 'c1', statesBefore: { client: 'CLOSED', server: 'CLOSED' } });
    // A RST to an end that is already CLOSED is discarded (RFC 9293 §3.10.7.1).
    expect(late?.findings[0]).toMatchObject({ code: 'tcp.rst', acceptance: 'ignored', afterLine: 2 });
    expect(tracker.finish().map((v) => [v.conn, v.verdict])).toEqual([['c1', 'refused']]);
    expect(tracker.finish()).toEqual([]);
  });

  it('a connection settled at its close (verdict out, problem counters dropped) still analyses a late segment the same', () => {
    // samples/retransmission/n.txt (a real capture: one retransmission, 4-way close), then one SYNTHETIC line: the
    // server's FIN sent again 200 ms after the close (what a server does when the last ACK is lost), reaching the
    // closed connection remembered for late segments.
    const late =
      '11:20:45.374010 IP 198.51.100.2.80 > 192.0.2.2.40005: Flags [F.], seq 79, ack 88, win 64, options [nop,nop,TS val 3929590376 ecr 4242256680], length 0';
    const t = track(sample('retransmission/n.txt') + late + '\n');
    // The verdict came out once, at the close (line 12), built before the counters were dropped.
    expect(t.closedAt.map((c) => [c.line, c.verdict.conn, c.verdict.verdict])).toEqual([[12, 'c1', 'normal-close']]);
    const v = t.closedAt[0].verdict;
    expect(v.problems.map((p) => p.code)).toEqual(['loss']);
    expect(v.findingCounts).toEqual({ 'tcp.retransmission': 1, 'tcp.handshake_rtt': 1, 'tcp.options_negotiated': 1 });
    expect(v.packets).toEqual({ c2s: 7, s2c: 5 });
    // The late FIN: the same connection, a retransmission, the client in TIME_WAIT; no second verdict at the end.
    const last = t.segments[t.segments.length - 1];
    expect([last.rec.line, last.a.conn, last.a.findings.map((f) => f.code), last.a.statesBefore]).toEqual([
      13,
      'c1',
      ['tcp.retransmission'],
      { client: 'TIME_WAIT', server: 'CLOSED' },
    ]);
    expect(t.verdicts).toHaveLength(1);
  });
});

describe('one budget for closed connections, waiting or not', () => {
  it('a reset connection whose wait outlasts `closedMemory` newer closes is let go at the next record, with its verdict', () => {
    // refused/n.txt (RST at 11:19:42.921878), then three whole connections of handshake-close/n.txt moved to 11:19:43-44
    // (inside the RST's 5 s grace), each on its own client port, then the refused SYN/RST again from another client at
    // 11:19:44.92 (a SYN from the same client to the same port would end the wait by itself).
    const [syn, rst] = sample('refused/n.txt').trimEnd().split('\n');
    const close = sample('handshake-close/n.txt').replaceAll('11:19:38.', '11:19:43.').replaceAll('11:19:39.', '11:19:44.');
    const closes = [1, 2, 3].map((i) => close.replaceAll('.40001', `.4100${i}`)).join('');
    const text = [syn, rst, closes.trimEnd(), ...[syn, rst].map((l) => l.replaceAll('192.0.2.2.40003', '192.0.2.3.40013').replace('11:19:42.', '11:19:44.'))].join('\n');
    const run = (closedMemory: number): Array<[number, string, string]> => {
      const tracker = createTracker({ closedMemory });
      const emitted: Array<[number, string, string]> = [];
      for (const rec of parseRecords(recordsFromText(text))) for (const v of tracker.push(rec).closed) emitted.push([rec.line, v.conn, v.verdict]);
      for (const v of tracker.finish()) emitted.push([-1, v.conn, v.verdict]);
      return emitted;
    };
    // Three remembered: the third close (line 35) pushes the refused connection out of the table's memory.
    expect(run(3)).toEqual([
      [13, 'c2', 'normal-close'],
      [24, 'c3', 'normal-close'],
      [35, 'c4', 'normal-close'],
      [36, 'c1', 'refused'],
      [-1, 'c5', 'refused'],
    ]);
    // Four remembered: it waits out its grace as before (the input ends first).
    expect(run(4).map(([line, conn]) => [line, conn])).toEqual([
      [13, 'c2'],
      [24, 'c3'],
      [35, 'c4'],
      [-1, 'c1'],
      [-1, 'c5'],
    ]);
  });
});

describe('reset verdicts when the clock jumps back (captures concatenated)', () => {
  it('a record more than the grace period earlier than the RST ends its wait: the verdict comes at the jump, not at the end', () => {
    // server-abort/n.txt (11:19:44, a RST on line 6) followed by handshake-close/n.txt (11:19:38: 6 s earlier).
    const text = sample('server-abort/n.txt') + sample('handshake-close/n.txt');
    const tracker = createTracker();
    const emitted: Array<[number, string, string]> = [];
    for (const rec of parseRecords(recordsFromText(text))) for (const v of tracker.push(rec).closed) emitted.push([rec.line, v.conn, v.verdict]);
    for (const v of tracker.finish()) emitted.push([-1, v.conn, v.verdict]);
    expect(emitted).toEqual([
      [7, 'c1', 'reset-by-server'],
      [17, 'c2', 'normal-close'],
    ]);
  });

  it('a capture shorter than the grace, replayed: the clock stepping back more than 1 s ends the wait at the jump', () => {
    // idle-reset/n.txt spans 3.05 s (11:21:08.247781 to its RST at 11:21:11.299853, line 8): the second pass's lines
    // all fall within the 5 s grace of the first pass's RST, which used to wait until the end of input. The second
    // pass has another client port: lines repeated verbatim are taken as a quote of the first pass (quotes.ts).
    const once = sample('idle-reset/n.txt');
    const text = once + once.replaceAll('.40010', '.40011');
    const tracker = createTracker();
    const emitted: Array<[number, string, string]> = [];
    for (const rec of parseRecords(recordsFromText(text))) for (const v of tracker.push(rec).closed) emitted.push([rec.line, v.conn, v.verdict]);
    for (const v of tracker.finish()) emitted.push([-1, v.conn, v.verdict]);
    expect(emitted.map(([line, conn]) => [line, conn])).toEqual([
      [9, 'c1'],
      [-1, 'c2'],
    ]);
    expect(emitted[0][2]).toBe(emitted[1][2]);
  });

  it('a step back of 2 s, less than the grace but more than any reordering, ends the wait at that line', () => {
    const abort = sample('server-abort/n.txt').trimEnd().split('\n');
    const earlier = abort[0].replace('11:19:44.867612', '11:19:42.968369').replace('.40004 ', '.40010 ');
    const tracker = createTracker();
    const emitted: Array<[number, string]> = [];
    for (const rec of parseRecords(recordsFromText([...abort, earlier].join('\n')))) for (const v of tracker.push(rec).closed) emitted.push([rec.line, v.conn]);
    expect(emitted).toEqual([[7, 'c1']]);
    expect(tracker.finish().map((v) => v.conn)).toEqual(['c2']);
  });

  it('reordering within a capture does not end it: a line 0.9 s earlier keeps the verdict waiting', () => {
    const abort = sample('server-abort/n.txt').trimEnd().split('\n');
    const earlier = abort[0].replace('11:19:44.867612', '11:19:44.068369').replace('.40004 ', '.40010 ');
    const tracker = createTracker();
    const emitted: Array<[number, string]> = [];
    for (const rec of parseRecords(recordsFromText([...abort, earlier].join('\n')))) for (const v of tracker.push(rec).closed) emitted.push([rec.line, v.conn]);
    expect(emitted).toEqual([]);
    expect(tracker.finish().map((v) => v.conn)).toEqual(['c1', 'c2']);
  });
});
