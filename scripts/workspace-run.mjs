#!/usr/bin/env node
// `node scripts/workspace-run.mjs <script> [--parallel]`: runs a package script (typecheck,
// build) in every workspace package that has TypeScript sources, in dependency order.
// A package whose folder holds no .ts/.tsx file yet (being written by someone else) is
// listed as skipped instead of failing `tsc` with "No inputs were found".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const [script, ...flags] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/workspace-run.mjs <script> [--parallel]');
  process.exit(2);
}

const SKIP_DIRS = new Set(['node_modules', 'dist', 'storybook-static', '.headroom', 'coverage']);
function hasSources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.') && hasSources(join(dir, entry.name)))
        return true;
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      return true;
    }
  }
  return false;
}

// The folders pnpm-workspace.yaml lists (`dir/*` or `dir`).
const globs = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
  .split('\n')
  .map((line) => /^\s*-\s*['"]?([^'"\s]+)['"]?\s*$/.exec(line)?.[1])
  .filter((glob) => glob !== undefined && !glob.includes(':'));
const dirs = globs.flatMap((glob) => {
  if (!glob.endsWith('/*')) return [join(root, glob)];
  const parent = join(root, glob.slice(0, -2));
  return existsSync(parent)
    ? readdirSync(parent, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => join(parent, e.name))
    : [];
});

const selected = [];
for (const dir of dirs) {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) continue;
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  if (!pkg.scripts?.[script]) continue;
  if (hasSources(dir)) selected.push(`./${relative(root, dir)}`);
  else console.log(`skip ${pkg.name}: no TypeScript sources yet`);
}
if (selected.length === 0) process.exit(0);

const args = ['-r', ...(flags.includes('--parallel') ? ['--parallel'] : [])];
for (const dir of selected) args.push('--filter', dir);
args.push('run', script);
// Inside a pnpm script `npm_execpath` is pnpm itself; fall back to the pinned version.
const execpath = process.env.npm_execpath;
const result =
  execpath && /pnpm/.test(execpath)
    ? spawnSync(process.execPath, [execpath, ...args], { cwd: root, stdio: 'inherit' })
    : spawnSync('node', [join(root, 'scripts', 'pnpm.mjs'), ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
