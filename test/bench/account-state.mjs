#!/usr/bin/env node
// What keeping each account's state current costs per stored event, in embedded Postgres
// (PGlite in memory): 100-event batches stored with the daily aggregates maintained in the
// insert statement vs the same batches stored by a plain insert, then one account evaluation
// (read its facts, run the trigger engine and eligibility, write the state). Printed, never
// asserted. Run: node --conditions=@headroom/source --import tsx test/bench/account-state.mjs
import { readFileSync } from 'node:fs';
import { createEventId } from '@headroom/core';
import { createEdgeApp, createPgliteClient, createSqlStorage } from '@headroom/edge';
import { table } from '../edge-bench/harness.mjs';

const BATCHES = Number(process.env.STATE_BENCH_BATCHES ?? 300);
const ACCOUNTS = 50;
const config = JSON.parse(
  readFileSync(new URL('../../packages/core/examples/acme.config.json', import.meta.url), 'utf8'),
);

const db = await createPgliteClient();
const storage = createSqlStorage(db);
await storage.migrate();
await db.exec('CREATE TABLE plain_events (LIKE events INCLUDING ALL)');

const kinds = [
  (i) => ({ type: 'usage', meter: 'docs', value: 500 + (i % 400) }),
  (i) => ({ type: 'gate_hit', feature: ['sso', 'audit_log', 'automations'][i % 3] }),
  (i) => ({ type: 'invite_sent', inviteId: `inv_${i}` }),
  () => ({ type: 'custom', name: 'workflow_run', props: { workflow: 'export' } }),
];
function batch(n) {
  const account = `acct_${n % ACCOUNTS}`;
  const now = Date.now();
  return Array.from({ length: 100 }, (_, i) => {
    const id = createEventId(now);
    const payload = { id, ts: now, ...kinds[i % kinds.length](n * 100 + i) };
    return {
      id,
      accountId: account,
      userId: `u_${i % 5}`,
      type: payload.type,
      ts: now,
      receivedAt: now,
      source: 'browser',
      payload,
    };
  });
}
const plainInsert = (rows) =>
  db.query(
    `INSERT INTO plain_events (id, account_id, user_id, type, ts, received_at, source, payload)
     SELECT id, account_id, user_id, type, to_timestamp(ts / 1000.0), to_timestamp(received_at / 1000.0), source, payload::jsonb
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[], $8::text[])
       AS x(id, account_id, user_id, type, ts, received_at, source, payload)
     ON CONFLICT (id, account_id, source) DO NOTHING RETURNING id`,
    [
      rows.map((e) => e.id),
      rows.map((e) => e.accountId),
      rows.map((e) => e.userId),
      rows.map((e) => e.type),
      rows.map((e) => e.ts),
      rows.map((e) => e.receivedAt),
      rows.map((e) => e.source),
      rows.map((e) => JSON.stringify(e.payload)),
    ],
  );

async function timeIt(fn) {
  const started = performance.now();
  for (let n = 0; n < BATCHES; n++) await fn(n);
  return performance.now() - started;
}

// Warm both paths, then alternate so drift hits both alike.
await timeIt((n) => plainInsert(batch(n)));
await timeIt((n) => storage.insertEvents(batch(n)));
let plainMs = 0;
let aggregateMs = 0;
for (let round = 0; round < 3; round++) {
  plainMs += await timeIt((n) => plainInsert(batch(n)));
  aggregateMs += await timeIt((n) => storage.insertEvents(batch(n)));
}
const events = 3 * BATCHES * 100;

// One evaluation per account, as the edge runs it behind a batch (facts from a token first).
const app = createEdgeApp({
  storage,
  secret: 'bench-secret-that-is-long-enough-for-hs256',
  config,
  rateLimit: false,
  log: () => {},
  development: true,
});
await app.ready;
for (let a = 0; a < ACCOUNTS; a++) {
  await storage.upsertFacts(
    `acct_${a}`,
    {
      plan: { value: 'team', at: Date.now(), source: 'token' },
      segment: { value: 'smb', at: Date.now(), source: 'token' },
      acv: { value: 1440, at: Date.now(), source: 'token' },
      seats: { value: 10, at: Date.now(), source: 'token' },
      activatedAt: { value: '2026-01-01', at: Date.now(), source: 'token' },
    },
    Date.now(),
  );
}
const sweepStarted = performance.now();
const evaluated = await app.sweepAccounts(ACCOUNTS);
const evaluationMs = (performance.now() - sweepStarted) / Math.max(1, evaluated);

const perEventAggregate = ((aggregateMs - plainMs) * 1000) / events;
console.log(
  `\nKeeping account state current (PGlite in memory, ${events.toLocaleString('en-US')} events per path in 100-event batches)`,
);
table([
  { what: 'plain insert (no aggregates)', usPerEvent: ((plainMs * 1000) / events).toFixed(1) },
  {
    what: 'insert + account_days in the same statement',
    usPerEvent: ((aggregateMs * 1000) / events).toFixed(1),
  },
  { what: '→ aggregates cost per event', usPerEvent: perEventAggregate.toFixed(1) },
  {
    what: `one account evaluation (read facts, evaluate, write state), ms`,
    usPerEvent: evaluationMs.toFixed(2),
  },
  {
    what: '→ evaluation per event, one per 100-event batch (worst case)',
    usPerEvent: ((evaluationMs * 1000) / 100).toFixed(1),
  },
]);
await storage.close();
