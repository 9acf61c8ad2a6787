// Issue #17, item 1: `theme="auto"` follows the host page's own `color-scheme`, not the OS
// alone. Each case puts every widget (custom elements and Preact components) on a host page
// and runs axe-core's contrast checks with the OS in the other mode.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage, launchChromium } from './chromium.ts';
import { axe, openPage, useClient } from './harness.ts';

let browser: Browser;
let script: string;

beforeAll(async () => {
  [browser, script] = await Promise.all([
    launchChromium(),
    bundlePage(new URL('./page-entry.ts', import.meta.url).pathname),
  ]);
});
afterAll(async () => {
  await browser?.close();
});

/** Host pages: one that declares nothing (light), a dark one, and one that offers both. */
const HOSTS = {
  light: 'body{background:#fff;color:#1f2328}',
  dark: ':root{color-scheme:dark}body{background:#0d1117;color:#e6edf3}',
  'light dark': ':root{color-scheme:light dark}body{background:Canvas;color:CanvasText}',
} as const;

/** The widgets' foreground token in each scheme, as computed colours. */
const FG = { light: 'rgb(31, 35, 40)', dark: 'rgb(230, 237, 243)' } as const;

const WIDGETS = (theme = '') => `
  <h1>Account</h1>
  <headroom-usage-summary ${theme}></headroom-usage-summary>
  <headroom-usage-bar meter="docs" ${theme}></headroom-usage-bar>
  <headroom-gate feature="audit_log" ${theme}><p>Audit log</p></headroom-gate>
  <headroom-invite-nudge context="share" subject="Q3 plan" ${theme}></headroom-invite-nudge>
  <headroom-upgrade-prompt surface="modal" ${theme}></headroom-upgrade-prompt>
  <div id="preact"></div>`;

async function hostPage(host: keyof typeof HOSTS, os: 'light' | 'dark', theme = ''): Promise<Page> {
  const page = await openPage(browser, script, WIDGETS(theme), `<style>${HOSTS[host]}</style>`);
  await page.emulateMedia({ colorScheme: os });
  await useClient(page, 'team', { docs: 1300, seats: 9, api_calls: 82_000 });
  await page.evaluate(() => window.hrTest.renderPreact());
  return page;
}

/** The computed text colour of every widget root: the element ones and the Preact ones. */
function widgetColours(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const roots = [
      ...[...document.querySelectorAll('headroom-usage-summary, headroom-usage-bar, headroom-gate')].map(
        (el) => el.shadowRoot!.querySelector('.hr')!,
      ),
      ...document.querySelectorAll('#preact .hr'),
    ];
    return roots.map((el) => getComputedStyle(el).color);
  });
}

describe('theme="auto" follows the host page, not the OS', () => {
  it.each([
    ['light', 'dark', 'light'],
    ['dark', 'light', 'dark'],
    ['light dark', 'light', 'light'],
    ['light dark', 'dark', 'dark'],
  ] as const)(
    'a %s host with the OS in %s mode: %s widgets, 0 axe violations',
    async (host, os, expected) => {
      const page = await hostPage(host, os);
      const colours = await widgetColours(page);
      expect(colours).toHaveLength(5);
      expect.soft(new Set(colours)).toEqual(new Set([FG[expected]]));
      expect(await axe(page)).toEqual([]);
      await page.close();
    },
  );

  it('a host with its own dark-mode switch flips the widgets by setting color-scheme on its root', async () => {
    const page = await openPage(
      browser,
      script,
      WIDGETS(),
      `<style>${HOSTS.light} html.dark{color-scheme:dark} html.dark body{background:#0d1117;color:#e6edf3}</style>`,
    );
    await page.emulateMedia({ colorScheme: 'light' });
    await useClient(page, 'team', { docs: 1300, seats: 9, api_calls: 82_000 });
    await page.evaluate(() => window.hrTest.renderPreact());
    expect(new Set(await widgetColours(page))).toEqual(new Set([FG.light]));
    await page.evaluate(() => document.documentElement.classList.add('dark'));
    expect(new Set(await widgetColours(page))).toEqual(new Set([FG.dark]));
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it.each([
    ['light', 'dark'],
    ['dark', 'light'],
  ] as const)(
    'theme="%s" pins the scheme on a %s host whatever the OS, 0 axe violations',
    async (theme, host) => {
      const page = await openPage(
        browser,
        script,
        WIDGETS(`theme="${theme}"`),
        `<style>${HOSTS[host]}</style>`,
      );
      await page.emulateMedia({ colorScheme: host });
      await useClient(page, 'team', { docs: 1300 });
      await page.evaluate((t) => window.hrTest.renderPreact(t), theme);
      expect(new Set(await widgetColours(page))).toEqual(new Set([FG[theme]]));
      // A pinned bar paints its own background: its text stays readable on the other host.
      expect(await axe(page)).toEqual([]);
      await page.close();
    },
  );
});
