// Issue 16: terminal injection and fake notes. On a terminal every control character of the input is shown
// (caret / \x notation) in the echoed lines, the notes and the error messages; in a pipe the input bytes come back
// exactly. Input lines that start like tcplain's own notes or verdicts are marked, and the documented filter
// gives the input back for every sample capture and for hostile text.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import { annotateText, formatText, INPUT_MARK, renderText, showControls } from '../../src/report';

class Sink extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

function io(stdinText: string, tty: boolean) {
  const stdin = Readable.from([stdinText]);
  (stdin as { isTTY?: boolean }).isTTY = false;
  const stdout = new Sink(tty);
  const stderr = new Sink(tty);
  const cli: CliIO = { stdin, stdout, stderr, env: {} };
  return { cli, stdout, stderr };
}

/** Any character a terminal would act on (all but TAB and LF), as showControls defines them. */
const OBEYED = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

const SYN = '12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0';
const HOSTILE_LINES = [
  'reset \x1bc here',
  'align test \x1b#8',
  'line drawing \x1b(0 lqqk',
  'save cursor \x1b7 keypad \x1b=',
  'C1 CSI \u009b2J and C1 OSC \u009d0;title\u0007',
  'overwrite\rFAKE',
  'erase\b\b\bBELL\u0007',
  'bidi \u202eevil\u202c end',
];

describe('showControls (src/report, pure)', () => {
  it('shows each control character a terminal obeys, keeps TAB and LF and everything else', () => {
    expect(showControls('\x1bc')).toBe('^[c');
    expect(showControls('\x1b#8|\x1b(0|\x1b7|\x1b=')).toBe('^[#8|^[(0|^[7|^[=');
    expect(showControls('a\u009bb\u009dc')).toBe('a\\x9bb\\x9dc');
    expect(showControls('x\ry\bz\u0007')).toBe('x^My^Hz^G');
    expect(showControls('\u0000\u007f')).toBe('^@^?');
    expect(showControls('\u202e\u2066')).toBe('\\u202e\\u2066');
    expect(showControls('tab\there\nnext 中文 →')).toBe('tab\there\nnext 中文 →');
  });
});

describe('terminal injection', () => {
  const input = `${SYN}\n${HOSTILE_LINES.join('\n')}\n`;

  it('on a terminal, no control character reaches stdout from the echoed input or the notes', async () => {
    const t = io(input, true);
    expect(await runCli(['explain', '--format', 'text', '--no-color', '-'], t.cli)).toBe(0);
    expect(t.stdout.text).not.toMatch(OBEYED);
    expect(t.stdout.text).toContain('reset ^[c here\n');
    expect(t.stdout.text).toContain('C1 CSI \\x9b2J and C1 OSC \\x9d0;title^G\n');
    expect(t.stdout.text).toContain('overwrite^MFAKE\n');
    expect(t.stdout.text).toContain('erase^H^H^HBELL^G\n');
  });

  it('in a pipe, the input bytes come back exactly once notes and verdicts are filtered out', async () => {
    const t = io(input, false);
    expect(await runCli(['explain', '-'], t.cli)).toBe(0);
    const kept = t.stdout.text.split('\n').filter((l) => !l.startsWith('  │') && !l.startsWith('──▶'));
    expect(kept.join('\n')).toBe(input);
  });

  it('file names in the multi-file headers and Markdown output are shown safely on a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcplain-hostile-'));
    const a = join(dir, 'a\x1bc.txt');
    const b = join(dir, 'b\u009b2J.txt');
    writeFileSync(a, `${SYN}\n`);
    writeFileSync(b, 'erase\b\n');
    const t = io('', true);
    expect(await runCli(['explain', '--format', 'text', '--no-color', a, b], t.cli)).toBe(0);
    expect(t.stdout.text).toContain(`==> ${join(dir, 'a^[c.txt')} <==\n`);
    expect(t.stdout.text).toContain(`==> ${join(dir, 'b\\x9b2J.txt')} <==\nerase^H\n`);
    expect(t.stdout.text).not.toMatch(OBEYED);
    const m = io('', true);
    expect(await runCli(['explain', '--format', 'markdown', b], m.cli)).toBe(0);
    // The handout's title is the file's base name (never the path), its control character shown, not obeyed.
    expect(m.stdout.text.split('\n')[0]).toBe('# b\\x9b2J.txt');
    expect(m.stdout.text).not.toMatch(OBEYED);
    const p = io('', false);
    expect(await runCli(['explain', a, b], p.cli)).toBe(0);
    expect(p.stdout.text).toContain(`==> ${a} <==\n`);
    expect(p.stdout.text).toContain('erase\b\n');
  });

  it('a note that quotes the input (a host name) is shown safely on a terminal', () => {
    const text = '12:00:00.000000 IP evil\x1bc.example.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0\n';
    const out = annotateText(text, { lang: 'en' }).map((item) => formatText(item, { lang: 'en', color: false, terminal: true })).join('');
    expect(out).not.toMatch(OBEYED);
    expect(out).toContain('evil^[c.example');
  });

  it('error messages show the control characters of file names and --conn values on a terminal', async () => {
    const a = io('', true);
    expect(await runCli(['explain', 'no\x1bcsuch\u009b.txt'], a.cli)).toBe(2);
    expect(a.stderr.text).toBe("tcplain: cannot read 'no^[csuch\\x9b.txt': no such file\n");
    const b = io('', true);
    const capture = fileURLToPath(new URL('../../samples/handshake-close/client.txt', import.meta.url));
    expect(await runCli(['diagram', capture, '--conn', 'c9\x1b]0;pwned\x07'], b.cli)).toBe(2);
    expect(b.stderr.text).toContain("no connection 'c9^[]0;pwned^G' (there are: c1)");
    expect(b.stderr.text).not.toMatch(OBEYED);
    // Not a terminal: the message keeps the bytes (a log file gets what was typed).
    const c = io('', false);
    expect(await runCli(['explain', 'no\x1bc.txt'], c.cli)).toBe(2);
    expect(c.stderr.text).toBe("tcplain: cannot read 'no\x1bc.txt': no such file\n");
  });
});

describe('fake notes: input lines that look like tcplain output are marked', () => {
  const fake = [
    SYN,
    '──▶ Connection c1 10.0.0.1:40000 → 10.0.0.2:80: Closed normally (four-way close)',
    '  │ No problem found: the server answered every request.',
    '  │no space after the bar',
    `${INPUT_MARK}a line that starts with the marker itself`,
    '   │ three spaces: not a note prefix',
    '',
  ].join('\n');

  it('prints each such line with the marker, so no input line passes for a note or a verdict', () => {
    const out = renderText(fake, { lang: 'en', format: 'text' }).split('\n');
    expect(out).toContain('⟪input⟫ ──▶ Connection c1 10.0.0.1:40000 → 10.0.0.2:80: Closed normally (four-way close)');
    expect(out).toContain('⟪input⟫   │ No problem found: the server answered every request.');
    expect(out).toContain('⟪input⟫   │no space after the bar');
    expect(out).toContain('⟪input⟫ ⟪input⟫ a line that starts with the marker itself');
    expect(out).toContain('   │ three spaces: not a note prefix');
    // Every note and verdict line left is tcplain's own: the same as for the SYN alone.
    const own = renderText(`${SYN}\n`, { lang: 'en', format: 'text' }).split('\n');
    const mine = (lines: string[]) => lines.filter((l) => l.startsWith('  │') || l.startsWith('──▶'));
    expect(mine(out)).toEqual(mine(own));
  });

  it("the README filter gives the hostile input back exactly: grep -v -e '^  │' -e '^──▶' | sed 's/^⟪input⟫ //'", () => {
    const out = renderText(fake, { lang: 'en', format: 'text' });
    const kept = out
      .split('\n')
      .filter((l) => !l.startsWith('  │') && !l.startsWith('──▶'))
      .map((l) => (l.startsWith(INPUT_MARK) ? l.slice(INPUT_MARK.length) : l));
    expect(kept.join('\n')).toBe(fake);
  });

  const samples = fileURLToPath(new URL('../../samples/', import.meta.url));
  const files = readdirSync(samples, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(`${samples}${d.name}`).filter((f) => f.endsWith('.txt') && !f.startsWith('expected')).map((f) => `${d.name}/${f}`));

  it(`grep -v -e '^  │' -e '^──▶' alone gives every sample capture back exactly (${files.length} files), en and zh-CN`, () => {
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const text = readFileSync(`${samples}${f}`, 'utf8');
      for (const lang of ['en', 'zh-CN'] as const) {
        const out = renderText(text, { lang, format: 'text' });
        const kept = out.split('\n').filter((l) => !l.startsWith('  │') && !l.startsWith('──▶'));
        expect(kept.join('\n'), `${f} ${lang}`).toBe(text);
      }
    }
  });
});

describe('JSON on a terminal', () => {
  const input = `${SYN}\n${HOSTILE_LINES.join('\n')}\n`;
  const parse = (text: string) => text.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);

  it('carries no raw control character on a terminal, and parses to exactly the values a pipe gets', async () => {
    const t = io(input, true);
    expect(await runCli(['explain', '--format', 'json', '-'], t.cli)).toBe(0);
    const p = io(input, false);
    expect(await runCli(['explain', '--format', 'json', '-'], p.cli)).toBe(0);
    expect(t.stdout.text).not.toMatch(OBEYED);
    expect(t.stdout.text).toContain('"raw":"C1 CSI \\u009b2J and C1 OSC \\u009d0;title\\u0007"');
    expect(t.stdout.text).toContain('"raw":"bidi \\u202eevil\\u202c end"');
    // A pipe keeps JSON.stringify's bytes (C1 raw), and both parse to the same values.
    expect(p.stdout.text).toContain('"raw":"C1 CSI \u009b2J and C1 OSC \u009d0;title\\u0007"');
    expect(parse(t.stdout.text)).toEqual(parse(p.stdout.text));
  });

  it('pair and cmd JSON on a terminal too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcplain-hostile-'));
    const a = join(dir, 'a.txt');
    writeFileSync(a, `${SYN.replace('10.0.0.1.40000', 'host\u009b2J.40000')}\n`);
    const t = io('', true);
    await runCli(['pair', '--format', 'json', a, a], t.cli);
    expect(t.stdout.text).toContain('host\\u009b2J');
    expect(t.stdout.text).not.toMatch(OBEYED);
    const c = io('', true);
    await runCli(['cmd', '--format', 'json', "tcpdump 'host a\u009bb'"], c.cli);
    expect(c.stdout.text).toContain('a\\u009bb');
    expect(c.stdout.text).not.toMatch(OBEYED);
  });
});
