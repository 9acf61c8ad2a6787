import { defineProject } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// `@headroom/server` and the OpenAPI contract, against the real edge (PGlite) over HTTP on loopback.
export default defineProject({
  ...sourceResolve,
  test: {
    name: 'server-http',
    root: import.meta.dirname,
    environment: 'node',
    include: ['server/**/*.test.ts', 'openapi/**/*.test.ts'],
    // Each file boots its own PGlite: one at a time, and allow for a busy machine (it took
    // over 60 s with three booting at once at a load average of 48 on 2 cores).
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
