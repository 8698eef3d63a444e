// Benchmark stages "track" and "explain": stream a tcpdump text file through input → grammar → tracker (→ explain).
//
// Used by scripts/bench.mjs: stage "track" is `run` here, stage "explain" is scripts/bench-explain.ts; both stream through scripts/bench-pipeline.ts.
// Run on its own, it measures tracker.push alone in CPU time (records parsed once up front):
//   npx esbuild scripts/bench-track.ts --bundle --platform=node --format=esm --outfile=.tmp/bt.mjs \
//     --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
//   node .tmp/bt.mjs bench-data/big-n.txt [lines=300000] [reps=5]

import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseRecords } from '../grammar/index';
import { recordsFromText } from '../src/input/index';
import { pipeline, type Result } from './bench-pipeline';
import { createTracker } from '../src/track/index';

export function run(source: { file: string }): Promise<Result> {
  return pipeline(source.file, false);
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
