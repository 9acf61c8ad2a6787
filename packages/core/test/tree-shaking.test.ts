/// <reference types="node" />
// Proves `sideEffects: false` and the one-concept-per-file layout pay off: a bundle of one
// export carries only what that export needs.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const coreDir = fileURLToPath(new URL('..', import.meta.url));

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: coreDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['@headroom/source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

const TRIGGER_CODE = ['meter_sustained', 'gate_distinct', 'invites_sent', 'consecutive days'];
// Strings only zod carries (its error codes and internals).
const ZOD_CODE = ['invalid_type', '_zod'];

describe('tree-shaking', () => {
  it('bundles decideRoute alone without trigger code or zod', async () => {
    const code = await bundle(`import { decideRoute } from '@headroom/core'; console.log(decideRoute);`);
    expect(code).toContain('above_cs_threshold');
    for (const needle of [...TRIGGER_CODE, ...ZOD_CODE]) expect(code).not.toContain(needle);
    expect(code.length).toBeLessThan(2_000);
  });

  it('bundles assignVariant alone without zod or routing', async () => {
    const code = await bundle(`import { assignVariant } from '@headroom/core'; console.log(assignVariant);`);
    expect(code).toContain('coverage');
    for (const needle of [...ZOD_CODE, 'above_cs_threshold', ...TRIGGER_CODE])
      expect(code).not.toContain(needle);
  });

  it('keeps what is imported: defineConfig carries zod and the trigger schema', async () => {
    // The check above can only fail if these strings would show up when the code is used.
    const code = await bundle(`import { defineConfig } from '@headroom/core'; console.log(defineConfig);`);
    for (const needle of ['meter_sustained', 'gate_distinct', '_zod']) expect(code).toContain(needle);
  });
});
