// Cross-checks the tracker against tshark on the samples' pcaps: absolute seq/ack and tcp.analysis flags, frame by frame.
//
// Usage: npx tsx scripts/tshark-check.ts [--strict] [--verbose] [--corpus --pcaps=DIR] [scenario ...]   (scripts/tshark-check.sh installs tshark)
// For every samples/<scenario>/<file>.txt rendered from a pcap (MANIFEST: server.txt ← server.pcap, any.txt ← any.pcap,
// the rest ← client.pcap) the i-th TCP record is compared with the i-th frame tshark dissects from that pcap.
// --corpus does the same for tcpdump's test corpus, pairing records and frames by their `-#` packet number: the `.out`
// texts and index.tsv come from test/fixtures/tcpdump-tests, the pcaps (not kept in this repository) from --pcaps=DIR,
// e.g. the tests/ folder of a tcpdump checkout; rows whose pcap is not there are listed as skipped.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRecords } from '../grammar';
import { recordsFromText } from '../src/input';
import type { FindingCode } from '../src/model/findings';
import type { TcpRecord } from '../src/model/line-result';
import type { SegmentAnalysis } from '../src/model/segment';
import { createTracker } from '../src/track';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const samples = join(root, 'samples');

/** tshark analysis field → the tracker findings that mean the same. */
const FLAGS: Array<{ field: string; ours: FindingCode[] }> = [
  {
    field: 'tcp.analysis.retransmission',
    ours: ['tcp.retransmission', 'tcp.fast_retransmission', 'tcp.spurious_retransmission', 'tcp.syn_retransmission', 'tcp.synack_retransmission'],
  },
  { field: 'tcp.analysis.fast_retransmission', ours: ['tcp.fast_retransmission'] },
  { field: 'tcp.analysis.spurious_retransmission', ours: ['tcp.spurious_retransmission'] },
  { field: 'tcp.analysis.out_of_order', ours: ['tcp.out_of_order'] },
  { field: 'tcp.analysis.lost_segment', ours: ['tcp.previous_segment_not_captured'] },
  { field: 'tcp.analysis.ack_lost_segment', ours: ['tcp.acked_unseen_segment'] },
  { field: 'tcp.analysis.duplicate_ack', ours: ['tcp.dup_ack'] },
  { field: 'tcp.analysis.zero_window', ours: ['tcp.zero_window'] },
  { field: 'tcp.analysis.zero_window_probe', ours: ['tcp.zero_window_probe'] },
  { field: 'tcp.analysis.zero_window_probe_ack', ours: ['tcp.zero_window_probe_ack'] },
  { field: 'tcp.analysis.keep_alive', ours: ['tcp.keep_alive'] },
  { field: 'tcp.analysis.keep_alive_ack', ours: ['tcp.keep_alive_ack'] },
  { field: 'tcp.analysis.window_update', ours: ['tcp.window_update'] },
  { field: 'tcp.analysis.window_full', ours: ['tcp.window_full'] },
];

interface Frame {
  num: number;
  seq: number;
  ack: number | null;
  flags: boolean[];
  dupAckNum: number | null;
}

function tsharkFrames(pcap: string): Frame[] {
  const fields = ['frame.number', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags.ack', 'tcp.analysis.duplicate_ack_num', ...FLAGS.map((f) => f.field)];
  const args = ['-r', pcap, '-Y', 'tcp', '-T', 'fields', '-E', 'separator=\t', '-E', 'occurrence=f'];
  for (const f of fields) args.push('-e', f);
  const out = execFileSync('tshark', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  const frames: Frame[] = [];
  for (const line of out.split('\n')) {
    if (!line) continue;
    const c = line.split('\t');
    const ackFlag = c[3] === '1' || c[3] === 'True';
    frames.push({
      num: Number(c[0]),
      seq: Number(c[1]),
      ack: ackFlag ? Number(c[2]) : null,
      dupAckNum: c[4] ? Number(c[4]) : null,
      flags: FLAGS.map((_, i) => (c[5 + i] ?? '') !== ''),
    });
  }
  return frames;
}

function pcapFor(file: string): string {
  if (file === 'server.txt') return 'server.pcap';
  if (file === 'any.txt') return 'any.pcap';
  return 'client.pcap';
}

interface Tally {
  frames: number;
  seqAgree: number;
  seqUnknown: number;
  seqDiff: number;
  ackAgree: number;
  ackUnknown: number;
  ackDiff: number;
  flagBoth: number[];
  flagOurs: number[];
  flagTheirs: number[];
  notes: string[];
}

function newTally(): Tally {
  return {
    frames: 0,
    seqAgree: 0,
    seqUnknown: 0,
    seqDiff: 0,
    ackAgree: 0,
    ackUnknown: 0,
    ackDiff: 0,
    flagBoth: FLAGS.map(() => 0),
    flagOurs: FLAGS.map(() => 0),
    flagTheirs: FLAGS.map(() => 0),
    notes: [],
  };
}

function checkFile(textPath: string, pcapPath: string, verbose: boolean, byNumber = false): Tally {
  const t = newTally();
  const recs = parseRecords(recordsFromText(readFileSync(textPath, byNumber ? 'latin1' : 'utf8')));
  const tracker = createTracker();
  const ours: Array<{ rec: TcpRecord; a: SegmentAnalysis }> = [];
  for (const r of recs) {
    const { analysis } = tracker.push(r);
    if (r.kind === 'tcp' && analysis) ours.push({ rec: r, a: analysis });
  }
  tracker.finish();
  let frames = tsharkFrames(pcapPath);
  let pairs = ours;
  // Old (3.9.8) outputs print no `-#` numbers: pair those by order, like the samples.
  if (byNumber && ours.some((o) => o.rec.num !== null)) {
    // Corpus files print `-#` numbers: pair a record with the frame of its number, when both are one TCP segment.
    const perNum = new Map<number, number>();
    for (const o of ours) if (o.rec.num !== null) perNum.set(o.rec.num, (perNum.get(o.rec.num) ?? 0) + 1);
    const byNum = new Map(frames.map((f) => [f.num, f]));
    pairs = ours.filter((o) => o.rec.num !== null && perNum.get(o.rec.num) === 1 && byNum.has(o.rec.num));
    frames = pairs.map((o) => byNum.get(o.rec.num as number) as Frame);
  } else if (frames.length !== ours.length) t.notes.push(`frame count ${frames.length} ≠ tcp records ${ours.length}`);
  const n = Math.min(frames.length, pairs.length);
  for (let i = 0; i < n; i++) {
    const f = frames[i];
    const { rec, a } = pairs[i];
    t.frames++;
    if (a.absSeq === null) t.seqUnknown++;
    else if (a.absSeq === f.seq) t.seqAgree++;
    else {
      t.seqDiff++;
      if (verbose) t.notes.push(`frame ${i + 1} (line ${rec.line}): seq ${a.absSeq} ≠ ${f.seq}`);
    }
    if (f.ack !== null) {
      if (a.absAck === null) t.ackUnknown++;
      else if (a.absAck === f.ack) t.ackAgree++;
      else {
        t.ackDiff++;
        if (verbose) t.notes.push(`frame ${i + 1} (line ${rec.line}): ack ${a.absAck} ≠ ${f.ack}`);
      }
    }
    const codes = new Set(a.findings.map((x) => x.code));
    FLAGS.forEach((flag, k) => {
      const mine = flag.ours.some((c) => codes.has(c));
      const theirs = f.flags[k];
      if (mine && theirs) t.flagBoth[k]++;
      else if (mine) {
        t.flagOurs[k]++;
        if (verbose) t.notes.push(`frame ${i + 1} (line ${rec.line}): only tcplain: ${flag.field}`);
      } else if (theirs) {
        t.flagTheirs[k]++;
        if (verbose) t.notes.push(`frame ${i + 1} (line ${rec.line}): only tshark: ${flag.field}`);
      }
    });
    if (f.dupAckNum !== null) {
      const d = a.findings.find((x) => x.code === 'tcp.dup_ack');
      if (d && d.code === 'tcp.dup_ack' && d.n !== f.dupAckNum && verbose) t.notes.push(`frame ${i + 1}: dup ack #${d.n} ≠ tshark #${f.dupAckNum}`);
    }
  }
  return t;
}

function add(into: Tally, t: Tally): void {
  into.frames += t.frames;
  into.seqAgree += t.seqAgree;
  into.seqUnknown += t.seqUnknown;
  into.seqDiff += t.seqDiff;
  into.ackAgree += t.ackAgree;
  into.ackUnknown += t.ackUnknown;
  into.ackDiff += t.ackDiff;
  FLAGS.forEach((_, k) => {
    into.flagBoth[k] += t.flagBoth[k];
    into.flagOurs[k] += t.flagOurs[k];
    into.flagTheirs[k] += t.flagTheirs[k];
  });
}

/** tcpdump's own test corpus: `.out` texts in test/fixtures/tcpdump-tests paired with their pcaps in `pcapDir` by `-#` number. */
function corpusRows(pcapDir: string): Array<{ name: string; out: string; pcap: string }> {
  const dir = join(root, 'test/fixtures/tcpdump-tests');
  const index = join(dir, 'index.tsv');
  const rows: Array<{ name: string; out: string; pcap: string }> = [];
  for (const line of readFileSync(index, 'utf8').split('\n').slice(1)) {
    const [name, outfile, pcap, flags, , tcpLines] = line.split('\t');
    // With a filter expression (`-- geneve and tcp`) tcpdump's `-#` counts only matching packets: no frame pairing.
    if (!name || !pcap || Number(tcpLines) === 0 || (flags ?? '').includes('--')) continue;
    rows.push({ name, out: join(dir, outfile), pcap: resolve(pcapDir, pcap) });
  }
  return rows;
}

function main(): void {
  const argv = process.argv.slice(2);
  const strict = argv.includes('--strict');
  const verbose = argv.includes('--verbose');
  const corpus = argv.includes('--corpus');
  const pcapDir = argv.find((a) => a.startsWith('--pcaps='))?.slice('--pcaps='.length);
  if (corpus && !pcapDir) {
    console.error('--corpus needs --pcaps=DIR: the folder holding the corpus pcaps (e.g. tcpdump/tests), which this repository does not keep.');
    process.exit(2);
  }
  const only = argv.filter((a) => !a.startsWith('--'));
  const scenarios = readdirSync(samples, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (only.length === 0 || only.includes(d.name)))
    .map((d) => d.name)
    .sort();
  const total = newTally();
  const rows: string[] = [];
  rows.push(pad('file', 34) + pad('frames', 7) + pad('seq =/?/≠', 14) + pad('ack =/?/≠', 14) + 'flags both/only-ours/only-tshark');
  if (corpus) {
    for (const row of corpusRows(pcapDir!)) {
      if (!existsSync(row.pcap)) {
        rows.push(pad(row.name, 34) + `skipped: no ${row.pcap}`);
        continue;
      }
      let t: Tally;
      try {
        t = checkFile(row.out, row.pcap, verbose, true);
      } catch (e) {
        rows.push(pad(row.name, 34) + `tshark failed: ${(e as Error).message.split('\n')[0]}`);
        continue;
      }
      if (t.frames === 0) continue;
      add(total, t);
      rows.push(pad(row.name, 34) + pad(String(t.frames), 7) + pad(`${t.seqAgree}/${t.seqUnknown}/${t.seqDiff}`, 14) + pad(`${t.ackAgree}/${t.ackUnknown}/${t.ackDiff}`, 14) + flagSummary(t));
      for (const note of t.notes) rows.push('    ' + note);
    }
    scenarios.length = 0;
  }
  for (const sc of scenarios) {
    const dir = join(samples, sc);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
      const pcap = join(dir, pcapFor(file));
      if (!existsSync(pcap)) continue;
      const t = checkFile(join(dir, file), pcap, verbose);
      add(total, t);
      const flags = flagSummary(t);
      rows.push(
        pad(`${sc}/${file}`, 34) +
          pad(String(t.frames), 7) +
          pad(`${t.seqAgree}/${t.seqUnknown}/${t.seqDiff}`, 14) +
          pad(`${t.ackAgree}/${t.ackUnknown}/${t.ackDiff}`, 14) +
          flags,
      );
      for (const note of t.notes) rows.push('    ' + note);
    }
  }
  console.log(rows.join('\n'));
  console.log('');
  console.log(`TOTAL frames ${total.frames}: seq agree ${total.seqAgree}, unknown ${total.seqUnknown}, differ ${total.seqDiff}; ack agree ${total.ackAgree}, unknown ${total.ackUnknown}, differ ${total.ackDiff}`);
  let flagDiff = 0;
  FLAGS.forEach((f, k) => {
    const b = total.flagBoth[k];
    const o = total.flagOurs[k];
    const th = total.flagTheirs[k];
    flagDiff += o + th;
    if (b + o + th > 0) console.log(`  ${pad(f.field, 40)} agree ${b}, only tcplain ${o}, only tshark ${th}`);
  });
  if (strict && (total.seqDiff > 0 || total.ackDiff > 0 || flagDiff > 0)) process.exitCode = 1;
}

function flagSummary(t: Tally): string {
  return FLAGS.map((f, k) => (t.flagBoth[k] + t.flagOurs[k] + t.flagTheirs[k] > 0 ? `${short(f.field)} ${t.flagBoth[k]}/${t.flagOurs[k]}/${t.flagTheirs[k]}` : ''))
    .filter(Boolean)
    .join(', ');
}

function short(field: string): string {
  return field.replace('tcp.analysis.', '');
}

function pad(s: string, n: number): string {
  return s.length >= n ? s + ' ' : s + ' '.repeat(n - s.length);
}

main();
