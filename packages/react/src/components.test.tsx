import type { HeadroomElement, InviteEventDetail } from '@headroom/widgets/elements';
import { act, render, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeClient, seatPrompt } from '../test/fixtures.ts';
import { GateWall, HeadroomProvider, InviteNudge, UpgradePrompt, UsageBar, UsageSummary } from './index.ts';

const shadowText = (element: Element | null) => element?.shadowRoot?.textContent ?? '';

describe('components', () => {
  it('UsageBar renders the usage bar element bound to the provider’s client, locale and theme', async () => {
    const client = fakeClient('team', { seats: 9 });
    const { container } = render(
      <HeadroomProvider client={client} locale="de-DE" theme="dark">
        <UsageBar meter="seats" cta={false} />
      </HeadroomProvider>,
    );
    const element = container.querySelector<HeadroomElement>('headroom-usage-bar');
    expect(element?.getAttribute('meter')).toBe('seats');
    expect(element?.getAttribute('cta')).toBe('false');
    expect(element?.getAttribute('locale')).toBe('de-DE');
    expect(element?.getAttribute('theme')).toBe('dark');
    expect(element?.client).toBe(client);
    await waitFor(() => expect(shadowText(element)).toContain('9 von 10'));
    expect(shadowText(element)).not.toContain('Upgrade');
  });

  it('UsageBar follows usage changes', async () => {
    const client = fakeClient('team', { seats: 2 });
    const { container } = render(
      <HeadroomProvider client={client}>
        <UsageBar meter="seats" />
      </HeadroomProvider>,
    );
    const element = container.querySelector('headroom-usage-bar');
    await waitFor(() => expect(shadowText(element)).toContain('2 of 10 seats'));
    act(() => client.$usage.set({ seats: 10 }));
    await waitFor(() => expect(shadowText(element)).toContain('10 of 10 seats'));
  });

  it('UsageSummary lists the meters it is given', async () => {
    const client = fakeClient('team', { seats: 4, docs: 120 });
    const { container } = render(
      <HeadroomProvider client={client}>
        <UsageSummary meters={['seats', 'docs']} />
      </HeadroomProvider>,
    );
    const element = container.querySelector('headroom-usage-summary');
    expect(element?.getAttribute('meters')).toBe('seats,docs');
    await waitFor(() => expect(shadowText(element)).toContain('120 of 1,000 documents'));
    expect(shadowText(element)).toContain('4 of 10 seats');
  });

  it('UpgradePrompt shows the prompt the SDK picked for its surface', async () => {
    const client = fakeClient('team', { seats: 9 });
    client.setPrompt('banner', seatPrompt());
    const { container } = render(
      <HeadroomProvider client={client}>
        <UpgradePrompt surface="banner" />
      </HeadroomProvider>,
    );
    const element = container.querySelector('headroom-upgrade-prompt');
    await waitFor(() => expect(shadowText(element)).toContain('9 of 10 seats taken'));
    expect(shadowText(element)).toContain('Add seats');
  });

  it('GateWall mounts its children only when the plan includes the feature', async () => {
    const client = fakeClient('team');
    const { container, queryByText } = render(
      <HeadroomProvider client={client}>
        <GateWall feature="sso">
          <p>SSO settings</p>
        </GateWall>
      </HeadroomProvider>,
    );
    const element = container.querySelector('headroom-gate');
    expect(queryByText('SSO settings')).toBeNull();
    await waitFor(() => expect(shadowText(element)).toContain('Business'));
    expect(client.callsOf('gate.hit')).toEqual([['sso']]);
    act(() => client.$account.set({ ...client.$account.get()!, plan: 'business' }));
    expect(queryByText('SSO settings')).not.toBeNull();
  });

  it('InviteNudge hands the invite to onInvite and waits for it', async () => {
    const client = fakeClient('team');
    const invited: string[] = [];
    const { container } = render(
      <HeadroomProvider client={client}>
        <InviteNudge
          context="share"
          subject="Q3 plan"
          onInvite={async ({ email }) => {
            invited.push(email);
            return 'invite_1';
          }}
        />
      </HeadroomProvider>,
    );
    const element = container.querySelector('headroom-invite-nudge');
    expect(element?.getAttribute('subject')).toBe('Q3 plan');
    await waitFor(() => expect(shadowText(element)).toContain('Q3 plan'));
    let pending: Promise<unknown> | undefined;
    const detail: InviteEventDetail = {
      email: 'ada@example.com',
      context: 'share',
      waitUntil: (promise) => {
        pending = promise;
      },
    };
    element?.dispatchEvent(new CustomEvent('headroom-invite', { detail }));
    expect(invited).toEqual(['ada@example.com']);
    await expect(pending).resolves.toBe('invite_1');
  });
});
