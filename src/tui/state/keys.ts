// Maps a key press (Ink's useInput arguments) to a viewer action; the one table of key bindings, mirrored by the help pane.

import type { TuiAction, TuiState } from './reducer';

/** The subset of Ink's `Key` the bindings read; plain data so tests can build it. */
export interface KeyPress {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
  meta?: boolean;
}

/** Key names and the catalog key of what they do, in the order the help pane lists them. */
export const KEY_HELP: ReadonlyArray<readonly [keys: string, action: string]> = [
  ['↑/↓  j/k', 'help.move'],
  ['PgUp/PgDn  Ctrl-B/F', 'help.page'],
  ['g / G', 'help.home-end'],
  ['Enter', 'help.enter'],
  ['Tab', 'help.tab'],
  ['c', 'help.connections'],
  ['d', 'help.ladder'],
  ['/', 'help.search'],
  ['n / N', 'help.findings'],
  ['r', 'help.numbering'],
  ['l', 'help.lang'],
  ['f', 'help.follow'],
  ['space', 'help.pause'],
  ['Esc', 'help.escape'],
  ['?', 'help.help'],
  ['q  Ctrl-C', 'help.quit'],
];

export function keyAction(input: string, key: KeyPress, state: TuiState): TuiAction | null {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (state.search.editing) {
    if (key.return) return { type: 'search-commit' };
    if (key.escape) return { type: 'search-commit' };
    if (key.backspace || key.delete) return { type: 'search-backspace' };
    if (input !== '' && !key.ctrl && !key.meta && !key.tab && !key.upArrow && !key.downArrow) return { type: 'search-input', text: input };
    return null;
  }
  if (key.upArrow) return { type: 'move', delta: -1 };
  if (key.downArrow) return { type: 'move', delta: 1 };
  if (key.pageUp || (key.ctrl && input === 'b')) return { type: 'page', dir: -1 };
  if (key.pageDown || (key.ctrl && input === 'f')) return { type: 'page', dir: 1 };
  if (key.home) return { type: 'home' };
  if (key.end) return { type: 'end' };
  if (key.return) return { type: 'enter' };
  if (key.tab) return { type: 'tab' };
  if (key.escape) return { type: 'escape' };
  if (key.ctrl || key.meta) return null;
  switch (input) {
    case 'j': return { type: 'move', delta: 1 };
    case 'k': return { type: 'move', delta: -1 };
    case 'g': return { type: 'home' };
    case 'G': return { type: 'end' };
    case 'c': return { type: 'toggle-pane', pane: 'connections' };
    case 'd': return { type: 'toggle-pane', pane: 'ladder' };
    case '?': return { type: 'toggle-pane', pane: 'help' };
    case '/': return { type: 'search-start' };
    case 'n': return { type: 'next-finding', dir: 1 };
    case 'N': return { type: 'next-finding', dir: -1 };
    case 'r': return { type: 'toggle-numbering' };
    case 'l': return { type: 'toggle-lang' };
    case 'f': return { type: 'toggle-follow' };
    case ' ': return { type: 'toggle-pause' };
    case 'q': return { type: 'quit' };
    default: return null;
  }
}
