#!/usr/bin/env node
// Entry point: runs the bundled CLI (built by `npm run build`, which `npm install` runs via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/tcplain.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('tcplain: not built yet; run `npm run build` in the tcplain folder first\n');
  process.exit(2);
}
await import(bundle.href);
