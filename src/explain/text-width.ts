// Terminal columns of a string, linear in its length and cheap on the common case. string-width segments graphemes
// on every call (~50 µs, superlinear on long strings); tcplain measures many short table cells (pair timeline,
// ladders, the viewer), most of them printable ASCII or a few repeating wide characters (CJK, arrows, box drawing).

import stringWidth from 'string-width';

/** Printable ASCII only: one column per character, most of tcpdump's text. */
export const ASCII = /^[\x20-\x7e]*$/;

/**
 * Characters that only combine with or modify a neighbour (combining marks, ZWJ, variation selectors, surrogate
 * pairs for emoji): strings holding one need grapheme segmentation; all others are measured per character.
 */
export const COMPLEX = /[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\u200b-\u200f\ufe00-\ufe0f\ud800-\udfff]/;

const charWidths = new Map<number, number>();
const graphemeWidths = new Map<string, number>();
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Column width of one BMP character, asked of string-width once and remembered. */
export function charWidth(code: number): number {
  if (code >= 0x20 && code < 0x7f) return 1;
  let w = charWidths.get(code);
  if (w === undefined) {
    w = stringWidth(String.fromCharCode(code));
    charWidths.set(code, w);
  }
  return w;
}

/** Column width of one grapheme cluster, asked of string-width once and remembered (up to 4,096 of them). */
export function graphemeWidth(segment: string): number {
  let w = graphemeWidths.get(segment);
  if (w === undefined) {
    w = stringWidth(segment);
    if (graphemeWidths.size < 4096) graphemeWidths.set(segment, w);
  }
  return w;
}

/** An escape sequence string-width strips before measuring (ESC or CSI). */
const ESCAPES = /[\x1b\u009b]/;

/**
 * Terminal columns of `s`: string-width's answer, computed per character or per grapheme so it stays linear. A
 * string holding escape sequences is measured whole (string-width strips them) unless it is long.
 */
export function textWidth(s: string): number {
  if (ASCII.test(s)) return s.length;
  if (s.length <= 4096 && ESCAPES.test(s)) return stringWidth(s);
  let w = 0;
  if (!COMPLEX.test(s)) {
    for (let i = 0; i < s.length; i++) w += charWidth(s.charCodeAt(i));
    return w;
  }
  for (const { segment } of segmenter.segment(s)) w += graphemeWidth(segment);
  return w;
}
