// SYNTHETIC RST captures, written by hand (review 8, recheck 4 and 5): a kernel will not produce these on demand. An
// injecting device's RST pair, a RST+ACK that a challenge ACK (RFC 5961 §3.2) shows was not taken, and the crossing
// of a RST+ACK with the peer's ACK are matters of a middlebox or of microseconds on a veth link, which
// scripts/capture-samples.sh cannot stage reliably. Every line is in tcpdump's exact text format, with numbers that
// are consistent with each other; the line numbers the tests name are positions in these arrays (1-based).

/**
 * A Linux client's connection: handshake, a request acknowledged by the server, the server's 1000-byte reply, a
 * second request (1087:1173). Taken where the server's answers follow the client's segments in microseconds.
 */
export const CROSS_HEAD = [
  '2026-12-06 12:00:00.000000 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0',
  '2026-12-06 12:00:00.000020 IP 198.51.100.2.80 > 192.0.2.2.40100: Flags [S.], seq 5000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 900 ecr 100,nop,wscale 7], length 0',
  '2026-12-06 12:00:00.010000 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [.], ack 5001, win 502, options [nop,nop,TS val 110 ecr 900], length 0',
  '2026-12-06 12:00:00.010100 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [P.], seq 1001:1087, ack 5001, win 502, options [nop,nop,TS val 110 ecr 900], length 86: HTTP: GET / HTTP/1.1',
  '2026-12-06 12:00:00.010120 IP 198.51.100.2.80 > 192.0.2.2.40100: Flags [.], ack 1087, win 509, options [nop,nop,TS val 910 ecr 110], length 0',
  '2026-12-06 12:00:00.010300 IP 198.51.100.2.80 > 192.0.2.2.40100: Flags [P.], seq 5001:6001, ack 1087, win 509, options [nop,nop,TS val 910 ecr 110], length 1000: HTTP: HTTP/1.1 200 OK',
  '2026-12-06 12:00:00.020400 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [P.], seq 1087:1173, ack 6001, win 502, options [nop,nop,TS val 120 ecr 910], length 86: HTTP: GET /x HTTP/1.1',
];
/**
 * CROSS_HEAD as a capture at the client sees it (review 9 I5): the SYN-ACK a round trip (10 ms) after the SYN and the
 * client's ACK at once, as in GFW; each answer of the server a round trip after what it answers, and the client's second
 * request 0.1 ms after the reply. Every timing in CHAL and IGN is then the client's.
 */
export const CLIENT_SIDE_HEAD = [
  CROSS_HEAD[0],
  CROSS_HEAD[1].replace('12:00:00.000020', '12:00:00.010000'),
  CROSS_HEAD[2].replace('12:00:00.010000', '12:00:00.010050'),
  CROSS_HEAD[3],
  CROSS_HEAD[4].replace('12:00:00.010120', '12:00:00.020100'),
  CROSS_HEAD[5].replace('12:00:00.010300', '12:00:00.020300'),
  CROSS_HEAD[6],
];
/** The server's pure ACK of the second request (ack 1173). */
export const SERVER_ACK = '2026-12-06 12:00:00.020420 IP 198.51.100.2.80 > 192.0.2.2.40100: Flags [.], ack 1173, win 509, options [nop,nop,TS val 920 ecr 120], length 0';
/** The client's abort: RST+ACK at its next seq 1173, timestamps continuing. */
export const CLIENT_ABORT = '2026-12-06 12:00:00.021000 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [R.], seq 1173, ack 6001, win 502, options [nop,nop,TS val 121 ecr 910], length 0';
/** The client's bare no-connection reply at 1173. */
export const CLIENT_REPLY = '2026-12-06 12:00:00.030500 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [R], seq 1173, win 0, length 0';

/**
 * gfw.txt (-v, at the client): the server's packets come with TTL 50 and DF; an injector sends a RST+ACK (line 5) and
 * 0.1 ms later a bare RST (line 6) in the server's name, both TTL 120, no DF, IP ids 5555 and 5556.
 */
export const GFW = [
  '2026-12-06 12:00:00.000000 IP (tos 0x0, ttl 64, id 100, offset 0, flags [DF], proto TCP (6), length 60) 192.0.2.2.40100 > 198.51.100.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0',
  '2026-12-06 12:00:00.010000 IP (tos 0x0, ttl 50, id 0, offset 0, flags [DF], proto TCP (6), length 60) 198.51.100.2.80 > 192.0.2.2.40100: Flags [S.], seq 5000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 900 ecr 100,nop,wscale 7], length 0',
  '2026-12-06 12:00:00.010050 IP (tos 0x0, ttl 64, id 101, offset 0, flags [DF], proto TCP (6), length 52) 192.0.2.2.40100 > 198.51.100.2.80: Flags [.], ack 5001, win 502, options [nop,nop,TS val 110 ecr 900], length 0',
  '2026-12-06 12:00:00.010100 IP (tos 0x0, ttl 64, id 102, offset 0, flags [DF], proto TCP (6), length 138) 192.0.2.2.40100 > 198.51.100.2.80: Flags [P.], seq 1001:1087, ack 5001, win 502, options [nop,nop,TS val 110 ecr 900], length 86: HTTP: GET / HTTP/1.1',
  '2026-12-06 12:00:00.015000 IP (tos 0x0, ttl 120, id 5555, offset 0, flags [none], proto TCP (6), length 40) 198.51.100.2.80 > 192.0.2.2.40100: Flags [R.], seq 5001, ack 1087, win 0, length 0',
  '2026-12-06 12:00:00.015100 IP (tos 0x0, ttl 120, id 5556, offset 0, flags [none], proto TCP (6), length 40) 198.51.100.2.80 > 192.0.2.2.40100: Flags [R], seq 5001, win 0, length 0',
].join('\n');

/** gfw_nov.txt: GFW as tcpdump prints it without -v (the `(tos … length N)` IP parts removed): no TTL, DF or IP id to go by. */
export const GFW_NOV = GFW.replace(/IP \(tos .*?, length \d+\) /g, 'IP ');

/**
 * chal.txt, at the client: the client's second request (line 7) never reaches the server; the client aborts (RST+ACK seq 1173, line
 * 8); the server, whose RCV.NXT is still 1087, answers that in-window RST with a challenge ACK (ack 1087, line 9, one
 * round trip later), and the client, without a socket, replies with a bare RST at exactly 1087 (line 10).
 */
export const CHAL = [
  ...CLIENT_SIDE_HEAD,
  CLIENT_ABORT,
  '2026-12-06 12:00:00.031100 IP 198.51.100.2.80 > 192.0.2.2.40100: Flags [.], ack 1087, win 509, options [nop,nop,TS val 930 ecr 110], length 0',
  '2026-12-06 12:00:00.031200 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [R], seq 1087, win 0, length 0',
].join('\n');

/**
 * ign.txt, at the client: a RST+ACK in the client's name with a seq far outside the server's window (901173, line 8), which the server
 * drops: it acknowledges the second request (line 9) and sends more data a second later (line 10), which the client
 * answers with a bare RST at exactly the server's ack (line 11).
 */
export const IGN = [
  ...CLIENT_SIDE_HEAD,
  CLIENT_ABORT.replace('seq 1173,', 'seq 901173,'),
  '2026-12-06 12:00:00.030100 IP 198.51.100.2.80 > 192.0.2.2.40100: Flags [.], ack 1173, win 509, options [nop,nop,TS val 930 ecr 120], length 0',
  '2026-12-06 12:00:01.031100 IP 198.51.100.2.80 > 192.0.2.2.40100: Flags [P.], seq 6001:7001, ack 1173, win 509, options [nop,nop,TS val 1930 ecr 120], length 1000',
  '2026-12-06 12:00:01.031200 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [R], seq 1173, win 0, length 0',
].join('\n');

/**
 * The crossing seen at the client (recheck 9 R6: client-timed, on CLIENT_SIDE_HEAD): its RST+ACK (line 8, .021000)
 * leaves before the server's ACK of 1173 (line 9), sent when the request arrived, comes back one round trip (10 ms)
 * after the request (.030500); the client, without a socket, answers it with a bare RST (line 10, .030600).
 */
export const CROSS_AT_CLIENT = [...CLIENT_SIDE_HEAD, CLIENT_ABORT, SERVER_ACK.replace('020420', '030500'), CLIENT_REPLY.replace('030500', '030600')].join('\n');

/**
 * pureack.txt (recheck 9 R8): GFW_NOV with a pure ACK of the client's (line 5) before the RST+ACK, which now carries
 * "TS val 905 ecr 110": the server's only earlier TS val is 900, in its SYN-ACK (line 2).
 */
export const PUREACK = (() => {
  const lines = GFW_NOV.split('\n');
  lines[4] = lines[4].replace('win 0, length 0', 'win 0, options [nop,nop,TS val 905 ecr 110], length 0');
  lines.splice(4, 0, '2026-12-06 12:00:00.014990 IP 192.0.2.2.40100 > 198.51.100.2.80: Flags [.], ack 5001, win 502, options [nop,nop,TS val 114 ecr 900], length 0');
  return lines.join('\n');
})();

/**
 * The client's abort (CHAL's handshake, at the client) without timestamps on its RST+ACK (recheck 9 R1): what a macOS
 * or OpenBSD client sends, here under a Linux SYN layout (line 1), where a Linux stack would have put them on.
 */
export const CLIENT_ABORT_NOTS = [...CLIENT_SIDE_HEAD, CLIENT_ABORT.replace(', options [nop,nop,TS val 121 ecr 910]', '')].join('\n');
