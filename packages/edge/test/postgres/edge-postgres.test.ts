import { describe, expect, inject, it } from 'vitest';
import { createPostgresClient, createPostgresStorage, createSqlStorage } from '../../src/index.ts';
import { accountId, admin, claimsFor, factsFiring, testApp, tokenFor } from '../helpers.ts';
import { aggregatesSuite } from '../suite/aggregates-suite.ts';
import { edgeSuite } from '../suite/edge-suite.ts';
import { serverTruthSuite } from '../suite/server-truth-suite.ts';

const url = inject('pgUrl');

edgeSuite('Postgres', () => createPostgresStorage(url, { max: 4 }));
serverTruthSuite('Postgres', () => createPostgresStorage(url, { max: 4 }));
aggregatesSuite('Postgres', async () => {
  // A database of its own: the property test truncates the tables it checks.
  const admin = createPostgresClient(url, { max: 1 });
  const name = `aggregates_${Date.now()}`;
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const db = createPostgresClient(url.replace(/\/[^/?]+(\?|$)/, `/${name}$1`), { max: 2 });
  const storage = createSqlStorage(db);
  await storage.migrate();
  return { storage, db };
});

describe('Postgres storage', () => {
  it('lets several instances start at once (migrations take a lock) and share one store', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStorage(url, { max: 2 })));
    try {
      const [a, b] = stores;
      const id = '0190a3a0-0000-7000-8000-000000000001';
      const row = {
        id,
        accountId: 'shared',
        userId: null,
        type: 'custom' as const,
        ts: Date.now(),
        receivedAt: Date.now(),
        source: 'server' as const,
        payload: { id, type: 'custom' as const, name: 'x', ts: Date.now() },
      };
      const [first, second] = await Promise.all([a?.insertEvents([row]), b?.insertEvents([row])]);
      expect((first?.size ?? 0) + (second?.size ?? 0)).toBe(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('two instances on one Postgres escalate an account once and open one handoff for 200 concurrent clicks', async () => {
    const stores = await Promise.all([1, 2].map(() => createPostgresStorage(url, { max: 4 })));
    try {
      const [a, b] = stores.map((storage) => testApp(storage)) as [
        ReturnType<typeof testApp>,
        ReturnType<typeof testApp>,
      ];
      await Promise.all([a.ready, b.ready]);
      // Escalation: both instances see the account reach four signals at the same moment.
      const acct = accountId('twin');
      const token = await tokenFor(claimsFor(acct, { plan: 'team', seats: 40, acv: 5760 }));
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? a : b).post('/v1/events', { token, events: factsFiring(4) }),
        ),
      );
      await Promise.all([a.flush(), b.flush()]);
      await Promise.all([a.sweepAccounts(), b.sweepAccounts()]);
      // CS clicks: 200 requests for the same plan, spread over both instances.
      const ent = accountId('twin_cs');
      const entToken = await tokenFor(
        claimsFor(ent, { segment: 'enterprise', plan: 'business', seats: 180, acv: 75_600 }),
      );
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 ? a : b).post('/v1/route', { token: entToken, plan: 'enterprise' }),
        ),
      );
      const ids = new Set<string>();
      for (const res of answers) ids.add(((await res.json()) as { handoff: { id: string } }).handoff.id);
      expect(ids.size).toBe(1);
      const list = (await (await a.get('/v1/admin/handoffs?limit=1000', admin)).json()) as {
        handoffs: { accountId: string; payload: { kind: string } }[];
      };
      expect(list.handoffs.filter((h) => h.accountId === acct).map((h) => h.payload.kind)).toEqual([
        'escalation',
      ]);
      expect(list.handoffs.filter((h) => h.accountId === ent)).toHaveLength(1);
      // Route decisions from both instances are all counted.
      await Promise.all([a.flush(), b.flush()]);
      const funnel = (await (await b.get('/v1/admin/funnel?days=1', admin)).json()) as {
        routes: Record<string, number>;
      };
      expect(funnel.routes.cs_assist).toBeGreaterThanOrEqual(200);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
