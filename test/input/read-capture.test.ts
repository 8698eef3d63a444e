// readRecords on streams: chunk boundaries, live-pipe idle flush, reading ahead at most a chunk, bounded memory.

import { PassThrough, Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readRecords, recordsFromText } from '../../src/input';
import type { RawRecord } from '../../src/model/raw-record';
import { corpusText, seedText } from '../helpers/fixtures';

const SYN = '09:07:00.881609 IP 172.17.0.2.56878 > 180.101.49.12.443: Flags [S], seq 467889658, win 64240, options [mss 1460,sackOK,TS val 2060837270 ecr 0,nop,wscale 7], length 0';

async function collect(stream: NodeJS.ReadableStream, opts?: { idleMs?: number; batchBytes?: number }): Promise<RawRecord[]> {
  const all: RawRecord[] = [];
  for await (const batch of readRecords(stream, opts)) {
    expect(batch.length).toBeGreaterThan(0);
    all.push(...batch);
  }
  return all;
}

/** Plain one-line-per-packet `tcpdump -n` text, made on demand. */
function packetLine(i: number): string {
  const us = String(i % 1_000_000).padStart(6, '0');
  const seq = 1_000_000 + i * 7;
  return `09:07:12.${us} IP 172.17.0.2.${40000 + (i % 20000)} > 180.101.49.12.443: Flags [P.], seq ${seq}:${seq + 315}, ack 1166385093, win 502, options [nop,nop,TS val 2060837270 ecr 123456], length 315\n`;
}

describe('readRecords', () => {
  it('gives the same records as recordsFromText whatever the chunk boundaries (UTF-8 split mid-character)', async () => {
    const text = [seedText('000_'), seedText('001_'), corpusText('print-A.out'), corpusText('local499_synthetic-edgecases-vv.out')].join('\n');
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let o = 0, k = 0; o < bytes.length; k++) {
      const n = 1 + ((k * 37) % 113);
      chunks.push(bytes.subarray(o, o + n));
      o += n;
    }
    expect(await collect(Readable.from(chunks), { idleMs: 10_000 })).toEqual(recordsFromText(text));
  });

  it('reads a UTF-16LE file with a BOM (PowerShell redirection) like its UTF-8 text', async () => {
    const text = seedText('004_');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const chunks = [utf16.subarray(0, 1001), utf16.subarray(1001, 5000), utf16.subarray(5000)];
    expect(await collect(Readable.from(chunks))).toEqual(recordsFromText(text));
  });

  it('cuts one large chunk into batches of about batchBytes, in input order', async () => {
    const text = Array.from({ length: 3000 }, (_, i) => packetLine(i)).join('');
    const sizes: number[] = [];
    const lines: number[] = [];
    for await (const batch of readRecords(Readable.from([text]), { batchBytes: 8192 })) {
      sizes.push(batch.reduce((n, r) => n + r.raw.length + 1, 0));
      lines.push(...batch.map((r) => r.line));
    }
    expect(lines).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    expect(sizes.length).toBeGreaterThan(30);
    expect(Math.max(...sizes)).toBeLessThan(8192 + 400);
  });

  it('in a live pipe, emits a record that could still continue after idleMs of silence', async () => {
    const pipe = new PassThrough();
    const it = readRecords(pipe, { idleMs: 80 })[Symbol.asyncIterator]();
    const t0 = Date.now();
    pipe.write(`${SYN}\n`);
    const first = await it.next();
    const waited = Date.now() - t0;
    expect(first.done).toBe(false);
    expect((first.value as RawRecord[]).map((r) => r.text)).toEqual([SYN]);
    expect(waited).toBeGreaterThanOrEqual(70);
    expect(waited).toBeLessThan(2000);

    // A -v header and its second line written 20 ms apart (less than idleMs) are still one record.
    const nextBatch = it.next();
    pipe.write('09:07:00.922335 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 60)\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    pipe.write('    180.101.49.12.443 > 172.17.0.2.56878: Flags [S.], seq 1166385092, ack 467889659, win 65535, length 0\n');
    const second = await nextBatch;
    expect((second.value as RawRecord[]).map((r) => [r.line, r.endLine])).toEqual([[2, 3]]);

    // A line that cannot continue is emitted without waiting.
    const t1 = Date.now();
    const third = it.next();
    pipe.write('listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n');
    expect(((await third).value as RawRecord[]).map((r) => r.text)).toEqual(['listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes']);
    expect(Date.now() - t1).toBeLessThan(70);
    pipe.end();
    expect((await it.next()).done).toBe(true);
  });

  it('emits pending records at end of input without waiting for idleMs', async () => {
    const t0 = Date.now();
    const records = await collect(Readable.from([`${SYN}\n${SYN}`]), { idleMs: 60_000 });
    expect(records.map((r) => r.line)).toEqual([1, 2]);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('reads the input chunk by chunk: the first batch comes before the second chunk is pulled', async () => {
    let pulled = 0;
    const source = Readable.from(
      (function* () {
        for (let c = 0; c < 200; c++) {
          pulled++;
          let chunk = '';
          for (let i = 0; i < 100; i++) chunk += packetLine(c * 100 + i);
          yield chunk;
        }
      })(),
      { objectMode: true, highWaterMark: 1 },
    );
    const it = readRecords(source)[Symbol.asyncIterator]();
    const first = await it.next();
    expect((first.value as RawRecord[]).length).toBe(99);
    expect(pulled).toBeLessThanOrEqual(3);
    await it.return?.();
  });

  it('keeps memory flat over 200k lines: records are not accumulated', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = (): number => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const source = Readable.from(
      (function* () {
        for (let c = 0; c < 2000; c++) {
          let chunk = '';
          for (let i = 0; i < 100; i++) chunk += packetLine(c * 100 + i);
          yield chunk;
        }
      })(),
    );
    let seen = 0;
    let atFifty = 0;
    let atEnd = 0;
    for await (const batch of readRecords(source)) {
      seen += batch.length;
      if (atFifty === 0 && seen >= 50_000) atFifty = heap();
      if (seen >= 199_000 && atEnd === 0) atEnd = heap();
    }
    expect(seen).toBe(200_000);
    // 150k more lines of ~190 bytes (~28 MB of text, ~60 MB as records) went through between the two points.
    expect(atEnd - atFifty).toBeLessThan(8 * 1024 * 1024);
  });
});
