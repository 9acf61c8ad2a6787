import { screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, config, usagePrompt } from '../test/fixtures.ts';
import { renderWith } from '../test/render.tsx';
import { createFormatter, de, UpgradePrompt, UsageBar } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

const hr = (used: number) =>
  createFakeHeadroom({ config, account: account('team'), usage: { api_calls: used } });

describe('i18n', () => {
  it('German: numbers, percent, state and CTA', () => {
    renderWith(hr(82_000), <UsageBar meter="api_calls" />, { locale: 'de-DE', messages: de });
    expect(screen.getByText('82.000 von 100.000 calls', { exact: false })).toBeTruthy();
    expect(screen.getByText('Limit bald erreicht')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Auf Business upgraden' })).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe(
      '82.000 von 100.000 calls, 82\u00a0%. Limit bald erreicht',
    );
    expect(screen.getByText(/^Wird am \d+\. [A-Z][a-zä]+\.? zurückgesetzt$/)).toBeTruthy();
  });

  it('German prompt copy gets German number formatting', () => {
    const client = createFakeHeadroom({
      config,
      account: account('team'),
      prompts: { banner: usagePrompt() },
    });
    renderWith(client, <UpgradePrompt surface="banner" />, { locale: 'de', messages: de });
    expect(screen.getByRole('heading').textContent).toBe("You've used 82\u00a0% of your calls");
    expect(screen.getByRole('button', { name: 'Schließen' })).toBeTruthy();
  });

  it('without a catalog the UI text stays English while numbers follow the locale', () => {
    renderWith(hr(82_000), <UsageBar meter="api_calls" />, { locale: 'de-DE' });
    expect(screen.getByText('82.000 of 100.000 calls', { exact: false })).toBeTruthy();
  });

  it('message overrides win over the catalog', () => {
    renderWith(hr(90_000), <UsageBar meter="api_calls" />, { messages: { stateApproaching: 'Almost full' } });
    expect(screen.getByText('Almost full')).toBeTruthy();
  });

  it('RTL locales set dir="rtl" and lang on the widget', () => {
    const { container } = renderWith(hr(10), <UsageBar meter="api_calls" />, {
      locale: 'ar-EG',
      styles: false,
    });
    const root = container.querySelector('.hr');
    expect(root?.getAttribute('dir')).toBe('rtl');
    expect(root?.getAttribute('lang')).toBe('ar-EG');
  });

  it('plural units follow the locale rules and a bad locale falls back to English', () => {
    const unit = { one: 'seat', other: 'seats' };
    const en = createFormatter('en');
    expect([0, 1, 2].map((n) => en.unit(unit, n))).toEqual(['seats', 'seat', 'seats']);
    expect(createFormatter('fr').unit(unit, 0)).toBe('seat');
    expect(createFormatter('not a locale!!').locale).toBe('en');
  });

  it('used and limit share one notation', () => {
    renderWith(hr(82_000), <UsageBar meter="api_calls" />);
    expect(screen.getByText('82K of 100K calls', { exact: false })).toBeTruthy();
  });

  it('percent never rounds up into the prompt threshold', () => {
    expect(createFormatter('en').percent(0.796)).toBe('79%');
    expect(createFormatter('en').percent(1.3)).toBe('130%');
  });
});
