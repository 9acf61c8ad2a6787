import type { StorybookConfig } from '@storybook/preact-vite';

// Stories import the widgets' public entry points; the `@headroom/source` condition makes
// Vite resolve workspace packages to their TypeScript source, so no package build is needed.
const config: StorybookConfig = {
  framework: { name: '@storybook/preact-vite', options: {} },
  stories: ['../*.stories.tsx'],
  core: { disableTelemetry: true },
  viteFinal: (vite) => ({
    ...vite,
    resolve: {
      ...vite.resolve,
      conditions: ['@headroom/source', 'module', 'browser', 'development|production'],
      dedupe: ['preact', '@preact/signals'],
    },
  }),
};

export default config;
