// The Ink root: draws the screen from the capture store at most `fps` times a second and turns keys into reducer actions.

import type ReactModule from 'react';
import type { Annotator } from './annotate';
import { currentView, reduceContext, renderScreen, type ScreenSize } from './components/screen';
import type { CaptureStore } from './state/capture-store';
import { keyAction, splitKeys } from './state/keys';
import { reduce, type TuiState } from './state/reducer';
import { createUseTerminalSize } from './hooks/terminal-size';
import { linesElement, type UiLibs } from './ui-libs';

export interface AppProps {
  store: CaptureStore;
  annotator: Annotator;
  /** What is being read, for the title bar. */
  source: string;
  initial: TuiState;
  /** Fixed screen size (tests); by default the terminal's, re-read on every resize. */
  size?: ScreenSize;
  /** Frames per second at most: arrivals are batched into the next frame (default 20). */
  fps?: number;
  /** Receives each frame's UI state (tests and harnesses read it). */
  onState?: (state: TuiState) => void;
  /** Ctrl-Z: the session gives the terminal back and stops the job (tui-entry.ts). */
  onSuspend?: () => void;
}

/** Builds the App component over the given Ink and React (see ui-libs.ts for why they are not imported). */
export function createApp(libs: UiLibs): (props: AppProps) => ReactModule.ReactElement {
  const { ink, React } = libs;
  const { useEffect, useLayoutEffect, useMemo, useRef, useState } = React;
  const useTerminalSize = createUseTerminalSize(libs, { width: 20, height: 6 }, { width: 80, height: 24 });


  /** Re-renders when the store changed since the last frame, at most `fps` times a second, and once a second for the rate. */
  function useStoreFrames(store: CaptureStore, fps: number): number {
    const [frame, setFrame] = useState(0);
    const seen = useRef(store.version);
    useEffect(() => {
      let ticks = 0;
      const every = Math.max(1, Math.round(fps));
      const timer = setInterval(() => {
        ticks++;
        if (store.version !== seen.current || ticks % every === 0) {
          seen.current = store.version;
          setFrame((f) => f + 1);
        }
      }, 1000 / fps);
      return () => clearInterval(timer);
    }, [store, fps]);
    return frame;
  }

  return function App(props: AppProps): ReactModule.ReactElement {
    const { store, annotator } = props;
    const { exit } = ink.useApp();
    const size = useTerminalSize(props.size);
    const frame = useStoreFrames(store, props.fps ?? 20);
    const [state, setState] = useState<TuiState>(props.initial);

    ink.useInput((input, key) => {
      if (key.ctrl && input === 'z') {
        props.onSuspend?.();
        return;
      }
      // Keys typed or pasted faster than a frame arrive as one string: replay them one by one (keys.ts).
      const keys = splitKeys(input, key);
      setState((s) => {
        let cur = s;
        for (const [k, kk] of keys) {
          const action = keyAction(k, kk, cur);
          if (!action) continue;
          const view = currentView(store, cur, annotator);
          cur = reduce(cur, action, reduceContext({ store, state: cur, size, annotator, source: props.source }, view));
        }
        return cur;
      });
    });

    // Layout effect: runs at commit, so an embedding harness sees the state of the frame just drawn.
    useLayoutEffect(() => {
      props.onState?.(state);
      if (state.quit) exit();
    }, [state]);

    const lines = useMemo(
      () => renderScreen({ store, state, size, annotator, source: props.source }),
      [store, state, size.width, size.height, frame, annotator, props.source],
    );
    return linesElement(libs, lines, size.width);
  };
}
