import { type AccountClaims, defineConfig, type HeadroomConfig } from '@headroom/core';
import type { ActivePrompt } from '@headroom/sdk';
import acme from '../../core/examples/acme.config.json' with { type: 'json' };

export const config: HeadroomConfig = defineConfig(acme);

export function account(plan = 'team', extra: Partial<AccountClaims> = {}): AccountClaims {
  return { sub: 'acct_1', uid: 'user_1', plan, acv: 1440, segment: 'smb', seats: 10, ...extra };
}

const trigger = {
  id: 'usage_ceiling',
  kind: 'meter_ratio',
  fired: true,
  reason: 'api_calls at 82%',
  value: 0.82,
  threshold: 0.8,
};

/** The usage prompt with the "control" copy of the usage_copy experiment. */
export function usagePrompt(extra: Partial<ActivePrompt> = {}): ActivePrompt {
  return {
    id: 'usage_upgrade',
    surface: 'banner',
    trigger,
    copy: {
      title: "You've used {percent} of your {meter}",
      body: 'Upgrade before you hit the limit.',
      cta: 'Upgrade to {nextPlan}',
    },
    context: {
      meter: 'api_calls',
      used: 82_000,
      limit: 100_000,
      ratio: 0.82,
      plan: 'team',
      nextPlan: 'business',
      nextLimit: 1_000_000,
    },
    experiment: { experimentId: 'usage_copy', variantId: 'control', bucket: 1234, enrolled: true },
    ...extra,
  };
}

/** The tier prompt (modal) from the canonical config. */
export function tierPrompt(extra: Partial<ActivePrompt> = {}): ActivePrompt {
  return {
    id: 'tier_upgrade',
    surface: 'modal',
    trigger: {
      id: 'feature_exploration',
      kind: 'gate_distinct',
      fired: true,
      reason: '3 gated features',
      value: 3,
      threshold: 3,
    },
    copy: {
      title: 'Unlock {feature} with {nextPlan}',
      body: "You've reached for {count} {nextPlan} features this fortnight.",
      cta: 'See {nextPlan}',
    },
    context: { plan: 'team', nextPlan: 'business', feature: 'audit_log', count: 3 },
    ...extra,
  };
}
