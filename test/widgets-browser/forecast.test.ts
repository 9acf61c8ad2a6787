// Issue #20, item 1, in Chromium against the real edge (PGlite, loopback, another origin): usage
// posted over two weeks, the edge's `meter_forecast` triggers project it, and
// `<headroom-usage-bar forecast>` says when each meter reaches its limit, as the bar's
// accessible description, in a line that was there before the sentence arrived; a monthly
// meter whose trend only reaches the limit after its reset says nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEventId, DAY_MS } from '@headroom/core';
import { createPgliteStorage } from '@headroom/edge';
import { type EdgeServer, startEdgeServer } from '@headroom/edge/node';
import { signAccountToken } from '@headroom/edge/token';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };
import { bundlePage, launchChromium } from './chromium.ts';

const SECRET = 'widgets-forecast-secret-long-enough-for-hs256';
// Sunday 10 Jan 2027, 15:00 UTC, on the edge and in the page: api_calls (monthly) resets on 1 Feb.
const NOW = Date.UTC(2027, 0, 10, 15);
const config = {
  ...acme,
  triggers: [
    ...acme.triggers,
    // One trigger per meter: a trigger's result carries the forecast of its nearest meter only.
    { id: 'docs_forecast', kind: 'meter_forecast', meters: ['docs'] },
    { id: 'calls_forecast', kind: 'meter_forecast', meters: ['api_calls'] },
  ],
};

let edge: EdgeServer;
let site: Server;
let siteUrl: string;
let browser: Browser;
let script: string;

const tokenFor = (sub: string, usage: Record<string, number> = {}) =>
  signAccountToken({ sub, uid: 'u1', plan: 'team', acv: 1440, segment: 'smb', seats: 5, usage }, SECRET, {
    expiresIn: '1h',
    now: Math.floor(NOW / 1000),
  });

/** Posts `meter`'s reading for each of the last `values.length` days, today last. */
async function postUsage(sub: string, meter: string, values: number[]) {
  const events = values.map((value, i) => {
    const ts = NOW - (values.length - 1 - i) * DAY_MS;
    return { id: createEventId(ts), ts, type: 'usage', meter, value };
  });
  const res = await fetch(`${edge.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: await tokenFor(sub), sentAt: NOW, events }),
  });
  expect(await res.json()).toMatchObject({ accepted: events.length });
}

beforeAll(async () => {
  [edge, browser, script] = await Promise.all([
    createPgliteStorage().then((storage) =>
      startEdgeServer({
        storage,
        secret: SECRET,
        config,
        rateLimit: false,
        log: () => {},
        now: () => NOW,
        port: 0,
      }),
    ),
    launchChromium(),
    bundlePage(new URL('./forecast-entry.ts', import.meta.url).pathname),
  ]);
  site = createServer((_, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(
      `<!doctype html><html lang="en"><head><title>forecast</title></head><body><main>
        <headroom-usage-bar meter="docs" forecast></headroom-usage-bar>
        <headroom-usage-bar meter="api_calls" forecast locale="de"></headroom-usage-bar>
        <headroom-usage-bar id="plain" meter="docs"></headroom-usage-bar>
      </main><script>${script.replace(/<\/script/g, '<\\/script')}</script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await edge?.close();
  site?.close();
});

/** Each bar: its forecast line, the progressbar's accessible description, and its height. */
const bars = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('headroom-usage-bar')].map((element) => {
      const root = element.shadowRoot;
      const bar = root?.querySelector('[role=progressbar]');
      const describedBy = bar?.getAttribute('aria-describedby');
      return {
        line: root?.querySelector('[part=forecast]')?.textContent ?? null,
        description: describedBy ? (root?.getElementById(describedBy)?.textContent ?? null) : null,
        height: root?.querySelector('.hr')?.getBoundingClientRect().height ?? 0,
      };
    }),
  );

/**
 * Opens the page on the fixed clock and starts the SDK for `sub`, holding the account answer
 * until the bars were measured once (the token's usage claims make them known before it).
 */
async function open(sub: string, usage: Record<string, number>) {
  const page = await browser.newPage();
  await page.clock.setFixedTime(NOW);
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/v1/account', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(siteUrl);
  const token = await tokenFor(sub, usage);
  void page.evaluate(([e, t]) => window.hrForecast.start(e as string, t as string), [edge.url, token]);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('headroom-usage-bar')].every((e) =>
      e.shadowRoot?.querySelector('[role=progressbar]'),
    ),
  );
  const before = await bars(page);
  release();
  await page.evaluate(() => window.hrForecast.client?.ready());
  // The answer arrived: status is ready, and the elements re-rendered with it.
  await page.waitForFunction(() => window.hrForecast.client?.status.$.get() === 'ready');
  return { page, before, after: await bars(page) };
}

describe('the usage bar forecast in Chromium against the real edge', () => {
  it('says when each meter reaches its limit, as the bar’s description, without a layout shift', async () => {
    // Documents: +20 a day for 14 days, 800 today → 1,000 in 10 days (20 Jan). API calls
    // (monthly, 1 Jan on): +9,000 a day, 90,000 today → 100,000 in 2 days (12 Jan).
    await postUsage(
      'acct_rising',
      'docs',
      Array.from({ length: 15 }, (_, i) => 520 + 20 * i),
    );
    await postUsage(
      'acct_rising',
      'api_calls',
      Array.from({ length: 10 }, (_, i) => 9000 * (i + 1)),
    );
    const { page, before, after } = await open('acct_rising', { docs: 800, api_calls: 90_000 });

    const docs = "At this rate you'll reach 1,000 documents around Jan 20";
    const calls = 'Bei diesem Tempo erreichen Sie 100.000 calls etwa am 12. Jan.';
    expect(after.map(({ line, description }) => ({ line, description }))).toEqual([
      { line: docs, description: docs },
      { line: calls, description: calls },
      // Without the attribute: no line, no description.
      { line: null, description: null },
    ]);
    // Before the answer the lines were empty but there: the sentences took no new space.
    expect(before.map((bar) => bar.line)).toEqual(['', '', null]);
    expect(after.map((bar) => bar.height)).toEqual(before.map((bar) => bar.height));
    await page.close();
  });

  it('a monthly meter that reaches its limit only after the reset says nothing; too little data neither', async () => {
    // API calls: +3,000 a day from 1 Jan, 30,000 today → 100,000 around 3 Feb, after the
    // 1 Feb reset. Documents: 3 days of readings, too few to project.
    await postUsage(
      'acct_capped',
      'api_calls',
      Array.from({ length: 10 }, (_, i) => 3000 * (i + 1)),
    );
    await postUsage('acct_capped', 'docs', [700, 750, 800]);
    const { page, after } = await open('acct_capped', { docs: 800, api_calls: 30_000 });
    expect(after.map(({ line, description }) => ({ line, description }))).toEqual([
      { line: '', description: '' },
      { line: '', description: '' },
      { line: null, description: null },
    ]);
    // The edge's reasons, which the console and the CS handoff show, say why.
    const account = (await page.evaluate(() => window.hrForecast.client?.account.body)) as {
      edgeTriggers: Array<{ id: string; reason: string }>;
    };
    const reasons = Object.fromEntries(account.edgeTriggers.map((r) => [r.id, r.reason]));
    expect(reasons.calls_forecast).toContain(
      'api_calls: resets on 2027-02-01 before reaching its limit of 100000',
    );
    expect(reasons.docs_forecast).toContain('docs: 3 days of usage, too few to forecast (needs 7)');
    await page.close();
  });
});
