// The explain command run through yargs parseAsync with injected streams, plus spawn tests of the built bin.

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PassThrough, Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run';
import type { CliIO } from '../../src/cli/io';
import { chooseOutputMode, useColor } from '../../src/cli/terminal';
import { renderText } from '../../src/report';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const samplePath = (p: string) => fileURLToPath(new URL(`../../samples/${p}`, import.meta.url));
const handshake = samplePath('handshake-close/client.txt');
const handshakeText = readFileSync(handshake, 'utf8');

class Sink extends Writable {
  text = '';
  isTTY: boolean;
  constructor(tty = false) {
    super();
    this.isTTY = tty;
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

function io(opts: { stdin?: string | NodeJS.ReadableStream; stdinTTY?: boolean; tty?: boolean; env?: Record<string, string> } = {}) {
  const stdin =
    typeof opts.stdin === 'string' || opts.stdin === undefined ? Readable.from(opts.stdin === undefined ? [] : [opts.stdin]) : opts.stdin;
  (stdin as { isTTY?: boolean }).isTTY = opts.stdinTTY ?? false;
  const stdout = new Sink(opts.tty);
  const stderr = new Sink();
  const cli: CliIO = { stdin, stdout, stderr, env: opts.env ?? {} };
  return { cli, stdout, stderr };
}

describe('tcplain explain (parseAsync, injected streams)', () => {
  it('annotates a file: every input line kept, notes under it, the verdict at the end', async () => {
    const t = io();
    expect(await runCli([handshake], t.cli)).toBe(0);
    expect(t.stderr.text).toBe('');
    const lines = t.stdout.text.split('\n');
    // Removing note and verdict lines gives back the input exactly.
    expect(lines.filter((l) => !l.startsWith('  │ ') && !l.startsWith('──▶ ')).join('\n')).toBe(handshakeText);
    expect(lines[1]).toBe('  │ SYN: the client asks the server to open a connection (three-way handshake, step 1 of 3).');
    expect(t.stdout.text).toContain('──▶ Connection c1 192.0.2.2:40001 → 198.51.100.2:80: Closed normally (four-way close)\n');
  });

  it('--help says --vote changes the interactive viewer only (printed text and Markdown are the ordinary quiz)', async () => {
    const flat = (t: string): string => t.replace(/\s+/g, ' ');
    const t = io();
    expect(await runCli(['--help', '--lang', 'en'], t.cli)).toBe(0);
    expect(flat(t.stdout.text)).toContain(
      '--vote with --quiz: class vote in the interactive viewer (the options are shown to the room, Enter reveals the answer and explains every wrong option); printed text and Markdown are the ordinary quiz [boolean]',
    );
    const z = io();
    expect(await runCli(['--help', '--lang', 'zh-CN'], z.cli)).toBe(0);
    expect(flat(z.stdout.text).replace(/(\p{Script=Han}|[（）；，]) (?=\p{Script=Han}|[（）；，])/gu, '$1')).toContain(
      '配合 --quiz：在交互式查看器中全班投票（向全班显示选项，按回车揭晓答案并解释每个错误选项）；输出为文本和 Markdown 时与普通测验相同',
    );
  });

  it('--vote without --quiz is a usage error (exit 2) in both languages; with --quiz and no terminal, the quiz with its answer key', async () => {
    const t = io();
    expect(await runCli([handshake, '--vote'], t.cli)).toBe(2);
    expect(t.stderr.text).toBe("tcplain: --vote needs --quiz (it runs the quiz as a class vote)\nTry 'tcplain --help' for more information.\n");
    const z = io({ env: { LANG: 'zh_CN.UTF-8' } });
    expect(await runCli([handshake, '--vote', '--lang', 'zh'], z.cli)).toBe(2);
    expect(z.stderr.text).toBe("tcplain: --vote 需要与 --quiz 一起使用（以全班投票的方式进行测验）\n运行 'tcplain --help' 查看更多信息。\n");
    const q = io();
    expect(await runCli([handshake, '--quiz', '--vote'], q.cli)).toBe(0);
    expect(q.stdout.text).toContain('## Answer key');
  });

  it('reads stdin when no file or "-" is given, with the same output', async () => {
    const a = io();
    await runCli([handshake], a.cli);
    const b = io({ stdin: handshakeText });
    expect(await runCli([], b.cli)).toBe(0);
    expect(b.stdout.text).toBe(a.stdout.text);
    const c = io({ stdin: handshakeText });
    expect(await runCli(['explain', '-'], c.cli)).toBe(0);
    expect(c.stdout.text).toBe(a.stdout.text);
  });

  it('a missing file: one line on stderr, exit 2, nothing on stdout', async () => {
    const t = io();
    expect(await runCli(['nope.txt'], t.cli)).toBe(2);
    expect(t.stderr.text).toBe("tcplain: cannot read 'nope.txt': no such file\n");
    expect(t.stdout.text).toBe('');
    const d = io();
    expect(await runCli([samplePath('refused')], d.cli)).toBe(2);
    expect(d.stderr.text).toBe(`tcplain: cannot read '${samplePath('refused')}': is a directory\n`);
    // Like cat: a bad name among good ones is said on stderr, the good ones are still explained, and the status is 2.
    const e = io();
    expect(await runCli([handshake, 'missing.txt', handshake], e.cli)).toBe(2);
    expect(e.stderr.text).toBe("tcplain: cannot read 'missing.txt': no such file\n");
    const one = io();
    await runCli([handshake], one.cli);
    // Several inputs: connection ids carry the input's name (src/report/conn-id.ts).
    const named = one.stdout.text.replace('──▶ Connection c1 ', '──▶ Connection client.txt#c1 ');
    expect(named).not.toBe(one.stdout.text);
    expect(e.stdout.text).toBe(`==> ${handshake} <==\n${named}==> ${handshake} <==\n${named}`);
    // In the user's language.
    const zh = io({ env: { LANG: 'zh_CN.UTF-8' } });
    expect(await runCli(['nope.txt'], zh.cli)).toBe(2);
    expect(zh.stderr.text).toBe('tcplain: 无法读取“nope.txt”：文件不存在\n');
  });

  it('bad options are usage errors (exit 2)', async () => {
    const t = io();
    expect(await runCli(['--format', 'xml', handshake], t.cli)).toBe(2);
    expect(t.stderr.text.split('\n')[0]).toBe('tcplain: Invalid values: Argument: format, Given: "xml", Choices: "text", "json", "markdown"');
    const u = io();
    expect(await runCli(['--bogus', handshake], u.cli)).toBe(2);
    expect(u.stderr.text.split('\n')[0]).toBe('tcplain: Unknown argument: bogus');
  });

  it('--format markdown writes a handout: the verdict, a Mermaid ladder and every packet line', async () => {
    const t = io();
    expect(await runCli(['--format', 'markdown', handshake], t.cli)).toBe(0);
    expect(t.stdout.text).toContain('```mermaid\nsequenceDiagram');
    expect(t.stdout.text).toContain('Closed normally (four-way close)');
    for (const line of handshakeText.trim().split('\n')) expect(t.stdout.text).toContain(line.slice(27, 80));
  });

  it('--redact hides every address and MAC but keeps the analysis', async () => {
    const plain = io();
    await runCli(['--format', 'json', handshake], plain.cli);
    const t = io();
    expect(await runCli(['--format', 'json', '--redact', handshake], t.cli)).toBe(0);
    expect(t.stdout.text).not.toContain('192.0.2.2');
    expect(t.stdout.text).not.toContain('198.51.100.2');
    const verdicts = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.kind === 'connection').map((r) => [r.verdict, r.connState, r.history, r.bytes]);
    expect(verdicts(t.stdout.text)).toEqual(verdicts(plain.stdout.text));
    expect(verdicts(t.stdout.text)).toEqual([['normal-close', 'SF', 'ShADadFf', { c2s: 86, s2c: 78 }]]);
  });

  it('--max-open N: beyond N open connections the idlest ends with its verdict as it stands (evictedAt)', async () => {
    // The client's SYN, SYN-ACK and ACK of handshake-close (c1, open), then refused's SYN (c2): with one open allowed,
    // c1 is let go on line 4 and c2 ends at the end of input.
    const text = [...handshakeText.split('\n').slice(0, 3), readFileSync(samplePath('refused/n.txt'), 'utf8').split('\n')[0]].join('\n') + '\n';
    const conns = (t: ReturnType<typeof io>) =>
      t.stdout.text.trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.kind === 'connection').map((r) => [r.conn, r.verdict, r.evictedAt ?? null]);
    const one = io({ stdin: text });
    expect(await runCli(['--format', 'json', '--max-open', '1', '-'], one.cli)).toBe(0);
    expect(conns(one)).toEqual([['c1', 'open', 4], ['c2', 'no-answer', null]]);
    const dflt = io({ stdin: text });
    expect(await runCli(['--format', 'json', '-'], dflt.cli)).toBe(0);
    expect(conns(dflt)).toEqual([['c1', 'open', null], ['c2', 'no-answer', null]]);
    const bad = io();
    expect(await runCli(['--max-open', '1.5', handshake], bad.cli)).toBe(2);
    expect(bad.stderr.text.split('\n')[0]).toBe('tcplain: --max-open takes a whole number above 0');
  });

  it('--max-lines must be a whole number above 0', async () => {
    const t = io();
    expect(await runCli(['--max-lines', '0', handshake], t.cli)).toBe(2);
    expect(t.stderr.text.split('\n')[0]).toBe('tcplain: --max-lines takes a whole number above 0');
  });

  it('with a terminal on stdin and no file, reads a paste up to Ctrl-D after a one-line hint', async () => {
    const t = io({ stdin: handshakeText, stdinTTY: true });
    expect(await runCli(['--format', 'text'], t.cli)).toBe(0);
    expect(t.stderr.text).toBe('tcplain: paste tcpdump output, then press Ctrl-D on an empty line (Ctrl-C to cancel)\n');
    const a = io();
    await runCli([handshake], a.cli);
    expect(t.stdout.text).toBe(a.stdout.text);
  });

  it('language: --lang wins, else LC_ALL / LC_MESSAGES / LANG', async () => {
    const zh = io();
    await runCli(['--lang', 'zh', handshake], zh.cli);
    expect(zh.stdout.text.split('\n')[1]).toBe('  │ SYN：客户端请求与服务端建立连接（三次握手第 1 步）。');
    expect(zh.stdout.text).toContain('──▶ 连接 c1 192.0.2.2:40001 → 198.51.100.2:80：正常关闭（四次挥手）\n');
    const env = io({ env: { LANG: 'zh_CN.UTF-8' } });
    await runCli([handshake], env.cli);
    expect(env.stdout.text).toBe(zh.stdout.text);
    const forced = io({ env: { LANG: 'zh_CN.UTF-8' } });
    await runCli(['--lang', 'en', handshake], forced.cli);
    expect(forced.stdout.text.split('\n')[1]).toMatch(/^ {2}│ SYN: the client/);
  });

  it('--format json: one object per record in input order, then the connection', async () => {
    const t = io();
    expect(await runCli(['--format', 'json', '--notes', handshake], t.cli)).toBe(0);
    const objs = t.stdout.text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(objs.map((o) => o.kind)).toEqual([...Array(11).fill('tcp'), 'connection']);
    expect(objs.slice(0, 11).map((o) => o.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const data = objs[3];
    expect([data.v, data.conn, data.dir, data.relSeq, data.relAck, data.states]).toEqual([2, 'c1', 'c2s', 1, 1, { client: 'ESTABLISHED', server: 'ESTABLISHED' }]);
    expect(data.absSeq).toBe(3201954479);
    expect(data.absAck).toBe(245189807);
    expect(data.notes[1]).toBe("seq 1:87: bytes 1–86 of the client's stream (86 bytes).");
    expect(objs[1].findings.map((f: { code: string }) => f.code)).toEqual(['tcp.options_negotiated']);
    const conn = objs[11];
    expect([conn.v, conn.conn, conn.verdict, conn.connState, conn.history, conn.closeKind]).toEqual([2, 'c1', 'normal-close', 'SF', 'ShADadFf', '4-way']);
    expect(conn.bytes).toEqual({ c2s: 86, s2c: 78 });
    expect(conn.packets).toEqual({ c2s: 6, s2c: 5 });
    expect(conn.headline).toBe('Closed normally (four-way close)');
    expect(conn.appSaw).toEqual(["No socket error: the client closed first; the server's read() returned 0 (EOF) and it closed too."]);
    expect([conn.severity, conn.problems, conn.firstFin]).toEqual(['ok', undefined, 'client']);
  });

  it('end of input with thousands of connections still open: their verdicts written in pieces, the same bytes', async () => {
    const syn = readFileSync(samplePath('refused/n.txt'), 'utf8').split('\n')[0];
    const scan = `${Array.from({ length: 2000 }, (_, i) => syn.replace('.40003 ', `.${20000 + i} `)).join('\n')}\n`;
    const t = io({ stdin: scan });
    const verdictWrites: number[] = [];
    const write = t.stdout._write.bind(t.stdout);
    t.stdout._write = (chunk, enc, cb) => {
      const text = chunk.toString();
      if (text.startsWith('{"v":2,"kind":"connection"')) verdictWrites.push(text.length);
      write(chunk, enc, cb);
    };
    expect(await runCli(['--format', 'json', '--lang', 'en', '-'], t.cli)).toBe(0);
    expect(t.stdout.text).toBe(renderText(scan, { lang: 'en', format: 'json' }));
    expect(t.stdout.text.trimEnd().split('\n').filter((l) => l.includes('"kind":"connection"')).length).toBe(2000);
    // ~1.8 MB of verdicts, none before the end (no SYN was answered): at least two writes, none much over 1 MB.
    expect(verdictWrites.reduce((a, b) => a + b, 0)).toBeGreaterThan(1 << 20);
    expect(verdictWrites.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...verdictWrites)).toBeLessThan((1 << 20) + 4096);
  });

  it('colour only on a terminal and never with NO_COLOR', async () => {
    const tty = io({ tty: true });
    await runCli([handshake], tty.cli);
    expect(tty.stdout.text).toContain('\x1b[');
    const noColor = io({ tty: true, env: { NO_COLOR: '1' } });
    await runCli([handshake], noColor.cli);
    expect(noColor.stdout.text).not.toContain('\x1b[');
    const pipe = io();
    await runCli([handshake], pipe.cli);
    expect(pipe.stdout.text).not.toContain('\x1b[');
    // Stripping the colour gives the plain output back.
    expect(tty.stdout.text.replace(/\x1b\[[0-9;]*m/g, '')).toBe(pipe.stdout.text);
  });

  it('--seq absolute quotes absolute numbers', async () => {
    const t = io();
    await runCli(['--seq', 'absolute', handshake], t.cli);
    expect(t.stdout.text).toContain(
      "  │ seq 1:87: 86 bytes of the client's stream, sequence numbers 3201954479–3201954564 (bytes 1–86 counted from the ISN).\n",
    );
  });

  it('a live pipe sees each packet explained before the input ends', async () => {
    const stdin = new PassThrough();
    const t = io({ stdin });
    const lines = handshakeText.split('\n');
    const done = runCli([], t.cli);
    stdin.write(`${lines[0]}\n`);
    const deadline = Date.now() + 3000;
    while (!t.stdout.text.includes('SYN: the client asks') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(t.stdout.text.startsWith(`${lines[0]}\n  │ SYN: the client asks`)).toBe(true);
    expect(t.stdout.text).not.toContain('──▶');
    stdin.end(lines.slice(1).join('\n'));
    expect(await done).toBe(0);
    expect(t.stdout.text).toContain('──▶ Connection c1');
  });

  it('several files: each under a header, connections tracked per file', async () => {
    const t = io();
    expect(await runCli([handshake, samplePath('refused/client.txt')], t.cli)).toBe(0);
    expect(t.stdout.text.startsWith(`==> ${handshake} <==\n`)).toBe(true);
    expect(t.stdout.text).toContain(`==> ${samplePath('refused/client.txt')} <==\n`);
    expect(t.stdout.text).toContain('──▶ Connection handshake-close/client.txt#c1 192.0.2.2:40001 → 198.51.100.2:80: Closed normally (four-way close)\n');
    expect(t.stdout.text).toContain('──▶ Connection refused/client.txt#c1 192.0.2.2:40003 → 198.51.100.2:81: Connection refused: the SYN was answered with RST+ACK\n');
  });
});

describe('output mode and colour decisions', () => {
  it('--format wins; otherwise the viewer on a terminal and text on a pipe or file', () => {
    expect(chooseOutputMode({ format: undefined, stdoutIsTTY: false })).toBe('text');
    expect(chooseOutputMode({ format: undefined, stdoutIsTTY: true })).toBe('tui');
    expect(chooseOutputMode({ format: 'json', stdoutIsTTY: true })).toBe('json');
    expect(chooseOutputMode({ format: 'text', stdoutIsTTY: true })).toBe('text');
    expect(chooseOutputMode({ format: 'markdown', stdoutIsTTY: false })).toBe('markdown');
  });
  it('colour rules', () => {
    expect(useColor({ choice: undefined, stdoutIsTTY: true, env: {} })).toBe(true);
    expect(useColor({ choice: undefined, stdoutIsTTY: true, env: { TERM: 'dumb' } })).toBe(false);
    expect(useColor({ choice: 'always', stdoutIsTTY: false, env: {} })).toBe(true);
    // A command-line flag overrides NO_COLOR (no-color.org); auto honours it.
    expect(useColor({ choice: 'always', stdoutIsTTY: true, env: { NO_COLOR: 'x' } })).toBe(true);
    expect(useColor({ choice: 'auto', stdoutIsTTY: true, env: { NO_COLOR: 'x' } })).toBe(false);
    expect(useColor({ choice: undefined, stdoutIsTTY: true, env: { NO_COLOR: '' } })).toBe(true);
    expect(useColor({ choice: undefined, stdoutIsTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(useColor({ choice: undefined, stdoutIsTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(useColor({ choice: 'never', stdoutIsTTY: true, env: { FORCE_COLOR: '1' } })).toBe(false);
    expect(chooseOutputMode({ format: undefined, stdoutIsTTY: true, env: { TERM: 'dumb' } })).toBe('text');
  });
});

describe('the built bin (spawned)', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo });
  });
  const bin = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['bin/tcplain.js', ...args], { cwd: repo, input, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', NO_COLOR: '1' } });

  it('explains a file and exits 0', () => {
    const r = bin(['samples/refused/client.txt']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain("  │   curl: (7) Failed to connect to 198.51.100.2 port 81 after N ms: Couldn't connect to server (older curl ends with: Connection refused)\n");
  });
  it('reads piped stdin, and JSON Lines parse', () => {
    const r = bin(['--format', 'json'], readFileSync(samplePath('server-abort/client.txt'), 'utf8'));
    expect(r.status).toBe(0);
    const last = JSON.parse(r.stdout.trimEnd().split('\n').at(-1) as string);
    expect([last.kind, last.verdict, last.phase]).toEqual(['connection', 'reset-by-server', 'after-request']);
  });
  it('a missing file: exit 2 and exactly one line on stderr', () => {
    const r = bin(['nope.txt']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("tcplain: cannot read 'nope.txt': no such file\n");
  });
  it('--version and --help', () => {
    expect(bin(['--version']).stdout).toBe(`${JSON.parse(readFileSync(`${repo}/package.json`, 'utf8')).version}\n`);
    const help = bin(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--lang');
    expect(help.stdout).toContain('--format');
  });
});
