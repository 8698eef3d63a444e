// Longest-match classification of one pcap-filter word at an offset, the way libpcap's flex scanner (scanner.l) picks a rule.

/** Which scanner.l rule wins at an offset. */
export type WordKind = 'keyword' | 'aid' | 'eid' | 'num' | 'hid' | 'hid6' | 'bogus-eid' | 'named-num' | 'id' | 'escaped-id';

export interface WordMatch {
  kind: WordKind;
  length: number;
  /** For `keyword`: the keyword as written (lower case, as libpcap only knows lower-case keywords). */
  keyword?: string;
  /** For `num` and `named-num`: the value; null when the digits are invalid (non-octal `08`, overflow). */
  value?: number | null;
  /** For an invalid `num`: libpcap's own message (scanner.l `stou`). */
  error?: string;
}

/**
 * Every keyword of scanner.l, mapped to the token it returns. Flex tries the longest match first, and on a tie
 * the earliest rule, so `hostx` is an ID but `host` is HOST, and `tcp-syn` (a named value) beats the ID rule.
 */
export const KEYWORDS: Readonly<Record<string, string>> = {
  dst: 'Dst', src: 'Src',
  link: 'PName', ether: 'PName', ppp: 'PName', slip: 'PName', fddi: 'PName', tr: 'PName', wlan: 'PName',
  arp: 'PName', rarp: 'PName', ip: 'PName', sctp: 'PName', tcp: 'PName', udp: 'PName', icmp: 'PName',
  igmp: 'PName', igrp: 'PName', pim: 'PName', vrrp: 'PName', carp: 'PName', radio: 'PName',
  ip6: 'PName', icmp6: 'PName', ah: 'PName', esp: 'PName',
  atalk: 'PName', aarp: 'PName', decnet: 'PName', lat: 'PName', sca: 'PName', moprc: 'PName', mopdl: 'PName',
  iso: 'PName', esis: 'PName', 'es-is': 'PName', isis: 'PName', 'is-is': 'PName',
  l1: 'PName', l2: 'PName', iih: 'PName', lsp: 'PName', snp: 'PName', csnp: 'PName', psnp: 'PName',
  clnp: 'PName', stp: 'PName', ipx: 'PName', netbeui: 'PName',
  host: 'Host', net: 'Net', mask: 'Mask', port: 'Port', portrange: 'Portrange', proto: 'Proto', protochain: 'Protochain',
  gateway: 'Gateway',
  type: 'Type', subtype: 'Subtype', direction: 'Dir', dir: 'Dir',
  address1: 'WlanAddr', addr1: 'WlanAddr', address2: 'WlanAddr', addr2: 'WlanAddr',
  address3: 'WlanAddr', addr3: 'WlanAddr', address4: 'WlanAddr', addr4: 'WlanAddr', ra: 'WlanAddr', ta: 'WlanAddr',
  less: 'Less', greater: 'Greater', byte: 'Byte', broadcast: 'Broadcast', multicast: 'Multicast',
  and: 'AndWord', or: 'OrWord', not: 'NotWord',
  len: 'Len', length: 'Len', inbound: 'Inbound', outbound: 'Outbound', ifindex: 'Ifindex',
  vlan: 'Vlan', mpls: 'Mpls', pppoed: 'Pppoed', pppoes: 'Pppoes', geneve: 'Geneve', vxlan: 'Vxlan',
  lane: 'AtmType', metac: 'AtmType', bcc: 'AtmType', oamf4ec: 'AtmType', oamf4sc: 'AtmType', sc: 'AtmType', ilmic: 'AtmType',
  oam: 'AtmMulti', oamf4: 'AtmMulti', connectmsg: 'AtmMulti', metaconnect: 'AtmMulti',
  vpi: 'AtmField', vci: 'AtmField', llc: 'Llc',
  on: 'PfName', ifname: 'PfName', rset: 'PfName', ruleset: 'PfName',
  rnr: 'PfNum', rulenum: 'PfNum', srnr: 'PfNum', subrulenum: 'PfNum',
  reason: 'PfReason', action: 'PfAction',
  fisu: 'Mtp2Type', lssu: 'Mtp2Type', lsu: 'Mtp2Type', msu: 'Mtp2Type', hfisu: 'Mtp2Type', hlssu: 'Mtp2Type', hmsu: 'Mtp2Type',
  sio: 'Mtp3Field', opc: 'Mtp3Field', dpc: 'Mtp3Field', sls: 'Mtp3Field',
  hsio: 'Mtp3Field', hopc: 'Mtp3Field', hdpc: 'Mtp3Field', hsls: 'Mtp3Field',
};

/** Named numeric values (scanner.l): header offsets, ICMP/ICMPv6 types and TCP flag bits. */
export const NAMED_NUMBERS: Readonly<Record<string, number>> = {
  icmptype: 0, icmpcode: 1,
  'icmp-echoreply': 0, 'icmp-unreach': 3, 'icmp-sourcequench': 4, 'icmp-redirect': 5, 'icmp-echo': 8,
  'icmp-routeradvert': 9, 'icmp-routersolicit': 10, 'icmp-timxceed': 11, 'icmp-paramprob': 12,
  'icmp-tstamp': 13, 'icmp-tstampreply': 14, 'icmp-ireq': 15, 'icmp-ireqreply': 16, 'icmp-maskreq': 17, 'icmp-maskreply': 18,
  icmp6type: 0, icmp6code: 1,
  'icmp6-destinationunreach': 1, 'icmp6-packettoobig': 2, 'icmp6-timeexceeded': 3, 'icmp6-parameterproblem': 4,
  'icmp6-echo': 128, 'icmp6-echoreply': 129, 'icmp6-multicastlistenerquery': 130, 'icmp6-multicastlistenerreportv1': 131,
  'icmp6-multicastlistenerdone': 132, 'icmp6-routersolicit': 133, 'icmp6-routeradvert': 134, 'icmp6-neighborsolicit': 135,
  'icmp6-neighboradvert': 136, 'icmp6-redirect': 137, 'icmp6-routerrenum': 138, 'icmp6-nodeinformationquery': 139,
  'icmp6-nodeinformationresponse': 140, 'icmp6-ineighbordiscoverysolicit': 141, 'icmp6-ineighbordiscoveryadvert': 142,
  'icmp6-multicastlistenerreportv2': 143, 'icmp6-homeagentdiscoveryrequest': 144, 'icmp6-homeagentdiscoveryreply': 145,
  'icmp6-mobileprefixsolicit': 146, 'icmp6-mobileprefixadvert': 147, 'icmp6-certpathsolicit': 148, 'icmp6-certpathadvert': 149,
  'icmp6-multicastrouteradvert': 151, 'icmp6-multicastroutersolicit': 152, 'icmp6-multicastrouterterm': 153,
  tcpflags: 13,
  'tcp-fin': 0x01, 'tcp-syn': 0x02, 'tcp-rst': 0x04, 'tcp-push': 0x08, 'tcp-ack': 0x10, 'tcp-urg': 0x20, 'tcp-ece': 0x40, 'tcp-cwr': 0x80,
};

const LITERALS = [...Object.keys(KEYWORDS), ...Object.keys(NAMED_NUMBERS)].sort((a, b) => b.length - a.length);

const N = '(?:0[xX][0-9A-Fa-f]+|[0-9]+)';
const B = '[0-9A-Fa-f]{1,2}';
const B2 = '[0-9A-Fa-f]{4}';
const RE_AID = new RegExp(`\\$${B}`, 'y');
const RE_NUM = /0[xX][0-9A-Fa-f]+|[0-9]+/y;
const RE_V6_CHARS = /[0-9A-Fa-f:.]+/y;
const RE_BOGUS_EID = new RegExp(`${B}:+(?:${B}:+)+`, 'y');
const RE_ID = /[A-Za-z0-9][-_.A-Za-z0-9]*/y;
const RE_ESCAPED = /\\[^ !()\n\t]+/y;

function stickyLength(re: RegExp, text: string, offset: number): number {
  re.lastIndex = offset;
  const m = re.exec(text);
  return m ? m[0].length : 0;
}

/** Longest alternative of a sticky regex: JS alternation is first-match, flex is longest-match. */
function longestAlt(alts: readonly RegExp[], text: string, offset: number): number {
  let best = 0;
  for (const re of alts) best = Math.max(best, stickyLength(re, text, offset));
  return best;
}

const MAC_ALTS = [
  new RegExp(`${B}:${B}:${B}:${B}:${B}:${B}`, 'y'),
  new RegExp(`${B}-${B}-${B}-${B}-${B}-${B}`, 'y'),
  new RegExp(`${B}\\.${B}\\.${B}\\.${B}\\.${B}\\.${B}`, 'y'),
  new RegExp(`${B2}\\.${B2}\\.${B2}`, 'y'),
  new RegExp(`${B2}${B2}${B2}`, 'y'),
];
const HID_ALTS = [
  new RegExp(`${N}\\.${N}\\.${N}\\.${N}`, 'y'),
  new RegExp(`${N}\\.${N}\\.${N}`, 'y'),
  new RegExp(`${N}\\.${N}`, 'y'),
];

/** True for the textual IPv6 forms scanner.l's V6 patterns accept (1-4 hex digit groups, one `::`, optional dotted-quad tail). */
export function isIpv6Text(s: string): boolean {
  if (!s.includes(':')) return false;
  let head = s;
  let tailGroups = 0;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(tail)) return false;
    head = s.slice(0, lastColon + 1);
    if (!head.endsWith('::')) head = head.slice(0, -1);
    tailGroups = 2;
  }
  const parts = head.split('::');
  if (parts.length > 2) return false;
  const groups = (p: string): string[] | null => {
    if (p === '') return [];
    const g = p.split(':');
    return g.every((x) => /^[0-9A-Fa-f]{1,4}$/.test(x)) ? g : null;
  };
  if (parts.length === 1) {
    const g = groups(parts[0]);
    return g !== null && g.length + tailGroups === 8;
  }
  const a = groups(parts[0]);
  const b = groups(parts[1]);
  return a !== null && b !== null && a.length + b.length + tailGroups <= 7;
}

/**
 * How far an IPv6 text starting at `offset` can reach within a run of [0-9A-Fa-f:.] of length `run`: not past a
 * ninth colon nor a hex group of five digits (no valid address has either), and into a dotted tail only when it
 * has its three dots (then to the fourth, or the run's end). Keeps the longest-match search linear: a 3,000-character
 * `db8::db8::...` word took 4.5 s trying every prefix.
 */
function v6Reach(text: string, offset: number, run: number): number {
  let colons = 0;
  let group = 0;
  for (let i = offset; i < offset + run; i++) {
    const c = text[i];
    if (c === ':') {
      if (++colons === 9) return i - offset;
      group = 0;
    } else if (c === '.') {
      // A dotted-quad tail: three dots, digits between; it ends at the fourth dot or the run's end.
      let dots = 1;
      let j = i + 1;
      for (; j < offset + run; j++) {
        if (text[j] === '.' && ++dots === 4) break;
        if (text[j] !== '.' && (text[j] < '0' || text[j] > '9')) break;
      }
      return dots >= 3 ? j - offset : i - offset;
    } else if (++group > 4) {
      // A group may still end in a dotted quad (`::1.2.3.4` has no such group): only digits can go on.
      if (!/[0-9]/.test(c) || text.indexOf('.', i) < 0 || text.indexOf('.', i) >= offset + run) return i - offset;
    }
  }
  return run;
}

function v6Length(text: string, offset: number): number {
  const run = stickyLength(RE_V6_CHARS, text, offset);
  for (let len = v6Reach(text, offset, run); len >= 2; len--) {
    if (isIpv6Text(text.slice(offset, offset + len))) return len;
  }
  return 0;
}

function idLength(text: string, offset: number): number {
  let len = stickyLength(RE_ID, text, offset);
  // The ID rule must end in [.A-Za-z0-9]: trailing '-' or '_' are left for the next token.
  while (len > 1 && /[-_]/.test(text[offset + len - 1])) len--;
  return len;
}

function literalLength(text: string, offset: number): string | null {
  for (const lit of LITERALS) {
    if (text.startsWith(lit, offset)) return lit;
  }
  return null;
}

/** Value of a number as scanner.l `stoulen` reads it: 0x hex, leading-0 octal, else decimal, 32-bit. */
export function numberValue(digits: string): { value: number | null; error?: string } {
  let value = 0;
  if (/^0[xX]/.test(digits)) {
    for (const ch of digits.slice(2)) value = value * 16 + parseInt(ch, 16);
  } else if (digits.length > 1 && digits[0] === '0') {
    for (const ch of digits.slice(1)) {
      if (ch > '7') return { value: null, error: `number ${digits} contains non-octal digit` };
      value = value * 8 + Number(ch);
    }
  } else {
    for (const ch of digits) value = value * 10 + Number(ch);
  }
  if (value > 0xffff_ffff) return { value: null, error: `number ${digits} overflows 32 bits` };
  return { value };
}

/**
 * The scanner.l rule that wins at `offset`, or null when no word rule matches there (operators, spaces).
 * Ties go to the earlier rule in scanner.l order: keywords, `$xx`, MAC, number, dotted IPv4, IPv6, bad MAC,
 * named numbers, ID, backslash-escaped ID.
 */
export function scanWord(text: string, offset: number): WordMatch | null {
  const candidates: Array<[WordKind, number]> = [];
  const lit = literalLength(text, offset);
  const litIsKeyword = lit !== null && lit in KEYWORDS;
  if (lit && litIsKeyword) candidates.push(['keyword', lit.length]);
  candidates.push(['aid', stickyLength(RE_AID, text, offset)]);
  candidates.push(['eid', longestAlt(MAC_ALTS, text, offset)]);
  candidates.push(['num', stickyLength(RE_NUM, text, offset)]);
  candidates.push(['hid', longestAlt(HID_ALTS, text, offset)]);
  candidates.push(['hid6', v6Length(text, offset)]);
  candidates.push(['bogus-eid', stickyLength(RE_BOGUS_EID, text, offset)]);
  if (lit && !litIsKeyword) candidates.push(['named-num', lit.length]);
  candidates.push(['id', idLength(text, offset)]);
  candidates.push(['escaped-id', stickyLength(RE_ESCAPED, text, offset)]);
  let best: [WordKind, number] | null = null;
  for (const c of candidates) if (c[1] > 0 && (best === null || c[1] > best[1])) best = c;
  if (best === null) return null;
  const [kind, length] = best;
  const word = text.slice(offset, offset + length);
  switch (kind) {
    case 'keyword':
      return { kind, length, keyword: word };
    case 'named-num':
      return { kind, length, value: NAMED_NUMBERS[word] };
    case 'num': {
      const n = numberValue(word);
      return n.error ? { kind, length, value: null, error: n.error } : { kind, length, value: n.value };
    }
    default:
      return { kind, length };
  }
}
