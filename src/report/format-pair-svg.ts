// Standalone SVG of a pair (`tcplain diagram CLIENT --pair SERVER --format svg`): three lanes, client, path, server.

import { endpointKey } from '../model';
import type { ConnectionPair, TimelineEntry } from '../correlate';
import { CMD_CATALOGS } from '../explain/command';
import type { Lang } from '../explain';
import { PAIR_CATALOGS, formatClientTime, segmentText, type PairFormatOptions } from './format-pair';
import { arrowLegend, COLOR, laneBox, laneBoxWidth, laneLine, legendBlock, num, svgOpen, textWidth, xmlEscape, type LegendItem } from './format-svg';
import { segmentKind } from './ladder';

/** Where a drawn pair's timeline was cut (a chosen range, a cap), for the notes that say so. */
export interface PairCut {
  omittedBefore?: number;
  omittedAfter?: number;
  /** Entries cut out of the middle: they were between `timeline[after - 1]` and `timeline[after]`. */
  omittedMiddle?: { after: number; count: number } | null;
}

/** The cut's notes in `lang` (`… 3 earlier segments not shown`), each null when there is nothing to say. */
export function pairCutNotes(cut: PairCut, shown: number, lang: Lang): { before: string | null; middle: { at: number; text: string } | null; after: string | null } {
  const words = CMD_CATALOGS[lang].report;
  const m = cut.omittedMiddle ?? null;
  return {
    before: cut.omittedBefore ? words.omitted(cut.omittedBefore) : null,
    middle: m ? { at: m.after, text: words.omittedMiddle({ first: m.after, last: shown - m.after, omitted: m.count }) } : null,
    after: cut.omittedAfter ? words.omittedAfter(cut.omittedAfter) : null,
  };
}

export interface PairSvgOptions extends PairFormatOptions, PairCut {
  /** A heading drawn above the lanes (and the document's title); default: the pair. */
  title?: string;
  /** Draw the legend under the verdict (default true). */
  legend?: boolean;
}

/**
 * The arrow's label in the single-connection SVG's style (`S. seq 0 win 64240 mss 1460`): the flags as tcpdump
 * prints them without brackets, `len` only when the segment carries data; rewritten fields as `mss 1460→1200`.
 */
export function pairSvgLabel(e: TimelineEntry): string {
  return segmentText(e).replace(/^\[([^\]]*)\] /, '$1 ').replace(/ len 0(?= |$)/, '');
}

/** Line numbers of an entry in both inputs (`8/8`, `-/23`), the left column. */
const lineTag = (e: TimelineEntry): string => `${e.client?.rec.line ?? '-'}/${e.server?.rec.line ?? '-'}`;

/**
 * One arrow per timeline entry, in timeline order. A segment both captures saw crosses from end to end; one seen
 * by its sender's capture only stops at the path with a cross (lost there); one seen by its receiver's capture
 * only starts at the path (something there made it: a forged RST, a duplicate). Rewritten fields show in the label
 * (`mss 1460→1200`), and an entry that is not a plain match carries its status word under the arrow. The path's
 * lifeline is broken where a label or note crosses it, so it never strikes text through.
 */
export function formatPairSvg(p: ConnectionPair, lang: Lang, opts: PairSvgOptions = {}): string {
  const c = PAIR_CATALOGS[lang];
  const words = CMD_CATALOGS[lang].report;
  const labels = p.timeline.map(pairSvgLabel);
  // A label spanning end to end must fit between the two end lanes; one that starts or stops at the path, in its half.
  let half = 230;
  let tagW = 0;
  let timeW = 0;
  p.timeline.forEach((e, i) => {
    const w = textWidth(labels[i]);
    half = Math.max(half, e.kind === 'both' ? w / 2 + 40 : w + 40);
    tagW = Math.max(tagW, textWidth(lineTag(e)));
    if (e.t !== null) timeW = Math.max(timeW, textWidth(formatClientTime(e.t, opts.clientClock)));
  });
  const notes: string[] = [];
  if (opts.omittedBefore) notes.push(words.omitted(opts.omittedBefore));
  const middle = opts.omittedMiddle ?? null;
  const middleText = middle ? words.omittedMiddle({ first: middle.after, last: p.timeline.length - middle.after, omitted: middle.count }) : '';
  if (middle) notes.push(middleText);
  if (opts.omittedAfter) notes.push(words.omittedAfter(opts.omittedAfter));
  for (const n of notes) half = Math.max(half, textWidth(n) / 2 + 20);
  const clientLabel = `${c.side.client} ${endpointKey(p.client.client)}`;
  const serverLabel = `${c.side.server} ${endpointKey(p.server.server)}`;
  const pathLabel = c.markdown.path;
  const tagX = 12;
  const timeX = tagX + tagW + 12;
  const cx = Math.max(250, (timeW > 0 ? timeX + timeW : timeX) + 20, laneBoxWidth(clientLabel) / 2 + 12);
  half = Math.max(half, laneBoxWidth(pathLabel) / 2 + laneBoxWidth(clientLabel) / 2 + 12, laneBoxWidth(pathLabel) / 2 + laneBoxWidth(serverLabel) / 2 + 12);
  const px = cx + half;
  const sx = px + half;
  let width = sx + Math.max(170, laneBoxWidth(serverLabel) / 2 + 12);

  const body: string[] = [];
  /** Vertical extents of texts drawn across the path's lane: its lifeline leaves a gap there. */
  const gaps: Array<[number, number]> = [];
  const centred = (cls: string, x: number, y: number, text: string, halfW = textWidth(text) / 2) => {
    if (x - halfW - 2 <= px && px <= x + halfW + 2) gaps.push([y - 12, y + 5]);
    return `<text class="${cls}" x="${num(x)}" y="${num(y)}" text-anchor="middle">${xmlEscape(text)}</text>`;
  };
  let top = 14;
  const title = opts.title ?? c.markdown.connection(p.client.conn, p.server.conn);
  if (opts.title !== undefined) {
    body.push(`<text class="title" x="${tagX}" y="${top + 12}">${xmlEscape(opts.title)}</text>`);
    width = Math.max(width, tagX + textWidth(opts.title, 15) + 12);
    top += 30;
  }
  const lanesTop = top + 32;
  let y = lanesTop + 18;
  if (opts.omittedBefore) {
    y += 16;
    body.push(centred('omitted', px, y, words.omitted(opts.omittedBefore)));
  }
  p.timeline.forEach((e, i) => {
    if (middle && i === middle.after) {
      y += 30;
      body.push(centred('omitted', px, y, middleText));
    }
    y += 30;
    const [fromEnd, toEnd] = e.dir === 'c2s' ? [cx, sx] : [sx, cx];
    const sentSide = e.dir === 'c2s' ? 'client-only' : 'server-only';
    const rec = (e.client ?? e.server)!.rec;
    const kind = segmentKind(rec);
    const rst = kind === 'rst';
    // Seen only where it was sent: it stopped on the path. Seen only where it arrived: the path made it.
    const lost = e.kind !== 'both' && e.kind === sentSide;
    const made = e.kind !== 'both' && !lost;
    const x1 = made ? px : fromEnd;
    const x2 = lost ? px : toEnd;
    // Arrowheads stop just short of a lane; a cross sits on it.
    const x2drawn = lost || rst ? x2 : x2 > x1 ? x2 - 3 : x2 + 3;
    const stroke = rst || e.kind !== 'both' ? COLOR.error : '#222222';
    const dash = kind === 'ack' ? ' stroke-dasharray="6 4"' : '';
    const marker = lost || rst ? 'url(#cross)' : 'url(#arrow)';
    const g: string[] = [`<g class="row" data-kind="${e.kind}" data-dir="${e.dir}" data-status="${e.status}" data-client-line="${e.client?.rec.line ?? ''}" data-server-line="${e.server?.rec.line ?? ''}">`];
    g.push(`<text class="line" x="${tagX}" y="${y + 4}">${lineTag(e)}</text>`);
    if (e.t !== null) g.push(`<text class="time" x="${num(timeX)}" y="${y + 4}">${xmlEscape(formatClientTime(e.t, opts.clientClock))}</text>`);
    g.push(`<line x1="${num(x1)}" y1="${y}" x2="${num(x2drawn)}" y2="${y}" stroke="${stroke}" stroke-width="1.6"${dash} marker-end="${marker}"/>`);
    g.push(centred('label', (x1 + x2) / 2, y - 6, labels[i]));
    if (e.status !== 'matched') {
      y += 17;
      // Under a half arrow, in its half: the path's lane stays clear of it when it fits there.
      const noteText = `‹${c.status[e.status]}›`;
      const nx = e.kind === 'both' ? px : (x1 + x2) / 2;
      g.push(centred('note', nx, y, noteText));
    }
    g.push('</g>');
    body.push(g.join(''));
  });
  if (opts.omittedAfter) {
    y += 30;
    body.push(centred('omitted', px, y, words.omittedAfter(opts.omittedAfter)));
  }
  y += 20;
  const lanesBottom = y;
  y += 24;
  const v = `${c.text.verdict}${c.verdicts[p.verdict.code](p.verdict, p).headline}`;
  body.push(`<text class="verdict" x="${tagX}" y="${y}">${xmlEscape(v)}</text>`);
  width = Math.max(width, tagX + textWidth(v) + 12);
  y += 26;
  if (opts.legend !== false) {
    const l = words.legend;
    const items: LegendItem[] = [
      ...arrowLegend(l),
      { sample: { kind: 'line', stroke: COLOR.error, marker: 'arrow' }, text: c.markdown.oneSide },
    ];
    const block = legendBlock(l.title, items, tagX, y, width - 12);
    body.push(...block.svg);
    y = block.bottom;
  }
  const height = y + 14;
  const out = svgOpen(width, height, title);
  out.push(laneBox(cx, clientLabel, top), laneBox(px, pathLabel, top), laneBox(sx, serverLabel, top));
  out.push(laneLine(cx, lanesTop, lanesBottom), laneLine(sx, lanesTop, lanesBottom));
  // The path's lifeline in pieces, around every text that crosses it.
  gaps.sort((a, b) => a[0] - b[0]);
  let from = lanesTop;
  for (const [g1, g2] of gaps) {
    if (g1 > from) out.push(laneLine(px, from, g1, '3 3'));
    from = Math.max(from, g2);
  }
  if (from < lanesBottom) out.push(laneLine(px, from, lanesBottom, '3 3'));
  for (const b of body) out.push(b);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}


/**
 * The part of a pair's timeline a drawing shows: with a range, the entries from the first whose client-capture line
 * is in it to the last such one (server-only entries between them included); then, beyond `max` entries, the first
 * and last half with the cut said. Null when no client-capture line is in the range.
 */
export function pairWindow(
  p: ConnectionPair,
  range: { from: number; to: number } | null,
  max: number,
): { pair: ConnectionPair; omitted: Required<Pick<PairSvgOptions, 'omittedBefore' | 'omittedAfter' | 'omittedMiddle'>> } | null {
  let first = 0;
  let end = p.timeline.length;
  if (range) {
    const inRange = (e: TimelineEntry) => e.client !== null && e.client !== undefined && e.client.rec.line >= range.from && e.client.rec.line <= range.to;
    first = p.timeline.findIndex(inRange);
    if (first < 0) return null;
    end = first + 1;
    for (let i = first; i < p.timeline.length; i++) if (inRange(p.timeline[i])) end = i + 1;
  }
  let timeline = p.timeline.slice(first, end);
  let middle: { after: number; count: number } | null = null;
  if (timeline.length > max) {
    const head = Math.ceil(max / 2);
    const tail = max - head;
    middle = { after: head, count: timeline.length - head - tail };
    timeline = timeline.slice(0, head).concat(timeline.slice(timeline.length - tail));
  }
  return { pair: { ...p, timeline }, omitted: { omittedBefore: first, omittedAfter: p.timeline.length - end, omittedMiddle: middle } };
}
