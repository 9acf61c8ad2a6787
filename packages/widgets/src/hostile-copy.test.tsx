import type { UpgradeDecision } from '@headroom/sdk';
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { account, config, usagePrompt } from '../test/fixtures.ts';
import { renderWith } from '../test/render.tsx';
import { GateWall, InviteNudge, UpgradePrompt } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

const XSS = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
const hostileUrls = [
  'javascript:window.__pwned=1',
  'data:text/html,<script>window.__pwned=1</script>',
  'http://insecure.example.com',
  '//evil.example.com/checkout',
];

declare global {
  interface Window {
    __pwned?: number;
  }
}

afterEach(() => {
  delete window.__pwned;
});

function hostileHr(decision: UpgradeDecision) {
  return createFakeHeadroom({
    config: { ...config, plans: { ...config.plans, business: { ...config.plans.business!, name: XSS } } },
    account: account('team'),
    prompts: {
      banner: usagePrompt({ copy: { title: `${XSS} {nextPlan}`, body: XSS, cta: `${XSS}` } }),
    },
    upgrade: async () => decision,
  });
}

describe('hostile copy and URLs', () => {
  it.each(hostileUrls)('copy stays text and no link renders for %s', async (url) => {
    const hr = hostileHr({
      route: 'self_serve_with_assist',
      reasons: [],
      expansionAcv: 9000,
      checkoutUrl: url,
      handoff: { id: 'h', message: XSS, bookingUrl: url },
    });
    const { container, navigations } = renderWith(hr, <UpgradePrompt surface="banner" />);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByRole('heading').textContent).toBe(`${XSS} ${XSS}`);
    fireEvent.click(screen.getByRole('button', { name: XSS }));
    await waitFor(() => expect(screen.getByRole('alert')).toBeTruthy());
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('img, script')).toBeNull();
    expect(navigations).toEqual([]);
    expect(window.__pwned).toBeUndefined();
  });

  it('a CS handoff message with markup is shown as text, its hostile booking link is dropped', async () => {
    const hr = hostileHr({
      route: 'cs_assist',
      reasons: [],
      expansionAcv: 90000,
      handoff: { id: 'h', message: XSS, bookingUrl: 'javascript:window.__pwned=1' },
    });
    const { container } = renderWith(hr, <UpgradePrompt surface="banner" />);
    fireEvent.click(screen.getByRole('button', { name: XSS }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain(`Thanks, we are on it${XSS}`),
    );
    expect(container.querySelector('a, img, script')).toBeNull();
    expect(window.__pwned).toBeUndefined();
  });

  it('self-serve never navigates to a javascript: checkout', async () => {
    const hr = hostileHr({
      route: 'self_serve',
      reasons: [],
      expansionAcv: 10,
      checkoutUrl: 'javascript:window.__pwned=1',
    });
    const { navigations } = renderWith(hr, <UpgradePrompt surface="banner" />);
    fireEvent.click(screen.getByRole('button', { name: XSS }));
    await screen.findByRole('alert');
    expect(navigations).toEqual([]);
  });

  it('feature labels, plan names and invite subjects stay text', () => {
    const hr = hostileHr({ route: 'self_serve', reasons: [], expansionAcv: 0 });
    const { container } = renderWith(
      hr,
      <>
        <GateWall feature="sso" label={XSS} />
        <InviteNudge context="share" subject={XSS} onInvite={() => undefined} />
      </>,
    );
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByRole('heading', { name: `Invite a teammate to review ${XSS}` })).toBeTruthy();
    expect(window.__pwned).toBeUndefined();
  });
});
