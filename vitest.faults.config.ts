import { defineConfig } from 'vitest/config';

// `npm run test:faults`: the fault-injection suite (test/faults/), kept out of `npm test`.
// Files run one at a time: each starts worker processes or a redis-server of its own, and two
// at once on a 2-core machine would stretch lock renewals into false stalls.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    // Long enough for a stuck scenario to give up on its own deadlines and record its row.
    testTimeout: 240_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['test/support/redis-global-setup.ts', 'test/faults/fault-report-setup.ts'],
  },
});
