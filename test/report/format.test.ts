// Text and JSON Lines renderers on real captures: raw kept exactly, notes prefixed, verdict block, schema v2 fields.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOTE_PREFIX, VERDICT_PREFIX, annotateText, formatJson, formatText, renderText } from '../../src/report';

const sample = (p: string) => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');

describe('text', () => {
  it('keeps every input character: dropping note and verdict lines gives the input back (-X dumps, -v continuation lines)', () => {
    for (const file of ['handshake-close/X.txt', 'handshake-close/v.txt', 'refused/e.txt', 'live-banner/live.txt']) {
      const input = sample(file);
      const out = renderText(input, { lang: 'en', format: 'text' });
      const kept = out.split('\n').filter((l) => !l.startsWith(NOTE_PREFIX) && !l.startsWith(VERDICT_PREFIX));
      expect(kept.join('\n'), file).toBe(input.endsWith('\n') ? input : `${input}\n`);
    }
  });

  it('a verdict block follows the record that ended the connection', () => {
    const items = annotateText(sample('refused/client.txt'), { lang: 'en' });
    expect(items.map((i) => i.kind)).toEqual(['record', 'record', 'connection']);
    const block = formatText(items[2], { lang: 'en', color: false }).split('\n');
    expect(block[0]).toBe('──▶ Connection c1 192.0.2.2:40003 → 198.51.100.2:81: Connection refused: the SYN was answered with RST+ACK');
    expect(block[2]).toBe('  │ 2 packets (1 →, 1 ←), 0 bytes → / 0 bytes ←, 0.053 ms; Zeek conn_state REJ, history Sr');
    expect(block[3]).toMatch(/^ {2}│ Next step: On the server, check that the service runs/);
    expect(block[4]).toBe('  │ What the application saw:');
    expect(block[5]).toBe("  │   curl: (7) Failed to connect to 198.51.100.2 port 81 after N ms: Couldn't connect to server (older curl ends with: Connection refused)");
  });
});

describe('JSON Lines v2', () => {
  it('tcp records carry the analysis and findings with severity; the notes only when asked', () => {
    const items = annotateText(sample('server-abort/client.txt'), { lang: 'zh-CN' });
    const lines = items.map((i) => JSON.parse(formatJson(i, { notes: true })));
    const rst = lines[5];
    expect([rst.v, rst.kind, rst.line, rst.flags, rst.conn, rst.dir, rst.relSeq, rst.relAck]).toEqual([2, 'tcp', 6, 'R.', 'c1', 's2c', 1, 87]);
    expect(rst.states).toEqual({ client: 'CLOSED', server: 'CLOSED' });
    expect(rst.findings.map((f: { code: string; severity: string; group: string }) => [f.code, f.severity, f.group])).toEqual([['tcp.rst', 'error', 'lifecycle']]);
    expect(rst.notes[0]).toBe('RST：一个带着服务端地址的复位报文；如果客户端接受它，连接立即结束（不需要回复，未发送的数据被丢弃）。');
    const conn = lines[6];
    expect([conn.kind, conn.verdict, conn.phase, conn.connState, conn.history]).toEqual(['connection', 'reset-by-server', 'after-request', 'RSTR', 'ShADar']);
    expect(conn.appSaw[0]).toBe('curl: (56) Recv failure: Connection reset by peer');
    const bare = items.map((i) => JSON.parse(formatJson(i)));
    expect(bare[5].notes).toBeUndefined();
    expect(bare[6].appSaw).toBeUndefined();
    // One line per object: no newline inside.
    expect(items.map((i) => formatJson(i)).every((s) => s.endsWith('\n') && s.indexOf('\n') === s.length - 1)).toBe(true);
  });
});
