// Where the capture was taken: at the client, at the server, or on the path between them.

import type { CapturePoint } from '../../model/findings';
import type { TcpRecord } from '../../model/line-result';
import type { Connection } from '../connection';
import type { SegmentContext } from '../segment-context';

const DIR_IN = 1;
const DIR_OUT = 2;

/** Initial TTL / hop limit of common stacks (Linux and macOS 64, Windows 128, network gear 255). */
const initialTtl = (t: number): boolean => t === 64 || t === 128 || t === 255;

export type CaptureEvidence = 'interface-direction' | 'ttl' | 'handshake-timing' | 'forwarded-copies';

export interface CapturePointResult {
  point: CapturePoint | null;
  /** The clues that agree with `point`, strongest first. */
  evidence: CaptureEvidence[];
}

/**
 * CAPTURE EVIDENCE
 * Per sender, the first `-v` TTL (IPv4) or hop limit (IPv6), and the `-i any` directions (`In`/`Out`) printed on its
 * segments. A packet sent by the capturing host leaves with its stack's initial TTL; one that crossed a router arrives
 * lower (RFC 791 §3.2, RFC 8200 §3).
 */
export function noteCaptureEvidence(ctx: SegmentContext, rec: TcpRecord): void {
  const S = ctx.S;
  if (S.firstTtl < 0 && rec.ip !== null) {
    const t = rec.ip.ttl ?? rec.ip.hlim;
    if (t !== null) S.firstTtl = t;
  }
  const d = rec.direction;
  if (d === 'Out') S.dirs |= DIR_OUT;
  else if (d === 'In') S.dirs |= DIR_IN;
}

/**
 * CAPTURE POINT
 * Strongest clue first:
 * 1. `-i any` direction: the client's segments `Out` and the server's `In` = at the client (and the reverse); one
 *    sender's segments both `In` and `Out` (a host forwarding them, or both ends on one host over lo) tell nothing.
 * 2. TTL: the client's at an initial value (64/128/255) and the server's lower = at the client (the server's packets
 *    crossed routers, the client's did not); the reverse = at the server; both lower = between. Both initial proves
 *    nothing (same link, no router).
 * 3. Handshake timing (noted at the completing ACK): at the client SYN→SYN-ACK is the round trip and SYN-ACK→ACK a
 *    few µs of the client's own stack; at the server the reverse; both gaps of a similar size = between.
 * Before all of them: packets seen coming in on one interface and going out on another (copies.ts) were captured in a
 * host that forwards them, between the client and the server.
 */
export function capturePointOf(conn: Connection): CapturePointResult {
  if (conn.routed !== null) return { point: 'between', evidence: ['forwarded-copies'] };
  const dir = directionPoint(conn);
  const ttl = ttlPoint(conn);
  const timing = conn.hs.timingAt;
  const point = dir ?? ttl ?? timing;
  const evidence: CaptureEvidence[] = [];
  if (point !== null) {
    if (dir === point) evidence.push('interface-direction');
    if (ttl === point) evidence.push('ttl');
    if (timing === point) evidence.push('handshake-timing');
  }
  return { point, evidence };
}

/**
 * The same point as `capturePointOf`, without its evidence: the retransmission heuristics ask for it on data segments,
 * and the result object and evidence list it built each time were 4 % of the tracker's allocations.
 */
export function capturePointAt(conn: Connection): CapturePoint | null {
  if (conn.routed !== null) return 'between';
  return directionPoint(conn) ?? ttlPoint(conn) ?? conn.hs.timingAt;
}

/**
 * SETTLED CAPTURE POINT
 * The capture point only from clues that involve both ends (or a forwarded copy): `-i any` directions seen on both
 * senders' segments, both senders' TTLs, or the handshake's timing. One sender's direction alone does not count: a
 * router's `-i any` capture shows the client's SYN `In` before its forwarded copy goes `Out`, like the server's own.
 * Used on a SYN or SYN-ACK to tell whether it has already reached its receiver here (then its MSS is final, RFC 9293
 * §3.7.1) or may still pass a router that lowers it.
 */
export function settledCapturePoint(conn: Connection): CapturePoint | null {
  if (conn.routed !== null) return 'between';
  const both = conn.c.dirs !== 0 && conn.s.dirs !== 0;
  return (both ? directionPoint(conn) : null) ?? ttlPoint(conn) ?? conn.hs.timingAt;
}

/** Clue 1: the `-i any` directions of both senders' segments. */
function directionPoint(conn: Connection): CapturePoint | null {
  const cd = conn.c.dirs;
  const sd = conn.s.dirs;
  // A sender's segments both In and Out: forwarded by this host, or looped back (lo shows both ends): no conclusion.
  if (cd !== 3 && sd !== 3 && (cd | sd) !== 0) {
    if ((cd & DIR_IN) === 0 && (sd & DIR_OUT) === 0) return 'client';
    if ((cd & DIR_OUT) === 0 && (sd & DIR_IN) === 0) return 'server';
  }
  return null;
}

/** Clue 2: the first TTL (hop limit) of each sender, at an initial value or lowered by routers. */
function ttlPoint(conn: Connection): CapturePoint | null {
  const ct = conn.c.firstTtl;
  const st = conn.s.firstTtl;
  if (ct > 0 && st > 0) {
    const ci = initialTtl(ct);
    const si = initialTtl(st);
    if (ci && !si) return 'client';
    if (si && !ci) return 'server';
    if (!ci && !si) return 'between';
  }
  return null;
}
