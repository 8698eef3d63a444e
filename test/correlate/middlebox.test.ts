// Middlebox behaviours made on real text: the nat-basic server capture edited the way a device on the path would.

import { describe, expect, it } from 'vitest';
import { pairCaptures, type CorrFinding } from '../../src/correlate';
import { seq32 } from '../../src/model';
import { sampleText, viewOf } from './helpers';

const client = sampleText('nat-basic', 'client');
const server = sampleText('nat-basic', 'server');
const TO_SERVER = / > 198\.51\.100\.2\.80: /;
const FROM_SERVER = /198\.51\.100\.2\.80 > /;

/** What a firewall with ISN randomisation does to one direction: seq + x toward the server, ack + x back. */
function shiftSeq(text: string, x: number): string {
  return text
    .split('\n')
    .map((l) => {
      if (TO_SERVER.test(l)) return l.replace(/\bseq (\d+)(?::(\d+))?/, (_m, a, b) => `seq ${seq32(+a + x)}${b ? `:${seq32(+b + x)}` : ''}`);
      if (FROM_SERVER.test(l)) return l.replace(/\back (\d+)/, (_m, a) => `ack ${seq32(+a + x)}`);
      return l;
    })
    .join('\n');
}

const findings = <C extends CorrFinding['code']>(fs: CorrFinding[], code: C) => fs.filter((f): f is Extract<CorrFinding, { code: C }> => f.code === code);

describe('a middlebox on the path, seen by comparing both captures', () => {
  it('rewrites client sequence numbers by a constant: corr.seq-rewritten with the offset and both ISNs', () => {
    const x = 0x1234_5678;
    const cv = viewOf(client);
    const r = pairCaptures(cv, viewOf(shiftSeq(server, x)));
    expect(r.pairs).toHaveLength(1);
    const p = r.pairs[0];
    const isn = cv.segments[0].a.isnSender!;
    expect(p.seqOffset).toEqual({ c2s: x, s2c: 0 });
    expect(p.verdict.code).toBe('corr.seq-rewritten');
    expect(findings(p.findings, 'corr.seq_rewritten')).toEqual([{ code: 'corr.seq_rewritten', dir: 'c2s', offset: x }]);
    expect(p.rewrites).toEqual([{ field: 'isn', dir: 'c2s', client: isn, server: seq32(isn + x), line: 1 }]);
    expect(p.onlyClient).toEqual([]);
    expect(p.onlyServer).toEqual([]);
    expect(p.confidence).toBeGreaterThan(0.99);
  });

  it('strips SACK-permitted from the SYN: corr.option_stripped', () => {
    const edited = server.replace('options [mss 1460,sackOK,TS val', 'options [mss 1460,TS val');
    expect(edited).not.toBe(server);
    const p = pairCaptures(viewOf(client), viewOf(edited)).pairs[0];
    expect(findings(p.findings, 'corr.option_stripped')).toEqual([{ code: 'corr.option_stripped', dir: 'c2s', option: 'sackOK', count: 1 }]);
    expect(p.verdict.code).toBe('corr.options-stripped');
  });

  it('duplicates a packet: the second copy (same IP ID) is corr.duplicated_in_path, not injected', () => {
    const lines = server.split('\n');
    // Records 1–3 are the handshake, two lines each (-v); copy the handshake ACK (lines 5–6) after itself.
    const edited = [...lines.slice(0, 6), ...lines.slice(4, 6), ...lines.slice(6)].join('\n');
    const p = pairCaptures(viewOf(client), viewOf(edited)).pairs[0];
    expect(findings(p.findings, 'corr.duplicated_in_path')).toEqual([{ code: 'corr.duplicated_in_path', dir: 'c2s', line: 7, count: 1 }]);
    expect(p.onlyServer).toEqual([7]);
    expect(p.verdict.code).toBe('corr.duplicated');
  });

  it('a data segment the server never sent, received by the client: corr.injected', () => {
    const lines = client.split('\n');
    const at = lines.findIndex((l) => FROM_SERVER.test(l) && l.includes('length 78'));
    const forged = lines[at].replace(/\.(\d{6}) IP /, (_m, us) => `.${String(+us + 5).padStart(6, '0')} IP `).replace('seq 1:79', 'seq 79:89').replace('length 78: HTTP: HTTP/1.1 200 OK', 'length 10');
    const edited = [...lines.slice(0, at + 1), forged, ...lines.slice(at + 1)].join('\n');
    const p = pairCaptures(viewOf(edited), viewOf(server)).pairs[0];
    const inj = findings(p.findings, 'corr.injected');
    expect(inj.map((f) => [f.dir, f.line, f.role])).toEqual([['s2c', at + 2, 'data']]);
    expect(p.verdict.code).toBe('corr.injected');
    expect(p.onlyClient).toEqual([at + 2]);
  });
});

describe('captures that do not cover the same time', () => {
  it('a server capture stopped early: the client’s last segments are not judged lost or forged', () => {
    const lines = server.trimEnd().split('\n');
    const early = lines.slice(0, -4).join('\n'); // the server's FIN and the client's last ACK, two -v lines each
    const p = pairCaptures(viewOf(client), viewOf(early)).pairs[0];
    expect(p.onlyClient).toEqual([10, 11]);
    expect(p.timeline.filter((e) => e.kind !== 'both').map((e) => [e.dir, e.status])).toEqual([
      ['s2c', 'not-captured'],
      ['c2s', 'not-captured'],
    ]);
    expect(findings(p.findings, 'corr.not_captured')).toEqual([
      { code: 'corr.not_captured', dir: 'c2s', side: 'server', count: 1 },
      { code: 'corr.not_captured', dir: 's2c', side: 'server', count: 1 },
    ]);
    expect(p.verdict.code).toBe('corr.nat');
  });
});

describe('header fields compared when both captures print them', () => {
  it('TTL and IP ID (-v on both sides): two routers between the capture points; IP IDs match the segments', () => {
    // The server capture as the near side, and a copy whose TTLs are 2 lower, as seen two routers on.
    const later = server.replace(/ttl (\d+), id/g, (_m, t) => `ttl ${+t - 2}, id`);
    const r = pairCaptures(viewOf(server), viewOf(later));
    const p = r.pairs[0];
    expect(p.evidence.filter((e) => e.kind === 'ip-id').map((e) => [e.dir, e.count])).toEqual([
      ['c2s', 6],
      ['s2c', 5],
    ]);
    expect(findings(p.findings, 'corr.ttl_decrement')).toEqual([{ code: 'corr.ttl_decrement', dir: 'c2s', hops: 2 }]);
  });

  it('a window clamped toward the client: corr.window_rewritten with the first values and the count', () => {
    const clamped = client.replace(/(198\.51\.100\.2\.80 > [^\n]*)win 64,/g, '$1win 32,');
    const p = pairCaptures(viewOf(clamped), viewOf(server)).pairs[0];
    expect(findings(p.findings, 'corr.window_rewritten')).toEqual([{ code: 'corr.window_rewritten', dir: 's2c', from: 64, to: 32, count: 4 }]);
    expect(p.rewrites.filter((x) => x.field === 'window')).toEqual([{ field: 'window', dir: 's2c', client: 32, server: 64, line: 5 }]);
    expect(p.verdict.code).toBe('corr.window-rewritten');
  });
});
