import { inject } from 'vitest';
import { createPostgresClient, createPostgresStorage } from '../../src/index.ts';
import { experimentVersionsSuite } from '../suite/experiment-versions-suite.ts';

const url = inject('pgUrl');

// A database of its own: the suite publishes configs and counts exposures of `usage_copy`,
// which the other suites sharing `pgUrl` publish and expose too.
experimentVersionsSuite('Postgres', async () => {
  const admin = createPostgresClient(url, { max: 1 });
  const name = `experiment_versions_${Date.now()}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  return createPostgresStorage(url.replace(/\/[^/?]+(\?|$)/, `/${name}$1`), { max: 4 });
});
