import { type ReadableStore, store } from './store.ts';

/** A store kept equal to `fn()` of its sources: eager, so it costs no lifecycle code. */
export function derive<T>(sources: ReadonlyArray<ReadableStore<unknown>>, fn: () => T): ReadableStore<T> {
  const $ = store(fn());
  for (const source of sources) source.listen(() => $.set(fn()));
  return $;
}
