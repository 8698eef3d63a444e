// The viewer's feed: a streamed capture through readRecords → grammar → tracker → bounded store, nothing dropped, stop on quit.
import { describe, expect, test } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { readRecords } from '../../src/input';
import { parseWhere } from '../../grammar/where';
import { pumpCapture } from '../../src/tui/pump';
import { CaptureStore } from '../../src/tui/state/capture-store';
import { sampleText } from './capture';
import { SELECT_ALL } from '../../src/report/select';

describe('pumpCapture', () => {
  test('a burst of 2,000 connections (22,000 lines) in 64 KB chunks: every line counted, history bounded, all verdicts in', async () => {
    const base = sampleText('samples/handshake-close/n.txt');
    let text = '';
    for (let i = 0; i < 2000; i++) text += base.replaceAll('192.0.2.2.40001', `192.0.2.2.${1024 + i}`);
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 65_536) chunks.push(text.slice(i, i + 65_536));
    const store = new CaptureStore({ maxLines: 5_000, now: () => 0 });
    await pumpCapture(readRecords(Readable.from(chunks)), store);
    expect(store.stats).toMatchObject({ records: 22_000, packets: 22_000, segments: 22_000, connections: 2_000, open: 0, dropped: 17_000, ended: true });
    expect(store.size).toBe(5_000);
    expect(store.get(21_999)?.rec.raw).toBe(base.trimEnd().split('\n')[10].replace('192.0.2.2.40001', '192.0.2.2.3023'));
    // 5,000 records are the last 454 connections and the tail of one more.
    expect(store.connections()).toHaveLength(455);
    expect(store.connections().every((c) => c.verdict?.verdict === 'normal-close')).toBe(true);
  });

  test('a live pipe: records reach the store as lines arrive, before the input ends', async () => {
    const pipe = new PassThrough();
    const store = new CaptureStore({ now: () => 0 });
    const lines = sampleText('samples/server-abort/n.txt').trimEnd().split('\n');
    const done = pumpCapture(readRecords(pipe, { idleMs: 30 }), store);
    pipe.write(`${lines[0]}\n${lines[1]}\n`);
    await new Promise((r) => setTimeout(r, 200));
    expect(store.stats.records).toBe(2);
    expect(store.stats.ended).toBe(false);
    pipe.end(lines.slice(2).map((l) => `${l}\n`).join(''));
    await done;
    expect(store.stats).toMatchObject({ records: 6, findings: 1, ended: true });
    expect(store.connections()[0].verdict?.verdict).toBe('reset-by-server');
  });

  test('stops between batches once the viewer closed', async () => {
    const pipe = new PassThrough();
    const store = new CaptureStore({ now: () => 0 });
    let closed = false;
    const lines = sampleText('samples/server-abort/n.txt').trimEnd().split('\n');
    const done = pumpCapture(readRecords(pipe, { idleMs: 20 }), store, { stopped: () => closed });
    pipe.write(`${lines[0]}\n`);
    await new Promise((r) => setTimeout(r, 150));
    closed = true;
    pipe.write(`${lines[1]}\n`);
    await done;
    expect(store.stats.ended).toBe(false);
    expect(store.stats.records).toBeLessThanOrEqual(2);
  });
});

describe('runTui', () => {
  test('refuses a non-terminal stdout before touching the input, so the CLI can print text instead', async () => {
    const { runTui } = await import('../../src/cli/tui-entry');
    const input = new PassThrough();
    const out = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    expect(await runTui({ input, source: 'x', stdout: out })).toEqual({ kind: 'no-terminal', reason: 'standard output is not a terminal' });
    expect(input.readableFlowing).toBeNull();
  });

  test('the viewer\'s selection: --conn keeps one connection\'s lines, --from/--to hide packets yet the verdict arrives, -c stops', async () => {
    const text = sampleText('samples/concurrent/client.txt');
    const lineNumbers = (store: CaptureStore): number[] => {
      const out: number[] = [];
      for (let id = 0; id < store.stats.records; id++) {
        const e = store.get(id);
        if (e) out.push(e.rec.line);
      }
      return out;
    };
    const one = new CaptureStore({ now: () => 0 });
    await pumpCapture(readRecords(Readable.from([text])), one, { select: { ...SELECT_ALL, conns: ['c2'] } });
    expect(lineNumbers(one)).toEqual([4, 5, 6, 14, 15, 16, 17, 23, 26, 30, 31]);
    expect(one.connections().map((c) => [c.conn, c.verdict?.verdict])).toEqual([['c2', 'normal-close']]);
    const port = new CaptureStore({ now: () => 0 });
    await pumpCapture(readRecords(Readable.from([text])), port, { select: { ...SELECT_ALL, ports: [40222] } });
    expect(port.connections().map((c) => c.conn)).toEqual(['c3']);
    const slice = new CaptureStore({ now: () => 0 });
    const from = { seconds: 11 * 3600 + 27 * 60 + 39.6, timeOfDay: true };
    const to = { seconds: 11 * 3600 + 27 * 60 + 39.64, timeOfDay: true };
    await pumpCapture(readRecords(Readable.from([text])), slice, { select: { ...SELECT_ALL, from, to } });
    expect(lineNumbers(slice)).toEqual([4, 5, 6]);
    expect(slice.connections().map((c) => [c.conn, c.packets, c.verdict?.verdict])).toEqual([['c2', 3, 'normal-close']]);
    const three = new CaptureStore({ now: () => 0 });
    await pumpCapture(readRecords(Readable.from([text])), three, { select: { ...SELECT_ALL, count: 3 } });
    expect(three.stats).toMatchObject({ records: 3, packets: 3, ended: true });
    expect(three.connections().map((c) => [c.conn, c.verdict?.verdict])).toEqual([['c1', 'open']]);
  });

  test('the viewer\'s --where on host, port and conn: the ends decide each line (client/server from its direction)', async () => {
    const text = sampleText('samples/concurrent/client.txt');
    const conns = async (expr: string): Promise<string[]> => {
      const store = new CaptureStore({ now: () => 0 });
      await pumpCapture(readRecords(Readable.from([text])), store, { select: { ...SELECT_ALL, where: parseWhere(expr).ast } });
      return store.connections().map((c) => c.conn);
    };
    expect(await conns('client port 40222 or conn c1')).toEqual(['c1', 'c3']);
    expect(await conns('server port 40222')).toEqual([]);
    expect(await conns('not client port 40122 and server host 198.51.100.2')).toEqual(['c1', 'c3']);
    expect(await conns('host 192.0.2.0/24 and port > 40100')).toEqual(['c2', 'c3']);
  });
});
