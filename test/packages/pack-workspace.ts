// Global setup of the `packages` project: packs every publishable package once, the way it
// would be published (`pnpm pack`, so `workspace:^` ranges become real versions), into a
// temporary folder the test files share. `npm test` builds before it runs; a package whose
// built files are missing (a project run on a fresh clone) is built here first.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import {
  type PackageManifest,
  type PublishablePackage,
  publishablePackages,
  workspaceRoot,
} from './publishable-packages.ts';

const run = promisify(execFile);

declare module 'vitest' {
  export interface ProvidedContext {
    /** Tarball path by package name. */
    tarballs: Record<string, string>;
  }
}

/** Files the manifest points at (exports other than the source condition, bins). */
function publishedTargets(manifest: PackageManifest): string[] {
  const targets: string[] = [];
  const visit = (value: unknown, condition: string): void => {
    if (typeof value === 'string') {
      if (condition !== '@headroom/source') targets.push(value);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) visit(inner, key);
    }
  };
  visit(manifest.exports, '');
  visit(manifest.bin, '');
  return targets;
}

async function buildWhenMissing(pkg: PublishablePackage): Promise<void> {
  const missing = publishedTargets(pkg.manifest).filter((target) => !existsSync(join(pkg.dir, target)));
  if (missing.length === 0) return;
  await run('npm', ['run', 'build'], { cwd: pkg.dir });
}

/** pnpm as `npm test` runs it, or the version pinned in the root package.json. */
function pnpmCommand(): [string, string[]] {
  const execpath = process.env.npm_execpath;
  if (execpath && /pnpm/.test(execpath)) return [process.execPath, [execpath]];
  const { packageManager } = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8'));
  return ['npx', ['-y', packageManager]];
}

export default async function setup(project: TestProject): Promise<() => void> {
  const packages = publishablePackages();
  for (const pkg of packages) await buildWhenMissing(pkg);

  const destination = mkdtempSync(join(tmpdir(), 'headroom-pack-'));
  const [command, prefix] = pnpmCommand();
  const filters = packages.flatMap((pkg) => ['--filter', `./${pkg.folder}`]);
  // dist/ is already built: skip prepack so packing does not build every package again.
  const { stdout } = await run(
    command,
    [
      ...prefix,
      '-r',
      ...filters,
      'pack',
      '--pack-destination',
      destination,
      '--config.ignore-scripts=true',
      '--json',
    ],
    { cwd: workspaceRoot, maxBuffer: 64 * 1024 * 1024 },
  );
  const packed = JSON.parse(stdout) as
    | { name: string; filename: string }[]
    | { name: string; filename: string };
  const tarballs: Record<string, string> = {};
  for (const entry of Array.isArray(packed) ? packed : [packed]) tarballs[entry.name] = entry.filename;
  project.provide('tarballs', tarballs);
  return () => rmSync(destination, { recursive: true, force: true });
}
