// Dependencies of @headroom/edge the benchmark uses directly (the PGlite engine, the postgres
// driver), resolved from the edge package: the workspace root does not depend on them.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(new URL('../../../packages/edge/package.json', import.meta.url));

/** Imports `name` as @headroom/edge resolves it. */
export const importFromEdge = (name) => import(pathToFileURL(require.resolve(name)).href);
