// Renders a ladder model as a plain-text ladder: two lanes, one arrow per segment, states beside the lanes, findings below.

import { textWidth } from '../explain/text-width';
import { catalogFor, explainVerdictText } from '../explain';
import { CMD_CATALOGS } from '../explain/command';
import { endpointKey } from '../model';
import { findingHeadline, SEVERITY_MARK, shownFindings, type DiagramOptions } from './format-mermaid';
import { ladderLabel, middleNote, type Ladder, type LadderRow } from './ladder';

const GUTTER = 7;

function arrow(row: LadderRow, body: number): string {
  const label = ` ${ladderLabel(row)} `;
  const head = row.kind === 'rst' ? 'x' : row.from === 'client' ? '>' : '<';
  const fill = Math.max(2, body - 1 - textWidth(label));
  const lead = Math.min(4, Math.floor(fill / 2));
  if (row.from === 'client') return `|${'-'.repeat(lead)}${label}${'-'.repeat(fill - lead)}${head}|`;
  return `|${head}${'-'.repeat(lead)}${label}${'-'.repeat(fill - lead)}|`;
}

/** `left` at the client lane and `right` ending at the server lane, on one line. */
function sides(left: string, right: string, width: number): string {
  const gap = Math.max(1, width - textWidth(left) - textWidth(right));
  return `${' '.repeat(GUTTER)}${left}${' '.repeat(gap)}${right}`.trimEnd();
}

export function formatLadderText(ladder: Ladder, opts: DiagramOptions): string {
  const cat = catalogFor(opts.lang);
  const words = CMD_CATALOGS[opts.lang].report;
  const min = opts.minSeverity ?? 'note';
  let body = 44;
  for (const r of ladder.rows) body = Math.max(body, textWidth(ladderLabel(r)) + 12);
  const middle = middleNote(ladder);
  const width = body + 2;
  const out: string[] = [];
  if (opts.title !== undefined) out.push(opts.title, '');
  out.push(sides(`${cat.side.client} ${endpointKey(ladder.client)}`, `${cat.side.server} ${endpointKey(ladder.server)}`, width));
  if (ladder.initial.client || ladder.initial.server) out.push(sides(ladder.initial.client ?? '', ladder.initial.server ?? '', width));
  if (ladder.omittedBefore > 0) out.push(`${' '.repeat(GUTTER)}${words.omitted(ladder.omittedBefore)}`);
  ladder.rows.forEach((row, i) => {
    if (middle && i === ladder.omittedMiddle?.after) out.push(`${' '.repeat(GUTTER)}${words.omittedMiddle(middle)}`);
    out.push(`${String(row.line).padStart(GUTTER - 2)}  ${arrow(row, body)}`);
    if (row.changes.length > 0) {
      // One segment can move an end through two states (FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT): both, in order.
      const c = row.changes.filter((x) => x.lane === 'client').map((x) => x.to).join(' → ');
      const s = row.changes.filter((x) => x.lane === 'server').map((x) => x.to).join(' → ');
      out.push(sides(c, s, width));
    }
    for (const f of shownFindings(row, min)) out.push(`${' '.repeat(GUTTER)}${SEVERITY_MARK[f.severity]} ${findingHeadline(f.finding, opts.lang, row.from)}`);
  });
  if (ladder.omittedAfter) out.push(`${' '.repeat(GUTTER)}${words.omittedAfter(ladder.omittedAfter)}`);
  if (ladder.verdict) out.push(`${' '.repeat(GUTTER)}${words.verdict}${words.sep}${explainVerdictText(ladder.verdict, opts.lang).headline}`);
  return `${out.join('\n')}\n`;
}
