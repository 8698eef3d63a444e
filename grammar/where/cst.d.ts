import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface WhereCstNode extends CstNode {
  name: "where";
  children: WhereCstChildren;
}

export type WhereCstChildren = {
  expr?: ExprCstNode[];
};

export interface ExprCstNode extends CstNode {
  name: "expr";
  children: ExprCstChildren;
}

export type ExprCstChildren = {
  operand: (ConjCstNode)[];
  op?: IToken[];
};

export interface ConjCstNode extends CstNode {
  name: "conj";
  children: ConjCstChildren;
}

export type ConjCstChildren = {
  operand: (UnaryCstNode)[];
  op?: IToken[];
};

export interface UnaryCstNode extends CstNode {
  name: "unary";
  children: UnaryCstChildren;
}

export type UnaryCstChildren = {
  Not?: IToken[];
  negated?: UnaryCstNode[];
  atom?: AtomCstNode[];
};

export interface AtomCstNode extends CstNode {
  name: "atom";
  children: AtomCstChildren;
}

export type AtomCstChildren = {
  LParen?: IToken[];
  expr?: ExprCstNode[];
  RParen?: IToken[];
  test?: TestCstNode[];
};

export interface TestCstNode extends CstNode {
  name: "test";
  children: TestCstChildren;
}

export type TestCstChildren = {
  side?: IToken[];
  field: IToken[];
  relop?: RelopCstNode[];
  value?: IToken[];
  countOp?: RelopCstNode[];
  count?: IToken[];
};

export interface RelopCstNode extends CstNode {
  name: "relop";
  children: RelopCstChildren;
}

export type RelopCstChildren = {
  op?: (IToken)[];
};

export interface ICstNodeVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  where(children: WhereCstChildren, param?: IN): OUT;
  expr(children: ExprCstChildren, param?: IN): OUT;
  conj(children: ConjCstChildren, param?: IN): OUT;
  unary(children: UnaryCstChildren, param?: IN): OUT;
  atom(children: AtomCstChildren, param?: IN): OUT;
  test(children: TestCstChildren, param?: IN): OUT;
  relop(children: RelopCstChildren, param?: IN): OUT;
}
