// Test helper: a built-in lesson's step model from its real capture(s) under samples/.
import { readFileSync } from 'node:fs';
import { buildSteps, findLesson, type LessonSpec, type StepModel } from '../../src/teach';

export function sampleText(rel: string): string {
  return readFileSync(new URL(`../../samples/${rel}`, import.meta.url), 'utf8');
}

export function lesson(id: string): LessonSpec {
  const l = findLesson(id);
  if (!l) throw new Error(`no lesson ${id}`);
  return l;
}

export function lessonModel(id: string): StepModel {
  const l = lesson(id);
  return buildSteps(
    l.parts.map((p) => ({ text: sampleText(p.file), source: `samples/${p.file}`, capture: p.capture, lines: p.lines })),
    { points: l.points },
  );
}

/** `line flags` per step, the shortest exact picture of what a lesson steps through. */
export const stepLines = (m: StepModel): string[] => m.steps.map((s) => `${s.part}:${s.rec.line} ${s.rec.flags}`);
