// The one table of findings (code, group, severity) and their typed parameters; wording lives in src/explain/locales.

import type { TcpState } from './tcp-state';

export type Severity = 'info' | 'note' | 'warning' | 'error';
export type FindingGroup = 'sequence' | 'ack' | 'window' | 'handshake' | 'lifecycle' | 'options' | 'checksum' | 'keepalive';
export type Side = 'client' | 'server';

/** What a RST followed: the phase of the connection it ended. */
export type ResetPhase = 'handshake' | 'before-data' | 'after-request' | 'after-next-request' | 'mid-transfer' | 'after-close' | 'idle';

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

/**
 * What a RST is, read from its form and its context (src/track/heuristics/reset.ts):
 * - refusal: RST+ACK answering a SYN (seq 0, ack = ISN + 1): no listener on that port, or a firewall's REJECT;
 * - no-connection: no ACK bit, seq = the ACK field of the segment it answers: its sender had no such connection;
 * - abort: ACK set, seq = the sender's next sequence number, its usual window and options: an end gave up;
 * - suspect: evidence that the end it claims to come from did not send it (forged, or sent by a middlebox).
 */
export type ResetClass = 'refusal' | 'no-connection' | 'abort' | 'suspect';
export type ResetConfidence = 'certain' | 'likely' | 'possible';
/** What the receiver does with a RST (RFC 9293 §3.10.7.3, RFC 5961 §3.2): reset, answer with a challenge ACK, or drop it. */
export type ResetAcceptance = 'reset' | 'challenge' | 'ignored';

/** The stack a SYN's option layout names (src/track/heuristics/linux-syn.ts): all three abort with RST+ACK. */
export type SynStack = 'linux' | 'freebsd' | 'macos';

/** What a segment was, from its flags: a RST is named as one whatever else it carries. */
export type SegmentKind = 'syn-ack' | 'syn' | 'data' | 'fin' | 'ack' | 'rst';

/** One fact a RST's class rests on: a code plus the values it compares. */
export type ResetEvidence =
  /** RST+ACK, seq 0, ack = the SYN's ISN + 1: the reply to a SYN that found no connection (RFC 9293 §3.10.7.1). */
  | { code: 'answers-syn' }
  /** Seconds from the last SYN to the refusing RST at this capture point (a few µs where the refusing host captures). */
  | { code: 'answer-delay'; seconds: number }
  /** No ACK bit and seq = the ACK field of the peer's last segment (`line`): the no-connection form (§3.10.7.1). */
  | { code: 'seq-is-peer-ack'; seq: number; line: number }
  /**
   * The no-connection form, but it answers nothing: the peer sent nothing after its segment on `line`, which the
   * sender had already acknowledged on `ackLine`, and the sender's SYN names a `stack` that aborts with RST+ACK
   * (ANSWERS NOTHING in heuristics/reset.ts).
   */
  | { code: 'answers-nothing'; line: number; ackLine: number; stack: SynStack }
  /** The sender's own RST (RST+ACK) on `line` had already closed its end: this bare RST answers a segment that crossed it. */
  | { code: 'own-earlier-rst'; line: number }
  /**
   * A bare RST after a RST+ACK in the same end's name on `rstLine`, `seconds` later (null without times), `sameSeq` as
   * it, that answers nothing: the peer's last segment (`line`) came before that RST+ACK and its `ack` already covered
   * it, and nothing followed (PAIR ANSWERING NOTHING in heuristics/reset.ts).
   */
  | { code: 'pair-answers-nothing'; line: number; rstLine: number; ack: number; seconds: number | null; sameSeq: boolean }
  /** Added to a RST+ACK's verdict evidence: the bare RST on `line`, `seconds` later, answered nothing (pair-answers-nothing). */
  | { code: 'followed-by-bare-rst'; line: number; seconds: number | null }
  /**
   * The sender's own RST on `line` had already closed its end, but the peer's segment on `peerLine` (`peerWhat`), which
   * this bare RST answers, still expects `expects`, short of that RST's seq `rstSeq` (both relative when `relative`):
   * the peer had not taken that RST, a challenge ACK (RFC 5961 §3.2) or a crossing; `missingLine`: the sender's data
   * segment that covers exactly those bytes (it had not arrived), else null (RST NOT TAKEN in heuristics/reset.ts).
   */
  | { code: 'own-rst-not-taken'; line: number; peerLine: number; peerWhat: 'ack' | 'data' | 'fin'; expects: number; rstSeq: number; relative: boolean; missingLine: number | null }
  /**
   * An earlier RST in the same end's name on `line`, judged not sent by it (`certain`, else likely), came `seconds`
   * before this one (null without timestamps); `otherForm`: one has the ACK bit and the other not (the RST+ACK and
   * bare RST pair injecting devices send).
   */
  | { code: 'after-forged-rst'; line: number; seconds: number | null; otherForm: boolean; certain: boolean }
  /** ACK set and seq = the sender's next sequence number (Linux tcp_send_active_reset: tcp_acceptable_seq). */
  | { code: 'seq-is-next'; seq: number }
  /** The sequence number matches neither form: not what this end would send. */
  | { code: 'seq-unlike'; seq: number; expected: number }
  /** Window and timestamps as on the sender's other segments (a socket's own RST: tcp_transmit_skb). */
  | { code: 'window-usual'; win: number }
  /** `last`: the sender's previous TS val; `inSyn`: that was on its SYN or SYN-ACK (no later segment carried one). */
  | { code: 'timestamps-continue'; val: number; last: number; inSyn: boolean }
  /** Timestamps were negotiated and the sender put them on every segment, but not on this RST+ACK. */
  /**
   * `last`: the sender's latest TS val after its SYN/SYN-ACK (-1: only that carried one); `stack`: the layout of its SYN
   * or SYN-ACK (heuristics/linux-syn.ts), `fromSynAck` when read from the SYN-ACK (TIMESTAMPS MISSING in reset.ts).
   */
  | { code: 'timestamps-missing'; last: number; stack: SynStack | null; fromSynAck: boolean }
  /** `-v`: the IP TTL (hop limit) compared with the sender's other packets on this connection. */
  | { code: 'ttl-same'; ttl: number }
  | { code: 'ttl-differs'; ttl: number; usual: number }
  /** `-v`: the IP id compared with the sender's own counter. */
  | { code: 'ip-id-follows'; id: number; last: number }
  | { code: 'ip-id-out-of-sequence'; id: number; last: number }
  /** `-v`: the IPv4 Don't Fragment flag unlike on the sender's other packets (`df`: whether this RST has it). */
  | { code: 'df-differs'; df: boolean }
  /** Refusal with `-v`: the TTL compared with that host's packets on other connections (none: `host-unseen`). */
  | { code: 'ttl-as-host'; ttl: number }
  | { code: 'ttl-unlike-host'; ttl: number; usual: number }
  | { code: 'host-unseen' }
  /** Refusal with `-v`: a TTL still at a common initial value (64, 128, 255): no router decremented it on the way. */
  | { code: 'ttl-initial'; ttl: number }
  /** The data the RST answers was never acknowledged (sent `copies` times). */
  | { code: 'data-unacked'; copies: number }
  /**
   * The server's TCP received the client's `bytes` sent after the server's last data (ending with its data segment on
   * `line`), the application never answered them, and the RST acknowledges them all: a close() with that request
   * unread (UNANSWERED REQUEST in heuristics/reset.ts).
   */
  /**
   * `ackLine`: the server's earlier ACK of it all, null when only the RST's own ack shows it (a close before the delayed
   * ACK). `seconds`: from the request's last data segment to the RST (null without timestamps); `unread`: that is longer
   * than a close racing the client's reuse takes (NOT A RACE in track/heuristics/reset.ts), null when unknown;
   * `sinceAnswer`: from the server's last data segment to the request's (null without timestamps).
   */
  | { code: 'unanswered-data'; line: number; ackLine: number | null; bytes: number; seconds: number | null; unread: boolean | null; sinceAnswer: number | null }
  /**
   * A client's own abort: seconds from its last data segment (`line`, its request) to the RST, and from the server's
   * last data segment (`peerLine`; null when the server sent none) to it; `timeoutLike`: one of these or the
   * connection's age is a length a timeout would have (ABORT TIMING in heuristics/reset.ts).
   */
  /** `synSeconds`: the connection's age at the RST, from the client's first SYN (null: SYN not seen). */
  | { code: 'abort-timing'; line: number; seconds: number; peerLine: number | null; peerSeconds: number | null; timeoutLike: boolean; synSeconds: number | null }
  /**
   * The RST's sender still had the connection at `line`: its last segment before the RST (`what` it was); `nth`: which
   * packet of that line it was, when other packets of this connection share the line (glued pastes), else null.
   */
  | { code: 'had-connection'; line: number; what: SegmentKind; nth: number | null }
  /** The sender's keep-alive probes went unanswered and its kernel gave up (Linux tcp_keepalive_timer). */
  /** `answersLost`: answers to some of the probes were captured here but never reached the prober (TS ecr stayed old). */
  | { code: 'keepalive-gave-up'; probes: number; fromLine: number; answersLost: boolean }
  /**
   * No ACK bit, seq = the ack field of the peer's segment on `line`, IP id 0 (`-v`): the segment netfilter's
   * nf_send_reset builds for a REJECT --reject-with tcp-reset matching that segment; `ttl` when at an initial value.
   * `firstCopy`: that segment was a resend whose first copy (this line) drew no RST: a device that dropped it silently
   * first and reset only the resend, which a plain REJECT rule (answering every match) does not do; else null.
   */
  | { code: 'reject-form'; line: number; what: SegmentKind; df: boolean; ttl: number | null; firstCopy: number | null }
  /** An earlier RST on this connection (line), toward this RST's sender: what made it lose the connection. */
  | { code: 'earlier-rst'; line: number }
  /**
   * The sender had closed (FIN sent) and data still arrived: Linux resets (tcp_rcv_state_process, TCPAbortOnData).
   * `crossed`: the data's ack did not cover that FIN (the two crossed on the wire); false: it did (the data's sender had
   * the FIN before it sent them); null when unknown.
   */
  /** `finAfterData`: seconds from the closing end's last data (its answer) to its FIN (null unknown). */
  | { code: 'data-after-close'; crossed: boolean | null; finAfterData: number | null }
  /** More RSTs claiming the same sender with different sequence numbers (a forger guessing the window). */
  | { code: 'rst-burst'; count: number }
  /** The claimed sender kept talking after "its" RST: it never reset (line, what it sent, seconds later). */
  | {
      code: 'keeps-talking';
      line: number;
      what: 'fin' | 'data' | 'ack';
      seconds: number | null;
      /** Bytes the peer had sent that this segment (and everything before it) still did not acknowledge. */
      unreceived: number;
    };

export type ResetEvidenceCode = ResetEvidence['code'];

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
      /**
       * The first copy was part of a larger segment on `originalLine` (one TSO/GSO send printed whole at the sender,
       * GRO-merged at a receiver): these `bytes` of its `of`, `tail` when they were its last ones (a tail loss probe
       * resends at most one MSS from the end of the flight, Linux tcp_send_loss_probe). Null otherwise.
       */
      part: { bytes: number; of: number; tail: boolean } | null;
    }
  | {
      code: 'tcp.fast_retransmission';
      originalLine: number | null;
      dupAcks: number;
      /** Both ends offered SACK: the recovery is RFC 6675's (Linux: RACK loss detection, RFC 8985 §6), not Reno's. */
      sack: boolean;
      /**
       * What showed the loss: duplicate ACKs (RFC 5681 §3.2); SACK blocks above the hole (RFC 6675 §4 / RFC 8985);
       * `rack`: less than two segments' worth SACKed above it, too little for RFC 6675 IsLost(), so RACK (RFC 8985
       * §6.2) marked it lost; `timer`: sent well after the ACK that showed the hole (`afterAck` seconds, ≫ RTT), so a
       * timer did (RACK reordering timer, RFC 8985 §6.2 / Linux tcp_rack_reo_timeout, or a tail loss probe).
       */
      trigger: 'dup-acks' | 'sack' | 'rack' | 'timer';
      /** Seconds since the peer's last ACK (null without timestamps). */
      afterAck: number | null;
    }
  /**
   * New data, seen here for the first time, that its sender sent well after the rest of the same flight: a timer's
   * retransmission of a first copy lost before this capture point (see heuristics/retransmission.ts).
   */
  | {
      code: 'tcp.upstream_retransmission';
      bytes: number;
      /** Seconds since the sender's previous data segment arrived here. */
      sinceSent: number;
      /** The sender's TS val on its earlier segments and on this one (null without timestamps). */
      tsFrom: number | null;
      tsTo: number | null;
      /** `rto-or-tlp`: ≥ 200 ms (Linux TCP_RTO_MIN); `tlp`: sooner, a tail loss probe (RFC 8985 §7). */
      timer: 'rto-or-tlp' | 'tlp';
      /** Bytes before it never appeared here either (a hole): it is the probe, and its own first copy was lost too. */
      afterHole: boolean;
    }
  /**
   * New data below the MSS, the tail of a write whose earlier part left before it, sent when the peer's ACK of the
   * sender's previous small segment arrived: held back by Nagle's algorithm (Minshall's rule), not resent (see
   * heuristics/retransmission.ts NAGLE HOLD).
   */
  | {
      code: 'tcp.nagle_hold';
      bytes: number;
      /** The sender's TS val on its previous data segment and on this one (this one is higher). */
      tsFrom: number;
      tsTo: number;
      /** The previous data segment was a full one (the MSS this sender may use). */
      afterFull: boolean;
      /** The TS val this segment echoes: the peer's ACK on `ackLine`, which acknowledged the small segment on `smallLine`. */
      echoed: number;
      ackLine: number;
      smallLine: number;
    }
  | {
      code: 'tcp.spurious_retransmission';
      originalLine: number | null;
      /** Seconds since the previous transmission of the same bytes (null when unknown). */
      sincePrevious: number | null;
      /** The tail of the sender's data, resent under 200 ms after its first copy: a tail loss probe (RFC 8985 §7). */
      probe: boolean;
    }
  | { code: 'tcp.out_of_order' }
  | { code: 'tcp.previous_segment_not_captured'; missingBytes: number }
  | { code: 'tcp.acked_unseen_segment'; unseenBytes: number }
  | {
      code: 'tcp.dup_ack';
      n: number;
      originalLine: number;
      /**
       * A SACK block this ACK adds (edges as printed, `to` exclusive), or null: an ACK with new SACK information is a
       * duplicate ACK even when its window changed (RFC 6675 §2).
       */
      sackFrom: number | null;
      sackTo: number | null;
      /** The ack as printed (the byte still needed), with `sackFrom`. */
      need: number | null;
      /**
       * With `sackFrom`: every hole (from the ack to the first held block, and between held blocks) and every held
       * block above the ack, merged, in sequence order, printed edges, `to` exclusive (at most 4 each: SACK's limit).
       * Empty without SACK.
       */
      holes: { from: number; to: number }[];
      held: { from: number; to: number }[];
      /** The window grew while the hole was outstanding: out-of-order growth (Linux tcp_grow_window), not a read. */
      windowGrew: boolean;
    }
  | { code: 'tcp.zero_window' }
  | {
      code: 'tcp.zero_window_probe';
      /** Probe number within this stall (1 = first). */
      n: number;
      /** Seconds since the peer's window went to 0 (null when unknown). */
      sinceZeroWindow: number | null;
      /** `old-seq`: no new data, seq = snd_una − 1 (Linux tcp_xmit_probe_skb); `new-byte`: one new byte at the next seq. */
      form: 'old-seq' | 'new-byte';
      /** Seconds since the peer last answered a zero-window probe (null none): Linux answers at most once per 500 ms. */
      sinceAnswer: number | null;
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
  | {
      code: 'tcp.synack_retransmission';
      /** Transmission number; counts the original SYN-ACK when `firstUnseen`. */
      attempt: number;
      /** The original SYN-ACK is not in this capture (lost before it): the first one captured is already a resend. */
      firstUnseen: boolean;
      sinceFirst: number | null;
      /** Seconds since the server's previous SYN-ACK (null without timestamps). */
      sincePrevious: number | null;
      /** The client had sent its SYN again before this SYN-ACK. */
      synResent: boolean;
      /** The client's latest SYN came after the server's previous SYN-ACK: this one answers it, the previous was a timer's. */
      answersResentSyn: boolean;
      /** Its TS ecr is the TSval of the client's first SYN (RFC 7323 §3); null when either lacks timestamps. */
      echoesFirstSyn: boolean | null;
    }
  | {
      code: 'tcp.rst';
      by: Side;
      state: TcpState | null;
      phase: ResetPhase;
      idleSeconds: number | null;
      bytesFromClient: number;
      bytesFromServer: number;
      /** What the RST is (src/track/heuristics/reset.ts), how sure, and on what evidence. */
      class: ResetClass;
      confidence: ResetConfidence;
      evidence: ResetEvidence[];
      /** What the receiver does with it, from its state and the sequence number (RFC 9293 §3.10.7.3, RFC 5961 §3.2). */
      acceptance: ResetAcceptance;
      /** The receiver's state when it arrived (what acceptance was judged on). */
      receiverState: TcpState | null;
      /** Not the connection's first RST: the line of the one that ended it. */
      afterLine: number | null;
      /**
       * The receiver's data sent but not yet acknowledged by the RST's sender when it arrived (what a reset discards
       * besides unsent data): bytes, and the line of its data segment when they are exactly that one segment's
       * (null otherwise). Null when none, or unknown (the RST's sender never acknowledged anything).
       */
      receiverUnacked: { bytes: number; line: number | null } | null;
      /**
       * Accepted because its seq is the sender's next seq, though the receiver has not yet acknowledged the sender's
       * data before it (the receiver's highest ack is lower): it resets only if that data has arrived, else it draws a
       * challenge ACK (RFC 5961 §3.2). `bytes`: from the receiver's highest ack to the RST's seq; `line`: the sender's
       * data segment that is exactly those bytes, else null. Absent otherwise.
       */
      beyondAck?: { bytes: number; line: number | null };
      /**
       * Where the capture was taken when the RST was seen (capture-point.ts), null when it cannot tell: at `by` the RST
       * leaves the capturing host (its own TCP sent it, no proxy in between); at the other end it arrives there.
       */
      capture?: CapturePoint | null;
      /**
       * True when `capture` rests on `-i any` directions or `-v` TTLs (or forwarded copies), false when only on the
       * handshake's timing, which cannot tell the host from a tap just in front of it.
       */
      captureSure?: boolean;
    }
  /** The end a RST claimed to come from sends again after it: that RST was not its own (it never reset). */
  | { code: 'tcp.rst_contradicted'; rstLine: number; what: 'fin' | 'data' | 'ack'; seconds: number | null; timestamps: boolean }
  /** RFC 5961 §3.2: the receiver of an in-window RST whose seq is not exactly RCV.NXT answers with an ACK instead of resetting. */
  | { code: 'tcp.challenge_ack'; rstLine: number }
  /**
   * RST NOT TAKEN (heuristics/reset.ts): the receiver of a RST (sent by `by`) taken as accepted on `rstLine` sends a segment (`what`)
   * whose ack `expects` is short of that RST's seq `rstSeq` (both relative when `relative`): the RST had not reset it
   * (a challenge ACK, RFC 5961 §3.2, or a crossing). Its state before the RST (`state`) is restored. `missingLine`: the
   * RST sender's data segment covering exactly the bytes between, which had not arrived; else null.
   */
  | { code: 'tcp.rst_not_taken'; rstLine: number; by: Side; what: 'ack' | 'data' | 'fin'; expects: number; rstSeq: number; relative: boolean; missingLine: number | null; state: TcpState }
  /**
   * `newIsn`: the SYN or SYN-ACK carries another ISN than the same end's in the previous connection.
   */
  /**
   * `timeWait`: the previous connection's other end was in TIME_WAIT (`seconds` since that connection's last segment;
   * `tsNewer`: the new SYN's TS val and the last one the old connection had from this sender, when the new is newer,
   * which is why the TIME_WAIT end accepts it: RFC 6191 §2, Linux tcp_timewait_state_process → TCP_TW_SYN).
   */
  | { code: 'tcp.port_reuse'; previousConn: string; newIsn: boolean; timeWait: { side: Side; seconds: number | null; tsNewer: { val: number; last: number } | null } | null }
  /**
   * A text without ports (a paste that cut them): a new handshake or ISN on the same address pair starts a new
   * connection; whether the ports are the same, i.e. whether this is port reuse, cannot be known.
   */
  | { code: 'tcp.new_connection'; previousConn: string; newIsn: boolean }
  | { code: 'tcp.checksum_incorrect'; expected: number | null }
  /**
   * `at`: the side whose gap is taken as the round trip (client: SYN → SYN-ACK, server: SYN-ACK → ACK); `capture`:
   * where the handshake's timing (or `-i any` direction) puts the capture, null when it cannot tell; between the ends
   * the round trip is both gaps together.
   */
  | {
      code: 'tcp.handshake_rtt';
      at: Side;
      seconds: number;
      capture: CapturePoint | null;
      /**
       * Capture point unknown and both gaps timed: either may be the round trip (the other one host's own turnaround),
       * so the wording gives the range; `seconds` is then the larger (an upper bound).
       */
      gaps?: { synToSynAck: number; synAckToAck: number };
      /**
       * Captured on a host forwarding the connection: its own forwarding time of the SYN and the SYN-ACK, inside
       * `seconds` = `serverSide` (SYN in → SYN-ACK in, the SYN's forwarding included) + `synAck` + `clientSide` (SYN-ACK
       * out → ACK in), with the lines of the SYN, the SYN-ACK, its forwarded copy and the ACK.
       */
      forwarding?: {
        syn: number;
        synAck: number;
        serverSide: number;
        clientSide: number;
        lines: { syn: number; synAck: number; synAckCopy: number; ack: number };
      };
    }
  | {
      /**
       * Timestamps were negotiated (both SYNs carried TSopt), yet `by`'s segments after its SYN carry none and its
       * peer echoes 0 (TIMESTAMPS MISSING in heuristics/handshake.ts).
       */
      code: 'tcp.timestamps_missing';
      by: Side;
    }
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
      /**
       * Captured on a host that rewrote an MSS option while forwarding the handshake (MSS clamping, track/copies.ts):
       * the MSS each end received (`client`: in the SYN-ACK as it left towards the client; `server`: in the SYN as it
       * left towards the server); `mss` stays what each end announced. Only present with a rewrite.
       */
      clamped?: { client: number; server: number };
    }
  | { code: 'tcp.option_not_offered'; option: 'mss' | 'wscale' | 'sackOK' | 'ts'; side: Side }
  /**
   * The sender's largest new-data segments stay at `size` bytes, below the receiver's MSS option `mss` minus
   * `optionBytes` of TCP options, although it had more to send: `count` of them from line `fromLine`, each with more data
   * right behind it (heuristics/segment-size.ts). `ownMss`: the MSS the sender's own SYN showed here (null unseen).
   */
  | { code: 'tcp.segments_below_mss'; size: number; count: number; fromLine: number; mss: number; optionBytes: number; ownMss: number | null };

export type FindingCode = Finding['code'];

export interface FindingSpec {
  group: FindingGroup;
  severity: Severity;
}

/** Group and severity of each finding; the same for every language and output. */
/**
 * Whether a RST+ACK's missing timestamps weigh as evidence on their own (TIMESTAMPS MISSING in heuristics/reset.ts):
 * only when the sender's own SYN has a Linux or FreeBSD layout, whose aborts carry them. Read from its SYN-ACK only (a
 * SYN proxy can write that) or from no known layout, they are a supporting clue; the tracker weighs them and both
 * catalogs word them by this one test.
 */
export function timestampsMissingStrong(e: Extract<ResetEvidence, { code: 'timestamps-missing' }>): boolean {
  return (e.stack === 'linux' || e.stack === 'freebsd') && !e.fromSynAck;
}

export const FINDINGS = {
  'tcp.retransmission': { group: 'sequence', severity: 'warning' },
  'tcp.fast_retransmission': { group: 'sequence', severity: 'warning' },
  'tcp.upstream_retransmission': { group: 'sequence', severity: 'warning' },
  'tcp.nagle_hold': { group: 'sequence', severity: 'info' },
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
  'tcp.rst_contradicted': { group: 'lifecycle', severity: 'error' },
  'tcp.challenge_ack': { group: 'lifecycle', severity: 'note' },
  'tcp.rst_not_taken': { group: 'lifecycle', severity: 'note' },
  'tcp.port_reuse': { group: 'lifecycle', severity: 'note' },
  'tcp.new_connection': { group: 'lifecycle', severity: 'info' },
  'tcp.checksum_incorrect': { group: 'checksum', severity: 'note' },
  'tcp.handshake_rtt': { group: 'handshake', severity: 'info' },
  'tcp.timestamps_missing': { group: 'options', severity: 'note' },
  'tcp.options_negotiated': { group: 'options', severity: 'info' },
  'tcp.option_not_offered': { group: 'options', severity: 'note' },
  'tcp.segments_below_mss': { group: 'options', severity: 'info' },
} as const satisfies Record<FindingCode, FindingSpec>;

export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];
