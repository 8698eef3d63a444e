// Builds the yargs parser from the command modules and runs it against injected streams; returns the exit code.

import yargs from 'yargs';
import pkg from '../../package.json';
import { commands } from './commands';
import { showControls } from '../report/terminal-safe';
import { CliError } from './io';
import type { CliIO } from './io';

/** Exit codes: 0 success, 1 unexpected failure, 2 usage error or unreadable input. */
export async function runCli(args: readonly string[], io: CliIO): Promise<number> {
  let output = '';
  try {
    const parser = yargs()
      .scriptName('tcplain')
      .usage('$0 [FILE...]\n\nReads tcpdump\'s text output and explains it in plain language.')
      .command([...commands])
      .strict()
      .help()
      .alias('h', 'help')
      .version(pkg.version)
      .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100))
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new CliError(msg);
      });
    // The parse callback makes yargs hand back help/version text instead of printing it, so it goes to io.stdout.
    await parser.parseAsync([...args], { io }, (_err, _argv, out) => {
      output = out;
    });
    if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    return 0;
  } catch (err) {
    // Messages echo file names and --conn values: on a terminal their control characters are shown, not obeyed.
    const safe = (io.stderr as { isTTY?: boolean }).isTTY === true ? showControls : (s: string) => s;
    if (err instanceof CliError) {
      io.stderr.write(`tcplain: ${safe(err.message.trim().replace(/\n\s*/g, ' '))}\n`);
      if (err.exitCode === 2 && !err.message.startsWith('cannot read') && !err.message.startsWith('no input')) {
        io.stderr.write("Try 'tcplain --help' for more information.\n");
      }
      return err.exitCode;
    }
    io.stderr.write(`tcplain: ${safe((err as Error).stack ?? String(err))}\n`);
    return 1;
  }
}
