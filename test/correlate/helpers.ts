// Test helpers for the correlator: real tcpdump text through the real pipeline (input → grammar → track → view).

import { readFileSync } from 'node:fs';
import { parseRecords } from '../../grammar';
import { captureView, type CaptureView } from '../../src/correlate';
import { recordsFromText } from '../../src/input';

export const repoPath = (p: string): URL => new URL(`../../${p}`, import.meta.url);
export const sharedPath = (p: string): URL => new URL(`../../../shared/${p}`, import.meta.url);

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
  const lines = readText(sharedPath('seeds/004_74b3cf5121775ae1.txt')).split('\n');
  const at = (heading: string, from: number): number => {
    const i = lines.findIndex((l, k) => k >= from && l.trim() === heading);
    if (i < 0) throw new Error(`seed 004: heading ${heading} not found after line ${from}`);
    return i;
  };
  const between = (a: number, b: number): string => lines.slice(a + 1, b).join('\n');
  // 2.4.1: 服务器端: … 客户端: … 通过发送时间上看到:
  const s1 = at('服务器端:', 0);
  const c1 = at('客户端:', s1);
  const e1 = lines.findIndex((l, k) => k > c1 && l.startsWith('通过发送时间上看到'));
  // 2.4.2: 客户端: … 服务器: … 顺水推舟
  const c2 = at('客户端:', e1);
  const s2 = at('服务器:', c2);
  const e2 = lines.findIndex((l, k) => k > s2 && l.startsWith('顺水推舟'));
  // 2.4.3: 客户端: … 服务器: … 由于此时
  const c3 = at('客户端:', e2);
  const s3 = at('服务器:', c3);
  const e3 = lines.findIndex((l, k) => k > s3 && l.startsWith('由于此时'));
  return {
    handshake: { client: between(c1, e1), server: between(s1, c1) },
    data: { client: between(c2, s2), server: between(s2, e2) },
    close: { client: between(c3, s3), server: between(s3, e3) },
  };
}
