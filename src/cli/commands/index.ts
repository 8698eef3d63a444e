// Every tcplain command module, in the order `--help` lists them (explain is also the default command). The
// definitions come from specs.ts, so that parsing the command line loads no command's implementation.

import type { CommandModule } from 'yargs';
import { completionCommand } from './completion';
import { cmdCommand, diagramCommand, explainCommand, lessonCommand, pairCommand, summaryCommand } from './specs';

export const commands: ReadonlyArray<CommandModule<object, any>> = [explainCommand, summaryCommand, pairCommand, diagramCommand, lessonCommand, cmdCommand, completionCommand];
