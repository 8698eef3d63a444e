// The one place tests find their fixtures: seed pastes and tcpdump test-suite files, kept in test/fixtures/.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** The repository's samples/ folder: the real captures each scenario was made from (samples/README.md). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

/** Every sample capture's text rendering (`samples/<scenario>/*.txt`, not the expected outputs), as absolute paths. */
export function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(path.join(SAMPLES_DIR, d.name))
        .filter((f) => f.endsWith('.txt') && !f.startsWith('expected'))
        .map((f) => path.join(SAMPLES_DIR, d.name, f)),
    );
}

/**
 * Nine sample captures that together hold every kind of summary row start: dated (-tttt), times of day (any.txt),
 * none (t.txt); severities ok to error; 3 connections in one input (concurrent). The summary spill tests (report and
 * CLI) run on them.
 */
export const SUMMARY_MIX: readonly string[] = [
  'samples/zero-window/client.txt',
  'samples/concurrent/client.txt',
  'samples/refused/server.txt',
  'samples/handshake-close/any.txt',
  'samples/fast-retransmit/client.txt',
  'samples/handshake-close/t.txt',
  'samples/port-reuse/client.txt',
  'samples/client-reset/client.txt',
  'samples/idle-reset/client.txt',
];
