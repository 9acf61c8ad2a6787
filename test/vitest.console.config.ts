import { defineProject } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// The built growth console against a real edge server (embedded Postgres) on loopback,
// driven in Debian Chromium via playwright-core.
export default defineProject({
  ...sourceResolve,
  test: {
    name: 'console-e2e',
    root: import.meta.dirname,
    environment: 'node',
    include: ['console/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
