// Public face of src/explain/command: explain a tcpdump command line (options, filter, mistakes, recipes).

export { explainCommand, captureRecipe, CMD_CATALOGS, RECIPE_KINDS } from './explain-command';
export type { CommandExplanation, ExplainedOption, ExplainedFilter, ExplainedIssue, Recipe, RecipeKind, ExplainCommandOptions } from './explain-command';
export { formatCommandText, formatCommandJson, formatRecipe, caretLine } from './format-command';
export { parseCommand } from './parse-command';
export type { ParsedCommand, ParsedOption, CommandProblem } from './parse-command';
export type { CommandAdvice, AdviceCode } from './advice';
export type { CmdMessages } from './messages';
