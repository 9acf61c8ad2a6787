// The edge-only trigger kinds on PGlite with known answers: a usage trend the edge projects,
// tracked events it counts per user and week, traits (with history) the backend reports, power
// users and feature adoption — all from what was posted, reported through GET /v1/account.
import { DAY_MS } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import {
  accountId,
  acmeInput,
  claimsFor,
  eventId,
  NOW,
  server,
  type TestApp,
  testApp,
  tokenFor,
} from './helpers.ts';

const config = {
  ...(acmeInput as Record<string, unknown>),
  triggers: [
    { id: 'docs_forecast', kind: 'meter_forecast', meters: ['docs'] },
    {
      id: 'workflow_depth',
      kind: 'event_count',
      event: 'workflow_run',
      atLeast: 4,
      withinDays: 7,
      per: 'user',
      sustainedWeeks: 2,
    },
    {
      id: 'renewal_window',
      kind: 'trait',
      all: [
        { trait: 'renewalDate', withinDays: 60 },
        { trait: 'health', atLeast: 80 },
      ],
    },
    { id: 'headcount_growth', kind: 'trait', all: [{ trait: 'employees', grewBy: 0.2 }] },
    { id: 'power_users', kind: 'power_users' },
    { id: 'value_discovery', kind: 'feature_adoption' },
  ],
};

describe('edge-only trigger kinds', () => {
  let storage: Storage;
  let app: TestApp;
  beforeAll(async () => {
    storage = await createPgliteStorage();
    app = testApp(storage, { config });
  }, 60_000);
  afterAll(() => storage?.close());

  const post = async (user: string, acct: string, events: Record<string, unknown>[]) => {
    const token = await tokenFor(claimsFor(acct, { uid: user }));
    const res = await app.post('/v1/events', { token, sentAt: NOW, events });
    expect(((await res.json()) as { accepted: number }).accepted).toBe(events.length);
  };
  const at = (daysAgo: number) => NOW - daysAgo * DAY_MS;
  const track = (name: string, daysAgo: number) => ({
    id: eventId(at(daysAgo)),
    ts: at(daysAgo),
    type: 'custom',
    name,
  });
  const account = async (acct: string) => {
    const token = await tokenFor(claimsFor(acct, { uid: 'reader' }));
    return (await (await app.get('/v1/account', { authorization: `Bearer ${token}` })).json()) as {
      activeTriggers: string[];
      edgeTriggers: Array<{ id: string; fired: boolean; value: number; reason: string; users?: string[] }>;
      forecasts: Record<string, { limit: number; reachesOn: string; fired: boolean }>;
    };
  };

  it('fires each play from the facts posted, with its reason', async () => {
    const acct = accountId('plays');
    // Documents: 20 more a day for 14 days, 800 today → the 1,000 limit in 10 days.
    await post(
      'u1',
      acct,
      Array.from({ length: 15 }, (_, i) => ({
        id: eventId(at(14 - i)),
        ts: at(14 - i),
        type: 'usage',
        meter: 'docs',
        value: 520 + 20 * i,
      })),
    );
    // u1 runs a workflow 4 times in each of the last two weeks; u2 and u3 edit a little.
    await post('u1', acct, [
      ...[1, 2, 3, 4, 8, 9, 10, 11].map((d) => track('workflow_run', d)),
      ...Array.from({ length: 12 }, () => track('comments', 1)),
      track('version_history', 2),
    ]);
    await post('u2', acct, [track('comments', 3), track('comments', 4)]);
    await post('u3', acct, [track('comments', 5), track('comments', 6)]);
    // The backend: renewal in 45 days, health 85, headcount 100 → 125 in 100 days.
    for (const traits of [
      { accountId: acct, observedAt: at(100), employees: 100 },
      { accountId: acct, observedAt: NOW, employees: 125, health: 85, renewalDate: '2027-01-07' },
    ]) {
      expect((await app.post('/v1/server/accounts', traits, server)).status).toBe(200);
    }

    const result = await account(acct);
    const byId = Object.fromEntries(result.edgeTriggers.map((r) => [r.id, r]));
    expect(byId.docs_forecast).toMatchObject({ fired: true, value: 10 });
    expect(byId.docs_forecast?.reason).toBe(
      'docs reaches its limit of 1000 in 10 days, around 2026-12-03 (trend +20/day) (threshold 14 days)',
    );
    expect(result.forecasts).toEqual({ docs: { limit: 1000, reachesOn: '2026-12-03', fired: true } });
    expect(byId.workflow_depth).toMatchObject({ fired: true, value: 2 });
    expect(byId.renewal_window).toMatchObject({ fired: true, value: 2 });
    expect(byId.renewal_window?.reason).toBe(
      'renewalDate in 45 days (within 60); health 85 (≥ 80) (threshold all 2 conditions)',
    );
    expect(byId.headcount_growth).toMatchObject({ fired: true });
    expect(byId.headcount_growth?.reason).toContain('employees grew 25% in 90 days');
    // u1: 8 + 12 + 1 = 21 events; u2, u3: 2 each; average 25 / 3 ≈ 8.3.
    expect(byId.power_users).toMatchObject({ fired: true, value: 1, users: ['u1'] });
    // Team's features: comments and version_history, both used.
    expect(byId.value_discovery).toMatchObject({ fired: true, value: 1 });
    expect(result.activeTriggers).toEqual(
      [
        'docs_forecast',
        'headcount_growth',
        'power_users',
        'renewal_window',
        'value_discovery',
        'workflow_depth',
      ].sort(),
    );
  });

  it('fires none of them for an account without those facts', async () => {
    const acct = accountId('quiet');
    await post('u1', acct, [
      track('comments', 40),
      { id: eventId(), ts: NOW, type: 'usage', meter: 'docs', value: 10 },
    ]);
    const result = await account(acct);
    expect(result.activeTriggers).toEqual([]);
    expect(result.forecasts).toEqual({});
    expect(result.edgeTriggers.find((r) => r.id === 'docs_forecast')?.reason).toBe(
      'no limit forecast: docs: 1 day of usage, too few to forecast (needs 7) (threshold 14 days)',
    );
  });
});
