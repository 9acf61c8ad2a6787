import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage, launchChromium } from './chromium.ts';
import { openPage, useClient } from './harness.ts';

// Issue #17: a widget with nothing to show takes no space — no empty box, no margin, no gap in
// a grid or flex container (a share dialog after "Not now"), measured by Chromium's layout.
let browser: Browser;
let script: string;

beforeAll(async () => {
  [browser, script] = await Promise.all([
    launchChromium(),
    bundlePage(new URL('./page-entry.ts', import.meta.url).pathname),
  ]);
});
afterAll(async () => {
  await browser?.close();
});

// A dialog-like grid with a 12 px gap: an empty grid item would add a gap of its own.
const layout = (widgets: string) =>
  `<div id="box" style="display:grid;gap:12px;width:480px"><p id="a" style="margin:0">Above</p>${widgets}<p id="b" style="margin:0">Below</p></div>`;

/** Where "Below" starts, relative to "Above" (px). */
const gapBelow = (page: Page) =>
  page.evaluate(() => {
    const a = document.getElementById('a')!.getBoundingClientRect();
    const b = document.getElementById('b')!.getBoundingClientRect();
    return b.top - a.bottom;
  });

describe('hidden widgets take no space', () => {
  it('a banner slot with no prompt and a dismissed invite nudge leave the layout as if absent', async () => {
    const reference = await openPage(browser, script, layout(''));
    await useClient(reference, 'team', { docs: 100 });
    const expected = await gapBelow(reference);
    await reference.close();

    const page = await openPage(
      browser,
      script,
      layout(
        '<headroom-upgrade-prompt surface="banner"></headroom-upgrade-prompt><headroom-invite-nudge context="share" subject="Q3 plan"></headroom-invite-nudge>',
      ),
    );
    await useClient(page, 'team', { docs: 100 });
    // The nudge shows (control: it takes room), then the user says "Not now".
    const nudge = page.locator('headroom-invite-nudge');
    await nudge.locator('[part=dismiss]').waitFor();
    expect(await gapBelow(page)).toBeGreaterThan(expected);
    await nudge.locator('[part=dismiss]').click();
    await expect.poll(() => nudge.locator('[part=dismiss]').count()).toBe(0);
    const boxes = await page.evaluate(() =>
      ['headroom-upgrade-prompt', 'headroom-invite-nudge'].map((tag) => {
        const r = document.querySelector(tag)!.getBoundingClientRect();
        return { tag, height: r.height };
      }),
    );
    expect(boxes).toEqual([
      { tag: 'headroom-upgrade-prompt', height: 0 },
      { tag: 'headroom-invite-nudge', height: 0 },
    ]);
    expect(await gapBelow(page)).toBe(expected);
    await page.close();
  });
});
