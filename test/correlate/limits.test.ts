// What a rendering cannot support: every pairing of the renderings of samples/nat-forged-rst, nat-drops and
// nat-drops-down names its limits exactly (en and zh-CN), and never prints a negative delay, offset or "±".

import { describe, expect, it } from 'vitest';
import { pairCaptures, type PairLimit } from '../../src/correlate';
import { formatPairReportText, formatPairText } from '../../src/report/format-pair';
import { confidenceOf } from '../../src/correlate/match-connections';
import { readText, repoPath, viewOf } from './helpers';

const SCENARIOS = ['nat-forged-rst', 'nat-drops', 'nat-drops-down'] as const;
/** '' is client.txt (-n -tttt) / server.txt (-nn -S -tttt -v); the rest client-X.txt / server-X.txt. */
const STYLES = ['', 'n', 'v', 'tttt', 'ttt', 't', 'q', 'plain'] as const;
type Style = (typeof STYLES)[number];

const file = (side: 'client' | 'server', s: Style): string => (s ? `${side}-${s}` : side);
const text = (scenario: string, f: string): string => readText(repoPath(`samples/${scenario}/${f}.txt`));
const pairOf = (scenario: string, c: Style, s: Style) => pairCaptures(viewOf(text(scenario, file('client', c))), viewOf(text(scenario, file('server', s))));

/** The limits a pairing must report, from the flags each side was printed with (samples/MANIFEST). */
function expectedLimits(c: Style, s: Style): PairLimit[] {
  const out: PairLimit[] = [];
  const clock = (x: Style): 'date' | 'day' | 'delta' | 'none' => (x === '' || x === 'tttt' ? 'date' : x === 'ttt' ? 'delta' : x === 't' ? 'none' : 'day');
  for (const [side, x] of [['client', c], ['server', s]] as const) {
    if (clock(x) === 'none') out.push({ code: 'no-times', side });
    if (clock(x) === 'delta') out.push({ code: 'relative-clock', side, kind: 'delta' });
  }
  const relOrNone = ['none', 'delta'];
  if (!relOrNone.includes(clock(c)) && !relOrNone.includes(clock(s)) && (clock(c) === 'date') !== (clock(s) === 'date')) {
    out.push({ code: 'scales-differ', dated: clock(c) === 'date' ? 'client' : 'server' });
  }
  // -q on one side, -t on one side: same-length segments can only be lined up in order.
  const byOrder = (c === 'q' || s === 'q') && (clock(c) === 'none' || clock(s) === 'none');
  if (c === 'q') out.push({ code: 'quiet', side: 'client', timed: !byOrder, otherNumbered: s !== 'q' });
  if (s === 'q') out.push({ code: 'quiet', side: 'server', timed: !byOrder, otherNumbered: c !== 'q' });
  if (byOrder) out.push({ code: 'order-only' });
  return out;
}

/** A minus sign right before a digit where a number starts (not inside a date, address or `seq 1:1449`). */
const NEGATIVE = /(?<![\w.:/])[-−]\d/;

describe('every rendering pairing: exact limits, no negative number', () => {
  for (const sc of SCENARIOS) {
    for (const c of STYLES) {
      for (const s of STYLES) {
        it(`${sc} ${file('client', c)} × ${file('server', s)}`, () => {
          const r = pairOf(sc, c, s);
          expect(r.pairs).toHaveLength(1);
          const p = r.pairs[0];
          expect(p.limits).toEqual(expectedLimits(c, s));
          const noOffset = p.limits.some((l) => l.code === 'no-times' || l.code === 'relative-clock');
          if (noOffset) expect(p.offset).toBeNull();
          if (p.clock) expect(p.clock.rtt).toBeGreaterThanOrEqual(0);
          for (const lang of ['en', 'zh-CN'] as const) {
            const out = formatPairReportText(r, lang);
            const bad = out.split('\n').filter((l) => NEGATIVE.test(l));
            expect(bad, `${lang}: ${bad[0]}`).toEqual([]);
          }
          if (c === 'q' || s === 'q') {
            // Nothing on one side only is called lost, forged or duplicated.
            expect(p.findings.filter((f) => f.code !== 'corr.nat').map((f) => f.code)).toEqual([]);
            // HOLES FILLED: the receiver's own sequence numbers count what the -q sender's extra segments were.
            const counted = (sc === 'nat-drops' && c === 'q' && s === 't') || (sc === 'nat-drops-down' && c === 't' && s === 'q');
            expect(p.verdict.code).toBe(counted ? 'corr.lost-counted' : 'corr.not-judged');
          }
        });
      }
    }
  }
});

describe('the sentences, en and zh-CN', () => {
  const lines = (c: Style, s: Style, lang: 'en' | 'zh-CN', sc = 'nat-forged-rst'): string[] => formatPairText(pairOf(sc, c, s).pairs[0], lang).split('\n');

  it('-ttt: gaps between packets give no clock offset; the path delay is still measured', () => {
    const en = lines('ttt', '', 'en');
    expect(en).toContain('  - The client capture has gaps between packets (tcpdump -ttt): no clock offset can be taken from it; path delays still can.');
    expect(en).toContain('Clocks: no offset between the two captures can be known (see the limits above); path delay ≈ 6.5 µs each way (round trip 13 µs).');
    const zh = lines('ttt', '', 'zh-CN');
    expect(zh).toContain('  - 客户端抓包记录的是相邻报文之间的间隔（tcpdump -ttt）：无法由此得出时钟偏差，但路径时延仍可计算。');
    expect(zh).toContain('时钟：两份抓包之间的时钟偏差无法得知（见上方的限制）；路径单向时延约 6.5 微秒（往返 13 微秒）。');
  });

  it('-q against -t: same-length segments lined up by order only, said, and the confidence lowered by the factor 0.7', () => {
    for (const sc of SCENARIOS) {
      for (const [c, s] of [['q', 't'], ['t', 'q'], ['q', 'q'], ['n', 't']] as Array<[Style, Style]>) {
        const p = pairOf(sc, c, s).pairs[0];
        const order = (c === 'q' || s === 'q') && (c === 't' || s === 't');
        expect(p.limits.some((l) => l.code === 'order-only'), `${sc} ${c} ${s}`).toBe(order);
        expect(p.evidence.some((e) => e.kind === 'order-only')).toBe(order);
      }
    }
    const qt = pairOf('nat-drops', 'q', 't').pairs[0];
    expect(qt.evidence.at(-1)).toEqual({ kind: 'order-only', dir: null, count: 0, weight: -0.3 });
    // Without the order-only evidence the same pair scored 0.619 (sizes, order, ports: no sequence offset, the -q
    // side has no sequence numbers); the factor 0.7 leaves 0.433.
    expect(qt.evidence.map((e) => e.kind)).toEqual(['shape', 'quiet', 'port', 'order-only']);
    expect(confidenceOf(qt.evidence.slice(0, -1))).toBe(0.619);
    expect(qt.confidence).toBe(0.433);
    expect(lines('q', 't', 'en', 'nat-drops')).toContain(
      "  - With no flags or numbers (-q) and no times (-t), segments of the same length cannot be told apart: where both captures hold as many of one length, the timeline lines them up in the order each capture printed them, a guess rather than a match; where they hold different numbers, each capture's segments of that length get rows of their own, unpaired; the confidence is lowered. Capture both sides with times, and without -q.",
    );
    expect(lines('q', 't', 'zh-CN', 'nat-drops')).toContain(
      '  - 既没有标志位和序列号（-q），又没有时间（-t），长度相同的报文段无法区分：两份抓包中某一长度的报文段数目相同时，时间线按两份抓包各自打印的先后顺序把它们排在一起，这只是猜测，不是匹配；数目不同时，该长度的报文段各占一行，不配对；匹配置信度也因此降低。请两端都带时间抓包，并且不要用 -q。',
    );
  });

  it('-t: no times at all', () => {
    expect(lines('', 't', 'en')).toContain(
      '  - The server capture has no times (tcpdump -t): no clock offset, path delay or timing can be taken from it; copies of a retransmitted segment are told apart by the order of the two captures only.',
    );
    expect(lines('', 't', 'zh-CN')).toContain(
      '  - 服务端抓包没有时间（tcpdump -t）：无法由此得出时钟偏差、路径时延或任何时间关系；重传报文段的各个副本只能按两份抓包中的先后顺序区分。',
    );
  });

  it('dates against times of day: the offset modulo a day, 0.5 µs, not 54240 h', () => {
    const en = lines('n', '', 'en');
    expect(en).toContain('  - The server capture prints dates and the client capture times of day: the clock offset is known only modulo a day.');
    expect(en).toContain('Clocks: the server capture runs 0.5 µs behind the client capture; path delay ≈ 6.5 µs each way (round trip 13 µs).');
    expect(lines('n', '', 'zh-CN')).toContain('  - 服务端抓包打印日期，客户端抓包只打印一天中的时刻：时钟偏差只能确定到一天以内。');
  });

  it('-q: the forged RST cannot be seen; the client FIN is paired with the FIN the server got, not with the RST', () => {
    const r = pairOf('nat-forged-rst', 'q', 'q');
    const p = r.pairs[0];
    expect(p.timeline.map((e) => [e.status, e.client?.rec.line ?? null, e.server?.rec.line ?? null])).toEqual([
      ['matched', 1, 1],
      ['matched', 2, 2],
      ['matched', 3, 3],
      ['matched', 4, 4],
      ['matched', 5, 5],
      ['unjudged', null, 6], // the answer the router rejected
      ['unjudged', null, 7], // the router's forged RST
      ['matched', 6, 8], // the client's FIN
      ['matched', 7, 9], // the server's RST to it
    ]);
    expect(p.confidence).toBeLessThan(0.7);
    const en = formatPairText(p, 'en').split('\n');
    expect(en).toContain(
      '  - The server capture has no flags, sequence or acknowledgment numbers (tcpdump -q): forged or rewritten segments cannot be seen; segments are matched by size and time only; no row is judged lost or forged on its own.',
    );
    expect(en).toContain('Verdict: The same connection on both sides; 2 segments were seen on one side only and cannot be judged lost or forged from these renderings.');
    const zh = formatPairText(p, 'zh-CN').split('\n');
    expect(zh).toContain(
      '  - 服务端抓包没有标志位、序列号和确认号（tcpdump -q）：看不出伪造或被改写的报文段；报文段只能按长度和时间匹配；不会单独判定某一行丢失或伪造。',
    );
    expect(zh).toContain('结论：两边抓到的是同一条连接；有 2 个报文段只在一侧出现，凭这些输出格式无法判定它们是丢失还是伪造。');
    expect(formatPairReportText(r, 'en').split('\n').at(-2)).toBe('Server capture clock: 0.5 µs behind the client capture clock (± 6.5 µs).');
  });
});
