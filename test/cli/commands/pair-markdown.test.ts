// `tcplain pair --format markdown` through yargs: the whole report from both files, en and zh.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../../helpers/cli';

const sample = (p: string) => fileURLToPath(new URL(`../../../samples/${p}`, import.meta.url));

describe('tcplain pair --format markdown', () => {
  const client = sample('nat-forged-rst/client.txt');
  const server = sample('nat-forged-rst/server.txt');

  it('en: title with the inputs, verdict, 9 timeline rows, one Mermaid block, totals', async () => {
    const r = await run(['pair', '--format', 'markdown', client, server]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`# tcplain pair: ${client} ⇄ ${server}`);
    expect(lines).toContain('**Verdict:** The RST the server got was forged on the path: the client never sent it.');
    expect(lines.filter((l) => /^\| 2026-11-21 11:22:5\d\.\d{6} \| /.test(l))).toHaveLength(9);
    expect(lines.filter((l) => l === '```mermaid')).toHaveLength(1);
    expect(r.out.endsWith('1 connection paired; 0 only in the client capture, 0 only in the server capture.\n\nServer capture clock: 0.5 µs behind the client capture clock (± 6.5 µs).\n')).toBe(true);
  });

  it('--lang zh: the same in Chinese', async () => {
    const r = await run(['pair', '--format', 'markdown', '--lang', 'zh', client, server]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toContain('**结论：** 服务端收到的 RST 是在途中伪造的：客户端从未发送过它。');
  });
});
