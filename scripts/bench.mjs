#!/usr/bin/env node
// `pnpm bench`: every vitest bench (*.bench.ts), then every scripted benchmark in
// test/bench/*.mjs (load tests on loopback, page cost …), one after another. Figures are
// printed, never asserted.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
};

// The local vitest binary, so `npm run bench` works as well as `pnpm bench`.
run(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'bench', '--run']);
const dir = join(root, 'test', 'bench');
if (existsSync(dir)) {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.mjs'))
    .sort()) {
    run('node', ['--conditions=@headroom/source', '--import', 'tsx', join(dir, file)]);
  }
}
