import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

export default defineProject({
  ...sourceResolve,
  // @testing-library/preact is installed at the root against another preact major; one copy
  // (this app's) must render and run hooks.
  resolve: { ...sourceResolve.resolve, dedupe: ['preact', '@preact/signals'] },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    name: 'console',
    root: import.meta.dirname,
    environment: 'happy-dom',
    setupFiles: ['test/setup.ts'],
    server: { deps: { inline: ['@testing-library/preact'] } },
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.tsx'],
  },
});
