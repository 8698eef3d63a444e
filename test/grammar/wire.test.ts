// grammar/wire.ts: records moved between threads in wire form come back exactly as the grammar made them (same
// properties in the same order, same values), for real captures of every print style and the tcpdump test suite.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createWireDecoder, createWireEncoder, parseRecords, type WireBatch } from '../../grammar';
import { recordsFromText } from '../../src/input';
import type { LineRecord } from '../../src/model';
import { corpusOutFiles, corpusText, seedFiles, seedText } from '../helpers/fixtures';

const SAMPLES = new URL('../../samples/', import.meta.url);
const sample = (rel: string): string => readFileSync(new URL(rel, SAMPLES), 'utf8');

/** Encodes `records` in batches of `size`, sends each through a structured clone (as postMessage does), decodes. */
function roundTrip(records: LineRecord[], size = 500, transient = false): { out: LineRecord[]; batches: WireBatch[] } {
  const enc = createWireEncoder();
  const dec = createWireDecoder({ transient });
  const out: LineRecord[] = [];
  const batches: WireBatch[] = [];
  for (let i = 0; i < records.length; i += size) {
    const sent = enc.encode(records.slice(i, i + size));
    batches.push(sent);
    const got = structuredClone(sent, { transfer: [sent.nums.buffer] });
    out.push(...dec.decode(got));
  }
  return { out, batches };
}

/** Equal as JSON, text for text: property order included (what every output format prints from). */
function expectSame(out: LineRecord[], records: LineRecord[]): void {
  expect(out.length).toBe(records.length);
  for (let i = 0; i < records.length; i++) expect(JSON.stringify(out[i])).toBe(JSON.stringify(records[i]));
  expect(out).toEqual(records);
}

const parse = (text: string): LineRecord[] => parseRecords(recordsFromText(text));
const extraCount = (batches: WireBatch[]): number => batches.reduce((n, b) => n + b.extras.length, 0);

describe('wire form', () => {
  it('everyday `tcpdump -n` lines travel as numbers only (samples/handshake-close/n.txt)', () => {
    const records = parse(sample('handshake-close/n.txt'));
    const { out, batches } = roundTrip(records);
    expectSame(out, records);
    expect(records.map((r) => r.kind)).toEqual(Array(11).fill('tcp'));
    expect(extraCount(batches)).toBe(0);
    // One address pair per direction, each sent once and shared by its records as the grammar shares it.
    expect(batches[0].pairs.length).toBe(4);
    const tcp = out.filter((r) => r.kind === 'tcp');
    expect(tcp[0].src).toBe(tcp[2].src);
    expect(tcp[0]).toMatchObject({ line: 1, flags: 'S', seq: 3201954478, win: 64240, len: 0, time: '11:19:38.763609' });
    expect(tcp[0].options).toEqual([{ kind: 'mss', value: 1460 }, { kind: 'sackOK' }, { kind: 'ts', val: 1842952086, ecr: 0 }, { kind: 'nop' }, { kind: 'wscale', value: 10 }]);
  });

  it('SACK blocks (samples/sack-recovery/n.txt)', () => {
    const records = parse(sample('sack-recovery/n.txt'));
    const { out, batches } = roundTrip(records);
    expectSame(out, records);
    expect(extraCount(batches)).toBe(0);
    const sacks = out.flatMap((r) => (r.kind === 'tcp' ? (r.options ?? []).filter((o) => o.kind === 'sack') : []));
    expect(sacks.length).toBe(12);
  });

  it('-v headers, checksums and -e link headers go whole, in their place', () => {
    for (const rel of ['nat-forged-rst/server-v.txt', 'handshake-close/e-v.txt', 'handshake-close/any-e.txt', 'handshake-close/vv.txt', 'handshake-close/X.txt']) {
      const records = parse(sample(rel));
      const { out, batches } = roundTrip(records, 7);
      expectSame(out, records);
      expect(extraCount(batches)).toBe(records.length);
    }
  });

  it('every sample capture text, batch sizes 1 and 500', () => {
    for (const dir of readdirSync(SAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const f of readdirSync(new URL(`${dir.name}/`, SAMPLES)).filter((n) => n.endsWith('.txt') && !n.startsWith('expected'))) {
        const records = parse(sample(`${dir.name}/${f}`));
        expectSame(roundTrip(records, 1).out, records);
        expectSame(roundTrip(records, 500).out, records);
        // Texts sliced from the batch's text instead of copied (`summary`): the same records.
        expectSame(roundTrip(records, 500, true).out, records);
      }
    }
  });

  it('the seed pastes and the tcpdump test suite: prose, banners, unparsed lines and other protocols', () => {
    let unparsed = 0;
    for (const f of seedFiles()) {
      const records = parse(seedText(f));
      unparsed += records.filter((r) => r.kind === 'unparsed').length;
      expectSame(roundTrip(records, 3).out, records);
    }
    for (const f of corpusOutFiles()) {
      const records = parse(corpusText(f));
      unparsed += records.filter((r) => r.kind === 'unparsed').length;
      expectSame(roundTrip(records, 64).out, records);
    }
    expect(unparsed).toBeGreaterThan(0);
  });

  // Synthetic on purpose: no capture here holds 16,384 distinct address pairs.
  it('the pair table starts again when full, on both sides, between batches', () => {
    const lines: string[] = [];
    for (let i = 0; i < 9000; i++) {
      const port = 10000 + i;
      lines.push(`12:00:00.000000 IP 192.0.2.1.${port} > 198.51.100.2.80: Flags [S], seq ${i}, win 64240, length 0`);
      lines.push(`12:00:00.000001 IP 198.51.100.2.80 > 192.0.2.1.${port}: Flags [R.], seq 0, ack ${i + 1}, win 0, length 0`);
    }
    const records = parse(lines.join('\n'));
    // 1900 new pairs per batch: 17,100 handed out before the tenth batch, which starts the table again.
    const { out, batches } = roundTrip(records, 1900);
    expectSame(out, records);
    expect(batches.map((b) => b.pairsReset)).toEqual([false, false, false, false, false, false, false, false, false, true]);
    expect(extraCount(batches)).toBe(0);
  });
});
