// Which copy of a retransmitted segment was lost: every rendering pairing of samples/nat-drops (client → server
// data dropped, the client retransmits) and samples/nat-drops-down (server → client data dropped, the server
// retransmits) must name the original transmissions as lost, never the retransmissions that arrived.

import { describe, expect, it } from 'vitest';
import { pairCaptures, type CorrFinding } from '../../src/correlate';
import { readText, repoPath, viewOf } from './helpers';

/** Renderings that print flags, seq and ack (-q does not: see limits.test.ts). */
const STYLES = ['n', 'v', 'tttt', 'ttt', 't', 'plain'] as const;

const text = (scenario: string, file: string): string => readText(repoPath(`samples/${scenario}/${file}.txt`));

/** Line number → packet number (1-based) of a rendering: a packet starts on a line not indented as a -v continuation. */
function packetOf(t: string): Map<number, number> {
  const m = new Map<number, number>();
  let k = 0;
  t.split('\n').forEach((l, i) => {
    if (/^ ?\S/.test(l)) m.set(i + 1, ++k);
  });
  return m;
}

function lostPackets(scenario: string, client: string, server: string): Array<[string, number[]]> {
  const ct = text(scenario, client);
  const st = text(scenario, server);
  const r = pairCaptures(viewOf(ct), viewOf(st));
  expect(r.pairs).toHaveLength(1);
  const pc = packetOf(ct);
  const ps = packetOf(st);
  return r.pairs[0].findings
    .filter((f): f is Extract<CorrFinding, { code: 'corr.lost_in_path' }> => f.code === 'corr.lost_in_path')
    .map((f) => [f.dir, f.lines.map((l) => ((f.dir === 'c2s' ? pc : ps).get(l) as number))]);
}

describe('the lost copy is the original transmission, in every rendering pairing', () => {
  for (const c of STYLES) {
    for (const s of STYLES) {
      it(`nat-drops client-${c} × server-${s}: client packets 7, 26, 48, 63, 81 lost (49, 75, 83, 85 are the copies that arrived)`, () => {
        expect(lostPackets('nat-drops', `client-${c}`, `server-${s}`)).toEqual([
          ['c2s', [7]],
          ['c2s', [26]],
          ['c2s', [48]],
          ['c2s', [63]],
          ['c2s', [81]],
        ]);
      });
      it(`nat-drops-down client-${c} × server-${s}: server packets 9 and 28 lost (36 and 48, their retransmissions, arrived)`, () => {
        expect(lostPackets('nat-drops-down', `client-${c}`, `server-${s}`)).toEqual([
          ['s2c', [9]],
          ['s2c', [28]],
        ]);
      });
    }
  }
});

describe('nat-drops-down (client.txt -n -tttt, server.txt -nn -S -tttt -v)', () => {
  const r = pairCaptures(viewOf(text('nat-drops-down', 'client')), viewOf(text('nat-drops-down', 'server')));
  const p = r.pairs[0];

  it('reports server lines 27 and 65 (the first transmissions of seq 4345:5793 and 18825:20273) lost', () => {
    expect(p.verdict.code).toBe('corr.lost-in-path');
    expect(p.onlyServer).toEqual([27, 65]);
    expect(p.onlyClient).toEqual([]);
    expect(p.findings.filter((f) => f.code === 'corr.lost_in_path')).toEqual([
      { code: 'corr.lost_in_path', dir: 's2c', count: 1, role: 'data', position: 'middle', lines: [27] },
      { code: 'corr.lost_in_path', dir: 's2c', count: 1, role: 'data', position: 'middle', lines: [65] },
    ]);
  });

  it('pairs the client copies (lines 34, 46) with the retransmissions (server lines 81, 105), a few µs of path delay', () => {
    const copies = p.timeline.filter((e) => e.kind === 'both' && (e.client?.rec.line === 34 || e.client?.rec.line === 46));
    expect(copies.map((e) => [e.client?.rec.line, e.server?.rec.line])).toEqual([
      [34, 81],
      [46, 105],
    ]);
    for (const e of copies) expect(e.delay as number).toBeLessThan(0.00001);
    expect(p.clock?.rtt).toBeCloseTo(0.000007, 7);
  });
});
