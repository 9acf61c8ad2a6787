// Handoff delivery: the webhook receiver is unreachable, then failing, then flaky after
// processing, then healthy. Every handoff arrives, signed, and exactly once after the
// receiver dedupes by Headroom-Handoff-Id; the admin API shows the delivery state.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage, verifyWebhookSignature } from '../src/index.ts';
import { admin, claimsFor, clock, NOW, testApp, tokenFor } from './helpers.ts';

const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef0123456789';

describe('handoff outbox', () => {
  let storage: Storage;
  let receiver: Server | undefined;
  let port: number;
  let mode: 'failing' | 'flaky' | 'ok' = 'failing';
  const received = new Map<string, Record<string, unknown>>();
  let deliveries = 0;
  let badSignatures = 0;

  const listen = () =>
    new Promise<void>((resolve) => {
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        req.on('end', async () => {
          if (mode === 'failing') {
            res.writeHead(503).end();
            return;
          }
          const ok = await verifyWebhookSignature(
            req.headers['headroom-signature'] as string,
            body,
            WEBHOOK_SECRET,
            {
              nowSeconds: Math.floor(time.now() / 1000),
            },
          );
          if (!ok) {
            badSignatures++;
            res.writeHead(400).end();
            return;
          }
          deliveries++;
          const id = String(req.headers['headroom-handoff-id']);
          const firstTime = !received.has(id);
          received.set(id, JSON.parse(body) as Record<string, unknown>);
          // Flaky: processed, but the answer is lost, so the sender must retry.
          if (mode === 'flaky' && firstTime) res.writeHead(500).end();
          else res.writeHead(200).end('ok');
        });
      });
      receiver.listen(port, '127.0.0.1', () => resolve());
    });

  const time = clock();

  beforeAll(async () => {
    storage = await createPgliteStorage();
    // Reserve a port, then leave it closed: the receiver starts "down".
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
    await storage?.close();
  });

  it('delivers every handoff once the receiver recovers, each exactly once after dedupe', async () => {
    const app = testApp(storage, {
      now: time.now,
      webhook: { url: `http://127.0.0.1:${port}/hooks/headroom`, secret: WEBHOOK_SECRET },
    });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const token = await tokenFor(claimsFor(`outbox_${i}`, { segment: 'enterprise' }), time.now());
      const res = await app.post('/v1/route', { token, plan: 'business', seats: 50, needs: ['invoice'] });
      ids.push(((await res.json()) as { handoff: { id: string } }).handoff.id);
    }

    // Down: connection refused.
    expect(await app.outbox.deliverDue()).toBe(0);
    let list = (await (await app.get('/v1/admin/handoffs', admin)).json()) as {
      handoffs: {
        id: string;
        status: string;
        attempts: number;
        lastError: string | null;
        deliveredAt: string | null;
      }[];
    };
    for (const h of list.handoffs) {
      expect(h).toMatchObject({ status: 'pending', attempts: 1, deliveredAt: null });
      expect(h.lastError).toBeTruthy();
    }
    // Not due again before the backoff elapses.
    expect(await app.outbox.deliverDue()).toBe(0);
    expect(list.handoffs.every((h) => h.attempts === 1)).toBe(true);

    // Up but answering 503 for a while.
    await listen();
    time.advance(1000);
    expect(await app.outbox.deliverDue()).toBe(0);
    time.advance(2000);
    expect(await app.outbox.deliverDue()).toBe(0);

    // Processing, but the first answer per handoff is lost.
    mode = 'flaky';
    time.advance(4000);
    expect(await app.outbox.deliverDue()).toBe(0);
    mode = 'ok';
    time.advance(8000);
    expect(await app.outbox.deliverDue()).toBe(12);
    time.advance(60_000);
    expect(await app.outbox.deliverDue()).toBe(0);

    expect(badSignatures).toBe(0);
    expect(deliveries).toBe(24); // at least once: each handoff twice on the wire
    expect([...received.keys()].sort()).toEqual([...ids].sort()); // exactly once after dedupe
    const sample = received.get(ids[0] ?? '');
    expect(sample).toMatchObject({
      handoffId: ids[0],
      kind: 'route',
      account: { id: 'outbox_0', segment: 'enterprise' },
      requestedPlan: 'business',
      requestedSeats: 50,
      needs: ['invoice'],
      route: 'cs_assist',
      expansionAcv: 420 * 50 - 1440,
    });

    list = (await (await app.get('/v1/admin/handoffs', admin)).json()) as typeof list;
    for (const h of list.handoffs) {
      expect(h).toMatchObject({ status: 'delivered', attempts: 5, lastError: null });
      expect(h.deliveredAt).toBe(new Date(time.now() - 60_000).toISOString());
    }
  }, 60_000);

  it('marks a handoff failed after the last attempt and says why', async () => {
    const failTime = clock(NOW + 86_400_000);
    const app = testApp(storage, {
      now: failTime.now,
      webhook: 'http://127.0.0.1:9/unreachable',
      webhookSecret: WEBHOOK_SECRET,
    });
    const token = await tokenFor(claimsFor('outbox_doomed', { segment: 'enterprise' }), failTime.now());
    const { handoff } = (await (await app.post('/v1/route', { token, plan: 'team' })).json()) as {
      handoff: { id: string };
    };
    for (let i = 0; i < 12; i++) {
      await app.outbox.deliverDue();
      failTime.advance(3_600_000);
    }
    const list = (await (await app.get('/v1/admin/handoffs', admin)).json()) as {
      handoffs: { id: string; status: string; attempts: number; lastError: string }[];
    };
    expect(list.handoffs.find((h) => h.id === handoff.id)).toMatchObject({ status: 'failed', attempts: 12 });
  }, 60_000);
});

describe('verifyWebhookSignature', () => {
  it('accepts the signature it was given and rejects tampering, replays and garbage', async () => {
    const { signWebhookPayload } = await import('../src/index.ts');
    const header = await signWebhookPayload('{"a":1}', 's', 1_800_000_000);
    expect(await verifyWebhookSignature(header, '{"a":1}', 's', { nowSeconds: 1_800_000_010 })).toBe(true);
    expect(await verifyWebhookSignature(header, '{"a":2}', 's', { nowSeconds: 1_800_000_010 })).toBe(false);
    expect(await verifyWebhookSignature(header, '{"a":1}', 'other', { nowSeconds: 1_800_000_010 })).toBe(
      false,
    );
    expect(await verifyWebhookSignature(header, '{"a":1}', 's', { nowSeconds: 1_800_001_000 })).toBe(false);
    for (const bad of [undefined, '', 't=1', 'v1=00', 't=abc,v1=zz', `${header.slice(0, -1)}0`]) {
      expect(await verifyWebhookSignature(bad, '{"a":1}', 's', { nowSeconds: 1_800_000_010 })).toBe(false);
    }
  });
});
