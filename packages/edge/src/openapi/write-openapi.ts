// `node scripts/pnpm.mjs --filter @headroom/edge run openapi`:
// regenerates the checked-in openapi.json from the zod schemas.
import { writeFileSync } from 'node:fs';
import pkg from '../../package.json' with { type: 'json' };
import { createOpenApiDocument } from './create-openapi-document.ts';

const target = new URL('../../openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(createOpenApiDocument(pkg.version), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
