import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A page holding `body` (in a `<main>`) and `head`, `before` run, then the test page script. */
export async function openPage(
  browser: Browser,
  script: string,
  body: string,
  head = '',
  before = '',
): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(
    `<!doctype html><html lang="en"><head><title>widgets</title>${head}</head><body><main>${body}</main></body></html>`,
  );
  if (before) await page.evaluate(before);
  await page.addScriptTag({ content: script });
  return page;
}

/** Sets a fake client (plan, usage) as the default for every element on the page. */
export async function useClient(page: Page, plan: string, usage: Record<string, number>) {
  await page.evaluate(
    ([p, u]) => {
      const c = window.hrTest.client(p as string, u as Record<string, number>);
      window.hrTest.last = c;
      window.hrTest.setDefaultClient(c);
    },
    [plan, usage] as const,
  );
}

/** axe-core's WCAG 2.2 AA and best-practice violations, one line each (shadow roots included). */
export async function axe(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (
          ctx: unknown,
          opts: unknown,
        ) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
      };
    };
    const result = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}
