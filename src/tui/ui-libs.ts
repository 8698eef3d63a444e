// Ink and React handed to the components at run time, so text output never pays for loading them (~1 s of startup).

import type * as InkModule from 'ink';
import type ReactModule from 'react';
import type { Line } from './text';

/**
 * The two UI libraries. The bundle keeps them external, and esbuild hoists a static import of an external module
 * to the top of the bundle even when the importing module is only reached through a dynamic import; components
 * therefore receive them as values instead of importing them.
 */
export interface UiLibs {
  ink: typeof InkModule;
  React: typeof ReactModule;
}

/** Environment variables through which Ink (its `is-in-ci` module) decides it runs in CI. */
const CI_VARS = ['CI', 'CONTINUOUS_INTEGRATION'] as const;

/**
 * Loads Ink and React. The viewer opens only when stdout is a terminal, but Ink reads `CI`/`CONTINUOUS_INTEGRATION`
 * once, when it is imported, and then draws nothing until exit; so they are masked for that import and restored.
 */
export async function loadUiLibs(): Promise<UiLibs> {
  const saved = CI_VARS.map((name) => [name, process.env[name]] as const);
  for (const [name, value] of saved) if (value !== undefined) process.env[name] = 'false';
  try {
    const [ink, react] = await Promise.all([import('ink'), import('react')]);
    return { ink, React: react.default };
  } finally {
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

/** Renders styled lines as Ink `<Text>` rows, one per screen line, cut (never wrapped) at the screen edge. */
export function linesElement({ ink, React }: UiLibs, lines: readonly Line[], width: number): ReactModule.ReactElement {
  const h = React.createElement;
  return h(
    ink.Box,
    { flexDirection: 'column', width },
    ...lines.map((line, i) =>
      h(
        ink.Text,
        { key: i, wrap: 'truncate' },
        ...line.map((s, j) =>
          h(ink.Text, { key: j, color: s.color, backgroundColor: s.backgroundColor, bold: s.bold, dimColor: s.dim, inverse: s.inverse, underline: s.underline }, s.text),
        ),
      ),
    ),
  );
}
