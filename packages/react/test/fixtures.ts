import { type AccountClaims, defineConfig, type HeadroomConfig } from '@headroom/core';
import type { ActivePrompt } from '@headroom/sdk';
import { createFakeHeadroom, type FakeHeadroom } from '@headroom/widgets/testing';
import acme from '../../core/examples/acme.config.json' with { type: 'json' };

export const config: HeadroomConfig = defineConfig(acme);

export function account(plan = 'team'): AccountClaims {
  return { sub: 'acct_1', uid: 'user_1', plan, acv: 1440, segment: 'smb', seats: 10 };
}

/** A fake client on `plan` with the given usage. */
export function fakeClient(plan = 'team', usage: Record<string, number> = {}): FakeHeadroom {
  return createFakeHeadroom({ config, account: account(plan), usage });
}

/** The canonical config's seat prompt, as the SDK would pick it for the banner. */
export function seatPrompt(): ActivePrompt {
  return {
    id: 'seat_upgrade',
    surface: 'banner',
    trigger: {
      id: 'seat_saturation',
      kind: 'meter_ratio',
      fired: true,
      reason: 'seats at 90%',
      value: 0.9,
      threshold: 0.9,
    },
    copy: {
      title: '{used} of {limit} seats taken',
      body: 'Add seats so everyone on your team can join.',
      cta: 'Add seats',
    },
    context: {
      meter: 'seats',
      used: 9,
      limit: 10,
      ratio: 0.9,
      plan: 'team',
      nextPlan: 'business',
      nextLimit: 250,
    },
  };
}
