import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, eventSchema } from '@headroom/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import acme from '../headroom.config.json' with { type: 'json' };
import type { claimsForScenario } from '../server/claims-for-scenario.ts';
import { createDemoServer } from '../server/create-demo-server.ts';
import { createSessionStore } from '../server/session-store.ts';

const config = defineConfig(acme);
let dir: string;
let base: string;
let close: () => Promise<void>;
let reported: unknown[];
let signed: ReturnType<typeof claimsForScenario>[];
const NOW = Date.parse('2026-06-01T12:00:00Z');

async function start(): Promise<void> {
  const server = createDemoServer({
    config,
    endpoint: 'https://edge.test',
    sessions: createSessionStore(dir),
    staticDir: join(dir, 'dist'),
    now: () => NOW,
    signToken: async (claims) => {
      signed.push(claims);
      return `token-${signed.length}`;
    },
    reportServerEvents: async (events) => {
      reported.push(...events);
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((r) => server.close(() => r()));
}

/** A tiny cookie-keeping client, like one browser. */
function browser() {
  let cookie = '';
  return async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: {
        ...(init.method && init.method !== 'GET' ? { 'content-type': 'application/json' } : {}),
        cookie,
      },
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? '';
    return res;
  };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'demo-server-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist/index.html'), '<!doctype html><title>Acme</title>');
  writeFileSync(join(dir, 'secret.txt'), 'nope');
  reported = [];
  signed = [];
  await start();
});
afterEach(async () => {
  await close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo backend', () => {
  it('gives each browser its own account and signs its scenario as claims', async () => {
    const a = browser();
    const b = browser();
    const sa = (await (await a('/api/session')).json()) as { scenario: { accountId: string } };
    const sb = (await (await b('/api/session')).json()) as { scenario: { accountId: string } };
    expect(sa.scenario.accountId).not.toBe(sb.scenario.accountId);
    const { token } = (await (await a('/api/token')).json()) as { token: string };
    expect(token).toBe('token-1');
    expect(signed[0]).toMatchObject({
      sub: sa.scenario.accountId,
      plan: 'free',
      segment: 'smb',
      usage: { docs: 41 },
    });
    // Activation age becomes an ISO date relative to now.
    expect(signed[0]?.activatedAt).toBe(new Date(NOW - 90 * 86_400_000).toISOString());
  });

  it('applies presets and custom fields, and rejects invalid ones with the path', async () => {
    const a = browser();
    await a('/api/session');
    const res = await a('/api/scenario', {
      method: 'PUT',
      body: JSON.stringify({ preset: 'enterprise_cs' }),
    });
    expect(((await res.json()) as { scenario: { segment: string } }).scenario.segment).toBe('enterprise');
    const custom = await a('/api/scenario', {
      method: 'PUT',
      body: JSON.stringify({ churnRisk: true, activationAgeDays: null, usage: { docs: 3 } }),
    });
    const { scenario } = (await custom.json()) as {
      scenario: { churnRisk: boolean; usage: { docs: number; seats: number } };
    };
    expect(scenario.churnRisk).toBe(true);
    expect(scenario.usage).toMatchObject({ docs: 3, seats: 172 });
    await a('/api/token');
    expect(signed.at(-1)?.activatedAt).toBeUndefined();
    const bad = await a('/api/scenario', { method: 'PUT', body: JSON.stringify({ seats: -4 }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('seats');
  });

  it('a preset starts a fresh account each time; custom fields keep the account', async () => {
    const a = browser();
    const first = (await (await a('/api/session')).json()) as { scenario: { accountId: string } };
    const pick = async (patch: object) =>
      (
        (await (await a('/api/scenario', { method: 'PUT', body: JSON.stringify(patch) })).json()) as {
          scenario: { accountId: string; userId: string };
        }
      ).scenario;
    const assisted = await pick({ preset: 'assisted' });
    const again = await pick({ preset: 'assisted' });
    const custom = await pick({ health: 50 });
    expect(new Set([first.scenario.accountId, assisted.accountId, again.accountId]).size).toBe(3);
    expect(assisted.accountId).toMatch(/^acct_[0-9a-f]{12}$/);
    expect(custom.accountId).toBe(again.accountId);
    await a('/api/token');
    expect(signed.at(-1)?.sub).toBe(again.accountId);
  });

  it('checkout reports upgrade_completed with the server-side amount and changes the plan', async () => {
    const a = browser();
    const { scenario } = (await (await a('/api/session')).json()) as { scenario: { accountId: string } };
    const res = await a('/api/checkout', {
      method: 'POST',
      body: JSON.stringify({ plan: 'team', seats: 5 }),
    });
    expect(res.status).toBe(201);
    expect(reported).toHaveLength(1);
    const event = eventSchema.parse(reported[0]);
    expect(event).toMatchObject({
      type: 'upgrade_completed',
      accountId: scenario.accountId,
      plan: 'team',
      amount: 720,
    });
    await a('/api/token');
    expect(signed.at(-1)).toMatchObject({ plan: 'team', seats: 5, acv: 720 });
  });

  it('refuses a downgrade, an unknown plan and a contact-sales plan at checkout', async () => {
    const a = browser();
    await a('/api/session');
    for (const plan of ['free', 'platinum', 'enterprise']) {
      const res = await a('/api/checkout', { method: 'POST', body: JSON.stringify({ plan, seats: 3 }) });
      expect(res.status).toBe(400);
    }
    expect(reported).toHaveLength(0);
  });

  it('the usage forecast preset reports the documents of the 14 days before today, as billing would', async () => {
    const a = browser();
    await a('/api/session');
    const res = await a('/api/scenario', {
      method: 'PUT',
      body: JSON.stringify({ preset: 'usage_forecast' }),
    });
    const { scenario } = (await res.json()) as { scenario: { accountId: string; usage: { docs: number } } };
    expect(scenario.usage.docs).toBe(680);
    const events = reported.map((raw) => ({
      ...eventSchema.parse(raw),
      accountId: (raw as { accountId: string }).accountId,
    }));
    // 330 fourteen days ago, +25 a day, 655 yesterday; today's 680 is the token's claim.
    expect(events.map((e) => [(NOW - e.ts) / 86_400_000, 'value' in e ? e.value : null])).toEqual(
      Array.from({ length: 14 }, (_, i) => [14 - i, 330 + 25 * i]),
    );
    expect(events.every((e) => e.type === 'usage' && e.accountId === scenario.accountId)).toBe(true);
    // Other presets report no history.
    reported.length = 0;
    await a('/api/scenario', { method: 'PUT', body: JSON.stringify({ preset: 'assisted' }) });
    expect(reported).toEqual([]);
  });

  it('counts documents and API calls on the server', async () => {
    const a = browser();
    await a('/api/session');
    expect(await (await a('/api/documents', { method: 'POST' })).json()).toEqual({ docs: 42 });
    expect(
      await (await a('/api/api-calls', { method: 'POST', body: JSON.stringify({ n: 80 }) })).json(),
    ).toEqual({
      api_calls: 500,
    });
  });

  it('serves the app shell for client routes and nothing outside the build folder', async () => {
    const a = browser();
    const page = await a('/settings/billing');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Acme</title>');
    expect((await a('/../secret.txt')).status).toBe(404);
    expect((await a('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await a('/api/nope')).status).toBe(404);
  });

  it('refuses changes without a JSON content type, even with the session cookie (a cross-site form post)', async () => {
    const first = await fetch(`${base}/api/session`);
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { scenario } = (await first.json()) as { scenario: { plan: string } };
    const form = await fetch(`${base}/api/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: 'plan=team&seats=3',
    });
    expect(form.status).toBe(415);
    expect(reported).toHaveLength(0);
    const after = (await (await fetch(`${base}/api/session`, { headers: { cookie } })).json()) as {
      scenario: { plan: string };
    };
    expect(after.scenario.plan).toBe(scenario.plan);
  });

  it('keeps sessions across a restart (data dir)', async () => {
    const a = browser();
    const first = (await (await a('/api/session')).json()) as { scenario: { accountId: string } };
    await close();
    await start();
    const again = (await (await a('/api/session')).json()) as { scenario: { accountId: string } };
    expect(again.scenario.accountId).toBe(first.scenario.accountId);
  });
});
