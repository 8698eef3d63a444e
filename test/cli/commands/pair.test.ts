// `tcplain pair` through yargs parseAsync with injected streams: outputs, languages, stdin, and input errors.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliCaptured as run } from '../../helpers/cli';

const sample = (p: string) => fileURLToPath(new URL(`../../../samples/${p}`, import.meta.url));

describe('tcplain pair', () => {
  const client = sample('nat-forged-rst/client.txt');
  const server = sample('nat-forged-rst/server.txt');

  it('--format json: one kind:"pair" record with the agreed fields', async () => {
    const r = await run(['pair', '--format', 'json', client, server]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    const p = lines[0];
    expect({ v: p.v, kind: p.kind, client: p.client, server: p.server, nat: p.nat, onlyClient: p.onlyClient, onlyServer: p.onlyServer, rewrites: p.rewrites, verdict: p.verdict }).toEqual({
      v: 1,
      kind: 'pair',
      client: 'c1',
      server: 'c1',
      nat: [{ original: '192.0.2.2:40016', translated: '198.51.100.1:61006', side: 'client', kind: 'address+port', printed: { client: '192.0.2.2.40016', server: '198.51.100.1.61006' } }],
      onlyClient: [],
      onlyServer: [16, 23],
      rewrites: [],
      verdict: 'corr.rst-injected',
    });
    expect(p.findings).toEqual(['corr.nat', 'corr.rst_not_sent_by_peer', 'corr.lost_in_path']);
    expect(p.confidence).toBeGreaterThan(0.99);
    expect(typeof p.clockOffset).toBe('number');
    expect(Math.abs(p.clockOffset)).toBeLessThanOrEqual(p.rtt / 2);
    expect(p.summary).toBe('The RST the server got was forged on the path: the client never sent it.');
  });

  it('text: the merged timeline marks the forged RST server-only, and the verdict names the path', async () => {
    const r = await run(['pair', client, server]);
    expect(r.code).toBe(0);
    const rows = r.out.split('\n');
    expect(rows[0]).toBe('Connection c1 (client capture) = c1 (server capture), confidence 1.000 — matched on ISN, TS val/ecr, segment sizes and order, timing, ports');
    expect(rows).toContain('  client  192.0.2.2:40016 → 198.51.100.1:61006  (address and port translated)');
    const rst = rows.find((l) => l.includes('[R] seq 87'));
    expect(rst).toMatch(/^ {2}2026-11-21 11:22:50\.062836 {2}server only +client → server +\[R\] seq 87 win 0 len 0 {2}‹never sent by the peer› +server 23$/);
    expect(rows).toContain('Verdict: The RST the server got was forged on the path: the client never sent it.');
    expect(rows).toContain('1 connection paired; 0 only in the client capture, 0 only in the server capture.');
  });

  it('--lang zh: the same in Chinese', async () => {
    const r = await run(['pair', '--lang', 'zh', client, server]);
    expect(r.out.split('\n')).toContain('结论：服务端收到的 RST 是在途中伪造的：客户端从未发送过它。');
  });

  it('reads one side from stdin ("-") with the same result', async () => {
    const files = await run(['pair', '--format', 'json', client, server]);
    const piped = await run(['pair', '--format', 'json', '-', server], readFileSync(client, 'utf8'));
    expect(piped.out).toBe(files.out);
  });

  it('connections found on one side only are kind:"unpaired"', async () => {
    const r = await run(['pair', '--format', 'json', sample('nat-basic/client.txt'), server]);
    const lines = r.out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.kind, l.side, l.client, l.server])).toEqual([
      ['unpaired', 'client', '192.0.2.2:40014', '198.51.100.2:80'],
      ['unpaired', 'server', '198.51.100.1:61006', '198.51.100.2:80'],
    ]);
  });

  it('a missing file is one line on stderr and exit code 2', async () => {
    const r = await run(['pair', client, 'no-such-capture.txt']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe("tcplain: cannot read 'no-such-capture.txt': no such file\n");
  });

  it('refuses stdin for both sides', async () => {
    const r = await run(['pair', '-', '-']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe("tcplain: only one of CLIENT and SERVER can be '-' (stdin)");
  });

  it('--window must be a positive number of seconds', async () => {
    const r = await run(['pair', '--window', '0', client, server]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('tcplain: --window takes a number of seconds above 0');
  });

  it('is listed in --help', async () => {
    const r = await run(['--help']);
    expect(r.out).toMatch(/tcplain pair <client> <server> +Pair a client-side and a server-side capture/);
  });
});

describe('tcplain pair on captures that do not overlap in time (review6 M3)', () => {
  it('no-answer client.txt × nat-basic server.txt: "does not cover", no drop claimed; --fail-on error exits 0 (text, JSON, zh-CN)', async () => {
    const files = [sample('no-answer/client.txt'), sample('nat-basic/server.txt')];
    const en = await run(['pair', ...files, '--format', 'text', '--fail-on', 'error']);
    expect(en.code).toBe(0);
    expect(en.out.split('\n')[1]).toBe(
      "  The server capture does not cover the time of the client's 4 SYNs (lines 1, 2, 3, 4, 2026-11-21 11:22:08.720879 to 2026-11-21 11:22:15.981929): if the two capture clocks agree (no connection could be paired to check them), it starts at 2026-11-21 11:22:46.071334, so it cannot tell whether they reached the server. Next: capture both sides at the same time.",
    );
    expect(en.out).not.toContain('dropped');
    const zh = await run(['pair', ...files, '--format', 'text', '--lang', 'zh-CN']);
    expect(zh.out.split('\n')[1]).toContain('服务端抓包没有覆盖客户端 4 个 SYN 的时间');
    const json = await run(['pair', ...files, '--format', 'json']);
    const rec = json.out.trimEnd().split('\n').map((l) => JSON.parse(l)).find((o) => o.kind === 'unpaired' && o.side === 'client');
    expect(rec.diagnosis.code).toBe('outside-other-capture');
    expect(rec.diagnosis.other).toEqual({ first: 1795260166.071334, last: 1795260166.423929 });
  });
});
