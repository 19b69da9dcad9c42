import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node; e2e tests drive the built app in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A UI step that takes 1 s on an idle machine can take several on a loaded 2-core CI runner;
    // a poll that would pass later is not a failure (a real one still fails, 10 s later).
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
    globalSetup: ['test/helpers/testCacheHome.ts'],
  },
});
