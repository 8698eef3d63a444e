// `tcplain cmd "tcpdump ..."`: explain a tcpdump command line (options, filter, mistakes) or print a capture recipe.

import type { Argv, ArgumentsCamelCase, CommandModule } from 'yargs';
import type { Lang } from '../../explain';
import { langFromEnv, parseLang } from '../../explain';
import { captureRecipe, explainCommand, formatCommandJson, formatCommandText, formatRecipe, CMD_CATALOGS, RECIPE_KINDS } from '../../explain/command';
import type { RecipeKind } from '../../explain/command';
import { CliError, writeOut } from '../io';
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
  let line = [...(args.line ?? []), ...tail].join(' ').trim();
  if ((line === '' || line === '-') && !io.stdin.isTTY && !args.for) line = (await readAll(io.stdin)).split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  if (line === '' || line === '-') {
    if (!args.for) throw new CliError('no command line: give one in quotes, e.g. tcplain cmd "tcpdump -nn -i eth0 port 80"');
    const recipe = captureRecipe(args.for, lang);
    const out =
      args.format === 'json'
        ? `${JSON.stringify({ lang, recipe })}\n`
        : `${[CMD_CATALOGS[lang].heading.recipe, ...formatRecipe(recipe, CMD_CATALOGS[lang].heading.why, CMD_CATALOGS[lang].report.sep).map((l) => `  ${l}`)].join('\n')}\n`;
    await writeOut(io.stdout, out);
    return;
  }
  const explanation = explainCommand(line, lang, args.for ? { recipe: args.for } : {});
  await writeOut(io.stdout, args.format === 'json' ? formatCommandJson(explanation) : formatCommandText(explanation));
}

export const cmdCommand: CommandModule<object, CmdArgs> = {
  command: 'cmd [line..]',
  describe: 'Explain a tcpdump command line: each option, the filter expression, and likely mistakes',
  builder: (y: Argv) =>
    y
      // `tcplain cmd tcpdump -nn -i eth0 port 80` without quotes: tcpdump's options are words of the line, not ours.
      .parserConfiguration({ 'unknown-options-as-args': true })
      .strict(false)
      .positional('line', { type: 'string', array: true, describe: 'the tcpdump command, quoted (or after --); "-" reads it from stdin' })
      .option('lang', { type: 'string', choices: ['en', 'zh', 'zh-CN'], describe: 'language (default from LC_ALL / LC_MESSAGES / LANG)' })
      .option('format', { type: 'string', choices: ['text', 'json'] as const, default: 'text' as const, describe: 'text, or json (parsed options and the filter AST)' })
      .option('for', { type: 'string', choices: [...RECIPE_KINDS], describe: 'also suggest the capture recipe for a task: pair (both ends of a connection), live (piped into tcplain)' })
      .example('$0 cmd "tcpdump -n -S -i eth0 host www.baidu.com"', 'explain each option and the filter')
      .example('$0 cmd --for pair "tcpdump -i eth0 port 8888"', 'the commands to capture both ends for tcplain pair')
      .example("$0 cmd -- tcpdump -nn 'tcp[tcpflags] & tcp-syn != 0'", 'no outer quotes needed after --') as unknown as Argv<CmdArgs>,
  handler: (argv: ArgumentsCamelCase<CmdArgs>) => runCmd(argv),
};
