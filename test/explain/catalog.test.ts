// Every finding, verdict, state, flag, option kind and meta kind has English and Chinese words, and the language choice follows the locale.

import { describe, expect, it } from 'vitest';
import { CATALOGS, LANGS, langFromEnv, parseLang } from '../../src/explain';
import { FINDING_CODES } from '../../src/model/findings';
import type { Finding, FindingCode } from '../../src/model/findings';
import { VERDICT_CODES } from '../../src/model/verdict';
import type { ConnectionVerdict } from '../../src/model/verdict';
import { TCP_STATES } from '../../src/model/tcp-state';
import { FLAG_CHARS } from '../../src/model/tcp-flags';

const HAN = /[\u4e00-\u9fff]/;

const FINDING_SAMPLES: { [C in FindingCode]: Extract<Finding, { code: C }> } = {
  'tcp.retransmission': { code: 'tcp.retransmission', originalLine: 4, kind: 'rto', sincePrevious: 0.206, attempt: 2, part: null },
  'tcp.fast_retransmission': { code: 'tcp.fast_retransmission', originalLine: 9, dupAcks: 3, sack: false, trigger: 'dup-acks', afterAck: null },
  'tcp.upstream_retransmission': { code: 'tcp.upstream_retransmission', bytes: 300, sinceSent: 0.2044, tsFrom: 252947232, tsTo: 252947437, timer: 'rto-or-tlp', afterHole: false },
  'tcp.nagle_hold': { code: 'tcp.nagle_hold', bytes: 208, tsFrom: 947429515, tsTo: 947429520, afterFull: true, echoed: 272481637, ackLine: 9, smallLine: 8 },
  'tcp.spurious_retransmission': { code: 'tcp.spurious_retransmission', originalLine: null, sincePrevious: null, probe: false },
  'tcp.out_of_order': { code: 'tcp.out_of_order' },
  'tcp.previous_segment_not_captured': { code: 'tcp.previous_segment_not_captured', missingBytes: 1448 },
  'tcp.acked_unseen_segment': { code: 'tcp.acked_unseen_segment', unseenBytes: 1 },
  'tcp.dup_ack': { code: 'tcp.dup_ack', n: 2, originalLine: 7, sackFrom: null, sackTo: null, need: null, holes: [], held: [], windowGrew: false },
  'tcp.zero_window': { code: 'tcp.zero_window' },
  'tcp.zero_window_probe': { code: 'tcp.zero_window_probe', n: 2, sinceZeroWindow: 0.643938, form: 'old-seq', sinceAnswer: 0.427901 },
  'tcp.zero_window_probe_ack': { code: 'tcp.zero_window_probe_ack' },
  'tcp.zero_window_stall': { code: 'tcp.zero_window_stall', seconds: 2.856411, probes: 3, fromLine: 11 },
  'tcp.dsack': { code: 'tcp.dsack', from: 2897, to: 4345, where: 'below-ack', retransLine: 8 },
  'tcp.window_full': { code: 'tcp.window_full', inFlight: 4096 },
  'tcp.window_update': { code: 'tcp.window_update', from: 0, to: 4096 },
  'tcp.keep_alive': { code: 'tcp.keep_alive', idleSeconds: 1.004, withByte: true },
  'tcp.keep_alive_unanswered': { code: 'tcp.keep_alive_unanswered', count: 3, fromLine: 10, answerLine: 39, gaveUp: true },
  'tcp.keep_alive_ack': { code: 'tcp.keep_alive_ack' },
  'tcp.syn_retransmission': { code: 'tcp.syn_retransmission', attempt: 2, sinceFirst: 1.02 },
  'tcp.synack_retransmission': { code: 'tcp.synack_retransmission', attempt: 2, firstUnseen: false, sinceFirst: null, sincePrevious: null, synResent: false, answersResentSyn: false, echoesFirstSyn: null },
  'tcp.rst': {
    code: 'tcp.rst',
    by: 'server',
    state: 'ESTABLISHED',
    phase: 'after-request',
    idleSeconds: null,
    bytesFromClient: 86,
    bytesFromServer: 0,
    class: 'abort',
    confidence: 'likely',
    evidence: [{ code: 'seq-is-next', seq: 1 }],
    acceptance: 'reset',
    receiverState: 'ESTABLISHED',
    afterLine: null,
    receiverUnacked: null,
  },
  'tcp.rst_contradicted': { code: 'tcp.rst_contradicted', rstLine: 13, what: 'fin', seconds: 2.002, timestamps: true },
  'tcp.challenge_ack': { code: 'tcp.challenge_ack', rstLine: 7 },
  'tcp.rst_not_taken': { code: 'tcp.rst_not_taken', rstLine: 8, by: 'client', what: 'ack', expects: 87, rstSeq: 173, relative: true, missingLine: 7, state: 'ESTABLISHED' },
  'tcp.port_reuse': { code: 'tcp.port_reuse', previousConn: 'c1', newIsn: true, timeWait: null },
  'tcp.new_connection': { code: 'tcp.new_connection', previousConn: 'c1', newIsn: true },
  'tcp.checksum_incorrect': { code: 'tcp.checksum_incorrect', expected: 0x6674 },
  'tcp.handshake_rtt': { code: 'tcp.handshake_rtt', at: 'client', seconds: 0.040726, capture: null },
  'tcp.options_negotiated': {
    code: 'tcp.options_negotiated',
    mss: { client: 1460, server: 1448 },
    wscale: { client: 7, server: null },
    sack: true,
    timestamps: false,
    inferred: null,
  },
  'tcp.option_not_offered': { code: 'tcp.option_not_offered', option: 'wscale', side: 'server' },
  'tcp.segments_below_mss': { code: 'tcp.segments_below_mss', size: 1188, count: 3, fromLine: 6, mss: 1460, optionBytes: 12, ownMss: 1200 },
  'tcp.timestamps_missing': { code: 'tcp.timestamps_missing', by: 'client' },
};

const VERDICT: ConnectionVerdict = {
  conn: 'c1',
  client: { host: '192.0.2.2', port: 40001, service: null },
  server: { host: '198.51.100.2', port: 80, service: null },
  roleGuessed: false,
  verdict: 'normal-close',
  phase: null,
  resetBy: 'server',
  resetClass: null,
  resetConfidence: null,
  resetEvidence: [],
  closeKind: '4-way',
  connState: 'SF',
  history: 'ShADadFf',
  states: { client: 'FIN_WAIT_2', server: 'CLOSE_WAIT' },
  firstLine: 1,
  lastLine: 11,
  start: 0,
  end: 0.35,
  duration: 0.35,
  packets: { c2s: 6, s2c: 5 },
  bytes: { c2s: 86, s2c: 78 },
  synRetransmissions: 0,
  handshakeRtt: { at: 'client', seconds: 0.00005 },
  firstFin: 'client',
  severity: 'ok',
  problems: [],
  findingCounts: {},
  findingFirstLines: {},
  findingsBySeverity: { info: 0, note: 0, warning: 0, error: 0 },
  capturePoint: 'client',
  capturePointEvidence: ['handshake-timing'],
  handshakeGaps: null,
  retransmissions: { rto: 1, fast: 0, tlp: 0, rtoOrTlp: 0, other: 0, spurious: 0 },
  zeroWindow: null,
  limits: ['no-ttl', 'no-date'],
  keepAlive: { probes: 4, answered: 1, unanswered: 3, answersLost: 0, gaveUpBy: 'client', gaveUpAfter: 3, returnPathBroken: false, probeEvery: 1.024 },
};
const OPTION_KINDS = ['nop', 'eol', 'mss', 'wscale', 'sackOK', 'sack', 'ts', 'echo', 'echoreply', 'cc', 'ccnew', 'ccecho', 'uto', 'md5', 'mptcp', 'tfo', 'exp', 'tcp-ao', 'scps', 'unknown', 'bad-opt', 'truncated'];
const META_KINDS = ['command', 'listening', 'reading', 'suppressed', 'stats', 'warning', 'error', 'interrupt', 'tshark'];

describe('catalog coverage', () => {
  it('has both languages', () => {
    expect(LANGS).toEqual(['en', 'zh-CN']);
    expect(CATALOGS.en.lang).toBe('en');
    expect(CATALOGS['zh-CN'].lang).toBe('zh-CN');
  });

  for (const lang of LANGS) {
    const cat = CATALOGS[lang];
    it(`${lang}: a message for every FindingCode`, () => {
      expect(Object.keys(cat.findings).sort()).toEqual([...FINDING_CODES].sort());
      for (const code of FINDING_CODES) expect(typeof cat.findings[code]).toBe('function');
    });
    it(`${lang}: headline, summary, next step and appSaw for every VerdictCode`, () => {
      expect(Object.keys(cat.verdicts).sort()).toEqual([...VERDICT_CODES].sort());
      for (const code of VERDICT_CODES) {
        for (const part of ['headline', 'summary', 'nextStep', 'appSaw'] as const) expect(typeof cat.verdicts[code][part]).toBe('function');
      }
    });
    it(`${lang}: a name and a meaning for every TcpState`, () => {
      expect(Object.keys(cat.states)).toEqual([...TCP_STATES]);
      for (const s of TCP_STATES) {
        expect(cat.states[s].name).toBe(s);
        expect(cat.states[s].meaning.length).toBeGreaterThan(3);
        if (lang === 'zh-CN') expect(cat.states[s].meaning).toMatch(HAN);
      }
    });
    it(`${lang}: every flag and option kind`, () => {
      expect(Object.keys(cat.flags)).toHaveLength(FLAG_CHARS.length);
      expect(Object.keys(cat.options).sort()).toEqual([...OPTION_KINDS].sort());
      expect(Object.keys(cat.record.meta).sort()).toEqual([...META_KINDS].sort());
    });
  }

  it('the Chinese words are Chinese, and differ from the English', () => {
    const en = CATALOGS.en;
    const zh = CATALOGS['zh-CN'];
    expect(zh.segment.role.syn({ sender: 'client', receiver: 'server', len: 0, push: false })).toBe('SYN：客户端请求与服务端建立连接（三次握手第 1 步）。');
    expect(en.segment.role.syn({ sender: 'client', receiver: 'server', len: 0, push: false })).toBe(
      'SYN: the client asks the server to open a connection (three-way handshake, step 1 of 3).',
    );
    expect(zh.segment.role['fin-second']({ sender: 'server', receiver: 'client', len: 0, push: false })).toContain('四次挥手');
    expect(zh.segment.role['fin-first']({ sender: 'server', receiver: 'client', len: 0, push: false })).toBe('FIN：服务端的数据已发完，开始关闭连接；它仍然可以接收数据。');
    expect(zh.findings['tcp.retransmission']({ code: 'tcp.retransmission', originalLine: 4, kind: 'rto', sincePrevious: 0.206, attempt: 2, part: null }, { sender: 'client' })).toMatch(/^重传：客户端再次发送.*第 4 行/);
  });

  it('every finding and verdict renders without holes, Chinese in zh-CN and none in en', () => {
    for (const lang of LANGS) {
      const cat = CATALOGS[lang];
      for (const code of FINDING_CODES) {
        for (const sender of ['client', 'server', null] as const) {
          const text = (cat.findings[code] as (f: Finding, c: { sender: typeof sender }) => string)(FINDING_SAMPLES[code], { sender });
          expect(text, `${lang} ${code}`).not.toMatch(/undefined|NaN|\[object|null/);
          if (lang === 'zh-CN') expect(text).toMatch(HAN);
          else expect(text).not.toMatch(HAN);
        }
      }
      for (const code of VERDICT_CODES) {
        for (const phase of [null, 'handshake', 'before-data', 'after-request', 'mid-transfer', 'after-close', 'idle'] as const) {
          const v: ConnectionVerdict = { ...VERDICT, verdict: code, phase };
          const c = { client: '192.0.2.2:40001', server: '198.51.100.2:80', duration: cat.seconds(0.2), port: 80 };
          const m = cat.verdicts[code];
          const all = [m.headline(v, c), m.summary(v, c), m.nextStep(v, c), ...m.appSaw(v, c)];
          for (const t of all) expect(t, `${lang} ${code} ${phase}`).not.toMatch(/undefined|NaN|\[object|null/);
          if (lang === 'zh-CN') expect(m.headline(v, c) + m.summary(v, c)).toMatch(HAN);
          else expect(all.join(' ')).not.toMatch(HAN);
        }
      }
    }
  });
});

describe('language choice', () => {
  it('parses --lang values', () => {
    expect(parseLang('zh')).toBe('zh-CN');
    expect(parseLang('zh-CN')).toBe('zh-CN');
    expect(parseLang('en')).toBe('en');
    expect(parseLang('fr')).toBeNull();
  });
  it('follows LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(langFromEnv({})).toBe('en');
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' })).toBe('en');
    expect(langFromEnv({ LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' })).toBe('zh-CN');
    expect(langFromEnv({ LC_ALL: '', LANG: 'zh_CN' })).toBe('zh-CN');
    expect(langFromEnv({ LANG: 'C.UTF-8' })).toBe('en');
  });
});
