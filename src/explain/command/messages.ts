// The shape of the `tcplain cmd` catalogs (locales/cmd-en.ts, cmd-zh-CN.ts): one message per option, advice, filter part.

import type { FilterDir, FilterIssue, FilterIssueCode, FilterType, RelOp } from '../../../grammar/pcap-filter/index';
import type { AdviceCode, CommandAdvice } from './advice';
import type { CommandProblemCode } from './parse-command';
import type { OptionKey } from './tcpdump-options';

export interface OptionUse {
  count: number;
  arg: string | null;
}

/** A primitive in words: the parts each language orders its own way. */
export interface PrimitiveWords {
  type: FilterType;
  dir: FilterDir | null;
  /** Protocol qualifier as written (`ip`, `tcp`, `ether`), or null. */
  proto: string | null;
  value: string;
  valueKind: string;
  /** Service name for a port (`telnet`, `ddi-tcp-1`), or the port for a service name (`ftp-data` → 20). */
  service: string | null;
  /** For `net`: the prefix it implies (`/32` for a dotted quad, `/16` for `128.3`). */
  prefix: number | null;
  /** Qualifiers repeated from the previous primitive (`host a or b`). */
  inherited: boolean;
  negated: boolean;
}

export interface LoadWords {
  proto: string;
  offset: string;
  size: number;
  /** The header field it reads when it is a well-known one (catalog key). */
  field: FieldName | null;
}

export type FieldName =
  | 'ip.vhl' | 'ip.tos' | 'ip.len' | 'ip.id' | 'ip.frag' | 'ip.ttl' | 'ip.proto' | 'ip.dst0' | 'ip.src' | 'ip.dst'
  | 'tcp.sport' | 'tcp.dport' | 'tcp.seq' | 'tcp.ack' | 'tcp.off' | 'tcp.flags' | 'tcp.win'
  | 'udp.sport' | 'udp.dport' | 'udp.len'
  | 'icmp.type' | 'icmp.code' | 'icmp6.type' | 'icmp6.code' | 'ether.dst0';

export interface CmdMessages {
  heading: {
    command: string;
    options: string;
    noOptions: string;
    filter: string;
    noFilter: string;
    readsAs: string;
    advice: string;
    recipe: string;
    why: string;
    problems: string;
  };
  option: { [K in OptionKey]: (o: OptionUse) => string };
  advice: { [C in AdviceCode]: (a: Extract<CommandAdvice, { code: C }>) => string };
  problem: { [C in CommandProblemCode]: (p: { text: string }) => string };
  filter: {
    allOf: string;
    anyOf: string;
    not: (inner: string) => string;
    primitive: (p: PrimitiveWords) => string;
    protocol: (proto: string) => string;
    relation: (p: { left: string; op: RelOp; right: string }) => string;
    flags: (p: { mode: 'any' | 'all' | 'exactly' | 'none'; names: string[]; negated: boolean }) => string;
    load: (l: LoadWords) => string;
    len: string;
    field: { [F in FieldName]: string };
    special: (p: { name: string; proto: string | null; args: string[] }) => string;
    inherited: (quals: string) => string;
  };
  issue: { [C in FilterIssueCode]: (i: FilterIssue) => string };
  /** Words of the diagrams and the Markdown handout (src/report/format-*.ts). */
  report: {
    /** What follows a label: `: ` in English, `：` in Chinese. */
    sep: string;
    connection: (p: { conn: string; client: string; server: string }) => string;
    omitted: (n: number) => string;
    /** A huge connection's diagram keeps its first and last rows: said where the cut is. */
    omittedMiddle: (p: { first: number; last: number; omitted: number }) => string;
    /** A chosen range (`--rows`) left the connection's later segments out. */
    omittedAfter: (n: number) => string;
    /** `--slant`: a long quiet gap between two rows, drawn shorter than the time scale says (`2.002 s`). */
    gap: (duration: string) => string;
    /** `--slant` on one capture: what the vertical axis is, its scale, and why arrows stay level. */
    timeScale: (p: { unit: string; px: number; cut: string }) => string;
    /** The SVG legend: what a line style, a mark and a colour mean. */
    legend: {
      title: string;
      segment: string;
      ack: string;
      rst: string;
      state: string;
      error: string;
      warning: string;
      note: string;
    };
    verdict: string;
    nextStep: string;
    appSaw: string;
    stats: string;
    diagram: string;
    log: string;
    line: string;
    packet: string;
    notes: string;
    noConnections: string;
    redacted: string;
    generated: string;
    connections: string;
  };
  recipe: {
    pairIntro: string;
    pairClient: string;
    pairServer: string;
    pairThen: string;
    liveIntro: string;
    why: { l: string; nn: string; tttt: string; v: string; S: string; i: string; filter: string; tee: string };
    missing: (flags: string[]) => string;
  };
}
