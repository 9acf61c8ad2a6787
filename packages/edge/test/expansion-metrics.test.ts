// GET /v1/admin/expansion on PGlite: a seeded store whose figures were worked out by hand (in the
// comments), read from the aggregates; the same after a rebuild from the raw events; the billing
// events through POST /v1/server/events, refused from a browser.
import { DAY_MS } from '@headroom/core';
import { adminExpansionSchema, expansionMetrics } from '@headroom/insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlStorage, type Storage } from '../src/index.ts';
import { createPgliteClient } from '../src/storage/pglite-storage.ts';
import type { SqlClient } from '../src/storage/sql-client.ts';
import type { AccountStateRow, StoredEvent } from '../src/storage/storage.ts';
import { admin, claimsFor, eventId, NOW, server, type TestApp, testApp, tokenFor } from './helpers.ts';

const ago = (days: number) => NOW - days * DAY_MS;

const state = (
  accountId: string,
  segment: string,
  acv: number,
  at: number,
  fired: string[] = [],
): AccountStateRow => ({
  accountId,
  configVersion: 1,
  evaluatedAt: at,
  fired,
  results: [],
  eligible: true,
  reasons: [],
  unknown: [],
  plan: 'team',
  segment,
  acv,
  seats: 10,
  potentialAcv: null,
  pqlSince: fired.length > 0 ? at : null,
  lastUpgradeAt: null,
});

const browser = (
  accountId: string,
  userId: string,
  at: number,
  payload: Record<string, unknown>,
): StoredEvent => {
  const id = eventId(at);
  return {
    id,
    accountId,
    userId,
    type: payload.type as StoredEvent['type'],
    ts: at,
    receivedAt: at,
    source: 'browser',
    payload: { id, ts: at, ...payload } as StoredEvent['payload'],
  };
};
const billing = (accountId: string, at: number, payload: Record<string, unknown>): StoredEvent => ({
  ...browser(accountId, '', at, payload),
  userId: null,
  source: 'server',
});

describe('GET /v1/admin/expansion (PGlite)', () => {
  let db: SqlClient;
  let storage: Storage;
  let app: TestApp;
  beforeAll(async () => {
    db = await createPgliteClient();
    storage = createSqlStorage(db);
    await storage.migrate();
    app = testApp(storage, { now: () => NOW });
  }, 60_000);
  afterAll(() => storage?.close());

  it('answers every figure of a seeded store, from the aggregates, and the same after a rebuild', async () => {
    // Who each account is (segment, ACV) and its fire episodes, as the edge evaluated them.
    await storage.saveAccountState(
      state('a1', 'smb', 1000, ago(100), ['usage_ceiling']),
      ['usage_ceiling'],
      [],
    );
    await storage.saveAccountState(
      state('a2', 'mid_market', 5000, ago(80), ['seat_saturation']),
      ['seat_saturation'],
      [],
    );
    await storage.saveAccountState(
      state('a3', 'enterprise', 50_000, ago(20), ['usage_ceiling']),
      ['usage_ceiling'],
      [],
    );
    await storage.saveAccountState(state('a4', 'smb', 2000, ago(200)), [], []);
    await storage.saveAccountState(state('a6', 'smb', 3000, ago(200)), [], []);
    await storage.insertEvents([
      // Activity: a1's u1, u2 and u3 (who accepted an invite), a2's u1, a3's u9.
      browser('a1', 'u1', ago(10), { type: 'invite_sent', inviteId: 'i1' }),
      browser('a1', 'u1', ago(10) + 1, { type: 'invite_sent', inviteId: 'i2' }),
      browser('a1', 'u2', ago(10), { type: 'gate_hit', feature: 'sso' }),
      browser('a1', 'u3', ago(9), { type: 'invite_accepted', inviteId: 'i1' }),
      browser('a1', 'u1', ago(3), { type: 'usage', meter: 'docs', value: 5 }),
      browser('a2', 'u1', ago(50), { type: 'usage', meter: 'docs', value: 5 }),
      browser('a3', 'u9', ago(5), { type: 'custom', name: 'report_viewed' }),
      // The ledger. a1: team → business, 1,000 → 3,000 (tier +2,000), 10 days after its fire.
      billing('a1', ago(90), {
        type: 'upgrade_completed',
        fromPlan: 'team',
        plan: 'business',
        amount: 3000,
        previousAmount: 1000,
      }),
      // a2: 10 → 12 seats on team, 5,000 → 6,000 (seat +1,000), after a CS handoff.
      billing('a2', ago(70), {
        type: 'upgrade_completed',
        fromPlan: 'team',
        plan: 'team',
        seats: 12,
        previousSeats: 10,
        amount: 6000,
        previousAmount: 5000,
      }),
      // a3: a downgrade, 50,000 → 40,000 (contraction 10,000).
      billing('a3', ago(5), {
        type: 'subscription_changed',
        plan: 'team',
        amount: 40_000,
        previousAmount: 50_000,
      }),
      // a4 cancels; no amount said: its evaluated ACV, 2,000, is the churn.
      billing('a4', ago(30), { type: 'subscription_canceled' }),
      // a5 (never evaluated) starts paying in the window: 0 → 1,200 → 1,500, new ARR, not NRR.
      billing('a5', ago(40), { type: 'upgrade_completed', plan: 'team', amount: 1200 }),
      billing('a5', ago(20), { type: 'subscription_changed', plan: 'team', amount: 1500 }),
      // a6 paid 3,000 before the window; a usage true-up to 3,500 in it (usage +500).
      billing('a6', ago(200), { type: 'upgrade_completed', plan: 'team', amount: 3000, previousAmount: 0 }),
      billing('a6', ago(15), {
        type: 'subscription_changed',
        plan: 'team',
        amount: 3500,
        expansion: 'usage',
      }),
    ]);
    await db.query(
      `INSERT INTO handoffs (id, dedupe_key, account_id, status, created_at, payload)
       VALUES ('h1', 'h1', 'a2', 'delivered', $1::timestamptz, '{}')`,
      [new Date(ago(75)).toISOString()],
    );
    await storage.keepFunnelSteps(['a1', 'a2', 'a3']);

    const read = async () => {
      const res = await app.get('/v1/admin/expansion?days=120&outcomeDays=60&assistDays=60', admin);
      expect(res.status).toBe(200);
      return adminExpansionSchema.parse(await res.json());
    };
    const report = await read();
    expect(report).toMatchObject({ days: 120, outcomeDays: 60, assistDays: 60 });
    expect(report.total).toEqual({
      activeAccounts: 3,
      activeUsers: 5,
      invitesSent: 2,
      invitesAccepted: 1,
      // a1 (judged, expanded after 10 days), a2 (judged, expanded after 10 days), a3 (20 days old).
      pqls: 3,
      pqlsJudged: 2,
      pqlsExpanded: 2,
      // a1, a2, a5 twice, a6; a2's had a handoff 5 days before.
      expansions: 5,
      csAssisted: 1,
      seatArr: 1000,
      usageArr: 500,
      tierArr: 2000,
      newArr: 1500,
      contractionArr: 10_000,
      churnArr: 2000,
      churnedAccounts: 1,
      // a1 1,000 + a2 5,000 + a3 50,000 + a4 2,000 + a6 3,000 (a5 paid nothing).
      startingArr: 61_000,
      payingAccounts: 5,
    });
    expect(report.segments.smb).toMatchObject({
      activeAccounts: 1,
      activeUsers: 3,
      startingArr: 6000,
      tierArr: 2000,
      usageArr: 500,
      churnArr: 2000,
      pqls: 1,
    });
    expect(report.segments.mid_market).toMatchObject({ startingArr: 5000, seatArr: 1000, csAssisted: 1 });
    expect(report.segments.enterprise).toMatchObject({
      startingArr: 50_000,
      contractionArr: 10_000,
      pqlsJudged: 0,
    });
    expect(report.segments.unknown).toMatchObject({ newArr: 1500, expansions: 2, startingArr: 0 });
    expect(report.triggers).toEqual([
      {
        triggerId: 'seat_saturation',
        pqls: 1,
        judged: 1,
        expanded: 1,
        attributed: 1,
        medianMsToExpansion: 10 * DAY_MS,
      },
      {
        triggerId: 'usage_ceiling',
        pqls: 2,
        judged: 1,
        expanded: 1,
        attributed: 1,
        medianMsToExpansion: 10 * DAY_MS,
      },
    ]);
    // Weeks add up to the window for what is counted once per event or episode.
    const sum = (key: 'expansions' | 'pqls' | 'invitesSent' | 'churnArr') =>
      report.weeks.reduce((s, w) => s + w[key], 0);
    expect([sum('expansions'), sum('pqls'), sum('invitesSent'), sum('churnArr')]).toEqual([5, 3, 2, 2000]);
    const monday = (ms: number) => {
      const day = Math.floor(ms / DAY_MS);
      return new Date((day - ((day + 3) % 7)) * DAY_MS).toISOString().slice(0, 10);
    };
    expect(report.weeks.find((w) => w.week === monday(ago(30)))?.churnedAccounts).toBe(1);

    // What the console and the CLI show: NRR (61,000 + 3,500 − 10,000 − 2,000) ÷ 61,000 and
    // k = 2 invites ÷ 5 users × 30 ÷ 120 × ½ accepted = 0.05.
    const metrics = expansionMetrics(report);
    expect(metrics.total.nrr).toBeCloseTo(52_500 / 61_000, 12);
    expect(metrics.total.kFactor).toBeCloseTo(0.05, 12);
    expect(metrics.redFlags.find((f) => f.id === 'low_k_factor')?.raised).toBe(true);

    await storage.rebuildAggregates({});
    expect(await read()).toEqual(report);
  });

  it('takes billing events from the server key and refuses them from a browser; 400 on a bad window', async () => {
    const res = await app.post(
      '/v1/server/events',
      {
        events: [
          {
            id: eventId(ago(1)),
            type: 'subscription_changed',
            plan: 'team',
            amount: 900,
            accountId: 'b1',
            ts: ago(1),
          },
          {
            id: eventId(ago(1)),
            type: 'subscription_canceled',
            previousAmount: 900,
            accountId: 'b1',
            ts: NOW - 1000,
          },
          {
            id: eventId(ago(2)),
            type: 'upgrade_completed',
            plan: 'team',
            amount: 900,
            fromPlan: 'free',
            expansion: 'nope',
            accountId: 'b1',
            ts: ago(2),
          },
        ],
      },
      server,
    );
    expect(await res.json()).toMatchObject({ accepted: 2, rejected: 1, rejections: [{ index: 2 }] });
    const token = await tokenFor(claimsFor('b2'), NOW);
    const refused = await app.post('/v1/events', {
      token,
      events: [{ id: eventId(NOW), type: 'subscription_canceled', ts: NOW }],
    });
    expect(await refused.json()).toMatchObject({
      accepted: 0,
      rejections: [
        { code: 'browser_conversion', message: 'subscription_canceled is accepted from the server key only' },
      ],
    });
    expect((await app.get('/v1/admin/expansion?days=0', admin)).status).toBe(400);
    expect((await app.get('/v1/admin/expansion')).status).toBe(401);
  });
});
