import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceResolve,
  test: {
    name: 'edge',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/postgres and test/redis run in the `edge-postgres` and `edge-redis` projects.
    exclude: ['test/postgres/**', 'test/redis/**', '**/node_modules/**'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    // PGlite takes seconds to boot on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
