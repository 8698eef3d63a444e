// The one table of findings (code, group, severity) and their typed parameters; wording lives in src/explain/locales.

import type { TcpState } from './tcp-state';

export type Severity = 'info' | 'note' | 'warning' | 'error';
export type FindingGroup = 'sequence' | 'ack' | 'window' | 'handshake' | 'lifecycle' | 'options' | 'checksum' | 'keepalive';
export type Side = 'client' | 'server';

/** What a RST followed: the phase of the connection it ended. */
export type ResetPhase = 'handshake' | 'before-data' | 'after-request' | 'mid-transfer' | 'after-close' | 'idle';

/** Every finding tcplain can report on a segment, with the values its explanation needs. */
export type Finding =
  | { code: 'tcp.retransmission'; originalLine: number | null }
  | { code: 'tcp.fast_retransmission'; originalLine: number | null; dupAcks: number }
  | { code: 'tcp.spurious_retransmission'; originalLine: number | null }
  | { code: 'tcp.out_of_order' }
  | { code: 'tcp.previous_segment_not_captured'; missingBytes: number }
  | { code: 'tcp.acked_unseen_segment'; unseenBytes: number }
  | { code: 'tcp.dup_ack'; n: number; originalLine: number }
  | { code: 'tcp.zero_window' }
  | { code: 'tcp.zero_window_probe' }
  | { code: 'tcp.zero_window_probe_ack' }
  | { code: 'tcp.window_full'; inFlight: number }
  | { code: 'tcp.window_update'; from: number; to: number }
  | { code: 'tcp.keep_alive'; idleSeconds: number | null }
  | { code: 'tcp.keep_alive_ack' }
  | { code: 'tcp.syn_retransmission'; attempt: number; sinceFirst: number | null }
  | { code: 'tcp.synack_retransmission'; attempt: number; sinceFirst: number | null }
  | { code: 'tcp.rst'; by: Side; state: TcpState | null; phase: ResetPhase; idleSeconds: number | null; bytesFromClient: number; bytesFromServer: number }
  | { code: 'tcp.port_reuse'; previousConn: string }
  | { code: 'tcp.checksum_incorrect'; expected: number | null }
  | { code: 'tcp.handshake_rtt'; at: Side; seconds: number }
  | {
      code: 'tcp.options_negotiated';
      mss: { client: number | null; server: number | null };
      /** Window-scale shift each side offered; scaling is in use only when both did (RFC 7323 §2.2). */
      wscale: { client: number | null; server: number | null };
      sack: boolean;
      timestamps: boolean;
      /**
       * The client's SYN was not captured: what it offered, inferred from the SYN-ACK, which may carry window scaling,
       * SACK-permitted and timestamps only when the SYN offered them (RFC 7323 §2.2/§3.2, RFC 2018 §2); the SYN's
       * TSval is the SYN-ACK's echo. Null when both SYNs were seen.
       */
      inferred: { wscale: boolean; sack: boolean; timestamps: boolean; synTsVal: number | null } | null;
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
  'tcp.window_full': { group: 'window', severity: 'warning' },
  'tcp.window_update': { group: 'window', severity: 'info' },
  'tcp.keep_alive': { group: 'keepalive', severity: 'info' },
  'tcp.keep_alive_ack': { group: 'keepalive', severity: 'info' },
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
