// `createServerClient` against the real edge (PGlite) over HTTP on loopback: each call lands,
// errors come back typed, and retries through injected faults never count an event twice.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EdgeServer } from '@headroom/edge/node';
import {
  createServerClient,
  HeadroomApiError,
  HeadroomEventRejectedError,
  HeadroomNetworkError,
} from '@headroom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultProxy, SERVER_KEY, startFaultProxy, startRealEdge, storedEvents } from './real-edge.ts';

let edge: EdgeServer & Awaited<ReturnType<typeof startRealEdge>>;
const proxies: FaultProxy[] = [];
let seq = 0;
const account = () => `acct_server_${Date.now().toString(36)}_${++seq}`;
const client = (endpoint = edge.url, maxRetries = 3) =>
  createServerClient({ endpoint, serverKey: SERVER_KEY, maxRetries, baseDelayMs: 10, maxDelayMs: 2000 });

beforeAll(async () => {
  edge = await startRealEdge();
});
afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  await edge?.close();
});

async function proxy(steps: Parameters<typeof startFaultProxy>[1]): Promise<FaultProxy> {
  const started = await startFaultProxy(edge.url, steps);
  proxies.push(started);
  return started;
}

describe('createServerClient against the real edge', () => {
  it('reportUsage stores a server usage event the account history reads, once per id', async () => {
    const accountId = account();
    const headroom = client();
    const first = await headroom.reportUsage({ accountId, meter: 'docs', value: 640 });
    expect(first.duplicate).toBe(false);
    const again = await headroom.reportUsage({ accountId, meter: 'docs', value: 640, id: first.id });
    expect(again).toEqual({ id: first.id, duplicate: true });
    const rows = (await storedEvents(edge.storage)).filter((row) => row.accountId === accountId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, type: 'usage', source: 'server' });
    expect(rows[0]?.payload).toMatchObject({ meter: 'docs', value: 640 });
  });

  it('reportUpgrade stores the conversion with its amount', async () => {
    const accountId = account();
    const result = await client().reportUpgrade({ accountId, plan: 'business', amount: 12_600, seats: 30 });
    const rows = (await storedEvents(edge.storage)).filter((row) => row.accountId === accountId);
    expect(rows.map((row) => [row.id, row.type, row.source])).toEqual([
      [result.id, 'upgrade_completed', 'server'],
    ]);
    expect(rows[0]?.payload).toMatchObject({ plan: 'business', amount: 12_600, seats: 30 });
  });

  it('upsertAccount sets traits the edge evaluates, one account or a batch', async () => {
    const accountId = account();
    const one = await client().upsertAccount({
      accountId,
      plan: 'team',
      segment: 'smb',
      seats: 10,
      acv: 1440,
      activatedAt: '2026-01-01',
      health: 40,
    });
    expect(one.upserted).toBe(1);
    expect(one.accounts[0]).toMatchObject({ accountId, eligible: false });
    expect(one.accounts[0]?.reasons.join(' ')).toMatch(/health/);
    const other = account();
    const batch = await client().upsertAccount([
      { accountId, health: 90 },
      { accountId: other, plan: 'free', segment: 'smb', seats: 2, acv: 0 },
    ]);
    expect(batch.upserted).toBe(2);
    expect(batch.accounts.map((entry) => entry.accountId).sort()).toEqual([accountId, other].sort());
  });

  it('answers a refused event with a typed rejection naming its code', async () => {
    const error = await client()
      .reportUsage({ accountId: account(), meter: 'docs', value: 1, ts: Date.now() + 3_600_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeadroomEventRejectedError);
    expect((error as HeadroomEventRejectedError).code).toBe('future_event');
  });

  it('answers invalid traits with the edge’s 400 and its paths, without retrying', async () => {
    const error = await client()
      .upsertAccount({ accountId: account(), plan: 'galactic' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HeadroomApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_body', attempts: 1 });
    expect((error as HeadroomApiError).issues).toContainEqual({
      path: 'plan',
      message: 'unknown plan "galactic"',
    });
  });

  it('answers a wrong server key with 401, without retrying', async () => {
    const wrong = createServerClient({ endpoint: edge.url, serverKey: 'not-the-key-0123456789abcdef0123' });
    const error = await wrong.reportUsage({ accountId: account(), meter: 'docs', value: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(HeadroomApiError);
    expect(error).toMatchObject({ status: 401, attempts: 1 });
  });

  it('validates input before sending anything', async () => {
    const counting = await proxy([]);
    const headroom = client(counting.url);
    await expect(headroom.reportUsage({ accountId: '', meter: 'docs', value: 1 })).rejects.toThrow(
      /accountId/,
    );
    await expect(headroom.reportUpgrade({ accountId: 'a', plan: 'team', amount: -5 })).rejects.toThrow(
      /amount/,
    );
    expect(() => createServerClient({ endpoint: 'ftp://edge', serverKey: SERVER_KEY })).toThrow(/endpoint/);
    expect(counting.requests).toBe(0);
  });

  it('retries 503, 408, 429 with Retry-After and reset connections, then lands the event once', async () => {
    const accountId = account();
    const flaky = await proxy([
      { status: 503 },
      'reset',
      { status: 408 },
      { status: 429, headers: { 'retry-after': '1' } },
    ]);
    const result = await client(flaky.url, 4).reportUsage({ accountId, meter: 'api_calls', value: 10 });
    expect(flaky.requests).toBe(5);
    expect(result.duplicate).toBe(false);
    const rows = (await storedEvents(edge.storage)).filter((row) => row.accountId === accountId);
    expect(rows.map((row) => row.id)).toEqual([result.id]);
  });

  it('resends the same event id when an answer is lost, so the edge counts it once', async () => {
    const accountId = account();
    const lossy = await proxy(['forward_then_reset']);
    const result = await client(lossy.url).reportUpgrade({ accountId, plan: 'team', amount: 1440 });
    expect(lossy.requests).toBe(2);
    expect(result.duplicate).toBe(true);
    const rows = (await storedEvents(edge.storage)).filter((row) => row.accountId === accountId);
    expect(rows.map((row) => row.id)).toEqual([result.id]);
  });

  it('gives up after maxRetries with the last error, typed', async () => {
    const down = await proxy([{ status: 503 }, { status: 503 }, { status: 503 }]);
    const error = await createServerClient({
      endpoint: down.url,
      serverKey: SERVER_KEY,
      maxRetries: 2,
      baseDelayMs: 1,
    })
      .reportUsage({ accountId: account(), meter: 'docs', value: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HeadroomApiError', status: 503, attempts: 3 });
    expect(down.requests).toBe(3);

    // A port nobody listens on: connection refused on every attempt.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const unreachable = await createServerClient({
      endpoint: `http://127.0.0.1:${port}`,
      serverKey: SERVER_KEY,
      maxRetries: 1,
      baseDelayMs: 1,
    })
      .reportUsage({ accountId: account(), meter: 'docs', value: 1 })
      .catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(HeadroomNetworkError);
    expect(unreachable).toMatchObject({ attempts: 2 });
  });
});
