// `tcplain explain [FILE...]` (also the default command): annotate tcpdump text from files or stdin.

import { openSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import tty from 'node:tty';
import { parseRecords } from '../../../grammar';
import { readRecords } from '../../input';
import type { Lang } from '../../explain';
import { CLI_WORDS, langFromEnv, parseLang } from '../../explain';
import { annotateText, createAnnotator, escapeJsonControls, formatJson, formatText, showControls } from '../../report';
import type { ReportItem } from '../../report';
import { endEarly, SIGNAL_EXIT, watchStopSignals, type StopWatch } from '../interrupt';
import { CliError, CliExit, OutputBatch, writeOut, sayErr } from '../io';
import type { CliIO } from '../io';
import { openInput, type InputSource } from '../sources';
import { chooseOutputMode, parseColorChoice, useColor } from '../terminal';
import type { OutputFormat } from '../terminal';

/** Output characters gathered before a write while end-of-input verdicts are formatted. */
const FLUSH_CHARS = 1 << 20;

/** Characters per piece the redactor reads (src/report/redact.ts createPieceSplitter); TCPLAIN_PIECE_CHARS sets it for tests. */
const PIECE_CHARS = 16 << 20;
const pieceChars = (io: CliIO): number => {
  const n = Number(io.env.TCPLAIN_PIECE_CHARS);
  return Number.isInteger(n) && n > 0 ? n : PIECE_CHARS;
};

/** Input characters --format markdown reads at most (see markdownTooLarge); TCPLAIN_MARKDOWN_CHARS sets it for tests. */
const MARKDOWN_CHARS = 192 << 20;
const markdownChars = (io: CliIO): number => {
  const n = Number(io.env.TCPLAIN_MARKDOWN_CHARS);
  return Number.isInteger(n) && n > 0 ? n : MARKDOWN_CHARS;
};

/** The whole input as pieces of about `size` characters cut between records, never one string. */
async function readPieces(stream: NodeJS.ReadableStream, size: number): Promise<string[]> {
  const { createPieceSplitter } = await import('../../report/redact');
  const split = createPieceSplitter(size);
  const decoder = new StringDecoder('utf8');
  const pieces: string[] = [];
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    for (const p of split.push(text)) pieces.push(p);
  }
  for (const p of split.push(decoder.end())) pieces.push(p);
  for (const p of split.end()) pieces.push(p);
  return pieces;
}

export interface ExplainArgs {
  files: string[] | undefined;
  lang: string | undefined;
  format: OutputFormat | undefined;
  seq: 'relative' | 'absolute';
  color: unknown;
  redact: boolean | undefined;
  maxLines: number | undefined;
  step: boolean | undefined;
  quiz: boolean | undefined;
  conn: string | undefined;
  seed: number | undefined;
  filter: string | undefined;
  count: number | undefined;
  io: CliIO;
}

/** `==> NAME <==` before each file's output (as `tail`), the name's control characters shown on a terminal. */
function fileHeader(name: string, io: CliIO): string {
  return `==> ${io.stdout.isTTY === true ? showControls(name) : name} <==\n`;
}

/** `terminal`: stdout is a TTY, so the text shows the input's control characters visibly (README). */
function render(mode: 'text' | 'json', lang: Lang, color: boolean, terminal: boolean): (item: ReportItem) => string {
  // JSON on a terminal: C1 controls and bidi overrides as \u escapes (same values once parsed); a pipe gets exact bytes.
  if (mode === 'json') return terminal ? (item) => escapeJsonControls(formatJson(item)) : formatJson;
  return (item) => formatText(item, { lang, color, terminal });
}

/** A fresh keyboard stream on the controlling terminal, or undefined (the viewer then says why it cannot start). */
function ttyKeys(): tty.ReadStream | undefined {
  try {
    return new tty.ReadStream(openSync('/dev/tty', 'r'));
  } catch {
    return undefined;
  }
}

/** The input read through a pass-through that a signal can end early (a clean end of input for the pipeline). */
function stoppable(src: InputSource, stop: StopWatch | null): { stream: NodeJS.ReadableStream; release: () => void } {
  if (!stop) return { stream: src.stream, release: () => {} };
  const through = new PassThrough();
  src.stream.on('error', (err) => through.destroy(err));
  src.stream.pipe(through);
  const release = stop.watch(() => endEarly(src.stream, through));
  return { stream: through, release };
}

export async function runExplain(args: ExplainArgs): Promise<void> {
  const { io } = args;
  const lang: Lang = (args.lang ? parseLang(args.lang) : null) ?? langFromEnv(io.env);
  const w = CLI_WORDS[lang];
  let mode = chooseOutputMode({ format: args.format, stdoutIsTTY: io.stdout.isTTY === true, env: io.env });
  const files = args.files && args.files.length > 0 ? args.files.map((f) => (f === '' ? '-' : String(f))) : ['-'];
  if (args.maxLines !== undefined && !(Number.isInteger(args.maxLines) && args.maxLines > 0)) throw new CliError(w.errors.maxLines);
  if (args.count !== undefined && !(Number.isInteger(args.count) && args.count > 0)) throw new CliError(w.errors.count);
  const color = useColor({ choice: parseColorChoice(args.color), stdoutIsTTY: io.stdout.isTTY === true, env: io.env });
  const capture = { lang, filter: args.filter, count: args.count };
  if (args.step || args.quiz) {
    // Step mode and the quiz teach on one capture (a class's own): the lesson engine with this file instead of a bundled sample.
    if (files.length > 1) throw new CliError(w.errors.stepOneCapture);
    if (args.format === 'json') throw new CliError(w.errors.stepNoJson);
    const format = args.format === 'markdown' ? 'markdown' : args.format === 'text' ? 'text' : 'auto';
    const run = { file: files[0], io, lang: args.lang, format, seq: args.seq, conn: args.conn } as const;
    // Loaded on use, like the handout and the redactor below: plain text output never pays for them (startup).
    const { runQuiz, runStep } = await import('./lesson');
    if (args.quiz) await runQuiz({ ...run, seed: args.seed });
    else await runStep(run);
    return;
  }
  if (mode === 'tui' && (files.length > 1 || args.redact)) mode = 'text';
  // Like cat: a file that cannot be read is said on stderr, the others are still explained, and the exit status is 2.
  let failed = false;
  const fail = (err: unknown): void => {
    if (!(err instanceof CliError)) throw err;
    sayErr(io, `${err.message}`);
    failed = true;
  };
  if (mode === 'tui') {
    let source: InputSource;
    try {
      source = await openInput(files[0], io, capture);
    } catch (err) {
      fail(err);
      throw new CliExit(2);
    }
    // A paste was read from the terminal up to Ctrl-D: that stdin has ended, so the keys come from /dev/tty.
    const keys = files[0] === '-' && io.stdin.isTTY ? ttyKeys() : undefined;
    try {
      const stdout = io.stdout as NodeJS.WriteStream;
      // The viewer (Ink, React, the TUI) loads only now: text and JSON output never pay for it (startup).
      const { runTui } = await import('../tui-entry');
      const result = await runTui({ input: source.stream, source: source.name === '-' ? 'stdin' : source.name, lang, seq: args.seq, maxLines: args.maxLines, stdout, keys });
      if (result.kind === 'closed') return;
      sayErr(io, `${w.errors.noViewer({ reason: result.reason })}`);
      // The viewer never started reading: explain the same input as text.
      await explainSources([source], files, args, 'text', lang, color, io, null, fail);
    } finally {
      keys?.destroy();
      await source.close();
    }
    if (failed) throw new CliExit(2);
    return;
  }
  const stop = watchStopSignals();
  try {
    await explainSources(null, files, args, mode, lang, color, io, stop, fail);
  } finally {
    stop.dispose();
  }
  if (stop.signal) throw new CliExit(SIGNAL_EXIT[stop.signal]);
  if (failed) throw new CliExit(2);
}

async function explainSources(
  opened: InputSource[] | null,
  files: readonly string[],
  args: ExplainArgs,
  mode: 'text' | 'json' | 'markdown',
  lang: Lang,
  color: boolean,
  io: CliIO,
  stop: StopWatch | null,
  fail: (err: unknown) => void,
): Promise<void> {
  // One redactor across all files: the same host keeps the same stand-in everywhere.
  const redactor = args.redact ? (await import('../../report/redact')).createRedactor() : null;
  const format = render(mode === 'json' ? 'json' : 'text', lang, mode === 'text' && color, io.stdout.isTTY === true);
  for (let i = 0; i < files.length; i++) {
    if (stop?.signal) break;
    let src: InputSource;
    try {
      src = opened?.[i] ?? (await openInput(files[i], io, { lang, filter: args.filter, count: args.count }));
    } catch (err) {
      fail(err);
      continue;
    }
    const input = stoppable(src, stop);
    try {
      if (files.length > 1 && mode === 'text') await writeOut(io.stdout, fileHeader(src.name, io));
      if (mode === 'markdown' || redactor) {
        // Neither the input nor the output is ever one string (V8 stops at 512 MiB): the redactor reads the input
        // as pieces cut between records, and the handout is written a few hundred lines at a time.
        const source = redactor ? Readable.from(redactor.redactPieces(await readPieces(input.stream, pieceChars(io)))) : input.stream;
        if (mode === 'markdown') {
          const title = src.name === '-' ? 'tcpdump' : src.name;
          const { formatMarkdownPieces } = await import('../../report/format-markdown');
          const annotator = createAnnotator({ lang, seq: args.seq });
          const items: ReportItem[] = [];
          // The handout keeps every record's view (~10 bytes of memory per input byte, measured): refused past a limit.
          const limit = markdownChars(io);
          let chars = 0;
          for await (const batch of readRecords(source)) {
            for (const rec of parseRecords(batch)) {
              chars += rec.raw.length + 1;
              if (chars > limit) throw new CliError(CLI_WORDS[lang].errors.markdownTooLarge({ size: limit >= 2 ** 20 ? `${Math.round(limit / 2 ** 20)} MiB` : `${Math.round(limit / 1024)} KiB` }), 2, false);
              for (const it of annotator.push(rec)) items.push(it);
            }
          }
          for (const it of annotator.finish()) items.push(it);
          const out = new OutputBatch();
          for (const piece of formatMarkdownPieces(items, { lang, title, numbering: args.seq, redacted: args.redact === true })) {
            out.add(io.stdout.isTTY === true ? showControls(piece) : piece);
            if (out.size >= FLUSH_CHARS) await writeOut(io.stdout, out.take());
          }
          await writeOut(io.stdout, out.take());
        } else await annotateStream(source, src.name, format, lang, args, io, stop);
      } else {
        await annotateStream(input.stream, src.name, format, lang, args, io, stop);
      }
      if (!stop?.signal) {
        const failure = await src.finish();
        if (failure) fail(new CliError(failure, 2, false));
      }
    } finally {
      input.release();
      await src.close();
    }
  }
}

/** Text or JSON Lines, packet by packet as the input arrives; at its end (or a stop signal) the verdicts still pending. */
async function annotateStream(
  stream: NodeJS.ReadableStream,
  name: string,
  format: (item: ReportItem) => string,
  lang: Lang,
  args: ExplainArgs,
  io: CliIO,
  stop: StopWatch | null,
): Promise<void> {
  const w = CLI_WORDS[lang];
  const annotator = createAnnotator({ lang, seq: args.seq });
  const out = new OutputBatch();
  let tsharkSaid = false;
  // One write per batch: a batch holds the records that completed together, so a live pipe still sees each packet as it arrives.
  for await (const batch of readRecords(stream)) {
    for (const rec of parseRecords(batch)) {
      if (!tsharkSaid && rec.kind === 'meta' && rec.meta === 'tshark') {
        tsharkSaid = true;
        sayErr(io, `${w.capture.tshark({ name: name === '-' ? w.capture.stdin : name })}`);
      }
      for (const item of annotator.push(rec)) out.add(format(item));
    }
    await writeOut(io.stdout, out.take());
  }
  // End of input closes every connection still open, thousands at once after a scan: written in ~1 MB pieces
  // (one batch of 200k verdicts took 1.5 GB: the lines, then a buffer three times their length).
  let said = false;
  for (const item of annotator.finishEach()) {
    if (!said && stop?.signal) {
      said = true;
      await writeOut(io.stdout, out.take());
      sayErr(io, `${w.interrupted({ signal: stop.signal })}`);
    }
    out.add(format(item));
    if (out.size >= FLUSH_CHARS) await writeOut(io.stdout, out.take());
  }
  await writeOut(io.stdout, out.take());
}

// The command's definition (help, options) lives in specs.ts, which loads this module only to run it.
export { explainCommand } from './specs';
