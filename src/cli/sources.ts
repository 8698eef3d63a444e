// Opens one input for a command: a text file, stdin (a pipe, or a paste on a terminal), or a binary capture (pcap,
// pcapng, gzip-compressed) read through tcpdump, whose text then goes down the same pipeline as any other.

import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { CLI_WORDS, langFromEnv, type Lang } from '../explain';
import { captureMagic } from '../input';
import { CliError, openFailure, readStreamText, sayErr } from './io';
import type { CliIO } from './io';

export interface InputSource {
  /** The name as given (`-` for stdin). */
  name: string;
  /** The tcpdump text. */
  stream: NodeJS.ReadableStream;
  /** True when the text comes from tcpdump reading a binary capture. */
  viaTcpdump: boolean;
  /**
   * A regular, uncompressed text file: its open descriptor and size (`stream` not yet read), so that it can be parsed
   * in another thread (read-parse.ts); null for stdin, pipes, gzip and captures read through tcpdump.
   */
  file: { fd: number; size: number } | null;
  /** After the stream ended: why the text may be incomplete (tcpdump failed), in words; null when all is well. */
  finish(): Promise<string | null>;
  /** Releases the file and stops tcpdump if it still runs. */
  close(): Promise<void>;
}

export interface OpenInputOptions {
  lang: Lang;
  /** tcpdump filter expression for binary captures (`--filter`). */
  filter?: string;
  /** Packets to read from a binary capture (`--count`, tcpdump -c). */
  count?: number;
}

/** The options tcplain gives tcpdump: no name lookups, full date and time, IP header fields, absolute sequence numbers. */
export const TCPDUMP_TEXT_OPTIONS = ['-nn', '-tttt', '-v', '-S'];

/** A word as the shell needs it: unchanged when safe, else in single quotes. */
export function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** An executable `name` in env.PATH, or null. */
export function findOnPath(name: string, env: Readonly<Record<string, string | undefined>>): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir || '.', name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Reads from `stream` until it has `n` bytes or ends: the first bytes, and a stream that gives everything again
 * (a new one: putting chunks back with unshift fails when the source has already ended).
 */
async function peek(stream: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Array<Buffer | string> = [];
  let len = 0;
  const ended = await new Promise<boolean>((resolve, reject) => {
    const cleanup = (): void => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onReadable = (): void => {
      let c: Buffer | string | null;
      while ((c = stream.read()) !== null) {
        chunks.push(c);
        len += c.length;
        if (len >= n) {
          cleanup();
          resolve(false);
          return;
        }
      }
    };
    const onEnd = (): void => {
      cleanup();
      resolve(true);
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
  const head = Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));
  const again = new PassThrough();
  for (const c of chunks) again.write(c);
  if (ended || stream.readableEnded) again.end();
  else {
    stream.on('error', (err) => again.destroy(err));
    stream.pipe(again);
  }
  return { head, stream: again };
}

type BinaryKind = 'pcap' | 'pcapng' | 'gzip-pcap' | 'gzip-pcapng';

/** The text of `name`'s capture via tcpdump (`input`: the decompressed bytes for gzip, else tcpdump reads the file). */
function viaTcpdump(name: string, kind: BinaryKind, io: CliIO, opts: OpenInputOptions, input: Readable | null, release: () => Promise<void>): InputSource {
  const w = CLI_WORDS[opts.lang];
  const gz = kind.startsWith('gzip');
  const piped = input !== null;
  const args = ['-r', piped ? '-' : name, ...TCPDUMP_TEXT_OPTIONS, ...(opts.count !== undefined ? ['-c', String(opts.count)] : []), ...(opts.filter ? [opts.filter] : [])];
  const shown = `${gz ? `gunzip -c${name === '-' ? '' : ` ${shellWord(name)}`} | ` : ''}tcpdump ${args.map(shellWord).join(' ')}`;
  const tcpdump = findOnPath('tcpdump', io.env);
  const said = name === '-' ? w.capture.stdin : name;
  if (!tcpdump) {
    input?.destroy();
    void release();
    throw new CliError(w.capture.noTcpdump({ name: said, kind: w.capture.kind(kind), command: `${shown} | tcplain` }), 2, false);
  }
  sayErr(io, `${w.capture.reading({ name: said, kind: w.capture.kind(kind), command: shown })}`);
  const child: ChildProcess = spawn(tcpdump, args, { stdio: [piped ? 'pipe' : 'ignore', 'pipe', 'pipe'], env: { ...io.env } as NodeJS.ProcessEnv });
  if (input && child.stdin) {
    // tcpdump -c stops reading early: the rest of the decompressed bytes have nowhere to go, which is fine.
    child.stdin.on('error', () => undefined);
    input.on('error', () => child.stdin?.destroy());
    input.pipe(child.stdin);
  }
  // tcpdump's own stderr goes to ours, but for the `reading from file` line: we said what is read.
  let errTail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (d: string) => {
    const lines = (errTail + d).split('\n');
    errTail = lines.pop() ?? '';
    for (const l of lines) if (!l.startsWith('reading from file ')) io.stderr.write(`${l}\n`);
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.on('error', (err) => {
      sayErr(io, `${tcpdump}: ${err.message}`);
      resolve({ code: 127, signal: null });
    });
    child.on('close', (code, signal) => {
      if (errTail && !errTail.startsWith('reading from file ')) io.stderr.write(`${errTail}\n`);
      resolve({ code, signal });
    });
  });
  // Taken at once: when a child exits while nobody reads its stdout, Node resumes that stream and its output is
  // lost (child_process flushStdio). `tcplain pair a.pcap b.pcap` reads the second capture only after the first
  // batch of the first, by which time a small capture's tcpdump has long exited.
  const text = new PassThrough();
  child.stdout?.on('error', (err) => text.destroy(err));
  child.stdout?.pipe(text);
  return {
    name,
    stream: text,
    viaTcpdump: true,
    file: null,
    async finish() {
      const r = await exited;
      if (r.code === 0) return null;
      return w.capture.failed({ status: w.capture.status(r), command: shown });
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      input?.destroy();
      await release();
    },
  };
}

/** What a gzip stream holds: a capture (then tcpdump reads it from its stdin) or text. */
async function fromGzip(name: string, compressed: Readable, io: CliIO, opts: OpenInputOptions, release: () => Promise<void>): Promise<InputSource> {
  const gunzip = createGunzip();
  compressed.on('error', (err) => gunzip.destroy(err));
  compressed.pipe(gunzip);
  let peeked;
  try {
    peeked = await peek(gunzip, 4);
  } catch (err) {
    await release();
    throw new CliError(CLI_WORDS[opts.lang].errors.cannotRead({ path: name, why: 'other', detail: (err as Error).message }), 2, false);
  }
  const inner = captureMagic(peeked.head);
  if (inner === 'pcap' || inner === 'pcapng') return viaTcpdump(name, inner === 'pcap' ? 'gzip-pcap' : 'gzip-pcapng', io, opts, peeked.stream, release);
  return textSource(name, peeked.stream, opts, release);
}

function textSource(
  name: string,
  stream: NodeJS.ReadableStream,
  opts: OpenInputOptions,
  release: () => Promise<void>,
  file: InputSource['file'] = null,
): InputSource {
  // -c N on text is applied to the records (report/select.ts PACKET WINDOW): the text is read as it is.
  if (opts.filter !== undefined) {
    void release();
    throw new CliError(CLI_WORDS[opts.lang].errors.captureOnly({ name }));
  }
  return { name, stream, viaTcpdump: false, file, finish: async () => null, close: release };
}

/**
 * Opens `name` (`-`: stdin). On a terminal stdin is a paste: a one-line hint on stderr, then everything up to
 * Ctrl-D is read before the explanation starts (so it does not interleave with the echo of the paste).
 */
export async function openInput(name: string, io: CliIO, opts: OpenInputOptions): Promise<InputSource> {
  const w = CLI_WORDS[opts.lang];
  const none = async (): Promise<void> => {};
  if (name === '-') {
    if (io.stdin.isTTY) {
      sayErr(io, `${w.paste}`);
      const text = await readStreamText(io.stdin);
      return textSource('-', Readable.from([text]), opts, none);
    }
    const peeked = await peek(io.stdin as Readable, 4);
    const magic = captureMagic(peeked.head);
    if (magic === 'gzip') return fromGzip(name, peeked.stream, io, opts, none);
    if (magic) return viaTcpdump(name, magic, io, opts, peeked.stream, none);
    return textSource(name, peeked.stream, opts, none);
  }
  let fh;
  const head = Buffer.alloc(4);
  let got = 0;
  let regular = true;
  let size = 0;
  try {
    fh = await open(name, 'r');
    const st = await fh.stat();
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    // A FIFO or a process substitution (`<(tcpdump ...)`) cannot be read at a position: its first bytes are peeked.
    regular = st.isFile();
    size = st.size;
    if (regular) got = (await fh.read(head, 0, 4, 0)).bytesRead;
  } catch (err) {
    await fh?.close();
    throw openFailure(name, err, opts.lang);
  }
  const handle = fh;
  let closing: Promise<void> | null = null;
  const release = (): Promise<void> => (closing ??= handle.close());
  if (!regular) {
    let peeked;
    try {
      peeked = await peek(handle.createReadStream({ autoClose: false }) as unknown as Readable, 4);
    } catch (err) {
      await release();
      throw openFailure(name, err, opts.lang);
    }
    const magic = captureMagic(peeked.head);
    if (magic === 'gzip') return fromGzip(name, peeked.stream, io, opts, release);
    if (magic) return viaTcpdump(name, magic, io, opts, peeked.stream, release);
    return textSource(name, peeked.stream, opts, release);
  }
  const magic = captureMagic(head.subarray(0, got));
  if (magic === 'gzip') return fromGzip(name, handle.createReadStream({ autoClose: false, start: 0 }) as unknown as Readable, io, opts, release);
  if (magic) return viaTcpdump(name, magic, io, opts, null, release);
  return textSource(name, handle.createReadStream({ autoClose: false, start: 0 }), opts, release, { fd: handle.fd, size });
}

/** The whole text of FILE (`-`: stdin, a paste on a terminal; a binary capture through tcpdump). */
export async function readInputText(file: string, io: CliIO, lang: Lang = langFromEnv(io.env)): Promise<string> {
  const src = await openInput(file, io, { lang });
  try {
    const text = await readStreamText(src.stream);
    const failure = await src.finish();
    if (failure) throw new CliError(failure, 2, false);
    return text;
  } finally {
    await src.close();
  }
}
