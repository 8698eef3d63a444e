// The one table of findings (code, group, severity) and their typed parameters; wording lives in src/explain/locales.

import type { TcpState } from './tcp-state';

export type Severity = 'info' | 'note' | 'warning' | 'error';
export type FindingGroup = 'sequence' | 'ack' | 'window' | 'handshake' | 'lifecycle' | 'options' | 'checksum' | 'keepalive';
export type Side = 'client' | 'server';

/** What a RST followed: the phase of the connection it ended. */
export type ResetPhase = 'handshake' | 'before-data' | 'after-request' | 'mid-transfer' | 'after-close' | 'idle';

/**
 * How a retransmission was triggered, judged on arrival from its timing and context: `rto` the retransmission timer
 * (≥ 200 ms after the previous transmission: Linux TCP_RTO_MIN; RFC 6298 §2.4 asks ≥ 1 s), `tlp` a tail loss probe
 * (RFC 8985 §7: the sender's last segment resent about two round trips later, far sooner than any RTO), `rto-or-tlp`
 * the last segment, alone in flight, resent ≥ 200 ms later: with one segment in flight the probe waits 2·SRTT + 200 ms
 * (RFC 8985 §7.2 WCDelAckT), capped by the RTO, so on a short path both fire at the same moment and the text cannot
 * tell them apart; `unknown` sooner than an RTO but not the tail (RACK, RFC 8985 §6.2), or no time to judge by.
 */
export type RetransmissionKind = 'rto' | 'tlp' | 'rto-or-tlp' | 'unknown';

/** Where the capture was taken: at the client, at the server, or on the path between them. */
export type CapturePoint = 'client' | 'server' | 'between';

/** Every finding tcplain can report on a segment, with the values its explanation needs. */
export type Finding =
  | {
      code: 'tcp.retransmission';
      originalLine: number | null;
      kind: RetransmissionKind;
      /** Seconds since the previous transmission of the same bytes (null without timestamps or original). */
      sincePrevious: number | null;
      /** Transmission number of these bytes: 2 = first resend (an RTO doubles each time, RFC 6298 §5.5). */
      attempt: number;
    }
  | {
      code: 'tcp.fast_retransmission';
      originalLine: number | null;
      dupAcks: number;
      /** What showed the loss: duplicate ACKs (RFC 5681 §3.2) or SACK blocks above the hole (RFC 6675). */
      trigger: 'dup-acks' | 'sack';
    }
  | { code: 'tcp.spurious_retransmission'; originalLine: number | null }
  | { code: 'tcp.out_of_order' }
  | { code: 'tcp.previous_segment_not_captured'; missingBytes: number }
  | { code: 'tcp.acked_unseen_segment'; unseenBytes: number }
  | { code: 'tcp.dup_ack'; n: number; originalLine: number }
  | { code: 'tcp.zero_window' }
  | {
      code: 'tcp.zero_window_probe';
      /** Probe number within this stall (1 = first). */
      n: number;
      /** Seconds since the peer's window went to 0 (null when unknown). */
      sinceZeroWindow: number | null;
      /** `old-seq`: no new data, seq = snd_una − 1 (Linux tcp_xmit_probe_skb); `new-byte`: one new byte at the next seq. */
      form: 'old-seq' | 'new-byte';
    }
  | { code: 'tcp.zero_window_probe_ack' }
  /** The window reopened: how long it was 0 (from `fromLine`), and how many probes the peer sent meanwhile. */
  | { code: 'tcp.zero_window_stall'; seconds: number | null; probes: number; fromLine: number }
  /**
   * The first SACK block lies below the ACK or inside the second block (RFC 2883 §4): the receiver got these bytes
   * twice. `retransLine`: the retransmission it proves unnecessary (RFC 3708), when the capture saw one.
   */
  | { code: 'tcp.dsack'; from: number; to: number; where: 'below-ack' | 'inside-block'; retransLine: number | null }
  | { code: 'tcp.window_full'; inFlight: number }
  | { code: 'tcp.window_update'; from: number; to: number }
  | {
      code: 'tcp.keep_alive';
      idleSeconds: number | null;
      /** The probe carries one byte (the already-acknowledged byte at next − 1, RFC 1122 §4.2.3.6). */
      withByte: boolean;
    }
  /**
   * Keep-alives in a row that never got an answer the prober could have received: `count` of them since `fromLine`.
   * `answerLine`: the peer's last answer, seen in this capture but not echoed in the prober's TS ecr, so it never
   * arrived (return path broken); null when no answer was captured. `gaveUp`: on the prober's RST, its kernel gave up.
   */
  | { code: 'tcp.keep_alive_unanswered'; count: number; fromLine: number; answerLine: number | null; gaveUp: boolean }
  | { code: 'tcp.keep_alive_ack' }
  | { code: 'tcp.syn_retransmission'; attempt: number; sinceFirst: number | null }
  | { code: 'tcp.synack_retransmission'; attempt: number; sinceFirst: number | null }
  | { code: 'tcp.rst'; by: Side; state: TcpState | null; phase: ResetPhase; idleSeconds: number | null; bytesFromClient: number; bytesFromServer: number }
  | { code: 'tcp.port_reuse'; previousConn: string }
  | { code: 'tcp.checksum_incorrect'; expected: number | null }
  /**
   * `at`: the side whose gap is taken as the round trip (client: SYN → SYN-ACK, server: SYN-ACK → ACK); `capture`:
   * where the handshake's timing (or `-i any` direction) puts the capture, null when it cannot tell; between the ends
   * the round trip is both gaps together.
   */
  | { code: 'tcp.handshake_rtt'; at: Side; seconds: number; capture: CapturePoint | null }
  | {
      code: 'tcp.options_negotiated';
      mss: { client: number | null; server: number | null };
      /** Window-scale shift each side offered; scaling is in use only when both did (RFC 7323 §2.2). */
      wscale: { client: number | null; server: number | null };
      sack: boolean;
      timestamps: boolean;
    }
  | { code: 'tcp.option_not_offered'; option: 'mss' | 'wscale' | 'sackOK' | 'ts'; side: Side };

export type FindingCode = Finding['code'];

export interface FindingSpec {
  group: FindingGroup;
  severity: Severity;
}

/** Group and severity of each finding; the same for every language and output. */
export const FINDINGS = {
  'tcp.retransmission': { group: 'sequence', severity: 'warning' },
  'tcp.fast_retransmission': { group: 'sequence', severity: 'warning' },
  'tcp.spurious_retransmission': { group: 'sequence', severity: 'note' },
  'tcp.out_of_order': { group: 'sequence', severity: 'warning' },
  'tcp.previous_segment_not_captured': { group: 'sequence', severity: 'warning' },
  'tcp.acked_unseen_segment': { group: 'ack', severity: 'warning' },
  'tcp.dup_ack': { group: 'ack', severity: 'note' },
  'tcp.zero_window': { group: 'window', severity: 'warning' },
  'tcp.zero_window_probe': { group: 'window', severity: 'note' },
  'tcp.zero_window_probe_ack': { group: 'window', severity: 'note' },
  'tcp.zero_window_stall': { group: 'window', severity: 'warning' },
  'tcp.dsack': { group: 'sequence', severity: 'note' },
  'tcp.window_full': { group: 'window', severity: 'warning' },
  'tcp.window_update': { group: 'window', severity: 'info' },
  'tcp.keep_alive': { group: 'keepalive', severity: 'info' },
  'tcp.keep_alive_ack': { group: 'keepalive', severity: 'info' },
  'tcp.keep_alive_unanswered': { group: 'keepalive', severity: 'warning' },
  'tcp.syn_retransmission': { group: 'handshake', severity: 'warning' },
  'tcp.synack_retransmission': { group: 'handshake', severity: 'warning' },
  'tcp.rst': { group: 'lifecycle', severity: 'error' },
  'tcp.port_reuse': { group: 'lifecycle', severity: 'note' },
  'tcp.checksum_incorrect': { group: 'checksum', severity: 'note' },
  'tcp.handshake_rtt': { group: 'handshake', severity: 'info' },
  'tcp.options_negotiated': { group: 'options', severity: 'info' },
  'tcp.option_not_offered': { group: 'options', severity: 'note' },
} as const satisfies Record<FindingCode, FindingSpec>;

export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];
