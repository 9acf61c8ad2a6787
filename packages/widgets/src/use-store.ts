import type { Signal } from '@preact/signals';
import type { ReadableAtom } from 'nanostores';
import { signal, useEffect, useMemo } from './peers.ts';

/**
 * Reads a nanostores atom through a signal, so the component re-renders only when the
 * store changes. The subscription follows the store identity and ends on unmount.
 */
export function useStore<T>(store: ReadableAtom<T>): T {
  const value: Signal<T> = useMemo(() => signal(store.get()), [store]);
  useEffect(() => {
    value.value = store.get();
    return store.listen((next) => {
      value.value = next;
    });
  }, [store, value]);
  return value.value;
}
