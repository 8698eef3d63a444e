// Plain-text and JSON renderings of a CommandExplanation (what `tcplain cmd` prints), carets under bad filter tokens.

import { textWidth } from '../text-width';
import type { CommandExplanation, Recipe } from './explain-command';
import { CMD_CATALOGS } from './explain-command';

const MARK = { error: '✗', warning: '!', tip: '·', note: '·' } as const;

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(1, width - textWidth(s)));
}

/** A caret line under `text` (printed after `indent`) marking [start, end). */
export function caretLine(text: string, start: number, end: number, indent: string): string {
  const before = textWidth(text.slice(0, start));
  const width = Math.max(1, textWidth(text.slice(start, end)));
  return `${indent}${' '.repeat(before)}^${'~'.repeat(width - 1)}`;
}

export function formatRecipe(r: Recipe, whyHeading: string, sep = ': '): string[] {
  const colon = sep.trimEnd();
  const out = [r.intro];
  for (const s of r.steps) {
    if (s.label) out.push(`  ${s.label}${colon}`);
    out.push(`    ${s.command}`);
  }
  out.push(`  ${whyHeading}${colon}`);
  for (const w of r.why) out.push(`    ${w}`);
  if (r.missing) out.push(`  ${MARK.warning} ${r.missing}`);
  return out;
}

export function formatCommandText(e: CommandExplanation): string {
  const m = CMD_CATALOGS[e.lang];
  const h = m.heading;
  const sep = m.report.sep;
  const out: string[] = [];
  if (e.program !== null || e.problems.length > 0) out.push(`${h.command}${sep}${e.line}`);
  if (e.problems.length > 0) {
    out.push('', h.problems);
    for (const p of e.problems) out.push(`  ${MARK.error} ${p.text}`);
  }
  if (e.program !== null) {
    out.push('', h.options);
    if (e.options.length === 0) out.push(`  ${h.noOptions}`);
    const width = Math.min(16, Math.max(...e.options.map((o) => textWidth(o.written)), 0) + 2);
    for (const o of e.options) out.push(`  ${pad(o.written, width)}${o.text}`);
    out.push('', h.filter);
    if (!e.filter) out.push(`  ${h.noFilter}`);
    else {
      const f = e.filter;
      // The whole text is shown when a caret must point into it or the parts below split it.
      if (f.errors.length > 0 || f.lines.length > 1) out.push(`  ${f.text}`);
      for (const err of f.errors) {
        out.push(caretLine(f.text, err.start, err.end, '  '));
        out.push(`  ${MARK.error} ${err.text}`);
      }
      if (f.errors.length === 0 && f.readsAs !== null) {
        if (f.readsAs !== f.text.replace(/\s+/g, ' ').trim()) out.push(`  ${h.readsAs}${sep}${f.readsAs}`);
        const srcWidth = Math.min(28, Math.max(...f.lines.map((l) => textWidth(l.source) + l.depth * 2), 0) + 2);
        for (const l of f.lines) {
          const indent = '  '.repeat(l.depth + 1);
          out.push(l.source ? `${indent}${pad(l.source, srcWidth - l.depth * 2)}→ ${l.text}` : `${indent}${l.text}`);
        }
      }
      for (const n of f.notes) out.push(`  ${MARK.note} ${n.text}`);
    }
    if (e.advice.length > 0) {
      out.push('', h.advice);
      for (const a of e.advice) out.push(`  ${MARK[a.severity]} ${a.text}`);
    }
  }
  if (e.recipe) out.push('', h.recipe, ...formatRecipe(e.recipe, h.why, sep).map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}

/** One JSON document: the parsed options, the filter AST, issues and advice, all plain data. */
export function formatCommandJson(e: CommandExplanation): string {
  return `${JSON.stringify(e)}\n`;
}
