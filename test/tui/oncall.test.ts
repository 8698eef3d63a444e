// The viewer as an on-call engineer uses it, end to end in tmux at 80x24 and 120x40 (issue 15, "On call"): the compact
// row of a `-v` capture, the findings summary, a search pasted with its Enter, Esc closing panes, the shell's scrollback
// kept, `q` ending an upstream `tcpdump -l`, Ctrl-Z and SIGTERM giving the terminal back.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import { hasTmux, tmuxServer } from '../helpers/tmux';
import { repoRoot } from './capture';

const hasTcpdump = spawnSync('tcpdump', ['--version']).status === 0;
const isRoot = process.getuid?.() === 0;
let scratch = '';

const SIZES = [
  { x: 80, y: 24 },
  { x: 120, y: 40 },
];

/** The pids of a session's shell's children (the pipeline's processes), with their command names. */
function children(tmux: (...a: string[]) => string, session: string): Array<{ pid: number; comm: string; state: string }> {
  const shell = tmux('display', '-p', '-t', session, '#{pane_pid}').trim();
  const out = spawnSync('ps', ['-o', 'pid=,stat=,comm=', '--ppid', shell], { encoding: 'utf8' }).stdout;
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 3)
    .map(([pid, state, comm]) => ({ pid: Number(pid), state, comm }));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasTmux)('on call: the viewer in tmux', () => {
  beforeAll(() => {
    // The CLI bundle as users run it, built from this tree.
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot });
    scratch = mkdtempSync(path.join(tmpdir(), 'tcplain-oncall-'));
  }, 120_000);

  afterAll(() => {
    for (const { x, y } of SIZES) spawnSync('tmux', ['-L', `tcplain-oncall-${process.pid}-${x}x${y}`, 'kill-server']);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  describe.each(SIZES)('at $x x $y', ({ x, y }) => {
    const server = tmuxServer({ socket: `tcplain-oncall-${process.pid}-${x}x${y}`, cwd: repoRoot, scratch: () => scratch, size: { x, y } });
    const { run: tmux, screen, start, until } = server;
    const lines = (s: string): string[] => screen(s).split('\n');
    const fits = (s: string): void => {
      for (const l of lines(s)) expect(stringWidth(l)).toBeLessThanOrEqual(x);
    };

    test('a -v capture: compact rows (time, src → dst, flags, seq/ack/len, the finding), the file opens at its SYN; v shows the raw lines', async () => {
      const s = `v${x}`;
      const status = start(s, 'node bin/tcplain.js samples/fast-retransmit/v.txt');
      await until('the viewer', () => screen(s).includes('input ended'));
      // A file opens at its first line, the SYN, not at its end.
      expect(lines(s)[1].trimEnd()).toBe(' ▸11:22:06.400340 192.0.2.2:40006 → 198.51.100.2:80 [S] seq 0 len 0');
      expect(lines(s)[5].trimEnd()).toBe('· 11:22:06.400412 192.0.2.2:40006 → 198.51.100.2:80 [.] seq 1 ack 1 len 0');
      expect(screen(s)).toContain('line 1–2  [S]  Connection c1: client 192.0.2.2:40006 → server 198.51.100.2:80');
      expect(screen(s)).not.toContain('FOLLOW');
      expect(screen(s)).not.toContain('IP (tos');
      fits(s);
      // The first dup ACK: its name on the row, on the first line when it fits, else leading the note.
      tmux('send-keys', '-t', s, 'n');
      await until('first finding', () => screen(s).includes('line 65–66  [.]'));
      const dup = lines(s).findIndex((l) => l.startsWith('●▸11:22:06.478137 198.51.100.2:80 → 192.0.2.2:40006 [.] seq 1 ack 14481 len 0'));
      expect(dup).toBeGreaterThan(0);
      const row = `${lines(s)[dup]}\n${lines(s)[dup + 1]}`;
      expect(row).toMatch(x >= 120 ? /len 0 {2}Dup ACK #1 *\n {3}ACK only: / : /len 0 *\n {3}Dup ACK #1 {2}ACK only: /);
      // v: tcpdump's lines as printed (the -v IP header joined before the ports); v again: compact.
      tmux('send-keys', '-t', s, 'v');
      await until('raw rows', () => screen(s).includes('●▸11:22:06.478137 IP (tos 0x0, ttl 63, id '));
      tmux('send-keys', '-t', s, 'v');
      await until('compact rows again', () => screen(s).includes('●▸11:22:06.478137 198.51.100.2:80 →'));
      tmux('send-keys', '-t', s, 'q');
      await until('exit status', () => existsSync(status));
      expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    });

    test('e: the findings summary by severity and kind; Enter jumps to the first; Esc closes it back to the detail', async () => {
      const s = `e${x}`;
      const status = start(s, 'node bin/tcplain.js samples/fast-retransmit/v.txt');
      await until('the viewer', () => screen(s).includes('input ended'));
      tmux('send-keys', '-t', s, 'e');
      await until('findings pane', () => screen(s).includes('── Findings summary '));
      const got = lines(s).map((l) => l.trimEnd());
      const at = got.findIndex((l) => l.startsWith('── Findings summary '));
      expect(got.slice(at + 2, at + 7)).toEqual([
        '▸▲ warning  Fast retransmission    12  line 125',
        ' ● note     Dup ACK                99  line 65',
        ' · info     Window update          20  line 683',
        ' · info     Handshake RTT           1  line 5',
        ' · info     Handshake options       1  line 3',
      ]);
      fits(s);
      tmux('send-keys', '-t', s, 'Enter');
      await until('jumped to the first fast retransmission', () => screen(s).includes('line 125–126  [.]  Connection c1'));
      expect(screen(s)).toContain('── Detail ');
      expect(screen(s)).toMatch(/▲▸11:22:06\.478413 192\.0\.2\.2:40006 → 198\.51\.100\.2:80 \[\.\] seq 14481:15929 ack 1/);
      tmux('send-keys', '-t', s, 'e');
      await until('findings pane again', () => screen(s).includes('── Findings summary '));
      tmux('send-keys', '-t', s, 'Escape');
      await until('back to the detail', () => screen(s).includes('── Detail ') && !screen(s).includes('── Findings summary '));
      tmux('send-keys', '-t', s, 'q');
      await until('exit status', () => existsSync(status));
      expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    });

    test('a search term pasted with its Enter in one write searches; Esc closes the detail, then the ladder; j/k scroll a focused ladder', async () => {
      const s = `p${x}`;
      const status = start(s, 'node bin/tcplain.js samples/fast-retransmit/v.txt');
      await until('the viewer', () => screen(s).includes('input ended'));
      tmux('send-keys', '-t', s, '/');
      await until('prompt', () => lines(s)[y - 1].startsWith('/▏'));
      // paste-buffer writes the whole buffer at once, its newline as the CR an Enter sends.
      tmux('set-buffer', '-b', 'q', 'Dup ACK #3\n');
      tmux('paste-buffer', '-b', 'q', '-t', s);
      await until('the third dup ACK selected', () => screen(s).includes('line 69–70  [.]'));
      expect(lines(s)[0].trimEnd()).toBe(' tcplain  samples/fast-retransmit/v.txt  search: Dup ACK #3');
      expect(lines(s)[y - 1]).not.toContain('/Dup');
      // Esc closes the detail pane: the list takes the screen.
      tmux('send-keys', '-t', s, 'Escape');
      await until('detail closed', () => !screen(s).includes('── Detail '));
      expect(lines(s)[y - 2].trim()).not.toBe('');
      // The ladder, focused: k scrolls it up from the selection, the counts of what is out of view stay true.
      tmux('send-keys', '-t', s, 'd');
      await until('ladder', () => screen(s).includes('── Ladder '));
      const counts = (): [number, number] => {
        const m = /… (\d+) earlier segments not shown · (\d+) later segments not shown/.exec(screen(s));
        return m ? [Number(m[1]), Number(m[2])] : [-1, -1];
      };
      await until('ladder counts', () => counts()[0] > 0);
      const [before, after] = counts();
      const shown = lines(s).filter((l) => /^[ ▸] +0\.\d{6} /.test(l)).length;
      // Every one of the connection's 414 segments is either drawn or counted.
      expect(before + shown + after).toBe(414);
      tmux('send-keys', '-t', s, 'Tab');
      await new Promise((r) => setTimeout(r, 150));
      tmux('send-keys', '-t', s, 'k');
      await new Promise((r) => setTimeout(r, 150));
      tmux('send-keys', '-t', s, 'k');
      await until('ladder scrolled up by two', () => counts()[0] === before - 2);
      expect(counts()[1]).toBe(after + 2);
      tmux('send-keys', '-t', s, 'Escape');
      await until('ladder closed', () => !screen(s).includes('── Ladder '));
      tmux('send-keys', '-t', s, 'q');
      await until('exit status', () => existsSync(status));
      expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
    });

    test("the shell's scrollback is kept: tmux history_size is the same before the viewer opens and after it quits", async () => {
      const s = `h${x}`;
      const status = start(s, 'seq 1 500; read -rs _; node bin/tcplain.js samples/handshake-close/n.txt');
      await until('500 lines printed', () => lines(s).some((l) => l.trim() === '500'));
      const history = (): number => Number(tmux('display', '-p', '-t', s, '#{history_size}').trim());
      const before = history();
      expect(before).toBeGreaterThan(400);
      tmux('send-keys', '-t', s, 'Enter');
      await until('the viewer', () => screen(s).includes('input ended'));
      // Frames keep coming (once a second at least); give the viewer a few of them.
      await new Promise((r) => setTimeout(r, 1500));
      tmux('send-keys', '-t', s, 'q');
      await until('exit status', () => existsSync(status));
      expect(history()).toBe(before);
      expect(screen(s)).toContain('500');
    });

    test('q on `… | tcplain` with a quiet upstream that never writes again: the upstream ends and the prompt comes back', async () => {
      const s = `u${x}`;
      // `sleep` holds the pipe's write end and never writes: without help it would never meet the closed pipe.
      const status = start(s, '{ cat samples/handshake-close/n.txt; exec sleep 600; } | node bin/tcplain.js');
      await until('the viewer', () => screen(s).includes('11 packets'));
      const sleeper = children(tmux, s).find((c) => c.comm === 'sleep' || c.comm === 'bash');
      expect(sleeper).toBeDefined();
      tmux('send-keys', '-t', s, 'q');
      await until('pipeline ended', () => existsSync(status), 10_000);
      expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
      expect(alive(sleeper!.pid)).toBe(false);
      expect(tmux('display', '-p', '-t', s, '#{alternate_on}').trim()).toBe('0');
    });

    test.skipIf(!hasTcpdump || !isRoot)('q on `tcpdump -l -n -i lo | tcplain` (an idle interface): tcpdump ends and the prompt comes back', async () => {
      const s = `t${x}`;
      // Port 9 (discard) on loopback: nothing ever matches, tcpdump stays silent after its banner (on stderr).
      const status = start(s, 'tcpdump -l -n -i lo "tcp port 9" 2>/dev/null | node bin/tcplain.js');
      await until('the viewer', () => screen(s).includes('waiting for tcpdump lines'));
      const tcpdump = children(tmux, s).find((c) => c.comm === 'tcpdump');
      expect(tcpdump).toBeDefined();
      tmux('send-keys', '-t', s, 'q');
      await until('pipeline ended', () => existsSync(status), 10_000);
      expect(readFileSync(status, 'utf8').trim()).toBe('exit=0');
      await until('tcpdump gone', () => !alive(tcpdump!.pid), 5_000);
    });

    test('Ctrl-Z gives the terminal back and stops the job; fg repaints; SIGTERM leaves no frame on the shell screen', async () => {
      const s = `z${x}`;
      // `set -m`: job control, as in an interactive shell (the pipeline is its own process group); `fg` after an Enter.
      const status = start(s, 'set -m; cat samples/refused/n.txt | node bin/tcplain.js; echo "stopped=$?"; read -r _; fg');
      await until('the viewer', () => screen(s).includes('input ended'));
      const node = children(tmux, s).find((c) => c.comm === 'node');
      expect(node).toBeDefined();
      tmux('send-keys', '-t', s, 'C-z');
      await until('stopped, the shell on its screen', () => /Stopped +cat samples\/refused\/n\.txt \| node bin\/tcplain\.js\nstopped=/.test(screen(s)));
      expect(tmux('display', '-p', '-t', s, '#{alternate_on}').trim()).toBe('0');
      expect(children(tmux, s).find((c) => c.pid === node!.pid)?.state).toMatch(/^T/);
      expect(screen(s)).not.toContain('input ended');
      tmux('send-keys', '-t', s, 'Enter');
      await until('repainted after fg', () => tmux('display', '-p', '-t', s, '#{alternate_on}').trim() === '1' && screen(s).includes('input ended'));
      tmux('send-keys', '-t', s, 'g');
      await until('keys answer after fg', () => screen(s).includes('line 1  [S]'));
      process.kill(node!.pid, 'SIGTERM');
      await until('exit status', () => existsSync(status));
      expect(readFileSync(status, 'utf8').trim()).toBe('exit=143');
      expect(tmux('display', '-p', '-t', s, '#{alternate_on}').trim()).toBe('0');
      // Nothing of the viewer was painted on the shell's screen on the way out.
      expect(screen(s)).not.toContain('input ended');
      expect(screen(s)).not.toContain('192.0.2.2');
    });
  });
});
