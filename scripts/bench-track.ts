// Benchmark stages "track" and "explain": stream a tcpdump text file through input → grammar → tracker (→ explain).
//
// Used by scripts/bench.mjs: stage "track" is `run` here, stage "explain" is scripts/bench-explain.ts (`runExplain`).
// Run on its own, it measures tracker.push alone in CPU time (records parsed once up front):
//   npx esbuild scripts/bench-track.ts --bundle --platform=node --format=esm --outfile=.tmp/bt.mjs \
//     --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
//   node .tmp/bt.mjs bench-data/big-n.txt [lines=300000] [reps=5]

import { createReadStream, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseRecords } from '../grammar/index';
import { explainSegment, explainVerdict } from '../src/explain/index';
import { readRecords, recordsFromText } from '../src/input/index';
import { createTracker } from '../src/track/index';

interface Result {
  lines: number;
  records: number;
  tcp: number;
  parseMs: number;
  trackMs: number;
  connections: number;
}

async function pipeline(file: string, explain: boolean): Promise<Result> {
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

export function run(source: { file: string }): Promise<Result> {
  return pipeline(source.file, false);
}

export function runExplain(source: { file: string }): Promise<Result> {
  return pipeline(source.file, true);
}

/**
 * CPU µs per record of tracker.push over the first `lines` lines, per rep. CPU time (process.cpuUsage), not wall time:
 * the bench machine is shared. The records stay in memory, so every rep reads them cold, unlike the streaming pipeline.
 */
export function pushCpu(file: string, lines: number, reps: number): number[] {
  const text = readFileSync(file, 'latin1');
  let end = -1;
  for (let n = 0; n < lines; n++) {
    const next = text.indexOf('\n', end + 1);
    if (next < 0) {
      end = text.length - 1;
      break;
    }
    end = next;
  }
  const recs = parseRecords(recordsFromText(text.slice(0, end + 1)));
  const out: number[] = [];
  for (let r = 0; r < reps; r++) {
    const tracker = createTracker();
    const c = process.cpuUsage();
    for (let i = 0; i < recs.length; i++) tracker.push(recs[i]);
    tracker.finish();
    const d = process.cpuUsage(c);
    out.push((d.user + d.system) / recs.length);
  }
  return out;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file, lines = '300000', reps = '5'] = process.argv.slice(2);
  const us = pushCpu(file, Number(lines), Number(reps));
  const sorted = us.slice().sort((a, b) => a - b);
  console.log(`tracker.push: ${us.map((x) => x.toFixed(3)).join(' ')} µs/record (CPU); median ${sorted[sorted.length >> 1].toFixed(3)}, min ${sorted[0].toFixed(3)}`);
}
