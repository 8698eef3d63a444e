// Predict-the-next-packet questions generated from a step model: flags, seq, ack or the next state of an end, answered by the capture itself.

import { ACK, FIN, RST, SYN, TCP_STATES, has, type Side, type TcpState } from '../model';
import type { QuizKind, QuizWhy } from '../explain/locales/lesson-en';
import { recordFlagBits } from '../report/ladder';
import type { Step, StepModel } from './steps';

export interface QuizQuestion {
  /** The step whose segment is to be predicted (revealed once answered). */
  step: number;
  line: number;
  kind: QuizKind;
  from: Side;
  to: Side;
  /** For `state`: which end. */
  end: Side | null;
  /** Four choices for flags and states; null for typed numbers (seq, ack). */
  options: string[] | null;
  /** The capture's real value, as text (flags as tcpdump printed them, a state name, a number). */
  answer: string;
  /** Index of the answer in `options`. */
  answerIndex: number | null;
  why: QuizWhy;
}

export interface QuizOptions {
  /** Seed of the choice of questions and the order of options (the same seed gives the same quiz). */
  seed?: number;
  /** At most this many questions (default 8). */
  max?: number;
}

/** mulberry32: a small seeded PRNG, so a quiz can be printed and replayed identically (the fuzz suite's seeds too). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Flag sets people confuse with each other, nearest first. */
const FLAG_NEIGHBOURS: Record<string, string[]> = {
  S: ['S.', 'R.', '.'],
  'S.': ['S', '.', 'R.'],
  '.': ['P.', 'F.', 'S.'],
  'P.': ['.', 'FP.', 'F.'],
  'F.': ['.', 'FP.', 'R.'],
  'FP.': ['F.', 'P.', '.'],
  'R.': ['R', 'F.', 'S.'],
  R: ['R.', 'F.', '.'],
};
const FLAG_POOL = ['S', 'S.', '.', 'P.', 'F.', 'FP.', 'R.', 'R'];

/** RFC 9293 states one easily expects instead of the right one, by the state the end was in. */
const STATE_NEIGHBOURS: Partial<Record<TcpState, TcpState[]>> = {
  CLOSED: ['SYN_SENT', 'LISTEN', 'TIME_WAIT'],
  LISTEN: ['SYN_RECEIVED', 'CLOSED'],
  SYN_SENT: ['ESTABLISHED', 'SYN_RECEIVED', 'CLOSED'],
  SYN_RECEIVED: ['ESTABLISHED', 'LISTEN', 'CLOSED'],
  ESTABLISHED: ['FIN_WAIT_1', 'CLOSE_WAIT', 'CLOSED'],
  FIN_WAIT_1: ['FIN_WAIT_2', 'CLOSING', 'TIME_WAIT'],
  FIN_WAIT_2: ['TIME_WAIT', 'CLOSED', 'CLOSING'],
  CLOSE_WAIT: ['LAST_ACK', 'CLOSED', 'TIME_WAIT'],
  CLOSING: ['TIME_WAIT', 'CLOSED'],
  LAST_ACK: ['CLOSED', 'TIME_WAIT'],
  TIME_WAIT: ['CLOSED'],
};

function choices(correct: string, near: readonly string[], pool: readonly string[], rand: () => number): { options: string[]; answerIndex: number } {
  const wrong: string[] = [];
  for (const c of [...near, ...shuffle([...pool], rand)]) if (c !== correct && !wrong.includes(c) && wrong.length < 3) wrong.push(c);
  const options = shuffle([correct, ...wrong], rand);
  return { options, answerIndex: options.indexOf(correct) };
}

const sideOf = (s: Step): Side => (s.analysis.dir === 'c2s' ? 'client' : 'server');

/** Relative seq just past what `side` had sent before step `i` (SYN and FIN count one), with the line that reached it. */
function sentBefore(model: StepModel, i: number, side: Side): { next: number; line: number } | null {
  const target = model.steps[i];
  for (let j = i - 1; j >= 0; j--) {
    const s = model.steps[j];
    if (s.part !== target.part || s.analysis.conn !== target.analysis.conn || sideOf(s) !== side || s.analysis.relSeq === null) continue;
    const bits = recordFlagBits(s.rec) ?? 0;
    if (has(bits, RST)) continue;
    let best = { next: (s.analysis.relEnd ?? s.analysis.relSeq) + (has(bits, SYN | FIN) ? 1 : 0), line: s.rec.line };
    // The highest point reached, not just the latest segment (a retransmission goes back).
    for (let k = j - 1; k >= 0; k--) {
      const o = model.steps[k];
      if (o.part !== target.part || o.analysis.conn !== target.analysis.conn || sideOf(o) !== side || o.analysis.relSeq === null) continue;
      const ob = recordFlagBits(o.rec) ?? 0;
      const n = (o.analysis.relEnd ?? o.analysis.relSeq) + (has(ob, SYN | FIN) ? 1 : 0);
      if (n > best.next) best = { next: n, line: o.rec.line };
    }
    return best;
  }
  return null;
}

function questionFor(model: StepModel, i: number, kind: QuizKind, rand: () => number): QuizQuestion | null {
  const s = model.steps[i];
  const a = s.analysis;
  const from = sideOf(s);
  const to: Side = from === 'client' ? 'server' : 'client';
  const bits = recordFlagBits(s.rec);
  const base = { step: i, line: s.rec.line, kind, from, to };
  switch (kind) {
    case 'flags': {
      if (bits === null || s.rec.style !== 'new') return null;
      const c = choices(s.rec.flags, FLAG_NEIGHBOURS[s.rec.flags] ?? [], FLAG_POOL, rand);
      return { ...base, end: null, options: c.options, answer: s.rec.flags, answerIndex: c.answerIndex, why: { code: 'flags', flags: s.rec.flags } };
    }
    case 'seq': {
      // A SYN's seq is a random ISN: nothing to predict.
      if (a.relSeq === null || bits === null || has(bits, SYN)) return null;
      const prev = sentBefore(model, i, from);
      const why: QuizWhy =
        prev === null
          ? { code: 'seq-first', side: from }
          : a.relSeq === prev.next
            ? { code: 'seq-continues', side: from, prevLine: prev.line, next: prev.next }
            : a.relSeq < prev.next
              ? { code: 'seq-goes-back', side: from, next: prev.next, answer: a.relSeq }
              : { code: 'seq-jumps', side: from, next: prev.next, answer: a.relSeq };
      if (why.code === 'seq-first') return null;
      return { ...base, end: null, options: null, answer: String(a.relSeq), answerIndex: null, why };
    }
    case 'ack': {
      if (a.relAck === null || bits === null || !has(bits, ACK) || has(bits, SYN)) return null;
      const peer = sentBefore(model, i, to);
      if (peer === null) return null;
      const why: QuizWhy = a.relAck === peer.next ? { code: 'ack-all', side: from, peerNext: peer.next } : { code: 'ack-behind', side: from, peerNext: peer.next, answer: a.relAck };
      return { ...base, end: null, options: null, answer: String(a.relAck), answerIndex: null, why };
    }
    case 'state': {
      const t = a.transitions[a.transitions.length - 1];
      const end: Side = t ? t.end : from;
      const now = a.states[end];
      const before = a.statesBefore[end];
      if (now === null) return null;
      const near = [...(before !== null && before !== now ? [before] : []), ...(STATE_NEIGHBOURS[before ?? now] ?? [])];
      const c = choices(now, near, TCP_STATES, rand);
      const why: QuizWhy = t ? { code: 'state-change', end, from: before, to: now } : { code: 'state-same', end, state: now };
      return { ...base, end, options: c.options, answer: now, answerIndex: c.answerIndex, why };
    }
  }
}

/** How interesting a step is to predict: state changes and unusual flags first, plain ACKs last. */
function interest(s: Step): number {
  let n = 0;
  if (s.analysis.transitions.length > 0) n += 3;
  if (s.rec.flags !== '.') n += 2;
  if (s.analysis.findings.some((f) => f.code !== 'tcp.options_negotiated' && f.code !== 'tcp.handshake_rtt')) n += 2;
  if (s.points.length > 0) n += 1;
  return n;
}

/**
 * Questions about the segments of `model`, at most one per step and never on the first step of a part (there is
 * nothing to predict from).
 */
export function generateQuiz(model: StepModel, opts: QuizOptions = {}): QuizQuestion[] {
  const rand = mulberry32(opts.seed ?? 1);
  const max = opts.max ?? 8;
  const candidates = model.steps.filter((s, i) => i > 0 && model.steps[i - 1].part === s.part);
  // Stable order: most interesting first, ties broken by the seeded shuffle, then back in capture order.
  const order = shuffle(candidates, rand).sort((x, y) => interest(y) - interest(x));
  const picked = order.slice(0, max).sort((x, y) => x.index - y.index);
  const out: QuizQuestion[] = [];
  for (const s of picked) {
    const kinds: QuizKind[] = s.analysis.transitions.length > 0 ? ['state', 'flags'] : s.rec.flags !== '.' ? ['flags', 'seq', 'ack'] : ['ack', 'seq', 'flags'];
    const first = Math.floor(rand() * kinds.length);
    for (let k = 0; k < kinds.length; k++) {
      const q = questionFor(model, s.index, kinds[(first + k) % kinds.length], rand);
      if (q) {
        out.push(q);
        break;
      }
    }
  }
  return out;
}

/** Whether `input` (an option index, an option's text, or a typed number) is the right answer. */
export function checkAnswer(q: QuizQuestion, input: string | number): boolean {
  if (typeof input === 'number') return q.options !== null ? input === q.answerIndex : String(input) === q.answer;
  const t = input.trim();
  if (q.options === null) return /^\d+$/.test(t) && Number(t) === Number(q.answer);
  return t === q.answer;
}
