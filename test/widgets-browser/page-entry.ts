// Bundled by esbuild into the test page: the elements entry, a fake client and helpers the
// tests drive through `window.hrTest`.
import { defineConfig } from '@headroom/core';
import type { UpgradeDecision } from '@headroom/sdk';
import { GateWall, HeadroomProvider, type Theme, UsageBar } from '@headroom/widgets';
import { setDefaultClient } from '@headroom/widgets/elements';
import { createFakeHeadroom, type FakeHeadroom } from '@headroom/widgets/testing';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };
// The widgets' own Preact (the test folder has another major).
import { h, render } from '../../packages/widgets/src/peers.ts';

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

/** Renders Preact widgets (not elements) bound to the last client into `#preact`. */
function renderPreact(theme?: Theme) {
  const c = window.hrTest.last;
  const target = document.getElementById('preact');
  if (!c || !target) throw new Error('no client or no #preact');
  render(
    h(HeadroomProvider, {
      client: c,
      locale: 'en',
      theme,
      children: [h(UsageBar, { meter: 'api_calls' }), h(GateWall, { feature: 'sso' })],
    }),
    target,
  );
}

declare global {
  interface Window {
    hrTest: {
      client: typeof client;
      setDefaultClient: typeof setDefaultClient;
      renderPreact: typeof renderPreact;
      last?: FakeHeadroom;
    };
  }
}

window.hrTest = { client, setDefaultClient, renderPreact };
