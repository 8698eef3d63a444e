// Plain-text three-lane ladder of a pair (`tcplain diagram CLIENT --pair SERVER --format text`): client, path, server.

import { textWidth } from '../explain/text-width';
import { endpointKey } from '../model';
import type { ConnectionPair } from '../correlate';
import type { Lang } from '../explain';
import { PAIR_CATALOGS, segmentText } from './format-pair';
import { pairCutNotes, type PairCut } from './format-pair-svg';

/** Columns from one end lane to the path lane. */
const HALF = 16;

/**
 * One arrow across a 2·HALF+1 wide row: lanes at 0 (client), HALF (path), 2·HALF (server). An arrow that stops
 * on the path ends in `x` (lost there); one that starts on the path starts at its lane (made there).
 */
function arrow(from: number, to: number, lost: boolean): string {
  const row = [...' '.repeat(2 * HALF + 1)];
  row[0] = row[2 * HALF] = '|';
  row[HALF] = ':';
  const lo = Math.min(from, to);
  const hi = Math.max(from, to);
  for (let i = lo + 1; i < hi; i++) row[i] = '-';
  if (lost) row[to] = 'x';
  else row[to > from ? to - 1 : to + 1] = to > from ? '>' : '<';
  return row.join('');
}

export function formatPairLadderText(p: ConnectionPair, lang: Lang, cut: PairCut = {}): string {
  const c = PAIR_CATALOGS[lang];
  const left = `${c.side.client} ${endpointKey(p.client.client)}`;
  const right = `${c.side.server} ${endpointKey(p.server.server)}`;
  // Lane names over their lanes; width by display columns, so Chinese names line up too.
  const pad = (s: string): string => s + ' '.repeat(Math.max(1, HALF - textWidth(s)));
  const out = [`${left}  ⇄  ${right}`, `${pad(c.side.client)}${pad(c.markdown.path)}${c.side.server}`];
  const ends = { c2s: [0, 2 * HALF], s2c: [2 * HALF, 0] } as const;
  const notes = pairCutNotes(cut, p.timeline.length, lang);
  if (notes.before) out.push(notes.before);
  for (const [i, e] of p.timeline.entries()) {
    if (notes.middle && i === notes.middle.at) out.push(notes.middle.text);
    const [from, to] = ends[e.dir];
    const lines = `[${e.client?.rec.line ?? '-'}/${e.server?.rec.line ?? '-'}]`;
    const sentSide = e.dir === 'c2s' ? 'client-only' : 'server-only';
    let row: string;
    // Seen only where it was sent: it stopped on the path. Seen only where it arrived: the path made it.
    if (e.kind === 'both') row = arrow(from, to, false);
    else if (e.kind === sentSide) row = arrow(from, HALF, true);
    else row = arrow(HALF, to, false);
    out.push(`${row}  ${lines} ${segmentText(e)}${e.status !== 'matched' ? `  ‹${c.status[e.status]}›` : ''}`);
  }
  if (notes.after) out.push(notes.after);
  return out.join('\n') + '\n';
}
