// Rebuilds input text from records, for the input tests' "loses no character" checks.

import type { RawRecord } from '../../src/model/raw-record';

/** The input's lines as the reassembler numbers them (a final `\n` ends the last line, it does not start one). */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Concatenates records' raw text: "\n" between records on different lines, nothing between pieces of one line. */
export function rebuild(records: readonly RawRecord[]): string {
  let out = '';
  for (let i = 0; i < records.length; i++) {
    if (i > 0) out += records[i - 1].endLine === records[i].line ? '' : '\n';
    out += records[i].raw;
  }
  return out;
}
