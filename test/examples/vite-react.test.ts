import { readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPgliteStorage } from '@headroom/edge';
import { type EdgeServer, startEdgeServer } from '@headroom/edge/node';
import { signAccountToken } from '@headroom/edge/token';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import acme from '../../packages/core/examples/acme.config.json' with { type: 'json' };
import { launchChromium } from '../support/launch-chromium.mjs';

// examples/vite-react, built by Vite from the workspace packages' dist (what npm ships), served
// with the two things its host backend provides: a token route and the edge under /headroom.
const SECRET = 'examples-secret-long-enough-for-hs256-signing';
const exampleRoot = fileURLToPath(new URL('../../examples/vite-react/', import.meta.url));
const outDir = join(tmpdir(), `headroom-example-vite-react-${process.pid}`);
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

let edge: EdgeServer;
let site: Server;
let siteUrl: string;
let browser: Browser;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  const built = build({ root: exampleRoot, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  [edge, browser] = await Promise.all([
    createPgliteStorage().then((storage) =>
      startEdgeServer({ storage, secret: SECRET, config: acme, rateLimit: false, log: () => {}, port: 0 }),
    ),
    launchChromium(),
    built,
  ]);
  site = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://site');
    if (url.pathname === '/api/headroom-token') {
      const token = await signAccountToken(
        {
          sub: 'acct_example',
          uid: 'user_1',
          plan: 'team',
          acv: 1440,
          segment: 'smb',
          seats: 10,
          activatedAt: '2025-01-01',
          usage: { seats: 9, docs: 120 },
        },
        SECRET,
        { expiresIn: '15m' },
      );
      response.end(token);
      return;
    }
    if (url.pathname.startsWith('/headroom/')) {
      const body =
        request.method === 'GET' || request.method === 'HEAD'
          ? null
          : new Uint8Array(await readBody(request));
      const headers = Object.entries(request.headers).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
      );
      const answer = await fetch(`${edge.url}${url.pathname.slice('/headroom'.length)}${url.search}`, {
        method: request.method ?? 'GET',
        headers,
        body,
      });
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'text/plain',
      });
      response.end(Buffer.from(await answer.arrayBuffer()));
      return;
    }
    const file = url.pathname === '/' ? '/index.html' : url.pathname;
    try {
      const content = await readFile(join(outDir, file));
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(content);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await edge?.close();
  site?.close();
  await rm(outDir, { recursive: true, force: true });
});

/** The text inside the first `tag` element's shadow root. */
const shadowText = (page: Page, selector: string) =>
  page.evaluate((css) => document.querySelector(css)?.shadowRoot?.textContent ?? '', selector);

describe('examples/vite-react in Chromium', () => {
  it('shows the usage bars, the seat prompt and the paywall, and follows usage the host reports', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(siteUrl);
    await page.getByText('9 / 10 seats (ready)').waitFor();
    await expect.poll(() => shadowText(page, 'headroom-usage-bar[meter="seats"]')).toContain('9 of 10 seats');
    expect(await shadowText(page, 'headroom-usage-bar[meter="docs"]')).toContain('120 of 1,000 documents');
    await expect.poll(() => shadowText(page, 'headroom-upgrade-prompt')).toContain('9 of 10 seats taken');
    await expect.poll(() => shadowText(page, 'headroom-gate')).toContain('Business');
    expect(await page.getByText('SSO settings').count()).toBe(0);

    await page.getByRole('button', { name: 'Add a teammate' }).click();
    await page.getByText('10 / 10 seats (ready)').waitFor();
    await expect
      .poll(() => shadowText(page, 'headroom-usage-bar[meter="seats"]'))
      .toContain('10 of 10 seats');
    expect(errors).toEqual([]);
    await page.close();
  });
});
