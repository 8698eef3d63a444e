// The streaming pairer gives the batch result, and releases connections whose twin cannot come any more.

import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { createPairStream, pairCaptures, type ConnectionPair, type PairStreamEvent } from '../../src/correlate';
import { recordsFromText } from '../../src/input';
import type { LineRecord } from '../../src/model';
import { sampleText, seed004, viewOf } from './helpers';

const records = (text: string): LineRecord[] => parseRecords(recordsFromText(text));

/** Feeds both captures in turn, a few records at a time, as the CLI does with two inputs. */
function stream(client: string, server: string, opts: Parameters<typeof createPairStream>[0] = {}, chunk = 3): PairStreamEvent[][] {
  const s = createPairStream(opts);
  const c = records(client);
  const v = records(server);
  const steps: PairStreamEvent[][] = [];
  for (let i = 0; i < Math.max(c.length, v.length); i += chunk) {
    const out: PairStreamEvent[] = [];
    for (const r of c.slice(i, i + chunk)) out.push(...s.push('client', r));
    for (const r of v.slice(i, i + chunk)) out.push(...s.push('server', r));
    steps.push(out);
  }
  steps.push(s.finish());
  return steps;
}

const summary = (p: ConnectionPair) => ({
  conns: [p.client.conn, p.server.conn],
  confidence: p.confidence,
  nat: p.nat,
  rewrites: p.rewrites,
  onlyClient: p.onlyClient,
  onlyServer: p.onlyServer,
  findings: p.findings,
  verdict: p.verdict.code,
});

describe('createPairStream', () => {
  const cases: Array<[string, string, string]> = [
    ...['nat-basic', 'nat-mss-clamp', 'nat-forged-rst', 'nat-drops', 'nat-keepalive-cut'].map((n) => [n, sampleText(n, 'client'), sampleText(n, 'server')] as [string, string, string]),
    ['seed 004', `${seed004().handshake.client}\n${seed004().data.client}`, `${seed004().handshake.server}\n${seed004().data.server}`],
  ];
  it.each(cases)('%s: same pairs, findings and verdict as the batch pairing', (_name, client, server) => {
    const batch = pairCaptures(viewOf(client), viewOf(server));
    const events = stream(client, server).flat();
    const pairs = events.flatMap((e) => (e.kind === 'pair' ? [e.pair] : []));
    expect(pairs.map(summary)).toEqual(batch.pairs.map(summary));
    expect(events.filter((e) => e.kind === 'unpaired')).toEqual([]);
  });

  it('pairs a connection once both captures have moved settleSeconds past it, before the end of input', () => {
    const client = `${sampleText('nat-basic', 'client')}\n${sampleText('nat-drops', 'client')}`;
    const server = `${sampleText('nat-basic', 'server')}\n${sampleText('nat-drops', 'server')}`;
    const steps = stream(client, server, {}, 10);
    const ports = (s: PairStreamEvent[]) => s.flatMap((e) => (e.kind === 'pair' ? [e.pair.client.client.port] : []));
    expect(steps.slice(0, -1).flatMap(ports)).toEqual([40014]);
    expect(ports(steps[steps.length - 1])).toEqual([40017]);
  });

  it('reports a closed connection unpaired once the other capture is past the window, not at the end', () => {
    // Client: nat-basic (closes at 11:22:46.42), nat-drops, nat-keepalive-cut (11:33); server: the last two only.
    const client = ['nat-basic', 'nat-drops', 'nat-keepalive-cut'].map((n) => sampleText(n, 'client')).join('\n');
    const server = ['nat-drops', 'nat-keepalive-cut'].map((n) => sampleText(n, 'server')).join('\n');
    const steps = stream(client, server, { windowSeconds: 1 }, 50);
    const name = (e: PairStreamEvent) => (e.kind === 'pair' ? `pair ${e.pair.client.client.port}` : `unpaired ${e.unpaired.side} ${e.unpaired.conn.client.port}`);
    expect(steps.slice(0, -1).flat().map(name)).toEqual(['pair 40017', 'unpaired client 40014']);
    expect(steps[steps.length - 1].map(name)).toEqual(['pair 40018']);
  });

  it('holds at most maxPending closed connections per side', () => {
    const client = `${sampleText('nat-basic', 'client')}\n${sampleText('nat-mss-clamp', 'client')}`;
    const steps = stream(client, sampleText('nat-drops', 'server'), { maxPending: 1 }, 100);
    const released = steps.slice(0, -1).flat();
    expect(released.map((e) => (e.kind === 'unpaired' ? [e.unpaired.side, e.unpaired.conn.client.port] : e.kind))).toEqual([['client', 40014]]);
    const end = steps[steps.length - 1];
    expect(end.map((e) => (e.kind === 'unpaired' ? [e.unpaired.side, e.unpaired.conn.client.port] : e.kind))).toEqual([
      ['client', 40015],
      ['server', 61037],
    ]);
  });
});
