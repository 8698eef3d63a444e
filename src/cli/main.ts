// Bundle entry (scripts/build.mjs → dist/tcplain.js): runs the CLI on the real process streams and sets the exit code.

import { hideBin } from 'yargs/helpers';
import { runCli } from './run';

// A reader that goes away (`tcplain x | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const code = await runCli(hideBin(process.argv), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
process.exitCode = code;
// Stopped by a signal: stdin (a terminal or a pipe still open upstream) would keep the process alive; leave once
// the verdicts are written.
if (code >= 128) process.stdout.write('', () => process.exit(code));
