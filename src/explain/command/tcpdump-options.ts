// tcpdump's command-line options (tcpdump.c SHORTOPTS and longopts, tcpdump(1)): letter, long names, argument.

export type OptionArg = 'none' | 'required';

export interface TcpdumpOptionSpec {
  /** Catalog key: the short letter, or the long name for long-only options. */
  key: OptionKey;
  short: string | null;
  long: readonly string[];
  arg: OptionArg;
  /** Repeating it means more (`-vv`, `-ttt`, `-xx`, `-ddd`). */
  counts: boolean;
}

export const OPTION_KEYS = [
  'a', 'A', 'b', 'B', 'c', 'C', 'd', 'D', 'e', 'E', 'f', 'F', 'G', 'h', 'H', 'i', 'I', 'j', 'J', 'K', 'l', 'L', 'm', 'M',
  'g', 'n', 'N', 'O', 'p', 'q', 'Q', 'r', 's', 'S', 't', 'T', 'u', 'U', 'v', 'V', 'w', 'W', 'x', 'X', 'y', 'Y', 'z', 'Z', '#',
  'count', 'immediate-mode', 'time-stamp-precision', 'micro', 'nano', 'print', 'version',
  'fp-type', 'print-sampling', 'skip', 'list-remote-interfaces', 'lengths',
] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

const spec = (key: OptionKey, arg: OptionArg, long: string[] = [], counts = false): TcpdumpOptionSpec => ({
  key,
  short: key.length === 1 ? key : null,
  long,
  arg,
  counts,
});

/**
 * tcpdump 4.99 SHORTOPTS "aAbB:c:C:dDeE:fF:G:hHi:Ij:JKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#" and its longopts,
 * plus what tcpdump 5.0 added (`-g`, `--skip`) since the corpus' expected outputs come from it.
 */
export const TCPDUMP_OPTIONS: readonly TcpdumpOptionSpec[] = [
  spec('a', 'none'),
  spec('A', 'none', [], true),
  spec('b', 'none'),
  spec('B', 'required', ['buffer-size']),
  spec('c', 'required'),
  spec('C', 'required'),
  spec('d', 'none', [], true),
  spec('D', 'none', ['list-interfaces']),
  spec('e', 'none'),
  spec('E', 'required'),
  spec('f', 'none'),
  spec('F', 'required'),
  spec('G', 'required'),
  spec('h', 'none', ['help']),
  spec('H', 'none'),
  spec('i', 'required', ['interface']),
  spec('I', 'none', ['monitor-mode']),
  spec('j', 'required', ['time-stamp-type']),
  spec('J', 'none', ['list-time-stamp-types']),
  spec('K', 'none', ['dont-verify-checksums']),
  spec('l', 'none'),
  spec('L', 'none', ['list-data-link-types']),
  spec('m', 'required'),
  spec('M', 'required'),
  // tcpdump 5.0: keep the -v IP header on the packet's line.
  spec('g', 'none', ['ip-oneline']),
  spec('n', 'none', [], true),
  spec('N', 'none'),
  spec('O', 'none', ['no-optimize']),
  spec('p', 'none', ['no-promiscuous-mode']),
  spec('q', 'none'),
  spec('Q', 'required', ['direction']),
  spec('r', 'required'),
  spec('s', 'required', ['snapshot-length']),
  spec('S', 'none', ['absolute-tcp-sequence-numbers']),
  spec('t', 'none', [], true),
  spec('T', 'required'),
  spec('u', 'none'),
  spec('U', 'none', ['packet-buffered']),
  spec('v', 'none', [], true),
  spec('V', 'required'),
  spec('w', 'required'),
  spec('W', 'required'),
  spec('x', 'none', [], true),
  spec('X', 'none', [], true),
  spec('y', 'required', ['linktype']),
  spec('Y', 'none', ['debug-filter-parser']),
  spec('z', 'required'),
  spec('Z', 'required', ['relinquish-privileges']),
  spec('#', 'none', ['number']),
  spec('count', 'none', ['count']),
  spec('immediate-mode', 'none', ['immediate-mode']),
  spec('time-stamp-precision', 'required', ['time-stamp-precision']),
  spec('micro', 'none', ['micro']),
  spec('nano', 'none', ['nano']),
  spec('print', 'none', ['print']),
  spec('version', 'none', ['version']),
  spec('fp-type', 'none', ['fp-type']),
  spec('print-sampling', 'required', ['print-sampling']),
  // tcpdump 5.0: skip the first N packets of the input.
  spec('skip', 'required', ['skip']),
  spec('list-remote-interfaces', 'required', ['list-remote-interfaces']),
  // tcpdump 5.0 (tests dns_*--lengths): also print the length fields of protocols such as DNS.
  spec('lengths', 'none', ['lengths']),
];

export const OPTION_BY_SHORT: ReadonlyMap<string, TcpdumpOptionSpec> = new Map(
  TCPDUMP_OPTIONS.filter((o) => o.short !== null).map((o) => [o.short!, o]),
);

/** getopt_long: an exact long name, or an unambiguous prefix of one (`--num` → `--number`). */
export function findLongOption(name: string): { spec: TcpdumpOptionSpec; long: string } | { ambiguous: string[] } | null {
  const all = TCPDUMP_OPTIONS.flatMap((o) => o.long.map((long) => ({ spec: o, long })));
  const exact = all.find((x) => x.long === name);
  if (exact) return exact;
  const prefixed = all.filter((x) => x.long.startsWith(name));
  if (prefixed.length === 1) return prefixed[0];
  if (prefixed.length > 1) return { ambiguous: prefixed.map((x) => x.long) };
  return null;
}
