// 简体中文 `tcplain cmd` 词条:tcpdump 选项、命令行提醒、pcap-filter 各部分、抓包方案。

import type { CmdMessages, PrimitiveWords } from '../command/messages';
import { CONNECTIVES, QUALIFIERS } from './cmd-en';

/** A diagram duration (`250 ms`, `2.5 s`, report/time-scale durationText) with the Chinese unit, as the explanations write it (毫秒/秒). */
const zhDuration = (d: string): string => d.replace(/ ms$/, ' 毫秒').replace(/ s$/, ' 秒');

const PROTO_NAMES: Record<string, string> = {
  ip: 'IPv4', ip6: 'IPv6', tcp: 'TCP', udp: 'UDP', sctp: 'SCTP', icmp: 'ICMP', icmp6: 'ICMPv6', igmp: 'IGMP', arp: 'ARP',
  rarp: 'RARP', ether: '以太网', link: '链路层', ppp: 'PPP', slip: 'SLIP', fddi: 'FDDI', tr: '令牌环', wlan: '802.11',
  ah: 'IPsec AH', esp: 'IPsec ESP', pim: 'PIM', vrrp: 'VRRP', carp: 'CARP', igrp: 'IGRP', decnet: 'DECnet', stp: 'STP',
};
const protoName = (p: string) => PROTO_NAMES[p] ?? p.toUpperCase();
const LINK = ['ether', 'link', 'ppp', 'slip', 'fddi', 'tr', 'wlan'];

function subject(p: PrimitiveWords): string {
  if (p.proto) return LINK.includes(p.proto) ? `${protoName(p.proto)}帧` : `${protoName(p.proto)} 包`;
  if (p.type === 'port' || p.type === 'portrange') return 'TCP、UDP 或 SCTP 包';
  if (p.valueKind === 'mac') return '帧';
  return '包';
}

function direction(dir: PrimitiveWords['dir'], what: string): string {
  switch (dir) {
    case 'src':
      return `来自${what}的`;
    case 'dst':
      return `发往${what}的`;
    case 'src and dst':
      return `源和目的都是${what}的`;
    case 'addr1':
    case 'addr2':
    case 'addr3':
    case 'addr4':
    case 'ra':
    case 'ta':
      return `802.11 ${dir} 字段为${what}的`;
    default:
      return `进出${what}的`;
  }
}

/** 中文与拉丁字母之间留一个空格:"的 TCP 包"。 */
const spaced = (before: string, after: string) => (/[A-Za-z0-9]$/.test(before) || /^[A-Za-z0-9]/.test(after) ? `${before} ${after}` : before + after);

function primitive(p: PrimitiveWords): string {
  const v = p.value;
  const svc = p.service ? `（${p.service}）` : '';
  switch (p.type) {
    case 'host':
      return spaced(direction(p.dir, `${p.valueKind === 'mac' ? ' MAC 地址 ' : '主机 '}${v} `), subject(p));
    case 'net':
      return spaced(direction(p.dir, `网段 ${v}${p.prefix !== null && !v.includes('/') ? `（/${p.prefix}）` : ''} `), subject(p));
    case 'port':
      return spaced(direction(p.dir, svc ? `端口 ${v}${svc}` : `端口 ${v} `), subject(p));
    case 'portrange':
      return spaced(direction(p.dir, `端口范围 ${v} 内某端口`), subject(p));
    case 'gateway':
      return `经过网关 ${v} 转发的包（MAC 地址是它的，IP 地址不是它的）`;
    case 'proto':
      return p.proto && LINK.includes(p.proto) ? `EtherType/链路层协议为 ${v} 的帧` : `协议字段为 ${v} 的${p.proto ? protoName(p.proto) : 'IPv4 或 IPv6 '}包`;
    case 'protochain':
      return `头部链中任意位置含 ${v} 头的${p.proto ? protoName(p.proto) : 'IPv4 或 IPv6 '}包`;
  }
}

export const cmdZhCN = {
  heading: {
    command: '命令',
    options: '选项',
    noOptions: '没有选项：全部用默认值（解析主机名、相对序列号、第一块网卡）',
    filter: '过滤表达式',
    noFilter: '没有过滤表达式：抓取该接口上的所有包',
    readsAs: '实际读作',
    advice: '注意',
    recipe: '抓包方案',
    why: '每个参数的作用',
    problems: 'tcpdump 会拒绝执行',
  },
  option: {
    a: () => '一个早已不起作用的旧选项',
    A: (o) => (o.count === 1 ? '在每行下面以 ASCII 文本打印包的内容（不含链路层头部，看 HTTP 很方便）；与 -x/-X 同用时无效' : '在每行下面以 ASCII 文本打印包的内容，包括链路层头部（-AA）'),
    b: () => '以 ASDOT 格式打印 BGP 的 AS 号',
    B: (o) => `把内核抓包缓冲区设为 ${o.arg} KiB（越大，"dropped by kernel" 越少）`,
    c: (o) => `抓到 ${o.arg} 个包后停止`,
    C: (o) => `输出文件（-w）超过 ${o.arg} 百万字节后换一个新文件`,
    d: (o) => (o.count === 1 ? '把编译后的 BPF 过滤程序以可读形式打印出来然后退出（不抓包）' : o.count === 2 ? '把编译后的 BPF 过滤程序以 C 数组形式打印后退出' : '把编译后的 BPF 过滤程序以十进制数字打印后退出'),
    D: () => '列出可以抓包的网卡（带编号，可用于 -i）然后退出',
    e: () => '每行打印链路层头部（源、目的 MAC 地址，EtherType，帧长度）',
    E: () => '用给定的 SPI 和密钥解密 IPsec ESP（仅供调试：密钥在 ps 里对其他用户可见）',
    f: () => '"外部" IPv4 地址以数字而不是名字打印',
    F: (o) => `从文件 ${o.arg} 读取过滤表达式`,
    G: (o) => `每 ${o.arg} 秒轮换一次 -w 输出文件（文件名里可用 strftime 的 % 格式）`,
    h: () => '打印版本和用法后退出',
    H: () => '识别 802.11s mesh 头部',
    i: (o) => (o.arg === 'any' ? '同时在所有网卡上抓包（Linux 的 "any"）：每行会显示网卡名和 In/Out 方向' : `在网卡 ${o.arg} 上抓包`),
    I: () => '把无线网卡置于监听（monitor）模式',
    j: (o) => `使用时间戳类型 ${o.arg}`,
    J: () => '列出网卡支持的时间戳类型后退出',
    K: () => '不校验 IP/TCP/UDP 校验和（避免网卡卸载导致发出的包显示校验和 "incorrect"）',
    l: () => '输出按行缓冲：每打印一行就立即写出，管道（| tcplain、| tee）能马上收到',
    L: () => '列出网卡支持的数据链路类型后退出',
    m: (o) => `从 ${o.arg} 加载 SMI MIB 定义`,
    M: () => '用这个密钥校验 TCP-MD5（RFC 2385）签名',
    g: () => '配合 -v，把 IP 头信息和包放在同一行（tcpdump 5.0）',
    n: (o) => `不把地址和端口号转换成名字：打印 10.0.0.1.80，而不是 myhost.http${o.count > 1 ? `（${o.count === 2 ? '-nn' : '重复写'} 从 tcpdump 3.9 起与 -n 相同）` : ''}`,
    N: () => '主机名不打印域名部分（nic，而不是 nic.ddn.mil）',
    O: () => '不优化编译后的过滤程序（仅用于排查优化器的 bug）',
    p: () => '不把网卡置于混杂模式：只看到发给本机、本机发出的（以及广播）流量',
    q: () => '简略输出：每个包一行更短（TCP 行变成 "tcp N"，没有标志位、seq 和 ack）',
    Q: (o) => `只抓${o.arg === 'in' ? '收到的（in）' : o.arg === 'out' ? '发出的（out）' : '收发两个方向的'}包`,
    r: (o) => `从保存的文件 ${o.arg} 读包，而不是从网卡抓${o.arg === '-' ? '（标准输入）' : ''}`,
    s: (o) => (o.arg === '0' ? '抓包长度 0 表示默认值 262144 字节：整个包' : `每个包只保留前 ${o.arg} 字节（更长的会被截断，显示为 [|tcp] 之类）`),
    S: () => '打印绝对的 TCP 序列号和确认号（真实的 32 位值），而不是相对第一个包的值；注意：-S 说的是序列号，不是"绝对时间戳"',
    t: (o) =>
      [
        '不打印时间戳',
        '时间戳打印为 1970 年以来的秒数（Unix 时间），如 1700000000.123456',
        '打印与上一个包的时间差',
        '打印日期和时间，如 2024-03-01 09:24:36.947082',
        '打印与第一个包的时间差',
      ][Math.min(o.count, 5) - 1],
    T: (o) => `把选中的包按 ${o.arg} 协议解码`,
    u: () => '打印未解码的 NFS 句柄',
    U: () => '每处理完一个包就立即写出（按包缓冲），无论写到屏幕、管道还是 -w 文件',
    v: (o) => (o.count === 1 ? '详细输出：增加 IP 头信息（ttl、id、总长度、DF 标志），并校验 IP/TCP 校验和' : o.count === 2 ? '更详细（-vv）：还会更多地解码应用层协议（NFS、SMB 等）' : '最详细（-vvv）：例如完整打印 telnet 选项'),
    V: (o) => `从 ${o.arg} 读取要处理的抓包文件列表`,
    w: (o) => (o.arg === '-' ? '把原始包（二进制 pcap）写到标准输出，而不是打印文本行' : `把原始包写入文件 ${o.arg}，而不是打印出来（二进制 pcap，之后用 tcpdump -r 或 Wireshark 打开）`),
    W: (o) => `最多保留 ${o.arg} 个轮换的输出文件`,
    x: (o) => (o.count === 1 ? '在每行下面以十六进制打印包内容（不含链路层头部）' : '以十六进制打印包内容，包括链路层头部'),
    X: (o) => (o.count === 1 ? '在每行下面以十六进制和 ASCII 打印包内容（不含链路层头部）' : '以十六进制和 ASCII 打印包内容，包括链路层头部'),
    y: (o) => `使用数据链路类型 ${o.arg}`,
    Y: () => '调试过滤表达式解析器',
    z: (o) => `每个轮换下来的 -w 文件都执行 "${o.arg} 文件名"（如 gzip）`,
    Z: (o) => `打开网卡后放弃 root 权限，以用户 ${o.arg} 运行`,
    '#': () => '在每行开头打印包的编号',
    count: () => '配合 -r：只打印匹配的包的个数',
    'immediate-mode': () => '包一到就交付，而不是攒成一批',
    'time-stamp-precision': (o) => `时间戳精度为${o.arg === 'nano' ? '纳秒' : '微秒'}`,
    micro: () => '时间戳精度为微秒（6 位小数）',
    nano: () => '时间戳精度为纳秒（9 位小数）',
    print: () => '在 -w 写文件的同时也打印文本行',
    'fp-type': () => '打印本机的浮点类型（构建检查用）后退出',
    'print-sampling': (o) => `每 ${o.arg} 个包只打印一个`,
    skip: (o) => `跳过前 ${o.arg} 个包`,
    'list-remote-interfaces': (o) => `列出远程抓包服务端 ${o.arg} 的网卡后退出`,
    lengths: () => '同时打印 DNS 等协议中的长度字段（tcpdump 5.0）',
    version: () => '打印 tcpdump 和 libpcap 版本后退出',
  },
  advice: {
    'pipe-no-l': (a) => `输出进了管道（| ${a.to}），但没有 -l：tcpdump 会按几 KB 的块缓冲输出，${a.to} 很久都收不到，最后几行要到退出时才出现。请加 -l。`,
    'pipe-binary': (a) => `-w - 往管道里写的是二进制 pcap；${a.to} ${a.to === 'tcplain' ? '读的是 tcpdump 的文本输出，不是 pcap' : '收到的是二进制数据'}。去掉 -w -（并加 -l）才能传文本。`,
    'pipe-empty': (a) => `有 -w ${a.file} 时所有包都写进文件，| ${a.to} 什么也收不到。加 --print 同时打印文本，或者去掉 -w。`,
    'no-n': () => '没有 -n：tcpdump 会为每个地址查名字（反向 DNS，可能拖慢抓包），端口也打印成服务名（8888 显示为 ddi-tcp-1，80 显示为 http）。加 -nn 看数字。',
    'w-no-text': (a) => `-w ${a.file} 只保存原始包，不逐包打印${a.printOnly.length ? `；${a.printOnly.join(' ')} 只影响打印的文本，这里不起作用` : ''}。要让 tcplain 解释，请把文件读回成文本：tcpdump -nn -tttt -S -r ${a.file || '文件'} | tcplain`,
    'r-ignores-i': (a) => `-r 读的是保存的文件，所以 -i ${a.iface} 被忽略。`,
    'no-iface': () => '没有 -i：tcpdump 会选第一块已启用、非回环的网卡。其他网卡或 lo 上的流量会漏掉；用 -i 指定网卡，或用 -i any。',
    'iface-any': () => '-i any 以 "cooked" 模式在所有网卡上抓：不开混杂模式，没有以太网头；本机转发或 NAT 的包可能出现两次（每块网卡一次）。',
    'count-small': (a) => `-c ${a.count} 抓 ${a.count} 个包就停：TCP 握手就有 3 个，挥手还要 3 到 4 个，结尾可能抓不到。`,
    'snaplen-small': (a) => `-s ${a.snaplen} 每个包只留 ${a.snaplen} 字节：TCP 选项甚至 TCP 头都可能被截断（[|tcp]）。`,
    'quiet-loses': () => '-q 只打印 "tcp N"，没有标志位、seq 和 ack：tcplain 据此无法跟踪连接。',
    'no-timestamps': () => '-t 去掉了时间戳：无法计算时延、重传超时和空闲时间。',
    'A-with-X': () => '-A 与 -x 或 -X 同用时无效（它们已经打印了 ASCII）。',
    'needs-w': (a) => `${a.option} 只能与 -w 一起用（它轮换或处理输出文件）。`,
    'v-with-w': () => '与 -w 同用时，-v 每秒在 stderr 打印一次已抓包数。',
    'F-ignores-expression': () => '-F 从文件读过滤表达式：命令行上的表达式被忽略。',
    'shell-redirect': (a) => `shell 把 "${a.op} ${a.target}" 当成了输出重定向（写进名为 ${a.target} 的文件），tcpdump 根本看不到它。请给整个过滤表达式加引号：'... ${a.op.replace(/^\d/, '')} ${a.target}'。`,
    'shell-parens': () => '没加引号的 （或 ） 是 shell 语法：tcpdump 还没运行，shell 就报错了。请用单引号括住过滤表达式，或写成 \\（和 \\）。',
    'shell-split': (a) => `shell 在未加引号的“${a.op}”处结束了 tcpdump 命令${a.op === '&' ? '（并放到后台运行）' : ''}；“${a.rest}”会作为另一条命令执行。请给整个过滤表达式加引号。`,
    'shell-glob': (a) => `“${a.word}”里有未加引号的 [ ] * 或 ?：zsh 会报“no matches found”而停止，bash 可能把它替换成文件名。请给过滤表达式加引号。`,
    'odd-characters': (a) => `命令里有 ${a.chars.join('、')}（从网页复制来的不换行空格、全角空格或中文弯引号）：shell 不把它当空格或引号，tcpdump 会把它当成单词的一部分而报错。请重新输入这些字符；这里按本意解释。`,
    'unclosed-quote': () => '有引号没有闭合：shell 会继续等待输入，而不会运行 tcpdump。',
    'not-root': () => '提示符是 $（普通用户）：实时抓包需要 root（sudo）或 CAP_NET_RAW 权限。',
  },
  problem: {
    'invalid-option': (p) => `tcpdump：无效选项 ${p.text}`,
    'missing-argument': (p) => `tcpdump：选项 ${p.text} 需要参数`,
    'ambiguous-option': (p) => `tcpdump：选项 ${p.text} 有歧义`,
    'unexpected-argument': (p) => `tcpdump：选项 ${p.text} 不接受参数`,
    'not-tcpdump': (p) => `这看起来不是 tcpdump 命令（“${p.text}”）`,
    empty: () => '命令行是空的',
  },
  filter: {
    allOf: '同时满足：',
    anyOf: '满足其一：',
    not: (inner) => `排除：${inner}`,
    primitive,
    protocol: (proto) =>
      ({ tcp: 'TCP 包（IPv4 或 IPv6 上的）', udp: 'UDP 包（IPv4 或 IPv6 上的）', icmp: 'ICMP 包（IPv4；ICMPv6 要写 icmp6）', ip: 'IPv4 包', ip6: 'IPv6 包', arp: 'ARP 包' } as Record<string, string>)[proto] ??
      `${protoName(proto)} 包`,
    relation: (p) => {
      const op = { '>': '大于', '>=': '大于等于', '==': '等于', '<': '小于', '<=': '小于等于', '!=': '不等于' }[p.op];
      return `${p.left} ${op} ${p.right}`;
    },
    flags: (p) => {
      const body =
        p.mode === 'any' ? `设置了 ${p.names.join(' 或 ')} 的 TCP 包` : p.mode === 'all' ? `同时设置了 ${p.names.join('、')} 的 TCP 包` : p.mode === 'exactly' ? `标志位只有 ${p.names.join('+') || '（无）'} 的 TCP 包` : `${p.names.join('、')} 都没有设置的 TCP 包`;
      return p.negated ? `排除（${body}）` : body;
    },
    load: (l) => {
      const hdr = LINK.includes(l.proto) ? '链路层头部' : `${protoName(l.proto)} 头部`;
      return l.size === 1 ? `${hdr}第 ${l.offset} 字节` : `${hdr}偏移 ${l.offset} 处的 ${l.size} 个字节`;
    },
    len: '包长度',
    field: {
      'ip.vhl': 'IP 版本和头部长度',
      'ip.tos': '服务类型 / DSCP+ECN',
      'ip.len': 'IP 总长度',
      'ip.id': 'IP 标识（id）',
      'ip.frag': 'IP 标志和分片偏移',
      'ip.ttl': '生存时间（TTL）',
      'ip.proto': 'IP 协议号',
      'ip.dst0': '目的地址的第一个字节',
      'ip.src': '源地址',
      'ip.dst': '目的地址',
      'tcp.sport': 'TCP 源端口',
      'tcp.dport': 'TCP 目的端口',
      'tcp.seq': 'TCP 序列号',
      'tcp.ack': 'TCP 确认号',
      'tcp.off': 'TCP 数据偏移（头部长度）',
      'tcp.flags': 'TCP 标志位（CWR ECE URG ACK PSH RST SYN FIN）',
      'tcp.win': 'TCP 窗口',
      'udp.sport': 'UDP 源端口',
      'udp.dport': 'UDP 目的端口',
      'udp.len': 'UDP 长度',
      'icmp.type': 'ICMP 类型',
      'icmp.code': 'ICMP 代码',
      'icmp6.type': 'ICMPv6 类型',
      'icmp6.code': 'ICMPv6 代码',
      'ether.dst0': '目的 MAC 的第一个字节（最低位表示组播）',
    },
    special: (p) => {
      const a = p.args;
      switch (p.name) {
        case 'broadcast':
          return p.proto === 'ip' ? 'IPv4 广播包（需要网卡的子网掩码）' : '发往链路层广播地址（ff:ff:ff:ff:ff:ff）的帧';
        case 'multicast':
          return p.proto === 'ip' ? 'IPv4 组播包' : p.proto === 'ip6' ? 'IPv6 组播包' : '发往链路层组播地址的帧';
        case 'less':
          return `不超过 ${a[0]} 字节的包`;
        case 'greater':
          return `至少 ${a[0]} 字节的包`;
        case 'vlan':
          return a.length ? `802.1Q VLAN ${a[0]} 的帧（后面的条件在 VLAN 标签之内判断）` : '带 802.1Q VLAN 标签的帧（后面的条件在 VLAN 标签之内判断）';
        case 'mpls':
          return a.length ? `MPLS 标签为 ${a[0]} 的包` : 'MPLS 包';
        case 'inbound':
          return '本机收到的包';
        case 'outbound':
          return '本机发出的包';
        case 'ifindex':
          return `在编号为 ${a[0]} 的网卡上抓到的包（-i any）`;
        case 'pppoed':
          return 'PPPoE 发现阶段的包';
        case 'pppoes':
          return a.length ? `PPPoE 会话 ${a[0]} 的包` : 'PPPoE 会话包';
        case 'geneve':
          return a.length ? `VNI 为 ${a[0]} 的 Geneve 包` : 'Geneve 包（UDP 6081）';
        case 'vxlan':
          return a.length ? `VNI 为 ${a[0]} 的 VXLAN 包` : 'VXLAN 包（UDP 4789）';
        default:
          return `${[p.proto, p.name, ...a].filter(Boolean).join(' ')}（特殊原语，见 pcap-filter(7)）`;
      }
    },
    inherited: (quals) => `沿用前面的“${quals}”`,
  },
  issue: {
    lex: (i) => `tcpdump 不认识这里的字符“${i.token}”`,
    syntax: (i) => {
      const conn = i.after !== undefined && CONNECTIVES.has(i.after.toLowerCase());
      if (i.token === 'end of input') {
        if (conn) return `语法错误：过滤表达式在“${i.after}”之后就结束了：它后面必须跟一个条件（如 port 80）`;
        if (i.openParens !== undefined) return `语法错误：过滤表达式结束时还有 ${i.openParens} 个“(”没有闭合：请用“)”闭合`;
        if (i.after !== undefined && QUALIFIERS.has(i.after.toLowerCase())) return `语法错误：过滤表达式在“${i.after}”之后就结束了，它后面需要一个值`;
        return '语法错误：过滤表达式提前结束了';
      }
      if (conn) return `语法错误：“${i.token}”不该出现在这里：“${i.after}”之后应为一个条件（如 port 80）、“not”或“(”`;
      if (i.after !== undefined && QUALIFIERS.has(i.after.toLowerCase())) return `语法错误：“${i.token}”不该出现在这里：“${i.after}”后面需要先跟一个值`;
      return `语法错误：“${i.token}”不该出现在这里${i.after !== undefined ? `（在“${i.after}”之后）` : ''}`;
    },
    'bad-number': (i) => (i.message.includes('octal') ? `${i.token}：在 pcap-filter 里以 0 开头的数是八进制，8 和 9 不是八进制数字` : `${i.token}：超出 32 位范围`),
    'no-qualifier': (i) => `“${i.token}”前面没有 host、net、port 之类的关键字，前面也没有可以沿用的`,
    'keyword-needs-escape': (i) => `“${i.token}”在这里是关键字；要写成 ${i.detail}（放在单引号里，shell 才会保留反斜杠）`,
    'port-on-address': (i) => `${i.detail} 后面要跟数字或名字，不能是 IP 地址 ${i.token}`,
    'mask-on-host': (i) => `主机不能带掩码；要表示网段请写 ${i.detail}`,
    'bad-prefix': (i) => `前缀 ${i.token} 太长`,
    'host-bits-set': (i) => `${i.token} 在前缀之后还有置位的比特；网段应为 ${i.detail}`,
    'bad-port': (i) => `${i.token}：端口最大为 65535`,
    'bad-load-size': (i) => `${i.token}：形如 [offset:size] 的读取只能取 1、2 或 4 个字节`,
    'bad-combination': (i) => `“${i.detail}”不是合法的组合（比如 TCP 有端口，没有网段）`,
    'bogus-mac': (i) => `${i.token} 不是合法的 MAC 地址`,
    'bad-address': (i) => `${i.token}：IPv4 地址每一段最大为 255`,
    'too-complex': (i) =>
      i.detail?.startsWith('depth')
        ? `tcplain 只读嵌套不超过 ${i.detail.split(':')[1]} 层的过滤表达式（括号、方括号、not）；这个表达式在此处嵌套更深，因此不作解释。tcpdump 本身可能接受它。`
        : `tcplain 只读运算符不超过 ${i.detail?.split(':')[1]} 个的过滤表达式（and、or、算术运算）；这个表达式更多，因此不作解释。tcpdump 本身可能接受它。`,
    'net-dotted-quad': (i) => `"net" 后面写完整的四段地址表示掩码 /32，即单个地址：这里只匹配 ${i.token}。要匹配整个网段请写 ${i.detail}。`,
    'name-lookup': (i) => `${i.token} 是名字：tcpdump 只在启动时解析一次；之后才用到的地址（DNS 轮询、CDN）不会被匹配`,
    'placeholder-address': (i) => `${i.token} 看起来是隐去了数字（X）的地址；tcpdump 会把它当主机名去解析，然后报 "unknown host"。请填写真实地址。`,
    'mixed-and-or': (i) => `and 和 or 优先级相同，从左到右结合：这里实际读作 ${i.detail}。如果本意不同，请加括号。`,
    'ipv4-only-load': (i) => `${i.token}[...] 只检查 IPv4 包；IPv6 包永远不会匹配`,
  },
  report: {
    sep: '：',
    connection: (p) => `连接 ${p.conn}：${p.client} → ${p.server}`,
    omitted: (n) => `… 前面还有 ${n} 个报文段未显示`,
    omittedMiddle: (p) => `… 只显示前 ${p.first} 个和后 ${p.last} 个报文段，此处省略 ${p.omitted} 个`,
    omittedAfter: (n) => `… 后面还有 ${n} 个报文段未显示`,
    gap: (d) => `⋯ ${zhDuration(d)}之后（间隔已缩短）⋯`,
    timeScale: (p) =>
      `时间向下流逝：行距与抓包时间成比例，${zhDuration(p.unit)} = ${p.px} 像素（至少一行文字的高度），超过 ${zhDuration(p.cut)}的间隔被缩短（⋯）。箭头按抓包时间水平绘制：抓包没有记录报文何时到达另一端，画成斜线就是编造。`,
    legend: {
      title: '图例',
      segment: '数据、SYN 或 FIN',
      ack: '纯 ACK（不带数据，也不带 SYN 或 FIN）',
      rst: 'RST',
      state: '一端进入的状态',
      error: '错误（箭头和文字为红色）',
      warning: '警告（箭头和文字为橙色）',
      note: '提示',
    },
    verdict: '结论',
    nextStep: '下一步',
    appSaw: '应用程序看到的',
    stats: '统计',
    diagram: '时序图',
    log: '逐行注释',
    line: '行',
    packet: '报文',
    notes: '解释',
    noConnections: '输入中没有 TCP 连接。',
    redacted: '地址、主机名、MAC 地址和载荷文本已替换为代称（同一个原值总是对应同一个代称）。',
    generated: '由 tcplain 根据 tcpdump 文本输出生成。',
    connections: '连接',
  },
  recipe: {
    pairIntro: '要对比一条连接的两端，请在客户端和服务端同时抓包，参数保持一致：',
    pairClient: '在客户端',
    pairServer: '在服务端',
    pairThen: '然后一起解释',
    liveIntro: '要实时查看抓包的解释：',
    why: {
      l: '-l  按行缓冲，tee 和 tcplain 能立即收到每一行',
      nn: '-nn  显示数字而不是名字：两端打印的地址和端口一致，也不做 DNS 查询',
      tttt: '-tttt  每行带完整的日期和时间，两份抓包才能对齐（跨午夜也不乱）',
      v: '-v  IP 头字段（id、ttl、长度）：能在两端认出同一个包，也能看出 NAT 和经过的跳数',
      S: '-S  绝对序列号：两端应完全相同，除非中间设备改写了它们',
      i: '-i  流量实际经过的网卡（不确定时用 any）',
      filter: '过滤表达式  只抓这一条会话，文件不会太大',
      tee: 'tee  留一份文本副本，便于发送或以后对比',
    },
    missing: (flags) => `你的命令缺少 ${flags.join(' ')}`,
  },
} satisfies CmdMessages;
