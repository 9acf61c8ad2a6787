import { defineProject } from 'vitest/config';

// What we publish, checked as a consumer gets it: publint --strict, attw, the release
// manifest, and a smoke test that installs the packed tarballs with npm in an empty folder.
// Reads dist/ (`npm test` builds first; missing builds are made by the global setup).
export default defineProject({
  test: {
    name: 'packages',
    root: import.meta.dirname,
    environment: 'node',
    include: ['packages/**/*.test.ts'],
    globalSetup: ['packages/pack-workspace.ts'],
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
