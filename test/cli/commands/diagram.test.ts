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
});
