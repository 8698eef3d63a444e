// Benchmark: runs a list of pipeline stages over a large real `tcpdump -n` text and prints lines/s, MB/s, peak RSS.
//
// Usage: npm run bench [-- --stage grammar] [-- --file path] [-- --fallback [--lines N]] [-- --repeat N] [-- --passes N]
//        npm run bench -- --stage startup [--runs N] [--compare OTHER-CHECKOUT]
//        npm run bench -- --stage ratio [--rounds N]
//        npm run bench -- --stage flat [--repeat N] [--methods stdin,file,file-main,file-thread] [--commands text,json,summary]
//        npm run bench -- --stage churn [--seconds N] [--churn-format text|json] [--churn-resets S] [--max-open N]
// The `ratio` stage (issue 14 item 6) times `tcpdump -n -r bench-data/big.pcap` printing the capture and the built
// CLI reading that same text (`explain --format text`, `explain --format json`, `summary` when the command exists),
// round after round (`--rounds N`, default 3) so that all see the same load, and prints each one's lines/s as a ratio to
// tcpdump's in the same round, the median over the rounds, and each one's peak RSS (targets: summary ≥ 0.5×, text
// ≥ 0.25×, json ≥ 0.3×, ≤ 150 MB). Each run is timed by /usr/bin/time (wall, CPU, maxRSS of that process alone).
// tcplain runs as users run it: bin/tcplain, the installed command (the startup snapshot and the V8 heap flags).
// The `flat` stage runs the same three commands through bin/tcplain on the capture once and `--repeat N` times
// (default 4), each input method compared with itself (`--methods`, default `stdin,file`: through stdin, and as a
// saved file made for the stage in $TMPDIR), and prints both peaks: memory must not grow with the input.
// The `churn` stage (issue 16 item 7) pipes an endless generated stream of random connections (scripts/bench-churn.mjs:
// half of them an unanswered SYN) into `tcplain explain --format text -` (bin/tcplain) for `--seconds N` (default 60),
// samples the child's VmRSS and VmHWM from /proc/PID/status every 100 ms, and prints the peak (target ≤ 150 MB).
// The `startup` stage (first) times the built CLI from spawn to exit (`--version`, `--format text` on an 11-line
// capture) and to the viewer's first screen (under `script`, a pseudo-terminal, until a captured line is drawn),
// each the median of `--runs N` (default 15) runs interleaved with `node -e 0` on the same machine, and prints the
// absolute milliseconds and the ratio to `node -e 0` (targets, issue 13: 150 ms, 150 ms, 400 ms). `--compare DIR`
// times another built checkout's CLI in the same rounds (e.g. the commit before a change), on the same load.
// The text comes from `npm run bench:data` (bench-data/big-n.txt). Without it, the corpus TCP lines are
// replicated to ~1M lines instead (and the output says so). Each in-process stage is bundled from TypeScript with
// esbuild first, like the CLI, so the numbers include no transpiler overhead. Add a stage by appending to STAGES.
// The `cli-*` stages run the built CLI itself (dist/tcplain.js, `npm run build` first) as a child process with the
// text piped to its stdin `--repeat N` times (default 1; 4 gives the 4M-line memory check without a 680 MB file)
// and stdout to /dev/null, and report the child's own CPU time and peak RSS.
// The `json-floor` stage measures the JSON output alone (the CLI's own lines, written again and re-serialized):
// a ceiling for `cli-json` that no change to parsing, tracking or explaining can lift.
// The host's speed drifts by about ±20 % from minute to minute (medians are reported for that reason), so the
// `grammar` stage parses the file `--passes N` times (default 3) and prints every pass and their median; the other
// stages run once unless `--passes` says otherwise.

import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launcherHeapFlags } from './snapshot.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** bin/tcplain, the installed command: the startup snapshot when it can, and Node's V8 heap flags on both paths. */
const launcher = path.join(root, 'bin/tcplain');
const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Bundles a TypeScript entry (exporting `run(source)`) and imports it. */
async function loadStage(entry) {
  const dir = mkdtempSync(path.join(tmpdir(), 'tcplain-bench-'));
  const outfile = path.join(dir, 'stage.mjs');
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href);
}

/**
 * Stages, cheapest first. `entry` exports `run(source) => Promise<{ lines, records, tcp, parseMs? }>` where
 * `source` is `{ file }` (stream it) or `{ text }` (in-memory fallback).
 */
const STAGES = [
  { name: 'ratio', describe: 'tcplain (text, json, summary) against `tcpdump -n -r` on the same capture, same rounds', ratio: true },
  { name: 'flat', describe: 'peak RSS of tcplain (text, json, summary) on the capture once and N times, through stdin and as a file', flat: true },
  { name: 'churn', describe: 'an endless stream of random connections, half unanswered, through the CLI: peak RSS', churn: true },
  {
    name: 'grammar',
    describe: 'lines → RawRecord (one per line) → parseRecords (lexer + parser + records)',
    entry: 'scripts/bench-grammar.ts',
  },
  // ---- full-pipeline stages (tracker engineer; entries in scripts/bench-track.ts and scripts/bench-explain.ts) ----
  {
    name: 'track',
    describe: 'readRecords (input) → parseRecords → tracker.push: parse + track, streaming',
    entry: 'scripts/bench-track.ts',
  },
  {
    name: 'explain',
    describe: 'readRecords → parseRecords → tracker.push → explainSegment/explainVerdict (en): parse + track + explain',
    entry: 'scripts/bench-explain.ts',
  },
  // ---- end of full-pipeline stages ----
  {
    name: 'cli-json',
    describe: 'the built CLI: `tcplain explain --format json - > /dev/null` (input, parse, track, explain, JSON, write)',
    cli: ['explain', '--format', 'json', '-'],
  },
  {
    name: 'cli-text',
    describe: 'the built CLI: `tcplain explain --format text - > /dev/null` (the annotated text output)',
    cli: ['explain', '--format', 'text', '--lang', 'en', '-'],
  },
  {
    name: 'json-floor',
    describe: "the output alone: the CLI's own JSON lines for the first 100,000 input lines, re-serialized and written",
    floor: 100_000,
  },
];

/** Resolves when the spawned CLI exits with 0; rejects on a spawn error or any other exit code. */
function exitedOk(child) {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tcplain exited with ${code}`))));
  });
}

/**
 * What the JSON output costs by itself, whatever computes it: the CLI's JSON lines for the first `lines` input
 * lines are captured, then (1) written again as UTF-8 to /dev/null in batches, as the CLI writes them, and (2)
 * re-serialized from their parsed objects with JSON.stringify. Each rate is an upper bound for the whole
 * `cli-json` stage on this machine, before any parsing, tracking or explaining.
 */
async function runJsonFloor(file, lines) {
  const { openSync, writeSync } = await import('node:fs');
  const cliPath = path.join(root, 'dist/tcplain.js');
  if (!existsSync(cliPath)) throw new Error('dist/tcplain.js missing: run `npm run build` first');
  const child = spawn(process.execPath, [cliPath, 'explain', '--format', 'json', '-'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks = [];
  child.stdout.on('data', (c) => chunks.push(c));
  const exited = exitedOk(child);
  let fed = 0;
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'latin1', highWaterMark: 256 * 1024 })) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    const take = parts.slice(0, lines - fed);
    fed += take.length;
    if (!child.stdin.write(Buffer.from(take.join('\n') + '\n', 'latin1'))) await new Promise((r) => child.stdin.once('drain', r));
    if (fed >= lines) break;
  }
  child.stdin.end();
  await exited;
  // Flat copies (a slice of one big string would add an indirection per line that the CLI does not have).
  const jsonLines = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l.length > 0).map((l) => (' ' + l).slice(1));
  // The same JSON with every non-ASCII character escaped (`\u2192`): one-byte strings, so latin1 encoding is
  // byte-identical to UTF-8 and is V8's cheapest way to bytes.
  const asciiLines = jsonLines.map((l) => (' ' + l.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).slice(1));
  const objects = jsonLines.map((l) => JSON.parse(l));
  const bytes = jsonLines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
  const devnull = openSync('/dev/null', 'w');
  const BATCH = 256;
  const writeAll = (all, encoding) => () => {
    for (let i = 0; i < all.length; i += BATCH) {
      let text = '';
      for (let j = i; j < Math.min(i + BATCH, all.length); j++) text += all[j] + '\n';
      writeSync(devnull, Buffer.from(text, encoding));
    }
  };
  const stringifyOnly = () => {
    let n = 0;
    for (const o of objects) n += JSON.stringify(o).length;
    return n;
  };
  const best = (f) => {
    const times = [];
    for (let r = 0; r < 3; r++) {
      const c0 = process.cpuUsage();
      f();
      const c = process.cpuUsage(c0);
      times.push((c.user + c.system) / 1000);
    }
    return Math.min(...times);
  };
  return {
    fed,
    records: jsonLines.length,
    bytes,
    writeMs: best(writeAll(jsonLines, 'utf8')),
    asciiWriteMs: best(writeAll(asciiLines, 'latin1')),
    stringifyMs: best(stringifyOnly),
  };
}

/**
 * Runs the built CLI with `argv`, the file piped to its stdin `repeat` times, stdout to /dev/null. The child
 * reports its own CPU time, peak RSS (process.resourceUsage) and live heap samples at exit through a preloaded module.
 */
async function runCli(argv, file, repeat) {
  const cliPath = path.join(root, 'dist/tcplain.js');
  if (!existsSync(cliPath)) throw new Error('dist/tcplain.js missing: run `npm run build` first');
  const usageFile = path.join(mkdtempSync(path.join(tmpdir(), 'tcplain-bench-')), 'usage.json');
  // Every 5 s the child also collects garbage and samples its live heap: RSS follows V8's heap sizing, the live
  // heap after a collection shows whether memory grows with the input (a full GC there costs ~30 ms per 5 s).
  const preload = `data:text/javascript,${encodeURIComponent(
    `import { writeFileSync } from 'node:fs'; const live = []; setInterval(() => { globalThis.gc(); live.push(process.memoryUsage().heapUsed); }, 5000).unref(); process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS, live })); });`,
  )}`;
  const { openSync } = await import('node:fs');
  const devnull = openSync('/dev/null', 'w');
  // bin/tcplain's V8 heap flags, as the installed command runs (the preload needs the bundle, not the snapshot).
  const child = spawn(process.execPath, [...launcherHeapFlags(), '--expose-gc', '--import', preload, cliPath, ...argv], { stdio: ['pipe', devnull, 'inherit'] });
  const exited = exitedOk(child);
  let lines = 0;
  for (let r = 0; r < repeat; r++) {
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      if (!child.stdin.write(chunk)) await new Promise((resolve) => child.stdin.once('drain', resolve));
    }
  }
  child.stdin.end();
  await exited;
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  return { lines, records: lines, tcp: null, childCpuMs: usage.cpuMs, childPeakRss: usage.maxRssKb * 1024, childLive: usage.live };
}

/** The corpus TCP lines (4.x style, without -v) replicated to about `target` lines: the fallback input. */
function corpusFallback(target) {
  const dir = path.join(root, 'test/fixtures/tcpdump-tests');
  const lines = [];
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.out') || f.startsWith('v3.9.8_')) continue;
    for (const l of readFileSync(path.join(dir, f), 'latin1').split('\n')) {
      const m = /^\s*\d+ {2}(.*: (?:Flags \[|tcp \d).*)$/.exec(l);
      if (m) lines.push(m[1]);
    }
  }
  const reps = Math.ceil(target / lines.length);
  const out = [];
  for (let r = 0; r < reps; r++) out.push(...lines);
  return out.slice(0, target).join('\n') + '\n';
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Milliseconds from spawning `cmd args` until it exits with 0 (output discarded). */
function timeToExit(cmd, argv) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'inherit'], cwd: root });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - t0) : reject(new Error(`${cmd} ${argv.join(' ')} exited with ${code}`))));
  });
}

/**
 * Milliseconds from spawning `script -qc <command>` (a pseudo-terminal, so tcplain opens its viewer) until the
 * terminal output contains `marker`; then `q` is typed and the run waits for the viewer to quit (so that a viewer
 * still winding down never slows the next measurement), killing it after 10 s.
 */
function timeToScreen(command, marker) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'], cwd: root, detached: true, env: { ...process.env, TERM: 'xterm-256color' } });
    let seen = '';
    let ms;
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 10_000);
    child.on('error', reject);
    child.stdout.on('data', (d) => {
      seen += d.toString('utf8');
      if (ms === undefined && seen.includes(marker)) {
        ms = performance.now() - t0;
        child.stdin.write('q');
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (ms === undefined) reject(new Error(`\`${command}\` ended before ${JSON.stringify(marker)} appeared`));
      else resolve(ms);
    });
  });
}

/** The `startup` stage: medians of interleaved runs, absolute and as a multiple of `node -e 0`. */
async function runStartup() {
  const cliPath = path.join(root, 'dist/tcplain.js');
  if (!existsSync(cliPath)) throw new Error('dist/tcplain.js missing: run `npm run build` first');
  const runs = Math.max(1, Number(arg('runs') ?? 15));
  const sample = 'samples/handshake-close/n.txt';
  const node = process.execPath;
  const bin = path.join(root, 'bin/tcplain.js');
  // `tcplain` is bin/tcplain, the installed command: it starts from the startup snapshot (dist/tcplain.blob) when
  // it exists and no viewer can be needed; `node bin/tcplain.js` is the ES-module bundle alone, for comparison.
  const launcher = path.join(root, 'bin/tcplain');
  const lines = readFileSync(path.join(root, sample), 'utf8').split('\n').filter(Boolean).length;
  if (!existsSync(path.join(root, 'dist/tcplain.blob'))) console.log('  (no dist/tcplain.blob: `tcplain` runs the ES-module bundle; see `npm run build`)');
  const cases = [
    { label: 'node -e 0', time: () => timeToExit(node, ['-e', '0']) },
    { label: 'tcplain --version', time: () => timeToExit(launcher, ['--version']), target: 150 },
    { label: `tcplain --format text ${sample} (${lines} lines)`, time: () => timeToExit(launcher, ['--format', 'text', sample]), target: 150 },
    { label: 'node bin/tcplain.js --version (bundle, no snapshot)', time: () => timeToExit(node, [bin, '--version']) },
    { label: `node bin/tcplain.js --format text ${sample} (bundle, no snapshot)`, time: () => timeToExit(node, [bin, '--format', 'text', sample]) },
    { label: "script -qc 'node -e 0' (pseudo-terminal baseline)", time: () => timeToExit('script', ['-qec', `'${node}' -e 0`, '/dev/null']) },
    { label: `viewer's first screen: script -qc 'tcplain ${sample}' until its first row (its time, 11:19:38.763609) is drawn`, time: () => timeToScreen(`'${launcher}' ${sample}`, '11:19:38.763609'), target: 400 },
  ];
  const other = arg('compare');
  if (other) {
    const otherBin = path.resolve(other, 'bin/tcplain.js');
    if (!existsSync(otherBin)) throw new Error(`--compare: no ${otherBin}`);
    cases.push(
      { label: `[${other}] tcplain --version`, time: () => timeToExit(node, [otherBin, '--version']) },
      { label: `[${other}] tcplain --format text ${sample}`, time: () => timeToExit(node, [otherBin, '--format', 'text', sample]) },
      { label: `[${other}] viewer's first screen`, time: () => timeToScreen(`'${node}' '${otherBin}' ${sample}`, '11:19:38.763609') },
    );
  }
  const times = cases.map(() => []);
  // Warm the file cache once, then interleave the cases so that drifting load hits them all alike.
  for (const c of cases) await c.time();
  for (let r = 0; r < runs; r++) for (let i = 0; i < cases.length; i++) times[i].push(await cases[i].time());
  const loadavg = (await import('node:os')).loadavg()[0];
  console.log(`\nstage startup: spawn to exit (or to the first screen), median of ${runs} runs each, interleaved (load average ${loadavg.toFixed(1)})`);
  const base = median(times[0]);
  for (let i = 0; i < cases.length; i++) {
    const m = median(times[i]);
    const ratio = i === 0 ? '' : `  ${(m / base).toFixed(2)}x node -e 0`;
    const target = cases[i].target ? `  (target ≤ ${cases[i].target} ms: ${m <= cases[i].target ? 'met' : 'NOT met'})` : '';
    console.log(`  ${m.toFixed(0).padStart(5)} ms  ${cases[i].label}${ratio}${target}`);
  }
}

async function main() {
  const only = arg('stage');
  if (!only || only === 'startup') await runStartup();
  if (only === 'startup') return;
  if (only === 'churn') return runChurn();
  const defaultFile = path.join(root, 'bench-data/big-n.txt');
  const file = args.includes('--fallback') ? null : (arg('file') ?? (existsSync(defaultFile) ? defaultFile : null));
  let source;
  let bytes;
  if (file) {
    source = { file };
    bytes = (await import('node:fs')).statSync(file).size;
    console.log(`input: ${path.relative(root, file)} (${(bytes / 1e6).toFixed(1)} MB)`);
  } else {
    console.log('input: bench-data/big-n.txt not found; make it with `npm run bench:data` (needs root, tcpdump, netns).');
    const target = Number(arg('lines') ?? 1_000_000);
    const text = corpusFallback(target);
    const tmp = path.join(mkdtempSync(path.join(tmpdir(), 'tcplain-bench-')), 'corpus-replicated.txt');
    writeFileSync(tmp, text);
    source = { file: tmp };
    bytes = Buffer.byteLength(text);
    console.log(`input: FALLBACK — corpus TCP lines replicated to ${target} lines (${(bytes / 1e6).toFixed(1)} MB), not a real capture`);
  }
  for (const stage of STAGES) {
    if (only && stage.name !== only) continue;
    if (stage.churn) {
      if (!only) continue; // a minute of its own: run it with --stage churn
      await runChurn();
      continue;
    }
    if (stage.ratio) {
      await runRatio(source.file);
      continue;
    }
    if (stage.flat) {
      if (!only) continue; // minutes of its own: run it with --stage flat
      await runFlat(source.file);
      continue;
    }
    if (stage.floor) {
      const f = await runJsonFloor(source.file, stage.floor);
      const perLine = (ms) => Math.round(f.fed / (ms / 1000)).toLocaleString('en-US');
      console.log(`\nstage ${stage.name}: ${stage.describe}`);
      console.log(`  ${f.fed.toLocaleString('en-US')} input lines → ${f.records.toLocaleString('en-US')} JSON lines, ${(f.bytes / f.records).toFixed(0)} bytes each on average`);
      console.log(`  writing them as they are (joined per 256, UTF-8, to /dev/null): ${perLine(f.writeMs)} input lines per CPU-second`);
      console.log(`  writing them ASCII-escaped (one-byte strings, latin1 = UTF-8): ${perLine(f.asciiWriteMs)} input lines per CPU-second`);
      console.log(`  JSON.stringify of the same objects: ${perLine(f.stringifyMs)} input lines per CPU-second`);
      console.log('  (best of 3 each; each is a ceiling for cli-json on this machine before any parsing, tracking or explaining)');
      continue;
    }
    const repeat = stage.cli ? Number(arg('repeat') ?? 1) : 1;
    const mod = stage.cli ? { run: () => runCli(stage.cli, source.file, repeat) } : await loadStage(stage.entry);
    const passes = stage.cli ? 1 : Math.max(1, Number(arg('passes') ?? (stage.name === 'grammar' ? 3 : 1)));
    console.log(`\nstage ${stage.name}: ${stage.describe}`);
    const runs = [];
    for (let pass = 1; pass <= passes; pass++) {
      const m = await measure(mod, source);
      runs.push(m);
      if (passes > 1) console.log(`  pass ${pass} of ${passes}:`);
      await report(stage, m, bytes, repeat, passes > 1 ? '    ' : '  ');
    }
    if (passes > 1) {
      const lines = runs[0].r.lines;
      console.log(`  median of ${passes} passes: ${Math.round(median(runs.map((m) => lines / (m.ms / 1000)))).toLocaleString('en-US')} lines/s`);
      if (runs[0].r.parseMs !== undefined) {
        console.log(`  median of ${passes} passes, parse calls alone: ${Math.round(median(runs.map((m) => lines / (m.r.parseMs / 1000)))).toLocaleString('en-US')} lines/s, ${Math.round(median(runs.map((m) => lines / (m.r.parseCpuMs / 1000)))).toLocaleString('en-US')} lines per CPU-second`);
      }
    }
  }
}

/** `cmd argv` under /usr/bin/time, stdout to /dev/null: wall seconds, CPU seconds and peak RSS (bytes) of that process. */
function timed(cmd, argv, env = process.env) {
  return new Promise((resolve, reject) => {
    const fmt = '@@TIME %e %U %S %M';
    const child = spawn('/usr/bin/time', ['-f', fmt, cmd, ...argv], { stdio: ['ignore', 'ignore', 'pipe'], cwd: root, env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const m = /@@TIME (\S+) (\S+) (\S+) (\d+)/.exec(err);
      if (code !== 0 || m === null) return reject(new Error(`${cmd} ${argv.join(' ')} exited with ${code}: ${err.slice(-500)}`));
      resolve({ wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rss: Number(m[4]) * 1024 });
    });
  });
}

/** Whether the built CLI lists a `summary` command (the summary branch adds it). */
async function hasSummary() {
  const { execFileSync } = await import('node:child_process');
  const help = execFileSync(launcher, ['--help'], { encoding: 'utf8' });
  return /^\s*tcplain summary\b/m.test(help);
}

/** The three commands of issue 14 item 6 on `input` (a file, or `-`), with their speed targets (× tcpdump). */
async function ratioCases(input) {
  const cases = [
    { label: 'explain --format text', argv: ['explain', '--format', 'text', '--lang', 'en', input], target: 0.25 },
    { label: 'explain --format json', argv: ['explain', '--format', 'json', input], target: 0.3 },
  ];
  if (await hasSummary()) cases.unshift({ label: 'summary', argv: ['summary', input], target: 0.5 });
  else console.log('  summary: skipped, summary command not built (`tcplain --help` lists no `summary`)');
  return cases;
}

/** What the launcher will run: the startup snapshot or the bundle, and with which Node flags. */
function launcherSays() {
  const blob = path.join(root, 'dist/tcplain.blob');
  const made = existsSync(`${blob}.node`) ? readFileSync(`${blob}.node`, 'utf8').split('\n')[1] : undefined;
  const heap = launcherHeapFlags().join(' ');
  const how =
    existsSync(blob) && made === heap
      ? 'the startup snapshot for files up to 4 MiB, the ES-module bundle for larger files and for input from a pipe'
      : 'the ES-module bundle (no blob made under these flags)';
  return `bin/tcplain: node ${heap}; ${how}`;
}

/** The `ratio` stage: tcplain's speed as a ratio to tcpdump printing the same capture, in the same rounds. */
async function runRatio(textFile) {
  const cliPath = path.join(root, 'dist/tcplain.js');
  if (!existsSync(cliPath)) throw new Error('dist/tcplain.js missing: run `npm run build` first');
  console.log(`\n${launcherSays()}`);
  if (!existsSync('/usr/bin/time')) throw new Error('the ratio stage needs /usr/bin/time (GNU time)');
  const pcap = path.join(path.dirname(textFile), path.basename(textFile).replace(/-n\.txt$/, '.pcap'));
  console.log(`\nstage ratio: tcplain against \`tcpdump -n -r ${path.relative(root, pcap)}\` printing the same capture`);
  if (!existsSync(pcap)) {
    console.log(`  skipped: ${path.relative(root, pcap)} not found (the ratio needs the capture itself: npm run bench:data)`);
    return;
  }
  const lines = Number((await import('node:child_process')).execFileSync('wc', ['-l', textFile], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
  const rounds = Math.max(1, Number(arg('rounds') ?? 3));
  const cases = await ratioCases(textFile);
  const tdEnv = { ...process.env, TZ: 'UTC' }; // tcpdump re-reads /etc/localtime per packet without TZ (docs/performance.md)
  const rows = cases.map(() => []);
  const td = [];
  for (let r = 0; r < rounds; r++) {
    const t = await timed('tcpdump', ['-n', '-r', pcap], tdEnv);
    td.push(t);
    for (let i = 0; i < cases.length; i++) rows[i].push({ ...(await timed(launcher, cases[i].argv)), base: t });
    const load = readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
    console.log(`  round ${r + 1}: tcpdump ${t.wall.toFixed(2)} s; ${cases.map((c, i) => `${c.label} ${rows[i][r].wall.toFixed(2)} s`).join('; ')} (load ${load})`);
  }
  const rate = (s) => Math.round(lines / s).toLocaleString('en-US');
  console.log(`  ${lines.toLocaleString('en-US')} lines; medians of ${rounds} rounds (ratio = tcplain lines/s ÷ tcpdump lines/s in the same round):`);
  console.log(`    tcpdump -n -r: ${rate(median(td.map((t) => t.wall)))} lines/s wall, ${rate(median(td.map((t) => t.cpu)))} per CPU-second, peak RSS ${(median(td.map((t) => t.rss)) / 1e6).toFixed(0)} MB`);
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const ratio = median(rows[i].map((x) => x.base.wall / x.wall));
    const cpuRatio = median(rows[i].map((x) => x.base.cpu / x.cpu));
    const rss = Math.max(...rows[i].map((x) => x.rss));
    const cpu = median(rows[i].map((x) => x.cpu));
    console.log(
      `    ${c.label}: ${rate(median(rows[i].map((x) => x.wall)))} lines/s = ${ratio.toFixed(3)}× tcpdump (CPU time ${cpu.toFixed(2)} s, ${cpuRatio.toFixed(3)}×), peak RSS ${(rss / 1e6).toFixed(0)} MB (highest of the rounds)`,
    );
    console.log(`      speed target ≥ ${c.target}×: ${ratio >= c.target ? 'met' : 'NOT met'}; memory target ≤ 150 MB: ${rss <= 150e6 ? 'met' : 'NOT met'}`);
  }
}

/**
 * How the `flat` stage feeds a command, each compared only with itself (the capture once against N times): memory
 * flat in input length means the same peak for a longer input read the same way. Reading a pipe and reading a file
 * are different programs for memory: a pipe runs the bundle, a saved file the launcher's choice; both parse on the
 * main thread unless TCPLAIN_PARSE_THREAD asks for the parse thread (src/cli/read-parse.ts), which has its own V8
 * heap. `file` is the default (TCPLAIN_PARSE_THREAD unset: the main thread); `file-main` forces the main thread (=0),
 * `file-thread` the parse thread (=1).
 */
const FLAT_METHODS = {
  stdin: { says: 'through stdin', env: {} },
  file: { says: 'a file', env: {} },
  'file-main': { says: 'a file, parsed on the main thread', env: { TCPLAIN_PARSE_THREAD: '0' } },
  'file-thread': { says: 'a file, parsed in the parse thread', env: { TCPLAIN_PARSE_THREAD: '1' } },
};

/**
 * The `flat` stage: each command (issue 14 item 6) through bin/tcplain on the capture and on the capture N times
 * (`--repeat N`, default 4), by each input method of `--methods` (default `stdin,file`): through stdin (a pipe,
 * backpressure respected; the capture written N times) and as a saved file (the capture N times in one file under
 * $TMPDIR, made for the stage and deleted after it). Prints each run's peak RSS and CPU time, the growth from the
 * one to the N-times input (flat: within 5 MB, about the run-to-run noise of one method) and the 150 MB target.
 */
async function runFlat(textFile) {
  const repeat = Math.max(2, Number(arg('repeat') ?? 4));
  const methods = (arg('methods') ?? 'stdin,file').split(',').filter((m) => m !== '');
  for (const m of methods) if (!(m in FLAT_METHODS)) throw new Error(`--methods: unknown method ${m} (${Object.keys(FLAT_METHODS).join(', ')})`);
  console.log(`\nstage flat: peak RSS on the capture once and ${repeat} times, read the same way (${launcherSays()})`);
  const { execFileSync } = await import('node:child_process');
  const { loadavg } = await import('node:os');
  const lines = Number(execFileSync('wc', ['-l', textFile], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
  let longFile = null;
  let longDir = null;
  if (methods.some((m) => m !== 'stdin')) {
    longDir = mkdtempSync(path.join(tmpdir(), 'tcplain-flat-'));
    longFile = path.join(longDir, `capture-x${repeat}.txt`);
    const out = createWriteStream(longFile);
    for (let r = 0; r < repeat; r++) {
      for await (const chunk of createReadStream(textFile, { highWaterMark: 1 << 20 })) {
        if (!out.write(chunk)) await new Promise((ok) => out.once('drain', ok));
      }
    }
    await new Promise((ok, ko) => out.end((err) => (err ? ko(err) : ok())));
  }
  // A run that fails is said (its error's first line) and the stage goes on with the next command.
  const said = (err) => ({ failed: String(err.message).split('\n').find((l) => /Error|error:|heap/.test(l)) ?? String(err.message).split('\n')[0] });
  const mb = (x) => `${(x / 1e6).toFixed(0)} MB`;
  try {
    // `--commands text,json` (default all): the commands whose label contains one of the words.
    const wanted = (arg('commands') ?? '').split(',').filter((w) => w !== '');
    const pick = (cases) => cases.filter((c) => wanted.length === 0 || wanted.some((w) => c.label.includes(w)));
    const once = pick(await ratioCases(textFile));
    const piped = pick(await ratioCases('-'));
    const long = pick(await ratioCases(longFile ?? '-'));
    for (let i = 0; i < once.length; i++) {
      for (const method of methods) {
        const env = { ...process.env, ...FLAT_METHODS[method].env };
        const load = loadavg()[0];
        const a =
          method === 'stdin'
            ? await pipedRun(launcher, piped[i].argv, textFile, 1).catch(said)
            : await timed(launcher, once[i].argv, env).catch(said);
        const b =
          method === 'stdin'
            ? await pipedRun(launcher, piped[i].argv, textFile, repeat).catch(said)
            : await timed(launcher, long[i].argv, env).catch(said);
        const label = `${once[i].label}, ${FLAT_METHODS[method].says}`;
        if (a.failed || b.failed) {
          console.log(`  ${label}: FAILED ${a.failed ? `once: ${a.failed}` : `×${repeat}: ${b.failed}`}`);
          continue;
        }
        const grew = b.rss - a.rss;
        const ok = a.rss <= 150e6 && b.rss <= 150e6;
        console.log(
          `  ${label}: ${lines.toLocaleString('en-US')} lines: ${mb(a.rss)}, CPU ${a.cpu.toFixed(2)} s; ×${repeat}: ${mb(b.rss)}, CPU ${b.cpu.toFixed(2)} s; ` +
            `grew ${grew >= 0 ? '+' : ''}${mb(grew)} (load ${load.toFixed(1)})  (flat within 5 MB: ${grew <= 5e6 ? 'met' : 'NOT met'}; ≤ 150 MB both: ${ok ? 'met' : 'NOT met'})`,
        );
      }
    }
  } finally {
    if (longDir !== null) rmSync(longDir, { recursive: true, force: true });
  }
}

/** `cmd argv` under /usr/bin/time with `file` piped to its stdin `repeat` times, stdout to /dev/null. */
function pipedRun(cmd, argv, file, repeat) {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '@@TIME %e %U %S %M', cmd, ...argv], { stdio: ['pipe', 'ignore', 'pipe'], cwd: root });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const m = /@@TIME (\S+) (\S+) (\S+) (\d+)/.exec(err);
      if (code !== 0 || m === null) return reject(new Error(`${cmd} ${argv.join(' ')} exited with ${code}: ${err.slice(-4000)}`));
      resolve({ wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), rss: Number(m[4]) * 1024 });
    });
    child.stdin.on('error', () => {}); // the command failed before reading all: its exit says why
    (async () => {
      for (let r = 0; r < repeat; r++) {
        for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
          if (!child.stdin.write(chunk)) await new Promise((ok) => child.stdin.once('drain', ok));
        }
      }
      child.stdin.end();
    })().catch(reject);
  });
}

/** VmRSS and VmHWM (bytes) of a live process, or null once it is gone. */
function procMemory(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** The `churn` stage: random connections, half never answered, piped into the CLI for `--seconds N`; peak RSS. */
async function runChurn() {
  const cliPath = path.join(root, 'dist/tcplain.js');
  if (!existsSync(cliPath)) throw new Error('dist/tcplain.js missing: run `npm run build` first');
  const { churnStream } = await import('./bench-churn.mjs');
  const seconds = Number(arg('seconds') ?? 60);
  const format = arg('churn-format') ?? 'text';
  const extra = arg('max-open') !== undefined ? ['--max-open', arg('max-open')] : [];
  const argv = ['explain', '--format', format, ...(format === 'text' ? ['--lang', 'en'] : []), ...extra, '-'];
  const resetShare = Number(arg('churn-resets') ?? 0);
  const resetsSay = resetShare > 0 ? `, ${Math.round(resetShare * 100)} % of them ended by a RST` : '';
  console.log(`\nstage churn: generated random connections (half of them an unanswered SYN${resetsSay}) into \`tcplain ${argv.join(' ')}\` for ${seconds} s`);
  console.log(`  ${launcherSays()}`);
  const { openSync } = await import('node:fs');
  // The launcher execs Node: the child's pid is the Node process whose /proc status is sampled.
  const child = spawn(launcher, argv, { stdio: ['pipe', openSync('/dev/null', 'w'), 'inherit'] });
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, sig) => resolve(code ?? sig));
  });
  let gone = false;
  exited.then(() => (gone = true));
  const stream = churnStream({ seed: 1, resetShare });
  let peakRss = 0;
  let hwm = 0;
  const series = [];
  const t0 = performance.now();
  let nextReport = 5000;
  const sampler = setInterval(() => {
    const m = procMemory(child.pid);
    // A process that is exiting (a zombie) has no Vm lines any more.
    if (m === null || Number.isNaN(m.rss) || Number.isNaN(m.hwm)) return;
    peakRss = Math.max(peakRss, m.rss);
    hwm = Math.max(hwm, m.hwm);
    const t = performance.now() - t0;
    if (t >= nextReport) {
      series.push(`${(t / 1000).toFixed(0)} s ${(m.rss / 1e6).toFixed(0)}`);
      nextReport += 5000;
    }
  }, 100);
  let fed = 0;
  child.stdin.on('error', () => {});
  while (!gone && performance.now() - t0 < seconds * 1000) {
    const text = stream.next(2000);
    fed += 2000;
    if (!child.stdin.write(text)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  }
  const fedMs = performance.now() - t0;
  child.stdin.end();
  const code = await exited;
  clearInterval(sampler);
  const load = readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
  console.log(`  ${fed.toLocaleString('en-US')} lines (${stream.started.toLocaleString('en-US')} connections) in ${(fedMs / 1000).toFixed(1)} s = ${Math.round(fed / (fedMs / 1000)).toLocaleString('en-US')} lines/s; exit ${code}; load ${load}`);
  console.log(`  RSS every 5 s (MB): ${series.join(', ')}`);
  console.log(`  peak RSS ${(Math.max(peakRss, hwm) / 1e6).toFixed(0)} MB (VmHWM ${(hwm / 1e6).toFixed(0)} MB, highest VmRSS sampled ${(peakRss / 1e6).toFixed(0)} MB)  (target ≤ 150 MB: ${Math.max(peakRss, hwm) <= 150e6 ? 'met' : 'NOT met'})`);
}

/** One run of a stage: its result, wall time, this process's CPU time and peak RSS. */
async function measure(mod, source) {
  globalThis.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await mod.run(source);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { r, ms, cpuMs: (cpu.user + cpu.system) / 1000, peak };
}

async function report(stage, { r, ms, cpuMs, peak }, bytes, repeat, indent) {
  const rate = (n) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
  const loadavg = (await import('node:os')).loadavg()[0];
  if (r.childCpuMs !== undefined) {
    console.log(`${indent}${r.lines.toLocaleString('en-US')} lines (the input ${repeat}x) in ${(ms / 1000).toFixed(2)} s`);
    console.log(`${indent}${rate(r.lines)} lines/s, ${((bytes * repeat) / 1e6 / (ms / 1000)).toFixed(1)} MB/s, peak RSS of tcplain ${(r.childPeakRss / 1e6).toFixed(0)} MB`);
    console.log(`${indent}tcplain CPU time ${(r.childCpuMs / 1000).toFixed(2)} s = ${Math.round(r.lines / (r.childCpuMs / 1000)).toLocaleString('en-US')} lines per CPU-second (load average ${loadavg.toFixed(1)})`);
    if (r.childLive.length > 0) {
      const mb = (b) => (b / 1e6).toFixed(0);
      console.log(`${indent}live heap after GC, every 5 s: ${r.childLive.map(mb).join(' ')} MB`);
    }
    return;
  }
  console.log(`${indent}${r.lines.toLocaleString('en-US')} lines (${r.tcp.toLocaleString('en-US')} tcp records) in ${(ms / 1000).toFixed(2)} s`);
  console.log(`${indent}${rate(r.lines)} lines/s, ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s, peak RSS ${(peak / 1e6).toFixed(0)} MB`);
  // On a shared machine wall time includes waiting for a core; CPU time (all threads, incl. GC) does not.
  console.log(`${indent}CPU time ${(cpuMs / 1000).toFixed(2)} s = ${Math.round(r.lines / (cpuMs / 1000)).toLocaleString('en-US')} lines per CPU-second (load average ${loadavg.toFixed(1)})`);
  if (r.parseMs !== undefined) {
    console.log(`${indent}parse calls alone: ${(r.parseMs / 1000).toFixed(2)} s = ${Math.round(r.lines / (r.parseMs / 1000)).toLocaleString('en-US')} lines/s`);
  }
  if (r.parseCpuMs !== undefined) {
    console.log(`${indent}parse calls alone, CPU time: ${(r.parseCpuMs / 1000).toFixed(2)} s = ${Math.round(r.lines / (r.parseCpuMs / 1000)).toLocaleString('en-US')} lines per CPU-second`);
  }
}

await main();
