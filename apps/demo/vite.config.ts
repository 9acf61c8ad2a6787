import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { sourceConditions } from '../../vitest.shared.ts';

const root = import.meta.dirname;

// Two pages: the Preact app, and a plain HTML page that uses only the custom elements.
export default defineConfig({
  root,
  plugins: [preact()],
  resolve: { conditions: sourceConditions },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: { main: resolve(root, 'index.html'), plain: resolve(root, 'plain.html') },
    },
  },
});
