// Groups annotated report items into one ladder model per connection, in order of each connection's first segment.

import type { ConnectionVerdict } from '../model';
import type { ReportItem } from './annotate';
import { buildLadder, capLadder, type Ladder, type LadderSegment, type Numbering } from './ladder';

/** One ladder per connection, each capped to `maxRows` (first and last half kept: capLadder). */
export function laddersFromItems(items: readonly ReportItem[], numbering: Numbering, maxRows?: number): Ladder[] {
  const segments = new Map<string, LadderSegment[]>();
  const verdicts = new Map<string, ConnectionVerdict>();
  for (const it of items) {
    if (it.kind === 'connection') {
      verdicts.set(it.verdict.conn, it.verdict);
      continue;
    }
    if (it.kind === 'twins') continue;
    if (it.rec.kind !== 'tcp' || it.analysis === null) continue;
    const list = segments.get(it.analysis.conn);
    if (list) list.push({ rec: it.rec, analysis: it.analysis });
    else segments.set(it.analysis.conn, [{ rec: it.rec, analysis: it.analysis }]);
  }
  const out: Ladder[] = [];
  for (const [conn, segs] of segments) {
    const ladder = buildLadder(segs, { numbering, verdict: verdicts.get(conn) ?? null });
    if (ladder) out.push(capLadder(ladder, maxRows));
  }
  return out;
}
