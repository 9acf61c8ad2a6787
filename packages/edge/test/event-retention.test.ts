// Retention of raw browser events through the app: eventRetentionDays bounds what is stored
// and what the sweep deletes; server events stay; a deleted event sent again is refused rather
// than counted twice. (The storage-level proof that aggregates and reports do not move is in
// the aggregates suite.)
import { DAY_MS } from '@headroom/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteClient, createSqlStorage, type SqlClient, type Storage } from '../src/index.ts';
import { serverSettingsFromEnv } from '../src/node/server-env.ts';
import {
  accountId,
  claimsFor,
  eventId,
  NOW,
  SERVER_KEY,
  type TestApp,
  testApp,
  tokenFor,
} from './helpers.ts';

describe('event retention', () => {
  let db: SqlClient;
  let storage: Storage;
  let app: TestApp;
  let clock = NOW;
  beforeAll(async () => {
    db = await createPgliteClient();
    storage = createSqlStorage(db);
    await storage.migrate();
    app = testApp(storage, { eventRetentionDays: 30, now: () => clock });
  }, 60_000);
  afterAll(() => storage?.close());

  const count = async (source: string) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE source = $1', [source]))[0]
      ?.n;

  it('refuses browser events past the retention, deletes them once they age past it, keeps server events', async () => {
    const acct = accountId();
    const token = await tokenFor(claimsFor(acct));
    const gate = (ts: number) => ({ id: eventId(ts), type: 'gate_hit', feature: 'sso', ts });
    const old = gate(NOW - 31 * DAY_MS);
    const recent = gate(NOW - 20 * DAY_MS);
    const stored = await (await app.post('/v1/events', { token, events: [old, recent] })).json();
    expect(stored).toMatchObject({
      accepted: 1,
      rejected: 1,
      rejections: [{ index: 0, code: 'expired_event' }],
    });
    const upgrade = {
      id: eventId(NOW - 20 * DAY_MS),
      type: 'upgrade_completed',
      plan: 'business',
      amount: 1,
      ts: NOW - 20 * DAY_MS,
      accountId: acct,
    };
    const server = await app.post(
      '/v1/server/events',
      { events: [upgrade] },
      { authorization: `Bearer ${SERVER_KEY}` },
    );
    expect(server.status).toBe(202);
    const history = async () =>
      (await (
        await app.get('/v1/account', { authorization: `Bearer ${await tokenFor(claimsFor(acct), clock)}` })
      ).json()) as {
        gateHits: unknown[];
      };
    const gateHits = (await history()).gateHits;
    expect(gateHits).toHaveLength(1);
    // Nothing is old enough yet; 15 days on, the recent gate hit is 35 days old.
    expect(await app.pruneEvents()).toBe(0);
    clock = NOW + 15 * DAY_MS;
    expect(await app.pruneEvents()).toBe(1);
    expect(await count('browser')).toBe(0);
    expect(await count('server')).toBe(1);
    // The day it gave is still in the account's history (an aggregate), within its window.
    expect((await history()).gateHits).toEqual(gateHits);
    // Sent again after deletion, it is refused, not counted a second time.
    const again = await (
      await app.post('/v1/events', { token: await tokenFor(claimsFor(acct), clock), events: [recent] })
    ).json();
    expect(again).toMatchObject({ accepted: 0, rejections: [{ code: 'expired_event' }] });
    expect((await history()).gateHits).toEqual(gateHits);
  });

  it('reads HEADROOM_EVENT_RETENTION_DAYS, refusing anything but a whole number of days', () => {
    expect(serverSettingsFromEnv({ HEADROOM_EVENT_RETENTION_DAYS: '90' }).eventRetentionDays).toBe(90);
    expect(serverSettingsFromEnv({}).eventRetentionDays).toBeUndefined();
    expect(() => serverSettingsFromEnv({ HEADROOM_EVENT_RETENTION_DAYS: '0' })).toThrow(
      /HEADROOM_EVENT_RETENTION_DAYS/,
    );
    expect(() => serverSettingsFromEnv({ HEADROOM_EVENT_RETENTION_DAYS: '1.5' })).toThrow(
      /HEADROOM_EVENT_RETENTION_DAYS/,
    );
  });
});
