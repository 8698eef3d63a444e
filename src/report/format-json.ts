// JSON Lines schema v1: one object per input record in input order, plus `kind:"connection"` objects as connections end.

import type { ConnectionView, RecordView, ReportItem } from './annotate';

/** The record's own fields (docs/json-schema.md), then for TCP what the tracker concluded, then the notes. */
export function recordJson(v: RecordView): Record<string, unknown> {
  const out: Record<string, unknown> = { ...v.rec };
  const a = v.analysis;
  if (a) {
    out.conn = a.conn;
    out.dir = a.dir;
    out.absSeq = a.absSeq;
    out.absAck = a.absAck;
    out.relSeq = a.relSeq;
    out.relAck = a.relAck;
    out.winBytes = a.winBytes;
    out.states = a.states;
    out.transitions = a.transitions;
    out.findings = a.findings.map((f) => f.code);
    out.findingDetails = a.findings;
  }
  out.notes = v.notes.map((n) => n.text);
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
    headline: text.headline,
    summary: text.summary,
    nextStep: text.nextStep,
    appSaw: text.appSaw,
  };
}

/** One JSON line (with its newline). */
export function formatJson(item: ReportItem): string {
  return `${JSON.stringify(item.kind === 'record' ? recordJson(item) : connectionJson(item))}\n`;
}
