// The viewer reducer as a pure function: cursor, paging, follow, pause, panes, focus, connection filter, search, toggles.
import { describe, expect, test } from 'vitest';
import { initialState, reduce, resolveWindow, type ListView, type ReduceContext, type TuiAction, type TuiState } from '../../src/tui/state/reducer';
import { keyAction, splitKeys } from '../../src/tui/state/keys';

/** A view over explicit ids (sparse, as a connection filter makes them), with findings and texts per id. */
function arrayView(ids: number[], findings: number[] = [], texts: Record<number, string> = {}): ListView {
  const lb = (id: number): number => {
    let i = 0;
    while (i < ids.length && ids[i] < id) i++;
    return i;
  };
  const scan = (from: number, dir: 1 | -1, ok: (id: number) => boolean, wrap: boolean): number | null => {
    let i = dir === 1 ? lb(from + 1) : lb(from) - 1;
    for (let k = 0; k < ids.length; k++) {
      if (i < 0 || i >= ids.length) {
        if (!wrap) return null;
        i = dir === 1 ? 0 : ids.length - 1;
      }
      if (ok(ids[i])) return ids[i];
      i += dir;
    }
    return null;
  };
  return {
    length: ids.length,
    idAt: (i) => ids[i],
    lowerBound: lb,
    nextFinding: (from, dir) => scan(from, dir, (id) => findings.includes(id), false),
    nextMatch: (from, q, dir) => scan(from, dir, (id) => (texts[id] ?? '').toLowerCase().includes(q.toLowerCase()), true),
    nextWithCode: (from, code) => scan(from, 1, (id) => (texts[id] ?? '').includes(code), false),
  };
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

function ctx(view: ListView, listRows = 10, connections: string[] = ['c1', 'c2']): ReduceContext {
  return { view, listRows, paneRows: 8, connections, findingCodes: ['tcp.retransmission', 'tcp.dup_ack'] };
}

function run(state: TuiState, c: ReduceContext, ...actions: TuiAction[]): TuiState {
  return actions.reduce((s, a) => reduce(s, a, c), state);
}

describe('cursor and follow', () => {
  const view = arrayView(range(0, 100));
  test('following shows the last page with the last record selected', () => {
    expect(resolveWindow(initialState(), view, 10)).toEqual({ topIndex: 90, cursorIndex: 99 });
  });
  test('moving up stops following and keeps the viewport', () => {
    const s = run(initialState(), ctx(view), { type: 'move', delta: -1 });
    expect(s.follow).toBe(false);
    expect(s.cursor).toBe(98);
    expect(resolveWindow(s, view, 10)).toEqual({ topIndex: 90, cursorIndex: 98 });
  });
  test('moving past the top scrolls the viewport by one', () => {
    const s = run(initialState(), ctx(view), { type: 'home' }, { type: 'move', delta: 12 });
    expect(resolveWindow(s, view, 10)).toEqual({ topIndex: 3, cursorIndex: 12 });
    const up = run(s, ctx(view), { type: 'move', delta: -10 });
    expect(resolveWindow(up, view, 10)).toEqual({ topIndex: 2, cursorIndex: 2 });
  });
  test('pages move by a screen minus one line and clamp at the ends', () => {
    const s = run(initialState(), ctx(view), { type: 'home' }, { type: 'page', dir: 1 });
    expect(s.cursor).toBe(9);
    const s2 = run(s, ctx(view), { type: 'page', dir: -1 }, { type: 'page', dir: -1 });
    expect(s2.cursor).toBe(0);
  });
  test('G jumps to the end and resumes following', () => {
    const s = run(initialState(), ctx(view), { type: 'home' }, { type: 'end' });
    expect(s.follow).toBe(true);
    const grown = arrayView(range(0, 150));
    expect(resolveWindow(s, grown, 10).cursorIndex).toBe(149);
  });
  test('a selected record keeps its place while records arrive and old ones are evicted', () => {
    const s = run(initialState(), ctx(view), { type: 'home' }, { type: 'move', delta: 50 });
    expect(s.cursor).toBe(50);
    const later = arrayView(range(30, 400));
    expect(later.idAt(resolveWindow(s, later, 10).cursorIndex)).toBe(50);
    const evicted = arrayView(range(60, 400));
    expect(evicted.idAt(resolveWindow(s, evicted, 10).cursorIndex)).toBe(60);
  });
  test('f toggles follow; turning it off pins the current selection', () => {
    const off = run(initialState(), ctx(view), { type: 'toggle-follow' });
    expect(off.follow).toBe(false);
    expect(off.cursor).toBe(99);
    expect(run(off, ctx(view), { type: 'toggle-follow' }).follow).toBe(true);
  });
  test('space freezes the list at the last record shown and resumes', () => {
    const p = run(initialState(), ctx(view), { type: 'toggle-pause' });
    expect(p.frozenAt).toBe(99);
    expect(p.notice).toBe('paused');
    const r = run(p, ctx(view), { type: 'toggle-pause' });
    expect(r.frozenAt).toBeNull();
  });
  test('a file opens at its first line (not following) until f or G', () => {
    const file = initialState({ follow: false });
    expect(resolveWindow(file, view, 10)).toEqual({ topIndex: 0, cursorIndex: 0 });
    expect(run(file, ctx(view), { type: 'move', delta: 1 }).cursor).toBe(1);
    expect(resolveWindow(run(file, ctx(view), { type: 'toggle-follow' }), view, 10)).toEqual({ topIndex: 90, cursorIndex: 99 });
  });
  test('leaving follow remembers the newest record then shown, so later arrivals count as new lines below', () => {
    const s = run(initialState(), ctx(view), { type: 'move', delta: -5 });
    expect(s).toMatchObject({ follow: false, seenUpTo: 99, cursor: 94 });
    const grown = arrayView(range(0, 130));
    const s2 = run(s, ctx(grown), { type: 'move', delta: 1 });
    expect(s2.seenUpTo).toBe(99);
    expect(grown.length - grown.lowerBound(s2.seenUpTo! + 1)).toBe(30);
    expect(run(s2, ctx(grown), { type: 'end' })).toMatchObject({ follow: true, seenUpTo: null });
  });
  test('an empty view leaves the state alone', () => {
    const empty = arrayView([]);
    expect(resolveWindow(initialState(), empty, 10)).toEqual({ topIndex: 0, cursorIndex: -1 });
    const s = run(initialState(), ctx(empty), { type: 'move', delta: -1 }, { type: 'page', dir: 1 });
    expect(s.cursor).toBeNull();
    expect(s.follow).toBe(true);
  });
});

describe('findings and search', () => {
  const view = arrayView(range(0, 40), [5, 17, 30], { 3: 'Flags [S]', 12: 'Flags [R.]', 33: 'flags [r.] again' });
  test('n and N walk the findings and report the end', () => {
    let s = run(initialState(), ctx(view), { type: 'home' }, { type: 'next-finding', dir: 1 });
    expect(s.cursor).toBe(5);
    s = run(s, ctx(view), { type: 'next-finding', dir: 1 }, { type: 'next-finding', dir: 1 });
    expect(s.cursor).toBe(30);
    s = run(s, ctx(view), { type: 'next-finding', dir: 1 });
    expect(s.cursor).toBe(30);
    expect(s.notice).toBe('no-more-findings');
    s = run(s, ctx(view), { type: 'next-finding', dir: -1 });
    expect(s.cursor).toBe(17);
  });
  test('a search query jumps to the next match, case-insensitively, wrapping around; empty repeats', () => {
    let s = run(initialState(), ctx(view), { type: 'home' }, { type: 'search-start' });
    for (const ch of 'R.]') s = reduce(s, { type: 'search-input', text: ch }, ctx(view));
    s = reduce(s, { type: 'search-commit' }, ctx(view));
    expect(s.search).toEqual({ editing: false, draft: '', query: 'R.]' });
    expect(s.cursor).toBe(12);
    s = run(s, ctx(view), { type: 'search-start' }, { type: 'search-commit' });
    expect(s.cursor).toBe(33);
    s = run(s, ctx(view), { type: 'search-start' }, { type: 'search-commit' });
    expect(s.cursor).toBe(12);
  });
  test('no match leaves the cursor and says so; Esc clears the query', () => {
    let s = run(initialState(), ctx(view), { type: 'home' }, { type: 'search-start' }, { type: 'search-input', text: 'FIN' }, { type: 'search-commit' });
    expect(s.cursor).toBe(0);
    expect(s.notice).toBe('no-match');
    // The first Esc closes the detail pane, the next clears the query.
    s = run(s, ctx(view), { type: 'escape' });
    expect(s).toMatchObject({ pane: null, search: { query: 'FIN' } });
    s = run(s, ctx(view), { type: 'escape' });
    expect(s.search.query).toBeNull();
  });
});

describe('panes, focus and the connection filter', () => {
  const view = arrayView(range(0, 20));
  test('the detail pane is open by default; d swaps in the ladder and back', () => {
    const s0 = initialState();
    expect(s0.pane).toBe('detail');
    const s1 = run(s0, ctx(view), { type: 'toggle-pane', pane: 'ladder' });
    expect(s1.pane).toBe('ladder');
    expect(run(s1, ctx(view), { type: 'toggle-pane', pane: 'ladder' }).pane).toBeNull();
    expect(run(s1, ctx(view), { type: 'enter' }).pane).toBe('detail');
  });
  test('Enter on an open detail pane moves focus there; arrows then scroll the pane, not the list', () => {
    const s = run(initialState(), ctx(view), { type: 'home' }, { type: 'enter' }, { type: 'move', delta: 3 });
    expect(s.focus).toBe('pane');
    expect(s.paneScroll).toBe(3);
    expect(s.cursor).toBe(0);
    const back = run(s, ctx(view), { type: 'tab' }, { type: 'move', delta: 1 });
    expect(back.focus).toBe('list');
    expect(back.cursor).toBe(1);
    expect(back.paneScroll).toBe(0);
  });
  test('c opens the connection list with focus; Enter filters; Esc clears the filter', () => {
    let s = run(initialState(), ctx(view), { type: 'toggle-pane', pane: 'connections' });
    expect(s).toMatchObject({ pane: 'connections', focus: 'pane', connCursor: 0 });
    s = run(s, ctx(view), { type: 'move', delta: 1 }, { type: 'move', delta: 1 }, { type: 'move', delta: 1 });
    expect(s.connCursor).toBe(2);
    s = run(s, ctx(view), { type: 'enter' });
    expect(s).toMatchObject({ connFilter: 'c2', pane: 'detail', focus: 'list' });
    const reopened = run(s, ctx(view), { type: 'toggle-pane', pane: 'connections' });
    expect(reopened.connCursor).toBe(2);
    s = run(s, ctx(view), { type: 'escape' }, { type: 'escape' });
    expect(s).toMatchObject({ pane: null, connFilter: null });
  });
  test('Esc closes the detail and the ladder pane, focused or not, as the help says', () => {
    expect(run(initialState(), ctx(view), { type: 'enter' }, { type: 'escape' })).toMatchObject({ pane: null, focus: 'list' });
    const ladder = run(initialState(), ctx(view), { type: 'toggle-pane', pane: 'ladder' }, { type: 'tab' });
    expect(ladder).toMatchObject({ pane: 'ladder', focus: 'pane' });
    expect(run(ladder, ctx(view), { type: 'escape' })).toMatchObject({ pane: null, focus: 'list' });
    // Enter brings the detail back.
    expect(run(ladder, ctx(view), { type: 'escape' }, { type: 'enter' }).pane).toBe('detail');
  });
  test('j/k in a focused ladder scroll it either way from the selection; moving the selection re-anchors it', () => {
    let s = run(initialState(), ctx(view), { type: 'toggle-pane', pane: 'ladder' }, { type: 'tab' });
    s = run(s, ctx(view), ...Array.from({ length: 3 }, (): TuiAction => ({ type: 'move', delta: -1 })));
    expect(s).toMatchObject({ paneScroll: -3, cursor: null, follow: true });
    s = run(s, ctx(view), { type: 'move', delta: 5 });
    expect(s.paneScroll).toBe(2);
    s = run(s, ctx(view), { type: 'tab' }, { type: 'move', delta: -1 });
    expect(s).toMatchObject({ paneScroll: 0, cursor: 18 });
  });
  test('e opens the findings summary with focus; Enter jumps to the first record of the kind under the cursor', () => {
    // ids 4 and 9 carry a dup ACK, 7 a retransmission; the pane lists retransmissions first (ctx.findingCodes).
    const v = arrayView(range(0, 20), [], { 4: 'tcp.dup_ack', 7: 'tcp.retransmission', 9: 'tcp.dup_ack' });
    let s = run(initialState(), ctx(v), { type: 'toggle-pane', pane: 'findings' });
    expect(s).toMatchObject({ pane: 'findings', focus: 'pane', lastPane: 'detail', findCursor: 0 });
    s = run(s, ctx(v), { type: 'move', delta: 1 }, { type: 'move', delta: 1 });
    expect(s.findCursor).toBe(1);
    s = run(s, ctx(v), { type: 'enter' });
    expect(s).toMatchObject({ pane: 'detail', focus: 'list', cursor: 4, follow: false });
    s = run(s, ctx(v), { type: 'toggle-pane', pane: 'findings' }, { type: 'home' }, { type: 'enter' });
    expect(s.cursor).toBe(7);
    // Esc closes it back to the pane it replaced.
    expect(run(s, ctx(v), { type: 'toggle-pane', pane: 'findings' }, { type: 'escape' }).pane).toBe('detail');
  });
  test('s and ! cycle the connection list order and its severity floor', () => {
    let s = run(initialState(), ctx(view), { type: 'toggle-pane', pane: 'connections' }, { type: 'move', delta: 1 });
    s = run(s, ctx(view), { type: 'conn-sort' });
    expect(s).toMatchObject({ connSort: 'severity', connCursor: 0 });
    s = run(s, ctx(view), { type: 'conn-sort' }, { type: 'conn-sort' }, { type: 'conn-sort' }, { type: 'conn-sort' });
    expect(s.connSort).toBe('first');
    s = run(s, ctx(view), { type: 'conn-severity' }, { type: 'conn-severity' });
    expect(s.connMinSeverity).toBe('warning');
    expect(keyAction('s', {}, s)).toEqual({ type: 'conn-sort' });
    expect(keyAction('!', {}, s)).toEqual({ type: 'conn-severity' });
    // Outside the connection list the keys do nothing.
    expect(keyAction('s', {}, initialState())).toBeNull();
  });
  test('? shows help and closes back to the previous pane', () => {
    const s = run(initialState(), ctx(view), { type: 'toggle-pane', pane: 'ladder' }, { type: 'toggle-pane', pane: 'help' });
    expect(s.pane).toBe('help');
    expect(run(s, ctx(view), { type: 'toggle-pane', pane: 'help' }).pane).toBe('ladder');
    expect(run(s, ctx(view), { type: 'escape' }).pane).toBe('ladder');
  });
  test('r, l and q toggle numbering, language and quit', () => {
    const s = run(initialState(), ctx(view), { type: 'toggle-numbering' }, { type: 'toggle-lang' });
    expect(s).toMatchObject({ numbering: 'absolute', lang: 'zh-CN', quit: false });
    expect(run(s, ctx(view), { type: 'toggle-numbering' }, { type: 'toggle-lang' }, { type: 'quit' })).toMatchObject({ numbering: 'relative', lang: 'en', quit: true });
  });
});

describe('key bindings', () => {
  const s = initialState();
  test('letters, arrows and control keys map to their actions', () => {
    expect(keyAction('j', {}, s)).toEqual({ type: 'move', delta: 1 });
    expect(keyAction('', { upArrow: true }, s)).toEqual({ type: 'move', delta: -1 });
    expect(keyAction('', { pageDown: true }, s)).toEqual({ type: 'page', dir: 1 });
    expect(keyAction('G', {}, s)).toEqual({ type: 'end' });
    expect(keyAction('c', { ctrl: true }, s)).toEqual({ type: 'quit' });
    expect(keyAction(' ', {}, s)).toEqual({ type: 'toggle-pause' });
    expect(keyAction('x', {}, s)).toBeNull();
  });
  test('while typing a search, letters are text and Enter commits', () => {
    const typing = { ...s, search: { editing: true, draft: 'ab', query: null } };
    expect(keyAction('q', {}, typing)).toEqual({ type: 'search-input', text: 'q' });
    expect(keyAction('', { backspace: true }, typing)).toEqual({ type: 'search-backspace' });
    expect(keyAction('', { return: true }, typing)).toEqual({ type: 'search-commit' });
  });
  test('a pasted search term with its Enter (one read: `ack 1\\r`) is typed, then committed; CR LF is one Enter', () => {
    const keys = splitKeys('ack 1\r', {});
    expect(keys).toEqual([['a', {}], ['c', {}], ['k', {}], [' ', {}], ['1', {}], ['', { return: true }]]);
    const c = ctx(arrayView(range(0, 5), [], { 3: 'ack 1' }));
    let st = run(s, c, { type: 'home' }, { type: 'search-start' });
    for (const [k, kk] of keys) {
      const a = keyAction(k, kk, st);
      if (a) st = reduce(st, a, c);
    }
    expect(st).toMatchObject({ cursor: 3, search: { editing: false, draft: '', query: 'ack 1' } });
    expect(splitKeys('x\r\n', {})).toEqual([['x', {}], ['', { return: true }]]);
    expect(splitKeys('a\x7fb\tc\x01', {})).toEqual([['a', {}], ['', { backspace: true }], ['b', {}], ['', { tab: true }], ['c', {}]]);
    // A single key keeps Ink's flags; a control chord is never split.
    expect(splitKeys('\r', { return: true })).toEqual([['\r', { return: true }]]);
    expect(splitKeys('z', { ctrl: true })).toEqual([['z', { ctrl: true }]]);
  });
});
