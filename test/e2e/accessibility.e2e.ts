import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoContext } from './browser.ts';
import { promptOn } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}

/** WCAG 2.2 A/AA violations on the page as it is now (shadow roots included). */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(
    () =>
      (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResult> } }).axe.run(
        document,
        {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        },
      ) as Promise<AxeResult>,
  );
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it('has no violations on the key screens and states', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    const found: Record<string, string[]> = {};
    await page.goto('/');
    await promptOn(page, 'banner').waitFor();
    found.documentsWithBanner = await violations(page);

    await page.getByRole('button', { name: 'Demo account' }).click();
    await page.getByRole('heading', { name: 'Demo account' }).waitFor();
    found.drawer = await violations(page);
    await page.keyboard.press('Escape');

    await page.goto('/settings/security');
    await headroomReady(page);
    await page
      .getByRole('heading', { name: /is part of business/i })
      .first()
      .waitFor();
    found.gates = await violations(page);

    await page.goto('/checkout?plan=team&seats=3');
    await page.getByRole('heading', { name: /upgrade to team/i }).waitFor();
    found.checkout = await violations(page);

    await page.goto('/plain.html');
    await page.locator('headroom-upgrade-prompt').getByRole('heading').waitFor();
    found.plainHtml = await violations(page);

    expect(found).toEqual({ documentsWithBanner: [], drawer: [], gates: [], checkout: [], plainHtml: [] });
    await context.close();
  });
});
