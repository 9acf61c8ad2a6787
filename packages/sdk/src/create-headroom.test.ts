import { eventSchema, startNewVersion } from '@headroom/core';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Headroom, Platform } from '../src/types.ts';
import {
  claims,
  client,
  config,
  DAY,
  ENDPOINT,
  edgeServer,
  settle,
  T0,
  testPlatform,
  tokenFor,
} from '../test/harness.ts';

const { server, received } = edgeServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  received.batches.length = 0;
});
afterAll(() => server.close());

describe('meters and gates', () => {
  it('starts meters from the token usage claim and the plan limit', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform, token: tokenFor(claims({ usage: { api_calls: 700 } })) });
    await hr.ready();
    const api = hr.meter('api_calls');
    expect(api.$.get()).toMatchObject({ used: 700, limit: 1000, state: 'ok' });
    api.add(120);
    expect(api.$.get()).toMatchObject({ used: 820, ratio: 0.82, state: 'approaching' });
    hr.meter('seats').set(3);
    expect(hr.meter('seats').$.get().state).toBe('at_limit');
    await hr.shutdown();
    expect(received.of('usage').map((e) => [e.meter, e.value, e.delta])).toEqual([
      ['api_calls', 820, 120],
      ['seats', 3, undefined],
    ]);
  });

  it('uses the usage claim of a token from an async function, for meters made before it resolved', async () => {
    const { platform } = testPlatform();
    const token = tokenFor(claims({ usage: { api_calls: 900 } }));
    const hr = client({ platform, token: async () => token });
    // What a widget does on first render: the token is not known yet.
    const api = hr.meter('api_calls');
    expect(hr.account.$.get()).toBeNull();
    await hr.ready();
    expect(api.$.get()).toMatchObject({ used: 900, limit: 1000, state: 'approaching' });
    await settle();
    expect(hr.triggers.$.get().find((t) => t.id === 'usage_ceiling')?.fired).toBe(true);
    await hr.shutdown();
  });

  it('records a gate hit only when the plan lacks the feature', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform, token: tokenFor(claims({ plan: 'team' })) });
    await hr.ready();
    expect(hr.gate('comments').check()).toBe(true);
    expect(hr.gate('sso').check()).toBe(false);
    expect(hr.gate('sso').unlockedBy.get()).toBe('business');
    await hr.shutdown();
    expect(received.of('gate_hit').map((e) => e.feature)).toEqual(['sso']);
  });
});

describe('triggers and prompts', () => {
  it('fires the usage trigger at 80 % and offers its prompt with context', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform });
    await hr.ready();
    hr.meter('api_calls').add(850);
    await settle();
    expect(hr.triggers.$.get().find((t) => t.id === 'usage_ceiling')?.fired).toBe(true);
    const prompt = hr.prompts.current('banner').get();
    expect(prompt).toMatchObject({
      id: 'usage_upgrade',
      surface: 'banner',
      context: {
        meter: 'api_calls',
        used: 850,
        limit: 1000,
        plan: 'free',
        nextPlan: 'team',
        nextLimit: 100000,
      },
    });
    expect(prompt?.experiment?.experimentId).toBe('usage_copy');
    await hr.shutdown();
    // The edge evaluates triggers from the events it stores: the browser sends no claim that
    // one fired.
    expect(received.of('usage')).toHaveLength(1);
    expect(received.of('trigger_fired')).toEqual([]);
  });

  it('evaluates once per burst of changes', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform });
    await hr.ready();
    let updates = 0;
    const off = hr.triggers.$.listen(() => updates++);
    for (let i = 0; i < 100; i++) hr.meter('api_calls').add(1);
    await settle();
    expect(updates).toBeLessThanOrEqual(2);
    off();
    await hr.shutdown();
  });

  it('shows no prompt to an account that is not eligible', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform, token: tokenFor(claims({ churnRisk: true })) });
    await hr.ready();
    hr.meter('api_calls').add(990);
    await settle();
    expect(hr.triggers.$.get().some((t) => t.fired)).toBe(true);
    expect(hr.prompts.current('banner').get()).toBeNull();
    await hr.shutdown();
  });

  it('logs the exposure once per unit, only when the prompt is shown', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform });
    await hr.ready();
    hr.meter('api_calls').add(900);
    await settle();
    await hr.flush();
    expect(received.of('exposure')).toHaveLength(0);
    hr.prompts.shown('usage_upgrade');
    hr.prompts.shown('usage_upgrade');
    await hr.flush();
    expect(received.of('exposure')).toHaveLength(1);
    expect(received.of('prompt_shown')).toHaveLength(1);
    expect(received.of('exposure')[0]).toMatchObject({ experimentId: 'usage_copy', unitId: 'acct_1' });
    await hr.shutdown();
  });

  it('upgrade posts the route request and logs click then routing', async () => {
    let body: Record<string, unknown> = {};
    server.use(
      http.post(`${ENDPOINT}/v1/route`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({
          route: 'self_serve',
          reasons: ['below_assist_threshold'],
          expansionAcv: 432,
          checkoutUrl: 'https://billing.example.com/checkout?plan=team',
        });
      }),
    );
    const { platform } = testPlatform();
    const hr = client({ platform });
    await hr.ready();
    hr.meter('api_calls').add(900);
    await settle();
    const decision = await hr.upgrade({ plan: 'team', seats: 3, source: 'usage_upgrade' });
    expect(decision).toEqual({
      route: 'self_serve',
      reasons: ['below_assist_threshold'],
      expansionAcv: 432,
      checkoutUrl: 'https://billing.example.com/checkout?plan=team',
    });
    expect(body).toMatchObject({ plan: 'team', seats: 3, source: 'usage_upgrade' });
    expect(typeof body.token).toBe('string');
    await hr.shutdown();
    // The host reported no click: the upgrade from the prompt logs one. The decision itself
    // is recorded by the edge, not claimed by the browser.
    expect(received.of('prompt_clicked').map((e) => e.promptId)).toEqual(['usage_upgrade']);
    expect(received.of('upgrade_routed')).toEqual([]);
  });

  it('upgrade rejects when the endpoint cannot decide', async () => {
    server.use(
      http.post(`${ENDPOINT}/v1/route`, () => HttpResponse.json({ error: { code: 'x' } }, { status: 400 })),
    );
    const { platform } = testPlatform();
    const hr = client({ platform });
    await expect(hr.upgrade({ plan: 'team' })).rejects.toThrow(/400/);
    await hr.shutdown();
  });
});

describe('fatigue across simulated days', () => {
  const setup = async () => {
    const env = testPlatform();
    const hr = client({ platform: env.platform });
    await hr.ready();
    hr.meter('api_calls').add(900);
    await settle();
    return { ...env, hr };
  };
  const tick = async (hr: ReturnType<typeof client>, clock: { now: number }, ms: number) => {
    clock.now += ms;
    hr.meter('api_calls').add(0);
    await settle();
  };

  it('snoozes a dismissed prompt for snoozeDays', async () => {
    const { hr, clock } = await setup();
    hr.prompts.shown('usage_upgrade');
    hr.prompts.dismiss('usage_upgrade');
    await settle();
    expect(hr.prompts.current('banner').get()).toBeNull();
    await tick(hr, clock, 2 * DAY);
    expect(hr.prompts.current('banner').get()).toBeNull();
    await tick(hr, clock, 1 * DAY + 1000);
    expect(hr.prompts.current('banner').get()?.id).toBe('usage_upgrade');
    await hr.shutdown();
  });

  it('snoozes a clicked prompt like a dismissal from the next page on, after a reload too', async () => {
    const { hr, clock, platform } = await setup();
    hr.prompts.shown('usage_upgrade');
    hr.prompts.clicked('usage_upgrade');
    await tick(hr, clock, 1000);
    // On the page it was clicked on, the card stays to show the upgrade's outcome.
    expect(hr.prompts.current('banner').get()?.id).toBe('usage_upgrade');
    await hr.shutdown();
    // Clicked, then checkout abandoned: the next page does not show it again.
    const reloaded = client({ platform });
    await reloaded.ready();
    reloaded.meter('api_calls').add(900);
    await settle();
    expect(reloaded.prompts.current('banner').get()).toBeNull();
    // snoozeAfterClickDays defaults to snoozeDays (3): still away after 2 days, back after 3.
    await tick(reloaded, clock, 2 * DAY);
    expect(reloaded.prompts.current('banner').get()).toBeNull();
    await tick(reloaded, clock, DAY + 1000);
    expect(reloaded.prompts.current('banner').get()?.id).toBe('usage_upgrade');
    await reloaded.shutdown();
    expect(received.of('prompt_clicked').map((e) => e.promptId)).toEqual(['usage_upgrade']);
    expect(received.of('prompt_dismissed')).toEqual([]);
  });

  it('snoozeAfterClickDays sets the snooze after a click apart from the dismissal snooze', async () => {
    const env = testPlatform();
    const hr = client({
      platform: env.platform,
      config: { ...config, fatigue: { ...config.fatigue, snoozeAfterClickDays: 1 } },
    });
    await hr.ready();
    hr.meter('api_calls').add(900);
    await settle();
    hr.prompts.shown('usage_upgrade');
    hr.prompts.clicked('usage_upgrade');
    await hr.shutdown();
    const next = client({
      platform: env.platform,
      config: { ...config, fatigue: { ...config.fatigue, snoozeAfterClickDays: 1 } },
    });
    await next.ready();
    await tick(next, env.clock, DAY - 1000);
    next.meter('api_calls').add(900);
    await settle();
    expect(next.prompts.current('banner').get()).toBeNull();
    await tick(next, env.clock, 2000);
    expect(next.prompts.current('banner').get()?.id).toBe('usage_upgrade');
    await next.shutdown();
  });

  it('a click through hr.upgrade from a prompt snoozes it too', async () => {
    server.use(
      http.post(`${ENDPOINT}/v1/route`, () =>
        HttpResponse.json({ route: 'self_serve', reasons: [], expansionAcv: 432 }),
      ),
    );
    const { hr, platform } = await setup();
    hr.prompts.shown('usage_upgrade');
    await hr.upgrade({ plan: 'team', source: 'usage_upgrade' });
    await hr.shutdown();
    const next = client({ platform });
    await next.ready();
    next.meter('api_calls').add(900);
    await settle();
    expect(next.prompts.current('banner').get()).toBeNull();
    await next.shutdown();
    expect(received.of('prompt_clicked').map((e) => e.promptId)).toEqual(['usage_upgrade']);
  });

  it('retires a prompt for retireDays after three dismissals', async () => {
    const { hr, clock } = await setup();
    for (let i = 0; i < 3; i++) {
      expect(hr.prompts.current('banner').get()?.id).toBe('usage_upgrade');
      hr.prompts.shown('usage_upgrade');
      hr.prompts.dismiss('usage_upgrade');
      await tick(hr, clock, 3 * DAY + 1000);
    }
    expect(hr.prompts.current('banner').get()).toBeNull();
    await tick(hr, clock, 20 * DAY);
    expect(hr.prompts.current('banner').get()).toBeNull();
    await tick(hr, clock, 15 * DAY);
    expect(hr.prompts.current('banner').get()?.id).toBe('usage_upgrade');
    await hr.shutdown();
  });

  it('caps new prompts per week, counting invite nudges, and the cap survives a reload', async () => {
    const { hr, clock, platform } = await setup();
    hr.invites.nudgeShown('share');
    hr.invites.nudgeShown('settings');
    hr.prompts.shown('usage_upgrade');
    await tick(hr, clock, DAY + 1000);
    // Three shows this week: the prompt that was on screen yesterday is not offered again.
    expect(hr.prompts.current('banner').get()).toBeNull();
    expect(hr.invites.canNudge('share')).toBe(false);
    await hr.shutdown();
    const reloaded = client({ platform });
    await reloaded.ready();
    reloaded.meter('api_calls').add(900);
    await settle();
    expect(reloaded.prompts.current('banner').get()).toBeNull();
    clock.now += 7 * DAY;
    reloaded.meter('api_calls').add(0);
    await settle();
    expect(reloaded.prompts.current('banner').get()?.id).toBe('usage_upgrade');
    await reloaded.shutdown();
  });

  it('shows no prompt until the history has loaded: a dismissed prompt does not flash after a reload', async () => {
    const token = tokenFor(claims({ usage: { api_calls: 900 } }));
    // The ledger (fatigue and history) is read slowly, the inline config and token at once.
    const slowLedger = (storage: Platform['storage']): Platform['storage'] => ({
      ...storage,
      get: async (key) => {
        if (key.startsWith('hr:l:')) await new Promise((r) => setTimeout(r, 30));
        return storage.get(key);
      },
    });
    const seen = (hr: Headroom) => {
      const values: (string | null)[] = [];
      hr.prompts.current('banner').subscribe((p) => values.push(p?.id ?? null));
      return values;
    };

    const { platform } = testPlatform();
    const first = client({ platform, token });
    await first.ready();
    await settle();
    expect(first.prompts.current('banner').get()?.id).toBe('usage_upgrade');
    first.prompts.shown('usage_upgrade');
    first.prompts.dismiss('usage_upgrade');
    await first.shutdown();

    // A page load over `on`'s storage with the slow history: every banner value it showed.
    const load = async (on: Partial<Platform>) => {
      const hr = client({
        platform: { ...on, storage: slowLedger(on.storage as Platform['storage']) },
        token,
      });
      const values = seen(hr);
      await hr.ready();
      await settle(10);
      await hr.shutdown();
      return values;
    };
    expect((await load(platform)).every((id) => id === null)).toBe(true);
    // Control: the same slow history without a dismissal offers the prompt once it has loaded.
    expect((await load(testPlatform().platform)).at(-1)).toBe('usage_upgrade');
  });

  it('a history that cannot be read is reported and leaves prompts working', async () => {
    const { platform } = testPlatform();
    const storage = platform.storage as Platform['storage'];
    const hr = client({
      platform: {
        ...platform,
        storage: {
          ...storage,
          get: async (key) => {
            if (key.startsWith('hr:l:')) throw new Error('storage refused');
            return storage.get(key);
          },
        },
      },
      token: tokenFor(claims({ usage: { api_calls: 900 } })),
    });
    await hr.ready();
    await settle();
    expect(hr.status.$.get()).toBe('ready');
    expect(hr.prompts.current('banner').get()?.id).toBe('usage_upgrade');
    expect(hr.diagnostics.$.get().errors).toBeGreaterThan(0);
    await hr.shutdown();
  });

  it('logs the exposure again, with its version, when the experiment starts a new version', async () => {
    const { platform } = testPlatform();
    const first = client({ platform });
    await first.ready();
    first.experiment('usage_copy');
    await first.shutdown();
    expect(received.of('exposure')).toHaveLength(1);
    expect(received.of('exposure')[0]).not.toHaveProperty('experimentVersion');
    // The same unit and storage after a publish of version 2: a new exposure, once.
    const second = client({ platform, config: startNewVersion(config, 'usage_copy') });
    await second.ready();
    second.experiment('usage_copy');
    second.experiment('usage_copy');
    await second.shutdown();
    expect(received.of('exposure')).toHaveLength(2);
    expect(received.of('exposure')[1]).toMatchObject({ experimentId: 'usage_copy', experimentVersion: 2 });
  });

  it('a capped prompt is never current, so it never logs an exposure', async () => {
    const { hr, clock } = await setup();
    hr.invites.nudgeShown('a');
    hr.invites.nudgeShown('b');
    hr.invites.nudgeShown('c');
    await tick(hr, clock, 1000);
    expect(hr.prompts.current('banner').get()).toBeNull();
    hr.prompts.shown('usage_upgrade');
    await hr.shutdown();
    expect(received.of('exposure')).toHaveLength(0);
    expect(hr.diagnostics.$.get().dropped).toBe(1);
  });

  it('allows one modal per day', async () => {
    const env = testPlatform();
    const hr = client({ platform: env.platform, token: tokenFor(claims({ plan: 'team' })) });
    await hr.ready();
    for (const f of ['sso', 'audit_log', 'automations']) hr.gate(f).hit();
    await settle();
    expect(hr.prompts.current('modal').get()).toMatchObject({
      id: 'tier_upgrade',
      context: { count: 3, feature: 'automations', nextPlan: 'business' },
    });
    hr.prompts.shown('tier_upgrade');
    hr.prompts.dismiss('tier_upgrade');
    await hr.shutdown();
    expect(received.of('prompt_dismissed')[0]).toMatchObject({ promptId: 'tier_upgrade', surface: 'modal' });
  });

  it('a modal seen on one page does not re-open on the next page within the day', async () => {
    const env = testPlatform();
    const token = tokenFor(claims({ plan: 'team' }));
    const hr = client({ platform: env.platform, token });
    await hr.ready();
    for (const f of ['sso', 'audit_log', 'automations']) hr.gate(f).hit();
    await settle();
    hr.prompts.shown('tier_upgrade');
    // On the page it opened on, it stays open until the user answers it.
    hr.gate('sso').hit();
    await settle();
    expect(hr.prompts.current('modal').get()?.id).toBe('tier_upgrade');
    await hr.shutdown();
    // Neither dismissed nor clicked, the user moved on: the next page does not open it again.
    const next = client({ platform: env.platform, token });
    await next.ready();
    await settle();
    expect(next.triggers.$.get().find((t) => t.id === 'feature_exploration')?.fired).toBe(true);
    expect(next.prompts.current('modal').get()).toBeNull();
    await tick(next, env.clock, 12 * 3_600_000);
    expect(next.prompts.current('modal').get()).toBeNull();
    // A day later the daily cap has room again.
    await tick(next, env.clock, 12 * 3_600_000 + 1000);
    expect(next.prompts.current('modal').get()?.id).toBe('tier_upgrade');
    await next.shutdown();
  });

  it('invite nudges: once per context per day, snoozed after a dismissal', async () => {
    const { hr, clock } = await setup();
    expect(hr.invites.canNudge('share')).toBe(true);
    hr.invites.nudgeShown('share');
    expect(hr.invites.canNudge('share')).toBe(false);
    expect(hr.invites.canNudge('settings')).toBe(true);
    hr.invites.nudgeDismissed('share');
    clock.now += DAY + 1;
    expect(hr.invites.canNudge('share')).toBe(false);
    clock.now += 2 * DAY;
    expect(hr.invites.canNudge('share')).toBe(true);
    await hr.shutdown();
  });
});

describe('account history', () => {
  it('merges account gate hits with local ones without double counting', async () => {
    const day = new Date(T0).toISOString().slice(0, 10);
    server.use(
      http.get(`${ENDPOINT}/v1/account`, () =>
        HttpResponse.json({
          accountId: 'acct_1',
          gateHits: [
            { day, feature: 'sso', count: 1, mine: 1 },
            { day, feature: 'audit_log', count: 1, mine: 0 },
          ],
          invites: [{ day, sent: 4, accepted: 0, mine: 1 }],
          firstPqlAt: null,
          activeTriggers: [],
          usage: { api_calls: 10 },
        }),
      ),
    );
    const { platform } = testPlatform();
    const hr = client({ platform, token: tokenFor(claims({ plan: 'team' })) });
    await hr.ready();
    hr.gate('sso').hit(); // the same hit the server already counts as mine
    hr.invites.sent({ inviteId: 'inv_1' });
    await settle();
    const find = (id: string) => hr.triggers.$.get().find((t) => t.id === id);
    expect(find('feature_exploration')?.value).toBe(2);
    expect(find('collaboration_surge')?.value).toBe(4);
    hr.invites.sent({ inviteId: 'inv_2' });
    await settle();
    expect(find('collaboration_surge')).toMatchObject({ value: 5, fired: true });
    expect(hr.meter('api_calls').$.get().used).toBe(10);
    await hr.shutdown();
  });
});

describe('config', () => {
  it('fetches the config, then revalidates with the ETag and starts from the cache offline', async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.get(`${ENDPOINT}/v1/config`, ({ request }) => {
        seen.push(request.headers.get('if-none-match'));
        return request.headers.get('if-none-match') === '"v1"'
          ? new HttpResponse(null, { status: 304 })
          : HttpResponse.json(config, { headers: { etag: '"v1"' } });
      }),
    );
    const { platform } = testPlatform();
    const first = client({ platform, config: undefined });
    expect(first.config.$.get()).toBeNull();
    await first.ready();
    expect(first.config.$.get()?.upgradePath).toEqual(config.upgradePath);
    await first.shutdown();
    const second = client({ platform, config: undefined });
    await second.ready();
    expect(seen).toEqual([null, '"v1"']);
    await second.shutdown();
    server.use(http.get(`${ENDPOINT}/v1/config`, () => HttpResponse.error()));
    const offline = client({ platform, config: undefined });
    await offline.ready();
    expect(offline.config.$.get()).not.toBeNull();
    expect(offline.status.$.get()).toBe('offline');
    await offline.shutdown();
  });

  it('records events but shows no prompt while no config is known', async () => {
    server.use(http.get(`${ENDPOINT}/v1/config`, () => HttpResponse.json({ nope: true })));
    const { platform } = testPlatform();
    const hr = client({ platform, config: undefined });
    await hr.ready();
    hr.meter('api_calls').add(999);
    await settle();
    expect(hr.prompts.current('banner').get()).toBeNull();
    await hr.shutdown();
    expect(received.of('usage')).toHaveLength(1);
  });
});

describe('token', () => {
  it('asks the token function again after a 401 and retries once', async () => {
    let calls = 0;
    const tokens: string[] = [];
    server.use(
      http.post(`${ENDPOINT}/v1/events`, async ({ request }) => {
        const body = JSON.parse(await request.text());
        tokens.push(body.token);
        if (body.token.endsWith('old'))
          return HttpResponse.json({ error: { code: 'token_expired' } }, { status: 401 });
        received.batches.push(body);
        return HttpResponse.json(
          { accepted: body.events.length, duplicates: 0, rejected: 0 },
          { status: 202 },
        );
      }),
    );
    const { platform } = testPlatform();
    const hr = client({
      platform,
      token: async () => `${tokenFor(claims())}${++calls === 1 ? 'old' : 'new'}`,
    });
    await hr.ready();
    hr.track('export');
    await hr.flush();
    expect(tokens.map((t) => t.slice(-3))).toEqual(['old', 'new']);
    expect(received.of('custom')).toHaveLength(1);
    await hr.shutdown();
  });
});

describe('consent', () => {
  it('holds events until consent, then sends them', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform, consent: false });
    await hr.ready();
    hr.track('a');
    await hr.flush();
    expect(received.batches).toHaveLength(0);
    hr.consent(true);
    await settle();
    await hr.flush();
    expect(received.of('custom').map((e) => e.name)).toEqual(['a']);
    await hr.shutdown();
  });

  it('drops events before consent when configured to', async () => {
    const { platform } = testPlatform();
    const hr = client({ platform, consent: false, beforeConsent: 'drop' });
    await hr.ready();
    hr.track('a');
    hr.consent(true);
    hr.track('b');
    await hr.shutdown();
    expect(received.of('custom').map((e) => e.name)).toEqual(['b']);
    expect(hr.diagnostics.$.get().dropped).toBe(1);
  });
});

describe('two tabs', () => {
  it('count fatigue per user across tabs: a prompt shown in one tab counts in the other', async () => {
    const listeners = new Set<(data: unknown) => void>();
    const bus = (_name: string, onMessage: (data: unknown) => void) => {
      listeners.add(onMessage);
      return {
        post: (data: unknown) => {
          for (const l of listeners) if (l !== onMessage) l(data);
        },
        close: () => listeners.delete(onMessage),
      };
    };
    const { platform, clock } = testPlatform({ broadcast: bus });
    const a = client({ platform });
    const b = client({ platform });
    await Promise.all([a.ready(), b.ready()]);
    for (const tab of [a, b]) tab.meter('api_calls').add(900);
    await settle();
    a.invites.nudgeShown('share');
    a.invites.nudgeShown('settings');
    a.prompts.shown('usage_upgrade');
    await settle(10);
    clock.now += DAY + 1000;
    b.meter('api_calls').add(0);
    await settle();
    // Tab B learned of tab A's three shows this week: no new prompt there either.
    expect(b.prompts.current('banner').get()).toBeNull();
    expect(b.invites.canNudge('share')).toBe(false);
    await Promise.all([a.shutdown(), b.shutdown()]);
  });
});

describe('wire format', () => {
  it('every event the SDK sends passes core eventSchema, a zero limit included', async () => {
    server.use(
      http.post(`${ENDPOINT}/v1/route`, () =>
        HttpResponse.json({
          route: 'cs_assist',
          reasons: ['enterprise_segment'],
          expansionAcv: null,
          handoff: { id: 'h1', message: 'We will call' },
        }),
      ),
    );
    const zeroLimit = structuredClone(config);
    const free = zeroLimit.plans.free;
    if (free) free.limits.api_calls = 0;
    const { platform } = testPlatform();
    const hr = client({ platform, config: zeroLimit });
    await hr.ready();
    hr.meter('api_calls').add(5);
    hr.meter('seats').set(3);
    hr.gate('sso').check();
    hr.invites.sent({ inviteId: 'i1', channel: 'email' });
    hr.invites.accepted({ inviteId: 'i1' });
    hr.track('export', { format: 'pdf', pages: 3, draft: false, note: null });
    await settle();
    const prompt = hr.prompts.current('banner').get();
    expect(prompt).not.toBeNull();
    hr.prompts.shown(prompt?.id ?? '');
    hr.prompts.clicked(prompt?.id ?? '');
    hr.experiment('usage_copy');
    await hr.upgrade({ plan: 'business', seats: 12, needs: ['invoice'], source: prompt?.id });
    hr.prompts.dismiss(prompt?.id ?? '');
    await hr.shutdown();
    const events = received.batches.flatMap((b) => b.events);
    const types = new Set(events.map((e) => e.type));
    for (const t of [
      'usage',
      'gate_hit',
      'invite_sent',
      'invite_accepted',
      'custom',
      'prompt_shown',
      'prompt_clicked',
      'prompt_dismissed',
    ]) {
      expect(types).toContain(t);
    }
    // What the edge records itself (trigger fires, route decisions) the browser does not claim.
    expect(types).not.toContain('trigger_fired');
    expect(types).not.toContain('upgrade_routed');
    for (const event of events) expect(eventSchema.safeParse(event).error?.issues ?? []).toEqual([]);
  });
});
