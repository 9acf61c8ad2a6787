#!/usr/bin/env node
// Screenshots of every story from the built Storybook (run `pnpm build-storybook` first):
// a tiny static server on 127.0.0.1 (random port), Debian Chromium via playwright-core,
// PNGs in test-results/stories/. `node stories/scripts/screenshots.mjs [filter]`.
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../test/support/launch-chromium.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const root = join(here, 'storybook-static');
const out = join(here, '..', 'test-results', 'stories');
const filter = process.argv[2] ?? '';
if (!existsSync(join(root, 'index.json'))) {
  console.error('No storybook-static/ — run `pnpm build-storybook` first.');
  process.exit(1);
}
mkdirSync(out, { recursive: true });

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
    /^(\.\.[/\\])+/,
    '',
  );
  const file = join(root, path === '/' ? 'index.html' : path);
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const index = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8'));
const stories = Object.values(index.entries).filter((e) => e.type === 'story' && e.id.includes(filter));
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 520 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const story of stories) {
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${story.id}&viewMode=story`);
    await page.waitForSelector('#storybook-root > *', { timeout: 15_000 });
    // Play functions click and type; let them and the fake edge (150 ms) finish.
    await page.waitForTimeout(900);
    await page.screenshot({ path: join(out, `${story.id}.png`) });
    console.log(`${story.id}.png`);
  }
  if (errors.length) {
    console.error(`page errors:\n${errors.join('\n')}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
  server.close();
}
