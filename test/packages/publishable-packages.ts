// The workspace's publishable packages (every package.json under pnpm-workspace.yaml's folders
// that is not `private`), found on disk so a new package is checked the day it is merged.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const workspaceRoot = join(import.meta.dirname, '../..');

/** The fields of a package manifest the release checks read. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: Record<string, string>;
  repository?: { type?: string; url?: string; directory?: string } | string;
  publishConfig?: Record<string, unknown>;
  scripts?: Record<string, string>;
  exports?: Record<string, unknown>;
  bin?: Record<string, string> | string;
  sideEffects?: boolean | string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface PublishablePackage {
  /** Absolute folder. */
  dir: string;
  /** Folder relative to the workspace root, e.g. `packages/sdk`. */
  folder: string;
  manifest: PackageManifest;
}

function workspaceFolders(): string[] {
  const globs = readFileSync(join(workspaceRoot, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .map((line) => /^\s*-\s*['"]?([^'"\s]+)['"]?\s*$/.exec(line)?.[1])
    .filter((glob): glob is string => glob !== undefined && !glob.includes(':'));
  return globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) return [join(workspaceRoot, glob)];
    const parent = join(workspaceRoot, glob.slice(0, -2));
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name));
  });
}

export function publishablePackages(): PublishablePackage[] {
  const found: PublishablePackage[] = [];
  for (const dir of workspaceFolders()) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as PackageManifest;
    if (manifest.private) continue;
    found.push({ dir, folder: relative(workspaceRoot, dir), manifest });
  }
  return found.sort((left, right) => left.manifest.name.localeCompare(right.manifest.name));
}

/** Every `exports` subpath a consumer can import (`.` → the package name), package.json aside. */
export function entrySpecifiers(manifest: PackageManifest): string[] {
  return Object.keys(manifest.exports ?? { '.': null })
    .filter((subpath) => subpath !== './package.json' && !subpath.includes('*'))
    .map((subpath) => (subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`));
}

/** The bins a package installs, by name. */
export function binNames(manifest: PackageManifest): string[] {
  if (typeof manifest.bin === 'string') return [manifest.name.replace(/^@[^/]+\//, '')];
  return Object.keys(manifest.bin ?? {});
}
