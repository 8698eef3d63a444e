// The streaming pipeline shared by the "track" and "explain" stages of scripts/bench.mjs: a tcpdump text file
// through input → grammar → tracker, optionally → explanations (en). A module of its own (no command-line entry),
// so both stage files can import it.

import { createReadStream } from 'node:fs';
import { parseRecords } from '../grammar/index';
import { explainSegment, explainVerdict } from '../src/explain/index';
import { readRecords } from '../src/input/index';
import { createTracker } from '../src/track/index';

export interface Result {
  lines: number;
  records: number;
  tcp: number;
  parseMs: number;
  trackMs: number;
  connections: number;
}

export async function pipeline(file: string, explain: boolean): Promise<Result> {
  const tracker = createTracker();
  let lines = 0;
  let records = 0;
  let tcp = 0;
  let parseMs = 0;
  let trackMs = 0;
  let connections = 0;
  let words = 0;
  const input = createReadStream(file, { encoding: 'latin1', highWaterMark: 64 * 1024 });
  for await (const raws of readRecords(input)) {
    const t0 = performance.now();
    const recs = parseRecords(raws);
    const t1 = performance.now();
    parseMs += t1 - t0;
    for (const rec of recs) {
      records++;
      lines = rec.endLine;
      const { analysis, closed } = tracker.push(rec);
      connections += closed.length;
      if (rec.kind === 'tcp') {
        tcp++;
        if (explain && analysis) words += explainSegment(rec, analysis, 'en').length;
      }
      if (explain) for (const v of closed) words += explainVerdict(v, 'en').summary.length;
    }
    trackMs += performance.now() - t1;
  }
  connections += tracker.finish().length;
  if (explain && words === 0) throw new Error('explain produced nothing');
  return { lines, records, tcp, parseMs, trackMs, connections };
}

