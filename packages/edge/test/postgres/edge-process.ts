// One edge instance as its own process, for the multi-instance test: Postgres at
// EDGE_DATABASE_URL, handoffs to EDGE_WEBHOOK. Prints one JSON line with its URL.
import { readFileSync } from 'node:fs';
import { createPostgresStorage } from '../../src/index.ts';
import { startEdgeServer } from '../../src/node/start-edge-server.ts';

const config = JSON.parse(
  readFileSync(new URL('../../../core/examples/acme.config.json', import.meta.url), 'utf8'),
);
const server = await startEdgeServer({
  storage: await createPostgresStorage(process.env.EDGE_DATABASE_URL ?? '', { max: 4 }),
  secret: process.env.EDGE_SECRET ?? '',
  adminToken: process.env.EDGE_ADMIN ?? '',
  serverKey: process.env.EDGE_SERVER_KEY ?? '',
  webhook: { url: process.env.EDGE_WEBHOOK ?? '', secret: process.env.EDGE_WEBHOOK_SECRET ?? '' },
  config,
  port: 0,
  rateLimit: false,
  outboxIntervalMs: 200,
  log: () => {},
});
console.log(JSON.stringify({ url: server.url }));
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
