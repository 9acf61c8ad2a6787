import { describe, expect, it } from 'vitest';
import { clickCounter, demoContext, screenshot } from './browser.ts';
import { eventually, storedEvents } from './edge-admin.ts';
import { ctaOf, promptOn, usageBar } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

describe('(a) self-serve journey', () => {
  it('goes from the 80 % banner to a stored upgrade_completed in under 10 clicks', async () => {
    const { context, page, scenario } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    const clicks = clickCounter();
    await page.goto('/');
    const banner = promptOn(page, 'banner');
    await banner.waitFor({ state: 'visible' });
    const started = Date.now();
    await screenshot(page, 'a1-usage-banner-at-80');

    await clicks.click(ctaOf(banner));
    await page.waitForURL(/\/checkout\?/);
    await page.getByRole('heading', { name: /upgrade to team/i }).waitFor();
    await screenshot(page, 'a2-checkout');

    await clicks.click(page.getByTestId('pay'));
    await page.getByTestId('upgraded').waitFor();
    const completed = await eventually(
      async () => (await storedEvents(env, scenario.accountId)).find((e) => e.type === 'upgrade_completed'),
      20_000,
      'upgrade_completed in the store',
    );
    const ms = Date.now() - started;
    console.log(
      `(a) self-serve: ${ms} ms and ${clicks.count()} clicks from the first prompt to upgrade_completed stored`,
    );

    // Trusted, server-reported, with the amount the billing backend computed (3 seats × $144).
    expect(completed).toMatchObject({ plan: 'team', amount: 432, source: 'server' });
    expect(clicks.count()).toBeLessThan(10);
    // The fresh token carries the new plan: documents now count against Team's 1,000.
    await headroomReady(page);
    await expect(page.getByTestId('plan-pill').textContent()).resolves.toBe('Team');
    await expect(usageBar(page, 'Documents').getAttribute('aria-valuemax')).resolves.toBe('1000');
    await expect(promptOn(page, 'banner').count()).resolves.toBe(0);
    await screenshot(page, 'a3-upgraded');
    await context.close();
  });
});
