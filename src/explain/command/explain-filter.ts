// A pcap-filter tree → indented lines of plain words, each tied to the part of the filter text it explains.

import type { ArithNode, FilterNode, FilterValue } from '../../../grammar/pcap-filter/index';
import { formatArith } from '../../../grammar/pcap-filter/index';
import { servicePort } from '../../../grammar/services';
import type { CmdMessages, FieldName } from './messages';
import { portName } from './port-names';

export interface FilterLine {
  depth: number;
  /** The filter text this line explains (empty for the "all of:" / "any of:" headers). */
  source: string;
  text: string;
  start: number;
  end: number;
}

/** Well-known header fields read by `proto[offset:size]` (RFC 791, RFC 9293 §3.1, RFC 768, RFC 792). */
const FIELDS: Record<string, FieldName> = {
  'ip:0:1': 'ip.vhl', 'ip:1:1': 'ip.tos', 'ip:2:2': 'ip.len', 'ip:4:2': 'ip.id', 'ip:6:2': 'ip.frag', 'ip:8:1': 'ip.ttl',
  'ip:9:1': 'ip.proto', 'ip:12:4': 'ip.src', 'ip:16:4': 'ip.dst', 'ip:16:1': 'ip.dst0',
  'tcp:0:2': 'tcp.sport', 'tcp:2:2': 'tcp.dport', 'tcp:4:4': 'tcp.seq', 'tcp:8:4': 'tcp.ack', 'tcp:12:1': 'tcp.off',
  'tcp:13:1': 'tcp.flags', 'tcp:14:2': 'tcp.win',
  'udp:0:2': 'udp.sport', 'udp:2:2': 'udp.dport', 'udp:4:2': 'udp.len',
  'icmp:0:1': 'icmp.type', 'icmp:1:1': 'icmp.code', 'icmp6:0:1': 'icmp6.type', 'icmp6:1:1': 'icmp6.code',
  'ether:0:1': 'ether.dst0', 'link:0:1': 'ether.dst0',
};

/** TCP flag bits in header order (RFC 9293 §3.1, RFC 3168). */
const TCP_FLAG_BITS: ReadonlyArray<[string, number]> = [
  ['FIN', 0x01], ['SYN', 0x02], ['RST', 0x04], ['PSH', 0x08], ['ACK', 0x10], ['URG', 0x20], ['ECE', 0x40], ['CWR', 0x80],
];

/** The value of a constant expression (numbers and operators only), or null. */
function constValue(a: ArithNode): number | null {
  switch (a.kind) {
    case 'num':
      return a.value;
    case 'neg': {
      const v = constValue(a.operand);
      return v === null ? null : (-v) >>> 0;
    }
    case 'binary': {
      const l = constValue(a.left);
      const r = constValue(a.right);
      if (l === null || r === null) return null;
      const ops: Record<string, (x: number, y: number) => number> = {
        '+': (x, y) => x + y, '-': (x, y) => x - y, '*': (x, y) => x * y, '/': (x, y) => (y ? Math.floor(x / y) : NaN),
        '%': (x, y) => (y ? x % y : NaN), '&': (x, y) => x & y, '|': (x, y) => x | y, '^': (x, y) => x ^ y,
        '<<': (x, y) => x << y, '>>': (x, y) => x >>> y,
      };
      const v = ops[a.op](l, r);
      return Number.isFinite(v) ? v >>> 0 : null;
    }
    default:
      return null;
  }
}

function isTcpFlagsByte(a: ArithNode): boolean {
  return a.kind === 'load' && a.proto === 'tcp' && a.size === 1 && constValue(a.offset) === 13;
}

const flagNames = (bits: number) => TCP_FLAG_BITS.filter(([, b]) => bits & b).map(([n]) => n);

/** `tcp[13] & M != 0`, `tcp[tcpflags] & M == M`, `tcp[13] == 2`: the TCP-flag idioms of tcpdump(1), in words. */
function flagIdiom(n: Extract<FilterNode, { kind: 'relation' }>, m: CmdMessages): string | null {
  const right = constValue(n.right);
  if (right === null) return null;
  if (isTcpFlagsByte(n.left)) {
    if (n.op === '==') return m.filter.flags({ mode: 'exactly', names: flagNames(right), negated: false });
    if (n.op === '!=') return m.filter.flags({ mode: 'exactly', names: flagNames(right), negated: true });
    return null;
  }
  if (n.left.kind === 'binary' && n.left.op === '&' && isTcpFlagsByte(n.left.left)) {
    const mask = constValue(n.left.right);
    if (mask === null || mask === 0) return null;
    const names = flagNames(mask);
    if (right === 0 && n.op === '!=') return m.filter.flags({ mode: names.length === 1 ? 'all' : 'any', names, negated: false });
    if (right === 0 && n.op === '==') return m.filter.flags({ mode: 'none', names, negated: false });
    if (right === mask && n.op === '==') return m.filter.flags({ mode: 'all', names, negated: false });
    if (right === mask && n.op === '!=') return m.filter.flags({ mode: 'all', names, negated: true });
  }
  return null;
}

function arithWords(a: ArithNode, m: CmdMessages): string {
  switch (a.kind) {
    case 'len':
      return m.filter.len;
    case 'load': {
      const off = constValue(a.offset);
      const field = off === null ? null : (FIELDS[`${a.proto === 'ether' ? 'ether' : a.proto}:${off}:${a.size}`] ?? null);
      const words = m.filter.load({ proto: a.proto, offset: off === null ? formatArith(a.offset) : String(off), size: a.size, field });
      return field ? `${words} (${m.filter.field[field]})` : words;
    }
    default:
      return formatArith(a);
  }
}

function prefixOf(v: FilterValue): number | null {
  if (v.kind === 'ipv4') return v.parts * 8;
  if (v.kind === 'number') return 8;
  if (v.kind === 'cidr') return v.prefix;
  return null;
}

function serviceOf(n: Extract<FilterNode, { kind: 'primitive' }>): string | null {
  if (n.type !== 'port') return null;
  if (n.value.kind === 'number' && n.value.value !== null) return portName(n.value.value);
  if (n.value.kind === 'name') {
    const p = servicePort(n.value.text);
    return p === null ? null : String(p);
  }
  return null;
}

function leafText(n: FilterNode, m: CmdMessages, negated: boolean): string {
  switch (n.kind) {
    case 'primitive': {
      const text = m.filter.primitive({
        type: n.type ?? 'host',
        dir: n.dir,
        proto: n.proto,
        value: n.value.kind === 'name' && n.value.escaped ? n.value.text : n.value.text,
        valueKind: n.value.kind,
        service: serviceOf(n),
        prefix: n.type === 'net' ? prefixOf(n.value) : null,
        inherited: n.inherited,
        negated,
      });
      if (!n.inherited) return text;
      const quals = [n.proto, n.dir, n.type].filter((x) => x !== null).join(' ');
      return `${text} (${m.filter.inherited(quals)})`;
    }
    case 'protocol':
      return m.filter.protocol(n.proto);
    case 'relation':
      return flagIdiom(n, m) ?? m.filter.relation({ left: arithWords(n.left, m), op: n.op, right: arithWords(n.right, m) });
    case 'special':
      return m.filter.special({ name: n.name, proto: n.proto, args: n.args });
    default:
      return '';
  }
}

/** Flattens a chain of one operator (`a and b and c`) into one list, as people read it. */
function chain(n: FilterNode, kind: 'and' | 'or'): FilterNode[] {
  if (n.kind === kind) return [...chain(n.left, kind), ...chain(n.right, kind)];
  return [n];
}

export function explainFilterTree(node: FilterNode, text: string, m: CmdMessages, depth = 0): FilterLine[] {
  const src = (x: FilterNode) => text.slice(x.start, x.end);
  if (node.kind === 'and' || node.kind === 'or') {
    const head: FilterLine = { depth, source: '', text: node.kind === 'and' ? m.filter.allOf : m.filter.anyOf, start: node.start, end: node.end };
    return [head, ...chain(node, node.kind).flatMap((c) => explainFilterTree(c, text, m, depth + 1))];
  }
  if (node.kind === 'not') {
    const inner = node.operand;
    if (inner.kind === 'and' || inner.kind === 'or' || inner.kind === 'not') {
      return [{ depth, source: src(node), text: m.filter.not(''), start: node.start, end: node.end }, ...explainFilterTree(inner, text, m, depth + 1)];
    }
    return [{ depth, source: src(node), text: m.filter.not(leafText(inner, m, true)), start: node.start, end: node.end }];
  }
  return [{ depth, source: src(node), text: leafText(node, m, false), start: node.start, end: node.end }];
}
