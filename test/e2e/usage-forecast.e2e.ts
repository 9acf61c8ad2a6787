import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();
const DAY_MS = 86_400_000;

// Issue #20, item 1, in the demo: the "Usage forecast" preset's billing backend reported two
// weeks of documents (+25 a day, 680 today of Team's 1,000), the edge's docs_forecast trigger
// projects them, and the Billing page's documents bar says when the limit is reached.
describe('usage forecast in the demo', () => {
  it('the documents bar says when the account reaches 1,000 documents, as its description', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'usage_forecast' });
    await page.goto('/settings/billing');
    await headroomReady(page);
    // 320 left at +25 a day: 13 days from today (UTC), as the edge counts days.
    const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
      Date.now() + 13 * DAY_MS,
    );
    const sentence = `At this rate you'll reach 1,000 documents around ${day}`;
    const card = page.getByTestId('docs-forecast');
    await expect.poll(() => card.locator('[part=forecast]').textContent()).toBe(sentence);
    const bar = card.getByRole('progressbar', { name: 'Documents' });
    expect(await bar.evaluate((element) => element.getAttribute('aria-describedby'))).toBeTruthy();
    // What a screen reader announces after the value: the forecast.
    const description = await bar.evaluate(
      (element) =>
        (element.getRootNode() as Document).getElementById(element.getAttribute('aria-describedby') ?? '')
          ?.textContent,
    );
    expect(description).toBe(sentence);
    await screenshot(page, 'usage-forecast');
    await context.close();
  });
});
