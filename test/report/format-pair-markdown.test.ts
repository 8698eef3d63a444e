// Markdown rendering of a pair (`tcplain pair --format markdown`): nat-forged-rst and nat-mss-clamp, en and zh-CN.

import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { pairCaptures } from '../../src/correlate';
import { formatPairMarkdown, formatPairMermaid } from '../../src/report/format-pair-markdown';
import { sampleText, viewOf } from '../correlate/helpers';

const pairOf = (s: string) => pairCaptures(viewOf(sampleText(s, 'client')), viewOf(sampleText(s, 'server')));
const forged = pairOf('nat-forged-rst');
const clamp = pairOf('nat-mss-clamp');
/** Table rows of the timeline: lines starting with `| ` but the header (the `|---|` separator never matches). */
const tableRows = (md: string) => md.split('\n').filter((l) => l.startsWith('| ')).slice(1);
const mermaidBlock = (md: string) => md.match(/```mermaid\n([\s\S]*?)```/)![1];

describe('formatPairMarkdown', () => {
  it('en, nat-forged-rst: verdict, NAT, one table row per timeline segment, forged RST server-only', () => {
    const md = formatPairMarkdown(forged, 'en', { sources: { client: 'client.txt', server: 'server.txt' } });
    const lines = md.split('\n');
    expect(lines[0]).toBe('# tcplain pair: client.txt ⇄ server.txt');
    expect(lines).toContain('## Connection c1 (client capture) = c1 (server capture)');
    expect(lines).toContain('**Verdict:** The RST the server got was forged on the path: the client never sent it.');
    expect(lines).toContain('- client `192.0.2.2:40016` → `198.51.100.1:61006` (address and port translated)');
    expect(lines).toContain('Clocks: the server capture runs 0.5 µs behind the client capture; path delay ≈ 6.5 µs each way (round trip 13 µs).');
    expect(lines).toContain('| time | seen by | direction | segment | delay | lines |');
    const rows = tableRows(md);
    expect(forged.pairs[0].timeline).toHaveLength(9);
    expect(rows).toHaveLength(9);
    expect(lines).toContain('|---|---|---|---|---|---|');
    expect(rows[0]).toBe('| 11:22:50.012138 | both | client → server | `[S] seq 0 win 64240 len 0 mss 1460 wscale 10` | 84.5 µs | client 1, server 1 |');
    expect(rows[6]).toBe('| 11:22:50.062836 | server only | client → server | `[R] seq 87 win 0 len 0` ‹never sent by the peer› |  | server 23 |');
    expect(lines.some((l) => l.startsWith('- The RST the server received (line 23) was never sent by the client: it was forged on the path.'))).toBe(true);
  });

  it('en, nat-forged-rst: the Mermaid block parses; lost ends at the path, forged starts there', async () => {
    const text = mermaidBlock(formatPairMarkdown(forged, 'en'));
    expect(text).toBe(formatPairMermaid(forged.pairs[0], 'en'));
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
    const ls = text.split('\n');
    expect(ls.slice(0, 5)).toEqual([
      'sequenceDiagram',
      '    participant C as client 192.0.2.2:40016',
      '    participant P as path',
      '    participant S as server 198.51.100.2:80',
      '    C->>S: [1/1] [S] seq 0 win 64240 len 0 mss 1460 wscale 10',
    ]);
    expect(ls.slice(9, 13)).toEqual([
      '    S-xP: [-/16] [P.] seq 1:79 ack 87 win 65536 len 78',
      '    Note over P: lost on the path',
      '    P-xS: [-/23] [R] seq 87 win 0 len 0',
      '    Note over P: never sent by the peer',
    ]);
    // One message per timeline segment.
    expect(ls.filter((l) => /^ {4}[CPS]-?[-x>]+>?[CPS]: /.test(l))).toHaveLength(9);
  });

  it('en, nat-mss-clamp: the MSS rewrite in the verdict, the rewrites, the table and the diagram', async () => {
    const md = formatPairMarkdown(clamp, 'en');
    const lines = md.split('\n');
    expect(lines).toContain('**Verdict:** The same connection on both sides, with the MSS lowered on the path: 1460 → 1200 toward the server, 1460 → 1200 toward the client.');
    expect(lines).toContain('- MSS client → server: sent 1460 (client capture), arrived 1200 (server capture)');
    expect(tableRows(md)[0]).toBe('| 11:22:48.049839 | both | client → server | `[S] seq 0 win 64240 len 0 mss 1460→1200 wscale 10` | 212.5 µs | client 1, server 1 |');
    expect(tableRows(md)).toHaveLength(clamp.pairs[0].timeline.length);
    const text = mermaidBlock(md);
    expect(text).toContain('    C->>S: [1/1] [S] seq 0 win 64240 len 0 mss 1460→1200 wscale 10\n');
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
  });

  it('zh-CN: the same report in Chinese, and its diagram parses', async () => {
    const md = formatPairMarkdown(forged, 'zh-CN');
    const lines = md.split('\n');
    expect(lines).toContain('**结论：** 服务端收到的 RST 是在途中伪造的：客户端从未发送过它。');
    expect(lines).toContain('## 连接 c1（客户端抓包）= c1（服务端抓包）');
    expect(tableRows(md)).toHaveLength(9);
    const text = mermaidBlock(md);
    expect(text.split('\n')[2]).toBe('    participant P as 路径');
    await expect(mermaid.parse(text)).resolves.toMatchObject({ diagramType: 'sequence' });
  });
});
