// Issue 16: a connection of 135 000+ segments must not overflow the call stack in any diagram renderer
// (Math.max(...rows), out.push(...body)); the diagram draws its first and last rows with a note where it was cut.

import { describe, expect, it } from 'vitest';
import { formatLadderText } from '../../src/report/format-ladder-text';
import { formatMermaid } from '../../src/report/format-mermaid';
import { formatSvg } from '../../src/report/format-svg';
import { MAX_DIAGRAM_ROWS } from '../../src/report/ladder';
import { laddersFromItems } from '../../src/report/ladders-from-items';
import { annotateText } from '../../src/report/render';

const C = '10.0.0.1.40000';
const S = '10.0.0.2.80';
const DATA = 140_000;

/** A handshake, DATA one-byte segments from the client, each acknowledged... by one final ACK, and a RST. */
function hugeConnection(): string {
  const out: string[] = [
    `12:00:00.000000 IP ${C} > ${S}: Flags [S], seq 1000, win 64240, length 0`,
    `12:00:00.000100 IP ${S} > ${C}: Flags [S.], seq 5000, ack 1001, win 65160, length 0`,
    `12:00:00.000200 IP ${C} > ${S}: Flags [.], ack 5001, win 502, length 0`,
  ];
  for (let i = 0; i < DATA; i++) {
    const s = 1001 + i;
    out.push(`12:00:01.${String(i % 1_000_000).padStart(6, '0')} IP ${C} > ${S}: Flags [P.], seq ${s}:${s + 1}, ack 5001, win 502, length 1`);
  }
  out.push(`12:00:02.000000 IP ${S} > ${C}: Flags [.], ack ${1001 + DATA}, win 65160, length 0`);
  return `${out.join('\n')}\n`;
}

describe('diagrams of a huge connection', () => {
  // The ladder model does not depend on the language (renderers take it): one analysis for all the tests.
  const items = annotateText(hugeConnection(), { lang: 'en' });
  const total = DATA + 4;
  const head = MAX_DIAGRAM_ROWS / 2;
  const shown = { first: head, last: MAX_DIAGRAM_ROWS - head, omitted: total - MAX_DIAGRAM_ROWS };

  it('the uncapped ladder renders as text and SVG without a RangeError', { timeout: 120_000 }, () => {
    const [ladder] = laddersFromItems(items, 'relative', Infinity);
    expect(ladder.rows.length).toBe(total);
    expect(ladder.omittedMiddle).toBeNull();
    const t = formatLadderText(ladder, { lang: 'en' });
    expect(t.split('\n').filter((l) => /^\s*\d+ {2}\|/.test(l)).length).toBe(total);
    const svg = formatSvg(ladder, { lang: 'en' });
    expect(svg.match(/<g class="row"/g)?.length).toBe(total);
    expect(svg.endsWith('</svg>\n')).toBe(true);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`${lang}: capped to the first and last ${head} rows with a note in text, SVG and Mermaid`, () => {
      const [ladder] = laddersFromItems(items, 'relative');
      expect(ladder.rows.length).toBe(MAX_DIAGRAM_ROWS);
      expect(ladder.omittedMiddle).toEqual({ after: head, count: shown.omitted });
      expect(ladder.rows[head - 1].line).toBe(head);
      expect(ladder.rows[head].line).toBe(total - head + 1);
      expect(ladder.rows.at(-1)?.line).toBe(total);
      const note =
        lang === 'en'
          ? `… first ${shown.first} and last ${shown.last} segments shown, ${shown.omitted} omitted here`
          : `… 只显示前 ${shown.first} 个和后 ${shown.last} 个报文段，此处省略 ${shown.omitted} 个`;
      const t = formatLadderText(ladder, { lang }).split('\n');
      const at = t.findIndex((l) => l === `       ${note}`);
      expect(at).toBeGreaterThan(0);
      expect(t[at - 1]).toMatch(new RegExp(`^\\s+${head}  \\|`));
      expect(t[at + 1]).toMatch(new RegExp(`^\\s*${total - head + 1}  \\|`));
      const svg = formatSvg(ladder, { lang });
      expect(svg.match(/<g class="row"/g)?.length).toBe(MAX_DIAGRAM_ROWS);
      expect(svg).toContain(`<text class="omitted"`);
      expect(svg).toContain(note);
      const mmd = formatMermaid(ladder, { lang });
      expect(mmd).toContain(`    Note over C,S: ${note}`);
    });
  }
});
