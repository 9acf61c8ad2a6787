import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { promptOn } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

describe('tier modal (the eligible counterpart of the suppression journeys)', () => {
  it('opens a modal tier prompt after three distinct gated features', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await page.goto('/settings/security');
    await headroomReady(page);
    // Two gates on the security tab (SSO, audit log): not yet.
    await page
      .getByRole('heading', { name: /is part of business/i })
      .first()
      .waitFor();
    await expect(promptOn(page, 'modal').count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Automations' }).click();
    const modal = page.getByRole('dialog');
    await modal.waitFor();
    await expect(modal.getByRole('heading').first().textContent()).resolves.toMatch(/^Unlock .+ with /);
    await screenshot(page, 'tier-modal-after-three-gates');
    // Escape dismisses it like any dialog.
    await page.keyboard.press('Escape');
    await expect(modal.count()).resolves.toBe(0);
    await context.close();
  });
});
