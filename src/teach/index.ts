// Public face of src/teach: built-in lessons, the step model, teaching points, the quiz generator and their plain renderings (no Ink, no I/O).

export { LESSONS, LESSON_IDS, findLesson } from './lessons';
export type { LessonPart, LessonSpec } from './lessons';
export { buildSteps, explainOptionsOf, ladderAt, statesAt } from './steps';
export type { Step, StepModel, StepOptions, StepSource } from './steps';
export { createPointFinder } from './points';
export type { PointFinder } from './points';
export { stateDiagram, stateDiagramText } from './state-diagram';
export type { DiagramCell, DiagramLine } from './state-diagram';
export { generateQuiz, checkAnswer } from './quiz';
export type { QuizQuestion, QuizOptions } from './quiz';
export { lessonQuestions } from './questions';
export { parseTeacherLesson, TEACH_POINT_CODES, LESSON_QUESTION_CODES } from './teacher';
export type { TeacherLesson, TeacherParse } from './teacher';
export {
  LESSON_CATALOGS,
  lessonWords,
  questionTexts,
  arrowLine,
  stepTexts,
  transitionTexts,
  formatStepsText,
  endVerdicts,
  quizWhyText,
  quizPrompt,
  formatQuizMarkdown,
} from './format';
export type { StepsTextOptions } from './format';
export { formatStepsMarkdown, formatSlides, slideLadder, SLIDE_ROWS } from './handout';
export type { HandoutOptions } from './handout';
export type { LessonId, TeachPoint, TeachPointCode, LessonQuestion, LessonQuestionCode, QuizKind, QuizWhy, CapturePoint } from '../explain/locales/lesson-en';
