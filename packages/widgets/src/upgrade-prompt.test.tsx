import type { UpgradeDecision } from '@headroom/sdk';
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, config, tierPrompt, usagePrompt } from '../test/fixtures.ts';
import { renderWith } from '../test/render.tsx';
import { UpgradePrompt } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

const decisions: Record<string, UpgradeDecision> = {
  self_serve: {
    route: 'self_serve',
    reasons: ['below_assist_threshold'],
    expansionAcv: 2760,
    checkoutUrl: 'https://billing.example.com/checkout?plan=business',
  },
  self_serve_with_assist: {
    route: 'self_serve_with_assist',
    reasons: ['above_assist_threshold'],
    expansionAcv: 8000,
    checkoutUrl: 'https://billing.example.com/checkout?plan=business',
    handoff: { id: 'h1', message: 'Talk to us', bookingUrl: 'https://cal.example.com/acme/expansion' },
  },
  cs_assist: {
    route: 'cs_assist',
    reasons: ['above_cs_threshold'],
    expansionAcv: 40000,
    handoff: {
      id: 'h2',
      message: 'Dana from our team will email you within one business day.',
      bookingUrl: 'https://cal.example.com/acme/expansion',
    },
  },
};

function setup(surface: 'banner' | 'modal' | 'inline' | 'toast', upgrade?: () => Promise<UpgradeDecision>) {
  const prompt = surface === 'modal' ? tierPrompt() : usagePrompt({ surface });
  const hr = createFakeHeadroom({
    config,
    account: account('team'),
    prompts: { [surface]: prompt },
    upgrade,
  });
  return { hr, prompt, ...renderWith(hr, <UpgradePrompt surface={surface} />) };
}

describe('UpgradePrompt', () => {
  it('fills the copy with locale-formatted values and reports it shown once', () => {
    const { hr } = setup('banner');
    expect(screen.getByRole('heading', { name: "You've used 82% of your calls" })).toBeTruthy();
    expect(screen.getByText('Upgrade before you hit the limit.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Upgrade to Business' })).toBeTruthy();
    expect(screen.getByRole('region', { name: "You've used 82% of your calls" })).toBeTruthy();
    expect(hr.callsOf('prompts.shown')).toEqual([['usage_upgrade']]);
  });

  it('renders nothing when the surface has no prompt', () => {
    const hr = createFakeHeadroom({ config, account: account() });
    const { container } = renderWith(hr, <UpgradePrompt surface="banner" />, { styles: false });
    expect(container.textContent).toBe('');
  });

  it('dismiss tells the SDK and hides the prompt', async () => {
    const { hr } = setup('banner');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(hr.callsOf('prompts.dismiss')).toEqual([['usage_upgrade']]);
    await waitFor(() => expect(screen.queryByRole('heading')).toBeNull());
  });

  it('shows the same prompt again when it comes back after its snooze, without a remount', async () => {
    const { hr, prompt } = setup('banner');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('heading')).toBeNull());
    // Days later the orchestrator picks it again: a new object with the same id.
    hr.setPrompt('banner', { ...prompt });
    await waitFor(() =>
      expect(screen.getByRole('heading', { name: "You've used 82% of your calls" })).toBeTruthy(),
    );
    await waitFor(() => expect(hr.callsOf('prompts.shown')).toEqual([['usage_upgrade'], ['usage_upgrade']]));
  });

  it('self-serve: the CTA records the click, asks the edge with the next plan and opens checkout', async () => {
    const { hr, navigations } = setup('banner', async () => decisions.self_serve!);
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Business' }));
    expect(hr.callsOf('prompts.clicked')).toEqual([['usage_upgrade']]);
    expect(hr.callsOf('upgrade')).toEqual([[{ plan: 'business', source: 'usage_upgrade' }]]);
    await waitFor(() => expect(navigations).toEqual(['https://billing.example.com/checkout?plan=business']));
  });

  it('shows a loading state while the edge decides', async () => {
    let answer: (d: UpgradeDecision) => void = () => {};
    setup('inline', () => new Promise((resolve) => (answer = resolve)));
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Business' }));
    expect(await screen.findByText('Finding the best way to upgrade…')).toBeTruthy();
    answer(decisions.self_serve!);
    expect(await screen.findByRole('link', { name: 'Continue to checkout' })).toBeTruthy();
  });

  it('with assist: offers checkout and "talk to us", navigates nowhere by itself', async () => {
    const { navigations } = setup('banner', async () => decisions.self_serve_with_assist!);
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Business' }));
    const checkout = await screen.findByRole('link', { name: 'Continue to checkout' });
    expect(checkout.getAttribute('href')).toBe('https://billing.example.com/checkout?plan=business');
    expect(screen.getByRole('link', { name: 'Talk to us' }).getAttribute('href')).toBe(
      'https://cal.example.com/acme/expansion',
    );
    expect(navigations).toEqual([]);
  });

  it('CS: confirms with the handoff message and a booking link', async () => {
    const { navigations } = setup('toast', async () => decisions.cs_assist!);
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Business' }));
    expect(
      await screen.findByText('Dana from our team will email you within one business day.'),
    ).toBeTruthy();
    expect(screen.getByText('Thanks, we are on it')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Book a call' }).getAttribute('href')).toBe(
      'https://cal.example.com/acme/expansion',
    );
    expect(navigations).toEqual([]);
  });

  it('error: says so and retries', async () => {
    let calls = 0;
    setup('banner', async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return decisions.self_serve_with_assist!;
    });
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Business' }));
    expect((await screen.findByRole('alert')).textContent).toContain('We could not start your upgrade.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Talk to us' })).toBeTruthy();
    expect(calls).toBe(2);
  });

  it('toast is announced politely', () => {
    setup('toast');
    expect(screen.getByRole('status').textContent).toContain("You've used 82% of your calls");
  });
});

describe('UpgradePrompt modal', () => {
  it('is a labelled modal dialog with focus inside', () => {
    setup('modal');
    const dialog = screen.getByRole('dialog', { name: 'Unlock Audit log with Business' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText("You've reached for 3 Business features this fortnight.")).toBeTruthy();
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('traps Tab and Shift+Tab inside the dialog', () => {
    setup('modal');
    const cta = screen.getByRole('button', { name: 'See Business' });
    const dismiss = screen.getByRole('button', { name: 'Dismiss' });
    expect(document.activeElement).toBe(cta);
    dismiss.focus();
    fireEvent.keyDown(document, { key: 'Tab' });
    expect(document.activeElement).toBe(cta);
    fireEvent.keyDown(document, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(dismiss);
  });

  it('Esc closes it, dismisses the prompt and returns focus to the opener', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'open';
    document.body.append(opener);
    opener.focus();
    const { hr } = setup('modal');
    expect(document.activeElement).not.toBe(opener);
    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(hr.callsOf('prompts.dismiss')).toEqual([['tier_upgrade']]);
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
