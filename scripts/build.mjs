// Bundles the CLI into dist/tcplain.js: one file loads ~3x faster than hundreds of chevrotain modules (docs/performance.md).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/tcplain.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Ink/React/yargs load their own assets at run time; they stay as normal dependencies.
  external: ['ink', 'react', 'react/*', 'yargs', 'yargs/*', 'ink-*'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
