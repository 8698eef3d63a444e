// Test helpers for the correlator: real tcpdump text through the real pipeline (input → grammar → track → view).

import { readFileSync } from 'node:fs';
import { parseRecords } from '../../grammar';
import { captureView, type CaptureView } from '../../src/correlate';
import { recordsFromText } from '../../src/input';
import { seedText } from '../helpers/fixtures';

export const repoPath = (p: string): URL => new URL(`../../${p}`, import.meta.url);

export const readText = (u: URL): string => readFileSync(u, 'utf8');

export function viewOf(text: string): CaptureView {
  return captureView(parseRecords(recordsFromText(text)));
}

export function sampleText(scenario: string, side: 'client' | 'server'): string {
  return readText(repoPath(`samples/${scenario}/${side}.txt`));
}

/**
 * The sections of seed 004 as pasted: the lines under a heading up to the next heading. Each capture keeps
 * its line numbers relative to its own text, as if the user had pasted that section alone.
 */
export function seed004(): { handshake: { client: string; server: string }; data: { client: string; server: string }; close: { client: string; server: string } } {
  const lines = seedText('004').split('\n');
  const at = (heading: string, from: number): number => {
    const i = lines.findIndex((l, k) => k >= from && l.trim() === heading);
    if (i < 0) throw new Error(`seed 004: heading ${heading} not found after line ${from}`);
    return i;
  };
  const summary = (label: string, from: number): number => {
    const i = lines.findIndex((l, k) => k > from && l.startsWith(label));
    if (i < 0) throw new Error(`seed 004: ${label} not found after line ${from}`);
    return i;
  };
  const between = (a: number, b: number): string => lines.slice(a + 1, b).join('\n');
  // 2.4.1 handshake: 服务端抓包： … 客户端抓包： … 握手小结：
  const s1 = at('服务端抓包：', 0);
  const c1 = at('客户端抓包：', s1);
  const e1 = summary('握手小结：', c1);
  // 2.4.2 data: 客户端抓包： … 服务端抓包： … 数据小结：
  const c2 = at('客户端抓包：', e1);
  const s2 = at('服务端抓包：', c2);
  const e2 = summary('数据小结：', s2);
  // 2.4.3 close: 客户端抓包： … 服务端抓包： … 挥手小结：
  const c3 = at('客户端抓包：', e2);
  const s3 = at('服务端抓包：', c3);
  const e3 = summary('挥手小结：', s3);
  return {
    handshake: { client: between(c1, e1), server: between(s1, c1) },
    data: { client: between(c2, s2), server: between(s2, e2) },
    close: { client: between(c3, s3), server: between(s3, e3) },
  };
}
