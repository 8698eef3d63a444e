// `tcplain cmd "tcpdump ..."`: explain a tcpdump command line (options, filter, mistakes) or print a capture recipe.

import type { Lang } from '../../explain';
import { CLI_WORDS, langFromEnv, parseLang } from '../../explain';
import { captureRecipe, explainCommand, formatCommandJson, formatCommandText, formatRecipe, CMD_CATALOGS } from '../../explain/command';
import type { RecipeKind } from '../../explain/command';
import { CliError, CliExit, writeOut, sayErr } from '../io';
import { shellWord } from '../sources';
import { escapeJsonControls, showControls } from '../../report/terminal-safe';
import type { CliIO } from '../io';

export interface CmdArgs {
  line: string[] | undefined;
  lang: string | undefined;
  format: 'text' | 'json' | undefined;
  for: RecipeKind | undefined;
  io: CliIO;
  _: Array<string | number>;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

export async function runCmd(args: CmdArgs): Promise<void> {
  const { io } = args;
  const lang: Lang = (args.lang ? parseLang(args.lang) : null) ?? langFromEnv(io.env);
  // Words after `--` arrive in `_` (yargs); `tcplain cmd -- tcpdump -nn -i eth0` needs no quotes.
  const tail = args._.slice(1).map(String);
  const given = [...(args.line ?? []).map(String), ...tail];
  // One word is the whole line as the user would type it ("tcpdump -nn 'port 80'"). Several words are what the
  // shell already split: each is quoted back as it arrived, so `'host A and (port 80 or port 443)'` keeps its
  // parentheses inside one argument instead of becoming shell syntax.
  let line = (given.length === 1 ? given[0] : given.map(shellWord).join(' ')).trim();
  if ((line === '' || line === '-') && !io.stdin.isTTY && !args.for) line = (await readAll(io.stdin)).split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  if (line === '' || line === '-') {
    if (!args.for) throw new CliError(CLI_WORDS[lang].errors.noCommandLine);
    const recipe = captureRecipe(args.for, lang);
    const out =
      args.format === 'json'
        ? `${JSON.stringify({ lang, recipe })}\n`
        : `${[CMD_CATALOGS[lang].heading.recipe, ...formatRecipe(recipe, CMD_CATALOGS[lang].heading.why, CMD_CATALOGS[lang].report.sep).map((l) => `  ${l}`)].join('\n')}\n`;
    await writeOut(io.stdout, out);
    return;
  }
  const explanation = explainCommand(line, lang, args.for ? { recipe: args.for } : {});
  const text = args.format === 'json' ? formatCommandJson(explanation) : formatCommandText(explanation);
  // On a terminal, what it would obey is shown: JSON escapes (same values once parsed), text made visible.
  await writeOut(io.stdout, io.stdout.isTTY !== true ? text : args.format === 'json' ? escapeJsonControls(text) : showControls(text));
  // A filter libpcap cannot compile: a usage error in the line given, exit 2 like `--where 'port 80 and'` (the main
  // help: "2 usage error"). Past tcplain's own limits nothing was checked: an input tcplain cannot handle (also 2).
  if (explanation.filter?.errors.some((e) => e.code === 'too-complex')) {
    sayErr(io, CLI_WORDS[lang].errors.filterTooComplex);
    throw new CliExit(2);
  }
  const errors = explanation.filter?.errors.filter((e) => e.severity === 'error').length ?? 0;
  if (errors > 0) {
    sayErr(io, `${CLI_WORDS[lang].errors.badFilter({ count: errors })}`);
    throw new CliExit(2);
  }
}

// The command's definition (help, options) lives in specs.ts, which loads this module only to run it.
export { cmdCommand } from './specs';
