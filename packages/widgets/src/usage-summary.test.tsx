import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, config } from '../test/fixtures.ts';
import { renderWith } from '../test/render.tsx';
import { UsageSummary } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

describe('UsageSummary', () => {
  it('lists every meter of the plan under its name', () => {
    const hr = createFakeHeadroom({
      config,
      account: account('team'),
      usage: { seats: 4, api_calls: 10, docs: 5 },
    });
    renderWith(hr, <UsageSummary />);
    expect(screen.getByRole('region', { name: 'Usage on Team' })).toBeTruthy();
    expect(screen.getAllByRole('progressbar').map((b) => b.getAttribute('aria-label'))).toEqual([
      'Seats',
      'API calls',
      'Documents',
    ]);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers one upgrade for the whole summary once a meter reaches 80 %', async () => {
    const hr = createFakeHeadroom({ config, account: account('team'), usage: { seats: 9, docs: 1200 } });
    const { navigations } = renderWith(hr, <UsageSummary meters={['seats', 'docs']} />);
    expect(screen.getAllByRole('progressbar').length).toBe(2);
    const buttons = screen.getAllByRole('button', { name: 'Upgrade to Business' });
    expect(buttons.length).toBe(1);
    fireEvent.click(buttons[0]!);
    expect(hr.callsOf('upgrade')).toEqual([[{ plan: 'business', source: 'usage_summary' }]]);
    await waitFor(() => expect(navigations.length).toBe(1));
  });

  it('shows the CTA as soon as usage crosses 80 %', async () => {
    const hr = createFakeHeadroom({ config, account: account('team'), usage: { seats: 2 } });
    renderWith(hr, <UsageSummary meters={['seats']} />);
    expect(screen.queryByRole('button')).toBeNull();
    hr.meter('seats').set(8);
    expect(await screen.findByRole('button', { name: 'Upgrade to Business' })).toBeTruthy();
  });
});
