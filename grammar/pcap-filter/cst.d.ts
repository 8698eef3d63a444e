import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface FilterCstNode extends CstNode {
  name: "filter";
  children: FilterCstChildren;
}

export type FilterCstChildren = {
  expr?: ExprCstNode[];
};

export interface ExprCstNode extends CstNode {
  name: "expr";
  children: ExprCstChildren;
}

export type ExprCstChildren = {
  operand: (OperandCstNode)[];
  op?: (IToken)[];
};

export interface OperandCstNode extends CstNode {
  name: "operand";
  children: OperandCstChildren;
}

export type OperandCstChildren = {
  negation?: NegationCstNode[];
  relation?: RelationCstNode[];
  group?: GroupCstNode[];
  primitive?: PrimitiveCstNode[];
  special?: SpecialCstNode[];
  protoAbbrev?: IToken[];
  bareValue?: AddressCstNode[];
};

export interface NegationCstNode extends CstNode {
  name: "negation";
  children: NegationCstChildren;
}

export type NegationCstChildren = {
  Not: IToken[];
  operand: OperandCstNode[];
};

export interface GroupCstNode extends CstNode {
  name: "group";
  children: GroupCstChildren;
}

export type GroupCstChildren = {
  LParen: IToken[];
  expr: ExprCstNode[];
  RParen: IToken[];
};

export interface PrimitiveCstNode extends CstNode {
  name: "primitive";
  children: PrimitiveCstChildren;
}

export type PrimitiveCstChildren = {
  proto?: IToken[];
  dqual?: DqualCstNode[];
  aqual?: (AqualCstNode)[];
  valueExpr: ValueExprCstNode[];
};

export interface DqualCstNode extends CstNode {
  name: "dqual";
  children: DqualCstChildren;
}

export type DqualCstChildren = {
  dir?: (IToken)[];
  join?: (IToken)[];
};

export interface AqualCstNode extends CstNode {
  name: "aqual";
  children: AqualCstChildren;
}

export type AqualCstChildren = {
  type?: (IToken)[];
};

export interface ValueExprCstNode extends CstNode {
  name: "valueExpr";
  children: ValueExprCstChildren;
}

export type ValueExprCstChildren = {
  Not?: IToken[];
  negated?: ValueExprCstNode[];
  LParen?: IToken[];
  valueList?: ValueListCstNode[];
  RParen?: IToken[];
  keywordValue?: IToken[];
  address?: AddressCstNode[];
};

export interface ValueListCstNode extends CstNode {
  name: "valueList";
  children: ValueListCstChildren;
}

export type ValueListCstChildren = {
  valueExpr: (ValueExprCstNode)[];
  op?: (IToken)[];
};

export interface AddressCstNode extends CstNode {
  name: "address";
  children: AddressCstChildren;
}

export type AddressCstChildren = {
  Id?: IToken[];
  Hid?: IToken[];
  Slash?: (IToken)[];
  prefix?: (IToken)[];
  Mask?: IToken[];
  mask?: IToken[];
  Hid6?: IToken[];
  Eid?: IToken[];
  Aid?: IToken[];
  Num?: IToken[];
};

export interface SpecialCstNode extends CstNode {
  name: "special";
  children: SpecialCstChildren;
}

export type SpecialCstChildren = {
  proto?: IToken[];
  name?: (IToken)[];
  arg?: (WordCstNode | IToken)[];
  Subtype?: IToken[];
  byteOp?: (IToken)[];
  fieldValue?: FieldValueCstNode[];
};

export interface WordCstNode extends CstNode {
  name: "word";
  children: WordCstChildren;
}

export type WordCstChildren = {
  Num?: IToken[];
  Id?: IToken[];
};

export interface FieldValueCstNode extends CstNode {
  name: "fieldValue";
  children: FieldValueCstChildren;
}

export type FieldValueCstChildren = {
  Num?: (IToken)[];
  relop?: RelopCstNode[];
  LParen?: IToken[];
  Or?: IToken[];
  RParen?: IToken[];
};

export interface RelationCstNode extends CstNode {
  name: "relation";
  children: RelationCstChildren;
}

export type RelationCstChildren = {
  left: ArithCstNode[];
  relop: RelopCstNode[];
  right: ArithCstNode[];
};

export interface RelopCstNode extends CstNode {
  name: "relop";
  children: RelopCstChildren;
}

export type RelopCstChildren = {
  op?: (IToken)[];
};

export interface ArithCstNode extends CstNode {
  name: "arith";
  children: ArithCstChildren;
}

export type ArithCstChildren = {
  operand: (BitXorCstNode)[];
  op?: IToken[];
};

export interface BitXorCstNode extends CstNode {
  name: "bitXor";
  children: BitXorCstChildren;
}

export type BitXorCstChildren = {
  operand: (BitAndCstNode)[];
  op?: IToken[];
};

export interface BitAndCstNode extends CstNode {
  name: "bitAnd";
  children: BitAndCstChildren;
}

export type BitAndCstChildren = {
  operand: (ShiftCstNode)[];
  op?: IToken[];
};

export interface ShiftCstNode extends CstNode {
  name: "shift";
  children: ShiftCstChildren;
}

export type ShiftCstChildren = {
  operand: (AdditiveCstNode)[];
  op?: (IToken)[];
};

export interface AdditiveCstNode extends CstNode {
  name: "additive";
  children: AdditiveCstChildren;
}

export type AdditiveCstChildren = {
  operand: (MultiplicativeCstNode)[];
  op?: (IToken)[];
};

export interface MultiplicativeCstNode extends CstNode {
  name: "multiplicative";
  children: MultiplicativeCstChildren;
}

export type MultiplicativeCstChildren = {
  operand: (UnaryCstNode)[];
  op?: (IToken)[];
};

export interface UnaryCstNode extends CstNode {
  name: "unary";
  children: UnaryCstChildren;
}

export type UnaryCstChildren = {
  Minus?: IToken[];
  negated?: UnaryCstNode[];
  primary?: PrimaryCstNode[];
};

export interface PrimaryCstNode extends CstNode {
  name: "primary";
  children: PrimaryCstChildren;
}

export type PrimaryCstChildren = {
  Num?: IToken[];
  Len?: IToken[];
  proto?: IToken[];
  LBracket?: IToken[];
  offset?: ArithCstNode[];
  Colon?: IToken[];
  size?: IToken[];
  RBracket?: IToken[];
  LParen?: IToken[];
  inner?: ArithCstNode[];
  RParen?: IToken[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  filter(children: FilterCstChildren, param?: IN): OUT;
  expr(children: ExprCstChildren, param?: IN): OUT;
  operand(children: OperandCstChildren, param?: IN): OUT;
  negation(children: NegationCstChildren, param?: IN): OUT;
  group(children: GroupCstChildren, param?: IN): OUT;
  primitive(children: PrimitiveCstChildren, param?: IN): OUT;
  dqual(children: DqualCstChildren, param?: IN): OUT;
  aqual(children: AqualCstChildren, param?: IN): OUT;
  valueExpr(children: ValueExprCstChildren, param?: IN): OUT;
  valueList(children: ValueListCstChildren, param?: IN): OUT;
  address(children: AddressCstChildren, param?: IN): OUT;
  special(children: SpecialCstChildren, param?: IN): OUT;
  word(children: WordCstChildren, param?: IN): OUT;
  fieldValue(children: FieldValueCstChildren, param?: IN): OUT;
  relation(children: RelationCstChildren, param?: IN): OUT;
  relop(children: RelopCstChildren, param?: IN): OUT;
  arith(children: ArithCstChildren, param?: IN): OUT;
  bitXor(children: BitXorCstChildren, param?: IN): OUT;
  bitAnd(children: BitAndCstChildren, param?: IN): OUT;
  shift(children: ShiftCstChildren, param?: IN): OUT;
  additive(children: AdditiveCstChildren, param?: IN): OUT;
  multiplicative(children: MultiplicativeCstChildren, param?: IN): OUT;
  unary(children: UnaryCstChildren, param?: IN): OUT;
  primary(children: PrimaryCstChildren, param?: IN): OUT;
}
