// The Ink app rendered into fake streams with real samples: handshake frames in en and zh-CN, a 4-way-close ladder, a RST's detail, keys.
import { describe, expect, test } from 'vitest';
import React from 'react';
import * as ink from 'ink';
import { render } from 'ink-testing-library';
import { createApp } from '../../src/tui/app';
import { explainAnnotator } from '../../src/tui/annotate';
import { initialState, type TuiState } from '../../src/tui/state/reducer';
import stringWidth from 'string-width';
import { sampleText, storeFromText } from './capture';

const App = createApp({ ink, React });

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function mount(file: string, state: Partial<TuiState>, size = { width: 120, height: 40 }) {
  const store = storeFromText(sampleText(file));
  let last: TuiState | null = null;
  const r = render(
    <App
      store={store}
      annotator={explainAnnotator}
      source={file}
      initial={{ ...initialState(), ...state }}
      size={size}
      onState={(s: TuiState) => {
        last = s;
      }}
    />,
  );
  return { ...r, store, state: () => last, lines: () => (r.lastFrame() ?? '').split('\n') };
}

describe('handshake sample (handshake-close/n.txt)', () => {
  test('en: every packet line with its note; the status bar counts', () => {
    const app = mount('samples/handshake-close/n.txt', { pane: null });
    const lines = app.lines();
    expect(lines).toHaveLength(40);
    expect(lines[0].trimEnd()).toBe(' tcplain  samples/handshake-close/n.txt');
    // The compact row: time, src → dst, flags, seq/ack/len in the chosen numbering (v shows tcpdump's text).
    expect(lines[1].trimEnd()).toBe('  11:19:38.763609 192.0.2.2:40001 → 198.51.100.2:80 [S] seq 0 len 0');
    expect(lines[2].trimEnd()).toBe('   SYN: the client asks the server to open a connection (three-way handshake, step 1 of 3).');
    // Info findings (handshake options, handshake RTT) are marked with a dot but not counted.
    expect(lines[3].trimEnd()).toBe('· 11:19:38.763661 198.51.100.2:80 → 192.0.2.2:40001 [S.] seq 0 ack 1 len 0');
    expect(lines[39]).toContain(' FOLLOW  11 packets · 1 connections · 0 findings · input ended · rel · en');
    app.unmount();
  });

  test('zh-CN: the same lines with Chinese notes, columns still aligned', () => {
    const app = mount('samples/handshake-close/n.txt', { pane: 'ladder', lang: 'zh-CN' });
    const lines = app.lines();
    expect(lines.map((l) => l.trimEnd())).toContain('   ACK：客户端确认对方的 SYN-ACK，三次握手完成（第 3 步）。');
    expect(lines[39]).toContain('跟随  11 个包 · 1 个连接 · 0 个发现 · 输入结束 · 相对 · zh-CN');
    // No line overflows the terminal, wide characters counted twice; the status bar's help ends at the last column.
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(120);
    expect(stringWidth(lines[39].trimEnd())).toBe(119);
    expect(lines[39].trimEnd().endsWith('? 帮助  q 退出')).toBe(true);
    expect(lines.some((l) => l.includes('客户端 192.0.2.2:40001') && l.includes('服务端 198.51.100.2:80'))).toBe(true);
    app.unmount();
  });
});

describe('ladder of a 4-way close', () => {
  test('one arrow per segment, states written on the lanes as they change, verdict at the foot', () => {
    const app = mount('samples/handshake-close/n.txt', { pane: 'ladder' });
    const lines = app.lines();
    const start = lines.findIndex((l) => l.startsWith('── Ladder '));
    const rows = lines.slice(start + 3, start + 14).map((l) => l.trimEnd());
    expect(rows).toEqual([
      '  0.000000     SYN_SENT│─ S seq 0 win 64240 ─────────────────────────────────────────►│',
      '  0.000052  ESTABLISHED│◄────────────────────────────────── S. seq 0 ack 1 win 65160 ─│SYN_RECEIVED · Handshake options',
      '  0.000067             │─ . seq 1 ack 1 win 64512 ───────────────────────────────────►│ESTABLISHED  · Handshake RTT',
      '  0.050554             │─ P. seq 1:87 ack 1 win 64512 len 86 ────────────────────────►│',
      '  0.050656             │◄────────────────────────────────── . seq 1 ack 87 win 65536 ─│',
      '  0.050912             │◄─────────────────────── P. seq 1:79 ack 87 win 65536 len 78 ─│',
      '  0.050928             │─ . seq 87 ack 79 win 64512 ─────────────────────────────────►│',
      '  0.151296   FIN_WAIT_1│─ F. seq 87 ack 79 win 64512 ────────────────────────────────►│',
      '  0.198193   FIN_WAIT_2│◄───────────────────────────────── . seq 79 ack 88 win 65536 ─│CLOSE_WAIT',
      '  0.351657    TIME_WAIT│◄──────────────────────────────── F. seq 79 ack 88 win 65536 ─│LAST_ACK',
      '▸ 0.351678             │─ . seq 88 ack 80 win 64512 ─────────────────────────────────►│CLOSED',
    ]);
    expect(lines[38].trim()).toBe('verdict: Closed normally (four-way close)');
    app.unmount();
  });

  test('r switches the arrows to absolute sequence numbers', async () => {
    const app = mount('samples/handshake-close/n.txt', { pane: 'ladder' });
    app.stdin.write('r');
    await wait(60);
    const lines = app.lines();
    expect(lines.some((l) => l.includes('─ S seq 3201954478 win 64240 ─'))).toBe(true);
    expect(lines.some((l) => l.includes(' S. seq 245189806 ack 3201954479 win 65160 ─'))).toBe(true);
    expect(app.state()?.numbering).toBe('absolute');
    app.unmount();
  });
});

describe('detail pane of a RST (server-abort/n.txt)', () => {
  test('explanation, states, arithmetic, options, the finding and the raw record', () => {
    // Tall enough for the whole detail: the RST finding explains its class, evidence and acceptance in several lines.
    const app = mount('samples/server-abort/n.txt', { pane: 'detail' }, { width: 120, height: 130 });
    const lines = app.lines().map((l) => l.trimEnd());
    const at = lines.findIndex((l) => l.startsWith('── Detail '));
    const detail = lines.slice(at + 1, 129);
    expect(detail[0]).toBe('line 6  [R.]  Connection c1: client 192.0.2.2:40004 ← server 198.51.100.2:80');
    expect(detail).toContain('States (before → after)');
    expect(detail).toContain('  client    ESTABLISHED → CLOSED');
    expect(detail).toContain('  server    ESTABLISHED → CLOSED');
    expect(detail).toContain('  seq  2021187496 − ISN 2021187495 = 1');
    expect(detail).toContain('  ack  3513517986 − ISN 3513517899 = 87');
    expect(detail[detail.indexOf('Findings') + 1].startsWith('  ■ RST: ')).toBe(true);
    expect(detail.slice(detail.indexOf('Raw record') + 1, detail.indexOf('Raw record') + 2)).toEqual([
      '  11:19:44.968369 IP 198.51.100.2.80 > 192.0.2.2.40004: Flags [R.], seq 1, ack 87, win 64, options [nop,nop,TS val',
    ]);
    // The list marks the RST line with the error marker; the cursor (▸) is on it, the last line, while following.
    expect(lines).toContain('■▸11:19:44.968369 198.51.100.2:80 → 192.0.2.2:40004 [R.] seq 1 ack 87 len 0  RST');
    app.unmount();
  });
});

describe('keys', () => {
  test('k moves the selection up and stops following; Enter focuses the detail; c and Enter filter', async () => {
    const app = mount('samples/handshake-close/n.txt', { pane: 'detail' });
    app.stdin.write('k');
    await wait(60);
    expect(app.state()).toMatchObject({ follow: false, cursor: 9 });
    expect(app.lines().find((l) => l.startsWith('line '))?.trimEnd()).toBe(
      'line 10  [F.]  Connection c1: client 192.0.2.2:40001 ← server 198.51.100.2:80',
    );
    app.stdin.write('c');
    await wait(60);
    expect(app.lines().some((l) => l.includes('c1   192.0.2.2:40001 ⇄ 198.51.100.2:80'))).toBe(true);
    app.stdin.write('j');
    await wait(30);
    app.stdin.write('\r');
    await wait(60);
    expect(app.state()).toMatchObject({ connFilter: 'c1', pane: 'detail', focus: 'list' });
    expect(app.lines()[0]).toContain('connection: c1 192.0.2.2:40001 ⇄ 198.51.100.2:80');
    app.stdin.write('?');
    await wait(60);
    expect(app.lines().some((l) => l.includes('next / previous finding'))).toBe(true);
    app.stdin.write('q');
    await wait(60);
    expect(app.state()?.quit).toBe(true);
    app.unmount();
  });
});

describe('a long connection (fast-retransmit/n.txt, 414 segments)', () => {
  test('the ladder is built from a window around the selection and says how many earlier segments it leaves out', async () => {
    const { selectedLadder } = await import('../../src/tui/components/screen');
    const store = storeFromText(sampleText('samples/fast-retransmit/n.txt'));
    expect(store.stats.segments).toBe(414);
    const state = { ...initialState(), follow: false, cursor: 350 };
    const ladder = selectedLadder(store, state, store.get(350))!;
    // The window ends at the last segment, so it starts 414 - 400 = 14 segments in.
    expect(ladder.rows).toHaveLength(400);
    expect(ladder.omittedBefore).toBe(14);
    expect(ladder.rows[0].line).toBe(15);
    const early = selectedLadder(store, state, store.get(10))!;
    expect([early.omittedBefore, early.rows[0].line, early.rows.length]).toEqual([0, 1, 400]);
  });

  test('n walks the findings (retransmissions, dup ACKs) in order', async () => {
    const app = mount('samples/fast-retransmit/n.txt', { pane: 'detail' });
    app.stdin.write('g');
    await wait(60);
    app.stdin.write('n');
    await wait(80);
    const first = app.state()!.cursor!;
    const e = app.store.get(first)!;
    expect(e.severity === 'warning' || e.severity === 'note' || e.severity === 'error').toBe(true);
    for (let id = 0; id < first; id++) expect(['warning', 'note', 'error']).not.toContain(app.store.get(id)!.severity);
    app.stdin.write('n');
    await wait(80);
    expect(app.state()!.cursor!).toBeGreaterThan(first);
    app.unmount();
  });
});

describe('search, language and pause in the running app', () => {
  test('/ types a query in the status bar; Enter jumps to the first match and highlights it in the title', async () => {
    const app = mount('samples/server-abort/n.txt', { pane: 'detail' });
    app.stdin.write('g');
    await wait(50);
    app.stdin.write('/');
    await wait(50);
    app.stdin.write('R.]');
    await wait(50);
    expect(app.lines()[39].startsWith('/R.]▏')).toBe(true);
    app.stdin.write('\r');
    await wait(80);
    expect(app.state()).toMatchObject({ cursor: 5, search: { query: 'R.]', editing: false } });
    expect(app.lines()[0]).toContain('search: R.]');
    app.unmount();
  });

  test('l re-words the visible notes in Chinese and back', async () => {
    const app = mount('samples/server-abort/n.txt', { pane: null });
    // The note is cut to the width with an ellipsis: its start is what shows.
    expect(app.lines().some((l) => l.startsWith("   RST: a reset from the server's address; if the client accepts it"))).toBe(true);
    app.stdin.write('l');
    await wait(80);
    expect(app.lines().some((l) => l.startsWith('   RST：一个带着服务端地址的复位报文；如果客户端接受它'))).toBe(true);
    app.stdin.write('l');
    await wait(80);
    expect(app.state()?.lang).toBe('en');
    app.unmount();
  });

  test('space pauses the list: arrivals are counted as new but not shown until resumed', async () => {
    const store = storeFromText(sampleText('samples/handshake-close/n.txt'));
    const more = storeFromText(sampleText('samples/refused/n.txt'));
    let last: TuiState | null = null;
    const app = render(
      <App store={store} annotator={explainAnnotator} source="x" initial={{ ...initialState(), pane: null }} size={{ width: 120, height: 40 }} onState={(s: TuiState) => (last = s)} />,
    );
    app.stdin.write(' ');
    await wait(60);
    expect(last!.frozenAt).toBe(10);
    for (const id of [0, 1]) {
      const e = more.get(id)!;
      store.push(e.rec, e.analysis, []);
    }
    // Frames come at most 20 times a second; a loaded machine may take longer than one.
    for (let i = 0; i < 40 && !app.lastFrame()!.includes('13 packets'); i++) await wait(50);
    const frame = app.lastFrame()!;
    expect(frame).not.toContain('198.51.100.2:81');
    // The messages come first and whole; the counters after them.
    expect(frame).toContain(' PAUSED  paused: new lines are analysed and counted, not shown  +2 new  13 packets · 1 connections');
    app.stdin.write(' ');
    await wait(150);
    expect(app.lastFrame()).toContain('192.0.2.2:40003 → 198.51.100.2:81 [S] seq 0 len 0');
    app.unmount();
  });
});

describe('frame throttling', () => {
  test('records pushed continuously for 600 ms redraw the screen at most ~20 times a second, and every record is counted', async () => {
    const source = storeFromText(sampleText('samples/handshake-close/n.txt'));
    const store = storeFromText('');
    const app = render(<App store={store} annotator={explainAnnotator} source="burst" initial={initialState()} size={{ width: 120, height: 40 }} />);
    await wait(100);
    const before = app.frames.length;
    const started = Date.now();
    let pushed = 0;
    while (Date.now() - started < 600) {
      for (let k = 0; k < 200; k++) {
        const e = source.get(pushed % 11)!;
        store.push(e.rec, e.analysis, []);
        pushed++;
      }
      await new Promise((r) => setImmediate(r));
    }
    await wait(120);
    const frames = app.frames.length - before;
    expect(store.stats.records).toBe(pushed);
    expect(pushed).toBeGreaterThan(1_000);
    expect(frames).toBeGreaterThanOrEqual(3);
    expect(frames).toBeLessThanOrEqual(16);
    expect(app.lastFrame()).toContain(`${pushed.toLocaleString('en-US')} packets`);
    app.unmount();
  });
});

describe('on call: status messages, new lines below, the connection list order', () => {
  test('after k, lines arriving below are counted: `↓ N new lines below`, before the counters, never cut at 80 columns', async () => {
    const store = storeFromText(sampleText('samples/handshake-close/n.txt'));
    const more = storeFromText(sampleText('samples/refused/n.txt'));
    const app = render(<App store={store} annotator={explainAnnotator} source="x" initial={{ ...initialState(), pane: null }} size={{ width: 80, height: 24 }} />);
    app.stdin.write('k');
    await wait(60);
    for (const id of [0, 1]) {
      const e = more.get(id)!;
      store.push(e.rec, e.analysis, []);
    }
    for (let i = 0; i < 40 && !app.lastFrame()!.includes('13 packets'); i++) await wait(50);
    const status = app.lastFrame()!.split('\n')[23];
    expect(status.startsWith(' ↓ 2 new lines below  13 packets · ')).toBe(true);
    expect(stringWidth(status)).toBeLessThanOrEqual(80);
    app.stdin.write('G');
    await wait(100);
    expect(app.lastFrame()!.split('\n')[23].startsWith(' FOLLOW  13 packets')).toBe(true);
    app.unmount();
  });

  test('s sorts the connection list by severity, then bytes; ! keeps those with a warning or worse', async () => {
    const text = ['handshake-close', 'refused', 'server-abort', 'three-way-close'].map((d) => sampleText(`samples/${d}/n.txt`)).join('');
    const store = storeFromText(text);
    const app = render(<App store={store} annotator={explainAnnotator} source="x" initial={{ ...initialState(), pane: null }} size={{ width: 120, height: 40 }} />);
    const conns = (): string[] => app.lastFrame()!.split('\n').filter((l) => /^[ ▸►][ ●▲■]c\d /.test(l)).map((l) => l.slice(2, 4));
    app.stdin.write('c');
    await wait(80);
    expect(conns()).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(app.lastFrame()).toContain('── Connections · sorted by: first seen · showing: all · s sort · ! severity ');
    app.stdin.write('s');
    await wait(80);
    // Errors (the refused connection, the server's abort) first, in order of appearance.
    expect(conns()).toEqual(['c2', 'c3', 'c1', 'c4']);
    app.stdin.write('s');
    await wait(80);
    expect(app.lastFrame()).toContain('sorted by: bytes');
    const bytes = app.lastFrame()!.split('\n').filter((l) => /^[ ▸►][ ●▲■]c\d /.test(l)).map((l) => Number(/ (\d[\d,]*) +\S+ms /.exec(l)?.[1].replace(/,/g, '') ?? -1));
    expect([...bytes].sort((a, b) => b - a)).toEqual(bytes);
    app.stdin.write('!');
    await wait(80);
    app.stdin.write('!');
    await wait(80);
    expect(app.lastFrame()).toContain('showing: warning or worse');
    expect(conns().sort()).toEqual(['c2', 'c3']);
    app.unmount();
  });
});
