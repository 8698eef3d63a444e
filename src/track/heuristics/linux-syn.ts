// Which stack a SYN's option layout names: Linux (how the no-answer verdict reads ICMP errors; how it aborts), FreeBSD
// and macOS (how they abort: ANSWERS NOTHING in heuristics/reset.ts).

import type { TcpOption } from '../../model/tcp-options';

/**
 * LINUX SYN LAYOUT
 * A SYN whose options are exactly `mss, sackOK, TS, nop, wscale` in this order was built by Linux (tcp_options_write:
 * MSS, then SACK-permitted packed with the timestamps, then NOP + window scale). Only this layout counts: BSD, macOS
 * and Windows order the options differently (`mss,nop,wscale,...`), and a Linux SYN without timestamps or SACK is not
 * claimed. It matters for the no-answer verdict: Linux aborts connect() on the first ICMP destination-unreachable or
 * time-exceeded in SYN_SENT (tcp_v4_err / tcp_v6_err → tcp_done_with_error), a deviation RFC 5461 documents, whereas
 * RFC 1122 §4.2.3.9 calls net and host unreachable soft errors and BSD/XNU tcp_notify keeps retrying on them. So only
 * from a Linux client do retransmitted SYNs prove that no such ICMP came back.
 */
export function linuxSynLayout(options: readonly TcpOption[] | null): boolean {
  return (
    options !== null &&
    options.length === 5 &&
    options[0].kind === 'mss' &&
    options[1].kind === 'sackOK' &&
    options[2].kind === 'ts' &&
    options[3].kind === 'nop' &&
    options[4].kind === 'wscale'
  );
}

const kindsAre = (options: readonly TcpOption[], kinds: readonly TcpOption['kind'][]): boolean =>
  options.length === kinds.length && kinds.every((k, i) => options[i].kind === k);

const FREEBSD_SYN: readonly TcpOption['kind'][] = ['mss', 'nop', 'wscale', 'sackOK', 'ts'];
const MACOS_SYN: readonly TcpOption['kind'][] = ['mss', 'nop', 'wscale', 'nop', 'nop', 'ts', 'sackOK', 'eol'];

/**
 * BSD SYN LAYOUTS
 * FreeBSD's tcp_addoptions writes a SYN's options in its TOF_ bit order with its own padding: MSS, NOP + window scale,
 * SACK-permitted, timestamps: exactly `mss, nop, wscale, sackOK, TS`. macOS and iOS (XNU tcp_output) write MSS,
 * NOP + window scale, NOP NOP + timestamps, then SACK-permitted last, padded with EOL: `mss, nop, wscale, nop, nop, TS,
 * sackOK, eol`. Windows (`mss,nop,wscale,nop,nop,sackOK`), OpenBSD and Linux differ. Both BSD stacks abort a
 * synchronized connection only through tcp_drop → tcp_output in CLOSED, whose flags are tcp_outflags[TCPS_CLOSED] =
 * TH_RST|TH_ACK (close with SO_LINGER 0, timeouts, ECONNABORTED), and send a bare RST only as the reply to an arriving
 * segment (tcp_dropwithreset: <SEQ=SEG.ACK><CTL=RST>). So a bare RST from such an end answers something, as from Linux.
 */
export function bsdSynLayout(options: readonly TcpOption[] | null): 'freebsd' | 'macos' | null {
  if (options === null) return null;
  if (kindsAre(options, FREEBSD_SYN)) return 'freebsd';
  if (kindsAre(options, MACOS_SYN)) return 'macos';
  return null;
}
