// Per-connection outcome: a stable verdict code plus Zeek-compatible conn_state and history.

import type { Endpoint } from './endpoint';
import type { CapturePoint, FindingCode, ResetClass, ResetConfidence, ResetEvidence, ResetPhase, Severity, Side } from './findings';
import type { EndStates } from './tcp-state';

export const VERDICT_CODES = [
  'normal-close',
  'refused',
  'no-answer',
  'reset-by-server',
  'reset-by-client',
  'idle-reset',
  'keepalive-timeout',
  'reset-no-connection',
  'reset-forged',
  'half-closed',
  'open',
  'incomplete',
] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

/**
 * Checks the capture's text could not support, each with the tcpdump option that would: `no-ttl` (a RST but no IP
 * header: `-v` shows TTL and IP id, who really sent it), `relative-only` (handshake unseen, numbers relative: `-S`),
 * `no-time` (no timestamps, `-t`: no RTO/TLP, stall or idle timing), `no-date` (time of day only: `-tttt` to match logs), `snaplen` (headers cut `[|tcp]`: `-s 0`), `incomplete-capture`
 * (tcpdump's statistics: packets dropped by the kernel, or received by the filter ≠ captured: a "lost" segment may only
 * be unseen). `no-time-flag`: no timestamps because the input's command had `-t`. `unprinted-at-end`: received by
 * the filter > captured with 0 kernel drops: the last packets were still buffered when tcpdump stopped.
 */
export const CAPTURE_LIMITS = ['no-ttl', 'relative-only', 'no-time', 'no-time-flag', 'no-date', 'snaplen', 'incomplete-capture', 'unprinted-at-end'] as const;
export type CaptureLimit = (typeof CAPTURE_LIMITS)[number];

/** Zeek conn.log `conn_state` values (base/protocols/conn/main.zeek). */
export const ZEEK_CONN_STATES = ['S0', 'S1', 'SF', 'REJ', 'S2', 'S3', 'RSTO', 'RSTR', 'RSTOS0', 'RSTRH', 'SH', 'SHR', 'OTH'] as const;
export type ZeekConnState = (typeof ZEEK_CONN_STATES)[number];

/** How much trouble a connection had, for sorting: the worst of its close outcome and its problems. */
export const CONNECTION_SEVERITIES = ['ok', 'notice', 'warn', 'error'] as const;
export type ConnectionSeverity = (typeof CONNECTION_SEVERITIES)[number];

/**
 * Finding levels (Wireshark's expert levels error/warning/note/info) read as connection severities where a user
 * types one: `warning` is `warn` and `note` is `notice` (the summary's tables print both vocabularies).
 */
export const SEVERITY_ALIASES: Readonly<Record<string, ConnectionSeverity>> = { warning: 'warn', note: 'notice' };

/** A typed severity word (any case, aliases included) → the connection severity, or null. */
export function severityOf(word: string): ConnectionSeverity | null {
  const w = word.toLowerCase();
  if ((CONNECTION_SEVERITIES as readonly string[]).includes(w)) return w as ConnectionSeverity;
  return SEVERITY_ALIASES[w] ?? null;
}

/**
 * What went wrong on the way, whatever the close outcome: one entry per kind (loss per sending side), dominant
 * first. Numbers are exact counts from the findings; `lines` are the first input lines that show it.
 */
export type Problem =
  | {
      /** Segments the `sender` had to send again, and how the loss was repaired. */
      code: 'loss';
      sender: Side;
      /** Retransmissions seen, by kind: fast (after duplicate ACKs), timeout (RTO), tail-loss probe, not classified. */
      retransmitted: number;
      fast: number;
      timeout: number;
      tlp: number;
      /** The last segment alone in flight, resent ≥ 200 ms later: a timeout or a tail-loss probe (RFC 8985 §7.2). */
      timeoutOrTlp: number;
      other: number;
      /** Retransmissions that proved unnecessary (bytes already acknowledged, or a D-SACK said so): not losses. */
      spurious: number;
      /** Segments lost: retransmissions that were needed, or more when this capture saw more holes. */
      lost: number;
      /** Holes before a segment (`tcp.previous_segment_not_captured`): lost before this capture point, or by it. */
      notCaptured: number;
      /** Duplicate ACKs the receiver sent while waiting for the missing bytes. */
      dupAcks: number;
      /** Both ends offered SACK (RFC 2018), so the receiver could say which later blocks arrived. */
      sack: boolean;
      /** Of `other`: SACK holes a timer resent long after the ACK that showed them (RACK reordering timer or a probe). */
      sackTimer: number;
      /** The latest unnecessary retransmission and the D-SACK that proved it (0 none). */
      spuriousLine: number;
      dsackLine: number;
      /**
       * The first timer retransmission seen here as new data, its first copy lost before this capture point: its line,
       * size, seconds after the sender's previous data segment, the sender's TS vals before and on it (null without
       * timestamps), the timer, and whether bytes before it were missing too (then it is the tail loss probe).
       */
      upstream: {
        line: number;
        bytes: number;
        seconds: number;
        tsFrom: number | null;
        tsTo: number | null;
        timer: 'rto-or-tlp' | 'tlp';
        afterHole: boolean;
      } | null;
      /**
       * Time the repairs took, summed over episodes: from the first sign of the loss (a duplicate ACK, a hole, or
       * for a timer's retransmission the connection's last segment before it) to the ACK that covered every byte
       * retransmitted meanwhile; null when unknown (no timestamps, or nothing acknowledged in the capture) or when
       * there was nothing to repair (only unnecessary retransmissions).
       */
      repairSeconds: number | null;
      /** False when a retransmission was still not acknowledged at the end. */
      repaired: boolean;
      lines: number[];
    }
  | {
      /** The `by` end advertised a zero window: its peer had to stop sending. */
      code: 'zero-window';
      by: Side;
      /** Stalled time (from the first zero window to the window opening, or to the end of the capture), summed. */
      seconds: number | null;
      stalls: number;
      /** Window probes the peer sent while stalled (RFC 9293 §3.8.6.1). */
      probes: number;
      /** False when the window was still zero at the end. */
      reopened: boolean;
      /**
       * The largest window the `by` end ever advertised (bytes, null unknown), the MSS it announced and its window
       * scale (null unknown): a window of a few MSS capped the whole transfer, not only the stall.
       */
      maxWindow: number | null;
      mss: number | null;
      wscale: number | null;
      /**
       * A full segment of the other end: its payload bytes (the smaller MSS of the two ends, minus 12 bytes when both
       * offered timestamps: RFC 7323 §3.2 puts TSopt on every segment); null when the MSS is unknown.
       */
      segment: { bytes: number; timestamps: boolean } | null;
      lines: number[];
    }
  | {
      /** SYN or SYN-ACK sent again before the handshake completed (or unanswered). */
      code: 'handshake-retry';
      syn: number;
      synAck: number;
      /** Time the retries added before the handshake could complete (first SYN to the last retry before it did). */
      seconds: number | null;
      /**
       * A SYN-ACK echoed the first SYN's TSval after the client had sent its SYN again (RFC 7323 §3: TS ecr): the first
       * SYN reached the server and its SYN-ACK never reached the client, so it was lost on the server→client path.
       */
      synAckLost: boolean;
      /** The original SYN-ACK never reached this capture point: every SYN-ACK captured was a resend (counted in `synAck`). */
      originalSynAckUnseen: boolean;
      /**
       * With `synAckLost`, the lines the sentence names: the original SYN-ACK (null when not captured), the SYN-ACK
       * resends (first 4) each with the line of the resent SYN it answers (0: the server's own timer; only told when
       * the original was captured), and the client's first resent SYN (0 none).
       */
      synAckLines?: { original: number | null; resends: { line: number; answers: number }[]; synResent: number };
      lines: number[];
    }
  | {
      /**
       * The longest time nothing but keep-alives was sent, when long (≥ 1 s and ≥ 100 RTTs) and not kept alive: a
       * silence whose keep-alive probes were all answered is no problem (the path state was refreshed throughout).
       */
      code: 'silence';
      seconds: number;
      /** Keep-alive probes sent inside that silence, how many were answered, and the longest step between probes. */
      keepAlives: number;
      answered: number;
      probeEvery: number | null;
      /** The end that sent the probes (null: none). */
      prober: Side | null;
      /** The end whose FIN, the connection's first, ended the silence: an idle timeout (null: something else did). */
      closedBy: Side | null;
      /** The last segment before the silence and the one that ended it. */
      lines: number[];
    }
  | {
      /** ACKs covered bytes this capture never showed: the capture missed segments (not the network). */
      code: 'capture-missed';
      segments: number;
      bytes: number;
      lines: number[];
    };
export type ProblemCode = Problem['code'];

/**
 * The one severity table: close outcome → severity, and problem → severity. A connection's severity is the worst
 * of its verdict's and its problems' (track/problems `connectionSeverity`). A new verdict code or problem code must
 * get its entry here (the types require it).
 */
export const SEVERITY: {
  verdict: Record<VerdictCode, ConnectionSeverity>;
  problem: { [P in ProblemCode]: (p: Extract<Problem, { code: P }>) => ConnectionSeverity };
} = {
  verdict: {
    'normal-close': 'ok',
    open: 'ok',
    incomplete: 'notice',
    'half-closed': 'notice',
    'reset-by-client': 'error',
    'reset-by-server': 'error',
    'idle-reset': 'error',
    refused: 'error',
    'no-answer': 'error',
    'keepalive-timeout': 'error',
    'reset-no-connection': 'error',
    'reset-forged': 'error',
  },
  problem: {
    // A segment lost and resent: warn; only unnecessary retransmissions: notice.
    loss: (p) => (p.lost > 0 ? 'warn' : 'notice'),
    'zero-window': () => 'warn',
    'handshake-retry': () => 'warn',
    // Kept alive: every probe answered, the path state was refreshed throughout: nothing to fix.
    silence: (p) => (p.keepAlives > 0 && p.answered >= p.keepAlives ? 'ok' : 'notice'),
    'capture-missed': () => 'notice',
  },
};

export const problemSeverity = (p: Problem): ConnectionSeverity => (SEVERITY.problem[p.code] as (p: Problem) => ConnectionSeverity)(p);

export const severityRank = (s: ConnectionSeverity): number => CONNECTION_SEVERITIES.indexOf(s);

export interface ConnectionVerdict {
  /** Connection id, stable within one input (`c1`, `c2`, ...). */
  conn: string;
  client: Endpoint;
  server: Endpoint;
  /** True when no SYN was seen and roles were decided from the ports. */
  roleGuessed: boolean;
  verdict: VerdictCode;
  /** For resets: when in the connection's life it came. */
  phase: ResetPhase | null;
  /** Who sent the RST (for reset verdicts). */
  resetBy: Side | null;
  /** For resets: what the RST that ended the connection was, how sure, and why (model/findings ResetClass). */
  resetClass: ResetClass | null;
  resetConfidence: ResetConfidence | null;
  resetEvidence: ResetEvidence[];
  /** normal-close: `4-way`, `3-way` (FIN piggybacked on the ACK of the peer's FIN) or `simultaneous`. */
  closeKind: '4-way' | '3-way' | 'simultaneous' | null;
  connState: ZeekConnState;
  /** Zeek history letters (upper case = originator/client, lower case = responder/server). */
  history: string;
  states: EndStates;
  firstLine: number;
  lastLine: number;
  /**
   * Seconds since the epoch or since midnight, as the timestamps allow; null when the first (last) segment printed no
   * time, or only a time relative to other packets (-ttt, -ttttt: no time of day; `duration` still holds).
   */
  start: number | null;
  end: number | null;
  duration: number | null;
  packets: { c2s: number; s2c: number };
  /** Payload bytes each way (sequence space covered, retransmissions counted once). */
  bytes: { c2s: number; s2c: number };
  /** SYN retransmissions before an answer (or before giving up). */
  synRetransmissions: number;
  /** The handshake's round trip, only when one gap is known to be it (capture point known, no Karn ambiguity). */
  handshakeRtt: { at: Side; seconds: number } | null;
  /** The end whose FIN came first (the active closer); its peer is the one whose read() returned 0 (EOF). */
  firstFin: Side | null;
  /** The worst of the close outcome (`verdict`) and the problems. */
  severity: ConnectionSeverity;
  /** What went wrong on the way, dominant first (empty when nothing did). */
  problems: Problem[];
  /** Findings on this connection's segments, counted by code (codes never seen are absent). */
  findingCounts: Partial<Record<FindingCode, number>>;
  /** The input line where each code counted in `findingCounts` first occurred on this connection. */
  findingFirstLines: Partial<Record<FindingCode, number>>;
  findingsBySeverity: Record<Severity, number>;
  /**
   * Where the capture was taken, and the clues that agree (`interface-direction`: `-i any` In/Out; `ttl`: `-v` TTLs,
   * initial on locally sent packets; `handshake-timing`: SYN→SYN-ACK vs SYN-ACK→ACK). null when nothing tells.
   */
  capturePoint: CapturePoint | null;
  capturePointEvidence: Array<'interface-direction' | 'ttl' | 'handshake-timing' | 'forwarded-copies'>;
  /**
   * The completed handshake's two gaps in seconds (SYN→SYN-ACK, SYN-ACK→ACK), the handshake-timing clue; null when a
   * time is missing. Only a clear difference places the capture (CLEAR HANDSHAKE TIMING, track/heuristics/handshake.ts).
   */
  handshakeGaps: { synToSynAck: number; synAckToAck: number } | null;
  /**
   * The SYN and the SYN-ACK were both sent more than once: which SYN-ACK answers which SYN is ambiguous, so the
   * handshake gives no round trip (RFC 6298 §3 Karn; `handshakeRtt` is null). Absent otherwise.
   */
  handshakeResent?: true;
  /**
   * Retransmissions by kind as classified on arrival (RetransmissionKind; `fast` includes SACK recovery, `other` the
   * `unknown` kind); `spurious`: resent bytes already acked, or proven unnecessary by a D-SACK.
   */
  retransmissions: { rto: number; fast: number; tlp: number; rtoOrTlp: number; other: number; spurious: number };
  /**
   * Zero-window stalls (a receive window at 0 until it reopened): how many, total and longest seconds, zero-window
   * probes sent meanwhile; `openSince`: the line where a stall began that had not ended when the verdict was made.
   * null when no window went to 0.
   */
  zeroWindow: { stalls: number; seconds: number; longest: number; probes: number; openSince: number | null } | null;
  /**
   * Keep-alives (both directions): sent, answers seen, probes with no answer captured, answers captured that the
   * prober's TS echo shows never arrived; `gaveUpBy`: the side whose RST followed its unanswered probes (its kernel
   * gave up: ETIMEDOUT); `returnPathBroken` when answers were lost. null when no keep-alive was seen.
   */
  /** What this capture's text could not show about the connection (see CAPTURE_LIMITS); empty when nothing. */
  limits: CaptureLimit[];
  keepAlive: {
    probes: number;
    answered: number;
    unanswered: number;
    answersLost: number;
    gaveUpBy: Side | null;
    gaveUpAfter: number;
    returnPathBroken: boolean;
    /** The longest step between two keep-alives of the end that probed (null: fewer than two, or no timestamps). */
    probeEvery: number | null;
  } | null;
  /**
   * Only when the tracker let the connection go before it ended, to keep its memory bounded (more connections
   * open at once than it holds; this one had been idle longest): the input line at which it did.
   */
  evictedAt?: number;
  /**
   * Only after a server's RST to an unanswered request: the id of the connection the same client opened next to the
   * same server address and port (its likely retry) while the verdict waited, or null when this capture shows none.
   */
  retryAfterReset?: string | null;
  /**
   * Only for a connection captured in a host that forwarded it (`-i any` on a router: every packet once coming in, once
   * going out, track/copies.ts): the connection as printed on each side, the copies recognised, what was rewritten.
   */
  routed?: RoutedConnection;
  /**
   * Only when true: the input has text between its packet lines after this connection's first segment (a post quoting
   * excerpts of captures, track/tracker.ts PASTED EXCERPTS): gaps and the end are the text's, not the capture's.
   */
  excerpts?: true;
  /**
   * Only when true: the client's SYN had Linux's option layout (track/heuristics/linux-syn.ts LINUX SYN LAYOUT), so its
   * kernel would have aborted connect() on an ICMP error in SYN_SENT (the no-answer wording relies on it).
   */
  clientLinuxSyn?: true;
}

/** One side of a forwarding host: the interface and the connection's endpoints as printed there. */
export interface RoutedSide {
  iface: string;
  client: Endpoint;
  server: Endpoint;
}

/** A connection seen before and after a forwarding host (NAT or not), from its in/out copies in one capture. */
export interface RoutedConnection {
  /** The interface the client's packets came in on, and the other one. */
  clientSide: RoutedSide;
  serverSide: RoutedSide;
  /** The first pair: the packet's line and its copy's line. */
  firstPair: [number, number];
  /** MSS options changed on the way (MSS clamping), per SYN sender. */
  mss: Array<{ sender: Side; from: number; to: number }>;
  /** How much lower the copies' TTL (hop limit) was (`-v`); null when not printed. */
  ttlDrop: number | null;
}

/**
 * The capture point rests on more than the handshake's timing (`-i any` directions, `-v` TTLs or forwarded copies):
 * timing alone cannot tell a host from a tap just in front of it.
 */
export function capturePointSure(evidence: ConnectionVerdict['capturePointEvidence']): boolean {
  return evidence.some((e) => e !== 'handshake-timing');
}

/** An IPv6 connection (its client address as printed has a colon): Linux handles its ICMPv6 errors in tcp_v6_err. */
export function ipv6Connection(v: ConnectionVerdict): boolean {
  return v.client.host.includes(':');
}
