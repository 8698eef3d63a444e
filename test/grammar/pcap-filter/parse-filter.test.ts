import { readFileSync } from 'node:fs';
import { generateCstDts } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { formatFilter, parseFilter } from '../../../grammar/pcap-filter/index';
import { pcapFilterParser } from '../../../grammar/pcap-filter/parser';
import { scanWord } from '../../../grammar/pcap-filter/scan-word';

/** Parse and return how libpcap reads it (all qualifiers written out, and/or grouped). */
function reading(text: string): string {
  const r = parseFilter(text);
  expect(r.errors, text).toEqual([]);
  return formatFilter(r.ast!);
}

describe('pcap-filter(7) and tcpdump(1) EXAMPLES', () => {
  const cases: Array<[string, string]> = [
    ['host sundown', 'host sundown'],
    ['host helios and ( hot or ace )', 'host helios and (host hot or host ace)'],
    ['ip host ace and not helios', 'ip host ace and not ip host helios'],
    ['net ucb-ether', 'net ucb-ether'],
    ['gateway snup and (port ftp or ftp-data)', 'gateway snup and (port ftp or port ftp-data)'],
    ['ip and not net localnet', 'ip and not net localnet'],
    [
      'tcp[tcpflags] & (tcp-syn|tcp-fin) != 0 and not src and dst net localnet',
      'tcp[tcpflags] & (tcp-syn | tcp-fin) != 0 and not src and dst net localnet',
    ],
    ['tcp[tcpflags] & (tcp-rst|tcp-ack) == (tcp-rst|tcp-ack)', 'tcp[tcpflags] & (tcp-rst | tcp-ack) == tcp-rst | tcp-ack'],
    [
      'tcp port 80 and (((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)',
      'tcp port 80 and (ip[2:2] - ((ip[0] & 0xf) << 2)) - ((tcp[12] & 0xf0) >> 2) != 0',
    ],
    ['gateway snup and ip[2:2] > 576', 'gateway snup and ip[2:2] > 576'],
    ['ether[0] & 1 = 0 and ip[16] >= 224', 'ether[0] & 1 == 0 and ip[16] >= 224'],
    [
      'icmp[icmptype] != icmp-echo and icmp[icmptype] != icmp-echoreply',
      'icmp[icmptype] != icmp-echo and icmp[icmptype] != icmp-echoreply',
    ],
    [
      'icmp6[icmp6type] != icmp6-echo and icmp6[icmp6type] != icmp6-echoreply',
      'icmp6[icmp6type] != icmp6-echo and icmp6[icmp6type] != icmp6-echoreply',
    ],
    ['tcp[13] == 2', 'tcp[13] == 2'],
    ['not host vs and ace', 'not host vs and host ace'],
    ['host foo and not port ftp and not port ftp-data', 'host foo and not port ftp and not port ftp-data'],
    ['tcp dst port ftp or ftp-data or domain', 'tcp dst port ftp or tcp dst port ftp-data or tcp dst port domain'],
    ['vlan 100 && vlan 200', 'vlan 100 and vlan 200'],
    ['vlan && vlan 300 && ip', 'vlan and vlan 300 and ip'],
    ['mpls 100000 && mpls 1024', 'mpls 100000 and mpls 1024'],
    ['pppoes 0x27 && ip', 'pppoes 0x27 and ip'],
    ['ip6 protochain 6', 'ip6 protochain 6'],
    ['ether proto \\ip', 'ether proto \\ip'],
    ['udp portrange 7000-7009', 'udp portrange 7000-7009'],
    ['src or dst port ftp-data', 'src or dst port ftp-data'],
    ['dst net 128.3', 'dst net 128.3'],
    ['arp net 128.3', 'arp net 128.3'],
    ['ether proto 0x88CC', 'ether proto 0x88CC'],
    ['wlan addr2 0:2:3:4:5:6', 'wlan addr2 0:2:3:4:5:6'],
    ['ip dst host 10.1.2.96 or 10.1.2.103', 'ip dst host 10.1.2.96 or ip dst host 10.1.2.103'],
    ['net 192.168 mask 255.255', 'net 192.168 mask 255.255'],
    ['ip6 net 2001:db8::/32', 'ip6 net 2001:db8::/32'],
    ['less 64 or greater 1500', 'less 64 or greater 1500'],
    ['ether broadcast or ip multicast', 'ether broadcast or ip multicast'],
    ['tcp and (port 80 or 443)', 'tcp and (port 80 or port 443)'],
    ['port (80 or 443)', 'port 80 or port 443'],
    ['len <= 128 && -1 < 2', 'len <= 128 and -1 < 2'],
  ];
  for (const [text, expected] of cases) it(text, () => expect(reading(text)).toBe(expected));
});

describe('seed filters', () => {
  it('host 131.87.110.XX reads as a host name and is flagged as a masked address', () => {
    const r = parseFilter('host 131.87.110.XX');
    expect(r.errors).toEqual([]);
    expect(r.ast).toMatchObject({ kind: 'primitive', type: 'host', value: { kind: 'name', text: '131.87.110.XX' } });
    expect(r.notes.map((n) => [n.code, n.start, n.end])).toEqual([['placeholder-address', 5, 18]]);
  });
  it('host 112.65.X.X: the X.X continues the ID rule past the dotted pair (longest match)', () => {
    expect(scanWord('112.65.X.X', 0)).toEqual({ kind: 'id', length: 10 });
    expect(parseFilter('host 112.65.X.X').notes.map((n) => n.code)).toEqual(['placeholder-address']);
  });
  it('host 8.8.8.8 is a dotted-quad host, no notes', () => {
    const r = parseFilter('host 8.8.8.8');
    expect(r.ast).toMatchObject({ kind: 'primitive', proto: null, dir: null, type: 'host', value: { kind: 'ipv4', text: '8.8.8.8', parts: 4 }, inherited: false, start: 0, end: 12 });
    expect(r.notes).toEqual([]);
  });
  it('host www.baidu.com is a DNS name resolved at start', () => {
    const r = parseFilter('host www.baidu.com');
    expect(r.notes.map((n) => [n.code, n.token])).toEqual([['name-lookup', 'www.baidu.com']]);
  });
  it('port 8888, port 23, host 210.27.48.2', () => {
    expect(parseFilter('port 8888').ast).toMatchObject({ type: 'port', value: { kind: 'number', value: 8888 } });
    expect(parseFilter('port 23').ast).toMatchObject({ type: 'port', value: { kind: 'number', value: 23 } });
    expect(parseFilter('host 210.27.48.2').ast).toMatchObject({ type: 'host', value: { kind: 'ipv4', text: '210.27.48.2' } });
  });
  it('net 202.0.0.0 is a /32: the seed meant the 202 network', () => {
    const r = parseFilter('net 202.0.0.0');
    expect(r.errors).toEqual([]);
    expect(r.notes.map((n) => [n.code, n.detail])).toEqual([['net-dotted-quad', 'net 202 or net 202.0.0.0/8']]);
  });
});

describe('scanner longest match (scanner.l)', () => {
  it.each([
    ['host', { kind: 'keyword', length: 4, keyword: 'host' }],
    ['hostx', { kind: 'id', length: 5 }],
    ['tcp-syn', { kind: 'named-num', length: 7, value: 2 }],
    ['0x1fff', { kind: 'num', length: 6, value: 0x1fff }],
    ['010', { kind: 'num', length: 3, value: 8 }],
    ['192.168.1.0', { kind: 'hid', length: 11 }],
    ['6000-6008', { kind: 'id', length: 9 }],
    ['00:e0:4c:1c:1d:2a', { kind: 'eid', length: 17 }],
    ['::1', { kind: 'hid6', length: 3 }],
    ['$2b', { kind: 'aid', length: 3 }],
    ['\\tcp', { kind: 'escaped-id', length: 4 }],
    ['ftp-', { kind: 'id', length: 3 }],
  ])('%s', (word, expected) => expect(scanWord(word, 0)).toEqual(expected));
});

describe('errors carry the offset of the bad token', () => {
  const cases: Array<[string, string, number, number]> = [
    ['host', 'syntax', 4, 4],
    ['port 80 and', 'syntax', 11, 11],
    ['tcp[13] = = 2', 'syntax', 10, 11],
    ['(tcp[13] = = 2)', 'syntax', 11, 12],
    ['host 1.2.3.4 @', 'lex', 13, 14],
    ['ip proto tcp', 'keyword-needs-escape', 9, 12],
    ['net 10.0.0.1/24', 'host-bits-set', 4, 15],
    ['net 10.0.0.0/33', 'bad-prefix', 4, 15],
    ['port 08', 'bad-number', 5, 7],
    ['port 70000', 'bad-port', 5, 10],
    ['tcp port 10.0.0.1', 'port-on-address', 9, 17],
    ['host 10.0.0.0/8', 'mask-on-host', 5, 15],
    ['10.0.0.1', 'no-qualifier', 0, 8],
    ['tcp net 10', 'bad-combination', 8, 10],
    ['ip[2:3] > 5', 'bad-load-size', 5, 6],
    ['host a and or b', 'syntax', 11, 13],
    ['port 80 )', 'syntax', 8, 9],
    ['host 10.0.300.1', 'bad-address', 5, 15],
    ['(tcp[13] & 2 != )', 'syntax', 16, 17],
    ['host a and (port 80 or )', 'syntax', 23, 24],
  ];
  for (const [text, code, start, end] of cases) {
    it(`${text} → ${code} at ${start}`, () => {
      const r = parseFilter(text);
      expect(r.errors[0]).toMatchObject({ code, severity: 'error', start, end });
    });
  }
});

describe('notes for learners', () => {
  it('mixing and/or without parentheses gives the explicit reading', () => {
    const r = parseFilter('host a and port 80 or port 443');
    expect(r.notes.find((n) => n.code === 'mixed-and-or')?.detail).toBe('(host a and port 80) or port 443');
  });
  it('tcp[...] only looks at IPv4', () => {
    expect(parseFilter('tcp[13] & 2 != 0').notes.map((n) => n.code)).toEqual(['ipv4-only-load']);
  });
  it('qualifiers after a parenthesised group are those before it (grammar.y paren)', () => {
    expect(reading('host a and (port 80) or b')).toBe('(host a and port 80) or host b');
  });
  it('an empty filter is every packet', () => {
    expect(parseFilter('')).toEqual({ text: '', ast: null, errors: [], notes: [] });
  });
  it('never throws on hostile text', () => {
    for (const t of ['(((', ')', '[', 'tcp[', '\u0000', 'host '.repeat(50), '!'.repeat(20) + 'tcp', 'a'.repeat(2000)]) {
      expect(() => parseFilter(t)).not.toThrow();
    }
  });
});

describe('cst.d.ts', () => {
  it('is what generateCstDts produces for the parser (never hand-written)', () => {
    const committed = readFileSync(new URL('../../../grammar/pcap-filter/cst.d.ts', import.meta.url), 'utf8');
    expect(committed).toBe(generateCstDts(pcapFilterParser().getGAstProductions()));
  });
});
