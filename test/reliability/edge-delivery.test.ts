import { createPgliteStorage } from '@headroom/edge';
import { type EdgeServer, startEdgeServer } from '@headroom/edge/node';
import { signAccountToken } from '@headroom/edge/token';
import { createHeadroom, createMemoryStorage, type Headroom, type Platform } from '@headroom/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };

// Issue #14 ("nothing lost, nothing blocked") over real HTTP: the SDK against the real edge
// server (node:http, embedded Postgres) on loopback.
const SECRET = 'edge-delivery-secret-long-enough-for-hs256';
const ADMIN = 'edge-delivery-admin-token-0123456789abcdef';
let edge: EdgeServer;

beforeAll(async () => {
  edge = await startEdgeServer({
    storage: await createPgliteStorage(),
    secret: SECRET,
    adminToken: ADMIN,
    config: acme,
    rateLimit: false,
    log: () => {},
    port: 0,
  });
}, 60_000);
afterAll(() => edge?.close());

const claims = (sub: string) => ({
  sub,
  uid: 'u1',
  plan: 'free',
  acv: 0,
  segment: 'smb' as const,
  seats: 3,
  activatedAt: '2025-01-01',
});
const tokenOf = (sub: string) => signAccountToken(claims(sub), SECRET, { expiresIn: '1h' });

/** A page on Node: real fetch to the edge, memory storage, no browser globals. */
const page = (token: string | (() => Promise<string>), platform: Partial<Platform> = {}): Headroom =>
  createHeadroom({
    endpoint: edge.url,
    token,
    config: undefined,
    platform: {
      storage: createMemoryStorage(),
      onHidden: undefined,
      onOnline: undefined,
      withLock: undefined,
      broadcast: undefined,
      ...platform,
    },
    retry: { baseMs: 5, maxMs: 20 },
    flushIntervalMs: 20,
  });

/** What the edge stored, as the admin export shows it. */
type Stored = Record<string, unknown> & { id: string; type: string; accountId: string };
async function stored(): Promise<Stored[]> {
  const res = await fetch(`${edge.url}/v1/admin/events?format=ndjson`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  const text = (await res.text()).trim();
  return text ? text.split('\n').map((line) => JSON.parse(line)) : [];
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('a poisoned event does not block the queue: the 60 good events after it are stored', async () => {
  const hr = page(await tokenOf('acct_poison'));
  await hr.ready();
  hr.track('p', { q: `${'x'.repeat(999)}😀` }); // cut by the SDK at 1,000 characters
  hr.track('bad\u0000'); // the host's own NUL, in a name (props are cleaned by the SDK)
  hr.track('bad\ud800'); // and a lone surrogate
  hr.track('cleaned', { q: 'a\u0000b', r: 'lone \ud800' }); // in props: U+FFFD
  for (let i = 0; i < 60; i++) hr.track('good', { i });
  for (let i = 0; i < 20 && hr.diagnostics.$.get().sent < 62; i++) {
    await hr.flush();
    await pause(20);
  }
  const mine = (await stored()).filter((e) => e.accountId === 'acct_poison');
  const names = mine.map((e) => e.name);
  console.info(
    `[edge-delivery] poisoned batch: stored ${names.filter((n) => n === 'good').length}/60 good, ` +
      `diagnostics ${JSON.stringify(hr.diagnostics.$.get())}`,
  );
  expect(names.filter((n) => n === 'good')).toHaveLength(60);
  expect(names.filter((n) => n === 'p')).toHaveLength(1);
  expect(names.filter((n) => String(n).startsWith('bad'))).toHaveLength(0);
  expect(mine.find((e) => e.name === 'cleaned')?.props).toEqual({ q: 'a\ufffdb', r: 'lone \ufffd' });
  expect(hr.diagnostics.$.get()).toMatchObject({ sent: 62, dropped: 2, queued: 0 });
  await hr.shutdown();
});

it('a burst of usage is stored with its exact total: 100,000 adds, then 200 yielding bursts of 1,000', async () => {
  const hr = page(await tokenOf('acct_burst'));
  await hr.ready();
  for (let i = 0; i < 100_000; i++) hr.meter('api_calls').add(1);
  for (let burst = 0; burst < 200; burst++) {
    for (let i = 0; i < 1000; i++) hr.meter('docs').add(1);
    await pause(0);
  }
  for (let i = 0; i < 20 && (i < 2 || hr.diagnostics.$.get().queued > 0); i++) {
    await hr.flush();
    await pause(20);
  }
  const usage = (await stored()).filter((e) => e.accountId === 'acct_burst' && e.type === 'usage');
  const sum = (meter: string) =>
    usage.filter((e) => e.meter === meter).reduce((s, e) => s + Number(e.delta ?? 0), 0);
  const d = hr.diagnostics.$.get();
  console.info(
    `[edge-delivery] usage burst: stored api_calls ${sum('api_calls')}/100000, docs ${sum('docs')}/200000 ` +
      `in ${usage.length} events, evicted ${d.evicted}`,
  );
  expect(sum('api_calls')).toBe(100_000);
  expect(sum('docs')).toBe(200_000);
  expect(usage.reduce((s, e) => s + Number(e.calls ?? 1), 0)).toBe(300_000);
  expect(d.evicted).toBe(0);
  await hr.shutdown();
});
