// Text boxes and lines of a tcplain SVG, measured independently of the renderer: x/y, text-anchor and font size
// from the document, widths from an honest monospace estimate (0.6 em a character, a wide CJK character 1.2 em).

import { XMLParser } from 'fast-xml-parser';

export interface Box {
  text: string;
  cls: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Segment {
  cls: string;
  /** The marker-end's id (`arrow`, `cross`), or empty. */
  marker: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** East Asian Wide and Fullwidth ranges that occur in tcplain's words (CJK, full-width punctuation, Hangul, kana). */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Width in em of `s` in a monospace font: 0.6 a character, 1.2 for a wide one. */
export function emWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 1.2 : 0.6;
  return w;
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false, processEntities: true });

function textOf(children: Node[]): string {
  return children.map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : '')).join('');
}

/** Font size of a text: its own attribute, 15 for the `title` class (the stylesheet), else the document's 12. */
function fontSize(attrs: Record<string, string>): number {
  if (attrs['font-size']) return Number.parseFloat(attrs['font-size']);
  if ((attrs.class ?? '').split(' ').includes('title')) return 15;
  return 12;
}

/** Every `<text>` as a box (ascent 0.8 em above the baseline, descent 0.2 em below) and every `<line>`. */
export function svgGeometry(svg: string): { boxes: Box[]; lines: Segment[]; width: number; height: number } {
  const doc = parser.parse(svg) as Node[];
  const root = doc.find((n) => 'svg' in n)!;
  const boxes: Box[] = [];
  const lines: Segment[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      const attrs = n[':@'] ?? {};
      if ('text' in n) {
        const text = textOf(n.text as Node[]);
        const size = fontSize(attrs);
        const w = emWidth(text) * size;
        const x = Number(attrs.x);
        const y = Number(attrs.y);
        const anchor = attrs['text-anchor'] ?? 'start';
        const x1 = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
        boxes.push({ text, cls: attrs.class ?? '', x1, y1: y - 0.8 * size, x2: x1 + w, y2: y + 0.2 * size });
      } else if ('line' in n) {
        lines.push({ cls: attrs.class ?? '', marker: /#([\w-]+)/.exec(attrs['marker-end'] ?? '')?.[1] ?? '', x1: Number(attrs.x1), y1: Number(attrs.y1), x2: Number(attrs.x2), y2: Number(attrs.y2) });
      } else if ('g' in n) walk(n.g as Node[]);
    }
  };
  walk(root.svg as Node[]);
  const rootAttrs = root[':@'] ?? {};
  return { boxes, lines, width: Number(rootAttrs.width), height: Number(rootAttrs.height) };
}

const overlap = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Pairs of text boxes that overlap, as readable strings (empty when none do). */
export function overlappingTexts(boxes: readonly Box[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlap(boxes[i], boxes[j])) out.push(`"${boxes[i].text}" × "${boxes[j].text}"`);
    }
  }
  return out;
}

/** Lines that pass through a text box. */
export function linesThroughTexts(lines: readonly Segment[], boxes: readonly Box[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    for (const b of boxes) {
      if (Math.min(l.x1, l.x2) <= b.x2 && b.x1 <= Math.max(l.x1, l.x2) && Math.min(l.y1, l.y2) <= b.y2 && b.y1 <= Math.max(l.y1, l.y2)) {
        out.push(`${l.cls || 'line'} (${l.x1},${l.y1})-(${l.x2},${l.y2}) × "${b.text}"`);
      }
    }
  }
  return out;
}

/** Marks at line ends (an arrowhead or a cross, at most 11 px square) that cover a text box. */
export function marksOnTexts(lines: readonly Segment[], boxes: readonly Box[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    if (!l.marker) continue;
    const m = { x1: l.x2 - 6, x2: l.x2 + 6, y1: l.y2 - 6, y2: l.y2 + 6 };
    for (const b of boxes) if (m.x1 < b.x2 && b.x1 < m.x2 && m.y1 < b.y2 && b.y1 < m.y2) out.push(`${l.marker} at (${l.x2},${l.y2}) × "${b.text}"`);
  }
  return out;
}

/** Boxes that reach outside the drawing. */
export function outsideTexts(g: { boxes: readonly Box[]; width: number; height: number }): string[] {
  return g.boxes.filter((b) => b.x1 < 0 || b.y1 < 0 || b.x2 > g.width || b.y2 > g.height).map((b) => b.text);
}
