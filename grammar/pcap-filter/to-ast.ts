// CST → FilterNode: qualifier repetition (`host a or b`), libpcap's semantic checks (gencode.c), notes for learners.

import type { CstNode, IToken } from 'chevrotain';
import type {
  AddressCstNode,
  ArithCstNode,
  ExprCstNode,
  OperandCstNode,
  PrimaryCstNode,
  PrimitiveCstNode,
  RelationCstNode,
  SpecialCstNode,
  UnaryCstNode,
  ValueExprCstNode,
  WordCstNode,
} from './cst';
import type { ArithNode, ArithOp, FilterDir, FilterIssue, FilterIssueCode, FilterNode, FilterType, FilterValue, RelOp, Span } from './ast';
import { FILTER_ERROR_CODES } from './ast';
import type { WordMatch } from './scan-word';

interface Quals {
  proto: string | null;
  dir: FilterDir | null;
  type: FilterType | null;
}

/** Protocol qualifiers each type qualifier accepts (pcap-filter(7) "not all combinations ... are valid"). */
const LINK_WORDS = new Set(['link', 'ether', 'ppp', 'slip', 'fddi', 'tr', 'wlan']);
const PROTOS_FOR_TYPE: Record<FilterType, ReadonlySet<string> | null> = {
  host: new Set([...LINK_WORDS, 'ip', 'ip6', 'arp', 'rarp', 'decnet']),
  net: new Set(['ip', 'ip6', 'arp', 'rarp']),
  gateway: new Set(['ip', 'arp', 'rarp']),
  port: new Set(['tcp', 'udp', 'sctp']),
  portrange: new Set(['tcp', 'udp', 'sctp']),
  proto: new Set([...LINK_WORDS, 'ip', 'ip6', 'iso', 'isis']),
  protochain: new Set(['ip', 'ip6']),
};
/** Headers that `proto[...]` reads only in IPv4 packets (pcap-filter(7) BUGS). */
const TRANSPORT_LOADS = new Set(['tcp', 'udp', 'icmp', 'sctp', 'igmp', 'pim', 'igrp', 'vrrp', 'carp']);
const PLACEHOLDER = /^(?:\d{1,3}|[xX*?]+)(?:\.(?:\d{1,3}|[xX*?]+)){1,3}$/;

const tokSpan = (t: IToken): Span => ({ start: t.startOffset, end: t.startOffset + t.image.length });
const nodeSpan = (n: CstNode): Span => ({ start: n.location!.startOffset, end: n.location!.endOffset! + 1 });
const join = (a: Span, b: Span): Span => ({ start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });

/** Dotted IPv4 text (1-4 parts, each decimal/hex/octal like inet_aton) → 32-bit value, left-aligned as libpcap's __pcap_atoin does. */
function ipv4Value(text: string): number | null {
  const parts = text.split('.');
  let v = 0;
  for (const p of parts) {
    const n = /^0[xX]/.test(p) ? parseInt(p, 16) : p.length > 1 && p[0] === '0' ? parseInt(p, 8) : Number(p);
    if (!Number.isFinite(n) || n > 255) return null;
    v = v * 256 + n;
  }
  return v * 256 ** (4 - parts.length);
}

export class FilterBuilder {
  readonly issues: FilterIssue[] = [];
  private last: Quals | null = null;

  constructor(private readonly text: string) {}

  issue(code: FilterIssueCode, span: Span, message: string, detail?: string): void {
    const { start, end } = span;
    const token = start >= this.text.length ? 'end of input' : this.text.slice(start, end);
    this.issues.push({ code, severity: FILTER_ERROR_CODES.has(code) ? 'error' : 'note', start, end, token, message, ...(detail === undefined ? {} : { detail }) });
  }

  expr(node: ExprCstNode): FilterNode {
    const operands = node.children.operand;
    const ops = node.children.op ?? [];
    let acc = this.operand(operands[0]);
    for (let i = 1; i < operands.length; i++) {
      const right = this.operand(operands[i]);
      const kind = ops[i - 1].tokenType.name === 'AndWord' || ops[i - 1].tokenType.name === 'AndSym' ? 'and' : 'or';
      acc = { kind, left: acc, right, ...join(acc, right) };
    }
    const kinds = new Set(ops.map((t) => (t.tokenType.name.startsWith('And') ? 'and' : 'or')));
    if (kinds.size === 2) {
      // pcap-filter(7): "Alternation and concatenation have equal precedence and associate left to right."
      this.issue('mixed-and-or', nodeSpan(node), 'and/or mixed without parentheses: they have equal precedence and group left to right', formatFilter(acc));
    }
    return acc;
  }

  operand(node: OperandCstNode): FilterNode {
    const c = node.children;
    if (c.negation) {
      const inner = this.operand(c.negation[0].children.operand[0]);
      return { kind: 'not', operand: inner, ...nodeSpan(node) };
    }
    if (c.relation) {
      this.last = null;
      return this.relation(c.relation[0]);
    }
    if (c.group) {
      // grammar.y `paren expr ')'`: the group's qualifiers are those before the parenthesis.
      const before = this.last;
      const inner = this.expr(c.group[0].children.expr[0]);
      this.last = before;
      return { ...inner, ...nodeSpan(node) };
    }
    if (c.primitive) return this.primitive(c.primitive[0]);
    if (c.special) {
      this.last = null;
      return this.special(c.special[0]);
    }
    if (c.protoAbbrev) {
      this.last = null;
      return { kind: 'protocol', proto: c.protoAbbrev[0].image, ...tokSpan(c.protoAbbrev[0]) };
    }
    const address = c.bareValue![0];
    const value = this.address(address);
    if (this.last === null) {
      this.issue('no-qualifier', value, `"${value.text}" has no qualifier (host, net, port...) before it, and none to repeat`);
      return { kind: 'primitive', proto: null, dir: null, type: null, value, inherited: false, start: value.start, end: value.end };
    }
    return this.makePrimitive(this.last, value, true, value);
  }

  primitive(node: PrimitiveCstNode): FilterNode {
    const c = node.children;
    const proto = c.proto ? c.proto[0].image : null;
    let dir: FilterDir | null = null;
    const dq = c.dqual?.[0];
    if (dq) {
      const dirs = dq.children.dir ?? [];
      if (dirs.length === 2) dir = dq.children.join![0].tokenType.name.startsWith('And') ? 'src and dst' : 'src or dst';
      else {
        const w = dirs[0].image;
        dir = (w.startsWith('address') ? `addr${w.slice(-1)}` : w) as FilterDir;
      }
    }
    const type = c.aqual ? (c.aqual[0].children.type![0].image as FilterType) : null;
    const quals: Quals = { proto, dir, type };
    this.last = quals;
    return this.valueExpr(c.valueExpr[0], quals, false, nodeSpan(node));
  }

  /** Values after one qualifier list: the first is written with it, later ones in a `( a or b )` list repeat it. */
  private valueExpr(node: ValueExprCstNode, quals: Quals, inherited: boolean, outer: Span): FilterNode {
    const c = node.children;
    if (c.negated) {
      const inner = this.valueExpr(c.negated[0], quals, inherited, nodeSpan(c.negated[0]));
      return { kind: 'not', operand: inner, ...nodeSpan(node) };
    }
    if (c.valueList) {
      const items = c.valueList[0].children.valueExpr;
      const ops = c.valueList[0].children.op ?? [];
      let acc = this.valueExpr(items[0], quals, inherited, nodeSpan(items[0]));
      for (let i = 1; i < items.length; i++) {
        const right = this.valueExpr(items[i], quals, true, nodeSpan(items[i]));
        const kind = ops[i - 1].tokenType.name.startsWith('And') ? 'and' : 'or';
        acc = { kind, left: acc, right, ...join(acc, right) };
      }
      return acc;
    }
    let value: FilterValue;
    if (c.keywordValue) {
      const t = c.keywordValue[0];
      value = { kind: 'keyword', text: t.image, ...tokSpan(t) };
    } else {
      value = this.address(c.address![0]);
    }
    return this.makePrimitive(quals, value, inherited, inherited ? value : join(outer, value));
  }

  private makePrimitive(quals: Quals, value: FilterValue, inherited: boolean, span: Span): FilterNode {
    this.checkPrimitive(quals, value);
    return { kind: 'primitive', proto: quals.proto, dir: quals.dir, type: quals.type, value, inherited, start: span.start, end: span.end };
  }

  /** The checks gencode.c makes when it turns a primitive into code, and the notes a learner needs. */
  private checkPrimitive(q: Quals, v: FilterValue): void {
    const type: FilterType = q.type ?? 'host';
    if (q.proto && q.type) {
      const allowed = PROTOS_FOR_TYPE[q.type];
      if (allowed && !allowed.has(q.proto)) this.issue('bad-combination', v, `"${q.proto} ${q.type}" is not a valid combination`, `${q.proto} ${q.type}`);
    }
    if (v.kind === 'keyword') {
      this.issue('keyword-needs-escape', v, `"${v.text}" is a keyword here; write it as \\${v.text}`, `\\${v.text}`);
      return;
    }
    // inet_aton-style parts above 255 (libpcap __pcap_atoin): no such IPv4 address.
    const dotted = v.kind === 'ipv4' ? [v.text] : v.kind === 'cidr' && v.family === 4 ? [v.addr] : v.kind === 'netmask' ? [v.addr, v.mask] : [];
    for (const d of dotted) {
      if (ipv4Value(d) === null) {
        this.issue('bad-address', v, `invalid IPv4 address ${d}`);
        return;
      }
    }
    const onAddress = v.kind === 'ipv4' || v.kind === 'ipv6' || v.kind === 'cidr' || v.kind === 'netmask';
    if ((type === 'port' || type === 'portrange' || type === 'proto' || type === 'protochain') && onAddress) {
      this.issue('port-on-address', v, `'${type}' modifier applied to IP address`, type);
      return;
    }
    if (type === 'port' && v.kind === 'number' && v.value !== null && v.value > 65535) {
      this.issue('bad-port', v, `port ${v.text} is beyond 65535`);
    }
    if (type === 'portrange' && v.kind === 'name' && v.range) {
      if (v.range[0] > 65535 || v.range[1] > 65535) this.issue('bad-port', v, `port range ${v.text} is beyond 65535`);
    }
    if ((type === 'host' || type === 'gateway') && (v.kind === 'cidr' || v.kind === 'netmask')) {
      this.issue('mask-on-host', v, 'mask syntax for networks only', `net ${v.text}`);
    }
    if (v.kind === 'cidr') {
      const max = v.family === 4 ? 32 : 128;
      if (v.prefix > max) this.issue('bad-prefix', v, `prefix length ${v.prefix} is beyond ${max}`);
      else if (v.family === 4) {
        const addr = ipv4Value(v.addr);
        if (addr !== null && v.prefix < 32 && addr % 2 ** (32 - v.prefix) !== 0) {
          const net = addr - (addr % 2 ** (32 - v.prefix));
          const dotted = [24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join('.');
          this.issue('host-bits-set', v, `non-network bits set in "${v.text}"`, `${dotted}/${v.prefix}`);
        }
      }
    }
    if (type === 'net' && v.kind === 'ipv4' && v.parts === 4) {
      const a = ipv4Value(v.text);
      const host = a !== null && a !== 0;
      // gencode.c: a dotted quad gets mask 255.255.255.255, so `net 202.0.0.0` matches one address only.
      if (host) {
        const trimmed = v.text.replace(/(\.0)+$/, '');
        const zeros = (v.text.match(/(\.0)+$/)?.[0].length ?? 0) / 2;
        this.issue('net-dotted-quad', v, `net ${v.text} uses mask /32 (a dotted quad is a host match)`, zeros > 0 ? `net ${trimmed} or net ${v.text}/${32 - zeros * 8}` : `host ${v.text}`);
      }
    }
    if (v.kind === 'name' && !v.escaped && (type === 'host' || type === 'net' || type === 'gateway')) {
      if (PLACEHOLDER.test(v.text) && /[xX*?]/.test(v.text)) {
        this.issue('placeholder-address', v, `"${v.text}" looks like an address with digits masked out; tcpdump would look it up as a host name`);
      } else if (type !== 'net') {
        this.issue('name-lookup', v, `"${v.text}" is resolved to addresses once, when tcpdump starts`);
      }
    }
  }

  address(node: AddressCstNode): FilterValue {
    const c = node.children;
    if (c.Id) {
      const t = c.Id[0];
      const m = (t.payload as WordMatch | undefined)?.kind;
      const escaped = m === 'escaped-id';
      const text = escaped ? t.image.slice(1) : t.image;
      const r = /^(\d+)-(\d+)$/.exec(text);
      return { kind: 'name', text, escaped, range: r ? [Number(r[1]), Number(r[2])] : null, ...tokSpan(t) };
    }
    if (c.Hid) {
      const t = c.Hid[0];
      if (c.prefix) {
        const p = c.prefix[0];
        return { kind: 'cidr', text: `${t.image}/${p.image}`, addr: t.image, prefix: this.numberOf(p) ?? 0, family: 4, ...join(tokSpan(t), tokSpan(p)) };
      }
      if (c.mask) {
        const m = c.mask[0];
        return { kind: 'netmask', text: `${t.image} mask ${m.image}`, addr: t.image, mask: m.image, ...join(tokSpan(t), tokSpan(m)) };
      }
      return { kind: 'ipv4', text: t.image, parts: t.image.split('.').length, ...tokSpan(t) };
    }
    if (c.Hid6) {
      const t = c.Hid6[0];
      if (c.prefix) {
        const p = c.prefix[0];
        return { kind: 'cidr', text: `${t.image}/${p.image}`, addr: t.image, prefix: this.numberOf(p) ?? 0, family: 6, ...join(tokSpan(t), tokSpan(p)) };
      }
      return { kind: 'ipv6', text: t.image, ...tokSpan(t) };
    }
    if (c.Eid) {
      const t = c.Eid[0];
      if ((t.payload as WordMatch).kind === 'bogus-eid') this.issue('bogus-mac', tokSpan(t), `bogus ethernet address ${t.image}`);
      return { kind: 'mac', text: t.image, ...tokSpan(t) };
    }
    if (c.Aid) return { kind: 'arcnet', text: c.Aid[0].image, ...tokSpan(c.Aid[0]) };
    const t = c.Num![0];
    return { kind: 'number', text: t.image, value: this.numberOf(t), ...tokSpan(t) };
  }

  /** A NUM token's value; reports libpcap's number errors (non-octal digit, overflow). */
  numberOf(t: IToken): number | null {
    const m = t.payload as WordMatch;
    if (m.error) this.issue('bad-number', tokSpan(t), m.error);
    return m.value ?? null;
  }

  relation(node: RelationCstNode): FilterNode {
    const c = node.children;
    const opText = c.relop[0].children.op![0].image;
    const op = (opText === '=' ? '==' : opText) as RelOp;
    return { kind: 'relation', op, left: this.arith(c.left[0]), right: this.arith(c.right[0]), ...nodeSpan(node) };
  }

  /** All arithmetic levels share one shape: operands joined by left-associative operators. */
  arith(node: CstNode): ArithNode {
    if (node.name === 'unary') return this.unary(node as UnaryCstNode);
    const operands = node.children.operand as CstNode[];
    const ops = (node.children.op ?? []) as IToken[];
    let acc = this.arith(operands[0]);
    for (let i = 1; i < operands.length; i++) {
      const right = this.arith(operands[i]);
      acc = { kind: 'binary', op: ops[i - 1].image as ArithOp, left: acc, right, ...join(acc, right) };
    }
    return acc;
  }

  private unary(node: UnaryCstNode): ArithNode {
    const c = node.children;
    if (c.negated) return { kind: 'neg', operand: this.unary(c.negated[0]), ...nodeSpan(node) };
    return this.primary(c.primary![0]);
  }

  private primary(node: PrimaryCstNode): ArithNode {
    const c = node.children;
    if (c.Num) return { kind: 'num', text: c.Num[0].image, value: this.numberOf(c.Num[0]), ...tokSpan(c.Num[0]) };
    if (c.Len) return { kind: 'len', ...tokSpan(c.Len[0]) };
    if (c.inner) return { ...this.arith(c.inner[0] as ArithCstNode), ...nodeSpan(node) };
    const proto = c.proto![0].image;
    let size = 1;
    if (c.size) {
      size = this.numberOf(c.size[0]) ?? 1;
      if (size !== 1 && size !== 2 && size !== 4) this.issue('bad-load-size', tokSpan(c.size[0]), `data size must be 1, 2, or 4, not ${c.size[0].image}`);
    }
    if (TRANSPORT_LOADS.has(proto) && !this.issues.some((i) => i.code === 'ipv4-only-load')) {
      this.issue('ipv4-only-load', tokSpan(c.proto![0]), `${proto}[...] only looks at IPv4 packets`);
    }
    return { kind: 'load', proto, offset: this.arith(c.offset![0]), size, ...nodeSpan(node) };
  }

  special(node: SpecialCstNode): FilterNode {
    const c = node.children;
    const name = c.name![0].image;
    const args: string[] = [];
    for (const a of c.arg ?? []) {
      if ('image' in a) args.push(a.image);
      else {
        const w = (a as WordCstNode).children;
        args.push((w.Num ?? w.Id)![0].image);
      }
    }
    if (c.byteOp) args.splice(1, 0, c.byteOp[0].image);
    if (c.fieldValue) {
      const f = c.fieldValue[0].children;
      if (f.relop) args.push(f.relop[0].children.op![0].image);
      for (const n of f.Num ?? []) args.push(n.image);
    }
    for (const a of c.arg ?? []) if ('image' in a && a.tokenType.name === 'Num') this.numberOf(a);
    return { kind: 'special', name, proto: c.proto ? c.proto[0].image : null, args, ...nodeSpan(node) };
  }
}

function formatValue(v: FilterValue): string {
  if (v.kind === 'name' && v.escaped) return `\\${v.text}`;
  return v.text;
}

function formatArith(a: ArithNode): string {
  switch (a.kind) {
    case 'num':
      return a.text;
    case 'len':
      return 'len';
    case 'load':
      return `${a.proto}[${formatArith(a.offset)}${a.size === 1 ? '' : `:${a.size}`}]`;
    case 'neg':
      return `-${formatArith(a.operand)}`;
    case 'binary': {
      const side = (x: ArithNode) => (x.kind === 'binary' ? `(${formatArith(x)})` : formatArith(x));
      return `${side(a.left)} ${a.op} ${side(a.right)}`;
    }
  }
}

/** The filter with every qualifier written out and every and/or grouped explicitly: how libpcap reads it. */
export function formatFilter(n: FilterNode): string {
  switch (n.kind) {
    case 'and':
    case 'or': {
      // Left-associative: a chain of one operator needs no parentheses on its left.
      const binary = (x: FilterNode) => x.kind === 'and' || x.kind === 'or';
      const left = binary(n.left) && n.left.kind !== n.kind ? `(${formatFilter(n.left)})` : formatFilter(n.left);
      const right = binary(n.right) ? `(${formatFilter(n.right)})` : formatFilter(n.right);
      return `${left} ${n.kind} ${right}`;
    }
    case 'not': {
      const inner = formatFilter(n.operand);
      return n.operand.kind === 'and' || n.operand.kind === 'or' ? `not (${inner})` : `not ${inner}`;
    }
    case 'primitive':
      return [n.proto, n.dir, n.type, formatValue(n.value)].filter((x) => x !== null).join(' ');
    case 'protocol':
      return n.proto;
    case 'relation':
      return `${formatArith(n.left)} ${n.op} ${formatArith(n.right)}`;
    case 'special':
      return [n.proto, n.name, ...n.args].filter((x) => x !== null).join(' ');
  }
}

export { formatArith };
