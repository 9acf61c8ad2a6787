// The README's "Testing your app" example, run as written: a host app's code tested with the
// test client (no network, no Preact), then with msw handlers around the real SDK.

import { defineConfig } from '@headroom/core';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import acme from '../../../core/examples/acme.config.json' with { type: 'json' };
import { createHeadroom, createMemoryStorage, type Headroom } from '../index.ts';
import { createTestHeadroom, edgeHandlers } from './index.ts';

// The host app's own code under test.
const bannerPromptId = (hr: Headroom) => hr.prompts.current('banner').get()?.id ?? null;
async function startUpgrade(hr: Headroom, plan: string): Promise<string> {
  const decision = await hr.upgrade({ plan });
  return decision.route === 'cs_assist' ? 'talk to sales' : (decision.checkoutUrl ?? 'checkout');
}

describe('createTestHeadroom', () => {
  it('shows the banner once a trigger fires, and follows a forced route', async () => {
    const hr = await createTestHeadroom({ config: acme, claims: { plan: 'team', seats: 10 } });
    expect(bannerPromptId(hr)).toBeNull();

    await hr.fireTrigger('seat_saturation');
    expect(hr.triggers.$.get().find((t) => t.id === 'seat_saturation')?.fired).toBe(true);
    expect(bannerPromptId(hr)).toBe('seat_upgrade');

    hr.forceRoute({ route: 'cs_assist', reasons: ['enterprise_segment'], expansionAcv: 50_000 });
    expect(await startUpgrade(hr, 'business')).toBe('talk to sales');
    hr.forceRoute(null);
    expect(await startUpgrade(hr, 'business')).toMatch(/^https:\/\/billing\.example\.com\/checkout/);
    await hr.shutdown();
  });

  it('sets meters and records what the SDK would send', async () => {
    const hr = await createTestHeadroom({ config: acme, claims: { plan: 'free' } });
    await hr.setMeter('docs', 45);
    expect(hr.meter('docs').$.get()).toMatchObject({ used: 45, limit: 50, state: 'approaching' });
    hr.track('export_clicked', { format: 'pdf' });
    await hr.flush();
    expect(hr.sentEvents.map((e) => e.type)).toEqual(expect.arrayContaining(['usage', 'custom']));
    await expect(hr.fireTrigger('no_such_trigger')).rejects.toThrow(/no trigger/);
    await hr.shutdown();
  });
});

describe('edgeHandlers (msw)', () => {
  const endpoint = 'https://edge.example.test';
  const received: Record<string, unknown>[] = [];
  const server = setupServer(
    ...edgeHandlers({ endpoint, config: defineConfig(acme), onEvents: (e) => received.push(...e) }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('stands in for the edge around the real SDK', async () => {
    const { unsignedToken } = await import('./index.ts');
    const token = unsignedToken({
      sub: 'acct_1',
      uid: 'u_1',
      plan: 'team',
      acv: 1440,
      segment: 'smb',
      seats: 10,
    });
    const hr = createHeadroom({ endpoint, token, platform: { storage: createMemoryStorage() } });
    await hr.ready();
    expect(hr.config.$.get()?.plans.team?.name).toBe('Team');
    hr.meter('api_calls').add(120);
    await hr.flush();
    expect(received).toContainEqual(expect.objectContaining({ type: 'usage', meter: 'api_calls' }));
    expect(await startUpgrade(hr, 'business')).toMatch(/checkout/);
    await hr.shutdown();
  });
});
