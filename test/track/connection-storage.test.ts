// How a connection stores its state (connection.ts): numbers in one double array per connection, booleans as bits,
// rare facts in groups allocated by the first write of a value other than the default. Behaviour must not depend on
// it: sequence numbers near 2^32 keep their exact values, defaults read the same whether a group exists or not.

import { describe, expect, it } from 'vitest';
import { newConnection, ringFind, ringPush, ringSpan, ringTime, RING } from '../../src/track/connection';
import { noteSegment } from '../../src/track/problems';
import { track } from './helpers';

const client = { host: '192.0.2.2', port: 40001, service: null };
const server = { host: '198.51.100.2', port: 80, service: null };

/** The internal groups of a connection and its flows (not part of the Connection/Flow interfaces). */
function groups(conn: ReturnType<typeof newConnection>): unknown[] {
  const c = conn as unknown as { tallies: unknown; c: { rare: unknown; ip: unknown }; s: { rare: unknown; ip: unknown } };
  return [c.tallies, c.c.rare, c.c.ip, c.s.rare, c.s.ip];
}

describe('connection storage', () => {
  it('a bare SYN allocates no problem counters and none of the rare groups; defaults read as before', () => {
    const conn = newConnection('c1', client, server, false, 1, 0.5);
    conn.c.packets++;
    conn.c.isn = 4294967290;
    conn.c.synCount = 1;
    conn.c.firstSynTime = 0.5;
    // What the tracker writes on every segment, with default values: nothing is allocated for them.
    conn.s.kaPending = false;
    conn.c.rtxSpurious = false;
    conn.proseBreaksAtFirst = 0;
    conn.previous = null;
    noteSegment(conn, 'client', [], 1, 0.5, -1, -1, 64240);
    expect(conn.problems).toBeNull();
    expect(groups(conn)).toEqual([null, null, null, null, null]);
    expect([conn.c.kaSent, conn.c.kaLastTime, conn.c.kaAckTsVal, conn.c.zwTime, conn.c.rtxSeq, conn.c.sackHigh, conn.c.ttl, conn.c.df]).toEqual([0, NaN, -1, NaN, -1, -1, -1, -1]);
    expect([conn.reset, conn.evictedAt, conn.kaTimeoutBy, conn.rtxRto, conn.zwStallSeconds, conn.sawClosing]).toEqual([null, null, null, 0, 0, false]);
    expect([conn.c.isn, conn.c.firstSynTime, conn.firstTime, conn.lastTime, conn.hs.synTime]).toEqual([4294967290, 0.5, 0.5, 0.5, NaN]);
    // A second segment without findings: the counters come (silences are timed from the second segment on).
    conn.s.packets++;
    noteSegment(conn, 'server', [], 2, 0.6, -1, 4294967291, 0);
    expect(conn.problems).not.toBeNull();
  });

  it('a value other than the default allocates its group, and every field of the group reads back', () => {
    const conn = newConnection('c1', client, server, true, 7, NaN);
    expect([conn.roleGuessed, conn.firstUntimed, conn.lastUntimed, conn.closed, conn.mode, conn.textBits]).toEqual([true, true, true, false, 0, 0]);
    conn.c.kaSent = 2;
    conn.c.rtxSeq = 4294967295;
    conn.s.ttl = 64;
    conn.evictedAt = 9;
    conn.mode = 2;
    conn.textBits |= 2;
    conn.closed = true;
    conn.c.histMask |= 0x20;
    conn.c.finSeen = true;
    expect(groups(conn).map((g) => g !== null)).toEqual([true, true, false, false, true]);
    expect([conn.c.kaSent, conn.c.rtxSeq, conn.c.zwTime, conn.s.ttl, conn.s.ipId, conn.evictedAt, conn.reset]).toEqual([2, 4294967295, NaN, 64, -1, 9, null]);
    expect([conn.mode, conn.textBits, conn.closed, conn.roleGuessed, conn.c.histMask, conn.c.finSeen, conn.c.finAcked]).toEqual([2, 2, true, true, 0x20, true, false]);
    conn.c.finSeen = false;
    expect([conn.c.histMask, conn.c.finSeen]).toEqual([0x20, false]);
  });

  it('the flows share one double array without overlapping: sequence numbers above 2^31 stay exact', () => {
    const conn = newConnection('c1', client, server, false, 1, 12.25);
    conn.c.nextSeq = 4294967295;
    conn.s.nextSeq = 2147483648;
    conn.c.dataTime = 1.000001;
    conn.hs.rtt = 0.000123;
    expect([conn.c.nextSeq, conn.s.nextSeq, conn.c.isn, conn.s.isn, conn.c.dataTime, conn.s.dataTime, conn.hs.rtt, conn.firstTime]).toEqual([
      4294967295, 2147483648, -1, -1, 1.000001, NaN, 0.000123, 12.25,
    ]);
  });

  it('the retransmission ring grows past its first 4 entries and finds the segment that holds a byte', () => {
    const conn = newConnection('c1', client, server, false, 1, 0);
    const f = conn.c;
    // Six 100-byte segments from 4294967000, the third crossing 2^32 (4294967200 to 4).
    for (let i = 0; i < 6; i++) ringPush(f, (4294967000 + i * 100) % 2 ** 32, (4294967100 + i * 100) % 2 ** 32, 10 + i, i / 10);
    expect([ringFind(f, 4294967000), ringFind(f, 204), ringTime(f, 4), ringFind(f, 304)]).toEqual([10, 15, 0.3, null]);
    // A byte inside a segment (a resend of its tail), across the wrap too: that segment, its start and end.
    expect([ringFind(f, 4294967150), ringFind(f, 1), ringSpan(f, 1), ringFind(f, 303)]).toEqual([11, 12, [4294967200, 4], 15]);
    // Slots never written match nothing: a flow without data, and bytes below the ring's first segment.
    expect([ringFind(conn.s, 0), ringTime(conn.s, 0), ringFind(f, 4294966999)]).toEqual([null, NaN, null]);
    for (let i = 6; i < RING + 2; i++) ringPush(f, i, i + 1, 100 + i, i);
    // The oldest two were overwritten.
    expect([ringFind(f, 4294967000), ringFind(f, 4294967100), ringFind(f, 4294967200), ringFind(f, RING + 1)]).toEqual([null, null, 12, 100 + RING + 1]);
  });
});

describe('sequence numbers across 2^32 (synthetic: an ISN chosen 6 bytes below the wrap)', () => {
  // Hand-written tcpdump 4.99 text; a kernel picks its ISN itself, so a wrap within the first bytes is made by hand.
  const text = [
    '12:00:00.000001 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [S], seq 4294967290, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
    '12:00:00.000101 IP 198.51.100.2.80 > 192.0.2.2.40001: Flags [S.], seq 3000000000, ack 4294967291, win 65160, options [mss 1460,sackOK,TS val 2 ecr 1,nop,wscale 7], length 0',
    '12:00:00.000201 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 3 ecr 2], length 0',
    '12:00:00.000301 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [P.], seq 1:11, ack 1, win 502, options [nop,nop,TS val 4 ecr 2], length 10',
    '12:00:00.000401 IP 198.51.100.2.80 > 192.0.2.2.40001: Flags [.], ack 11, win 509, options [nop,nop,TS val 5 ecr 4], length 0',
    '12:00:00.000501 IP 192.0.2.2.40001 > 198.51.100.2.80: Flags [P.], seq 1:11, ack 1, win 502, options [nop,nop,TS val 6 ecr 5], length 10',
  ].join('\n');

  it('absolute and relative numbers wrap mod 2^32; the resend of acknowledged bytes is spurious', () => {
    const { segments } = track(text);
    const data = segments[3].a;
    expect([data.absSeq, data.absEnd, data.relSeq, data.relEnd, data.absAck, data.isnSender, data.isnReceiver]).toEqual([4294967291, 5, 1, 11, 3000000001, 4294967290, 3000000000]);
    expect([segments[4].a.absAck, segments[4].a.relAck]).toEqual([5, 11]);
    expect(segments[5].a.findings.map((f) => f.code)).toEqual(['tcp.spurious_retransmission']);
  });
});
