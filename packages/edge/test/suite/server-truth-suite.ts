// The "server truth" attacks, each as it was tried against the edge: a valid user token, a
// hostile tenant, a forged history. Run on PGlite (`edge`) and real Postgres (`edge-postgres`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/index.ts';
import {
  accountId,
  acmeConfig,
  acmeInput,
  admin,
  claimsFor,
  clock,
  daysBefore,
  eventId,
  FIRING_ORDER,
  factsFiring,
  NOW,
  server,
  type TestApp,
  testApp,
  tokenFor,
} from '../helpers.ts';
import { accountAssigned } from './edge-suite.ts';

type Json = Record<string, unknown>;
const json = async (res: Response) => (await res.json()) as Json;

interface HandoffRow {
  accountId: string;
  payload: { kind: string; reasons: string[]; activeTriggers: string[] };
}
interface PqlRow {
  accountId: string;
  signals: number;
  suppressedBecause?: string[];
}

export function serverTruthSuite(label: string, makeStorage: () => Promise<Storage>): void {
  describe(`server truth (${label})`, () => {
    let storage: Storage;
    let app: TestApp;

    beforeAll(async () => {
      storage = await makeStorage();
      app = testApp(storage);
      await app.ready;
    }, 60_000);
    afterAll(async () => {
      await storage?.close();
    });

    const handoffsOf = async (acct: string) =>
      ((await json(await app.get('/v1/admin/handoffs?limit=1000', admin))).handoffs as HandoffRow[]).filter(
        (h) => h.accountId === acct,
      );
    const pqls = async () => {
      const body = await json(await app.get('/v1/admin/pqls', admin));
      return { accounts: body.accounts as PqlRow[], suppressed: body.suppressed as PqlRow[] };
    };
    // A Business upgrade for 40 seats is worth 420 × 40 − 5,760 = $11,040: enough to escalate.
    const bigTeam = { plan: 'team', seats: 40, acv: 5760 } as const;

    it('invented trigger ids are refused per event: no handoff, no PQL', async () => {
      const acct = accountId('forger');
      const token = await tokenFor(claimsFor(acct, bigTeam));
      const res = await json(
        await app.post('/v1/events', {
          token,
          events: ['a', 'b', 'c', 'd'].map((triggerId) => ({
            id: eventId(),
            type: 'trigger_fired',
            triggerId,
            ts: NOW,
          })),
        }),
      );
      expect(res).toMatchObject({ accepted: 0, rejected: 4 });
      expect((res.rejections as { code: string }[]).every((r) => r.code === 'unknown_trigger')).toBe(true);
      // Real trigger ids sent as trigger_fired are telemetry: still no signal.
      await app.post('/v1/events', {
        token,
        events: FIRING_ORDER.map((triggerId) => ({
          id: eventId(),
          type: 'trigger_fired',
          triggerId,
          ts: NOW,
        })),
      });
      expect(await handoffsOf(acct)).toEqual([]);
      expect((await pqls()).accounts.some((r) => r.accountId === acct)).toBe(false);
    });

    it.each([
      ['churn risk', { churnRisk: true, health: 90 }, 'churn_risk'],
      ['low health', { health: 40 }, 'low_health'],
      [
        'activated 3 days ago',
        { activatedAt: new Date(daysBefore(3)).toISOString() },
        'activation_too_recent',
      ],
      ['never activated', { activatedAt: undefined }, 'not_activated'],
    ] as const)(
      '%s with four real signals: no handoff, listed as suppressed with why',
      async (_, over, reason) => {
        const acct = accountId('unready');
        const claims = { ...claimsFor(acct, bigTeam), ...over };
        if ('activatedAt' in over && over.activatedAt === undefined) delete claims.activatedAt;
        const token = await tokenFor(claims);
        await app.post('/v1/events', { token, events: factsFiring(4) });
        expect(await handoffsOf(acct)).toEqual([]);
        const { accounts, suppressed } = await pqls();
        expect(accounts.some((r) => r.accountId === acct)).toBe(false);
        const row = suppressed.find((r) => r.accountId === acct);
        expect(row?.signals).toBe(4);
        expect(row?.suppressedBecause).toContain(reason);
      },
    );

    it('backend traits suppress an account the token calls healthy, and lift it when newer', async () => {
      const acct = accountId('traits');
      const token = await tokenFor(claimsFor(acct, { ...bigTeam, health: 95 }));
      const flagged = await json(
        await app.post(
          '/v1/server/accounts',
          { accountId: acct, churnRisk: true, health: 30, activeUsers: 35, observedAt: NOW },
          server,
        ),
      );
      expect(flagged).toMatchObject({ upserted: 1 });
      await app.post('/v1/events', { token, events: factsFiring(4) });
      expect(await handoffsOf(acct)).toEqual([]);
      expect((await pqls()).suppressed.find((r) => r.accountId === acct)?.suppressedBecause).toEqual([
        'low_health',
        'churn_risk',
      ]);
      // An older observation loses to the newer one; a newer one wins.
      await app.post(
        '/v1/server/accounts',
        { accountId: acct, churnRisk: false, health: 99, observedAt: daysBefore(1) },
        server,
      );
      expect((await pqls()).suppressed.some((r) => r.accountId === acct)).toBe(true);
      const lifted = await json(
        await app.post('/v1/server/accounts', { accountId: acct, churnRisk: false, health: 92 }, server),
      );
      expect(lifted.accounts).toEqual([
        {
          accountId: acct,
          eligible: true,
          reasons: [],
          unknown: [],
          activeTriggers: [...FIRING_ORDER].sort(),
        },
      ]);
      const handoffs = await handoffsOf(acct);
      expect(handoffs).toHaveLength(1);
      expect(handoffs[0]?.payload).toMatchObject({ kind: 'escalation', reasons: ['signal_escalation'] });
    });

    it('POST /v1/server/accounts needs the server key, names bad paths and creates unknown accounts', async () => {
      expect((await app.post('/v1/server/accounts', { accountId: 'x', health: 50 })).status).toBe(401);
      const bad = await app.post(
        '/v1/server/accounts',
        { accounts: [{ accountId: 'x', health: 500, seats: -1, tier: 'gold' }] },
        server,
      );
      expect(bad.status).toBe(400);
      const paths = ((await json(bad)).error as { issues: { path: string }[] }).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['accounts.0.health', 'accounts.0.seats']));
      const plan = await app.post('/v1/server/accounts', { accountId: 'x', plan: 'platinum' }, server);
      expect(((await json(plan)).error as { issues: { path: string }[] }).issues[0]?.path).toBe('plan');
      const fresh = accountId('crm');
      const created = await app.post(
        '/v1/server/accounts',
        {
          accountId: fresh,
          plan: 'team',
          segment: 'mid_market',
          acv: 2880,
          seats: 20,
          activatedAt: '2026-01-01',
          health: 79,
          activeUsers: 15,
          renewalDate: '2027-01-15',
          employees: 120,
          traits: { nps: 9, exec_sponsor: true },
        },
        server,
      );
      expect(await json(created)).toEqual({
        upserted: 1,
        accounts: [
          { accountId: fresh, eligible: false, reasons: ['low_health'], unknown: [], activeTriggers: [] },
        ],
      });
    });

    it('300 clicks for a CS route make one handoff and one webhook delivery', async () => {
      const deliveries: string[] = [];
      const clicks = testApp(storage, {
        webhook: { url: 'https://crm.example.com/hook', secret: 'whsec_test_secret_long_enough_for_hmac' },
        fetch: async (_url, init) => {
          deliveries.push(String(init?.body));
          return new Response('ok');
        },
      });
      const acct = accountId('clicker');
      const token = await tokenFor(
        claimsFor(acct, { segment: 'enterprise', plan: 'business', seats: 180, acv: 75_600 }),
      );
      const ids = new Set<string>();
      for (let round = 0; round < 30; round++) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, () =>
            clicks.post('/v1/route', {
              token,
              plan: 'enterprise',
              needs: ['invoice'],
              source: 'tier_upgrade',
            }),
          ),
        );
        for (const res of answers) {
          const body = await json(res);
          expect(body.route).toBe('cs_assist');
          ids.add((body.handoff as { id: string }).id);
        }
      }
      expect(ids.size).toBe(1);
      await clicks.outbox.deliverDue();
      expect(deliveries.filter((d) => d.includes(acct))).toHaveLength(1);
      expect(await handoffsOf(acct)).toHaveLength(1);
      // needs and source are checked against the config, not passed along.
      const stray = await app.post('/v1/route', { token, plan: 'enterprise', needs: ['free_lunch'] });
      expect(stray.status).toBe(400);
      const source = await app.post('/v1/route', { token, plan: 'enterprise', source: '<script>' });
      expect(((await json(source)).error as { issues: { path: string }[] }).issues[0]?.path).toBe('source');
      // This app's 300 folded decisions are written now, not by its 1 s timer in the middle of a
      // later test's route split (which only flushes its own app's decisions).
      await clicks.flush();
    });

    it('a per-account daily handoff quota holds across plans', async () => {
      // A quota of two new handoffs a day, three plans asked for: the third returns the latest.
      const put = (config: unknown) => app.put('/v1/admin/config', { config, note: 'quota test' }, admin);
      expect(
        (await put({ ...acmeConfig, routing: { ...acmeConfig.routing, maxHandoffsPerDay: 2 } })).status,
      ).toBe(201);
      try {
        const acct = accountId('quota');
        const token = await tokenFor(
          claimsFor(acct, { segment: 'enterprise', plan: 'free', seats: 5, acv: 0 }),
        );
        const ids: string[] = [];
        for (const [plan, seats] of [
          ['team', 5],
          ['business', 6],
          ['enterprise', 7],
        ] as const) {
          const body = await json(await app.post('/v1/route', { token, plan, seats }));
          expect(body.route).toBe('cs_assist');
          ids.push((body.handoff as { id: string }).id);
        }
        expect(await handoffsOf(acct)).toHaveLength(2);
        // Past the quota an existing handoff answers (no new one is opened).
        expect(ids.slice(0, 2)).toContain(ids[2]);
      } finally {
        expect((await put(acmeInput)).status).toBe(201);
      }
    });

    it('5 real routes make a route split of 5 with no browser events, and the funnel stays ordered', async () => {
      const before = (await json(await app.get('/v1/admin/funnel?days=1', admin))) as {
        routes: Record<string, number>;
        direct: number;
      };
      for (let i = 0; i < 5; i++) {
        const token = await tokenFor(claimsFor(accountId('router')));
        expect((await app.post('/v1/route', { token, plan: 'team', seats: 11 })).status).toBe(200);
      }
      const after = (await json(await app.get('/v1/admin/funnel?days=1', admin))) as {
        routes: Record<string, number>;
        direct: number;
        byTrigger: Record<string, number>[];
      };
      expect((after.routes.self_serve ?? 0) - (before.routes.self_serve ?? 0)).toBe(5);
      expect(after.direct - before.direct).toBe(5);
      // A forged upgrade_routed from a browser is telemetry: it never moves the split.
      const token = await tokenFor(claimsFor(accountId('liar')));
      await app.post('/v1/events', {
        token,
        events: [
          {
            id: eventId(),
            type: 'upgrade_routed',
            plan: 'team',
            route: 'cs_assist',
            expansionAcv: 1e6,
            ts: NOW,
          },
        ],
      });
      const again = (await json(await app.get('/v1/admin/funnel?days=1', admin))) as typeof after;
      expect(again.routes.cs_assist).toBe(after.routes.cs_assist);
      for (const row of again.byTrigger) {
        expect(row.shown).toBeLessThanOrEqual(row.fired ?? 0);
        expect(row.clicked).toBeLessThanOrEqual(row.shown ?? 0);
        expect(row.routed).toBeLessThanOrEqual(row.clicked ?? 0);
        expect(row.completed).toBeLessThanOrEqual(row.routed ?? 0);
      }
    });

    it('a back-dated or self-chosen exposure cannot pick a variant', async () => {
      const acct = accountAssigned('control');
      const token = await tokenFor(claimsFor(acct));
      const exposure = (variantId: string, ts: number) => ({
        id: eventId(ts),
        type: 'exposure',
        experimentId: 'usage_copy',
        variantId,
        ts,
      });
      const res = await json(
        await app.post('/v1/events', {
          token,
          events: [
            exposure('momentum', 1),
            exposure('momentum', NOW),
            exposure('control', NOW),
            exposure('ghost', NOW),
          ],
        }),
      );
      expect(res).toMatchObject({ accepted: 1, rejected: 3 });
      expect((res.rejections as { code: string }[]).map((r) => r.code)).toEqual([
        'expired_event',
        'variant_not_assigned',
        'unknown_variant',
      ]);
    });

    it('a trigger_fired dated in the year 4821 is refused, and cannot keep a PQL alive', async () => {
      const acct = accountId('future');
      const token = await tokenFor(claimsFor(acct));
      const ts = Date.UTC(4821, 0, 1);
      const res = await json(
        await app.post('/v1/events', {
          token,
          events: [{ id: eventId(), type: 'trigger_fired', triggerId: 'usage_ceiling', ts }],
        }),
      );
      expect(res).toMatchObject({ accepted: 0, rejected: 1, rejections: [{ code: 'future_event' }] });
      expect((await pqls()).accounts.some((r) => r.accountId === acct)).toBe(false);
    });

    it("one account sending another's event id first does not shadow it", async () => {
      const id = eventId();
      const victim = accountId('victim');
      const attacker = await tokenFor(claimsFor(accountId('shadow')));
      const event = { id, type: 'gate_hit', feature: 'sso', ts: NOW };
      expect(await json(await app.post('/v1/events', { token: attacker, events: [event] }))).toMatchObject({
        accepted: 1,
      });
      const mine = await tokenFor(claimsFor(victim));
      expect(await json(await app.post('/v1/events', { token: mine, events: [event] }))).toMatchObject({
        accepted: 1,
        duplicates: 0,
      });
      // A server event with that id is its own namespace too.
      const serverSide = await json(
        await app.post(
          '/v1/server/events',
          { events: [{ ...event, type: 'gate_hit', accountId: victim }] },
          server,
        ),
      );
      expect(serverSide).toMatchObject({ accepted: 1, duplicates: 0 });
      const history = await json(await app.get('/v1/account', { authorization: `Bearer ${mine}` }));
      expect(history.gateHits).toEqual([{ day: '2026-11-23', feature: 'sso', count: 2, mine: 1 }]);
    });

    it('seat pressure is account-wide: a new user on a saturated account sees 14 days at the edge and in history', async () => {
      const acct = accountId('saturated');
      const veteran = await tokenFor(claimsFor(acct, { uid: 'veteran' }));
      // 8 of 10 seats used for the last 14 days, reported by one long-time user.
      const days = Array.from({ length: 14 }, (_, i) => ({
        id: eventId(daysBefore(13 - i)),
        type: 'usage',
        meter: 'seats',
        value: 8,
        ts: daysBefore(13 - i),
      }));
      await app.post('/v1/events', { token: veteran, events: days });
      const newcomer = await tokenFor(claimsFor(acct, { uid: 'newcomer' }));
      const history = await json(await app.get('/v1/account', { authorization: `Bearer ${newcomer}` }));
      expect((history.meterHistory as Record<string, unknown[]>).seats).toHaveLength(14);
      expect(history.activeTriggers).toContain('seat_pressure');
    });

    it('a stalled PQL with three signals gets one stalled_pql handoff from the sweep; fewer never reach a human', async () => {
      const time = clock(daysBefore(31));
      const past = testApp(storage, { now: time.now });
      const three = accountId('stalled');
      const one = accountId('quiet');
      // Small accounts (below the escalation ACV) that became PQLs 31 days ago.
      const small = { plan: 'team', seats: 10, acv: 1440 } as const;
      for (const [acct, signals] of [
        [three, 2],
        [one, 1],
      ] as const) {
        await past.post('/v1/events', {
          token: await tokenFor(claimsFor(acct, small), time.now()),
          events: factsFiring(signals, time.now()),
        });
      }
      await past.flush();
      expect(await handoffsOf(three)).toEqual([]);
      // Nothing new arrives. Time alone makes 9 of 10 seats a 32-day streak (seat_pressure):
      // the sweep re-evaluates, finds three signals on a 31-day-old PQL and hands it to CS once.
      expect(await app.sweepAccounts(10_000)).toBeGreaterThanOrEqual(2);
      await app.sweepAccounts(10_000);
      const stalled = await handoffsOf(three);
      expect(stalled).toHaveLength(1);
      expect(stalled[0]?.payload).toMatchObject({
        kind: 'stalled_pql',
        reasons: ['stalled_pql'],
        activeTriggers: ['seat_pressure', 'seat_saturation', 'usage_ceiling'],
        firstPqlAt: new Date(daysBefore(31)).toISOString(),
      });
      expect(await handoffsOf(one)).toEqual([]);
      expect((await pqls()).accounts.find((r) => r.accountId === one)).toMatchObject({ signals: 1 });
    });
  });
}
