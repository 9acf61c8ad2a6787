// Trigger holdouts end to end on PGlite: the edge assigns each account by the same hash as the
// browser, records the arm with each fire episode, attributes the backend's upgrades to it, and
// GET /v1/admin/holdouts counts both arms with known answers.
import { DAY_MS, inTriggerHoldout } from '@headroom/core';
import { holdoutLift } from '@headroom/insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import {
  acmeInput,
  admin,
  claimsFor,
  clock,
  eventId,
  factsFiring,
  NOW,
  server,
  type TestApp,
  testApp,
  tokenFor,
} from './helpers.ts';

const HOLDOUT = 0.3;
const trigger = {
  id: 'usage_ceiling',
  kind: 'meter_ratio',
  meters: ['api_calls', 'docs'],
  atLeast: 0.8,
  prompt: 'usage_upgrade',
  holdout: HOLDOUT,
};
const config = { ...(acmeInput as Record<string, unknown>), triggers: [trigger] };
const ACCOUNTS = Array.from({ length: 80 }, (_, i) => `holdout_acct_${i}`);
const FIRED_AT = NOW - 100 * DAY_MS;

describe('trigger holdouts at the edge', () => {
  let storage: Storage;
  let app: TestApp;
  const time = clock(FIRED_AT);
  beforeAll(async () => {
    storage = await createPgliteStorage();
    app = testApp(storage, { config, now: time.now });
  }, 60_000);
  afterAll(() => storage?.close());

  const upgrade = (acct: string, at: number, amount: number) =>
    app.post(
      '/v1/server/events',
      {
        events: [
          { id: eventId(at), type: 'upgrade_completed', plan: 'business', amount, ts: at, accountId: acct },
        ],
      },
      server,
    );

  it('fires for every account, withholds the prompt from the held-out ones, and counts both arms', async () => {
    for (const acct of ACCOUNTS) {
      const token = await tokenFor(claimsFor(acct), time.now());
      const res = await app.post('/v1/events', {
        token,
        sentAt: time.now(),
        events: factsFiring(1, time.now()),
      });
      expect(res.status).toBe(202);
    }
    await app.flush();

    // What each account's browser reads: the trigger fired for all, the prompt only for the exposed.
    const heldOut = ACCOUNTS.filter((acct) => inTriggerHoldout(trigger, acct));
    expect(heldOut.length).toBeGreaterThan(10);
    expect(heldOut.length).toBeLessThan(40);
    for (const acct of [heldOut[0], ACCOUNTS.find((a) => !heldOut.includes(a))] as string[]) {
      const token = await tokenFor(claimsFor(acct), time.now());
      const body = (await (await app.get('/v1/account', { authorization: `Bearer ${token}` })).json()) as {
        activeTriggers: string[];
      };
      expect(body.activeTriggers).toContain('usage_ceiling');
    }

    // The backend's upgrades: every third account 10 days after the fire (amount 1,000–5,000),
    // and some others 70 days after it, outside the 60-day outcome window.
    const expected = {
      true: { expanded: 0, amount: 0, squares: 0 },
      false: { expanded: 0, amount: 0, squares: 0 },
    };
    time.set(FIRED_AT + 10 * DAY_MS);
    for (const [i, acct] of ACCOUNTS.entries()) {
      if (i % 3 !== 0) continue;
      const arm = expected[String(heldOut.includes(acct)) as 'true' | 'false'];
      const amount = 1000 * ((i % 5) + 1);
      expect((await upgrade(acct, time.now(), amount)).status).toBe(202);
      arm.expanded++;
      arm.amount += amount;
      arm.squares += amount * amount;
    }
    time.set(FIRED_AT + 70 * DAY_MS);
    for (const [i, acct] of ACCOUNTS.entries())
      if (i % 3 !== 0 && i % 7 === 1) expect((await upgrade(acct, time.now(), 9000)).status).toBe(202);
    await app.flush();

    time.set(NOW);
    const res = await app.get('/v1/admin/holdouts?days=365&outcomeDays=60', admin);
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      outcomeDays: number;
      triggers: Array<{
        triggerId: string;
        holdout: number | null;
        exposed: {
          accounts: number;
          expanded: number;
          amount: number;
          amountSquares: number;
          pending: number;
        };
        heldOut: {
          accounts: number;
          expanded: number;
          amount: number;
          amountSquares: number;
          pending: number;
        };
      }>;
      definitions: Record<string, string>;
    };
    expect(report.outcomeDays).toBe(60);
    const row = report.triggers.find((t) => t.triggerId === 'usage_ceiling');
    expect(row).toEqual({
      triggerId: 'usage_ceiling',
      holdout: HOLDOUT,
      exposed: {
        accounts: ACCOUNTS.length - heldOut.length,
        expanded: expected.false.expanded,
        amount: expected.false.amount,
        amountSquares: expected.false.squares,
        pending: 0,
      },
      heldOut: {
        accounts: heldOut.length,
        expanded: expected.true.expanded,
        amount: expected.true.amount,
        amountSquares: expected.true.squares,
        pending: 0,
      },
    });
    expect(report.definitions.accounts).toContain('held out');
    // The console and the CLI read it through insights: the same counts give the lift.
    const lift = holdoutLift(row?.exposed as never, row?.heldOut as never);
    expect(lift.exposed.accounts + lift.heldOut.accounts).toBe(ACCOUNTS.length);
  });

  it('leaves recent fires unjudged, and answers 400 on a bad window', async () => {
    const acct = 'holdout_recent';
    const token = await tokenFor(claimsFor(acct), time.now());
    await app.post('/v1/events', { token, sentAt: time.now(), events: factsFiring(1, time.now()) });
    await app.flush();
    const report = (await (await app.get('/v1/admin/holdouts?outcomeDays=60', admin)).json()) as {
      triggers: Array<{ triggerId: string; exposed: { pending: number }; heldOut: { pending: number } }>;
    };
    const row = report.triggers.find((t) => t.triggerId === 'usage_ceiling');
    expect((row?.exposed.pending ?? 0) + (row?.heldOut.pending ?? 0)).toBe(1);
    expect((await app.get('/v1/admin/holdouts?outcomeDays=0', admin)).status).toBe(400);
    expect((await app.get('/v1/admin/holdouts')).status).toBe(401);
  });
});
