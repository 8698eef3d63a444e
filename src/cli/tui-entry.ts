// Opens the interactive viewer on a terminal: keyboard from /dev/tty (stdin may carry the capture), alternate screen, clean restore.

import { openSync } from 'node:fs';
import { canSuspend, endUpstream } from './upstream';
import tty from 'node:tty';
import { readRecords } from '../input';
import { createApp } from '../tui/app';
import { createPairApp } from '../tui/pair-app';
import { createPairFeed, feedPairs } from '../tui/pair-feed';
import { loadUiLibs, type UiLibs } from '../tui/ui-libs';
import { explainAnnotator } from '../tui/annotate';
import { pumpCapture } from '../tui/pump';
import type { Selection } from '../report/select';
import { CaptureStore } from '../tui/state/capture-store';
import { initialState } from '../tui/state/reducer';
import { initialPairState } from '../tui/state/pair-reducer';

export interface RunTuiOptions {
  /**
   * The capture text: a file's read stream or process.stdin; or a function opening it once the viewer is up (a pipe
   * is peeked for a pcap's magic number, and a quiet `tcpdump -l` may send nothing for minutes: the viewer must not
   * wait for it to open).
   */
  input: NodeJS.ReadableStream | (() => Promise<NodeJS.ReadableStream>);
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
  /**
   * Follow the newest line (a live pipe, the default) or open at the first line (a file: a teacher wants the SYN
   * on screen); `f` and `G` switch to following either way.
   */
  follow?: boolean;
  /**
   * The capture comes through our standard input (a wrapper of it, or process.stdin itself, the default test):
   * on quit its writers are ended (upstream.ts), so `tcpdump -l | tcplain` gives the prompt back.
   */
  fromStdin?: boolean;
  /** Keyboard; default process.stdin when it is a terminal not carrying the capture, else a fresh /dev/tty stream. */
  keys?: NodeJS.ReadStream;
  /** What to show (-c, --from/--to, --conn/--host/--port): see pump.ts. */
  select?: Selection;
}

export type RunTuiResult =
  | { kind: 'closed'; exitCode: number }
  /** No terminal to draw on or read keys from: the CLI prints text instead and says why on stderr. */
  | { kind: 'no-terminal'; reason: string };

// DEC private modes: 1049 = alternate screen (the shell's scrollback survives), 25 = cursor visibility.
const ENTER = '\x1b[?1049h\x1b[H';
const LEAVE = '\x1b[?25h\x1b[?1049l';

/**
 * The keyboard: stdin only when it is a terminal not carrying the capture, otherwise the controlling terminal
 * (/dev/tty), since piped capture text cannot also be the keys. `own` streams are closed by `session`.
 */
export function openKeyboard(stdinCarriesCapture: boolean, given: NodeJS.ReadStream | undefined): { keys: NodeJS.ReadStream; own: boolean } | { error: string } {
  if (given) return { keys: given, own: false };
  if (!stdinCarriesCapture && process.stdin.isTTY) return { keys: process.stdin, own: false };
  try {
    const fd = openSync('/dev/tty', 'r');
    return { keys: new tty.ReadStream(fd), own: true };
  } catch (err) {
    return { error: `no controlling terminal for keys (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  }
}

/** What a view can ask of its terminal session. */
export interface SessionControl {
  /** Ctrl-Z: give the terminal back and stop like any job (the whole pipeline), repaint on `fg`. */
  suspend(): void;
}

/**
 * Ink's full-screen frames start with `ESC[2J ESC[3J ESC[H` (ansi-escapes clearTerminal); `ESC[3J` erases the
 * terminal's scrollback (tmux, xterm, iTerm2), so opening the viewer would wipe the shell's history. The viewer
 * draws on the alternate screen, where `ESC[2J ESC[H` alone repaints everything: the `ESC[3J` is dropped.
 */
const ERASE_SCROLLBACK = '\x1b[3J';

function keepScrollback(stdout: NodeJS.WriteStream): () => void {
  const write = stdout.write;
  stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    const text = typeof chunk === 'string' && chunk.includes(ERASE_SCROLLBACK) ? chunk.replaceAll(ERASE_SCROLLBACK, '') : chunk;
    return (write as (c: unknown, ...r: unknown[]) => boolean).call(this, text, ...rest);
  } as NodeJS.WriteStream['write'];
  return () => {
    stdout.write = write;
  };
}

/**
 * Draws `element` on the alternate screen with keys from `keys` until the app exits, then restores the terminal
 * (also on SIGTERM/SIGHUP and on process exit, so a crash never leaves the shell on the alternate screen).
 * `element` may be a function of the session's controls (Ctrl-Z).
 */
export async function session(
  libs: UiLibs,
  stdout: NodeJS.WriteStream,
  kb: { keys: NodeJS.ReadStream; own: boolean },
  element: ReturnType<UiLibs['React']['createElement']> | ((ctl: SessionControl) => ReturnType<UiLibs['React']['createElement']>),
  onClose: () => void,
  maxFps = 20,
): Promise<void> {
  let restored = false;
  let app: ReturnType<UiLibs['ink']['render']> | null = null;
  const unpatch = keepScrollback(stdout);
  const restore = (): void => {
    if (restored) return;
    restored = true;
    stdout.write(LEAVE);
    unpatch();
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    // Ink paints a last frame when it unmounts (also from its own exit hook): let it do so on the alternate
    // screen before leaving it, never on the shell's screen.
    try {
      app?.unmount();
    } catch {
      // unmounting is best effort on the way out
    }
    restore();
    // 128 + signal number, as shells report a death by signal.
    process.exit(sig === 'SIGHUP' ? 129 : sig === 'SIGINT' ? 130 : 143);
  };
  const ctl: SessionControl = {
    suspend() {
      if (!canSuspend()) return;
      // As the terminal driver does for Ctrl-Z outside raw mode: the terminal back to the shell, then SIGTSTP to
      // the whole foreground job (process group 0), so `tcpdump | tcplain` stops as one; SIGCONT (fg) redraws.
      stdout.write(LEAVE);
      if (kb.keys.isTTY) kb.keys.setRawMode(false);
      process.once('SIGCONT', () => {
        if (restored) return;
        if (kb.keys.isTTY) kb.keys.setRawMode(true);
        stdout.write(`${ENTER}\x1b[?25l`);
        // Ink repaints the whole frame on a resize event (the shell may have drawn on the screen meanwhile).
        stdout.emit('resize');
      });
      try {
        process.kill(0, 'SIGTSTP');
      } catch {
        process.kill(process.pid, 'SIGTSTP');
      }
    },
  };
  // Ctrl-C arrives as a key in raw mode; a SIGINT from `kill` still gets the terminal back.
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('exit', restore);
  stdout.write(ENTER);
  const tree = typeof element === 'function' ? element(ctl) : element;
  app = libs.ink.render(tree, { stdout, stdin: kb.keys, stderr: process.stderr, exitOnCtrlC: false, patchConsole: true, maxFps });
  try {
    await app.waitUntilExit();
  } finally {
    onClose();
    app.cleanup();
    restore();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('exit', restore);
    if (kb.own) kb.keys.destroy();
  }
}

/** Stops reading a pipe that may never end (`tcpdump -l | tcplain`), so the process can exit. */
function stopReading(input: NodeJS.ReadableStream | null): void {
  (input as (NodeJS.ReadableStream & { destroy?: () => void }) | null)?.destroy?.();
}

export async function runTui(opts: RunTuiOptions): Promise<RunTuiResult> {
  const stdout = opts.stdout ?? process.stdout;
  if (!stdout.isTTY) return { kind: 'no-terminal', reason: 'standard output is not a terminal' };
  const fromStdin = opts.fromStdin ?? opts.input === process.stdin;
  const kb = openKeyboard(fromStdin, opts.keys);
  if ('error' in kb) return { kind: 'no-terminal', reason: kb.error };

  const store = new CaptureStore({ maxLines: opts.maxLines });
  let closed = false;
  let input: NodeJS.ReadableStream | null = typeof opts.input === 'function' ? null : opts.input;
  const open = opts.input;
  // Reading starts before the UI libraries finish loading, so no input waits on them.
  const pumping = (async () => {
    input ??= await (open as () => Promise<NodeJS.ReadableStream>)();
    if (closed) {
      stopReading(input);
      return;
    }
    await pumpCapture(readRecords(input, { idleMs: opts.idleMs }), store, { absolute: opts.absolute, stopped: () => closed, select: opts.select });
  })().catch(() => {
    // A read error ends the input; the viewer keeps what it has and stays open until q.
    store.finish([]);
  });
  const libs = await loadUiLibs();
  const App = createApp(libs);
  const element = (ctl: SessionControl): ReturnType<UiLibs['React']['createElement']> =>
    libs.React.createElement(App, {
      store,
      annotator: explainAnnotator,
      source: opts.source,
      initial: initialState({ lang: opts.lang, numbering: opts.seq, follow: opts.follow }),
      onSuspend: ctl.suspend,
    });
  await session(libs, stdout, kb, element, () => {
    closed = true;
    // Still opening (no byte came through the pipe yet): stdin itself is what is being read.
    stopReading(input ?? (fromStdin ? process.stdin : null));
  });
  // `q` on `tcpdump -l | tcplain`: the shell gives the prompt back only when tcpdump ends too (see upstream.ts).
  if (fromStdin) endUpstream();
  await Promise.race([pumping, new Promise((r) => setTimeout(r, 100))]);
  return { kind: 'closed', exitCode: 0 };
}

export interface RunPairTuiOptions {
  /** The client-side and server-side captures (files or stdin for one of them). */
  client: NodeJS.ReadableStream;
  server: NodeJS.ReadableStream;
  /** Their names for the title bar. */
  sources: { client: string; server: string };
  lang?: 'en' | 'zh-CN';
  seq?: 'relative' | 'absolute';
  stdout?: NodeJS.WriteStream;
  keys?: NodeJS.ReadStream;
  /** One capture comes through our standard input: its writers are ended on quit (see RunTuiOptions). */
  fromStdin?: boolean;
}


/**
 * The pair view: both captures are read at once into src/correlate's pair stream; each connection pair appears
 * when both sides have settled it (a closed connection waits a little for late segments), the rest at the end.
 */
export async function runPairTui(opts: RunPairTuiOptions): Promise<RunTuiResult> {
  const stdout = opts.stdout ?? process.stdout;
  if (!stdout.isTTY) return { kind: 'no-terminal', reason: 'standard output is not a terminal' };
  const stdinUsed = opts.client === process.stdin || opts.server === process.stdin;
  const kb = openKeyboard(stdinUsed, opts.keys);
  if ('error' in kb) return { kind: 'no-terminal', reason: kb.error };
  const feed = createPairFeed();
  let closed = false;
  const feeding = feedPairs({ client: readRecords(opts.client), server: readRecords(opts.server) }, feed, { stopped: () => closed }).catch(() => {
    // A read error ends that input; the pairs found so far stay on screen until q.
    feed.ended = true;
    feed.version++;
  });
  const libs = await loadUiLibs();
  const PairApp = createPairApp(libs);
  const element = (ctl: SessionControl): ReturnType<UiLibs['React']['createElement']> =>
    libs.React.createElement(PairApp, { feed, sources: opts.sources, initial: initialPairState({ lang: opts.lang, numbering: opts.seq }), onSuspend: ctl.suspend });
  await session(libs, stdout, kb, element, () => {
    closed = true;
    stopReading(opts.client);
    stopReading(opts.server);
  });
  if (opts.fromStdin ?? stdinUsed) endUpstream();
  await Promise.race([feeding, new Promise((r) => setTimeout(r, 100))]);
  return { kind: 'closed', exitCode: 0 };
}
