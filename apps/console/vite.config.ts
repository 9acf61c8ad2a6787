import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { sourceConditions } from '../../vitest.shared.ts';

// Built with `--base /console/`: the edge's Node server serves dist/ at /console, so the
// console calls the admin API on its own origin.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  resolve: { conditions: sourceConditions },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1' },
});
