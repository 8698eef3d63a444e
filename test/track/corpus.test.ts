// The tracker never throws and accounts for every segment and connection on all real text we have (corpus, seeds).

import { describe, expect, it } from 'vitest';
import { corpusOutFiles, corpusText, seedFiles, seedText } from '../helpers/fixtures';
import { track } from './helpers';

function check(text: string): { segments: number; connections: number } {
  const { segments, verdicts, records, quotes } = track(text);
  // One analysis per TCP record (but a line quoting an earlier one), one verdict per connection id, every analysed
  // connection has a verdict.
  expect(segments.length + quotes.length).toBe(records.filter((r) => r.kind === 'tcp').length);
  const ids = verdicts.map((v) => v.conn);
  expect(new Set(ids).size).toBe(ids.length);
  const seen = new Set(segments.map((s) => s.a.conn));
  expect([...seen].every((id) => ids.includes(id))).toBe(true);
  for (const v of verdicts) {
    expect(v.bytes.c2s).toBeGreaterThanOrEqual(0);
    expect(v.bytes.s2c).toBeGreaterThanOrEqual(0);
    expect(v.lastLine).toBeGreaterThanOrEqual(v.firstLine);
  }
  for (const { a } of segments) {
    for (const n of [a.absSeq, a.absEnd, a.absAck, a.relSeq, a.relEnd, a.relAck]) {
      if (n !== null) expect(Number.isInteger(n) && n >= 0 && n < 2 ** 32).toBe(true);
    }
  }
  return { segments: segments.length, connections: verdicts.length };
}

describe('all corpus and seed text', () => {
  it('tcpdump test corpus: every .out file', () => {
    let segments = 0;
    let connections = 0;
    const files = corpusOutFiles();
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const r = check(corpusText(f, 'latin1'));
      segments += r.segments;
      connections += r.connections;
    }
    expect(segments).toBeGreaterThan(2000);
    expect(connections).toBeGreaterThan(300);
  });

  it('seeds: every paste as a whole', () => {
    const files = seedFiles();
    expect(files).toHaveLength(5);
    for (const f of files) check(seedText(f));
  });
});
