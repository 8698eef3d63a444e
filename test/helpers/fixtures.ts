// The one place tests find their fixtures: seed pastes and tcpdump test-suite files, kept in test/fixtures/.

import { existsSync, readFileSync, readdirSync } from 'node:fs';

export const FIXTURES = new URL('../fixtures/', import.meta.url);
export const SEED_DIR = new URL('seeds/', FIXTURES);
export const CORPUS_DIR = new URL('tcpdump-tests/', FIXTURES);

// TEMPORARY until the fixtures land in test/fixtures (issue 13): fall back to the reference copy beside the repo.
const LEGACY_SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const LEGACY_CORPUS = new URL('../../../shared/corpus/tcpdump-tests/', import.meta.url);
const seedDir = (): URL => (existsSync(SEED_DIR) ? SEED_DIR : LEGACY_SEEDS);
const corpusDir = (): URL => (existsSync(CORPUS_DIR) ? CORPUS_DIR : LEGACY_CORPUS);

/** The seed pastes' file names (`000_….txt` …), sorted. */
export function seedFiles(): string[] {
  return readdirSync(seedDir())
    .filter((f) => f.endsWith('.txt'))
    .sort();
}

/** A seed paste by its number prefix (`'001'`) or file name: its tcpdump lines keep the original post's line numbers. */
export function seedText(prefix: string): string {
  const name = seedFiles().find((f) => f.startsWith(prefix));
  if (name === undefined) throw new Error(`no seed fixture ${prefix}`);
  return readFileSync(new URL(name, seedDir()), 'utf8');
}

/** A file of tcpdump's test suite (`.out` text or `index.tsv`); `latin1` keeps every byte of the raw payload dumps. */
export function corpusText(name: string, encoding: BufferEncoding = 'utf8'): string {
  return readFileSync(new URL(name, corpusDir()), encoding);
}

/** Every `.out` file of the tcpdump test-suite fixtures, sorted. */
export function corpusOutFiles(): string[] {
  return readdirSync(corpusDir())
    .filter((f) => f.endsWith('.out'))
    .sort();
}
