import { act, fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { account, config } from '../test/fixtures.ts';
import { renderWith } from '../test/render.tsx';
import { InviteNudge } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

const hrWith = (canNudge = true) =>
  createFakeHeadroom({ config, account: account(), canNudge: () => canNudge });

describe('InviteNudge', () => {
  it('asks to invite a teammate about the subject and records that it was shown', () => {
    const hr = hrWith();
    renderWith(hr, <InviteNudge context="share" subject="Q3 roadmap" onInvite={() => undefined} />);
    expect(screen.getByRole('heading', { name: 'Invite a teammate to review Q3 roadmap' })).toBeTruthy();
    expect(screen.getByLabelText('Email address')).toBeTruthy();
    expect(hr.callsOf('invites.nudgeShown')).toEqual([['share']]);
  });

  it('renders nothing when the frequency cap says no', () => {
    const hr = hrWith(false);
    renderWith(hr, <InviteNudge context="share" subject="Q3" onInvite={() => undefined} />);
    expect(screen.queryByRole('heading')).toBeNull();
    expect(hr.callsOf('invites.nudgeShown')).toEqual([]);
  });

  it('appears once the config loads after mount, and stays after the cap closes on being shown', async () => {
    let hr: ReturnType<typeof createFakeHeadroom> | undefined;
    // Like the SDK: no config, no nudge; one nudge per context and day.
    const canNudge = () => hr?.$config.get() != null && hr.callsOf('invites.nudgeShown').length === 0;
    hr = createFakeHeadroom({ config, account: account(), canNudge });
    hr.$config.set(null);
    renderWith(hr, <InviteNudge context="share" subject="Q3" onInvite={() => undefined} />);
    expect(screen.queryByRole('heading')).toBeNull();
    act(() => hr.$config.set(config));
    expect(await screen.findByRole('heading', { name: 'Invite a teammate to review Q3' })).toBeTruthy();
    expect(hr.callsOf('invites.nudgeShown')).toEqual([['share']]);
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: 'ana' } });
    expect(screen.getByRole('heading', { name: 'Invite a teammate to review Q3' })).toBeTruthy();
  });

  it('rejects an invalid email with an accessible error and sends nothing', () => {
    const hr = hrWith();
    const onInvite = vi.fn();
    renderWith(hr, <InviteNudge context="share" subject="Q3" onInvite={onInvite} />);
    const input = screen.getByLabelText('Email address');
    fireEvent.input(input, { target: { value: 'not-an-email' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send invite' }));
    const error = screen.getByRole('alert');
    expect(error.textContent).toBe('Enter an email address like name@example.com.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toBe(error.id);
    expect(onInvite).not.toHaveBeenCalled();
    expect(hr.callsOf('invites.sent')).toEqual([]);
  });

  it('sends through the host, then records invite_sent with the host invite id', async () => {
    const hr = hrWith();
    const onInvite = vi.fn(async () => 'inv_42');
    renderWith(hr, <InviteNudge context="share" subject="Q3" onInvite={onInvite} />);
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: ' ana@example.com ' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Send invite' }).closest('form')!);
    expect(await screen.findByText('Invite sent to ana@example.com.')).toBeTruthy();
    expect(onInvite).toHaveBeenCalledWith({ email: 'ana@example.com', context: 'share' });
    expect(hr.callsOf('invites.sent')).toEqual([[{ inviteId: 'inv_42', channel: 'email' }]]);
  });

  it('a failed send shows an error and records nothing', async () => {
    const hr = hrWith();
    renderWith(
      hr,
      <InviteNudge context="share" subject="Q3" onInvite={() => Promise.reject(new Error('smtp down'))} />,
    );
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: 'ana@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send invite' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The invite could not be sent. Try again.');
    expect(hr.callsOf('invites.sent')).toEqual([]);
  });

  it('"Not now" hides it and counts the dismissal for the cap', async () => {
    const hr = hrWith();
    renderWith(hr, <InviteNudge context="share" subject="Q3" onInvite={() => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(hr.callsOf('invites.nudgeDismissed')).toEqual([['share']]);
    await waitFor(() => expect(screen.queryByRole('heading')).toBeNull());
  });
});
