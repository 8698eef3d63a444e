// Splits decoded text chunks into lines across chunk boundaries, holding only the unfinished last line.

import { MAX_KEPT_LINE_CHARS } from '../model/raw-record';

export interface LineSplitter {
  /** Calls `onLine` for each line completed by `chunk` (without its `\n`). */
  write(chunk: string, onLine: (line: string) => void): void;
  /** Calls `onLine` for the unfinished last line, if the input did not end with `\n`. */
  end(onLine: (line: string) => void): void;
}

/**
 * A line is never cut in pieces (that would shift every later line number and print breaks that are not in the
 * input): it is handed on whole at its `\n`, however long. Only past MAX_KEPT_LINE_CHARS is the rest of the line
 * dropped (a JS string cannot grow without end); it still counts as one line.
 */
export function createLineSplitter(maxKept = MAX_KEPT_LINE_CHARS): LineSplitter {
  let carry = '';
  /** The carried line reached maxKept: everything up to its `\n` is dropped. */
  let full = false;
  const keep = (s: string): void => {
    if (full) return;
    carry += s;
    if (carry.length >= maxKept) {
      carry = carry.slice(0, maxKept);
      full = true;
    }
  };
  return {
    write(chunk, onLine) {
      let from = 0;
      let nl = chunk.indexOf('\n');
      if (carry !== '' || full) {
        if (nl < 0) {
          keep(chunk);
          return;
        }
        keep(chunk.slice(0, nl));
        onLine(carry);
        carry = '';
        full = false;
        from = nl + 1;
        nl = chunk.indexOf('\n', from);
      }
      while (nl >= 0) {
        onLine(nl - from > maxKept ? chunk.slice(from, from + maxKept) : chunk.slice(from, nl));
        from = nl + 1;
        nl = chunk.indexOf('\n', from);
      }
      // Copy, so the carried tail does not keep the whole chunk alive (docs/performance.md, memory trap).
      if (from < chunk.length) keep(from === 0 ? chunk : (' ' + chunk.slice(from)).slice(1));
    },
    end(onLine) {
      if (carry !== '' || full) {
        onLine(carry);
        carry = '';
        full = false;
      }
    },
  };
}
