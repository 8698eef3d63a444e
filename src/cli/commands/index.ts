// Every tcplain command module, in the order `--help` lists them.

import type { CommandModule } from 'yargs';
import { explainCommand } from './explain';

export const commands: ReadonlyArray<CommandModule<object, any>> = [explainCommand];
