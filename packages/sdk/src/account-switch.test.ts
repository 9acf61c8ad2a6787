import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { claims, client, ENDPOINT, edgeServer, settle, testPlatform, tokenFor } from '../test/harness.ts';
import { decodeClaims } from './decode-claims.ts';

// Issue #14: events tracked on account A's page were stored as account B once the token
// function started returning B's token (20 of 40).
const { server, received } = edgeServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  received.batches.length = 0;
});
afterAll(() => server.close());

it('sends each event only with a token of the account it was tracked under, and keeps the others', async () => {
  const tokenA = tokenFor(claims({ sub: 'acct_a' }));
  const tokenB = tokenFor(claims({ sub: 'acct_b' }));
  let current = tokenA;
  const stored: Array<{ account: string | undefined; name: unknown }> = [];
  let aExpired = false;
  // Like the edge, which takes the account from the token: A's has expired, B's is good.
  const edge = http.post(`${ENDPOINT}/v1/events`, async ({ request }) => {
    const body = JSON.parse(await request.text()) as { token: string; events: Array<{ name?: unknown }> };
    if (aExpired && body.token === tokenA) return HttpResponse.json({ error: {} }, { status: 401 });
    for (const e of body.events) stored.push({ account: decodeClaims(body.token)?.sub, name: e.name });
    return HttpResponse.json({ accepted: body.events.length, duplicates: 0, rejected: 0 }, { status: 202 });
  });
  const { platform } = testPlatform();
  const hr = client({ platform, token: () => current });
  await hr.ready();
  // A's page queues 20 events while the network is down.
  server.use(http.post(`${ENDPOINT}/v1/events`, () => HttpResponse.error()));
  for (let i = 0; i < 20; i++) hr.track('on_a', { i });
  await settle();
  await hr.flush();
  server.resetHandlers();
  server.use(edge);
  // A's token expires and the host's token function now answers for B.
  aExpired = true;
  current = tokenB;
  for (let i = 0; i < 4; i++) {
    await hr.flush();
    await new Promise((r) => setTimeout(r, 1100)); // a refresh is asked at most once a second
  }
  expect(hr.account.$.get()?.sub).toBe('acct_b');
  for (let i = 0; i < 20; i++) hr.track('on_b', { i });
  for (let i = 0; i < 3; i++) await hr.flush();
  expect(stored.filter((e) => e.account === 'acct_b' && e.name === 'on_a')).toHaveLength(0);
  expect(stored.filter((e) => e.account === 'acct_b' && e.name === 'on_b')).toHaveLength(20);
  // A's events are kept and reported, not re-attributed.
  expect(hr.diagnostics.$.get()).toMatchObject({ otherAccount: 20, queued: 20 });
  await hr.shutdown();
}, 15_000);
