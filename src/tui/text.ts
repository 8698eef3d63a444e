// Terminal-column text helpers: styled spans, width-aware truncation, padding and wrapping (wide CJK characters take two columns).

import { ASCII, charWidth, COMPLEX, graphemeWidth, textWidth } from '../explain/text-width';

/** A run of text with one style; a screen line is a list of spans. */
export interface Span {
  text: string;
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  underline?: boolean;
}

export type Line = Span[];

export const width = textWidth;

const segmenter = new Intl.Segmenter();

/** Splits into grapheme clusters with their column widths, so a wide character is never cut in half. */
function graphemes(s: string): Array<[string, number]> {
  if (ASCII.test(s)) return Array.from(s, (c) => [c, 1]);
  if (!COMPLEX.test(s)) return Array.from(s, (c) => [c, charWidth(c.charCodeAt(0))]);
  const out: Array<[string, number]> = [];
  for (const { segment } of segmenter.segment(s)) out.push([segment, graphemeWidth(segment)]);
  return out;
}

/** Cuts `s` to at most `cols` columns, ending with `…` when something was cut. */
export function truncate(s: string, cols: number): string {
  if (cols <= 0) return '';
  if (width(s) <= cols) return s;
  if (ASCII.test(s)) return s.slice(0, cols - 1) + '…';
  let out = '';
  let used = 0;
  for (const [g, w] of graphemes(s)) {
    if (used + w > cols - 1) break;
    out += g;
    used += w;
  }
  return out + '…';
}

export function padEnd(s: string, cols: number): string {
  const w = width(s);
  return w >= cols ? s : s + ' '.repeat(cols - w);
}

export function padStart(s: string, cols: number): string {
  const w = width(s);
  return w >= cols ? s : ' '.repeat(cols - w) + s;
}

/** Exactly `cols` columns: truncated or padded. */
export function fit(s: string, cols: number): string {
  return padEnd(truncate(s, cols), cols);
}

/**
 * Word-wraps to `cols` columns. Latin text breaks at spaces; CJK text (no spaces) breaks between characters,
 * as Chinese typesetting allows; an over-long word is cut.
 */
export function wrap(text: string, cols: number): string[] {
  if (cols <= 0) return [];
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let used = 0;
    const tokens = para.match(/\s+|[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]+|[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/g) ?? [''];
    for (const tok of tokens) {
      const w = width(tok);
      if (/^\s+$/.test(tok)) {
        if (used > 0 && used + w <= cols) {
          line += tok;
          used += w;
        }
        continue;
      }
      if (used + w > cols && used > 0) {
        out.push(line.trimEnd());
        line = '';
        used = 0;
      }
      if (w > cols) {
        for (const [g, gw] of graphemes(tok)) {
          if (used + gw > cols) {
            out.push(line);
            line = '';
            used = 0;
          }
          line += g;
          used += gw;
        }
        continue;
      }
      line += tok;
      used += w;
    }
    out.push(line.trimEnd());
  }
  return out;
}

export function lineWidth(line: Line): number {
  let w = 0;
  for (const s of line) w += width(s.text);
  return w;
}

/** Cuts a styled line to `cols` columns (the last kept span gets the `…`) and pads it to exactly `cols`. */
export function fitLine(line: Line, cols: number, pad: Span = { text: '' }): Line {
  const out: Line = [];
  let used = 0;
  const total = lineWidth(line);
  for (const span of line) {
    const w = width(span.text);
    if (total <= cols || used + w < cols) {
      out.push(span);
      used += w;
      continue;
    }
    const room = cols - used;
    if (room > 0) out.push({ ...span, text: truncate(span.text, room) });
    used = cols;
    break;
  }
  if (used < cols) out.push({ ...pad, text: ' '.repeat(cols - used) });
  return out;
}

/** The plain text of a styled line (for tests and screen captures). */
export function plain(line: Line): string {
  return line.map((s) => s.text).join('');
}
