// Bundled by esbuild into the test page: the elements entry, a fake client and helpers the
// tests drive through `window.hrTest`.
import { defineConfig } from '@headroom/core';
import type { UpgradeDecision } from '@headroom/sdk';
import { setDefaultClient } from '@headroom/widgets/elements';
import { createFakeHeadroom, type FakeHeadroom } from '@headroom/widgets/testing';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };

const config = defineConfig(acme);
const account = (plan: string) => ({
  sub: 'acct_1',
  uid: 'u_1',
  plan,
  acv: 1440,
  segment: 'smb' as const,
  seats: 10,
});

const decision: UpgradeDecision = {
  route: 'cs_assist',
  reasons: ['above_cs_threshold'],
  expansionAcv: 40_000,
  handoff: { id: 'h1', message: 'Dana will email you today.', bookingUrl: 'https://cal.example.com/acme' },
};

function client(plan: string, usage: Record<string, number>): FakeHeadroom {
  return createFakeHeadroom({
    config,
    account: account(plan),
    usage,
    upgrade: async () => decision,
    prompts: {
      modal: {
        id: 'tier_upgrade',
        surface: 'modal',
        trigger: {
          id: 'feature_exploration',
          kind: 'gate_distinct',
          fired: true,
          reason: '',
          value: 3,
          threshold: 3,
        },
        copy: {
          title: 'Unlock {feature} with {nextPlan}',
          body: 'You reached for {count} features.',
          cta: 'See {nextPlan}',
        },
        context: { plan, nextPlan: 'business', feature: 'audit_log', count: 3 },
      },
    },
  });
}

declare global {
  interface Window {
    hrTest: { client: typeof client; setDefaultClient: typeof setDefaultClient; last?: FakeHeadroom };
  }
}

window.hrTest = { client, setDefaultClient };
