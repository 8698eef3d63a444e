// Several inputs in one run: connection ids `name#c3` (src/report/conn-id.ts) in text, JSON and Markdown, `file` on
// every JSON object, `--conn` taking both forms; and `--notes` (real captures from samples/).

import { describe, expect, it } from 'vitest';
import { connLabel, inputName } from '../../src/report/conn-id';
import { connArg } from '../../src/cli/conn-arg';
import { runCliCaptured } from '../helpers/cli';

const REUSE = 'samples/port-reuse/client.txt';
const REFUSED = 'samples/refused/n.txt';
const HANDSHAKE = 'samples/handshake-close/nn-S.txt';

const objects = (out: string): Array<Record<string, any>> =>
  out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('connLabel and connArg', () => {
  it('one input: the id alone; several: basename#id, - for stdin', () => {
    expect(connLabel('samples/refused/n.txt', 'c3', false)).toBe('c3');
    expect(connLabel('samples/refused/n.txt', 'c3', true)).toBe('n.txt#c3');
    expect(connLabel('capture.txt', 'c12', true)).toBe('capture.txt#c12');
    expect(connLabel('dir/sub/', 'c1', true)).toBe('sub#c1');
    expect(connLabel('-', 'c1', true)).toBe('-#c1');
    expect(connLabel(null, 'c1', true)).toBe('-#c1');
  });
  it('two inputs with the same basename: as many path parts as make them differ', () => {
    const inputs = ['samples/zero-window/n.txt', 'samples/refused/n.txt', 'samples/nat-forged-rst/server-v.txt'];
    expect(connLabel(inputs[0], 'c1', true, inputs)).toBe('zero-window/n.txt#c1');
    expect(connLabel(inputs[1], 'c1', true, inputs)).toBe('refused/n.txt#c1');
    expect(connLabel(inputs[2], 'c1', true, inputs)).toBe('server-v.txt#c1');
    expect(connLabel('a/x/n.txt', 'c2', true, ['a/x/n.txt', 'b/x/n.txt'])).toBe('a/x/n.txt#c2');
    expect(inputName('./n.txt', ['./n.txt', 'other/n.txt'])).toBe('n.txt');
    expect(inputName('other/n.txt', ['./n.txt', 'other/n.txt'])).toBe('other/n.txt');
  });
  it('--conn: c3 and basename#c3 name the same connection; another name does not', () => {
    expect(connArg('c3', 'samples/refused/n.txt')).toBe('c3');
    expect(connArg('n.txt#c3', 'samples/refused/n.txt')).toBe('c3');
    expect(connArg('x.txt#c3', 'samples/refused/n.txt')).toBe('x.txt#c3');
  });
});

describe('explain with several inputs', () => {
  it('two inputs named n.txt: their ids differ in text, in --conn and in summary', async () => {
    const both = ['samples/refused/n.txt', 'samples/zero-window/n.txt'];
    const text = await runCliCaptured(['--format', 'text', ...both]);
    expect(text.out.split('\n').filter((l) => l.startsWith('──▶')).map((l) => l.split(' ')[2])).toEqual(['refused/n.txt#c1', 'zero-window/n.txt#c1']);
    const one = await runCliCaptured(['--format', 'text', '--conn', 'zero-window/n.txt#c1', ...both]);
    expect(one.out.split('\n').filter((l) => l.startsWith('──▶')).map((l) => l.split(' ')[2])).toEqual(['zero-window/n.txt#c1']);
    const sum = await runCliCaptured(['summary', '--format', 'csv', ...both]);
    expect(sum.out.split('\n').slice(1, 3).map((l) => l.split(',')[0])).toEqual(['refused/n.txt#c1', 'zero-window/n.txt#c1']);
  });

  it('JSON: file on every object, ids unique across inputs (port reuse quoting its previous connection too)', async () => {
    const r = await runCliCaptured(['--format', 'json', REUSE, REFUSED]);
    expect(r.code).toBe(0);
    const objs = objects(r.out);
    expect(objs.every((o) => typeof o.file === 'string')).toBe(true);
    const connections = objs.filter((o) => o.kind === 'connection').map((o) => [o.file, o.conn, o.verdict]);
    expect(connections).toEqual([
      [REUSE, 'client.txt#c1', 'normal-close'],
      [REUSE, 'client.txt#c2', 'normal-close'],
      [REFUSED, 'n.txt#c1', 'refused'],
    ]);
    const reuse = objs.find((o) => o.findings?.some((f: { code: string }) => f.code === 'tcp.port_reuse'));
    expect([reuse?.file, reuse?.line, reuse?.conn]).toEqual([REUSE, 11, 'client.txt#c2']);
    expect(reuse?.findings.find((f: { code: string }) => f.code === 'tcp.port_reuse')).toEqual({
      code: 'tcp.port_reuse',
      severity: 'note',
      group: 'lifecycle',
      previousConn: 'client.txt#c1',
      newIsn: true,
      timeWait: { side: 'server', seconds: 0.300339, tsNewer: { val: 1873228931, last: 1873228630 } },
    });
    const rst = objs.find((o) => o.file === REFUSED && o.line === 2);
    expect([rst?.conn, rst?.flags, rst?.findings.map((f: { code: string; severity: string }) => `${f.code}/${f.severity}`)]).toEqual(['n.txt#c1', 'R.', ['tcp.rst/error']]);
  });

  it('one input: ids as before and no file key', async () => {
    const r = await runCliCaptured(['--format', 'json', REFUSED]);
    const objs = objects(r.out);
    expect(objs.map((o) => [o.kind, o.conn, 'file' in o])).toEqual([
      ['tcp', 'c1', false],
      ['tcp', 'c1', false],
      ['connection', 'c1', false],
    ]);
  });

  it('text: the verdict blocks and the port-reuse note name name#id', async () => {
    const r = await runCliCaptured(['--format', 'text', '--lang', 'en', REUSE, REFUSED]);
    const heads = r.out.split('\n').filter((l) => l.startsWith('──▶') || l.startsWith('==>'));
    expect(heads).toEqual([
      `==> ${REUSE} <==`,
      '──▶ Connection client.txt#c1 192.0.2.2:40021 → 198.51.100.2:80: Closed normally (three-way close: one FIN rode on the ACK of the other)',
      '──▶ Connection client.txt#c2 192.0.2.2:40021 → 198.51.100.2:80: Closed normally (three-way close: one FIN rode on the ACK of the other)',
      `==> ${REFUSED} <==`,
      '──▶ Connection n.txt#c1 192.0.2.2:40003 → 198.51.100.2:81: Connection refused: the SYN was answered with RST+ACK',
    ]);
    expect(r.out).toContain('  │ [note] Port reuse: a new SYN on the 4-tuple of client.txt#c1 while the server\'s end of client.txt#c1 is still in TIME_WAIT (entered about 300.3 ms ago; 60 s on Linux). It is accepted because its timestamp (1873228931) is newer than the last one from client.txt#c1 (1873228630): RFC 6191 §2; Linux tcp_timewait_state_process. Counted as a new connection from here.\n');
    const zh = await runCliCaptured(['--format', 'text', '--lang', 'zh', REUSE, REFUSED]);
    expect(zh.out).toContain('──▶ 连接 n.txt#c1 192.0.2.2:40003 → 198.51.100.2:81：');
  });

  it('markdown: each input its own handout, connections named name#id', async () => {
    const r = await runCliCaptured(['--format', 'markdown', '--lang', 'en', REFUSED, HANDSHAKE]);
    const headings = r.out.split('\n').filter((l) => l.startsWith('### '));
    expect(headings.map((h) => h.split(' ').slice(0, 3).join(' '))).toEqual(['### Connection n.txt#c1:', '### Connection nn-S.txt#c1:']);
  });
});

describe('--conn accepts c1 and name#c1', () => {
  it('diagram: the same ladder either way; another file name is no connection', async () => {
    const plain = await runCliCaptured(['diagram', '--format', 'text', '--conn', 'c1', REFUSED]);
    const named = await runCliCaptured(['diagram', '--format', 'text', '--conn', 'n.txt#c1', REFUSED]);
    expect(named.code).toBe(0);
    expect(named.out).toBe(plain.out);
    expect(named.out).toContain('S seq 0 win 64240');
    const wrong = await runCliCaptured(['diagram', '--format', 'text', '--conn', 'x.txt#c1', REFUSED]);
    expect(wrong.code).toBe(2);
    expect(wrong.err.split('\n')[0]).toBe("tcplain: no connection 'x.txt#c1' (there are: c1)");
  });
});

describe('--notes', () => {
  it('without it: codes and numbers only; with it: the notes and the verdict words in the chosen language', async () => {
    const bare = objects((await runCliCaptured(['--format', 'json', REFUSED])).out);
    expect(bare.some((o) => 'notes' in o || 'headline' in o || 'summary' in o || 'appSaw' in o)).toBe(false);
    expect(bare[2]).toMatchObject({ verdict: 'refused', severity: 'error', connState: 'REJ', history: 'Sr', resetClass: 'refusal', limits: ['no-ttl', 'no-date'] });
    const en = objects((await runCliCaptured(['--format', 'json', '--notes', '--lang', 'en', REFUSED])).out);
    expect(en[0].notes[0]).toBe('SYN: the client asks the server to open a connection (three-way handshake, step 1 of 3).');
    expect(en[2].headline).toBe('Connection refused: the SYN was answered with RST+ACK');
    const zh = objects((await runCliCaptured(['--format', 'json', '--notes', '--lang', 'zh', REFUSED])).out);
    expect(zh[0].notes[0]).toBe('SYN：客户端请求与服务端建立连接（三次握手第 1 步）。');
    expect(zh[2].headline).toBe('连接被拒绝：SYN 得到的回应是 RST+ACK');
    // The notes add words, never change the codes and numbers.
    const strip = (o: Record<string, any>) => {
      const { notes: _n, headline: _h, summary: _s, nextStep: _x, appSaw: _a, ...rest } = o;
      return rest;
    };
    expect(zh.map(strip)).toEqual(bare);
    expect(en.map(strip)).toEqual(bare);
  });
});
