// The process streams and environment a command runs with, injectable so commands are tested without spawning.

import type { Lang } from '../explain';
import { CLI_WORDS } from '../explain/cli-words';
import { showControls } from '../report/terminal-safe';

export interface CliIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: Readonly<Record<string, string | undefined>>;
}

/** A failure the user must see as one line on stderr (and its `details`), with the exit code it maps to (2: usage or input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
    /** A usage error (not an input problem): "Try 'tcplain --help'" follows it. */
    readonly usage = true,
    /** Lines shown under the message as they are (--where: the expression and a caret under the error). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A finished run whose messages are already on stderr: only its exit status is left to give (128+N: signal N). */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/** Why a file cannot be read, in the words of `ls`/`cat` rather than errno names. */
export function openFailure(path: string, err: unknown, lang: Lang = 'en'): CliError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'missing' : code === 'EACCES' || code === 'EPERM' ? 'denied' : code === 'EISDIR' ? 'directory' : 'other';
  return new CliError(CLI_WORDS[lang].errors.cannotRead({ path, why, detail: (err as Error).message ?? String(err) }), 2, false);
}

/** A stream read to its end as UTF-8: for outputs that need every line before the first is written. */
export async function readStreamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Output bytes gathered before one write when much is printed at once (end-of-input verdicts, a summary, a handout). */
export const FLUSH_BYTES = 1 << 20;

/** Writes text and waits for 'drain' when the stream's buffer is full, so a slow reader bounds our memory. */
export async function writeOut(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  if (text.length === 0) return;
  if (!stream.write(text)) {
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        stream.off('error', fail);
        resolve();
      };
      const fail = (err: Error) => {
        stream.off('drain', done);
        reject(err);
      };
      stream.once('drain', done);
      stream.once('error', fail);
    });
  }
}

/**
 * One `tcplain: …` line on stderr. Messages echo file names, --conn values and tcpdump's words: on a terminal their
 * control characters are shown (`^[`), never obeyed (README, "Terminal safety").
 */
export function sayErr(io: Pick<CliIO, 'stderr'>, text: string): void {
  const safe = (io.stderr as { isTTY?: boolean }).isTTY === true ? showControls(text) : text;
  io.stderr.write(`tcplain: ${safe}\n`);
}
