// Builds dist/: pre-minified ESM (identifiers and syntax; with source maps) and tsc's .d.ts files. One esbuild run
// for every entry with code splitting, so `/elements` imports the components from the
// same shared chunk as the main entry (one HeadroomContext, no duplicated widget code).
// The peers, @headroom/core and @headroom/sdk stay imports, so they dedupe with the host's copies.
// Internal-only property names (props of internal components and hooks, never in the public
// types, never DOM attributes, message keys or copy placeholders) are mangled by an explicit list.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

/** Properties that never leave the widgets: UpgradeButton / UpgradeOutcome / ModalDialog /
 * PromptCard props, the upgrade flow's `step`, `start` and `decision`, and
 * the elements' shared defaults. */
export const INTERNAL_PROPS = /^(flow|step|decision|start|labelledBy|describedBy|onClose|prompt|connected)$/;

const root = new URL('.', import.meta.url).pathname;
rmSync(`${root}dist`, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], {
  cwd: root,
  stdio: 'inherit',
});
await build({
  absWorkingDir: root,
  entryPoints: {
    index: 'src/index.ts',
    elements: 'src/elements.ts',
    // Optional and side-effectful: lets usage bars with `forecast` show the projection.
    forecast: 'src/forecast.ts',
    'testing/index': 'src/testing/index.ts',
    // Types-only entries (the JSX tags for React, Preact and Vue hosts): empty modules at runtime.
    'jsx/react': 'src/jsx/react.ts',
    'jsx/preact': 'src/jsx/preact.ts',
    'jsx/vue': 'src/jsx/vue.ts',
  },
  outdir: 'dist',
  chunkNames: 'shared-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  // Whitespace is kept: esbuild drops comments when it minifies whitespace, and the
  // `/* @__PURE__ */` / `@__NO_SIDE_EFFECTS__` annotations must reach the host's bundler so a
  // page importing only UsageBar does not get every widget (size-limit minifies it fully).
  minifySyntax: true,
  minifyIdentifiers: true,
  mangleProps: INTERNAL_PROPS,
  sourcemap: true,
  external: ['preact', 'preact/*', '@preact/signals', 'nanostores', '@headroom/core', '@headroom/sdk'],
  logLevel: 'warning',
});
