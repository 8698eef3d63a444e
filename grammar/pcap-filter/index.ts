// parseFilter: pcap-filter text → typed tree plus errors (with offsets for a caret) and notes; never throws.

import { Lexer, type IRecognitionException } from 'chevrotain';
import type { FilterCstNode } from './cst';
import type { FilterIssue, FilterParseResult } from './ast';
import { pcapFilterParser } from './parser';
import { ALL_TOKENS } from './tokens';
import { FilterBuilder } from './to-ast';

export type * from './ast';
export { formatFilter, formatArith } from './to-ast';

let lexerInstance: Lexer | null = null;
/** Built on first use, like the parser: commands that never read a filter do not pay for it at startup. */
const lexer = (): Lexer => (lexerInstance ??= new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: false }));

function syntaxIssue(text: string, e: IRecognitionException): FilterIssue {
  const t = e.token;
  const atEnd = t.tokenType.name === 'EOF' || Number.isNaN(t.startOffset);
  const start = atEnd ? text.length : t.startOffset;
  const end = atEnd ? text.length : t.endOffset! + 1;
  return {
    code: 'syntax',
    severity: 'error',
    start,
    end,
    token: atEnd ? 'end of input' : t.image,
    message: atEnd ? 'syntax error: the filter ends too early' : `syntax error at "${t.image}"`,
    detail: e.name,
  };
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
    const parser = pcapFilterParser();
    parser.input = lexed.tokens;
    const cst = parser.filter() as FilterCstNode;
    if (parser.errors.length > 0) {
      return { text, ast: null, errors: [syntaxIssue(text, parser.errors[0])], notes: [] };
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
