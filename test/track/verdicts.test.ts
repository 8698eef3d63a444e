// One verdict per connection on every sample render: code, phase, close kind, Zeek conn_state/history, counts.

import { describe, expect, it } from 'vitest';
import { seedText } from '../helpers/fixtures';
import { sample, sampleFiles, section, track } from './helpers';

interface Expect {
  verdict: string;
  phase?: string | null;
  resetBy?: string | null;
  closeKind?: string | null;
  connState: string;
  history: string;
  bytes?: { c2s: number; s2c: number };
  synRetransmissions?: number;
}

const SCENARIOS: Record<string, Expect> = {
  'handshake-close': { verdict: 'normal-close', closeKind: '4-way', connState: 'SF', history: 'ShADadFf', bytes: { c2s: 86, s2c: 78 } },
  'three-way-close': { verdict: 'normal-close', closeKind: '3-way', connState: 'SF', history: 'ShADadfF', bytes: { c2s: 86, s2c: 78 } },
  refused: { verdict: 'refused', phase: 'handshake', resetBy: 'server', connState: 'REJ', history: 'Sr', bytes: { c2s: 0, s2c: 0 } },
  // Zeek writes T only for a segment with payload (update_last_seq → DidRxmit): the resent SYNs add nothing.
  'no-answer': { verdict: 'no-answer', connState: 'S0', history: 'S', synRetransmissions: 3 },
  'server-abort': { verdict: 'reset-by-server', phase: 'after-request', resetBy: 'server', connState: 'RSTR', history: 'ShADar', bytes: { c2s: 86, s2c: 0 } },
  'client-reset': { verdict: 'reset-by-client', phase: 'mid-transfer', resetBy: 'client', connState: 'RSTO', history: 'ShADadR' },
  'idle-reset': { verdict: 'idle-reset', phase: 'idle', resetBy: 'server', connState: 'RSTR', history: 'ShADadr' },
  'half-closed': { verdict: 'half-closed', connState: 'S2', history: 'ShADadF' },
  keepalive: { verdict: 'normal-close', closeKind: '4-way', connState: 'SF', history: 'ShADadFf' },
  retransmission: { verdict: 'normal-close', closeKind: '4-way', connState: 'SF', history: 'ShADTadFf' },
  'zero-window': { verdict: 'normal-close', closeKind: '3-way', connState: 'SF', history: 'ShADaTwdFf', bytes: { c2s: 65608, s2c: 78 } },
  ipv6: { verdict: 'normal-close', closeKind: '4-way', connState: 'SF', history: 'ShADadFf' },
  'synack-lost': { verdict: 'normal-close', closeKind: '4-way', connState: 'SF', history: 'ShADadFf', synRetransmissions: 1 },
  // The server's kernel ACKed the second request (line 9) that its application never answered, then RST.
  'unread-close': { verdict: 'reset-by-server', phase: 'after-next-request', resetBy: 'server', connState: 'RSTR', history: 'ShADadr', bytes: { c2s: 178, s2c: 78 } },
};

/** Where one render sees a different story: the server never saw the lost first copy. */
const OVERRIDES: Record<string, Partial<Expect>> = {
  'retransmission/server.txt': { history: 'ShADadFf' },
};

describe('verdicts on the samples', () => {
  for (const [scenario, want] of Object.entries(SCENARIOS)) {
    for (const file of sampleFiles(scenario)) {
      // server.txt sees the same story from the other end; -q prints no flags at all.
      if (file === 'q.txt' || (file === 'server.txt' && scenario === 'synack-lost')) continue;
      it(`${scenario}/${file}`, () => {
        const { verdicts } = track(sample(`${scenario}/${file}`));
        expect(verdicts).toHaveLength(1);
        const v = verdicts[0];
        const history = OVERRIDES[`${scenario}/${file}`]?.history ?? want.history;
        expect(v).toMatchObject({ verdict: want.verdict, connState: want.connState, history, roleGuessed: false });
        if (want.phase !== undefined) expect(v.phase).toBe(want.phase);
        if (want.resetBy !== undefined) expect(v.resetBy).toBe(want.resetBy);
        expect(v.closeKind).toBe(want.closeKind ?? null);
        if (want.bytes) expect(v.bytes).toEqual(want.bytes);
        expect(v.synRetransmissions).toBe(want.synRetransmissions ?? 0);
        expect(v.client).toMatchObject({ host: scenario === 'ipv6' ? '2001:db8:1::2' : '192.0.2.2' });
      });
    }
  }

  it('a connection closes on the segment that acks the last FIN, and its verdict is emitted there once', () => {
    const { closedAt, verdicts } = track(sample('handshake-close/n.txt'));
    expect(closedAt.map((c) => c.line)).toEqual([11]);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ firstLine: 1, lastLine: 11, packets: { c2s: 6, s2c: 5 }, states: { client: 'TIME_WAIT', server: 'CLOSED' } });
  });

  it('a RST closes the connection at once; its verdict waits 5 s of capture time for later evidence', () => {
    // Without a grace period the verdict comes on the RST's line.
    expect(track(sample('server-abort/n.txt'), { resetGraceSeconds: 0 }).closedAt.map((c) => [c.line, c.verdict.verdict])).toEqual([[6, 'reset-by-server']]);
    // By default it waits: the capture ends first, so it comes at finish, with the states already CLOSED.
    const alone = track(sample('server-abort/n.txt'));
    expect(alone.closedAt).toEqual([]);
    expect(alone.verdicts.map((v) => [v.verdict, v.states.client, v.states.server])).toEqual([['reset-by-server', 'CLOSED', 'CLOSED']]);
    // A later record more than 5 s after the RST (idle-reset's SYN, 11:21:08 vs 11:19:44.97) releases it.
    const later = sample('idle-reset/n.txt').split('\n')[0];
    const both = track(`${sample('server-abort/n.txt')}${later}\n`);
    expect(both.closedAt.map((c) => [c.line, c.verdict.conn, c.verdict.verdict])).toEqual([[7, 'c1', 'reset-by-server']]);
  });

  it('port-reuse: two connections on one 4-tuple, each closed by its own 3-packet close', () => {
    const { verdicts } = track(sample('port-reuse/n.txt'));
    expect(verdicts.map((v) => [v.conn, v.verdict, v.closeKind, v.firstLine, v.lastLine])).toEqual([
      ['c1', 'normal-close', '3-way', 1, 10],
      ['c2', 'normal-close', '3-way', 11, 20],
    ]);
  });

  it('-q: flags unknown, the connection is incomplete and its roles come from the ports', () => {
    const { verdicts } = track(sample('handshake-close/q.txt'));
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ verdict: 'incomplete', connState: 'OTH', roleGuessed: true, server: { port: 80 }, packets: { c2s: 6, s2c: 5 } });
  });
});

describe('verdicts on the seeds', () => {
  it('seed 000: the second exchange is reset by the server after a 557-byte request', () => {
    const { verdicts, segments } = track(seedText('000'));
    expect(verdicts.map((v) => [v.conn, v.verdict, v.closeKind, v.phase])).toEqual([
      ['c1', 'normal-close', '4-way', null],
      ['c2', 'reset-by-server', null, 'after-request'],
    ]);
    const v = verdicts[1];
    expect(v).toMatchObject({ resetBy: 'server', bytes: { c2s: 557, s2c: 0 }, connState: 'RSTRH', history: 'hr', client: { host: 'local_IP' }, server: { host: 'remote_mch_IP' } });
    const rst = segments[segments.length - 1].a;
    expect(rst).toMatchObject({ printedRelative: true, absSeq: 292384098, absAck: 3465124750, relAck: 558, isnReceiver: 3465124192 });
    expect(segments[segments.length - 2].a.findings[0]).toEqual({ code: 'tcp.new_connection', previousConn: 'c1', newIsn: true });
  });

  it('seed 000: the first exchange closes normally with the numbers of the paste', () => {
    const v = track(seedText('000')).verdicts[0];
    expect(v).toMatchObject({ bytes: { c2s: 616, s2c: 904 }, history: 'ShADadFf', states: { client: 'TIME_WAIT', server: 'CLOSED' } });
  });

  it('seed 001: the glued -vvXe client capture ends with a bare RST from the server', () => {
    const { verdicts } = track(section(seedText('001'), '[root@Cwg ~]# tcpdump -vvXe', '客户端抓包小结'));
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({
      verdict: 'reset-no-connection',
      phase: 'after-request',
      resetBy: 'server',
      resetClass: 'no-connection',
      resetConfidence: 'likely',
      connState: 'RSTR',
      history: 'ShADTr',
      bytes: { c2s: 171, s2c: 0 },
      client: { host: '188.188.3.240', port: 5604, service: 'a3-sdunode' },
      server: { host: 'www.testaaa.com', port: 80 },
    });
    expect(verdicts[0].handshakeRtt).toEqual({ at: 'client', seconds: 0.044437 });
  });

  it('seed 003: every capture in the post gets a verdict, quoted repeats stay in their connection', () => {
    const { verdicts } = track(seedText('003'));
    expect(verdicts.map((v) => [v.client.port, v.verdict, v.closeKind])).toEqual([
      [56878, 'normal-close', '4-way'],
      [56884, 'normal-close', '4-way'],
      [56832, 'incomplete', null],
    ]);
  });
});
