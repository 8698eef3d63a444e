// Typed TCP options as tcpdump names them (print-tcp.c `tcp_option_values`, RFC 9293 §3.2, RFC 7323, RFC 2018).

/** Fields common to every option: `lenMismatch` is tcpdump's glued `[len N]` suffix. */
interface OptionBase {
  lenMismatch?: number;
}

export type TcpOption =
  | (OptionBase & { kind: 'nop' })
  | (OptionBase & { kind: 'eol' })
  | (OptionBase & { kind: 'mss'; value: number })
  | (OptionBase & { kind: 'wscale'; value: number })
  | (OptionBase & { kind: 'sackOK' })
  /** SACK edges as printed (relative unless -S, rebased like `ack`: print-tcp.c). */
  | (OptionBase & { kind: 'sack'; blocks: Array<[number, number]> })
  /** `TS val N ecr N` (4.x) or `timestamp N N` (3.x). Never rebased. */
  | (OptionBase & { kind: 'ts'; val: number; ecr: number })
  | (OptionBase & { kind: 'echo' | 'echoreply' | 'cc' | 'ccnew' | 'ccecho'; value: number })
  | (OptionBase & { kind: 'uto'; raw: string; seconds: number | null })
  /**
   * Options kept as their printed text after the name, because tcplain does not analyse their inside:
   * md5, mptcp, tfo, exp-*, tcp-ao, scps, unknown-N, malformed sack.
   */
  | (OptionBase & { kind: 'md5' | 'mptcp' | 'tfo' | 'exp' | 'tcp-ao' | 'scps' | 'unknown'; name: string; text: string })
  /** tcpdump stopped decoding options: `[bad opt]` or a snap-length cut `[|tcp]`. */
  | { kind: 'bad-opt' }
  | { kind: 'truncated'; text: string };

export type TcpOptionKind = TcpOption['kind'];

/** The timestamps option's length: kind, length, TSval, TSecr (RFC 7323 §3). */
export const TS_OPTION_BYTES = 10;
/**
 * What it takes of every segment that carries it: options end on a 32-bit boundary (RFC 9293 §3.1), so the 10 bytes
 * come with 2 NOPs (`nop,nop,TS`). A sender subtracts this from the peer's MSS (RFC 9293 §3.7.1, RFC 6691 §2).
 */
export const TS_OPTION_SPACE = Math.ceil(TS_OPTION_BYTES / 4) * 4;

export function findOption<K extends TcpOptionKind>(
  options: readonly TcpOption[] | null,
  kind: K,
): Extract<TcpOption, { kind: K }> | undefined {
  if (!options) return undefined;
  for (const o of options) if (o.kind === kind) return o as Extract<TcpOption, { kind: K }>;
  return undefined;
}
