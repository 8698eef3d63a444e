// Token types of tcpdump's text: coarse (one token per field such as `seq 1:63`), grouped in three lexer modes.
//
// Why coarse: a line of `tcpdump -n` text becomes ~12 tokens instead of ~36, which doubles lexing+parsing speed
// (docs/grammar.md). Why modes: the same characters mean different things before the address pair (the link
// header's `length 74:`), after it (the TCP `length 43: HTTP...` that swallows the payload tail) and inside
// `options [...]` / `<...>` (items that may contain spaces, braces and nested brackets: print-tcp.c, print-mptcp.c).
// The line mode is the stack's base; the address pair pushes the body mode, later changes are pop+push
// "transitions", so the stack never holds more than two modes and a newline always pops back to the line mode,
// whatever state a malformed line left behind.

import { createToken, Lexer, type TokenType } from 'chevrotain';

export const LINE_MODE = 'line';
export const BODY_MODE = 'body';
export const OPTS_MODE = 'opts';
export const OLD_MODE = 'old';

/** Char codes covering every first-char bucket of chevrotain's optimizer, except `excluded` (catch-all tokens). */
function anyCharExcept(excluded: string): number[] {
  const out: number[] = [];
  for (let c = 0; c < 256; c++) if (!excluded.includes(String.fromCharCode(c))) out.push(c);
  // chevrotain buckets char codes > 255 by 255 + floor(c / 255): one representative per bucket is enough.
  for (let c = 256; c < 65536; c += 255) out.push(c);
  out.push(65535);
  return out;
}
const DIGITS = '0123456789'.split('');
const HEX_LOWER = '0123456789abcdef'.split('');
const WS = ' \t\n\r\f\v';
/**
 * Linear lexing (issue 16): a pattern that may fail after scanning a run of characters is tried again at every
 * later token start inside that run, so an unbounded scan costs O(run²) on hostile lines (`a,a,a,...`, `[| [| ...`).
 * Every such scan is bounded by one of these lengths, far above what tcpdump prints in that place, which makes each
 * attempt O(1) and lexing O(line length).
 */
/**
 * An address (`host.port`): DNS names are at most 253 characters (RFC 1035 §2.3.4), a service name ~20 more. Like
 * Word, addresses and the other run-scanning patterns stop at blanks and commas, so none rescans a Word's run.
 */
const ADDR = '{1,320}';
/** Text inside one bracket pair (`[|tcp]`, a prompt's `[root@host dir]`, an mptcp item's `flags [..]`). */
const BRACKET = '{0,256}';

const toBody = { pop_mode: true, push_mode: BODY_MODE } as const;
const toOpts = { pop_mode: true, push_mode: OPTS_MODE } as const;
const toOld = { pop_mode: true, push_mode: OLD_MODE } as const;

// ---- shared --------------------------------------------------------------------------------------------
/** Separates records in a batch (a category: the line mode's newline, and the other modes' one that pops back). */
export const Newline = createToken({ name: 'Newline', pattern: Lexer.NA });
const LineNewline = createToken({ name: 'LineNewline', pattern: /\n/, line_breaks: true, categories: [Newline] });
const PopNewline = createToken({ name: 'PopNewline', pattern: /\n/, line_breaks: true, categories: [Newline], pop_mode: true });
/** Spaces and field commas: tcpdump's separators are re-created by formatSegment, not kept. */
export const Blank = createToken({
  name: 'Blank',
  pattern: /[ \t\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff,]+/,
  group: Lexer.SKIPPED,
});
/**
 * `SRC > DST:` as one token (print-tcp.c `tcp_print` prints both endpoints, then `: `). The colon must be followed
 * by a blank or the end, so IPv6 colons and MAC pairs (`a > b, ethertype`) never match.
 */
export const AddrPair = createToken({ name: 'AddrPair', pattern: Lexer.NA });
const addrPairPattern = new RegExp(`[^\\s>,]${ADDR} > [^\\s,]${ADDR}?:(?=\\s)`);
const LineAddrPair = createToken({
  name: 'LineAddrPair',
  pattern: addrPairPattern,
  start_chars_hint: anyCharExcept(WS + '>'),
  categories: [AddrPair],
  push_mode: BODY_MODE,
});
/** An encapsulated packet's pair (GRE, VXLAN, Geneve): already in body mode, so a transition. */
const InnerAddrPair = createToken({
  name: 'InnerAddrPair',
  pattern: addrPairPattern,
  start_chars_hint: anyCharExcept(WS + '>'),
  categories: [AddrPair],
  ...toBody,
});
/**
 * The everyday head of a packet line, `11:24:52.389447 IP 192.0.2.2.34834 > 198.51.100.2.81:` (time of day or a
 * `-ttt` delta, the network word, the address pair), as one token of the AddrPair category: three tokens fewer to
 * match and three grammar steps fewer for most lines of `tcpdump -n` text (measured: +15 % parse rate). Any other
 * head (-tttt, -tt, -#, -e, -v, -i any) fails here at once and goes through the separate tokens.
 */
export const PacketHead = createToken({
  name: 'PacketHead',
  pattern: new RegExp(`-?\\d{1,20}:\\d\\d:\\d\\d\\.\\d{1,9} IP6? [^\\s>,]${ADDR} > [^\\s,]${ADDR}?:(?=\\s)`),
  start_chars_hint: ['-', ...DIGITS],
  categories: [AddrPair],
  push_mode: BODY_MODE,
});
/** Anything else: prose words, protocol summaries, unknown encapsulations. */
export const Word = createToken({ name: 'Word', pattern: /[^\s,]+/, start_chars_hint: anyCharExcept(WS + ',') });

// ---- line mode: what precedes the address pair -----------------------------------------------------------
const restOfLine = '[^\\n]*';
/** A pasted shell command: optional prompt (`[root@Cwg ~]# `, `~ # `, `$ `), optional sudo, `tcpdump ...`. */
export const CommandLine = createToken({
  name: 'CommandLine',
  pattern: new RegExp(`(?:(?:\\[[^\\]\\n]${BRACKET}\\]|[^\\s#$%>,]{0,256})[ \\t]?[#$%>][ \\t]+)?(?:sudo[ \\t]+)?tcpdump(?=\\s)${restOfLine}`),
  // Not digits: a prompt never starts with one, and every timestamp and packet number does.
  start_chars_hint: anyCharExcept(WS + '0123456789'),
});
export const Listening = createToken({
  name: 'Listening',
  pattern: new RegExp(`(?:tcpdump: )?listening on ${restOfLine}`),
  start_chars_hint: ['t', 'l'],
});
export const Reading = createToken({ name: 'Reading', pattern: new RegExp(`reading from file ${restOfLine}`) });
export const Suppressed = createToken({
  name: 'Suppressed',
  pattern: new RegExp(`(?:tcpdump: )?verbose output suppressed${restOfLine}`),
  start_chars_hint: ['t', 'v'],
});
export const Stats = createToken({
  name: 'Stats',
  pattern: new RegExp(`(?:tcpdump: )?\\d+ packets? (?:captured|received by filter|dropped by kernel|dropped by interface)${restOfLine}`),
  start_chars_hint: ['t', ...DIGITS],
});
export const WarningLine = createToken({ name: 'WarningLine', pattern: new RegExp(`Warning: ${restOfLine}`) });
export const TcpdumpMessage = createToken({ name: 'TcpdumpMessage', pattern: new RegExp(`tcpdump: ${restOfLine}`) });
export const Interrupt = createToken({ name: 'Interrupt', pattern: /\^C/ });

/** `-tttt`: date and time of day. */
// Timestamps, the packet number and the network word take their trailing blank along: one token match fewer each.
export const DateTime = createToken({ name: 'DateTime', pattern: /\d{4}-\d\d-\d\d \d+:\d\d:\d\d\.\d+ ?/, start_chars_hint: DIGITS });
/** Time of day, or a `-ttt`/`-ttttt` delta (a leading `-` when older than the reference: print.c). */
export const TimeOfDay = createToken({ name: 'TimeOfDay', pattern: /-?\d+:\d\d:\d\d\.\d+ ?/, start_chars_hint: ['-', ...DIGITS] });
/** `-tt`: Unix seconds.fraction (µs or ns); at least 6 digits each side, so prose `1.1 运行容器` is not one. */
export const EpochTime = createToken({ name: 'EpochTime', pattern: /\d{6,}\.\d{6,9}[ \t]/, start_chars_hint: DIGITS });
/** 4.99.6+ marks an out-of-range fraction: ` (invalid us)`. */
export const InvalidTime = createToken({ name: 'InvalidTime', pattern: /\(invalid [un]s\)/ });
/** `-#`: right-aligned number followed by two spaces (print.c). */
export const PacketNum = createToken({ name: 'PacketNum', pattern: /\d+ {2,}/, start_chars_hint: DIGITS });
/** Linux cooked v2 interface name (left-justified, 5 columns) and packet type (3 columns): `lo    Out `. */
export const IfaceDir = createToken({
  name: 'IfaceDir',
  pattern: /[^\s,]{1,64} +(?:In|Out|B|M|P|\?)(?= )/,
  start_chars_hint: anyCharExcept(WS),
});
/** Linux cooked v1 `-e` packet type before the link address (print-sll.c). */
export const SllDir = createToken({ name: 'SllDir', pattern: /(?:In|Out|B|M|P)(?= [0-9a-f]{2}:)/, start_chars_hint: ['I', 'O', 'B', 'M', 'P'] });
/** `-v` IP header summary in parentheses, one nesting level (`proto TCP (6)`, `tos 0x2,ECT(0)`). */
export const IpHeader = createToken({
  name: 'IpHeader',
  pattern: /\((?:tos|ttl|flowlabel|class|hlim|pri|id) (?:[^()\n]|\([^()\n]*\))*\)/,
  start_chars_hint: ['('],
});
export const Mac = createToken({ name: 'Mac', pattern: /[0-9a-f]{2}(?::[0-9a-f]{2}){5}(?![\w:])/, start_chars_hint: HEX_LOWER });
export const Oui = createToken({ name: 'Oui', pattern: /\(oui [^)\n]{0,64}\)/ });
export const Gt = createToken({ name: 'Gt', pattern: />/ });
export const Ethertype = createToken({ name: 'Ethertype', pattern: /ethertype [^\s,]+(?: \(0x[0-9a-f]+\))?/ });
/** The link layer's frame length, which ends the link header: `length 74: `. */
export const LinkLength = createToken({ name: 'LinkLength', pattern: /length \d+:/ });
export const Vlan = createToken({ name: 'Vlan', pattern: /vlan \d+, p \d+(?:, DEI)?/ });
export const Ifindex = createToken({ name: 'Ifindex', pattern: /ifindex \d+/ });
/** BSD loopback address family (print-null.c): `AF IPv4 (2)`. */
export const LoopbackAf = createToken({ name: 'LoopbackAf', pattern: /AF \S{1,32} \(\d+\)/ });
/** The network-layer word: `IP`, `IP6`, and raw-IP `-e` `ip:` (print-raw.c). */
export const NetWord = createToken({ name: 'NetWord', pattern: /(?:IP6?|ip:)[ \t]/, start_chars_hint: ['I', 'i'] });

// ---- body mode: after `SRC > DST:` ------------------------------------------------------------------------
/** 4.x flags, in print-tcp.c's fixed order (`tcp_flag_values`); `none` when no bit is set. */
/**
 * The fixed fields after `Flags [..]`, up to the window: `, cksum .. (correct), seq 1:44, ack 1, win 502, urg 3`
 * (print-tcp.c prints them in this order, each optional but `win`).
 */
const SEG_FIELDS =
  '(?:, cksum 0x[0-9a-f]+ \\((?:correct|incorrect -> 0x[0-9a-f]+)\\))?(?:, seq \\d+(?::\\d+)?)?(?:, (?:ack \\d+|\\[ack \\d+ != 0 while ACK flag not set\\]))?, win \\d+(?:, (?:urg \\d+|\\[urg \\d+ != 0 while URG flag not set\\]))?';
/**
 * 4.x flags, in print-tcp.c's fixed order (`tcp_flag_values`), `none` when no bit is set — with the fixed
 * fields that follow them when they are all there (one token instead of two: most lines have them).
 */
export const TcpFlags = createToken({
  name: 'TcpFlags',
  pattern: new RegExp(` ?Flags \\[(?:none|F?S?R?P?\\.?U?E?W?e?)\\](?:${SEG_FIELDS})?`),
  start_chars_hint: [' ', 'F'],
});
/** The same fields when something sits between them and the flags (`[bad hdr length ..]`). */
export const SegFields = createToken({ name: 'SegFields', pattern: new RegExp(SEG_FIELDS), start_chars_hint: [','] });
const SIMPLE_OPTION = '(?:nop|mss \\d+|sackOK|TS val \\d+ ecr \\d+|wscale \\d+|eol|sack \\d+ (?:\\{\\d+:\\d+\\})+)';
/**
 * A whole `options [...]` list made only of the everyday options (mss, nop, sackOK, TS, wscale, eol, sack): the
 * list Linux and most stacks send, as one token. Any other list goes through the opts mode item by item.
 */
export const SimpleOptions = createToken({
  name: 'SimpleOptions',
  pattern: new RegExp(`, options \\[${SIMPLE_OPTION}(?:,${SIMPLE_OPTION})*\\]`),
  start_chars_hint: [','],
});
/**
 * The same list followed by the length field and payload tail (`, options [nop,nop,TS val 1 ecr 2], length 1448`),
 * the usual end of a Linux segment line: one token instead of two (measured: +5 % parse rate).
 */
export const SimpleOptionsLength = createToken({
  name: 'SimpleOptionsLength',
  pattern: new RegExp(`, options \\[${SIMPLE_OPTION}(?:,${SIMPLE_OPTION})*\\], length \\d+[^\\n]*`),
  start_chars_hint: [','],
});
/**
 * The whole everyday 4.x segment as one token: flags, the fixed fields, an everyday options list or none, the
 * length and the payload tail (`Flags [.], seq 1:1449, ack 1, win 502, options [nop,nop,TS val 1 ecr 2], length
 * 1448`). One token and one grammar step instead of two or three of each on nearly every line; anything else
 * (other options, a truncation, a note between the fields) fails here and goes through the tokens below.
 */
export const SegmentLine = createToken({
  name: 'SegmentLine',
  pattern: new RegExp(
    ` ?Flags \\[(?:none|F?S?R?P?\\.?U?E?W?e?)\\]${SEG_FIELDS}(?:, options \\[${SIMPLE_OPTION}(?:,${SIMPLE_OPTION})*\\])?, length \\d+[^\\n]*`,
  ),
  start_chars_hint: [' ', 'F'],
});
/** `cksum 0x1421 (correct)`, `(incorrect -> 0x6674)`, 3.9's unbalanced `(incorrect (-> 0x6674)`. */
export const Cksum = createToken({
  name: 'Cksum',
  pattern: /cksum 0x[0-9a-f]+ \((?:correct|incorrect -> 0x[0-9a-f]+|incorrect \(-> 0x[0-9a-f]+)\)/,
});
export const Seq = createToken({ name: 'Seq', pattern: /seq \d+(?::\d+)?/ });
export const Ack = createToken({ name: 'Ack', pattern: /ack \d+/ });
export const Win = createToken({ name: 'Win', pattern: /win \d+/ });
export const Urg = createToken({ name: 'Urg', pattern: /urg \d+/ });
/** 4.99.6+ `-vv`: `[ack 123 != 0 while ACK flag not set]`. */
export const FieldNote = createToken({ name: 'FieldNote', pattern: /\[(?:ack|urg) \d+ != 0 while (?:ACK|URG) flag not set\]/ });
export const OptionsOpen = createToken({ name: 'OptionsOpen', pattern: /(?:, )?options \[/, start_chars_hint: [',', 'o'], ...toOpts });
export const OldOptionsOpen = createToken({ name: 'OldOptionsOpen', pattern: /</, ...toOpts });
/** The body-mode copy of the -v IP header: an encapsulated packet's (VXLAN, Geneve) inner header on the same line. */
export const InnerIpHeader = createToken({
  name: 'InnerIpHeader',
  pattern: /\((?:tos|ttl|flowlabel|class|hlim|pri|id) (?:[^()\n]|\([^()\n]*\))*\)/,
  start_chars_hint: ['('],
});
/** `length N` and everything after it on the line (the payload summary: `: HTTP: GET / HTTP/1.1`, ` [RST ...]`). */
export const Length = createToken({ name: 'Length', pattern: /(?:, )?length \d+[^\n]*/, start_chars_hint: [',', 'l'] });
/** A header whose data offset is too small: `tcp 4 [bad hdr length 16 - too short, < 20]`. */
export const BadHeader = createToken({
  name: 'BadHeader',
  pattern: /tcp \d+ \[bad hdr length \d+ - too (?:short|long), [<>] \d+\](?: \(invalid\))?/,
});
/** Data offset larger than the segment, printed right after the flags. */
export const HeaderTooLong = createToken({ name: 'HeaderTooLong', pattern: /\[bad hdr length \d+ - too long, > \d+\](?: \(invalid\))?/ });
/** `-q`: `tcp 43`. */
export const Quiet = createToken({ name: 'Quiet', pattern: /tcp \d+/ });
/** Snap-length cut: `[|tcp]` and whatever follows on the line. */
export const Truncation = createToken({ name: 'Truncation', pattern: new RegExp(`\\[\\|[^\\]\\n]${BRACKET}\\][^\\n]*`) });
/** Pre-4.0 flag word: `.` means none of S/F/R/P/W/E (tcpdump 3.x print-tcp.c). */
export const OldFlags = createToken({
  name: 'OldFlags',
  pattern: /(?:[SFRPWE]+|\.)(?=[ ,])/,
  start_chars_hint: ['S', 'F', 'R', 'P', 'W', 'E', '.'],
  ...toOld,
});
/** Pre-4.0 `first:last(len)`. */
export const OldRange = createToken({ name: 'OldRange', pattern: /\d+:\d+\(\d+\)/, start_chars_hint: DIGITS });
export const OldSumOk = createToken({ name: 'OldSumOk', pattern: /\[tcp sum ok\]/ });
export const OldBadSum = createToken({ name: 'OldBadSum', pattern: /\[bad tcp cksum [0-9a-f]+(?: \(->[0-9a-f]+\))?!\]/ });
/** Pre-4.0 application summary after the options or window: `: BGP, length: 121` (old mode only). */
export const OldTail = createToken({ name: 'OldTail', pattern: /:[^\n]*/ });
/** `]` after `[bad opt]` when at least one option preceded it. */
export const StrayBracket = createToken({ name: 'StrayBracket', pattern: /\]/ });

// ---- opts mode: inside `options [...]` / `<...>` -----------------------------------------------------------
/** Item separator `,` (the seed-000 paste adds a space after it; a re-joined wrap may add one before it). */
export const OptSep = createToken({ name: 'OptSep', pattern: /[ \t]*,[ \t]*/, group: Lexer.SKIPPED, start_chars_hint: [' ', '\t', ','] });
const item = (name: string, re: string) =>
  createToken({ name, pattern: new RegExp(`${re}(?![^,\\]\\[>\\s])`) });
export const OptMss = item('OptMss', 'mss \\d+');
export const OptWscale = item('OptWscale', 'wscale \\d+');
export const OptSackOk = item('OptSackOk', 'sackOK');
export const OptTs = item('OptTs', 'TS val \\d+ ecr \\d+');
export const OptTimestamp = item('OptTimestamp', 'timestamp \\d+ \\d+');
export const OptSack = item('OptSack', 'sack \\d+ (?:\\{\\d+:\\d+\\})+');
export const OptNop = item('OptNop', 'nop');
export const OptEol = item('OptEol', 'eol');
export const OptNumeric = createToken({
  name: 'OptNumeric',
  pattern: /(?:echoreply|echo|ccnew|ccecho|cc) \d+(?![^,\]\[>\s])/,
  start_chars_hint: ['e', 'c'],
});
export const OptUto = item('OptUto', 'uto 0x[0-9a-f]+(?: \\d+)?');
/** md5 built with OpenSSL: the text contains `, ` (print-tcp.c `print_tcp_rst_data`-era wording). */
export const OptMd5Message = createToken({ name: 'OptMd5Message', pattern: /md5 shared secret not supplied with -M, can't check - [0-9a-f]*/ });
/** Glued length mismatch: `wscale 7[len 4]`. */
export const OptLenMismatch = createToken({ name: 'OptLenMismatch', pattern: /\[len \d+\]/ });
/** Option decoding stopped; the segment's printing stops too (no `length` follows). */
export const OptBad = createToken({ name: 'OptBad', pattern: /\[bad opt\]\]?/, ...toBody });
export const OptTruncation = createToken({
  name: 'OptTruncation',
  pattern: new RegExp(`[ \\t]*\\[\\|[^\\]\\n]${BRACKET}\\]>?`),
  start_chars_hint: [' ', '\t', '['],
  ...toBody,
});
export const OptClose = createToken({ name: 'OptClose', pattern: /\]/, ...toBody });
/** `], length N<tail>`: the list's end and the length field in one token (the most common option ending). */
export const OptCloseLength = createToken({ name: 'OptCloseLength', pattern: /\], length \d+[^\n]*/, ...toBody });
/** The 3.x list's `>` returns to the old mode, where an application summary (`: BGP`) may follow. */
export const OldOptClose = createToken({ name: 'OldOptClose', pattern: />/, ...toOld });
/** Any other item, kept as text: md5, mptcp (with nested `flags [..]`), tfo, exp-*, tcp-ao, scps, unknown-N. */
export const OptItem = createToken({
  name: 'OptItem',
  pattern: new RegExp(`[^,\\[\\]\\n>]+(?:\\[(?!bad opt\\]|len \\d|\\|)[^\\]\\n]{0,64}\\][^,\\[\\]\\n>]*)*`),
  start_chars_hint: anyCharExcept(',[]\n>'),
});

/** master's jumbo/BIG-TCP note between the IPv6 header and the transport (print-ip6.c). */
export const BigTcpNote = createToken({ name: 'BigTcpNote', pattern: /\[real length \d+, presumed BIG TCP\]/ });

const lineMode: TokenType[] = [
  LineNewline, Blank,
  // Most frequent first (timestamps, `IP`, the address pair): every token start tries the candidates for its first
  // char in order, so the pair goes before the rarer digit-led tokens it can never be confused with (each failed
  // attempt on `192.0.2.2.34834 > ...` was a regex run per line).
  PacketHead, TimeOfDay, NetWord, LineAddrPair, DateTime, EpochTime, PacketNum,
  CommandLine, Listening, Reading, Suppressed, Stats, WarningLine, TcpdumpMessage, Interrupt, InvalidTime,
  IpHeader, BigTcpNote, Oui, Mac, Gt, Ethertype, LinkLength, Vlan, Ifindex, LoopbackAf, SllDir, IfaceDir,
  Word,
];
const bodyMode: TokenType[] = [
  // Before Blank: these start with the blank or comma that separates them from the previous field.
  PopNewline, SegmentLine, TcpFlags, SimpleOptionsLength, SimpleOptions, Length, SegFields, OptionsOpen, Blank,
  Cksum, Seq, Ack, Win, Urg, FieldNote, InnerIpHeader, BigTcpNote,
  BadHeader, HeaderTooLong, Quiet, Truncation, OldFlags, StrayBracket,
  InnerAddrPair, Word,
];
const oldMode: TokenType[] = [
  PopNewline, Blank,
  Cksum, OldSumOk, OldBadSum, OldRange, Ack, Win, Urg, OldOptionsOpen, Truncation, OldTail,
  InnerAddrPair, Word,
];
const optsMode: TokenType[] = [
  PopNewline, OptSep,
  OptMd5Message, OptMss, OptWscale, OptSackOk, OptTs, OptTimestamp, OptSack, OptNop, OptEol, OptNumeric, OptUto,
  OptLenMismatch, OptBad, OptTruncation, OptCloseLength, OptClose, OldOptClose,
  OptItem,
];

export const lexerDefinition = {
  modes: { [LINE_MODE]: lineMode, [BODY_MODE]: bodyMode, [OPTS_MODE]: optsMode, [OLD_MODE]: oldMode },
  defaultMode: LINE_MODE,
};

/** Every token type once (the parser's vocabulary). */
export const allTokens: TokenType[] = [Newline, AddrPair, ...new Set([...lineMode, ...bodyMode, ...oldMode, ...optsMode])];

/** Concrete token types that only stand for a category (excluded from "any token" alternatives). */
export const categoryMembers: TokenType[] = [LineNewline, PopNewline, LineAddrPair, InnerAddrPair, PacketHead];
