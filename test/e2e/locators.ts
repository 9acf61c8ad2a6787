import type { Locator, Page } from 'playwright-core';

// Where the widgets render, in one place: the journeys read like a user would (roles, text).

/** The upgrade prompt on a surface (banner, modal, inline, toast). */
export function promptOn(page: Page, surface: 'banner' | 'modal' | 'inline' | 'toast'): Locator {
  return page.locator(`.hr-prompt.hr-${surface}`);
}

/** The progress bar of one meter (its accessible name is the meter's label). */
export function usageBar(page: Page, label: string): Locator {
  return page.getByRole('progressbar', { name: label }).first();
}

/** The CTA button of a prompt (not its dismiss button). */
export function ctaOf(prompt: Locator): Locator {
  return prompt
    .getByRole('button')
    .filter({ hasNotText: /^dismiss$/i })
    .first();
}
