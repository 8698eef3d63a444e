// A teacher's own lesson: a small Markdown file beside a capture (title, story, goals, points on lines, questions), read into a plain spec.

import type { Lang } from '../explain';
import type { LessonQuestionCode, TeachPointCode } from '../explain/locales/lesson-en';
import { lessonWords } from './format';

/*
 * The format (docs/lessons.md):
 *
 *   # Title
 *   capture: n.txt            the capture, relative to this file (required)
 *   lines: 7-11               the input lines to step through (optional; the whole file is still analysed)
 *   points: fin, time-wait    which computed lesson points to show (optional; `all` or absent: every one)
 *   Any other text before the first `##` heading is the story.
 *   ## Goals                  `- ` items
 *   ## Points                 `- line N: text` items: the teacher's own words, shown on the step of input line N
 *   ## Questions              `- CODE` (a computed question, answered from the capture) or `- question` followed by an
 *                             indented `answer: text` line
 *
 * Headings may also be written in Chinese (目标, 要点, 问题).
 */

export interface TeacherLesson {
  title: string;
  story: string;
  goals: string[];
  /** The capture path as written, relative to the lesson file. */
  capture: string;
  lines: { from: number; to: number } | null;
  /** Computed points to show; null: all of them. */
  points: TeachPointCode[] | null;
  /** The teacher's own points, on input lines (`at`: the file's own line, for messages). */
  notes: Array<{ line: number; text: string; at: number }>;
  /** Computed questions (answered from the capture) and the teacher's own, in the file's order. */
  questions: Array<{ code: LessonQuestionCode } | { q: string; a: string }>;
}

export type TeacherParse = { ok: true; lesson: TeacherLesson } | { ok: false; error: string };

const SECTIONS: Record<string, 'goals' | 'points' | 'questions'> = {
  goals: 'goals',
  目标: 'goals',
  points: 'points',
  要点: 'points',
  questions: 'questions',
  问题: 'questions',
};

export const TEACH_POINT_CODES = Object.keys(lessonWords('en').points) as TeachPointCode[];
export const LESSON_QUESTION_CODES = Object.keys(lessonWords('en').questions) as LessonQuestionCode[];

/** Reads a teacher's lesson file; `file` names it in messages, which are in `lang`. */
export function parseTeacherLesson(text: string, file: string, lang: Lang): TeacherParse {
  const e = lessonWords(lang).ui.teacherFile;
  const fail = (error: string): TeacherParse => ({ ok: false, error });
  let title: string | null = null;
  let capture: string | null = null;
  let lines: TeacherLesson['lines'] = null;
  let points: TeacherLesson['points'] = null;
  const story: string[] = [];
  const goals: string[] = [];
  const notes: TeacherLesson['notes'] = [];
  const questions: TeacherLesson['questions'] = [];
  let section: 'head' | 'goals' | 'points' | 'questions' | 'other' = 'head';
  let pendingQuestion: { q: string; line: number } | null = null;

  const rows = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < rows.length; i++) {
    const n = i + 1;
    const raw = rows[i];
    const t = raw.trim();
    if (pendingQuestion) {
      const m = /^answer\s*[:：]\s*(.+)$/i.exec(t) ?? /^答案\s*[:：]\s*(.+)$/.exec(t);
      if (m && /^\s/.test(raw)) {
        questions.push({ q: pendingQuestion.q, a: m[1].trim() });
        pendingQuestion = null;
        continue;
      }
      return fail(e.noAnswer({ file, line: pendingQuestion.line }));
    }
    if (t === '' || t.startsWith('<!--')) continue;
    const h1 = /^#\s+(.+)$/.exec(t);
    if (h1 && title === null) {
      title = h1[1].trim();
      continue;
    }
    const h2 = /^##\s+(.+)$/.exec(t);
    if (h2) {
      section = SECTIONS[h2[1].trim().toLowerCase()] ?? 'other';
      continue;
    }
    if (section === 'head') {
      const f = /^(capture|lines|points)\s*:\s*(.*)$/i.exec(t);
      if (!f) {
        story.push(t);
        continue;
      }
      const [, key, value] = f;
      if (key.toLowerCase() === 'capture') capture = value.trim();
      else if (key.toLowerCase() === 'lines') {
        const m = /^(\d+)\s*-\s*(\d+)$/.exec(value.trim());
        if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) return fail(e.badField({ file, line: n, text: t }));
        lines = { from: Number(m[1]), to: Number(m[2]) };
      } else {
        const codes = value.split(',').map((c) => c.trim()).filter((c) => c !== '');
        if (codes.length === 1 && codes[0] === 'all') points = null;
        else {
          for (const c of codes) if (!TEACH_POINT_CODES.includes(c as TeachPointCode)) return fail(e.unknownPoint({ file, line: n, code: c, known: TEACH_POINT_CODES.join(', ') }));
          points = codes as TeachPointCode[];
        }
      }
      continue;
    }
    const item = /^[-*]\s+(.+)$/.exec(t);
    if (!item) {
      // Prose under a heading: a goal or point item's continuation is not supported; other sections are free text.
      if ((section as string) === 'other') continue;
      return fail(e.badField({ file, line: n, text: t }));
    }
    const body = item[1].trim();
    if (section === 'goals') goals.push(body);
    else if (section === 'points') {
      const m = /^(?:line|第)\s*(\d+)\s*(?:行)?\s*[:：]\s*(.+)$/i.exec(body);
      if (!m) return fail(e.badField({ file, line: n, text: t }));
      notes.push({ line: Number(m[1]), text: m[2].trim(), at: n });
    } else if (section === 'questions') {
      if (/^[a-z][a-z-]*$/.test(body)) {
        if (!LESSON_QUESTION_CODES.includes(body as LessonQuestionCode)) return fail(e.unknownQuestion({ file, line: n, code: body, known: LESSON_QUESTION_CODES.join(', ') }));
        questions.push({ code: body as LessonQuestionCode });
      } else pendingQuestion = { q: body, line: n };
    }
  }
  if (pendingQuestion) return fail(e.noAnswer({ file, line: pendingQuestion.line }));
  if (title === null) return fail(e.noTitle(file));
  if (capture === null || capture === '') return fail(e.noCapture(file));
  return { ok: true, lesson: { title, story: story.join(' '), goals, capture, lines, points, notes, questions } };
}
