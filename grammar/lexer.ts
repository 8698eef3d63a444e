// The one tcpdump-text lexer instance (multi-mode, offsets only: line/column tracking costs ~17% and is unused).

import { Lexer } from 'chevrotain';
import { lexerDefinition } from './tokens';

export function createLexer(ensureOptimizations = false): Lexer {
  return new Lexer(lexerDefinition, { positionTracking: 'onlyOffset', ensureOptimizations });
}

export const lexer = createLexer();
