// The shape every locale catalog must satisfy: one message per finding, verdict, state, flag, option and record kind.

import type { Finding, FindingCode, ResetConfidence, ResetPhase, Severity, Side } from '../model/findings';
import type { TcpState } from '../model/tcp-state';
import type { TcpOption, TcpOptionKind } from '../model/tcp-options';
import type { CaptureLimit, ConnectionSeverity, ConnectionVerdict, Problem, ProblemCode, RoutedConnection, VerdictCode } from '../model/verdict';
import type { SegmentCopy } from '../model/segment';
import type { SamePostTwin } from '../correlate/same-post';
import type { MetaKind, MetaRecord, OtherRecord } from '../model/line-result';

export type Lang = 'en' | 'zh-CN';

/** TCP control bits by name, in tcpdump's print order (print-tcp.c `tcp_flag_values`). */
export type FlagName = 'FIN' | 'SYN' | 'RST' | 'PSH' | 'ACK' | 'URG' | 'ECE' | 'CWR' | 'AE';

/** Who sent the segment a finding is attached to, when known (describeFinding alone has no segment). */
export interface FindingCtx {
  sender: Side | null;
  /** MSS options known to have been rewritten on the path (a client/server pair), by the end that sent them. */
  mssRewrites?: MssRewrites;
}

/**
 * MSS options a client/server pair showed rewritten on the path (MSS clamping), by the end that sent each: `sent` as
 * the sender's capture shows it, `received` as the other end's capture shows it. One capture alone cannot know this.
 */
export interface MssRewrites {
  client: { sent: number; received: number } | null;
  server: { sent: number; received: number } | null;
}

export type FindingMessages = {
  [C in FindingCode]: (f: Extract<Finding, { code: C }>, ctx: FindingCtx) => string;
};

/** A finding's short name for list rows and tallies, as Wireshark's Expert Info names them (`Dup ACK`, `Retransmission`). */
export type FindingNames = Record<FindingCode, string>;

/**
 * `tsSpace`: bytes the timestamps option takes of each segment when this handshake agreed on timestamps (a SYN-ACK
 * carrying TS, which it may only when the SYN offered it, RFC 7323 §3.2), else 0 (unknown on a SYN).
 */
export interface OptionCtx {
  sender: Side;
  handshake: boolean;
  tsSpace: number;
  /** The sender's MSS option as sent and as received, when a pair showed it rewritten on the path; else null. */
  mssRewrite: { sent: number; received: number } | null;
  /**
   * On a SYN or SYN-ACK, where the capture was taken as far as the tracker can tell on that line: at the segment's
   * receiver (its MSS option has arrived and is final), at its sender (a router may still lower it), or null.
   */
  mssAt: 'receiver' | 'sender' | null;
}

export type OptionMessages = {
  [K in TcpOptionKind]: (o: TcpOption & { kind: K }, ctx: OptionCtx) => string;
};

/** What a segment does in the life of its connection; decided from its flags and the tracker's transitions. */
export type SegmentRole =
  | 'syn'
  | 'syn-ack'
  | 'handshake-ack'
  | 'data'
  | 'ack'
  | 'fin-first'
  | 'fin-second'
  | 'fin-simultaneous'
  | 'fin'
  | 'fin-ack-of-fin'
  | 'close-ack-first'
  | 'close-ack'
  | 'close-ack-last'
  | 'rst'
  | 'rst-syn-sent'
  | 'no-flags'
  | 'quiet';

export interface RoleCtx {
  sender: Side;
  receiver: Side;
  /** Payload bytes carried (0 when none). */
  len: number;
  /** PSH set: the sender asks for immediate delivery to the application. */
  push: boolean;
}

export interface SegmentMessages {
  role: Record<SegmentRole, (c: RoleCtx) => string>;
  /** Extra meaning of unusual control bits on this segment (URG, ECE, CWR, AE). */
  extraFlag: (flag: FlagName, meaning: string) => string;
  /** ECE+CWR on a SYN, ECE on a SYN-ACK: ECN negotiation, not congestion (RFC 3168 §6.1.1). */
  ecnSetup: (c: { sender: Side; synAck: boolean }) => string;
  synSeq: (c: { sender: Side; isn: number }) => string;
  dataSeq: (c: { sender: Side; printed: string; from: number; to: number; len: number; absolute: boolean; relFrom: number | null; relTo: number | null; noIsn: boolean }) => string;
  finSeq: (c: { sender: Side; printed: string; seq: number; sent: number | null }) => string;
  rstSeq: (c: { sender: Side; printed: string }) => string;
  ackOfSyn: (c: { receiver: Side; printed: string; ack: number; isn: number }) => string;
  ackOfSynRelative: (c: { receiver: Side; printed: string }) => string;
  /**
   * `bytes`: the receiver's data before its FIN (null unknown); `isnSeen` false when they are counted from where the
   * text starts (no SYN of that end: the stream may have begun earlier).
   */
  ackOfFin: (c: { receiver: Side; printed: string; ack: number; fin: number; bytes: number | null; isnSeen: boolean }) => string;
  ackNothingYet: (c: { sender: Side; receiver: Side; printed: string }) => string;
  ackNotReceived: (c: { sender: Side; receiver: Side; printed: string; bytes: number; line: number }) => string;
  ackBytes: (c: { sender: Side; receiver: Side; printed: string; ack: number; absolute: boolean; rel: number | null }) => string;
  /** The same ack on a RST judged not its claimed sender's (class suspect): it shows only that its sender saw those bytes. */
  ackBytesSuspectRst: (c: { sender: Side; receiver: Side; printed: string; ack: number; absolute: boolean; rel: number | null; confidence: ResetConfidence }) => string;
  ackUnknownBase: (c: { sender: Side; receiver: Side; printed: string; ack: number }) => string;
  /** Appended to byte positions when the sender's ISN was not seen (they count from the capture's first segment). */
  noIsn: string;
  winSyn: (c: { sender: Side; win: number }) => string;
  winScaled: (c: { sender: Side; win: number; scale: number; bytes: number }) => string;
  winUnscaled: (c: { sender: Side; win: number }) => string;
  winUnknownScale: (c: { sender: Side; win: number }) => string;
  winZero: (c: { sender: Side }) => string;
  options: (c: { sender: Side; items: string[] }) => string;
  payload: (c: { text: string }) => string;
  /** tcpdump printed only the protocol name of the port (`: HTTP`): no request or status line starts the segment. */
  payloadNameOnly: (c: { name: string; port: string | null }) => string;
  /** `[RST+ BIG-IP: ...]`: the text a RST carries (-v; print-tcp.c print_tcp_rst_data). */
  rstPayload: (c: { text: string }) => string;
  /** A RST that acknowledges the peer's data: its sender was ESTABLISHED though its handshake's last ACK was not seen. */
  establishedInferred: (c: { sender: Side; receiver: Side; bytes: number | null }) => string;
  transition: (c: { end: Side; from: TcpState | null; to: TcpState; meaning: string }) => string;
  /**
   * The meaning of FIN_WAIT_1 → TIME_WAIT: one segment carried the peer's FIN and the ACK of this end's FIN (RFC 9293
   * §3.10.7.4); the tracker lists FIN_WAIT_2 between them, as Linux passes through it (tcp_rcv_state_process, tcp_fin).
   */
  finAndAckTimeWait: string;
  truncated: string;
  warning: (text: string) => string;
  finding: (severity: string, text: string) => string;
  /** A tcp record the tracker could not place (no analysis). */
  noAnalysis: string;
  /** A packet line repeating an earlier one exactly: a quotation of it, not a new segment (track/quotes.ts). */
  quoted: (line: number) => string;
  /** The outgoing copy of an earlier incoming line, printed by a capture in the host that forwarded it (track/copies.ts). */
  copied: (c: SegmentCopy) => string;
}

export interface VerdictCtx {
  client: string;
  server: string;
  /** Duration already formatted in this language, or null. */
  duration: string | null;
  /** Destination port of the client's SYN, or null. */
  port: number | null;
}

export interface VerdictMessages {
  headline: (v: ConnectionVerdict, c: VerdictCtx) => string;
  summary: (v: ConnectionVerdict, c: VerdictCtx) => string;
  nextStep: (v: ConnectionVerdict, c: VerdictCtx) => string;
  /** What the client's application reported: curl, Node, Python, Java wording (their exact error text). */
  appSaw: (v: ConnectionVerdict, c: VerdictCtx) => string[];
}

/** Words for one kind of problem (model/verdict Problem). */
export interface ProblemMessage<P extends Problem> {
  /** Completes the headline `Closed normally …` / `正常关闭…` (with its own connector: `after …`, `, but …`). */
  clause: (p: P) => string;
  /** A sentence for the summary, with the first lines that show it (`v`: its connection, e.g. `excerpts`). */
  sentence: (p: P, v: ConnectionVerdict) => string;
  /** What to do about it, when it is the dominant problem of a connection that otherwise closed normally. */
  next: (p: P) => string;
}

export type ProblemMessages = { [P in ProblemCode]: ProblemMessage<Extract<Problem, { code: P }>> };

export interface RecordMessages {
  meta: { [M in MetaKind]: (r: MetaRecord) => string };
  /**
   * "0 packets dropped by kernel", told with the "received by filter" and "captured" counts printed before it (-1 when
   * not seen): received > captured with no kernel drops means the last packets were still buffered when tcpdump stopped.
   */
  noKernelDrops: (received: number, captured: number, toFile?: boolean) => string;
  /**
   * "N packets captured": `print` when the same tcpdump run printed packet lines, `write` when its command had -w (it
   * printed none: they went to the file), null when neither is known.
   */
  capturedCount: (n: number, mode: 'print' | 'write' | null) => string;
  /** After a quoted `tcpdump ... -w FILE` command: how to turn that file into text tcplain can read. */
  commandReadBack: (file: string) => string;
  /** One line per known tcpdump command-line option (`n`, `S`, `v`, `e`, ...), keyed without dashes. */
  commandOption: Record<string, (value: string | true) => string>;
  commandUnknownOptions: (names: string[]) => string;
  commandFilter: (filter: string) => string;
  icmpPortUnreachable: (c: { host: string; proto: string; port: number; reporter: string }) => string;
  icmpHostUnreachable: (c: { reporter: string }) => string;
  icmpEchoRequest: (c: { from: string; to: string }) => string;
  icmpEchoReply: (c: { from: string; to: string }) => string;
  icmpTimeExceeded: (c: { reporter: string }) => string;
  icmpOther: (c: { summary: string }) => string;
  udp: (c: { from: string; to: string; len: number | null }) => string;
  /** `qtype`/`name` from print-domain.c's `A? tcpdump.org.` when printed. */
  dns: (c: { from: string; to: string; query: boolean; qtype: string | null; name: string | null }) => string;
  arpRequest: (c: { target: string; asker: string }) => string;
  arpReply: (c: { target: string; mac: string }) => string;
  other: (c: { proto: string }) => string;
  /** A TCP packet the grammar could not read as a segment (`tcp 4 [bad hdr length 16 - too short, < 20]`). */
  otherTcp: (c: { summary: string }) => string;
  /** A tshark summary line after the first one in a capture (the first gets `meta.tshark`, with the hint). */
  tsharkAgain: () => string;
  unparsed: (reason: string) => string;
  /** A line longer than tcpdump ever prints (`chars` characters, `limit` the most tcplain parses): kept, not parsed. */
  tooLong: (chars: number, limit: number) => string;
  /** Hex dump lines of the packet on `line` that arrived after it was shown (live pipe). */
  lateDump: (line: number) => string;
  /** A terminal wrapped the header between two digits (line: the row after the break; width 0 = unknown). */
  wrapCut: (line: number, width: number) => string;
}

export interface Catalog {
  lang: Lang;
  side: Record<Side, string>;
  /** Capitalised side name for the start of a sentence (same as `side` where case does not exist). */
  Side: Record<Side, string>;
  severity: Record<Severity, string>;
  states: Record<TcpState, { name: string; meaning: string }>;
  flags: Record<FlagName, string>;
  phases: Record<ResetPhase, string>;
  /** Words for the two numberings, used when a printed number is translated (`ack 1 (absolute 1166385093)`). */
  numbering: { relative: string; absolute: string };
  /** A printed number followed by its value in the other numbering: `1 (absolute 1166385093)`. */
  translated: (printed: string, numbering: string, value: number) => string;
  findings: FindingMessages;
  findingNames: FindingNames;
  options: OptionMessages;
  /** Joins option descriptions and similar lists. */
  listSep: string;
  /** Between two sentences (a space in English, nothing after a full-width `。`). */
  sentenceSep: string;
  segment: SegmentMessages;
  verdicts: { [V in VerdictCode]: VerdictMessages };
  problems: ProblemMessages;
  verdictBlock: {
    /** First line of a verdict block: `Connection c1 A → B: headline`. */
    head: (c: { conn: string; client: string; server: string; headline: string }) => string;
    /** Labels with their punctuation (`Next step: `, `下一步：`). */
    next: string;
    appSaw: string;
    stats: (v: ConnectionVerdict, c: VerdictCtx) => string;
    roleGuessed: string;
    /** A remark after the summary: ` (…)` in English, `（…）` in Chinese. */
    aside: (text: string) => string;
    /** Why the verdict came before the connection ended: the tracker let it go at `line` to bound its memory. */
    evicted: (line: number) => string;
    /** What the text could not show, and the tcpdump option that would (appended to the next step). */
    limits: (limits: CaptureLimit[]) => string;
    /** Where the capture was taken and what shows it (appended to the summary). */
    capturePoint: (v: ConnectionVerdict) => string;
    /** The connection as printed on each side of the host that forwarded it (`v.routed`), what NAT and the path changed. */
    routed: (r: RoutedConnection) => string;
  };
  record: RecordMessages;
  /** Two connections of one input that are one connection seen at two points (correlate/same-post.ts). */
  twins: {
    /** The block's first line. */
    head: string;
    twin: (t: SamePostTwin) => string;
    /** The commands that split the input and pair the two views (`tcplain pair`). */
    pairHint: (c: { cut: boolean }) => string;
  };
  /** Seconds as words: `0.041 s`, `41 ms`. */
  seconds: (s: number) => string;
}
