import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { admin } from './edge-admin.ts';
import { promptOn } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();
const demoConfig = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../apps/demo/headroom.config.json'), 'utf8'),
) as { prompts: { seat_upgrade: { copy: { title: string } } } };
const ORIGINAL = demoConfig.prompts.seat_upgrade.copy.title;
const EDITED = 'Everyone fits on {nextPlan}';

interface AdminConfigAnswer {
  current: { version: number; config: typeof demoConfig } | null;
  versions: { version: number; note?: string }[];
}

/** The seat prompt's title as the edge serves it to SDKs right now. */
async function servedTitle(): Promise<string> {
  const config = (await (await fetch(`${env.edge}/v1/config`)).json()) as typeof demoConfig;
  return config.prompts.seat_upgrade.copy.title;
}

/** Reloads the demo and waits until its banner heading reads `title`. */
async function bannerAfterReload(page: Page, title: string): Promise<void> {
  await page.reload();
  await headroomReady(page);
  const heading = promptOn(page, 'banner').getByRole('heading');
  await expect.poll(() => heading.textContent(), { timeout: 10_000 }).toBe(title);
}

// The suite shares one edge: never leave edited copy live for the files that run after this one.
let restoreTo: number | undefined;
afterAll(async () => {
  if (restoreTo === undefined || (await servedTitle()) === ORIGINAL) return;
  await fetch(`${env.edge}/v1/admin/config/rollback`, {
    method: 'POST',
    headers: { authorization: `Bearer ${env.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ version: restoreTo }),
  });
});

describe('(k) growth console → demo', () => {
  it('publishes new prompt copy the demo shows after a reload, then rolls it back in one click', async () => {
    const started = Date.now();
    expect(env.console, 'the e2e setup serves the built console at /console').not.toBeNull();
    const before = await admin<AdminConfigAnswer>(env, '/v1/admin/config');
    const liveVersion = before.current?.version;
    if (liveVersion === undefined) throw new Error('the edge has no live config');
    restoreTo = liveVersion;
    expect(before.current?.config.prompts.seat_upgrade.copy.title).toBe(ORIGINAL);

    // A free team with every seat taken (3 of 3) and little else: only the seat prompt fires.
    const demo = await demoContext(browser(), env, {
      preset: 'self_serve_80',
      usage: { seats: 3, docs: 10, api_calls: 0 },
    });
    await demo.page.goto('/');
    await headroomReady(demo.page);
    const heading = promptOn(demo.page, 'banner').getByRole('heading');
    await expect.poll(() => heading.textContent()).toBe('3 of 3 seats taken');

    // The growth manager signs in to the console the edge serves, with the admin token.
    const consoleContext = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    consoleContext.setDefaultTimeout(15_000);
    const console_ = await consoleContext.newPage();
    console_.on('pageerror', (error) => console.error(`[console page error] ${error.message}`));
    await console_.goto(env.console!);
    await console_.getByLabel('Admin token').fill(env.adminToken);
    await console_.getByRole('button', { name: 'Sign in' }).click();
    await console_.getByRole('link', { name: 'Config' }).click();
    await console_.getByText(`Live: version ${liveVersion}`).waitFor();

    const title = console_.getByRole('group', { name: 'Prompt seat_upgrade' }).getByLabel('Title');
    await expect.poll(() => title.inputValue()).toBe(ORIGINAL);
    await title.fill(EDITED);
    await console_.getByLabel('Copy to preview').selectOption('prompt:seat_upgrade');
    await expect
      .poll(() => console_.getByTestId('copy-preview').textContent())
      .toContain('Everyone fits on Team');
    await console_.getByLabel('Change note (required)').fill('e2e: seat copy');
    await console_.getByRole('button', { name: 'Publish' }).click();
    const published = liveVersion + 1;
    await console_.getByText(`Published version ${published}.`, { exact: false }).waitFor();
    const history = console_.getByRole('table', { name: 'Version history' });
    const newRow = history.getByRole('row', { name: new RegExp(`^v${published}\\b`) });
    await expect.poll(() => newRow.textContent()).toMatch(/e2e: seat copy.*live/);
    await screenshot(console_, 'k1-console-published');
    expect(await servedTitle()).toBe(EDITED);

    // The demo picks the new version up on its next load (ETag revalidation), no deploy.
    await bannerAfterReload(demo.page, 'Everyone fits on Team');
    await screenshot(demo.page, 'k2-demo-new-copy');

    // One click back to the version that was live before.
    await console_.getByRole('button', { name: `Roll back to v${liveVersion}` }).click();
    await console_
      .getByText(`Rolled back: version ${liveVersion} is live again as version ${published + 1}.`)
      .waitFor();
    await expect.poll(() => title.inputValue()).toBe(ORIGINAL);
    await screenshot(console_, 'k3-console-rolled-back');
    expect(await servedTitle()).toBe(ORIGINAL);

    await bannerAfterReload(demo.page, '3 of 3 seats taken');
    await screenshot(demo.page, 'k4-demo-original-copy');
    console.log(`(k) console publish → demo → rollback → demo: ${Date.now() - started} ms`);
    await consoleContext.close();
    await demo.context.close();
  });
});
