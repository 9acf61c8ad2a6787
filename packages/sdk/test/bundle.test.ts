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
  expect(inputs.some((p) => p.includes('nanostores'))).toBe(true);
  expect(inputs.filter((p) => /preact|zod/.test(p))).toEqual([]);
  expect(out.outputFiles[0]?.text).not.toMatch(/preact/i);
});
