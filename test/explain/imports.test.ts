// Imports point down only (model → grammar → input → track → correlate → explain → report → tui → cli): checked for explain, report and cli.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const LAYERS = ['src/model', 'grammar', 'src/input', 'src/track', 'src/correlate', 'src/explain', 'src/report', 'src/tui', 'src/cli'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

const layerOf = (path: string): number => LAYERS.findIndex((l) => relative(repo, path).startsWith(`${l}/`) || relative(repo, path) === l);

/** Relative import targets of a file (`from '../x'`, `import('../x')`), resolved to repo paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) out.push(resolve(dirname(file), m[1]));
  return out;
}

describe('import direction', () => {
  for (const layer of ['src/explain', 'src/report', 'src/cli']) {
    it(`${layer} imports nothing above itself`, () => {
      const own = LAYERS.indexOf(layer);
      const bad: string[] = [];
      const all = files(join(repo, layer));
      expect(all.length).toBeGreaterThan(2);
      for (const f of all) {
        for (const target of importsOf(f)) {
          const l = layerOf(target);
          if (l > own) bad.push(`${relative(repo, f)} → ${relative(repo, target)}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
  it('the segment catalogs (en, zh-CN) import only the model, their own types and number formatting', () => {
    for (const f of ['en.ts', 'zh-CN.ts'].map((n) => join(repo, 'src/explain/locales', n))) {
      for (const target of importsOf(f)) {
        const rel = relative(repo, target);
        expect(rel === 'src/model' || rel.startsWith('src/model/') || rel.startsWith('src/explain/'), `${relative(repo, f)} → ${rel}`).toBe(true);
      }
    }
  });
});
