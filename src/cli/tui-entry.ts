// Opens the interactive viewer on a terminal: keyboard from /dev/tty (stdin may carry the capture), alternate screen, clean restore.

import { openSync } from 'node:fs';
import tty from 'node:tty';
import React from 'react';
import { render } from 'ink';
import { readRecords } from '../input';
import { App } from '../tui/app';
import { explainAnnotator } from '../tui/annotate';
import { pumpCapture } from '../tui/pump';
import { CaptureStore } from '../tui/state/capture-store';
import { initialState } from '../tui/state/reducer';

export interface RunTuiOptions {
  /** The capture text: a file's read stream or process.stdin. */
  input: NodeJS.ReadableStream;
  /** What is being read, for the title bar (`samples/x.txt`, `stdin`). */
  source: string;
  lang?: 'en' | 'zh-CN';
  /** Numbering shown first (`r` toggles it). */
  seq?: 'relative' | 'absolute';
  /** Tell the tracker the numbers are absolute (`-S` captures) when the caller knows it. */
  absolute?: boolean;
  /** History bound in records (`--max-lines`, default 50,000). */
  maxLines?: number;
  /** Silence after which a record that could still get continuation lines is flushed (readRecords idleMs). */
  idleMs?: number;
  /** The terminal to draw on (default process.stdout). */
  stdout?: NodeJS.WriteStream;
  /** Keyboard; default process.stdin when it is a terminal not carrying the capture, else a fresh /dev/tty stream. */
  keys?: NodeJS.ReadStream;
}

export type RunTuiResult =
  | { kind: 'closed'; exitCode: number }
  /** No terminal to draw on or read keys from: the CLI prints text instead and says why on stderr. */
  | { kind: 'no-terminal'; reason: string };

// DEC private modes: 1049 = alternate screen (the shell's scrollback survives), 25 = cursor visibility.
const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?25h\x1b[?1049l';

function openKeyboard(opts: RunTuiOptions): { keys: NodeJS.ReadStream; own: boolean } | { error: string } {
  if (opts.keys) return { keys: opts.keys, own: false };
  if (opts.input !== process.stdin && process.stdin.isTTY) return { keys: process.stdin, own: false };
  try {
    const fd = openSync('/dev/tty', 'r');
    return { keys: new tty.ReadStream(fd), own: true };
  } catch (err) {
    return { error: `no controlling terminal for keys (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
}

export async function runTui(opts: RunTuiOptions): Promise<RunTuiResult> {
  const stdout = opts.stdout ?? process.stdout;
  if (!stdout.isTTY) return { kind: 'no-terminal', reason: 'standard output is not a terminal' };
  const kb = openKeyboard(opts);
  if ('error' in kb) return { kind: 'no-terminal', reason: kb.error };

  const store = new CaptureStore({ maxLines: opts.maxLines });
  let closed = false;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE);
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    restore();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('exit', restore);

  stdout.write(ENTER);
  const app = render(
    React.createElement(App, {
      store,
      annotator: explainAnnotator,
      source: opts.source,
      initial: initialState({ lang: opts.lang, numbering: opts.seq }),
      onQuit: () => {
        closed = true;
      },
    }),
    { stdout, stdin: kb.keys, stderr: process.stderr, exitOnCtrlC: false, patchConsole: true, maxFps: 20 },
  );

  const pumping = pumpCapture(readRecords(opts.input, { idleMs: opts.idleMs }), store, { absolute: opts.absolute, stopped: () => closed }).catch(
    (err: Error) => {
      // A read error ends the input; the viewer keeps what it has and stays open until q.
      store.finish([]);
      void err;
    },
  );

  try {
    await app.waitUntilExit();
  } finally {
    closed = true;
    app.cleanup();
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('exit', restore);
    if (kb.own) kb.keys.destroy();
    // Stop reading a pipe that may never end (`tcpdump -l | tcplain`), so the process can exit.
    const input = opts.input as NodeJS.ReadableStream & { destroy?: () => void };
    input.destroy?.();
  }
  await Promise.race([pumping, new Promise((r) => setTimeout(r, 100))]);
  return { kind: 'closed', exitCode: 0 };
}
