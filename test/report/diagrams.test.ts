import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { annotateText } from '../../src/report/render';
import { formatLadderText } from '../../src/report/format-ladder-text';
import { formatMermaid, mermaidText } from '../../src/report/format-mermaid';
import { formatSvg, xmlEscape } from '../../src/report/format-svg';
import { laddersFromItems } from '../../src/report/ladders-from-items';

const samples = new URL('../../samples/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, samples), 'utf8');
const scenarios = readFileSync(new URL('MANIFEST', samples), 'utf8')
  .split('\n')
  .filter((l) => l.includes('/client.txt\t'))
  .map((l) => l.split('/')[0]);

function ladders(path: string, lang: 'en' | 'zh-CN' = 'en') {
  return laddersFromItems(annotateText(read(path), { lang }), 'relative');
}

describe('Mermaid: every sample connection is accepted by mermaid.parse', () => {
  for (const scenario of scenarios) {
    it(scenario, async () => {
      for (const lang of ['en', 'zh-CN'] as const) {
        for (const l of ladders(`${scenario}/client.txt`, lang)) {
          const text = formatMermaid(l, { lang });
          await expect(mermaid.parse(text), `${scenario} ${l.conn} ${lang}`).resolves.toMatchObject({ diagramType: 'sequence' });
          // One message per segment, in capture order.
          const lines = [...text.matchAll(/^\s+[CS]-[-x>]*>?[CS]: \[(\d+)\]/gm)].map((m) => Number(m[1]));
          const arrows = [...text.matchAll(/^\s+[CS](?:->>|-->>|-x)[CS]: \[(\d+)\]/gm)].map((m) => Number(m[1]));
          expect(arrows).toEqual(l.rows.map((r) => r.line));
          expect(lines.length).toBe(l.rows.length);
        }
      }
    });
  }
  it('mermaid.parse rejects a broken diagram (the check can fail)', async () => {
    await expect(mermaid.parse('sequenceDiagram\n    C->>: x\n')).rejects.toThrow(/Parse error/);
  });
  it('escapes statement separators and entities in labels', () => {
    expect(mermaidText('a;b #c <d>')).toBe('a#59;b #35;c #60;d#62;');
  });
  it('handshake-close: exact diagram', () => {
    const l = ladders('handshake-close/client.txt')[0];
    expect(formatMermaid(l, { lang: 'en' }).split('\n').slice(0, 10)).toEqual([
      'sequenceDiagram',
      '    participant C as client 192.0.2.2:40001',
      '    participant S as server 198.51.100.2:80',
      // RFC 9293 §3.5: the client is CLOSED before its SYN; the server that answers with a SYN-ACK was LISTEN.
      '    Note over C: CLOSED',
      '    Note over S: LISTEN',
      '    C->>S: [1] S seq 0 win 64240',
      '    Note over C: SYN_SENT',
      '    S->>C: [2] S. seq 0 ack 1 win 65160',
      '    Note over C: ESTABLISHED',
      '    Note over S: SYN_RECEIVED',
    ]);
  });
  it('a RST is a cross arrow inside a red box with the finding', () => {
    const text = formatMermaid(ladders('server-abort/client.txt')[0], { lang: 'en' });
    expect(text).toMatch(/ {4}rect rgb\(255, 228, 228\)\n {8}S-xC: \[6\] R\. seq 1 ack 87 win 65536\n/);
    expect(text).toContain('    Note over C,S: ');
  });
});

describe('SVG: well-formed, arrows in capture order', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'g' || name === 'text' || name === 'line' });
  for (const scenario of ['handshake-close', 'refused', 'server-abort', 'retransmission', 'concurrent']) {
    it(scenario, () => {
      for (const lang of ['en', 'zh-CN'] as const) {
        for (const l of ladders(`${scenario}/client.txt`, lang)) {
          const svg = formatSvg(l, { lang });
          expect(XMLValidator.validate(svg)).toBe(true);
          const doc = parser.parse(svg);
          const rows = doc.svg.g as Array<{ 'data-line': string; 'data-from': string; line: Array<{ x1: string; x2: string }> }>;
          expect(rows.map((g) => Number(g['data-line']))).toEqual(l.rows.map((r) => r.line));
          // Each arrow goes from its sender's lane toward the other lane.
          for (const [i, g] of rows.entries()) {
            const { x1, x2 } = g.line[0];
            expect(Number(x1) < Number(x2)).toBe(l.rows[i].from === 'client');
          }
        }
      }
    });
  }
  it('escapes text', () => expect(xmlEscape(`a<b & "c"`)).toBe('a&lt;b &amp; &quot;c&quot;'));
  it('XMLValidator catches a broken document (the check can fail)', () => {
    expect(XMLValidator.validate('<svg><text>a < b</text></svg>')).not.toBe(true);
  });
});

describe('plain-text ladder', () => {
  it('handshake-close, exact', () => {
    expect(formatLadderText(ladders('handshake-close/client.txt')[0], { lang: 'en' })).toBe(
      [
        '       client 192.0.2.2:40001     server 198.51.100.2:80',
        '       CLOSED                                     LISTEN',
        '    1  |---- S seq 0 win 64240 ----------------------->|',
        '       SYN_SENT',
        '    2  |<---- S. seq 0 ack 1 win 65160 ----------------|',
        '       ESTABLISHED                          SYN_RECEIVED',
        '    3  |---- . seq 1 ack 1 win 64512 ----------------->|',
        '                                             ESTABLISHED',
        '    4  |---- P. seq 1:87 ack 1 win 64512 len 86 ------>|',
        '    5  |<---- . seq 1 ack 87 win 65536 ----------------|',
        '    6  |<---- P. seq 1:79 ack 87 win 65536 len 78 -----|',
        '    7  |---- . seq 87 ack 79 win 64512 --------------->|',
        '    8  |---- F. seq 87 ack 79 win 64512 -------------->|',
        '       FIN_WAIT_1',
        '    9  |<---- . seq 79 ack 88 win 65536 ---------------|',
        '       FIN_WAIT_2                             CLOSE_WAIT',
        '   10  |<---- F. seq 79 ack 88 win 65536 --------------|',
        '       TIME_WAIT                                LAST_ACK',
        '   11  |---- . seq 88 ack 80 win 64512 --------------->|',
        '                                                  CLOSED',
        '       Verdict: Closed normally (four-way close)',
        '',
      ].join('\n'),
    );
  });
  it('refused: the RST arrow ends in x', () => {
    const text = formatLadderText(ladders('refused/client.txt')[0], { lang: 'en' });
    expect(text).toMatch(/\n {4}2 {2}\|x-+ R\. /);
  });
});
