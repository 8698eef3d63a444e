// Markdown renderer for `tcplain pair --format markdown`: one report to paste into an issue tracker, with a
// Mermaid sequence diagram (client, path, server) that issue trackers render in place.

import { endpointKey } from '../model';
import type { ConnectionPair, PairReport, TimelineEntry } from '../correlate';
import type { Lang } from '../explain';
import { PAIR_CATALOGS, shownDelay, ends, formatClientTime, formatUnpairedText, segmentText, type PairFormatOptions } from './format-pair';
import { mermaidText } from './format-mermaid';
import { pairCutNotes, type PairCut } from './format-pair-svg';

export interface PairMarkdownOptions extends PairFormatOptions {
  /** The two inputs as named on the command line, for the title (default: the first pair's client-side ends). */
  sources?: { client: string; server: string };
}

/** A table cell: `|` would end the cell and a newline the row. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

/** Line numbers of a timeline entry in both inputs, `8/8`, `-/9`: short enough for an arrow label. */
const lineTag = (e: TimelineEntry): string => `${e.client?.rec.line ?? '-'}/${e.server?.rec.line ?? '-'}`;

/**
 * One pair as a Mermaid sequenceDiagram with three lanes. A segment both captures saw crosses from end to end;
 * one seen by its sender's capture only stops at the path (lost there); one seen by its receiver's capture only
 * starts at the path (something there made it: a forged RST, a duplicate).
 */
export function formatPairMermaid(p: ConnectionPair, lang: Lang, cut: PairCut = {}): string {
  const c = PAIR_CATALOGS[lang];
  const out = ['sequenceDiagram'];
  out.push(`    participant C as ${mermaidText(`${c.side.client} ${endpointKey(p.client.client)}`)}`);
  out.push(`    participant P as ${mermaidText(c.markdown.path)}`);
  out.push(`    participant S as ${mermaidText(`${c.side.server} ${endpointKey(p.server.server)}`)}`);
  const notes = pairCutNotes(cut, p.timeline.length, lang);
  if (notes.before) out.push(`    Note over C,S: ${mermaidText(notes.before)}`);
  for (const [i, e] of p.timeline.entries()) {
    if (notes.middle && i === notes.middle.at) out.push(`    Note over C,S: ${mermaidText(notes.middle.text)}`);
    const [from, to] = e.dir === 'c2s' ? ['C', 'S'] : ['S', 'C'];
    const label = mermaidText(`[${lineTag(e)}] ${segmentText(e)}`);
    const rst = (e.client ?? e.server)!.rec.flags.includes('R');
    if (e.kind === 'both') {
      out.push(`    ${from}${rst ? '-x' : '->>'}${to}: ${label}`);
      continue;
    }
    // Seen only where it was sent: it stopped on the path. Seen only where it arrived: the path made it.
    const sentSide = e.dir === 'c2s' ? 'client-only' : 'server-only';
    if (e.kind === sentSide) out.push(`    ${from}-xP: ${label}`);
    else out.push(`    P${rst ? '-x' : '->>'}${to}: ${label}`);
    out.push(`    Note over P: ${mermaidText(c.status[e.status])}`);
  }
  if (notes.after) out.push(`    Note over C,S: ${mermaidText(notes.after)}`);
  return out.join('\n') + '\n';
}

/** One pair: verdict first (what the reader came for), then addresses, clock, rewrites, timeline table, findings, diagram. */
export function formatPairMarkdownSection(p: ConnectionPair, lang: Lang, opts: PairFormatOptions = {}): string {
  const c = PAIR_CATALOGS[lang];
  const v = c.verdicts[p.verdict.code](p.verdict, p);
  const out: string[] = [];
  out.push(`## ${c.markdown.connection(p.client.conn, p.server.conn)}`, '');
  out.push(`**${c.text.verdict.trim()}** ${v.headline}`, '');
  out.push(v.where, '');
  out.push(`\`${ends(p.client)}\` ⇄ \`${ends(p.server)}\``, '');
  if (p.nat.length) {
    out.push(`**${c.text.nat}**`, '');
    for (const m of p.nat) out.push(`- ${c.side[m.side]} \`${m.original}\` → \`${m.translated}\` ${c.paren(c.natKind[m.kind])}`);
    out.push('');
  }
  if (p.limits.length) {
    out.push(`**${c.text.limits}**`, '');
    for (const l of p.limits) out.push(`- ${(c.limits[l.code] as (x: typeof l) => string)(l)}`);
    out.push('');
  }
  out.push(p.clock ? c.text.clock(p.offset, p.clock.delay.c2s, p.clock.rtt, p.clock.source === 'capture') : c.text.noClock, '');
  if (p.rewrites.length) {
    out.push(`**${c.text.rewrites}**`, '');
    for (const r of p.rewrites) out.push(`- ${c.text.rewrite(c.field[r.field], c.dir[r.dir], r.client, r.server, r.dir)}`);
    out.push('');
  }
  out.push(`**${c.text.timeline}**`, '');
  const k = c.text.columns;
  out.push(`| ${[k.time, k.seen, k.dir, k.segment, k.delay, k.lines].join(' | ')} |`);
  out.push('|---|---|---|---|---|---|');
  for (const e of p.timeline) {
    const row = [
      formatClientTime(e.t, opts.clientClock),
      c.seenBy[e.kind],
      c.dir[e.dir],
      `\`${segmentText(e)}\`` + (e.status !== 'matched' ? ` ‹${c.status[e.status]}›` : ''),
      shownDelay(e.delay, c),
      c.text.lineRefs(e.client?.rec.line ?? null, e.server?.rec.line ?? null),
    ];
    out.push(`| ${row.map(cell).join(' | ')} |`);
  }
  out.push('');
  const shown = p.findings.filter((f) => f.code !== 'corr.nat');
  if (shown.length) {
    out.push(`**${c.text.findings}**`, '');
    for (const f of shown) out.push(`- ${(c.findings[f.code] as (x: typeof f) => string)(f)}`);
    out.push('');
  }
  out.push(`### ${c.markdown.sequence}`, '', '```mermaid', formatPairMermaid(p, lang).trimEnd(), '```');
  return out.join('\n') + '\n';
}

/** The whole report: title, one section per pair, connections seen on one side only, totals and the capture-wide clock. */
export function formatPairMarkdown(r: PairReport, lang: Lang, opts: PairMarkdownOptions = {}): string {
  const c = PAIR_CATALOGS[lang];
  const first = r.pairs[0];
  const src = opts.sources ?? (first ? { client: ends(first.client), server: ends(first.server) } : { client: c.side.client, server: c.side.server });
  const blocks = [`# ${c.markdown.title(src.client, src.server)}\n`];
  for (const p of r.pairs) blocks.push(formatPairMarkdownSection(p, lang, opts));
  if (r.unpaired.length) blocks.push(`## ${c.markdown.unpaired}\n\n${r.unpaired.map((u) => `- ${formatUnpairedText(u, lang)}`).join('\n')}\n`);
  const tail = [c.text.totals(r.pairs.length, r.unpaired.filter((u) => u.side === 'client').length, r.unpaired.filter((u) => u.side === 'server').length)];
  if (r.clock) tail.push(c.text.offsetAll(r.offset, r.clock.rtt));
  blocks.push(tail.join('\n\n') + '\n');
  return blocks.join('\n');
}
