// `--conn`: a connection named as one input shows it (`c3`) or as several inputs show it (`capture.txt#c3`).

import { connLabel } from '../report/conn-id';

/**
 * The tracker's id (`c3`) that `--conn` names for input `file`: `c3` as it is, `capture.txt#c3` when the part before the
 * last `#` is the input's basename (what `tcplain a.txt b.txt` prints); anything else unchanged, so it matches nothing
 * and the command lists the ids there are.
 */
export function connArg(arg: string, file: string): string {
  const cut = arg.lastIndexOf('#');
  if (cut < 0) return arg;
  const id = arg.slice(cut + 1);
  return connLabel(file, id, true) === arg ? id : arg;
}
