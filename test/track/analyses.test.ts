// TrackerOptions.analyses false (what `summary` runs): no per-segment analysis, the same verdicts at the same lines.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import type { ConnectionVerdict } from '../../src/model/verdict';
import { createTracker, type TrackerOptions } from '../../src/track';
import { seedFiles, seedText } from '../helpers/fixtures';
import { sample, sampleFiles, track } from './helpers';

/** Every verdict with the line of the record that emitted it (0: at finish), as JSON text. */
function verdictsByLine(text: string, opts: TrackerOptions): string[] {
  const tracker = createTracker(opts);
  const out: string[] = [];
  for (const rec of parseRecords(recordsFromText(text))) {
    const r = tracker.push(rec);
    if (opts.analyses === false) expect(r.analysis).toBeNull();
    for (const v of r.closed) out.push(`${rec.line} ${JSON.stringify(v)}`);
  }
  for (const v of tracker.finishEach()) out.push(`0 ${JSON.stringify(v)}`);
  return out;
}

const SCENARIOS = readdirSync(new URL('../../samples/', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('tracking without analyses', () => {
  it('every sample capture text: the same verdicts, emitted on the same lines', () => {
    let files = 0;
    for (const scenario of SCENARIOS) {
      for (const f of sampleFiles(scenario)) {
        const text = sample(`${scenario}/${f}`);
        expect(verdictsByLine(text, { analyses: false }), `${scenario}/${f}`).toEqual(verdictsByLine(text, {}));
        files++;
      }
    }
    expect(files).toBeGreaterThan(100);
  });

  it('every seed paste (quotations, glued lines, -q, prose between captures): the same verdicts', () => {
    for (const f of seedFiles()) {
      const text = seedText(f.slice(0, 3));
      expect(verdictsByLine(text, { analyses: false }), f).toEqual(verdictsByLine(text, {}));
    }
  });

  it('a RST with no grace period and a 3-way close: verdicts on the RST and on the last ACK, as with analyses', () => {
    const abort = verdictsByLine(sample('server-abort/n.txt'), { analyses: false, resetGraceSeconds: 0 });
    expect(abort.map((l) => l.split(' ')[0])).toEqual(['6']);
    expect((JSON.parse(abort[0].slice(2)) as ConnectionVerdict).verdict).toBe('reset-by-server');
    const close = verdictsByLine(sample('handshake-close/n.txt'), { analyses: false });
    expect(close.map((l) => l.split(' ')[0])).toEqual(['11']);
    expect(JSON.parse(close[0].slice(3))).toMatchObject({ firstLine: 1, lastLine: 11, packets: { c2s: 6, s2c: 5 } });
    // The same capture with analyses: 11 segments analysed.
    expect(track(sample('handshake-close/n.txt')).segments).toHaveLength(11);
  });
});
