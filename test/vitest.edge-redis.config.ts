import { defineProject } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// The edge's shared rate limits against a real Redis, started and stopped by the global setup
// (Debian's redis-server on a random loopback port; or HEADROOM_TEST_REDIS_URL).
export default defineProject({
  ...sourceResolve,
  test: {
    name: 'edge-redis',
    root: `${import.meta.dirname}/../packages/edge`,
    environment: 'node',
    include: ['test/redis/**/*.test.ts'],
    globalSetup: ['test/redis/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
