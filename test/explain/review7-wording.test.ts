// Sentences review 7 found wrong, misleading or loose, asserted exactly in both languages on real captures.

import { describe, expect, it } from 'vitest';
import { pairCaptures } from '../../src/correlate';
import { formatPairReportText } from '../../src/report/format-pair';
import { sampleText, viewOf } from '../correlate/helpers';
import { formatStepsText } from '../../src/teach';
import { annotateText, type RecordView } from '../../src/report';
import { readFileSync } from 'node:fs';
import { lessonModel } from '../teach/helpers';

const pairText = (s: string, lang: 'en' | 'zh-CN') => formatPairReportText(pairCaptures(viewOf(sampleText(s, 'client')), viewOf(sampleText(s, 'server'))), lang);

describe('W1 nat-forged-rst pair: only the missing client copy and the TTL prove forgery; IP ID 0 and no TSopt are weak', () => {
  it('en', () => {
    expect(pairText('nat-forged-rst', 'en')).toContain(
      "- The RST the server received (line 23) was never sent by the client: it was forged on the path. Evidence: it is not in the client capture; its TTL was 64 (0 hops from its sender) while the peer's real packets arrived with TTL 63 (1 hop): it came from another place. Its IP ID 0 and missing timestamp option fit a netfilter REJECT but prove nothing alone: a kernel's own no-connection RST has both (like the server's own RST on line 27); RFC 7323 §3.2 does not require TSopt on a RST.\n",
    );
  });
  it('zh-CN', () => {
    expect(pairText('nat-forged-rst', 'zh-CN')).toContain(
      '- 服务端收到的 RST（第 23 行）客户端从未发送过：它是在途中伪造的。证据：客户端抓包里没有它；它的 TTL 是 64（距发送者 0 跳），而对端真实报文到达时 TTL 是 63（1 跳）：它来自别处。IP ID 为 0、没有时间戳选项，与 netfilter 的 REJECT 相符，但单凭这些不能证明伪造：内核自己发出的无连接复位也是如此（如第 27 行服务端自己发出的 RST；RFC 7323 §3.2 并不要求 RST 携带时间戳选项）。\n',
    );
  });
});

describe('M3 pair with the server capture cut to its first 20 lines: the verdict clears only the part both cover', () => {
  const cut = () => {
    const server = sampleText('nat-drops', 'server').split('\n').slice(0, 20).join('\n') + '\n';
    return pairCaptures(viewOf(sampleText('nat-drops', 'client')), viewOf(server));
  };
  it('en', () => {
    const text = formatPairReportText(cut(), 'en');
    expect(text).toContain(
      'Verdict: The same connection on both sides, translated on the path: 192.0.2.2:40017 appears at the server as 198.51.100.1:61037.\n  In the part both captures cover, nothing was lost, forged or rewritten beyond the addresses; 84 segments fell outside the other capture and were not judged: capture both ends for the whole connection before ruling out the path.\n',
    );
    expect(text).not.toContain('look at the hosts, not the path');
  });
  it('zh-CN (S1: 在服务端显示为, no doubled 端)', () => {
    const text = formatPairReportText(cut(), 'zh-CN');
    expect(text).toContain(
      '结论：两边抓到的是同一条连接，途中做了地址转换：192.0.2.2:40017 在服务端显示为 198.51.100.1:61037。\n  在两份抓包都覆盖的部分，除地址外没有报文丢失、伪造或被改写；另有 84 个报文段在另一份抓包之外，未作判断：排除路径问题之前，请在两端完整抓下整条连接。\n',
    );
    expect(text).not.toContain('服务端端');
  });
  it('the full nat-basic pair still clears the path', () => {
    expect(pairText('nat-basic', 'en')).toContain('  Nothing was lost, forged or rewritten beyond the addresses: if something fails, look at the hosts, not the path.\n');
  });
});

describe('I1 pair without any paired connection: the coverage claim holds only if the clocks agree', () => {
  it('en and zh-CN (no-answer client × nat-basic server)', () => {
    const r = pairCaptures(viewOf(sampleText('no-answer', 'client')), viewOf(sampleText('nat-basic', 'server')));
    expect(formatPairReportText(r, 'en')).toContain("11:22:15.981929): if the two capture clocks agree (no connection could be paired to check them), it starts at 2026-11-21 11:22:46.071334, so it cannot tell whether they reached the server.");
    expect(formatPairReportText(r, 'zh-CN')).toContain('：如果两份抓包的时钟一致（没有可配对的连接来核对），它从 2026-11-21 11:22:46.071334 才开始，无法判断这些 SYN 是否到达了服务端。');
  });
});

describe('I4, I5 nat-mss-clamp pair: sent/arrived per direction; clamping spares PMTUD, not fragmentation (DF set)', () => {
  it('en', () => {
    const t = pairText('nat-mss-clamp', 'en');
    expect(t).toContain('  MSS client → server: sent 1460 (client capture), arrived 1200 (server capture)\n  MSS server → client: sent 1460 (server capture), arrived 1200 (client capture)\n');
    expect(t).toContain("  MSS clamping by a router or NAT between them (usual for tunnels and PPPoE); it keeps segments small enough for the narrower link, so the ends need not rely on path-MTU discovery (ICMP 'fragmentation needed', RFC 1191), whose ICMP is often filtered; harmless by itself.\n");
  });
  it('zh-CN', () => {
    const t = pairText('nat-mss-clamp', 'zh-CN');
    expect(t).toContain('：发出 1460（服务端抓包），到达 1200（客户端抓包）');
    expect(t).toContain('它让报文段小到能通过较窄的链路，两端就不必依赖路径 MTU 发现（ICMP“需要分片”，RFC 1191），而这种 ICMP 常被过滤；本身无害。');
  });
});

describe('I10, S8 lessons: the window is what the receiver is willing to take, not its free buffer; no internal seed jargon', () => {
  it('data-acks en/zh-CN', () => {
    const m = lessonModel('data-acks');
    expect(formatStepsText(m, { lang: 'en', lesson: 'data-acks' })).toContain(
      '  * Lesson: win 64 is scaled: 64 × 2^10 = 65536 bytes: how much more the server is willing to receive now (its receive window; Linux keeps it below the free buffer space).',
    );
    expect(formatStepsText(m, { lang: 'zh-CN', lesson: 'data-acks' })).toContain('64 × 2^10 = 65536 字节：服务端现在还愿意接收的数据量（接收窗口；Linux 通告的值小于空闲缓冲区）。');
  });
});

const sample = (rel: string) => readFileSync(new URL(`../../samples/${rel}`, import.meta.url), 'utf8');
const notesAt = (text: string, line: number, lang: 'en' | 'zh-CN'): string[] =>
  (annotateText(text, { lang }).find((i): i is RecordView => i.kind === 'record' && i.rec.line === line)?.notes ?? []).map((n) => n.text);

describe('I3 sack-recovery line 36: SACK recovery with RACK, not RFC 5681 Reno after waiting for 12 dup ACKs', () => {
  it('en and zh-CN', () => {
    expect(notesAt(sample('sack-recovery/n.txt'), 36, 'en')).toContain(
      '[warning] Fast retransmission (SACK loss recovery, RFC 6675 §5; Linux detects the loss with RACK, RFC 8985 §6): the server resends the missing bytes without waiting for its timer: a segment was lost on the way. 12 duplicate ACKs were already on their way; a few would have sufficed.',
    );
    expect(notesAt(sample('sack-recovery/n.txt'), 36, 'zh-CN')).toContain(
      '[警告] 快速重传（SACK 丢包恢复，RFC 6675 §5；Linux 用 RACK 判定丢失，RFC 8985 §6）：服务端不等定时器，立即重发缺失的字节：途中丢了一个报文段。此前已有 12 个重复 ACK 在路上，其实几个就够了。',
    );
  });
});

describe('I8, N5 refused/server.txt: the capture point is unknown (no -v, no -i any): the condition, without the SYN → RST gap as evidence', () => {
  it('en and zh-CN', () => {
    const en = notesAt(sample('refused/server.txt'), 2, 'en').find((t) => t.startsWith('[error] Connection refused'))!;
    expect(en).toContain(
      ' If this was captured on the server (SYN in, RST out), the server host itself refused it (nothing listens on that port, or a REJECT rule on the server host). The client accepts it',
    );
    expect(notesAt(sample('refused/server.txt'), 2, 'zh-CN').find((t) => t.startsWith('[错误] 连接被拒绝'))).toContain(
      '如果这是在服务端抓的（SYN 进来，RST 出去），拒绝它的就是服务端主机本身（那个端口没有程序监听，或者服务端主机上有 REJECT 规则）。',
    );
  });
});

describe('I7 port-reuse line 11: the server end of c1 is in TIME_WAIT; the newer timestamp is why the SYN is accepted', () => {
  it('en and zh-CN', () => {
    expect(notesAt(sample('port-reuse/n.txt'), 11, 'en')).toContain(
      '[note] Port reuse: a new SYN on the 4-tuple of c1 while the server\'s end of c1 is still in TIME_WAIT (entered about 300.3 ms ago; 60 s on Linux). It is accepted because its timestamp (1873228931) is newer than the last one from c1 (1873228630): RFC 6191 §2; Linux tcp_timewait_state_process. Counted as a new connection from here.',
    );
    expect(notesAt(sample('port-reuse/n.txt'), 11, 'zh-CN')).toContain(
      '[提示] 端口复用：服务端那一端的 c1 仍处于 TIME_WAIT（约 300.3 毫秒前进入；Linux 保持 60 秒），同一四元组上又来了新的 SYN。它之所以被接受，是因为时间戳（1873228931）比 c1 最后一个（1873228630）更新（RFC 6191 §2；Linux tcp_timewait_state_process）。从这里开始按新连接计算。',
    );
  });
});

// Review 7 re-check (recheck.md N1–N5, M2, I8): the new hedges only where the capture does not rule them out.
const errorAt = (rel: string, line: number, lang: 'en' | 'zh-CN'): string => notesAt(sample(rel), line, lang).find((t) => t.startsWith(lang === 'en' ? '[error]' : '[错误]')) ?? '';

describe('N1 the proxy/load-balancer hedge only for a RST arriving from the server; never on the capture host\'s own RST', () => {
  it('idle-reset/server.txt line 8: placed at the server by the handshake\'s timing only: the hedge stays (en, zh-CN)', () => {
    const en = errorAt('idle-reset/server.txt', 8, 'en');
    expect(en).toContain(
      "(RST+ACK with seq = the server's next sequence number, its timestamps continuing (TS val +3001), which a firewall's REJECT reset, with no TCP options, would not carry: sent by the TCP endpoint at the server's address, the server itself or a proxy/load balancer that terminates TCP in front of it)",
    );
    // Only the handshake's timing places this capture (no -v, no -i any; gaps of 24 and 26 µs): a proxy or tap in front
    // of the server looks the same, so the hedge stays.
    expect(en).not.toContain('it leaves this host, so');
    expect(errorAt('idle-reset/server.txt', 8, 'zh-CN')).toContain('时间戳连续（TS val +3001），而防火墙 REJECT 生成的复位不带任何 TCP 选项，不会这样：是服务端地址上的 TCP 端点发出的，可能是服务端本身，也可能是它前面终结 TCP 的代理或负载均衡器）');
  });
  it('idle-reset/n.txt (client side, server RST arriving) keeps the hedge', () => {
    expect(errorAt('idle-reset/n.txt', 8, 'en')).toContain(": sent by the TCP endpoint at the server's address, the server itself or a proxy/load balancer that terminates TCP in front of it)");
  });
  it('client-reset/n.txt line 16: the client\'s own RST leaving the client', () => {
    expect(errorAt('client-reset/n.txt', 16, 'en')).toContain("(TS val +31), which a firewall's REJECT reset, with no TCP options, would not carry: sent by the TCP endpoint at the client's address, the client itself or a forward proxy that terminates TCP for it)");
  });
  it('client-reset/server.txt line 16: a client RST arriving at the server: a forward proxy, no load balancer "in front of" a client', () => {
    const en = errorAt('client-reset/server.txt', 16, 'en');
    expect(en).toContain(": sent by the TCP endpoint at the client's address, the client itself or a forward proxy that terminates TCP for it)");
    expect(en).not.toContain('load balancer');
    expect(errorAt('client-reset/server.txt', 16, 'zh-CN')).toContain('：是客户端地址上的 TCP 端点发出的，可能是客户端本身，也可能是替它终结 TCP 的正向代理）');
  });
  it('nat-keepalive-cut/server.txt: the probes were answered here, the answers lost on the way back (not "unanswered")', () => {
    const rstLine = 41; // the RST's header line (-v: each packet is two lines)
    const en = errorAt('nat-keepalive-cut/server.txt', rstLine, 'en');
    expect(en).toContain(
      "RST sent by the client's kernel when keep-alive gave up after 3 probes from line 29 whose answers never reached it (they were captured here, so they were lost on the way back) (Linux tcp_keepalive_timer → tcp_send_active_reset)",
    );
    expect(en).not.toContain('unanswered probes');
    expect(errorAt('nat-keepalive-cut/server.txt', rstLine, 'zh-CN')).toContain(
      '这个 RST 是客户端的内核在保活放弃时发出的：从第 29 行起连续 3 个保活探测的回应都没能到达客户端（此处抓到了回应，所以是在返回的路上丢失的）（Linux tcp_keepalive_timer → tcp_send_active_reset）',
    );
  });
  it('nat-keepalive-cut/client.txt line 13: "the client\'s kernel" without any contradicting hedge', () => {
    const en = errorAt('nat-keepalive-cut/client.txt', 13, 'en');
    expect(en).toContain("RST sent by the client's kernel when keep-alive gave up after 3 unanswered probes from line 10 (Linux tcp_keepalive_timer → tcp_send_active_reset), not by its application; no data had moved since before line 10.");
    expect(en).not.toContain('proxy');
    const zh = errorAt('nat-keepalive-cut/client.txt', 13, 'zh-CN');
    expect(zh).toContain('（Linux tcp_keepalive_timer → tcp_send_active_reset），不是它的应用程序发出的；第 10 行之前就已经没有数据往来了。');
    expect(zh).not.toContain('代理');
  });
});

describe('N1 idle-reset/server.txt verdict: captured at the server, so the server\'s own TCP, no "only a capture at the server proves which"', () => {
  it('en and zh-CN', () => {
    const summary = (lang: 'en' | 'zh-CN') => {
      const c = annotateText(sample('idle-reset/server.txt'), { lang }).find((i) => i.kind === 'connection');
      return c !== undefined && c.kind === 'connection' ? c.text.summary : '';
    };
    const en = summary('en');
    expect(en).toContain(
      "sat idle and was then reset by the TCP endpoint at the server's address (its RST continues that endpoint's timestamps, which a firewall's REJECT reset, with no TCP options, would not carry): the server itself or a proxy/load balancer that terminates TCP in front of it; only a capture at the server (with -v) proves which.",
    );
    expect(en).not.toContain('own TCP');
    expect(summary('zh-CN')).toContain('随后被服务端地址上的 TCP 端点复位');
  });
});

describe('N2 a SYN-ACK already at its receiver (handshake-close/v.txt: TTLs place the capture at the client): its MSS is final', () => {
  const optionsNote = (lang: 'en' | 'zh-CN') =>
    [3, 4].flatMap((l) => notesAt(sample('handshake-close/v.txt'), l, lang)).find((t) => t.startsWith(lang === 'en' ? 'Options: MSS' : '选项：')) ?? '';
  it('en', () => {
    const en = optionsNote('en');
    expect(en).toContain(
      'MSS 1460 as received here: the client may send at most 1460 payload bytes per segment (RFC 9293 §3.7.1), counting TCP data only; a sender using TCP options subtracts them (12 bytes of timestamps here → 1448); the server may have announced more (a router on the path can lower the option, never raise it);',
    );
    expect(en).not.toContain('reaches it unchanged');
  });
  it('zh-CN (此处, never 本处)', () => {
    const zh = optionsNote('zh-CN');
    expect(zh).toContain('此处收到的 MSS 为 1460：客户端每个报文段最多可发送 1460 字节载荷（RFC 9293 §3.7.1），只算 TCP 数据；发送方若使用 TCP 选项须从中扣除（这里时间戳占 12 字节 → 1448）；服务端发出时可能更大（途中的路由器只会把它改小，不会改大）；');
    expect(zh).not.toContain('原样到达');
    const all = annotateText(sample('handshake-close/v.txt'), { lang: 'zh-CN' }).flatMap((i) => (i.kind === 'record' ? i.notes.map((n) => n.text) : []));
    expect(all.some((t) => t.includes('此处看到的 MSS：客户端 1460 / 服务端 1460'))).toBe(true);
    expect(all.some((t) => t.includes('本处'))).toBe(false);
  });
  it('the SYN leaving the capture host keeps the condition (the router may still lower it)', () => {
    expect([1, 2].flatMap((l) => notesAt(sample('handshake-close/v.txt'), l, 'en')).find((t) => t.startsWith('Options: MSS'))).toContain(
      'MSS 1460 as seen here: the server may send at most 1460 payload bytes per segment if the option reaches it unchanged',
    );
  });
});

describe('N5 the SYN → RST gap is no evidence on a capture at the client (a round trip there)', () => {
  it('refused/v.txt (TTLs place it at the client): no "followed the SYN by", no server-host conclusion', () => {
    const en = errorAt('refused/v.txt', 3, 'en') || errorAt('refused/v.txt', 4, 'en');
    expect(en).toContain('Connection refused: RST+ACK answering');
    expect(en).not.toContain('followed the SYN by');
    expect(en).not.toContain('If this was captured on the server');
  });
  it('refused/n.txt: no "0.053 ms here"', () => {
    const en = errorAt('refused/n.txt', 2, 'en');
    expect(en).not.toContain('0.053 ms');
    expect(en).toContain(' If this was captured on the server (SYN in, RST out), the server host itself refused it (nothing listens on that port, or a REJECT rule on the server host).');
  });
});

describe('I8 refused/server.txt verdict: "the server never saw the SYN" is followed by what a capture at the server would mean', () => {
  it('en and zh-CN', () => {
    const summary = (lang: 'en' | 'zh-CN') => {
      const c = annotateText(sample('refused/server.txt'), { lang }).find((i) => i.kind === 'connection');
      return c !== undefined && c.kind === 'connection' ? c.text.summary : '';
    };
    expect(summary('en')).toMatch(
      / If this was captured on the server \(SYN in, RST out\), the server host itself refused it \(nothing listens on that port, or a REJECT rule on the server host\)\.$/,
    );
    expect(summary('zh-CN')).toMatch(/如果这是在服务端抓的（SYN 进来，RST 出去），拒绝它的就是服务端主机本身（那个端口没有程序监听，或者服务端主机上有 REJECT 规则）。$/);
  });
});

describe('N3 middlebox-reset/v.txt: the first copy (line 7) drew no RST, only the retransmission (line 14): not a plain REJECT', () => {
  it('en and zh-CN on the RST line; nat-forged-rst (rejected at once) keeps the REJECT rule', () => {
    const en = errorAt('middlebox-reset/v.txt', 21, 'en') || errorAt('middlebox-reset/v.txt', 22, 'en');
    expect(en).toContain(
      "(64: an initial value, so sent from this capture's own link): a device there sent it. The first copy of that segment (line 7) drew no reset; only its retransmission (line 14) did. A REJECT rule answers every segment it matches (netfilter's nf_send_reset is not rate-limited), so line 7 was lost before it reached that device, or the device's RST to it was lost, or the device let it pass or dropped it and reset later (an IPS, or a rule with state such as -m recent, connbytes or limit). Check that device's rule counters and logs, and whether it also reset the server.",
    );
    expect(en).not.toContain('a REJECT rule next to this capture point answered');
    const zh = errorAt('middlebox-reset/v.txt', 21, 'zh-CN') || errorAt('middlebox-reset/v.txt', 22, 'zh-CN');
    expect(zh).toContain('只有它的重传（第 14 行）被复位了。REJECT 规则对它匹配到的每个报文段都会回应（netfilter 的 nf_send_reset 不限速），所以可能是第 7 行在到达该设备之前就丢了，或者该设备对它发出的 RST 丢了，或者该设备先放行或丢弃、后来才复位（IPS，或带状态的规则，如 -m recent、connbytes、limit）。请查看该设备的规则计数和日志，并确认它是否也复位了服务端。');
    const forged = annotateText(sample('nat-forged-rst/server-v.txt'), { lang: 'en' }).flatMap((i) => (i.kind === 'record' ? i.notes.map((n) => n.text) : []));
    expect(forged.some((t) => t.includes('most likely a REJECT rule next to this capture point answered that segment and dropped it, so it never reached the client.'))).toBe(true);
  });
});
