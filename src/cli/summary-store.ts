// Where `tcplain summary` keeps its sorted runs of rows past the memory budget (src/report/summary.ts SUMMARY ROWS
// PAST A BUDGET): an unnamed temporary file, as held-lines.ts keeps explain's held output.

import { closeSync, readSync, writeSync } from 'node:fs';
import type { RunStore } from '../report/summary-runs';
import { openUnnamed } from './held-lines';

/**
 * Bytes of summary rows kept in memory before they are sorted and written as a run (SummaryRows.bytes: 176 bytes a
 * row plus its new strings; ~6,000 rows of the bench capture, a run of ~1.4 MB on disk, so its 32k connections make 5
 * runs). Chosen by measurement (the capture 4× through stdin, 128k connections, peak RSS at load 7-8): 256 KiB 155 MB,
 * 1 MiB 151 MB, 4 MiB 164 MB. The rows' typed arrays grow by doubling and are kept for the next run, so they take up
 * to twice the budget outside the heap; the strings are in the heap, where the growing factor multiplies them.
 * TCPLAIN_SUMMARY_BYTES sets it (tests: a few bytes make a run of every row).
 */
export const SUMMARY_BYTES = 1 << 20;

/** The budget from the environment, else SUMMARY_BYTES. */
export function summaryBytes(env: NodeJS.ProcessEnv): number {
  const n = Number(env.TCPLAIN_SUMMARY_BYTES);
  return Number.isInteger(n) && n > 0 ? n : SUMMARY_BYTES;
}

/**
 * Runs appended to an unnamed file in the temporary directory, opened at the first run (a table within the budget
 * never makes one). If no file can be made or written (read-only, full, no /tmp), append says so and the collector
 * keeps its rows in memory; what was written before stays readable.
 */
export class SummaryRunFile implements RunStore {
  private fd: number | null = null;
  private failed = false;
  size = 0;

  append(bytes: Uint8Array): boolean {
    if (this.failed) return false;
    try {
      if (this.fd === null) this.fd = openUnnamed();
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.size + done);
      this.size += bytes.length;
      return true;
    } catch {
      this.failed = true;
      return false;
    }
  }

  read(pos: number, into: Uint8Array): number {
    if (this.fd === null) return 0;
    return readSync(this.fd, into, 0, into.length, pos);
  }

  /** Closes the file (it has no name: its space is freed now). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
