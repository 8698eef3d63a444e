// Decides how results reach the user: output mode (text, JSON, Markdown or the interactive viewer) and whether to colour.

export type OutputFormat = 'text' | 'json' | 'markdown';
export type OutputMode = OutputFormat | 'tui';
export type ColorChoice = 'always' | 'never' | 'auto';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * `--format` wins; without it a terminal on stdout gets the interactive viewer and anything else (a pipe, a file)
 * text. `TERM=dumb` (an editor's shell buffer, a serial console) cannot draw the viewer: text there too.
 */
export function chooseOutputMode(opts: { format: OutputFormat | undefined; stdoutIsTTY: boolean; env?: Env }): OutputMode {
  if (opts.format) return opts.format;
  return opts.stdoutIsTTY && opts.env?.TERM !== 'dumb' ? 'tui' : 'text';
}

/** `--color[=WHEN]` as yargs hands it over: bare `--color` (true or ''), `--no-color` (false), or a word. */
export function parseColorChoice(value: unknown): ColorChoice | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === '' || value === 'always' || value === 'yes' || value === 'force') return 'always';
  if (value === false || value === 'never' || value === 'no' || value === 'none') return 'never';
  if (value === 'auto' || value === 'tty' || value === 'if-tty') return 'auto';
  return undefined;
}

/**
 * Colour: `--color=always|never` wins (no-color.org: a command-line flag overrides NO_COLOR); with `auto` or no
 * flag, NO_COLOR (set and not empty) turns it off, FORCE_COLOR turns it on (`0`/`false` off), else only on a
 * terminal whose TERM is not `dumb`.
 */
export function useColor(opts: { choice: ColorChoice | undefined; stdoutIsTTY: boolean; env: Env }): boolean {
  if (opts.choice === 'always') return true;
  if (opts.choice === 'never') return false;
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false;
  const force = opts.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return opts.stdoutIsTTY && opts.env.TERM !== 'dumb';
}
