// Rewrites the README's quoted output blocks (scripts/readme-blocks.ts) from the built CLI: run `npm run build`
// first (`npm run golden:update` does both). Review the diff before committing, as for the golden files.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { captureScreen, excerpt, outputBlocks, ROOT, runBuilt, screenBlocks } from './readme-blocks';

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
// The viewer's screens, from a real terminal (tmux); without tmux they are left as they are.
if (spawnSync('tmux', ['-V']).status === 0) {
  for (const block of screenBlocks(all.join('\n')).reverse()) all.splice(block.start, block.lines.length, ...(await captureScreen(block)));
} else console.log('README.md: tmux is missing, the viewer screens are not regenerated');
writeFileSync(file, all.join('\n'));
console.log(`README.md: ${outputBlocks(all.join('\n')).length} quoted output blocks regenerated`);
