import { describe, expect, it } from 'vitest';
import { demoContext } from './browser.ts';
import { eventually, storedEvents } from './edge-admin.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

describe('(f) offline, then online', () => {
  it('delivers events made offline exactly once', async () => {
    const { context, page, scenario } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await page.goto('/docs/doc-1');
    await headroomReady(page);
    await context.setOffline(true);
    for (let i = 0; i < 3; i++) await page.getByTestId('export').click();
    await page.waitForTimeout(1500); // the SDK tries to flush and fails
    await context.setOffline(false);

    const exported = () =>
      storedEvents(env, scenario.accountId).then((events) =>
        events.filter((e) => e.type === 'custom' && e.name === 'document_exported'),
      );
    await eventually(
      async () => ((await exported()).length >= 3 ? true : undefined),
      25_000,
      'offline events',
    );
    // A retry that double-sends would show up within a few more flush intervals.
    await page.waitForTimeout(3000);
    await context.close();
    const events = await exported();
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
  });
});
