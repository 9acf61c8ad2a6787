import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DemoEnv } from './demo-env.ts';

/** Where screenshots of key states go (kept as CI artifacts). */
export const SHOTS = join(import.meta.dirname, '../../test-results/e2e');

export { launchChromium } from '../support/launch-chromium.mjs';

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A scenario for the demo backend, as the "Demo account" drawer would send it. */
export interface ScenarioPatch {
  preset?: string;
  accountId?: string;
  plan?: string;
  segment?: 'smb' | 'mid_market' | 'enterprise';
  seats?: number;
  acv?: number;
  usage?: Partial<{ seats: number; docs: number; api_calls: number }>;
  activationAgeDays?: number | null;
  health?: number | null;
  churnRisk?: boolean;
}

export interface DemoScenario {
  accountId: string;
  userId: string;
  plan: string;
  seats: number;
  acv: number;
}

/** A fresh browser context (its own cookie = its own demo account) set to a scenario. */
export async function demoContext(
  browser: Browser,
  env: DemoEnv,
  patch: ScenarioPatch,
): Promise<{ context: BrowserContext; page: Page; scenario: DemoScenario }> {
  const context = await browser.newContext({ baseURL: env.demo, viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(15_000);
  // The same call the drawer makes; shares the context's session cookie.
  await context.request.get('/api/session');
  const res = await context.request.put('/api/scenario', { data: patch });
  if (!res.ok()) throw new Error(`scenario refused: ${res.status()} ${await res.text()}`);
  const { scenario } = (await res.json()) as { scenario: DemoScenario };
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return { context, page, scenario };
}

/** Counts clicks made through `click()` so journeys can report them. */
export function clickCounter(): {
  click: (locator: { click: () => Promise<void> }) => Promise<void>;
  count: () => number;
} {
  let n = 0;
  return {
    async click(locator) {
      await locator.click();
      n += 1;
    },
    count: () => n,
  };
}
