import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { admin, eventually } from './edge-admin.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

interface Received {
  id: string;
  deliveries: number;
  payload: { account?: { id?: string } };
}
const received = async () =>
  ((await (await fetch(`${env.receiver}/handoffs`)).json()) as { handoffs: Received[] }).handoffs;

describe('(b) enterprise upgrade routed to customer success', () => {
  it('shows the handoff confirmation and the webhook receives the handoff exactly once', async () => {
    const { context, page, scenario } = await demoContext(browser(), env, { preset: 'enterprise_cs' });
    await page.goto('/settings/billing');
    await headroomReady(page);
    await page.getByTestId('billing-upgrade').click();
    const dialog = page.getByRole('dialog', { name: /account team will be in touch/i });
    await dialog.waitFor();
    const handoffId = (await dialog.getByTestId('handoff-id').textContent()) ?? '';
    expect(handoffId).not.toBe('');
    await screenshot(page, 'b1-cs-handoff-confirmation');

    const got = await eventually(
      async () => (await received()).find((h) => h.id === handoffId),
      20_000,
      'the handoff at the webhook receiver',
    );
    expect(got.payload.account?.id).toBe(scenario.accountId);
    // Give a would-be duplicate delivery time to arrive, then check it did not.
    await new Promise((r) => setTimeout(r, 2500));
    const mine = (await received()).filter((h) => h.payload.account?.id === scenario.accountId);
    expect(mine.map((h) => [h.id, h.deliveries])).toEqual([[handoffId, 1]]);
    const { handoffs } = await admin<{ handoffs: { id: string; status: string; attempts: number }[] }>(
      env,
      '/v1/admin/handoffs',
    );
    expect(handoffs.find((h) => h.id === handoffId)).toMatchObject({ status: 'delivered', attempts: 1 });
    await context.close();
  });
});
