// Are the types wrong? (the engine behind `attw`) on every packed tarball, in this process so
// TypeScript loads once. The packages are ESM only (Node ≥ 20.19 can `require()` them), hence
// attw's esm-only profile: node16 from ESM and bundler must resolve every entry, and every
// import inside the shipped .d.ts files, to types that match the JavaScript; node10 and
// CommonJS resolution are not checked. `npx attw <tarball> --profile esm-only` shows a table.
import { readFileSync } from 'node:fs';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { expect, inject, it } from 'vitest';
import { publishablePackages } from './publishable-packages.ts';

const tarballs = inject('tarballs');
const ignoredResolutions = new Set(['node10', 'node16-cjs']);

it.each(publishablePackages().map((pkg) => pkg.manifest.name))(
  '%s passes attw --profile esm-only',
  async (name) => {
    const path = tarballs[name];
    if (!path) throw new Error(`${name} was not packed`);
    const analysis = await checkPackage(createPackageFromTarballData(new Uint8Array(readFileSync(path))));
    expect(analysis.types, 'the package ships its own types').toMatchObject({ kind: 'included' });
    const problems = analysis.types
      ? analysis.problems.filter(
          (problem) => !('resolutionKind' in problem) || !ignoredResolutions.has(problem.resolutionKind),
        )
      : [];
    expect(problems).toEqual([]);
  },
);
