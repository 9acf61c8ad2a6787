import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPgliteStorage } from '@headroom/edge';
import { type EdgeServer, startEdgeServer } from '@headroom/edge/node';
import { signAccountToken } from '@headroom/edge/token';
import { build } from 'esbuild';
import type { Browser, Frame, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };
import { launchChromium } from '../support/launch-chromium.mjs';

// Issue #14 in a real browser: the SDK keeps delivering when Chromium's own storage and locks
// refuse, and one event the store cannot hold does not block the queue.
const SECRET = 'sdk-browser-secret-long-enough-for-hs256';
const ADMIN = 'sdk-browser-admin-token-0123456789abcdef';

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
  // The host site: a page on its own loopback origin (a secure context, so Web Locks and
  // IndexedDB are what a production https page has), cross-origin to the edge.
  site = createServer((req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(req.url === '/sandboxed' ? sandboxedHost() : '<!doctype html><title>host</title><p>host</p>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await edge?.close();
  site?.close();
});

const tokenOf = (sub: string) =>
  signAccountToken(
    { sub, uid: 'u1', plan: 'free', acv: 0, segment: 'smb', seats: 3, activatedAt: '2025-01-01' },
    SECRET,
    { expiresIn: '1h' },
  );

// A page whose only content is a sandboxed iframe (scripts, no same origin: an opaque origin,
// where IndexedDB and Web Locks throw), the SDK running inside it.
const sandboxedHost = () =>
  '<!doctype html><title>sandbox host</title><iframe sandbox="allow-scripts" srcdoc=""></iframe>';

/** Starts the SDK in a page or frame with a token for `sub`. */
async function start(target: Page | Frame, sub: string) {
  await target.evaluate(
    ([endpoint, token]) => {
      window.hrSetup = { endpoint: endpoint as string, token: token as string };
    },
    [edge.url, await tokenOf(sub)] as const,
  );
  await target.evaluate(script);
  await target.evaluate(() => window.hr.ready());
}

type Stored = { id: string; type: string; accountId: string; name?: string };
async function stored(accountId: string): Promise<Stored[]> {
  const res = await fetch(`${edge.url}/v1/admin/events?format=ndjson`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  const text = (await res.text()).trim();
  return (text ? text.split('\n').map((line) => JSON.parse(line) as Stored) : []).filter(
    (e) => e.accountId === accountId,
  );
}

/** Flushes until `done` holds for what the edge stored (bounded), then returns it. */
async function deliver(target: Page | Frame, accountId: string, done: (events: Stored[]) => boolean) {
  let events: Stored[] = [];
  for (let i = 0; i < 40; i++) {
    await target.evaluate(() => window.hr.flush());
    events = await stored(accountId);
    if (done(events)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return events;
}

const diagnostics = (target: Page | Frame) => target.evaluate(() => window.hr.diagnostics.$.get());
const goods = (events: Stored[]) => events.filter((e) => e.type === 'custom' && e.name === 'good');

describe('the SDK in Chromium', () => {
  it('stores the 60 good events behind a poisoned one, and drops only the poisoned ones', async () => {
    const page = await browser.newPage();
    await page.goto(siteUrl);
    await start(page, 'acct_poison');
    await page.evaluate(() => {
      // A NUL and a lone surrogate in an event name: text Postgres cannot store.
      window.hr.track('bad\u0000');
      window.hr.track('bad\ud800');
      for (let i = 0; i < 60; i++) window.hr.track('good', { i });
    });
    const events = await deliver(page, 'acct_poison', (e) => goods(e).length >= 60);
    expect(goods(events)).toHaveLength(60);
    expect(events.filter((e) => e.name?.startsWith('bad'))).toEqual([]);
    const d = await diagnostics(page);
    expect(d).toMatchObject({ sent: 60, dropped: 2, queued: 0 });
    await page.close();
  });

  it('delivers all 300 events when IndexedDB refuses every write (quota), and says so once', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      IDBObjectStore.prototype.put = () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    await page.goto(siteUrl);
    // Event batches wait here until the count below is read, so nothing is sent before it
    // however the machine is loaded.
    const held: Route[] = [];
    let release = false;
    await page.route('**/v1/events', (route) => (release ? route.continue() : void held.push(route)));
    await start(page, 'acct_quota');
    await page.evaluate(() => {
      for (let i = 0; i < 300; i++) window.hr.track('good', { i });
    });
    // What is really queued, while nothing can be sent (it said 0 before #14). The count is
    // taken once the refused write has fallen back to memory, a few IndexedDB round trips in.
    await expect.poll(async () => (await diagnostics(page)).queued, { timeout: 5000 }).toBeGreaterThan(0);
    release = true;
    for (const route of held.splice(0)) await route.continue();
    const events = await deliver(page, 'acct_quota', (e) => goods(e).length >= 300);
    expect(new Set(goods(events).map((e) => e.id)).size).toBe(300);
    const d = await diagnostics(page);
    expect(d).toMatchObject({ sent: 300, queued: 0, degraded: ['storage'] });
    await page.close();
  });

  it('delivers when IndexedDB is blocked outright', async () => {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', {
        get() {
          throw new DOMException('Access to IndexedDB is denied.', 'SecurityError');
        },
      });
    });
    await page.goto(siteUrl);
    await start(page, 'acct_blocked');
    await page.evaluate(() => {
      for (let i = 0; i < 100; i++) window.hr.track('good', { i });
    });
    const events = await deliver(page, 'acct_blocked', (e) => goods(e).length >= 100);
    expect(goods(events)).toHaveLength(100);
    expect(await diagnostics(page)).toMatchObject({ sent: 100, queued: 0, degraded: ['storage'] });
    await page.close();
  });

  it('delivers all 200 events from a sandboxed iframe, where IndexedDB and Web Locks throw', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/sandboxed`);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    if (!frame) throw new Error('no iframe');
    // The frame's own origin is opaque: storage and locks refuse there.
    expect(await frame.evaluate(() => window.origin)).toBe('null');
    await expect(frame.evaluate(() => navigator.locks.request('probe', async () => 1))).rejects.toThrow();
    await start(frame, 'acct_sandbox');
    await frame.evaluate(() => {
      for (let i = 0; i < 200; i++) window.hr.track('good', { i });
    });
    const events = await deliver(frame, 'acct_sandbox', (e) => goods(e).length >= 200);
    expect(new Set(goods(events).map((e) => e.id)).size).toBe(200);
    const d = await diagnostics(frame);
    expect(d).toMatchObject({ sent: 200, queued: 0 });
    expect([...(d.degraded ?? [])].sort()).toEqual(['locks', 'storage']);
    await page.close();
  });
});
