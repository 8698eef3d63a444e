// Renders a ladder model as a standalone SVG sequence diagram (no browser, no fonts to load): lanes, arrows, states, findings.

import { textWidth as columns } from '../explain/text-width';
import { catalogFor, explainVerdictText } from '../explain';
import { CMD_CATALOGS } from '../explain/command';
import { endpointKey, type Severity } from '../model';
import { findingHeadline, SEVERITY_MARK, shownFindings, type DiagramOptions } from './format-mermaid';
import { ladderLabel, middleNote, worstSeverity, type Ladder } from './ladder';
import { durationText, SLANT_UNIT_PX, timeScale } from './time-scale';

/**
 * Every text is monospace (one font, so the layout's widths are true): one column of 12px text is at most 0.61 em
 * (Menlo 0.602, DejaVu Sans Mono 0.602, Consolas 0.55), a CJK character two columns (its glyph is 1 em).
 */
export const CHAR = 7.3;
export const FONT = "ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', 'Microsoft YaHei', monospace";
export const COLOR: Record<Severity, string> = { info: '#555555', note: '#1565c0', warning: '#b26a00', error: '#c62828' };
export const STATE_COLOR = '#2e7d32';

/** XML 1.0 §2.4: `<` and `&` never appear literally in character data; quotes are escaped for attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export const num = (n: number) => String(Math.round(n * 10) / 10);

/** Drawn width of `s` at `size` px (12 unless said): its terminal columns × 0.61 em. */
export const textWidth = (s: string, size = 12): number => (columns(s) * CHAR * size) / 12;

/** A lane box's width for its label. */
export const laneBoxWidth = (label: string): number => Math.max(150, textWidth(label, 12) + 24);

/** A lane's name in a box at the top (from `top` down 32 px), centred on x. */
export function laneBox(x: number, label: string, top = 14): string {
  const w = laneBoxWidth(label);
  return `<rect x="${num(x - w / 2)}" y="${top}" width="${num(w)}" height="32" rx="5" fill="#f3f6fa" stroke="#44546a"/><text class="lane" x="${x}" y="${top + 21}" text-anchor="middle">${xmlEscape(label)}</text>`;
}

/** A lane's vertical line from y1 (under its box) to y2. */
export function laneLine(x: number, y1: number, y2: number, dash = ''): string {
  return `<line class="lifeline" x1="${x}" y1="${num(y1)}" x2="${x}" y2="${num(y2)}" stroke="#9aa5b1" stroke-width="1"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
}

/** The document's opening: XML declaration, `<svg>`, title, arrow and cross markers, styles, white background. */
export function svgOpen(width: number, height: number, title: string): string[] {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="0 0 ${num(width)} ${num(height)}" font-family="${FONT}" font-size="12">`,
    `<title>${xmlEscape(title)}</title>`,
    '<defs>',
    // markerUnits="userSpaceOnUse": the marks keep their size on any stroke (with strokeWidth units, a 1.6 stroke made the cross 16 px).
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker>',
    `<marker id="cross" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto"><path d="M1,1 L9,9 M9,1 L1,9" stroke="${COLOR.error}" stroke-width="2"/></marker>`,
    `<style>.line,.time,.omitted,.legend{fill:#666}.state{fill:${STATE_COLOR};font-weight:bold}.lane,.verdict,.title{font-weight:bold}.title{font-size:15px}.omitted{font-style:italic}.note{fill:${COLOR.error};font-style:italic}</style>`,
    '</defs>',
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
}

/** One legend entry: a sample (a line with its mark, or a coloured text) and what it means. */
export interface LegendItem {
  sample: { kind: 'line'; stroke: string; dash?: boolean; marker: 'arrow' | 'cross' } | { kind: 'text'; text: string; fill: string; bold?: boolean };
  text: string;
}

/** The legend lines every ladder SVG shares: a segment, a pure ACK, a RST (single and pair diagrams). */
export function arrowLegend(l: { segment: string; ack: string; rst: string }): LegendItem[] {
  return [
    { sample: { kind: 'line', stroke: '#222222', marker: 'arrow' }, text: l.segment },
    { sample: { kind: 'line', stroke: '#222222', dash: true, marker: 'arrow' }, text: l.ack },
    { sample: { kind: 'line', stroke: COLOR.error, marker: 'cross' }, text: l.rst },
  ];
}

/** The legend laid out left to right from (x, y), wrapping before `maxX`: its elements and the y under it. */
export function legendBlock(title: string, items: readonly LegendItem[], x: number, y: number, maxX: number): { svg: string[]; bottom: number } {
  const out: string[] = [`<text class="legend title-legend" x="${num(x)}" y="${num(y)}" font-weight="bold">${xmlEscape(title)}</text>`];
  let cx = x;
  y += 20;
  for (const item of items) {
    const sampleW = item.sample.kind === 'line' ? 36 : textWidth(item.sample.text);
    const w = sampleW + 6 + textWidth(item.text);
    if (cx > x && cx + w > maxX) {
      cx = x;
      y += 20;
    }
    if (item.sample.kind === 'line') {
      const s = item.sample;
      const end = s.marker === 'cross' ? cx + 30 : cx + 32;
      out.push(`<line class="legend-sample" x1="${num(cx)}" y1="${num(y - 4)}" x2="${num(end)}" y2="${num(y - 4)}" stroke="${s.stroke}" stroke-width="1.6"${s.dash ? ' stroke-dasharray="6 4"' : ''} marker-end="url(#${s.marker})"/>`);
    } else {
      const s = item.sample;
      out.push(`<text class="legend-sample" x="${num(cx)}" y="${num(y)}" fill="${s.fill}"${s.bold ? ' font-weight="bold"' : ''}>${xmlEscape(s.text)}</text>`);
    }
    out.push(`<text class="legend" x="${num(cx + sampleW + 6)}" y="${num(y)}">${xmlEscape(item.text)}</text>`);
    cx += w + 24;
  }
  return { svg: out, bottom: y + 6 };
}

/**
 * `s` cut into lines of at most `max` px (textWidth): greedily at spaces, between CJK characters anywhere, a word
 * wider than a line cut where it must.
 */
export function wrapToWidth(s: string, max: number): string[] {
  const units = s.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+/gu) ?? [s];
  const out: string[] = [];
  let line = '';
  for (let u of units) {
    while (textWidth((line + u).trimEnd()) > max) {
      if (line.trim() !== '') {
        out.push(line.trimEnd());
        line = '';
        u = u.trimStart();
        continue;
      }
      // One word wider than a line: as many characters as fit.
      let n = 1;
      while (n < u.length && textWidth(u.slice(0, n + 1)) <= max) n++;
      out.push(u.slice(0, n));
      u = u.slice(n);
    }
    line += u;
  }
  if (line.trim() !== '') out.push(line.trimEnd());
  return out;
}

export interface SvgOptions extends DiagramOptions {
  /** Draw the legend under the verdict (default true). */
  legend?: boolean;
  /**
   * As narrow as the texts allow (no minimum lane spacing): for a slide, where the drawing is scaled to a box and
   * every pixel of width left empty makes its text smaller.
   */
  compact?: boolean;
  /**
   * Time runs down (`diagram --slant`): rows spaced by capture time (timeScale), never closer than today's rows,
   * long gaps shortened and labelled; a note under the verdict gives the scale. Arrows stay level: one capture sees
   * each packet once, at one place, so it cannot say how long the packet took to cross.
   */
  slant?: boolean;
}

const TOP = 14;

export function formatSvg(ladder: Ladder, opts: SvgOptions): string {
  const cat = catalogFor(opts.lang);
  const words = CMD_CATALOGS[opts.lang].report;
  const min = opts.minSeverity ?? 'note';
  const clientLabel = `${cat.side.client} ${endpointKey(ladder.client)}`;
  const serverLabel = `${cat.side.server} ${endpointKey(ladder.server)}`;
  const findingTexts = ladder.rows.map((r) => shownFindings(r, min).map((f) => ({ severity: f.severity, text: `${SEVERITY_MARK[f.severity]} ${findingHeadline(f.finding, opts.lang, r.from)}` })));
  const middle = middleNote(ladder);
  const notes: string[] = [];
  if (ladder.omittedBefore > 0) notes.push(words.omitted(ladder.omittedBefore));
  if (middle) notes.push(words.omittedMiddle(middle));
  if (ladder.omittedAfter) notes.push(words.omittedAfter(ladder.omittedAfter));

  // Widths of every column, measured (loops, not Math.max(...rows): a spread of 100 000+ arguments overflows the stack).
  let centre = opts.compact ? 0 : 30 * CHAR + 80;
  let lineW = 0;
  let timeW = 0;
  let leftW = 0;
  let rightW = 0;
  const measureStates = (lane: 'client' | 'server', s: string) => {
    if (lane === 'client') leftW = Math.max(leftW, textWidth(s));
    else rightW = Math.max(rightW, textWidth(s));
  };
  if (ladder.initial.client) measureStates('client', ladder.initial.client);
  if (ladder.initial.server) measureStates('server', ladder.initial.server);
  ladder.rows.forEach((r, i) => {
    centre = Math.max(centre, textWidth(ladderLabel(r)) + 80);
    if (!opts.compact) for (const f of findingTexts[i]) centre = Math.max(centre, textWidth(f.text) + 40);
    lineW = Math.max(lineW, textWidth(String(r.line)));
    if (r.sinceStart !== null) timeW = Math.max(timeW, textWidth(`+${r.sinceStart.toFixed(6)}`));
    for (const c of r.changes) measureStates(c.lane, c.to);
  });
  for (const n of notes) centre = Math.max(centre, textWidth(n) + 40);
  const lineX = 12;
  const timeX = lineX + lineW + 12;
  const leftEdge = timeW > 0 ? timeX + timeW + 14 : timeX;
  const span = Math.max(opts.compact ? laneBoxWidth(clientLabel) / 2 + laneBoxWidth(serverLabel) / 2 + 16 : 420, centre);
  const cx = Math.max(opts.compact ? 0 : 250, leftEdge + leftW + 10, laneBoxWidth(clientLabel) / 2 + 12);
  const sx = cx + span;
  const mid = (cx + sx) / 2;
  // Compact: a finding wider than the lanes' span is wrapped onto more lines instead of widening the drawing.
  const findingLines = findingTexts.map((fs) => fs.flatMap((f) => (opts.compact ? wrapToWidth(f.text, span - 40) : [f.text]).map((text) => ({ severity: f.severity, text }))));
  let width = sx + Math.max(opts.compact ? 0 : 170, 10 + rightW + 16, laneBoxWidth(serverLabel) / 2 + 12);

  const body: string[] = [];
  let top = TOP;
  const title = opts.title ?? words.connection({ conn: ladder.conn, client: endpointKey(ladder.client), server: endpointKey(ladder.server) });
  if (opts.title !== undefined) {
    body.push(`<text class="title" x="${lineX}" y="${top + 12}">${xmlEscape(opts.title)}</text>`);
    width = Math.max(width, lineX + textWidth(opts.title, 15) + 12);
    top += 30;
  }
  const lanesTop = top + 32;
  let y = lanesTop + 34;
  if (ladder.initial.client || ladder.initial.server) {
    if (ladder.initial.client) body.push(`<text class="state" x="${num(cx - 10)}" y="${y}" text-anchor="end">${xmlEscape(ladder.initial.client)}</text>`);
    if (ladder.initial.server) body.push(`<text class="state" x="${num(sx + 10)}" y="${y}">${xmlEscape(ladder.initial.server)}</text>`);
    y += 22;
  }
  if (ladder.omittedBefore > 0) {
    body.push(`<text class="omitted" x="${num(mid)}" y="${y}" text-anchor="middle">${xmlEscape(words.omitted(ladder.omittedBefore))}</text>`);
    y += 22;
  }
  const scale = opts.slant ? timeScale(ladder.rows.map((r) => r.sinceStart)) : null;
  /** The last timed row's time and arrow y, which the next row's distance is measured from (slant). */
  let prev: { t: number; y: number } | null = null;
  ladder.rows.forEach((row, i) => {
    if (middle && i === ladder.omittedMiddle?.after) {
      y += 22;
      body.push(`<text class="omitted" x="${num(mid)}" y="${y}" text-anchor="middle">${xmlEscape(words.omittedMiddle(middle))}</text>`);
      prev = null;
    }
    let next = y + 24;
    if (scale && prev && row.sinceStart !== null) {
      const dy = (row.sinceStart - prev.t) * scale.pxPerSecond;
      if (dy > scale.maxGap) {
        // A long quiet gap: shortened, its duration written where it was.
        y += 22;
        body.push(`<text class="omitted gap" x="${num(mid)}" y="${num(y)}" text-anchor="middle">${xmlEscape(words.gap(durationText(row.sinceStart - prev.t)))}</text>`);
        next = y + 24;
      } else next = Math.max(next, prev.y + dy);
    }
    y = Math.round(next);
    if (row.sinceStart !== null) prev = { t: row.sinceStart, y };
    const fromX = row.from === 'client' ? cx : sx;
    const toX = row.from === 'client' ? sx - 3 : cx + 3;
    const worst = worstSeverity(shownFindings(row, min).map((f) => f.finding));
    const stroke = row.kind === 'rst' ? COLOR.error : worst === 'error' || worst === 'warning' ? COLOR[worst] : '#222222';
    const dash = row.kind === 'ack' ? ' stroke-dasharray="6 4"' : '';
    const marker = row.kind === 'rst' ? 'url(#cross)' : 'url(#arrow)';
    const g: string[] = [`<g class="row" data-line="${row.line}" data-kind="${row.kind}" data-from="${row.from}">`];
    g.push(`<text class="line" x="${lineX}" y="${y + 4}">${row.line}</text>`);
    if (row.sinceStart !== null) g.push(`<text class="time" x="${num(timeX)}" y="${y + 4}">+${row.sinceStart.toFixed(6)}</text>`);
    g.push(`<line x1="${num(fromX)}" y1="${y}" x2="${num(toX)}" y2="${y}" stroke="${stroke}" stroke-width="1.6"${dash} marker-end="${marker}"/>`);
    g.push(`<text class="label" x="${num(mid)}" y="${y - 6}" text-anchor="middle">${xmlEscape(ladderLabel(row))}</text>`);
    // One segment can move an end through two states (FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT): one line each, stacked.
    const stacked = { client: 0, server: 0 };
    for (const c of row.changes) {
      const sy = y + 4 + 14 * stacked[c.lane]++;
      g.push(c.lane === 'client'
        ? `<text class="state" x="${num(cx - 10)}" y="${sy}" text-anchor="end">${xmlEscape(c.to)}</text>`
        : `<text class="state" x="${num(sx + 10)}" y="${sy}">${xmlEscape(c.to)}</text>`);
    }
    const stateBottom = y + 14 * Math.max(0, stacked.client - 1, stacked.server - 1);
    for (const f of findingLines[i]) {
      y += 17;
      g.push(`<text class="finding" x="${num(mid)}" y="${y}" text-anchor="middle" fill="${COLOR[f.severity]}">${xmlEscape(f.text)}</text>`);
    }
    g.push('</g>');
    body.push(g.join(''));
    y = Math.max(y, stateBottom) + 8;
  });
  if (ladder.omittedAfter) {
    y += 16;
    body.push(`<text class="omitted" x="${num(mid)}" y="${y}" text-anchor="middle">${xmlEscape(words.omittedAfter(ladder.omittedAfter))}</text>`);
    y += 8;
  }
  y += 12;
  const lanesBottom = y;
  y += 24;
  if (ladder.verdict) {
    const v = `${words.verdict}${words.sep}${explainVerdictText(ladder.verdict, opts.lang).headline}`;
    body.push(`<text class="verdict" x="${lineX}" y="${y}">${xmlEscape(v)}</text>`);
    width = Math.max(width, lineX + textWidth(v) + 12);
    y += 26;
  }
  if (scale) {
    // What the vertical axis is, wrapped to the drawing's width.
    const note = words.timeScale({ unit: durationText(scale.unit), px: SLANT_UNIT_PX, cut: durationText(scale.maxGap / scale.pxPerSecond) });
    for (const line of wrapToWidth(note, width - 24)) {
      body.push(`<text class="scale legend" x="${lineX}" y="${y}">${xmlEscape(line)}</text>`);
      y += 17;
    }
    y += 12;
  }
  if (opts.legend !== false) {
    const l = words.legend;
    const items: LegendItem[] = [
      ...arrowLegend(l),
      { sample: { kind: 'text', text: 'STATE', fill: STATE_COLOR, bold: true }, text: l.state },
      { sample: { kind: 'text', text: SEVERITY_MARK.error, fill: COLOR.error }, text: l.error },
      { sample: { kind: 'text', text: SEVERITY_MARK.warning, fill: COLOR.warning }, text: l.warning },
      { sample: { kind: 'text', text: SEVERITY_MARK.note, fill: COLOR.note }, text: l.note },
    ];
    const block = legendBlock(l.title, items, lineX, y, width - 12);
    body.push(...block.svg);
    y = block.bottom;
  }
  const height = y + 14;
  const out = svgOpen(width, height, title);
  out.push(laneBox(cx, clientLabel, top), laneBox(sx, serverLabel, top));
  out.push(laneLine(cx, lanesTop, lanesBottom), laneLine(sx, lanesTop, lanesBottom));
  // Joined, not out.push(...body): a spread of one argument per row overflows the call stack on huge connections.
  return `${out.join('\n')}\n${body.length > 0 ? `${body.join('\n')}\n` : ''}</svg>\n`;
}
