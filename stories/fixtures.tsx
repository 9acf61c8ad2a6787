import { type AccountClaims, type CopyConfig, defineConfig, type Surface } from '@headroom/core';
import type { ActivePrompt, UpgradeDecision } from '@headroom/sdk';
import { HeadroomProvider, type HeadroomProviderProps } from '@headroom/widgets';
import { createFakeHeadroom, type FakeHeadroom, type FakeHeadroomState } from '@headroom/widgets/testing';
import type { ComponentChildren } from 'preact';
import acme from '../packages/core/examples/acme.config.json' with { type: 'json' };

/** The canonical Acme config from DESIGN.md. */
export const config = defineConfig(acme);

export function account(plan = 'team'): AccountClaims {
  return { sub: 'acct_1', uid: 'user_1', plan, acv: 1440, segment: 'smb', seats: 10 };
}

/** Route outcomes a story can ask the fake edge for. */
export type Outcome = 'self_serve' | 'self_serve_with_assist' | 'cs_assist' | 'loading' | 'error';

const decisions: Record<'self_serve' | 'self_serve_with_assist' | 'cs_assist', UpgradeDecision> = {
  self_serve: {
    route: 'self_serve',
    reasons: ['below_assist_threshold'],
    expansionAcv: 2760,
    checkoutUrl: 'https://billing.example.com/checkout?plan=business&seats=10',
  },
  self_serve_with_assist: {
    route: 'self_serve_with_assist',
    reasons: ['above_assist_threshold'],
    expansionAcv: 8400,
    checkoutUrl: 'https://billing.example.com/checkout?plan=business&seats=20',
    handoff: { id: 'h_1', message: 'Talk to us', bookingUrl: 'https://cal.example.com/acme/expansion' },
  },
  cs_assist: {
    route: 'cs_assist',
    reasons: ['above_cs_threshold'],
    expansionAcv: 40_560,
    handoff: {
      id: 'h_2',
      message: 'Dana from our team will email you within one business day to plan the upgrade.',
      bookingUrl: 'https://cal.example.com/acme/expansion',
    },
  },
};

/** A fake edge answer: a decision, a request that never ends, or a failure. */
export function upgradeFor(outcome: Outcome) {
  return (): Promise<UpgradeDecision> => {
    if (outcome === 'loading') return new Promise(() => {});
    if (outcome === 'error') return Promise.reject(new Error('network down'));
    return new Promise((resolve) => setTimeout(() => resolve(decisions[outcome]), 150));
  };
}

const usageCopy: CopyConfig = {
  title: "You've used {percent} of your {meter}",
  body: 'Upgrade before you hit the limit.',
  cta: 'Upgrade to {nextPlan}',
};

/** The prompt the canonical config would pick for a surface. */
export function promptFor(surface: Surface, copy: CopyConfig = usageCopy): ActivePrompt {
  return {
    id: surface === 'modal' ? 'tier_upgrade' : 'usage_upgrade',
    surface,
    trigger: {
      id: 'usage_ceiling',
      kind: 'meter_ratio',
      fired: true,
      reason: 'api_calls at 82%',
      value: 0.82,
      threshold: 0.8,
    },
    copy:
      surface === 'modal'
        ? {
            title: 'Unlock {feature} with {nextPlan}',
            body: "You've reached for {count} {nextPlan} features this fortnight.",
            cta: 'See {nextPlan}',
          }
        : copy,
    context: {
      meter: 'api_calls',
      used: 82_000,
      limit: 100_000,
      ratio: 0.82,
      plan: 'team',
      nextPlan: 'business',
      nextLimit: 1_000_000,
      feature: 'audit_log',
      count: 3,
    },
  };
}

export function fake(state: Partial<FakeHeadroomState> = {}): FakeHeadroom {
  return createFakeHeadroom({ config, account: account(), ...state });
}

/** Provider + page background for a story; checkout links never leave Storybook. */
export function Frame(
  props: { hr: FakeHeadroom; children: ComponentChildren } & Partial<Omit<HeadroomProviderProps, 'client'>>,
) {
  const { hr, children, ...rest } = props;
  const dark = rest.theme === 'dark';
  return (
    <div
      dir={rest.locale?.startsWith('ar') ? 'rtl' : undefined}
      style={{
        background: dark ? '#0d1117' : '#f6f8fa',
        padding: '24px',
        minHeight: '240px',
        maxWidth: '720px',
      }}
    >
      <HeadroomProvider client={hr} locale="en-US" onNavigate={() => {}} {...rest}>
        {children}
      </HeadroomProvider>
    </div>
  );
}
