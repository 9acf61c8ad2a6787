#!/usr/bin/env node
// Issue #15's scale benchmark: a seeded history of 100k / 1M (/ 10M) events loaded through the
// storage API into a throwaway Postgres cluster (one database per size) and into PGlite on disk,
// every account evaluated once; then, against the real edge over loopback HTTP, p50 / p95 of
// every admin report, GET /v1/account and first routes, beside the f8ffd56 queries on the same
// store (new ÷ legacy); /v1/events ingest; ingest p99 while the Experiments view loads in a
// loop (PGlite); disk per million events. Printed, never asserted.
//
//   HEADROOM_BENCH_SCALE      largest size (100k | 1m | 10m) or a list (100k,1m)   default 1m
//   HEADROOM_BENCH_STORES     postgres,pglite                                         default both
//   HEADROOM_BENCH_LEGACY_TIMEOUT_S   per legacy read                                 default 60
//   HEADROOM_BENCH_REQUESTS   requests per endpoint                                  default 20
//   HEADROOM_BENCH_SERIES_S   time per endpoint before it stops (≥ 3 requests)        default 60
//   HEADROOM_BENCH_BUDGET_SCALE  multiplies the load budgets                          default 1
//   HEADROOM_BENCH_GROW       10m on Postgres: load 1M through the API, copy it in SQL  default 1
//                             to 10M and rebuild the aggregates (0: all 10M through the API)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@headroom/core';
import { createPgliteStorage, createPostgresStorage } from '@headroom/edge';
import { experimentWindows } from '../../packages/edge/src/experiment-windows.ts';
import setupPostgres from '../../packages/edge/test/postgres/global-setup.ts';
import { table } from '../edge-bench/harness.mjs';
import { benchConfig } from './scale/bench-config.mjs';
import { diskOfPglite, diskOfPostgres } from './scale/disk.mjs';
import { importFromEdge } from './scale/edge-deps.mjs';
import { growHistory } from './scale/grow-history.mjs';
import { legacyReads, timeLegacyPglite, timeLegacyPostgres } from './scale/legacy-timing.mjs';
import { loadStore, OverBudget } from './scale/load-store.mjs';
import { measureIngest, measureReads, startScaleServer } from './scale/measure-http.mjs';
import { planScan, slowPlans } from './scale/slow-plans.mjs';

const SIZES = { '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };
// Load budgets (generation + insert) per size; a size projected past its budget is skipped.
const BUDGET_S = {
  postgres: { '100k': 240, '1m': 600, '10m': 1100 },
  pglite: { '100k': 240, '1m': 900 },
};
const scale = (process.env.HEADROOM_BENCH_SCALE ?? '1m').toLowerCase();
const sizes = scale.includes(',')
  ? scale.split(',').filter((s) => s in SIZES)
  : Object.keys(SIZES).slice(0, Object.keys(SIZES).indexOf(scale) + 1 || 2);
const stores = (process.env.HEADROOM_BENCH_STORES ?? 'postgres,pglite').split(',');
const LEGACY_TIMEOUT_S = Number(process.env.HEADROOM_BENCH_LEGACY_TIMEOUT_S ?? 60);
const N = Number(process.env.HEADROOM_BENCH_REQUESTS ?? 20);
// A read's series stops after this long (at least 3 requests), or at one request past the
// legacy timeout.
const SERIES_BUDGET_S = Number(process.env.HEADROOM_BENCH_SERIES_S ?? 60);
const INGEST_S = Number(process.env.EDGE_BENCH_SECONDS ?? 6);
const GROW = process.env.HEADROOM_BENCH_GROW !== '0';
// Multiplies every load budget, for a box busier than the one the budgets were set on.
const BUDGET_SCALE = Number(process.env.HEADROOM_BENCH_BUDGET_SCALE ?? 1);
// Grown stores: the API loads this many events, SQL copies them (each copy 34 days earlier, so
// nine copies stay inside the default 400-day retention).
const GROW_FROM = '1m';
const GROW_SHIFT_DAYS = 34;
const SECRET = 'bench-secret-scale-long-enough-for-hs256';
const ADMIN = 'bench-admin-token-0123456789abcdef-0123456789';
const config = benchConfig();
const log = (line) => console.log(line);
const results = [];

async function measureStore({
  store,
  size,
  env,
  storage,
  legacy,
  disk,
  explainLog,
  cancel,
  grow,
  loadedBefore,
}) {
  const through = grow ? GROW_FROM : size;
  log(
    loadedBefore
      ? `\n[${store} ${size}] growing the ${GROW_FROM} store in SQL to ${SIZES[size].toLocaleString('en')} events …`
      : `\n[${store} ${size}] loading ${SIZES[through].toLocaleString('en')} events …` +
          (grow ? ` (then copied in SQL to ${SIZES[size].toLocaleString('en')})` : ''),
  );
  let loaded;
  try {
    loaded = loadedBefore
      ? { ...loadedBefore }
      : await loadStore({
          storage,
          events: SIZES[through],
          config,
          secret: SECRET,
          batch: store === 'postgres' ? 10_000 : 5_000,
          concurrency: store === 'postgres' ? 2 : 1,
          // A grown store's API load is bounded by the whole size's budget.
          budgetMs: BUDGET_S[store][size] * 1000 * BUDGET_SCALE,
          log,
        });
    if (grow) {
      const grown = await grow({ target: SIZES[size], shiftDays: GROW_SHIFT_DAYS, log });
      const rebuildStarted = performance.now();
      await storage.rebuildAggregates(experimentWindows(defineConfig(config)));
      loaded.rebuildMs = performance.now() - rebuildStarted;
      loaded.copyMs = grown.ms;
      loaded.stored += grown.added;
      log(
        `[${store} ${size}] copied ${grown.added.toLocaleString('en')} events in SQL in ${(grown.ms / 1000).toFixed(1)} s; ` +
          `rebuildAggregates over ${loaded.stored.toLocaleString('en')} events: ${(loaded.rebuildMs / 1000).toFixed(1)} s`,
      );
    }
  } catch (error) {
    await storage.close();
    if (error instanceof OverBudget) {
      log(`[${store} ${size}] skipped: ${error.message}`);
      return;
    }
    throw error;
  }
  log(
    `[${store} ${size}] stored ${loaded.stored.toLocaleString('en')} events in ${(loaded.loadMs / 1000).toFixed(1)} s ` +
      `(${Math.round(loaded.stored / (loaded.loadMs / 1000)).toLocaleString('en')}/s incl. generation), ` +
      `${loaded.decisions} route decisions, ${loaded.handoffs} handoffs; ${loaded.evaluated} accounts evaluated in ${(loaded.sweepMs / 1000).toFixed(1)} s; ` +
      `largest account ${loaded.largest[0].id} with ${loaded.largest[0].events.toLocaleString('en')} events`,
  );
  await storage.close();
  const bytes = await disk();
  const explainFrom = await explainLog?.offset();
  const server = await startScaleServer(env);
  let reads;
  let ingest;
  let underConsole;
  try {
    // Ingest first: a report that times out may leave the store busy.
    ingest = await measureIngest({
      url: server.url,
      secret: SECRET,
      seconds: INGEST_S,
      tag: `${store}${size}`,
    });
    reads = await measureReads({
      url: server.url,
      adminToken: ADMIN,
      secret: SECRET,
      largest: loaded.largest,
      n: N,
      budgetMs: SERIES_BUDGET_S * 1000,
      timeoutMs: LEGACY_TIMEOUT_S * 1000,
      onTimeout: cancel,
    });
    if (store === 'pglite') {
      // The console's heaviest view in this run (highest p50 of the admin reads).
      const [heaviest] = Object.entries(reads)
        .filter(([name]) => name.startsWith('GET /v1/admin/'))
        .sort(([, a], [, b]) => (b.p50 ?? Number.POSITIVE_INFINITY) - (a.p50 ?? Number.POSITIVE_INFINITY))
        .map(([name]) => name.slice('GET '.length));
      const view = heaviest ?? '/v1/admin/experiments';
      underConsole = {
        view,
        ...(await measureIngest({
          url: server.url,
          secret: SECRET,
          seconds: INGEST_S,
          tag: `${store}${size}c`,
          alongside: () => fetch(`${server.url}${view}`, { headers: { authorization: `Bearer ${ADMIN}` } }),
        })),
      };
    }
  } finally {
    await server.stop();
  }
  const plans = explainLog ? await explainLog.read(explainFrom) : [];
  const legacyMs = {};
  for (const [name, statements] of Object.entries(legacyReads(config, loaded.largest, Date.now(), N))) {
    legacyMs[name] = await legacy(statements);
  }
  results.push({ store, size, loaded, bytes, reads, ingest, underConsole, legacyMs, plans });
  printStore(results.at(-1));
  return loaded;
}

const ms = (v) =>
  v === undefined || Number.isNaN(v) ? '–' : v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(1)}`;
const LEGACY_OF = {
  'GET /v1/admin/experiments': 'experiments',
  'GET /v1/admin/funnel': 'funnel',
  'GET /v1/admin/pqls': 'pqls',
  'GET /v1/account (largest)': 'account',
  'POST /v1/route (first, largest accounts)': 'route signals',
};

/** New p50 ÷ legacy median; a bound when either side timed out. */
function ratio(t, legacy) {
  if (legacy === undefined || Number.isNaN(t.p50)) return '–';
  if (legacy.timedOut) return `< ${(t.p50 / (LEGACY_TIMEOUT_S * 1000)).toPrecision(2)}`;
  return (t.p50 / legacy.ms).toPrecision(2);
}

function printStore(r) {
  log(
    `\n${r.store}, ${r.size} events — ms over loopback HTTP (${N} requests each); legacy = f8ffd56 SQL alone on the same store`,
  );
  table(
    Object.entries(r.reads).map(([endpoint, t]) => {
      const legacy = r.legacyMs[LEGACY_OF[endpoint]];
      return {
        endpoint,
        n: t.n,
        p50: t.timedOut && t.n === 0 ? `> ${LEGACY_TIMEOUT_S} s` : ms(t.p50),
        p95: t.timedOut ? `> ${LEGACY_TIMEOUT_S} s` : ms(t.p95),
        'legacy SQL (median)':
          legacy === undefined ? '–' : legacy.timedOut ? `> ${LEGACY_TIMEOUT_S} s` : ms(legacy.ms),
        'new p50 ÷ legacy': ratio(t, legacy),
      };
    }),
  );
  if (r.loaded.rebuildMs !== undefined)
    log(
      `Grown in SQL from ${SIZES[GROW_FROM].toLocaleString('en')} loaded through the API (${(r.loaded.copyMs / 1000).toFixed(1)} s); ` +
        `rebuildAggregates over every event: ${(r.loaded.rebuildMs / 1000).toFixed(1)} s`,
    );
  const i = r.ingest;
  log(
    `POST /v1/events (100-event batches, 10 connections, ${INGEST_S} s): ${i.storedPerSec.toLocaleString('en')} stored/s, p50 ${i.p50} ms, p99 ${i.p99} ms, non-2xx ${i.non2xx}, errors ${i.errors}`,
  );
  if (r.underConsole) {
    const c = r.underConsole;
    const side = c.side
      ? `${c.side.n} views done, p50 ${ms(c.side.p50)}, max ${ms(c.side.max)}`
      : 'no view finished';
    log(
      `  while GET ${c.view} loops (the heaviest view here; ${side}; a view still loading at the end is not counted): ` +
        `${c.storedPerSec.toLocaleString('en')} stored/s, ${c.answered} batches answered, p99 ${c.p99} ms, max ${c.max} ms, non-2xx ${c.non2xx}, errors ${c.errors}`,
    );
  }
  const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
  const perM = (b) => mb((b / r.loaded.stored) * 1e6);
  log(
    `Disk: ${Object.entries(r.bytes)
      .map(([k, v]) => `${k} ${mb(v)}`)
      .join(', ')}; per million events: ${perM(r.bytes.total)}`,
  );
  for (const p of r.plans) log(`  slow plan (${p.ms} ms): ${p.statement}\n    ${p.scans.join('; ')}`);
}

function printSummary() {
  log('\n=== Scale summary: p95 ms by size (growth = p95 at this size ÷ p95 at the size before) ===');
  for (const store of stores) {
    const rows = results.filter((r) => r.store === store);
    if (rows.length === 0) continue;
    const endpoints = Object.keys(rows[0].reads);
    log(`\n${store}`);
    table(
      endpoints.map((endpoint) => {
        const row = { endpoint };
        let previous;
        for (const r of rows) {
          const t = r.reads[endpoint];
          row[`${r.size} p50`] = ms(t.p50);
          row[`${r.size} p95`] = ms(t.p95);
          if (previous) {
            const growth = t.p95 / previous.reads[endpoint].p95;
            row[`${r.size}/${previous.size}`] = Number.isNaN(growth) ? '–' : growth.toFixed(2);
          }
          previous = r;
        }
        return row;
      }),
    );
  }
}

const wanted = (store) => stores.includes(store);
let teardown;
try {
  if (wanted('postgres')) {
    let url = '';
    try {
      teardown = await setupPostgres({ provide: (_key, value) => (url = value) });
    } catch (error) {
      log(`Postgres skipped: ${error instanceof Error ? error.message : error}`);
    }
    if (url) {
      const { default: postgres } = await importFromEdge('postgres');
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      // With 10M grown in SQL, the 1M store measured just before is kept and grown in place.
      let kept;
      for (const size of sizes) {
        const growing = GROW && size === '10m' ? kept : undefined;
        const name = growing?.name ?? `headroom_scale_${size}`;
        if (!growing) {
          await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
          await admin.unsafe(`CREATE DATABASE ${name}`);
        }
        const keep = GROW && size === GROW_FROM && sizes.includes('10m');
        const dbUrl = new URL(url);
        dbUrl.pathname = `/${name}`;
        const db = postgres(dbUrl.toString(), { max: 1, onnotice: () => {} });
        try {
          const loaded = await measureStore({
            store: 'postgres',
            size,
            env: { BENCH_DATABASE_URL: dbUrl.toString(), BENCH_SECRET: SECRET, BENCH_ADMIN_TOKEN: ADMIN },
            storage: await createPostgresStorage(dbUrl.toString(), { max: 4 }),
            legacy: (statements) => timeLegacyPostgres(db, statements, LEGACY_TIMEOUT_S),
            disk: async () => {
              // As autovacuum would soon after a bulk load: fresh statistics for the planner.
              await db.unsafe('ANALYZE');
              return diskOfPostgres(db);
            },
            explainLog: await slowPlans(db, name, planScan),
            grow: GROW && size === '10m' ? (options) => growHistory(db, options) : undefined,
            loadedBefore: growing?.loaded,
            // A report past the timeout is cancelled, so it does not load the next measurements.
            cancel: () =>
              db.unsafe(
                `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state = 'active'`,
                [name],
              ),
          });
          if (keep && loaded) kept = { name, loaded };
        } finally {
          await db.end();
          if (!keep || !kept) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }
      }
      if (kept) await admin.unsafe(`DROP DATABASE IF EXISTS ${kept.name} WITH (FORCE)`);
      await admin.end();
    }
  }
  if (wanted('pglite')) {
    for (const size of sizes.filter((s) => s in BUDGET_S.pglite)) {
      const dir = mkdtempSync(join(tmpdir(), `headroom-scale-pglite-${size}-`));
      try {
        await measureStore({
          store: 'pglite',
          size,
          env: { BENCH_PGLITE_DIR: dir, BENCH_SECRET: SECRET, BENCH_ADMIN_TOKEN: ADMIN },
          storage: await createPgliteStorage(dir),
          legacy: (statements) => timeLegacyPglite(dir, statements, LEGACY_TIMEOUT_S),
          disk: async () => diskOfPglite(dir),
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
} finally {
  await teardown?.();
}
printSummary();
