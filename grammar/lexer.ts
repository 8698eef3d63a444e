// The one tcpdump-text lexer instance (multi-mode, offsets only: line/column tracking costs ~17% and is unused).

import { Lexer } from 'chevrotain';
import { lexerDefinition } from './tokens';

/**
 * `checked` runs Chevrotain's token checks and insists on the first-char optimization (tests do); the shared
 * instance skips the checks, which were ~40 % of the lexer's construction at every CLI start.
 */
export function createLexer(checked = false): Lexer {
  return new Lexer(lexerDefinition, { positionTracking: 'onlyOffset', ensureOptimizations: checked, skipValidations: !checked });
}

export const lexer = createLexer();
