// `npm install`/`npm ci` in a checkout, `npm link`, `npm install -g <git url>`: build dist/tcplain.js when esbuild
// (a devDependency) is installed. Without it (a consumer installing the packed tarball, which ships dist/) it keeps the
// bundle that is there; only when neither exists does it say what to do.
import { existsSync } from 'node:fs';

let hasEsbuild = true;
try {
  await import('esbuild');
} catch {
  hasEsbuild = false;
}
if (hasEsbuild) {
  await import('./build.mjs');
} else if (!existsSync(new URL('../dist/tcplain.js', import.meta.url))) {
  process.stderr.write('tcplain: esbuild is not installed, so dist/tcplain.js was not built; run `npm install` (with dev dependencies) and `npm run build`\n');
}
