// tcpdump's own expected outputs: one record per packet, continuation lines (-v, ICMP quotes, dumps, SMB/BGP) attached.

import { describe, expect, it } from 'vitest';
import { recordsFromText } from '../../src/input';
import type { RawRecord } from '../../src/model/raw-record';
import { corpusOutFiles, corpusText } from '../helpers/fixtures';
import { linesOf, rebuild } from './text';

/** `-#` prefix (print.c: `%5u  `), optionally followed by a `-ttt` sign column. */
const NUMBERED = /^ *\d+  /;
/** Pre-4.0 expected outputs have no `-#`; each packet starts with its time of day. */
const TIMED = /^\d\d:\d\d:\d\d\.\d{6} /;

function packetAt(records: RawRecord[], num: number): RawRecord {
  const rec = records.find((r) => new RegExp(`^ *${num}  `).test(r.raw));
  if (rec === undefined) throw new Error(`no packet ${num}`);
  return rec;
}

describe('every corpus file: one record per packet', () => {
  for (const name of corpusOutFiles()) {
    it(name, () => {
      const text = corpusText(name);
      const lines = linesOf(text);
      const records = recordsFromText(text);
      const starts = lines.filter((l) => NUMBERED.test(l)).length || lines.filter((l) => TIMED.test(l)).length;
      const packetRecords = records.filter((r) => NUMBERED.test(r.raw) || TIMED.test(r.raw));
      expect(starts).toBeGreaterThan(0);
      expect(packetRecords).toHaveLength(starts);
      // Nothing else but blank lines tcpdump printed after the last packet's decode.
      expect(records.filter((r) => !packetRecords.includes(r)).map((r) => r.raw.trim())).toEqual(
        records.filter((r) => !packetRecords.includes(r)).map(() => ''),
      );
      // -A payload lines in the 3.9.8 files end in CR; raw is defined after CR removal.
      expect(rebuild(records)).toBe(lines.map((l) => l.replace(/\r+$/, '')).join('\n'));
    });
  }
});

describe('continuation lines go where tcpdump meant them', () => {
  it('joins the -v IPv4 header with its four-space line; HTTP lines and the lone TAB go to details', () => {
    const records = recordsFromText(corpusText('local499_synthetic-edgecases-vv.out'));
    const http = packetAt(records, 4);
    expect(http.text).toBe(
      '    4  22:13:20.004000 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 95) ' +
        '10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], cksum 0x501d (correct), seq 1:44, ack 1, win 502, ' +
        'options [nop,nop,TS val 113 ecr 222], length 43: HTTP, length: 43',
    );
    expect(http.details).toEqual(['\tGET /index.html HTTP/1.1', '\tHost: example', '\t']);
    expect([http.line, http.endLine]).toEqual([7, 11]);
  });

  it('keeps the TCP segment quoted by an ICMP error in the ICMP record details', () => {
    const records = recordsFromText(corpusText('local499_synthetic-edgecases-vv.out'));
    const icmp = packetAt(records, 28);
    expect(icmp.text).toBe(
      '   28  22:13:20.028000 IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto ICMP (1), length 72) ' +
        '10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 tcp port 81 unreachable, length 52',
    );
    expect(icmp.details).toEqual([
      '\tIP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 44)',
      '    10.0.0.1.40001 > 10.0.0.2.81: Flags [S], cksum 0xc591 (correct), seq 9999, win 64240, options [mss 1460], length 0',
    ]);
    expect(packetAt(records, 29).text).toMatch(/^ {3}29 {2}22:13:20\.029000 IP \(tos 0x0, ttl 64, id 99,/);
  });

  it('keeps a VXLAN inner frame printed from column 0 with its packet', () => {
    const [rec] = recordsFromText(corpusText('gso-ipv4-vxlan-ipv4.out'));
    expect(rec.text).toBe(
      '    1  2025-10-03 16:30:14.343441 IP (tos 0x0, ttl 61, id 12520, offset 0, flags [none], proto UDP (17), length 7092) ' +
        '10.25.132.11.60345 > 10.25.132.13.4789: VXLAN, flags [I] (0x08), vni 5001',
    );
    expect(rec.details[0]).toBe('IP (tos 0x0, ttl 64, id 10282, offset 0, flags [DF], proto TCP (6), length 7042)');
    expect(rec.details[1]).toMatch(/^ {4}192\.168\.1\.2\.37099 > 192\.168\.1\.1\.41547: Flags \[P\.\], cksum 0x9ec8/);
    expect(rec.details).toHaveLength(2);
  });

  it('attaches -x hex lines as dump lines', () => {
    const records = recordsFromText(corpusText('print-x.out'));
    const syn = packetAt(records, 1);
    expect(syn.dump).toEqual([
      '\t0x0000:  4500 003c 1b68 4000 4006 2152 7f00 0001',
      '\t0x0010:  7f00 0001 da70 0050 3758 897e 0000 0000',
      '\t0x0020:  a002 7fff 1421 0000 0204 400c 0402 080a',
      '\t0x0030:  4ddc 9216 0000 0000 0103 0302',
    ]);
    expect(syn.details).toEqual([]);
  });

  it('attaches -X hex+ASCII lines of the 3.9.8 old format', () => {
    const records = recordsFromText(corpusText('v3.9.8_print-capX.out'));
    expect(records).toHaveLength(10);
    expect(records[0].text).toMatch(/^23:57:35\.938066 IP 127\.0\.0\.1\.55920 > 127\.0\.0\.1\.80: S 928549246:928549246\(0\) win 32767 </);
    expect(records[0].dump.at(-1)).toBe('\t0x0030:  4ddc 9216 0000 0000 0103 0302            M...........');
  });

  it('takes -A payload printed from column 0, blank lines included, until the next numbered header', () => {
    const records = recordsFromText(corpusText('print-A.out'));
    const get = packetAt(records, 4);
    expect(get.dump.slice(0, 3)).toEqual(['E....l@.@. ..........p.P7X..7z.... ........', 'M...M...GET / HTTP/1.1', 'Host: localhost']);
    expect(get.dump.slice(-2)).toEqual(['', '']);
    expect([get.line, get.endLine]).toEqual([10, 20]);
    const page = packetAt(records, 6);
    expect(page.dump).toContain('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">');
    expect(page.endLine - page.line).toBe(157);
  });

  it('keeps SMB detail printed from column 0 with its packet', () => {
    const records = recordsFromText(corpusText('smb_data_print-segv.out'));
    const first = packetAt(records, 1);
    expect(first.text).toBe(
      '    1  2016-11-30 15:35:08.640523 IP (tos 0x0, ttl 128, id 376, offset 0, flags [DF], proto TCP (6), length 128) ' +
        '192.168.56.55.445 > 192.168.56.119.49199: Flags [P.], cksum 0x3e2f (incorrect -> 0x3d49), seq 4267808374:4267808462, ack 628292694, win 63102, length 88',
    );
    expect(first.details[0]).toBe('SMB PACKET: SMBtrans2 (REPLY)');
    expect(first.details).toContain('[000] 00 00 0B 00 00 00 00 00  00 00 00 00 00 00 00 00  ^@^@^K^@^@^@^@^@ ^@^@^@^@^@^@^@^@');
    // The trailing space tcpdump printed stays in raw only.
    expect(first.raw.split('\n')[1].endsWith('length 88 ')).toBe(true);
  });

  it('keeps BGP detail and the column-0 [|BGP Update] marker with their packet', () => {
    const records = recordsFromText(corpusText('bgp-as-path-oobr-ssl.out'));
    const second = packetAt(records, 2);
    expect(second.details.at(-1)).toBe('[|BGP Update]');
    expect(second.details.at(-2)).toBe('\t    0x0020:  c0 [|bgp]');
    expect(second.dump).toEqual([]);
    expect(packetAt(records, 3).details).toEqual(['[|BGP Update]']);
  });

  it('reads -ttt deltas after the packet number (sign column)', () => {
    const records = recordsFromText(corpusText('tcp-handshake-micro-ttt.out'));
    expect(records.map((r) => r.text)).toEqual([
      '    1   00:00:00.000000 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0',
      '    2   00:00:00.127522 IP 137.116.81.94.80 > 131.155.215.69.46656: tcp 0',
      '    3   00:00:00.000088 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0',
    ]);
  });
});
