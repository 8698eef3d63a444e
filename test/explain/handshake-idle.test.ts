// Review fixes: which SYN a SYN-ACK answers (TS echo), the ACK of a duplicate SYN-ACK, SYN retry spacing, and wording
// of TIME_WAIT, refusals, half-closes, three-way closes, pasted text without timestamps or ports.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { ConnectionView, RecordView } from '../../src/report';
import type { Lang } from '../../src/explain';
import { seedText } from '../helpers/fixtures';

const sample = (rel: string) => readFileSync(new URL(`../../samples/${rel}`, import.meta.url), 'utf8');

function notesAt(text: string, line: number, lang: Lang, kind?: string): string[] {
  const view = annotateText(text, { lang }).find((i): i is RecordView => i.kind === 'record' && i.rec.line === line);
  if (!view) throw new Error(`no record on line ${line}`);
  return view.notes.filter((n) => kind === undefined || n.kind === kind).map((n) => n.text);
}
const verdicts = (text: string, lang: Lang) => annotateText(text, { lang }).filter((i): i is ConnectionView => i.kind === 'connection');

describe('synack-lost: the TS echo tells which SYN a SYN-ACK answers', () => {
  it('client side, line 5: 82 µs after line 3, both echo the first SYN (TS ecr 1971338512): one answers the resent SYN, the other is the timer', () => {
    const text = sample('synack-lost/n.txt');
    expect(notesAt(text, 5, 'en', 'finding')).toEqual([
      "[warning] SYN-ACK sent again (attempt 3: the first, lost on the way, is not in this capture; 0.082 ms after the previous one): no timer fires that soon. One of the two answers the client's resent SYN (Linux tcp_check_req → inet_rtx_syn_ack), the other is the server's own 1-s SYN-ACK timer (reqsk_timer_handler); both echo the first SYN's timestamp, so the first SYN arrived and the original SYN-ACK was lost on the way back.",
    ]);
    expect(notesAt(text, 5, 'zh-CN', 'finding')[0]).toContain('两者都回显了第一个 SYN 的时间戳，所以第一个 SYN 到达了服务端，最初的 SYN-ACK 在返回途中丢失了');
    // Line 6 answers the duplicate SYN-ACK (RFC 9293 §3.10.7.4): the server has nothing outstanding, no duplicate ACK.
    expect(notesAt(text, 6, 'en', 'finding')).toEqual([]);
    expect(notesAt(text, 6, 'en').join(' ')).not.toContain('Duplicate ACK');
  });

  it('server side, line 5: it follows the resent SYN (line 4), so it answers it; line 3 was the 1-s timer', () => {
    const text = sample('synack-lost/server.txt');
    expect(notesAt(text, 3, 'en', 'finding')).toEqual([
      "[warning] SYN-ACK sent again (attempt 2, 1.023 s after the first): the server's SYN-ACK timer (1 s, then doubling) ran out before the final ACK arrived: the SYN-ACK or the ACK was lost on the way.",
    ]);
    expect(notesAt(text, 5, 'en', 'finding')).toEqual([
      "[warning] SYN-ACK sent again (attempt 3, 0.132 ms after the previous one): it answers the client's resent SYN (Linux tcp_check_req → inet_rtx_syn_ack); the previous SYN-ACK, sent before that SYN arrived, was the server's own 1-s SYN-ACK timer (reqsk_timer_handler). Both echo the first SYN's timestamp, so the first SYN arrived and the original SYN-ACK was lost on the way back.",
    ]);
    expect(notesAt(text, 5, 'zh-CN', 'finding')[0]).toContain('它回应客户端重发的 SYN');
    const [v] = verdicts(text, 'en');
    expect(v.text.nextStep).toBe(
      "The first SYN-ACK was lost on the server→client path (the SYN-ACK echoes the first SYN's TSval, so the server got that SYN and its listen queue took it): look for drops on the return path (capture at both ends and compare them with tcplain pair).",
    );
  });

  it("SYN retry spacing: doubling only before Linux 6.5 or with tcp_syn_linear_timeouts = 0; the give-up counts both sysctls", () => {
    const en = notesAt(sample('synack-lost/n.txt'), 2, 'en', 'finding')[0];
    expect(en).toContain(
      'Linux before 6.5, or with net.ipv4.tcp_syn_linear_timeouts = 0, doubles the wait (1, 3, 7, 15 s after the first SYN); since Linux 6.5 the default (tcp_syn_linear_timeouts = 4) retries at 1 s intervals for the first 5 retransmissions (1, 2, 3, 4, 5 s after the first SYN), then doubles (7, 11, 19 … s).',
    );
    expect(en).toContain('The SYN or its SYN-ACK was lost on the way');
    expect(notesAt(sample('synack-lost/n.txt'), 2, 'zh-CN', 'finding')[0]).toContain('从 Linux 6.5 起默认值（tcp_syn_linear_timeouts = 4）让前 5 次重传间隔 1 秒（距第一个 SYN 1、2、3、4、5 秒），之后翻倍（7、11、19……秒）。');
    const [v] = verdicts(sample('no-answer/n.txt'), 'en');
    expect(v.text.appSaw[0]).toContain('after net.ipv4.tcp_syn_retries retries, plus tcp_syn_linear_timeouts since 6.5');
    expect(verdicts(sample('no-answer/n.txt'), 'zh-CN')[0].text.appSaw[0]).toContain('6.5 起再加上 tcp_syn_linear_timeouts 次');
  });
});

describe('wording', () => {
  it('TIME_WAIT: 2×MSL per RFC 9293, Linux a fixed 60 s', () => {
    const text = sample('keepalive/n.txt');
    expect(notesAt(text, 16, 'en').join('\n')).toContain('TIME_WAIT (done; waits 2×MSL per RFC 9293 (Linux: a fixed 60 s, TCP_TIMEWAIT_LEN)');
    expect(notesAt(text, 16, 'zh-CN').join('\n')).toContain('2×MSL（RFC 9293；Linux 固定为 60 秒，TCP_TIMEWAIT_LEN）');
  });

  it('refused: the bind address, not an interface', () => {
    const [v] = verdicts(sample('refused/n.txt'), 'en');
    expect(v.text.nextStep).toContain('bound to the right address (0.0.0.0 or the server\'s address, not 127.0.0.1)');
    expect(verdicts(sample('refused/n.txt'), 'zh-CN')[0].text.nextStep).toContain('是否绑定在正确的地址上（0.0.0.0 或服务端自己的地址，而不是 127.0.0.1）');
  });

  it('half-closed by the client: the server has already answered; it may still send, read or answered with RST', () => {
    const [v] = verdicts(sample('half-closed/n.txt'), 'en');
    expect(v.text.summary).toContain(
      'The server may still send data (read by a client that only shut down its sending side, answered with RST by one that closed its socket); if it never closes',
    );
    expect(verdicts(sample('half-closed/n.txt'), 'zh-CN')[0].text.summary).toContain('服务端还可以发送数据（客户端若只关闭了发送方向会照常读取，若已关闭套接字则回 RST）；');
  });

  it('zh three-way close: the duration follows the close-type parenthesis', () => {
    const [v] = verdicts(sample('idle-timeout/n.txt'), 'zh-CN');
    expect(v.text.summary).toContain('（三次挥手：一方的 FIN 与对另一方 FIN 的确认合并在同一报文中），历时 2.055 秒。');
  });

  it('seed 000: no ports and no timestamps in the paste (its command has no -t)', () => {
    const text = seedText('000');
    const en = verdicts(text, 'en');
    const reuse = en.length > 1 ? annotateText(text, { lang: 'en' }).filter((i): i is RecordView => i.kind === 'record').flatMap((r) => r.notes.map((n) => n.text)).filter((t) => t.includes('the same address pair as c1')) : [];
    expect(reuse).toEqual(['[info] New connection: the same address pair as c1 with a new ISN; the paste has no ports, so whether the ports are the same (port reuse) cannot be told. Counted as a new connection from here.']);
    const next = en.map((v) => v.text.nextStep).join(' ');
    expect(next).toContain('any timing (retransmission timer or probe, stall and idle lengths), as the text has no timestamps');
    expect(next).not.toContain('drop -t');
    const zh = verdicts(text, 'zh-CN').map((v) => v.text.nextStep).join(' ');
    expect(zh).toContain('因为这段文本没有时间戳');
    expect(zh).not.toContain('去掉 -t');
  });

  it('-t on the command line is named', () => {
    const cmd = '# tcpdump -t -n -i eth0 port 80\n';
    const body = sample('handshake-close/t.txt');
    const next = verdicts(cmd + body, 'en').map((v) => v.text.nextStep).join(' ');
    expect(next).toContain('as tcpdump ran with -t and printed no timestamps (drop -t)');
  });
});
