// The shared account-facts vectors through the real edge: each case's events are posted by
// their users' tokens, and GET /v1/account must report the triggers core fires for them, with
// the same account-wide daily peaks the SDK will merge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FactsCase, factTime, historyOf } from '../../core/test/account-facts.ts';
import vectors from '../../core/test/vectors/account-facts.json' with { type: 'json' };
import { createPgliteStorage, type Storage } from '../src/index.ts';
import { accountId, claimsFor, eventId, type TestApp, testApp, tokenFor } from './helpers.ts';

describe('account facts vectors at the edge', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createPgliteStorage();
  }, 60_000);
  afterAll(() => storage?.close());

  it.each((vectors.cases as FactsCase[]).map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const now = Date.parse(c.now);
    const app: TestApp = testApp(storage, { now: () => now });
    const acct = accountId('facts');
    const users = [...new Set(c.facts.map((f) => f.user))];
    for (const user of users) {
      const token = await tokenFor(claimsFor(acct, { ...c.claims, uid: user }), now);
      const events = c.facts
        .filter((f) => f.user === user)
        .map((f, i) => {
          const ts = factTime(c.now, f);
          const base = { id: eventId(ts), ts };
          if (f.type === 'usage') return { ...base, type: 'usage', meter: f.meter, value: f.value };
          if (f.type === 'gate_hit') return { ...base, type: 'gate_hit', feature: f.feature };
          return { ...base, type: 'invite_sent', inviteId: `${user}_${i}` };
        });
      const res = await app.post('/v1/events', { token, sentAt: now, events });
      expect(((await res.json()) as { accepted: number }).accepted).toBe(events.length);
    }
    const reader = await tokenFor(claimsFor(acct, { ...c.claims, uid: 'a_new_user' }), now);
    const account = (await (await app.get('/v1/account', { authorization: `Bearer ${reader}` })).json()) as {
      activeTriggers: string[];
      meterHistory: unknown;
    };
    expect(account.activeTriggers).toEqual(c.expected.fired);
    expect(account.meterHistory).toEqual(historyOf(c).meterHistory);
  });
});
