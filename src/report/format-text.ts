// Text rendering: each record exactly as written, its notes indented under it, verdict blocks for ended connections.

import type { Lang, Note } from '../explain';
import { catalogFor } from '../explain';
import { endpointKey } from '../model/endpoint';
import type { ConnectionView, RecordView, ReportItem } from './annotate';

export interface TextOptions {
  lang: Lang;
  /** ANSI colour (the CLI decides: a TTY and no NO_COLOR). */
  color: boolean;
}

/** Prefix of every note line: stable so that `grep '│'` finds notes and `grep -v '│'` gives back the input. */
export const NOTE_PREFIX = '  │ ';
/** First line of a verdict block. */
export const VERDICT_PREFIX = '──▶ ';

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

function noteLine(n: Note, color: boolean): string {
  const c = color ? noteColor(n) : null;
  return `${paint(color, ANSI.dim, NOTE_PREFIX)}${c ? paint(true, c, n.text) : n.text}\n`;
}

/** The record's text unchanged, then one line per note. */
export function formatRecordText(v: RecordView, opts: TextOptions): string {
  let out = `${v.rec.raw}\n`;
  for (const n of v.notes) out += noteLine(n, opts.color);
  return out;
}

/** A verdict block: headline with the endpoints, summary, counts, next step, what the application saw. */
export function formatConnectionText(v: ConnectionView, opts: TextOptions): string {
  const cat = catalogFor(opts.lang).verdictBlock;
  const { verdict, text } = v;
  const head = VERDICT_PREFIX + cat.head({ conn: verdict.conn, client: endpointKey(verdict.client), server: endpointKey(verdict.server), headline: text.headline });
  const tone = { ok: ANSI.green, notice: ANSI.cyan, warn: ANSI.yellow, error: ANSI.red }[verdict.severity];
  let out = `${paint(opts.color, ANSI.bold + tone, head)}\n`;
  const line = (s: string) => `${paint(opts.color, ANSI.dim, NOTE_PREFIX)}${s}\n`;
  out += line(text.summary);
  out += line(text.stats);
  out += line(cat.next + text.nextStep);
  out += line(cat.appSaw);
  for (const s of text.appSaw) out += line(`  ${s}`);
  return out;
}

export function formatText(item: ReportItem, opts: TextOptions): string {
  return item.kind === 'record' ? formatRecordText(item, opts) : formatConnectionText(item, opts);
}
