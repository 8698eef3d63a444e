// Builds the yargs parser from the command modules and runs it against injected streams; returns the exit code.

import yargs from 'yargs';
import pkg from '../../package.json';
import { commands } from './commands';
import { completionCandidates } from './commands/completion';
import { showControls } from '../report/terminal-safe';
import { CliError, CliExit } from './io';
import type { CliIO } from './io';
import { cliLang, setCliLang, words } from './words';

/**
 * Exit codes: 0 success, 1 unexpected failure (or `cmd`: a filter tcpdump would refuse), 2 usage error, unreadable
 * input or a failed tcpdump, 128+N stopped by signal N after printing the pending verdicts (130: Ctrl-C).
 */
/**
 * `--color` as GNU tools take it: bare `--color` means always and a value needs `=` (`--color=never`), so
 * `tcplain --color capture.txt` never takes the file name for the value; `--no-color` means never.
 */
export function normalizeColorArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  let rest = false;
  for (const a of args) {
    if (rest || a === '--') {
      rest = true;
      out.push(a);
    } else if (a === '--color' || a === '--colour') out.push('--color=always');
    else if (a === '--no-color' || a === '--no-colour') out.push('--color=never');
    else if (a.startsWith('--colour=')) out.push(`--color=${a.slice(9)}`);
    else out.push(a);
  }
  return out;
}

export async function runCli(rawArgs: readonly string[], io: CliIO): Promise<number> {
  const args = normalizeColorArgs(rawArgs);
  let output = '';
  // Help, yargs' own messages and our errors speak the language of the explanations (--lang, else the locale).
  const lang = cliLang(args, io.env);
  setCliLang(lang);
  const w = words();
  try {
    const parser = yargs()
      .scriptName('tcplain')
      .locale(w.yargsLocale)
      .usage(w.usage)
      .command([...commands])
      .strict()
      .help()
      .alias('h', 'help')
      .describe('help', w.help.helpOption)
      .version(pkg.version)
      .describe('version', w.help.versionOption)
      .epilogue(w.help.epilogue)
      .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100))
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new CliError(msg);
      });
    // yargs builds a command's whole help text right after starting its handler, to print it should the command
    // fail later; .fail() above throws instead, so that text is never shown. Building it (string-width over every
    // option of every command) cost ~100 ms of CPU per run, a quarter of an empty file's run: skip it.
    (parser as unknown as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage: () => void } } })
      .getInternalMethods()
      .getUsageInstance().cacheHelpMessage = () => {};
    // Shell completion (the script of `tcplain completion` asks): candidates for the words typed so far.
    const at = args.indexOf('--get-yargs-completions');
    if (at >= 0) {
      const list = completionCandidates(args.slice(at + 1), commands);
      io.stdout.write(list.length ? `${list.join('\n')}\n` : '');
      return 0;
    }
    // The parse callback makes yargs hand back help/version text instead of printing it, so it goes to io.stdout.
    await parser.parseAsync([...args], { io }, (_err, _argv, out) => {
      output = out;
    });
    if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  } catch (err) {
    if (err instanceof CliExit) return err.exitCode;
    // Messages echo file names and --conn values: on a terminal their control characters are shown, not obeyed.
    const safe = (io.stderr as { isTTY?: boolean }).isTTY === true ? showControls : (s: string) => s;
    if (err instanceof CliError) {
      io.stderr.write(`tcplain: ${safe(err.message.trim().replace(/\n\s*/g, ' '))}\n`);
      for (const line of err.details) io.stderr.write(`${safe(line)}\n`);
      if (err.exitCode === 2 && err.usage) io.stderr.write(`${w.tryHelp}\n`);
      return err.exitCode;
    }
    io.stderr.write(`tcplain: ${safe((err as Error).stack ?? String(err))}\n`);
    return 1;
  }
}
