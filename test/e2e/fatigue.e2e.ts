import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { promptOn, usageBar } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();
const HOUR = 3_600_000;

describe('(d) prompt fatigue', () => {
  it('keeps a dismissed prompt away after a reload and brings it back after the 3-day snooze', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await page.clock.install();
    await page.goto('/');
    const banner = promptOn(page, 'banner');
    // Control: once the SDK reports ready, an eligible prompt is already on screen, so the
    // "no banner" checks below are not just early looks.
    await headroomReady(page);
    await expect(banner.count()).resolves.toBe(1);
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await expect(banner.count()).resolves.toBe(0);

    await page.reload();
    await headroomReady(page);
    await usageBar(page, 'Documents').waitFor();
    await expect(banner.count()).resolves.toBe(0);
    await screenshot(page, 'd1-dismissed-after-reload');

    // Two days later: still snoozed.
    await page.clock.fastForward(48 * HOUR);
    await page.reload();
    await headroomReady(page);
    await usageBar(page, 'Documents').waitFor();
    await expect(banner.count()).resolves.toBe(0);

    // Past the 3-day snooze: back.
    await page.clock.fastForward(25 * HOUR);
    await page.reload();
    await banner.waitFor({ timeout: 15_000 });
    await screenshot(page, 'd2-back-after-snooze');
    await context.close();
  });
});
