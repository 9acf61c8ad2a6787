import { build } from 'esbuild';
import { expect, it } from 'vitest';

it('a bundle of the SDK contains no preact', async () => {
  const out = await build({
    stdin: {
      contents: "export { createHeadroom } from './src/index.ts';",
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    conditions: ['@headroom/source'],
    metafile: true,
    logLevel: 'silent',
  });
  // Modules that contribute bytes (esbuild lists tree-shaken ones with 0 bytes).
  const output = Object.values(out.metafile.outputs)[0];
  const inputs = Object.entries(output?.inputs ?? {})
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([p]) => p);
  // The stores are the SDK's own few lines, not a dependency.
  expect(inputs.some((p) => p.endsWith('src/store.ts'))).toBe(true);
  expect(inputs.filter((p) => p.includes('nanostores'))).toEqual([]);
  expect(inputs.filter((p) => /preact|zod/.test(p))).toEqual([]);
  expect(out.outputFiles[0]?.text).not.toMatch(/preact/i);
  // Why data is unknown is the optional `@headroom/sdk/diagnose` entry's job, not the main one's.
  expect(inputs.filter((p) => /explain-unknown|diagnose/.test(p))).toEqual([]);
  expect(out.outputFiles[0]?.text).not.toMatch(/no-cors|HEADROOM_ALLOWED_ORIGINS/);
  // Nor is reading a forecast (`@headroom/sdk/forecast`): the main entry only keeps the answer.
  expect(inputs.filter((p) => /forecast/.test(p))).toEqual([]);
});

it('the diagnose entry stands alone: it reads a client, it brings no second SDK', async () => {
  const out = await build({
    entryPoints: [new URL('../src/diagnose.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    write: false,
    conditions: ['@headroom/source'],
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(Object.values(out.metafile.outputs)[0]?.inputs ?? {});
  expect(inputs.map((p) => p.replace(/^.*\/src\//, ''))).toEqual(['explain-unknown.ts', 'diagnose.ts']);
});

it('the forecast entry stands alone: it reads a client’s account answer with zod/mini, no second SDK', async () => {
  const out = await build({
    entryPoints: [new URL('../src/forecast.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    write: false,
    conditions: ['@headroom/source'],
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(Object.values(out.metafile.outputs)[0]?.inputs ?? {});
  const own = inputs.filter((p) => !p.includes('node_modules')).map((p) => p.replace(/^.*\/src\//, ''));
  expect(own).toEqual(['meter-forecast.ts', 'forecast.ts']);
  expect(inputs.filter((p) => p.includes('node_modules') && !/\/zod\//.test(p))).toEqual([]);
});
