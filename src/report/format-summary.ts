// Renders `tcplain summary`: a table that fits the terminal (text), JSON Lines, CSV, Markdown.

import { textWidth } from '../explain/text-width';
import type { Lang } from '../explain';
import { SUMMARY_WORDS, type SummaryCatalog, type SummaryColumn } from '../explain/summary-words';
import type { ExpertRow, SummaryData, SummaryRow } from './summary';
import { EPOCH_SCALE } from './summary-order';
import { showControls } from './terminal-safe';

const DAY = 86400;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `HH:MM:SS` plus `digits` decimals of `s` seconds since midnight (floored: never shows a later time). */
function clock(s: number, digits: 3 | 6): string {
  const us = Math.round(s * 1e6);
  const whole = Math.floor(us / 1e6);
  const frac = us - whole * 1e6;
  const f = digits === 3 ? String(Math.floor(frac / 1000)).padStart(3, '0') : String(frac).padStart(6, '0');
  const d = ((whole % DAY) + DAY) % DAY;
  return `${pad2(Math.floor(d / 3600))}:${pad2(Math.floor((d % 3600) / 60))}:${pad2(d % 60)}.${f}`;
}

/** A start as its capture printed it: `YYYY-MM-DD HH:MM:SS.ffffff` (UTC, as tcplain reads -tttt) or a time of day. */
export function startText(start: number | null, digits: 3 | 6 = 6, withDate = true): string {
  if (start === null) return '-';
  if (start >= EPOCH_SCALE) {
    const whole = Math.floor(Math.round(start * 1e6) / 1e6);
    const d = new Date(whole * 1000);
    const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    return withDate ? `${date} ${clock(start, digits)}` : clock(start, digits);
  }
  const days = Math.floor(start / DAY);
  return `${days > 0 ? `+${days}d ` : ''}${clock(start, digits)}`;
}

/** Seconds with 3 decimals in every row; a non-zero time below 1 ms is `<0.001` (a refusal's 53 µs is not `0.000`). */
const secs = (s: number | null): string => (s === null ? '-' : s !== 0 && Math.abs(s) < 0.001 ? '<0.001' : s.toFixed(3));

/** The cell of each column, as the text and Markdown tables show it. */
function cells(r: SummaryRow, w: SummaryCatalog, dated: boolean): Record<SummaryColumn, string> {
  return {
    id: r.id,
    file: r.file,
    ends: `${r.client} → ${r.server}`,
    start: startText(r.start, 3, dated),
    duration: secs(r.duration),
    packets: `${r.packets.c2s}/${r.packets.s2c}`,
    bytes: `${r.bytes.c2s}/${r.bytes.s2c}`,
    rtt: r.handshakeRtt === null ? '-' : (r.handshakeRtt * 1000).toFixed(3),
    retrans: String(r.retransmissions),
    lost: String(r.lost),
    dupAcks: String(r.dupAcks),
    zeroWindow: r.zeroWindowStalls === 0 ? '-' : r.zeroWindowSeconds === null ? '?' : secs(r.zeroWindowSeconds),
    verdict: r.verdict,
    severity: w.connSeverity[r.severity],
    connState: r.connState,
    history: r.history || '-',
  };
}

const RIGHT: ReadonlySet<SummaryColumn> = new Set(['duration', 'packets', 'bytes', 'rtt', 'retrans', 'lost', 'dupAcks', 'zeroWindow']);
const TABLE_COLUMNS: readonly SummaryColumn[] = ['id', 'file', 'ends', 'start', 'duration', 'packets', 'bytes', 'rtt', 'retrans', 'lost', 'dupAcks', 'zeroWindow', 'verdict', 'severity', 'connState', 'history'];
/** Left out first when the terminal is too narrow; id, ends, verdict and severity always stay. */
const DROP_ORDER: readonly SummaryColumn[] = ['file', 'history', 'rtt', 'start', 'zeroWindow', 'dupAcks', 'connState', 'duration', 'packets', 'lost', 'retrans', 'bytes'];
const GAP = 2;
const MIN_ENDS = 16;


/**
 * Terminal columns of `s` (src/explain/text-width.ts: printable ASCII is its length, anything else is measured per
 * character or grapheme and remembered). Each cell is measured once per table (see `cells`): string-width on every
 * `a → b` cell had been 14 % of `summary`'s CPU on a 12,768-row table.
 */
export const width = textWidth;

/** `s` (`sw` columns wide) cut to `cols` columns with `…` (a wide character never cut in half). */
function cut(s: string, cols: number, sw: number = width(s)): string {
  if (sw <= cols) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = width(ch);
    if (w + cw > cols - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

const SPACES = ' '.repeat(256);
const spaces = (n: number): string => (n <= 0 ? '' : n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n));
const SEP = spaces(GAP);

/** The header and each row as aligned text lines: the last column not padded (unless right-aligned), trailing blanks trimmed. */
function* table(header: readonly string[], rows: Iterable<readonly string[]>, widths: readonly number[], right: readonly boolean[]): Generator<string> {
  const last = widths.length - 1;
  const pad = (c: string, i: number): string => {
    if (i === last && !right[i]) return c;
    const fill = spaces(widths[i] - width(c));
    return right[i] ? fill + c : c + fill;
  };
  let head = '';
  for (let i = 0; i <= last; i++) head += (i > 0 ? SEP : '') + pad(header[i], i);
  yield head.trimEnd();
  for (const cells of rows) {
    let s = '';
    for (let i = 0; i <= last; i++) s += (i > 0 ? SEP : '') + pad(cells[i], i);
    yield s.trimEnd();
  }
}

export interface SummaryTextOptions {
  lang: Lang;
  /** Terminal columns to fit (Infinity: piped output is never cut). */
  width: number;
  /** Output goes to a terminal: control characters in host names are shown visibly. */
  terminal: boolean;
}

/** The text output as a string (tests; the CLI writes formatSummaryTextPieces as they come). */
export function formatSummaryText(data: SummaryData, opts: SummaryTextOptions): string {
  return [...formatSummaryTextPieces(data, opts)].join('');
}

/**
 * The text output, line by line (each with its `\n`). The table's cells are made twice, once to size the columns and
 * once to print them, rather than kept: for a capture of 100k+ connections every cell at once was the largest object
 * of the run (16 strings a row).
 */
export function* formatSummaryTextPieces(data: SummaryData, opts: SummaryTextOptions): Generator<string> {
  const w = SUMMARY_WORDS[opts.lang];
  const safe = opts.terminal ? showControls : (s: string): string => s;
  const rows = data.rows;
  if (rows.length === 0) yield `${data.read > 0 ? w.noneSelected({ read: data.read }) : w.noConnections}\n`;
  else {
    yield `${w.head({ count: rows.length, bySeverity: data.bySeverity.map(([s, n]) => [w.connSeverity[s], n]), sort: w.sortName[data.sort] })}\n`;
    const dated = data.spansDays;
    const cellsOf = (r: SummaryRow): Record<SummaryColumn, string> => {
      const c = cells(r, w, dated);
      c.ends = safe(c.ends);
      c.id = safe(c.id);
      c.file = safe(c.file);
      return c;
    };
    let cols = TABLE_COLUMNS.filter((c) => c !== 'file' || data.multi);
    // Sized column by column over every row, in any order (rows merged from sorted runs are cheaper read unmerged).
    const widths = new Map<SummaryColumn, number>();
    for (const c of cols) widths.set(c, width(w.columns[c]));
    for (const r of rows.unordered()) {
      const cell = cellsOf(r);
      for (const c of cols) {
        const k = width(cell[c]);
        if (k > (widths.get(c) ?? 0)) widths.set(c, k);
      }
    }
    const total = (): number => cols.reduce((k, c) => k + (widths.get(c) ?? 0), 0) + GAP * (cols.length - 1);
    const hidden: string[] = [];
    for (const c of DROP_ORDER) {
      if (total() <= opts.width) break;
      if (!cols.includes(c)) continue;
      cols = cols.filter((x) => x !== c);
      hidden.push(w.columns[c]);
    }
    if (total() > opts.width) widths.set('ends', Math.max(MIN_ENDS, (widths.get('ends') ?? 0) - (total() - opts.width)));
    const endsWidth = widths.get('ends') ?? 0;
    const shown = cols;
    function* body(): Generator<string[]> {
      for (const r of rows) {
        const cell = cellsOf(r);
        // Only an `ends` cell wider than its column is cut (a terminal too narrow for the table).
        cell.ends = cut(cell.ends, endsWidth);
        yield shown.map((c) => cell[c]);
      }
    }
    for (const line of table(
      shown.map((c) => w.columns[c]),
      body(),
      shown.map((c) => widths.get(c) ?? 0),
      shown.map((c) => RIGHT.has(c)),
    ))
      yield `${line}\n`;
    if (hidden.length > 0) yield `${w.hidden({ columns: hidden, width: opts.width })}\n`;
  }
  yield '\n';
  for (const line of expertText(data.expert, w, opts.width, safe)) yield `${line}\n`;
}

const firstLines = (e: ExpertRow): string => e.first.map((f) => `${f.id}:${f.line}`).join(' ');
const findingName = (e: ExpertRow, w: SummaryCatalog): string => w.findingName(e.code, w.findingTitle[e.code]);

function expertText(expert: readonly ExpertRow[], w: SummaryCatalog, maxWidth: number, safe: (s: string) => string): string[] {
  if (expert.length === 0) return [w.noFindings];
  const findings = expert.reduce((k, e) => k + e.count, 0);
  const header = [w.expertColumns.severity, w.expertColumns.count, w.expertColumns.finding, w.expertColumns.firstLines];
  const rows = expert.map((e) => [w.findingSeverity[e.severity], String(e.count), findingName(e, w), safe(firstLines(e))]);
  const rowWidths = rows.map((r) => r.map(width));
  const widths = header.map((h, i) => rowWidths.reduce((k, r) => Math.max(k, r[i]), width(h)));
  const total = widths.reduce((k, x) => k + x, 0) + GAP * 3;
  if (total > maxWidth) {
    widths[2] = Math.max(20, widths[2] - (total - maxWidth));
    for (let i = 0; i < rows.length; i++) {
      rows[i][2] = cut(rows[i][2], widths[2], rowWidths[i][2]);
      rowWidths[i][2] = width(rows[i][2]);
    }
  }
  return [w.expertHead({ kinds: expert.length, findings }), ...table(header, rows, widths, [false, true, false, false])];
}

/** JSON Lines: one `summary-connection` record per row, then one `summary-finding` record per finding kind. */
export function formatSummaryJson(data: SummaryData): string {
  return [...formatSummaryJsonPieces(data)].join('');
}

/** formatSummaryJson line by line (each with its `\n`). */
export function* formatSummaryJsonPieces(data: SummaryData): Generator<string> {
  for (const r of data.rows) {
    yield `${JSON.stringify({
        v: 1,
        kind: 'summary-connection',
        id: r.id,
        file: r.file,
        conn: r.conn,
        client: r.client,
        server: r.server,
        roleGuessed: r.roleGuessed,
        start: r.start,
        duration: r.duration,
        packets: r.packets,
        bytes: r.bytes,
        handshakeRtt: r.handshakeRtt,
        retransmissions: r.retransmissions,
        lost: r.lost,
        dupAcks: r.dupAcks,
        zeroWindowStalls: r.zeroWindowStalls,
        zeroWindowSeconds: r.zeroWindowSeconds,
        verdict: r.verdict,
        severity: r.severity,
        connState: r.connState,
        history: r.history,
        firstLine: r.firstLine,
        lastLine: r.lastLine,
        findingCounts: r.findingCounts,
      })}\n`;
  }
  for (const e of data.expert) {
    yield `${JSON.stringify({ v: 1, kind: 'summary-finding', code: e.code, severity: e.severity, count: e.count, connections: e.connections, first: e.first })}\n`;
  }
}

/** CSV columns: stable machine names in every language (docs/summary.md). */
export const CSV_HEADER = [
  'id',
  'file',
  'client',
  'server',
  'start',
  'duration',
  'packets_c2s',
  'packets_s2c',
  'bytes_c2s',
  'bytes_s2c',
  'handshake_rtt',
  'retransmissions',
  'lost',
  'dup_acks',
  'zero_window_stalls',
  'zero_window_seconds',
  'verdict',
  'severity',
  'conn_state',
  'history',
  'first_line',
  'last_line',
  'findings',
] as const;

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
const csvField = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const num = (n: number | null): string => (n === null ? '' : String(n));

/** One header row and one row per connection; each row's finding kinds in its `findings` cell (`code=count;...`). */
export function formatSummaryCsv(data: SummaryData): string {
  return [...formatSummaryCsvPieces(data)].join('');
}

/** formatSummaryCsv row by row (each with its CRLF). */
export function* formatSummaryCsvPieces(data: SummaryData): Generator<string> {
  yield `${CSV_HEADER.join(',')}\r\n`;
  for (const r of data.rows) {
    const findings = Object.entries(r.findingCounts)
      .map(([c, n]) => `${c}=${n}`)
      .join(';');
    const row = [
      r.id,
      r.file,
      r.client,
      r.server,
      r.start === null ? '' : startText(r.start, 6, true),
      num(r.duration),
      num(r.packets.c2s),
      num(r.packets.s2c),
      num(r.bytes.c2s),
      num(r.bytes.s2c),
      num(r.handshakeRtt),
      num(r.retransmissions),
      num(r.lost),
      num(r.dupAcks),
      num(r.zeroWindowStalls),
      num(r.zeroWindowSeconds),
      r.verdict,
      r.severity,
      r.connState,
      r.history,
      num(r.firstLine),
      num(r.lastLine),
      findings,
    ];
    yield `${row.map(csvField).join(',')}\r\n`;
  }
}

/** A Markdown table cell: pipes escaped, no line break. */
const mdCell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export function formatSummaryMarkdown(data: SummaryData, lang: Lang): string {
  return [...formatSummaryMarkdownPieces(data, lang)].join('');
}

/** formatSummaryMarkdown line by line (each with its `\n`). */
export function* formatSummaryMarkdownPieces(data: SummaryData, lang: Lang): Generator<string> {
  const w = SUMMARY_WORDS[lang];
  const nl = (s: string): string => `${s}\n`;
  yield nl(`## ${w.mdConnections}`);
  yield nl('');
  if (data.rows.length === 0) yield nl(data.read > 0 ? w.noneSelected({ read: data.read }) : w.noConnections);
  else {
    yield nl(w.head({ count: data.rows.length, bySeverity: data.bySeverity.map(([s, n]) => [w.connSeverity[s], n]), sort: w.sortName[data.sort] }));
    yield nl('');
    const cols = TABLE_COLUMNS.filter((c) => c !== 'file' || data.multi);
    const dated = data.spansDays;
    yield nl(`| ${cols.map((c) => mdCell(w.columns[c])).join(' | ')} |`);
    yield nl(`|${cols.map((c) => (RIGHT.has(c) ? '---:' : '---')).join('|')}|`);
    for (const r of data.rows) {
      const c = cells(r, w, dated);
      yield nl(`| ${cols.map((k) => mdCell(c[k])).join(' | ')} |`);
    }
  }
  yield nl('');
  yield nl(`## ${w.mdFindings}`);
  yield nl('');
  if (data.expert.length === 0) yield nl(w.noFindings);
  else {
    const findings = data.expert.reduce((k, e) => k + e.count, 0);
    yield nl(w.expertHead({ kinds: data.expert.length, findings }));
    yield nl('');
    const h = w.expertColumns;
    yield nl(`| ${[h.severity, h.count, h.finding, h.firstLines].map(mdCell).join(' | ')} |`);
    yield nl('|---|---:|---|---|');
    for (const e of data.expert) yield nl(`| ${[w.findingSeverity[e.severity], String(e.count), findingName(e, w), firstLines(e)].map(mdCell).join(' | ')} |`);
  }
}
