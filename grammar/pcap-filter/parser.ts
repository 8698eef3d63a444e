// Chevrotain rules of the pcap-filter language (libpcap grammar.y), pure: the CST goes to to-ast.ts for meaning.

import { CstParser, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens';

/**
 * LL rewrite of grammar.y. Where yacc's LALR tables decide late, this parser decides early:
 * - `expr and id` / `expr or id` (a bare value repeating the previous qualifiers: `host a or b`) is an operand
 *   alternative `bareValue`; whether there is a qualifier to repeat is checked in to-ast.ts.
 * - A parenthesis or number may open a relation (`(tcp[0] & 1) != 0`, `5 < len`) or a group / bare number: the
 *   relation is tried first by backtracking, as yacc would shift it.
 * - `and`/`or` have equal precedence and associate left to right; `not` binds tightest (pcap-filter(7)).
 */
export class PcapFilterParser extends CstParser {
  constructor() {
    super(T.ALL_TOKENS, { maxLookahead: 4, nodeLocationTracking: 'onlyOffset' });
    this.performSelfAnalysis();
  }

  public filter = this.RULE('filter', () => {
    this.OPTION(() => this.SUBRULE(this.expr));
  });

  public expr = this.RULE('expr', () => {
    this.SUBRULE(this.operand);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.And, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(T.Or, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.operand);
    });
  });

  public operand = this.RULE('operand', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.SUBRULE(this.negation) },
        { GATE: () => this.relationAhead(), ALT: () => this.SUBRULE(this.relation) },
        { ALT: () => this.SUBRULE(this.group) },
        { ALT: () => this.SUBRULE(this.primitive) },
        { ALT: () => this.SUBRULE(this.special) },
        { ALT: () => this.CONSUME(T.PName, { LABEL: 'protoAbbrev' }) },
        { ALT: () => this.SUBRULE(this.address, { LABEL: 'bareValue' }) },
      ],
    });
  });

  public negation = this.RULE('negation', () => {
    this.CONSUME(T.Not);
    this.SUBRULE(this.operand);
  });

  public group = this.RULE('group', () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expr);
    this.CONSUME(T.RParen);
  });

  /** `[proto] [dir] [type] value`, with at least one of dir/type/proto-keyword (grammar.y `head id`). */
  public primitive = this.RULE('primitive', () => {
    this.OPTION(() => this.CONSUME(T.PName, { LABEL: 'proto' }));
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.dqual);
          this.OPTION2(() => this.SUBRULE(this.aqual));
        },
      },
      { ALT: () => this.SUBRULE2(this.aqual) },
    ]);
    this.SUBRULE(this.valueExpr);
  });

  public dqual = this.RULE('dqual', () => {
    this.OR([
      {
        ALT: () => {
          this.OR2([{ ALT: () => this.CONSUME(T.Src, { LABEL: 'dir' }) }, { ALT: () => this.CONSUME(T.Dst, { LABEL: 'dir' }) }]);
          this.OPTION(() => {
            this.OR3([{ ALT: () => this.CONSUME(T.And, { LABEL: 'join' }) }, { ALT: () => this.CONSUME(T.Or, { LABEL: 'join' }) }]);
            this.OR4([{ ALT: () => this.CONSUME2(T.Src, { LABEL: 'dir' }) }, { ALT: () => this.CONSUME2(T.Dst, { LABEL: 'dir' }) }]);
          });
        },
      },
      { ALT: () => this.CONSUME(T.WlanAddr, { LABEL: 'dir' }) },
    ]);
  });

  public aqual = this.RULE('aqual', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Host, { LABEL: 'type' }) },
      { ALT: () => this.CONSUME(T.Net, { LABEL: 'type' }) },
      { ALT: () => this.CONSUME(T.Port, { LABEL: 'type' }) },
      { ALT: () => this.CONSUME(T.Portrange, { LABEL: 'type' }) },
      { ALT: () => this.CONSUME(T.Proto, { LABEL: 'type' }) },
      { ALT: () => this.CONSUME(T.Protochain, { LABEL: 'type' }) },
      { ALT: () => this.CONSUME(T.Gateway, { LABEL: 'type' }) },
    ]);
  });

  /** What follows a qualifier: a value, `not` value, or a parenthesised list of values sharing the qualifiers. */
  public valueExpr = this.RULE('valueExpr', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.SUBRULE(this.valueExpr, { LABEL: 'negated' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.valueList);
          this.CONSUME(T.RParen);
        },
      },
      // A protocol keyword where a name is needed (`ip proto tcp`): libpcap wants `\tcp`; kept to say so.
      { ALT: () => this.CONSUME(T.PName, { LABEL: 'keywordValue' }) },
      { ALT: () => this.SUBRULE(this.address) },
    ]);
  });

  public valueList = this.RULE('valueList', () => {
    this.SUBRULE(this.valueExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.And, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(T.Or, { LABEL: 'op' }) }]);
      this.SUBRULE2(this.valueExpr);
    });
  });

  /** grammar.y `nid` and `pnum`: the id forms. */
  public address = this.RULE('address', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Id) },
      {
        ALT: () => {
          this.CONSUME(T.Hid);
          this.OPTION(() => {
            this.OR2([
              {
                ALT: () => {
                  this.CONSUME(T.Slash);
                  this.CONSUME(T.Num, { LABEL: 'prefix' });
                },
              },
              {
                ALT: () => {
                  this.CONSUME(T.Mask);
                  this.CONSUME2(T.Hid, { LABEL: 'mask' });
                },
              },
            ]);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Hid6);
          this.OPTION2(() => {
            this.CONSUME2(T.Slash);
            this.CONSUME2(T.Num, { LABEL: 'prefix' });
          });
        },
      },
      { ALT: () => this.CONSUME(T.Eid) },
      { ALT: () => this.CONSUME(T.Aid) },
      { ALT: () => this.CONSUME3(T.Num) },
    ]);
  });

  /** grammar.y `other`, `pfvar`, `p80211`, `pllc`, ATM and MTP primitives. */
  public special = this.RULE('special', () => {
    this.OR([
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(T.PName, { LABEL: 'proto' }));
          this.OR2([
            { ALT: () => this.CONSUME(T.Broadcast, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.Multicast, { LABEL: 'name' }) },
            {
              ALT: () => {
                this.CONSUME(T.Type, { LABEL: 'name' });
                this.SUBRULE(this.word, { LABEL: 'arg' });
                this.OPTION2(() => {
                  this.CONSUME(T.Subtype);
                  this.SUBRULE2(this.word, { LABEL: 'arg' });
                });
              },
            },
          ]);
        },
      },
      {
        ALT: () => {
          this.OR7([
            { ALT: () => this.CONSUME(T.Less, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.Greater, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.Ifindex, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.PfNum, { LABEL: 'name' }) },
          ]);
          this.CONSUME(T.Num, { LABEL: 'arg' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Byte, { LABEL: 'name' });
          this.CONSUME3(T.Num, { LABEL: 'arg' });
          this.OR3([
            { ALT: () => this.CONSUME(T.Amp, { LABEL: 'byteOp' }) },
            { ALT: () => this.CONSUME(T.Pipe, { LABEL: 'byteOp' }) },
            { ALT: () => this.CONSUME(T.Lt, { LABEL: 'byteOp' }) },
            { ALT: () => this.CONSUME(T.Gt, { LABEL: 'byteOp' }) },
            { ALT: () => this.CONSUME(T.Eq, { LABEL: 'byteOp' }) },
          ]);
          this.CONSUME4(T.Num, { LABEL: 'arg' });
        },
      },
      { ALT: () => this.CONSUME(T.Inbound, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.Outbound, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.Pppoed, { LABEL: 'name' }) },
      {
        ALT: () => {
          this.OR8([
            { ALT: () => this.CONSUME(T.Vlan, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.Mpls, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.Pppoes, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.Geneve, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.Vxlan, { LABEL: 'name' }) },
          ]);
          this.OPTION4(() => this.CONSUME2(T.Num, { LABEL: 'arg' }));
        },
      },
      {
        ALT: () => {
          this.OR4([
            { ALT: () => this.CONSUME(T.PfName, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.PfReason, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.PfAction, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME2(T.Subtype, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.Dir, { LABEL: 'name' }) },
          ]);
          this.SUBRULE3(this.word, { LABEL: 'arg' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Llc, { LABEL: 'name' });
          this.OPTION3(() =>
            this.OR5([
              { ALT: () => this.CONSUME(T.Id, { LABEL: 'arg' }) },
              { ALT: () => this.CONSUME2(T.PfNum, { LABEL: 'arg' }) },
            ]),
          );
        },
      },
      { ALT: () => this.CONSUME(T.AtmType, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.AtmMulti, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.Mtp2Type, { LABEL: 'name' }) },
      {
        ALT: () => {
          this.OR6([
            { ALT: () => this.CONSUME(T.AtmField, { LABEL: 'name' }) },
            { ALT: () => this.CONSUME(T.Mtp3Field, { LABEL: 'name' }) },
          ]);
          this.SUBRULE(this.fieldValue);
        },
      },
    ]);
  });

  public word = this.RULE('word', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Num) }, { ALT: () => this.CONSUME(T.Id) }]);
  });

  /** ATM / MTP3 field values: `vci 5`, `vpi > 3`, `sio (1 or 2)`. */
  public fieldValue = this.RULE('fieldValue', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Num) },
      {
        ALT: () => {
          this.SUBRULE(this.relop);
          this.CONSUME2(T.Num);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.CONSUME3(T.Num);
          this.MANY(() => {
            this.CONSUME(T.Or);
            this.CONSUME4(T.Num);
          });
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  /** `arth relop arth` (grammar.y), e.g. `tcp[tcpflags] & (tcp-syn|tcp-fin) != 0`. */
  public relation = this.RULE('relation', () => {
    this.SUBRULE(this.arith, { LABEL: 'left' });
    this.SUBRULE(this.relop);
    this.SUBRULE2(this.arith, { LABEL: 'right' });
  });

  public relop = this.RULE('relop', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Gt, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Ge, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Eq, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Lt, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Le, { LABEL: 'op' }) },
      { ALT: () => this.CONSUME(T.Ne, { LABEL: 'op' }) },
    ]);
  });

  // Arithmetic, lowest to highest precedence as C orders them (grammar.y: | & << >> + - * /; ^ and % placed as in C).
  public arith = this.RULE('arith', () => this.binaryLevel(this.bitXor, [T.Pipe]));
  public bitXor = this.RULE('bitXor', () => this.binaryLevel(this.bitAnd, [T.Caret]));
  public bitAnd = this.RULE('bitAnd', () => this.binaryLevel(this.shift, [T.Amp]));
  public shift = this.RULE('shift', () => this.binaryLevel(this.additive, [T.Shl, T.Shr]));
  public additive = this.RULE('additive', () => this.binaryLevel(this.multiplicative, [T.Plus, T.Minus]));
  public multiplicative = this.RULE('multiplicative', () => this.binaryLevel(this.unary, [T.Star, T.Slash, T.Percent]));

  public unary = this.RULE('unary', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Minus);
          this.SUBRULE(this.unary, { LABEL: 'negated' });
        },
      },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  public primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Num) },
      { ALT: () => this.CONSUME(T.Len) },
      {
        ALT: () => {
          this.CONSUME(T.PName, { LABEL: 'proto' });
          this.CONSUME(T.LBracket);
          this.SUBRULE(this.arith, { LABEL: 'offset' });
          this.OPTION(() => {
            this.CONSUME(T.Colon);
            this.CONSUME2(T.Num, { LABEL: 'size' });
          });
          this.CONSUME(T.RBracket);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE2(this.arith, { LABEL: 'inner' });
          this.CONSUME(T.RParen);
        },
      },
    ]);
  });

  private binaryLevel(next: () => unknown, ops: TokenType[]): void {
    this.SUBRULE(next as never, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR(ops.map((op) => ({ ALT: () => this.CONSUME(op, { LABEL: 'op' }) })));
      this.SUBRULE2(next as never, { LABEL: 'operand' });
    });
  }

  /**
   * Whether the operand is a relation. `proto[`, `len` and `-` can only start one, and a number followed by an
   * operator too: commit, so a mistake inside is reported where it is. Only `(` needs a trial parse.
   */
  private relationAhead(): boolean {
    const t1 = this.LA(1).tokenType;
    if (t1 === T.Len || t1 === T.Minus || (t1 === T.PName && this.LA(2).tokenType === T.LBracket)) return true;
    if (t1 === T.Num) return ARITH_OR_REL_OPS.has(this.LA(2).tokenType);
    return t1 === T.LParen && this.BACKTRACK(this.relation).call(this);
  }
}

const ARITH_OR_REL_OPS: ReadonlySet<TokenType> = new Set([
  T.Gt, T.Ge, T.Eq, T.Lt, T.Le, T.Ne, T.Plus, T.Minus, T.Star, T.Slash, T.Percent, T.Amp, T.Pipe, T.Caret, T.Shl, T.Shr,
]);

let instance: PcapFilterParser | null = null;
/**
 * The one parser instance, built on first use and reused: Chevrotain's self-analysis of this grammar costs
 * ~0.1-0.3 s, which every `tcplain explain` paid at startup when it was built at import time.
 */
export function pcapFilterParser(): PcapFilterParser {
  return (instance ??= new PcapFilterParser());
}

export type { IToken };
