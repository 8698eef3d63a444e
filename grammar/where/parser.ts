// Chevrotain rules of the --where language, pure: the CST goes to to-ast.ts for meaning (fields, values, units).

import { CstParser } from 'chevrotain';
import * as T from './tokens';

/**
 * where   := expr?
 * expr    := conj (or conj)*              `or` binds loosest,
 * conj    := unary (and unary)*           then `and`,
 * unary   := not unary | atom             then `not` (SQL's and most languages' order; pcap-filter gives and/or
 * atom    := ( expr ) | test              one level, so `a or b and c` is read here as `a or (b and c)`).
 * test    := [side] field [op] [value [op value]]
 *
 * A test is read loosely: any name where a field stands, an optional operator, up to two values (`finding CODE >= 3`);
 * to-ast.ts checks the field, which operators and values it takes, and says what was expected where. The loose
 * shape lets a misspelt field (`prot 443`) be reported as an unknown field at its column rather than as a syntax error.
 */
export class WhereParser extends CstParser {
  constructor() {
    super(T.ALL_TOKENS, { maxLookahead: 3, nodeLocationTracking: 'onlyOffset' });
    this.performSelfAnalysis();
  }

  public where = this.RULE('where', () => {
    this.OPTION(() => this.SUBRULE(this.expr));
  });

  public expr = this.RULE('expr', () => {
    this.SUBRULE(this.conj, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(T.Or, { LABEL: 'op' });
      this.SUBRULE2(this.conj, { LABEL: 'operand' });
    });
  });

  public conj = this.RULE('conj', () => {
    this.SUBRULE(this.unary, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(T.And, { LABEL: 'op' });
      this.SUBRULE2(this.unary, { LABEL: 'operand' });
    });
  });

  public unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.unary, { LABEL: 'negated' });
        },
      },
      { ALT: () => this.SUBRULE(this.atom) },
    ]);
  });

  public atom = this.RULE('atom', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expr);
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.test) },
    ]);
  });

  public test = this.RULE('test', () => {
    // `client port 443`: a side word followed by a name is a side; `host client` has the side word as the value.
    this.OPTION({ GATE: () => this.sideAhead(), DEF: () => this.CONSUME(T.Side, { LABEL: 'side' }) });
    this.CONSUME(T.Name, { LABEL: 'field' });
    this.OPTION2(() => this.SUBRULE(this.relop));
    this.OPTION3(() => {
      this.CONSUME2(T.Name, { LABEL: 'value' });
      this.OPTION4(() => {
        this.SUBRULE2(this.relop, { LABEL: 'countOp' });
        this.CONSUME3(T.Name, { LABEL: 'count' });
      });
    });
  });

  public relop = this.RULE('relop', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Ge, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Le, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Ne, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Eq, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Gt, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Lt, { LABEL: 'op' }) },
    ]);
  });

  /** A side keyword whose next token is a field keyword: `client port`, `src host`, `server bytes`. */
  private sideAhead(): boolean {
    const a = this.LA(1).tokenType;
    return (a === T.Client || a === T.Server) && T.FIELD_TOKENS.includes(this.LA(2).tokenType);
  }
}

let instance: WhereParser | null = null;
/** The one parser, built on first use: runs without --where never pay for Chevrotain's self-analysis. */
export function whereParser(): WhereParser {
  return (instance ??= new WhereParser());
}
