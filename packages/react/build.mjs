// Builds dist/ with tsc alone: one ES module per source file plus its .d.ts, unbundled and
// unminified. Unbundled on purpose: with `sideEffects: false` a host that imports only the
// hooks never pulls in the custom elements (and Preact) that the components register; the
// host's bundler minifies. React, the SDK and the widgets stay imports.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('.', import.meta.url).pathname;
rmSync(`${root}dist`, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
