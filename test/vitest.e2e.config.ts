import { defineProject } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// Browser end-to-end journeys: the real demo servers on loopback, Debian Chromium via
// playwright-core. One file at a time: the machine is small and the servers are shared.
export default defineProject({
  ...sourceResolve,
  test: {
    name: 'e2e',
    root: import.meta.dirname,
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
