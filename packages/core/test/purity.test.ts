/// <reference types="node" />
// `@headroom/core` runs unchanged in browsers, edge workers, Node and the CLI: it imports no
// platform, framework or DOM, and touches no host global at import.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { describe, expect, it } from 'vitest';

const srcDir = fileURLToPath(new URL('../src/', import.meta.url));
const sources = readdirSync(srcDir)
  .filter((file) => file.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(file))
  .map((file) => ({ file, text: readFileSync(srcDir + file, 'utf8') }));

const HOST_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'location',
  'process',
  'Buffer',
  'require',
  '__dirname',
];

describe('core purity', () => {
  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(15);
  });

  it.each(sources.map((s) => [s.file, s] as const))(
    '%s imports only relative files and zod/mini',
    (_, source) => {
      const specifiers = [...source.text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g)].map(
        (m) => m[1],
      );
      for (const specifier of specifiers) expect(specifier).toMatch(/^(\.\/[a-z0-9-]+\.ts|zod\/mini)$/);
      expect(source.text).not.toMatch(/\bimport\s*\(/);
    },
  );

  it.each(sources.map((s) => [s.file, s] as const))('%s uses no DOM or Node global', async (_, source) => {
    // Compile away types and comments first, so "rolling window" in a doc comment is no hit.
    const { code } = await transform(source.text, { loader: 'ts', minifyWhitespace: true });
    const withoutStrings = code.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""');
    for (const name of HOST_GLOBALS)
      expect(withoutStrings).not.toMatch(new RegExp(`(?<![.\\w$])${name}(?![\\w$])`));
  });

  it('bundles for a neutral platform with nothing but its own files and zod', async () => {
    const result = await build({
      entryPoints: [`${srcDir}index.ts`],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => !path.includes('packages/core/src/') && !path.includes('/zod/'))).toEqual(
      [],
    );
    expect(inputs.some((path) => /preact|node:/.test(path))).toBe(false);
  });

  it('is marked side-effect free and ships types', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.exports['.']).toMatchObject({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(Object.keys(pkg.exports['.'])[0]).toBe('@headroom/source');
    expect(Object.keys(pkg.dependencies)).toEqual(['zod']);
  });
});
