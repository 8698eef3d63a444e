// README truth (issue 13, item 9): every command the README shows runs as written on this tree with the built CLI
// (`tcplain` = `node bin/tcplain.js`), and every quoted output block is what the CLI really prints.
//
// What runs: the quoted output blocks (scripts/readme-blocks.ts: each is the real excerpt of its command's output),
// the viewer's screen (in tmux),
// the round trip the README promises (`grep -v` of the notes gives the input back), the `sh` blocks' commands that
// can run here (`npm start`'s command on the built bundle), and every `tcplain …` command of the command table, its
// placeholders (FILE, CLIENT, SERVER, NAME) replaced by bundled samples and each `a|b|c` alternative run. A table
// command that is neither in RUNS nor in SKIPPED fails the test, so a new row must be classified.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureScreen, englishEnv, excerpt, outputBlocks, ROOT, screenBlocks } from '../scripts/readme-blocks';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const FILE = 'samples/handshake-close/n.txt';
const FILE2 = 'samples/server-abort/n.txt';
const CLIENT = 'samples/nat-forged-rst/client.txt';
const SERVER = 'samples/nat-forged-rst/server.txt';
const hasTcpdump = spawnSync('sh', ['-c', 'command -v tcpdump'], { encoding: 'utf8' }).status === 0;
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const hasMan = spawnSync('sh', ['-c', 'command -v man'], { encoding: 'utf8' }).status === 0;

interface Run {
  /** A bash command line; `tcplain` is a function running `node bin/tcplain.js`. */
  sh: string;
  /** The documented exit status. */
  status?: number;
  /** Text stdout must contain. */
  stdout?: string;
  /** Text stderr must contain. */
  stderr?: string;
}

/** A pcap command: tcplain runs tcpdump; without tcpdump it prints the command to run and exits 2 (documented). */
const pcap = (sh: string, tcpdumpCommand: string): Run =>
  hasTcpdump ? { sh, stdout: 'Flags [S]' } : { sh, status: 2, stderr: tcpdumpCommand };

/** Each table command, as the README writes it (backticks removed, `\|` unescaped), and what is run for it. */
const RUNS: Record<string, Run[]> = {
  'tcplain FILE...': [{ sh: `tcplain ${FILE} ${FILE2}`, stdout: 'Reset by the server after the request' }],
  'tcplain explain FILE...': [
    { sh: `tcplain explain ${FILE} ${FILE2}`, stdout: 'Reset by the server after the request' },
    { sh: `tcplain - < ${FILE}`, stdout: 'Flags [S]' },
    { sh: `cat ${FILE} | tcplain`, stdout: 'Flags [S]' },
  ],
  'tcplain samples/handshake-close/client.pcap': [pcap('tcplain samples/handshake-close/client.pcap', 'tcpdump -r samples/handshake-close/client.pcap')],
  "tcplain samples/handshake-close/client.pcap --filter 'tcp[tcpflags] & tcp-syn != 0' -c 10": [
    pcap("tcplain samples/handshake-close/client.pcap --filter 'tcp[tcpflags] & tcp-syn != 0' -c 10", 'tcpdump -r samples/handshake-close/client.pcap'),
  ],
  'tcplain summary FILE...': [{ sh: `tcplain summary ${FILE} ${FILE2}`, stdout: 'server-abort/n.txt#c1     samples/server-abort/n.txt' }],
  'tcplain FILE --only problems --severity warn+': [{ sh: `tcplain ${FILE2} --only problems --severity warn+`, stdout: '──▶ Connection c1 192.0.2.2:40004 → 198.51.100.2:80: Reset by the server' }],
  "tcplain summary --where 'port 80 and severity >= warn' FILE...": [
    { sh: `tcplain summary --where 'port 80 and severity >= warn' ${FILE} ${FILE2}`, stdout: '1 connection (1 error), by start time\nid                     file ' },
  ],
  'tcplain summary --fail-on error FILE': [{ sh: `tcplain summary --fail-on error ${FILE2}`, status: 1, stdout: 'reset-by-server' }],
  'tcplain pair samples/nat-forged-rst/client.pcap samples/nat-forged-rst/server.pcap': [
    hasTcpdump
      ? { sh: 'tcplain pair samples/nat-forged-rst/client.pcap samples/nat-forged-rst/server.pcap', stdout: 'forged on the path: the client never sent it' }
      : { sh: 'tcplain pair samples/nat-forged-rst/client.pcap samples/nat-forged-rst/server.pcap', status: 2, stderr: 'tcpdump -r samples/nat-forged-rst/client.pcap' },
  ],
  'tcplain --format text FILE': [{ sh: `tcplain --format text ${FILE}`, stdout: '  │ SYN: the client asks the server' }],
  'tcplain --format json FILE': [{ sh: `tcplain --format json ${FILE} | head -1`, stdout: '{"v":2,"kind":"tcp","line":1,' }],
  'tcplain --format markdown FILE': [{ sh: `tcplain --format markdown ${FILE}`, stdout: '```mermaid' }],
  'tcplain --color=always|never|auto FILE': [
    { sh: `tcplain --color=always ${FILE}`, stdout: '\x1b[' },
    { sh: `tcplain --color=never ${FILE}`, stdout: 'Flags [S]' },
    { sh: `tcplain --color=auto ${FILE}`, stdout: 'Flags [S]' },
  ],
  'tcplain --redact FILE': [{ sh: `tcplain --redact ${FILE}`, stdout: 'Flags [S]' }],
  'tcplain --seq absolute FILE': [{ sh: `tcplain --seq absolute ${FILE}`, stdout: "  │ seq 1:87: 86 bytes of the client's stream, sequence numbers 3201954479–3201954564 (bytes 1–86 counted from the ISN)." }],
  'tcplain pair CLIENT SERVER': [{ sh: `tcplain pair ${CLIENT} ${SERVER}`, stdout: 'Verdict: The RST the server got was forged on the path: the client never sent it.' }],
  'tcplain diagram FILE --format mermaid|svg|text|markdown [--conn c1]': [
    { sh: `tcplain diagram ${FILE} --format mermaid --conn c1`, stdout: 'sequenceDiagram' },
    { sh: `tcplain diagram ${FILE} --format svg`, stdout: '<svg' },
    { sh: `tcplain diagram ${FILE} --format text`, stdout: '|<---- S. seq 0 ack 1 win 65160 ----------------|' },
    { sh: `tcplain diagram ${FILE} --format markdown`, stdout: '```mermaid' },
  ],
  'tcplain diagram CLIENT --pair SERVER --format mermaid|svg|text': [
    { sh: `tcplain diagram ${CLIENT} --pair ${SERVER} --format mermaid`, stdout: 'sequenceDiagram' },
    { sh: `tcplain diagram ${CLIENT} --pair ${SERVER} --format svg`, stdout: '<svg' },
    { sh: `tcplain diagram ${CLIENT} --pair ${SERVER} --format text`, stdout: '[R] seq 87 win 0 len 0  ‹never sent by the peer›' },
  ],
  'tcplain diagram FILE --format svg --rows 8..10 --title "Teardown"': [
    { sh: `tcplain diagram ${FILE} --format svg --rows 8..10 --title "Teardown"`, stdout: '<title>Teardown</title>' },
  ],
  'tcplain diagram FILE --format svg --time-scale': [
    { sh: `tcplain diagram ${FILE} --format svg --time-scale`, stdout: 'Time runs down: rows are spaced by capture time' },
  ],
  'tcplain lesson NAME --format markdown|slides': [
    { sh: 'tcplain lesson three-way-close --format markdown', stdout: '### step 4/5 · line 9' },
    { sh: 'tcplain lesson three-way-close --format slides', stdout: '---\nmarp: true\n' },
  ],
  'tcplain lesson [NAME] [--quiz]': [
    { sh: 'tcplain lesson < /dev/null', stdout: 'handshake' },
    { sh: 'tcplain lesson handshake < /dev/null', stdout: 'SYN' },
    { sh: 'tcplain lesson handshake --quiz < /dev/null', stdout: 'SYN' },
  ],
  'tcplain FILE --step': [{ sh: `tcplain ${FILE} --step < /dev/null`, stdout: 'SYN' }],
  '--quiz': [{ sh: `tcplain ${FILE} --quiz < /dev/null`, stdout: 'SYN' }],
  'tcplain cmd "tcpdump -nn -i eth0 \'tcp[tcpflags] & tcp-syn != 0\'"': [{ sh: 'tcplain cmd "tcpdump -nn -i eth0 \'tcp[tcpflags] & tcp-syn != 0\'"', stdout: 'tcp-syn' }],
  "tcplain cmd -- tcpdump -nn 'host 192.0.2.1 and (port 80 or port 443)'": [
    { sh: "tcplain cmd -- tcpdump -nn 'host 192.0.2.1 and (port 80 or port 443)'", stdout: '192.0.2.1' },
  ],
  'source <(tcplain completion)': [{ sh: 'source <(tcplain completion) && complete -p tcplain', stdout: 'tcplain' }],
  'man ./man/tcplain.1': hasMan ? [{ sh: 'MANPAGER=cat MANWIDTH=80 man ./man/tcplain.1', stdout: 'tcplain' }] : [],
};

/** Table commands that are not run here, and why. */
const SKIPPED: Record<string, string> = {
  'tcpdump -l -n -i eth0 port 80 | tcplain': 'a live capture: needs an interface and root (the pipe itself is run above with cat)',
  tcplain: 'the paste mode needs an interactive terminal to paste into (test/cli/terminal.test.ts covers stdin on a terminal)',
};

/** The `sh` blocks' commands that are not run here, and why (the others are in SH_RUNS). */
const SH_SKIPPED: Record<string, string> = {
  'npm install': 'needs the network, and node_modules is shared between worktrees',
  'npm test': 'this test is part of it',
};

/** Runs a bash command line in the repository with `tcplain` = the built CLI, English, stdout a pipe. */
function sh(command: string): { status: number | null; stdout: string; stderr: string } {
  const prelude = `tcplain() { node ${JSON.stringify(path.join(ROOT, 'bin/tcplain.js'))} "$@"; }\n`;
  const r = spawnSync('bash', ['-c', prelude + command], { cwd: ROOT, env: englishEnv(), encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The first-column commands of the README's command table. */
function tableCommands(): string[] {
  const lines = README.split('\n');
  const header = lines.indexOf('| command | what it does |');
  const end = lines.indexOf('', header);
  const rows = lines.slice(header + 2, end);
  const out: string[] = [];
  for (const row of rows) {
    const cell = row.slice(2).split(/(?<!\\)\|/)[0];
    for (const m of cell.matchAll(/`([^`]+)`/g)) out.push(m[1].replace(/\\\|/g, '|'));
  }
  return out;
}

/** The commands of the README's `sh` fenced blocks, split on `&&`, comments removed. */
function shCommands(): string[] {
  const out: string[] = [];
  for (const m of README.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of m[1].split('\n')) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command) out.push(...command.split('&&').map((c) => c.trim()));
    }
  }
  return out;
}

function newestUnder(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) newest = Math.max(newest, statSync(path.join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  // The built bundle, as a user runs it: built when missing or older than its sources.
  const bundle = path.join(ROOT, 'dist/tcplain.js');
  const sources = Math.max(newestUnder(path.join(ROOT, 'src')), newestUnder(path.join(ROOT, 'grammar')), statSync(path.join(ROOT, 'scripts/build.mjs')).mtimeMs);
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
}, 120_000);

describe('README quoted output blocks', () => {
  const blocks = outputBlocks(README);

  it('has the three quoted outputs (the end of server-abort, the handshake ACK, a summary), each with a directive', () => {
    expect(blocks.map((b) => b.args.join(' '))).toEqual([
      FILE2,
      FILE,
      'summary --sort severity samples/refused/server.txt samples/zero-window/client.txt samples/fast-retransmit/nn-S.txt',
    ]);
  });

  for (const block of blocks) {
    it(`tcplain ${block.args.join(' ')}, from ${block.from}: the block is the real output (npm run golden:update regenerates it)`, () => {
      const r = sh(`tcplain ${block.args.join(' ')}`);
      expect(r.status).toBe(0);
      expect(block.lines).toEqual(excerpt(r.stdout, block));
      // Every quoted line is printed exactly as quoted.
      const printed = new Set(r.stdout.split('\n'));
      for (const line of block.lines) expect(printed.has(line), line).toBe(true);
    });
  }

  it('the end of server-abort is the real end of the output', () => {
    const r = sh(`tcplain ${FILE2}`);
    const [block] = blocks;
    expect(r.stdout.replace(/\n$/, '').split('\n').slice(-block.lines.length)).toEqual(block.lines);
  });

  it("`grep -v -e '^  │' -e '^──▶'` gives the input back exactly, as the README says", () => {
    expect(README).toContain("tcplain capture.txt | grep -v -e '^  │' -e '^──▶'");
    for (const file of [FILE, FILE2, CLIENT]) {
      const r = sh(`tcplain ${file} | grep -v -e '^  │' -e '^──▶'`);
      expect(r.stdout).toBe(readFileSync(path.join(ROOT, file), 'utf8'));
      const r2 = sh(`tcplain ${file} | grep -v -e '^  │' -e '^──▶' | sed 's/^⟪input⟫ //'`);
      expect(r2.stdout).toBe(readFileSync(path.join(ROOT, file), 'utf8'));
    }
  });
});

describe('README viewer screen', () => {
  const screens = screenBlocks(README);

  it('has one, with its directive', () => {
    expect(screens.map((b) => `${b.args.join(' ')} ${b.cols}x${b.rows} ${b.keys.join(' ')}`)).toEqual([`${FILE} 100x16 g j`]);
  });

  // The viewer needs a terminal: tmux gives it one (skipped without tmux, like test/tui/tmux.test.ts).
  for (const block of screens) {
    it.skipIf(!hasTmux)(`tcplain ${block.args.join(' ')} at ${block.cols}x${block.rows}, keys ${block.keys.join(' ')}: the block is the real screen`, async () => {
      expect(await captureScreen(block)).toEqual(block.lines);
    }, 60_000);
  }
});

describe('README commands', () => {
  it('every table command is either run here or skipped with a reason', () => {
    const listed = tableCommands();
    expect(listed.length).toBeGreaterThanOrEqual(20);
    for (const c of listed) expect(c in RUNS || c in SKIPPED, `README table command not classified: ${c}`).toBe(true);
    for (const c of [...Object.keys(RUNS), ...Object.keys(SKIPPED)]) expect(listed, `no longer in the README: ${c}`).toContain(c);
  });

  for (const [command, runs] of Object.entries(RUNS)) {
    for (const run of runs) {
      it(`${command}: \`${run.sh}\` exits ${run.status ?? 0}`, () => {
        const r = sh(run.sh);
        expect(r.status, r.stderr).toBe(run.status ?? 0);
        if (run.stdout) expect(r.stdout).toContain(run.stdout);
        if (run.stderr) expect(r.stderr).toContain(run.stderr);
      });
    }
  }

  it('the sh blocks: npm start is the build and then the command shown, which runs; the rest is skipped with a reason', () => {
    const commands = shCommands();
    expect(commands).toEqual(['npm install', 'npm start', 'npm install', 'npm test']);
    for (const c of commands) expect(c === 'npm start' || c in SH_SKIPPED, c).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const start = /^npm run build --silent && node bin\/tcplain\.js (.+)$/.exec(pkg.scripts.start);
    expect(start).not.toBeNull();
    // The README says what it explains.
    expect(README).toContain(`npm start     # explains ${start![1].replace(/^explain /, '')}`);
    const r = sh(`tcplain ${start![1]}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('──▶ Connection c1');
  });
});
