// RST forensics: what a RST is (refusal, no-connection, abort, or not sent by the end it claims), whether its receiver
// accepts it, and what later segments prove about it.

import { timestampsMissingStrong, type Finding, type ResetAcceptance, type ResetClass, type ResetConfidence, type ResetEvidence, type SegmentKind, type Side, type SynStack } from '../../model/findings';
import type { IpHeader, TcpRecord } from '../../model/line-result';
import type { TcpOption } from '../../model/tcp-options';
import type { TcpState } from '../../model/tcp-state';
import { ACK, FIN, RST, SYN } from '../../model/tcp-flags';
import { capturePointSure } from '../../model/verdict';
import { flowBytes, type Connection, type Flow, type ResetFact } from '../connection';
import type { SegmentContext } from '../segment-context';
import { seqAdd, seqDiff, seqGe, seqLt } from '../seq32';
import { roundSeconds } from '../timestamp';
import { capturePointOf } from './capture-point';
import { resetPhase } from './lifecycle';
import { scaleOf } from './window';

/** At most this many hosts' TTLs are remembered for refusals (oldest forgotten first). */
const HOST_TTL_MEMORY = 4096;
/** An IP id this far (or less) above the sender's last one still follows its counter (mod 2^16). */
const ID_STEP = 1024;

/** TS val of a segment's timestamp option, or -1. */
export function tsValOf(options: readonly TcpOption[] | null): number {
  if (options === null || options.length === 0) return -1;
  // Most segments print `nop,nop,TS val … ecr …`: the option is last.
  const last = options[options.length - 1];
  if (last.kind === 'ts') return last.val;
  for (let i = 0; i < options.length - 1; i++) {
    const o = options[i];
    if (o.kind === 'ts') return o.val;
  }
  return -1;
}

const ttlOf = (ip: IpHeader): number => (ip.ttl ?? ip.hlim ?? -1);

/**
 * What a sender's `-v` IP header and timestamps were, kept for comparing its RSTs with (numbers only): TTL/hop limit,
 * IPv4 id and whether it counts up, highest TS val; and each host's TTL across connections for refusals.
 */
export function noteSenderFacts(S: Flow, rec: TcpRecord, hostTtl: Map<string, number>, bits: number): void {
  const ip = rec.ip;
  if (ip !== null) {
    const ttl = ttlOf(ip);
    if (ttl >= 0 && ttl !== S.ttl) {
      S.ttl = ttl;
      const host = rec.src.host;
      hostTtl.delete(host);
      hostTtl.set(host, ttl);
      if (hostTtl.size > HOST_TTL_MEMORY) hostTtl.delete(hostTtl.keys().next().value as string);
    }
    if (ip.ipFlags !== null) S.df = ip.ipFlags.includes('DF') ? 1 : 0;
    const id = ip.id;
    if (id !== null) {
      if (S.ipId >= 0) {
        const d = (id - S.ipId) & 0xffff;
        if (d >= 1 && d <= ID_STEP) S.ipIdUp++;
      }
      S.ipId = id;
    }
  }
  // Timestamps only where this end offered them in its SYN, or where its SYN was not seen.
  if ((bits & SYN) === 0 && (S.tsOk || !S.synSeen)) {
    const ts = tsValOf(rec.options);
    if (ts >= 0 && (S.tsVal < 0 || seqGe(ts, S.tsVal))) S.tsVal = ts;
  }
}

/** What the tracker needs back from a classified RST. */
export interface ResetResult {
  cls: ResetClass;
  confidence: ResetConfidence;
  evidence: ResetEvidence[];
  acceptance: ResetAcceptance;
  /** The sender's end had no connection (refusal, no-connection): it is CLOSED before and after, no transition. */
  senderWasClosed: boolean;
  /** Evidence that the claimed sender did not send it: only its receiver's state changes. */
  notFromSender: boolean;
}

/** Sender facts before the RST's own numbers were applied to its flow. */
export interface BeforeRst {
  nextSeq: number;
  window: number;
}

const has = (ev: readonly ResetEvidence[], code: ResetEvidence['code']): boolean => {
  for (let i = 0; i < ev.length; i++) if (ev[i].code === code) return true;
  return false;
};

/**
 * REFUSAL
 * RST+ACK answering a SYN (its sender sent no SYN-ACK), ack = the SYN's ISN + 1: what a host sends when the SYN finds
 * no socket, i.e. the port is CLOSED there (RFC 9293 §3.10.7.1: "If the ACK bit is off, sequence number zero is used,
 * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>"; Linux tcp_v4_send_reset, window 0), or a firewall's REJECT with a TCP
 * reset (netfilter nf_send_reset builds the same segment). The client's connect() fails with ECONNREFUSED (Linux
 * tcp_reset in SYN-SENT). With -v, that host's TTL on other connections tells which when it differs: the host's own
 * RST leaves with the same initial TTL as its other packets, a firewall's with its own, after fewer hops. A TTL still
 * at a common initial value (64 Linux, 128 Windows, 255 network devices) crossed no router: the RST came from the
 * capturing host's own link (or the capturing host), which a server behind a router cannot be. The SYN→RST delay
 * is kept: captured on the server, an answer within microseconds is that host's own (its stack or its own firewall).
 */
function refusal(ctx: SegmentContext, rec: TcpRecord, hostTtl: Map<string, number>, ev: ResetEvidence[]): boolean {
  const { S, R } = ctx;
  if ((ctx.bits & ACK) === 0 || S.synSeen || R.synCount === 0 || R.isn < 0) return false;
  if (ctx.ack !== seqAdd(R.isn, 1)) return false;
  if (flowBytes(R, S) > 0) return false;
  ev.push({ code: 'answers-syn' });
  // The delay from SYN to RST: microseconds when the capture sits on the refusing host (its stack answers at once).
  if (Number.isFinite(ctx.time) && Number.isFinite(R.lastSynTime) && ctx.time >= R.lastSynTime) ev.push({ code: 'answer-delay', seconds: ctx.time - R.lastSynTime });
  const ip = rec.ip;
  if (ip !== null) {
    const ttl = ttlOf(ip);
    const usual = hostTtl.get(rec.src.host);
    if (ttl >= 0) {
      if (usual === undefined) ev.push({ code: 'host-unseen' });
      else if (usual === ttl) ev.push({ code: 'ttl-as-host', ttl });
      else ev.push({ code: 'ttl-unlike-host', ttl, usual });
      if (usual !== ttl && (ttl === 64 || ttl === 128 || ttl === 255)) ev.push({ code: 'ttl-initial', ttl });
    }
  }
  return true;
}

/**
 * NO-CONNECTION
 * No ACK bit, seq = the ACK field of the segment it answers (the peer's last one): RFC 9293 §3.10.7.1, "If the ACK bit
 * is on, <SEQ=SEG.ACK><CTL=RST>" — the reply of a host that has no connection for this 4-tuple (Linux
 * tcp_v4_send_reset without a socket: window 0, no options, IP id 0). Its sender had the connection earlier (it sent on
 * it), so it lost it in between: it restarted, an earlier RST reached it, or its state expired. That earlier event is
 * what to look for. One exception keeps the connection: an end that already closed (FIN sent) and still gets data
 * resets in this same form (Linux tcp_rcv_state_process, LINUX_MIB_TCPABORTONDATA; RFC 9293 §3.10.7.4 / RFC 1122
 * §4.2.2.13): an abort, data-after-close.
 */
function noAck(ctx: SegmentContext, ev: ResetEvidence[]): ResetClass {
  const { S, R } = ctx;
  const trig = R.lastAck;
  if (trig < 0 || ctx.seq < 0) return 'no-connection';
  if (ctx.seq !== trig) {
    ev.push({ code: 'seq-unlike', seq: ctx.seq, expected: trig });
    return 'suspect';
  }
  ev.push({ code: 'seq-is-peer-ack', seq: ctx.seq, line: R.lastLine });
  const dataEnd = R.finSeen && R.finSeq >= 0 ? R.finSeq : R.nextSeq;
  if (S.finSeen && R.lastDataSeq >= 0 && dataEnd >= 0 && (S.maxAck < 0 || seqLt(S.maxAck, dataEnd))) {
    // Data this end never acknowledged arrived after its FIN (its application had closed). Whether the data's sender had
    // that FIN when it sent them: its ack field covers the FIN (then its application wrote after the close reached it),
    // or not (the data and the FIN crossed on the wire).
    const finEnd = S.finSeq >= 0 ? seqAdd(S.finSeq, 1) : -1;
    const idle = S.finAfterData;
    ev.push({ code: 'data-after-close', crossed: finEnd < 0 || R.lastAck < 0 ? null : !seqGe(R.lastAck, finEnd), finAfterData: Number.isNaN(idle) ? null : roundSeconds(idle) });
    return 'abort';
  }
  // ANSWERS NOTHING
  // A RST without ACK from a host that has no connection is a reply to an arriving segment (RFC 9293 §3.10.7.1; Linux
  // tcp_v4_rcv → tcp_v4_send_reset when no socket matches). It is taken as answering nothing only when the capture
  // proves the sender had received the peer's last segment: that segment carried data, a SYN or a FIN, and the
  // sender's own later segment acknowledged it (a pure ACK, a window update or a keep-alive probe of the peer's can
  // cross the sender's segment and draw a genuine reply: RST+ACK then RST). A segment the peer sent after it would
  // pass any capture point on the path before the RST, so none came unless tcpdump dropped it. Nor is it an abortive
  // close: only when the sender's SYN has Linux's, FreeBSD's or macOS's option layout (heuristics/linux-syn.ts) is that
  // known, since Linux aborts with RST+ACK (tcp_send_active_reset), and so do FreeBSD and XNU (tcp_drop → tcp_output
  // in CLOSED: tcp_outflags[TCPS_CLOSED] = TH_RST|TH_ACK), while RFC 9293 §3.10.4's ABORT, and Solaris/illumos
  // tcp_close, send a bare RST (Windows adds ACK too, but no source says so for every path: its layout is left out). And no RST came before on the connection (an end's own RST+ACK followed by its reply to a crossing
  // segment is the usual pair). rst-both/server.txt: the Linux client's bare RST 0.76 ms after its own ACK of the
  // server's last data.
  const stack: SynStack | null = S.linuxSyn ? 'linux' : S.bsdSyn;
  if (
    ctx.conn.reset === null &&
    stack !== null &&
    R.lastLine > 0 &&
    S.lastLine > R.lastLine &&
    S.lastLine < ctx.line &&
    answerable(lastSegmentKind(R)) &&
    S.lastAck >= 0 &&
    dataEnd >= 0 &&
    !seqLt(S.lastAck, dataEnd)
  ) {
    ev.push({ code: 'answers-nothing', line: R.lastLine, ackLine: S.lastLine, stack });
    return 'suspect';
  }
  return 'no-connection';
}

/**
 * ABORT
 * ACK set, seq = the sender's next sequence number (Linux tcp_send_active_reset: tcp_acceptable_seq = snd_nxt), sent
 * through the socket by tcp_transmit_skb with its current window and, once negotiated, its timestamps (RFC 7323 §3.2:
 * SHOULD on a RST; FreeBSD too, not macOS/iOS or OpenBSD: TIMESTAMPS MISSING), the IP id following the socket's counter. Causes: close() with unread data (RFC 9293
 * §3.6.1, RFC 2525 §2.17; also a crash or exit with data unread), SO_LINGER 0 (often on an application or idle
 * timeout), or the kernel giving up on keep-alive (tcp_keepalive_timer → tcp_send_active_reset). A retransmission
 * give-up sends no RST (tcp_write_timeout → tcp_write_err → tcp_done). The window is recorded but proves nothing
 * about the sender (any device on the path can copy it, RFC 5961 §1); continuing timestamps rule out a netfilter
 * REJECT (nf_send_reset: no options) but not a proxy that terminates TCP at that address.
 */
function ackForm(ctx: SegmentContext, rec: TcpRecord, before: BeforeRst, ev: ResetEvidence[]): ResetClass {
  const { S, R, conn } = ctx;
  let cls: ResetClass = 'abort';
  if (ctx.seq >= 0 && before.nextSeq >= 0) {
    if (ctx.seq === before.nextSeq || ctx.seq === R.maxAck) ev.push({ code: 'seq-is-next', seq: ctx.seq });
    else {
      ev.push({ code: 'seq-unlike', seq: ctx.seq, expected: before.nextSeq });
      cls = 'suspect';
    }
  }
  // RST WINDOW: a non-zero window is recorded (Linux's active reset carries the socket's window, tcp_transmit_skb →
  // tcp_select_window); window 0 is no evidence against the sender: FreeBSD/XNU tcp_respond() computes a window only
  // `if (!(flags & TH_RST))`, Windows sends every RST with window 0, and so does Linux's no-socket reply
  // (tcp_v4_send_reset). A non-zero window unlike earlier ones proves nothing either: the window moves with the buffer.
  if (ctx.win > 0) ev.push({ code: 'window-usual', win: ctx.win });
  // Negotiated in both SYNs (or seen on this end's later segments): TIMESTAMPS MISSING in suspicion says what their
  // absence is worth. A macOS/iOS layout expects none on a RST: no evidence at all.
  if (conn.c.tsOk && conn.s.tsOk && (S.tsVal >= 0 || S.synSeen)) {
    const ts = tsValOf(rec.options);
    const fromSyn: SynStack | null = S.linuxSyn ? 'linux' : S.bsdSyn;
    const stack = fromSyn ?? S.synAckStack;
    if (ts < 0) {
      if (stack !== 'macos') ev.push({ code: 'timestamps-missing', last: S.tsVal, stack, fromSynAck: fromSyn === null && stack !== null });
    } else if (S.tsVal >= 0 && seqGe(ts, S.tsVal)) ev.push({ code: 'timestamps-continue', val: ts, last: S.tsVal, inSyn: false });
    else if (S.tsVal < 0 && S.synTsVal >= 0 && seqGe(ts, S.synTsVal)) ev.push({ code: 'timestamps-continue', val: ts, last: S.synTsVal, inSyn: true });
  }
  return cls;
}

/**
 * SUSPECT (forged, or sent by a middlebox in the claimed end's name)
 * A capture can show that a RST did not come from the end whose address it carries:
 * - with -v, a TTL (hop limit) unlike that end's other packets on this connection: the same host sends every packet
 *   with the same initial TTL over the same path (Linux: sysctl ip_default_ttl for its own RSTs too) → likely;
 * - an IP id out of that end's counter (a socket's RST+ACK follows it; Linux's RST without ACK, built from the segment
 *   it answers by tcp_v4_send_reset, has id 0, so 0 is no evidence for the no-connection form nor for the reset of data
 *   after close: samples/reuse-after-close/server-v.txt, ids 7827-7829 then the RST's 0), a seq matching neither RST
 *   form → possible; weaker alone, possible together:
 *   Don't Fragment unlike the end's other packets (Linux sets DF on its own RSTs too: ip_send_unicast_reply with
 *   IP_PMTUDISC), timestamps missing on a RST+ACK from an end that always sent them (not a window 0: Windows and
 *   BSD stacks send every RST with window 0, Linux its no-socket RST; see RST WINDOW in ackForm);
 * - later: more RSTs in its name with other sequence numbers (a forger guessing the window) → likely, or the claimed end
 *   keeps talking after "its" RST (checkAfterReset) → certain when its timestamps or IP ids continue.
 */
function suspicion(ctx: SegmentContext, rec: TcpRecord, cls: ResetClass, ev: ResetEvidence[]): { strong: boolean; weak: number } {
  const { S } = ctx;
  let strong = false;
  let weak = 0;
  const ip = rec.ip;
  if (ip !== null) {
    const ttl = ttlOf(ip);
    if (ttl >= 0 && S.ttl >= 0) {
      if (ttl !== S.ttl) {
        ev.push({ code: 'ttl-differs', ttl, usual: S.ttl });
        strong = true;
      } else ev.push({ code: 'ttl-same', ttl });
    }
    const id = ip.id;
    if (id !== null && S.ipId >= 0 && !(id === 0 && (cls === 'no-connection' || has(ev, 'data-after-close')))) {
      const d = (id - S.ipId) & 0xffff;
      if (S.ipId > 0 && d >= 1 && d <= ID_STEP) ev.push({ code: 'ip-id-follows', id, last: S.ipId });
      else if (S.ipIdUp >= 1) {
        ev.push({ code: 'ip-id-out-of-sequence', id, last: S.ipId });
        weak += 2;
      }
    }
    if (ip.ipFlags !== null && S.df >= 0 && (ip.ipFlags.includes('DF') ? 1 : 0) !== S.df) {
      ev.push({ code: 'df-differs', df: S.df === 0 });
      weak++;
    }
  }
  if (has(ev, 'seq-unlike')) weak += 2;
  // TIMESTAMPS MISSING
  // Once both SYNs negotiated timestamps, RFC 7323 §3.2 has them "sent in every non-<RST> segment" but only SHOULD on
  // a RST. Linux's abort carries them (tcp_send_active_reset → tcp_transmit_skb → tcp_established_options), and so
  // does FreeBSD's (tcp_output adds TOF_TS whenever negotiated, RST or not); XNU (macOS, iOS) and OpenBSD tcp_output
  // leave them off every RST (`(flags & TH_RST) == 0`), and Windows RSTs commonly carry no options. So a RST+ACK
  // without them counts enough alone for "possibly" only when the sender's own SYN has Linux's or FreeBSD's layout
  // (heuristics/linux-syn.ts). A SYN-ACK's layout is weaker (a SYN proxy such as netfilter SYNPROXY or a scrubbing
  // service can answer the SYN in front of another stack), and no known layout says nothing: a supporting clue only.
  const noTs = ev.find((e) => e.code === 'timestamps-missing');
  if (noTs !== undefined && noTs.code === 'timestamps-missing') weak += timestampsMissingStrong(noTs) ? 2 : 1;
  return { strong, weak };
}

/**
 * UNANSWERED REQUEST
 * A RST+ACK from the server that had sent data before, when the client then sent more (a further request: its data
 * reaches beyond the ack the server's last data segment carried), no reply followed, and the RST's ack covers it all.
 * A RST+ACK leaving the server's own socket carries ack = its RCV.NXT (Linux tcp_send_active_reset → tcp_transmit_skb),
 * so that ack alone shows the server's TCP had received the request; an earlier pure ACK of it is named when there is
 * one (a close within the 40 ms or more of a delayed ACK comes before any: samples/reuse-before-close). The server's
 * TCP had the request, its application never answered it: closing a socket with data still unread sends RST, not FIN
 * (RFC 9293 §3.6.1, RFC 2525 §2.17; Linux tcp_close: data_was_unread → tcp_send_active_reset); SO_LINGER 0 would
 * too. How long the request sat before the RST tells a server that was not reading from a close racing the client's
 * reuse (NOT A RACE); how long after the server's answer the client sent it tells an idle timer from a limit.
 */
function unansweredRequest(ctx: SegmentContext): ResetEvidence | null {
  const { S, R } = ctx;
  if (ctx.sender !== 'server' || (ctx.bits & ACK) === 0 || R.finSeen || S.finSeen) return null;
  const dataEnd = R.nextSeq;
  if (S.dataAck < 0 || dataEnd < 0 || R.lastDataLine <= S.lastDataLine || !seqLt(S.dataAck, dataEnd) || ctx.ack !== dataEnd) return null;
  // maxAck already holds this RST's own ack (flow state is updated before the RST is classified): an earlier ACK of the
  // whole request is the one on maxAckLine when that line lies between the request and the RST.
  const ackLine = S.maxAck === dataEnd && S.maxAckLine > R.lastDataLine && S.maxAckLine < ctx.line ? S.maxAckLine : null;
  const wait = Number.isNaN(ctx.time) || Number.isNaN(R.dataTime) ? NaN : ctx.time - R.dataTime;
  const rtt = ctx.conn.hs.rtt;
  const unread = Number.isNaN(wait) ? null : wait > Math.max(RACE_MIN, Number.isNaN(rtt) ? 0 : RACE_RTT_FACTOR * rtt);
  const since = Number.isNaN(R.dataTime) || Number.isNaN(S.dataTime) ? NaN : R.dataTime - S.dataTime;
  return {
    code: 'unanswered-data',
    line: R.lastDataLine,
    ackLine,
    bytes: seqDiff(S.dataAck, dataEnd),
    seconds: Number.isNaN(wait) ? null : roundSeconds(wait),
    unread,
    sinceAnswer: Number.isNaN(since) || since < 0 ? null : roundSeconds(since),
  };
}

/**
 * ABORT TIMING
 * A client's RST+ACK abort (close() with unread data or SO_LINGER 0, RFC 9293 §3.6.1) comes from its application, and
 * a timeout is only one reason. Its timing tells: the time from the client's last data (its request) to the RST, and
 * from the server's last data to the RST, measure what a request deadline or a read (inactivity) timeout would; the
 * connection's age what a deadline counted from connect would (curl --max-time). A timeout is plausible when one of
 * them is at least TIMEOUT_MIN (client timeouts are set in seconds), or within ROUND_SLACK of a round value below
 * that (a multiple of 100 ms, or 250/750 ms: what people configure; the timer fires and close() sends the RST within
 * a few ms). Otherwise the application most likely aborted on its own (a cancel, a crash or exit, a close() with data
 * unread), unless a deadline started before anything the capture shows (name lookup, a queued or pooled request: curl
 * --max-time counts from the transfer's start) or a late timer fired more than ROUND_SLACK late: weak evidence, said so.
 * Only for the client's own abort with data sent and timestamps printed, not for its kernel's keep-alive give-up.
 */
const TIMEOUT_MIN = 1;
const ROUND_STEPS = [0.1, 0.25];
const ROUND_SLACK = 0.005;

/** A length of time someone would configure as a timeout (ABORT TIMING). */
function timeoutLike(t: number): boolean {
  if (Number.isNaN(t) || t < 0) return false;
  if (t >= TIMEOUT_MIN) return true;
  return ROUND_STEPS.some((step) => {
    const k = Math.round(t / step);
    return k >= 1 && Math.abs(t - k * step) <= ROUND_SLACK;
  });
}

function abortTiming(ctx: SegmentContext, ev: readonly ResetEvidence[]): ResetEvidence | null {
  const { S, R, conn } = ctx;
  if (ctx.sender !== 'client' || (ctx.bits & ACK) === 0 || has(ev, 'data-after-close') || S.lastDataLine <= 0 || conn.kaTimeoutBy === 'client') return null;
  if (Number.isNaN(ctx.time) || Number.isNaN(S.dataTime)) return null;
  const sinceData = ctx.time - S.dataTime;
  const sincePeer = R.lastDataLine > 0 && !Number.isNaN(R.dataTime) ? ctx.time - R.dataTime : NaN;
  const age = Number.isNaN(conn.firstTime) ? NaN : ctx.time - conn.firstTime;
  return {
    code: 'abort-timing',
    line: S.lastDataLine,
    seconds: roundSeconds(sinceData),
    peerLine: Number.isNaN(sincePeer) ? null : R.lastDataLine,
    peerSeconds: Number.isNaN(sincePeer) ? null : roundSeconds(sincePeer),
    timeoutLike: timeoutLike(sinceData) || timeoutLike(sincePeer) || timeoutLike(age),
    synSeconds: Number.isNaN(S.firstSynTime) || ctx.time < S.firstSynTime ? null : roundSeconds(ctx.time - S.firstSynTime),
  };
}

/**
 * NOT A RACE
 * A server closing an idle keep-alive connection just as the client reuses it sends its RST within moments of the
 * request's arrival: the request came in just before close() (Linux tcp_close: data_was_unread →
 * tcp_send_active_reset), so request → RST is at most about a round trip as seen anywhere on the path. A request that
 * sat acknowledged for longer than RACE_RTT_FACTOR handshake round trips and RACE_MIN was not being read at all: the
 * application serves one request per connection or had already decided to close, and closed without draining it.
 */
const RACE_MIN = 0.01;
const RACE_RTT_FACTOR = 2;

/** A segment whose receipt the sender's later ACK proves: data, a SYN or a FIN (not a pure ACK, nor a RST). */
const answerable = (k: SegmentKind): boolean => k === 'data' || k === 'syn' || k === 'syn-ack' || k === 'fin';

/** What a sender's last segment was, from its flags (had-connection): a RST first, whatever else it carries. */
function lastSegmentKind(S: Flow): SegmentKind {
  const flags = S.lastBits;
  if ((flags & RST) !== 0) return 'rst';
  if ((flags & SYN) !== 0) return (flags & ACK) !== 0 ? 'syn-ack' : 'syn';
  if ((flags & FIN) !== 0) return 'fin';
  return S.lastLen > 0 ? 'data' : 'ack';
}

/**
 * REJECT FORM
 * netfilter's nf_send_reset (iptables/nftables REJECT --reject-with tcp-reset) answers the segment that matched the
 * rule with a RST built from it alone: no ACK bit when that segment had one, seq = its ack field, IP id 0, DF set,
 * the device's own initial TTL (sysctl ip_default_ttl). With -v, IP id 0 on a no-ACK RST whose seq is the peer's ack
 * is that shape; it is also the shape of a Linux host's own no-socket reply (tcp_v4_send_reset), which the TTL tells
 * apart. Stated only for a RST already suspect (TTL unlike the claimed sender): then the device that sent it matched
 * the segment it answers, and most likely dropped that segment too.
 */
function rejectForm(rec: TcpRecord, ev: readonly ResetEvidence[], R: Flow, hadRst: boolean): ResetEvidence | null {
  const form = ev.find((e) => e.code === 'seq-is-peer-ack');
  const ip = rec.ip;
  if (form === undefined || form.code !== 'seq-is-peer-ack' || ip === null || ip.id !== 0 || !has(ev, 'ttl-differs')) return null;
  const ttl = ttlOf(ip);
  // A resend answered while its first copy drew none (no earlier RST on the connection): dropped first, reset later.
  const firstCopy = !hadRst && R.rtxLine === form.line && R.rtxFirstLine > 0 ? R.rtxFirstLine : null;
  return { code: 'reject-form', line: form.line, what: R.lastLine === form.line ? lastSegmentKind(R) : 'ack', df: ip.ipFlags !== null && ip.ipFlags.includes('DF'), ttl: ttl === 64 || ttl === 128 || ttl === 255 ? ttl : null, firstCopy };
}

/**
 * RST ACCEPTANCE
 * What the receiver does with it, from its state before it:
 * - SYN-SENT (RFC 9293 §3.10.7.3): the RST counts when its ACK acknowledges the SYN (ack = ISN + 1); the seq is not
 *   checked. Without an ACK bit, or with another ack, it is dropped.
 * - synchronized states (RFC 5961 §3.2, Linux tcp_validate_incoming): only SEG.SEQ = RCV.NXT resets (Linux also takes
 *   RCV.NXT − 1 in CLOSE-WAIT, CLOSING and LAST-ACK: tcp_reset_check); another seq inside the receive window draws a
 *   challenge ACK (tcp_send_challenge_ack) and leaves the connection open; outside the window it is dropped.
 * RCV.NXT is not printed: it is the receiver's highest ack so far, or the sender's next seq when the receiver may have
 * received everything sent.
 */
export function resetAcceptance(ctx: SegmentContext, receiverState: TcpState | null, before: BeforeRst): ResetAcceptance {
  const { S, R } = ctx;
  if (receiverState === 'SYN_SENT') {
    return (ctx.bits & ACK) !== 0 && R.isn >= 0 && ctx.ack === seqAdd(R.isn, 1) ? 'reset' : 'ignored';
  }
  // RFC 9293 §3.10.7.1: a RST reaching an end with no connection (CLOSED) is discarded.
  if (receiverState === 'CLOSED') return 'ignored';
  if (receiverState === null || receiverState === 'LISTEN' || receiverState === 'TIME_WAIT') return 'reset';
  const seq = ctx.seq;
  const rcvNxt = R.maxAck;
  if (seq < 0 || (rcvNxt < 0 && before.nextSeq < 0)) return 'reset';
  if (seq === rcvNxt || seq === before.nextSeq) return 'reset';
  if (rcvNxt < 0) return 'reset';
  if ((receiverState === 'CLOSE_WAIT' || receiverState === 'CLOSING' || receiverState === 'LAST_ACK') && seq === seqAdd(rcvNxt, -1)) return 'reset';
  const wnd = R.window < 0 ? 0 : R.winScale >= 0 ? R.window * scaleOf(R.winScale) : R.window;
  return seqGe(seq, rcvNxt) && seqLt(seq, seqAdd(rcvNxt, Math.max(wnd, 1))) ? 'challenge' : 'ignored';
}

/**
 * ACCEPTED BEYOND THE LAST ACK
 * A RST taken as accepted because its seq is the sender's next seq, while the receiver's highest ack is lower: RCV.NXT
 * equals that seq only once the sender's data in between has arrived. Until the receiver acknowledges it, or sends
 * with a lower ack (RST NOT TAKEN), either may be true: the words say both (RFC 5961 §3.2: a challenge ACK otherwise).
 */
function beyondAck(ctx: SegmentContext, receiverState: TcpState | null, before: BeforeRst): { bytes: number; line: number | null } | null {
  const { S, R } = ctx;
  if (!synchronized(receiverState) || ctx.seq < 0 || R.maxAck < 0 || ctx.seq === R.maxAck || ctx.seq !== before.nextSeq || !seqLt(R.maxAck, ctx.seq)) return null;
  return { bytes: seqDiff(R.maxAck, ctx.seq), line: S.lastDataSeq === R.maxAck && S.lastDataLine > 0 ? S.lastDataLine : null };
}

/**
 * DATA LOST WITH A RESET
 * A reset connection's send queue is purged (RFC 9293 §3.10.7.4: "all segment queues should be flushed"; Linux tcp_reset
 * → tcp_done → tcp_write_queue_purge): unsent data and data sent but not yet acknowledged are both gone. Of the
 * latter the capture shows the receiver's bytes beyond the RST sender's highest ACK (a FIN's number excluded); unknown
 * when that sender never acknowledged anything. The line is named when those bytes are exactly its latest data segment.
 */
function unackedAtReset(ctx: SegmentContext): { bytes: number; line: number | null } | null {
  const { S, R } = ctx;
  const dataEnd = R.finSeen && R.finSeq >= 0 ? R.finSeq : R.nextSeq;
  if (R.lastDataSeq < 0 || dataEnd < 0 || S.maxAck < 0 || !seqLt(S.maxAck, dataEnd)) return null;
  const bytes = seqDiff(S.maxAck, dataEnd);
  return { bytes, line: S.maxAck === R.lastDataSeq && R.lastDataLine > 0 ? R.lastDataLine : null };
}

/**
 * Classify a RST and report it (`tcp.rst`). `first`: the connection's first RST (later ones name it in `afterLine`).
 * Phase and byte counts as before (heuristics/lifecycle resetPhase).
 */
export function classifyReset(
  ctx: SegmentContext,
  rec: TcpRecord,
  before: BeforeRst,
  hostTtl: Map<string, number>,
  receiverState: TcpState | null,
  senderState: TcpState | null,
): ResetResult {
  const { conn, S } = ctx;
  const ev: ResetEvidence[] = [];
  const earlier = conn.reset;
  let cls: ResetClass;
  let confidence: ResetConfidence;
  if (earlier === null && refusal(ctx, rec, hostTtl, ev)) {
    cls = 'refusal';
    confidence = 'certain';
  } else {
    cls = (ctx.bits & ACK) === 0 ? noAck(ctx, ev) : ackForm(ctx, rec, before, ev);
    confidence = cls === 'suspect' ? 'possible' : ev.length > 0 ? 'likely' : 'possible';
    const { strong, weak } = suspicion(ctx, rec, cls, ev);
    // Context: the data this RST answers, when the sender last showed it had the connection, an earlier RST.
    const R = ctx.R;
    const dataEnd = R.finSeen && R.finSeq >= 0 ? R.finSeq : R.nextSeq;
    if (R.lastDataSeq >= 0 && dataEnd >= 0 && (S.maxAck < 0 || seqLt(S.maxAck, dataEnd))) {
      ev.push({ code: 'data-unacked', copies: R.lastDataCopies });
    }
    if (cls === 'abort') {
      const unanswered = unansweredRequest(ctx);
      if (unanswered !== null) ev.push(unanswered);
      const timing = abortTiming(ctx, ev);
      if (timing !== null) ev.push(timing);
    }
    // An end's own RST+ACK, then its bare reply to a segment of the peer's that crossed it (RFC 9293 §3.10.7.1): the
    // end had closed itself, not lost the connection. Only when that RST was not judged forged, and the peer's
    // segment acknowledges exactly up to the RST's seq: sent before the RST arrived. A peer segment expecting a lower
    // byte had not taken the RST (RST NOT TAKEN: a challenge ACK, RFC 5961 §3.2, or a crossing): own-rst-not-taken.
    // PAIR ANSWERING NOTHING
    // A bare RST after a RST+ACK in the same end's name, when the peer's last segment came before that RST+ACK, took
    // sequence space (data, SYN or FIN) and is already covered by that RST+ACK's ack: the RST+ACK's sender had it, so
    // it cannot have crossed the RST+ACK, and nothing of the peer's follows. A host without the connection sends a RST
    // without ACK only in reply to an arriving segment (RFC 9293 §3.10.7.1; Linux tcp_v4_send_reset from the receive
    // path): this one answers nothing. A RST+ACK and a bare RST back to back is what injecting devices send; the
    // verdict's RST+ACK is marked possibly injected too (followed-by-bare-rst). Not when that RST+ACK was already
    // judged likely forged (AFTER A FORGED RST covers the pair then).
    const pairNothing =
      cls === 'no-connection' &&
      earlier !== null &&
      earlier.by === ctx.sender &&
      earlier.withAck &&
      earlier.ack >= 0 &&
      !(earlier.cls === 'suspect' && earlier.confidence !== 'possible') &&
      has(ev, 'seq-is-peer-ack') &&
      R.lastLine > 0 &&
      R.lastLine < earlier.line &&
      answerable(lastSegmentKind(R)) &&
      R.nextSeq >= 0 &&
      !seqLt(earlier.ack, R.nextSeq);
    if (pairNothing && earlier !== null) {
      const gap = Number.isNaN(ctx.time) || Number.isNaN(earlier.time) ? null : roundSeconds(ctx.time - earlier.time);
      ev.push({ code: 'pair-answers-nothing', line: R.lastLine, rstLine: earlier.line, ack: earlier.ack, seconds: gap, sameSeq: ctx.seq === earlier.seq });
      earlier.evidence = [...earlier.evidence, { code: 'followed-by-bare-rst', line: ctx.line, seconds: gap }];
      if (earlier.cls !== 'suspect') {
        earlier.cls = 'suspect';
        earlier.confidence = 'possible';
      }
    }
    const ownEarlier = !pairNothing && cls === 'no-connection' && earlier !== null && earlier.by === ctx.sender && earlier.cls !== 'suspect' && earlier.seq >= 0 && R.lastAck >= 0;
    if (ownEarlier && R.lastAck === earlier.seq) {
      ev.push({ code: 'own-earlier-rst', line: earlier.line });
    } else if (ownEarlier && has(ev, 'seq-is-peer-ack') && R.lastLine > earlier.line && seqLt(R.lastAck, earlier.seq)) {
      ev.push({ code: 'own-rst-not-taken', line: earlier.line, peerLine: R.lastLine, peerWhat: peerWhat(R), ...shortOf(S, R.lastAck, earlier.seq) });
    } else if (cls === 'no-connection' && !pairNothing && S.lastLine > 0) ev.push({ code: 'had-connection', line: S.lastLine, what: lastSegmentKind(S), nth: S.lastLine === R.lastLine || S.lastLine === ctx.line ? S.lastNth : null });
    // The capture point's own kernel giving up after unanswered keep-alives (heuristics/keepalive.ts, just before).
    if (conn.kaTimeoutBy === ctx.sender && (ctx.bits & ACK) !== 0) ev.push({ code: 'keepalive-gave-up', probes: conn.kaTimeoutProbes, fromLine: S.kaRunLine, answersLost: conn.kaReturnBroken });
    const reject = rejectForm(rec, ev, R, earlier !== null);
    if (reject !== null) ev.push(reject);
    if (earlier !== null && earlier.by !== ctx.sender) ev.push({ code: 'earlier-rst', line: earlier.line });
    if (earlier !== null && earlier.by === ctx.sender && ctx.seq >= 0 && earlier.seq >= 0 && ctx.seq !== earlier.seq && !has(ev, 'seq-is-peer-ack')) {
      earlier.burst++;
      ev.push({ code: 'rst-burst', count: earlier.burst + 1 });
    }
    if (strong || has(ev, 'rst-burst') || has(ev, 'answers-nothing')) {
      cls = 'suspect';
      confidence = 'likely';
    } else if (cls === 'suspect' || weak >= 2 || has(ev, 'pair-answers-nothing')) {
      cls = 'suspect';
      confidence = 'possible';
    }
    // AFTER A FORGED RST
    // A RST judged not its claimed sender's, following one in the same end's name already judged so: injecting devices
    // (IPS, censorship middleboxes) often send a RST+ACK and a bare RST back to back, so one device most likely sent
    // both. Its sender facts never became the baseline (noteSenderFacts is skipped for such RSTs), so this one is
    // compared with the end's real packets.
    if (cls === 'suspect' && confidence !== 'possible' && earlier !== null && earlier.by === ctx.sender && earlier.cls === 'suspect' && earlier.confidence !== 'possible') {
      const gap = Number.isNaN(ctx.time) || Number.isNaN(earlier.time) ? null : roundSeconds(ctx.time - earlier.time);
      ev.push({ code: 'after-forged-rst', line: earlier.line, seconds: gap, otherForm: earlier.withAck !== ((ctx.bits & ACK) !== 0), certain: earlier.confidence === 'certain' });
    }
  }
  const acceptance = resetAcceptance(ctx, receiverState, before);
  const receiverUnacked = unackedAtReset(ctx);
  const beyond = acceptance === 'reset' ? beyondAck(ctx, receiverState, before) : null;
  const senderWasClosed = cls === 'refusal' || cls === 'no-connection';
  const notFromSender = cls === 'suspect' && confidence !== 'possible';
  // With its evidence: the wording says "this host's own TCP" outright only when more than the handshake's timing
  // places the capture (a tap just in front of a host has the same timing).
  const point = capturePointOf(conn);
  const idle = roundSeconds(ctx.gap);
  const bytesFromClient = flowBytes(conn.c, conn.s);
  const bytesFromServer = flowBytes(conn.s, conn.c);
  ctx.findings.push({
    code: 'tcp.rst',
    by: ctx.sender,
    state: senderWasClosed ? 'CLOSED' : senderState,
    phase: resetPhase(conn, idle, bytesFromClient, bytesFromServer, has(ev, 'unanswered-data') || (ctx.sender === 'client' && S.lastDataLine > 0 && ctx.R.lastDataLine > 0 && S.lastDataLine > ctx.R.lastDataLine)),
    idleSeconds: Number.isNaN(idle) ? null : idle,
    bytesFromClient,
    bytesFromServer,
    class: cls,
    confidence,
    evidence: ev,
    acceptance,
    receiverState,
    afterLine: earlier !== null ? earlier.line : null,
    receiverUnacked,
    ...(beyond !== null ? { beyondAck: beyond } : {}),
    capture: point.point,
    captureSure: capturePointSure(point.evidence),
  });
  return { cls, confidence, evidence: ev, acceptance, senderWasClosed, notFromSender };
}

/** The fact a connection keeps about the RST that ended it (verdict, later evidence). */
export function resetFact(
  ctx: SegmentContext,
  r: ResetResult,
  f: Extract<Finding, { code: 'tcp.rst' }>,
  senderState: TcpState | null,
  receiverState: TcpState | null,
  before: { tsVal: number; ipId: number },
): ResetFact {
  return {
    by: ctx.sender,
    phase: f.phase,
    refused: r.cls === 'refusal',
    idle: f.phase === 'idle',
    line: ctx.line,
    time: ctx.time,
    seq: ctx.seq,
    senderTsVal: before.tsVal,
    senderIpId: before.ipId,
    senderState,
    receiverState,
    withAck: (ctx.bits & ACK) !== 0,
    ack: (ctx.bits & ACK) !== 0 ? ctx.ack : -1,
    cls: r.cls,
    confidence: r.confidence,
    evidence: r.evidence,
    burst: 0,
    contradicted: false,
  };
}

/**
 * RST CONTRADICTED
 * The end a RST claimed to come from sends again on the same 4-tuple after it (not a RST, not a new SYN): an end that
 * reset has no connection left to send on (RFC 9293 §3.10.7.1), so that RST was not its own. Certain when the later
 * segment carries a newer TS val than anything it sent before the RST, or an IP id that continues its counter past the
 * RST (it was sent after); otherwise likely (a copy delayed on the path could still arrive late). Returns the finding's
 * facts, or null when this segment proves nothing.
 */
export function checkAfterReset(conn: Connection, sender: Side, rec: TcpRecord, bits: number, time: number): Finding | null {
  const r = conn.reset;
  if (r === null || r.by !== sender || r.contradicted || (bits & (RST | SYN)) !== 0 || rec.line <= r.line) return null;
  const len = rec.len ?? 0;
  const what: 'fin' | 'data' | 'ack' = (bits & FIN) !== 0 ? 'fin' : len > 0 ? 'data' : 'ack';
  const ts = tsValOf(rec.options);
  const newerTs = ts >= 0 && r.senderTsVal >= 0 && seqDiff(r.senderTsVal, ts) > 0;
  const id = rec.ip?.id ?? null;
  const newerId = id !== null && id !== 0 && r.senderIpId > 0 && ((id - r.senderIpId) & 0xffff) >= 1 && ((id - r.senderIpId) & 0xffff) <= ID_STEP;
  const seconds = Number.isNaN(time) || Number.isNaN(r.time) ? null : roundSeconds(time - r.time);
  r.contradicted = true;
  r.cls = 'suspect';
  r.confidence = newerTs || newerId ? 'certain' : 'likely';
  // The peer's bytes this end had still not acknowledged, when this segment's ack is its highest so far (absolute or
  // relative as printed): what it never received.
  const S = sender === 'client' ? conn.c : conn.s;
  const P = sender === 'client' ? conn.s : conn.c;
  let unreceived = 0;
  if (rec.ack !== null && S.maxAck >= 0 && P.nextSeq >= 0 && (rec.ack === S.maxAck || (P.tdBase >= 0 && rec.ack === seqDiff(P.tdBase, S.maxAck) >>> 0))) {
    const d = seqDiff(S.maxAck, P.nextSeq);
    if (d > 0) unreceived = P.finSeen && P.finSeq >= 0 && seqDiff(P.finSeq, P.nextSeq) >= 1 ? d - 1 : d;
  }
  r.evidence = [...r.evidence, { code: 'keeps-talking', line: rec.line, what, seconds, unreceived }];
  return { code: 'tcp.rst_contradicted', rstLine: r.line, what, seconds, timestamps: newerTs };
}

/** What a segment that is not a RST was: a FIN, data, or a pure ACK. */
function peerWhat(F: Flow): 'ack' | 'data' | 'fin' {
  return (F.lastBits & FIN) !== 0 ? 'fin' : F.lastLen > 0 ? 'data' : 'ack';
}

/**
 * The byte a peer's ack expects and a RST's seq, relative to the RST sender's ISN (or tcpdump's base) when known, and
 * the RST sender's data segment that covers exactly the bytes between (its latest one, starting at the ack and
 * ending at the RST's seq), else null.
 */
function shortOf(S: Flow, ack: number, rstSeq: number): { expects: number; rstSeq: number; relative: boolean; missingLine: number | null } {
  const base = S.isn >= 0 ? S.isn : S.tdBase;
  const missingLine = S.lastDataSeq === ack && S.lastDataLine > 0 && S.nextSeq === rstSeq ? S.lastDataLine : null;
  if (base < 0) return { expects: ack, rstSeq, relative: false, missingLine };
  return { expects: seqDiff(base, ack) >>> 0, rstSeq: seqDiff(base, rstSeq) >>> 0, relative: true, missingLine };
}

/**
 * RST NOT TAKEN
 * An end taken as reset by a RST (accepted: seq = the sender's next seq, which may be beyond RCV.NXT) sends a segment
 * (not RST, not SYN) whose ack is short of that RST's seq: when it sent it, it had not taken the RST. Either the RST
 * had not arrived yet (they crossed), or it arrived with a seq that was not RCV.NXT (the bytes before it had not
 * arrived) and the receiver kept the connection: RFC 5961 §3.2 (Linux tcp_validate_incoming) answers such a RST,
 * when in the window, with a challenge ACK, which a pure ACK here most likely is. Its state before the RST is restored
 * (no transition: the RST's line showed the move to CLOSED), and a no-connection reply of the RST's sender at exactly
 * that ack resets it (own-rst-not-taken). Only for a RST the tracker judged on its seq (a synchronized receiver), and
 * once per RST (the end is no longer CLOSED afterwards). Returns the finding, or null.
 */
export function rstNotTaken(conn: Connection, sender: Side, bits: number, len: number, ack: number, receiverState: TcpState | null): Finding | null {
  const r = conn.reset;
  if (r === null || r.by === sender || (bits & (RST | SYN)) !== 0 || (bits & ACK) === 0 || ack < 0 || r.seq < 0) return null;
  if (receiverState !== 'CLOSED' || !synchronized(r.receiverState)) return null;
  if (!seqLt(ack, r.seq)) return null;
  const rstSender = sender === 'client' ? conn.s : conn.c;
  const what = (bits & FIN) !== 0 ? 'fin' : len > 0 ? 'data' : 'ack';
  return { code: 'tcp.rst_not_taken', rstLine: r.line, by: r.by, what, ...shortOf(rstSender, ack, r.seq), state: r.receiverState };
}

const synchronized = (s: TcpState | null): s is TcpState =>
  s === 'ESTABLISHED' || s === 'FIN_WAIT_1' || s === 'FIN_WAIT_2' || s === 'CLOSE_WAIT' || s === 'CLOSING' || s === 'LAST_ACK';

/**
 * CHALLENGE ACK
 * RFC 5961 §3.2: after an in-window RST whose seq is not RCV.NXT, the receiver answers with an ACK (SEG.SEQ = SND.NXT,
 * SEG.ACK = RCV.NXT) and keeps the connection (Linux tcp_send_challenge_ack, rate-limited). The receiver's next
 * segment, when it is a pure ACK, is that answer (not a duplicate ACK, though it repeats the last ack).
 */
export function challengeAck(ctx: SegmentContext): boolean {
  const { conn } = ctx;
  if (conn.challengeFrom === null || conn.challengeFrom === ctx.sender) return false;
  conn.challengeFrom = null;
  if ((ctx.bits & (SYN | FIN | RST)) === 0 && (ctx.bits & ACK) !== 0 && ctx.len === 0) {
    ctx.findings.push({ code: 'tcp.challenge_ack', rstLine: conn.challengeLine });
    return true;
  }
  return false;
}
