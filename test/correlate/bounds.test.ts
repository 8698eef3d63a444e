// Issue 16 item 2: candidate matching is bounded. Synthetic captures generated here (a kernel will not send 2,000
// SYNs with one TS value on demand): work is asserted as a count of alignments, never as a time.

import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { connectionsOf, createPairStream, pairCaptures, type PairStreamEvent } from '../../src/correlate';
import { MATCH_BOUNDS, matchConnections } from '../../src/correlate/match-connections';
import { recordsFromText } from '../../src/input';
import { formatUnpairedText, unpairedJson } from '../../src/report/format-pair';
import { viewOf } from './helpers';

const stamp = (ms: number): string => {
  const s = 11 * 3600 + 19 * 60 + ms / 1000;
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  return `2026-11-21 ${hh}:${mm}:${(s % 60).toFixed(6).padStart(9, '0')}`;
};

/** `n` SYNs of distinct connections, all with one TS value (synthetic). */
function synBurst(n: number, opts: { isn?: (i: number) => number; ts?: number; port?: number } = {}): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const isn = opts.isn ? opts.isn(i) : 1_000_000 + i * 7919;
    out.push(`${stamp(i)} IP 192.0.2.2.${10000 + i} > 198.51.100.2.${opts.port ?? 80}: Flags [S], seq ${isn}, win 64240, options [mss 1460,sackOK,TS val ${opts.ts ?? 12345} ecr 0,nop,wscale 10], length 0`);
  }
  return out.join('\n');
}

/** `n` short connections (handshake, RST), ten sharing each TS value; `nat` rewrites the client address, port and ISN (synthetic). */
function shortConns(n: number, nat: boolean): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = (nat ? 700_000 : 100_000) + i * 7919;
    const b = 900_000 + i * 104729;
    const tv = 5000 + Math.floor(i / 10);
    const c = nat ? `203.0.113.9.${30000 + i}` : `192.0.2.2.${10000 + i}`;
    const s = '198.51.100.2.80';
    out.push(`${stamp(4 * i)} IP ${c} > ${s}: Flags [S], seq ${a}, win 64240, options [mss 1460,sackOK,TS val ${tv} ecr 0,nop,wscale 10], length 0`);
    out.push(`${stamp(4 * i + 1)} IP ${s} > ${c}: Flags [S.], seq ${b}, ack ${a + 1}, win 65160, options [mss 1460,sackOK,TS val ${tv} ecr ${tv},nop,wscale 10], length 0`);
    out.push(`${stamp(4 * i + 2)} IP ${c} > ${s}: Flags [.], ack ${b + 1}, win 63, options [nop,nop,TS val ${tv} ecr ${tv}], length 0`);
    out.push(`${stamp(4 * i + 3)} IP ${c} > ${s}: Flags [R.], seq ${a + 1}, ack ${b + 1}, win 63, options [nop,nop,TS val ${tv} ecr ${tv}], length 0`);
  }
  return out.join('\n');
}

describe('bounded candidate matching', () => {
  it('2,000 SYNs sharing one TS value, paired with themselves: one alignment each (the ISN is the rare token)', () => {
    const conns = connectionsOf(viewOf(synBurst(2000)));
    const r = matchConnections(conns, conns, null);
    expect(r.alignments).toBe(2000);
    expect(r.matches).toHaveLength(2000);
    expect(r.matches.every((m) => m.ci === m.si)).toBe(true);
    expect(r.gaveUp.size).toBe(0);
  });

  it('a 2,200-connection capture paired with itself (issue 16 item 2, the second reproducer): each with itself, bounded', () => {
    const text = shortConns(2200, false);
    const r = matchConnections(connectionsOf(viewOf(text)), connectionsOf(viewOf(text)), null);
    expect(r.matches).toHaveLength(2200);
    expect(r.matches.every((m) => m.ci === m.si)).toBe(true);
    expect(r.alignments).toBeLessThanOrEqual(MATCH_BOUNDS.candidates * 2200);
  });

  it('a NAT-like pair of 1,000 connections, ten per TS value: each paired with its twin, at most 8 alignments each', () => {
    const report = pairCaptures(viewOf(shortConns(1000, false)), viewOf(shortConns(1000, true)));
    expect(report.pairs).toHaveLength(1000);
    expect(report.unpaired).toHaveLength(0);
    expect(report.pairs.every((p) => p.client.conn === p.server.conn)).toBe(true);
    const c = connectionsOf(viewOf(shortConns(1000, false)));
    const s = connectionsOf(viewOf(shortConns(1000, true)));
    const r = matchConnections(c, s, null);
    // Each connection shares its TS values with ten others (rare enough to index) and its SYN-ACK ISN with its twin
    // alone: ten candidates, cut to the cap.
    expect(r.alignments).toBe(MATCH_BOUNDS.candidates * 1000);
  });

  it('the same NAT pair as a stream: every pair found, alignments bounded by the candidate cap', () => {
    const st = createPairStream();
    const c = parseRecords(recordsFromText(shortConns(1000, false)));
    const v = parseRecords(recordsFromText(shortConns(1000, true)));
    const events: PairStreamEvent[] = [];
    for (let i = 0; i < c.length; i++) {
      events.push(...st.push('client', c[i]));
      events.push(...st.push('server', v[i]));
    }
    events.push(...st.finish());
    const pairs = events.filter((e) => e.kind === 'pair');
    expect(pairs).toHaveLength(1000);
    expect(events.filter((e) => e.kind === 'unpaired')).toHaveLength(0);
    expect(st.alignments).toBeLessThanOrEqual(2 * MATCH_BOUNDS.candidates * 1000);
  });

  // Client: 100 alike SYNs (one ISN, one TS value); server: 100 other connections to the same port, none of them the
  // twin. No rare token, so each client is aligned with the 8 nearest in capture order only, and says it gave up.
  const crowd = () => {
    const client = viewOf(synBurst(100, { isn: () => 5_000_000, ts: 777 }));
    const server = viewOf(synBurst(100, { isn: (i) => 3_000_000 + i * 104729, ts: 999 }));
    return { client, server };
  };

  it('a crowd with no rare token: 8 alignments per connection, and every unpaired one says it gave up', () => {
    const { client, server } = crowd();
    const r = matchConnections(connectionsOf(client), connectionsOf(server), null);
    expect(r.alignments).toBe(100 * MATCH_BOUNDS.candidates);
    const report = pairCaptures(client, server);
    expect(report.pairs).toHaveLength(0);
    const cu = report.unpaired.filter((u) => u.side === 'client');
    const su = report.unpaired.filter((u) => u.side === 'server');
    expect(cu).toHaveLength(100);
    expect(cu.every((u) => u.gaveUp?.alike === 100 && u.gaveUp.compared === 8)).toBe(true);
    // Server c1 is among the 8 nearest of clients c1..c5 (positions 0..4): 5 compared it.
    expect(su[0].gaveUp).toEqual({ alike: 100, compared: 5 });
    expect(unpairedJson(cu[0]).gaveUp).toEqual({ alike: 100, compared: 8 });
  });

  it('says so in English and Chinese', () => {
    const { client, server } = crowd();
    const u = pairCaptures(client, server).unpaired.find((x) => x.side === 'client' && x.conn.conn === 'c50')!;
    expect(formatUnpairedText(u, 'en').split('\n').at(-1)).toBe(
      '  Search cut short: at least 100 connections of the other capture looked alike (a shared TS value or the same ports) and only the 8 nearest in capture order were compared; its twin may be among the others.',
    );
    expect(formatUnpairedText(u, 'zh-CN').split('\n').at(-1)).toBe(
      '  查找已提前停止：另一份抓包中至少有 100 条连接看起来相似（相同的 TS 值或相同的端口），只比较了抓包顺序上最接近的 8 条；它的另一半可能在没比较的那些连接里。',
    );
  });
});
