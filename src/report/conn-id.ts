// Connection ids as printed: `c3` when one input is explained, `<basename>#c3` when several are (ids restart per input).

/**
 * The id a reader sees for connection `id` of input `file`: `id` itself when only one input is explained (`multi`
 * false), else the input's basename (`-` for stdin or an unnamed input), `#`, and the id: `capture.txt#c3`.
 */
export function connLabel(file: string | null, id: string, multi: boolean): string {
  if (!multi) return id;
  if (file === null || file === '' || file === '-') return `-#${id}`;
  const trimmed = file.replace(/\/+$/, '');
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return `${base === '' ? file : base}#${id}`;
}
