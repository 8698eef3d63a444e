// Lays out the record list: each record as tcpdump wrote it, flags coloured by kind, a severity marker and its one-line note.

import type { LineRecord } from '../../model';
import { segmentKind } from '../../report/ladder';
import type { Annotator } from '../annotate';
import type { CaptureStore, Entry } from '../state/capture-store';
import type { ListView, Numbering, UiLang } from '../state/reducer';
import { KIND_COLOR, SEVERITY_COLOR, SEVERITY_MARK, THEME } from '../theme';
import { fitLine, type Line, type Span } from '../text';

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
  /** Whether the list has the keyboard (selection drawn inverse) or the pane has it (selection underlined). */
  focused: boolean;
}

/** Searchable text of a record: its header and its note in the current language. */
export function searchText(e: Entry, annotator: Annotator, lang: UiLang, numbering: Numbering): string {
  return `${displayText(e.rec)}\n${annotator.notes(e, lang, numbering)[0] ?? ''}`;
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
    const note = annotator.notes(e, layout.lang, layout.numbering)[0] ?? '';
    const head = highlight(recordSpans(e.rec, displayText(e.rec)), layout.query);
    const mark = markSpan(e);
    const dimmed = e.rec.kind === 'text' || e.rec.kind === 'meta';
    const noteSpan: Span = { text: note, color: e.severity && e.severity !== 'info' ? SEVERITY_COLOR[e.severity] : THEME.dim, dim: dimmed };
    // A visible cursor as well as inverse video, for monochrome terminals and screen captures.
    const gap: Span = selected ? { text: '▸', color: THEME.borderFocus, bold: true } : { text: ' ' };
    const style = (l: Line): Line => (selected ? l.map((s) => (layout.focused ? { ...s, inverse: true } : { ...s, underline: true })) : l);
    if (rh === 1) {
      const noteCols = Math.floor(width * 0.42);
      const rawCols = width - noteCols - 3;
      const left = fitLine([mark, gap, ...head], rawCols);
      lines.push(style([...left, { text: ' │ ', color: THEME.border }, ...fitLine(highlight([noteSpan], layout.query), noteCols)]));
    } else {
      lines.push(style(fitLine([mark, gap, ...head], width)));
      lines.push(style(fitLine([{ text: '   ' }, ...highlight([noteSpan], layout.query)], width)));
    }
  }
  while (lines.length < height) lines.push([{ text: ' '.repeat(width) }]);
  return lines;
}
