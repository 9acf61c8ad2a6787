import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { useStack } from './shared.ts';

const { env, browser } = useStack();

describe('(g) custom elements on a plain HTML page', () => {
  it('renders usage bars, the banner and the gate in shadow roots with no Preact in the host', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await page.goto('/plain.html');
    await page.waitForSelector('html[data-headroom="ready"]');

    // Playwright's locators pierce open shadow roots, like assistive technology does.
    const docs = page
      .locator('headroom-usage-bar[meter="docs"]')
      .getByRole('progressbar', { name: 'Documents' });
    await docs.waitFor();
    await expect(docs.getAttribute('aria-valuenow')).resolves.toBe('41');
    const banner = page.locator('headroom-upgrade-prompt[surface="banner"]').getByRole('heading');
    await banner.waitFor();
    await expect(
      page.locator('headroom-gate[feature="sso"]').getByRole('heading', { name: /sso/i }).isVisible(),
    ).resolves.toBe(true);

    await page
      .locator('headroom-invite-nudge')
      .getByRole('heading', { name: 'Invite a teammate to review the status page' })
      .waitFor();
    const host = await page.evaluate(() => ({
      // The host document itself: only our elements, their content lives in shadow roots.
      shadowRoots: [
        'headroom-usage-bar',
        'headroom-upgrade-prompt',
        'headroom-gate',
        'headroom-invite-nudge',
      ].map((tag) => document.querySelector(tag)?.shadowRoot !== null),
      lightDomWidgets: document.querySelectorAll('.hr').length,
      gatedContentHidden: (() => {
        const slot = document.querySelector('headroom-gate')?.shadowRoot?.querySelector('slot');
        return slot === null || slot === undefined;
      })(),
    }));
    expect(host).toEqual({
      shadowRoots: [true, true, true, true],
      lightDomWidgets: 0,
      gatedContentHidden: true,
    });
    await screenshot(page, 'g-plain-html-elements');
    await context.close();
  });
});
