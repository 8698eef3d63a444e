// Pipes records through the tracker and the explainer into view models: one per record, one per ended connection.

import type { LineRecord } from '../model/line-result';
import type { SegmentAnalysis } from '../model/segment';
import type { ConnectionVerdict } from '../model/verdict';
import { createTracker } from '../track';
import type { Lang, Note, VerdictText } from '../explain';
import { catalogFor, explainRecordNotes, explainSegmentNotes, explainVerdictText, quotedSegmentNotes, untrackedSegmentNotes } from '../explain';

export interface AnnotateOptions {
  lang: Lang;
  /** Numbering quoted in the notes (default relative). */
  seq?: 'relative' | 'absolute';
  /** Open connections held at most (TrackerOptions.maxOpen; default the tracker's). */
  maxOpen?: number;
}

/** One input record with its analysis (TCP only) and its notes in the chosen language. */
export interface RecordView {
  kind: 'record';
  rec: LineRecord;
  analysis: SegmentAnalysis | null;
  notes: Note[];
  /** The earlier line this packet line repeats exactly (a quotation: no analysis). */
  quotes?: number;
}

/** A connection that ended (or was still open at end of input), with its verdict in words. */
export interface ConnectionView {
  kind: 'connection';
  verdict: ConnectionVerdict;
  text: VerdictText;
}

export type ReportItem = RecordView | ConnectionView;

export interface Annotator {
  /** The record's view, then the views of connections that ended on or before it. */
  push(rec: LineRecord): ReportItem[];
  /** Views of the connections still open at end of input. */
  finish(): ReportItem[];
  /** The same views one at a time (tracker.finishEach), for output written in pieces. */
  finishEach(): Iterable<ReportItem>;
}

export function createAnnotator(opts: AnnotateOptions): Annotator {
  // The tracker works out by itself whether tcpdump printed absolute numbers (-S); --seq only picks what the notes quote.
  const tracker = createTracker(opts.maxOpen === undefined ? {} : { maxOpen: opts.maxOpen });
  const connectionView = (verdict: ConnectionVerdict): ConnectionView => ({
    kind: 'connection',
    verdict,
    text: explainVerdictText(verdict, opts.lang),
  });
  // tshark summary lines: the first one carries the hint (what to run instead), the rest say so briefly.
  let tsharkSeen = false;
  // tcpdump's "received by filter" and "captured" counts (-1 until printed): "0 dropped by kernel" is told with them.
  const stats = { received: -1, captured: -1 };
  return {
    push(rec) {
      const { analysis, closed, quotes } = tracker.push(rec);
      let notes: Note[];
      if (rec.kind === 'tcp') {
        if (analysis) notes = explainSegmentNotes(rec, analysis, opts.lang, { seq: opts.seq });
        else notes = quotes !== undefined ? quotedSegmentNotes(quotes, opts.lang) : untrackedSegmentNotes(opts.lang);
      } else if (rec.kind === 'meta' && rec.meta === 'tshark' && tsharkSeen) notes = [{ kind: 'record', text: catalogFor(opts.lang).record.tsharkAgain() }];
      else notes = explainRecordNotes(rec, opts.lang, stats);
      if (rec.kind === 'meta' && (rec.meta === 'listening' || rec.meta === 'reading')) stats.received = stats.captured = -1;
      if (rec.kind === 'meta' && rec.meta === 'stats' && rec.count !== null) {
        if (rec.stat === 'received') stats.received = rec.count;
        else if (rec.stat === 'captured') stats.captured = rec.count;
      }
      if (rec.kind === 'meta' && rec.meta === 'tshark') tsharkSeen = true;
      const view: RecordView = { kind: 'record', rec, analysis, notes };
      if (quotes !== undefined) view.quotes = quotes;
      const items: ReportItem[] = [view];
      for (const v of closed) items.push(connectionView(v));
      return items;
    },
    finish() {
      return Array.from(this.finishEach());
    },
    *finishEach() {
      for (const v of tracker.finishEach()) yield connectionView(v);
    },
  };
}
