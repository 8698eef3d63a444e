// Text rendering: each record exactly as written, its notes indented under it, verdict blocks for ended connections.

import type { Lang, Note } from '../explain';
import { catalogFor } from '../explain';
import { endpointKey } from '../model/endpoint';
import type { ConnectionView, RecordView, ReportItem, TwinsView } from './annotate';
import { showControls } from './terminal-safe';
import type { ByteSink } from './byte-sink';

export interface TextOptions {
  lang: Lang;
  /** ANSI colour (the CLI decides: a TTY and no NO_COLOR). */
  color: boolean;
  /**
   * Output goes to a terminal: control characters of the input (and of notes quoting it) are shown visibly
   * (showControls), so a capture cannot reset, recolour or rewrite the screen. Off in a pipe: input bytes exact.
   */
  terminal?: boolean;
}

/** Prefix of every note line: stable so that `grep '^  │'` finds notes. */
export const NOTE_PREFIX = '  │ ';
/** First line of a verdict block. */
export const VERDICT_PREFIX = '──▶ ';
/**
 * Put before an input line that starts like tcplain's own output (NOTE_PREFIX, VERDICT_PREFIX, or this marker), so
 * a pasted fake note or verdict cannot pass for one. The input comes back exactly with
 * `grep -v -e '^  │' -e '^──▶' | sed 's/^⟪input⟫ //'` (README, "Reading the output").
 */
export const INPUT_MARK = '⟪input⟫ ';

/** An input line that would look like tcplain's own output (or like a marked line) if printed as it is. */
function needsMark(line: string): boolean {
  return line.startsWith(NOTE_PREFIX.trimEnd()) || line.startsWith(VERDICT_PREFIX.trimEnd()) || line.startsWith(INPUT_MARK);
}

/** The record's lines as printed: each marked if it looks like tcplain's output, controls shown on a terminal. */
function inputText(raw: string, terminal: boolean): string {
  let out = raw;
  // Cheap test first: a one-line record whose first character is none of the prefixes' (nearly every packet line).
  const c = raw.charCodeAt(0);
  const maybe = c === 32 || c === 0x2500 || c === 0x27ea || raw.includes('\n');
  if (maybe && /(?:^|\n)(?: {2}│|──▶|⟪input⟫ )/.test(raw)) {
    out = raw
      .split('\n')
      .map((l) => (needsMark(l) ? INPUT_MARK + l : l))
      .join('\n');
  }
  return terminal ? showControls(out) : out;
}

const ANSI = {
  reset: '\x1b[0m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  red: '\x1b[31m',
  yellow: '\x1b[33m',
  green: '\x1b[32m',
  cyan: '\x1b[36m',
  magenta: '\x1b[35m',
} as const;

function paint(on: boolean, code: string, text: string): string {
  return on ? `${code}${text}${ANSI.reset}` : text;
}

function noteColor(n: Note): string | null {
  if (n.kind === 'finding') return n.severity === 'error' ? ANSI.red : n.severity === 'warning' ? ANSI.yellow : ANSI.cyan;
  if (n.kind === 'state') return ANSI.green;
  if (n.kind === 'role') return ANSI.bold;
  if (n.kind === 'warning') return ANSI.magenta;
  return null;
}

function noteLine(n: Note, color: boolean, terminal: boolean): string {
  const c = color ? noteColor(n) : null;
  const text = terminal ? showControls(n.text) : n.text;
  return `${paint(color, ANSI.dim, NOTE_PREFIX)}${c ? paint(true, c, text) : text}\n`;
}

/** The record's text as written (marked where it looks like tcplain's own lines), then one line per note. */
export function formatRecordText(v: RecordView, opts: TextOptions): string {
  const terminal = opts.terminal === true;
  let out = `${inputText(v.rec.raw, terminal)}\n`;
  for (const n of v.notes) out += noteLine(n, opts.color, terminal);
  return out;
}

/** A verdict block: headline with the endpoints, summary, counts, next step, what the application saw. */
export function formatConnectionText(v: ConnectionView, opts: TextOptions): string {
  const cat = catalogFor(opts.lang).verdictBlock;
  const { verdict, text } = v;
  const head = VERDICT_PREFIX + cat.head({ conn: verdict.conn, client: endpointKey(verdict.client), server: endpointKey(verdict.server), headline: text.headline });
  const tone = { ok: ANSI.green, notice: ANSI.cyan, warn: ANSI.yellow, error: ANSI.red }[verdict.severity];
  const safe = opts.terminal === true ? showControls : (s: string) => s;
  let out = `${paint(opts.color, ANSI.bold + tone, safe(head))}\n`;
  const line = (s: string) => `${paint(opts.color, ANSI.dim, NOTE_PREFIX)}${safe(s)}\n`;
  out += line(text.summary);
  out += line(text.stats);
  out += line(cat.next + text.nextStep);
  out += line(cat.appSaw);
  for (const s of text.appSaw) out += line(`  ${s}`);
  return out;
}

/** NOTE_PREFIX in UTF-8, copied rather than encoded again for every note. */
const NOTE_PREFIX_BYTES: Uint8Array = new TextEncoder().encode(NOTE_PREFIX);
const LF = 0x0a;

/**
 * formatRecordText without colour and terminal (a pipe or a file: the bulk of `explain`), encoded into `sink`: the
 * same bytes as the string's UTF-8, without building the string (see byte-sink.ts). Each note is encoded on its
 * own: keeping the bytes of recurring notes (a 4096-slot cache by string) measured no faster, since the
 * explainer's memos hold tens of thousands of different sentences on a 240k-line capture and the slots thrashed.
 */
function writeRecordText(v: RecordView, sink: ByteSink): void {
  sink.text(inputText(v.rec.raw, false));
  sink.byte(LF);
  const notes = v.notes;
  for (let i = 0; i < notes.length; i++) {
    sink.bytes(NOTE_PREFIX_BYTES);
    sink.text(notes[i].text);
    sink.byte(LF);
  }
}

/** formatText(item, opts) as UTF-8 bytes into `sink`. */
export function writeText(item: ReportItem, opts: TextOptions, sink: ByteSink): void {
  if (item.kind === 'record' && !opts.color && opts.terminal !== true) writeRecordText(item, sink);
  else sink.text(formatText(item, opts));
}

export function formatText(item: ReportItem, opts: TextOptions): string {
  if (item.kind === 'twins') return formatTwinsText(item, opts);
  return item.kind === 'record' ? formatRecordText(item, opts) : formatConnectionText(item, opts);
}

/** Connections that are one seen at two points: a head line, one line per pair, the commands for `tcplain pair`. */
export function formatTwinsText(v: TwinsView, opts: TextOptions): string {
  const safe = opts.terminal === true ? showControls : (s: string) => s;
  let out = `${paint(opts.color, ANSI.bold + ANSI.cyan, safe(VERDICT_PREFIX + catalogFor(opts.lang).twins.head))}
`;
  for (const s of v.text) out += `${paint(opts.color, ANSI.dim, NOTE_PREFIX)}${safe(s)}
`;
  return out;
}
