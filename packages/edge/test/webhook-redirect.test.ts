// A webhook receiver that redirects must not get the signed handoff re-posted elsewhere (307 to
// another origin) or turned into a body-less GET (301) and counted as delivered: a 3xx is a
// failed attempt whose last error names the Location, and nothing reaches the other origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import { admin, claimsFor, clock, NOW, testApp, tokenFor } from './helpers.ts';

const WEBHOOK_SECRET = 'whsec_redirect_test_0123456789abcdef';

function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe('handoff delivery does not follow redirects', () => {
  let storage: Storage;
  let receiver: { server: Server; origin: string };
  let elsewhere: { server: Server; origin: string };
  const seenElsewhere: { method: string; body: string; signed: boolean }[] = [];

  beforeAll(async () => {
    storage = await createPgliteStorage();
    elsewhere = await listen((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        seenElsewhere.push({ method: req.method ?? '', body, signed: 'headroom-signature' in req.headers });
        res.writeHead(200).end('ok');
      });
    });
    receiver = await listen((req, res) => {
      req.resume();
      req.on('end', () => {
        const status = req.url === '/moved-permanently' ? 301 : 307;
        res.writeHead(status, { location: `${elsewhere.origin}/collect` }).end();
      });
    });
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((r) => receiver.server.close(() => r()));
    await new Promise<void>((r) => elsewhere.server.close(() => r()));
    await storage?.close();
  });

  it.each([
    ['307 to another origin', '/hooks/headroom'],
    ['301 (a POST turned into a GET)', '/moved-permanently'],
  ])('treats a %s as a failed attempt with the Location in lastError', async (_label, path) => {
    const time = clock(NOW);
    const app = testApp(storage, {
      now: time.now,
      webhook: { url: `${receiver.origin}${path}`, secret: WEBHOOK_SECRET },
    });
    const token = await tokenFor(claimsFor(`redirect_${path.length}`, { segment: 'enterprise' }), time.now());
    const routed = (await (await app.post('/v1/route', { token, plan: 'business', seats: 50 })).json()) as {
      handoff: { id: string };
    };
    seenElsewhere.length = 0;
    expect(await app.outbox.deliverDue()).toBe(0);
    const list = (await (await app.get('/v1/admin/handoffs', admin)).json()) as {
      handoffs: { id: string; status: string; attempts: number; lastError: string | null }[];
    };
    const handoff = list.handoffs.find((h) => h.id === routed.handoff.id);
    expect(handoff).toMatchObject({ status: 'pending', attempts: 1 });
    expect(handoff?.lastError).toContain(`${elsewhere.origin}/collect`);
    expect(handoff?.lastError).toMatch(/^HTTP 30[17] redirect/);
    expect(seenElsewhere).toEqual([]);
  });
});
