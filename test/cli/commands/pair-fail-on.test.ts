// `tcplain pair --fail-on warn|error`: exit status 1 when a pair's verdict or either of its connections' verdicts
// reaches the severity, on real paired captures; the output is the same as without the option; 2 still wins.

import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run';
import { runCliCaptured as run, Sink } from '../../helpers/cli';

const sample = (p: string) => fileURLToPath(new URL(`../../../samples/${p}`, import.meta.url));
const both = (name: string): [string, string] => [sample(`${name}/client.txt`), sample(`${name}/server.txt`)];

/** The `severity` object of each kind:"pair" JSON record. */
async function severities(name: string): Promise<Array<{ verdict: string; client: string; server: string; code: string }>> {
  const r = await run(['pair', '--format', 'json', ...both(name)]);
  expect(r.code).toBe(0);
  return r.out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((o) => o.kind === 'pair')
    .map((o) => ({ code: o.verdict, ...o.severity }));
}

describe('tcplain pair --fail-on', () => {
  it('JSON carries the severities --fail-on compares: the pair verdict\'s and each connection\'s', async () => {
    expect(await severities('nat-forged-rst')).toEqual([{ code: 'corr.rst-injected', verdict: 'error', client: 'error', server: 'error' }]);
    // The replies lost on the path (warn) ended in a keep-alive timeout on both ends (error).
    expect(await severities('nat-keepalive-cut')).toEqual([{ code: 'corr.lost-in-path', verdict: 'warn', client: 'error', server: 'error' }]);
    expect(await severities('nat-drops')).toEqual([{ code: 'corr.lost-in-path', verdict: 'warn', client: 'warn', server: 'warn' }]);
    expect(await severities('nat-mss-clamp')).toEqual([{ code: 'corr.mss-clamped', verdict: 'notice', client: 'ok', server: 'ok' }]);
    // A clean path, but the connection itself was refused.
    expect(await severities('refused')).toEqual([{ code: 'corr.clean', verdict: 'ok', client: 'error', server: 'error' }]);
  });

  it('exit status per capture pair and threshold: 1 at or above it, else 0, the output unchanged', async () => {
    const cases: Array<[string, 'warn' | 'error', number]> = [
      ['nat-forged-rst', 'error', 1],
      ['nat-forged-rst', 'warn', 1],
      // The pair verdict is a warning, the connections' keep-alive timeouts are errors: error trips through them.
      ['nat-keepalive-cut', 'error', 1],
      ['nat-drops', 'warn', 1],
      ['nat-drops', 'error', 0],
      ['refused', 'error', 1],
      ['nat-mss-clamp', 'warn', 0],
      ['nat-basic', 'warn', 0],
      ['handshake-close', 'warn', 0],
    ];
    for (const [name, level, code] of cases) {
      const plain = await run(['pair', '--format', 'text', ...both(name)]);
      for (const format of ['text', 'json']) {
        const r = await run(['pair', '--fail-on', level, '--format', format, ...both(name)]);
        expect([name, level, format, r.code, r.err]).toEqual([name, level, format, code, '']);
        if (format === 'text') expect(r.out).toBe(plain.out);
      }
    }
  });

  it('Chinese output trips the same way', async () => {
    const r = await run(['pair', '--lang', 'zh', '--fail-on', 'error', ...both('nat-forged-rst')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('结论：服务端收到的 RST 是在途中伪造的：客户端从未发送过它。');
  });

  it('--format markdown: the report is written, then exit 1', async () => {
    const bad = await run(['pair', '--format', 'markdown', '--fail-on', 'error', ...both('nat-forged-rst')]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^# /);
    const good = await run(['pair', '--format', 'markdown', '--fail-on', 'warn', ...both('nat-mss-clamp')]);
    expect(good.code).toBe(0);
  });

  it('an unreadable capture is exit 2 even when the other trips; a bad value is a usage error', async () => {
    const r = await run(['pair', '--fail-on', 'error', sample('nat-forged-rst/client.txt'), sample('nat-forged-rst/no-such.txt')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read '.*no-such\.txt': no such file/);
    const u = await run(['pair', '--fail-on', 'notice', ...both('nat-forged-rst')]);
    expect(u.code).toBe(2);
    expect(u.err).toContain('Choices: "warn", "error"');
  });

  it('on a terminal --fail-on prints text instead of opening the pair viewer', async () => {
    const stdin = Readable.from([]);
    (stdin as { isTTY?: boolean }).isTTY = false;
    const stdout = Object.assign(new Sink(), { isTTY: true, columns: 100, rows: 40 });
    const stderr = new Sink();
    const [client, server] = both('nat-forged-rst');
    const code = await runCli(['pair', '--fail-on', 'error', client, server], { stdin, stdout, stderr, env: { TERM: 'xterm-256color', LANG: 'en_US.UTF-8' } });
    expect(code).toBe(1);
    expect(stdout.text).toContain('Verdict: The RST the server got was forged on the path: the client never sent it.');
    expect(stdout.text).toContain('1 connection paired; 0 only in the client capture, 0 only in the server capture.');
    // The same text as in a pipe (the capture has no control characters to show).
    expect(stdout.text).toBe((await run(['pair', '--format', 'text', client, server])).out);
  });
});

describe('pair --fail-on: a connection seen in one capture only (review 6: M2)', () => {
  it('is not counted (exit 0), and the help example says so in both languages', async () => {
    // The client's SYNs never show in the server capture: one-sided, so not a pair, so not counted.
    const r = await run(['pair', '--fail-on', 'error', sample('no-answer/client.txt'), sample('nat-basic/server.txt')]);
    expect(r.code).toBe(0);
    const words = await import('../../../src/explain/locales/cli-en');
    const zh = await import('../../../src/explain/locales/cli-zh-CN');
    const example = (c: typeof words.cliEn): string | undefined => c.help.pair.examples.find(([cmd]) => cmd.includes('--fail-on'))?.[1];
    expect(example(words.cliEn)).toBe(
      'exit status 1 when a paired connection failed or a segment of it was forged on the path (a connection seen in one capture only is not counted: run summary --fail-on on each capture)',
    );
    expect(example(zh.cliZhCN)).toBe('配对的连接失败，或其某个报文段在途中被伪造时，退出状态为 1（只出现在一份抓包里的连接不计，请对每份抓包运行 summary --fail-on）');
  });
});
