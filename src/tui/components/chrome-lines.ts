// Lays out the connection table, the help pane, the title bar and the status bar.

import { endpointKey } from '../../model';
import type { LabelKey } from '../labels';
import { KEY_HELP } from '../state/keys';
import type { ConnSummary, StoreStats } from '../state/capture-store';
import type { TuiState } from '../state/reducer';
import { SEVERITY_COLOR, SEVERITY_MARK, THEME } from '../theme';
import { fit, fitLine, padStart, width as cols, type Line, type Span } from '../text';

type Label = (key: LabelKey) => string;

const n = (x: number): string => x.toLocaleString('en-US');

function duration(c: ConnSummary): string {
  const d = c.verdict?.duration ?? c.elapsed;
  if (d === null || d === undefined) return '';
  return d < 1 ? `${(d * 1000).toFixed(1)}ms` : `${d.toFixed(2)}s`;
}

/**
 * The connection table. `verdictText` words a verdict in the current language (its headline); the column takes what
 * the endpoints leave, so wide screens read the whole sentence and narrow ones still see its start.
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
  const wConn = 6;
  const wPk = 6;
  const wBytes = 10;
  const wDur = 9;
  const fixed = 2 + wConn + wPk + wBytes + wDur + 6;
  const wEnds = Math.max(10, Math.min(36, Math.floor((width - fixed) / 2)));
  const wVerdict = Math.max(8, width - fixed - wEnds);
  out.push(
    fitLine(
      [
        {
          text: `  ${fit(label('conn.header.conn'), wConn)} ${fit(label('conn.header.endpoints'), wEnds)} ${fit(label('conn.header.verdict'), wVerdict)} ${padStart(label('conn.header.packets'), wPk)} ${padStart(label('conn.header.bytes'), wBytes)} ${padStart(label('conn.header.duration'), wDur)}`,
          color: THEME.dim,
        },
      ],
      width,
    ),
  );
  const rows = Math.max(1, height - 1);
  const total = conns.length + 1;
  const first = Math.max(0, Math.min(total - rows, state.connCursor - Math.floor(rows / 2)));
  for (let i = first; i < total && out.length < height; i++) {
    const selected = i === state.connCursor;
    let spans: Span[];
    if (i === 0) {
      spans = [{ text: `${state.connFilter === null ? '►' : selected ? '▸' : ' '} ${label('conn.all')}` }];
    } else {
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
      spans = [
        { text: state.connFilter === c.conn ? '►' : selected ? '▸' : ' ' },
        mark,
        { text: `${fit(c.conn, wConn)} ` },
        { text: `${fit(`${endpointKey(c.client)} ⇄ ${endpointKey(c.server)}`, wEnds)} ` },
        { text: `${fit(verdict, wVerdict)} `, color: verdictColor },
        { text: `${padStart(n(c.packets), wPk)} ${padStart(n(c.bytes.c2s + c.bytes.s2c), wBytes)} ${padStart(duration(c), wDur)}` },
      ];
    }
    const line = fitLine(spans, width);
    out.push(selected ? line.map((s) => ({ ...s, inverse: true })) : line);
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
  const out = all.slice(Math.min(scroll, Math.max(0, all.length - height)), undefined).slice(0, height);
  while (out.length < height) out.push([{ text: ' '.repeat(width) }]);
  return out;
}

export function titleLine(opts: { source: string; state: TuiState; filterText: string | null; width: number; label: Label }): Line {
  const { state, label } = opts;
  const spans: Span[] = [{ text: ' tcplain ', color: 'black', backgroundColor: 'cyan', bold: true }, { text: ` ${opts.source}` }];
  if (opts.filterText) spans.push({ text: `  ${label('status.filter')}: `, color: THEME.dim }, { text: opts.filterText, color: 'cyan' });
  if (state.search.query) spans.push({ text: `  ${label('status.search')}: `, color: THEME.dim }, { text: state.search.query, color: THEME.match });
  return fitLine(spans, opts.width);
}

export function paneTitle(title: string, focused: boolean, width: number): Line {
  const text = `── ${title} `;
  return fitLine([{ text, color: focused ? THEME.borderFocus : THEME.border, bold: focused }, { text: '─'.repeat(Math.max(0, width - cols(text))), color: THEME.border }], width);
}

export function statusLine(opts: { stats: StoreStats; rate: number; state: TuiState; hidden: number; width: number; label: Label }): Line {
  const { stats, state, label, width } = opts;
  if (state.search.editing) return fitLine([{ text: `/${state.search.draft}`, bold: true }, { text: '▏', color: THEME.borderFocus }], width);
  const spans: Span[] = [];
  if (state.frozenAt !== null) spans.push({ text: ` ${label('status.paused')} `, color: 'black', backgroundColor: 'yellow', bold: true });
  else if (state.follow) spans.push({ text: ` ${label('status.follow')} `, color: 'black', backgroundColor: 'green', bold: true });
  spans.push({ text: ` ${n(stats.packets)} ${label('status.packets')} · ${n(stats.connections)} ${label('status.connections')}` });
  if (stats.open > 0) spans.push({ text: ` (${n(stats.open)} ${label('status.open')})` });
  spans.push({ text: ' · ' }, { text: `${n(stats.findings)} ${label('status.findings')}`, color: stats.findings > 0 ? 'yellow' : undefined });
  spans.push({ text: stats.ended ? ` · ${label('status.ended')}` : ` · ${n(opts.rate)}${label('status.rate')}` });
  if (opts.hidden > 0) spans.push({ text: ` · +${n(opts.hidden)} ${label('status.new')}`, color: 'yellow' });
  if (stats.dropped > 0) spans.push({ text: ` · ${n(stats.dropped)} ${label('status.dropped')}`, color: THEME.dim });
  spans.push({ text: ` · ${state.numbering === 'relative' ? 'rel' : 'abs'} · ${state.lang}`, color: THEME.dim });
  if (state.notice) spans.push({ text: ` · ${label(`notice.${state.notice}` as LabelKey)}`, color: 'yellow' });
  // Below 100 columns the counts matter more than the reminder; `?` alone still says where help is.
  const help = width >= 100 ? ` ${label('status.help')} ` : ' ? ';
  const room = width - cols(help);
  const line = fitLine(spans, Math.max(0, room));
  return [...line, { text: help, color: THEME.dim }];
}
