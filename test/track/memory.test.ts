// Bounded state: closed connections are evicted to a fixed-size memory, open ones stay until finish.

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
