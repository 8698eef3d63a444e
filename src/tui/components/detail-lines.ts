// Lays out the detail pane of one record: explanation, both ends' states, seq/ack arithmetic, options, findings, raw text.

import { FINDINGS, endpointKey, seqDiff, type ConnectionVerdict, type SegmentAnalysis, type TcpOption, type TcpRecord } from '../../model';
import { findingName } from '../../explain';
import { segmentKind } from '../../report/ladder';
import type { Annotator } from '../annotate';
import type { LabelKey } from '../labels';
import type { Entry } from '../state/capture-store';
import type { Numbering, UiLang } from '../state/reducer';
import { KIND_COLOR, SEVERITY_COLOR, SEVERITY_MARK, THEME } from '../theme';
import { fitLine, padEnd, wrap, type Line } from '../text';

export interface DetailLayout {
  width: number;
  lang: UiLang;
  numbering: Numbering;
  label: (key: LabelKey) => string;
}

/** An option in tcpdump's own spelling (print-tcp.c), plus the window-scale factor it implies (RFC 7323 §2.2). */
export function optionText(o: TcpOption): string {
  switch (o.kind) {
    case 'nop':
    case 'eol':
    case 'sackOK':
      return o.kind;
    case 'mss':
      return `mss ${o.value}`;
    case 'wscale':
      return `wscale ${o.value} (×${2 ** o.value})`;
    case 'sack':
      return `sack ${o.blocks.length} ${o.blocks.map(([a, b]) => `{${a}:${b}}`).join('')}`;
    case 'ts':
      return `TS val ${o.val} ecr ${o.ecr}`;
    case 'echo':
    case 'echoreply':
    case 'cc':
    case 'ccnew':
    case 'ccecho':
      return `${o.kind} ${o.value}`;
    case 'uto':
      return `uto ${o.raw}`;
    case 'bad-opt':
      return '[bad opt]';
    case 'truncated':
      return o.text;
    default:
      return `${o.name} ${o.text}`.trim();
  }
}

/**
 * The sequence arithmetic with the real numbers: relative = absolute − ISN (mod 2^32, RFC 9293 §3.4), the next
 * sequence number after this segment (payload, plus one for SYN and FIN: RFC 9293 §3.4), and the scaled window.
 */
export function arithmeticLines(rec: TcpRecord, a: SegmentAnalysis, label: (key: LabelKey) => string): string[] {
  const out: string[] = [];
  const seq = label('detail.seq');
  const isn = label('detail.isn');
  if (a.absSeq !== null) {
    if (a.isnSender !== null && a.relSeq !== null) out.push(`${seq}  ${a.absSeq} − ${isn} ${a.isnSender} = ${a.relSeq}`);
    else out.push(`${seq}  ${a.absSeq}`);
    const kind = segmentKind(rec);
    const len = rec.len ?? 0;
    const ctl = kind === 'syn' || kind === 'synack' || kind === 'fin' ? 1 : 0;
    if (len > 0 || ctl > 0) {
      const base = a.relSeq ?? a.absSeq;
      const terms = [`${base}`];
      if (len > 0) terms.push(`${len}`);
      if (ctl > 0) terms.push(kind === 'fin' ? '1 (FIN)' : '1 (SYN)');
      const next = a.relSeq !== null ? a.relSeq + len + ctl : (a.absSeq + len + ctl) % 0x1_0000_0000;
      out.push(`${label('detail.next')}  ${terms.join(' + ')} = ${next}`);
    }
  }
  if (a.absAck !== null) {
    const ack = label('detail.ack');
    if (a.isnReceiver !== null && a.relAck !== null) out.push(`${ack}  ${a.absAck} − ${isn} ${a.isnReceiver} = ${a.relAck}`);
    else if (a.isnReceiver !== null) out.push(`${ack}  ${a.absAck} − ${isn} ${a.isnReceiver} = ${seqDiff(a.isnReceiver, a.absAck)}`);
    else out.push(`${ack}  ${a.absAck}`);
  }
  if (rec.win !== null) {
    const win = label('detail.window');
    if (a.winScale !== null && a.winScale > 0 && a.winBytes !== null) out.push(`${win}  ${rec.win} × 2^${a.winScale} = ${a.winBytes}`);
    else out.push(`${win}  ${a.winBytes ?? rec.win}`);
  }
  return out;
}

function section(out: Line[], title: string, width: number): void {
  out.push(fitLine([{ text: title, color: THEME.title, bold: true }], width));
}

function indented(out: Line[], text: string, width: number, color?: string): void {
  for (const l of wrap(text, Math.max(10, width - 2))) out.push(fitLine([{ text: `  ${l}`, color }], width));
}

export function detailLines(e: Entry | undefined, verdict: ConnectionVerdict | null, layout: DetailLayout, annotator: Annotator): Line[] {
  const { width, lang, label } = layout;
  const out: Line[] = [];
  if (!e) {
    out.push(fitLine([{ text: `  ${label('detail.none')}`, color: THEME.dim }], width));
    return out;
  }
  const rec = e.rec;
  const a = e.analysis;
  const where = `${label('detail.line')} ${rec.line}${rec.endLine > rec.line ? `–${rec.endLine}` : ''}`;
  if (rec.kind === 'tcp' && a) {
    const client = a.dir === 'c2s' ? rec.src : rec.dst;
    const server = a.dir === 'c2s' ? rec.dst : rec.src;
    const kind = segmentKind(rec);
    out.push(
      fitLine(
        [
          { text: `${where}  ` },
          { text: `[${rec.flags}]`, color: KIND_COLOR[kind], bold: true },
          { text: `  ${label('detail.connection')} ${a.conn}: ${label('detail.client')} ${endpointKey(client)} ${a.dir === 'c2s' ? '→' : '←'} ${label('detail.server')} ${endpointKey(server)}`, color: THEME.dim },
        ],
        width,
      ),
    );
  } else {
    out.push(fitLine([{ text: `${where}  ${rec.kind}` }], width));
  }
  section(out, label('detail.explanation'), width);
  for (const n of annotator.notes(e, lang, layout.numbering)) indented(out, n, width);
  if (rec.kind === 'tcp' && a) {
    if (a.findings.length > 0) {
      section(out, label('detail.findings'), width);
      const sender = a.dir === 'c2s' ? 'client' : 'server';
      for (const f of a.findings) {
        const text = annotator.finding(f, lang, sender);
        const spec = FINDINGS[f.code].severity;
        // Named as in the list row (`Dup ACK #3`, `重传`), in the UI's language and punctuation.
        // A finding whose sentence already opens with its name ("Handshake options: …") is not named twice.
        const name = findingName(f, lang);
        const named = text.toLowerCase().startsWith(name.toLowerCase()) ? text : `${name}${label('punct.colon')}${text}`;
        const first = wrap(`${SEVERITY_MARK[spec]} ${named}`, Math.max(10, width - 2));
        first.forEach((l, i) => out.push(fitLine([{ text: `  ${l}`, color: i === 0 ? SEVERITY_COLOR[spec] : undefined }], width)));
      }
    }
  }
  if (rec.kind === 'tcp' && a) {
    section(out, label('detail.states'), width);
    const unknown = label('detail.unknown');
    for (const end of ['client', 'server'] as const) {
      const before = a.statesBefore[end] ?? unknown;
      const after = a.states[end] ?? unknown;
      const changed = before !== after;
      out.push(
        fitLine(
          [
            { text: padEnd(`  ${label(end === 'client' ? 'detail.client' : 'detail.server')}`, 12), color: end === 'client' ? THEME.client : THEME.server },
            { text: `${before} → ${after}`, color: changed ? THEME.state : undefined, bold: changed },
          ],
          width,
        ),
      );
    }
    section(out, label('detail.arithmetic'), width);
    for (const l of arithmeticLines(rec, a, label)) indented(out, l, width);
    if (rec.options && rec.options.length > 0) {
      section(out, label('detail.options'), width);
      indented(out, rec.options.map(optionText).join(', '), width);
    }
  }
  if (verdict) {
    const v = annotator.verdict(verdict, lang);
    section(out, `${label('ladder.verdict')}${label('punct.open')}${verdict.conn}${label('punct.close')}`, width);
    indented(out, v.headline, width);
    indented(out, v.summary, width, THEME.dim);
    indented(out, v.nextStep, width);
  }
  section(out, label('detail.raw'), width);
  for (const l of rec.raw.split('\n')) for (const w of wrap(l.replace(/\t/g, '    '), Math.max(10, width - 2))) out.push(fitLine([{ text: `  ${w}`, color: THEME.dim }], width));
  return out;
}
