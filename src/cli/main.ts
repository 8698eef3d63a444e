// Bundle entry (scripts/build.mjs → dist/tcplain.js): runs the CLI on the real process streams and sets the exit code.
// The same run starts from a V8 startup snapshot through bin/tcplain (src/cli/snapshot-main.ts, docs/performance.md).

import { hideBin } from 'yargs/helpers';
import { startCli } from './start';

await startCli(hideBin(process.argv));
