// Test helper: reads the tcpdump test-suite fixtures (test/fixtures/tcpdump-tests) and groups each .out file's lines into RawRecords.

import type { RawRecord } from '../../src/model';
import { corpusText } from '../helpers/fixtures';

export interface CorpusEntry {
  name: string;
  outfile: string;
  flags: string;
  lines: number;
  tcpLines: number;
}

export function corpusIndex(): CorpusEntry[] {
  const rows = corpusText('index.tsv').trim().split('\n').slice(1);
  return rows.map((r) => {
    const c = r.split('\t');
    return { name: c[0], outfile: c[1], flags: c[3], lines: Number(c[4]), tcpLines: Number(c[5]) };
  });
}

export function readCorpus(outfile: string): string {
  return corpusText(outfile, 'latin1');
}

/**
 * Groups lines the way the corpus README describes: a line with a `-#` number starts a packet (files made
 * without -#, the v3.9.8_ ones, start packets with a timestamp); TAB lines are dump (`\t0x0010:`) or details;
 * 4-space lines continue the header (-v) unless a TAB detail came first (then they are the ICMP-quoted
 * packet's address line: details); column-0 lines are dump under -A, a VXLAN/Geneve inner `IP (` header that
 * continues the line, or other detail text (SMB -vv).
 */
export function recordsFromCorpus(text: string, flags: string): RawRecord[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const numbered = lines.some((l) => /^\s*\d+ {2}/.test(l));
  const ascii = /(^|\s)-A{1,2}(\s|$)/.test(flags);
  const starts = numbered ? /^\s*\d+ {2}/ : /^\d\d:\d\d:\d\d\.\d+ /;
  const out: RawRecord[] = [];
  let cur: (RawRecord & { rawLines: string[]; sawTab: boolean }) | null = null;
  const close = () => {
    if (cur) {
      cur.raw = cur.rawLines.join('\n');
      const { rawLines: _r, sawTab: _s, ...rec } = cur;
      out.push(rec);
    }
    cur = null;
  };
  lines.forEach((line, i) => {
    const n = i + 1;
    if (starts.test(line) || cur === null) {
      close();
      cur = { line: n, endLine: n, col: 1, raw: '', text: line, details: [], dump: [], comments: [], rawLines: [line], sawTab: false };
      return;
    }
    cur.endLine = n;
    cur.rawLines.push(line);
    if (line.startsWith('\t')) {
      if (/^\t0x[0-9a-f]+: {2}/.test(line)) cur.dump.push(line);
      else {
        cur.details.push(line);
        cur.sawTab = true;
      }
    } else if (line.startsWith('    ')) {
      if (cur.sawTab) cur.details.push(line);
      else cur.text += ' ' + line.trim();
    } else if (ascii) cur.dump.push(line);
    else if (/^IP6? /.test(line) && !cur.sawTab) cur.text += ' ' + line;
    else {
      cur.details.push(line);
      cur.sawTab = true;
    }
  });
  close();
  return out;
}

/** Collapses runs of spaces and trims the end: the comparison the round-trip test uses. */
export const squash = (s: string): string => s.replace(/ +/g, ' ').replace(/ +$/, '');
