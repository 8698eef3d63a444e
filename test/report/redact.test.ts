import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { captureView, pairCaptures } from '../../src/correlate';
import { recordsFromText } from '../../src/input';
import type { ReportItem } from '../../src/report';
import { annotateText } from '../../src/report/render';
import { createRedactor } from '../../src/report/redact';
import { seedFiles, seedText } from '../helpers/fixtures';

const samples = new URL('../../samples/', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, samples), 'utf8');
const pairScenarios = readFileSync(new URL('MANIFEST', samples), 'utf8')
  .split('\n')
  .filter((l) => l.includes('/server.txt\t'))
  .map((l) => l.split('/')[0]);

/** Everything the TCP analysis decided, without the addresses. */
function analysis(items: ReportItem[]) {
  return items.map((it) =>
    it.kind === 'twins'
      ? { twins: it.report.twins.map((t) => [t.clientView.conn, t.serverView.conn, t.isns.length, t.sameTs]) }
      : it.kind === 'record'
      ? it.analysis && { conn: it.analysis.conn, dir: it.analysis.dir, rel: [it.analysis.relSeq, it.analysis.relAck], states: it.analysis.states, findings: it.analysis.findings.map((f) => f.code) }
      : { conn: it.verdict.conn, verdict: it.verdict.verdict, connState: it.verdict.connState, history: it.verdict.history, bytes: it.verdict.bytes, packets: it.verdict.packets, ports: [it.verdict.client.port, it.verdict.server.port] },
  );
}

const hostsOf = (text: string) => {
  const hosts = new Set<string>();
  for (const r of parseRecords(recordsFromText(text))) if (r.kind === 'tcp') hosts.add(r.src.host).add(r.dst.host);
  return hosts;
};

describe('redaction keeps the analysis and replaces every address', () => {
  for (const scenario of pairScenarios) {
    it(scenario, () => {
      const client = read(`${scenario}/client.txt`);
      const server = read(`${scenario}/server.txt`);
      const r = createRedactor();
      const rc = r.redactText(client);
      const rs = r.redactText(server);
      expect(analysis(annotateText(rc, { lang: 'en' }))).toEqual(analysis(annotateText(client, { lang: 'en' })));
      expect(analysis(annotateText(rs, { lang: 'en' }))).toEqual(analysis(annotateText(server, { lang: 'en' })));
      for (const h of [...hostsOf(client), ...hostsOf(server)]) {
        expect(rc.includes(h) || rs.includes(h), h).toBe(false);
      }
      // Both sides share stand-ins, so the pair still matches connection for connection.
      const pair = (c: string, s: string) => {
        const p = pairCaptures(captureView(parseRecords(recordsFromText(c))), captureView(parseRecords(recordsFromText(s))));
        return { pairs: p.pairs.map((x) => [x.client.conn, x.server.conn, x.verdict]), unpaired: p.unpaired.length };
      };
      // Findings quote addresses (NAT: original → translated): expected with the same stand-ins.
      const originals = [...r.mapping].sort((a, b) => b.original.length - a.original.length);
      const alt = new RegExp(`(?<![\\d.])(${originals.map((m) => m.original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\d])`, 'g');
      const mapped = JSON.parse(JSON.stringify(pair(client, server)).replace(alt, (x) => originals.find((m) => m.original === x)!.standIn));
      expect(pair(rc, rs)).toEqual(mapped);
    });
  }
});

describe('what is replaced', () => {
  it('the same original gets the same stand-in in both captures, in order of first appearance', () => {
    const r = createRedactor();
    const c = r.redactText(read('nat-basic/client.txt'));
    const s = r.redactText(read('nat-basic/server.txt'));
    expect(r.mapping.map((m) => m.kind)).toEqual(r.mapping.map(() => 'ipv4'));
    expect(r.mapping[0].standIn).toBe('198.18.0.2');
    expect(new Set(r.mapping.map((m) => m.standIn)).size).toBe(r.mapping.length);
    const server = r.mapping.find((m) => m.original === '198.51.100.2')!.standIn;
    expect(c).toContain(`${server}.80`);
    expect(s).toContain(`${server}.80`);
  });
  it('payload text goes, the length stays', () => {
    const out = createRedactor().redactText(read('handshake-close/client.txt')).split('\n')[3];
    expect(out).toMatch(/length 86: \[redacted\]$/);
    expect(out).not.toContain('GET');
  });
  it('seed 001 (-vvXe, glued paste): names, MACs and the hex dump', () => {
    const seed = seedText('001');
    const r = createRedactor();
    const out = r.redactText(seed);
    for (const leak of ['www.testaaa.com', '188.188.3.240', '00:e0:4c:1c:1d:2a', '38:22:d6:a1:78:66', '4500 003c 0c14', 'HEAD./.H', 'curl/7.19.7']) {
      expect(out, leak).not.toContain(leak);
    }
    expect(out).toContain('198.18.0.2.a3-sdunode > host-1.example.http: Flags [S]');
    expect(out).toContain('0x0000:  0000 0000 0000 0000 0000 0000 0000 0000  ................');
    expect(r.mapping.filter((m) => m.kind === 'mac').map((m) => m.standIn)).toEqual(['02:00:00:00:00:01', '02:00:00:00:00:02']);
  });
  it('seed 004: host names printed without -n', () => {
    const seed = seedText('004');
    const out = createRedactor().redactText(seed);
    expect(out).not.toContain('VM_0_9_centos');
    expect(out).not.toContain('106.53.211.6');
    expect(out).toMatch(/IP 198\.18\.0\.\d+\.48096 > host-\d+\.ddi-tcp-1: Flags \[S\]/);
  });
});

describe('seeds (pasted blog text): redaction keeps every record kind and the whole analysis', () => {
  const signature = (t: string) =>
    annotateText(t, { lang: 'en' }).map((it) =>
      it.kind === 'record'
        ? [it.rec.kind, it.rec.line, it.analysis?.conn ?? null, it.analysis?.findings.map((f) => f.code) ?? null, it.analysis?.states ?? null]
        : it.kind === 'twins'
          ? [it.report.twins.map((t) => [t.clientView.conn, t.serverView.conn, t.isns, t.sameTs, t.gap]), it.report.clientLines, it.report.serverLines]
          : [it.verdict.verdict, it.verdict.history, it.verdict.connState],
    );
  for (const name of seedFiles()) {
    it(name, () => {
      const text = seedText(name);
      expect(signature(createRedactor().redactText(text))).toEqual(signature(text));
    });
  }
});
