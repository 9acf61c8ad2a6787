// The checked-in openapi.json is what the zod schemas generate; when a schema changes, this
// fails until the document is regenerated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { createOpenApiDocument } from '../src/openapi/create-openapi-document.ts';

describe('openapi.json', () => {
  it('is up to date with the zod schemas', () => {
    const checkedIn = readFileSync(new URL('../openapi.json', import.meta.url), 'utf8');
    const generated = `${JSON.stringify(createOpenApiDocument(pkg.version), null, 2)}\n`;
    expect(
      checkedIn === generated,
      'packages/edge/openapi.json is stale: run `node scripts/pnpm.mjs --filter @headroom/edge run openapi` and commit it',
    ).toBe(true);
  });
});
