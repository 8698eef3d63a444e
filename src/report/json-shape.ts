// The definition of JSON Lines schema v2 (docs/json-schema.md, docs/json-schema.json): which keys a record's and a
// connection's objects carry, in which order; json-writer.ts writes the same text faster.

import { FINDINGS } from '../model/findings';
import type { Finding } from '../model/findings';
import type { ConnectionView, RecordView, TwinsView } from './annotate';

export interface JsonOptions {
  /** Include the explanations (`notes` on records; headline, summary, nextStep, appSaw on connections): `--notes`. */
  notes?: boolean;
  /** The input's name, written as `file` on every object: set when several inputs are explained together. */
  file?: string | null;
}

/**
 * The v2 rule: a key whose value is null (or a number JSON cannot write: NaN, ±Infinity), an empty array or an empty
 * object is left out, at every depth. `false`, `0` and `""` stay: they are values.
 */
export function compact(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const n = value.length;
    if (n === 0) return undefined;
    // An element that compacts to nothing is written as null, as JSON.stringify writes an undefined element.
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = compact(value[i]) ?? null;
    return out;
  }
  // A for-in loop over own keys (the objects here are plain, built as literals): no entries array per object.
  let out: Record<string, unknown> | undefined;
  const o = value as Record<string, unknown>;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    const c = compact(o[k]);
    if (c === undefined) continue;
    (out ??= {})[k] = c;
  }
  return out;
}

/** A finding as written: its code, its severity and group from the one table (src/model/findings.ts), its values. */
export function findingJson(f: Finding): Record<string, unknown> {
  const { code, ...params } = f;
  const spec = FINDINGS[code];
  return { code, severity: spec.severity, group: spec.group, ...params };
}

/**
 * The definition of a record's line: the record's own fields, `file`, then for TCP what the tracker concluded, then
 * the notes (with `--notes`), compacted. json-writer.ts writes the same text without building this object.
 */
export function recordJson(v: RecordView, opts: JsonOptions = {}): Record<string, unknown> {
  const r = v.rec;
  const notes = opts.notes === true ? v.notes.map((n) => n.text) : null;
  if (r.kind !== 'tcp') {
    const { v: version, kind, ...rest } = r;
    const out: Record<string, unknown> = { v: version, kind, file: opts.file ?? null, ...rest, notes };
    // An ICMP error's quoted TCP header follows the TCP record's rule: `truncated` only when true.
    if (r.kind === 'other' && r.quotedTcp !== undefined) out.quotedTcp = { ...r.quotedTcp, truncated: r.quotedTcp.truncated ? true : null };
    return compact(out) as Record<string, unknown>;
  }
  const a = v.analysis;
  const out = {
    v: r.v,
    kind: r.kind,
    file: opts.file ?? null,
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
    truncated: r.truncated ? true : null,
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
    findings: a?.findings.map(findingJson),
    quotes: v.quotes,
    copyOf: v.copy,
    notes,
  };
  return compact(out) as Record<string, unknown>;
}

/** The definition of a connection's line: the verdict's codes and numbers, its words with `--notes`, compacted. */
export function connectionJson(v: ConnectionView, opts: JsonOptions = {}): Record<string, unknown> {
  return compact(connectionFields(v, opts)) as Record<string, unknown>;
}

/** connectionJson before compact(): every key, null and empty values included (json-writer.ts compacts as it writes). */
export function connectionFields(v: ConnectionView, opts: JsonOptions = {}): Record<string, unknown> {
  const c = v.verdict;
  const text = opts.notes === true ? v.text : null;
  return {
    v: 2,
    kind: 'connection',
    file: opts.file ?? null,
    conn: c.conn,
    client: c.client,
    server: c.server,
    roleGuessed: c.roleGuessed ? true : null,
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
    evictedAt: c.evictedAt,
    excerpts: c.excerpts,
    routed: c.routed,
    headline: text?.headline,
    summary: text?.summary,
    nextStep: text?.nextStep,
    appSaw: text?.appSaw,
  };
}


/**
 * The end-of-input note that two connections are one connection seen at both ends (correlate/same-post.ts): the
 * pairs with their evidence, the input lines of each view and the commands that split them; the sentences with
 * `--notes`.
 */
export function twinsJson(v: TwinsView, opts: JsonOptions = {}): Record<string, unknown> {
  return compact({
    v: 2,
    kind: 'twins',
    file: opts.file ?? null,
    twins: v.report.twins,
    clientLines: v.report.clientLines,
    serverLines: v.report.serverLines,
    commands: v.commands,
    notes: opts.notes === true ? v.text : null,
  }) as Record<string, unknown>;
}
