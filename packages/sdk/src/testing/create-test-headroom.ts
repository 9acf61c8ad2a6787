import { type AccountClaims, defineConfig } from '@headroom/core';
import { createHeadroom } from '../create-headroom.ts';
import { createMemoryStorage } from '../memory-storage.ts';
import type { Headroom, UpgradeDecision } from '../types.ts';
import { decideTestRoute } from './decide-test-route.ts';
import { unsignedToken } from './unsigned-token.ts';

/** Options for `createTestHeadroom`. */
export interface TestHeadroomOptions {
  /** The host's config, e.g. its JSON file (validated with `defineConfig`). */
  config: unknown;
  /**
   * Token claims. @default an activated smb account on the first plan of the upgrade path,
   * 1 seat, ACV 0 (so eligibility never hides a prompt by accident)
   */
  claims?: Partial<AccountClaims>;
  /** Clock. @default Date.now */
  now?: () => number;
}

/** The SDK's public API, plus what a host app's test needs to set the scene. */
export interface TestHeadroom extends Headroom {
  /** Sets a meter's usage, as `meter(id).set(used)` does; resolves once triggers and prompts are re-evaluated. */
  setMeter(id: string, used: number): Promise<void>;
  /**
   * Makes a trigger of the config fire through the facts it counts (usage at its ratio of the
   * plan's limit, distinct gate hits, invites): the real engine decides, as in production.
   * Resolves once triggers and prompts are re-evaluated.
   * @throws Error for a trigger the config does not have, or one it cannot fire this way.
   */
  fireTrigger(id: string): Promise<void>;
  /** What `upgrade()` answers from now on; null goes back to `decideRoute` over the claims. */
  forceRoute(decision: UpgradeDecision | null): void;
  /** Every event the SDK delivered (after `flush()`), in order. */
  readonly sentEvents: readonly Record<string, unknown>[];
}

const ENDPOINT = 'https://headroom.test';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A Headroom client for host-app tests: the real SDK (meters, gates, triggers, prompts,
 * experiments) with an in-memory edge, memory storage, no network and no Preact.
 * @example
 * const hr = await createTestHeadroom({ config: acmeConfig, claims: { plan: 'team' } });
 * await hr.fireTrigger('usage_ceiling');
 * expect(hr.prompts.current('banner').get()?.trigger.id).toBe('usage_ceiling');
 */
export async function createTestHeadroom(options: TestHeadroomOptions): Promise<TestHeadroom> {
  const config = defineConfig(options.config);
  const now = options.now ?? Date.now;
  const claims: AccountClaims = {
    sub: 'acct_test',
    uid: 'user_test',
    plan: config.upgradePath[0] ?? Object.keys(config.plans)[0] ?? 'free',
    acv: 0,
    segment: 'smb',
    seats: 1,
    activatedAt: '2000-01-01',
    exp: Math.floor(now() / 1000) + 365 * 86_400,
    ...options.claims,
  };
  const sentEvents: Record<string, unknown>[] = [];
  let forced: UpgradeDecision | null = null;

  // The edge's part, in memory: events are kept for assertions, routes decided from the claims.
  const edge = async (input: string, init?: RequestInit): Promise<Response> => {
    const path = new URL(input).pathname;
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    if (path === '/v1/config') return json(config);
    if (path === '/v1/events') {
      const events = (body.events ?? []) as Record<string, unknown>[];
      sentEvents.push(...events);
      return json({ accepted: events.length, duplicates: 0, rejected: 0 }, 202);
    }
    if (path === '/v1/route') {
      const plan = String(body.plan);
      if (forced) return json(forced);
      if (!config.plans[plan])
        return json({ error: { code: 'invalid_body', message: `unknown plan "${plan}"` } }, 400);
      const request = {
        plan,
        seats: body.seats as number | undefined,
        needs: body.needs as string[] | undefined,
      };
      return json(decideTestRoute(config, claims, request));
    }
    if (path === '/v1/account')
      return json({ accountId: claims.sub, gateHits: [], invites: [], meterHistory: {}, usage: {} });
    return json({ error: { code: 'not_found', message: 'no such route' } }, 404);
  };

  const hr = createHeadroom({
    endpoint: ENDPOINT,
    token: unsignedToken(claims),
    config,
    platform: { fetch: edge, now, storage: createMemoryStorage(), sendBeacon: () => false },
  });
  await hr.ready();

  // The SDK re-evaluates in a microtask after each change: a macrotask later it is done.
  const settled = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  const fireTrigger = async (id: string) => {
    const trigger = config.triggers.find((candidate) => candidate.id === id);
    if (!trigger) throw new Error(`fireTrigger: the config has no trigger "${id}"`);
    if (trigger.kind === 'meter_ratio') {
      const meter = trigger.meters[0] ?? '';
      const limit = config.plans[claims.plan]?.limits[meter];
      if (typeof limit !== 'number')
        throw new Error(`fireTrigger: plan "${claims.plan}" has no limit for meter "${meter}"`);
      hr.meter(meter).set(Math.ceil(limit * trigger.atLeast));
    } else if (trigger.kind === 'gate_distinct') {
      for (let i = 0; i < trigger.atLeast; i++) hr.gate(`test_feature_${i}`).hit();
    } else if (trigger.kind === 'invites_sent') {
      for (let i = 0; i < trigger.atLeast; i++) hr.invites.sent({ inviteId: `test_invite_${now()}_${i}` });
    } else {
      throw new Error(`fireTrigger: "${id}" is a ${trigger.kind} trigger; set the facts it counts instead`);
    }
    await settled();
  };

  const helpers = {
    setMeter: async (id: string, used: number) => {
      hr.meter(id).set(used);
      await settled();
    },
    fireTrigger,
    forceRoute: (decision: UpgradeDecision | null) => {
      forced = decision;
    },
    sentEvents,
  };
  // Delegates everything else to the real client.
  return Object.assign(Object.create(hr) as Headroom, helpers);
}
