// Every tcplain command module, in the order `--help` lists them (explain is also the default command).

import type { CommandModule } from 'yargs';
import { cmdCommand } from './cmd';
import { completionCommand } from './completion';
import { diagramCommand } from './diagram';
import { lessonCommand } from './lesson';
import { explainCommand } from './explain';
import { pairCommand } from './pair';

export const commands: ReadonlyArray<CommandModule<object, any>> = [explainCommand, pairCommand, diagramCommand, lessonCommand, cmdCommand, completionCommand];
