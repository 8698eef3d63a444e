// Draws a Ladder (src/report/ladder.ts) as terminal lines: client and server lanes, one arrow per segment, states on the lanes.

import { endpointKey } from '../../model';
import { findingName } from '../../explain';
import type { UiLang } from '../state/reducer';
import { ladderLabel, type Ladder, type LadderRow } from '../../report/ladder';
import type { LabelKey } from '../labels';
import { KIND_COLOR, SEVERITY_COLOR, SEVERITY_MARK, THEME } from '../theme';
import { fit, fitLine, padStart, truncate, width as cols, type Line, type Span } from '../text';

export interface LadderLayout {
  width: number;
  height: number;
  /** Input line of the row to highlight and keep in view (the list's selection), or null. */
  selectedLine: number | null;
  label: (key: LabelKey) => string;
  /** One-line verdict headline when the connection has ended. */
  verdictHeadline: string | null;
  /** Rows scrolled from where the selection anchors the view (j/k in a focused ladder); 0 by default. */
  scroll?: number;
  /** Segments after the ladder's last row that it does not hold (the viewer builds a window of a long connection). */
  omittedAfter?: number;
  /** Language of the findings' names in the tag column; without it the tags are the finding codes. */
  lang?: UiLang;
  /** Columns for the findings' tags below 110 columns (default 2: the severity mark alone). */
  narrowTags?: number;
}

/** Column plan: time, client state, lane, arrow, lane, server state, findings. Narrow screens shrink findings, then states. */
export function ladderColumns(width: number, narrowTags = 2): { time: number; state: number; arrow: number; findings: number } {
  const time = 10;
  let state = 12;
  // Below 110 columns the tags get `narrowTags` columns while the arrows keep at least 30.
  let findings = width >= 110 ? Math.min(30, width - 100) : Math.max(2, Math.min(narrowTags, width - time - 1 - 2 * state - 3 - 30));
  let arrow = width - time - 1 - state - 2 - state - 1 - findings;
  if (arrow < 24) {
    state = 8;
    findings = 2;
    arrow = Math.max(10, width - time - 1 - state - 2 - state - 1 - findings);
  }
  return { time, state, arrow, findings };
}

function timeText(row: LadderRow): string {
  if (row.sinceStart !== null) return row.sinceStart < 100 ? row.sinceStart.toFixed(6) : row.sinceStart.toFixed(3);
  if (row.time !== null) return row.time.length > 10 ? row.time.slice(-10) : row.time;
  return '';
}

/** `──S seq 0 win 64240──────►` (client → server) or `◄──S. seq 0 ack 1──────` with the label cut to fit. */
export function arrowText(row: LadderRow, arrow: number): string {
  const label = truncate(ladderLabel(row), Math.max(0, arrow - 5));
  const shaft = '─'.repeat(Math.max(1, arrow - cols(label) - 4));
  return row.from === 'client' ? `─ ${label} ${shaft}►` : `◄${shaft} ${label} ─`;
}

function stateAt(row: LadderRow, lane: 'client' | 'server'): string {
  const c = row.changes.filter((x) => x.lane === lane);
  return c.length === 0 ? '' : c[c.length - 1].to;
}

function rowLine(row: LadderRow, c: ReturnType<typeof ladderColumns>, selected: boolean, lang: UiLang | undefined): Line {
  const color = KIND_COLOR[row.kind];
  const spans: Span[] = [
    { text: (selected ? '▸' : ' ') + padStart(timeText(row), c.time - 1), color: selected ? THEME.borderFocus : THEME.dim },
    { text: ' ' },
    { text: padStart(truncate(stateAt(row, 'client'), c.state), c.state), color: THEME.state },
    { text: '│', color: THEME.client },
    { text: fit(arrowText(row, c.arrow), c.arrow), color, bold: row.kind !== 'ack' },
    { text: '│', color: THEME.server },
    { text: fit(truncate(stateAt(row, 'server'), c.state), c.state), color: THEME.state },
    { text: ' ' },
  ];
  if (row.findings.length > 0) {
    const worst = row.findings.reduce((a, b) => (rank(b.severity) > rank(a.severity) ? b : a));
    const names = row.findings.map((f) => (lang ? findingName(f.finding, lang) : f.code.replace(/^(tcp|conn)\./, ''))).join(lang === 'zh-CN' ? '、' : ', ');
    spans.push({ text: fit(`${SEVERITY_MARK[worst.severity]} ${names}`, c.findings), color: SEVERITY_COLOR[worst.severity] });
  }
  const line = fitLine(spans, c.time + 1 + c.state * 2 + 2 + c.arrow + 1 + c.findings);
  return selected ? line.map((s) => ({ ...s, inverse: true })) : line;
}

const rank = (s: string): number => ({ info: 0, note: 1, warning: 2, error: 3 })[s] ?? 0;

/** The rows of the ladder that fit, scrolled so the selected row stays in the middle third. */
export function ladderLines(ladder: Ladder | null, layout: LadderLayout): Line[] {
  const { width, height, label } = layout;
  const out: Line[] = [];
  if (!ladder) {
    out.push(fitLine([{ text: `  ${label('ladder.none')}`, color: THEME.dim }], width));
    while (out.length < height) out.push([{ text: ' '.repeat(width) }]);
    return out;
  }
  const c = ladderColumns(width, layout.narrowTags);
  const laneLeft = c.time + 1 + c.state;
  const inner = c.arrow + 2;
  let client = `${label('ladder.client')} ${endpointKey(ladder.client)}`;
  let server = `${label('ladder.server')} ${endpointKey(ladder.server)}`;
  // On a narrow screen the addresses matter more than the words: the lanes' colours already say which is which.
  if (cols(client) + cols(server) + 1 > inner) {
    client = endpointKey(ladder.client);
    server = endpointKey(ladder.server);
  }
  const serverCol = Math.max(0, inner - cols(truncate(client, inner)) - 1);
  out.push(
    fitLine(
      [
        { text: fit(ladder.conn, laneLeft), color: THEME.dim },
        { text: truncate(client, inner), color: THEME.client, bold: true },
        { text: ' ' },
        { text: padStart(truncate(server, serverCol), serverCol), color: THEME.server, bold: true },
      ],
      width,
    ),
  );
  out.push(
    fitLine(
      [
        { text: ' '.repeat(c.time + 1) },
        { text: padStart(ladder.initial.client ?? '', c.state), color: THEME.state },
        { text: '│', color: THEME.client },
        { text: ' '.repeat(c.arrow) },
        { text: '│', color: THEME.server },
        { text: ladder.initial.server ?? '', color: THEME.state },
      ],
      width,
    ),
  );
  const footer = layout.verdictHeadline ? 1 : 0;
  const after = layout.omittedAfter ?? 0;
  // One line says how many segments are out of view above and below: those the ladder does not hold plus its rows
  // scrolled off, so the count is the true one however long the connection.
  const countLine = ladder.omittedBefore > 0 || after > 0 || ladder.rows.length > height - out.length - footer ? 1 : 0;
  const room = Math.max(1, height - out.length - footer - countLine);
  const sel = layout.selectedLine === null ? -1 : ladder.rows.findIndex((r) => r.line === layout.selectedLine);
  let first = 0;
  if (ladder.rows.length > room) {
    const anchor = sel >= 0 ? sel : ladder.rows.length - 1;
    first = anchor - Math.floor(room / 3) + (layout.scroll ?? 0);
    first = Math.max(0, Math.min(ladder.rows.length - room, first));
  }
  const shown = Math.min(room, ladder.rows.length - first);
  if (countLine) {
    const before = ladder.omittedBefore + first;
    const later = after + ladder.rows.length - first - shown;
    const parts: string[] = [];
    if (before > 0) parts.push(`${before.toLocaleString('en-US')} ${label('ladder.omitted')}`);
    if (later > 0) parts.push(`${later.toLocaleString('en-US')} ${label('ladder.later')}`);
    out.push(fitLine([{ text: parts.length > 0 ? `  … ${parts.join(' · ')}` : '', color: THEME.dim }], width));
  }
  for (let i = first; i < first + shown; i++) out.push(fitLine(rowLine(ladder.rows[i], c, i === sel, layout.lang), width));
  if (layout.verdictHeadline) {
    while (out.length < height - 1) out.push([{ text: ' '.repeat(width) }]);
    out.push(fitLine([{ text: `  ${label('ladder.verdict')}${label('punct.colon')}`, color: THEME.dim }, { text: layout.verdictHeadline, bold: true }], width));
  }
  while (out.length < height) out.push([{ text: ' '.repeat(width) }]);
  return out.slice(0, height);
}
