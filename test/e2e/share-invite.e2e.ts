import { describe, expect, it } from 'vitest';
import { demoContext, screenshot } from './browser.ts';
import { eventually, storedEvents } from './edge-admin.ts';
import { headroomReady, useStack } from './shared.ts';

const { env, browser } = useStack();

describe('invite nudge when sharing a document', () => {
  it('invites a teammate from the share dialog and stores invite_sent once, with our invite id', async () => {
    const { context, page, scenario } = await demoContext(browser(), env, { preset: 'self_serve_80' });
    await page.goto('/docs/doc-2');
    await headroomReady(page);
    await page.getByTestId('share').click();
    const dialog = page.getByRole('dialog', { name: /share/i });
    const nudge = dialog.getByRole('region', { name: /invite a teammate to review/i });
    await nudge.waitFor();
    await nudge.getByLabel('Email address').fill('sam@acme.test');
    await screenshot(page, 'share-invite-nudge');
    await nudge.getByRole('button', { name: 'Send invite' }).click();
    await nudge.getByRole('status').waitFor();

    const sent = await eventually(
      async () => {
        const found = (await storedEvents(env, scenario.accountId)).filter((e) => e.type === 'invite_sent');
        return found.length > 0 ? found : undefined;
      },
      20_000,
      'invite_sent in the store',
    );
    expect(sent).toHaveLength(1);
    // The invite id comes from the demo backend (POST /api/team/invites), not the widget.
    expect(sent[0]?.inviteId).toMatch(/^inv_[0-9a-f]{12}$/);
    await context.close();
  });
});
