// Lines held for a connection's verdict (--severity, --verdict, --where on verdict fields): past the memory budget
// they go to an unnamed temporary file and come back in order; the output is the same bytes as when all stay in memory.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HeldOutput } from '../../src/cli/held-lines';
import type { ByteSink, ReportItem } from '../../src/report';
import { runCliCaptured, Sink } from '../helpers/cli';

const ZW = 'samples/zero-window/client.txt';
const CONC = 'samples/concurrent/client.txt';
const REFUSED = 'samples/refused/server.txt';

/** Synthetic items: the keeper only formats them, so a text stands for an item here. */
const item = (text: string): ReportItem => ({ text }) as unknown as ReportItem;
const byText = (it: ReportItem, out: ByteSink): void => out.text((it as unknown as { text: string }).text);

async function drain(out: HeldOutput): Promise<string> {
  const sink = new Sink();
  await out.write(sink);
  return sink.text;
}

describe('held lines past the memory budget', () => {
  it('explain --severity warn: every held line through the file, the same bytes as in memory (real captures)', async () => {
    const args = ['explain', '--format', 'text', '--lang', 'en', '--severity', 'warn', ZW, CONC, REFUSED];
    const mem = await runCliCaptured(args);
    const disk = await runCliCaptured(args, '', { TCPLAIN_HOLD_BYTES: '64' });
    expect(disk.code).toBe(0);
    expect(disk.err).toBe('');
    expect(disk.out).toBe(mem.out);
    const lines = disk.out.split('\n');
    expect(lines.length).toBe(519);
    expect(Buffer.byteLength(disk.out)).toBe(64986);
    expect(lines[0]).toBe('==> samples/zero-window/client.txt <==');
    expect(lines[489]).toBe(
      "──▶ Connection zero-window/client.txt#c1 192.0.2.2:40007 → 198.51.100.2:80: Closed normally, but the server's zero window stalled the transfer for 2.856 s (3 window probes)",
    );
    expect(lines.slice(495, 497)).toEqual(['==> samples/concurrent/client.txt <==', '==> samples/refused/server.txt <==']);
    expect(lines[509]).toBe('──▶ Connection server.txt#c1 192.0.2.2:40003 → 198.51.100.2:81: Connection refused: the SYN was answered with RST+ACK');
    // The zero-window capture's 85 lines, each with its notes, held until the verdict on its last line.
    expect(lines[1]).toBe(readFileSync(ZW, 'utf8').split('\n')[0]);
  });

  it('--format json and --where on a verdict field: the same records either way', async () => {
    const args = ['explain', '--format', 'json', '--where', 'port 80 and verdict normal-close', ZW, CONC];
    const mem = await runCliCaptured(args);
    const disk = await runCliCaptured(args, '', { TCPLAIN_HOLD_BYTES: '100' });
    expect(disk.out).toBe(mem.out);
    const conns = disk.out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((r) => r.kind === 'connection')
      .map((r) => `${r.conn} ${r.verdict}`);
    expect(conns).toEqual(['zero-window/client.txt#c1 normal-close', 'concurrent/client.txt#c1 normal-close', 'concurrent/client.txt#c2 normal-close', 'concurrent/client.txt#c3 normal-close']);
  });

  it('keeps order across file and memory, forgets dropped connections, reuses and compacts the file (synthetic lines)', async () => {
    const out = new HeldOutput(byText, 10, 20);
    out.show(item('shown 1\n'));
    out.hold('a', item('a1\n'));
    out.hold('b', item('b1\n'));
    out.hold('a', item('a2 long line\n'));
    // Past 10 bytes: a1, b1 and a2 went to the file.
    expect(out.spilled).toBe(3 + 3 + 13);
    out.hold('a', item('a3\n'));
    out.release('a');
    expect(out.queued).toBe(true);
    out.show(item('verdict a\n'));
    expect(await drain(out)).toBe('shown 1\na1\na2 long line\na3\nverdict a\n');
    // The file holds 3 live bytes (b1) of 19: appended to while it is under 20 bytes or at least half live.
    out.hold('c', item('c1 some text\n'));
    out.hold('b', item('b2 more text\n'));
    expect(out.spilled).toBe(19 + 13 + 13);
    expect(out.compactions).toBe(0);
    // c dropped: 16 of 45 bytes live; the next spill first copies b's two ranges to a fresh file.
    out.drop('c');
    out.hold('d', item('d1\n'));
    out.hold('d', item('d2 and more\n'));
    expect(out.compactions).toBe(1);
    out.release('d');
    out.release('b');
    expect(await drain(out)).toBe('d1\nd2 and more\nb1\nb2 more text\n');
    out.close();
  });
});
