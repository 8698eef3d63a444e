// The pair view on the two-point NAT samples: full, lost (stops mid-path) and injected (starts mid-path) arrows, rewritten fields, keys.
import { describe, expect, test } from 'vitest';
import { captureView, pairCaptures, type PairReport } from '../../src/correlate';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { arrowSpan, pairLabelParts, pairLines } from '../../src/tui/components/pair-lines';
import { pairScreen } from '../../src/tui/pair-app';
import { label } from '../../src/tui/labels';
import { initialPairState, pairKeyAction, reducePair } from '../../src/tui/state/pair-reducer';
import { plain } from '../../src/tui/text';
import { sampleText } from './capture';

function pair(dir: string): PairReport {
  const view = (f: string) => captureView(parseRecords(recordsFromText(sampleText(`samples/${dir}/${f}`))));
  return pairCaptures(view('client.txt'), view('server.txt'));
}

const en = (k: Parameters<typeof label>[1]): string => label('en', k);

describe('pair timeline (nat-forged-rst)', () => {
  const report = pair('nat-forged-rst');
  const p = report.pairs[0];

  test('the server\'s lost reply stops in the middle; the forged RST starts there', () => {
    // 128 columns: the scaled window (win 65536, as the ladders print it) leaves room for the whole label in the half lane.
    const lines = pairLines(p, { width: 128, height: 30, lang: 'en', numbering: 'relative', cursor: 0, label: en }).map(plain);
    expect(lines[0].trimEnd()).toBe('verdict: The RST the server got was forged on the path: the client never sent it.');
    expect(lines[7].trimEnd()).toBe(' 11:22:50.062784 │                                           ✗──── P. seq 1:79 ack 87 win 65536 len 78 ─│ lost on the path');
    expect(lines[8].trimEnd()).toBe(' 11:22:50.062836 │                                           ◆ R seq 87 win 0 ─────────────────────────►│ never sent by the peer');
    // The one-way delay column is src/correlate's clock estimate; its digits are that module's business.
    expect(lines[2].trimEnd()).toMatch(/^▸11:22:50\.012138 │─ S seq 0 win 64240 mss 1460 wscale 10 ─{46}►│ \d+\.\d{3} ms$/);
  });

  test('arrow spans follow who saw the segment', () => {
    expect(p.timeline.map((e) => `${e.kind}/${e.dir}/${e.status}`).slice(5, 7)).toEqual(['server-only/s2c/lost', 'server-only/c2s/injected']);
    expect(arrowSpan(p.timeline[5])).toEqual({ from: 'server', to: 'mid' });
    expect(arrowSpan(p.timeline[6])).toEqual({ from: 'mid', to: 'server' });
    expect(arrowSpan(p.timeline[0])).toEqual({ from: 'client', to: 'server' });
  });

  test('the screen: title with the pair, status with counts; zh-CN words', () => {
    const s = pairScreen(report, { client: 'client.txt', server: 'server.txt' }, { ...initialPairState(), lang: 'zh-CN' }, { width: 100, height: 30 }).map(plain);
    // Full-width punctuation in Chinese, the numbering worded too.
    expect(s[0].trimEnd()).toBe(' tcplain  client.txt ⇄ server.txt   配对 1/1：c1 ⇄ c1');
    expect(s[1].startsWith('结论：')).toBe(true);
    expect(s[29].startsWith(' 1 配对 · 0 未配对 · 相对 · zh-CN')).toBe(true);
  });
});

describe('rewritten fields (nat-mss-clamp)', () => {
  const p = pair('nat-mss-clamp').pairs[0];
  test('the MSS the path clamped is its own, highlighted part of the label', () => {
    expect(pairLabelParts(p.timeline[0], 'relative')).toEqual([
      { text: 'S', rewritten: false },
      { text: 'seq 0', rewritten: false },
      { text: 'win 64240', rewritten: false },
      { text: 'mss 1460→1200', rewritten: true },
      { text: 'wscale 10', rewritten: false },
    ]);
    expect(pairLabelParts(p.timeline[0], 'absolute')[1]).toEqual({ text: 'seq 1992674050', rewritten: false });
  });
});

describe('pair keys', () => {
  test('rows clamp to the timeline, Tab and [ ] cycle pairs, q quits', () => {
    const ctx = { lengths: [9, 4], page: 10 };
    let s = initialPairState();
    for (const k of ['j', 'j', 'G']) s = reducePair(s, pairKeyAction(k, {}, 10)!, ctx);
    expect(s.cursor).toBe(8);
    s = reducePair(s, pairKeyAction('', { tab: true }, 10)!, ctx);
    expect([s.pair, s.cursor]).toEqual([1, 0]);
    s = reducePair(s, pairKeyAction(']', {}, 10)!, ctx);
    expect(s.pair).toBe(0);
    s = reducePair(s, pairKeyAction('[', {}, 10)!, ctx);
    expect(s.pair).toBe(1);
    s = reducePair(s, pairKeyAction('', { pageDown: true }, 10)!, ctx);
    expect(s.cursor).toBe(3);
    expect(reducePair(s, pairKeyAction('q', {}, 10)!, ctx).quit).toBe(true);
  });
});

describe('feedPairs (live pair view)', () => {
  test('both captures read at once: the feed ends with the same pairs and verdicts as pairCaptures on the whole files', async () => {
    const { Readable } = await import('node:stream');
    const { readRecords } = await import('../../src/input');
    const { createPairFeed, feedPairs } = await import('../../src/tui/pair-feed');
    for (const dir of ['nat-forged-rst', 'nat-drops', 'nat-basic']) {
      const whole = pair(dir);
      const feed = createPairFeed();
      const stream = (f: string) => readRecords(Readable.from([sampleText(`samples/${dir}/${f}`)]));
      await feedPairs({ client: stream('client.txt'), server: stream('server.txt') }, feed);
      expect(feed.ended).toBe(true);
      expect(feed.records.client).toBe(sampleText(`samples/${dir}/client.txt`).trimEnd().split('\n').length);
      const key = (r: PairReport) => r.pairs.map((p) => `${p.client.conn}=${p.server.conn}:${p.verdict.code}:${p.timeline.length}`).sort();
      expect(key(feed.report)).toEqual(key(whole));
      expect(feed.report.unpaired.length).toBe(whole.unpaired.length);
    }
  });

  test('the screen says it is still reading until the feed ends', async () => {
    const { createPairFeed } = await import('../../src/tui/pair-feed');
    const feed = createPairFeed();
    feed.records = { client: 12, server: 3 };
    const s = pairScreen(feed.report, { client: 'a', server: 'b' }, initialPairState(), { width: 100, height: 10 }, feed).map(plain);
    expect(s[1].trim()).toBe('reading both captures…');
    expect(s[9].startsWith(' 0 pair · 0 unpaired · rel · en · 12 + 3 lines · reading')).toBe(true);
  });
});

describe('the pair view at 80x24 (nat-forged-rst)', () => {
  const report = pair('nat-forged-rst');
  test('the annotation column stays (lost, never sent); the evidence scrolls with J and K', () => {
    const s0 = initialPairState();
    const screen = (s: typeof s0): string[] => pairScreen(report, { client: 'client.txt', server: 'server.txt' }, s, { width: 80, height: 24 }).map(plain);
    const lines = screen(s0);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines.some((l) => /◆ R seq 87 win 0 ─*►│ never sent by…$/.test(l.trimEnd()))).toBe(true);
    expect(lines.some((l) => /✗─* P\. seq 1:79 ack 87 ─│ lost on the p…$/.test(l.trimEnd()))).toBe(true);
    const more = lines.find((l) => /^… \d+ more lines: J scrolls/.test(l));
    expect(more).toBeDefined();
    const hidden = Number(/^… (\d+)/.exec(more!)![1]);
    // J scrolls the evidence one line; K back; moving the selection starts it from its top again.
    const ctx = { lengths: report.pairs.map((p) => p.timeline.length), page: 24 };
    const down = reducePair(s0, pairKeyAction('J', {}, 10)!, ctx);
    expect(down.evidence).toBe(1);
    const after = screen(down).find((l) => /^… \d+ more lines/.test(l));
    expect(after === undefined ? 0 : Number(/^… (\d+)/.exec(after)![1])).toBe(hidden - 1);
    expect(reducePair(down, pairKeyAction('K', {}, 10)!, ctx).evidence).toBe(0);
    expect(reducePair(down, pairKeyAction('j', {}, 10)!, ctx).evidence).toBe(0);
  });
});
