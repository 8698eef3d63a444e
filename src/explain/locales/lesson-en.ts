// English words of the lessons (`tcplain lesson`): the shape every lesson catalog satisfies, then each lesson's goals, teaching points, questions and quiz wording.

import type { ResetPhase, Side } from '../../model/findings';
import type { TcpState } from '../../model/tcp-state';
import { en } from './en';

/*
 * The lesson vocabulary lives here, beside its wording, because src/explain must not import from src/teach
 * (imports point down the pipeline); src/teach imports these types and fills them from captures.
 */

export const LESSON_IDS = [
  'handshake',
  'data-acks',
  'four-way-close',
  'three-way-close',
  'refused',
  'server-reset',
  'idle-reset',
  'forged-rst',
  'mss-clamp',
  'retransmission',
  'fast-retransmit',
  'zero-window',
] as const;
export type LessonId = (typeof LESSON_IDS)[number];

/** Which capture a step of a two-capture lesson comes from. */
export type CapturePoint = 'client' | 'server';

/** One thing worth saying about a step, found in the capture by src/teach/points.ts; numbers are the capture's own. */
export type TeachPoint =
  /** A SYN or SYN-ACK: its seq is the sender's initial sequence number, and the SYN uses one number (RFC 9293 §3.4). */
  | { code: 'isn'; side: Side; isn: number }
  /** The SYN-ACK's or handshake ACK's ack field: the peer's ISN + 1, in absolute numbers. */
  | { code: 'ack-of-syn'; side: Side; ack: number; isn: number }
  /** Both ends ESTABLISHED after `packets` segments of the connection (counted from its first SYN); the client's round-trip estimate when timestamps allow. */
  | { code: 'handshake-done'; packets: number; rttMs: number | null }
  /** The MSS a SYN announces: the most payload bytes per segment its sender accepts (RFC 9293 §3.7.1, RFC 6691). */
  /**
   * The MSS option of a SYN or SYN-ACK as this capture shows it; when a pair shows a middlebox rewrote it, `sent`: the
   * value its sender's capture shows (this capture saw it arrive), `received`: the value the other end's capture shows
   * (this capture saw it leave). Both null for one capture, which cannot tell.
   */
  | { code: 'mss'; side: Side; mss: number; synAck: boolean; sent: number | null; received: number | null }
  /** Payload bytes `from` up to (not including) `to`, relative numbers: the next segment starts at `to`. */
  | { code: 'data-range'; side: Side; from: number; to: number; len: number }
  /**
   * An ACK that moves the acknowledged edge: `bytes` new bytes in `segments` data segments, `delayMs` after the last of them.
   * `filled`: the peer's retransmission `from`:`to` just before filled the hole at this end's last ack, and the ack jumps past
   * its end over bytes that had arrived out of order (`sacked`: this end's SACK blocks covered them; `last`: no block remains).
   */
  | {
      code: 'ack-advance';
      side: Side;
      ack: number;
      bytes: number;
      segments: number;
      delayMs: number | null;
      filled: { from: number; to: number; sacked: boolean; last: boolean } | null;
    }
  /** The advertised window: printed value × 2^scale = bytes the receiver can still take (RFC 7323 §2.3). */
  | { code: 'window'; side: Side; printed: number; scale: number; bytes: number }
  /**
   * A FIN: the sender's last sequence number; `first` says whether it closes first. `acksFin`: `new` when this FIN is
   * the first segment to acknowledge the peer's FIN (ACK and FIN in one: one packet fewer), `again` when the peer's FIN
   * was already acknowledged by the sender's segment on `ackedOn`, null when it does not acknowledge the peer's FIN.
   */
  | { code: 'fin'; side: Side; seq: number; first: boolean; acksFin: 'new' | 'again' | null; ackedOn: number | null }
  /** An ACK of a FIN: ack = the FIN's seq + 1, since the FIN uses one number. */
  | { code: 'ack-of-fin'; side: Side; ack: number; fin: number }
  /** An end entered TIME_WAIT: it closed first and waits 2×MSL (RFC 9293 §3.6.1). */
  | { code: 'time-wait'; side: Side }
  /** The passive closer got the last ACK and is gone (CLOSED); the close took `packets` segments from the first FIN to this one, with these `flags` (empty when more than 8). */
  | { code: 'last-ack-done'; side: Side; packets: number; flags: string[] }
  /** A RST and what it ended; `idleSeconds` when it followed a silence; `withAck` when the ACK bit is set; `forged` when the other capture of a pair shows `by` never sent it. */
  | { code: 'rst'; by: Side; phase: ResetPhase; idleSeconds: number | null; withAck: boolean; state: TcpState | null; forged: boolean }
  /** A duplicate ACK: the same ack again, the `n`-th one (RFC 5681 §2). */
  | { code: 'dup-ack'; side: Side; ack: number; n: number }
  /** SACK blocks (RFC 2018): bytes received beyond the hole at `ack`, relative numbers. */
  | { code: 'sack'; side: Side; ack: number; blocks: Array<[number, number]> }
  /**
   * Bytes sent again: `fast` after duplicate ACKs (RFC 5681 §3.2), `recovery` soon after, driven by SACK (RFC 6675),
   * `timer` when the retransmission timeout ran out (RFC 6298); `afterMs` since the first send.
   */
  | { code: 'retransmission'; side: Side; from: number; to: number; cause: 'fast' | 'recovery' | 'timer'; originalLine: number | null; afterMs: number | null }
  /** Window 0: the receiver's buffer is full, the sender must stop (RFC 9293 §3.8.6.1); `again` while it stays 0. */
  | { code: 'zero-window'; side: Side; again: boolean }
  /** While the peer's window is 0: a probe carrying seq next−1 and no payload, to get a fresh window (RFC 9293 §3.8.6.1). */
  | { code: 'window-probe'; side: Side; seq: number }
  /** A window that opens again after being 0. */
  | { code: 'window-reopened'; side: Side; bytes: number }
  /** Two-capture lessons: this segment is also in the other capture, at `otherLine`. */
  | { code: 'pair-seen'; other: CapturePoint; otherLine: number }
  /** Two-capture lessons: only the server's capture has it; it never reached the client. */
  | { code: 'pair-lost'; toward: Side }
  /** Two-capture lessons: a RST that arrived as if from the peer, which the peer's own capture never sent. */
  /**
   * `kernelRstLine`: a genuine no-connection RST in the same capture (line), which carries no timestamps either (Linux
   * tcp_v4_send_reset adds none): what makes missing timestamps weak evidence on their own.
   */
  | { code: 'pair-forged'; from: Side; ttlSeen: number | null; ttlPeer: number | null; tsMissing: boolean; kernelRst: { line: number; by: Side } | null }
  /** Two-capture lessons: a SYN's MSS changed on the way (clamped by the router). */
  | { code: 'mss-rewritten'; from: Side; sent: number; received: number };

export type TeachPointCode = TeachPoint['code'];

/** End-of-lesson questions; params are read from the lesson's capture, so the answers are its real values. */
export type LessonQuestion =
  | { code: 'client-isn'; isn: number }
  | { code: 'synack-ack'; ack: number; isn: number }
  | { code: 'handshake-packets'; count: number }
  | { code: 'next-seq'; side: Side; from: number; len: number; next: number }
  | { code: 'acked-bytes'; side: Side; ack: number; bytes: number }
  | { code: 'window-bytes'; side: Side; printed: number; scale: number; bytes: number }
  | { code: 'close-packets'; count: number }
  | { code: 'time-wait-end'; side: Side }
  | { code: 'fin-ack-value'; fin: number; ack: number }
  /** `own`: the RST carries the end's own window, timestamps, TTL or IP id (the tracker's reset evidence). */
  | { code: 'rst-sender'; by: Side; phase: ResetPhase; own: boolean; ts: boolean; ip: boolean }
  | { code: 'refused-ack'; ack: number; isn: number }
  | { code: 'idle-seconds'; seconds: number }
  | { code: 'forged-evidence'; ttlSeen: number | null; ttlPeer: number | null; tsMissing: boolean; kernelRst: { line: number; by: Side } | null }
  | { code: 'mss-values'; sent: number; received: number; segment: number }
  | { code: 'rto-ms'; ms: number }
  | { code: 'dup-acks-before'; count: number; ack: number }
  | { code: 'probe-count'; count: number };

export type LessonQuestionCode = LessonQuestion['code'];

/** What the quiz asks about the next segment. */
export type QuizKind = 'flags' | 'seq' | 'ack' | 'state';

/** Why the correct answer is what it is, with the capture's numbers. */
export type QuizWhy =
  | { code: 'flags'; flags: string }
  | { code: 'seq-continues'; side: Side; prevLine: number; next: number }
  | { code: 'seq-goes-back'; side: Side; next: number; answer: number }
  | { code: 'seq-jumps'; side: Side; next: number; answer: number }
  | { code: 'seq-first'; side: Side }
  | { code: 'ack-all'; side: Side; peerNext: number }
  | { code: 'ack-behind'; side: Side; peerNext: number; answer: number }
  | { code: 'ack-first'; side: Side }
  | { code: 'state-change'; end: Side; from: TcpState | null; to: TcpState }
  | { code: 'state-same'; end: Side; state: TcpState };

export interface LessonWords {
  title: string;
  /** What the capture shows and why it matters, in two or three sentences. */
  story: string;
  goals: string[];
}

type Messages<U extends { code: string }> = { [C in U['code']]: (p: Extract<U, { code: C }>) => string };

export interface LessonMessages {
  lessons: Record<LessonId, LessonWords>;
  points: Messages<TeachPoint>;
  questions: { [C in LessonQuestionCode]: { q: (p: Extract<LessonQuestion, { code: C }>) => string; a: (p: Extract<LessonQuestion, { code: C }>) => string } };
  why: Messages<QuizWhy>;
  quiz: {
    intro: (c: { from: Side; to: Side }) => string;
    prompt: (c: { intro: string; ask: string }) => string;
    /** A reason followed by the segment's own explanation. */
    because: (c: { why: string; role: string }) => string;
    ask: { flags: string; seq: string; ack: string; state: (end: Side) => string };
    correct: string;
    /** `answer` as shown: flags in brackets (`[F.]`), a state name, a number. */
    wrong: (answer: string) => string;
    /** The learner's wrong choice and what it would have meant. */
    youChose: (c: { given: string; meaning: string }) => string;
    /** Class vote: the answer, shown when the teacher reveals it. */
    answerIs: (answer: string) => string;
    /** Class vote: why a wrong option is wrong (what it would have meant). */
    notThis: (c: { option: string; meaning: string }) => string;
    /** What each flag set of the quiz's choices does (the wrong choices are explained with it). */
    flagMeaning: Record<'S' | 'S.' | '.' | 'P.' | 'F.' | 'FP.' | 'R.' | 'R', string>;
    /** Right answers of the answered questions, and how many questions the quiz has. */
    score: (c: { right: number; answered: number; total: number }) => string;
    /** Class vote: how many answers have been revealed. */
    revealed: (c: { shown: number; total: number }) => string;
    /** Class vote: the line under the options. */
    vote: string;
    typeNumber: string;
    chooseOption: string;
    answerKey: string;
    title: (lesson: string) => string;
    stepOf: (c: { step: number; line: number }) => string;
  };
  ui: {
    lessons: string;
    step: (c: { n: number; total: number }) => string;
    capture: Record<CapturePoint, string>;
    /** Between a label and what follows it (`Goals:`, `answer: …`): ': ' in English, full-width '：' in Chinese. */
    colon: string;
    /** Between the items of a list in running text (`a, b` / `a、b`). */
    listSep: string;
    goals: string;
    questions: string;
    answer: string;
    lesson: string;
    states: string;
    transition: (c: { end: Side; from: TcpState | null; to: TcpState }) => string;
    noChange: string;
    /** `States: …` line before a transition. */
    statesLine: (text: string) => string;
    keys: string;
    quizKeys: string;
    voteKeys: string;
    /** A slide whose text did not fit: how many of its points are in the presenter notes instead. */
    slideMore: (n: number) => string;
    /** The legend under the diagram, in lines as narrow as the diagram. */
    legendLines: string[];
    answersHidden: string;
    /** Shown while digits are typed in step mode. */
    goTo: (typed: string) => string;
    /** Where the scrolled explanation is, when it does not fit. */
    scrolled: (c: { from: number; to: number; total: number }) => string;
    /** Progressive reveal: what the next → shows inside the step. */
    nextStage: (stage: 'numbers' | 'states' | 'point') => string;
    /** Title bar mark while progressive reveal is on. */
    stepByStep: string;
    diagramKey: string;
    /** A teacher's lesson file that cannot be used. */
    teacherFile: {
      noCapture: (file: string) => string;
      badField: (c: { file: string; line: number; text: string }) => string;
      unknownPoint: (c: { file: string; line: number; code: string; known: string }) => string;
      unknownQuestion: (c: { file: string; line: number; code: string; known: string }) => string;
      noAnswer: (c: { file: string; line: number }) => string;
      noTitle: (file: string) => string;
      noSuchLine: (c: { file: string; line: number; target: number }) => string;
    };
    end: string;
    start: string;
    diagram: string;
    legend: string;
    line: (n: number) => string;
    usage: string;
    unknownLesson: (c: { name: string; known: string }) => string;
  };
  side: Record<Side, string>;
}

const side = { client: 'client', server: 'server' } as const;
const Side_ = { client: 'Client', server: 'Server' } as const;
const peer = (s: Side): Side => (s === 'client' ? 'server' : 'client');

const phase: Record<ResetPhase, string> = {
  handshake: 'in answer to the SYN',
  'before-data': 'right after the handshake',
  'after-request': 'after the request, before any answer',
  'after-next-request': 'after a further request, before its answer',
  'mid-transfer': 'in the middle of the transfer',
  'after-close': 'while the connection was closing',
  idle: 'after the connection had been idle',
};

export const lessonEn = {
  side,
  lessons: {
    handshake: {
      title: 'The three-way handshake',
      story: 'A client opens a TCP connection to a web server: SYN, SYN-ACK, ACK. Each side picks a random initial sequence number (ISN) and the other acknowledges it with ISN + 1.',
      goals: [
        'Tell SYN, SYN-ACK and the final ACK apart by their flags ([S], [S.], [.])',
        'Read the ISNs and check that each ack is the peer\'s ISN + 1',
        'Follow both ends from CLOSED/LISTEN to ESTABLISHED',
        'See why tcpdump prints "ack 1" after the handshake (relative numbers)',
      ],
    },
    'data-acks': {
      title: 'Data and ACKs: seq/ack arithmetic, window, delayed ACK',
      story: 'A request, an answer, then the server streams 1000-byte pieces that the client ACKs at once; then a second capture where the client waits 43 ms before ACKing the answer (a delayed ACK). Every seq range and every ack can be checked with one rule: next seq = seq + length, and ack = the next byte expected.',
      goals: [
        'Read seq A:B as bytes A to B−1 and predict the next seq',
        'Check that each ack equals the next byte the receiver expects',
        'Turn the printed window into bytes with the window-scale shift',
        'Notice when an ACK comes at once and when it is delayed',
      ],
    },
    'four-way-close': {
      title: 'The four-way close and TIME_WAIT',
      story: 'The client closes first: FIN, ACK, then the server\'s FIN 0.2 s later, and the last ACK. The end that closed first waits in TIME_WAIT.',
      goals: [
        'Follow FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT on the active side',
        'Follow CLOSE_WAIT → LAST_ACK → CLOSED on the passive side',
        'Check that a FIN uses one sequence number (the ACK of a FIN is seq + 1)',
        'Explain why TIME_WAIT exists and who ends up in it',
      ],
    },
    'three-way-close': {
      title: 'The three-packet close',
      story: 'Here the server closes first, and the client\'s FIN rides on the ACK of the server\'s FIN: three segments instead of four. This capture shows the answer to a common question: "why only three packets to close?"',
      goals: [
        'See a FIN that also acknowledges the peer\'s FIN (F. with ack = FIN + 1)',
        'Understand that the middle ACK and FIN were merged, not lost',
        'See who is in TIME_WAIT this time (the server: it closed first)',
      ],
    },
    refused: {
      title: 'A refused connection',
      story: 'A SYN to a port where nothing listens: a RST+ACK comes back at once, from the server\'s address. The client sees "connection refused".',
      goals: [
        'Recognise [R.] right after [S] as a refusal, not a network failure',
        'Check that the RST\'s ack is the client\'s ISN + 1 (it answers that very SYN)',
        'Tell a refusal (RST) from no answer at all (SYN retransmissions)',
      ],
    },
    'server-reset': {
      title: 'A reset by the server',
      story: 'The connection opens, the client sends its request, the server ACKs it, and 50 ms later resets the connection instead of answering. This capture shows an application that aborted its connection: TCP itself did not fail.',
      goals: [
        'See that the request was received (ACKed) before the RST',
        'Place the RST in the connection\'s life: after the request, before any answer',
        'Explain why both ends jump straight to CLOSED',
      ],
    },
    'idle-reset': {
      title: 'A reset after idling',
      story: 'A request is answered, then nothing happens for 3 seconds, and the server resets the connection. This capture shows an idle timeout, typical of proxies, load balancers and servers that drop quiet connections.',
      goals: [
        'Measure the silence before the RST from the timestamps',
        'Tell an idle timeout from a reset during a transfer',
        'Know where to look next: idle timeouts and keep-alive settings',
      ],
    },
    'forged-rst': {
      title: 'A forged RST, seen from both sides',
      story: 'The same connection captured at the client and at the server, through NAT. The server receives a RST "from the client" that the client never sent: the router forged it, and also swallowed the server\'s answer. This capture shows how to answer the question: who really sent the reset?',
      goals: [
        'Line up the two captures segment by segment (same seq/ack through NAT)',
        'Find the segment that never arrived and the RST that nobody sent',
        "Use TTL as evidence of forgery, and see why IP ID 0 and missing TCP timestamps are only weak evidence (the server's own no-connection RST has both)",
        'Explain the RST the client receives at the end: the server had already forgotten the connection',
      ],
    },
    'mss-clamp': {
      title: 'MSS clamping through NAT',
      story: 'The client announces MSS 1460, but the server receives 1200: the router rewrote the option in the SYN (and in the SYN-ACK). The answer then comes in 1188-byte segments.',
      goals: [
        'Read the MSS option in SYN and SYN-ACK',
        'Compare the two captures to see the rewrite',
        'Explain the 1188-byte segments: MSS 1200 minus 12 bytes of TCP timestamps option',
      ],
    },
    retransmission: {
      title: 'A lost segment and a timer retransmission',
      story: 'The router drops the request once. Nothing comes back, so after about 200 ms the client sends the same bytes again (retransmission timeout, RFC 6298).',
      goals: [
        'Recognise a retransmission: the same seq range sent twice',
        'Measure the retransmission timeout from the timestamps',
        'See that the server\'s capture has the segment only once',
      ],
    },
    'fast-retransmit': {
      title: 'Loss, duplicate ACKs, SACK and fast retransmission',
      story: 'A 300 kB upload through a router that drops some segments. The receiver keeps acknowledging the hole (duplicate ACKs) and reports what it got beyond it (SACK); after three duplicate ACKs the sender resends the missing segment without waiting for a timer.',
      goals: [
        'Spot the hole: the ack stops moving while data keeps flowing',
        'Read SACK blocks as ranges already received beyond the hole',
        'See the fast retransmission after duplicate ACKs (RFC 5681 §3.2)',
        'Watch the ack jump forward once the hole is filled',
      ],
    },
    'zero-window': {
      title: 'A zero window and its probes',
      story: 'The server stops reading: its receive buffer fills and it advertises win 0. The client must stop and sends zero-window probes until the server opens the window again.',
      goals: [
        'Recognise win 0 as flow control, not congestion or loss',
        'Recognise the probes: no payload, seq one below the next byte',
        'See the window update that lets data flow again',
      ],
    },
  },
  points: {
    isn: (p) => `Lesson: ${p.isn} is the ${side[p.side]}'s ISN, chosen at random. The SYN itself uses one sequence number, so the ${side[p.side]}'s first data byte will be ISN + 1 = ${p.isn + 1} (relative seq 1).`,
    'ack-of-syn': (p) => `Lesson: ack ${p.ack} = ${side[peer(p.side)]} ISN ${p.isn} + 1: "I got your SYN; the next number I expect is ${p.ack}".`,
    'handshake-done': (p) =>
      `Lesson: ${p.packets} packet${p.packets === 1 ? '' : 's'} from the first SYN, and both ends are ESTABLISHED. From here on tcpdump prints numbers relative to each ISN, so this ACK reads "ack 1"${p.rttMs !== null ? `; the handshake took ${p.rttMs} ms round trip` : ''}.`,
    // RFC 9293 §3.7.1: the MSS option limits what its receiver sends. One capture shows the option as it passed there;
    // only a pair shows what its sender wrote and what arrived.
    mss: (p) =>
      p.sent !== null
        ? `Lesson: the ${p.synAck ? 'SYN-ACK' : 'SYN'} arrives with MSS ${p.mss} (the ${side[p.side]} sent ${p.sent}: see below): the ${side[peer(p.side)]} will send segments of at most ${p.mss} payload bytes.`
        : p.received !== null
          ? `Lesson: the ${side[p.side]}'s ${p.synAck ? 'SYN-ACK' : 'SYN'} leaves with MSS ${p.mss} but arrives with ${p.received} (see below): the ${side[peer(p.side)]} will send segments of at most ${p.received} payload bytes.`
          : `Lesson: the ${side[p.side]}'s ${p.synAck ? 'SYN-ACK' : 'SYN'} carries MSS ${p.mss}: the ${side[peer(p.side)]} may send segments of at most ${p.mss} payload bytes. Each end announces its own MSS: it is not negotiated.`,
    'data-range': (p) => `Lesson: seq ${p.from}:${p.to} is ${p.len} bytes, numbered ${p.from} to ${p.to - 1}. The ${side[p.side]}'s next new byte will be ${p.to}.`,
    'ack-advance': (p) =>
      p.filled !== null
        ? `Lesson: ack ${p.ack}: the retransmission ${p.filled.from}:${p.filled.to} filled the ${p.filled.last ? 'last hole' : `hole at ${p.filled.from}`}, so the cumulative ACK jumps ${p.bytes} bytes (${p.segments} segment${p.segments === 1 ? '' : 's'}): ` +
          `the ${p.ack - p.filled.to} bytes after the retransmission had already arrived${p.filled.sacked ? ' and been SACKed' : ' out of order'}. ` +
          'A receiver ACKs at once when a segment fills a gap (RFC 5681 §4.2): this is not a delayed ACK.'
        : `Lesson: ack ${p.ack} means "I have every byte before ${p.ack}": ${p.bytes} new bytes in ${p.segments} segment${p.segments === 1 ? '' : 's'}` +
      (p.delayMs === null
        ? '.'
        : p.delayMs >= 20
          ? `, sent ${p.delayMs} ms after the data: a delayed ACK (the receiver waited in case it had something to send back).`
          : p.segments >= 2
            ? p.segments === 2
              ? ': one ACK for two segments (RFC 5681 §4.2: an ACK at least for every second full-sized segment).'
              : `: one ACK for ${p.segments} segments, a stretch ACK: fewer ACKs than RFC 5681 §4.2 asks for (at least one for every second full-sized segment).`
            : `, sent ${p.delayMs < 1 ? 'at once' : `${p.delayMs} ms after the data`} (Linux ACKs quickly at the start of a connection).`),
    window: (p) =>
      p.scale > 0
        ? `Lesson: win ${p.printed} is scaled: ${p.printed} × 2^${p.scale} = ${p.bytes} bytes: how much more the ${side[p.side]} is willing to receive now (its receive window; Linux keeps it below the free buffer space).`
        : `Lesson: win ${p.printed} is ${p.bytes} bytes the ${side[p.side]} can still receive.`,
    fin: (p) =>
      p.acksFin === 'new'
        ? `Lesson: this FIN also acknowledges the peer's FIN: ACK and FIN in one segment, so the peer's FIN gets no separate ACK and the close takes one packet fewer than FIN, ACK, FIN, ACK.`
        : p.acksFin === 'again'
          ? `Lesson: now the ${side[p.side]} closes its direction too; its FIN is number ${p.seq}. Its ack repeats the ACK of the peer's FIN it already sent on line ${p.ackedOn}: that ACK and this FIN went as two packets.`
          : p.first
          ? `Lesson: the ${side[p.side]} closes first (active close). Its FIN uses sequence number ${p.seq}, so the ACK of it must say ${p.seq + 1}.`
            : `Lesson: now the ${side[p.side]} closes its direction too; its FIN is number ${p.seq}.`,
    'ack-of-fin': (p) => `Lesson: ack ${p.ack} = FIN ${p.fin} + 1: the FIN used one sequence number, just like a SYN.`,
    'time-wait': (p) =>
      `Lesson: the ${side[p.side]} closed first, so it enters TIME_WAIT and keeps the connection's four-tuple for 2×MSL (Linux: a fixed 60 s), so that a lost last ACK can be sent again and old segments cannot leak into a new connection.`,
    'last-ack-done': (p) =>
      `Lesson: once the ${side[p.side]} gets this ACK it forgets the connection: the passive closer never waits in TIME_WAIT. ` +
      `From the first FIN to this ACK the close took ${p.packets} packet${p.packets === 1 ? '' : 's'}${p.flags.length > 0 ? ` (${p.flags.map((f) => `[${f}]`).join(' ')})` : ''}.`,
    rst: (p) =>
      (p.forged
        ? `Lesson: a RST carrying the ${side[p.by]}'s address ${phase[p.phase]}. No ACK of it, no FIN, no TIME_WAIT: the ${side[peer(p.by)]} that accepts it drops the connection at once, while the ${side[p.by]} still has its end open.`
        : `Lesson: a RST from the ${side[p.by]}'s address ${phase[p.phase]}${p.idleSeconds !== null ? ` (${p.idleSeconds} s of silence before it)` : ''}. No ACK of it, no FIN, no TIME_WAIT: the end that accepts it drops the connection at once; the end that really sent it has none left either.`) +
      (p.phase === 'handshake' && p.withAck
        ? ' A RST+ACK to a SYN (ack = ISN + 1) says "no socket took this SYN": nothing listens on that port, or a firewall rejects in the host\'s name. Either way connect() fails with ECONNREFUSED.'
        : ''),
    'dup-ack': (p) => `Lesson: duplicate ACK #${p.n}: the ${side[p.side]} still asks for byte ${p.ack}. Something arrived, but not the segment starting at ${p.ack}.`,
    sack: (p) => `Lesson: SACK ${p.blocks.map(([a, b]) => `${a}-${b}`).join(', ')}: these bytes already arrived beyond the hole at ${p.ack}, so only the hole needs resending.`,
    retransmission: (p) => {
      const first = `${p.originalLine !== null ? ` (first sent on line ${p.originalLine}` : ''}${p.originalLine !== null && p.afterMs !== null ? `, ${p.afterMs} ms earlier)` : p.originalLine !== null ? ')' : ''}`;
      if (p.cause === 'fast') return `Lesson: fast retransmission of ${p.from}:${p.to}${first}: the duplicate ACKs told the sender the segment was lost, no timer needed.`;
      if (p.cause === 'recovery') return `Lesson: ${p.from}:${p.to} is resent during recovery${first}: the SACK blocks show this hole too, so the sender fills it without waiting.`;
      return `Lesson: bytes ${p.from}:${p.to} are sent again${first}: no ACK came before the retransmission timer ran out.`;
    },
    'zero-window': (p) =>
      p.again
        ? `Lesson: still win 0: the ${side[p.side]}'s buffer is still full.`
        : `Lesson: win 0: the ${side[p.side]}'s receive buffer is full (its application is not reading). The peer must stop sending data.`,
    'window-probe': (p) =>
      `Lesson: a zero-window probe from the ${side[p.side]}: seq ${p.seq} is one below the next byte, no payload. It only provokes an ACK carrying the current window. ` +
      'Linux probes look exactly like keep-alives, which is why the finding above (like Wireshark) may call it one: what makes it a probe is the peer\'s window of 0.',
    'window-reopened': (p) => `Lesson: the ${side[p.side]}'s window opens again (${p.bytes} bytes): data can flow.`,
    'pair-seen': (p) => `Lesson: the ${side[p.other]}'s capture has this same segment on its line ${p.otherLine}.`,
    'pair-lost': (p) => `Lesson: this segment is in the server's capture only: it never reached the ${side[p.toward]}.`,
    'pair-forged': (p) =>
      `Lesson: the ${side[p.from]} never sent this RST: it is not in the ${side[p.from]}'s capture.` +
      (p.ttlSeen !== null && p.ttlPeer !== null ? ` It arrived with TTL ${p.ttlSeen} while the ${side[p.from]}'s real packets arrive with TTL ${p.ttlPeer}.` : '') +
      (p.tsMissing
        ? ` It carries no TCP timestamps, unlike the ${side[p.from]}'s other segments. That is weak evidence on its own: a kernel's no-connection RST${p.kernelRst !== null ? `, like the ${side[p.kernelRst.by]}'s on line ${p.kernelRst.line},` : ''} has none either.`
        : ''),
    'mss-rewritten': (p) => `Lesson: the ${side[p.from]} sent MSS ${p.sent}, the other side received MSS ${p.received}: a middlebox rewrote the option.`,
  },
  questions: {
    'client-isn': { q: () => 'What is the client\'s ISN (absolute)?', a: (p) => `${p.isn}` },
    'synack-ack': { q: () => 'What ack number does the SYN-ACK carry, and why?', a: (p) => `${p.ack} = client ISN ${p.isn} + 1 (the SYN uses one number)` },
    'handshake-packets': { q: () => 'How many packets did opening the connection take?', a: (p) => `${p.count}: SYN, SYN-ACK, ACK` },
    'next-seq': { q: (p) => `The ${side[p.side]} sent seq ${p.from} with ${p.len} bytes. What seq does its next new segment start at?`, a: (p) => `${p.next} = ${p.from} + ${p.len}` },
    'acked-bytes': { q: (p) => `When the ${side[p.side]} sends ack ${p.ack}, how many bytes has it received from the other side?`, a: (p) => `${p.bytes} bytes (numbers 1 to ${p.ack - 1}; ack ${p.ack} is the next byte expected)` },
    'window-bytes': { q: (p) => `The ${side[p.side]} prints win ${p.printed}. How many bytes is that?`, a: (p) => `${p.bytes} = ${p.printed} × 2^${p.scale} (window scale from the handshake)` },
    'close-packets': { q: () => 'How many packets did closing the connection take?', a: (p) => `${p.count}` },
    'time-wait-end': { q: () => 'Which end is left in TIME_WAIT, and why that one?', a: (p) => `the ${side[p.side]}: it sent the first FIN (active close)` },
    'fin-ack-value': { q: (p) => `A FIN has seq ${p.fin}. What ack acknowledges it?`, a: (p) => `${p.ack} = ${p.fin} + 1` },
    // RFC 9293 §3.10.7.1: an acceptable ack proves only that the segment it answers was seen; a device on the path can send a RST in the end's name.
    'rst-sender': {
      q: () => 'Where does the RST come from, and at what point of the connection?',
      a: (p) =>
        p.own
          ? `the TCP endpoint at the ${side[p.by]}'s address, ${phase[p.phase]} (the RST continues that endpoint's ${p.ts && p.ip ? 'timestamps and IP header' : p.ts ? 'timestamps' : 'IP header'}, which a firewall's REJECT reset would not): the ${side[p.by]} itself or a proxy/load balancer that terminates TCP in front of it`
          : `from the ${side[p.by]}'s address, ${phase[p.phase]}: the ${side[p.by]} itself or a device on the path in its name (this capture cannot tell which; a capture at the ${side[p.by]} can)`,
    },
    'refused-ack': { q: () => 'The RST carries an ack. What is it and what does it prove?', a: (p) => `${p.ack} = client ISN ${p.isn} + 1: it answers this very SYN: something on the path or the host saw it and refused (a host with no listener, or a firewall rejecting in its name)` },
    'idle-seconds': { q: () => 'How long was the connection silent before the RST?', a: (p) => `${p.seconds} s` },
    'forged-evidence': {
      q: () => 'What in the server\'s capture shows that the client did not send the RST?',
      a: (p) =>
        [
          'it is missing from the client\'s capture',
          ...(p.ttlSeen !== null && p.ttlPeer !== null ? [`TTL ${p.ttlSeen} instead of ${p.ttlPeer}`] : []),
          ...(p.tsMissing ? ['no TCP timestamps option (weak on its own: a kernel\'s no-connection RST has none either)'] : []),
        ].join('; '),
    },
    'mss-values': { q: () => 'Which MSS did the client send, which did the server receive, and how big are the data segments?', a: (p) => `sent ${p.sent}, received ${p.received}; segments of ${p.segment} bytes` },
    'rto-ms': { q: () => 'How long did the client wait before retransmitting?', a: (p) => `${p.ms} ms` },
    'dup-acks-before': { q: () => 'How many duplicate ACKs came before the fast retransmission, and which byte did they ask for?', a: (p) => `${p.count} duplicate ACKs, all asking for byte ${p.ack}` },
    'probe-count': { q: () => 'How many zero-window probes did the client send?', a: (p) => `${p.count}` },
  },
  why: {
    flags: (p) => `[${p.flags}]: what this segment does:`,
    'seq-continues': (p) => `It continues where the ${side[p.side]}'s previous segment (line ${p.prevLine}) ended: ${p.next}.`,
    'seq-goes-back': (p) => `The ${side[p.side]} had already reached ${p.next}, so ${p.answer} goes back: these bytes are sent again.`,
    'seq-jumps': (p) => `The ${side[p.side]}'s next byte was ${p.next}, but this starts at ${p.answer}: the bytes in between were not captured.`,
    'seq-first': (p) => `It is the ${side[p.side]}'s first segment here: its seq starts the numbering.`,
    'ack-all': (p) => `It acknowledges everything the ${side[peer(p.side)]} sent so far: the next byte expected is ${p.peerNext}.`,
    'ack-behind': (p) => `The ${side[peer(p.side)]} has sent up to ${p.peerNext}, but the ${side[p.side]} still asks for ${p.answer}: bytes from there are missing or not yet arrived.`,
    'ack-first': (p) => `It is the first ack from the ${side[p.side]}.`,
    'state-change': (p) => (p.from !== null ? `${Side_[p.end]}: ${p.from} → ${p.to}: ${en.states[p.to].meaning}.` : `${Side_[p.end]}: now ${p.to}: ${en.states[p.to].meaning}.`),
    'state-same': (p) => `This segment does not change the ${side[p.end]}'s state: it stays ${p.state}.`,
  },
  quiz: {
    intro: (c) => `Predict the next segment (${side[c.from]} → ${side[c.to]}).`,
    prompt: (c) => `${c.intro} ${c.ask}`,
    because: (c) => `${c.why} ${c.role}`,
    ask: {
      flags: 'Which flags will it carry?',
      seq: 'What (relative) seq will it carry?',
      ack: 'What (relative) ack will it carry?',
      state: (end) => `What state will the ${side[end]} be in after it?`,
    },
    correct: 'Correct.',
    wrong: (answer) => `Not quite: the answer is ${answer}.`,
    youChose: (c) => `You chose ${c.given}: ${c.meaning}.`,
    answerIs: (answer) => `Answer: ${answer}.`,
    notThis: (c) => `Not ${c.option}: ${c.meaning}.`,
    flagMeaning: {
      S: 'a SYN opens a connection (the first packet of a handshake)',
      'S.': 'a SYN-ACK answers a SYN (the second packet of a handshake)',
      '.': 'a bare ACK acknowledges what arrived and carries no data',
      'P.': 'data for the receiving application (PSH), with an ACK',
      'F.': 'a FIN: its sender has no more data to send',
      'FP.': 'the last data and the FIN in one segment',
      'R.': 'a reset with the ACK bit: the connection is aborted at once',
      R: 'a reset without the ACK bit: the connection is aborted at once',
    },
    score: (c) => `Score: ${c.right} right of ${c.answered} answered (${c.total} question${c.total === 1 ? '' : 's'}).`,
    revealed: (c) => `${c.shown} of ${c.total} answers revealed`,
    vote: 'Class vote: discuss, then press Enter to reveal the answer.',
    typeNumber: 'type a number, then Enter',
    chooseOption: 'press 1-4 (or a-d)',
    answerKey: 'Answer key',
    title: (lesson) => `Quiz: ${lesson}`,
    stepOf: (c) => `before line ${c.line} (step ${c.step})`,
  },
  ui: {
    lessons: 'Lessons',
    step: (c) => `step ${c.n}/${c.total}`,
    capture: { client: 'client capture', server: 'server capture' },
    colon: ': ',
    listSep: ', ',
    goals: 'Goals',
    questions: 'Questions',
    answer: 'answer',
    lesson: 'lesson',
    states: 'States',
    transition: (c) => (c.from !== null ? `${side[c.end]}: ${c.from} ──► ${c.to}` : `${side[c.end]}: now ${c.to}`),
    noChange: 'no state change',
    statesLine: (t) => `States: ${t}`,
    keys: '→ next ← back ↑↓ scroll N⏎ go to step g/G first/last r reveal d states q quit',
    quizKeys: '1-4 answer  Enter confirm  ← back  q quit',
    voteKeys: 'Enter: reveal the answer  ← back  q quit',
    slideMore: (n) => `${n === 1 ? 'one more point' : `${n} more points`} in the presenter notes`,
    legendLines: ['C[X] / [X]S: client / server is in X now', 'c/s: just left X: c(X), (X)s, c[X]S, C[X]s'],
    answersHidden: 'answers hidden: press a to show them',
    goTo: (t) => `go to step ${t}: press Enter`,
    scrolled: (c) => `lines ${c.from}-${c.to} of ${c.total}  ↑↓ scroll`,
    nextStage: (stage) => `→ shows ${{ numbers: 'the numbers', states: 'the states', point: 'the explanation' }[stage]}`,
    stepByStep: 'step by step',
    diagramKey: 'd: back to the explanation',
    teacherFile: {
      noCapture: (f) => `${f}: no "capture:" line naming the capture file`,
      badField: (c) => `${c.file}:${c.line}: cannot read "${c.text}" (expected e.g. "lines: 7-11")`,
      unknownPoint: (c) => `${c.file}:${c.line}: no lesson point '${c.code}' (there are: ${c.known})`,
      unknownQuestion: (c) => `${c.file}:${c.line}: no question '${c.code}' (there are: ${c.known}); a question of your own needs an "answer:" line under it`,
      noAnswer: (c) => `${c.file}:${c.line}: the question has no "answer:" line`,
      noTitle: (f) => `${f}: no "# Title" line`,
      noSuchLine: (c) => `${c.file}:${c.line}: input line ${c.target} is not one of the lesson's steps`,
    },
    end: 'end of the lesson',
    start: 'press → to reveal the first segment',
    diagram: 'RFC 9293 states',
    line: (n) => `line ${n}`,
    legend: 'C[X] / [X]S: client / server is in X now · c(X) / (X)s: the state it just left · c[X]S / C[X]s: one end just left X, the other is in it now',
    usage: 'tcplain lesson NAME   (e.g. tcplain lesson handshake)',
    unknownLesson: (c) => `no lesson '${c.name}' (there are: ${c.known})`,
  },
} satisfies LessonMessages;
