// Language-neutral tokens that depend on a connection's IP version, shared by both message catalogs: the kernel
// function, capture filter and endpoint spelling a sentence names are the same words in every language.

import type { ConnectionVerdict } from '../model/verdict';
import { ipv6Connection } from '../model/verdict';

/** Where Linux handles an ICMP error for this connection's TCP: tcp_v6_err for IPv6, tcp_v4_err for IPv4. */
export const icmpErrFn = (v: ConnectionVerdict): string => (ipv6Connection(v) ? 'tcp_v6_err' : 'tcp_v4_err');

/** The capture filter that shows the ICMP errors of this connection's IP version. */
export const icmpFilter = (v: ConnectionVerdict): string => (ipv6Connection(v) ? 'tcp or icmp6' : 'tcp or icmp');

/** The ICMP of this connection's IP version, as a filter hint names it. */
export const icmpName = (v: ConnectionVerdict): string => (ipv6Connection(v) ? 'ICMPv6' : 'ICMP');

/** An endpoint as Node prints it in its errors: an IPv6 address without brackets (`connect ECONNREFUSED ::1:80`). */
export const nodeAddr = (c: string): string => c.replace(/^\[(.*)\](:[^:]*)$/, '$1$2');
