// The growth console as a growth manager uses it: built with `--base /console/`, served by the
// edge's Node server next to the admin API, signed in with the admin token, showing live
// experiment data, and publishing and rolling back copy that `GET /v1/config` then serves.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assignVariant, createEventId, defineConfig } from '@headroom/core';
import { createPgliteStorage, signAccountToken } from '@headroom/edge';
import { type EdgeServer, startEdgeServer } from '@headroom/edge/node';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/launch-chromium.mjs';

const root = join(import.meta.dirname, '../..');
const SECRET = 'console-e2e-secret-console-e2e-secret';
const ADMIN = 'console-e2e-admin-0123456789abcdef0123';
const SERVER_KEY = 'console-e2e-server-0123456789abcdef012';
const acme = JSON.parse(readFileSync(join(root, 'packages/core/examples/acme.config.json'), 'utf8'));

let dist = '';
let server: EdgeServer;
let browser: Browser;
let page: Page;

async function post(path: string, body: unknown, auth?: string) {
  const response = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(202);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A/AA violations on the page as it is now. */
async function violations(): Promise<string[]> {
  // Evaluated through the DevTools protocol: the console's CSP (script-src 'self') rightly
  // refuses an inline <script> tag.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<Result> } }).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function servedTitle(): Promise<string> {
  const config = (await (await fetch(new URL('/v1/config', server.url))).json()) as typeof acme;
  return config.prompts.seat_upgrade.copy.title;
}

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'headroom-console-'));
  await build({
    configFile: join(root, 'apps/console/vite.config.ts'),
    base: '/console/',
    logLevel: 'warn',
    build: { outDir: dist, emptyOutDir: true, sourcemap: false },
  });
  server = await startEdgeServer({
    storage: await createPgliteStorage(),
    secret: SECRET,
    adminToken: ADMIN,
    serverKey: SERVER_KEY,
    config: acme,
    port: 0,
    consoleDir: dist,
    rateLimit: false,
    log: () => {},
  });
  // Three accounts see the usage_copy experiment; one upgrades, reported by the host backend,
  // and one "upgrade" comes from a browser, which must not count.
  const config = defineConfig(acme);
  const experiment = { id: 'usage_copy', ...config.experiments.usage_copy! };
  for (const n of [1, 2, 3]) {
    const accountId = `acct_console_${n}`;
    const token = await signAccountToken(
      { sub: accountId, uid: `user_${n}`, plan: 'team', acv: 1440, segment: 'smb', seats: 10 },
      SECRET,
    );
    const ts = Date.now() - 60_000;
    const { variantId } = assignVariant(experiment, accountId);
    const events: unknown[] = [
      { id: createEventId(ts), ts, type: 'exposure', experimentId: 'usage_copy', variantId },
    ];
    if (n === 3)
      events.push({
        id: createEventId(ts + 1),
        ts: ts + 1,
        type: 'upgrade_completed',
        plan: 'business',
        amount: 1,
      });
    await post('/v1/events', { token, sentAt: Date.now(), events });
  }
  const upgraded = {
    id: createEventId(),
    ts: Date.now(),
    type: 'upgrade_completed',
    plan: 'business',
    amount: 2760,
  };
  await post('/v1/server/events', { events: [{ ...upgraded, accountId: 'acct_console_1' }] }, SERVER_KEY);

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('growth console on the edge', () => {
  it('signs in with the admin token and shows live experiment data', async () => {
    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('That admin token was not accepted.');
    await page.getByLabel('Admin token').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const table = page.getByRole('table', { name: /Per-variant results for usage_copy/ });
    await table.waitFor();
    const cells = await table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((c) => Number(c.textContent))),
      );
    // Three exposed accounts in total; exactly one server-reported conversion.
    expect(cells.reduce((s, [exposures]) => s + exposures!, 0)).toBe(3);
    expect(cells.reduce((s, [, conversions]) => s + conversions!, 0)).toBe(1);
    await expect.poll(() => page.locator('.verdict').textContent()).toMatch(/Not enough data/);
  });

  it('publishes edited copy that GET /v1/config serves, then rolls it back in one click', async () => {
    await page.getByRole('link', { name: 'Config' }).click();
    const title = page.getByRole('group', { name: 'Prompt seat_upgrade' }).getByLabel('Title');
    await expect.poll(() => title.inputValue()).toBe('{used} of {limit} seats taken');

    await title.fill('Hello {nobody}');
    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await title.fill('Your whole team fits on {nextPlan}');
    await page.getByLabel('Copy to preview').selectOption('prompt:seat_upgrade');
    await expect
      .poll(() => page.getByTestId('copy-preview').textContent())
      .toContain('Your whole team fits on Team');

    await page.getByLabel('Change note (required)').fill('e2e copy');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published version 2/).waitFor();
    expect(await servedTitle()).toBe('Your whole team fits on {nextPlan}');

    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.getByText('Rolled back: version 1 is live again as version 3.').waitFor();
    expect(await servedTitle()).toBe('{used} of {limit} seats taken');
    await expect.poll(() => title.inputValue()).toBe('{used} of {limit} seats taken');
  });

  it('refuses the "trigers" typo with the key meant, publishes nothing, and shows warnings without blocking', async () => {
    const before = await (await fetch(new URL('/v1/config', server.url))).json();
    await page.getByText('Whole config as JSON').click();
    const json = page.getByLabel('Config JSON');
    const text = await json.inputValue();
    await json.fill(text.replace('"triggers":', '"trigers":'));
    const problem = page.locator('.validation li', { hasText: 'trigers' });
    await expect
      .poll(() => problem.textContent())
      .toBe('trigers: unknown key "trigers"; did you mean "triggers"?');
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    // Nothing reached the edge: SDKs keep every trigger.
    expect(await (await fetch(new URL('/v1/config', server.url))).json()).toEqual(before);

    // A ratio of 8 where 0.8 was meant is valid, so it is a warning: Publish stays available.
    await json.fill(text.replace('"atLeast": 0.8', '"atLeast": 8'));
    const warnings = page.getByRole('list', { name: 'Warnings' });
    await expect.poll(() => warnings.textContent()).toContain('triggers.0.atLeast');
    // Valid with warnings: only the change note is missing before Publish can be pressed.
    await page.getByLabel('Change note (required)').fill('ratio check');
    expect(await page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(false);
    expect(await violations()).toEqual([]);
    await json.fill(text);
    await page.getByText('Whole config as JSON').click();
  });

  it('a threshold change shows its diff, impact and backtest, then publishes with a message', async () => {
    await page.getByLabel('Change note (required)').fill('');
    const threshold = page.getByRole('group', { name: /Trigger usage_ceiling/ }).getByLabel(/Threshold/);
    await threshold.fill('0.85');
    const changes = page.getByRole('list', { name: /Changes against version/ });
    await expect.poll(() => changes.textContent()).toContain('Trigger usage_ceiling: atLeast 0.8 → 0.85');

    await page.getByRole('button', { name: 'Preview impact' }).click();
    const prompts = page.getByRole('table', { name: /Prompts: eligible accounts/ });
    await prompts.waitFor();
    expect(await prompts.getByRole('rowheader').allTextContents()).toEqual(
      expect.arrayContaining(['usage_upgrade', 'seat_upgrade', 'tier_upgrade']),
    );
    await expect
      .poll(() => page.locator('#impact-heading + button + div .meta').textContent())
      .toMatch(/^3 accounts evaluated under live v3 and the draft/);
    await page.getByRole('table', { name: /Routes of current PQLs/ }).waitFor();

    await page.getByRole('button', { name: 'Run backtest' }).click();
    const backtest = page.getByRole('table', { name: /Backtest per trigger/ });
    await backtest.waitFor();
    const usage = backtest.locator('tr', { has: page.getByRole('rowheader', { name: 'usage_ceiling' }) });
    await expect.poll(() => usage.textContent()).toMatch(/Draft.*%.*95% CI/);
    expect(await backtest.textContent()).toContain('Live');
    // The new screens are accessible too.
    expect(await violations()).toEqual([]);

    await expect.poll(() => page.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await page
      .getByLabel('Change note (required)')
      .fill('prompt at 85 %: the backtest says 80 % fires too often');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published version 4/).waitFor();
    const served = (await (await fetch(new URL('/v1/config', server.url))).json()) as typeof acme;
    expect(served.triggers[0].atLeast).toBe(0.85);
    const history = page.getByRole('table', { name: 'Version history' });
    const row = history.locator('tr', { has: page.getByRole('rowheader', { name: 'v4' }) });
    await expect.poll(() => row.textContent()).toContain('admin');
    expect(await row.textContent()).toContain('prompt at 85 %: the backtest says 80 % fires too often');
  });

  it('warns that new copy for an exposed variant would mix treatments, and starts a new version listed apart', async () => {
    await page
      .getByRole('group', { name: 'Variant momentum' })
      .getByLabel('Title')
      .fill('Room to grow on {nextPlan}');
    await page.getByLabel('Change note (required)').fill('momentum: a shorter title');
    await page.getByRole('button', { name: 'Publish' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'This would mix two treatments' });
    await warning.waitFor();
    await expect
      .poll(() => warning.getByRole('listitem').allTextContents())
      .toEqual([
        'config.experiments.usage_copy.variants: version 1 has 3 exposed units; variant momentum: copy changed: start a new version (startNewVersion) or send acknowledgeMixedTreatments: true',
      ]);
    // Nothing was published: SDKs still run version 1 with its copy.
    const served = async () =>
      ((await (await fetch(new URL('/v1/config', server.url))).json()) as typeof acme).experiments.usage_copy;
    expect((await served()).version).toBeUndefined();
    expect(await violations()).toEqual([]);

    await page.getByRole('button', { name: 'Start a new version' }).click();
    await page
      .getByText('The draft now starts usage_copy version 2, with a new salt. Publish to start it.')
      .waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published version \d+/).waitFor();
    expect(await served()).toMatchObject({ version: 2, salt: 'usage_copy#v2', assignmentVersion: 2 });
    expect((await served()).variants[1].copy.title).toBe('Room to grow on {nextPlan}');

    // The results of the two versions are listed apart: version 1 keeps its three exposures.
    await page.getByRole('link', { name: 'Experiments' }).click();
    await page.getByRole('heading', { name: 'usage_copy version 2', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'usage_copy version 1 (ended)' }).waitFor();
    const first = page.getByRole('table', { name: /Per-variant results for usage_copy version 1 \(ended\)/ });
    const exposures = await first
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td')?.textContent)));
    expect(exposures.reduce((sum, n) => sum + n, 0)).toBe(3);
    await page.getByRole('link', { name: 'Config' }).click();
  });

  it('has no WCAG 2.2 AA violations on any tab (axe-core)', async () => {
    const found: Record<string, string[]> = {};
    for (const tab of ['Experiments', 'Funnel', 'Routes & handoffs', 'PQLs', 'Config']) {
      await page.getByRole('link', { name: tab }).click();
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      const list = await violations();
      if (list.length > 0) found[tab] = list;
    }
    expect(found).toEqual({});
  });
});
