// `tcplain lesson [NAME]`: built-in lessons on bundled captures in step mode or as a quiz; runStep/runQuiz do the same for any capture file.

import { existsSync } from 'node:fs';
import path, { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI_WORDS, langFromEnv, parseLang, type Lang } from '../../explain';
import type { Numbering } from '../../report/ladder';
import {
  LESSONS,
  buildSteps,
  findLesson,
  formatQuizMarkdown,
  formatSlides,
  formatStepsMarkdown,
  formatStepsText,
  generateQuiz,
  lessonQuestions,
  lessonWords,
  parseTeacherLesson,
  type LessonQuestion,
  type LessonSpec,
  type StepModel,
} from '../../teach';
import { CliError, writeOut, type CliIO } from '../io';
import { readInputText } from '../sources';
import type { LessonContent } from '../../tui/lesson/screen';
import { connArg } from '../conn-arg';

/**
 * How a run is shown: the interactive viewer when a terminal allows, else text; `markdown` prints a handout (the
 * steps, or the quiz with its answer key); `slides` prints the steps as Marp slides.
 */
export type LessonFormat = 'auto' | 'text' | 'markdown' | 'slides';

interface CommonRun {
  io: CliIO;
  lang?: string;
  format?: LessonFormat;
  seq?: Numbering;
  /** The terminal to draw on and the keyboard, when not the process's own (tests, harnesses). */
  stdout?: NodeJS.WriteStream;
  keys?: NodeJS.ReadStream;
}

export interface StepRunOptions extends CommonRun {
  /** A capture file, or `-` for stdin. */
  file: string;
  /** Only this connection (`c1`, ...). */
  conn?: string;
}

export interface QuizRunOptions extends StepRunOptions {
  /** Seed of the question choice (same seed, same quiz). */
  seed?: number;
  /** At most this many questions. */
  max?: number;
  /** Class vote: the options are shown to the room and the answer is revealed on a key. */
  vote?: boolean;
}

/** Where the bundled captures are: next to dist/ in a checkout or package, or TCPLAIN_SAMPLES. */
export function samplesDir(env: Readonly<Record<string, string | undefined>>): string | null {
  if (env.TCPLAIN_SAMPLES) return env.TCPLAIN_SAMPLES;
  // dist/tcplain.js → ../samples; dist/chunks/*.js (this module is a chunk loaded on demand) → ../../samples;
  // src/cli/commands/lesson.ts (tsx, tests) → ../../../samples.
  for (const rel of ['../samples/', '../../samples/', '../../../samples/']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(`${dir}MANIFEST`)) return dir;
  }
  return null;
}

/** A handout's name for a capture: its base name (a title never shows the reader's directories). */
export const handoutName = (file: string): string => basename(file);

const langOf = (io: CliIO, text: string | undefined): Lang => (text ? parseLang(text) : null) ?? langFromEnv(io.env);

/** A lesson's step model from its bundled capture(s). */
export async function lessonModel(spec: LessonSpec, io: CliIO, seq: Numbering = 'relative'): Promise<StepModel> {
  const dir = samplesDir(io.env);
  if (!dir) throw new CliError(CLI_WORDS[langFromEnv(io.env)].errors.samplesMissing, 1);
  const texts = await Promise.all(spec.parts.map((p) => readInputText(`${dir}${p.file}`, io)));
  return buildSteps(
    spec.parts.map((p, i) => ({ text: texts[i], source: `samples/${p.file}`, capture: p.capture, lines: p.lines })),
    { points: spec.points, numbering: seq },
  );
}

interface ViewerRun extends LessonContent {
  /** Whether stdin carried the capture (then keys must come from the controlling terminal). */
  stdinUsed: boolean;
  stdout?: NodeJS.WriteStream;
  keys?: NodeJS.ReadStream;
}

/**
 * Opens the lesson viewer on the terminal until `q`; returns false when there is no terminal to draw on or read
 * keys from, so the caller prints text instead. Keys come from /dev/tty when stdin carried the capture.
 */
async function openViewer(run: ViewerRun): Promise<{ shown: boolean; score: { right: number; answered: number; total: number } | null }> {
  const stdout = run.stdout ?? process.stdout;
  if (!stdout.isTTY) return { shown: false, score: null };
  const { openKeyboard, session } = await import('../tui-entry');
  const kb = openKeyboard(run.stdinUsed, run.keys);
  if ('error' in kb) return { shown: false, score: null };
  const [{ loadUiLibs }, { createLessonApp }] = await Promise.all([import('../../tui/ui-libs'), import('../../tui/lesson/app')]);
  const libs = await loadUiLibs();
  let finalScore: { right: number; answered: number; total: number } | null = null;
  const element = libs.React.createElement(createLessonApp(libs), {
    model: run.model,
    quiz: run.quiz,
    lesson: run.lesson,
    questions: run.questions,
    lang: run.lang,
    source: run.source,
    intro: run.intro,
    notes: run.notes,
    ownQuestions: run.ownQuestions,
    vote: run.vote,
    onQuit: (s) => {
      // A class vote has no score: nobody answered at the keyboard.
      if (run.quiz.length > 0 && !run.vote) {
        finalScore = { right: s.results.filter((r) => r?.right === true).length, answered: s.results.filter((r) => r && r.right !== null).length, total: run.quiz.length };
      }
    },
  });
  // The viewer's session: alternate screen, and the terminal restored on q, Ctrl-C, signals and exit.
  await session(libs, stdout, kb, element, () => {}, 30);
  return { shown: true, score: finalScore };
}

/** The viewer, or the text of the steps when there is no terminal (scripts, pipes, tests), or a handout or slides. */
async function showSteps(run: ViewerRun & { io: CliIO; format: LessonFormat; title: string }): Promise<void> {
  if (run.format === 'markdown' || run.format === 'slides') {
    const render = run.format === 'markdown' ? formatStepsMarkdown : formatSlides;
    await writeOut(run.io.stdout, render(run.model, { lang: run.lang, lesson: run.lesson, questions: run.questions, title: run.title }));
    return;
  }
  if (run.format === 'auto') {
    const r = await openViewer(run);
    if (r.shown) {
      if (r.score) await writeOut(run.io.stdout, `${lessonWords(run.lang).quiz.score(r.score)}\n`);
      return;
    }
  }
  await writeOut(
    run.io.stdout,
    formatStepsText(run.model, { lang: run.lang, lesson: run.lesson, questions: run.questions, intro: run.intro, notes: run.notes, ownQuestions: run.ownQuestions }),
  );
}

async function showQuiz(run: ViewerRun & { io: CliIO; format: LessonFormat; title: string }): Promise<void> {
  if (run.format === 'slides') throw new CliError(CLI_WORDS[run.lang].errors.quizNoSlides);
  if (run.format === 'auto') {
    const r = await openViewer(run);
    if (r.shown) {
      if (r.score) await writeOut(run.io.stdout, `${lessonWords(run.lang).quiz.score(r.score)}\n`);
      return;
    }
  }
  // Without a terminal a quiz cannot be asked: it is printed with its answer key, Markdown being readable as text too.
  await writeOut(run.io.stdout, formatQuizMarkdown(run.quiz, run.model, { lang: run.lang, title: run.title }));
}

/** `tcplain explain FILE --step`: step mode on any capture (the class's own), the viewer on a terminal, else text. */
export async function runStep(opts: StepRunOptions): Promise<void> {
  const lang = langOf(opts.io, opts.lang);
  const text = await readInputText(opts.file, opts.io, lang);
  const source = opts.file === '-' ? 'stdin' : opts.file;
  const model = buildSteps([{ text, source, capture: null, lines: null }], { numbering: opts.seq ?? 'relative', conn: opts.conn === undefined ? undefined : connArg(opts.conn, opts.file) });
  if (model.steps.length === 0) throw new CliError(CLI_WORDS[lang].errors.noSegment({ source, conn: opts.conn ?? null }));
  await showSteps({ model, quiz: [], lesson: null, questions: [], lang, source, stdinUsed: opts.file === '-', stdout: opts.stdout, keys: opts.keys, io: opts.io, format: opts.format ?? 'auto', title: handoutName(source) });
}

/** `tcplain explain FILE --quiz`: predict-the-next-packet on any capture; `format: 'markdown'` prints it with the answer key. */
export async function runQuiz(opts: QuizRunOptions): Promise<void> {
  const lang = langOf(opts.io, opts.lang);
  const text = await readInputText(opts.file, opts.io, lang);
  const source = opts.file === '-' ? 'stdin' : opts.file;
  const model = buildSteps([{ text, source, capture: null, lines: null }], { numbering: opts.seq ?? 'relative', conn: opts.conn === undefined ? undefined : connArg(opts.conn, opts.file) });
  const quiz = generateQuiz(model, { seed: opts.seed, max: opts.max });
  if (quiz.length === 0) throw new CliError(CLI_WORDS[lang].errors.noQuestion({ source }));
  await showQuiz({ model, quiz, lesson: null, questions: [], lang, source, stdinUsed: opts.file === '-', stdout: opts.stdout, keys: opts.keys, io: opts.io, format: opts.format ?? 'auto', title: handoutName(source), vote: opts.vote });
}

export interface LessonArgs {
  /** A built-in lesson's id, or a teacher's lesson file (`.md`). */
  name: string | undefined;
  lang: string | undefined;
  quiz: boolean;
  /** Class vote: the quiz's options are shown to the room and the answer revealed on a key. */
  vote?: boolean;
  format: LessonFormat;
  seed: number;
  max: number;
  io: CliIO;
}

/** The lesson list: id and title, one a line. */
export function formatLessonList(lang: Lang): string {
  const w = lessonWords(lang);
  const width = Math.max(...LESSONS.map((l) => l.id.length));
  return `${w.ui.lessons}${w.ui.colon.trimEnd()}\n${LESSONS.map((l) => `  ${l.id.padEnd(width)}  ${w.lessons[l.id].title}`).join('\n')}\n\n${w.ui.usage}\n`;
}

export async function runLesson(args: LessonArgs & Pick<CommonRun, 'stdout' | 'keys'>): Promise<void> {
  const { io } = args;
  const lang = langOf(io, args.lang);
  // --vote without --quiz is the same usage error with or without a lesson name.
  const vote = args.vote ?? false;
  if (vote && !args.quiz) throw new CliError(CLI_WORDS[lang].errors.voteNeedsQuiz);
  if (!args.name) {
    await writeOut(io.stdout, formatLessonList(lang));
    return;
  }
  const spec = findLesson(args.name);
  if (!spec) {
    // Not a built-in lesson: a teacher's lesson file, when the name is one.
    if (!args.name.endsWith('.md') && !existsSync(args.name)) {
      throw new CliError(lessonWords(lang).ui.unknownLesson({ name: args.name, known: LESSONS.map((l) => l.id).join(lessonWords(lang).ui.listSep) }));
    }
    const t = await teacherRun(args.name, io, lang);
    const base = { ...t, lang, stdinUsed: false, stdout: args.stdout, keys: args.keys, io, format: args.format, vote };
    if (args.quiz) await showQuiz({ ...base, quiz: generateQuiz(t.model, { seed: args.seed, max: args.max }), title: t.source });
    else await showSteps({ ...base, quiz: [], title: t.source });
    return;
  }
  const model = await lessonModel(spec, io);
  const questions = lessonQuestions(model, spec.questions);
  const title = lessonWords(lang).lessons[spec.id].title;
  const base = { model, lesson: spec.id, questions, lang, source: title, stdinUsed: false, stdout: args.stdout, keys: args.keys, io, format: args.format, vote };
  if (args.quiz) await showQuiz({ ...base, quiz: generateQuiz(model, { seed: args.seed, max: args.max }), title });
  else await showSteps({ ...base, quiz: [], title });
}

/**
 * A teacher's lesson file (docs/lessons.md): its capture read relative to it, stepped like a built-in lesson, with
 * the computed points it asks for, the teacher's own points on their lines, and its questions.
 */
async function teacherRun(file: string, io: CliIO, lang: Lang): Promise<Omit<LessonContent, 'quiz' | 'lang' | 'vote'>> {
  const parsed = parseTeacherLesson(await readInputText(file, io, lang), file, lang);
  if (!parsed.ok) throw new CliError(parsed.error);
  const t = parsed.lesson;
  const capturePath = path.join(path.dirname(file), t.capture);
  const text = await readInputText(capturePath, io, lang);
  const model = buildSteps([{ text, source: capturePath, capture: null, lines: t.lines }], { points: t.points ?? undefined });
  if (model.steps.length === 0) throw new CliError(CLI_WORDS[lang].errors.noSegment({ source: capturePath, conn: null }));
  const notes = new Map<number, string[]>();
  for (const n of t.notes) {
    const step = model.steps.find((s) => s.rec.line === n.line);
    if (!step) throw new CliError(lessonWords(lang).ui.teacherFile.noSuchLine({ file, line: n.at, target: n.line }));
    notes.set(step.index, [...(notes.get(step.index) ?? []), n.text]);
  }
  const codes = t.questions.flatMap((q) => ('code' in q ? [q.code] : []));
  const questions: LessonQuestion[] = lessonQuestions(model, codes);
  const ownQuestions = t.questions.flatMap((q) => ('q' in q ? [[q.q, q.a] as const] : []));
  return { model, lesson: null, questions, source: t.title, intro: { title: t.title, story: t.story, goals: t.goals }, notes, ownQuestions };
}

// The command's definition (help, options) lives in specs.ts, which loads this module only to run it.
export { lessonCommand } from './specs';
