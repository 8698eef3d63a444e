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

export async function loadUiLibs(): Promise<UiLibs> {
  const [ink, react] = await Promise.all([import('ink'), import('react')]);
  return { ink, React: react.default };
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
