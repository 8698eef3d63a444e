// Ctrl-C (and SIGTERM, SIGHUP) on a text or JSON run: stop reading, then print what is pending, then exit 128+N.

import { PassThrough, type Readable } from 'node:stream';

export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** 128 + the signal number, as shells report a death by that signal. */
export const SIGNAL_EXIT: Record<StopSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export interface StopWatch {
  /** The signal that stopped the run, or null. */
  readonly signal: StopSignal | null;
  /** Calls `end` at once if a signal already came, else when one comes (one input at a time). */
  watch(end: () => void): () => void;
  /** Removes the handlers. */
  dispose(): void;
}

/**
 * On the first signal the input being read is ended (so the pipeline sees end of input and prints the verdicts of
 * the connections still open); a second signal exits at once, and so does one that comes while no input is watched.
 */
export function watchStopSignals(): StopWatch {
  let signal: StopSignal | null = null;
  let ender: (() => void) | null = null;
  const handler = (sig: StopSignal): void => {
    // A second signal, or one while nothing is being read (a paste still being typed, between files): leave at once.
    if (signal !== null || ender === null) process.exit(SIGNAL_EXIT[sig]);
    signal = sig;
    ender?.();
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  return {
    get signal() {
      return signal;
    },
    watch(end) {
      if (signal !== null) end();
      ender = end;
      return () => {
        if (ender === end) ender = null;
      };
    },
    dispose() {
      for (const s of STOP_SIGNALS) process.off(s, handler);
    },
  };
}

/** Ends `to` early (a clean end of input) and stops `from` feeding it. */
export function endEarly(from: NodeJS.ReadableStream, to: NodeJS.WritableStream): void {
  from.unpipe(to);
  (from as Readable).pause?.();
  to.end();
}

/** `stream` read through a pass-through that a signal can end early (a clean end of input for the pipeline). */
export function stoppable(stream: NodeJS.ReadableStream, stop: StopWatch | null): { stream: NodeJS.ReadableStream; release: () => void } {
  if (!stop) return { stream, release: () => {} };
  const through = new PassThrough();
  stream.on('error', (err) => through.destroy(err));
  stream.pipe(through);
  const release = stop.watch(() => endEarly(stream, through));
  return { stream: through, release };
}
