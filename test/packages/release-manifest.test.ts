// What every published tarball carries so a team can adopt it: licence, README with a
// working example, changelog, engines / repository / publishConfig, a prepack build, caret
// ranges between Headroom packages, and peers that accept Preact 10 and 11.
import { describe, expect, inject, it } from 'vitest';
import { type PackageManifest, publishablePackages } from './publishable-packages.ts';
import { readmeExample } from './readme-example.ts';
import { tarballFiles, tarballText } from './tarball.ts';

const tarballs = inject('tarballs');
const packages = publishablePackages();
const versions = new Map(packages.map((pkg) => [pkg.manifest.name, pkg.manifest.version]));

/** The major versions a range's `^N…` alternatives accept. */
function caretMajors(range: string): number[] {
  return range.split('||').flatMap((part) => {
    const major = /^\s*\^(\d+)\./.exec(part)?.[1];
    return major === undefined ? [] : [Number(major)];
  });
}

describe.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))('%s', (name, pkg) => {
  const tarball = (): string => {
    const path = tarballs[name];
    if (!path) throw new Error(`${name} was not packed`);
    return path;
  };

  it('ships an MIT LICENSE, a README with an example, and a CHANGELOG', async () => {
    const files = await tarballFiles(tarball());
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'CHANGELOG.md']));
    expect(await tarballText(tarball(), 'LICENSE')).toMatch(/^MIT License/);
    const readme = await tarballText(tarball(), 'README.md');
    expect(readme, 'README.md needs a "## Example" section with a ```ts or ```tsx block').toSatisfy(
      (text: string) => readmeExample(text) !== undefined,
    );
    expect(readme).toContain('npm install');
  });

  it('declares engines, repository and publishConfig, and builds dist on prepack', async () => {
    const packed = JSON.parse(await tarballText(tarball(), 'package.json')) as PackageManifest;
    expect(packed.license).toBe('MIT');
    expect(packed.engines?.node).toMatch(/^>=\s*20/);
    expect(packed.repository).toMatchObject({ type: 'git', directory: pkg.folder });
    expect(packed.publishConfig).toMatchObject({ access: 'public' });
    expect(pkg.manifest.scripts?.prepack).toBeTruthy();
  });

  it('depends on other Headroom packages by caret range, and accepts Preact 10 and 11', async () => {
    const packed = JSON.parse(await tarballText(tarball(), 'package.json')) as PackageManifest;
    for (const field of ['dependencies', 'peerDependencies'] as const) {
      for (const [dependency, range] of Object.entries(packed[field] ?? {})) {
        expect(range, `${field}.${dependency}`).not.toContain('workspace:');
        const version = versions.get(dependency);
        if (version) expect(range, `${field}.${dependency}`).toBe(`^${version}`);
      }
    }
    const preact = packed.peerDependencies?.preact;
    if (preact) expect(caretMajors(preact)).toEqual(expect.arrayContaining([10, 11]));
  });
});
