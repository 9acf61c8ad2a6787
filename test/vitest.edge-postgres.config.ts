import { defineProject } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// The edge handler suite against a real Postgres cluster, started and removed by the global
// setup (Debian's binaries; or a fresh database in HEADROOM_TEST_DATABASE_URL).
export default defineProject({
  ...sourceResolve,
  test: {
    name: 'edge-postgres',
    root: `${import.meta.dirname}/../packages/edge`,
    environment: 'node',
    include: ['test/postgres/**/*.test.ts'],
    globalSetup: ['test/postgres/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
