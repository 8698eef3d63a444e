// parseWhere: --where text → typed tree, or one error with offsets for a caret; never throws.

import { Lexer, tokenMatcher, type IRecognitionException, type IToken } from 'chevrotain';
import type { WhereCstNode } from './cst';
import type { WhereError, WhereParseResult } from './ast';
import { whereParser } from './parser';
import { ALL_TOKENS, And, Eq, Ge, Gt, LParen, Le, Lt, Ne, Not, Or, RParen, Word } from './tokens';
import { WHERE_FIELDS, WhereBuilder, WhereFail } from './to-ast';

export type * from './ast';
export { WHERE_FIELDS, WHERE_OPS, SIDED_FIELDS, addressBytes } from './to-ast';

let lexerInstance: Lexer | null = null;
const lexer = (): Lexer => (lexerInstance ??= new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: false }));

/**
 * WHERE LIMITS (as `tcplain cmd`'s FILTER_LIMITS): the parser, the tree builder and the evaluator recurse once per
 * parenthesis or `not`, so an expression nesting deeper than `depth`, with more than `operators` connectives, or
 * longer than `length` characters is refused after one linear scan, before any recursion. A chain of connectives
 * is one flat node, so `operators` bounds the work, not the stack; real expressions use a handful.
 */
export const WHERE_LIMITS = { depth: 100, operators: 1000, length: 10000 } as const;

/** The first limit a token list passes, with the offending token. */
function complexity(tokens: readonly IToken[]): { what: 'depth' | 'operators'; at: IToken } | null {
  let depth = 0;
  let nots = 0;
  let ops = 0;
  for (const t of tokens) {
    if (tokenMatcher(t, LParen)) depth++;
    else if (tokenMatcher(t, RParen)) depth = Math.max(0, depth - 1);
    // `not not …` nests like parentheses.
    if (tokenMatcher(t, Not)) nots++;
    else nots = 0;
    if (depth + nots > WHERE_LIMITS.depth) return { what: 'depth', at: t };
    if ((tokenMatcher(t, And) || tokenMatcher(t, Or)) && ++ops > WHERE_LIMITS.operators) return { what: 'operators', at: t };
  }
  return null;
}

const span = (t: IToken): { start: number; end: number } => ({ start: t.startOffset, end: t.endOffset! + 1 });

/** Chevrotain's first recognition error as a WhereError: the token where reading stopped, and what was missing. */
function syntaxError(text: string, tokens: readonly IToken[], e: IRecognitionException): WhereError {
  const t = e.token;
  const atEnd = t.tokenType.name === 'EOF' || Number.isNaN(t.startOffset);
  if (e.name === 'NotAllInputParsedException' && tokenMatcher(t, RParen)) return { code: 'unmatched', ...span(t), token: t.image };
  if (atEnd) {
    // A `(` still open at the end: point at it.
    let open: IToken[] = [];
    for (const k of tokens) {
      if (tokenMatcher(k, LParen)) open.push(k);
      else if (tokenMatcher(k, RParen)) open = open.slice(0, -1);
    }
    const last = tokens[tokens.length - 1];
    const lastIsConnective = last !== undefined && (tokenMatcher(last, And) || tokenMatcher(last, Or) || tokenMatcher(last, Not) || tokenMatcher(last, LParen));
    if (open.length > 0 && !lastIsConnective) return { code: 'unclosed', ...span(open[open.length - 1]), token: '(' };
    return { code: 'ends-early', start: text.length, end: text.length, token: '', after: last?.image ?? '', expects: 'test' };
  }
  const at = tokens.findIndex((k) => k.startOffset === t.startOffset);
  const prev = at > 0 ? tokens[at - 1] : undefined;
  // `rtt > 5 parsecs`: a word after a time's number is a unit tcplain does not know.
  const field = at >= 3 ? tokens[at - 3].image.toLowerCase() : '';
  const comparison = at >= 2 && [Eq, Ne, Lt, Le, Gt, Ge].some((op) => tokenMatcher(tokens[at - 2], op));
  if ((field === 'rtt' || field === 'duration') && comparison && /^\d+(\.\d+)?$/.test(prev!.image) && tokenMatcher(t, Word) && /^[a-zµ]+$/i.test(t.image)) {
    return { code: 'bad-unit', ...span(t), token: t.image, field };
  }
  const testDue = prev === undefined || [And, Or, Not, LParen].some((k) => tokenMatcher(prev, k));
  return { code: 'syntax', ...span(t), token: t.image, after: prev?.image ?? '', expects: testDue ? 'test' : 'connective' };
}

/** Parse a --where expression. An empty (or blank) expression is an error: `--where ''` selects nothing useful. */
export function parseWhere(text: string): WhereParseResult {
  try {
    if (text.length > WHERE_LIMITS.length) {
      return { text, ast: null, error: { code: 'too-complex', start: WHERE_LIMITS.length, end: WHERE_LIMITS.length + 1, token: text[WHERE_LIMITS.length], limit: { what: 'length', max: WHERE_LIMITS.length } } };
    }
    const lexed = lexer().tokenize(text);
    if (lexed.errors.length > 0) {
      const e = lexed.errors[0];
      return { text, ast: null, error: { code: 'lex', start: e.offset, end: e.offset + 1, token: text.slice(e.offset, e.offset + 1) } };
    }
    if (lexed.tokens.length === 0) return { text, ast: null, error: { code: 'empty', start: 0, end: 0, token: '', known: WHERE_FIELDS } };
    const tooMuch = complexity(lexed.tokens);
    if (tooMuch) {
      const what = tooMuch.what;
      return { text, ast: null, error: { code: 'too-complex', ...span(tooMuch.at), token: tooMuch.at.image, limit: { what, max: WHERE_LIMITS[what] } } };
    }
    const parser = whereParser();
    parser.input = lexed.tokens;
    const cst = parser.where() as WhereCstNode;
    if (parser.errors.length > 0) return { text, ast: null, error: syntaxError(text, lexed.tokens, parser.errors[0]) };
    const ast = new WhereBuilder(text).expr(cst.children.expr![0]);
    return { text, ast, error: null };
  } catch (err) {
    if (err instanceof WhereFail) return { text, ast: null, error: err.error };
    // Input is hostile: a fault here is reported as a value, never thrown to the caller.
    return { text, ast: null, error: { code: 'syntax', start: 0, end: text.length, token: `internal parser fault: ${(err as Error).message}` } };
  }
}

/** The expression written back with every connective grouped explicitly: how it is read (tests, docs). */
export function formatWhere(n: import('./ast').WhereNode): string {
  switch (n.kind) {
    case 'and':
    case 'or':
      return n.operands.map((o) => (o.kind === 'and' || o.kind === 'or' ? `(${formatWhere(o)})` : formatWhere(o))).join(` ${n.kind} `);
    case 'not':
      return n.operand.kind === 'test' || n.operand.kind === 'not' ? `not ${formatWhere(n.operand)}` : `not (${formatWhere(n.operand)})`;
    case 'test': {
      const t = n.test;
      const side = 'side' in t && t.side !== 'either' ? `${t.side} ` : '';
      switch (t.field) {
        case 'host':
          return `${side}host ${t.op === '=' ? '' : '!= '}${t.host}`;
        case 'conn':
          return `conn ${t.op === '=' ? '' : '!= '}${t.id}`;
        case 'verdict':
        case 'state':
          return `${t.field} ${t.op === '=' ? '' : '!= '}${t.value}`;
        case 'finding':
          return t.op === '>' && t.value === 0 ? `finding ${t.code}` : `finding ${t.code} ${t.op} ${t.value}`;
        case 'port':
          return `${side}port ${t.op === '=' ? '' : `${t.op} `}${t.value}`;
        default:
          return `${side}${t.field} ${t.op} ${t.value}`;
      }
    }
  }
}
