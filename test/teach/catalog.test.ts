// The lesson catalogs: both languages cover every lesson, point, question and reason, and the Chinese text is Chinese.
import { describe, expect, test } from 'vitest';
import { LESSONS, LESSON_CATALOGS, generateQuiz, lessonQuestions, questionTexts, quizWhyText, stepTexts } from '../../src/teach';
import { lessonModel } from './helpers';

const CJK = /[\u4e00-\u9fff]/;

describe('lesson catalogs', () => {
  test('every lesson: title, story and as many goals in zh-CN as in en', () => {
    for (const l of LESSONS) {
      const en = LESSON_CATALOGS.en.lessons[l.id];
      const zh = LESSON_CATALOGS['zh-CN'].lessons[l.id];
      expect(en.goals.length, l.id).toBeGreaterThanOrEqual(3);
      expect(zh.goals.length, l.id).toBe(en.goals.length);
      for (const t of [zh.title, zh.story, ...zh.goals]) expect(t, l.id).toMatch(CJK);
    }
  });

  test('every point, question and quiz reason of every lesson renders in both languages', () => {
    for (const l of LESSONS) {
      const m = lessonModel(l.id);
      const qs = lessonQuestions(m, l.questions);
      const quiz = generateQuiz(m, { seed: 2, max: 30 });
      for (const s of m.steps) {
        const en = stepTexts(s, 'en', m.numbering);
        const zh = stepTexts(s, 'zh-CN', m.numbering);
        expect(zh.points).toHaveLength(en.points.length);
        for (const p of en.points) expect(p.startsWith('Lesson: ')).toBe(true);
        for (const p of zh.points) expect(p).toMatch(/^要点：/);
      }
      for (const [q, a] of questionTexts(qs, 'zh-CN')) {
        expect(q).toMatch(CJK);
        expect(a.length).toBeGreaterThan(0);
      }
      for (const q of quiz) {
        expect(quizWhyText(q, m, 'en').length).toBeGreaterThan(10);
        expect(quizWhyText(q, m, 'zh-CN')).toMatch(CJK);
      }
    }
  });
});
