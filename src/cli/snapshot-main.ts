// Entry of the V8 startup snapshot (scripts/snapshot.mjs → dist/snapshot.cjs → dist/tcplain.blob).
//
// Why: on Node 20 most of a short run is spent before the first line is read: compiling ~900 KB of JavaScript and
// building Chevrotain's lexer and parser (its grammar recording and lookahead analysis, ~45 ms on this machine). A
// startup snapshot (`node --snapshot-blob tcplain.blob`, experimental in Node 20: test/cli/snapshot.test.ts checks that it prints what the bundle prints) is the heap as it stands after all modules
// were evaluated and the parser was built, so a run starts from there. bin/tcplain chooses it when no viewer can be
// needed (stdout not a terminal, or --format/--version/--help given); the viewer (Ink, React, Yoga's WebAssembly)
// cannot live in a snapshot and is never bundled here: its modules are replaced by stubs that hand the run to the
// ES-module bundle (scripts/snapshot.mjs).
//
// What runs below at build time is frozen into the snapshot. It must not read the environment, the terminal, the
// clock or the arguments: all of that happens in startCli, at run time.

import v8 from 'node:v8';
import { parseRecords, servicePort } from '../../grammar';
import type { RawRecord } from '../model';
import { startCli } from './start';

/** Builds the lexer and the parser (and the services table) now, so that the snapshot holds them built. */
function warmUp(): void {
  const lines = [
    '12:00:00.000000 IP 192.0.2.1.40000 > 198.51.100.2.80: Flags [S], seq 1, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
    '12:00:00.000100 IP6 2001:db8::1.53 > 2001:db8::2.40000: 1 1/0/0 A 192.0.2.9 (45)',
  ];
  const raws: RawRecord[] = lines.map((text, i) => ({ line: i + 1, endLine: i + 1, col: 1, raw: text, text, details: [], dump: [], comments: [] }));
  const parsed = parseRecords(raws);
  if (parsed[0].kind !== 'tcp') throw new Error(`snapshot warm-up: the grammar read a SYN as ${parsed[0].kind}`);
  servicePort('http');
}

warmUp();
v8.startupSnapshot.setDeserializeMainFunction(() => {
  // `node --snapshot-blob BLOB -- ARGS`: process.argv is [node, ...ARGS] (no script path).
  void startCli(process.argv.slice(1));
});
