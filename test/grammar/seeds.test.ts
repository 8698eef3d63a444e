// Exact field values from the seeds (real pasted tcpdump text from blog posts), parsed through the grammar.

import { describe, expect, it } from 'vitest';
import { formatSegment, parseRecord, parseRecords, servicePort } from '../../grammar/index';
import type { MetaRecord, RawRecord, TcpRecord } from '../../src/model';
import { recordsFromText } from '../../src/input/index';
import { seedText } from '../helpers/fixtures';

function raw(text: string, line = 1): RawRecord {
  return { line, endLine: line, col: 1, raw: text, text, details: [], dump: [], comments: [] };
}
const tcp = (text: string): TcpRecord => {
  const r = parseRecord(raw(text));
  if (r.kind !== 'tcp') throw new Error(`not tcp: ${JSON.stringify(r)}`);
  return r;
};

describe('seed 000 (wrapped blog paste, host names without ports)', () => {
  it('re-joined SYN-ACK with a space after a comma inside options', () => {
    // The paste wraps `options [mss 1448,...,TS val 615225318 ecr` / `2745901398, sackOK,eol], length 0`.
    const r = tcp(
      'remote_mch_IP > local_IP: Flags [S.], seq 4207730004, ack 3477165559, win 4344, options [mss 1448,nop,wscale 0,nop,nop,TS val 615225318 ecr 2745901398, sackOK,eol], length 0',
    );
    expect(r.src).toEqual({ host: 'remote_mch_IP', port: null, service: null });
    expect(r.dst).toEqual({ host: 'local_IP', port: null, service: null });
    expect([r.flags, r.seq, r.end, r.ack, r.win, r.len, r.time, r.num]).toEqual(['S.', 4207730004, null, 3477165559, 4344, 0, null, null]);
    expect(r.options).toEqual([
      { kind: 'mss', value: 1448 },
      { kind: 'nop' },
      { kind: 'wscale', value: 0 },
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'ts', val: 615225318, ecr: 2745901398 },
      { kind: 'sackOK' },
      { kind: 'eol' },
    ]);
  });

  it('the first SYN wrapped before a comma (`options [mss 1460` / `,sackOK,...`)', () => {
    const r = tcp('local_IP > remote_mch_IP: Flags [S], seq 3477165558, win 14600, options [mss 1460,sackOK,TS val 2745901398 ecr 0,nop,wscale 7], length 0');
    expect(r.options?.map((o) => o.kind)).toEqual(['mss', 'sackOK', 'ts', 'nop', 'wscale']);
    expect(r.warnings).toEqual([]);
  });

  it('a timestamped line wrapped after `ack 617,` and the RST', () => {
    const r = tcp('17:31:57.351655 IP remote_mch_IP > local_IP: Flags [P.], seq 1:900, ack 617, win 4960, options [nop,nop,TS val 615225514 ecr 0], length 899');
    expect([r.time, r.flags, r.seq, r.end, r.ack, r.win, r.len]).toEqual(['17:31:57.351655', 'P.', 1, 900, 617, 4960, 899]);
    const rst = tcp('remote_mch_IP > local_IP: Flags [R.], seq 1, ack 558, win 0, length 0');
    expect([rst.flags, rst.seq, rst.ack, rst.win, rst.len]).toEqual(['R.', 1, 558, 0, 0]);
  });

  it('through src/input: the 16 segments of the post are tcp records, the prose is text', () => {
    const records = parseRecords(recordsFromText(seedText('000_')));
    const tcps = records.filter((r): r is TcpRecord => r.kind === 'tcp');
    expect(tcps.length).toBe(16);
    expect(tcps[1].options?.at(-2)).toEqual({ kind: 'sackOK' });
    expect(tcps.map((t) => t.flags).join(' ')).toBe('S S. . P. . P. P. . P. . F. . F. . S. R.');
    expect(records.filter((r) => r.kind === 'unparsed')).toEqual([]);
  });
});

describe('seed 001 (-vvXe with names: link header, -v header, service ports)', () => {
  const records = parseRecords(recordsFromText(seedText('001_')));

  it('the command line and the listening banner are meta records', () => {
    const metas = records.filter((r): r is MetaRecord => r.kind === 'meta');
    expect(metas[0].meta).toBe('command');
    expect(metas[0].options).toEqual({ v: true, vv: true, X: true, e: true });
    expect(metas[0].filter).toBe('host 112.65.X.X');
    expect(metas[1]).toMatchObject({ meta: 'listening', iface: 'eth0', linkType: 'EN10MB (Ethernet)', snaplen: 65535 });
  });

  it('the SYN: MACs with oui, ethertype, frame length, IPv4 header, a3-sdunode → 5604, http → 80', () => {
    const syn = records.find((r): r is TcpRecord => r.kind === 'tcp')!;
    expect(syn.time).toBe('09:24:36.947082');
    expect(syn.link).toEqual({
      type: 'ether',
      srcMac: '00:e0:4c:1c:1d:2a',
      dstMac: '38:22:d6:a1:78:66',
      srcOui: 'Unknown',
      dstOui: 'Unknown',
      ethertype: 'IPv4',
      ethertypeCode: 0x0800,
      length: 74,
      vlans: [],
      packetType: null,
      ifindex: null,
    });
    expect(syn.ip).toEqual({
      version: 4, tos: 0, ttl: 64, id: 3092, offset: 0, ipFlags: 'DF', proto: 'TCP', protoNum: 6, length: 60,
      flowlabel: null, hlim: null, extras: [],
    });
    expect(syn.src).toEqual({ host: '188.188.3.240', port: 5604, service: 'a3-sdunode' });
    expect(syn.dst).toEqual({ host: 'www.testaaa.com', port: 80, service: 'http' });
    expect(syn.cksum).toEqual({ value: 0xa4f2, correct: true, expected: null });
    expect([syn.flags, syn.seq, syn.win, syn.len]).toEqual(['S', 2466954207, 14600, 0]);
    expect(syn.dump.length).toBeGreaterThan(0);
  });

  it('six segments: S, S., ., P., P. (retransmitted), R', () => {
    const tcps = records.filter((r): r is TcpRecord => r.kind === 'tcp');
    expect(tcps.map((t) => t.flags)).toEqual(['S', 'S.', '.', 'P.', 'P.', 'R']);
    expect(tcps[3]).toMatchObject({ seq: 1, end: 172, ack: 1, win: 115, len: 171 });
    expect(tcps[5]).toMatchObject({ seq: 1671696167, ack: null, win: 0, len: 0 });
    expect(tcps[5].ip?.ipFlags).toBe('none');
  });
});

describe('seed 003 (-n -S on eth0, stats, -r)', () => {
  const records = parseRecords(recordsFromText(seedText('003_')));
  const metas = records.filter((r): r is MetaRecord => r.kind === 'meta');

  it('command flags and filter', () => {
    expect(metas[0]).toMatchObject({ meta: 'command', options: { n: true, S: true, i: 'eth0' }, filter: 'host www.baidu.com' });
    expect(metas[0].argv).toEqual(['-n', '-S', '-i', 'eth0', 'host', 'www.baidu.com']);
    const withW = metas.find((m) => m.meta === 'command' && m.options?.w !== undefined)!;
    expect(withW.options).toEqual({ n: true, S: true, i: 'eth0', w: 'baidu.pcap' });
    expect(metas.find((m) => m.meta === 'command' && m.options?.r)!.options).toEqual({ r: 'baidu.pcap' });
  });

  it('banners and statistics', () => {
    expect(metas.map((m) => m.meta)).toContain('suppressed');
    const stats = metas.filter((m) => m.meta === 'stats').map((m) => [m.stat, m.count]);
    expect(stats).toEqual([['captured', 26], ['received', 30], ['dropped-kernel', 0]]);
    expect(metas.find((m) => m.meta === 'reading')).toMatchObject({ savefile: 'baidu4.pcap', linkType: 'EN10MB (Ethernet)', snaplen: 262144 });
  });

  it('absolute numbers (-S) and a hex host name (container id)', () => {
    const tcps = records.filter((r): r is TcpRecord => r.kind === 'tcp');
    expect(tcps[0]).toMatchObject({ time: '09:07:00.881609', flags: 'S', seq: 467889658, win: 64240, len: 0 });
    expect(tcps[3]).toMatchObject({ flags: 'P.', seq: 467889659, end: 467889974, ack: 1166385093, len: 315 });
    const named = tcps.find((t) => t.src.host === '3d465f00340e')!;
    expect(named.src).toEqual({ host: '3d465f00340e', port: 56884, service: null });
  });

  it('prose quoting a timestamp is text, not a packet', () => {
    const prose = records.find((r) => r.raw.startsWith('- 08:00:59.640622'))!;
    expect(prose.kind).toBe('text');
    expect(records.find((r) => r.raw === '1.1 启动容器')!.kind).toBe('text');
  });
});

describe('seed 004 (host names with underscores, service ddi-tcp-1)', () => {
  const records = parseRecords(recordsFromText(seedText('004_')));

  it('VM_0_9_centos.ddi-tcp-1 → port 8888', () => {
    const r = records.find((x): x is TcpRecord => x.kind === 'tcp' && x.dst.host === 'VM_0_9_centos')!;
    expect(r.dst).toEqual({ host: 'VM_0_9_centos', port: 8888, service: 'ddi-tcp-1' });
    expect(r.src).toEqual({ host: '106.53.211.6', port: 54296, service: null });
    expect(r).toMatchObject({ time: '16:38:11.960274', flags: 'P.', seq: 2552352431, end: 2552352437, ack: 1375985570, win: 229, len: 6 });
    expect(formatSegment(r)).toBe(
      '106.53.211.6.54296 > VM_0_9_centos.ddi-tcp-1: Flags [P.], seq 2552352431:2552352437, ack 1375985570, win 229, options [nop,nop,TS val 585232425 ecr 585202018], length 6',
    );
  });

  it('prompts with user@host and a path', () => {
    const cmds = records.filter((r): r is MetaRecord => r.kind === 'meta' && r.meta === 'command');
    expect(cmds.map((c) => [c.options, c.filter])).toEqual([
      [{ i: 'eth0' }, 'port 8888'],
      [{ i: 'eth0' }, 'port 8888'],
    ]);
  });

  it('a header glued into prose and cut after `ack 1` is unparsed, with a reason', () => {
    const bad = records.filter((r) => r.kind === 'unparsed');
    expect(bad.length).toBe(1);
    expect(bad[0].kind === 'unparsed' && bad[0].reason).toMatch(/without a 'win' field/);
  });
});

describe('services', () => {
  it('maps names through the IANA registry, tcp first', () => {
    expect(servicePort('http')).toBe(80);
    expect(servicePort('https')).toBe(443);
    expect(servicePort('a3-sdunode')).toBe(5604);
    expect(servicePort('ddi-tcp-1')).toBe(8888);
    expect(servicePort('http-alt')).toBe(8080);
    expect(servicePort('no-such-service-name')).toBeNull();
  });
});

