import { defineProject } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// The SDK's delivery in real Chromium (Debian's, driven by playwright-core) against the real
// edge server on loopback: refused storage, sandboxed iframes, poisoned batches.
export default defineProject({
  ...sourceResolve,
  test: {
    name: 'sdk-browser',
    root: import.meta.dirname,
    environment: 'node',
    include: ['sdk-browser/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
