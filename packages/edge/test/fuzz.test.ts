// 10,000 random and malformed requests at every route: bodies, tokens (tampered, alg none,
// expired, wrong secret, missing claims) and headers. The endpoint must answer 2xx/3xx/4xx
// with a JSON error body, never 5xx, and keep serving afterwards.
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import {
  ADMIN,
  BASE,
  claimsFor,
  eventId,
  NOW,
  SECRET,
  SERVER_KEY,
  type TestApp,
  testApp,
  tokenFor,
} from './helpers.ts';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

async function tokenPool(): Promise<string[]> {
  const claims = claimsFor('fuzz_acct');
  const good = await tokenFor(claims);
  const [h, p, s] = good.split('.') as [string, string, string];
  const sign = (payload: Record<string, unknown>, secret = SECRET, alg = 'HS256') =>
    new SignJWT(payload)
      .setProtectedHeader({ alg })
      .sign(new TextEncoder().encode(secret))
      .catch(() => 'x.y.z');
  const exp = NOW / 1000 + 900;
  return [
    good,
    await tokenFor(claimsFor('fuzz_ent', { segment: 'enterprise', acv: 0 })),
    await tokenFor(claims, NOW - 7200_000, 60), // expired
    `${h}.${b64({ ...claims, acv: 0, exp })}.${s}`, // tampered payload
    `${h}.${p}.${s.slice(0, -4)}abcd`, // tampered signature
    `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp })}.`, // alg none
    `${b64({ alg: 'HS512', typ: 'JWT' })}.${p}.${s}`, // other alg header
    await sign({ ...claims, exp }, 'wrong-secret'),
    await sign({ ...claims }), // no exp
    await sign({ sub: 'x', exp }), // missing claims
    await sign({ ...claims, acv: -5, exp }), // invalid claim
    await sign({ ...claims, seats: 1.5, exp }),
    await sign({ ...claims, exp }, SECRET, 'HS384'),
    '',
    'a.b',
    'a.b.c.d',
    '....',
    'Bearer',
    `${'x'.repeat(9000)}`,
  ];
}

const ROUTES: [string, string][] = [
  ['GET', '/v1/config'],
  ['GET', '/v1/account'],
  ['POST', '/v1/events'],
  ['POST', '/v1/route'],
  ['POST', '/v1/server/events'],
  ['GET', '/v1/admin/experiments'],
  ['GET', '/v1/admin/funnel'],
  ['GET', '/v1/admin/handoffs'],
  ['GET', '/v1/admin/pqls'],
  ['GET', '/v1/admin/config'],
  ['PUT', '/v1/admin/config'],
  ['POST', '/v1/admin/config/rollback'],
  ['GET', '/v1/admin/events'],
  ['GET', '/healthz'],
  ['DELETE', '/v1/route'],
  ['OPTIONS', '/v1/events'],
  ['GET', '/v1/../etc/passwd'],
];

describe('fuzz: every route survives 10,000 hostile requests', () => {
  let storage: Storage;
  let app: TestApp;
  let tokens: string[];

  beforeAll(async () => {
    storage = await createPgliteStorage();
    app = testApp(storage, { allowedOrigins: ['https://app.example.com'] });
    tokens = await tokenPool();
  }, 60_000);
  afterAll(() => storage?.close());

  it('answers only 2xx/3xx/4xx with JSON errors', async () => {
    // Valid tokens are weighted up so bodies get past verification and reach the store.
    const token = fc.oneof(
      { arbitrary: fc.constantFrom(...tokens.slice(0, 2)), weight: 6 },
      { arbitrary: fc.constantFrom(...tokens), weight: 3 },
      fc.string({ maxLength: 300 }),
      fc.constantFrom(...tokens).map((t) => t.slice(0, Math.max(0, t.length - 7))),
    );
    const event = fc.oneof(
      fc.record(
        {
          id: fc.oneof(fc.constant(eventId()), fc.uuid(), fc.string()),
          type: fc.constantFrom(
            'usage',
            'gate_hit',
            'invite_sent',
            'trigger_fired',
            'exposure',
            'upgrade_completed',
            'upgrade_routed',
            'custom',
            'nope',
          ),
          ts: fc.oneof(fc.constant(NOW), fc.double(), fc.integer(), fc.string()),
          accountId: fc.oneof(fc.string(), fc.constant('victim')),
          feature: fc.string(),
          triggerId: fc.string(),
          meter: fc.string(),
          value: fc.oneof(fc.double(), fc.integer()),
          plan: fc.string(),
          amount: fc.double(),
          name: fc.string(),
          experimentId: fc.string(),
          variantId: fc.string(),
          route: fc.string(),
          expansionAcv: fc.oneof(fc.double(), fc.constant(null)),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    const jsonBody = fc.record(
      {
        token,
        sentAt: fc.oneof(fc.double(), fc.integer(), fc.string()),
        events: fc.oneof({ arbitrary: fc.array(event, { maxLength: 120 }), weight: 4 }, fc.anything()),
        plan: fc.oneof(fc.constantFrom('free', 'team', 'business', 'enterprise'), fc.string(), fc.anything()),
        seats: fc.oneof(fc.integer(), fc.double(), fc.string()),
        needs: fc.oneof(fc.array(fc.string()), fc.anything()),
        source: fc.anything(),
        config: fc.anything(),
        version: fc.oneof(fc.integer(), fc.anything()),
        acv: fc.double(),
        segment: fc.string(),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      { arbitrary: jsonBody.map((b) => JSON.stringify(b)), weight: 6 },
      jsonBody.map((b) => JSON.stringify(b).slice(0, -3)),
      fc.string({ maxLength: 500 }),
      fc.constant(''),
      fc.constant('null'),
      fc.constant('[]'),
      fc.constant(`{"token":"${'a'.repeat(70_000)}"}`),
      fc.uint8Array({ maxLength: 300 }).map((u) => Buffer.from(u).toString('latin1')),
    );
    const headers = fc.record(
      {
        authorization: fc.oneof(
          token.map((t) => `Bearer ${t}`),
          fc.constant(`Bearer ${ADMIN}`),
          fc.constant(`Bearer ${SERVER_KEY}`),
          fc.string({ maxLength: 100 }),
        ),
        'content-type': fc.constantFrom('application/json', 'text/plain', 'multipart/form-data', 'x/y', ''),
        origin: fc.constantFrom(
          'https://app.example.com',
          'https://app.example.com',
          'https://evil.example',
          'null',
        ),
        'if-none-match': fc.string({ maxLength: 40 }),
      },
      { requiredKeys: [] },
    );
    const query = fc.oneof(
      fc.constant(''),
      fc.constantFrom(
        '?days=7',
        '?days=-1',
        '?days=1e9',
        '?since=2026-01-01&format=ndjson',
        '?since=zzz',
        '?limit=0',
      ),
      fc.string({ maxLength: 30 }).map((s) => `?${encodeURIComponent(s)}=${encodeURIComponent(s)}`),
    );

    let statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), body, headers, query, async ([method, path], b, h, q) => {
        const init: RequestInit = { method, headers: h };
        if (method !== 'GET' && method !== 'OPTIONS') init.body = b;
        const res = await app.fetch(new Request(`${BASE}${path}${q}`, init));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const text = await res.text();
        if (res.status >= 500)
          throw new Error(`${method} ${path}${q} → ${res.status}: ${text.slice(0, 300)}`);
        if (res.status >= 400) expect(JSON.parse(text)).toHaveProperty('error.code');
      }),
      { numRuns: 10_000 },
    );
    statuses = new Map([...statuses].sort((a, b) => a[0] - b[0]));
    console.log('fuzz status counts', Object.fromEntries(statuses));
    // The hostile traffic reached the handlers, not only the first guard.
    expect([...statuses.keys()]).toEqual(expect.arrayContaining([200, 202, 400, 401, 403, 404, 413]));
    expect((await app.get('/healthz')).status).toBe(200);
  }, 300_000);
});
