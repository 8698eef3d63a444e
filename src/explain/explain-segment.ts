// Notes under one TCP segment: what its flags do here, its seq/ack arithmetic, window, options, state changes, findings.

import type { TcpRecord } from '../model/line-result';
import type { SegmentAnalysis, SegmentCopy } from '../model/segment';
import type { Finding, FindingCode, Severity, Side } from '../model/findings';
import { FINDINGS } from '../model/findings';
import type { TcpState } from '../model/tcp-state';
import { TCP_STATES } from '../model/tcp-state';
import type { TcpOption } from '../model/tcp-options';
import { TS_OPTION_SPACE } from '../model/tcp-options';
import { ACK, AE, CWR, ECE, FIN, PSH, RST, SYN, URG, flagBitsFromBracket, flagBitsFromOldStyle, has } from '../model/tcp-flags';
import { seqAdd } from '../model/seq';
import type { Catalog, FindingCtx, FlagName, Lang, MssRewrites, OptionCtx, SegmentRole } from './catalog';
import { catalogFor } from './catalogs';
import { Memo } from './memo';
import { scaleFactor } from './numbers';

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
  /**
   * MSS options a client/server pair showed rewritten on the path (src/correlate rewrites): the MSS option and the
   * handshake options then say which value was sent and which arrived. Absent for one capture, which cannot know.
   */
  mssRewrites?: MssRewrites;
}

/** Bits of the printed flags, or null for `-q` lines and unreadable flag text. */
export function segmentFlagBits(rec: TcpRecord): number | null {
  if (rec.style === 'quiet') return null;
  const bits = rec.style === 'old' ? flagBitsFromOldStyle(rec.flags, rec.ack !== null, rec.urg !== null) : flagBitsFromBracket(rec.flags);
  return bits < 0 ? null : bits;
}

const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

/** The last state change of `end` on this segment (a FIN that crossed the peer's takes its sender through two). */
function lastTransitionOf(a: SegmentAnalysis, end: Side): { from: TcpState | null; to: TcpState } | undefined {
  const transitions = a.transitions;
  for (let i = transitions.length - 1; i >= 0; i--) if (transitions[i].end === end) return transitions[i];
  return undefined;
}

/** Whether `end` changed from `from` (to `to`, when given) on this segment. */
function moved(a: SegmentAnalysis, end: Side, from: TcpState, to?: TcpState): boolean {
  const transitions = a.transitions;
  for (let i = 0; i < transitions.length; i++) {
    const t = transitions[i];
    if (t.end === end && t.from === from && (to === undefined || t.to === to)) return true;
  }
  return false;
}

const closedFor = (s: TcpState | null): boolean => s === 'TIME_WAIT' || s === 'CLOSED';

/**
 * What the segment does, read from its flags and from the state changes the tracker recorded (RFC 9293 §3.5, §3.6).
 * A first FIN names no close shape: whether it will be a four-way, three-way or simultaneous close is only known from
 * the segments after it.
 */
export function segmentRole(rec: TcpRecord, bits: number | null, a: SegmentAnalysis, sender: Side): SegmentRole {
  if (bits === null) return 'quiet';
  if (bits === 0) return 'no-flags';
  if (has(bits, RST)) return moved(a, other(sender), 'SYN_SENT') ? 'rst-syn-sent' : 'rst';
  if (has(bits, SYN)) return has(bits, ACK) ? 'syn-ack' : 'syn';
  const receiver = other(sender);
  if (has(bits, FIN)) {
    const mine = lastTransitionOf(a, sender);
    if (mine?.to === 'CLOSING') return 'fin-simultaneous';
    if (mine?.to === 'LAST_ACK') return moved(a, receiver, 'FIN_WAIT_1') ? 'fin-ack-of-fin' : 'fin-second';
    if (mine?.to === 'FIN_WAIT_1') return 'fin-first';
    return 'fin';
  }
  if (moved(a, receiver, 'SYN_RECEIVED', 'ESTABLISHED')) return 'handshake-ack';
  // Data that also acknowledges the peer's FIN is data first (a half-closed peer still receives; or a request written
  // after the peer closed: samples/reuse-after-close line 9); its ack line says it covers the FIN.
  if (moved(a, receiver, 'FIN_WAIT_1', 'FIN_WAIT_2')) return (rec.len ?? 0) > 0 ? 'data' : 'close-ack-first';
  if (moved(a, receiver, 'LAST_ACK', 'CLOSED') || moved(a, receiver, 'CLOSING', 'TIME_WAIT')) {
    return closedFor(a.states.client) && closedFor(a.states.server) ? 'close-ack-last' : 'close-ack';
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
  const before = a.statesBefore[receiver];
  if (before === 'FIN_WAIT_2' || before === 'TIME_WAIT') return true;
  return (
    moved(a, receiver, 'FIN_WAIT_1', 'FIN_WAIT_2') ||
    moved(a, receiver, 'FIN_WAIT_1', 'TIME_WAIT') ||
    moved(a, receiver, 'CLOSING', 'TIME_WAIT') ||
    moved(a, receiver, 'LAST_ACK', 'CLOSED')
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

function optionText(
  cat: Catalog,
  o: TcpOption,
  sender: Side,
  handshake: boolean,
  tsSpace: number,
  mssRewrite: OptionCtx['mssRewrite'] = null,
  mssAt: OptionCtx['mssAt'] = null,
): string {
  // Lookups by kind/code guard against values newer than this catalog: explanation must never throw on input.
  const fn = cat.options[o.kind] as ((o: TcpOption, c: OptionCtx) => string) | undefined;
  return fn ? fn(o, { sender, handshake, tsSpace, mssRewrite, mssAt }) : o.kind;
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
export function explainSegmentNotes(rec: TcpRecord, a: SegmentAnalysis, lang: Lang, opts?: SegmentExplainOptions): Note[] {
  const cat = catalogFor(lang);
  const memos = memosFor(cat);
  const absoluteMode = opts !== undefined && opts.seq === 'absolute';
  const kind = absoluteMode ? 'absolute' : 'relative';
  const notes: Note[] = [];
  const sender: Side = a.dir === 'c2s' ? 'client' : 'server';
  const receiver = other(sender);
  const bits = segmentFlagBits(rec);
  const len = rec.len ?? 0;
  const role = segmentRole(rec, bits, a, sender);

  const push = bits !== null && has(bits, PSH) && has(bits, ACK);
  notes.push(roleNote(cat, memos, role, sender, len, push));
  // Most segments carry none of URG/ECE/CWR/AE: one mask test spares the per-flag loop.
  if (bits !== null && (bits & EXTRA_FLAG_MASK) !== 0) extraFlagNotes(cat, bits, sender, notes);

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
    // Bytes a RST carries are diagnostic text, never delivered as stream data (RFC 9293 §3.5.3, RFC 1122 §4.2.2.12).
    if (len > 0 && seqChosen !== null && !isRst) notes.push(dataSeqNote(cat, memos, rec, a, sender, seqChosen, seqIsAbsolute, len));
    if (isFin && seqChosen !== null) {
      const finSeq = seqIsAbsolute ? seqAdd(seqChosen, len) : seqChosen + len;
      const sent = a.relSeq !== null && a.isnSender !== null ? a.relSeq + len - 1 : null;
      const printedSeq = printedSeqOf(rec, seqChosen);
      const printed = len === 0 ? printedWith(cat, printedSeq, rec.seq, seqChosen, kind) : printedSeq;
      notes.push({ kind: 'seq', text: cat.segment.finSeq({ sender, printed, seq: finSeq, sent }) });
    } else if (isRst && rec.seq !== null) {
      notes.push({ kind: 'seq', text: cat.segment.rstSeq({ sender, printed: printedWith(cat, printedSeqOf(rec, seqChosen), rec.seq, seqChosen, kind) }) });
    }
  }

  // Acknowledgement: what the receiver's bytes so far add up to (RFC 9293 §3.4).
  if (bits !== null && has(bits, ACK) && rec.ack !== null) {
    const ackChosen = absoluteMode ? (a.absAck ?? a.relAck) : (a.relAck ?? a.absAck);
    // Only the ACK notes quoting another numbering need the printed number built here; ackNote builds it lazily.
    const printed = ackChosen === null || rec.ack === ackChosen ? null : printedWith(cat, String(rec.ack), rec.ack, ackChosen, kind);
    // An ack of 1 right after a SYN acknowledges the SYN itself (SYN-ACK, the handshake's ACK, a RST refusing a SYN).
    const synAcked =
      role === 'syn-ack' || (a.relAck === 1 && (role === 'handshake-ack' || opening(a.statesBefore[sender]) || opening(a.statesBefore[receiver])));
    if (synAcked) {
      if (a.isnReceiver !== null && a.absAck !== null) {
        const abs = printedWith(cat, String(rec.ack), rec.ack, a.absAck, 'absolute');
        notes.push({ kind: 'ack', text: cat.segment.ackOfSyn({ receiver, printed: abs, ack: a.absAck, isn: a.isnReceiver }) });
      } else {
        notes.push({ kind: 'ack', text: cat.segment.ackOfSynRelative({ receiver, printed: printed ?? String(rec.ack) }) });
      }
    } else if (acksFin(a, receiver) && ackChosen !== null) {
      const fin = a.relAck === null || absoluteMode ? seqAdd(ackChosen, -1) : ackChosen - 1;
      // Without the receiver's ISN its bytes are counted from tcpdump's base, only as far as this text shows.
      const bytes = a.relAck !== null ? a.relAck - 2 : null;
      notes.push({ kind: 'ack', text: cat.segment.ackOfFin({ receiver, printed: printed ?? String(rec.ack), ack: ackChosen, fin, bytes, isnSeen: a.isnReceiver !== null }) });
    } else {
      notes.push(ackNote(cat, memos, rec.ack, ackChosen, printed, a, sender, absoluteMode));
    }
  }

  // Window: raw 16-bit value, scaled by the sender's shift once both sides offered wscale (RFC 7323 §2.2-2.3); never in a SYN.
  if (rec.win !== null && !isRst) notes.push(windowNote(cat, memos, rec.win, isSyn, a.winScale, a.winBytes, sender));

  if (rec.options) {
    const rewrite = isSyn ? (opts?.mssRewrites?.[sender] ?? null) : null;
    const at = isSyn && a.synCapture !== null && a.synCapture !== 'between' ? (a.synCapture === sender ? 'sender' : 'receiver') : null;
    const text = optionsText(cat, memos, rec.options, sender, isSyn, isSyn && bits !== null && has(bits, ACK), rewrite, at);
    if (text !== null) notes.push({ kind: 'options', text });
  }
  // `[|tcp]` ends a cut capture: not payload, but a warning (print-tcp.c).
  let cut = false;
  if (rec.payload !== null) {
    const note = payloadNote(cat, memos.payload, rec.payload, rec);
    if (note !== null) notes.push(note);
    else cut = payloadText(rec.payload).startsWith('[|');
  }
  if (rec.truncated || cut) notes.push({ kind: 'warning', text: cat.segment.truncated });
  const warnings = rec.warnings;
  for (let i = 0; i < warnings.length; i++) notes.push({ kind: 'warning', text: cat.segment.warning(warnings[i]) });

  const transitions = a.transitions;
  let skip = -1;
  for (let i = 0; i < transitions.length; i++) {
    const t = transitions[i];
    // FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT on one segment (its FIN and the ACK of this end's FIN together) is one note:
    // RFC 9293 §3.10.7.4's FIN-WAIT-1 → TIME-WAIT.
    if (t.from === 'FIN_WAIT_1' && t.to === 'FIN_WAIT_2') {
      let k = i + 1;
      while (k < transitions.length && transitions[k].end !== t.end) k++;
      if (k < transitions.length && transitions[k].from === 'FIN_WAIT_2' && transitions[k].to === 'TIME_WAIT') {
        notes.push(transitionNote(cat, memos, t.end, 'FIN_WAIT_1', 'TIME_WAIT'));
        skip = k;
        continue;
      }
    }
    if (i === skip) continue;
    notes.push(transitionNote(cat, memos, t.end, t.from, t.to));
    // track/state-machine ESTABLISHED BEFORE A RST: the only way a RST's sender becomes ESTABLISHED on its own line.
    if (isRst && t.end === sender && t.from === 'SYN_RECEIVED' && t.to === 'ESTABLISHED') {
      const bytes = a.relAck !== null && a.isnReceiver !== null ? a.relAck - 1 : null;
      notes.push({ kind: 'state', text: cat.segment.establishedInferred({ sender, receiver, bytes }) });
    }
  }
  const findings = a.findings;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const severity = FINDINGS[f.code]?.severity ?? 'note';
    const ctx: FindingCtx = opts?.mssRewrites !== undefined ? { sender, mssRewrites: opts.mssRewrites } : { sender };
    notes.push({ kind: 'finding', severity, code: f.code, text: cat.segment.finding(cat.severity[severity], findingText(cat, f, ctx)) });
  }
  return notes;
}

/**
 * Memos of one catalog's notes, one per note kind (their keys are packed differently). They hold frozen Note objects
 * shared by every record with the same sentence: allocating a Note per record was a large part of explain's garbage,
 * and freezing makes sure no consumer can change one record's note under another.
 */
interface SegmentMemos {
  role: Memo<Note>;
  seq: Memo<Note>;
  ack: Memo<Note>;
  window: Memo<Note>;
  state: Memo<Note>;
  option: Memo<string>;
  payload: PayloadMemo;
}

const MEMOS = new Map<Catalog, SegmentMemos>();

function memosFor(cat: Catalog): SegmentMemos {
  let m = MEMOS.get(cat);
  if (m === undefined) {
    m = { role: new Memo(8), seq: new Memo(11), ack: new Memo(11), window: new Memo(10), state: new Memo(8), option: new Memo(8), payload: { notes: new Map() } };
    MEMOS.set(cat, m);
  }
  return m;
}

const SIDE_BIT: Record<Side, number> = { client: 0, server: 1 };

/** A note shared through a memo: frozen, since the same object goes to every record with this sentence. */
const sharedNote = (kind: NoteKind, text: string): Note => Object.freeze({ kind, text });

const ROLES: readonly SegmentRole[] = [
  'syn', 'syn-ack', 'handshake-ack', 'data', 'ack', 'fin-first', 'fin-second', 'fin-simultaneous', 'fin', 'fin-ack-of-fin',
  'close-ack-first', 'close-ack-last', 'rst', 'rst-syn-sent', 'no-flags', 'quiet', 'close-ack',
];
const ROLE_INDEX = new Map<SegmentRole, number>(ROLES.map((r, i) => [r, i]));

/** The seq field as tcpdump printed it (`1:73`, `1`), or the tracker's number when the line printed none. */
function printedSeqOf(rec: TcpRecord, seqChosen: number | null): string {
  return rec.seq === null ? String(seqChosen) : rec.end !== null ? `${rec.seq}:${rec.end}` : String(rec.seq);
}

/**
 * The byte range a data segment carries. Memoised in relative numbering as printed (`seq 1:73`), where the sentence
 * depends only on the sender, the start, the length and whether the sender's ISN was seen: thousands of similar
 * connections send the same request at the same relative position. Only starts below 64 KiB are memoised: further
 * into a stream each range is new (a bulk transfer), and storing it would only evict the ranges that do recur.
 */
function dataSeqNote(cat: Catalog, memos: SegmentMemos, rec: TcpRecord, a: SegmentAnalysis, sender: Side, from: number, absolute: boolean, len: number): Note {
  const noIsn = a.isnSender === null;
  const key =
    !absolute && rec.seq === from && rec.end === from + len && from >>> 0 === from && from < 0x10000 && len >>> 0 === len && len < 0x20000
      ? ((from * 0x20000 + len) * 2 + (noIsn ? 1 : 0)) * 2 + SIDE_BIT[sender]
      : -1;
  if (key >= 0) {
    const hit = memos.seq.get(key);
    if (hit !== undefined) return hit;
  }
  const relFrom = a.relSeq;
  const text = cat.segment.dataSeq({
    sender,
    printed: printedSeqOf(rec, from),
    from,
    to: absolute ? seqAdd(from, len - 1) : from + len - 1,
    len,
    absolute,
    relFrom: absolute ? relFrom : null,
    relTo: absolute && relFrom !== null ? relFrom + len - 1 : null,
    noIsn,
  });
  return key >= 0 ? memos.seq.set(key, sharedNote('seq', text)) : { kind: 'seq', text };
}

/** The role sentence: depends on role, sender (the receiver is the other end), payload length and PSH. */
function roleNote(cat: Catalog, memos: SegmentMemos, role: SegmentRole, sender: Side, len: number, push: boolean): Note {
  const r = ROLE_INDEX.get(role);
  const key = r !== undefined && len >>> 0 === len ? ((len * 2 + (push ? 1 : 0)) * 2 + SIDE_BIT[sender]) * 16 + r : -1;
  if (key >= 0) {
    const hit = memos.role.get(key);
    if (hit !== undefined) return hit;
  }
  const text = cat.segment.role[role]({ sender, receiver: other(sender), len, push });
  return key >= 0 ? memos.role.set(key, sharedNote('role', text)) : { kind: 'role', text };
}

const WIN_ZERO = 0;
const WIN_SYN = 1;
const WIN_UNKNOWN_SCALE = 2;
const WIN_UNSCALED = 3;
const WIN_SCALED = 4;

/**
 * Window sentence: raw 16-bit value, scaled by the sender's shift once both sides offered wscale (RFC 7323 §2.2-2.3);
 * never in a SYN. Memoised when the scaled size is the raw value times 2^shift (what the tracker computes).
 */
function windowNote(cat: Catalog, memos: SegmentMemos, win: number, isSyn: boolean, winScale: number | null, winBytes: number | null, sender: Side): Note {
  const variant = win === 0 ? WIN_ZERO : isSyn ? WIN_SYN : winScale === null ? WIN_UNKNOWN_SCALE : winScale === 0 ? WIN_UNSCALED : WIN_SCALED;
  const scale = variant === WIN_SCALED ? (winScale as number) : 0;
  const bytes = variant === WIN_SCALED ? (winBytes ?? win * 2 ** scale) : 0;
  // scaleFactor rather than `2 ** scale` again: V8 calls Math.pow for a variable exponent, a tenth of this function's time.
  const memoable = win >>> 0 === win && (variant !== WIN_SCALED || (scale >>> 0 === scale && scale < 64 && bytes === win * scaleFactor(scale)));
  const key = memoable ? ((win * 64 + scale) * 2 + SIDE_BIT[sender]) * 8 + variant : -1;
  if (key >= 0) {
    const hit = memos.window.get(key);
    if (hit !== undefined) return hit;
  }
  let text: string;
  if (variant === WIN_ZERO) text = cat.segment.winZero({ sender });
  else if (variant === WIN_SYN) text = cat.segment.winSyn({ sender, win });
  else if (variant === WIN_UNKNOWN_SCALE) text = cat.segment.winUnknownScale({ sender, win });
  else if (variant === WIN_UNSCALED) text = cat.segment.winUnscaled({ sender, win });
  else text = cat.segment.winScaled({ sender, win, scale, bytes });
  return key >= 0 ? memos.window.set(key, sharedNote('window', text)) : { kind: 'window', text };
}

const ACK_NOTHING_YET = 0;
const ACK_UNKNOWN_BASE = 1;
const ACK_BYTES = 2;

/**
 * The ACK sentence for an ack that neither acknowledges a SYN nor a FIN (RFC 9293 §3.4). `printed` is the printed
 * number with its translation, or null when the printed number already is the quoted one. Memoised by the printed
 * ack when every value in the sentence is that number (relative numbering as printed, the common case).
 */
function ackNote(cat: Catalog, memos: SegmentMemos, ack: number, ackChosen: number | null, printed: string | null, a: SegmentAnalysis, sender: Side, absoluteMode: boolean): Note {
  const receiver = other(sender);
  let variant: number;
  let memoable: boolean;
  if (a.relAck === 1 && a.isnReceiver !== null && a.ackMissing !== undefined) {
    const quotedMissing = printed ?? String(ack);
    return { kind: 'ack', text: cat.segment.ackNotReceived({ sender, receiver, printed: quotedMissing, bytes: a.ackMissing.bytes, line: a.ackMissing.line }) };
  }
  if (a.relAck === 1 && a.isnReceiver !== null) {
    variant = ACK_NOTHING_YET;
    memoable = printed === null;
  } else if (a.relAck === null || a.isnReceiver === null || a.relAck > 0x7fffffff) {
    variant = ACK_UNKNOWN_BASE;
    // A relative ack beyond 2^31 means the numbering base is wrong (e.g. a reused 4-tuple): quote the printed number only.
    memoable = printed === null || (a.relAck !== null && a.relAck > 0x7fffffff);
  } else {
    variant = ACK_BYTES;
    memoable = printed === null && !(absoluteMode && a.absAck !== null) && a.relAck === ack;
    // A RST judged not its claimed sender's: its ack shows only what its real sender saw (review 9 I2).
    const rst = a.findings.find((f) => f.code === 'tcp.rst');
    if (rst !== undefined && rst.code === 'tcp.rst' && rst.class === 'suspect') {
      return {
        kind: 'ack',
        text: cat.segment.ackBytesSuspectRst({ sender, receiver, printed: printed ?? String(ack), ack: ackChosen ?? ack, absolute: absoluteMode && a.absAck !== null, rel: a.relAck, confidence: rst.confidence }),
      };
    }
  }
  const key = memoable && ack >>> 0 === ack ? (ack * 2 + SIDE_BIT[sender]) * 4 + variant : -1;
  if (key >= 0) {
    const hit = memos.ack.get(key);
    if (hit !== undefined) return hit;
  }
  const quoted = printed ?? String(ack);
  let text: string;
  if (variant === ACK_NOTHING_YET) text = cat.segment.ackNothingYet({ sender, receiver, printed: quoted });
  else if (variant === ACK_UNKNOWN_BASE) {
    const sane = a.relAck === null || a.relAck <= 0x7fffffff;
    text = cat.segment.ackUnknownBase({ sender, receiver, printed: sane ? quoted : String(ack), ack: sane ? (ackChosen ?? ack) : ack });
  } else {
    text = cat.segment.ackBytes({ sender, receiver, printed: quoted, ack: ackChosen ?? ack, absolute: absoluteMode && a.absAck !== null, rel: a.relAck });
  }
  return key >= 0 ? memos.ack.set(key, sharedNote('ack', text)) : { kind: 'ack', text };
}

const STATE_INDEX = new Map<TcpState, number>(TCP_STATES.map((st, i) => [st, i]));

/** A state change of one end: a handful of (end, from, to) triples recur on every connection. */
function transitionNote(cat: Catalog, memos: SegmentMemos, end: Side, from: TcpState | null, to: TcpState): Note {
  const f = from === null ? 15 : STATE_INDEX.get(from);
  const t = STATE_INDEX.get(to);
  const key = f !== undefined && t !== undefined ? (SIDE_BIT[end] * 16 + f) * 16 + t : -1;
  if (key >= 0) {
    const hit = memos.state.get(key);
    if (hit !== undefined) return hit;
  }
  const meaning = from === 'FIN_WAIT_1' && to === 'TIME_WAIT' ? cat.segment.finAndAckTimeWait : (cat.states[to]?.meaning ?? to);
  const text = cat.segment.transition({ end, from, to, meaning });
  return key >= 0 ? memos.state.set(key, sharedNote('state', text)) : { kind: 'state', text };
}

const opening = (s: TcpState | null): boolean => s === 'SYN_SENT' || s === 'SYN_RECEIVED';

/**
 * The payload text as quoted: tcpdump's `: ` separator and surrounding white space removed. Same result as
 * `payload.replace(/^[:\s]+/, '').trim()`; the leading run is skipped by hand while it is ASCII (a regex per data
 * segment cost as much as the rest of its payload note), the regex only sees text starting with other white space.
 */
function payloadText(raw: string): string {
  let i = 0;
  let c = raw.charCodeAt(0);
  while (c === 0x3a || c === 0x20 || (c >= 0x09 && c <= 0x0d)) c = raw.charCodeAt(++i);
  if (c >= 0x80) return raw.replace(/^[:\s]+/, '').trim();
  return (i === 0 ? raw : raw.slice(i)).trim();
}

/** Payload notes by raw payload text, for texts short enough to be their own copy (see payloadNote). */
interface PayloadMemo {
  notes: Map<string, Note>;
  /** The bare-protocol-name note by the port it names (see nameOnlyNote). */
  byPort?: Map<string, Note>;
}

/**
 * print-tcp.c hands a segment to port 80's (and HTTP's other ports') printer, http_print → txtproto_print, which
 * prints the protocol name and, only when a request or status line starts the segment, `: ` and that line. A bare
 * `HTTP` therefore decodes nothing: it names the port's protocol on a segment in the middle of a message (a body).
 */
const NAME_ONLY = 'HTTP';

/** The note on a bare `HTTP`, naming the well-known port it came from (the lower of the two ports). */
function nameOnlyNote(cat: Catalog, memo: PayloadMemo, rec: TcpRecord): Note {
  const a = rec.src.port;
  const b = rec.dst.port;
  const port = a !== null && b !== null ? String(Math.min(a, b)) : (rec.src.service ?? rec.dst.service);
  const key = port ?? '';
  const byPort = (memo.byPort ??= new Map());
  let note = byPort.get(key);
  if (note === undefined) {
    note = Object.freeze({ kind: 'payload', text: cat.segment.payloadNameOnly({ name: NAME_ONLY, port }) }) as Note;
    if (byPort.size >= 64) byPort.clear();
    byPort.set(key, note);
  }
  return note;
}

/**
 * The payload note. Short payload summaries recur on every segment of a protocol (`: HTTP` on each data segment of an
 * HTTP transfer), so they are memoised, but only below 13 characters: V8 copies substrings that short, while a longer
 * one may be a slice that keeps the whole input chunk it came from alive. At most 256 are kept.
 */
function payloadNote(cat: Catalog, memo: PayloadMemo, raw: string, rec: TcpRecord): Note | null {
  const short = raw.length < 13;
  if (short && payloadText(raw) === NAME_ONLY) return nameOnlyNote(cat, memo, rec);
  if (short) {
    const hit = memo.notes.get(raw);
    if (hit !== undefined) return hit;
  }
  const payload = payloadText(raw);
  // `[RST ...]`/`[!RST ...]` is the text inside a RST (print-tcp.c); an empty text has nothing to say.
  let note: Note | null = null;
  if (payload !== '' && (payload.startsWith('[RST') || payload.startsWith('[!RST'))) note = { kind: 'payload', text: cat.segment.rstPayload({ text: payload }) };
  else if (payload !== '' && !payload.startsWith('[|')) note = { kind: 'payload', text: cat.segment.payload({ text: payload }) };
  if (short && note !== null) {
    if (memo.notes.size >= 256) memo.notes.clear();
    memo.notes.set(raw, Object.freeze(note));
  }
  return note;
}

/** The Options note's text, or null when no option is worth a word; lists only options worth noting (see optionWorthNoting). */
function optionsText(
  cat: Catalog,
  memos: SegmentMemos,
  options: readonly TcpOption[],
  sender: Side,
  handshake: boolean,
  synAck: boolean,
  mssRewrite: OptionCtx['mssRewrite'],
  mssAt: OptionCtx['mssAt'] = null,
): string | null {
  // After the handshake most segments carry only nop,nop,TS: no array is built unless an option is worth a word.
  let items: string[] | null = null;
  // A SYN-ACK carries TS only when the SYN offered it (RFC 7323 §3.2): then both ends use timestamps.
  let tsSpace = 0;
  if (synAck) for (let i = 0; i < options.length; i++) if (options[i].kind === 'ts') tsSpace = TS_OPTION_SPACE;
  for (let i = 0; i < options.length; i++) {
    const o = options[i];
    if (!optionWorthNoting(o, handshake)) continue;
    // A rewritten MSS has words of its own (what was sent, what arrived): not memoised.
    // So has an MSS whose capture point is known (received here, or sent from here).
    if (o.kind === 'mss' && (mssRewrite !== null || mssAt !== null)) (items ??= []).push(optionText(cat, o, sender, handshake, tsSpace, mssRewrite, mssAt));
    else (items ??= []).push(optionItem(cat, memos, o, sender, handshake, tsSpace));
  }
  return items === null ? null : cat.segment.options({ sender, items });
}

/** Options whose words depend on one small number at most (MSS, window scale, SACK permitted...), by memo slot. */
const OPTION_MEMO_KIND: Partial<Record<TcpOption['kind'], number>> = { mss: 1, wscale: 2, sackOK: 3, eol: 4, nop: 5, 'bad-opt': 6 };

/** One option's words: memoised for the options that every handshake repeats with the same value (MSS 1460, wscale 7). */
function optionItem(cat: Catalog, memos: SegmentMemos, o: TcpOption, sender: Side, handshake: boolean, tsSpace: number): string {
  const k = OPTION_MEMO_KIND[o.kind];
  const value = o.kind === 'mss' || o.kind === 'wscale' ? o.value : 0;
  const key =
    k !== undefined && !('lenMismatch' in o) && value >>> 0 === value
      ? (((value * 2 + (handshake ? 1 : 0)) * 2 + SIDE_BIT[sender]) * 2 + (tsSpace > 0 ? 1 : 0)) * 8 + k
      : -1;
  if (key >= 0) {
    const hit = memos.option.get(key);
    if (hit !== undefined) return hit;
  }
  const text = optionText(cat, o, sender, handshake, tsSpace);
  return key >= 0 ? memos.option.set(key, text) : text;
}

const EXTRA_FLAG_MASK = URG | ECE | CWR | AE;

/** URG/ECE/CWR/AE notes; in the handshake ECE/CWR negotiate ECN rather than report congestion (RFC 3168 §6.1.1). */
function extraFlagNotes(cat: Catalog, bits: number, sender: Side, notes: Note[]): void {
  const ecnSetup = has(bits, SYN) && has(bits, ECE) && (has(bits, ACK) || has(bits, CWR));
  if (ecnSetup) notes.push({ kind: 'flag', text: cat.segment.ecnSetup({ sender, synAck: has(bits, ACK) }) });
  for (const [bit, name] of EXTRA_FLAGS) {
    if (ecnSetup && (bit === ECE || bit === CWR)) continue;
    if (has(bits, bit)) notes.push({ kind: 'flag', text: cat.segment.extraFlag(name, cat.flags[name]) });
  }
}

/** A note's words (one function for every call, rather than a new arrow per call). */
export const noteText = (n: Note): string => n.text;

/** The notes as plain strings (the agreed explain API). */
export function explainSegment(rec: TcpRecord, a: SegmentAnalysis, lang: Lang, opts?: SegmentExplainOptions): string[] {
  return explainSegmentNotes(rec, a, lang, opts).map(noteText);
}

/** Note for a TCP line the tracker did not analyse. */
export function untrackedSegmentNotes(lang: Lang): Note[] {
  return [{ kind: 'warning', text: catalogFor(lang).segment.noAnalysis }];
}

/** Note for the outgoing copy of a packet the capturing host forwarded (track/copies.ts): not a new segment. */
export function copiedSegmentNotes(copy: SegmentCopy, lang: Lang): Note[] {
  return [{ kind: 'record', text: catalogFor(lang).segment.copied(copy) }];
}

/** Note for a packet line that repeats an earlier one exactly: a quotation, not a new segment. */
export function quotedSegmentNotes(line: number, lang: Lang): Note[] {
  return [{ kind: 'record', text: catalogFor(lang).segment.quoted(line) }];
}
