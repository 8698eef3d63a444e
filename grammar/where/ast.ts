// The typed tree of a --where expression and its errors: what parseWhere returns (JSON-safe plain data).

import type { FindingCode } from '../../src/model/findings';
import type { ConnectionSeverity, VerdictCode, ZeekConnState } from '../../src/model/verdict';

/** Offsets into the expression, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

export type WhereOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** Which end a test looks at: `client` (`src`), `server` (`dst`), or either (none written). */
export type WhereSide = 'client' | 'server' | 'either';

/** The numeric fields: their values are in bytes, packets, seconds (duration, rtt) or counts. */
export type NumericField = 'bytes' | 'packets' | 'duration' | 'retrans' | 'rtt';

export type WhereTest =
  /** An address or host name as tcpdump printed it (`prefix` set: an IPv4/IPv6 network, `host 192.0.2.0/24`). */
  | { field: 'host'; side: WhereSide; op: '=' | '!='; host: string; prefix: { family: 4 | 6; bits: number; addr: number[] } | null }
  | { field: 'port'; side: WhereSide; op: WhereOp; value: number }
  /** `c3` (in any input), or `NAME#c3` (one input's, conn-id.ts). */
  | { field: 'conn'; op: '=' | '!='; id: string }
  | { field: 'verdict'; op: '=' | '!='; value: VerdictCode }
  | { field: 'severity'; op: WhereOp; value: ConnectionSeverity }
  | { field: 'state'; op: '=' | '!='; value: ZeekConnState }
  /** The connection has `count op value` findings of `code`; `finding CODE` alone is `> 0`. */
  | { field: 'finding'; code: FindingCode; op: WhereOp; value: number }
  /** Seconds for duration and rtt (`500ms`, `2s`; a bare rtt number is ms), bytes, packets, retransmissions. */
  | { field: NumericField; side: WhereSide; op: WhereOp; value: number };

export type WhereNode = Span &
  (
    /** A chain of one connective, flat: `a and b and c` is one node of three operands (no deep trees). */
    | { kind: 'and' | 'or'; operands: WhereNode[] }
    | { kind: 'not'; operand: WhereNode }
    | { kind: 'test'; test: WhereTest }
  );

/**
 * What went wrong, with the span a caret marks. Wording lives in the CLI catalogs (src/explain/locales/cli-*.ts):
 * `token` is the text at the span, `known` the valid words (fields, codes, operators) where the error lists them.
 */
export type WhereErrorCode =
  | 'empty'
  | 'lex'
  | 'syntax'
  | 'ends-early'
  | 'unclosed'
  | 'unmatched'
  | 'too-complex'
  | 'unknown-field'
  | 'no-side'
  | 'needs-op'
  | 'bad-op'
  | 'bad-verdict'
  | 'bad-severity'
  | 'bad-state'
  | 'bad-finding'
  | 'bad-number'
  | 'bad-unit'
  | 'bad-port'
  | 'bad-conn'
  | 'bad-host';

export interface WhereError extends Span {
  code: WhereErrorCode;
  token: string;
  /** The field the error is about (bad-op, needs-op, no-side, bad-number). */
  field?: string;
  /** Valid words, in order: fields, codes, operators, sides. */
  known?: readonly string[];
  /** syntax, ends-early: the token before the error ('' at the start), and whether a test or a connective was due there. */
  after?: string;
  expects?: 'test' | 'connective';
  /** too-complex: which limit and its value. */
  limit?: { what: 'depth' | 'operators' | 'length'; max: number };
}

export interface WhereParseResult {
  text: string;
  /** null when the text did not parse (then `error` says why). */
  ast: WhereNode | null;
  error: WhereError | null;
}
