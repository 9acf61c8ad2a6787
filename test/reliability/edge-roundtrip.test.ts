import { createEdgeApp, createPgliteStorage } from '@headroom/edge';
import { signAccountToken } from '@headroom/edge/token';
import { createHeadroom, createMemoryStorage } from '@headroom/sdk';
import { expect, it } from 'vitest';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };

const SECRET = 'roundtrip-secret-0123456789abcdef0123456789';
const ADMIN = 'adm-0123456789abcdef0123456789abcdef';

// The SDK against the real edge handler (app.fetch, embedded Postgres): the wire contract
// end to end, including a lost answer that makes the SDK resend a batch the edge already has.
it('speaks the edge contract: config, account, events (deduped on resend) and routing', async () => {
  const storage = await createPgliteStorage();
  const app = createEdgeApp({
    storage,
    secret: SECRET,
    adminToken: ADMIN,
    config: acme,
    rateLimit: false,
    log: () => {},
    delivery: 'manual',
  });
  const claims = {
    sub: 'acct_rt',
    uid: 'u1',
    plan: 'free',
    acv: 0,
    segment: 'smb' as const,
    seats: 3,
    activatedAt: '2025-01-01',
    usage: { api_calls: 850 },
  };
  const token = await signAccountToken(claims, SECRET, { expiresIn: '1h' });
  let loseNextEventsAnswer = false;
  const hr = createHeadroom({
    endpoint: 'https://edge.local',
    token,
    platform: {
      storage: createMemoryStorage(),
      onHidden: undefined,
      onOnline: undefined,
      withLock: undefined,
      broadcast: undefined,
      fetch: async (url, init) => {
        const res = await app.fetch(new Request(url, init));
        if (url.endsWith('/v1/events') && loseNextEventsAnswer) {
          loseNextEventsAnswer = false;
          throw new TypeError('connection reset after the edge stored the batch');
        }
        return res;
      },
    },
    retry: { baseMs: 5, maxMs: 10 },
  });
  await hr.ready();
  expect(hr.diagnostics.$.get().lastError).toBeUndefined();
  expect(hr.status.$.get()).toBe('ready');
  loseNextEventsAnswer = true;
  expect(hr.meter('api_calls').$.get()).toMatchObject({ used: 850, limit: 1000, state: 'approaching' });
  hr.track('export');
  hr.gate('sso').check();
  hr.invites.sent({ inviteId: 'inv_1' });
  await new Promise((r) => setTimeout(r, 10));
  const prompt = hr.prompts.current('banner').get();
  expect(prompt?.id).toBe('usage_upgrade');
  hr.prompts.shown('usage_upgrade');
  const decision = await hr.upgrade({ plan: 'team', source: 'usage_upgrade' });
  expect(decision).toMatchObject({ route: 'self_serve', expansionAcv: 432 });
  expect(decision.checkoutUrl).toContain('account=acct_rt');
  for (let i = 0; i < 5 && hr.diagnostics.$.get().queued > 0; i++) {
    await hr.flush();
    await new Promise((r) => setTimeout(r, 20));
  }
  const d = hr.diagnostics.$.get();
  expect(d).toMatchObject({ queued: 0, dropped: 0 });
  expect(d.retried).toBeGreaterThanOrEqual(1);
  const ndjson = await (
    await app.fetch(
      new Request('https://edge.local/v1/admin/events?format=ndjson', {
        headers: { authorization: `Bearer ${ADMIN}` },
      }),
    )
  ).text();
  const stored = ndjson
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { id: string; type: string; accountId: string });
  expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length);
  expect(stored.every((e) => e.accountId === 'acct_rt')).toBe(true);
  const types = stored.map((e) => e.type);
  for (const t of ['custom', 'gate_hit', 'invite_sent', 'prompt_shown', 'exposure', 'prompt_clicked']) {
    expect(types).toContain(t);
  }
  // Trigger fires and route decisions are the edge's own records, not browser claims.
  expect(types.filter((t) => t === 'trigger_fired' || t === 'upgrade_routed')).toEqual([]);
  const account = (await (
    await app.fetch(
      new Request('https://edge.local/v1/account', { headers: { authorization: `Bearer ${token}` } }),
    )
  ).json()) as { gateHits: Array<{ feature: string; mine: number }> };
  expect(account.gateHits).toMatchObject([{ feature: 'sso', count: 1, mine: 1 }]);
  console.info(
    `[roundtrip] ${stored.length} events stored once each by the edge after a lost answer; retried ${d.retried}`,
  );
  await hr.shutdown();
}, 60_000);
