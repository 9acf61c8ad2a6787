import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assignVariant, defineConfig } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { admin, eventually, storedEvents } from './edge-admin.ts';
import { promptOn } from './locators.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();
const config = defineConfig(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../apps/demo/headroom.config.json'), 'utf8')),
);
const experiment = { id: 'usage_copy', ...config.experiments.usage_copy! };

/** An account id that lands in `variant` (assignment is deterministic, so we can search). */
function accountIn(variant: string): string {
  for (;;) {
    const id = `acct_ab_${randomBytes(5).toString('hex')}`;
    if (assignVariant(experiment, id).variantId === variant) return id;
  }
}

interface ExperimentsAnswer {
  experiments: { id: string; variants: { id: string; exposures: number }[] }[];
}

describe('(c) A/B copy', () => {
  it('shows each variant its own copy and stores one exposure per account', async () => {
    const accounts = { control: accountIn('control'), momentum: accountIn('momentum') };
    const before = await admin<ExperimentsAnswer>(env, '/v1/admin/experiments');
    const exposuresOf = (answer: ExperimentsAnswer, variant: string) =>
      answer.experiments.find((e) => e.id === 'usage_copy')?.variants.find((v) => v.id === variant)
        ?.exposures ?? 0;

    const titles: Record<string, string> = {};
    for (const [variant, accountId] of Object.entries(accounts)) {
      const { context, page } = await demoContext(browser(), env, { preset: 'self_serve_80', accountId });
      await page.goto('/');
      const banner = promptOn(page, 'banner');
      await banner.waitFor();
      titles[variant] = (await banner.getByRole('heading').textContent()) ?? '';
      await screenshot(page, `c-variant-${variant}`);
      // Seen again after a reload: still one exposure.
      await page.reload();
      await headroomReady(page);
      await banner.waitFor();
      await context.close(); // pagehide flushes the queue
    }
    expect(titles.control).toMatch(/^You've used 82% of your documents$/i);
    expect(titles.momentum).toBe('Your team is growing fast');

    for (const [variant, accountId] of Object.entries(accounts)) {
      const exposures = await eventually(
        async () => {
          const found = (await storedEvents(env, accountId)).filter((e) => e.type === 'exposure');
          return found.length > 0 ? found : undefined;
        },
        20_000,
        `the ${variant} exposure`,
      );
      expect(exposures.map((e) => [e.experimentId, e.variantId])).toEqual([['usage_copy', variant]]);
    }
    const after = await admin<ExperimentsAnswer>(env, '/v1/admin/experiments');
    expect(exposuresOf(after, 'control') - exposuresOf(before, 'control')).toBe(1);
    expect(exposuresOf(after, 'momentum') - exposuresOf(before, 'momentum')).toBe(1);
  });
});
