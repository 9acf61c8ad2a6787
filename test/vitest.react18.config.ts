import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import { sourceResolve } from '../vitest.shared.ts';

// @headroom/react's tests again on React 18: `react`, `react-dom` and Testing Library resolve
// to the React 18 copies installed in this folder (packages/react has React 19).
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineProject({
  ...sourceResolve,
  resolve: {
    ...sourceResolve.resolve,
    alias: {
      react: here('node_modules/react'),
      'react-dom': here('node_modules/react-dom'),
      '@testing-library/react': here('node_modules/@testing-library/react'),
    },
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'react' },
  test: {
    name: 'react18',
    root: here('../packages/react'),
    environment: 'happy-dom',
    setupFiles: ['test/setup.ts', here('react18/assert-react-18.ts')],
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
