// Lays out the record list: each record as a compact summary (or as tcpdump wrote it), flags coloured by kind, a severity marker, the finding's name and a one-line note.

import { endpointKey, FINDINGS, type Finding, type LineRecord, type TcpRecord } from '../../model';
import { findingName } from '../../explain';
import { segmentKind } from '../../report/ladder';
import type { Annotator } from '../annotate';
import type { CaptureStore, Entry } from '../state/capture-store';
import type { ListView, Numbering, UiLang } from '../state/reducer';
import { KIND_COLOR, SEVERITY_COLOR, SEVERITY_MARK, THEME } from '../theme';
import { fitLine, lineWidth, type Line, type Span } from '../text';

/** Records take one screen line with the note beside them from this width on, else two (note under). */
export const WIDE_LIST = 150;

export function rowHeight(width: number): number {
  return width >= WIDE_LIST ? 1 : 2;
}

/**
 * The record's header as one line: continuation lines of a wrapped record or a `-v` IPv4 header are joined;
 * tab-prefixed detail and dump lines are left to the detail pane.
 */
export function displayText(rec: LineRecord): string {
  const lines = rec.raw.split('\n');
  let out = lines[0];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('\t')) break;
    const piece = l.trim();
    if (piece === '') continue;
    // A line wrapped by a terminal or blog (seed 000) can break anywhere; a `-v` continuation starts a new field.
    out += out.endsWith('[') || piece.startsWith(',') ? piece : ` ${piece}`;
  }
  return out;
}

/**
 * FINDINGS NAMED IN A ROW: those of severity note or worse, plus keep-alives (information only, but what an on-call
 * engineer looks for on an idle connection); the handshake RTT, negotiated options and window updates stay in the
 * detail pane.
 */
export function rowFindings(e: Entry): Finding[] {
  const fs = e.analysis?.findings ?? [];
  return fs.filter((f) => FINDINGS[f.code].severity !== 'info' || FINDINGS[f.code].group === 'keepalive');
}

/** A tcpdump time as the row shows it: the time of day (a `-tttt` date is left to the detail pane). */
function rowTime(t: string | null): string {
  if (t === null) return '';
  const at = t.lastIndexOf(' ');
  return at >= 0 ? t.slice(at + 1) : t;
}

/**
 * The compact row of a TCP segment: time, `src → dst`, flags, then seq (`first:next` with data, else `len`) and ack in
 * the chosen numbering, so `-v`, `-e` or `-X` detail never pushes the ports and flags off the row.
 */
export function compactSpans(rec: TcpRecord, e: Entry, numbering: Numbering): Span[] {
  const a = e.analysis;
  const rel = numbering === 'relative';
  const seq = a ? (rel ? (a.relSeq ?? rec.seq) : (a.absSeq ?? rec.seq)) : rec.seq;
  const end = a ? (rel ? (a.relEnd ?? rec.end) : (a.absEnd ?? rec.end)) : rec.end;
  const ack = a ? (rel ? (a.relAck ?? rec.ack) : (a.absAck ?? rec.ack)) : rec.ack;
  const nums: string[] = [];
  // A range `first:next` already says the length (next − first), as tcpdump's `seq 1:1449 … length 1448` does twice.
  const range = seq !== null && end !== null && end !== seq && (rec.len ?? 0) > 0;
  if (seq !== null) nums.push(range ? `seq ${seq}:${end}` : `seq ${seq}`);
  if (ack !== null) nums.push(`ack ${ack}`);
  if (rec.len !== null && !range) nums.push(`len ${rec.len}`);
  const time = rowTime(rec.time);
  return [
    { text: `${time ? `${time} ` : ''}${endpointKey(rec.src)} → ${endpointKey(rec.dst)} ` },
    { text: `[${rec.flags}]`, color: KIND_COLOR[segmentKind(rec)], bold: true },
    { text: nums.length > 0 ? ` ${nums.join(' ')}` : '' },
  ];
}

/** The row's finding names (`Dup ACK #3`, `Retransmission`), coloured by severity. */
function findingSpans(e: Entry, lang: UiLang): Span[] {
  const out: Span[] = [];
  for (const f of rowFindings(e)) {
    const sev = FINDINGS[f.code].severity;
    out.push({ text: '  ' }, { text: findingName(f, lang), color: SEVERITY_COLOR[sev], bold: sev !== 'info' && sev !== 'note' });
  }
  return out;
}

/** The row's main text: the compact summary of a TCP segment, or tcpdump's own text (raw mode, other records). */
function headSpans(e: Entry, layout: { numbering: Numbering; raw: boolean }): Span[] {
  if (!layout.raw && e.rec.kind === 'tcp') return compactSpans(e.rec, e, layout.numbering);
  return recordSpans(e.rec, displayText(e.rec));
}

/** Splits the header text so the flags are their own span, coloured by what the segment does. */
function recordSpans(rec: LineRecord, text: string): Span[] {
  if (rec.kind === 'text' || rec.kind === 'meta') return [{ text, color: THEME.dim }];
  if (rec.kind !== 'tcp') return [{ text }];
  const color = KIND_COLOR[segmentKind(rec)];
  const needle = rec.style === 'new' ? `Flags [${rec.flags}]` : rec.style === 'old' ? `: ${rec.flags} ` : null;
  const at = needle ? text.indexOf(needle) : -1;
  if (needle === null || at < 0) return [{ text, color }];
  const start = rec.style === 'old' ? at + 2 : at;
  const end = rec.style === 'old' ? at + needle.length - 1 : at + needle.length;
  return [{ text: text.slice(0, start) }, { text: text.slice(start, end), color, bold: true }, { text: text.slice(end) }];
}

/** Marks every case-insensitive occurrence of `query` inside the spans. */
export function highlight(spans: Span[], query: string | null): Span[] {
  if (!query) return spans;
  const q = query.toLowerCase();
  const out: Span[] = [];
  for (const s of spans) {
    const low = s.text.toLowerCase();
    let from = 0;
    let at = low.indexOf(q);
    if (at < 0) {
      out.push(s);
      continue;
    }
    while (at >= 0) {
      if (at > from) out.push({ ...s, text: s.text.slice(from, at) });
      out.push({ ...s, text: s.text.slice(at, at + q.length), color: 'black', backgroundColor: THEME.match });
      from = at + q.length;
      at = low.indexOf(q, from);
    }
    if (from < s.text.length) out.push({ ...s, text: s.text.slice(from) });
  }
  return out;
}

function markSpan(e: Entry): Span {
  if (e.rec.kind === 'unparsed') return { text: '?', color: 'yellow', bold: true };
  if (e.severity === null) return { text: ' ' };
  return { text: SEVERITY_MARK[e.severity], color: SEVERITY_COLOR[e.severity], bold: true };
}

export interface ListLayout {
  width: number;
  /** Screen lines available to the list. */
  height: number;
  lang: UiLang;
  numbering: Numbering;
  query: string | null;
  /** tcpdump's lines as printed instead of the compact summary (`v`). */
  raw: boolean;
  /** Whether the list has the keyboard (selection drawn inverse) or the pane has it (selection underlined). */
  focused: boolean;
}

/** Searchable text of a record: tcpdump's text, the compact row with its finding names, and its note in the current language. */
export function searchText(e: Entry, annotator: Annotator, lang: UiLang, numbering: Numbering): string {
  const compact = e.rec.kind === 'tcp' ? compactSpans(e.rec, e, numbering).map((s) => s.text).join('') : '';
  const names = rowFindings(e).map((f) => findingName(f, lang)).join('  ');
  return `${displayText(e.rec)}\n${compact}  ${names}\n${annotator.notes(e, lang, numbering)[0] ?? ''}`;
}

export function listLines(
  store: CaptureStore,
  view: ListView,
  win: { topIndex: number; cursorIndex: number },
  layout: ListLayout,
  annotator: Annotator,
  emptyText: string,
): Line[] {
  const { width, height } = layout;
  const rh = rowHeight(width);
  const lines: Line[] = [];
  if (view.length === 0) {
    lines.push(fitLine([{ text: `  ${emptyText}`, color: THEME.dim }], width));
  }
  for (let i = win.topIndex; i < view.length && lines.length + rh <= height; i++) {
    const e = store.get(view.idAt(i));
    if (!e) continue;
    const selected = i === win.cursorIndex;
    const noteText = annotator.notes(e, layout.lang, layout.numbering)[0] ?? '';
    const head = highlight(headSpans(e, layout), layout.query);
    const names = highlight(findingSpans(e, layout.lang), layout.query);
    const mark = markSpan(e);
    const dimmed = e.rec.kind === 'text' || e.rec.kind === 'meta';
    const noteSpan: Span = { text: noteText, color: e.severity && e.severity !== 'info' ? SEVERITY_COLOR[e.severity] : THEME.dim, dim: dimmed };
    // A visible cursor as well as inverse video, for monochrome terminals and screen captures.
    const gap: Span = selected ? { text: '▸', color: THEME.borderFocus, bold: true } : { text: ' ' };
    const style = (l: Line): Line => (selected ? l.map((s) => (layout.focused ? { ...s, inverse: true } : { ...s, underline: true })) : l);
    // The finding's name stays on the row's first line when it fits there, else it leads the note.
    const rawCols = rh === 1 ? width - Math.floor(width * 0.42) - 3 : width;
    const namesFit = names.length === 0 || lineWidth([mark, gap, ...head, ...names]) <= rawCols;
    const first = namesFit ? [mark, gap, ...head, ...names] : [mark, gap, ...head];
    const note = namesFit ? highlight([noteSpan], layout.query) : [...names.slice(1), { text: '  ' }, ...highlight([noteSpan], layout.query)];
    if (rh === 1) {
      const noteCols = width - rawCols - 3;
      const left = fitLine(first, rawCols);
      lines.push(style([...left, { text: ' │ ', color: THEME.border }, ...fitLine(note, noteCols)]));
    } else {
      lines.push(style(fitLine(first, width)));
      lines.push(style(fitLine([{ text: '   ' }, ...note], width)));
    }
  }
  while (lines.length < height) lines.push([{ text: ' '.repeat(width) }]);
  return lines;
}
