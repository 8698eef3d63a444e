import { PassThrough } from 'node:stream';
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { cmdCommand } from '../../../src/cli/commands/cmd';
import type { CliIO } from '../../../src/cli/io';

async function run(args: string[], stdinText?: string): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (d) => (out += d.toString()));
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (stdinText === undefined) stdin.isTTY = true;
  else stdin.end(stdinText);
  const io: CliIO = { stdin, stdout, stderr: new PassThrough(), env: { LANG: 'en_US.UTF-8' } };
  await yargs().command(cmdCommand).strict().exitProcess(false).fail((msg, err) => { throw err ?? new Error(msg); }).parseAsync(args, { io });
  return out;
}

describe('tcplain cmd', () => {
  it('explains a quoted command line as text', async () => {
    const out = await run(['cmd', 'tcpdump -n -S -i eth0 host www.baidu.com']);
    expect(out.split('\n').slice(0, 7)).toEqual([
      'Command: tcpdump -n -S -i eth0 host www.baidu.com',
      '',
      'Options',
      '  -n       do not convert addresses and port numbers to names: print 10.0.0.1.80, not myhost.http',
      '  -S       print absolute TCP sequence and ack numbers (the real 32-bit values), not numbers relative to the first one seen; note: this is not about timestamps',
      '  -i eth0  capture on interface eth0',
      '',
    ]);
  });
  it('takes the command after -- without quotes, in zh-CN', async () => {
    const out = await run(['cmd', '--lang', 'zh', '--', 'tcpdump', '-nn', '-i', 'eth0', 'port', '8888']);
    expect(out).toContain('  port 8888  → 进出端口 8888（ddi-tcp-1）的 TCP、UDP 或 SCTP 包');
  });
  it('takes an unquoted tcpdump line: its options are words of the line', async () => {
    const out = await run(['cmd', 'tcpdump', '-nn', '-c', '5', '-vvXe', 'port', '8888']);
    expect(out.split('\n').slice(0, 1)).toEqual(['Command: tcpdump -nn -c 5 -vvXe port 8888']);
    expect(out).toContain('  -c 5  ');
  });
  it('--format json gives the parsed options and the filter AST', async () => {
    const out = await run(['cmd', '--format', 'json', "tcpdump -vvXe 'tcp[13] == 2'"]);
    const doc = JSON.parse(out);
    expect(doc.options.map((o: { key: string; count: number }) => [o.key, o.count])).toEqual([['v', 2], ['X', 1], ['e', 1]]);
    expect(doc.filter.ast).toMatchObject({ kind: 'relation', op: '==', left: { kind: 'load', proto: 'tcp', size: 1, offset: { kind: 'num', value: 13 } }, right: { kind: 'num', value: 2 } });
  });
  it('--for pair alone prints the recipe', async () => {
    const out = await run(['cmd', '--for', 'pair']);
    expect(out).toContain("sudo tcpdump -l -nn -tttt -v -S -i IFACE 'host SERVER and port PORT' | tee client.txt");
  });
  it('reads the command line from stdin', async () => {
    const out = await run(['cmd', '-'], 'tcpdump -r baidu.pcap\n');
    expect(out.split('\n')[0]).toBe('Command: tcpdump -r baidu.pcap');
  });
});

describe('tcplain cmd through runCli: quoting kept, filter errors fail', () => {
  it("keeps the user's quoting: a quoted word with parentheses stays one filter argument", async () => {
    const { runCliCaptured } = await import('../../helpers/cli');
    const r = await runCliCaptured(['cmd', '--', 'tcpdump', '-nn', 'host 192.0.2.1 and (port 80 or port 443)']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe("Command: tcpdump -nn 'host 192.0.2.1 and (port 80 or port 443)'");
    expect(lines).toContain('  host 192.0.2.1 and (port 80 or port 443)');
    expect(lines).toContain('    any of:');
    expect(r.out).not.toContain('✗');
  });

  it("the help's own example 'tcp[tcpflags] & tcp-syn != 0' parses", async () => {
    const { runCliCaptured } = await import('../../helpers/cli');
    const r = await runCliCaptured(['cmd', '--', 'tcpdump', '-nn', 'tcp[tcpflags] & tcp-syn != 0']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toContain('  tcp[tcpflags] & tcp-syn != 0 → TCP packets with all of SYN set');
    expect(r.out).not.toContain('✗');
  });

  it('a filter syntax error: explained, then exit 2 (a usage error, as --where gives) with one line on stderr (review7 I9; en, zh-CN)', async () => {
    const { runCliCaptured } = await import('../../helpers/cli');
    const r = await runCliCaptured(['cmd', "tcpdump -nn 'port 80 and and'"]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('✗ syntax error at "and"');
    expect(r.err).toBe('tcplain: the filter expression has 1 error (shown above); tcpdump would refuse it\n');
    const zh = await runCliCaptured(['cmd', '--lang', 'zh', "tcpdump -nn 'port 80 and and'"]);
    expect(zh.code).toBe(2);
    expect(zh.err).toBe('tcplain: 过滤表达式有 1 处错误（见上文）；tcpdump 会拒绝它\n');
    // The line of review7 I9, unquoted filter words, and the same filter through --where: both 2.
    const i9 = await runCliCaptured(['cmd', 'tcpdump -i eth0 port 80 and']);
    expect(i9.code).toBe(2);
    expect(i9.err).toBe('tcplain: the filter expression has 1 error (shown above); tcpdump would refuse it\n');
    const where = await runCliCaptured(['summary', '--where', 'port 80 and', 'samples/handshake-close/n.txt']);
    expect(where.code).toBe(2);
  });

  it('a syntax error says what is missing: after and/or, after a qualifier, an open ( (review6 S1; en, zh-CN)', async () => {
    const { runCliCaptured } = await import('../../helpers/cli');
    const said = async (filter: string, lang = 'en') => {
      const r = await runCliCaptured(['cmd', '--lang', lang, `tcpdump -nn '${filter}'`]);
      expect(r.code).toBe(2);
      return r.out.split('\n').find((l) => l.startsWith('  ✗ '));
    };
    expect(await said('port 80 and')).toBe('  ✗ syntax error: the filter ends after "and": a primitive (e.g. port 80) must follow it');
    expect(await said('port 80 and and')).toBe('  ✗ syntax error at "and": after "and" a primitive (e.g. port 80), "not" or "(" is expected');
    expect(await said('(port 80')).toBe('  ✗ syntax error: the filter ends with a "(" still open: close it with ")"');
    expect(await said('port')).toBe('  ✗ syntax error: the filter ends after "port", which needs a value after it');
    expect(await said('host and port 80')).toBe('  ✗ syntax error at "and": "host" needs a value before it');
    expect(await said('port 80 and', 'zh-CN')).toBe('  ✗ 语法错误：过滤表达式在“and”之后就结束了：它后面必须跟一个条件（如 port 80）');
    expect(await said('(port 80', 'zh-CN')).toBe('  ✗ 语法错误：过滤表达式结束时还有 1 个“(”没有闭合：请用“)”闭合');
  });
});
