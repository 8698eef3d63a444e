// summary's rows past the memory budget (src/report/summary-runs.ts, summary.ts SummaryCollector with a store): a row
// comes back from its record exactly, the merge keeps a total order with ties, and a table split into sorted runs
// prints the same bytes as the table kept in memory, in every order and format, on real captures.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import type { ConnectionVerdict } from '../../src/model/verdict';
import { formatSummaryCsv, formatSummaryJson, formatSummaryMarkdown, formatSummaryText } from '../../src/report/format-summary';
import { SummaryCollector, type SummaryRow } from '../../src/report/summary';
import { SUMMARY_SORTS, summaryOrder } from '../../src/report/summary-order';
import { decodeRow, mergeSorted, RecordWriter, recordKeys, recordLength, ROW_KEYS, type RunStore } from '../../src/report/summary-runs';
import { createTracker } from '../../src/track';
import { SUMMARY_MIX } from '../helpers/fixtures';

function verdicts(file: string): ConnectionVerdict[] {
  const tracker = createTracker({ analyses: false });
  const out: ConnectionVerdict[] = [];
  for (const rec of parseRecords(recordsFromText(readFileSync(file, 'utf8')))) out.push(...tracker.push(rec).closed);
  out.push(...tracker.finishEach());
  return out;
}

/** A store in memory; `failAfter`: appends that succeed before every later one fails (a disk that fills up). */
class MemoryStore implements RunStore {
  private buf = Buffer.alloc(0);
  appends = 0;
  constructor(private readonly failAfter = Infinity) {}
  get size(): number {
    return this.buf.length;
  }
  append(bytes: Uint8Array): boolean {
    if (this.appends >= this.failAfter) return false;
    this.appends++;
    this.buf = Buffer.concat([this.buf, bytes]);
    return true;
  }
  read(pos: number, into: Uint8Array): number {
    const n = Math.max(0, Math.min(into.length, this.buf.length - pos));
    into.set(this.buf.subarray(pos, pos + n));
    return n;
  }
}

const roundTrip = (rows: SummaryRow[]): SummaryRow[] => {
  const w = new RecordWriter(16);
  for (const r of rows) w.row(r);
  const bytes = Buffer.from(w.bytes());
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out: SummaryRow[] = [];
  for (let at = 0; at < bytes.length; at += recordLength(dv, at)) out.push(decodeRow(bytes, dv, at));
  return out;
};

// SUMMARY_MIX (dated, time-of-day and untimed starts; severities ok to error; 3 connections in concurrent) and one
// more time-of-day input, retransmission/n.txt, in the place these tests have always had it.
const MANY = [...SUMMARY_MIX.slice(0, 8), 'samples/retransmission/n.txt', ...SUMMARY_MIX.slice(8)];

function collect(files: string[], spill: { store: RunStore; budget: number; sort: (typeof SUMMARY_SORTS)[number] } | null): SummaryCollector {
  const c = new SummaryCollector(files.length > 1, files, spill);
  for (const f of files)
    for (const v of verdicts(f)) {
      c.seen();
      c.add(v, f);
    }
  return c;
}

describe('summary row records', () => {
  it('a real row comes back field for field, finding counts in their key order (zero-window capture)', () => {
    const c = collect(['samples/zero-window/client.txt'], null);
    const [row] = c.result('start').rows;
    const [back] = roundTrip([row]);
    expect(back).toEqual(row);
    expect(Object.keys(back.findingCounts)).toEqual([
      'tcp.retransmission', 'tcp.zero_window', 'tcp.zero_window_probe', 'tcp.zero_window_probe_ack', 'tcp.zero_window_stall',
      'tcp.dsack', 'tcp.window_full', 'tcp.window_update', 'tcp.handshake_rtt', 'tcp.options_negotiated',
    ]);
    expect([back.start, back.duration, back.handshakeRtt, back.zeroWindowSeconds, back.bytes.c2s]).toEqual([1795260048.757641, 3.103244, 0.000134, 2.856411, 65608]);
  });

  it('any text, nulls and extreme numbers exactly (synthetic changes of a real row)', () => {
    const [real] = collect(['samples/refused/server.txt'], null).result('start').rows;
    const odd: SummaryRow[] = [
      // Chinese file and service names (two bytes a code unit), Latin-1 (one byte), an emoji (a surrogate pair), a
      // lone surrogate, an empty history: every string exactly.
      { ...real, id: '抓包/客户端.txt#c007', conn: 'c007', file: '抓包/客户端.txt', client: '[2001:db8::1]:40003', server: 'VM_0_9_centos:http-代理', history: '' },
      { ...real, file: 'café\u00ff.txt', server: 'host-😀:443', verdict: real.verdict, connState: real.connState, id: '\ud800x' },
      {
        ...real,
        start: null,
        duration: null,
        handshakeRtt: null,
        zeroWindowSeconds: null,
        roleGuessed: true,
        bytes: { c2s: Number.MAX_SAFE_INTEGER, s2c: 0 },
        packets: { c2s: 0, s2c: 4294967296 },
        firstLine: 1,
        lastLine: 2 ** 40,
        findingCounts: {},
        order: 123456789,
        severity: 'notice',
      },
    ];
    const back = roundTrip(odd);
    expect(back).toEqual(odd);
    expect(back[1].id).toBe('\ud800x');
    expect(back[0].server).toBe('VM_0_9_centos:http-代理');
    expect(back[2].severity).toBe('notice');
  });

  it('the order read from records, from decoded rows and from the columns in memory is the same', () => {
    const c = collect(MANY, null);
    for (const sort of SUMMARY_SORTS) {
      for (const dayTime of [false, true]) {
        const rows = [...c.result(sort).rows];
        const w = new RecordWriter();
        const starts: number[] = [];
        for (const r of rows) {
          starts.push(w.size);
          w.row(r);
        }
        const bytes = Buffer.from(w.bytes());
        const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
        const byRecord = [...starts].reverse().sort(summaryOrder(sort, dayTime, recordKeys(bytes, dv))).map((at) => decodeRow(bytes, dv, at).id);
        const byRow = [...rows].reverse().sort(summaryOrder(sort, dayTime, ROW_KEYS)).map((r) => r.id);
        expect(byRecord).toEqual(byRow);
      }
      // dayTime false/true only differ with dated and time-of-day rows together: MANY has both, so the columns'
      // own order (the collector's) is the one with dayTime.
      const rows = [...c.result(sort).rows];
      expect([...rows].reverse().sort(summaryOrder(sort, true, ROW_KEYS)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
    }
  });

  it('--sort start with times of day among dated rows: compared by time of day, no time last; bytes ties by start', () => {
    const ids = [...collect(MANY, null).result('start').rows].map((r) => `${r.id} ${r.start}`);
    // Times of day and dated starts together: every start compared by its time of day (refused/server.txt's
    // 1795259982.921857 is 11:19:42.92, between any.txt's 11:19:38.76 and n.txt's 11:20:44.61).
    expect(ids).toEqual([
      'any.txt#c1 40778.763592',
      'server.txt#c1 1795259982.921857',
      'n.txt#c1 40844.613073',
      'zero-window/client.txt#c1 1795260048.757641',
      'idle-reset/client.txt#c1 1795260068.247781',
      'client-reset/client.txt#c1 1795260078.233704',
      'fast-retransmit/client.txt#c1 1795260126.40034',
      'port-reuse/client.txt#c1 1795260455.58746',
      'port-reuse/client.txt#c2 1795260455.991729',
      'concurrent/client.txt#c1 1795260459.595773',
      'concurrent/client.txt#c2 1795260459.617783',
      'concurrent/client.txt#c3 1795260459.645767',
      't.txt#c1 null',
    ]);
    // --sort bytes: eight rows of 164 bytes, in start order; the refusal (0 bytes) last.
    const byBytes = [...collect(MANY, null).result('bytes').rows].map((r) => `${r.id} ${r.bytes.c2s + r.bytes.s2c}`);
    expect(byBytes.slice(0, 5)).toEqual(['fast-retransmit/client.txt#c1 300151', 'zero-window/client.txt#c1 65686', 'client-reset/client.txt#c1 4168', 'any.txt#c1 164', 'n.txt#c1 164']);
    expect(byBytes.slice(-2)).toEqual(['t.txt#c1 164', 'server.txt#c1 0']);
  });
});

describe('merging sorted runs', () => {
  it('k-way: every item once, in order; ties go to the earlier source; empty sources are skipped', () => {
    type Item = { v: number; src: string };
    const src = (name: string, vs: number[]): Iterator<Item> => vs.map((v) => ({ v, src: name }))[Symbol.iterator]();
    const out = [...mergeSorted([src('a', [1, 3, 5, 5]), src('b', [1, 2, 5]), src('c', []), src('d', [0, 4, 9]), src('e', [5])], (x, y) => x.v - y.v)];
    expect(out.map((x) => `${x.v}${x.src}`)).toEqual(['0d', '1a', '1b', '2b', '3a', '4d', '5a', '5a', '5b', '5e', '9d']);
    expect([...mergeSorted<number>([], (x, y) => x - y)]).toEqual([]);
  });

  it('rows with the same start, severity, bytes or duration keep their arrival order across runs', () => {
    const [real] = collect(['samples/refused/server.txt'], null).result('start').rows;
    const rows = [3, 1, 2, 0].map((order) => ({ ...real, id: `c${order}`, order }));
    for (const sort of SUMMARY_SORTS) {
      const cmp = summaryOrder(sort, false, ROW_KEYS);
      const runs = [[rows[0], rows[1]].sort(cmp), [rows[2], rows[3]].sort(cmp)].map((r) => r[Symbol.iterator]());
      expect([...mergeSorted(runs, cmp)].map((r) => r.id)).toEqual(['c0', 'c1', 'c2', 'c3']);
    }
  });
});

describe('a table in sorted runs prints what the table in memory prints', () => {
  const formats = (c: SummaryCollector, sort: (typeof SUMMARY_SORTS)[number]): string[] => {
    const d = c.result(sort);
    return [
      formatSummaryText(d, { lang: 'en', width: Infinity, terminal: false }),
      formatSummaryText(d, { lang: 'zh-CN', width: 80, terminal: true }),
      formatSummaryJson(d),
      formatSummaryCsv(d),
      formatSummaryMarkdown(d, 'en'),
    ];
  };

  for (const budget of [1, 1500]) {
    it(`every order and format, 10 inputs, a run every ${budget === 1 ? 'row' : 'few rows'}; runs sorted in another order are sorted again`, () => {
      for (const sort of SUMMARY_SORTS) {
        const mem = formats(collect(MANY, null), sort);
        const store = new MemoryStore();
        // The runs are sorted by start: for the other orders each run is sorted again before the merge.
        const spilled = collect(MANY, { store, budget, sort: 'start' });
        expect(spilled.runCount).toBe(budget === 1 ? 13 : 6);
        expect(formats(spilled, sort)).toEqual(mem);
        // Iterated twice (the text table sizes its columns, then prints): the same rows each time.
        const d = spilled.result(sort);
        expect([...d.rows].map((r) => r.id)).toEqual([...d.rows].map((r) => r.id));
        expect(d.rows.length).toBe(13);
      }
    });
  }

  it('one input, each run in the chosen order (concurrent: 3 connections, a run each)', () => {
    for (const sort of SUMMARY_SORTS) {
      const store = new MemoryStore();
      const spilled = collect(['samples/concurrent/client.txt'], { store, budget: 1, sort });
      expect(spilled.runCount).toBe(3);
      expect(formats(spilled, sort)).toEqual(formats(collect(['samples/concurrent/client.txt'], null), sort));
    }
  });

  it('a run of times of day sorted before the first dated row is sorted again by time of day (synthetic starts of a real verdict)', () => {
    const [v] = verdicts('samples/handshake-close/any.txt');
    // A capture of times of day across midnight (23:59:59.5, then +1d 00:00:01), then a dated one.
    const late = { ...v, conn: 'c1', start: 86399.5 };
    const next = { ...v, conn: 'c2', start: 86401 };
    const [dated] = verdicts('samples/zero-window/client.txt');
    const fill = (c: SummaryCollector): SummaryCollector => {
      c.add(late, 'a.txt');
      c.add(next, 'a.txt');
      c.add(dated, 'b.txt');
      return c;
    };
    const store = new MemoryStore();
    // Budget: the first row of a.txt (~1 KB with its strings) stays, the second passes it: one run of both, sorted
    // with no dated row yet (86399.5 before 86401); the dated row, with its new strings, is a run of its own.
    const spilled = fill(new SummaryCollector(true, ['a.txt', 'b.txt'], { store, budget: 1200, sort: 'start' }));
    expect(spilled.runCount).toBe(2);
    const rows = [...spilled.result('start').rows].map((r) => `${r.id} ${r.start}`);
    // By time of day: 00:00:01, 11:20:48 (the dated row), 23:59:59.5.
    expect(rows).toEqual(['a.txt#c2 86401', 'b.txt#c1 1795260048.757641', 'a.txt#c1 86399.5']);
    expect(formatSummaryCsv(spilled.result('start'))).toBe(formatSummaryCsv(fill(new SummaryCollector(true, ['a.txt', 'b.txt'])).result('start')));
  });

  it('a store that fails after two runs: the later rows stay in memory, the output is the same', () => {
    const store = new MemoryStore(2);
    const spilled = collect(MANY, { store, budget: 1, sort: 'severity' });
    expect(spilled.runCount).toBe(2);
    expect(store.appends).toBe(2);
    for (const sort of SUMMARY_SORTS) expect(formats(spilled, sort)).toEqual(formats(collect(MANY, null), sort));
  });
});
