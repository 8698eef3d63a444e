// `tcplain diagram FILE`: a connection's ladder as Mermaid, standalone SVG or plain text, or a Markdown handout.

import { parseRecords } from '../../../grammar';
import type { Argv, ArgumentsCamelCase, CommandModule } from 'yargs';
import type { Lang } from '../../explain';
import { langFromEnv, parseLang } from '../../explain';
import { captureView, pairCaptures } from '../../correlate';
import { recordsFromText } from '../../input';
import { formatPairMermaid } from '../../report/format-pair-markdown';
import { formatPairLadderText } from '../../report/format-pair-ladder-text';
import { formatPairSvg } from '../../report/format-pair-svg';
import { annotateText } from '../../report/render';
import { formatLadderText } from '../../report/format-ladder-text';
import { formatMarkdown } from '../../report/format-markdown';
import { formatMermaid } from '../../report/format-mermaid';
import { formatSvg } from '../../report/format-svg';
import { laddersFromItems } from '../../report/ladders-from-items';
import { createRedactor } from '../../report/redact';
import { showControls } from '../../report/terminal-safe';
import { CliError, readInputText, writeOut } from '../io';
import type { CliIO } from '../io';

export const DIAGRAM_FORMATS = ['mermaid', 'svg', 'text', 'markdown'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

export interface DiagramArgs {
  file: string;
  conn: string | undefined;
  format: DiagramFormat;
  lang: string | undefined;
  seq: 'relative' | 'absolute';
  redact: boolean;
  /** Server-side capture: draw FILE (client side) and it as one pair, with the path between them. */
  pair: string | undefined;
  io: CliIO;
}

export async function runDiagram(args: DiagramArgs): Promise<void> {
  const { io } = args;
  const lang: Lang = (args.lang ? parseLang(args.lang) : null) ?? langFromEnv(io.env);
  if (args.pair !== undefined) return runPairDiagram(args, lang);
  let text = await readInputText(args.file, io);
  if (args.redact) text = createRedactor().redactText(text);
  const items = annotateText(text, { lang, seq: args.seq });
  if (args.format === 'markdown') {
    await writeOut(io.stdout, formatMarkdown(items, { lang, title: args.file === '-' ? 'tcpdump' : args.file, numbering: args.seq, redacted: args.redact }));
    return;
  }
  const ladders = laddersFromItems(items, args.seq);
  if (ladders.length === 0) throw new CliError(`no TCP connection in '${args.file}'`);
  let chosen = ladders;
  if (args.conn) {
    chosen = ladders.filter((l) => l.conn === args.conn);
    if (chosen.length === 0) throw new CliError(`no connection '${args.conn}' (there are: ${ladders.map((l) => l.conn).join(', ')})`);
  } else if (args.format !== 'text' && ladders.length > 1) {
    // One Mermaid or SVG document holds one diagram: take the first, and say which others exist.
    chosen = [ladders[0]];
    io.stderr.write(`tcplain: ${ladders.length} connections; showing ${ladders[0].conn} (choose with --conn ${ladders.map((l) => l.conn).join('|')})\n`);
  }
  const render = { mermaid: formatMermaid, svg: formatSvg, text: formatLadderText }[args.format];
  const out = chosen.map((l) => render(l, { lang })).join('\n');
  // Endpoints come from the input: on a terminal their control characters are shown, not obeyed.
  await writeOut(io.stdout, io.stdout.isTTY === true ? showControls(out) : out);
}

async function runPairDiagram(args: DiagramArgs, lang: Lang): Promise<void> {
  const { io } = args;
  if (args.format === 'markdown') throw new CliError('--pair draws --format mermaid, svg or text');
  const server = args.pair === '' ? '-' : String(args.pair);
  if (args.file === '-' && server === '-') throw new CliError("only one of FILE and --pair can be '-' (stdin)");
  let texts = [await readInputText(args.file, io), await readInputText(server, io)];
  if (args.redact) {
    // One redactor for both, so a host keeps its stand-in on both sides and pairing is unchanged.
    const redactor = createRedactor();
    texts = texts.map((t) => redactor.redactText(t));
  }
  const [c, s] = texts.map((t) => captureView(parseRecords(recordsFromText(t))));
  const pairs = pairCaptures(c, s).pairs;
  if (pairs.length === 0) throw new CliError(`no connection of '${args.file}' matches one of '${server}'`);
  let chosen = pairs;
  if (args.conn) {
    chosen = pairs.filter((p) => p.client.conn === args.conn);
    if (chosen.length === 0) throw new CliError(`no paired connection '${args.conn}' (there are: ${pairs.map((p) => p.client.conn).join(', ')})`);
  } else if (args.format !== 'text' && pairs.length > 1) {
    // One Mermaid or SVG document holds one diagram: take the first, and say which others exist.
    chosen = [pairs[0]];
    io.stderr.write(`tcplain: ${pairs.length} paired connections; showing ${pairs[0].client.conn} (choose with --conn ${pairs.map((p) => p.client.conn).join('|')})\n`);
  }
  const render = { mermaid: formatPairMermaid, svg: formatPairSvg, text: formatPairLadderText }[args.format];
  const out = chosen.map((p) => render(p, lang)).join('\n');
  await writeOut(io.stdout, io.stdout.isTTY === true ? showControls(out) : out);
}

export const diagramCommand: CommandModule<object, DiagramArgs> = {
  command: 'diagram <file>',
  describe: 'Draw a connection as a ladder diagram (Mermaid, SVG, text) or write a Markdown handout',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'tcpdump text file; "-" reads stdin' })
      .option('conn', { type: 'string', describe: 'connection id (c1, c2, ...; default: the first)' })
      .option('format', { type: 'string', choices: DIAGRAM_FORMATS, default: 'mermaid' as const, describe: 'mermaid, svg (standalone), text, or markdown (handout: verdicts, diagrams, annotated log)' })
      .option('lang', { type: 'string', choices: ['en', 'zh', 'zh-CN'], describe: 'language (default from LC_ALL / LC_MESSAGES / LANG)' })
      .option('seq', { type: 'string', choices: ['relative', 'absolute'] as const, default: 'relative' as const, describe: 'sequence numbers on the arrows' })
      .option('redact', { type: 'boolean', default: false, describe: 'replace addresses, host names, MACs and payload with consistent stand-ins' })
      .option('pair', { type: 'string', describe: 'server-side capture of the same traffic: FILE is the client side; draws client, path and server (mermaid, svg or text)' })
      .example('$0 diagram capture.txt > ladder.mmd', 'Mermaid sequenceDiagram of the first connection')
      .example('$0 diagram capture.txt --conn c2 --format svg > c2.svg', 'a standalone SVG ladder')
      .example('$0 diagram client.txt --pair server.txt', 'one connection seen from both ends: lost and forged segments at the path')
      .example('$0 diagram client.txt --pair server.txt --format svg > pair.svg', 'the same as a standalone SVG with three lanes')
      .example('$0 diagram capture.txt --format markdown --redact --lang zh > handout.md', 'a handout safe to paste into a ticket') as unknown as Argv<DiagramArgs>,
  handler: (argv: ArgumentsCamelCase<DiagramArgs>) => runDiagram(argv),
};
