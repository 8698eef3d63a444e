// 简体中文措辞：tcplain 输出的每一条解释（发现、结论、状态、标志位、选项、记录）。

import type { Catalog, MssRewrites, ProblemMessages } from '../catalog';
import type { ConnectionVerdict, Problem, RoutedConnection } from '../../model/verdict';
import { capturePointSure, ipv6Connection } from '../../model/verdict';
import type { SegmentCopy } from '../../model/segment';
import { endpointKey, sameEndpoint } from '../../model/endpoint';
import { TS_OPTION_SPACE } from '../../model/tcp-options';
import { timestampsMissingStrong, type CapturePoint, type Finding, type ResetAcceptance, type ResetClass, type ResetEvidence, type ResetPhase, type Side, type SynStack } from '../../model/findings';
import { hex, scaleFactor, splitSeconds } from '../numbers';
import { mssRewriteFacts } from '../mss-rewrites';
import { abortTimingFacts, IDLE_TIMER_MIN, closedNotByIdleTimer, serverIdleBeforeReset } from '../reset-timing';
import { icmpErrFn, icmpFilter, icmpName, nodeAddr } from '../ip-version-words';


/** 经抓包主机转发的包：NAT 改写了哪一端（track/copies.ts）。 */
function natRewrite(c: SegmentCopy): string {
  if (!c.translated) return '，地址未变（没有 NAT）';
  const parts: string[] = [];
  if (!sameEndpoint(c.from.src, c.to.src)) parts.push(`源地址 ${endpointKey(c.from.src)} 改写为 ${endpointKey(c.to.src)}`);
  if (!sameEndpoint(c.from.dst, c.to.dst)) parts.push(`目的地址 ${endpointKey(c.from.dst)} 改写为 ${endpointKey(c.to.dst)}`);
  return `，NAT 把${parts.join('，把')}`;
}

function ttlWords(t: NonNullable<SegmentCopy['ttl']>): string {
  const name = t.v6 ? '跳数限制' : 'TTL';
  const n = t.from - t.to;
  return n > 0
    ? `${name} ${t.from} → ${t.to}（${n === 1 ? `经本机转发，${name} 减 1` : `低了 ${n}`}）。`
    : `${name} 未变（${t.from}）：没有经过路由转发（网桥不减 ${name}）。`;
}

/** 连接在转发主机两侧的样子（结论的 routed）。 */
function routedWords(r: RoutedConnection): string {
  const cs = r.clientSide;
  const ss = r.serverSide;
  const nat: string[] = [];
  if (!sameEndpoint(cs.client, ss.client)) nat.push(`源地址转换把客户端 ${endpointKey(cs.client)} 映射为 ${endpointKey(ss.client)}`);
  if (!sameEndpoint(cs.server, ss.server)) nat.push(`目的地址转换把客户端访问的 ${endpointKey(cs.server)} 映射为服务端的 ${endpointKey(ss.server)}`);
  const mss = r.mss.map((m) => `${side[m.sender]}的 ${m.sender === 'client' ? 'SYN' : 'SYN-ACK'} 出去时 MSS 为 ${m.to}，原为 ${m.from}`);
  return (
    `抓包位于转发这个连接的主机上（-i any）：每个包出现两次，先从一个网卡进来，再从另一个网卡出去；` +
    `转发出去的副本（例如第 ${r.firstPair[1]} 行，是第 ${r.firstPair[0]} 行经本机转发后的副本）不再重复分析，所以没有副本被算作重传。` +
    `在 ${cs.iface} 上客户端是 ${endpointKey(cs.client)}，服务端是 ${endpointKey(cs.server)}；在 ${ss.iface} 上分别是 ${endpointKey(ss.client)} 和 ${endpointKey(ss.server)}` +
    (nat.length > 0 ? `（${nat.join('；')}）。` : '（没有 NAT：两侧地址相同）。') +
    (mss.length > 0 ? `MSS 钳制：${mss.join('；')}。` : '') +
    (r.ttlDrop !== null && r.ttlDrop > 0 ? `每个副本出去时 TTL 低 ${r.ttlDrop}（-v）。` : '')
  );
}

/** 各端通告的 MSS，以及经本机钳制后收到的 MSS；满载报文段 = 收到的 MSS 减去发送方的选项（启用时间戳时每段 TS_OPTION_SPACE 字节）。 */
function clampedWords(f: Extract<Finding, { code: 'tcp.options_negotiated' }>): string {
  const k = f.clamped;
  if (k === undefined) return '';
  const ts = f.timestamps ? TS_OPTION_SPACE : 0;
  const announced = `通告的 MSS：客户端 ${f.mss.client ?? '–'} / 服务端 ${f.mss.server ?? '–'}`;
  if (k.client === k.server)
    return `${announced}；经本机钳制后两端收到的都是 ${k.client}，所以满载报文段是 ${k.client - ts} 字节${ts > 0 ? `（${k.client} − ${ts} 字节时间戳选项）` : ''}。`;
  return (
    `${announced}；经本机钳制后客户端收到 ${k.client}、服务端收到 ${k.server}，所以满载报文段客户端 → 服务端是 ${k.client - ts} 字节，` +
    `服务端 → 客户端是 ${k.server - ts} 字节${ts > 0 ? `（已扣除 ${ts} 字节时间戳选项）` : ''}。`
  );
}

/** 配对的两份抓包所知道的握手 MSS（RFC 9293 §3.7.1）：此处看到的每个被路由器改写过的值在另一份抓包里是多少；不知道改写时为 null。 */
function mssPathWords(f: Extract<Finding, { code: 'tcp.options_negotiated' }>, rw: MssRewrites | undefined): string | null {
  const parts = mssRewriteFacts(f, rw).map((m) =>
    m.seen === 'sent' ? `${side[m.side]}的 ${m.sent} 到达${side[other(m.side)]}时变成 ${m.received}` : `${side[m.side]}发出的是 ${m.sent}`,
  );
  return parts.length > 0 ? `${parts.join('；')}：途中被改写` : null;
}

const side = { client: '客户端', server: '服务端' } as const;
const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');

function seconds(s: number): string {
  const { value, unit } = splitSeconds(s);
  return `${value} ${unit === 'ms' ? '毫秒' : '秒'}`;
}

const who = (s: Side | null): string => (s ? side[s] : '发送方');

const closeKind = (v: ConnectionVerdict): string =>
  v.closeKind === '3-way'
    ? '三次挥手：一方的 FIN 与对另一方 FIN 的确认合并在同一报文中'
    : v.closeKind === 'simultaneous'
      ? '同时关闭：双方同时发送了 FIN'
      : '四次挥手';

const NO_ISN = '，从本次抓包的第一个报文起算：缺少握手';

const hostOf = (c: string): string => c.replace(/:(\d+|[a-z][\w-]*)$/i, '').replace(/^\[(.*)\]$/, '$1');

const lineList = (lines: readonly number[]): string => `第 ${lines.join('、')} 行`;

/** Handshake RTT with the capture point unknown: either gap may be the round trip, the other a host's turnaround. */
function rttRange(g1: number, g2: number): string {
  if (g1 === g2)
    return `握手往返时间（RTT）：${seconds(g1)}（SYN → SYN-ACK 和 SYN-ACK → ACK 都是 ${seconds(g1)}：无论哪个间隔是往返时间，另一个都只是某一端自身的响应时间）。可作为判断后续延迟的基准。`;
  const lo = splitSeconds(Math.min(g1, g2));
  const hi = splitSeconds(Math.max(g1, g2));
  const unit = (u: 'ms' | 's'): string => (u === 'ms' ? '毫秒' : '秒');
  const range = lo.unit === hi.unit ? `${lo.value}–${hi.value} ${unit(hi.unit)}` : `${lo.value} ${unit(lo.unit)}–${hi.value} ${unit(hi.unit)}`;
  return `握手往返时间（RTT）：${range}，取决于哪个间隔是往返时间（SYN → SYN-ACK ${seconds(g1)}，SYN-ACK → ACK ${seconds(g2)}）；另一个只是某一端自身的响应时间，握手时序分辨不出是哪一个。可作为判断后续延迟的基准。`;
}

/** A lost first SYN-ACK and the lines of its resends (problems.ts synAckLostLines). */
function synAckLostWhere(p: Extract<Problem, { code: 'handshake-retry' }>): string {
  const l = p.synAckLines;
  if (l === undefined) return `第一个 SYN-ACK 在返回途中丢失了${p.originalSynAckUnseen ? '，所以这次抓包里的 SYN-ACK 都是重发的' : ''}（${lineList(p.lines)}）`;
  const resent = l.synResent > 0 ? `；第 ${l.synResent} 行是重发的 SYN` : '';
  if (l.original === null) return `第一个 SYN-ACK 在返回途中丢失了，所以这次抓包里的 SYN-ACK 都是重发的（${lineList(l.resends.map((r) => r.line))}${resent}）`;
  const each = l.resends.map((r) => `第 ${r.line} 行（${r.answers > 0 ? `回应第 ${r.answers} 行重发的 SYN` : '定时器'}）`);
  const list = each.length > 1 ? `${each.slice(0, -1).join('、')}和${each[each.length - 1]}` : each.join('');
  const times = ['', '一', '两', '三', '四'][each.length] ?? String(each.length);
  return `第一个 SYN-ACK（第 ${l.original} 行）在返回途中丢失了；服务端在${list}又发了${times}次`;
}
/** Sequence ranges (`to` exclusive): "14481–15928 和 18825–20272", "5、20–29 和 40–49". */
const seqRanges = (rs: readonly { from: number; to: number }[]): string => {
  const parts = rs.map((r) => (r.to - r.from === 1 ? `${r.from}` : `${r.from}–${r.to - 1}`));
  return parts.length > 1 ? `${parts.slice(0, -1).join('、')} 和 ${parts[parts.length - 1]}` : parts.join('');
};

type Loss = Extract<Problem, { code: 'loss' }>;

/** 零窗口一端通告的窗口从未超过 4 个 MSS：它的小缓冲区一直限制着传输。 */
const smallWindow = (p: Extract<Problem, { code: 'zero-window' }>): boolean => p.maxWindow !== null && p.mss !== null && p.maxWindow > 0 && p.maxWindow <= 4 * p.mss;

/** 以对端满长报文段计的小窗口：`正好 2 个满长报文段：带时间戳时 2 × 1448 字节`。 */
function windowInSegments(p: Extract<Problem, { code: 'zero-window' }>): string {
  const win = p.maxWindow as number;
  if (p.segment === null) return `约为 MSS ${p.mss} 的 ${Math.round(win / (p.mss as number))} 个报文段`;
  const { bytes, timestamps } = p.segment;
  const n = Math.floor(win / bytes);
  const ts = timestamps ? '带时间戳时 ' : '';
  if (n * bytes === win) return `正好 ${n} 个满长报文段：${ts}${n} × ${bytes} 字节`;
  return `${n} 个 ${bytes} 字节的满长报文段${timestamps ? '（带时间戳）' : ''}再加 ${win - n * bytes} 字节`;
}

/** `快速重传 4 个（启用 SACK）、其他 1 个`：看到的各类重传。 */
function lossKinds(p: Loss): string {
  const parts: string[] = [];
  if (p.fast > 0) parts.push(`${p.sack ? '启用 SACK 的' : ''}快速重传 ${p.fast} 个`);
  if (p.timeout > 0) parts.push(`超时重传 ${p.timeout} 个`);
  if (p.tlp > 0) parts.push(`尾部丢失探测 ${p.tlp} 个`);
  if (p.timeoutOrTlp > 0) parts.push(`≥ 200 毫秒后重发 ${p.timeoutOrTlp} 个，属于超时重传或尾部丢失探测`);
  if (p.sackTimer > 0) parts.push(`SACK 块已表明缺口后由定时器重发 ${p.sackTimer} 个`);
  const rest = p.other - p.sackTimer;
  if (rest > 0 && parts.length > 0) parts.push(`其他 ${rest} 个`);
  return parts.join('、');
}

/** 「1 次虚假的尾部丢失探测（第 8 行）」：事后证明不必要的重传。 */
const spuriousWords = (p: Loss): string =>
  `${p.spurious} 次虚假的${p.tlp > 0 && p.tlp === p.retransmitted ? '尾部丢失探测' : '重传'}${p.spuriousLine > 0 ? `（第 ${p.spuriousLine} 行）` : ''}`;

const spuriousProof = (p: Loss): string =>
  p.dsackLine > 0 ? `第 ${p.dsackLine} 行的 D-SACK 表明第一次发送的数据已经到达` : '对方早已确认过这些字节';

type Upstream = NonNullable<Loss['upstream']>;

const tsJump = (u: Upstream): string =>
  u.tsFrom !== null && u.tsTo !== null ? `TS val ${u.tsFrom} → ${u.tsTo}，+${u.tsTo - u.tsFrom}，Linux 以毫秒计` : '';

const timerName = (u: Upstream): string => (u.timer === 'tlp' ? '尾部丢失探测' : 'RTO 或尾部丢失探测');

const repairWords = (p: Loss): string =>
  !p.repaired ? '到抓包结束时仍有重传未被确认' : p.repairSeconds !== null ? `修复耗时 ${seconds(p.repairSeconds)}` : p.lost > 0 ? '修复耗时未知' : '';

/** 服务端在发出任何响应字节之前就用 FIN 关闭时，HTTP 客户端报告的错误。 */
const EMPTY_REPLY = [
  'Node.js：Error: socket hang up（code ECONNRESET）',
  'Python：http.client.RemoteDisconnected: Remote end closed connection without response',
  'Java（HttpURLConnection）：java.net.SocketException: Unexpected end of file from server',
];

const problems: ProblemMessages = {
  loss: {
    clause: (p) => {
      const u = p.upstream;
      if (u !== null && p.lost > 0) {
        const ts = tsJump(u);
        if (!u.afterHole && p.retransmitted === 1 && p.notCaptured === 0)
          return `，但第 ${u.line} 行的 ${u.bytes} 字节晚到了 ${seconds(u.seconds)}：${side[p.sender]}比其余数据晚这么久才发出它们${ts ? `（${ts}）` : ''}，所以它们的第一次发送${ts ? '' : '很可能'}在本抓包点之前丢失了，由定时器修复（${timerName(u)}）`;
        const rest = p.retransmitted - 1;
        return `，期间丢了 ${p.lost} 个报文段：${seconds(u.seconds)}后的一次${timerName(u)}（第 ${u.line} 行${ts ? `，${ts}` : ''}）${u.afterHole && p.sack ? '引来了 SACK' : ''}${
          rest > 0 ? `，其余 ${rest} 个${p.fast >= rest ? '随即' : '随后'}被重发` : ''
        }${p.repairSeconds !== null ? `；数据晚到了 ${seconds(p.repairSeconds)}` : repairWords(p) ? `；${repairWords(p)}` : ''}`;
      }
      return p.lost === 0
        ? p.retransmitted > 0
          ? `，期间有 ${spuriousWords(p)}：没有丢失任何数据`
          : `，但有 ${p.notCaptured} 个报文段从未出现在这次抓包中`
        : p.retransmitted === 0
          ? `，但有 ${p.notCaptured} 个报文段从未出现在这次抓包中，也没有看到重传`
          : `，期间从丢包中恢复：${side[p.sender]}重传了 ${p.retransmitted} 个报文段（${[lossKinds(p), p.dupAcks > 0 ? `重复确认 ${p.dupAcks} 个` : '', repairWords(p)].filter(Boolean).join('；')}）`;
    },
    sentence: (p) =>
      p.lost === 0 && p.retransmitted > 0
        ? `没有丢包：${side[p.sender]}发出了 ${spuriousWords(p)}${lossKinds(p) && !(p.tlp > 0 && p.tlp === p.retransmitted) ? `（${lossKinds(p)}）` : ''}，但${spuriousProof(p)}；没有丢失任何数据，也没有需要修复的（${lineList(p.lines)}）。`
        : `丢包：${side[p.sender]}重传了 ${p.retransmitted} 个报文段${lossKinds(p) ? `（${lossKinds(p)}）` : ''}${
        p.spurious > 0 ? `，其中 ${p.spurious} 个是不必要的（数据其实已经到达）` : ''
      }${p.notCaptured > 0 ? `；这里看到的报文段之前有 ${p.notCaptured} 处缺口：缺失的数据没有经过这个抓包点` : ''}${
        p.dupAcks > 0 ? `；${side[other(p.sender)]}在等待期间发送了 ${p.dupAcks} 个重复确认${p.sack ? '（已启用 SACK）' : ''}` : ''
      }${
          p.upstream !== null
            ? `；第 ${p.upstream.line} 行是定时器发出的重传，它的第一次发送从未到达这个抓包点（${tsJump(p.upstream) ? `它的 TS val ${p.upstream.tsFrom} → ${p.upstream.tsTo} 表明它是晚发出的` : '很可能如此，依据只是它之前的静默；时间戳才能证明'}）`
            : ''
        }${repairWords(p) ? `；${repairWords(p)}` : ''}（${lineList(p.lines)}）。`,
    next: (p) =>
      p.lost === 0 && p.retransmitted > 0
        ? p.tlp > 0 && p.tlp === p.retransmitted
          ? `没有需要修复的：${side[p.sender]}的尾部丢失探测定时器（约 2·SRTT，RFC 8985 §7.2）在确认到来之前就到期了，于是重发了飞行中的最后一段数据。探测开销很小，突发流量中很常见；多余的探测太多会浪费少量带宽（Linux 上的 nstat：TcpExtTCPLossProbes 统计探测次数，TcpExtTCPLossProbeRecovery 统计真正修复了丢失的探测，TcpExtTCPDSACKRecv 统计收到的全部 D-SACK（包括表明探测多余的那些））。`
          : `没有需要修复的：${side[p.sender]}的定时器在确认到来之前就到期了（延迟确认，或定时器比当时的往返时间还短）。偶尔几次无害；大量出现会浪费带宽（在 Linux 上，nstat 的 TcpExtTCPSpuriousRTOs 和 TcpExtTCPDSACKRecv 会计数）。`
        : p.notCaptured > 0 || p.upstream !== null
        ? '报文段在到达这个抓包点之前就丢了：在上游也抓包（tcplain pair 可以对比两份抓包），并检查路径上的丢包（网卡错误：ip -s link；队列丢包：tc -s qdisc）。'
        : '找出报文段在哪里被丢弃：在另一端也抓包（tcplain pair 可以对比两份抓包），并检查两端主机和中间路由器的网卡错误（ip -s link）和队列丢包（tc -s qdisc）。',
  },
  'zero-window': {
    clause: (p) =>
      `，但${side[p.by]}的零窗口让传输停顿了 ${p.seconds !== null ? seconds(p.seconds) : '一段未知的时间'}${p.reopened ? '' : '，直到抓包结束'}（零窗口探测 ${p.probes} 个）`,
    sentence: (p) =>
      `零窗口：${side[p.by]}的接收缓冲区满了（它的应用程序没有及时读取），${side[other(p.by)]}只能停止发送 ${p.seconds !== null ? seconds(p.seconds) : '一段未知的时间'}${p.stalls > 1 ? `（共停顿 ${p.stalls} 次）` : ''}，期间发送了 ${p.probes} 个零窗口探测（RFC 9293 §3.8.6.1）${p.reopened ? '，直到窗口重新打开' : '；到抓包结束时窗口仍为零'}（${lineList(p.lines)}）。`,
    next: (p) =>
      `检查${side[p.by]}的应用程序：它读取套接字太慢（忙碌、阻塞，或卡在慢速磁盘或下游服务上）。在那台主机上用 ss -tmi 可以看到接收队列（Recv-Q）在增长。${
        smallWindow(p)
          ? `另外，${side[p.by]}通告的窗口从未超过 ${p.maxWindow} 字节（${windowInSegments(p)}${p.wscale !== null ? `；窗口缩放 ${p.wscale}` : ''}），所以整个传输每个往返时间最多只能发这么多，停顿之前也是如此：要在${side[p.by]}上解决（增大接收缓冲区：SO_RCVBUF、net.ipv4.tcp_rmem；并及时读取）。`
          : ''
      }`,
  },
  'handshake-retry': {
    clause: (p) =>
      `，但握手需要重传（${[p.syn > 0 ? `SYN 重发 ${p.syn} 次` : '', p.synAck > 0 ? `SYN-ACK 重发 ${p.synAck} 次` : ''].filter(Boolean).join('、')}）${
        p.seconds !== null && p.seconds > 0 ? `，连接因此推迟了 ${seconds(p.seconds)}` : ''
      }`,
    sentence: (p) =>
      `握手重传：${[p.syn > 0 ? `SYN 重发了 ${p.syn} 次` : '', p.synAck > 0 ? `SYN-ACK 重发了 ${p.synAck} 次` : ''].filter(Boolean).join('，')}${
        p.seconds !== null && p.seconds > 0 ? `；握手比第一次尝试晚了 ${seconds(p.seconds)}才完成` : p.seconds === 0 ? '，发生在握手完成之后（没有造成延迟）' : ''
      }。${
        p.synAckLost
          ? `服务端回应了客户端的第一个 SYN（它的 SYN-ACK 回显了那个 SYN 的 TSval），但在客户端重发 SYN 之前没有任何 SYN-ACK 到达客户端：${synAckLostWhere(p)}`
          : `SYN、SYN-ACK 或回应它的 ACK 在途中丢失了（${lineList(p.lines)}）`
      }。`,
    next: (p) =>
      p.synAckLost
        ? '第一个 SYN-ACK 在服务端→客户端的路径上丢失了（SYN-ACK 回显了第一个 SYN 的 TSval，说明服务端收到了那个 SYN，监听队列也接纳了它）：检查返回路径上的丢包（在两端同时抓包，用 tcplain pair 对比）。'
        : 'SYN、SYN-ACK 或最后的 ACK 丢失了：检查路径上的丢包（在服务端也抓包），并在服务端检查 SYN 队列或 accept 队列是否已满（nstat -az TcpExtListenOverflows TcpExtListenDrops）。',
  },
  silence: {
    clause: (p) =>
      keptAlive(p)
        ? `，空闲了 ${seconds(p.seconds)}，其间 ${p.keepAlives} 个保活探测都得到了回应，连接一直保活`
        : p.closedBy !== null && p.keepAlives === 0
          ? `，${side[p.closedBy]}在空闲 ${seconds(p.seconds)}后关闭`
          : `，期间静默了 ${seconds(p.seconds)}${p.keepAlives > 0 ? `（其间有 ${p.keepAlives} 个保活探测）` : ''}`,
    sentence: (p, v) =>
      keptAlive(p)
        ? `空闲了 ${seconds(p.seconds)}（从第 ${p.lines[0]} 行到第 ${p.lines[1]} 行），但${p.prober ? side[p.prober] : '探测方'}发送了 ${p.keepAlives} 个保活探测${p.probeEvery !== null ? `（间隔最多 ${seconds(p.probeEvery)}）` : ''}，每个都得到了回应：连接一直保活。`
        : `${v.excerpts === true ? '' : '静默：'}${seconds(p.seconds)}内${
            v.excerpts === true
              ? p.keepAlives > 0
                ? `只显示了 ${p.keepAlives} 个保活探测`
                : '没有显示任何报文'
              : p.keepAlives > 0
                ? `只抓到 ${p.keepAlives} 个保活探测`
                : '没有抓到任何报文'
          }（从第 ${p.lines[0]} 行到第 ${p.lines[1]} 行）${
            p.closedBy !== null ? `，随后${side[p.closedBy]}发送了第一个 FIN` : ''
          }。`,
    next: (p) =>
      keptAlive(p)
        ? `没有出错：${p.prober ? side[p.prober] : '探测方'}的保活探测（${p.probeEvery !== null ? `间隔最多 ${seconds(p.probeEvery)}` : '都得到了回应'}）让路径上的连接状态一直保持新鲜。`
        : p.closedBy === 'server' && p.keepAlives === 0
          ? `服务端在连接空闲 ${seconds(p.seconds)}后关闭了它（很可能是它的空闲超时）。客户端连接池保留空闲连接的时间必须短于这个值，否则复用的连接会与服务端的 FIN 赛跑（EOF / 'socket hang up' / curl (52) Empty reply from server）。`
          : p.closedBy === 'client' && p.keepAlives === 0
            ? `没有出错：客户端在连接空闲 ${seconds(p.seconds)}后关闭了它（很可能是它自己或连接池的空闲超时）。`
            : `没有出错，但连接空闲了 ${seconds(p.seconds)}：如果路径上的 NAT、防火墙或负载均衡在更短的时间内就会忘记空闲连接，保活探测的间隔必须短于它的超时。`,
  },
  'capture-missed': {
    clause: (p) => `，但抓包漏掉了 ${p.segments} 个已被接收方确认的报文段`,
    sentence: (p) =>
      `抓包缺口：ACK 确认了 ${p.bytes} 字节这次抓包从未显示的数据（共 ${p.segments} 次，第一次在第 ${p.lines[0]} 行）：数据已经到达，是抓包漏掉了，而不是网络丢了。`,
    next: () => '抓包不完整：检查 tcpdump 的 "packets dropped by kernel"，用更大的缓冲区（-B）和过滤条件抓包，或换一个不受非对称路由影响的位置抓包。',
  },
};

/** A silence filled with keep-alive probes that were all answered: the path state was refreshed throughout. */
function keptAlive(p: Extract<Problem, { code: 'silence' }>): boolean {
  return p.keepAlives > 0 && p.answered >= p.keepAlives;
}

/** Keep-alives at a steady spacing, one answer received before the return path broke: a sudden change, no idle timeout. */
function keepAliveSteady(v: ConnectionVerdict): boolean {
  const k = v.keepAlive;
  return k !== null && k.returnPathBroken && k.probeEvery !== null && k.answered - k.answersLost > 0;
}

/** "0 packets dropped by kernel" with the counts printed before it (-1 unknown): never "complete" when they differ. */
function noKernelDrops(received: number, captured: number, toFile = false): string {
  if (received < 0 || captured < 0) return '内核没有丢弃报文。';
  if (received === captured) return '内核没有丢弃报文，过滤条件匹配的每个报文都被抓到了：抓包是完整的。';
  if (received > captured && toFile)
    return `内核没有丢弃报文，但过滤条件匹配了 ${received} 个报文，只抓到了 ${captured} 个：最后 ${received - captured} 个报文已匹配，但 tcpdump 停止时还在内核缓冲区里，没有写入文件。文件缺的是末尾这几个，而不是中间的。`;
  if (received > captured)
    return `内核没有丢弃报文，但过滤条件匹配了 ${received} 个报文，只抓到了 ${captured} 个：最后 ${received - captured} 个报文已匹配，但 tcpdump 停止时还在缓冲区里，没有打印出来。它们缺在抓包的末尾，而不是中间。`;
  return `内核没有丢弃报文；过滤条件的计数（${received}）小于抓到的数量（${captured}），这些统计说明不了更多。`;
}

function capturedCount(n: number, mode: 'print' | 'write' | null): string {
  if (mode === 'print') return `tcpdump 打印了 ${n} 个报文。`;
  if (mode === 'write') return `tcpdump 把 ${n} 个报文写入了文件。`;
  return `tcpdump 输出了 ${n} 个报文。`;
}


/** 单凭 FIN 分不出 shutdown(SHUT_WR) 和 close()：close() 之后 Linux 保留这个孤儿连接（tcp_fin_timeout），对新数据回 RST。 */
const CLOSED_ORPHAN =
  '后一种情况下内核把这一端在 FIN_WAIT_2 保留约 60 秒（tcp_fin_timeout），这期间服务端再发来数据、或在这之后才发来 FIN，都会收到 RST（单凭 FIN 分不出这两种情况）。';

/** 旧版 curl（RHEL 6 的 7.19.7，seed 001 用的就是它）报 56 时不带原因，只有这个错误码的通用文字。 */
const OLD_CURL_56 = '（旧版 curl，如 7.19.7：(56) Failure when receiving data from the peer）';

const problemClause = (p: Problem): string => (problems[p.code].clause as (p: Problem) => string)(p);
const problemNext = (p: Problem): string => (problems[p.code].next as (p: Problem) => string)(p);

type RstFinding = Extract<Finding, { code: 'tcp.rst' }>;
const evOf = <C extends ResetEvidence['code']>(ev: readonly ResetEvidence[], code: C): Extract<ResetEvidence, { code: C }> | undefined =>
  ev.find((e) => e.code === code) as Extract<ResetEvidence, { code: C }> | undefined;

/** 不带时间戳的 RST+ACK 及其分量（heuristics/reset.ts 的 TIMESTAMPS MISSING；recheck 9 R1、R4）。 */
function missingTs(e: Extract<ResetEvidence, { code: 'timestamps-missing' }>, by: Side): string {
  const own = by === 'server' ? 'SYN-ACK' : 'SYN';
  const seen = e.last >= 0 ? `${side[by]}在它之前的报文段也带着时间戳（最后一个 TS val 为 ${e.last}）` : `${side[by]}的 ${own} 也带着时间戳`;
  const head = `它没有时间戳，而双方的 SYN 都协商了时间戳，${seen}；Linux 或 FreeBSD 协议栈中止连接时会带上（tcp_send_active_reset；FreeBSD 的 tcp_output）`;
  const others = 'macOS、iOS 和 OpenBSD 发出的 RST 一律不带时间戳（RFC 7323 §3.2 只是 SHOULD，不是 MUST）';
  const layout = e.stack === 'linux' ? 'Linux' : 'FreeBSD';
  if (e.stack === null) return `${head}，但 ${others}，而这里没有任何迹象表明${side[by]}是 Linux 或 FreeBSD（从它 ${own} 的选项排列看），所以单凭这一点说明不了多少`;
  if (e.fromSynAck) return `${head}，而${side[by]} SYN-ACK 的选项排列是 ${layout} 的；但这个 SYN-ACK 也可能是另一种协议栈前面的 SYN 代理写的，而且 ${others}，所以单凭这一点说明不了多少`;
  return `${head}，而${side[by]} SYN 的选项排列是 ${layout} 的（macOS、iOS 和 OpenBSD 发出的 RST 一律不带时间戳，RFC 7323 §3.2 对 RST 只是 SHOULD，不是 MUST；而它们 SYN 的选项排列与此不同）`;
}

/** 同一条线索，用在判定为发送方自己中止连接的 RST 上（只是辅助线索）。 */
function missingTsNote(ev: readonly ResetEvidence[], by: Side): string {
  const e = evOf(ev, 'timestamps-missing');
  return e ? `${missingTs(e, by)}。` : '';
}

/** TIMESTAMPS MISSING 的分量是 1 而不是 2，除非发送方自己的 SYN 是 Linux 或 FreeBSD 的选项排列（heuristics/reset.ts）。 */

/** 伪造理由中分量为 1 的线索：放在最后，排在更有力的线索之后（recheck 9b P2）。 */
function missingTsWeak(e: Extract<ResetEvidence, { code: 'timestamps-missing' }>, by: Side, also: boolean): string {
  const own = by === 'server' ? 'SYN-ACK' : 'SYN';
  const seen = e.last >= 0 ? `${side[by]}在它之前的报文段也带着时间戳，最后一个 TS val 为 ${e.last}` : `${side[by]}的 ${own} 也带着时间戳`;
  const synAck = e.last < 0 && by === 'server' ? '那个 SYN-ACK' : `${side[by]}的 SYN-ACK`;
  const layout = e.stack === 'linux' ? 'Linux' : 'FreeBSD';
  const others = 'macOS、iOS 和 OpenBSD 发出的 RST 一律不带时间戳';
  const why =
    e.stack === null
      ? `Linux 或 FreeBSD 协议栈中止连接时会带上，但${side[by]} ${own} 的选项排列并不表明它是 Linux 或 FreeBSD，而且 ${others}`
      : `Linux 或 FreeBSD 协议栈中止连接时会带上，而${synAck} 的选项排列是 ${layout} 的；但它也可能是另一种协议栈前面的 SYN 代理写的，而且 ${others}`;
  return `${also ? '此外' : ''}它没有时间戳，而双方的 SYN 都协商了时间戳，${seen}（单凭这一点是弱线索：${why}；RFC 7323 §3.2 只是 SHOULD，不是 MUST）`;
}

/** RST 不是它声称的发送方发出的理由（`by`：声称的发送方）。 */
function forgeryClues(ev: readonly ResetEvidence[], by: Side): string[] {
  const out: string[] = [];
  let weak: Extract<ResetEvidence, { code: 'timestamps-missing' }> | null = null;
  for (const e of ev) {
    if (e.code === 'ttl-differs') out.push(`它的 TTL 是 ${e.ttl}，而${side[by]}的其他报文到达时 TTL 是 ${e.usual}（另一个发送者，跳数不同）`);
    else if (e.code === 'ip-id-out-of-sequence') out.push(`它的 IP id ${e.id} 不在${side[by]}的计数序列上（上一个是 ${e.last}）`);
    else if (e.code === 'df-differs') out.push(e.df ? `它带有 DF（不分片）标志，而${side[by]}的其他报文都没有` : `它没有 DF（不分片）标志，而${side[by]}的其他报文都带有`)
    else if (e.code === 'seq-unlike') out.push(`它的序列号既不是${side[by]}的下一个序列号，也不是${side[other(by)]}上一个报文段的确认号`);
    else if (e.code === 'timestamps-missing') {
      if (!timestampsMissingStrong(e)) weak = e;
      else out.push(missingTs(e, by));
    }
    else if (e.code === 'pair-answers-nothing')
      out.push(
        `它回应的不是本抓包中的任何报文段：${side[other(by)]}的最后一个报文段（第 ${e.line} 行）已被第 ${e.rstLine} 行的 RST+ACK 确认（ack ${e.ack}），此后${side[other(by)]}没有再发任何报文段；没有这个连接的主机只会在收到报文段时才回一个不带 ACK 的 RST（RFC 9293 §3.10.7.1）。${e.seconds !== null ? `相隔 ${seconds(e.seconds)}、` : ''}${e.sameSeq ? '序列号相同的' : ''}一个 RST+ACK 加一个不带 ACK 的 RST，是注入设备的典型做法`,
      );
    else if (e.code === 'followed-by-bare-rst')
      out.push(`${e.seconds !== null ? `${seconds(e.seconds)}之后` : '随后'}，又有一个以它的名义发出的不带 ACK 的 RST（第 ${e.line} 行），它不回应任何报文段；先 RST+ACK、再一个不带 ACK 的 RST，是注入设备的典型做法`);
    else if (e.code === 'rst-burst') out.push(`以它的名义来了 ${e.count} 个序列号各不相同的 RST（有人在猜窗口）`);
    else if (e.code === 'answers-nothing')
      out.push(
        `它没有回应本抓包中的任何报文段：第 ${e.line} 行之后再没有${side[other(by)]}的报文，而${side[by]}已在第 ${e.ackLine} 行确认了第 ${e.line} 行的报文段（此后发出的报文段，无论在路径上哪里抓包，都会先于这个 RST 出现，除非抓包漏掉了它：tcpdump 的“packets dropped by kernel”计数、会丢包的镜像端口，或者走了别的路由或网卡的回包）；已经没有连接的主机发出的不带 ACK 的 RST，是对到达报文段的回复（RFC 9293 §3.10.7.1）；它也不是中止关闭：${side[by]}的协议栈（从 SYN 的选项排列看是${abortStack[e.stack]}`,
      );
    else if (e.code === 'keeps-talking')
      out.push(`${side[by]}还在继续发送：第 ${e.line} 行它发出了${e.what === 'fin' ? ' FIN' : e.what === 'data' ? '数据' : ' ACK'}${e.seconds !== null ? `（${seconds(e.seconds)}之后）` : ''}，所以它从未复位`);
  }
  if (weak) out.push(missingTsWeak(weak, by, out.length > 0));
  return out;
}

/** SYN 选项排列所指的协议栈，以及它如何中止连接（ANSWERS NOTHING；heuristics/linux-syn.ts）。 */
const abortStack: Record<SynStack, string> = {
  linux: ' Linux）中止连接时发的是带 ACK 的 RST（tcp_send_active_reset）',
  freebsd: ' FreeBSD）中止连接时发的是带 ACK 的 RST（tcp_drop：tcp_output 在 CLOSED 状态下发出 RST+ACK）',
  macos: ' macOS 或 iOS）中止连接时发的是带 ACK 的 RST（tcp_drop：tcp_output 在 CLOSED 状态下发出 RST+ACK）',
};

/** 按报文段的类型称呼它（had-connection）。 */
const segmentWord = { 'syn-ack': ' SYN-ACK', syn: ' SYN', data: '数据报文段', fin: ' FIN', ack: ' ACK', rst: ' RST' } as const;

/** 以 ASCII 结尾的报文段名称后接汉字时加一个空格（“ACK 仍在”）。 */
const spaced = (w: string): string => (/[A-Za-z]$/.test(w) ? `${w} ` : w);

/** 对方期望的字节和 RST 的序列号（RST NOT TAKEN 的措辞；已知时为相对值）。 */
const expectedByte = (n: number, relative: boolean): string => (relative ? `第 ${n} 字节（相对值）` : `序列号 ${n}`);
const missingWords = (missingLine: number | null, by: Side): string =>
  missingLine !== null ? `第 ${missingLine} 行没有到达` : `${side[by]}在它之前发出的字节还没有全部到达`;

/** 可能是伪造的 RST 却延续了声称发送方的时间戳：反方向的证据（review 9 N6）。 */
function continuingTs(ev: readonly ResetEvidence[], by: string): string {
  const t = evOf(ev, 'timestamps-continue');
  if (!t) return '';
  return `不过，它延续了${by}的时间戳（TS val ${t.val}，此前${t.inSyn ? `它在 ${by === '服务端' ? 'SYN-ACK' : 'SYN'} 中` : ''}是 ${t.last}），这是${by}自己的 TCP 写入的，设备得照抄才行：这是它出自${by}自己的证据。`;
}

/** 紧跟在同一端名义下另一个伪造 RST 之后、同样被判为伪造的 RST（heuristics/reset.ts 的 AFTER A FORGED RST）。 */
function afterForgedWords(ev: readonly ResetEvidence[], by: Side): string {
  const a = evOf(ev, 'after-forged-rst');
  if (!a) return '';
  const which = `第 ${a.line} 行那个同样${a.certain ? '' : '很可能'}不是${side[by]}发出的 RST 之后`;
  if (a.otherForm && a.seconds !== null && a.seconds <= 0.01)
    return `它紧跟在${which}（相隔 ${seconds(a.seconds)}），形式却是另一种：注入设备常常同时发出一个 RST+ACK 和一个不带 ACK 的 RST，所以两者很可能出自同一台设备。`;
  return `它出现在${which}${a.seconds !== null ? `（相隔 ${seconds(a.seconds)}）` : ''}。`;
}

/** 可疑 RST 的 REJECT 形态：防火墙规则匹配了它所回应的报文段（而且很可能丢弃了那个报文段）。 */
function rejectShape(ev: readonly ResetEvidence[], by: Side): string {
  const r = evOf(ev, 'reject-form');
  if (!r) return '';
  const peer = side[other(by)];
  const d = evOf(ev, 'ttl-differs');
  return `它的各字段（不带 ACK 位，序列号等于${peer}第 ${r.line} 行${segmentWord[r.what]}的确认号，IP id 为 0${r.df ? '，带 DF' : ''}）是任何协议栈的无连接复位都会有的形式，Linux 主机自己发的（tcp_v4_send_reset）和防火墙用 TCP 复位拒绝的规则（iptables REJECT --reject-with tcp-reset，netfilter nf_send_reset）都一样；真正把它区分出来的是 TTL${d ? `：这里是 ${d.ttl}，而${side[by]}的报文是 ${d.usual}` : ''}${r.ttl !== null ? `（${r.ttl} 是一个初始值，所以是从本次抓包所在的链路上发出的）` : ''}${
    r.firstCopy !== null
      ? `：是那里的某个设备发出的。那个报文段的第一份（第 ${r.firstCopy} 行）没有引来复位，只有它的重传（第 ${r.line} 行）被复位了。REJECT 规则对它匹配到的每个报文段都会回应（netfilter 的 nf_send_reset 不限速），所以可能是第 ${r.firstCopy} 行在到达该设备之前就丢了，或者该设备对它发出的 RST 丢了，或者该设备先放行或丢弃、后来才复位（IPS，或带状态的规则，如 -m recent、connbytes、limit）。请查看该设备的规则计数和日志，并确认它是否也复位了${side[by]}。`
      : `。因此最可能是此抓包点旁边的一条 REJECT 规则回应并丢弃了那个报文段，所以它从未到达${side[by]}。`
  }`;
}

/** 服务端的 TCP 收到了、应用程序却从未回复的请求（src/track/heuristics/reset.ts 的 UNANSWERED REQUEST）。 */
function unansweredWords(ev: readonly ResetEvidence[]): string {
  const u = evOf(ev, 'unanswered-data');
  if (!u) return '服务端在传输途中中止：它的应用程序在还有未读数据时关闭了套接字、进程崩溃，或遇到了超时或限制（服务端本身或它前面的代理）。';
  const got =
    u.ackLine !== null
      ? `它的内核确认了客户端在服务端最后一次发送数据之后发来的 ${u.bytes} 字节（第 ${u.line} 行；确认在第 ${u.ackLine} 行），回复却没有到来`
      : `它的 TCP 已经收到了客户端在服务端最后一次发送数据之后发来的 ${u.bytes} 字节（第 ${u.line} 行）：RST 自己的确认号覆盖了它们（套接字发出的 RST+ACK 确认它收到的全部数据；在此之前没有单独确认它们的 ACK）。回复没有到来`;
  return `${got}：带着未读的请求关闭套接字会发 RST 而不是 FIN（RFC 9293 §3.6.1，RFC 2525 §2.17；SO_LINGER 0 也会如此）。${
    u.unread === true && u.seconds !== null
      ? `这个请求在 RST 之前已经搁置了 ${seconds(u.seconds)}，无人读取，说明服务端应用程序根本没有在读：它每个连接只处理一个请求，或者已经决定关闭（长连接上限或空闲计时），关闭时没有先读完已到达的数据。若是关闭与客户端复用恰好撞上，RST 会在请求之后立刻出现；若关闭发生在请求到达之前，服务端会先发 FIN，请求随后换来一个不带 ACK 的 RST。`
      : u.unread === false && u.seconds !== null
        ? `RST 在请求之后 ${seconds(u.seconds)}就到了，几乎紧随其后：服务端正要关闭连接时客户端复用了它，请求恰好在关闭前一刻到达（再晚一点，它就会遇上服务端的 FIN，换来一个不带 ACK 的 RST）。${raceCause(u)}`
        : '要么服务端应用程序根本没有在读（每个连接只处理一个请求，或者已经决定关闭），要么它的关闭与客户端复用恰好撞上；这段文本没有时间戳，分辨不出是哪一种（撞上时 RST 会在请求之后立刻出现）。'
  }`;
}

/** 服务端为什么关闭了客户端正在复用的连接：它在回复之后空闲了多久可以分辨（RFC 9112 §9.6）。 */
function raceCause(u: Extract<ResetEvidence, { code: 'unanswered-data' }>): string {
  const idle = serverIdleBeforeReset(u);
  if (idle === null) return '让它关闭的是长连接上限或空闲计时。';
  if (idle < IDLE_TIMER_MIN)
    return `服务端在回复之后 ${seconds(idle)}就复位了连接，远早于常见的长连接空闲超时（默认值：nginx 的 keepalive_timeout 75 秒，Apache 的 KeepAliveTimeout 5 秒，Node.js 的 server.keepAliveTimeout 5 秒）：不是空闲计时，而是服务端处理一定数量的请求后就关闭（长连接上限，例如 nginx 的 keepalive_requests，或者每个连接只处理一个请求），或者它正在停止（重新加载或重启会关闭空闲的长连接）。如果它的回复带有 Connection: close（RFC 9112 §9.6），客户端就不会复用这个连接。`;
  return `服务端在回复之后 ${seconds(idle)}才复位连接：很可能它的长连接空闲超时恰好在这时到期（客户端保留空闲连接的时间比服务端长），除非是重新加载或重启关闭了它。`;
}

/** 客户端自己中止之后该查什么：它在请求之后多久复位（src/track/heuristics/reset.ts 的 ABORT TIMING）能分辨客户端的超时和它的应用程序自行中止。 */
/** `serverRtt`：抓包位于服务端时握手的往返时间（从服务端数据算起的时间包含它）。 */
function clientAbortStep(ev: readonly ResetEvidence[], duration: string | null, serverRtt: number | null): string {
  const t = abortTimingFacts(ev);
  if (!t) return `把客户端的超时设置与连接的时长${duration ? `（这里是 ${duration}）` : ''}作比较；检查客户端进程是否退出。`;
  // 连接的时长也列出（recheck 9 R5），早到不可能是超时的除外。
  const times = [`在第 ${t.line} 行发出请求后 ${seconds(t.seconds)}`];
  if (t.peerLine !== null && t.peerSeconds !== null)
    times.push(`在服务端最后一次发送数据（第 ${t.peerLine} 行）后 ${seconds(t.peerSeconds)}${serverRtt !== null ? `（这是在服务端看到的时间，包含一个往返时间，握手时为 ${seconds(serverRtt)}）` : ''}`);
  if (t.synSeconds !== null && !t.tooSoon) times.push(`在它的 SYN 之后 ${seconds(t.synSeconds)}`);
  const when = `客户端${times.join('、')}${t.timeoutLike || times.length > 2 ? '' : '就'}复位了连接${t.unanswered ? '，那时还没有任何数据回应这个请求' : ''}`;
  if (t.timeoutLike) return `${when}：这可能是它自己的超时：请与客户端的超时设置（整个请求的超时，以及两次读取之间的超时）作比较；同时检查客户端进程是否退出。`;
  if (t.tooSoon) return `${when}：对超时来说太早了；很可能是它的应用程序${t.unanswered ? '刚发完请求就' : ''}自己中止了连接：取消了请求、进程崩溃或退出，或者带着未读数据 close()、设置了 SO_LINGER 0。请查看客户端应用程序的日志，并检查它的进程是否退出。`;
  return `${when}：${times.length > 1 ? '没有一个达到秒级，也没有一个接近' : '既不到秒级，也不接近'} 100 毫秒或 250 毫秒的整数倍，不像通常配置的超时；除非某个超时的起点早于本抓包所见，否则很可能是它的应用程序${t.unanswered ? '刚发完请求就' : ''}自己中止了连接：取消了请求、进程崩溃或退出，或者带着未读数据 close()、设置了 SO_LINGER 0。请查看客户端应用程序的日志，并检查它的进程是否退出。`;
}

/** 在接收方发出 FIN 之后到达、换来 RST 的数据，是否在线路上与那个 FIN 交错而过（DATA AFTER CLOSE）。 */
function afterCloseWords(ev: readonly ResetEvidence[], by: Side): string {
  const d = evOf(ev, 'data-after-close');
  const peer = side[other(by)];
  if (!d || d.crossed === null) return '';
  return d.crossed
    ? `这些数据的确认号没有覆盖${side[by]}的 FIN：两者在线路上交错而过，${side[by]}的关闭恰好撞上${peer}的下一次写入。`
    : `这些数据的确认号覆盖了${side[by]}的 FIN：这些数据发出时${peer}的 TCP 已经收到了 FIN，所以很可能是它的应用程序在${side[by]}已经关闭的连接上继续写入（例如 HTTP 客户端复用长连接之前没有先检查它是否已读到文件结束）。`;
}

/** 只有序列号吻合的中止（窗口为 0，没有时间戳，没有 -v）：上面的解读以这个 RST 是服务端自己发的为前提；窗口 0 不算证据。 */
function serverRstCaveat(cls: ResetClass | null, ev: readonly ResetEvidence[]): string {
  if (cls !== 'abort' || !evOf(ev, 'seq-is-next') || evOf(ev, 'window-usual') || evOf(ev, 'timestamps-continue') || evOf(ev, 'ttl-same') || evOf(ev, 'ip-id-follows')) return '';
  return `这个解读以 RST 是服务端自己发的为前提：它的序列号吻合，而路径上的有状态设备也能给出这个序列号；窗口为 0 说明不了什么（Windows 和 BSD 协议栈发出的 RST 窗口一律为 0）。加 -v 时，若 TTL 与服务端报文不同，就说明是某个设备以它的名义复位。`;
}

const confidenceWord = { certain: '不是', likely: '很可能不是', possible: '可能不是' } as const;

/** 无连接形式之后的经过：发送方何时还有这个连接、更早的 RST、没被确认的数据。 */
function noConnectionContext(ev: readonly ResetEvidence[], by: Side, acceptance: ResetAcceptance | null): string {
  const peer = side[other(by)];
  const parts: string[] = [];
  const earlier = evOf(ev, 'earlier-rst');
  const had = evOf(ev, 'had-connection');
  const own = evOf(ev, 'own-earlier-rst');
  const notTaken = evOf(ev, 'own-rst-not-taken');
  if (own) parts.push(`它自己在第 ${own.line} 行的 RST 已经关闭了它这一端：这个 RST 回应的是与那个 RST 擦肩而过的${side[other(by)]}报文段（当后一个 RST 回应的是与前一个擦肩而过的报文段时，先 RST+ACK、再一个不带 ACK 的 RST 是常见的一对）。`);
  else if (notTaken) {
    const n = notTaken;
    const ack = n.peerWhat === 'ack';
    parts.push(
      `它自己在第 ${n.line} 行的 RST 已经关闭了它这一端。${peer}第 ${n.peerLine} 行的${spaced(segmentWord[n.peerWhat])}仍在等待${expectedByte(n.expects, n.relative)}，小于那个 RST 的序列号 ${n.rstSeq}：要么它与那个 RST 擦肩而过，要么${peer}没有接受那个 RST（${missingWords(n.missingLine, by)}，RST 的序列号不是它期望的下一个字节${ack ? '），回了一个挑战 ACK（RFC 5961 §3.2）' : '；RFC 5961 §3.2）'}；这个 RST 的序列号正好是它期望的值，${ack ? '正是 RFC 5961 预期的回应' : '是对它的回应'}${acceptance === 'reset' ? `，会让${peer}复位` : ''}。`,
    );
  } else if (had && had.what === 'rst') {
    const form = evOf(ev, 'seq-is-peer-ack');
    parts.push(
      `它在此之前的最后一个报文段是它第 ${had.line} 行${had.nth !== null ? `第 ${had.nth} 个报文` : ''}的 RST：如果那个 RST 是它自己发的，它那时就关闭了自己这一端（无论${peer}是否接受了那个 RST），这个 RST 回应的是${form ? `${peer}第 ${form.line} 行的报文段` : `${peer}后来的报文段`}；如果不是，它就是在这之间丢失了连接：它重启了、更早有一个 RST 到达了它（可能是伪造的），或者它的连接状态过期了。`,
    );
  } else if (earlier) parts.push(`第 ${earlier.line} 行那个声称来自${peer}的 RST 已经关闭了${side[by]}这一端：这是它对${peer}下一个报文段的回应。`);
  else if (had)
    parts.push(`它在此之前的最后一个报文段是它的${segmentWord[had.what]}（第 ${had.line} 行${had.nth !== null ? `第 ${had.nth} 个报文` : ''}），表明它那时还有这个连接，所以是在这之间丢失的：它重启了、更早有一个 RST 到达了它（可能是伪造的），或者它的连接状态过期了。要找的正是那个更早的事件。`);
  else parts.push('它在此之前就丢失了连接：重启、更早到达的 RST，或状态过期；要找的正是那个更早的事件。');
  const unacked = evOf(ev, 'data-unacked');
  if (unacked) parts.push(`它所回应的${peer}数据从未被确认${unacked.copies > 1 ? `（发送了 ${unacked.copies} 次）` : ''}。`);
  if (unacked && unacked.copies > 1 && !earlier)
    parts.push(
      `第一份副本既没有换来 ACK，也没有换来 RST：它很可能根本没有到达${side[by]}（没有连接的${side[by]}本会在一个往返时间之后用 RST 回应它，就像它回应最后一份副本那样），或者那个回应丢失了。在路径上丢弃第一份副本的设备，正是复位${side[by]}这一端的头号嫌疑。`,
    );
  return parts.join('');
}

/** -v 对一个形式正常的 RST 的发送方说明了什么。 */
function ipConsistency(ev: readonly ResetEvidence[], by: Side, form: 'no-connection' | 'abort'): string {
  const ttl = evOf(ev, 'ttl-same');
  const id = evOf(ev, 'ip-id-follows');
  const bits: string[] = [];
  if (ttl) bits.push(`TTL ${ttl.ttl}，与${side[by]}的其他报文相同`);
  if (id) bits.push(`IP id ${id.id} 接在它的计数之后（之前是 ${id.last}）`);
  if (bits.length > 0) return `${bits.join('；')}：与${side[by]}本身发出的相符。`;
  return form === 'no-connection' ? `这个 RST 也可能不是${side[by]}发的：对这个连接的状态已过期的 NAT 或防火墙，或伪造 RST 的设备，都能发出同样形式的 RST；用 tcpdump -v 抓包时，TTL 与${side[by]}其他报文不同就能看出来。` : '';
}

/** SYN 进来、几微秒内 RST 出去：如果是在服务端抓的，就是服务端主机自己的回答。 */
function refusalDelay(ev: readonly ResetEvidence[], by: Side, capture: CapturePoint | null | undefined): string {
  const d = evOf(ev, 'answer-delay');
  if (!d) return '';
  if (capture === by) return `在这份${side[by]}的抓包里，RST 比 SYN 晚 ${seconds(d.seconds)}：拒绝它的就是${side[by]}主机本身（那个端口没有程序监听，或者${side[by]}主机上有 REJECT 规则）。`;
  if (capture === null || capture === undefined) return `如果这是在${side[by]}抓的（SYN 进来，RST 出去），拒绝它的就是${side[by]}主机本身（那个端口没有程序监听，或者${side[by]}主机上有 REJECT 规则）。`;
  return '';
}

function refusalWho(ev: readonly ResetEvidence[]): string {
  const as = evOf(ev, 'ttl-as-host');
  const unlike = evOf(ev, 'ttl-unlike-host');
  if (as) return `它的 TTL ${as.ttl} 与这台主机的其他报文相同：很可能是主机本身回应的，端口是关闭的（主机自身上的防火墙看起来也一样）。`;
  if (unlike) return `它的 TTL ${unlike.ttl} 与这台主机的其他报文（TTL ${unlike.usual}）不同：是另一个设备发出的，很可能是路径上防火墙的 REJECT，而不是主机本身。`;
  const initial = evOf(ev, 'ttl-initial');
  if (initial)
    return `抓包中没有这台主机的其他报文可以比较 TTL，但 TTL ${initial.ttl} 是一个没有被任何路由器减过的初始值：这个 RST 是在抓包所在的链路上发出的（由那里的某个设备，或抓包主机自己）。如果服务端在路由器后面，那就不是服务端发的：很可能是防火墙的 REJECT（隔一个路由器的主机因端口关闭而回的 RST，到达时 TTL 是 63 或更小）。`;
  if (evOf(ev, 'host-unseen')) return '抓包中没有这台主机的其他报文可以比较 TTL：端口关闭和防火墙 REJECT 两种情况都有可能。';
  return '端口关闭和防火墙 REJECT 两种情况都有可能：用 tcpdump -v 抓包时，TTL 与该主机其他连接上的报文不同就说明是防火墙。';
}

/** RST 到达接收方后的结果（RFC 9293 §3.10.7.3，RFC 5961 §3.2）。 */
function rstAcceptance(f: RstFinding): string {
  const peer = side[other(f.by)];
  const rs = f.receiverState;
  if (f.acceptance === 'challenge')
    return `它的序列号在${peer}的接收窗口内，但不是${peer}期望的下一个字节：${peer}不会复位，而是回一个挑战 ACK（challenge ACK），连接保持不变（RFC 5961 §3.2）。`;
  if (f.acceptance === 'ignored') {
    if (rs === 'SYN_SENT') return `${peer}处于 SYN_SENT，而这个 RST 没有确认它的 SYN：它被丢弃，连接没有关闭（RFC 9293 §3.10.7.3）。`;
    if (rs === 'CLOSED') return `${peer}这一端已经是 CLOSED：没有什么可以复位的，这个 RST 被丢弃（RFC 9293 §3.10.7.1）。`;
    return `它的序列号在${peer}的接收窗口之外：${peer}丢弃它，连接没有关闭（RFC 5961 §3.2）。`;
  }
  if (rs === 'SYN_SENT') return `${peer}接受它（它的 ACK 确认了 SYN，RFC 9293 §3.10.7.3）：connect() 以 ECONNREFUSED 失败。`;
  // ACCEPTED BEYOND THE LAST ACK（src/track/heuristics/reset.ts）：只有发送方在它之前的数据已经到达时才会复位。
  const beyond = f.beyondAck;
  if (beyond) {
    const data = beyond.line !== null ? `${side[f.by]}第 ${beyond.line} 行的数据` : `${side[f.by]}在它之前的数据`;
    return `它的序列号是${data}之后的下一个字节，而${peer}还没有确认这些数据。如果这些数据已经到达${peer}，${peer}就接受这个 RST，${acceptedWords(f)}；如果还没有到达，这个序列号在它的窗口之内却不是它期望的下一个字节，它会回一个挑战 ACK（RFC 5961 §3.2）。`;
  }
  return `${peer}接受它（序列号正是它期望的下一个字节，RFC 5961 §3.2）${rs === 'TIME_WAIT' ? '，' : '并'}${acceptedWords(f)}。`;
}

/** 被接受的 RST 对接收方的影响，按接收方的状态（接在“接受它并”之后）。 */
function acceptedWords(f: RstFinding): string {
  const rs = f.receiverState;
  if (rs === 'TIME_WAIT') return `TIME_WAIT 立即结束（RFC 9293 §3.10.7.4；Linux 除非设置 net.ipv4.tcp_rfc1337 = 1 也是如此）；不会通知任何应用程序`;
  if (rs === 'FIN_WAIT_1' || rs === 'FIN_WAIT_2' || rs === 'CLOSING' || rs === 'LAST_ACK')
    return `立即丢弃连接：若应用程序仍持有该套接字（例如用 shutdown() 后仍在读），下一次调用以 ECONNRESET 失败；若已调用 close()，则不会报告任何错误`;
  const u = f.receiverUnacked;
  const here = u === null ? '' : `（这里是${u.line !== null ? `第 ${u.line} 行的 ${u.bytes} 字节` : ` ${u.bytes} 字节`}）`;
  if (rs === 'CLOSE_WAIT')
    return `立即丢弃连接：未发送和未被确认的数据${here}被丢弃；应用程序的读取先返回剩下的数据，然后返回 0（文件结束：FIN 先到），下一次写入以 EPIPE 失败（Linux tcp_reset 在 CLOSE_WAIT 中的处理）`;
  return `立即丢弃连接：未发送和未被确认的数据${here}被丢弃，应用程序的下一次调用以 ECONNRESET 失败`;
}

/** 带连续时间戳的 RST 背后是哪个 TCP 端点，取决于抓包位置（见 en.ts 的 endpointText）。 */
function endpointText(f: RstFinding): string {
  const by = side[f.by];
  if (f.capture === f.by && f.captureSure !== false) return `；它是从本机发出的，所以是本机自己的 TCP 发出的`;
  if (f.by === 'client') return `：是客户端地址上的 TCP 端点发出的，可能是客户端本身，也可能是替它终结 TCP 的正向代理`;
  return `：是${by}地址上的 TCP 端点发出的，可能是${by}本身，也可能是它前面终结 TCP 的代理或负载均衡器`;
}

function rstText(f: RstFinding): string {
  const by = side[f.by];
  const peer = side[other(f.by)];
  const ev = f.evidence;
  let what: string;
  if (f.class === 'refusal') {
    what = `连接被拒绝：RST+ACK 回应${peer}的 SYN，确认号 = 它的初始序列号 + 1（RFC 9293 §3.10.7.1）。这个 RST 表明没有套接字接收这个 SYN：要么${by}上这个端口是关闭的（没有 LISTEN），要么中间的某个设备替它作了回答（防火墙用复位 REJECT），${by}根本没有看到这个 SYN。${refusalWho(ev)}${refusalDelay(ev, f.by, f.capture)}`;
  } else if (f.class === 'no-connection') {
    const form = evOf(ev, 'seq-is-peer-ack');
    what = `不带 ACK 的 RST${form ? `，序列号等于${peer}第 ${form.line} 行报文段的确认号` : ''}：这是没有这个连接（这组地址和端口）的主机发出的回应（RFC 9293 §3.10.7.1）。如果是${by}发出的，它这一端当时已经是 CLOSED（没有连接）。${noConnectionContext(ev, f.by, f.acceptance)}${ipConsistency(ev, f.by, 'no-connection')}`;
  } else if (f.class === 'abort') {
    if (evOf(ev, 'data-after-close')) {
      what = `中止：${by}已经关闭（发出了 FIN），${peer}却还在发送数据，于是${by}的 TCP 复位连接，表示这些数据丢失了（RFC 9293 §3.6.1；Linux 计入 TCPAbortOnData，而且只在应用程序已停止接收（close()，或 shutdown 带 SHUT_RD/SHUT_RDWR）之后才复位；只 shutdown(SHUT_WR) 时它仍会接收这些数据）。这种形式不带 ACK 位，序列号等于它所回应报文段的确认号。${afterCloseWords(ev, f.by)}`;
    } else {
      const seqNext = evOf(ev, 'seq-is-next');
      const ts = evOf(ev, 'timestamps-continue');
      // 窗口值不算证据（途中设备可以照抄，RFC 5961 §1）；时间戳连续也不排除终结 TCP 的代理。
      const own = ts !== undefined || evOf(ev, 'ttl-same') !== undefined || evOf(ev, 'ip-id-follows') !== undefined;
      let formText = '';
      if (ts) {
        const form: string[] = [];
        if (seqNext) form.push(`序列号 = ${by}的下一个序列号`);
        form.push(`时间戳连续（TS val ${ts.inSyn ? `${ts.val}，此前它在 ${f.by === 'server' ? 'SYN-ACK' : 'SYN'} 中是 ${ts.last}` : `+${(ts.val - ts.last + 4294967296) % 4294967296}`}），而防火墙 REJECT 生成的复位不带任何 TCP 选项，不会这样`);
        formText = `（RST+ACK，${form.join('，')}${endpointText(f)}）`;
      } else if (seqNext) {
        formText = `（RST+ACK，序列号 = ${by}的下一个序列号，而路径上的有状态设备也能给出这个序列号：很可能是${by}自己的 TCP 发出的）`;
      }
      const ka = evOf(ev, 'keepalive-gave-up');
      if (ka)
        what = `这个 RST 是${by}的内核在保活放弃时发出的：${ka.answersLost ? `从第 ${ka.fromLine} 行起连续 ${ka.probes} 个保活探测的回应都没能到达${by}（此处抓到了回应，所以是在返回的路上丢失的）` : `从第 ${ka.fromLine} 行起连续 ${ka.probes} 个保活探测没有得到回应`}（Linux tcp_keepalive_timer → tcp_send_active_reset），不是它的应用程序发出的；第 ${ka.fromLine} 行之前就已经没有数据往来了。${ipConsistency(ev, f.by, 'abort')}`;
      else if (f.phase === 'idle' && f.idleSeconds !== null && own)
        what = `${by}在长时间静默之后中止了连接${formText}，距上一个报文段 ${seconds(f.idleSeconds)}：它的应用程序的空闲超时以中止方式关闭了连接（SO_LINGER 0，或在还有未读数据时 close()，RFC 9293 §3.6.1）；普通的 close() 会发出 FIN。${ipConsistency(ev, f.by, 'abort')}${missingTsNote(ev, f.by)}`;
      else
        what = `${by}${phaseWords(f.phase, f.by, serverGotRequest(f.class, ev))}中止了连接${formText}：它的应用程序在还有未读数据时关闭了套接字（RFC 9293 §3.6.1，RFC 2525 §2.17；进程在数据未读时崩溃或退出也是如此），或设置了 SO_LINGER 0（常见于它自己的超时）。不是内核超时：Linux 只有在保活探测无人应答之后才会因保活放弃而发 RST，本抓包中看不到这样的探测；重传超时放弃时不发 RST（tcp_write_err）。${ipConsistency(ev, f.by, 'abort')}${missingTsNote(ev, f.by)}${
          f.phase === 'idle' && f.idleSeconds !== null ? `此前连接空闲了 ${seconds(f.idleSeconds)}：典型的服务端、负载均衡、NAT 或防火墙空闲超时。` : ''
        }`;
    }
  } else {
    const clues = forgeryClues(ev, f.by);
    what = `${confidenceWord[f.confidence]}${by}发出的：这个 RST 带着${by}的地址，但${clues.length > 0 ? clues.join('；') : `它与${by}发出的报文不符`}。路径上的某个设备（防火墙、IPS、NAT、负载均衡）${f.confidence === 'possible' ? '可能' : '很可能'}以${by}的名义发出了它；在${by}上用 -v 抓包，就能看出它是否从${by}发出过。${continuingTs(ev, by)}${rejectShape(ev, f.by)}${afterForgedWords(ev, f.by)}`;
  }
  return `${what}${rstAcceptance(f)}`;
}

const resetPhase: Record<ResetPhase, string> = {
  handshake: '在握手阶段（回应连接请求）',
  'before-data': '在握手完成后、传输任何数据之前',
  'after-request': '在收到请求之后、回复之前',
  'after-next-request': '在收到后续请求之后、回复之前',
  'mid-transfer': '在数据传输过程中',
  'after-close': '在连接已经开始关闭时',
  idle: '在长时间空闲之后',
};

/**
 * 按发送方说的 RST 阶段（review 9 N1、N4）：客户端在自己又发出请求之后中止，是“发出请求之后”；“在收到请求之后”只用于
 * 服务端确实收到了请求的情形（`received`：服务端自己的 RST，它的 ack 覆盖了请求），否则说“在客户端发出请求之后、收到回复之前”。
 */
const phaseWords = (p: ResetPhase, by: Side, received = false): string =>
  by === 'client' && p === 'after-next-request'
    ? '在发出请求之后、收到回复之前'
    : p === 'after-request' && !(by === 'server' && received)
      ? '在客户端发出请求之后、收到回复之前'
      : resetPhase[p];
/** 服务端收到了请求：RST 不是可疑的，请求也已被确认。 */
const serverGotRequest = (cls: ResetClass | null, ev: readonly ResetEvidence[]): boolean => cls !== null && cls !== 'suspect' && !evOf(ev, 'data-unacked');

/** 服务端关闭了客户端随后又复用的连接之后的下一步（data-after-close，recheck 9 R3）：回复之后不到 IDLE_TIMER_MIN 就发出的 FIN 不是空闲计时。 */
function afterCloseStep(finAfterData: number | null): string {
  const tail = '客户端在复用连接池里的连接之前应先检查它是否已读到文件结束，并在新连接上（RFC 9112 §9.3.1）重试幂等请求（RFC 9110 §9.2.2）。';
  if (finAfterData !== null && finAfterData < IDLE_TIMER_MIN)
    return `服务端在回复之后 ${seconds(finAfterData)}就关闭了连接，不是空闲计时：检查是什么让它在一次请求之后关闭连接（每个连接的请求数上限：nginx 的 keepalive_requests、Apache 的 MaxKeepAliveRequests、Node.js 的 server.maxRequestsPerSocket；每个连接只处理一个请求；重新加载或重启），以及这样的最后一个回复是否带有 Connection: close（RFC 9112 §9.6）；${tail}`;
  return `服务端${finAfterData !== null ? `在回复之后 ${seconds(finAfterData)}` : ''}主动关闭了连接，而客户端还打算继续使用它：检查服务端在什么时候关闭长连接（空闲超时和每个连接的请求数：nginx 的 keepalive_timeout 和 keepalive_requests，Apache 的 KeepAliveTimeout 和 MaxKeepAliveRequests，Node.js 的 server.keepAliveTimeout 和 server.maxRequestsPerSocket），以及它的最后一个回复是否带有 Connection: close（RFC 9112 §9.6）；${tail}`;
}

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
    TIME_WAIT: { name: 'TIME_WAIT', meaning: '关闭完成，再等待 2×MSL（RFC 9293；Linux 固定为 60 秒，TCP_TIMEWAIT_LEN），让网络中迟到的报文消失后同一个四元组才能复用' },
  },
  flags: {
    FIN: 'FIN：发送方的数据已经发完',
    SYN: 'SYN：同步序列号，即请求建立连接',
    RST: 'RST：复位，立即中止连接',
    PSH: 'PSH：推送，标记发送方这批数据到此为止（在 Linux 上即一次写入的末尾）',
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
  sentenceSep: '',
  findings: {
    'tcp.retransmission': (f, c) => {
      const part = f.part;
      const first =
        f.originalLine === null
          ? ''
          : part !== null
            ? `（第 ${f.originalLine} 行 ${part.of} 字节报文段中的${part.tail ? '最后 ' : ' '}${part.bytes} 字节）`
            : `（第一次在第 ${f.originalLine} 行）`;
      const again = f.attempt > 2 ? `，这是这些数据的第 ${f.attempt} 次发送` : '';
      const after = f.sincePrevious !== null ? `，距上一次发送 ${seconds(f.sincePrevious)}${again}` : again;
      const head = `重传：${who(c.sender)}再次发送已经发过的数据${first}${after}。`;
      const lastSeg =
        part !== null && part.tail
          ? `重发的是发送方最后一个报文段的末尾，即飞行中数据的尾部（探测最多从末尾重发一个 MSS，Linux tcp_send_loss_probe；第 ${f.originalLine} 行把 ${part.of} 字节打印成一个报文段：这是分段卸载，发送端的 TSO/GSO 或接收端的 GRO）`
          : '重发的是发送方最后一个报文段';
      if (f.kind === 'rto')
        return `${head}它不是由重复确认触发的，这是超时重传：重传定时器到期（RTO，RFC 6298；Linux 至少等待 200 毫秒，即 TCP_RTO_MIN，之后每次重传等待时间加倍）。第一次发送的报文或它的确认丢失了；偶尔几次属正常，大量重传说明路径上有丢包。`;
      if (f.kind === 'rto-or-tlp')
        return `${head}它是发送方最后一个报文段，而且当时没有其他数据在途，因此两种定时器都说得通：重传定时器（RTO，RFC 6298；Linux 至少等待 200 毫秒），或尾部丢失探测（RFC 8985 §7.2：只有一个报文段在途时 Linux 等待 2·SRTT + 最小 RTO，默认 200 毫秒）；Linux 把探测时间限制在 RTO 之内，所以只有一个报文段在途时，探测几乎在 RTO 到期的同一时刻代替了 RTO；仅凭文本无法区分（在发送方用 nstat 看 TcpExtTCPLossProbes 和 TcpExtTCPTimeouts 可以）。无论哪种，第一次发送的报文或它的确认都丢失了。`;
      if (f.kind === 'tlp')
        return `${head}对超时重传来说太早了（Linux 至少等待 200 毫秒，RFC 6298 §2.4 要求 1 秒），而且${lastSeg}：很可能是尾部丢失探测（TLP，RFC 8985 §7）：在探测超时内没有收到确认，就重发尾部（Linux tcp_schedule_loss_probe：多于一个报文段在途时为 2·SRTT + 2 毫秒（TCP_TIMEOUT_MIN_US；Linux 6.6 之前为 2 个 jiffy），只有一个时为 2·SRTT + 最小 RTO（默认 200 毫秒），RFC 8985 §7.2；不会晚于 RTO 到期），让丢失的尾部通过 SACK 恢复修复，而不必等超时。如果对方随后回复 D-SACK，说明这次重发是多余的。`;
      return `${head}${f.sincePrevious !== null ? '对超时重传来说太早了（Linux 至少等待 200 毫秒），也不是发送方最后一个报文段：很可能是根据确认时机检测到丢包（RACK，RFC 8985），或依据了抓包中看不到的 SACK 信息。' : '文本中看不出这些数据上一次是何时发送的（没有时间戳，或第一次发送不在最近的报文段中），因此无法判断是重传定时器还是丢包恢复触发了这次重传。'}`;
    },
    'tcp.fast_retransmission': (f, c) => {
      const first = f.originalLine !== null ? `（第一次在第 ${f.originalLine} 行）` : '';
      if (f.trigger === 'sack')
        return `快速重传：${who(c.sender)}立即重发缺失的数据${first}：对方的 SACK 块表明这个缺口之上的报文段已经到达而这一段没有（SACK 记分板：RFC 6675 §4，RACK RFC 8985），因此不等定时器超时。`;
      if (f.trigger === 'rack')
        return `快速重传：后面的数据被 SACK 确认后，${who(c.sender)}重发缺失的数据${first}：缺口之上被 SACK 的数据太少，不满足 RFC 6675 的规则（3 个报文段），是 RACK（RFC 8985 §6.2：比已送达的报文段更早发出的报文段视为丢失）判定它丢失的；不等定时器超时。`;
      if (f.trigger === 'timer')
        return `由定时器重传：${who(c.sender)}重发缺失的数据${first}${f.afterAck !== null ? `，距对方上一个确认 ${seconds(f.afterAck)}` : ''}，虽然对方的 SACK 块早已表明这个缺口，却没有立即重发：远超一个往返时间，因此是定时器发出的（RACK 重排序定时器，RFC 8985 §6.2，Linux tcp_rack_reo_timeout，或尾部丢失探测）。`;
      if (f.sack)
        return `快速重传（SACK 丢包恢复，RFC 6675 §5；Linux 用 RACK 判定丢失，RFC 8985 §6）：${who(c.sender)}不等定时器，立即重发缺失的字节${f.originalLine !== null ? `（第一次在第 ${f.originalLine} 行）` : ''}：途中丢了一个报文段。${f.dupAcks > 3 ? `此前已有 ${f.dupAcks} 个重复 ACK 在路上，其实几个就够了。` : ''}`;
      return `快速重传：收到 ${f.dupAcks} 个重复确认后，${who(c.sender)}不等定时器超时就立即重发缺失的数据${f.originalLine !== null ? `（第一次在第 ${f.originalLine} 行）` : ''}（RFC 5681 §3.2）：途中丢了一个报文段。`;
    },
    'tcp.upstream_retransmission': (f, c) => {
      const timed = f.tsFrom !== null && f.tsTo !== null;
      const ts = timed
        ? `；它的 TS val 从 ${f.tsFrom} 跳到 ${f.tsTo}（+${(f.tsTo as number) - (f.tsFrom as number)}；Linux 以毫秒计），所以这些字节是晚了这么久才从发送方发出的，并不是在途中被耽搁`
        : '；没有时间戳，文本无法说明它们是晚发出的还是在途中被耽搁';
      const timer =
        f.timer === 'tlp'
          ? '尾部丢失探测（RFC 8985 §7：多于一个报文段在途时，Linux 把它定在最后一次发送后 2·SRTT + 2 毫秒（TCP_TIMEOUT_MIN_US；Linux 6.6 之前为 2 个 jiffy），且不晚于 RTO，tcp_schedule_loss_probe；RTO 至少要等 200 毫秒）'
          : '重传定时器（RTO，RFC 6298；Linux 至少等待 200 毫秒）或尾部丢失探测（只有一个报文段在途时为 2·SRTT + 最小 RTO，默认 200 毫秒，RFC 8985 §7.2；Linux 把探测时间限制在 RTO 之内，所以只有一个报文段在途时，探测几乎在 RTO 到期的同一时刻代替了 RTO）';
      return `由定时器重发${timed ? '' : '（很可能）'}：${who(c.sender)}在上一个数据报文段之后 ${seconds(f.sinceSent)}才发出这 ${f.bytes} 字节；上一个报文段没有 PSH（同一次写入的更多数据已在排队），对方也没有发来任何促使它发送的东西${ts}。没有确认促使它们发出，所以是定时器发出的：${timer}。${
        f.afterHole
          ? '它之前的字节也从未到达这里：这就是那个探测，两者的第一次发送都在本抓包点之前丢失了；它引来的 SACK 让发送方能立即重发其余部分。'
          : '它们的第一次发送从未到达这里：在本抓包点之前丢失了。'
      }`;
    },
    'tcp.nagle_hold': (f, c) => {
      const peer = c.sender ? side[other(c.sender)] : '对方';
      return `被 Nagle 算法暂缓发送，而不是重传：这 ${f.bytes} 字节不足一个 MSS，是${who(c.sender)}写入数据的尾部；它们比前面的${f.afterFull ? '满长报文段' : '报文段'}晚 ${f.tsTo - f.tsFrom} 毫秒离开${who(c.sender)}（TS val ${f.tsFrom} → ${f.tsTo}），回显的 TS val ${f.echoed} 来自${peer}第 ${f.ackLine} 行的 ACK，那个 ACK 确认了${who(c.sender)}先前的小报文段（第 ${f.smallLine} 行）：${who(c.sender)}的 TCP 一收到这个确认就发出了它们（RFC 896，RFC 1122 §4.2.3.4；Linux tcp_nagle_check，Minshall 规则）。这些字节此前从未发送过。`;
    },
    'tcp.spurious_retransmission': (f, c) =>
      `虚假重传：${who(c.sender)}重发的数据其实已经被确认过${f.originalLine !== null ? `（第一次在第 ${f.originalLine} 行）` : ''}，这次重传是多余的（确认来得太晚，或定时器太短）。${
        f.probe && f.sincePrevious !== null
          ? `它们是发送方发出的最后一段数据，距上一次发送 ${seconds(f.sincePrevious)}，对超时重传来说太早了（Linux 至少等待 200 毫秒）：很可能是与确认擦肩而过的尾部丢失探测（RFC 8985 §7）。`
          : ''
      }`,
    'tcp.out_of_order': (_f, c) => `乱序：这个报文段的起点在${who(c.sender)}已经发出的数据之前：它在途中被后面的报文超过了，或是一个迟到的副本。`,
    'tcp.previous_segment_not_captured': (f) =>
      `缺口：这个报文段之前的 ${f.missingBytes} 字节从未出现：可能在网络中丢失，也可能是抓包时漏掉了（看看 "dropped by kernel"）。`,
    'tcp.acked_unseen_segment': (f) =>
      `这个确认覆盖了抓包中从未出现过的 ${f.unseenBytes} 字节：接收方收到了，是抓包漏掉了（抓包丢包或路由不对称），不是网络问题。`,
    'tcp.dup_ack': (f, c) =>
      f.sackFrom !== null && f.sackTo !== null && f.holes.length > 0
        ? `重复确认 #${f.n}，带新的 SACK 块 {${f.sackFrom}:${f.sackTo}}（与第 ${f.originalLine} 行的确认号相同）：${who(c.sender)}仍缺字节 ${seqRanges(f.holes)}，而 ${seqRanges(f.held)} 已经收到${
            f.windowGrew ? '（缺口未补上时窗口也变大了：Linux 接收端在 SACK 连接上收到乱序数据时会放大通告窗口（tcp_grow_window），任何接收端在应用程序读走缺口之前的数据时也会放大窗口；缺口之后的数据应用程序还读不到）' : ''
          }。启用 SACK 时，带来新 SACK 信息的确认算作重复确认（RFC 6675 §2）。`
        : `重复确认 #${f.n}（与第 ${f.originalLine} 行的确认号相同）：${who(c.sender)}仍在等待同一个字节，而后面的报文段已经到达：前面缺了数据。三个重复确认会触发快速重传（RFC 5681）。`,
    'tcp.zero_window': (_f, c) => `零窗口：${who(c.sender)}的接收缓冲区已满，对方必须暂停发送。接收端的应用程序读取得不够快。`,
    'tcp.zero_window_probe': (f, c) =>
      `零窗口探测${f.n > 1 ? ` #${f.n}` : ''}${f.sinceZeroWindow !== null ? `（对方窗口变为 0 之后 ${seconds(f.sinceZeroWindow)}）` : ''}：${who(c.sender)}还有数据要发，它的坚持定时器（persist timer）询问对方窗口是否已重新打开（RFC 9293 §3.8.6.1）；回应是一个携带当前窗口的 ACK。${
        f.form === 'old-seq'
          ? '它不带新数据，使用比下一个序列号小 1 的、已被确认过的序列号（Linux tcp_xmit_probe_skb），所以看起来像保活报文；但在零窗口期间它是窗口探测，由坚持定时器（probe0）发送，间隔为 RTO·2^backoff（Linux tcp_probe0_when）。'
          : '它携带一个新字节，接收方可以接受也可以丢弃。'
      }${
        f.sinceAnswer !== null && f.sinceAnswer < 0.5
          ? `对方上次回应探测才过去 ${seconds(f.sinceAnswer)}，而 Linux 对窗口之外的报文段每 500 毫秒最多回应一次（tcp_oow_rate_limited，net.ipv4.tcp_invalid_ratelimit），所以这次探测很可能得不到回应。`
          : ''
      }`,
    'tcp.zero_window_probe_ack': (_f, c) => `对零窗口探测的回应：${who(c.sender)}再次报告自己的窗口。`,
    'tcp.window_full': (f, c) =>
      `窗口已满：${who(c.sender)}有 ${f.inFlight} 字节已发送但未被确认，已用完对方的窗口；必须等到确认后才能继续发送。`,
    'tcp.zero_window_stall': (f, c) =>
      `停滞结束：${who(c.sender)}的窗口${f.seconds !== null ? `在 ${seconds(f.seconds)}内` : ''}一直为 0（从第 ${f.fromLine} 行起），期间对方发送了 ${f.probes} 个零窗口探测。传输停顿了这么久，是因为${who(c.sender)}的应用程序没有读取接收缓冲区；现在对方可以继续发送了。`,
    'tcp.dsack': (f, c) =>
      `D-SACK：第一个 SACK 块 {${f.from}:${f.to}} ${f.where === 'below-ack' ? '不高于确认号' : '包含在下一个块之内'}（RFC 2883 §4），说明${who(c.sender)}报告的是收到了两次的数据，而不是新数据。${
        f.retransLine !== null
          ? `因此第 ${f.retransLine} 行的重传是多余的（虚假重传，RFC 3708）：第一份已经到达。`
          : '抓包中没有看到这些数据的重传：可能是路径上复制了报文，或抓包漏掉了那次重发。'
      }`,
    'tcp.window_update': (f, c) => `窗口更新：${who(c.sender)}的窗口从 ${f.from} 字节变为 ${f.to} 字节（不带新数据）；对方可以继续发送。`,
    'tcp.keep_alive': (f, c) =>
      `保活（keep-alive）${f.idleSeconds !== null ? `：空闲 ${seconds(f.idleSeconds)}后` : ''}，${who(c.sender)}探测对方是否还在（RFC 9293 §3.8.4）。${
        f.withByte
          ? '它携带一个对方已经确认过的字节（RFC 1122 §4.2.3.6），对方丢弃它并回复 ACK。'
          : '它使用比下一个序列号小 1 的、已被确认过的序列号，不带数据，所以对方会回复 ACK。'
      }这些报文也能防止 NAT 和防火墙忘掉这个连接。`,
    'tcp.keep_alive_unanswered': (f, c) => {
      const run = f.count === 1 ? `第 ${f.fromLine} 行的保活探测` : `从第 ${f.fromLine} 行起连续 ${f.count} 个保活探测`;
      const why =
        f.answerLine !== null
          ? `对方确实回应了（第 ${f.answerLine} 行），但${who(c.sender)}的时间戳回显（TS ecr）仍是更早的值，说明那个回应没有到达：返回路径已断（NAT 或防火墙忘掉了这个连接，或路由问题）。`
          : '抓包中没有任何回应：对方已不在，或者探测报文或其回应在途中丢失（路径中断，或 NAT、防火墙丢掉了这个连接的状态）。'
      const end = f.gaveUp
        ? `${who(c.sender)}的内核放弃并复位了连接（Linux tcp_keepalive_timer 在 tcp_keepalive_probes 次探测无回应后调用 tcp_send_active_reset、tcp_write_err）：其应用程序下一次对该套接字的调用会失败，错误为 ETIMEDOUT（Connection timed out）。`
        : '';
      return `${run}没有得到${who(c.sender)}能收到的回应。${why}${end}`;
    },
    'tcp.keep_alive_ack': (_f, c) => `对保活探测的回应：${who(c.sender)}还在。`,
    'tcp.syn_retransmission': (f) =>
      `SYN 重传（第 ${f.attempt} 次${f.sinceFirst !== null ? `，距第一次 ${seconds(f.sinceFirst)}` : ''}）：没有及时收到 SYN-ACK。SYN 或它的 SYN-ACK 在途中丢失、对方主机宕机、防火墙静默丢弃了 SYN，或路由不通。重试间隔取决于发送方的内核：Linux 6.5 之前，或 net.ipv4.tcp_syn_linear_timeouts 为 0 时，每次把等待时间加倍（距第一个 SYN 1、3、7、15 秒）；从 Linux 6.5 起默认值（tcp_syn_linear_timeouts = 4）让前 5 次重传间隔 1 秒（距第一个 SYN 1、2、3、4、5 秒），之后翻倍（7、11、19……秒）。`,
    'tcp.synack_retransmission': (f) => {
      const when =
        f.sincePrevious !== null && f.sincePrevious < 0.2
          ? `距上一个 ${seconds(f.sincePrevious)}`
          : f.sinceFirst !== null
            ? `距${f.firstUnseen ? '抓到的第一个' : '第一次'} ${seconds(f.sinceFirst)}`
            : '';
      const head = `SYN-ACK 重传（第 ${f.attempt} 次${
        f.firstUnseen ? `：第 1 次在途中丢失，不在本抓包中${when ? `；${when}` : ''}` : when ? `，${when}` : ''
      }）`;
      if (f.answersResentSyn && f.echoesFirstSyn === true && f.sincePrevious !== null && f.sincePrevious < 0.2)
        return `${head}：它回应客户端重发的 SYN（Linux tcp_check_req → inet_rtx_syn_ack）；上一个 SYN-ACK 在那个 SYN 到达之前发出，来自服务端自己的 1 秒 SYN-ACK 定时器（reqsk_timer_handler）。两者都回显了第一个 SYN 的时间戳，所以第一个 SYN 到达了服务端，最初的 SYN-ACK 在返回途中丢失了。`;
      if (f.synResent && f.echoesFirstSyn === true && f.sincePrevious !== null && f.sincePrevious < 0.2)
        return `${head}：没有哪个定时器会这么快触发。两个 SYN-ACK 中一个回应客户端重发的 SYN（Linux tcp_check_req → inet_rtx_syn_ack），另一个来自服务端自己的 1 秒 SYN-ACK 定时器（reqsk_timer_handler）；两者都回显了第一个 SYN 的时间戳，所以第一个 SYN 到达了服务端，最初的 SYN-ACK 在返回途中丢失了。`;
      if (f.synResent && f.echoesFirstSyn === true)
        return `${head}：它回应客户端重发的 SYN，或来自服务端自己的 SYN-ACK 定时器；它回显了第一个 SYN 的时间戳，所以第一个 SYN 到达了服务端，之前的 SYN-ACK 在返回途中丢失了。`;
      if (f.synResent) return `${head}：客户端已经重发了 SYN，所以它的第一个 SYN 或服务端的第一个 SYN-ACK 在途中丢失了。`;
      return `${head}：服务端的 SYN-ACK 定时器（1 秒，之后加倍）在最后的 ACK 到达之前到期：SYN-ACK 或 ACK 在途中丢失了。`;
    },
    'tcp.rst': (f) => rstText(f),
    'tcp.rst_contradicted': (f, c) =>
      `${who(c.sender)}在第 ${f.rstLine} 行那个声称来自它的 RST 之后${f.seconds !== null ? ` ${seconds(f.seconds)}` : ''}又发出了${f.what === 'fin' ? ' FIN' : f.what === 'data' ? '数据' : ' ACK'}${f.timestamps ? '（时间戳更新）' : ''}：已经复位的一端没有连接可以再发送，所以那个 RST 不是${who(c.sender)}发的${f.timestamps ? '' : '（除非这是途中被延迟的副本）'}。对方已经接受了那个 RST，不再有这个连接：它会用 RST 回应这类报文段（RFC 9293 §3.10.7.1）。`,
    'tcp.rst_not_taken': (f) => {
      const peer = side[other(f.by)];
      const ack = f.what === 'ack';
      const seg = ack ? ' ACK' : f.what === 'fin' ? ' FIN' : '数据报文段';
      return `${peer}发出这个报文段时仍然有这个连接：这个${spaced(seg)}期望的是${expectedByte(f.expects, f.relative)}，小于${side[f.by]}第 ${f.rstLine} 行那个 RST 的序列号 ${f.rstSeq}，所以那个 RST 并没有让它复位。要么这个${ack ? ' ACK ' : '报文段'}与那个 RST 擦肩而过，要么${peer}没有接受那个 RST（${missingWords(f.missingLine, f.by)}，RST 的序列号不是它期望的下一个字节${ack ? '），这就是它回的挑战 ACK（RFC 5961 §3.2）' : '；RFC 5961 §3.2）'}。因此这里${peer}这一端重新显示为 ${f.state}，而不是第 ${f.rstLine} 行所示的 CLOSED。`;
    },
    'tcp.challenge_ack': (f, c) =>
      `挑战 ACK：${who(c.sender)}没有因第 ${f.rstLine} 行那个窗口内的 RST 而复位，而是回了一个 ACK，说明自己期望的序列号（RFC 5961 §3.2）；连接保持打开。如果那个 RST 是真的，它的发送方会用一个序列号恰好等于这个确认号的 RST 来回应。`,
    'tcp.port_reuse': (f) =>
      f.timeWait
          ? `端口复用：${side[f.timeWait.side]}那一端的 ${f.previousConn} 仍处于 TIME_WAIT（${f.timeWait.seconds !== null ? `约 ${seconds(f.timeWait.seconds)}前进入` : '此前已进入'}；Linux 保持 60 秒），同一四元组上又来了新的 SYN。${f.timeWait.tsNewer ? `它之所以被接受，是因为时间戳（${f.timeWait.tsNewer.val}）比 ${f.previousConn} 最后一个（${f.timeWait.tsNewer.last}）更新（RFC 6191 §2；Linux tcp_timewait_state_process）。` : '没有更新的时间戳时（RFC 6191 §2），只有 ISN 大于旧连接的序列号才会被接受（RFC 1122 §4.2.2.13）。'}从这里开始按新连接计算。`
          : `端口复用：一个新连接使用了与 ${f.previousConn} 相同的四元组（双方的地址和端口）；从这里开始按新连接计算。`,
    'tcp.new_connection': (f) =>
      `新连接：与 ${f.previousConn} 的地址对相同，${f.newIsn ? '但初始序列号（ISN）是新的' : '但开始了新的握手'}；这段文本没有端口，无法判断端口是否相同（是不是端口复用）。从这里开始按新连接计算。`,
    'tcp.checksum_incorrect': (f) =>
      `校验和错误${f.expected !== null ? `（应为 ${hex(f.expected)}）` : ''}：在发送端抓包时，这通常是校验和卸载（网卡在 tcpdump 看到报文之后才填写校验和），并不是报文损坏。`,
    'tcp.handshake_rtt': (f) =>
      f.capture === 'between'
        ? f.forwarding !== undefined
          ? `经过本机的握手往返时间：${seconds(f.seconds)}，从客户端的 SYN 到达（第 ${f.forwarding.lines.syn} 行）到它的 ACK 到达（第 ${f.forwarding.lines.ack} 行）= 服务端一侧 ${seconds(f.forwarding.serverSide)}（第 ${f.forwarding.lines.syn} → ${f.forwarding.lines.synAck} 行，含转发 SYN 的 ${seconds(f.forwarding.syn)}）+ 转发 SYN-ACK 的 ${seconds(f.forwarding.synAck)} + 客户端一侧 ${seconds(f.forwarding.clientSide)}（第 ${f.forwarding.lines.synAckCopy} → ${f.forwarding.lines.ack} 行）；可作为判断后续延迟的基准。`
          : `在两端之间看到的握手往返时间（RTT）：${seconds(f.seconds)}（SYN → SYN-ACK 加上 SYN-ACK → ACK，各是到一端的往返）；可作为判断后续延迟的基准。`
        : f.capture === f.at
          ? `从${side[f.at]}看到的握手往返时间（RTT）：${seconds(f.seconds)}（${f.at === 'client' ? 'SYN → SYN-ACK' : 'SYN-ACK → ACK'}）；可作为判断后续延迟的基准。`
          : f.gaps !== undefined
            ? rttRange(f.gaps.synToSynAck, f.gaps.synAckToAck)
            : f.capture === null && f.at === 'server'
              ? `握手往返时间（RTT）：这里无从得知。本抓包里只有 SYN-ACK → ACK 这一段间隔（${seconds(f.seconds)}）：抓包位于服务端时它就是往返时间，位于客户端时它只是客户端自身的响应时间，握手时序分辨不出是哪一种。`
              : `握手往返时间（RTT）：约 ${seconds(f.seconds)}（${f.at === 'client' ? 'SYN → SYN-ACK' : 'SYN-ACK → ACK'} 这一段间隔）；握手时序无法确定抓包位置。可作为判断后续延迟的基准。`,
    'tcp.timestamps_missing': (f) =>
      `时间戳已在 SYN 和 SYN-ACK 中协商，但${side[f.by]}之后的报文段都不带时间戳，${side[other(f.by)]}回显为 0，说明它确实没收到（RFC 7323 §3.2：协商之后，除 RST 外的每个报文段都必须带 TSopt，接收方应丢弃不带它的报文段）。要么${side[f.by]}的协议栈没有发送，要么${side[f.by]}与本抓包点之间的某个环节去掉了它（若在${side[f.by]}上抓包，就是${side[f.by]}主机自身，例如 netfilter 或 tc 规则）；删减过的文本可以藏起${side[f.by]}的选项，却解释不了${side[other(f.by)]}回显的 0。`,
    'tcp.options_negotiated': (f, ctx) => {
      const path = mssPathWords(f, ctx.mssRewrites);
      const mss = `此处看到的 MSS：客户端 ${f.mss.client ?? '–'} / 服务端 ${f.mss.server ?? '–'}（${path ?? '各自限定对端每个报文段可发送的载荷字节数；是通告的，不是协商出来的'}）`;
      const inf = f.inferred;
      const ws =
        f.wscale.client !== null && f.wscale.server !== null
          ? `启用窗口缩放（客户端移位 ${f.wscale.client} = ×${scaleFactor(f.wscale.client)}，服务端移位 ${f.wscale.server} = ×${scaleFactor(f.wscale.server)}）`
          : inf && inf.wscale && f.wscale.server !== null
            ? `启用窗口缩放（客户端移位未知，服务端移位 ${f.wscale.server} = ×${scaleFactor(f.wscale.server)}）`
            : '未启用窗口缩放（只有一方或双方都没有提供，RFC 7323 §2.2）';
      if (f.clamped !== undefined) return `握手选项：${ws}；${f.sack ? '启用' : '未启用'} SACK；${f.timestamps ? '启用' : '未启用'}时间戳。${clampedWords(f)}`;
      const base = `握手选项：${mss}；${ws}；${f.sack ? '启用' : '未启用'} SACK；${f.timestamps ? '启用' : '未启用'}时间戳。`;
      if (!inf) return base;
      const offered = [inf.wscale ? '窗口缩放' : null, inf.sack ? 'SACK' : null, inf.timestamps ? '时间戳' : null].filter((x) => x !== null);
      if (offered.length === 0) return `${base}这次抓包没有客户端的 SYN；这个 SYN-ACK 没有提供窗口缩放、SACK 和时间戳中的任何一个。`;
      return (
        `${base}这次抓包没有客户端的 SYN：它的${offered.join('、')}是从这个 SYN-ACK 推断的，因为 SYN-ACK 只有在 SYN 提供了这些选项时才能携带它们（RFC 7323 §2.2、§3.2；RFC 2018 §2）` +
        (inf.synTsVal !== null ? `；SYN 的 TSval 为 ${inf.synTsVal}（SYN-ACK 回显的就是它）。` : '。')
      );
    },
    'tcp.option_not_offered': (f) => {
      const what = {
        mss: ' MSS 选项：对方只能假定每个报文段 536 字节（RFC 9293 §3.7.1）',
        wscale: '窗口缩放选项：两个方向都不缩放，窗口最大 65535 字节，远距离传输的吞吐量会受限',
        sackOK: ' SACK 选项：丢包后接收方无法告知哪些后续数据块已经收到，恢复更慢',
        ts: '时间戳选项：此后只能从未重传过的数据的确认中取 RTT 样本（Karn 算法，RFC 6298 §3），无法借时间戳识别虚假重传（RFC 3522），也没有 PAWS 保护（RFC 7323 §5）',
      }[f.option];
      return `${side[f.side]}没有提供${what}。`;
    },
    'tcp.segments_below_mss': (f, c) => {
      const snd = c.sender ?? 'server';
      const rcv = other(snd);
      const synOf = (s: Side): string => (s === 'client' ? 'SYN' : 'SYN-ACK');
      const limit = f.mss - f.optionBytes;
      const own =
        f.ownMss !== null && f.ownMss - f.optionBytes === f.size
          ? `它自己的 ${synOf(snd)} 在此处显示 MSS ${f.ownMss}，正是同一个上限：可能是它自己通告的，也可能同样在途中被改小了。`
          : '';
      return `${side[snd]}的满载数据报文段一直是 ${f.size} 字节（从第 ${f.fromLine} 行起共 ${f.count} 个，每个都不带 PSH、后面紧跟着更多数据，说明${side[snd]}还有数据在排队：这不是其应用程序每次写入的大小，一次写入的最后一个报文段带 PSH，RFC 9293 §3.9.1.2），小于${side[rcv]}的 MSS ${f.mss} 所允许的 ${limit} 字节（${
        f.optionBytes > 0 ? `${f.mss} 减去 ${f.optionBytes} 字节时间戳选项；` : ''
      }RFC 9293 §3.7.1，RFC 6691）：这个选项很可能在途中被改小了（MSS 钳制，例如 iptables TCPMSS，它只会改小），或者${side[snd]}自己的路径 MTU 限制了它（接口或路由的 MTU，ip route … mtu，或路径 MTU 发现，RFC 1191/RFC 8201，或分组层探测，RFC 4821）。${own}在${side[snd]}抓包即可分辨：那里${side[rcv]}的 ${synOf(rcv)} 带着${side[snd]}实际收到的 MSS。`;
    },
  },
  findingNames: {
    'tcp.retransmission': '重传',
    'tcp.fast_retransmission': '快速重传',
    'tcp.upstream_retransmission': '重传（上游）',
    'tcp.nagle_hold': '被 Nagle 算法暂缓',
    'tcp.spurious_retransmission': '虚假重传',
    'tcp.out_of_order': '乱序',
    'tcp.previous_segment_not_captured': '前一报文段未抓到',
    'tcp.acked_unseen_segment': '确认了未抓到的报文段',
    'tcp.dup_ack': '重复 ACK',
    'tcp.zero_window': '零窗口',
    'tcp.zero_window_probe': '零窗口探测',
    'tcp.zero_window_probe_ack': '零窗口探测的 ACK',
    'tcp.zero_window_stall': '零窗口停滞',
    'tcp.dsack': 'D-SACK',
    'tcp.window_full': '窗口已满',
    'tcp.window_update': '窗口更新',
    'tcp.keep_alive': '保活',
    'tcp.keep_alive_ack': '保活的 ACK',
    'tcp.keep_alive_unanswered': '保活无应答',
    'tcp.syn_retransmission': 'SYN 重传',
    'tcp.synack_retransmission': 'SYN-ACK 重传',
    'tcp.rst': 'RST',
    'tcp.rst_contradicted': 'RST 之后仍有流量',
    'tcp.challenge_ack': '挑战 ACK',
    'tcp.rst_not_taken': '未被接受的 RST',
    'tcp.port_reuse': '端口复用',
    'tcp.new_connection': '新连接（没有端口）',
    'tcp.checksum_incorrect': '校验和错误',
    'tcp.handshake_rtt': '握手 RTT',
    'tcp.options_negotiated': '握手选项',
    'tcp.option_not_offered': '选项未提供',
    'tcp.segments_below_mss': '报文段小于 MSS',
    'tcp.timestamps_missing': '时间戳缺失',
  },
  options: {
    nop: () => 'nop（填充）',
    eol: () => '选项列表结束',
    // 选项限定的是收到它的一端发送多少；一份抓包只看到它经过此处时的值（路由器可能改写它：MSS 钳制），只有配对的两份抓包知道两端的值。
    mss: (o, c) => {
      const ts = (v: number): string => (c.tsSpace > 0 ? `（这里时间戳占 ${c.tsSpace} 字节 → ${v - c.tsSpace}）` : '');
      const peer = side[other(c.sender)];
      const r = c.mssRewrite;
      if (r !== null && r.sent !== r.received && o.value === r.received)
        return `收到的 MSS 为 ${o.value}（${side[c.sender]}发出的是 ${r.sent}，途中被改写）：${peer}每个报文段最多发送 ${o.value} 字节载荷（RFC 9293 §3.7.1），还要减去选项${ts(o.value)}`;
      if (r !== null && r.sent !== r.received && o.value === r.sent)
        return `发出的 MSS 为 ${o.value}（${peer}收到的是 ${r.received}，途中被改写）：${peer}每个报文段最多发送 ${r.received} 字节载荷（RFC 9293 §3.7.1），还要减去选项${ts(r.received)}`;
      if (c.mssAt === 'receiver')
        return `此处收到的 MSS 为 ${o.value}：${peer}每个报文段最多可发送 ${o.value} 字节载荷（RFC 9293 §3.7.1），只算 TCP 数据；发送方若使用 TCP 选项须从中扣除${ts(o.value)}；${side[c.sender]}发出时可能更大（途中的路由器只会把它改小，不会改大）`;
      return `此处看到的 MSS 为 ${o.value}：如果这个选项原样到达${peer}，${peer}每个报文段最多可发送 ${o.value} 字节载荷（途中的路由器可能把它改小：MSS 钳制；RFC 9293 §3.7.1），只算 TCP 数据；发送方若使用 TCP 选项须从中扣除${ts(o.value)}`;
    },
    wscale: (o, c) =>
      `窗口缩放 ${o.value}（×${scaleFactor(o.value)}）：${side[c.sender]}之后通告的窗口值要乘以 ${scaleFactor(o.value)}${o.value === 0 ? '（移位为 0 也表示启用了窗口缩放：这个选项仍然算作已提供）' : ''}`,
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
          ? `数据（PSH+ACK）：${side[c.sender]}向${side[c.receiver]}发送 ${c.len} 字节；PSH 标记发送方这批数据到此为止（在 Linux 上即一次写入的末尾）；Linux 等接收方无论有无 PSH 都会立即交付按序到达的数据（RFC 9293 §3.9.1）。`
          : `数据：${side[c.sender]}向${side[c.receiver]}发送 ${c.len} 字节。`,
      ack: (c) => `纯 ACK：${side[c.sender]}确认已收到的数据，本身不带数据。`,
      'fin-first': (c) => `FIN：${side[c.sender]}的数据已发完，开始关闭连接；它仍然可以接收数据。`,
      'fin-second': (c) => `FIN：${side[c.sender]}也关闭自己的方向（四次挥手第 3 步）。`,
      'fin-simultaneous': (c) => `FIN：${side[c.sender]}在${side[c.receiver]}的 FIN 还在路上时也发起了关闭（同时关闭）。`,
      fin: (c) => `FIN：${side[c.sender]}没有更多数据要发送了。`,
      'fin-ack-of-fin': (c) => `FIN+ACK：${side[c.sender]}在同一个报文里确认${side[c.receiver]}的 FIN 并关闭自己的方向（三次挥手）。`,
      'close-ack-first': (c) => `确认${side[c.receiver]}的 FIN（四次挥手第 2 步）：这个方向已经关闭（半关闭）。`,
      'close-ack-last': (c) => `确认${side[c.receiver]}的 FIN：关闭的最后一步，两个方向都已关闭。`,
      'close-ack': (c) => `确认${side[c.receiver]}的 FIN：这个方向已经关闭。`,
      rst: (c) => `RST：一个带着${side[c.sender]}地址的复位报文；如果${side[c.receiver]}接受它，连接立即结束（不需要回复，未发送的数据被丢弃）。`,
      'rst-syn-sent': (c) => `RST：一个带着${side[c.sender]}地址的复位报文，回应${side[c.receiver]}的 SYN：它的连接尝试立即结束（连接从未建立过）。`,
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
        : c.noIsn
          ? `seq ${c.printed}：${c.from === 0 ? `本抓包看到的${side[c.sender]}数据流的前 ${c.len} 个字节` : `${side[c.sender]}数据流中的 ${c.len} 字节，从本抓包看到的第一个字节之后 ${c.from} 字节处开始`}（没有抓到握手，不知道它们在整个数据流中的位置）。`
          : `seq ${c.printed}：${side[c.sender]}数据流的第 ${c.from}–${c.to} 字节（共 ${c.len} 字节）。`,
    finSeq: (c) =>
      `seq ${c.printed}：FIN 占用序列号 ${c.seq}（占一个序列号，不带数据）${c.sent !== null ? `；${side[c.sender]}一共发送了 ${c.sent} 字节` : ''}。`,
    rstSeq: (c) =>
      `seq ${c.printed}：在已同步的连接中，只有序列号恰好等于接收方期望的下一个序列号时 RST 才会复位连接；序列号在接收窗口内但不相等时，接收方回一个挑战 ACK，连接保持打开；在窗口之外则被丢弃（RFC 5961 §3.2）。Linux（tcp_validate_incoming）还接受等于它最高 SACK 块右边界的序列号，以及收到对方 FIN 之后（CLOSE_WAIT、CLOSING、LAST_ACK 状态）的 RCV.NXT − 1（tcp_reset_check）；其余情况发送挑战 ACK（tcp_send_challenge_ack）。回应 SYN 的 RST 则看它的 ACK（RFC 9293 §3.10.7.3）。`,
    ackOfSyn: (c) => `ack ${c.printed} = ${side[c.receiver]}的初始序列号 ${c.isn} + 1：SYN 占用一个序列号。`,
    ackOfSynRelative: (c) => `ack ${c.printed} = ${side[c.receiver]}的初始序列号 + 1：SYN 占用一个序列号。`,
    ackOfFin: (c) =>
      `ack ${c.printed} = ${side[c.receiver]}的 FIN（seq ${c.fin}）+ 1：和 SYN 一样，FIN 也占用一个序列号${
        c.bytes === null
          ? ''
          : !c.isnSeen
            ? c.bytes === 0
              ? '；FIN 之前没有数据（就这段文本所见）'
              : `；它在 FIN 之前的数据都已收到（就这段文本所见共 ${c.bytes} 字节）`
            : c.bytes === 0
              ? '；它在 FIN 之前没有发送数据'
              : `；它的 ${c.bytes} 字节数据已全部收到`
      }。`,
    ackNotReceived: (c) => `ack ${c.printed}：${side[c.sender]}没有收到${side[c.receiver]}的 ${c.bytes} 字节（最后一段在第 ${c.line} 行发出，已超过一个往返时间）；它期待的下一个字节仍是第 1 字节。`,
    ackNothingYet: (c) => `ack ${c.printed}：还没有收到${side[c.receiver]}的数据（只收到它的 SYN）；${side[c.sender]}期待的下一个字节是第 1 字节。`,
    ackBytes: (c) =>
      c.absolute
        ? `ack ${c.printed}：${side[c.sender]}已收到${side[c.receiver]}数据流中直到 ${c.ack - 1} 的数据${c.rel !== null ? `（第 1–${c.rel - 1} 字节）` : ''}，期待下一个序列号 ${c.ack}。`
        : `ack ${c.printed}：${side[c.sender]}已收到${side[c.receiver]}的第 1–${c.ack - 1} 字节，期待的下一个字节是第 ${c.ack} 字节。`,
    ackBytesSuspectRst: (c) =>
      `ack ${c.printed}：确认了${side[c.receiver]}${c.absolute ? `数据流中直到 ${c.ack - 1} 的数据${c.rel !== null ? `（第 1–${c.rel - 1} 字节）` : ''}` : `的第 1–${c.ack - 1} 字节`}——这个 RST ${c.confidence === 'certain' ? '不是' : c.confidence === 'likely' ? '很可能不是' : '可能不是'}${side[c.sender]}发的，所以这只说明它的发送者看到了这些字节。`,
    ackUnknownBase: (c) =>
      `ack ${c.printed}：${side[c.sender]}期待${side[c.receiver]}的下一个字节是 ${c.ack}（从本次抓包的第一个报文起算：缺少握手）。`,
    noIsn: NO_ISN,
    winSyn: (c) => `win ${c.win}：${side[c.sender]}暂时可以接收 ${c.win} 字节（SYN 中的窗口从不缩放）。`,
    winScaled: (c) =>
      `win ${c.win} × ${scaleFactor(c.scale)} = ${c.bytes} 字节：${side[c.sender]}现在还能接收的数据量（窗口缩放因子 ${c.scale} 来自握手）。`,
    winUnscaled: (c) => `win ${c.win}：${side[c.sender]}现在还能接收 ${c.win} 字节（×1，不缩放）。`,
    winUnknownScale: (c) => `win ${c.win}：${side[c.sender]}的窗口值，还要乘以一个本次抓包没看到的缩放因子（缺少握手），所以实际大小未知。`,
    winZero: (c) => `win 0：${side[c.sender]}现在不能再接收任何数据（缓冲区已满）。`,
    options: (c) => `选项：${c.items.join('；')}。`,
    payload: (c) => `tcpdump 解码出的载荷：${c.text}`,
    payloadNameOnly: (c) => `tcpdump ${c.port !== null ? `根据 ${c.port} 端口` : ''}打印了 ${c.name}：这个报文段并不以请求行或状态行开头`,
    finAndAckTimeWait: '对方的 FIN 和对自己 FIN 的确认在同一报文段中，RFC 9293 §3.10.7.4；Linux 内部会瞬间经过 FIN_WAIT_2',
    establishedInferred: (c) =>
      `推断：发出这个 RST 之前${side[c.sender]}已处于 ESTABLISHED，因为它确认了${side[c.receiver]}的${c.bytes !== null ? ` ${c.bytes} 字节` : ''}数据，而只有已同步的一端才会接收数据（RFC 9293 §3.10.7.4）；${side[c.receiver]}对 SYN-ACK 的 ACK 已经到达，只是这次抓包里没有。`,
    rstPayload: (c) => `这个 RST 带有文本，通常是发出它的设备给出的原因（BIG-IP 等负载均衡会这样做）：${c.text}`,
    transition: (c) =>
      c.from
        ? `${side[c.end]}：${c.from} → ${c.to}（${c.meaning}）。`
        : c.to === 'LISTEN'
          ? `${side[c.end]}：假定处于 LISTEN（${c.meaning}）：SYN 需要一个在监听的套接字；回应会说明一切，有程序监听则回 SYN-ACK，端口关闭则回 RST+ACK。`
          : `${side[c.end]}：进入 ${c.to}（${c.meaning}）。`,
    truncated: 'tcpdump 没能解码完整的头部（被快照长度截断，或选项格式错误），部分字段缺失。',
    warning: (text) => `tcpdump 提示：${text}。`,
    finding: (severity, text) => `[${severity}] ${text}`,
    noAnalysis: '未跟踪：无法把这个报文段归入某个连接。',
    copied: (c) =>
      `第 ${c.of} 行那个包经本机转发后的副本：从 ${c.inIface} 进来、从 ${c.outIface} 出去${natRewrite(c)}。${c.mss !== null ? `本机转发时把 MSS 选项从 ${c.mss.from} 改成了 ${c.mss.to}（MSS 钳制），所以${side[other(c.sender)]}每个报文段最多发送 ${c.mss.to} 字节载荷，而不是 ${c.mss.from}（RFC 9293 §3.7.1）。` : ''}${c.ttl !== null ? ttlWords(c.ttl) : ''}同一次发送被打印了两次，不是新的报文段：不算重传，不算重复 ACK，不改变任何状态。`,
    quoted: (line) =>
      `再次引用第 ${line} 行：文字完全相同（时间戳和各个数字都一样），是同一个包被再打印了一次（作者重复引用），不是新的报文段；不改变任何状态，也不产生任何提示或警告。`,
  },
  verdicts: {
    'normal-close': {
      headline: (v) => (v.problems.length > 0 ? `正常关闭${problemClause(v.problems[0])}` : `正常关闭（${closeKind(v)}）`),
      summary: (v, c) =>
        `客户端 ${c.client} 与服务端 ${c.server} 建立了连接，客户端发送 ${v.bytes.c2s} 字节、服务端发送 ${v.bytes.s2c} 字节，然后双方都用 FIN 关闭了各自的方向（${closeKind(v)}）${c.duration ? `，历时 ${c.duration}` : ''}。${v.problems.length === 0 ? 'TCP 层面一切正常。' : ''}`,
      nextStep: (v) =>
        v.problems.length > 0 ? problemNext(v.problems[0]) : '如果应用程序仍然报错，请到 TCP 之上去找原因：HTTP 状态码、TLS 告警、应用日志。',
      appSaw: (v) => {
        if (v.closeKind === 'simultaneous') return ['没有套接字错误：双方同时关闭了连接。'];
        if (v.firstFin === 'server' && v.bytes.s2c === 0)
          return ['curl: (52) Empty reply from server：服务端还没发送任何字节就用 FIN 关闭了连接', ...EMPTY_REPLY];
        if (v.firstFin === 'server')
          return [`没有套接字错误：服务端先关闭；客户端读完服务端的 ${v.bytes.s2c} 字节之后 read() 返回 0（EOF），随后客户端也关闭了连接。`];
        if (v.firstFin === 'client') return ['没有套接字错误：客户端先关闭；服务端的 read() 返回 0（EOF），随后它也关闭了连接。'];
        return ['没有套接字错误：双方同时关闭了连接。'];
      },
    },
    refused: {
      headline: (v) =>
        evOf(v.resetEvidence, 'ttl-unlike-host')
          ? '连接被拒绝：一个 RST 回应了 SYN，很可能是防火墙的 REJECT'
          : evOf(v.resetEvidence, 'ttl-initial')
            ? '连接被拒绝：一个来自抓包所在链路的 RST 回应了 SYN，可能是防火墙的 REJECT'
            : '连接被拒绝：SYN 得到的回应是 RST+ACK',
      summary: (v, c) =>
        `客户端 ${c.client} 请求连接 ${c.server}，得到的回应是 RST+ACK，确认号 = 它的初始序列号 + 1（RFC 9293 §3.10.7.1）。这个 RST 表明没有套接字接收这个 SYN：要么服务端的 ${c.port ?? '?'} 端口是关闭的（没有程序在监听），要么中间的某个设备替它作了回答（防火墙用复位 REJECT），服务端根本没有看到这个 SYN。${refusalWho(v.resetEvidence)}${refusalDelay(v.resetEvidence, 'server', v.capturePoint)}`,
      nextStep: (v, c) =>
        evOf(v.resetEvidence, 'ttl-unlike-host') || evOf(v.resetEvidence, 'ttl-initial')
          ? `检查客户端与 ${hostOf(c.server)} 之间的 REJECT 规则（iptables／nftables 的 "reject with tcp reset"、安全组、云防火墙）；然后确认服务在 ${c.port ?? '端口'} 端口上监听（ss -ltnp | grep :${c.port ?? '端口'}）。`
          : `在服务端检查服务是否在运行、是否监听了这个地址和端口（ss -ltnp | grep :${c.port ?? '端口'}），是否绑定在正确的地址上（${ipv6Connection(v) ? ':: 或服务端自己的地址，而不是 ::1；监听 0.0.0.0 只接受 IPv4' : '0.0.0.0 或服务端自己的地址，而不是 127.0.0.1'}），以及有没有防火墙 REJECT 规则。`,
      appSaw: (_v, c) => [
        `curl: (7) Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'} after N ms: Couldn't connect to server（较旧的 curl 结尾是 Connection refused）`,
        `Node.js：Error: connect ECONNREFUSED ${nodeAddr(c.server)}`,
        'Python：ConnectionRefusedError: [Errno 111] Connection refused',
        'Java：java.net.ConnectException: Connection refused',
      ],
    },
    'no-answer': {
      headline: () => '无应答：SYN 一直没有得到回应',
      summary: (v, c) =>
        `客户端 ${c.client} 向 ${c.server} 发送了 ${1 + v.synRetransmissions} 个 SYN${c.duration && v.synRetransmissions > 0 ? `（历时 ${c.duration}）` : ''}${
          v.synRetransmissions > 0
            ? `${
                v.clientLinuxSyn
                  ? `，没有收到任何回应，也没有 ICMP 差错到达它（它的 SYN 是 Linux 的选项排列，而 Linux 在 SYN_SENT 状态收到 ICMP 目的不可达或超时差错会立即让 connect() 失败，见 ${icmpErrFn(v)}，尽管 RFC 1122 §4.2.3.9 把网络和主机不可达算作软错误）`
                  : `，没有收到任何回应；它的 SYN 不是 Linux 的选项排列，所以不能排除 ICMP 网络或主机不可达（RFC 1122 §4.2.3.9 把它们算作软错误：BSD 和 macOS 只记下这类错误、继续重试；Linux 则会立即让 connect() 失败，见 ${icmpErrFn(v)}）`
              }：防火墙或安全组静默丢弃了 SYN 或 SYN-ACK（DROP 而不是 REJECT）、回包走了别的路径，或主机已宕机而它前面的路由器不发 ICMP（只写 tcp 的过滤条件会看不到 ${icmpName(v)}：请用“${icmpFilter(v)}”抓包）。`
            : `，没有任何回应：主机宕机或不可达、防火墙静默丢弃了 SYN（DROP 而不是 REJECT）、回包走了别的路径，或者一个 ICMP 差错让 connect() 立即失败了（iptables 的 REJECT 默认回 ICMP 端口不可达），只写 tcp 的过滤条件看不到它：请用“${icmpFilter(v)}”抓包。不过只看到一个 SYN：也可能只是抓包在收到回应或重传之前就结束了。`
        }`,
      nextStep: (v, c) =>
        v.capturePoint === 'server'
          ? `SYN 已经到达服务端（本次抓包就在服务端；tcpdump 在主机防火墙之前看到报文），但服务端没有发出 SYN-ACK：检查服务端自身防火墙是否丢弃了端口 ${c.port ?? '端口'} 的报文（iptables/nft 的 INPUT 链）、监听队列是否已满（nstat -az TcpExtListenOverflows TcpExtListenDrops），以及反向路径过滤（rp_filter）。`
          : `检查地址和路由（traceroute -T -p ${c.port ?? '端口'} ${hostOf(c.server)}）、路径上的安全组和防火墙，并在服务端抓包：SYN 到达服务端了吗？`,
      appSaw: (v, c) => [
        `curl 自己的 --connect-timeout 或 -m 先到期时：curl: (28) Connection timed out after N milliseconds；内核先放弃时（Linux：重试 net.ipv4.tcp_syn_retries 次之后，6.5 起再加上 tcp_syn_linear_timeouts 次：默认值 6 和 4 时，最后一个 SYN 在首个 SYN 之后约 67 秒发出，connect() 约 131 秒后才失败，6.5 之前约 127 秒），退出码同样是 28：Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'} after N ms: Couldn't connect to server`,
        `Node.js：Error: connect ETIMEDOUT ${nodeAddr(c.server)}（内核放弃了；Node 自己不设连接超时）`,
        'Python：内核放弃时为 TimeoutError: [Errno 110] Connection timed out；套接字超时先到期时为 TimeoutError: timed out',
        'Java：内核放弃时为 java.net.ConnectException: Connection timed out；连接超时先到期时为 java.net.SocketTimeoutException: Connect timed out',
        `如果回来的是 ICMP 不可达，Linux 客户端的 connect() 会在 ICMP 到达时立即失败：curl: (7) Failed to connect to ${hostOf(c.server)} port ${c.port ?? '?'} after N ms: Couldn't connect to server（较旧的 curl 结尾是 No route to host）；Node.js：Error: connect EHOSTUNREACH ${nodeAddr(c.server)}${
          ipv6Connection(v)
            ? '；ip6tables 的 REJECT 默认回 ICMPv6 端口不可达，应用得到 ECONNREFUSED（Connection refused），抓包里却没有 RST；防火墙的 icmp6-adm-prohibited 则让应用得到 EACCES（Permission denied）'
            : '（网络不可达时为 ENETUNREACH）；iptables 的 REJECT 默认回 ICMP 端口不可达，应用得到 ECONNREFUSED（Connection refused），抓包里却没有 RST；“No route to host”常常来自防火墙的 icmp-host-prohibited，而不是路由问题'
        }`,
      ],
    },
    'reset-by-server': {
      headline: (v) => `${v.resetClass === 'suspect' ? '一个以服务端名义发出的 RST（可能是伪造的）' : '服务端'}${phaseWords(v.phase ?? 'mid-transfer', 'server', serverGotRequest(v.resetClass, v.resetEvidence))}复位了连接`,
      summary: (v, c) =>
        `${v.resetClass === 'suspect' ? `一个以服务端 ${c.server} 名义发出的 RST ` : `服务端 ${c.server} `}${phaseWords(v.phase ?? 'mid-transfer', 'server', serverGotRequest(v.resetClass, v.resetEvidence))}${v.resetClass === 'suspect' ? '' : '用 RST '}结束了连接，此前客户端发送了 ${v.bytes.c2s} 字节、服务端发送了 ${v.bytes.s2c} 字节${c.duration ? `，历时 ${c.duration}` : ''}。${
          v.resetClass === 'suspect'
            ? `它可能不是服务端自己发的：${forgeryClues(v.resetEvidence, 'server').join('；')}。`
            : evOf(v.resetEvidence, 'data-after-close')
              ? `服务端已经关闭（发出了 FIN），客户端却还在发送数据：服务端的 TCP 复位连接，表示这些数据丢失了（RFC 9293 §3.6.1）。${afterCloseWords(v.resetEvidence, 'server')}`
              : v.phase === 'after-request'
                ? evOf(v.resetEvidence, 'data-unacked')
                  ? '请求从未被确认，服务端没有回复而是复位了连接。'
                  : '请求已经到达服务端（它确认了请求），但它没有回复而是中止了连接：进程崩溃、异常导致套接字被关闭、SO_LINGER 0，或者代理拒绝了请求。'
                : v.phase === 'after-next-request'
                  ? unansweredWords(v.resetEvidence)
                : v.phase === 'after-close'
                  ? '此时关闭已经开始；这里的复位通常是一方在还有未读数据时关闭了套接字（RFC 9293 §3.6.1）。'
                  : v.phase === 'before-data'
                    ? '服务端接受了连接，却在任何数据之前就断开了：accept 队列溢出、TLS/访问控制拒绝，或代理没有可用的后端。'
                    : '服务端在传输途中中止：它的应用程序在还有未读数据时关闭了套接字、进程崩溃，或遇到了超时或限制（服务端本身或它前面的代理）。'
        }${serverRstCaveat(v.resetClass, v.resetEvidence)}`,
      nextStep: (v) =>
        evOf(v.resetEvidence, 'data-after-close') && v.resetClass !== 'suspect'
          ? afterCloseStep(evOf(v.resetEvidence, 'data-after-close')?.finAfterData ?? null)
          : v.phase === 'after-next-request' && v.resetClass !== 'suspect' && closedNotByIdleTimer(v.resetEvidence)
          ? '检查是什么让服务端在一次请求之后关闭连接（每个连接的请求数上限：nginx 的 keepalive_requests、Apache 的 MaxKeepAliveRequests、Node.js 的 server.maxRequestsPerSocket；每个连接只处理一个请求；重新加载或重启），以及这样的最后一个回复是否带有 Connection: close（RFC 9112 §9.6）；客户端应在新连接上（RFC 9112 §9.3.1）重试幂等请求（RFC 9110 §9.2.2）。'
          : v.phase === 'after-next-request' && v.resetClass !== 'suspect'
          ? '对照服务端的长连接限制（空闲超时和每个连接的请求数：nginx 的 keepalive_timeout 和 keepalive_requests，Apache 的 KeepAliveTimeout 和 MaxKeepAliveRequests，Node.js 的 server.keepAliveTimeout）检查客户端把空闲连接留作复用的时长：客户端应比服务端更早放弃空闲连接，或者在新连接上重试幂等请求。'
          : v.capturePoint === 'server'
          ? `查看服务端应用和代理在该时间点的日志（崩溃、超时、大小限制、带着未读数据的 close()）。${capturePointSure(v.capturePointEvidence) ? '本抓包是在服务端主机上抓的，所以这个 RST 就是从该主机发出的' : '如果本抓包是在服务端主机上抓的，这个 RST 就是从该主机发出的'}：路径上以服务端名义伪造的 RST 是发往客户端的，不会出现在这里；加 -v 时，初始 TTL（64/128/255，与服务端的其他报文相同）可以证实这一点。`
          : v.resetClass === 'suspect'
          ? '也在服务端用 -v 抓包：如果那里没有这个 RST，或者它的 TTL 不同，就是某个设备伪造的；如果有，再查看服务端应用和代理在该时间点的日志（崩溃、超时、大小限制、带着未读数据的 close()）。'
          : '查看服务端应用和代理在该时间点的日志（崩溃、超时、大小限制、带着未读数据的 close()）。要排除伪造的 RST，也在服务端用 -v 抓包：这个 RST 必须出现在那里，并带着服务端的 TTL。',
      appSaw: (v) =>
        v.phase === 'after-close'
          ? [
              v.firstFin === 'client'
                ? `这个复位对客户端没有影响：客户端已经先关闭了（它的 FIN 在前）${v.bytes.s2c === 0 ? '，而且没有收到任何响应字节：它报告的是让它放弃的原因，很可能是它自己的超时' : ''}。`
                : v.firstFin === 'server'
                  ? '从服务端的 FIN 起，客户端的 read() 返回 0（EOF）；在 Linux 上复位之后仍是如此，而复位之后的写入以 EPIPE 失败（Broken pipe；没有忽略 SIGPIPE 时还会收到这个信号）。'
                  : '复位之后的读或写会失败，报 ECONNRESET（"Connection reset by peer"）。',
              ...(v.firstFin === 'server' && evOf(v.resetEvidence, 'data-after-close')
                ? [
                    '请求经这样的连接发出的 HTTP 客户端收不到回复，只读到文件结束：curl 复用缓存的连接之前会先检查它，若连接在回复的第一个字节之前就断开，curl 会在新连接上重发请求（Curl_retry_request），重发也失败时才报 (52) Empty reply from server',
                    'Node.js：Error: socket hang up（code ECONNRESET；req.reusedSocket 为 true：幂等请求可以重试）',
                    "Python requests：requests.exceptions.ConnectionError: ('Connection aborted.', RemoteDisconnected('Remote end closed connection without response'))",
                  ]
                : []),
            ]
          : v.phase === 'after-next-request'
          ? [
              ...(v.retryAfterReset === null
                ? ['本抓包在 RST 之后没有新的连接：这个客户端没有用新连接重试（也可能用了另一条已打开的连接，或者抓包已经结束）。']
                : v.retryAfterReset !== undefined
                  ? [`RST 之后客户端随即向同一服务端开了新连接（${v.retryAfterReset}）：很可能是它在重试这个请求。`]
                  : []),
              'curl：只要重试成功就不报错：复用的连接在收到任何响应字节之前断开，curl 会在新连接上重发这个请求（Curl_retry_request；加 -v 可见 "Connection died, retrying a fresh connect"）；重试也失败时才报 (56) Recv failure: Connection reset by peer',
              '不重试的客户端：Node.js：Error: read ECONNRESET，或 Error: socket hang up（code ECONNRESET）（请求走的是复用的长连接时 req.reusedSocket 为 true：幂等请求可以重试）',
              "Python requests：requests.exceptions.ConnectionError: ('Connection aborted.', ConnectionResetError(104, 'Connection reset by peer'))",
              'Java：java.net.SocketException: Connection reset',
            ]
          : [
              v.phase === 'before-data'
                ? 'curl: (56) Recv failure: Connection reset by peer（如果还在发送数据，则为 (55) Send failure: Connection reset by peer）'
                : 'curl: (56) Recv failure: Connection reset by peer',
              'Node.js：Error: read ECONNRESET（如果还在发送数据，则为 write ECONNRESET 或 EPIPE）',
              'Python：ConnectionResetError: [Errno 104] Connection reset by peer',
              'Java：java.net.SocketException: Connection reset',
            ],
    },
    'reset-by-client': {
      headline: (v) => `${v.resetClass === 'suspect' ? '以客户端名义（可能是伪造的）' : '客户端'}${phaseWords(v.phase ?? 'mid-transfer', 'client')}中止了连接（RST）`,
      summary: (v, c) =>
        v.resetClass === 'suspect'
          ? `一个带着客户端 ${c.client} 地址的 RST ${phaseWords(v.phase ?? 'mid-transfer', 'client')}结束了连接，但它可能不是客户端自己发的：${forgeryClues(v.resetEvidence, 'client').join('；')}。`
          : evOf(v.resetEvidence, 'data-after-close')
            ? `客户端 ${c.client} 已经关闭（发出了 FIN），服务端却还在发送数据：客户端的 TCP 复位连接，表示这些数据丢失了（RFC 9293 §3.6.1）。`
            : `客户端 ${c.client} ${phaseWords(v.phase ?? 'mid-transfer', 'client')}用 RST 结束了连接${c.duration ? `（连接开始后 ${c.duration}）` : ''}：它的应用程序在还有未读数据时关闭了套接字（RFC 9293 §3.6.1；进程在数据未读时崩溃或退出也是如此），或设置了 SO_LINGER 0（常见于它自己的超时）。内核自己发这种 RST 主要是在保活探测无人应答、保活放弃时（tcp_keepalive_timer；设置了 TCP_USER_TIMEOUT 时，是在超过这个时间之后）；此外，对应用程序已经关闭的（孤儿）套接字，孤儿套接字过多或内存不足时内核也会发出（tcp_out_of_resources）；重传超时放弃时 Linux 不发 RST（tcp_write_err）。`,
      nextStep: (v, c) => {
        // 在客户端主机上，要看的是这个 RST 在不在：以客户端名义伪造的 RST 是发往服务端的（recheck 9b P1）。
        const here = '这个 RST 就是从该主机发出的：路径上以客户端名义伪造的 RST 是发往服务端的，不会出现在这里；加 -v 时，初始 TTL（64/128/255，与客户端的其他报文相同）可以证实这一点。';
        const atClient = v.capturePoint !== 'client' ? null : capturePointSure(v.capturePointEvidence) ? `本抓包是在客户端主机上抓的，所以${here}` : `如果本抓包是在客户端主机上抓的，${here}`;
        // 可能是伪造的：先查伪造（recheck 9b P3），与服务端一侧相同。
        if (v.resetClass === 'suspect')
          return `在客户端主机本身用 -v 抓包（除非本抓包就是在那里抓的）：如果那里没有这个 RST，就是路径上的某个设备伪造的；如果有，就是客户端自己中止了连接：查看客户端应用的日志和超时设置，并检查它的进程是否退出。${atClient ?? ''}`;
        return `${clientAbortStep(v.resetEvidence, c.duration, v.capturePoint === 'server' && v.handshakeRtt?.at === 'server' ? v.handshakeRtt.seconds : null)}${atClient ?? '要排除伪造的 RST，在客户端用 -v 抓包：这个 RST 必须出现在那里，并带着客户端的 TTL。'}`;
      },
      appSaw: (v) =>
        evOf(v.resetEvidence, 'data-after-close')
          ? ['客户端应用程序早已关闭了套接字：它什么也看不到', '服务端应用如果还在读写：读取返回 0（客户端的 FIN 先到），在 Linux 上写入以 EPIPE 失败（Broken pipe；没有忽略 SIGPIPE 时还会收到这个信号）']
          : [
              '客户端报告的是它自己的原因（如果有的话）：超时（curl: (28) Operation timed out after … milliseconds with … bytes received；Node.js 为 ETIMEDOUT（自己设置的超时），abort() 之后则是 "socket hang up"（响应开始前）或 "aborted"（响应过程中）；Python 为 TimeoutError；Java 为 java.net.SocketTimeoutException: Read timed out）、输出写不出去（curl: (23) Failure writing output to destination）、用户取消（Ctrl-C），或者它是有意停止的，根本不报错',
              '如果服务端应用还在读写，它会看到 ECONNRESET / "Connection reset by peer"（之后再写则是 EPIPE / Broken pipe，没有忽略 SIGPIPE 时还会收到这个信号）',
            ],
    },
    'reset-no-connection': {
      headline: (v) => `复位：${v.resetBy ? side[v.resetBy] : '发送方'}已经没有这个连接了`,
      summary: (v, c) => {
        const by = v.resetBy ?? 'server';
        return `${side[by]} ${by === 'server' ? c.server : c.client} 用无连接形式的 RST 回应了${side[other(by)]}的报文段（不带 ACK 位，序列号 = 那个报文段的确认号，RFC 9293 §3.10.7.1）：它这一端已经是 CLOSED。${noConnectionContext(v.resetEvidence, by, null)}${ipConsistency(v.resetEvidence, by, 'no-connection')}`;
      },
      nextStep: (v) => {
        const by = v.resetBy ?? 'server';
        const had = evOf(v.resetEvidence, 'had-connection');
        if (had && had.what === 'rst')
          return `如果第 ${had.line} 行的 RST 确实是从${side[by]}发出的（在${side[by]}用 -v 抓包确认），${side[by]}那时就已中止，这个 RST 是它无连接时的回应；否则再查是什么让它丢失了连接：在${side[by]}一侧用 -v 抓包（是否有更早的 RST 到达那里，它的 TTL 是否与${side[other(by)]}的相同；伪造的会不同），检查${side[by]}主机或进程是否重启过，以及路径上 NAT、conntrack 或防火墙的空闲超时。`;
        return `找出是什么让${side[by]}${had ? `在它的${segmentWord[had.what]}（第 ${had.line} 行${had.nth !== null ? `第 ${had.nth} 个报文` : ''}）之后` : ''}丢失了连接：在${side[by]}一侧用 -v 抓包（是否有更早的 RST 到达那里，它的 TTL 是否与${side[other(by)]}的相同；伪造的会不同），检查${side[by]}主机或进程是否重启过，以及路径上 NAT、conntrack 或防火墙的空闲超时。`;
      },
      appSaw: (v) =>
        (v.resetBy ?? 'server') === 'server' && v.firstFin === 'client'
          ? [
              `这个复位对客户端没有影响：客户端已经先关闭了（它的 FIN 在前）${v.bytes.s2c === 0 ? '，而且没有收到任何响应字节：它报告的是让它放弃的原因，很可能是它自己的超时' : ''}；如果客户端只关闭了发送方向、仍在读取，它会得到 ECONNRESET。`,
            ]
          : (v.resetBy ?? 'server') === 'server'
          ? [
              `客户端的下一次读取以 ECONNRESET 失败：curl: (56) Recv failure: Connection reset by peer${OLD_CURL_56}`,
              'Node.js：Error: read ECONNRESET',
              'Python：ConnectionResetError: [Errno 104] Connection reset by peer',
              'Java：java.net.SocketException: Connection reset',
            ]
          : [
              `服务端应用在这个套接字上的下一次读写以 ECONNRESET / "Connection reset by peer" 失败；${
                evOf(v.resetEvidence, 'had-connection')?.what === 'rst'
                  ? `在这个 RST 之前客户端就已经不再有这个连接（因为第 ${evOf(v.resetEvidence, 'had-connection')?.line} 行它自己的中止，或者连接丢失）。`
                  : '客户端早已丢失连接，并在那时报告了自己的错误。'
              }`,
            ],
    },
    'reset-forged': {
      headline: (v) =>
        v.resetConfidence === 'certain'
          ? `伪造的复位：${v.resetBy ? side[v.resetBy] : '声称的发送方'}并没有发出它`
          : `复位很可能是伪造的：多半不是${v.resetBy ? side[v.resetBy] : '声称的发送方'}发出的`,
      summary: (v, c) => {
        const by = v.resetBy ?? 'server';
        const peer = other(by);
        const talked = evOf(v.resetEvidence, 'keeps-talking');
        const reject = evOf(v.resetEvidence, 'reject-form');
        const when = reject ? `紧跟在${side[peer]}第 ${reject.line} 行的${segmentWord[reject.what].trim()}之后、作为对它的回应` : phaseWords(v.phase ?? 'mid-transfer', by);
        return `一个带着${side[by]} ${by === 'server' ? c.server : c.client} 地址的 RST ${when}结束了连接，但${forgeryClues(v.resetEvidence, by).join('；')}。${v.resetConfidence === 'certain' ? '是' : '很可能是'}路径上的某个设备（防火墙、IPS、NAT、负载均衡）以${side[by]}的名义发出的。${rejectShape(v.resetEvidence, by)}${side[peer]}接受了它并关闭了自己这一端${talked ? `；${side[by]}并不知情，继续发送，直到${side[peer]}用自己的 RST 回应它（此时它已经没有这个连接了）` : ''}。`;
      },
      nextStep: (v) => {
        const by = v.resetBy ?? 'server';
        return `找出这个设备：在两端都用 -v 抓包，把这个 RST 的 TTL 和 IP id 与${side[by]}的报文比较（${side[by]}自己的抓包里${v.resetConfidence === 'certain' ? '根本没有' : '应当没有'}这个 RST）；然后检查两端之间的防火墙、IPS、NAT 和负载均衡（TCP 复位规则、被拒绝的回包、空闲超时）。`;
      },
      appSaw: (v) => {
        const by = v.resetBy ?? 'server';
        const talked = evOf(v.resetEvidence, 'keeps-talking');
        const claimed = side[by];
        const later = talked
          ? `${claimed}仍然保有这个连接：它在第 ${talked.line} 行发出的${talked.what === 'fin' ? ' FIN' : talked.what === 'data' ? '数据' : ' ACK'}招来了${side[other(by)]}的 RST`
          : evOf(v.resetEvidence, 'reject-form')?.firstCopy != null
            ? `${claimed}可能也被复位了，也可能没有：REJECT 规则只回应被拒绝报文段的发送方，IPS 常常会复位两端；在${claimed}一侧抓包就能看出（本次抓包里没有再出现${claimed}的报文段）`
            : evOf(v.resetEvidence, 'reject-form')
            ? `REJECT 规则只回应被拒绝报文段的发送方：${claimed}很可能没有被复位，仍保留着这条连接，直到它自己的超时（本次抓包里没有再出现${claimed}的报文段）`
            : `有些注入设备（IPS）会同时复位两端；如果${claimed}也被复位了，它的下一次读或写会以 ECONNRESET 失败（本次抓包里没有再出现${claimed}的报文段）`;
        if (by === 'server')
          return [
            `客户端看到的是一个普通的复位，尽管服务端${v.resetConfidence === 'certain' ? '从未' : '很可能从未'}发出它：curl: (56) Recv failure: Connection reset by peer${OLD_CURL_56}；Node.js：Error: read ECONNRESET；Python：ConnectionResetError: [Errno 104] Connection reset by peer；Java：java.net.SocketException: Connection reset`,
            later,
          ];
        if (talked && talked.what === 'fin' && talked.unreceived > 0)
          return [
            `服务端应用看到 ECONNRESET / "Connection reset by peer"，尽管客户端${v.resetConfidence === 'certain' ? '从未复位' : '很可能从未发出它'}`,
            `客户端从未收到服务端的 ${talked.unreceived} 字节：它没有等到回答，在自己的超时到期后放弃并关闭了连接（第 ${talked.line} 行的 FIN${talked.seconds !== null ? `，在 RST 之后 ${seconds(talked.seconds)}` : ''}），例如 curl: (28) Operation timed out after N milliseconds with ${talked.unreceived === v.bytes.s2c ? '0' : 'N'} bytes received。之后服务端的 RST 到达的是一个应用程序早已关闭的套接字（FIN_WAIT_1）：不会再报告任何错误。`,
          ];
        return [
          `服务端应用看到 ECONNRESET / "Connection reset by peer"，尽管客户端${v.resetConfidence === 'certain' ? '从未复位' : '很可能从未发出它'}`,
          talked ? `${later}，随后它的应用程序以 ECONNRESET 失败（curl: (56) Recv failure: Connection reset by peer；${OLD_CURL_56.slice(1, -1)}）` : later,
        ];
      },
    },
    'idle-reset': {
      headline: () => '长时间空闲后被复位',
      summary: (v, c) =>
        v.resetClass === 'abort' && evOf(v.resetEvidence, 'timestamps-continue')
          ? `${v.resetBy !== null && v.capturePoint === v.resetBy && capturePointSure(v.capturePointEvidence)
              ? `${c.client} 与 ${c.server} 之间的连接空闲了很久，随后被${side[v.resetBy]}自己的 TCP 复位：这个 RST 是从本机发出的，并延续了它的时间戳（防火墙 REJECT 生成的复位不带任何 TCP 选项）。`
              : v.resetBy === 'client'
                ? `${c.client} 与 ${c.server} 之间的连接空闲了很久，随后被客户端地址上的 TCP 端点复位（这个 RST 延续了该端点的时间戳，而防火墙 REJECT 生成的复位不带任何 TCP 选项）：可能是客户端本身，也可能是替它终结 TCP 的正向代理；只有在客户端一侧用 -v 抓包才能确定。`
                : `${c.client} 与 ${c.server} 之间的连接空闲了很久，随后被${v.resetBy ? side[v.resetBy] : '对方'}地址上的 TCP 端点复位（这个 RST 延续了该端点的时间戳，而防火墙 REJECT 生成的复位不带任何 TCP 选项）：可能是${v.resetBy ? side[v.resetBy] : '对方'}本身，也可能是它前面终结 TCP 的代理或负载均衡器；只有在${v.resetBy ? side[v.resetBy] : '对方'}一侧用 -v 抓包才能确定。`}它的应用程序的空闲超时以中止方式关闭了连接（SO_LINGER 0，或在还有未读数据时 close()）；普通的 close() 会发出 FIN。从连接池里复用这个连接的客户端，下一个请求就会失败。`
          : `${c.client} 与 ${c.server} 之间的连接空闲了很久，随后被${v.resetBy ? side[v.resetBy] : '对方'}复位：服务端、负载均衡、NAT 或防火墙因空闲超时丢弃了它。从连接池里复用这个连接的客户端，下一个请求就会失败。`,
      nextStep: (v) => {
        const idle = v.problems.find((p) => p.code === 'silence');
        return v.resetClass === 'abort' && evOf(v.resetEvidence, 'timestamps-continue')
          ? `让客户端连接池的空闲超时短于${v.resetBy ? side[v.resetBy] : '对端'}的空闲超时${idle !== undefined ? `（这里是 ${seconds(idle.seconds)}）` : ''}；开启 TCP 保活无济于事，因为保活探测永远到不了${v.resetBy ? side[v.resetBy] : '对端'}的应用程序；对幂等请求在 ECONNRESET 时重试。`
          : '让客户端连接池的空闲超时短于服务端或负载均衡的空闲超时；对付 NAT 或防火墙的空闲超时，TCP 保活（keep-alive）也有用（探测能让路径上的状态保持新鲜，但到不了应用程序）；对幂等请求在 ECONNRESET 时重试。';
      },
      appSaw: () => [
        'curl 以及复用前会检查空闲连接的连接池，通常会发现它已失效并新建连接：没有报错',
        `当时正在等待回复的客户端：curl: (56) Recv failure: Connection reset by peer${OLD_CURL_56}`,
        '仍然在这个连接上写数据的客户端：Node.js：Error: write ECONNRESET（读取时为 read ECONNRESET）；Python：ConnectionResetError: [Errno 104] Connection reset by peer；Java：java.net.SocketException: Connection reset',
      ],
    },
    'keepalive-timeout': {
      headline: (v) => `保活超时：${v.resetBy ? side[v.resetBy] : '探测方'}的内核放弃了一个没有回应的连接`,
      summary: (v, c) => {
        const by = v.resetBy ?? 'client';
        const k = v.keepAlive;
        const n = k !== null ? k.gaveUpAfter : 0;
        return `${side[by]} ${by === 'client' ? c.client : c.server} 连续发送了 ${n} 个保活探测，都没有得到它能收到的回应，随后复位了连接：它的内核在达到保活探测次数（Linux tcp_keepalive_probes）后放弃，并向应用程序报告 ETIMEDOUT。${
          k !== null && k.returnPathBroken
            ? `本次抓包显示${side[other(by)]}其实回应了，但${side[by]}的时间戳回显一直没有变化，说明回应没有到达：返回路径已断${
                keepAliveSteady(v)
                  ? `。此前的回应到达过，探测间隔最多 ${seconds((k as { probeEvery: number }).probeEvery)}，所以不是空闲超时清除了连接：路径突然发生了变化（路由变化、conntrack/NAT 表被清空或单向过滤）。`
                  : '，通常是 NAT 或有状态防火墙清除了这个空闲连接的状态，或者路由发生了变化。'
              }`
            : k !== null && k.answered > 0 && k.probeEvery !== null
              ? `本次抓包中最后 ${n} 个探测都没有回应，而此前的探测得到过回应，探测间隔最多 ${seconds(k.probeEvery)}：${side[other(by)]}已经宕掉，或者路径突然中断（路由变化、conntrack/NAT 表被清空或单向过滤）。空闲超时的可能性很小，因为保活探测一直在经过这条路径。`
              : `本次抓包中没有任何回应：${side[other(by)]}已不在（崩溃、断电、地址迁移），或者途中的 NAT 或防火墙忘掉了这个空闲连接，丢弃了单向或双向的报文。`
        }`;
      },
      nextStep: (v) => {
        const by = v.resetBy ?? 'client';
        return v.keepAlive !== null && v.keepAlive.returnPathBroken
          ? keepAliveSteady(v)
            ? `${side[other(by)]}→${side[by]}方向在保活探测间隔最多 ${seconds((v.keepAlive as { probeEvery: number }).probeEvery)}的情况下突然中断：检查路由变化、conntrack/NAT 表被清空或单向过滤。`
            : '找出两端之间清除了连接状态的设备（NAT、防火墙或负载均衡的空闲超时），让保活探测比它的超时更频繁（TCP_KEEPIDLE、net.ipv4.tcp_keepalive_time），或调大它的超时。'
          : v.capturePoint === other(by)
            ? `本次抓包在${side[other(by)]}上进行，它没有收到探测：找出途中丢弃这个空闲连接报文的设备（NAT、防火墙或负载均衡的空闲超时），让保活探测比它的超时更频繁（TCP_KEEPIDLE）。`
            : `同时在${side[other(by)]}上抓包（tcplain pair）：如果它回应了探测，说明回应在返回途中丢失（返回路径中断：路由变化、单向过滤，或 NAT、防火墙丢掉了连接状态）；如果探测根本没到，说明去程丢失或对方主机已不在。`;
      },
      appSaw: (v) => {
        const by = v.resetBy ?? 'client';
        return [
          `${side[by]}的应用程序：下一次对该套接字的调用得到 ETIMEDOUT（并不是它自己设置的超时）：curl: (56) Recv failure: Connection timed out；Node.js：Error: read ETIMEDOUT；Python：TimeoutError: [Errno 110] Connection timed out；Java：java.net.SocketException: Connection timed out`,
          `${side[other(by)]}的应用程序：如果 RST 到达了它，下一次读写会得到 ECONNRESET（Connection reset by peer）；否则在它写数据之前什么也不会发生。`,
        ];
      },
    },
    'half-closed': {
      headline: (v) => `半关闭：只有${halfCloser(v) ? side[halfCloser(v) as Side] : '一方'}发送了 FIN`,
      summary: (v) => {
        const closer = halfCloser(v);
        if (!closer)
          return v.excerpts === true
            ? '只有一个方向用 FIN 关闭了，在显示的行中没有另一方的 FIN。'
            : '到抓包结束时只有一个方向用 FIN 关闭了，另一方还没有关闭。';
        return `${side[closer]}发送了 FIN（没有更多数据要发了），${
          v.excerpts === true ? `但在显示的行中没有${side[other(closer)]}的 FIN。` : `但到抓包结束时${side[other(closer)]}还没有关闭它的方向。`
        }${
          closer === 'server'
            ? '客户端的 read() 返回 0（EOF）；如果它一直不关闭，说明它的应用程序没有调用 close()（停留在 CLOSE_WAIT）。'
            : '服务端还可以发送数据（客户端若只关闭了发送方向会照常读取，若已关闭套接字则回 RST）；如果它一直不关闭，说明服务端应用程序没有调用 close()（服务端停留在 CLOSE_WAIT）。'
        }`;
      },
      nextStep: (v) =>
        halfCloser(v) === 'client'
          ? '检查服务端应用程序：大量 CLOSE_WAIT 连接（ss -tan state close-wait）说明它忘了关闭连接。'
          : '检查客户端应用程序：read() 返回 0（EOF）后必须关闭套接字；大量 CLOSE_WAIT 连接（ss -tan state close-wait）说明存在连接泄漏。',
      appSaw: (v) =>
        halfCloser(v) === 'server'
          ? v.bytes.s2c === 0
            ? ['curl: (52) Empty reply from server：服务端还没发送任何字节就用 FIN 关闭了连接', ...EMPTY_REPLY]
            : [`没有报错：客户端读完服务端的 ${v.bytes.s2c} 字节之后，read() 返回 0（EOF）；客户端还没有关闭自己的方向。`]
          : [
              v.bytes.s2c > 0
                ? `客户端暂时没有报错：收到 ${v.bytes.s2c} 字节之后，它要么只关闭了发送方向（shutdown(SHUT_WR)）仍在读取，要么已经关闭了套接字；${CLOSED_ORPHAN}服务端的下一次 read() 返回 0（EOF）。`
                : `客户端暂时没有报错：它已发送完毕，要么只关闭了发送方向（shutdown(SHUT_WR)）等着读取回复，要么已经关闭了套接字；${CLOSED_ORPHAN}服务端的下一次 read() 返回 0（EOF）。`,
            ],
    },
    open: {
      headline: (v) =>
        v.evictedAt !== undefined
          ? 'tcplain 停止跟踪时连接仍然打开'
          : v.excerpts === true
            ? '显示的行中没有 FIN 或 RST（到此为止仍然打开）'
            : '抓包结束时连接仍然打开',
      summary: (v) =>
        `到目前为止客户端发送 ${v.bytes.c2s} 字节、服务端发送 ${v.bytes.s2c} 字节，没有 FIN 也没有 RST：这是一个长连接（keep-alive、流式传输），${v.excerpts === true ? '或者这段文本只贴出了抓包的一部分（文章摘录）' : '或者抓包停得太早'}。`,
      nextStep: (v) =>
        v.excerpts === true ? '如果这是摘录，原始抓包的后续部分可能显示连接的结束；否则请抓更长时间。' : '如果你预期连接会结束，请抓更长时间。',
      appSaw: () => ['TCP 层面没有问题：暂无错误。'],
    },
    incomplete: {
      headline: () => '不完整：抓包只看到了这个连接的一小部分',
      summary: (v) => (v.excerpts === true ? '这段文本里没有握手，无法对整个连接下结论。' : '抓包中没有三次握手，无法对整个连接下结论。'),
      nextStep: () => '先启动 tcpdump，再让客户端发起连接，然后重现问题。',
      appSaw: (v) => [v.excerpts === true ? '从这些行无法得知。' : '从这次抓包无法得知。'],
    },
  },
  problems,
  verdictBlock: {
    head: (c) => `连接 ${c.conn} ${c.client} → ${c.server}：${c.headline}`,
    next: '下一步：',
    appSaw: '应用程序看到的：',
    stats: (v, c) =>
      `${v.packets.c2s + v.packets.s2c} 个报文（→ ${v.packets.c2s}，← ${v.packets.s2c}），→ ${v.bytes.c2s} 字节 / ← ${v.bytes.s2c} 字节${c.duration ? `，${c.duration}` : '，时长未知'}；Zeek conn_state ${v.connState}，history ${v.history || '-'}`,
    roleGuessed: '没有看到 SYN，客户端和服务端是根据端口号推测的',
    aside: (text) => `（${text}）`,
    evicted: (line) => `为了限制内存，tcplain 在第 ${line} 行停止跟踪这个连接：同时打开的连接太多，而它空闲的时间最长`,
    limits: (limits) => {
      const what = {
        'no-ttl': '究竟是谁发送了 RST（tcpdump -v 会打印每个报文的 TTL 和 IP id）',
        'no-time': '任何时间信息（重传定时器还是探测、停滞和空闲时长），因为这段文本没有时间戳',
        'no-time-flag': '任何时间信息（重传定时器还是探测、停滞和空闲时长），因为 tcpdump 用了 -t，没有打印时间戳（去掉 -t）',
        'no-date': '日期，无法与日志对照（tcpdump -tttt 会打印日期）',
        snaplen: '完整的报文头，部分报文被快照长度截断 [|tcp]（tcpdump -s 0 保留完整报文）',
        'incomplete-capture':
          '缺失的报文段是否真的丢了：tcpdump 的统计显示抓包本身丢了报文（dropped by kernel），所以这份抓包不完整，缺口可能只是没抓到',
        'unprinted-at-end':
          '抓包是怎样结束的：tcpdump 的统计中 received by filter 多于 captured，而内核没有丢弃报文：多出的是 tcpdump 停止时还在缓冲区里的最后几个报文，所以某个连接的最后几个报文可能缺失（中间的缺口不是抓包造成的）',
      };
      const rest = limits.filter((l) => l !== 'relative-only');
      const rel = limits.includes('relative-only') ? '这段文本里没有握手，无法把相对序列号（seq 1）换算成绝对值（tcpdump -S 会打印绝对值）。' : '';
      return rel + (rest.length > 0 ? `这份文本无法显示${rest.map((l) => what[l as keyof typeof what]).join('；也无法显示')}。` : '');
    },
    capturePoint: (v) => {
      const at = v.capturePoint;
      const g = v.handshakeGaps;
      const g1 = g === null ? '' : `（${seconds(g.synToSynAck)}）`;
      const g2 = g === null ? '' : `（${seconds(g.synAckToAck)}）`;
      const gaps = g === null ? '' : `（SYN → SYN-ACK ${seconds(g.synToSynAck)}，SYN-ACK → ACK ${seconds(g.synAckToAck)}）`;
      const karn = v.handshakeResent === true;
      const tail = karn ? 'SYN 和 SYN-ACK 都发了不止一次，无法判断哪个 SYN-ACK 回应哪个 SYN，所以握手给不出往返时间（RFC 6298 §3）。' : '';
      if (at === null)
        return g === null
          ? ''
          : karn
            ? '握手的时序无法确定抓包位置：SYN 和 SYN-ACK 都发了不止一次，无法判断哪个 SYN-ACK 回应哪个 SYN，所以握手给不出往返时间（RFC 6298 §3）。'
            : `握手的时序无法确定抓包位置${gaps}：两个间隔都不明显是往返时间（至少是另一个的两倍且长 0.02 毫秒以上）；路径这么短时，主机自身的响应时间与往返时间相差无几，任何一个间隔都可能只是某一端自身的响应时间。`;
      const ev = v.capturePointEvidence;
      if (ev.includes('forwarded-copies') && v.routed !== undefined) return routedWords(v.routed);
      if (at !== 'between' && ev.includes('interface-direction'))
        return `抓包位于${side[at]}主机上：-i any 把它自己的报文标为 Out，把${side[other(at)]}的报文标为 In。${tail}`;
      if (ev.includes('ttl'))
        return (at === 'between'
          ? '抓包位于客户端和服务端之间：双方报文到达时的 TTL 都低于任何初始值（-v），说明都经过了路由器。'
          : `抓包位于${side[at]}：它的报文带着初始 TTL（64/128/255），而${side[other(at)]}的报文到达时更低（-v）。`) + tail;
      if (karn)
        return (at === 'between'
          ? `抓包很可能位于客户端和服务端之间：SYN→SYN-ACK 与 SYN-ACK→ACK 两个间隔大小相近${gaps}。`
          : at === 'client'
            ? `抓包很可能位于客户端或其附近：ACK 紧随 SYN-ACK${g2}。`
            : `抓包很可能位于服务端或其附近：SYN-ACK 紧随 SYN${g1}。`) + tail;
      return at === 'between'
        ? `抓包很可能位于客户端和服务端之间：SYN→SYN-ACK 与 SYN-ACK→ACK 两个间隔大小相近${gaps}，各是到一端的往返时间。`
        : at === 'client'
          ? `抓包很可能位于客户端或其附近：SYN 之后经过一个往返时间才收到 SYN-ACK${g1}，而 ACK 紧随其后${g2}：是客户端自己的协议栈作答。`
          : `抓包很可能位于服务端或其附近：SYN 到 SYN-ACK 的间隔${g1}不到 SYN-ACK 到 ACK 间隔${g2}的一半：服务端自己的协议栈作答，ACK 则要穿过路径。`;
    },
    routed: routedWords,
  },
  record: {
    noKernelDrops,
    capturedCount,
    commandReadBack: (file) => `要让 tcplain 解释这个文件，请把它读回成文本：tcpdump -nn -tttt -S -r ${file} | tcplain`,
    meta: {
      command: (r) => {
        const line = r.argv && r.argv.length ? `：tcpdump ${r.argv.join(' ')}` : '';
        const w = r.options?.['w'];
        if (w !== undefined) return `这条 tcpdump 命令用 -w 把报文写进了文件${w === true ? '' : ` ${w}`}，没有打印出来，所以这里的报文行都不是它输出的${line}。`;
        return `生成这份抓包的 tcpdump 命令${line}。`;
      },
      listening: (r) =>
        `tcpdump 正在${r.iface === 'any' ? '所有网卡上（-i any）' : ` ${r.iface ?? '某个网卡'} 上`}实时抓包${r.linkType ? `，链路类型 ${r.linkType}` : ''}${r.snaplen !== null ? `，每个报文最多保留 ${r.snaplen} 字节（快照长度）` : ''}。`,
      reading: (r) => `tcpdump 正在读取保存的抓包文件${r.savefile ? `（${r.savefile}）` : ''}${r.linkType ? `，链路类型 ${r.linkType}` : ''}${r.snaplen !== null ? `，快照长度 ${r.snaplen}` : ''}。`,
      tshark: () => 'tshark 的单行摘要，不是 tcpdump 的文本输出：tcplain 不分析它。请把抓包文件本身交给 tcplain（它会替你运行 tcpdump），或运行 tcpdump -r FILE -nn -tttt -v -S | tcplain。',
      suppressed: () => 'tcpdump 每个报文只打印一行摘要；加 -v 或 -vv 可以看到 IP 头字段、校验和以及更多协议细节。',
      stats: (r) => {
        const n = r.count ?? 0;
        switch (r.stat) {
          case 'captured':
            return capturedCount(n, null);
          case 'received':
            return `${n} 个报文匹配了过滤条件。`;
          case 'dropped-kernel':
            return n > 0 ? `内核丢弃了 ${n} 个报文：抓包没跟上，这份抓包中的缺口可能是抓包造成的，而不是网络。` : noKernelDrops(-1, -1);
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
      i: (v) =>
        v === 'any' ? '-i any：同时在所有网卡上抓包（Linux 的“any”，cooked 模式：没有以太网头，不开混杂模式）' : `-i${v === true ? '' : ` ${v}`}：在这个网卡上抓包`,
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
    commandFilter: (filter) => `过滤条件：只抓匹配“${filter}”的报文。`,
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
    tsharkAgain: () => 'tshark 的摘要行：不分析（见第一条这样的行）。',
    unparsed: (reason) => `无法解析，按原样显示：${reason}。`,
    lateDump: (line) => `第 ${line} 行报文的十六进制转储（-x/-X），在该报文显示之后才到达 tcplain：它属于该报文，不是报文之间的文字。`,
    tooLong: (chars, limit) => `行过长（${chars} 个字符，超过 tcplain 解析的上限 ${limit}）：远超 tcpdump 打印的任何一行；按原样显示，未解析。`,
    wrapCut: (line, width) =>
      `未读取：终端${width > 0 ? `按 ${width} 列` : ''}在第 ${line} 行之前的两个数字之间折行，可能把一个数字截成两段或丢了一个空格；为免猜错，本行的字段一律不用。请从更宽的终端重新复制（或用 tmux \`capture-pane -J\`）以便读取。`,
  },
  twins: {
    head: '同一个连接，两份记录',
    twin: (t) => {
      const c = t.clientView;
      const s = t.serverView;
      const ev: string[] = [];
      if (t.isns.length === 2) ev.push(`两个方向的初始序列号（ISN）都相同（${t.isns[0]} 和 ${t.isns[1]}）`);
      else if (t.isns.length === 1) ev.push(`初始序列号（ISN）相同（${t.isns[0]}）`);
      if (t.sameTs > 0) ev.push(`${t.sameTs} 个报文段的 TS val、ecr、标志和长度都相同`);
      if (t.gap !== null)
        ev.push(`其中客户端发出的第一个在服务端抓包里比在客户端抓包里${t.gap >= 0 ? '晚' : '早'} ${seconds(Math.abs(t.gap))}（两台机器的时钟差加上单程时延）`);
      const map: string[] = [];
      map.push(sameEndpoint(c.client, s.client) ? `客户端在两端都是 ${endpointKey(c.client)}` : `客户端 ${endpointKey(c.client)} 在服务端一侧显示为 ${endpointKey(s.client)}`);
      map.push(
        sameEndpoint(c.server, s.server)
          ? `服务端在两端都是 ${endpointKey(c.server)}`
          : `客户端访问的 ${endpointKey(c.server)} 在服务端自己的抓包里是 ${endpointKey(s.server)}`,
      );
      const nat = !sameEndpoint(c.client, s.client) || !sameEndpoint(c.server, s.server);
      return (
        `连接 ${c.conn}（第 ${c.firstLine}–${c.lastLine} 行）和 ${s.conn}（第 ${s.firstLine}–${s.lastLine} 行）是同一个连接${nat ? '经过 NAT ' : ''}在两端被抓到的两份记录，不是两个连接：${ev.join('；')}。` +
        (t.sidesKnown
          ? `${c.conn} 抓自客户端，${s.conn} 抓自服务端。`
          : `无法判断哪一份抓自客户端（没有握手时间或 TTL 可以说明）：暂把 ${c.conn} 当作客户端一侧。`) +
        `${nat ? '地址映射：' : ''}${map.join('；')}。` +
        (t.mss.syn !== null || t.mss.synAck !== null
          ? `路径上改写了 MSS（${[
              t.mss.syn !== null ? `SYN ${t.mss.syn.sent}→${t.mss.syn.received}` : null,
              t.mss.synAck !== null ? `SYN-ACK ${t.mss.synAck.sent}→${t.mss.synAck.received}` : null,
            ]
              .filter((x) => x !== null)
              .join('，')}）：有中间设备做 MSS 钳制。`
          : '')
      );
    },
    pairHint: (c) => `要把两份记录对照着看，用下面的命令把输入拆成两份抓包再配对${c.cut ? '（每个连接只保留前 400 行）' : ''}：`,
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
