// Lays out one connection pair (src/correlate) side by side: client lane, the path between, server lane; lost and injected segments stop or start mid-path.

import { endpointKey, findOption, FINDINGS, type FlowDir, type TcpOption } from '../../model';
import { CORR_FINDINGS, type ConnectionPair, type TimelineEntry } from '../../correlate';
import type { CaptureSegment } from '../../correlate';
import { PAIR_CATALOGS, formatClientTime, winOf } from '../../report/format-pair';
import { segmentKind } from '../../report/ladder';
import type { LabelKey } from '../labels';
import type { Numbering, UiLang } from '../state/reducer';
import { KIND_COLOR, SEVERITY_COLOR, SEVERITY_MARK, THEME } from '../theme';
import { fit, fitLine, padStart, truncate, width as cols, wrap, type Line, type Span } from '../text';
import { displayText } from './list-lines';

/** The segment's fields as label parts; a field the path changed (MSS, window scale, window) is its own part, marked. */
export function pairLabelParts(e: TimelineEntry, numbering: Numbering): Array<{ text: string; rewritten: boolean }> {
  const main = (e.client ?? e.server) as CaptureSegment;
  const r = main.rec;
  const a = main.a;
  const parts: Array<{ text: string; rewritten: boolean }> = [{ text: r.flags, rewritten: false }];
  const rel = numbering === 'relative';
  const seq = rel ? (a.relSeq ?? r.seq) : (a.absSeq ?? r.seq);
  const end = rel ? (a.relEnd ?? r.end) : (a.absEnd ?? r.end);
  if (seq !== null) parts.push({ text: end !== null && end !== seq && (r.len ?? 0) > 0 ? `seq ${seq}:${end}` : `seq ${seq}`, rewritten: false });
  const ack = rel ? (a.relAck ?? r.ack) : (a.absAck ?? r.ack);
  if (ack !== null) parts.push({ text: `ack ${ack}`, rewritten: false });
  const sender = e.dir === 'c2s' ? e.client : e.server;
  const receiver = e.dir === 'c2s' ? e.server : e.client;
  // Windows scaled by the handshake's shift, as the ladders and `pair` print them (the raw field without a handshake).
  if (sender && receiver && sender.rec.win !== null && receiver.rec.win !== null && winOf(sender) !== winOf(receiver)) {
    parts.push({ text: `win ${winOf(sender)}→${winOf(receiver)}`, rewritten: true });
  } else if (r.win !== null) parts.push({ text: `win ${winOf(main)}`, rewritten: false });
  for (const k of ['mss', 'wscale'] as const) {
    const x = findOption((sender ?? main).rec.options, k) as Extract<TcpOption, { kind: typeof k }> | undefined;
    const y = receiver ? (findOption(receiver.rec.options, k) as Extract<TcpOption, { kind: typeof k }> | undefined) : x;
    if (x && y && x.value !== y.value) parts.push({ text: `${k} ${x.value}→${y.value}`, rewritten: true });
    else if (x && !y && receiver) parts.push({ text: `${k} ${x.value}→∅`, rewritten: true });
    else if (x) parts.push({ text: `${k} ${x.value}`, rewritten: false });
  }
  if ((r.len ?? 0) > 0) parts.push({ text: `len ${r.len}`, rewritten: false });
  return parts;
}

export interface PairLayout {
  width: number;
  height: number;
  lang: UiLang;
  numbering: Numbering;
  /** Selected timeline row. */
  cursor: number;
  /** Lines of the evidence below the timeline scrolled off its top (J/K); 0 by default. */
  evidenceScroll?: number;
  label: (key: LabelKey) => string;
}

/**
 * Where an arrow runs on the path between the lanes. A segment both captures saw crosses the whole path; one the
 * sender's capture shows but the receiver's does not was lost on the way and stops in the middle; one only the
 * receiver saw was never sent by the peer (injected or forged) and starts in the middle.
 */
export function arrowSpan(e: TimelineEntry): { from: 'client' | 'mid' | 'server'; to: 'client' | 'mid' | 'server' } {
  const sender: 'client' | 'server' = e.dir === 'c2s' ? 'client' : 'server';
  const receiver: 'client' | 'server' = e.dir === 'c2s' ? 'server' : 'client';
  if (e.kind === 'both') return { from: sender, to: receiver };
  const seenBy = e.kind === 'client-only' ? 'client' : 'server';
  return seenBy === sender ? { from: sender, to: 'mid' } : { from: 'mid', to: receiver };
}

function arrowSpans(e: TimelineEntry, width: number, parts: Array<{ text: string; rewritten: boolean }>, color: string): Span[] {
  const { from, to } = arrowSpan(e);
  const mid = Math.floor(width / 2);
  const start = from === 'client' ? 0 : from === 'mid' ? mid : width - 1;
  const stop = to === 'client' ? 0 : to === 'mid' ? mid : width - 1;
  const lo = Math.min(start, stop);
  const hi = Math.max(start, stop);
  const rightward = stop > start;
  const span = hi - lo + 1;
  // Label inside the shaft, cut to fit; rewritten fields keep their own colour.
  const room = Math.max(0, span - 5);
  const spans: Span[] = [];
  let labelText = '';
  const labelSpans: Span[] = [];
  for (const p of parts) {
    const piece = (labelText === '' ? '' : ' ') + p.text;
    if (cols(labelText + piece) > room) {
      const cut = truncate(piece, room - cols(labelText));
      if (cut) labelSpans.push({ text: cut, color: p.rewritten ? 'black' : color, backgroundColor: p.rewritten ? 'yellow' : undefined, bold: true });
      labelText += cut;
      break;
    }
    labelSpans.push({ text: piece, color: p.rewritten ? 'black' : color, backgroundColor: p.rewritten ? 'yellow' : undefined, bold: p.rewritten });
    labelText += piece;
  }
  const lw = cols(labelText);
  const shaft = Math.max(1, span - lw - 4);
  const endMark = to === 'mid' ? '✗' : rightward ? '►' : '◄';
  const startMark = from === 'mid' ? '◆' : '─';
  spans.push({ text: ' '.repeat(lo) });
  if (rightward) {
    spans.push({ text: `${startMark} `, color }, ...labelSpans, { text: ` ${'─'.repeat(shaft)}`, color }, { text: endMark, color: to === 'mid' ? 'red' : color, bold: true });
  } else {
    spans.push({ text: endMark, color: to === 'mid' ? 'red' : color, bold: true }, { text: `${'─'.repeat(shaft)} `, color }, ...labelSpans, { text: ` ${startMark}`, color });
  }
  return fitLine(spans, width);
}

function entryTime(e: TimelineEntry): string {
  if (e.t === null) return '';
  return formatClientTime(e.t).slice(-15);
}

/** The timeline of one pair, windowed on the cursor, plus the selected entry's records and the pair's findings and verdict. */
export function pairLines(p: ConnectionPair, layout: PairLayout): Line[] {
  const { width, height, lang, label } = layout;
  const cat = PAIR_CATALOGS[lang];
  const out: Line[] = [];
  const timeCol = 16;
  // The annotation column (delay, lost, never sent) keeps 22 columns on a wide screen and 14 from 80 columns on;
  // only below that does the path take all the room.
  const tagCol = width >= 110 ? 22 : width >= 80 ? 14 : 0;
  const path = Math.max(20, width - timeCol - 1 - 2 - tagCol - (tagCol ? 1 : 0));
  const verdict = cat.verdicts[p.verdict.code](p.verdict, p);
  out.push(fitLine([{ text: `${label('ladder.verdict')}${label('punct.colon')}`, color: THEME.dim }, { text: verdict.headline, bold: true, color: p.verdict.code === 'corr.clean' || p.verdict.code === 'corr.nat' ? 'green' : 'red' }], width));
  const pathName = `— ${label('pair.path')} —`;
  const half = Math.floor(path / 2);
  let clientName = `${label('ladder.client')} ${endpointKey(p.client.client)}`;
  let serverName = `${label('ladder.server')} ${endpointKey(p.server.server)}`;
  // On a narrow screen the addresses matter more than the words: the lanes' colours already say which is which.
  if (cols(clientName) > half - Math.floor(cols(pathName) / 2) || cols(serverName) > path + 2 - half - Math.ceil(cols(pathName) / 2)) {
    clientName = endpointKey(p.client.client);
    serverName = endpointKey(p.server.server);
  }
  out.push(
    fitLine(
      [
        { text: ' '.repeat(timeCol + 1) },
        { text: fit(clientName, Math.max(0, half - Math.floor(cols(pathName) / 2))), color: THEME.client, bold: true },
        { text: pathName, color: THEME.dim },
        { text: padStart(truncate(serverName, Math.max(0, path + 2 - half - Math.ceil(cols(pathName) / 2))), Math.max(0, path + 2 - half - Math.ceil(cols(pathName) / 2))), color: THEME.server, bold: true },
      ],
      width,
    ),
  );
  // The timeline gets what it needs up to two thirds of the screen; the selected segment and the findings get the rest.
  const n = p.timeline.length;
  const rows = Math.max(1, Math.min(n, Math.floor(((height - out.length - 1) * 2) / 3)));
  const detailRows = Math.max(1, height - out.length - rows - 1);
  const first = Math.max(0, Math.min(n - rows, layout.cursor - Math.floor(rows / 2)));
  for (let i = first; i < n && i < first + rows; i++) {
    const e = p.timeline[i];
    const main = (e.client ?? e.server) as CaptureSegment;
    const color = KIND_COLOR[segmentKind(main.rec)];
    const spans: Span[] = [
      { text: (i === layout.cursor ? '▸' : ' ') + padStart(entryTime(e), timeCol - 1), color: i === layout.cursor ? THEME.borderFocus : THEME.dim },
      { text: ' ' },
      { text: '│', color: THEME.client },
      ...arrowSpans(e, path, pairLabelParts(e, layout.numbering), color),
      { text: '│', color: THEME.server },
    ];
    if (tagCol) {
      const tag = e.status === 'matched' ? (e.delay !== null ? `${(e.delay * 1000).toFixed(3)} ms` : '') : cat.status[e.status];
      spans.push({ text: ' ' }, { text: fit(tag, tagCol), color: e.status === 'matched' ? THEME.dim : 'red', bold: e.status !== 'matched' });
    }
    const line = fitLine(spans, width);
    out.push(i === layout.cursor ? line.map((s) => ({ ...s, inverse: true })) : line);
  }
  while (out.length < height - detailRows - 1) out.push(fitLine([], width));
  out.push(fitLine([{ text: '─'.repeat(width), color: THEME.border }], width));
  const detail: Line[] = [];
  const sel = p.timeline[layout.cursor];
  if (sel) {
    const dir: FlowDir = sel.dir;
    detail.push(fitLine([{ text: `${cat.dir[dir]} · ${cat.seenBy[sel.kind]} · ${cat.status[sel.status]}`, color: sel.status === 'matched' ? THEME.dim : 'red' }], width));
    if (sel.client) detail.push(fitLine([{ text: `${label('ladder.client')} ${sel.client.rec.line}: `, color: THEME.client }, { text: displayText(sel.client.rec) }], width));
    if (sel.server) detail.push(fitLine([{ text: `${label('ladder.server')} ${sel.server.rec.line}: `, color: THEME.server }, { text: displayText(sel.server.rec) }], width));
    for (const f of [...(sel.client?.a.findings ?? []), ...(sel.server?.a.findings ?? [])]) {
      const s = FINDINGS[f.code].severity;
      if (s === 'info') continue;
      detail.push(fitLine([{ text: `${SEVERITY_MARK[s]} ${f.code}`, color: SEVERITY_COLOR[s] }], width));
    }
  }
  for (const f of p.findings) {
    if (f.code === 'corr.nat') continue;
    const s = CORR_FINDINGS[f.code].severity;
    const text = (cat.findings[f.code] as (x: typeof f) => string)(f);
    wrap(`${SEVERITY_MARK[s]} ${text}`, width).forEach((l, i) => detail.push(fitLine([{ text: l, color: i === 0 ? SEVERITY_COLOR[s] : undefined }], width)));
  }
  for (const l of wrap(verdict.where, width)) detail.push(fitLine([{ text: l, color: THEME.dim }], width));
  // The evidence scrolls (J/K) when it is longer than its room; the last line then says how much more there is.
  const from = Math.max(0, Math.min(layout.evidenceScroll ?? 0, detail.length - detailRows));
  const more = detail.length - from - detailRows;
  const shown = detail.slice(from, from + detailRows);
  if (more > 0 && shown.length > 0) shown[shown.length - 1] = fitLine([{ text: `… ${more} ${label('pair.more')}`, color: THEME.dim }], width);
  out.push(...shown);
  while (out.length < height) out.push(fitLine([], width));
  return out.slice(0, height);
}
