#!/usr/bin/env node
// What a React host pays, min+gzip, for a minimal use of each vendor's React bindings:
// provider + one hook + (for Headroom) the usage bar and upgrade prompt components, which
// bring the custom elements and Preact inside. Every scenario is bundled the same way
// (esbuild, ESM, browser, minified, the packages' published dist, react / react-dom external)
// and gzipped at level 9. Printed, never asserted; .size-limit.json enforces our own limits.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { table } from '../edge-bench/harness.mjs';

const scenarios = [
  {
    what: 'Headroom: @headroom/react components + hooks + createHeadroom',
    contents: `
      import { createHeadroom } from '@headroom/sdk';
      import { HeadroomProvider, UsageBar, UpgradePrompt, useMeter } from '@headroom/react';
      export { createHeadroom, HeadroomProvider, UsageBar, UpgradePrompt, useMeter };`,
  },
  {
    what: 'Headroom: every component and hook + createHeadroom',
    contents: `
      export { createHeadroom } from '@headroom/sdk';
      export * from '@headroom/react';`,
  },
  {
    what: 'Headroom: hooks only (own UI) + createHeadroom',
    contents: `
      import { createHeadroom } from '@headroom/sdk';
      import { HeadroomProvider, useMeter, useGate, usePrompt } from '@headroom/react';
      export { createHeadroom, HeadroomProvider, useMeter, useGate, usePrompt };`,
  },
  {
    what: 'PostHog: posthog-js + posthog-js/react (provider, flag hook)',
    contents: `
      import posthog from 'posthog-js';
      import { PostHogProvider, useFeatureFlagEnabled } from 'posthog-js/react';
      export { posthog, PostHogProvider, useFeatureFlagEnabled };`,
  },
  {
    what: 'Statsig: @statsig/react-bindings (provider, async init, gate hook)',
    contents: `
      import { StatsigProvider, useClientAsyncInit, useGateValue } from '@statsig/react-bindings';
      export { StatsigProvider, useClientAsyncInit, useGateValue };`,
  },
];

const rows = [];
let headroom = 0;
for (const { what, contents } of scenarios) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  const gzip = gzipSync(code, { level: 9 }).byteLength;
  if (!headroom) headroom = gzip;
  rows.push({
    what,
    'min kB': (code.byteLength / 1000).toFixed(1),
    'min+gzip kB': (gzip / 1000).toFixed(1),
    'vs Headroom': `${(gzip / headroom).toFixed(2)}×`,
  });
}
console.log('\nReact host cost (react / react-dom excluded)');
table(rows);
