// The Ink root of step mode and the quiz: turns keys into lesson actions and draws the frame from the step model.

import type ReactModule from 'react';
import { linesElement, type UiLibs } from '../ui-libs';
import { createUseTerminalSize } from '../hooks/terminal-size';
import { renderLessonScreen, type LessonContent } from './screen';
import { initialLessonState, lessonKeyAction, reduceLesson, type LessonUiState } from './state';

export interface LessonAppProps extends LessonContent {
  /** Fixed screen size (tests); by default the terminal's. */
  size?: { width: number; height: number };
  initial?: LessonUiState;
  onQuit?: (state: LessonUiState) => void;
  onState?: (state: LessonUiState) => void;
}

/** Builds the lesson component over the given Ink and React (ui-libs.ts: text output must never load them). */
export function createLessonApp(libs: UiLibs): (props: LessonAppProps) => ReactModule.ReactElement {
  const { ink, React } = libs;
  const { useEffect, useLayoutEffect, useMemo, useState } = React;
  // Lessons need room for the ladder beside the state diagram: never laid out below 60x24.
  const useSize = createUseTerminalSize(libs, { width: 60, height: 24 }, { width: 100, height: 40 });


  return function LessonApp(props: LessonAppProps): ReactModule.ReactElement {
    const { exit } = ink.useApp();
    const size = useSize(props.size);
    const [state, setState] = useState<LessonUiState>(props.initial ?? initialLessonState());
    const ctx = { steps: props.model.steps.length, quiz: props.quiz };

    ink.useInput((input, key) => {
      // Keys typed faster than a frame (tmux send-keys, a typed `123`) arrive as one string: replay them one by one.
      const keys = !key.ctrl && !key.meta && input.length > 1 ? Array.from(input) : [input];
      setState((s) => {
        let cur = s;
        for (const k of keys) {
          const action = lessonKeyAction(k, key, cur, props.quiz);
          if (action) cur = reduceLesson(cur, action, ctx);
        }
        return cur;
      });
    });

    // Layout effect: runs at commit, so a harness sees the state of the frame just drawn.
    useLayoutEffect(() => {
      props.onState?.(state);
      if (state.quit) {
        props.onQuit?.(state);
        exit();
      }
    }, [state]);

    const lines = useMemo(
      () =>
        renderLessonScreen(
          { model: props.model, quiz: props.quiz, lesson: props.lesson, questions: props.questions, lang: props.lang, source: props.source, width: size.width, height: size.height },
          state,
        ),
      [props.model, props.quiz, state, size.width, size.height, props.lang],
    );
    return linesElement(libs, lines, size.width);
  };
}
