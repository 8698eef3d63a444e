// Splits decoded text chunks into lines across chunk boundaries, holding only the unfinished last line.

/** Longest line kept whole; a longer run without `\n` is handed on in pieces so memory stays bounded. */
export const MAX_LINE_CHARS = 1 << 20;

export interface LineSplitter {
  /** Calls `onLine` for each line completed by `chunk` (without its `\n`). */
  write(chunk: string, onLine: (line: string) => void): void;
  /** Calls `onLine` for the unfinished last line, if the input did not end with `\n`. */
  end(onLine: (line: string) => void): void;
}

export function createLineSplitter(): LineSplitter {
  let carry = '';
  return {
    write(chunk, onLine) {
      let from = 0;
      let nl = chunk.indexOf('\n');
      if (carry !== '') {
        if (nl < 0) {
          carry += chunk;
          if (carry.length > MAX_LINE_CHARS) {
            onLine(carry);
            carry = '';
          }
          return;
        }
        onLine(carry + chunk.slice(0, nl));
        carry = '';
        from = nl + 1;
        nl = chunk.indexOf('\n', from);
      }
      while (nl >= 0) {
        onLine(chunk.slice(from, nl));
        from = nl + 1;
        nl = chunk.indexOf('\n', from);
      }
      if (from < chunk.length) {
        // Copy, so the carried tail does not keep the whole chunk alive (docs/performance.md, memory trap).
        carry = from === 0 ? chunk : (' ' + chunk.slice(from)).slice(1);
        if (carry.length > MAX_LINE_CHARS) {
          onLine(carry);
          carry = '';
        }
      }
    },
    end(onLine) {
      if (carry !== '') {
        onLine(carry);
        carry = '';
      }
    },
  };
}
