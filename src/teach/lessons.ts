// The built-in lessons: which bundled capture each one steps through, which lines, which teaching points it frames and which questions end it.

import type { CapturePoint, LessonId, LessonQuestionCode, TeachPointCode } from '../explain/locales/lesson-en';
import { LESSON_IDS } from '../explain/locales/lesson-en';

export interface LessonPart {
  /** Path under samples/ (a real capture made by scripts/capture-samples.sh). */
  file: string;
  /** Which capture point it is, for two-capture lessons; null for one capture. */
  capture: CapturePoint | null;
  /** Input lines (inclusive) the lesson steps through; the whole file is still analysed, so states and numbers are right. */
  lines: { from: number; to: number } | null;
}

export interface LessonSpec {
  id: LessonId;
  parts: LessonPart[];
  /** The teaching points this lesson frames; others are left to the per-segment explanation. */
  points: readonly TeachPointCode[];
  questions: readonly LessonQuestionCode[];
}

const one = (file: string, from?: number, to?: number): LessonPart[] => [
  { file, capture: null, lines: from !== undefined && to !== undefined ? { from, to } : null },
];

const OPEN: TeachPointCode[] = ['isn', 'ack-of-syn', 'handshake-done', 'mss'];
const CLOSE: TeachPointCode[] = ['fin', 'ack-of-fin', 'time-wait', 'last-ack-done'];
const PAIR: TeachPointCode[] = ['pair-seen', 'pair-lost', 'pair-forged', 'mss-rewritten'];

export const LESSONS: readonly LessonSpec[] = [
  { id: 'handshake', parts: one('handshake-close/n.txt', 1, 4), points: [...OPEN, 'data-range'], questions: ['client-isn', 'synack-ack', 'handshake-packets'] },
  {
    id: 'data-acks',
    // The streamed answer gets quick ACKs; the three-way-close capture's answer gets a delayed one (line 7, 43.6 ms).
    parts: [...one('client-reset/n.txt', 4, 15), ...one('three-way-close/n.txt', 4, 7)],
    points: ['data-range', 'ack-advance', 'window'],
    questions: ['next-seq', 'acked-bytes', 'window-bytes'],
  },
  { id: 'four-way-close', parts: one('handshake-close/n.txt', 7, 11), points: CLOSE, questions: ['close-packets', 'time-wait-end', 'fin-ack-value'] },
  { id: 'three-way-close', parts: one('three-way-close/n.txt', 6, 10), points: CLOSE, questions: ['close-packets', 'time-wait-end', 'fin-ack-value'] },
  { id: 'refused', parts: one('refused/n.txt'), points: ['isn', 'ack-of-syn', 'rst'], questions: ['rst-sender', 'refused-ack'] },
  { id: 'server-reset', parts: one('server-abort/n.txt'), points: ['data-range', 'ack-advance', 'rst'], questions: ['rst-sender', 'acked-bytes'] },
  { id: 'idle-reset', parts: one('idle-reset/n.txt', 4, 8), points: ['data-range', 'ack-advance', 'rst'], questions: ['rst-sender', 'idle-seconds'] },
  {
    id: 'forged-rst',
    parts: [
      { file: 'nat-forged-rst/client.txt', capture: 'client', lines: null },
      { file: 'nat-forged-rst/server.txt', capture: 'server', lines: null },
    ],
    points: ['data-range', 'fin', 'rst', ...PAIR],
    questions: ['forged-evidence'],
  },
  {
    id: 'mss-clamp',
    parts: [
      { file: 'nat-mss-clamp/client.txt', capture: 'client', lines: { from: 1, to: 8 } },
      { file: 'nat-mss-clamp/server.txt', capture: 'server', lines: { from: 1, to: 16 } },
    ],
    points: ['mss', 'data-range', ...PAIR],
    questions: ['mss-values'],
  },
  { id: 'retransmission', parts: one('retransmission/n.txt', 3, 7), points: ['data-range', 'retransmission', 'ack-advance'], questions: ['rto-ms'] },
  {
    id: 'fast-retransmit',
    parts: one('fast-retransmit/n.txt', 19, 65),
    points: ['dup-ack', 'sack', 'retransmission', 'ack-advance'],
    questions: ['dup-acks-before'],
  },
  {
    id: 'zero-window',
    parts: one('zero-window/n.txt', 9, 18),
    points: ['zero-window', 'window-probe', 'window-reopened', 'data-range'],
    questions: ['probe-count'],
  },
];

export function findLesson(name: string): LessonSpec | null {
  return LESSONS.find((l) => l.id === name) ?? null;
}

export { LESSON_IDS };
