// Every state change tcplain prints is an edge of RFC 9293 Figure 5 (or of its RST/abort rules): walked over every
// real capture in samples/, every test fixture, every seed paste and every file of tcpdump's test suite.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIRST_SEEN_STATES, TCP_EDGES, TCP_STATES, isTcpEdge, type TcpState } from '../../src/model/tcp-state';
import { renderText } from '../../src/report';
import { corpusText, seedText } from '../helpers/fixtures';
import { track } from './helpers';

const root = new URL('../../', import.meta.url);

function textFiles(dir: URL): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = new URL(name, dir);
    if (statSync(p).isDirectory()) out.push(...textFiles(new URL(`${name}/`, dir)));
    else if (name.endsWith('.txt') && !name.startsWith('expected')) out.push(fileURLToPath(p));
  }
  return out;
}

/** Every input we have: samples, test fixtures (the synthetic ones included), seeds, the tcpdump test corpus. */
function inputs(): Array<[string, string]> {
  const files = [...textFiles(new URL('samples/', root)), ...textFiles(new URL('test/track/fixtures/', root)), ...textFiles(new URL('test/fixtures/', root))];
  const out: Array<[string, string]> = files.map((f) => [f, readFileSync(f, 'utf8')]);
  for (const prefix of ['000', '001', '002', '003', '004']) out.push([`seed ${prefix}`, seedText(prefix)]);
  const outfiles = corpusText('index.tsv').trim().split('\n').slice(1).map((r) => r.split('\t')[1]);
  for (const f of outfiles) out.push([`corpus ${f}`, corpusText(f, 'latin1')]);
  return out;
}

const edge = (from: TcpState | null, to: TcpState): boolean => (from === null ? FIRST_SEEN_STATES.includes(to) : isTcpEdge(from, to));

describe('RFC 9293 Figure 5', () => {
  it('the edge list is the figure: 20 edges, the RST/abort edges to CLOSED, and the combined FIN_WAIT_1 → TIME_WAIT', () => {
    expect(TCP_EDGES.filter((e) => e.source === 'figure-5')).toHaveLength(20);
    expect(TCP_EDGES.filter((e) => e.source === 'rst-or-abort').every((e) => e.to === 'CLOSED')).toBe(true);
    expect(isTcpEdge('CLOSED', 'SYN_SENT')).toBe(true);
    expect(isTcpEdge('FIN_WAIT_1', 'CLOSING')).toBe(true);
    // Never an edge: what tcplain used to print for a quoted SYN and for a simultaneous close.
    expect(isTcpEdge('TIME_WAIT', 'SYN_SENT')).toBe(false);
    expect(isTcpEdge('CLOSE_WAIT', 'CLOSING')).toBe(false);
    expect(isTcpEdge('CLOSED', 'ESTABLISHED')).toBe(false);
    // An opening state is never entered from "unknown".
    for (const s of ['LISTEN', 'SYN_SENT', 'SYN_RECEIVED'] as const) expect(FIRST_SEEN_STATES).not.toContain(s);
  });

  it('every transition of every input is an edge, in the analysis and in the printed text', () => {
    const all = inputs();
    expect(all.length).toBeGreaterThan(150);
    const bad: string[] = [];
    let transitions = 0;
    for (const [name, text] of all) {
      for (const { rec, a } of track(text).segments) {
        for (const t of a.transitions) {
          transitions++;
          if (!edge(t.from, t.to)) bad.push(`${name}:${rec.line} ${t.end} ${t.from ?? 'unknown'} → ${t.to}`);
        }
      }
      // What the text output prints: `Client: A → B (...)` and `Client: now B (...)`.
      const states = TCP_STATES.join('|');
      const arrow = new RegExp(`^  │ (?:Client|Server): (${states}) → (${states}) \\(`);
      const now = new RegExp(`^  │ (?:Client|Server): now (${states}) \\(`);
      for (const line of renderText(text, { lang: 'en', format: 'text' }).split('\n')) {
        const m = arrow.exec(line);
        if (m && !isTcpEdge(m[1] as TcpState, m[2] as TcpState)) bad.push(`${name}: ${line}`);
        const n = now.exec(line);
        if (n && !FIRST_SEEN_STATES.includes(n[1] as TcpState)) bad.push(`${name}: ${line}`);
        if (/(?:unknown|\?) → /.test(line)) bad.push(`${name}: ${line}`);
      }
    }
    expect(bad).toEqual([]);
    expect(transitions).toBeGreaterThan(1000);
  }, 120_000);
});
