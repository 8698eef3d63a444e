// parseFilter: pcap-filter text → typed tree plus errors (with offsets for a caret) and notes; never throws.

import { Lexer, tokenMatcher, type IRecognitionException, type IToken } from 'chevrotain';
import type { FilterCstNode } from './cst';
import type { FilterIssue, FilterParseResult } from './ast';
import { pcapFilterParser } from './parser';
import { ALL_TOKENS, Amp, And, Caret, LBracket, LParen, Minus, Not, Or, Percent, Pipe, Plus, RBracket, RParen, Shl, Shr, Slash, Star } from './tokens';
import { FilterBuilder } from './to-ast';

export type * from './ast';
export { formatFilter, formatArith } from './to-ast';

let lexerInstance: Lexer | null = null;
/** Built on first use, like the parser: commands that never read a filter do not pay for it at startup. */
const lexer = (): Lexer => (lexerInstance ??= new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: false }));

/**
 * A syntax error with what came before it: the token just before (`after`) and whether a '(' is still open there,
 * so the message can say what is missing (a primitive after `and`, a value after `port`, a ')').
 */
function syntaxIssue(text: string, e: IRecognitionException, tokens: readonly IToken[]): FilterIssue {
  const t = e.token;
  const atEnd = t.tokenType.name === 'EOF' || Number.isNaN(t.startOffset);
  const start = atEnd ? text.length : t.startOffset;
  const end = atEnd ? text.length : t.endOffset! + 1;
  let depth = 0;
  let after: string | null = null;
  for (const x of tokens) {
    if (x.startOffset >= start) break;
    if (tokenMatcher(x, LParen)) depth++;
    else if (tokenMatcher(x, RParen)) depth = Math.max(0, depth - 1);
    after = x.image;
  }
  return {
    code: 'syntax',
    severity: 'error',
    start,
    end,
    token: atEnd ? 'end of input' : t.image,
    message: atEnd ? 'syntax error: the filter ends too early' : `syntax error at "${t.image}"`,
    detail: e.name,
    ...(after !== null ? { after } : {}),
    ...(depth > 0 ? { openParens: depth } : {}),
  };
}

/**
 * FILTER LIMITS (tcplain's, not libpcap's: its LALR parser takes what fits its 10,000-entry stack): the parser, the
 * tree builder and every explainer recurse once per nesting level, and a chain of N operators is a tree N deep.
 * Past these a filter is refused with a clear issue (`too-complex`) after one linear scan of the tokens, before any
 * recursion; real filters use a few dozen operators.
 */
export const FILTER_LIMITS = { depth: 100, operators: 1000 } as const;

const BINARY = [And, Or, Plus, Minus, Star, Slash, Percent, Amp, Pipe, Caret, Shl, Shr];

/** The first limit a token list passes, with the offending token: `depth` (parentheses, brackets, `not`), `operators`. */
export function filterComplexity(tokens: readonly IToken[]): { what: 'depth' | 'operators'; found: number; at: IToken } | null {
  let depth = 0;
  let nots = 0;
  let ops = 0;
  for (const t of tokens) {
    if (tokenMatcher(t, LParen) || tokenMatcher(t, LBracket)) depth++;
    else if (tokenMatcher(t, RParen) || tokenMatcher(t, RBracket)) depth = Math.max(0, depth - 1);
    // `not not …` and `- - …` nest like parentheses.
    if (tokenMatcher(t, Not) || tokenMatcher(t, Minus)) nots++;
    else nots = 0;
    if (depth + nots > FILTER_LIMITS.depth) return { what: 'depth', found: depth + nots, at: t };
    if (BINARY.some((b) => tokenMatcher(t, b)) && ++ops > FILTER_LIMITS.operators) return { what: 'operators', found: ops, at: t };
  }
  return null;
}

/** Parse a filter expression as libpcap's pcap_compile would read it (grammar.y + scanner.l). */
export function parseFilter(text: string): FilterParseResult {
  try {
    const lexed = lexer().tokenize(text);
    if (lexed.errors.length > 0) {
      const e = lexed.errors[0];
      return {
        text,
        ast: null,
        errors: [{ code: 'lex', severity: 'error', start: e.offset, end: e.offset + e.length, token: text.slice(e.offset, e.offset + 1), message: `illegal character "${text.slice(e.offset, e.offset + 1)}"` }],
        notes: [],
      };
    }
    const tooMuch = filterComplexity(lexed.tokens);
    if (tooMuch) {
      const max = FILTER_LIMITS[tooMuch.what];
      const at = tooMuch.at;
      return {
        text,
        ast: null,
        errors: [
          {
            code: 'too-complex',
            severity: 'error',
            start: at.startOffset,
            end: at.endOffset! + 1,
            token: at.image,
            message: tooMuch.what === 'depth' ? `the filter nests more than ${max} levels deep` : `the filter has more than ${max} operators`,
            detail: `${tooMuch.what}:${max}`,
          },
        ],
        notes: [],
      };
    }
    const parser = pcapFilterParser();
    parser.input = lexed.tokens;
    const cst = parser.filter() as FilterCstNode;
    if (parser.errors.length > 0) {
      return { text, ast: null, errors: [syntaxIssue(text, parser.errors[0], lexed.tokens)], notes: [] };
    }
    const builder = new FilterBuilder(text);
    const ast = cst.children.expr ? builder.expr(cst.children.expr[0]) : null;
    const errors = builder.issues.filter((i) => i.severity === 'error').sort((a, b) => a.start - b.start);
    const notes = builder.issues.filter((i) => i.severity === 'note').sort((a, b) => a.start - b.start);
    return { text, ast, errors, notes };
  } catch (err) {
    // Input is hostile: a fault in this module is reported as a value, never thrown to the caller.
    return {
      text,
      ast: null,
      errors: [{ code: 'syntax', severity: 'error', start: 0, end: text.length, token: text, message: `internal parser fault: ${(err as Error).message}` }],
      notes: [],
    };
  }
}
