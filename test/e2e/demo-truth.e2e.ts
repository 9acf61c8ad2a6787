// Issue #17 item 5: the demo tells the truth. Purchased seats are the seat limit everywhere
// (billing page, header and team bars, prompt copy), each preset is a fresh account, "Talk to
// us" opens the booking link in a new tab with the handoff reference, and the copy reads right.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoContext, SHOTS, screenshot } from './browser.ts';
import { admin, eventually, storedEvents } from './edge-admin.ts';
import { ctaOf, promptOn, usageBar } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

describe('the demo tells the truth', () => {
  it('after buying Team with 3 seats, the billing page and every seat bar say 3 seats', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await page.goto('/settings/billing');
    await headroomReady(page);
    await page.getByTestId('billing-upgrade').click();
    await page.waitForURL(/\/checkout\?/);
    await expect(page.getByLabel('Seats').inputValue()).resolves.toBe('3');
    await Promise.all([page.waitForURL(/upgraded=1/), page.getByTestId('pay').click()]);
    await headroomReady(page);
    await expect(page.getByTestId('current-plan').textContent()).resolves.toBe('Team');
    await expect(page.locator('.card', { hasText: 'You are on' }).textContent()).resolves.toMatch(
      /Team with 3 seats/,
    );
    // Every seat bar on the page (header strip and billing summary) counts against the 3 seats bought.
    const seatBars = page.getByRole('progressbar', { name: 'Seats' });
    await expect(seatBars.count()).resolves.toBeGreaterThanOrEqual(2);
    for (const bar of await seatBars.all()) {
      await expect(bar.getAttribute('aria-valuemax')).resolves.toBe('3');
      await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('2');
    }
    await expect(page.locator('.meter-strip').textContent()).resolves.toMatch(/2 of 3 seats/);
    await screenshot(page, 'truth-1-team-3-seats');
    await context.close();
  });

  it('the Assisted preset, which pays for 20 seats, shows 10 of 20 seats, not a reached limit', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'assisted' });
    await page.goto('/team');
    await headroomReady(page);
    const bar = usageBar(page, 'Seats');
    await expect(bar.getAttribute('aria-valuemax')).resolves.toBe('20');
    await expect(page.locator('.meter-strip').textContent()).resolves.toMatch(/10 of 20 seats/);
    await expect(page.getByText('Limit reached').count()).resolves.toBe(0);
    await context.close();
  });

  it('each preset picked in the drawer is a fresh account: no history from the previous one', async () => {
    const { context, page, scenario } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await page.goto('/settings/security');
    await headroomReady(page);
    // History under the first account: gated features reached for.
    await page
      .getByRole('heading', { name: /is part of business/i })
      .first()
      .waitFor();
    await eventually(
      async () =>
        (await storedEvents(env, scenario.accountId)).some((e) => e.type === 'gate_hit') ? true : undefined,
      20_000,
      'gate hits stored',
    );
    // Presets are picked from the documents page, which has no gates.
    await page.getByRole('link', { name: 'Documents' }).first().click();
    const ids = [scenario.accountId];
    for (const preset of ['assisted', 'self_serve_80']) {
      await page.getByRole('button', { name: 'Demo account' }).click();
      await Promise.all([page.waitForEvent('load'), page.locator(`[data-preset="${preset}"]`).click()]);
      await headroomReady(page);
      await page.getByRole('button', { name: 'Demo account' }).click();
      ids.push((await page.getByTestId('account-id').textContent()) ?? '');
      await page.getByRole('button', { name: 'Close' }).click();
    }
    // Three selections, three accounts; the new ones start with no stored history.
    expect(new Set(ids).size).toBe(3);
    expect((await storedEvents(env, ids[2] as string)).filter((e) => e.type === 'gate_hit')).toEqual([]);
    await context.close();
  });

  it('"Talk to us" opens the booking link in a new tab with the handoff reference', async () => {
    const { context, page, scenario } = await demoContext(browser(), env, { preset: 'assisted' });
    // The booking page is not reachable from the test machine: answer it locally.
    await context.route('https://cal.example.com/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Book a call</title>' }),
    );
    await page.goto('/');
    const banner = promptOn(page, 'banner');
    await banner.waitFor();
    await ctaOf(banner).click();
    const talk = banner.getByRole('link', { name: 'Talk to us' });
    await talk.waitFor();
    await expect(talk.getAttribute('target')).resolves.toBe('_blank');
    await expect(talk.getAttribute('rel')).resolves.toMatch(/\bnoopener\b/);
    const href = (await talk.getAttribute('href')) ?? '';
    const ref = new URL(href).searchParams.get('ref');
    expect(ref).toMatch(/^[0-9a-f-]{36}$/);
    // The reference is the handoff the edge opened for this account.
    const { handoffs } = await admin<{ handoffs: { id: string; accountId?: string }[] }>(
      env,
      '/v1/admin/handoffs',
    );
    expect(handoffs.map((h) => h.id)).toContain(ref);
    const [popup] = await Promise.all([context.waitForEvent('page'), talk.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(href);
    // The app stays where it was.
    expect(page.url()).toBe(`${env.demo}/`);
    expect(scenario.accountId).not.toBe('');
    await context.close();
  });

  it('the tier modal reads right: "Your team tried 3 Business features…"', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await page.goto('/settings/security');
    await headroomReady(page);
    await page
      .getByRole('heading', { name: /is part of business/i })
      .first()
      .waitFor();
    await page.getByRole('link', { name: 'Automations' }).click();
    const modal = page.getByRole('dialog');
    await modal.waitFor();
    const body = (await modal.textContent()) ?? '';
    expect(body).not.toMatch(/reached for/);
    expect(body).toMatch(/Your team tried 3 Business features in the last two weeks\./);
    await context.close();
  });

  it('the seat prompt an invite surge fires fills in the seats: "2 of 3 seats taken"', async () => {
    // Room on documents and API calls, 2 of 3 seats used: five invites fire the seat prompt.
    const invites = await demoContext(browser(), env, {
      preset: 'self_serve_80',
      usage: { docs: 5, api_calls: 10, seats: 2 },
    });
    await invites.page.goto('/team');
    await headroomReady(invites.page);
    for (let i = 1; i <= 5; i++) {
      await invites.page.getByLabel('Invite a teammate').fill(`teammate${i}@acme.test`);
      await invites.page.getByRole('button', { name: 'Send invite' }).click();
      await invites.page.getByRole('cell', { name: `teammate${i}@acme.test` }).waitFor();
    }
    const banner = promptOn(invites.page, 'banner');
    await banner.waitFor();
    await expect(banner.getByRole('heading').first().textContent()).resolves.toBe('2 of 3 seats taken');
    await screenshot(invites.page, 'truth-5-seat-prompt-after-invites');
    await invites.context.close();
  });

  it.each([390, 1366])(
    "the drawer's Custom form lines up at %i px: fields side by side share a row",
    async (width) => {
      const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80' });
      await page.setViewportSize({ width, height: 1000 });
      await page.goto('/');
      await headroomReady(page);
      await page.getByRole('button', { name: 'Demo account' }).click();
      const controls = await page.evaluate(() =>
        [...document.querySelectorAll('#demo-drawer .grid2 > .field:not(.check)')].map((field) => {
          const box = field.querySelector('input, select')!.getBoundingClientRect();
          return { top: Math.round(box.top), height: Math.round(box.height), left: Math.round(box.left) };
        }),
      );
      expect(controls).toHaveLength(9);
      // Pairs on one row: the same top and height; every control of a column starts at one x.
      for (let i = 0; i + 1 < controls.length; i += 2) {
        expect(controls[i + 1]?.top).toBe(controls[i]?.top);
        expect(controls[i + 1]?.height).toBe(controls[i]?.height);
      }
      expect(new Set(controls.map((control) => control.height)).size).toBe(1);
      expect(new Set(controls.filter((_, i) => i % 2 === 0).map((control) => control.left)).size).toBe(1);
      await page.locator('#demo-drawer form').screenshot({ path: join(SHOTS, `truth-drawer-${width}.png`) });
      await context.close();
    },
  );
});
