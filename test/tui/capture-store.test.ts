// The viewer's bounded history on real captures: ids, per-connection views, findings, eviction and forgetting, a large burst.
import { describe, expect, test } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { createTracker } from '../../src/track';
import { CaptureStore } from '../../src/tui/state/capture-store';
import { sampleText, storeFromText } from './capture';

const allText = (): string => '';

describe('CaptureStore on samples', () => {
  test('handshake-close: one connection, 11 packets, bytes each way, the verdict once input ends', () => {
    const store = storeFromText(sampleText('samples/handshake-close/n.txt'));
    expect(store.stats).toMatchObject({ records: 11, packets: 11, segments: 11, connections: 1, open: 0, findings: 0, dropped: 0, ended: true });
    const [c] = store.connections();
    expect(c).toMatchObject({ conn: 'c1', packets: 11, bytes: { c2s: 86, s2c: 78 }, firstTime: '11:19:38.763609', lastTime: '11:19:39.115287' });
    expect(c.verdict?.verdict).toBe('normal-close');
    expect(store.connectionIds('c1')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  test('server-abort: the RST is the one notable finding; n finds it from the top and not past it', () => {
    const store = storeFromText(sampleText('samples/server-abort/n.txt'));
    expect(store.stats.findings).toBe(1);
    const view = store.view({ conn: null, upto: null, text: allText });
    expect(view.nextFinding(-1, 1)).toBe(5);
    expect(view.nextFinding(5, 1)).toBeNull();
    expect(view.nextFinding(99, -1)).toBe(5);
    expect(store.get(5)?.severity).toBe('error');
    expect(store.connections()[0].worst).toBe('error');
  });

  test('a pause view stops at its id; a connection view holds only that connection', () => {
    const text = sampleText('samples/handshake-close/n.txt') + sampleText('samples/refused/n.txt');
    const store = storeFromText(text);
    expect(store.connections().map((c) => [c.conn, c.verdict?.verdict])).toEqual([
      ['c1', 'normal-close'],
      ['c2', 'refused'],
    ]);
    const c2 = store.view({ conn: 'c2', upto: null, text: allText });
    expect([c2.length, c2.idAt(0), c2.idAt(1)]).toEqual([2, 11, 12]);
    expect(c2.lowerBound(5)).toBe(0);
    const paused = store.view({ conn: null, upto: 7, text: allText });
    expect(paused.length).toBe(8);
    const search = store.view({ conn: null, upto: null, text: (e) => e.rec.raw });
    expect(search.nextMatch(-1, 'flags [r.]', 1)).toBe(12);
    expect(search.nextMatch(12, '198.51.100.2.81', 1)).toBe(11);
  });
});

describe('bounded history', () => {
  test('keeps the newest maxLines records, counts the dropped ones, keeps ids stable', () => {
    const text = sampleText('samples/handshake-close/n.txt');
    const store = storeFromText(text.repeat(3), { maxLines: 10 });
    expect(store.size).toBe(10);
    expect(store.stats.dropped).toBe(23);
    expect(store.oldestId).toBe(23);
    expect(store.get(22)).toBeUndefined();
    expect(store.get(23)?.rec.line).toBe(24);
    const view = store.view({ conn: null, upto: null, text: allText });
    expect([view.length, view.idAt(0), view.lowerBound(0), view.lowerBound(30)]).toEqual([10, 23, 0, 7]);
  });

  test('a connection that ended and has no line left in the history is forgotten', () => {
    const text = sampleText('samples/handshake-close/n.txt') + sampleText('samples/refused/n.txt');
    const kept = storeFromText(text, { maxLines: 3 });
    expect(kept.connections().map((c) => c.conn)).toEqual(['c1', 'c2']);
    expect(kept.connectionIds('c1')).toEqual([10]);
    const store = storeFromText(text, { maxLines: 2 });
    expect(store.connections().map((c) => c.conn)).toEqual(['c2']);
    expect(store.connection('c1')).toBeUndefined();
    expect(store.stats).toMatchObject({ connections: 2, open: 0, dropped: 11 });
  });

  test('a burst of 220,000 records through a 50,000-record history: every record kept in order, memory bounded', () => {
    // One real connection's records and analyses, relabelled as 20,000 connections (c0..c19999): the store alone,
    // so the figure measures the history, not the grammar or the tracker (they have their own benchmarks).
    const recs = parseRecords(recordsFromText(sampleText('samples/handshake-close/n.txt')));
    const tracker = createTracker();
    const results = recs.map((r) => tracker.push(r));
    const store = new CaptureStore({ maxLines: 50_000, now: () => 0 });
    const copies = 20_000;
    const heapBefore = process.memoryUsage().heapUsed;
    const started = process.hrtime.bigint();
    for (let i = 0; i < copies; i++) {
      const conn = `c${i}`;
      for (let k = 0; k < recs.length; k++) {
        const a = results[k].analysis;
        store.push(recs[k], a && { ...a, conn }, results[k].closed.map((v) => ({ ...v, conn })));
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    expect(store.stats.records).toBe(copies * 11);
    expect(store.stats.connections).toBe(copies);
    expect(store.stats.open).toBe(0);
    expect(store.size).toBe(50_000);
    expect(store.stats.dropped).toBe(copies * 11 - 50_000);
    expect(store.oldestId).toBe(copies * 11 - 50_000);
    expect(store.get(copies * 11 - 1)?.analysis?.conn).toBe('c19999');
    // The oldest kept record (id 170,000) is the 7th of c15454 (ids 169,994..170,004): 4,545 whole connections plus its tail remain.
    expect(store.connections().length).toBe(4_546);
    expect(store.connectionIds('c15454')).toEqual([170_000, 170_001, 170_002, 170_003, 170_004]);
    const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    expect(heapGrowth).toBeLessThan(300);
    console.log(`store burst: ${copies * 11} records in ${seconds.toFixed(2)} s (${Math.round((copies * 11) / seconds)}/s), heap +${heapGrowth.toFixed(0)} MB`);
  });
});
