// Renders a ladder model (report/ladder.ts) as a Mermaid sequenceDiagram: lanes, arrows, state notes, findings, verdict.

import { catalogFor, describeFinding, explainVerdictText, type Lang } from '../explain';
import { CMD_CATALOGS } from '../explain/command';
import { endpointKey, type Finding, type Severity } from '../model';
import { ladderLabel, middleNote, worstSeverity, type Ladder, type LadderRow } from './ladder';

export interface DiagramOptions {
  lang: Lang;
  /** Lowest finding severity shown on the diagram (default `note`: info-level findings stay in the text). */
  minSeverity?: Severity;
  /** A heading over the diagram (Mermaid's `title`, the SVG's top line, the text ladder's first line). */
  title?: string;
}

const RANK: Record<Severity, number> = { info: 0, note: 1, warning: 2, error: 3 };
export const SEVERITY_MARK: Record<Severity, string> = { info: 'ℹ', note: '•', warning: '⚠', error: '✖' };

/** The first clause of a finding's explanation: short enough for an arrow's note. */
export function findingHeadline(f: Finding, lang: Lang, sender: 'client' | 'server' | null): string {
  const text = describeFinding(f, lang, sender).replace(/^\[[a-z]+\]\s*/, '');
  const cut = text.search(/[;\uff1b\u3002]|\.\s/);
  const head = cut > 0 && cut <= 90 ? text.slice(0, cut) : text;
  return head.length > 90 ? `${head.slice(0, 89)}…` : head;
}

/** Findings of a row worth drawing, worst first. */
export function shownFindings(row: LadderRow, min: Severity): LadderRow['findings'] {
  return row.findings.filter((f) => RANK[f.severity] >= RANK[min]).sort((a, b) => RANK[b.severity] - RANK[a.severity]);
}

/**
 * Mermaid message text: `;` ends a statement and `#` starts an entity, so both are written as entity codes
 * (mermaid sequenceDiagram grammar); `<`/`>` likewise, so labels are never read as HTML.
 */
export function mermaidText(s: string): string {
  return s.replace(/[#;<>]/g, (c) => `#${c.charCodeAt(0)};`).replace(/[\r\n]+/g, ' ');
}

const ARROW: Record<LadderRow['kind'], string> = { rst: '-x', ack: '-->>', syn: '->>', synack: '->>', fin: '->>', data: '->>', other: '->>' };
const HIGHLIGHT: Partial<Record<Severity, string>> = { error: 'rgb(255, 228, 228)', warning: 'rgb(255, 244, 204)' };

export function formatMermaid(ladder: Ladder, opts: DiagramOptions): string {
  const cat = catalogFor(opts.lang);
  const words = CMD_CATALOGS[opts.lang].report;
  const min = opts.minSeverity ?? 'note';
  const lane = { client: 'C', server: 'S' } as const;
  const out: string[] = ['sequenceDiagram'];
  // The title statement runs to the end of the line and admits no `#` or `;` (sequenceDiagram grammar): they become spaces.
  if (opts.title !== undefined) out.push(`    title ${opts.title.replace(/[#;\r\n]/g, ' ').replace(/ {2,}/g, ' ').trim()}`);
  out.push(`    participant C as ${mermaidText(`${cat.side.client} ${endpointKey(ladder.client)}`)}`);
  out.push(`    participant S as ${mermaidText(`${cat.side.server} ${endpointKey(ladder.server)}`)}`);
  if (ladder.initial.client) out.push(`    Note over C: ${ladder.initial.client}`);
  if (ladder.initial.server) out.push(`    Note over S: ${ladder.initial.server}`);
  if (ladder.omittedBefore > 0) out.push(`    Note over C,S: ${mermaidText(words.omitted(ladder.omittedBefore))}`);
  const middle = middleNote(ladder);
  for (let i = 0; i < ladder.rows.length; i++) {
    const row = ladder.rows[i];
    if (middle && i === ladder.omittedMiddle?.after) out.push(`    Note over C,S: ${mermaidText(words.omittedMiddle(middle))}`);
    const findings = shownFindings(row, min);
    const worst = worstSeverity(findings.map((f) => f.finding));
    const color = worst ? HIGHLIGHT[worst] : undefined;
    const indent = color ? '        ' : '    ';
    if (color) out.push(`    rect ${color}`);
    out.push(`${indent}${lane[row.from]}${ARROW[row.kind]}${lane[row.to]}: ${mermaidText(`[${row.line}] ${ladderLabel(row)}`)}`);
    for (const c of row.changes) out.push(`${indent}Note over ${lane[c.lane]}: ${c.to}`);
    for (const f of findings) {
      out.push(`${indent}Note over ${lane[row.from]}: ${mermaidText(`${SEVERITY_MARK[f.severity]} ${findingHeadline(f.finding, opts.lang, row.from)}`)}`);
    }
    if (color) out.push('    end');
  }
  if (ladder.omittedAfter) out.push(`    Note over C,S: ${mermaidText(words.omittedAfter(ladder.omittedAfter))}`);
  if (ladder.verdict) out.push(`    Note over C,S: ${mermaidText(explainVerdictText(ladder.verdict, opts.lang).headline)}`);
  return `${out.join('\n')}\n`;
}
