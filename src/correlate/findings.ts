// The cross-capture findings and pair verdicts (codes, severity, typed parameters); wording lives in src/explain/locales/pair-*.ts.

import type { ConnectionSeverity, FlowDir, Severity, Side } from '../model';

/** What a segment was, for sentences such as "the last 3 keep-alive replies never reached the client". */
export type SegmentRole =
  | 'syn'
  | 'syn-ack'
  | 'data'
  | 'retransmission'
  | 'ack'
  | 'fin'
  | 'rst'
  | 'keep-alive'
  | 'keep-alive-ack'
  | 'window-probe'
  | 'segment';

/** Where in the connection a run of segments sits. */
export type RunPosition = 'start' | 'middle' | 'end';

/** Why a segment one side received is believed to be forged: each piece is evidence, none is proof alone. */
export interface InjectionEvidence {
  /** TTL of the forged packet and of the peer's real packets as the receiver saw them (-v), with hop counts. */
  ttl: { seen: number; peer: number; seenHops: number; peerHops: number } | null;
  /** IP ID of the forged packet and the peer's real IP IDs around it (-v); never IP ID 0 on a RST (see `weakRst`). */
  ipId: { seen: number; peerNearest: number; outOfSequence: boolean } | null;
  /**
   * A non-RST segment without TCP timestamps while the peer's real segments carry them (RFC 7323 §3.2: MUST). Null on
   * a RST, for which TSopt is only a SHOULD: a RST's missing timestamps are in `weakRst.tsMissing`, so the two never
   * disagree about the same segment.
   */
  tsMissing: boolean | null;
  /**
   * A RST whose IP ID is 0 or that lacks the timestamps the peer's real segments carry: what a netfilter REJECT
   * makes, but also any Linux host's own no-connection RST (tcp_v4_send_reset: DF so IP ID 0, no options; RFC 7323
   * §3.2 only says SHOULD for TSopt on a RST). Weak: shown as fitting, never as proof. Null when neither holds.
   * `ownLike`: line of a RST the receiver itself sent in its capture with the same shape (IP ID 0, no TSopt), if any.
   */
  weakRst: { ipIdZero: boolean; tsMissing: boolean; ownLike: number | null } | null;
  /** Seconds between the segment the receiver last sent and the forged reply, when shorter than the round trip. */
  fasterThanRtt: { seconds: number; rtt: number } | null;
}

export type CorrFinding =
  | { code: 'corr.nat'; side: Side; original: string; translated: string; kind: 'address' | 'port' | 'address+port' | 'name' }
  | { code: 'corr.lost_in_path'; dir: FlowDir; count: number; role: SegmentRole; position: RunPosition; lines: number[] }
  | { code: 'corr.rst_not_sent_by_peer'; dir: FlowDir; line: number; evidence: InjectionEvidence }
  | { code: 'corr.injected'; dir: FlowDir; line: number; role: SegmentRole; evidence: InjectionEvidence }
  | { code: 'corr.duplicated_in_path'; dir: FlowDir; line: number; count: number }
  | { code: 'corr.mss_rewritten'; dir: FlowDir; from: number; to: number }
  | { code: 'corr.wscale_rewritten'; dir: FlowDir; from: number; to: number }
  | { code: 'corr.window_rewritten'; dir: FlowDir; from: number; to: number; count: number }
  | { code: 'corr.option_stripped'; dir: FlowDir; option: 'mss' | 'wscale' | 'sackOK' | 'ts' | 'sack'; count: number }
  | { code: 'corr.ttl_decrement'; dir: FlowDir; hops: number }
  | { code: 'corr.seq_rewritten'; dir: FlowDir; offset: number }
  | { code: 'corr.not_captured'; dir: FlowDir; side: Side; count: number };

export type CorrFindingCode = CorrFinding['code'];

export const CORR_FINDINGS = {
  'corr.nat': { severity: 'info' },
  'corr.lost_in_path': { severity: 'error' },
  'corr.rst_not_sent_by_peer': { severity: 'error' },
  'corr.injected': { severity: 'error' },
  'corr.duplicated_in_path': { severity: 'note' },
  'corr.mss_rewritten': { severity: 'note' },
  'corr.wscale_rewritten': { severity: 'warning' },
  'corr.window_rewritten': { severity: 'note' },
  'corr.option_stripped': { severity: 'warning' },
  'corr.ttl_decrement': { severity: 'info' },
  'corr.seq_rewritten': { severity: 'note' },
  'corr.not_captured': { severity: 'info' },
} as const satisfies Record<CorrFindingCode, { severity: Severity }>;

/** One verdict per connection pair, most serious first: the first code whose condition holds wins. */
export const PAIR_VERDICT_CODES = [
  'corr.rst-injected',
  'corr.injected',
  'corr.lost-in-path',
  'corr.lost-counted',
  'corr.seq-rewritten',
  'corr.options-stripped',
  'corr.wscale-rewritten',
  'corr.mss-clamped',
  'corr.window-rewritten',
  'corr.duplicated',
  'corr.not-judged',
  'corr.nat',
  'corr.clean',
] as const;
export type PairVerdictCode = (typeof PAIR_VERDICT_CODES)[number];

/**
 * How much trouble each pair verdict names, on the connections' scale (model/verdict.ts SEVERITY), for
 * `pair --fail-on` and the JSON `severity`. A forged segment ended or steered the connection: error. A segment lost
 * on the path is a loss, warn as a connection's loss is (its own verdict says what it cost: a keep-alive timeout is
 * an error there). Options stripped or the window scale rewritten change how the ends may send: warn. A clamped
 * MSS, a rewritten window or sequence space, a duplicate: the path shaped the traffic, nothing failed: notice, as is
 * a verdict the rendering could not judge (-q). NAT alone and a clean path: ok.
 */
export const PAIR_VERDICT_SEVERITY: Record<PairVerdictCode, ConnectionSeverity> = {
  'corr.rst-injected': 'error',
  'corr.injected': 'error',
  'corr.lost-in-path': 'warn',
  'corr.lost-counted': 'warn',
  'corr.seq-rewritten': 'notice',
  'corr.options-stripped': 'warn',
  'corr.wscale-rewritten': 'warn',
  'corr.mss-clamped': 'notice',
  'corr.window-rewritten': 'notice',
  'corr.duplicated': 'notice',
  'corr.not-judged': 'notice',
  'corr.nat': 'ok',
  'corr.clean': 'ok',
};

export interface PairVerdict {
  code: PairVerdictCode;
  /** The direction the verdict is about (toward the server = c2s), when it has one. */
  dir: FlowDir | null;
  /** Segments concerned (lost, injected). */
  count: number;
  /** The finding that decided it, for the wording's parameters. */
  finding: CorrFinding | null;
  /**
   * For `corr.lost-in-path`: what the other direction did after the first loss. `delivered` segments still
   * arrived (so the path, and any NAT mapping on it, still worked that way); `rst` the last of them when it was a
   * RST, with its lines and whether its TCP timestamp was the same on both sides (the sender's own RST).
   */
  otherWay?: { delivered: number; rst: { client: number; server: number; sameTs: boolean } | null } | null;
}
