// Sentences an independent TCP review found wrong or loose (review 3), asserted exactly in both languages on real
// captures: MSS after clamping on a router (samples/nat-router), what an MSS counts, silence and the end of a post that
// quotes excerpts (seed 004), relative numbers without the handshake, and the options finding's short name.

import { describe, expect, it } from 'vitest';
import type { ConnectionView, RecordView } from '../../src/report/annotate';
import { catalogFor } from '../../src/explain';
import { SUMMARY_WORDS } from '../../src/explain/summary-words';
import { seedText } from '../helpers/fixtures';
import { sample } from '../track/helpers';
import { views } from '../helpers/views';


const notesOf = (records: RecordView[], line: number): string[] => records.find((r) => r.rec.line === line)?.notes.map((n) => n.text) ?? [];

describe('nat-router/router.txt: MSS 1460 announced, clamped to 1200 by the capturing router, timestamps on', () => {
  it('the options finding waits for the SYN-ACK copy and tells what each end received (en)', () => {
    const { records } = views(sample('nat-router/router.txt'), 'en');
    // Line 3 is the SYN-ACK as it came in; line 4 its clamped copy; line 5 the handshake's ACK carries the finding.
    expect(notesOf(records, 3).some((t) => t.includes('Handshake options'))).toBe(false);
    expect(notesOf(records, 5)).toContain(
      '[info] Handshake options: window scaling on (client shift 10 = ×1024, server shift 10 = ×1024); SACK on; timestamps on. MSS announced: client 1460 / server 1460; after clamping here, each end received 1200, so full segments carry 1188 bytes (1200 − 12 bytes of timestamps).',
    );
    expect(records.find((r) => r.rec.line === 5)?.analysis?.findings.find((f) => f.code === 'tcp.options_negotiated')).toMatchObject({
      mss: { client: 1460, server: 1460 },
      clamped: { client: 1200, server: 1200 },
    });
  });

  it('zh-CN', () => {
    const { records } = views(sample('nat-router/router.txt'), 'zh-CN');
    expect(notesOf(records, 5)).toContain(
      '[信息] 握手选项：启用窗口缩放（客户端移位 10 = ×1024，服务端移位 10 = ×1024）；启用 SACK；启用时间戳。通告的 MSS：客户端 1460 / 服务端 1460；经本机钳制后两端收到的都是 1200，所以满载报文段是 1188 字节（1200 − 12 字节时间戳选项）。',
    );
  });

  it('the handshake round trip includes this host\'s forwarding of the SYN (0.115 ms) and SYN-ACK (0.011 ms)', () => {
    // SYN in .607556, out .607671; SYN-ACK in .607700, out .607711; ACK in .607727: 0.144 + 0.027 = 0.171 ms.
    expect(notesOf(views(sample('nat-router/router.txt'), 'en').records, 5)).toContain(
      "[info] Handshake round trip through this host: 0.171 ms from the client's SYN arriving (line 1) to its ACK arriving (line 5) = server side 0.144 ms (line 1 → 3, including 0.115 ms forwarding the SYN) + 0.011 ms forwarding the SYN-ACK + client side 0.016 ms (line 4 → 5); a baseline for judging later delays.",
    );
    expect(notesOf(views(sample('nat-router/router.txt'), 'zh-CN').records, 5)).toContain(
      '[信息] 经过本机的握手往返时间：0.171 毫秒，从客户端的 SYN 到达（第 1 行）到它的 ACK 到达（第 5 行）= 服务端一侧 0.144 毫秒（第 1 → 3 行，含转发 SYN 的 0.115 毫秒）+ 转发 SYN-ACK 的 0.011 毫秒 + 客户端一侧 0.016 毫秒（第 4 → 5 行）；可作为判断后续延迟的基准。',
    );
  });

  it('the full data segments really carry 1188 bytes', () => {
    const { records } = views(sample('nat-router/router.txt'), 'en');
    const lens = records.filter((r) => r.rec.kind === 'tcp').map((r) => (r.rec.kind === 'tcp' ? r.rec.len : null));
    expect(Math.max(...lens.map((l) => l ?? 0))).toBe(1188);
  });

  it('says how this host rewrote the MSS of each copy, in both languages', () => {
    expect(notesOf(views(sample('nat-router/router.txt'), 'en').records, 2)).toEqual([
      "Line 1's packet again, going out on eth1 after coming in on eth0: this host forwarded it; NAT rewrote the source 192.0.2.2:40036 → 198.51.100.1:61023; this host rewrote its MSS option from 1460 to 1200 while forwarding (MSS clamping), so the server will send at most 1200 payload bytes per segment, not 1460 (RFC 9293 §3.7.1). The same transmission printed twice, not a new segment: no retransmission, no duplicate ACK, no state change.",
    ]);
    expect(notesOf(views(sample('nat-router/router.txt'), 'zh-CN').records, 2)).toEqual([
      '第 1 行那个包经本机转发后的副本：从 eth0 进来、从 eth1 出去，NAT 把源地址 192.0.2.2:40036 改写为 198.51.100.1:61023。本机转发时把 MSS 选项从 1460 改成了 1200（MSS 钳制），所以服务端每个报文段最多发送 1200 字节载荷，而不是 1460（RFC 9293 §3.7.1）。同一次发送被打印了两次，不是新的报文段：不算重传，不算重复 ACK，不改变任何状态。',
    ]);
  });
});

describe('what an MSS counts (RFC 9293 §3.7.1, RFC 6691): the sender subtracts its options', () => {
  it('on the SYN (timestamps not yet agreed) and on the SYN-ACK that agrees on them (en)', () => {
    const { records } = views(sample('nat-router/router.txt'), 'en');
    expect(notesOf(records, 1).find((t) => t.startsWith('Options:'))).toMatch(
      /^Options: MSS 1460 as seen here: the server may send at most 1460 payload bytes per segment if the option reaches it unchanged \(a router on the path may lower it: MSS clamping; RFC 9293 §3\.7\.1\), counting TCP data only; a sender using TCP options subtracts them; SACK permitted/,
    );
    expect(notesOf(records, 3).find((t) => t.startsWith('Options:'))).toMatch(
      /^Options: MSS 1460 as seen here: the client may send at most 1460 payload bytes per segment if the option reaches it unchanged \(a router on the path may lower it: MSS clamping; RFC 9293 §3\.7\.1\), counting TCP data only; a sender using TCP options subtracts them \(12 bytes of timestamps here → 1448\); SACK permitted/,
    );
  });

  it('zh-CN', () => {
    const { records } = views(sample('nat-router/router.txt'), 'zh-CN');
    expect(notesOf(records, 1).find((t) => t.startsWith('选项：'))).toMatch(
      /^选项：此处看到的 MSS 为 1460：如果这个选项原样到达服务端，服务端每个报文段最多可发送 1460 字节载荷（途中的路由器可能把它改小：MSS 钳制；RFC 9293 §3\.7\.1），只算 TCP 数据；发送方若使用 TCP 选项须从中扣除；允许 SACK/,
    );
    expect(notesOf(records, 3).find((t) => t.startsWith('选项：'))).toMatch(
      /^选项：此处看到的 MSS 为 1460：如果这个选项原样到达客户端，客户端每个报文段最多可发送 1460 字节载荷（途中的路由器可能把它改小：MSS 钳制；RFC 9293 §3\.7\.1），只算 TCP 数据；发送方若使用 TCP 选项须从中扣除（这里时间戳占 12 字节 → 1448）；允许 SACK/,
    );
  });
});

describe('seed 004: a post quoting excerpts of two captures', () => {
  const en = views(seedText('004'), 'en').connections;
  const zh = views(seedText('004'), 'zh-CN').connections;
  const byConn = (cs: ConnectionView[], id: string) => cs.find((c) => c.verdict.conn === id) as ConnectionView;

  it('marks the connections followed by prose as excerpted (JSON excerpts: true); c5, the last, is followed by the page footer', () => {
    expect(en.map((c) => [c.verdict.conn, c.verdict.excerpts ?? false])).toEqual([
      ['c1', true],
      ['c2', true],
      ['c5', true],
      ['c3', true],
      ['c4', true],
    ]);
  });

  it('an open connection may only be cut by the excerpt, and a gap is "no packet shown" (en)', () => {
    expect(byConn(en, 'c2').text.summary).toContain(
      '10 bytes → and 0 bytes ← so far, and no FIN or RST: a long-lived connection (keep-alive, streaming), or the text shows only part of the capture (a post with excerpts). No packet shown for 29.056 s (from line 158 to line 194).',
    );
    expect(byConn(en, 'c3').text.summary).toContain('No packet shown for 29.055 s (from line 172 to line 188).');
    expect(en.map((c) => c.text.summary).join(' ')).not.toContain('nothing was sent');
  });

  it('zh-CN', () => {
    expect(byConn(zh, 'c2').text.summary).toContain(
      '没有 FIN 也没有 RST：这是一个长连接（keep-alive、流式传输），或者这段文本只贴出了抓包的一部分（文章摘录）。29.056 秒内没有显示任何报文（从第 158 行到第 194 行）。',
    );
  });

  it('headlines, half-close, missing handshake and next step speak of the lines shown, not of a capture (en)', () => {
    for (const id of ['c2', 'c3']) {
      expect(byConn(en, id).text.headline).toBe('No FIN or RST in the lines shown (still open there)');
      expect(byConn(en, id).text.nextStep).toBe(
        'If this is an excerpt, the rest of the original capture may show the end; otherwise capture longer.',
      );
    }
    for (const id of ['c4', 'c5']) {
      expect(byConn(en, id).text.summary).toContain(
        'The client sent FIN (it has nothing more to send) but no FIN from the server appears in the lines shown.',
      );
    }
    expect(byConn(en, 'c1').text.summary).toContain('The handshake is not in this text, so the connection cannot be judged as a whole.');
    expect(byConn(en, 'c1').text.appSaw).toEqual(['Unknown from these lines.']);
    expect(en.map((c) => [c.text.headline, c.text.summary, c.text.nextStep, ...c.text.appSaw].join(' ')).join(' ')).not.toMatch(
      /end of the capture|this capture|Capture longer/,
    );
  });

  it('headlines, half-close, missing handshake and next step speak of the lines shown (zh-CN)', () => {
    for (const id of ['c2', 'c3']) {
      expect(byConn(zh, id).text.headline).toBe('显示的行中没有 FIN 或 RST（到此为止仍然打开）');
      expect(byConn(zh, id).text.nextStep).toBe('如果这是摘录，原始抓包的后续部分可能显示连接的结束；否则请抓更长时间。');
    }
    for (const id of ['c4', 'c5']) {
      expect(byConn(zh, id).text.summary).toContain('客户端发送了 FIN（没有更多数据要发了），但在显示的行中没有服务端的 FIN。');
    }
    expect(byConn(zh, 'c1').text.summary).toContain('这段文本里没有握手，无法对整个连接下结论。');
    expect(byConn(zh, 'c1').text.appSaw).toEqual(['从这些行无法得知。']);
  });

  it('relative numbers without the handshake: the post left it out (en, zh-CN)', () => {
    expect(byConn(en, 'c4').text.nextStep).toBe(
      'Check the server application: many CLOSE_WAIT sockets (ss -tan state close-wait) mean it forgets to close connections. The handshake is not in this text, so the relative numbers (seq 1) cannot be turned into absolute ones (tcpdump -S prints them).',
    );
    expect(byConn(zh, 'c4').text.nextStep).toBe(
      '检查服务端应用程序：大量 CLOSE_WAIT 连接（ss -tan state close-wait）说明它忘了关闭连接。这段文本里没有握手，无法把相对序列号（seq 1）换算成绝对值（tcpdump -S 会打印绝对值）。',
    );
  });
});

describe('a capture file (no prose between packets): the silence is what the capture saw', () => {
  it('idle-timeout/client.txt', () => {
    const en = views(sample('idle-timeout/client.txt'), 'en').connections[0];
    const zh = views(sample('idle-timeout/client.txt'), 'zh-CN').connections[0];
    expect(en.verdict.excerpts).toBeUndefined();
    expect(en.text.summary).toContain('Silence: no packet captured for 2.002 s (from line 7 to line 8), then the server sent the first FIN.');
    expect(zh.text.summary).toContain('静默：2.002 秒内没有抓到任何报文（从第 7 行到第 8 行），随后服务端发送了第一个 FIN。');
  });
});

describe('the options finding is named for what it lists, not "negotiated" (MSS is not negotiated)', () => {
  it('finding names and summary titles', () => {
    expect(catalogFor('en').findingNames['tcp.options_negotiated']).toBe('Handshake options');
    expect(catalogFor('zh-CN').findingNames['tcp.options_negotiated']).toBe('握手选项');
    expect(SUMMARY_WORDS.en.findingTitle['tcp.options_negotiated']).toBe('handshake options');
    expect(SUMMARY_WORDS['zh-CN'].findingTitle['tcp.options_negotiated']).toBe('握手选项');
  });
});

describe('review 6 recheck R2: one capture shows an MSS option as it passed there (RFC 9293 §3.7.1)', () => {
  // nat-mss-clamp: the router clamps both handshake MSS options 1460 → 1200. The client capture's SYN-ACK carries
  // 1200 though the server sent 1460: one capture cannot know that, so it says what the option limits, not what its
  // sender "accepts".
  it('client.txt alone (en, zh-CN)', () => {
    const en = views(sample('nat-mss-clamp/client.txt'), 'en').records;
    expect(notesOf(en, 2).find((t) => t.startsWith('Options:'))).toMatch(
      /^Options: MSS 1200 as seen here: the client may send at most 1200 payload bytes per segment if the option reaches it unchanged \(a router on the path may lower it: MSS clamping; RFC 9293 §3\.7\.1\), counting TCP data only; a sender using TCP options subtracts them \(12 bytes of timestamps here → 1188\); SACK/,
    );
    expect(notesOf(en, 2)).toContain(
      '[info] Handshake options: MSS as seen here: client 1460 / server 1200 (each caps the payload per segment the other end may send; announced, not negotiated); window scaling on (client shift 10 = ×1024, server shift 10 = ×1024); SACK on; timestamps on.',
    );
    expect(en.flatMap((r) => r.notes.map((n) => n.text)).join('\n')).not.toMatch(/accepts at most|MSS client \d/);
    const zh = views(sample('nat-mss-clamp/client.txt'), 'zh-CN').records;
    expect(notesOf(zh, 2).find((t) => t.startsWith('选项：'))).toMatch(/^选项：此处看到的 MSS 为 1200：如果这个选项原样到达客户端，客户端每个报文段最多可发送 1200 字节载荷（途中的路由器可能把它改小：MSS 钳制；RFC 9293 §3\.7\.1），只算 TCP 数据；/);
    expect(notesOf(zh, 2)).toContain(
      '[信息] 握手选项：此处看到的 MSS：客户端 1460 / 服务端 1200（各自限定对端每个报文段可发送的载荷字节数；是通告的，不是协商出来的）；启用窗口缩放（客户端移位 10 = ×1024，服务端移位 10 = ×1024）；启用 SACK；启用时间戳。',
    );
  });

  it('nat-router/router.txt: the clamped copy says what the other end will send', () => {
    const en = views(sample('nat-router/router.txt'), 'en').records;
    expect(notesOf(en, 2)[0]).toContain(
      'this host rewrote its MSS option from 1460 to 1200 while forwarding (MSS clamping), so the server will send at most 1200 payload bytes per segment, not 1460 (RFC 9293 §3.7.1).',
    );
    expect(notesOf(en, 4)[0]).toContain('so the client will send at most 1200 payload bytes per segment, not 1460 (RFC 9293 §3.7.1).');
    const zh = views(sample('nat-router/router.txt'), 'zh-CN').records;
    expect(notesOf(zh, 2)[0]).toContain('本机转发时把 MSS 选项从 1460 改成了 1200（MSS 钳制），所以服务端每个报文段最多发送 1200 字节载荷，而不是 1460（RFC 9293 §3.7.1）。');
  });
});
