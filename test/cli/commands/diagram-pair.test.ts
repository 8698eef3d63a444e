// `tcplain diagram CLIENT --pair SERVER`: the pair's sequence diagram (mermaid), standalone SVG and three-lane text ladder.

import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { diagramCommand } from '../../../src/cli/commands/diagram';
import { runCommandCaptured } from '../../helpers/cli';

const run = (args: string[]) => runCommandCaptured(diagramCommand, args);

const sample = (p: string) => fileURLToPath(new URL(`../../../samples/${p}`, import.meta.url));

const client = sample('nat-forged-rst/client.txt');
const server = sample('nat-forged-rst/server.txt');

describe('tcplain diagram --pair', () => {
  it('mermaid (default): three lanes, the forged RST starts at the path, accepted by mermaid', async () => {
    const { out, err } = await run(['diagram', client, '--pair', server]);
    expect(err).toBe('');
    const ls = out.split('\n');
    expect(ls.slice(0, 4)).toEqual(['sequenceDiagram', '    participant C as client 192.0.2.2:40016', '    participant P as path', '    participant S as server 198.51.100.2:80']);
    expect(ls).toContain('    P-xS: [-/23] [R] seq 87 win 0 len 0');
    expect(ls).toContain('    S-xP: [-/16] [P.] seq 1:79 ack 87 win 65536 len 78');
    await expect(mermaid.parse(out)).resolves.toMatchObject({ diagramType: 'sequence' });
  });

  it('text: one row per timeline segment, lost ending in x at the path, forged starting there', async () => {
    const { out } = await run(['diagram', client, '--pair', server, '--format', 'text']);
    const ls = out.trimEnd().split('\n');
    expect(ls.slice(0, 3)).toEqual([
      'client 192.0.2.2:40016  ⇄  server 198.51.100.2:80',
      'client          path            server',
      '|------------------------------>|  [1/1] [S] seq 0 win 64240 len 0 mss 1460 wscale 10',
    ]);
    expect(ls).toHaveLength(2 + 9);
    expect(ls[7]).toBe('|               x---------------|  [-/16] [P.] seq 1:79 ack 87 win 65536 len 78  ‹lost on the path›');
    expect(ls[8]).toBe('|               :-------------->|  [-/23] [R] seq 87 win 0 len 0  ‹never sent by the peer›');
  });

  it('text --lang zh, nat-mss-clamp: Chinese lanes and the MSS rewrite on the SYN', async () => {
    const { out } = await run(['diagram', sample('nat-mss-clamp/client.txt'), '--pair', sample('nat-mss-clamp/server.txt'), '--format', 'text', '--lang', 'zh']);
    const ls = out.split('\n');
    expect(ls[1]).toBe('客户端          路径            服务端');
    expect(ls[2]).toBe('|------------------------------>|  [1/1] [S] seq 0 win 64240 len 0 mss 1460→1200 wscale 10');
  });

  it('refuses formats other than mermaid, svg and text', async () => {
    await expect(run(['diagram', client, '--pair', server, '--format', 'markdown'])).rejects.toThrow('--pair draws --format mermaid, svg or text');
  });

  it('svg: a well-formed standalone document, three lanes, one arrow per timeline segment', async () => {
    const { out, err } = await run(['diagram', client, '--pair', server, '--format', 'svg']);
    expect(err).toBe('');
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).toContain('>path</text>');
    expect(out.match(/<g class="row"/g)).toHaveLength(9);
    expect(out).toContain('>R seq 87 win 0</text>');
    expect(out).toContain('>‹lost on the path›</text>');
  });
});
