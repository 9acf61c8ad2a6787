import type { Headroom } from '@headroom/sdk';
import { act, render, renderHook, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { fakeClient, seatPrompt } from '../test/fixtures.ts';
import {
  HeadroomProvider,
  useExperiment,
  useGate,
  useHeadroom,
  useMeter,
  usePrompt,
  useStatus,
} from './index.ts';

const withClient =
  (client: Headroom | null) =>
  ({ children }: { children: ReactNode }) => <HeadroomProvider client={client}>{children}</HeadroomProvider>;

function Seats() {
  const { used } = useMeter('seats');
  return <p>seats used: {used}</p>;
}

describe('hooks', () => {
  it('useMeter follows the meter as usage changes', () => {
    const client = fakeClient('team', { seats: 7 });
    const { result } = renderHook(() => useMeter('seats'), { wrapper: withClient(client) });
    expect(result.current).toMatchObject({ used: 7, limit: 10, state: 'ok' });
    act(() => client.$usage.set({ seats: 9 }));
    expect(result.current).toMatchObject({ used: 9, limit: 10, state: 'approaching' });
  });

  it('useGate tells whether the plan includes a feature and which plan unlocks it', () => {
    const client = fakeClient('team');
    const { result } = renderHook(() => ({ sso: useGate('sso'), comments: useGate('comments') }), {
      wrapper: withClient(client),
    });
    expect(result.current.comments.entitled).toBe(true);
    expect(result.current.sso).toMatchObject({ entitled: false, unlockedBy: 'business' });
    expect(result.current.sso.check()).toBe(false);
    expect(client.callsOf('gate.hit')).toEqual([['sso']]);
    act(() => client.$account.set({ ...client.$account.get()!, plan: 'business' }));
    expect(result.current.sso.entitled).toBe(true);
  });

  it('usePrompt shows the prompt the SDK picked for a surface, and its removal', () => {
    const client = fakeClient('team', { seats: 9 });
    const { result } = renderHook(() => usePrompt('banner'), { wrapper: withClient(client) });
    expect(result.current).toBeNull();
    act(() => client.setPrompt('banner', seatPrompt()));
    expect(result.current?.id).toBe('seat_upgrade');
    act(() => client.prompts.dismiss('seat_upgrade'));
    expect(result.current).toBeNull();
  });

  it('useExperiment returns the unit’s variant once the config is known', () => {
    const client = fakeClient();
    const assignment = { experimentId: 'usage_copy', variantId: 'momentum', bucket: 42, enrolled: true };
    client.experiment = (id) => (id === 'usage_copy' ? assignment : null);
    const { result } = renderHook(() => useExperiment('usage_copy'), { wrapper: withClient(client) });
    expect(result.current).toEqual(assignment);
  });

  it('useStatus reports the SDK lifecycle, and loading before there is a client', () => {
    const client = fakeClient();
    const { result } = renderHook(() => useStatus(), { wrapper: withClient(client) });
    expect(result.current).toBe('ready');
    act(() => client.$status.set('offline'));
    expect(result.current).toBe('offline');
    const none = renderHook(() => [useStatus(), useMeter('seats'), useGate('sso').entitled], {
      wrapper: withClient(null),
    });
    expect(none.result.current).toEqual(['loading', { used: 0, limit: null, ratio: 0, state: 'ok' }, null]);
  });

  it('useHeadroom outside a provider names the missing provider', () => {
    expect(() => renderHook(() => useHeadroom())).toThrow('No <HeadroomProvider>');
  });

  it('createClient runs once in the browser after mount, and the client is shut down on unmount', () => {
    const client = fakeClient('team', { seats: 3 });
    let created = 0;
    const create = () => {
      created += 1;
      return client;
    };
    const view = render(
      <HeadroomProvider createClient={create}>
        <Seats />
      </HeadroomProvider>,
    );
    expect(created).toBe(1);
    expect(screen.getByText('seats used: 3')).toBeTruthy();
    view.rerender(
      <HeadroomProvider createClient={create}>
        <Seats />
      </HeadroomProvider>,
    );
    expect(created).toBe(1);
    view.unmount();
    expect(client.callsOf('shutdown')).toHaveLength(1);
  });
});
