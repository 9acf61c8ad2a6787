#!/usr/bin/env node
// Size of the `@headroom/edge/worker` entry as a Workers deploy would bundle it (esbuild,
// ESM, minified, everything inlined: hono, zod/mini, @headroom/core). Printed, never
// asserted here; .size-limit.json enforces the limit.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { table } from '../edge-bench/harness.mjs';

const result = await build({
  stdin: {
    contents: "export { createEdgeWorker } from '@headroom/edge/worker';",
    resolveDir: import.meta.dirname,
  },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  conditions: ['@headroom/source', 'worker', 'browser'],
  minify: true,
  write: false,
  metafile: true,
  logLevel: 'silent',
});
const code = result.outputFiles[0].contents;
const byPackage = new Map();
for (const [file, info] of Object.entries(Object.values(result.metafile.outputs)[0]?.inputs ?? {})) {
  const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file);
  const name = m?.[1] ?? (file.includes('packages/core') ? '@headroom/core' : '@headroom/edge');
  byPackage.set(name, (byPackage.get(name) ?? 0) + info.bytesInOutput);
}
console.log('\n@headroom/edge/worker bundle');
table([
  { what: 'minified', kB: (code.byteLength / 1000).toFixed(1) },
  { what: 'min+gzip', kB: (gzipSync(code).byteLength / 1000).toFixed(1) },
  ...[...byPackage]
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => ({ what: `  ${name} (minified)`, kB: (bytes / 1000).toFixed(1) })),
]);
