// publint --strict on every packed tarball: exports, types conditions, files and fields that
// would break some consumer. Warnings and suggestions fail the test too.
import { readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { expect, inject, it } from 'vitest';
import { publishablePackages } from './publishable-packages.ts';

const tarballs = inject('tarballs');

it.each(publishablePackages().map((pkg) => pkg.manifest.name))('%s passes publint --strict', async (name) => {
  const path = tarballs[name];
  if (!path) throw new Error(`${name} was not packed`);
  const bytes = readFileSync(path);
  const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball }, strict: true, level: 'suggestion' });
  expect(
    messages.map((message) => `${message.type}: ${formatMessage(message, pkg) ?? message.code}`),
  ).toEqual([]);
});
