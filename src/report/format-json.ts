// JSON Lines schema v1: one object per input record in input order, plus `kind:"connection"` objects as connections end.

import type { ConnectionView, RecordView, ReportItem, TwinsView } from './annotate';
import { connectionLine, recordLine } from './json-writer';

/**
 * The record's own fields (docs/json-schema.md), then for TCP what the tracker concluded, then the notes.
 * TCP records, the hot path, are built as one explicit literal: spreading the 29-field record and then adding
 * the analysis fields sent V8 down a slow path (about 80x slower, most of `--format json` time).
 */
export function recordJson(v: RecordView): Record<string, unknown> {
  const notes = v.notes.map((n) => n.text);
  const r = v.rec;
  const a = v.analysis;
  if (r.kind !== 'tcp') return { ...r, notes };
  const out = {
    v: r.v,
    kind: r.kind,
    line: r.line,
    endLine: r.endLine,
    col: r.col,
    raw: r.raw,
    comments: r.comments,
    num: r.num,
    time: r.time,
    iface: r.iface,
    direction: r.direction,
    link: r.link,
    ip: r.ip,
    style: r.style,
    src: r.src,
    dst: r.dst,
    flags: r.flags,
    seq: r.seq,
    end: r.end,
    ack: r.ack,
    win: r.win,
    urg: r.urg,
    len: r.len,
    options: r.options,
    cksum: r.cksum,
    payload: r.payload,
    truncated: r.truncated,
    warnings: r.warnings,
    details: r.details,
    dump: r.dump,
    conn: a?.conn,
    dir: a?.dir,
    absSeq: a?.absSeq,
    absAck: a?.absAck,
    relSeq: a?.relSeq,
    relAck: a?.relAck,
    winBytes: a?.winBytes,
    states: a?.states,
    transitions: a?.transitions,
    findings: a ? a.findings.map((f) => f.code) : undefined,
    findingDetails: a?.findings,
    quotes: v.quotes,
    copyOf: v.copy,
    notes,
  };
  return out;
}

/** The connection's verdict with its words in the chosen language. */
export function connectionJson(v: ConnectionView): Record<string, unknown> {
  const { verdict: c, text } = v;
  return {
    v: 1,
    kind: 'connection',
    conn: c.conn,
    client: c.client,
    server: c.server,
    roleGuessed: c.roleGuessed,
    verdict: c.verdict,
    phase: c.phase,
    resetBy: c.resetBy,
    resetClass: c.resetClass,
    resetConfidence: c.resetConfidence,
    resetEvidence: c.resetEvidence,
    closeKind: c.closeKind,
    connState: c.connState,
    history: c.history,
    states: c.states,
    firstLine: c.firstLine,
    lastLine: c.lastLine,
    start: c.start,
    end: c.end,
    duration: c.duration,
    bytes: c.bytes,
    packets: c.packets,
    synRetransmissions: c.synRetransmissions,
    handshakeRtt: c.handshakeRtt,
    firstFin: c.firstFin,
    severity: c.severity,
    problems: c.problems,
    findingCounts: c.findingCounts,
    findingsBySeverity: c.findingsBySeverity,
    capturePoint: c.capturePoint,
    capturePointEvidence: c.capturePointEvidence,
    retransmissions: c.retransmissions,
    zeroWindow: c.zeroWindow,
    keepAlive: c.keepAlive,
    limits: c.limits,
    ...(c.evictedAt !== undefined ? { evictedAt: c.evictedAt } : {}),
    ...(c.routed !== undefined ? { routed: c.routed } : {}),
    headline: text.headline,
    summary: text.summary,
    nextStep: text.nextStep,
    appSaw: text.appSaw,
  };
}

/**
 * One JSON line (with its newline): exactly `JSON.stringify(recordJson(item))` (or connectionJson) and a newline,
 * written by json-writer.ts without building the object (several times faster; `--format json` is the bulk path).
 */
export function formatJson(item: ReportItem): string {
  if (item.kind === 'twins') return `${JSON.stringify(twinsJson(item))}\n`;
  return item.kind === 'record' ? recordLine(item) : connectionLine(item);
}

/** Connections that are one connection seen at two points of the same input (end of input; correlate/same-post.ts). */
export function twinsJson(v: TwinsView): Record<string, unknown> {
  return {
    v: 1,
    kind: 'twins',
    twins: v.report.twins,
    clientLines: v.report.clientLines,
    serverLines: v.report.serverLines,
    commands: v.commands,
    text: v.text,
  };
}
