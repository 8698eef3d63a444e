// The process streams and environment a command runs with, injectable so commands are tested without spawning.

export interface CliIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: Readonly<Record<string, string | undefined>>;
}

/** A failure the user must see as one line on stderr, with the exit code it maps to (2: usage or input). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
  }
}

/** Writes text and waits for 'drain' when the stream's buffer is full, so a slow reader bounds our memory. */
export async function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
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
