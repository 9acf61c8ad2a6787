// `verifyHandoff` on webhooks the real edge delivers: a CS route on the edge (PGlite) puts a
// handoff in the outbox; the outbox posts it to a loopback receiver that verifies it like a
// host's backend would, from the raw body and the request headers.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HandoffVerificationError, signAccountToken, verifyHandoff } from '@headroom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody, SECRET, startRealEdge } from './real-edge.ts';

const WEBHOOK_SECRET = 'server-kit-webhook-0123456789abcdef0123456789';
const deliveries: { body: string; headers: IncomingHttpHeaders }[] = [];
let receiver: Server;
let edge: Awaited<ReturnType<typeof startRealEdge>>;

beforeAll(async () => {
  receiver = createServer(async (req, res) => {
    deliveries.push({ body: await readBody(req), headers: req.headers });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  edge = await startRealEdge({
    webhook: { url: `http://127.0.0.1:${port}/hooks/headroom`, secret: WEBHOOK_SECRET },
  });
});
afterAll(async () => {
  await edge?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

describe('verifyHandoff against the real edge', () => {
  it('returns the typed handoff the edge signed, and refuses it tampered, replayed late or under another secret', async () => {
    const token = await signAccountToken(
      { sub: 'acct_handoff_1', uid: 'user_1', plan: 'team', acv: 1440, segment: 'enterprise', seats: 10 },
      SECRET,
    );
    const route = await fetch(`${edge.url}/v1/route`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        plan: 'business',
        seats: 50,
        needs: ['invoice'],
        source: 'seat_upgrade',
      }),
    });
    const decision = (await route.json()) as { route: string; handoff: { id: string } };
    expect(decision, JSON.stringify(decision)).toMatchObject({ route: 'cs_assist' });
    expect(await edge.app.outbox.deliverDue()).toBe(1);
    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    if (!delivery) throw new Error('no delivery');

    const handoff = await verifyHandoff(delivery.body, delivery.headers, WEBHOOK_SECRET);
    expect(handoff).toMatchObject({
      handoffId: decision.handoff.id,
      kind: 'route',
      account: { id: 'acct_handoff_1', plan: 'team', segment: 'enterprise', seats: 10, acv: 1440 },
      userId: 'user_1',
      requestedPlan: 'business',
      requestedSeats: 50,
      needs: ['invoice'],
      route: 'cs_assist',
      source: 'seat_upgrade',
    });
    expect(handoff.reasons).toContain('enterprise_segment');
    expect(delivery.headers['headroom-handoff-id']).toBe(handoff.handoffId);

    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'accepted',
        (error: unknown) => (error instanceof HandoffVerificationError ? error.code : String(error)),
      );
    const tampered = delivery.body.replace('"requestedSeats":50', '"requestedSeats":5');
    expect(await codeOf(verifyHandoff(tampered, delivery.headers, WEBHOOK_SECRET))).toBe('bad_signature');
    expect(await codeOf(verifyHandoff(delivery.body, delivery.headers, `${WEBHOOK_SECRET}-other`))).toBe(
      'bad_signature',
    );
    const { 'headroom-signature': _signature, ...unsigned } = delivery.headers;
    expect(await codeOf(verifyHandoff(delivery.body, unsigned, WEBHOOK_SECRET))).toBe('missing_signature');
    const anHourLater = { nowSeconds: Math.floor(Date.now() / 1000) + 3600 };
    expect(await codeOf(verifyHandoff(delivery.body, delivery.headers, WEBHOOK_SECRET, anHourLater))).toBe(
      'too_old',
    );
  });
});
