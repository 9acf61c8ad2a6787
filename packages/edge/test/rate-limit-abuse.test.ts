// What an attacker with one address or one account token tried: guessing the admin token or the
// server key (never limited before), and storing events as fast as one token could (~5,100/s,
// no quota). Now failures are limited per IP and every account has an events quota.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import { ADMIN, claimsFor, eventId, NOW, SERVER_KEY, testApp, tokenFor } from './helpers.ts';

const byHeader = (request: Request) => request.headers.get('x-test-ip') ?? undefined;

describe('rate limits an attacker runs into', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createPgliteStorage();
  }, 60_000);
  afterAll(() => storage?.close());

  const limited = (over: object = {}) =>
    testApp(storage, {
      clientIp: byHeader,
      rateLimit: {
        perIp: { burst: 10_000, perSecond: 10_000 },
        perAccount: { burst: 10_000, perSecond: 10_000 },
        ...over,
      },
    });

  it('limits admin-token guessing per IP: 10 wrong tries, then 429 with Retry-After even for the right token', async () => {
    const app = limited();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const res = await app.get('/v1/admin/handoffs', {
        authorization: `Bearer guess-${i}`,
        'x-test-ip': '203.0.113.66',
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(90);
    const right = await app.get('/v1/admin/handoffs', {
      authorization: `Bearer ${ADMIN}`,
      'x-test-ip': '203.0.113.66',
    });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await right.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    // Another address is not punished for it.
    const other = await app.get('/v1/admin/handoffs', {
      authorization: `Bearer ${ADMIN}`,
      'x-test-ip': '198.51.100.5',
    });
    expect(other.status).toBe(200);
  });

  it('limits server-key guessing per IP the same way', async () => {
    const app = limited();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await app.post(
        '/v1/server/events',
        { events: [] },
        { authorization: `Bearer k${i}`, 'x-test-ip': '203.0.113.67' },
      );
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const other = await app.post(
      '/v1/server/events',
      { events: [] },
      { authorization: `Bearer ${SERVER_KEY}`, 'x-test-ip': '198.51.100.6' },
    );
    expect(other.status).toBe(202);
  });

  const batch = (token: string, n = 100) => ({
    token,
    events: Array.from({ length: n }, () => ({ id: eventId(), type: 'gate_hit', feature: 'sso', ts: NOW })),
  });

  it('answers 429 quota_exceeded with Retry-After past an account events quota', async () => {
    const app = limited({ eventsPerAccount: { burst: 300, perSecond: 100 } });
    const token = await tokenFor(claimsFor('quota_small'));
    const statuses: number[] = [];
    const answers: Response[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await app.post('/v1/events', batch(token));
      statuses.push(res.status);
      answers.push(res);
    }
    expect(statuses).toEqual([202, 202, 202, 429, 429]);
    const refused = answers[4] as Response;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('quota_exceeded');
    // Another account is not affected.
    expect((await app.post('/v1/events', batch(await tokenFor(claimsFor('quota_other'))))).status).toBe(202);
  });

  it('caps one token at the default quota (5,000 events at once, then 1,000/s)', async () => {
    const app = limited();
    const token = await tokenFor(claimsFor('quota_default'));
    let accepted = 0;
    for (let i = 0; i < 60; i++) {
      const res = await app.post('/v1/events', batch(token));
      if (res.status === 202) accepted += ((await res.json()) as { accepted: number }).accepted;
      else {
        expect(res.status).toBe(429);
        await res.arrayBuffer();
      }
    }
    expect(accepted).toBe(5000);
  }, 60_000);
});
