// The viewer's UI state (cursor, scroll, panes, filters, toggles) and the pure reducer that moves it.

import type { FindingCode, Severity } from '../../model';

export type Pane = 'detail' | 'ladder' | 'connections' | 'findings' | 'help';
export type Focus = 'list' | 'pane';
export type Numbering = 'relative' | 'absolute';
export type UiLang = 'en' | 'zh-CN';
/** Orders of the connection list: first seen, worst severity, bytes, duration, verdict (worst first). */
export type ConnSort = 'first' | 'severity' | 'bytes' | 'duration' | 'verdict';
export const CONN_SORTS: readonly ConnSort[] = ['first', 'severity', 'bytes', 'duration', 'verdict'];
/** Connections listed: all, or those whose worst finding is at least this severity. */
export const CONN_MIN_SEVERITIES: ReadonlyArray<Severity | null> = [null, 'note', 'warning', 'error'];

/** Panes that overlay the list's lower pane and go back to the previous one when closed. */
export function isOverlay(p: Pane | null): boolean {
  return p === 'help' || p === 'connections' || p === 'findings';
}

/** A transient status message, named by key so it is worded in the UI catalog of the current language. */
export type Notice = 'no-more-findings' | 'no-match' | 'no-connection' | 'paused' | 'resumed' | null;

export interface SearchState {
  /** Typing a query after `/`. */
  editing: boolean;
  /** Text being typed. */
  draft: string;
  /** The last committed query (highlighted in the list), or null. */
  query: string | null;
}

export interface TuiState {
  /** Id of the selected record; ignored while `follow` is on (the last record is selected then). */
  cursor: number | null;
  /** Id of the first record shown in the list viewport. */
  top: number | null;
  follow: boolean;
  /** While paused the list shows records up to this id only; arrivals are still analysed and counted. */
  frozenAt: number | null;
  /** Lower pane, or null for the list alone. */
  pane: Pane | null;
  /** Pane to return to when help, connections or findings close. */
  lastPane: Pane | null;
  focus: Focus;
  /** Connection id the list is filtered to, or null for all records. */
  connFilter: string | null;
  /** Row in the connection list (0 = all connections). */
  connCursor: number;
  /** First line of the detail/help pane shown when it is scrolled by hand; for the ladder, rows from the selection (may be negative). */
  paneScroll: number;
  /** Row in the findings summary pane. */
  findCursor: number;
  connSort: ConnSort;
  connMinSeverity: Severity | null;
  /** List rows show tcpdump's text as printed instead of the compact summary. */
  raw: boolean;
  /** Last record id seen while following; later arrivals are counted as new lines below when not following. */
  seenUpTo: number | null;
  numbering: Numbering;
  lang: UiLang;
  search: SearchState;
  notice: Notice;
  quit: boolean;
}

/** What the reducer needs to know about the records on screen; built by the app from the capture store. */
export interface ListView {
  length: number;
  idAt(index: number): number;
  /** Index of the first record with id >= `id`, or `length` when there is none. */
  lowerBound(id: number): number;
  /** Next (dir 1) or previous (dir -1) record with a finding, strictly after/before `fromId`, within the view. */
  nextFinding(fromId: number, dir: 1 | -1): number | null;
  /** Next/previous record whose text matches `query`, strictly after/before `fromId`, wrapping around once. */
  nextMatch(fromId: number, query: string, dir: 1 | -1): number | null;
  /** First record (strictly after `fromId`) with a finding of this code, within the view. */
  nextWithCode(fromId: number, code: FindingCode): number | null;
}

export interface ReduceContext {
  view: ListView;
  /** Records that fit in the list viewport. */
  listRows: number;
  /** Lines that fit in the lower pane. */
  paneRows: number;
  /** Connection ids in the connection list's order (row i + 1; row 0 is "all"). */
  connections: readonly string[];
  /** Finding codes in the findings pane's order. */
  findingCodes: readonly FindingCode[];
}

export type TuiAction =
  | { type: 'move'; delta: number }
  | { type: 'page'; dir: 1 | -1 }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'enter' }
  | { type: 'tab' }
  | { type: 'escape' }
  | { type: 'toggle-pane'; pane: Pane }
  | { type: 'next-finding'; dir: 1 | -1 }
  | { type: 'search-start' }
  | { type: 'search-input'; text: string }
  | { type: 'search-backspace' }
  | { type: 'search-commit' }
  | { type: 'toggle-numbering' }
  | { type: 'toggle-lang' }
  | { type: 'toggle-follow' }
  | { type: 'toggle-pause' }
  | { type: 'select'; id: number }
  | { type: 'toggle-raw' }
  | { type: 'conn-sort' }
  | { type: 'conn-severity' }
  | { type: 'quit' };

export function initialState(opts: { lang?: UiLang; numbering?: Numbering; pane?: Pane | null; follow?: boolean } = {}): TuiState {
  return {
    cursor: null,
    top: null,
    follow: opts.follow ?? true,
    frozenAt: null,
    pane: opts.pane === undefined ? 'detail' : opts.pane,
    lastPane: 'detail',
    focus: 'list',
    connFilter: null,
    connCursor: 0,
    paneScroll: 0,
    findCursor: 0,
    connSort: 'first',
    connMinSeverity: null,
    raw: false,
    seenUpTo: null,
    numbering: opts.numbering ?? 'relative',
    lang: opts.lang ?? 'en',
    search: { editing: false, draft: '', query: null },
    notice: null,
    quit: false,
  };
}

export interface ListWindow {
  /** Index of the first record shown, and of the selected one (-1 when the view is empty). */
  topIndex: number;
  cursorIndex: number;
}

/**
 * Where the list viewport sits: the last page while following, else the stored top adjusted so the cursor stays
 * visible. Ids are stable across arrivals and evictions, so positions are recomputed from them on every frame.
 */
export function resolveWindow(state: TuiState, view: ListView, rows: number): ListWindow {
  const n = view.length;
  if (n === 0) return { topIndex: 0, cursorIndex: -1 };
  const page = Math.max(1, rows);
  if (state.follow) {
    const cursorIndex = n - 1;
    return { topIndex: Math.max(0, n - page), cursorIndex };
  }
  // Not following and nothing chosen yet (a file just opened): the first line.
  if (state.cursor === null) return { topIndex: 0, cursorIndex: 0 };
  const cursorIndex = Math.min(view.lowerBound(state.cursor), n - 1);
  let topIndex = state.top === null ? cursorIndex : Math.min(view.lowerBound(state.top), n - 1);
  if (cursorIndex < topIndex) topIndex = cursorIndex;
  if (cursorIndex >= topIndex + page) topIndex = cursorIndex - page + 1;
  topIndex = Math.max(0, Math.min(topIndex, n - page));
  return { topIndex, cursorIndex };
}

/** Selects the record at `index` (clamped), keeping the viewport around it; stops following unless it is the last record. */
function moveTo(state: TuiState, ctx: ReduceContext, index: number): TuiState {
  const { view, listRows } = ctx;
  if (view.length === 0) return state;
  const win = resolveWindow(state, view, listRows);
  const i = Math.max(0, Math.min(view.length - 1, index));
  let top = win.topIndex;
  if (i < top) top = i;
  if (i >= top + listRows) top = i - listRows + 1;
  const atEnd = i === view.length - 1;
  return {
    ...state,
    cursor: view.idAt(i),
    top: view.idAt(Math.max(0, top)),
    follow: atEnd && state.follow,
    paneScroll: 0,
    notice: null,
  };
}

function scrollPane(state: TuiState, delta: number): TuiState {
  // The ladder scrolls either way from the selection it is anchored on; the other panes from their first line.
  const next = state.paneScroll + delta;
  return { ...state, paneScroll: state.pane === 'ladder' ? next : Math.max(0, next) };
}

function moveFind(state: TuiState, ctx: ReduceContext, delta: number): TuiState {
  return { ...state, findCursor: Math.max(0, Math.min(Math.max(0, ctx.findingCodes.length - 1), state.findCursor + delta)) };
}

/** Enter in the findings pane: the first record of that kind in the list, the detail pane back. */
function jumpToFinding(state: TuiState, ctx: ReduceContext): TuiState {
  const code = ctx.findingCodes[state.findCursor];
  const back: TuiState = { ...state, pane: isOverlay(state.lastPane) ? 'detail' : state.lastPane ?? 'detail', focus: 'list', paneScroll: 0 };
  if (code === undefined) return back;
  const id = ctx.view.nextWithCode(-1, code);
  if (id === null) return { ...back, notice: 'no-match' };
  return { ...moveTo(back, ctx, ctx.view.lowerBound(id)), follow: false };
}

function moveConn(state: TuiState, ctx: ReduceContext, delta: number): TuiState {
  const max = ctx.connections.length;
  return { ...state, connCursor: Math.max(0, Math.min(max, state.connCursor + delta)) };
}

/** Applies the connection under the connection-list cursor as the list filter (row 0 clears it). */
function applyConnFilter(state: TuiState, ctx: ReduceContext): TuiState {
  const conn = state.connCursor === 0 ? null : (ctx.connections[state.connCursor - 1] ?? null);
  return {
    ...state,
    connFilter: conn,
    // The filtered view has other ids; keep the cursor id (it is looked up by lower bound) but recentre the top.
    top: null,
    focus: 'list',
    pane: isOverlay(state.lastPane) ? 'detail' : state.lastPane,
    paneScroll: 0,
    notice: null,
  };
}

/**
 * Applies one action. When it stops following, the newest record seen so far is remembered, so the status bar
 * can count the lines that arrived below since (`N new lines below`).
 */
export function reduce(state: TuiState, action: TuiAction, ctx: ReduceContext): TuiState {
  const next = reduceAction(state, action, ctx);
  if (next.follow) return next.seenUpTo === null ? next : { ...next, seenUpTo: null };
  if (state.follow || next.seenUpTo === null) {
    const n = ctx.view.length;
    return { ...next, seenUpTo: n === 0 ? -1 : ctx.view.idAt(n - 1) };
  }
  return next;
}

function reduceAction(state: TuiState, action: TuiAction, ctx: ReduceContext): TuiState {
  const { view, listRows, paneRows } = ctx;
  const win = resolveWindow(state, view, listRows);
  const onPane = state.focus === 'pane' && state.pane !== null;
  switch (action.type) {
    case 'move':
      if (onPane && state.pane === 'connections') return moveConn(state, ctx, action.delta);
      if (onPane && state.pane === 'findings') return moveFind(state, ctx, action.delta);
      if (onPane) return scrollPane(state, action.delta);
      return moveTo(state, ctx, win.cursorIndex + action.delta);
    case 'page':
      if (onPane && state.pane === 'connections') return moveConn(state, ctx, action.dir * Math.max(1, paneRows - 1));
      if (onPane && state.pane === 'findings') return moveFind(state, ctx, action.dir * Math.max(1, paneRows - 1));
      if (onPane) return scrollPane(state, action.dir * Math.max(1, paneRows - 1));
      return moveTo(state, ctx, win.cursorIndex + action.dir * Math.max(1, listRows - 1));
    case 'home':
      if (onPane && state.pane === 'connections') return { ...state, connCursor: 0 };
      if (onPane && state.pane === 'findings') return { ...state, findCursor: 0 };
      if (onPane) return { ...state, paneScroll: 0 };
      return { ...moveTo(state, ctx, 0), follow: false };
    case 'end':
      if (onPane && state.pane === 'connections') return { ...state, connCursor: ctx.connections.length };
      if (onPane && state.pane === 'findings') return moveFind(state, ctx, ctx.findingCodes.length);
      // Jumping to the end resumes following, like `less +F` after `G`.
      return { ...moveTo(state, ctx, view.length - 1), follow: true, frozenAt: null };
    case 'select': {
      const i = view.lowerBound(action.id);
      if (i >= view.length || view.idAt(i) !== action.id) return state;
      return { ...moveTo(state, ctx, i), follow: false };
    }
    case 'enter':
      if (onPane && state.pane === 'connections') return applyConnFilter(state, ctx);
      if (onPane && state.pane === 'findings') return jumpToFinding(state, ctx);
      if (state.pane !== 'detail') return { ...state, pane: 'detail', lastPane: 'detail', paneScroll: 0 };
      return { ...state, focus: state.focus === 'list' ? 'pane' : 'list' };
    case 'tab':
      if (state.pane === null) return { ...state, pane: state.lastPane ?? 'detail', focus: 'pane' };
      return { ...state, focus: state.focus === 'list' ? 'pane' : 'list' };
    case 'escape':
      // Innermost first: an overlay pane, then the detail or ladder pane, then the search, then the filter.
      if (isOverlay(state.pane)) return { ...state, pane: state.lastPane, focus: 'list', paneScroll: 0 };
      if (state.pane !== null) return { ...state, pane: null, focus: 'list', paneScroll: 0 };
      if (state.search.query !== null) return { ...state, search: { ...state.search, query: null } };
      if (state.connFilter !== null) return { ...state, connFilter: null, top: null, connCursor: 0 };
      return state;
    case 'toggle-pane': {
      if (state.pane === action.pane) {
        const back = isOverlay(action.pane) ? state.lastPane : null;
        return { ...state, pane: back === action.pane ? null : back, focus: 'list', paneScroll: 0 };
      }
      const remember = action.pane === 'detail' || action.pane === 'ladder' ? action.pane : isOverlay(state.pane) ? state.lastPane : state.pane;
      const focus: Focus = action.pane === 'connections' || action.pane === 'findings' ? 'pane' : 'list';
      let connCursor = state.connCursor;
      if (action.pane === 'connections') {
        const at = state.connFilter === null ? -1 : ctx.connections.indexOf(state.connFilter);
        connCursor = at + 1;
      }
      return { ...state, pane: action.pane, lastPane: remember, focus, paneScroll: 0, connCursor };
    }
    case 'next-finding': {
      const from = win.cursorIndex < 0 ? (action.dir === 1 ? -1 : Number.MAX_SAFE_INTEGER) : view.idAt(win.cursorIndex);
      const id = view.nextFinding(from, action.dir);
      if (id === null) return { ...state, notice: 'no-more-findings' };
      return { ...moveTo(state, ctx, view.lowerBound(id)), follow: false };
    }
    case 'search-start':
      return { ...state, search: { ...state.search, editing: true, draft: '' }, notice: null };
    case 'search-input':
      return { ...state, search: { ...state.search, draft: state.search.draft + action.text } };
    case 'search-backspace':
      return { ...state, search: { ...state.search, draft: state.search.draft.slice(0, -1) } };
    case 'search-commit': {
      // An empty query repeats the last one, as in less(1).
      const query = state.search.draft !== '' ? state.search.draft : state.search.query;
      const next: TuiState = { ...state, search: { editing: false, draft: '', query } };
      if (query === null || query === '') return { ...next, search: { ...next.search, query: null } };
      const from = win.cursorIndex < 0 ? -1 : view.idAt(win.cursorIndex);
      const id = view.nextMatch(from, query, 1);
      if (id === null) return { ...next, notice: 'no-match' };
      return { ...moveTo(next, ctx, view.lowerBound(id)), follow: false };
    }
    case 'toggle-numbering':
      return { ...state, numbering: state.numbering === 'relative' ? 'absolute' : 'relative' };
    case 'toggle-lang':
      return { ...state, lang: state.lang === 'en' ? 'zh-CN' : 'en' };
    case 'toggle-follow':
      if (state.follow) return { ...state, follow: false, cursor: win.cursorIndex < 0 ? null : view.idAt(win.cursorIndex), top: win.cursorIndex < 0 ? null : view.idAt(win.topIndex) };
      return { ...state, follow: true, frozenAt: null };
    case 'toggle-pause': {
      if (state.frozenAt !== null) return { ...state, frozenAt: null, notice: 'resumed' };
      const last = view.length === 0 ? -1 : view.idAt(view.length - 1);
      return { ...state, frozenAt: last, notice: 'paused', cursor: win.cursorIndex < 0 ? null : view.idAt(win.cursorIndex), top: win.cursorIndex < 0 ? null : view.idAt(win.topIndex) };
    }
    case 'toggle-raw':
      return { ...state, raw: !state.raw };
    case 'conn-sort':
      return { ...state, connSort: CONN_SORTS[(CONN_SORTS.indexOf(state.connSort) + 1) % CONN_SORTS.length], connCursor: 0 };
    case 'conn-severity':
      return {
        ...state,
        connMinSeverity: CONN_MIN_SEVERITIES[(CONN_MIN_SEVERITIES.indexOf(state.connMinSeverity) + 1) % CONN_MIN_SEVERITIES.length],
        connCursor: 0,
      };
    case 'quit':
      return { ...state, quit: true };
  }
}
