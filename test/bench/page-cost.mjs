#!/usr/bin/env node
// What embedding Headroom costs a host page: the Acme Docs demo loaded in Chromium with and
// without Headroom (`?headroom=off` serves the same app without loading it). Prints transfer
// bytes, script bytes, long tasks, CLS and the layout shifts whose sources are Headroom's own
// elements (median of RUNS cold loads each). Printed, never asserted. Starts the real stack (scripts/demo.mjs) on random loopback ports.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/launch-chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.PAGE_COST_RUNS ?? 5);

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function startStack() {
  const dataDir = mkdtempSync(join(tmpdir(), 'headroom-page-cost-'));
  const [demo, edge, receiver] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [join(root, 'scripts/demo.mjs'), '--json', '--no-console', '--no-seed', '--data-dir', dataDir],
    {
      cwd: root,
      env: {
        ...process.env,
        HEADROOM_DEMO_PORT: String(demo),
        HEADROOM_EDGE_PORT: String(edge),
        HEADROOM_RECEIVER_PORT: String(receiver),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const env = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /HEADROOM_DEMO_READY (\{.*\})/.exec(buffer);
      if (match) resolve(JSON.parse(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`demo exited (${code})`)));
  });
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { env, stop };
}

/** One cold load: a fresh context (empty cache), metrics from CDP and PerformanceObserver. */
async function measure(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  await context.addInitScript(() => {
    window.__cost = { longTasks: 0, longTaskMs: 0, cls: 0, headroomShifts: 0 };
    // A Headroom element: a widget's root (.hr), a custom element, or the demo's banner slot.
    const isHeadroom = (node) =>
      node instanceof Element &&
      (node.closest('.hr, .banner-slot') !== null ||
        /^headroom-/i.test(node.localName) ||
        node.getRootNode() instanceof ShadowRoot);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__cost.longTasks += 1;
        window.__cost.longTaskMs += e.duration;
      }
    }).observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        window.__cost.cls += e.value;
        if (e.sources?.some((source) => isHeadroom(source.node))) window.__cost.headroomShifts += 1;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const types = new Map();
  let transfer = 0;
  let scripts = 0;
  let requests = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    requests += 1;
    transfer += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') scripts += e.encodedDataLength;
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForSelector('h1');
  const ready = Date.now() - started;
  await page.waitForTimeout(500);
  const cost = await page.evaluate(() => window.__cost);
  await context.close();
  return { transfer, scripts, requests, readyMs: ready, ...cost };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const { env, stop } = await startStack();
const browser = await launchChromium();
try {
  const rows = {};
  for (const [label, url] of [
    ['without Headroom', `${env.demo}/?headroom=off`],
    ['with Headroom', `${env.demo}/`],
  ]) {
    const runs = [];
    await measure(browser, url); // warm the servers, not measured
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, url));
    rows[label] = Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
  }
  const off = rows['without Headroom'];
  const on = rows['with Headroom'];
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `\nDemo page cost, median of ${RUNS} cold loads (Chromium, loopback; transfer = encoded bytes on the wire)`,
  );
  console.table({
    'without Headroom': {
      transfer: kb(off.transfer),
      scripts: kb(off.scripts),
      requests: off.requests,
      'long tasks': off.longTasks,
      'long-task ms': Math.round(off.longTaskMs),
      CLS: off.cls.toFixed(4),
      'Headroom shifts': off.headroomShifts,
      'ready ms': off.readyMs,
    },
    'with Headroom': {
      transfer: kb(on.transfer),
      scripts: kb(on.scripts),
      requests: on.requests,
      'long tasks': on.longTasks,
      'long-task ms': Math.round(on.longTaskMs),
      CLS: on.cls.toFixed(4),
      'Headroom shifts': on.headroomShifts,
      'ready ms': on.readyMs,
    },
    'Headroom adds': {
      transfer: kb(on.transfer - off.transfer),
      scripts: kb(on.scripts - off.scripts),
      requests: on.requests - off.requests,
      'long tasks': on.longTasks - off.longTasks,
      'long-task ms': Math.round(on.longTaskMs - off.longTaskMs),
      CLS: (on.cls - off.cls).toFixed(4),
      'Headroom shifts': on.headroomShifts - off.headroomShifts,
      'ready ms': on.readyMs - off.readyMs,
    },
  });
} finally {
  await browser.close();
  await stop();
}
