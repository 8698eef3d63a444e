// English wording of every explanation tcplain prints: findings, verdicts, states, flags, options, records.

import type { Catalog } from '../catalog';
import type { ConnectionVerdict } from '../../model/verdict';
import type { ResetPhase, Side } from '../../model/findings';
import { hex, scaleFactor, splitSeconds } from '../numbers';

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
const theSender = (s: Side | null): string => (s ? `the ${side[s]}` : 'the sender');

const closeKind = (v: ConnectionVerdict): string =>
  v.closeKind === '3-way'
    ? 'three-way close: one FIN rode on the ACK of the other'
    : v.closeKind === 'simultaneous'
      ? 'simultaneous close: both sent FIN at once'
      : 'four-way close';

const NO_ISN = ', counted from where this capture starts: the handshake is missing';

const hostOf = (c: string): string => c.replace(/:(\d+|[a-z][\w-]*)$/i, '').replace(/^\[(.*)\]$/, '$1');

const resetPhase: Record<ResetPhase, string> = {
  handshake: 'in answer to the connection attempt',
  'before-data': 'right after the handshake, before any data',
  'after-request': 'after the request, before any reply',
  'mid-transfer': 'in the middle of the transfer',
  'after-close': 'while the connection was already closing',
  idle: 'after a long silence',
};

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
    TIME_WAIT: { name: 'TIME_WAIT', meaning: 'done; waits 2×MSL so that late segments die out before the port pair is reused' },
  },
  flags: {
    FIN: 'FIN: the sender has no more data to send',
    SYN: 'SYN: synchronise sequence numbers, i.e. open a connection',
    RST: 'RST: reset, abort the connection at once',
    PSH: 'PSH: push, hand the data to the application without waiting',
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
  findings: {
    'tcp.retransmission': (f, c) =>
      `Retransmission: ${theSender(c.sender)} sends bytes it already sent${f.originalLine !== null ? ` (first on line ${f.originalLine})` : ''}. The first copy or its ACK was lost or late, so the retransmission timer fired (RFC 6298). A few are normal; many mean loss on the path.`,
    'tcp.fast_retransmission': (f, c) =>
      `Fast retransmission: after ${plural(f.dupAcks, 'duplicate ACK')} ${theSender(c.sender)} resends the missing bytes${f.originalLine !== null ? ` (first sent on line ${f.originalLine})` : ''} at once instead of waiting for its timer (RFC 5681 §3.2): a segment was lost on the way.`,
    'tcp.spurious_retransmission': (f, c) =>
      `Spurious retransmission: ${theSender(c.sender)} resends bytes that were already acknowledged${f.originalLine !== null ? ` (first on line ${f.originalLine})` : ''}; the resend was unnecessary (the ACK was late or the timer too short).`,
    'tcp.out_of_order': (_f, c) =>
      `Out of order: this segment starts before bytes already seen from ${theSender(c.sender)}; it was overtaken on the way, or is a late copy.`,
    'tcp.previous_segment_not_captured': (f) =>
      `Gap: the ${plural(f.missingBytes, 'byte')} before this segment were never seen: lost on the network, or missed by the capture (check "dropped by kernel").`,
    'tcp.acked_unseen_segment': (f) =>
      `This ACK covers ${plural(f.unseenBytes, 'byte')} that never appeared in the capture: they reached the receiver, so the capture missed them (capture drops or asymmetric routing), not the network.`,
    'tcp.dup_ack': (f, c) =>
      `Duplicate ACK #${f.n} (same ack as line ${f.originalLine}): ${theSender(c.sender)} is still waiting for the same byte while later segments arrive: something before them is missing. Three duplicates trigger a fast retransmission (RFC 5681).`,
    'tcp.zero_window': (_f, c) =>
      `Zero window: ${theSender(c.sender)}'s receive buffer is full, the peer must stop sending. The receiving application is not reading fast enough.`,
    'tcp.zero_window_probe': (_f, c) =>
      `Zero-window probe: ${theSender(c.sender)} checks whether the peer's window has opened again (RFC 9293 §3.8.6.1).`,
    'tcp.zero_window_probe_ack': (_f, c) =>
      `Answer to a zero-window probe: ${theSender(c.sender)} reports its window again.`,
    'tcp.window_full': (f, c) =>
      `Window full: ${theSender(c.sender)} has ${plural(f.inFlight, 'byte')} in flight, all that the peer's window allows; it must wait for an ACK before sending more.`,
    'tcp.window_update': (f, c) =>
      `Window update: ${theSender(c.sender)}'s window changed from ${f.from} to ${f.to} bytes without new data; the peer may send again.`,
    'tcp.keep_alive': (f, c) =>
      `Keep-alive${f.idleSeconds !== null ? ` after ${seconds(f.idleSeconds)} of silence` : ''}: ${theSender(c.sender)} checks that the peer is still there (RFC 9293 §3.8.4); an answer keeps NATs and firewalls from forgetting the connection.`,
    'tcp.keep_alive_ack': (_f, c) => `Answer to a keep-alive: ${theSender(c.sender)} is still there.`,
    'tcp.syn_retransmission': (f) =>
      `SYN sent again (attempt ${f.attempt}${f.sinceFirst !== null ? `, ${seconds(f.sinceFirst)} after the first` : ''}): no SYN-ACK came back. The host is down, a firewall drops the SYN silently, or the route is broken; Linux doubles the wait each time (1, 2, 4, 8 s...).`,
    'tcp.synack_retransmission': (f) =>
      `SYN-ACK sent again (attempt ${f.attempt}${f.sinceFirst !== null ? `, ${seconds(f.sinceFirst)} after the first` : ''}): the server never got the final ACK: the SYN-ACK or the ACK was lost on the way.`,
    'tcp.rst': (f) => {
      const detail =
        f.phase === 'handshake'
          ? 'nothing listens on that port, or a firewall rejects the connection'
          : f.phase === 'after-request'
            ? `the client had sent its request (${plural(f.bytesFromClient, 'byte')}) and got nothing back`
            : f.phase === 'mid-transfer'
              ? `${plural(f.bytesFromClient, 'byte')} from the client and ${plural(f.bytesFromServer, 'byte')} from the server had been exchanged`
              : f.phase === 'idle' && f.idleSeconds !== null
                ? `${seconds(f.idleSeconds)} without traffic came before it: typical of an idle timeout in a server, load balancer, NAT or firewall`
                : f.phase === 'after-close'
                  ? 'a FIN had already been sent; often a close() with unread data (RFC 9293 §3.6.1)'
                  : 'no data had been exchanged yet';
      return `Reset by the ${side[f.by]} ${resetPhase[f.phase]}${f.state ? ` (the ${side[f.by]} was in ${f.state})` : ''}: ${detail}. The connection is gone at once: no FIN exchange, unsent data is dropped, and the peer's next read or write fails.`;
    },
    'tcp.port_reuse': (f) =>
      `Port reuse: a new connection with the same addresses and ports as ${f.previousConn}; counted as a new connection from here.`,
    'tcp.checksum_incorrect': (f) =>
      `Checksum incorrect${f.expected !== null ? ` (should be ${hex(f.expected)})` : ''}: on the sending host this is usually checksum offload (the NIC fills it in after tcpdump saw the packet), not corruption.`,
    'tcp.handshake_rtt': (f) =>
      `Handshake round trip seen from the ${side[f.at]}: ${seconds(f.seconds)} (${f.at === 'client' ? 'SYN → SYN-ACK' : 'SYN-ACK → ACK'}); a baseline for judging later delays.`,
    'tcp.options_negotiated': (f) => {
      const mss = `MSS client ${f.mss.client ?? '–'} / server ${f.mss.server ?? '–'}`;
      const ws =
        f.wscale.client !== null && f.wscale.server !== null
          ? `window scaling on (client ×${scaleFactor(f.wscale.client)}, server ×${scaleFactor(f.wscale.server)})`
          : 'window scaling off (only one side or neither offered it, RFC 7323 §2.2)';
      return `Negotiated: ${mss}; ${ws}; SACK ${f.sack ? 'on' : 'off'}; timestamps ${f.timestamps ? 'on' : 'off'}.`;
    },
    'tcp.option_not_offered': (f) => {
      const what = {
        mss: 'MSS: the peer must assume 536 bytes per segment (RFC 9293 §3.7.1)',
        wscale: 'window scaling: it is off for both directions, so no window exceeds 65535 bytes and long-distance throughput suffers',
        sackOK: 'SACK: after a loss the receiver cannot say which later blocks arrived, so recovery is slower',
        ts: 'timestamps: no per-segment RTT measurement and no PAWS protection (RFC 7323)',
      }[f.option];
      return `The ${side[f.side]} did not offer ${what}.`;
    },
  },
  options: {
    nop: () => 'nop (padding)',
    eol: () => 'end of option list',
    mss: (o, c) => `MSS ${o.value}: the largest segment the ${side[c.sender]} accepts`,
    wscale: (o, c) => `window scale ${o.value} (×${scaleFactor(o.value)}): the ${side[c.sender]}'s later window values are multiplied by ${scaleFactor(o.value)}`,
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
          ? `Data (PSH+ACK): the ${side[c.sender]} sends ${plural(c.len, 'byte')} to the ${side[c.receiver]}; PSH asks the receiver to hand them to the application at once.`
          : `Data: the ${side[c.sender]} sends ${plural(c.len, 'byte')} to the ${side[c.receiver]}.`,
      ack: (c) => `ACK only: the ${side[c.sender]} acknowledges what it has received and carries no data.`,
      'fin-first': (c) =>
        `FIN: the ${side[c.sender]} has finished sending and starts closing (four-way close, step 1 of 4); it can still receive.`,
      'fin-second': (c) => `FIN: the ${side[c.sender]} closes its direction too (four-way close, step 3 of 4).`,
      'fin-simultaneous': (c) => `FIN: the ${side[c.sender]} closes while the ${side[c.receiver]}'s FIN is still on the way (simultaneous close).`,
      fin: (c) => `FIN: the ${side[c.sender]} has no more data to send.`,
      'fin-ack-of-fin': (c) =>
        `FIN+ACK: the ${side[c.sender]} acknowledges the ${side[c.receiver]}'s FIN and closes its own direction in the same segment (three-way close).`,
      'close-ack-first': (c) => `ACK of the ${side[c.receiver]}'s FIN (four-way close, step 2 of 4): that direction is now closed.`,
      'close-ack-last': (c) => `ACK of the ${side[c.receiver]}'s FIN: the last step of the close; both directions are closed.`,
      rst: (c) => `RST: the ${side[c.sender]} aborts the connection at once; no reply is expected and unsent data is dropped.`,
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
        : `seq ${c.printed}: bytes ${c.from}–${c.to} of the ${side[c.sender]}'s stream (${plural(c.len, 'byte')}${c.noIsn ? NO_ISN : ''}).`,
    finSeq: (c) =>
      `seq ${c.printed}: the FIN takes sequence number ${c.seq} (one number, no data)${c.sent !== null ? `; the ${side[c.sender]} sent ${plural(c.sent, 'byte')} in all` : ''}.`,
    rstSeq: (c) => `seq ${c.printed}: a RST is accepted only if its sequence number fits the receiver's window (RFC 5961).`,
    ackOfSyn: (c) => `ack ${c.printed} = the ${side[c.receiver]}'s ISN ${c.isn} + 1: a SYN uses one sequence number.`,
    ackOfSynRelative: (c) => `ack ${c.printed} = the ${side[c.receiver]}'s ISN + 1: a SYN uses one sequence number.`,
    ackOfFin: (c) =>
      `ack ${c.printed} = the ${side[c.receiver]}'s FIN (seq ${c.fin}) + 1: a FIN uses one sequence number, like a SYN${c.bytes !== null ? `; all ${plural(c.bytes, 'byte')} of its data arrived` : ''}.`,
    ackNothingYet: (c) =>
      `ack ${c.printed}: no data from the ${side[c.receiver]} yet (only its SYN); the ${side[c.sender]} expects its byte 1 next.`,
    ackBytes: (c) =>
      c.absolute
        ? `ack ${c.printed}: the ${side[c.sender]} has received the ${side[c.receiver]}'s stream up to ${c.ack - 1}${c.rel !== null ? ` (bytes 1–${c.rel - 1})` : ''} and expects ${c.ack} next.`
        : `ack ${c.printed}: the ${side[c.sender]} has received the ${side[c.receiver]}'s bytes 1–${c.ack - 1}; next expected byte ${c.ack}.`,
    ackUnknownBase: (c) =>
      `ack ${c.printed}: the ${side[c.sender]} expects the ${side[c.receiver]}'s byte ${c.ack} next (counted from where this capture starts: the handshake is missing).`,
    noIsn: NO_ISN,
    winSyn: (c) => `win ${c.win}: the ${side[c.sender]} can receive ${plural(c.win, 'byte')} for now (a window in a SYN is never scaled).`,
    winScaled: (c) =>
      `win ${c.win} × ${scaleFactor(c.scale)} = ${c.bytes} bytes: how much more the ${side[c.sender]} can receive now (window scale ${c.scale} from the handshake).`,
    winUnscaled: (c) => `win ${c.win}: the ${side[c.sender]} can receive ${plural(c.win, 'more byte', 'more bytes')} now (no window scaling).`,
    winUnknownScale: (c) =>
      `win ${c.win}: the ${side[c.sender]}'s window, times a scale factor this capture did not see (the handshake is missing), so the real size is unknown.`,
    winZero: (c) => `win 0: the ${side[c.sender]} cannot receive anything right now (its buffer is full).`,
    options: (c) => `Options: ${c.items.join('; ')}.`,
    payload: (c) => `tcpdump decoded the payload: ${c.text}`,
    rstPayload: (c) => `The RST carries text, often the reason from the device that sent it (load balancers such as BIG-IP do this): ${c.text}`,
    transition: (c) => (c.from ? `${Side[c.end]}: ${c.from} → ${c.to} (${c.meaning}).` : `${Side[c.end]}: now ${c.to} (${c.meaning}).`),
    truncated: 'tcpdump could not decode the whole header (cut by the snapshot length, or a malformed option), so some fields are missing.',
    warning: (text) => `tcpdump warns: ${text}.`,
    finding: (severity, text) => `[${severity}] ${text}`,
    noAnalysis: 'Not tracked: this segment could not be tied to a connection.',
  },
  verdicts: {
    'normal-close': {
      headline: (v) => `Closed normally (${closeKind(v)})`,
      summary: (v, c) =>
        `The client ${c.client} and the server ${c.server} opened the connection, exchanged ${plural(v.bytes.c2s, 'byte')} → and ${plural(v.bytes.s2c, 'byte')} ←, and closed it with FIN in both directions${c.duration ? ` after ${c.duration}` : ''}. Nothing went wrong at the TCP level.`,
      nextStep: () => 'If the application still reports an error, look above TCP: HTTP status codes, TLS alerts, application logs.',
      appSaw: () => ['No socket error: the exchange completed and reading returned end of file (0 bytes) at the close.'],
    },
    refused: {
      headline: () => 'Connection refused: the server answered the SYN with RST',
      summary: (_v, c) =>
        `The client ${c.client} asked to connect to ${c.server}; the answer was a RST: no program listens on port ${c.port ?? '?'} there (or a firewall rejects with a reset). The host itself is up and reachable.`,
      nextStep: (_v, c) =>
        `On the server, check that the service runs and listens on that address and port (ss -ltnp | grep :${c.port ?? 'PORT'}), on the right interface (0.0.0.0 rather than 127.0.0.1), and that no firewall rule REJECTs it.`,
      appSaw: (_v, c) => [
        `curl: (7) Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'}: Connection refused`,
        `Node.js: Error: connect ECONNREFUSED ${c.server}`,
        'Python: ConnectionRefusedError: [Errno 111] Connection refused',
        'Java: java.net.ConnectException: Connection refused',
      ],
    },
    'no-answer': {
      headline: () => 'No answer: the SYN was never answered',
      summary: (v, c) =>
        `The client ${c.client} sent ${plural(1 + v.synRetransmissions, 'SYN')} to ${c.server}${c.duration && v.synRetransmissions > 0 ? ` over ${c.duration}` : ''} and got nothing back: the host is down or unreachable, a firewall drops the SYN silently (DROP rather than REJECT), or the reply takes another path.${v.synRetransmissions === 0 ? ' Only one SYN was seen, though: the capture may simply have ended before an answer or a retry.' : ''}`,
      nextStep: (_v, c) =>
        `Check the address and route (traceroute -T -p ${c.port ?? 'PORT'} ${hostOf(c.server)}), security groups and firewalls on the way, and capture on the server: does the SYN arrive there?`,
      appSaw: (_v, c) => [
        `curl: (28) Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'}: Operation timed out (or (7) Connection timed out, when the kernel gives up first)`,
        `Node.js: Error: connect ETIMEDOUT ${c.server}`,
        'Python: TimeoutError: [Errno 110] Connection timed out (or "timed out" with a socket timeout)',
        'Java: java.net.ConnectException: Connection timed out (or SocketTimeoutException: Connect timed out)',
      ],
    },
    'reset-by-server': {
      headline: (v) => `Reset by the server ${resetPhase[v.phase ?? 'mid-transfer']}`,
      summary: (v, c) =>
        `The server ${c.server} (or a device in front of it) ended the connection with RST ${resetPhase[v.phase ?? 'mid-transfer']}, after ${plural(v.bytes.c2s, 'byte')} from the client and ${plural(v.bytes.s2c, 'byte')} from the server${c.duration ? ` in ${c.duration}` : ''}. ${
          v.phase === 'after-request'
            ? 'The request reached the server, which aborted instead of answering: a crash, an exception that closed the socket, a proxy rejecting the request, or a forged RST from a middlebox.'
            : v.phase === 'after-close'
              ? 'The close had already begun; a reset here usually means one side closed with unread data (RFC 9293 §3.6.1) and is often harmless.'
              : v.phase === 'before-data'
                ? 'The server accepted the connection and dropped it before any data: an overloaded accept queue, a TLS/ACL rejection, or a proxy with no backend.'
                : 'The server stopped in the middle: a crash, a timeout or limit in the server or a proxy.'
        }`,
      nextStep: () =>
        'Look at the server application\'s and any proxy\'s logs at that time (crash, timeout, size limit). Capture on the server too: if it never sent this RST, a firewall or IPS on the path did.',
      appSaw: (v) =>
        v.phase === 'after-close'
          ? ['Usually nothing: the response was complete; at most a late read fails with ECONNRESET / "Connection reset by peer".']
          : [
              v.phase === 'before-data'
                ? 'curl: (56) Recv failure: Connection reset by peer (or (52) Empty reply from server)'
                : 'curl: (56) Failure when receiving data from the peer (Recv failure: Connection reset by peer)',
              'Node.js: Error: read ECONNRESET (write EPIPE if it was still sending)',
              'Python: ConnectionResetError: [Errno 104] Connection reset by peer',
              'Java: java.net.SocketException: Connection reset',
            ],
    },
    'reset-by-client': {
      headline: (v) => `Aborted by the client (RST) ${resetPhase[v.phase ?? 'mid-transfer']}`,
      summary: (v, c) =>
        `The client ${c.client} ended the connection with RST ${resetPhase[v.phase ?? 'mid-transfer']}${c.duration ? `, ${c.duration} after it started` : ''}: its application gave up (its own timeout), exited, or closed the socket with unread data (RFC 9293 §3.6.1). A middlebox can also forge such a reset.`,
      nextStep: (_v, c) =>
        `Compare the client's timeouts with how long the server took${c.duration ? ` (${c.duration} here)` : ''}; check whether the client process exited. If the client host never sent this RST (capture on both ends), a firewall or IPS forged it.`,
      appSaw: () => [
        'The client reports its own reason, usually a timeout: curl: (28) Operation timed out; Node.js: ETIMEDOUT or "socket hang up" after abort(); Python: TimeoutError; Java: java.net.SocketTimeoutException: Read timed out',
        'The server application sees ECONNRESET / "Connection reset by peer" if it still reads or writes',
      ],
    },
    'idle-reset': {
      headline: () => 'Reset after a long idle period',
      summary: (v, c) =>
        `The connection between ${c.client} and ${c.server} sat idle and was then reset by the ${v.resetBy ? side[v.resetBy] : 'peer'}: a server, load balancer, NAT or firewall dropped it for being idle too long. A client that reuses it from a pool fails on its next request.`,
      nextStep: () =>
        'Make the client pool\'s idle timeout shorter than the server\'s or load balancer\'s, or enable TCP keep-alive; retry idempotent requests on ECONNRESET.',
      appSaw: () => [
        'curl: (56) Failure when receiving data from the peer, or (52) Empty reply from server on a reused connection',
        'Node.js: Error: read ECONNRESET, or "socket hang up"',
        'Python: ConnectionResetError: [Errno 104] Connection reset by peer, or http.client.RemoteDisconnected',
        'Java: java.net.SocketException: Connection reset',
      ],
    },
    'half-closed': {
      headline: (v) => `Half-closed: only the ${halfCloser(v) ? side[halfCloser(v) as Side] : 'one side'} sent FIN`,
      summary: (v) => {
        const closer = halfCloser(v);
        if (!closer) return 'Only one direction was closed with FIN by the end of the capture; the other side has not closed yet.';
        return `The ${side[closer]} sent FIN (it has nothing more to send) but the ${side[other(closer)]} had not closed its direction by the end of the capture. ${
          closer === 'server'
            ? 'The client has the server\'s end of file; if it never closes, its application is not calling close() (stuck in CLOSE_WAIT).'
            : 'The server still may send its answer; if it never closes, the server application is not calling close() (CLOSE_WAIT on the server).'
        }`;
      },
      nextStep: (v) =>
        halfCloser(v) === 'client'
          ? 'Check the server application: many CLOSE_WAIT sockets (ss -tan state close-wait) mean it forgets to close connections.'
          : 'Check the client application: it must close the socket after reading end of file; many CLOSE_WAIT sockets (ss -tan state close-wait) mean a leak.',
      appSaw: (v) =>
        halfCloser(v) === 'server'
          ? [
              'A read returns end of file (0 bytes); with no response at all: curl: (52) Empty reply from server',
              'Node.js: Error: socket hang up (code ECONNRESET) when no response had started',
              'Python: http.client.RemoteDisconnected: Remote end closed connection without response',
            ]
          : ['Nothing yet: the client finished sending and waits for the server\'s answer or FIN.'],
    },
    open: {
      headline: (v) => (v.evictedAt === undefined ? 'Still open at the end of the capture' : 'Still open when tcplain stopped following it'),
      summary: (v) =>
        `${plural(v.bytes.c2s, 'byte')} → and ${plural(v.bytes.s2c, 'byte')} ← so far, and no FIN or RST: a long-lived connection (keep-alive, streaming), or the capture stopped early.`,
      nextStep: () => 'Capture longer if you expected it to end.',
      appSaw: () => ['Nothing at the TCP level: no error yet.'],
    },
    incomplete: {
      headline: () => 'Incomplete: the capture saw too little of this connection',
      summary: () =>
        'The handshake is not in this capture, so the connection cannot be judged as a whole.',
      nextStep: () => 'Start tcpdump before the client connects, then reproduce the problem.',
      appSaw: () => ['Unknown from this capture.'],
    },
  },
  verdictBlock: {
    head: (c) => `Connection ${c.conn} ${c.client} → ${c.server}: ${c.headline}`,
    next: 'Next step: ',
    appSaw: 'What the application saw:',
    stats: (v, c) =>
      `${plural(v.packets.c2s + v.packets.s2c, 'packet')} (${v.packets.c2s} →, ${v.packets.s2c} ←), ${v.bytes.c2s} bytes → / ${v.bytes.s2c} bytes ←${c.duration ? `, ${c.duration}` : ''}; Zeek conn_state ${v.connState}, history ${v.history || '-'}`,
    roleGuessed: 'client and server guessed from the port numbers (no SYN seen)',
    evicted: (line) =>
      `tcplain stopped following this connection at line ${line} to keep its memory bounded: too many connections were open at once, and this one had been idle the longest`,
  },
  record: {
    meta: {
      command: (r) => `The tcpdump command that made this capture${r.argv && r.argv.length ? `: tcpdump ${r.argv.join(' ')}` : ''}.`,
      listening: (r) =>
        `tcpdump captures live on ${r.iface ?? 'an interface'}${r.linkType ? `, link type ${r.linkType}` : ''}${r.snaplen !== null ? `, keeping up to ${r.snaplen} bytes of each packet (snapshot length)` : ''}.`,
      reading: (r) =>
        `tcpdump reads a saved capture${r.file ? ` (${r.file})` : ''}${r.linkType ? `, link type ${r.linkType}` : ''}${r.snaplen !== null ? `, snapshot length ${r.snaplen}` : ''}.`,
      suppressed: () => 'tcpdump prints one summary line per packet; -v or -vv would add IP header fields, checksums and more protocol detail.',
      stats: (r) => {
        const n = r.count ?? 0;
        switch (r.stat) {
          case 'captured':
            return `${plural(n, 'packet')} written out by tcpdump.`;
          case 'received':
            return `${plural(n, 'packet')} matched the filter.`;
          case 'dropped-kernel':
            return n > 0
              ? `${plural(n, 'packet')} dropped by the kernel: the capture could not keep up, so gaps in this capture may be the capture's fault, not the network's.`
              : 'No packet dropped by the kernel: the capture is complete.';
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
      i: (v) => `-i${v === true ? '' : ` ${v}`}: capture on this interface`,
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
    unparsed: (reason) => `Not understood, shown as written: ${reason}.`,
    tooLong: (chars, limit) =>
      `Line too long (${chars} characters, over the ${limit} tcplain parses): far longer than any line tcpdump prints; shown as written, not parsed.`,
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
