// The renderer-neutral ladder model on real samples: lanes, arrows, numbering, state changes, findings, labels.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { createTracker } from '../../src/track';
import { buildLadder, ladderLabel, segmentKind, type LadderSegment } from '../../src/report/ladder';
import type { ConnectionVerdict, TcpRecord } from '../../src/model';

function segmentsOf(file: string): { segments: LadderSegment[]; verdicts: ConnectionVerdict[] } {
  const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
  const tracker = createTracker();
  const segments: LadderSegment[] = [];
  const verdicts: ConnectionVerdict[] = [];
  for (const rec of parseRecords(recordsFromText(text))) {
    const { analysis, closed } = tracker.push(rec);
    if (rec.kind === 'tcp' && analysis) segments.push({ rec, analysis });
    verdicts.push(...closed);
  }
  verdicts.push(...tracker.finish());
  return { segments, verdicts };
}

describe('buildLadder', () => {
  test('4-way close (handshake-close/n.txt): lanes, directions, kinds and relative numbers', () => {
    const { segments, verdicts } = segmentsOf('samples/handshake-close/n.txt');
    const ladder = buildLadder(segments, { numbering: 'relative', verdict: verdicts[0] })!;
    expect(ladder.conn).toBe('c1');
    expect(ladder.client).toEqual({ host: '192.0.2.2', port: 40001, service: null });
    expect(ladder.server).toEqual({ host: '198.51.100.2', port: 80, service: null });
    expect(ladder.verdict?.closeKind).toBe('4-way');
    expect(ladder.rows.map((r) => `${r.from === 'client' ? '→' : '←'} ${r.kind} ${ladderLabel(r, { win: false })}`)).toEqual([
      '→ syn S seq 0',
      '← synack S. seq 0 ack 1',
      '→ ack . seq 1 ack 1',
      '→ data P. seq 1:87 ack 1 len 86',
      '← ack . seq 1 ack 87',
      '← data P. seq 1:79 ack 87 len 78',
      '→ ack . seq 87 ack 79',
      '→ fin F. seq 87 ack 79',
      '← ack . seq 79 ack 88',
      '← fin F. seq 79 ack 88',
      '→ ack . seq 88 ack 80',
    ]);
    expect(ladder.rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(ladder.rows[3].sinceStart).toBeCloseTo(0.050554, 6);
    expect(ladder.rows[0].time).toBe('11:19:38.763609');
  });

  test('state changes are written per lane, client first, in the order of the close', () => {
    const { segments } = segmentsOf('samples/handshake-close/n.txt');
    const ladder = buildLadder(segments, { numbering: 'relative' })!;
    const changes = ladder.rows.map((r) => r.changes.map((c) => `${c.lane}:${c.to}`).join(' '));
    expect(ladder.initial).toEqual({ client: 'CLOSED', server: 'LISTEN' });
    expect(changes).toEqual([
      'client:SYN_SENT',
      'client:ESTABLISHED server:SYN_RECEIVED',
      'server:ESTABLISHED',
      '',
      '',
      '',
      '',
      'client:FIN_WAIT_1',
      'client:FIN_WAIT_2 server:CLOSE_WAIT',
      'client:TIME_WAIT server:LAST_ACK',
      'server:CLOSED',
    ]);
  });

  test('absolute numbering takes the tracker\'s absolute values, windows are scaled bytes', () => {
    const { segments } = segmentsOf('samples/handshake-close/n.txt');
    const ladder = buildLadder(segments, { numbering: 'absolute' })!;
    expect(ladderLabel(ladder.rows[1])).toBe('S. seq 245189806 ack 3201954479 win 65160');
    expect(ladderLabel(ladder.rows[3])).toBe('P. seq 3201954479:3201954565 ack 245189807 win 64512 len 86');
  });

  test('a server abort (server-abort/n.txt) ends with a RST row carrying the error finding', () => {
    const { segments } = segmentsOf('samples/server-abort/n.txt');
    const ladder = buildLadder(segments, { numbering: 'relative' })!;
    const last = ladder.rows[ladder.rows.length - 1];
    expect(last).toMatchObject({ from: 'server', kind: 'rst', flags: 'R.', seq: 1, ack: 87, len: 0 });
    expect(last.findings.map((f) => [f.code, f.severity])).toEqual([['tcp.rst', 'error']]);
    expect(last.changes.map((c) => `${c.lane}:${c.from}->${c.to}`)).toEqual(['client:ESTABLISHED->CLOSED', 'server:ESTABLISHED->CLOSED']);
  });

  test('segments of another connection are left out; an empty list has no ladder', () => {
    const { segments } = segmentsOf('samples/handshake-close/n.txt');
    const foreign = { ...segments[4], analysis: { ...segments[4].analysis, conn: 'c9' } };
    const ladder = buildLadder([...segments.slice(0, 4), foreign, ...segments.slice(5)], { numbering: 'relative', omittedBefore: 3 })!;
    expect(ladder.rows).toHaveLength(10);
    expect(ladder.omittedBefore).toBe(3);
    expect(buildLadder([], { numbering: 'relative' })).toBeNull();
  });
});

describe('segmentKind', () => {
  test('refused (refused/n.txt): a SYN answered by RST,ACK', () => {
    const { segments } = segmentsOf('samples/refused/n.txt');
    expect(segments.map((s) => [s.rec.flags, segmentKind(s.rec as TcpRecord)])).toEqual([
      ['S', 'syn'],
      ['R.', 'rst'],
    ]);
  });
});
