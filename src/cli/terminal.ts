// Decides how results reach the user: output mode (text, JSON, later the TUI) and whether to colour.

export type OutputMode = 'text' | 'json';

/**
 * The seam for the interactive view: `--format` wins; without it the output is text. When the TUI lands
 * (issue 5), a terminal on stdout will select it here, and everything else keeps text.
 */
export function chooseOutputMode(opts: { format: 'text' | 'json' | undefined; stdoutIsTTY: boolean }): OutputMode {
  if (opts.format) return opts.format;
  return 'text';
}

/** Colour only on a terminal, never with NO_COLOR set (no-color.org) or TERM=dumb; `--color`/`--no-color` override. */
export function useColor(opts: { flag: boolean | undefined; stdoutIsTTY: boolean; env: Readonly<Record<string, string | undefined>> }): boolean {
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return false;
  if (opts.flag !== undefined) return opts.flag;
  return opts.stdoutIsTTY && opts.env.TERM !== 'dumb';
}
