// English words for `tcplain cmd`: tcpdump options, command-line advice, pcap-filter parts, capture recipes.

import type { CmdMessages, PrimitiveWords } from '../command/messages';

/** pcap-filter's connectives: after one, a primitive, `not` or `(` must come (grammar.y). */
export const CONNECTIVES: ReadonlySet<string> = new Set(['and', 'or', 'not', '&&', '||', '!']);
/** Qualifiers that take a value after them (pcap-filter(7): `host H`, `port P`, `net N`, `portrange A-B`...). */
export const QUALIFIERS: ReadonlySet<string> = new Set(['host', 'port', 'net', 'portrange', 'src', 'dst', 'gateway', 'ether', 'len', 'less', 'greater', 'vlan', 'mpls']);

const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

const PROTO_NAMES: Record<string, string> = {
  ip: 'IPv4', ip6: 'IPv6', tcp: 'TCP', udp: 'UDP', sctp: 'SCTP', icmp: 'ICMP', icmp6: 'ICMPv6', igmp: 'IGMP', arp: 'ARP',
  rarp: 'RARP', ether: 'Ethernet', link: 'link-layer', ppp: 'PPP', slip: 'SLIP', fddi: 'FDDI', tr: 'Token Ring', wlan: '802.11',
  ah: 'IPsec AH', esp: 'IPsec ESP', pim: 'PIM', vrrp: 'VRRP', carp: 'CARP', igrp: 'IGRP', decnet: 'DECnet', stp: 'STP',
};
const protoName = (p: string) => PROTO_NAMES[p] ?? p.toUpperCase();

function subject(p: PrimitiveWords): string {
  if (p.proto) {
    const name = protoName(p.proto);
    return ['ether', 'link', 'ppp', 'slip', 'fddi', 'tr', 'wlan'].includes(p.proto) ? `${name} frames` : `${name} packets`;
  }
  if (p.type === 'port' || p.type === 'portrange') return 'TCP, UDP or SCTP packets';
  if (p.valueKind === 'mac') return 'frames';
  return 'packets';
}

function direction(dir: PrimitiveWords['dir'], what: string): string {
  switch (dir) {
    case 'src':
      return `from ${what}`;
    case 'dst':
      return `to ${what}`;
    case 'src and dst':
      return `both from and to ${what}`;
    case 'addr1':
    case 'addr2':
    case 'addr3':
    case 'addr4':
    case 'ra':
    case 'ta':
      return `whose 802.11 ${dir} field is ${what}`;
    default:
      return `to or from ${what}`;
  }
}

function primitive(p: PrimitiveWords): string {
  const v = p.value;
  const svc = p.service ? ` (${p.service})` : '';
  switch (p.type) {
    case 'host':
      return `${subject(p)} ${direction(p.dir, `${p.valueKind === 'mac' ? 'MAC address' : 'host'} ${v}`)}`;
    case 'net':
      return `${subject(p)} ${direction(p.dir, `network ${v}${p.prefix !== null && !v.includes('/') ? ` (/${p.prefix})` : ''}`)}`;
    case 'port':
      return `${subject(p)} ${direction(p.dir, `port ${v}${svc}`)}`;
    case 'portrange':
      return `${subject(p)} ${direction(p.dir, `a port in the range ${v}`)}`;
    case 'gateway':
      return `packets that went through gateway ${v} (its MAC address, but not its IP address)`;
    case 'proto':
      return p.proto && ['ether', 'link', 'ppp', 'slip', 'fddi', 'tr', 'wlan'].includes(p.proto)
        ? `frames whose EtherType / link protocol is ${v}`
        : `${p.proto ? protoName(p.proto) : 'IPv4 or IPv6'} packets whose protocol field is ${v}`;
    case 'protochain':
      return `${p.proto ? protoName(p.proto) : 'IPv4 or IPv6'} packets with a ${v} header anywhere in the header chain`;
  }
}

const FLAG_LIST = (names: string[]) => names.join(names.length === 2 ? ' or ' : ', ');

export const cmdEn = {
  heading: {
    command: 'Command',
    options: 'Options',
    noOptions: 'no options: defaults everywhere (names resolved, relative sequence numbers, first interface)',
    filter: 'Filter',
    noFilter: 'no filter expression: every packet on the interface is captured',
    readsAs: 'reads as',
    advice: 'Watch out',
    recipe: 'Recipe',
    why: 'why each flag',
    problems: 'tcpdump would refuse this',
  },
  option: {
    a: () => 'an old option that no longer does anything',
    A: (o) => (o.count === 1 ? 'print each packet (without the link-level header) as ASCII text under its line, handy for HTTP; no effect together with -x/-X' : 'print each packet as ASCII text under its line, including the link-level header (print.c: -AA)'),
    b: () => 'print BGP AS numbers in ASDOT notation',
    B: (o) => `set the kernel capture buffer to ${o.arg} KiB (bigger means fewer "dropped by kernel")`,
    c: (o) => `stop after ${o.arg} packets`,
    C: (o) => `start a new output file (-w) once the current one is larger than ${o.arg} million bytes`,
    d: (o) => (o.count === 1 ? 'print the compiled BPF filter program as readable code and exit (captures nothing)' : o.count === 2 ? 'print the compiled BPF filter as a C array and exit' : 'print the compiled BPF filter as decimal numbers and exit'),
    D: () => 'list the interfaces tcpdump can capture on, with numbers usable for -i, and exit',
    e: () => 'print the link-level header on each line (source and destination MAC addresses, EtherType, frame length)',
    E: () => 'decrypt IPsec ESP with the given SPI and secret (debugging only: the secret is visible to other users in ps)',
    f: () => 'print "foreign" IPv4 addresses as numbers rather than names',
    F: (o) => `read the filter expression from file ${o.arg}`,
    G: (o) => `rotate the -w output file every ${o.arg} seconds (use strftime % patterns in the file name)`,
    h: () => 'print the version and usage, and exit',
    H: () => 'detect 802.11s mesh headers',
    i: (o) => (o.arg === 'any' ? 'capture on all interfaces at once (Linux "any"): each line shows the interface and In/Out' : `capture on interface ${o.arg}`),
    I: () => 'put a Wi-Fi interface in monitor mode',
    j: (o) => `use time stamp type ${o.arg}`,
    J: () => 'list the time stamp types of the interface and exit',
    K: () => 'do not verify IP/TCP/UDP checksums (avoids false "incorrect" checksums from NIC offload on outgoing packets)',
    l: () => 'line-buffer the output: each packet line is written as soon as it is printed, so a pipe (| tcplain, | tee) sees it at once',
    L: () => 'list the data link types of the interface and exit',
    m: (o) => `load SMI MIB definitions from ${o.arg}`,
    M: () => 'use this secret to check TCP-MD5 (RFC 2385) signatures',
    g: () => 'with -v, keep the IP header on the same line as the packet (tcpdump 5.0)',
    n: (o) => `do not convert addresses and port numbers to names: print 10.0.0.1.80, not myhost.http${o.count > 1 ? ` (${o.count === 2 ? '-nn' : 'repeating it'} is the same as -n since tcpdump 3.9)` : ''}`,
    N: () => 'print host names without their domain (nic, not nic.ddn.mil)',
    O: () => 'do not optimise the compiled filter (only to chase an optimiser bug)',
    p: () => 'do not put the interface in promiscuous mode: see only traffic to and from this host (and broadcast)',
    q: () => 'quick output: a shorter line per packet (TCP lines become "tcp N", without flags, seq or ack)',
    Q: (o) => `capture only packets going ${o.arg === 'in' ? 'in (received)' : o.arg === 'out' ? 'out (sent)' : 'in and out'}`,
    r: (o) => `read packets from the saved file ${o.arg} instead of an interface${o.arg === '-' ? ' (standard input)' : ''}`,
    s: (o) => (o.arg === '0' ? 'snapshot length 0 means the default, 262144 bytes: whole packets' : `keep only the first ${o.arg} bytes of each packet (longer ones are cut, shown as [|tcp] or similar)`),
    S: () => 'print absolute TCP sequence and ack numbers (the real 32-bit values), not numbers relative to the first one seen; note: this is not about timestamps',
    t: (o) =>
      [
        'print no timestamp',
        'print the timestamp as seconds since 1970 (Unix time), e.g. 1700000000.123456',
        'print the time since the previous packet',
        'print the date and time, e.g. 2024-03-01 09:24:36.947082',
        'print the time since the first packet',
      ][Math.min(o.count, 5) - 1],
    T: (o) => `decode the selected packets as ${o.arg}`,
    u: () => 'print undecoded NFS handles',
    U: () => 'write each packet out as soon as it is handled (packet-buffered), to the screen, a pipe or the -w file',
    v: (o) => (o.count === 1 ? 'verbose: adds the IP header (ttl, id, total length, DF flag) and checks IP/TCP checksums' : o.count === 2 ? 'more verbose (-vv): also decodes more of the application protocols (NFS, SMB...)' : 'most verbose (-vvv): e.g. telnet options in full'),
    V: (o) => `read the list of capture files to process from ${o.arg}`,
    w: (o) => (o.arg === '-' ? 'write raw packets (binary pcap) to standard output instead of printing lines' : `write the raw packets to the file ${o.arg} instead of printing them (binary pcap, open it later with tcpdump -r or Wireshark)`),
    W: (o) => `keep at most ${o.arg} rotated output files`,
    x: (o) => (o.count === 1 ? 'print each packet in hex under its line (without the link-level header)' : 'print each packet in hex, including the link-level header'),
    X: (o) => (o.count === 1 ? 'print each packet in hex and ASCII under its line (without the link-level header)' : 'print each packet in hex and ASCII, including the link-level header'),
    y: (o) => `use data link type ${o.arg}`,
    Y: () => 'debug the filter parser',
    z: (o) => `run "${o.arg} FILE" on each rotated -w file (e.g. gzip)`,
    Z: (o) => `after opening the interface, drop root privileges and run as user ${o.arg}`,
    '#': () => 'print a packet number at the start of each line',
    count: () => 'with -r: print only the number of matching packets',
    'immediate-mode': () => 'deliver packets as soon as they arrive instead of in buffered batches',
    'time-stamp-precision': (o) => `time stamps with ${o.arg === 'nano' ? 'nanosecond' : 'microsecond'} precision`,
    micro: () => 'time stamps with microsecond precision (6 digits)',
    nano: () => 'time stamps with nanosecond precision (9 digits)',
    print: () => 'also print packet lines while writing them with -w',
    'fp-type': () => 'print the floating-point type of this machine (a build check) and exit',
    'print-sampling': (o) => `print only every ${o.arg}th packet`,
    skip: (o) => `skip the first ${o.arg} packets`,
    'list-remote-interfaces': (o) => `list the interfaces of the remote capture server ${o.arg} and exit`,
    lengths: () => 'also print length fields of protocols such as DNS (tcpdump 5.0)',
    version: () => 'print the tcpdump and libpcap versions and exit',
  },
  advice: {
    'pipe-no-l': (a) => `the output goes into a pipe (| ${a.to}) but there is no -l: tcpdump then buffers it in blocks of several KB, so ${a.to} sees nothing for a long time and the last lines only at exit. Add -l.`,
    'pipe-binary': (a) => `-w - writes binary pcap into the pipe; ${a.to} ${a.to === 'tcplain' ? 'reads tcpdump\'s text output, not pcap' : 'gets binary data'}. Drop -w - (and add -l) to pipe text.`,
    'pipe-empty': (a) => `with -w ${a.file} every packet goes into the file, so nothing reaches | ${a.to}. Add --print to also print lines, or drop -w.`,
    'no-n': () => 'no -n: tcpdump looks up a name for every address (reverse DNS, which can stall the capture) and prints service names instead of port numbers (port 8888 shows as ddi-tcp-1, 80 as http). Add -nn to see numbers.',
    'w-no-text': (a) => `-w ${a.file} saves raw packets and prints nothing per packet${a.printOnly.length ? `; ${a.printOnly.join(' ')} only change printed text, so here they do nothing` : ''}. To explain the capture, read it back as text: tcpdump -nn -tttt -S -r ${a.file || 'FILE'} | tcplain`,
    'r-ignores-i': (a) => `-r reads a saved file, so -i ${a.iface} is ignored.`,
    'no-iface': () => 'no -i: tcpdump picks the first configured interface that is up (not loopback). Traffic on another interface or on lo is missed; name it with -i, or use -i any.',
    'iface-any': () => '-i any captures on every interface in "cooked" mode: no promiscuous mode and no Ethernet header; a packet forwarded or NATed on this host can appear twice (once per interface).',
    'count-small': (a) => `-c ${a.count} stops after ${a.count} packets: a TCP handshake is 3 and a close 3 or 4 more, so the end of the story may be missing.`,
    'snaplen-small': (a) => `-s ${a.snaplen} keeps only ${a.snaplen} bytes per packet: TCP options or even the TCP header can be cut ([|tcp]).`,
    'quiet-loses': () => '-q prints "tcp N" instead of flags, seq and ack: tcplain cannot follow the connection from that.',
    'no-timestamps': () => '-t removes timestamps: delays, retransmission timeouts and idle times cannot be measured.',
    'A-with-X': () => '-A has no effect together with -x or -X (those already print the ASCII).',
    'needs-w': (a) => `${a.option} only works together with -w (it rotates or post-processes the output file).`,
    'v-with-w': () => 'with -w, -v prints a running packet count once a second (to stderr).',
    'F-ignores-expression': () => '-F reads the filter from a file: the expression on the command line is ignored.',
    'shell-redirect': (a) => `the shell took "${a.op} ${a.target}" as an output redirection (into a file named ${a.target}), so tcpdump never sees it. Quote the whole filter: '... ${a.op.replace(/^\d/, '')} ${a.target}'.`,
    'shell-parens': () => 'unquoted ( or ) is shell syntax: the shell rejects the line before tcpdump runs. Put the filter in single quotes, or write \\( and \\).',
    'shell-split': (a) => `the shell ends the tcpdump command at the unquoted "${a.op}"${a.op === '&' ? ' (and runs it in the background)' : ''}; "${a.rest}" then runs as a separate command. Quote the whole filter.`,
    'shell-glob': (a) => `"${a.word}" contains [ ] * or ? without quotes: zsh stops with "no matches found", bash may replace it with a file name. Quote the filter.`,
    'odd-characters': (a) => `the line contains ${a.chars.join(', ')} (a non-breaking or full-width space, or a curly quote, copied from a web page): the shell does not read it as a space or a quote, so tcpdump gets it inside a word and fails. Retype those characters; the explanation here reads them as intended.`,
    'unclosed-quote': () => 'a quote is not closed: the shell waits for more input instead of running tcpdump.',
    'not-root': () => 'the prompt ($) is an ordinary user: live capture needs root (sudo) or the CAP_NET_RAW capability.',
  },
  problem: {
    'invalid-option': (p) => `tcpdump: invalid option ${p.text}`,
    'missing-argument': (p) => `tcpdump: option ${p.text} requires an argument`,
    'ambiguous-option': (p) => `tcpdump: option ${p.text} is ambiguous`,
    'unexpected-argument': (p) => `tcpdump: option ${p.text} doesn't allow an argument`,
    'not-tcpdump': (p) => `this does not look like a tcpdump command ("${p.text}")`,
    empty: () => 'empty command line',
  },
  filter: {
    allOf: 'all of:',
    anyOf: 'any of:',
    not: (inner) => `NOT: ${inner}`,
    primitive,
    protocol: (proto) =>
      ({ tcp: 'TCP packets (over IPv4 or IPv6)', udp: 'UDP packets (over IPv4 or IPv6)', icmp: 'ICMP packets (IPv4; ICMPv6 is icmp6)', ip: 'IPv4 packets', ip6: 'IPv6 packets', arp: 'ARP packets' } as Record<string, string>)[proto] ??
      `${protoName(proto)} packets`,
    relation: (p) => {
      const op = { '>': 'is greater than', '>=': 'is at least', '==': 'equals', '<': 'is less than', '<=': 'is at most', '!=': 'is not' }[p.op];
      return `${p.left} ${op} ${p.right}`;
    },
    flags: (p) => {
      const list = FLAG_LIST(p.names);
      const body =
        p.mode === 'any' ? `TCP packets with ${list} set` : p.mode === 'all' ? `TCP packets with all of ${p.names.join(', ')} set` : p.mode === 'exactly' ? `TCP packets whose only flags are ${p.names.join('+') || 'none'}` : `TCP packets with none of ${p.names.join(', ')} set`;
      return p.negated ? `not (${body})` : body;
    },
    load: (l) => {
      const bytes = l.size === 1 ? `byte ${l.offset}` : `the ${l.size} bytes at offset ${l.offset}`;
      const hdr = ['ether', 'link', 'ppp', 'slip', 'fddi', 'tr', 'wlan'].includes(l.proto) ? 'the link-level header' : `the ${protoName(l.proto)} header`;
      return `${bytes} of ${hdr}`;
    },
    len: 'the packet length',
    field: {
      'ip.vhl': 'IP version and header length',
      'ip.tos': 'type of service / DSCP+ECN',
      'ip.len': 'IP total length',
      'ip.id': 'IP identification',
      'ip.frag': 'IP flags and fragment offset',
      'ip.ttl': 'time to live',
      'ip.proto': 'IP protocol number',
      'ip.dst0': 'first byte of the destination address',
      'ip.src': 'source address',
      'ip.dst': 'destination address',
      'tcp.sport': 'TCP source port',
      'tcp.dport': 'TCP destination port',
      'tcp.seq': 'TCP sequence number',
      'tcp.ack': 'TCP acknowledgment number',
      'tcp.off': 'TCP data offset (header length)',
      'tcp.flags': 'TCP flags (CWR ECE URG ACK PSH RST SYN FIN)',
      'tcp.win': 'TCP window',
      'udp.sport': 'UDP source port',
      'udp.dport': 'UDP destination port',
      'udp.len': 'UDP length',
      'icmp.type': 'ICMP type',
      'icmp.code': 'ICMP code',
      'icmp6.type': 'ICMPv6 type',
      'icmp6.code': 'ICMPv6 code',
      'ether.dst0': 'first byte of the destination MAC (its lowest bit marks multicast)',
    },
    special: (p) => {
      const a = p.args;
      switch (p.name) {
        case 'broadcast':
          return p.proto === 'ip' ? 'IPv4 broadcast packets (needs the interface netmask)' : 'frames sent to the link-layer broadcast address (ff:ff:ff:ff:ff:ff)';
        case 'multicast':
          return p.proto === 'ip' ? 'IPv4 multicast packets' : p.proto === 'ip6' ? 'IPv6 multicast packets' : 'frames sent to a link-layer multicast address';
        case 'less':
          return `packets of at most ${a[0]} bytes`;
        case 'greater':
          return `packets of at least ${a[0]} bytes`;
        case 'vlan':
          return a.length ? `802.1Q VLAN ${a[0]} frames (later tests look inside the VLAN tag)` : '802.1Q VLAN-tagged frames (later tests look inside the VLAN tag)';
        case 'mpls':
          return a.length ? `MPLS packets with label ${a[0]}` : 'MPLS packets';
        case 'inbound':
          return 'packets received by this host';
        case 'outbound':
          return 'packets sent by this host';
        case 'ifindex':
          return `packets captured on interface number ${a[0]} (-i any)`;
        case 'pppoed':
          return 'PPPoE discovery packets';
        case 'pppoes':
          return a.length ? `PPPoE session ${a[0]} packets` : 'PPPoE session packets';
        case 'geneve':
          return a.length ? `Geneve packets with VNI ${a[0]}` : 'Geneve packets (UDP 6081)';
        case 'vxlan':
          return a.length ? `VXLAN packets with VNI ${a[0]}` : 'VXLAN packets (UDP 4789)';
        default:
          return `${[p.proto, p.name, ...a].filter(Boolean).join(' ')} (a special primitive, see pcap-filter(7))`;
      }
    },
    inherited: (quals) => `"${quals}" repeated from before`,
  },
  issue: {
    lex: (i) => `tcpdump cannot read the character "${i.token}" here`,
    syntax: (i) => {
      const conn = i.after !== undefined && CONNECTIVES.has(i.after.toLowerCase());
      if (i.token === 'end of input') {
        if (conn) return `syntax error: the filter ends after "${i.after}": a primitive (e.g. port 80) must follow it`;
        if (i.openParens !== undefined) return `syntax error: the filter ends with ${i.openParens === 1 ? 'a "(" still open' : `${i.openParens} "(" still open`}: close it with ")"`;
        if (i.after !== undefined && QUALIFIERS.has(i.after.toLowerCase())) return `syntax error: the filter ends after "${i.after}", which needs a value after it`;
        return 'syntax error: the filter ends too early';
      }
      if (conn) return `syntax error at "${i.token}": after "${i.after}" a primitive (e.g. port 80), "not" or "(" is expected`;
      if (i.after !== undefined && QUALIFIERS.has(i.after.toLowerCase())) return `syntax error at "${i.token}": "${i.after}" needs a value before it`;
      return `syntax error at "${i.token}"${i.after !== undefined ? ` (after "${i.after}")` : ''}`;
    },
    'bad-number': (i) => (i.message.includes('octal') ? `${i.token}: a number starting with 0 is octal in pcap-filter, and 8 or 9 are not octal digits` : `${i.token}: too large for 32 bits`),
    'no-qualifier': (i) => `"${i.token}" has no keyword before it (host, net, port...) and there is no earlier one to repeat`,
    'keyword-needs-escape': (i) => `"${i.token}" is a keyword here; write ${i.detail} (in single quotes, so the shell keeps the backslash)`,
    'port-on-address': (i) => `${i.detail} needs a number or a name, not the IP address ${i.token}`,
    'mask-on-host': (i) => `a host cannot have a mask; for a network write ${i.detail}`,
    'bad-prefix': (i) => `prefix ${i.token} is too long`,
    'host-bits-set': (i) => `${i.token} has bits set after the prefix; the network is ${i.detail}`,
    'bad-port': (i) => `${i.token}: ports go up to 65535`,
    'bad-load-size': (i) => `${i.token}: a [offset:size] read can only take 1, 2 or 4 bytes`,
    'bad-combination': (i) => `"${i.detail}" is not a valid combination (e.g. TCP has ports, not networks)`,
    'bogus-mac': (i) => `${i.token} is not a valid MAC address`,
    'bad-address': (i) => `${i.token}: each part of an IPv4 address goes up to 255`,
    'too-complex': (i) =>
      i.detail?.startsWith('depth')
        ? `tcplain reads filters nested at most ${i.detail.split(':')[1]} levels deep (parentheses, brackets, not); this one goes deeper here, so it is not explained. tcpdump itself may accept it.`
        : `tcplain reads filters of at most ${i.detail?.split(':')[1]} operators (and, or, arithmetic); this one has more, so it is not explained. tcpdump itself may accept it.`,
    'net-dotted-quad': (i) => `a full dotted quad after "net" means mask /32, a single address: this matches only ${i.token}. For the whole network write ${i.detail}.`,
    'name-lookup': (i) => `${i.token} is a name: tcpdump resolves it once when it starts; addresses it gets later (DNS rotation, CDNs) are not matched`,
    'placeholder-address': (i) => `${i.token} looks like an address with digits hidden (X); tcpdump would try it as a host name and fail with "unknown host". Put the real address.`,
    'mixed-and-or': (i) => `and/or have the same precedence and group left to right: this reads as ${i.detail}. Add parentheses if you meant otherwise.`,
    'ipv4-only-load': (i) => `${i.token}[...] only looks at IPv4 packets; IPv6 packets never match it`,
  },
  report: {
    sep: ': ',
    connection: (p) => `Connection ${p.conn}: ${p.client} → ${p.server}`,
    omitted: (n) => `… ${n} earlier ${n === 1 ? 'segment' : 'segments'} not shown`,
    omittedMiddle: (p) => `… first ${p.first} and last ${p.last} segments shown, ${p.omitted} omitted here`,
    omittedAfter: (n) => `… ${n} later ${n === 1 ? 'segment' : 'segments'} not shown`,
    gap: (d) => `⋯ ${d} later (gap shortened) ⋯`,
    timeScale: (p) =>
      `Time runs down: rows are spaced by capture time, ${p.unit} = ${p.px} px (never closer than one row of text), gaps over ${p.cut} shortened (⋯). Arrows are drawn level at their capture time: a capture does not record when a packet reached the other end, so a slant would be invented.`,
    legend: {
      title: 'Legend',
      segment: 'data, SYN or FIN',
      ack: 'pure ACK (no data, no SYN or FIN)',
      rst: 'RST',
      state: 'state an end moved to',
      error: 'error (arrow and text in red)',
      warning: 'warning (arrow and text in amber)',
      note: 'note',
    },
    verdict: 'Verdict',
    nextStep: 'Next step',
    appSaw: 'What the application saw',
    stats: 'Counts',
    diagram: 'Ladder diagram',
    log: 'Annotated log',
    line: 'line',
    packet: 'packet',
    notes: 'explanation',
    noConnections: 'No TCP connection in this input.',
    redacted: 'Addresses, host names, MAC addresses and payload text were replaced by stand-ins (the same stand-in for the same original).',
    generated: 'Made by tcplain from tcpdump text output.',
    connections: 'Connections',
  },
  recipe: {
    pairIntro: 'To compare both ends of a connection, capture on the client and on the server at the same time, with the same flags:',
    pairClient: 'on the client',
    pairServer: 'on the server',
    pairThen: 'then explain both together',
    liveIntro: 'To watch a capture explained live:',
    why: {
      l: '-l  line-buffered, so tee and tcplain get each line at once',
      nn: '-nn  numbers, not names: both sides print the same addresses and ports, and no DNS lookups',
      tttt: '-tttt  full date and time on each line, so the two captures can be lined up (even across midnight)',
      v: '-v  IP header fields (id, ttl, length): the same packet can be recognised on both sides, NAT and hop counts show',
      S: '-S  absolute sequence numbers: identical on both ends unless something in between rewrites them',
      i: '-i  the interface the traffic really uses (any when unsure)',
      filter: 'filter  only this conversation, so the files stay small',
      tee: 'tee  keeps a copy of the text to send or compare later',
    },
    missing: (flags) => `your command lacks ${flags.join(' ')} for this`,
  },
} satisfies CmdMessages;
