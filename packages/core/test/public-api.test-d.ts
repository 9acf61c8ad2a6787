import { describe, expectTypeOf, it } from 'vitest';
import {
  type Assignment,
  assignVariant,
  type ConfigChange,
  type ConfigWarning,
  checkEligibility,
  configSchema,
  createWindow,
  decideRoute,
  defineConfig,
  didYouMean,
  diffConfigs,
  type Eligibility,
  type EventOf,
  evaluateTriggers,
  eventSchema,
  type HeadroomConfig,
  HeadroomConfigError,
  type HeadroomEvent,
  isEligible,
  lintConfig,
  type MeterStateName,
  meterState,
  type RollingWindow,
  type Route,
  type RouteDecision,
  type RouteReason,
  type TriggerResult,
  type TriggerSnapshot,
  validateConfig,
} from '../src/index.ts';

declare const config: HeadroomConfig;

describe('public types', () => {
  it('defineConfig takes unknown JSON and returns a config with defaults filled', () => {
    expectTypeOf(defineConfig).parameter(0).toBeUnknown();
    expectTypeOf(defineConfig({})).toEqualTypeOf<HeadroomConfig>();
    expectTypeOf(config.fatigue.maxModalsPerDay).toEqualTypeOf<number>();
    expectTypeOf(config.routing.csNeeds).toEqualTypeOf<string[]>();
    expectTypeOf(config.plans['']).toEqualTypeOf<HeadroomConfig['plans'][string] | undefined>();
    expectTypeOf<HeadroomConfig['plans'][string]['seatPrice']>().toEqualTypeOf<number | null>();
    expectTypeOf<HeadroomConfig['triggers'][number]['kind']>().toEqualTypeOf<
      | 'meter_ratio'
      | 'meter_sustained'
      | 'gate_distinct'
      | 'gate_intent'
      | 'invites_sent'
      | 'meter_forecast'
      | 'event_count'
      | 'trait'
      | 'power_users'
      | 'feature_adoption'
    >();
    expectTypeOf(new HeadroomConfigError([]).issues).toEqualTypeOf<
      readonly { path: string; message: string }[]
    >();
  });

  it('meterState classifies into four states', () => {
    expectTypeOf(meterState({ used: 1, limit: null }).state).toEqualTypeOf<MeterStateName>();
    expectTypeOf<MeterStateName>().toEqualTypeOf<'ok' | 'approaching' | 'at_limit' | 'over'>();
    // @ts-expect-error used is required
    meterState({ limit: 10 });
  });

  it('createWindow is a rolling counter', () => {
    const window = createWindow({ days: 14, bucket: 'day' });
    expectTypeOf(window).toEqualTypeOf<RollingWindow>();
    expectTypeOf(window.add).toBeCallableWith(Date.now(), 1, 'sso');
    expectTypeOf(window.sum(0)).toEqualTypeOf<number>();
    expectTypeOf(window.distinct(0)).toEqualTypeOf<number>();
    // @ts-expect-error only day buckets exist
    createWindow({ days: 14, bucket: 'hour' });
  });

  it('evaluateTriggers takes a snapshot, a config and now', () => {
    const snapshot: TriggerSnapshot = { claims: { plan: 'team' }, meters: { seats: 3 } };
    expectTypeOf(evaluateTriggers(snapshot, config, Date.now())).toEqualTypeOf<TriggerResult[]>();
    expectTypeOf(evaluateTriggers(snapshot, config, new Date())).toEqualTypeOf<TriggerResult[]>();
    expectTypeOf<TriggerResult>().toHaveProperty('reason').toEqualTypeOf<string>();
    expectTypeOf<TriggerResult>().toHaveProperty('threshold').toEqualTypeOf<number>();
    // @ts-expect-error a snapshot needs the plan claim
    evaluateTriggers({ claims: {}, meters: {} }, config, 0);
    // @ts-expect-error meters are numbers
    evaluateTriggers({ claims: { plan: 'team' }, meters: { seats: '3' } }, config, 0);
  });

  it('checkEligibility returns eligible and reasons', () => {
    const result = checkEligibility({ segment: 'smb', activatedAt: '2026-01-01' }, config, 0);
    expectTypeOf(result).toEqualTypeOf<Eligibility>();
    expectTypeOf(result.reasons).toEqualTypeOf<
      Array<
        | 'not_activated'
        | 'activation_too_recent'
        | 'low_health'
        | 'low_active_users'
        | 'churn_risk'
        | 'health_unknown'
        | 'active_users_unknown'
      >
    >();
    expectTypeOf(result.unknown).toEqualTypeOf<Array<'health' | 'active_users'>>();
    // @ts-expect-error segments are smb, mid_market, enterprise
    checkEligibility({ segment: 'startup' }, config, 0);
    expectTypeOf(isEligible({ segment: 'smb' }, config, new Date())).toEqualTypeOf<boolean>();
  });

  it('assignVariant needs an id and weighted variants', () => {
    expectTypeOf(
      assignVariant({ id: 'x', variants: [{ id: 'a', weight: 1 }] }, 'u'),
    ).toEqualTypeOf<Assignment>();
    expectTypeOf<Assignment>().toExtend<{
      experimentId: string;
      variantId: string;
      bucket: number;
    }>();
    // @ts-expect-error variants need weights
    assignVariant({ id: 'x', variants: [{ id: 'a' }] }, 'u');
  });

  it('decideRoute returns one of three routes with typed reasons', () => {
    const decision = decideRoute({ plan: 'team', claims: { acv: 0, segment: 'smb', seats: 3 } }, config);
    expectTypeOf(decision).toEqualTypeOf<RouteDecision>();
    expectTypeOf(decision.route).toEqualTypeOf<Route>();
    expectTypeOf<Route>().toEqualTypeOf<'self_serve' | 'self_serve_with_assist' | 'cs_assist'>();
    expectTypeOf(decision.expansionAcv).toEqualTypeOf<number | null>();
    expectTypeOf<'needs_invoice'>().toExtend<RouteReason>();
    expectTypeOf<'stalled_pql'>().toExtend<RouteReason>();
    // @ts-expect-error ACV comes from verified claims, which are required
    decideRoute({ plan: 'team' }, config);
    // @ts-expect-error seats are a number
    decideRoute({ plan: 'team', seats: '3', claims: { acv: 0, segment: 'smb', seats: 3 } }, config);
  });

  it('eventSchema outputs a discriminated union', () => {
    expectTypeOf(eventSchema.parse({})).toEqualTypeOf<HeadroomEvent>();
    expectTypeOf<HeadroomEvent['type']>().toEqualTypeOf<
      | 'usage'
      | 'gate_hit'
      | 'invite_sent'
      | 'invite_accepted'
      | 'custom'
      | 'trigger_fired'
      | 'prompt_shown'
      | 'prompt_clicked'
      | 'prompt_dismissed'
      | 'exposure'
      | 'upgrade_routed'
      | 'upgrade_completed'
      | 'subscription_changed'
      | 'subscription_canceled'
    >();
    expectTypeOf<EventOf<'upgrade_completed'>>().toHaveProperty('amount').toEqualTypeOf<number>();
    expectTypeOf<EventOf<'gate_hit'>>().toHaveProperty('feature').toEqualTypeOf<string>();
    expectTypeOf(configSchema.parse({})).toEqualTypeOf<HeadroomConfig>();
  });

  it('validateConfig narrows on valid; lintConfig takes a parsed config only', () => {
    const result = validateConfig({});
    if (result.valid) expectTypeOf(result.config).toEqualTypeOf<HeadroomConfig>();
    else expectTypeOf(result.issues).toEqualTypeOf<readonly { path: string; message: string }[]>();
    expectTypeOf(lintConfig(config)).toEqualTypeOf<ConfigWarning[]>();
    expectTypeOf<ConfigWarning['code']>().toEqualTypeOf<
      | 'unused_prompt'
      | 'unused_experiment'
      | 'ratio_out_of_range'
      | 'zero_weights'
      | 'no_click_snooze'
      | 'holdout_without_prompt'
    >();
    // @ts-expect-error raw JSON must go through defineConfig or validateConfig first
    lintConfig({ triggers: [] });
    expectTypeOf(didYouMean('trigers', ['triggers'])).toEqualTypeOf<string | undefined>();
  });

  it('diffConfigs compares two parsed configs', () => {
    expectTypeOf(diffConfigs(config, config)).toEqualTypeOf<ConfigChange[]>();
    expectTypeOf<ConfigChange['kind']>().toEqualTypeOf<'added' | 'removed' | 'changed'>();
    expectTypeOf<ConfigChange['section']>().toEqualTypeOf<keyof HeadroomConfig>();
    // @ts-expect-error raw JSON must be validated first, so defaults compare equal
    diffConfigs({}, config);
  });
});
