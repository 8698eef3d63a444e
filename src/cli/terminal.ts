// Decides how results reach the user: output mode (text, JSON, Markdown or the interactive viewer) and whether to colour.

export type OutputFormat = 'text' | 'json' | 'markdown';
export type OutputMode = OutputFormat | 'tui';

/** `--format` wins; without it a terminal on stdout gets the interactive viewer and anything else (a pipe, a file) text. */
export function chooseOutputMode(opts: { format: OutputFormat | undefined; stdoutIsTTY: boolean }): OutputMode {
  if (opts.format) return opts.format;
  return opts.stdoutIsTTY ? 'tui' : 'text';
}

/** Colour only on a terminal, never with NO_COLOR set (no-color.org) or TERM=dumb; `--color`/`--no-color` override. */
export function useColor(opts: { flag: boolean | undefined; stdoutIsTTY: boolean; env: Readonly<Record<string, string | undefined>> }): boolean {
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false;
  if (opts.flag !== undefined) return opts.flag;
  return opts.stdoutIsTTY && opts.env.TERM !== 'dumb';
}
