// Standalone SVG of a pair (`tcplain diagram CLIENT --pair SERVER --format svg`): three lanes, client, path, server.

import stringWidth from 'string-width';
import { endpointKey } from '../model';
import type { ConnectionPair } from '../correlate';
import type { Lang } from '../explain';
import { PAIR_CATALOGS, formatClientTime, segmentText, type PairFormatOptions } from './format-pair';
import { CHAR, COLOR, laneBox, laneLine, num, svgOpen, xmlEscape } from './format-svg';

/**
 * One arrow per timeline entry, in timeline order. A segment both captures saw crosses from end to end; one seen
 * by its sender's capture only stops at the path with a cross (lost there); one seen by its receiver's capture
 * only starts at the path (something there made it: a forged RST, a duplicate). Rewritten fields show in the label
 * (`mss 1460→1200`), and an entry that is not a plain match carries its status word under the arrow.
 */
export function formatPairSvg(p: ConnectionPair, lang: Lang, opts: PairFormatOptions = {}): string {
  const c = PAIR_CATALOGS[lang];
  const labels = p.timeline.map((e) => `[${e.client?.rec.line ?? '-'}/${e.server?.rec.line ?? '-'}] ${segmentText(e)}`);
  let longest = 30;
  for (const l of labels) longest = Math.max(longest, stringWidth(l));
  // Each half (end lane to path) holds a label that starts or stops at the path; the full span holds any label.
  const half = Math.max(230, (longest * CHAR) / 2 + 40);
  const cx = 250;
  const px = cx + half;
  const sx = px + half;
  const width = sx + 170;
  const body: string[] = [];
  let y = 80;
  p.timeline.forEach((e, i) => {
    y += 24;
    const [fromEnd, toEnd] = e.dir === 'c2s' ? [cx, sx] : [sx, cx];
    const sentSide = e.dir === 'c2s' ? 'client-only' : 'server-only';
    const rst = (e.client ?? e.server)!.rec.flags.includes('R');
    // Seen only where it was sent: it stopped on the path. Seen only where it arrived: the path made it.
    const lost = e.kind !== 'both' && e.kind === sentSide;
    const made = e.kind !== 'both' && !lost;
    const x1 = made ? px : fromEnd;
    const x2 = lost ? px : toEnd;
    // Arrowheads stop just short of a lane; a cross sits on it.
    const x2drawn = lost || rst ? x2 : x2 > x1 ? x2 - 3 : x2 + 3;
    const stroke = rst || e.kind !== 'both' ? COLOR.error : '#222222';
    const dash = e.kind !== 'both' ? ' stroke-dasharray="6 4"' : '';
    const marker = lost || rst ? 'url(#cross)' : 'url(#arrow)';
    const g: string[] = [`<g class="row" data-kind="${e.kind}" data-dir="${e.dir}" data-status="${e.status}" data-client-line="${e.client?.rec.line ?? ''}" data-server-line="${e.server?.rec.line ?? ''}">`];
    if (e.t !== null) g.push(`<text class="time" x="12" y="${y + 4}">${xmlEscape(formatClientTime(e.t, opts.clientClock))}</text>`);
    g.push(`<line x1="${num(x1)}" y1="${y}" x2="${num(x2drawn)}" y2="${y}" stroke="${stroke}" stroke-width="1.6"${dash} marker-end="${marker}"/>`);
    g.push(`<text class="label" x="${num((x1 + x2) / 2)}" y="${y - 6}" text-anchor="middle">${xmlEscape(labels[i])}</text>`);
    if (e.status !== 'matched') {
      y += 16;
      g.push(`<text class="note" x="${num(px)}" y="${y}" text-anchor="middle">${xmlEscape(`‹${c.status[e.status]}›`)}</text>`);
    }
    g.push('</g>');
    body.push(g.join(''));
    y += 8;
  });
  const height = y + 40;
  const out = svgOpen(width, height, c.markdown.connection(p.client.conn, p.server.conn));
  out.push(laneBox(cx, `${c.side.client} ${endpointKey(p.client.client)}`), laneBox(px, c.markdown.path), laneBox(sx, `${c.side.server} ${endpointKey(p.server.server)}`));
  out.push(laneLine(cx, height), laneLine(px, height, '3 3'), laneLine(sx, height));
  for (const b of body) out.push(b);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
