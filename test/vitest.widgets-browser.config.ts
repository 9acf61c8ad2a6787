import { defineProject } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// The <headroom-*> custom elements in real Chromium (Debian's, driven by playwright-core):
// shadow DOM, adopted stylesheets, theming through custom properties and ::part, axe-core.
export default defineProject({
  ...sourceResolve,
  test: {
    name: 'widgets-browser',
    root: import.meta.dirname,
    environment: 'node',
    include: ['widgets-browser/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
