// Regenerates samples/<scenario>/expected.{en.txt,zh-CN.txt,jsonl} from <scenario>/client.txt for every scenario in samples/MANIFEST.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderText } from '../src/report';

const samples = resolve(fileURLToPath(new URL('../samples', import.meta.url)));

/** Scenario names in MANIFEST order, for those that have a client.txt (the input the goldens are made from). */
export function goldenScenarios(): string[] {
  const seen = new Set<string>();
  for (const line of readFileSync(join(samples, 'MANIFEST'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const file = line.split('\t')[0];
    const [scenario, name] = file.split('/');
    if (name === 'client.txt') seen.add(scenario);
  }
  return [...seen];
}

/** The three golden outputs of one scenario: file name → content. */
export function goldenOutputs(scenario: string): Record<string, string> {
  const input = readFileSync(join(samples, scenario, 'client.txt'), 'utf8');
  return {
    'expected.en.txt': renderText(input, { lang: 'en', format: 'text' }),
    'expected.zh-CN.txt': renderText(input, { lang: 'zh-CN', format: 'text' }),
    'expected.jsonl': renderText(input, { lang: 'en', format: 'json' }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let changed = 0;
  for (const scenario of goldenScenarios()) {
    for (const [name, content] of Object.entries(goldenOutputs(scenario))) {
      const path = join(samples, scenario, name);
      if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
      writeFileSync(path, content);
      changed++;
      process.stdout.write(`wrote samples/${scenario}/${name}\n`);
    }
  }
  process.stdout.write(`${changed} golden file(s) changed; review with git diff samples/ before committing\n`);
}
