// The command modules' definitions: names, help and options, with handlers that load the command's module
// (and through it the whole pipeline) only when it runs: `--version`, `--help` and completion never load them.

import type { Argv, ArgumentsCamelCase, CommandModule } from 'yargs';
import type { RecipeKind } from '../../explain/command';
import { words } from '../words';
import type { ExplainArgs } from './explain';
import type { PairArgs } from './pair';
import type { DiagramArgs } from './diagram';
import type { LessonArgs } from './lesson';
import type { CmdArgs } from './cmd';
import type { SummaryArgs } from './summary';

/** `tcplain diagram --format` values. */
export const DIAGRAM_FORMATS = ['mermaid', 'svg', 'text', 'markdown'] as const;

/**
 * `tcplain cmd --for` values: RECIPE_KINDS of src/explain/command, written out here because importing that module
 * loads the filter grammar; the two types below make the compiler reject any difference.
 */
const RECIPE_CHOICES = ['pair', 'live'] as const satisfies readonly RecipeKind[];
type MissingRecipe = Exclude<RecipeKind, (typeof RECIPE_CHOICES)[number]>;
const allRecipes: [MissingRecipe] extends [never] ? true : MissingRecipe = true;
void allRecipes;

/** `tcplain summary --format` and `--sort` values (the renderers and the sort are in src/report). */
export const SUMMARY_FORMATS = ['text', 'json', 'csv', 'markdown'] as const;
export const SUMMARY_SORT_CHOICES = ['start', 'severity', 'bytes', 'duration'] as const;

/** The selection options explain and summary share (src/cli/selection.ts reads and checks them). */
function selectOptions<T>(b: Argv<T>, conn: string): Argv<T> {
  const w = words().help;
  return b
    .option('conn', { type: 'string', describe: conn })
    .option('host', { type: 'string', describe: w.select.host })
    .option('port', { type: 'string', describe: w.select.port })
    .option('verdict', { type: 'string', describe: w.select.verdict })
    .option('severity', { type: 'string', describe: w.select.severity })
    .option('only', { type: 'string', describe: w.select.only })
    .option('from', { type: 'string', describe: w.select.from })
    .option('to', { type: 'string', describe: w.select.to })
    .option('count', { alias: 'c', type: 'number', describe: w.explain.count })
    .option('where', { type: 'string', describe: w.select.where })
    .option('fail-on', { type: 'string', choices: ['warn', 'error'] as const, describe: w.select.failOn }) as unknown as Argv<T>;
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: ['explain [files..]', '$0 [files..]'],
  // A getter: the help is built after the language is known (src/cli/words.ts).
  get describe() {
    return words().help.explain.describe;
  },
  builder: (y: Argv) => {
    const w = words().help;
    let b = y
      .positional('files', { type: 'string', array: true, describe: w.explain.files })
      .option('lang', { type: 'string', choices: ['en', 'zh', 'zh-CN'], describe: w.lang })
      .option('format', { type: 'string', choices: ['text', 'json', 'markdown'] as const, describe: w.explain.format })
      .option('seq', { type: 'string', choices: ['relative', 'absolute'] as const, default: 'relative' as const, describe: w.explain.seq })
      .option('notes', { type: 'boolean', describe: w.explain.notes })
      .option('color', { type: 'string', choices: ['always', 'never', 'auto'], describe: w.color })
      .option('redact', { type: 'boolean', describe: w.explain.redact })
      .option('filter', { type: 'string', describe: w.explain.filter })
      .option('step', { type: 'boolean', describe: w.explain.step })
      .option('quiz', { type: 'boolean', describe: w.explain.quiz })
      .option('seed', { type: 'number', describe: w.explain.seed })
      .option('vote', { type: 'boolean', describe: w.explain.vote })
      .option('max-lines', { type: 'number', describe: w.explain.maxLines })
      .option('max-open', { type: 'number', describe: w.explain.maxOpen });
    b = selectOptions(b, w.explain.conn);
    for (const [cmd, what] of w.explain.examples) b = b.example(cmd, what);
    return b as unknown as Argv<ExplainArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<ExplainArgs>) => (await import('./explain')).runExplain(argv),
};

export const summaryCommand: CommandModule<object, SummaryArgs> = {
  command: 'summary [files..]',
  get describe() {
    return words().help.summary.describe;
  },
  builder: (y: Argv) => {
    const w = words().help;
    let b = y
      .positional('files', { type: 'string', array: true, describe: w.summary.files })
      .option('lang', { type: 'string', choices: ['en', 'zh', 'zh-CN'], describe: w.langShort })
      .option('format', { type: 'string', choices: SUMMARY_FORMATS, describe: w.summary.format })
      .option('sort', { type: 'string', choices: SUMMARY_SORT_CHOICES, default: 'start' as const, describe: w.summary.sort })
      .option('filter', { type: 'string', describe: w.explain.filter });
    b = selectOptions(b, w.summary.conn);
    for (const [cmd, what] of w.summary.examples) b = b.example(cmd, what);
    b = b.epilog(w.summary.dupAcks);
    return b as unknown as Argv<SummaryArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<SummaryArgs>) => (await import('./summary')).runSummary(argv),
};

export const pairCommand: CommandModule<object, PairArgs> = {
  command: 'pair <client> <server>',
  get describe() {
    return words().help.pair.describe;
  },
  builder: (y: Argv) => {
    const w = words().help;
    let b = y
      .positional('client', { type: 'string', demandOption: true, describe: w.pair.client })
      .positional('server', { type: 'string', demandOption: true, describe: w.pair.server })
      .option('lang', { type: 'string', choices: ['en', 'zh', 'zh-CN'], describe: w.langShort })
      .option('format', { type: 'string', choices: ['text', 'json', 'markdown'] as const, describe: w.pair.format })
      .option('redact', { type: 'boolean', describe: w.pair.redact })
      .option('filter', { type: 'string', describe: w.pair.filter })
      .option('window', { type: 'number', describe: w.pair.window })
      .option('fail-on', { type: 'string', choices: ['warn', 'error'] as const, describe: w.pair.failOn });
    for (const [cmd, what] of w.pair.examples) b = b.example(cmd, what);
    return b as unknown as Argv<PairArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<PairArgs>) => (await import('./pair')).runPair(argv),
};

export const diagramCommand: CommandModule<object, DiagramArgs> = {
  command: 'diagram <file>',
  get describe() {
    return words().help.diagram.describe;
  },
  builder: (y: Argv) => {
    const w = words().help;
    let b = y
      .positional('file', { type: 'string', demandOption: true, describe: w.diagram.file })
      .option('conn', { type: 'string', describe: w.diagram.conn })
      .option('format', { type: 'string', choices: DIAGRAM_FORMATS, default: 'mermaid' as const, describe: w.diagram.format })
      .option('lang', { type: 'string', choices: ['en', 'zh', 'zh-CN'], describe: w.langShort })
      .option('seq', { type: 'string', choices: ['relative', 'absolute'] as const, default: 'relative' as const, describe: w.diagram.seq })
      .option('redact', { type: 'boolean', default: false, describe: w.diagram.redact })
      .option('pair', { type: 'string', describe: w.diagram.pair })
      .option('rows', { type: 'string', describe: w.diagram.rows })
      .option('title', { type: 'string', describe: w.diagram.title })
      .option('legend', { type: 'boolean', default: true, describe: w.diagram.legend })
      .option('time-scale', { type: 'boolean', default: false, alias: 'slant', describe: w.diagram.slant });
    for (const [cmd, what] of w.diagram.examples) b = b.example(cmd, what);
    return b as unknown as Argv<DiagramArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<DiagramArgs>) => (await import('./diagram')).runDiagram(argv),
};

export const lessonCommand: CommandModule<object, LessonArgs> = {
  command: 'lesson [name]',
  get describe() {
    return words().help.lesson.describe;
  },
  builder: (y: Argv) => {
    const w = words().help;
    let b = y
      // A teacher's lesson file is accepted too, so the name is checked by the command, not by a list of choices.
      .positional('name', { type: 'string', describe: w.lesson.name })
      .option('quiz', { type: 'boolean', default: false, describe: w.lesson.quiz })
      .option('vote', { type: 'boolean', default: false, describe: w.lesson.vote })
      .option('format', { type: 'string', choices: ['auto', 'text', 'markdown', 'slides'] as const, default: 'auto' as const, describe: w.lesson.format })
      .option('lang', { type: 'string', choices: ['en', 'zh', 'zh-CN'], describe: w.langShort })
      .option('seed', { type: 'number', default: 1, describe: w.lesson.seed })
      .option('max', { type: 'number', default: 8, describe: w.lesson.max });
    for (const [cmd, what] of w.lesson.examples) b = b.example(cmd, what);
    return b as unknown as Argv<LessonArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<LessonArgs>) => (await import('./lesson')).runLesson(argv),
};

export const cmdCommand: CommandModule<object, CmdArgs> = {
  command: 'cmd [line..]',
  get describe() {
    return words().help.cmd.describe;
  },
  builder: (y: Argv) => {
    const w = words().help;
    let b = y
      // `tcplain cmd tcpdump -nn -i eth0 port 80` without quotes: tcpdump's options are words of the line, not ours.
      .parserConfiguration({ 'unknown-options-as-args': true })
      .strict(false)
      .positional('line', { type: 'string', array: true, describe: w.cmd.line })
      .option('lang', { type: 'string', choices: ['en', 'zh', 'zh-CN'], describe: w.langShort })
      .option('format', { type: 'string', choices: ['text', 'json'] as const, default: 'text' as const, describe: w.cmd.format })
      .option('for', { type: 'string', choices: [...RECIPE_CHOICES], describe: w.cmd.for });
    for (const [cmd, what] of w.cmd.examples) b = b.example(cmd, what);
    return b as unknown as Argv<CmdArgs>;
  },
  handler: async (argv: ArgumentsCamelCase<CmdArgs>) => (await import('./cmd')).runCmd(argv),
};
