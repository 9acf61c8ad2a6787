import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { launchChromium } from './browser.ts';
import type { DemoEnv } from './demo-env.ts';

/** The running stack, and one Chromium per test file (launched before, closed after). */
export function useStack(): { env: DemoEnv; browser: () => Browser } {
  const env = inject('demo');
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    env,
    browser: () => {
      if (!browser) throw new Error('browser not launched');
      return browser;
    },
  };
}

/** Waits until the SDK has loaded config and account state (the demo mirrors its status on <html>). */
export async function headroomReady(page: Page): Promise<void> {
  await page.waitForSelector('html[data-headroom="ready"]', { timeout: 20_000 });
  // One more frame so widgets render from the settled stores.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}
