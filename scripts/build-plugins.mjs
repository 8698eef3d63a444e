// esbuild plugins shared by the ES-module bundle (scripts/build.mjs) and the startup snapshot (scripts/snapshot.mjs).
import { readFileSync } from 'node:fs';

/**
 * yargs' ESM platform shim finds its locales (and the "main file") from its own `import.meta.url`; inside the
 * bundle that is the bundle's chunk. The locales are looked up in dist/yargs-locales instead, found by walking up
 * from the chunk (dist/ or dist/chunks/).
 */
export const yargsShim = {
  name: 'yargs-locales',
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (a) => {
      const src = readFileSync(a.path, 'utf8');
      const from = "directory: resolve(__dirname, '../../../locales'),";
      if (!src.includes(from)) throw new Error(`build: yargs' ${a.path} changed; update scripts/build-plugins.mjs`);
      const find =
        "(() => { for (const up of ['./', '../']) { const d = fileURLToPath(new URL(up + 'yargs-locales/', import.meta.url)); " +
        "try { readdirSync(d); return d; } catch {} } return resolve(__dirname, '../../../locales'); })(),";
      return { contents: src.replace(from, `directory: ${find}`), loader: 'js' };
    });
  },
};
