// Bundles the CLI into dist/tcplain.js (+ dist/chunks/): one file loads ~3x faster than hundreds of chevrotain
// modules (docs/performance.md).
//
// Startup (issue 13): code splitting (esm) turns every dynamic `import()` into a chunk loaded on demand, so the
// viewer (src/tui, reached only through `await import('../tui-entry')`) costs text output, JSON and `--version`
// nothing. Ink and React stay external: they are loaded by the viewer alone (src/tui/ui-libs.ts). yargs is bundled:
// as ~40 separate ES modules it cost ~70 ms of module loading on every run; its locale files (read with fs at run
// time by y18n) are copied to dist/yargs-locales and the shim is pointed there.
import { build } from 'esbuild';
import { yargsShim } from './build-plugins.mjs';
import { buildSnapshot } from './snapshot.mjs';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const require = createRequire(import.meta.url);
const yargsDir = path.dirname(require.resolve('yargs/package.json', { paths: [root] }));

const result = await build({
  // parse-worker: the thread that parses a large saved text file (src/cli/read-parse.ts); it shares the grammar's
  // chunk with the CLI, and the snapshot's runs start it from here too (it cannot live in the snapshot).
  entryPoints: { tcplain: path.join(root, 'src/cli/main.ts'), 'parse-worker': path.join(root, 'src/cli/parse-worker.ts') },
  outdir: dist,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Ink/React load their own assets at run time and only the viewer needs them; they stay normal dependencies.
  external: ['react-devtools-core'],
  // React's production build: its development build checks every render (~2x slower to the first screen).
  define: { 'process.env.NODE_ENV': '"production"' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  plugins: [yargsShim],
  metafile: true,
  logLevel: 'warning',
});
// Chunks of earlier builds go (their names carry a content hash); dist/ is never emptied first, since tests build
// while others run the CLI.
const current = new Set(Object.keys(result.metafile.outputs).map((f) => path.resolve(root, f)));
const chunks = path.join(dist, 'chunks');
if (existsSync(chunks)) for (const f of readdirSync(chunks)) if (!current.has(path.join(chunks, f))) rmSync(path.join(chunks, f), { force: true });
cpSync(path.join(yargsDir, 'locales'), path.join(dist, 'yargs-locales'), { recursive: true });
// The startup snapshot of the same CLI (scripts/snapshot.mjs); bin/tcplain starts from it when it exists.
await buildSnapshot();
