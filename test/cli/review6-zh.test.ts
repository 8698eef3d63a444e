// Review 6 (S3–S6): Chinese wording on real samples: one word for a RST's reset (复位) and for a verdict (结论),
// full-width punctuation and the enumeration comma in Chinese sentences, 毫秒/秒 in the diagram's prose.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../helpers/cli';

const sample = (p: string) => fileURLToPath(new URL(`../../samples/${p}`, import.meta.url));

describe('review6 zh-CN wording', () => {
  it('the lesson list: 课程：, 复位 in the titles; an unknown lesson lists the names with 、', async () => {
    const list = await run(['lesson', '--lang', 'zh-CN']);
    expect(list.out.split('\n')[0]).toBe('课程：');
    expect(list.out).toContain('  server-reset     服务端复位连接');
    expect(list.out).toContain('  idle-reset       空闲后被复位');
    expect(list.out).not.toContain('重置');
    const bad = await run(['lesson', 'nosuch', '--lang', 'zh-CN']);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe(
      'tcplain: 没有名为“nosuch”的课程（可选：handshake、data-acks、four-way-close、three-way-close、refused、server-reset、idle-reset、forged-rst、mss-clamp、retransmission、fast-retransmit、zero-window）',
    );
  });

  it('pair --help says 结论 for a verdict, never 判断', async () => {
    const h = await run(['pair', '--help', '--lang', 'zh-CN']);
    expect(h.out).toContain('配对的结论，或配对中任一条连接的结论，达到此严重度时退出状态为 1');
    expect(h.out).not.toMatch(/配对的判断|连接的判断/);
  });

  it('the expert table header shows the cells\' own form c1:16 (fast-retransmit/n.txt)', async () => {
    const r = await run(['summary', sample('fast-retransmit/n.txt'), '--lang', 'zh-CN']);
    expect(r.out).toContain('最早出现的行（如 c1:16）');
  });

  it('the time-scaled SVG writes 毫秒/秒 like the rest of the drawing (retransmission/n.txt)', async () => {
    const r = await run(['diagram', sample('retransmission/n.txt'), '--format', 'svg', '--time-scale', '--lang', 'zh-CN']);
    expect(r.out).toContain('时间向下流逝：行距与抓包时间成比例，50 毫秒 = 40 像素（至少一行文字的高度），超过 250 毫秒的间隔被缩短（⋯）。');
    expect(r.out).not.toMatch(/\d ms/);
  });

  it('the quiz answer key: full-width colon after the answer (handshake-close/n.txt)', async () => {
    const r = await run(['explain', sample('handshake-close/n.txt'), '--quiz', '--format', 'text', '--lang', 'zh-CN']);
    expect(r.out).toContain('1. d) `S.`：SYN-ACK：服务端同意连接，并打开自己这个方向（三次握手第 2 步）。');
  });
});
