// Renders a ladder model as a standalone SVG sequence diagram (no browser, no fonts to load): lanes, arrows, states, findings.

import stringWidth from 'string-width';
import { catalogFor, explainVerdictText } from '../explain';
import { CMD_CATALOGS } from '../explain/command';
import { endpointKey, type Severity } from '../model';
import { findingHeadline, SEVERITY_MARK, shownFindings, type DiagramOptions } from './format-mermaid';
import { columns, ladderLabel, middleNote, worstSeverity, type Ladder } from './ladder';

export const CHAR = 7.3; // width of one column of 12px monospace text, for layout only
export const COLOR: Record<Severity, string> = { info: '#555555', note: '#1565c0', warning: '#b26a00', error: '#c62828' };

/** XML 1.0 §2.4: `<` and `&` never appear literally in character data; quotes are escaped for attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export const num = (n: number) => String(Math.round(n * 10) / 10);

/** A lane's name in a box at the top, centred on x. */
export function laneBox(x: number, label: string): string {
  const w = Math.max(150, stringWidth(label) * 7.4 + 24);
  return `<rect x="${num(x - w / 2)}" y="14" width="${num(w)}" height="32" rx="5" fill="#f3f6fa" stroke="#44546a"/><text class="lane" x="${x}" y="35" text-anchor="middle">${xmlEscape(label)}</text>`;
}

/** A lane's vertical line from under its box to the bottom of the drawing. */
export function laneLine(x: number, height: number, dash = ''): string {
  return `<line x1="${x}" y1="46" x2="${x}" y2="${num(height - 30)}" stroke="#9aa5b1" stroke-width="1"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
}

/** The document's opening: XML declaration, `<svg>`, title, arrow and cross markers, styles, white background. */
export function svgOpen(width: number, height: number, title: string): string[] {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="Helvetica, Arial, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif" font-size="12">`,
    `<title>${xmlEscape(title)}</title>`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker>',
    `<marker id="cross" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="10" markerHeight="10" orient="auto"><path d="M1,1 L9,9 M9,1 L1,9" stroke="${COLOR.error}" stroke-width="2"/></marker>`,
    '<style>.label,.line,.time{font-family:ui-monospace,Menlo,Consolas,monospace}.line,.time{fill:#777}.state{fill:#2e7d32;font-weight:bold}.lane{font-weight:bold}.verdict{font-weight:bold}.omitted{fill:#777;font-style:italic}.note{fill:#c62828;font-style:italic}</style>',
    '</defs>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
}

export function formatSvg(ladder: Ladder, opts: DiagramOptions): string {
  const cat = catalogFor(opts.lang);
  const words = CMD_CATALOGS[opts.lang].report;
  const min = opts.minSeverity ?? 'note';
  const clientLabel = `${cat.side.client} ${endpointKey(ladder.client)}`;
  const serverLabel = `${cat.side.server} ${endpointKey(ladder.server)}`;
  // Loops, not Math.max(...rows): a spread of 100 000+ arguments overflows the call stack.
  let longest = 30;
  for (const r of ladder.rows) longest = Math.max(longest, columns(ladderLabel(r), stringWidth));
  const findingTexts = ladder.rows.map((r) => shownFindings(r, min).map((f) => ({ severity: f.severity, text: `${SEVERITY_MARK[f.severity]} ${findingHeadline(f.finding, opts.lang, r.from)}` })));
  let longestFinding = 0;
  for (const list of findingTexts) for (const f of list) longestFinding = Math.max(longestFinding, stringWidth(f.text));
  const middle = middleNote(ladder);
  const span = Math.max(420, longest * CHAR + 80, longestFinding * 6.6 + 40);
  const cx = 250;
  const sx = cx + span;
  const width = sx + 170;
  const headerH = 60;
  const out: string[] = [];
  let y = headerH + 20;
  const body: string[] = [];

  if (ladder.initial.client || ladder.initial.server) {
    if (ladder.initial.client) body.push(`<text class="state" x="${cx - 10}" y="${y}" text-anchor="end">${xmlEscape(ladder.initial.client)}</text>`);
    if (ladder.initial.server) body.push(`<text class="state" x="${sx + 10}" y="${y}">${xmlEscape(ladder.initial.server)}</text>`);
    y += 22;
  }
  if (ladder.omittedBefore > 0) {
    body.push(`<text class="omitted" x="${num((cx + sx) / 2)}" y="${y}" text-anchor="middle">${xmlEscape(words.omitted(ladder.omittedBefore))}</text>`);
    y += 22;
  }
  ladder.rows.forEach((row, i) => {
    if (middle && i === ladder.omittedMiddle?.after) {
      y += 22;
      body.push(`<text class="omitted" x="${num((cx + sx) / 2)}" y="${y}" text-anchor="middle">${xmlEscape(words.omittedMiddle(middle))}</text>`);
    }
    y += 24;
    const fromX = row.from === 'client' ? cx : sx;
    const toX = row.from === 'client' ? sx - 3 : cx + 3;
    const worst = worstSeverity(shownFindings(row, min).map((f) => f.finding));
    const stroke = row.kind === 'rst' ? COLOR.error : worst === 'error' || worst === 'warning' ? COLOR[worst] : '#222222';
    const dash = row.kind === 'ack' ? ' stroke-dasharray="6 4"' : '';
    const marker = row.kind === 'rst' ? 'url(#cross)' : 'url(#arrow)';
    const g: string[] = [`<g class="row" data-line="${row.line}" data-kind="${row.kind}" data-from="${row.from}">`];
    g.push(`<text class="line" x="12" y="${y + 4}">${row.line}</text>`);
    if (row.sinceStart !== null) g.push(`<text class="time" x="60" y="${y + 4}">+${row.sinceStart.toFixed(6)}</text>`);
    g.push(`<line x1="${fromX}" y1="${y}" x2="${num(toX)}" y2="${y}" stroke="${stroke}" stroke-width="1.6"${dash} marker-end="${marker}"/>`);
    g.push(`<text class="label" x="${num((cx + sx) / 2)}" y="${y - 6}" text-anchor="middle">${xmlEscape(ladderLabel(row))}</text>`);
    for (const c of row.changes) {
      g.push(c.lane === 'client'
        ? `<text class="state" x="${cx - 10}" y="${y + 4}" text-anchor="end">${xmlEscape(c.to)}</text>`
        : `<text class="state" x="${sx + 10}" y="${y + 4}">${xmlEscape(c.to)}</text>`);
    }
    for (const f of findingTexts[i]) {
      y += 17;
      g.push(`<text class="finding" x="${num((cx + sx) / 2)}" y="${y}" text-anchor="middle" fill="${COLOR[f.severity]}">${xmlEscape(f.text)}</text>`);
    }
    g.push('</g>');
    body.push(g.join(''));
    y += 8;
  });
  y += 20;
  if (ladder.verdict) {
    body.push(`<text class="verdict" x="${num((cx + sx) / 2)}" y="${y}" text-anchor="middle">${xmlEscape(`${words.verdict}${words.sep}${explainVerdictText(ladder.verdict, opts.lang).headline}`)}</text>`);
    y += 16;
  }
  const height = y + 14;
  out.push(...svgOpen(width, height, words.connection({ conn: ladder.conn, client: endpointKey(ladder.client), server: endpointKey(ladder.server) })));
  out.push(laneBox(cx, clientLabel), laneBox(sx, serverLabel));
  out.push(laneLine(cx, height), laneLine(sx, height));
  // Joined, not out.push(...body): a spread of one argument per row overflows the call stack on huge connections.
  return `${out.join('\n')}\n${body.length > 0 ? `${body.join('\n')}\n` : ''}</svg>\n`;
}
