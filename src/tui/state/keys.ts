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
  ['s  !', 'help.conn-sort'],
  ['e', 'help.findings-pane'],
  ['d', 'help.ladder'],
  ['v', 'help.raw'],
  ['/', 'help.search'],
  ['n / N', 'help.findings'],
  ['r', 'help.numbering'],
  ['l', 'help.lang'],
  ['f', 'help.follow'],
  ['space', 'help.pause'],
  ['Esc', 'help.escape'],
  ['?', 'help.help'],
  ['Ctrl-Z', 'help.suspend'],
  ['q  Ctrl-C', 'help.quit'],
];

/**
 * Splits what one read of the terminal delivered into key presses. Ink hands keys typed or pasted faster than a
 * frame (`jj`, tmux send-keys, a pasted search term with its Enter) over as one string with the flags of none of
 * them; each character is replayed with the flags it has alone (Enter, Tab, Backspace), so a pasted `ack 1⏎`
 * searches instead of typing a carriage return into the prompt. Other control characters are dropped.
 */
export function splitKeys(input: string, key: KeyPress): Array<[string, KeyPress]> {
  if (key.ctrl || key.meta || input.length <= 1) return [[input, key]];
  const out: Array<[string, KeyPress]> = [];
  let prev = '';
  for (const ch of input) {
    // A terminal's Enter is CR; a paste of lines may bring CR LF or LF: one Enter each.
    if (ch === '\n' && prev === '\r') {
      prev = ch;
      continue;
    }
    prev = ch;
    if (ch === '\r' || ch === '\n') out.push(['', { return: true }]);
    else if (ch === '\t') out.push(['', { tab: true }]);
    else if (ch === '\x7f' || ch === '\b') out.push(['', { backspace: true }]);
    else if (ch.charCodeAt(0) < 0x20) continue;
    else out.push([ch, {}]);
  }
  return out;
}

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
    case 'e': return { type: 'toggle-pane', pane: 'findings' };
    case 'v': return { type: 'toggle-raw' };
    case 's': return state.pane === 'connections' ? { type: 'conn-sort' } : null;
    case '!': return state.pane === 'connections' ? { type: 'conn-severity' } : null;
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
