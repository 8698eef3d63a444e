// CST → typed WhereNode: checks each test's field, side, operator and values (codes, units, addresses).

import type { CstNode, IToken } from 'chevrotain';
import { FINDINGS, type FindingCode } from '../../src/model/findings';
import { CONNECTION_SEVERITIES, VERDICT_CODES, ZEEK_CONN_STATES, severityOf, type VerdictCode, type ZeekConnState } from '../../src/model/verdict';
import type { NumericField, Span, WhereError, WhereNode, WhereOp, WhereSide, WhereTest } from './ast';
import type { AtomCstNode, ConjCstNode, ExprCstNode, RelopCstNode, TestCstNode, UnaryCstNode } from './cst';

/** The fields, in the order error messages list them. */
export const WHERE_FIELDS = ['host', 'port', 'conn', 'verdict', 'severity', 'state', 'conn_state', 'finding', 'bytes', 'packets', 'duration', 'retrans', 'rtt'] as const;
export const WHERE_OPS: readonly WhereOp[] = ['=', '!=', '<', '<=', '>', '>='];
const EQUALITY: readonly WhereOp[] = ['=', '!='];
/** Fields a side (`client`/`src`, `server`/`dst`) applies to. */
export const SIDED_FIELDS = ['host', 'port', 'bytes', 'packets'] as const;

/** A connection id as --conn takes it: `c3`, or `NAME#c3`. */
export const CONN_ID = /^(.+#)?c\d+$/;

/** An error thrown inside the builder, carried out by parseWhere as a value. */
export class WhereFail extends Error {
  constructor(readonly error: WhereError) {
    super(error.code);
  }
}

const tokSpan = (t: IToken): Span => ({ start: t.startOffset, end: t.endOffset! + 1 });
const nodeSpan = (n: CstNode): Span => ({ start: n.location!.startOffset, end: n.location!.endOffset! + 1 });

/** A value token's text: a quoted string without its quotes. */
const valueText = (t: IToken): string => (t.tokenType.name === 'Quoted' ? t.image.slice(1, -1) : t.image);

function fail(at: Span, token: string, code: WhereError['code'], more: Partial<WhereError> = {}): never {
  throw new WhereFail({ code, start: at.start, end: at.end, token, ...more });
}

/** Byte and packet counts: a whole number with an optional k/M/G/T (×1000) or Ki/Mi/Gi/Ti (×1024) and an optional B. */
const COUNT = /^(\d+(?:\.\d+)?)(?:([kKmMgGtT])(i?))?[bB]?$/;
const SCALE: Record<string, number> = { k: 1, m: 2, g: 3, t: 4 };
/** Times: a number with an optional unit; bare means seconds (duration) or milliseconds (rtt). */
const TIME = /^(\d+(?:\.\d+)?)(us|µs|ms|s|m|min|h)?$/;
const TIME_UNIT: Record<string, number> = { us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, min: 60, h: 3600 };

function countValue(text: string, bytes: boolean): number | null {
  const m = COUNT.exec(text);
  if (m === null) return null;
  if (!bytes && /[bB]$/.test(text)) return null;
  if (!bytes && m[3] === 'i') return null;
  const base = m[3] === 'i' ? 1024 : 1000;
  const n = Number(m[1]) * (m[2] ? base ** SCALE[m[2].toLowerCase()] : 1);
  return Number.isInteger(n) && Number.isSafeInteger(n) ? n : null;
}

function timeValue(text: string, bareUnit: number): number | null {
  const m = TIME.exec(text);
  if (m === null) return null;
  return Number(m[1]) * (m[2] ? TIME_UNIT[m[2]] : bareUnit);
}

/** `a.b.c.d` → its four bytes, else null. */
function ipv4Bytes(s: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m === null) return null;
  const b = m.slice(1).map(Number);
  return b.every((x) => x <= 255) ? b : null;
}

/** An IPv6 address (`::`, embedded IPv4 tail) → its 16 bytes, else null. */
export function ipv6Bytes(s: string): number[] | null {
  if (!s.includes(':') || s.length > 45) return null;
  let tail: number[] = [];
  let text = s;
  const v4 = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (v4) {
    const b = ipv4Bytes(v4[2]);
    if (b === null) return null;
    tail = b;
    // `::ffff:1.2.3.4` → `::ffff` and the four bytes; `::1.2.3.4` → `::`.
    text = v4[1].endsWith('::') ? v4[1] : v4[1].slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (left === null || right === null) return null;
  const want = 8 - tail.length / 2;
  let all: number[];
  if (halves.length === 2) {
    if (left.length + right.length > want - 1) return null;
    all = [...left, ...new Array<number>(want - left.length - right.length).fill(0), ...right];
  } else {
    if (left.length !== want) return null;
    all = left;
  }
  return [...all.flatMap((g) => [g >> 8, g & 0xff]), ...tail];
}

/** The address's bytes (4 or 16), or null for a host name. */
export function addressBytes(s: string): number[] | null {
  return ipv4Bytes(s) ?? ipv6Bytes(s);
}

const opOf = (r: RelopCstNode): WhereOp => {
  const t = r.children.op![0].image;
  return (t === '==' ? '=' : t) as WhereOp;
};

/** Valid finding codes, also without their `tcp.` prefix (`dup_ack`). */
function findingCode(text: string): FindingCode | null {
  const t = text.toLowerCase();
  const code = t.startsWith('tcp.') ? t : `tcp.${t}`;
  return code in FINDINGS ? (code as FindingCode) : null;
}

export class WhereBuilder {
  constructor(private readonly text: string) {}

  expr(node: ExprCstNode): WhereNode {
    return this.chain('or', node.children.operand.map((c) => this.conj(c)), node);
  }

  private conj(node: ConjCstNode): WhereNode {
    return this.chain('and', node.children.operand.map((u) => this.unary(u)), node);
  }

  private chain(kind: 'and' | 'or', operands: WhereNode[], node: CstNode): WhereNode {
    if (operands.length === 1) return operands[0];
    // `(a and b) and c` stays flat: one node of three operands.
    const flat = operands.flatMap((o) => (o.kind === kind ? o.operands : [o]));
    return { kind, operands: flat, ...nodeSpan(node) };
  }

  private unary(node: UnaryCstNode): WhereNode {
    const c = node.children;
    if (c.negated) return { kind: 'not', operand: this.unary(c.negated[0]), ...nodeSpan(node) };
    return this.atom(c.atom![0]);
  }

  private atom(node: AtomCstNode): WhereNode {
    const c = node.children;
    if (c.expr) return { ...this.expr(c.expr[0]), ...nodeSpan(node) };
    return { kind: 'test', test: this.test(c.test![0]), ...nodeSpan(node) };
  }

  private test(node: TestCstNode): WhereTest {
    const c = node.children;
    const fieldTok = c.field[0];
    const fieldWord = valueText(fieldTok).toLowerCase();
    if (!(WHERE_FIELDS as readonly string[]).includes(fieldWord) || fieldTok.tokenType.name === 'Quoted') {
      fail(tokSpan(fieldTok), fieldTok.image, 'unknown-field', { known: WHERE_FIELDS });
    }
    const field = fieldWord === 'conn_state' ? 'state' : fieldWord;
    const sideTok = c.side?.[0];
    const side: WhereSide = sideTok ? (sideTok.tokenType.name === 'Client' ? 'client' : 'server') : 'either';
    if (sideTok && !(SIDED_FIELDS as readonly string[]).includes(field)) {
      fail(tokSpan(sideTok), sideTok.image, 'no-side', { field, known: SIDED_FIELDS });
    }
    const relop = c.relop?.[0];
    const op: WhereOp | null = relop ? opOf(relop) : null;
    const valueTok = c.value?.[0];
    // What the field needs after it: a value, and for most an operator.
    if (valueTok === undefined) {
      const at = relop ? nodeSpan(relop) : tokSpan(fieldTok);
      this.endsEarly(at, field);
    }
    const v = valueText(valueTok);
    const vSpan = tokSpan(valueTok);
    const opSpan = relop ? nodeSpan(relop) : vSpan;
    const onlyEq = (): '=' | '!=' => {
      if (op !== null && !EQUALITY.includes(op)) fail(opSpan, relop!.children.op![0].image, 'bad-op', { field, known: EQUALITY });
      return op === '!=' ? '!=' : '=';
    };
    const needsOp = (): WhereOp => {
      if (op === null) fail(tokSpan(fieldTok), fieldTok.image, 'needs-op', { field, known: WHERE_OPS });
      return op;
    };
    if (c.count && field !== 'finding') {
      const t = c.countOp![0];
      fail(nodeSpan(t), t.children.op![0].image, 'syntax');
    }
    switch (field) {
      case 'host': {
        const o = onlyEq();
        const slash = v.lastIndexOf('/');
        if (slash >= 0) {
          const addr = addressBytes(v.slice(0, slash));
          const bits = /^\d{1,3}$/.test(v.slice(slash + 1)) ? Number(v.slice(slash + 1)) : NaN;
          if (addr === null || !(bits <= addr.length * 8)) fail(vSpan, valueTok.image, 'bad-host');
          return { field: 'host', side, op: o, host: v, prefix: { family: addr.length === 4 ? 4 : 6, bits, addr } };
        }
        if (v === '') fail(vSpan, valueTok.image, 'bad-host');
        return { field: 'host', side, op: o, host: v.replace(/^\[(.*)\]$/, '$1'), prefix: null };
      }
      case 'port': {
        const n = /^\d{1,5}$/.test(v) ? Number(v) : NaN;
        if (!(n <= 65535)) fail(vSpan, valueTok.image, 'bad-port');
        return { field: 'port', side, op: op ?? '=', value: n };
      }
      case 'conn': {
        const o = onlyEq();
        if (!CONN_ID.test(v)) fail(vSpan, valueTok.image, 'bad-conn');
        return { field: 'conn', op: o, id: v };
      }
      case 'verdict': {
        const o = onlyEq();
        const code = v.toLowerCase();
        if (!(VERDICT_CODES as readonly string[]).includes(code)) fail(vSpan, valueTok.image, 'bad-verdict', { known: VERDICT_CODES });
        return { field: 'verdict', op: o, value: code as VerdictCode };
      }
      case 'state': {
        const o = onlyEq();
        const s = v.toUpperCase();
        if (!(ZEEK_CONN_STATES as readonly string[]).includes(s)) fail(vSpan, valueTok.image, 'bad-state', { known: ZEEK_CONN_STATES });
        return { field: 'state', op: o, value: s as ZeekConnState };
      }
      case 'severity': {
        // `severity warn+` as --severity warn+ (at or above); bare `severity warn` is ambiguous: at or above, or exactly?
        const plus = op === null && v.endsWith('+');
        const level = severityOf(plus ? v.slice(0, -1) : v);
        if (level === null) fail(vSpan, valueTok.image, 'bad-severity', { known: CONNECTION_SEVERITIES });
        return { field: 'severity', op: plus ? '>=' : needsOp(), value: level };
      }
      case 'finding': {
        if (op !== null) fail(opSpan, relop!.children.op![0].image, 'syntax');
        const code = findingCode(v);
        if (code === null) fail(vSpan, valueTok.image, 'bad-finding', { known: Object.keys(FINDINGS) });
        if (!c.count) return { field: 'finding', code, op: '>', value: 0 };
        const countTok = c.count[0];
        const n = countValue(valueText(countTok), false);
        if (n === null) fail(tokSpan(countTok), countTok.image, 'bad-number', { field: 'finding' });
        return { field: 'finding', code, op: opOf(c.countOp![0]), value: n };
      }
      default: {
        const f = field as NumericField;
        const o = needsOp();
        const n = f === 'duration' ? timeValue(v, 1) : f === 'rtt' ? timeValue(v, 1e-3) : countValue(v, f === 'bytes');
        if (n === null) fail(vSpan, valueTok.image, 'bad-number', { field: f });
        return { field: f, side, op: o, value: n };
      }
    }
  }

  /** The text ended (or a connective came) where the field's value should be. */
  private endsEarly(after: Span, field: string): never {
    const rest = this.text.slice(after.end);
    const next = /^\s*(\S+)/.exec(rest);
    if (next) {
      const start = after.end + rest.indexOf(next[1]);
      // The next token is a connective or a parenthesis: the value is missing before it.
      return fail({ start, end: start + next[1].length }, next[1], 'syntax', { field });
    }
    return fail({ start: this.text.length, end: this.text.length }, '', 'ends-early', { field });
  }
}
