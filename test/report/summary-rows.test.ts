// summary's columnar rows (src/report/summary.ts SummaryRows): every field a formatter reads comes back exactly as
// the verdict had it, including what the typed arrays store in another form (null as NaN, `c<n>` as n, a service
// name instead of a port, finding counts in their key order).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import type { ConnectionVerdict } from '../../src/model/verdict';
import { SummaryCollector } from '../../src/report/summary';
import { createTracker } from '../../src/track';

function verdicts(file: string): ConnectionVerdict[] {
  const tracker = createTracker();
  const out: ConnectionVerdict[] = [];
  for (const rec of parseRecords(recordsFromText(readFileSync(file, 'utf8')))) out.push(...tracker.push(rec).closed);
  out.push(...tracker.finishEach());
  return out;
}

describe('summary rows kept in typed arrays', () => {
  it('a real connection comes back field for field (zero-window capture)', () => {
    const [v] = verdicts('samples/zero-window/client.txt');
    const c = new SummaryCollector(false);
    c.add(v, 'samples/zero-window/client.txt');
    const [row] = c.result('start').rows;
    expect(row).toEqual({
      id: 'c1',
      conn: 'c1',
      file: 'samples/zero-window/client.txt',
      client: '192.0.2.2:40007',
      server: '198.51.100.2:80',
      roleGuessed: false,
      start: 1795260048.757641,
      duration: 3.103244,
      packets: { c2s: 55, s2c: 30 },
      bytes: { c2s: 65608, s2c: 78 },
      handshakeRtt: 0.000134,
      retransmissions: 1,
      lost: 0,
      dupAcks: 0,
      zeroWindowStalls: 1,
      zeroWindowSeconds: 2.856411,
      verdict: 'normal-close',
      severity: 'warn',
      connState: 'SF',
      history: 'ShADaTwdFf',
      firstLine: 1,
      lastLine: 85,
      findingCounts: v.findingCounts,
      order: 0,
    });
    // Key order matters: JSON and CSV print the codes in it.
    expect(Object.entries(row.findingCounts)).toEqual([
      ['tcp.retransmission', 1], ['tcp.zero_window', 3], ['tcp.zero_window_probe', 3], ['tcp.zero_window_probe_ack', 2], ['tcp.zero_window_stall', 1],
      ['tcp.dsack', 1], ['tcp.window_full', 23], ['tcp.window_update', 1], ['tcp.handshake_rtt', 1], ['tcp.options_negotiated', 1],
    ]);
  });

  it('what the arrays store differently: another id form, a service name, unknown times, several inputs (synthetic changes of a real verdict)', () => {
    const [v] = verdicts('samples/refused/server.txt');
    const odd: ConnectionVerdict = {
      ...v,
      conn: 'c007',
      client: { host: '2001:db8::1', port: 40003, service: null },
      server: { host: 'VM_0_9_centos', port: null, service: 'http' },
      start: null,
      duration: null,
      handshakeRtt: null,
      findingCounts: {},
    };
    const c = new SummaryCollector(true, ['a/x.txt', 'b/x.txt']);
    c.add(v, 'a/x.txt');
    c.add(odd, 'b/x.txt');
    const data = c.result('start');
    expect(data.rows.length).toBe(2);
    const [a, b] = data.rows;
    expect([a.id, a.client, a.server, a.verdict, a.severity]).toEqual(['a/x.txt#c1', '192.0.2.2:40003', '198.51.100.2:81', 'refused', 'error']);
    expect([b.id, b.conn, b.client, b.server, b.start, b.duration, b.handshakeRtt, b.findingCounts, b.order]).toEqual([
      'b/x.txt#c007', 'c007', '[2001:db8::1]:40003', 'VM_0_9_centos:http', null, null, null, {}, 1,
    ]);
    // --sort start: a connection without a time goes last.
    expect([...c.result('start').rows][1].conn).toBe('c007');
  });
});
