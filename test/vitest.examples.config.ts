import { defineProject } from 'vitest/config';

// The examples/ apps as a user builds them: from the packages' dist (run the root build
// first), in Debian's Chromium. No source condition here on purpose.
export default defineProject({
  test: {
    name: 'examples',
    root: import.meta.dirname,
    environment: 'node',
    include: ['examples/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
