// `tcplain diagram FILE`: a connection's ladder as Mermaid, standalone SVG or plain text, or a Markdown handout.

import { parseRecords } from '../../../grammar';
import type { Lang } from '../../explain';
import { CLI_WORDS, langFromEnv, parseLang } from '../../explain';
import { captureView, pairCaptures } from '../../correlate';
import { recordsFromText } from '../../input';
import { formatPairMermaid } from '../../report/format-pair-markdown';
import { formatPairLadderText } from '../../report/format-pair-ladder-text';
import { formatPairSvg, pairWindow } from '../../report/format-pair-svg';
import { annotateText } from '../../report/render';
import { formatLadderText } from '../../report/format-ladder-text';
import { formatMarkdown } from '../../report/format-markdown';
import { formatMermaid } from '../../report/format-mermaid';
import { formatSvg } from '../../report/format-svg';
import { laddersFromItems } from '../../report/ladders-from-items';
import { DEFAULT_DRAWN_ROWS, MAX_DIAGRAM_ROWS, capLadder, parseRowRange, sliceLadder } from '../../report/ladder';
import { handoutName } from './lesson';
import { createRedactor } from '../../report/redact';
import { showControls } from '../../report/terminal-safe';
import { CliError, writeOut, sayErr } from '../io';
import { readInputText } from '../sources';
import type { CliIO } from '../io';

import { DIAGRAM_FORMATS } from './specs';
export { DIAGRAM_FORMATS };
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];
import { connArg } from '../conn-arg';

export interface DiagramArgs {
  file: string;
  conn: string | undefined;
  format: DiagramFormat;
  lang: string | undefined;
  seq: 'relative' | 'absolute';
  redact: boolean;
  /** Server-side capture: draw FILE (client side) and it as one pair, with the path between them. */
  pair: string | undefined;
  /** Input lines to draw (`A..B`, `A..`, `..B`); default: a long connection's first and last rows in svg and mermaid. */
  rows?: string;
  /** Heading of the diagram or handout. */
  title?: string;
  /** The SVG's legend (default on). */
  legend?: boolean;
  /** SVG: rows spaced by capture time. */
  slant?: boolean;
  io: CliIO;
}

export async function runDiagram(args: DiagramArgs): Promise<void> {
  const { io } = args;
  const lang: Lang = (args.lang ? parseLang(args.lang) : null) ?? langFromEnv(io.env);
  const range = args.rows === undefined ? null : parseRowRange(args.rows);
  if (args.rows !== undefined && range === null) throw new CliError(CLI_WORDS[lang].errors.badRows({ text: args.rows }));
  if (args.slant && (args.format !== 'svg' || args.pair !== undefined)) throw new CliError(CLI_WORDS[lang].errors.slantFormats);
  if (args.pair !== undefined) return runPairDiagram(args, lang, range);
  let text = await readInputText(args.file, io, lang);
  if (args.redact) text = createRedactor().redactText(text);
  const items = annotateText(text, { lang, seq: args.seq });
  if (args.format === 'markdown') {
    const title = args.title ?? (args.file === '-' ? 'tcpdump' : handoutName(args.file));
    await writeOut(io.stdout, formatMarkdown(items, { lang, title, numbering: args.seq, redacted: args.redact }));
    return;
  }
  // Uncapped here: a chosen range is taken from the whole connection, then capped like any drawing.
  const ladders = laddersFromItems(items, args.seq, Infinity);
  // An input problem, not a usage error: no "Try 'tcplain --help'" after it (CliError's usage flag).
  if (ladders.length === 0) throw new CliError(CLI_WORDS[lang].errors.noConnection({ file: args.file }), 2, false);
  let chosen = ladders;
  if (args.conn) {
    const id = connArg(args.conn, args.file);
    chosen = ladders.filter((l) => l.conn === id);
    if (chosen.length === 0) throw new CliError(CLI_WORDS[lang].errors.noSuchConn({ conn: args.conn, known: ladders.map((l) => l.conn).join(', ') }));
  } else if (args.format !== 'text' && ladders.length > 1) {
    // One Mermaid or SVG document holds one diagram: take the first, and say which others exist.
    chosen = [ladders[0]];
    sayErr(io, `${CLI_WORDS[lang].errors.showing({ count: ladders.length, paired: false, conn: ladders[0].conn, choices: ladders.map((l) => l.conn).join('|') })}`);
  }
  const drawn = chosen.map((l) => {
    const sliced = range ? sliceLadder(l, range) : l;
    if (!sliced) {
      const shown = range!.to === Number.MAX_SAFE_INTEGER ? `${range!.from}..` : `${range!.from}..${range!.to}`;
      throw new CliError(CLI_WORDS[lang].errors.noRows({ conn: l.conn, range: shown, first: l.rows[0].line, last: l.rows[l.rows.length - 1].line }));
    }
    // A drawing of hundreds of arrows is unreadable (a 414-segment upload was 13 888 px tall): by default the first and
    // last DEFAULT_DRAWN_ROWS / 2 with a note; a chosen range, and the text ladder, up to the hostile-input cap.
    return capLadder(sliced, args.format === 'text' || range ? MAX_DIAGRAM_ROWS : DEFAULT_DRAWN_ROWS);
  });
  const opts = { lang, title: args.title, legend: args.legend, slant: args.slant };
  const render = { mermaid: formatMermaid, svg: formatSvg, text: formatLadderText }[args.format];
  const out = drawn.map((l) => render(l, opts)).join('\n');
  // Endpoints come from the input: on a terminal their control characters are shown, not obeyed.
  await writeOut(io.stdout, io.stdout.isTTY === true ? showControls(out) : out);
}

async function runPairDiagram(args: DiagramArgs, lang: Lang, range: { from: number; to: number } | null): Promise<void> {
  const { io } = args;
  if (args.format === 'markdown') throw new CliError(CLI_WORDS[lang].errors.pairFormats);
  const server = args.pair === '' ? '-' : String(args.pair);
  if (args.file === '-' && server === '-') throw new CliError(CLI_WORDS[lang].errors.diagramOneStdin);
  let texts = [await readInputText(args.file, io, lang), await readInputText(server, io, lang)];
  if (args.redact) {
    // One redactor for both, so a host keeps its stand-in on both sides and pairing is unchanged.
    const redactor = createRedactor();
    texts = texts.map((t) => redactor.redactText(t));
  }
  const [c, s] = texts.map((t) => captureView(parseRecords(recordsFromText(t))));
  const pairs = pairCaptures(c, s).pairs;
  if (pairs.length === 0) throw new CliError(CLI_WORDS[lang].errors.noPairMatch({ client: args.file, server }));
  let chosen = pairs;
  if (args.conn) {
    chosen = pairs.filter((p) => p.client.conn === args.conn);
    if (chosen.length === 0) throw new CliError(CLI_WORDS[lang].errors.noSuchPair({ conn: args.conn, known: pairs.map((p) => p.client.conn).join(', ') }));
  } else if (args.format !== 'text' && pairs.length > 1) {
    // One Mermaid or SVG document holds one diagram: take the first, and say which others exist.
    chosen = [pairs[0]];
    sayErr(io, `${CLI_WORDS[lang].errors.showing({ count: pairs.length, paired: true, conn: pairs[0].client.conn, choices: pairs.map((p) => p.client.conn).join('|') })}`);
  }
  const out = chosen
    .map((p) => {
      const w = pairWindow(p, range, args.format === 'text' || range ? MAX_DIAGRAM_ROWS : DEFAULT_DRAWN_ROWS);
      if (!w) throw new CliError(CLI_WORDS[lang].errors.noRows({ conn: p.client.conn, range: range!.to === Number.MAX_SAFE_INTEGER ? `${range!.from}..` : `${range!.from}..${range!.to}`, first: p.client.firstLine, last: p.client.lastLine }));
      if (args.format === 'svg') return formatPairSvg(w.pair, lang, { title: args.title, legend: args.legend, ...w.omitted });
      return args.format === 'mermaid' ? formatPairMermaid(w.pair, lang, w.omitted) : formatPairLadderText(w.pair, lang, w.omitted);
    })
    .join('\n');
  await writeOut(io.stdout, io.stdout.isTTY === true ? showControls(out) : out);
}

// The command's definition (help, options) lives in specs.ts, which loads this module only to run it.
export { diagramCommand } from './specs';
