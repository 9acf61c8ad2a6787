import { defineConfig, evaluateTriggers, type HeadroomConfig, inTriggerHoldout } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import acme from '../../core/examples/acme.config.json' with { type: 'json' };
import { claims, DAY, settle, T0, testPlatform, tokenFor } from '../test/harness.ts';
import { createHeadroom } from './create-headroom.ts';
import type { Mark } from './create-ledger.ts';
import { selectPrompts } from './select-prompts.ts';
import type { Platform } from './types.ts';

// No msw here: an inline config, and a fetch that answers like an edge that stores events.
const fetch: Platform['fetch'] = async (url) =>
  url.endsWith('/v1/events')
    ? Response.json({ accepted: 0, duplicates: 0 }, { status: 202 })
    : new Response(null, { status: 404 });

const start = async (plan: string, config: HeadroomConfig = defineConfig(acme)) => {
  const { platform } = testPlatform({ fetch });
  const hr = createHeadroom({
    endpoint: 'https://edge.invalid',
    token: tokenFor(claims({ plan })),
    config,
    platform,
  });
  await hr.ready();
  return hr;
};

const withPrompt = (over: Record<string, unknown>) =>
  defineConfig({
    ...acme,
    prompts: { ...acme.prompts, tier_upgrade: { ...acme.prompts.tier_upgrade, ...over } },
  });

describe('the plan a prompt upgrades to', () => {
  it('a gate prompt names the plan that unlocks the features hit, not the next plan', async () => {
    const hr = await start('free');
    for (const f of ['sso', 'audit_log', 'automations']) hr.gate(f).hit();
    await settle();
    // Team is next after Free, but only Business has these features.
    expect(hr.prompts.current('modal').get()?.context).toMatchObject({
      plan: 'free',
      feature: 'automations',
      nextPlan: 'business',
      count: 3,
    });
    await hr.shutdown();
  });

  it('of several features, shows the one the lowest plan unlocks, with that plan', async () => {
    const hr = await start('free');
    for (const f of ['sso', 'comments', 'audit_log']) hr.gate(f).hit();
    await settle();
    expect(hr.prompts.current('modal').get()?.context).toMatchObject({
      feature: 'comments',
      nextPlan: 'team',
    });
    await hr.shutdown();
  });

  it('the prompt’s own plan in the config wins', async () => {
    const hr = await start('free', withPrompt({ plan: 'enterprise' }));
    for (const f of ['sso', 'audit_log', 'automations']) hr.gate(f).hit();
    await settle();
    expect(hr.prompts.current('modal').get()?.context.nextPlan).toBe('enterprise');
    await hr.shutdown();
  });

  it('a meter prompt skips a next plan whose limit for that meter is no higher', async () => {
    const config = defineConfig({
      ...acme,
      plans: { ...acme.plans, team: { ...acme.plans.team, limits: { ...acme.plans.team.limits, docs: 50 } } },
    });
    const hr = await start('free', config);
    hr.meter('docs').set(45);
    await settle();
    expect(hr.prompts.current('banner').get()?.context).toMatchObject({
      meter: 'docs',
      limit: 50,
      nextPlan: 'business',
      nextLimit: null,
    });
    await hr.shutdown();
  });

  it('a meter prompt keeps the next plan when it raises the limit', async () => {
    const hr = await start('free');
    hr.meter('api_calls').set(900);
    await settle();
    expect(hr.prompts.current('banner').get()?.context).toMatchObject({
      meter: 'api_calls',
      nextPlan: 'team',
      nextLimit: 100000,
    });
    await hr.shutdown();
  });
});

describe('selectPrompts: gate prompt context', () => {
  const config = defineConfig(acme);
  const ledgerOf = (marks: Mark[]) => ({
    list: (kind: string, since = -Infinity) => marks.filter((m) => m[1] === kind && m[0] >= since),
    countOf: () => 0,
  });
  const tier = (
    plan: string,
    marks: Mark[],
    gateHits: Array<{ day: number; feature: string; count: number }>,
  ) => {
    const account = claims({ plan });
    const triggers = evaluateTriggers({ claims: account, meters: {}, gateHits }, config, T0);
    return selectPrompts({
      config,
      claims: account,
      triggers,
      meters: {},
      gateHits,
      ledger: ledgerOf(marks),
      now: T0,
    }).modal?.context;
  };
  const today = Math.floor(T0 / DAY);

  it('uses the whole account’s hits when this user hit nothing, skipping features the plan has', () => {
    const hits = ['comments', 'version_history', 'sso', 'audit_log'].map((feature) => ({
      day: today - 1,
      feature,
      count: 1,
    }));
    expect(tier('team', [], hits)).toMatchObject({ feature: 'sso', nextPlan: 'business' });
  });

  it('ignores this user’s hits from before the trigger window', () => {
    const hits = ['sso', 'audit_log', 'automations'].map((feature) => ({ day: today, feature, count: 1 }));
    // Comments (a Team feature) would make Team the offer, but that hit is 20 days old.
    const marks: Mark[] = [
      [T0 - 20 * DAY, 'g', 'comments'],
      [T0 - 60_000, 'g', 'audit_log'],
    ];
    expect(tier('free', marks, hits)).toMatchObject({ feature: 'audit_log', nextPlan: 'business' });
  });
});

describe('trigger holdouts', () => {
  const holdout = 0.2;
  const config = defineConfig({
    ...acme,
    triggers: acme.triggers.map((t) => (t.id === 'feature_exploration' ? { ...t, holdout } : t)),
  });
  const trigger = { id: 'feature_exploration', holdout };
  const ids = Array.from({ length: 100 }, (_, i) => `acct_${i}`);
  const start = async (sub: string) => {
    const { platform } = testPlatform({ fetch });
    const hr = createHeadroom({
      endpoint: 'https://edge.invalid',
      token: tokenFor(claims({ plan: 'free', sub })),
      config,
      platform,
    });
    await hr.ready();
    for (const f of ['sso', 'audit_log', 'automations']) hr.gate(f).hit();
    await settle();
    return hr;
  };

  it('a held-out account fires the trigger but is never shown its prompt', async () => {
    const held = ids.find((id) => inTriggerHoldout(trigger, id)) as string;
    const hr = await start(held);
    expect(hr.triggers.$.get().find((t) => t.id === 'feature_exploration')).toMatchObject({ fired: true });
    expect(hr.prompts.current('modal').get()).toBeNull();
    await hr.shutdown();
  });

  it('every other account sees it', async () => {
    const exposed = ids.find((id) => !inTriggerHoldout(trigger, id)) as string;
    const hr = await start(exposed);
    expect(hr.prompts.current('modal').get()?.trigger.id).toBe('feature_exploration');
    await hr.shutdown();
  });
});

describe('purchased seats (a purchasedSeats meter)', () => {
  // Acme's seat meter limited by the seats paid for; an invite surge's copy talks about seats.
  const purchased = defineConfig({
    ...acme,
    meters: { ...acme.meters, seats: { ...acme.meters.seats, purchasedSeats: true } },
    triggers: acme.triggers.map((t) => (t.kind === 'invites_sent' ? { ...t, meter: 'seats' } : t)),
  });
  const startWith = async (over: { plan: string; seats: number }) => {
    const { platform } = testPlatform({ fetch });
    const hr = createHeadroom({
      endpoint: 'https://edge.invalid',
      token: tokenFor(claims({ ...over, usage: { seats: 2 } })),
      config: purchased,
      platform,
    });
    await hr.ready();
    return hr;
  };

  it('the seat bar counts against the seats bought, not the plan limit', async () => {
    const hr = await startWith({ plan: 'team', seats: 3 });
    await settle();
    expect(hr.meter('seats').$.get()).toMatchObject({ used: 2, limit: 3 });
    await hr.shutdown();
    const assisted = await startWith({ plan: 'team', seats: 20 });
    await settle();
    expect(assisted.meter('seats').$.get()).toMatchObject({ used: 2, limit: 20, state: 'ok' });
    await assisted.shutdown();
  });

  it('five invites fire the seat prompt with the seats filled in: "2 of 3 seats taken"', async () => {
    const hr = await startWith({ plan: 'free', seats: 3 });
    for (let i = 0; i < 5; i++) hr.invites.sent({ inviteId: `inv_${i}` });
    await settle();
    const prompt = hr.prompts.current('banner').get();
    expect(prompt?.id).toBe('seat_upgrade');
    expect(prompt?.context).toMatchObject({ meter: 'seats', used: 2, limit: 3, nextPlan: 'team' });
    await hr.shutdown();
  });
});
