// Pipes records through the tracker and the explainer into view models: one per record, one per ended connection.

import type { LineRecord } from '../model/line-result';
import type { SegmentAnalysis, SegmentCopy } from '../model/segment';
import type { ConnectionVerdict } from '../model/verdict';
import { createTracker } from '../track';
import { TWIN_CONNECTIONS, TwinFinder, sedLines, type SamePostReport } from '../correlate/same-post';
import type { Lang, Note, RunStats, VerdictText } from '../explain';
import { catalogFor, copiedSegmentNotes, explainRecordNotes, explainSegmentNotes, explainVerdictText, quotedSegmentNotes, untrackedSegmentNotes } from '../explain';
import { connLabel } from './conn-id';

export interface AnnotateOptions {
  lang: Lang;
  /** Numbering quoted in the notes (default relative). */
  seq?: 'relative' | 'absolute';
  /**
   * Build the notes and the verdict words (default true). `--format json` without `--notes` sets false: records
   * carry `notes: []`, and a verdict's words are built only if something reads `text` (JSON without notes never does).
   */
  notes?: boolean;
  /** The input's name (`-` for stdin) and whether several inputs are explained together: ids become `name#c3`. */
  file?: string | null;
  multi?: boolean;
  /** Every input of the run, so that two inputs with the same basename get different labels (conn-id.ts). */
  inputs?: readonly string[];
  /** The input's name, for the commands that split it (`-` or absent: `post.txt`). */
  source?: string;
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
  /** This line is the outgoing copy of an earlier line, forwarded by the capturing host (no analysis). */
  copy?: SegmentCopy;
}

/** A connection that ended (or was still open at end of input), with its verdict in words. */
export interface ConnectionView {
  kind: 'connection';
  verdict: ConnectionVerdict;
  /** The verdict in words (built on first read: JSON without `--notes` never reads it). */
  readonly text: VerdictText;
}

/**
 * At the end of input: connections that are one connection seen at two points, pasted together (correlate/same-post.ts),
 * with the commands that split the input for `tcplain pair`.
 */
export interface TwinsView {
  kind: 'twins';
  report: SamePostReport;
  /** One sentence per twin pair, then the pair hint. */
  text: string[];
  /** The shell commands of the hint. */
  commands: string;
}

export type ReportItem = RecordView | ConnectionView | TwinsView;

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
  const prose = opts.notes !== false;
  const file = opts.file ?? null;
  // Several inputs: every id the tracker gives (`c3`) is shown as `name#c3`, worked out once per connection.
  const labels = opts.multi === true ? new Map<string, string>() : null;
  const label = (id: string): string => {
    if (labels === null) return id;
    let l = labels.get(id);
    if (l === undefined) {
      l = connLabel(file, id, true, opts.inputs);
      labels.set(id, l);
    }
    return l;
  };
  const twins = new TwinFinder();
  // The verdicts the twin finder may need at the end (only of the connections it follows: bounded).
  const verdicts: ConnectionVerdict[] = [];
  const connectionView = (verdict: ConnectionVerdict): ConnectionView => {
    if (verdicts.length < TWIN_CONNECTIONS) verdicts.push(verdict);
    if (labels !== null) {
      const id = verdict.conn;
      verdict.conn = label(id);
      labels.delete(id);
    }
    if (prose) return { kind: 'connection', verdict, text: explainVerdictText(verdict, opts.lang) };
    let text: VerdictText | null = null;
    return {
      kind: 'connection',
      verdict,
      get text() {
        text ??= explainVerdictText(verdict, opts.lang);
        return text;
      },
    };
  };
  // tshark summary lines: the first one carries the hint (what to run instead), the rest say so briefly.
  let tsharkSeen = false;
  // A packet's late hex dump lines (live pipe) may come as several records: the first one carries the note.
  let lateDumpNoted = 0;
  // tcpdump's "received by filter" and "captured" counts (-1 until printed): "0 dropped by kernel" is told with them.
  // `mode`: whether the tcpdump run these statistics close printed its packets or wrote them to a file (-w), from its
  // command line or its packet lines; null when unknown. A run ends with its statistics lines.
  const stats: RunStats = { received: -1, captured: -1, mode: null };
  let statsEnded = false;
  return {
    push(rec) {
      const { analysis, closed, quotes, copy } = tracker.push(rec);
      if (analysis !== null && labels !== null) relabel(analysis, label);
      if (rec.kind === 'tcp' && analysis) twins.push(rec, analysis);
      let notes: Note[];
      if (!prose) notes = NO_NOTES;
      else if (rec.kind === 'tcp') {
        if (analysis) notes = explainSegmentNotes(rec, analysis, opts.lang, { seq: opts.seq });
        else if (copy !== undefined) notes = copiedSegmentNotes(copy, opts.lang);
        else notes = quotes !== undefined ? quotedSegmentNotes(quotes, opts.lang) : untrackedSegmentNotes(opts.lang);
      } else if (rec.kind === 'meta' && rec.meta === 'tshark' && tsharkSeen) notes = [{ kind: 'record', text: catalogFor(opts.lang).record.tsharkAgain() }];
      else if (rec.kind === 'text' && rec.dumpOf !== undefined && rec.dumpOf === lateDumpNoted) notes = NO_NOTES;
      else notes = explainRecordNotes(rec, opts.lang, stats);
      if (rec.kind === 'text' && rec.dumpOf !== undefined) lateDumpNoted = rec.dumpOf;
      const isStats = rec.kind === 'meta' && rec.meta === 'stats';
      if (statsEnded && !isStats && (rec.kind === 'tcp' || rec.kind === 'other' || rec.kind === 'meta')) {
        stats.mode = null;
        statsEnded = false;
      }
      if (rec.kind === 'meta' && rec.meta === 'command') stats.mode = rec.options?.['w'] !== undefined ? 'write' : 'print';
      else if ((rec.kind === 'tcp' || rec.kind === 'other') && stats.mode === null) stats.mode = 'print';
      if (isStats) statsEnded = true;
      if (rec.kind === 'meta' && (rec.meta === 'listening' || rec.meta === 'reading')) stats.received = stats.captured = -1;
      if (rec.kind === 'meta' && rec.meta === 'stats' && rec.count !== null) {
        if (rec.stat === 'received') stats.received = rec.count;
        else if (rec.stat === 'captured') stats.captured = rec.count;
      }
      if (rec.kind === 'meta' && rec.meta === 'tshark') tsharkSeen = true;
      const view: RecordView = { kind: 'record', rec, analysis, notes };
      if (quotes !== undefined) view.quotes = quotes;
      if (copy !== undefined) view.copy = copy;
      if (closed.length === 0) return [view];
      const items: ReportItem[] = [view];
      for (const v of closed) items.push(connectionView(v));
      return items;
    },
    finish() {
      return Array.from(this.finishEach());
    },
    *finishEach() {
      for (const v of tracker.finishEach()) yield connectionView(v);
      const report = twins.finish(verdicts);
      if (report !== null) yield twinsView(report, opts);
    },
  };
}

/** Ids in a segment's analysis shown as labels: its connection's, and a port reuse's previous connection. */
function relabel(a: SegmentAnalysis, label: (id: string) => string): void {
  a.conn = label(a.conn);
  if (a.findings.some((f) => f.code === 'tcp.port_reuse' || f.code === 'tcp.new_connection')) {
    a.findings = a.findings.map((f) => (f.code === 'tcp.port_reuse' || f.code === 'tcp.new_connection' ? { ...f, previousConn: label(f.previousConn) } : f));
  }
}

/** The notes of every record when none are wanted: one shared empty array, never written to. */
const NO_NOTES: Note[] = Object.freeze([]) as unknown as Note[];

/** A file name as a shell word: unchanged when safe, else in single quotes. */
function shellWord(name: string): string {
  return /^[\w./@%+=:,-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

function twinsView(report: SamePostReport, opts: AnnotateOptions): TwinsView {
  const cat = catalogFor(opts.lang);
  const file = opts.source !== undefined && opts.source !== '-' ? shellWord(opts.source) : 'post.txt';
  const commands =
    `sed -n '${sedLines(report.clientLines)}' ${file} > client.txt; ` +
    `sed -n '${sedLines(report.serverLines)}' ${file} > server.txt; ` +
    'tcplain pair client.txt server.txt';
  return {
    kind: 'twins',
    report,
    commands,
    text: [...report.twins.map((t) => cat.twins.twin(t)), cat.twins.pairHint({ cut: report.cut }), commands],
  };
}
