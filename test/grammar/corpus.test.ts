// Every TCP line of the tcpdump test-suite corpus (test/fixtures/tcpdump-tests) parses to a tcp record and prints back exactly.

import { describe, expect, it } from 'vitest';
import { formatSegment, parseRecords } from '../../grammar/index';
import type { LineRecord, TcpRecord } from '../../src/model';
import { recordsFromText } from '../../src/input/index';
import { corpusIndex, readCorpus, recordsFromCorpus, squash } from './corpus-records';

const ALLOWED_WARNINGS = /^(\[bad opt\]\]?|\[bad hdr length .*|\[(ack|urg) \d+ != 0 while (ACK|URG) flag not set\])$/;

function tcpRecordsOf(records: LineRecord[]): TcpRecord[] {
  const out: TcpRecord[] = [];
  for (const r of records) {
    if (r.kind === 'tcp') out.push(r);
    else if (r.kind === 'other' && r.quotedTcp) out.push(r.quotedTcp);
  }
  return out;
}

const entries = corpusIndex();

describe('tcpdump test-suite corpus', () => {
  it('has the files index.tsv lists', () => {
    expect(entries.length).toBe(164);
    expect(entries.reduce((s, e) => s + e.tcpLines, 0)).toBe(2218);
  });

  for (const e of entries) {
    it(`${e.name}: ${e.tcpLines} TCP lines parse and print back`, () => {
      const raws = recordsFromCorpus(readCorpus(e.outfile), e.flags);
      const records = parseRecords(raws);
      expect(records.length).toBe(raws.length);
      const problems: string[] = [];
      records.forEach((r, i) => {
        if (r.kind === 'unparsed') problems.push(`line ${r.line}: unparsed: ${r.reason}\n  ${raws[i].text}`);
      });
      const tcp = tcpRecordsOf(records);
      for (const t of tcp) {
        for (const w of t.warnings) if (!ALLOWED_WARNINGS.test(w)) problems.push(`line ${t.line}: warning ${w}`);
        const printed = squash(formatSegment(t));
        const text = squash(t.raw.includes('\n') || t.line !== t.endLine ? t.raw.replace(/\n\s*/g, ' ') : t.raw);
        const at = text.lastIndexOf(printed);
        if (at < 0 || (at > 0 && text[at - 1] !== ' ') || !text.slice(at + printed.length).match(/^($|\n| )/))
          problems.push(`line ${t.line}: round trip\n  got:  ${printed}\n  text: ${text}`);
      }
      expect(problems).toEqual([]);
      expect(tcp.length).toBe(e.tcpLines);
    });
  }
});

describe('tcpdump test-suite corpus through src/input recordsFromText', () => {
  it('gives the same TCP line count per file, and no unparsed record', () => {
    const mismatches: string[] = [];
    let total = 0;
    for (const e of entries) {
      const records = parseRecords(recordsFromText(readCorpus(e.outfile)));
      const n = tcpRecordsOf(records).length;
      total += n;
      if (n !== e.tcpLines) mismatches.push(`${e.name}: ${n} != ${e.tcpLines}`);
      for (const r of records) if (r.kind === 'unparsed') mismatches.push(`${e.name} line ${r.line}: ${r.reason}`);
    }
    expect(mismatches).toEqual([]);
    expect(total).toBe(2218);
  });
});
