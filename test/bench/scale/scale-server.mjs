#!/usr/bin/env node
// Child process of the scale benchmark: the real edge (startEdgeServer) over a loaded store,
// so the load generator and the timing loop don't share a thread with the server under test.
// BENCH_PGLITE_DIR or BENCH_DATABASE_URL picks the store; prints one JSON line with the URL.
import { openSync, writeSync } from 'node:fs';
import { createPgliteStorage, createPostgresStorage } from '@headroom/edge';
import { createJsonLineLogger, startEdgeServer } from '@headroom/edge/node';
import { benchConfig } from './bench-config.mjs';

const storage = process.env.BENCH_DATABASE_URL
  ? await createPostgresStorage(process.env.BENCH_DATABASE_URL, { max: 10 })
  : await createPgliteStorage(process.env.BENCH_PGLITE_DIR);
const devNull = openSync('/dev/null', 'w');
const logger = createJsonLineLogger((chunk) => writeSync(devNull, chunk));
const server = await startEdgeServer({
  storage,
  secret: process.env.BENCH_SECRET ?? 'bench-secret',
  adminToken: process.env.BENCH_ADMIN_TOKEN,
  config: benchConfig(),
  port: 0,
  delivery: 'manual',
  // The bench measures reads, not the minute sweep.
  accountSweepIntervalMs: 3_600_000,
  rateLimit: { perIp: { burst: 1e9, perSecond: 1e9 }, perAccount: { burst: 1e9, perSecond: 1e9 } },
  log: logger.log,
});
console.log(JSON.stringify({ url: server.url }));
process.on('SIGTERM', () => {
  server.close().then(() => process.exit(0));
});
