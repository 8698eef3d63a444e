// 简体中文措辞：tcplain 输出的每一条解释（发现、结论、状态、标志位、选项、记录）。

import type { Catalog } from '../catalog';
import type { ConnectionVerdict } from '../../model/verdict';
import type { ResetPhase, Side } from '../../model/findings';
import { hex, scaleFactor, splitSeconds } from '../numbers';

const side = { client: '客户端', server: '服务端' } as const;
const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

function seconds(s: number): string {
  const { value, unit } = splitSeconds(s);
  return `${value} ${unit === 'ms' ? '毫秒' : '秒'}`;
}

const who = (s: Side | null): string => (s ? side[s] : '发送方');

const closeKind = (v: ConnectionVerdict): string =>
  v.closeKind === '3-way'
    ? '三次挥手：一方的 FIN 和对另一方 FIN 的确认合并在同一个报文里'
    : v.closeKind === 'simultaneous'
      ? '同时关闭：双方同时发送了 FIN'
      : '四次挥手';

const NO_ISN = '，从本次抓包的第一个报文起算：缺少握手';

const hostOf = (c: string): string => c.replace(/:(\d+|[a-z][\w-]*)$/i, '').replace(/^\[(.*)\]$/, '$1');

const resetPhase: Record<ResetPhase, string> = {
  handshake: '在握手阶段（回应连接请求）',
  'before-data': '在握手完成后、传输任何数据之前',
  'after-request': '在收到请求之后、回复之前',
  'mid-transfer': '在数据传输过程中',
  'after-close': '在连接已经开始关闭时',
  idle: '在长时间空闲之后',
};

export const zhCN = {
  lang: 'zh-CN',
  side,
  Side: side,
  severity: { info: '信息', note: '提示', warning: '警告', error: '错误' },
  states: {
    CLOSED: { name: 'CLOSED', meaning: '没有连接' },
    LISTEN: { name: 'LISTEN', meaning: '监听中，等待连接请求' },
    SYN_SENT: { name: 'SYN_SENT', meaning: '已发送 SYN，等待对方的 SYN-ACK' },
    SYN_RECEIVED: { name: 'SYN_RECEIVED', meaning: '收到 SYN 并已回复 SYN-ACK，等待最后一个 ACK' },
    ESTABLISHED: { name: 'ESTABLISHED', meaning: '连接已建立，双方可以互相发送数据' },
    FIN_WAIT_1: { name: 'FIN_WAIT_1', meaning: '已发送 FIN（主动关闭），等待对方确认' },
    FIN_WAIT_2: { name: 'FIN_WAIT_2', meaning: '自己的 FIN 已被确认：不再发送，但仍可接收，等待对方的 FIN（半关闭）' },
    CLOSE_WAIT: { name: 'CLOSE_WAIT', meaning: '对方已关闭它的发送方向，等待本地应用程序调用 close()' },
    CLOSING: { name: 'CLOSING', meaning: '双方同时发送了 FIN，等待对方确认自己的 FIN' },
    LAST_ACK: { name: 'LAST_ACK', meaning: '在对方之后发送了 FIN，等待最后一个 ACK' },
    TIME_WAIT: { name: 'TIME_WAIT', meaning: '关闭完成，再等待 2×MSL，让网络中迟到的报文消失后端口对才能复用' },
  },
  flags: {
    FIN: 'FIN：发送方的数据已经发完',
    SYN: 'SYN：同步序列号，即请求建立连接',
    RST: 'RST：复位，立即中止连接',
    PSH: 'PSH：推送，让接收方立即把数据交给应用程序',
    ACK: 'ACK：确认号字段有效',
    URG: 'URG：紧急指针有效（紧急数据，很少使用）',
    ECE: 'ECE：ECN 回显，网络中出现了拥塞标记（RFC 3168）',
    CWR: 'CWR：拥塞窗口已减小，发送方已对 ECN 回显作出反应（RFC 3168）',
    AE: 'AE：精确 ECN 计数位（RFC 9768）',
  },
  phases: resetPhase,
  numbering: { relative: '相对', absolute: '绝对' },
  translated: (printed, numbering, value) => `${printed}（${numbering}值 ${value}）`,
  listSep: '；',
  findings: {
    'tcp.retransmission': (f, c) =>
      `重传：${who(c.sender)}再次发送已经发过的数据${f.originalLine !== null ? `（第一次在第 ${f.originalLine} 行）` : ''}。第一次发送的报文或它的确认丢失或迟到，重传定时器超时（RFC 6298）。偶尔几次属正常，大量重传说明路径上有丢包。`,
    'tcp.fast_retransmission': (f, c) =>
      `快速重传：收到 ${f.dupAcks} 个重复确认后，${who(c.sender)}不等定时器超时就立即重发缺失的数据${f.originalLine !== null ? `（第一次在第 ${f.originalLine} 行）` : ''}（RFC 5681 §3.2）：途中丢了一个报文段。`,
    'tcp.spurious_retransmission': (f, c) =>
      `虚假重传：${who(c.sender)}重发的数据其实已经被确认过${f.originalLine !== null ? `（第一次在第 ${f.originalLine} 行）` : ''}，这次重传是多余的（确认来得太晚，或定时器太短）。`,
    'tcp.out_of_order': (_f, c) => `乱序：这个报文段的起点在${who(c.sender)}已经发出的数据之前：它在途中被后面的报文超过了，或是一个迟到的副本。`,
    'tcp.previous_segment_not_captured': (f) =>
      `缺口：这个报文段之前的 ${f.missingBytes} 字节从未出现：可能在网络中丢失，也可能是抓包时漏掉了（看看 "dropped by kernel"）。`,
    'tcp.acked_unseen_segment': (f) =>
      `这个确认覆盖了抓包中从未出现过的 ${f.unseenBytes} 字节：接收方收到了，是抓包漏掉了（抓包丢包或路由不对称），不是网络问题。`,
    'tcp.dup_ack': (f, c) =>
      `重复确认 #${f.n}（与第 ${f.originalLine} 行的确认号相同）：${who(c.sender)}仍在等待同一个字节，而后面的报文段已经到达：前面缺了数据。三个重复确认会触发快速重传（RFC 5681）。`,
    'tcp.zero_window': (_f, c) => `零窗口：${who(c.sender)}的接收缓冲区已满，对方必须暂停发送。接收端的应用程序读取得不够快。`,
    'tcp.zero_window_probe': (_f, c) => `零窗口探测：${who(c.sender)}探测对方的窗口是否重新打开（RFC 9293 §3.8.6.1）。`,
    'tcp.zero_window_probe_ack': (_f, c) => `对零窗口探测的回应：${who(c.sender)}再次报告自己的窗口。`,
    'tcp.window_full': (f, c) =>
      `窗口已满：${who(c.sender)}有 ${f.inFlight} 字节已发送但未被确认，已用完对方的窗口；必须等到确认后才能继续发送。`,
    'tcp.window_update': (f, c) => `窗口更新：${who(c.sender)}的窗口从 ${f.from} 字节变为 ${f.to} 字节（不带新数据）；对方可以继续发送。`,
    'tcp.keep_alive': (f, c) =>
      `保活（keep-alive）${f.idleSeconds !== null ? `：空闲 ${seconds(f.idleSeconds)}后` : ''}，${who(c.sender)}探测对方是否还在（RFC 9293 §3.8.4）；有回应也能防止 NAT 和防火墙忘掉这个连接。`,
    'tcp.keep_alive_ack': (_f, c) => `对保活探测的回应：${who(c.sender)}还在。`,
    'tcp.syn_retransmission': (f) =>
      `SYN 重传（第 ${f.attempt} 次${f.sinceFirst !== null ? `，距第一次 ${seconds(f.sinceFirst)}` : ''}）：没有收到 SYN-ACK。对方主机宕机、防火墙静默丢弃了 SYN，或路由不通；Linux 每次把等待时间加倍（1、2、4、8 秒……）。`,
    'tcp.synack_retransmission': (f) =>
      `SYN-ACK 重传（第 ${f.attempt} 次${f.sinceFirst !== null ? `，距第一次 ${seconds(f.sinceFirst)}` : ''}）：服务端一直没收到第三次握手的 ACK：SYN-ACK 或 ACK 在途中丢失了。`,
    'tcp.rst': (f) => {
      const detail =
        f.phase === 'handshake'
          ? '该端口上没有程序在监听，或者防火墙拒绝了连接'
          : f.phase === 'after-request'
            ? `客户端已经发出请求（${f.bytesFromClient} 字节），却没有收到任何回复`
            : f.phase === 'mid-transfer'
              ? `此前客户端发送了 ${f.bytesFromClient} 字节，服务端发送了 ${f.bytesFromServer} 字节`
              : f.phase === 'idle' && f.idleSeconds !== null
                ? `此前连接空闲了 ${seconds(f.idleSeconds)}：典型的服务器、负载均衡、NAT 或防火墙空闲超时`
                : f.phase === 'after-close'
                  ? '此前已经发送过 FIN；常见原因是在还有未读数据时调用了 close()（RFC 9293 §3.6.1）'
                  : '此时还没有交换任何数据';
      return `${side[f.by]}${resetPhase[f.phase]}发送了复位报文 RST${f.state ? `，当时${side[f.by]}处于 ${f.state}` : ''}：${detail}。连接立即终止：没有四次挥手，未发送的数据被丢弃，对方下一次读写会失败。`;
    },
    'tcp.port_reuse': (f) => `端口复用：一个新连接使用了与 ${f.previousConn} 相同的地址和端口；从这里开始按新连接计算。`,
    'tcp.checksum_incorrect': (f) =>
      `校验和错误${f.expected !== null ? `（应为 ${hex(f.expected)}）` : ''}：在发送端抓包时，这通常是校验和卸载（网卡在 tcpdump 看到报文之后才填写校验和），并不是报文损坏。`,
    'tcp.handshake_rtt': (f) =>
      `从${side[f.at]}看到的握手往返时间（RTT）：${seconds(f.seconds)}（${f.at === 'client' ? 'SYN → SYN-ACK' : 'SYN-ACK → ACK'}）；可作为判断后续延迟的基准。`,
    'tcp.options_negotiated': (f) => {
      const mss = `MSS 客户端 ${f.mss.client ?? '–'} / 服务端 ${f.mss.server ?? '–'}`;
      const ws =
        f.wscale.client !== null && f.wscale.server !== null
          ? `启用窗口缩放（客户端 ×${scaleFactor(f.wscale.client)}，服务端 ×${scaleFactor(f.wscale.server)}）`
          : '未启用窗口缩放（只有一方或双方都没有提供，RFC 7323 §2.2）';
      return `协商结果：${mss}；${ws}；SACK ${f.sack ? '启用' : '未启用'}；时间戳 ${f.timestamps ? '启用' : '未启用'}。`;
    },
    'tcp.option_not_offered': (f) => {
      const what = {
        mss: ' MSS 选项：对方只能假定每个报文段 536 字节（RFC 9293 §3.7.1）',
        wscale: '窗口缩放选项：两个方向都不缩放，窗口最大 65535 字节，远距离传输的吞吐量会受限',
        sackOK: ' SACK 选项：丢包后接收方无法告知哪些后续数据块已经收到，恢复更慢',
        ts: '时间戳选项：无法逐个报文测量 RTT，也没有 PAWS 保护（RFC 7323）',
      }[f.option];
      return `${side[f.side]}没有提供${what}。`;
    },
  },
  options: {
    nop: () => 'nop（填充）',
    eol: () => '选项列表结束',
    mss: (o, c) => `MSS ${o.value}：${side[c.sender]}能接收的最大报文段长度`,
    wscale: (o, c) => `窗口缩放 ${o.value}（×${scaleFactor(o.value)}）：${side[c.sender]}之后通告的窗口值要乘以 ${scaleFactor(o.value)}`,
    sackOK: () => '允许 SACK：可以告知缺口之后已收到的数据块（RFC 2018）',
    sack: (o, c) => `SACK：在确认号之外，${side[c.sender]}已经收到 ${o.blocks.map(([a, b]) => `${a}–${b - 1}`).join('、')}`,
    ts: (o, c) =>
      c.handshake
        ? `时间戳（val ${o.val}，ecr ${o.ecr}）：用于测量往返时间和防止旧的重复报文（RFC 7323）`
        : `时间戳 val ${o.val}，ecr ${o.ecr}`,
    echo: (o) => `echo ${o.value}（已废弃，RFC 1072）`,
    echoreply: (o) => `echo reply ${o.value}（已废弃，RFC 1072）`,
    cc: (o) => `连接计数 ${o.value}（已废弃的 T/TCP，RFC 1644）`,
    ccnew: (o) => `CC.NEW ${o.value}（已废弃的 T/TCP，RFC 1644）`,
    ccecho: (o) => `CC.ECHO ${o.value}（已废弃的 T/TCP，RFC 1644）`,
    uto: (o) => `用户超时 ${o.seconds !== null ? `${o.seconds} 秒` : o.raw}（RFC 5482）`,
    md5: (o) => `TCP-MD5 签名${o.text.trim() ? ` ${o.text.trim()}` : ''}（RFC 2385，BGP 常用）`,
    mptcp: (o) => `多路径 TCP：${o.text}`,
    tfo: (o) => `TCP 快速打开${o.text.trim() ? ` ${o.text.trim()}` : ''}（RFC 7413）`,
    exp: (o) => `实验性选项 ${o.name}${o.text.trim() ? ` ${o.text.trim()}` : ''}`,
    'tcp-ao': (o) => `TCP-AO 认证${o.text.trim() ? ` ${o.text.trim()}` : ''}（RFC 5925）`,
    scps: (o) => `SCPS 能力 ${o.text}`,
    unknown: (o) => `未知选项 ${o.name}${o.text.trim() ? ` ${o.text.trim()}` : ''}`,
    'bad-opt': () => '选项格式错误：tcpdump 在这里停止了解码（[bad opt]）',
    truncated: () => '其余部分被快照长度截断（[|tcp]）',
  },
  segment: {
    role: {
      syn: (c) => `SYN：${side[c.sender]}请求与${side[c.receiver]}建立连接（三次握手第 1 步）。`,
      'syn-ack': (c) => `SYN-ACK：${side[c.sender]}同意连接，并打开自己这个方向（三次握手第 2 步）。`,
      'handshake-ack': (c) => `ACK：${side[c.sender]}确认对方的 SYN-ACK，三次握手完成（第 3 步）。`,
      data: (c) =>
        c.push
          ? `数据（PSH+ACK）：${side[c.sender]}向${side[c.receiver]}发送 ${c.len} 字节；PSH 表示请接收方立即把数据交给应用程序。`
          : `数据：${side[c.sender]}向${side[c.receiver]}发送 ${c.len} 字节。`,
      ack: (c) => `纯 ACK：${side[c.sender]}确认已收到的数据，本身不带数据。`,
      'fin-first': (c) => `FIN：${side[c.sender]}的数据已发完，开始关闭连接（四次挥手第 1 步）；它仍然可以接收数据。`,
      'fin-second': (c) => `FIN：${side[c.sender]}也关闭自己的方向（四次挥手第 3 步）。`,
      'fin-simultaneous': (c) => `FIN：${side[c.sender]}在${side[c.receiver]}的 FIN 还在路上时也发起了关闭（同时关闭）。`,
      fin: (c) => `FIN：${side[c.sender]}没有更多数据要发送了。`,
      'fin-ack-of-fin': (c) => `FIN+ACK：${side[c.sender]}在同一个报文里确认${side[c.receiver]}的 FIN 并关闭自己的方向（三次挥手）。`,
      'close-ack-first': (c) => `确认${side[c.receiver]}的 FIN（四次挥手第 2 步）：这个方向已经关闭（半关闭）。`,
      'close-ack-last': (c) => `确认${side[c.receiver]}的 FIN：关闭的最后一步，两个方向都已关闭。`,
      rst: (c) => `RST：${side[c.sender]}立即中止连接（复位）；不需要对方回复，未发送的数据被丢弃。`,
      'no-flags': () => '没有任何标志位：在任何状态下都不是合法的报文段；常见于端口扫描（nmap -sN）。',
      quiet: (c) =>
        c.len > 0
          ? `${side[c.sender]}发送 ${c.len} 字节（tcpdump -q 不显示标志位和序列号）。`
          : `${side[c.sender]}发出的一个不带数据的报文段（tcpdump -q 不显示标志位和序列号，无法判断它的作用）。`,
    },
    extraFlag: (_flag, meaning) => `另外，${meaning}。`,
    ecnSetup: (c) =>
      c.synAck
        ? `SYN-ACK 上的 ECE：${side[c.sender]}同意使用 ECN（显式拥塞通知，RFC 3168 §6.1.1），这不是拥塞信号。`
        : `SYN 上的 ECE+CWR：${side[c.sender]}提议使用 ECN（显式拥塞通知，RFC 3168 §6.1.1）：路由器可以用标记代替丢包来通知拥塞。`,
    synSeq: (c) =>
      `seq ${c.isn} 是${side[c.sender]}的初始序列号（ISN，随机选取）；SYN 本身占用一个序列号，所以${side[c.sender]}的数据从 ${c.isn + 1 > 0xffffffff ? 0 : c.isn + 1} 开始。`,
    dataSeq: (c) =>
      c.absolute
        ? `seq ${c.printed}：${side[c.sender]}数据流中的 ${c.len} 字节，序列号 ${c.from}–${c.to}${c.relFrom !== null && c.relTo !== null ? `（从 ISN 起算的第 ${c.relFrom}–${c.relTo} 字节）` : ''}。`
        : `seq ${c.printed}：${side[c.sender]}数据流的第 ${c.from}–${c.to} 字节（共 ${c.len} 字节${c.noIsn ? NO_ISN : ''}）。`,
    finSeq: (c) =>
      `seq ${c.printed}：FIN 占用序列号 ${c.seq}（占一个序列号，不带数据）${c.sent !== null ? `；${side[c.sender]}一共发送了 ${c.sent} 字节` : ''}。`,
    rstSeq: (c) => `seq ${c.printed}：只有序列号落在接收方窗口内的 RST 才会被接受（RFC 5961）。`,
    ackOfSyn: (c) => `ack ${c.printed} = ${side[c.receiver]}的初始序列号 ${c.isn} + 1：SYN 占用一个序列号。`,
    ackOfSynRelative: (c) => `ack ${c.printed} = ${side[c.receiver]}的初始序列号 + 1：SYN 占用一个序列号。`,
    ackOfFin: (c) =>
      `ack ${c.printed} = ${side[c.receiver]}的 FIN（seq ${c.fin}）+ 1：和 SYN 一样，FIN 也占用一个序列号${c.bytes !== null ? `；它的 ${c.bytes} 字节数据已全部收到` : ''}。`,
    ackNothingYet: (c) => `ack ${c.printed}：还没有收到${side[c.receiver]}的数据（只收到它的 SYN）；${side[c.sender]}期待的下一个字节是第 1 字节。`,
    ackBytes: (c) =>
      c.absolute
        ? `ack ${c.printed}：${side[c.sender]}已收到${side[c.receiver]}数据流中直到 ${c.ack - 1} 的数据${c.rel !== null ? `（第 1–${c.rel - 1} 字节）` : ''}，期待下一个序列号 ${c.ack}。`
        : `ack ${c.printed}：${side[c.sender]}已收到${side[c.receiver]}的第 1–${c.ack - 1} 字节，期待的下一个字节是第 ${c.ack} 字节。`,
    ackUnknownBase: (c) =>
      `ack ${c.printed}：${side[c.sender]}期待${side[c.receiver]}的下一个字节是 ${c.ack}（从本次抓包的第一个报文起算：缺少握手）。`,
    noIsn: NO_ISN,
    winSyn: (c) => `win ${c.win}：${side[c.sender]}暂时可以接收 ${c.win} 字节（SYN 中的窗口从不缩放）。`,
    winScaled: (c) =>
      `win ${c.win} × ${scaleFactor(c.scale)} = ${c.bytes} 字节：${side[c.sender]}现在还能接收的数据量（窗口缩放因子 ${c.scale} 来自握手）。`,
    winUnscaled: (c) => `win ${c.win}：${side[c.sender]}现在还能接收 ${c.win} 字节（未启用窗口缩放）。`,
    winUnknownScale: (c) => `win ${c.win}：${side[c.sender]}的窗口值，还要乘以一个本次抓包没看到的缩放因子（缺少握手），所以实际大小未知。`,
    winZero: (c) => `win 0：${side[c.sender]}现在不能再接收任何数据（缓冲区已满）。`,
    options: (c) => `选项：${c.items.join('；')}。`,
    payload: (c) => `tcpdump 解码出的载荷：${c.text}`,
    rstPayload: (c) => `这个 RST 带有文本，通常是发出它的设备给出的原因（BIG-IP 等负载均衡会这样做）：${c.text}`,
    transition: (c) => (c.from ? `${side[c.end]}：${c.from} → ${c.to}（${c.meaning}）。` : `${side[c.end]}：进入 ${c.to}（${c.meaning}）。`),
    truncated: 'tcpdump 没能解码完整的头部（被快照长度截断，或选项格式错误），部分字段缺失。',
    warning: (text) => `tcpdump 提示：${text}。`,
    finding: (severity, text) => `[${severity}] ${text}`,
    noAnalysis: '未跟踪：无法把这个报文段归入某个连接。',
  },
  verdicts: {
    'normal-close': {
      headline: (v) => `正常关闭（${closeKind(v)}）`,
      summary: (v, c) =>
        `客户端 ${c.client} 与服务端 ${c.server} 建立了连接，客户端发送 ${v.bytes.c2s} 字节、服务端发送 ${v.bytes.s2c} 字节，然后双方都用 FIN 关闭了各自的方向${c.duration ? `（历时 ${c.duration}）` : ''}。TCP 层面一切正常。`,
      nextStep: () => '如果应用程序仍然报错，请到 TCP 之上去找原因：HTTP 状态码、TLS 告警、应用日志。',
      appSaw: () => ['没有套接字错误：交互完成，关闭时读取返回文件结束（0 字节）。'],
    },
    refused: {
      headline: () => '连接被拒绝：服务端用 RST 回应了 SYN',
      summary: (_v, c) =>
        `客户端 ${c.client} 请求连接 ${c.server}，得到的回应是 RST（复位）：那台主机的 ${c.port ?? '?'} 端口上没有程序在监听（或防火墙以复位方式拒绝）。主机本身是在线且可达的。`,
      nextStep: (_v, c) =>
        `在服务端检查服务是否在运行、是否监听了这个地址和端口（ss -ltnp | grep :${c.port ?? '端口'}），是否监听在正确的网卡上（0.0.0.0 而不是 127.0.0.1），以及有没有防火墙 REJECT 规则。`,
      appSaw: (_v, c) => [
        `curl: (7) Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'}: Connection refused`,
        `Node.js：Error: connect ECONNREFUSED ${c.server}`,
        'Python：ConnectionRefusedError: [Errno 111] Connection refused',
        'Java：java.net.ConnectException: Connection refused',
      ],
    },
    'no-answer': {
      headline: () => '无应答：SYN 一直没有得到回应',
      summary: (v, c) =>
        `客户端 ${c.client} 向 ${c.server} 发送了 ${1 + v.synRetransmissions} 个 SYN${c.duration && v.synRetransmissions > 0 ? `（历时 ${c.duration}）` : ''}，没有任何回应：主机宕机或不可达、防火墙静默丢弃了 SYN（DROP 而不是 REJECT），或者回包走了别的路径。${v.synRetransmissions === 0 ? '不过只看到一个 SYN：也可能只是抓包在收到回应或重传之前就结束了。' : ''}`,
      nextStep: (_v, c) =>
        `检查地址和路由（traceroute -T -p ${c.port ?? '端口'} ${hostOf(c.server)}）、路径上的安全组和防火墙，并在服务端抓包：SYN 到达服务端了吗？`,
      appSaw: (_v, c) => [
        `curl: (28) Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'}: Operation timed out（若内核先放弃，则为 (7) Connection timed out）`,
        `Node.js：Error: connect ETIMEDOUT ${c.server}`,
        'Python：TimeoutError: [Errno 110] Connection timed out（设置了套接字超时则为 "timed out"）',
        'Java：java.net.ConnectException: Connection timed out（或 SocketTimeoutException: Connect timed out）',
      ],
    },
    'reset-by-server': {
      headline: (v) => `服务端${resetPhase[v.phase ?? 'mid-transfer']}复位了连接`,
      summary: (v, c) =>
        `服务端 ${c.server}（或它前面的某个设备）${resetPhase[v.phase ?? 'mid-transfer']}用 RST 结束了连接，此前客户端发送了 ${v.bytes.c2s} 字节、服务端发送了 ${v.bytes.s2c} 字节${c.duration ? `，历时 ${c.duration}` : ''}。${
          v.phase === 'after-request'
            ? '请求已经到达服务端，但它没有回复而是中止了连接：进程崩溃、异常导致套接字被关闭、代理拒绝了请求，或者是中间设备伪造的 RST。'
            : v.phase === 'after-close'
              ? '此时关闭已经开始；这里的复位通常是一方在还有未读数据时关闭了套接字（RFC 9293 §3.6.1），往往无害。'
              : v.phase === 'before-data'
                ? '服务端接受了连接，却在任何数据之前就断开了：accept 队列溢出、TLS/访问控制拒绝，或代理没有可用的后端。'
                : '服务端在传输途中中止：进程崩溃、服务端或代理的超时或限制。'
        }`,
      nextStep: () => '查看服务端应用和代理在该时间点的日志（崩溃、超时、大小限制）。同时在服务端抓包：如果服务端根本没有发出这个 RST，那就是路径上的防火墙或 IPS 发的。',
      appSaw: (v) =>
        v.phase === 'after-close'
          ? ['通常没有报错：响应已经完整；最多是之后的一次读取失败，报 ECONNRESET / "Connection reset by peer"。']
          : [
              v.phase === 'before-data'
                ? 'curl: (56) Recv failure: Connection reset by peer（或 (52) Empty reply from server）'
                : 'curl: (56) Failure when receiving data from the peer（Recv failure: Connection reset by peer）',
              'Node.js：Error: read ECONNRESET（如果还在发送数据，则为 write EPIPE）',
              'Python：ConnectionResetError: [Errno 104] Connection reset by peer',
              'Java：java.net.SocketException: Connection reset',
            ],
    },
    'reset-by-client': {
      headline: (v) => `客户端${resetPhase[v.phase ?? 'mid-transfer']}中止了连接（RST）`,
      summary: (v, c) =>
        `客户端 ${c.client} ${resetPhase[v.phase ?? 'mid-transfer']}用 RST 结束了连接${c.duration ? `（连接开始后 ${c.duration}）` : ''}：它的应用程序放弃了（自己的超时）、进程退出了，或者在还有未读数据时关闭了套接字（RFC 9293 §3.6.1）。中间设备也可能伪造这样的复位。`,
      nextStep: (_v, c) =>
        `把客户端的超时设置与服务端的处理时间${c.duration ? `（这里是 ${c.duration}）` : ''}作比较；检查客户端进程是否退出。如果客户端主机根本没有发出这个 RST（两端同时抓包对比），那就是防火墙或 IPS 伪造的。`,
      appSaw: () => [
        '客户端报告的是它自己的原因，通常是超时：curl: (28) Operation timed out；Node.js：ETIMEDOUT 或 abort() 之后的 "socket hang up"；Python：TimeoutError；Java：java.net.SocketTimeoutException: Read timed out',
        '如果服务端应用还在读写，它会看到 ECONNRESET / "Connection reset by peer"',
      ],
    },
    'idle-reset': {
      headline: () => '长时间空闲后被复位',
      summary: (v, c) =>
        `${c.client} 与 ${c.server} 之间的连接空闲了很久，随后被${v.resetBy ? side[v.resetBy] : '对方'}复位：服务器、负载均衡、NAT 或防火墙因空闲超时丢弃了它。从连接池里复用这个连接的客户端，下一个请求就会失败。`,
      nextStep: () => '让客户端连接池的空闲超时短于服务端或负载均衡的空闲超时，或开启 TCP 保活（keep-alive）；对幂等请求在 ECONNRESET 时重试。',
      appSaw: () => [
        'curl: (56) Failure when receiving data from the peer，复用连接时也可能是 (52) Empty reply from server',
        'Node.js：Error: read ECONNRESET，或 "socket hang up"',
        'Python：ConnectionResetError: [Errno 104] Connection reset by peer，或 http.client.RemoteDisconnected',
        'Java：java.net.SocketException: Connection reset',
      ],
    },
    'half-closed': {
      headline: (v) => `半关闭：只有${halfCloser(v) ? side[halfCloser(v) as Side] : '一方'}发送了 FIN`,
      summary: (v) => {
        const closer = halfCloser(v);
        if (!closer) return '到抓包结束时只有一个方向用 FIN 关闭了，另一方还没有关闭。';
        return `${side[closer]}发送了 FIN（没有更多数据要发了），但到抓包结束时${side[other(closer)]}还没有关闭它的方向。${
          closer === 'server'
            ? '客户端已经读到服务端的文件结束；如果它一直不关闭，说明它的应用程序没有调用 close()（停留在 CLOSE_WAIT）。'
            : '服务端仍可能发送回复；如果它一直不关闭，说明服务端应用程序没有调用 close()（服务端停留在 CLOSE_WAIT）。'
        }`;
      },
      nextStep: (v) =>
        halfCloser(v) === 'client'
          ? '检查服务端应用程序：大量 CLOSE_WAIT 连接（ss -tan state close-wait）说明它忘了关闭连接。'
          : '检查客户端应用程序：读到文件结束后必须关闭套接字；大量 CLOSE_WAIT 连接（ss -tan state close-wait）说明存在连接泄漏。',
      appSaw: (v) =>
        halfCloser(v) === 'server'
          ? [
              '读取返回文件结束（0 字节）；如果完全没有收到响应：curl: (52) Empty reply from server',
              'Node.js：没有开始响应时为 Error: socket hang up（code ECONNRESET）',
              'Python：http.client.RemoteDisconnected: Remote end closed connection without response',
            ]
          : ['暂时没有报错：客户端已发送完毕，正在等待服务端的回复或 FIN。'],
    },
    open: {
      headline: (v) => (v.evictedAt === undefined ? '抓包结束时连接仍然打开' : 'tcplain 停止跟踪时连接仍然打开'),
      summary: (v) =>
        `到目前为止客户端发送 ${v.bytes.c2s} 字节、服务端发送 ${v.bytes.s2c} 字节，没有 FIN 也没有 RST：这是一个长连接（keep-alive、流式传输），或者抓包停得太早。`,
      nextStep: () => '如果你预期连接会结束，请抓更长时间。',
      appSaw: () => ['TCP 层面没有问题：暂无错误。'],
    },
    incomplete: {
      headline: () => '不完整：抓包只看到了这个连接的一小部分',
      summary: () => '抓包中没有三次握手，无法对整个连接下结论。',
      nextStep: () => '先启动 tcpdump，再让客户端发起连接，然后重现问题。',
      appSaw: () => ['从这次抓包无法得知。'],
    },
  },
  verdictBlock: {
    head: (c) => `连接 ${c.conn} ${c.client} → ${c.server}：${c.headline}`,
    next: '下一步：',
    appSaw: '应用程序看到的：',
    stats: (v, c) =>
      `${v.packets.c2s + v.packets.s2c} 个报文（→ ${v.packets.c2s}，← ${v.packets.s2c}），→ ${v.bytes.c2s} 字节 / ← ${v.bytes.s2c} 字节${c.duration ? `，${c.duration}` : ''}；Zeek conn_state ${v.connState}，history ${v.history || '-'}`,
    roleGuessed: '没有看到 SYN，客户端和服务端是根据端口号推测的',
    evicted: (line) => `为了限制内存，tcplain 在第 ${line} 行停止跟踪这个连接：同时打开的连接太多，而它空闲的时间最长`,
  },
  record: {
    meta: {
      command: (r) => `生成这份抓包的 tcpdump 命令${r.argv && r.argv.length ? `：tcpdump ${r.argv.join(' ')}` : ''}。`,
      listening: (r) =>
        `tcpdump 正在 ${r.iface ?? '某个网卡'} 上实时抓包${r.linkType ? `，链路类型 ${r.linkType}` : ''}${r.snaplen !== null ? `，每个报文最多保留 ${r.snaplen} 字节（快照长度）` : ''}。`,
      reading: (r) => `tcpdump 正在读取保存的抓包文件${r.file ? `（${r.file}）` : ''}${r.linkType ? `，链路类型 ${r.linkType}` : ''}${r.snaplen !== null ? `，快照长度 ${r.snaplen}` : ''}。`,
      suppressed: () => 'tcpdump 每个报文只打印一行摘要；加 -v 或 -vv 可以看到 IP 头字段、校验和以及更多协议细节。',
      stats: (r) => {
        const n = r.count ?? 0;
        switch (r.stat) {
          case 'captured':
            return `tcpdump 输出了 ${n} 个报文。`;
          case 'received':
            return `${n} 个报文匹配了过滤条件。`;
          case 'dropped-kernel':
            return n > 0 ? `内核丢弃了 ${n} 个报文：抓包没跟上，这份抓包中的缺口可能是抓包造成的，而不是网络。` : '内核没有丢弃报文：抓包是完整的。';
          case 'dropped-interface':
            return `网卡在 tcpdump 看到之前丢弃了 ${n} 个报文。`;
          default:
            return `tcpdump 统计：${r.raw.trim()}`;
        }
      },
      warning: (r) => `tcpdump 警告：${r.raw.replace(/^\s*Warning:\s*/i, '')}`,
      error: (r) => {
        const msg = r.raw.replace(/^\s*tcpdump:\s*/, '').trim();
        if (/permission/i.test(msg)) return `tcpdump 错误：${msg}。抓包需要 root 权限或 CAP_NET_RAW 能力（sudo tcpdump ...）。`;
        if (/syntax error/i.test(msg)) return `tcpdump 错误：${msg}。过滤表达式不符合 pcap-filter 语法（可用 tcplain cmd "tcpdump ..." 查看解释）。`;
        return `tcpdump 错误（不是报文）：${msg}。`;
      },
      interrupt: () => '^C：抓包被 Ctrl-C 停止；tcpdump 接着会打印统计数字。',
    },
    commandOption: {
      n: () => '-n：地址和端口都以数字显示（不做 DNS 和服务名解析）',
      nn: () => '-nn：地址和端口都以数字显示',
      N: () => '-N：主机名不带域名',
      S: () => '-S：显示绝对序列号（不使用相对序列号）',
      v: () => '-v：详细输出：IP 头字段和校验和',
      vv: () => '-vv：更详细：每个报文段都显示序列号，更多协议细节',
      vvv: () => '-vvv：最详细的输出',
      e: () => '-e：显示链路层头部（MAC 地址、以太网类型）',
      q: () => '-q：简略输出，较少的协议细节',
      x: () => '-x：以十六进制打印每个报文（不含链路层头部）',
      xx: () => '-xx：以十六进制打印每个报文，含链路层头部',
      X: () => '-X：以十六进制和 ASCII 打印每个报文',
      XX: () => '-XX：以十六进制和 ASCII 打印，含链路层头部',
      A: () => '-A：以 ASCII 打印载荷',
      t: () => '-t：不显示时间戳',
      tt: () => '-tt：时间戳为 Unix 秒数',
      ttt: () => '-ttt：显示与上一个报文的时间差',
      tttt: () => '-tttt：显示日期和时间',
      ttttt: () => '-ttttt：显示与第一个报文的时间差',
      i: (v) => `-i${v === true ? '' : ` ${v}`}：在这个网卡上抓包`,
      r: (v) => `-r${v === true ? '' : ` ${v}`}：读取保存的抓包文件`,
      w: (v) => `-w${v === true ? '' : ` ${v}`}：把报文写入文件而不是打印出来`,
      c: (v) => `-c${v === true ? '' : ` ${v}`}：抓到这么多个报文后停止`,
      s: (v) => `-s${v === true ? '' : ` ${v}`}：快照长度（每个报文保留的字节数）`,
      l: () => '-l：行缓冲输出，便于实时通过管道处理',
      K: () => '-K：不校验校验和',
      '#': () => '-#：显示报文编号',
      p: () => '-p：不把网卡设为混杂模式',
    },
    commandUnknownOptions: (names) => `其他选项：${names.map((n) => `-${n}`).join(' ')}。`,
    commandFilter: (filter) => `过滤条件：只抓匹配 "${filter}" 的报文。`,
    icmpPortUnreachable: (c) =>
      `来自 ${c.reporter} 的 ICMP 端口不可达：${c.host} 的 ${c.proto.toUpperCase()} ${c.port} 端口上没有程序在监听，该端口在那台主机上是关闭的。`,
    icmpHostUnreachable: (c) => `来自 ${c.reporter} 的 ICMP 不可达：某个路由器或主机表示目的地无法到达。`,
    icmpEchoRequest: (c) => `Ping：${c.from} 请求 ${c.to} 回显（ICMP echo request）。`,
    icmpEchoReply: (c) => `Ping 回应：${c.from} 回复 ${c.to}（ICMP echo reply）：主机在线。`,
    icmpTimeExceeded: (c) => `来自 ${c.reporter} 的 ICMP 超时：报文的 TTL 在途中耗尽（路由环路，或 traceroute）。`,
    icmpOther: (c) => `ICMP 消息：${c.summary}。`,
    udp: (c) => `从 ${c.from} 到 ${c.to} 的 UDP 数据报${c.len !== null ? `（${c.len} 字节）` : ''}：无连接，没有握手，也没有确认。`,
    dns: (c) =>
      c.query
        ? `从 ${c.from} 到 ${c.to} 的 DNS 查询：${c.qtype && c.name ? `查询 ${c.name} 的 ${c.qtype} 记录` : '正在解析域名'}。`
        : `从 ${c.from} 到 ${c.to} 的 DNS 应答。`,
    arpRequest: (c) => `ARP：${c.asker} 询问谁是 ${c.target}，即在本地网络中查找它的 MAC 地址。`,
    arpReply: (c) => `ARP 应答：${c.target} 的 MAC 地址是 ${c.mac}。`,
    other: (c) => `${c.proto} 报文，不是 TCP：仅作参考。`,
    otherTcp: (c) => `tcpdump 无法把这个 TCP 报文解码成报文段（${c.summary}）：没有可跟踪的标志位和序列号。`,
    unparsed: (reason) => `无法解析，按原样显示：${reason}。`,
    tooLong: (chars, limit) => `行过长（${chars} 个字符，超过 tcplain 解析的上限 ${limit}）：远超 tcpdump 打印的任何一行；按原样显示，未解析。`,
  },
  seconds,
} as const satisfies Catalog;

/** 恰好只有一方发送了 FIN 时，返回那一方（根据最终状态）。 */
function halfCloser(v: ConnectionVerdict): Side | null {
  const closing = (s: string | null) => s === 'FIN_WAIT_1' || s === 'FIN_WAIT_2';
  if (closing(v.states.client) && !closing(v.states.server)) return 'client';
  if (closing(v.states.server) && !closing(v.states.client)) return 'server';
  return null;
}
