import { defineProject } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// The SDK's delivery promise under failure: 10,000 events over real HTTP on loopback.
export default defineProject({
  ...sourceResolve,
  test: {
    name: 'reliability',
    root: import.meta.dirname,
    environment: 'node',
    include: ['reliability/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
