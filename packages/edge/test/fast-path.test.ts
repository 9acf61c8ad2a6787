// The Node server answers the plain routes (POST /v1/route, POST /v1/events) on its own fast
// path, and everything else through Hono. The same requests sent both ways — over loopback
// HTTP (fast path) and through `app.request` (Hono) on the same app — must get the same
// status, JSON body and headers: one pipeline, two adapters, no drift.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LogLine } from '../src/edge-options.ts';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import { type EdgeServer, startEdgeServer } from '../src/node/start-edge-server.ts';
import { acmeInput, claimsFor, eventId, NOW, SECRET, tokenFor } from './helpers.ts';

const ORIGIN = 'https://app.example.com';
const COMPARED_HEADERS = [
  'content-type',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'vary',
  'retry-after',
];

interface Seen {
  status: number;
  body: unknown;
  headers: Record<string, string | null>;
  requestId: string | null;
}

async function seen(res: Response): Promise<Seen> {
  const text = await res.text();
  return {
    status: res.status,
    body: JSON.parse(text),
    headers: Object.fromEntries(COMPARED_HEADERS.map((h) => [h, res.headers.get(h)])),
    requestId: res.headers.get('x-request-id'),
  };
}

describe('Node fast path vs Hono', () => {
  let storage: Storage;
  let server: EdgeServer;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    storage = await createPgliteStorage();
    server = await startEdgeServer({
      storage,
      secret: SECRET,
      config: acmeInput,
      port: 0,
      now: () => NOW,
      allowedOrigins: [ORIGIN],
      rateLimit: { perIp: { burst: 1000, perSecond: 1 }, perAccount: { burst: 1000, perSecond: 1 } },
      delivery: 'manual',
      log: (line) => lines.push(line),
    });
  }, 60_000);
  afterAll(() => server?.close());

  /** Sends one request both ways and returns [fast path, Hono]. */
  async function both(path: string, body: string | undefined, headers: Record<string, string> = {}) {
    const init = (): RequestInit => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body }),
    });
    const fast = await seen(await fetch(`${server.url}${path}`, init()));
    const hono = await seen(await server.app.request(`http://localhost${path}`, init()));
    return [fast, hono] as const;
  }

  it('answers every kind of route request identically both ways', async () => {
    const team = await tokenFor(claimsFor('acct_fast_team'));
    const enterprise = await tokenFor(
      claimsFor('acct_fast_ent', { segment: 'enterprise', acv: 90_000, plan: 'business', seats: 200 }),
    );
    const expired = await tokenFor(claimsFor('acct_fast_old'), NOW - 7200_000, 60);
    const cases: [string, string | undefined, Record<string, string>?][] = [
      ['/v1/route', JSON.stringify({ token: team, plan: 'business', seats: 12 })],
      ['/v1/route', JSON.stringify({ token: team, plan: 'business' }), { origin: ORIGIN }],
      ['/v1/route?from=banner', JSON.stringify({ token: team, plan: 'business' })],
      [
        '/v1/route',
        JSON.stringify({ token: enterprise, plan: 'enterprise', seats: 250 }),
        { origin: ORIGIN },
      ],
      ['/v1/route', JSON.stringify({ token: team, plan: 'business' }), { origin: 'https://evil.example' }],
      ['/v1/route', '{not json', { origin: ORIGIN }],
      ['/v1/route', JSON.stringify({ token: team, plan: '', seats: -1, needs: 'x' })],
      ['/v1/route', JSON.stringify({ token: team, plan: 'platinum' })],
      ['/v1/route', JSON.stringify({ token: 'not.a.token', plan: 'business' }), { origin: ORIGIN }],
      ['/v1/route', JSON.stringify({ token: expired, plan: 'business' })],
      ['/v1/route', undefined],
      ['/v1/route', JSON.stringify({ token: team, plan: 'business', pad: 'x'.repeat(70_000) })],
      ['/v1/events', JSON.stringify({ token: team, sentAt: NOW, events: [] })],
      ['/v1/events', JSON.stringify({ token: team, events: [{ nope: true }] }), { origin: ORIGIN }],
      ['/v1/events', JSON.stringify({ token: team, events: 'many' })],
      ['/v1/events', 'null', { 'content-type': 'text/plain' }],
    ];
    for (const [path, body, headers] of cases) {
      const [fast, hono] = await both(path, body, headers);
      expect.soft(fast.status, `${path} ${body?.slice(0, 60)}`).toBe(hono.status);
      expect.soft(fast.body, `${path} ${body?.slice(0, 60)}`).toEqual(hono.body);
      expect.soft(fast.headers, `${path} ${body?.slice(0, 60)}`).toEqual(hono.headers);
      expect(fast.requestId).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
      expect(fast.requestId).not.toBe(hono.requestId);
    }
    // The cases cover success, CS handoff, CORS refusal, bad JSON, zod paths, unknown plan,
    // bad and expired tokens, empty and oversize bodies.
    const statuses = new Set<number>();
    for (const [path, body, headers] of cases) statuses.add((await both(path, body, headers))[0].status);
    expect([...statuses].sort()).toEqual([200, 202, 400, 401, 403, 413]);
  });

  it('takes the fast path for plain routes only: other routes still go through Hono', async () => {
    const honoFetch = vi.spyOn(server.app, 'fetch');
    try {
      const token = await tokenFor(claimsFor('acct_fast_which'));
      await fetch(`${server.url}/v1/route`, {
        method: 'POST',
        body: JSON.stringify({ token, plan: 'business' }),
      });
      await fetch(`${server.url}/v1/events`, { method: 'POST', body: JSON.stringify({ token, events: [] }) });
      expect(honoFetch).not.toHaveBeenCalled();
      expect((await fetch(`${server.url}/v1/config`)).status).toBe(200);
      expect(
        (await fetch(`${server.url}/v1/route`, { method: 'OPTIONS', headers: { origin: ORIGIN } })).status,
      ).toBe(204);
      expect((await fetch(`${server.url}/v1/route`)).status).toBe(404);
      expect(honoFetch).toHaveBeenCalledTimes(3);
    } finally {
      honoFetch.mockRestore();
    }
  });

  it('stores a browser batch once, whichever path it came through', async () => {
    const token = await tokenFor(claimsFor('acct_fast_events'));
    const events = [1, 2, 3].map((i) => ({
      id: eventId(NOW + i),
      type: 'custom',
      name: 'fast_path',
      ts: NOW + i,
    }));
    const body = JSON.stringify({ token, sentAt: NOW, events });
    const [fast, hono] = await both('/v1/events', body, { 'content-type': 'text/plain' });
    expect(fast).toMatchObject({ status: 202, body: { accepted: 3, duplicates: 0, rejected: 0 } });
    expect(hono).toMatchObject({ status: 202, body: { accepted: 0, duplicates: 3, rejected: 0 } });
  });

  it('caps a body sent without Content-Length at 64 KB with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16_384));
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 6; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
    const init = () =>
      ({
        method: 'POST',
        body: stream(),
        duplex: 'half',
        headers: { 'content-type': 'application/json' },
      }) as RequestInit;
    const fast = await seen(await fetch(`${server.url}/v1/route`, init()));
    const hono = await seen(await server.app.request('http://localhost/v1/route', init()));
    expect(fast.status).toBe(413);
    expect(fast.body).toEqual(hono.body);
    // The server keeps serving on a fresh connection afterwards.
    const ok = await fetch(`${server.url}/v1/route`, {
      method: 'POST',
      body: JSON.stringify({ token: await tokenFor(claimsFor('acct_fast_after')), plan: 'business' }),
    });
    expect(ok.status).toBe(200);
  });

  it('writes one log line per fast-path request with its status, account and request id', async () => {
    const token = await tokenFor(claimsFor('acct_fast_log'));
    lines.length = 0;
    const ok = await fetch(`${server.url}/v1/route`, {
      method: 'POST',
      body: JSON.stringify({ token, plan: 'business' }),
    });
    const bad = await fetch(`${server.url}/v1/route`, { method: 'POST', body: '{' });
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/v1/route',
      status: 200,
      accountId: 'acct_fast_log',
      requestId: ok.headers.get('x-request-id'),
      ip: '127.0.0.1',
    });
    expect(requests[1]).toMatchObject({ status: 400, requestId: bad.headers.get('x-request-id') });
  });

  it('rate-limits per IP on the fast path with 429 and Retry-After, like Hono', async () => {
    const own = await createPgliteStorage();
    const limited = await startEdgeServer({
      storage: own,
      secret: SECRET,
      config: acmeInput,
      port: 0,
      now: () => NOW,
      rateLimit: { perIp: { burst: 2, perSecond: 0.5 }, perAccount: { burst: 100, perSecond: 1 } },
      log: () => {},
    });
    try {
      const body = JSON.stringify({ token: await tokenFor(claimsFor('acct_fast_rate')), plan: 'business' });
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${limited.url}/v1/route`, { method: 'POST', body });
        statuses.push(res.status);
        retryAfter ??= res.headers.get('retry-after');
        const json = (await res.json()) as { error?: { code: string } };
        if (res.status === 429) expect(json.error?.code).toBe('rate_limited');
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.close();
    }
  });
});
