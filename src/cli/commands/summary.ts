// `tcplain summary [FILE...]`: one row per connection and the expert-info block, from the tracker's verdicts only
// (no per-line explanation is built: the cost is parsing and tracking).

import type { Lang } from '../../explain';
import { CLI_WORDS, langFromEnv, parseLang } from '../../explain';
import type { ConnectionVerdict } from '../../model/verdict';
import { formatSummaryCsvPieces, formatSummaryJsonPieces, formatSummaryMarkdownPieces, formatSummaryTextPieces } from '../../report/format-summary';
import { ByteSink } from '../../report/byte-sink';
import { endsMatch, packetWindow, verdictMatch } from '../../report/select';
import { SummaryCollector, type SummarySort } from '../../report/summary';
import { createTracker } from '../../track';
import { SIGNAL_EXIT, watchStopSignals } from '../interrupt';
import { readParsed } from '../read-parse';
import { CliError, CliExit, FLUSH_BYTES, sayErr, writeOut } from '../io';
import type { CliIO } from '../io';
import { failOnOf, fails, parseSelection, type SelectArgs } from '../selection';
import { openInput, type InputSource } from '../sources';
import { SummaryRunFile, summaryBytes } from '../summary-store';
import type { SUMMARY_FORMATS } from './specs';


export interface SummaryArgs extends SelectArgs {
  files: string[] | undefined;
  lang: string | undefined;
  format: (typeof SUMMARY_FORMATS)[number] | undefined;
  sort: SummarySort | undefined;
  filter: string | undefined;
  io: CliIO;
}


/** Columns of the terminal the table is printed on; piped output is never cut (a script or a file gets every column). */
function tableWidth(io: CliIO): number {
  if (io.stdout.isTTY !== true) return Infinity;
  const cols = (io.stdout as NodeJS.WriteStream).columns;
  return typeof cols === 'number' && cols > 0 ? cols : 80;
}

export async function runSummary(args: SummaryArgs): Promise<void> {
  const files = args.files && args.files.length > 0 ? args.files.map((f) => (f === '' ? '-' : String(f))) : ['-'];
  const multi = files.length > 1;
  const sort = args.sort ?? 'start';
  // Rows past the budget go to a temporary file as sorted runs (src/report/summary.ts): memory flat in input length.
  const store = new SummaryRunFile();
  const collector = new SummaryCollector(multi, files, { store, budget: summaryBytes(args.io.env), sort });
  try {
    await summarize(args, files, collector, sort);
  } finally {
    store.close();
  }
}

async function summarize(args: SummaryArgs, files: string[], collector: SummaryCollector, sort: SummarySort): Promise<void> {
  const { io } = args;
  const lang: Lang = (args.lang ? parseLang(args.lang) : null) ?? langFromEnv(io.env);
  const w = CLI_WORDS[lang];
  const sel = parseSelection(args, lang);
  const failOn = failOnOf(args.failOn);
  let failed = false;
  let tripped = false;
  const stop = watchStopSignals();
  try {
    for (const file of files) {
      if (stop.signal) break;
      let src: InputSource;
      try {
        // tcpdump -c counts the same packets as the window (tcplain counts text input's itself).
        src = await openInput(file, io, { lang, filter: args.filter, count: sel.count ?? undefined });
      } catch (err) {
        if (!(err instanceof CliError)) throw err;
        sayErr(io, err.message);
        failed = true;
        continue;
      }
      // Each batch's records are dropped before the next: the tracker keeps no string of theirs.
      const input = readParsed(src, stop, io.env, { transient: true });
      const window = packetWindow(sel);
      // --from/--to: connections with a packet inside the window.
      const inWindow = new Set<string>();
      const take = (v: ConnectionVerdict): void => {
        collector.seen();
        if (window?.timed && !inWindow.delete(v.conn)) return;
        if (!endsMatch(sel, v.conn, src.name, v.client, v.server, files, v) || !verdictMatch(sel, v, true)) return;
        collector.add(v, src.name);
        if (fails(failOn, v.severity)) tripped = true;
      };
      try {
        // Rows come from verdicts alone: no per-segment analyses unless --from/--to reads their connection ids.
        const tracker = createTracker(window?.timed ? {} : { analyses: false });
        let tsharkSaid = false;
        let cut = false;
        reading: for await (const batch of input.batches) {
          for (const rec of batch) {
            const t = window ? window.take(rec) : 'show';
            if (t === 'stop') {
              cut = true;
              break reading;
            }
            if (!tsharkSaid && rec.kind === 'meta' && rec.meta === 'tshark') {
              tsharkSaid = true;
              sayErr(io, `${w.capture.tshark({ name: src.name === '-' ? w.capture.stdin : src.name })}`);
            }
            const r = tracker.push(rec);
            if (t === 'show' && window?.timed && r.analysis !== null) inWindow.add(r.analysis.conn);
            for (const v of r.closed) take(v);
          }
        }
        for (const v of tracker.finishEach()) take(v);
        // -c N reached: the rest of the input is not read (tcpdump, when it reads a pcap, is stopped by close()).
        if (!cut && !stop.signal) {
          const failure = await src.finish();
          if (failure) {
            sayErr(io, failure);
            failed = true;
          }
        }
      } finally {
        input.release();
        await src.close();
      }
    }
  } finally {
    stop.dispose();
  }
  if (stop.signal) sayErr(io, `${w.summaryInterrupted({ signal: stop.signal })}`);
  const data = collector.result(sort);
  const format = args.format ?? 'text';
  const pieces =
    format === 'json'
      ? formatSummaryJsonPieces(data)
      : format === 'csv'
        ? formatSummaryCsvPieces(data)
        : format === 'markdown'
          ? formatSummaryMarkdownPieces(data, lang)
          : formatSummaryTextPieces(data, { lang, width: tableWidth(io), terminal: io.stdout.isTTY === true });
  // Written in ~1 MB pieces as the rows are formatted: the whole table as one string (and its UTF-8 copy) was
  // several times the rows' own memory on a large capture.
  const out = new ByteSink();
  for (const piece of pieces) {
    out.text(piece);
    if (out.size >= FLUSH_BYTES) await writeOut(io.stdout, out.take());
  }
  await writeOut(io.stdout, out.take());
  // JSON and CSV have no place for the sentence the text table prints: it goes to stderr, as explain says it.
  if ((format === 'json' || format === 'csv') && data.rows.length === 0 && data.read > 0) sayErr(io, w.errors.noneSelected({ read: data.read }));
  if (stop.signal) throw new CliExit(SIGNAL_EXIT[stop.signal]);
  if (failed) throw new CliExit(2);
  if (tripped) throw new CliExit(1);
}

export { summaryCommand } from './specs';
