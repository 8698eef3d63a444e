// Lays out the connection table, the help pane, the title bar and the status bar.

import { endpointKey, FINDINGS, type FindingCode, type Severity } from '../../model';
import { findingKindName } from '../../explain';
import type { LabelKey } from '../labels';
import { KEY_HELP } from '../state/keys';
import type { CaptureStore, ConnSummary, StoreStats } from '../state/capture-store';
import type { ListView, TuiState } from '../state/reducer';
import { SEVERITY_COLOR, SEVERITY_MARK, THEME } from '../theme';
import { fit, fitLine, lineWidth, padStart, width as cols, type Line, type Span } from '../text';

type Label = (key: LabelKey) => string;

const n = (x: number): string => x.toLocaleString('en-US');

function duration(c: ConnSummary): string {
  const d = c.verdict?.duration ?? c.elapsed;
  if (d === null || d === undefined) return '';
  return d < 1 ? `${(d * 1000).toFixed(1)}ms` : `${d.toFixed(2)}s`;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, note: 1, warning: 2, error: 3 };
const VERDICT_RANK = { ok: 0, notice: 1, warn: 2, error: 3 } as const;

function seconds(c: ConnSummary): number {
  return c.verdict?.duration ?? c.elapsed ?? -1;
}

/**
 * The connections the list shows, in its order: filtered to a minimum severity of their worst finding (`!`) and
 * sorted (`s`) by first appearance, worst severity, bytes, duration or verdict severity (largest or worst first;
 * ties keep the order of appearance).
 */
export function listedConnections(conns: readonly ConnSummary[], state: Pick<TuiState, 'connSort' | 'connMinSeverity'>): ConnSummary[] {
  const min = state.connMinSeverity;
  const kept = min === null ? [...conns] : conns.filter((c) => c.worst !== null && SEVERITY_RANK[c.worst] >= SEVERITY_RANK[min]);
  const key: Record<TuiState['connSort'], ((c: ConnSummary) => number) | null> = {
    first: null,
    severity: (c) => (c.worst === null ? -1 : SEVERITY_RANK[c.worst]) * 1e9 + c.findings,
    bytes: (c) => c.bytes.c2s + c.bytes.s2c,
    duration: seconds,
    verdict: (c) => (c.verdict ? VERDICT_RANK[c.verdict.severity] : -1),
  };
  const k = key[state.connSort];
  if (!k) return kept;
  // Array.prototype.sort is stable: equal keys stay in order of appearance.
  return kept.sort((x, y) => k(y) - k(x));
}

/** Below this width a connection takes two lines (its verdict under it), so neither the addresses nor the verdict are cut. */
export const WIDE_CONNECTIONS = 110;

/**
 * The connection table. `verdictText` words a verdict in the current language (its headline). The endpoints column
 * is as wide as the longest pair listed; on a wide screen the verdict takes the rest of the line, on a narrow one
 * it gets a line of its own under the connection.
 */
export function connectionLines(
  conns: readonly ConnSummary[],
  state: TuiState,
  width: number,
  height: number,
  label: Label,
  verdictText: (v: NonNullable<ConnSummary['verdict']>) => string,
): Line[] {
  const out: Line[] = [];
  const wConn = Math.max(4, ...conns.map((c) => cols(c.conn)), cols(label('conn.header.conn')));
  const wPk = 6;
  const wBytes = 10;
  const wDur = 9;
  const ends = (c: ConnSummary): string => `${endpointKey(c.client)} ⇄ ${endpointKey(c.server)}`;
  const wide = width >= WIDE_CONNECTIONS;
  const stats = wPk + 1 + wBytes + 1 + wDur;
  const wEndsMax = Math.max(10, width - 2 - wConn - 1 - 1 - stats - (wide ? 1 + 12 : 0));
  const wEnds = Math.min(wEndsMax, Math.max(cols(label('conn.header.endpoints')), ...conns.map((c) => cols(ends(c)))));
  const wVerdict = wide ? Math.max(8, width - 2 - wConn - 1 - wEnds - 1 - stats - 1) : width - 4;
  const head = `  ${fit(label('conn.header.conn'), wConn)} ${fit(label('conn.header.endpoints'), wEnds)} ${padStart(label('conn.header.packets'), wPk)} ${padStart(label('conn.header.bytes'), wBytes)} ${padStart(label('conn.header.duration'), wDur)}`;
  out.push(fitLine([{ text: wide ? `${head} ${label('conn.header.verdict')}` : head, color: THEME.dim }], width));
  const per = wide ? 1 : 2;
  const rows = Math.max(1, Math.floor((height - 1) / per));
  const total = conns.length + 1;
  const first = Math.max(0, Math.min(total - rows, state.connCursor - Math.floor(rows / 2)));
  for (let i = first; i < total && out.length + (i === 0 ? 1 : per) <= height; i++) {
    const selected = i === state.connCursor;
    const mark2 = (l: Line): Line => (selected ? l.map((s) => ({ ...s, inverse: true })) : l);
    if (i === 0) {
      out.push(mark2(fitLine([{ text: `${state.connFilter === null ? '►' : selected ? '▸' : ' '} ${label('conn.all')}` }], width)));
      continue;
    }
    const c = conns[i - 1];
    const mark: Span = c.worst && c.worst !== 'info' ? { text: SEVERITY_MARK[c.worst], color: SEVERITY_COLOR[c.worst] } : { text: ' ' };
    const verdict = c.verdict ? verdictText(c.verdict) : label('conn.open');
    // By the connection's severity: a clean close green, a close after loss or a stall yellow, a reset red.
    const verdictColor = !c.verdict
      ? THEME.dim
      : c.verdict.severity === 'ok'
        ? c.verdict.verdict === 'open'
          ? undefined
          : 'green'
        : { notice: 'blue', warn: 'yellow', error: 'red' }[c.verdict.severity];
    const spans: Span[] = [
      { text: state.connFilter === c.conn ? '►' : selected ? '▸' : ' ' },
      mark,
      { text: `${fit(c.conn, wConn)} ` },
      { text: `${fit(ends(c), wEnds)} ` },
      { text: `${padStart(n(c.packets), wPk)} ${padStart(n(c.bytes.c2s + c.bytes.s2c), wBytes)} ${padStart(duration(c), wDur)}` },
    ];
    if (wide) {
      spans.push({ text: ' ' }, { text: fit(verdict, wVerdict), color: verdictColor });
      out.push(mark2(fitLine(spans, width)));
    } else {
      out.push(mark2(fitLine(spans, width)));
      out.push(mark2(fitLine([{ text: '    ' }, { text: verdict, color: verdictColor }], width)));
    }
  }
  while (out.length < height) out.push([{ text: ' '.repeat(width) }]);
  return out;
}

/** The pane title of the connection list: its order, its severity filter and the keys that change them. */
export function connectionsTitle(state: TuiState, label: Label): string {
  const min = state.connMinSeverity ?? 'all';
  const colon = label('punct.colon');
  return `${label('pane.connections')} · ${label('conn.sort')}${colon}${label(`conn.sort.${state.connSort}` as LabelKey)} · ${label('conn.min')}${colon}${label(`conn.min.${min}` as LabelKey)} · ${label('conn.keys')}`;
}

export interface FindingRow {
  code: FindingCode;
  severity: Severity;
  count: number;
}

/** The findings pane's rows: one per kind seen since the input began, worst severity first, then the most frequent. */
export function findingRows(store: CaptureStore): FindingRow[] {
  const rows: FindingRow[] = [];
  for (const [code, count] of store.findingCounts) rows.push({ code, severity: FINDINGS[code].severity, count });
  return rows.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.count - a.count || (a.code < b.code ? -1 : 1));
}

/**
 * The findings summary (Wireshark's Expert Info): severity, kind, how many since the input began, and the line of
 * the first one still in the list (Enter jumps there).
 */
export function findingsLines(rows: readonly FindingRow[], view: ListView, store: CaptureStore, state: TuiState, width: number, height: number, label: Label): Line[] {
  const out: Line[] = [];
  if (rows.length === 0) {
    out.push(fitLine([{ text: `  ${label('find.none')}`, color: THEME.dim }], width));
    while (out.length < height) out.push([{ text: ' '.repeat(width) }]);
    return out;
  }
  const names = rows.map((r) => findingKindName(r.code, state.lang));
  const sevWords = rows.map((r) => label(`severity.${r.severity}` as LabelKey));
  const wSev = Math.max(cols(label('find.header.severity')), ...sevWords.map(cols)) + 2;
  const wName = Math.min(40, Math.max(cols(label('find.header.kind')), ...names.map(cols)));
  const wCount = Math.max(cols(label('find.header.count')), ...rows.map((r) => cols(n(r.count))));
  out.push(
    fitLine(
      [{ text: `  ${fit(label('find.header.severity'), wSev)} ${fit(label('find.header.kind'), wName)} ${padStart(label('find.header.count'), wCount)}  ${label('find.header.first')} · ${label('find.keys')}`, color: THEME.dim }],
      width,
    ),
  );
  const room = Math.max(1, height - 1);
  const first = Math.max(0, Math.min(rows.length - room, state.findCursor - Math.floor(room / 2)));
  for (let i = first; i < rows.length && out.length < height; i++) {
    const r = rows[i];
    const selected = i === state.findCursor;
    // Only the rows on screen search the list for their first record.
    const at = view.nextWithCode(-1, r.code);
    const line = at !== null ? store.get(at)?.rec.line : undefined;
    const where = line !== undefined ? `${label('detail.line')} ${line}` : label('find.gone');
    const spans: Span[] = [
      { text: selected ? '▸' : ' ' },
      { text: `${SEVERITY_MARK[r.severity]} `, color: SEVERITY_COLOR[r.severity], bold: true },
      { text: fit(sevWords[i], wSev - 2), color: SEVERITY_COLOR[r.severity] },
      { text: ` ${fit(names[i], wName)} ` },
      { text: padStart(n(r.count), wCount), bold: true },
      { text: `  ${where}`, color: THEME.dim },
    ];
    const l = fitLine(spans, width);
    out.push(selected ? l.map((s) => ({ ...s, inverse: true })) : l);
  }
  while (out.length < height) out.push([{ text: ' '.repeat(width) }]);
  return out;
}

export function helpLines(width: number, height: number, scroll: number, label: Label): Line[] {
  const all: Line[] = [fitLine([{ text: label('help.title'), color: THEME.title, bold: true }], width)];
  const keyCols = Math.max(...KEY_HELP.map(([k]) => cols(k))) + 2;
  for (const [keys, what] of KEY_HELP) {
    all.push(fitLine([{ text: `  ${fit(keys, keyCols)}`, bold: true }, { text: label(what as LabelKey) }], width));
  }
  return helpPage(all, width, height, scroll, label);
}

/** The help page: its title, the legend of the list's row markers (drawn as the list draws them), the keys. */
function helpPage(keys: Line[], width: number, height: number, scroll: number, label: Label): Line[] {
  const marks: Array<[Span, LabelKey]> = [
    ...(['error', 'warning', 'note', 'info'] as const).map((s): [Span, LabelKey] => [{ text: SEVERITY_MARK[s], color: SEVERITY_COLOR[s], bold: true }, `severity.${s}`]),
    [{ text: '?', color: 'yellow', bold: true }, 'legend.unparsed'],
    [{ text: '▸', color: THEME.borderFocus, bold: true }, 'legend.cursor'],
  ];
  // One line right under the title, so it shows whatever the pane's height: `Row markers: ■ error  ▲ warning …`.
  const legend: Span[] = [{ text: `${label('help.legend')}${label('punct.colon')}`, color: THEME.title, bold: true }];
  for (const [mark, what] of marks) legend.push(...(legend.length > 1 || !label('punct.colon').endsWith(' ') ? [{ text: ' ' }] : []), mark, { text: ` ${label(what)} ` });
  const all = [keys[0], fitLine(legend, width), ...keys.slice(1)];
  const out = all.slice(Math.min(scroll, Math.max(0, all.length - height)), undefined).slice(0, height);
  while (out.length < height) out.push([{ text: ' '.repeat(width) }]);
  return out;
}

export function titleLine(opts: { source: string; state: TuiState; filterText: string | null; width: number; label: Label }): Line {
  const { state, label } = opts;
  const spans: Span[] = [{ text: ' tcplain ', color: 'black', backgroundColor: 'cyan', bold: true }, { text: ` ${opts.source}` }];
  if (opts.filterText) spans.push({ text: `  ${label('status.filter')}${label('punct.colon')}`, color: THEME.dim }, { text: opts.filterText, color: 'cyan' });
  if (state.search.query) spans.push({ text: `  ${label('status.search')}${label('punct.colon')}`, color: THEME.dim }, { text: state.search.query, color: THEME.match });
  return fitLine(spans, opts.width);
}

export function paneTitle(title: string, focused: boolean, width: number): Line {
  const text = `── ${title} `;
  return fitLine([{ text, color: focused ? THEME.borderFocus : THEME.border, bold: focused }, { text: '─'.repeat(Math.max(0, width - cols(text))), color: THEME.border }], width);
}

/**
 * The status bar. Messages (search prompt, no match, paused, lines dropped, new lines below) come first and are
 * never cut; the counters take what is left, and the help reminder goes first when room runs out.
 */
export function statusLine(opts: { stats: StoreStats; rate: number; state: TuiState; hidden: number; below: number; width: number; label: Label }): Line {
  const { stats, state, label, width } = opts;
  if (state.search.editing) return fitLine([{ text: `/${state.search.draft}`, bold: true }, { text: '▏', color: THEME.borderFocus }], width);
  const lead: Span[] = [];
  if (state.frozenAt !== null) lead.push({ text: ` ${label('status.paused')} `, color: 'black', backgroundColor: 'yellow', bold: true });
  else if (state.follow) lead.push({ text: ` ${label('status.follow')} `, color: 'black', backgroundColor: 'green', bold: true });
  const messages: Span[] = [];
  if (state.notice) messages.push({ text: ` ${label(`notice.${state.notice}` as LabelKey)} `, color: 'yellow', bold: true });
  if (opts.below > 0) messages.push({ text: ` ↓ ${n(opts.below)} ${label('status.new-below')} `, color: 'black', backgroundColor: 'cyan' });
  if (opts.hidden > 0) messages.push({ text: ` +${n(opts.hidden)} ${label('status.new')} `, color: 'yellow' });
  if (stats.dropped > 0) messages.push({ text: ` ${n(stats.dropped)} ${label('status.dropped')} `, color: 'yellow' });
  const counters: Span[] = [];
  counters.push({ text: ` ${n(stats.packets)} ${label('status.packets')} · ${n(stats.connections)} ${label('status.connections')}` });
  if (stats.open > 0) counters.push({ text: ` (${n(stats.open)} ${label('status.open')})` });
  counters.push({ text: ' · ' }, { text: `${n(stats.findings)} ${label('status.findings')}`, color: stats.findings > 0 ? 'yellow' : undefined });
  counters.push({ text: stats.ended ? ` · ${label('status.ended')}` : ` · ${n(opts.rate)}${label('status.rate')}` });
  counters.push({ text: ` · ${label(state.numbering === 'relative' ? 'status.rel' : 'status.abs')} · ${state.lang}`, color: THEME.dim });
  const fixed = [...lead, ...messages];
  const used = lineWidth(fixed);
  // Below 100 columns the counts matter more than the reminder; `?` alone still says where help is.
  const full = ` ${label('status.help')} `;
  const help = width >= 100 && used + lineWidth(counters) + cols(full) <= width ? full : ' ? ';
  const room = Math.max(0, width - used - cols(help));
  if (used + cols(help) > width) return fitLine(fixed, width);
  return [...fixed, ...fitLine(counters, room), { text: help, color: THEME.dim }];
}
