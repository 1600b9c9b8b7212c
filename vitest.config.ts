import { defineConfig } from 'vitest/config';

// Projects by the resources a test needs, all run by `npm test` (and CI), each runnable alone with
// `npx vitest run --project NAME` (`npm run test:unit` is the everyday loop):
// - unit: library calls only, no child process, server or browser;
// - cli: the built `segmenta`: its `main` called in the test's process (test/cliInProcess.ts), and every command
//   once as a process of its own (test/cli/commands.cli.test.ts);
// - engine: real PostgreSQL and a 2-shard ClickHouse, started by the global setup for this project only;
// - browser: Chromium and studio servers (*.e2e);
// - slow: the million-row runs and Ctrl-C on big tables (servers too).
// Every project first builds the checkout when dist/ is missing or older than the sources (test/buildIfStale.ts).
const build = 'test/buildIfStale.ts';
const servers = [build, 'test/postgresServer.ts', 'test/clickhouseServer.ts'];
const special = ['test/**/*.cli.test.ts', 'test/**/*.engine.test.ts', 'test/**/*.e2e.test.ts', 'test/**/*.slow.test.ts'];
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Both cores of CI's 2-core machine: most test time is spent in child processes (the CLI, servers,
    // Chromium), so two files at a time take the suite from ~14 to well under 15 minutes.
    maxWorkers: 2,
    // Every folder a test makes with `tempDir` is removed when its file ends.
    setupFiles: ['test/removeTempDirs.ts'],
    projects: [
      // Unit files share their worker's modules (no isolation): each file would otherwise load the library,
      // DuckDB's binding and Fastify again, a third of test:unit's wall time. They keep no state between files.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: special, globalSetup: [build], isolate: false } },
      // CLI files too: the built CLI, loaded once per worker, stays loaded (and its JIT warm) for the next file.
      { extends: true, test: { name: 'cli', include: ['test/**/*.cli.test.ts'], globalSetup: [build], isolate: false } },
      { extends: true, test: { name: 'engine', include: ['test/**/*.engine.test.ts'], globalSetup: servers } },
      { extends: true, test: { name: 'browser', include: ['test/**/*.e2e.test.ts'], globalSetup: [build] } },
      { extends: true, test: { name: 'slow', include: ['test/**/*.slow.test.ts'], globalSetup: servers } },
    ],
  },
});
