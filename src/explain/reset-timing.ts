// The timings a reset's verdict words in both catalogs: how long a server sat idle after its answer before it reset
// a connection the client was reusing, and whether a client's abort came soon after its request.

import type { ResetEvidence } from '../model/findings';

/** Below this many seconds between the server's answer and its RST, no usual keep-alive idle timeout ran out. */
export const IDLE_TIMER_MIN = 1;

type Unanswered = Extract<ResetEvidence, { code: 'unanswered-data' }>;

/**
 * Seconds from the server's last data (its answer) to its RST: how long it was idle before it closed, null when the
 * text has no timestamps. The request's own time does not matter: an idle timer runs from the server's last activity.
 */
export function serverIdleBeforeReset(u: Unanswered): number | null {
  if (u.sinceAnswer === null || u.seconds === null) return null;
  return Math.round((u.sinceAnswer + u.seconds) * 1e6) / 1e6;
}

/**
 * A server that reset a reused connection with a request unread, less than IDLE_TIMER_MIN after its answer: no usual
 * idle timer ran out, so it closed after a number of requests (or after one) or was shutting down, whether its close
 * raced the request or left it unread.
 */
export function closedNotByIdleTimer(ev: readonly ResetEvidence[]): boolean {
  const u = ev.find((e): e is Unanswered => e.code === 'unanswered-data');
  if (!u) return false;
  const idle = serverIdleBeforeReset(u);
  return idle !== null && idle < IDLE_TIMER_MIN;
}

/** How a client's own abort relates to its request, for the next step (ABORT TIMING in src/track/heuristics/reset.ts). */
export interface AbortTimingFacts {
  line: number;
  seconds: number;
  peerLine: number | null;
  peerSeconds: number | null;
  /** Seconds from the client's SYN to the RST (null: SYN not seen). */
  synSeconds: number | null;
  /** No data from the server followed the request: the client aborted before any answer to it. */
  unanswered: boolean;
  timeoutLike: boolean;
  /** Under 10 ms: far shorter than any timeout a client sets. */
  tooSoon: boolean;
}

export function abortTimingFacts(ev: readonly ResetEvidence[]): AbortTimingFacts | null {
  const t = ev.find((e): e is Extract<ResetEvidence, { code: 'abort-timing' }> => e.code === 'abort-timing');
  if (!t) return null;
  return {
    line: t.line,
    seconds: t.seconds,
    peerLine: t.peerLine,
    peerSeconds: t.peerSeconds,
    synSeconds: t.synSeconds,
    unanswered: t.peerLine === null || t.peerLine < t.line,
    timeoutLike: t.timeoutLike,
    tooSoon: t.seconds < 0.01,
  };
}
