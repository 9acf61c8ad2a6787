import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPgliteStorage } from '@headroom/edge';
import { type EdgeServer, startEdgeServer } from '@headroom/edge/node';
import { signAccountToken } from '@headroom/edge/token';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };
import { launchChromium } from '../support/launch-chromium.mjs';

// Issue #17 (not naggy) in a real browser: a clicked upgrade prompt stays away after a reload
// and in a tab opened later, through Chromium's own IndexedDB ledger; a modal seen on one page
// does not open again on the next.
const SECRET = 'sdk-browser-fatigue-secret-long-enough';
const ADMIN = 'sdk-browser-fatigue-admin-0123456789abcdef';

let edge: EdgeServer;
let site: Server;
let siteUrl: string;
let browser: Browser;
let script: string;

beforeAll(async () => {
  const bundled = build({
    entryPoints: [new URL('./page-entry.ts', import.meta.url).pathname],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@headroom/source', 'browser', 'module'],
    logLevel: 'silent',
  });
  [edge, browser, script] = await Promise.all([
    startEdgeServer({
      storage: await createPgliteStorage(),
      secret: SECRET,
      adminToken: ADMIN,
      config: acme,
      rateLimit: false,
      log: () => {},
      port: 0,
    }),
    launchChromium(),
    bundled.then((result) => result.outputFiles[0]?.text ?? ''),
  ]);
  site = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>host</title><p>host</p>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await edge?.close();
  site?.close();
});

const tokenOf = (sub: string, plan: string) =>
  signAccountToken(
    { sub, uid: 'u1', plan, acv: 0, segment: 'smb', seats: 3, activatedAt: '2025-01-01' },
    SECRET,
    { expiresIn: '1h' },
  );

/** Loads the host page in `context` (a new tab) or reloads `page`, and starts the SDK there. */
async function openHost(target: BrowserContext | Page, sub: string, plan = 'free'): Promise<Page> {
  const page = 'newPage' in target ? await target.newPage() : target;
  if (page === target) await page.reload();
  else await page.goto(siteUrl);
  await page.evaluate(
    ([endpoint, token]) => {
      window.hrSetup = { endpoint: endpoint as string, token: token as string };
    },
    [edge.url, await tokenOf(sub, plan)] as const,
  );
  await page.evaluate(script);
  await page.evaluate(() => window.hr.ready());
  return page;
}

/** The prompt id a surface shows once evaluation has settled. */
const current = (page: Page, surface: 'banner' | 'modal') =>
  page.evaluate(async (s) => {
    await new Promise((r) => setTimeout(r, 20));
    return window.hr.prompts.current(s).get()?.id ?? null;
  }, surface);

describe('prompt fatigue in Chromium', () => {
  it('a clicked banner stays on its page, then away after a reload and in a tab opened later', async () => {
    const context = await browser.newContext();
    const page = await openHost(context, 'acct_click');
    await page.evaluate(() => window.hr.meter('docs').set(45));
    expect(await current(page, 'banner')).toBe('usage_upgrade');
    await page.evaluate(() => {
      window.hr.prompts.shown('usage_upgrade');
      window.hr.prompts.clicked('usage_upgrade');
    });
    // Still here, so the card can show the upgrade's outcome.
    expect(await current(page, 'banner')).toBe('usage_upgrade');
    // Let the ledger reach IndexedDB, as it does when the page goes to the checkout.
    await page.evaluate(() => window.hr.shutdown());

    // Back from an abandoned checkout: the same usage, no banner.
    await openHost(page, 'acct_click');
    await page.evaluate(() => window.hr.meter('docs').set(45));
    expect(await current(page, 'banner')).toBeNull();
    // Control: the trigger still fires, so it is the snooze that keeps the banner away.
    expect(
      await page.evaluate(() => window.hr.triggers.$.get().find((t) => t.id === 'usage_ceiling')?.fired),
    ).toBe(true);

    const second = await openHost(context, 'acct_click');
    await second.evaluate(() => window.hr.meter('docs').set(45));
    expect(await current(second, 'banner')).toBeNull();
    await context.close();
  });

  it('a banner dismissed right before a navigation stays away on the next page', async () => {
    const context = await browser.newContext();
    const page = await openHost(context, 'acct_leave');
    await page.evaluate(() => window.hr.meter('docs').set(45));
    expect(await current(page, 'banner')).toBe('usage_upgrade');
    // Timers stand still, as on a busy or throttled page, and the navigation follows the
    // dismissal in the same task: only what the SDK writes while the page unloads survives.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1000);
    await Promise.all([
      page.waitForEvent('load'),
      page.evaluate(() => {
        window.hr.prompts.dismiss('usage_upgrade');
        location.reload();
      }),
    ]);
    await page.clock.resume();
    await openHost(page, 'acct_leave');
    await page.evaluate(() => window.hr.meter('docs').set(45));
    expect(await current(page, 'banner')).toBeNull();
    // Control: the trigger still fires, so it is the snooze that keeps the banner away.
    expect(
      await page.evaluate(() => window.hr.triggers.$.get().find((t) => t.id === 'usage_ceiling')?.fired),
    ).toBe(true);
    await context.close();
  });

  it('a tier modal seen on one page does not open again on the next', async () => {
    const context = await browser.newContext();
    const page = await openHost(context, 'acct_modal', 'team');
    await page.evaluate(() => {
      for (const feature of ['sso', 'audit_log', 'automations']) window.hr.gate(feature).hit();
    });
    expect(await current(page, 'modal')).toBe('tier_upgrade');
    await page.evaluate(() => window.hr.prompts.shown('tier_upgrade'));
    expect(await current(page, 'modal')).toBe('tier_upgrade');
    await page.evaluate(() => window.hr.shutdown());

    // The user went on to the next page without answering it: no second modal today.
    await openHost(page, 'acct_modal', 'team');
    expect(
      await page.evaluate(
        () => window.hr.triggers.$.get().find((t) => t.id === 'feature_exploration')?.fired,
      ),
    ).toBe(true);
    expect(await current(page, 'modal')).toBeNull();
    const second = await openHost(context, 'acct_modal', 'team');
    expect(await current(second, 'modal')).toBeNull();
    await context.close();
  });
});
