// Golden files: tcplain's text (en, zh-CN) and JSON Lines output for every scenario in samples/MANIFEST, made by `npm run golden:update`.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { goldenOutputs, goldenScenarios } from '../../scripts/update-golden';

const samples = fileURLToPath(new URL('../../samples/', import.meta.url));

describe('golden outputs (regenerate with npm run golden:update, review the diff)', () => {
  const scenarios = goldenScenarios();
  it('covers the MANIFEST scenarios', () => {
    expect(scenarios).toContain('handshake-close');
    expect(scenarios).toContain('refused');
    expect(scenarios.length).toBeGreaterThanOrEqual(13);
  });
  for (const scenario of scenarios) {
    it(scenario, () => {
      for (const [name, content] of Object.entries(goldenOutputs(scenario))) {
        const path = `${samples}${scenario}/${name}`;
        expect(existsSync(path), `${scenario}/${name} missing: run npm run golden:update`).toBe(true);
        expect(content, `${scenario}/${name}`).toBe(readFileSync(path, 'utf8'));
      }
    });
  }
});
