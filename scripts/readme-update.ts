// Rewrites the README's quoted output blocks (scripts/readme-blocks.ts) from the built CLI: run `npm run build`
// first (`npm run golden:update` does both). Review the diff before committing, as for the golden files.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { excerpt, outputBlocks, ROOT, runBuilt } from './readme-blocks';

const file = path.join(ROOT, 'README.md');
const all = readFileSync(file, 'utf8').split('\n');
// From the last block up, so that the earlier blocks' positions stay valid.
for (const block of outputBlocks(all.join('\n')).reverse()) {
  const r = runBuilt(block.args);
  if (r.status !== 0) throw new Error(`tcplain ${block.args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  const lines = excerpt(r.stdout, block);
  if (lines.length === 0) throw new Error(`tcplain ${block.args.join(' ')}: no line starts with ${JSON.stringify(block.from)}`);
  all.splice(block.start, block.lines.length, ...lines);
}
writeFileSync(file, all.join('\n'));
console.log(`README.md: ${outputBlocks(all.join('\n')).length} quoted output blocks regenerated`);
