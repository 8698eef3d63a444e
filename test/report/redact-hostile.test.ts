// Issue 16: --redact scans every byte of every line. Secrets planted in every place a tcpdump line (or the prose
// around a paste) can hold them; none may survive, the mapping is one per run, and the TCP analysis is unchanged.

import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../grammar';
import { recordsFromText } from '../../src/input';
import { createRedactor } from '../../src/report/redact';
import { corpusText } from '../helpers/fixtures';

const LINES = [
  // Full IPv4 segment lines with -e MACs, and the ICMP quote of one.
  '12:00:00.000001 aa:bb:cc:11:22:33 > dd:ee:ff:44:55:66, ethertype IPv4 (0x0800), length 74: 203.0.113.7.49152 > 198.51.100.9.443: Flags [S], seq 1000, win 64240, length 0',
  '12:00:00.000002 IP 198.51.100.9.443 > 203.0.113.7.49152: Flags [S.], seq 5000, ack 1001, win 65160, length 0',
  '12:00:00.000003 IP 192.0.2.254 > 203.0.113.7: ICMP 198.51.100.9 tcp port 443 unreachable, length 68',
  // IPv6: endpoints with ports, every textual form, a zone id, brackets, ICMPv6 targets.
  '12:00:00.000004 IP6 2001:db8:aaaa::1.40000 > 2001:DB8:AAAA:0:0:0:0:2.80: Flags [S], seq 1, win 65535, length 0',
  '12:00:00.000005 IP6 fe80::1c2d:3e4f > ff02::1:ff00:5: ICMP6, neighbor solicitation, who has 2001:db8:cccc::3, length 32',
  '12:00:00.000006 IP6 fe80::99 > fe80::1c2d:3e4f: ICMP6, neighbor advertisement, tgt is 2001:db8:cccc::3, length 32',
  'ping6 fe80::abcd%enp0s31f6 and curl -g http://[2001:db8:bbbb::2]:8443/ and ::ffff:203.0.113.99 and 2001:0db8:dddd:0000:0000:0000:0000:0004',
  // Host names: endpoints of a whole line, of a line cut short, DNS questions and answers, prose.
  '12:00:00.000007 IP alice-laptop.lan.49153 > bob-server.corp.example.https: Flags [S], seq 7, win 64240, length 0',
  '12:00:00.000008 IP carol-pc.51000 > dave-srv.http: Flags [S], seq',
  '12:00:00.000009 IP 192.0.2.53.53 > 203.0.113.7.33333: 4242 2/0/0 A? secret-site.org. CNAME cdn.secret-site.org., A 203.0.113.200 (80)',
  'I connected to eve-box.internal from mallory-ws.office and carol-pc, mail frank.jones+tcp@example-corp.com if it breaks',
  // File paths: tcpdump's own banner, a Windows path, a home-relative one; a dash-form MAC in prose.
  'reading from file /home/grace/captures/incident.pcap, link-type EN10MB (Ethernet), snapshot length 262144',
  'copied to C:\\Users\\heidi\\Desktop\\dump.txt and ~/ivan-notes/trace.txt, NIC 0A-1B-2C-3D-4E-5F',
];
const SECRETS = [
  '203.0.113', '198.51.100', '192.0.2.254', 'aa:bb:cc', 'dd:ee:ff', '0A-1B', '0a:1b',
  'aaaa', 'AAAA:0', 'cccc', 'bbbb', 'dddd', '1c2d', 'abcd', 'ff00:5', 'fe80::99', 'enp0s31f6', 'ffff:203',
  'alice', 'bob', 'carol', 'dave', 'secret-site', 'eve-box', 'mallory', 'frank', 'example-corp',
  'grace', 'incident', 'heidi', 'ivan', '.lan', '.corp',
];

describe('--redact leaves no secret anywhere in a line', () => {
  const input = `${LINES.join('\n')}\n`;
  const r = createRedactor();
  const out = r.redactText(input);

  it('no planted secret survives', () => {
    for (const s of SECRETS) expect(out.toLowerCase(), s).not.toContain(s.toLowerCase());
  });

  it('keeps the structure: same line count, tcpdump words, TCP fields and the analysis', () => {
    expect(out.split('\n').length).toBe(input.split('\n').length);
    const recs = parseRecords(recordsFromText(out));
    expect(recs.map((x) => x.kind)).toEqual(parseRecords(recordsFromText(input)).map((x) => x.kind));
    const syn = recs[0];
    expect(syn.kind === 'tcp' && [syn.src.port, syn.dst.port, syn.seq, syn.win, syn.flags]).toEqual([49152, 443, 1000, 64240, 'S']);
    expect(out).toContain('ethertype IPv4 (0x0800), length 74: ');
    expect(out).toContain('ICMP6, neighbor solicitation, who has ');
    expect(out).toContain('link-type EN10MB (Ethernet), snapshot length 262144');
  });

  it('one stand-in per original, whatever its textual form, in every place', () => {
    const v4 = r.mapping.find((m) => m.original === '203.0.113.7')!.standIn;
    expect(out.split(v4).length - 1).toBe(4);
    // 2001:db8:aaaa::2 printed in full upper case is the same host as any other spelling of it.
    const v6 = r.mapping.filter((m) => m.kind === 'ipv6');
    expect(new Set(v6.map((m) => m.original)).size).toBe(v6.length);
    const c3 = v6.find((m) => m.original === '2001:0db8:cccc:0000:0000:0000:0000:0003')!.standIn;
    expect(out.split(c3).length - 1).toBe(2);
    // The SYN's IPv6 endpoints keep their ports after the stand-in.
    expect(out).toMatch(/IP6 2001:db8:ffff::\w+\.40000 > 2001:db8:ffff::\w+\.80: Flags \[S\]/);
    expect(out).toContain('http://[2001:db8:ffff::');
    expect(out).toMatch(/fe80::abcd|%host-\d+/); // the zone id is a name too
    expect(out).not.toContain('fe80::abcd');
    const mac = r.mapping.find((m) => m.original === '0a:1b:2c:3d:4e:5f');
    expect(mac?.kind).toBe('mac');
    expect(r.mapping.find((m) => m.original === '/home/grace/captures/incident.pcap')?.standIn).toMatch(/^\/redacted\/path-\d+$/);
    expect(r.mapping.find((m) => m.kind === 'email')?.standIn).toMatch(/^user-\d+@example\.com$/);
  });

  it('a second text in the same run gets the same stand-ins (one mapping per run)', () => {
    const again = r.redactText('12:00:01.000000 IP 203.0.113.7.49152 > 198.51.100.9.443: Flags [.], ack 5001, win 502, length 0\nsee secret-site.org\n');
    const v4 = r.mapping.find((m) => m.original === '203.0.113.7')!.standIn;
    const name = r.mapping.find((m) => m.original === 'secret-site.org')!.standIn;
    expect(again).toContain(`IP ${v4}.49152 > `);
    expect(again).toContain(`see ${name}\n`);
  });
});

describe('--redact on tcpdump\'s IPv6 hop-by-hop (BIG TCP) test output (issue 16 item 1)', () => {
  // `IP6 (…) SRC > DST: HBH (jumbo: N)  SPORT > DPORT: Flags …`: the ports stand alone after the jumbo header.
  const input = corpusText('bigtcp-ipv6-hbh.out');
  const r = createRedactor();
  const out = r.redactText(input);

  it('every IPv6 address is replaced, and the ports stay ports (never a host stand-in)', () => {
    expect(input).toContain('2604:1380:4091:ce00::d > 2604:1380:4091:ce00::b: HBH (jumbo: 80040)  41851 > 43913: Flags [P.]');
    expect(out).not.toContain('2604:');
    expect(out).not.toContain('ce00');
    expect(out).toMatch(/2001:db8:ffff::\w+ > 2001:db8:ffff::\w+: HBH \(jumbo: 80040\) {2}41851 > 43913: Flags \[P\.\]/);
    expect(out).not.toMatch(/host-\d/);
    expect(r.mapping.map((m) => m.kind)).toEqual(['ipv6', 'ipv6']);
    expect(out.split('\n').length).toBe(input.split('\n').length);
  });
});

describe('--redact on a line cut right after its arrow', () => {
  it('the source host is still an endpoint: replaced there and in prose', () => {
    const r = createRedactor();
    const out = r.redactText('12:00:09.000001 IP crig-yurv.17890 > \nlater crig-yurv answered\n');
    expect(out).toBe('12:00:09.000001 IP host-1.17890 > \nlater host-1 answered\n');
  });
});

describe('--redact on a repeated -X dump line (fuzz seed 928340)', () => {
  // Synthetic: a record whose two dump lines are the same text, the second with a scoped IPv6 address planted in its
  // ASCII column. The record pass replaces the first occurrence of each dump text only; the line pass must still
  // treat the second copy as payload.
  const dump = '\t0x0030:  d681 7a77 4745 5420 2f20 4854 5450 2f31  ..zwGET./.HTTP/1';
  const input = [
    '12:00:00.000001 IP 192.0.2.1.60010 > 192.0.2.2.8010: Flags [S], seq 1000, win 1024, length 0',
    dump,
    `${dump}fe80::1%ethsecret  ..zwGET./.HTTP/1`,
    '',
  ].join('\n');
  const out = createRedactor().redactText(input);

  it('both copies lose their hex and ASCII columns, and the zone id is gone', () => {
    expect(out).not.toContain('ethsecret');
    expect(out).not.toContain('GET');
    expect(out).not.toContain('d681');
    const dumps = out.split('\n').filter((l) => l.includes('0x0030:'));
    expect(dumps).toEqual([
      '\t0x0030:  0000 0000 0000 0000 0000 0000 0000 0000  ................',
      `\t0x0030:  0000 0000 0000 0000 0000 0000 0000 0000  ${'.'.repeat(16 + 'fe80::1%ethsecret  ..zwGET./.HTTP/1'.length)}`,
    ]);
  });
});

describe('--redact on a mangled dump line (fuzz seed 976)', () => {
  // Synthetic: a -X dump line with a Windows path written into its hex column, so it no longer splits into hex and
  // ASCII columns. Every visible character after the offset goes: hex digits to 0, the rest to dots.
  const input = '\t0x10d0:  494d 4720 C:\\Users\\kevin\\Desktop\\x.txt  2272 6967 6874  IMG.ALIGN="right\n';
  const out = createRedactor().redactText(input);

  it('no name, path or payload text survives, and the offset stays', () => {
    expect(out).toBe('\t0x10d0:  0000 0000 0....0....0....00...........  0000 0000 0000  ....0...........\n');
    expect(out).not.toMatch(/kevin|Users|Desktop|IMG|right/);
  });
});
