// SVG rendering of a pair (`tcplain diagram CLIENT --pair SERVER --format svg`): nat-forged-rst, en and zh-CN.

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { pairCaptures } from '../../src/correlate';
import { PAIR_CATALOGS } from '../../src/report/format-pair';
import { formatPairSvg } from '../../src/report/format-pair-svg';
import { sampleText, viewOf } from '../correlate/helpers';

const forged = pairCaptures(viewOf(sampleText('nat-forged-rst', 'client')), viewOf(sampleText('nat-forged-rst', 'server'))).pairs[0];
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'g' || name === 'text' || name === 'line' || name === 'rect' });

interface Row {
  'data-kind': string;
  'data-dir': string;
  'data-client-line': string;
  'data-server-line': string;
  line: Array<{ x1: string; x2: string; 'marker-end': string }>;
  text: Array<{ '#text': string | number; class: string }>;
}

/** The document, the x of each lane (client, path, server: centres of the lane boxes) and the rows. */
function parse(svg: string) {
  const doc = parser.parse(svg);
  const lanes = (doc.svg.rect as Array<{ x: string; width: string }>).slice(1).map((r) => Number(r.x) + Number(r.width) / 2);
  const laneText = (doc.svg.text as Array<{ '#text': string }>).map((t) => String(t['#text']));
  return { doc, lanes, laneText, rows: doc.svg.g as Row[] };
}

describe('formatPairSvg', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: well-formed, one arrow per timeline row in capture order`, () => {
      const svg = formatPairSvg(forged, lang);
      expect(XMLValidator.validate(svg)).toBe(true);
      const { rows, lanes } = parse(svg);
      expect(lanes).toHaveLength(3);
      expect(forged.timeline).toHaveLength(9);
      expect(rows).toHaveLength(9);
      for (const g of rows) expect(g.line).toHaveLength(1);
      expect(rows.map((g) => `${g['data-client-line']}/${g['data-server-line']}`)).toEqual(
        forged.timeline.map((e) => `${e.client?.rec.line ?? ''}/${e.server?.rec.line ?? ''}`),
      );
      // Each arrow points the way its segment went.
      for (const [i, g] of rows.entries()) expect(Number(g.line[0].x1) < Number(g.line[0].x2)).toBe(forged.timeline[i].dir === 'c2s');
    });
  }

  it('en: lanes named, the forged RST starts at the path, the lost segment ends there, both labelled', () => {
    const { rows, lanes, laneText } = parse(formatPairSvg(forged, 'en'));
    expect(laneText.slice(0, 3)).toEqual(['client 192.0.2.2:40016', 'path', 'server 198.51.100.2:80']);
    // Under the lanes: the verdict line, then the legend.
    expect(laneText[3]).toBe('Verdict: The RST the server got was forged on the path: the client never sent it.');
    expect(laneText.slice(4)).toEqual([
      'Legend',
      'data, SYN or FIN',
      'pure ACK (no data, no SYN or FIN)',
      'RST',
      'red, to or from the path: seen in one capture only (the reason under the arrow)',
    ]);
    const [cx, px, sx] = lanes;
    expect(cx < px && px < sx).toBe(true);
    const label = (g: Row) => String(g.text.find((t) => t.class === 'label')!['#text']);
    const note = (g: Row) => g.text.find((t) => t.class === 'note')?.['#text'];

    const rst = rows.find((g) => label(g) === 'R seq 87 win 0')!;
    expect(rst['data-kind']).toBe('server-only');
    expect(Number(rst.line[0].x1)).toBeCloseTo(px, 6);
    expect(Number(rst.line[0].x2)).toBeCloseTo(sx, 6);
    expect(note(rst)).toBe('‹never sent by the peer›');

    const lost = rows.find((g) => label(g) === 'P. seq 1:79 ack 87 win 65536 len 78')!;
    expect(Number(lost.line[0].x1)).toBeCloseTo(sx, 6);
    expect(Number(lost.line[0].x2)).toBeCloseTo(px, 6);
    expect(lost.line[0]['marker-end']).toBe('url(#cross)');
    expect(note(lost)).toBe('‹lost on the path›');

    // A segment both saw crosses from end to end, with no status note.
    const syn = rows[0];
    expect(label(syn)).toBe('S seq 0 win 64240 mss 1460 wscale 10');
    expect(syn.text.find((t) => t.class === 'line')?.['#text']).toBe('1/1');
    expect(Number(syn.line[0].x1)).toBeCloseTo(cx, 6);
    expect(Number(syn.line[0].x2)).toBeCloseTo(sx - 3, 6);
    expect(note(syn)).toBeUndefined();
  });

  it('zh-CN: the lane and status words come from the Chinese catalog', () => {
    const svg = formatPairSvg(forged, 'zh-CN');
    const { laneText } = parse(svg);
    expect(laneText[1]).toBe('路径');
    expect(svg).toContain(`‹${PAIR_CATALOGS['zh-CN'].status.lost}›`);
    expect(svg).toContain(`‹${PAIR_CATALOGS['zh-CN'].status.injected}›`);
    expect(svg).not.toContain('lost on the path');
  });
});
