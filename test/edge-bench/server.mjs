#!/usr/bin/env node
// Child process for the edge benchmarks, so the load generator doesn't share a thread with
// the server under test. `node --conditions=@headroom/source --import tsx server.mjs <mode>`
// with mode `bare` (node:http answering fixed JSON: the physical limit), `edge` (PGlite in
// memory, or in BENCH_PGLITE_DIR like the real server) or `edge-postgres` (BENCH_DATABASE_URL);
// BENCH_REDIS_URL shares the rate limits through Redis. Prints one JSON line with the URL.
import { openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import { createPgliteStorage, createPostgresStorage } from '@headroom/edge';
import { createJsonLineLogger, startEdgeServer } from '@headroom/edge/node';

const mode = process.argv[2] ?? 'edge';
const config = JSON.parse(
  readFileSync(new URL('../../packages/core/examples/acme.config.json', import.meta.url), 'utf8'),
);

if (mode === 'bare') {
  const body = JSON.stringify({
    route: 'self_serve',
    reasons: ['below_assist_threshold'],
    expansionAcv: 288,
  });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` }));
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const storage =
    mode === 'edge-postgres'
      ? await createPostgresStorage(process.env.BENCH_DATABASE_URL ?? '', { max: 10 })
      : await createPgliteStorage(process.env.BENCH_PGLITE_DIR || undefined);
  // The production logger (batched JSON lines), writing to /dev/null instead of a terminal.
  const devNull = openSync('/dev/null', 'w');
  const logger = createJsonLineLogger((chunk) => writeSync(devNull, chunk));
  const server = await startEdgeServer({
    storage,
    secret: process.env.BENCH_SECRET ?? 'bench-secret-0123456789abcdef0123456789',
    adminToken: 'bench-admin-0123456789abcdef0123456789',
    config,
    port: 0,
    // The limiter runs on every request, with limits no benchmark reaches.
    rateLimit: {
      perIp: { burst: 1e9, perSecond: 1e9 },
      perAccount: { burst: 1e9, perSecond: 1e9 },
      eventsPerAccount: { burst: 1e9, perSecond: 1e9 },
    },
    log: logger.log,
    // BENCH_REDIS_URL: the same limits, shared through Redis (edge-redis-limiter.mjs).
    redisUrl: process.env.BENCH_REDIS_URL || undefined,
  });
  console.log(JSON.stringify({ url: server.url }));
  process.on('SIGTERM', () => {
    server.close().then(() => process.exit(0));
  });
}
