// A connection's verdict in words: headline, plain summary, next step and what the client's application reported.

import type { ConnectionVerdict, Problem, ProblemCode, VerdictCode } from '../model/verdict';
import { endpointKey } from '../model/endpoint';
import type { Finding } from '../model/findings';
import type { Lang, VerdictCtx } from './catalog';
import { catalogFor } from './catalogs';
import { findingText } from './explain-segment';

export interface VerdictText {
  headline: string;
  summary: string;
  nextStep: string;
  appSaw: string[];
  /** Packets, bytes, duration, Zeek conn_state and history in one line. */
  stats: string;
}

export function verdictCtx(v: ConnectionVerdict, lang: Lang): VerdictCtx {
  const cat = catalogFor(lang);
  return {
    client: endpointKey(v.client),
    server: endpointKey(v.server),
    duration: v.duration !== null ? cat.seconds(v.duration) : null,
    port: v.server.port,
  };
}

/** Problems a verdict's own words already tell (no-answer counts the SYNs; idle-reset is the silence). */
const TOLD_BY_VERDICT: Partial<Record<VerdictCode, readonly ProblemCode[]>> = {
  'no-answer': ['handshake-retry'],
  'idle-reset': ['silence'],
};

/** The summary's sentences for the connection's problems, dominant first. */
function problemSentences(v: ConnectionVerdict, lang: Lang): string {
  const cat = catalogFor(lang);
  const told = TOLD_BY_VERDICT[v.verdict] ?? [];
  let out = '';
  for (const p of v.problems) {
    if (told.includes(p.code)) continue;
    out += cat.sentenceSep + (cat.problems[p.code].sentence as (p: Problem, v: ConnectionVerdict) => string)(p, v);
  }
  return out;
}

export function explainVerdictText(v: ConnectionVerdict, lang: Lang): VerdictText {
  const cat = catalogFor(lang);
  const m = cat.verdicts[v.verdict] ?? cat.verdicts.incomplete;
  const c = verdictCtx(v, lang);
  // Sentences are joined by a space in English, directly after full-width punctuation in Chinese.
  const sp = lang === 'zh-CN' ? '' : ' ';
  return {
    headline: m.headline(v, c),
    summary:
      m.summary(v, c) +
      problemSentences(v, lang) +
      (v.roleGuessed ? cat.verdictBlock.aside(cat.verdictBlock.roleGuessed) : '') +
      (v.evictedAt !== undefined ? cat.verdictBlock.aside(cat.verdictBlock.evicted(v.evictedAt)) : '') +
      (v.capturePoint !== null || v.handshakeGaps !== null ? sp + cat.verdictBlock.capturePoint(v) : ''),
    nextStep: m.nextStep(v, c) + (v.limits.length > 0 ? sp + cat.verdictBlock.limits(v.limits) : ''),
    appSaw: m.appSaw(v, c),
    stats: cat.verdictBlock.stats(v, c),
  };
}

/** The agreed explain API: headline, summary, next step and the application's view. */
export function explainVerdict(v: ConnectionVerdict, lang: Lang): { headline: string; summary: string; nextStep: string; appSaw: string[] } {
  const { headline, summary, nextStep, appSaw } = explainVerdictText(v, lang);
  return { headline, summary, nextStep, appSaw };
}

/** A finding on its own, without the segment it came from (the sender is then named generically). */
/** The short name of a kind of finding (`Dup ACK`, `重传`), for tallies. */
export function findingKindName(code: Finding['code'], lang: Lang): string {
  return catalogFor(lang).findingNames[code];
}

/**
 * A finding's short name on one segment, numbered where the count tells something: the n-th duplicate ACK or
 * zero-window probe (`Dup ACK #3`), the n-th resend of the same bytes or SYN from the second on (`Retransmission #2`).
 */
export function findingName(f: Finding, lang: Lang): string {
  const base = findingKindName(f.code, lang);
  let n: number | null = null;
  if (f.code === 'tcp.dup_ack' || f.code === 'tcp.zero_window_probe') n = f.n;
  else if ((f.code === 'tcp.retransmission' || f.code === 'tcp.syn_retransmission' || f.code === 'tcp.synack_retransmission') && f.attempt > 2) n = f.attempt - 1;
  return n === null ? base : `${base} #${n}`;
}

export function describeFinding(f: Finding, lang: Lang, sender: 'client' | 'server' | null = null): string {
  return findingText(catalogFor(lang), f, { sender });
}
