import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceResolve,
  test: {
    name: 'edge',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // test/postgres runs in the `edge-postgres` project (test/vitest.edge-postgres.config.ts).
    exclude: ['test/postgres/**', '**/node_modules/**'],
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
    // PGlite takes seconds to boot on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
