// Chevrotain token types of the --where language: connectives, comparison operators, field keywords, values.

import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Any word a value may be: a Word, a quoted string, or a field keyword used as a value (`host client`). */
export const Name = createToken({ name: 'Name', pattern: Lexer.NA });
/** A field name (the parser reads any Name where a field stands, and to-ast names the valid ones). */
export const FieldName = createToken({ name: 'FieldName', pattern: Lexer.NA, categories: [Name] });
/** `client`/`src` and `server`/`dst`: which end a host, port, bytes or packets test looks at. */
export const Side = createToken({ name: 'Side', pattern: Lexer.NA, categories: [Name] });

/**
 * A value: everything up to a space, a parenthesis, a comparison operator, a quote, `&` or `|`. Addresses (IPv4,
 * IPv6 with `::`, CIDR), connection ids (`c3`, `capture.txt#c3`), codes (`reset-by-server`, `tcp.dup_ack`), numbers
 * with units (`1M`, `500ms`) are all one Word; the parser's rules decide what a word must be where it stands.
 */
export const Word = createToken({ name: 'Word', pattern: /[^\s()<>=!&|"']+/, categories: [Name] });
/** A quoted value, for a host or file name with spaces or operator characters: "a b.txt#c3". */
export const Quoted = createToken({ name: 'Quoted', pattern: /"[^"]*"|'[^']*'/, categories: [Name] });


/** A case-insensitive keyword; a longer word starting with it (`hostname`) stays a Word. */
function keyword(name: string, words: string, categories: TokenType[]): TokenType {
  return createToken({ name, pattern: new RegExp(`(?:${words})(?![^\\s()<>=!&|"'])`, 'i'), longer_alt: Word, categories });
}

export const And = createToken({ name: 'And', pattern: /and(?![^\s()<>=!&|"'])|&&/i, longer_alt: Word });
export const Or = createToken({ name: 'Or', pattern: /or(?![^\s()<>=!&|"'])|\|\|/i, longer_alt: Word });
export const Not = createToken({ name: 'Not', pattern: /not(?![^\s()<>=!&|"'])|!(?!=)/i, longer_alt: Word });

export const Client = keyword('Client', 'client|src', [Side]);
export const Server = keyword('Server', 'server|dst', [Side]);
export const Host = keyword('Host', 'host', [FieldName]);
export const Port = keyword('Port', 'port', [FieldName]);
export const Conn = keyword('Conn', 'conn', [FieldName]);
export const Verdict = keyword('Verdict', 'verdict', [FieldName]);
export const Severity = keyword('Severity', 'severity', [FieldName]);
export const Bytes = keyword('Bytes', 'bytes', [FieldName]);
export const Packets = keyword('Packets', 'packets', [FieldName]);
export const Duration = keyword('Duration', 'duration', [FieldName]);
export const Retrans = keyword('Retrans', 'retrans', [FieldName]);
export const Rtt = keyword('Rtt', 'rtt', [FieldName]);
export const State = keyword('State', 'conn_state|state', [FieldName]);
export const Finding = keyword('Finding', 'finding', [FieldName]);

export const Ge = createToken({ name: 'Ge', pattern: />=/ });
export const Le = createToken({ name: 'Le', pattern: /<=/ });
export const Ne = createToken({ name: 'Ne', pattern: /!=/ });
export const Eq = createToken({ name: 'Eq', pattern: /==?/ });
export const Gt = createToken({ name: 'Gt', pattern: />/ });
export const Lt = createToken({ name: 'Lt', pattern: /</ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });

export const FIELD_TOKENS = [Host, Port, Conn, Verdict, Severity, Bytes, Packets, Duration, Retrans, Rtt, State, Finding];

/** Lexer order: connectives and keywords before Word (longer_alt keeps `hostname` a Word), two-char operators first. */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  And, Or, Not,
  Client, Server,
  ...FIELD_TOKENS,
  Ge, Le, Ne, Eq, Gt, Lt, LParen, RParen,
  Quoted, Word,
  Name, FieldName, Side,
];
