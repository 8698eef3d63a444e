// Composes the whole screen as styled lines from the store and UI state: title, list, lower pane, status bar.

import { endpointKey } from '../../model';
import { buildLadder, type Ladder, type LadderSegment } from '../../report/ladder';
import type { Annotator } from '../annotate';
import { label as labelIn, type LabelKey } from '../labels';
import type { CaptureStore, Entry } from '../state/capture-store';
import { resolveWindow, type ListView, type ReduceContext, type TuiState } from '../state/reducer';
import { fitLine, type Line } from '../text';
import { connectionLines, connectionsTitle, findingRows, findingsLines, helpLines, listedConnections, paneTitle, statusLine, titleLine } from './chrome-lines';
import { detailLines } from './detail-lines';
import { ladderLines } from './ladder-lines';
import { listLines, rowHeight, searchText } from './list-lines';

export interface ScreenSize {
  width: number;
  height: number;
}

export interface ScreenMetrics {
  listHeight: number;
  paneHeight: number;
  listRows: number;
  /** Content lines of the lower pane (its title line excluded). */
  paneRows: number;
}

/** Splits the screen: title and status take a line each; an open pane gets the lower half (help and connections a little more). */
export function screenMetrics(size: ScreenSize, state: TuiState): ScreenMetrics {
  const body = Math.max(2, size.height - 2);
  let listHeight = body;
  let paneHeight = 0;
  if (state.pane !== null) {
    const share = state.pane === 'help' ? 0.4 : 0.5;
    listHeight = Math.max(rowHeight(size.width), Math.floor(body * share));
    paneHeight = body - listHeight;
  }
  return { listHeight, paneHeight, listRows: Math.max(1, Math.floor(listHeight / rowHeight(size.width))), paneRows: Math.max(1, paneHeight - 1) };
}

export interface ScreenInput {
  store: CaptureStore;
  state: TuiState;
  size: ScreenSize;
  annotator: Annotator;
  /** What is being read (file name, `stdin`), for the title bar. */
  source: string;
}

/** The list the reducer and the screen both walk: the connection filter and the pause applied. */
export function currentView(store: CaptureStore, state: TuiState, annotator: Annotator): ListView {
  return store.view({
    conn: state.connFilter,
    upto: state.frozenAt,
    text: (e) => searchText(e, annotator, state.lang, state.numbering),
  });
}

export function reduceContext(input: ScreenInput, view: ListView): ReduceContext {
  const m = screenMetrics(input.size, input.state);
  return {
    view,
    listRows: m.listRows,
    paneRows: m.paneRows,
    connections: listedConnections(input.store.connections(), input.state).map((c) => c.conn),
    findingCodes: findingRows(input.store).map((r) => r.code),
  };
}

/** Rows of a ladder built per frame: enough to fill any pane, few enough that a 50,000-segment transfer stays cheap. */
const LADDER_WINDOW = 400;

/**
 * The ladder of the connection the selected record belongs to (or of the filter's connection), built from a
 * window of its segments around the selection so a long connection costs the same per frame as a short one.
 */
export function selectedLadder(store: CaptureStore, state: TuiState, selected: Entry | undefined): (Ladder & { omittedAfter: number }) | null {
  const conn = selected?.analysis?.conn ?? state.connFilter;
  if (!conn) return null;
  const summary = store.connection(conn);
  const ids = store.connectionIds(conn);
  let at = ids.length - 1;
  if (selected && selected.analysis?.conn === conn) {
    const i = ids.indexOf(selected.id);
    if (i >= 0) at = i;
  }
  const from = Math.max(0, Math.min(at - LADDER_WINDOW / 2, ids.length - LADDER_WINDOW));
  const segments: LadderSegment[] = [];
  for (const id of ids.slice(from, from + LADDER_WINDOW)) {
    const e = store.get(id);
    if (e && e.rec.kind === 'tcp' && e.analysis) segments.push({ rec: e.rec, analysis: e.analysis });
  }
  // Earlier segments: those evicted from the history plus those before the window; later ones: those after it.
  const evicted = summary ? Math.max(0, summary.packets - ids.length) : 0;
  const ladder = buildLadder(segments, { numbering: state.numbering, verdict: summary?.verdict ?? null, omittedBefore: evicted + from });
  if (!ladder) return null;
  return { ...ladder, omittedAfter: Math.max(0, ids.length - from - LADDER_WINDOW) };
}

export function renderScreen(input: ScreenInput, view: ListView = currentView(input.store, input.state, input.annotator)): Line[] {
  const { store, state, size, annotator } = input;
  const label = (k: LabelKey): string => labelIn(state.lang, k);
  const m = screenMetrics(size, state);
  const win = resolveWindow(state, view, m.listRows);
  const selected = win.cursorIndex >= 0 ? store.get(view.idAt(win.cursorIndex)) : undefined;
  const filter = state.connFilter ? store.connection(state.connFilter) : undefined;
  const filterText = state.connFilter ? (filter ? `${state.connFilter} ${endpointKey(filter.client)} ⇄ ${endpointKey(filter.server)}` : state.connFilter) : null;
  const lines: Line[] = [titleLine({ source: input.source, state, filterText, width: size.width, label })];
  const empty = state.connFilter ? label('list.filtered-empty') : label('list.empty');
  lines.push(
    ...listLines(store, view, win, { width: size.width, height: m.listHeight, lang: state.lang, numbering: state.numbering, query: state.search.query, raw: state.raw, focused: state.focus === 'list' }, annotator, empty),
  );
  if (state.pane !== null && m.paneHeight > 0) {
    const focused = state.focus === 'pane';
    const rows = m.paneRows;
    let body: Line[];
    switch (state.pane) {
      case 'detail': {
        const verdict = selected?.analysis ? (store.connection(selected.analysis.conn)?.verdict ?? null) : null;
        const all = detailLines(selected, verdict, { width: size.width, lang: state.lang, numbering: state.numbering, label }, annotator);
        const from = Math.min(state.paneScroll, Math.max(0, all.length - rows));
        body = all.slice(from, from + rows);
        break;
      }
      case 'ladder': {
        const ladder = selectedLadder(store, state, selected);
        const v = ladder?.verdict ? annotator.verdict(ladder.verdict, state.lang).headline : null;
        body = ladderLines(ladder, {
          width: size.width,
          height: rows,
          selectedLine: selected?.rec.line ?? null,
          label,
          verdictHeadline: v,
          scroll: state.paneScroll,
          omittedAfter: ladder?.omittedAfter ?? 0,
          lang: state.lang,
          narrowTags: 14,
        });
        break;
      }
      case 'connections':
        body = connectionLines(listedConnections(store.connections(), state), state, size.width, rows, label, (v) => annotator.verdict(v, state.lang).headline);
        break;
      case 'findings':
        body = findingsLines(findingRows(store), view, store, state, size.width, rows, label);
        break;
      case 'help':
        body = helpLines(size.width, rows, state.paneScroll, label);
        break;
    }
    lines.push(paneTitle(state.pane === 'connections' ? connectionsTitle(state, label) : label(`pane.${state.pane}`), focused, size.width));
    for (let i = 0; i < rows; i++) lines.push(body[i] ?? fitLine([], size.width));
  }
  const hidden = state.frozenAt !== null ? Math.max(0, store.nextId - 1 - state.frozenAt) : 0;
  // Lines that arrived in the list since following stopped (while paused they are counted as hidden instead).
  const below = !state.follow && state.frozenAt === null && state.seenUpTo !== null ? view.length - view.lowerBound(state.seenUpTo + 1) : 0;
  lines.push(statusLine({ stats: store.stats, rate: store.rate(), state, hidden, below, width: size.width, label }));
  return lines;
}
