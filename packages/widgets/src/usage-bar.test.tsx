import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, config } from '../test/fixtures.ts';
import { renderWith } from '../test/render.tsx';
import { UsageBar } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

const client = (used: number, meter = 'api_calls', plan = 'team', extra = {}) =>
  createFakeHeadroom({ config, account: account(plan), usage: { [meter]: used }, ...extra });

describe('UsageBar', () => {
  it('says how much is used, of what limit, with progressbar semantics', () => {
    renderWith(client(8200, 'docs'), <UsageBar meter="docs" />);
    expect(screen.getByText('Documents')).toBeTruthy();
    expect(screen.getByText('8,200 of 1,000 documents', { exact: false })).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Documents' });
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('1000');
  });

  it.each([
    [0, 'ok', '0 of 1,000 documents', '0%', null],
    [790, 'ok', '790 of 1,000 documents', '79%', null],
    [800, 'approaching', '800 of 1,000 documents', '80%', 'Approaching limit'],
    [1000, 'at_limit', '1,000 of 1,000 documents', '100%', 'Limit reached'],
    [1300, 'over', '1,300 of 1,000 documents', '130%', 'Over limit'],
  ])('at %i documents shows state %s with text, not colour alone', (used, state, text, percent, label) => {
    const { container } = renderWith(client(used, 'docs'), <UsageBar meter="docs" />);
    expect(container.querySelector('[data-state]')?.getAttribute('data-state')).toBe(state);
    expect(screen.getByText(text, { exact: false })).toBeTruthy();
    expect(screen.getByText(`· ${percent}`, { exact: false })).toBeTruthy();
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe(String(Math.min(used, 1000)));
    expect(bar.getAttribute('aria-valuetext')).toContain(
      `${used.toLocaleString('en-US')} of 1,000 documents, ${percent}`,
    );
    if (label) {
      expect(screen.getByText(label)).toBeTruthy();
      expect(bar.getAttribute('aria-valuetext')).toContain(label);
    } else {
      expect(screen.queryByText(/limit reached|approaching|over limit/i)).toBeNull();
    }
  });

  it('shows an unlimited meter without a progressbar', () => {
    renderWith(client(4200, 'docs', 'business'), <UsageBar meter="docs" />);
    expect(screen.getByText('4,200 documents (unlimited)')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('uses the singular unit for one', () => {
    renderWith(client(1, 'seats', 'free'), <UsageBar meter="seats" />);
    expect(screen.getByText('1 of 3 seats', { exact: false })).toBeTruthy();
    const single = createFakeHeadroom({ config, account: account('free'), usage: { seats: 0 } });
    single.$config.set({
      ...config,
      plans: { ...config.plans, free: { ...config.plans.free!, limits: { seats: 1 } } },
    });
    renderWith(single, <UsageBar meter="seats" />);
    expect(screen.getAllByText(/^0 of 1 seat$/).length).toBe(1);
  });

  it('shows compact numbers for big limits and the reset date of resetting meters', () => {
    renderWith(client(820_000, 'api_calls', 'business'), <UsageBar meter="api_calls" />);
    expect(screen.getByText('820K of 1M calls', { exact: false })).toBeTruthy();
    expect(screen.getByText(/^Resets [A-Z][a-z]{2} 1$/)).toBeTruthy();
  });

  it('updates when the meter store changes', async () => {
    const hr = client(10, 'docs');
    renderWith(hr, <UsageBar meter="docs" />);
    hr.meter('docs').set(950);
    await waitFor(() => expect(screen.getByText('Approaching limit')).toBeTruthy());
  });

  it('offers an upgrade only from 80 %, and opens checkout for self-serve', async () => {
    const { navigations } = renderWith(client(800, 'docs'), <UsageBar meter="docs" />);
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Business' }));
    await waitFor(() => expect(navigations).toEqual(['https://billing.example.com/checkout?plan=business']));
    expect(screen.getByRole('link', { name: 'Continue to checkout' }).getAttribute('href')).toBe(
      'https://billing.example.com/checkout?plan=business',
    );
  });

  it('has no upgrade button below 80 % or when cta is off', () => {
    renderWith(client(790, 'docs'), <UsageBar meter="docs" />);
    expect(screen.queryByRole('button')).toBeNull();
    renderWith(client(900, 'docs'), <UsageBar meter="docs" cta={false} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
