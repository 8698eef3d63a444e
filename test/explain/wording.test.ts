// Words exactly right: one Chinese term per concept (服务端, never 服务器), full-width punctuation between Chinese
// characters, and no duration printed as `-0`; checked in the catalogs' source and in what tcplain prints for every sample.

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../src/explain';
import type { ConnectionVerdict, Problem } from '../../src/model/verdict';
import { renderText } from '../../src/report';
import { goldenScenarios } from '../../scripts/update-golden';
import { sample } from '../track/helpers';

const localesDir = fileURLToPath(new URL('../../src/explain/locales/', import.meta.url));
const ZH_FILES = readdirSync(localesDir).filter((f) => f.includes('zh-CN'));
/** The TUI's labels hold both languages; the Chinese ones follow the same rules. */
const TUI_LABELS = fileURLToPath(new URL('../../src/tui/labels.ts', import.meta.url));

/** Han characters and full-width punctuation count as Chinese text around an ASCII mark. */
const CJK = '[\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]';
const ASCII_BETWEEN_CJK = new RegExp(`${CJK}[,:;(]${CJK}`, 'u');
/** A duration or number printed with a minus sign although it rounds to zero. */
const MINUS_ZERO = /(^|[^\w.])-0(\.0+)?(?![\d.])/;

function offenders(text: string, re: RegExp): string[] {
  return text.split('\n').filter((l) => re.test(l));
}

describe('Chinese catalogs', () => {
  it('are found', () => {
    expect(ZH_FILES.sort()).toEqual(['cli-zh-CN.ts', 'cmd-zh-CN.ts', 'lesson-zh-CN.ts', 'pair-zh-CN.ts', 'summary-zh-CN.ts', 'zh-CN.ts']);
  });
  for (const path of [...ZH_FILES.map((f) => `${localesDir}${f}`), TUI_LABELS]) {
    it(`${path.replace(/^.*\/src\//, 'src/')}: 服务端, 窗口缩放 and 四元组 only, full-width punctuation between Chinese characters`, () => {
      const src = readFileSync(path, 'utf8');
      expect(offenders(src, /服务器/)).toEqual([]);
      // One term per concept: 窗口缩放 (window scaling), 四元组 (the connection's addresses and ports).
      expect(offenders(src, /窗口扩大|端口对/)).toEqual([]);
      expect(offenders(src, ASCII_BETWEEN_CJK)).toEqual([]);
    });
  }
});

describe('printed words on every sample', () => {
  for (const scenario of goldenScenarios()) {
    it(scenario, () => {
      const input = sample(`${scenario}/client.txt`);
      const notes = (lang: 'en' | 'zh-CN') =>
        renderText(input, { lang, format: 'text' })
          .split('\n')
          .filter((l) => l.startsWith('  │') || l.startsWith('──▶'))
          .join('\n');
      const zh = notes('zh-CN');
      const en = notes('en');
      expect(offenders(zh, /服务器/)).toEqual([]);
      expect(offenders(zh, ASCII_BETWEEN_CJK)).toEqual([]);
      expect(offenders(zh, MINUS_ZERO)).toEqual([]);
      expect(offenders(en, MINUS_ZERO)).toEqual([]);
    });
  }
});

const PROBLEMS: Problem[] = [
  {
    code: 'loss',
    sender: 'client',
    retransmitted: 5,
    fast: 4,
    timeout: 0,
    tlp: 0,
    timeoutOrTlp: 0,
    other: 1,
    spurious: 1,
    lost: 5,
    notCaptured: 5,
    dupAcks: 25,
    sack: true,
    sackTimer: 1,
    spuriousLine: 0,
    dsackLine: 0,
    upstream: null,
    repairSeconds: 0.011891,
    repaired: true,
    lines: [19, 34, 85],
  },
  { code: 'loss', sender: 'server', retransmitted: 1, fast: 0, timeout: 0, tlp: 0, timeoutOrTlp: 0, other: 1, spurious: 1, lost: 0, notCaptured: 0, dupAcks: 0, sack: false, sackTimer: 0, spuriousLine: 8, dsackLine: 9, upstream: null, repairSeconds: null, repaired: false, lines: [8] },
  { code: 'loss', sender: 'server', retransmitted: 1, fast: 0, timeout: 0, tlp: 0, timeoutOrTlp: 1, other: 0, spurious: 0, lost: 1, notCaptured: 0, dupAcks: 0, sack: true, sackTimer: 0, spuriousLine: 0, dsackLine: 0,
    upstream: { line: 14, bytes: 300, seconds: 0.204438, tsFrom: 252947232, tsTo: 252947437, timer: 'rto-or-tlp', afterHole: false }, repairSeconds: 0.204475, repaired: true, lines: [14] },
  { code: 'loss', sender: 'server', retransmitted: 2, fast: 1, timeout: 0, tlp: 1, timeoutOrTlp: 0, other: 0, spurious: 0, lost: 2, notCaptured: 1, dupAcks: 1, sack: true, sackTimer: 0, spuriousLine: 0, dsackLine: 0,
    upstream: { line: 12, bytes: 300, seconds: 0.009205, tsFrom: null, tsTo: null, timer: 'tlp', afterHole: true }, repairSeconds: 0.009246, repaired: true, lines: [12, 13] },
  { code: 'zero-window', by: 'server', seconds: 2.856411, stalls: 2, probes: 3, reopened: false, maxWindow: 2896, mss: 1460, wscale: 0, segment: { bytes: 1448, timestamps: true }, lines: [11] },
  { code: 'zero-window', by: 'client', seconds: null, stalls: 1, probes: 0, reopened: true, maxWindow: null, mss: null, wscale: null, segment: null, lines: [11, 17] },
  { code: 'handshake-retry', syn: 1, synAck: 1, seconds: 1.023387, synAckLost: true, originalSynAckUnseen: true, lines: [2, 5] },
  { code: 'handshake-retry', syn: 1, synAck: 0, seconds: 1.023387, synAckLost: false, originalSynAckUnseen: false, lines: [2] },
  { code: 'handshake-retry', syn: 0, synAck: 1, seconds: 0, synAckLost: false, originalSynAckUnseen: false, lines: [5] },
  { code: 'silence', seconds: 3.500276, keepAlives: 3, answered: 3, probeEvery: 1.024, prober: 'client', closedBy: null, lines: [7, 14] },
  { code: 'silence', seconds: 3.500276, keepAlives: 3, answered: 1, probeEvery: 1.024, prober: 'client', closedBy: null, lines: [7, 14] },
  { code: 'silence', seconds: 2.001646, keepAlives: 0, answered: 0, probeEvery: null, prober: null, closedBy: 'server', lines: [7, 8] },
  { code: 'silence', seconds: 2.001646, keepAlives: 0, answered: 0, probeEvery: null, prober: null, closedBy: 'client', lines: [7, 8] },
  { code: 'capture-missed', segments: 2, bytes: 2896, lines: [40] },
];

describe('problem words', () => {
  for (const [lang, cat] of Object.entries(CATALOGS)) {
    it(`${lang}: clause, sentence and next step of every problem render without holes`, () => {
      for (const p of PROBLEMS) {
        const m = cat.problems[p.code] as unknown as Record<'clause' | 'sentence' | 'next', (p: Problem, v: Partial<ConnectionVerdict>) => string>;
        // The sentence also reads the connection's verdict (a capture, or a post quoting excerpts).
        for (const [part, v] of [['clause', {}], ['sentence', {}], ['sentence', { excerpts: true }], ['next', {}]] as const) {
          const text = m[part](p, v);
          expect(text, `${p.code}.${part}`).not.toMatch(/undefined|NaN|null|\[object/);
          expect(text, `${p.code}.${part}`).not.toMatch(MINUS_ZERO);
          if (lang === 'zh-CN') {
            expect(text, `${p.code}.${part}`).toMatch(/[\u4e00-\u9fff]/);
            expect(text, `${p.code}.${part}`).not.toMatch(ASCII_BETWEEN_CJK);
            expect(text, `${p.code}.${part}`).not.toMatch(/服务器/);
          } else {
            expect(text, `${p.code}.${part}`).not.toMatch(/[\u4e00-\u9fff]/);
          }
        }
      }
    });
  }
});

describe('-i any', () => {
  it('means all interfaces, in both languages', () => {
    const text = 'listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n';
    expect(renderText(text, { lang: 'en', format: 'text' })).toContain('  │ tcpdump captures live on all interfaces at once (-i any), link type LINUX_SLL2');
    expect(renderText(text, { lang: 'zh-CN', format: 'text' })).toContain('  │ tcpdump 正在所有网卡上（-i any）实时抓包，链路类型 LINUX_SLL2');
  });
});

describe('never -0', () => {
  it('a tiny negative offset or delay prints as 0 (pair durations, verdict durations)', async () => {
    const { pairDuration } = await import('../../src/explain/locales/pair-en');
    const { splitSeconds } = await import('../../src/explain/numbers');
    expect(pairDuration(-0.00000001)).toEqual({ value: '0', unit: 'µs' });
    expect(pairDuration(-0.0000004)).toEqual({ value: '-0.4', unit: 'µs' });
    expect(splitSeconds(-0.0000001)).toEqual({ value: '0', unit: 'ms' });
  });
});
