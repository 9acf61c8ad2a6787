import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookReceiver, type ReceivedHandoff } from '../server/create-webhook-receiver.ts';

let base: string;
let close: () => Promise<void>;
let seen: ReceivedHandoff[];

beforeEach(async () => {
  seen = [];
  const server = createWebhookReceiver({
    verify: async (raw, headers) => headers['x-test-signature'] === `sig:${raw.length}`,
    onHandoff: (h) => seen.push(h),
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((r) => server.close(() => r()));
});
afterEach(() => close());

const deliver = (body: string, signature = `sig:${body.length}`) =>
  fetch(`${base}/handoffs`, { method: 'POST', body, headers: { 'x-test-signature': signature } });

describe('webhook receiver', () => {
  it('accepts a signed handoff once, however often it is delivered', async () => {
    const body = JSON.stringify({ id: 'h_1', accountId: 'acct_1' });
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(body)).status).toBe(200);
    expect(seen.map((h) => h.id)).toEqual(['h_1']);
    const list = (await (await fetch(`${base}/handoffs`)).json()) as { handoffs: ReceivedHandoff[] };
    expect(list.handoffs).toMatchObject([{ id: 'h_1', deliveries: 2 }]);
  });

  it('rejects a bad signature with 401 and records nothing', async () => {
    expect((await deliver(JSON.stringify({ id: 'h_2' }), 'forged')).status).toBe(401);
    expect(seen).toEqual([]);
  });

  it('rejects a signed body without a handoff id', async () => {
    expect((await deliver(JSON.stringify({ nope: true }))).status).toBe(400);
  });
});
