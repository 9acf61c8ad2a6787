// The aggregates reports read are exact: kept incrementally as random histories arrive in
// random batches, they equal a rebuild from the raw events (fast-check); and every report
// query's plan reads indexes and aggregates, never a sequential scan of `events`.
import { createEventId, DAY_MS } from '@headroom/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepExperiments } from '../../src/keep-experiments.ts';
import { pruneBrowserEvents } from '../../src/prune-events.ts';
import { FUNNEL_STEPS_OF_ACCOUNTS } from '../../src/storage/funnel-steps-sql.ts';
import type { SqlClient } from '../../src/storage/sql-client.ts';
import type {
  AccountStateRow,
  ExperimentWindows,
  RouteDecisionRow,
  Storage,
  StoredEvent,
} from '../../src/storage/storage.ts';
import { NOW } from '../helpers.ts';

const WINDOWS: ExperimentWindows = {
  by_account: { goal: 'upgrade_completed', days: 30, unit: 'account' },
  by_user: { goal: 'activated_sso', days: 7, unit: 'user' },
};

const accountArb = fc.constantFrom('acct_a', 'acct_b', 'acct_c');
const userArb = fc.constantFrom('u1', 'u2');
const dayArb = fc.integer({ min: 0, max: 60 });
const triggerArb = fc.constantFrom('usage_ceiling', 'seat_saturation');
// The edge's own steps, at random times: a routing decision, or an evaluation that opens (or
// closes, when open) one trigger's fire episode.
const edgeStepArb = fc.record({
  account: accountArb,
  at: fc.integer({ min: NOW - 60 * DAY_MS, max: NOW }),
  kind: fc.constantFrom('decision', 'evaluation'),
  trigger: triggerArb,
});
type EdgeStep = { account: string; at: number; kind: 'decision' | 'evaluation'; trigger: string };

const promptEvent = (
  accountId: string,
  type: 'prompt_shown' | 'prompt_clicked',
  triggerId: string,
  at: number,
): StoredEvent => {
  const id = createEventId(at);
  return {
    id,
    accountId,
    userId: 'u1',
    type,
    ts: at,
    receivedAt: at,
    source: 'browser',
    payload: { id, ts: at, type, promptId: 'usage_upgrade', triggerId },
  };
};
const upgradeEvent = (accountId: string, at: number): StoredEvent => {
  const id = createEventId(at);
  return {
    id,
    accountId,
    userId: null,
    type: 'upgrade_completed',
    ts: at,
    receivedAt: at,
    source: 'server',
    payload: { id, ts: at, type: 'upgrade_completed', plan: 'business', amount: 2760 },
  };
};
// Funnel stories: one account and trigger going through fire, show, click, route and upgrade
// around one moment, each step jittered (so some arrive out of order or before the fire).
const storyArb = fc
  .record({
    account: accountArb,
    trigger: triggerArb,
    at: fc.integer({ min: NOW - 40 * DAY_MS, max: NOW - DAY_MS }),
    // Each step at most once or twice, in the usual order give or take two hours.
    steps: fc.array(
      fc.record({
        kind: fc.constantFrom('evaluation', 'prompt_shown', 'prompt_clicked', 'decision', 'upgrade'),
        offsetMin: fc.integer({ min: -120, max: 120 }),
      }),
      { minLength: 3, maxLength: 8 },
    ),
  })
  .map(({ account, trigger, at, steps }) => {
    const events: StoredEvent[] = [];
    const edge: EdgeStep[] = [];
    const order = ['evaluation', 'prompt_shown', 'prompt_clicked', 'decision', 'upgrade'];
    for (const { kind, offsetMin } of steps) {
      const t = at + (order.indexOf(kind) * 30 + offsetMin) * 60_000;
      if (kind === 'evaluation' || kind === 'decision') edge.push({ account, at: t, kind, trigger });
      else if (kind === 'upgrade') events.push(upgradeEvent(account, t));
      else events.push(promptEvent(account, kind, trigger, t));
    }
    return { events, edge };
  });

const decision = (accountId: string, decidedAt: number): RouteDecisionRow => ({
  accountId,
  userId: 'u1',
  plan: 'business',
  seats: 10,
  route: 'self_serve',
  reasons: ['below_assist_threshold'],
  expansionAcv: 2760,
  source: null,
  needs: [],
  handoffId: null,
  decidedAt,
  repeats: 1,
});

/** An evaluation of `accountId` at `at` in which `fired` fire (only what an episode needs). */
const evaluation = (accountId: string, at: number, fired: string[]): AccountStateRow => ({
  accountId,
  configVersion: 1,
  evaluatedAt: at,
  fired,
  results: [],
  eligible: true,
  reasons: [],
  unknown: [],
  plan: 'team',
  segment: 'smb',
  acv: 1440,
  seats: 10,
  potentialAcv: 2760,
  pqlSince: fired.length > 0 ? at : null,
  lastUpgradeAt: null,
});
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
      // Versions apart: absent (version 1, as before versions existed), 1, or a later version.
      fc.record(
        {
          type: fc.constant('exposure'),
          experimentId: fc.constantFrom('by_account', 'by_user'),
          experimentVersion: fc.constantFrom(1, 2, 3),
          variantId: fc.constantFrom('control', 'treatment'),
        },
        { requiredKeys: ['type', 'experimentId', 'variantId'] },
      ),
      fc.record({
        type: fc.constant('upgrade_completed'),
        plan: fc.constant('team'),
        amount: fc.constant(100),
      }),
      fc.record({ type: fc.constant('custom'), name: fc.constantFrom('activated_sso', 'other') }),
      // The NRR ledger: billing changes with and without what was paid before.
      fc.record({
        type: fc.constantFrom('subscription_changed', 'upgrade_completed'),
        plan: fc.constantFrom('team', 'business'),
        amount: fc.integer({ min: 0, max: 5000 }),
        fromPlan: fc.option(fc.constantFrom('team', 'business'), { nil: undefined }),
        previousAmount: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
        seats: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        previousSeats: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
      }),
      fc.record({ type: fc.constant('subscription_canceled') }),
      fc.record({
        type: fc.constantFrom('prompt_shown', 'prompt_clicked'),
        promptId: fc.constant('usage_upgrade'),
        triggerId: triggerArb,
      }),
    ),
  })
  .map(({ account, user, ageDays, ageMs, receivedLagMs, kind }): StoredEvent => {
    const ts = NOW - ageDays * DAY_MS - ageMs;
    const id = createEventId(ts);
    const server = ['upgrade_completed', 'custom', 'subscription_changed', 'subscription_canceled'].includes(
      kind.type,
    );
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
        `SELECT experiment_id, experiment_version, unit_id, account_id, variant_id, exposure_id,
           (extract(epoch FROM exposed_at) * 1000)::float8 AS exposed_at,
           (extract(epoch FROM converted_at) * 1000)::float8 AS converted_at
         FROM experiment_units ORDER BY experiment_id, experiment_version, unit_id`,
      ),
      episodes: await db.query(
        `SELECT account_id, trigger_id, ${[
          'fired_at',
          'cleared_at',
          'shown_at',
          'clicked_at',
          'routed_at',
          'completed_at',
          'expanded_at',
        ]
          .map((c) => `(extract(epoch FROM ${c}) * 1000)::float8 AS ${c}`)
          .join(', ')}, expansion_amount, held_out, eligible
         FROM trigger_fires ORDER BY account_id, trigger_id, fired_at`,
      ),
      activityDays: await db.query(
        `SELECT account_id, to_char(day, 'YYYY-MM-DD') AS day, user_id FROM activity_days ORDER BY 1, 2, 3`,
      ),
      revenueChanges: await db.query(
        `SELECT account_id, event_id, (extract(epoch FROM at) * 1000)::float8 AS at, kind, amount, previous_amount,
           expansion_source FROM revenue_changes ORDER BY account_id, event_id`,
      ),
      clickDays: await db.query(
        `SELECT account_id, to_char(day, 'YYYY-MM-DD') AS day, (extract(epoch FROM first_received_at) * 1000)::float8 AS at
         FROM prompt_click_days ORDER BY account_id, day`,
      ),
    });

    it('incremental = rebuild on random histories arriving in random batches, duplicates included', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(eventArb, { minLength: 1, maxLength: 60 }),
          fc.array(edgeStepArb, { maxLength: 20 }),
          fc.array(storyArb, { maxLength: 6 }),
          fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 8 }),
          async (randomEvents, randomSteps, stories, cuts) => {
            const events = [...randomEvents, ...stories.flatMap((s) => s.events)];
            const edgeSteps = [...randomSteps, ...stories.flatMap((s) => s.edge)];
            await db.query(
              'TRUNCATE events, account_days, experiment_units, trigger_fires, route_decisions, account_state, prompt_click_days, activity_days, revenue_changes',
            );
            // Everything in arrival order (receive, decision or evaluation time), in batches;
            // each events batch re-sends part of the one before.
            type Arrival = { at: number; event?: StoredEvent; step?: EdgeStep };
            const arrival: Arrival[] = [
              ...events.map((event) => ({ at: event.receivedAt, event })),
              ...(edgeSteps as EdgeStep[]).map((step) => ({ at: step.at, step })),
            ].sort((a, b) => a.at - b.at);
            const open = new Map<string, Set<string>>();
            let start = 0;
            let previous: StoredEvent[] = [];
            for (let i = 0; start < arrival.length; i++) {
              const batch = arrival.slice(start, start + (cuts[i % cuts.length] ?? 5));
              start += batch.length;
              const fresh = batch.flatMap((a) => (a.event ? [a.event] : []));
              const rows = [...previous.slice(0, 2), ...fresh];
              const inserted = await storage.insertEvents(rows);
              const stored = rows.filter((r) => inserted.has(`${r.source}|${r.accountId}|${r.id}`));
              await keepExperiments(storage, stored, WINDOWS);
              // The edge keeps funnel steps with each account's evaluation, after the batch.
              await storage.keepFunnelSteps(stored.map((r) => r.accountId));
              previous = fresh;
              const steps = batch.flatMap((a) => (a.step ? [a.step] : []));
              await storage.recordRouteDecisions(
                steps.filter((s) => s.kind === 'decision').map((s) => decision(s.account, s.at)),
              );
              for (const s of steps.filter((s) => s.kind === 'evaluation')) {
                const fired = open.get(s.account) ?? new Set<string>();
                const closing = fired.has(s.trigger);
                if (closing) fired.delete(s.trigger);
                else fired.add(s.trigger);
                open.set(s.account, fired);
                await storage.saveAccountState(
                  evaluation(s.account, s.at, [...fired].sort()),
                  closing ? [] : [s.trigger],
                  closing ? [s.trigger] : [],
                );
              }
            }
            const incremental = await snapshot();
            const funnel = await storage.funnel(NOW - 30 * DAY_MS);
            const expansion = await storage.expansionFigures(NOW - 30 * DAY_MS, NOW - 10 * DAY_MS, 10, 30);
            for (const row of funnel.byTrigger) {
              expect(row.shown).toBeLessThanOrEqual(row.fired);
              expect(row.clicked).toBeLessThanOrEqual(row.shown);
              expect(row.routed).toBeLessThanOrEqual(row.clicked);
              expect(row.completed).toBeLessThanOrEqual(row.routed);
              expect(row.medianMsToUpgrade ?? 0).toBeGreaterThanOrEqual(0);
            }
            await storage.rebuildAggregates(WINDOWS);
            expect(await snapshot()).toEqual(incremental);
            expect(await storage.funnel(NOW - 30 * DAY_MS)).toEqual(funnel);
            expect(await storage.expansionFigures(NOW - 30 * DAY_MS, NOW - 10 * DAY_MS, 10, 30)).toEqual(
              expansion,
            );
          },
        ),
        { numRuns: 30 },
      );
    }, 120_000);

    it('time to upgrade is never negative: steps before a fire are not its funnel', async () => {
      await db.query(
        'TRUNCATE events, account_days, experiment_units, trigger_fires, route_decisions, account_state, activity_days, revenue_changes',
      );
      const minute = 60_000;
      // acct_refire (and _too) went through prompt → click → route → upgrade three days ago, before the edge
      // (re-)evaluated usage_ceiling as fired a day ago. acct_ordered fired first, then the rest.
      // acct_race's browser showed the prompt in the batch whose facts fired the trigger: the
      // edge's evaluation lands a moment after the batch was received.
      const story = [
        { account: 'acct_refire', firedAt: NOW - DAY_MS, chainAt: NOW - 3 * DAY_MS },
        { account: 'acct_refire_too', firedAt: NOW - 2 * DAY_MS, chainAt: NOW - 20 * DAY_MS },
        { account: 'acct_ordered', firedAt: NOW - 10 * DAY_MS, chainAt: NOW - 10 * DAY_MS + 5 * minute },
        { account: 'acct_race', firedAt: NOW - 5 * DAY_MS + 400, chainAt: NOW - 5 * DAY_MS },
      ];
      for (const { account, firedAt, chainAt } of story) {
        const prompt = (type: 'prompt_shown' | 'prompt_clicked', at: number) =>
          promptEvent(account, type, 'usage_ceiling', at);
        await storage.insertEvents([
          prompt('prompt_shown', chainAt),
          prompt('prompt_clicked', chainAt + minute),
        ]);
        await storage.keepFunnelSteps([account]);
        await storage.recordRouteDecisions([decision(account, chainAt + 2 * minute)]);
        await storage.insertEvents([upgradeEvent(account, chainAt + 3 * minute)]);
        await storage.keepFunnelSteps([account]);
        await storage.saveAccountState(
          evaluation(account, firedAt, ['usage_ceiling']),
          ['usage_ceiling'],
          [],
        );
      }
      const funnel = await storage.funnel(NOW - 30 * DAY_MS);
      const row = funnel.byTrigger.find((r) => r.triggerId === 'usage_ceiling');
      expect(row?.medianMsToUpgrade).toBeGreaterThanOrEqual(0);
      // The refired accounts count as fired, and nothing after: their upgrades came before the fire.
      expect(row).toMatchObject({ fired: 4, shown: 2, clicked: 2, routed: 2, completed: 2 });
      // Ordered: 3 min after its fire (prompt at +5 min, upgrade at +8). Race: from the prompt
      // shown just before the fire was recorded, 3 min. Median of the two.
      expect(row?.medianMsToUpgrade).toBe((8 * minute + 3 * minute) / 2);
      await storage.rebuildAggregates(WINDOWS);
      expect(await storage.funnel(NOW - 30 * DAY_MS)).toEqual(funnel);
    });

    it('retention deletes old browser events only: aggregates, reports and a rebuild after it are unchanged', async () => {
      await db.query(
        'TRUNCATE events, account_days, experiment_units, trigger_fires, route_decisions, account_state, prompt_click_days, activity_days, revenue_changes',
      );
      const browser = (account: string, at: number, payload: Record<string, unknown>): StoredEvent => {
        const id = createEventId(at);
        return {
          id,
          accountId: account,
          userId: 'u1',
          type: payload.type as StoredEvent['type'],
          ts: at,
          receivedAt: at,
          source: 'browser',
          payload: { id, ts: at, ...payload } as StoredEvent['payload'],
        };
      };
      const rows: StoredEvent[] = [];
      for (const account of ['acct_a', 'acct_b']) {
        for (const age of [120, 100, 45, 10, 1]) {
          const at = NOW - age * DAY_MS;
          rows.push(
            browser(account, at, { type: 'usage', meter: 'docs', value: 200 - age }),
            browser(account, at + 1, { type: 'gate_hit', feature: 'sso' }),
            browser(account, at + 2, { type: 'invite_sent', inviteId: `i${age}` }),
            browser(account, at + 3, { type: 'exposure', experimentId: 'by_account', variantId: 'control' }),
            promptEvent(account, 'prompt_shown', 'usage_ceiling', at + 4),
            promptEvent(account, 'prompt_clicked', 'usage_ceiling', at + 5),
          );
        }
        rows.push(upgradeEvent(account, NOW - 99 * DAY_MS));
      }
      // Episodes and decisions come in time order, as the edge makes them.
      for (const account of ['acct_a', 'acct_b']) {
        await storage.saveAccountState(
          evaluation(account, NOW - 120 * DAY_MS, ['usage_ceiling']),
          ['usage_ceiling'],
          [],
        );
      }
      const inserted = await storage.insertEvents(rows);
      await keepExperiments(
        storage,
        rows.filter((r) => inserted.has(`${r.source}|${r.accountId}|${r.id}`)),
        WINDOWS,
      );
      await storage.keepFunnelSteps(['acct_a', 'acct_b']);
      await storage.recordRouteDecisions([
        decision('acct_a', NOW - 100 * DAY_MS + 10),
        decision('acct_b', NOW - 3 * DAY_MS),
      ]);
      const reports = async () => ({
        funnel: await storage.funnel(NOW - 365 * DAY_MS),
        experiments: await storage.experimentCounts(WINDOWS),
        history: await storage.accountHistory('acct_a', 'u1', NOW - 365 * DAY_MS),
        inputs: await storage.accountInputs('acct_b', NOW - 365 * DAY_MS),
        expansion: await storage.expansionFigures(NOW - 365 * DAY_MS, NOW - 60 * DAY_MS, 60, 60),
      });
      const before = { aggregates: await snapshot(), reports: await reports() };
      expect(before.reports.funnel.byTrigger[0]).toMatchObject({
        fired: 2,
        shown: 2,
        clicked: 2,
        routed: 2,
        completed: 1,
      });
      const counts = async () =>
        (
          await db.query<{ old: number; kept: number; server: number }>(
            `SELECT count(*) FILTER (WHERE source = 'browser' AND ts < $1::timestamptz)::int AS old,
               count(*) FILTER (WHERE source = 'browser' AND ts >= $1::timestamptz)::int AS kept,
               count(*) FILTER (WHERE source = 'server')::int AS server FROM events`,
            [new Date(NOW - 30 * DAY_MS).toISOString()],
          )
        )[0];
      expect(await counts()).toEqual({ old: 36, kept: 24, server: 2 });
      // 30 days: everything dated before the UTC midnight 30 days ago goes, in batches.
      expect(await pruneBrowserEvents(storage, NOW, 30, 10_000)).toBe(36);
      expect(await counts()).toEqual({ old: 0, kept: 24, server: 2 });
      expect(await snapshot()).toEqual(before.aggregates);
      expect(await reports()).toEqual(before.reports);
      await storage.rebuildAggregates(WINDOWS);
      expect(await snapshot()).toEqual(before.aggregates);
      expect(await reports()).toEqual(before.reports);
      // Nothing left to delete: a second run deletes none.
      expect(await pruneBrowserEvents(storage, NOW, 30, 10_000)).toBe(0);
      await db.query('TRUNCATE event_retention');
    });

    it('report queries read indexes and aggregates, never a sequential scan of events', async () => {
      await db.query(
        'TRUNCATE events, account_days, experiment_units, trigger_fires, route_decisions, account_state, prompt_click_days, activity_days, revenue_changes',
      );
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
      for (let i = 0; i < 400; i++) {
        const at = NOW - (i % 30) * DAY_MS;
        rows.push(promptEvent(`acct_${i}`, i % 2 ? 'prompt_clicked' : 'prompt_shown', 'usage_ceiling', at));
      }
      for (let i = 0; i < rows.length; i += 1000) await storage.insertEvents(rows.slice(i, i + 1000));
      for (let i = 0; i < 40; i++) {
        await storage.saveAccountState(
          evaluation(`acct_${i}`, NOW - i * DAY_MS, ['usage_ceiling']),
          ['usage_ceiling'],
          [],
        );
      }
      // Many evaluated accounts, few of them PQLs or suppressed: the lists must read their index.
      await db.query(
        `INSERT INTO account_state (account_id, config_version, evaluated_at, fired, results, eligible, reasons,
           unknown, pql_since, signals, fired_reasons)
         SELECT 'state_' || i, 1, now(), '[]', '[]', i % 50 <> 0, '[]', '[]',
           CASE WHEN i % 40 = 0 THEN now() END, CASE WHEN i % 50 = 0 THEN 2 ELSE 0 END, '{}'
         FROM generate_series(1, 20000) i`,
      );
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
      await explain('holdouts', () => storage.holdoutGroups(NOW - 365 * DAY_MS, NOW - 60 * DAY_MS, 60));
      await explain('expansion', () =>
        storage.expansionFigures(NOW - 365 * DAY_MS, NOW - 60 * DAY_MS, 60, 60),
      );
      await explain('pqls', () => storage.pqlStates(5000));
      await explain('suppressed', () => storage.suppressedStates(5000));
      await explain('handoffs', () => storage.handoffs(200));
      await explain('account history', () => storage.accountHistory('acct_7', 'u', NOW - 90 * DAY_MS));
      await explain('account inputs', () => storage.accountInputs('acct_7', NOW - 90 * DAY_MS));
      // Retention's batched delete finds the oldest browser events through its index.
      await explain('prune', async () =>
        expect(await storage.pruneEvents?.(NOW - 30 * DAY_MS, 100)).toBe(100),
      );
      // Ingest's own upkeep of the funnel: reads one account's steps through indexes.
      plans['funnel steps upkeep'] = (
        await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${FUNNEL_STEPS_OF_ACCOUNTS}`, [['acct_7']])
      )
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      for (const [name, plan] of Object.entries(plans)) {
        expect(plan, `${name} sent no query`).not.toBe('');
        expect(plan, `${name} plan:\n${plan}`).not.toMatch(/Seq Scan on events\b/);
        if (name === 'pqls' || name === 'suppressed')
          expect(plan, `${name} plan:\n${plan}`).not.toMatch(/Seq Scan on account_state\b/);
      }
    }, 60_000);
  });
}
