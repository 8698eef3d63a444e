// Bounded state: closed connections are evicted to a fixed-size memory, open ones stay until finish (finishEach
// hands their verdicts over one at a time).

import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { createTracker } from '../../src/track';
import { sample } from './helpers';

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
    expect(verdicts).toBe(3000);
    expect(tracker.size()).toEqual({ open: 0, closed: 1000 });
    expect(tracker.finish()).toEqual([]);
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
    expect(verdicts).toBe(500);
    expect(reuse.length).toBe(499);
    expect(reuse[498]).toBe('c499');
    expect(tracker.size()).toEqual({ open: 0, closed: 1 });
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

  it('a late segment of a closed connection is analysed in it without a second verdict', () => {
    const [syn, rst] = sample('refused/n.txt').split('\n');
    const tracker = createTracker();
    const recs = parseRecords(recordsFromText([syn, rst, rst].join('\n')));
    const closed = recs.map((r) => tracker.push(r).closed.length);
    expect(closed).toEqual([0, 1, 0]);
    const late = tracker.push(recs[2]).analysis;
    expect(late).toMatchObject({ conn: 'c1', statesBefore: { client: 'CLOSED', server: 'CLOSED' } });
    expect(tracker.finish()).toEqual([]);
  });
});
