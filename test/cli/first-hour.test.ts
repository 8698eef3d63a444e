// A newcomer's first hour with the built bin (spawned): pcap files through tcpdump, tshark text named as such,
// Ctrl-C printing the verdicts still pending, and the Unix manners (colour, TERM=dumb, language, completion).

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../../src/cli/sources';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const PCAP = 'samples/handshake-close/client.pcap';
const TEXT = 'samples/handshake-close/client.txt';
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C', LC_ALL: '' };
const tcpdump = findOnPath('tcpdump', process.env);
const editcap = findOnPath('editcap', process.env);
const NO_TCPDUMP = 'tcpdump is not installed (apt-get install tcpdump)';

let tmp: string;
beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo });
  tmp = mkdtempSync(path.join(tmpdir(), 'tcplain-first-hour-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, ['bin/tcplain.js', ...args], { cwd: repo, input: opts.input, env: { ...baseEnv, ...opts.env } });
  return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

/** The connection objects of a JSON Lines output, without the record line numbers (a -v capture has two lines per packet). */
function connections(jsonl: string) {
  return jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((o) => o.kind === 'connection')
    .map((o) => [o.verdict, o.connState, o.history, o.bytes, o.packets]);
}

const VERDICT = '──▶ Connection c1 192.0.2.2:40001 → 198.51.100.2:80: Closed normally (four-way close)';
const SUMMARY = '  │ 11 packets (6 →, 5 ←), 86 bytes → / 78 bytes ←, 351.7 ms; Zeek conn_state SF, history ShADadFf';

describe('binary captures are read through tcpdump', () => {
  it.skipIf(!tcpdump)('a pcap file: tcpdump -r runs for the user, said on stderr, and its text is explained', () => {
    const r = run(['--format', 'text', PCAP]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`tcplain: '${PCAP}' is a pcap capture file; reading it with: tcpdump -r ${PCAP} -nn -tttt -v -S\n`);
    const lines = r.out.split('\n');
    expect(lines.filter((l) => /^2026-11-21 11:19:3\d\.\d{6} IP \(tos /.test(l)).length).toBe(11);
    expect(lines).toContain(VERDICT);
    expect(lines).toContain(SUMMARY);
    // The same connection as the saved text of the same capture.
    expect(connections(run(['--format', 'json', PCAP]).out)).toEqual(connections(run(['--format', 'json', TEXT]).out));
  });

  it.skipIf(!tcpdump)('gzip-compressed (zlib), and a pcap piped on stdin: the same explanation', () => {
    const gz = path.join(tmp, 'client.pcap.gz');
    writeFileSync(gz, gzipSync(readFileSync(path.join(repo, PCAP))));
    const plain = run(['--format', 'text', PCAP]);
    const z = run(['--format', 'text', gz]);
    expect(z.code).toBe(0);
    expect(z.err).toBe(`tcplain: '${gz}' is a gzip-compressed pcap file; reading it with: gunzip -c ${gz} | tcpdump -r - -nn -tttt -v -S\n`);
    expect(z.out).toBe(plain.out);
    const piped = run(['--format', 'text'], { input: readFileSync(path.join(repo, PCAP)) });
    expect(piped.code).toBe(0);
    expect(piped.err).toBe("tcplain: 'stdin' is a pcap capture file; reading it with: tcpdump -r - -nn -tttt -v -S\n");
    expect(piped.out).toBe(plain.out);
    // gzip-compressed text is text.
    const gzText = path.join(tmp, 'client.txt.gz');
    writeFileSync(gzText, gzipSync(readFileSync(path.join(repo, TEXT))));
    const t = run(['--format', 'text', gzText]);
    expect(t.err).toBe('');
    expect(t.out).toBe(run(['--format', 'text', TEXT]).out);
  });

  it.skipIf(!tcpdump || !editcap)('a pcapng file (made with editcap at run time)', () => {
    const ng = path.join(tmp, 'client.pcapng');
    execFileSync(editcap!, ['-F', 'pcapng', path.join(repo, PCAP), ng]);
    expect(readFileSync(ng).subarray(0, 4).toString('hex')).toBe('0a0d0d0a');
    const r = run(['--format', 'text', ng]);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`tcplain: '${ng}' is a pcapng capture file; reading it with: tcpdump -r ${ng} -nn -tttt -v -S\n`);
    expect(r.out).toBe(run(['--format', 'text', PCAP]).out);
  });

  it.skipIf(!tcpdump)('--filter and -c go to tcpdump; the help example filter selects the SYN and the SYN-ACK', () => {
    const tcp = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l)).filter((o) => o.kind === 'tcp').map((o) => o.flags);
    const f = run(['--format', 'json', PCAP, '--filter', 'tcp[tcpflags] & tcp-syn != 0']);
    expect(f.code).toBe(0);
    expect(f.err).toBe(`tcplain: '${PCAP}' is a pcap capture file; reading it with: tcpdump -r ${PCAP} -nn -tttt -v -S 'tcp[tcpflags] & tcp-syn != 0'\n`);
    expect(tcp(f.out)).toEqual(['S', 'S.']);
    expect(tcp(run(['--format', 'json', '-c', '3', PCAP]).out)).toEqual(['S', 'S.', '.']);
  });

  it.skipIf(!tcpdump)("tcpdump's failure is reported after the output, exit 2", () => {
    const r = run(['--format', 'text', PCAP, '--filter', 'port 80 and and']);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n').at(-1)).toBe(`tcplain: tcpdump ended with exit status 1 (tcpdump -r ${PCAP} -nn -tttt -v -S 'port 80 and and')`);
  });

  it('without tcpdump on PATH: one line with the command to run, exit 2 (en, zh-CN)', () => {
    const r = run(['--format', 'text', PCAP], { env: { PATH: '/nonexistent' } });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `tcplain: '${PCAP}' is a pcap capture file, not text, and tcpdump is not on PATH: install tcpdump, or run where it is: tcpdump -r ${PCAP} -nn -tttt -v -S | tcplain\n`,
    );
    const zh = run(['--format', 'text', PCAP], { env: { PATH: '/nonexistent', LANG: 'zh_CN.UTF-8' } });
    expect(zh.code).toBe(2);
    expect(zh.err).toBe(`tcplain: “${PCAP}”是 pcap 抓包文件，不是文本，而 PATH 中没有 tcpdump：请安装 tcpdump，或在装有它的机器上运行：tcpdump -r ${PCAP} -nn -tttt -v -S | tcplain\n`);
  });

  it('--filter on a text file is refused: tcpdump already chose its packets', () => {
    const r = run(['--format', 'text', TEXT, '--filter', 'port 80']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe(
      `tcplain: --filter applies to pcap files, and '${TEXT}' is text: tcpdump already chose its packets (filter them when you capture, or give tcplain the pcap)`,
    );
  });

  it.skipIf(!tcpdump)('tcplain pair CLIENT.pcap SERVER.pcap: the forged RST found through NAT, as from the text captures', () => {
    const r = run(['pair', '--format', 'json', 'samples/nat-forged-rst/client.pcap', 'samples/nat-forged-rst/server.pcap']);
    expect(r.code).toBe(0);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      "tcplain: 'samples/nat-forged-rst/client.pcap' is a pcap capture file; reading it with: tcpdump -r samples/nat-forged-rst/client.pcap -nn -tttt -v -S",
      "tcplain: 'samples/nat-forged-rst/server.pcap' is a pcap capture file; reading it with: tcpdump -r samples/nat-forged-rst/server.pcap -nn -tttt -v -S",
    ]);
    const pair = JSON.parse(r.out.trim().split('\n')[0]);
    expect(pair.verdict).toBe('corr.rst-injected');
    expect(pair.nat[0]).toMatchObject({ original: '192.0.2.2:40016', translated: '198.51.100.1:61006', kind: 'address+port' });
  });
});

describe('inputs that are not regular files', () => {
  it.skipIf(!tcpdump)('a capture whose tcpdump has exited long before it is read loses nothing (pair: pcap, and text on stdin 400 ms late)', async () => {
    // The client pcap's tcpdump starts at once; the server side opens only when its first bytes come on stdin, so the
    // client's tcpdump has exited long before pair reads it (Node then discards an unread child stdout).
    const r = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/tcplain.js', 'pair', '--format', 'json', 'samples/nat-forged-rst/client.pcap', '-'], { cwd: repo, env: baseEnv });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', (code) => resolve({ code, out }));
      setTimeout(() => child.stdin.end(readFileSync(path.join(repo, 'samples/nat-forged-rst/server.txt'))), 400);
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out.trim().split('\n')[0]).verdict).toBe('corr.rst-injected');
  });

  it('a FIFO (bash process substitution): text and pcap alike', () => {
    const sh = (cmd: string) => execFileSync('bash', ['-c', cmd], { cwd: repo, env: baseEnv, encoding: 'utf8' });
    const text = sh(`node bin/tcplain.js --format text <(cat ${TEXT})`);
    expect(text).toBe(run(['--format', 'text', TEXT]).out);
    if (tcpdump) expect(sh(`node bin/tcplain.js --format text <(cat ${PCAP}) 2>/dev/null`)).toBe(run(['--format', 'text', PCAP]).out);
  });
});

describe('tshark text', () => {
  it('is named as such on stderr, once, with what to run; its lines are not taken for packets', () => {
    const lines = [
      '    1   0.000000    192.0.2.2 → 198.51.100.2 TCP 74 40001 → 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=1842952086 TSecr=0 WS=1024',
      '    2   0.000052 198.51.100.2 → 192.0.2.2    TCP 74 80 → 40001 [SYN, ACK] Seq=0 Ack=1 Win=65160 Len=0 MSS=1460 SACK_PERM TSval=3195439506 TSecr=1842952086 WS=1024',
    ];
    const r = run(['--format', 'text'], { input: `${lines.join('\n')}\n` });
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      "tcplain: 'stdin' is tshark output; tcplain reads tcpdump's text: run tcpdump -r FILE -nn -tttt -v -S | tcplain, or give tcplain the pcap\n",
    );
    expect(r.out).not.toContain('not TCP');
    expect(r.out.split('\n')[1]).toBe(
      "  │ tshark's one-line summary, not tcpdump's text: tcplain does not analyse it. Give tcplain the capture file itself (it runs tcpdump for you), or run tcpdump -r FILE -nn -tttt -v -S | tcplain.",
    );
  });
});

describe('Ctrl-C keeps the verdicts', () => {
  /** Feeds the first `n` lines of the capture, waits for `ready` on stdout, sends `signal`, and collects the rest. */
  function interrupt(args: string[], n: number, ready: string, signal: NodeJS.Signals) {
    return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/tcplain.js', ...args], { cwd: repo, env: baseEnv });
      let out = '';
      let err = '';
      let sent = false;
      child.stdout.on('data', (d) => {
        out += d;
        if (!sent && out.includes(ready)) {
          sent = true;
          child.kill(signal);
        }
      });
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (code) => resolve({ code, out, err }));
      // Half a connection, and stdin left open as a live `tcpdump -l` pipe would.
      child.stdin.write(`${readFileSync(path.join(repo, TEXT), 'utf8').split('\n').slice(0, n).join('\n')}\n`);
    });
  }

  it('SIGINT on a live pipe: the open connection gets its verdict, exit 130', async () => {
    const r = await interrupt(['--format', 'text'], 4, 'tcpdump decoded the payload: HTTP: GET / HTTP/1.1', 'SIGINT');
    expect(r.code).toBe(130);
    expect(r.err).toBe('tcplain: stopped by Ctrl-C (SIGINT): the verdicts below are for the connections still open when the capture stopped\n');
    const lines = r.out.split('\n');
    const at = lines.indexOf('──▶ Connection c1 192.0.2.2:40001 → 198.51.100.2:80: Still open at the end of the capture');
    // After the fourth packet's notes, the verdict with its numbers.
    expect(at).toBeGreaterThan(lines.indexOf('  │ tcpdump decoded the payload: HTTP: GET / HTTP/1.1'));
    expect(lines.slice(at + 1)).toContain('  │ 4 packets (3 →, 1 ←), 86 bytes → / 0 bytes ←, 50.6 ms; Zeek conn_state S1, history ShAD');
  });

  it('SIGTERM with JSON Lines: the last line is the connection, exit 143', async () => {
    const r = await interrupt(['--format', 'json', '--lang', 'zh'], 3, '"line":3', 'SIGTERM');
    expect(r.code).toBe(143);
    expect(r.err).toBe('tcplain: 已被 SIGTERM 停止：下面是抓包停止时仍未关闭的连接的结论\n');
    const last = JSON.parse(r.out.trim().split('\n').at(-1)!);
    expect([last.kind, last.conn, last.connState, last.history]).toEqual(['connection', 'c1', 'S1', 'ShA']);
  });
});

describe('Unix manners', () => {
  it('--color=always|never|auto, bare --color before a file, FORCE_COLOR and NO_COLOR', () => {
    const esc = (r: { out: string }) => r.out.includes('\x1b[');
    expect(esc(run(['--format', 'text', '--color=always', TEXT]))).toBe(true);
    expect(esc(run(['--format', 'text', '--color', TEXT]))).toBe(true);
    expect(esc(run(['--format', 'text', '--color=never', TEXT], { env: { FORCE_COLOR: '1' } }))).toBe(false);
    expect(esc(run(['--format', 'text', '--no-color', TEXT], { env: { FORCE_COLOR: '1' } }))).toBe(false);
    expect(esc(run(['--format', 'text', TEXT], { env: { FORCE_COLOR: '1' } }))).toBe(true);
    expect(esc(run(['--format', 'text', '--color=auto', TEXT], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }))).toBe(false);
    expect(esc(run(['--format', 'text', '--color=always', TEXT], { env: { NO_COLOR: '1' } }))).toBe(true);
    const bad = run(['--color=sometimes', TEXT]);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toBe('tcplain: Invalid values: Argument: color, Given: "sometimes", Choices: "always", "never", "auto"');
  });

  it('--help and errors in the language of the explanations (--lang, LANG)', () => {
    const zh = run(['--help'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('读取 tcpdump 的文本输出，用通俗的语言解释它。');
    expect(zh.out).toContain('命令：');
    expect(zh.out).toContain('逐行解释 tcpdump 的文本输出');
    const bad = run(['--lang', 'zh', '--bogus', TEXT]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe("tcplain: 无法识别的选项：bogus\n运行 'tcplain --help' 查看更多信息。\n");
    expect(run(['--help'], { env: { LANG: 'zh_CN.UTF-8' } }).out).not.toContain('Explain tcpdump text output');
    expect(run(['--lang', 'en', '--help'], { env: { LANG: 'zh_CN.UTF-8' } }).out).toContain('Explain tcpdump text output line by line');
  });

  it('bash completion: the script completes commands and a command\'s options', () => {
    const bin = path.join(tmp, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    writeFileSync(path.join(bin, 'tcplain'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(repo, 'bin/tcplain.js')}" "$@"\n`);
    chmodSync(path.join(bin, 'tcplain'), 0o755);
    const complete = (words: string[]) =>
      execFileSync('bash', ['-c', `source <(tcplain completion); COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _tcplain_completions; echo "\${COMPREPLY[*]}"`], {
        env: { ...baseEnv, PATH: `${bin}:${baseEnv.PATH}` },
        encoding: 'utf8',
      }).trim();
    expect(complete(['tcplain', 'pa'])).toBe('pair');
    expect(complete(['tcplain', 'pair', '--w'])).toBe('--window');
    expect(complete(['tcplain', '--fo'])).toBe('--format');
  });

  it('a man page generated from the help text, and listed in package.json', async () => {
    const { manPage } = await import('../../src/cli/man');
    expect(readFileSync(path.join(repo, 'man/tcplain.1'), 'utf8')).toBe(await manPage());
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    expect(pkg.man).toEqual(['man/tcplain.1']);
    expect(pkg.files).toContain('man');
  });
});
