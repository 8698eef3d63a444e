// Test helpers for the tracker: real tcpdump text (samples; seeds via ../helpers/fixtures) through input → grammar → tracker.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import type { LineRecord, TcpRecord } from '../../src/model/line-result';
import type { SegmentAnalysis } from '../../src/model/segment';
import type { ConnectionVerdict } from '../../src/model/verdict';
import { createTracker, type TrackerOptions } from '../../src/track';

export interface TrackedSegment {
  rec: TcpRecord;
  a: SegmentAnalysis;
}

export interface Tracked {
  records: LineRecord[];
  segments: TrackedSegment[];
  /** Verdicts in emission order: closed ones as they ended, then the rest at finish. */
  verdicts: ConnectionVerdict[];
  /** Verdicts emitted before finish, with the line of the record that closed them. */
  closedAt: Array<{ line: number; verdict: ConnectionVerdict }>;
  /** Packet lines that repeat an earlier one exactly (quotations, no analysis): [line, line it repeats]. */
  quotes: Array<[number, number]>;
  /** Outgoing copies of forwarded packets (`-i any` in a router; no analysis): [line, line it copies]. */
  copies: Array<[number, number]>;
}

export function track(text: string, opts?: TrackerOptions): Tracked {
  const records = parseRecords(recordsFromText(text));
  const tracker = createTracker(opts);
  const segments: TrackedSegment[] = [];
  const verdicts: ConnectionVerdict[] = [];
  const closedAt: Tracked['closedAt'] = [];
  const quotes: Tracked['quotes'] = [];
  const copies: Tracked['copies'] = [];
  for (const rec of records) {
    const { analysis, closed, quotes: quoted, copy } = tracker.push(rec);
    if (copy !== undefined) copies.push([rec.line, copy.of]);
    if (analysis && rec.kind === 'tcp') segments.push({ rec, a: analysis });
    if (quoted !== undefined) quotes.push([rec.line, quoted]);
    for (const v of closed) {
      verdicts.push(v);
      closedAt.push({ line: rec.line, verdict: v });
    }
  }
  verdicts.push(...tracker.finish());
  return { records, segments, verdicts, closedAt, quotes, copies };
}

const samplesDir = new URL('../../samples/', import.meta.url);

export function sample(path: string): string {
  return readFileSync(new URL(path, samplesDir), 'utf8');
}

/** Text files of a scenario that tcpdump rendered from its pcaps (golden expected.* files excluded). */
export function sampleFiles(scenario: string): string[] {
  return readdirSync(fileURLToPath(new URL(`${scenario}/`, samplesDir)))
    .filter((f) => f.endsWith('.txt') && !f.startsWith('expected'))
    .sort();
}

/** The lines of `text` from the first line containing `from` up to (not including) the first later line containing `to`. */
export function section(text: string, from: string, to: string | null): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(from));
  if (start < 0) throw new Error(`marker not found: ${from}`);
  let end = lines.length;
  if (to !== null) {
    const rel = lines.slice(start + 1).findIndex((l) => l.includes(to));
    if (rel < 0) throw new Error(`marker not found: ${to}`);
    end = start + 1 + rel;
  }
  return lines.slice(start, end).join('\n');
}

export function codes(a: SegmentAnalysis): string[] {
  return a.findings.map((f) => f.code);
}
