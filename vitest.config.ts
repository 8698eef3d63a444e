import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 60_000,
    // Several suites build the bundle in beforeAll (scripts/build.mjs): past 10 s on a loaded shared machine.
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
