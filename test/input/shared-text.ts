// Loads the shared seeds and corpus files the input tests read, and rebuilds input text from records.

import { readFileSync, readdirSync } from 'node:fs';
import type { RawRecord } from '../../src/model/raw-record';

export const SHARED = new URL('../../../shared/', import.meta.url);
export const CORPUS = new URL('corpus/tcpdump-tests/', SHARED);
export const SEEDS = new URL('seeds/', SHARED);

export function seed(prefix: string): string {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (name === undefined) throw new Error(`no seed ${prefix}`);
  return readFileSync(new URL(name, SEEDS), 'utf8');
}

export function corpus(name: string): string {
  return readFileSync(new URL(name, CORPUS), 'utf8');
}

export function corpusOutFiles(): string[] {
  return readdirSync(CORPUS)
    .filter((f) => f.endsWith('.out'))
    .sort();
}

/** The input's lines as the reassembler numbers them (a final `\n` ends the last line, it does not start one). */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Concatenates records' raw text: "\n" between records on different lines, nothing between pieces of one line. */
export function rebuild(records: readonly RawRecord[]): string {
  let out = '';
  for (let i = 0; i < records.length; i++) {
    if (i > 0) out += records[i - 1].endLine === records[i].line ? '' : '\n';
    out += records[i].raw;
  }
  return out;
}
