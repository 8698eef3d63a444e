// Benchmark stage "explain" (used by scripts/bench.mjs), and a micro-benchmark of the explain calls alone.
//
// The stage `run` streams a file through input → grammar → tracker → explain (en), the whole text pipeline minus output.
// Run directly (bundled with esbuild), it times only what src/report/annotate.ts calls in src/explain, in CPU time:
//   node bench-explain.mjs FILE... [--lines 300000] [--reps 5] [--lang en|zh-CN|both] [--seq relative|absolute] [--hot] [--digest]
// The records are parsed and tracked once up front; each rep then explains the same (record, analysis) pairs and
// verdicts. `--digest` prints a hash of every produced note and verdict text instead: equal digests before and after a
// change mean byte-identical output on that input.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseRecords } from '../grammar/index';
import type { LineRecord } from '../src/model/line-result';
import type { SegmentAnalysis } from '../src/model/segment';
import type { ConnectionVerdict } from '../src/model/verdict';
import type { Lang, Note } from '../src/explain/index';
import { explainRecordNotes, explainSegmentNotes, explainVerdictText, untrackedSegmentNotes } from '../src/explain/index';
import { recordsFromText } from '../src/input/index';
import { pipeline, type Result } from './bench-pipeline';
import { createTracker } from '../src/track/index';

/** Stage "explain" of scripts/bench.mjs: readRecords → parseRecords → tracker.push → explainSegment/explainVerdict (en). */
export function run(source: { file: string }): Promise<Result> {
  return pipeline(source.file, true);
}

/** One record as the annotator sees it: the record, its analysis, and the verdicts that closed on it. */
interface Tracked {
  rec: LineRecord;
  analysis: SegmentAnalysis | null;
  closed: ConnectionVerdict[];
}

function trackRecords(recs: readonly LineRecord[]): Tracked[] {
  const tracker = createTracker();
  const out: Tracked[] = [];
  for (const rec of recs) {
    const { analysis, closed } = tracker.push(rec);
    out.push({ rec, analysis, closed });
  }
  const last = out[out.length - 1];
  if (last) last.closed = last.closed.concat(tracker.finish());
  return out;
}

/** The explain calls of src/report/annotate.ts createAnnotator, for one record. */
function explainOne(t: Tracked, lang: Lang, seq: 'relative' | 'absolute'): Note[] {
  const { rec, analysis } = t;
  if (rec.kind === 'tcp') return analysis ? explainSegmentNotes(rec, analysis, lang, { seq }) : untrackedSegmentNotes(lang);
  return explainRecordNotes(rec, lang);
}

/** Explains every item (notes and verdict texts), adding the counts to `acc` so that nothing is optimised away. */
function explainAll(items: readonly Tracked[], lang: Lang, seq: 'relative' | 'absolute', acc: { notes: number; bytes: number }): void {
  for (const t of items) {
    const ns = explainOne(t, lang, seq);
    acc.notes += ns.length;
    for (const n of ns) acc.bytes += n.text.length;
    for (const v of t.closed) acc.bytes += explainVerdictText(v, lang).summary.length;
  }
}

function time(items: readonly Tracked[], lang: Lang, seq: 'relative' | 'absolute'): { us: number; notes: number; bytes: number } {
  const acc = { notes: 0, bytes: 0 };
  const t0 = process.cpuUsage();
  explainAll(items, lang, seq, acc);
  const d = process.cpuUsage(t0);
  return { us: (d.user + d.system) / items.length, ...acc };
}

/**
 * The annotator explains each record right after the tracker made its analysis, so both are still in the CPU cache;
 * walking 300k tracked records again would mostly time cache misses. This mode re-tracks the records in batches of
 * 256 (untimed) and times explaining each batch while it is hot.
 */
function timeHot(recs: readonly LineRecord[], lang: Lang, seq: 'relative' | 'absolute'): { us: number; notes: number; bytes: number } {
  const acc = { notes: 0, bytes: 0 };
  let cpu = 0;
  const tracker = createTracker();
  const batch: Tracked[] = [];
  for (let i = 0; i < recs.length; i += 256) {
    batch.length = 0;
    for (let j = i; j < i + 256 && j < recs.length; j++) {
      const { analysis, closed } = tracker.push(recs[j]);
      batch.push({ rec: recs[j], analysis, closed });
    }
    const t0 = process.cpuUsage();
    explainAll(batch, lang, seq, acc);
    const d = process.cpuUsage(t0);
    cpu += d.user + d.system;
  }
  return { us: cpu / recs.length, ...acc };
}

function digest(items: readonly Tracked[], lang: Lang, seq: 'relative' | 'absolute'): string {
  const h = createHash('sha256');
  for (const t of items) {
    for (const n of explainOne(t, lang, seq)) h.update(`${n.kind}|${n.severity ?? ''}|${n.code ?? ''}|${n.text}\n`);
    for (const v of t.closed) h.update(JSON.stringify(explainVerdictText(v, lang)));
  }
  return h.digest('hex').slice(0, 16);
}

function main(argv: string[]): void {
  const arg = (name: string, dflt: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
  };
  const files = argv.filter((a, i) => !a.startsWith('--') && (i === 0 || !argv[i - 1].startsWith('--') || argv[i - 1] === '--digest'));
  if (files.length === 0) throw new Error('usage: bench-explain FILE [--lines N] [--reps N] [--lang en|zh-CN|both] [--seq relative|absolute] [--hot] [--digest]');
  const maxLines = Number(arg('lines', '300000'));
  const reps = Number(arg('reps', '5'));
  const langArg = arg('lang', 'both');
  const langs: Lang[] = langArg === 'both' ? ['en', 'zh-CN'] : [langArg as Lang];
  const seqs: Array<'relative' | 'absolute'> = argv.includes('--digest') ? ['relative', 'absolute'] : [arg('seq', 'relative') as 'relative' | 'absolute'];

  // Each file is tracked on its own (a capture each); the items are then explained in one run.
  const items: Tracked[] = [];
  const recs: LineRecord[] = [];
  for (const file of files) {
    let text = readFileSync(file, 'latin1');
    let at = -1;
    for (let n = 0; n < maxLines; n++) {
      at = text.indexOf('\n', at + 1);
      if (at < 0) break;
    }
    if (at >= 0) text = text.slice(0, at + 1);
    const fileRecs = parseRecords(recordsFromText(text));
    for (const r of fileRecs) recs.push(r);
    for (const t of trackRecords(fileRecs)) items.push(t);
  }
  const tcp = items.filter((t) => t.rec.kind === 'tcp').length;
  console.log(`${items.length} records (${tcp} tcp) from ${files.length === 1 ? files[0] : `${files.length} files`}`);

  if (argv.includes('--digest')) {
    for (const lang of langs) for (const seq of seqs) console.log(`digest ${lang} ${seq} ${digest(items, lang, seq)}`);
    return;
  }
  const hot = argv.includes('--hot');
  for (const lang of langs) {
    const runs: number[] = [];
    let last = { us: 0, notes: 0, bytes: 0 };
    for (let r = 0; r < reps; r++) {
      last = hot ? timeHot(recs, lang, seqs[0]) : time(items, lang, seqs[0]);
      runs.push(last.us);
    }
    runs.sort((x, y) => x - y);
    console.log(
      `${lang.padEnd(5)} ${seqs[0]}${hot ? ' hot' : ''}: median ${runs[Math.floor(runs.length / 2)].toFixed(3)} µs/record CPU (min ${runs[0].toFixed(3)}); ` +
        `${(last.notes / items.length).toFixed(2)} notes, ${(last.bytes / items.length).toFixed(0)} chars per record`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
