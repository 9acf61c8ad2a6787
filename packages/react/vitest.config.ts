import { defineProject } from 'vitest/config';
import { sourceResolve } from '../../vitest.shared.ts';

// React 19 (this package's dev copy). test/vitest.react18.config.ts runs the same files on React 18.
export default defineProject({
  ...sourceResolve,
  esbuild: { jsx: 'automatic', jsxImportSource: 'react' },
  test: {
    name: 'react',
    environment: 'happy-dom',
    setupFiles: ['test/setup.ts'],
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
