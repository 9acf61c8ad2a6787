import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { promptOn } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

describe('"Demo account" drawer', () => {
  it('switches presets and custom fields, and the next token carries them', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await page.goto('/');
    await promptOn(page, 'banner').waitFor();
    await page.getByRole('button', { name: 'Demo account' }).click();
    await screenshot(page, 'drawer-open');

    // Custom: flag churn risk → same usage, no pitch.
    await page.getByLabel('Churn risk').check();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Apply and reload' }).click(),
    ]);
    await headroomReady(page);
    await expect(promptOn(page, 'banner').count()).resolves.toBe(0);

    // Preset: an enterprise Business account.
    await page.getByRole('button', { name: 'Demo account' }).click();
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: /Enterprise → CS/ }).click(),
    ]);
    await headroomReady(page);
    await expect(page.getByTestId('plan-pill').textContent()).resolves.toBe('Business');
    await expect(
      page.getByRole('progressbar', { name: 'Seats' }).first().getAttribute('aria-valuenow'),
    ).resolves.toBe('172');
    await context.close();
  });
});
