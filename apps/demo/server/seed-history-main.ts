// Seeds a fresh demo store with five months of synthetic history (see `seed-history.ts`), so the
// growth console opens on real-looking results. `scripts/demo.mjs` runs it once per data dir,
// before the edge starts (PGlite has one writer):
//   HEADROOM_SECRET=… HEADROOM_SERVER_KEY=… node --conditions=@headroom/source --import tsx \
//     apps/demo/server/seed-history-main.ts --config FILE --data-dir DIR [--accounts 500]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defineConfig } from '@headroom/core';
import { createPgliteStorage } from '@headroom/edge';
import { seedHistory } from './seed-history.ts';

const { values } = parseArgs({
  options: {
    config: { type: 'string' },
    'data-dir': { type: 'string', default: '.headroom' },
    accounts: { type: 'string', default: '500' },
  },
});
const secret = process.env.HEADROOM_SECRET;
const serverKey = process.env.HEADROOM_SERVER_KEY;
const accounts = Number(values.accounts);
if (!secret || !serverKey || !values.config || !Number.isInteger(accounts) || accounts < 1) {
  console.error(
    'Usage: HEADROOM_SECRET=… HEADROOM_SERVER_KEY=… seed-history-main.ts --config FILE --data-dir DIR [--accounts N]',
  );
  process.exit(2);
}
const started = performance.now();
const storage = await createPgliteStorage(join(values['data-dir'], 'pglite'));
try {
  const config = defineConfig(JSON.parse(readFileSync(values.config, 'utf8')));
  const seeded = await seedHistory({ storage, config, secret, serverKey, accounts });
  const arms = Object.entries(seeded.fires)
    .map(([trigger, arm]) => `${trigger} ${arm.exposed} shown / ${arm.heldOut} held out`)
    .join(', ');
  console.log(
    `Seeded ${seeded.accounts} synthetic accounts (${arms}; ${seeded.upgrades} upgrades) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await storage.close();
}
