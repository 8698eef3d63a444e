// English wording of every explanation tcplain prints: findings, verdicts, states, flags, options, records.

import type { Catalog, MssRewrites, ProblemMessages } from '../catalog';
import type { ConnectionVerdict, Problem, RoutedConnection } from '../../model/verdict';
import { capturePointSure, ipv6Connection } from '../../model/verdict';
import type { SegmentCopy } from '../../model/segment';
import { endpointKey, sameEndpoint } from '../../model/endpoint';
import { TS_OPTION_SPACE } from '../../model/tcp-options';
import { timestampsMissingStrong, type CapturePoint, type Finding, type ResetAcceptance, type ResetClass, type ResetEvidence, type ResetPhase, type Side, type SynStack } from '../../model/findings';
import type { TcpState } from '../../model/tcp-state';
import { hex, scaleFactor, splitSeconds } from '../numbers';
import { mssRewriteFacts } from '../mss-rewrites';
import { abortTimingFacts, IDLE_TIMER_MIN, closedNotByIdleTimer, serverIdleBeforeReset } from '../reset-timing';
import { icmpErrFn, icmpFilter, icmpName, nodeAddr } from '../ip-version-words';


/** A packet forwarded by the capturing host: which endpoint NAT rewrote (track/copies.ts). */
function natRewrite(c: SegmentCopy): string {
  if (!c.translated) return ', with the same addresses (no NAT)';
  const parts: string[] = [];
  if (!sameEndpoint(c.from.src, c.to.src)) parts.push(`the source ${endpointKey(c.from.src)} → ${endpointKey(c.to.src)}`);
  if (!sameEndpoint(c.from.dst, c.to.dst)) parts.push(`the destination ${endpointKey(c.from.dst)} → ${endpointKey(c.to.dst)}`);
  return `; NAT rewrote ${parts.join(' and ')}`;
}

function ttlWords(t: NonNullable<SegmentCopy['ttl']>): string {
  const name = t.v6 ? 'Hop limit' : 'TTL';
  const n = t.from - t.to;
  return n > 0
    ? ` ${name} ${t.from} → ${t.to} (${n === 1 ? 'this host lowered it by 1 while forwarding' : `${n} lower`}).`
    : ` ${name} unchanged (${t.from}): forwarded without routing (a bridge does not lower it).`;
}

/** The connection on both sides of the host that forwarded it (verdict `routed`). */
function routedWords(r: RoutedConnection): string {
  const cs = r.clientSide;
  const ss = r.serverSide;
  const nat: string[] = [];
  if (!sameEndpoint(cs.client, ss.client)) nat.push(`source NAT maps the client ${endpointKey(cs.client)} to ${endpointKey(ss.client)}`);
  if (!sameEndpoint(cs.server, ss.server))
    nat.push(`destination NAT maps ${endpointKey(cs.server)}, the address the client used, to the server's ${endpointKey(ss.server)}`);
  const mss = r.mss.map((m) => `the ${side[m.sender]}'s ${m.sender === 'client' ? 'SYN' : 'SYN-ACK'} left with MSS ${m.to} instead of ${m.from}`);
  return (
    `Captured on a host that forwards this connection (-i any): each packet shows twice, coming in on one interface and going out on the other; ` +
    `the outgoing copies (e.g. line ${r.firstPair[1]}, the forwarded copy of line ${r.firstPair[0]}) are not analysed again, so no copy counts as a retransmission. ` +
    `On ${cs.iface} the client is ${endpointKey(cs.client)} and the server ${endpointKey(cs.server)}; on ${ss.iface} they are ${endpointKey(ss.client)} and ${endpointKey(ss.server)}` +
    (nat.length > 0 ? ` (${nat.join('; ')}).` : ' (no NAT: the same addresses on both sides).') +
    (mss.length > 0 ? ` MSS clamping: ${mss.join('; ')}.` : '') +
    (r.ttlDrop !== null && r.ttlDrop > 0 ? ` Each copy left with a TTL ${r.ttlDrop} lower (-v).` : '')
  );
}

/**
 * The MSS each end announced and, after this host clamped it, received; a full segment is the received MSS less the
 * sender's options (RFC 9293 §3.7.1, RFC 6691 §2): with timestamps on, TS_OPTION_SPACE bytes each.
 */
function clampedWords(f: Extract<Finding, { code: 'tcp.options_negotiated' }>): string {
  const k = f.clamped;
  if (k === undefined) return '';
  const ts = f.timestamps ? TS_OPTION_SPACE : 0;
  const announced = `MSS announced: client ${f.mss.client ?? '–'} / server ${f.mss.server ?? '–'}`;
  if (k.client === k.server)
    return `${announced}; after clamping here, each end received ${k.client}, so full segments carry ${k.client - ts} bytes${ts > 0 ? ` (${k.client} − ${ts} bytes of timestamps)` : ''}.`;
  return (
    `${announced}; after clamping here, the client received ${k.client} and the server ${k.server}, so full segments carry ` +
    `${k.client - ts} bytes client → server and ${k.server - ts} bytes server → client${ts > 0 ? ` (${ts} bytes of timestamps subtracted)` : ''}.`
  );
}

/**
 * What a client/server pair knows of the handshake's MSS options (RFC 9293 §3.7.1): for each value seen here that a
 * router rewrote, the other capture's value; null when nothing is known to be rewritten.
 */
function mssPathWords(f: Extract<Finding, { code: 'tcp.options_negotiated' }>, rw: MssRewrites | undefined): string | null {
  const parts = mssRewriteFacts(f, rw).map((m) =>
    m.seen === 'sent' ? `the ${side[m.side]}'s ${m.sent} reached the ${side[other(m.side)]} as ${m.received}` : `the ${side[m.side]} sent ${m.sent}`,
  );
  return parts.length > 0 ? `${parts.join('; ')}: rewritten on the path` : null;
}

const side = { client: 'client', server: 'server' } as const;
const Side = { client: 'Client', server: 'Server' } as const;
const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

function seconds(s: number): string {
  const { value, unit } = splitSeconds(s);
  return `${value} ${unit}`;
}

/** Regular plurals, made once per word: a default of `${one}s` built a new string on every call (every data segment). */
const PLURALS = new Map<string, string>();
const regularPlural = (one: string): string => {
  let many = PLURALS.get(one);
  if (many === undefined) PLURALS.set(one, (many = `${one}s`));
  return many;
};
const plural = (n: number, one: string, many?: string): string => `${n} ${n === 1 ? one : (many ?? regularPlural(one))}`;
/** Sequence ranges (`to` exclusive) as byte spans: "byte 5", "bytes 5–9 and 20–29", "bytes 5–9, 20–29 and 40–49". */
const seqRanges = (rs: readonly { from: number; to: number }[]): string => {
  const one = (r: { from: number; to: number }): string => (r.to - r.from === 1 ? `${r.from}` : `${r.from}–${r.to - 1}`);
  const first = rs[0];
  const word = rs.length === 1 && first !== undefined && first.to - first.from === 1 ? 'byte' : 'bytes';
  const parts = rs.map(one);
  return `${word} ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts.join('')}`;
};
const theSender = (s: Side | null): string => (s ? `the ${side[s]}` : 'the sender');

const closeKind = (v: ConnectionVerdict): string =>
  v.closeKind === '3-way'
    ? 'three-way close: one FIN rode on the ACK of the other'
    : v.closeKind === 'simultaneous'
      ? 'simultaneous close: both sent FIN at once'
      : 'four-way close';

const NO_ISN = ', counted from where this capture starts: the handshake is missing';

const hostOf = (c: string): string => c.replace(/:(\d+|[a-z][\w-]*)$/i, '').replace(/^\[(.*)\]$/, '$1');

const lineList = (lines: readonly number[]): string => (lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`);

type Loss = Extract<Problem, { code: 'loss' }>;

/** Handshake RTT with the capture point unknown: either gap may be the round trip, the other a host's turnaround. */
function rttRange(g1: number, g2: number): string {
  if (g1 === g2)
    return `Handshake round trip: ${seconds(g1)} (SYN → SYN-ACK and SYN-ACK → ACK both took ${seconds(g1)}: whichever gap is the round trip, the other is one host's own turnaround). A baseline for judging later delays.`;
  const lo = splitSeconds(Math.min(g1, g2));
  const hi = splitSeconds(Math.max(g1, g2));
  const range = lo.unit === hi.unit ? `${lo.value}–${hi.value} ${hi.unit}` : `${lo.value} ${lo.unit}–${hi.value} ${hi.unit}`;
  return `Handshake round trip: ${range}, depending on which gap is the round trip (SYN → SYN-ACK ${seconds(g1)}, SYN-ACK → ACK ${seconds(g2)}); the other is one host's own turnaround, and the timing does not tell which. A baseline for judging later delays.`;
}

/** A lost first SYN-ACK and the lines of its resends (problems.ts synAckLostLines). */
function synAckLostWhere(p: Extract<Problem, { code: 'handshake-retry' }>): string {
  const l = p.synAckLines;
  if (l === undefined)
    return `the first SYN-ACK was lost on the way back${p.originalSynAckUnseen ? ', so every SYN-ACK in this capture is a resend' : ''} (${lineList(p.lines)})`;
  const resent = l.synResent > 0 ? `; the SYN resent on line ${l.synResent}` : '';
  if (l.original === null) return `the first SYN-ACK was lost on the way back, so every SYN-ACK in this capture is a resend (${lineList(l.resends.map((r) => r.line))}${resent})`;
  const each = l.resends.map((r) => `line ${r.line} (${r.answers > 0 ? `answer to the SYN resent on line ${r.answers}` : 'timer'})`);
  const list = each.length > 1 ? `${each.slice(0, -1).join(', ')} and ${each[each.length - 1]}` : each.join('');
  return `the first SYN-ACK (line ${l.original}) was lost on the way back; the server resent it on ${list}`;
}

/** The zero-window end never offered more than 4 MSS: its small buffer capped the transfer all along. */
const smallWindow = (p: Extract<Problem, { code: 'zero-window' }>): boolean => p.maxWindow !== null && p.mss !== null && p.maxWindow > 0 && p.maxWindow <= 4 * p.mss;

/** A small window in full segments of the other end: `exactly 2 full segments: 2 × 1448 bytes with timestamps`. */
function windowInSegments(p: Extract<Problem, { code: 'zero-window' }>): string {
  const win = p.maxWindow as number;
  if (p.segment === null) return `about ${Math.round(win / (p.mss as number))} segments of MSS ${p.mss}`;
  const { bytes, timestamps } = p.segment;
  const n = Math.floor(win / bytes);
  const ts = timestamps ? ' with timestamps' : '';
  if (n * bytes === win) return `exactly ${plural(n, 'full segment')}: ${n} × ${bytes} bytes${ts}`;
  return `${plural(n, 'full segment')} of ${bytes} bytes${ts} and ${plural(win - n * bytes, 'byte')}`;
}

/** `4 fast retransmissions with SACK, 1 other`: the retransmission kinds seen, largest first as listed. */
function lossKinds(p: Loss): string {
  const parts: string[] = [];
  if (p.fast > 0) parts.push(`${plural(p.fast, 'fast retransmission')}${p.sack ? ' with SACK' : ''}`);
  if (p.timeout > 0) parts.push(`${plural(p.timeout, 'retransmission')} after a timeout`);
  if (p.tlp > 0) parts.push(plural(p.tlp, 'tail-loss probe'));
  if (p.timeoutOrTlp > 0) parts.push(`${p.timeoutOrTlp} resent after ≥ 200 ms, a timeout or a tail-loss probe`);
  if (p.sackTimer > 0) parts.push(`${p.sackTimer} resent by a timer after the SACK blocks showed the hole`);
  const other = p.other - p.sackTimer;
  if (other > 0 && parts.length > 0) parts.push(`${other} other`);
  return parts.join(', ');
}

/** `1 spurious tail-loss probe (line 8)`: retransmissions that proved unnecessary. */
const spuriousWords = (p: Loss): string =>
  `${p.tlp > 0 && p.tlp === p.retransmitted ? plural(p.spurious, 'spurious tail-loss probe') : plural(p.spurious, 'spurious retransmission')}${p.spuriousLine > 0 ? ` (line ${p.spuriousLine})` : ''}`;

/** Why the spurious retransmissions were not needed. */
const spuriousProof = (p: Loss): string =>
  p.dsackLine > 0 ? `the D-SACK on line ${p.dsackLine} shows the first copy had arrived` : 'the peer had already acknowledged those bytes';

type Upstream = NonNullable<Loss['upstream']>;

/** The TS val evidence of a late send, or what the silence alone shows. */
const tsJump = (u: Upstream): string =>
  u.tsFrom !== null && u.tsTo !== null ? `TS val ${u.tsFrom} → ${u.tsTo}, +${u.tsTo - u.tsFrom}, milliseconds on Linux` : '';

const timerName = (u: Upstream): string => (u.timer === 'tlp' ? 'tail-loss probe' : 'RTO or tail-loss probe');

const repairWords = (p: Loss): string =>
  !p.repaired
    ? 'not all acknowledged by the end of the capture'
    : p.repairSeconds !== null
      ? `repair took ${seconds(p.repairSeconds)}`
      : p.lost > 0
        ? 'repair time unknown'
        : '';

/** What HTTP clients report when the server closes with FIN before any response byte. */
const EMPTY_REPLY = [
  'Node.js: Error: socket hang up (code ECONNRESET)',
  'Python: http.client.RemoteDisconnected: Remote end closed connection without response',
  'Java (HttpURLConnection): java.net.SocketException: Unexpected end of file from server',
];

const problems: ProblemMessages = {
  loss: {
    clause: (p) => {
      const u = p.upstream;
      if (u !== null && p.lost > 0) {
        const ts = tsJump(u);
        if (!u.afterHole && p.retransmitted === 1 && p.notCaptured === 0)
          return `, but the ${plural(u.bytes, 'byte')} on line ${u.line} arrived ${seconds(u.seconds)} late: the ${side[p.sender]} sent them that much after the rest${ts ? ` (${ts})` : ''}, so ${ts ? '' : 'likely '}their first copy was lost before this capture point and repaired by a timer (${timerName(u)})`;
        const rest = p.retransmitted - 1;
        return `after losing ${plural(p.lost, 'segment')}: a ${timerName(u)} ${seconds(u.seconds)} later (line ${u.line}${ts ? `, ${ts}` : ''})${u.afterHole && p.sack ? ' drew a SACK' : ''}${
          rest > 0 ? `, and ${rest === 1 ? 'the other was' : `the other ${rest} were`} resent ${p.fast >= rest ? 'at once' : 'after it'}` : ''
        }${p.repairSeconds !== null ? `; the data arrived ${seconds(p.repairSeconds)} late` : repairWords(p) ? `; ${repairWords(p)}` : ''}`;
      }
      return p.lost === 0
        ? p.retransmitted > 0
          ? `after ${spuriousWords(p)}: nothing was lost`
          : `, but ${plural(p.notCaptured, 'segment')} never appeared in this capture`
        : p.retransmitted === 0
          ? `, but ${plural(p.notCaptured, 'segment')} never appeared in this capture and no retransmission was seen`
          : `after recovering from loss: ${plural(p.retransmitted, 'segment')} retransmitted by the ${side[p.sender]} (${[lossKinds(p), p.dupAcks > 0 ? plural(p.dupAcks, 'duplicate ACK') : '', repairWords(p)].filter(Boolean).join('; ')})`;
    },
    sentence: (p) =>
      p.lost === 0 && p.retransmitted > 0
        ? `No loss: the ${side[p.sender]} sent ${spuriousWords(p)}${lossKinds(p) && !(p.tlp > 0 && p.tlp === p.retransmitted) ? ` (${lossKinds(p)})` : ''}, but ${spuriousProof(p)}; nothing was lost and nothing needed repair (${lineList(p.lines)}).`
        : `Loss: the ${side[p.sender]} retransmitted ${plural(p.retransmitted, 'segment')}${lossKinds(p) ? ` (${lossKinds(p)})` : ''}${
        p.spurious > 0 ? `, ${p.spurious} of them unnecessary (the data had already arrived)` : ''
      }${
        p.notCaptured > 0
          ? `; ${plural(p.notCaptured, 'hole')} before segments seen here: the missing data never passed this capture point`
          : ''
      }${p.dupAcks > 0 ? `; the ${side[other(p.sender)]} sent ${plural(p.dupAcks, 'duplicate ACK')} while waiting${p.sack ? ', with SACK on' : ''}` : ''}${
          p.upstream !== null
            ? `; line ${p.upstream.line} is a timer's retransmission whose first copy never reached this capture point (${tsJump(p.upstream) ? `its TS val ${p.upstream.tsFrom} → ${p.upstream.tsTo} shows it left the sender late` : 'likely, from the silence before it: timestamps would prove it'})`
            : ''
        }${repairWords(p) ? `; ${repairWords(p)}` : ''} (${lineList(p.lines)}).`,
    next: (p) =>
      p.lost === 0 && p.retransmitted > 0
        ? p.tlp > 0 && p.tlp === p.retransmitted
          ? `Nothing to repair: the ${side[p.sender]}'s tail loss probe timer (about 2·SRTT, RFC 8985 §7.2) fired before the ACK came, so it resent the last bytes of the flight. Probes are cheap and common on bursty traffic; many unnecessary ones waste a little bandwidth (on Linux, nstat: TcpExtTCPLossProbes counts the probes, TcpExtTCPLossProbeRecovery those that did repair a loss, TcpExtTCPDSACKRecv all D-SACKs received (a probe's among them)).`
          : `Nothing to repair: the ${side[p.sender]}'s timer fired before the ACK came (a delayed ACK, or a timer shorter than the round trip at that moment). A few are harmless; many waste bandwidth (on Linux, nstat TcpExtTCPSpuriousRTOs and TcpExtTCPDSACKRecv count them).`
        : p.notCaptured > 0 || p.upstream !== null
        ? 'Segments were lost before this capture point: capture upstream as well (tcplain pair compares two captures) and look for drops on the path (interface errors: ip -s link; queue drops: tc -s qdisc).'
        : 'Find where segments are dropped: capture at the other end too (tcplain pair compares two captures), and check interface errors (ip -s link) and queue drops (tc -s qdisc) on the hosts and routers between.',
  },
  'zero-window': {
    clause: (p) =>
      `, but the ${side[p.by]}'s zero window stalled the transfer for ${p.seconds !== null ? seconds(p.seconds) : 'an unknown time'}${p.reopened ? '' : ' until the end of the capture'} (${plural(p.probes, 'window probe')})`,
    sentence: (p) =>
      `Zero window: the ${side[p.by]}'s receive buffer was full (its application was not reading), so the ${side[other(p.by)]} had to stop for ${p.seconds !== null ? seconds(p.seconds) : 'an unknown time'}${p.stalls > 1 ? ` in ${p.stalls} stalls` : ''} and sent ${plural(p.probes, 'window probe')} (RFC 9293 §3.8.6.1)${p.reopened ? ' until the window opened again' : '; the window was still zero at the end'} (${lineList(p.lines)}).`,
    next: (p) =>
      `Look at the ${side[p.by]} application: it reads its socket too slowly (busy, blocked, or stuck on a slow disk or downstream). ss -tmi on that host shows its receive queue (Recv-Q) filling up.${
        smallWindow(p)
          ? ` Also, the ${side[p.by]} never advertised more than ${plural(p.maxWindow as number, 'byte')} (${windowInSegments(p)}${p.wscale !== null ? `; window scale ${p.wscale}` : ''}), so the whole transfer was capped at that much per round trip, before the stall too: the fix is on the ${side[p.by]} (a larger receive buffer: SO_RCVBUF, net.ipv4.tcp_rmem; and reading promptly).`
          : ''
      }`,
  },
  'handshake-retry': {
    clause: (p) =>
      `after handshake retries${p.seconds !== null && p.seconds > 0 ? ` that delayed the connection by ${seconds(p.seconds)}` : ''} (${[
        p.syn > 0 ? plural(p.syn, 'SYN') : '',
        p.synAck > 0 ? plural(p.synAck, 'SYN-ACK') : '',
      ]
        .filter(Boolean)
        .join(' and ')} sent again)`,
    sentence: (p) =>
      `Handshake retries: ${[p.syn > 0 ? `${plural(p.syn, 'SYN')}` : '', p.synAck > 0 ? `${plural(p.synAck, 'SYN-ACK')}` : ''].filter(Boolean).join(' and ')} sent again${
        p.seconds !== null && p.seconds > 0 ? `; the handshake completed ${seconds(p.seconds)} later than the first attempt would have` : p.seconds === 0 ? ' after the handshake had completed (no delay)' : ''
      }. ${
        p.synAckLost
          ? `The server answered the client's first SYN (its SYN-ACK echoes that SYN's TSval), but no SYN-ACK reached the client before it sent its SYN again: ${synAckLostWhere(p)}`
          : `A SYN or SYN-ACK, or the ACK answering it, was lost on the way (${lineList(p.lines)})`
      }.`,
    next: (p) =>
      p.synAckLost
        ? "The first SYN-ACK was lost on the server→client path (the SYN-ACK echoes the first SYN's TSval, so the server got that SYN and its listen queue took it): look for drops on the return path (capture at both ends and compare them with tcplain pair)."
        : 'A SYN, SYN-ACK or the final ACK was lost: look for drops on the path (capture at the server too), and on the server for a full SYN or accept queue (nstat -az TcpExtListenOverflows TcpExtListenDrops).',
  },
  silence: {
    clause: (p) =>
      keptAlive(p)
        ? `after ${seconds(p.seconds)} idle, kept alive by ${plural(p.keepAlives, 'answered keep-alive probe')}`
        : p.closedBy !== null && p.keepAlives === 0
          ? `by the ${side[p.closedBy]} after ${seconds(p.seconds)} idle`
          : `after ${seconds(p.seconds)} of silence${p.keepAlives > 0 ? ` (${plural(p.keepAlives, 'keep-alive probe')})` : ''}`,
    // A text quoting excerpts shows a gap, not that nothing was sent (tracker.ts PASTED EXCERPTS).
    sentence: (p, v) =>
      keptAlive(p)
        ? `Idle for ${seconds(p.seconds)} (from line ${p.lines[0]} to line ${p.lines[1]}), but the ${p.prober ? side[p.prober] : 'prober'} sent ${plural(p.keepAlives, 'keep-alive probe')}${p.probeEvery !== null ? ` at most ${seconds(p.probeEvery)} apart` : ''} and each was answered: the connection was kept alive.`
        : `${
            v.excerpts === true
              ? p.keepAlives > 0
                ? `Only ${plural(p.keepAlives, 'keep-alive probe')} shown for`
                : 'No packet shown for'
              : `Silence: ${p.keepAlives > 0 ? `only ${plural(p.keepAlives, 'keep-alive probe')} captured for` : 'no packet captured for'}`
          } ${seconds(p.seconds)} (from line ${p.lines[0]} to line ${p.lines[1]})${
            p.closedBy !== null ? `, then the ${side[p.closedBy]} sent the first FIN` : ''
          }.`,
    next: (p) =>
      keptAlive(p)
        ? `Nothing failed; the ${p.prober ? side[p.prober] : 'prober'}'s keep-alives (${p.probeEvery !== null ? `at most ${seconds(p.probeEvery)} apart` : 'all answered'}) kept the path state fresh.`
        : p.closedBy === 'server' && p.keepAlives === 0
          ? `The server closed the connection after ${seconds(p.seconds)} idle (most likely its idle timeout). A client pool must keep idle connections for less than that, or a reused connection races the server's FIN (EOF / 'socket hang up' / curl (52) Empty reply from server).`
          : p.closedBy === 'client' && p.keepAlives === 0
            ? `Nothing failed: the client closed the connection after ${seconds(p.seconds)} idle (most likely its own or its pool's idle timeout).`
            : `Nothing failed, but the connection sat idle for ${seconds(p.seconds)}: if a NAT, firewall or load balancer on the path forgets idle connections sooner than that, keep-alives must come more often than its timeout.`,
  },
  'capture-missed': {
    clause: (p) => `, but the capture missed ${plural(p.segments, 'segment')} that the receiver acknowledged`,
    sentence: (p) =>
      `Capture gaps: ACKs covered ${plural(p.bytes, 'byte')} this capture never showed (${p.segments === 1 ? 'once' : `${p.segments} times`}, first on line ${p.lines[0]}): they arrived, so the capture missed them, not the network.`,
    next: () =>
      'The capture is incomplete: check tcpdump\'s "packets dropped by kernel", capture with a larger buffer (-B) and a filter, or where asymmetric routing cannot hide one direction.',
  },
};

/**
 * Keep-alives ran at a steady spacing and at least one answer reached the prober before the return path broke: no
 * idle timeout (the probes kept the path state fresh), so the path changed suddenly.
 */
function keepAliveSteady(v: ConnectionVerdict): boolean {
  const k = v.keepAlive;
  return k !== null && k.returnPathBroken && k.probeEvery !== null && k.answered - k.answersLost > 0;
}

/** A silence filled with keep-alive probes that were all answered: the path state was refreshed throughout. */
function keptAlive(p: Extract<Problem, { code: 'silence' }>): boolean {
  return p.keepAlives > 0 && p.answered >= p.keepAlives;
}

/** "0 packets dropped by kernel" with the counts printed before it (-1 unknown): never "complete" when they differ. */
function noKernelDrops(received: number, captured: number, toFile = false): string {
  if (received < 0 || captured < 0) return 'No packet dropped by the kernel.';
  if (received === captured) return 'No packet dropped by the kernel, and every packet the filter matched was captured: the capture is complete.';
  if (received > captured)
    return toFile
      ? `No packet dropped by the kernel, but the filter matched ${received} packets and ${captured} were captured: the last ${plural(received - captured, 'packet')} matched but were still in the kernel buffer when tcpdump stopped and were not written to the file. The file lacks them at its end, not in the middle.`
      : `No packet dropped by the kernel, but the filter matched ${received} packets and ${captured} were captured: the last ${plural(received - captured, 'packet')} matched but were not printed when tcpdump stopped (still buffered). They are missing at the end of the capture, not in the middle.`;
  return `No packet dropped by the kernel; the filter count (${received}) is below the captured count (${captured}), so these statistics tell nothing more.`;
}

function capturedCount(n: number, mode: 'print' | 'write' | null): string {
  if (mode === 'print') return `${plural(n, 'packet')} printed by tcpdump.`;
  if (mode === 'write') return `${plural(n, 'packet')} written to the file by tcpdump.`;
  return `${plural(n, 'packet')} written out by tcpdump.`;
}


/** A FIN cannot tell shutdown(SHUT_WR) from close(): after close() Linux keeps the orphan (tcp_fin_timeout) and RSTs data. */
const CLOSED_ORPHAN =
  'in that case its kernel keeps that end about 60 s in FIN_WAIT_2 (tcp_fin_timeout) and answers later data from the server, or a FIN after that time, with a RST (a FIN cannot tell the two apart).';

/** Older curl (RHEL 6's 7.19.7, seed 001's) printed no reason with error 56, only the code's generic text. */
const OLD_CURL_56 = '(older curl such as 7.19.7: (56) Failure when receiving data from the peer)';

const problemClause = (p: Problem): string => (problems[p.code].clause as (p: Problem) => string)(p);
const problemNext = (p: Problem): string => (problems[p.code].next as (p: Problem) => string)(p);

type RstFinding = Extract<Finding, { code: 'tcp.rst' }>;
const evOf = <C extends ResetEvidence['code']>(ev: readonly ResetEvidence[], code: C): Extract<ResetEvidence, { code: C }> | undefined =>
  ev.find((e) => e.code === code) as Extract<ResetEvidence, { code: C }> | undefined;

/** The stack a SYN's option layout names, and how it aborts (ANSWERS NOTHING; heuristics/linux-syn.ts). */
const abortStack: Record<SynStack, string> = {
  linux: "Linux, by its SYN's option layout) sends with ACK (tcp_send_active_reset)",
  freebsd: "FreeBSD, by its SYN's option layout) sends with ACK (tcp_drop: tcp_output in CLOSED sends RST+ACK)",
  macos: "macOS or iOS, by its SYN's option layout) sends with ACK (tcp_drop: tcp_output in CLOSED sends RST+ACK)",
};

/** A RST+ACK without timestamps and what that is worth (TIMESTAMPS MISSING in heuristics/reset.ts; recheck 9 R1, R4). */
function missingTs(e: Extract<ResetEvidence, { code: 'timestamps-missing' }>, by: Side): string {
  const own = by === 'server' ? 'SYN-ACK' : 'SYN';
  const seen = e.last >= 0 ? `the ${side[by]}'s segments before it carried them (last TS val ${e.last})` : `the ${side[by]}'s ${own} carried them`;
  const head = `it carries no timestamps, although both SYNs negotiated them and ${seen}; a Linux or FreeBSD stack's abort carries them (tcp_send_active_reset; FreeBSD tcp_output)`;
  const others = 'macOS, iOS and OpenBSD send every RST without timestamps (RFC 7323 §3.2: SHOULD, not MUST)';
  const layout = e.stack === 'linux' ? "Linux's" : "FreeBSD's";
  if (e.stack === null) return `${head}, but ${others}, and nothing here shows the ${side[by]} to be Linux or FreeBSD (by its ${own}'s option layout), so this alone proves little`;
  if (e.fromSynAck) return `${head}, and the ${side[by]}'s SYN-ACK has ${layout} option layout; but a SYN proxy in front of another stack can write that SYN-ACK, and ${others}, so this alone proves little`;
  return `${head}, and the ${side[by]}'s SYN has ${layout} option layout (macOS, iOS and OpenBSD, which send every RST without timestamps as RFC 7323 §3.2 allows, a SHOULD there and not a MUST, lay out their SYN's options otherwise)`;
}

/** The same clue as a sentence on a RST judged its sender's own abort (a supporting clue only). */
function missingTsNote(ev: readonly ResetEvidence[], by: Side): string {
  const e = evOf(ev, 'timestamps-missing');
  if (!e) return '';
  const clause = missingTs(e, by);
  return ` ${clause[0].toUpperCase()}${clause.slice(1)}.`;
}

/** TIMESTAMPS MISSING weighs 1, not 2, unless the sender's own SYN has Linux's or FreeBSD's layout (heuristics/reset.ts). */

/** The weight-1 clue among the reasons for a forgery: named last, after the stronger ones (recheck 9b P2). */
function missingTsWeak(e: Extract<ResetEvidence, { code: 'timestamps-missing' }>, by: Side, also: boolean): string {
  const own = by === 'server' ? 'SYN-ACK' : 'SYN';
  const seen = e.last >= 0 ? `the ${side[by]}'s segments before it carried them, the last with TS val ${e.last}` : `the ${side[by]}'s ${own} carried them`;
  const synAck = e.last < 0 && by === 'server' ? 'that SYN-ACK' : `the ${side[by]}'s SYN-ACK`;
  const layout = e.stack === 'linux' ? "Linux's" : "FreeBSD's";
  const others = 'macOS, iOS and OpenBSD send every RST without timestamps';
  const why =
    e.stack === null
      ? `a Linux or FreeBSD stack's abort carries them, but nothing here shows the ${side[by]} to be Linux or FreeBSD by its ${own}'s option layout, and ${others}`
      : `a Linux or FreeBSD stack's abort carries them and ${synAck} has ${layout} option layout, but a SYN proxy in front of another stack can write that SYN-ACK, and ${others}`;
  return `it ${also ? 'also ' : ''}carries no timestamps, although both SYNs negotiated them and ${seen} (a weak clue alone: ${why}; RFC 7323 §3.2: SHOULD, not MUST)`;
}

/** Why a RST is not its claimed sender's, as clauses (`by`: the claimed sender). */
function forgeryClues(ev: readonly ResetEvidence[], by: Side): string[] {
  const out: string[] = [];
  let weak: Extract<ResetEvidence, { code: 'timestamps-missing' }> | null = null;
  for (const e of ev) {
    if (e.code === 'ttl-differs') out.push(`its TTL is ${e.ttl} while the ${side[by]}'s other packets arrive with TTL ${e.usual} (another sender, another number of hops away)`);
    else if (e.code === 'ip-id-out-of-sequence') out.push(`its IP id ${e.id} is off the ${side[by]}'s counter (last ${e.last})`);
    else if (e.code === 'df-differs') out.push(`it ${e.df ? 'has' : 'lacks'} the Don't Fragment flag that the ${side[by]}'s other packets ${e.df ? 'lack' : 'carry'}`)
    else if (e.code === 'seq-unlike') out.push(`its seq is neither the ${side[by]}'s next sequence number nor the ack field of the ${side[other(by)]}'s last segment`);
    else if (e.code === 'timestamps-missing') {
      if (!timestampsMissingStrong(e)) weak = e;
      else out.push(missingTs(e, by));
    }
    else if (e.code === 'pair-answers-nothing')
      out.push(
        `it answers no segment this capture shows: the ${side[other(by)]}'s last segment (line ${e.line}) is already acknowledged by the RST+ACK on line ${e.rstLine} (ack ${e.ack}) and nothing from the ${side[other(by)]} follows; a host without the connection sends a bare RST only in reply to an arriving segment (RFC 9293 §3.10.7.1). A RST+ACK and a bare RST${e.seconds !== null ? ` ${seconds(e.seconds)} apart` : ''}${e.sameSeq ? ' with the same seq' : ''} is the pattern of an injecting device`,
      );
    else if (e.code === 'followed-by-bare-rst')
      out.push(`${e.seconds !== null ? `${seconds(e.seconds)} later` : 'Then'} a bare RST in its name (line ${e.line}) answered no segment, and a RST+ACK followed by a bare RST is the pattern of an injecting device`);
    else if (e.code === 'rst-burst') out.push(`${e.count} RSTs in its name came with different sequence numbers (someone guessing the window)`);
    else if (e.code === 'answers-nothing')
      out.push(
        `it answers no segment this capture shows: nothing from the ${side[other(by)]} appears after line ${e.line}, which the ${side[by]} had acknowledged on line ${e.ackLine} (a segment sent after it would appear before the RST wherever the capture sits on the path, unless the capture missed it: tcpdump's "packets dropped by kernel" count, a mirror port that drops, or a reply on another route or interface), and a RST without ACK from a host that lost the connection is a reply to an arriving segment (RFC 9293 §3.10.7.1); nor is it an abortive close, which the ${side[by]}'s stack (${abortStack[e.stack]}`,
      );
    else if (e.code === 'keeps-talking')
      out.push(`the ${side[by]} kept talking: it sent ${e.what === 'fin' ? 'a FIN' : e.what === 'data' ? 'data' : 'an ACK'} on line ${e.line}${e.seconds !== null ? `, ${seconds(e.seconds)} later` : ''}, so it never reset`);
  }
  if (weak) out.push(missingTsWeak(weak, by, out.length > 0));
  return out;
}

/** A segment named by what it was (had-connection). */
const segmentWord = { 'syn-ack': 'SYN-ACK', syn: 'SYN', data: 'data segment', fin: 'FIN', ack: 'ACK', rst: 'RST' } as const;

/** A byte a peer expects, and a RST's seq, as the RST-NOT-TAKEN words name them (relative when known). */
const expectedByte = (n: number, relative: boolean): string => (relative ? `byte ${n} (relative)` : `seq ${n}`);
const missingWords = (missingLine: number | null, by: Side): string =>
  missingLine !== null ? `since line ${missingLine} had not arrived` : `since bytes the ${side[by]} sent before it had not all arrived`;

/** A RST judged possibly forged that continues its claimed sender's timestamps: evidence the other way (review 9 N6). */
function continuingTs(ev: readonly ResetEvidence[], by: string): string {
  const t = evOf(ev, 'timestamps-continue');
  if (!t) return '';
  return ` Against that, it continues the ${by}'s timestamps (TS val ${t.val} after ${t.last}${t.inSyn ? ` in its ${by === 'server' ? 'SYN-ACK' : 'SYN'}` : ''}), which the ${by}'s own TCP writes and a device would have to copy: evidence that it is the ${by}'s own.`;
}

/** A RST judged forged right after another one in the same end's name (AFTER A FORGED RST in heuristics/reset.ts). */
function afterForgedWords(ev: readonly ResetEvidence[], by: Side): string {
  const a = evOf(ev, 'after-forged-rst');
  if (!a) return '';
  const head = `It follows the RST on line ${a.line}, which was ${a.certain ? '' : 'likely '}not the ${side[by]}'s either`;
  if (a.otherForm && a.seconds !== null && a.seconds <= 0.01)
    return ` ${head}, within ${seconds(a.seconds)} and in the other RST form: injecting devices often send a RST+ACK and a bare RST together, so the same device most likely sent both.`;
  return ` ${head}${a.seconds !== null ? `, ${seconds(a.seconds)} later` : ''}.`;
}

/** The REJECT shape of a suspect RST: a firewall rule matched the segment it answers (and likely dropped it). */
function rejectShape(ev: readonly ResetEvidence[], by: Side): string {
  const r = evOf(ev, 'reject-form');
  if (!r) return '';
  const peer = side[other(by)];
  const d = evOf(ev, 'ttl-differs');
  return ` Its fields (no ACK bit, seq = the ack field of the ${peer}'s ${segmentWord[r.what]} on line ${r.line}, IP id 0${r.df ? ', DF' : ''}) are those of any stack's no-connection RST, a Linux host's own (tcp_v4_send_reset) as well as a firewall's REJECT with a TCP reset (iptables REJECT --reject-with tcp-reset, netfilter nf_send_reset); what sets it apart is the TTL${d ? `, ${d.ttl} against the ${side[by]}'s ${d.usual}` : ''}${r.ttl !== null ? ` (${r.ttl}: an initial value, so sent from this capture's own link)` : ''}${
    r.firstCopy !== null
      ? `: a device there sent it. The first copy of that segment (line ${r.firstCopy}) drew no reset; only its retransmission (line ${r.line}) did. A REJECT rule answers every segment it matches (netfilter's nf_send_reset is not rate-limited), so line ${r.firstCopy} was lost before it reached that device, or the device's RST to it was lost, or the device let it pass or dropped it and reset later (an IPS, or a rule with state such as -m recent, connbytes or limit). Check that device's rule counters and logs, and whether it also reset the ${side[by]}.`
      : `: most likely a REJECT rule next to this capture point answered that segment and dropped it, so it never reached the ${side[by]}.`
  }`;
}

/** The request the server's TCP received and its application never answered (UNANSWERED REQUEST in src/track/heuristics/reset.ts). */
function unansweredWords(ev: readonly ResetEvidence[]): string {
  const u = evOf(ev, 'unanswered-data');
  if (!u) return 'The server stopped in the middle: its application closed the socket with unread data, crashed, or hit a timeout or limit (in the server or a proxy in front of it).';
  const got =
    u.ackLine !== null
      ? `Its kernel acknowledged the ${plural(u.bytes, 'byte')} the client sent after the server's last data (line ${u.line}; ACK on line ${u.ackLine}), but no reply came`
      : `Its TCP had received the ${plural(u.bytes, 'byte')} the client sent after the server's last data (line ${u.line}): the RST's own ack covers them (a RST+ACK from a socket acknowledges all it has received; no ACK of them came before it). No reply came`;
  return `${got}: closing a socket with that request still unread sends RST, not FIN (RFC 9293 §3.6.1, RFC 2525 §2.17; SO_LINGER 0 would too). ${
    u.unread === true && u.seconds !== null
      ? `The request sat unread for ${seconds(u.seconds)} before the RST, so the server application was not reading: it serves one request per connection or had already decided to close (its keep-alive limit or idle timer) and closed without draining what had arrived. A close racing the client's reuse would put the RST within moments of the request; a close before the request arrived would have sent a FIN, and the request would then have drawn a RST without ACK.`
      : u.unread === false && u.seconds !== null
        ? `The RST came ${seconds(u.seconds)} after the request, within moments: the server was closing the connection just as the client reused it, and the request arrived just before the close (a little later it would have met the server's FIN and drawn a RST without ACK). ${raceCause(u)}`
        : 'Either the server application was not reading (one request per connection, or it had already decided to close) or its close raced the client\'s reuse; this text has no timestamps to tell which (a race puts the RST within moments of the request).'
  }`;
}

/** Why a server closed a connection the client was reusing: how long it sat idle after its answer tells (RFC 9112 §9.6). */
function raceCause(u: Extract<ResetEvidence, { code: 'unanswered-data' }>): string {
  const idle = serverIdleBeforeReset(u);
  if (idle === null) return 'Its keep-alive limit or idle timer made it close.';
  if (idle < IDLE_TIMER_MIN)
    return `The server reset ${seconds(idle)} after its answer, far sooner than the usual keep-alive idle timeouts (nginx keepalive_timeout 75 s, Apache KeepAliveTimeout 5 s, Node.js server.keepAliveTimeout 5 s by default): not an idle timer: the server closes after a number of requests (its keep-alive limit, e.g. nginx keepalive_requests, or one request per connection), or it was shutting down (a reload or restart closes idle keep-alive connections). With Connection: close in its answer (RFC 9112 §9.6) the client would not have reused the connection.`;
  return `The server reset ${seconds(idle)} after its answer: most likely its keep-alive idle timeout ran out just then (the client keeps an idle connection longer than the server does), unless a reload or restart closed it.`;
}

/**
 * What to check after the client's own abort: when it came after its request (ABORT TIMING in
 * src/track/heuristics/reset.ts) tells a timeout of the client's from its application aborting on its own.
 */
/** `serverRtt`: the handshake round trip when the capture sits at the server (its figure from the server's data includes it). */
function clientAbortStep(ev: readonly ResetEvidence[], duration: string | null, serverRtt: number | null): string {
  const t = abortTimingFacts(ev);
  if (!t) return `Compare the client's timeouts with the connection's length${duration ? ` (${duration} here)` : ''}; check whether the client process exited.`;
  // The connection's age too (recheck 9 R5), except where the abort came too soon for any timeout.
  const times = [`${seconds(t.seconds)} after its request on line ${t.line}`];
  if (t.peerLine !== null && t.peerSeconds !== null)
    times.push(`${seconds(t.peerSeconds)} after the server's last data (line ${t.peerLine}${serverRtt !== null ? `; as seen at the server, this includes one round trip, ${seconds(serverRtt)} in the handshake` : ''})`);
  if (t.synSeconds !== null && !t.tooSoon) times.push(`${seconds(t.synSeconds)} after its SYN`);
  const list = times.length > 1 ? `${times.slice(0, -1).join(', ')} and ${times[times.length - 1]}` : times[0];
  const when = `The client reset ${list}${t.unanswered ? ', before any data answered that request' : ''}`;
  if (t.timeoutLike) return `${when}: that may be its own timeout: compare it with the client's timeouts (for the whole request, and between reads); check also whether the client process exited.`;
  if (t.tooSoon) return `${when}: too soon for a timeout; its application most likely aborted on its own${t.unanswered ? ' right after sending' : ''}: a cancelled request, a crash or exit of the process, or a close() with unread data or SO_LINGER 0. Check the client application's logs and whether its process exited.`;
  return `${when}: ${times.length > 1 ? 'none is' : 'it is not'} seconds long or near a round value (a multiple of 100 or 250 ms), as configured timeouts usually are; unless a deadline started earlier than this capture shows, its application most likely aborted on its own${t.unanswered ? ' right after sending' : ''}: a cancelled request, a crash or exit of the process, or a close() with unread data or SO_LINGER 0. Check the client application's logs and whether its process exited.`;
}

/** Whether data that drew a RST after its receiver's FIN crossed that FIN on the wire (DATA AFTER CLOSE). */
function afterCloseWords(ev: readonly ResetEvidence[], by: Side): string {
  const d = evOf(ev, 'data-after-close');
  const peer = side[other(by)];
  if (!d || d.crossed === null) return '';
  return d.crossed
    ? ` That data's ack does not cover the ${side[by]}'s FIN: the two crossed on the wire, the ${side[by]}'s close racing the ${peer}'s next write.`
    : ` That data's ack covers the ${side[by]}'s FIN: the ${peer}'s TCP had received the FIN before the data left, so most likely its application wrote on a connection the ${side[by]} had already closed (as an HTTP client does that reuses a kept-alive connection without first checking it for end of file).`;
}

/**
 * An abort whose only form evidence is its exact seq (window 0, no timestamps, no -v): the words above hold if the RST
 * is the server's own; a stateful device in its name is possible too (RST+ACK, seq and ack exact). The window 0 is no
 * evidence either way (RST WINDOW in src/track/heuristics/reset.ts).
 */
function serverRstCaveat(cls: ResetClass | null, ev: readonly ResetEvidence[]): string {
  if (cls !== 'abort' || !evOf(ev, 'seq-is-next') || evOf(ev, 'window-usual') || evOf(ev, 'timestamps-continue') || evOf(ev, 'ttl-same') || evOf(ev, 'ip-id-follows')) return '';
  return ` That reading assumes the RST is the server's own: its seq is exact, which a stateful device on the path can also produce; its window 0 proves nothing (Windows and BSD stacks send every RST with window 0). With -v, a TTL unlike the server's packets would show a device resetting in its name.`;
}

const confidenceWord = { certain: 'Not sent by', likely: 'Likely not sent by', possible: 'Possibly not sent by' } as const;

/** The no-connection story after the form: when the sender still had the connection, an earlier RST, the unanswered data. */
function noConnectionContext(ev: readonly ResetEvidence[], by: Side, acceptance: ResetAcceptance | null): string {
  const peer = side[other(by)];
  const parts: string[] = [];
  const earlier = evOf(ev, 'earlier-rst');
  const had = evOf(ev, 'had-connection');
  const own = evOf(ev, 'own-earlier-rst');
  const notTaken = evOf(ev, 'own-rst-not-taken');
  if (own) parts.push(`Its own RST on line ${own.line} had already closed its end: this answers a segment of the ${peer}'s that crossed that RST (a RST+ACK and then a bare RST are a usual pair when the second answers a segment that crossed the first).`);
  else if (notTaken) {
    const n = notTaken;
    const ack = n.peerWhat === 'ack';
    parts.push(
      `Its own RST on line ${n.line} had already closed its end. The ${peer}'s ${segmentWord[n.peerWhat]} on line ${n.peerLine} still expects ${expectedByte(n.expects, n.relative)}, short of that RST's seq ${n.rstSeq}: either it crossed the RST, or the ${peer} did not take the RST (its seq was not the next byte it expected, ${missingWords(n.missingLine, by)})${
        ack ? ' and answered it with a challenge ACK (RFC 5961 §3.2)' : ' (RFC 5961 §3.2)'
      }; this RST, at exactly the seq it expects, ${ack ? 'is the reply RFC 5961 intends' : 'answers it'}${acceptance === 'reset' ? `, and it resets the ${peer}` : ''}.`,
    );
  } else if (had && had.what === 'rst') {
    const form = evOf(ev, 'seq-is-peer-ack');
    parts.push(
      `Its last segment before was its RST ${had.nth !== null ? `(packet ${had.nth} on line ${had.line})` : `on line ${had.line}`}: if that RST was its own, it closed its end then (whether or not the ${peer} took it), and this answers ${form ? `the ${peer}'s segment on line ${form.line}` : `a later segment of the ${peer}'s`}; if not, it lost the connection in between: it restarted, an earlier RST reached it (possibly a forged one), or its connection state expired.`,
    );
  } else if (earlier) parts.push(`The RST on line ${earlier.line}, which claimed to come from the ${peer}, had closed the ${side[by]}'s end: this is its answer to the ${peer}'s next segment.`);
  else if (had)
    parts.push(
      `Its last segment before, its ${segmentWord[had.what]} ${had.nth !== null ? `(packet ${had.nth} on line ${had.line})` : `on line ${had.line}`}, shows it still had the connection then, so it lost it in between: it restarted, an earlier RST reached it (possibly a forged one), or its connection state expired. That earlier event is what to look for.`,
    );
  else parts.push('It lost the connection before this: a restart, an earlier RST that reached it, or expired state; that earlier event is what to look for.');
  const unacked = evOf(ev, 'data-unacked');
  if (unacked) parts.push(`The ${peer}'s data it answers was never acknowledged${unacked.copies > 1 ? ` (sent ${unacked.copies} times)` : ''}.`);
  if (unacked && unacked.copies > 1 && !earlier)
    parts.push(
      `The first copy drew neither an ACK nor a RST: most likely it never reached the ${side[by]} (without the connection, the ${side[by]} would have answered it with a RST a round trip later, as it answered the last copy), or that answer was lost. Whatever dropped the first copy on the path is the prime suspect for what reset the ${side[by]}'s end.`,
    );
  return parts.join(' ');
}

/** What -v says about the sender of a RST whose form looks genuine. */
function ipConsistency(ev: readonly ResetEvidence[], by: Side, form: 'no-connection' | 'abort'): string {
  const ttl = evOf(ev, 'ttl-same');
  const id = evOf(ev, 'ip-id-follows');
  const bits: string[] = [];
  if (ttl) bits.push(`TTL ${ttl.ttl}, as on the ${side[by]}'s other packets`);
  if (id) bits.push(`IP id ${id.id} following its counter (${id.last} before)`);
  if (bits.length > 0) return ` ${bits.join('; ')}: consistent with the ${side[by]} itself.`;
  return form === 'no-connection'
    ? ` The RST may also not be the ${side[by]}'s: a NAT or firewall whose state for this connection expired, or a device forging resets, can send one in this same form; with tcpdump -v, a TTL unlike the ${side[by]}'s other packets would show it.`
    : '';
}

/**
 * SYN in, RST out: on the refuser's own capture that is its host answering. The SYN → RST gap is evidence only there
 * (on a capture at the SYN's sender it is a round trip); with the capture point unknown, only the condition is said.
 */
function refusalDelay(ev: readonly ResetEvidence[], by: Side, capture: CapturePoint | null | undefined): string {
  const d = evOf(ev, 'answer-delay');
  if (!d) return '';
  if (capture === by) return ` The RST followed the SYN by ${seconds(d.seconds)} on this capture at the ${side[by]}: the ${side[by]} host itself refused it (nothing listens on that port, or a REJECT rule on the ${side[by]} host).`;
  if (capture === null || capture === undefined) return ` If this was captured on the ${side[by]} (SYN in, RST out), the ${side[by]} host itself refused it (nothing listens on that port, or a REJECT rule on the ${side[by]} host).`;
  return '';
}

function refusalWho(ev: readonly ResetEvidence[]): string {
  const as = evOf(ev, 'ttl-as-host');
  const unlike = evOf(ev, 'ttl-unlike-host');
  if (as) return `Its TTL ${as.ttl} is the same as on this host's other packets: most likely the host itself answered, the port is closed (a firewall on that host would look the same).`;
  if (unlike) return `Its TTL ${unlike.ttl} differs from this host's other packets (TTL ${unlike.usual}): another device sent it, most likely a firewall's REJECT on the way, not the host.`;
  const initial = evOf(ev, 'ttl-initial');
  if (initial)
    return `No other packet from this host to compare its TTL with, but TTL ${initial.ttl} is an initial value no router has decremented: the RST was sent on the capture's own link (by a device there, or the capturing host itself). If the server is behind a router, that was not the server: most likely a firewall's REJECT (a closed port on a host one router away arrives with TTL 63 or less).`;
  if (evOf(ev, 'host-unseen')) return 'No other packet from this host to compare its TTL with: a closed port and a firewall\'s REJECT are both possible.';
  return 'A closed port and a firewall\'s REJECT are both possible: with tcpdump -v, a TTL unlike the host\'s packets on other connections would show a firewall.';
}

/** What the RST does at its receiver (RFC 9293 §3.10.7.3, RFC 5961 §3.2). */
function rstAcceptance(f: RstFinding): string {
  const peer = side[other(f.by)];
  const rs: TcpState | null = f.receiverState;
  if (f.acceptance === 'challenge')
    return `Its seq is inside the ${peer}'s receive window but not the exact next byte it expects: the ${peer} does not reset; it answers with a challenge ACK and keeps the connection (RFC 5961 §3.2).`;
  if (f.acceptance === 'ignored') {
    if (rs === 'SYN_SENT') return `The ${peer} is in SYN_SENT and this RST does not acknowledge its SYN: it is dropped and the connection is not closed (RFC 9293 §3.10.7.3).`;
    if (rs === 'CLOSED') return `The ${peer}'s end is already CLOSED: there is nothing left to reset, the RST is discarded (RFC 9293 §3.10.7.1).`;
    return `Its seq is outside the ${peer}'s receive window: the ${peer} drops it and the connection is not closed (RFC 5961 §3.2).`;
  }
  if (rs === 'SYN_SENT') return `The ${peer} accepts it (its ACK acknowledges the SYN, RFC 9293 §3.10.7.3): connect() fails with ECONNREFUSED.`;
  // ACCEPTED BEYOND THE LAST ACK (src/track/heuristics/reset.ts): only if the sender's data before it has arrived.
  const beyond = f.beyondAck;
  if (beyond) {
    const data = beyond.line !== null ? `the ${side[f.by]}'s data on line ${beyond.line}` : `the ${side[f.by]}'s data before it`;
    return `Its seq is the byte right after ${data}, which the ${peer} has not acknowledged yet. If that data has reached the ${peer}, it accepts the RST and ${acceptedWords(f)}; if not, the seq is inside its window but not the next byte it expects, and it answers with a challenge ACK instead (RFC 5961 §3.2).`;
  }
  return `The ${peer} accepts it (seq = the next byte it expects, RFC 5961 §3.2) and ${acceptedWords(f)}.`;
}

/** What an accepted RST does to its receiver, by the receiver's state (after "accepts it and"). */
function acceptedWords(f: RstFinding): string {
  const rs: TcpState | null = f.receiverState;
  // TIME_WAIT is a socketless leftover (Linux inet_timewait_sock): the RST ends it (tcp_timewait_state_process, unless
  // net.ipv4.tcp_rfc1337 = 1) and no application hears of it.
  if (rs === 'TIME_WAIT') return `ends its TIME_WAIT at once (RFC 9293 §3.10.7.4; Linux does so unless net.ipv4.tcp_rfc1337 = 1); no application is told anything`;
  // An end that has sent its FIN may already be orphaned by close(): Linux tcp_reset sets sk_err, but only an
  // application still holding the socket (after shutdown()) reads it.
  if (rs === 'FIN_WAIT_1' || rs === 'FIN_WAIT_2' || rs === 'CLOSING' || rs === 'LAST_ACK')
    return `drops the connection at once: if the application still holds the socket (e.g. it used shutdown() and is reading), its next call fails with ECONNRESET; after close() nothing is reported`;
  const u = f.receiverUnacked;
  const here = u === null ? '' : ` (here ${u.line !== null ? `the ${plural(u.bytes, 'byte')} of line ${u.line}` : plural(u.bytes, 'byte')})`;
  // CLOSE_WAIT: the peer's FIN came first. Linux tcp_reset sets EPIPE there, and tcp_recvmsg reports the FIN (SOCK_DONE)
  // before any error: reads go on returning 0 (samples/reuse-after-close: recv EOF, then send EPIPE).
  if (rs === 'CLOSE_WAIT')
    return `drops the connection at once: its unsent and unacknowledged data${here} is discarded; its application's reads return what is left and then 0 (end of file: the FIN came first), and its next write fails with EPIPE (Linux tcp_reset in CLOSE_WAIT)`;
  return `drops the connection at once: its unsent and unacknowledged data${here} is discarded and its application's next call fails with ECONNRESET`;
}

/**
 * Who the TCP endpoint behind a RST with continuing timestamps is, from where the capture was taken: leaving the
 * capturing host, its own TCP (no proxy can sit between a host and its own capture); arriving from the server, the
 * server or a proxy/load balancer terminating TCP in front of it; from the client, the client or a forward proxy/NAT
 * gateway terminating TCP for it (nothing balances load in front of a client).
 */
function endpointText(f: RstFinding): string {
  const by = side[f.by];
  // Only -i any directions or -v TTLs place the capture on the sender itself; the handshake's timing cannot tell a
  // host from a proxy or tap just in front of it, so then the hedge below applies.
  if (f.capture === f.by && f.captureSure !== false) return `; it leaves this host, so this host's own TCP sent it`;
  if (f.by === 'client') return `: sent by the TCP endpoint at the client's address, the client itself or a forward proxy that terminates TCP for it`;
  return `: sent by the TCP endpoint at the ${by}'s address, the ${by} itself or a proxy/load balancer that terminates TCP in front of it`;
}

function rstText(f: RstFinding): string {
  const by = side[f.by];
  const ev = f.evidence;
  let what: string;
  if (f.class === 'refusal') {
    what = `Connection refused: RST+ACK answering the ${side[other(f.by)]}'s SYN with ack = its ISN + 1 (RFC 9293 §3.10.7.1). The RST says no socket took the SYN: either the port is closed on the ${by} (no LISTEN there), or a device in between answered for it (a firewall's REJECT with a reset) and the ${by} never saw the SYN. ${refusalWho(ev)}${refusalDelay(ev, f.by, f.capture)}`;
  } else if (f.class === 'no-connection') {
    const form = evOf(ev, 'seq-is-peer-ack');
    what = `RST without ACK${form ? ` whose seq is the ack field of the ${side[other(f.by)]}'s segment on line ${form.line}` : ''}: the reply of a host that has no connection for these addresses and ports (RFC 9293 §3.10.7.1). If the ${by} sent it, its end was already CLOSED (no connection) then. ${noConnectionContext(ev, f.by, f.acceptance)}${ipConsistency(ev, f.by, 'no-connection')}`;
  } else if (f.class === 'abort') {
    if (evOf(ev, 'data-after-close')) {
      what = `Abort: the ${by} had already closed (its FIN was sent) and the ${side[other(f.by)]} still sent data, so the ${by}'s TCP reset the connection to show that data was lost (RFC 9293 §3.6.1; Linux counts TCPAbortOnData, and resets only once its application has stopped receiving (close(), or shutdown with SHUT_RD/SHUT_RDWR); after shutdown(SHUT_WR) alone it would accept the data). This form has no ACK bit and seq = the ack field of the segment it answers.${afterCloseWords(ev, f.by)}`;
    } else {
      const seqNext = evOf(ev, 'seq-is-next');
      const ts = evOf(ev, 'timestamps-continue');
      // A TCP endpoint with the connection's state only when its timestamps (or -v TTL / IP id) continue: an exact seq
      // a stateful device can produce too, and the window any device on the path can copy (RFC 5961 §1). A proxy that
      // terminates TCP at that address continues its own timestamps as well, so the words never exclude it.
      const own = ts !== undefined || evOf(ev, 'ttl-same') !== undefined || evOf(ev, 'ip-id-follows') !== undefined;
      let formText = '';
      if (ts) {
        const form: string[] = [];
        if (seqNext) form.push(`seq = the ${by}'s next sequence number`);
        form.push(`its timestamps continuing (TS val ${ts.inSyn ? `${ts.val} after ${ts.last} in its ${f.by === 'server' ? 'SYN-ACK' : 'SYN'}` : `+${(ts.val - ts.last + 4294967296) % 4294967296}`}), which a firewall's REJECT reset, with no TCP options, would not carry`);
        formText = ` (RST+ACK with ${form.join(', ')}${endpointText(f)})`;
      } else if (seqNext) {
        formText = ` (RST+ACK with seq = the ${by}'s next sequence number, which a stateful device on the path can also produce: likely the ${by}'s own TCP)`;
      }
      const ka = evOf(ev, 'keepalive-gave-up');
      if (ka)
        what = `RST sent by the ${by}'s kernel when keep-alive gave up after ${ka.answersLost ? `${plural(ka.probes, 'probe')} from line ${ka.fromLine} whose answers never reached it (they were captured here, so they were lost on the way back)` : `${plural(ka.probes, 'unanswered probe')} from line ${ka.fromLine}`} (Linux tcp_keepalive_timer → tcp_send_active_reset), not by its application; no data had moved since before line ${ka.fromLine}.${ipConsistency(ev, f.by, 'abort')}`;
      else if (f.phase === 'idle' && f.idleSeconds !== null && own)
        what = `Abort by the ${by} after a long silence${formText}, ${seconds(f.idleSeconds)} after the last segment: its application's idle timeout closed the connection abortively (SO_LINGER 0, or close() with unread data, RFC 9293 §3.6.1); a plain close() would have sent a FIN.${ipConsistency(ev, f.by, 'abort')}${missingTsNote(ev, f.by)}`;
      else
        what = `Abort by the ${by} ${phaseWords(f.phase, f.by)}${formText}: its application closed the socket with unread data (RFC 9293 §3.6.1, RFC 2525 §2.17; also what a crash or exit does while data is unread) or with SO_LINGER 0 (often on its own timeout). Not a kernel timeout: Linux resets when keep-alive gives up only after unanswered probes, which this capture does not show, and sends no RST when retransmissions give up (tcp_write_err).${ipConsistency(ev, f.by, 'abort')}${missingTsNote(ev, f.by)}${
          f.phase === 'idle' && f.idleSeconds !== null ? ` ${seconds(f.idleSeconds)} without traffic came before it: typical of an idle timeout in a server, load balancer, NAT or firewall.` : ''
        }`;
    }
  } else {
    const clues = forgeryClues(ev, f.by);
    what = `${confidenceWord[f.confidence]} the ${by}: this RST carries the ${by}'s address, but ${clues.length > 0 ? clues.join('; ') : 'it does not match what the ' + by + ' sends'}. A device on the path (firewall, IPS, NAT, load balancer) ${f.confidence === 'possible' ? 'may have sent' : 'most likely sent'} it in the ${by}'s name; a capture on the ${by} with -v would show whether it ever left the ${by}.${continuingTs(ev, by)}${rejectShape(ev, f.by)}${afterForgedWords(ev, f.by)}`;
  }
  return `${what} ${rstAcceptance(f)}`;
}

const resetPhase: Record<ResetPhase, string> = {
  handshake: 'in answer to the connection attempt',
  'before-data': 'right after the handshake, before any data',
  'after-request': 'after the request, before any reply',
  'after-next-request': 'after a further request, before its reply',
  'mid-transfer': 'in the middle of the transfer',
  'after-close': 'while the connection was already closing',
  idle: 'after a long silence',
};

/** A RST's phase for its sender: the client's abort after a further request of its own is "after its request" (review 9 N1). */
const phaseWords = (p: ResetPhase, by: Side): string => (by === 'client' && p === 'after-next-request' ? 'after its request, before the reply' : resetPhase[p]);

/**
 * The next step after the server closed a connection the client then reused (data-after-close, recheck 9 R3): a FIN
 * under IDLE_TIMER_MIN after its answer ran out no idle timer, so the words point at what closes after a request.
 */
function afterCloseStep(finAfterData: number | null): string {
  const tail = 'the client should check a pooled connection for end of file before reusing it, and retry an idempotent request (RFC 9110 §9.2.2) on a fresh connection (RFC 9112 §9.3.1).';
  if (finAfterData !== null && finAfterData < IDLE_TIMER_MIN)
    return `The server closed the connection ${seconds(finAfterData)} after its answer, so not on an idle timer: check what makes it close after a request (its requests-per-connection limit: nginx keepalive_requests, Apache MaxKeepAliveRequests, Node.js server.maxRequestsPerSocket; one request per connection; a reload or restart) and that such a last answer says Connection: close (RFC 9112 §9.6); ${tail}`;
  return `The server closed the connection on its own${finAfterData !== null ? ` ${seconds(finAfterData)} after its answer` : ''} while the client still meant to use it: check when the server closes a kept-alive connection (idle timeout and requests per connection: nginx keepalive_timeout and keepalive_requests, Apache KeepAliveTimeout and MaxKeepAliveRequests, Node.js server.keepAliveTimeout and server.maxRequestsPerSocket) and that its last answer says Connection: close (RFC 9112 §9.6); ${tail}`;
}

export const en = {
  lang: 'en',
  side,
  Side,
  severity: { info: 'info', note: 'note', warning: 'warning', error: 'error' },
  states: {
    CLOSED: { name: 'CLOSED', meaning: 'no connection' },
    LISTEN: { name: 'LISTEN', meaning: 'waiting for connection requests' },
    SYN_SENT: { name: 'SYN_SENT', meaning: 'sent a SYN, waiting for the SYN-ACK' },
    SYN_RECEIVED: { name: 'SYN_RECEIVED', meaning: 'got a SYN and answered SYN-ACK, waiting for the final ACK' },
    ESTABLISHED: { name: 'ESTABLISHED', meaning: 'the connection is open: data can flow both ways' },
    FIN_WAIT_1: { name: 'FIN_WAIT_1', meaning: 'sent its FIN (active close), waiting for it to be acknowledged' },
    FIN_WAIT_2: { name: 'FIN_WAIT_2', meaning: 'its FIN was acknowledged: it sends no more, but still receives until the peer sends FIN (half-closed)' },
    CLOSE_WAIT: { name: 'CLOSE_WAIT', meaning: 'the peer closed its direction; waiting for the local application to call close()' },
    CLOSING: { name: 'CLOSING', meaning: 'both ends sent FIN at the same time; waiting for the ACK of its own FIN' },
    LAST_ACK: { name: 'LAST_ACK', meaning: 'sent its FIN after the peer\'s; waiting for the last ACK' },
    TIME_WAIT: { name: 'TIME_WAIT', meaning: 'done; waits 2×MSL per RFC 9293 (Linux: a fixed 60 s, TCP_TIMEWAIT_LEN) so that late segments die out before the same four-tuple can be reused' },
  },
  flags: {
    FIN: 'FIN: the sender has no more data to send',
    SYN: 'SYN: synchronise sequence numbers, i.e. open a connection',
    RST: 'RST: reset, abort the connection at once',
    PSH: 'PSH: push, the end of what the sender had queued (on Linux, the end of a write)',
    ACK: 'ACK: the ack field is valid',
    URG: 'URG: the urgent pointer is valid (urgent data, rarely used)',
    ECE: 'ECE: ECN echo, the network marked congestion (RFC 3168)',
    CWR: 'CWR: congestion window reduced, the sender reacted to an ECN echo (RFC 3168)',
    AE: 'AE: accurate ECN counter bit (RFC 9768)',
  },
  phases: resetPhase,
  numbering: { relative: 'relative', absolute: 'absolute' },
  translated: (printed, numbering, value) => `${printed} (${numbering} ${value})`,
  listSep: '; ',
  sentenceSep: ' ',
  findings: {
    'tcp.retransmission': (f, c) => {
      const part = f.part;
      const first =
        f.originalLine === null
          ? ''
          : part !== null
            ? ` (${part.tail ? 'the last ' : ''}${plural(part.bytes, 'byte')} of line ${f.originalLine}'s ${part.of}-byte segment)`
            : ` (first on line ${f.originalLine})`;
      const again = f.attempt > 2 ? `, transmission ${f.attempt} of these bytes` : '';
      const after = f.sincePrevious !== null ? ` ${seconds(f.sincePrevious)} after the previous copy${again}` : again;
      const head = `Retransmission: ${theSender(c.sender)} sends bytes it already sent${first}${after}.`;
      // The first copy printed as one segment larger than this resend: a TSO/GSO send (or GRO at a receiver).
      const lastSeg =
        part !== null && part.tail
          ? `it repeats the end of the sender's last segment, the tail of the flight (a probe resends at most one MSS from the end, Linux tcp_send_loss_probe; line ${f.originalLine} printed all ${part.of} bytes as one segment: segmentation offload, TSO/GSO where they are sent, GRO where they arrive)`
          : "it repeats the sender's last segment";
      if (f.kind === 'rto')
        return `${head} Not triggered by duplicate ACKs, this is a timeout resend: the retransmission timer expired (RTO, RFC 6298; Linux waits at least 200 ms, TCP_RTO_MIN, and doubles the wait on each further resend). The first copy or its ACK was lost; a few are normal, many mean loss on the path.`;
      if (f.kind === 'rto-or-tlp')
        return `${head} It is the sender's last segment and nothing else was in flight, so two timers fit: the retransmission timer (RTO, RFC 6298; Linux waits at least 200 ms) or a tail loss probe (RFC 8985 §7.2: with one segment in flight Linux waits 2·SRTT + the minimum RTO, 200 ms by default); Linux caps the probe at the RTO, so with one segment in flight the probe replaces the RTO at about the same time; the text cannot tell them apart (on the sender, nstat's TcpExtTCPLossProbes and TcpExtTCPTimeouts can). Either way the first copy or its ACK was lost.`;
      if (f.kind === 'tlp')
        return `${head} Too soon for a retransmission timeout (Linux waits at least 200 ms, RFC 6298 §2.4 asks 1 s), and ${lastSeg}: likely a tail loss probe (RFC 8985 §7), sent when no ACK came within the probe timeout (Linux tcp_schedule_loss_probe: 2·SRTT + 2 ms (TCP_TIMEOUT_MIN_US; 2 jiffies before Linux 6.6) with more than one segment in flight, 2·SRTT + the minimum RTO (200 ms by default) with one, RFC 8985 §7.2; never later than the RTO would fire), so that a lost tail is repaired by SACK recovery instead of a timeout. A D-SACK in answer would show it was unnecessary.`;
      return `${head} ${f.sincePrevious !== null ? 'Too soon for a retransmission timeout (Linux waits at least 200 ms) and not the sender\'s last segment: likely loss detection from ACK timing (RACK, RFC 8985) or SACK information the capture does not show.' : 'The text does not show when these bytes were sent before (no timestamps, or the first copy is not among the recent segments), so it cannot tell whether the retransmission timer or loss recovery sent them.'}`;
    },
    'tcp.fast_retransmission': (f, c) => {
      const first = f.originalLine !== null ? ` (first sent on line ${f.originalLine})` : '';
      if (f.trigger === 'sack')
        return `Fast retransmission: ${theSender(c.sender)} resends missing bytes${first} at once: the peer's SACK blocks show segments above this hole arrived and this part did not (the SACK scoreboard: RFC 6675 §4, RACK RFC 8985), so it does not wait for its timer.`;
      if (f.trigger === 'rack')
        return `Fast retransmission: ${theSender(c.sender)} resends missing bytes${first} once later data was SACKed: too little lies SACKed above them for RFC 6675's rule (3 segments), so RACK (RFC 8985 §6.2: a segment sent before one that was delivered counts as lost) marked them lost; it does not wait for its timer.`;
      if (f.trigger === 'timer')
        return `Retransmission by a timer: ${theSender(c.sender)} resends missing bytes${first}${f.afterAck !== null ? ` ${seconds(f.afterAck)} after the peer's last ACK` : ''}, not at once although the peer's SACK blocks already showed the hole: far more than a round trip, so a timer sent it (RACK reordering timer, RFC 8985 §6.2, Linux tcp_rack_reo_timeout, or a tail loss probe).`;
      if (f.sack)
        return `Fast retransmission (SACK loss recovery, RFC 6675 §5; Linux detects the loss with RACK, RFC 8985 §6): ${theSender(c.sender)} resends the missing bytes${first} without waiting for its timer: a segment was lost on the way.${f.dupAcks > 3 ? ` ${plural(f.dupAcks, 'duplicate ACK')} were already on their way; a few would have sufficed.` : ''}`;
      return `Fast retransmission: after ${plural(f.dupAcks, 'duplicate ACK')} ${theSender(c.sender)} resends the missing bytes${first} at once instead of waiting for its timer (RFC 5681 §3.2): a segment was lost on the way.`;
    },
    'tcp.upstream_retransmission': (f, c) => {
      const timed = f.tsFrom !== null && f.tsTo !== null;
      const ts = timed
        ? `; its TS val jumps from ${f.tsFrom} to ${f.tsTo} (+${(f.tsTo as number) - (f.tsFrom as number)}; Linux counts it in milliseconds), so the bytes left the sender that much later and were not held up on the way`
        : '; without timestamps the text cannot show whether they left late or were held up on the way';
      const timer =
        f.timer === 'tlp'
          ? 'a tail loss probe (RFC 8985 §7: with more than one segment in flight Linux arms it at 2·SRTT + 2 ms (TCP_TIMEOUT_MIN_US; 2 jiffies before Linux 6.6) after the last send, never later than the RTO, tcp_schedule_loss_probe; an RTO would wait at least 200 ms)'
          : 'the retransmission timer (RTO, RFC 6298; Linux waits at least 200 ms) or a tail loss probe (with one segment in flight 2·SRTT + the minimum RTO, 200 ms by default, RFC 8985 §7.2; Linux caps the probe at the RTO, so with one segment in flight the probe replaces the RTO at about the same time)';
      return `Resent by a timer${timed ? '' : ' (likely)'}: ${theSender(c.sender)} sent these ${plural(f.bytes, 'byte')} ${seconds(f.sinceSent)} after its previous data segment, which had no PSH (more of the same write was already queued), and nothing from the peer prompted them${ts}. No ACK clocked them out, so a timer did: ${timer}. ${
        f.afterHole
          ? 'The bytes before them never arrived here either: this is the probe, and the first copies of both were lost before this capture point; the SACK it draws lets the sender resend the rest at once.'
          : 'Their first copy never arrived here: it was lost before this capture point.'
      }`;
    },
    'tcp.nagle_hold': (f, c) => {
      const who = c.sender ? side[c.sender] : 'sender';
      const peer = c.sender ? `the ${side[other(c.sender)]}'s` : "the peer's";
      return `Held back by Nagle's algorithm, not resent: these ${plural(f.bytes, 'byte')}, less than one MSS, are the tail of the ${who}'s writes; they left the ${who} ${f.tsTo - f.tsFrom} ms after ${f.afterFull ? 'the full segments' : 'the segment'} before them (TS val ${f.tsFrom} → ${f.tsTo}) and echo TS val ${f.echoed} of ${peer} ACK on line ${f.ackLine}, which acknowledged the ${who}'s earlier small segment (line ${f.smallLine}): the ${who}'s TCP sent them as soon as that ACK arrived (RFC 896, RFC 1122 §4.2.3.4; Linux tcp_nagle_check, Minshall's rule). No earlier copy of these bytes was sent.`;
    },
    'tcp.spurious_retransmission': (f, c) =>
      `Spurious retransmission: ${theSender(c.sender)} resends bytes that were already acknowledged${f.originalLine !== null ? ` (first on line ${f.originalLine})` : ''}; the resend was unnecessary (the ACK was late or the timer too short).${
        f.probe && f.sincePrevious !== null
          ? ` They are the last bytes it sent, ${seconds(f.sincePrevious)} after the previous copy, too soon for a retransmission timeout (Linux waits at least 200 ms): likely a tail loss probe (RFC 8985 §7) that crossed the ACK.`
          : ''
      }`,
    'tcp.out_of_order': (_f, c) =>
      `Out of order: this segment starts before bytes already seen from ${theSender(c.sender)}; it was overtaken on the way, or is a late copy.`,
    'tcp.previous_segment_not_captured': (f) =>
      `Gap: the ${plural(f.missingBytes, 'byte')} before this segment were never seen: lost on the network, or missed by the capture (check "dropped by kernel").`,
    'tcp.acked_unseen_segment': (f) =>
      `This ACK covers ${plural(f.unseenBytes, 'byte')} that never appeared in the capture: they reached the receiver, so the capture missed them (capture drops or asymmetric routing), not the network.`,
    'tcp.dup_ack': (f, c) =>
      f.sackFrom !== null && f.sackTo !== null && f.holes.length > 0
        ? `Duplicate ACK #${f.n} with the new SACK block {${f.sackFrom}:${f.sackTo}} (same ack as line ${f.originalLine}): ${theSender(c.sender)} still needs ${seqRanges(f.holes)}; it already holds ${seqRanges(f.held)}${
            f.windowGrew
              ? ` (the window also grew while the hole is open: a Linux receiver widens its offer as out-of-order data arrives on a SACK connection (tcp_grow_window), and any receiver does as its application reads data before the hole; it cannot read past the ${f.holes.length > 1 ? 'first ' : ''}hole)`
              : ''
          }. With SACK, an ACK that brings new SACK information counts as a duplicate ACK (RFC 6675 §2).`
        : `Duplicate ACK #${f.n} (same ack as line ${f.originalLine}): ${theSender(c.sender)} is still waiting for the same byte while later segments arrive: something before them is missing. Three duplicates trigger a fast retransmission (RFC 5681).`,
    'tcp.zero_window': (_f, c) =>
      `Zero window: ${theSender(c.sender)}'s receive buffer is full, the peer must stop sending. The receiving application is not reading fast enough.`,
    'tcp.zero_window_probe': (f, c) =>
      `Zero-window probe${f.n > 1 ? ` #${f.n}` : ''}${f.sinceZeroWindow !== null ? `, ${seconds(f.sinceZeroWindow)} after the peer's window went to 0` : ''}: ${theSender(c.sender)} has data waiting and its persist timer asks whether the window has opened again (RFC 9293 §3.8.6.1); the answer is an ACK carrying the current window. ${
        f.form === 'old-seq'
          ? 'It carries no new data and uses the already-acknowledged sequence number one below the next (Linux tcp_xmit_probe_skb), which is why it looks like a keep-alive; against a zero window it is a window probe, sent on the persist (probe0) timer, interval RTO·2^backoff (Linux tcp_probe0_when).'
          : 'It carries one new byte, which the receiver may accept or drop.'
      }${
        f.sinceAnswer !== null && f.sinceAnswer < 0.5
          ? ` The peer answered a probe only ${seconds(f.sinceAnswer)} ago, and Linux answers segments outside its window at most once per 500 ms (tcp_oow_rate_limited, net.ipv4.tcp_invalid_ratelimit), so this probe likely gets no answer.`
          : ''
      }`,
    'tcp.zero_window_probe_ack': (_f, c) =>
      `Answer to a zero-window probe: ${theSender(c.sender)} reports its window again.`,
    'tcp.window_full': (f, c) =>
      `Window full: ${theSender(c.sender)} has ${plural(f.inFlight, 'byte')} in flight, all that the peer's window allows; it must wait for an ACK before sending more.`,
    'tcp.zero_window_stall': (f, c) =>
      `Stall over: ${theSender(c.sender)}'s window was 0${f.seconds !== null ? ` for ${seconds(f.seconds)}` : ''} (since line ${f.fromLine}), with ${plural(f.probes, 'zero-window probe')} from the peer meanwhile. The transfer stood still that long because ${theSender(c.sender)}'s application did not read its receive buffer; the peer may send again now.`,
    'tcp.dsack': (f, c) =>
      `D-SACK: the first SACK block {${f.from}:${f.to}} lies ${f.where === 'below-ack' ? 'at or below the ACK' : 'inside the next block'} (RFC 2883 §4), so ${theSender(c.sender)} reports bytes it received twice, not new data. ${
        f.retransLine !== null
          ? `The retransmission on line ${f.retransLine} was therefore unnecessary (spurious, RFC 3708): the first copy had arrived.`
          : 'The capture saw no retransmission of them: a copy duplicated on the path, or a resend the capture missed.'
      }`,
    'tcp.window_update': (f, c) =>
      `Window update: ${theSender(c.sender)}'s window changed from ${f.from} to ${f.to} bytes without new data; the peer may send again.`,
    'tcp.keep_alive': (f, c) =>
      `Keep-alive${f.idleSeconds !== null ? ` after ${seconds(f.idleSeconds)} of silence` : ''}: ${theSender(c.sender)} checks that the peer is still there (RFC 9293 §3.8.4). ${
        f.withByte
          ? 'It carries one byte the peer already acknowledged (RFC 1122 §4.2.3.6), which the peer discards and answers with an ACK.'
          : 'It uses the already-acknowledged sequence number one below the next and carries no data, so the peer answers with an ACK.'
      } The traffic also keeps NATs and firewalls from forgetting the connection.`,
    'tcp.keep_alive_unanswered': (f, c) => {
      const run = f.count === 1 ? `The keep-alive on line ${f.fromLine} got` : `${plural(f.count, 'keep-alive')} in a row (from line ${f.fromLine}) got`;
      const why =
        f.answerLine !== null
          ? ` The peer did answer (line ${f.answerLine}), but ${theSender(c.sender)}'s TS echo still carries an older timestamp, so that answer never reached it: the return path is broken (a NAT or firewall that forgot the connection, or a route).`
          : ' No answer was captured: the peer is gone, or the probes or their answers are lost on the way (a path that broke, or a NAT or firewall that dropped the connection\'s state).';
      const end = f.gaveUp
        ? ` ${c.sender ? `The ${side[c.sender]}` : 'The sender'}'s kernel gave up and reset the connection (Linux tcp_keepalive_timer after tcp_keepalive_probes: tcp_send_active_reset, tcp_write_err): its application's next call on the socket fails with ETIMEDOUT "Connection timed out".`
        : '';
      return `${run} no answer ${theSender(c.sender)} received.${why}${end}`;
    },
    'tcp.keep_alive_ack': (_f, c) => `Answer to a keep-alive: ${theSender(c.sender)} is still there.`,
    'tcp.syn_retransmission': (f) =>
      `SYN sent again (attempt ${f.attempt}${f.sinceFirst !== null ? `, ${seconds(f.sinceFirst)} after the first` : ''}): no SYN-ACK came back in time. The SYN or its SYN-ACK was lost on the way, the host is down, a firewall drops the SYN silently, or the route is broken. The spacing of retries depends on the sender's kernel: Linux before 6.5, or with net.ipv4.tcp_syn_linear_timeouts = 0, doubles the wait (1, 3, 7, 15 s after the first SYN); since Linux 6.5 the default (tcp_syn_linear_timeouts = 4) retries at 1 s intervals for the first 5 retransmissions (1, 2, 3, 4, 5 s after the first SYN), then doubles (7, 11, 19 … s).`,
    'tcp.synack_retransmission': (f) => {
      const when =
        f.sincePrevious !== null && f.sincePrevious < 0.2
          ? `${seconds(f.sincePrevious)} after the previous one`
          : f.sinceFirst !== null
            ? `${seconds(f.sinceFirst)} after the first${f.firstUnseen ? ' one captured' : ''}`
            : '';
      const head = `SYN-ACK sent again (attempt ${f.attempt}${
        f.firstUnseen ? `: the first, lost on the way, is not in this capture${when ? `; ${when}` : ''}` : when ? `, ${when}` : ''
      })`;
      if (f.answersResentSyn && f.echoesFirstSyn === true && f.sincePrevious !== null && f.sincePrevious < 0.2)
        return `${head}: it answers the client's resent SYN (Linux tcp_check_req → inet_rtx_syn_ack); the previous SYN-ACK, sent before that SYN arrived, was the server's own 1-s SYN-ACK timer (reqsk_timer_handler). Both echo the first SYN's timestamp, so the first SYN arrived and the original SYN-ACK was lost on the way back.`;
      if (f.synResent && f.echoesFirstSyn === true && f.sincePrevious !== null && f.sincePrevious < 0.2)
        return `${head}: no timer fires that soon. One of the two answers the client's resent SYN (Linux tcp_check_req → inet_rtx_syn_ack), the other is the server's own 1-s SYN-ACK timer (reqsk_timer_handler); both echo the first SYN's timestamp, so the first SYN arrived and the original SYN-ACK was lost on the way back.`;
      if (f.synResent && f.echoesFirstSyn === true)
        return `${head}: it answers the client's resent SYN or comes from the server's own SYN-ACK timer; it echoes the first SYN's timestamp, so the first SYN arrived and an earlier SYN-ACK was lost on the way back.`;
      if (f.synResent)
        return `${head}: the client had sent its SYN again, so its first SYN or the server's first SYN-ACK was lost on the way.`;
      return `${head}: the server's SYN-ACK timer (1 s, then doubling) ran out before the final ACK arrived: the SYN-ACK or the ACK was lost on the way.`;
    },
    'tcp.rst': (f) => rstText(f),
    'tcp.rst_contradicted': (f, c) =>
      `${c.sender ? `The ${side[c.sender]}` : 'This end'} sends ${f.what === 'fin' ? 'a FIN' : f.what === 'data' ? 'data' : 'an ACK'}${f.timestamps ? ' with newer timestamps' : ''}${f.seconds !== null ? ` ${seconds(f.seconds)}` : ''} after the RST on line ${f.rstLine} that claimed to come from it: an end that reset has no connection left to send on, so that RST was not ${c.sender ? `the ${side[c.sender]}'s` : 'its own'}${f.timestamps ? '' : ' (unless this is a copy delayed on the path)'}. Its peer had accepted that RST and has no connection left: it answers such segments with a RST (RFC 9293 §3.10.7.1).`,
    'tcp.rst_not_taken': (f) => {
      const peer = side[other(f.by)];
      const ack = f.what === 'ack';
      const seg = ack ? 'ACK' : f.what === 'fin' ? 'FIN' : 'data segment';
      return `The ${peer} still had the connection when it sent this: this ${seg} expects ${expectedByte(f.expects, f.relative)}, short of the seq ${f.rstSeq} of the ${side[f.by]}'s RST on line ${f.rstLine}, so that RST had not reset it. Either this ${ack ? 'ACK' : 'segment'} crossed the RST, or the ${peer} did not take the RST ${
        ack ? `(its seq was not the next byte it expected, ${missingWords(f.missingLine, f.by)}) and this is its challenge ACK (RFC 5961 §3.2)` : `: its seq was not the next byte it expected, ${missingWords(f.missingLine, f.by)} (RFC 5961 §3.2)`
      }. The ${peer}'s end is therefore shown as ${f.state} again, not CLOSED as on line ${f.rstLine}.`;
    },
    'tcp.challenge_ack': (f, c) =>
      `Challenge ACK: ${theSender(c.sender)} answers the in-window RST on line ${f.rstLine} with an ACK of what it expects instead of resetting (RFC 5961 §3.2); the connection stays open. A genuine sender whose RST this was would answer it with a RST carrying exactly that seq.`,
    'tcp.port_reuse': (f) =>
      f.timeWait
          ? `Port reuse: a new SYN on the 4-tuple of ${f.previousConn} while the ${side[f.timeWait.side]}'s end of ${f.previousConn} is still in TIME_WAIT (${f.timeWait.seconds !== null ? `entered about ${seconds(f.timeWait.seconds)} ago` : 'entered earlier'}; 60 s on Linux).${f.timeWait.tsNewer ? ` It is accepted because its timestamp (${f.timeWait.tsNewer.val}) is newer than the last one from ${f.previousConn} (${f.timeWait.tsNewer.last}): RFC 6191 §2; Linux tcp_timewait_state_process.` : ' Without a newer timestamp (RFC 6191 §2) it is accepted only if its ISN lies beyond the old connection\'s (RFC 1122 §4.2.2.13).'} Counted as a new connection from here.`
          : `Port reuse: a new connection with the same addresses and ports as ${f.previousConn}; counted as a new connection from here.`,
    'tcp.new_connection': (f) =>
      `New connection: the same address pair as ${f.previousConn}${f.newIsn ? ' with a new ISN' : ' with a new handshake'}; the paste has no ports, so whether the ports are the same (port reuse) cannot be told. Counted as a new connection from here.`,
    'tcp.checksum_incorrect': (f) =>
      `Checksum incorrect${f.expected !== null ? ` (should be ${hex(f.expected)})` : ''}: on the sending host this is usually checksum offload (the NIC fills it in after tcpdump saw the packet), not corruption.`,
    'tcp.handshake_rtt': (f) =>
      f.capture === 'between'
        ? f.forwarding !== undefined
          ? `Handshake round trip through this host: ${seconds(f.seconds)} from the client's SYN arriving (line ${f.forwarding.lines.syn}) to its ACK arriving (line ${f.forwarding.lines.ack}) = server side ${seconds(f.forwarding.serverSide)} (line ${f.forwarding.lines.syn} → ${f.forwarding.lines.synAck}, including ${seconds(f.forwarding.syn)} forwarding the SYN) + ${seconds(f.forwarding.synAck)} forwarding the SYN-ACK + client side ${seconds(f.forwarding.clientSide)} (line ${f.forwarding.lines.synAckCopy} → ${f.forwarding.lines.ack}); a baseline for judging later delays.`
          : `Handshake round trip seen between the ends: ${seconds(f.seconds)} (SYN → SYN-ACK plus SYN-ACK → ACK, each a crossing to one side); a baseline for judging later delays.`
        : f.capture === f.at
          ? `Handshake round trip seen from the ${side[f.at]}: ${seconds(f.seconds)} (${f.at === 'client' ? 'SYN → SYN-ACK' : 'SYN-ACK → ACK'}); a baseline for judging later delays.`
          : f.gaps !== undefined
            ? rttRange(f.gaps.synToSynAck, f.gaps.synAckToAck)
            : f.capture === null && f.at === 'server'
              ? `Handshake round trip: not known here. Only the SYN-ACK → ACK gap is in this capture (${seconds(f.seconds)}): the round trip if it was taken at the server, the client's own turnaround if at the client, and the timing does not tell which.`
              : `Handshake round trip: about ${seconds(f.seconds)} (the ${f.at === 'client' ? 'SYN → SYN-ACK' : 'SYN-ACK → ACK'} gap); the handshake's timing does not tell where the capture was taken. A baseline for judging later delays.`,
    'tcp.timestamps_missing': (f) =>
      `Timestamps were negotiated in the SYN and SYN-ACK, but the ${side[f.by]}'s later segments carry none and the ${side[other(f.by)]} echoes 0, so it really receives none (RFC 7323 §3.2: once negotiated, TSopt MUST be sent on every segment but a RST, and a receiver SHOULD drop a segment without it). The ${side[f.by]}'s stack does not send them, or something between it and this capture point removes them (in a capture taken on the ${side[f.by]}: its own host, e.g. a netfilter or tc rule); a trimmed paste could hide the ${side[f.by]}'s options, but not the ${side[other(f.by)]}'s echo 0.`,
    'tcp.options_negotiated': (f, ctx) => {
      const path = mssPathWords(f, ctx.mssRewrites);
      const mss = `MSS as seen here: client ${f.mss.client ?? '–'} / server ${f.mss.server ?? '–'} (${
        path ?? 'each caps the payload per segment the other end may send; announced, not negotiated'
      })`;
      const inf = f.inferred;
      const ws =
        f.wscale.client !== null && f.wscale.server !== null
          ? `window scaling on (client shift ${f.wscale.client} = ×${scaleFactor(f.wscale.client)}, server shift ${f.wscale.server} = ×${scaleFactor(f.wscale.server)})`
          : inf && inf.wscale && f.wscale.server !== null
            ? `window scaling on (client shift unknown, server shift ${f.wscale.server} = ×${scaleFactor(f.wscale.server)})`
            : 'window scaling off (only one side or neither offered it, RFC 7323 §2.2)';
      if (f.clamped !== undefined) return `Handshake options: ${ws}; SACK ${f.sack ? 'on' : 'off'}; timestamps ${f.timestamps ? 'on' : 'off'}. ${clampedWords(f)}`;
      const base = `Handshake options: ${mss}; ${ws}; SACK ${f.sack ? 'on' : 'off'}; timestamps ${f.timestamps ? 'on' : 'off'}.`;
      if (!inf) return base;
      const offered = [inf.wscale ? 'window scaling' : null, inf.sack ? 'SACK' : null, inf.timestamps ? 'timestamps' : null].filter((x) => x !== null);
      if (offered.length === 0) return `${base} The client's SYN is not in this capture; this SYN-ACK offers none of window scaling, SACK and timestamps.`;
      return (
        `${base} The client's SYN is not in this capture: its ${offered.join(', ')} are inferred from this SYN-ACK, which may carry them only if the SYN offered them (RFC 7323 §2.2, §3.2; RFC 2018 §2)` +
        (inf.synTsVal !== null ? `; the SYN's TSval was ${inf.synTsVal} (the SYN-ACK echoes it).` : '.')
      );
    },
    'tcp.option_not_offered': (f) => {
      const what = {
        mss: 'MSS: the peer must assume 536 bytes per segment (RFC 9293 §3.7.1)',
        wscale: 'window scaling: it is off for both directions, so no window exceeds 65535 bytes and long-distance throughput suffers',
        sackOK: 'SACK: after a loss the receiver cannot say which later blocks arrived, so recovery is slower',
        ts: 'timestamps: RTT is then sampled only from ACKs of data sent once (Karn, RFC 6298 §3), spurious retransmissions cannot be detected from timestamps (RFC 3522), and there is no PAWS protection (RFC 7323 §5)',
      }[f.option];
      return `The ${side[f.side]} did not offer ${what}.`;
    },
    'tcp.segments_below_mss': (f, c) => {
      const snd = c.sender ?? 'server';
      const rcv = other(snd);
      const synOf = (s: Side): string => (s === 'client' ? 'SYN' : 'SYN-ACK');
      const limit = f.mss - f.optionBytes;
      const own =
        f.ownMss !== null && f.ownMss - f.optionBytes === f.size
          ? ` Its own ${synOf(snd)} shows MSS ${f.ownMss} here, the same size limit, whether it announced that or it was lowered too.`
          : '';
      return `Full data segments from the ${side[snd]} stay at ${f.size} bytes (${f.count} of them from line ${f.fromLine}, each cut without PSH with more data right behind it, so the ${side[snd]} had more queued: not the size of its application's writes, whose last segment carries PSH, RFC 9293 §3.9.1.2), less than the ${limit} that the ${side[rcv]}'s MSS ${f.mss} allows (${
        f.optionBytes > 0 ? `${f.mss} minus ${f.optionBytes} bytes of timestamps; ` : ''
      }RFC 9293 §3.7.1, RFC 6691): the option was probably lowered on the path (MSS clamping, e.g. iptables TCPMSS, which only ever lowers it), or the ${side[snd]}'s own path MTU limits it (an interface or route MTU, ip route … mtu, or path-MTU discovery, RFC 1191/RFC 8201, or probing, RFC 4821).${own} A capture at the ${side[snd]} shows which: the ${side[rcv]}'s ${synOf(rcv)} there carries the MSS the ${side[snd]} received.`;
    },
  },
  findingNames: {
    'tcp.retransmission': 'Retransmission',
    'tcp.fast_retransmission': 'Fast retransmission',
    'tcp.upstream_retransmission': 'Retransmission (upstream)',
    'tcp.nagle_hold': "Held back by Nagle's algorithm",
    'tcp.spurious_retransmission': 'Spurious retransmission',
    'tcp.out_of_order': 'Out of order',
    'tcp.previous_segment_not_captured': 'Previous segment not captured',
    'tcp.acked_unseen_segment': 'ACKed unseen segment',
    'tcp.dup_ack': 'Dup ACK',
    'tcp.zero_window': 'Zero window',
    'tcp.zero_window_probe': 'Zero window probe',
    'tcp.zero_window_probe_ack': 'Zero window probe ACK',
    'tcp.zero_window_stall': 'Zero window stall',
    'tcp.dsack': 'D-SACK',
    'tcp.window_full': 'Window full',
    'tcp.window_update': 'Window update',
    'tcp.keep_alive': 'Keep-alive',
    'tcp.keep_alive_ack': 'Keep-alive ACK',
    'tcp.keep_alive_unanswered': 'Keep-alive unanswered',
    'tcp.syn_retransmission': 'SYN retransmission',
    'tcp.synack_retransmission': 'SYN-ACK retransmission',
    'tcp.rst': 'RST',
    'tcp.rst_contradicted': 'Traffic after RST',
    'tcp.challenge_ack': 'Challenge ACK',
    'tcp.rst_not_taken': 'RST not taken',
    'tcp.port_reuse': 'Port reuse',
    'tcp.new_connection': 'New connection (no ports)',
    'tcp.checksum_incorrect': 'Bad checksum',
    'tcp.handshake_rtt': 'Handshake RTT',
    'tcp.options_negotiated': 'Handshake options',
    'tcp.option_not_offered': 'Option not offered',
    'tcp.segments_below_mss': 'Segments below the MSS',
    'tcp.timestamps_missing': 'Timestamps missing',
  },
  options: {
    nop: () => 'nop (padding)',
    eol: () => 'end of option list',
    // RFC 9293 §3.7.1, RFC 6691 §2: the MSS counts data only; the sender's TCP options come out of it.
    // The option limits what its receiver sends; one capture shows it as it passed there, not as its sender wrote it
    // or as it arrived (a router may rewrite it: MSS clamping). Only a pair knows both values.
    mss: (o, c) => {
      const ts = (v: number): string => (c.tsSpace > 0 ? ` (${c.tsSpace} bytes of timestamps here → ${v - c.tsSpace})` : '');
      const peer = side[other(c.sender)];
      const r = c.mssRewrite;
      if (r !== null && r.sent !== r.received && o.value === r.received)
        return `MSS ${o.value} as received (the ${side[c.sender]} sent ${r.sent}; rewritten on the path): the ${peer} will send at most ${o.value} payload bytes per segment (RFC 9293 §3.7.1), minus options${ts(o.value)}`;
      if (r !== null && r.sent !== r.received && o.value === r.sent)
        return `MSS ${o.value} as sent (the ${peer} received ${r.received}; rewritten on the path): the ${peer} will send at most ${r.received} payload bytes per segment (RFC 9293 §3.7.1), minus options${ts(r.received)}`;
      // Captured at the receiver: the option has arrived, the value is final; clamping only lowers (xt_TCPMSS).
      if (c.mssAt === 'receiver')
        return `MSS ${o.value} as received here: the ${peer} may send at most ${o.value} payload bytes per segment (RFC 9293 §3.7.1), counting TCP data only; a sender using TCP options subtracts them${ts(o.value)}; the ${side[c.sender]} may have announced more (a router on the path can lower the option, never raise it)`;
      return `MSS ${o.value} as seen here: the ${peer} may send at most ${o.value} payload bytes per segment if the option reaches it unchanged (a router on the path may lower it: MSS clamping; RFC 9293 §3.7.1), counting TCP data only; a sender using TCP options subtracts them${ts(o.value)}`;
    },
    wscale: (o, c) =>
      `window scale ${o.value} (×${scaleFactor(o.value)}): the ${side[c.sender]}'s later window values are multiplied by ${scaleFactor(o.value)}${o.value === 0 ? ' (scaling is on, with shift 0: the option still counts as offered)' : ''}`,
    sackOK: () => 'SACK permitted: can report blocks received after a gap (RFC 2018)',
    sack: (o, c) =>
      `SACK: beyond the ack, the ${side[c.sender]} already has ${o.blocks.map(([a, b]) => `${a}–${b - 1}`).join(', ')}`,
    ts: (o, c) =>
      c.handshake
        ? `timestamps (val ${o.val}, echo ${o.ecr}): for round-trip measurement and protection against old duplicates (RFC 7323)`
        : `timestamp val ${o.val}, echo ${o.ecr}`,
    echo: (o) => `echo ${o.value} (obsolete, RFC 1072)`,
    echoreply: (o) => `echo reply ${o.value} (obsolete, RFC 1072)`,
    cc: (o) => `connection count ${o.value} (obsolete T/TCP, RFC 1644)`,
    ccnew: (o) => `CC.NEW ${o.value} (obsolete T/TCP, RFC 1644)`,
    ccecho: (o) => `CC.ECHO ${o.value} (obsolete T/TCP, RFC 1644)`,
    uto: (o) => `user timeout ${o.seconds !== null ? `${o.seconds} s` : o.raw} (RFC 5482)`,
    md5: (o) => `TCP-MD5 signature${o.text.trim() ? ` ${o.text.trim()}` : ''} (RFC 2385, used by BGP)`,
    mptcp: (o) => `Multipath TCP: ${o.text}`,
    tfo: (o) => `TCP Fast Open${o.text.trim() ? ` ${o.text.trim()}` : ''} (RFC 7413)`,
    exp: (o) => `experimental option ${o.name}${o.text.trim() ? ` ${o.text.trim()}` : ''}`,
    'tcp-ao': (o) => `TCP-AO authentication${o.text.trim() ? ` ${o.text.trim()}` : ''} (RFC 5925)`,
    scps: (o) => `SCPS capabilities ${o.text}`,
    unknown: (o) => `unknown option ${o.name}${o.text.trim() ? ` ${o.text.trim()}` : ''}`,
    'bad-opt': () => 'a malformed option: tcpdump stopped decoding here ([bad opt])',
    truncated: () => 'the rest was cut by the snapshot length ([|tcp])',
  },
  segment: {
    role: {
      syn: (c) => `SYN: the ${side[c.sender]} asks the ${side[c.receiver]} to open a connection (three-way handshake, step 1 of 3).`,
      'syn-ack': (c) => `SYN-ACK: the ${side[c.sender]} accepts and opens its own direction (three-way handshake, step 2 of 3).`,
      'handshake-ack': (c) => `ACK: the ${side[c.sender]} confirms the SYN-ACK; the three-way handshake is complete (step 3 of 3).`,
      data: (c) =>
        c.push
          ? `Data (PSH+ACK): the ${side[c.sender]} sends ${plural(c.len, 'byte')} to the ${side[c.receiver]}; PSH marks the end of what the sender had queued (on Linux, the end of a write); receivers such as Linux deliver in-order data at once anyway (RFC 9293 §3.9.1).`
          : `Data: the ${side[c.sender]} sends ${plural(c.len, 'byte')} to the ${side[c.receiver]}.`,
      ack: (c) => `ACK only: the ${side[c.sender]} acknowledges what it has received and carries no data.`,
      'fin-first': (c) => `FIN: the ${side[c.sender]} has finished sending and starts closing; it can still receive.`,
      'fin-second': (c) => `FIN: the ${side[c.sender]} closes its direction too (four-way close, step 3 of 4).`,
      'fin-simultaneous': (c) => `FIN: the ${side[c.sender]} closes while the ${side[c.receiver]}'s FIN is still on the way (simultaneous close).`,
      fin: (c) => `FIN: the ${side[c.sender]} has no more data to send.`,
      'fin-ack-of-fin': (c) =>
        `FIN+ACK: the ${side[c.sender]} acknowledges the ${side[c.receiver]}'s FIN and closes its own direction in the same segment (three-way close).`,
      'close-ack-first': (c) => `ACK of the ${side[c.receiver]}'s FIN (four-way close, step 2 of 4): that direction is now closed.`,
      'close-ack-last': (c) => `ACK of the ${side[c.receiver]}'s FIN: the last step of the close; both directions are closed.`,
      'close-ack': (c) => `ACK of the ${side[c.receiver]}'s FIN: that direction is now closed.`,
      rst: (c) => `RST: a reset from the ${side[c.sender]}'s address; if the ${side[c.receiver]} accepts it, the connection ends at once (no reply, unsent data is dropped).`,
      'rst-syn-sent': (c) => `RST: a reset from the ${side[c.sender]}'s address answering the ${side[c.receiver]}'s SYN: its connection attempt ends at once (no connection was ever open).`,
      'no-flags': () => 'No flags at all: not a valid segment in any state; typical of a port scan (nmap -sN).',
      quiet: (c) =>
        c.len > 0
          ? `The ${side[c.sender]} sends ${plural(c.len, 'byte')} (tcpdump -q shows no flags or numbers).`
          : `A segment from the ${side[c.sender]} without data (tcpdump -q shows no flags or numbers, so its role is unknown).`,
    },
    extraFlag: (_flag, meaning) => `Also ${meaning}.`,
    ecnSetup: (c) =>
      c.synAck
        ? `ECE on a SYN-ACK: the ${side[c.sender]} agrees to use ECN (Explicit Congestion Notification, RFC 3168 §6.1.1), not a congestion signal.`
        : `ECE+CWR on a SYN: the ${side[c.sender]} offers ECN (Explicit Congestion Notification, RFC 3168 §6.1.1): routers may then mark congestion instead of dropping packets.`,
    synSeq: (c) =>
      `seq ${c.isn} is the ${side[c.sender]}'s ISN (initial sequence number, chosen at random); the SYN itself uses one sequence number, so the ${side[c.sender]}'s data starts at ${c.isn + 1 > 0xffffffff ? 0 : c.isn + 1}.`,
    dataSeq: (c) =>
      c.absolute
        ? `seq ${c.printed}: ${plural(c.len, 'byte')} of the ${side[c.sender]}'s stream, sequence numbers ${c.from}–${c.to}${c.relFrom !== null && c.relTo !== null ? ` (bytes ${c.relFrom}–${c.relTo} counted from the ISN)` : ''}.`
        : c.noIsn
          ? `seq ${c.printed}: ${c.from === 0 ? `the first ${plural(c.len, 'byte')} of the ${side[c.sender]}'s stream this capture shows` : `${plural(c.len, 'byte')} of the ${side[c.sender]}'s stream, starting ${plural(c.from, 'byte')} after the first one this capture shows`} (the handshake is missing, so where they lie in the whole stream is unknown).`
          : `seq ${c.printed}: bytes ${c.from}–${c.to} of the ${side[c.sender]}'s stream (${plural(c.len, 'byte')}).`,
    finSeq: (c) =>
      `seq ${c.printed}: the FIN takes sequence number ${c.seq} (one number, no data)${c.sent !== null ? `; the ${side[c.sender]} sent ${plural(c.sent, 'byte')} in all` : ''}.`,
    rstSeq: (c) =>
      `seq ${c.printed}: in a synchronized connection a RST resets only if its seq is exactly the next one the receiver expects; another seq inside the receive window draws a challenge ACK and the connection stays open, one outside it is dropped (RFC 5961 §3.2). Linux (tcp_validate_incoming) also resets on the right edge of its highest SACK block, and on RCV.NXT − 1 after the peer's FIN (CLOSE_WAIT, CLOSING, LAST_ACK; tcp_reset_check); otherwise it sends the challenge ACK (tcp_send_challenge_ack). Answering a SYN, its ACK counts instead (RFC 9293 §3.10.7.3).`,
    ackOfSyn: (c) => `ack ${c.printed} = the ${side[c.receiver]}'s ISN ${c.isn} + 1: a SYN uses one sequence number.`,
    ackOfSynRelative: (c) => `ack ${c.printed} = the ${side[c.receiver]}'s ISN + 1: a SYN uses one sequence number.`,
    ackOfFin: (c) =>
      `ack ${c.printed} = the ${side[c.receiver]}'s FIN (seq ${c.fin}) + 1: a FIN uses one sequence number, like a SYN${
        c.bytes === null
          ? ''
          : !c.isnSeen
            ? c.bytes === 0
              ? '; no data before the FIN (as far as this text shows)'
              : `; its data before the FIN arrived (${plural(c.bytes, 'byte')} as far as this text shows)`
            : c.bytes === 0
              ? '; it sent no data before its FIN'
              : `; all ${plural(c.bytes, 'byte')} of its data arrived`
      }.`,
    ackNotReceived: (c) =>
      `ack ${c.printed}: the ${side[c.sender]} never received the ${side[c.receiver]}'s ${plural(c.bytes, 'byte')} (sent by line ${c.line}, more than a round trip ago); it still expects byte 1.`,
    ackNothingYet: (c) =>
      `ack ${c.printed}: no data from the ${side[c.receiver]} yet (only its SYN); the ${side[c.sender]} expects its byte 1 next.`,
    ackBytes: (c) =>
      c.absolute
        ? `ack ${c.printed}: the ${side[c.sender]} has received the ${side[c.receiver]}'s stream up to ${c.ack - 1}${c.rel !== null ? ` (bytes 1–${c.rel - 1})` : ''} and expects ${c.ack} next.`
        : `ack ${c.printed}: the ${side[c.sender]} has received the ${side[c.receiver]}'s bytes 1–${c.ack - 1}; next expected byte ${c.ack}.`,
    ackBytesSuspectRst: (c) =>
      `ack ${c.printed}: acknowledges the ${side[c.receiver]}'s ${c.absolute ? `stream up to ${c.ack - 1}${c.rel !== null ? ` (bytes 1–${c.rel - 1})` : ''}` : `bytes 1–${c.ack - 1}`} — from a RST ${c.confidence === 'certain' ? 'not' : c.confidence === 'likely' ? 'likely not' : 'possibly not'} the ${side[c.sender]}'s, this only shows its sender saw those bytes.`,
    ackUnknownBase: (c) =>
      `ack ${c.printed}: the ${side[c.sender]} expects the ${side[c.receiver]}'s byte ${c.ack} next (counted from where this capture starts: the handshake is missing).`,
    noIsn: NO_ISN,
    winSyn: (c) => `win ${c.win}: the ${side[c.sender]} can receive ${plural(c.win, 'byte')} for now (a window in a SYN is never scaled).`,
    winScaled: (c) =>
      `win ${c.win} × ${scaleFactor(c.scale)} = ${c.bytes} bytes: how much more the ${side[c.sender]} can receive now (window scale ${c.scale} from the handshake).`,
    winUnscaled: (c) => `win ${c.win}: the ${side[c.sender]} can receive ${plural(c.win, 'more byte', 'more bytes')} now (×1, not scaled).`,
    winUnknownScale: (c) =>
      `win ${c.win}: the ${side[c.sender]}'s window, times a scale factor this capture did not see (the handshake is missing), so the real size is unknown.`,
    winZero: (c) => `win 0: the ${side[c.sender]} cannot receive anything right now (its buffer is full).`,
    options: (c) => `Options: ${c.items.join('; ')}.`,
    payload: (c) => `tcpdump decoded the payload: ${c.text}`,
    payloadNameOnly: (c) => `tcpdump printed ${c.name}${c.port !== null ? ` (port ${c.port})` : ''}: no request or status line starts this segment`,
    finAndAckTimeWait: 'FIN and ACK of its FIN in one segment, RFC 9293 §3.10.7.4; Linux passes through FIN_WAIT_2 for an instant',
    establishedInferred: (c) =>
      `Inferred: the ${side[c.sender]} was ESTABLISHED before this RST, since it acknowledges ${c.bytes !== null ? `${plural(c.bytes, 'byte')} of ` : ''}the ${side[c.receiver]}'s data, which only a synchronised end accepts (RFC 9293 §3.10.7.4); the ${side[c.receiver]}'s ACK of the SYN-ACK arrived even though this capture does not show it.`,
    rstPayload: (c) => `The RST carries text, often the reason from the device that sent it (load balancers such as BIG-IP do this): ${c.text}`,
    transition: (c) =>
      c.from
        ? `${Side[c.end]}: ${c.from} → ${c.to} (${c.meaning}).`
        : c.to === 'LISTEN'
          ? `${Side[c.end]}: LISTEN assumed (${c.meaning}): a SYN needs a listening socket; the answer tells, SYN-ACK if a program listens, RST+ACK if the port is closed.`
          : `${Side[c.end]}: now ${c.to} (${c.meaning}).`,
    truncated: 'tcpdump could not decode the whole header (cut by the snapshot length, or a malformed option), so some fields are missing.',
    warning: (text) => `tcpdump warns: ${text}.`,
    finding: (severity, text) => `[${severity}] ${text}`,
    noAnalysis: 'Not tracked: this segment could not be tied to a connection.',
    copied: (c) =>
      `Line ${c.of}'s packet again, going out on ${c.outIface} after coming in on ${c.inIface}: this host forwarded it${natRewrite(c)}${c.mss !== null ? `; this host rewrote its MSS option from ${c.mss.from} to ${c.mss.to} while forwarding (MSS clamping), so the ${side[other(c.sender)]} will send at most ${c.mss.to} payload bytes per segment, not ${c.mss.from} (RFC 9293 §3.7.1)` : ''}.${c.ttl !== null ? ttlWords(c.ttl) : ''} The same transmission printed twice, not a new segment: no retransmission, no duplicate ACK, no state change.`,
    quoted: (line) =>
      `Quoted again from line ${line}: the same text, timestamp and numbers included, so this is that packet printed a second time (the author quoting it), not a new segment; it changes no state and raises no finding.`,
  },
  verdicts: {
    'normal-close': {
      headline: (v) => {
        if (v.problems.length === 0) return `Closed normally (${closeKind(v)})`;
        const clause = problemClause(v.problems[0]);
        return `Closed normally${clause.startsWith(',') ? '' : ' '}${clause}`;
      },
      summary: (v, c) =>
        `The client ${c.client} and the server ${c.server} opened the connection, exchanged ${plural(v.bytes.c2s, 'byte')} → and ${plural(v.bytes.s2c, 'byte')} ←, and closed it with FIN in both directions (${closeKind(v)})${c.duration ? ` after ${c.duration}` : ''}.${v.problems.length === 0 ? ' Nothing went wrong at the TCP level.' : ''}`,
      nextStep: (v) =>
        v.problems.length > 0
          ? problemNext(v.problems[0])
          : 'If the application still reports an error, look above TCP: HTTP status codes, TLS alerts, application logs.',
      appSaw: (v) => {
        if (v.closeKind === 'simultaneous') return ['No socket error: both ends closed at the same time.'];
        if (v.firstFin === 'server' && v.bytes.s2c === 0)
          return ['curl: (52) Empty reply from server: the server closed with FIN before sending a single byte', ...EMPTY_REPLY];
        if (v.firstFin === 'server')
          return [`No socket error: the server closed first; the client's read() returned 0 (EOF) after the ${plural(v.bytes.s2c, 'byte')} from the server, and the client closed too.`];
        if (v.firstFin === 'client') return ['No socket error: the client closed first; the server\'s read() returned 0 (EOF) and it closed too.'];
        return ['No socket error: both ends closed at the same time.'];
      },
    },
    refused: {
      headline: (v) =>
        evOf(v.resetEvidence, 'ttl-unlike-host')
          ? 'Connection refused: a RST answered the SYN, most likely a firewall\'s REJECT'
          : evOf(v.resetEvidence, 'ttl-initial')
            ? 'Connection refused: a RST from the capture\'s own link answered the SYN, possibly a firewall\'s REJECT'
            : 'Connection refused: the SYN was answered with RST+ACK',
      summary: (v, c) =>
        `The client ${c.client} asked to connect to ${c.server}; the answer was RST+ACK with ack = its ISN + 1 (RFC 9293 §3.10.7.1). The RST says no socket took the SYN: either the port ${c.port ?? '?'} is closed on the server (no program listens there), or a device in between answered for it (a firewall's REJECT with a reset) and the server never saw the SYN. ${refusalWho(v.resetEvidence)}${refusalDelay(v.resetEvidence, 'server', v.capturePoint)}`,
      nextStep: (v, c) =>
        evOf(v.resetEvidence, 'ttl-unlike-host') || evOf(v.resetEvidence, 'ttl-initial')
          ? `Look for a REJECT rule (iptables/nftables "reject with tcp reset", a security group, a cloud firewall) between the client and ${hostOf(c.server)}; then check that the service listens on port ${c.port ?? 'PORT'} (ss -ltnp | grep :${c.port ?? 'PORT'}).`
          : `On the server, check that the service runs and listens on that address and port (ss -ltnp | grep :${c.port ?? 'PORT'}), bound to the right address (${ipv6Connection(v) ? "::, or the server's address, not ::1; a listener on 0.0.0.0 accepts IPv4 only" : "0.0.0.0 or the server's address, not 127.0.0.1"}), and that no firewall rule REJECTs it.`,
      appSaw: (_v, c) => [
        `curl: (7) Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'} after N ms: Couldn't connect to server (older curl ends with: Connection refused)`,
        `Node.js: Error: connect ECONNREFUSED ${nodeAddr(c.server)}`,
        'Python: ConnectionRefusedError: [Errno 111] Connection refused',
        'Java: java.net.ConnectException: Connection refused',
      ],
    },
    'no-answer': {
      headline: () => 'No answer: the SYN was never answered',
      summary: (v, c) =>
        `The client ${c.client} sent ${plural(1 + v.synRetransmissions, 'SYN')} to ${c.server}${c.duration && v.synRetransmissions > 0 ? ` over ${c.duration}` : ''} ${
          v.synRetransmissions > 0
            ? `${
                v.clientLinuxSyn
                  ? `and got nothing back, and no ICMP error reached it either (its SYN has Linux's option layout, and Linux aborts connect() at once on an ICMP destination-unreachable or time-exceeded in SYN_SENT, ${icmpErrFn(v)}, although RFC 1122 §4.2.3.9 calls network and host unreachable soft errors)`
                  : `and got nothing back; its SYN does not have Linux's option layout, so this does not rule out an ICMP network or host unreachable (RFC 1122 §4.2.3.9 calls those soft errors: BSD and macOS only note them and keep retrying; Linux would abort connect() at once, ${icmpErrFn(v)})`
              }: a firewall or security group drops the SYN or the SYN-ACK silently (DROP rather than REJECT), the reply takes another path, or the host is down behind a router that sends no ICMP (a tcp-only filter hides ${icmpName(v)}: capture "${icmpFilter(v)}").`
            : `and got nothing back: the host is down or unreachable, a firewall drops the SYN silently (DROP rather than REJECT), the reply takes another path, or an ICMP error ended connect() at once (an iptables REJECT answers with ICMP port unreachable by default), which a tcp-only filter hides: capture "${icmpFilter(v)}". Only one SYN was seen, though: the capture may simply have ended before an answer or a retry.`
        }`,
      nextStep: (v, c) =>
        v.capturePoint === 'server'
          ? `The SYN reached the server (this capture was taken there; tcpdump sees packets before the host's firewall) and no SYN-ACK left it: check the server's own firewall for a DROP on port ${c.port ?? 'PORT'} (iptables/nft INPUT), a full listen queue (nstat -az TcpExtListenOverflows TcpExtListenDrops), and reverse-path filtering (rp_filter).`
          : `Check the address and route (traceroute -T -p ${c.port ?? 'PORT'} ${hostOf(c.server)}), security groups and firewalls on the way, and capture on the server: does the SYN arrive there?`,
      appSaw: (v, c) => [
        `curl: (28) Connection timed out after N milliseconds, when curl's own --connect-timeout or -m runs out first; when the kernel gives up first (Linux: after net.ipv4.tcp_syn_retries retries, plus tcp_syn_linear_timeouts since 6.5: at the defaults 6 and 4 the last SYN leaves about 67 s after the first and connect() fails about 131 s after it, 127 s before 6.5), also exit code 28: Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'} after N ms: Couldn't connect to server`,
        `Node.js: Error: connect ETIMEDOUT ${nodeAddr(c.server)} (the kernel gave up; Node sets no connect timeout of its own)`,
        'Python: TimeoutError: [Errno 110] Connection timed out when the kernel gives up; TimeoutError: timed out when a socket timeout runs out first',
        'Java: java.net.ConnectException: Connection timed out when the kernel gives up; java.net.SocketTimeoutException: Connect timed out when a connect timeout runs out first',
        `If an ICMP unreachable comes back instead, a Linux client's connect() fails as soon as the ICMP arrives: curl: (7) Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'} after N ms: Couldn't connect to server (older curl ends with No route to host); Node.js: Error: connect EHOSTUNREACH ${nodeAddr(c.server)}${
          ipv6Connection(v)
            ? `; an ip6tables REJECT (ICMPv6 port unreachable by default) gives ECONNREFUSED, Connection refused, without any RST; a firewall's icmp6-adm-prohibited gives EACCES, Permission denied`
            : ` (ENETUNREACH for a network unreachable); an iptables REJECT (ICMP port unreachable by default) gives ECONNREFUSED, Connection refused, without any RST; "No route to host" often comes from a firewall's icmp-host-prohibited, not from routing`
        }`,
      ],
    },
    'reset-by-server': {
      headline: (v) => `${v.resetClass === 'suspect' ? 'Reset (possibly forged) in the name of the server' : 'Reset by the server'} ${resetPhase[v.phase ?? 'mid-transfer']}`,
      summary: (v, c) =>
        `${v.resetClass === 'suspect' ? `A RST in the name of the server ${c.server} ended the connection` : `The server ${c.server} ended the connection with RST`} ${resetPhase[v.phase ?? 'mid-transfer']}, after ${plural(v.bytes.c2s, 'byte')} from the client and ${plural(v.bytes.s2c, 'byte')} from the server${c.duration ? ` in ${c.duration}` : ''}. ${
          v.resetClass === 'suspect'
            ? `Possibly not the server's own: ${forgeryClues(v.resetEvidence, 'server').join('; ')}.`
            : evOf(v.resetEvidence, 'data-after-close')
              ? `The server had closed (sent its FIN) and the client still sent data: its TCP reset the connection to show that data was lost (RFC 9293 §3.6.1).${afterCloseWords(v.resetEvidence, 'server')}`
              : v.phase === 'after-request'
                ? evOf(v.resetEvidence, 'data-unacked')
                  ? 'The request was never acknowledged, and the server reset instead of answering.'
                  : 'The request reached the server (it acknowledged it), which aborted instead of answering: a crash, an exception that closed the socket, SO_LINGER 0, or a proxy rejecting the request.'
                : v.phase === 'after-next-request'
                  ? unansweredWords(v.resetEvidence)
                : v.phase === 'after-close'
                  ? 'The close had already begun; a reset here usually means one side closed with unread data (RFC 9293 §3.6.1).'
                  : v.phase === 'before-data'
                    ? 'The server accepted the connection and dropped it before any data: an overloaded accept queue, a TLS/ACL rejection, or a proxy with no backend.'
                    : 'The server stopped in the middle: its application closed the socket with unread data, crashed, or hit a timeout or limit (in the server or a proxy in front of it).'
        }${serverRstCaveat(v.resetClass, v.resetEvidence)}`,
      nextStep: (v) =>
        evOf(v.resetEvidence, 'data-after-close') && v.resetClass !== 'suspect'
          ? afterCloseStep(evOf(v.resetEvidence, 'data-after-close')?.finAfterData ?? null)
          : v.phase === 'after-next-request' && v.resetClass !== 'suspect' && closedNotByIdleTimer(v.resetEvidence)
          ? 'Check what makes the server close after a request (its requests-per-connection limit: nginx keepalive_requests, Apache MaxKeepAliveRequests, Node.js server.maxRequestsPerSocket; one request per connection; a reload or restart) and that such a last answer says Connection: close (RFC 9112 §9.6); the client should retry an idempotent request (RFC 9110 §9.2.2) on a fresh connection (RFC 9112 §9.3.1).'
          : v.phase === 'after-next-request' && v.resetClass !== 'suspect'
          ? 'Check the server\'s keep-alive limits (idle timeout and requests per connection: nginx keepalive_timeout and keepalive_requests, Apache KeepAliveTimeout and MaxKeepAliveRequests, Node.js server.keepAliveTimeout) against how long the client keeps an idle connection for reuse: the client should give up idle connections sooner than the server closes them, or retry an idempotent request on a fresh connection.'
          : v.capturePoint === 'server'
          ? `Look at the server application's and any proxy's logs at that time (crash, timeout, size limit, a close() with unread data). ${capturePointSure(v.capturePointEvidence) ? 'This capture was taken on the server host, so the RST left that host' : 'If this capture was taken on the server host, the RST left that host'}: one forged on the path in the server's name travels toward the client and would not appear here; with -v, an initial TTL (64/128/255, as on the server's other packets) confirms it.`
          : v.resetClass === 'suspect'
          ? 'Capture on the server too with -v: if the RST is not there, or leaves with another TTL, a device forged it; if it is there, look at the server application\'s and any proxy\'s logs at that time (crash, timeout, size limit, a close() with unread data).'
          : 'Look at the server application\'s and any proxy\'s logs at that time (crash, timeout, size limit, a close() with unread data). To rule out a forged RST, capture on the server too with -v: the RST must be there, leaving with the server\'s TTL.',
      appSaw: (v) =>
        v.phase === 'after-close'
          ? [
              v.firstFin === 'client'
                ? `Nothing from this reset: the client had already closed (its FIN came first)${v.bytes.s2c === 0 ? ', without a byte of response: what made it give up, likely its own timeout, is what it reported' : ''}.`
                : v.firstFin === 'server'
                  ? 'The client\'s read() returns 0 (EOF) from the server\'s FIN on; on Linux it still does after the reset, and a write after it fails with EPIPE (Broken pipe; SIGPIPE unless ignored).'
                  : 'A read or write after the reset fails with ECONNRESET ("Connection reset by peer").',
              ...(v.firstFin === 'server' && evOf(v.resetEvidence, 'data-after-close')
                ? [
                    'An HTTP client whose request went out on such a connection gets no answer, only the end of file: curl checks a cached connection before reusing it, and when one dies before any byte of the answer it resends the request on a fresh connection (Curl_retry_request), reporting (52) Empty reply from server only if that fails too',
                    'Node.js: Error: socket hang up (code ECONNRESET; req.reusedSocket is true: an idempotent request can be retried)',
                    "Python requests: requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
                  ]
                : []),
            ]
          : v.phase === 'after-next-request'
          ? [
              ...(v.retryAfterReset === null
                ? ['This capture shows no new connection after the RST: this client did not retry on a new connection (it may have used another open one, or the capture ended).']
                : v.retryAfterReset !== undefined
                  ? [`The client opened a new connection to the same server right after the RST (${v.retryAfterReset}): likely its retry of the request.`]
                  : []),
              'curl: no error if its retry works: a reused connection that dies before any byte of the response makes it resend the request on a fresh connection (Curl_retry_request; with -v "Connection died, retrying a fresh connect"); (56) Recv failure: Connection reset by peer only if the retries fail too',
              'Clients that do not retry: Node.js: Error: read ECONNRESET, or Error: socket hang up (code ECONNRESET) (req.reusedSocket is true when the request went out on a kept-alive socket: an idempotent request can be retried)',
              "Python requests: requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
              'Java: java.net.SocketException: Connection reset',
            ]
          : [
              v.phase === 'before-data'
                ? 'curl: (56) Recv failure: Connection reset by peer (or (55) Send failure: Connection reset by peer, if it was still sending)'
                : 'curl: (56) Recv failure: Connection reset by peer',
              'Node.js: Error: read ECONNRESET (write ECONNRESET or EPIPE if it was still sending)',
              'Python: ConnectionResetError: [Errno 104] Connection reset by peer',
              'Java: java.net.SocketException: Connection reset',
            ],
    },
    'reset-by-client': {
      headline: (v) => `${v.resetClass === 'suspect' ? 'Reset (possibly forged) in the name of the client' : 'Aborted by the client (RST)'} ${phaseWords(v.phase ?? 'mid-transfer', 'client')}`,
      summary: (v, c) =>
        v.resetClass === 'suspect'
          ? `A RST carrying the client ${c.client}'s address ended the connection ${phaseWords(v.phase ?? 'mid-transfer', 'client')}, but possibly not the client's own: ${forgeryClues(v.resetEvidence, 'client').join('; ')}.`
          : evOf(v.resetEvidence, 'data-after-close')
            ? `The client ${c.client} had closed (sent its FIN) and the server still sent data: the client's TCP reset the connection to show that data was lost (RFC 9293 §3.6.1).`
            : `The client ${c.client} ended the connection with RST ${phaseWords(v.phase ?? 'mid-transfer', 'client')}${c.duration ? `, ${c.duration} after it started` : ''}: its application closed the socket with unread data (RFC 9293 §3.6.1; also what a crash or exit does while data is unread) or with SO_LINGER 0 (often on its own timeout). Its kernel sends such a RST on its own mostly when keep-alive gives up after unanswered probes (tcp_keepalive_timer; with TCP_USER_TIMEOUT set, once that time has passed); also on a socket its application has already closed (orphaned), with too many orphans or too little memory (tcp_out_of_resources); when retransmissions give up, Linux sends none (tcp_write_err).`,
      nextStep: (v, c) => {
        // On the client host the test is whether the RST is there at all: one forged in the client's name travels toward the server (recheck 9b P1).
        const here = 'the RST left that host: one forged on the path in the client\'s name travels toward the server and would not appear here; with -v, an initial TTL (64/128/255, as on the client\'s other packets) confirms it.';
        const atClient = v.capturePoint !== 'client' ? null : capturePointSure(v.capturePointEvidence) ? `This capture was taken on the client host, so ${here}` : `If this capture was taken on the client host, ${here}`;
        // Possibly forged: the forgery check first (recheck 9b P3), as for the server.
        if (v.resetClass === 'suspect')
          return `Capture on the client host itself with -v (unless this capture was taken there): if the RST is not there, a device on the path forged it; if it is, it is the client's own abort: check the client application's logs and timeouts and whether its process exited.${atClient ? ` ${atClient}` : ''}`;
        return `${clientAbortStep(v.resetEvidence, c.duration, v.capturePoint === 'server' && v.handshakeRtt?.at === 'server' ? v.handshakeRtt.seconds : null)} ${atClient ?? 'To rule out a forged RST, capture on the client with -v: the RST must be there, leaving with the client\'s TTL.'}`;
      },
      appSaw: (v) =>
        evOf(v.resetEvidence, 'data-after-close')
          ? ['The client application had already closed the socket: it sees nothing', 'The server application, if it still reads or writes: reads return 0 (the client\'s FIN came first) and, on Linux, a write fails with EPIPE (Broken pipe; SIGPIPE unless ignored)']
          : [
              'The client reports its own reason, if any: a timeout (curl: (28) Operation timed out after … milliseconds with … bytes received; Node.js: ETIMEDOUT (its own timeout), or "socket hang up" (before the response) / "aborted" (during it) after abort(); Python: TimeoutError; Java: java.net.SocketTimeoutException: Read timed out), output it could not write (curl: (23) Failure writing output to destination), a cancel (Ctrl-C), or nothing if it stopped on purpose',
              'The server application sees ECONNRESET / "Connection reset by peer" if it still reads or writes (later writes: EPIPE / Broken pipe, and SIGPIPE unless ignored)',
            ],
    },
    'reset-no-connection': {
      headline: (v) => `Reset: the ${v.resetBy ? side[v.resetBy] : 'sender'} no longer had this connection`,
      summary: (v, c) => {
        const by = v.resetBy ?? 'server';
        return `The ${side[by]} ${by === 'server' ? c.server : c.client} answered the ${side[other(by)]}'s segment with a RST in the no-connection form (no ACK bit, seq = that segment's ack field, RFC 9293 §3.10.7.1): its end was already CLOSED. ${noConnectionContext(v.resetEvidence, by, null)}${ipConsistency(v.resetEvidence, by, 'no-connection')}`;
      },
      nextStep: (v) => {
        const by = v.resetBy ?? 'server';
        const had = evOf(v.resetEvidence, 'had-connection');
        if (had && had.what === 'rst')
          return `If the RST on line ${had.line} left the ${side[by]} (capture there with -v), the ${side[by]} aborted then and this is its no-connection reply; if not, find what made it lose the connection: capture on the ${side[by]}'s side with -v (an earlier RST arriving there, and whether its TTL is the ${side[other(by)]}'s; a forged one differs), look for a restart of the ${side[by]} host or process, and for NAT, conntrack or firewall idle timeouts on the path.`;
        return `Find what made the ${side[by]} lose the connection${had ? ` after its ${segmentWord[had.what]} ${had.nth !== null ? `(packet ${had.nth} on line ${had.line})` : `on line ${had.line}`}` : ''}: capture on the ${side[by]}'s side with -v (an earlier RST arriving there, and whether its TTL is the ${side[other(by)]}'s; a forged one differs), look for a restart of the ${side[by]} host or process, and for NAT, conntrack or firewall idle timeouts on the path.`;
      },
      appSaw: (v) =>
        (v.resetBy ?? 'server') === 'server' && v.firstFin === 'client'
          ? [
              `Nothing from this reset: the client had already closed (its FIN came first)${v.bytes.s2c === 0 ? ', without a byte of response: what made it give up, likely its own timeout, is what it reported' : ''}; a client that only shut down its sending side and still reads gets ECONNRESET.`,
            ]
          : (v.resetBy ?? 'server') === 'server'
          ? [
              `The client's next read fails with ECONNRESET: curl: (56) Recv failure: Connection reset by peer ${OLD_CURL_56}`,
              'Node.js: Error: read ECONNRESET',
              'Python: ConnectionResetError: [Errno 104] Connection reset by peer',
              'Java: java.net.SocketException: Connection reset',
            ]
          : [
              `The server application's next read or write on this socket fails with ECONNRESET / "Connection reset by peer"; ${
                evOf(v.resetEvidence, 'had-connection')?.what === 'rst'
                  ? `the client had already dropped the connection before this RST (by its own abort on line ${evOf(v.resetEvidence, 'had-connection')?.line}, or by losing it).`
                  : 'the client had already lost the connection and reported its own error then.'
              }`,
            ],
    },
    'reset-forged': {
      headline: (v) =>
        v.resetConfidence === 'certain'
          ? `Forged reset: the ${v.resetBy ? side[v.resetBy] : 'claimed sender'} did not send it`
          : `Reset likely forged: probably not sent by the ${v.resetBy ? side[v.resetBy] : 'claimed sender'}`,
      summary: (v, c) => {
        const by = v.resetBy ?? 'server';
        const peer = other(by);
        const talked = evOf(v.resetEvidence, 'keeps-talking');
        const reject = evOf(v.resetEvidence, 'reject-form');
        const when = reject ? `right after the ${side[peer]}'s ${segmentWord[reject.what]} on line ${reject.line}, in answer to it` : phaseWords(v.phase ?? 'mid-transfer', by);
        return `A RST carrying the address of the ${side[by]} ${by === 'server' ? c.server : c.client} ended the connection ${when}, but ${forgeryClues(v.resetEvidence, by).join('; ')}. A device on the path (firewall, IPS, NAT, load balancer) ${v.resetConfidence === 'certain' ? 'sent' : 'most likely sent'} it in the ${side[by]}'s name.${rejectShape(v.resetEvidence, by)} The ${side[peer]} accepted it and closed its end${talked ? `; the ${side[by]} did not know and went on, until the ${side[peer]} answered it with a RST of its own (it no longer had the connection)` : ''}.`;
      },
      nextStep: (v) => {
        const by = v.resetBy ?? 'server';
        return `Find the device: capture on both ends with -v and compare TTL and IP id of the RST with the ${side[by]}'s packets (on the ${side[by]}'s own capture the RST ${v.resetConfidence === 'certain' ? 'is' : 'would be'} missing); then check the firewalls, IPS, NAT and load balancers between them (TCP reset rules, rejected replies, idle timeouts).`;
      },
      appSaw: (v) => {
        const by = v.resetBy ?? 'server';
        const talked = evOf(v.resetEvidence, 'keeps-talking');
        const claimed = side[by];
        const later = talked
          ? `The ${claimed} still had the connection: its ${talked.what === 'fin' ? 'FIN' : talked.what === 'data' ? 'data' : 'ACK'} on line ${talked.line} drew a RST from the ${side[other(by)]}`
          : evOf(v.resetEvidence, 'reject-form')?.firstCopy != null
            ? `The ${claimed} may or may not have been reset too: a REJECT rule answers only the sender of the rejected segment, an IPS often resets both ends; a capture at the ${claimed} would show it (no further segment from the ${claimed} appears in this capture)`
            : evOf(v.resetEvidence, 'reject-form')
            ? `A REJECT rule answers only the sender of the segment it rejects: the ${claimed} was most likely not reset and still holds the connection until its own timeout (no further segment from the ${claimed} appears in this capture)`
            : `Some injecting devices (IPS) reset both ends; if the ${claimed} was reset too, its next read or write fails with ECONNRESET (no further segment from the ${claimed} appears in this capture)`;
        if (by === 'server')
          return [
            `The client sees an ordinary reset, although the server ${v.resetConfidence === 'certain' ? '' : 'most likely '}never sent it: curl: (56) Recv failure: Connection reset by peer ${OLD_CURL_56}; Node.js: Error: read ECONNRESET; Python: ConnectionResetError: [Errno 104] Connection reset by peer; Java: java.net.SocketException: Connection reset`,
            later,
          ];
        if (talked && talked.what === 'fin' && talked.unreceived > 0)
          return [
            `The server application sees ECONNRESET / "Connection reset by peer" although the client ${v.resetConfidence === 'certain' ? 'never reset' : 'most likely never sent it'}`,
            `The client never received the server's ${plural(talked.unreceived, 'byte')}: it saw no answer, gave up on its own timeout and closed (its FIN on line ${talked.line}${talked.seconds !== null ? `, ${seconds(talked.seconds)} after the RST` : ''}), e.g. curl: (28) Operation timed out after N milliseconds with ${talked.unreceived === v.bytes.s2c ? '0' : 'N'} bytes received. The server's RST then reached a socket its application had already closed (FIN_WAIT_1): nothing more is reported.`,
          ];
        return [
          `The server application sees ECONNRESET / "Connection reset by peer" although the client ${v.resetConfidence === 'certain' ? 'never reset' : 'most likely never sent it'}`,
          talked
            ? `${later}, and its application then fails with ECONNRESET (curl: (56) Recv failure: Connection reset by peer; ${OLD_CURL_56.slice(1, -1)})`
            : later,
        ];
      },
    },
    'idle-reset': {
      headline: () => 'Reset after a long idle period',
      summary: (v, c) =>
        v.resetClass === 'abort' && evOf(v.resetEvidence, 'timestamps-continue')
          ? `${v.resetBy !== null && v.capturePoint === v.resetBy && capturePointSure(v.capturePointEvidence)
              ? `The connection between ${c.client} and ${c.server} sat idle and was then reset by the ${side[v.resetBy]}'s own TCP: its RST leaves this host and continues its timestamps (a firewall's REJECT reset, with no TCP options, would not carry them).`
              : v.resetBy === 'client'
                ? `The connection between ${c.client} and ${c.server} sat idle and was then reset by the TCP endpoint at the client's address (its RST continues that endpoint's timestamps, which a firewall's REJECT reset, with no TCP options, would not carry): the client itself or a forward proxy that terminates TCP for it; only a capture at the client (with -v) proves which.`
                : `The connection between ${c.client} and ${c.server} sat idle and was then reset by the TCP endpoint at the ${v.resetBy ? side[v.resetBy] : 'peer'}'s address (its RST continues that endpoint's timestamps, which a firewall's REJECT reset, with no TCP options, would not carry): the ${v.resetBy ? side[v.resetBy] : 'peer'} itself or a proxy/load balancer that terminates TCP in front of it; only a capture at the ${v.resetBy ? side[v.resetBy] : 'peer'} (with -v) proves which.`} Its application's idle timeout closed the connection abortively (SO_LINGER 0, or close() with unread data); a plain close() would have sent a FIN. A client that reuses it from a pool fails on its next request.`
          : `The connection between ${c.client} and ${c.server} sat idle and was then reset by the ${v.resetBy ? side[v.resetBy] : 'peer'}: a server, load balancer, NAT or firewall dropped it for being idle too long. A client that reuses it from a pool fails on its next request.`,
      nextStep: (v) => {
        const idle = v.problems.find((p) => p.code === 'silence');
        // Keep-alive probes carry no data (RFC 1122 §4.2.3.6): they never reach an application, so they cannot reset
        // its idle timer; they only keep a NAT's or firewall's state fresh.
        return v.resetClass === 'abort' && evOf(v.resetEvidence, 'timestamps-continue')
          ? `Make the client pool's idle timeout shorter than the ${v.resetBy ? side[v.resetBy] : 'peer'}'s${idle !== undefined ? ` (${seconds(idle.seconds)} here)` : ''}; TCP keep-alive would not help, because its probes never reach the ${v.resetBy ? side[v.resetBy] : 'peer'}'s application; retry idempotent requests on ECONNRESET.`
          : 'Make the client pool\'s idle timeout shorter than the server\'s or load balancer\'s; against a NAT\'s or firewall\'s idle timeout TCP keep-alive helps too (its probes keep the path state fresh but never reach an application); retry idempotent requests on ECONNRESET.';
      },
      appSaw: () => [
        'curl, and pools that check an idle connection before reusing it, usually notice it is gone and open a new one: no error',
        `A client waiting for a reply at that moment: curl: (56) Recv failure: Connection reset by peer ${OLD_CURL_56}`,
        'A client that writes on it anyway: Node.js: Error: write ECONNRESET (read ECONNRESET when reading); Python: ConnectionResetError: [Errno 104] Connection reset by peer; Java: java.net.SocketException: Connection reset',
      ],
    },
    'keepalive-timeout': {
      headline: (v) => `Keep-alive timeout: the ${v.resetBy ? side[v.resetBy] : 'prober'}'s kernel gave up on a silent connection`,
      summary: (v, c) => {
        const by = v.resetBy ?? 'client';
        const k = v.keepAlive;
        const n = k !== null ? k.gaveUpAfter : 0;
        return `The ${side[by]} ${by === 'client' ? c.client : c.server} sent ${plural(n, 'keep-alive probe')} in a row that got no answer it could receive, then reset the connection: its kernel gave up after its keep-alive probe count (Linux tcp_keepalive_probes) and reports ETIMEDOUT to the application. ${
          k !== null && k.returnPathBroken
            ? `This capture shows the ${side[other(by)]} did answer, but the ${side[by]}'s timestamp echo stayed frozen, so the answers never arrived: the return path is broken${
                keepAliveSteady(v)
                  ? `. An earlier answer did arrive and the probes came at most ${seconds((k as { probeEvery: number }).probeEvery)} apart, so no idle timeout forgot the connection: the path changed suddenly (a route change, a conntrack/NAT flush or a one-way filter).`
                  : ", typically a NAT or stateful firewall that dropped the idle connection's state, or a route change."
              }`
            : k !== null && k.answered > 0 && k.probeEvery !== null
              ? `No answer to the last ${plural(n, 'probe')} appears in this capture, although an earlier probe was answered and the probes came at most ${seconds(k.probeEvery)} apart: the ${side[other(by)]} died, or the path broke suddenly (a route change, a conntrack/NAT flush or a one-way filter). An idle timeout is unlikely, because keep-alives were crossing the path.`
              : `No answer appears in this capture: the ${side[other(by)]} is gone (crashed, powered off, address moved), or a NAT or firewall on the way forgot the idle connection and drops its packets one way or both.`
        }`;
      },
      nextStep: (v) => {
        const by = v.resetBy ?? 'client';
        return v.keepAlive !== null && v.keepAlive.returnPathBroken
          ? keepAliveSteady(v)
            ? `The ${side[other(by)]}→${side[by]} direction broke suddenly while keep-alives ran at most ${seconds((v.keepAlive as { probeEvery: number }).probeEvery)} apart: look for a route change, a conntrack/NAT flush or a one-way filter.`
            : `Find the device between them whose state table forgot the connection (NAT, firewall or load balancer idle timeout) and send keep-alives more often than it forgets (TCP_KEEPIDLE, net.ipv4.tcp_keepalive_time), or raise its timeout.`
          : v.capturePoint === other(by)
            ? `This capture was taken at the ${side[other(by)]}, which received no probe: look for the device that drops the idle connection's packets on the way (NAT, firewall or load balancer idle timeout) and send keep-alives more often than it forgets (TCP_KEEPIDLE).`
            : `Capture at the ${side[other(by)]} at the same time (tcplain pair): if it answers the probes, the answers are lost on the way back (a broken return path: a route change, a one-way filter, or a NAT or firewall that dropped the connection's state); if no probe arrives, they are lost on the way there or the host is gone.`;
      },
      appSaw: (v) => {
        const by = v.resetBy ?? 'client';
        return [
          `The ${side[by]}'s application: ETIMEDOUT on its next call on the socket (not a timeout of its own): curl: (56) Recv failure: Connection timed out; Node.js: Error: read ETIMEDOUT; Python: TimeoutError: [Errno 110] Connection timed out; Java: java.net.SocketException: Connection timed out`,
          `The ${side[other(by)]}'s application: ECONNRESET ("Connection reset by peer") on its next read or write if the RST reaches it; otherwise nothing until it writes.`,
        ];
      },
    },
    'half-closed': {
      headline: (v) => `Half-closed: only the ${halfCloser(v) ? side[halfCloser(v) as Side] : 'one side'} sent FIN`,
      summary: (v) => {
        const closer = halfCloser(v);
        if (!closer)
          return v.excerpts === true
            ? 'Only one direction was closed with FIN, and no FIN from the other side appears in the lines shown.'
            : 'Only one direction was closed with FIN by the end of the capture; the other side has not closed yet.';
        return `The ${side[closer]} sent FIN (it has nothing more to send) ${
          v.excerpts === true
            ? `but no FIN from the ${side[other(closer)]} appears in the lines shown.`
            : `but the ${side[other(closer)]} had not closed its direction by the end of the capture.`
        } ${
          closer === 'server'
            ? 'The client\'s read() returns 0 (EOF); if it never closes, its application is not calling close() (stuck in CLOSE_WAIT).'
            : 'The server may still send data (read by a client that only shut down its sending side, answered with RST by one that closed its socket); if it never closes, the server application is not calling close() (CLOSE_WAIT on the server).'
        }`;
      },
      nextStep: (v) =>
        halfCloser(v) === 'client'
          ? 'Check the server application: many CLOSE_WAIT sockets (ss -tan state close-wait) mean it forgets to close connections.'
          : 'Check the client application: it must close the socket once read() returns 0 (EOF); many CLOSE_WAIT sockets (ss -tan state close-wait) mean a leak.',
      appSaw: (v) =>
        halfCloser(v) === 'server'
          ? v.bytes.s2c === 0
            ? ['curl: (52) Empty reply from server: the server closed with FIN before sending a single byte', ...EMPTY_REPLY]
            : [`No error: the client's read() returns 0 (EOF) after the ${plural(v.bytes.s2c, 'byte')} from the server; the client has not closed its side yet.`]
          : [
              v.bytes.s2c > 0
                ? `No error yet on the client: after receiving ${plural(v.bytes.s2c, 'byte')} it either shut down its sending side (shutdown(SHUT_WR)) and still reads, or closed the socket; ${CLOSED_ORPHAN} The server's next read() returns 0 (EOF).`
                : `No error yet on the client: it finished sending and either shut down its sending side (shutdown(SHUT_WR)) to read the answer, or closed the socket; ${CLOSED_ORPHAN} The server's next read() returns 0 (EOF).`,
            ],
    },
    open: {
      headline: (v) =>
        v.evictedAt !== undefined
          ? 'Still open when tcplain stopped following it'
          : v.excerpts === true
            ? 'No FIN or RST in the lines shown (still open there)'
            : 'Still open at the end of the capture',
      summary: (v) =>
        `${plural(v.bytes.c2s, 'byte')} → and ${plural(v.bytes.s2c, 'byte')} ← so far, and no FIN or RST: a long-lived connection (keep-alive, streaming), or ${v.excerpts === true ? 'the text shows only part of the capture (a post with excerpts)' : 'the capture stopped early'}.`,
      nextStep: (v) =>
        v.excerpts === true
          ? 'If this is an excerpt, the rest of the original capture may show the end; otherwise capture longer.'
          : 'Capture longer if you expected it to end.',
      appSaw: () => ['Nothing at the TCP level: no error yet.'],
    },
    incomplete: {
      headline: () => 'Incomplete: the capture saw too little of this connection',
      summary: (v) =>
        `The handshake is not in this ${v.excerpts === true ? 'text' : 'capture'}, so the connection cannot be judged as a whole.`,
      nextStep: () => 'Start tcpdump before the client connects, then reproduce the problem.',
      appSaw: (v) => [v.excerpts === true ? 'Unknown from these lines.' : 'Unknown from this capture.'],
    },
  },
  problems,
  verdictBlock: {
    head: (c) => `Connection ${c.conn} ${c.client} → ${c.server}: ${c.headline}`,
    next: 'Next step: ',
    appSaw: 'What the application saw:',
    stats: (v, c) =>
      `${plural(v.packets.c2s + v.packets.s2c, 'packet')} (${v.packets.c2s} →, ${v.packets.s2c} ←), ${v.bytes.c2s} bytes → / ${v.bytes.s2c} bytes ←${c.duration ? `, ${c.duration}` : ', duration unknown'}; Zeek conn_state ${v.connState}, history ${v.history || '-'}`,
    roleGuessed: 'client and server guessed from the port numbers (no SYN seen)',
    aside: (text) => ` (${text})`,
    evicted: (line) =>
      `tcplain stopped following this connection at line ${line} to keep its memory bounded: too many connections were open at once, and this one had been idle the longest`,
    limits: (limits) => {
      const what = {
        'no-ttl': 'who really sent the RST (tcpdump -v prints the TTL and IP id of each packet)',
        'no-time': 'any timing (retransmission timer or probe, stall and idle lengths), as the text has no timestamps',
        'no-time-flag': 'any timing (retransmission timer or probe, stall and idle lengths), as tcpdump ran with -t and printed no timestamps (drop -t)',
        'no-date': 'the date, to match the event with logs (tcpdump -tttt prints it)',
        snaplen: 'whole headers, as some were cut by the snapshot length [|tcp] (tcpdump -s 0 keeps whole packets)',
        'incomplete-capture':
          'whether missing segments were really lost: tcpdump\'s statistics say packets were dropped by the capture (dropped by kernel), so this capture is incomplete and a gap may only be unseen',
        'unprinted-at-end':
          'how the capture ended: tcpdump\'s statistics count more packets received by the filter than captured, with none dropped by the kernel: the last ones were still buffered when tcpdump stopped, so a connection\'s last packets may be missing (gaps in the middle are not the capture\'s)',
      };
      // Relative numbers (seq 1) show tcpdump saw the handshake: the text left it out, so it is its own sentence.
      const rest = limits.filter((l) => l !== 'relative-only');
      const rel = limits.includes('relative-only')
        ? 'The handshake is not in this text, so the relative numbers (seq 1) cannot be turned into absolute ones (tcpdump -S prints them).'
        : '';
      return [rel, rest.length > 0 ? `This text cannot show ${rest.map((l) => what[l as keyof typeof what]).join('; nor ')}.` : ''].filter((x) => x !== '').join(' ');
    },
    capturePoint: (v) => {
      const at = v.capturePoint;
      const g = v.handshakeGaps;
      const g1 = g === null ? '' : ` (${seconds(g.synToSynAck)})`;
      const g2 = g === null ? '' : ` (${seconds(g.synAckToAck)})`;
      const gaps = g === null ? '' : ` (SYN → SYN-ACK ${seconds(g.synToSynAck)}, SYN-ACK → ACK ${seconds(g.synAckToAck)})`;
      const karn = v.handshakeResent === true;
      const noRtt = ' The SYN and SYN-ACK were both sent more than once, so the handshake gives no round-trip time (which SYN-ACK answers which SYN is ambiguous, RFC 6298 §3).';
      if (at === null)
        return g === null
          ? ''
          : karn
            ? "The handshake's timing cannot place the capture: the SYN and SYN-ACK were both sent more than once, so which SYN-ACK answers which SYN is ambiguous and the handshake gives no round-trip time (RFC 6298 §3)."
            : `The handshake's timing cannot place the capture${gaps}: neither gap is clearly the round trip (at least twice the other and 0.02 ms longer); on a path this short a host's own turnaround takes about as long as the round trip, so either gap may be the turnaround.`;
      const ev = v.capturePointEvidence;
      if (ev.includes('forwarded-copies') && v.routed !== undefined) return routedWords(v.routed);
      const where = at === 'between' ? 'between the client and the server' : `at the ${side[at]}`;
      // -i any directions only ever name an end (capture-point.ts).
      const tail = karn ? noRtt : '';
      if (at !== 'between' && ev.includes('interface-direction'))
        return `Captured on the ${side[at]} host: -i any marks its own segments Out and the ${side[other(at)]}'s In.${tail}`;
      if (ev.includes('ttl'))
        return (at === 'between'
          ? 'Captured between the client and the server: both sides\' packets arrive with a TTL below any initial value (-v), so both crossed routers.'
          : `Captured at the ${side[at]}: its packets carry an initial TTL (64/128/255) and the ${side[other(at)]}'s arrive lower (-v).`) + tail;
      if (karn)
        return (at === 'between'
          ? `Likely captured ${where}: the SYN→SYN-ACK and SYN-ACK→ACK gaps are of a similar size${gaps}.`
          : at === 'client'
            ? `Likely captured at the client or near it: its ACK followed the SYN-ACK at once${g2}.`
            : `Likely captured at the server or near it: the SYN-ACK followed the SYN at once${g1}.`) + tail;
      return at === 'between'
        ? `Likely captured ${where}: the SYN→SYN-ACK and SYN-ACK→ACK gaps are of a similar size${gaps}, each a round trip to one side.`
        : at === 'client'
          ? `Likely captured at the client or near it: the SYN-ACK came a round trip after the SYN${g1}, and the ACK followed it at once${g2}: the client's own stack answered.`
          : `Likely captured at the server or near it: the SYN-ACK followed the SYN${g1} in less than half the time the ACK took to follow the SYN-ACK${g2}: the server's own stack answered, the ACK crossed the path.`;
    },
    routed: routedWords,
  },
  record: {
    noKernelDrops,
    capturedCount,
    commandReadBack: (file) => `To explain that file, read it back as text: tcpdump -nn -tttt -S -r ${file} | tcplain`,
    meta: {
      command: (r) => {
        const line = r.argv && r.argv.length ? `: tcpdump ${r.argv.join(' ')}` : '';
        const w = r.options?.['w'];
        // -w writes raw packets to a file and prints none: no packet line of this text comes from that run.
        if (w !== undefined)
          return `A tcpdump command that wrote its packets to ${w === true ? 'a file' : w} (-w) instead of printing them, so no packet line here comes from it${line}.`;
        return `The tcpdump command that made this capture${line}.`;
      },
      listening: (r) =>
        `tcpdump captures live on ${r.iface === 'any' ? 'all interfaces at once (-i any)' : (r.iface ?? 'an interface')}${r.linkType ? `, link type ${r.linkType}` : ''}${r.snaplen !== null ? `, keeping up to ${r.snaplen} bytes of each packet (snapshot length)` : ''}.`,
      reading: (r) =>
        `tcpdump reads a saved capture${r.savefile ? ` (${r.savefile})` : ''}${r.linkType ? `, link type ${r.linkType}` : ''}${r.snaplen !== null ? `, snapshot length ${r.snaplen}` : ''}.`,
      tshark: () =>
        "tshark's one-line summary, not tcpdump's text: tcplain does not analyse it. Give tcplain the capture file itself (it runs tcpdump for you), or run tcpdump -r FILE -nn -tttt -v -S | tcplain.",
      suppressed: () => 'tcpdump prints one summary line per packet; -v or -vv would add IP header fields, checksums and more protocol detail.',
      stats: (r) => {
        const n = r.count ?? 0;
        switch (r.stat) {
          case 'captured':
            return capturedCount(n, null);
          case 'received':
            return `${plural(n, 'packet')} matched the filter.`;
          case 'dropped-kernel':
            return n > 0
              ? `${plural(n, 'packet')} dropped by the kernel: the capture could not keep up, so gaps in this capture may be the capture's fault, not the network's.`
              : noKernelDrops(-1, -1);
          case 'dropped-interface':
            return `${plural(n, 'packet')} dropped by the network interface before tcpdump saw them.`;
          default:
            return `tcpdump statistics: ${r.raw.trim()}`;
        }
      },
      warning: (r) => `tcpdump warning: ${r.raw.replace(/^\s*Warning:\s*/i, '')}`,
      error: (r) => {
        const msg = r.raw.replace(/^\s*tcpdump:\s*/, '').trim();
        if (/permission/i.test(msg)) return `tcpdump error: ${msg}. Capturing needs root or the CAP_NET_RAW capability (sudo tcpdump ...).`;
        if (/syntax error/i.test(msg)) return `tcpdump error: ${msg}. The filter expression is not valid pcap-filter syntax (tcplain cmd "tcpdump ..." explains it).`;
        return `tcpdump error (not a packet): ${msg}.`;
      },
      interrupt: () => '^C: the capture was stopped with Ctrl-C; tcpdump prints its counters next.',
    },
    commandOption: {
      n: () => '-n: addresses and ports as numbers (no DNS or service names)',
      nn: () => '-nn: addresses and ports as numbers',
      N: () => '-N: host names without their domain',
      S: () => '-S: absolute sequence numbers (no relative numbering)',
      v: () => '-v: verbose: IP header fields and checksums',
      vv: () => '-vv: more verbose: sequence number on every segment, more protocol detail',
      vvv: () => '-vvv: most verbose',
      e: () => '-e: link-layer header (MAC addresses, ethertype)',
      q: () => '-q: quiet: fewer protocol details',
      x: () => '-x: hex dump of each packet (without link header)',
      xx: () => '-xx: hex dump of each packet, with link header',
      X: () => '-X: hex and ASCII dump of each packet',
      XX: () => '-XX: hex and ASCII dump, with link header',
      A: () => '-A: payload printed as ASCII',
      t: () => '-t: no timestamps',
      tt: () => '-tt: timestamps as Unix seconds',
      ttt: () => '-ttt: time since the previous packet',
      tttt: () => '-tttt: date and time of day',
      ttttt: () => '-ttttt: time since the first packet',
      i: (v) =>
        v === 'any'
          ? '-i any: capture on all interfaces at once (Linux "any", cooked mode: no Ethernet header, no promiscuous mode)'
          : `-i${v === true ? '' : ` ${v}`}: capture on this interface`,
      r: (v) => `-r${v === true ? '' : ` ${v}`}: read a saved capture file`,
      w: (v) => `-w${v === true ? '' : ` ${v}`}: write packets to a file instead of printing them`,
      c: (v) => `-c${v === true ? '' : ` ${v}`}: stop after this many packets`,
      s: (v) => `-s${v === true ? '' : ` ${v}`}: snapshot length (bytes kept per packet)`,
      l: () => '-l: line-buffered output, for piping live',
      K: () => '-K: do not verify checksums',
      '#': () => '-#: packet numbers',
      p: () => '-p: do not put the interface in promiscuous mode',
    },
    commandUnknownOptions: (names) => `Other options: ${names.map((n) => `-${n}`).join(' ')}.`,
    commandFilter: (filter) => `Filter: only packets matching "${filter}".`,
    icmpPortUnreachable: (c) =>
      `ICMP port unreachable from ${c.reporter}: nothing listens on ${c.proto.toUpperCase()} port ${c.port} at ${c.host}, that port is closed on that host.`,
    icmpHostUnreachable: (c) => `ICMP unreachable from ${c.reporter}: a router or host says the destination cannot be reached.`,
    icmpEchoRequest: (c) => `Ping: ${c.from} asks ${c.to} for an echo reply (ICMP echo request).`,
    icmpEchoReply: (c) => `Ping reply: ${c.from} answers ${c.to} (ICMP echo reply): the host is up.`,
    icmpTimeExceeded: (c) => `ICMP time exceeded from ${c.reporter}: the packet's TTL ran out on the way (a routing loop, or traceroute).`,
    icmpOther: (c) => `ICMP message: ${c.summary}.`,
    udp: (c) =>
      `UDP datagram from ${c.from} to ${c.to}${c.len !== null ? ` (${plural(c.len, 'byte')})` : ''}: connectionless, no handshake and no acknowledgements.`,
    dns: (c) =>
      c.query
        ? `DNS query from ${c.from} to ${c.to}: ${c.qtype && c.name ? `asks for the ${c.qtype} record of ${c.name}` : 'looking up a name'}.`
        : `DNS answer from ${c.from} to ${c.to}.`,
    arpRequest: (c) => `ARP: ${c.asker} asks who has ${c.target}, looking up its MAC address on the local network.`,
    arpReply: (c) => `ARP reply: ${c.target} is at ${c.mac}.`,
    other: (c) => `${c.proto} packet, not TCP: shown for context.`,
    otherTcp: (c) => `A TCP packet tcpdump could not decode as a segment (${c.summary}): no flags or numbers to follow.`,
    tsharkAgain: () => "tshark's summary again: not analysed (see the first such line).",
    unparsed: (reason) => `Not understood, shown as written: ${reason}.`,
    lateDump: (line) => `The hex dump (-x/-X) of the packet on line ${line}, which reached tcplain after that packet was shown: part of it, not text between packets.`,
    tooLong: (chars, limit) =>
      `Line too long (${chars} characters, over the ${limit} tcplain parses): far longer than any line tcpdump prints; shown as written, not parsed.`,
    wrapCut: (line, width) =>
      `Not read: a terminal wrapped this line${width > 0 ? ` at ${width} columns` : ''} between two digits before line ${line}, so a number may have been cut in two or a blank lost; rather than guess, none of its fields is used. Copy it again from a wider terminal (or with tmux \`capture-pane -J\`) to have it read.`,
  },
  twins: {
    head: 'Same connection, two views',
    twin: (t) => {
      const c = t.clientView;
      const s = t.serverView;
      const ev: string[] = [];
      if (t.isns.length === 2) ev.push(`the same ISNs both ways (${t.isns[0]} and ${t.isns[1]})`);
      else if (t.isns.length === 1) ev.push(`the same ISN ${t.isns[0]}`);
      if (t.sameTs > 0) ev.push(`${t.sameTs} segment${t.sameTs === 1 ? '' : 's'} with the same TS val and echo, flags and length`);
      if (t.gap !== null)
        ev.push(`the first of them from the client shows in the server's capture ${seconds(Math.abs(t.gap))} ${t.gap >= 0 ? 'later' : 'earlier'} than in the client's (the two clocks' offset plus the one-way delay)`);
      const map: string[] = [];
      map.push(sameEndpoint(c.client, s.client) ? `the client is ${endpointKey(c.client)} at both ends` : `the client ${endpointKey(c.client)} appears as ${endpointKey(s.client)} at the server`);
      map.push(
        sameEndpoint(c.server, s.server)
          ? `the server is ${endpointKey(c.server)} at both ends`
          : `the server the client reached as ${endpointKey(c.server)} is ${endpointKey(s.server)} in the server's own capture`,
      );
      const nat = !sameEndpoint(c.client, s.client) || !sameEndpoint(c.server, s.server);
      return (
        `Connections ${c.conn} (lines ${c.firstLine}–${c.lastLine}) and ${s.conn} (lines ${s.firstLine}–${s.lastLine}) are one connection seen at both ends${nat ? ' through NAT' : ''}, not two connections: ${ev.join('; ')}. ` +
        (t.sidesKnown
          ? `${c.conn} was captured at the client, ${s.conn} at the server. `
          : `Which of them was captured at the client is not known (no handshake timing or TTL tells): ${c.conn} is taken as the client's. `) +
        `${nat ? 'Mapping: ' : ''}${map.join('; ')}.` +
        (t.mss.syn !== null || t.mss.synAck !== null
          ? ` MSS rewritten on the path (${[
              t.mss.syn !== null ? `SYN ${t.mss.syn.sent}→${t.mss.syn.received}` : null,
              t.mss.synAck !== null ? `SYN-ACK ${t.mss.synAck.sent}→${t.mss.synAck.received}` : null,
            ]
              .filter((x) => x !== null)
              .join(', ')}): a middlebox clamps MSS.`
          : '')
      );
    },
    pairHint: (c) =>
      `To see both views side by side, split the input into the two captures and pair them with these commands${c.cut ? ' (they keep only the first 400 lines of each connection)' : ''}:`,
  },
  seconds,
} as const satisfies Catalog;

/** The end that sent FIN when exactly one did (from the final states). */
function halfCloser(v: ConnectionVerdict): Side | null {
  const closing = (s: string | null) => s === 'FIN_WAIT_1' || s === 'FIN_WAIT_2';
  if (closing(v.states.client) && !closing(v.states.server)) return 'client';
  if (closing(v.states.server) && !closing(v.states.client)) return 'server';
  return null;
}
