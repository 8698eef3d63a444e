// The one place tests find their fixtures: seed pastes and tcpdump test-suite files, kept in test/fixtures/.

import { readFileSync, readdirSync } from 'node:fs';

export const FIXTURES = new URL('../fixtures/', import.meta.url);
export const SEED_DIR = new URL('seeds/', FIXTURES);
export const CORPUS_DIR = new URL('tcpdump-tests/', FIXTURES);

/** The seed pastes' file names (`000_….txt` …), sorted. */
export function seedFiles(): string[] {
  return readdirSync(SEED_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

/** A seed paste by its number prefix (`'001'`) or file name: its tcpdump lines keep the original post's line numbers. */
export function seedText(prefix: string): string {
  const name = seedFiles().find((f) => f.startsWith(prefix));
  if (name === undefined) throw new Error(`no seed fixture ${prefix}`);
  return readFileSync(new URL(name, SEED_DIR), 'utf8');
}

/** A file of tcpdump's test suite (`.out` text or `index.tsv`); `latin1` keeps every byte of the raw payload dumps. */
export function corpusText(name: string, encoding: BufferEncoding = 'utf8'): string {
  return readFileSync(new URL(name, CORPUS_DIR), encoding);
}

/** Every `.out` file of the tcpdump test-suite fixtures, sorted. */
export function corpusOutFiles(): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.out'))
    .sort();
}
