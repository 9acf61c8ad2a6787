// Builds dist/: pre-minified ESM modules (with source maps) and tsc's .d.ts files: index.js, and
// diagnose.js and forecast.js, the optional `@headroom/sdk/diagnose` and `/forecast` entries
// the main one never imports. @headroom/core and zod stay imports, so they dedupe with the
// host's copies.
// Internal-only property names (never part of types.ts) are mangled, as Preact does for
// its `__` fields; public names cannot be, because the list names them one by one.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

/** Properties of objects that never leave the SDK (queue options, reporter, token source, ledger). */
export const INTERNAL_PROPS =
  /^(\$diagnostics|\$used|raise|own|onNetwork|canSend|setQueued|beacon|guard|fail|drop|peek|first|load|save|handle|ledger|list|once|mark|countOf|tally|send|tokens|key|url|firstAccount|accountOf|epoch|\$config|\$claims|clock|emit|schedule|forPlan|named|stopped|surfaces|api|clickBeforeUpgrade|expose|variantOf|onPage)$/;

const root = new URL('.', import.meta.url).pathname;
rmSync(`${root}dist`, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--emitDeclarationOnly'], {
  cwd: root,
  stdio: 'inherit',
});
await build({
  entryPoints: [`${root}src/index.ts`, `${root}src/diagnose.ts`, `${root}src/forecast.ts`],
  outdir: `${root}dist`,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  minify: true,
  mangleProps: INTERNAL_PROPS,
  sourcemap: true,
  external: ['@headroom/core', 'zod'],
  logLevel: 'warning',
});

// `@headroom/sdk/testing`: its own module, so the main entry carries none of it. It bundles
// its own copy of the SDK (tests only); msw stays an import (an optional peer).
await build({
  entryPoints: [`${root}src/testing/index.ts`],
  outfile: `${root}dist/testing.js`,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  sourcemap: true,
  external: ['@headroom/core', 'msw'],
  logLevel: 'warning',
});
