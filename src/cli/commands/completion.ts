// `tcplain completion`: a bash completion script (zsh: after `autoload bashcompinit && bashcompinit`). The script asks
// `tcplain --get-yargs-completions WORDS...` for the candidates, which runCli answers from the yargs command tree.

import yargs from 'yargs';
import type { Argv, ArgumentsCamelCase, CommandModule } from 'yargs';
import { writeOut, type CliIO } from '../io';
import { words } from '../words';

export const COMPLETION_SCRIPT = `###-begin-tcplain-completions-###
#
# tcplain command completion for bash (zsh: autoload bashcompinit && bashcompinit first).
# Installation: tcplain completion >> ~/.bashrc   (or: source <(tcplain completion))
#
_tcplain_completions()
{
    local cur_word args type_list
    cur_word="\${COMP_WORDS[COMP_CWORD]}"
    args=("\${COMP_WORDS[@]}")
    mapfile -t type_list < <(tcplain --get-yargs-completions "\${args[@]}" 2>/dev/null)
    mapfile -t COMPREPLY < <(compgen -W "\${type_list[*]}" -- "\${cur_word}")
    # no match: bash falls back to file names (-o default)
    return 0
}
complete -o bashdefault -o default -F _tcplain_completions tcplain
###-end-tcplain-completions-###
`;

export const completionCommand: CommandModule<object, { io: CliIO }> = {
  command: 'completion',
  get describe() {
    return words().help.completion;
  },
  builder: (y) => y as never,
  handler: (argv: ArgumentsCamelCase<{ io: CliIO }>) => writeOut(argv.io.stdout, COMPLETION_SCRIPT),
};

/** A command module's first word (`pair <client> <server>` → pair; the default command has none). */
function commandName(cmd: CommandModule<object, any>): string[] {
  const spec = Array.isArray(cmd.command) ? cmd.command : [cmd.command ?? ''];
  return spec.map((c) => String(c).split(' ')[0]).filter((n) => n !== '$0' && n !== '');
}

/** The long options a command declares (its builder run on a scratch parser). */
function optionNames(cmd: CommandModule<object, any>): string[] {
  const y = yargs();
  if (typeof cmd.builder === 'function') (cmd.builder as (a: Argv) => unknown)(y);
  const keys = Object.keys((y as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
  const spec = (Array.isArray(cmd.command) ? cmd.command : [cmd.command ?? '']).join(' ');
  const positional = new Set([...spec.matchAll(/[<[]([\w-]+)(?:\.\.)?[>\]]/g)].map((m) => m[1]));
  return keys.filter((k) => k.length > 1 && !/[A-Z]/.test(k) && !positional.has(k) && k !== 'help' && k !== 'version').map((k) => `--${k}`);
}

/**
 * Candidates for the word being completed, from the words typed so far (`tcplain pair --w` → the pair options):
 * command names while no command is given, the command's options (explain's by default) for a word starting with -.
 */
export function completionCandidates(typed: readonly string[], all: ReadonlyArray<CommandModule<object, any>>): string[] {
  const current = typed.at(-1) ?? '';
  const before = typed.slice(1, -1);
  const names = new Map(all.flatMap((c) => commandName(c).map((n) => [n, c] as const)));
  const given = before.find((w) => !w.startsWith('-'));
  const cmd = (given !== undefined ? names.get(given) : undefined) ?? all.find((c) => commandName(c).length === 0 || String(c.command).includes('$0'));
  if (current.startsWith('-')) return [...(cmd ? optionNames(cmd) : []), '--help', '--version'].filter((o) => o.startsWith(current));
  if (given === undefined) return [...names.keys()].filter((n) => n.startsWith(current));
  return [];
}
