// Which MSS values of a handshake a client/server pair shows rewritten on the path: the facts both catalogs word.

import type { Finding, Side } from '../model/findings';
import type { MssRewrites } from './catalog';

/**
 * One end's MSS option as a pair of captures knows it (RFC 9293 §3.7.1): `reached` when the value seen here is what
 * the end sent (the other end received `received`), `sent` when the value seen here is what arrived (the end sent
 * `sent`).
 */
export interface MssRewriteFact {
  side: Side;
  seen: 'sent' | 'received';
  sent: number;
  received: number;
}

/** The ends whose MSS option a router rewrote, in client-then-server order; empty when nothing is known to be rewritten. */
export function mssRewriteFacts(f: Extract<Finding, { code: 'tcp.options_negotiated' }>, rw: MssRewrites | undefined): MssRewriteFact[] {
  if (rw === undefined) return [];
  const facts: MssRewriteFact[] = [];
  for (const s of ['client', 'server'] as const) {
    const r = rw[s];
    const seen = f.mss[s];
    if (r === null || seen === null || r.sent === r.received) continue;
    if (seen === r.sent) facts.push({ side: s, seen: 'sent', sent: r.sent, received: r.received });
    else if (seen === r.received) facts.push({ side: s, seen: 'received', sent: r.sent, received: r.received });
  }
  return facts;
}
