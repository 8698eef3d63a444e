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
