#!/usr/bin/env node
// POST /v1/events with 100-event batches: events stored per second into embedded Postgres
// (PGlite, budget ≥ 10,000/s) and into a throwaway real Postgres cluster (skipped with a
// note when no PostgreSQL binaries are installed). Stored counts are read back from the
// store, not inferred from status codes. Printed, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventId } from '@headroom/core';
import { signAccountToken } from '@headroom/edge/token';
import setupPostgres from '../../packages/edge/test/postgres/global-setup.ts';
import { load, startServer, table } from '../edge-bench/harness.mjs';

const SECRET = 'bench-secret-0123456789abcdef0123456789';
const DURATION = Number(process.env.EDGE_BENCH_SECONDS ?? 6);
const BATCH = 100;

const tokens = await Promise.all(
  Array.from({ length: 50 }, (_, i) =>
    signAccountToken(
      { sub: `ev_${i}`, uid: 'u', plan: 'team', acv: 1440, segment: 'smb', seats: 10 },
      SECRET,
      {
        expiresIn: '1h',
      },
    ),
  ),
);
const types = [
  (id, ts) => ({ id, ts, type: 'usage', meter: 'api_calls', value: 700 }),
  (id, ts) => ({ id, ts, type: 'gate_hit', feature: 'sso' }),
  (id, ts) => ({ id, ts, type: 'custom', name: 'workflow_run', props: { workflow: 'export' } }),
  (id, ts) => ({
    id,
    ts,
    type: 'prompt_shown',
    promptId: 'usage_upgrade',
    surface: 'banner',
    triggerId: 'usage_ceiling',
  }),
];
let n = 0;
function batchBody() {
  const now = Date.now();
  const events = Array.from({ length: BATCH }, (_, i) => types[i % types.length](createEventId(now), now));
  return JSON.stringify({ token: tokens[n++ % tokens.length], sentAt: now, events });
}

async function countStored(url) {
  const res = await fetch(`${url}/v1/admin/events?since=1970-01-01T00:00:00Z&format=ndjson`, {
    headers: { authorization: 'Bearer bench-admin-0123456789abcdef0123456789' },
  });
  let lines = 0;
  for await (const chunk of res.body) for (const byte of chunk) if (byte === 10) lines++;
  return lines;
}

async function measure(label, mode, env = {}) {
  const server = await startServer(mode, { BENCH_SECRET: SECRET, ...env });
  try {
    const started = performance.now();
    const r = await load({
      url: `${server.url}/v1/events`,
      method: 'POST',
      connections: 10,
      duration: DURATION,
      requests: [
        { headers: { 'content-type': 'text/plain' }, setupRequest: (req) => ({ ...req, body: batchBody() }) },
      ],
    });
    const seconds = (performance.now() - started) / 1000;
    const stored = await countStored(server.url);
    return {
      store: label,
      batchesPerSec: Math.round(r.requests.average),
      storedEvents: stored,
      acceptedBy2xx: (r['2xx'] ?? 0) * BATCH,
      storedPerSec: Math.round(stored / seconds),
      budget: '10,000/s',
      p50ms: r.latency.p50,
      p99ms: r.latency.p99,
      non2xx: r.non2xx,
    };
  } finally {
    await server.stop();
  }
}

// HEADROOM_BENCH_STORES=pglite (or postgres) runs one store, e.g. for A/B runs with farm-bench.
const stores = (process.env.HEADROOM_BENCH_STORES ?? 'pglite,postgres').split(',');
const rows = [];
if (stores.includes('pglite')) {
  // PGlite on disk, as `pnpm edge` runs it (HEADROOM_DATA_DIR), not in memory.
  const dir = mkdtempSync(join(tmpdir(), 'headroom-bench-pglite-'));
  try {
    rows.push(await measure('PGlite (embedded, on disk)', 'edge', { BENCH_PGLITE_DIR: dir }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
let teardown;
if (stores.includes('postgres'))
  try {
    let url = '';
    teardown = await setupPostgres({ provide: (_key, value) => (url = value) });
    rows.push(await measure('Postgres (throwaway cluster)', 'edge-postgres', { BENCH_DATABASE_URL: url }));
  } catch (error) {
    console.log(`Postgres row skipped: ${error instanceof Error ? error.message : error}`);
  } finally {
    await teardown?.();
  }
console.log(`\nPOST /v1/events, ${BATCH}-event batches, 10 connections, ${DURATION} s each`);
table(rows);
