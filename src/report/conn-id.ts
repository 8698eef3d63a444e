// The one way a connection id is printed: `c3` with one input, `<basename>#c3` with several (stdin: `-#c3`).

/**
 * `file`: the input's name as given (`-` or null for stdin); `id`: the tracker's id (`c3`); `multi`: more than one
 * input in this run. The basename keeps labels short and the same wherever the files were given from.
 */
export function connLabel(file: string | null, id: string, multi: boolean): string {
  if (!multi) return id;
  const name = file === null || file === '-' ? '-' : (file.split('/').filter((p) => p !== '').pop() ?? file);
  return `${name}#${id}`;
}
