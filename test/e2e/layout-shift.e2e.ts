import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { promptOn, usageBar } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

interface Shift {
  value: number;
  /** Whether a source of the shift is a Headroom element (a widget, a custom element, the banner slot). */
  headroom: boolean;
  /** Whether a source is a prompt surface or the banner slot. */
  prompt: boolean;
  /** Whether a source is in the demo's header (the compact usage bars live there). */
  header: boolean;
  sources: string[];
}

declare global {
  interface Window {
    shifts: Shift[];
  }
}

/** Layout-shift entries the page recorded (PerformanceObserver, buffered from navigation). */
const shifts = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<Shift[]>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.shifts))),
      ),
  );

describe('(l) no layout shift from Headroom', () => {
  it('the banner and the usage bars arrive without any layout shift from a Headroom element or the header', async () => {
    const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await context.addInitScript(() => {
      window.shifts = [];
      // The node, the part it is in and the widget it belongs to, e.g. `span in value of hr hr-bar`.
      const describe = (node: Node | null) =>
        node instanceof Element
          ? `${node.localName} in ${node.closest('[part]')?.getAttribute('part')} of ${node.closest('.hr')?.className}`
          : String(node);
      const isHeadroom = (node: Node | null) =>
        node instanceof Element &&
        (node.closest('.hr, .banner-slot') !== null ||
          /^headroom-/.test(node.localName) ||
          node.getRootNode() instanceof ShadowRoot);
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<
          PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
            sources?: Array<{ node: Node | null }>;
          }
        >) {
          if (entry.hadRecentInput) continue;
          const nodes = (entry.sources ?? []).map((source) => source.node);
          window.shifts.push({
            value: entry.value,
            headroom: nodes.some(isHeadroom),
            prompt: nodes.some(
              (node) => node instanceof Element && node.closest('.hr-prompt, .banner-slot') !== null,
            ),
            header: nodes.some((node) => node instanceof Element && node.closest('.topbar') !== null),
            sources: nodes.map(describe),
          });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('/');
    await headroomReady(page);
    await promptOn(page, 'banner').waitFor();
    await usageBar(page, 'Documents').waitFor();
    const onHome = await shifts(page);
    expect(onHome.filter((shift) => shift.prompt)).toEqual([]);
    // Not one entry from any Headroom element or the header its compact usage bars sit in.
    expect(onHome.filter((shift) => shift.headroom || shift.header)).toEqual([]);
    console.log(
      `layout shifts with the banner on screen: ${onHome.length}, CLS ${onHome
        .reduce((sum, shift) => sum + shift.value, 0)
        .toFixed(4)}`,
    );
    await screenshot(page, 'l1-banner-overlay');

    // Another page (settings and billing, with the usage bars): still none.
    await page.getByRole('link', { name: 'Settings & billing' }).first().click();
    await headroomReady(page);
    const onSettings = await shifts(page);
    expect(onSettings.filter((shift) => shift.prompt)).toEqual([]);
    expect(onSettings.filter((shift) => shift.headroom || shift.header)).toEqual([]);
    await context.close();
  });
});
