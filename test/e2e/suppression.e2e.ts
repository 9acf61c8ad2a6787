import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { promptOn, usageBar } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

describe('(e) suppression', () => {
  it('control: the same usage on an eligible account shows the banner as soon as the SDK is ready', async () => {
    const { context, page } = await demoContext(browser(), env, {
      preset: 'churn_risk',
      churnRisk: false,
      health: 90,
    });
    await page.goto('/');
    await headroomReady(page);
    await expect(promptOn(page, 'banner').count()).resolves.toBe(1);
    await context.close();
  });

  for (const preset of ['churn_risk', 'just_activated']) {
    it(`${preset}: usage bars at 90 % but no upgrade prompt`, async () => {
      const { context, page } = await demoContext(browser(), env, { preset });
      await page.goto('/');
      await headroomReady(page);
      const docs = usageBar(page, 'Documents');
      await docs.waitFor();
      await expect(docs.getAttribute('aria-valuenow')).resolves.toBe('45');
      // Gate three features too: the tier modal must stay away as well.
      for (const tab of ['security', 'automations']) {
        await page.getByRole('link', { name: 'Settings & billing' }).click();
        await page.getByRole('link', { name: tab === 'security' ? 'Security' : 'Automations' }).click();
        await page
          .getByRole('heading', { name: /is part of business/i })
          .first()
          .waitFor();
      }
      await page.getByRole('link', { name: 'Documents' }).click();
      await headroomReady(page);
      for (const surface of ['banner', 'modal', 'inline', 'toast'] as const) {
        await expect(promptOn(page, surface).count()).resolves.toBe(0);
      }
      await screenshot(page, `e-${preset}-no-prompt`);
      await context.close();
    });
  }
});
