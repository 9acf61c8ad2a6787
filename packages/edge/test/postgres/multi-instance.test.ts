// Three edge processes behind one Postgres, driven at once over real HTTP on loopback: the
// promises of one instance hold for many — escalations and handoffs created once, each
// delivered once, every event and decision counted exactly, concurrent publishes all kept.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountId, acmeConfig, claimsFor, factsFiring, SECRET, SERVER_KEY, tokenFor } from '../helpers.ts';

const ADMIN = 'multi-instance-admin-token-0123456789abcdef';
const WEBHOOK_SECRET = 'multi-instance-webhook-secret-0123456789';
const url = inject('pgUrl');

function startInstance(webhook: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=@headroom/source',
      '--import',
      'tsx',
      fileURLToPath(new URL('./edge-process.ts', import.meta.url)),
    ],
    {
      env: {
        ...process.env,
        EDGE_DATABASE_URL: url,
        EDGE_SECRET: SECRET,
        EDGE_ADMIN: ADMIN,
        EDGE_SERVER_KEY: SERVER_KEY,
        EDGE_WEBHOOK: webhook,
        EDGE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.once('exit', (code) => reject(new Error(`edge process exited (${code})`)));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{"url"'));
      if (!line) return;
      child.removeAllListeners('exit');
      resolve({
        url: (JSON.parse(line) as { url: string }).url,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

describe('three edge instances on one Postgres', () => {
  const delivered = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const id = String(req.headers['headroom-handoff-id']);
    delivered.set(id, (delivered.get(id) ?? 0) + 1);
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  let instances: { url: string; stop: () => Promise<void> }[] = [];

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    instances = await Promise.all([1, 2, 3].map(() => startInstance(hook)));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  const call = async (n: number, method: string, path: string, body?: unknown, auth?: string) => {
    const instance = instances[n % instances.length];
    if (!instance) throw new Error('no instance');
    const res = await fetch(`${instance.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('creates each escalation and handoff once, delivers each once, and counts every event and decision', async () => {
    const now = Date.now();
    // 12 accounts reach four signals through batches spread over all three instances.
    const accounts = Array.from({ length: 12 }, () => accountId('multi'));
    const gateHitsSent = new Map<string, number>();
    await Promise.all(
      accounts.flatMap((acct, a) =>
        [0, 1, 2].map(async (k) => {
          const token = await tokenFor(claimsFor(acct, { plan: 'team', seats: 40, acv: 5760 }), now);
          const events = factsFiring(4, now - k * 1000);
          gateHitsSent.set(
            acct,
            (gateHitsSent.get(acct) ?? 0) + events.filter((e) => e.type === 'gate_hit').length,
          );
          const res = await call(a + k, 'POST', '/v1/events', { token, sentAt: now, events });
          expect(res.status).toBe(202);
        }),
      ),
    );
    // 90 clicks for a CS route, over all three instances at once.
    const ent = accountId('multi_cs');
    const entToken = await tokenFor(
      claimsFor(ent, { segment: 'enterprise', plan: 'business', seats: 180, acv: 75_600 }),
      now,
    );
    const clicks = await Promise.all(
      Array.from({ length: 90 }, (_, i) =>
        call(i, 'POST', '/v1/route', { token: entToken, plan: 'enterprise' }),
      ),
    );
    expect(new Set(clicks.map((c) => (c.body.handoff as { id: string }).id)).size).toBe(1);

    // Every instance's pending work is done once its reports are read; then deliveries settle.
    const deadline = Date.now() + 30_000;
    let handoffs: { id: string; accountId: string; status: string; payload: { kind: string } }[] = [];
    for (;;) {
      await Promise.all([0, 1, 2].map((n) => call(n, 'GET', '/v1/admin/pqls', undefined, ADMIN)));
      handoffs = (await call(0, 'GET', '/v1/admin/handoffs?limit=1000', undefined, ADMIN)).body
        .handoffs as typeof handoffs;
      const mine = handoffs.filter((h) => accounts.includes(h.accountId) || h.accountId === ent);
      if ((mine.length >= 13 && mine.every((h) => h.status === 'delivered')) || Date.now() > deadline) {
        handoffs = mine;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(
      handoffs
        .filter((h) => h.payload.kind === 'escalation')
        .map((h) => h.accountId)
        .sort(),
    ).toEqual([...accounts].sort());
    expect(handoffs.filter((h) => h.accountId === ent)).toHaveLength(1);
    for (const h of handoffs) {
      expect(h.status).toBe('delivered');
      expect(delivered.get(h.id)).toBe(1);
    }

    // Aggregates are exact under concurrent ingest: every gate hit of every account counted.
    for (const acct of accounts) {
      const token = await tokenFor(claimsFor(acct, { plan: 'team', seats: 40, acv: 5760 }), now);
      const history = await call(1, 'GET', '/v1/account', undefined, token);
      const counted = (history.body.gateHits as { count: number }[]).reduce((sum, r) => sum + r.count, 0);
      expect(counted).toBe(gateHitsSent.get(acct));
    }
    // Every decision from every instance is in the split (each flushes before it reports).
    const splits = await Promise.all(
      [0, 1, 2].map((n) => call(n, 'GET', '/v1/admin/funnel?days=1', undefined, ADMIN)),
    );
    const last = splits[2]?.body.routes as Record<string, number>;
    expect(last.cs_assist).toBeGreaterThanOrEqual(90);
  }, 120_000);

  it('keeps every one of 30 concurrent publishes as its own version', async () => {
    const before = (await call(0, 'GET', '/v1/admin/config', undefined, ADMIN)).body.versions as unknown[];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call(i, 'PUT', '/v1/admin/config', { config: acmeConfig, note: `concurrent ${i}` }, ADMIN),
      ),
    );
    // Without If-Match every publish lands (with it, stale ones get 412 — tested per instance).
    expect(results.every((r) => r.status === 201 || r.status === 412)).toBe(true);
    const created = results.filter((r) => r.status === 201).map((r) => r.body.version as number);
    expect(new Set(created).size).toBe(created.length);
    const after = (await call(1, 'GET', '/v1/admin/config', undefined, ADMIN)).body.versions as unknown[];
    expect(after.length - before.length).toBe(created.length);
  }, 60_000);
});
