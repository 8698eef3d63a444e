// The text ladder names every state one segment moves an end through (three-way-close/n.txt line 9: FIN_WAIT_2 → TIME_WAIT).
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { annotateText } from '../../src/report/render';
import { formatLadderText } from '../../src/report/format-ladder-text';
import { laddersFromItems } from '../../src/report/ladders-from-items';

const read = (p: string) => readFileSync(new URL(`../../samples/${p}`, import.meta.url), 'utf8');

test('three-way close at the client: CLOSE_WAIT under the server FIN (line 8); the FIN that ACKs it moves the server FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT, the client CLOSE_WAIT → LAST_ACK', () => {
  const [ladder] = laddersFromItems(annotateText(read('three-way-close/n.txt'), { lang: 'en' }), 'relative');
  const row = ladder.rows.find((r) => r.line === 9)!;
  expect(row.changes.filter((c) => c.lane === 'server').map((c) => c.to)).toEqual(['FIN_WAIT_2', 'TIME_WAIT']);
  const lines = formatLadderText(ladder, { lang: 'en' }).split('\n');
  const at = lines.findIndex((l) => l.startsWith('    9  |'));
  expect(lines[at - 1]).toBe('       CLOSE_WAIT                             FIN_WAIT_1');
  expect(lines[at + 1]).toBe('       LAST_ACK                   FIN_WAIT_2 → TIME_WAIT');
});
