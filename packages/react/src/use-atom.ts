import type { ReadableStore } from '@headroom/sdk';
import { useCallback, useSyncExternalStore } from 'react';

const unsubscribed = () => {};

/**
 * Reads a Headroom store with `useSyncExternalStore` (tearing-free in concurrent renders).
 * Without a store (no client yet, or on the server) it returns `fallback`, which must be a
 * constant so React sees a stable snapshot.
 */
export function useAtom<T>(store: ReadableStore<T> | null, fallback: T): T {
  const subscribe = useCallback(
    (onChange: () => void) => (store ? store.listen(onChange) : unsubscribed),
    [store],
  );
  const read = () => (store ? store.get() : fallback);
  return useSyncExternalStore(subscribe, read, () => fallback);
}
