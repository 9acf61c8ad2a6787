import type { MeterState } from '@headroom/core';
import { useMemo } from 'react';
import { useAtom } from './use-atom.ts';
import { useHeadroom } from './use-headroom.ts';

/** What a meter shows before the SDK is there (server render, first paint). */
const UNKNOWN_METER: MeterState = Object.freeze({ used: 0, limit: null, ratio: 0, state: 'ok' });

/**
 * A meter's usage against the plan's limit; re-renders when it changes.
 * @example const { used, limit, state } = useMeter('seats');
 */
export function useMeter(id: string): MeterState {
  const client = useHeadroom();
  const store = useMemo(() => client?.meter(id).$ ?? null, [client, id]);
  return useAtom(store, UNKNOWN_METER);
}
