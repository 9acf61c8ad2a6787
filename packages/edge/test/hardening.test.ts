// CORS allowlist, rate limits and error mapping: what a browser or a flood would notice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import { claimsFor, clock, eventId, NOW, SERVER_KEY, testApp, tokenFor } from './helpers.ts';

describe('hardening', () => {
  let storage: Storage;
  beforeAll(async () => {
    storage = await createPgliteStorage();
  }, 60_000);
  afterAll(() => storage?.close());

  it('answers POST /v1/route with the request id and CORS headers on success, errors and refusals', async () => {
    const app = testApp(storage, { allowedOrigins: ['https://app.example.com'] });
    const origin = { origin: 'https://app.example.com' };
    const token = await tokenFor(claimsFor('acct_route_headers'));
    const expectCors = (res: Response) => {
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(res.headers.get('vary')).toBe('Origin');
      expect(res.headers.get('access-control-expose-headers')).toBe('ETag, Retry-After, X-Request-Id');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    };
    const ok = await app.post('/v1/route', { token, plan: 'business' }, origin);
    expect(ok.status).toBe(200);
    expectCors(ok);
    expect((await ok.json()).route).toBeTypeOf('string');
    const bad = await app.post('/v1/route', { token: 'nope', plan: 'business' }, origin);
    expect(bad.status).toBe(401);
    expectCors(bad);
    const unknown = await app.post('/v1/route', { token, plan: 'nope' }, origin);
    expect(unknown.status).toBe(400);
    expectCors(unknown);
    const plain = await app.post('/v1/route', { token, plan: 'business' });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('x-request-id')).not.toBe(ok.headers.get('x-request-id'));
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const evil = await app.post('/v1/route', { token, plan: 'business' }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('x-request-id')).toBeTruthy();
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows listed origins with CORS headers and refuses others with 403', async () => {
    const app = testApp(storage, { allowedOrigins: ['https://app.example.com'] });
    const ok = await app.get('/v1/config', { origin: 'https://app.example.com' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(ok.headers.get('access-control-expose-headers')).toContain('ETag');
    const preflight = await app.fetch(
      new Request('http://edge.test/v1/route', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const custom = await app.fetch(
      new Request('http://edge.test/v1/events', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-headers': 'content-type, x-headroom-sdk',
        },
      }),
    );
    expect(custom.headers.get('access-control-allow-headers')).toBe('content-type, x-headroom-sdk');
    const evil = await app.post('/v1/events', { token: 'x', events: [] }, { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toEqual({
      error: { code: 'origin_not_allowed', message: 'origin https://evil.example is not allowed' },
    });
    // The console served by the edge itself is same-origin.
    expect((await app.get('/v1/config', { origin: 'http://edge.test' })).status).toBe(200);
  });

  it('rate-limits per IP and per account with 429 and Retry-After, then recovers', async () => {
    const time = clock();
    const app = testApp(storage, {
      now: time.now,
      rateLimit: { perIp: { burst: 5, perSecond: 1 }, perAccount: { burst: 100, perSecond: 100 } },
      clientIp: (request) => request.headers.get('x-test-ip') ?? undefined,
    });
    const ip = { 'x-test-ip': '203.0.113.9' };
    for (let i = 0; i < 5; i++) expect((await app.get('/v1/config', ip)).status).toBe(200);
    const limited = await app.get('/v1/config', ip);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await limited.json()) as unknown).toMatchObject({ error: { code: 'rate_limited' } });
    // Another address is not affected; the first recovers after the refill.
    expect((await app.get('/v1/config', { 'x-test-ip': '203.0.113.10' })).status).toBe(200);
    time.advance(2000);
    expect((await app.get('/v1/config', ip)).status).toBe(200);

    const perAccount = testApp(storage, {
      rateLimit: { perIp: { burst: 1000, perSecond: 1000 }, perAccount: { burst: 3, perSecond: 0.5 } },
    });
    const token = await tokenFor(claimsFor('busy_account'));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await perAccount.post('/v1/events', {
        token,
        events: [{ id: eventId(), type: 'custom', name: 'x', ts: NOW }],
      });
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('retry-after')).toBe('2');
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
  });

  it('writes one JSON log line per request with its real status', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = testApp(storage, {
      allowedOrigins: ['https://app.example.com'],
      log: (l) => void lines.push(l),
    });
    await app.get('/v1/config', { origin: 'https://evil.example' });
    await app.post('/v1/route', '{');
    await app.get('/v1/config');
    expect(lines.map((l) => [l.msg, l.method, l.path, l.status])).toEqual([
      ['request', 'GET', '/v1/config', 403],
      ['request', 'POST', '/v1/route', 400],
      ['request', 'GET', '/v1/config', 200],
    ]);
    expect(typeof lines[0]?.ms).toBe('number');
    expect(lines[0]?.requestId).toEqual(expect.any(String));
  });

  it('answers 404 JSON for unknown routes and disabled admin/server APIs', async () => {
    const app = testApp(storage, { adminToken: undefined, serverKey: undefined });
    const missing = await app.get('/v1/nope');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await app.get('/v1/admin/handoffs', { authorization: 'Bearer x' })).status).toBe(404);
    expect((await app.post('/v1/server/events', { events: [] }, { authorization: 'Bearer x' })).status).toBe(
      404,
    );
  });

  it('stores events with subnormal or fractional timestamps instead of failing (fuzz regression)', async () => {
    const app = testApp(storage);
    const res = await app.post(
      '/v1/server/events',
      {
        events: [
          { id: eventId(), type: 'usage', ts: 5e-324, accountId: ' ', meter: ' ', value: 0 },
          { id: eventId(), type: 'usage', ts: NOW + 0.4, accountId: 'acct_frac', meter: 'docs', value: 1 },
        ],
      },
      { authorization: `Bearer ${SERVER_KEY}` },
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: 2, duplicates: 0 });
  });

  it('answers 503 (not 500) while no config has ever been published', async () => {
    const empty = await createPgliteStorage();
    try {
      const app = testApp(empty, { config: undefined });
      const res = await app.get('/v1/config');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('no_config');
    } finally {
      await empty.close();
    }
  });
});
