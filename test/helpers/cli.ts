// Runs tcplain commands in-process with captured streams, for the CLI tests (no spawning).

import { PassThrough, Readable, Writable } from 'node:stream';
import type { CommandModule } from 'yargs';
import yargs from 'yargs';
import type { CliIO } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';

/** A writable that keeps everything written to it. */
export class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** The whole CLI (`runCli`) on `args`, stdin carrying `stdin` (a pipe, not a terminal): exit code and both outputs. */
export async function runCliCaptured(args: string[], stdin = '', env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const input = Readable.from(stdin ? [stdin] : []);
  (input as { isTTY?: boolean }).isTTY = false;
  const stdout = new Sink();
  const stderr = new Sink();
  const io: CliIO = { stdin: input, stdout, stderr, env };
  const code = await runCli(args, io);
  return { code, out: stdout.text, err: stderr.text };
}

/** One command module alone through yargs, failures thrown (for asserting the error), stdin a terminal, English. */
export async function runCommandCaptured(command: CommandModule<object, any>, args: string[]): Promise<{ out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d.toString()));
  stderr.on('data', (d) => (err += d.toString()));
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const io: CliIO = { stdin, stdout, stderr, env: { LANG: 'en_US.UTF-8' } };
  await yargs()
    .command(command)
    .strict()
    .exitProcess(false)
    .fail((msg, e) => {
      throw e ?? new Error(msg);
    })
    .parseAsync(args, { io });
  return { out, err };
}
