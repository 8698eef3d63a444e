#!/usr/bin/env node
// Entry point: runs the bundled CLI (built by `npm run build`, which `npm install` runs via `prepare`).
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ keeps V8's compiled code of the 1 MB bundle between runs (compiling it is ~1/5 of startup);
// Node 20 has no such switch and simply compiles each time.
module.enableCompileCache?.();

const bundle = new URL('../dist/tcplain.js', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('tcplain: not built yet; run `npm run build` in the tcplain folder first\n');
  process.exit(2);
}
await import(bundle.href);
