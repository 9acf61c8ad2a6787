import { inject } from 'vitest';
import { createPostgresClient, createPostgresStorage } from '../../src/index.ts';
import { configToolsSuite } from '../suite/config-tools-suite.ts';

const url = inject('pgUrl');

// A database of its own: impact and backtest read every account and event in the store, and
// the other Postgres test files write to the shared one at the same time.
configToolsSuite('Postgres', async () => {
  const admin = createPostgresClient(url, { max: 1 });
  const name = `config_tools_${Date.now()}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  return createPostgresStorage(url.replace(/\/[^/?]+(\?|$)/, `/${name}$1`));
});
