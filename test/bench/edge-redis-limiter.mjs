#!/usr/bin/env node
// What sharing the rate limits through Redis (HEADROOM_REDIS_URL) costs per request: POST
// /v1/route for one account, the edge with its per-instance limiter and then with the Redis
// limiter (a throwaway Debian redis-server on loopback), alternated for three rounds. The cost
// is the server time per request at saturation (1/req/s) with Redis minus without, and the
// Redis commands sent per request (one per key and event-loop turn, auto-pipelined). Printed,
// never asserted; skipped with a note when redis-server is not installed.
import { execFileSync } from 'node:child_process';
import { signAccountToken } from '@headroom/edge/token';
import { startRedis } from '../../packages/edge/test/redis/global-setup.ts';
import { load, startServer, table } from '../edge-bench/harness.mjs';

const SECRET = 'bench-secret-0123456789abcdef0123456789';
const DURATION = Number(process.env.EDGE_BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.EDGE_BENCH_ROUNDS ?? 3);

let redis;
try {
  redis = await startRedis();
} catch (error) {
  console.log(`edge-redis-limiter: skipped (${error.message})`);
  process.exit(0);
}
const token = await signAccountToken(
  { sub: 'bench_redis', uid: 'u', plan: 'team', acv: 1440, segment: 'smb', seats: 10 },
  SECRET,
  { expiresIn: '1h' },
);
const body = JSON.stringify({ token, plan: 'team', seats: 12, source: 'bench' });

async function commandCount() {
  const info = execFileSync('redis-cli', ['-u', redis.url, 'info', 'commandstats'], { encoding: 'utf8' });
  let calls = 0;
  for (const match of info.matchAll(/cmdstat_(evalsha|eval):calls=(\d+)/g)) calls += Number(match[2]);
  return calls;
}

async function measure(label, env) {
  const server = await startServer('edge', { BENCH_SECRET: SECRET, ...env });
  try {
    const requests = [{ headers: { 'content-type': 'application/json' }, body }];
    await load({ url: `${server.url}/v1/route`, method: 'POST', duration: 2, requests });
    const before = await commandCount();
    const r = await load({ url: `${server.url}/v1/route`, method: 'POST', duration: DURATION, requests });
    const commands = (await commandCount()) - before;
    return {
      label,
      reqPerSec: Math.round(r.requests.average),
      total: r.requests.total,
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      non2xx: r.non2xx,
      commands,
    };
  } finally {
    await server.stop();
  }
}

const rows = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const memory = await measure('per-instance limiter', {});
    const shared = await measure('Redis limiter', { BENCH_REDIS_URL: redis.url });
    const costUs = 1e6 / shared.reqPerSec - 1e6 / memory.reqPerSec;
    rows.push({ round: round + 1, ...memory, commandsPerReq: '0' });
    rows.push({
      round: round + 1,
      ...shared,
      commandsPerReq: (shared.commands / shared.total).toFixed(2),
      costPerReqUs: costUs.toFixed(1),
    });
  }
  console.log(`\nPOST /v1/route, one account, 50 connections, ${DURATION} s per row`);
  table(rows.map(({ commands, total, ...row }) => ({ costPerReqUs: '', ...row })));
  const costs = rows
    .filter((r) => r.costPerReqUs)
    .map((r) => Number(r.costPerReqUs))
    .sort((a, b) => a - b);
  console.log(
    `\nRedis limiter cost: median ${costs[Math.floor(costs.length / 2)]} µs of server time per request`,
  );
} finally {
  await redis.stop();
}
