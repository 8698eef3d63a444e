// `tcplain explain [FILE...]` (also the default command): annotate tcpdump text from files or stdin.

import { basename } from 'node:path';
import { fstatSync, openSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import tty from 'node:tty';
import { parseRecords } from '../../../grammar';
import { readRecords } from '../../input';
import type { Lang } from '../../explain';
import type { LineRecord } from '../../model';
import { CLI_WORDS, langFromEnv, parseLang } from '../../explain';
import { ByteSink, createAnnotator, escapeJsonControls, jsonFormatter, jsonWriter, showControls, writeText } from '../../report';
import type { AnnotateOptions, ReportItem } from '../../report';
import { SIGNAL_EXIT, stoppable, watchStopSignals, type StopWatch } from '../interrupt';
import { CliError, CliExit, FLUSH_BYTES, writeOut, sayErr } from '../io';
import type { CliIO } from '../io';
import { parseStream, readParsed } from '../read-parse';
import { openInput, type InputSource } from '../sources';
import { createItemFilter, createItemRouter, needsVerdict, packetWindow, selects, type ItemFilter, type ItemRouter, type Selection } from '../../report/select';
import { HOLD_BYTES, HeldOutput } from '../held-lines';
import { failOnOf, fails, parseSelection, type FailOn, type SelectArgs } from '../selection';
import { chooseOutputMode, parseColorChoice, useColor } from '../terminal';
import type { OutputFormat } from '../terminal';

/** Standard input is a regular file (`tcplain < capture.txt`), not a pipe or a terminal. */
function stdinIsFile(): boolean {
  try {
    return fstatSync(0).isFile();
  } catch {
    return false;
  }
}


/** Characters per piece the redactor reads (src/report/redact.ts createPieceSplitter); TCPLAIN_PIECE_CHARS sets it for tests. */
const PIECE_CHARS = 16 << 20;
const pieceChars = (io: CliIO): number => {
  const n = Number(io.env.TCPLAIN_PIECE_CHARS);
  return Number.isInteger(n) && n > 0 ? n : PIECE_CHARS;
};

/**
 * Input characters --format markdown reads at most (see markdownTooLarge); TCPLAIN_MARKDOWN_CHARS sets it for tests.
 * The handout keeps every record's view: up to ~37 bytes of memory per input byte (a pipe of data segments: 64 MiB
 * peaked at 2.4 GB; at the former 192 MiB limit V8 ran out of heap at 4 GB before the limit was reached), so 32 MiB
 * (~1.2 GB at worst), already a handout of some 300,000 lines.
 */
const MARKDOWN_CHARS = 32 << 20;

/** Bytes of a text input that is a regular file (named, or redirected to stdin), else null (a pipe, a terminal). */
function textFileSize(src: InputSource): number | null {
  if (src.viaTcpdump) return null;
  try {
    const st = src.name === '-' ? fstatSync(0) : statSync(src.name);
    return st.isFile() ? st.size : null;
  } catch {
    return null;
  }
}
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

export interface ExplainArgs extends SelectArgs {
  files: string[] | undefined;
  lang: string | undefined;
  format: OutputFormat | undefined;
  seq: 'relative' | 'absolute';
  notes: boolean | undefined;
  color: unknown;
  redact: boolean | undefined;
  maxLines: number | undefined;
  maxOpen: number | undefined;
  step: boolean | undefined;
  quiz: boolean | undefined;
  seed: number | undefined;
  /** With --quiz: a class vote (options shown, the answer revealed on a key). */
  vote?: boolean;
  filter: string | undefined;
  io: CliIO;
}

/** What one run shows (--conn, --host, ... -c) and whether a shown connection trips --fail-on. */
interface Shown {
  sel: Selection;
  failOn: FailOn | null;
  /** Set when a connection shown reached --fail-on's severity. */
  tripped: boolean;
  /** Connections read (selected or not) and connections shown: none shown of some read is said on stderr. */
  read: number;
  shownCount: number;
}

/** The tcpdump -c for a pcap: the same count (tcplain counts the packets of text input itself). */
const tcpdumpCount = (sel: Selection): number | undefined => sel.count ?? undefined;

/** Counts a connection read (before the selection) and one shown (noting whether it trips --fail-on). */
function countRead(shown: Shown, item: ReportItem): void {
  if (item.kind === 'connection') shown.read++;
}
function countShown(shown: Shown, item: ReportItem): void {
  if (item.kind !== 'connection') return;
  shown.shownCount++;
  if (fails(shown.failOn, item.verdict.severity)) shown.tripped = true;
}

/** The output filter of one input, noting every verdict it lets through for --fail-on (the handout's: it holds every item anyway). */
function itemFilter(shown: Shown, file: string, inputs: readonly string[]): ItemFilter {
  const inner = createItemFilter(shown.sel, file, inputs);
  return {
    push(item, hidden) {
      countRead(shown, item);
      const out = inner.push(item, hidden);
      for (const it of out) countShown(shown, it);
      return out;
    },
  };
}

/** The output router of one input for text and JSON: held lines kept by `held` (memory, then a temporary file). */
function itemRouter(shown: Shown, file: string, inputs: readonly string[], held: HeldOutput): ItemRouter {
  const inner = createItemRouter(shown.sel, file, inputs, held);
  return {
    push(item, hidden, show) {
      countRead(shown, item);
      inner.push(item, hidden, (it) => {
        countShown(shown, it);
        show(it);
      });
    },
  };
}

/** Bytes of held lines kept in memory (HOLD_BYTES); TCPLAIN_HOLD_BYTES sets it for tests. */
const holdBytes = (io: CliIO): number => {
  const n = Number(io.env.TCPLAIN_HOLD_BYTES);
  return Number.isInteger(n) && n > 0 ? n : HOLD_BYTES;
};

/** Connections were read but the selection showed none: said on stderr (stdout stays the selection's output). */
function sayNoneSelected(shown: Shown, io: CliIO, lang: Lang): void {
  if (shown.read > 0 && shown.shownCount === 0) sayErr(io, CLI_WORDS[lang].errors.noneSelected({ read: shown.read }));
}

/** `==> NAME <==` before each file's output (as `tail`), the name's control characters shown on a terminal. */
function fileHeader(name: string, io: CliIO): string {
  return `==> ${io.stdout.isTTY === true ? showControls(name) : name} <==\n`;
}

/**
 * `terminal`: stdout is a TTY, so the text shows the input's control characters visibly (README). JSON: the notes
 * only with `--notes`, and `file` on every object when several inputs are explained together; on a terminal C1
 * controls and bidi overrides as \u escapes (same values once parsed), in a pipe the exact bytes.
 */
function render(mode: 'text' | 'json', lang: Lang, color: boolean, terminal: boolean, json: { notes: boolean; file: string | null }): Render {
  if (mode === 'json') {
    if (!terminal) return jsonWriter(json);
    const f = jsonFormatter(json);
    return (item, out) => out.text(escapeJsonControls(f(item)));
  }
  const opts = { lang, color, terminal };
  return (item, out) => writeText(item, opts, out);
}

/** Writes one item's output, encoded, into the bytes of the next write. */
type Render = (item: ReportItem, out: ByteSink) => void;

/** A fresh keyboard stream on the controlling terminal, or undefined (the viewer then says why it cannot start). */
function ttyKeys(): tty.ReadStream | undefined {
  try {
    return new tty.ReadStream(openSync('/dev/tty', 'r'));
  } catch {
    return undefined;
  }
}

export async function runExplain(args: ExplainArgs): Promise<void> {
  const { io } = args;
  const lang: Lang = (args.lang ? parseLang(args.lang) : null) ?? langFromEnv(io.env);
  const w = CLI_WORDS[lang];
  let mode = chooseOutputMode({ format: args.format, stdoutIsTTY: io.stdout.isTTY === true, env: io.env });
  const files = args.files && args.files.length > 0 ? args.files.map((f) => (f === '' ? '-' : String(f))) : ['-'];
  if (args.maxLines !== undefined && !(Number.isInteger(args.maxLines) && args.maxLines > 0)) throw new CliError(w.errors.maxLines);
  if (args.maxOpen !== undefined && !(Number.isInteger(args.maxOpen) && args.maxOpen > 0)) throw new CliError(w.errors.maxOpen);
  if (args.count !== undefined && !(Number.isInteger(args.count) && args.count > 0)) throw new CliError(w.errors.count);
  const color = useColor({ choice: parseColorChoice(args.color), stdoutIsTTY: io.stdout.isTTY === true, env: io.env });
  if (args.vote && !args.quiz) throw new CliError(w.errors.voteNeedsQuiz);
  if (args.step || args.quiz) {
    // Step mode and the quiz teach on one capture (a class's own): the lesson engine with this file instead of a bundled sample.
    if (files.length > 1) throw new CliError(w.errors.stepOneCapture);
    if (args.format === 'json') throw new CliError(w.errors.stepNoJson);
    const a = args;
    if ([a.host, a.port, a.verdict, a.severity, a.only, a.from, a.to, a.failOn, a.where].some((x) => x !== undefined)) throw new CliError(w.errors.stepSelect);
    const format = args.format === 'markdown' ? 'markdown' : args.format === 'text' ? 'text' : 'auto';
    const conn = args.conn === undefined ? undefined : String(Array.isArray(args.conn) ? args.conn[args.conn.length - 1] : args.conn);
    const run = { file: files[0], io, lang: args.lang, format, seq: args.seq, conn } as const;
    // Loaded on use, like the handout and the redactor below: plain text output never pays for them (startup).
    const { runQuiz, runStep } = await import('./lesson');
    if (args.quiz) await runQuiz({ ...run, seed: args.seed, vote: args.vote });
    else await runStep(run);
    return;
  }
  const shown: Shown = { sel: parseSelection(args, lang), failOn: failOnOf(args.failOn), tripped: false, read: 0, shownCount: 0 };
  const capture = { lang, filter: args.filter, count: tcpdumpCount(shown.sel) };
  // The viewer takes -c, --from/--to, --conn/--host/--port and a --where on host, port and conn; what needs a
  // connection's verdict before its lines (--verdict, --severity, --where on its fields), --only and --fail-on print
  // text (as --redact and several files do).
  const sel = shown.sel;
  const textOnly = needsVerdict(sel) || sel.onlyProblems || shown.failOn !== null;
  if (mode === 'tui' && (files.length > 1 || args.redact || textOnly)) mode = 'text';
  // Like cat: a file that cannot be read is said on stderr, the others are still explained, and the exit status is 2.
  let failed = false;
  const fail = (err: unknown): void => {
    if (!(err instanceof CliError)) throw err;
    sayErr(io, `${err.message}`);
    failed = true;
  };
  if (mode === 'tui') {
    // A pipe (`tcpdump -l | tcplain`) is opened once the viewer is up: opening peeks its first bytes for a pcap's
    // magic number, and a quiet capture may send none for minutes. A file or a paste is opened first, as before.
    const pipe = files[0] === '-' && !io.stdin.isTTY && !stdinIsFile();
    let source: InputSource | null = null;
    let openError: unknown = null;
    if (!pipe) {
      try {
        source = await openInput(files[0], io, capture);
      } catch (err) {
        fail(err);
        throw new CliExit(2);
      }
    }
    const opening = async (): Promise<NodeJS.ReadableStream> => {
      try {
        source = await openInput(files[0], io, capture);
        return source.stream;
      } catch (err) {
        // Said once the viewer has closed (stderr is under the viewer until then).
        openError = err;
        return Readable.from([]);
      }
    };
    // A paste was read from the terminal up to Ctrl-D: that stdin has ended, so the keys come from /dev/tty.
    const keys = files[0] === '-' && io.stdin.isTTY ? ttyKeys() : undefined;
    try {
      const stdout = io.stdout as NodeJS.WriteStream;
      // The viewer (Ink, React, the TUI) loads only now: text and JSON output never pay for it (startup).
      const { runTui } = await import('../tui-entry');
      // A file (named, or redirected to stdin) opens at its first line; a pipe or a paste follows its end.
      const follow = files[0] === '-' && !stdinIsFile();
      const input = source ? (source as InputSource).stream : opening;
      const result = await runTui({ input, source: files[0] === '-' ? 'stdin' : files[0], lang, seq: args.seq, maxLines: args.maxLines, stdout, keys, follow, fromStdin: files[0] === '-', select: sel });
      if (result.kind === 'closed') {
        if (openError !== null) {
          fail(openError);
          throw new CliExit(2);
        }
        return;
      }
      sayErr(io, `${w.errors.noViewer({ reason: result.reason })}`);
      // The viewer never started reading: explain the same input as text.
      source ??= await openInput(files[0], io, capture);
      await explainSources([source], files, args, 'text', lang, color, io, null, fail, shown);
      sayNoneSelected(shown, io, lang);
    } finally {
      keys?.destroy();
      await (source as InputSource | null)?.close();
    }
    if (failed) throw new CliExit(2);
    if (shown.tripped) throw new CliExit(1);
    return;
  }
  const stop = watchStopSignals();
  try {
    await explainSources(null, files, args, mode, lang, color, io, stop, fail, shown);
  } finally {
    stop.dispose();
  }
  if (!stop.signal) sayNoneSelected(shown, io, lang);
  if (stop.signal) throw new CliExit(SIGNAL_EXIT[stop.signal]);
  if (failed) throw new CliExit(2);
  if (shown.tripped) throw new CliExit(1);
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
  shown: Shown,
): Promise<void> {
  // One redactor across all files: the same host keeps the same stand-in everywhere.
  const redactor = args.redact ? (await import('../../report/redact')).createRedactor() : null;
  // Several inputs: each one's connection ids restart at c1, so they are shown as `name#c1` (src/report/conn-id.ts).
  const multi = files.length > 1;
  // JSON without --notes builds no sentence at all (the annotator skips the explainer).
  const notes = mode !== 'json' || args.notes === true;
  for (let i = 0; i < files.length; i++) {
    if (stop?.signal) break;
    let src: InputSource;
    try {
      src = opened?.[i] ?? (await openInput(files[i], io, { lang, filter: args.filter, count: tcpdumpCount(shown.sel) }));
    } catch (err) {
      fail(err);
      continue;
    }
    // Text and JSON read the records through readParsed (a thread for a large file); the handout and --redact read the text.
    let input: ReturnType<typeof stoppable> | null = null;
    const format = render(mode === 'json' ? 'json' : 'text', lang, mode === 'text' && color, io.stdout.isTTY === true, { notes: args.notes === true, file: multi ? src.name : null });
    const annotate: AnnotateOptions = { lang, seq: args.seq, notes, file: src.name, multi, inputs: files, source: src.name, maxOpen: args.maxOpen };
    try {
      if (files.length > 1 && mode === 'text') await writeOut(io.stdout, fileHeader(src.name, io));
      if (mode === 'markdown') {
        // A text file past the limit is refused before a byte is read (a pipe is stopped by the count below).
        const size = textFileSize(src);
        const limit = markdownChars(io);
        if (size !== null && size > limit) throw new CliError(CLI_WORDS[lang].errors.markdownTooLarge({ size: limit >= 2 ** 20 ? `${Math.round(limit / 2 ** 20)} MiB` : `${Math.round(limit / 1024)} KiB` }), 2, false);
      }
      if (mode === 'markdown' || redactor) {
        input = stoppable(src.stream, stop);
        // Neither the input nor the output is ever one string (V8 stops at 512 MiB): the redactor reads the input
        // as pieces cut between records, and the handout is written a few hundred lines at a time.
        const source = redactor ? Readable.from(redactor.redactPieces(await readPieces(input.stream, pieceChars(io)))) : input.stream;
        if (mode === 'markdown') {
          // A handout's title is the file's base name: never the directories of the machine it was made on.
          const title = src.name === '-' ? 'tcpdump' : basename(src.name);
          const { formatMarkdownPieces } = await import('../../report/format-markdown');
          const annotator = createAnnotator(annotate);
          const window = packetWindow(shown.sel);
          const filter = itemFilter(shown, src.name, files);
          const items: ReportItem[] = [];
          // The handout keeps every record's view (~10 bytes of memory per input byte, measured): refused past a limit.
          const limit = markdownChars(io);
          let chars = 0;
          reading: for await (const batch of readRecords(source)) {
            for (const rec of parseRecords(batch)) {
              chars += rec.raw.length + 1;
              if (chars > limit) throw new CliError(CLI_WORDS[lang].errors.markdownTooLarge({ size: limit >= 2 ** 20 ? `${Math.round(limit / 2 ** 20)} MiB` : `${Math.round(limit / 1024)} KiB` }), 2, false);
              const take = window ? window.take(rec) : 'show';
              if (take === 'stop') break reading;
              for (const it of annotator.push(rec)) items.push(...filter.push(it, take === 'hide'));
            }
          }
          for (const it of annotator.finish()) items.push(...filter.push(it));
          const out = new ByteSink();
          for (const piece of formatMarkdownPieces(items, { lang, title, numbering: args.seq, redacted: args.redact === true })) {
            out.text(io.stdout.isTTY === true ? showControls(piece) : piece);
            if (out.size >= FLUSH_BYTES) await writeOut(io.stdout, out.take());
          }
          await writeOut(io.stdout, out.take());
        } else if (await annotateStream(parseStream(source), src.name, format, annotate, io, stop, shown)) continue;
      } else {
        const parsed = readParsed(src, stop, io.env);
        try {
          if (await annotateStream(parsed.batches, src.name, format, annotate, io, stop, shown)) continue;
        } finally {
          parsed.release();
        }
      }
      if (!stop?.signal) {
        const failure = await src.finish();
        if (failure) fail(new CliError(failure, 2, false));
      }
    } finally {
      input?.release();
      await src.close();
    }
  }
}

/**
 * Text or JSON Lines, packet by packet as the input arrives; at its end (or a stop signal) the verdicts still pending.
 * True when -c N stopped reading before the end of the input.
 */
async function annotateStream(
  batches: AsyncIterable<LineRecord[]>,
  name: string,
  format: Render,
  annotate: AnnotateOptions,
  io: CliIO,
  stop: StopWatch | null,
  shown: Shown,
): Promise<boolean> {
  const w = CLI_WORDS[annotate.lang];
  const annotator = createAnnotator(annotate);
  const window = packetWindow(shown.sel);
  // Shown lines and the lines held for a verdict, in output order (src/cli/held-lines.ts).
  const out = new HeldOutput(format, holdBytes(io));
  const router = itemRouter(shown, name, annotate.inputs ?? [], out);
  const show = (item: ReportItem): void => out.show(item);
  // Nothing selected and no --fail-on (the usual run): every item is shown as it comes, so the router is skipped;
  // only the counts it keeps are kept here.
  const showAll = !selects(shown.sel) && shown.failOn === null;
  const showNow = (item: ReportItem): void => {
    if (item.kind === 'connection') {
      shown.read++;
      shown.shownCount++;
    }
    out.show(item);
  };
  let tsharkSaid = false;
  let cut = false;
  try {
    // One write per batch: a batch holds the records that completed together, so a live pipe still sees each packet as it arrives.
    reading: for await (const batch of batches) {
      for (const rec of batch) {
        const t = window ? window.take(rec) : 'show';
        if (t === 'stop') {
          cut = true;
          break;
        }
        if (!tsharkSaid && rec.kind === 'meta' && rec.meta === 'tshark') {
          tsharkSaid = true;
          sayErr(io, `${w.capture.tshark({ name: name === '-' ? w.capture.stdin : name })}`);
        }
        const items = annotator.push(rec);
        for (let i = 0; i < items.length; i++) {
          if (showAll) {
            showNow(items[i]);
            continue;
          }
          router.push(items[i], t === 'hide', show);
          // A connection's held lines came back from the file: written now, before anything after them.
          if (out.queued) await out.write(io.stdout);
        }
      }
      await out.write(io.stdout);
      if (cut) break reading;
    }
    // End of input closes every connection still open, thousands at once after a scan: written in ~1 MB pieces
    // (one batch of 200k verdicts took 1.5 GB: the lines, then a buffer three times their length).
    let said = false;
    for (const item of annotator.finishEach()) {
      if (!said && stop?.signal) {
        said = true;
        await out.write(io.stdout);
        sayErr(io, `${w.interrupted({ signal: stop.signal })}`);
      }
      if (showAll) showNow(item);
      else router.push(item, false, show);
      if (out.queued || out.size >= FLUSH_BYTES) await out.write(io.stdout);
    }
    await out.write(io.stdout);
  } finally {
    out.close();
  }
  return cut;
}

// The command's definition (help, options) lives in specs.ts, which loads this module only to run it.
export { explainCommand } from './specs';
