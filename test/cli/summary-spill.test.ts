// `tcplain summary` past its row budget (TCPLAIN_SUMMARY_BYTES): the rows go to an unnamed temporary file as sorted
// runs and are merged back; the output is the same bytes as with every row in memory, in every format and order, with
// one input and several, with the selections and --fail-on; with no temporary directory the rows stay in memory.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { SummaryRunFile } from '../../src/cli/summary-store';
import { runCliCaptured } from '../helpers/cli';
import { SUMMARY_MIX } from '../helpers/fixtures';

const ONE = ['samples/concurrent/client.txt'];
const MANY = [...SUMMARY_MIX];

/** A budget of one byte: every row is a run of its own. 1500: a run every two or three rows. */
const TINY = { TCPLAIN_SUMMARY_BYTES: '1' };
const SMALL = { TCPLAIN_SUMMARY_BYTES: '1500' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('summary rows through the temporary file', () => {
  for (const [name, files, rows] of [
    ['one input', ONE, 3],
    ['9 inputs (ids <name>#cN, dated, time-of-day and untimed starts)', MANY, 12],
  ] as const) {
    it(`${name}: every format × every --sort, the same bytes as in memory`, async () => {
      const append = vi.spyOn(SummaryRunFile.prototype, 'append');
      for (const format of ['text', 'json', 'csv', 'markdown'])
        for (const sort of ['start', 'severity', 'bytes', 'duration']) {
          const args = ['summary', '--format', format, '--sort', sort, ...files];
          const mem = await runCliCaptured(args);
          expect(mem.code).toBe(0);
          // One input's 3 rows share their strings: 1500 bytes hold them all.
          for (const env of files === ONE ? [TINY] : [TINY, SMALL]) {
            const before = append.mock.calls.length;
            const disk = await runCliCaptured(args, '', env);
            expect(disk).toEqual(mem);
            // Rows really went to the file: one append a run (a run here is far below the 256 KiB piece), a run a
            // row with TINY, more when runs written before the first time of day are sorted again.
            expect(append.mock.calls.length - before).toBeGreaterThanOrEqual(env === TINY ? rows : 2);
          }
        }
      append.mockRestore();
    });
  }

  it('the exact rows of the 9 inputs by severity, through the file', async () => {
    const r = await runCliCaptured(['summary', '--format', 'csv', '--sort', 'severity', ...MANY], '', TINY);
    expect(r.out.split('\r\n').slice(1, -1).map((l) => l.split(',').slice(0, 1).concat(l.split(',').slice(16, 18)).join(' '))).toEqual([
      'server.txt#c1 refused error',
      'idle-reset/client.txt#c1 idle-reset error',
      'client-reset/client.txt#c1 reset-by-client error',
      'zero-window/client.txt#c1 normal-close warn',
      'fast-retransmit/client.txt#c1 normal-close warn',
      'any.txt#c1 normal-close ok',
      'port-reuse/client.txt#c1 normal-close ok',
      'port-reuse/client.txt#c2 normal-close ok',
      'concurrent/client.txt#c1 normal-close ok',
      'concurrent/client.txt#c2 normal-close ok',
      'concurrent/client.txt#c3 normal-close ok',
      't.txt#c1 normal-close ok',
    ]);
  });

  it('--severity, --verdict, --where, --fail-on and Chinese: output and exit status unchanged', async () => {
    const cases = [
      ['summary', '--severity', 'warn+', ...MANY],
      ['summary', '--verdict', 'normal-close', '--sort', 'bytes', ...MANY],
      ['summary', '--format', 'json', '--where', 'port 80 and severity >= warn', ...MANY],
      ['summary', '--fail-on', 'error', '--format', 'csv', ...MANY],
      ['summary', '--fail-on', 'error', ...ONE],
      ['summary', '--lang', 'zh', '--sort', 'duration', ...MANY],
      ['summary', '--format', 'markdown', '--severity', 'error', ...ONE],
    ];
    const codes: number[] = [];
    for (const args of cases) {
      const mem = await runCliCaptured(args);
      expect(await runCliCaptured(args, '', TINY)).toEqual(mem);
      codes.push(mem.code);
    }
    expect(codes).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });

  it('no temporary directory: the rows stay in memory, the output is the same', async () => {
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = '/nonexistent/tcplain-test';
    try {
      const append = vi.spyOn(SummaryRunFile.prototype, 'append');
      const args = ['summary', '--format', 'csv', '--sort', 'duration', ...MANY];
      const disk = await runCliCaptured(args, '', TINY);
      // The first run could not be written; no later one was tried.
      expect(append.mock.results.map((r) => r.value)).toEqual([false]);
      process.env.TMPDIR = saved ?? '';
      if (saved === undefined) delete process.env.TMPDIR;
      expect(disk).toEqual(await runCliCaptured(args));
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
