// Text and JSON Lines renderers for `tcplain pair`: both captures on one timeline, the NAT map, clock, rewrites, verdict.

import {
  findOption,
  endpointKey,
  type ConnectionVerdict,
  type FlowDir,
  type TcpOption,
} from '../model';
import { CLOCK_BASE, epochSeconds, PAIR_VERDICT_SEVERITY, type CaptureSegment, type ClockKind, type ConnectionPair, type PairReport, type TimelineEntry, type UnpairedConnection, type UnpairedDiagnosis } from '../correlate';
import type { Lang } from '../explain';
import { textWidth } from '../explain/text-width';
import { pairDuration, pairEn, type PairCatalog } from '../explain/locales/pair-en';
import { pairZhCN } from '../explain/locales/pair-zh-CN';

export const PAIR_CATALOGS: Record<Lang, PairCatalog> = { en: pairEn, 'zh-CN': pairZhCN };

export interface PairFormatOptions {
  /** How the client capture printed time, to print the merged timeline the same way (default: time of day). */
  clientClock?: ClockKind;
}

const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - textWidth(s)));

const two = (n: number): string => String(n).padStart(2, '0');

/** A time on the client's clock, printed in the client capture's own format so lines can be found in it. */
export function formatClientTime(t: number | null, kind: ClockKind = 'time-of-day'): string {
  if (t === null) return '-';
  if (kind === 'epoch' || kind === 'date') {
    // Whole seconds and fraction apart: the correlator's scale starts at CLOCK_BASE to keep sub-µs precision.
    const whole = Math.floor(t);
    const frac = Math.round((t - whole) * 1e6);
    const secs = whole + CLOCK_BASE + Math.floor(frac / 1e6);
    const micros = String(frac % 1e6).padStart(6, '0');
    if (kind === 'epoch') return `${secs}.${micros}`;
    const d = new Date(secs * 1000);
    return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros}`;
  }
  if (kind === 'time-of-day') {
    const day = ((t % 86_400) + 86_400) % 86_400;
    const micros = Math.round(day * 1e6);
    const s = Math.floor(micros / 1e6);
    return `${two(Math.floor(s / 3600) % 24)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}.${String(micros % 1e6).padStart(6, '0')}`;
  }
  return t.toFixed(6);
}

export const duration = (s: number): string => {
  const { value, unit } = pairDuration(s);
  return `${value} ${unit}`;
};

/**
 * A one-way delay as printed: a corrected delay below zero is the clock estimate's own error (± rtt/2), not a
 * time; the true delay is somewhere between 0 and that error, so nothing is printed rather than a negative number.
 */
export const shownDelay = (d: number | null, c: PairCatalog): string => (d === null || d < 0 ? '' : c.seconds(d));

/**
 * The window in bytes, scaled by the shift of the handshake (RFC 7323 §2.3) as `diagram` and the lessons print it;
 * the raw field only when the scale is unknown (no handshake in that capture).
 */
export const winOf = (x: CaptureSegment): number | null => x.a.winBytes ?? x.rec.win;

/** The record's numbers relative to the ISN when the tracker knows it, as tcpdump prints them by default (the window scaled). */
function numbers(x: CaptureSegment): string {
  const r = x.rec;
  // -q prints no flags (`tcp N`): nothing to show but the length.
  const parts: string[] = r.style === 'quiet' ? [] : [`[${r.flags}]`];
  const seq = x.a.relSeq ?? r.seq;
  const end = x.a.relEnd ?? r.end;
  if (seq !== null) parts.push(end !== null && end !== seq ? `seq ${seq}:${end}` : `seq ${seq}`);
  const ack = x.a.relAck ?? r.ack;
  if (ack !== null && (x.a.absAck !== null || r.ack !== null)) parts.push(`ack ${ack}`);
  if (r.win !== null) parts.push(`win ${winOf(x)}`);
  parts.push(`len ${r.len ?? 0}`);
  return parts.join(' ');
}

const OPTION_KINDS = ['mss', 'wscale'] as const;

/** The segment as one short line; for a segment both saw, handshake options that changed show as `mss 1414→1412`. */
export function segmentText(e: TimelineEntry): string {
  const main = e.client ?? e.server!;
  let s = numbers(main);
  const sender = e.dir === 'c2s' ? e.client : e.server;
  const receiver = e.dir === 'c2s' ? e.server : e.client;
  for (const k of OPTION_KINDS) {
    const a = findOption((sender ?? main).rec.options, k) as Extract<TcpOption, { kind: typeof k }> | undefined;
    const b = receiver ? (findOption(receiver.rec.options, k) as Extract<TcpOption, { kind: typeof k }> | undefined) : a;
    if (a && b && a.value !== b.value) s += ` ${k} ${a.value}→${b.value}`;
    else if (a) s += ` ${k} ${a.value}`;
  }
  if (sender && receiver && sender.rec.win !== null && receiver.rec.win !== null && winOf(sender) !== winOf(receiver)) {
    s = s.replace(`win ${winOf(main)}`, `win ${winOf(sender)}→${winOf(receiver)}`);
  }
  return s;
}

export const ends = (v: ConnectionVerdict): string => `${endpointKey(v.client)} → ${endpointKey(v.server)}`;

/** One pair as text: header, addresses, clock, rewrites, timeline, findings, verdict. */
export function formatPairText(p: ConnectionPair, lang: Lang, opts: PairFormatOptions = {}): string {
  const c = PAIR_CATALOGS[lang];
  const out: string[] = [];
  const kinds = [...new Set(p.evidence.filter((e) => e.weight > 0).map((e) => c.evidenceKind[e.kind]))].join(c.listSep);
  out.push(`${c.text.pair(p.client.conn, p.server.conn, p.confidence.toFixed(3))} — ${c.text.matchedOn(kinds)}`);
  out.push(`  ${ends(p.client)}  ⇄  ${ends(p.server)}`);
  if (p.nat.length) {
    out.push(c.text.nat);
    for (const m of p.nat) {
      // Name the end as the server capture printed it too when that differs (`VM_0_9_centos.ddi-tcp-1`).
      const asPrinted = m.printed.server.replace(/\.(\d+)$/, ':$1') !== m.translated ? ` [${m.printed.server}]` : '';
      out.push(`  ${pad(c.side[m.side], 7)} ${m.original} → ${m.translated}${asPrinted}  ${c.paren(c.natKind[m.kind])}`);
    }
  }
  if (p.limits.length) {
    out.push(c.text.limits);
    for (const l of p.limits) out.push(`  - ${(c.limits[l.code] as (x: typeof l) => string)(l)}`);
  }
  out.push(p.clock ? c.text.clock(p.offset, p.clock.delay.c2s, p.clock.rtt, p.clock.source === 'capture') : c.text.noClock);
  if (p.rewrites.length) {
    out.push(c.text.rewrites);
    for (const r of p.rewrites) out.push(`  ${c.text.rewrite(c.field[r.field], c.dir[r.dir], r.client, r.server, r.dir)}`);
  }
  out.push(c.text.timeline);
  const rows = p.timeline.map((e) => [
    formatClientTime(e.t, opts.clientClock),
    e.status === 'unordered' ? c.seenIn[e.client ? 'client' : 'server'] : c.seenBy[e.kind],
    c.dir[e.dir],
    // An unordered row is not said to be one-sided: the count under the timeline says what is known.
    segmentText(e) + (e.status !== 'matched' && e.status !== 'unordered' ? `  ‹${c.status[e.status]}›` : ''),
    shownDelay(e.delay, c),
    c.text.lineRefs(e.client?.rec.line ?? null, e.server?.rec.line ?? null),
  ]);
  const head = [c.text.columns.time, c.text.columns.seen, c.text.columns.dir, c.text.columns.segment, c.text.columns.delay, c.text.columns.lines];
  const widths = head.map((h, i) => rows.reduce((w, r) => Math.max(w, textWidth(r[i])), textWidth(h)));
  const line = (r: string[]): string => `  ${r.map((x, i) => (i === r.length - 1 ? x : pad(x, widths[i]))).join('  ')}`.trimEnd();
  out.push(line(head));
  for (const r of rows) out.push(line(r));
  for (const u of p.uneven) out.push(`  ${c.text.uneven(u)}`);
  const shown = p.findings.filter((f) => f.code !== 'corr.nat');
  if (shown.length) {
    out.push(c.text.findings);
    for (const f of shown) out.push(`  - ${(c.findings[f.code] as (x: typeof f) => string)(f)}`);
  }
  const v = c.verdicts[p.verdict.code](p.verdict, p);
  out.push(`${c.text.verdict}${v.headline}`);
  out.push(`  ${v.where}`);
  return out.join('\n');
}

export function formatUnpairedText(u: UnpairedConnection, lang: Lang): string {
  const c = PAIR_CATALOGS[lang];
  const ls = c.text.lineRefs(u.side === 'client' ? u.conn.firstLine : null, u.side === 'server' ? u.conn.firstLine : null);
  let s = c.text.unpaired(u.side, u.conn.conn, endpointKey(u.conn.client), endpointKey(u.conn.server), `${ls}–${u.conn.lastLine}`);
  if (u.best) s += c.text.closest(u.best.conn, u.best.confidence.toFixed(3));
  if (u.diagnosis) s += `\n${c.text.diagnosis(u.diagnosis, formatClientTime)}`;
  if (u.gaveUp) s += `\n${c.text.gaveUp(u.gaveUp.alike, u.gaveUp.compared)}`;
  return s;
}

/** The whole report: pairs, then connections seen on one side only, then totals and the capture-wide clock. */
export function formatPairReportText(r: PairReport, lang: Lang, opts: PairFormatOptions = {}): string {
  const c = PAIR_CATALOGS[lang];
  const blocks = r.pairs.map((p) => formatPairText(p, lang, opts));
  if (r.unpaired.length) blocks.push(r.unpaired.map((u) => formatUnpairedText(u, lang)).join('\n'));
  const tail = [c.text.totals(r.pairs.length, r.unpaired.filter((u) => u.side === 'client').length, r.unpaired.filter((u) => u.side === 'server').length)];
  if (r.clock) tail.push(c.text.offsetAll(r.offset, r.clock.rtt));
  blocks.push(tail.join('\n'));
  return blocks.join('\n\n') + '\n';
}

/** Seconds rounded to the nanosecond: tcpdump prints µs or ns, more digits would be float noise. */
const ns = (s: number | null | undefined): number | null => (s === null || s === undefined ? null : Math.round(s * 1e9) / 1e9);

const segmentJson = (e: TimelineEntry, kind: ClockKind) => ({
  dir: e.dir as FlowDir,
  seen: e.kind,
  status: e.status,
  client: e.client?.rec.line ?? null,
  server: e.server?.rec.line ?? null,
  /** Client-clock time: epoch seconds for -tt/-tttt captures, else seconds on the printed scale (since midnight, …). */
  t: e.t === null ? null : ns(epochSeconds(e.t, kind)),
  delay: ns(e.delay),
});

/** The `kind:"pair"` JSON record (schema v1, docs/pairing.md). */
export function pairJson(p: ConnectionPair, lang: Lang, opts: PairFormatOptions = {}) {
  const c = PAIR_CATALOGS[lang];
  const v = c.verdicts[p.verdict.code](p.verdict, p);
  return {
    v: 1 as const,
    kind: 'pair' as const,
    client: p.client.conn,
    server: p.server.conn,
    confidence: p.confidence,
    endpoints: {
      client: { client: endpointKey(p.client.client), server: endpointKey(p.client.server) },
      server: { client: endpointKey(p.server.client), server: endpointKey(p.server.server) },
    },
    nat: p.nat.map((m) => ({ original: m.original, translated: m.translated, side: m.side, kind: m.kind, printed: m.printed })),
    clockOffset: ns(p.offset),
    delay: ns(p.clock?.delay.c2s),
    rtt: ns(p.clock?.rtt),
    seqOffset: p.seqOffset,
    onlyClient: p.onlyClient,
    onlyServer: p.onlyServer,
    limits: p.limits,
    rewrites: p.rewrites.map((r) => ({ field: r.field, client: r.client, server: r.server, dir: r.dir, line: r.line })),
    findings: [...new Set(p.findings.map((f) => f.code))],
    details: p.findings,
    evidence: p.evidence.map((e) => ({ kind: e.kind, dir: e.dir, count: e.count, weight: e.weight })),
    segments: p.timeline.map((e) => segmentJson(e, opts.clientClock ?? 'time-of-day')),
    verdict: p.verdict.code,
    // What `pair --fail-on` compares: the pair verdict's severity and each side's connection verdict's.
    severity: { verdict: PAIR_VERDICT_SEVERITY[p.verdict.code], client: p.client.severity, server: p.server.severity },
    summary: v.headline,
    where: v.where,
  };
}

/** An unpaired connection's diagnosis for JSON: capture times as each capture printed them (epoch seconds for -tt/-tttt). */
function diagnosisJson(d: UnpairedDiagnosis | null) {
  if (d === null || d.code !== 'outside-other-capture') return d;
  const { clocks, ...rest } = d;
  return {
    ...rest,
    sent: { first: ns(epochSeconds(d.sent.first, clocks.client)), last: ns(epochSeconds(d.sent.last, clocks.client)) },
    other: { first: ns(epochSeconds(d.other.first, clocks.server)), last: ns(epochSeconds(d.other.last, clocks.server)) },
  };
}

/** The `kind:"unpaired"` JSON record: a connection found in one capture only. */
export function unpairedJson(u: UnpairedConnection) {
  return {
    v: 1 as const,
    kind: 'unpaired' as const,
    side: u.side,
    conn: u.conn.conn,
    client: endpointKey(u.conn.client),
    server: endpointKey(u.conn.server),
    firstLine: u.conn.firstLine,
    lastLine: u.conn.lastLine,
    verdict: u.conn.verdict,
    diagnosis: diagnosisJson(u.diagnosis),
    best: u.best,
    gaveUp: u.gaveUp,
  };
}

/** JSON Lines: one record per pair, then one per unpaired connection. */
export function formatPairReportJson(r: PairReport, lang: Lang, opts: PairFormatOptions = {}): string {
  const lines = [...r.pairs.map((p) => JSON.stringify(pairJson(p, lang, opts))), ...r.unpaired.map((u) => JSON.stringify(unpairedJson(u)))];
  return lines.length ? lines.join('\n') + '\n' : '';
}
