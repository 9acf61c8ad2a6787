import type { ReadableStore } from '@headroom/sdk';
import type { Signal } from '@preact/signals';
import { signal, useEffect, useMemo } from './peers.ts';

/**
 * Reads a Headroom store through a signal, so the component re-renders only when the
 * store changes. The subscription follows the store identity and ends on unmount.
 */
export function useStore<T>(store: ReadableStore<T>): T {
  const value: Signal<T> = useMemo(() => signal(store.get()), [store]);
  useEffect(() => {
    value.value = store.get();
    return store.listen((next) => {
      value.value = next;
    });
  }, [store, value]);
  return value.value;
}
