// Runs the CLI on the real process streams and sets the exit code: shared by the ES-module bundle (main.ts) and the
// startup snapshot (snapshot-main.ts), so both behave byte for byte alike.

import { runCli } from './run';
import { cliLang } from './words';
import { CLI_WORDS } from '../explain/cli-words';

/**
 * TCPLAIN_DEBUG=heap: at exit, one line on stderr with the Node flags this run was started with (bin/tcplain's V8
 * heap flags, on the snapshot path as on the bundle path) and the process's peak RSS. A diagnostic only: nothing
 * else of the run changes (test/cli/snapshot.test.ts reads it to see the flags reach Node on both paths).
 */
function heapDebugLine(): string {
  const flags = process.execArgv.filter((a, i, all) => a !== '--snapshot-blob' && all[i - 1] !== '--snapshot-blob');
  const snapshot = process.execArgv.includes('--snapshot-blob') ? 'snapshot' : 'bundle';
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  return `tcplain: debug: ${snapshot}; node flags: ${flags.join(' ') || '(none)'}; peak RSS ${peak} MB\n`;
}

export async function startCli(argv: string[]): Promise<void> {
  const said = CLI_WORDS[cliLang(argv, process.env)].errors;
  if (process.env.TCPLAIN_DEBUG === 'heap') process.on('exit', () => process.stderr.write(heapDebugLine()));

  // `tcplain … >&-`: Node reopens a closed stdio descriptor on /dev/null at startup (PlatformInit), so here it cannot
  // be told from `> /dev/null` (nor from a parent's stdio 'ignore'); bin/tcplain, which runs before Node, tests
  // descriptor 1 and says so in TCPLAIN_STDOUT_CLOSED. One line and exit 1, as for any output that cannot be written.
  if (process.env.TCPLAIN_STDOUT_CLOSED === '1') {
    delete process.env.TCPLAIN_STDOUT_CLOSED;
    process.stderr.write(`tcplain: ${said.stdoutClosed}\n`);
    process.exitCode = 1;
    return;
  }

  // A reader that goes away (`tcplain x | head`) is not an error worth a stack trace; a full disk (`> /dev/full`) or
  // another write error is one clear line and exit 1.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    process.stderr.write(`tcplain: ${said.cannotWrite({ detail: err.code ?? err.message })}\n`);
    process.exit(1);
  });

  const code = await runCli(argv, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
  process.exitCode = code;
  // Stopped by a signal: stdin (a terminal or a pipe still open upstream) would keep the process alive; leave once
  // the verdicts are written.
  if (code >= 128) process.stdout.write('', () => process.exit(code));
}
