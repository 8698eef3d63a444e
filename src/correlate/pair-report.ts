// The result types of pairing two captures: connection pairs, their timeline, NAT map, clock, rewrites and verdict.

import type { ConnectionVerdict, FlowDir } from '../model';
import type { CaptureSegment } from './capture-view';
import type { CorrFinding, PairVerdict } from './findings';
import type { ClockKind } from './capture-clock';

/** Clock of the server capture relative to the client capture, NTP style (RFC 5905 §8: offset from the minimum delays). */
export interface ClockEstimate {
  /** server clock − client clock, seconds. */
  offset: number;
  /** Round-trip path time (sum of the minimum delays both ways), seconds; the offset is exact to ± rtt/2. */
  rtt: number;
  /** One-way path delay each way, seconds: equal halves of rtt, since two clocks cannot tell them apart. */
  delay: { c2s: number; s2c: number };
  /** `pair`: from this connection's own segments; `capture`: from all pairs of the two captures. */
  source: 'pair' | 'capture';
}

/**
 * One piece of evidence that two connections are the same (weight > 0; combined as independent odds) or that
 * they are not (`ts-conflict`, weight < 0: the confidence is scaled by 1 + weight).
 */
export interface MatchEvidence {
  kind: 'isn' | 'seq' | 'seq-offset' | 'ts' | 'ip-id' | 'shape' | 'timing' | 'port' | 'ts-conflict' | 'quiet' | 'order-only';
  dir: FlowDir | null;
  /** Segments (or values) that agreed. */
  count: number;
  weight: number;
}

export interface NatMapping {
  side: 'client' | 'server';
  /** As the client capture printed it (endpointKey). */
  original: string;
  /** As the server capture printed it. */
  translated: string;
  kind: 'address' | 'port' | 'address+port' | 'name';
  /** The two ends as tcpdump printed them (`host.port` or `host.service`), to find them in the input. */
  printed: { client: string; server: string };
}

export type RewriteField = 'mss' | 'wscale' | 'window' | 'isn';

export interface Rewrite {
  field: RewriteField;
  dir: FlowDir;
  /** The value in the client capture and in the server capture (for `window`, the first differing pair). */
  client: number;
  server: number;
  /** Client-capture line of the first segment that shows it. */
  line: number;
}

/** `unjudged`: seen by one capture only, in a rendering (-q) that cannot tell what it was: neither lost nor forged is said. */
export type EntryStatus = 'matched' | 'lost' | 'injected' | 'duplicate' | 'not-captured' | 'unjudged' | 'unordered';

/**
 * `unordered` (ORDER ONLY, see limits.ts): a segment of a length the two captures hold in different numbers, with
 * neither numbers nor times to tell which copies are the same: it is shown on its own side, never paired by guess.
 * `Uneven` counts them: `count` more `len`-byte segments going `dir` in the `more` capture than in the other.
 */
export interface Uneven {
  dir: FlowDir;
  len: number;
  more: 'client' | 'server';
  count: number;
}

/**
 * What a rendering cannot support, said once per pair: `no-times` (-t: no clock offset, path delay or timing),
 * `relative-clock` (-ttt gaps or -ttttt time since the first packet: no clock offset), `scales-differ` (dates or
 * epoch seconds on one side, times of day on the other: the offset is known modulo a day), `quiet` (-q: no flags,
 * seq or ack, so forged or rewritten segments cannot be seen and one-sided segments are not judged), `order-only` (-q
 * on one side and -t on one side: segments of one length can be lined up only in the order each capture printed them).
 */
export type PairLimit =
  | { code: 'no-times'; side: 'client' | 'server' }
  | { code: 'relative-clock'; side: 'client' | 'server'; kind: 'delta' | 'since-first' }
  | { code: 'scales-differ'; dated: 'client' | 'server' }
  | {
      code: 'quiet';
      side: 'client' | 'server';
      /** false when either capture has no times (-t): order is all that is left. */
      timed: boolean;
      /** true when the other capture has sequence numbers (not -q): losses are counted from them. */
      otherNumbered: boolean;
    }
  | { code: 'order-only' };

/** One line of the merged timeline: a segment both captures saw, or one only one of them saw. */
export interface TimelineEntry {
  kind: 'both' | 'client-only' | 'server-only';
  /** Direction in the client capture's orientation (c2s = toward the server). */
  dir: FlowDir;
  status: EntryStatus;
  client: CaptureSegment | null;
  server: CaptureSegment | null;
  /** Time on the client capture's clock (server times corrected by the clock offset), or null. */
  t: number | null;
  /** One-way delay of a segment both saw, corrected for the clock offset; null without a clock estimate. */
  delay: number | null;
}

export interface ConnectionPair {
  client: ConnectionVerdict;
  server: ConnectionVerdict;
  /** The server capture named the ends the other way round (no SYN seen, roles guessed from ports). */
  flipped: boolean;
  confidence: number;
  evidence: MatchEvidence[];
  nat: NatMapping[];
  /** Server-capture seq − client-capture seq of the bytes flowing each way (0 when not rewritten), or null when unknown. */
  seqOffset: Record<FlowDir, number | null>;
  clock: ClockEstimate | null;
  /**
   * The clock offset as far as the two renderings define it (server − client, seconds): null when either has no
   * absolute clock (-t, -ttt, -ttttt), reduced to ±12 h when one prints dates and the other times of day.
   */
  offset: number | null;
  /** What the two renderings cannot support (see PairLimit). */
  limits: PairLimit[];
  timeline: TimelineEntry[];
  /** Lengths the two captures hold in different numbers when only order could line them up (`unordered` rows). */
  uneven: Uneven[];
  /** Input lines seen by one capture only. */
  onlyClient: number[];
  onlyServer: number[];
  rewrites: Rewrite[];
  findings: CorrFinding[];
  verdict: PairVerdict;
}

/**
 * Why a connection has no twin, when its own segments say: `syn-never-arrived`, a client connection that is only
 * SYNs, never answered, with nothing of it in the server capture (a filter or route between the capture points).
 */
export type UnpairedDiagnosis =
  | { code: 'syn-never-arrived'; syns: number; lines: number[]; port: number | null }
  /**
   * The same client connection, but none of its SYNs falls inside the server capture's time (limits.ts OUTSIDE THE
   * OTHER CAPTURE): it cannot tell whether they arrived. Times on each capture's own correlator scale (capture-clock),
   * with the clock kind each capture printed.
   */
  | {
      code: 'outside-other-capture';
      syns: number;
      lines: number[];
      port: number | null;
      /** First and last SYN on the client capture's clock. */
      sent: { first: number; last: number };
      /** The server capture's first and last time, on its own clock. */
      other: { first: number; last: number };
      clocks: { client: ClockKind; server: ClockKind };
    };

/**
 * How a connection's search for its twin was cut short (src/correlate/match-connections.ts CANDIDATE BOUNDS): at
 * least `alike` connections of the other capture looked alike (a shared TS value, ports), `compared` were aligned.
 */
export interface GaveUp {
  alike: number;
  compared: number;
}

export interface UnpairedConnection {
  side: 'client' | 'server';
  conn: ConnectionVerdict;
  diagnosis: UnpairedDiagnosis | null;
  /** Best candidate considered and its confidence, when one came within sight (≥ 0.1) but below the threshold. */
  best: { conn: string; confidence: number } | null;
  /** The search was cut short: its twin may be among the alike connections never compared. */
  gaveUp: GaveUp | null;
}

export interface PairReport {
  pairs: ConnectionPair[];
  unpaired: UnpairedConnection[];
  /** Clock offset of the whole server capture relative to the client capture. */
  clock: ClockEstimate | null;
  /** clock.offset as far as the renderings define it (see ConnectionPair.offset). */
  offset: number | null;
}

export interface PairOptions {
  /** Pairs below this confidence are reported as unpaired (default 0.5). */
  minConfidence?: number;
}
