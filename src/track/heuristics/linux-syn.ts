// Whether a SYN has Linux's option layout: what tells the no-answer verdict how the client treats an ICMP error.

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
