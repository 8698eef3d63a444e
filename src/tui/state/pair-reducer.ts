// UI state of the pair view (which connection pair, which timeline row, toggles) and its pure reducer.

import type { Numbering, UiLang } from './reducer';

export interface PairState {
  pair: number;
  cursor: number;
  numbering: Numbering;
  lang: UiLang;
  help: boolean;
  /** Evidence lines scrolled off the top (J/K). */
  evidence: number;
  quit: boolean;
}

export type PairAction =
  | { type: 'move'; delta: number }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'pair'; delta: 1 | -1 }
  | { type: 'toggle-numbering' }
  | { type: 'toggle-lang' }
  | { type: 'toggle-help' }
  | { type: 'evidence'; delta: number }
  | { type: 'quit' };

export interface PairContext {
  /** Timeline length of each pair. */
  lengths: readonly number[];
  page: number;
}

export function initialPairState(opts: { lang?: UiLang; numbering?: Numbering } = {}): PairState {
  return { pair: 0, cursor: 0, numbering: opts.numbering ?? 'relative', lang: opts.lang ?? 'en', help: false, evidence: 0, quit: false };
}

export function reducePair(s: PairState, a: PairAction, ctx: PairContext): PairState {
  const len = ctx.lengths[s.pair] ?? 0;
  const clamp = (i: number): number => Math.max(0, Math.min(Math.max(0, len - 1), i));
  switch (a.type) {
    case 'move':
      return { ...s, cursor: clamp(s.cursor + a.delta), evidence: 0 };
    case 'home':
      return { ...s, cursor: 0, evidence: 0 };
    case 'end':
      return { ...s, cursor: clamp(len - 1), evidence: 0 };
    case 'evidence':
      // Clamped at the bottom by the layout, which knows how long the evidence is.
      return { ...s, evidence: Math.max(0, s.evidence + a.delta) };
    case 'pair': {
      const n = ctx.lengths.length;
      if (n === 0) return s;
      return { ...s, pair: (s.pair + a.delta + n) % n, cursor: 0, evidence: 0 };
    }
    case 'toggle-numbering':
      return { ...s, numbering: s.numbering === 'relative' ? 'absolute' : 'relative' };
    case 'toggle-lang':
      return { ...s, lang: s.lang === 'en' ? 'zh-CN' : 'en' };
    case 'toggle-help':
      return { ...s, help: !s.help };
    case 'quit':
      return { ...s, quit: true };
  }
}

/** Keys of the pair view: the viewer's movement keys, Tab / ] and Shift-Tab / [ between pairs. */
export function pairKeyAction(input: string, key: { upArrow?: boolean; downArrow?: boolean; pageUp?: boolean; pageDown?: boolean; tab?: boolean; shift?: boolean; ctrl?: boolean; escape?: boolean }, page: number): PairAction | null {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (key.upArrow || input === 'k') return { type: 'move', delta: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', delta: 1 };
  if (key.pageUp) return { type: 'move', delta: -page };
  if (key.pageDown) return { type: 'move', delta: page };
  if (key.tab) return { type: 'pair', delta: key.shift ? -1 : 1 };
  if (key.escape) return { type: 'toggle-help' };
  switch (input) {
    case 'g': return { type: 'home' };
    case 'G': return { type: 'end' };
    case 'J': return { type: 'evidence', delta: 1 };
    case 'K': return { type: 'evidence', delta: -1 };
    case ']': return { type: 'pair', delta: 1 };
    case '[': return { type: 'pair', delta: -1 };
    case 'r': return { type: 'toggle-numbering' };
    case 'l': return { type: 'toggle-lang' };
    case '?': return { type: 'toggle-help' };
    case 'q': return { type: 'quit' };
    default: return null;
  }
}
