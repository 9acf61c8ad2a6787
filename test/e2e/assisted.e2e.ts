import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { ctaOf, promptOn } from './locators.ts';
import { useStack } from './shared.ts';

const { env, browser } = useStack();

describe('assisted route', () => {
  it('offers checkout and a "talk to us" booking link for a $5k–$20k expansion', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'assisted' });
    await page.goto('/');
    const banner = promptOn(page, 'banner');
    await banner.waitFor();
    await ctaOf(banner).click();
    const checkout = banner.getByRole('link', { name: 'Continue to checkout' });
    await checkout.waitFor();
    // 20 seats × $420 − $2,880 = $5,520: between the assist and CS thresholds.
    await expect(checkout.getAttribute('href')).resolves.toMatch(/^\/checkout\?plan=business&seats=20&/);
    await expect(banner.getByRole('link', { name: 'Talk to us' }).getAttribute('href')).resolves.toMatch(
      /^https:\/\/cal\.example\.com\//,
    );
    expect(page.url()).toBe(`${env.demo}/`); // assisted routes never navigate on their own
    await screenshot(page, 'assisted-route-choice');
    await context.close();
  });
});
