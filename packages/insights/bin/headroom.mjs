#!/usr/bin/env node
// The `headroom` bin. Uses the built CLI (dist/) when it and its workspace dependencies are
// built; otherwise runs the TypeScript source through tsx with the `@headroom/source`
// condition, so it works from a fresh clone right after install.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli/run.js', import.meta.url);
let ran = false;
if (existsSync(fileURLToPath(built))) {
  try {
    await import(built.href);
    ran = true;
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  }
}
if (!ran) {
  const require = createRequire(import.meta.url);
  const tsx = require.resolve('tsx');
  const source = fileURLToPath(new URL('../src/cli/run.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--conditions=@headroom/source', '--import', tsx, source, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}
