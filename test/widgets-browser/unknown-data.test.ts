// Issue #17, item 2, in Chromium with the real SDK: when the edge cannot answer (expired
// token, unreachable endpoint, CORS refusal, no valid config) the elements say "Usage
// unavailable" (no invented numbers), a GateWall shows its content without a paywall,
// explainUnknown (@headroom/sdk/diagnose) says why, and the numbers come back when the data does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineConfig } from '@headroom/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };
import { bundlePage, launchChromium } from './chromium.ts';

type Mode = 'ok' | 'expired' | 'no_cors' | 'bad_config';

const config = defineConfig(acme);
const history = {
  accountId: 'acct_1',
  gateHits: [],
  invites: [],
  firstPqlAt: null,
  activeTriggers: [],
  usage: {},
};

let browser: Browser;
let script: string;
let site: Server;
let edge: Server;
let mode: Mode = 'ok';

const listen = (server: Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );

/** An unsigned account token (the browser never verifies it; the fake edge reads `exp`). */
function token(expiresInSeconds: number): string {
  const claims = {
    sub: 'acct_1',
    uid: 'u_1',
    plan: 'free',
    acv: 0,
    segment: 'smb',
    seats: 2,
    exp: Math.floor(Date.now() / 1000) + expiresInSeconds,
  };
  return `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
}

let siteUrl = '';
let edgeUrl = '';

beforeAll(async () => {
  [browser, script] = await Promise.all([
    launchChromium(),
    bundlePage(new URL('./real-sdk-entry.ts', import.meta.url).pathname),
  ]);
  // The host page, on its own origin.
  site = createServer((_, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(
      `<!doctype html><html lang="en"><head><title>host</title></head><body><main>
        <headroom-usage-bar meter="docs"></headroom-usage-bar>
        <headroom-gate feature="audit_log"><p id="gated">Audit log viewer</p></headroom-gate>
      </main><script>${script.replace(/<\/script/g, '<\\/script')}</script></body></html>`,
    );
  });
  // A fake edge on another origin: CORS for the site unless the mode refuses it.
  edge = createServer((req, res) => {
    if (mode !== 'no_cors') {
      res.setHeader('access-control-allow-origin', siteUrl);
      res.setHeader('access-control-allow-headers', 'authorization, content-type, if-none-match');
      res.setHeader('access-control-expose-headers', 'etag');
    }
    const send = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') return send(204, {});
    if (req.url === '/v1/config') return send(200, mode === 'bad_config' ? { hello: 'world' } : config);
    if (req.url === '/v1/account') {
      return mode === 'expired'
        ? send(401, { error: { code: 'token_expired', message: 'token expired' } })
        : send(200, history);
    }
    if (req.url === '/v1/events') return send(202, { accepted: 0, duplicates: 0, rejected: 0 });
    return send(404, { error: { code: 'not_found', message: 'not found' } });
  });
  [siteUrl, edgeUrl] = await Promise.all([listen(site), listen(edge)]);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([site, edge].map((s) => new Promise((r) => s?.close(r))));
});

/** What the user sees and what diagnostics say, after the SDK started. */
async function look(page: Page) {
  return page.evaluate(async () => {
    const why = await window.hrReal.explain();
    const bar = document.querySelector('headroom-usage-bar')?.shadowRoot;
    const gate = document.querySelector('headroom-gate')?.shadowRoot;
    const d = window.hrReal.client?.diagnostics.$.get();
    return {
      bar: bar?.querySelector('[part=value]')?.textContent ?? '',
      state: bar?.querySelector('[data-state]')?.getAttribute('data-state') ?? '',
      progressbar: bar?.querySelector('[role=progressbar]') !== null,
      // The slot renders the host's content; a paywall would have a heading.
      gateContent: Boolean(gate?.querySelector('slot')) && !gate?.querySelector('h2'),
      status: window.hrReal.client?.status.$.get(),
      reason: why?.reason,
      message: why?.message,
      lastError: d?.lastError,
    };
  });
}

async function startOn(endpoint: string, accountToken: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(siteUrl);
  await page.evaluate(([e, t]) => window.hrReal.start(e as string, t as string), [endpoint, accountToken]);
  return page;
}

/** The data arrives: a client that reaches a healthy edge takes over the same elements. */
async function recover(page: Page) {
  mode = 'ok';
  await page.evaluate(([e, t]) => window.hrReal.start(e as string, t as string), [edgeUrl, token(3600)]);
  await page.waitForFunction(() =>
    /of 50 documents/.test(
      document.querySelector('headroom-usage-bar')?.shadowRoot?.querySelector('[part=value]')?.textContent ??
        '',
    ),
  );
  return look(page);
}

const unavailable = {
  bar: 'Usage unavailable',
  state: 'unknown',
  progressbar: false,
  gateContent: true,
  status: 'offline',
};

describe('unknown data in Chromium (real SDK, loopback edge on another origin)', () => {
  it('an expired token: unavailable, reason token_expired; the host reporting usage brings numbers back', async () => {
    mode = 'expired';
    const page = await startOn(edgeUrl, token(-60));
    // The plan is known from the token and the config is public: the paywall is decidable.
    expect(await look(page)).toMatchObject({
      ...unavailable,
      gateContent: false,
      reason: 'token_expired',
      lastError: 'account: 401',
    });
    // The config is known (public), so a value from the host is enough for honest numbers.
    await page.evaluate(() => window.hrReal.client?.meter('docs').set(12));
    await page.waitForFunction(() =>
      /12 of 50 documents/.test(
        document.querySelector('headroom-usage-bar')?.shadowRoot?.querySelector('[part=value]')
          ?.textContent ?? '',
      ),
    );
    await page.close();
  });

  it('an unreachable endpoint: unavailable, reason endpoint_unreachable; recovers', async () => {
    const dead = createServer();
    const deadUrl = await listen(dead);
    await new Promise((r) => dead.close(r));
    const page = await startOn(deadUrl, token(3600));
    const seen = await look(page);
    expect(seen).toMatchObject({ ...unavailable, reason: 'endpoint_unreachable' });
    expect(seen.message).toContain(`Nothing answered as a Headroom edge at ${deadUrl}`);
    expect(await recover(page)).toMatchObject({
      state: 'ok',
      progressbar: true,
      status: 'ready',
      reason: undefined,
    });
    await page.close();
  });

  it('a CORS refusal (the edge answers without CORS headers): unavailable, reason cors_refused; recovers', async () => {
    mode = 'no_cors';
    const page = await startOn(edgeUrl, token(3600));
    const seen = await look(page);
    expect(seen).toMatchObject({ ...unavailable, reason: 'cors_refused' });
    // The message names the origin to allow.
    expect(seen.message).toContain(`refused this page's origin (${siteUrl})`);
    expect(seen.message).toContain('HEADROOM_ALLOWED_ORIGINS');
    expect(await recover(page)).toMatchObject({ state: 'ok', progressbar: true, reason: undefined });
    await page.close();
  });

  it('no valid config: unavailable, the gate shows its content, reason config_invalid; recovers', async () => {
    mode = 'bad_config';
    const page = await startOn(edgeUrl, token(3600));
    expect(await look(page)).toMatchObject({ ...unavailable, reason: 'config_invalid' });
    expect(await page.evaluate(() => window.hrReal.client?.diagnostics.$.get().errors)).toBeGreaterThan(0);
    expect(await recover(page)).toMatchObject({ state: 'ok', progressbar: true, reason: undefined });
    await page.close();
  });
});
