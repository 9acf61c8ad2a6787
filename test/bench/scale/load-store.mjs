// Loads a generated history through the storage API, as production writes it: token facts with
// upsertFacts, events with insertEvents in large batches (so `account_days` is kept by the
// insert statement itself), routing decisions with recordRouteDecisions, handoffs with
// createHandoff; then every account is evaluated once by the edge's own sweep.
import { DAY_MS } from '@headroom/core';
import { createEdgeApp } from '@headroom/edge';
import { planHistory } from './generate-history.mjs';

/** Thrown when the projected load time passes the size's budget. */
export class OverBudget extends Error {}

/**
 * @param {object} o
 * @param {import('@headroom/edge').Storage} o.storage
 * @param {number} o.events total events to store
 * @param {number} o.batch events per insertEvents call
 * @param {number} o.concurrency insertEvents calls in flight
 * @param {number} o.budgetMs give up (OverBudget) when the projection passes this
 */
export async function loadStore({ storage, events, config, secret, batch, concurrency, budgetMs, log }) {
  const history = planHistory({ events, config });
  const started = performance.now();
  // Facts as a verified token would write them, observed when the history starts.
  const factsAt = history.start;
  for (let i = 0; i < history.accounts.length; i += 50) {
    await Promise.all(
      history.accounts
        .slice(i, i + 50)
        .map((a) =>
          storage.upsertFacts(
            a.id,
            Object.fromEntries(
              Object.entries(a.facts).map(([k, v]) => [k, { value: v, at: factsAt, source: 'token' }]),
            ),
            factsAt,
          ),
        ),
    );
  }
  const factsMs = performance.now() - started;
  let decisionsMs = 0;
  let handoffsMs = 0;
  const perAccount = new Map();
  let stored = 0;
  let decisions = 0;
  let handoffs = 0;
  const inFlight = new Set();
  const send = (rows) => {
    const p = storage.insertEvents(rows).then((keys) => {
      stored += keys.size;
      inFlight.delete(p);
    });
    inFlight.add(p);
    return p;
  };
  let pending = [];
  let lastReport = performance.now();
  for (const day of history.days()) {
    for (const e of day.events) {
      perAccount.set(e.accountId, (perAccount.get(e.accountId) ?? 0) + 1);
      pending.push(e);
      if (pending.length >= batch) {
        send(pending);
        pending = [];
        if (inFlight.size >= concurrency) await Promise.race(inFlight);
      }
    }
    const t0 = performance.now();
    if (day.decisions.length > 0) {
      await storage.recordRouteDecisions(day.decisions);
      decisions += day.decisions.length;
    }
    const t1 = performance.now();
    decisionsMs += t1 - t0;
    for (const h of day.handoffs) {
      const result = await storage.createHandoff({
        scope: `route:${h.plan}`,
        dedupeKey: h.handoffId,
        payload: {
          handoffId: h.handoffId,
          kind: 'route',
          account: {
            id: h.account.id,
            plan: h.account.plan,
            segment: h.account.segment,
            seats: h.account.seats,
            acv: h.account.acv,
          },
          userId: h.user,
          requestedPlan: h.plan,
          requestedSeats: h.account.seats,
          needs: [],
          route: h.route,
          reasons: ['above_assist_threshold'],
          expansionAcv: null,
          activeTriggers: [],
          usage: {},
          firstPqlAt: null,
          source: 'usage_upgrade',
          createdAt: new Date(h.at).toISOString(),
        },
        now: h.at,
        openMs: 30 * DAY_MS,
        maxPerDay: 3,
      });
      if (result.created) handoffs++;
    }
    handoffsMs += performance.now() - t1;
    const elapsed = performance.now() - started;
    const done = stored + pending.length;
    if (done > events * 0.05) {
      const projected = factsMs + ((elapsed - factsMs) / done) * events;
      if (projected > budgetMs) {
        await Promise.all(inFlight);
        throw new OverBudget(
          `projected ${Math.round(projected / 1000)} s to load ${events.toLocaleString('en')} events > budget ${Math.round(budgetMs / 1000)} s`,
        );
      }
    }
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      log?.(
        `  … ${done.toLocaleString('en')} events in ${Math.round(elapsed / 1000)} s (facts of every account: ${Math.round(factsMs / 1000)} s)`,
      );
    }
  }
  if (pending.length > 0) send(pending);
  await Promise.all(inFlight);
  const loadMs = performance.now() - started;

  // Every account evaluated once, by the edge itself (the sweep writes account_state and
  // trigger_fires episodes, and escalates where due).
  const sweepStarted = performance.now();
  const app = createEdgeApp({
    storage,
    secret,
    config,
    delivery: 'manual',
    rateLimit: false,
    log: () => {},
  });
  await app.ready;
  let evaluated = 0;
  for (;;) {
    const n = await app.sweepAccounts(500);
    evaluated += n;
    // An account whose state is not rewritten would come back: never sweep past two rounds.
    if (n === 0 || evaluated > 2 * history.accounts.length) break;
  }
  await app.flush();
  const sweepMs = performance.now() - sweepStarted;
  const ranked = [...perAccount.entries()].sort((a, b) => b[1] - a[1]);
  const byId = new Map(history.accounts.map((a) => [a.id, a]));
  return {
    stored,
    decisions,
    handoffs,
    evaluated,
    loadMs,
    factsMs,
    decisionsMs,
    handoffsMs,
    sweepMs,
    largest: ranked.slice(0, 40).map(([id, n]) => ({ ...byId.get(id), events: n })),
  };
}
