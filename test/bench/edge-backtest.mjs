#!/usr/bin/env node
// Backtest through the edge endpoint over N stored events (default 1,000,000; BENCH_EVENTS=…):
// loads a seeded history straight into PGlite (in memory; BENCH_PGLITE_DIR for a folder), then
// POSTs the acme config with a changed threshold to /v1/admin/backtest on the app and reads the
// NDJSON to the end. Prints load time, backtest wall time, events/s and the process's peak RSS
// before and after the run (the backtest must not grow with events).
// `node --conditions=@headroom/source --import tsx test/bench/edge-backtest.mjs`
import { readFileSync } from 'node:fs';
import { createEventId, DAY_MS } from '@headroom/core';
import { createEdgeApp, createPgliteStorage } from '@headroom/edge';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ACCOUNTS = Math.max(100, Math.round(EVENTS / 400));
const acme = JSON.parse(
  readFileSync(new URL('../../packages/core/examples/acme.config.json', import.meta.url), 'utf8'),
);
const storage = await createPgliteStorage(process.env.BENCH_PGLITE_DIR);
const app = createEdgeApp({
  storage,
  secret: 'bench-secret-bench-secret-bench-secret',
  adminToken: 'bench-admin-bench-admin-bench-admin-01',
  config: acme,
  rateLimit: false,
  log: () => {},
});
await app.ready;
const rss = () => Math.round(process.resourceUsage().maxRSS / 1024);
const start = Date.UTC(2025, 11, 1);
const span = 300 * DAY_MS;
let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const loadStarted = performance.now();
for (let a = 0; a < ACCOUNTS; a++) {
  const accountId = `bench_${a}`;
  const at = start - 30 * DAY_MS;
  const fact = (value) => ({ value, at, source: 'server' });
  await storage.upsertFacts(
    accountId,
    {
      plan: fact('team'),
      segment: fact('smb'),
      seats: fact(10),
      acv: fact(1440),
      activatedAt: fact('2025-01-01'),
      health: fact(90),
    },
    at,
  );
}
let batch = [];
const flush = async () => {
  if (batch.length > 0) await storage.insertEvents(batch);
  batch = [];
};
for (let i = 0; i < EVENTS; i++) {
  // Time order, as the edge stores events: ids are UUIDv7 of their time.
  const ts = start + Math.floor((i / EVENTS) * span);
  const accountId = `bench_${Math.floor(random() * ACCOUNTS)}`;
  const id = createEventId(ts);
  const hot = accountId.endsWith('7');
  const payload =
    i % 997 === 0 && hot
      ? { id, ts, type: 'upgrade_completed', plan: 'business', amount: 2760 }
      : i % 5 === 0
        ? { id, ts, type: 'gate_hit', feature: ['sso', 'audit_log', 'automations'][i % 3] }
        : { id, ts, type: 'usage', meter: 'docs', value: Math.floor(random() * (hot ? 1000 : 700)) };
  const source = payload.type === 'upgrade_completed' ? 'server' : 'browser';
  batch.push({ id, accountId, userId: null, type: payload.type, ts, receivedAt: ts, source, payload });
  if (batch.length === 1000) await flush();
}
await flush();
const loadMs = performance.now() - loadStarted;
const rssBefore = rss();

const draft = structuredClone(acme);
draft.triggers[0].atLeast = 0.85;
const runStarted = performance.now();
const response = await app.fetch(
  new Request('http://bench/v1/admin/backtest', {
    method: 'POST',
    headers: {
      authorization: 'Bearer bench-admin-bench-admin-bench-admin-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify({ config: draft }),
  }),
);
const lines = (await response.text())
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const runMs = performance.now() - runStarted;
const result = lines.at(-1);
if (result.type !== 'result') throw new Error(JSON.stringify(result));
console.log(
  JSON.stringify({
    events: EVENTS,
    accounts: ACCOUNTS,
    expansions: result.expansions,
    loadSeconds: +(loadMs / 1000).toFixed(1),
    backtestSeconds: +(runMs / 1000).toFixed(1),
    eventsPerSecond: Math.round(EVENTS / (runMs / 1000)),
    progressLines: lines.filter((l) => l.type === 'progress').length,
    peakRssMbBeforeBacktest: rssBefore,
    peakRssMbAfterBacktest: rss(),
    usageCeiling: result.triggers
      .filter((t) => t.id === 'usage_ceiling')
      .map((t) => ({ draft: t.draft.verdict, live: t.live.verdict, draftFireRate: t.draft.fireRate.value })),
  }),
);
await storage.close();
