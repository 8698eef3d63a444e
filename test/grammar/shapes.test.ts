// Exact values for each line shape: timestamps, -e/SLL/SLL2 link headers, -v headers, IPv6, quiet, old style,
// every option kind, truncation, ICMP quoting, non-TCP and meta lines. Lines are copied from the corpus files named.

import { describe, expect, it } from 'vitest';
import { formatSegment, parseRecord, parseRecords } from '../../grammar/index';
import { createSyntaxDiagramsCode } from 'chevrotain';
import { createLexer } from '../../grammar/lexer';
import { TcpdumpParser } from '../../grammar/parser';
import type { LineRecord, MetaRecord, OtherRecord, RawRecord, TcpRecord } from '../../src/model';
import { readCorpus, recordsFromCorpus } from './corpus-records';

const raw = (text: string, details: string[] = []): RawRecord => ({
  line: 1, endLine: 1 + details.length, col: 1, raw: [text, ...details].join('\n'), text, details, dump: [], comments: [],
});
const one = (text: string, details: string[] = []): LineRecord => parseRecord(raw(text, details));
const tcp = (text: string): TcpRecord => {
  const r = one(text);
  if (r.kind !== 'tcp') throw new Error(`expected tcp, got ${JSON.stringify(r)}`);
  return r;
};
const fromFile = (outfile: string, flags = ''): LineRecord[] => parseRecords(recordsFromCorpus(readCorpus(outfile), flags));

describe('grammar artefacts', () => {
  it('the syntax diagram covers the rules (npm run grammar:diagram)', () => {
    const html = createSyntaxDiagramsCode(new TcpdumpParser().getSerializedGastProductions());
    for (const rule of ['batch', 'record', 'addressed', 'looseFields', 'oldSegment', 'optionList', 'otherBody', 'prefixItem']) expect(html).toContain(`"name": "${rule}"`);
  });
});

describe('lexer construction', () => {
  it('every token can use the first-char optimization (ensureOptimizations throws otherwise)', () => {
    expect(() => createLexer(true)).not.toThrow();
  });
  it("the grammar passes Chevrotain's validations (the CLI's instance skips them for startup time)", () => {
    expect(() => new TcpdumpParser()).not.toThrow();
    expect(() => new TcpdumpParser({ skipValidations: true })).not.toThrow();
  });
});

describe('the everyday line in three tokens', () => {
  const names = (line: string) => createLexer(true).tokenize(`${line}\n`).tokens.map((t) => t.tokenType.name);
  const bulk = '11:25:25.870709 IP 198.51.100.2.8081 > 192.0.2.2.50966: Flags [.], seq 111950353:111951801, ack 11, win 64, options [nop,nop,TS val 2663300442 ecr 769373879], length 1448';
  it('head, whole segment, newline, with everyday options or none', () => {
    expect(names(bulk)).toEqual(['PacketHead', 'SegmentLine', 'PopNewline']);
    expect(names('11:25:25.870709 IP 192.0.2.2.50966 > 198.51.100.2.8081: Flags [R.], seq 11, ack 1, win 0, length 0')).toEqual(['PacketHead', 'SegmentLine', 'PopNewline']);
  });
  it('other option lists and truncations fall back to the finer tokens', () => {
    expect(names('11:25:25.870709 IP 192.0.2.2.50966 > 198.51.100.2.8081: Flags [S], seq 1, win 5, options [mss 1460,tfo cookiereq], length 0').slice(0, 3)).toEqual(['PacketHead', 'TcpFlags', 'OptionsOpen']);
    expect(names('11:25:25.870709 IP 192.0.2.2.50966 > 198.51.100.2.8081: Flags [S], seq 1, win 5, options [mss 1460 [|tcp]>')).toContain('OptTruncation');
  });
  it('its values: flags, every field, options, length and the payload tail', () => {
    const r = tcp(bulk);
    expect([r.flags, r.seq, r.end, r.ack, r.win, r.urg, r.len, r.payload, r.options, r.warnings]).toEqual([
      '.', 111950353, 111951801, 11, 64, null, 1448, null, [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'ts', val: 2663300442, ecr: 769373879 }], [],
    ]);
    const v = tcp('11:25:25.870709 IP 192.0.2.2.50966 > 198.51.100.2.8081: Flags [P.], cksum 0x1c2d (incorrect -> 0x6674), seq 1:5, ack 9, win 502, urg 3, length 4: HTTP');
    expect([v.flags, v.cksum, v.seq, v.end, v.ack, v.win, v.urg, v.len, v.payload, v.options]).toEqual([
      'P.', { value: 0x1c2d, correct: false, expected: 0x6674 }, 1, 5, 9, 502, 3, 4, ': HTTP', null,
    ]);
    const note = tcp('11:25:25.870709 IP 192.0.2.2.50966 > 198.51.100.2.8081: Flags [S], seq 1, [ack 7 != 0 while ACK flag not set], win 5, length 0');
    expect([note.ack, note.win, note.warnings]).toEqual([null, 5, ['[ack 7 != 0 while ACK flag not set]']]);
  });
});

describe('timestamps and packet numbers', () => {
  it('the everyday head (time, IP, pair as one token) keeps the time only when nothing but -# precedes it', () => {
    const quoted = tcp('看这行 11:24:52.389447 IP 192.0.2.2.34834 > 198.51.100.2.81: Flags [S], seq 1, win 64240, length 0');
    expect([quoted.time, quoted.src.host, quoted.src.port, quoted.dst.port]).toEqual([null, '192.0.2.2', 34834, 81]);
    const numbered = tcp('    7  -00:00:00.000001 IP6 2001:db8::1.80 > 2001:db8::2.5555: Flags [.], ack 1, win 5, length 0');
    expect([numbered.num, numbered.time, numbered.src.host, numbered.dst.port, numbered.ack]).toEqual([7, '-00:00:00.000001', '2001:db8::1', 5555, 1]);
    const udp = one('11:24:52.389447 IP 192.0.2.2.34834 > 198.51.100.2.81: UDP, length 5');
    expect(udp.kind === 'other' && [udp.time, udp.proto, udp.summary, udp.dst?.port]).toEqual(['11:24:52.389447', 'UDP', 'UDP, length 5', 81]);
  });
  it('-# with -tttt date', () => {
    const r = tcp('    1  2021-12-18 11:21:59.145495 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S], seq 5, win 1024, length 0');
    expect([r.num, r.time]).toEqual([1, '2021-12-18 11:21:59.145495']);
  });
  it('-ttttt --nano delta with the sign column (tcp-handshake-nano-ttttt)', () => {
    const r = tcp('    2   00:00:00.127521774 IP 137.116.81.94.80 > 131.155.215.69.46656: tcp 0');
    expect([r.num, r.time, r.style, r.len, r.flags]).toEqual([2, '00:00:00.127521774', 'quiet', 0, '']);
    expect(formatSegment(r)).toBe('137.116.81.94.80 > 131.155.215.69.46656: tcp 0');
  });
  it('-tt epoch (tcp-handshake-micro-tt), -t none (tcp-handshake-micro-t)', () => {
    expect(tcp('    1  1418145369.924505 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0').time).toBe('1418145369.924505');
    const t = tcp('    1  IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0');
    expect([t.num, t.time]).toEqual([1, null]);
  });
  it('4.99.6 invalid fraction marker (timestamp_invalid_micro)', () => {
    const r = tcp('    2  17:16:10.1000000 (invalid us) IP 137.116.81.94.80 > 131.155.215.69.46656: tcp 0');
    expect(r.time).toBe('17:16:10.1000000');
  });
  it('negative -ttt delta', () => {
    expect(tcp('   7  -00:00:01.500000 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [.], ack 1, win 5, length 0').time).toBe('-00:00:01.500000');
  });
});

describe('link layers', () => {
  it('SLL2 -i any: interface and direction (local499_sll2-synthetic)', () => {
    const [a, b] = fromFile('local499_sll2-synthetic.out') as TcpRecord[];
    expect([a.iface, a.direction, a.link]).toEqual(['lo', 'Out', null]);
    expect([b.iface, b.direction]).toEqual(['?', 'In']);
  });
  it('SLL2 with -e: ifindex and link address (local499_sll2-synthetic-e)', () => {
    const [a] = fromFile('local499_sll2-synthetic-e.out') as TcpRecord[];
    expect(a.link).toMatchObject({ type: 'sll2', ifindex: 1, srcMac: '06:d8:ef:e1:38:28', ethertype: 'IPv4', ethertypeCode: 0x800, length: 96 });
    expect([a.iface, a.direction]).toEqual(['lo', 'Out']);
  });
  it('Ethernet -e without the IP word (local499_synthetic-edgecases-S-e)', () => {
    const r = fromFile('local499_synthetic-edgecases-S-e.out', '-S -e')[0] as TcpRecord;
    expect(r.link).toEqual({
      type: 'ether', srcMac: '02:00:00:00:00:01', dstMac: '02:00:00:00:00:02', srcOui: null, dstOui: null,
      ethertype: 'IPv4', ethertypeCode: 0x0800, length: 74, vlans: [], packetType: null, ifindex: null,
    });
    expect(r.seq).toBe(1000);
  });
  it('Linux cooked v1 -e with packet type, and a VLAN tag', () => {
    const s = tcp('    2  11:02:20.602589  In b6:7f:c8:50:ab:2c ethertype IPv4 (0x0800), length 88: 10.0.1.2.35924 > 10.0.1.1.10000: Flags [.], ack 1, win 5, length 0');
    expect(s.link).toMatchObject({ type: 'sll', packetType: 'In', srcMac: 'b6:7f:c8:50:ab:2c', length: 88 });
    expect(s.direction).toBe('In');
    const v = tcp('02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype 802.1Q (0x8100), length 58: vlan 100, p 0, ethertype IPv4 (0x0800), 10.0.0.1.40006 > 10.0.0.2.80: Flags [none], win 1024, length 0');
    expect(v.link?.vlans).toEqual([{ id: 100, priority: 0, dei: false, ethertype: 'IPv4' }]);
    expect([v.link?.ethertype, v.flags, v.seq]).toEqual(['802.1Q', 'none', null]);
  });
});

describe('-v headers and IPv6', () => {
  it('IPv4 -v header joined with its address line (local499_synthetic-edgecases-vv)', () => {
    const r = tcp('   33  22:13:20.033000 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 40) 10.0.0.1.40005 > 10.0.0.2.80: Flags [S], cksum 0xea54 (incorrect -> 0xfb45), seq 5, win 1024, length 0');
    expect(r.ip).toEqual({ version: 4, tos: 0, ttl: 64, id: 1, offset: 0, ipFlags: 'DF', proto: 'TCP', protoNum: 6, length: 40, flowlabel: null, hlim: null, extras: [] });
    expect(r.cksum).toEqual({ value: 0xea54, correct: false, expected: 0xfb45 });
  });
  it('IPv6 -v on one line with class and flowlabel', () => {
    const r = tcp('    1  2022-08-30 16:12:16.630159 IP6 (class 0xc0, flowlabel 0x4dfd4, hlim 1, next-header TCP (6), payload length 111) fe80::a00:27ff:fe5e:d19e.34394 > fe80::ca5d:fd0d:cd8:1bb7.179: Flags [P.], cksum 0xa597 (correct), seq 2096048450:2096048529, ack 1, win 5, length 79: BGP');
    expect(r.ip).toMatchObject({ version: 6, tos: 0xc0, flowlabel: 0x4dfd4, hlim: 1, proto: 'TCP', protoNum: 6, length: 111, ttl: null });
    expect(r.src).toEqual({ host: 'fe80::a00:27ff:fe5e:d19e', port: 34394, service: null });
    expect(r.payload).toBe(': BGP');
  });
  it('IPv4-mapped IPv6 endpoint keeps its dotted tail', () => {
    const r = tcp('IP6 ::ffff:10.0.0.1.443 > ::1.80: Flags [S], seq 1, win 5, length 0');
    expect([r.src, r.dst]).toEqual([{ host: '::ffff:10.0.0.1', port: 443, service: null }, { host: '::1', port: 80, service: null }]);
  });
});

describe('TCP options', () => {
  const opts = (o: string) => tcp(`IP 10.1.1.1.60000 > 10.1.1.2.8000: Flags [S], seq 0, win 1024, options [${o}], length 0`).options;
  it('sack blocks, echo/cc, uto, unknown, tcp-ao, tfo, exp, md5 (local499_synthetic-edgecases)', () => {
    expect(opts('nop,nop,sack 2 {100:200}{300:400}')).toEqual([{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [[100, 200], [300, 400]] }]);
    expect(opts('echo 42,cc 7')).toEqual([{ kind: 'echo', value: 42 }, { kind: 'cc', value: 7 }]);
    expect(opts('uto 0x8258 16684')).toEqual([{ kind: 'uto', raw: '0x8258', seconds: 16684 }]);
    expect(opts('unknown-99 0xdead')).toEqual([{ kind: 'unknown', name: 'unknown-99', text: ' 0xdead' }]);
    expect(opts('tcp-ao keyid 5 rnextkeyid 6 mac 0x111111111111111111111111')).toEqual([
      { kind: 'tcp-ao', name: 'tcp-ao', text: ' keyid 5 rnextkeyid 6 mac 0x111111111111111111111111' },
    ]);
    expect(opts('tfo  cookie 0102030405060708,eol')).toEqual([{ kind: 'tfo', name: 'tfo', text: '  cookie 0102030405060708' }, { kind: 'eol' }]);
    expect(opts('exp-tfo cookiereq')).toEqual([{ kind: 'exp', name: 'exp-tfo', text: ' cookiereq' }]);
    expect(opts("mss 1460,md5 shared secret not supplied with -M, can't check - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,eol")).toEqual([
      { kind: 'mss', value: 1460 },
      { kind: 'md5', name: 'md5', text: " shared secret not supplied with -M, can't check - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
      { kind: 'eol' },
    ]);
  });
  it('the everyday nop,nop,TS list, alone and with items after it (one array either way)', () => {
    const ts = { kind: 'ts', val: 2663300442, ecr: 769373879 };
    expect(opts('nop,nop,TS val 2663300442 ecr 769373879')).toEqual([{ kind: 'nop' }, { kind: 'nop' }, ts]);
    expect(opts('nop,nop,TS val 2663300442 ecr 769373879,nop,nop,sack 1 {1:2}')).toEqual([
      { kind: 'nop' }, { kind: 'nop' }, ts, { kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [[1, 2]] },
    ]);
    const a = opts('nop,nop,TS val 1 ecr 2');
    const b = opts('nop,nop,TS val 1 ecr 2');
    expect(a).not.toBe(b);
    expect(a?.[2]).not.toBe(b?.[2]);
  });
  it('mptcp with nested brackets (mptcp-v1)', () => {
    const r = tcp('    2  2020-01-13 15:51:06.676888 IP 10.0.2.1.10004 > 10.0.1.1.33306: Flags [S.], seq 791415661, ack 2180756990, win 65535, options [mss 1460,sackOK,TS val 3275212179 ecr 464494241,nop,wscale 8,mptcp 12 capable v1 flags [H] {0x29a6c86981ad933c}], length 0');
    expect(r.options?.at(-1)).toEqual({ kind: 'mptcp', name: 'mptcp', text: ' 12 capable v1 flags [H] {0x29a6c86981ad933c}' });
    expect(r.options?.[2]).toEqual({ kind: 'ts', val: 3275212179, ecr: 464494241 });
  });
  it('glued [len N], [bad opt] (no length follows), truncation inside options', () => {
    expect(opts('wscale 7[len 4],eol')).toEqual([{ kind: 'wscale', value: 7, lenMismatch: 4 }, { kind: 'eol' }]);
    const bad = tcp('   24  22:13:20.024000 IP 10.1.1.1.60009 > 10.1.1.2.8009: Flags [S], seq 900, win 1024, options [[bad opt]');
    expect([bad.options, bad.len, bad.truncated, bad.warnings]).toEqual([[{ kind: 'bad-opt' }], null, true, ['[bad opt]']]);
    const cut = tcp('   32  22:13:20.032000 IP 10.0.0.1.40004 > 10.0.0.2.80: Flags [S], seq 5, win 1024, options [mss 1460,sackOK,TS [|tcp]>');
    expect(cut.options).toEqual([{ kind: 'mss', value: 1460 }, { kind: 'sackOK' }, { kind: 'unknown', name: 'TS', text: ' ' }, { kind: 'truncated', text: '[|tcp]>' }]);
    expect([cut.truncated, cut.len]).toEqual([true, null]);
    expect(formatSegment(cut)).toBe('10.0.0.1.40004 > 10.0.0.2.80: Flags [S], seq 5, win 1024, options [mss 1460,sackOK,TS [|tcp]>');
  });
});

describe('flags, fields and tails', () => {
  it('every flag letter (tcp_eight_lowest_weight_flags_set) and urg', () => {
    const [r] = fromFile('tcp_eight_lowest_weight_flags_set.out') as TcpRecord[];
    expect(r.flags).toBe('FSRP.UEW');
    expect(r.urg).not.toBeNull();
    const u = tcp('IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.U], seq 1:20, ack 45, win 509, urg 3, length 19: HTTP: HTTP/1.1 200 OK');
    expect([u.urg, u.len, u.payload]).toEqual([3, 19, ': HTTP: HTTP/1.1 200 OK']);
  });
  it('4.99.6 -vv ack note in place of ack (geneve-gcp)', () => {
    const r = tcp('IP (tos 0x0, ttl 64, id 55620, offset 0, flags [none], proto TCP (6), length 40) 192.168.100.2.2905 > 192.168.100.1.8080: Flags [none], cksum 0xf547 (correct), seq 760929856, [ack 2028584922 != 0 while ACK flag not set], win 512, length 0');
    expect([r.ack, r.seq, r.win, r.warnings]).toEqual([null, 760929856, 512, ['[ack 2028584922 != 0 while ACK flag not set]']]);
  });
  it('RST payload text with brackets stays the payload', () => {
    const r = tcp('IP 10.0.0.1.80 > 10.0.0.2.1: Flags [R.], seq 1, ack 1, win 0, length 58 [RST+ BIG-IP: [0x11c5672:3045] {peer]');
    expect(r.payload).toBe(' [RST+ BIG-IP: [0x11c5672:3045] {peer]');
  });
  it('header cut after the ports, bare', () => {
    const r = tcp('IP 10.0.0.1.40001 > 10.0.0.2.81:  [|tcp]');
    expect([r.flags, r.truncated, r.payload, r.style]).toEqual(['', true, '[|tcp]', 'new']);
  });
  it('too-short header is a non-tcp record: tcpdump could not decode it', () => {
    const r = one('   31  22:13:20.031000 IP 10.0.0.1.40003 > 10.0.0.2.80:  tcp 4 [bad hdr length 16 - too short, < 20]') as OtherRecord;
    expect([r.kind, r.proto, r.summary]).toEqual(['other', 'TCP', 'tcp 4 [bad hdr length 16 - too short, < 20]']);
  });
});

describe('pre-4.0 syntax (v3.9.8_print-x)', () => {
  const recs = fromFile('v3.9.8_print-x.out', '-x') as TcpRecord[];
  it('SYN, pure ACK and data segments', () => {
    expect(recs[0]).toMatchObject({ style: 'old', flags: 'S', seq: 928549246, end: 928549246, len: 0, ack: null, win: 32767, time: '23:57:35.938066' });
    expect(recs[0].options).toEqual([{ kind: 'mss', value: 16396 }, { kind: 'sackOK' }, { kind: 'ts', val: 1306300950, ecr: 0 }, { kind: 'nop' }, { kind: 'wscale', value: 2 }]);
    expect(recs[2]).toMatchObject({ flags: '.', seq: null, ack: 1, win: 8192, len: null });
    expect(recs[3]).toMatchObject({ flags: 'P', seq: 1, end: 203, len: 202, ack: 1 });
    expect(recs[0].dump.length).toBe(4);
    expect(formatSegment(recs[3])).toBe('127.0.0.1.55920 > 127.0.0.1.80: P 1:203(202) ack 1 win 8192 <nop,nop,timestamp 1306300951 1306300950>');
  });
  it('3.9 -v header on the same line with the cksum after the flags; 3.8 bad checksum wording', () => {
    const line = 'IP (tos 0xc0, ttl  62, id 58628, offset 0, flags [none], proto: TCP (6), length: 173) 12.4.4.4.2051 > 12.1.1.1.179: P, cksum 0xcf18 (correct), 3293077573:3293077694(121) ack 3348108582 win 16384 <nop,nop,timestamp 383131 890299>: BGP, length: 121';
    const r = tcp(line);
    expect(r.ip).toMatchObject({ tos: 0xc0, ttl: 62, id: 58628, ipFlags: 'none', proto: 'TCP', protoNum: 6, length: 173 });
    expect([r.flags, r.cksum, r.seq, r.end, r.len, r.ack, r.win]).toEqual(['P', { value: 0xcf18, correct: true, expected: null }, 3293077573, 3293077694, 121, 3348108582, 16384]);
    expect(line.endsWith(formatSegment(r))).toBe(true);
    const bad = tcp('IP 10.0.0.1.1 > 10.0.0.2.80: S [bad tcp cksum 1c2d (->5e6f)!] 1:1(0) win 5840');
    expect([bad.cksum, bad.warnings]).toEqual([{ value: 0x1c2d, correct: false, expected: 0x5e6f }, ['[bad tcp cksum 1c2d (->5e6f)!]']]);
    expect(formatSegment(bad)).toBe('10.0.0.1.1 > 10.0.0.2.80: S [bad tcp cksum 1c2d (->5e6f)!] 1:1(0) win 5840');
  });
  it('[tcp sum ok] and an application tail', () => {
    const r = tcp('IP 12.4.4.4.2051 > 12.1.1.1.179: P [tcp sum ok] 3293077573:3293077694(121) ack 3348108582 win 16384 <nop,nop,timestamp 383131 890299>: BGP, length: 121');
    expect([r.cksum?.correct, r.seq, r.len, r.payload]).toEqual([true, 3293077573, 121, ': BGP, length: 121']);
  });
});

describe('ICMP quoting and other protocols', () => {
  it('port unreachable without -v: endpoints from the summary', () => {
    const r = one('   27  22:13:20.027000 IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 tcp port 81 unreachable, length 36') as OtherRecord;
    expect([r.kind, r.proto, r.src?.host, r.dst?.host]).toEqual(['other', 'ICMP', '10.0.0.2', '10.0.0.1']);
    expect(r.quoted).toEqual({ proto: 'tcp', src: null, dst: { host: '10.0.0.2', port: 81, service: null }, port: 81 });
  });
  it('-v: the quoted TCP header is parsed into quotedTcp', () => {
    const r = one('   28  22:13:20.028000 IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 72) 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 tcp port 81 unreachable, length 52', [
      '\tIP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 44)',
      '    10.0.0.1.40001 > 10.0.0.2.81: Flags [S], cksum 0xc591 (correct), seq 9999, win 64240, options [mss 1460], length 0',
    ]) as OtherRecord;
    expect(r.kind).toBe('other');
    expect(r.quotedTcp).toMatchObject({ kind: 'tcp', flags: 'S', seq: 9999, src: { host: '10.0.0.1', port: 40001 }, dst: { port: 81 } });
    expect(r.quoted?.src).toEqual({ host: '10.0.0.1', port: 40001, service: null });
  });
  it('UDP, DNS, ARP, ICMPv6 are other records', () => {
    const u = one('IP 9.182.64.0.45432 > 217.89.31.229.50003: UDP, length 4') as OtherRecord;
    expect([u.proto, u.src?.port, u.summary]).toEqual(['UDP', 45432, 'UDP, length 4']);
    const d = one('IP 192.168.1.11.43966 > 209.87.249.18.53: 22836+ [1au] A? www.tcpdump.org. (56)') as OtherRecord;
    expect([d.kind, d.proto]).toEqual(['other', 'DNS']);
    const a = one('    1  2019-04-11 17:16:39.743518 ARP, Ethernet (len 6), IPv4 (len 4), Request who-has 1.0.2.1 tell 1.0.2.2, length 28') as OtherRecord;
    expect([a.kind, a.proto, a.src, a.summary]).toEqual(['other', 'ARP', null, 'Ethernet (len 6), IPv4 (len 4), Request who-has 1.0.2.1 tell 1.0.2.2, length 28']);
    const n = one('IP6 (hlim 255, next-header ICMPv6 (58), payload length 24) :: > ff02::1:ff46:e884: [icmp6 sum ok] ICMP6, neighbor solicitation, length 24') as OtherRecord;
    expect([n.kind, n.proto, n.src?.host, n.dst?.host, n.ip?.hlim]).toEqual(['other', 'ICMP6', '::', 'ff02::1:ff46:e884', 255]);
  });
});

describe('meta and prose', () => {
  it('banners, statistics, warnings, interrupt', () => {
    const kinds = parseRecords(
      [
        'tcpdump: listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes',
        'reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 65535',
        'Warning: interface names might be incorrect',
        '^C',
        '1 packet captured',
        '3 packets dropped by interface',
        'tcpdump: eth0: You don\'t have permission to capture on that device',
      ].map((t) => raw(t)),
    ) as MetaRecord[];
    expect(kinds.map((k) => k.meta)).toEqual(['listening', 'reading', 'warning', 'interrupt', 'stats', 'stats', 'error']);
    expect([kinds[0].iface, kinds[0].linkType, kinds[0].snaplen]).toEqual(['any', 'LINUX_SLL2 (Linux cooked v2)', 262144]);
    expect([kinds[4].stat, kinds[4].count, kinds[5].stat, kinds[5].count]).toEqual(['captured', 1, 'dropped-interface', 3]);
  });
  it('command lines: prompts, sudo, option clusters, arguments', () => {
    const c = one('$ sudo tcpdump -nn -i any -w out.pcap -tttt -c10 port 80 and host 10.0.0.1') as MetaRecord;
    expect(c.options).toEqual({ n: true, nn: true, i: 'any', w: 'out.pcap', t: true, tt: true, ttt: true, tttt: true, c: '10' });
    expect(c.filter).toBe('port 80 and host 10.0.0.1');
  });
  it('prose, and prose that mentions tcpdump, is text', () => {
    expect(one('抓包用的是 sudo tcpdump host 131.87.110.XX -i eth0').kind).toBe('text');
    expect(one('Flags [S] means SYN').kind).toBe('text');
  });
  it('a line that breaks the grammar says in words what was found where, and what tcpdump prints there', () => {
    const reason = (text: string) => {
      const r = one(text);
      return r.kind === 'unparsed' ? r.reason : `not unparsed: ${r.kind}`;
    };
    const head = '11:00:00.000000 IP 192.0.2.2.40001 > 198.51.100.2.80: ';
    const noWin = `${head}Flags [S], seq 1, win`;
    expect(noWin.lastIndexOf('win') + 1).toBe(73);
    expect(reason(noWin)).toBe("TCP segment: unexpected 'win' at column 73, expected the end of the line");
    const openList = `${head}Flags [S], seq 1, win 5, options [mss 1460`;
    expect(openList.length + 1).toBe(97);
    expect(reason(openList)).toBe("TCP segment: the line ends at column 97, expected ']', '>', '], length N' or an option");
    expect(reason(`${head}S 1:1(0) win`)).toBe("TCP segment: unexpected 'win' at column 64, expected the end of the line");
    // Batched with other records, the column still counts from the record's own start.
    const batch = parseRecords([raw('hello'), raw(noWin)]);
    expect(batch[1].kind === 'unparsed' && batch[1].reason).toBe("TCP segment: unexpected 'win' at column 73, expected the end of the line");
  });
  it('never throws on hostile input', () => {
    const junk = ['\u0000\u0001 > :', '[[[[', 'options [', 'IP a > b: Flags [S], seq', '    ', 'x'.repeat(5000), '> > > : : :'];
    const out = parseRecords(junk.map((t) => raw(t)));
    expect(out.map((r) => r.kind)).toEqual(['text', 'text', 'text', 'unparsed', 'text', 'text', 'text']);
  });
});

describe('hostile input', () => {
  it('cut and corrupted corpus lines never throw and give one record each', () => {
    const lines = readCorpus('local499_synthetic-edgecases-vv.out').split('\n').concat(readCorpus('mptcp-v1.out').split('\n'));
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const raws: RawRecord[] = [];
    for (let k = 0; k < 3000; k++) {
      const l = lines[rand(lines.length)];
      const cut = l.slice(0, rand(l.length + 1));
      const pos = rand(cut.length + 1);
      const junk = ['[', ']', '<', '>', ',', ':', ' > ', '\t', 'Flags [', 'options [', '\u3000', '[|tcp]'][rand(12)];
      raws.push(raw(cut.slice(0, pos) + junk + cut.slice(pos)));
    }
    const out = parseRecords(raws);
    expect(out.length).toBe(raws.length);
    const kinds = new Set(out.map((r) => r.kind));
    for (const k of kinds) expect(['tcp', 'other', 'meta', 'text', 'unparsed']).toContain(k);
    expect(kinds.has('unparsed')).toBe(true);
    expect(out.every((r, i) => r.raw === raws[i].raw)).toBe(true);
  });
});
