// Chevrotain token types of the pcap-filter language (libpcap scanner.l), words classified by longest match.

import { createToken, Lexer, type CustomPatternMatcherReturn, type TokenType } from 'chevrotain';
import { KEYWORDS, scanWord, type WordMatch } from './scan-word';

let cacheText = '';
let cacheOffset = -1;
let cacheMatch: WordMatch | null = null;

/** Every word token tries the same offset in turn: classify it once. */
function wordAt(text: string, offset: number): WordMatch | null {
  if (text !== cacheText || offset !== cacheOffset) {
    cacheText = text;
    cacheOffset = offset;
    cacheMatch = scanWord(text, offset);
  }
  return cacheMatch;
}

const WORD_START = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  '$',
  '\\',
  ':',
];

function wordToken(name: string, accepts: (m: WordMatch) => boolean, categories: TokenType[] = []): TokenType {
  return createToken({
    name,
    pattern: {
      exec: (text: string, offset: number): CustomPatternMatcherReturn | null => {
        const m = wordAt(text, offset);
        if (m === null || !accepts(m)) return null;
        const result = [text.slice(offset, offset + m.length)] as CustomPatternMatcherReturn;
        result.payload = m;
        return result;
      },
    },
    line_breaks: false,
    start_chars_hint: WORD_START,
    categories,
  });
}

/** A keyword token: the words scanner.l maps to the same yacc token (`ether`, `tcp`... are all PName). */
function keyword(name: string, categories: TokenType[] = []): TokenType {
  return wordToken(name, (m) => m.kind === 'keyword' && KEYWORDS[m.keyword!] === name, categories);
}

// Categories: one CONSUME matches the word and the symbol spelling (`and`/`&&`, `or`/`||`, `not`/`!`).
export const And = createToken({ name: 'And', pattern: Lexer.NA });
export const Or = createToken({ name: 'Or', pattern: Lexer.NA });
export const Not = createToken({ name: 'Not', pattern: Lexer.NA });

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });

export const Dst = keyword('Dst');
export const Src = keyword('Src');
export const WlanAddr = keyword('WlanAddr');
export const PName = keyword('PName');
export const Host = keyword('Host');
export const Net = keyword('Net');
export const Mask = keyword('Mask');
export const Port = keyword('Port');
export const Portrange = keyword('Portrange');
export const Proto = keyword('Proto');
export const Protochain = keyword('Protochain');
export const Gateway = keyword('Gateway');
export const Type = keyword('Type');
export const Subtype = keyword('Subtype');
export const Dir = keyword('Dir');
export const Less = keyword('Less');
export const Greater = keyword('Greater');
export const Byte = keyword('Byte');
export const Broadcast = keyword('Broadcast');
export const Multicast = keyword('Multicast');
export const AndWord = keyword('AndWord', [And]);
export const OrWord = keyword('OrWord', [Or]);
export const NotWord = keyword('NotWord', [Not]);
export const Len = keyword('Len');
export const Inbound = keyword('Inbound');
export const Outbound = keyword('Outbound');
export const Ifindex = keyword('Ifindex');
export const Vlan = keyword('Vlan');
export const Mpls = keyword('Mpls');
export const Pppoed = keyword('Pppoed');
export const Pppoes = keyword('Pppoes');
export const Geneve = keyword('Geneve');
export const Vxlan = keyword('Vxlan');
export const AtmType = keyword('AtmType');
export const AtmMulti = keyword('AtmMulti');
export const AtmField = keyword('AtmField');
export const Llc = keyword('Llc');
export const PfName = keyword('PfName');
export const PfNum = keyword('PfNum');
export const PfReason = keyword('PfReason');
export const PfAction = keyword('PfAction');
export const Mtp2Type = keyword('Mtp2Type');
export const Mtp3Field = keyword('Mtp3Field');

/** NUM: decimal, 0x hex, 0 octal, or a named value (`tcpflags`, `tcp-syn`, `icmp-echo`). */
export const Num = wordToken('Num', (m) => m.kind === 'num' || m.kind === 'named-num');
/** HID: dotted IPv4 forms `a.b`, `a.b.c`, `a.b.c.d`. */
export const Hid = wordToken('Hid', (m) => m.kind === 'hid');
export const Hid6 = wordToken('Hid6', (m) => m.kind === 'hid6');
/** EID: a MAC address (also a malformed one, which libpcap rejects as "bogus ethernet address"). */
export const Eid = wordToken('Eid', (m) => m.kind === 'eid' || m.kind === 'bogus-eid');
/** AID: ARCnet `$xx`. */
export const Aid = wordToken('Aid', (m) => m.kind === 'aid');
/** ID: a name (`www.baidu.com`, `ftp-data`, `6000-6008`), or `\name` escaping a keyword. */
export const Id = wordToken('Id', (m) => m.kind === 'id' || m.kind === 'escaped-id');

export const AndSym = createToken({ name: 'AndSym', pattern: /&&/, categories: [And] });
export const OrSym = createToken({ name: 'OrSym', pattern: /\|\|/, categories: [Or] });
export const Ge = createToken({ name: 'Ge', pattern: />=/ });
export const Le = createToken({ name: 'Le', pattern: /<=/ });
export const Ne = createToken({ name: 'Ne', pattern: /!=/ });
export const Eq = createToken({ name: 'Eq', pattern: /==?/ });
export const Shl = createToken({ name: 'Shl', pattern: /<</ });
export const Shr = createToken({ name: 'Shr', pattern: />>/ });
export const Bang = createToken({ name: 'Bang', pattern: /!/, categories: [Not] });
export const Gt = createToken({ name: 'Gt', pattern: />/ });
export const Lt = createToken({ name: 'Lt', pattern: /</ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Slash = createToken({ name: 'Slash', pattern: /\// });
export const Plus = createToken({ name: 'Plus', pattern: /\+/ });
export const Minus = createToken({ name: 'Minus', pattern: /-/ });
export const Star = createToken({ name: 'Star', pattern: /\*/ });
export const Percent = createToken({ name: 'Percent', pattern: /%/ });
export const Amp = createToken({ name: 'Amp', pattern: /&/ });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/ });
export const Caret = createToken({ name: 'Caret', pattern: /\^/ });

const KEYWORD_TOKENS = [
  Dst, Src, WlanAddr, PName, Host, Net, Mask, Port, Portrange, Proto, Protochain, Gateway, Type, Subtype, Dir,
  Less, Greater, Byte, Broadcast, Multicast, AndWord, OrWord, NotWord, Len, Inbound, Outbound, Ifindex,
  Vlan, Mpls, Pppoed, Pppoes, Geneve, Vxlan, AtmType, AtmMulti, AtmField, Llc, PfName, PfNum, PfReason, PfAction,
  Mtp2Type, Mtp3Field,
];

/** Lexer order: words first (their matcher already applied flex's longest-match rule), two-char operators before one-char. */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  ...KEYWORD_TOKENS,
  Num, Hid, Hid6, Eid, Aid, Id,
  AndSym, OrSym, Ge, Le, Ne, Eq, Shl, Shr, Bang, Gt, Lt,
  LParen, RParen, LBracket, RBracket, Colon, Slash, Plus, Minus, Star, Percent, Amp, Pipe, Caret,
  And, Or, Not,
];
