import { defineConfig } from 'vitest/config';

/**
 * One runner, four projects. `e2e` starts the built station (`npm run build` first) and drives
 * Debian's Chromium through playwright-core, so it runs one file at a time.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', environment: 'node', include: ['test/shared/**/*.test.ts'] } },
      {
        test: {
          name: 'core',
          environment: 'node',
          include: [
            'test/core/**/*.test.ts',
            'test/station/**/*.test.ts',
            'test/marketplace/**/*.test.ts',
            'test/sandbox/**/*.test.ts',
            'test/sync/**/*.test.ts',
            'test/printing/**/*.test.ts',
            'test/scanner/**/*.test.ts',
            'test/packing/**/*.test.ts',
          ],
          testTimeout: 30_000,
        },
      },
      { test: { name: 'main', environment: 'node', include: ['test/main/**/*.test.ts'] } },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // `npm run bench`: figures, not pass/fail timings; printed straight to stdout.
        test: {
          name: 'bench',
          environment: 'node',
          include: ['test/bench/**/*.bench.ts'],
          testTimeout: 900_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          disableConsoleIntercept: true,
        },
      },
    ],
  },
});
