// The record types every stage passes along: one per input record, JSON Lines schema version 2 (docs/json-schema.md).

import type { Endpoint } from './endpoint';
import type { TcpOption } from './tcp-options';

export type RecordKind = 'tcp' | 'other' | 'meta' | 'text' | 'unparsed';

/** Fields on every record: where it came from, and its exact text (no character of the input is lost). */
export interface RecordBase {
  /** Schema version (docs/json-schema.md). */
  v: 2;
  kind: RecordKind;
  /** 1-based input line of the record's first character. */
  line: number;
  /** 1-based input line of its last character (> line for wrapped, -v and dump continuation lines). */
  endLine: number;
  /** 1-based column where the record starts on `line` (> 1 only for records split out of a glued line). */
  col: number;
  /** The record's input text exactly, its lines joined by "\n" (after CR/BOM/ANSI removal only). */
  raw: string;
  /** Inline commentary found between or inside glued records (`//第一个包...`), kept, never parsed. */
  comments?: string[];
}

/** `-e` link-layer header fields (Ethernet, Linux cooked v1/v2, loopback). */
export interface LinkHeader {
  /** `ether` | `sll` | `sll2` | `null` (loopback AF) | `raw` | `other` */
  type: string;
  srcMac: string | null;
  dstMac: string | null;
  /** Vendor suffixes printed without -n: `(oui Unknown)`. */
  srcOui: string | null;
  dstOui: string | null;
  /** e.g. `IPv4` and 0x0800; null when not printed. */
  ethertype: string | null;
  ethertypeCode: number | null;
  /** Frame length on the wire. */
  length: number | null;
  vlans: Array<{ id: number; priority: number; dei: boolean; ethertype: string | null }>;
  /** Cooked capture packet type (`In`, `Out`, `B`, `M`, `P`) when -e prints it (SLL v1). */
  packetType: string | null;
  /** SLL2 interface index. */
  ifindex: number | null;
}

/** `-v` IPv4 or IPv6 header summary (print-ip.c, print-ip6.c). Absent fields are null. */
export interface IpHeader {
  version: 4 | 6;
  tos: number | null;
  ttl: number | null;
  id: number | null;
  offset: number | null;
  /** IPv4 flags bracket text: `DF`, `none`, `+`, `DF+`. */
  ipFlags: string | null;
  proto: string | null;
  protoNum: number | null;
  /** IPv4 total length, IPv6 payload length. */
  length: number | null;
  flowlabel: number | null;
  hlim: number | null;
  /** IPv4 `bad cksum` notes and other extras inside the parentheses, verbatim. */
  extras: string[];
}

export interface Checksum {
  value: number;
  correct: boolean;
  /** The value tcpdump computed when the printed one is wrong (`(incorrect -> 0x6674)`). */
  expected: number | null;
}

export type Direction = 'In' | 'Out' | 'B' | 'M' | 'P' | '?';

/** Fields of any packet record (tcp or other). */
export interface PacketPrefix {
  /** `-#` packet number, or null. */
  num: number | null;
  /** Timestamp text as printed (without sign/space padding), or null (-t). */
  time: string | null;
  /** SLL2 (`-i any`) interface name, or null. */
  iface: string | null;
  direction: Direction | null;
  link: LinkHeader | null;
  ip: IpHeader | null;
}

export interface TcpRecord extends RecordBase, PacketPrefix {
  kind: 'tcp';
  /** `new` = 4.x `Flags [..]`; `old` = 3.x `S 1:1(0)`; `quiet` = `-q` `tcp N`. */
  style: 'new' | 'old' | 'quiet';
  src: Endpoint;
  dst: Endpoint;
  /** The flag text exactly as printed: bracket content for `new` ("S.", "FP.", "none"), the flag word for `old` ("S", "P", "."), "" for quiet. */
  flags: string;
  /** Numbers exactly as printed (relative or absolute: the tracker decides which); null when absent. */
  seq: number | null;
  /** Exclusive end of `seq A:B` (old style `A:B(len)`), else null. */
  end: number | null;
  ack: number | null;
  win: number | null;
  urg: number | null;
  /** TCP payload length (`length N`, old-style `(len)`, quiet `tcp N`). */
  len: number | null;
  options: TcpOption[] | null;
  cksum: Checksum | null;
  /** Text after `length N` exactly as printed (`: HTTP: GET / HTTP/1.1`, ` [RST+ BIG-IP ...]`), or null. */
  payload: string | null;
  /** The header was cut by the snap length (`[|tcp]`), or options stopped at `[bad opt]`. */
  truncated: boolean;
  /** tcpdump's own notes on the header (`bad hdr length 16 - too short, < 20`, `[bad opt]`), verbatim. */
  warnings: string[];
  /** Tab-prefixed detail lines printed under the packet (-v HTTP lines...). */
  details: string[];
  /** Hex/ASCII dump lines (-x/-X/-A). */
  dump: string[];
}

export interface OtherRecord extends RecordBase, PacketPrefix {
  kind: 'other';
  /** `UDP`, `ICMP`, `ICMP6`, `ARP`, `DNS`, `NTP`, ... or the network word when nothing better is known. */
  proto: string;
  src: Endpoint | null;
  dst: Endpoint | null;
  /** The protocol text after `SRC > DST: ` (or after `ARP, `). */
  summary: string;
  /** ICMP unreachable: the quoted transport endpoints when tcpdump printed them. */
  quoted: { proto: string; src: Endpoint | null; dst: Endpoint | null; port: number | null } | null;
  /** ICMP errors under -v: the quoted TCP header parsed like a segment (added by the grammar; optional). */
  quotedTcp?: TcpRecord;
  details: string[];
  dump: string[];
}

export type MetaKind =
  | 'command' // a pasted `tcpdump ...` shell command line
  | 'listening' // `listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes`
  | 'reading' // `reading from file x.pcap, link-type ...`
  | 'suppressed' // `verbose output suppressed, use -v[v]...`
  | 'stats' // `N packets captured` / received by filter / dropped by kernel / interface
  | 'warning' // `Warning: ...`
  | 'error' // `tcpdump: ...` error text
  | 'interrupt' // `^C`
  | 'tshark'; // tshark's one-line summary (`    1 0.000000 192.0.2.2 → 198.51.100.2 TCP 74 ...`), not tcpdump's text

export interface MetaRecord extends RecordBase {
  kind: 'meta';
  meta: MetaKind;
  iface: string | null;
  linkType: string | null;
  snaplen: number | null;
  /** reading: the savefile tcpdump -r reads (`reading from file x.pcap, ...`). */
  savefile: string | null;
  /** stats: `captured`, `received`, `dropped-kernel`, `dropped-interface` */
  stat: string | null;
  count: number | null;
  /** command: argv after `tcpdump`, and the option letters/words seen (`S`, `n`, `v`, `vv`, `e`, `X`, `tttt`, `i`, ...). */
  argv: string[] | null;
  options: Record<string, string | true> | null;
  /** command: the filter expression words. */
  filter: string | null;
}

export interface TextRecord extends RecordBase {
  kind: 'text';
  /**
   * Hex dump lines (-x/-X) of the packet on this input line, which arrived after that packet was shown (a live pipe
   * paused between a header and its dump): its dump, not prose.
   */
  dumpOf?: number;
}

export interface UnparsedRecord extends RecordBase {
  kind: 'unparsed';
  /** Why it looked like a packet line and what did not parse, in English (stable, for JSON consumers). */
  reason: string;
  /**
   * Set when the record's line is longer than tcpdump ever prints (MAX_PARSED_LINE_CHARS): its length in
   * characters. Such a line is kept and printed as written but never lexed.
   */
  tooLong?: number;
  /**
   * Set when a terminal's line wrap left a break that can be rejoined two ways (`line`: the row after the break;
   * `width`: the terminal width, 0 when unknown): no field of the record is read, none is guessed.
   */
  wrapCut?: { line: number; width: number };
}

export type LineRecord = TcpRecord | OtherRecord | MetaRecord | TextRecord | UnparsedRecord;
