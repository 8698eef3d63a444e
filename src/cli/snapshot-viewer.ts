// Stands in for the viewer's modules (src/cli/tui-entry.ts, src/tui/**) inside the startup snapshot, which cannot
// hold Ink, React or Yoga's WebAssembly. bin/tcplain starts the snapshot only when no viewer can be needed; should a
// run reach the viewer all the same, it is handed whole to the ES-module bundle (dist/tcplain.js) with the same
// arguments, before anything of stdin was read (the viewer is chosen before its input is opened, except for a paste
// typed on a terminal, which the user is then asked for again).

import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Runs `node dist/tcplain.js ARGS` in this terminal and leaves with its exit status. */
export function handOverToBundle(): never {
  const i = process.execArgv.indexOf('--snapshot-blob');
  const blob = i >= 0 ? process.execArgv[i + 1] : undefined;
  const bundle = blob ? path.join(path.dirname(blob), 'tcplain.js') : null;
  if (!bundle) {
    process.stderr.write('tcplain: the viewer is not available in this run; set TCPLAIN_SNAPSHOT=0\n');
    process.exit(2);
  }
  // The same Node flags (bin/tcplain's V8 heap flags), without the blob.
  const flags = process.execArgv.filter((_, k) => k !== i && k !== i + 1);
  const r = spawnSync(process.execPath, [...flags, bundle, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, TCPLAIN_SNAPSHOT: '0' } });
  process.exit(r.status ?? 1);
}
