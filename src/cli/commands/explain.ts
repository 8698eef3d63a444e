// `tcplain explain [FILE...]` (also the default command): annotate tcpdump text from files or stdin.

import { open } from 'node:fs/promises';
import type { Argv, ArgumentsCamelCase, CommandModule } from 'yargs';
import { parseRecords } from '../../../grammar';
import { readRecords } from '../../input';
import type { Lang } from '../../explain';
import { langFromEnv, parseLang } from '../../explain';
import { createAnnotator, formatJson, formatText } from '../../report';
import type { ReportItem } from '../../report';
import { CliError, writeOut } from '../io';
import type { CliIO } from '../io';
import { chooseOutputMode, useColor } from '../terminal';
import type { OutputMode } from '../terminal';

export interface ExplainArgs {
  files: string[] | undefined;
  lang: string | undefined;
  format: 'text' | 'json' | undefined;
  seq: 'relative' | 'absolute';
  color: boolean | undefined;
  io: CliIO;
}

/** Why a file cannot be read, in the words of `ls`/`cat` rather than errno names. */
function openFailure(path: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : ((err as Error).message ?? String(err));
  return new CliError(`cannot read '${path}': ${why}`);
}

interface Source {
  name: string;
  stream: NodeJS.ReadableStream;
  close(): Promise<void>;
}

/** Opens every file before any output, so a typo in the third name fails at once rather than after two files. */
async function openSources(files: readonly string[], io: CliIO): Promise<Source[]> {
  const sources: Source[] = [];
  try {
    for (const name of files) {
      if (name === '-') {
        sources.push({ name: '-', stream: io.stdin, close: async () => {} });
        continue;
      }
      let fh;
      try {
        fh = await open(name, 'r');
        const st = await fh.stat();
        if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      } catch (err) {
        await fh?.close();
        throw openFailure(name, err);
      }
      const handle = fh;
      sources.push({ name, stream: handle.createReadStream({ autoClose: false }), close: () => handle.close() });
    }
  } catch (err) {
    await Promise.all(sources.map((s) => s.close()));
    throw err;
  }
  return sources;
}

function render(mode: OutputMode, lang: Lang, color: boolean): (item: ReportItem) => string {
  return mode === 'json' ? formatJson : (item) => formatText(item, { lang, color });
}

export async function runExplain(args: ExplainArgs): Promise<void> {
  const { io } = args;
  const lang: Lang = (args.lang ? parseLang(args.lang) : null) ?? langFromEnv(io.env);
  const mode = chooseOutputMode({ format: args.format, stdoutIsTTY: io.stdout.isTTY === true });
  const color = mode === 'text' && useColor({ flag: args.color, stdoutIsTTY: io.stdout.isTTY === true, env: io.env });
  const files = args.files && args.files.length > 0 ? args.files : ['-'];
  if (files.includes('-') && io.stdin.isTTY) {
    throw new CliError('no input: give a FILE, or pipe tcpdump output in (tcpdump -l -n ... | tcplain)');
  }
  const sources = await openSources(files, io);
  const format = render(mode, lang, color);
  try {
    for (const source of sources) {
      if (sources.length > 1 && mode === 'text') await writeOut(io.stdout, `==> ${source.name} <==\n`);
      const annotator = createAnnotator({ lang, seq: args.seq });
      // One write per batch: a batch holds the records that completed together, so a live pipe still sees each packet as it arrives.
      for await (const batch of readRecords(source.stream)) {
        let out = '';
        for (const rec of parseRecords(batch)) for (const item of annotator.push(rec)) out += format(item);
        await writeOut(io.stdout, out);
      }
      let tail = '';
      for (const item of annotator.finish()) tail += format(item);
      await writeOut(io.stdout, tail);
    }
  } finally {
    await Promise.all(sources.map((s) => s.close()));
  }
}

export const explainCommand: CommandModule<object, ExplainArgs> = {
  command: ['explain [files..]', '$0 [files..]'],
  describe: 'Explain tcpdump text output line by line (files, or stdin when none or "-")',
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'tcpdump text files; "-" or none reads stdin' })
      .option('lang', {
        type: 'string',
        choices: ['en', 'zh', 'zh-CN'],
        describe: 'language of the explanations (default from LC_ALL / LC_MESSAGES / LANG)',
      })
      .option('format', { type: 'string', choices: ['text', 'json'] as const, describe: 'text (annotated) or json (JSON Lines, schema v1)' })
      .option('seq', {
        type: 'string',
        choices: ['relative', 'absolute'] as const,
        default: 'relative' as const,
        describe: 'sequence numbers quoted in the notes',
      })
      .option('color', { type: 'boolean', describe: 'colour the text output (default: only on a terminal, never with NO_COLOR)' })
      .example('tcpdump -l -n -i eth0 port 80 | $0', 'explain a live capture')
      .example('$0 --lang zh capture.txt', 'explain a saved text capture in Chinese')
      .example('$0 --format json capture.txt | jq .', 'JSON Lines for scripts') as unknown as Argv<ExplainArgs>,
  handler: (argv: ArgumentsCamelCase<ExplainArgs>) => runExplain(argv),
};
