// Connection ids as printed: `c3` when one input is explained, `<name>#c3` when several are (ids restart per input).

/** A path's parts without empty or `.` ones: `./a//b/` → [a, b]. */
function parts(file: string): string[] {
  return file.split('/').filter((p) => p !== '' && p !== '.');
}

/**
 * The short name of input `file` among `inputs` (all inputs of the run): its basename, or as many trailing path
 * parts as it takes to differ from every other input's (`client/n.txt` and `server/n.txt`, never `n.txt` twice);
 * `-` for stdin or an unnamed input.
 */
export function inputName(file: string | null, inputs: readonly (string | null)[] = []): string {
  if (file === null || file === '' || file === '-') return '-';
  const mine = parts(file);
  if (mine.length === 0) return file;
  const others = inputs.filter((f): f is string => f !== null && f !== file).map(parts);
  for (let k = 1; k <= mine.length; k++) {
    const suffix = mine.slice(-k).join('/');
    if (!others.some((o) => o.slice(-k).join('/') === suffix)) return suffix;
  }
  return mine.join('/');
}

/**
 * The id a reader sees for connection `id` of input `file`: `id` itself when only one input is explained (`multi`
 * false), else the input's short name (inputName: the basename unless another input has the same one), `#`, and
 * the id: `capture.txt#c3`, `client/n.txt#c3`.
 */
export function connLabel(file: string | null, id: string, multi: boolean, inputs: readonly (string | null)[] = []): string {
  if (!multi) return id;
  return `${inputName(file, inputs)}#${id}`;
}
