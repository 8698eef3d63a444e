// The step model: a capture (or a client/server pair) as a list of segments revealed one at a time, each with its analysis, ladder row and teaching points.

import { parseRecords } from '../../grammar';
import { captureView, pairCaptures, type CaptureView, type ConnectionPair } from '../correlate';
import type { CapturePoint, TeachPoint, TeachPointCode } from '../explain/locales/lesson-en';
import { recordsFromText } from '../input';
import type { ConnectionVerdict, EndStates, SegmentAnalysis, TcpRecord } from '../model';
import type { MssRewrites, SegmentExplainOptions } from '../explain';
import { buildLadder, type Ladder, type Numbering } from '../report/ladder';
import { createPointFinder } from './points';

export interface StepSource {
  text: string;
  /** Name shown to the user (`samples/handshake-close/n.txt`, the teacher's file). */
  source: string;
  capture: CapturePoint | null;
  lines: { from: number; to: number } | null;
}

export interface Step {
  /** 0-based position in the lesson. */
  index: number;
  /** Which source it came from (0 or 1). */
  part: number;
  rec: TcpRecord;
  analysis: SegmentAnalysis;
  /** Index of this segment's row in its connection's ladder (`StepModel.ladders[part][conn]`). */
  row: number;
  /** The points this lesson frames (all of them outside a lesson). */
  points: TeachPoint[];
  /** Every point found on the segment, framed or not (end-of-lesson questions read these). */
  allPoints: TeachPoint[];
  /** The MSS options the pair analysis found rewritten on the path, for a segment of the paired connection; else null. */
  mssRewrites: MssRewrites | null;
}

/** The explain options of a step: the lesson's numbering, and what the pair knows of rewritten MSS options. */
export function explainOptionsOf(step: Step, numbering: Numbering): SegmentExplainOptions {
  return step.mssRewrites !== null ? { seq: numbering, mssRewrites: step.mssRewrites } : { seq: numbering };
}

/** The pair's MSS rewrites by the end that sent each option (as each capture printed it), or null when none was rewritten. */
function mssRewritesOf(pair: ConnectionPair): MssRewrites | null {
  const out: MssRewrites = { client: null, server: null };
  for (const r of pair.rewrites) {
    if (r.field !== 'mss') continue;
    if (r.dir === 'c2s') out.client ??= { sent: r.client, received: r.server };
    else out.server ??= { sent: r.server, received: r.client };
  }
  return out.client === null && out.server === null ? null : out;
}

export interface StepModel {
  sources: Array<Omit<StepSource, 'text'>>;
  steps: Step[];
  /** Full ladders of every connection in each part, rows limited to the stepped lines. */
  ladders: Array<Map<string, Ladder>>;
  verdicts: ConnectionVerdict[][];
  /**
   * The client/server pair analysis of a two-capture lesson (src/correlate): its verdict replaces the one-sided
   * verdicts of each capture, which cannot see a forged or lost segment.
   */
  pair: ConnectionPair | null;
  numbering: Numbering;
}

export interface StepOptions {
  numbering?: Numbering;
  /** Only this connection (`c1`, ...); default all. */
  conn?: string;
  /** Keep only these teaching points (a lesson's framing); default all. */
  points?: readonly TeachPointCode[];
}

function viewOf(text: string): CaptureView {
  return captureView(parseRecords(recordsFromText(text)));
}

const inRange = (line: number, lines: StepSource['lines']): boolean => lines === null || (line >= lines.from && line <= lines.to);

/** Points only two captures side by side can give: the segment's twin, a segment lost on the way, a forged one, a rewritten MSS. */
function pairPoints(pair: ConnectionPair, capture: CapturePoint): Map<number, TeachPoint[]> {
  const out = new Map<number, TeachPoint[]>();
  const add = (line: number, p: TeachPoint): void => {
    const list = out.get(line);
    if (list) list.push(p);
    else out.set(line, [p]);
  };
  for (const e of pair.timeline) {
    const mine = capture === 'client' ? e.client : e.server;
    const theirs = capture === 'client' ? e.server : e.client;
    if (!mine) continue;
    if (theirs) add(mine.rec.line, { code: 'pair-seen', other: capture === 'client' ? 'server' : 'client', otherLine: theirs.rec.line });
    else if (e.status === 'lost') add(mine.rec.line, { code: 'pair-lost', toward: e.dir === 'c2s' ? 'server' : 'client' });
  }
  for (const f of pair.findings) {
    if (f.code === 'corr.rst_not_sent_by_peer' && capture === 'server') {
      add(f.line, { code: 'pair-forged', from: f.dir === 'c2s' ? 'client' : 'server', ttlSeen: f.evidence.ttl?.seen ?? null, ttlPeer: f.evidence.ttl?.peer ?? null, tsMissing: f.evidence.tsMissing || (f.evidence.weakRst?.tsMissing ?? false), kernelRst: null });
    }
  }
  for (const r of pair.rewrites) {
    if (r.field !== 'mss') continue;
    // Rewrite values are as each capture printed them: the sender's capture holds what was sent.
    const from = r.dir === 'c2s' ? 'client' : 'server';
    const sent = from === 'client' ? r.client : r.server;
    const received = from === 'client' ? r.server : r.client;
    const timelineEntry = pair.timeline.find((e) => e.client?.rec.line === r.line);
    const line = capture === 'client' ? r.line : timelineEntry?.server?.rec.line;
    if (line !== undefined) add(line, { code: 'mss-rewritten', from, sent, received });
  }
  return out;
}

/**
 * KERNEL RST WITHOUT TIMESTAMPS
 * A host's answer to a segment for which it has no connection is built without a socket (Linux tcp_v4_send_reset /
 * tcp_v6_send_response add no timestamp option; RFC 9293 §3.10.7.1): a forged RST's missing timestamps prove little
 * when a genuine no-connection RST in the same capture has none either. Names the first such RST (not a forged one,
 * without a TS option) for the forged RST's lesson point.
 */
function markKernelRst(points: Map<number, TeachPoint[]>, view: CaptureView): void {
  const forged = [...points.values()].flat().filter((p): p is Extract<TeachPoint, { code: 'pair-forged' }> => p.code === 'pair-forged');
  if (forged.length === 0) return;
  for (const s of view.segments) {
    if ((points.get(s.rec.line) ?? []).some((p) => p.code === 'pair-forged') || (s.rec.options ?? []).some((o) => o.kind === 'ts')) continue;
    const rst = s.a.findings.find((f) => f.code === 'tcp.rst' && f.class === 'no-connection');
    if (!rst || rst.code !== 'tcp.rst') continue;
    for (const p of forged) p.kernelRst = { line: s.rec.line, by: rst.by };
    return;
  }
}

/** Builds the steps of one capture, or of a client capture followed by the server capture of the same traffic. */
export function buildSteps(sources: readonly StepSource[], opts: StepOptions = {}): StepModel {
  const numbering = opts.numbering ?? 'relative';
  const views = sources.map((s) => viewOf(s.text));
  let extra: Array<Map<number, TeachPoint[]>> = sources.map(() => new Map());
  let pair: ConnectionPair | null = null;
  if (sources.length === 2 && sources[0].capture === 'client' && sources[1].capture === 'server') {
    const report = pairCaptures(views[0], views[1]);
    pair = report.pairs[0] ?? null;
    if (pair) extra = [pairPoints(pair, 'client'), pairPoints(pair, 'server')];
    extra.forEach((points, part) => markKernelRst(points, views[part]));
  }
  const keep = opts.points ? new Set<TeachPointCode>(opts.points) : null;
  const pairRewrites = pair !== null ? mssRewritesOf(pair) : null;
  const steps: Step[] = [];
  const ladders: Array<Map<string, Ladder>> = [];
  views.forEach((view, part) => {
    const finder = createPointFinder();
    const byConn = new Map<string, Array<{ rec: TcpRecord; analysis: SegmentAnalysis }>>();
    for (const seg of view.segments) {
      // Every segment feeds the point finder so that its memory (acks, FINs, windows) is right when the range starts.
      const paired = extra[part].get(seg.rec.line) ?? [];
      // A RST the pair analysis shows the named end never sent is told as forged, not as that end's reset.
      const forged = paired.some((p) => p.code === 'pair-forged');
      const found = finder
        .push(seg.rec, seg.a)
        .map((p) => (forged && p.code === 'rst' ? { ...p, forged: true } : p))
        // An MSS rewritten on the way: where it arrived, not what its sender announced; where it left, not what arrived.
        // The point names both values.
        .map((p) => {
          if (p.code !== 'mss') return p;
          const rw = paired.find((x) => x.code === 'mss-rewritten' && x.from === p.side && x.sent !== x.received);
          if (!rw || rw.code !== 'mss-rewritten') return p;
          if (rw.received === p.mss) return { ...p, sent: rw.sent };
          return rw.sent === p.mss ? { ...p, received: rw.received } : p;
        })
        .concat(paired);
      if (!inRange(seg.rec.line, sources[part].lines)) continue;
      if (opts.conn && seg.a.conn !== opts.conn) continue;
      const list = byConn.get(seg.a.conn) ?? [];
      if (list.length === 0) byConn.set(seg.a.conn, list);
      list.push({ rec: seg.rec, analysis: seg.a });
      const rewrites = pair !== null && seg.a.conn === (part === 0 ? pair.client.conn : pair.server.conn) ? pairRewrites : null;
      steps.push({
        index: steps.length,
        part,
        rec: seg.rec,
        analysis: seg.a,
        row: list.length - 1,
        points: keep ? found.filter((p) => keep.has(p.code)) : found,
        allPoints: found,
        mssRewrites: rewrites,
      });
    }
    const map = new Map<string, Ladder>();
    for (const [conn, segs] of byConn) {
      const ladder = buildLadder(segs, { numbering, verdict: view.verdicts.find((v) => v.conn === conn) ?? null });
      if (ladder) map.set(conn, ladder);
    }
    ladders.push(map);
  });
  return {
    sources: sources.map(({ source, capture, lines }) => ({ source, capture, lines })),
    steps,
    ladders,
    verdicts: views.map((v) => v.verdicts),
    pair,
    numbering,
  };
}

/** The ladder of a step's connection as it stands once that step is revealed (rows up to it; the verdict only at its last row). */
export function ladderAt(model: StepModel, index: number): Ladder | null {
  const step = model.steps[index];
  if (!step) return null;
  const full = model.ladders[step.part].get(step.analysis.conn);
  if (!full) return null;
  const rows = full.rows.slice(0, step.row + 1);
  // A pair's one-sided verdicts are not shown: the pair's own verdict (model.pair) tells the story of both captures.
  return { ...full, rows, verdict: rows.length === full.rows.length && model.pair === null ? full.verdict : null };
}

/**
 * Both ends' states once a step is revealed (before the first step when `index` is -1), told with the whole
 * connection in view: an end that has not changed state yet is in its ladder's initial state (RFC 9293 §3.5: the client
 * is CLOSED before its SYN; the server that answers with a SYN-ACK was LISTEN when the SYN arrived).
 */
export function statesAt(model: StepModel, index: number): EndStates {
  const step = model.steps[Math.max(0, index)];
  if (!step) return { client: null, server: null };
  const s = index < 0 ? step.analysis.statesBefore : step.analysis.states;
  if (s.client !== null && s.server !== null) return s;
  const initial = model.ladders[step.part].get(step.analysis.conn)?.initial;
  if (!initial) return s;
  return { client: s.client ?? initial.client, server: s.server ?? initial.server };
}
