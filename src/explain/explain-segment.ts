// Notes under one TCP segment: what its flags do here, its seq/ack arithmetic, window, options, state changes, findings.

import type { TcpRecord } from '../model/line-result';
import type { SegmentAnalysis } from '../model/segment';
import type { Finding, FindingCode, Severity, Side } from '../model/findings';
import { FINDINGS } from '../model/findings';
import type { TcpState } from '../model/tcp-state';
import type { TcpOption } from '../model/tcp-options';
import { ACK, AE, CWR, ECE, FIN, PSH, RST, SYN, URG, flagBitsFromBracket, flagBitsFromOldStyle, has } from '../model/tcp-flags';
import { seqAdd } from '../model/seq';
import type { Catalog, FindingCtx, FlagName, Lang, SegmentRole } from './catalog';
import { catalogFor } from './catalogs';

export type NoteKind = 'role' | 'flag' | 'seq' | 'ack' | 'window' | 'options' | 'payload' | 'warning' | 'state' | 'finding' | 'record';

/** One explanation line with what it is about, so renderers can colour or filter without parsing words. */
export interface Note {
  kind: NoteKind;
  text: string;
  severity?: Severity;
  code?: FindingCode;
}

export interface SegmentExplainOptions {
  /** The numbering quoted in the notes (default relative, as tcpdump prints by default). */
  seq?: 'relative' | 'absolute';
}

/** Bits of the printed flags, or null for `-q` lines and unreadable flag text. */
export function segmentFlagBits(rec: TcpRecord): number | null {
  if (rec.style === 'quiet') return null;
  const bits = rec.style === 'old' ? flagBitsFromOldStyle(rec.flags, rec.ack !== null, rec.urg !== null) : flagBitsFromBracket(rec.flags);
  return bits < 0 ? null : bits;
}

const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

function transitionOf(a: SegmentAnalysis, end: Side): { from: TcpState | null; to: TcpState } | undefined {
  return a.transitions.find((t) => t.end === end);
}

/** What the segment does, read from its flags and from the state changes the tracker recorded (RFC 9293 §3.5, §3.6). */
export function segmentRole(rec: TcpRecord, bits: number | null, a: SegmentAnalysis, sender: Side): SegmentRole {
  if (bits === null) return 'quiet';
  if (bits === 0) return 'no-flags';
  if (has(bits, RST)) return 'rst';
  if (has(bits, SYN)) return has(bits, ACK) ? 'syn-ack' : 'syn';
  const receiver = other(sender);
  const mine = transitionOf(a, sender);
  const theirs = transitionOf(a, receiver);
  if (has(bits, FIN)) {
    if (mine?.to === 'CLOSING') return 'fin-simultaneous';
    if (mine?.to === 'LAST_ACK') return theirs && theirs.from === 'FIN_WAIT_1' ? 'fin-ack-of-fin' : 'fin-second';
    if (mine?.to === 'FIN_WAIT_1') return 'fin-first';
    return 'fin';
  }
  if (theirs) {
    if (theirs.from === 'SYN_RECEIVED' && theirs.to === 'ESTABLISHED') return 'handshake-ack';
    if (theirs.from === 'FIN_WAIT_1' && theirs.to === 'FIN_WAIT_2') return 'close-ack-first';
    if ((theirs.from === 'LAST_ACK' || theirs.from === 'CLOSING') && (theirs.to === 'CLOSED' || theirs.to === 'TIME_WAIT')) return 'close-ack-last';
  }
  if (a.statesBefore[receiver] === 'SYN_RECEIVED' && a.states[receiver] === 'ESTABLISHED') return 'handshake-ack';
  if ((rec.len ?? 0) > 0) return 'data';
  return 'ack';
}

/**
 * True when this segment's ack covers the receiver's FIN: the receiver leaves a state that waits for that ACK, or
 * is already past it (FIN_WAIT_2 and TIME_WAIT exist only once one's FIN is acknowledged: RFC 9293 §3.6).
 */
function acksFin(a: SegmentAnalysis, receiver: Side): boolean {
  const t = transitionOf(a, receiver);
  const before = a.statesBefore[receiver];
  if (before === 'FIN_WAIT_2' || before === 'TIME_WAIT') return true;
  if (!t) return false;
  return (
    (t.from === 'FIN_WAIT_1' && (t.to === 'FIN_WAIT_2' || t.to === 'TIME_WAIT')) ||
    (t.from === 'CLOSING' && t.to === 'TIME_WAIT') ||
    (t.from === 'LAST_ACK' && t.to === 'CLOSED')
  );
}

const EXTRA_FLAGS: ReadonlyArray<readonly [number, FlagName]> = [
  [URG, 'URG'],
  [ECE, 'ECE'],
  [CWR, 'CWR'],
  [AE, 'AE'],
];

/** Options worth a word: everything in a SYN; after it only those that say something new (SACK blocks, rarities). */
function optionWorthNoting(o: TcpOption, handshake: boolean): boolean {
  if (o.kind === 'nop') return false;
  if (handshake) return true;
  return o.kind !== 'ts' && o.kind !== 'eol';
}

function optionText(cat: Catalog, o: TcpOption, sender: Side, handshake: boolean): string {
  // Lookups by kind/code guard against values newer than this catalog: explanation must never throw on input.
  const fn = cat.options[o.kind] as ((o: TcpOption, c: { sender: Side; handshake: boolean }) => string) | undefined;
  return fn ? fn(o, { sender, handshake }) : o.kind;
}

/** A finding's words, with the sender when a segment gives one. */
export function findingText(cat: Catalog, f: Finding, ctx: FindingCtx): string {
  const fn = cat.findings[f.code] as ((f: Finding, c: FindingCtx) => string) | undefined;
  return fn ? fn(f, ctx) : f.code;
}

/** `1 (absolute 1166385093)` when the printed number is not in the chosen numbering, else just the printed number. */
function printedWith(cat: Catalog, printed: string, printedValue: number | null, chosen: number | null, kind: 'relative' | 'absolute'): string {
  if (chosen === null || printedValue === chosen) return printed;
  return cat.translated(printed, cat.numbering[kind], chosen);
}

/** Every note for one TCP segment, in reading order. */
export function explainSegmentNotes(rec: TcpRecord, a: SegmentAnalysis, lang: Lang, opts: SegmentExplainOptions = {}): Note[] {
  const cat = catalogFor(lang);
  const absoluteMode = opts.seq === 'absolute';
  const kind = absoluteMode ? 'absolute' : 'relative';
  const notes: Note[] = [];
  const sender: Side = a.dir === 'c2s' ? 'client' : 'server';
  const receiver = other(sender);
  const bits = segmentFlagBits(rec);
  const len = rec.len ?? 0;
  const role = segmentRole(rec, bits, a, sender);

  const push = bits !== null && has(bits, PSH) && has(bits, ACK);
  notes.push({ kind: 'role', text: cat.segment.role[role]({ sender, receiver, len, push }) });
  if (bits !== null) {
    // In the handshake ECE/CWR negotiate ECN rather than report congestion (RFC 3168 §6.1.1).
    const ecnSetup = has(bits, SYN) && has(bits, ECE) && (has(bits, ACK) || has(bits, CWR));
    if (ecnSetup) notes.push({ kind: 'flag', text: cat.segment.ecnSetup({ sender, synAck: has(bits, ACK) }) });
    for (const [bit, name] of EXTRA_FLAGS) {
      if (ecnSetup && (bit === ECE || bit === CWR)) continue;
      if (has(bits, bit)) notes.push({ kind: 'flag', text: cat.segment.extraFlag(name, cat.flags[name]) });
    }
  }

  // Sequence numbers: which numbering to quote, falling back to the other when the chosen one is unknown.
  const seqChosen = absoluteMode ? (a.absSeq ?? a.relSeq) : (a.relSeq ?? a.absSeq);
  const seqIsAbsolute = absoluteMode ? a.absSeq !== null : a.relSeq === null;
  const isSyn = bits !== null && has(bits, SYN);
  const isFin = bits !== null && has(bits, FIN);
  const isRst = bits !== null && has(bits, RST);
  if (isSyn) {
    const isn = a.absSeq ?? rec.seq;
    if (isn !== null) notes.push({ kind: 'seq', text: cat.segment.synSeq({ sender, isn }) });
  } else if (rec.seq !== null || seqChosen !== null) {
    const printedSeq = rec.seq === null ? String(seqChosen) : rec.end !== null ? `${rec.seq}:${rec.end}` : String(rec.seq);
    // Bytes a RST carries are diagnostic text, never delivered as stream data (RFC 9293 §3.5.3, RFC 1122 §4.2.2.12).
    if (len > 0 && seqChosen !== null && !isRst) {
      const to = seqIsAbsolute ? seqAdd(seqChosen, len - 1) : seqChosen + len - 1;
      const relFrom = a.relSeq;
      notes.push({
        kind: 'seq',
        text: cat.segment.dataSeq({
          sender,
          printed: printedSeq,
          from: seqChosen,
          to,
          len,
          absolute: seqIsAbsolute,
          relFrom: seqIsAbsolute ? relFrom : null,
          relTo: seqIsAbsolute && relFrom !== null ? relFrom + len - 1 : null,
          noIsn: a.isnSender === null,
        }),
      });
    }
    if (isFin && seqChosen !== null) {
      const finSeq = seqIsAbsolute ? seqAdd(seqChosen, len) : seqChosen + len;
      const sent = a.relSeq !== null && a.isnSender !== null ? a.relSeq + len - 1 : null;
      const printed = len === 0 ? printedWith(cat, printedSeq, rec.seq, seqChosen, kind) : printedSeq;
      notes.push({ kind: 'seq', text: cat.segment.finSeq({ sender, printed, seq: finSeq, sent }) });
    } else if (isRst && rec.seq !== null) {
      notes.push({ kind: 'seq', text: cat.segment.rstSeq({ sender, printed: printedWith(cat, printedSeq, rec.seq, seqChosen, kind) }) });
    }
  }

  // Acknowledgement: what the receiver's bytes so far add up to (RFC 9293 §3.4).
  if (bits !== null && has(bits, ACK) && rec.ack !== null) {
    const ackChosen = absoluteMode ? (a.absAck ?? a.relAck) : (a.relAck ?? a.absAck);
    const printed = printedWith(cat, String(rec.ack), rec.ack, ackChosen, kind);
    const opening = (s: TcpState | null) => s === 'SYN_SENT' || s === 'SYN_RECEIVED';
    // An ack of 1 right after a SYN acknowledges the SYN itself (SYN-ACK, the handshake's ACK, a RST refusing a SYN).
    const synAcked = role === 'syn-ack' || (a.relAck === 1 && (role === 'handshake-ack' || opening(a.statesBefore[sender]) || opening(a.statesBefore[receiver])));
    if (synAcked) {
      if (a.isnReceiver !== null && a.absAck !== null) {
        const abs = printedWith(cat, String(rec.ack), rec.ack, a.absAck, 'absolute');
        notes.push({ kind: 'ack', text: cat.segment.ackOfSyn({ receiver, printed: abs, ack: a.absAck, isn: a.isnReceiver }) });
      } else {
        notes.push({ kind: 'ack', text: cat.segment.ackOfSynRelative({ receiver, printed }) });
      }
    } else if (acksFin(a, receiver) && ackChosen !== null) {
      const fin = a.relAck === null || absoluteMode ? seqAdd(ackChosen, -1) : ackChosen - 1;
      notes.push({ kind: 'ack', text: cat.segment.ackOfFin({ receiver, printed, ack: ackChosen, fin, bytes: a.relAck !== null ? a.relAck - 2 : null }) });
    } else if (a.relAck === 1 && a.isnReceiver !== null) {
      notes.push({ kind: 'ack', text: cat.segment.ackNothingYet({ sender, receiver, printed }) });
    } else if (a.relAck === null || a.isnReceiver === null || a.relAck > 0x7fffffff) {
      // A relative ack beyond 2^31 means the numbering base is wrong (e.g. a reused 4-tuple): quote the printed number only.
      const sane = a.relAck === null || a.relAck <= 0x7fffffff;
      notes.push({
        kind: 'ack',
        text: cat.segment.ackUnknownBase({ sender, receiver, printed: sane ? printed : String(rec.ack), ack: sane ? (ackChosen ?? rec.ack) : rec.ack }),
      });
    } else {
      notes.push({
        kind: 'ack',
        text: cat.segment.ackBytes({ sender, receiver, printed, ack: ackChosen ?? rec.ack, absolute: absoluteMode && a.absAck !== null, rel: a.relAck }),
      });
    }
  }

  // Window: raw 16-bit value, scaled by the sender's shift once both sides offered wscale (RFC 7323 §2.2-2.3); never in a SYN.
  if (rec.win !== null && !isRst) {
    let text: string;
    if (rec.win === 0) text = cat.segment.winZero({ sender });
    else if (isSyn) text = cat.segment.winSyn({ sender, win: rec.win });
    else if (a.winScale === null) text = cat.segment.winUnknownScale({ sender, win: rec.win });
    else if (a.winScale === 0) text = cat.segment.winUnscaled({ sender, win: rec.win });
    else text = cat.segment.winScaled({ sender, win: rec.win, scale: a.winScale, bytes: a.winBytes ?? rec.win * 2 ** a.winScale });
    notes.push({ kind: 'window', text });
  }

  if (rec.options) {
    const items = rec.options.filter((o) => optionWorthNoting(o, isSyn)).map((o) => optionText(cat, o, sender, isSyn));
    if (items.length > 0) notes.push({ kind: 'options', text: cat.segment.options({ sender, items }) });
  }
  const payload = rec.payload?.replace(/^[:\s]+/, '').trim();
  // `[|tcp]` ends a cut capture (not payload); `[RST ...]`/`[!RST ...]` is the text inside a RST (print-tcp.c).
  const cut = payload?.startsWith('[|') ?? false;
  if (payload && /^\[!?RST/.test(payload)) notes.push({ kind: 'payload', text: cat.segment.rstPayload({ text: payload }) });
  else if (payload && !cut) notes.push({ kind: 'payload', text: cat.segment.payload({ text: payload }) });
  if (rec.truncated || cut) notes.push({ kind: 'warning', text: cat.segment.truncated });
  for (const w of rec.warnings) notes.push({ kind: 'warning', text: cat.segment.warning(w) });

  for (const t of a.transitions) {
    notes.push({ kind: 'state', text: cat.segment.transition({ end: t.end, from: t.from, to: t.to, meaning: cat.states[t.to]?.meaning ?? t.to }) });
  }
  for (const f of a.findings) {
    const severity = FINDINGS[f.code]?.severity ?? 'note';
    notes.push({ kind: 'finding', severity, code: f.code, text: cat.segment.finding(cat.severity[severity], findingText(cat, f, { sender })) });
  }
  return notes;
}

/** The notes as plain strings (the agreed explain API). */
export function explainSegment(rec: TcpRecord, a: SegmentAnalysis, lang: Lang, opts?: SegmentExplainOptions): string[] {
  return explainSegmentNotes(rec, a, lang, opts).map((n) => n.text);
}

/** Note for a TCP line the tracker did not analyse. */
export function untrackedSegmentNotes(lang: Lang): Note[] {
  return [{ kind: 'warning', text: catalogFor(lang).segment.noAnalysis }];
}
