// Simplified Chinese wording of `tcplain pair`: cross-capture findings, pair verdicts, evidence and timeline labels.

import type { FlowDir, Side } from '../../model';
import type { ConnectionPair, CorrFinding, InjectionEvidence, RunPosition, SegmentRole } from '../../correlate';
import { lostRuns, pairDuration, splitZone, type PairCatalog } from './pair-en';

const seconds = (s: number): string => {
  const { value, unit } = pairDuration(s);
  return `${value} ${unit === 'µs' ? '微秒' : unit === 'ms' ? '毫秒' : '秒'}`;
};
const zoneText = (zone: number): string => {
  const m = Math.abs(zone) / 60;
  return m % 60 === 0 ? `${m / 60} 小时` : `${Math.floor(m / 60)} 小时 ${m % 60} 分钟`;
};
const side: Record<Side, string> = { client: '客户端', server: '服务端' };
const from = (d: FlowDir): string => (d === 'c2s' ? '客户端' : '服务端');
const to = (d: FlowDir): string => (d === 'c2s' ? '服务端' : '客户端');
const toward = (d: FlowDir): string => (d === 'c2s' ? '发往服务端方向' : '发往客户端方向');

/** 中文量词：`3 个保活回复`；一个时只说名词。 */
const n = (k: number, noun: string, unit = '个'): string => (k === 1 ? noun : `${k} ${unit}${noun}`);
const role: PairCatalog['role'] = {
  syn: (k) => n(k, 'SYN'),
  'syn-ack': (k) => n(k, 'SYN-ACK'),
  data: (k) => n(k, '数据报文段'),
  retransmission: (k) => n(k, '重传报文'),
  ack: (k) => n(k, 'ACK'),
  fin: (k) => n(k, 'FIN'),
  rst: (k) => n(k, 'RST'),
  'keep-alive': (k) => n(k, '保活探测'),
  'keep-alive-ack': (k) => n(k, '保活回复'),
  'window-probe': (k) => n(k, '零窗口探测'),
  segment: (k) => n(k, '报文段'),
};

const runStart = (p: RunPosition, k: number, r: SegmentRole): string => {
  const what = role[r](k);
  if (p === 'end') return `最后${k === 1 ? '一个' : ' '}${what}`;
  if (p === 'start') return `最初${k === 1 ? '一个' : ' '}${what}`;
  return k === 1 ? `一个${what}` : what;
};

const lines = (ls: readonly number[]): string =>
  ls.length <= 6 ? `第 ${ls.join('、')} 行` : `第 ${ls.slice(0, 5).join('、')} … ${ls[ls.length - 1]} 行`;

const optionName = { mss: 'MSS', wscale: '窗口缩放（wscale）', sackOK: 'SACK 许可', ts: '时间戳', sack: 'SACK' } as const;

function evidence(e: InjectionEvidence): string[] {
  const out: string[] = [];
  if (e.ttl) {
    out.push(`它的 TTL 是 ${e.ttl.seen}（距发送者 ${e.ttl.seenHops} 跳），而对端真实报文到达时 TTL 是 ${e.ttl.peer}（${e.ttl.peerHops} 跳）：它来自别处`);
  }
  if (e.ipId?.outOfSequence) out.push(`它的 IP ID ${e.ipId.seen} 与对端的 IP ID（附近为 ${e.ipId.peerNearest}）相差很远：由另一个 IP 协议栈生成`);
  if (e.tsMissing) out.push('它没有 TCP 时间戳选项，而对端所有真实报文都带有（RFC 7323 §3.2 要求每个非 RST 报文段都携带）');
  if (e.fasterThanRtt) {
    out.push(`它在接收方自己发出报文后仅 ${seconds(e.fasterThanRtt.seconds)} 就到达，比 ${seconds(e.fasterThanRtt.rtt)} 的往返时间还快：对端不可能这么快回应`);
  }
  return out;
}

/** RST 上的 IP ID 0 / 无时间戳：与 REJECT 相符，但内核自己的无连接复位也是如此。 */
function weakRst(w: NonNullable<InjectionEvidence['weakRst']>, receiver: string): string {
  const what = w.ipIdZero && w.tsMissing ? 'IP ID 为 0、没有时间戳选项' : w.ipIdZero ? 'IP ID 为 0' : '没有时间戳选项';
  const like = w.ownLike !== null ? `（如第 ${w.ownLike} 行${receiver}自己发出的 RST${w.tsMissing ? '；RFC 7323 §3.2 并不要求 RST 携带时间戳选项' : ''}）` : w.tsMissing ? '（RFC 7323 §3.2 并不要求 RST 携带时间戳选项）' : '';
  return `${what}，与 netfilter 的 REJECT 相符，但单凭这些不能证明伪造：内核自己发出的无连接复位也是如此${like}。`;
}

const because = (e: InjectionEvidence, missingFrom: string, receiver: string): string => {
  const ev = [`${missingFrom}抓包里没有它`, ...evidence(e)];
  return `证据：${ev.join('；')}。${e.weakRst ? weakRst(e.weakRst, receiver) : ''}`;
};

/** 一份抓包发出时另一份不一定在运行的报文段（corr.not_captured）：结论不能替它们排除路径问题。 */
const notCaptured = (p: ConnectionPair): number => p.findings.reduce((n, f) => n + (f.code === 'corr.not_captured' ? f.count : 0), 0);

const FIREWALL = '请检查两个抓包点之间的防火墙/IPS 或其他中间设备';

const findings: PairCatalog['findings'] = {
  'corr.nat': (f) =>
    f.kind === 'name'
      ? `${side[f.side]} ${f.original} 在服务端抓包中显示为 ${f.translated}：主机名不是地址，无法判断这一端是否也做了地址转换（例如云平台 1:1 NAT 后面的私网地址）；用 tcpdump -n 可以看到。`
      : `NAT：${side[f.side]} ${f.original} 在服务端抓包中显示为 ${f.translated}。`,
  'corr.lost_in_path': (f) => `${from(f.dir)}发出的${runStart(f.position, f.count, f.role)}没有到达${to(f.dir)}（${from(f.dir)}抓包${lines(f.lines)}）。`,
  'corr.rst_not_sent_by_peer': (f) => `${to(f.dir)}收到的 RST（第 ${f.line} 行）${from(f.dir)}从未发送过：它是在途中伪造的。${because(f.evidence, from(f.dir), to(f.dir))}`,
  'corr.injected': (f) => `${to(f.dir)}收到了一个${from(f.dir)}从未发送的${role[f.role](1)}（第 ${f.line} 行）：是路径上的设备产生的。${because(f.evidence, from(f.dir), to(f.dir))}`,
  'corr.duplicated_in_path': (f) => `${from(f.dir)}只发送了一次，${to(f.dir)}却收到两次（第 ${f.line} 行）：路径复制了这个报文。`,
  'corr.mss_rewritten': (f) => `${toward(f.dir)}的 MSS 在途中被改写：${f.from} → ${f.to}${f.to < f.from ? '（MSS 钳制）' : ''}。`,
  'corr.wscale_rewritten': (f) => `${toward(f.dir)}的窗口缩放移位值在途中被改写：${f.from} → ${f.to}，两端对窗口大小的理解不再一致。`,
  'corr.window_rewritten': (f) => `${toward(f.dir)}有 ${f.count} 个报文段的窗口字段被改写，第一个是 ${f.from} → ${f.to}。`,
  'corr.option_stripped': (f) => `${from(f.dir)}发出的 ${optionName[f.option]} 选项在途中被删除（${f.count} 个报文段）。`,
  'corr.ttl_decrement': (f) => `两个抓包点之间${toward(f.dir)}有 ${f.hops} 个路由器（TTL 减少了 ${f.hops}）。`,
  'corr.seq_rewritten': (f) => `${from(f.dir)}发出的序列号在途中被整体偏移了 ${f.offset}（序列号随机化）。`,
  'corr.not_captured': (f) => `${toward(f.dir)}有 ${f.count} 个报文段落在${side[f.side]}抓包的时间范围之外，或离它的开头、结尾太近，无法确定它们经过时那份抓包是否在运行：不作判断（既不算丢失，也不算伪造）。`,
};

export const pairZhCN = {
  lang: 'zh-CN',
  seconds,
  listSep: '、',
  paren: (s: string) => `（${s}）`,
  side,
  dir: { c2s: '客户端 → 服务端', s2c: '服务端 → 客户端' },
  seenBy: { both: '双方', 'client-only': '仅客户端', 'server-only': '仅服务端' },
  seenIn: { client: '客户端', server: '服务端' },
  status: { matched: '已收到', lost: '途中丢失', injected: '对端从未发送', duplicate: '重复', 'not-captured': '超出另一份抓包的时间范围', unjudged: '只在一侧出现（不作判断）', unordered: '未配对：长度相同的报文段无法区分（-q）' },
  evidenceKind: { isn: '初始序列号', seq: '绝对序列号', 'seq-offset': '序列号偏移', ts: 'TS val/ecr', 'ip-id': 'IP ID', shape: '报文大小和顺序', timing: '时间', port: '端口', quiet: '没有标志位和序列号（-q）',
    'ts-conflict': 'TS 值从不一致', 'order-only': '长度相同的报文段只能按顺序排列（-q 与 -t）' },
  natKind: { address: '地址被转换', port: '端口被转换', 'address+port': '地址和端口都被转换', name: '一侧显示的是主机名而不是地址：如果它对应的是私网地址，这一端也做了地址转换，例如云平台的 1:1 NAT；用 tcpdump -n 可以看到' },
  field: { mss: 'MSS', wscale: '窗口缩放移位值', window: '窗口', isn: '初始序列号' },
  role,
  findings,
  limits: {
    'no-times': (l) => `${side[l.side]}抓包没有时间（tcpdump -t）：无法由此得出时钟偏差、路径时延或任何时间关系；重传报文段的各个副本只能按两份抓包中的先后顺序区分。`,
    'relative-clock': (l) =>
      l.kind === 'delta'
        ? `${side[l.side]}抓包记录的是相邻报文之间的间隔（tcpdump -ttt）：无法由此得出时钟偏差，但路径时延仍可计算。`
        : `${side[l.side]}抓包记录的是距第一个报文的时间（tcpdump -ttttt）：无法由此得出时钟偏差，但路径时延仍可计算。`,
    'scales-differ': (l) => `${side[l.dated]}抓包打印日期，${side[l.dated === 'client' ? 'server' : 'client']}抓包只打印一天中的时刻：时钟偏差只能确定到一天以内。`,
    quiet: (l) =>
      `${side[l.side]}抓包没有标志位、序列号和确认号（tcpdump -q）：看不出伪造或被改写的报文段；报文段只能按长度和${l.timed ? '时间' : '顺序'}匹配；不会单独判定某一行丢失或伪造${l.otherNumbered ? '，丢失只能根据另一份抓包的序列号计数' : ''}。`,
    'order-only': () =>
      '既没有标志位和序列号（-q），又没有时间（-t），长度相同的报文段无法区分：两份抓包中某一长度的报文段数目相同时，时间线按两份抓包各自打印的先后顺序把它们排在一起，这只是猜测，不是匹配；数目不同时，该长度的报文段各占一行，不配对；匹配置信度也因此降低。请两端都带时间抓包，并且不要用 -q。',
  },
  evidence,
  verdicts: {
    'corr.rst-injected': (v) => ({
      headline: `${v.dir ? to(v.dir) : '接收方'}收到的 RST 是在途中伪造的：${v.dir ? from(v.dir) : '对端'}从未发送过它。`,
      where: `问题出在两台主机之间，而不是任何一方的应用程序：${FIREWALL}（会复位连接的 IPS、DPI 设备或防火墙）。`,
    }),
    'corr.injected': (v) => ({
      headline: `${v.dir ? to(v.dir) : '接收方'}收到了 ${v.count} 个${v.dir ? from(v.dir) : '对端'}从未发送的报文段。`,
      where: `两台主机之间有设备在伪造报文：${FIREWALL}。`,
    }),
    'corr.lost-in-path': (v, p) => {
      const f = v.finding?.code === 'corr.lost_in_path' ? v.finding : null;
      const runs = lostRuns(p, v.dir);
      const idle = f && (f.role === 'keep-alive' || f.role === 'keep-alive-ack');
      const headline =
        f && runs.length === 1
          ? findings['corr.lost_in_path'](f)
          : `${v.dir ? from(v.dir) : '发送方'}发出的 ${runs.reduce((n, r) => n + r.count, 0)} 个报文段没有到达${v.dir ? to(v.dir) : '接收方'}，共 ${runs.length} 处（${lines(runs.flatMap((r) => r.lines))}）。`;
      const ow = v.otherWay;
      if (idle && v.dir && ow && ow.delivered > 0) {
        const back: FlowDir = v.dir === 'c2s' ? 's2c' : 'c2s';
        const rst = ow.rst
          ? `${from(back)}的 RST（${from(back)}第 ${ow.rst[v.dir === 'c2s' ? 'server' : 'client']} 行，${to(back)}第 ${ow.rst[v.dir === 'c2s' ? 'client' : 'server']} 行）原样到达${ow.rst.sameTs ? '，带着它自己的 TCP 时间戳' : ''}：是${from(back)}自己放弃了连接，不是伪造的。`
          : '';
        return {
          headline,
          where: `只有${from(v.dir)}到${to(v.dir)}这个方向出了问题，而且是在连接空闲期间开始的：${from(back)}之后的 ${ow.delivered} 个报文段仍经由同样的地址和端口到达了${to(back)}，所以并不是 NAT 或防火墙忘记了这条连接。请检查承载${from(v.dir)}到${to(v.dir)}方向流量的环节（只丢弃这个方向的路由、防火墙规则或 NAT 表项）。${rst}`,
        };
      }
      return {
        headline,
        where: idle
          ? '连接空闲一段时间后，报文在两个抓包点之间被丢弃：很可能是路径上的 NAT 或防火墙忘记了这条连接（它的状态超时比保活间隔短）。'
          : '报文在两个抓包点之间被丢弃：请检查网络路径（拥塞或故障的链路，或丢弃它们的防火墙），而不是主机。',
      };
    },
    'corr.seq-rewritten': (v) => ({
      headline: `路径上的设备把${v.dir ? from(v.dir) + '发出的' : ''}序列号整体偏移了一个常数。`,
      where: '两者之间有开启了序列号随机化的防火墙；只要它同时改写 SACK 块就无害。',
    }),
    'corr.options-stripped': (v) => ({
      headline: v.finding?.code === 'corr.option_stripped' ? findings['corr.option_stripped'](v.finding) : '有 TCP 选项在途中被删除。',
      where: '有中间设备在规整 TCP 选项；没有这些选项，主机就失去了窗口缩放、SACK、时间戳等功能，吞吐量可能下降。',
    }),
    'corr.wscale-rewritten': (v) => ({
      headline: v.finding?.code === 'corr.wscale_rewritten' ? findings['corr.wscale_rewritten'](v.finding) : '窗口缩放移位值在途中被改写。',
      where: '有中间设备改动了握手；两端对窗口大小的理解不一致，传输会变慢或卡住。',
    }),
    'corr.mss-clamped': (_v, p) => {
      const mss = p.findings.filter((f): f is Extract<CorrFinding, { code: 'corr.mss_rewritten' }> => f.code === 'corr.mss_rewritten');
      return {
        headline: `两边抓到的是同一条连接，MSS 在途中被调低：${mss.map((f) => `${toward(f.dir)} ${f.from} → ${f.to}`).join('，')}。`,
        where: '这是两者之间的路由器或 NAT 做的 MSS 钳制（隧道和 PPPoE 上很常见）；它让报文段小到能通过较窄的链路，两端就不必依赖路径 MTU 发现（ICMP“需要分片”，RFC 1191），而这种 ICMP 常被过滤；本身无害。',
      };
    },
    'corr.window-rewritten': (v) => ({
      headline: v.finding?.code === 'corr.window_rewritten' ? findings['corr.window_rewritten'](v.finding) : '窗口字段在途中被改写。',
      where: '有中间设备在改写窗口；如果传输很慢，请检查它。',
    }),
    'corr.duplicated': (v) => ({
      headline: `有 ${v.count} 个报文段只发送了一次却到达了两次。`,
      where: '路径会复制报文（环路、镜像端口或故障链路）；TCP 会丢弃副本，除非频繁发生，否则无害。',
    }),
    'corr.lost-counted': (v, p) => {
      const d = v.dir ?? 'c2s';
      const where = p.nat.some((m) => m.kind !== 'name') ? '两个抓包点之间（经过 NAT 的那段路径上；地址转换说明 NAT 就在其间）' : '两个抓包点之间的路径上';
      return {
        headline: `有 ${v.count} 个${from(d)}报文段没有到达${to(d)}抓包点：${to(d)}抓包中的序列号显示 ${v.count} 个缺口，之后${v.count === 1 ? '' : '都'}由重传补上；${v.count === 1 ? '它' : '它们'}是在${where}丢失的。`,
        where: `${from(d)}的 -q 抓包无法确定是哪几行；去掉 -q 重新输出（tcpdump -n）即可看到它们的序列号。`,
      };
    },
    'corr.not-judged': (v) => ({
      headline: `两边抓到的是同一条连接；有 ${v.count} 个报文段只在一侧出现，凭这些输出格式无法判定它们是丢失还是伪造。`,
      where: '请两边都不加 -q 重新输出（tcpdump -n，最好再加 -v），看到标志位、序列号和确认号后，才能区分丢失、伪造和被改写的报文段。',
    }),
    'corr.nat': (_v, p) => {
      const m = p.nat.find((x) => x.kind !== 'name');
      const nc = notCaptured(p);
      return {
        headline: m ? `两边抓到的是同一条连接，途中做了地址转换：${m.original} 在服务端显示为 ${m.translated}。` : '两边抓到的是同一条连接，途中做了地址转换。',
        where:
          nc > 0
            ? `在两份抓包都覆盖的部分，除地址外没有报文丢失、伪造或被改写；另有 ${nc} 个报文段在另一份抓包之外，未作判断：排除路径问题之前，请在两端完整抓下整条连接。`
            : '除地址外没有报文丢失、伪造或被改写：如果出了问题，请检查主机，而不是路径。',
      };
    },
    'corr.clean': (_v, p) => {
      const nc = notCaptured(p);
      return nc > 0
        ? {
            headline: `在两份抓包都在运行的部分两者一致：那里发出的每个报文段都原样到达；另有 ${nc} 个报文段在另一份抓包之外，未作判断。`,
            where: '排除路径问题之前，请在两端完整抓下整条连接。',
          }
        : {
            headline: '两份抓包一致：发出的每个报文段都原样到达。',
            where: '这条连接的问题不在路径上：请检查主机和应用程序。',
          };
    },
  },
  text: {
    pair: (client, server, confidence) => `连接 ${client}（客户端抓包）= ${server}（服务端抓包），置信度 ${confidence}`,
    matchedOn: (kinds) => `匹配依据：${kinds}`,
    nat: '地址：',
    clock: (offset, delay, rtt, fromCapture) => {
      const from = fromCapture ? '，由其他连接推算' : '';
      if (offset === null) return `时钟：两份抓包之间的时钟偏差无法得知（见上方的限制）；路径单向时延约 ${seconds(delay)}（往返 ${seconds(rtt)}）${from}。`;
      const { zone, rest } = splitZone(offset);
      const skew = `${rest >= 0 ? '快' : '慢'} ${seconds(Math.abs(rest))}`;
      const runs = zone === 0 ? skew : `${zone > 0 ? '快' : '慢'} ${zoneText(zone)}（时区不同？），另外${skew}`;
      return `时钟：服务端抓包的时钟比客户端抓包${runs}；路径单向时延约 ${seconds(delay)}（往返 ${seconds(rtt)}）${from}。`;
    },
    limits: '这些抓包输出格式的限制：',
    noClock: '时钟：无法比较（没有时间戳，或只有一个方向的报文被双方看到）。',
    rewrites: '途中被改写：',
    rewrite: (field, dir, client, server, flow) =>
      flow === 'c2s' ? `${field} ${dir}：发出 ${client}（客户端抓包），到达 ${server}（服务端抓包）` : `${field} ${dir}：发出 ${server}（服务端抓包），到达 ${client}（客户端抓包）`,
    findings: '发现：',
    verdict: '结论：',
    timeline: '时间线（客户端时钟）：',
    columns: { time: '时间', seen: '出现于', dir: '方向', segment: '报文段', delay: '时延', lines: '行' },
    uneven: (u) =>
      `${side[u.more]}抓包比${side[u.more === 'client' ? 'server' : 'client']}多 ${u.count} 个 ${u.len} 字节的报文段；-q 输出无法确定是${u.count === 1 ? '哪一个' : '哪几个'}。`,
    lineRefs: (client, server) => [client !== null ? `客户端 ${client}` : null, server !== null ? `服务端 ${server}` : null].filter(Boolean).join('，'),
    unpaired: (s, conn, client, server, ls) => `只在${side[s]}抓包中出现：${conn} ${client} → ${server}（${ls}）。`,
    diagnosis: (d, time) =>
      d.code === 'outside-other-capture'
        ? `  服务端抓包没有覆盖客户端${d.syns === 1 ? '' : ` ${d.syns} 个`} SYN 的时间（${lines(d.lines)}，${
            d.syns === 1 ? time(d.sent.first, d.clocks.client) : `${time(d.sent.first, d.clocks.client)} 至 ${time(d.sent.last, d.clocks.client)}`
          }）：如果两份抓包的时钟一致（没有可配对的连接来核对），它${
            d.sent.last < d.other.first
              ? `从 ${time(d.other.first, d.clocks.server)} 才开始`
              : d.sent.first > d.other.last
                ? `在 ${time(d.other.last, d.clocks.server)} 就已结束`
                : `的时间是 ${time(d.other.first, d.clocks.server)} 至 ${time(d.other.last, d.clocks.server)}`
          }，无法判断${d.syns === 1 ? '这个 SYN' : '这些 SYN'} 是否到达了服务端。下一步：在两端同时抓包。`
        : `  客户端的 ${d.syns === 1 ? '' : `${d.syns} 个 `}SYN（${lines(d.lines)}）从未到达服务端抓包点，也没有任何应答：两个抓包点之间的过滤规则或路由丢弃了它们。下一步：检查路径上${d.port !== null ? `针对端口 ${d.port} 的` : '的'}防火墙规则、ACL 或安全组，并确认服务端抓包是在 SYN 应到达的网卡上、同一时间段内抓的。`,
    closest: (conn, confidence) => `（最接近的候选 ${conn}，置信度 ${confidence}）`,
    gaveUp: (alike, compared) =>
      `  查找已提前停止：另一份抓包中至少有 ${alike} 条连接看起来相似（相同的 TS 值或相同的端口），${compared === 0 ? '其中没有一条与它比较过' : `只比较了抓包顺序上最接近的 ${compared} 条`}；它的另一半可能在没比较的那些连接里。`,
    totals: (pairs, uc, us) => `配对 ${pairs} 条连接；${uc} 条只在客户端抓包中，${us} 条只在服务端抓包中。`,
    offsetAll: (offset, rtt) =>
      offset === null
        ? `路径往返时间：${seconds(rtt)}；两份抓包之间的时钟偏差无法得知。`
        : `服务端抓包时钟比客户端抓包时钟${offset >= 0 ? '快' : '慢'} ${seconds(Math.abs(offset))}（± ${seconds(rtt / 2)}）。`,
  },
  markdown: {
    title: (client, server) => `tcplain pair：${client} ⇄ ${server}`,
    connection: (client, server) => `连接 ${client}（客户端抓包）= ${server}（服务端抓包）`,
    sequence: '时序图',
    unpaired: '只在一侧出现的连接',
    path: '路径',
    oneSide: '红色，止于或始于路径：只在一份抓包中出现（原因写在箭头下方）',
  },
} satisfies PairCatalog;
