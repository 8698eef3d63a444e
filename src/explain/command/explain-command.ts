// explainCommand: a tcpdump command line → its options, filter, mistakes and (on request) a capture recipe, in words.

import type { FilterNode } from '../../../grammar/pcap-filter/index';
import { formatFilter } from '../../../grammar/pcap-filter/index';
import type { Lang } from '../catalog';
import { cmdEn } from '../locales/cmd-en';
import { cmdZhCN } from '../locales/cmd-zh-CN';
import { ADVICE_SEVERITY, commandAdvice, type AdviceCode, type AdviceSeverity } from './advice';
import { explainFilterTree, type FilterLine } from './explain-filter';
import type { CmdMessages } from './messages';
import { hasOption, parseCommand, type CommandProblemCode, type ParsedCommand } from './parse-command';
import type { OptionKey } from './tcpdump-options';

export const CMD_CATALOGS: Record<Lang, CmdMessages> = { en: cmdEn, 'zh-CN': cmdZhCN };

export type RecipeKind = 'pair' | 'live';
export const RECIPE_KINDS: readonly RecipeKind[] = ['pair', 'live'];

export interface ExplainedOption {
  key: OptionKey;
  written: string;
  count: number;
  arg: string | null;
  text: string;
}

export interface ExplainedIssue {
  code: string;
  severity: 'error' | 'note';
  start: number;
  end: number;
  token: string;
  text: string;
}

export interface ExplainedFilter {
  /** The expression exactly as tcpdump receives it (its words joined by spaces). */
  text: string;
  /** libpcap's reading with every qualifier and grouping written out; null when it does not parse. */
  readsAs: string | null;
  ast: FilterNode | null;
  lines: FilterLine[];
  errors: ExplainedIssue[];
  notes: ExplainedIssue[];
}

export interface Recipe {
  kind: RecipeKind;
  intro: string;
  steps: Array<{ label: string; command: string }>;
  why: string[];
  /** The recipe's flags the user's own command lacks, or null. */
  missing: string | null;
}

export interface CommandExplanation {
  lang: Lang;
  line: string;
  prompt: string | null;
  program: string | null;
  argv: string[];
  options: ExplainedOption[];
  filter: ExplainedFilter | null;
  advice: Array<{ code: AdviceCode; severity: AdviceSeverity; text: string }>;
  problems: Array<{ code: CommandProblemCode; text: string; start: number; end: number }>;
  recipe: Recipe | null;
}

function filterPart(cmd: ParsedCommand, m: CmdMessages): ExplainedFilter | null {
  const f = cmd.filter;
  if (!f) return null;
  const issue = (i: (typeof f.errors)[number]): ExplainedIssue => ({
    code: i.code,
    severity: i.severity,
    start: i.start,
    end: i.end,
    token: i.token,
    text: m.issue[i.code](i),
  });
  const ok = f.ast !== null && f.errors.length === 0;
  return {
    text: f.text,
    readsAs: f.ast ? formatFilter(f.ast) : null,
    ast: f.ast,
    lines: ok ? explainFilterTree(f.ast!, f.text, m) : [],
    errors: f.errors.map(issue),
    notes: f.notes.map(issue),
  };
}

/** Shell-quotes a filter for a recipe line when it needs it. */
const quote = (s: string) => (/^[\w.:/@-]+(?: [\w.:/@-]+)*$/.test(s) && !/[()[\]&|!<>*?]/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function recipe(kind: RecipeKind, cmd: ParsedCommand | null, m: CmdMessages): Recipe {
  const iface = (cmd && hasOption(cmd, 'i')?.arg) || 'IFACE';
  const filter = cmd && cmd.filterWords.length > 0 ? quote(cmd.filterWords.map((w) => w.text).join(' ')) : "'host SERVER and port PORT'";
  const base = `sudo tcpdump -l -nn -tttt -v -S -i ${iface} ${filter}`;
  const wanted: Array<[string, (c: ParsedCommand) => boolean]> = [
    ['-l', (c) => hasOption(c, 'l') !== undefined],
    ['-nn', (c) => hasOption(c, 'n') !== undefined],
    ['-tttt', (c) => hasOption(c, 't')?.count === 4],
    ['-v', (c) => hasOption(c, 'v') !== undefined],
    ['-S', (c) => hasOption(c, 'S') !== undefined],
    ['-i', (c) => hasOption(c, 'i') !== undefined],
  ];
  const lacking = cmd && cmd.program ? wanted.filter(([, has]) => !has(cmd)).map(([f]) => f) : [];
  const missing = lacking.length > 0 ? m.recipe.missing(lacking) : null;
  const w = m.recipe.why;
  if (kind === 'pair') {
    return {
      kind,
      intro: m.recipe.pairIntro,
      steps: [
        { label: m.recipe.pairClient, command: `${base} | tee client.txt` },
        { label: m.recipe.pairServer, command: `${base} | tee server.txt` },
        { label: m.recipe.pairThen, command: 'tcplain pair client.txt server.txt' },
      ],
      why: [w.l, w.nn, w.tttt, w.v, w.S, w.i, w.filter, w.tee],
      missing,
    };
  }
  return {
    kind,
    intro: m.recipe.liveIntro,
    steps: [{ label: '', command: `sudo tcpdump -l -nn -tttt -S -i ${iface} ${filter} | tcplain` }],
    why: [w.l, w.nn, w.tttt, w.S, w.i, w.filter],
    missing: missing,
  };
}

export interface ExplainCommandOptions {
  /** Add the capture recipe a question needs: `pair` (both ends of a connection) or `live` (piped into tcplain). */
  recipe?: RecipeKind;
}

/** Explain a pasted tcpdump command line; never throws (problems and filter errors are values). */
export function explainCommand(line: string, lang: Lang, opts: ExplainCommandOptions = {}): CommandExplanation {
  const m = CMD_CATALOGS[lang];
  const cmd = parseCommand(line);
  return {
    lang,
    line: cmd.line,
    prompt: cmd.shell.prompt,
    program: cmd.program,
    argv: cmd.argv,
    options: cmd.options.map((o) => ({ key: o.key, written: o.written.join(' '), count: o.count, arg: o.arg, text: m.option[o.key](o) })),
    filter: filterPart(cmd, m),
    advice: commandAdvice(cmd).map((a) => ({ code: a.code, severity: ADVICE_SEVERITY[a.code], text: (m.advice[a.code] as (x: typeof a) => string)(a) })),
    problems: cmd.problems.map((p) => ({ code: p.code, text: m.problem[p.code](p), start: p.start, end: p.end })),
    recipe: opts.recipe ? recipe(opts.recipe, cmd, m) : null,
  };
}

/** A recipe alone, for `tcplain cmd --for pair` without a command line. */
export function captureRecipe(kind: RecipeKind, lang: Lang): Recipe {
  return recipe(kind, null, CMD_CATALOGS[lang]);
}
