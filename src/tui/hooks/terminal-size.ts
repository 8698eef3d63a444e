// The terminal's size as React state, re-read on every resize; shared by the viewer and the lesson app.

import type { UiLibs } from '../ui-libs';

export interface TerminalSize {
  width: number;
  height: number;
}

/**
 * A hook over the given Ink and React (ui-libs.ts: they are values, not imports). `min` keeps a layout usable on a
 * tiny terminal, `fallback` stands in when the stream reports no size (not a TTY); a `fixed` size (tests) wins.
 */
export function createUseTerminalSize(
  { ink, React }: UiLibs,
  min: TerminalSize,
  fallback: TerminalSize,
): (fixed: TerminalSize | undefined) => TerminalSize {
  const { useEffect, useState } = React;
  return function useTerminalSize(fixed) {
    const { stdout } = ink.useStdout();
    const read = (): TerminalSize =>
      fixed ?? { width: Math.max(min.width, stdout.columns || fallback.width), height: Math.max(min.height, stdout.rows || fallback.height) };
    const [size, setSize] = useState<TerminalSize>(read);
    useEffect(() => {
      if (fixed) return;
      const onResize = (): void => setSize(read());
      stdout.on('resize', onResize);
      return () => {
        stdout.off('resize', onResize);
      };
    }, [stdout, fixed?.width, fixed?.height]);
    return fixed ?? size;
  };
}
