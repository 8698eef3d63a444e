// The Ink root of step mode and the quiz: turns keys into lesson actions and draws the frame from the step model.

import type ReactModule from 'react';
import { linesElement, type UiLibs } from '../ui-libs';
import { createUseTerminalSize } from '../hooks/terminal-size';
import { lessonFrame, type LessonContent } from './screen';
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
  const { useLayoutEffect, useMemo, useRef, useState } = React;
  // Laid out for a projector: 80x24 holds the ladder, the explanation and the keys; never below 60x20.
  const useSize = createUseTerminalSize(libs, { width: 60, height: 20 }, { width: 100, height: 30 });

  return function LessonApp(props: LessonAppProps): ReactModule.ReactElement {
    const { exit } = ink.useApp();
    const size = useSize(props.size);
    const [state, setState] = useState<LessonUiState>(props.initial ?? initialLessonState());
    // Where the explanation was scrolled to in the last frame: the reducer cannot measure text.
    const view = useRef({ offset: 0, max: 0, page: 5 });
    const ctx = { steps: props.model.steps.length, quiz: props.quiz, vote: props.vote ?? false };

    ink.useInput((input, key) => {
      // Keys typed faster than a frame (tmux send-keys, a typed `123`) arrive as one string: replay them one by one.
      const keys = !key.ctrl && !key.meta && input.length > 1 ? Array.from(input) : [input];
      setState((s) => {
        let cur = s;
        for (const k of keys) {
          const action = lessonKeyAction(k, key, cur, props.quiz, view.current.page);
          if (action) cur = reduceLesson(cur, action, { ...ctx, view: view.current });
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

    const frame = useMemo(
      () =>
        lessonFrame(
          {
            model: props.model,
            quiz: props.quiz,
            lesson: props.lesson,
            questions: props.questions,
            lang: props.lang,
            source: props.source,
            intro: props.intro,
            notes: props.notes,
            ownQuestions: props.ownQuestions,
            vote: props.vote,
            width: size.width,
            height: size.height,
          },
          state,
        ),
      [props.model, props.quiz, state, size.width, size.height, props.lang],
    );
    view.current = frame.scroll;
    return linesElement(libs, frame.lines, size.width);
  };
}
