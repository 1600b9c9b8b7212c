import { defineConfig } from 'vitest/config';

// Two projects, both run by `npm test` (and CI): "fast" for everyday work, "slow" for the million-row runs
// (`npx vitest run --project fast` skips them while developing).
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Both cores of CI's 2-core machine: most test time is spent in child processes (the CLI, servers,
    // Chromium), so two files at a time take the suite from ~14 to well under 15 minutes.
    maxWorkers: 2,
    globalSetup: ['test/postgresServer.ts', 'test/clickhouseServer.ts'],
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: ['test/**/*.slow.test.ts'] } },
      { extends: true, test: { name: 'slow', include: ['test/**/*.slow.test.ts'] } },
    ],
  },
});
