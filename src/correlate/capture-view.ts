// One capture as the correlator sees it: its TCP records with the tracker's analysis, capture times and verdicts.

import type { ConnectionVerdict, LineRecord, SegmentAnalysis, TcpRecord } from '../model';
import { createTracker } from '../track';
import { createCaptureClock, type CaptureClock, type ClockKind } from './capture-clock';

export interface CaptureSegment {
  rec: TcpRecord;
  a: SegmentAnalysis;
  /** Seconds on this capture's own clock (see capture-clock), or null without timestamps. */
  t: number | null;
}

export interface CaptureView {
  segments: CaptureSegment[];
  verdicts: ConnectionVerdict[];
  clock: ClockKind;
  /** First and last capture time of any record, bounding what this capture could have seen. */
  span: { first: number; last: number } | null;
}

/** Incremental form of captureView, for streaming input: segments are returned with their analysis as they come. */
export interface CaptureViewBuilder {
  push(rec: LineRecord): { segment: CaptureSegment | null; closed: ConnectionVerdict[] };
  finish(): ConnectionVerdict[];
  readonly clock: ClockKind;
  readonly span: { first: number; last: number } | null;
}

export function createCaptureViewBuilder(opts: { absolute?: boolean } = {}): CaptureViewBuilder {
  const tracker = createTracker(opts);
  const clock: CaptureClock = createCaptureClock();
  let span: { first: number; last: number } | null = null;
  return {
    get clock() {
      return clock.kind;
    },
    get span() {
      return span;
    },
    push(rec) {
      let t = clock.read(rec);
      const rel = clock.relative;
      if (t !== null) {
        if (span === null) span = { first: t, last: t };
        else {
          if (t < span.first) span.first = t;
          if (t > span.last) span.last = t;
        }
      }
      const out = tracker.push(rec);
      let segment: CaptureSegment | null = null;
      if (rec.kind === 'tcp' && out.analysis !== null) {
        if (rel) {
          // Read when the clock is known: a -ttt capture looks like -ttttt until its first decrease.
          const { printed, sum } = rel;
          segment = {
            rec,
            a: out.analysis,
            get t() {
              return clock.kind === 'delta' ? sum : printed;
            },
          };
          t = clock.kind === 'delta' ? sum : printed;
        } else segment = { rec, a: out.analysis, t };
      }
      return { segment, closed: out.closed };
    },
    finish() {
      return tracker.finish();
    },
  };
}

/** Runs the tracker over one capture's records. */
export function captureView(records: Iterable<LineRecord>, opts: { absolute?: boolean } = {}): CaptureView {
  const b = createCaptureViewBuilder(opts);
  const segments: CaptureSegment[] = [];
  const verdicts: ConnectionVerdict[] = [];
  for (const rec of records) {
    const out = b.push(rec);
    if (out.segment) segments.push(out.segment);
    for (const v of out.closed) verdicts.push(v);
  }
  for (const v of b.finish()) verdicts.push(v);
  return { segments, verdicts, clock: b.clock, span: b.span };
}
