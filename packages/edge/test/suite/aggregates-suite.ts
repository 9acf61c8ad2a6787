// The aggregates reports read are exact: kept incrementally as random histories arrive in
// random batches, they equal a rebuild from the raw events (fast-check); and every report
// query's plan reads indexes and aggregates, never a sequential scan of `events`.
import { createEventId, DAY_MS } from '@headroom/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepExperiments } from '../../src/keep-experiments.ts';
import type { SqlClient } from '../../src/storage/sql-client.ts';
import type { ExperimentWindows, Storage, StoredEvent } from '../../src/storage/storage.ts';
import { NOW } from '../helpers.ts';

const WINDOWS: ExperimentWindows = {
  by_account: { goal: 'upgrade_completed', days: 30, unit: 'account' },
  by_user: { goal: 'activated_sso', days: 7, unit: 'user' },
};

const accountArb = fc.constantFrom('acct_a', 'acct_b', 'acct_c');
const userArb = fc.constantFrom('u1', 'u2');
const dayArb = fc.integer({ min: 0, max: 60 });
// Events of every kind that feeds an aggregate, at random times, received at random times.
const eventArb = fc
  .record({
    account: accountArb,
    user: userArb,
    ageDays: dayArb,
    ageMs: fc.integer({ min: 0, max: DAY_MS - 1 }),
    receivedLagMs: fc.integer({ min: 0, max: 3 * DAY_MS }),
    kind: fc.oneof(
      fc.record({
        type: fc.constant('usage'),
        meter: fc.constantFrom('seats', 'docs'),
        value: fc.integer({ min: 0, max: 20 }),
      }),
      fc.record({ type: fc.constant('gate_hit'), feature: fc.constantFrom('sso', 'audit_log') }),
      fc.record({ type: fc.constant('invite_sent'), inviteId: fc.constant('i') }),
      fc.record({ type: fc.constant('invite_accepted'), inviteId: fc.constant('i') }),
      fc.record({
        type: fc.constant('exposure'),
        experimentId: fc.constantFrom('by_account', 'by_user'),
        variantId: fc.constantFrom('control', 'treatment'),
      }),
      fc.record({
        type: fc.constant('upgrade_completed'),
        plan: fc.constant('team'),
        amount: fc.constant(100),
      }),
      fc.record({ type: fc.constant('custom'), name: fc.constantFrom('activated_sso', 'other') }),
    ),
  })
  .map(({ account, user, ageDays, ageMs, receivedLagMs, kind }): StoredEvent => {
    const ts = NOW - ageDays * DAY_MS - ageMs;
    const id = createEventId(ts);
    const server = kind.type === 'upgrade_completed' || kind.type === 'custom';
    return {
      id,
      accountId: account,
      userId: user,
      type: kind.type as StoredEvent['type'],
      ts,
      receivedAt: Math.min(NOW, ts + receivedLagMs),
      source: server ? 'server' : 'browser',
      payload: { ...kind, id, ts } as StoredEvent['payload'],
    };
  });

export function aggregatesSuite(
  label: string,
  make: () => Promise<{ storage: Storage; db: Pick<SqlClient, 'query'> }>,
): void {
  describe(`aggregates (${label})`, () => {
    let storage: Storage;
    let db: Pick<SqlClient, 'query'>;
    beforeAll(async () => {
      ({ storage, db } = await make());
    }, 60_000);
    afterAll(() => storage?.close());

    const snapshot = async () => ({
      days: await db.query(
        `SELECT account_id, to_char(day, 'YYYY-MM-DD') AS day, kind, key, user_id, count, peak, last, last_id,
           (extract(epoch FROM last_at) * 1000)::float8 AS last_at
         FROM account_days ORDER BY account_id, day, kind, key, user_id`,
      ),
      units: await db.query(
        `SELECT experiment_id, unit_id, account_id, variant_id, exposure_id,
           (extract(epoch FROM exposed_at) * 1000)::float8 AS exposed_at,
           (extract(epoch FROM converted_at) * 1000)::float8 AS converted_at
         FROM experiment_units ORDER BY experiment_id, unit_id`,
      ),
    });

    it('incremental = rebuild on random histories arriving in random batches, duplicates included', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(eventArb, { minLength: 1, maxLength: 60 }),
          fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 8 }),
          async (events, cuts) => {
            await db.query('TRUNCATE events, account_days, experiment_units');
            // Batches in arrival order (receive time), each re-sending part of the one before.
            const arrival = [...events].sort((a, b) => a.receivedAt - b.receivedAt);
            let start = 0;
            let previous: StoredEvent[] = [];
            for (let i = 0; start < arrival.length; i++) {
              const batch = arrival.slice(start, start + (cuts[i % cuts.length] ?? 5));
              start += batch.length;
              const rows = [...previous.slice(0, 2), ...batch];
              const inserted = await storage.insertEvents(rows);
              const stored = rows.filter((r) => inserted.has(`${r.source}|${r.accountId}|${r.id}`));
              await keepExperiments(storage, stored, WINDOWS);
              previous = batch;
            }
            const incremental = await snapshot();
            await storage.rebuildAggregates(WINDOWS);
            expect(await snapshot()).toEqual(incremental);
          },
        ),
        { numRuns: 30 },
      );
    }, 120_000);

    it('report queries read indexes and aggregates, never a sequential scan of events', async () => {
      await db.query('TRUNCATE events, account_days, experiment_units');
      // Enough rows that the planner prefers an index wherever one serves.
      const rows: StoredEvent[] = [];
      for (let i = 0; i < 4000; i++) {
        const ts = NOW - (i % 90) * DAY_MS;
        const id = createEventId(ts);
        rows.push({
          id,
          accountId: `acct_${i % 400}`,
          userId: 'u',
          type: 'custom',
          ts,
          receivedAt: ts,
          source: 'browser',
          payload: { id, ts, type: 'custom', name: 'x' },
        });
      }
      for (let i = 0; i < rows.length; i += 1000) await storage.insertEvents(rows.slice(i, i + 1000));
      await db.query('ANALYZE');
      const since = new Date(NOW - 30 * DAY_MS).toISOString();
      const plans: Record<string, string> = {};
      const explain = async (name: string, run: () => Promise<unknown>) => {
        // Capture the SQL each report sends by running it through a recording client.
        const sent: { text: string; params: readonly unknown[] }[] = [];
        const original = db.query.bind(db);
        (db as { query: SqlClient['query'] }).query = (async (text: string, params?: readonly unknown[]) => {
          sent.push({ text, params: params ?? [] });
          return original(text, params as unknown[]);
        }) as SqlClient['query'];
        try {
          await run();
        } finally {
          (db as { query: SqlClient['query'] }).query = original as SqlClient['query'];
        }
        const lines: string[] = [];
        for (const q of sent) {
          if (!/^\s*(WITH|SELECT)/i.test(q.text)) continue;
          const plan = await original<{ 'QUERY PLAN': string }>(`EXPLAIN ${q.text}`, q.params as unknown[]);
          lines.push(...plan.map((r) => r['QUERY PLAN']));
        }
        plans[name] = lines.join('\n');
      };
      await explain('experiments', () => storage.experimentCounts(WINDOWS));
      await explain('funnel', () => storage.funnel(Date.parse(since)));
      await explain('pqls', () => storage.pqlStates(5000));
      await explain('suppressed', () => storage.suppressedStates(5000));
      await explain('handoffs', () => storage.handoffs(200));
      await explain('account history', () => storage.accountHistory('acct_7', 'u', NOW - 90 * DAY_MS));
      await explain('account inputs', () => storage.accountInputs('acct_7', NOW - 90 * DAY_MS));
      for (const [name, plan] of Object.entries(plans)) {
        expect(plan, `${name} sent no query`).not.toBe('');
        expect(plan, `${name} plan:\n${plan}`).not.toMatch(/Seq Scan on events\b/);
      }
    }, 60_000);
  });
}
