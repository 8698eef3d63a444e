// `tcplain diagram FILE`: Mermaid, SVG, text ladder and Markdown handout, through the command module with captured streams.

import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { diagramCommand } from '../../../src/cli/commands/diagram';
import { runCommandCaptured } from '../../helpers/cli';

const run = (args: string[]) => runCommandCaptured(diagramCommand, args);

const sample = (p: string) => fileURLToPath(new URL(`../../../samples/${p}`, import.meta.url));

describe('tcplain diagram', () => {
  it('mermaid by default, accepted by mermaid', async () => {
    const { out } = await run(['diagram', sample('refused/client.txt')]);
    expect(out.startsWith('sequenceDiagram\n')).toBe(true);
    await expect(mermaid.parse(out)).resolves.toMatchObject({ diagramType: 'sequence' });
  });
  it('--format svg --conn picks one connection of several', async () => {
    const { out, err } = await run(['diagram', sample('concurrent/client.txt'), '--format', 'svg', '--conn', 'c2']);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain(':40122');
    expect(err).toBe('');
  });
  it('without --conn, says which connections exist', async () => {
    const { err } = await run(['diagram', sample('concurrent/client.txt')]);
    expect(err).toBe('tcplain: 3 connections; showing c1 (choose with --conn c1|c2|c3)\n');
  });
  it('--format text --lang zh', async () => {
    const { out } = await run(['diagram', sample('handshake-close/client.txt'), '--format', 'text', '--lang', 'zh']);
    expect(out.split('\n')[0]).toBe('       客户端 192.0.2.2:40001     服务端 198.51.100.2:80');
    expect(out).toContain('结论：正常关闭（四次挥手）');
  });
  it('--format markdown --redact', async () => {
    const { out } = await run(['diagram', sample('handshake-close/client.txt'), '--format', 'markdown', '--redact']);
    expect(out).toContain('Addresses, host names, MAC addresses and payload text were replaced by stand-ins');
    expect(out).not.toContain('192.0.2.2');
    expect(out).toContain('198.18.0.2.40001');
  });
  it('an unknown connection id is a usage error naming the real ones', async () => {
    await expect(run(['diagram', sample('handshake-close/client.txt'), '--conn', 'c9'])).rejects.toThrow("no connection 'c9' (there are: c1)");
  });

  it('--rows 8..10 --title: only those input lines, the states before them, a heading; accepted by mermaid too', async () => {
    const { out } = await run(['diagram', sample('three-way-close/client.txt'), '--format', 'svg', '--rows', '8..10', '--title', 'Teardown']);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out.match(/<g class="row" data-line="(\d+)"/g)).toEqual(['<g class="row" data-line="8"', '<g class="row" data-line="9"', '<g class="row" data-line="10"']);
    expect(out).toContain('<title>Teardown</title>');
    expect(out).toContain('>… 7 earlier segments not shown<');
    expect(out).toContain('>Legend<');
    const mmd = (await run(['diagram', sample('three-way-close/client.txt'), '--rows', '9', '--title', 'Line 9; #1'])).out;
    expect(mmd.split('\n').slice(0, 6)).toEqual([
      'sequenceDiagram',
      '    title Line 9 1',
      '    participant C as client 192.0.2.2:40002',
      '    participant S as server 198.51.100.2:80',
      '    Note over C: CLOSE_WAIT',
      '    Note over S: FIN_WAIT_1',
    ]);
    expect(mmd).toContain('    Note over C,S: … 1 later segment not shown\n');
    // mermaid.parse reads the title statement but then sanitizes it with DOMPurify, which needs a DOM: the range is
    // checked without a title here (the grammar's title rule admits any text but `#`, `;` and a line break).
    const untitled = (await run(['diagram', sample('three-way-close/client.txt'), '--rows', '9'])).out;
    await expect(mermaid.parse(untitled)).resolves.toMatchObject({ diagramType: 'sequence' });
  });
  it('--slant: an SVG whose rows are spaced by capture time; other formats and --pair refuse it', async () => {
    const { out } = await run(['diagram', sample('idle-reset/client.txt'), '--format', 'svg', '--slant']);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain('Time runs down: rows are spaced by capture time, 1 s = 40 px');
    for (const extra of [['--format', 'mermaid'], ['--format', 'text'], ['--format', 'svg', '--pair', sample('nat-basic/server.txt')]]) {
      await expect(run(['diagram', sample('idle-reset/client.txt'), '--slant', ...extra])).rejects.toThrow('--time-scale (--slant) draws the SVG only (--format svg, one capture)');
    }
  });
  it('--no-legend leaves the legend out', async () => {
    const { out } = await run(['diagram', sample('three-way-close/client.txt'), '--format', 'svg', '--no-legend']);
    expect(out).not.toContain('>Legend<');
  });
  it('a 414-segment connection: svg draws its first and last 30 by default, --rows 1.. all of them', async () => {
    const capped = (await run(['diagram', sample('fast-retransmit/client.txt'), '--format', 'svg'])).out;
    expect(capped.match(/<g class="row"/g)).toHaveLength(60);
    expect(capped).toContain('>… first 30 and last 30 segments shown, 354 omitted here<');
    expect(Number(/height="(\d+)"/.exec(capped)![1])).toBeLessThan(2600);
    const all = (await run(['diagram', sample('fast-retransmit/client.txt'), '--format', 'svg', '--rows', '1..'])).out;
    expect(all.match(/<g class="row"/g)).toHaveLength(414);
    // The text ladder scrolls: it keeps every row up to the hostile-input cap.
    const text = (await run(['diagram', sample('fast-retransmit/client.txt'), '--format', 'text'])).out;
    expect(text).not.toContain('omitted here');
  });
  it('--rows refuses a text that is not a range, and a range with no segment of the connection', async () => {
    await expect(run(['diagram', sample('three-way-close/client.txt'), '--rows', '10..8'])).rejects.toThrow(
      "--rows '10..8' is not a range of input lines: write A..B, A.. or ..B (A and B whole numbers from 1, A ≤ B)",
    );
    await expect(run(['diagram', sample('three-way-close/client.txt'), '--rows', '20..30'])).rejects.toThrow(
      'connection c1 has no segment on input lines 20..30 (its segments are on lines 1 to 10)',
    );
  });
  it('--format markdown: the handout is titled with the file\'s base name, not its path', async () => {
    const { out } = await run(['diagram', sample('three-way-close/client.txt'), '--format', 'markdown']);
    expect(out.split('\n')[0]).toBe('# client.txt');
    const titled = (await run(['diagram', sample('three-way-close/client.txt'), '--format', 'markdown', '--title', 'Ticket 42'])).out;
    expect(titled.split('\n')[0]).toBe('# Ticket 42');
  });
  it('--pair --rows: the client capture\'s lines 4..6 with the server-only segments between them', async () => {
    const { out } = await run(['diagram', sample('nat-forged-rst/client.txt'), '--pair', sample('nat-forged-rst/server.txt'), '--format', 'svg', '--rows', '4..6', '--title', 'forged']);
    expect(XMLValidator.validate(out)).toBe(true);
    expect([...out.matchAll(/data-client-line="(\d*)" data-server-line="(\d*)"/g)].map((m) => `${m[1]}/${m[2]}`)).toEqual(['4/7', '5/14', '/16', '/23', '6/25']);
    expect(out).toContain('>… 3 earlier segments not shown<');
    expect(out).toContain('>… 1 later segment not shown<');
    const text = (await run(['diagram', sample('nat-forged-rst/client.txt'), '--pair', sample('nat-forged-rst/server.txt'), '--format', 'text', '--rows', '4..6'])).out.split('\n');
    expect(text[2]).toBe('… 3 earlier segments not shown');
    expect(text.at(-2)).toBe('… 1 later segment not shown');
    const mmd = (await run(['diagram', sample('nat-forged-rst/client.txt'), '--pair', sample('nat-forged-rst/server.txt'), '--rows', '4..6'])).out;
    expect(mmd).toContain('    Note over C,S: … 3 earlier segments not shown\n');
    await expect(mermaid.parse(mmd)).resolves.toMatchObject({ diagramType: 'sequence' });
  });
});

describe('diagram: an input without a TCP connection is an input problem, not a usage error', () => {
  it('exit 2 and one line on stderr, no "Try \'tcplain --help\'" after it', async () => {
    const { runCliCaptured } = await import('../../helpers/cli');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'tcplain-diagram-')), 'arp.txt');
    writeFileSync(file, '12:00:00.000000 ARP, Request who-has 192.0.2.1 tell 192.0.2.2, length 28\n');
    const r = await runCliCaptured(['diagram', '--format', 'text', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`tcplain: no TCP connection in '${file}'\n`);
  });
});
