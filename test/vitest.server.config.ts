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
    // PGlite takes seconds to boot on a busy machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
