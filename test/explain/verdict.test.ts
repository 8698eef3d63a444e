// Verdicts in words on real captures: headline, summary, next step, and what the client's application reported.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report';
import type { ConnectionView } from '../../src/report';
import { explainVerdict } from '../../src/explain';
import type { Lang } from '../../src/explain';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { createTracker } from '../../src/track';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');
const sample = (p: string) => read(`../../samples/${p}`);
const connections = (text: string, lang: Lang) => annotateText(text, { lang }).filter((i): i is ConnectionView => i.kind === 'connection');

describe('seed 001: the server resets right after the HEAD request', () => {
  const text = read('../../../shared/seeds/001_c37126aeb1394c5b.txt');
  it('reset-by-server after the request → curl (56), Node ECONNRESET', () => {
    const [c] = connections(text, 'en');
    expect([c.verdict.verdict, c.verdict.phase, c.verdict.resetBy]).toEqual(['reset-by-server', 'after-request', 'server']);
    expect(c.text.headline).toBe('Reset by the server after the request, before any reply');
    expect(c.text.appSaw).toEqual([
      'curl: (56) Recv failure: Connection reset by peer',
      'Node.js: Error: read ECONNRESET (write ECONNRESET or EPIPE if it was still sending)',
      'Python: ConnectionResetError: [Errno 104] Connection reset by peer',
      'Java: java.net.SocketException: Connection reset',
    ]);
    expect(explainVerdict(c.verdict, 'zh-CN').headline).toBe('服务端在收到请求之后、回复之前复位了连接');
  });
});

describe('samples', () => {
  it('refused → curl (7), ECONNREFUSED, the port named', () => {
    const [c] = connections(sample('refused/client.txt'), 'en');
    expect(c.verdict.verdict).toBe('refused');
    expect(c.text.summary).toBe(
      'The client 192.0.2.2:40003 asked to connect to 198.51.100.2:81; the answer was a RST: no program listens on port 81 there (or a firewall rejects with a reset). The host itself is up and reachable.',
    );
    expect(c.text.appSaw.slice(0, 2)).toEqual([
      "curl: (7) Failed to connect to 198.51.100.2 port 81 after N ms: Couldn't connect to server (older curl ends with: Connection refused)",
      'Node.js: Error: connect ECONNREFUSED 198.51.100.2:81',
    ]);
    const [zh] = connections(sample('refused/client.txt'), 'zh-CN');
    expect(zh.text.headline).toBe('连接被拒绝：服务端用 RST 回应了 SYN');
  });

  it('no-answer → four SYNs, curl (28), ETIMEDOUT', () => {
    const [c] = connections(sample('no-answer/client.txt'), 'en');
    expect([c.verdict.verdict, c.verdict.synRetransmissions]).toEqual(['no-answer', 3]);
    expect(c.text.summary).toMatch(/^The client 192\.0\.2\.2:\d+ sent 4 SYNs to 198\.51\.100\.2:80 over 7\.\d+ s and got nothing back/);
    expect(c.text.appSaw[0]).toBe(
      "curl: (28) Connection timed out after N milliseconds, when curl's own --connect-timeout or -m runs out first; when the kernel gives up first (Linux: after net.ipv4.tcp_syn_retries retries), also exit code 28: Failed to connect to 198.51.100.2 port 80 after N ms: Couldn't connect to server",
    );
    expect(c.text.appSaw[1]).toBe('Node.js: Error: connect ETIMEDOUT 198.51.100.2:80 (the kernel gave up; Node sets no connect timeout of its own)');
  });

  it('half-closed: the client closed, the server never did (CLOSE_WAIT)', () => {
    const [c] = connections(sample('half-closed/client.txt'), 'en');
    expect(c.verdict.verdict).toBe('half-closed');
    expect(c.text.headline).toBe('Half-closed: only the client sent FIN');
    expect(c.text.nextStep).toBe('Check the server application: many CLOSE_WAIT sockets (ss -tan state close-wait) mean it forgets to close connections.');
    expect(connections(sample('half-closed/client.txt'), 'zh-CN')[0].text.headline).toBe('半关闭：只有客户端发送了 FIN');
  });

  it('idle-reset and client-reset', () => {
    expect(connections(sample('idle-reset/client.txt'), 'en')[0].text.headline).toBe('Reset after a long idle period');
    const [c] = connections(sample('client-reset/client.txt'), 'en');
    expect([c.verdict.verdict, c.text.headline]).toEqual(['reset-by-client', 'Aborted by the client (RST) in the middle of the transfer']);
  });

  it('normal close: four-way and three-way', () => {
    expect(connections(sample('handshake-close/client.txt'), 'zh-CN')[0].text.headline).toBe('正常关闭（四次挥手）');
    expect(connections(sample('three-way-close/client.txt'), 'en')[0].text.headline).toBe('Closed normally (three-way close: one FIN rode on the ACK of the other)');
  });
});

describe('a connection let go to bound memory (TrackerOptions.maxOpen)', () => {
  it('says so in the headline and summary, in both languages', () => {
    const conn = sample('handshake-close/n.txt').split('\n');
    const tracker = createTracker({ maxOpen: 1 });
    const recs = parseRecords(recordsFromText([...conn.slice(0, 3), sample('refused/n.txt').split('\n')[0]].join('\n')));
    const verdicts = recs.flatMap((r) => tracker.push(r).closed);
    expect(verdicts.map((v) => [v.conn, v.verdict, v.evictedAt])).toEqual([['c1', 'open', 4]]);
    const en = explainVerdict(verdicts[0], 'en');
    expect(en.headline).toBe('Still open when tcplain stopped following it');
    expect(en.summary).toBe(
      '0 bytes → and 0 bytes ← so far, and no FIN or RST: a long-lived connection (keep-alive, streaming), or the capture stopped early. (tcplain stopped following this connection at line 4 to keep its memory bounded: too many connections were open at once, and this one had been idle the longest)',
    );
    const zh = explainVerdict(verdicts[0], 'zh-CN');
    expect(zh.headline).toBe('tcplain 停止跟踪时连接仍然打开');
    expect(zh.summary.endsWith('（为了限制内存，tcplain 在第 4 行停止跟踪这个连接：同时打开的连接太多，而它空闲的时间最长）')).toBe(true);
  });
});
