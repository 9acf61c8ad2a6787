#!/usr/bin/env node
// Runs pnpm (pinned in package.json) on a machine that has only Node and npm:
// installs dependencies once, then forwards the arguments to pnpm.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function pnpm(args) {
  const result = spawnSync(npx, ['-y', packageManager, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Cheap when node_modules is already in sync with the lockfile.
pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']);
pnpm(process.argv.slice(2));
