import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { admin, eventually } from './edge-admin.ts';
import { promptOn, usageBar } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

describe('(e) suppression', () => {
  it('control: the same usage on an eligible account shows the banner as soon as the SDK is ready', async () => {
    const { context, page } = await demoContext(browser(), env, {
      preset: 'churn_risk',
      churnRisk: false,
      health: 90,
    });
    await page.goto('/');
    await headroomReady(page);
    await expect(promptOn(page, 'banner').count()).resolves.toBe(1);
    await context.close();
  });

  for (const preset of ['churn_risk', 'just_activated']) {
    it(`${preset}: usage bars at 90 % but no upgrade prompt`, async () => {
      const { context, page } = await demoContext(browser(), env, { preset });
      await page.goto('/');
      await headroomReady(page);
      const docs = usageBar(page, 'Documents');
      await docs.waitFor();
      await expect(docs.getAttribute('aria-valuenow')).resolves.toBe('45');
      // Gate three features too: the tier modal must stay away as well.
      for (const tab of ['security', 'automations']) {
        await page.getByRole('link', { name: 'Settings & billing' }).click();
        await page.getByRole('link', { name: tab === 'security' ? 'Security' : 'Automations' }).click();
        await page
          .getByRole('heading', { name: /is part of business/i })
          .first()
          .waitFor();
      }
      await page.getByRole('link', { name: 'Documents' }).click();
      await headroomReady(page);
      for (const surface of ['banner', 'modal', 'inline', 'toast'] as const) {
        await expect(promptOn(page, surface).count()).resolves.toBe(0);
      }
      await screenshot(page, `e-${preset}-no-prompt`);
      await context.close();
    });
  }

  it('churn_risk: the edge lists the account as suppressed with why, in the admin API and the console', async () => {
    const { context, page, scenario } = await demoContext(browser(), env, { preset: 'churn_risk' });
    await page.goto('/');
    await headroomReady(page);
    // The edge evaluates the account from its facts (token usage, the CRM's traits), not the browser.
    const row = await eventually(
      async () =>
        (
          await admin<{ suppressed: { accountId: string; suppressedBecause: string[]; signals: number }[] }>(
            env,
            '/v1/admin/pqls',
          )
        ).suppressed.find((r) => r.accountId === scenario.accountId),
      20_000,
      'the churn-risk account among the suppressed',
    );
    expect(row.suppressedBecause).toEqual(expect.arrayContaining(['churn_risk', 'low_health']));
    expect(row.signals).toBeGreaterThanOrEqual(1);
    const { accounts } = await admin<{ accounts: { accountId: string }[] }>(env, '/v1/admin/pqls');
    expect(accounts.some((a) => a.accountId === scenario.accountId)).toBe(false);
    const handoffs = await admin<{ handoffs: { accountId: string }[] }>(env, '/v1/admin/handoffs?limit=1000');
    expect(handoffs.handoffs.filter((h) => h.accountId === scenario.accountId)).toEqual([]);
    await context.close();

    expect(env.console, 'the e2e setup serves the built console at /console').not.toBeNull();
    const consoleContext = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const console_ = await consoleContext.newPage();
    await console_.goto(env.console ?? '');
    await console_.getByLabel('Admin token').fill(env.adminToken);
    await console_.getByRole('button', { name: 'Sign in' }).click();
    await console_.getByRole('link', { name: 'PQLs' }).click();
    const suppressed = console_.getByRole('table', { name: /Suppressed/ });
    const line = suppressed.getByRole('row', { name: new RegExp(scenario.accountId) });
    await line.waitFor();
    await expect(line.textContent()).resolves.toContain('churn risk');
    await screenshot(console_, 'e-console-suppressed');
    await consoleContext.close();
  });
});
