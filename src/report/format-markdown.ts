// Renders annotated items as a Markdown handout: verdicts, a Mermaid ladder per connection, the annotated log.

import { catalogFor, explainVerdictText, type Lang } from '../explain';
import { CMD_CATALOGS } from '../explain/command';
import { endpointKey } from '../model';
import type { ReportItem } from './annotate';
import { formatMermaid } from './format-mermaid';
import { DEFAULT_DRAWN_ROWS, type Numbering } from './ladder';
import { laddersFromItems } from './ladders-from-items';

export interface MarkdownOptions {
  lang: Lang;
  /** Heading of the handout (a file name, a ticket title). */
  title: string;
  numbering?: Numbering;
  /** Say that addresses and payload were replaced (the caller ran the input through a redactor). */
  redacted?: boolean;
}

/** CommonMark §2.4 backslash escapes for the characters that would start emphasis, links, code or HTML. */
export function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** Inline code (CommonMark §6.1): a fence longer than any backtick run inside, padded when the text touches a backtick. */
function inlineCode(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

function codeBlock(s: string, info = ''): string {
  const longest = Math.max(2, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${s}\n${fence}`;
}

/** The handout's lines, each with its '\n', before blank runs are collapsed (see formatMarkdownPieces). */
function* markdownLines(items: readonly ReportItem[], opts: MarkdownOptions): Generator<string> {
  const words = CMD_CATALOGS[opts.lang].report;
  let out: string[] = [`# ${mdEscape(opts.title)}`, '', words.generated + (opts.redacted ? ` ${words.redacted}` : ''), ''];
  // Each connection's diagram like `diagram --format mermaid` draws it: a long one as its first and last rows.
  const ladders = laddersFromItems(items, opts.numbering ?? 'relative', DEFAULT_DRAWN_ROWS);
  out.push(`## ${words.connections}`, '');
  if (ladders.length === 0) out.push(words.noConnections, '');
  for (const ladder of ladders) {
    out.push(`### ${mdEscape(words.connection({ conn: ladder.conn, client: endpointKey(ladder.client), server: endpointKey(ladder.server) }))}`, '');
    if (ladder.verdict) {
      const v = explainVerdictText(ladder.verdict, opts.lang);
      out.push(`**${mdEscape(words.verdict)}${words.sep.trim()}** ${mdEscape(v.headline)}`, '', mdEscape(v.summary), '');
      out.push(`- **${mdEscape(words.nextStep)}${words.sep.trim()}** ${mdEscape(v.nextStep)}`);
      if (v.appSaw.length > 0) {
        out.push(`- **${mdEscape(words.appSaw)}${words.sep.trim()}**`);
        for (const a of v.appSaw) out.push(`  - ${mdEscape(a)}`);
      }
      out.push(`- **${mdEscape(words.stats)}${words.sep.trim()}** ${mdEscape(v.stats)}`, '');
    }
    out.push(codeBlock(formatMermaid(ladder, { lang: opts.lang }).trimEnd(), 'mermaid'), '');
    yield out.map((l) => `${l}\n`).join('');
    out = [];
  }
  for (const it of items) {
    if (it.kind !== 'twins') continue;
    // Connections that are one seen at two points: the sentences, then the commands as a code block.
    out.push(`## ${mdEscape(catalogFor(opts.lang).twins.head)}`, '');
    for (const t of it.text.slice(0, -1)) out.push(mdEscape(t), '');
    out.push(codeBlock(it.commands.split('; ').join('\n'), 'sh'), '');
  }
  out.push(`## ${words.log}`, '');
  for (const it of items) {
    if (it.kind !== 'record') continue;
    if (it.rec.kind === 'text' && it.notes.length === 0) continue;
    const raw = it.rec.raw;
    if (raw.includes('\n')) out.push(`**${it.rec.line}**`, '', codeBlock(raw, 'text'));
    else out.push(`**${it.rec.line}** ${inlineCode(raw)}`);
    if (it.notes.length > 0) out.push('');
    for (const n of it.notes) out.push(`- ${mdEscape(n.text)}`);
    out.push('');
    if (out.length >= 256) {
      yield out.map((l) => `${l}\n`).join('');
      out = [];
    }
  }
  yield out.map((l) => `${l}\n`).join('');
}

/**
 * The handout in pieces of a few hundred lines, none holding the whole (V8 strings stop at 512 MiB): runs of three
 * or more line ends become one blank line and the end is trimmed, as if done on the whole text.
 */
export function* formatMarkdownPieces(items: readonly ReportItem[], opts: MarkdownOptions): Generator<string> {
  // Trailing whitespace is held back until more text follows, so a run of line ends is judged whole.
  let held = '';
  for (const piece of markdownLines(items, opts)) {
    const t = (held + piece).replace(/\n{3,}/g, '\n\n');
    const end = t.length - (/\s*$/.exec(t)?.[0].length ?? 0);
    held = t.slice(end);
    if (end > 0) yield t.slice(0, end);
  }
  yield '\n';
}

export function formatMarkdown(items: readonly ReportItem[], opts: MarkdownOptions): string {
  return [...formatMarkdownPieces(items, opts)].join('');
}
