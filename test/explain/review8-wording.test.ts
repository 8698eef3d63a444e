// Sentences review 8 found wrong or loose (/work/notes review8: W2, M3, M5, M6, I1–I4, I6, I7, I9, I10, I12, S1–S5),
// asserted exactly in both languages on the seeds and real captures they were found on.

import { describe, expect, it } from 'vitest';
import type { ConnectionView, RecordView } from '../../src/report/annotate';
import { seedText } from '../helpers/fixtures';
import { sample } from '../track/helpers';
import { views } from '../helpers/views';

const notesOf = (records: RecordView[], line: number): string[] => records.find((r) => r.rec.line === line)?.notes.map((n) => n.text) ?? [];
const byConn = (cs: ConnectionView[], id: string): ConnectionView => cs.find((c) => c.verdict.conn === id) as ConnectionView;

describe('W2: seed 002 quotes `tcpdump -i any … -w out.pcap` (a -w run prints no packets)', () => {
  it('-i any is all interfaces in cooked mode; the command wrote a file, with the read-back hint (en)', () => {
    const { records } = views(seedText('002'), 'en');
    expect(notesOf(records, 82)).toEqual([
      'A tcpdump command that wrote its packets to out.pcap (-w) instead of printing them, so no packet line here comes from it: tcpdump -i any -w out.pcap.',
      '-i any: capture on all interfaces at once (Linux "any", cooked mode: no Ethernet header, no promiscuous mode)',
      '-w out.pcap: write packets to a file instead of printing them',
      'To explain that file, read it back as text: tcpdump -nn -tttt -S -r out.pcap | tcplain',
    ]);
    expect(notesOf(records, 87)).toContain('Filter: only packets matching "host 8.8.8.8".');
    expect(records.flatMap((r) => r.notes.map((n) => n.text)).join('\n')).not.toMatch(/capture on this interface|made this capture/);
  });

  it('zh-CN', () => {
    const { records } = views(seedText('002'), 'zh-CN');
    expect(notesOf(records, 82)).toEqual([
      '这条 tcpdump 命令用 -w 把报文写进了文件 out.pcap，没有打印出来，所以这里的报文行都不是它输出的：tcpdump -i any -w out.pcap。',
      '-i any：同时在所有网卡上抓包（Linux 的“any”，cooked 模式：没有以太网头，不开混杂模式）',
      '-w out.pcap：把报文写入文件而不是打印出来',
      '要让 tcplain 解释这个文件，请把它读回成文本：tcpdump -nn -tttt -S -r out.pcap | tcplain',
    ]);
  });
});

describe('M3/S5: seed 003, statistics of a -w run belong to no printed connection', () => {
  const en = views(seedText('003'), 'en');
  const zh = views(seedText('003'), 'zh-CN');

  it('the -w run wrote its packets to a file: "written to the file", "not written to the file" (en)', () => {
    expect(notesOf(en.records, 75)).toEqual(['26 packets written to the file by tcpdump.']);
    expect(notesOf(en.records, 77)).toEqual([
      'No packet dropped by the kernel, but the filter matched 30 packets and 26 were captured: the last 4 packets matched but were still in the kernel buffer when tcpdump stopped and were not written to the file. The file lacks them at its end, not in the middle.',
    ]);
  });

  it('zh-CN', () => {
    expect(notesOf(zh.records, 75)).toEqual(['tcpdump 把 26 个报文写入了文件。']);
    expect(notesOf(zh.records, 77)).toEqual([
      '内核没有丢弃报文，但过滤条件匹配了 30 个报文，只抓到了 26 个：最后 4 个报文已匹配，但 tcpdump 停止时还在内核缓冲区里，没有写入文件。文件缺的是末尾这几个，而不是中间的。',
    ]);
  });

  it('no connection (quoted session, read-back of baidu4.pcap) carries the -w run\'s statistics', () => {
    expect(en.connections.map((c) => c.verdict.conn).sort()).toEqual(['c1', 'c2', 'c3']);
    for (const c of en.connections) expect(c.verdict.limits).not.toContain('unprinted-at-end');
    expect(byConn(en.connections, 'c3').verdict.firstLine).toBe(197);
    expect(en.connections.map((c) => c.text.nextStep).join(' ')).not.toContain("tcpdump's statistics");
    expect(zh.connections.map((c) => c.text.nextStep).join(' ')).not.toContain('received by filter');
  });
});

describe('M3: a live run that printed its packets keeps its own statistics (live-banner/live.txt, counters edited: synthetic)', () => {
  // The real capture ends "11 captured / 11 received"; the last two packet lines are cut and "received" raised to 13,
  // as a run stopped with two packets still buffered would print.
  const lines = sample('live-banner/live.txt').split('\n');
  const firstStat = lines.findIndex((l) => l.endsWith('packets captured'));
  const text = [...lines.slice(0, firstStat - 3), '', '9 packets captured', '13 packets received by filter', '0 packets dropped by kernel', ''].join('\n');

  it('"printed by tcpdump", "were not printed", and the connection of that run is told its end may be missing', () => {
    const { records, connections } = views(text, 'en');
    expect(records.flatMap((r) => r.notes.map((n) => n.text))).toContain('9 packets printed by tcpdump.');
    expect(connections).toHaveLength(1);
    expect(connections[0].verdict.limits).toContain('unprinted-at-end');
    expect(connections[0].text.nextStep).toContain(
      "This text cannot show how the capture ended: tcpdump's statistics count more packets received by the filter than captured, with none dropped by the kernel: the last ones were still buffered when tcpdump stopped, so a connection's last packets may be missing (gaps in the middle are not the capture's).",
    );
  });
});

const allNotes = (records: RecordView[]): string[] => records.flatMap((r) => r.notes.map((n) => n.text));

describe('M5: client-reset/client.txt, the client aborted 232 ms in: a timeout is one reason among several', () => {
  it('en', () => {
    const c = views(sample('client-reset/client.txt'), 'en').connections[0];
    expect(c.verdict.verdict).toBe('reset-by-client');
    expect(c.text.appSaw).toEqual([
      'The client reports its own reason, if any: a timeout (curl: (28) Operation timed out after … milliseconds with … bytes received; Node.js: ETIMEDOUT (its own timeout), or "socket hang up" (before the response) / "aborted" (during it) after abort(); Python: TimeoutError; Java: java.net.SocketTimeoutException: Read timed out), output it could not write (curl: (23) Failure writing output to destination), a cancel (Ctrl-C), or nothing if it stopped on purpose',
      'The server application sees ECONNRESET / "Connection reset by peer" if it still reads or writes (later writes: EPIPE / Broken pipe, and SIGPIPE unless ignored)',
    ]);
  });

  it('zh-CN', () => {
    expect(views(sample('client-reset/client.txt'), 'zh-CN').connections[0].text.appSaw).toEqual([
      '客户端报告的是它自己的原因（如果有的话）：超时（curl: (28) Operation timed out after … milliseconds with … bytes received；Node.js 为 ETIMEDOUT（自己设置的超时），abort() 之后则是 "socket hang up"（响应开始前）或 "aborted"（响应过程中）；Python 为 TimeoutError；Java 为 java.net.SocketTimeoutException: Read timed out）、输出写不出去（curl: (23) Failure writing output to destination）、用户取消（Ctrl-C），或者它是有意停止的，根本不报错',
      '如果服务端应用还在读写，它会看到 ECONNRESET / "Connection reset by peer"（之后再写则是 EPIPE / Broken pipe，没有忽略 SIGPIPE 时还会收到这个信号）',
    ]);
  });
});

describe('I1/I4: seed 001, the author\'s curl 7.19.7 and a server without timestamps', () => {
  it('the old curl message is listed with curl 56 (en, zh-CN)', () => {
    expect(views(seedText('001'), 'en').connections.flatMap((c) => c.text.appSaw)).toContain(
      "The client's next read fails with ECONNRESET: curl: (56) Recv failure: Connection reset by peer (older curl such as 7.19.7: (56) Failure when receiving data from the peer)",
    );
    expect(views(seedText('001'), 'zh-CN').connections.flatMap((c) => c.text.appSaw)).toContain(
      '客户端的下一次读取以 ECONNRESET 失败：curl: (56) Recv failure: Connection reset by peer（旧版 curl，如 7.19.7：(56) Failure when receiving data from the peer）',
    );
  });

  it('RTT is still sampled without timestamps (Karn); what is lost is named (en, zh-CN)', () => {
    expect(allNotes(views(seedText('001'), 'en').records)).toContain(
      '[note] The server did not offer timestamps: RTT is then sampled only from ACKs of data sent once (Karn, RFC 6298 §3), spurious retransmissions cannot be detected from timestamps (RFC 3522), and there is no PAWS protection (RFC 7323 §5).',
    );
    expect(allNotes(views(seedText('001'), 'zh-CN').records)).toContain(
      '[提示] 服务端没有提供时间戳选项：此后只能从未重传过的数据的确认中取 RTT 样本（Karn 算法，RFC 6298 §3），无法借时间戳识别虚假重传（RFC 3522），也没有 PAWS 保护（RFC 7323 §5）。',
    );
    expect(allNotes(views(seedText('003'), 'en').records).join('\n')).not.toContain('per-segment RTT');
  });
});

const TAIL_EN =
  ': a firewall or security group drops the SYN or the SYN-ACK silently (DROP rather than REJECT), the reply takes another path, or the host is down behind a router that sends no ICMP (a tcp-only filter hides ICMP: capture "tcp or icmp").';
const TAIL_ZH =
  '：防火墙或安全组静默丢弃了 SYN 或 SYN-ACK（DROP 而不是 REJECT）、回包走了别的路径，或主机已宕机而它前面的路由器不发 ICMP（只写 tcp 的过滤条件会看不到 ICMP：请用“tcp or icmp”抓包）。';

describe('I2/R1: no-answer/client.txt, 4 SYNs over 7.261 s from a Linux client (mss,sackOK,TS,nop,wscale): no ICMP error reached it', () => {
  it('en', () => {
    const c = views(sample('no-answer/client.txt'), 'en').connections[0];
    expect(c.verdict.clientLinuxSyn).toBe(true);
    expect(c.text.summary).toContain(
      "The client 192.0.2.2:40009 sent 4 SYNs to 198.51.100.2:80 over 7.261 s and got nothing back, and no ICMP error reached it either (its SYN has Linux's option layout, and Linux aborts connect() at once on an ICMP destination-unreachable or time-exceeded in SYN_SENT, tcp_v4_err, although RFC 1122 §4.2.3.9 calls network and host unreachable soft errors)" +
        TAIL_EN,
    );
    expect(c.text.appSaw.at(-1)).toBe(
      "If an ICMP unreachable comes back instead, a Linux client's connect() fails as soon as the ICMP arrives: curl: (7) Failed to connect to 198.51.100.2 port 80 after N ms: Couldn't connect to server (older curl ends with No route to host); Node.js: Error: connect EHOSTUNREACH 198.51.100.2:80 (ENETUNREACH for a network unreachable); an iptables REJECT (ICMP port unreachable by default) gives ECONNREFUSED, Connection refused, without any RST; \"No route to host\" often comes from a firewall's icmp-host-prohibited, not from routing",
    );
  });

  it('zh-CN', () => {
    const c = views(sample('no-answer/client.txt'), 'zh-CN').connections[0];
    expect(c.text.summary).toContain(
      '客户端 192.0.2.2:40009 向 198.51.100.2:80 发送了 4 个 SYN（历时 7.261 秒），没有收到任何回应，也没有 ICMP 差错到达它（它的 SYN 是 Linux 的选项排列，而 Linux 在 SYN_SENT 状态收到 ICMP 目的不可达或超时差错会立即让 connect() 失败，见 tcp_v4_err，尽管 RFC 1122 §4.2.3.9 把网络和主机不可达算作软错误）' +
        TAIL_ZH,
    );
    expect(c.text.appSaw.at(-1)).toBe(
      "如果回来的是 ICMP 不可达，Linux 客户端的 connect() 会在 ICMP 到达时立即失败：curl: (7) Failed to connect to 198.51.100.2 port 80 after N ms: Couldn't connect to server（较旧的 curl 结尾是 No route to host）；Node.js：Error: connect EHOSTUNREACH 198.51.100.2:80（网络不可达时为 ENETUNREACH）；iptables 的 REJECT 默认回 ICMP 端口不可达，应用得到 ECONNREFUSED（Connection refused），抓包里却没有 RST；“No route to host”常常来自防火墙的 icmp-host-prohibited，而不是路由问题",
    );
  });
});

describe('R1: the same 4 SYNs with a BSD/macOS option order (synthetic: options reordered mss,nop,wscale,sackOK,TS): hedged', () => {
  const text = sample('no-answer/client.txt').replace(
    /options \[mss 1460,sackOK,TS val (\d+) ecr 0,nop,wscale 10\]/g,
    'options [mss 1460,nop,wscale 6,sackOK,TS val $1 ecr 0]',
  );

  it('en, zh-CN', () => {
    const en = views(text, 'en').connections[0];
    expect(en.verdict.clientLinuxSyn).toBeUndefined();
    expect(en.text.summary).toContain(
      'The client 192.0.2.2:40009 sent 4 SYNs to 198.51.100.2:80 over 7.261 s and got nothing back; its SYN does not have Linux\'s option layout, so this does not rule out an ICMP network or host unreachable (RFC 1122 §4.2.3.9 calls those soft errors: BSD and macOS only note them and keep retrying; Linux would abort connect() at once, tcp_v4_err)' +
        TAIL_EN,
    );
    expect(views(text, 'zh-CN').connections[0].text.summary).toContain(
      '客户端 192.0.2.2:40009 向 198.51.100.2:80 发送了 4 个 SYN（历时 7.261 秒），没有收到任何回应；它的 SYN 不是 Linux 的选项排列，所以不能排除 ICMP 网络或主机不可达（RFC 1122 §4.2.3.9 把它们算作软错误：BSD 和 macOS 只记下这类错误、继续重试；Linux 则会立即让 connect() 失败，见 tcp_v4_err）' +
        TAIL_ZH,
    );
  });
});

describe('R2: the same 4 SYNs over IPv6 (synthetic: addresses rewritten to 2001:db8::/32): tcp_v6_err, ip6tables', () => {
  const text = sample('no-answer/client.txt').replace(/IP 192\.0\.2\.2\.40009 > 198\.51\.100\.2\.80/g, 'IP6 2001:db8::2.40009 > 2001:db8:1::2.80');

  it('en, zh-CN', () => {
    const en = views(text, 'en').connections[0];
    expect(en.text.summary).toContain('in SYN_SENT, tcp_v6_err, although RFC 1122 §4.2.3.9');
    expect(en.text.summary).not.toContain('tcp_v4_err');
    // ICMPv6 needs its own filter word; Node prints an IPv6 endpoint without brackets (connect EHOSTUNREACH ::1:80).
    expect(en.text.summary).toContain('a tcp-only filter hides ICMPv6: capture "tcp or icmp6").');
    expect(en.text.appSaw.at(-1)).toBe(
      "If an ICMP unreachable comes back instead, a Linux client's connect() fails as soon as the ICMP arrives: curl: (7) Failed to connect to 2001:db8:1::2 port 80 after N ms: Couldn't connect to server (older curl ends with No route to host); Node.js: Error: connect EHOSTUNREACH 2001:db8:1::2:80; an ip6tables REJECT (ICMPv6 port unreachable by default) gives ECONNREFUSED, Connection refused, without any RST; a firewall's icmp6-adm-prohibited gives EACCES, Permission denied",
    );
    const zh = views(text, 'zh-CN').connections[0];
    expect(zh.text.summary).toContain('见 tcp_v6_err，尽管');
    expect(zh.text.appSaw.at(-1)).toContain(
      '；ip6tables 的 REJECT 默认回 ICMPv6 端口不可达，应用得到 ECONNREFUSED（Connection refused），抓包里却没有 RST；防火墙的 icmp6-adm-prohibited 则让应用得到 EACCES（Permission denied）',
    );
  });
});

describe('R3: the first SYN of no-answer/client.txt alone: an ICMP error a tcp-only filter hides is among the causes', () => {
  const text = sample('no-answer/client.txt').split('\n')[0];

  it('en, zh-CN', () => {
    expect(views(text, 'en').connections[0].text.summary).toContain(
      'The client 192.0.2.2:40009 sent 1 SYN to 198.51.100.2:80 and got nothing back: the host is down or unreachable, a firewall drops the SYN silently (DROP rather than REJECT), the reply takes another path, or an ICMP error ended connect() at once (an iptables REJECT answers with ICMP port unreachable by default), which a tcp-only filter hides: capture "tcp or icmp". Only one SYN was seen, though: the capture may simply have ended before an answer or a retry.',
    );
    expect(views(text, 'zh-CN').connections[0].text.summary).toContain(
      '客户端 192.0.2.2:40009 向 198.51.100.2:80 发送了 1 个 SYN，没有任何回应：主机宕机或不可达、防火墙静默丢弃了 SYN（DROP 而不是 REJECT）、回包走了别的路径，或者一个 ICMP 差错让 connect() 立即失败了（iptables 的 REJECT 默认回 ICMP 端口不可达），只写 tcp 的过滤条件看不到它：请用“tcp or icmp”抓包。不过只看到一个 SYN：也可能只是抓包在收到回应或重传之前就结束了。',
    );
  });
});

describe('I3: half-closed/client.txt, a FIN cannot tell shutdown(SHUT_WR) from close()', () => {
  it('R4: the summary says the server may still send, read after shutdown(), answered with RST after close() (en, zh-CN)', () => {
    expect(views(sample('half-closed/client.txt'), 'en').connections[0].text.summary).toContain(
      'The server may still send data (read by a client that only shut down its sending side, answered with RST by one that closed its socket); if it never closes, the server application is not calling close() (CLOSE_WAIT on the server).',
    );
    expect(views(sample('half-closed/client.txt'), 'zh-CN').connections[0].text.summary).toContain(
      '服务端还可以发送数据（客户端若只关闭了发送方向会照常读取，若已关闭套接字则回 RST）；如果它一直不关闭，说明服务端应用程序没有调用 close()（服务端停留在 CLOSE_WAIT）。',
    );
  });

  it('en', () => {
    expect(views(sample('half-closed/client.txt'), 'en').connections[0].text.appSaw).toEqual([
      "No error yet on the client: after receiving 78 bytes it either shut down its sending side (shutdown(SHUT_WR)) and still reads, or closed the socket; in that case its kernel keeps that end about 60 s in FIN_WAIT_2 (tcp_fin_timeout) and answers later data from the server, or a FIN after that time, with a RST (a FIN cannot tell the two apart). The server's next read() returns 0 (EOF).",
    ]);
  });

  it('zh-CN', () => {
    expect(views(sample('half-closed/client.txt'), 'zh-CN').connections[0].text.appSaw).toEqual([
      '客户端暂时没有报错：收到 78 字节之后，它要么只关闭了发送方向（shutdown(SHUT_WR)）仍在读取，要么已经关闭了套接字；后一种情况下内核把这一端在 FIN_WAIT_2 保留约 60 秒（tcp_fin_timeout），这期间服务端再发来数据、或在这之后才发来 FIN，都会收到 RST（单凭 FIN 分不出这两种情况）。服务端的下一次 read() 返回 0（EOF）。',
    ]);
  });
});

describe('S3: nat-keepalive-cut/client.txt, full-width colons after Node.js/Python/Java in the zh app block', () => {
  it('zh-CN', () => {
    const saw = views(sample('nat-keepalive-cut/client.txt'), 'zh-CN').connections.flatMap((c) => c.text.appSaw);
    expect(saw[0]).toBe(
      '客户端的应用程序：下一次对该套接字的调用得到 ETIMEDOUT（并不是它自己设置的超时）：curl: (56) Recv failure: Connection timed out；Node.js：Error: read ETIMEDOUT；Python：TimeoutError: [Errno 110] Connection timed out；Java：java.net.SocketException: Connection timed out',
    );
    expect(saw.join('\n')).not.toMatch(/(Node\.js|Python|Java): /);
  });
});

describe('M6: seed 000, two pastes without ports on the same address pair: a new connection, not port reuse', () => {
  it('tcp.new_connection (info), never tcp.port_reuse (en, zh-CN)', () => {
    const en = views(seedText('000'), 'en').records;
    const codes = en.flatMap((r) => r.analysis?.findings.map((f) => f.code) ?? []);
    expect(codes).toContain('tcp.new_connection');
    expect(codes).not.toContain('tcp.port_reuse');
    expect(allNotes(en).filter((t) => t.includes('the same address pair'))).toEqual([
      '[info] New connection: the same address pair as c1 with a new ISN; the paste has no ports, so whether the ports are the same (port reuse) cannot be told. Counted as a new connection from here.',
    ]);
    expect(allNotes(views(seedText('000'), 'zh-CN').records).filter((t) => t.includes('地址对相同'))).toEqual([
      '[信息] 新连接：与 c1 的地址对相同，但初始序列号（ISN）是新的；这段文本没有端口，无法判断端口是否相同（是不是端口复用）。从这里开始按新连接计算。',
    ]);
  });
});

describe('I6: summary of -ttt and -ttttt renders: no time of day, start "-" (as for -t)', () => {
  it('nat-drops/client-ttt.txt and handshake-close/ttttt.txt in text, JSON, CSV and markdown; the duration holds', async () => {
    const { runCliCaptured } = await import('../helpers/cli');
    for (const [file, dur] of [
      ['samples/nat-drops/client-ttt.txt', '0.220'],
      ['samples/handshake-close/ttttt.txt', '0.352'],
    ] as const) {
      const text = (await runCliCaptured(['summary', file])).out.split('\n').find((l) => l.startsWith('c1 '));
      expect(text?.split(/\s+/).slice(4, 6)).toEqual(['-', dur]);
      const json = JSON.parse((await runCliCaptured(['summary', '--format', 'json', file])).out.split('\n')[0]);
      expect(json.start).toBeNull();
      expect(json.duration.toFixed(3)).toBe(dur);
      const csv = (await runCliCaptured(['summary', '--format', 'csv', file])).out.split('\n')[1].split(',');
      expect(csv[4]).toBe('');
      const md = (await runCliCaptured(['summary', '--format', 'markdown', file])).out.split('\n').find((l) => l.startsWith('| c1 '));
      expect(md?.split(' | ')[2]).toBe('-');
    }
    // -tttt still prints its date and time.
    const dated = (await runCliCaptured(['summary', 'samples/nat-drops/client-tttt.txt'])).out.split('\n').find((l) => l.startsWith('c1 '));
    expect(dated).toMatch(/^c1 +192\.0\.2\.2:40017 → 198\.51\.100\.2:80 +\d\d:\d\d:\d\d\.\d{3} +0\.220 /);
  });
});

describe('I7: summary --help says what the dupack column counts (RFC 6675 §2) and why Wireshark\'s count differs', () => {
  it('en and zh-CN; fast-retransmit/client.txt: 99 dup ACKs, 18 of them with an unchanged window', async () => {
    const { runCliCaptured } = await import('../helpers/cli');
    const flat = (t: string) => t.replace(/\s*\n\s*/g, ' ');
    expect(flat((await runCliCaptured(['summary', '--help'], '', { LANG: 'C' })).out)).toContain(
      'Column dupack: duplicate ACKs (RFC 5681 §2), including ACKs whose window changed but whose SACK blocks report newly received data (RFC 6675 §2). Wireshark files those as window updates, and it also counts ACKs sent when no data is outstanding, so its duplicate-ACK count can differ (samples/fast-retransmit: 99 here, 18 in Wireshark).',
    );
    // yargs wraps the Chinese text at any character: compared without white space.
    const bare = (t: string) => t.replace(/\s+/g, '');
    expect(bare((await runCliCaptured(['summary', '--help', '--lang', 'zh-CN'])).out)).toContain(
      bare('重复 ACK 列（dupack）：重复确认（RFC 5681 §2），也包括窗口变了、但带着新 SACK 信息的 ACK（RFC 6675 §2）；Wireshark 把后者算作窗口更新，又把没有未确认数据时的重复 ACK 也算进去，所以两边的数字可能不同（samples/fast-retransmit：这里 99 个，Wireshark 18 个）。'),
    );
    const dups = views(sample('fast-retransmit/client.txt'), 'en').records.flatMap((r) => r.analysis?.findings.filter((f) => f.code === 'tcp.dup_ack') ?? []);
    expect(dups).toHaveLength(99);
  });
});

describe('I10: zero-window/client.txt, the server never advertised more than 2896 bytes: exactly 2 × 1448', () => {
  it('computed from the MSS 1460 and the timestamps both ends offered (en, zh-CN)', () => {
    const en = views(sample('zero-window/client.txt'), 'en').connections[0];
    expect(en.verdict.problems.find((p) => p.code === 'zero-window')).toMatchObject({ maxWindow: 2896, mss: 1460, segment: { bytes: 1448, timestamps: true } });
    expect(en.text.nextStep).toContain(
      'Also, the server never advertised more than 2896 bytes (exactly 2 full segments: 2 × 1448 bytes with timestamps; window scale 0), so the whole transfer was capped at that much per round trip',
    );
    expect(views(sample('zero-window/client.txt'), 'zh-CN').connections[0].text.nextStep).toContain(
      '另外，服务端通告的窗口从未超过 2896 字节（正好 2 个满长报文段：带时间戳时 2 × 1448 字节；窗口缩放 0），所以整个传输每个往返时间最多只能发这么多',
    );
  });
});

describe('I12: seed 004 without handshakes: one base, and no byte count claimed before a FIN', () => {
  it('c1 line 104, a single mid-stream line: "the first 6 bytes this capture shows" (en, zh-CN)', () => {
    expect(notesOf(views(seedText('004'), 'en').records, 104)).toContain(
      "seq 2552352431:2552352437: the first 6 bytes of the client's stream this capture shows (the handshake is missing, so where they lie in the whole stream is unknown).",
    );
    expect(notesOf(views(seedText('004'), 'zh-CN').records, 104)).toContain(
      'seq 2552352431:2552352437：本抓包看到的客户端数据流的前 6 个字节（没有抓到握手，不知道它们在整个数据流中的位置）。',
    );
    expect(allNotes(views(seedText('004'), 'en').records).join('\n')).not.toMatch(/bytes 0–|all 0 bytes/);
  });

  it('c4/c5: the ACK of the client\'s FIN says no data before it as far as the text shows (en, zh-CN)', () => {
    const en = allNotes(views(seedText('004'), 'en').records).filter((t) => t.startsWith("ack 2 = the client's FIN"));
    expect(en).toEqual([
      "ack 2 = the client's FIN (seq 1) + 1: a FIN uses one sequence number, like a SYN; no data before the FIN (as far as this text shows).",
      "ack 2 = the client's FIN (seq 1) + 1: a FIN uses one sequence number, like a SYN; no data before the FIN (as far as this text shows).",
    ]);
    expect(allNotes(views(seedText('004'), 'zh-CN').records)).toContain(
      'ack 2 = 客户端的 FIN（seq 1）+ 1：和 SYN 一样，FIN 也占用一个序列号；FIN 之前没有数据（就这段文本所见）。',
    );
    // With the handshake the count is exact (half-closed/client.txt: 86 bytes).
    expect(allNotes(views(sample('half-closed/client.txt'), 'en').records)).toContain(
      "ack 88 = the client's FIN (seq 87) + 1: a FIN uses one sequence number, like a SYN; all 86 bytes of its data arrived.",
    );
  });
});

describe('S1/S2/S4: zh sentences with their verbs and word order; a shift-0 window is "not scaled", not "no scaling"', () => {
  it('S1 seed 000 c2: each limit the zh next step names has its verb', () => {
    const c2 = byConn(views(seedText('000'), 'zh-CN').connections, 'c2');
    expect(c2.text.nextStep).toContain(
      '这份文本无法显示究竟是谁发送了 RST（tcpdump -v 会打印每个报文的 TTL 和 IP id）；也无法显示任何时间信息（重传定时器还是探测、停滞和空闲时长），因为这段文本没有时间戳。',
    );
    expect(byConn(views(seedText('000'), 'en').connections, 'c2').text.nextStep).toContain(
      'This text cannot show who really sent the RST (tcpdump -v prints the TTL and IP id of each packet); nor any timing (retransmission timer or probe, stall and idle lengths), as the text has no timestamps.',
    );
  });

  it('S2 seed 001: "它的 SYN-ACK（第 42 行第 2 个报文）" in the summary and the next step', () => {
    const c = views(seedText('001'), 'zh-CN').connections.find((x) => x.verdict.verdict === 'reset-no-connection') as ConnectionView;
    expect(c.text.summary).toContain('它在此之前的最后一个报文段是它的 SYN-ACK（第 42 行第 2 个报文），表明它那时还有这个连接');
    expect(c.text.nextStep).toMatch(/^找出是什么让服务端在它的 SYN-ACK（第 42 行第 2 个报文）之后丢失了连接：/);
  });

  it('S4 seed 000 c1: window scale 0 was negotiated, so later windows are "×1, not scaled" (en, zh-CN)', () => {
    const en = allNotes(views(seedText('000'), 'en').records);
    expect(en).toContain('win 4560: the server can receive 4560 more bytes now (×1, not scaled).');
    expect(en.join('\n')).not.toContain('no window scaling)');
    expect(allNotes(views(seedText('000'), 'zh-CN').records)).toContain('win 4560：服务端现在还能接收 4560 字节（×1，不缩放）。');
  });
});

describe('recheck 4 Y3: a refused IPv6 connection (synthetic: refused/client.txt with addresses rewritten to 2001:db8::/32)', () => {
  const text = sample('refused/client.txt')
    .replace('IP 192.0.2.2.40003 > 198.51.100.2.81', 'IP6 2001:db8::2.40003 > 2001:db8:1::2.81')
    .replace('IP 198.51.100.2.81 > 192.0.2.2.40003', 'IP6 2001:db8:1::2.81 > 2001:db8::2.40003');

  it('the bind advice names :: and ::1, and Node prints the endpoint without brackets (en, zh-CN)', () => {
    const en = views(text, 'en').connections[0].text;
    expect(en.nextStep).toContain("bound to the right address (::, or the server's address, not ::1; a listener on 0.0.0.0 accepts IPv4 only)");
    expect(en.appSaw).toContain('Node.js: Error: connect ECONNREFUSED 2001:db8:1::2:81');
    expect(views(text, 'zh-CN').connections[0].text.nextStep).toContain('是否绑定在正确的地址上（:: 或服务端自己的地址，而不是 ::1；监听 0.0.0.0 只接受 IPv4）');
    // The IPv4 capture keeps its own advice.
    expect(views(sample('refused/client.txt'), 'en').connections[0].text.nextStep).toContain("(0.0.0.0 or the server's address, not 127.0.0.1)");
  });
});
