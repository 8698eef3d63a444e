// 简体中文课程词条（`tcplain lesson`）：每课的目标、讲解要点、课后问题和测验用语。

import type { ResetPhase, Side } from '../../model/findings';
import type { LessonMessages } from './lesson-en';
import { zhCN } from './zh-CN';

const side = { client: '客户端', server: '服务端' } as const;
const peer = (s: Side): Side => (s === 'client' ? 'server' : 'client');

const phase: Record<ResetPhase, string> = {
  handshake: '在回应 SYN 时',
  'before-data': '在握手刚完成时',
  'after-request': '在收到请求之后、回复之前',
  'after-next-request': '在收到后续请求之后、回复之前',
  'mid-transfer': '在数据传输过程中',
  'after-close': '在连接关闭过程中',
  idle: '在连接空闲一段时间之后',
};

export const lessonZhCN = {
  side,
  lessons: {
    handshake: {
      title: '三次握手',
      story: '客户端向 Web 服务端发起 TCP 连接：SYN、SYN-ACK、ACK。双方各自随机选择初始序列号（ISN），对方用 ISN + 1 来确认。',
      goals: [
        '根据标志位（[S]、[S.]、[.]）区分 SYN、SYN-ACK 和最后的 ACK',
        '读出双方的 ISN，并验证每个 ack 都等于对方的 ISN + 1',
        '跟踪两端从 CLOSED/LISTEN 到 ESTABLISHED 的状态变化',
        '理解握手之后 tcpdump 为什么显示 "ack 1"（相对序列号）',
      ],
    },
    'data-acks': {
      title: '数据与确认：seq/ack 计算、窗口、延迟确认',
      story: '一个请求、一个回复，然后服务端以 1000 字节为一块连续发送，客户端立即确认；接着是另一份抓包，客户端等了 43 毫秒才确认回复（延迟确认）。每个 seq 范围和每个 ack 都可以用一条规则验证：下一个 seq = seq + 长度，ack = 期望收到的下一个字节。',
      goals: [
        '把 seq A:B 读作字节 A 到 B−1，并预测下一个 seq',
        '验证每个 ack 都等于接收方期望的下一个字节',
        '用窗口缩放移位值把显示的窗口值换算成字节数',
        '分辨 ACK 是立即发送的还是延迟发送的',
      ],
    },
    'four-way-close': {
      title: '四次挥手与 TIME_WAIT',
      story: '客户端先关闭：FIN、ACK，0.2 秒后服务端发 FIN，最后一个 ACK。先关闭的一端进入 TIME_WAIT 等待。',
      goals: [
        '跟踪主动关闭方 FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT',
        '跟踪被动关闭方 CLOSE_WAIT → LAST_ACK → CLOSED',
        '验证 FIN 占用一个序列号（对 FIN 的确认是 seq + 1）',
        '解释 TIME_WAIT 为什么存在、由哪一端进入',
      ],
    },
    'three-way-close': {
      title: '三个报文的关闭',
      story: '这次服务端先关闭，客户端的 FIN 和对服务端 FIN 的确认合并在同一个报文里：关闭只用了三个报文而不是四个。这份抓包展示的是一个常见问题的答案：“为什么挥手只有三次？”',
      goals: [
        '看到一个同时确认对方 FIN 的 FIN（F.，ack = FIN + 1）',
        '理解中间的 ACK 和 FIN 是被合并了，而不是丢了',
        '看清这次谁在 TIME_WAIT（服务端：它先关闭）',
      ],
    },
    refused: {
      title: '连接被拒绝',
      story: '向一个没有程序监听的端口发送 SYN：立即收到一个来自服务端地址的 RST+ACK。客户端看到的是“connection refused”。',
      goals: [
        '认出紧跟在 [S] 之后的 [R.] 是拒绝连接，而不是网络故障',
        '验证 RST 的 ack 等于客户端 ISN + 1（它回应的正是这个 SYN）',
        '区分被拒绝（RST）和完全没有回应（SYN 重传）',
      ],
    },
    'server-reset': {
      title: '服务端复位连接',
      story: '连接建立，客户端发送请求，服务端确认后 50 毫秒没有回复，而是复位了连接。这份抓包展示的是应用程序中止了自己的连接：TCP 本身没有出故障。',
      goals: [
        '看到请求在 RST 之前已经被接收（被 ACK）',
        '确定 RST 在连接生命周期中的位置：请求之后、回复之前',
        '解释为什么两端都直接跳到 CLOSED',
      ],
    },
    'idle-reset': {
      title: '空闲后被复位',
      story: '请求得到回复后，3 秒内什么都没发生，然后服务端复位了连接。这份抓包展示的是空闲超时，常见于代理、负载均衡和会丢弃安静连接的服务端。',
      goals: [
        '从时间戳算出 RST 之前的空闲时长',
        '区分空闲超时和传输中的复位',
        '知道下一步该查什么：空闲超时和 keep-alive 设置',
      ],
    },
    'forged-rst': {
      title: '伪造的 RST：两端对照',
      story: '同一个连接分别在客户端和服务端抓包，中间经过 NAT。服务端收到一个“来自客户端”的 RST，但客户端从未发送过：是路由器伪造的，它还吞掉了服务端的回复。这份抓包展示的是如何回答这个问题：到底是谁发的 RST？',
      goals: [
        '逐个报文对齐两份抓包（经过 NAT，seq/ack 不变）',
        '找出没有到达的报文和没有人发送的 RST',
        '用 TTL 作为伪造的证据，并理解为什么 IP ID 为 0 和缺失 TCP 时间戳只是弱证据（服务端在没有连接时自己发出的 RST 两者皆是）',
        '解释最后客户端收到的 RST：服务端早已忘掉了这个连接',
      ],
    },
    'mss-clamp': {
      title: '经过 NAT 的 MSS 钳制',
      story: '客户端通告 MSS 1460，服务端收到的却是 1200：路由器改写了 SYN（以及 SYN-ACK）里的选项。于是回复以 1188 字节的报文段到来。',
      goals: [
        '读出 SYN 和 SYN-ACK 中的 MSS 选项',
        '对比两份抓包，看到选项被改写',
        '解释 1188 字节的报文段：MSS 1200 减去 12 字节的 TCP 时间戳选项',
      ],
    },
    retransmission: {
      title: '丢失的报文段与超时重传',
      story: '路由器丢掉了一次请求。没有任何回应，于是大约 200 毫秒后客户端再次发送了相同的字节（重传超时，RFC 6298）。',
      goals: [
        '认出重传：同一个 seq 范围发送了两次',
        '从时间戳算出重传超时',
        '看到服务端的抓包里这个报文段只出现一次',
      ],
    },
    'fast-retransmit': {
      title: '丢包、重复 ACK、SACK 与快速重传',
      story: '经过一个会丢包的路由器上传 300 kB。接收方不断确认缺口处（重复 ACK），并报告缺口之后已收到的数据（SACK）；收到三个重复 ACK 后，发送方不等定时器就重发丢失的报文段。',
      goals: [
        '发现缺口：数据还在流动，ack 却不再前进',
        '把 SACK 块读作缺口之后已经收到的范围',
        '看到重复 ACK 之后的快速重传（RFC 5681 §3.2）',
        '观察缺口补上之后 ack 的跳跃',
      ],
    },
    'zero-window': {
      title: '零窗口与窗口探测',
      story: '服务端不再读取数据：接收缓冲区满了，它通告 win 0。客户端必须停止发送，并发送零窗口探测，直到服务端重新打开窗口。',
      goals: [
        '认出 win 0 是流量控制，而不是拥塞或丢包',
        '认出探测报文：没有负载，seq 比下一个字节小 1',
        '看到让数据重新流动的窗口更新',
      ],
    },
  },
  points: {
    isn: (p) => `要点：${p.isn} 是${side[p.side]}随机选择的 ISN。SYN 本身占用一个序列号，所以${side[p.side]}的第一个数据字节是 ISN + 1 = ${p.isn + 1}（相对 seq 1）。`,
    'ack-of-syn': (p) => `要点：ack ${p.ack} = ${side[peer(p.side)]}的 ISN ${p.isn} + 1：“收到你的 SYN 了，我期望的下一个序列号是 ${p.ack}”。`,
    'handshake-done': (p) => `要点：从第一个 SYN 起 ${p.packets} 个报文之后两端都是 ESTABLISHED。从这里开始 tcpdump 显示相对于各自 ISN 的序列号，所以这个 ACK 显示为 "ack 1"${p.rttMs !== null ? `；握手往返用了 ${p.rttMs} 毫秒` : ''}。`,
    mss: (p) =>
      p.sent !== null
        ? `要点：${p.synAck ? 'SYN-ACK' : 'SYN'} 到达时 MSS 为 ${p.mss}（${side[p.side]}发出的是 ${p.sent}，见下）：${side[peer(p.side)]}发出的报文段载荷最多 ${p.mss} 字节。`
        : p.received !== null
          ? `要点：${side[p.side]}的 ${p.synAck ? 'SYN-ACK' : 'SYN'} 发出时 MSS 为 ${p.mss}，到达时变成 ${p.received}（见下）：${side[peer(p.side)]}发出的报文段载荷最多 ${p.received} 字节。`
          : `要点：${side[p.side]}的 ${p.synAck ? 'SYN-ACK' : 'SYN'} 带有 MSS ${p.mss}：${side[peer(p.side)]}发出的报文段载荷最多 ${p.mss} 字节。每一端通告自己的 MSS，它不是协商出来的。`,
    'data-range': (p) => `要点：seq ${p.from}:${p.to} 是 ${p.len} 个字节，编号 ${p.from} 到 ${p.to - 1}。${side[p.side]}的下一个新字节将是 ${p.to}。`,
    'ack-advance': (p) =>
      p.filled !== null
        ? `要点：ack ${p.ack}：重传的 ${p.filled.from}:${p.filled.to} 填上了${p.filled.last ? '最后一个缺口' : ` ${p.filled.from} 处的缺口`}，累计确认一下子前进 ${p.bytes} 字节（${p.segments} 个报文段）：` +
          `重传之后的 ${p.ack - p.filled.to} 字节此前已经${p.filled.sacked ? '到达并被 SACK 确认' : '乱序到达'}。` +
          '报文段填补缺口时接收方会立即确认（RFC 5681 §4.2）：这不是延迟确认。'
        : `要点：ack ${p.ack} 表示“${p.ack} 之前的字节我都收到了”：${p.segments} 个报文段中的 ${p.bytes} 个新字节` +
      (p.delayMs === null
        ? '。'
        : p.delayMs >= 20
          ? `，在数据到达 ${p.delayMs} 毫秒后才发出：这是延迟确认（接收方等一等，看有没有数据可以一起带回去）。`
          : p.segments >= 2
            ? p.segments === 2
              ? '：一个 ACK 确认了两个报文段（RFC 5681 §4.2：至少每两个满长报文段确认一次）。'
              : `：一个 ACK 确认了 ${p.segments} 个报文段，即“拉伸 ACK”（stretch ACK）：确认次数少于 RFC 5681 §4.2 的要求（至少每两个满长报文段确认一次）。`
            : `，${p.delayMs < 1 ? '立即' : `在数据到达 ${p.delayMs} 毫秒后`}发出（Linux 在连接开始时会快速确认）。`),
    window: (p) =>
      p.scale > 0
        ? `要点：win ${p.printed} 是缩放过的：${p.printed} × 2^${p.scale} = ${p.bytes} 字节：${side[p.side]}现在还愿意接收的数据量（接收窗口；Linux 通告的值小于空闲缓冲区）。`
        : `要点：win ${p.printed} 表示${side[p.side]}还能接收 ${p.bytes} 字节。`,
    fin: (p) =>
      p.acksFin === 'new'
        ? '要点：这个 FIN 同时确认了对方的 FIN：ACK 和 FIN 合在一个报文里，对方的 FIN 不再需要单独的 ACK，所以这次关闭比 FIN、ACK、FIN、ACK 少一个报文。'
        : p.acksFin === 'again'
          ? `要点：现在${side[p.side]}也关闭了自己的方向；它的 FIN 序列号是 ${p.seq}。它的 ack 重复了它在第 ${p.ackedOn} 行已经发出的对对方 FIN 的确认：那个 ACK 和这个 FIN 是两个报文。`
          : p.first
            ? `要点：${side[p.side]}先关闭（主动关闭）。它的 FIN 占用序列号 ${p.seq}，所以对它的确认必须是 ${p.seq + 1}。`
            : `要点：现在${side[p.side]}也关闭了自己的方向；它的 FIN 序列号是 ${p.seq}。`,
    'ack-of-fin': (p) => `要点：ack ${p.ack} = FIN ${p.fin} + 1：FIN 和 SYN 一样占用一个序列号。`,
    'time-wait': (p) => `要点：${side[p.side]}先关闭，所以进入 TIME_WAIT，将该连接的四元组保留 2×MSL（Linux 固定为 60 秒），以便最后的 ACK 丢失时能重发，并防止旧报文混入新连接。`,
    'last-ack-done': (p) =>
      `要点：${side[p.side]}收到这个 ACK 后即忘掉这个连接：被动关闭方从不在 TIME_WAIT 等待。` +
      `从第一个 FIN 到这个 ACK，这次关闭用了 ${p.packets} 个报文${p.flags.length > 0 ? `（${p.flags.map((f) => `[${f}]`).join(' ')}）` : ''}。`,
    rst: (p) =>
      (p.forged
        ? `要点：${phase[p.phase]}出现了一个带着${side[p.by]}地址的 RST。RST 不被确认，没有 FIN，没有 TIME_WAIT：接受它的${side[peer(p.by)]}立即丢弃连接，而${side[p.by]}的连接仍然开着。`
        : `要点：${phase[p.phase]}出现了一个带着${side[p.by]}地址的 RST${p.idleSeconds !== null ? `（之前静默了 ${p.idleSeconds} 秒）` : ''}。RST 不被确认，没有 FIN，没有 TIME_WAIT：接受它的一端立即丢弃连接；真正发出它的一端也已经没有这个连接。`) +
      (p.phase === 'handshake' && p.withAck
        ? '对 SYN 回复 RST+ACK（确认号 = 初始序列号 + 1）表示“没有套接字接收这个 SYN”：这个端口没有程序监听，或者防火墙以主机的名义拒绝了连接。无论哪种，connect() 都以 ECONNREFUSED 失败。'
        : ''),
    'dup-ack': (p) => `要点：第 ${p.n} 个重复 ACK：${side[p.side]}仍在要字节 ${p.ack}。有数据到了，但不是从 ${p.ack} 开始的那个报文段。`,
    sack: (p) => `要点：SACK ${p.blocks.map(([a, b]) => `${a}-${b}`).join('、')}：缺口 ${p.ack} 之后的这些字节已经到达，只需要重发缺口。`,
    retransmission: (p) => {
      const first = p.originalLine !== null ? `（第一次发送在第 ${p.originalLine} 行${p.afterMs !== null ? `，${p.afterMs} 毫秒之前` : ''}）` : '';
      if (p.cause === 'fast') return `要点：快速重传 ${p.from}:${p.to}${first}：重复 ACK 已经告诉发送方这个报文段丢了，不必等定时器。`;
      if (p.cause === 'recovery') return `要点：在恢复阶段重发 ${p.from}:${p.to}${first}：SACK 块显示这里也是缺口，所以发送方不等待直接补上。`;
      return `要点：字节 ${p.from}:${p.to} 被再次发送${first}：重传定时器到期前没有收到 ACK。`;
    },
    'zero-window': (p) =>
      p.again ? `要点：仍然是 win 0：${side[p.side]}的缓冲区还是满的。` : `要点：win 0：${side[p.side]}的接收缓冲区满了（应用程序没有读取）。对方必须停止发送数据。`,
    'window-probe': (p) =>
      `要点：${side[p.side]}发出的零窗口探测：seq ${p.seq} 比下一个字节小 1，没有负载。它只是为了换回一个带有当前窗口的 ACK。` +
      'Linux 的探测报文和 keep-alive 一模一样，所以上面的发现（和 Wireshark 一样）可能把它叫作 keep-alive：让它成为探测的是对方窗口为 0。',
    'window-reopened': (p) => `要点：${side[p.side]}的窗口重新打开（${p.bytes} 字节）：数据可以继续流动了。`,
    'pair-seen': (p) => `要点：${side[p.other]}的抓包在第 ${p.otherLine} 行有同一个报文段。`,
    'pair-lost': (p) => `要点：这个报文段只在服务端的抓包里：它没有到达${side[p.toward]}。`,
    'pair-forged': (p) =>
      `要点：${side[p.from]}从未发送这个 RST：${side[p.from]}的抓包里没有它。` +
      (p.ttlSeen !== null && p.ttlPeer !== null ? `它到达时 TTL 为 ${p.ttlSeen}，而${side[p.from]}真实报文到达时 TTL 为 ${p.ttlPeer}。` : '') +
      (p.tsMissing
        ? `它不带 TCP 时间戳，而${side[p.from]}的其他报文段都带；但单凭这一点证据不足：内核为不存在的连接发出的 RST${p.kernelRst !== null ? `（如第 ${p.kernelRst.line} 行${side[p.kernelRst.by]}的 RST）` : ''}同样不带时间戳。`
        : ''),
    'mss-rewritten': (p) => `要点：${side[p.from]}发出的是 MSS ${p.sent}，对方收到的是 MSS ${p.received}：中间设备改写了这个选项。`,
  },
  questions: {
    'client-isn': { q: () => '客户端的 ISN（绝对值）是多少？', a: (p) => `${p.isn}` },
    'synack-ack': { q: () => 'SYN-ACK 带的 ack 是多少？为什么？', a: (p) => `${p.ack} = 客户端 ISN ${p.isn} + 1（SYN 占用一个序列号）` },
    'handshake-packets': { q: () => '建立连接用了几个报文？', a: (p) => `${p.count} 个：SYN、SYN-ACK、ACK` },
    'next-seq': { q: (p) => `${side[p.side]}发送了 seq ${p.from}，共 ${p.len} 字节。它下一个新报文段的 seq 从多少开始？`, a: (p) => `${p.next} = ${p.from} + ${p.len}` },
    'acked-bytes': { q: (p) => `${side[p.side]}发出 ack ${p.ack} 时，已经从对方收到多少字节？`, a: (p) => `${p.bytes} 字节（编号 1 到 ${p.ack - 1}；ack ${p.ack} 是期望的下一个字节）` },
    'window-bytes': { q: (p) => `${side[p.side]}显示 win ${p.printed}。这是多少字节？`, a: (p) => `${p.bytes} = ${p.printed} × 2^${p.scale}（握手时通告的窗口缩放因子）` },
    'close-packets': { q: () => '关闭连接用了几个报文？', a: (p) => `${p.count} 个` },
    'time-wait-end': { q: () => '哪一端留在 TIME_WAIT？为什么是它？', a: (p) => `${side[p.side]}：它先发送了 FIN（主动关闭）` },
    'fin-ack-value': { q: (p) => `一个 FIN 的 seq 是 ${p.fin}。确认它的 ack 是多少？`, a: (p) => `${p.ack} = ${p.fin} + 1` },
    'rst-sender': {
      q: () => 'RST 来自哪里？在连接的哪个阶段？',
      a: (p) =>
        p.own
          ? `${side[p.by]}地址上的 TCP 端点，${phase[p.phase]}（这个 RST 延续了该端点的${p.ts && p.ip ? '时间戳和 IP 首部' : p.ts ? '时间戳' : 'IP 首部'}，防火墙 REJECT 生成的复位不会这样）：可能是${side[p.by]}本身，也可能是它前面终结 TCP 的代理或负载均衡器`
          : `来自${side[p.by]}的地址，${phase[p.phase]}：可能是${side[p.by]}自己发出的，也可能是途中设备以它的名义发出的（仅凭这份抓包无法区分，${side[p.by]}一侧的抓包可以）`,
    },
    'refused-ack': { q: () => 'RST 带有一个 ack。它是多少？说明了什么？', a: (p) => `${p.ack} = 客户端 ISN ${p.isn} + 1：它正是对这个 SYN 的回应：主机或途中的设备收到了它并拒绝（没有监听的主机，或代主机拒绝的防火墙）` },
    'idle-seconds': { q: () => 'RST 之前连接静默了多久？', a: (p) => `${p.seconds} 秒` },
    'forged-evidence': {
      q: () => '服务端抓包里有哪些迹象说明 RST 不是客户端发的？',
      a: (p) =>
        [
          '客户端的抓包里没有它',
          ...(p.ttlSeen !== null && p.ttlPeer !== null ? [`TTL 是 ${p.ttlSeen} 而不是 ${p.ttlPeer}`] : []),
          ...(p.tsMissing ? ['没有 TCP 时间戳选项（单凭这一点证据不足：内核为不存在的连接发出的 RST 同样不带时间戳）'] : []),
        ].join('；'),
    },
    'mss-values': { q: () => '客户端发出的 MSS 是多少？服务端收到的是多少？数据报文段有多大？', a: (p) => `发出 ${p.sent}，收到 ${p.received}；报文段 ${p.segment} 字节` },
    'rto-ms': { q: () => '客户端等了多久才重传？', a: (p) => `${p.ms} 毫秒` },
    'dup-acks-before': { q: () => '快速重传之前有几个重复 ACK？它们在要哪个字节？', a: (p) => `${p.count} 个重复 ACK，都在要字节 ${p.ack}` },
    'probe-count': { q: () => '客户端发送了几个零窗口探测？', a: (p) => `${p.count} 个` },
  },
  why: {
    flags: (p) => `[${p.flags}]：这个报文段的作用：`,
    'seq-continues': (p) => `它接着${side[p.side]}上一个报文段（第 ${p.prevLine} 行）结束的地方：${p.next}。`,
    'seq-goes-back': (p) => `${side[p.side]}已经发到了 ${p.next}，所以 ${p.answer} 是往回走：这些字节被再次发送。`,
    'seq-jumps': (p) => `${side[p.side]}的下一个字节本应是 ${p.next}，这里却从 ${p.answer} 开始：中间的字节没有被抓到。`,
    'seq-first': (p) => `这是${side[p.side]}在这里的第一个报文段：它的 seq 是编号的起点。`,
    'ack-all': (p) => `它确认了${side[peer(p.side)]}到目前为止发送的全部数据：期望的下一个字节是 ${p.peerNext}。`,
    'ack-behind': (p) => `${side[peer(p.side)]}已经发到了 ${p.peerNext}，但${side[p.side]}仍在要 ${p.answer}：从那里开始的字节丢了或还没到。`,
    'ack-first': (p) => `这是${side[p.side]}的第一个 ack。`,
    'state-change': (p) => (p.from !== null ? `${side[p.end]}：${p.from} → ${p.to}：${zhCN.states[p.to].meaning}。` : `${side[p.end]}：进入 ${p.to}：${zhCN.states[p.to].meaning}。`),
    'state-same': (p) => `这个报文段不改变${side[p.end]}的状态：仍然是 ${p.state}。`,
  },
  quiz: {
    intro: (c) => `预测下一个报文段（${side[c.from]} → ${side[c.to]}）。`,
    prompt: (c) => `${c.intro}${c.ask}`,
    because: (c) => `${c.why}${c.role}`,
    ask: {
      flags: '它带哪些标志位？',
      seq: '它的（相对）seq 是多少？',
      ack: '它的（相对）ack 是多少？',
      state: (end) => `它之后${side[end]}处于什么状态？`,
    },
    correct: '回答正确。',
    wrong: (answer) => `不对：答案是 ${answer}。`,
    youChose: (c) => `你选了 ${c.given}：${c.meaning}。`,
    answerIs: (answer) => `答案：${answer}。`,
    notThis: (c) => `不是 ${c.option}：${c.meaning}。`,
    flagMeaning: {
      S: 'SYN 发起连接（握手的第一个报文）',
      'S.': 'SYN-ACK 回应 SYN（握手的第二个报文）',
      '.': '纯 ACK 只确认收到的数据，自己不带数据',
      'P.': '交给接收方应用程序的数据（PSH），带 ACK',
      'F.': 'FIN：发送方没有数据要发了',
      'FP.': '最后的数据和 FIN 在同一个报文段里',
      'R.': '带 ACK 位的复位：连接立即中止',
      R: '不带 ACK 位的复位：连接立即中止',
    },
    score: (c) => `得分：已答 ${c.answered} 题，答对 ${c.right} 题（共 ${c.total} 题）。`,
    revealed: (c) => `已揭晓 ${c.shown}/${c.total} 题`,
    vote: '全班投票：讨论后按回车揭晓答案。',
    typeNumber: '输入数字后按回车',
    chooseOption: '按 1-4（或 a-d）',
    answerKey: '答案',
    title: (lesson) => `测验：${lesson}`,
    stepOf: (c) => `第 ${c.line} 行之前（第 ${c.step} 步）`,
  },
  ui: {
    lessons: '课程',
    step: (c) => `第 ${c.n}/${c.total} 步`,
    capture: { client: '客户端抓包', server: '服务端抓包' },
    colon: '：',
    listSep: '、',
    goals: '目标',
    questions: '问题',
    answer: '答案',
    lesson: '课程',
    states: '状态',
    transition: (c) => (c.from !== null ? `${side[c.end]}：${c.from} ──► ${c.to}` : `${side[c.end]}：进入 ${c.to}`),
    noChange: '状态没有变化',
    statesLine: (t) => `状态：${t}`,
    keys: '→ 下一步  ← 上一步  ↑↓ 滚动  N⏎ 第 N 步  g/G 首/末  r 逐项  d 状态图  q 退出',
    quizKeys: '1-4 作答  回车 确认  ← 返回  q 退出',
    voteKeys: '回车：揭晓答案  ← 返回  q 退出',
    slideMore: (n) => `另有 ${n} 条要点见演讲者备注`,
    legendLines: ['C[X] / [X]S：客户端 / 服务端当前在 X', 'c / s：刚离开 X：c(X)、(X)s、c[X]S、C[X]s'],
    answersHidden: '答案已隐藏：按 a 显示',
    goTo: (t) => `跳到第 ${t} 步：按回车`,
    scrolled: (c) => `第 ${c.from}-${c.to} 行，共 ${c.total} 行  ↑↓ 滚动`,
    nextStage: (stage) => `→ 显示${{ numbers: '序列号和确认号', states: '状态变化', point: '讲解' }[stage]}`,
    stepByStep: '逐项揭示',
    diagramKey: 'd：回到讲解',
    teacherFile: {
      noCapture: (f) => `${f}：缺少指明抓包文件的 "capture:" 行`,
      badField: (c) => `${c.file}:${c.line}：无法读取“${c.text}”（应当形如“lines: 7-11”）`,
      unknownPoint: (c) => `${c.file}:${c.line}：没有名为“${c.code}”的要点（可选：${c.known.split(', ').join('、')}）`,
      unknownQuestion: (c) => `${c.file}:${c.line}：没有名为“${c.code}”的问题（可选：${c.known.split(', ').join('、')}）；自己写的问题下面需要一行“answer:”`,
      noAnswer: (c) => `${c.file}:${c.line}：这个问题缺少 "answer:" 行`,
      noTitle: (f) => `${f}：缺少 "# 标题" 行`,
      noSuchLine: (c) => `${c.file}:${c.line}：输入的第 ${c.target} 行不在这课的步骤里`,
    },
    end: '本课结束',
    start: '按 → 显示第一个报文段',
    diagram: 'RFC 9293 状态',
    line: (n) => `第 ${n} 行`,
    legend: 'C[X] / [X]S：客户端 / 服务端当前在 X · c(X) / (X)s：刚离开的状态 · c[X]S / C[X]s：一端刚离开 X，另一端当前在 X',
    usage: 'tcplain lesson 课程名   （例如 tcplain lesson handshake）',
    unknownLesson: (c) => `没有名为“${c.name}”的课程（可选：${c.known}）`,
  },
} satisfies LessonMessages;
